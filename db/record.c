#include "db/record.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/compose.h"
#include "db/db_internal.h"

/* The name a column has in JSON: a reference loses its "_id". */
static void json_name(const struct db_column *c, char *buf, size_t len)
{
	size_t n = strlen(c->name);
	if (c->references != TABLE_NONE && n > 3)
		n -= 3;
	snprintf(buf, len, "%.*s", (int)n, c->name);
}

/* The text a record is found by: its text columns and the keys of the
 * records it refers to, with spaces between, folded (util/fold.h) as the
 * words typed are, so that "zoe" finds "Zoë". */
static void add_search_text(struct sql *q, const struct db_table *tb)
{
	bool first = true;
	sql_add(q, "sendesk_fold(");
	for (int i = 0; i < tb->column_count; i++) {
		const struct db_column *c = &tb->columns[i];
		if (c->type != DB_TEXT && c->references == TABLE_NONE)
			continue;
		sql_add(q, "%sifnull(", first ? "" : " || ' ' || ");
		sql_add_readable(q, c);
		sql_add(q, ", '')");
		first = false;
	}
	sql_add(q, "%s)", first ? "''" : "");
}

static void compose(enum db_table_id t, enum record_op op, struct sql *q)
{
	const struct db_table *tb = &db_tables[t];
	q->len = 0;
	q->text[0] = '\0';
	switch (op) {
	case OP_FIND:
		sql_add(q, "SELECT id FROM %s WHERE ", tb->name);
		for (int k = 0; k < tb->key_count; k++)
			sql_add(q, "%s%s IS ?%d", k ? " AND " : "", tb->columns[tb->key[k]].name, k + 1);
		break;
	case OP_INSERT:
		sql_add(q, "INSERT INTO %s (", tb->name);
		for (int i = 0; i < tb->column_count; i++)
			sql_add(q, "%s%s", i ? ", " : "", tb->columns[i].name);
		sql_add(q, ") VALUES (");
		for (int i = 0; i < tb->column_count; i++)
			sql_add(q, "%s?%d", i ? ", " : "", i + 1);
		sql_add(q, ")");
		break;
	case OP_UPDATE:
		sql_add(q, "UPDATE %s SET ", tb->name);
		for (int i = 0; i < tb->column_count; i++)
			sql_add(q, "%s%s = ?%d", i ? ", " : "", tb->columns[i].name, i + 1);
		/* Every change moves the version on, and a save of the row as
		 * it is (an import's unchanged row) does not: a form opened on
		 * it can still save.  With a version to check (a form's), a row
		 * that moved on since is left alone. */
		sql_add(q, ", version = version + ((");
		for (int i = 0; i < tb->column_count; i++)
			sql_add(q, "%s%s", i ? ", " : "", tb->columns[i].name);
		sql_add(q, ") IS NOT (");
		for (int i = 0; i < tb->column_count; i++)
			sql_add(q, "%s?%d", i ? ", " : "", i + 1);
		sql_add(q, ")) WHERE id = ?%d AND (?%d IS NULL OR version = ?%d)",
		        tb->column_count + 1, tb->column_count + 2, tb->column_count + 2);
		break;
	case OP_DELETE:
		sql_add(q, "DELETE FROM %s WHERE id = ?1", tb->name);
		break;
	case OP_JSON:
		sql_add(q, "SELECT json_object('id', t.id");
		for (int i = 0; i < tb->column_count; i++) {
			char name[64];
			json_name(&tb->columns[i], name, sizeof name);
			sql_add(q, ", '%s', ", name);
			sql_add_readable(q, &tb->columns[i]);
		}
		sql_add(q, ") FROM %s t WHERE t.id = ?1", tb->name);
		break;
	case OP_GET:
		/* The version last, after the columns, for a form to save over. */
		sql_add_select_columns(q, t);
		sql_add(q, ", t.version FROM %s t WHERE t.id = ?1", tb->name);
		break;
	case OP_EACH:
		sql_add_select_readable(q, t);
		sql_add(q, " ORDER BY t.id");
		break;
	case OP_COUNT_ROWS:
		sql_add(q, "SELECT count(*) FROM %s", tb->name);
		break;
	case OP_SEARCH_DELETE:
		sql_add(q, "DELETE FROM %s WHERE rowid = ?1", tb->search);
		break;
	case OP_SEARCH_TEXT:
		sql_add(q, "SELECT ");
		add_search_text(q, tb);
		sql_add(q, " FROM %s t WHERE t.id = ?1", tb->name);
		break;
	case OP_SEARCH_INSERT:
		/* VALUES, not INSERT ... SELECT: reading and writing in one
		 * statement makes SQLite open a statement transaction, and the
		 * search table then writes out its index entries row by row. */
		sql_add(q, "INSERT INTO %s (rowid, text) VALUES (?1, ?2)", tb->search);
		break;
	case OP_SEARCH_MATCHES:
		sql_add(q, "SELECT count(*) FROM (SELECT 1 FROM %s WHERE text LIKE ?1 LIMIT ?2)", tb->search);
		break;
	case OP_LAST_ID:
		sql_add(q, "SELECT ifnull(max(id), 0) FROM %s", tb->name);
		break;
	case RECORD_OP_COUNT:
		break;
	}
}

