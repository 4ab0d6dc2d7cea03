#include "db/entries.h"

#include "db/db_internal.h"

int db_entries_by_section(struct db *db, const char *on, db_row_fn fn, void *ctx,
                          struct error *err)
{
	/* ISO dates compare as text in date order.  NOT INDEXED: on the day
	 * asked for (usually today) most entries have started, and walking
	 * therapy_entries_active with a table lookup per entry took 2.7 times
	 * as long as reading the table (8.9 s against 3.3 s over 3,000,000
	 * entries); a covering index was no faster than the table. */
	sqlite3_stmt *stmt = db_statement(db, SLOT_ENTRIES_BY_SECTION,
		"SELECT section, therapy, count(DISTINCT child_id), count(*), "
		"       ifnull(sum(minutes_per_week), 0) "
		"FROM therapy_entries NOT INDEXED "
		"WHERE start_date <= ?1 AND (end_date IS NULL OR end_date >= ?1) "
		"GROUP BY section, therapy "
		"ORDER BY section, therapy", err);
	if (stmt == NULL)
		return err ? err->code : EX_SOFTWARE;
	sqlite3_bind_text(stmt, 1, on, -1, SQLITE_TRANSIENT);
	return db_walk(db, stmt, fn, ctx, err, "therapy entries by section");
}

/* Each entry's active part is [lo, hi]; days are counted from day numbers
 * (unixepoch / 86400), both ends included.  The entries are read from the
 * table, not therapy_entries_active: on the usual range most entries have
 * started, and a lookup per entry costs more than the row.  The plan days
 * of the entries in force throughout the range (most of them) are the
 * range's, counted once (span); the term periods are cut to the range
 * once (terms).  Each entry's sessions in its active part are joined over
 * the provision(entry_id, date) index and grouped by entry (the entries
 * come in id order, so the grouping needs no sort); every figure comes
 * from that one pass.  Reading weekly sums instead took more steps: their
 * cut weeks, at both ends of the range and of each entry's dates, must
 * still be read from the sessions.
 * Parameters: ?1 and ?2 the first and last days of the range, ?3 the
 * term dates as JSON. */
#define TERM_DAYS(lo, hi) \
	"(SELECT ifnull(sum(max(0, unixepoch(min(" hi ", t.value ->> 1)) / 86400 " \
	"                         - unixepoch(max(" lo ", t.value ->> 0)) / 86400 + 1)), 0) " \
	" FROM json_each((SELECT pairs FROM terms)) t)"

int db_entries_shortfall(struct db *db, const char *from, const char *to, const char *terms,
                         db_row_fn fn, void *ctx, struct error *err)
{
	sqlite3_stmt *stmt = db_statement(db, SLOT_ENTRIES_SHORTFALL,
		"WITH terms AS MATERIALIZED ("
		"  SELECT json_group_array(t.value) AS pairs FROM json_each(?3) t "
		"  WHERE t.value ->> 0 <= ?2 AND t.value ->> 1 >= ?1), "
		"span AS MATERIALIZED ("
		"  SELECT unixepoch(?2) / 86400 - unixepoch(?1) / 86400 + 1 AS all_days, "
		"         " TERM_DAYS("?1", "?2") " AS term_days), "
		"e AS ("
		"  SELECT id, ref, child_id, therapy, section, lo, hi, mpw * days / 7 AS specified "
		"  FROM (SELECT id, ref, child_id, therapy, section, mpw, lo, hi, "
		"               CASE WHEN whole AND tto THEN (SELECT term_days FROM span) "
		"                    WHEN whole THEN (SELECT all_days FROM span) "
		"                    WHEN tto THEN " TERM_DAYS("lo", "hi") " "
		"                    ELSE unixepoch(hi) / 86400 - unixepoch(lo) / 86400 + 1 END AS days "
		"        FROM (SELECT id, ref, child_id, therapy, section, minutes_per_week AS mpw, "
		"                     ifnull(term_time_only, 0) AS tto, "
		"                     start_date <= ?1 AND (end_date IS NULL OR end_date >= ?2) AS whole, "
		"                     max(start_date, ?1) AS lo, min(ifnull(end_date, ?2), ?2) AS hi "
		"              FROM therapy_entries NOT INDEXED "
		"              WHERE minutes_per_week IS NOT NULL AND start_date <= ?2 "
		"                AND (end_date IS NULL OR end_date >= ?1))) "
		"  WHERE mpw * days / 7 > 0) "
		"SELECT e.ref, c.ref, e.therapy, e.section, e.specified, "
		"       ifnull(sum(CASE WHEN " SQL_DELIVERED("p") " THEN p.minutes END), 0) AS delivered, "
		"       e.specified - ifnull(sum(CASE WHEN " SQL_DELIVERED("p") " THEN p.minutes END), 0) "
		"         AS shortfall, "
		"       count(CASE WHEN " SQL_MISSED("p") " THEN 1 END), "
		"       count(CASE WHEN p.outcome = 'provider-cancelled' THEN 1 END), "
		"       count(CASE WHEN p.outcome = 'school-cancelled' THEN 1 END), "
		"       count(CASE WHEN p.outcome = 'child-absent' THEN 1 END), "
		"       count(CASE WHEN p.outcome = 'did-not-attend' THEN 1 END) "
		"FROM e "
		"JOIN children c ON c.id = e.child_id AND ifnull(c.ehcp_status, 'active') <> 'ceased' "
		"LEFT JOIN provision p ON p.entry_id = e.id AND p.date >= e.lo AND p.date <= e.hi "
		"GROUP BY e.id "
		"HAVING shortfall > 0 "
		"ORDER BY shortfall DESC, e.ref", err);
	if (stmt == NULL)
		return err ? err->code : EX_SOFTWARE;
	sqlite3_bind_text(stmt, 1, from, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 2, to, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 3, terms, -1, SQLITE_TRANSIENT);
	return db_walk(db, stmt, fn, ctx, err, "provision shortfall");
}
