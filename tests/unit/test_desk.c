/* test_desk.c: the caseworkers' desk (core/desk.c, db/desk.c) and the
 * provision-shortfall report's rules, from figures worked by hand on a
 * small data set of their own. */
#include "core/desk.h"

#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/report_shortfall.h"
#include "core/store.h"
#include "core/users.h"
#include "db/desk.h"
#include "db/record.h"
#include "tests/support/collect.h"
#include "tests/support/fixture.h"

static struct fixture f;
static struct error err;

static day_t ymd(int y, int m, int d)
{
	return date_from_ymd(y, m, d);
}

static void import_ok(const char *kind, const char *csv)
{
	char problems[4096] = "";
	int rc = fixture_import(&f, kind, csv, problems, sizeof problems);
	cr_assert_eq(rc, 0, "import %s: %s", kind, problems);
}

/* Today is 28 March 2024 in these tests; the window is 1-28 March.
 * Children (caseworker, plan):
 *   C1 cw1, EHCP from 2023-04-10: review due 2024-04-10 (within 30 days)
 *   C2 cw1, ceased
 *   C3 cw1, last review 2023-01-15: review overdue since 2024-01-15
 *   C4 cw1, last review 2023-12-01: review due 2024-12-01, not yet
 *   C5 cw2, EHCP from 2023-03-01: review overdue since 2024-03-01
 *   C6 nobody's, no EHCP date, no district
 * Entries:
 *   E-1 C1 F slt 120/week from 2024-01-01: 480 specified in March 1-28;
 *       delivered 4 and 11 March (60 + 60), 18 March provider-cancelled
 *       (60), 25 March child-absent (45); 26 February outside
 *   E-2 C1 F slt 60/week from 15 March: 14 days, 120; no session
 *   E-3 C4 G slt, no minutes
 *   E-4 C2 F slt 120/week, the ceased plan
 *   E-5 C6 F ot 70/week, term time only, no session
 *   E-6 C1 G pt, no minutes
 *   E-7 C1 F ot from 2023-06-01, no minutes, no session: due 2023-06-29
 *   E-8 C3 F slt 30/week, last session 20 February: due 19 March; 120
 *       specified in the window, none delivered */
static void setup(void)
{
	fixture_init(&f, false);
	cr_assert_eq(users_add(&f.s, "cw1", "caseworker", &err), 0, "%s", err.msg);
	cr_assert_eq(users_add(&f.s, "cw2", "caseworker", &err), 0, "%s", err.msg);
	import_ok("providers", "code,name,kind\nP1,Provider One,independent\n");
	import_ok("contracts",
	          "ref,provider,annual_value,start_date,end_date,status\n"
	          "C-A,P1,1000,2024-04-01,2025-03-31,active\n"
	          "C-B,P1,1000,2024-04-01,2025-03-31,active\n"
	          "C-D,P1,1000,2024-04-01,2025-03-31,draft\n");
	import_ok("coverage",
	          "contract,district,therapy\n"
	          "C-B,Ashford,slt\nC-A,Ashford,slt\nC-D,Swale,slt\nC-A,Dover,ot\n");
	import_ok("children",
	          "ref,first_name,last_name,date_of_birth,district,ehcp_start_date,caseworker,"
	          "last_review_date,ehcp_status\n"
	          "C1,Amy,Ash,2015-05-01,Ashford,2023-04-10,cw1,,active\n"
	          "C2,Ben,Bell,2014-01-01,Ashford,2023-01-01,cw1,,ceased\n"
	          "C3,Cat,Cole,2013-02-02,Swale,2020-01-15,cw1,2023-01-15,\n"
	          "C4,Dan,Dee,2012-03-03,Dover,2020-12-01,cw1,2023-12-01,\n"
	          "C5,Eve,Eck,2016-04-04,Thanet,2023-03-01,cw2,,\n"
	          "C6,Fay,Fox,2017-05-05,,,,,\n");
	import_ok("therapy-entries",
	          "ref,child,section,therapy,start_date,end_date,minutes_per_week,term_time_only\n"
	          "E-1,C1,F,slt,2024-01-01,,120,\n"
	          "E-2,C1,F,slt,2024-03-15,,60,\n"
	          "E-3,C4,G,slt,2024-01-01,,,\n"
	          "E-4,C2,F,slt,2024-01-01,,120,\n"
	          "E-5,C6,F,ot,2024-01-01,,70,yes\n"
	          "E-6,C1,G,pt,2024-01-01,,,\n"
	          "E-7,C1,F,ot,2023-06-01,,,\n"
	          "E-8,C3,F,slt,2024-01-01,,30,\n");
	import_ok("provision",
	          "entry,date,minutes,therapist,outcome\n"
	          "E-1,2024-02-26,60,Bea,delivered\n"
	          "E-1,2024-03-04,60,Bea,\n"
	          "E-1,2024-03-11,60,,delivered\n"
	          "E-1,2024-03-18,60,,provider-cancelled\n"
	          "E-1,2024-03-25,45,,child-absent\n"
	          "E-8,2024-02-20,30,,delivered\n"
	          "E-4,2024-03-04,10,,\n");
	error_clear(&err);
}

