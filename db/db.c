#include "db/db_internal.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db/audit.h"
#include "db/migrations.h"
#include "util/fold.h"
#include "util/privilege.h"

/* "SEND" in ASCII: PRAGMA application_id tells a sendesk file from any
 * other SQLite database. */
#define SENDESK_APPLICATION_ID 0x53454E44
#define BUSY_TIMEOUT_MS 5000
#define COLUMNS_MAX 32

struct db_value db_null(void) { return (struct db_value){.type = DBV_NULL}; }
struct db_value db_int(int64_t i) { return (struct db_value){.type = DBV_INTEGER, .i = i}; }
struct db_value db_real(double r) { return (struct db_value){.type = DBV_REAL, .r = r}; }

struct db_value db_text(const char *s)
{
	if (s == NULL)
		return db_null();
	return (struct db_value){.type = DBV_TEXT, .s = s};
}

int db_schema_version(void)
{
	return migration_count;
}

int db_fail(struct db *db, int rc, struct error *err, const char *what)
{
	const char *detail = db && db->conn ? sqlite3_errmsg(db->conn) : sqlite3_errstr(rc);
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return error_set(err, EX_TEMPFAIL, "%s: the database is busy, try again", what);
	case SQLITE_NOTADB:
		return error_set(err, EX_UNAVAILABLE, "%s: not a sendesk database (not an SQLite file)", what);
	case SQLITE_CORRUPT:
		return error_set(err, EX_UNAVAILABLE, "%s: the database file is corrupt", what);
	case SQLITE_CONSTRAINT:
		return error_set(err, EX_DATAERR, "%s: %s", what, detail);
	case SQLITE_IOERR:
	case SQLITE_FULL:
	case SQLITE_READONLY:
		return error_set(err, EX_IOERR, "%s: %s", what, detail);
	case SQLITE_INTERRUPT:
		return error_set(err, EX_TEMPFAIL, "%s: stopped", what);
	case SQLITE_CANTOPEN:
	case SQLITE_PERM:
		return error_set(err, EX_NOINPUT, "%s: %s", what, detail);
	default:
		return error_set(err, EX_SOFTWARE, "%s: %s", what, detail);
	}
}

sqlite3_stmt *db_statement(struct db *db, int slot, const char *sql, struct error *err)
{
	sqlite3_stmt *stmt = db->stmts[slot];
	if (stmt != NULL) {
		sqlite3_reset(stmt);
		sqlite3_clear_bindings(stmt);
		return stmt;
	}
	int rc = sqlite3_prepare_v3(db->conn, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
	if (rc != SQLITE_OK) {
		db_fail(db, rc, err, "preparing a query");
		return NULL;
	}
	db->stmts[slot] = stmt;
	return stmt;
}

int db_bind(sqlite3_stmt *stmt, int index, const struct db_value *value)
{
	switch (value->type) {
	case DBV_INTEGER:
		return sqlite3_bind_int64(stmt, index, value->i);
	case DBV_REAL:
		return sqlite3_bind_double(stmt, index, value->r);
	case DBV_TEXT:
		return sqlite3_bind_text(stmt, index, value->s, -1, SQLITE_TRANSIENT);
	case DBV_NULL:
		break;
	}
	return sqlite3_bind_null(stmt, index);
}

struct db_value db_column(sqlite3_stmt *stmt, int index)
{
	switch (sqlite3_column_type(stmt, index)) {
	case SQLITE_INTEGER:
		return db_int(sqlite3_column_int64(stmt, index));
	case SQLITE_FLOAT:
		return db_real(sqlite3_column_double(stmt, index));
	case SQLITE_NULL:
		return db_null();
	default:
		return db_text((const char *)sqlite3_column_text(stmt, index));
	}
}

int db_walk(struct db *db, sqlite3_stmt *stmt, db_row_fn fn, void *ctx,
            struct error *err, const char *what)
{
	struct db_value cols[COLUMNS_MAX];
	int count = sqlite3_column_count(stmt);
	if (count > COLUMNS_MAX)
		return error_set(err, EX_SOFTWARE, "%s: too many columns", what);
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		for (int i = 0; i < count; i++)
			cols[i] = db_column(stmt, i);
		int stop = fn ? fn(ctx, cols, count) : 0;
		if (stop != 0) {
			sqlite3_reset(stmt);
			return stop;
		}
	}
	sqlite3_reset(stmt);
	return rc == SQLITE_DONE ? 0 : db_fail(db, rc, err, what);
}

