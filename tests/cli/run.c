/* run.c: the temporary directory, running processes, files and parsing
 * output for the command-line tests.  See run.h. */
#include "run.h"
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

/* A process running longer than this is killed and the test fails. */
#define RUN_TIMEOUT_MS 30000
/* A background process may queue behind others for the write lock: on a
 * loaded 2-core machine four ASan imports of 1500 rows, one after the
 * other, outran 30 s.  Still well within the test's own timeout. */
#define BACKGROUND_TIMEOUT_MS 120000
#define MAX_ARGS 64
#define MAX_ENV 24

static char test_dir[256];
static char test_db[PATH_MAX];
static char repo_root[PATH_MAX];
static char bin_path[PATH_MAX];

void cli_setup(void)
{
	const char *bin = getenv("SENDESK_BIN");
	if (bin == NULL || bin[0] == '\0')
		bin = "sendesk";
	cr_assert_not_null(realpath(bin, bin_path),
	                   "SENDESK_BIN=%s: %s (run as SENDESK_BIN=/abs/path/sendesk cli-tests)", bin,
	                   strerror(errno));
	cr_assert_eq(access(bin_path, X_OK), 0, "%s is not executable", bin_path);
	cr_assert_not_null(getcwd(repo_root, sizeof repo_root), "getcwd: %s", strerror(errno));
	snprintf(test_dir, sizeof test_dir, "%s/sendesk-cli-XXXXXX", temp_root());
	cr_assert_not_null(mkdtemp(test_dir), "mkdtemp: %s", strerror(errno));
	snprintf(test_db, sizeof test_db, "%s/sendesk.db", test_dir);
	/* Each test is a process of its own: its children start here. */
	cr_assert_eq(chdir(test_dir), 0, "%s: %s", test_dir, strerror(errno));
}

void cli_teardown(void)
{
	if (repo_root[0] != '\0' && chdir(repo_root) != 0)
		cr_log_warn("%s: %s", repo_root, strerror(errno));
	if (test_dir[0] != '\0')
		remove_tree(test_dir);
	test_dir[0] = '\0';
	proc_free_all();
}

const char *repo_path(const char *name)
{
	return text_printf("%s/%s", repo_root, name);
}

const char *tmp_dir(void)
{
	return test_dir;
}

const char *db_path(void)
{
	return test_db;
}

const char *tmp_path(const char *name)
{
	return text_printf("%s/%s", test_dir, name);
}

const char *sendesk_bin(void)
{
	return bin_path;
}

/* The program file for a name, looked up in PATH unless it has a '/'. */
static const char *program_path(const char *name)
{
	if (strchr(name, '/') != NULL)
		return name;
	const char *path = getenv("PATH");
	char *dirs = text_dup(path ? path : "/usr/local/bin:/usr/bin:/bin");
	for (char *save = NULL, *dir = strtok_r(dirs, ":", &save); dir;
	     dir = strtok_r(NULL, ":", &save)) {
		const char *full = text_printf("%s/%s", dir, name);
		if (access(full, X_OK) == 0)
			return full;
	}
	cr_assert_fail("%s: not found in PATH", name);
	return name;
}

/* The child's environment: the test directory as home and as the XDG
 * directories, a fixed locale, and what the sanitizers and the clock
 * need from the tests' own environment. */
static char **child_env(const char *const *extra)
{
	static const char *const passed[] = {"PATH", "TZ", "ASAN_OPTIONS", "UBSAN_OPTIONS",
	                                     "LSAN_OPTIONS"};
	char **env = proc_alloc(MAX_ENV * sizeof *env);
	size_t n = 0;
	env[n++] = text_printf("HOME=%s", test_dir);
	env[n++] = text_printf("XDG_CONFIG_HOME=%s", test_dir);
	env[n++] = text_printf("XDG_DATA_HOME=%s", test_dir);
	env[n++] = text_dup("LC_ALL=C.UTF-8");
	for (size_t i = 0; i < sizeof passed / sizeof passed[0]; i++) {
		const char *v = getenv(passed[i]);
		if (v != NULL)
			env[n++] = text_printf("%s=%s", passed[i], v);
	}
	for (size_t i = 0; extra && extra[i]; i++) {
		cr_assert_lt(n, (size_t)MAX_ENV - 1, "too many environment entries");
		env[n++] = text_dup(extra[i]);
	}
	env[n] = NULL;
	return env;
}

/* The argument vector with "unshare --user" in front when acting as
 * another user: inside, the real user id maps to uid, so the files the
 * tests made still belong to the process. */
