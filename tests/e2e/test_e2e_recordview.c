/* test_e2e_recordview.c: end-to-end tests of record views.
 *
 * A contract's record view holds its value history, coverage and
 * staffing as lists: a value is selected and corrected there, and the
 * Contracts list's "Rate today" follows; coverage added from the view
 * names the contract already.  Deleting a spot purchase from its record
 * view goes back to the list with the next purchase selected.  At 80x24
 * a contract's long notes wrap to 80 columns and scroll into view whole.
 * Run as test_tui.c is (see there). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "screen.h"

TestSuite(recordview, E2E_FIXTURE);

/* The selected row of a list (the line that starts with "> "), or "". */
static const char *selected_row(struct screen *s)
{
	const char *p = screen_text(s);
	while (p != NULL && *p != '\0') {
		if (strncmp(p, "> ", 2) == 0)
			return text_printf("%.*s", (int)strcspn(p, "\n"), p);
		p = strchr(p, '\n');
		if (p != NULL)
			p++;
	}
	return "";
}

/* Presses j until the selected row starts with "> " prefix, waiting
 * after each press for the selection to move; at most max presses. */
static void select_down_to(struct screen *s, const char *prefix, int max)
{
	const char *marked = text_printf("> %s", prefix);
	const char *row = selected_row(s);
	for (int i = 0; i <= max; i++) {
		if (strncmp(row, marked, strlen(marked)) == 0)
			return;
		screen_keys(s, "j", NULL);
		long waited = 0;
		const char *moved;
		while (strcmp(moved = selected_row(s), row) == 0 && waited < WAIT_MS) {
			struct timespec ts = {0, 20 * 1000000L};
			nanosleep(&ts, NULL);
			waited += 20;
		}
		row = moved;
	}
	cr_assert_fail("could not select %s; the screen shows:\n%s", prefix, screen_last(s));
}

/* The first word of the line below the first line holding text. */
static const char *ref_below(struct screen *s, const char *text)
{
	const char *line = strstr(screen_last(s), text);
	cr_assert_not_null(line, "no line with %s:\n%s", text, screen_last(s));
	const char *next = strchr(line, '\n');
	cr_assert_not_null(next, "nothing below %s:\n%s", text, screen_last(s));
	next += 1 + strspn(next + 1, " >");
	return text_printf("%.*s", (int)strcspn(next, " \n"), next);
}

#define CONTRACT "KCHFT-W-2024"

/* The Contracts list's row of CONTRACT shows both values. */
static void assert_contract_row(struct screen *s, const char *start_value, const char *rate)
{
	assert_screen(s, "Rate today");
	assert_line(s, "> " CONTRACT, rate);
	const char *row = screen_line_with(s, "> " CONTRACT);
	const char *first = strstr(row, start_value);
	cr_assert(first != NULL, "no starting value %s in: %s", start_value, row);
	cr_expect(strstr(first + strlen(start_value), rate) != NULL,
	          "the rate today %s is not beside the starting value %s: %s", rate, start_value, row);
}

Test(recordview, a_value_of_the_history_is_corrected_and_coverage_added_from_the_contract)
{
	struct screen *s = screen_start(NULL);
	assert_screen(s, "7 records");
	select_down_to(s, CONTRACT, 8);
	assert_contract_row(s, "£916,549.00", "£916,549.00");

	/* Its record view; Tab moves into the value history. */
	screen_keys(s, "Enter", NULL);
	assert_screen(s, "Contract " CONTRACT);
	screen_keys(s, "Tab", NULL);
	assert_screen(s, "Value history, with sources (1) *");
	assert_line(s, "> 2024-04-01", "£916,549.00");
	screen_keys(s, "e", NULL);
	assert_screen(s, "Edit contract value");
	/* Contract, From, then Annual value. */
	screen_keys(s, "Tab", "Tab", NULL);
	assert_status(s, "Annual value:");
	for (int i = 0; i < 14; i++)
		screen_keys(s, "BSpace", NULL);
	screen_type(s, "987654.32");
	screen_keys(s, "F2", NULL);
	assert_status(s, "Saved contract value");
	assert_line(s, "> 2024-04-01", "£987,654.32");
	cr_expect_str_eq(csv_cell(export_kind("contract-values"), CONTRACT, "annual_value"), "987654.32");

	/* Coverage added from the contract's view names the contract. */
	screen_keys(s, "Tab", NULL);
	assert_line(s, "Districts and therapies covered (", ") *");
	screen_keys(s, "a", NULL);
	assert_screen(s, "Add coverage");
	assert_line(s, "Contract", CONTRACT);
	screen_keys(s, "Tab", NULL);
	screen_type(s, "Swale");
	screen_keys(s, "Tab", NULL);
	screen_type(s, "slt");
	screen_keys(s, "F2", NULL);
	assert_status(s, "Saved coverage " CONTRACT ", Swale, slt");
	assert_line(s, "> Swale", "Speech and language therapy");
	const char *coverage = export_kind("coverage");
	cr_expect(strstr(coverage, CONTRACT ",Swale,slt") != NULL, "no coverage row for " CONTRACT
	          " in Swale:\n%s", coverage);

	/* Back on the list: the starting value stays, the rate today is the
	 * corrected one, and export and report keep the starting value. */
	screen_keys(s, "q", NULL);
	assert_contract_row(s, "£916,549.00", "£987,654.32");
	cr_expect_str_eq(csv_cell(export_kind("contracts"), CONTRACT, "annual_value"), "916549.00");
	screen_stop(s);
}