/* How many SQLite virtual machine steps go between two questions to a
 * watch's stop(): about a tenth of a millisecond of work. */
#define WATCH_STEPS 10000

static int watched_step(void *ctx)
{
	struct db *db = ctx;
	return db->watch != NULL && db->watch(db->watch_ctx);
}

void db_watch_restore(struct db *db)
{
	if (db->watch != NULL)
		sqlite3_progress_handler(db->conn, WATCH_STEPS, watched_step, db);
	else
		sqlite3_progress_handler(db->conn, 0, NULL, NULL);
}

void db_watch(struct db *db, db_stop_fn stop, void *ctx)
{
	db->watch = stop;
	db->watch_ctx = ctx;
	db_watch_restore(db);
}

/* One statement of fixed text, for pragmas and transaction control. */
static int exec_fixed(struct db *db, const char *sql, struct error *err, const char *what)
{
	int rc = sqlite3_exec(db->conn, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? 0 : db_fail(db, rc, err, what);
}

static int pragma_int(struct db *db, const char *sql, int *value, struct error *err)
{
	sqlite3_stmt *stmt;
	int rc = sqlite3_prepare_v2(db->conn, sql, -1, &stmt, NULL);
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(stmt);
		*value = rc == SQLITE_ROW ? sqlite3_column_int(stmt, 0) : 0;
		rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_OK ? 0 : db_fail(db, rc, err, db->path);
}

/* Refuses files that are not ours, newer than us, or damaged; tells
 * whether the file is still empty so that it may be initialised. */
static int check_identity(struct db *db, enum db_open_mode mode, int *version, struct error *err)
{
	int app_id, tables, rc;
	if ((rc = pragma_int(db, "PRAGMA application_id", &app_id, err)) != 0 ||
	    (rc = pragma_int(db, "PRAGMA user_version", version, err)) != 0 ||
	    (rc = pragma_int(db, "SELECT count(*) FROM sqlite_master", &tables, err)) != 0)
		return rc;
	bool empty = app_id == 0 && *version == 0 && tables == 0;
	if (empty && mode == DB_OPEN_CREATE)
		return 0;
	if (empty)
		return error_set(err, EX_UNAVAILABLE,
		                 "%s: not a sendesk database (an empty file; create one with 'sendesk init')",
		                 db->path);
	if (app_id != SENDESK_APPLICATION_ID)
		return error_set(err, EX_UNAVAILABLE,
		                 "%s: not a sendesk database (an SQLite file of another program)", db->path);
	if (*version > migration_count)
		return error_set(err, EX_UNAVAILABLE,
		                 "%s: newer schema (version %d) than this sendesk knows (version %d); upgrade sendesk",
		                 db->path, *version, migration_count);
	return 0;
}

/* Applies the migrations after version, all in one transaction. */
static int migrate(struct db *db, int version, struct error *err)
{
	if (version == migration_count)
		return 0;
	int rc = exec_fixed(db, "BEGIN IMMEDIATE", err, db->path);
	for (int v = version; rc == 0 && v < migration_count; v++) {
		int src = sqlite3_exec(db->conn, migrations[v], NULL, NULL, NULL);
		if (src != SQLITE_OK)
			rc = db_fail(db, src, err, "applying schema migration");
	}
	/* Version 2 brought the search tables, version 4 made them anew and
	 * version 6 folds their text: fill them from the records. */
	for (int t = 0; rc == 0 && version < 6 && t < TABLE_COUNT; t++)
		rc = db_search_rebuild(db, (enum db_table_id)t, err);
	if (rc == 0) {
		/* Pragmas cannot take bound values; the numbers are constants. */
		char sql[96];
		snprintf(sql, sizeof sql, "PRAGMA application_id = %d; PRAGMA user_version = %d",
		         SENDESK_APPLICATION_ID, migration_count);
		rc = exec_fixed(db, sql, err, "recording the schema version");
	}
	if (rc == 0)
		return exec_fixed(db, "COMMIT", err, "committing schema migration");
	sqlite3_exec(db->conn, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

/* "permission denied: PATH is mode 0750, owner root; ..." naming the
 * first folder on the way to path that may not be entered, else path
 * (or, for a file that could not be made, its folder). */
static int permission_denied(const char *path, struct error *err)
{
	char culprit[4096];
	snprintf(culprit, sizeof culprit, "%s", path);
	for (char *p = strchr(culprit + 1, '/'); p != NULL; p = strchr(p + 1, '/')) {
		*p = '\0';
		if (faccessat(AT_FDCWD, culprit, X_OK, AT_EACCESS) != 0 && errno == EACCES)
			break;
		*p = '/';
	}
	struct stat st;
	char *slash = strrchr(culprit, '/');
	/* A file not made yet: its folder is the one that refused. */
	if (stat(culprit, &st) != 0) {
		if (slash != NULL)
			slash[slash == culprit] = '\0';
		else
			snprintf(culprit, sizeof culprit, ".");
		if (stat(culprit, &st) != 0)
			return error_set(err, EX_NOPERM, "permission denied: %s; see 'Sharing one database "
			                 "with a team'", culprit);
	}
	struct passwd *owner = getpwuid(st.st_uid);
	char uid[24];
	snprintf(uid, sizeof uid, "%ld", (long)st.st_uid);
	return error_set(err, EX_NOPERM, "permission denied: %s is mode %04o, owner %s; see "
	                 "'Sharing one database with a team'", culprit,
	                 (unsigned)(st.st_mode & 07777), owner ? owner->pw_name : uid);
}

/* Creates the file itself, exclusively, so that it is born with the
 * configured mode rather than SQLite's umask-dependent default. */
static int create_file(const char *path, int file_mode, struct error *err)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, (mode_t)file_mode);
	if (fd < 0 && errno == EACCES)
		return permission_denied(path, err);
	if (fd < 0) {
		int code = errno == EEXIST ? EX_CANTCREAT : EX_CANTCREAT;
		return error_set(err, code, "%s: cannot create: %s", path,
		                 errno == EEXIST ? "it already exists" : strerror(errno));
	}
	int rc = fchmod(fd, (mode_t)file_mode) == 0 ? 0 :
	         error_set(err, EX_CANTCREAT, "%s: cannot set mode: %s", path, strerror(errno));
	close(fd);
	return rc;
}

/* sendesk_fold(text): the text as search compares it (util/fold.h);
 * NULL stays NULL. */
static void fold_function(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const char *text = (const char *)sqlite3_value_text(argv[0]);
	if (text == NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	size_t len = 0;
	char *folded = fold_text(text, (size_t)sqlite3_value_bytes(argv[0]), &len);
	if (folded == NULL) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	sqlite3_result_text(ctx, folded, (int)len, free);
}

/* Whether this process may write path (as SQLite would, with its
 * effective ids); a file without any write bit counts as not writable
 * even for root, who could write it but would leave -wal and -shm
 * files its owner cannot. */
static bool writable(const char *path, int how, const struct stat *st)
{
	return (st->st_mode & 0222) != 0 && faccessat(AT_FDCWD, path, how, AT_EACCESS) == 0;
}

/* Fills db->read_only with why nothing can be changed here.  Tells
 * whether SQLite should take the file as immutable: a read-only
 * connection to a WAL database would otherwise make -wal and -shm files
 * of its own (which then block the owner's writes) or, in a folder it
 * cannot write, fail; and with no -wal file beside it nobody has the
 * file open for writing, so it is read as it stands. */
static bool judge_writable(struct db *db, const struct stat *st)
{
	char dir[4096];
	const char *slash = strrchr(db->path, '/');
	if (slash == NULL)
		snprintf(dir, sizeof dir, ".");
	else
		snprintf(dir, sizeof dir, "%.*s", slash == db->path ? 1 : (int)(slash - db->path), db->path);
	struct stat dst;
	if (!writable(db->path, W_OK, st))
		snprintf(db->read_only, sizeof db->read_only, "the file is mode %04o",
		         (unsigned)(st->st_mode & 07777));
	else if (stat(dir, &dst) == 0 && !writable(dir, W_OK | X_OK, &dst))
		snprintf(db->read_only, sizeof db->read_only, "its folder %.120s cannot be written", dir);
	char wal[4096 + 8];
	snprintf(wal, sizeof wal, "%s-wal", db->path);
	return db->read_only[0] && access(wal, F_OK) != 0;
}

/* A read-only open names the file as an SQLite URI; the characters
 * that URI syntax gives a meaning are escaped.  The caller frees it. */
static char *read_only_uri(const char *path, bool immutable)
{
	size_t cap = strlen(path) * 3 + 48;
	char *uri = malloc(cap);
	if (uri == NULL)
		return NULL;
	size_t n = (size_t)snprintf(uri, cap, "file:%s", path[0] == '/' ? "//" : "");
	for (const char *p = path; *p; p++) {
		if (*p == '%' || *p == '?' || *p == '#')
			n += (size_t)snprintf(uri + n, cap - n, "%%%02X", (unsigned)(unsigned char)*p);
		else
			uri[n++] = *p;
	}
	snprintf(uri + n, cap - n, "?%s", immutable ? "immutable=1" : "mode=ro");
	return uri;
}

static int open_sqlite(struct db *db, enum db_open_mode mode, const struct stat *st, struct error *err)
{
	bool immutable = mode == DB_OPEN_EXISTING && judge_writable(db, st);
	char *uri = NULL;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
	if (db->read_only[0]) {
		if ((uri = read_only_uri(db->path, immutable)) == NULL)
			return error_set(err, EX_OSERR, "out of memory");
		flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
	}
	/* One connection is used by one thread: SQLite need not lock it. */
	int rc = sqlite3_open_v2(uri ? uri : db->path, &db->conn, flags, NULL);
	free(uri);
	if (rc != SQLITE_OK)
		return error_set(err, EX_NOINPUT, "%s: cannot open: %s", db->path,
		                 db->conn ? sqlite3_errmsg(db->conn) : sqlite3_errstr(rc));
	return 0;
}

static int open_connection(struct db *db, enum db_open_mode mode, int file_mode, struct error *err)
{
	struct stat st;
	bool exists = stat(db->path, &st) == 0;
	if (!exists && errno == EACCES)
		return permission_denied(db->path, err);
	if (mode == DB_OPEN_EXISTING && !exists)
		return error_set(err, EX_NOINPUT,
		                 "%s: no such database (create it with 'sendesk init')", db->path);
	if (mode == DB_OPEN_EXISTING && faccessat(AT_FDCWD, db->path, R_OK, AT_EACCESS) != 0 &&
	    errno == EACCES)
		return permission_denied(db->path, err);
	if (mode == DB_OPEN_CREATE) {
		int rc = create_file(db->path, file_mode, err);
		if (rc != 0)
			return rc;
		stat(db->path, &st);
	}
	int rc = open_sqlite(db, mode, &st, err);
	if (rc != 0)
		return rc;
	sqlite3_extended_result_codes(db->conn, 1);
	sqlite3_busy_timeout(db->conn, BUSY_TIMEOUT_MS);
	/* Before the migrations: they fill the search tables through it. */
	rc = sqlite3_create_function_v2(db->conn, "sendesk_fold", 1,
	                                SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
	                                fold_function, NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return db_fail(db, rc, err, "registering the search folding");
	return db_audit_register(db, err);
}

/* A read-only file of an older schema cannot be brought up to date. */
static int refuse_old_read_only(struct db *db, int version, struct error *err)
{
	return error_set(err, EX_NOPERM, "%s: read-only here (%s), and its schema (version %d) is "
	                 "older than this sendesk's (version %d): open it once where it can be written",
	                 db->path, db->read_only, version, migration_count);
}

static int configure(struct db *db, enum db_open_mode mode, struct error *err)
{
	int version = 0;
	int rc = check_identity(db, mode, &version, err);
	if (rc == 0)
		rc = exec_fixed(db, "PRAGMA foreign_keys = ON", err, db->path);
	if (db->read_only[0])
		return rc == 0 && version != migration_count ? refuse_old_read_only(db, version, err) : rc;
	if (rc == 0)
		rc = exec_fixed(db, "PRAGMA journal_mode = WAL", err, db->path);
	/* In WAL mode NORMAL loses no committed data on a crash of the
	 * program, only possibly the last transactions on power loss. */
	if (rc == 0)
		rc = exec_fixed(db, "PRAGMA synchronous = NORMAL", err, db->path);
	if (rc == 0)
		rc = migrate(db, version, err);
	return rc;
}

int db_open(const char *path, enum db_open_mode mode, int file_mode,
            struct db **out, struct error *err)
{
	*out = NULL;
	struct db *db = calloc(1, sizeof *db);
	if (db == NULL || (db->path = strdup(path)) == NULL) {
		free(db);
		return error_set(err, EX_OSERR, "out of memory");
	}
	/* SQLite opens the -wal and -shm files at the first read, so the
	 * group is worn until the file is configured; the open descriptors
	 * then serve every later read and write. */
	privilege_raise();
	int rc = open_connection(db, mode, file_mode, err);
	if (rc == 0)
		rc = configure(db, mode, err);
	if (rc != 0) {
		bool created = mode == DB_OPEN_CREATE && err && err->code != EX_CANTCREAT;
		db_close(db);
		if (created)
			unlink(path);
		privilege_lower();
		return rc;
	}
	privilege_lower();
	*out = db;
	return 0;
}

bool db_read_only(const struct db *db)
{
	return db->read_only[0] != '\0';
}

void db_close(struct db *db)
{
	if (db == NULL)
		return;
	for (int i = 0; i < SLOT_COUNT; i++)
		sqlite3_finalize(db->stmts[i]);
	/* The last connection to close removes the -wal and -shm files from
	 * the (group's) folder. */
	privilege_raise();
	sqlite3_close(db->conn);
	privilege_lower();
	free(db->path);
	free(db);
}

int db_begin(struct db *db, struct error *err)
{
	if (db->read_only[0])
		return error_set(err, EX_NOPERM, "read-only: %s (%s); nothing can be changed",
		                 db->path, db->read_only);
	int rc = exec_fixed(db, "BEGIN IMMEDIATE", err, "starting a transaction");
	if (rc == 0)
		db->transactions++;
	return rc;
}

int64_t db_transaction_serial(const struct db *db)
{
	return db->transactions;
}

int db_commit(struct db *db, struct error *err)
{
	return exec_fixed(db, "COMMIT", err, "committing");
}

void db_rollback(struct db *db)
{
	if (!sqlite3_get_autocommit(db->conn))
		sqlite3_exec(db->conn, "ROLLBACK", NULL, NULL, NULL);
	db->savepoint_depth = 0;
}

int db_data_version(struct db *db, int64_t *version, struct error *err)
{
	/* The same statement and slot as the list counts' (db/page.c). */
	sqlite3_stmt *stmt = db_statement(db, SLOT_DATA_VERSION, "PRAGMA data_version", err);
	if (stmt == NULL)
		return err ? err->code : EX_SOFTWARE;
	int rc = sqlite3_step(stmt);
	*version = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
	sqlite3_reset(stmt);
	return rc == SQLITE_ROW ? 0 : db_fail(db, rc, err, "reading the data version");
}

void db_set_busy_timeout(struct db *db, int seconds)
{
	sqlite3_busy_timeout(db->conn, seconds * 1000);
}

int db_savepoint(struct db *db, struct error *err)
{
	/* Outside a transaction a savepoint would take only a deferred lock;
	 * take the write lock first so a busy file fails before any work. */
	int rc = sqlite3_get_autocommit(db->conn) ? db_begin(db, err) : 0;
	if (rc == 0)
		rc = exec_fixed(db, "SAVEPOINT record_write", err, "starting a change");
	if (rc == 0)
		db->savepoint_depth++;
	return rc;
}

int db_release(struct db *db, struct error *err)
{
	int rc = exec_fixed(db, "RELEASE record_write", err, "finishing a change");
	if (rc == 0 && --db->savepoint_depth == 0 && !sqlite3_get_autocommit(db->conn))
		rc = db_commit(db, err);
	return rc;
}

void db_rollback_savepoint(struct db *db)
{
	sqlite3_exec(db->conn, "ROLLBACK TO record_write; RELEASE record_write", NULL, NULL, NULL);
	if (--db->savepoint_depth == 0 && !sqlite3_get_autocommit(db->conn))
		sqlite3_exec(db->conn, "ROLLBACK", NULL, NULL, NULL);
}

int db_now(struct db *db, char *buf, size_t len)
{
	sqlite3_stmt *stmt = db_statement(db, SLOT_NOW,
	                                  "SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now')", NULL);
	if (stmt == NULL || sqlite3_step(stmt) != SQLITE_ROW)
		return EX_SOFTWARE;
	snprintf(buf, len, "%s", (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_reset(stmt);
	return 0;
}

int db_integrity_check(struct db *db, db_row_fn fn, void *ctx, struct error *err)
{
	static const char *const checks[] = {
		/* "ok" alone means clean; anything else is one problem a row. */
		"SELECT integrity_check FROM pragma_integrity_check WHERE integrity_check <> 'ok'",
		"SELECT 'foreign key: ' || \"table\" || ' row ' || rowid || ' refers to a missing ' || parent "
		"FROM pragma_foreign_key_check",
	};
	for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++) {
		sqlite3_stmt *stmt;
		int rc = sqlite3_prepare_v2(db->conn, checks[i], -1, &stmt, NULL);
		if (rc != SQLITE_OK)
			return db_fail(db, rc, err, "checking the database");
		rc = db_walk(db, stmt, fn, ctx, err, "checking the database");
		sqlite3_finalize(stmt);
		if (rc != 0)
			return rc;
	}
	return 0;
}

/* Copies every page; on a busy source waits and retries, so that the
 * copy is consistent even while other processes write. */
static int copy_pages(sqlite3 *dest, struct db *db, struct error *err)
{
	sqlite3_backup *backup = sqlite3_backup_init(dest, "main", db->conn, "main");
	if (backup == NULL)
		return error_set(err, EX_CANTCREAT, "backup: %s", sqlite3_errmsg(dest));
	int rc;
	do {
		rc = sqlite3_backup_step(backup, -1);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(50);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(backup);
	return rc == SQLITE_DONE ? 0 : db_fail(db, rc, err, "backup");
}

/* Flushes a finished file to disk before it is given its name, so that
 * the name never points at a file the system has not written. */
static int sync_file(const char *path, struct error *err)
{
	int fd = open(path, O_RDONLY);
	int rc = fd >= 0 && fsync(fd) == 0 ? 0 :
	         error_set(err, EX_IOERR, "%s: cannot write: %s", path, strerror(errno));
	if (fd >= 0)
		close(fd);
	return rc;
}

int db_publish(const char *tmp_path, const char *path, struct error *err)
{
	int rc = sync_file(tmp_path, err);
	/* link, unlike rename, never replaces a file someone made meanwhile. */
	if (rc == 0 && link(tmp_path, path) != 0)
		rc = error_set(err, EX_CANTCREAT, "%s: cannot create: %s", path,
		               errno == EEXIST ? "it already exists" : strerror(errno));
	unlink(tmp_path);
	return rc;
}

/* Whether name is "BASE.part-PID" (or its -wal, -shm, -journal) of a
 * process that no longer runs: what a killed init or backup left. */
static bool is_stale_part(const char *name, const char *base)
{
	size_t n = strlen(base);
	if (strncmp(name, base, n) != 0 || strncmp(name + n, ".part-", 6) != 0)
		return false;
	char *end;
	long pid = strtol(name + n + 6, &end, 10);
	bool suffix_ok = *end == '\0' || strcmp(end, "-wal") == 0 || strcmp(end, "-shm") == 0 ||
	                 strcmp(end, "-journal") == 0;
	return pid > 0 && suffix_ok && end != name + n + 6 && kill((pid_t)pid, 0) != 0 &&
	       errno == ESRCH;
}

/* Removes the temporary files of killed runs beside path, so that each
 * kill does not leave its copy of a database behind for good. */
static void remove_stale_parts(const char *path)
{
	char dir[4096];
	snprintf(dir, sizeof dir, "%s", path);
	char *slash = strrchr(dir, '/');
	const char *base = slash ? path + (slash - dir) + 1 : path;
	const char *folder = ".";
	if (slash == dir) {
		folder = "/";
	} else if (slash) {
		*slash = '\0';
		folder = dir;
	}
	DIR *d = opendir(folder);
	if (d == NULL)
		return;
	for (struct dirent *e; (e = readdir(d)) != NULL;) {
		char stale[8192];
		snprintf(stale, sizeof stale, "%s/%s", folder, e->d_name);
		if (is_stale_part(e->d_name, base))
			unlink(stale);
	}
	closedir(d);
}

void db_temp_path(const char *path, char *buf, size_t len)
{
	remove_stale_parts(path);
	snprintf(buf, len, "%s.part-%ld", path, (long)getpid());
}

void db_remove_files(const char *path)
{
	static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		char name[4096 + 64];
		snprintf(name, sizeof name, "%s%s", path, suffixes[i]);
		unlink(name);
	}
}

/* The copy is made under a temporary name beside dest and given its
 * name only when whole, so a killed backup leaves no partial file. */
int db_backup(struct db *db, const char *dest_path, int file_mode, struct error *err)
{
	struct stat st;
	if (stat(dest_path, &st) == 0)
		return error_set(err, EX_CANTCREAT, "%s: cannot create: it already exists", dest_path);
	char tmp[4096 + 32];
	db_temp_path(dest_path, tmp, sizeof tmp);
	db_remove_files(tmp);   /* left by a killed run that had this process id */
	int rc = create_file(tmp, file_mode, err);
	if (rc != 0)
		return rc;
	sqlite3 *dest = NULL;
	if (sqlite3_open_v2(tmp, &dest, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		rc = error_set(err, EX_CANTCREAT, "%s: cannot open: %s", dest_path, sqlite3_errmsg(dest));
	else
		rc = copy_pages(dest, db, err);
	sqlite3_close(dest);
	if (rc == 0)
		return db_publish(tmp, dest_path, err);
	db_remove_files(tmp);
	return rc;
}

void db_set_cache_kib(struct db *db, int kib)
{
	/* A number, not input: the pragma cannot take a bound value. */
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA cache_size = -%d", kib);
	sqlite3_exec(db->conn, sql, NULL, NULL, NULL);
}
