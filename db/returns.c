#include "db/returns.h"

#include "db/db_internal.h"

int db_pb_by_year(struct db *db, int start_month, int first_year, int last_year,
                  db_row_fn fn, void *ctx, struct error *err)
{
	/* The academic year of an ISO date: its calendar year, less one
	 * when its month comes before the start month. */
	static const char sql[] =
		"SELECT year, count(*), count(DISTINCT child_id), ifnull(sum(amount_pence), 0), "
		"       ifnull(sum(therapy_amount_pence), 0), ifnull(sum(eotas = 1), 0), "
		"       ifnull(sum(CASE WHEN eotas = 1 THEN amount_pence ELSE 0 END), 0) "
		"FROM (SELECT CAST(substr(start_date, 1, 4) AS INTEGER) "
		"             - (CAST(substr(start_date, 6, 2) AS INTEGER) < ?1) AS year, "
		"             child_id, amount_pence, therapy_amount_pence, eotas "
		"      FROM personal_budgets) "
		"WHERE year BETWEEN ?2 AND ?3 "
		"GROUP BY year ORDER BY year";
	sqlite3_stmt *stmt = db_statement(db, SLOT_PB_BY_YEAR, sql, err);
	if (stmt == NULL)
		return err ? err->code : EX_SOFTWARE;
	sqlite3_bind_int(stmt, 1, start_month);
	sqlite3_bind_int(stmt, 2, first_year);
	sqlite3_bind_int(stmt, 3, last_year);
	return db_walk(db, stmt, fn, ctx, err, "personal budgets summary");
}

int db_returns_by_month(struct db *db, const char *first_month, const char *last_month,
                        db_row_fn fn, void *ctx, struct error *err)
{
	static const char sql[] =
		"SELECT p.code, r.therapy, r.month, r.referrals, r.waiting_assessment, "
		"       r.waiting_assessment_over_12w, r.waiting_intervention, "
		"       r.waiting_intervention_over_12w "
		"FROM provider_returns r JOIN providers p ON p.id = r.provider_id "
		"WHERE r.month BETWEEN ?1 AND ?2 "
		"ORDER BY p.code, r.therapy, r.month";
	sqlite3_stmt *stmt = db_statement(db, SLOT_RETURNS_BY_MONTH, sql, err);
	if (stmt == NULL)
		return err ? err->code : EX_SOFTWARE;
	sqlite3_bind_text(stmt, 1, first_month, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 2, last_month, -1, SQLITE_TRANSIENT);
	return db_walk(db, stmt, fn, ctx, err, "provider returns");
}
