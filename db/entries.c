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
 * (unixepoch / 86400), both ends included.  Each entry's sessions in its
 * active part are joined over the provision(entry_id, date) index and
 * grouped by entry (the entries are read in id order, so the grouping
 * needs no sort); every figure comes from that one pass.
 * Parameters: ?1 and ?2 the first and last days of the range, ?3 the
 * term dates as JSON. */
int db_entries_shortfall(struct db *db, const char *from, const char *to, const char *terms,
                         db_row_fn fn, void *ctx, struct error *err)
{
	sqlite3_stmt *stmt = db_statement(db, SLOT_ENTRIES_SHORTFALL,
		"SELECT e.ref, c.ref, e.therapy, e.section, e.specified, "
		"       ifnull(sum(CASE WHEN " SQL_DELIVERED("p") " THEN p.minutes END), 0) AS delivered, "
		"       e.specified - ifnull(sum(CASE WHEN " SQL_DELIVERED("p") " THEN p.minutes END), 0) "
		"         AS shortfall, "
		"       count(CASE WHEN " SQL_MISSED("p") " THEN 1 END), "
		"       count(CASE WHEN p.outcome = 'provider-cancelled' THEN 1 END), "
		"       count(CASE WHEN p.outcome = 'school-cancelled' THEN 1 END), "
		"       count(CASE WHEN p.outcome = 'child-absent' THEN 1 END), "
		"       count(CASE WHEN p.outcome = 'did-not-attend' THEN 1 END) "
		"FROM (SELECT id, ref, child_id, therapy, section, lo, hi, "
		"             " SQL_SPECIFIED("minutes_per_week", "lo", "hi", "term_time_only", "?3")
		"               AS specified "
		"      FROM (SELECT id, ref, child_id, therapy, section, minutes_per_week, term_time_only, "
		"                   max(start_date, ?1) AS lo, min(ifnull(end_date, ?2), ?2) AS hi "
		"            FROM therapy_entries "
		"            WHERE start_date <= ?2 AND (end_date IS NULL OR end_date >= ?1) "
		"              AND minutes_per_week IS NOT NULL) "
		"      WHERE hi >= lo) e "
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