static const char **full_argv(const struct run_opts *o, const char *const *argv)
{
	const char **v = proc_alloc((MAX_ARGS + 8) * sizeof *v);
	size_t n = 0;
	if (o->as_uid != 0) {
		v[n++] = program_path("unshare");
		v[n++] = "--user";
		v[n++] = text_printf("--map-user=%ld", (long)o->as_uid);
		v[n++] = text_printf("--map-group=%ld", (long)o->as_uid);
		v[n++] = argv[0];
	} else {
		v[n++] = program_path(argv[0]);
	}
	for (size_t i = 1; argv[i]; i++) {
		cr_assert_lt(n, (size_t)MAX_ARGS + 7, "too many arguments");
		v[n++] = argv[i];
	}
	v[n] = NULL;
	return v;
}

struct run run_argv(const struct run_opts *o, const char *const *argv)
{
	static const struct run_opts none;
	if (o == NULL)
		o = &none;
	const char **args = full_argv(o, argv);
	char **env = child_env(o->env);
	int in = o->in ? temp_fd(o->in) : open("/dev/null", O_RDONLY | O_CLOEXEC);
	int out = o->out_path ? open(o->out_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)
	                      : temp_fd(NULL);
	int err = temp_fd(NULL);
	cr_assert(in >= 0 && out >= 0, "cannot open the child's input or output: %s", strerror(errno));
	pid_t pid = proc_spawn(args, env, in, out, err);
	struct run r = {0};
	r.status = proc_wait(pid, RUN_TIMEOUT_MS);
	r.out = o->out_path ? "" : read_fd(out, &r.out_len);
	r.err = read_fd(err, NULL);
	close(in);
	close(out);
	close(err);
	return r;
}

static struct run sendesk_va(const struct run_opts *o, const char *arg, va_list ap)
{
	static const struct run_opts none;
	if (o == NULL)
		o = &none;
	const char *argv[MAX_ARGS + 1];
	size_t n = 0;
	argv[n++] = bin_path;
	if (!o->no_db) {
		argv[n++] = "--db";
		argv[n++] = o->db ? o->db : test_db;
	}
	for (; arg != NULL; arg = va_arg(ap, const char *)) {
		cr_assert_lt(n, (size_t)MAX_ARGS, "too many arguments");
		argv[n++] = arg;
	}
	argv[n] = NULL;
	return run_argv(o, argv);
}

struct run sendesk(const char *arg, ...)
{
	va_list ap;
	va_start(ap, arg);
	struct run r = sendesk_va(NULL, arg, ap);
	va_end(ap);
	return r;
}

struct run sendesk_opts(const struct run_opts *o, const char *arg, ...)
{
	va_list ap;
	va_start(ap, arg);
	struct run r = sendesk_va(o, arg, ap);
	va_end(ap);
	return r;
}

static void init_demo(const char *path, void *unused)
{
	(void)unused;
	struct run_opts o = {.db = path};
	struct run r = sendesk_opts(&o, "init", "--demo", NULL);
	cr_assert_eq(r.status, 0, "sendesk init --demo: exit %d\n%s", r.status, r.err);
}

/* `init --demo` takes a second (several under ASan): a run makes it once
 * a day and each test copies it. */
void init_demo_database(void)
{
	char made[400];
	if (run_file_made("cli-demo", made, sizeof made, init_demo, NULL))
		cr_assert(file_copy(made, db_path()), "could not copy %s", made);
	else
		init_demo(db_path(), NULL);
}

void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	cr_assert_not_null(f, "%s: %s", path, strerror(errno));
	size_t len = strlen(text);
	cr_assert_eq(fwrite(text, 1, len, f), len, "%s: write failed", path);
	cr_assert_eq(fclose(f), 0, "%s: write failed", path);
}

const char *read_file(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	const char *text = read_fd(fd, len);
	close(fd);
	return text;
}

bool file_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

/* ---- lines ---- */

int line_count(const char *text)
{
	int n = 0;
	for (const char *p = text; *p; p++)
		if (*p == '\n' || p[1] == '\0')
			n++;
	return n;
}

const char *line_at(const char *text, int i)
{
	const char *p = text;
	for (; i > 0 && *p; i--) {
		const char *nl = strchr(p, '\n');
		if (nl == NULL)
			return NULL;
		p = nl + 1;
	}
	if (*p == '\0')
		return NULL;
	size_t len = strcspn(p, "\n");
	if (len > 0 && p[len - 1] == '\r')
		len--;
	char *line = proc_alloc(len + 1);
	memcpy(line, p, len);
	return line;
}

