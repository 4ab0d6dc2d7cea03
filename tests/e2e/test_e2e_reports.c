/* test_e2e_reports.c: the Reports tab.  A team lead's reports are listed
 * for an admin and not for a caseworker; a report opens on the day typed,
 * its row's figure is the number of records Enter lists behind it, x
 * writes the file `sendesk report NAME --format csv` writes, a coverage
 * gap opens the map at its tile on the report's day, a waits row its
 * return with n/a where not reported, a spot-growth year its purchases,
 * Enter is not offered where no records are behind a row, and every
 * report opens.  Run as
 * test_tui.c is (see there). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screen.h"

TestSuite(reports, E2E_FIXTURE);

static const char *file_text(const char *path)
{
	FILE *f = fopen(path, "r");
	cr_assert_not_null(f, "%s was not written", path);
	static char buf[65536];
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* o: the open report's day, worked out again for it.  The prompt holds
 * today's date: ten backspaces empty it. */
static void report_on_day(struct screen *s, const char *day)
{
	screen_keys(s, "o", NULL);
	assert_screen(s, "The report on the day");
	for (int i = 0; i < 10; i++)
		screen_keys(s, "BSpace", NULL);
	screen_type(s, day);
	screen_keys(s, "Enter", NULL);
	assert_screen(s, text_printf("On %s", day));
}

Test(reports, open_on_a_day_drill_into_a_row_and_export_it)
{
	struct screen *s = screen_start(NULL);
	assert_screen(s, "EKHUFT-2023");
	screen_keys(s, "F5", NULL);
	assert_screen(s, "Enter opens a report");
	expect_screen_has(s, "caseloads");
	expect_screen_has(s, "section-f-unfunded");
	screen_open_report(s, "sections");

	report_on_day(s, "2024-06-01");
	/* F slt on 2024-06-01: 4 entries (as the command counts them). */
	assert_line(s, "F       slt", " 4 ");
	screen_keys(s, "j", NULL);
	assert_screen(s, "> F       slt");
	screen_keys(s, "Enter", NULL);
	assert_screen(s, "Section F slt entries in force on 2024-06-01");
	assert_screen(s, "4 records");
	screen_keys(s, "q", NULL);
	assert_screen(s, "Report sections");

	/* x: the same file as the command writes. */
	screen_keys(s, "x", NULL);
	assert_screen(s, "sections.csv");
	screen_keys(s, "Enter", NULL);
	assert_status(s, "rows of the sections report");
	const char *path = text_printf("%s/sections.csv", e2e_dir());
	struct run r = sendesk("report", "sections", "--on", "2024-06-01", "--format", "csv", NULL);
	cr_assert_eq(r.status, 0, "%s", r.err);
	cr_expect_str_eq(file_text(path), r.out);

	/* A coverage gap's row opens the map on the report's day, the
	 * therapy of the row, its district's tile selected. */
	screen_keys(s, "q", NULL);
	assert_screen(s, "Enter opens a report");
	screen_keys(s, "g", NULL);
	assert_screen(s, ">contracts ");
	screen_open_report(s, "coverage-gaps");
	report_on_day(s, "2024-06-01");
	for (int i = 0; i < 30 && !screen_has(s, "> Swale"); i++) {
		const char *line = screen_line_with(s, "> ");
		cr_assert_not_null(line, "no row selected:\n%s", screen_last(s));
		const char *selected = text_printf("%.34s", strstr(line, "> "));
		screen_keys(s, "j", NULL);
		cr_assert(screen_wait_gone(s, selected, WAIT_MS), "j did not move from %s:\n%s",
		          selected, screen_last(s));
	}
	assert_line(s, "> Swale", "slt");
	screen_keys(s, "Enter", NULL);
	assert_screen(s, "Coverage of Speech and language therapy on Saturday 1 June 2024");
	assert_screen(s, "Swale (slt): GAP");
	expect_screen_has(s, ">SWA");
	screen_keys(s, "q", NULL);
	assert_screen(s, "Report coverage-gaps");
	assert_line(s, "> Swale", "slt");

	/* A waits row opens its return as the Returns tab lists it: n/a
	 * where the provider did not report, the caseload it did. */
	screen_keys(s, "q", NULL);
	assert_screen(s, "Enter opens a report");
	screen_keys(s, "g", NULL);
	assert_screen(s, ">contracts ");
	screen_open_report(s, "waits");
	assert_line(s, "> EKHUFT", "2023-12");
	screen_keys(s, "Enter", NULL);
	assert_screen(s, "Return of EKHUFT for ot, 2023-12");
	assert_line(s, "> EKHUFT", "n/a");
	assert_line(s, "> EKHUFT", " 387");
	screen_keys(s, "q", NULL);
	assert_screen(s, "Report waits");

	/* A spot-growth year lists its purchases under the year's total;
	 * equality's rows count children and offer nothing behind them. */
	screen_keys(s, "q", NULL);
	assert_screen(s, "Enter opens a report");
	screen_keys(s, "g", NULL);
	assert_screen(s, ">contracts ");
	screen_open_report(s, "spot-growth");
	assert_line(s, "> 20", NULL);
	screen_keys(s, "Enter", NULL);
	assert_screen(s, "Spot purchases in ");
	assert_screen(s, "Total in year");
	screen_keys(s, "q", NULL);
	assert_screen(s, "Report spot-growth");
	screen_keys(s, "q", NULL);
	assert_screen(s, "Enter opens a report");
	screen_open_report(s, "equality");
	assert_status(s, "x export");
	assert_screen_lacks(s, "Enter open");

	/* Every report opens from the list, as an admin may see them all. */
	static const char *const names[] = {
		"contracts", "coverage-gaps", "spot-growth", "pb-summary", "sections", "waits",
		"provision-shortfall", "section-f-funding", "section-f-unfunded", "capacity",
		"equality", "caseloads",
	};
	screen_keys(s, "q", NULL);
	assert_screen(s, "Enter opens a report");
	screen_keys(s, "g", NULL);
	assert_screen(s, ">contracts ");
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		screen_open_report(s, names[i]);
		assert_screen_lacks(s, "may not");
		screen_keys(s, "q", NULL);
		assert_screen(s, "Enter opens a report");
	}
	screen_stop(s);

	/* A caseworker sees the reports that are theirs, not the team leads'. */
	const uid_t other = 65534;
	r = sendesk("user", "add", login_of(other), "caseworker", NULL);
	cr_assert_eq(r.status, 0, "%s", r.err);
	s = screen_start_as(other, NULL);
	assert_screen(s, "(caseworker)");
	screen_keys(s, "F5", NULL);
	assert_screen(s, ">contracts ");
	expect_screen_has(s, "provision-shortfall");
	assert_screen_lacks(s, "caseloads");
	assert_screen_lacks(s, "pb-summary");
	screen_stop(s);
}
