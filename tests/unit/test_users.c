/* test_users.c: who may use a database, managed by admins, never without
 * an admin. */
#include "core/users.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/record.h"
#include "tests/support/fixture.h"

static struct fixture f;
static struct error err;

static void setup(void)
{
	fixture_init(&f, false);
	error_clear(&err);
}

static void teardown(void)
{
	fixture_done(&f);
}

TestSuite(users, .init = setup, .fini = teardown);

/* users_list's output, malloc'd. */
static char *listing(void)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	cr_assert_not_null(out);
	struct error e = {0};
	int rc = users_list(&f.s, out, &e);
	fclose(out);
	cr_assert_eq(rc, 0, "%s", e.msg);
	return text;
}

struct user_row {
	const char *login;
	char role[16];
	bool found;
	int count;
};

static int find_user(void *ctx, const struct db_value *cols, int count)
{
	struct user_row *u = ctx;
	(void)count;
	u->count++;
	if (strcmp(cols[1].s, u->login) == 0) {
		u->found = true;
		snprintf(u->role, sizeof u->role, "%s", cols[2].s);
	}
	return 0;
}

/* The role of login ("" when there is no such user); *users the count. */
static const char *role_of(const char *login, int *users)
{
	static struct user_row u;
	memset(&u, 0, sizeof u);
	u.login = login;
	struct error e = {0};
	cr_assert_eq(db_users_each(f.s.db, find_user, &u, &e), 0, "%s", e.msg);
	if (users)
		*users = u.count;
	return u.found ? u.role : "";
}

static int count_row(void *ctx, const struct db_value *cols, int count)
{
	(void)cols;
	(void)count;
	++*(int64_t *)ctx;
	return 0;
}

/* How many audit rows there are, of any kind. */
static int64_t audit_rows(void)
{
	int64_t n = 0;
	struct error e = {0};
	cr_assert_eq(db_audit_each(f.s.db, NULL, 0, count_row, &n, &e), 0, "%s", e.msg);
	return n;
}

Test(users, add_set_remove)
{
	cr_assert_eq(users_add(&f.s, "anne", "caseworker", &err), 0, "%s", err.msg);
	cr_assert_str_eq(role_of("anne", NULL), "caseworker");
	cr_assert_eq(users_set(&f.s, "anne", "teamlead", &err), 0, "%s", err.msg);
	cr_assert_str_eq(role_of("anne", NULL), "teamlead");
	cr_assert_eq(users_remove(&f.s, "anne", &err), 0, "%s", err.msg);
	int users;
	cr_assert_str_eq(role_of("anne", &users), "");
	cr_assert_eq(users, 1);
	/* The creating admin, then add, set and remove: one row each. */
	cr_assert_eq(audit_rows(), 4);
}

Test(users, list_is_in_login_order)
{
	cr_assert_eq(users_add(&f.s, "zed", "teamlead", &err), 0, "%s", err.msg);
	cr_assert_eq(users_add(&f.s, "0amy", "caseworker", &err), 0, "%s", err.msg);
	char *text = listing();
	char *amy = strstr(text, "0amy"), *zed = strstr(text, "zed"), *me = strstr(text, f.s.login);
	cr_assert(amy && zed && me, "%s", text);
	cr_expect(amy < zed, "%s", text);
	cr_expect(strstr(text, "caseworker\n") != NULL, "%s", text);
	cr_expect(strstr(text, "teamlead\n") != NULL, "%s", text);
	int lines = 0;
	for (char *c = text; *c; c++)
		lines += *c == '\n';
	cr_expect_eq(lines, 3, "%s", text);
	free(text);
}

Test(users, unknown_role_is_refused)
{
	int rc = users_add(&f.s, "anne", "boss", &err);
	cr_assert_eq(rc, EX_DATAERR, "%s", err.msg);
	cr_expect(strstr(err.msg, "role") != NULL, "%s", err.msg);
	cr_assert_str_eq(role_of("anne", NULL), "");
	cr_assert_eq(users_add(&f.s, "anne", "caseworker", &err), 0, "%s", err.msg);
	cr_assert_eq(users_set(&f.s, "anne", "Admin!", &err), EX_DATAERR);
	cr_assert_str_eq(role_of("anne", NULL), "caseworker");
}

Test(users, duplicate_login_is_refused)
{
	cr_assert_eq(users_add(&f.s, "anne", "caseworker", &err), 0, "%s", err.msg);
	int rc = users_add(&f.s, "anne", "admin", &err);
	cr_assert_eq(rc, EX_DATAERR, "%s", err.msg);
	cr_expect(strstr(err.msg, "already exists") != NULL, "%s", err.msg);
	int users;
	cr_assert_str_eq(role_of("anne", &users), "caseworker");
	cr_assert_eq(users, 2);
}

Test(users, unknown_login_is_refused_by_set_and_remove)
{
	cr_assert_eq(users_set(&f.s, "nobody", "admin", &err), EX_DATAERR);
	cr_expect(strstr(err.msg, "nobody") != NULL, "%s", err.msg);
	cr_assert_eq(users_remove(&f.s, "nobody", &err), EX_DATAERR);
	cr_assert_str_eq(role_of("nobody", NULL), "");
}

Test(users, bad_login_name_is_refused)
{
	cr_assert_eq(users_add(&f.s, "anne smith", "caseworker", &err), EX_DATAERR);
	cr_expect(strstr(err.msg, "login") != NULL, "%s", err.msg);
	cr_assert_eq(users_add(&f.s, "-anne", "caseworker", &err), EX_DATAERR);
	int users;
	role_of("x", &users);
	cr_assert_eq(users, 1);
}

