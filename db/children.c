#include "db/children.h"

#include "db/db_internal.h"

int db_children_same_person(struct db *db, const char *first_name, const char *last_name,
                            const char *date_of_birth, const char *except_ref, db_row_fn fn,
                            void *ctx, struct error *err)
{
	/* children_born narrows to the day of birth; the names are then
	 * compared on those few rows. */
	sqlite3_stmt *stmt = db_statement(db, SLOT_CHILD_SAME_PERSON,
		"SELECT ref, first_name, last_name, date_of_birth FROM children "
		"WHERE date_of_birth = ?3 AND first_name = ?1 COLLATE NOCASE "
		"AND last_name = ?2 COLLATE NOCASE AND ref IS NOT ?4 ORDER BY ref LIMIT 1", err);
	if (stmt == NULL)
		return err ? err->code : EX_SOFTWARE;
	sqlite3_bind_text(stmt, 1, first_name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 2, last_name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 3, date_of_birth, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 4, except_ref, -1, SQLITE_TRANSIENT);
	return db_walk(db, stmt, fn, ctx, err, "looking for the same child");
}

/* Runs a statement of one integer answer with ?1 bound to id. */
static int one_integer(struct db *db, int slot, const char *sql, int64_t id, int64_t *out,
                       struct error *err)
{
	sqlite3_stmt *stmt = db_statement(db, slot, sql, err);
	if (stmt == NULL)
		return err ? err->code : EX_SOFTWARE;
	sqlite3_bind_int64(stmt, 1, id);
	int rc = sqlite3_step(stmt);
	*out = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
	sqlite3_reset(stmt);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_fail(db, rc, err, "reading a caseload");
}

int db_caseload_count(struct db *db, int64_t user_id, int64_t *count, struct error *err)
{
	return one_integer(db, SLOT_CASELOAD_COUNT,
	                   "SELECT count(*) FROM children WHERE caseworker_id = ?1", user_id, count, err);
}

int db_caseload_first(struct db *db, int64_t user_id, int64_t *child_id, struct error *err)
{
	return one_integer(db, SLOT_CASELOAD_FIRST,
	                   "SELECT id FROM children WHERE caseworker_id = ?1 ORDER BY id LIMIT 1",
	                   user_id, child_id, err);
}
