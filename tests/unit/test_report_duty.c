/* test_report_duty.c: the Section F funding, unfunded, capacity,
 * equality and caseloads reports, against figures worked by hand from a
 * small database of their own, and the drill-down behind each funding
 * figure. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/report.h"
#include "core/report_drill.h"
#include "core/report_funding.h"
#include "core/store.h"
#include "tests/support/collect.h"
#include "tests/support/fixture.h"

static struct fixture f;
static struct collected *got;

static void import_ok(const char *kind, const char *csv)
{
	char problems[4096] = "";
	int rc = fixture_import(&f, kind, csv, problems, sizeof problems);
	cr_assert_eq(rc, 0, "import %s: %s", kind, problems);
}

static day_t ymd(int y, int m, int d)
{
	return date_from_ymd(y, m, d);
}

/* On 2024-06-01.  Contracts: C-SWA-OT covers Swale and Dover for ot
 * (staffing 1.5 + 0.5 FTE ot, 1 FTE pt); C-ASH-SLT covers Ashford for slt
 * (staffing with no FTE); C-DRAFT (a draft) covers Swale for slt; C-OLD
 * covered Dover for slt until 2023.  Spot purchases: CH3 slt open, CH3
 * ot ended 31 May.  Budgets: CH2 with a therapy amount, CH4 without.
 *
 * Children (born, sex, district, need, caseworker, review due):
 *   CH1 2015-03-01 f SWA ASD  cw.one  2024-05-01 (overdue)
 *   CH2 2019-06-02 m ASH SLCN cw.one  2024-06-20 (within 30 days)
 *   CH3 2008-01-01 m DOV ASD  cw.two  2024-07-01 (the 30th day)
 *   CH4 2004-05-05 x  -   -   -       none
 *   CH5 ceased                cw.two
 *   CH7-CH11 2012-01-01 m MAI ASD -   none
 * Entries from 2024-01-01 (F unless said), funding, minutes:
 *   TE-01 CH1 ot contract 60     funded: contract
 *   TE-02 CH1 slt contract 30    none: only a draft covers Swale slt
 *   TE-03 CH2 slt contract 45    contract
 *   TE-04 CH3 slt spot 20        spot
 *   TE-05 CH3 ot spot 25         none: its purchase ended 31 May
 *   TE-06 CH2 ot pb 30           pb
 *   TE-07 CH4 pt pb 15           none: the budget has no therapy amount
 *   TE-08 CH4 slt (none) -       none: no funding recorded
 *   TE-09 CH1 at school 10       school
 *   TE-10 CH1 G ot nhs 40        (Section G)
 *   TE-11 CH2 slt, ended 31 May  not in force
 *   TE-12 CH3 ot, from 1 July    not in force
 *   TE-13 CH3 ot contract 50, naming C-ASH-SLT: contract (Dover ot)
 *   TE-15 CH1 ot contract 15     contract
 *   TE-16 CH4 ot contract 5      none: the child has no district
 *   TE-21..25 CH7-11 at school   school, no minutes */
