/* test_e2e_text.c: end-to-end tests of the shared text, list, form and
 * picker pieces, as a new user meets them: under a locale that is not
 * UTF-8, at 80x24, filtering, and typing into a form's long and
 * reference fields.  Run as test_tui.c is (see there). */
#include <stdio.h>
#include <string.h>

#include "screen.h"

TestSuite(text, E2E_FIXTURE);

#define PROVIDER_NAME "Zoë Therapies"
#define PROVIDER_ASCII "Zoe Therapies"

static void add_accented_provider(void)
{
	import_text("providers", "providers.csv", "code,name\nZT," PROVIDER_NAME "\n");
}

/* Presses s until the status line says the list is sorted as wanted;
 * every press says something new, so each is waited for. */
static void sort_until(struct screen *s, const char *wanted)
{
	char before[256];
	snprintf(before, sizeof before, "%s", screen_status(s));
	for (int i = 0; i < 30; i++) {
		screen_keys(s, "s", NULL);
		cr_assert(screen_wait_status(s, before, false, WAIT_MS), "s changed nothing:\n%s",
		          screen_last(s));
		snprintf(before, sizeof before, "%s", screen_status(s));
		if (strstr(before, wanted))
			return;
	}
	cr_assert_fail("never \"%s\":\n%s", wanted, screen_last(s));
}

/* LC_ALL=C: money, sort marks and names still show, in ASCII, with a
 * note that a UTF-8 locale shows them fully; a cut cell is marked. */
Test(text, a_locale_without_utf8_shows_everything_in_ascii)
{
	add_accented_provider();
	struct screen *s = screen_start_without_utf8();
	/* Resized once the screens run, so the change reaches them as one. */
	assert_screen(s, "7 records");
	screen_resize(s, 80, 24);
	assert_status(s, "a UTF-8 locale shows them fully");
	assert_line(s, "EKHUFT-2023", "GBP752,905.00");
	assert_screen(s, "Ref ^");
	/* Flags is too narrow for "unsigned;expired" at 80 columns. */
	assert_line(s, "EKHUFT-2024", "unsigned;~");
	screen_keys(s, "2", NULL);
	assert_line(s, "ZT", PROVIDER_ASCII);
	/* Its form shows the name simplified, refuses to change it, and a
	 * save keeps it whole. */
	screen_keys(s, "End", NULL);
	assert_line(s, "> ZT", PROVIDER_ASCII);
	screen_keys(s, "e", NULL);
	assert_screen(s, "Edit provider");
	assert_line(s, "Name", PROVIDER_ASCII);
	screen_keys(s, "Tab", "x", NULL);
	assert_status(s, "edit it under a UTF-8 locale");
	screen_keys(s, "F2", NULL);
	assert_status(s, "Saved provider ZT");
	cr_expect_str_eq(csv_cell(export_kind("providers"), "ZT", "name"), PROVIDER_NAME);
	screen_stop(s);
}

/* At 80x24 in UTF-8: cut cells end in "…", a narrow sorted column keeps
 * its mark; filters find flags, fold accents, and a kept filter is
 * offered selected rather than added to. */
Test(text, lists_mark_cuts_and_sorts_and_filter_by_flags_and_folded_names)
{
	add_accented_provider();
	struct screen *s = screen_start(NULL);
	assert_screen(s, "7 records");
	screen_resize(s, 80, 24);
	assert_line(s, "EKHUFT-2024", "unsigned;…");

	screen_keys(s, "/", NULL);
	screen_type(s, "expired");
	assert_screen(s, "filter: expired_   (Enter keeps it, Esc clears)  3 records");
	assert_screen(s, "EKHUFT-2024");
	assert_screen_lacks(s, "EKHUFT-2023");   /* ended: not expired */
	screen_keys(s, "Enter", "/", NULL);
	assert_screen(s, "typing replaces it");
	screen_type(s, "ekh");
	assert_screen(s, "filter: ekh_   (Enter keeps it, Esc clears)  2 records");
	screen_keys(s, "Escape", NULL);
	assert_screen(s, "7 records");

	screen_keys(s, "2", NULL);
	assert_line(s, "ZT", PROVIDER_NAME);
	screen_keys(s, "/", NULL);
	screen_type(s, "zoe");
	assert_screen(s, "filter: zoe_   (Enter keeps it, Esc clears)  1 record");
	assert_line(s, "ZT", PROVIDER_NAME);
	screen_keys(s, "Escape", NULL);

	screen_keys(s, "4", NULL);
	assert_screen(s, "SP-2018-0001");
	sort_until(s, "sorted by Therapy, ascending");
	assert_screen(s, "Therap▲");
	screen_stop(s);
}