static void teardown(void)
{
	fixture_done(&f);
}

TestSuite(desk, .init = setup, .fini = teardown);

/* The id of the record with a key, through the write path's lookup. */
static int64_t id_of(enum kind_id kind, const char *key)
{
	struct record r;
	bool found;
	record_init(&r, kinds[kind]);
	cr_assert_eq(store_load_by_key(&f.s, &r, key, &found, &err), 0, "%s", err.msg);
	cr_assert(found, "no %s", key);
	int64_t id = r.id;
	record_clear(&r);
	return id;
}

static int64_t entry(const char *ref)
{
	return id_of(KIND_THERAPY_ENTRIES, ref);
}

static int64_t child(const char *ref)
{
	return id_of(KIND_CHILDREN, ref);
}

/* Two terms in March 2024: 1-10 and 20-31 (10 + 9 days of the window). */
static void march_terms(void)
{
	f.cfg.term_count = 2;
	f.cfg.terms[0] = (struct term_period){"2024-03-01", "2024-03-10"};
	f.cfg.terms[1] = (struct term_period){"2024-03-20", "2024-03-31"};
}

static struct desk_figures figures(const char *ref, day_t from, day_t to)
{
	struct desk_figures fig;
	int rc = desk_entry_figures(&f.s, entry(ref), from, to, &fig, &err);
	cr_assert_eq(rc, 0, "%s: %s", ref, err.msg);
	return fig;
}

static const char *text(const struct desk_figures *fig)
{
	static char buf[64];
	return desk_figures_text(fig, buf, sizeof buf);
}

/* ---- delivered vs specified --------------------------------------------- */

Test(desk, default_window_is_the_four_weeks_to_today)
{
	day_t from, to;
	desk_default_window(ymd(2024, 3, 28), &from, &to);
	cr_assert_eq(from, ymd(2024, 3, 1));
	cr_assert_eq(to, ymd(2024, 3, 28));
}

Test(desk, missed_sessions_count_no_minutes_and_are_counted_by_reason)
{
	struct desk_figures fig = figures("E-1", ymd(2024, 3, 1), ymd(2024, 3, 28));
	cr_assert_eq(fig.weekly, 120);
	cr_assert_eq(fig.specified, 480);           /* 120 x 28 / 7 */
	cr_assert_eq(fig.delivered, 120);           /* 4 and 11 March */
	cr_assert_eq(fig.delivered_sessions, 2);
	cr_assert_eq(fig.missed_sessions, 2);
	cr_assert_eq(fig.missed_minutes, 105);      /* 60 + 45 */
	cr_assert_eq(fig.missed_by[DESK_PROVIDER_CANCELLED], 1);
	cr_assert_eq(fig.missed_by[DESK_SCHOOL_CANCELLED], 0);
	cr_assert_eq(fig.missed_by[DESK_CHILD_ABSENT], 1);
	cr_assert_eq(fig.missed_by[DESK_DID_NOT_ATTEND], 0);
	cr_assert(desk_is_short(&fig));
	cr_assert_str_eq(text(&fig), "120 of 480 min  SHORT");
}