Test(users, removing_the_last_admin_is_refused)
{
	cr_assert_eq(users_add(&f.s, "anne", "teamlead", &err), 0, "%s", err.msg);
	int64_t before = audit_rows();
	int rc = users_remove(&f.s, f.s.login, &err);
	cr_assert_eq(rc, EX_DATAERR, "%s", err.msg);
	cr_expect(strstr(err.msg, "at least one admin must remain") != NULL, "%s", err.msg);
	cr_assert_str_eq(role_of(f.s.login, NULL), "admin");
	cr_assert_eq(audit_rows(), before);
}

Test(users, demoting_the_last_admin_is_refused)
{
	int rc = users_set(&f.s, f.s.login, "teamlead", &err);
	cr_assert_eq(rc, EX_DATAERR, "%s", err.msg);
	cr_expect(strstr(err.msg, "at least one admin must remain") != NULL, "%s", err.msg);
	cr_assert_str_eq(role_of(f.s.login, NULL), "admin");
	cr_assert_eq(audit_rows(), 1);
}

struct audit_count {
	int users;
};

static int count_user_audit(void *ctx, const struct db_value *cols, int count)
{
	struct audit_count *c = ctx;
	(void)count;
	if (strcmp(cols[3].s, "users") == 0)
		c->users++;
	return 0;
}

Test(users, a_refused_demotion_writes_no_audit_row)
{
	struct audit_count before = {0}, after = {0};
	struct error e = {0};
	cr_assert_eq(db_audit_each(f.s.db, NULL, 0, count_user_audit, &before, &e), 0);
	cr_assert_eq(users_set(&f.s, f.s.login, "caseworker", &err), EX_DATAERR);
	cr_assert_eq(db_audit_each(f.s.db, NULL, 0, count_user_audit, &after, &e), 0);
	cr_assert_eq(after.users, before.users);
	cr_assert_eq(before.users, 1, "the creating admin's row is audited");
}

Test(users, another_admin_may_be_demoted_or_removed)
{
	cr_assert_eq(users_add(&f.s, "boss", "admin", &err), 0, "%s", err.msg);
	cr_assert_eq(users_set(&f.s, f.s.login, "teamlead", &err), 0, "%s", err.msg);
	cr_assert_str_eq(role_of(f.s.login, NULL), "teamlead");
	/* A team lead now, in the very next change. */
	cr_assert_eq(users_remove(&f.s, f.s.login, &err), EX_NOPERM);
	fixture_act_as(&f, ROLE_ADMIN);
	cr_assert_eq(users_remove(&f.s, f.s.login, &err), 0, "%s", err.msg);
	int users;
	cr_assert_str_eq(role_of("boss", &users), "admin");
	cr_assert_eq(users, 1);
	/* Removed, the login may change nothing at once. */
	cr_assert_eq(users_remove(&f.s, "boss", &err), EX_NOPERM);
	cr_assert(strstr(err.msg, "is no longer a user of this database") != NULL, "%s", err.msg);
	cr_assert_str_eq(role_of("boss", NULL), "admin");
}

Test(users, non_admins_may_not_manage_users)
{
	cr_assert_eq(users_add(&f.s, "anne", "caseworker", &err), 0, "%s", err.msg);
	enum role roles[] = {ROLE_TEAMLEAD, ROLE_CASEWORKER, ROLE_NONE};
	for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++) {
		fixture_act_as(&f, roles[i]);
		cr_assert_eq(users_add(&f.s, "bob", "admin", &err), EX_NOPERM, "%s", err.msg);
		cr_expect(strstr(err.msg, "may not") != NULL, "%s", err.msg);
		cr_assert_eq(users_set(&f.s, "anne", "admin", &err), EX_NOPERM, "%s", err.msg);
		cr_assert_eq(users_remove(&f.s, "anne", &err), EX_NOPERM, "%s", err.msg);
		FILE *out = fopen("/dev/null", "w");
		cr_assert_eq(users_list(&f.s, out, &err), EX_NOPERM);
		fclose(out);
	}
	int users;
	cr_assert_str_eq(role_of("anne", &users), "caseworker");
	cr_assert_str_eq(role_of("bob", NULL), "");
	cr_assert_eq(users, 2);
}

Test(users, the_database_gives_the_login_its_role)
{
	cr_assert_eq(users_add(&f.s, "boss", "admin", &err), 0, "%s", err.msg);
	cr_assert_eq(users_set(&f.s, f.s.login, "teamlead", &err), 0, "%s", err.msg);
	session_close(&f.s);
	cr_assert_eq(session_open(&f.s, f.path, &f.cfg, &err), 0, "%s", err.msg);
	cr_assert_eq(f.s.role, ROLE_TEAMLEAD);
	cr_assert_eq(users_add(&f.s, "carl", "caseworker", &err), EX_NOPERM, "%s", err.msg);
}

Test(users, an_unknown_login_is_refused_at_open)
{
	cr_assert_eq(users_add(&f.s, "boss", "admin", &err), 0, "%s", err.msg);
	cr_assert_eq(users_remove(&f.s, f.s.login, &err), 0, "%s", err.msg);
	char login[LOGIN_MAX];
	snprintf(login, sizeof login, "%s", f.s.login);
	session_close(&f.s);
	int rc = session_open(&f.s, f.path, &f.cfg, &err);
	cr_assert_eq(rc, EX_NOPERM, "%s", err.msg);
	cr_expect(strstr(err.msg, login) != NULL, "%s", err.msg);
	cr_expect(strstr(err.msg, "not a user") != NULL, "%s", err.msg);
	cr_assert_null(f.s.db);
	cr_assert_eq(f.s.role, ROLE_NONE);
}

Test(users, whether_a_login_exists_on_this_host)
{
	cr_assert(users_login_exists_here("root"));
	cr_assert_not(users_login_exists_here("no-such-login-here"));
	cr_assert_not(users_login_exists_here(""));
}
