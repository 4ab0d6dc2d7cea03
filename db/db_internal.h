/* db_internal.h: the parts of db.c that the other files of db/ share.
 * Nothing outside db/ includes this file. */
#ifndef SENDESK_DB_INTERNAL_H
#define SENDESK_DB_INTERNAL_H

#include <sqlite3.h>

#include "db/db.h"

/* Page queries differ by table, sort, direction and filter; the most
 * recently used shapes stay prepared. */
#define PAGE_CACHE_SLOTS 32

/* Prepared statements are cached in numbered slots: the generic record
 * statements take TABLE_COUNT * RECORD_OP_COUNT slots, the rest follow. */
enum record_op {
	OP_FIND, OP_INSERT, OP_UPDATE, OP_DELETE, OP_JSON, OP_GET, OP_EACH, OP_COUNT_ROWS,
	OP_SEARCH_DELETE, OP_SEARCH_TEXT, OP_SEARCH_INSERT, OP_SEARCH_MATCHES, OP_LAST_ID,
	RECORD_OP_COUNT
};

enum fixed_slot {
	SLOT_AUDIT_ADD = TABLE_COUNT * RECORD_OP_COUNT,
	SLOT_AUDIT_EACH_ALL,
	SLOT_AUDIT_EACH_RECORD,
	SLOT_AUDIT_READ_FIRST,   /* db/audit_read.c numbers its statements from here */
	SLOT_AUDIT_READ_LAST = SLOT_AUDIT_READ_FIRST + 7 + TABLE_COUNT,
	SLOT_NOW,
	SLOT_USERS_WITH_ROLE,
	SLOT_USERS_EACH,
	SLOT_REPORT_CONTRACTS,
	SLOT_VALUES_OUTSIDE,
	SLOT_CONTRACT_VALUES,
	SLOT_REPORT_COVERAGE,
	SLOT_COVERAGE_MAP,
	SLOT_COVERAGE_CANDIDATES,
	SLOT_COVERAGE_FIND,
	SLOT_COVERAGE_DAYS,
	SLOT_COVERAGE_FIT,
	SLOT_COVERAGE_SERVICES,
	SLOT_CONTRACT_FUNDING,
	SLOT_CHILD_SAME_PERSON,
	SLOT_CASELOAD_COUNT,
	SLOT_CASELOAD_FIRST,
	SLOT_GROWTH_BOUNDS,
	SLOT_GROWTH_BY_PERIOD,
	SLOT_PB_BY_YEAR,
	SLOT_RETURNS_BY_MONTH,
	SLOT_PB_TOTAL_BETWEEN,
	SLOT_RETURNS_SERIES,
	SLOT_ENTRIES_BY_SECTION,
	SLOT_ENTRIES_SHORTFALL,
	SLOT_DESK_FIRST,   /* db/desk.c numbers its statements from here */
	SLOT_DESK_LAST = SLOT_DESK_FIRST + 15,
	SLOT_DATA_VERSION,
	SLOT_REPORT_FIRST,
	SLOT_PAGE_FIRST = SLOT_REPORT_FIRST + 32,
	SLOT_COUNT = SLOT_PAGE_FIRST + PAGE_CACHE_SLOTS
};

/* How many rows of a table a filter word matches, as last counted. */
#define FILTER_ESTIMATES 8
struct filter_estimate {
	int table;           /* enum db_table_id + 1; 0: an empty entry */
	char word[128];
	int64_t found;       /* exact when below cap, else at least cap */
	int64_t cap;
};

/* A table's row count and the state of the file it was counted in. */
struct table_count {
	bool known;
	int64_t rows;
	int64_t own_changes;     /* sqlite3_total_changes64 then */
	int64_t data_version;    /* PRAGMA data_version then: others' commits */
};

struct db {
	sqlite3 *conn;
	char *path;
	/* Opened read-only (a file or folder nobody here may write): why, as
	 * "the file is mode 0400"; "" when writable. */
	char read_only[160];
	int savepoint_depth;
	int64_t transactions;   /* how many have begun: db_transaction_serial */
	sqlite3_stmt *stmts[SLOT_COUNT];
	int64_t page_shapes[PAGE_CACHE_SLOTS];   /* which shape each page slot holds */
	int page_next;                           /* the slot to reuse next */
	struct filter_estimate estimates[FILTER_ESTIMATES];
	int estimate_next;                       /* the entry to reuse next */
	struct table_count counts[TABLE_COUNT];  /* unfiltered lists' totals */
	db_stop_fn watch;                        /* db_watch's, or NULL */
	void *watch_ctx;
};

/* Puts back db_watch's progress handler (or none) after a statement
 * that installed one of its own (db/page.c). */
void db_watch_restore(struct db *db);

/* The statement in slot, prepared from sql on first use (persistent)
 * and reset with its bindings cleared on every later use.  NULL on
 * failure, with err set. */
sqlite3_stmt *db_statement(struct db *db, int slot, const char *sql, struct error *err);

/* Maps an SQLite result code to an EX_* code and a message that starts
 * with what was being done. */
int db_fail(struct db *db, int rc, struct error *err, const char *what);

int db_bind(sqlite3_stmt *stmt, int index, const struct db_value *value);
struct db_value db_column(sqlite3_stmt *stmt, int index);

/* Refills table t's search table from the table (after the migration
 * that made it); nothing to do for a table without one. */
int db_search_rebuild(struct db *db, enum db_table_id t, struct error *err);

/* Writes the search rows of table t's rows first..last (ids) that have
 * none yet, in one statement. */
int db_search_fill_range(struct db *db, enum db_table_id t, int64_t first, int64_t last,
                         struct error *err);

/* How many rows of table t's search table hold pattern (a LIKE pattern
 * the trigram index serves), counting no further than cap. */
int db_search_matches_upto(struct db *db, enum db_table_id t, const char *pattern, int64_t cap,
                           int64_t *count, struct error *err);

/* The largest id in table t (0 when empty): its size, near enough, at
 * the cost of one index lookup. */
int db_last_id(struct db *db, enum db_table_id t, int64_t *id, struct error *err);

/* Steps stmt to the end, calling fn per row with every result column. */
int db_walk(struct db *db, sqlite3_stmt *stmt, db_row_fn fn, void *ctx,
            struct error *err, const char *what);

/* Adds the SQL function sendesk_audit_hash (db/audit.c) to a connection
 * of SQLite's own, as the benches' hand-written imports open: an SQLite
 * result code. */
int db_audit_hash_add_to(sqlite3 *conn);

#endif
