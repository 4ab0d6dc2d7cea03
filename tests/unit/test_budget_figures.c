/* test_budget_figures.c: the figures of the Budgets and Returns tabs on
 * a small fixture: one academic year's budgets added up (against the
 * pb-summary report and by hand), the years a budget's dates fall in,
 * the budget's validation as the importer applies it, and a provider's
 * waits month by month with its gaps and not-reported figures. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/pb_year.h"
#include "core/report.h"
#include "core/store.h"
#include "core/wait_series.h"
#include "tests/support/collect.h"
#include "tests/support/fixture.h"

static struct fixture f;

static void setup(void)
{
	fixture_init(&f, false);
	char problems[1024] = "";
	cr_assert_eq(fixture_import(&f, "children",
	                            "ref,first_name,last_name,date_of_birth\n"
	                            "C1,Ann,Ash,2015-01-01\nC2,Ben,Birch,2014-02-02\n",
	                            problems, sizeof problems), 0, "%s", problems);
	cr_assert_eq(fixture_import(&f, "providers", "code,name\nAAA,Alpha Trust\nBBB,Beta Ltd\n",
	                            problems, sizeof problems), 0, "%s", problems);
}

static void teardown(void)
{
	fixture_done(&f);
}

TestSuite(budget_figures, .init = setup, .fini = teardown);

static void import_ok(const char *kind, const char *csv)
{
	char problems[2048] = "";
	cr_assert_eq(fixture_import(&f, kind, csv, problems, sizeof problems), 0, "%s", problems);
}

/* The budgets of 2023/24: PB1 and PB2 (C1, one EOTAS) start in it, PB3
 * starts on the last day of 2022/23 and PB4 on the first of 2024/25. */
static const char budgets_csv[] =
	"ref,child,start_date,end_date,amount,therapy_amount,eotas,purpose\n"
	"PB1,C1,2023-09-01,2024-08-31,1000.00,250.00,yes,\n"
	"PB2,C1,2024-08-31,2025-03-31,500.50,,no,\n"
	"PB3,C2,2023-08-31,2024-01-31,300.00,300.00,no,\n"
	"PB4,C2,2024-09-01,2025-08-31,700.00,,yes,\n";

static struct period year(const char *label)
{
	struct period p;
	cr_assert(period_parse(&f.cfg, label, &p, NULL), "%s", label);
	return p;
}

Test(budget_figures, a_years_total_is_its_budgets_added_up_by_hand)
{
	import_ok("personal-budgets", budgets_csv);
	struct period p = year("2023/24");
	struct pb_year y;
	struct error err = {0};
	cr_assert_eq(pb_year_total(&f.s, &p, &y, &err), 0, "%s", err.msg);
	cr_expect_eq(y.budgets, 2);
	cr_expect_eq(y.children, 1);
	cr_expect_eq(y.amount_pence, 150050);
	cr_expect_eq(y.therapy_pence, 25000);
	/* 250 / 1500.50 = 16.66..%, in tenths rounded half up. */
	cr_expect(y.has_share);
	cr_expect_eq(y.share_tenths, 167);
	cr_expect_eq(y.eotas_count, 1);
	cr_expect_eq(y.eotas_pence, 100000);
}

Test(budget_figures, a_year_without_budgets_is_zero_with_no_share)
{
	import_ok("personal-budgets", budgets_csv);
	struct period p = year("2019/20");
	struct pb_year y;
	struct error err = {0};
	cr_assert_eq(pb_year_total(&f.s, &p, &y, &err), 0, "%s", err.msg);
	cr_expect_eq(y.budgets, 0);
	cr_expect_eq(y.amount_pence, 0);
	cr_expect_not(y.has_share);
}

/* The drill-down's total and the summary's row are two workings of the
 * same figure: for every year the summary shows, they agree. */
Test(budget_figures, every_summary_row_agrees_with_its_years_total)
{
	import_ok("personal-budgets", budgets_csv);
	struct collected *got = calloc(1, sizeof *got);
	cr_assert_not_null(got);
	struct error err = {0};
	struct report_options opt = {.on = date_today()};
	cr_assert_eq(collect_report(&f.s, report_find("pb-summary"), &opt, got, &err), 0, "%s",
	             err.msg);
	cr_assert_eq(got->rows, 3, "2022/23, 2023/24 and 2024/25");
	int period = collected_column(got, "period"), budgets = collected_column(got, "budgets");
	int amount = collected_column(got, "amount"), therapy = collected_column(got, "therapy_amount");
	int eotas = collected_column(got, "eotas_amount");
	for (int r = 0; r < got->rows; r++) {
		struct period p = year(got->text[r][period]);
		struct pb_year y;
		cr_assert_eq(pb_year_total(&f.s, &p, &y, &err), 0, "%s", err.msg);
		cr_expect_eq(y.budgets, got->n[r][budgets], "%s", p.label);
		cr_expect_eq(y.amount_pence, got->n[r][amount], "%s", p.label);
		cr_expect_eq(y.therapy_pence, got->n[r][therapy], "%s", p.label);
		cr_expect_eq(y.eotas_pence, got->n[r][eotas], "%s", p.label);
	}
	free(got);
}

Test(budget_figures, a_caseworker_may_not_see_the_years_figures)
{
	fixture_act_as(&f, ROLE_CASEWORKER);
	struct period p = year("2023/24");
	struct pb_year y;
	struct error err = {0};
	cr_expect_eq(pb_year_total(&f.s, &p, &y, &err), EX_NOPERM);
	struct wait_series *w = malloc(sizeof *w);
	cr_assert_not_null(w);
	cr_expect_eq(wait_series_load(&f.s, 1, "slt", w, &err), EX_NOPERM);
	free(w);
}

