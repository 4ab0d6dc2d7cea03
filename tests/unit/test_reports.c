/* test_reports.c: contract lifetime values, the contracts report's flags
 * and the coverage gaps and overlaps, on the demo data; and a report
 * whose stop() answers true while it runs (a screen's Esc over a long
 * report) ends there and says so, one never stopped runs whole, and the
 * connection is no longer watched after. */
#include "core/report.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/report_contracts.h"
#include "core/report_coverage.h"
#include "tests/support/collect.h"
#include "tests/support/fixture.h"

#define FY_APRIL 4

static day_t ymd(int y, int m, int d)
{
	return date_from_ymd(y, m, d);
}

static int64_t one_rate(day_t start, day_t end, int64_t pence)
{
	struct rate_change rate = {start, pence};
	return contract_lifetime_value(start, end, &rate, 1, FY_APRIL);
}

/* round(a * days / year) in whole pence, half up. */
static int64_t pro_rata(int64_t a, int64_t days, int64_t year)
{
	return (a * days + year / 2) / year;
}

Test(reports, lifetime_full_financial_year_at_one_rate_is_the_rate)
{
	cr_assert_eq(one_rate(ymd(2024, 4, 1), ymd(2025, 3, 31), 75290500), 75290500);
	cr_assert_eq(one_rate(ymd(2025, 4, 1), ymd(2026, 3, 31), 61003701), 61003701);
}

Test(reports, lifetime_several_whole_years_are_whole_rates)
{
	cr_assert_eq(one_rate(ymd(2022, 4, 1), ymd(2025, 3, 31), 91654900), 3 * 91654900);
}

Test(reports, lifetime_seventeen_months_is_a_year_and_153_days)
{
	int64_t want = 75290500 + pro_rata(75290500, 153, 365);
	cr_assert_eq(want, 106850627);
	cr_assert_eq(one_rate(ymd(2024, 4, 1), ymd(2025, 8, 31), 75290500), want);
}

Test(reports, lifetime_part_year_is_pro_rata_by_days_inclusive)
{
	/* 1 April to 30 April: 30 days of 365. */
	cr_assert_eq(one_rate(ymd(2024, 4, 1), ymd(2024, 4, 30), 36500000), 3000000);
	/* A single day. */
	cr_assert_eq(one_rate(ymd(2024, 6, 1), ymd(2024, 6, 1), 36500000), 100000);
}

Test(reports, lifetime_rate_change_mid_year_is_pro_rata_by_days)
{
	/* 183 days (April-September) at 365,000.00 a year, then 182 days at
	 * 730,000.00: 100,000 and 200,000 pence a day. */
	struct rate_change rates[] = {{ymd(2024, 4, 1), 36500000}, {ymd(2024, 10, 1), 73000000}};
	int64_t v = contract_lifetime_value(ymd(2024, 4, 1), ymd(2025, 3, 31), rates, 2, FY_APRIL);
	cr_assert_eq(v, 183 * INT64_C(100000) + 182 * INT64_C(200000));
}

Test(reports, lifetime_rate_change_across_years)
{
	struct rate_change rates[] = {{ymd(2024, 4, 1), 75290500}, {ymd(2025, 4, 1), 80000000}};
	int64_t v = contract_lifetime_value(ymd(2024, 4, 1), ymd(2025, 8, 31), rates, 2, FY_APRIL);
	cr_assert_eq(v, 75290500 + pro_rata(80000000, 153, 365));
}

Test(reports, lifetime_leap_financial_year_has_366_days)
{
	/* FY 2023-24 holds 29 February 2024. */
	cr_assert_eq(one_rate(ymd(2023, 4, 1), ymd(2024, 3, 31), 75290500), 75290500);
	cr_assert_eq(one_rate(ymd(2023, 4, 1), ymd(2023, 9, 30), 36600000), 18300000);
	cr_assert_eq(one_rate(ymd(2024, 3, 1), ymd(2024, 3, 31), 75290500), pro_rata(75290500, 31, 366));
}