bool has_line(const char *text, const char *line)
{
	for (int i = 0, n = line_count(text); i < n; i++)
		if (strcmp(line_at(text, i), line) == 0)
			return true;
	return false;
}

const char *lf_lines(const char *text)
{
	char *copy = proc_alloc(strlen(text) + 1), *q = copy;
	for (const char *p = text; *p; p++)
		if (!(p[0] == '\r' && p[1] == '\n'))
			*q++ = *p;
	return copy;
}

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

const char *sorted_lines(const char *text)
{
	int n = line_count(text);
	const char **lines = proc_alloc((size_t)(n ? n : 1) * sizeof *lines);
	size_t total = 1;
	for (int i = 0; i < n; i++) {
		lines[i] = line_at(text, i);
		total += strlen(lines[i]) + 1;
	}
	qsort(lines, (size_t)n, sizeof *lines, compare_strings);
	char *joined = proc_alloc(total);
	for (int i = 0; i < n; i++) {
		strcat(joined, lines[i]);
		strcat(joined, "\n");
	}
	return joined;
}

/* ---- tables ---- */

/* A growing list of pointers. */
struct list {
	const void **items;
	size_t n, cap;
};

static void list_add(struct list *l, const void *p)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 16;
		const void **grown = proc_alloc(cap * sizeof *grown);
		if (l->n)
			memcpy(grown, l->items, l->n * sizeof *grown);
		l->items = grown;
		l->cap = cap;
	}
	l->items[l->n++] = p;
}

/* A growing string. */
struct buf {
	char *s;
	size_t n, cap;
};

static void buf_add(struct buf *b, char c)
{
	if (b->n + 1 >= b->cap) {
		size_t cap = b->cap ? 2 * b->cap : 32;
		char *grown = proc_alloc(cap);
		if (b->n)
			memcpy(grown, b->s, b->n);
		b->s = grown;
		b->cap = cap;
	}
	b->s[b->n++] = c;
	b->s[b->n] = '\0';
}

static const char *buf_text(struct buf *b)
{
	const char *s = b->s ? b->s : "";
	*b = (struct buf){0};
	return s;
}

static bool fail_with(const char **reason, const char *text)
{
	if (reason)
		*reason = text;
	return false;
}

/* Turns a list of records (each a list of cells) into a table. */
static bool make_table(const struct list *records, struct table *t, const char **reason)
{
	if (records->n == 0)
		return fail_with(reason, "no header");
	const struct list *header = records->items[0];
	t->cols = header->n;
	t->header = (const char **)header->items;
	t->rows = records->n - 1;
	t->cell = proc_alloc((t->rows ? t->rows : 1) * sizeof *t->cell);
	for (size_t r = 0; r < t->rows; r++) {
		const struct list *rec = records->items[r + 1];
		if (rec->n != t->cols)
			return fail_with(reason, text_printf("record %zu has %zu fields, the header %zu",
			                                     r + 2, rec->n, t->cols));
		t->cell[r] = (const char **)rec->items;
	}
	return true;
}

bool csv_table(const char *text, struct table *t, const char **reason)
{
	struct list records = {0};
	struct list *rec = NULL;
	struct buf field = {0};
	const char *p = text;
	while (*p) {
		if (rec == NULL) {
			rec = proc_alloc(sizeof *rec);
			list_add(&records, rec);
		}
		if (*p == '"') {
			for (p++;; p++) {
				if (*p == '\0')
					return fail_with(reason, "unterminated quoted field");
				if (*p == '"' && p[1] == '"')
					buf_add(&field, *p++);
				else if (*p == '"')
					break;
				else
					buf_add(&field, *p);
			}
			p++;
			if (*p != ',' && *p != '\n' && *p != '\r' && *p != '\0')
				return fail_with(reason, "text after a closing quote");
		} else {
			for (; *p && *p != ',' && *p != '\n' && *p != '\r'; p++) {
				if (*p == '"')
					return fail_with(reason, "quote inside an unquoted field");
				buf_add(&field, *p);
			}
		}
		list_add(rec, buf_text(&field));
		if (*p == ',') {
			p++;
			if (*p == '\0' || *p == '\n' || *p == '\r')
				list_add(rec, "");
		}
		if (*p == '\r')
			p++;
		if (*p == '\n') {
			p++;
			rec = NULL;
		}
	}
	return make_table(&records, t, reason);
}

/* A small JSON reader: enough for an array of flat objects. */
struct json {
	const char *p;
	const char *reason;
};

static void json_space(struct json *j)
{
	while (*j->p == ' ' || *j->p == '\n' || *j->p == '\r' || *j->p == '\t')
		j->p++;
}