/* The edit form names the child and provider; typing in a reference field
 * stays in the form, F4 picks (Esc keeps the text, a choice moves on),
 * and text beyond a field's limit is refused beside it, not cut. */
Test(text, forms_keep_what_is_typed)
{
	struct screen *s = screen_start(NULL);
	assert_screen(s, "7 records");
	screen_keys(s, "4", NULL);
	assert_line(s, "SP-2018-0001", "CH-0001");
	screen_keys(s, "e", NULL);
	assert_screen(s, "Edit spot purchase");
	assert_line(s, "Child", "Willow Heathercroft");
	assert_line(s, "Provider", "Kent Community Health");
	screen_keys(s, "Escape", NULL);
	assert_screen_gone(s, "Edit spot purchase");

	screen_keys(s, "a", NULL);
	assert_screen(s, "Add spot purchase");
	screen_type(s, "SP-E2E-9");
	screen_keys(s, "Tab", NULL);
	screen_type(s, "CH-0001");
	screen_keys(s, "Tab", NULL);
	assert_line(s, "Child", "Willow Heathercroft");
	screen_type(s, "KCH");
	screen_keys(s, "F4", NULL);
	assert_screen(s, "Choose a provider");
	screen_keys(s, "Escape", NULL);
	assert_screen_gone(s, "Choose a provider");
	assert_line(s, "Provider *", "KCH");
	screen_keys(s, "F4", NULL);
	assert_screen(s, "Choose a provider");
	screen_keys(s, "Enter", NULL);
	assert_line(s, "Provider *", "Kent Community Health");
	assert_status(s, "Therapy:");

	screen_keys(s, "Right", "Tab", NULL);
	screen_type(s, "2024-01-01");
	screen_keys(s, "Tab", NULL);
	screen_type(s, "100");
	screen_keys(s, "Tab", "Tab", NULL);
	char pasted[305];
	memset(pasted, 'x', 304);
	pasted[304] = '\0';
	screen_type(s, pasted);
	assert_line(s, "Invoice", "too long (at most 40 characters)");
	screen_keys(s, "F2", NULL);
	assert_status(s, "needs attention");
	assert_screen_lacks(s, "Saved");
	cr_expect_str_eq(sql("select count(*) from spot_purchases where ref = 'SP-E2E-9';"), "0\n");
	screen_keys(s, "Escape", "y", NULL);
	assert_screen_gone(s, "Add spot purchase");
	screen_stop(s);
}

/* A rule that names another field reads with that field's label, beside
 * the field and on the status line: "End must not be before Start", not
 * "start_date" (the command line keeps the CSV names). */
Test(text, a_form_names_fields_by_their_labels)
{
	struct screen *s = screen_start(NULL);
	assert_screen(s, "7 records");
	screen_keys(s, "4", NULL);
	assert_line(s, "SP-2018-0001", "CH-0001");
	screen_keys(s, "e", NULL);
	assert_screen(s, "Edit spot purchase");
	/* Ref, Child, Provider, Therapy, Start, Cost, then End. */
	screen_keys(s, "Tab", "Tab", "Tab", "Tab", "Tab", "Tab", NULL);
	assert_status(s, "End:");
	for (int i = 0; i < 12; i++)
		screen_keys(s, "BSpace", NULL);
	screen_type(s, "2018-01-01");
	screen_keys(s, "F2", NULL);
	assert_line(s, "End", "must not be before Start");
	assert_status(s, "End must not be before Start");
	assert_screen_lacks(s, "start_date");
	screen_keys(s, "Escape", "y", NULL);
	assert_screen_gone(s, "Edit spot purchase");
	cr_expect_str_eq(sql("select end_date from spot_purchases where ref = 'SP-2018-0001';"),
	                 "2018-06-20\n");
	screen_stop(s);
}
