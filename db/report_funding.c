#include "db/report_funding.h"

#include <stddef.h>

#include "db/db_internal.h"

/* This file's statements, from SLOT_REPORT_FIRST (db/report_caseloads.c
 * numbers its own from REPORT_CASELOADS_SLOT). */
enum funding_statement {
	FUNDING_BY_DISTRICT,
	FUNDING_ENTRIES,
	FUNDING_CAPACITY,
	FUNDING_EQUALITY,
	FUNDING_ENTRIES_PAGE,
	FUNDING_DISTRICT_DRIFT,
};

/* The routes' sets on ?1: the contracts, spot purchases and budgets in
 * force are few beside the entries, so each is gathered once
 * (MATERIALIZED) and looked up by SQLite's automatic index, and the
 * entries are read in one pass. */
#define ROUTE_SETS_SQL \
	"covered AS MATERIALIZED (" \
	"  SELECT DISTINCT cv.district, cv.therapy FROM coverage cv " \
	"  JOIN contracts c ON c.id = cv.contract_id " \
	"  WHERE c.start_date <= ?1 AND c.end_date >= ?1 " \
	"    AND ifnull(c.status, 'active') <> 'draft'), " \
	"spots AS MATERIALIZED (" \
	"  SELECT DISTINCT child_id, therapy FROM spot_purchases " \
	"  WHERE start_date <= ?1 AND (end_date IS NULL OR end_date >= ?1)), " \
	"budgets AS MATERIALIZED (" \
	"  SELECT DISTINCT child_id FROM personal_budgets " \
	"  WHERE start_date <= ?1 AND end_date >= ?1 AND therapy_amount_pence > 0) "

/* The route of entry te of child ch on ?1. */
#define ROUTE_SQL \
	"CASE WHEN te.funding IN ('school', 'nhs') THEN te.funding " \
	"     WHEN te.funding = 'contract' AND EXISTS (SELECT 1 FROM covered v " \
	"       WHERE v.district = ch.district AND v.therapy = te.therapy) THEN 'contract' " \
	"     WHEN te.funding = 'spot' AND EXISTS (SELECT 1 FROM spots s " \
	"       WHERE s.child_id = te.child_id AND s.therapy = te.therapy) THEN 'spot' " \
	"     WHEN te.funding = 'pb' AND EXISTS (SELECT 1 FROM budgets b " \
	"       WHERE b.child_id = te.child_id) THEN 'pb' " \
	"     ELSE 'none' END"

/* The Section F entries in force on ?1 joined to their children, read in
 * one pass: NOT INDEXED, as on a usual day most entries have started
 * (see db_entries_by_section). */
#define IN_FORCE_SQL \
	"FROM therapy_entries te NOT INDEXED JOIN children ch ON ch.id = te.child_id " \
	"WHERE te.section = 'F' AND te.start_date <= ?1 " \
	"  AND (te.end_date IS NULL OR te.end_date >= ?1) "

#define ROUTE_ORDER(r) \
	"CASE " r " WHEN 'contract' THEN 1 WHEN 'spot' THEN 2 WHEN 'pb' THEN 3 " \
	"WHEN 'school' THEN 4 WHEN 'nhs' THEN 5 ELSE 6 END"

static sqlite3_stmt *statement(struct db *db, enum funding_statement which, const char *sql,
                               struct error *err)
{
	return db_statement(db, SLOT_REPORT_FIRST + (int)which, sql, err);
}

