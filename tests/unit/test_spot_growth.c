/* test_spot_growth.c: the spot-growth report, from hand-computed figures
 * and against a brute-force split of many pseudo-random purchases. */
#include "core/report_spot_growth.h"

#include <criterion/criterion.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/support/collect.h"
#include "tests/support/fixture.h"
#include "core/prorata.h"

#define MAX_ROWS 400

static struct fixture f;

struct rows {
	int count;
	struct growth_row row[MAX_ROWS];
};

static struct rows *got;

static day_t ymd(int y, int m, int d)
{
	return date_from_ymd(y, m, d);
}

static void import_ok(const char *kind, const char *csv)
{
	char problems[4096];
	int rc = fixture_import(&f, kind, csv, problems, sizeof problems);
	cr_assert_eq(rc, 0, "import %s: %s", kind, problems);
}

/* children CH-first .. CH-last */
static void add_children(int first, int last)
{
	size_t len = 64 + (size_t)(last - first + 1) * 64;
	char *csv = malloc(len);
	cr_assert_not_null(csv);
	size_t used = (size_t)snprintf(csv, len, "ref,first_name,last_name,date_of_birth\n");
	for (int i = first; i <= last; i++)
		used += (size_t)snprintf(csv + used, len - used, "CH-%d,Child,Number%d,2014-05-17\n", i, i);
	import_ok("children", csv);
	free(csv);
}

static void setup(void)
{
	fixture_init(&f, false);
	import_ok("providers", "code,name,kind\n"
	                       "IND1,Independent Therapy One,independent\n"
	                       "IND2,Independent Therapy Two,independent\n");
	add_children(1, 5);
	got = calloc(1, sizeof *got);
	cr_assert_not_null(got);
}

static void teardown(void)
{
	free(got);
	fixture_done(&f);
}

TestSuite(spot_growth, .init = setup, .fini = teardown);

/* Purchases as "ref,child,start_date,cost,end_date" lines (provider
 * IND1, therapy slt). */
static void add_purchases(const char *lines)
{
	char csv[8192] = "ref,child,provider,therapy,start_date,cost,end_date\n";
	char line[256];
	const char *p = lines;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		cr_assert_lt(n, sizeof line - 1);
		memcpy(line, p, n);
		line[n] = '\0';
		char *comma = strchr(line, ',');
		cr_assert_not_null(comma, "bad line %s", line);
		*comma = '\0';
		char *rest = strchr(comma + 1, ',');
		cr_assert_not_null(rest, "bad line %s", p);
		*rest = '\0';
		size_t used = strlen(csv);
		snprintf(csv + used, sizeof csv - used, "%s,%s,IND1,slt,%s\n", line, comma + 1, rest + 1);
		p += n + (nl != NULL);
	}
	import_ok("spot-purchases", csv);
}

static int collect(void *ctx, const struct growth_row *row)
{
	struct rows *r = ctx;
	cr_assert_lt(r->count, MAX_ROWS);
	r->row[r->count++] = *row;
	return 0;
}

static void growth_into(struct rows *r, const struct growth_options *opt)
{
	struct error err = {0};
	memset(r, 0, sizeof *r);
	int rc = spot_growth(&f.s, opt, collect, r, &err);
	cr_assert_eq(rc, 0, "spot_growth: %s", err.msg);
}

static void growth(enum period_kind kind, day_t as_of)
{
	struct growth_options opt = {.kind = kind, .as_of = as_of};
	growth_into(got, &opt);
}

static void growth_between(enum period_kind kind, day_t from, day_t to)
{
	struct growth_options opt = {.kind = kind, .has_from = true, .has_to = true,
	                             .from = from, .to = to, .as_of = to};
	growth_into(got, &opt);
}

static const struct growth_row *row_of(const char *label)
{
	for (int i = 0; i < got->count; i++)
		if (strcmp(got->row[i].period.label, label) == 0)
			return &got->row[i];
	cr_assert_fail("no row %s", label);
	return NULL;
}

static void expect_labels(const char *const *labels, int n)
{
	cr_assert_eq(got->count, n, "%d rows, expected %d", got->count, n);
	for (int i = 0; i < n; i++)
		cr_expect_str_eq(got->row[i].period.label, labels[i]);
}

static void expect_spend(const char *label, int64_t pence)
{
	cr_expect_eq(row_of(label)->spend_pence, pence, "%s: spend %" PRId64 ", expected %" PRId64,
	             label, row_of(label)->spend_pence, pence);
}

