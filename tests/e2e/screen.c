/* screen.c: sendesk in tmux, and the command line beside it.  See screen.h. */
#include "screen.h"
#include "tests/support/rundir.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#define RUN_TIMEOUT_MS 20000
#define POLL_MS 20
#define MAX_SCREENS 8
#define MAX_ARGS 48
#define MAX_ENV 160

struct screen {
	char socket[64];          /* tmux -L name */
	char socket_path[PATH_MAX];
	const char *last;         /* the last capture */
	const char *pane_state;   /* the last answer about the pane's state */
	pid_t server;             /* the tmux server's process id */
	bool killed;
};

static char dir[64];
static char db[PATH_MAX];
static char bin[PATH_MAX];
static char conf[PATH_MAX];
static char start_dir[PATH_MAX];
static struct screen screens[MAX_SCREENS];
static int screen_count;

static const char *line_at(const char *text, int i);

static char *dup_len(const char *s, size_t n)
{
	char *c = proc_alloc(n + 1);
	memcpy(c, s, n);
	return c;
}

static long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* A word for sh -c, in single quotes. */
static const char *shell_quote(const char *s)
{
	size_t n = 3;
	for (const char *p = s; *p; p++)
		n += *p == '\'' ? 4 : 1;
	char *q = proc_alloc(n), *o = q;
	*o++ = '\'';
	for (const char *p = s; *p; p++) {
		if (*p == '\'') {
			memcpy(o, "'\\''", 4);
			o += 4;
		} else {
			*o++ = *p;
		}
	}
	*o++ = '\'';
	return q;
}

/* ---- running programs ---- */

/* The environment of everything started: ours without tmux's own
 * variables (a test run inside tmux must not talk to that server) and
 * without locale settings, then the test's home and a UTF-8 locale. */
static char **child_env(void)
{
	char **env = proc_alloc(MAX_ENV * sizeof *env);
	size_t n = 0;
	static const char *const dropped[] = {"TMUX=", "TMUX_PANE=", "HOME=", "XDG_CONFIG_HOME=",
	                                      "XDG_DATA_HOME=", "LANG=", "LC_", "LANGUAGE="};
	for (char **e = environ; *e && n < MAX_ENV - 8; e++) {
		bool drop = false;
		for (size_t i = 0; i < sizeof dropped / sizeof dropped[0]; i++)
			drop = drop || strncmp(*e, dropped[i], strlen(dropped[i])) == 0;
		if (!drop)
			env[n++] = *e;
	}
	env[n++] = text_printf("HOME=%s", dir);
	env[n++] = text_printf("XDG_CONFIG_HOME=%s", dir);
	env[n++] = text_printf("XDG_DATA_HOME=%s", dir);
	env[n++] = text_dup("LANG=C.UTF-8");
	env[n++] = text_dup("LC_ALL=C.UTF-8");
	env[n] = NULL;
	return env;
}

struct run run_argv(const char *const *argv)
{
	int in = open("/dev/null", O_RDONLY | O_CLOEXEC);
	cr_assert_geq(in, 0, "/dev/null: %s", strerror(errno));
	int out = temp_fd(NULL), err = temp_fd(NULL);
	pid_t pid = proc_spawn(argv, child_env(), in, out, err);
	struct run r;
	r.status = proc_wait(pid, RUN_TIMEOUT_MS);
	r.out = read_fd(out, NULL);
	r.err = read_fd(err, NULL);
	close(in);
	close(out);
	close(err);
	return r;
}

struct run sendesk(const char *arg, ...)
{
	const char *argv[MAX_ARGS] = {bin, "--db", db};
	size_t n = 3;
	va_list ap;
	va_start(ap, arg);
	for (const char *a = arg; a; a = va_arg(ap, const char *)) {
		cr_assert_lt(n, (size_t)MAX_ARGS - 1, "too many arguments");
		argv[n++] = a;
	}
	va_end(ap);
	argv[n] = NULL;
	return run_argv(argv);
}