Test(budget_figures, the_form_names_the_academic_years_of_the_dates)
{
	char buf[96];
	pb_years_text(&f.cfg, "2023-09-01", "2024-08-31", buf, sizeof buf);
	cr_expect_str_eq(buf, "academic year 2023/24");
	pb_years_text(&f.cfg, "31/08/2023", "", buf, sizeof buf);
	cr_expect_str_eq(buf, "academic year 2022/23");
	pb_years_text(&f.cfg, "2023-09-01", "2024-09-01", buf, sizeof buf);
	cr_expect_str_eq(buf, "starts in academic year 2023/24, ends in 2024/25");
	pb_years_text(&f.cfg, "2023-09", "2024-09-01", buf, sizeof buf);
	cr_expect_str_eq(buf, "");
}

/* The importer refuses what the form refuses, by the same rule of the
 * kind, and writes nothing. */
static void expect_refused(const char *row, const char *reason)
{
	char csv[512], problems[1024] = "";
	snprintf(csv, sizeof csv, "ref,child,start_date,end_date,amount,therapy_amount,eotas\n%s\n", row);
	cr_expect_eq(fixture_import(&f, "personal-budgets", csv, problems, sizeof problems), EX_DATAERR,
	             "%s was accepted", row);
	cr_expect(strstr(problems, reason) != NULL, "%s: wanted \"%s\", got: %s", row, reason, problems);
}

Test(budget_figures, a_budget_ends_after_it_starts_and_its_therapy_is_part_of_it)
{
	expect_refused("PB9,C1,2023-09-01,2024-08-31,100.00,100.01,no",
	               "therapy_amount: is more than the amount");
	expect_refused("PB9,C1,2023-09-01,2023-09-01,100.00,,no", "end_date: must be after start_date");
	expect_refused("PB9,C1,2023-09-01,2023-08-31,100.00,,no", "end_date: must be after start_date");
	char *out = fixture_export(&f, "personal-budgets");
	cr_expect_null(strstr(out, "PB9"), "nothing written: %s", out);
	free(out);
	/* All of the amount for therapy, over two days, is a budget. */
	import_ok("personal-budgets",
	          "ref,child,start_date,end_date,amount,therapy_amount\nPB9,C1,2023-09-01,2023-09-02,100,100\n");
}

static int64_t provider_id(const char *code)
{
	struct record r;
	record_init(&r, kinds[KIND_PROVIDERS]);
	bool found = false;
	struct error err = {0};
	cr_assert_eq(store_load_by_key(&f.s, &r, code, &found, &err), 0, "%s", err.msg);
	cr_assert(found, "no provider %s", code);
	int64_t id = r.id;
	record_clear(&r);
	return id;
}

/* AAA's SLT: January missed (2 of 10 over the target), no return in
 * February, March met (nobody over), April reported referrals alone;
 * its OT and BBB's SLT are other series. */
static const char returns_csv[] =
	"provider,therapy,month,referrals,waiting_assessment,waiting_assessment_over_12w,"
	"waiting_intervention,waiting_intervention_over_12w,caseload\n"
	"AAA,slt,2024-01,4,10,2,,,\n"
	"AAA,slt,2024-03,,5,0,3,0,40\n"
	"AAA,slt,2024-04,7,,,,,\n"
	"AAA,ot,2024-02,1,1,1,,,\n"
	"BBB,slt,2024-02,1,1,1,,,\n";

Test(budget_figures, waits_month_by_month_with_gaps_and_not_reported)
{
	import_ok("returns", returns_csv);
	struct wait_series *w = malloc(sizeof *w);
	cr_assert_not_null(w);
	struct error err = {0};
	cr_assert_eq(wait_series_load(&f.s, provider_id("AAA"), "slt", w, &err), 0, "%s", err.msg);
	cr_assert_eq(w->count, 4);
	cr_expect_not(w->truncated);
	const struct wait_month *jan = &w->months[0], *feb = &w->months[1];
	const struct wait_month *mar = &w->months[2], *apr = &w->months[3];
	cr_expect_str_eq(jan->month, "2024-01");
	cr_expect(jan->returned);
	cr_expect_eq(jan->share_tenths, 200);
	cr_expect_eq(jan->judged, WAIT_MISSED);
	/* February: a gap, not a month of zeros. */
	cr_expect_str_eq(feb->month, "2024-02");
	cr_expect_not(feb->returned);
	cr_expect_not(feb->has_share);
	cr_expect_not(feb->assess.reported);
	cr_expect_eq(feb->judged, WAIT_NOT_JUDGED);
	/* March: assessment and intervention together, nobody over. */
	cr_expect(mar->has_share);
	cr_expect_eq(mar->share_tenths, 0);
	cr_expect_eq(mar->judged, WAIT_MET);
	cr_expect_not(mar->referrals.reported);
	cr_expect_eq(mar->caseload.n, 40);
	/* April: returned, but the waits were not reported. */
	cr_expect(apr->returned);
	cr_expect_eq(apr->referrals.n, 7);
	cr_expect_not(apr->has_share);
	cr_expect_eq(apr->judged, WAIT_NOT_JUDGED);
	cr_expect_str_eq(wait_judgement_text(apr->judged), "not reported");
	cr_expect_eq(w->missed, 1);
	free(w);
}

Test(budget_figures, a_provider_without_returns_has_no_months)
{
	import_ok("returns", returns_csv);
	struct wait_series *w = malloc(sizeof *w);
	cr_assert_not_null(w);
	struct error err = {0};
	cr_assert_eq(wait_series_load(&f.s, provider_id("BBB"), "ot", w, &err), 0, "%s", err.msg);
	cr_expect_eq(w->count, 0);
	cr_expect_eq(w->missed, 0);
	free(w);
}