static void expect_counts(const char *label, int64_t children, int64_t new_children,
                          int64_t ended)
{
	const struct growth_row *r = row_of(label);
	cr_expect_eq(r->children, children, "%s: children %" PRId64, label, r->children);
	cr_expect_eq(r->new_children, new_children, "%s: new %" PRId64, label, r->new_children);
	cr_expect_eq(r->ended, ended, "%s: ended %" PRId64, label, r->ended);
}

static void expect_change(const char *label, bool has, int64_t tenths)
{
	const struct growth_row *r = row_of(label);
	cr_expect_eq(r->has_change, has, "%s: has_change %d", label, r->has_change);
	if (has && r->has_change)
		cr_expect_eq(r->change_tenths, tenths, "%s: change %" PRId64 ", expected %" PRId64,
		             label, r->change_tenths, tenths);
}

static int64_t total_spend(void)
{
	int64_t total = 0;
	for (int i = 0; i < got->count; i++)
		total += got->row[i].spend_pence;
	return total;
}

/* ---- the interface ---- */

Test(spot_growth, the_report_is_registered_with_its_columns)
{
	cr_assert_eq(report_find("spot-growth"), &report_spot_growth);
	static const char *const names[] = {"period", "children", "new", "ended", "spend",
	                                    "change_pct"};
	static const enum cell_type types[] = {CELL_TEXT, CELL_INTEGER, CELL_INTEGER, CELL_INTEGER,
	                                       CELL_MONEY, CELL_PERCENT};
	cr_assert_eq(report_spot_growth.column_count, 6);
	for (int i = 0; i < 6; i++) {
		cr_expect_str_eq(report_spot_growth.columns[i].name, names[i]);
		cr_expect_eq(report_spot_growth.columns[i].type, types[i], "%s", names[i]);
	}
	cr_expect_eq(report_spot_growth.min_role, ROLE_TEAMLEAD);
}

Test(spot_growth, no_purchases_no_periods)
{
	growth(PERIOD_FINANCIAL, ymd(2024, 6, 1));
	cr_expect_eq(got->count, 0);
}

Test(spot_growth, no_purchases_between_dates_lists_the_periods_with_zeros)
{
	growth_between(PERIOD_FINANCIAL, ymd(2019, 6, 1), ymd(2021, 4, 1));
	static const char *const labels[] = {"2019-20", "2020-21", "2021-22"};
	expect_labels(labels, 3);
	for (int i = 0; i < 3; i++) {
		expect_counts(labels[i], 0, 0, 0);
		expect_spend(labels[i], 0);
		expect_change(labels[i], false, 0);
	}
}

/* ---- the split ---- */

Test(spot_growth, a_purchase_of_one_day)
{
	add_purchases("SP-1,CH-1,2024-03-31,123.45,2024-03-31");
	growth(PERIOD_FINANCIAL, ymd(2025, 1, 1));
	static const char *const labels[] = {"2023-24"};
	expect_labels(labels, 1);
	expect_spend("2023-24", 12345);
	expect_counts("2023-24", 1, 1, 1);
	expect_change("2023-24", false, 0);
}

Test(spot_growth, financial_year_2023_24_has_366_days)
{
	/* The whole leap year, then a purchase of 366 days with 183 in each
	 * year: 366.01 splits into 183.005 and 183.005, and the odd penny
	 * goes to the earlier year. */
	add_purchases("SP-1,CH-1,2023-04-01,366.00,2024-03-31\n"
	              "SP-2,CH-2,2023-10-01,366.01,2024-09-30");
	growth(PERIOD_FINANCIAL, ymd(2025, 1, 1));
	static const char *const labels[] = {"2023-24", "2024-25"};
	expect_labels(labels, 2);
	expect_spend("2023-24", 36600 + 18301);
	expect_spend("2024-25", 18300);
}

Test(spot_growth, march_of_a_leap_year_against_april)
{
	/* 1 March - 30 April 2024: 31 days in 2023-24, 30 in 2024-25, of 61. */
	add_purchases("SP-1,CH-1,2024-03-01,61.00,2024-04-30");
	growth(PERIOD_FINANCIAL, ymd(2025, 1, 1));
	expect_spend("2023-24", 3100);
	expect_spend("2024-25", 3000);
	expect_counts("2023-24", 1, 1, 0);
	expect_counts("2024-25", 1, 0, 1);
}

