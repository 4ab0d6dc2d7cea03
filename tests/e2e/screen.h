/* screen.h: driving the real sendesk screens in tmux.
 *
 * Each end-to-end test runs in its own process (Criterion forks one per
 * test) with its own temporary directory made by e2e_setup(): the
 * database (made with `sendesk init --demo`), a tmux configuration, and
 * the HOME, XDG_CONFIG_HOME and XDG_DATA_HOME of everything started, so
 * no user configuration is read.  A screen is sendesk running in a
 * detached tmux session (100x30, no status line, remain-on-exit on) on
 * a tmux server of its own, -L sendesk-e2e-<pid>-<n>; e2e_teardown()
 * kills every server the test started and removes the directory, even
 * when an assertion failed half-way.
 *
 * The binary under test is $SENDESK_BIN (an absolute path).  Memory
 * handed out here lives until e2e_teardown(): tests never free. */
#ifndef SENDESK_TESTS_E2E_SCREEN_H
#define SENDESK_TESTS_E2E_SCREEN_H

#include <stdbool.h>
#include <sys/types.h>

#include <criterion/criterion.h>

#include "tests/support/proc.h"  /* text_printf, text_dup, logins */

/* For TestSuite(name, E2E_FIXTURE). */
#define E2E_FIXTURE .init = e2e_setup, .fini = e2e_teardown, .timeout = 60

/* How long a test waits for the screen to show something. */
#define WAIT_MS 5000

#define SCREEN_COLS 100
#define SCREEN_LINES 30

void e2e_setup(void);
void e2e_teardown(void);

/* Replaces the test's database with the demo plus 1,500,000 sessions on
 * one entry in force, dated a month ago: for what a key may do while a
 * search or a report still reads.  Made once a run, then copied. */
void e2e_use_many_sessions(void);

/* The temporary directory, the database in it, the binary under test. */
const char *e2e_dir(void);
const char *e2e_db(void);
const char *e2e_bin(void);

/* ---- screens ---- */

struct screen;

/* Starts `sendesk --db DB ARGS...` (args NULL-terminated, may be NULL)
 * in a new tmux server, as the brief environment: HOME and the XDG
 * directories in the test directory, LANG=C.UTF-8. */
struct screen *screen_start(const char *const *args);
/* The same as another login: under `unshare --user --map-user=UID
 * --map-group=UID`, so sendesk sees uid as its user. */
struct screen *screen_start_as(uid_t uid, const char *const *args);
/* Any shell command line as the pane's program. */
struct screen *screen_start_command(const char *command);
/* As screen_start(NULL), in the C locale (LANG=C LC_ALL=C): no UTF-8. */
struct screen *screen_start_without_utf8(void);

/* tmux key names ("a", "Tab", "F2", "C-s", "Escape", "Enter"), NULL-ended. */
void screen_keys(struct screen *s, const char *key, ...) __attribute__((sentinel));
/* Literal text (send-keys -l): UTF-8 as it is. */
void screen_type(struct screen *s, const char *text);

/* capture-pane -p: the whole screen now, lines joined by "\n". */
const char *screen_text(struct screen *s);
/* The screen as last captured (by screen_text or a wait). */
const char *screen_last(const struct screen *s);

/* Polls the screen every 20 ms until text shows (or is gone), for at
 * most ms milliseconds; the last capture stays in screen_last(). */
bool screen_wait_for(struct screen *s, const char *text, int ms);
bool screen_wait_gone(struct screen *s, const char *text, int ms);

/* In the last capture: the first line containing text, or NULL. */
const char *screen_line_with(const struct screen *s, const char *text);
/* In the last capture: the display columns [c + offset, c + offset +
 * width) of the line rows below the first line containing text, where c
 * is the column text starts at; "" when there is no such line. */
const char *screen_below(const struct screen *s, const char *text, int rows, int offset,
                         int width);
