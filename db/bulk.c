/* bulk.c: the benchmark generator's load path.  NOT FOR REAL DATA: see
 * bulk.h.  Nothing here writes an audit row. */
#include "db/bulk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/compose.h"
#include "db/db_internal.h"

#define DEFAULT_CACHE_KIB (1024 * 1024)
#define NORMAL_CACHE_KIB 2000          /* SQLite's own default: 2000 KiB */
#define MAX_DEFERRED 64

struct deferred_index {
	char *name;
	char *sql;                          /* its CREATE INDEX text, from the schema */
};

struct db_bulk {
	struct db *db;
	struct db_bulk_options opt;
	sqlite3_stmt *insert[TABLE_COUNT];  /* one INSERT per table, prepared on first use */
	struct deferred_index deferred[MAX_DEFERRED];
	int deferred_count;
	bool in_transaction;
};

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Fixed statements only: pragmas with constant numbers, transaction
 * control, and index definitions read back from the schema itself. */
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
		struct sql q = {.len = 0};
		sql_add(&q, "SELECT EXISTS (SELECT 1 FROM %s)", t < TABLE_COUNT ? db_tables[t].name : "audit");
		int64_t any;
		int rc = query_int(db, q.text, &any, err);
		if (rc != 0)
			return rc;
		if (any)
			return error_set(err, EX_USAGE,
			                 "bulk loading is only for a new, empty database (%s has rows)",
			                 t < TABLE_COUNT ? db_tables[t].name : "audit");
	}
	return 0;
}

static bool plain_name(const char *s)
{
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
			return false;
	return true;
}

/* Drops the schema's non-unique indexes, remembering their definitions.
 * Unique ones stay, so that the load still refuses duplicate keys. */
static int drop_secondary_indexes(struct db_bulk *b, struct error *err)
{
	sqlite3_stmt *stmt;
	int rc = sqlite3_prepare_v2(b->db->conn,
		"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
		"AND sql NOT LIKE 'CREATE UNIQUE%' ORDER BY rowid", -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return db_fail(b->db, rc, err, "reading the schema");
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW && b->deferred_count < MAX_DEFERRED) {
		const char *name = (const char *)sqlite3_column_text(stmt, 0);
		const char *sql = (const char *)sqlite3_column_text(stmt, 1);
		if (!plain_name(name))
			continue;
		if (getenv("BULK_KEEP") && strstr(getenv("BULK_KEEP"), name))
			continue;
		struct deferred_index *d = &b->deferred[b->deferred_count];
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
		char sql[128];
		snprintf(sql, sizeof sql, "DROP INDEX %s", b->deferred[i].name);
		if ((rc = exec(b->db, sql, err, "dropping an index for the load")) != 0)
			return rc;
	}
	return 0;
}

static int recreate_indexes(struct db_bulk *b, struct error *err)
{
	for (int i = 0; i < b->deferred_count; i++) {
		int rc = exec(b->db, b->deferred[i].sql, err, "recreating an index");
		if (rc != 0)
			return rc;
	}
	return 0;
}

/* Back to the settings db_open chose (db/db.c), whatever state the load
 * left; the first failure is kept in err. */
static int restore_settings(struct db *db, struct error *err)
{
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA cache_size = -%d", NORMAL_CACHE_KIB);
	/* locking_mode must be NORMAL before WAL is entered, or WAL would keep
	 * the exclusive lock for as long as the connection stays open. */
	int rc = exec(db, "PRAGMA locking_mode = NORMAL", err, "restoring locking");
	int r2 = pragma_expect(db, "PRAGMA journal_mode = WAL", "wal", rc ? NULL : err);
	rc = rc ? rc : r2;
	r2 = exec(db, "PRAGMA synchronous = NORMAL", rc ? NULL : err, "restoring synchronous");
	rc = rc ? rc : r2;
	r2 = exec(db, "PRAGMA foreign_keys = ON", rc ? NULL : err, "restoring foreign keys");
	rc = rc ? rc : r2;
	r2 = exec(db, "PRAGMA ignore_check_constraints = OFF", rc ? NULL : err, "restoring checks");
	rc = rc ? rc : r2;
	r2 = exec(db, "PRAGMA analysis_limit = 0", rc ? NULL : err, "restoring analysis_limit");
	rc = rc ? rc : r2;
	r2 = exec(db, "PRAGMA threads = 0", rc ? NULL : err, "restoring threads");
	rc = rc ? rc : r2;
	r2 = exec(db, sql, rc ? NULL : err, "restoring the cache size");
	return rc ? rc : r2;
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
	rc = exec(db, "PRAGMA foreign_keys = OFF", err, "bulk load settings");
	if (rc == 0 && !b->opt.enforce_checks)
		rc = exec(db, "PRAGMA ignore_check_constraints = ON", err, "bulk load settings");
	if (rc == 0)
		rc = exec(db, "PRAGMA synchronous = OFF", err, "bulk load settings");
	if (rc == 0)
		rc = exec(db, cache, err, "bulk load settings");
	if (rc == 0)
		rc = exec(db, limit, err, "bulk load settings");
	if (rc == 0)
		rc = exec(db, threads, err, "bulk load settings");
	if (rc == 0 && getenv("BULK_TEMP_FILE"))
		rc = exec(db, "PRAGMA temp_store = FILE", err, "bulk load settings");
	if (rc == 0)
		rc = exec(db, "PRAGMA locking_mode = EXCLUSIVE", err, "bulk load settings");
	if (rc == 0)
		rc = pragma_expect(db, "PRAGMA journal_mode = MEMORY", "memory", err);
	if (rc == 0)
		rc = exec(db, "BEGIN EXCLUSIVE", err, "starting the bulk load");
	if (rc == 0)
		b->in_transaction = true;
	/* Dropped inside the transaction, so that a rollback brings them back. */
	if (rc == 0 && b->opt.defer_indexes)
		rc = drop_secondary_indexes(b, err);
	if (rc != 0) {
		db_bulk_abort(b);
		return rc;
	}
	*out = b;
	return 0;
}

static sqlite3_stmt *insert_statement(struct db_bulk *b, enum db_table_id t, struct error *err)
{
	if (b->insert[t] != NULL)
		return b->insert[t];
	const struct db_table *tb = &db_tables[t];
	struct sql q = {.len = 0};
	sql_add(&q, "INSERT INTO %s (", tb->name);
	for (int i = 0; i < tb->column_count; i++)
		sql_add(&q, "%s%s", i ? ", " : "", tb->columns[i].name);
	sql_add(&q, ") VALUES (");
	for (int i = 0; i < tb->column_count; i++)
		sql_add(&q, "%s?%d", i ? ", " : "", i + 1);
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
	int rc = recreate_indexes(b, err);
	double t1 = now_seconds();
	if (rc == 0)
		rc = exec(b->db, "ANALYZE", err, "analysing the loaded data");
	double t2 = now_seconds();
	if (rc == 0)
		rc = exec(b->db, "COMMIT", err, "committing the bulk load");
	if (rc != 0) {
		db_bulk_abort(b);
		return rc;
	}
	b->in_transaction = false;
	double t3 = now_seconds();
	rc = restore_settings(b->db, err);
	double t4 = now_seconds();
	timing->index_seconds = t1 - t0;
	timing->analyze_seconds = t2 - t1;
	timing->commit_seconds = t3 - t2;
	timing->restore_seconds = t4 - t3;
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