static void bind_text(sqlite3_stmt *stmt, int i, const char *text)
{
	if (text)
		sqlite3_bind_text(stmt, i, text, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(stmt, i);
}

int db_report_f_funding(struct db *db, const char *on, db_row_fn fn, void *ctx,
                        struct error *err)
{
	/* The entries go straight into the grouping, with no copy of them
	 * first: a materialized copy with every column the lists need took
	 * 3.7 times the direct query on the national bench database.  The
	 * groups are then put in order on their own (MATERIALIZED), so the
	 * route's lookups are not made again to sort them. */
	sqlite3_stmt *stmt = statement(db, FUNDING_BY_DISTRICT, "WITH " ROUTE_SETS_SQL ", "
		"g AS MATERIALIZED ("
		"  SELECT ch.district, te.therapy, " ROUTE_SQL " AS route, count(*) AS entries, "
		"         count(DISTINCT te.child_id) AS children, "
		"         ifnull(sum(te.minutes_per_week), 0) AS minutes "
		"  " IN_FORCE_SQL
		"  GROUP BY 1, 2, 3) "
		"SELECT district, therapy, route, entries, children, minutes FROM g "
		"ORDER BY district, therapy, " ROUTE_ORDER("route"), err);
	if (stmt == NULL)
		return err ? err->code : EX_SOFTWARE;
	bind_text(stmt, 1, on);
	return db_walk(db, stmt, fn, ctx, err, "Section F funding");
}

int db_report_f_entries(struct db *db, const char *on, const struct db_funded_filter *filter,
                        db_row_fn fn, void *ctx, struct error *err)
{
	/* The filters are tested on each entry as it is read, the route last,
	 * so only the entries listed are kept to be sorted. */
	sqlite3_stmt *stmt = statement(db, FUNDING_ENTRIES, "WITH " ROUTE_SETS_SQL ", "
		"f AS ("
		"  SELECT te.id, te.ref, te.child_id, ch.ref AS child_ref, ch.district, te.therapy, "
		"         te.minutes_per_week AS mpw, te.start_date, te.funding, " ROUTE_SQL " AS route "
		"  " IN_FORCE_SQL
		"    AND (NOT ?3 OR ch.district IS ?4) AND (?5 IS NULL OR te.therapy = ?5)) "
		"SELECT id, ref, child_id, child_ref, district, therapy, mpw, start_date, funding, "
		"       route "
		"FROM f WHERE ?2 IS NULL OR route = ?2 "
		"ORDER BY ref", err);
	if (stmt == NULL)
		return err ? err->code : EX_SOFTWARE;
	bind_text(stmt, 1, on);
	bind_text(stmt, 2, filter->route);
	sqlite3_bind_int(stmt, 3, filter->has_district);
	bind_text(stmt, 4, filter->district);
	bind_text(stmt, 5, filter->therapy);
	return db_walk(db, stmt, fn, ctx, err, "Section F entries");
}

/* Whether a contract in force covers the page's district (?3) for its
 * therapy (?4) on ?1: the same for every entry of the page, so SQLite
 * works it out once (an uncorrelated subquery). */
#define PAGE_CONTRACT_HOLDS_SQL \
	"EXISTS (SELECT 1 FROM coverage cv JOIN contracts c ON c.id = cv.contract_id " \
	"        WHERE cv.district = ?3 AND cv.therapy = ?4 " \
	"          AND c.start_date <= ?1 AND c.end_date >= ?1 " \
	"          AND ifnull(c.status, 'active') <> 'draft')"

/* The route of entry te on ?1 as ROUTE_SQL gives it, each spot purchase
 * or budget looked up for the entry alone: for a page of a few entries,
 * where gathering every purchase and budget in force first would cost
 * more than the page. */
#define ROUTE_OF_ONE_SQL \
	"CASE WHEN te.funding IN ('school', 'nhs') THEN te.funding " \
	"     WHEN te.funding = 'contract' AND " PAGE_CONTRACT_HOLDS_SQL " THEN 'contract' " \
	"     WHEN te.funding = 'spot' AND EXISTS (SELECT 1 FROM spot_purchases s " \
	"       WHERE s.child_id = te.child_id AND s.therapy = te.therapy " \
	"         AND s.start_date <= ?1 AND (s.end_date IS NULL OR s.end_date >= ?1)) " \
	"       THEN 'spot' " \
	"     WHEN te.funding = 'pb' AND EXISTS (SELECT 1 FROM personal_budgets b " \
	"       WHERE b.child_id = te.child_id AND b.start_date <= ?1 AND b.end_date >= ?1 " \
	"         AND b.therapy_amount_pence > 0) THEN 'pb' " \
	"     ELSE 'none' END"

/* Which entries can have route ?2 before any purchase or budget is
 * looked up, from the index alone: a route other than none is the
 * funding recorded; none is never school or nhs, nor contract where the
 * district's contract holds. */
#define ROUTE_CAN_BE_SQL \
	"CASE WHEN ?2 IS NULL THEN 1 " \
	"     WHEN ?2 = 'none' THEN ifnull(te.funding, '') NOT IN ('school', 'nhs') " \
	"       AND NOT (ifnull(te.funding, '') = 'contract' AND " PAGE_CONTRACT_HOLDS_SQL ") " \
	"     ELSE te.funding IS ?2 END"

int db_report_f_entries_page(struct db *db, const char *on, const struct db_funded_filter *filter,
                             const char *after_entry, int limit, db_row_fn fn, void *ctx,
                             struct error *err)
{
	/* therapy_entries_district_drill holds the district's entries of the
	 * therapy in ref order with every column tested here, so the page
	 * reads that index until it has its rows, and reads a table row only
	 * for a spot purchase or budget to look up and for each child's ref
	 * listed: a rare route in a large district costs the district's
	 * entries of the therapy in the index, not its children. */
	sqlite3_stmt *stmt = statement(db, FUNDING_ENTRIES_PAGE,
		"SELECT id, ref, child_id, child_ref, district, therapy, mpw, start_date, funding, "
		"       route "
		"FROM (SELECT te.id, te.ref, te.child_id, ch.ref AS child_ref, te.district, te.therapy, "
		"             te.minutes_per_week AS mpw, te.start_date, te.funding, "
		"             " ROUTE_OF_ONE_SQL " AS route "
		"      FROM therapy_entries te JOIN children ch ON ch.id = te.child_id "
		"      WHERE te.section = 'F' AND te.therapy = ?4 AND te.district IS ?3 AND te.ref > ?5 "
		"        AND te.start_date <= ?1 AND (te.end_date IS NULL OR te.end_date >= ?1) "
		"        AND " ROUTE_CAN_BE_SQL ") "
		"WHERE ?2 IS NULL OR route = ?2 "
		"ORDER BY ref LIMIT ?6", err);
	if (stmt == NULL)
		return err ? err->code : EX_SOFTWARE;
	bind_text(stmt, 1, on);
	bind_text(stmt, 2, filter->route);
	bind_text(stmt, 3, filter->district);
	bind_text(stmt, 4, filter->therapy);
	bind_text(stmt, 5, after_entry ? after_entry : "");
	sqlite3_bind_int(stmt, 6, limit);
	return db_walk(db, stmt, fn, ctx, err, "Section F entries");
}

/* Entries whose district is not their child's: the copy the triggers of
 * migration 0015 keep; (entry ref, its district, the child's). */
int db_entries_district_drift(struct db *db, db_row_fn fn, void *ctx, struct error *err)
{
	sqlite3_stmt *stmt = statement(db, FUNDING_DISTRICT_DRIFT,
		"SELECT te.ref, te.district, ch.district "
		"FROM therapy_entries te JOIN children ch ON ch.id = te.child_id "
		"WHERE te.district IS NOT ch.district ORDER BY te.ref", err);
	if (stmt == NULL)
		return err ? err->code : EX_SOFTWARE;
	return db_walk(db, stmt, fn, ctx, err, "therapy entries' districts");
}

/* An entry counts for a contract and therapy when the contract funds it
 * (contract_id) or covers its child's district for its therapy; the two
 * ways are joined from the entries in force, the second leaving out what
 * the first counted (cheaper than making the union distinct: 0.56 s of
 * CPU against 0.73 s over 300,000 entries), so no entry is read once per
 * contract or counted twice for one. */
int db_report_capacity(struct db *db, const char *on, db_row_fn fn, void *ctx,
                       struct error *err)
{
	sqlite3_stmt *stmt = statement(db, FUNDING_CAPACITY,
		"WITH live AS MATERIALIZED (" \
		"  SELECT id, ref FROM contracts " \
		"  WHERE start_date <= ?1 AND end_date >= ?1 " \
		"    AND ifnull(status, 'active') <> 'draft'), " \
		"ents AS MATERIALIZED (" \
		"  SELECT te.id, te.therapy, te.contract_id, te.minutes_per_week AS mpw, ch.district " \
		"  FROM therapy_entries te NOT INDEXED JOIN children ch ON ch.id = te.child_id " \
		"  WHERE te.start_date <= ?1 AND (te.end_date IS NULL OR te.end_date >= ?1)), " \
		"counted AS (" \
		"  SELECT cv.contract_id, e.therapy, e.id, e.mpw " \
		"  FROM ents e JOIN coverage cv ON cv.district = e.district AND cv.therapy = e.therapy " \
		"  WHERE cv.contract_id IN (SELECT id FROM live) " \
		"  UNION ALL " \
		"  SELECT e.contract_id, e.therapy, e.id, e.mpw FROM ents e " \
		"  WHERE e.contract_id IN (SELECT id FROM live) " \
		"    AND NOT EXISTS (SELECT 1 FROM coverage cv WHERE cv.contract_id = e.contract_id " \
		"      AND cv.district = e.district AND cv.therapy = e.therapy)), " \
		"load AS (" \
		"  SELECT contract_id, therapy, count(*) AS entries, ifnull(sum(mpw), 0) AS minutes " \
		"  FROM counted GROUP BY contract_id, therapy), " \
		"keys AS (" \
		"  SELECT cv.contract_id, cv.therapy FROM coverage cv JOIN live l ON l.id = cv.contract_id " \
		"  UNION SELECT s.contract_id, s.therapy FROM staffing s JOIN live l ON l.id = s.contract_id " \
		"  UNION SELECT contract_id, therapy FROM load) " \
		"SELECT k.contract_id, l.ref, k.therapy, " \
		"       (SELECT count(*) FROM coverage cv " \
		"        WHERE cv.contract_id = k.contract_id AND cv.therapy = k.therapy), " \
		"       (SELECT CAST(round(sum(s.fte) * 100) AS INTEGER) FROM staffing s " \
		"        WHERE s.contract_id = k.contract_id AND s.therapy = k.therapy), " \
		"       ifnull(d.entries, 0), ifnull(d.minutes, 0) " \
		"FROM keys k JOIN live l ON l.id = k.contract_id " \
		"LEFT JOIN load d ON d.contract_id = k.contract_id AND d.therapy = k.therapy " \
		"ORDER BY l.ref, k.therapy", err);
	if (stmt == NULL)
		return err ? err->code : EX_SOFTWARE;
	bind_text(stmt, 1, on);
	return db_walk(db, stmt, fn, ctx, err, "capacity");
}

/* Age on ?1 in whole years from an ISO date of birth. */
#define AGE_SQL(dob) \
	"(CAST(substr(?1, 1, 4) AS INTEGER) - CAST(substr(" dob ", 1, 4) AS INTEGER) " \
	" - (substr(?1, 6, 5) < substr(" dob ", 6, 5)))"

/* The age band's order (1 for 0-4 to 5 for 20-25, 9 for any other age)
 * of an age in whole years. */
#define BAND_SQL(age) \
	"CASE WHEN " age " < 0 THEN 9 WHEN " age " <= 4 THEN 1 WHEN " age " <= 10 THEN 2 " \
	"     WHEN " age " <= 15 THEN 3 WHEN " age " <= 19 THEN 4 WHEN " age " <= 25 THEN 5 " \
	"     ELSE 9 END"

int db_report_equality(struct db *db, const char *on, db_row_fn fn, void *ctx,
                       struct error *err)
{
	/* A child's own columns are read with its entries, and each child
	 * kept once per route (DISTINCT), so no child is looked up twice. */
	sqlite3_stmt *stmt = statement(db, FUNDING_EQUALITY, "WITH " ROUTE_SETS_SQL ", "
		"kids AS MATERIALIZED (" \
		"  SELECT DISTINCT te.child_id, " ROUTE_SQL " AS route, ch.sex, ch.primary_need, " \
		"         ch.district, " BAND_SQL(AGE_SQL("ch.date_of_birth")) " AS band " \
		"  " IN_FORCE_SQL "), " \
		"g AS (" \
		"  SELECT 1 AS k, band AS sort, route, count(*) AS n FROM kids GROUP BY band, route " \
		"  UNION ALL SELECT 2, sex, route, count(*) FROM kids GROUP BY sex, route " \
		"  UNION ALL SELECT 3, primary_need, route, count(*) FROM kids " \
		"    GROUP BY primary_need, route " \
		"  UNION ALL SELECT 4, district, route, count(*) FROM kids GROUP BY district, route) " \
		"SELECT CASE k WHEN 1 THEN 'age_band' WHEN 2 THEN 'sex' WHEN 3 THEN 'primary_need' " \
		"       ELSE 'district' END, " \
		"       CASE WHEN k = 1 THEN CASE sort WHEN 1 THEN '0-4' WHEN 2 THEN '5-10' " \
		"         WHEN 3 THEN '11-15' WHEN 4 THEN '16-19' WHEN 5 THEN '20-25' " \
		"         ELSE 'other' END ELSE sort END, " \
		"       route, n, sum(n) OVER (PARTITION BY k, route) " \
		"FROM g ORDER BY k, sort, " ROUTE_ORDER("route"), err);
	if (stmt == NULL)
		return err ? err->code : EX_SOFTWARE;
	bind_text(stmt, 1, on);
	return db_walk(db, stmt, fn, ctx, err, "equality");
}