static void setup(void)
{
	fixture_init(&f, false);
	got = calloc(1, sizeof *got);
	cr_assert_not_null(got);
	import_ok("users", "login,role\ncw.one,caseworker\ncw.two,caseworker\n");
	import_ok("providers", "code,name\nP1,Provider one\n");
	import_ok("contracts",
	          "ref,provider,annual_value,start_date,end_date,status\n"
	          "C-SWA-OT,P1,1000,2024-01-01,2024-12-31,active\n"
	          "C-ASH-SLT,P1,1000,2024-01-01,2024-12-31,\n"
	          "C-DRAFT,P1,1000,2024-01-01,2024-12-31,draft\n"
	          "C-OLD,P1,1000,2022-01-01,2023-12-31,ended\n");
	import_ok("coverage",
	          "contract,district,therapy\n"
	          "C-SWA-OT,SWA,ot\nC-SWA-OT,DOV,ot\nC-ASH-SLT,ASH,slt\n"
	          "C-DRAFT,SWA,slt\nC-OLD,DOV,slt\n");
	import_ok("staffing",
	          "contract,therapy,area,pct_funded,fte\n"
	          "C-SWA-OT,ot,North,,1.5\nC-SWA-OT,ot,South,,0.5\nC-SWA-OT,pt,,,1\n"
	          "C-ASH-SLT,slt,,50,\n");
	import_ok("children",
	          "ref,first_name,last_name,date_of_birth,sex,district,primary_need,"
	          "ehcp_start_date,caseworker,last_review_date,ehcp_status\n"
	          "CH1,Ann,One,2015-03-01,f,SWA,ASD,2020-01-01,cw.one,2023-05-01,\n"
	          "CH2,Bob,Two,2019-06-02,m,ASH,SLCN,2023-06-20,cw.one,,\n"
	          "CH3,Cal,Three,2008-01-01,m,DOV,ASD,2015-01-01,cw.two,2023-07-01,\n"
	          "CH4,Dee,Four,2004-05-05,x,,,,,,\n"
	          "CH5,Eve,Five,2010-01-01,f,SWA,ASD,2015-01-01,cw.two,2020-01-01,ceased\n"
	          "CH7,Gus,Seven,2012-01-01,m,MAI,ASD,,,,\n"
	          "CH8,Hal,Eight,2012-01-01,m,MAI,ASD,,,,\n"
	          "CH9,Ian,Nine,2012-01-01,m,MAI,ASD,,,,\n"
	          "CH10,Jon,Ten,2012-01-01,m,MAI,ASD,,,,\n"
	          "CH11,Kit,Eleven,2012-01-01,m,MAI,ASD,,,,\n");
	import_ok("spot-purchases",
	          "ref,child,provider,therapy,start_date,cost,end_date\n"
	          "SP1,CH3,P1,slt,2024-01-01,100,\n"
	          "SP2,CH3,P1,ot,2024-01-01,100,2024-05-31\n");
	import_ok("personal-budgets",
	          "ref,child,start_date,end_date,amount,therapy_amount\n"
	          "PB1,CH2,2023-09-01,2024-08-31,1000,500\n"
	          "PB2,CH4,2024-01-01,2024-12-31,800,\n");
	import_ok("therapy-entries",
	          "ref,child,section,therapy,start_date,end_date,funding,contract,minutes_per_week\n"
	          "TE-01,CH1,F,ot,2024-01-01,,contract,C-SWA-OT,60\n"
	          "TE-02,CH1,F,slt,2024-01-01,,contract,C-DRAFT,30\n"
	          "TE-03,CH2,F,slt,2024-01-01,,contract,C-ASH-SLT,45\n"
	          "TE-04,CH3,F,slt,2024-01-01,,spot,,20\n"
	          "TE-05,CH3,F,ot,2024-01-01,,spot,,25\n"
	          "TE-06,CH2,F,ot,2024-01-01,,pb,,30\n"
	          "TE-07,CH4,F,pt,2024-01-01,,pb,,15\n"
	          "TE-08,CH4,F,slt,2024-01-01,,,,\n"
	          "TE-09,CH1,F,at,2024-01-01,,school,,10\n"
	          "TE-10,CH1,G,ot,2024-01-01,,nhs,,40\n"
	          "TE-11,CH2,F,slt,2024-01-01,2024-05-31,contract,C-ASH-SLT,60\n"
	          "TE-12,CH3,F,ot,2024-07-01,,contract,C-SWA-OT,60\n"
	          "TE-13,CH3,F,ot,2024-01-01,,contract,C-ASH-SLT,50\n"
	          "TE-15,CH1,F,ot,2024-01-01,,contract,C-SWA-OT,15\n"
	          "TE-16,CH4,F,ot,2024-01-01,,contract,C-SWA-OT,5\n"
	          "TE-21,CH7,F,at,2024-01-01,,school,,\n"
	          "TE-22,CH8,F,at,2024-01-01,,school,,\n"
	          "TE-23,CH9,F,at,2024-01-01,,school,,\n"
	          "TE-24,CH10,F,at,2024-01-01,,school,,\n"
	          "TE-25,CH11,F,at,2024-01-01,,school,,\n");
	/* The four weeks to 1 June are 5 May to 1 June: TE-01 is owed 240
	 * and delivered 240, TE-03 180 and 180, TE-13 200 and 200; TE-04 80
	 * and 60 (the session not attended counts none); TE-15's session
	 * falls the day before the window. */
	import_ok("provision",
	          "entry,date,minutes,outcome\n"
	          "TE-01,2024-05-06,60,\nTE-01,2024-05-13,60,\nTE-01,2024-05-20,60,\n"
	          "TE-01,2024-06-01,60,\n"
	          "TE-03,2024-05-05,60,\nTE-03,2024-05-12,60,\nTE-03,2024-05-19,60,delivered\n"
	          "TE-13,2024-05-10,100,\nTE-13,2024-05-24,100,\n"
	          "TE-04,2024-05-15,60,\nTE-04,2024-05-22,30,did-not-attend\n"
	          "TE-15,2024-05-04,60,\n");
}

