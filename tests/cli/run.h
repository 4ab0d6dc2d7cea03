/* run.h: what the command-line tests share.
 *
 * The tests drive the real sendesk binary (SENDESK_BIN) as a separate
 * process, the way a script would.  Each test runs in its own process
 * (Criterion forks one per test) with its own temporary directory, made
 * by cli_setup() and removed by cli_teardown(): the database, the CSV
 * files and the child's HOME, XDG_CONFIG_HOME and XDG_DATA_HOME all live
 * there, so no user configuration is ever read.  The test process and
 * its children work in that directory; repo_path() names files of the
 * repository (the tests are started from its root).
 *
 * Memory handed out here (captured output, paths, parsed tables) lives
 * until cli_teardown(), so tests never free anything. */
#ifndef SENDESK_TESTS_CLI_RUN_H
#define SENDESK_TESTS_CLI_RUN_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include <sysexits.h>

#include <criterion/criterion.h>

#include "tests/support/proc.h"

/* For TestSuite(name, CLI_FIXTURE). */
/* The timeout is for a test that hangs: under ASan on a busy 2-core
 * machine the eight imports of the concurrent writers' test alone took
 * over a minute.  (A test's own .timeout leaks in Criterion's runner.) */
#define CLI_FIXTURE .init = cli_setup, .fini = cli_teardown, .timeout = 240

void cli_setup(void);
void cli_teardown(void);

/* The temporary directory, its database path (passed as --db), and the
 * path of a file in it (dir/name). */
const char *tmp_dir(void);
const char *db_path(void);
const char *tmp_path(const char *name);
const char *repo_path(const char *name);

/* What a finished process left: its exit code (128 + signal number when
 * killed, -1 when it had to be killed for running too long), and its
 * standard output and error, NUL-terminated. */
struct run {
	int status;
	const char *out;
	size_t out_len;
	const char *err;
};

struct run_opts {
	const char *in;          /* standard input; NULL: /dev/null */
	const char *out_path;    /* standard output goes to this file, not captured */
	uid_t as_uid;            /* non-zero: run as this user id (unshare --user) */
	bool no_db;              /* leave out --db */
	const char *db;          /* --db this path rather than db_path() */
	const char *const *env;  /* extra NAME=VALUE entries, NULL-terminated */
};

/* Runs argv (argv[0] is looked up in PATH) in the test directory with the
 * test environment, waits for it and returns what it left. */
struct run run_argv(const struct run_opts *o, const char *const *argv);

/* Runs SENDESK_BIN --db DB ARG... (the list ends with NULL). */
struct run sendesk(const char *arg, ...) __attribute__((sentinel));

/* The database `sendesk init --demo` makes, at db_path(). */
void init_demo_database(void);
struct run sendesk_opts(const struct run_opts *o, const char *arg, ...) __attribute__((sentinel));

/* The absolute path of the binary under test. */
const char *sendesk_bin(void);

/* Files: write text (mode 0644), read a whole file (NULL when missing). */
void write_file(const char *path, const char *text);
const char *read_file(const char *path, size_t *len);
bool file_exists(const char *path);

/* Text: counting and finding lines (text_dup, text_printf and the
 * logins are in tests/support/proc.h).  A line ends with "\n" or
 * "\r\n"; the last may lack it. */
int line_count(const char *text);
/* Line number i (from 0) without its line end, or NULL. */
const char *line_at(const char *text, int i);
bool has_line(const char *text, const char *line);
/* The text with every "\r\n" turned into "\n". */
const char *lf_lines(const char *text);
/* The lines of text sorted and joined by "\n", for comparing as sets. */
const char *sorted_lines(const char *text);

/* A table read from CSV (RFC 4180) or from a JSON array of objects.  In a
 * JSON table the header holds the first object's keys, and a null cell is
 * NULL. */
struct table {
	size_t rows;             /* not counting the header */
	size_t cols;
	const char **header;
	const char ***cell;      /* cell[row][col] */
};

/* Parses CSV text whose first record is the header; every record must
 * have as many fields as the header.  False (with a reason) otherwise. */
bool csv_table(const char *text, struct table *t, const char **reason);

/* Runs `sendesk report NAME --format csv ARGS...` (args NULL-terminated),
 * fails the test unless it exits 0 with nothing on standard error and
 * (when header is given) that first line, and parses the output. */
struct table report_table(const char *name, const char *header, const char *const *args);

/* Fails the test unless row `row` of t, its cells joined by ',', is line. */
void expect_table_row(const struct table *t, size_t row, const char *line);
/* Parses a JSON array of objects, all with the same keys in the same
 * order, whose values are strings, numbers or null. */
bool json_table(const char *text, struct table *t, const char **reason);
/* The column of that name, or -1. */
int table_col(const struct table *t, const char *name);
/* The first row whose column col equals value, or -1. */
int table_row(const struct table *t, const char *col, const char *value);
/* The cell at that row and named column ("" for null, NULL when there is
 * no such column). */
const char *table_get(const struct table *t, int row, const char *col);

/* A process left running while the test goes on, its standard input a
 * pipe (e.g. sqlite3 holding a lock). */
struct background {
	pid_t pid;
	int in_fd;
};
struct background background_start(const char *const *argv);
void background_write(struct background *b, const char *text);
/* Closes its standard input and waits for it to exit; its exit code. */
int background_finish(struct background *b);
/* Waits up to ms milliseconds for a file to exist with some content. */
bool wait_for_file(const char *path, int ms);

/* Assertions that show what the process printed when they fail. */
#define assert_exit(r, code)                                                             \
	cr_assert_eq((r).status, (code), "exit %d, expected %d\n--- stdout:\n%.2000s--- stderr:\n%.2000s", \
	             (r).status, (code), (r).out, (r).err)
#define expect_exit(r, code)                                                             \
	cr_expect_eq((r).status, (code), "exit %d, expected %d\n--- stdout:\n%.2000s--- stderr:\n%.2000s", \
	             (r).status, (code), (r).out, (r).err)
/* Exit code and exactly one line on stderr. */
#define assert_fails_one_line(r, code)                                                   \
	do {                                                                             \
		assert_exit(r, code);                                                    \
		cr_assert_eq(line_count((r).err), 1, "expected one line on stderr, got:\n%s", (r).err); \
	} while (0)

#endif
