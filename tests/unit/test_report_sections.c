/* test_report_sections.c: the sections and provision-shortfall reports,
 * from hand-computed figures on the demo data plus entries of their own. */
#include "core/report_sections.h"

#include <criterion/criterion.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/report_shortfall.h"
#include "tests/support/collect.h"
#include "tests/support/fixture.h"

static struct fixture f;
static struct collected *got;

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

/* Entries around 1-14 March 2024:
 *   TE-1  F slt, open,                60/week: 14 days = 120, 90 delivered
 *   TE-2  F slt, to the year's end,   30/week: 60, 60 delivered
 *   TE-3  G ot,  from 8 March,        70/week: 7 days = 70, none delivered
 *   TE-4  G ot,  ended 29 February,   60/week: outside the range
 *   TE-5  G slt, open,                no minutes
 *   TE-6  F slt, 1-3 March,           45/week: 3 days = 19 (135/7), the
 *                                     provision after its end not counted
 *   TE-7  F slt, from 10 March,       15/week: 5 days = 10 (75/7)
 *   TE-8  F ot,  from 11 March,       no minutes */
static void setup(void)
{
	fixture_init(&f, true);
	import_ok("therapy-entries",
	          "ref,child,section,therapy,start_date,end_date,funding,contract,"
	          "minutes_per_week,level,strand,description\n"
	          "TE-1,CH-0001,F,slt,2024-01-01,,,,60,,,\n"
	          "TE-2,CH-0002,F,slt,2024-01-01,2024-12-31,,,30,,,\n"
	          "TE-3,CH-0003,G,ot,2024-03-08,,,,70,,,\n"
	          "TE-4,CH-0001,G,ot,2023-01-01,,,,60,,,\n"
	          "TE-5,CH-0002,G,slt,2024-01-01,,,,,,,\n"
	          "TE-6,CH-0004,F,slt,2024-03-01,,,,45,,,\n"
	          "TE-7,CH-0001,F,slt,2024-03-10,,,,15,,,\n"
	          "TE-8,CH-0005,F,ot,2024-03-11,,,,,,,\n");
	import_ok("provision",
	          "entry,date,minutes\n"
	          "TE-1,2024-02-28,60\n"
	          "TE-1,2024-03-01,60\n"
	          "TE-1,2024-03-14,30\n"
	          "TE-1,2024-03-15,60\n"
	          "TE-2,2024-03-04,30\n"
	          "TE-2,2024-03-11,30\n"
	          "TE-4,2024-03-05,60\n"
	          "TE-6,2024-03-05,30\n");
	/* Ended after those sessions were logged: a session may not be
	 * logged outside its entry's period, but an entry cut short keeps
	 * the sessions it had. */
	import_ok("therapy-entries",
	          "ref,child,section,therapy,start_date,end_date,minutes_per_week\n"
	          "TE-4,CH-0001,G,ot,2023-01-01,2024-02-29,60\n"
	          "TE-6,CH-0004,F,slt,2024-03-01,2024-03-03,45\n");
	got = calloc(1, sizeof *got);
	cr_assert_not_null(got);
}

static void teardown(void)
{
	free(got);
	fixture_done(&f);
}

TestSuite(report_sections, .init = setup, .fini = teardown);

static void run_report(const struct report *r, const struct report_options *opt)
{
	struct error err = {0};
	int rc = collect_report(&f.s, r, opt, got, &err);
	cr_assert_eq(rc, 0, "%s: %s", r->name, err.msg);
}

static void expect_rows(const char *const *want, int n)
{
	char line[256];
	for (int i = 0; i < n && i < got->rows; i++) {
		collected_line(got, i, line, sizeof line);
		cr_expect_str_eq(line, want[i], "row %d", i);
	}
	cr_assert_eq(got->rows, n, "%d rows, not %d", got->rows, n);
}

Test(report_sections, both_reports_are_registered)
{
	cr_assert_eq(report_find("sections"), &report_sections);
	cr_assert_eq(report_find("provision-shortfall"), &report_provision_shortfall);
	cr_assert_eq(report_sections.min_role, ROLE_CASEWORKER);
	cr_assert_eq(report_provision_shortfall.min_role, ROLE_CASEWORKER);
}

Test(report_sections, by_section_and_therapy_on_a_day)
{
	/* On 10 March: TE-1, TE-2 and TE-7 (starting that day; two children)
	 * in F slt; TE-3 in G ot; TE-5 in G slt with no minutes.  TE-4 and
	 * TE-6 ended before it; TE-8 starts after it. */
	run_report(&report_sections, &(struct report_options){.on = ymd(2024, 3, 10)});
	static const char *const want[] = {
		"F,slt,2,3,105",
		"G,ot,1,1,70",
		"G,slt,1,1,0",
	};
	expect_rows(want, 3);
}

