/* bulk.c: the benchmark generator's load path.  NOT FOR REAL DATA: see
 * bulk.h.  Nothing here writes an audit row.
 *
 * Besides constant pragmas, the only statements run here that are not
 * fixed text are the schema's own index definitions, read back from
 * sqlite_master, and the catalogue's (db_search_rebuild).  No value from
 * outside ever becomes SQL text. */
#include "db/bulk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/compose.h"
#include "db/db_internal.h"
#include "db/record.h"
#include "util/clock.h"

#define DEFAULT_CACHE_KIB (256 * 1024)
#define NORMAL_CACHE_KIB_TEXT "2000"  /* SQLite's own default: 2000 KiB */
#define MAX_DEFERRED 64

/* A secondary index set aside for the load. */
struct deferred {
	char *name;
	char *sql;                          /* its CREATE INDEX text, from the schema */
};

struct db_bulk {
	struct db *db;
	struct db_bulk_options opt;
	sqlite3_stmt *insert[TABLE_COUNT];  /* one INSERT per table, prepared on first use */
	struct deferred deferred[MAX_DEFERRED];
	int deferred_count;
	bool in_transaction;
};

static double now_seconds(void)
{
	return (double)clock_us() / 1e6;
}

static int exec(struct db *db, const char *sql, struct error *err, const char *what)
{
	int rc = sqlite3_exec(db->conn, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? 0 : db_fail(db, rc, err, what);
}

/* Runs a pragma that answers with one text value (journal_mode) and
 * checks the answer: SQLite answers with the mode it kept when it cannot
 * switch, rather than failing. */
static int pragma_expect(struct db *db, const char *sql, const char *expect, struct error *err)
{
	sqlite3_stmt *stmt;
	int rc = sqlite3_prepare_v2(db->conn, sql, -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return db_fail(db, rc, err, sql);
	rc = sqlite3_step(stmt);
	char got[32] = "";
	if (rc == SQLITE_ROW && sqlite3_column_text(stmt, 0) != NULL)
		snprintf(got, sizeof got, "%s", (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, rc, err, sql);
	if (strcmp(got, expect) != 0)
		return error_set(err, EX_SOFTWARE, "%s: got '%s', not '%s'", sql, got, expect);
	return 0;
}

static int query_int(struct db *db, const char *sql, int64_t *value, struct error *err)
{
	sqlite3_stmt *stmt;
	int rc = sqlite3_prepare_v2(db->conn, sql, -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return db_fail(db, rc, err, "bulk load");
	rc = sqlite3_step(stmt);
	*value = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
	sqlite3_finalize(stmt);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_fail(db, rc, err, "bulk load");
}

/* The bulk path never runs over records people have entered. */
static int require_empty(struct db *db, struct error *err)
{
	for (int t = 0; t <= TABLE_COUNT; t++) {
		const char *table = t < TABLE_COUNT ? db_tables[t].name : "audit";
		struct sql q = {.len = 0};
		sql_add(&q, "SELECT EXISTS (SELECT 1 FROM %s)", table);
		int64_t any;
		int rc = query_int(db, q.text, &any, err);
		if (rc != 0)
			return rc;
		if (any)
			return error_set(err, EX_USAGE,
			                 "bulk loading is only for a new, empty database (%s has rows)", table);
	}
	return 0;
}

static bool plain_name(const char *s)
{
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
		      *s == '_'))
			return false;
	return true;
}

/* ---- setting indexes aside ------------------------------------------------ */

/* Sets aside the schema's non-unique indexes and its triggers (one
 * trigger step per row costs more than the row); unique indexes stay, so
 * that the load still refuses duplicate keys. */
static int set_aside(struct db_bulk *b, struct error *err)
{
	sqlite3_stmt *stmt;
	int rc = sqlite3_prepare_v2(b->db->conn,
		"SELECT name, sql, type FROM sqlite_master WHERE type IN ('index', 'trigger') "
		"AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%' ORDER BY rowid", -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return db_fail(b->db, rc, err, "reading the schema");
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW && b->deferred_count < MAX_DEFERRED) {
		const char *name = (const char *)sqlite3_column_text(stmt, 0);
		const char *sql = (const char *)sqlite3_column_text(stmt, 1);
		if (!plain_name(name))
			continue;
		struct deferred *d = &b->deferred[b->deferred_count];
		d->name = strdup(name);
		d->sql = strdup(sql);
		if (d->name == NULL || d->sql == NULL) {
			free(d->name);
			free(d->sql);
			sqlite3_finalize(stmt);
			return error_set(err, EX_OSERR, "out of memory");
		}
		b->deferred_count++;
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(b->db, rc, err, "reading the schema");
	for (int i = 0; i < b->deferred_count; i++) {
		char sql[160];
		snprintf(sql, sizeof sql, "DROP %s %s",
		         strncmp(b->deferred[i].sql, "CREATE TRIGGER", 14) == 0 ? "TRIGGER" : "INDEX",
		         b->deferred[i].name);
		if ((rc = exec(b->db, sql, err, "setting an index aside for the load")) != 0)
			return rc;
	}
	return 0;
}

static int put_back(struct db_bulk *b, struct error *err)
{
	for (int i = 0; i < b->deferred_count; i++) {
		int rc = exec(b->db, b->deferred[i].sql, err, "recreating an index");
		if (rc != 0)
			return rc;
	}
	return 0;
}

/* Back to the settings db_open chose (db/db.c), whatever state the load
 * left; the first failure is kept in err.  locking_mode must be NORMAL
 * before WAL is entered, or WAL would keep the exclusive lock for as long
 * as the connection stays open. */
static int restore_settings(struct db *db, struct error *err)
{
	static const char *const pragmas[] = {
		"PRAGMA locking_mode = NORMAL",
		NULL,   /* journal_mode, checked */
		"PRAGMA synchronous = NORMAL",
		"PRAGMA foreign_keys = ON",
		"PRAGMA ignore_check_constraints = OFF",
		"PRAGMA analysis_limit = 0",
		"PRAGMA threads = 0",
		"PRAGMA temp_store = MEMORY",
		"PRAGMA cache_size = -" NORMAL_CACHE_KIB_TEXT,
	};
	int rc = 0;
	for (size_t i = 0; i < sizeof pragmas / sizeof pragmas[0]; i++) {
		int r = pragmas[i] ? exec(db, pragmas[i], rc ? NULL : err, "restoring the settings")
		                   : pragma_expect(db, "PRAGMA journal_mode = WAL", "wal", rc ? NULL : err);
		rc = rc ? rc : r;
	}
	return rc;
}

static void free_bulk(struct db_bulk *b)
{
	for (int t = 0; t < TABLE_COUNT; t++)
		sqlite3_finalize(b->insert[t]);
	for (int i = 0; i < b->deferred_count; i++) {
		free(b->deferred[i].name);
		free(b->deferred[i].sql);
	}
	free(b);
}

int db_bulk_begin(struct db *db, const struct db_bulk_options *opt, struct db_bulk **out,
                  struct error *err)
{
	*out = NULL;
	if (!sqlite3_get_autocommit(db->conn))
		return error_set(err, EX_USAGE, "bulk loading needs a database with no transaction open");
	int rc = require_empty(db, err);
	if (rc != 0)
		return rc;
	struct db_bulk *b = calloc(1, sizeof *b);
	if (b == NULL)
		return error_set(err, EX_OSERR, "out of memory");
	b->db = db;
	if (opt != NULL)
		b->opt = *opt;
	if (b->opt.cache_kib <= 0)
		b->opt.cache_kib = DEFAULT_CACHE_KIB;

	/* Pragmas take no bound values; these numbers are not input. */
	char cache[64], limit[64], threads[64];
	snprintf(cache, sizeof cache, "PRAGMA cache_size = -%d", b->opt.cache_kib);
	snprintf(limit, sizeof limit, "PRAGMA analysis_limit = %d",
	         b->opt.analysis_limit > 0 ? b->opt.analysis_limit : 0);
	snprintf(threads, sizeof threads, "PRAGMA threads = %d",
	         b->opt.sort_threads > 0 ? b->opt.sort_threads : 0);
	/* foreign_keys is ignored inside a transaction: set it first.  The
	 * rollback journal of a new file holds almost nothing (pages beyond
	 * the original end are never journalled), so keeping it in memory
	 * costs nothing and still lets db_bulk_abort roll back. */
	const char *settings[] = {
		"PRAGMA foreign_keys = OFF",
		b->opt.enforce_checks ? NULL : "PRAGMA ignore_check_constraints = ON",
		"PRAGMA synchronous = OFF",
		cache,
		limit,
		threads,
		/* Rebuilding an index sorts more than the cache holds; the
		 * sorter's spill goes faster through the system's file cache
		 * than through SQLite's in-memory temporary files. */
		b->opt.defer_indexes ? "PRAGMA temp_store = FILE" : NULL,
		"PRAGMA locking_mode = EXCLUSIVE",
	};
	for (size_t i = 0; rc == 0 && i < sizeof settings / sizeof settings[0]; i++)
		if (settings[i] != NULL)
			rc = exec(db, settings[i], err, "bulk load settings");
	if (rc == 0)
		rc = pragma_expect(db, "PRAGMA journal_mode = MEMORY", "memory", err);
	if (rc == 0)
		rc = exec(db, "BEGIN EXCLUSIVE", err, "starting the bulk load");
	if (rc == 0)
		b->in_transaction = true;
	/* Set aside inside the transaction, so that a rollback brings them back. */
	if (rc == 0 && b->opt.defer_indexes)
		rc = set_aside(b, err);
	if (rc != 0) {
		db_bulk_abort(b);
		return rc;
	}
	*out = b;
	return 0;
}

/* "INSERT INTO table (every column) VALUES (?1, ..., ?N", left open
 * for what follows the values. */
/* A column that the schema's triggers keep as a copy of another table's
 * (db/migrations/0015_entry_district.sql): the inserts here give it its
 * value themselves, so that the trigger finds nothing to do on an import
 * and a bulk load, which sets triggers aside, needs no pass after. */
static const struct copied_column {
	enum db_table_id table;
	const char *column;
	const char *value_sql;    /* %d: the parameter of key_column */
	const char *key_column;
} copied_columns[] = {
	{TABLE_THERAPY_ENTRIES, "district", "(SELECT c.district FROM children c WHERE c.id = ?%d)",
	 "child_id"},
};

static const struct copied_column *copied_column_of(const struct db_table *tb)
{
	for (size_t i = 0; i < sizeof copied_columns / sizeof copied_columns[0]; i++)
		if (&db_tables[copied_columns[i].table] == tb)
			return &copied_columns[i];
	return NULL;
}

static void add_insert(struct sql *q, const struct db_table *tb)
{
	const struct copied_column *copy = copied_column_of(tb);
	sql_add(q, "INSERT INTO %s (", tb->name);
	for (int i = 0; i < tb->column_count; i++)
		sql_add(q, "%s%s", i ? ", " : "", tb->columns[i].name);
	if (copy != NULL)
		sql_add(q, ", %s", copy->column);
	sql_add(q, ") VALUES (");
	for (int i = 0; i < tb->column_count; i++)
		sql_add(q, "%s?%d", i ? ", " : "", i + 1);
	if (copy != NULL) {
		sql_add(q, ", ");
		sql_add(q, copy->value_sql, db_column_index(copy->table, copy->key_column) + 1);
	}
}

static sqlite3_stmt *insert_statement(struct db_bulk *b, enum db_table_id t, struct error *err)
{
	if (b->insert[t] != NULL)
		return b->insert[t];
	const struct db_table *tb = &db_tables[t];
	struct sql q = {.len = 0};
	add_insert(&q, tb);
	sql_add(&q, ")");
	int rc = sqlite3_prepare_v3(b->db->conn, q.text, -1, SQLITE_PREPARE_PERSISTENT, &b->insert[t],
	                            NULL);
	if (rc != SQLITE_OK) {
		db_fail(b->db, rc, err, "preparing a bulk insert");
		return NULL;
	}
	return b->insert[t];
}

int db_bulk_insert(struct db_bulk *b, enum db_table_id t, const struct db_value *cols,
                   int64_t *id, struct error *err)
{
	sqlite3_stmt *stmt = insert_statement(b, t, err);
	if (stmt == NULL)
		return err ? err->code : EX_SOFTWARE;
	int n = db_tables[t].column_count;
	/* Every parameter is bound on every row, so no binding of an earlier
	 * row (whose static text may be gone) is ever read. */
	for (int i = 0; i < n; i++) {
		const struct db_value *v = &cols[i];
		switch (v->type) {
		case DBV_INTEGER: sqlite3_bind_int64(stmt, i + 1, v->i); break;
		case DBV_REAL: sqlite3_bind_double(stmt, i + 1, v->r); break;
		case DBV_TEXT: sqlite3_bind_text(stmt, i + 1, v->s, -1, SQLITE_STATIC); break;
		case DBV_NULL: sqlite3_bind_null(stmt, i + 1); break;
		}
	}
	int rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE)
		return db_fail(b->db, rc, err, db_tables[t].name);
	if (id != NULL)
		*id = sqlite3_last_insert_rowid(b->db->conn);
	return 0;
}

int db_bulk_end(struct db_bulk *b, struct db_bulk_timing *timing, struct error *err)
{
	struct db_bulk_timing local;
	if (timing == NULL)
		timing = &local;
	memset(timing, 0, sizeof *timing);
	for (int t = 0; t < TABLE_COUNT; t++) {
		sqlite3_finalize(b->insert[t]);
		b->insert[t] = NULL;
	}
	double t0 = now_seconds();
	int rc = put_back(b, err);
	double t1 = now_seconds();
	/* The record statements keep the search tables in step row by row;
	 * a load fills each in one statement instead. */
	for (int t = 0; rc == 0 && t < TABLE_COUNT; t++)
		rc = db_search_rebuild(b->db, (enum db_table_id)t, err);
	double t2 = now_seconds();
	if (rc == 0)
		rc = exec(b->db, "ANALYZE", err, "analysing the loaded data");
	double t3 = now_seconds();
	if (rc == 0)
		rc = exec(b->db, "COMMIT", err, "committing the bulk load");
	if (rc != 0) {
		db_bulk_abort(b);
		return rc;
	}
	b->in_transaction = false;
	double t4 = now_seconds();
	rc = restore_settings(b->db, err);
	timing->index_seconds = t1 - t0;
	timing->search_seconds = t2 - t1;
	timing->analyze_seconds = t3 - t2;
	timing->commit_seconds = t4 - t3;
	timing->restore_seconds = now_seconds() - t4;
	free_bulk(b);
	return rc;
}

void db_bulk_abort(struct db_bulk *b)
{
	if (b == NULL)
		return;
	for (int t = 0; t < TABLE_COUNT; t++) {
		sqlite3_finalize(b->insert[t]);
		b->insert[t] = NULL;
	}
	if (b->in_transaction && !sqlite3_get_autocommit(b->db->conn))
		sqlite3_exec(b->db->conn, "ROLLBACK", NULL, NULL, NULL);
	restore_settings(b->db, NULL);
	free_bulk(b);
}

/* ---- an import's new records (see bulk.h) ---------------------------- */

struct db_import {
	struct db *db;
	enum db_table_id table;
	sqlite3_stmt *insert;          /* INSERT ... ON CONFLICT (key) DO NOTHING */
	int64_t first_id, last_id;     /* the least and the greatest id inserted */
	int64_t inserted;
	char *json;                    /* db_import_json's text, reused row after row */
	size_t json_len, json_cap;
};

bool db_import_suits(enum db_table_id t)
{
	const struct db_table *tb = &db_tables[t];
	if (tb->key_count != 1)
		return false;
	for (int i = 0; i < tb->column_count; i++)
		if (tb->columns[i].type == DB_REAL)
			return false;
	return true;
}

int db_import_begin(struct db *db, enum db_table_id t, struct db_import **out,
                    struct error *err)
{
	*out = NULL;
	if (!db_import_suits(t))
		return error_set(err, EX_SOFTWARE, "%s: not a table for the import's insert",
		                 db_tables[t].name);
	struct db_import *im = calloc(1, sizeof *im);
	if (im == NULL)
		return error_set(err, EX_OSERR, "out of memory");
	im->db = db;
	im->table = t;
	const struct db_table *tb = &db_tables[t];
	struct sql q = {.len = 0};
	add_insert(&q, tb);
	/* Only the key's conflict is passed over: any other constraint still
	 * fails the statement, and the row then goes the ordinary way. */
	sql_add(&q, ") ON CONFLICT (%s) DO NOTHING", tb->columns[tb->key[0]].name);
	int rc = sqlite3_prepare_v3(db->conn, q.text, -1, SQLITE_PREPARE_PERSISTENT, &im->insert,
	                            NULL);
	if (rc != SQLITE_OK) {
		db_import_free(im);
		return db_fail(db, rc, err, "preparing the import's insert");
	}
	*out = im;
	return 0;
}

int db_import_insert(struct db_import *im, const struct db_value *cols, int64_t *id,
                     struct error *err)
{
	*id = 0;
	for (int i = 0; i < db_tables[im->table].column_count; i++)
		db_bind(im->insert, i + 1, &cols[i]);
	int64_t changes_before = sqlite3_total_changes64(im->db->conn);
	int rc = sqlite3_step(im->insert);
	sqlite3_reset(im->insert);
	if ((rc & 0xff) == SQLITE_CONSTRAINT)
		return 0;
	if (rc != SQLITE_DONE)
		return db_fail(im->db, rc, err, db_tables[im->table].name);
	if (sqlite3_total_changes64(im->db->conn) == changes_before)
		return 0;   /* the key is there already */
	*id = sqlite3_last_insert_rowid(im->db->conn);
	if (im->inserted == 0 || *id < im->first_id)
		im->first_id = *id;
	if (im->inserted == 0 || *id > im->last_id)
		im->last_id = *id;
	im->inserted++;
	return 0;
}

static bool json_reserve(struct db_import *im, size_t more)
{
	if (im->json_len + more + 1 <= im->json_cap)
		return true;
	size_t cap = im->json_cap ? im->json_cap : 1024;
	while (cap < im->json_len + more + 1)
		cap *= 2;
	char *p = realloc(im->json, cap);
	if (p == NULL)
		return false;
	im->json = p;
	im->json_cap = cap;
	return true;
}

static bool json_raw(struct db_import *im, const char *text, size_t len)
{
	if (!json_reserve(im, len))
		return false;
	memcpy(im->json + im->json_len, text, len);
	im->json_len += len;
	im->json[im->json_len] = '\0';
	return true;
}

/* A JSON string as SQLite's json_object writes it: quote and backslash
 * escaped, the control characters with a short escape as \b \t \n \f \r,
 * the rest as \u00XX; every other byte as it is. */
static bool json_string(struct db_import *im, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	size_t len = strlen(s);
	if (!json_reserve(im, len * 6 + 2))
		return false;
	char *out = im->json + im->json_len;
	*out++ = '"';
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		unsigned char c = *p;
		if (c == '"' || c == '\\') {
			*out++ = '\\';
			*out++ = (char)c;
		} else if (c < 0x20) {
			const char *shortcut = c == '\b' ? "b" : c == '\t' ? "t" : c == '\n' ? "n"
			                     : c == '\f' ? "f" : c == '\r' ? "r" : NULL;
			*out++ = '\\';
			if (shortcut) {
				*out++ = *shortcut;
			} else {
				memcpy(out, "u00", 3);
				out += 3;
				*out++ = hex[c >> 4];
				*out++ = hex[c & 0xf];
			}
		} else {
			*out++ = (char)c;
		}
	}
	*out++ = '"';
	im->json_len = (size_t)(out - im->json);
	im->json[im->json_len] = '\0';
	return true;
}

static bool json_integer(struct db_import *im, int64_t n)
{
	char text[32];
	int len = snprintf(text, sizeof text, "%lld", (long long)n);
	return json_raw(im, text, (size_t)len);
}

/* The name a column has in the JSON: a reference loses its "_id", as in
 * db_record_json. */
static bool json_key(struct db_import *im, const struct db_column *c)
{
	size_t n = strlen(c->name);
	if (c->references != TABLE_NONE && n > 3)
		n -= 3;
	char name[64];
	snprintf(name, sizeof name, "%.*s", (int)n, c->name);
	return json_raw(im, ",", 1) && json_string(im, name) && json_raw(im, ":", 1);
}

/* One column's value as SQLite would store and then print it; false when
 * the value is not of the column's type (SQLite would convert it), so
 * that the caller asks SQLite instead. */
static bool json_value(struct db_import *im, const struct db_column *c, const struct db_value *v,
                       const char *ref_key, bool *same_type)
{
	if (c->references != TABLE_NONE && v->type != DBV_NULL) {
		*same_type = ref_key != NULL;
		return !*same_type || json_string(im, ref_key);
	}
	switch (v->type) {
	case DBV_NULL: return json_raw(im, "null", 4);
	case DBV_INTEGER:
		*same_type = c->type == DB_INTEGER;
		return !*same_type || json_integer(im, v->i);
	case DBV_TEXT:
		*same_type = c->type == DB_TEXT;
		return !*same_type || json_string(im, v->s);
	case DBV_REAL: break;
	}
	*same_type = false;
	return true;
}

const char *db_import_json(struct db_import *im, int64_t id, const struct db_value *cols,
                           const char *const *ref_keys, struct error *err)
{
	const struct db_table *tb = &db_tables[im->table];
	im->json_len = 0;
	bool ok = json_raw(im, "{\"id\":", 6) && json_integer(im, id), same_type = true;
	for (int i = 0; ok && same_type && i < tb->column_count; i++)
		ok = json_key(im, &tb->columns[i]) &&
		     json_value(im, &tb->columns[i], &cols[i], ref_keys[i], &same_type);
	ok = ok && json_raw(im, "}", 1);
	if (!ok) {
		error_set(err, EX_OSERR, "out of memory");
		return NULL;
	}
	if (same_type)
		return im->json;
	/* A value SQLite converts on the way in: its own reading is the truth. */
	char *stored;
	if (db_record_json(im->db, im->table, id, &stored, err) != 0)
		return NULL;
	im->json_len = 0;
	ok = stored != NULL && json_raw(im, stored, strlen(stored));
	free(stored);
	if (!ok)
		error_set(err, EX_SOFTWARE, "%s %lld: not found after its insert", tb->name, (long long)id);
	return ok ? im->json : NULL;
}

int db_import_finish(struct db_import *im, struct error *err)
{
	int rc = im->inserted == 0 ? 0
	       : db_search_fill_range(im->db, im->table, im->first_id, im->last_id, err);
	db_import_free(im);
	return rc;
}

void db_import_free(struct db_import *im)
{
	if (im == NULL)
		return;
	sqlite3_finalize(im->insert);
	free(im->json);
	free(im);
}