static sqlite3_stmt *record_statement(struct db *db, enum db_table_id t, enum record_op op,
                                      struct error *err)
{
	int slot = (int)t * RECORD_OP_COUNT + (int)op;
	if (db->stmts[slot] != NULL)
		return db_statement(db, slot, NULL, err);
	struct sql q;
	compose(t, op, &q);
	return db_statement(db, slot, q.text, err);
}

/* Steps a statement that returns at most one integer. */
static int step_id(struct db *db, sqlite3_stmt *stmt, int64_t *id, struct error *err,
                   const char *what)
{
	int rc = sqlite3_step(stmt);
	*id = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
	sqlite3_reset(stmt);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_fail(db, rc, err, what);
}

int db_record_find(struct db *db, enum db_table_id t, const struct db_value *key,
                   int64_t *id, struct error *err)
{
	*id = 0;
	if (db_tables[t].key_count == 0)
		return 0;
	sqlite3_stmt *stmt = record_statement(db, t, OP_FIND, err);
	if (stmt == NULL)
		return err ? err->code : EX_SOFTWARE;
	for (int k = 0; k < db_tables[t].key_count; k++)
		db_bind(stmt, k + 1, &key[k]);
	return step_id(db, stmt, id, err, db_tables[t].name);
}

int db_record_find_by_key(struct db *db, enum db_table_id t, const char *key,
                          int64_t *id, struct error *err)
{
	struct db_value v = db_text(key);
	return db_record_find(db, t, &v, id, err);
}

/* A value that must be unique and is not: names the column (its index
 * is the field's, err->field) from SQLite's "...: table.column" message. */
static int not_unique(struct db *db, enum db_table_id t, struct error *err)
{
	const char *msg = sqlite3_errmsg(db->conn);
	const char *dot = strrchr(msg, '.');
	int c = dot ? db_column_index(t, dot + 1) : -1;
	error_set(err, EX_DATAERR, "already used by another record");
	if (err)
		err->field = c + 1;
	return EX_DATAERR;
}

/* Runs a write statement with the columns bound from 1 on. */
static int run_write(struct db *db, sqlite3_stmt *stmt, enum db_table_id t,
                     const struct db_value *cols, struct error *err)
{
	for (int i = 0; i < db_tables[t].column_count; i++)
		db_bind(stmt, i + 1, &cols[i]);
	int rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	if (rc == SQLITE_CONSTRAINT_UNIQUE)
		return not_unique(db, t, err);
	return rc == SQLITE_DONE ? 0 : db_fail(db, rc, err, db_tables[t].name);
}

/* Runs one of the search statements for record id. */
static int run_search(struct db *db, enum db_table_id t, enum record_op op, int64_t id,
                      struct error *err)
{
	sqlite3_stmt *stmt = record_statement(db, t, op, err);
	if (stmt == NULL)
		return err ? err->code : EX_SOFTWARE;
	sqlite3_bind_int64(stmt, 1, id);
	int rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	return rc == SQLITE_DONE ? 0 : db_fail(db, rc, err, "updating the search table");
}