static void teardown(void)
{
	free(got);
	fixture_done(&f);
}

TestSuite(report_duty, .init = setup, .fini = teardown);

static void run_on(const char *name, day_t on)
{
	const struct report *r = report_find(name);
	cr_assert_not_null(r, "no report %s", name);
	struct error err = {0};
	struct report_options opt = {.on = on};
	int rc = collect_report(&f.s, r, &opt, got, &err);
	cr_assert_eq(rc, 0, "%s: %s", name, err.msg);
	cr_assert(got->ended);
}

static void expect_rows(const char *const *want, int n)
{
	char line[512];
	for (int i = 0; i < n && i < got->rows; i++) {
		collected_line(got, i, line, sizeof line);
		cr_expect_str_eq(line, want[i], "row %d", i);
	}
	cr_assert_eq(got->rows, n, "%d rows, not %d", got->rows, n);
}

static void expect_columns(const char *name, const char *const *want, int n)
{
	const struct report *r = report_find(name);
	cr_assert_not_null(r, "no report %s", name);
	cr_assert_eq(r->column_count, n, "%s", name);
	for (int i = 0; i < n; i++)
		cr_expect_str_eq(r->columns[i].name, want[i], "%s column %d", name, i);
	cr_expect_eq(r->min_role, ROLE_TEAMLEAD, "%s", name);
}

Test(report_duty, columns_and_roles)
{
	static const char *const funding[] = {"district", "therapy", "funding", "entries",
	                                      "children", "minutes_per_week"};
	static const char *const unfunded[] = {"entry", "child", "district", "therapy",
	                                       "minutes_per_week", "start_date", "reason"};
	static const char *const capacity[] = {"contract", "therapy", "districts", "funded_fte",
	                                       "entries", "minutes_per_week", "minutes_per_fte"};
	static const char *const equality[] = {"characteristic", "value", "funding", "children",
	                                       "share_pct"};
	static const char *const caseloads[] = {"caseworker", "children", "entries",
	                                        "short_entries", "reviews_overdue",
	                                        "reviews_due_30d"};
	expect_columns("section-f-funding", funding, 6);
	expect_columns("section-f-unfunded", unfunded, 7);
	expect_columns("capacity", capacity, 7);
	expect_columns("equality", equality, 5);
	expect_columns("caseloads", caseloads, 6);
	fixture_act_as(&f, ROLE_CASEWORKER);
	struct error err = {0};
	struct report_options opt = {.on = ymd(2024, 6, 1)};
	cr_expect_eq(collect_report(&f.s, report_find("caseloads"), &opt, got, &err), EX_NOPERM);
	cr_expect_eq(collect_report(&f.s, report_find("equality"), &opt, got, &err), EX_NOPERM);
}

Test(report_duty, section_f_funding_by_district_therapy_and_route)
{
	run_on("section-f-funding", ymd(2024, 6, 1));
	static const char *const want[] = {
		",ot,none,1,1,5",
		",pt,none,1,1,15",
		",slt,none,1,1,0",
		"Ashford,ot,pb,1,1,30",
		"Ashford,slt,contract,1,1,45",
		"Dover,ot,contract,1,1,50",
		"Dover,ot,none,1,1,25",
		"Dover,slt,spot,1,1,20",
		"Maidstone,at,school,5,5,0",
		"Swale,at,school,1,1,10",
		"Swale,ot,contract,2,1,75",
		"Swale,slt,none,1,1,30",
	};
	expect_rows(want, 12);
}

