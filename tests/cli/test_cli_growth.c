/* sendesk report spot-growth [--period financial|academic|calendar]
 * [--from D] [--to D] [--on D] [--format text|csv|json], on small data
 * sets of its own. */
#include <string.h>

#include "data.h"
#include "run.h"

TestSuite(growth, CLI_FIXTURE);

static const char growth_columns[] = "period,children,new,ended,spend,change_pct";

enum { CASEWORKER_UID = 1, TEAMLEAD_UID = 2 };

/* An empty database with one independent provider and children CH-1 to
 * CH-4, then the purchases given as "ref,child,start_date,cost,end_date"
 * lines. */
static void purchases(const char *lines)
{
	assert_exit(sendesk("init", NULL), 0);
	import_text("providers", "providers.csv",
	            "code,name,kind\nIND1,Independent Therapy,independent\n");
	import_text("children", "children.csv",
	            "ref,first_name,last_name,date_of_birth\n"
	            "CH-1,Amira,Khan,2014-05-17\n"
	            "CH-2,Ben,O'Neill,2016-11-02\n"
	            "CH-3,Cleo,Smith,2010-02-28\n"
	            "CH-4,Dev,Patel,2012-09-09\n");
	const char *csv = "ref,child,provider,therapy,start_date,cost,end_date\n";
	for (int i = 0, n = line_count(lines); i < n; i++) {
		const char *line = line_at(lines, i);
		const char *comma = strchr(line, ',');
		const char *second = strchr(comma + 1, ',');
		csv = text_printf("%s%.*s,IND1,slt,%s\n", csv, (int)(second - line), line, second + 1);
	}
	import_text("spot-purchases", "spot.csv", csv);
}

/* The seeds' three years of spend, one child a year. */
static const char seed_years[] =
	"SP-1,CH-1,2019-04-01,1134984,2020-03-31\n"
	"SP-2,CH-2,2020-04-01,1291166,2021-03-31\n"
	"SP-3,CH-3,2021-04-01,1618487,2022-03-31\n";

/* Runs the report as CSV with the extra arguments (exit 0), checks the
 * header and parses it. */
static struct table growth_csv(const char *a, const char *b, const char *c, const char *d)
{
	return report_table("spot-growth", growth_columns, (const char *const[]){a, b, c, d, NULL});
}

Test(growth, csv_columns_and_the_seed_figures)
{
	purchases(seed_years);
	struct table t = growth_csv("--on", "2024-06-01", NULL, NULL);
	cr_assert_eq(t.rows, 3);
	expect_table_row(&t, 0, "2019-20,1,1,1,1134984.00,");
	expect_table_row(&t, 1, "2020-21,1,1,1,1291166.00,13.8");
	expect_table_row(&t, 2, "2021-22,1,1,1,1618487.00,25.4");
}

Test(growth, json_has_the_csv_keys_and_null_for_no_change)
{
	purchases(seed_years);
	struct run r = sendesk("report", "spot-growth", "--on", "2024-06-01", "--format", "json", NULL);
	assert_exit(r, 0);
	struct table t;
	const char *why;
	cr_assert(json_table(r.out, &t, &why), "%s\n%s", why, r.out);
	static const char *const keys[] = {"period", "children", "new", "ended", "spend", "change_pct"};
	cr_assert_eq(t.cols, 6, "%s", r.out);
	for (size_t i = 0; i < 6; i++)
		cr_expect_str_eq(t.header[i], keys[i]);
	cr_assert_eq(t.rows, 3);
	cr_expect_str_eq(t.cell[0][0], "2019-20");
	cr_expect_null(t.cell[0][5], "the first year has a change: %s", t.cell[0][5]);
	cr_expect_str_eq(t.cell[1][5], "13.8");
	cr_expect_str_eq(t.cell[2][4], "1618487.00");
	cr_expect(strstr(r.out, "\"change_pct\": null") != NULL, "no JSON null:\n%s", r.out);
	cr_expect(strstr(r.out, "\"spend\": 1134984.00") != NULL, "spend is not a number:\n%s", r.out);
}

Test(growth, text_for_people)
{
	purchases(seed_years);
	struct run r = sendesk("report", "spot-growth", "--on", "2024-06-01", NULL);
	assert_exit(r, 0);
	cr_assert_str_eq(line_at(r.out, 0), "Spot-purchased therapy by financial year");
	cr_assert(strstr(r.out, "£1,618,487.00") != NULL, "%s", r.out);
	cr_assert(strstr(r.out, "25.4%") != NULL, "%s", r.out);
	cr_assert_not(has_line(r.out, growth_columns), "text output is CSV:\n%s", r.out);
}