const char *sql(const char *query)
{
	const char *argv[] = {"sqlite3", "-batch", "-noheader", db, query, NULL};
	struct run r = run_argv(argv);
	cr_assert_eq(r.status, 0, "sqlite3 %s \"%s\": exit %d\n%s", db, query, r.status, r.err);
	return r.out;
}

const char *export_kind(const char *kind)
{
	struct run r = sendesk("export", kind, NULL);
	cr_assert_eq(r.status, 0, "export %s: exit %d\n%s", kind, r.status, r.err);
	return r.out;
}

void write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	cr_assert_not_null(f, "%s: %s", path, strerror(errno));
	fputs(text, f);
	cr_assert_eq(fclose(f), 0, "%s: write failed", path);
}

void import_text(const char *kind, const char *name, const char *text)
{
	const char *path = text_printf("%s/%s", e2e_dir(), name);
	write_text(path, text);
	struct run r = sendesk("import", kind, path, NULL);
	cr_assert_eq(r.status, 0, "import %s: exit %d\n%s", kind, r.status, r.err);
}

/* ---- tmux ---- */

/* tmux -f CONF -L SOCKET ARGS...: its output, asserting exit 0 unless
 * may_fail. */
static struct run tmux(const struct screen *s, bool may_fail, const char *const *args)
{
	const char *argv[MAX_ARGS] = {"tmux", "-f", conf, "-L", s->socket};
	size_t n = 5;
	for (size_t i = 0; args[i]; i++) {
		cr_assert_lt(n, (size_t)MAX_ARGS - 1, "too many arguments");
		argv[n++] = args[i];
	}
	argv[n] = NULL;
	struct run r = run_argv(argv);
	if (!may_fail)
		cr_assert_eq(r.status, 0, "tmux %s %s: exit %d\n%s", args[0], args[1] ? args[1] : "",
		             r.status, r.err);
	return r;
}

struct screen *screen_start_command(const char *command)
{
	cr_assert_lt(screen_count, MAX_SCREENS, "too many screens in one test");
	struct screen *s = &screens[screen_count];
	snprintf(s->socket, sizeof s->socket, "sendesk-e2e-%ld-%d", (long)getpid(), screen_count);
	screen_count++;
	const char *size_x = text_printf("%d", SCREEN_COLS), *size_y = text_printf("%d", SCREEN_LINES);
	const char *start[] = {"new-session", "-d", "-c", dir,  "-x", size_x, "-y", size_y, "-s", "t",
	                       command, NULL};
	tmux(s, false, start);
	const char *where[] = {"display-message", "-p", "-t", "t", "#{pid} #{socket_path}", NULL};
	struct run r = tmux(s, false, where);
	char *space = strchr(r.out, ' ');
	cr_assert_not_null(space, "tmux did not say where its server is: %s", r.out);
	s->server = (pid_t)atol(r.out);
	snprintf(s->socket_path, sizeof s->socket_path, "%.*s", (int)strcspn(space + 1, "\n"),
	         space + 1);
	return s;
}

struct screen *screen_start_without_utf8(void)
{
	return screen_start_command(text_printf(
		"env HOME='%s' XDG_CONFIG_HOME='%s' XDG_DATA_HOME='%s' LANG=C LC_ALL=C '%s' --db '%s'",
		dir, dir, dir, bin, db));
}

static const char *sendesk_command(uid_t as_uid, const char *const *args)
{
	const char *cmd = "";
	if (as_uid != 0)
		cmd = text_printf("unshare --user --map-user=%ld --map-group=%ld ", (long)as_uid,
		                 (long)as_uid);
	const char *q = shell_quote(dir);
	cmd = text_printf("%senv HOME=%s XDG_CONFIG_HOME=%s XDG_DATA_HOME=%s LANG=C.UTF-8 "
	                 "LC_ALL=C.UTF-8 %s --db %s", cmd, q, q, q, shell_quote(bin),
	                 shell_quote(db));
	for (size_t i = 0; args && args[i]; i++)
		cmd = text_printf("%s %s", cmd, shell_quote(args[i]));
	return cmd;
}