Test(reports, lifetime_financial_year_start_month_is_configurable)
{
	struct rate_change rate = {ymd(2024, 1, 1), 36600000};
	/* Calendar financial years: 2024 is a whole (leap) year. */
	cr_assert_eq(contract_lifetime_value(ymd(2024, 1, 1), ymd(2024, 12, 31), &rate, 1, 1), 36600000);
	/* April years: 91 days of FY 2023-24 (366) and 275 of FY 2024-25 (365). */
	cr_assert_eq(contract_lifetime_value(ymd(2024, 1, 1), ymd(2024, 12, 31), &rate, 1, FY_APRIL),
	             pro_rata(36600000, 91, 366) + pro_rata(36600000, 275, 365));
}

/* ---- the reports, on the demo data, into a collecting sink ---- */

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

TestSuite(reports, .init = setup, .fini = teardown);

static int run_report(const char *name, day_t on, struct error *err)
{
	const struct report *r = report_find(name);
	cr_assert_not_null(r, "no report %s", name);
	struct report_options opt = {.on = on, .period = PERIOD_FINANCIAL};
	return collect_report(&f.s, r, &opt, got, err);
}

static void run_ok(const char *name, day_t on)
{
	struct error err;
	int rc = run_report(name, on, &err);
	cr_assert_eq(rc, 0, "%s: %s", name, err.msg);
	cr_assert(got->ended, "%s: the sink was not ended", name);
}

static int column(const char *name)
{
	return collected_column(got, name);
}

/* The row whose first cell is key (and second, when given, is key2). */
static int find_row(const char *key, const char *key2)
{
	for (int r = 0; r < got->rows; r++)
		if (strcmp(got->text[r][0], key) == 0 && (key2 == NULL || strcmp(got->text[r][1], key2) == 0))
			return r;
	return -1;
}

static const char *flags_of(const char *ref)
{
	int r = find_row(ref, NULL);
	cr_assert_geq(r, 0, "no row for %s", ref);
	return got->text[r][column("flags")];
}

static bool has_flag(const char *flags, const char *flag)
{
	size_t n = strlen(flag);
	for (const char *p = flags; (p = strstr(p, flag)) != NULL; p += n)
		if ((p == flags || p[-1] == ';') && (p[n] == '\0' || p[n] == ';'))
			return true;
	return false;
}

static const char *const demo_contracts[] = {
	"EKHUFT-2023", "EKHUFT-2024", "KCHFT-E-2023", "KCHFT-E-2024", "KCHFT-W-2023", "KCHFT-W-2024",
};

Test(reports, the_two_reports_are_known)
{
	cr_assert_eq(report_find("contracts"), &report_contracts);
	cr_assert_eq(report_find("coverage-gaps"), &report_coverage_gaps);
	cr_assert_null(report_find("coverage"));
}

Test(reports, contracts_columns_are_the_interface)
{
	/* The documented columns, then those appended after them. */
	static const char *const names[] = {"ref", "provider", "annual_value", "start_date", "end_date",
	                                    "lifetime_value", "status", "flags", "kcc_amount",
	                                    "other_funders_amount", "total_amount"};
	cr_assert_eq(report_contracts.column_count, 11);
	for (int i = 0; i < 11; i++)
		cr_expect_str_eq(report_contracts.columns[i].name, names[i]);
	static const char *const gaps[] = {"district", "therapy", "problem", "contracts", "services"};
	cr_assert_eq(report_coverage_gaps.column_count, 5);
	for (int i = 0; i < 5; i++)
		cr_expect_str_eq(report_coverage_gaps.columns[i].name, gaps[i]);
}

