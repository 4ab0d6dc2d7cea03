#include "tests/support/fixture.h"
#include "tests/support/rundir.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db/db_internal.h"
#include "core/demo.h"
#include "core/kind.h"
#include "core/transfer.h"

struct problem_buffer {
	char *text;
	size_t len;
};

/* Appends each problem line, as far as the buffer holds. */
static void collect(void *ctx, const char *line)
{
	struct problem_buffer *b = ctx;
	if (b == NULL || b->text == NULL)
		return;
	size_t used = strlen(b->text);
	snprintf(b->text + used, b->len - used, "%s\n", line);
}

/* Loading the demo takes about a second (several under ASan) and a
 * hundred tests start from it, so a test run makes it once a day in the
 * run's directory and each fixture copies it. */
static void create_with_demo(struct fixture *f, const char *path)
{
	struct error err = {0};
	int rc = session_create(&f->s, path, &f->cfg, &err);
	cr_assert_eq(rc, 0, "session_create: %s", err.msg);
	char problems[4096] = "";
	struct problem_buffer b = {problems, sizeof problems};
	rc = demo_load(&f->s, collect, &b, &err);
	cr_assert_eq(rc, 0, "demo_load: %s\n%s", err.msg, problems);
}

static void make_demo_template(const char *building, void *fixture)
{
	struct fixture *f = fixture;
	create_with_demo(f, building);
	session_close(&f->s);
}

static void create_empty(struct fixture *f, const char *path)
{
	struct error err = {0};
	int rc = session_create(&f->s, path, &f->cfg, &err);
	cr_assert_eq(rc, 0, "session_create: %s", err.msg);
}

/* Creating runs every migration, each in a transaction of its own, and
 * most tests start from an empty database: it too is made once a day in
 * the run's directory and copied. */
static void make_empty_template(const char *building, void *fixture)
{
	struct fixture *f = fixture;
	create_empty(f, building);
	session_close(&f->s);
}

void fixture_init(struct fixture *f, bool demo)
{
	memset(f, 0, sizeof *f);
	snprintf(f->dir, sizeof f->dir, "%s/sendesk-test-XXXXXX", temp_root());
	cr_assert_not_null(mkdtemp(f->dir), "mkdtemp failed");
	snprintf(f->path, sizeof f->path, "%s/test.db", f->dir);
	config_defaults(&f->cfg);
	char template[400];
	if (run_file_made(demo ? "unit-demo" : "unit-empty", template, sizeof template,
	                  demo ? make_demo_template : make_empty_template, f)) {
		cr_assert(file_copy(template, f->path), "could not copy %s", template);
		struct error err = {0};
		int rc = session_open(&f->s, f->path, &f->cfg, &err);
		cr_assert_eq(rc, 0, "session_open: %s", err.msg);
	} else if (demo) {
		create_with_demo(f, f->path);
	} else {
		create_empty(f, f->path);
	}
}

void fixture_done(struct fixture *f)
{
	session_close(&f->s);
	char cmd[400];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", f->dir);
}

const char *fixture_file(struct fixture *f, const char *name, char *buf, size_t len)
{
	snprintf(buf, len, "%s/%s", f->dir, name);
	return buf;
}

int fixture_import(struct fixture *f, const char *kind, const char *csv,
                   char *problems, size_t problems_len)
{
	const struct kind *k = kind_find(kind);
	cr_assert_not_null(k, "no kind %s", kind);
	FILE *in = fmemopen((void *)csv, strlen(csv), "r");
	cr_assert_not_null(in);
	if (problems && problems_len)
		problems[0] = '\0';
	struct problem_buffer b = {problems, problems_len};
	struct import_counts counts;
	struct error err = {0};
	int rc = transfer_import(&f->s, k, in, "test.csv", collect, &b, &counts, &err);
	fclose(in);
	return rc;
}

void fixture_import_rows(struct fixture *f, const char *kind, const char *header, int n,
                         fixture_row_fn row)
{
	char *csv = NULL, line[512], problems[1024];
	size_t len = 0;
	FILE *out = open_memstream(&csv, &len);
	cr_assert_not_null(out);
	fprintf(out, "%s\n", header);
	for (int i = 0; i < n; i++) {
		row(i, line, sizeof line);
		fprintf(out, "%s\n", line);
	}
	fclose(out);
	int rc = fixture_import(f, kind, csv, problems, sizeof problems);
	free(csv);
	cr_assert_eq(rc, 0, "import %s: %s", kind, problems);
}

char *fixture_export(struct fixture *f, const char *kind)
{
	const struct kind *k = kind_find(kind);
	cr_assert_not_null(k, "no kind %s", kind);
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	cr_assert_not_null(out);
	struct error err = {0};
	int rc = transfer_export(&f->s, k, out, &err);
	fclose(out);
	cr_assert_eq(rc, 0, "export %s: %s", kind, err.msg);
	return text;
}

/* The write path reads the role from the users table in each
 * transaction, so the table itself is changed (around the write path and
 * its last-admin rule, as a test may); ROLE_NONE renames the login's row
 * away, as if it had been removed. */
void fixture_act_as(struct fixture *f, enum role role)
{
	sqlite3_stmt *st = NULL;
	char away[LOGIN_MAX + 2];
	snprintf(away, sizeof away, "%s~", f->s.login);
	cr_assert_eq(sqlite3_prepare_v2(f->s.db->conn,
	                                "UPDATE users SET login = ?1, role = coalesce(?2, role) "
	                                "WHERE login IN (?3, ?3 || '~')", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, role == ROLE_NONE ? away : f->s.login, -1, SQLITE_TRANSIENT);
	if (role != ROLE_NONE)
		sqlite3_bind_text(st, 2, role_name(role), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, f->s.login, -1, SQLITE_TRANSIENT);
	cr_assert_eq(sqlite3_step(st), SQLITE_DONE, "%s", sqlite3_errmsg(f->s.db->conn));
	sqlite3_finalize(st);
	f->s.role = role;
}
