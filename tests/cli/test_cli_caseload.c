/* sendesk caseload move FROM TO: a caseworker's children handed on in
 * one step, by a team lead or admin; and removing a login that still
 * holds children.  Other logins are played with unshare --user, as in
 * test_cli_users.c (uid 1 a caseworker, uid 2 a team lead). */
#include <stdio.h>
#include <string.h>

#include "data.h"
#include "run.h"

TestSuite(caseload, CLI_FIXTURE);

enum { CASEWORKER_UID = 1, TEAMLEAD_UID = 2 };

/* The full data, with a second caseworker: CH-001 and CH-002 are the
 * first caseworker's, CH-003 nobody's. */
static void setup_caseloads(void)
{
	load_full_data();
	assert_exit(sendesk("user", "add", "cw.two", "caseworker", NULL), 0);
	import_text("children", "assign.csv",
	            text_printf("ref,first_name,last_name,date_of_birth,caseworker\n"
	                        "CH-001,Amira,Khan,2014-05-17,%s\n"
	                        "CH-002,Ben,O'Neill,2016-11-02,%s\n",
	                        login_of(CASEWORKER_UID), login_of(CASEWORKER_UID)));
}

/* The caseworker column of each child, as "ref caseworker" lines. */
static const char *caseworkers(void)
{
	struct table t;
	const char *why;
	cr_assert(csv_table(export_kind(db_path(), "children"), &t, &why), "%s", why);
	const char *lines = "";
	for (size_t row = 0; row < t.rows; row++)
		lines = text_printf("%s%s %s\n", lines, table_get(&t, (int)row, "ref"),
		                    table_get(&t, (int)row, "caseworker"));
	return lines;
}

Test(caseload, an_admin_moves_every_child_in_one_step)
{
	setup_caseloads();
	const char *from = login_of(CASEWORKER_UID);
	struct run r = sendesk("caseload", "move", from, "cw.two", NULL);
	assert_exit(r, 0);
	cr_assert_str_eq(r.out, text_printf("moved 2 children from %s to cw.two\n", from));
	cr_assert_str_eq(caseworkers(), "CH-001 cw.two\nCH-002 cw.two\nCH-003 \n");
	/* Nothing left to move. */
	r = sendesk("caseload", "move", from, "cw.two", NULL);
	assert_exit(r, 0);
	cr_assert_str_eq(r.out, text_printf("moved 0 children from %s to cw.two\n", from));
}

Test(caseload, a_teamlead_may_hand_a_caseload_on)
{
	setup_caseloads();
	struct run r = sendesk_opts(&(struct run_opts){.as_uid = TEAMLEAD_UID}, "caseload", "move",
	                            login_of(CASEWORKER_UID), "cw.two", NULL);
	assert_exit(r, 0);
	cr_assert_str_eq(caseworkers(), "CH-001 cw.two\nCH-002 cw.two\nCH-003 \n");
}

Test(caseload, a_caseworker_may_not)
{
	setup_caseloads();
	const char *before = caseworkers();
	struct run r = sendesk_opts(&(struct run_opts){.as_uid = CASEWORKER_UID}, "caseload", "move",
	                            login_of(CASEWORKER_UID), "cw.two", NULL);
	assert_fails_one_line(r, EX_NOPERM);
	cr_assert(strstr(r.err, "may not hand a caseload on") != NULL, "%s", r.err);
	cr_assert_str_eq(caseworkers(), before);
}

Test(caseload, a_login_that_is_not_a_user_is_refused)
{
	setup_caseloads();
	const char *before = caseworkers();
	struct run r = sendesk("caseload", "move", login_of(CASEWORKER_UID), "nobody.here", NULL);
	assert_fails_one_line(r, EX_DATAERR);
	cr_assert(strstr(r.err, "no user 'nobody.here'") != NULL, "%s", r.err);
	r = sendesk("caseload", "move", "nobody.here", "cw.two", NULL);
	assert_fails_one_line(r, EX_DATAERR);
	r = sendesk("caseload", "move", "cw.two", "cw.two", NULL);
	assert_fails_one_line(r, EX_DATAERR);
	r = sendesk("caseload", "move", "cw.two", NULL);
	assert_fails_one_line(r, EX_USAGE);
	cr_assert_str_eq(caseworkers(), before);
}

/* Removing a login with children is refused, saying how to hand them on;
 * once handed on, the login goes. */
Test(caseload, removing_a_login_with_a_caseload_says_how_to_hand_it_on)
{
	setup_caseloads();
	const char *from = login_of(CASEWORKER_UID);
	struct run r = sendesk("user", "remove", from, NULL);
	assert_fails_one_line(r, EX_DATAERR);
	cr_assert(strstr(r.err, text_printf("login '%s' still has a caseload of 2 children; hand it on "
	                                    "first with 'sendesk caseload move %s LOGIN'", from, from))
	          != NULL, "%s", r.err);
	assert_exit(sendesk("caseload", "move", from, "cw.two", NULL), 0);
	assert_exit(sendesk("user", "remove", from, NULL), 0);
	cr_assert(strstr(export_kind(db_path(), "users"), from) == NULL);
}