Test(reports, contracts_lists_the_six_in_ref_order_with_values)
{
	run_ok("contracts", ymd(2024, 6, 1));
	cr_assert_eq(got->rows, 7, "the six contracts and the KM CAT service");
	for (int i = 0; i < 6; i++)
		cr_expect_str_eq(got->text[i][0], demo_contracts[i]);
	cr_expect_str_eq(got->text[6][0], "KMCAT-2023");
	int r = find_row("EKHUFT-2024", NULL);
	cr_expect_str_eq(got->text[r][column("provider")], "EKHUFT");
	cr_expect_eq(got->n[r][column("annual_value")], 75290500);
	cr_expect_eq(got->n[r][column("start_date")], ymd(2024, 4, 1));
	cr_expect_eq(got->n[r][column("end_date")], ymd(2025, 8, 31));
	cr_expect_eq(got->n[r][column("lifetime_value")], 106850627);
	cr_expect_str_eq(got->text[r][column("status")], "active");
	r = find_row("EKHUFT-2023", NULL);
	cr_expect_eq(got->n[r][column("lifetime_value")], 75290500);
	cr_expect_str_eq(got->text[r][column("status")], "ended");
	r = find_row("KCHFT-W-2024", NULL);
	cr_expect_eq(got->n[r][column("lifetime_value")], 91654900 + pro_rata(91654900, 153, 365));
}

Test(reports, on_2024_06_01_the_six_are_unsigned)
{
	run_ok("contracts", ymd(2024, 6, 1));
	for (int i = 0; i < 6; i++) {
		const char *flags = flags_of(demo_contracts[i]);
		cr_expect(has_flag(flags, "unsigned"), "%s: '%s'", demo_contracts[i], flags);
		cr_expect_not(has_flag(flags, "expired"), "%s: '%s'", demo_contracts[i], flags);
		cr_expect_not(has_flag(flags, "ending-soon"), "%s: '%s'", demo_contracts[i], flags);
		cr_expect_not(has_flag(flags, "key-decision-no-ref"), "%s: '%s'", demo_contracts[i], flags);
	}
}

Test(reports, on_2025_07_15_the_2024_contracts_are_ending_soon)
{
	run_ok("contracts", ymd(2025, 7, 15));
	for (int i = 0; i < 6; i++) {
		const char *flags = flags_of(demo_contracts[i]);
		bool of_2024 = strstr(demo_contracts[i], "2024") != NULL;
		cr_expect(has_flag(flags, "unsigned"), "%s: '%s'", demo_contracts[i], flags);
		cr_expect_eq(has_flag(flags, "ending-soon"), of_2024, "%s: '%s'", demo_contracts[i], flags);
		cr_expect_not(has_flag(flags, "expired"), "%s: '%s'", demo_contracts[i], flags);
	}
	cr_expect_str_eq(flags_of("EKHUFT-2024"), "unsigned;ending-soon");
}

Test(reports, on_2026_01_01_the_2024_contracts_are_expired)
{
	run_ok("contracts", ymd(2026, 1, 1));
	for (int i = 0; i < 6; i++) {
		const char *flags = flags_of(demo_contracts[i]);
		bool of_2024 = strstr(demo_contracts[i], "2024") != NULL;
		/* The 2023 contracts are marked ended: not expired. */
		cr_expect_eq(has_flag(flags, "expired"), of_2024, "%s: '%s'", demo_contracts[i], flags);
		cr_expect_not(has_flag(flags, "ending-soon"), "%s: '%s'", demo_contracts[i], flags);
	}
}

Test(reports, a_key_decision_without_a_decision_number_is_flagged)
{
	char problems[1024];
	int rc = fixture_import(&f, "contracts",
		"ref,provider,annual_value,start_date,end_date,status,signed_date,decision_ref\n"
		"BIG,KCHFT,1000000.01,2024-04-01,2025-03-31,active,2024-03-01,\n"
		"BIG-REF,KCHFT,2000000,2024-04-01,2025-03-31,active,2024-03-01,24/99999\n"
		"EXACT,KCHFT,1000000,2024-04-01,2025-03-31,active,2024-03-01,\n",
		problems, sizeof problems);
	cr_assert_eq(rc, 0, "%s", problems);
	run_ok("contracts", ymd(2024, 6, 1));
	cr_expect_str_eq(flags_of("BIG"), "key-decision-no-ref");
	cr_expect_str_eq(flags_of("BIG-REF"), "");
	/* Exactly the threshold is not above it. */
	cr_expect_str_eq(flags_of("EXACT"), "");
}

