/* rundir.h: a directory that lives as long as one test run (made and
 * removed by Criterion's hooks around all the tests), so that what is slow
 * to make, such as the demo database, is made once and copied by each
 * test. */
#ifndef SENDESK_TESTS_RUNDIR_H
#define SENDESK_TESTS_RUNDIR_H

#include <stdbool.h>
#include <stddef.h>

/* Where the tests make their temporary directories: $TMPDIR when set,
 * else /tmp.  make test points it at a memory file system when the host
 * has one, so that the tests' databases do not wait on the disk's sync;
 * what they check does not depend on it. */
const char *temp_root(void);

/* The run's directory, or NULL when the hooks did not run (a test
 * started on its own): then each test makes what it needs itself. */
const char *run_dir(void);

/* The day's file NAME of the run, made by make(building, ctx) when missing
 * and renamed into place: the first test to ask makes it while the others
 * wait for it (a lock), since making it at once in eight workers costs
 * eight times as much.  Its path in path; false outside a run. */
bool run_file_made(const char *name, char *path, size_t len,
                   void (*make)(const char *building, void *ctx), void *ctx);

/* Copies the file from to a new file to (mode 0600); false on any error. */
bool file_copy(const char *from, const char *to);

#endif
