#include "db/audit.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>

#include "db/compose.h"
#include "db/db_internal.h"

/* Names the layout of the hashed text, so that a later layout can be
 * told from this one. */
#define HASH_LAYOUT "sendesk-audit-1\n"

/* The audit actions that change a record, as opposed to the events
 * (view, backup, restore) the trail also records. */
#define CHANGE_ACTIONS "('insert', 'update', 'delete')"

/* The hash is taken of every audit row written and twice of every row
 * `check` reads: the few characters below are made by hand, not by
 * snprintf, which cost a quarter of a check's time (several seconds of a
 * check under the sanitizers). */
static int decimal_text(char *buf, int value)
{
	char digits[16];
	int n = 0;
	unsigned v = value < 0 ? 0u : (unsigned)value;
	do
		digits[n++] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	for (int i = 0; i < n; i++)
		buf[i] = digits[n - 1 - i];
	return n;
}

static void hex_text(const unsigned char *bytes, unsigned n, char *out)
{
	static const char hex[] = "0123456789abcdef";
	for (unsigned i = 0; i < n; i++) {
		out[2 * i] = hex[bytes[i] >> 4];
		out[2 * i + 1] = hex[bytes[i] & 15];
	}
	out[2 * n] = '\0';
}

static void digest_field(EVP_MD_CTX *md, sqlite3_value *v)
{
	if (sqlite3_value_type(v) == SQLITE_NULL) {
		EVP_DigestUpdate(md, "-\n", 2);
		return;
	}
	/* Length first: no choice of text can make two rows read the same. */
	const unsigned char *text = sqlite3_value_text(v);
	int bytes = sqlite3_value_bytes(v);
	char len[24];
	int n = decimal_text(len, bytes);
	len[n++] = ':';
	EVP_DigestUpdate(md, len, (size_t)n);
	EVP_DigestUpdate(md, text, (size_t)bytes);
	EVP_DigestUpdate(md, "\n", 1);
}

/* sendesk_audit_hash(prev, at, login, action, kind, record_id, before,
 * after): the row's hash as hex text.  The id is not hashed: the chain's
 * order is the ids', and a row put in between two others (the later ids
 * moved up to make room) is then told by the row after it chaining past
 * it, rather than every later row failing. */
static void audit_hash_function(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	unsigned char out[EVP_MAX_MD_SIZE];
	unsigned int out_len = 0;
	bool ok = md != NULL && EVP_DigestInit_ex(md, EVP_sha256(), NULL) == 1;
	if (ok) {
		const unsigned char *prev = sqlite3_value_text(argv[0]);
		EVP_DigestUpdate(md, HASH_LAYOUT, strlen(HASH_LAYOUT));
		if (prev != NULL)
			EVP_DigestUpdate(md, prev, (size_t)sqlite3_value_bytes(argv[0]));
		EVP_DigestUpdate(md, "\n", 1);
		for (int i = 1; i < argc; i++)
			digest_field(md, argv[i]);
		ok = EVP_DigestFinal_ex(md, out, &out_len) == 1;
	}
	EVP_MD_CTX_free(md);
	if (!ok) {
		sqlite3_result_error(ctx, "SHA-256 is not available", -1);
		return;
	}
	char hex[2 * EVP_MAX_MD_SIZE + 1];
	hex_text(out, out_len, hex);
	sqlite3_result_text(ctx, hex, (int)(2 * out_len), SQLITE_TRANSIENT);
}

int db_audit_hash_add_to(sqlite3 *conn)
{
	return sqlite3_create_function_v2(conn, "sendesk_audit_hash", 8,
	                                  SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
	                                  NULL, audit_hash_function, NULL, NULL, NULL);
}

int db_audit_register(struct db *db, struct error *err)
{
	int rc = db_audit_hash_add_to(db->conn);
	return rc == SQLITE_OK ? 0 : db_fail(db, rc, err, "registering the audit hash");
}

/* Statements of the check, the export and restore run once per command:
 * prepared when needed, not cached. */
