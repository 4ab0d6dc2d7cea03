/* test_e2e_spot.c: end-to-end tests of the Spot purchases and Growth tabs.
 *
 * A team lead's round trip: add a spot purchase on tab 4 through the
 * form, choosing the child and the provider from the picker rather than
 * typing their keys, then see the growth table on tab 5 count the child
 * and the spend, and open the purchases behind the period.  The tests
 * add their own child (through the command line) and read the figures
 * before and after, so they hold whatever spot purchases the demo data
 * has.  Run as test_tui.c is (see there). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screen.h"

TestSuite(spot, E2E_FIXTURE);

#define CHILD_REF "ZQ-0917"
#define CHILD_NAME "Zebedee Quillfeather"
#define PURCHASE_REF "SP-E2E-0001"
#define PERIOD "2024-25"
#define COST_TYPED "12345.67"
#define COST_PENCE 1234567LL

/* The purchase's days all fall in PERIOD, so all its cost is spent there. */
#define START_DATE "2024-06-01"
#define END_DATE "2024-12-31"

static void add_child(void)
{
	import_text("children", "child.csv",
	            "ref,first_name,last_name,date_of_birth\n" CHILD_REF
	            ",Zebedee,Quillfeather,2015-05-05\n");
}

/* One period's row of the growth table as it reads on the screen. */
struct growth_line {
	bool present;
	long long children, fresh, ended, spend_pence;
};

/* "£1,234.56" -> 123456 */
static long long pence_of(const char *money)
{
	long long n = 0;
	for (const char *c = money; *c; c++)
		if (*c >= '0' && *c <= '9')
			n = n * 10 + (*c - '0');
	return n;
}

/* The table is the left of the screen: its row is the first line that
 * starts (after the selection marker) with the period. */
static struct growth_line read_growth(struct screen *s, const char *period)
{
	struct growth_line g = {0};
	const char *text = screen_last(s);
	for (const char *line = text; line && *line;) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		size_t lead = strspn(line, " >");
		if (lead < len && strncmp(line + lead, period, strlen(period)) == 0) {
			char spend[64];
			int n = sscanf(line + lead + strlen(period), "%lld %lld %lld %63s", &g.children,
			               &g.fresh, &g.ended, spend);
			cr_assert_eq(n, 4, "cannot read the row of %s: %.*s", period, (int)len, line);
			g.spend_pence = pence_of(spend);
			g.present = true;
			return g;
		}
		line = end ? end + 1 : NULL;
	}
	return g;
}

/* Tab 5, its figures on screen (or its word that there are none). */
static struct growth_line growth_now(struct screen *s, const char *period)
{
	screen_keys(s, "5", NULL);
	assert_screen(s, "Growth of spot-purchased therapy");
	cr_assert(screen_wait_for(s, "Period", 1000) || screen_has(s, "No spot purchases yet"),
	          "neither a table nor its absence:\n%s", screen_last(s));
	return read_growth(s, period);
}

/* Types into the empty reference field, opens the picker on what was
 * typed (F4) and chooses the one match; the form then moves on. */
static void pick(struct screen *s, const char *typed, const char *row, const char *field,
                 const char *key)
{
	screen_type(s, typed);
	screen_keys(s, "F4", NULL);
	assert_screen(s, "Type part of a key or name:");
	assert_line(s, "> ", row);
	screen_keys(s, "Enter", NULL);
	assert_screen_gone(s, "Type part of a key or name:");
	assert_line(s, field, key);
}

static void add_purchase(struct screen *s)
{
	screen_keys(s, "4", NULL);
	assert_screen(s, "Spot purchases");
	screen_keys(s, "a", NULL);
	assert_screen(s, "Add spot purchase");
	screen_type(s, PURCHASE_REF);
	screen_keys(s, "Tab", NULL);
	assert_status(s, "Child:");
	pick(s, "Quillf", CHILD_REF " " CHILD_NAME, "Child", CHILD_REF);
	/* The name shows beside the key the field holds. */
	assert_line(s, CHILD_REF, CHILD_NAME);
	assert_status(s, "Provider:");
	/* F4 on an empty field: every provider. */
	screen_keys(s, "F4", NULL);
	assert_screen(s, "Choose a provider");
	screen_type(s, "East Kent");
	assert_line(s, "> EKHUFT", "East Kent Hospitals");
	screen_keys(s, "Enter", NULL);
	assert_line(s, "Provider", "EKHUFT");
	assert_status(s, "Therapy:");
	screen_keys(s, "Right", "Tab", NULL);
	screen_type(s, START_DATE);
	screen_keys(s, "Tab", NULL);
	screen_type(s, COST_TYPED);
	screen_keys(s, "Tab", NULL);
	screen_type(s, END_DATE);
	assert_line(s, "End", END_DATE);
	screen_keys(s, "F2", NULL);
	assert_status(s, "Saved spot purchase " PURCHASE_REF);
	assert_screen_gone(s, "Add spot purchase");
}