Test(recordview, deleting_a_spot_purchase_from_its_view_selects_the_next_one)
{
	struct screen *s = screen_start(NULL);
	assert_screen(s, "7 records");
	screen_keys(s, "4", NULL);
	assert_screen(s, "Spot purchases");
	assert_screen(s, "> SP-");
	/* The second row is deleted; the third should be selected after. */
	const char *first = ref_below(s, "Ref");
	const char *second = ref_below(s, text_printf("> %s", first));
	const char *third = ref_below(s, text_printf("  %s", second));
	select_down_to(s, second, 2);
	screen_keys(s, "Enter", NULL);
	assert_screen(s, text_printf("Spot purchase %s", second));
	screen_keys(s, "d", NULL);
	assert_screen(s, text_printf("Delete spot purchase %s?", second));
	screen_keys(s, "y", NULL);
	assert_status(s, text_printf("deleted spot purchase %s", second));
	assert_line(s, text_printf("> %s", third), NULL);
	assert_screen_lacks(s, "no longer there");
	assert_screen_lacks(s, text_printf("Spot purchase %s", second));
	cr_expect(!csv_has_key(export_kind("spot-purchases"), second), "%s is still there", second);
	screen_stop(s);
}

#define NOTE_WORDS 260

Test(recordview, long_notes_wrap_to_80_columns_and_scroll_into_view)
{
	/* w001 w002 ... : every word must be seen whole somewhere. */
	char note[NOTE_WORDS * 5 + 1] = "";
	for (int i = 1; i <= NOTE_WORDS; i++)
		snprintf(note + strlen(note), sizeof note - strlen(note), "%sw%03d", i > 1 ? " " : "", i);
	import_text("contracts", "notes.csv",
	            text_printf("ref,provider,annual_value,start_date,end_date,notes\n"
	                        "AAA-NOTES,EKHUFT,1000.00,2025-04-01,2026-03-31,%s\n", note));

	struct screen *s = screen_start(NULL);
	assert_screen(s, "> AAA-NOTES");
	screen_resize(s, 80, 24);
	assert_screen(s, "> AAA-NOTES");
	screen_keys(s, "Enter", NULL);
	assert_screen(s, "Contract AAA-NOTES");
	assert_line(s, "Notes", "w001");
	/* Page down until every word has been seen whole, in order: a line
	 * wrapped for a wider screen loses the words past column 80. */
	int next = 1;
	for (int pages = 0; next <= NOTE_WORDS; pages++) {
		cr_assert(pages < 20, "paged %d times and w%03d is not there:\n%s", pages, next,
		          screen_last(s));
		const char *word = text_printf("w%03d", next);
		cr_assert(screen_wait_for(s, word, WAIT_MS), "w%03d never shows after %d pages:\n%s",
		          next, pages, screen_last(s));
		while (next <= NOTE_WORDS && screen_has(s, text_printf("w%03d", next)))
			next++;
		if (next <= NOTE_WORDS)
			screen_keys(s, "NPage", NULL);
	}
	screen_stop(s);
}