struct screen *screen_start(const char *const *args)
{
	return screen_start_command(sendesk_command(0, args));
}

struct screen *screen_start_as(uid_t uid, const char *const *args)
{
	return screen_start_command(sendesk_command(uid, args));
}

void screen_keys(struct screen *s, const char *key, ...)
{
	const char *args[MAX_ARGS] = {"send-keys", "-t", "t"};
	size_t n = 3;
	va_list ap;
	va_start(ap, key);
	for (const char *k = key; k; k = va_arg(ap, const char *)) {
		cr_assert_lt(n, (size_t)MAX_ARGS - 6, "too many keys");
		args[n++] = k;
	}
	va_end(ap);
	args[n] = NULL;
	tmux(s, false, args);
}

void screen_type(struct screen *s, const char *text)
{
	const char *args[] = {"send-keys", "-t", "t", "-l", text, NULL};
	tmux(s, false, args);
}

const char *screen_text(struct screen *s)
{
	const char *args[] = {"capture-pane", "-p", "-t", "t", NULL};
	struct run r = tmux(s, true, args);
	s->last = r.status == 0 ? r.out : text_printf("(capture-pane failed: %s)", r.err);
	return s->last;
}

const char *screen_last(const struct screen *s)
{
	return s->last ? s->last : "(not captured)";
}

bool screen_has(const struct screen *s, const char *text)
{
	return s->last && strstr(s->last, text) != NULL;
}

const char *screen_status(const struct screen *s)
{
	const char *status = "", *line;
	for (int i = 0; s->last && (line = line_at(s->last, i)) != NULL; i++)
		if (line[strspn(line, " ")] != '\0')
			status = line;
	return status;
}

bool screen_wait_line(struct screen *s, const char *a, const char *b, int ms)
{
	long start = now_ms();
	for (;;) {
		screen_text(s);
		const char *line;
		for (int i = 0; (line = line_at(s->last, i)) != NULL; i++)
			if (strstr(line, a) != NULL && (b == NULL || strstr(line, b) != NULL))
				return true;
		if (now_ms() - start >= ms)
			return false;
		sleep_ms(POLL_MS);
	}
}

bool screen_wait_status(struct screen *s, const char *text, bool present, int ms)
{
	long start = now_ms();
	for (;;) {
		screen_text(s);
		if ((strstr(screen_status(s), text) != NULL) == present)
			return true;
		if (now_ms() - start >= ms)
			return false;
		sleep_ms(POLL_MS);
	}
}

static bool wait_screen(struct screen *s, const char *text, int ms, bool present)
{
	long start = now_ms();
	for (;;) {
		bool has = strstr(screen_text(s), text) != NULL;
		if (has == present)
			return true;
		if (now_ms() - start >= ms)
			return false;
		sleep_ms(POLL_MS);
	}
}

bool screen_wait_for(struct screen *s, const char *text, int ms)
{
	return wait_screen(s, text, ms, true);
}

bool screen_wait_gone(struct screen *s, const char *text, int ms)
{
	return wait_screen(s, text, ms, false);
}

/* Line i (from 0) of text, without its "\n"; NULL past the end. */
static const char *line_at(const char *text, int i)
{
	const char *p = text;
	for (; i > 0; i--) {
		const char *nl = strchr(p, '\n');
		if (nl == NULL)
			return NULL;
		p = nl + 1;
	}
	if (*p == '\0')
		return NULL;
	return dup_len(p, strcspn(p, "\n"));
}

const char *screen_line_with(const struct screen *s, const char *text)
{
	const char *line;
	for (int i = 0; s->last && (line = line_at(s->last, i)) != NULL; i++)
		if (strstr(line, text) != NULL)
			return line;
	return NULL;
}