Test(spot, a_purchase_added_through_the_form_shows_in_the_growth_table)
{
	add_child();
	struct screen *s = screen_start(NULL);
	assert_screen(s, "records");
	struct growth_line before = growth_now(s, PERIOD);

	add_purchase(s);

	/* Switching tabs reloads the figures. */
	struct growth_line after = growth_now(s, PERIOD);
	cr_assert(after.present, "no row for %s after adding a purchase in it:\n%s", PERIOD,
	          screen_last(s));
	cr_expect_eq(after.children, before.children + 1, "children: %lld then %lld\n%s",
	             before.children, after.children, screen_last(s));
	cr_expect_eq(after.fresh, before.fresh + 1, "a child's first purchase is new");
	cr_expect_eq(after.ended, before.ended + 1, "its only purchase ends in %s", PERIOD);
	cr_expect_eq(after.spend_pence, before.spend_pence + COST_PENCE,
	             "spend: %lld then %lld pence", before.spend_pence, after.spend_pence);

	/* In the database, as the form was filled in. */
	const char *csv = export_kind("spot-purchases");
	cr_assert(csv_has_key(csv, PURCHASE_REF), "export has no %s", PURCHASE_REF);
	cr_expect_str_eq(csv_cell(csv, PURCHASE_REF, "child"), CHILD_REF);
	cr_expect_str_eq(csv_cell(csv, PURCHASE_REF, "provider"), "EKHUFT");
	cr_expect_str_eq(csv_cell(csv, PURCHASE_REF, "cost"), COST_TYPED);
	cr_expect_str_eq(csv_cell(csv, PURCHASE_REF, "start_date"), START_DATE);
	cr_expect_str_eq(csv_cell(csv, PURCHASE_REF, "end_date"), END_DATE);

	/* Enter on the period lists the purchases behind its figures. */
	for (int i = 0; i < 30 && !screen_wait_for(s, "> " PERIOD, 200); i++)
		screen_keys(s, "Up", NULL);
	assert_screen(s, "> " PERIOD);
	screen_keys(s, "Enter", NULL);
	assert_screen(s, "Spot purchases in " PERIOD);
	screen_keys(s, "/", NULL);
	screen_type(s, "E2E");
	assert_screen(s, "1 record");
	assert_line(s, PURCHASE_REF, "£12,345.67");
	screen_keys(s, "Enter", "q", NULL);
	assert_screen(s, "Growth of spot-purchased therapy");
	cr_assert_eq(screen_stop(s), 0);
}

Test(spot, esc_in_the_picker_keeps_what_was_typed)
{
	add_child();
	struct screen *s = screen_start(NULL);
	assert_screen(s, "records");
	screen_keys(s, "4", "a", NULL);
	assert_screen(s, "Add spot purchase");
	screen_type(s, "SP-E2E-0002");
	screen_keys(s, "Tab", NULL);
	screen_type(s, "Q");
	screen_keys(s, "F4", NULL);
	assert_screen(s, "Choose a child");
	screen_keys(s, "Escape", NULL);
	assert_screen_gone(s, "Choose a child");
	assert_status(s, "nothing chosen");
	assert_line(s, "Child *", "Q");
	/* Saving refuses the four empty fields, not the child kept; nothing
	 * is written. */
	screen_keys(s, "F2", NULL);
	assert_status(s, "4 fields need attention");
	assert_line(s, "Child *", "Q");
	cr_expect(!csv_has_key(export_kind("spot-purchases"), "SP-E2E-0002"));
	screen_keys(s, "Escape", NULL);
	assert_screen(s, "Discard your changes?");
	screen_keys(s, "y", NULL);
	assert_screen_gone(s, "Add spot purchase");
	cr_assert_eq(screen_stop(s), 0);
}

Test(spot, growth_exports_the_table_as_csv)
{
	add_child();
	struct screen *s = screen_start(NULL);
	assert_screen(s, "records");
	add_purchase(s);
	struct growth_line shown = growth_now(s, PERIOD);
	cr_assert(shown.present);
	screen_keys(s, "x", NULL);
	assert_screen(s, "Export the growth table");
	const char *path = text_printf("%s/growth.csv", e2e_dir());
	for (int i = 0; i < 160; i++)
		screen_keys(s, "BSpace", NULL);
	screen_type(s, path);
	screen_keys(s, "Enter", NULL);
	assert_status(s, "exported");
	FILE *f = fopen(path, "r");
	cr_assert_not_null(f, "no %s", path);
	static char text[65536];
	size_t n = fread(text, 1, sizeof text - 1, f);
	fclose(f);
	text[n] = '\0';
	cr_expect(strncmp(text, "period,children,new,ended,spend,change_pct\r\n", 44) == 0, "%s", text);
	/* The row says what the screen says, money as export writes it. */
	const char *row = strstr(text, "\n" PERIOD ",");
	cr_assert_not_null(row, "no %s row:\n%s", PERIOD, text);
	long long children, fresh, ended;
	char spend[32];
	cr_assert_eq(sscanf(row + 1 + strlen(PERIOD), ",%lld,%lld,%lld,%31[0-9.]", &children, &fresh,
	                    &ended, spend), 4, "%s", row);
	cr_expect_eq(children, shown.children);
	cr_expect_eq(fresh, shown.fresh);
	cr_expect_eq(ended, shown.ended);
	cr_expect_str_eq(spend, text_printf("%lld.%02lld", shown.spend_pence / 100, shown.spend_pence % 100));
	cr_assert_eq(screen_stop(s), 0);
}

Test(spot, a_caseworker_may_look_at_purchases_but_not_the_growth_review)
{
	const uid_t other = 65534;
	const char *login = login_of(other);
	struct run r = sendesk("user", "add", login, "caseworker", NULL);
	cr_assert_eq(r.status, 0, "user add %s caseworker: exit %d\n%s", login, r.status, r.err);
	struct screen *s = screen_start_as(other, NULL);
	assert_screen(s, text_printf("%s (caseworker)", login));
	screen_keys(s, "4", NULL);
	assert_screen(s, "Spot purchases");
	screen_keys(s, "a", NULL);
	assert_status(s, "may look");
	assert_screen_lacks(s, "Add spot purchase");
	screen_keys(s, "5", NULL);
	assert_screen(s, "may not see the growth review");
	assert_screen_lacks(s, "Period");
	cr_assert_eq(screen_stop(s), 0);
}
