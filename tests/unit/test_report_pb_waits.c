/* test_report_pb_waits.c: the pb-summary and waits reports, on the demo
 * data and on records added to it, into a collecting sink. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/report.h"
#include "tests/support/collect.h"
#include "tests/support/fixture.h"

static struct fixture f;
static struct collected *got;

static void setup(void)
{
	fixture_init(&f, true);
	got = calloc(1, sizeof *got);
	cr_assert_not_null(got);
}

static void teardown(void)
{
	free(got);
	fixture_done(&f);
}

TestSuite(pb_waits, .init = setup, .fini = teardown);

static int run_report(const char *name, const struct report_options *opt, struct error *err)
{
	const struct report *r = report_find(name);
	cr_assert_not_null(r, "no report %s", name);
	return collect_report(&f.s, r, opt, got, err);
}

static void run_ok(const char *name, const struct report_options *opt)
{
	struct error err;
	int rc = run_report(name, opt, &err);
	cr_assert_eq(rc, 0, "%s: %s", name, err.msg);
	cr_assert(got->ended, "%s: the sink was not ended", name);
}

static int column(const char *name)
{
	return collected_column(got, name);
}

static int64_t num(int r, const char *name)
{
	int c = column(name);
	cr_assert_not(got->null[r][c], "row %d %s is null", r, name);
	return got->n[r][c];
}

static bool is_null(int r, const char *name)
{
	return got->null[r][column(name)];
}

static void import(const char *kind, const char *csv)
{
	char problems[1024] = "";
	cr_assert_eq(fixture_import(&f, kind, csv, problems, sizeof problems), 0, "%s", problems);
}

static void expect_columns(const char *const *names, int count)
{
	cr_assert_eq(got->columns, count);
	for (int i = 0; i < count; i++) {
		cr_expect_str_eq(got->cols[i].name, names[i]);
		cr_expect_not_null(got->cols[i].title);
		cr_expect_not_null(got->cols[i].missing);
	}
}

/* ---- pb-summary ---- */

Test(pb_waits, pb_columns_role_and_types)
{
	static const char *const names[] = {"period", "budgets", "children", "amount",
	                                    "therapy_amount", "therapy_share_pct",
	                                    "eotas_count", "eotas_amount"};
	struct report_options opt = {.on = date_from_ymd(2024, 6, 1)};
	run_ok("pb-summary", &opt);
	expect_columns(names, 8);
	cr_expect_eq(got->cols[column("amount")].type, CELL_MONEY);
	cr_expect_eq(got->cols[column("therapy_amount")].type, CELL_MONEY);
	cr_expect_eq(got->cols[column("eotas_amount")].type, CELL_MONEY);
	cr_expect_eq(got->cols[column("therapy_share_pct")].type, CELL_PERCENT);
	cr_expect_eq(report_find("pb-summary")->min_role, ROLE_TEAMLEAD);
}

Test(pb_waits, pb_demo_figures_for_2023_24)
{
	struct report_options opt = {.on = date_from_ymd(2024, 6, 1)};
	run_ok("pb-summary", &opt);
	cr_assert_eq(got->rows, 1);
	cr_expect_str_eq(got->text[0][0], "2023/24");
	cr_expect_eq(num(0, "budgets"), 99);
	cr_expect_eq(num(0, "children"), 94);
	cr_expect_eq(num(0, "amount"), INT64_C(142754900));   /* £1,427,549.00 */
	cr_expect_eq(num(0, "therapy_amount"), INT64_C(61364800));
	/* 613,648 / 1,427,549 = 42.99% */
	cr_expect_eq(num(0, "therapy_share_pct"), 430);
	cr_expect_eq(num(0, "eotas_count"), 56);
	cr_expect_eq(num(0, "eotas_amount"), INT64_C(113241000));
}

Test(pb_waits, pb_empty_years_between_are_listed_and_a_budget_goes_by_its_start)
{
	/* 31 August 2026 is still 2025/26; 1 September 2026 starts 2026/27. */
	import("personal-budgets",
	       "ref,child,start_date,end_date,amount,therapy_amount,eotas,purpose\n"
	       "PB-T-1,CH-0001,2026-08-31,2026-12-31,1000.00,250.00,yes,\n"
	       "PB-T-2,CH-0001,2026-08-01,2026-08-31,0.00,,no,\n"
	       "PB-T-3,CH-0002,2026-09-01,2027-08-31,300.00,,no,\n");
	struct report_options opt = {.on = date_from_ymd(2024, 6, 1)};
	run_ok("pb-summary", &opt);
	cr_assert_eq(got->rows, 4);
	cr_expect_str_eq(got->text[0][0], "2023/24");
	cr_expect_str_eq(got->text[1][0], "2024/25");
	cr_expect_eq(num(1, "budgets"), 0);
	cr_expect_eq(num(1, "amount"), 0);
	cr_expect(is_null(1, "therapy_share_pct"));
	cr_expect_str_eq(got->text[2][0], "2025/26");
	cr_expect_eq(num(2, "budgets"), 2);
	cr_expect_eq(num(2, "children"), 1);
	cr_expect_eq(num(2, "amount"), 100000);
	cr_expect_eq(num(2, "therapy_share_pct"), 250);
	cr_expect_eq(num(2, "eotas_count"), 1);
	cr_expect_eq(num(2, "eotas_amount"), 100000);
	cr_expect_str_eq(got->text[3][0], "2026/27");
	cr_expect_eq(num(3, "therapy_amount"), 0);
	cr_expect_eq(num(3, "therapy_share_pct"), 0);
	cr_expect_eq(num(3, "eotas_count"), 0);
}

