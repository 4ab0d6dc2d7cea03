/* bulk.h: filling a NEW database with generated benchmark data, fast.
 *
 * ************************************************************************
 *  NOT FOR REAL DATA.  This path writes rows with no validation, no role
 *  check and NO AUDIT ROWS, with journalling and fsync switched off, and
 *  foreign keys and CHECK constraints unchecked while it runs.  It exists
 *  only so that the benchmark generator (tests/bench/generate.c) can fill
 *  a fresh, empty file with millions of rows, and it refuses a database
 *  that already holds any record or audit row.  Every real change -- the
 *  TUI, the CSV importer, the demo loader, user management -- goes
 *  through core's write path (core/store.h, and for an import's new
 *  records core/transfer.c over db_import_* at the end of this file),
 *  never through db_bulk_*.
 * ************************************************************************
 *
 * A load is one transaction on one exclusively locked connection:
 *
 *   db_bulk_begin   checks that the file is empty, switches to settings
 *                   for a one-off load (journal in memory, synchronous
 *                   off, a large page cache, exclusive locking, foreign
 *                   keys and CHECK constraints off) and begins;
 *                   optionally sets aside the schema's secondary
 *                   (non-unique) indexes and its triggers for the
 *                   duration.
 *   db_bulk_insert  one row, through one INSERT per table, prepared once;
 *                   no search row (see db_bulk_end).
 *   db_bulk_end     recreates the indexes and triggers from their own
 *                   schema text, fills every search table in one statement each (as
 *                   the migration that made them does), runs ANALYZE,
 *                   commits and
 *                   restores the normal settings (WAL, synchronous NORMAL,
 *                   foreign keys and checks on, the default cache).  The
 *                   file ends with exactly the schema's tables and
 *                   indexes (sqlite_master lists the recreated indexes
 *                   last), and PRAGMA integrity_check ("sendesk check")
 *                   verifies the CHECK constraints the load skipped.
 *   db_bulk_abort   rolls everything back and restores the settings.
 *
 * Text values are bound without copying (SQLITE_STATIC): they need only
 * live until db_bulk_insert returns, which is what lets a generator build
 * rows in stack buffers without allocating per row. */
#ifndef SENDESK_DB_BULK_H
#define SENDESK_DB_BULK_H

#include <stdbool.h>
#include <stdint.h>

#include "db/db.h"

struct db_bulk;

struct db_bulk_options {
	int cache_kib;            /* page cache during the load; 0: 256 MiB */
	/* Drop the non-unique indexes and rebuild each once at the end: many
	 * times faster than keeping them up to date row by row. */
	bool defer_indexes;
	int analysis_limit;       /* PRAGMA analysis_limit for ANALYZE; 0: full */
	/* CHECK constraints cost more than the insert itself (each IN list
	 * is rebuilt for every row), so the load skips them unless asked;
	 * PRAGMA integrity_check ("sendesk check") still verifies them. */
	bool enforce_checks;
	int sort_threads;         /* PRAGMA threads while indexes are rebuilt */
};

/* Seconds spent in each step of db_bulk_end. */
struct db_bulk_timing {
	double index_seconds;     /* recreating deferred indexes and triggers */
	double search_seconds;    /* filling the search tables */
	double analyze_seconds;
	double commit_seconds;    /* COMMIT */
	double restore_seconds;   /* back to WAL and the normal settings */
};

/* Starts a load on db, which must hold no record and no audit row and
 * have no transaction open (EX_USAGE otherwise).  On success *out is the
 * handle that db_bulk_end or db_bulk_abort frees. */
int db_bulk_begin(struct db *db, const struct db_bulk_options *opt, struct db_bulk **out,
                  struct error *err);

/* Inserts one row of table t; cols holds the table's columns in catalogue
 * order (references as ids).  *id (when id is not NULL) is the new row's
 * id.  A constraint failure is EX_DATAERR naming the table. */
int db_bulk_insert(struct db_bulk *b, enum db_table_id t, const struct db_value *cols,
                   int64_t *id, struct error *err);

/* Finishes the load and frees b, whatever happens.  timing may be NULL.
 * On failure everything is rolled back. */
int db_bulk_end(struct db_bulk *b, struct db_bulk_timing *timing, struct error *err);

/* Rolls the load back and frees b. */
void db_bulk_abort(struct db_bulk *b);

/* ---- an import's new records ------------------------------------------
 *
 * Unlike the load above, this part runs on real data: it is the write of
 * core's importer (core/transfer.c) for rows that make new records, after
 * the importer has validated the row, resolved its references, checked the
 * role, and inside the import's transaction, with each row's audit row
 * written through db_audit_add.  What it saves is the work a one-record
 * write repeats per row: the key looked up before the insert (the insert
 * itself finds a row with the key already there and writes nothing), the
 * record read back as JSON through SQL, and one search row at a time
 * (all of them are written in one statement by db_import_finish). */

struct db_import;

/* Starts inserting new rows into table t, which must have a one-column
 * natural key and no REAL column (db_import_suits). */
int db_import_begin(struct db *db, enum db_table_id t, struct db_import **out,
                    struct error *err);

/* Whether db_import_begin takes table t. */
bool db_import_suits(enum db_table_id t);

/* Inserts one row (cols in catalogue order, references as ids).  *id is
 * the new row's id, or 0 when nothing was written because a row with the
 * same key exists or a constraint refused the row: the caller then writes
 * the row the ordinary way, which updates it or names the problem. */
int db_import_insert(struct db_import *im, const struct db_value *cols, int64_t *id,
                     struct error *err);

/* The row as db_record_json gives it, byte for byte, built from cols and
 * ref_keys (for each reference column, the key of the row it points at;
 * NULL for the others).  The text lives in im until the next call. */
const char *db_import_json(struct db_import *im, int64_t id, const struct db_value *cols,
                           const char *const *ref_keys, struct error *err);

/* Writes the search rows of every row db_import_insert added (any other
 * row among their ids that has one keeps it), in one statement, and
 * frees im.  On failure the caller rolls back. */
int db_import_finish(struct db_import *im, struct error *err);

/* Frees im without writing the search rows (the import is rolled back). */
void db_import_free(struct db_import *im);

#endif