static int walk_once(struct db *db, const char *sql, const char *const *binds, int bind_count,
                     db_row_fn fn, void *ctx, struct error *err, const char *what)
{
	sqlite3_stmt *stmt;
	int rc = sqlite3_prepare_v2(db->conn, sql, -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return db_fail(db, rc, err, what);
	for (int i = 0; i < bind_count; i++)
		sqlite3_bind_text(stmt, i + 1, binds[i], -1, SQLITE_TRANSIENT);
	rc = db_walk(db, stmt, fn, ctx, err, what);
	sqlite3_finalize(stmt);
	return rc;
}

#define ROW_HASH(prev) \
	"sendesk_audit_hash(" prev ", at, login, action, kind, record_id, before, after)"

int db_audit_chain_each(struct db *db, db_row_fn fn, void *ctx, struct error *err)
{
	static const char sql[] =
		"SELECT id, at, login, action, kind, record_id, hash, "
		"  hash IS " ROW_HASH("lag(hash) OVER w") ", "
		"  hash IS " ROW_HASH("lag(hash, 2) OVER w") ", "
		"  lag(id) OVER w "
		"FROM audit WINDOW w AS (ORDER BY id) ORDER BY id";
	return walk_once(db, sql, NULL, 0, fn, ctx, err, "checking the audit chain");
}

static int take_id(void *ctx, const struct db_value *cols, int count)
{
	(void)count;
	*(int64_t *)ctx = cols[0].i;
	return 0;
}

int db_audit_last_id(struct db *db, int64_t *id, struct error *err)
{
	*id = 0;
	return walk_once(db, "SELECT ifnull(max(id), 0) FROM audit", NULL, 0, take_id, id, err,
	                 "reading the audit trail");
}

struct head {
	int64_t count;
	char *hash;
};

static int take_head(void *ctx, const struct db_value *cols, int count)
{
	struct head *h = ctx;
	(void)count;
	h->count = cols[0].i;
	snprintf(h->hash, AUDIT_HASH_HEX, "%s", cols[1].s ? cols[1].s : "");
	return 0;
}

int db_audit_head(struct db *db, int64_t *count, char hash[AUDIT_HASH_HEX], struct error *err)
{
	struct head h = {0, hash};
	hash[0] = '\0';
	int rc = walk_once(db,
		"SELECT count(*), (SELECT hash FROM audit ORDER BY id DESC LIMIT 1) FROM audit",
		NULL, 0, take_head, &h, err, "reading the audit chain's head");
	*count = h.count;
	return rc;
}

/* The name a column has in an audit row's JSON: a reference loses its
 * "_id" (as db/record.c writes it). */
static void json_name(const struct db_column *c, char *buf, size_t len)
{
	size_t n = strlen(c->name);
	if (c->references != TABLE_NONE && n > 3)
		n -= 3;
	snprintf(buf, len, "%.*s", (int)n, c->name);
}

/* "SELECT t.id, json_object(...) AS now, <key> AS key FROM <table> t" */
static void add_current(struct sql *q, enum db_table_id t)
{
	const struct db_table *tb = &db_tables[t];
	sql_add(q, "SELECT t.id AS id, json_object('id', t.id");
	for (int i = 0; i < tb->column_count; i++) {
		char name[64];
		json_name(&tb->columns[i], name, sizeof name);
		sql_add(q, ", '%s', ", name);
		sql_add_readable(q, &tb->columns[i]);
	}
	sql_add(q, ") AS now, ");
	if (tb->key_count == 1)
		sql_add_readable(q, &tb->columns[tb->key[0]]);
	else
		sql_add(q, "NULL");
	sql_add(q, " AS key FROM %s t", tb->name);
}

/* A logged reference j whose key names no record now is not compared. */
static void add_stale_references(struct sql *q, enum db_table_id t)
{
	const struct db_table *tb = &db_tables[t];
	for (int i = 0; i < tb->column_count; i++) {
		const struct db_column *c = &tb->columns[i];
		if (c->references == TABLE_NONE)
			continue;
		char name[64];
		json_name(c, name, sizeof name);
		sql_add(q, " AND NOT (j.key = '%s' AND NOT EXISTS (SELECT 1 FROM %s r WHERE r.%s = j.value))",
		        name, db_tables[c->references].name, sql_key_column(c->references)->name);
	}
}

static void compose_drift(struct sql *q, enum db_table_id t)
{
	const struct db_table *tb = &db_tables[t];
	sql_add(q, "SELECT n.id, n.key, CASE WHEN l.after IS NULL THEN 'deleted' ELSE 'changed' END FROM (");
	add_current(q, t);
	sql_add(q, ") n JOIN audit l ON l.id = (SELECT max(a.id) FROM audit a WHERE a.kind = ?1 "
	        "AND a.record_id = n.id AND a.action IN " CHANGE_ACTIONS ") "
	        "WHERE l.after IS NULL OR EXISTS (SELECT 1 FROM json_each(l.after) j "
	        "WHERE j.key <> 'id' AND j.value IS NOT (n.now ->> j.key)");
	add_stale_references(q, t);
	sql_add(q, ") UNION ALL SELECT l.record_id, ");
	if (tb->key_count == 1) {
		char name[64];
		json_name(&tb->columns[tb->key[0]], name, sizeof name);
		sql_add(q, "l.after ->> '%s'", name);
	} else {
		sql_add(q, "NULL");
	}
	sql_add(q, ", 'missing' FROM audit l WHERE l.kind = ?1 AND l.after IS NOT NULL "
	        "AND l.action IN " CHANGE_ACTIONS " AND l.id = (SELECT max(a.id) FROM audit a "
	        "WHERE a.kind = ?1 AND a.record_id = l.record_id AND a.action IN " CHANGE_ACTIONS ") "
	        "AND NOT EXISTS (SELECT 1 FROM %s WHERE id = l.record_id)", tb->name);
}

int db_audit_drift(struct db *db, enum db_table_id t, const char *kind, db_row_fn fn, void *ctx,
                   struct error *err)
{
	struct sql q = {.len = 0};
	compose_drift(&q, t);
	if (q.len + 1 >= sizeof q.text)
		return error_set(err, EX_SOFTWARE, "checking %s against the audit trail: query too long",
		                 db_tables[t].name);
	const char *binds[] = {kind};
	return walk_once(db, q.text, binds, 1, fn, ctx, err, "checking records against the audit trail");
}

int db_audit_trail(struct db *db, const char *login, const char *from, const char *to,
                   db_row_fn fn, void *ctx, struct error *err)
{
	/* A view names the record by the key its latest change logged. */
	static const char sql[] =
		"SELECT a.at, a.login, a.action, a.kind, "
		"  coalesce(a.after ->> 'ref', a.before ->> 'ref', a.after ->> 'code', "
		"    a.before ->> 'code', a.after ->> 'login', a.before ->> 'login', a.after ->> 'file', "
		"    (SELECT coalesce(b.after ->> 'ref', b.before ->> 'ref', b.after ->> 'code', "
		"       b.before ->> 'code') FROM audit b "
		"     WHERE b.kind = a.kind AND b.record_id = a.record_id AND b.action IN " CHANGE_ACTIONS
		"     ORDER BY b.id DESC LIMIT 1), "
		"    CAST(a.record_id AS TEXT)), "
		"  CASE a.action "
		"    WHEN 'update' THEN (SELECT json_group_object(j.key, json_array(a.before -> j.key, "
		"        a.after -> j.key)) FROM json_each(a.after) j "
		"      WHERE j.value IS NOT (a.before ->> j.key)) "
		"    WHEN 'insert' THEN a.after "
		"    WHEN 'delete' THEN a.before "
		"    ELSE coalesce(a.after, '{}') END, "
		"  a.hash "
		"FROM audit a "
		"WHERE (?1 IS NULL OR a.login = ?1) "
		"  AND (?2 IS NULL OR substr(a.at, 1, 10) >= ?2) "
		"  AND (?3 IS NULL OR substr(a.at, 1, 10) <= ?3) "
		"ORDER BY a.id";
	const char *binds[] = {login, from, to};
	return walk_once(db, sql, binds, 3, fn, ctx, err, "reading the audit trail");
}