Test(desk, a_week_delivered_in_full_is_ok)
{
	/* 4-10 March: 120 specified, the 4 March session 60 only: short; 4-5
	 * March: 120 x 2 / 7 = 34 specified, 60 delivered: OK. */
	struct desk_figures fig = figures("E-1", ymd(2024, 3, 4), ymd(2024, 3, 10));
	cr_assert_str_eq(text(&fig), "60 of 120 min  SHORT");
	fig = figures("E-1", ymd(2024, 3, 4), ymd(2024, 3, 5));
	cr_assert_str_eq(text(&fig), "60 of 34 min  OK");
	cr_assert_not(desk_is_short(&fig));
}

Test(desk, only_the_days_an_entry_is_in_force_are_owed)
{
	/* E-2 starts 15 March: 14 days of the window, 60 x 14 / 7 = 120. */
	struct desk_figures fig = figures("E-2", ymd(2024, 3, 1), ymd(2024, 3, 28));
	cr_assert_eq(fig.specified, 120);
	cr_assert_str_eq(text(&fig), "0 of 120 min  SHORT");
	fig = figures("E-2", ymd(2024, 3, 1), ymd(2024, 3, 14));
	cr_assert_str_eq(text(&fig), "0 min, no plan minutes");
}

Test(desk, term_time_only_entries_owe_minutes_in_term_only)
{
	march_terms();
	/* 10 + 9 term days: 70 x 19 / 7 = 190, not 280. */
	struct desk_figures fig = figures("E-5", ymd(2024, 3, 1), ymd(2024, 3, 28));
	cr_assert_eq(fig.specified, 190);
	/* Wholly in the holiday: nothing owed. */
	fig = figures("E-5", ymd(2024, 3, 11), ymd(2024, 3, 19));
	cr_assert_eq(fig.specified, 0);
	/* An all-year entry ignores the terms. */
	fig = figures("E-8", ymd(2024, 3, 11), ymd(2024, 3, 19));
	cr_assert_eq(fig.specified, 38);            /* 30 x 9 / 7 */
}

Test(desk, no_plan_minutes_and_ceased_plans)
{
	struct desk_figures fig = figures("E-3", ymd(2024, 3, 1), ymd(2024, 3, 28));
	cr_assert_not(fig.has_plan);
	cr_assert_str_eq(text(&fig), "no plan minutes");
	fig = figures("E-4", ymd(2024, 3, 1), ymd(2024, 3, 28));
	cr_assert(fig.ceased);
	cr_assert_eq(fig.specified, 0);
	cr_assert_eq(fig.delivered, 10);
	cr_assert_not(desk_is_short(&fig));
	cr_assert_str_eq(text(&fig), "plan ceased");
}

Test(desk, no_such_entry)
{
	struct desk_figures fig;
	cr_assert_eq(desk_entry_figures(&f.s, 999999, ymd(2024, 3, 1), ymd(2024, 3, 28), &fig,
	                                &err), EX_DATAERR);
	cr_assert_str_eq(err.msg, "no such therapy entry");
}

/* ---- the shortfall report ----------------------------------------------- */