Test(report_sections, an_entry_counts_on_its_last_day_not_after)
{
	run_report(&report_sections, &(struct report_options){.on = ymd(2024, 2, 29)});
	static const char *const want[] = {"F,slt,2,2,90", "G,ot,1,1,60", "G,slt,1,1,0"};
	expect_rows(want, 3);
	run_report(&report_sections, &(struct report_options){.on = ymd(2024, 3, 1)});
	static const char *const next[] = {"F,slt,3,3,135", "G,slt,1,1,0"};
	expect_rows(next, 2);
}

Test(report_sections, nothing_before_the_first_entry)
{
	run_report(&report_sections, &(struct report_options){.on = ymd(2022, 1, 1)});
	cr_assert_eq(got->rows, 0);
}

Test(report_sections, shortfall_over_a_fortnight)
{
	/* TE-1: 120 specified, 90 delivered (the 28 February and 15 March
	 * sessions lie outside); TE-2 fully delivered; TE-4 ended before. */
	struct report_options opt = {.has_from = true, .has_to = true,
	                             .from = ymd(2024, 3, 1), .to = ymd(2024, 3, 14),
	                             .on = ymd(2024, 6, 1)};
	run_report(&report_provision_shortfall, &opt);
	static const char *const want[] = {
		"TE-3,CH-0003,ot,G,70,0,70,0,0,0,0,0",
		"TE-1,CH-0001,slt,F,120,90,30,0,0,0,0,0",
		"TE-6,CH-0004,slt,F,19,0,19,0,0,0,0,0",
		"TE-7,CH-0001,slt,F,10,0,10,0,0,0,0,0",
	};
	expect_rows(want, 4);
}

Test(report_sections, shortfall_ties_by_entry_ref)
{
	/* One day: 60/7 = 8 for TE-1 and TE-4, 30/7 = 4 for TE-2. */
	struct report_options opt = {.has_from = true, .has_to = true,
	                             .from = ymd(2024, 2, 29), .to = ymd(2024, 2, 29)};
	run_report(&report_provision_shortfall, &opt);
	static const char *const want[] = {
		"TE-1,CH-0001,slt,F,8,0,8,0,0,0,0,0",
		"TE-4,CH-0001,ot,G,8,0,8,0,0,0,0,0",
		"TE-2,CH-0002,slt,F,4,0,4,0,0,0,0,0",
	};
	expect_rows(want, 3);
}

Test(report_sections, shortfall_allowed_to_a_caseworker)
{
	fixture_act_as(&f, ROLE_CASEWORKER);
	struct report_options opt = {.has_from = true, .has_to = true,
	                             .from = ymd(2024, 3, 1), .to = ymd(2024, 3, 14)};
	run_report(&report_provision_shortfall, &opt);
	cr_assert_eq(got->rows, 4);
}

Test(report_sections, shortfall_default_range)
{
	day_t from, to;
	shortfall_range(&(struct report_options){.on = ymd(2024, 6, 15)}, &from, &to);
	cr_expect_eq(from, ymd(2024, 3, 1));
	cr_expect_eq(to, ymd(2024, 6, 15));
	shortfall_range(&(struct report_options){.on = ymd(2024, 2, 10)}, &from, &to);
	cr_expect_eq(from, ymd(2023, 11, 1));
	shortfall_range(&(struct report_options){.on = ymd(2024, 6, 15), .has_to = true,
	                                         .to = ymd(2024, 1, 31)}, &from, &to);
	cr_expect_eq(from, ymd(2023, 10, 1));
	cr_expect_eq(to, ymd(2024, 1, 31));
	shortfall_range(&(struct report_options){.on = ymd(2024, 6, 15), .has_from = true,
	                                         .from = ymd(2024, 6, 1)}, &from, &to);
	cr_expect_eq(from, ymd(2024, 6, 1));
	cr_expect_eq(to, ymd(2024, 6, 15));
}

Test(report_sections, shortfall_range_ending_before_it_starts_is_refused)
{
	struct error err = {0};
	struct report_options opt = {.has_from = true, .from = ymd(2024, 7, 1), .on = ymd(2024, 6, 15)};
	cr_assert_neq(collect_report(&f.s, &report_provision_shortfall, &opt, got, &err), 0);
	cr_assert_eq(got->rows, 0);
}