Test(reports, lifetime_follows_the_value_history)
{
	char problems[1024];
	int rc = fixture_import(&f, "contract-values",
		"contract,from_date,annual_value\nEKHUFT-2024,2025-04-01,800000\n", problems,
		sizeof problems);
	cr_assert_eq(rc, 0, "%s", problems);
	run_ok("contracts", ymd(2024, 6, 1));
	int r = find_row("EKHUFT-2024", NULL);
	cr_assert_geq(r, 0);
	cr_expect_eq(got->n[r][column("lifetime_value")], 75290500 + pro_rata(80000000, 153, 365));
}

Test(reports, coverage_gaps_on_2024_06_01)
{
	run_ok("coverage-gaps", ymd(2024, 6, 1));
	static const char *const therapies[] = {"slt", "ot", "pt", "at", "assistant"};
	for (int t = 0; t < 5; t++) {
		int r = find_row("Swale", therapies[t]);
		cr_expect_geq(r, 0, "Swale %s is not a gap", therapies[t]);
		if (r >= 0) {
			cr_expect_str_eq(got->text[r][2], "gap");
			cr_expect(got->null[r][3], "a gap lists contracts: %s", got->text[r][3]);
		}
	}
	int r = find_row("Ashford", "pt");
	cr_assert_geq(r, 0, "Ashford pt is not a gap");
	cr_expect_str_eq(got->text[r][2], "gap");
	cr_expect_lt(find_row("Ashford", "slt"), 0, "Ashford slt is covered once");
	cr_expect_lt(find_row("Ashford", "ot"), 0, "Ashford ot is covered once");
	cr_expect_lt(find_row("Canterbury", "pt"), 0, "Canterbury pt is covered once");
	cr_expect_geq(find_row("Canterbury", "at"), 0, "no contract covers at");
	for (int i = 0; i < got->rows; i++)
		cr_expect_str_eq(got->text[i][2], "gap", "%s %s", got->text[i][0], got->text[i][1]);
}

Test(reports, coverage_gaps_count_on_2024_06_01)
{
	run_ok("coverage-gaps", ymd(2024, 6, 1));
	/* Swale: 5; at elsewhere: 11; the three EKHUFT districts: pt and
	 * assistant each (6). */
	cr_assert_eq(got->rows, 5 + 11 + 6);
	/* Rows follow the configured order of districts, then therapies. */
	cr_expect_str_eq(got->text[0][0], "Ashford");
	cr_expect_str_eq(got->text[0][1], "pt");
	cr_expect_str_eq(got->text[got->rows - 1][0], "Tunbridge Wells");
	cr_expect_str_eq(got->text[got->rows - 1][1], "at");
}

Test(reports, a_second_contract_makes_an_overlap)
{
	char problems[1024];
	int rc = fixture_import(&f, "contracts",
		"ref,provider,annual_value,start_date,end_date,status\n"
		"ASH-SLT,KCHFT,1000,2024-01-01,2024-12-31,active\n", problems, sizeof problems);
	cr_assert_eq(rc, 0, "%s", problems);
	rc = fixture_import(&f, "coverage", "contract,district,therapy\nASH-SLT,Ashford,slt\n", problems,
	                    sizeof problems);
	cr_assert_eq(rc, 0, "%s", problems);
	run_ok("coverage-gaps", ymd(2024, 6, 1));
	int r = find_row("Ashford", "slt");
	cr_assert_geq(r, 0, "Ashford slt is not reported");
	cr_expect_str_eq(got->text[r][2], "overlap");
	cr_expect_str_eq(got->text[r][3], "ASH-SLT;EKHUFT-2024");
	/* Before the second contract starts there is none. */
	run_ok("coverage-gaps", ymd(2023, 12, 31));
	cr_expect_lt(find_row("Ashford", "slt"), 0);
}