Test(desk, shortfall_report_counts_delivered_minutes_terms_and_leaves_ceased_out)
{
	march_terms();
	struct collected *got = calloc(1, sizeof *got);
	cr_assert_not_null(got);
	struct report_options opt = {.has_from = true, .has_to = true,
	                             .from = ymd(2024, 3, 1), .to = ymd(2024, 3, 28)};
	cr_assert_eq(collect_report(&f.s, &report_provision_shortfall, &opt, got, &err), 0, "%s",
	             err.msg);
	/* E-4 (ceased) and the entries without minutes are left out; E-5 is
	 * owed 19 term days' minutes; E-2 and E-8 tie at 120, by ref. */
	static const char *const want[] = {
		"E-1,C1,slt,F,480,120,360,2,1,0,1,0",
		"E-5,C6,ot,F,190,0,190,0,0,0,0,0",
		"E-2,C1,slt,F,120,0,120,0,0,0,0,0",
		"E-8,C3,slt,F,120,0,120,0,0,0,0,0",
	};
	char line[256];
	cr_assert_eq(got->rows, 4, "%d rows", got->rows);
	for (int i = 0; i < 4; i++) {
		collected_line(got, i, line, sizeof line);
		cr_expect_str_eq(line, want[i], "row %d", i);
	}
	cr_assert_eq(collected_column(got, "did_not_attend"), 11);
	free(got);
}

/* ---- a child's summary, first entry, session defaults ------------------- */

Test(desk, child_summary_by_section_in_configured_order)
{
	struct desk_summary sum;
	cr_assert_eq(desk_child_summary(&f.s, child("C1"), ymd(2024, 3, 28), &sum, &err), 0, "%s",
	             err.msg);
	cr_assert_str_eq(sum.therapy, "F: SLT OT  G: PT");
	cr_assert(sum.short_of_plan);
	/* Before E-2 starts and E-7 has begun: the same therapies, once each. */
	cr_assert_eq(desk_child_summary(&f.s, child("C1"), ymd(2024, 3, 10), &sum, &err), 0);
	cr_assert_str_eq(sum.therapy, "F: SLT OT  G: PT");
	cr_assert_eq(desk_child_summary(&f.s, child("C4"), ymd(2024, 3, 28), &sum, &err), 0);
	cr_assert_str_eq(sum.therapy, "G: SLT");
	cr_assert_not(sum.short_of_plan);
	/* The ceased plan is never short. */
	cr_assert_eq(desk_child_summary(&f.s, child("C2"), ymd(2024, 3, 28), &sum, &err), 0);
	cr_assert_str_eq(sum.therapy, "F: SLT");
	cr_assert(sum.ceased);
	cr_assert_not(sum.short_of_plan);
	/* Before any entry starts. */
	cr_assert_eq(desk_child_summary(&f.s, child("C4"), ymd(2023, 1, 1), &sum, &err), 0);
	cr_assert_str_eq(sum.therapy, "");
}

Test(desk, first_entry_in_force)
{
	int64_t id;
	cr_assert_eq(desk_first_entry(&f.s, child("C1"), ymd(2024, 3, 28), &id, &err), 0);
	cr_assert_eq(id, entry("E-7"));   /* F, the earliest start */
	cr_assert_eq(desk_first_entry(&f.s, child("C1"), ymd(2023, 7, 1), &id, &err), 0);
	cr_assert_eq(id, entry("E-7"));
	cr_assert_eq(desk_first_entry(&f.s, child("C4"), ymd(2024, 3, 28), &id, &err), 0);
	cr_assert_eq(id, entry("E-3"));   /* only a G entry */
	cr_assert_eq(desk_first_entry(&f.s, child("C4"), ymd(2023, 3, 28), &id, &err), 0);
	cr_assert_eq(id, 0);
}

