/* test_e2e_budgets.c: the Personal budgets and Returns tabs end to end,
 * on the demo database, as a team lead and then as a caseworker (the
 * same login, its role changed on the command line).  Run as test_tui.c
 * is (see there). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screen.h"

TestSuite(budgets, E2E_FIXTURE);

#define OTHER_UID 65534
#define YEAR "2023/24"
#define MONTH "2025-01"

/* The amount ("£1,427,549.00") on the summary's line of year: period,
 * budgets, children, then the amount. */
static const char *summary_amount(const struct screen *s, const char *year)
{
	const char *line = screen_line_with(s, year);
	cr_assert_not_null(line, "no line for %s:\n%s", year, screen_last(s));
	long long budgets, children;
	char amount[64];
	int n = sscanf(line + strspn(line, " >") + strlen(year), "%lld %lld %63s", &budgets, &children,
	               amount);
	cr_assert_eq(n, 3, "cannot read the line of %s: %.80s", year, line);
	return text_printf("%lld budgets, %s", budgets, amount);
}

#define FIRST_BUDGET "PB-2023-0001"

/* "£1,427,549.00" */
static const char *pounds(long long pence)
{
	long long p = pence / 100;
	if (p >= 1000000)
		return text_printf("£%lld,%03lld,%03lld.%02lld", p / 1000000, p / 1000 % 1000, p % 1000,
		                   pence % 100);
	if (p >= 1000)
		return text_printf("£%lld,%03lld.%02lld", p / 1000, p % 1000, pence % 100);
	return text_printf("£%lld.%02lld", p, pence % 100);
}

/* The budgets starting in YEAR, and their amounts in pence. */
static void year_in_records(long long *count, long long *sum)
{
	const char *got = sql("SELECT count(*) || ' ' || sum(amount_pence) FROM personal_budgets "
	                      "WHERE start_date BETWEEN '2023-09-01' AND '2024-08-31'");
	cr_assert_eq(sscanf(got, "%lld %lld", count, sum), 2, "%s", got);
}

static void add_return_with_empty_cells(struct screen *s)
{
	screen_keys(s, "0", NULL);
	assert_screen(s, "[0 Returns]");
	assert_screen(s, "Provider returns");
	screen_keys(s, "a", NULL);
	assert_screen(s, "Add a month's return");
	screen_type(s, "EKHUFT");
	screen_keys(s, "Tab", NULL);
	screen_type(s, "slt");
	screen_keys(s, "Tab", NULL);
	screen_type(s, MONTH);
	screen_keys(s, "Tab", NULL);
	screen_type(s, "12");
	/* The waits and the caseload left empty: not reported. */
	screen_keys(s, "F2", NULL);
	assert_screen_gone(s, "Add a month's return");
	cr_expect_str_eq(sql("SELECT referrals, waiting_assessment IS NULL, caseload IS NULL "
	                     "FROM provider_returns WHERE month = '" MONTH "'"),
	                 "12|1|1\n");
	/* The latest month is the list's last row: n/a where not reported,
	 * never 0. */
	screen_keys(s, "G", NULL);
	assert_line(s, MONTH, "n/a");
	const char *row = screen_line_with(s, MONTH);
	cr_expect(strstr(row, " 12 ") != NULL, "referrals shown: %s", row);
	cr_expect(strstr(row, " 0 ") == NULL, "a figure not reported shown as 0: %s", row);
	/* Its provider's waits: the months without a return are gaps, the
	 * months over the target say so, and the new one is not judged. */
	screen_keys(s, "w", NULL);
	assert_screen(s, "Waits: EKHUFT, Speech and language therapy");
	assert_line(s, "2023-05", "missed");
	assert_line(s, "2023-06", "no return");
	assert_line(s, MONTH, "not reported");
	screen_keys(s, "q", NULL);
	assert_screen_gone(s, "Waits: EKHUFT");
}

