/* sendesk report pb-summary and sendesk report waits [--from D] [--to D]
 * [--format text|csv|json], on the demo data. */
#include <string.h>

#include "data.h"
#include "run.h"

TestSuite(pb_waits, CLI_FIXTURE);

static const char pb_columns[] =
	"period,budgets,children,amount,therapy_amount,therapy_share_pct,eotas_count,eotas_amount";
static const char waits_columns[] =
	"provider,therapy,month,referrals,waiting_assessment,waiting_assessment_over_12w,"
	"over_12w_pct,waiting_intervention,waiting_intervention_over_12w,target_missed";

enum { CASEWORKER_UID = 1, TEAMLEAD_UID = 2 };

static void demo(void)
{
	init_demo_database();
}

Test(pb_waits, pb_summary_csv)
{
	demo();
	struct run r = sendesk("report", "pb-summary", "--format", "csv", NULL);
	assert_exit(r, 0);
	cr_assert_str_empty(r.err);
	cr_expect_str_eq(lf_lines(r.out),
	                 text_printf("%s\n2023/24,99,94,1427549.00,613648.00,43.0,56,1132410.00\n",
	                             pb_columns));
}

Test(pb_waits, pb_summary_lists_empty_years_and_json_null_share)
{
	demo();
	struct run r = sendesk("report", "pb-summary", "--format", "csv", "--from", "2022-09-01",
	                       "--to", "2024-09-01", NULL);
	assert_exit(r, 0);
	cr_expect_str_eq(lf_lines(r.out),
	                 text_printf("%s\n"
	                             "2022/23,0,0,0.00,0.00,,0,0.00\n"
	                             "2023/24,99,94,1427549.00,613648.00,43.0,56,1132410.00\n"
	                             "2024/25,0,0,0.00,0.00,,0,0.00\n",
	                             pb_columns));
	r = sendesk("report", "pb-summary", "--format", "json", "--from", "2022-09-01", NULL);
	assert_exit(r, 0);
	struct table t;
	const char *why;
	cr_assert(json_table(r.out, &t, &why), "%s\n%s", why, r.out);
	cr_assert_eq(t.rows, 2);
	cr_expect_str_eq(t.header[0], "period");
	int share = table_col(&t, "therapy_share_pct");
	cr_assert_geq(share, 0);
	cr_expect_null(t.cell[0][share], "2022/23 share should be null");
	cr_expect_not_null(t.cell[1][share]);
	cr_expect(strstr(r.out, "\"therapy_share_pct\": null") != NULL, "%s", r.out);
}

Test(pb_waits, waits_csv_and_text)
{
	demo();
	struct run r = sendesk("report", "waits", "--format", "csv", NULL);
	assert_exit(r, 0);
	cr_assert_str_empty(r.err);
	cr_assert_str_eq(line_at(r.out, 0), waits_columns);
	cr_expect(has_line(r.out, "EKHUFT,slt,2023-05,83,539,407,75.5,,,yes"), "%s", r.out);
	struct table t;
	const char *why;
	cr_assert(csv_table(r.out, &t, &why), "%s\n%s", why, r.out);
	cr_expect_eq(t.rows, 14);
	r = sendesk("report", "waits", NULL);
	assert_exit(r, 0);
	cr_expect(strstr(r.out, "n/a") != NULL, "%s", r.out);
	cr_expect(strstr(r.out, "75.5%") != NULL, "%s", r.out);
}

Test(pb_waits, waits_json_nulls_and_month_filter)
{
	demo();
	struct run r = sendesk("report", "waits", "--format", "json", "--from", "2023-05-01",
	                       "--to", "2023-05-31", NULL);
	assert_exit(r, 0);
	struct table t;
	const char *why;
	cr_assert(json_table(r.out, &t, &why), "%s\n%s", why, r.out);
	cr_assert_eq(t.cols, 10);
	for (size_t i = 0; i < t.rows; i++)
		cr_expect_str_eq(table_get(&t, (int)i, "month"), "2023-05");
	int row = table_row(&t, "provider", "EKHUFT");
	cr_assert_geq(row, 0);
	cr_expect_str_eq(table_get(&t, row, "over_12w_pct"), "75.5");
	cr_expect_null(t.cell[row][table_col(&t, "waiting_intervention")]);
	cr_expect_null(t.cell[row][table_col(&t, "waiting_intervention_over_12w")]);
	cr_expect_str_eq(table_get(&t, row, "target_missed"), "yes");
	cr_expect(strstr(r.out, "\"waiting_intervention\": null") != NULL, "%s", r.out);
}

Test(pb_waits, a_caseworker_may_not_see_them_a_teamlead_may)
{
	demo();
	import_text("users", "users.csv",
	            text_printf("login,role\n%s,caseworker\n%s,teamlead\n", login_of(CASEWORKER_UID),
	                        login_of(TEAMLEAD_UID)));
	static const char *const names[] = {"pb-summary", "waits"};
	for (int i = 0; i < 2; i++) {
		struct run r = sendesk_opts(&(struct run_opts){.as_uid = CASEWORKER_UID}, "report",
		                            names[i], "--format", "csv", NULL);
		assert_fails_one_line(r, EX_NOPERM);
		cr_expect_eq(r.status, 77);
		cr_expect_str_empty(r.out);
		r = sendesk_opts(&(struct run_opts){.as_uid = TEAMLEAD_UID}, "report", names[i],
		                 "--format", "csv", NULL);
		assert_exit(r, 0);
		cr_expect_str_eq(line_at(r.out, 0), i == 0 ? pb_columns : waits_columns);
	}
}

Test(pb_waits, the_usage_names_the_reports)
{
	struct run r = sendesk("report", "no-such-report", NULL);
	assert_fails_one_line(r, EX_USAGE);
	cr_expect(strstr(r.err, "pb-summary") != NULL, "%s", r.err);
	cr_expect(strstr(r.err, "waits") != NULL, "%s", r.err);
}