Test(spot_growth, a_purchase_spanning_three_years)
{
	/* 1 Jan 2022 - 30 Jun 2023: 90 + 365 + 91 = 546 days.  1000.00 is
	 * 164.83516.., 668.49816.. and 166.66666..: floors 16483, 66849 and
	 * 16666 leave 2p, for the remainders 446 and 364 (of 546) over 282. */
	add_purchases("SP-1,CH-1,2022-01-01,1000.00,2023-06-30");
	growth(PERIOD_FINANCIAL, ymd(2025, 1, 1));
	static const char *const labels[] = {"2021-22", "2022-23", "2023-24"};
	expect_labels(labels, 3);
	expect_spend("2021-22", 16483);
	expect_spend("2022-23", 66850);
	expect_spend("2023-24", 16667);
	cr_expect_eq(total_spend(), 100000);
	/* The same shares as the split in core/period.c. */
	struct period periods[8];
	int64_t shares[8];
	size_t n = prorata_by_period(100000, ymd(2022, 1, 1), ymd(2023, 6, 30), PERIOD_FINANCIAL, 4,
	                             periods, shares, 8);
	cr_assert_eq(n, 3);
	for (size_t i = 0; i < n; i++)
		expect_spend(periods[i].label, shares[i]);
}

/* Each purchase's shares, checked against the split in core/period.c. */
static void expect_split_of(int64_t cost, day_t start, day_t end, const int64_t *want, size_t n)
{
	struct period periods[8];
	int64_t shares[8];
	cr_assert_eq(prorata_by_period(cost, start, end, PERIOD_FINANCIAL, 4, periods, shares, 8), n);
	for (size_t i = 0; i < n; i++) {
		cr_expect_eq(shares[i], want[i], "core/period.c: %s", periods[i].label);
		expect_spend(periods[i].label, want[i]);
	}
}

Test(spot_growth, whole_years_between_rank_by_remainder_then_year)
{
	/* 1 Oct 2019 - 30 Sep 2023: 183 + 365 + 365 + 365 + 183 = 1461 days.
	 * 4p: every floor is 0; the remainders are 732, 1460, 1460, 1460 and
	 * 732, so the three whole years and then the earlier end get one. */
	add_purchases("SP-1,CH-1,2019-10-01,0.04,2023-09-30");
	growth(PERIOD_FINANCIAL, ymd(2025, 1, 1));
	static const int64_t four[] = {1, 1, 1, 1, 0};
	expect_split_of(4, ymd(2019, 10, 1), ymd(2023, 9, 30), four, 5);
}

Test(spot_growth, two_pence_over_five_years_go_to_the_first_whole_years)
{
	/* 2p: remainders 366, 730, 730, 730 and 366. */
	add_purchases("SP-1,CH-1,2019-10-01,0.02,2023-09-30");
	growth(PERIOD_FINANCIAL, ymd(2025, 1, 1));
	static const int64_t two[] = {0, 1, 1, 0, 0};
	expect_split_of(2, ymd(2019, 10, 1), ymd(2023, 9, 30), two, 5);
}

Test(spot_growth, a_leap_year_between_has_its_own_remainder)
{
	/* 1 Oct 2022 - 30 Sep 2025: 182 + 366 + 365 + 183 = 1096 days.  3p:
	 * floors 0, 1, 0, 0 with remainders 546, 2, 1095 and 549: the pence
	 * left over go to 2024-25 and 2025-26. */
	add_purchases("SP-1,CH-1,2022-10-01,0.03,2025-09-30");
	growth(PERIOD_FINANCIAL, ymd(2026, 1, 1));
	static const int64_t three[] = {0, 1, 1, 1};
	expect_split_of(3, ymd(2022, 10, 1), ymd(2025, 9, 30), three, 4);
	expect_counts("2023-24", 1, 0, 0);
	expect_counts("2025-26", 1, 0, 1);
}

Test(spot_growth, a_penny_over_three_equal_years_goes_to_the_earliest)
{
	/* 2020-21, 2021-22 and 2022-23 have 365 days each. */
	add_purchases("SP-1,CH-1,2020-04-01,0.01,2023-03-31");
	growth(PERIOD_FINANCIAL, ymd(2025, 1, 1));
	static const char *const labels[] = {"2020-21", "2021-22", "2022-23"};
	expect_labels(labels, 3);
	expect_spend("2020-21", 1);
	expect_spend("2021-22", 0);
	expect_spend("2022-23", 0);
	expect_change("2020-21", false, 0);
	expect_change("2021-22", true, -1000);
	expect_change("2022-23", false, 0);
	for (int i = 0; i < 3; i++)
		expect_counts(labels[i], 1, i == 0, i == 2);
}

