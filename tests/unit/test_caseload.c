/* test_caseload.c: handing a caseworker's children on (core/caseload.h):
 * every child moved in one transaction, each change audited under the
 * login that moved it, all or nothing, team leads and admins only; and
 * a login that still holds children is not removed. */
#include "core/caseload.h"

#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "core/users.h"
#include "db/record.h"
#include "tests/support/fixture.h"

static struct fixture f;

static void import_ok(const char *kind, const char *csv)
{
	char problems[2048] = "";
	cr_assert_eq(fixture_import(&f, kind, csv, problems, sizeof problems), 0, "%s", problems);
}

/* cw.one holds CH1-CH3, cw.two holds CH4, CH5 has no caseworker. */
static void setup(void)
{
	fixture_init(&f, false);
	import_ok("users", "login,role\ncw.one,caseworker\ncw.two,caseworker\nlead,teamlead\n");
	import_ok("children", "ref,first_name,last_name,date_of_birth,caseworker\n"
	                      "CH1,Ann,Ash,2015-01-01,cw.one\nCH2,Bo,Birch,2015-01-02,cw.one\n"
	                      "CH3,Cy,Cedar,2015-01-03,cw.one\nCH4,Di,Elm,2015-01-04,cw.two\n"
	                      "CH5,Ed,Fir,2015-01-05,\n");
}

static void teardown(void)
{
	fixture_done(&f);
}

TestSuite(caseload, .init = setup, .fini = teardown);

static int64_t held_by(const char *login)
{
	int64_t n = -1;
	struct error err = {0};
	cr_assert_eq(caseload_count(&f.s, login, &n, &err), 0, "%s", err.msg);
	return n;
}

static int count_rows(void *ctx, const struct db_value *cols, int count)
{
	(void)count;
	if (strcmp(cols[2].s, "update") == 0 && cols[6].s && strstr(cols[6].s, "\"caseworker\":\"cw.two\""))
		++*(int *)ctx;
	return 0;
}

Test(caseload, every_child_moves_and_each_change_is_audited)
{
	long moved = -1;
	struct error err = {0};
	cr_assert_eq(caseload_move(&f.s, "cw.one", "cw.two", &moved, &err), 0, "%s", err.msg);
	cr_expect_eq(moved, 3);
	cr_expect_eq(held_by("cw.one"), 0);
	cr_expect_eq(held_by("cw.two"), 4);
	int audited = 0;
	cr_assert_eq(db_audit_each(f.s.db, NULL, 0, count_rows, &audited, &err), 0, "%s", err.msg);
	cr_expect_eq(audited, 3, "one audited update per child moved");
}

Test(caseload, a_team_lead_may_and_a_caseworker_may_not)
{
	long moved;
	struct error err = {0};
	fixture_act_as(&f, ROLE_CASEWORKER);
	cr_expect_eq(caseload_move(&f.s, "cw.one", "cw.two", &moved, &err), EX_NOPERM);
	cr_expect(strstr(err.msg, "may not hand a caseload on") != NULL, "%s", err.msg);
	cr_expect_eq(moved, 0);
	cr_expect_eq(held_by("cw.one"), 3);
	fixture_act_as(&f, ROLE_TEAMLEAD);
	cr_expect_eq(caseload_move(&f.s, "cw.one", "cw.two", &moved, &err), 0, "%s", err.msg);
	cr_expect_eq(moved, 3);
}

Test(caseload, logins_that_are_not_users_are_refused)
{
	long moved;
	struct error err = {0};
	cr_expect_eq(caseload_move(&f.s, "cw.one", "nobody", &moved, &err), EX_DATAERR);
	cr_expect_str_eq(err.msg, "no user 'nobody'");
	cr_expect_eq(caseload_move(&f.s, "nobody", "cw.two", &moved, &err), EX_DATAERR);
	cr_expect_eq(caseload_move(&f.s, "cw.one", "cw.one", &moved, &err), EX_DATAERR);
	cr_expect_eq(held_by("cw.one"), 3);
}

/* A child the write path refuses (changed around sendesk so that it no
 * longer passes its rules) undoes the whole move, naming that child. */
Test(caseload, all_or_nothing)
{
	sqlite3 *conn;
	cr_assert_eq(sqlite3_open_v2(f.path, &conn, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	cr_assert_eq(sqlite3_exec(conn, "UPDATE children SET date_of_birth = '2099-01-01' WHERE ref = 'CH3'",
	                          NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(conn);
	long moved;
	struct error err = {0};
	cr_expect_eq(caseload_move(&f.s, "cw.one", "cw.two", &moved, &err), EX_DATAERR);
	cr_expect(strstr(err.msg, "child CH3") != NULL, "%s", err.msg);
	cr_expect_eq(moved, 0);
	cr_expect_eq(held_by("cw.one"), 3);
	cr_expect_eq(held_by("cw.two"), 1);
}

Test(caseload, a_login_with_children_is_not_removed)
{
	struct error err = {0};
	cr_expect_eq(users_remove(&f.s, "cw.one", &err), EX_DATAERR);
	cr_expect_str_eq(err.msg, "login 'cw.one' still has a caseload of 3 children; hand it on "
	                          "first with 'sendesk caseload move cw.one LOGIN'");
	cr_expect_eq(users_remove(&f.s, "lead", &err), 0, "%s", err.msg);
	long moved;
	cr_assert_eq(caseload_move(&f.s, "cw.one", "cw.two", &moved, &err), 0, "%s", err.msg);
	cr_expect_eq(users_remove(&f.s, "cw.one", &err), 0, "%s", err.msg);
}