Test(report_duty, section_f_unfunded_with_reasons)
{
	run_on("section-f-unfunded", ymd(2024, 6, 1));
	/* Start dates are day numbers here; every entry starts on 1 January. */
	char jan1[16];
	snprintf(jan1, sizeof jan1, "%ld", (long)ymd(2024, 1, 1));
	static const char *const want[] = {
		"TE-02,CH1,Swale,slt,30,%s,no contract covers Swale for slt on 2024-06-01",
		"TE-05,CH3,Dover,ot,25,%s,no spot purchase for ot for the child on 2024-06-01",
		"TE-07,CH4,,pt,15,%s,no personal budget with a therapy amount on 2024-06-01",
		"TE-08,CH4,,slt,-,%s,no funding recorded",
		"TE-16,CH4,,ot,5,%s,the child has no district, so no contract covers it",
	};
	char lines[5][256];
	const char *wanted[5];
	for (int i = 0; i < 5; i++) {
		snprintf(lines[i], sizeof lines[i], want[i], jan1);
		wanted[i] = lines[i];
	}
	expect_rows(wanted, 5);
	cr_expect_eq(got->cols[collected_column(got, "start_date")].type, CELL_DATE);
}

Test(report_duty, funding_lapses_when_contracts_and_budgets_end)
{
	/* On 1 September 2024 PB1 has ended: TE-06 joins the unfunded. */
	run_on("section-f-unfunded", ymd(2024, 9, 1));
	cr_expect_eq(got->rows, 6);
	cr_expect_str_eq(got->text[2][0], "TE-06");
	/* In 2025 every contract has ended; only the spot and school
	 * entries (and TE-12, from July) stay... TE-12 is now in force and
	 * unfunded too. */
	run_on("section-f-funding", ymd(2025, 1, 1));
	for (int r = 0; r < got->rows; r++)
		cr_expect_str_neq(got->text[r][2], "contract", "row %d", r);
}

Test(report_duty, nothing_in_force_gives_no_rows)
{
	static const char *const names[] = {"section-f-funding", "section-f-unfunded", "capacity",
	                                    "equality"};
	for (int i = 0; i < 4; i++) {
		run_on(names[i], ymd(2021, 12, 31));
		cr_expect_eq(got->rows, 0, "%s", names[i]);
	}
}

static int count_entry(void *ctx, const struct report_f_entry *e)
{
	cr_expect_gt(e->id, 0);
	cr_expect_neq(e->ref[0], '\0');
	(*(int64_t *)ctx)++;
	return 0;
}

Test(report_duty, every_funding_figure_agrees_with_its_entries)
{
	run_on("section-f-funding", ymd(2024, 6, 1));
	cr_assert_gt(got->rows, 0);
	int64_t unfunded = 0;
	for (int r = 0; r < got->rows; r++) {
		int64_t n = 0;
		struct error err = {0};
		int rc = report_f_entries(&f.s, ymd(2024, 6, 1), got->text[r][2], got->text[r][0],
		                          got->text[r][1], count_entry, &n, &err);
		cr_assert_eq(rc, 0, "%s", err.msg);
		cr_expect_eq(n, got->n[r][3], "row %d: %ld entries listed, %ld counted", r, (long)n,
		             (long)got->n[r][3]);
		if (strcmp(got->text[r][2], "none") == 0)
			unfunded += got->n[r][3];
	}
	struct collected *all = calloc(1, sizeof *all);
	cr_assert_not_null(all);
	struct error err = {0};
	struct report_options opt = {.on = ymd(2024, 6, 1)};
	cr_assert_eq(collect_report(&f.s, report_find("section-f-unfunded"), &opt, all, &err), 0);
	cr_expect_eq(all->rows, unfunded);
	free(all);
}