Test(budgets, a_team_lead_drills_into_a_year_and_records_a_return_a_caseworker_may_only_look)
{
	const char *login = login_of(OTHER_UID);
	struct run r = sendesk("user", "add", login, "teamlead", NULL);
	cr_assert_eq(r.status, 0, "user add %s teamlead: %s", login, r.err);
	struct screen *s = screen_start_as(OTHER_UID, NULL);
	assert_screen(s, "[5 Growth]");

	/* The summary per academic year, with its chart. */
	screen_keys(s, "9", NULL);
	assert_screen(s, "[9 Personal budgets]");
	assert_screen(s, "PB-2023-0001");
	screen_keys(s, "y", NULL);
	assert_screen(s, "Personal budgets per academic year");
	assert_screen(s, "Amount per academic year");
	assert_line(s, "> " YEAR, NULL);
	const char *figure = summary_amount(s, YEAR);
	/* Enter on the year: its budgets, added up again from the records. */
	screen_keys(s, "Enter", NULL);
	assert_screen(s, "Personal budgets starting in " YEAR);
	assert_screen(s, text_printf("Total " YEAR ": %s", figure));
	/* Which is what the records hold. */
	long long count = 0, sum = 0;
	year_in_records(&count, &sum);
	cr_expect_str_eq(figure, text_printf("%lld budgets, %s", count, pounds(sum)));

	/* The form names the academic year as the dates are typed; a pound
	 * more on the first budget shows in the year's total and, back, in
	 * the summary. */
	assert_line(s, "> ", FIRST_BUDGET);
	long long first = atoll(sql("SELECT amount_pence FROM personal_budgets WHERE ref = '"
	                            FIRST_BUDGET "'"));
	screen_keys(s, "e", NULL);
	assert_screen(s, "Edit personal budget");
	assert_line(s, "Start", "academic year " YEAR);
	/* Ref, Child, Start, End, then Amount. */
	screen_keys(s, "Tab", "Tab", "Tab", "Tab", NULL);
	assert_status(s, "Amount:");
	for (int i = 0; i < 16; i++)
		screen_keys(s, "BSpace", NULL);
	screen_type(s, text_printf("%lld.%02lld", (first + 100) / 100, (first + 100) % 100));
	screen_keys(s, "F2", NULL);
	assert_screen_gone(s, "Edit personal budget");
	const char *more = text_printf("%lld budgets, %s", count, pounds(sum + 100));
	assert_screen(s, text_printf("Total " YEAR ": %s", more));
	screen_keys(s, "q", NULL);
	assert_screen(s, "Personal budgets per academic year");
	assert_line(s, YEAR, pounds(sum + 100));
	cr_expect_str_eq(summary_amount(s, YEAR), more);
	screen_keys(s, "q", NULL);
	assert_screen_gone(s, "Personal budgets per academic year");

	add_return_with_empty_cells(s);
	cr_assert_eq(screen_stop(s), 0);

	/* As a caseworker: the lists, but no changes and no figures. */
	r = sendesk("user", "set", login, "caseworker", NULL);
	cr_assert_eq(r.status, 0, "user set %s caseworker: %s", login, r.err);
	s = screen_start_as(OTHER_UID, NULL);
	assert_screen(s, text_printf("%s (caseworker)", login));
	screen_keys(s, "9", NULL);
	assert_screen(s, "PB-2023-0001");
	screen_keys(s, "e", NULL);
	assert_status(s, "only team leads and admins change personal budget records");
	assert_screen_lacks(s, "Edit personal budget");
	screen_keys(s, "y", NULL);
	assert_status(s, "may not see the budgets per year");
	assert_screen_lacks(s, "Personal budgets per academic year");
	screen_keys(s, "0", NULL);
	assert_line(s, MONTH, "n/a");
	screen_keys(s, "a", NULL);
	assert_status(s, "only team leads and admins change provider return records");
	assert_screen_lacks(s, "Add a month's return");
	cr_assert_eq(screen_stop(s), 0);
}
