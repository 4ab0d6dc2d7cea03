#include "db/audit_read.h"

#include <stdio.h>
#include <string.h>

#include "db/compose.h"
#include "db/db_internal.h"

enum audit_statement {
	RECORD_OLDER, RECORD_NEWER, ALL_OLDER, ALL_NEWER, ONE_ROW, LATEST_CHANGE, JSON_ROW_FIRST,
};

#define AUDIT_COLUMNS "SELECT id, at, login, action, kind, record_id, before, after FROM audit "

/* A record's rows come through the (kind, record_id) index, whose
 * entries end in the row's id, so either direction reads only the page. */
static const char record_older[] = AUDIT_COLUMNS
	"WHERE kind = ?1 AND record_id = ?2 AND id < ?3 ORDER BY id DESC LIMIT ?4";
static const char record_newer[] = AUDIT_COLUMNS
	"WHERE kind = ?1 AND record_id = ?2 AND id > ?3 ORDER BY id LIMIT ?4";
/* Every row walks the table by id from the page's edge and stops at the
 * limit: a narrow filter reads further back, never the whole trail for
 * a page that fills.  The day is the first ten characters of at. */
#define ALL_FILTER \
	"WHERE (?1 IS NULL OR kind = ?1) AND (?2 IS NULL OR login = ?2) " \
	"AND (?5 IS NULL OR substr(at, 1, 10) >= ?5) AND (?6 IS NULL OR substr(at, 1, 10) <= ?6) "
static const char all_older[] = AUDIT_COLUMNS ALL_FILTER "AND id < ?3 ORDER BY id DESC LIMIT ?4";
static const char all_newer[] = AUDIT_COLUMNS ALL_FILTER "AND id > ?3 ORDER BY id LIMIT ?4";

static int slot(enum audit_statement which)
{
	return SLOT_AUDIT_READ_FIRST + (int)which;
}

int db_audit_page(struct db *db, const struct db_audit_filter *f, int64_t before_id, bool newer,
                  int limit, db_row_fn fn, void *ctx, struct error *err)
{
	bool one_record = f->kind != NULL && f->record_id != 0;
	sqlite3_stmt *stmt;
	if (one_record)
		stmt = newer ? db_statement(db, slot(RECORD_NEWER), record_newer, err)
		             : db_statement(db, slot(RECORD_OLDER), record_older, err);
	else
		stmt = newer ? db_statement(db, slot(ALL_NEWER), all_newer, err)
		             : db_statement(db, slot(ALL_OLDER), all_older, err);
	if (stmt == NULL)
		return err ? err->code : EX_SOFTWARE;
	/* A NULL text binds SQL NULL: no bound on that column. */
	sqlite3_bind_text(stmt, 1, f->kind, -1, SQLITE_TRANSIENT);
	if (one_record) {
		sqlite3_bind_int64(stmt, 2, f->record_id);
	} else {
		sqlite3_bind_text(stmt, 2, f->login, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(stmt, 5, f->from_day, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(stmt, 6, f->to_day, -1, SQLITE_TRANSIENT);
	}
	/* Ids start at 1: "below 0" means from the newest. */
	sqlite3_bind_int64(stmt, 3, newer || before_id > 0 ? before_id : INT64_MAX);
	sqlite3_bind_int(stmt, 4, limit);
	return db_walk(db, stmt, fn, ctx, err, "the audit trail");
}

int db_audit_row(struct db *db, int64_t id, db_row_fn fn, void *ctx, struct error *err)
{
	sqlite3_stmt *stmt = db_statement(db, slot(ONE_ROW), AUDIT_COLUMNS "WHERE id = ?1", err);
	if (stmt == NULL)
		return err ? err->code : EX_SOFTWARE;
	sqlite3_bind_int64(stmt, 1, id);
	return db_walk(db, stmt, fn, ctx, err, "the audit trail");
}

static int take_id(void *ctx, const struct db_value *cols, int count)
{
	(void)count;
	*(int64_t *)ctx = cols[0].i;
	return 0;
}

int db_audit_latest_change(struct db *db, const char *kind, int64_t record_id, int64_t *id,
                           struct error *err)
{
	sqlite3_stmt *stmt = db_statement(db, slot(LATEST_CHANGE),
		"SELECT id FROM audit WHERE kind = ?1 AND record_id = ?2 "
		"AND action IN ('insert', 'update', 'delete') ORDER BY id DESC LIMIT 1", err);
	if (stmt == NULL)
		return err ? err->code : EX_SOFTWARE;
	sqlite3_bind_text(stmt, 1, kind, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(stmt, 2, record_id);
	*id = 0;
	return db_walk(db, stmt, take_id, id, err, "the audit trail");
}

/* The JSON key of a column, as db_record_json writes it: a reference
 * loses its "_id" ("provider_id" is "provider"). */
static void json_key(const struct db_column *c, char *buf, size_t len)
{
	size_t n = strlen(c->name);
	if (c->references != TABLE_NONE && n > 3)
		n -= 3;
	snprintf(buf, len, "%.*s", (int)n, c->name);
}

int db_audit_json_row(struct db *db, enum db_table_id t, const char *json, db_row_fn fn,
                      void *ctx, struct error *err)
{
	if (t < 0 || t >= TABLE_COUNT)
		return error_set(err, EX_SOFTWARE, "no such table");
	int which = slot(JSON_ROW_FIRST) + (int)t;
	sqlite3_stmt *stmt;
	if (db->stmts[which] != NULL) {
		stmt = db_statement(db, which, NULL, err);
	} else {
		/* Names from the catalogue only; the JSON is a bound value. */
		struct sql q = {.len = 0};
		sql_add(&q, "SELECT json_extract(?1, '$.id')");
		for (int i = 0; i < db_tables[t].column_count; i++) {
			char key[64];
			json_key(&db_tables[t].columns[i], key, sizeof key);
			sql_add(&q, ", json_extract(?1, '$.%s')", key);
		}
		stmt = db_statement(db, which, q.text, err);
	}
	if (stmt == NULL)
		return err ? err->code : EX_SOFTWARE;
	sqlite3_bind_text(stmt, 1, json, -1, SQLITE_TRANSIENT);
	return db_walk(db, stmt, fn, ctx, err, "the audit trail");
}