Test(reports, a_draft_contract_does_not_cover)
{
	char problems[1024];
	int rc = fixture_import(&f, "contracts",
		"ref,provider,annual_value,start_date,end_date,status\n"
		"SWA-DRAFT,MCH,1000,2024-01-01,2024-12-31,draft\n", problems, sizeof problems);
	cr_assert_eq(rc, 0, "%s", problems);
	rc = fixture_import(&f, "coverage", "contract,district,therapy\nSWA-DRAFT,SWA,slt\n", problems,
	                    sizeof problems);
	cr_assert_eq(rc, 0, "%s", problems);
	run_ok("coverage-gaps", ymd(2024, 6, 1));
	int r = find_row("Swale", "slt");
	cr_assert_geq(r, 0);
	cr_expect_str_eq(got->text[r][2], "gap");
}

Test(reports, after_the_contracts_end_everything_is_a_gap)
{
	run_ok("coverage-gaps", ymd(2025, 9, 1));
	cr_assert_eq(got->rows, 12 * 5);
}

Test(reports, caseworker_may_run_both_reports)
{
	fixture_act_as(&f, ROLE_CASEWORKER);
	run_ok("contracts", ymd(2024, 6, 1));
	cr_expect_eq(got->rows, 7);
	run_ok("coverage-gaps", ymd(2024, 6, 1));
	cr_expect_gt(got->rows, 0);
}

Test(reports, no_role_may_run_no_report)
{
	fixture_act_as(&f, ROLE_NONE);
	struct error err;
	cr_assert_eq(run_report("contracts", ymd(2024, 6, 1), &err), EX_NOPERM, "%s", err.msg);
	cr_expect(strstr(err.msg, "may not") != NULL, "%s", err.msg);
	cr_expect_eq(got->rows, 0);
	cr_assert_eq(run_report("coverage-gaps", ymd(2024, 6, 1), &err), EX_NOPERM, "%s", err.msg);
}

Test(reports, coverage_on_fills_the_grid)
{
	int cells = f.cfg.district_count * f.cfg.therapy_count;
	struct coverage_cell *grid = calloc((size_t)cells, sizeof *grid);
	cr_assert_not_null(grid);
	struct error err = {0};
	cr_assert_eq(coverage_on(&f.s, ymd(2024, 6, 1), grid, &err), 0, "%s", err.msg);
	/* Ashford is district 0, slt therapy 0; Canterbury district 1, pt 2. */
	cr_expect_eq(grid[0].contracts, 1);
	cr_expect_str_eq(grid[0].refs, "EKHUFT-2024");
	cr_expect_eq(grid[1 * f.cfg.therapy_count + 2].contracts, 1);
	cr_expect_str_eq(grid[1 * f.cfg.therapy_count + 2].refs, "KCHFT-E-2024");
	cr_expect_eq(grid[8 * f.cfg.therapy_count + 0].contracts, 0, "Swale slt");
	cr_expect_null(grid[8 * f.cfg.therapy_count + 0].refs, "Swale slt");
	coverage_cells_free(grid, (size_t)cells);
	free(grid);
}

