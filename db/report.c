#include "db/report.h"

#include <stddef.h>

#include "db/db_internal.h"

int db_report_contracts(struct db *db, db_row_fn fn, void *ctx, struct error *err)
{
	sqlite3_stmt *stmt = db_statement(db, SLOT_REPORT_CONTRACTS,
		"SELECT c.id, c.ref, p.code, c.annual_value_pence, c.start_date, c.end_date, "
		"       c.status, c.signed_date, c.decision_ref, v.from_date, v.annual_value_pence "
		"FROM contracts c "
		"JOIN providers p ON p.id = c.provider_id "
		"LEFT JOIN contract_values v ON v.contract_id = c.id "
		"ORDER BY c.ref, v.from_date", err);
	if (stmt == NULL)
		return err ? err->code : EX_SOFTWARE;
	return db_walk(db, stmt, fn, ctx, err, "contracts report");
}

int db_report_coverage_on(struct db *db, const char *on, db_row_fn fn, void *ctx,
                          struct error *err)
{
	sqlite3_stmt *stmt = db_statement(db, SLOT_REPORT_COVERAGE,
		"SELECT district, therapy, count(*), group_concat(ref, ';') FROM ("
		"  SELECT cv.district, cv.therapy, c.ref "
		"  FROM coverage cv JOIN contracts c ON c.id = cv.contract_id "
		"  WHERE c.start_date <= ?1 AND c.end_date >= ?1 "
		"    AND ifnull(c.status, 'active') <> 'draft' "
		"  ORDER BY cv.district, cv.therapy, c.ref) "
		"GROUP BY district, therapy", err);
	if (stmt == NULL)
		return err ? err->code : EX_SOFTWARE;
	sqlite3_bind_text(stmt, 1, on, -1, SQLITE_TRANSIENT);
	return db_walk(db, stmt, fn, ctx, err, "coverage report");
}

int db_report_values_outside(struct db *db, db_row_fn fn, void *ctx, struct error *err)
{
	sqlite3_stmt *stmt = db_statement(db, SLOT_VALUES_OUTSIDE,
		"SELECT c.ref, v.from_date FROM contract_values v "
		"JOIN contracts c ON c.id = v.contract_id "
		"WHERE v.from_date < c.start_date OR v.from_date > c.end_date "
		"ORDER BY c.ref, v.from_date", err);
	if (stmt == NULL)
		return err ? err->code : EX_SOFTWARE;
	return db_walk(db, stmt, fn, ctx, err, "checking contract values");
}

int db_report_contract_values(struct db *db, int64_t contract_id, db_row_fn fn, void *ctx,
                              struct error *err)
{
	sqlite3_stmt *stmt = db_statement(db, SLOT_CONTRACT_VALUES,
		"SELECT from_date, annual_value_pence, source FROM contract_values "
		"WHERE contract_id = ?1 ORDER BY from_date", err);
	if (stmt == NULL)
		return err ? err->code : EX_SOFTWARE;
	sqlite3_bind_int64(stmt, 1, contract_id);
	return db_walk(db, stmt, fn, ctx, err, "contract values");
}