/* Whether text occurs in the last capture. */
bool screen_has(const struct screen *s, const char *text);
/* In the last capture: the status line (the last line with text). */
const char *screen_status(const struct screen *s);
/* Polls until one line holds both a and b (b may be NULL). */
bool screen_wait_line(struct screen *s, const char *a, const char *b, int ms);
/* Polls until the status line holds text (or, when present is false,
 * no longer holds it). */
bool screen_wait_status(struct screen *s, const char *text, bool present, int ms);

/* On the Reports tab: moves down the list of reports to name (each j
 * waited for until the selection has left its row) and opens it. */
void screen_open_report(struct screen *s, const char *name);

/* resize-window -x cols -y lines (the session is detached). */
void screen_resize(struct screen *s, int cols, int lines);

/* Waits up to ms for the pane's program to end; its exit status. */
bool screen_wait_exit(struct screen *s, int ms, int *status);
/* Sends Q, checks that the program ended (pane dead) and returns its
 * exit status; kills the tmux server. */
int screen_stop(struct screen *s);
/* Kills the tmux server (done for every screen by e2e_teardown). */
void screen_kill(struct screen *s);

/* ---- the command line, against the same database ---- */

struct run {
	int status;          /* exit code; 128 + signal; -1 when it hung */
	const char *out;
	const char *err;
};

/* Runs argv (argv[0] looked up in PATH) in the test directory, with the
 * test environment. */
struct run run_argv(const char *const *argv);
/* SENDESK_BIN --db DB ARG... (NULL-terminated). */
struct run sendesk(const char *arg, ...) __attribute__((sentinel));
/* sqlite3 DB "query": its output, asserting exit 0. */
const char *sql(const char *query);
/* `sendesk export KIND`, asserting exit 0. */
const char *export_kind(const char *kind);
/* Writes text to NAME in the test directory and imports it as KIND
 * (`sendesk import`), asserting exit 0. */
void import_text(const char *kind, const char *name, const char *text);
/* Writes text to the file at path (made or emptied). */
void write_text(const char *path, const char *text);

/* CSV: the cell in the named column of the first record whose first
 * field is key, or NULL (no such row or column). */
const char *csv_cell(const char *csv, const char *key, const char *column);
bool csv_has_key(const char *csv, const char *key);


/* ---- assertions that show the screen when they fail ---- */

#define assert_screen(s, text)                                                          \
	cr_assert(screen_wait_for((s), (text), WAIT_MS),                                \
	          "waited %d ms for \"%s\"; the screen shows:\n%s", WAIT_MS, (text),     \
	          screen_last(s))
#define assert_screen_gone(s, text)                                                     \
	cr_assert(screen_wait_gone((s), (text), WAIT_MS),                               \
	          "waited %d ms for \"%s\" to go; the screen shows:\n%s", WAIT_MS, (text), \
	          screen_last(s))
#define assert_screen_lacks(s, text)                                                    \
	cr_assert(!screen_has((s), (text)), "\"%s\" should not be on the screen:\n%s",   \
	          (text), screen_last(s))
#define assert_status(s, text)                                                          \
	cr_assert(screen_wait_status((s), (text), true, WAIT_MS),                        \
	          "waited %d ms for \"%s\" on the status line; the screen shows:\n%s",     \
	          WAIT_MS, (text), screen_last(s))
#define assert_status_gone(s, text)                                                     \
	cr_assert(screen_wait_status((s), (text), false, WAIT_MS),                       \
	          "waited %d ms for \"%s\" to leave the status line; the screen shows:\n%s", \
	          WAIT_MS, (text), screen_last(s))
#define assert_line(s, a, b)                                                            \
	cr_assert(screen_wait_line((s), (a), (b), WAIT_MS),                              \
	          "waited %d ms for a line with \"%s\" and \"%s\"; the screen shows:\n%s", \
	          WAIT_MS, (a), (b), screen_last(s))
#define expect_screen_has(s, text)                                                      \
	cr_expect(screen_has((s), (text)), "\"%s\" is not on the screen:\n%s", (text),   \
	          screen_last(s))

#endif
