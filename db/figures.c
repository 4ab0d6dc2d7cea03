#include "db/figures.h"

#include "db/db_internal.h"

int db_pb_total_between(struct db *db, const char *first_day, const char *last_day,
                        db_row_fn fn, void *ctx, struct error *err)
{
	/* A range on start_date, which personal_budgets_period indexes: the
	 * budgets a drill-down list shows, added up as that list selects
	 * them (not by the year expression the summary groups on). */
	static const char sql[] =
		"SELECT count(*), count(DISTINCT child_id), ifnull(sum(amount_pence), 0), "
		"       ifnull(sum(therapy_amount_pence), 0), ifnull(sum(eotas = 1), 0), "
		"       ifnull(sum(CASE WHEN eotas = 1 THEN amount_pence ELSE 0 END), 0) "
		"FROM personal_budgets WHERE start_date BETWEEN ?1 AND ?2";
	sqlite3_stmt *stmt = db_statement(db, SLOT_PB_TOTAL_BETWEEN, sql, err);
	if (stmt == NULL)
		return err ? err->code : EX_SOFTWARE;
	sqlite3_bind_text(stmt, 1, first_day, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 2, last_day, -1, SQLITE_TRANSIENT);
	return db_walk(db, stmt, fn, ctx, err, "personal budgets of a year");
}

int db_returns_series(struct db *db, int64_t provider_id, const char *therapy, db_row_fn fn,
                      void *ctx, struct error *err)
{
	/* The UNIQUE (provider_id, therapy, month) index gives the rows in
	 * month order. */
	static const char sql[] =
		"SELECT month, referrals, waiting_assessment, waiting_assessment_over_12w, "
		"       waiting_intervention, waiting_intervention_over_12w, caseload "
		"FROM provider_returns WHERE provider_id = ?1 AND therapy = ?2 ORDER BY month";
	sqlite3_stmt *stmt = db_statement(db, SLOT_RETURNS_SERIES, sql, err);
	if (stmt == NULL)
		return err ? err->code : EX_SOFTWARE;
	sqlite3_bind_int64(stmt, 1, provider_id);
	sqlite3_bind_text(stmt, 2, therapy, -1, SQLITE_TRANSIENT);
	return db_walk(db, stmt, fn, ctx, err, "a provider's returns");
}
