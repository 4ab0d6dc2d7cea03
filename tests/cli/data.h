/* data.h: CSV files for the command-line tests, and ways to load and
 * compare whole databases through the command line. */
#ifndef SENDESK_TESTS_CLI_DATA_H
#define SENDESK_TESTS_CLI_DATA_H

/* Every record kind, in the order imports must follow (each refers only
 * to earlier ones; users, last, are referred to only by a child's
 * caseworker, which these files leave empty). */
#define KIND_COUNT 14
extern const char *const all_kinds[KIND_COUNT];

/* Records of the kinds the demo data set may leave empty, referring to
 * the demo providers and contracts.  UPNs carry valid check letters. */
extern const char children_csv[];
extern const char therapy_entries_csv[];
extern const char provision_csv[];
extern const char spot_purchases_csv[];
extern const char personal_budgets_csv[];

/* The demo's header rows, as export writes them. */
extern const char providers_header[];
extern const char contracts_header[];
extern const char children_header[];

/* init --demo into db_path(), then imports the files above: every kind
 * holds records afterwards. */
void load_full_data(void);

/* A new database with the demo's providers, contracts, coverage, staffing
 * and returns, and no children. */
void init_with_contracts(void);

/* export KIND from a database (asserting exit 0). */
const char *export_kind(const char *db, const char *kind);
/* Every kind's export, each after a "== KIND" line: compare two of these
 * to see whether anything changed. */
const char *export_everything(const char *db);

/* Writes text to a file in the test directory and imports it (exit 0). */
void import_text(const char *kind, const char *name, const char *text);

#endif