Test(desk, session_defaults)
{
	struct desk_session_defaults d;
	cr_assert_eq(desk_session_defaults(&f.s, entry("E-1"), ymd(2024, 3, 28), &d, &err), 0,
	             "%s", err.msg);
	cr_assert_eq(d.date, ymd(2024, 3, 28));
	cr_assert_eq(d.minutes, 45);                /* the 25 March session, though missed */
	cr_assert_str_eq(d.outcome, "delivered");
	cr_assert_str_eq(d.therapist, "Bea");       /* the import named her last */
	cr_assert_eq(desk_session_defaults(&f.s, entry("E-2"), ymd(2024, 3, 28), &d, &err), 0);
	cr_assert_eq(d.minutes, 60);                /* no session: the weekly minutes */
	cr_assert_eq(desk_session_defaults(&f.s, entry("E-3"), ymd(2024, 3, 28), &d, &err), 0);
	cr_assert_eq(d.minutes, 0);                 /* neither */
	cr_assert_eq(desk_session_defaults(&f.s, 999999, ymd(2024, 3, 28), &d, &err), EX_DATAERR);
}

Test(desk, last_therapist_is_this_logins_latest)
{
	struct desk_group_member m[] = {{entry("E-2"), NULL}};
	struct desk_group g = {ymd(2024, 3, 27), 30, "Ann Lee", NULL, m, 1};
	cr_assert_eq(desk_log_group(&f.s, &g, NULL, &err), 0, "%s", err.msg);
	struct desk_session_defaults d;
	cr_assert_eq(desk_session_defaults(&f.s, entry("E-8"), ymd(2024, 3, 28), &d, &err), 0);
	cr_assert_str_eq(d.therapist, "Ann Lee");
	cr_assert_eq(desk_session_defaults(&f.s, entry("E-2"), ymd(2024, 3, 28), &d, &err), 0);
	cr_assert_eq(d.minutes, 30);
	/* A session without a therapist does not forget the last one. */
	g.therapist = NULL;
	cr_assert_eq(desk_log_group(&f.s, &g, NULL, &err), 0, "%s", err.msg);
	cr_assert_eq(desk_session_defaults(&f.s, entry("E-8"), ymd(2024, 3, 28), &d, &err), 0);
	cr_assert_str_eq(d.therapist, "Ann Lee");
	/* Another login's sessions are not this one's. */
	char other[64];
	cr_assert_eq(db_desk_last_therapist(f.s.db, "cw2", other, sizeof other, &err), 0);
	cr_assert_str_eq(other, "");
}

/* ---- the proposed contract ---------------------------------------------- */

Test(desk, proposed_contract_from_the_coverage_map)
{
	struct desk_proposal p;
	cr_assert_eq(desk_propose_contract(&f.s, "Ashford", "slt", ymd(2024, 6, 1), &p, &err), 0,
	             "%s", err.msg);
	cr_assert(p.found);
	cr_assert_str_eq(p.ref, "C-A");             /* two cover it: the first by ref */
	cr_assert_eq(p.covering, 2);
	cr_assert_eq(p.contract_id, id_of(KIND_CONTRACTS, "C-A"));
	cr_assert_str_eq(p.provider, "P1");
	/* Swale's only contract is a draft; a district by its code. */
	cr_assert_eq(desk_propose_contract(&f.s, "SWA", "SLT", ymd(2024, 6, 1), &p, &err), 0);
	cr_assert_not(p.found);
	cr_assert_eq(p.contract_id, 0);
	cr_assert_str_eq(p.message, "no contract covers Swale for SLT on 2024-06-01");
	/* Not in force before it starts; covering another therapy is not enough. */
	cr_assert_eq(desk_propose_contract(&f.s, "Ashford", "slt", ymd(2024, 3, 31), &p, &err), 0);
	cr_assert_str_eq(p.message, "no contract covers Ashford for SLT on 2024-03-31");
	cr_assert_eq(desk_propose_contract(&f.s, "Dover", "slt", ymd(2024, 6, 1), &p, &err), 0);
	cr_assert_not(p.found);
	cr_assert_eq(desk_propose_contract(&f.s, "Medway", "slt", ymd(2024, 6, 1), &p, &err),
	             EX_DATAERR);
}