Test(spot_growth, two_pence_over_three_equal_years)
{
	add_purchases("SP-1,CH-1,2020-04-01,0.02,2023-03-31");
	growth(PERIOD_FINANCIAL, ymd(2025, 1, 1));
	expect_spend("2020-21", 1);
	expect_spend("2021-22", 1);
	expect_spend("2022-23", 0);
}

Test(spot_growth, an_open_ended_purchase_runs_to_the_as_of_day)
{
	/* 1 Jan - 31 Dec 2024: 91 days of 2023-24 and 275 of 2024-25. */
	add_purchases("SP-1,CH-1,2024-01-01,366.00,");
	growth(PERIOD_FINANCIAL, ymd(2024, 12, 31));
	static const char *const labels[] = {"2023-24", "2024-25"};
	expect_labels(labels, 2);
	expect_spend("2023-24", 9100);
	expect_spend("2024-25", 27500);
	expect_counts("2023-24", 1, 1, 0);
	expect_counts("2024-25", 1, 0, 0);
	/* Seen from 31 March 2024 it is all in 2023-24, and the list ends
	 * there. */
	growth(PERIOD_FINANCIAL, ymd(2024, 3, 31));
	expect_labels(labels, 1);
	expect_spend("2023-24", 36600);
	/* Seen from 2027 it runs on through 2025-26 into 2026-27. */
	growth(PERIOD_FINANCIAL, ymd(2027, 1, 1));
	cr_expect_eq(got->count, 4);
	cr_expect_eq(total_spend(), 36600);
	expect_counts("2026-27", 1, 0, 0);
}

Test(spot_growth, an_open_ended_purchase_after_the_as_of_day_is_in_its_start_year)
{
	add_purchases("SP-1,CH-1,2026-06-01,500.00,");
	growth(PERIOD_FINANCIAL, ymd(2024, 1, 1));
	static const char *const labels[] = {"2026-27"};
	expect_labels(labels, 1);
	expect_spend("2026-27", 50000);
	expect_counts("2026-27", 1, 1, 0);
}

Test(spot_growth, an_open_ended_purchase_runs_to_the_to_date)
{
	/* To 31 March 2024: 1 Jan - 31 Mar is all of it. */
	add_purchases("SP-1,CH-1,2024-01-01,366.00,");
	struct growth_options opt = {.kind = PERIOD_FINANCIAL, .has_to = true, .to = ymd(2024, 3, 31),
	                             .as_of = ymd(2030, 1, 1)};
	growth_into(got, &opt);
	static const char *const labels[] = {"2023-24"};
	expect_labels(labels, 1);
	expect_spend("2023-24", 36600);
}

/* ---- periods listed ---- */

Test(spot_growth, years_without_activity_between_are_listed_with_zeros)
{
	add_purchases("SP-1,CH-1,2019-05-01,1000.00,2019-06-30\n"
	              "SP-2,CH-2,2022-05-01,2000.00,2022-06-30");
	growth(PERIOD_FINANCIAL, ymd(2025, 1, 1));
	static const char *const labels[] = {"2019-20", "2020-21", "2021-22", "2022-23"};
	expect_labels(labels, 4);
	expect_spend("2019-20", 100000);
	expect_spend("2020-21", 0);
	expect_spend("2021-22", 0);
	expect_spend("2022-23", 200000);
	expect_counts("2020-21", 0, 0, 0);
	expect_counts("2021-22", 0, 0, 0);
	expect_change("2019-20", false, 0);
	expect_change("2020-21", true, -1000);
	/* No change after a year without spend. */
	expect_change("2021-22", false, 0);
	expect_change("2022-23", false, 0);
}

Test(spot_growth, from_and_to_limit_the_periods_but_not_the_shares)
{
	add_purchases("SP-1,CH-1,2022-01-01,1000.00,2023-06-30\n"
	              "SP-2,CH-2,2019-05-01,50.00,2019-05-31");
	growth_between(PERIOD_FINANCIAL, ymd(2022, 6, 1), ymd(2025, 5, 1));
	static const char *const labels[] = {"2022-23", "2023-24", "2024-25", "2025-26"};
	expect_labels(labels, 4);
	expect_spend("2022-23", 66850);
	expect_spend("2023-24", 16667);
	expect_spend("2024-25", 0);
	expect_spend("2025-26", 0);
	/* The first period shown has no change, whatever came before. */
	expect_change("2022-23", false, 0);
	expect_change("2023-24", true, -751);
	expect_counts("2022-23", 1, 0, 0);
	expect_counts("2023-24", 1, 0, 1);
}

