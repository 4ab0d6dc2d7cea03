/* fixture.h: temporary databases for the unit tests.
 *
 * Each fixture lives in its own directory under /tmp, removed by
 * fixture_done, and is created through session_create, so the login
 * running the tests is its first admin. */
#ifndef SENDESK_FIXTURE_H
#define SENDESK_FIXTURE_H

#include "config/config.h"
#include "core/session.h"

struct fixture {
	char dir[256];
	char path[300];          /* dir + "/test.db" */
	struct settings cfg;     /* built-in defaults */
	struct session s;        /* open, as admin */
};

/* Creates an empty database (demo: with the demo data); aborts the test
 * with a message when it cannot. */
void fixture_init(struct fixture *f, bool demo);

/* Closes and removes everything the fixture made. */
void fixture_done(struct fixture *f);

/* A path inside the fixture's directory. */
const char *fixture_file(struct fixture *f, const char *name, char *buf, size_t len);

/* Imports CSV text (header and rows) of the given kind through the
 * importer; returns its code.  Problems are appended to problems (may be
 * NULL) one per line. */
int fixture_import(struct fixture *f, const char *kind, const char *csv,
                   char *problems, size_t problems_len);

/* Row i of a generated CSV, without its line end, into buf. */
typedef void (*fixture_row_fn)(int i, char *buf, size_t len);

/* Imports rows 0..n-1 that row() writes, under header, and fails the
 * test with the importer's problems when it refuses them. */
void fixture_import_rows(struct fixture *f, const char *kind, const char *header, int n,
                         fixture_row_fn row);

/* Exports a kind into a malloc'd string the caller frees. */
char *fixture_export(struct fixture *f, const char *kind);

/* Reopens the fixture's database with the session acting as role
 * (the login stays; only the session's role changes), for role tests. */
void fixture_act_as(struct fixture *f, enum role role);

#endif
