/* catalog.h: the tables that hold records, as data.
 *
 * Each table's columns are listed once, in the order the record-kind
 * descriptions in core/ list their fields (a unit test holds the two and
 * the live schema together).  The generic statements of db/record.c are
 * composed from these constants when a database is opened, never from
 * input. */
#ifndef SENDESK_CATALOG_H
#define SENDESK_CATALOG_H

enum db_table_id {
	TABLE_PROVIDERS,
	TABLE_CONTRACTS,
	TABLE_CONTRACT_VALUES,
	TABLE_COVERAGE,
	TABLE_STAFFING,
	TABLE_CHILDREN,
	TABLE_THERAPY_ENTRIES,
	TABLE_PROVISION,
	TABLE_SPOT_PURCHASES,
	TABLE_PERSONAL_BUDGETS,
	TABLE_RETURNS,
	TABLE_FUNDERS,
	TABLE_ACTIVITY_RETURNS,
	TABLE_USERS,
	TABLE_COUNT
};

#define TABLE_NONE (-1)
#define DB_MAX_COLUMNS 16
#define DB_MAX_KEY 3

enum db_type { DB_TEXT, DB_INTEGER, DB_REAL };

struct db_column {
	const char *name;
	enum db_type type;
	int references;     /* TABLE_* this id column points at, or TABLE_NONE */
};

struct db_table {
	const char *name;
	const struct db_column *columns;   /* without the id */
	int column_count;
	int key[DB_MAX_KEY];               /* column indexes of the natural key */
	int key_count;                     /* 0: rows are told apart by id only */
	const char *search;                /* its trigram search table, or NULL */
};

extern const struct db_table db_tables[TABLE_COUNT];

/* Index of the named column in table t, or -1. */
int db_column_index(enum db_table_id t, const char *name);

#endif
