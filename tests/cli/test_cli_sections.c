/* sendesk report sections [--on D] and report provision-shortfall
 * [--from D] [--to D] [--on D], with --format csv, json and text. */
#include <string.h>

#include "data.h"
#include "run.h"

TestSuite(sections, CLI_FIXTURE);

static const char sections_columns[] = "section,therapy,children,entries,minutes_per_week";
static const char shortfall_columns[] =
	"entry,child,therapy,section,specified_minutes,delivered_minutes,shortfall_minutes,"
	"missed_sessions,provider_cancelled,school_cancelled,child_absent,did_not_attend";

/* The demo's contracts, children CH-001 to CH-003 and these entries:
 *   TE-1  F slt 60/week, open: 14 days of March = 120, 90 delivered
 *   TE-2  F slt 30/week: fully delivered
 *   TE-3  G ot 70/week, ended 29 February
 *   TE-4  G slt, no minutes */
static void entries(void)
{
	init_with_contracts();
	import_text("children", "children.csv", children_csv);
	import_text("therapy-entries", "entries.csv",
	            "ref,child,section,therapy,start_date,end_date,funding,contract,"
	            "minutes_per_week,level,strand,description\n"
	            "TE-1,CH-001,F,slt,2024-01-01,,,,60,,,\n"
	            "TE-2,CH-002,F,slt,2024-01-01,2024-12-31,,,30,,,\n"
	            "TE-3,CH-003,G,ot,2023-01-01,2024-02-29,,,70,,,\n"
	            "TE-4,CH-003,G,slt,2024-01-01,,,,,,,\n");
	import_text("provision", "provision.csv",
	            "entry,date,minutes\n"
	            "TE-1,2024-03-04,60\n"
	            "TE-1,2024-03-11,30\n"
	            "TE-2,2024-03-05,30\n"
	            "TE-2,2024-03-12,30\n");
}

static void expect_keys(const char *out, const char *const *keys, size_t n)
{
	struct table t;
	const char *why;
	cr_assert(json_table(out, &t, &why), "%s\n%s", why, out);
	cr_assert_eq(t.cols, n, "%s", out);
	for (size_t i = 0; i < n; i++)
		cr_expect_str_eq(t.header[i], keys[i]);
}

Test(sections, csv_by_section_and_therapy)
{
	entries();
	struct table t = report_table("sections", sections_columns,
	                            (const char *const[]){"--on", "2024-03-10", NULL});
	cr_assert_eq(t.rows, 2);
	expect_table_row(&t, 0, "F,slt,2,2,90");
	expect_table_row(&t, 1, "G,slt,1,1,0");
	t = report_table("sections", sections_columns,
	               (const char *const[]){"--on", "2024-02-29", NULL});
	cr_assert_eq(t.rows, 3);
	expect_table_row(&t, 1, "G,ot,1,1,70");
}

Test(sections, json_has_the_csv_keys)
{
	entries();
	struct run r = sendesk("report", "sections", "--on", "2024-03-10", "--format", "json", NULL);
	assert_exit(r, 0);
	static const char *const keys[] = {"section", "therapy", "children", "entries",
	                                   "minutes_per_week"};
	expect_keys(r.out, keys, 5);
	cr_expect(strstr(r.out, "\"minutes_per_week\": 90") != NULL, "%s", r.out);
}

Test(sections, text_for_people)
{
	entries();
	struct run r = sendesk("report", "sections", "--on", "2024-03-10", NULL);
	assert_exit(r, 0);
	cr_assert(strstr(r.out, "2024-03-10") != NULL, "%s", r.out);
	cr_assert_not(has_line(r.out, sections_columns), "text output is CSV:\n%s", r.out);
}

Test(sections, shortfall_csv)
{
	entries();
	struct table t = report_table("provision-shortfall", shortfall_columns,
	                            (const char *const[]){"--from", "2024-03-01",
	                                                  "--to", "2024-03-14", NULL});
	cr_assert_eq(t.rows, 1);
	expect_table_row(&t, 0, "TE-1,CH-001,slt,F,120,90,30,0,0,0,0,0");
}

Test(sections, shortfall_counts_missed_sessions_by_reason)
{
	/* TE-1 misses 6 March (school cancelled) and 13 March (did not
	 * attend): still 90 of 120 delivered; TE-2's absent child on 7 March
	 * leaves its 60 of 60 delivered, so it is not listed. */
	entries();
	import_text("provision", "missed.csv",
	            "entry,date,minutes,outcome\n"
	            "TE-1,2024-03-06,60,school-cancelled\n"
	            "TE-1,2024-03-13,60,did-not-attend\n"
	            "TE-2,2024-03-07,30,child-absent\n");
	struct table t = report_table("provision-shortfall", shortfall_columns,
	                            (const char *const[]){"--from", "2024-03-01",
	                                                  "--to", "2024-03-14", NULL});
	cr_assert_eq(t.rows, 1);
	expect_table_row(&t, 0, "TE-1,CH-001,slt,F,120,90,30,2,0,1,0,1");
}

Test(sections, shortfall_json_has_the_csv_keys)
{
	entries();
	struct run r = sendesk("report", "provision-shortfall", "--from", "2024-03-01",
	                       "--to", "2024-03-14", "--format", "json", NULL);
	assert_exit(r, 0);
	static const char *const keys[] = {"entry", "child", "therapy", "section",
	                                   "specified_minutes", "delivered_minutes",
	                                   "shortfall_minutes", "missed_sessions",
	                                   "provider_cancelled", "school_cancelled",
	                                   "child_absent", "did_not_attend"};
	expect_keys(r.out, keys, 12);
	cr_expect(strstr(r.out, "\"shortfall_minutes\": 30") != NULL, "%s", r.out);
}

Test(sections, shortfall_defaults_to_three_months_to_on)
{
	/* --on 2024-03-14: 1 December 2023 to 14 March 2024.  TE-1 has 74 days
	 * from 1 January: 60 * 74 / 7 = 634, 90 delivered; TE-2 the same at
	 * 30: 317, 60 delivered; TE-3 (91 days from 1 December, 910 minutes)
	 * is left out: CH-003's plan has ceased. */
	entries();
	struct run r = sendesk("report", "provision-shortfall", "--on", "2024-03-14", NULL);
	assert_exit(r, 0);
	cr_assert_str_eq(line_at(r.out, 0), "Provision shortfall, 2023-12-01 to 2024-03-14");
	struct table t = report_table("provision-shortfall", shortfall_columns,
	                            (const char *const[]){"--on", "2024-03-14", NULL});
	cr_assert_eq(t.rows, 2);
	expect_table_row(&t, 0, "TE-1,CH-001,slt,F,634,90,544,0,0,0,0,0");
	expect_table_row(&t, 1, "TE-2,CH-002,slt,F,317,60,257,0,0,0,0,0");
}

Test(sections, usage_lists_both_reports)
{
	struct run r = sendesk("report", "no-such-report", NULL);
	cr_assert_neq(r.status, 0);
	cr_assert(strstr(r.err, "sections") != NULL, "%s", r.err);
	cr_assert(strstr(r.err, "provision-shortfall") != NULL, "%s", r.err);
}