static int insert_search(struct db *db, enum db_table_id t, int64_t id, struct error *err)
{
	sqlite3_stmt *text = record_statement(db, t, OP_SEARCH_TEXT, err);
	if (text == NULL)
		return err ? err->code : EX_SOFTWARE;
	sqlite3_bind_int64(text, 1, id);
	int rc = sqlite3_step(text);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(text);
		return db_fail(db, rc, err, "reading a record's search text");
	}
	sqlite3_stmt *insert = record_statement(db, t, OP_SEARCH_INSERT, err);
	if (insert == NULL) {
		sqlite3_reset(text);
		return err ? err->code : EX_SOFTWARE;
	}
	sqlite3_bind_int64(insert, 1, id);
	sqlite3_bind_value(insert, 2, sqlite3_column_value(text, 0));
	rc = sqlite3_step(insert);
	sqlite3_reset(insert);
	sqlite3_reset(text);
	return rc == SQLITE_DONE ? 0 : db_fail(db, rc, err, "updating the search table");
}

/* Runs one statement of catalogue text with ?1 bound to id. */
static int run_with_id(struct db *db, const char *sql, int64_t id, struct error *err)
{
	sqlite3_stmt *stmt;
	int rc = sqlite3_prepare_v2(db->conn, sql, -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return db_fail(db, rc, err, "updating the search table");
	sqlite3_bind_int64(stmt, 1, id);
	rc = sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? 0 : db_fail(db, rc, err, "updating the search table");
}

/* A record's search text holds the keys of the records it refers to: a
 * child's purchases are found by the child's ref.  When that key changes
 * (a child's ref corrected), its referrers' search rows are made again.
 * Such corrections are rare and touch a few rows through the reference
 * indexes, so the statements are prepared when needed. */
static int refresh_referrers_search(struct db *db, enum db_table_id t, int64_t id,
                                    struct error *err)
{
	for (int r = 0; r < TABLE_COUNT; r++) {
		const struct db_table *tb = &db_tables[r];
		for (int c = 0; tb->search && c < tb->column_count; c++) {
			if (tb->columns[c].references != (int)t)
				continue;
			struct sql q = {.len = 0};
			sql_add(&q, "DELETE FROM %s WHERE rowid IN (SELECT id FROM %s WHERE %s = ?1)",
			        tb->search, tb->name, tb->columns[c].name);
			int rc = run_with_id(db, q.text, id, err);
			q.len = 0;
			sql_add(&q, "INSERT INTO %s (rowid, text) SELECT t.id, ", tb->search);
			add_search_text(&q, tb);
			sql_add(&q, " FROM %s t WHERE t.%s = ?1", tb->name, tb->columns[c].name);
			if (rc == 0)
				rc = run_with_id(db, q.text, id, err);
			if (rc != 0)
				return rc;
		}
	}
	return 0;
}

/* Whether an update of row id to cols gives it a new key, where rows
 * that refer to it are searched by that key.  The key is unique, so it
 * is unchanged exactly when it still finds this row. */
static bool key_changes(struct db *db, enum db_table_id t, int64_t id, const struct db_value *cols)
{
	const struct db_table *tb = &db_tables[t];
	bool searched = false;
	for (int r = 0; r < TABLE_COUNT && !searched; r++)
		for (int c = 0; db_tables[r].search && c < db_tables[r].column_count; c++)
			searched = searched || db_tables[r].columns[c].references == (int)t;
	if (!searched || tb->key_count == 0)
		return false;
	struct db_value key[DB_MAX_KEY];
	for (int k = 0; k < tb->key_count; k++)
		key[k] = cols[tb->key[k]];
	int64_t found = 0;
	return db_record_find(db, t, key, &found, NULL) != 0 || found != id;
}

/* Keeps the record's search row in step: written on insert, renewed on
 * update, gone on delete. */
static int refresh_search(struct db *db, enum db_table_id t, int64_t id, enum record_op change,
                          struct error *err)
{
	if (db_tables[t].search == NULL)
		return 0;
	int rc = change == OP_INSERT ? 0 : run_search(db, t, OP_SEARCH_DELETE, id, err);
	return rc == 0 && change != OP_DELETE ? insert_search(db, t, id, err) : rc;
}

int db_search_rebuild(struct db *db, enum db_table_id t, struct error *err)
{
	const struct db_table *tb = &db_tables[t];
	if (tb->search == NULL)
		return 0;
	struct sql q = {.len = 0};
	sql_add(&q, "DELETE FROM %s; INSERT INTO %s (rowid, text) SELECT t.id, ", tb->search, tb->search);
	add_search_text(&q, tb);
	sql_add(&q, " FROM %s t", tb->name);
	/* Constant text composed from the catalogue, run once per migration. */
	int rc = sqlite3_exec(db->conn, q.text, NULL, NULL, NULL);
	return rc == SQLITE_OK ? 0 : db_fail(db, rc, err, "filling the search table");
}

int db_search_fill_range(struct db *db, enum db_table_id t, int64_t first, int64_t last,
                         struct error *err)
{
	const struct db_table *tb = &db_tables[t];
	if (tb->search == NULL)
		return 0;
	struct sql q = {.len = 0};
	sql_add(&q, "INSERT INTO %s (rowid, text) SELECT t.id, ", tb->search);
	add_search_text(&q, tb);
	/* Rows of the range that have a search row already (written one at
	 * a time by another path) keep it. */
	sql_add(&q, " FROM %s t WHERE t.id BETWEEN ?1 AND ?2 AND t.id NOT IN "
	        "(SELECT rowid FROM %s WHERE rowid BETWEEN ?1 AND ?2)", tb->name, tb->search);
	sqlite3_stmt *stmt;
	int rc = sqlite3_prepare_v2(db->conn, q.text, -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return db_fail(db, rc, err, "filling the search table");
	sqlite3_bind_int64(stmt, 1, first);
	sqlite3_bind_int64(stmt, 2, last);
	rc = sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? 0 : db_fail(db, rc, err, "filling the search table");
}

int db_record_insert(struct db *db, enum db_table_id t, const struct db_value *cols,
                     int64_t *id, struct error *err)
{
	sqlite3_stmt *stmt = record_statement(db, t, OP_INSERT, err);
	if (stmt == NULL)
		return err ? err->code : EX_SOFTWARE;
	int rc = run_write(db, stmt, t, cols, err);
	*id = rc == 0 ? sqlite3_last_insert_rowid(db->conn) : 0;
	return rc ? rc : refresh_search(db, t, *id, OP_INSERT, err);
}

int db_record_update(struct db *db, enum db_table_id t, int64_t id, int64_t version,
                     const struct db_value *cols, bool *written, struct error *err)
{
	*written = false;
	sqlite3_stmt *stmt = record_statement(db, t, OP_UPDATE, err);
	if (stmt == NULL)
		return err ? err->code : EX_SOFTWARE;
	int columns = db_tables[t].column_count;
	sqlite3_bind_int64(stmt, columns + 1, id);
	if (version > 0)
		sqlite3_bind_int64(stmt, columns + 2, version);
	else
		sqlite3_bind_null(stmt, columns + 2);
	bool renamed = key_changes(db, t, id, cols);
	int rc = run_write(db, stmt, t, cols, err);
	*written = rc == 0 && sqlite3_changes(db->conn) > 0;
	if (rc != 0 || !*written)
		return rc;
	rc = refresh_search(db, t, id, OP_UPDATE, err);
	return rc || !renamed ? rc : refresh_referrers_search(db, t, id, err);
}

int db_record_referrers(struct db *db, enum db_table_id t, int64_t id,
                        int (*fn)(void *ctx, enum db_table_id table, int64_t count), void *ctx,
                        struct error *err)
{
	for (int r = 0; r < TABLE_COUNT; r++) {
		for (int c = 0; c < db_tables[r].column_count; c++) {
			if (db_tables[r].columns[c].references != (int)t)
				continue;
			/* Deletes are rare: these are composed from the catalogue
			 * and prepared when needed. */
			struct sql q = {.len = 0};
			sql_add(&q, "SELECT count(*) FROM %s WHERE %s = ?1", db_tables[r].name,
			        db_tables[r].columns[c].name);
			sqlite3_stmt *stmt;
			int rc = sqlite3_prepare_v2(db->conn, q.text, -1, &stmt, NULL);
			if (rc != SQLITE_OK)
				return db_fail(db, rc, err, "checking references");
			sqlite3_bind_int64(stmt, 1, id);
			int64_t n = 0;
			rc = step_id(db, stmt, &n, err, "checking references");
			sqlite3_finalize(stmt);
			if (rc == 0 && n > 0)
				rc = fn(ctx, (enum db_table_id)r, n);
			if (rc != 0)
				return rc;
		}
	}
	return 0;
}

static int add_referrers(void *ctx, enum db_table_id table, int64_t count)
{
	(void)table;
	*(int64_t *)ctx += count;
	return 0;
}

int db_record_delete(struct db *db, enum db_table_id t, int64_t id, struct error *err)
{
	int64_t referrers = 0;
	int rc = db_record_referrers(db, t, id, add_referrers, &referrers, err);
	if (rc != 0)
		return rc;
	if (referrers > 0)
		return error_set(err, EX_DATAERR, "still referred to by %lld other record%s",
		                 (long long)referrers, referrers == 1 ? "" : "s");
	sqlite3_stmt *stmt = record_statement(db, t, OP_DELETE, err);
	if (stmt == NULL)
		return err ? err->code : EX_SOFTWARE;
	sqlite3_bind_int64(stmt, 1, id);
	rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE)
		return db_fail(db, rc, err, db_tables[t].name);
	return refresh_search(db, t, id, OP_DELETE, err);
}

int db_record_json(struct db *db, enum db_table_id t, int64_t id, char **json,
                   struct error *err)
{
	*json = NULL;
	sqlite3_stmt *stmt = record_statement(db, t, OP_JSON, err);
	if (stmt == NULL)
		return err ? err->code : EX_SOFTWARE;
	sqlite3_bind_int64(stmt, 1, id);
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		*json = strdup((const char *)sqlite3_column_text(stmt, 0));
		rc = *json ? SQLITE_DONE : SQLITE_NOMEM;
	}
	sqlite3_reset(stmt);
	return rc == SQLITE_DONE ? 0 : db_fail(db, rc, err, db_tables[t].name);
}