Test(growth, calendar_and_academic_years)
{
	/* 366 days: 275 in 2019 and 91 in 2020. */
	purchases("SP-1,CH-1,2019-04-01,366.00,2020-03-31\n");
	struct table t = growth_csv("--period", "calendar", "--on", "2024-06-01");
	cr_assert_eq(t.rows, 2);
	expect_table_row(&t, 0, "2019,1,1,0,275.00,");
	expect_table_row(&t, 1, "2020,1,0,1,91.00,-66.9");
	t = growth_csv("--period", "academic", "--on", "2024-06-01");
	cr_assert_eq(t.rows, 2);
	/* 1 April - 31 August 2019: 153 days; then 213. */
	expect_table_row(&t, 0, "2018/19,1,1,0,153.00,");
	expect_table_row(&t, 1, "2019/20,1,0,1,213.00,39.2");
	t = growth_csv("--period", "financial", "--on", "2024-06-01");
	cr_assert_eq(t.rows, 1);
	expect_table_row(&t, 0, "2019-20,1,1,1,366.00,");
	struct run r = sendesk("report", "spot-growth", "--period", "calendar", "--on", "2024-06-01", NULL);
	assert_exit(r, 0);
	cr_assert_str_eq(line_at(r.out, 0), "Spot-purchased therapy by calendar year");
}

Test(growth, a_year_without_activity_is_listed)
{
	purchases("SP-1,CH-1,2019-05-01,1000,2019-05-31\n"
	          "SP-2,CH-2,2022-05-01,2000,2022-05-31\n");
	struct table t = growth_csv("--on", "2024-06-01", NULL, NULL);
	cr_assert_eq(t.rows, 4);
	expect_table_row(&t, 0, "2019-20,1,1,1,1000.00,");
	expect_table_row(&t, 1, "2020-21,0,0,0,0.00,-100.0");
	expect_table_row(&t, 2, "2021-22,0,0,0,0.00,");
	expect_table_row(&t, 3, "2022-23,1,1,1,2000.00,");
}

Test(growth, from_and_to_and_open_ended_purchases)
{
	/* Open from 1 January 2024: 366 days to 31 December 2024, 91 of them
	 * in 2023-24. */
	purchases("SP-1,CH-1,2024-01-01,366.00,\n"
	          "SP-2,CH-2,2019-05-01,50.00,2019-05-31\n");
	struct table t = growth_csv("--from", "2023-06-01", "--to", "2024-12-31");
	cr_assert_eq(t.rows, 2);
	expect_table_row(&t, 0, "2023-24,1,1,0,91.00,");
	expect_table_row(&t, 1, "2024-25,1,0,0,275.00,202.2");
	/* Without --to it runs to --on. */
	t = growth_csv("--from", "2023-06-01", "--on", "2024-03-31");
	cr_assert_eq(t.rows, 1);
	expect_table_row(&t, 0, "2023-24,1,1,0,366.00,");
}

Test(growth, no_purchases_no_rows)
{
	purchases("");
	struct table t = growth_csv(NULL, NULL, NULL, NULL);
	cr_expect_eq(t.rows, 0);
}

Test(growth, a_bad_period_is_a_usage_error)
{
	purchases(seed_years);
	struct run r = sendesk("report", "spot-growth", "--period", "fiscal", NULL);
	assert_fails_one_line(r, EX_USAGE);
	cr_expect_str_empty(r.out);
	cr_expect(strstr(r.err, "fiscal") != NULL, "%s", r.err);
}

Test(growth, a_caseworker_may_not_see_it_a_teamlead_may)
{
	purchases(seed_years);
	import_text("users", "users.csv",
	            text_printf("login,role\n%s,caseworker\n%s,teamlead\n", login_of(CASEWORKER_UID),
	                        login_of(TEAMLEAD_UID)));
	struct run r = sendesk_opts(&(struct run_opts){.as_uid = CASEWORKER_UID}, "report",
	                            "spot-growth", "--format", "csv", NULL);
	assert_fails_one_line(r, EX_NOPERM);
	cr_expect_str_empty(r.out);
	r = sendesk_opts(&(struct run_opts){.as_uid = TEAMLEAD_UID}, "report", "spot-growth",
	                 "--format", "csv", "--on", "2024-06-01", NULL);
	assert_exit(r, 0);
	cr_expect(has_line(r.out, "2020-21,1,1,1,1291166.00,13.8"), "%s", r.out);
}

Test(growth, the_usage_names_the_report)
{
	struct run r = sendesk("report", "no-such-report", NULL);
	assert_fails_one_line(r, EX_USAGE);
	cr_expect(strstr(r.err, "spot-growth") != NULL, "%s", r.err);
}
