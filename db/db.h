/* db.h: the sendesk database file.
 *
 * One SQLite file in WAL mode with foreign keys on and a busy timeout.
 * Opening it checks that it is a sendesk database of a schema this build
 * knows, and brings an older one up to date in one transaction.  All SQL
 * lives under db/; callers see struct db as an opaque handle and values
 * as struct db_value. */
#ifndef SENDESK_DB_H
#define SENDESK_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db/catalog.h"
#include "util/error.h"

struct db;

enum db_open_mode {
	DB_OPEN_EXISTING,   /* the file must exist and be a sendesk database */
	DB_OPEN_CREATE,     /* the file must not exist; it is created */
};

enum db_value_type { DBV_NULL, DBV_INTEGER, DBV_REAL, DBV_TEXT };

/* A value crossing the db boundary.  Text handed to db is copied by
 * SQLite when bound; text handed out by db lives until the callback
 * that received it returns. */
struct db_value {
	enum db_value_type type;
	int64_t i;
	double r;
	const char *s;
};

struct db_value db_null(void);
struct db_value db_int(int64_t i);
struct db_value db_real(double r);
struct db_value db_text(const char *s);   /* NULL s gives a NULL value */

/* Called once per row; a non-zero return stops the walk and is passed
 * back to the caller of the walking function. */
typedef int (*db_row_fn)(void *ctx, const struct db_value *cols, int count);

/* Opens or creates path.  A file that is not an SQLite database, is
 * corrupt, is some other program's database, or has a newer schema than
 * this build is refused with EX_UNAVAILABLE and one line saying which.
 * A missing file (with DB_OPEN_EXISTING) is EX_NOINPUT; an existing file
 * (with DB_OPEN_CREATE) is EX_CANTCREAT.  New files get file_mode. */
int db_open(const char *path, enum db_open_mode mode, int file_mode,
            struct db **out, struct error *err);
void db_close(struct db *db);

/* Opening an existing file:
 * - one the acting user may not read is refused with EX_NOPERM and
 *   "permission denied: PATH is mode 0600, owner root; see 'Sharing one
 *   database with a team'", PATH being the file or the first folder on
 *   its way that may not be entered;
 * - one this process may not write, or in a folder it may not write
 *   (0400, another login's 0644, a read-only folder or file system), or
 *   with no write bit at all (even for root), is opened read-only: as
 *   SQLite's immutable file when no -wal file is beside it (nobody has
 *   it open to write), so that reading leaves no -wal or -shm behind;
 *   every transaction is then refused (EX_NOPERM, naming why).
 * A setgid-installed sendesk opens and closes the file with its group
 * (util/privilege.h). */
bool db_read_only(const struct db *db);

/* The schema version this build writes (PRAGMA user_version). */
int db_schema_version(void);

/* Transactions.  db_begin takes the write lock at once (BEGIN IMMEDIATE)
 * so that a busy database fails before any work (EX_TEMPFAIL).
 * Savepoints nest inside a transaction or start one. */
int db_begin(struct db *db, struct error *err);
int db_commit(struct db *db, struct error *err);
void db_rollback(struct db *db);
int db_savepoint(struct db *db, struct error *err);
int db_release(struct db *db, struct error *err);
void db_rollback_savepoint(struct db *db);
/* A number that changes each time this connection begins a transaction,
 * so that a caller can do a thing once per transaction (read the acting
 * login's role while holding the write lock). */
int64_t db_transaction_serial(const struct db *db);

/* Lets SQLite keep up to kib KiB of pages in memory (the default is
 * 2 MiB).  A large import keeps its changed pages in memory instead of
 * spilling them to the WAL again and again; lists and screens keep the
 * default, so that memory does not grow with the database. */
void db_set_cache_kib(struct db *db, int kib);

/* How long a statement waits for another connection's lock before
 * giving up (EX_TEMPFAIL, "the database is busy"); 0: not at all.  A
 * new connection waits 5 seconds. */
void db_set_busy_timeout(struct db *db, int seconds);

/* A number that changes when another connection (another sendesk, an
 * import) commits a change to the file, and stays the same otherwise,
 * this connection's own commits included: PRAGMA data_version, which
 * costs no read of the database.  A screen checks it when idle to know
 * whether it shows stale rows. */
int db_data_version(struct db *db, int64_t *version, struct error *err);

/* Current UTC time as "YYYY-MM-DDTHH:MM:SSZ", from SQLite's clock. */
int db_now(struct db *db, char *buf, size_t len);

/* Runs SQLite's integrity and foreign-key checks; calls fn with one
 * text column per problem found.  Returns 0 or an EX_* code. */
int db_integrity_check(struct db *db, db_row_fn fn, void *ctx, struct error *err);

/* While a watch is set, every statement asks stop(ctx) every few
 * thousand SQLite steps (a fraction of a millisecond) and ends when it
 * answers true: the call then fails with EX_TEMPFAIL, "stopped".  For a
 * screen that runs a long report and lets Esc stop it.  stop NULL ends
 * the watch. */
typedef bool (*db_stop_fn)(void *ctx);
void db_watch(struct db *db, db_stop_fn stop, void *ctx);

/* A consistent copy of the open database into dest_path (which must not
 * exist), with SQLite's online backup API, safe while others write.  It
 * is written under db_temp_path(dest_path) and published when whole, so
 * a killed backup leaves no dest_path at all. */
int db_backup(struct db *db, const char *dest_path, int file_mode, struct error *err);

/* Crash-safe creation: a file is built under a temporary name in the
 * same folder (db_temp_path: "PATH.part-PID"), then db_publish flushes it
 * and gives it its name, refusing (EX_CANTCREAT) when path appeared
 * meanwhile; the temporary name is removed either way.  A kill at any
 * moment leaves either no path or a whole file. */
void db_temp_path(const char *path, char *buf, size_t len);
/* (db_temp_path also removes the temporary files that killed runs, whose
 * process is gone, left beside path.) */
int db_publish(const char *tmp_path, const char *path, struct error *err);
/* Removes a database file and SQLite's side files (-wal, -shm, -journal). */
void db_remove_files(const char *path);

#endif