Test(spot_growth, from_after_everything_lists_that_period)
{
	add_purchases("SP-1,CH-1,2019-05-01,50.00,2019-05-31");
	struct growth_options opt = {.kind = PERIOD_FINANCIAL, .has_from = true,
	                             .from = ymd(2023, 1, 1), .as_of = ymd(2024, 1, 1)};
	growth_into(got, &opt);
	static const char *const labels[] = {"2022-23"};
	expect_labels(labels, 1);
	expect_spend("2022-23", 0);
}

/* ---- children, new and ended ---- */

Test(spot_growth, new_and_ended_follow_each_childs_first_and_last_purchase)
{
	/* CH-1: two purchases, the second ending 31 May 2022 (2022-23).
	 * CH-2: a closed purchase and an open-ended one: never ended.
	 * CH-3: one purchase in 2020-21. */
	add_purchases("SP-1,CH-1,2019-05-01,100.00,2019-12-31\n"
	              "SP-2,CH-1,2021-06-01,100.00,2022-05-31\n"
	              "SP-3,CH-2,2019-06-01,100.00,2020-02-01\n"
	              "SP-4,CH-2,2020-01-01,100.00,\n"
	              "SP-5,CH-3,2020-07-01,100.00,2020-08-31");
	growth(PERIOD_FINANCIAL, ymd(2022, 12, 31));
	static const char *const labels[] = {"2019-20", "2020-21", "2021-22", "2022-23"};
	expect_labels(labels, 4);
	expect_counts("2019-20", 2, 2, 0);
	expect_counts("2020-21", 2, 1, 1);
	expect_counts("2021-22", 2, 0, 0);
	expect_counts("2022-23", 2, 0, 1);
	cr_expect_eq(total_spend(), 50000);
}

/* ---- labels ---- */

Test(spot_growth, calendar_financial_and_academic_labels)
{
	add_purchases("SP-1,CH-1,2019-10-01,10.00,2019-10-31");
	growth(PERIOD_CALENDAR, ymd(2024, 1, 1));
	static const char *const calendar[] = {"2019"};
	expect_labels(calendar, 1);
	growth(PERIOD_FINANCIAL, ymd(2024, 1, 1));
	static const char *const financial[] = {"2019-20"};
	expect_labels(financial, 1);
	growth(PERIOD_ACADEMIC, ymd(2024, 1, 1));
	static const char *const academic[] = {"2019/20"};
	expect_labels(academic, 1);
	cr_expect_eq(got->row[0].period.start, ymd(2019, 9, 1));
	cr_expect_eq(got->row[0].period.end, ymd(2020, 8, 31));
}

Test(spot_growth, academic_years_split_at_september)
{
	/* 1 Aug - 30 Sep 2020: 31 days in 2019/20, 30 in 2020/21. */
	add_purchases("SP-1,CH-1,2020-08-01,61.00,2020-09-30");
	growth(PERIOD_ACADEMIC, ymd(2024, 1, 1));
	expect_spend("2019/20", 3100);
	expect_spend("2020/21", 3000);
	growth(PERIOD_CALENDAR, ymd(2024, 1, 1));
	expect_spend("2020", 6100);
}

Test(spot_growth, the_financial_year_start_month_comes_from_the_configuration)
{
	add_purchases("SP-1,CH-1,2020-01-01,10.00,2020-01-31");
	f.cfg.financial_year_start_month = 1;
	growth(PERIOD_FINANCIAL, ymd(2024, 1, 1));
	static const char *const labels[] = {"2020"};
	expect_labels(labels, 1);
	f.cfg.financial_year_start_month = 7;
	growth(PERIOD_FINANCIAL, ymd(2024, 1, 1));
	static const char *const july[] = {"2019-20"};
	expect_labels(july, 1);
	cr_expect_eq(got->row[0].period.start, ymd(2019, 7, 1));
}

/* ---- change ---- */

Test(spot_growth, change_of_the_seed_figures)
{
	/* The seeds' spends: +13.8% and +25.4%, not +4.6% and +9.2%. */
	add_purchases("SP-1,CH-1,2019-04-01,1134984,2020-03-31\n"
	              "SP-2,CH-2,2020-04-01,1291166,2021-03-31\n"
	              "SP-3,CH-3,2021-04-01,1618487,2022-03-31");
	growth(PERIOD_FINANCIAL, ymd(2025, 1, 1));
	expect_spend("2019-20", 113498400);
	expect_spend("2020-21", 129116600);
	expect_spend("2021-22", 161848700);
	expect_change("2019-20", false, 0);
	expect_change("2020-21", true, 138);
	expect_change("2021-22", true, 254);
}

