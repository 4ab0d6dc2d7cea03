/* test_e2e_shared.c: end-to-end tests of the map's cover key, the
 * purchases behind a growth figure and the child's name in the spot
 * purchase list, as a person sees them.  Run as test_tui.c is. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screen.h"

TestSuite(shared, E2E_FIXTURE);

/* "£1,234.56" at the start of text -> 123456; -1 when there is none. */
static long long pence_at(const char *text)
{
	const char *c = strstr(text, "£");
	if (c == NULL)
		return -1;
	long long n = 0;
	for (c += strlen("£"); (*c >= '0' && *c <= '9') || *c == ',' || *c == '.'; c++)
		if (*c >= '0' && *c <= '9')
			n = n * 10 + (*c - '0');
	return n;
}

/* The spend on the growth table's row of period: the first line that
 * starts, after the selection marker, with it (the charts beside the
 * table name periods too, further right). */
static long long growth_spend(struct screen *s, const char *period)
{
	for (const char *line = screen_last(s); line != NULL && *line;) {
		const char *end = strchr(line, '\n');
		size_t lead = strspn(line, " >");
		if (strncmp(line + lead, period, strlen(period)) == 0)
			return pence_at(text_printf("%.*s", (int)(end ? end - line : (long)strlen(line)), line));
		line = end ? end + 1 : NULL;
	}
	cr_assert_fail("no row for %s:\n%s", period, screen_last(s));
	return -1;
}

/* Moves the growth table's selection up to period. */
static void select_period(struct screen *s, const char *period)
{
	const char *marked = text_printf("> %s", period);
	for (int i = 0; i < 20 && !screen_wait_for(s, marked, 300); i++)
		screen_keys(s, "Up", NULL);
	assert_screen(s, marked);
}

/* A contract in force alone (nothing else runs in 2031): c on a tile
 * asks first, naming the district and the contract; n changes nothing,
 * y covers it. */
Test(shared, the_maps_c_asks_before_covering_with_the_one_contract_in_force)
{
	import_text("contracts", "contract.csv",
	           "ref,provider,annual_value,start_date,end_date\n"
	           "LONE-2031,KCHFT,1000.00,2031-01-01,2031-12-31\n");
	struct screen *s = screen_start(NULL);
	assert_screen(s, "records");
	screen_keys(s, "3", NULL);
	assert_screen(s, "Coverage of Speech and language therapy");
	screen_keys(s, "o", NULL);
	assert_screen(s, "Day:");
	screen_type(s, "2031-06-01");
	screen_keys(s, "Enter", NULL);
	assert_screen(s, "1 June 2031");
	/* Nothing covers anything that day: the map opens on the first gap. */
	assert_screen(s, "Swale (slt): GAP");

	const char *audit_sql = "select count(*) from audit where kind = 'coverage';";
	const char *before = sql(audit_sql);
	screen_keys(s, "c", NULL);
	assert_screen(s, "Cover Swale (slt) with LONE-2031?");
	screen_keys(s, "n", NULL);
	assert_screen_gone(s, "Cover Swale (slt) with LONE-2031?");
	assert_screen(s, "Swale (slt): GAP");
	cr_expect_str_eq(sql(audit_sql), before, "n changed the coverage");

	screen_keys(s, "c", NULL);
	assert_screen(s, "Cover Swale (slt) with LONE-2031?");
	screen_keys(s, "y", NULL);
	assert_status(s, "now covered by LONE-2031");
	assert_screen(s, "Swale (slt): covered by LONE-2031");
	cr_expect_str_neq(sql(audit_sql), before,
	                  "covering wrote no audit row");

	/* And again: the question now says what uncovering does. */
	screen_keys(s, "c", NULL);
	assert_screen(s, "Uncover Swale (slt): stop LONE-2031 covering it?");
	screen_keys(s, "Escape", NULL);
	assert_screen_gone(s, "Uncover Swale");
	assert_screen(s, "Swale (slt): covered by LONE-2031");
	cr_assert_eq(screen_stop(s), 0);
}

/* A purchase of 60 days, 30 in each of two financial years, for
 * £590.00: £295.00 falls in each.  The drilled-down list shows that
 * part beside the whole cost, and a total equal to the figure drilled
 * into, for this period and for a demo one. */
Test(shared, the_purchases_behind_a_growth_figure_show_their_part_of_it_and_its_total)
{
	import_text("children", "child.csv",
	           "ref,first_name,last_name,date_of_birth\nZQ-0918,Zillah,Quorndon,2016-02-02\n");
	import_text("spot-purchases", "purchase.csv",
	           "ref,child,provider,therapy,start_date,cost,end_date\n"
	           "SP-E2E-SPLIT,ZQ-0918,KCHFT,slt,2030-03-02,590.00,2030-04-30\n");
	struct screen *s = screen_start(NULL);
	assert_screen(s, "records");
	screen_keys(s, "5", NULL);
	assert_screen(s, "Growth of spot-purchased therapy");
	/* The latest period, selected, holds the purchase's second half. */
	assert_screen(s, "> 2030-31");
	cr_expect_eq(growth_spend(s, "2030-31"), 29500);
	screen_keys(s, "Enter", NULL);
	assert_screen(s, "Spot purchases in 2030-31");
	assert_screen(s, "In year");
	assert_line(s, "SP-E2E-SPLIT", "£590.00");
	const char *row = screen_line_with(s, "SP-E2E-SPLIT");
	cr_assert_not_null(row);
	cr_expect(strstr(strstr(row, "£590.00"), "£295.00") != NULL,
	          "no in-year part of £295.00 after the cost: %s", row);
	assert_screen(s, "Total in year 2030-31: £295.00");

	/* A demo year: the total is the figure drilled into. */
	screen_keys(s, "q", NULL);
	assert_screen(s, "Growth of spot-purchased therapy");
	select_period(s, "2023-24");
	long long figure = growth_spend(s, "2023-24");
	cr_assert_gt(figure, 0, "%s", screen_last(s));
	screen_keys(s, "Enter", NULL);
	assert_screen(s, "Total in year 2023-24: £");
	const char *total = screen_line_with(s, "Total in year 2023-24");
	cr_expect_eq(pence_at(total), figure, "total %s, figure %lld pence", total, figure);
	cr_assert_eq(screen_stop(s), 0);
}

/* The list names each purchase's child: ref and name, from the
 * children's records. */
Test(shared, spot_purchases_show_the_childs_name)
{
	const char *purchases = export_kind("spot-purchases");
	const char *child = csv_cell(purchases, "SP-2018-0001", "child");
	cr_assert_not_null(child);
	const char *children = export_kind("children");
	const char *first = csv_cell(children, child, "first_name");
	const char *last = csv_cell(children, child, "last_name");
	cr_assert(first != NULL && last != NULL);
	struct screen *s = screen_start(NULL);
	assert_screen(s, "records");
	screen_keys(s, "4", NULL);
	assert_screen(s, "Spot purchases");
	assert_line(s, "SP-2018-0001", text_printf("%s %s %s", child, first, last));
	cr_assert_eq(screen_stop(s), 0);
}