Test(desk, proposed_contract_for_a_child)
{
	struct desk_proposal p;
	cr_assert_eq(desk_propose_for_child(&f.s, child("C4"), "ot", ymd(2024, 6, 1), &p, &err), 0,
	             "%s", err.msg);
	cr_assert_str_eq(p.ref, "C-A");
	cr_assert_str_eq(p.message, "C-A (P1) covers Dover for OT on 2024-06-01");
	cr_assert_eq(desk_propose_for_child(&f.s, child("C6"), "ot", ymd(2024, 6, 1), &p, &err), 0);
	cr_assert_not(p.found);
	cr_assert_str_eq(p.message, "the child has no district: no contract can be proposed");
}

/* ---- a group session ---------------------------------------------------- */

static int count_provision_audit(void *ctx, const struct db_value *cols, int count)
{
	(void)count;
	if (cols[3].type == DBV_TEXT && strcmp(cols[3].s, "provision") == 0)
		(*(int *)ctx)++;
	return 0;
}

static int provision_audit_rows(void)
{
	int n = 0;
	cr_assert_eq(db_audit_each(f.s.db, NULL, 0, count_provision_audit, &n, &err), 0, "%s",
	             err.msg);
	return n;
}

static int provision_rows(void)
{
	char *csv = fixture_export(&f, "provision");
	int lines = 0;
	for (const char *p = csv; *p; p++)
		lines += *p == '\n';
	free(csv);
	return lines - 1;
}

Test(desk, group_session_logs_each_child_with_its_outcome)
{
	fixture_act_as(&f, ROLE_CASEWORKER);
	int sessions = provision_rows(), audits = provision_audit_rows();
	struct desk_group_member m[] = {
		{entry("E-1"), NULL}, {entry("E-8"), "child-absent"}, {entry("E-5"), "delivered"},
	};
	struct desk_group g = {ymd(2024, 3, 27), 40, "Ann Lee", "group in the hall", m, 3};
	int failed = 7;
	cr_assert_eq(desk_log_group(&f.s, &g, &failed, &err), 0, "%s", err.msg);
	cr_assert_eq(failed, -1);
	cr_assert_eq(provision_rows(), sessions + 3);
	cr_assert_eq(provision_audit_rows(), audits + 3);
	struct desk_figures fig = figures("E-8", ymd(2024, 3, 1), ymd(2024, 3, 28));
	cr_assert_eq(fig.missed_by[DESK_CHILD_ABSENT], 1);
	cr_assert_eq(fig.delivered, 0);
	fig = figures("E-1", ymd(2024, 3, 1), ymd(2024, 3, 28));
	cr_assert_eq(fig.delivered, 160);
}

Test(desk, group_session_is_all_or_nothing)
{
	int sessions = provision_rows(), audits = provision_audit_rows();
	struct desk_group_member m[] = {
		{entry("E-1"), NULL}, {entry("E-8"), "went-home"},
	};
	struct desk_group g = {ymd(2024, 3, 27), 40, "Ann Lee", NULL, m, 2};
	int failed = -1;
	cr_assert_neq(desk_log_group(&f.s, &g, &failed, &err), 0);
	cr_assert_eq(failed, 1);
	cr_assert(strncmp(err.msg, "E-8: outcome: ", 14) == 0, "%s", err.msg);
	cr_assert_eq(provision_rows(), sessions);
	cr_assert_eq(provision_audit_rows(), audits);
	/* Refused by the write path (minutes over the kind's limit). */
	m[1].outcome = NULL;
	g.minutes = 5000;
	cr_assert_neq(desk_log_group(&f.s, &g, &failed, &err), 0);
	cr_assert_eq(failed, 0);
	cr_assert(strncmp(err.msg, "E-1: ", 5) == 0, "%s", err.msg);
	cr_assert_eq(provision_rows(), sessions);
	/* A future date is the write path's to refuse or not; an empty group
	 * is refused here. */
	g.count = 0;
	cr_assert_eq(desk_log_group(&f.s, &g, &failed, &err), EX_DATAERR);
	cr_assert_eq(failed, -1);
}