/* Display columns of UTF-8 text: every character on these screens takes
 * one column. */
static int columns_of(const char *text, size_t bytes)
{
	int n = 0;
	for (size_t i = 0; i < bytes; i++)
		n += ((unsigned char)text[i] & 0xC0) != 0x80;
	return n;
}

/* The byte offset of display column col in line (its end when shorter). */
static size_t byte_at_column(const char *line, int col)
{
	size_t i = 0;
	for (int c = 0; line[i]; i++) {
		if (((unsigned char)line[i] & 0xC0) == 0x80)
			continue;
		if (c++ == col)
			return i;
	}
	return i;
}

const char *screen_below(const struct screen *s, const char *text, int rows, int offset,
                         int width)
{
	const char *line;
	for (int i = 0; s->last && (line = line_at(s->last, i)) != NULL; i++) {
		const char *at = strstr(line, text);
		if (at == NULL)
			continue;
		int col = columns_of(line, (size_t)(at - line)) + offset;
		const char *below = line_at(s->last, i + rows);
		if (below == NULL || col < 0)
			return "";
		size_t from = byte_at_column(below, col), to = byte_at_column(below, col + width);
		return dup_len(below + from, to - from);
	}
	return "";
}

void screen_resize(struct screen *s, int cols, int lines)
{
	const char *x = text_printf("%d", cols), *y = text_printf("%d", lines);
	const char *args[] = {"resize-window", "-t", "t", "-x", x, "-y", y, NULL};
	tmux(s, false, args);
}

/* "1 0": pane_dead and pane_dead_status; false when there is no such
 * pane any more (the session ended).
 *
 * tmux sees the pane's terminal close before it reaps the program, and
 * Debian's tmux (built with libutempter) can miss the SIGCHLD that
 * arrives while utempter removes the pane's login record, leaving the
 * program a zombie and pane_dead_status empty for good.  A dead pane
 * without a status therefore gets its server another SIGCHLD, which
 * makes it reap. */
static bool pane_state(struct screen *s, bool *dead, int *status)
{
	const char *args[] = {"display-message", "-p", "-t", "t", "#{pane_dead} #{pane_dead_status}",
	                      NULL};
	struct run r = tmux(s, true, args);
	s->pane_state = r.status == 0 ? r.out : r.err;
	if (r.status != 0)
		return false;
	int d = 0, st = -1;
	int n = sscanf(r.out, "%d %d", &d, &st);
	/* tmux sees the pane's terminal close before it has reaped the
	 * program: dead means both, with the exit status known. */
	*dead = n == 2 && d == 1;
	if (n == 1 && d == 1 && s->server > 0)
		kill(s->server, SIGCHLD);
	*status = n == 2 ? st : -1;
	return true;
}

bool screen_wait_exit(struct screen *s, int ms, int *status)
{
	long start = now_ms();
	for (;;) {
		bool dead = false;
		int st = -1;
		if (!pane_state(s, &dead, &st)) {
			/* The session is gone: the program ended, its status unknown. */
			*status = -1;
			return true;
		}
		if (dead) {
			*status = st;
			return true;
		}
		if (now_ms() - start >= ms)
			return false;
		sleep_ms(POLL_MS);
	}
}

int screen_stop(struct screen *s)
{
	screen_keys(s, "Q", NULL);
	int status = -1;
	bool ended = screen_wait_exit(s, WAIT_MS, &status);
	if (!ended)
		screen_text(s);
	cr_assert(ended, "Q did not end sendesk within %d ms; the screen shows:\n%s", WAIT_MS,
	          screen_last(s));
	if (status != 0)
		cr_log_warn("sendesk's pane: %s", s->pane_state);
	screen_kill(s);
	return status;
}

