/* sendesk report section-f-funding, section-f-unfunded, capacity,
 * equality and caseloads --on D in the three formats, on the demo data
 * (their figures are worked by hand in tests/unit/test_report_duty.c). */
#include <string.h>

#include "data.h"
#include "run.h"

TestSuite(duty, CLI_FIXTURE);

enum { CASEWORKER_UID = 1, TEAMLEAD_UID = 2 };

static const char *const names[] = {"section-f-funding", "section-f-unfunded", "capacity",
                                    "equality", "caseloads"};
static const char *const headers[] = {
	"district,therapy,funding,entries,children,minutes_per_week",
	"entry,child,district,therapy,minutes_per_week,start_date,reason",
	"contract,therapy,districts,funded_fte,entries,minutes_per_week,minutes_per_fte",
	"characteristic,value,funding,children,share_pct",
	"caseworker,children,entries,short_entries,reviews_overdue,reviews_due_30d",
};

static struct run report_as(int uid, const char *name, const char *format)
{
	return sendesk_opts(&(struct run_opts){.as_uid = uid}, "report", name, "--on", "2024-06-01",
	                    "--format", format, NULL);
}

Test(duty, columns_for_team_leads_not_caseworkers)
{
	init_demo_database();
	import_text("users", "users.csv",
	            text_printf("login,role\n%s,caseworker\n%s,teamlead\n", login_of(CASEWORKER_UID),
	                        login_of(TEAMLEAD_UID)));
	for (int i = 0; i < 5; i++) {
		struct run r = report_as(CASEWORKER_UID, names[i], "csv");
		assert_fails_one_line(r, EX_NOPERM);
		cr_expect_str_empty(r.out);
		r = report_as(TEAMLEAD_UID, names[i], "csv");
		assert_exit(r, 0);
		cr_expect_str_eq(line_at(r.out, 0), headers[i]);
		r = report_as(TEAMLEAD_UID, names[i], "json");
		assert_exit(r, 0);
		struct table t;
		const char *why;
		cr_assert(json_table(r.out, &t, &why), "%s: %s\n%s", names[i], why, r.out);
	}
}

Test(duty, funding_and_capacity_in_each_format)
{
	init_demo_database();
	struct run r = sendesk("report", "section-f-funding", "--on", "2024-06-01", "--format", "csv",
	                       NULL);
	assert_exit(r, 0);
	cr_expect(has_line(r.out, "Dover,slt,contract,2,2,60"), "%s", r.out);
	r = sendesk("report", "section-f-unfunded", "--on", "2024-06-01", "--format", "json", NULL);
	assert_exit(r, 0);
	cr_expect_str_eq(r.out, "[]\n");
	r = sendesk("report", "capacity", "--on", "2024-06-01", "--format", "csv", NULL);
	assert_exit(r, 0);
	cr_expect(has_line(r.out, "EKHUFT-2024,slt,3,8.14,2,60,7"), "%s", r.out);
	cr_expect(has_line(r.out, "KCHFT-E-2024,slt,3,,2,75,"), "%s", r.out);
	r = sendesk("report", "capacity", "--on", "2024-06-01", NULL);
	assert_exit(r, 0);
	cr_expect(strstr(r.out, "8.14") != NULL && strstr(r.out, "n/a") != NULL, "%s", r.out);
	r = sendesk("report", "capacity", "--on", "2024-06-01", "--format", "json", NULL);
	assert_exit(r, 0);
	cr_expect(strstr(r.out, "\"funded_fte\": 8.14,") != NULL, "%s", r.out);
	cr_expect(strstr(r.out, "\"funded_fte\": null,") != NULL, "%s", r.out);
}

Test(duty, equality_says_under_five_in_every_format)
{
	init_demo_database();
	struct run r = sendesk("report", "equality", "--on", "2024-06-01", "--format", "csv", NULL);
	assert_exit(r, 0);
	cr_expect(has_line(r.out, "sex,f,contract,<5,"), "%s", r.out);
	cr_expect(has_line(r.out, "sex,m,contract,5,71.4"), "%s", r.out);
	r = sendesk("report", "equality", "--on", "2024-06-01", "--format", "json", NULL);
	assert_exit(r, 0);
	cr_expect(strstr(r.out, "\"value\": \"f\", \"funding\": \"contract\", \"children\": \"<5\", "
	                        "\"share_pct\": null}") != NULL, "%s", r.out);
	cr_expect(strstr(r.out, "\"children\": 5, \"share_pct\": 71.4}") != NULL, "%s", r.out);
	r = sendesk("report", "equality", "--on", "2024-06-01", NULL);
	assert_exit(r, 0);
	cr_expect(strstr(r.out, "<5") != NULL && strstr(r.out, "71.4%") != NULL, "%s", r.out);
	r = sendesk("report", "caseloads", "--on", "2024-06-01", NULL);
	assert_exit(r, 0);
	cr_expect(strstr(r.out, "(none)") != NULL, "%s", r.out);
}