/* Forty overlapping contracts: every ref is listed, none cut off. */
Test(reports, an_overlap_of_many_contracts_lists_every_ref)
{
	char contracts[8192] = "ref,provider,annual_value,start_date,end_date,status\n";
	char cover[8192] = "contract,district,therapy\n";
	char expected[2048] = "";
	for (int i = 0; i < 40; i++) {
		char line[160];
		snprintf(line, sizeof line, "ASHFORD-SLT-OVERLAP-%02d,KCHFT,1000,2024-01-01,2024-12-31,active\n", i);
		strcat(contracts, line);
		snprintf(line, sizeof line, "ASHFORD-SLT-OVERLAP-%02d,Ashford,slt\n", i);
		strcat(cover, line);
		snprintf(line, sizeof line, "ASHFORD-SLT-OVERLAP-%02d;", i);
		strcat(expected, line);
	}
	strcat(expected, "EKHUFT-2024");     /* refs in order: 'A' before 'E' */
	char problems[1024];
	cr_assert_eq(fixture_import(&f, "contracts", contracts, problems, sizeof problems), 0, "%s", problems);
	cr_assert_eq(fixture_import(&f, "coverage", cover, problems, sizeof problems), 0, "%s", problems);
	int cells = f.cfg.district_count * f.cfg.therapy_count;
	struct coverage_cell *grid = calloc((size_t)cells, sizeof *grid);
	cr_assert_not_null(grid);
	struct error err = {0};
	cr_assert_eq(coverage_on(&f.s, ymd(2024, 6, 1), grid, &err), 0, "%s", err.msg);
	cr_expect_eq(grid[0].contracts, 41);
	cr_expect_str_eq(grid[0].refs, expected);
	coverage_cells_free(grid, (size_t)cells);
	free(grid);
}

/* ---- a report stopped while it runs ---- */

/* Answers true from its stop_at-th question on (0: never). */
struct asker {
	int calls, stop_at;
};

static bool ask(void *ctx)
{
	struct asker *a = ctx;
	a->calls++;
	return a->stop_at > 0 && a->calls >= a->stop_at;
}

static int run_asked(const char *name, struct asker *a, struct error *err)
{
	struct report_options opt = {.on = date_today()};
	if (a != NULL) {
		opt.stop = ask;
		opt.stop_ctx = a;
	}
	memset(got, 0, sizeof *got);
	return collect_report(&f.s, report_find(name), &opt, got, err);
}

Test(reports, never_stopped_it_runs_whole_and_the_watch_ends_with_it)
{
	struct error err = {0};
	cr_assert_eq(run_asked("provision-shortfall", NULL, &err), 0, "%s", err.msg);
	int whole = got->rows;
	cr_assert_gt(whole, 5, "the demo has short entries: %d", whole);
	struct asker a = {0, 0};
	cr_assert_eq(run_asked("provision-shortfall", &a, &err), 0, "%s", err.msg);
	cr_expect_eq(got->rows, whole);
	cr_assert_geq(a.calls, 3, "asked along the way, not only at the start: %d", a.calls);

	/* No longer watched: a report run without a stop is not asked. */
	a.stop_at = 1;
	int calls = a.calls;
	cr_assert_eq(run_asked("provision-shortfall", NULL, &err), 0, "%s", err.msg);
	cr_expect_eq(got->rows, whole);
	cr_expect_eq(a.calls, calls);
}

Test(reports, asked_before_it_starts_it_gives_no_row)
{
	struct error err = {0};
	struct asker a = {0, 1};
	cr_assert_eq(run_asked("provision-shortfall", &a, &err), EX_TEMPFAIL);
	cr_expect_str_eq(err.msg, "the provision-shortfall report was stopped");
	cr_expect_eq(got->rows, 0);
}

Test(reports, asked_while_it_runs_it_stops_there_and_says_so)
{
	struct error err = {0};
	struct asker a = {0, 3};
	cr_assert_eq(run_asked("provision-shortfall", &a, &err), EX_TEMPFAIL, "%s", err.msg);
	cr_expect_str_eq(err.msg, "the provision-shortfall report was stopped before it ended");
	cr_expect_eq(a.calls, 3, "not asked again once stopped: %d", a.calls);
	/* The next run is whole. */
	cr_assert_eq(run_asked("provision-shortfall", NULL, &err), 0, "%s", err.msg);
	cr_expect_gt(got->rows, 5);
}
