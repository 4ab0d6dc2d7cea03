/* test_drill_speed.c: the lists a report's row opens, as a person sees
 * them.  A section-f-funding row of more entries than a page opens on
 * its first page under the row's figure, and reads the rest as the
 * selection goes down; a spot-growth year opened from the Reports tab
 * over dates of its own shows the row's figure as the year's total (an
 * open-ended purchase runs to the report's last day, not to today).
 * Run as test_tui.c is (see there). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screen.h"

TestSuite(drill_speed, E2E_FIXTURE);

/* A child with no district and 130 Section F entries of assistive
 * technology the school funds: the first section-f-funding row. */
static void import_many_entries(void)
{
	import_text("children", "child.csv",
	           "ref,first_name,last_name,date_of_birth\nZD-0130,Zora,Drillwood,2015-02-02\n");
	size_t len = 64 + 130 * 64;
	char *csv = malloc(len), *at = csv;
	cr_assert_not_null(csv);
	at += sprintf(at, "ref,child,section,therapy,start_date,funding,minutes_per_week\n");
	for (int i = 0; i < 130; i++)
		at += sprintf(at, "ZD-E%03d,ZD-0130,F,at,2020-01-01,school,10\n", i);
	import_text("therapy-entries", "entries.csv", csv);
	free(csv);
}

Test(drill_speed, a_funding_row_reads_its_entries_a_page_at_a_time_a_growth_year_keeps_its_figure)
{
	import_many_entries();
	/* An open-ended purchase from 1 April 2029: over dates to the end of
	 * 2030 it runs 640 days, 365 of them in 2029-30. */
	import_text("spot-purchases", "purchase.csv",
	           "ref,child,provider,therapy,start_date,cost\n"
	           "SP-E2E-OPEN,ZD-0130,KCHFT,slt,2029-04-01,640.00\n");
	struct screen *s = screen_start(NULL);
	assert_screen(s, "records");
	screen_keys(s, "F5", NULL);
	screen_open_report(s, "section-f-funding");
	assert_line(s, "> ", " 130 ");
	screen_keys(s, "Enter", NULL);
	assert_screen(s, "Section F at entries in no district funded by school");
	assert_screen(s, "130 entries, the first 100 read (more as you go down)");
	assert_line(s, "ZD-E000", "ZD-0130");
	/* G goes to the last row read; the rest are read as it nears it. */
	screen_keys(s, "G", NULL);
	assert_screen(s, "130 entries");
	assert_screen_gone(s, "the first 100");
	screen_keys(s, "G", NULL);
	assert_line(s, "> ZD-E129", "ZD-0130");
	screen_keys(s, "q", NULL);
	assert_screen(s, "Report section-f-funding");
	screen_keys(s, "q", NULL);

	/* spot-growth to 2030-12-31: the row's figure and the list's total
	 * are the command's, £365.00 (not all £640.00, as running the
	 * purchase to today would put it). */
	struct run r = sendesk("report", "spot-growth", "--to", "2030-12-31", "--format", "csv", NULL);
	cr_assert_eq(r.status, 0, "%s", r.err);
	cr_assert_not_null(strstr(r.out, "2029-30,1,1,0,365.00,"), "%s", r.out);
	assert_screen(s, "Enter opens a report");
	screen_keys(s, "g", NULL);
	assert_screen(s, ">contracts ");
	screen_open_report(s, "spot-growth");
	screen_keys(s, "r", NULL);
	assert_screen(s, "From and to");
	/* The prompt holds "- -": the last dash gives way to the day. */
	assert_screen(s, "- -");
	screen_keys(s, "BSpace", NULL);
	screen_type(s, "2030-12-31");
	screen_keys(s, "Enter", NULL);
	assert_screen(s, "From/to - 2030-12-31");
	for (int i = 0; i < 40 && !screen_has(s, "> 2029-30"); i++) {
		const char *line = screen_line_with(s, "> ");
		cr_assert_not_null(line, "no row selected:\n%s", screen_last(s));
		const char *selected = text_printf("%.12s", strstr(line, "> "));
		screen_keys(s, "j", NULL);
		cr_assert(screen_wait_gone(s, selected, WAIT_MS), "j did not move from %s:\n%s",
		          selected, screen_last(s));
	}
	assert_line(s, "> 2029-30", "£365.00");
	screen_keys(s, "Enter", NULL);
	assert_screen(s, "Spot purchases in 2029-30");
	assert_screen(s, "Total in year 2029-30: £365.00");
	/* Its In year part is the same 365 days' share. */
	assert_line(s, "SP-E2E-OPEN", "£365.00");
	cr_assert_eq(screen_stop(s), 0);
}