int db_record_get(struct db *db, enum db_table_id t, int64_t id,
                  db_row_fn fn, void *ctx, struct error *err)
{
	sqlite3_stmt *stmt = record_statement(db, t, OP_GET, err);
	if (stmt == NULL)
		return err ? err->code : EX_SOFTWARE;
	sqlite3_bind_int64(stmt, 1, id);
	return db_walk(db, stmt, fn, ctx, err, db_tables[t].name);
}

int db_record_each(struct db *db, enum db_table_id t, db_row_fn fn, void *ctx,
                   struct error *err)
{
	sqlite3_stmt *stmt = record_statement(db, t, OP_EACH, err);
	if (stmt == NULL)
		return err ? err->code : EX_SOFTWARE;
	return db_walk(db, stmt, fn, ctx, err, db_tables[t].name);
}

int db_record_count(struct db *db, enum db_table_id t, int64_t *count, struct error *err)
{
	sqlite3_stmt *stmt = record_statement(db, t, OP_COUNT_ROWS, err);
	if (stmt == NULL)
		return err ? err->code : EX_SOFTWARE;
	return step_id(db, stmt, count, err, db_tables[t].name);
}

int db_search_matches_upto(struct db *db, enum db_table_id t, const char *pattern, int64_t cap,
                           int64_t *count, struct error *err)
{
	sqlite3_stmt *stmt = record_statement(db, t, OP_SEARCH_MATCHES, err);
	if (stmt == NULL)
		return err ? err->code : EX_SOFTWARE;
	sqlite3_bind_text(stmt, 1, pattern, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(stmt, 2, cap);
	return step_id(db, stmt, count, err, db_tables[t].search);
}

int db_last_id(struct db *db, enum db_table_id t, int64_t *id, struct error *err)
{
	sqlite3_stmt *stmt = record_statement(db, t, OP_LAST_ID, err);
	if (stmt == NULL)
		return err ? err->code : EX_SOFTWARE;
	return step_id(db, stmt, id, err, db_tables[t].name);
}

int db_record_last_id(struct db *db, enum db_table_id t, int64_t *id, struct error *err)
{
	return db_last_id(db, t, id, err);
}

int db_audit_add(struct db *db, const char *login, const char *action, const char *kind,
                 int64_t record_id, const char *before, const char *after,
                 struct error *err)
{
	sqlite3_stmt *stmt = db_statement(db, SLOT_AUDIT_ADD,
		/* Chained to the last row in the statement that writes it, inside
		 * the caller's write transaction, so no other row comes between.
		 * One row of VALUES, not INSERT ... SELECT: reading the table it
		 * writes would make SQLite stage the row in a temporary table and
		 * open a statement journal, several times slower per change.
		 * ?7 is the time, bound once so the row and its hash share it. */
		"INSERT INTO audit (at, login, action, kind, record_id, before, after, hash) "
		"VALUES (?7, ?1, ?2, ?3, ?4, ?5, ?6, sendesk_audit_hash("
		"  (SELECT hash FROM audit ORDER BY id DESC LIMIT 1), ?7, ?1, ?2, ?3, ?4, ?5, ?6))", err);
	if (stmt == NULL)
		return err ? err->code : EX_SOFTWARE;
	sqlite3_bind_text(stmt, 1, login, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, action, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, kind, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 4, record_id);
	sqlite3_bind_text(stmt, 5, before, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 6, after, -1, SQLITE_STATIC);
	char at[32];
	if (db_now(db, at, sizeof at) != 0)
		return error_set(err, EX_SOFTWARE, "writing the audit row: no clock");
	sqlite3_bind_text(stmt, 7, at, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	return rc == SQLITE_DONE ? 0 : db_fail(db, rc, err, "writing the audit row");
}

int db_audit_each(struct db *db, const char *kind, int64_t record_id,
                  db_row_fn fn, void *ctx, struct error *err)
{
	sqlite3_stmt *stmt = kind == NULL ?
		db_statement(db, SLOT_AUDIT_EACH_ALL,
			"SELECT at, login, action, kind, record_id, before, after FROM audit "
			"WHERE action IN ('insert', 'update', 'delete') ORDER BY id", err) :
		db_statement(db, SLOT_AUDIT_EACH_RECORD,
			"SELECT at, login, action, kind, record_id, before, after FROM audit "
			"WHERE kind = ?1 AND record_id = ?2 AND action IN ('insert', 'update', 'delete') "
			"ORDER BY id", err);
	if (stmt == NULL)
		return err ? err->code : EX_SOFTWARE;
	if (kind != NULL) {
		sqlite3_bind_text(stmt, 1, kind, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(stmt, 2, record_id);
	}
	return db_walk(db, stmt, fn, ctx, err, "audit");
}

/* The columns of one side (before or after) of an audit row, read from
 * its JSON as db_record_get gives a row: the id, then each column. */
static void add_audit_side(struct sql *q, const struct db_table *tb, const char *side)
{
	sql_add(q, ", a.record_id");
	for (int i = 0; i < tb->column_count; i++) {
		char name[64];
		json_name(&tb->columns[i], name, sizeof name);
		sql_add(q, ", json_extract(a.%s, '$.\"%s\"')", side, name);
	}
}

int db_audit_latest(struct db *db, enum db_table_id t, const char *kind, int64_t record_id,
                    int64_t count, db_row_fn fn, void *ctx, struct error *err)
{
	const struct db_table *tb = &db_tables[t];
	struct sql q = {.len = 0};
	sql_add(&q, "SELECT a.at, a.login, a.action");
	add_audit_side(&q, tb, "before");
	add_audit_side(&q, tb, "after");
	sql_add(&q, " FROM audit a WHERE a.id IN (SELECT id FROM audit WHERE kind = ?1 AND "
	        "record_id = ?2 ORDER BY id DESC LIMIT ?3) ORDER BY a.id");
	/* Read when a form's save was refused, which is rare: composed from
	 * the catalogue and prepared when needed. */
	sqlite3_stmt *stmt;
	int rc = sqlite3_prepare_v2(db->conn, q.text, -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return db_fail(db, rc, err, "reading the audit trail");
	sqlite3_bind_text(stmt, 1, kind, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(stmt, 2, record_id);
	sqlite3_bind_int64(stmt, 3, count);
	rc = db_walk(db, stmt, fn, ctx, err, "audit");
	sqlite3_finalize(stmt);
	return rc;
}

int db_count_users_with_role(struct db *db, const char *role, int64_t *count,
                             struct error *err)
{
	sqlite3_stmt *stmt = db_statement(db, SLOT_USERS_WITH_ROLE,
	                                  "SELECT count(*) FROM users WHERE role = ?1", err);
	if (stmt == NULL)
		return err ? err->code : EX_SOFTWARE;
	sqlite3_bind_text(stmt, 1, role, -1, SQLITE_TRANSIENT);
	return step_id(db, stmt, count, err, "users");
}

int db_users_each(struct db *db, db_row_fn fn, void *ctx, struct error *err)
{
	sqlite3_stmt *stmt = db_statement(db, SLOT_USERS_EACH,
	                                  "SELECT id, login, role FROM users ORDER BY login", err);
	if (stmt == NULL)
		return err ? err->code : EX_SOFTWARE;
	return db_walk(db, stmt, fn, ctx, err, "users");
}

/* Check queries run once per "sendesk check"; they are not cached. */
static int walk_composed(struct db *db, const char *sql, const char *bind, db_row_fn fn,
                         void *ctx, struct error *err)
{
	sqlite3_stmt *stmt;
	int rc = sqlite3_prepare_v2(db->conn, sql, -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return db_fail(db, rc, err, "checking the database");
	if (bind)
		sqlite3_bind_text(stmt, 1, bind, -1, SQLITE_TRANSIENT);
	rc = db_walk(db, stmt, fn, ctx, err, "checking the database");
	sqlite3_finalize(stmt);
	return rc;
}

int db_record_distinct(struct db *db, enum db_table_id t, int c, db_row_fn fn, void *ctx,
                       struct error *err)
{
	struct sql q = {.len = 0};
	sql_add(&q, "SELECT DISTINCT %s FROM %s WHERE %s IS NOT NULL", db_tables[t].columns[c].name,
	        db_tables[t].name, db_tables[t].columns[c].name);
	return walk_composed(db, q.text, NULL, fn, ctx, err);
}

static int take_count(void *ctx, const struct db_value *cols, int count)
{
	(void)count;
	*(int64_t *)ctx = cols[0].i;
	return 0;
}

int db_record_bad_dates(struct db *db, enum db_table_id t, int c, int64_t *count,
                        struct error *err)
{
	const char *col = db_tables[t].columns[c].name;
	struct sql q = {.len = 0};
	/* With a modifier, date() normalises 2023-02-30 to 2023-03-02 (bare
	 * date() does not), so a real day is one that survives unchanged. */
	sql_add(&q, "SELECT count(*) FROM %s WHERE %s IS NOT NULL AND "
	        "(typeof(%s) <> 'text' OR date(%s, '+0 days') IS NOT %s)", db_tables[t].name, col, col,
	        col, col);
	*count = 0;
	return walk_composed(db, q.text, NULL, take_count, count, err);
}

int db_record_count_null(struct db *db, enum db_table_id t, int c, int64_t *count,
                         struct error *err)
{
	struct sql q = {.len = 0};
	sql_add(&q, "SELECT count(*) FROM %s WHERE %s IS NULL", db_tables[t].name,
	        db_tables[t].columns[c].name);
	*count = 0;
	return walk_composed(db, q.text, NULL, take_count, count, err);
}