Test(report_duty, capacity_per_contract_and_therapy)
{
	/* C-SWA-OT ot: TE-01 60, TE-10 40 (Section G), TE-15 15 in Swale,
	 * TE-05 25 and TE-13 50 in Dover, TE-16 5 naming it: 195 minutes
	 * over 2.00 FTE = 97.5, rounded to 98.
	 * C-ASH-SLT: slt in Ashford (TE-03); ot because TE-13 names it. */
	run_on("capacity", ymd(2024, 6, 1));
	static const char *const want[] = {
		"C-ASH-SLT,ot,0,-,1,50,-",
		"C-ASH-SLT,slt,1,-,1,45,-",
		"C-SWA-OT,ot,2,200,6,195,98",
		"C-SWA-OT,pt,0,100,0,0,0",
	};
	expect_rows(want, 4);
}

static int find_row(const char *characteristic, const char *value, const char *funding)
{
	for (int r = 0; r < got->rows; r++)
		if (strcmp(got->text[r][0], characteristic) == 0 &&
		    strcmp(got->text[r][1], value) == 0 && strcmp(got->text[r][2], funding) == 0)
			return r;
	return -1;
}

static void expect_equality(const char *characteristic, const char *value, const char *funding,
                            const char *want)
{
	int r = find_row(characteristic, value, funding);
	cr_assert_geq(r, 0, "no row %s %s %s", characteristic, value, funding);
	char line[512];
	collected_line(got, r, line, sizeof line);
	cr_expect_str_eq(line, want);
}

Test(report_duty, equality_masks_small_counts)
{
	/* School: CH1 (9, f, Swale) and CH7-CH11 (12, m, Maidstone): six. */
	run_on("equality", ymd(2024, 6, 1));
	expect_equality("age_band", "11-15", "school", "age_band,11-15,school,5,833");
	expect_equality("age_band", "5-10", "school", "age_band,5-10,school,<5,-");
	expect_equality("sex", "m", "school", "sex,m,school,5,833");
	expect_equality("sex", "f", "school", "sex,f,school,<5,-");
	expect_equality("primary_need", "ASD", "school", "primary_need,ASD,school,6,1000");
	expect_equality("district", "Maidstone", "school", "district,Maidstone,school,5,833");
	/* CH2 is 4 the day before turning 5; CH4 (20) has no district or
	 * need; CH1, CH3 and CH4 have unfunded entries. */
	expect_equality("age_band", "0-4", "contract", "age_band,0-4,contract,<5,-");
	expect_equality("age_band", "20-25", "none", "age_band,20-25,none,<5,-");
	expect_equality("district", "not recorded", "none", "district,not recorded,none,<5,-");
	expect_equality("primary_need", "not recorded", "none",
	                "primary_need,not recorded,none,<5,-");
	cr_expect_lt(find_row("sex", "f", "none"), find_row("sex", "m", "contract"));
	/* Each child once per route: 3 children with contract entries. */
	int r = find_row("primary_need", "ASD", "contract");
	cr_assert_geq(r, 0);
	cr_expect_str_eq(got->text[r][3], "<5");
	cr_expect(got->null[r][4] || got->text[r][3][0] == '<');
	/* 4 characteristics x values x routes: nothing else, no zero rows. */
	for (int i = 0; i < got->rows; i++)
		cr_expect(got->text[i][3][0] == '<' || got->n[i][3] >= 5, "row %d", i);
}

Test(report_duty, caseloads_per_caseworker)
{
	/* cw.one: CH1 and CH2, 7 entries in force, short: TE-02, TE-09,
	 * TE-10, TE-15, TE-06; CH1's review overdue, CH2's due on 20 June.
	 * cw.two: CH3 (CH5's plan has ceased), short: TE-04, TE-05; its
	 * review due on 1 July, the 30th day.  No caseworker: CH4 and
	 * CH7-CH11, short TE-07 and TE-16 (TE-08 and the school entries
	 * have no minutes). */
	run_on("caseloads", ymd(2024, 6, 1));
	static const char *const want[] = {
		"cw.one,2,7,5,1,1",
		"cw.two,1,3,2,0,1",
		"-,6,8,2,0,0",
	};
	expect_rows(want, 3);
	run_on("caseloads", ymd(2024, 7, 2));
	cr_expect_eq(got->n[1][4], 1, "CH3's review is overdue the day after");
	/* Entries starting inside the window are owed its days from their
	 * start: 20 May to 1 June is 13 days, 70 x 13 / 7 = 130 minutes. */
	import_ok("therapy-entries",
	          "ref,child,section,therapy,start_date,funding,minutes_per_week\n"
	          "TE-30,CH3,F,pt,2024-05-20,school,70\n"
	          "TE-31,CH3,F,at,2024-05-20,school,70\n");
	import_ok("provision", "entry,date,minutes\nTE-30,2024-05-27,130\nTE-31,2024-05-27,129\n");
	run_on("caseloads", ymd(2024, 6, 1));
	cr_expect_str_eq(got->text[1][0], "cw.two");
	cr_expect_eq(got->n[1][2], 5, "TE-30 and TE-31 are in force");
	cr_expect_eq(got->n[1][3], 3, "TE-31 is one minute short, TE-30 is not");
}