Test(spot_growth, change_rounds_half_away_from_zero)
{
	/* 20.00 -> 20.01 is +0.05%, 20.01 -> 20.00 is -0.0499..%, 20.00 ->
	 * 19.99 is -0.05%. */
	add_purchases("SP-1,CH-1,2019-04-01,20.00,2019-04-01\n"
	              "SP-2,CH-1,2020-04-01,20.01,2020-04-01\n"
	              "SP-3,CH-1,2021-04-01,20.00,2021-04-01\n"
	              "SP-4,CH-1,2022-04-01,19.99,2022-04-01");
	growth(PERIOD_FINANCIAL, ymd(2025, 1, 1));
	expect_change("2020-21", true, 1);
	expect_change("2021-22", true, 0);
	expect_change("2022-23", true, -1);
}

/* ---- the report and its roles ---- */

/* Runs the report into a collector this test allocates and frees. */
static int run_report(struct collected *c, const struct report_options *opt, struct error *err)
{
	int rc = collect_report(&f.s, &report_spot_growth, opt, c, err);
	if (rc == 0)
		cr_assert_eq(c->columns, 6);
	return rc;
}

Test(spot_growth, the_report_streams_cells)
{
	add_purchases("SP-1,CH-1,2019-04-01,1134984,2020-03-31\n"
	              "SP-2,CH-2,2020-04-01,1291166,2021-03-31");
	struct collected *c = calloc(1, sizeof *c);
	cr_assert_not_null(c);
	struct error err = {0};
	struct report_options opt = {.on = ymd(2024, 1, 1), .period = PERIOD_FINANCIAL};
	cr_assert_eq(run_report(c, &opt, &err), 0, "%s", err.msg);
	cr_expect(c->ended);
	cr_expect_str_eq(c->title, "Spot-purchased therapy by financial year");
	cr_assert_eq(c->rows, 2);
	cr_expect_str_eq(c->text[0][0], "2019-20");
	cr_expect_str_eq(c->text[1][0], "2020-21");
	cr_expect_eq(c->n[0][1], 1);
	cr_expect_eq(c->n[0][4], 113498400);
	cr_expect(c->null[0][5]);
	cr_expect_not(c->null[1][5]);
	cr_expect_eq(c->n[1][5], 138);
	opt.period = PERIOD_ACADEMIC;
	cr_assert_eq(run_report(c, &opt, &err), 0, "%s", err.msg);
	cr_expect_str_eq(c->title, "Spot-purchased therapy by academic year");
	cr_expect_str_eq(c->text[0][0], "2018/19");
	opt.period = PERIOD_CALENDAR;
	cr_assert_eq(run_report(c, &opt, &err), 0, "%s", err.msg);
	cr_expect_str_eq(c->title, "Spot-purchased therapy by calendar year");
	cr_expect_str_eq(c->text[0][0], "2019");
	free(c);
}

Test(spot_growth, the_report_takes_to_as_the_as_of_day)
{
	add_purchases("SP-1,CH-1,2024-01-01,366.00,");
	struct collected *c = calloc(1, sizeof *c);
	cr_assert_not_null(c);
	struct error err = {0};
	struct report_options opt = {.on = ymd(2030, 1, 1), .period = PERIOD_FINANCIAL,
	                             .has_to = true, .to = ymd(2024, 12, 31)};
	cr_assert_eq(run_report(c, &opt, &err), 0, "%s", err.msg);
	cr_assert_eq(c->rows, 2);
	cr_expect_eq(c->n[0][4], 9100);
	cr_expect_eq(c->n[1][4], 27500);
	free(c);
}

Test(spot_growth, a_caseworker_may_not_see_it)
{
	add_purchases("SP-1,CH-1,2024-01-01,366.00,");
	fixture_act_as(&f, ROLE_CASEWORKER);
	struct collected *c = calloc(1, sizeof *c);
	cr_assert_not_null(c);
	struct error err = {0};
	struct report_options opt = {.on = ymd(2024, 6, 1), .period = PERIOD_FINANCIAL};
	cr_expect_eq(run_report(c, &opt, &err), EX_NOPERM);
	cr_expect_eq(c->rows, 0);
	free(c);
	error_clear(&err);
	struct growth_options g = {.kind = PERIOD_FINANCIAL, .as_of = ymd(2024, 6, 1)};
	cr_expect_eq(spot_growth(&f.s, &g, collect, got, &err), EX_NOPERM);
	cr_expect_eq(got->count, 0);
}

