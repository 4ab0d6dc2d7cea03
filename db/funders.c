#include "db/funders.h"

#include "db/db_internal.h"

int db_contract_funding(struct db *db, int64_t contract_id, db_row_fn fn, void *ctx,
                        struct error *err)
{
	static const char sql[] =
		"SELECT c.type, "
		"       (SELECT ifnull(sum(f.annual_amount_pence), 0) FROM funders f "
		"        WHERE f.contract_id = c.id AND f.council = 0), "
		"       (SELECT count(*) FROM funders f WHERE f.contract_id = c.id) "
		"FROM contracts c WHERE c.id = ?1";
	sqlite3_stmt *stmt = db_statement(db, SLOT_CONTRACT_FUNDING, sql, err);
	if (stmt == NULL)
		return err ? err->code : EX_SOFTWARE;
	sqlite3_bind_int64(stmt, 1, contract_id);
	return db_walk(db, stmt, fn, ctx, err, "a contract's funders");
}