Test(pb_waits, pb_zero_amount_year_has_no_share)
{
	import("personal-budgets",
	       "ref,child,start_date,end_date,amount,therapy_amount,eotas,purpose\n"
	       "PB-T-1,CH-0001,2025-10-01,2025-12-31,0.00,0.00,no,\n");
	struct report_options opt = {.on = date_from_ymd(2024, 6, 1),
	                             .has_from = true, .from = date_from_ymd(2025, 9, 1)};
	run_ok("pb-summary", &opt);
	cr_assert_eq(got->rows, 1);
	cr_expect_str_eq(got->text[0][0], "2025/26");
	cr_expect_eq(num(0, "budgets"), 1);
	cr_expect(is_null(0, "therapy_share_pct"));
}

Test(pb_waits, pb_from_and_to_limit_and_pad_the_years)
{
	struct report_options opt = {.on = date_from_ymd(2024, 6, 1),
	                             .has_from = true, .from = date_from_ymd(2022, 1, 1),
	                             .has_to = true, .to = date_from_ymd(2024, 12, 31)};
	run_ok("pb-summary", &opt);
	/* 1 January 2022 is in 2021/22, 31 December 2024 in 2024/25. */
	cr_assert_eq(got->rows, 4);
	static const char *const labels[] = {"2021/22", "2022/23", "2023/24", "2024/25"};
	for (int r = 0; r < 4; r++) {
		cr_expect_str_eq(got->text[r][0], labels[r]);
		cr_expect_eq(num(r, "budgets"), r == 2 ? 99 : 0);
	}
}

Test(pb_waits, pb_years_outside_from_to_are_left_out)
{
	struct report_options opt = {.on = date_from_ymd(2024, 6, 1),
	                             .has_from = true, .from = date_from_ymd(2024, 9, 1),
	                             .has_to = true, .to = date_from_ymd(2025, 8, 31)};
	run_ok("pb-summary", &opt);
	cr_assert_eq(got->rows, 1);
	cr_expect_str_eq(got->text[0][0], "2024/25");
	cr_expect_eq(num(0, "budgets"), 0);
}

Test(pb_waits, pb_start_month_comes_from_the_configuration)
{
	struct settings cfg = *f.s.cfg;
	cfg.academic_year_start_month = 1;
	f.s.cfg = &cfg;
	struct report_options opt = {.on = date_from_ymd(2024, 6, 1)};
	run_ok("pb-summary", &opt);
	/* Calendar-year academic years: 2023 (September-December starts)
	 * and 2024 (up to 15 April). */
	cr_assert_eq(got->rows, 2);
	cr_expect_eq(num(0, "budgets") + num(1, "budgets"), 99);
	cr_expect_eq(num(0, "amount") + num(1, "amount"), INT64_C(142754900));
}

Test(pb_waits, pb_caseworker_is_refused)
{
	fixture_act_as(&f, ROLE_CASEWORKER);
	struct report_options opt = {.on = date_from_ymd(2024, 6, 1)};
	struct error err;
	cr_expect_eq(run_report("pb-summary", &opt, &err), EX_NOPERM);
	cr_expect_eq(run_report("waits", &opt, &err), EX_NOPERM);
	fixture_act_as(&f, ROLE_TEAMLEAD);
	run_ok("pb-summary", &opt);
	run_ok("waits", &opt);
}

/* ---- waits ---- */

static int find_return(const char *provider, const char *therapy, const char *month)
{
	for (int r = 0; r < got->rows; r++)
		if (strcmp(got->text[r][0], provider) == 0 && strcmp(got->text[r][1], therapy) == 0 &&
		    strcmp(got->text[r][2], month) == 0)
			return r;
	return -1;
}