Test(spot_growth, a_teamlead_may)
{
	add_purchases("SP-1,CH-1,2024-01-01,366.00,");
	fixture_act_as(&f, ROLE_TEAMLEAD);
	growth(PERIOD_FINANCIAL, ymd(2024, 6, 1));
	cr_expect_eq(got->count, 2);
}

/* ---- against brute force ---- */

#define RANDOM_CHILDREN 300
#define RANDOM_PURCHASES 3000
#define MAX_PERIODS 64

/* A small deterministic generator (64-bit LCG, high bits). */
static uint64_t lcg_state;

static uint32_t next_random(uint32_t bound)
{
	lcg_state = lcg_state * 6364136223846793005u + 1442695040888963407u;
	return (uint32_t)((lcg_state >> 33) % bound);
}

struct purchase {
	int child;
	day_t start, end;   /* end < start: open-ended */
	int64_t cost;
};

static struct purchase *make_purchases(void)
{
	struct purchase *p = calloc(RANDOM_PURCHASES, sizeof *p);
	cr_assert_not_null(p);
	lcg_state = 20240401;
	day_t base = ymd(2015, 1, 1);
	for (int i = 0; i < RANDOM_PURCHASES; i++) {
		p[i].child = 1 + (int)next_random(RANDOM_CHILDREN);
		p[i].start = base + (day_t)next_random(3650);
		uint32_t shape = next_random(20);
		if (shape < 2)
			p[i].end = p[i].start - 1;                 /* open-ended */
		else if (shape < 4)
			p[i].end = p[i].start;                     /* one day */
		else
			p[i].end = p[i].start + (day_t)next_random(1500);
		uint32_t money = next_random(10);
		p[i].cost = money == 0 ? (int64_t)next_random(4)      /* 0-3 pence */
		          : money == 1 ? INT64_C(99999999999) - next_random(1000)
		          : (int64_t)next_random(5000000);
	}
	return p;
}

static void import_purchases(const struct purchase *p)
{
	size_t len = 128 + (size_t)RANDOM_PURCHASES * 96;
	char *csv = malloc(len);
	cr_assert_not_null(csv);
	size_t used = (size_t)snprintf(csv, len, "ref,child,provider,therapy,start_date,cost,end_date\n");
	for (int i = 0; i < RANDOM_PURCHASES; i++) {
		char start[DATE_TEXT_MAX], end[DATE_TEXT_MAX] = "";
		date_format(p[i].start, start);
		if (p[i].end >= p[i].start)
			date_format(p[i].end, end);
		used += (size_t)snprintf(csv + used, len - used, "SP-%d,CH-%d,IND%d,ot,%s,%" PRId64 ".%02d,%s\n",
		                         i + 1, p[i].child, 1 + i % 2, start, p[i].cost / 100,
		                         (int)(p[i].cost % 100), end);
		cr_assert_lt(used, len);
	}
	import_ok("spot-purchases", csv);
	free(csv);
}

struct expected {
	int first_year, count;     /* periods from the one starting in first_year */
	int64_t spend[MAX_PERIODS];
	int64_t children[MAX_PERIODS], new_children[MAX_PERIODS], ended[MAX_PERIODS];
};

static int slot_of(struct expected *e, enum period_kind kind, int month, day_t d)
{
	struct period p;
	period_containing(kind, month, d, &p);
	int i = p.year - e->first_year;
	cr_assert(i >= 0 && i < MAX_PERIODS, "period %s out of range", p.label);
	if (i + 1 > e->count)
		e->count = i + 1;
	return i;
}