void screen_kill(struct screen *s)
{
	if (s->killed)
		return;
	s->killed = true;
	const char *argv[] = {"tmux", "-f", conf, "-L", s->socket, "kill-server", NULL};
	run_argv(argv);
	if (s->socket_path[0] != '\0')
		unlink(s->socket_path);
}

/* ---- setup and teardown ---- */

static void init_demo(const char *path, void *unused)
{
	(void)unused;
	const char *argv[] = {bin, "--db", path, "init", "--demo", NULL};
	struct run r = run_argv(argv);
	cr_assert_eq(r.status, 0, "sendesk init --demo: exit %d\n%s", r.status, r.err);
}

/* `sendesk init --demo` into db: made once a day per run (it takes a
 * second, several under ASan) and copied. */
static void demo_database(void)
{
	char made[400];
	if (run_file_made("e2e-demo", made, sizeof made, init_demo, NULL))
		cr_assert(file_copy(made, db), "could not copy %s to %s", made, db);
	else
		init_demo(db, NULL);
}

/* The demo and 1,500,000 sessions more (put in with sqlite3), on an
 * entry in force that ends no earlier than today, a month ago: within
 * the shortfall's default months, and far more than a list reads at a
 * time. */
static void make_many_sessions(const char *path, void *unused)
{
	(void)unused;
	init_demo(path, NULL);
	const char *argv[] = {"sqlite3", "-batch", path,
		"WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 1500000) "
		"INSERT INTO provision (entry_id, date, minutes, therapist, ref, outcome) "
		"SELECT (SELECT min(te.id) FROM therapy_entries te JOIN children c ON c.id = te.child_id "
		"        WHERE te.start_date <= date('now', '-1 month') AND te.minutes_per_week > 0 "
		"          AND (te.end_date IS NULL OR te.end_date >= date('now')) "
		"          AND ifnull(c.ehcp_status, 'active') <> 'ceased'), "
		"       date('now', '-1 month'), 30, 'Ann Lee', 'ZZ-' || x, 'did-not-attend' FROM n",
		NULL};
	struct run r = run_argv(argv);
	cr_assert_eq(r.status, 0, "sqlite3 %s: exit %d\n%s", path, r.status, r.err);
}

void e2e_use_many_sessions(void)
{
	char made[400];
	cr_assert_eq(unlink(db), 0, "%s: %s", db, strerror(errno));
	if (run_file_made("e2e-many-sessions", made, sizeof made, make_many_sessions, NULL))
		cr_assert(file_copy(made, db), "could not copy %s to %s", made, db);
	else
		make_many_sessions(db, NULL);
}

void e2e_setup(void)
{
	const char *b = getenv("SENDESK_BIN");
	cr_assert(b != NULL && b[0] == '/',
	          "set SENDESK_BIN to the absolute path of the sendesk binary (it is %s)",
	          b ? b : "unset");
	cr_assert_not_null(realpath(b, bin), "SENDESK_BIN=%s: %s", b, strerror(errno));
	cr_assert_eq(access(bin, X_OK), 0, "%s is not executable", bin);
	cr_assert_not_null(getcwd(start_dir, sizeof start_dir), "getcwd: %s", strerror(errno));
	snprintf(dir, sizeof dir, "/tmp/sendesk-e2e-XXXXXX");
	cr_assert_not_null(mkdtemp(dir), "mkdtemp: %s", strerror(errno));
	snprintf(db, sizeof db, "%s/t.db", dir);
	snprintf(conf, sizeof conf, "%s/tmux.conf", dir);
	/* No status line: the pane is the whole 100x30 window.  A dead pane
	 * stays, so its exit status can be read. */
	write_text(conf, "set-option -g status off\n"
	                 "set-option -g remain-on-exit on\n");
	cr_assert_eq(chdir(dir), 0, "%s: %s", dir, strerror(errno));
	demo_database();
}