static bool json_expect(struct json *j, char c)
{
	json_space(j);
	if (*j->p != c) {
		j->reason = text_printf("expected '%c' at \"%.20s\"", c, j->p);
		return false;
	}
	j->p++;
	return true;
}

static void utf8_add(struct buf *b, unsigned cp)
{
	if (cp < 0x80) {
		buf_add(b, (char)cp);
	} else if (cp < 0x800) {
		buf_add(b, (char)(0xC0 | cp >> 6));
		buf_add(b, (char)(0x80 | (cp & 0x3F)));
	} else {
		buf_add(b, (char)(0xE0 | cp >> 12));
		buf_add(b, (char)(0x80 | ((cp >> 6) & 0x3F)));
		buf_add(b, (char)(0x80 | (cp & 0x3F)));
	}
}

static const char *json_string(struct json *j)
{
	if (!json_expect(j, '"'))
		return NULL;
	struct buf b = {0};
	for (; *j->p != '"'; j->p++) {
		unsigned char c = (unsigned char)*j->p;
		if (c == '\0' || c < 0x20) {
			j->reason = "bad character in a string";
			return NULL;
		}
		if (c != '\\') {
			buf_add(&b, (char)c);
			continue;
		}
		static const char letters[] = "bfnrt", controls[] = "\b\f\n\r\t";
		char e = *++j->p;
		const char *esc = e ? strchr(letters, e) : NULL;
		if (e == '"' || e == '\\' || e == '/') {
			buf_add(&b, e);
		} else if (esc) {
			buf_add(&b, controls[esc - letters]);
		} else if (e == 'u') {
			unsigned cp = 0;
			for (int i = 1; i <= 4; i++) {
				char h = j->p[i];
				int v = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10
				      : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
				if (v < 0) {
					j->reason = "bad \\u escape";
					return NULL;
				}
				cp = cp * 16 + (unsigned)v;
			}
			j->p += 4;
			utf8_add(&b, cp);
		} else {
			j->reason = "bad escape";
			return NULL;
		}
	}
	j->p++;
	return buf_text(&b);
}

/* A number as written, checked against JSON's grammar. */
static const char *json_number(struct json *j)
{
	const char *start = j->p;
	if (*j->p == '-')
		j->p++;
	if (*j->p == '0')
		j->p++;
	else if (*j->p >= '1' && *j->p <= '9')
		while (*j->p >= '0' && *j->p <= '9')
			j->p++;
	else
		goto bad;
	if (*j->p == '.') {
		j->p++;
		if (!(*j->p >= '0' && *j->p <= '9'))
			goto bad;
		while (*j->p >= '0' && *j->p <= '9')
			j->p++;
	}
	if (*j->p == 'e' || *j->p == 'E') {
		j->p++;
		if (*j->p == '+' || *j->p == '-')
			j->p++;
		if (!(*j->p >= '0' && *j->p <= '9'))
			goto bad;
		while (*j->p >= '0' && *j->p <= '9')
			j->p++;
	}
	char *n = proc_alloc((size_t)(j->p - start) + 1);
	memcpy(n, start, (size_t)(j->p - start));
	return n;
bad:
	j->reason = text_printf("not a JSON number at \"%.20s\"", start);
	return NULL;
}

/* One value: *value is NULL for null.  False on a syntax error. */
static bool json_value(struct json *j, const char **value)
{
	json_space(j);
	if (*j->p == '"')
		return (*value = json_string(j)) != NULL;
	if (strncmp(j->p, "null", 4) == 0) {
		j->p += 4;
		*value = NULL;
		return true;
	}
	if (strncmp(j->p, "true", 4) == 0 || strncmp(j->p, "false", 5) == 0) {
		size_t n = j->p[0] == 't' ? 4 : 5;
		*value = text_printf("%.*s", (int)n, j->p);
		j->p += n;
		return true;
	}
	return (*value = json_number(j)) != NULL;
}

static bool json_object(struct json *j, struct list *keys, struct list *values)
{
	if (!json_expect(j, '{'))
		return false;
	json_space(j);
	if (*j->p == '}') {
		j->p++;
		return true;
	}
	for (;;) {
		const char *key = json_string(j), *value;
		if (key == NULL || !json_expect(j, ':') || !json_value(j, &value))
			return false;
		list_add(keys, key);
		list_add(values, value);
		json_space(j);
		if (*j->p == '}') {
			j->p++;
			return true;
		}
		if (!json_expect(j, ','))
			return false;
	}
}

static bool same_keys(const struct list *a, const struct list *b)
{
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->items[i], b->items[i]) != 0)
			return false;
	return true;
}