Test(pb_waits, waits_columns_and_the_demo_ekhuft_slt_may_2023)
{
	static const char *const names[] = {
		"provider", "therapy", "month", "referrals", "waiting_assessment",
		"waiting_assessment_over_12w", "over_12w_pct", "waiting_intervention",
		"waiting_intervention_over_12w", "target_missed"};
	struct report_options opt = {.on = date_from_ymd(2024, 6, 1)};
	run_ok("waits", &opt);
	expect_columns(names, 10);
	cr_expect_eq(got->cols[column("over_12w_pct")].type, CELL_PERCENT);
	cr_expect_str_eq(got->cols[column("waiting_intervention")].missing, "n/a");
	cr_expect_eq(report_find("waits")->min_role, ROLE_TEAMLEAD);
	cr_expect_eq(got->rows, 14);
	int r = find_return("EKHUFT", "slt", "2023-05");
	cr_assert_geq(r, 0);
	cr_expect_eq(num(r, "referrals"), 83);
	cr_expect_eq(num(r, "waiting_assessment"), 539);
	cr_expect_eq(num(r, "waiting_assessment_over_12w"), 407);
	cr_expect_eq(num(r, "over_12w_pct"), 755);
	cr_expect(is_null(r, "waiting_intervention"));
	cr_expect(is_null(r, "waiting_intervention_over_12w"));
	cr_expect_str_eq(got->text[r][column("target_missed")], "yes");
}

Test(pb_waits, waits_are_ordered_by_provider_therapy_month)
{
	struct report_options opt = {.on = date_from_ymd(2024, 6, 1)};
	run_ok("waits", &opt);
	for (int r = 1; r < got->rows; r++) {
		char a[200], b[200];
		snprintf(a, sizeof a, "%s|%s|%s", got->text[r - 1][0], got->text[r - 1][1],
		         got->text[r - 1][2]);
		snprintf(b, sizeof b, "%s|%s|%s", got->text[r][0], got->text[r][1], got->text[r][2]);
		cr_expect_lt(strcmp(a, b), 0, "%s before %s", a, b);
	}
}

Test(pb_waits, waits_nulls_zeros_and_target_missed)
{
	import("returns",
	       "provider,therapy,month,referrals,waiting_assessment,waiting_assessment_over_12w,"
	       "waiting_intervention,waiting_intervention_over_12w,caseload\n"
	       "EKHUFT,slt,2030-01,,,,,,\n"
	       "EKHUFT,slt,2030-02,5,0,0,10,0,\n"
	       "EKHUFT,slt,2030-03,5,10,0,10,1,\n"
	       "EKHUFT,slt,2030-04,5,3,2,,,\n"
	       "EKHUFT,slt,2030-05,5,3,0,,,\n"
	       "EKHUFT,slt,2030-06,5,,,4,0,\n");
	struct report_options opt = {.on = date_from_ymd(2024, 6, 1),
	                             .has_from = true, .from = date_from_ymd(2030, 1, 31),
	                             .has_to = true, .to = date_from_ymd(2030, 6, 1)};
	run_ok("waits", &opt);
	cr_assert_eq(got->rows, 6);
	int missed = column("target_missed");
	/* Nothing reported: every figure null, the target not judged. */
	cr_expect(is_null(0, "referrals"));
	cr_expect(is_null(0, "waiting_assessment"));
	cr_expect(is_null(0, "over_12w_pct"));
	cr_expect(is_null(0, "target_missed"));
	/* Nobody waiting: no share. */
	cr_expect_eq(num(1, "waiting_assessment"), 0);
	cr_expect(is_null(1, "over_12w_pct"));
	cr_expect_str_eq(got->text[1][missed], "no");
	/* Only the intervention list over the target. */
	cr_expect_eq(num(2, "over_12w_pct"), 0);
	cr_expect_str_eq(got->text[2][missed], "yes");
	/* 2 / 3 = 66.67%, rounded to 66.7. */
	cr_expect_eq(num(3, "over_12w_pct"), 667);
	cr_expect_str_eq(got->text[3][missed], "yes");
	/* One list at 0 over the target, the other not reported: not judged. */
	cr_expect(is_null(4, "target_missed"));
	cr_expect(is_null(5, "target_missed"));
}

Test(pb_waits, waits_from_and_to_filter_months)
{
	struct report_options opt = {.on = date_from_ymd(2024, 6, 1),
	                             .has_from = true, .from = date_from_ymd(2023, 5, 20),
	                             .has_to = true, .to = date_from_ymd(2023, 7, 1)};
	run_ok("waits", &opt);
	cr_assert_eq(got->rows, 4);
	for (int r = 0; r < got->rows; r++)
		cr_expect(strcmp(got->text[r][2], "2023-05") >= 0 && strcmp(got->text[r][2], "2023-07") <= 0,
		          "%s", got->text[r][2]);
	opt.has_from = false;
	opt.to = date_from_ymd(2000, 1, 1);
	run_ok("waits", &opt);
	cr_expect_eq(got->rows, 0);
}