/* Each purchase split on its own by prorata_by_period, and summed. */
static void brute_force(const struct purchase *p, enum period_kind kind, int month, day_t open_end,
                        struct expected *e)
{
	memset(e, 0, sizeof *e);
	e->first_year = 2013;
	static bool seen[RANDOM_CHILDREN + 1][MAX_PERIODS];
	day_t first[RANDOM_CHILDREN + 1], last[RANDOM_CHILDREN + 1];
	bool open[RANDOM_CHILDREN + 1], any[RANDOM_CHILDREN + 1];
	memset(seen, 0, sizeof seen);
	memset(open, 0, sizeof open);
	memset(any, 0, sizeof any);
	memset(last, 0, sizeof last);
	for (int i = 0; i < RANDOM_PURCHASES; i++) {
		bool is_open = p[i].end < p[i].start;
		day_t end = is_open ? (open_end > p[i].start ? open_end : p[i].start) : p[i].end;
		struct period periods[MAX_PERIODS];
		int64_t shares[MAX_PERIODS];
		size_t n = prorata_by_period(p[i].cost, p[i].start, end, kind, month, periods, shares,
		                             MAX_PERIODS);
		cr_assert_leq(n, MAX_PERIODS);
		int64_t sum = 0;
		for (size_t k = 0; k < n; k++) {
			int slot = slot_of(e, kind, month, periods[k].start);
			e->spend[slot] += shares[k];
			seen[p[i].child][slot] = true;
			sum += shares[k];
		}
		cr_assert_eq(sum, p[i].cost);
		int c = p[i].child;
		if (!any[c] || p[i].start < first[c])
			first[c] = p[i].start;
		if (is_open)
			open[c] = true;
		else if (p[i].end > last[c])
			last[c] = p[i].end;
		any[c] = true;
	}
	for (int c = 1; c <= RANDOM_CHILDREN; c++) {
		for (int k = 0; k < MAX_PERIODS; k++)
			e->children[k] += seen[c][k];
		if (!any[c])
			continue;
		e->new_children[slot_of(e, kind, month, first[c])]++;
		if (!open[c])
			e->ended[slot_of(e, kind, month, last[c])]++;
	}
}

/* The report's rows against the brute force, period by period. */
static void expect_brute_force(const struct expected *e, enum period_kind kind, int month)
{
	cr_assert_gt(got->count, 0);
	for (int r = 0; r < got->count; r++) {
		const struct growth_row *row = &got->row[r];
		int i = row->period.year - e->first_year;
		cr_assert(i >= 0 && i < MAX_PERIODS, "period %s", row->period.label);
		struct period want;
		period_containing(kind, month, row->period.start, &want);
		cr_expect_str_eq(row->period.label, want.label);
		cr_expect_eq(row->spend_pence, e->spend[i], "%s: spend %" PRId64 ", brute force %" PRId64,
		             row->period.label, row->spend_pence, e->spend[i]);
		cr_expect_eq(row->children, e->children[i], "%s: children", row->period.label);
		cr_expect_eq(row->new_children, e->new_children[i], "%s: new", row->period.label);
		cr_expect_eq(row->ended, e->ended[i], "%s: ended", row->period.label);
		if (r > 0) {
			cr_expect_eq(row->period.start, got->row[r - 1].period.end + 1, "periods in order");
			cr_expect_eq(row->has_change, got->row[r - 1].spend_pence > 0);
		}
	}
}

static int first_active(const struct expected *e)
{
	for (int i = 0; i < e->count; i++)
		if (e->children[i] > 0)
			return i;
	return -1;
}

Test(spot_growth, equals_a_brute_force_split, .timeout = 120)
{
	add_children(6, RANDOM_CHILDREN);
	struct purchase *p = make_purchases();
	import_purchases(p);
	static const struct {
		enum period_kind kind;
		int month;
	} years[] = {{PERIOD_FINANCIAL, 4}, {PERIOD_ACADEMIC, 9}, {PERIOD_CALENDAR, 1}};
	day_t as_of = ymd(2026, 2, 14);
	struct expected *e = calloc(1, sizeof *e);
	cr_assert_not_null(e);
	for (size_t k = 0; k < sizeof years / sizeof years[0]; k++) {
		brute_force(p, years[k].kind, years[k].month, as_of, e);
		growth(years[k].kind, as_of);
		int first = first_active(e);
		cr_assert_geq(first, 0);
		cr_assert_eq(got->count, e->count - first, "%d periods, brute force %d", got->count,
		             e->count - first);
		cr_expect_eq(got->row[0].period.year, e->first_year + first);
		expect_brute_force(e, years[k].kind, years[k].month);
		int64_t total = 0, want = 0;
		for (int i = 0; i < RANDOM_PURCHASES; i++)
			want += p[i].cost;
		total = total_spend();
		cr_expect_eq(total, want, "the shares add up to the costs");
	}
	/* Limited to 2018-2021, the shares shown are the same. */
	day_t to = ymd(2021, 6, 30);
	brute_force(p, PERIOD_FINANCIAL, 4, to, e);
	growth_between(PERIOD_FINANCIAL, ymd(2018, 1, 1), to);
	cr_assert_eq(got->count, 5);
	cr_expect_str_eq(got->row[0].period.label, "2017-18");
	cr_expect_str_eq(got->row[4].period.label, "2021-22");
	expect_brute_force(e, PERIOD_FINANCIAL, 4);
	free(e);
	free(p);
}