/* ---- the Due list ------------------------------------------------------- */

static char due_line[512];

static const char *line_of(const struct desk_due_row *r)
{
	char day[DATE_TEXT_MAX];
	date_format(r->due, day);
	snprintf(due_line, sizeof due_line, "%s %s %s: %s", day, r->child_ref, r->child_name,
	         r->what);
	return due_line;
}

static const char *const cw1_due[] = {
	"2023-06-29 C1 Amy Ash: no OT session since it started",
	"2024-01-15 C3 Cat Cole: EHCP annual review",
	"2024-03-19 C3 Cat Cole: no SLT session since 2024-02-20",
	"2024-04-10 C1 Amy Ash: EHCP annual review",
	"2024-03-28 C1 Amy Ash: SLT short: 120 of 480 min",
	"2024-03-28 C1 Amy Ash: SLT short: 0 of 120 min",
	"2024-03-28 C3 Cat Cole: SLT short: 0 of 120 min",
};

Test(desk, due_list_of_a_caseload_in_pages)
{
	struct desk_due_row rows[3];
	int count, seen = 0;
	const struct desk_due_pos *after = NULL;
	struct desk_due_pos pos;
	do {
		cr_assert_eq(desk_due_page(&f.s, "cw1", ymd(2024, 3, 28), after, 3, rows, &count,
		                           &err), 0, "%s", err.msg);
		for (int i = 0; i < count && seen + i < 7; i++)
			cr_expect_str_eq(line_of(&rows[i]), cw1_due[seen + i], "row %d", seen + i);
		seen += count;
		if (count > 0) {
			pos = rows[count - 1].pos;
			after = &pos;
		}
	} while (count == 3);
	cr_assert_eq(seen, 7);
}

Test(desk, due_rows_name_the_record_to_open)
{
	struct desk_due_row rows[8];
	int count;
	cr_assert_eq(desk_due_page(&f.s, "cw1", ymd(2024, 3, 28), NULL, 8, rows, &count, &err), 0);
	cr_assert_eq(count, 7);
	cr_assert_eq(rows[0].action, DESK_DUE_NO_SESSION);
	cr_assert_eq(rows[0].child_id, child("C1"));
	cr_assert_eq(rows[0].entry_id, entry("E-7"));
	cr_assert_eq(rows[1].action, DESK_DUE_REVIEW);
	cr_assert_eq(rows[1].entry_id, 0);
	cr_assert_eq(rows[4].action, DESK_DUE_SHORT);
	cr_assert_eq(rows[4].entry_id, entry("E-1"));
	cr_assert_eq(rows[4].shortfall, 360);
}

Test(desk, due_list_of_everyone_and_of_nobody)
{
	struct desk_due_row rows[16];
	int count;
	cr_assert_eq(desk_due_page(&f.s, NULL, ymd(2024, 3, 28), NULL, 16, rows, &count, &err), 0,
	             "%s", err.msg);
	static const char *const want[] = {
		"2023-06-29 C1 Amy Ash: no OT session since it started",
		"2024-01-15 C3 Cat Cole: EHCP annual review",
		"2024-01-29 C6 Fay Fox: no OT session since it started",
		"2024-03-01 C5 Eve Eck: EHCP annual review",
		"2024-03-19 C3 Cat Cole: no SLT session since 2024-02-20",
		"2024-04-10 C1 Amy Ash: EHCP annual review",
		"2024-03-28 C1 Amy Ash: SLT short: 120 of 480 min",
		"2024-03-28 C1 Amy Ash: SLT short: 0 of 120 min",
		"2024-03-28 C3 Cat Cole: SLT short: 0 of 120 min",
	};
	/* E-5 is term time only and the default terms start in 2025: not short. */
	cr_assert_eq(count, 9);
	for (int i = 0; i < count && i < 9; i++)
		cr_expect_str_eq(line_of(&rows[i]), want[i], "row %d", i);
	cr_assert_eq(desk_due_page(&f.s, "cw2", ymd(2024, 3, 28), NULL, 16, rows, &count, &err), 0);
	cr_assert_eq(count, 1);
	cr_assert_eq(desk_due_page(&f.s, "nobody", ymd(2024, 3, 28), NULL, 16, rows, &count, &err),
	             0);
	cr_assert_eq(count, 0);
}

