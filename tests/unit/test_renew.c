/* test_renew.c: a contract renewed for its next period, with its
 * coverage and staffing, in one audited step; the old one unchanged. */
#include "core/renew.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/history.h"
#include "core/store.h"
#include "tests/support/fixture.h"

static struct fixture f;
static struct error err;

static void setup(void)
{
	fixture_init(&f, false);
	error_clear(&err);
	char problems[1024] = "";
	cr_assert_eq(fixture_import(&f, "providers", "code,name\nPRV,A provider\n", problems,
	                            sizeof problems), 0, "%s", problems);
	cr_assert_eq(fixture_import(&f, "contracts",
	                            "ref,provider,annual_value,start_date,end_date,title,status,signed_date,decision_ref\n"
	                            "PRV-2024,PRV,1000.00,2024-04-01,2025-03-31,Speech,active,2024-03-01,24/1\n",
	                            problems, sizeof problems), 0, "%s", problems);
	cr_assert_eq(fixture_import(&f, "contract-values",
	                            "contract,from_date,annual_value,source\n"
	                            "PRV-2024,2024-10-01,1200.00,uplift\n", problems, sizeof problems),
	             0, "%s", problems);
	cr_assert_eq(fixture_import(&f, "coverage", "contract,district,therapy\n"
	                            "PRV-2024,Swale,slt\nPRV-2024,Swale,ot\n", problems, sizeof problems),
	             0, "%s", problems);
	cr_assert_eq(fixture_import(&f, "staffing", "contract,therapy,area,pct_funded,fte\n"
	                            "PRV-2024,slt,East,40,2.5\n", problems, sizeof problems),
	             0, "%s", problems);
}

static void teardown(void)
{
	fixture_done(&f);
}

TestSuite(renew, .init = setup, .fini = teardown);

static int64_t id_of(const char *ref)
{
	struct record r;
	record_init(&r, kinds[KIND_CONTRACTS]);
	bool found = false;
	cr_assert_eq(store_load_by_key(&f.s, &r, ref, &found, &err), 0, "%s", err.msg);
	int64_t id = r.id;
	record_clear(&r);
	cr_assert(found, "no contract %s", ref);
	return id;
}

static int count_lines_with(const char *text, const char *needle)
{
	int n = 0;
	for (const char *at = strstr(text, needle); at; at = strstr(at + 1, needle))
		n++;
	return n;
}

Test(renew, copies_coverage_and_staffing_for_the_next_period)
{
	char ref[64];
	day_t start, end;
	cr_assert_eq(renew_suggest(&f.s, id_of("PRV-2024"), ref, sizeof ref, &start, &end, &err), 0,
	             "%s", err.msg);
	cr_expect_str_eq(ref, "PRV-2025");
	char *before = fixture_export(&f, "contracts");
	struct renewal r;
	cr_assert_eq(renew_contract(&f.s, id_of("PRV-2024"), ref, &r, &err), 0, "%s", err.msg);
	cr_expect_eq(r.coverage, 2);
	cr_expect_eq(r.staffing, 1);
	int64_t added = 0;
	cr_assert_eq(history_latest_change(&f.s, kinds[KIND_CONTRACTS], r.id, &added, &err), 0);
	cr_expect(added != 0, "the new contract's adding is audited");
	char *contracts = fixture_export(&f, "contracts");
	cr_expect(strstr(contracts, "PRV-2025,PRV,1200.00,2025-04-01,2026-03-31,Speech,draft,,") != NULL,
	          "the next year at the rate in force at the end, a draft, unsigned:\n%s", contracts);
	/* The old one as it was. */
	const char *old_line = strstr(before, "PRV-2024,");
	cr_assert_not_null(old_line);
	char old[256];
	snprintf(old, sizeof old, "%.*s", (int)strcspn(old_line, "\r\n"), old_line);
	cr_expect(strstr(contracts, old) != NULL, "the old contract unchanged: %s\n%s", old, contracts);
	char *coverage = fixture_export(&f, "coverage");
	cr_expect_eq(count_lines_with(coverage, "PRV-2025,"), 2, "%s", coverage);
	cr_expect_eq(count_lines_with(coverage, "PRV-2024,"), 2, "%s", coverage);
	char *staffing = fixture_export(&f, "staffing");
	cr_expect(strstr(staffing, "PRV-2025,slt,East,40") != NULL, "%s", staffing);
	free(before);
	free(contracts);
	free(coverage);
	free(staffing);
}

Test(renew, all_or_nothing_and_for_admins_only)
{
	struct renewal r;
	cr_expect_eq(renew_contract(&f.s, id_of("PRV-2024"), "PRV-2024", &r, &err), EX_DATAERR,
	             "a ref already taken");
	char *coverage = fixture_export(&f, "coverage");
	cr_expect_eq(count_lines_with(coverage, "PRV-"), 2, "nothing written:\n%s", coverage);
	free(coverage);
	fixture_act_as(&f, ROLE_TEAMLEAD);
	cr_expect_eq(renew_contract(&f.s, id_of("PRV-2024"), "PRV-X", &r, &err), EX_NOPERM);
}

/* A year of whole months renews to the next such year even across a leap
 * day; any other period keeps its number of days. */
Test(renew, whole_months_renew_by_months_other_periods_by_days)
{
	char problems[512] = "";
	cr_assert_eq(fixture_import(&f, "contracts",
	                            "ref,provider,annual_value,start_date,end_date,title,status\n"
	                            "LEAP-2023,PRV,10.00,2023-04-01,2024-03-31,Leap,active\n"
	                            "TEN-DAYS,PRV,10.00,2024-04-01,2024-04-10,Short,active\n",
	                            problems, sizeof problems), 0, "%s", problems);
	char ref[64], text[DATE_TEXT_MAX], text2[DATE_TEXT_MAX];
	day_t start, end;
	cr_assert_eq(renew_suggest(&f.s, id_of("LEAP-2023"), ref, sizeof ref, &start, &end, &err), 0,
	             "%s", err.msg);
	date_format(start, text);
	date_format(end, text2);
	cr_expect_str_eq(text, "2024-04-01");
	cr_expect_str_eq(text2, "2025-03-31");
	cr_assert_eq(renew_suggest(&f.s, id_of("TEN-DAYS"), ref, sizeof ref, &start, &end, &err), 0,
	             "%s", err.msg);
	date_format(start, text);
	date_format(end, text2);
	cr_expect_str_eq(text, "2024-04-11");
	cr_expect_str_eq(text2, "2024-04-20");
}
