#include "db/report_caseloads.h"

#include <stddef.h>

#include "db/db_internal.h"
#include "db/entries.h"

/* After db/report_funding.c's statements. */
#define REPORT_CASELOADS_SLOT (SLOT_REPORT_FIRST + 8)

/* Parameters: ?1 on, ?2 the window's first day, ?3 review_by, ?4 terms.
 * The sessions delivered in the window are summed per entry in one pass
 * over provision_date (a window's sessions are few beside all of them),
 * not looked up entry by entry; the entries are read in one pass too
 * (NOT INDEXED: reaching them child by child through
 * therapy_entries_child took half as long again, 0.87 s against 0.56 s
 * of CPU over 300,000 entries).  An entry in force over the whole window
 * (most of them) is owed the window's days, or its term days when term
 * time only: those are worked out once (span), not once an entry. */
int db_report_caseloads(struct db *db, const struct db_caseload_days *days, db_row_fn fn,
                        void *ctx, struct error *err)
{
	sqlite3_stmt *stmt = db_statement(db, REPORT_CASELOADS_SLOT,
		"WITH kids AS MATERIALIZED ("
		"  SELECT id, caseworker_id AS cw, "
		"         date(ifnull(last_review_date, ehcp_start_date), '+12 months') AS due "
		"  FROM children WHERE ifnull(ehcp_status, 'active') <> 'ceased'), "
		"delivered AS MATERIALIZED ("
		"  SELECT p.entry_id, sum(p.minutes) AS minutes FROM provision p "
		"  WHERE p.date >= ?2 AND p.date <= ?1 AND " SQL_DELIVERED("p") " "
		"  GROUP BY p.entry_id), "
		"span AS MATERIALIZED ("
		"  SELECT " SQL_PLAN_DAYS("?2", "?1", "1", "?4") " AS term_days, "
		"         " SQL_PLAN_DAYS("?2", "?1", "0", "?4") " AS all_days), "
		"ents AS ("
		"  SELECT k.cw, te.minutes_per_week AS mpw, "
		"         CASE WHEN te.start_date > ?2 "
		"              THEN " SQL_PLAN_DAYS("te.start_date", "?1", "te.term_time_only", "?4") " "
		"              WHEN ifnull(te.term_time_only, 0) THEN s.term_days "
		"              ELSE s.all_days END AS days, "
		"         d.minutes AS delivered "
		"  FROM therapy_entries te NOT INDEXED JOIN kids k ON k.id = te.child_id "
		"  CROSS JOIN span s LEFT JOIN delivered d ON d.entry_id = te.id "
		"  WHERE te.start_date <= ?1 AND (te.end_date IS NULL OR te.end_date >= ?1)), "
		"by_entries AS ("
		"  SELECT cw, count(*) AS entries, "
		"         count(CASE WHEN ifnull(mpw, 0) * days / 7 > ifnull(delivered, 0) THEN 1 END) "
		"           AS short "
		"  FROM ents GROUP BY cw), "
		"by_kids AS ("
		"  SELECT cw, count(*) AS children, count(CASE WHEN due < ?1 THEN 1 END) AS overdue, "
		"         count(CASE WHEN due >= ?1 AND due <= ?3 THEN 1 END) AS soon "
		"  FROM kids GROUP BY cw) "
		"SELECT u.login, k.children, ifnull(e.entries, 0), ifnull(e.short, 0), k.overdue, "
		"       k.soon "
		"FROM by_kids k LEFT JOIN by_entries e ON e.cw IS k.cw "
		"LEFT JOIN users u ON u.id = k.cw "
		"ORDER BY k.cw IS NULL, u.login", err);
	if (stmt == NULL)
		return err ? err->code : EX_SOFTWARE;
	sqlite3_bind_text(stmt, 1, days->on, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 2, days->from, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 3, days->review_by, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 4, days->terms, -1, SQLITE_TRANSIENT);
	return db_walk(db, stmt, fn, ctx, err, "caseloads");
}