Test(desk, due_review_twelve_months_on_and_thirty_days_ahead)
{
	struct desk_due_row rows[16];
	int count;
	/* 11 March: C1's review (10 April) is 30 days ahead, listed; on 10
	 * March it is 31 days ahead, not yet. */
	cr_assert_eq(desk_due_page(&f.s, "cw1", ymd(2024, 3, 11), NULL, 16, rows, &count, &err), 0);
	bool listed = false;
	for (int i = 0; i < count; i++)
		listed |= rows[i].action == DESK_DUE_REVIEW && rows[i].child_id == child("C1");
	cr_assert(listed);
	cr_assert_eq(desk_due_page(&f.s, "cw1", ymd(2024, 3, 10), NULL, 16, rows, &count, &err), 0);
	for (int i = 0; i < count; i++)
		cr_assert_not(rows[i].action == DESK_DUE_REVIEW && rows[i].child_id == child("C1"));
}

Test(desk, caseloads)
{
	bool has;
	cr_assert_eq(desk_has_caseload(&f.s, "cw1", &has, &err), 0);
	cr_assert(has);
	cr_assert_eq(desk_has_caseload(&f.s, f.s.login, &has, &err), 0);
	cr_assert_not(has);
	cr_assert_eq(desk_has_caseload(&f.s, "nobody", &has, &err), 0);
	cr_assert_not(has);
}

Test(desk, terms_json)
{
	march_terms();
	char buf[DESK_TERMS_JSON_MAX];
	cr_assert_str_eq(desk_terms_json(&f.cfg, buf, sizeof buf),
	                 "[[\"2024-03-01\",\"2024-03-10\"],[\"2024-03-20\",\"2024-03-31\"]]");
	f.cfg.term_count = 0;
	cr_assert_str_eq(desk_terms_json(&f.cfg, buf, sizeof buf), "[]");
}

/* The columns of one of the database's indexes, comma-separated, in order. */
static void index_columns(const char *index, char *buf, size_t len)
{
	sqlite3 *conn;
	sqlite3_stmt *stmt;
	cr_assert_eq(sqlite3_open_v2(f.path, &conn, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	cr_assert_eq(sqlite3_prepare_v2(conn, "SELECT group_concat(name, ',') FROM "
	                                "(SELECT name FROM pragma_index_info(?1) ORDER BY seqno)",
	                                -1, &stmt, NULL), SQLITE_OK);
	sqlite3_bind_text(stmt, 1, index, -1, SQLITE_STATIC);
	cr_assert_eq(sqlite3_step(stmt), SQLITE_ROW);
	const unsigned char *names = sqlite3_column_text(stmt, 0);
	snprintf(buf, len, "%s", names ? (const char *)names : "");
	sqlite3_finalize(stmt);
	sqlite3_close(conn);
}

/* The Due list reads a caseload's children and their entries from the
 * indexes alone: every column it reads of them is in its index. */
Test(desk, due_list_reads_a_caseload_from_covering_indexes)
{
	char columns[256];
	index_columns("children_caseload_reviews", columns, sizeof columns);
	cr_assert_str_eq(columns, "caseworker_id,ehcp_status,ehcp_start_date,last_review_date,"
	                          "ref,first_name,last_name");
	index_columns("therapy_entries_child_plan", columns, sizeof columns);
	cr_assert_str_eq(columns, "child_id,start_date,end_date,section,therapy,"
	                          "minutes_per_week,term_time_only");
}