struct table report_table(const char *name, const char *header, const char *const *args)
{
	const char *argv[24] = {sendesk_bin(), "--db", db_path(), "report", name, "--format", "csv"};
	int n = 7;
	for (; *args && n < 23; args++)
		argv[n++] = *args;
	struct run r = run_argv(NULL, argv);
	assert_exit(r, 0);
	cr_assert_str_empty(r.err);
	if (header)
		cr_assert_str_eq(line_at(r.out, 0), header);
	struct table t;
	const char *why;
	cr_assert(csv_table(r.out, &t, &why), "%s\n%s", why, r.out);
	return t;
}

void expect_table_row(const struct table *t, size_t row, const char *line)
{
	cr_assert_lt(row, t->rows, "no row %zu", row);
	const char *got = "";
	for (size_t c = 0; c < t->cols; c++)
		got = text_printf("%s%s%s", got, c ? "," : "", t->cell[row][c]);
	cr_expect_str_eq(got, line, "row %zu", row);
}

bool json_table(const char *text, struct table *t, const char **reason)
{
	struct json j = {text, NULL};
	struct list records = {0};
	struct list *first_keys = NULL;
	if (!json_expect(&j, '['))
		return fail_with(reason, j.reason);
	json_space(&j);
	bool more = *j.p != ']';
	if (!more)
		j.p++;
	while (more) {
		struct list *keys = proc_alloc(sizeof *keys), *values = proc_alloc(sizeof *values);
		if (!json_object(&j, keys, values))
			return fail_with(reason, j.reason);
		if (first_keys == NULL) {
			first_keys = keys;
			list_add(&records, keys);
		} else if (!same_keys(first_keys, keys)) {
			return fail_with(reason, text_printf("object %zu has other keys than the first",
			                                     records.n));
		}
		list_add(&records, values);
		json_space(&j);
		if (*j.p == ']') {
			j.p++;
			more = false;
		} else if (!json_expect(&j, ',')) {
			return fail_with(reason, j.reason);
		}
	}
	json_space(&j);
	if (*j.p != '\0')
		return fail_with(reason, "text after the array");
	if (first_keys == NULL) {
		*t = (struct table){0};
		return true;
	}
	return make_table(&records, t, reason);
}

int table_col(const struct table *t, const char *name)
{
	for (size_t c = 0; c < t->cols; c++)
		if (strcmp(t->header[c], name) == 0)
			return (int)c;
	return -1;
}

int table_row(const struct table *t, const char *col, const char *value)
{
	int c = table_col(t, col);
	for (size_t r = 0; c >= 0 && r < t->rows; r++)
		if (t->cell[r][c] && strcmp(t->cell[r][c], value) == 0)
			return (int)r;
	return -1;
}

const char *table_get(const struct table *t, int row, const char *col)
{
	int c = table_col(t, col);
	if (c < 0 || row < 0 || (size_t)row >= t->rows)
		return NULL;
	return t->cell[row][c] ? t->cell[row][c] : "";
}

/* ---- background processes ---- */

struct background background_start(const char *const *argv)
{
	static const struct run_opts none;
	const char **args = full_argv(&none, argv);
	char **env = child_env(NULL);
	int fds[2];
	cr_assert_eq(pipe(fds), 0, "pipe: %s", strerror(errno));
	for (int i = 0; i < 2; i++)
		fcntl(fds[i], F_SETFD, FD_CLOEXEC);
	int devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
	cr_assert_geq(devnull, 0, "/dev/null: %s", strerror(errno));
	pid_t pid = proc_spawn(args, env, fds[0], devnull, devnull);
	close(fds[0]);
	close(devnull);
	signal(SIGPIPE, SIG_IGN);
	return (struct background){pid, fds[1]};
}

void background_write(struct background *b, const char *text)
{
	size_t len = strlen(text);
	for (size_t done = 0; done < len;) {
		ssize_t w = write(b->in_fd, text + done, len - done);
		cr_assert_gt(w, 0, "writing to process %ld: %s", (long)b->pid, strerror(errno));
		done += (size_t)w;
	}
}

int background_finish(struct background *b)
{
	if (b->in_fd >= 0)
		close(b->in_fd);
	b->in_fd = -1;
	return proc_wait(b->pid, BACKGROUND_TIMEOUT_MS);
}

bool wait_for_file(const char *path, int ms)
{
	for (int waited = 0; waited <= ms; waited += 10) {
		struct stat st;
		if (stat(path, &st) == 0 && st.st_size > 0)
			return true;
		sleep_ms(10);
	}
	return false;
}