Test(report_duty, caseloads_of_an_empty_database)
{
	fixture_done(&f);
	fixture_init(&f, false);
	run_on("caseloads", ymd(2024, 6, 1));
	cr_expect_eq(got->rows, 0);
	run_on("equality", ymd(2024, 6, 1));
	cr_expect_eq(got->rows, 0);
}

static int64_t count_of(const struct list_query *q)
{
	int64_t n = -1;
	struct error err = {0};
	cr_assert_eq(list_count(&f.s, q, &n, &err), 0, "%s", err.msg);
	return n;
}

Test(report_duty, the_records_behind_each_drilled_figure)
{
	struct list_query q;
	/* sections: each row's entries. */
	run_on("sections", ymd(2024, 6, 1));
	cr_assert_gt(got->rows, 3);
	int entries = collected_column(got, "entries");
	for (int r = 0; r < got->rows; r++) {
		report_drill_sections(&q, got->text[r][0], got->text[r][1], ymd(2024, 6, 1));
		cr_expect_eq(count_of(&q), got->n[r][entries], "sections row %d (%s %s)", r,
		             got->text[r][0], got->text[r][1]);
	}
	/* section-f-unfunded: each row its one entry. */
	run_on("section-f-unfunded", ymd(2024, 6, 1));
	cr_assert_eq(got->rows, 5);
	for (int r = 0; r < got->rows; r++) {
		report_drill_entry(&q, got->text[r][0]);
		cr_expect_eq(count_of(&q), 1, "unfunded row %d (%s)", r, got->text[r][0]);
	}
	/* pb-summary: each year's budgets (PB1 and PB2 start in 2023/24). */
	struct report_options opt = {.on = ymd(2024, 6, 1), .has_from = true,
	                             .from = ymd(2022, 9, 1)};
	struct error err = {0};
	cr_assert_eq(collect_report(&f.s, report_find("pb-summary"), &opt, got, &err), 0, "%s",
	             err.msg);
	cr_assert_eq(got->rows, 2);
	int budgets = collected_column(got, "budgets");
	for (int r = 0; r < got->rows; r++) {
		struct period p;
		cr_assert(period_parse(&f.cfg, got->text[r][0], &p, NULL), "%s", got->text[r][0]);
		report_drill_budgets(&q, &p);
		cr_expect_eq(count_of(&q), got->n[r][budgets], "pb-summary %s", got->text[r][0]);
	}
	cr_expect_eq(got->n[1][budgets], 2);
	/* waits: each row its one return. */
	import_ok("returns",
	          "provider,therapy,month,referrals,waiting_assessment\n"
	          "P1,slt,2024-04,3,\nP1,slt,2024-05,4,2\nP1,ot,2024-05,,\n");
	opt = (struct report_options){.on = ymd(2024, 6, 1)};
	cr_assert_eq(collect_report(&f.s, report_find("waits"), &opt, got, &err), 0, "%s", err.msg);
	cr_assert_eq(got->rows, 3);
	struct record p;
	record_init(&p, kinds[KIND_PROVIDERS]);
	bool found = false;
	cr_assert_eq(store_load_by_key(&f.s, &p, "P1", &found, &err), 0);
	cr_assert(found);
	for (int r = 0; r < got->rows; r++) {
		report_drill_return(&q, p.id, got->text[r][1], got->text[r][2]);
		cr_expect_eq(count_of(&q), 1, "waits row %d (%s %s)", r, got->text[r][1],
		             got->text[r][2]);
	}
	record_clear(&p);
}
