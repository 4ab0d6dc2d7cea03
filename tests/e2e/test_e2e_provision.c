/* test_e2e_provision.c: end-to-end tests of the Provision and Due tabs.
 *
 * Each test adds children of its own (refs C-E2E-...), their therapy
 * entries and sessions through the command line, dated from today, so
 * they hold whatever the demo data has around them.  Run as test_tui.c
 * is (see there). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "screen.h"

TestSuite(provision, E2E_FIXTURE);
TestSuite(due, E2E_FIXTURE);

/* The day offset days from today, "YYYY-MM-DD"; months and years moved
 * too when asked (mktime brings the day back into range). */
static const char *day_shifted(int years, int days)
{
	time_t now = time(NULL);
	struct tm tm = *localtime(&now);
	tm.tm_year += years;
	tm.tm_mday += days;
	tm.tm_hour = 12;
	mktime(&tm);
	return text_printf("%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

static const char *day(int days)
{
	return day_shifted(0, days);
}

static void import(const char *kind, const char *csv)
{
	import_text(kind, text_printf("%s.csv", kind), csv);
}

/* Ada (caseworker cw, review due in 20 days) and Bram (cw's, review
 * overdue since a month ago), each with a Section F entry from 200 days
 * ago; Cleo, nobody's, her review due since long ago, and Dan with an
 * entry from 10 days ago.  cw may be "" (no caseworker). */
static void add_children(const char *cw)
{
	import("children", text_printf(
	       "ref,first_name,last_name,date_of_birth,ehcp_start_date,caseworker\n"
	       "C-E2E-1,Ada,Quillon,2015-03-01,%s,%s\n"
	       "C-E2E-2,Bram,Quillon,2016-04-02,%s,%s\n"
	       "C-E2E-3,Cleo,Quillon,2004-05-03,2005-01-10,\n"
	       "C-E2E-4,Dan,Quillon,2017-06-04,%s,\n",
	       day_shifted(-1, 20), cw, day_shifted(-1, -30), cw, day(-200)));
	import("therapy-entries", text_printf(
	       "ref,child,section,therapy,start_date,minutes_per_week,funding\n"
	       "TE-E2E-1,C-E2E-1,F,slt,%s,60,school\n"
	       "TE-E2E-2,C-E2E-2,F,ot,%s,60,school\n"
	       "TE-E2E-4,C-E2E-4,F,slt,%s,30,school\n",
	       day(-200), day(-200), day(-10)));
}

/* Ada's sessions: 40 and 9 days ago and today (the newest of all, by
 * Quentin Marsh); one of Bram's 9 days ago. */
static void add_sessions(void)
{
	import("provision", text_printf(
	       "entry,date,minutes,therapist,ref,outcome\n"
	       "TE-E2E-1,%s,60,Jo Hart,PV-E2E-1,delivered\n"
	       "TE-E2E-1,%s,45,Jo Hart,PV-E2E-2,child-absent\n"
	       "TE-E2E-2,%s,60,Kim Lowe,PV-E2E-4,delivered\n"
	       "TE-E2E-1,%s,37,Quentin Marsh,PV-E2E-3,delivered\n",
	       day(-40), day(-9), day(-9), day(0)));
}

/* The line of the screen that holds text, from the top (-1: none). */
static int row_of(const struct screen *s, const char *text)
{
	const char *at = strstr(screen_last(s), text);
	if (at == NULL)
		return -1;
	int row = 0;
	for (const char *c = screen_last(s); c < at; c++)
		row += *c == '\n';
	return row;
}

static long long sql_number(const char *query)
{
	return atoll(sql(query));
}

/* The newest session first; a child from the picker and a date range
 * narrow the list; e corrects a session's minutes in the form (its
 * child named); d asks, then deletes it, and the audit keeps it. */
Test(provision, newest_first_narrowed_corrected_and_deleted)
{
	add_children("");
	add_sessions();
	struct screen *s = screen_start(NULL);
	screen_keys(s, "7", NULL);
	assert_screen(s, "Provision: the sessions logged, newest first");
	assert_line(s, "Quentin Marsh", "TE-E2E-1 F SLT");
	const char *first = screen_line_with(s, "Quentin Marsh");
	cr_expect(strstr(first, "C-E2E-1") && strstr(first, day(0)), "%s", first);
	cr_expect_eq(row_of(s, "Quentin Marsh"), row_of(s, "Therapist") + 1,
	             "the newest session is not the first row:\n%s", screen_last(s));

	screen_keys(s, "F4", NULL);
	assert_screen(s, "Choose a child");
	screen_type(s, "C-E2E-1");
	assert_screen(s, "Ada Quillon");
	screen_keys(s, "Enter", NULL);
	assert_screen(s, "Only: child C-E2E-1 Ada Quillon");
	assert_screen(s, "3 records");
	screen_keys(s, "r", NULL);
	screen_type(s, text_printf("%s..%s", day(-9), day(-9)));
	screen_keys(s, "Enter", NULL);
	assert_screen(s, "1 record");
	assert_line(s, day(-9), "child absent");
	assert_screen_lacks(s, "Quentin Marsh");

	screen_keys(s, "e", NULL);
	assert_screen(s, "Correct a session of Ada Quillon (C-E2E-1)");
	screen_keys(s, "Tab", "Tab", "End", "BSpace", "BSpace", "BSpace", NULL);
	screen_type(s, "41");
	screen_keys(s, "F2", NULL);
	assert_status(s, "corrected");
	cr_expect_eq(sql_number("SELECT minutes FROM provision WHERE ref = 'PV-E2E-2'"), 41);

	screen_keys(s, "d", NULL);
	assert_screen(s, "Delete provision");
	cr_expect_eq(sql_number("SELECT count(*) FROM provision WHERE ref = 'PV-E2E-2'"), 1,
	             "deleted before the answer");
	screen_keys(s, "y", NULL);
	assert_screen(s, "0 records");
	cr_expect_eq(sql_number("SELECT count(*) FROM provision WHERE ref = 'PV-E2E-2'"), 0);
	cr_expect_eq(sql_number("SELECT count(*) FROM audit WHERE kind = 'provision' AND "
	                        "action = 'delete' AND before ->> 'ref' = 'PV-E2E-2' AND "
	                        "before ->> 'minutes' = 41"), 1);

	screen_keys(s, "Escape", NULL);
	assert_screen_gone(s, "Only:");
	assert_line(s, "Quentin Marsh", "C-E2E-1");
	cr_assert_eq(screen_stop(s), 0);
}

static void add_member(struct screen *s, const char *child_ref)
{
	screen_keys(s, "a", NULL);
	assert_screen(s, "Choose a child");
	screen_type(s, child_ref);
	assert_line(s, child_ref, "Quillon");
	screen_keys(s, "Enter", NULL);
	assert_line(s, child_ref, "delivered");
}

/* A group session is written all or nothing: a member whose entry had
 * not started on the day is refused by name and nothing is written;
 * without it, the two children's sessions are written with an audit
 * row each. */
Test(provision, a_group_session_writes_every_session_or_none)
{
	add_children("");
	struct screen *s = screen_start(NULL);
	screen_keys(s, "7", NULL);
	assert_screen(s, "Provision: the sessions logged");
	screen_keys(s, "L", NULL);
	assert_screen(s, "Group session: one therapist, several children");
	assert_line(s, "Date", day(0));
	/* Minutes is the row selected first; the therapist is the next. */
	screen_keys(s, "Enter", NULL);
	screen_type(s, "30");
	screen_keys(s, "Enter", NULL);
	assert_line(s, "Minutes", "30");
	/* The therapist this login named last is offered: typed over. */
	screen_keys(s, "Down", "Enter", NULL);
	for (int i = 0; i < 40; i++)
		screen_keys(s, "BSpace", NULL);
	screen_type(s, "Group Tester");
	screen_keys(s, "Enter", NULL);
	assert_line(s, "Therapist  Group Tester", NULL);

	/* 20 days ago: before Dan's entry started 10 days ago. */
	screen_keys(s, "Up", "Up", "Enter", NULL);
	for (int i = 0; i < 12; i++)
		screen_keys(s, "BSpace", NULL);
	screen_type(s, day(-20));
	screen_keys(s, "Enter", NULL);
	assert_line(s, "Date", day(-20));

	add_member(s, "C-E2E-1");
	add_member(s, "C-E2E-4");
	screen_keys(s, "Up", "Right", NULL);
	assert_line(s, "C-E2E-4", "provider cancelled");
	screen_keys(s, "F2", NULL);
	assert_status(s, "nothing written: TE-E2E-4");
	cr_expect(strstr(screen_status(s), "outside its entry's period") != NULL, "%s", screen_last(s));
	assert_line(s, "C-E2E-4", "REFUSED");
	cr_expect_eq(sql_number("SELECT count(*) FROM provision WHERE therapist = 'Group Tester'"), 0);

	screen_keys(s, "d", NULL);
	assert_status(s, "took out C-E2E-4");
	assert_screen(s, "Children (1)");
	add_member(s, "C-E2E-2");
	screen_keys(s, "F2", NULL);
	assert_status(s, "logged 2 sessions");
	assert_screen(s, "Provision: the sessions logged");
	cr_expect_eq(sql_number(text_printf("SELECT count(*) FROM provision WHERE therapist = "
	                                    "'Group Tester' AND minutes = 30 AND date = '%s' AND "
	                                    "outcome = 'delivered'", day(-20))), 2);
	cr_expect_eq(sql_number("SELECT count(*) FROM audit WHERE kind = 'provision' AND "
	                        "action = 'insert' AND after ->> 'therapist' = 'Group Tester'"), 2);
	cr_assert_eq(screen_stop(s), 0);
}

/* A caseworker's Due tab opens on their caseload, soonest first; m shows
 * everyone's; Enter opens the child's record. */
Test(due, a_caseworker_sees_their_caseload_then_everyone)
{
	const uid_t other = 65534;
	const char *login = login_of(other);
	struct run r = sendesk("user", "add", login, "caseworker", NULL);
	cr_assert_eq(r.status, 0, "user add %s caseworker: exit %d\n%s", login, r.status, r.err);
	add_children(login);
	add_sessions();
	struct screen *s = screen_start_as(other, NULL);
	assert_screen(s, text_printf("%s (caseworker)", login));
	screen_keys(s, "8", NULL);
	assert_screen(s, "Due: my caseload, soonest first");
	assert_line(s, "C-E2E-2 Bram Quillon", "EHCP annual review");
	assert_line(s, "C-E2E-1 Ada Quillon", "EHCP annual review");
	cr_expect(strstr(screen_line_with(s, "C-E2E-2 Bram"), "overdue") != NULL, "%s", screen_last(s));
	cr_expect(strstr(screen_line_with(s, "C-E2E-1 Ada"), day(20)) != NULL, "%s", screen_last(s));
	cr_expect_lt(row_of(s, "C-E2E-2 Bram"), row_of(s, "C-E2E-1 Ada"), "soonest first:\n%s",
	             screen_last(s));
	assert_screen_lacks(s, "C-E2E-3");
	cr_expect(screen_has(s, "actions") || screen_has(s, "1 action"), "no count:\n%s", screen_last(s));

	screen_keys(s, "m", NULL);
	assert_screen(s, "Due: everyone, soonest first");
	assert_line(s, "C-E2E-3 Cleo Quillon", "overdue");
	screen_keys(s, "m", NULL);
	assert_screen(s, "Due: my caseload");
	screen_keys(s, "Enter", NULL);
	assert_screen(s, "Child C-E2E-2");
	assert_screen(s, "TE-E2E-2");
	cr_assert_eq(screen_stop(s), 0);
}