void e2e_teardown(void)
{
	for (int i = 0; i < screen_count; i++)
		screen_kill(&screens[i]);
	screen_count = 0;
	memset(screens, 0, sizeof screens);
	if (start_dir[0] != '\0' && chdir(start_dir) != 0)
		cr_log_warn("%s: %s", start_dir, strerror(errno));
	if (dir[0] != '\0')
		remove_tree(dir);
	dir[0] = '\0';
	proc_free_all();
}

const char *e2e_dir(void)
{
	return dir;
}

const char *e2e_db(void)
{
	return db;
}

const char *e2e_bin(void)
{
	return bin;
}

/* ---- CSV ---- */

/* An upper bound on the bytes of the field starting at s. */
static size_t field_bytes(const char *s)
{
	const char *e = s;
	if (*e == '"') {
		for (e++; *e && !(*e == '"' && e[1] != '"'); e++)
			if (*e == '"')
				e++;
	}
	while (*e && *e != ',' && *e != '\n' && *e != '\r')
		e++;
	return (size_t)(e - s);
}

/* One record of RFC 4180 text from *p: its fields (NULL-terminated) and
 * *p after it; NULL at the end of the text. */
static const char **csv_record(const char **p)
{
	if (**p == '\0')
		return NULL;
	size_t cap = 16, n = 0;
	const char **fields = proc_alloc(cap * sizeof *fields);
	const char *s = *p;
	for (;;) {
		size_t len = 0;
		char *field = proc_alloc(field_bytes(s) + 1);
		if (*s == '"') {
			for (s++; *s; s++) {
				if (*s == '"' && s[1] == '"')
					field[len++] = *s++;
				else if (*s == '"')
					break;
				else
					field[len++] = *s;
			}
			if (*s == '"')
				s++;
		}
		while (*s && *s != ',' && *s != '\n' && *s != '\r')
			field[len++] = *s++;
		if (n + 2 > cap) {
			const char **grown = proc_alloc(2 * cap * sizeof *grown);
			memcpy(grown, fields, n * sizeof *fields);
			fields = grown;
			cap *= 2;
		}
		fields[n++] = field;
		if (*s == ',') {
			s++;
			continue;
		}
		if (*s == '\r')
			s++;
		if (*s == '\n')
			s++;
		break;
	}
	fields[n] = NULL;
	*p = s;
	return fields;
}

const char *csv_cell(const char *csv, const char *key, const char *column)
{
	const char *p = csv;
	const char **header = csv_record(&p);
	if (header == NULL)
		return NULL;
	int col = -1;
	for (int i = 0; header[i]; i++)
		if (strcmp(header[i], column) == 0)
			col = i;
	if (col < 0)
		return NULL;
	const char **rec;
	while ((rec = csv_record(&p)) != NULL) {
		if (rec[0] == NULL || strcmp(rec[0], key) != 0)
			continue;
		for (int i = 0; rec[i]; i++)
			if (i == col)
				return rec[i];
		return NULL;
	}
	return NULL;
}

bool csv_has_key(const char *csv, const char *key)
{
	const char *p = csv;
	if (csv_record(&p) == NULL)
		return false;
	const char **rec;
	while ((rec = csv_record(&p)) != NULL)
		if (rec[0] != NULL && strcmp(rec[0], key) == 0)
			return true;
	return false;
}

void screen_open_report(struct screen *s, const char *name)
{
	const char *want = text_printf(">%s ", name);
	assert_screen(s, "Enter opens a report");
	for (int i = 0; i < 20 && !screen_has(s, want); i++) {
		const char *line = screen_line_with(s, ">");
		cr_assert_not_null(line, "no row selected:\n%s", screen_last(s));
		const char *selected = text_printf("%.21s", strchr(line, '>'));
		screen_keys(s, "j", NULL);
		cr_assert(screen_wait_gone(s, selected, WAIT_MS), "j did not move from %s:\n%s",
		          selected, screen_last(s));
	}
	assert_screen(s, want);
	screen_keys(s, "Enter", NULL);
	assert_screen(s, text_printf("Report %s", name));
}
