/* test_screen_fixes.c: what a person sees at 80x24: a report wider than
 * the screen scrolls sideways a column at a time, keeping the row's name
 * and saying which columns show; under a locale that is not UTF-8
 * amounts (GBP for "£") show whole in the lists and the report tables;
 * the renew prompt's question shows whole.  Run as test_tui.c is (see
 * there). */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <time.h>

#include "screen.h"

TestSuite(screen_fixes, E2E_FIXTURE);

/* The contracts report (the first on the Reports tab) at 80 columns. */
static void open_contracts_report(struct screen *s)
{
	screen_keys(s, "F5", NULL);
	assert_screen(s, "Enter opens a report");
	assert_screen(s, ">contracts ");
	screen_keys(s, "Enter", NULL);
	assert_screen(s, "Report contracts");
}

Test(screen_fixes, a_wide_report_scrolls_sideways_keeping_its_first_column)
{
	struct screen *s = screen_start(NULL);
	assert_screen(s, "7 records");
	screen_resize(s, 80, 24);
	assert_screen(s, "[1 Contracts] 2 Prov");
	open_contracts_report(s);
	/* Eleven columns, six whole at 80: the rest is to the right. */
	assert_screen(s, "columns 1-6 of 11  l >");
	assert_status(s, "l next col");
	assert_line(s, "Contract", "Lifetime value");
	assert_screen_lacks(s, "Other funders");
	assert_screen_lacks(s, "< h");

	/* One column further: the ref stays, Provider gives way. */
	screen_keys(s, "l", NULL);
	assert_screen(s, "< h  columns 1, 3-7 of 11  l >");
	assert_status(s, "h prev col  l next col");
	assert_line(s, "Contract", "Annual value");
	assert_screen_lacks(s, "Provider");
	assert_line(s, "KCHFT-W-2024", "£916,549.00");

	/* Right goes as far as the last column, and no further. */
	screen_keys(s, "Right", "Right", "l", "l", "l", "l", "l", "l", "l", NULL);
	assert_screen(s, "< h  columns 1, 9-11 of 11");
	assert_screen_lacks(s, "l >");
	assert_line(s, "Contract", "Other funders");
	expect_screen_has(s, "Total");
	assert_line(s, "KMCAT-2023", "£2,080,000.00");
	assert_status_gone(s, "next col");

	/* Left and h come back; help names the keys in this view. */
	screen_keys(s, "Left", "h", NULL);
	assert_screen(s, "columns 1, 7-10 of 11  l >");
	screen_keys(s, "?", NULL);
	assert_screen(s, "Help: keys");
	screen_keys(s, "NPage", NULL);
	assert_line(s, "h, Left", "a report: the column before");
	assert_line(s, "l, Right", "a report wider than the screen");
	screen_keys(s, "q", NULL);
	assert_screen_gone(s, "Help: keys");
	screen_stop(s);
}

Test(screen_fixes, amounts_and_the_renew_question_whole_without_utf8)
{
	struct screen *s = screen_start_without_utf8();
	assert_screen(s, "7 records");
	screen_resize(s, 80, 24);
	assert_status(s, "a UTF-8 locale shows them fully");
	assert_line(s, "KCHFT-W-2024", "GBP916,549.00 GBP916,549.00");

	/* R on a contract: the question is the box's title, whole at 80 and
	 * at 100 columns. */
	screen_keys(s, "R", NULL);
	assert_screen(s, " Renew EKHUFT-2023 for 2024-04-01 to 2025-03-31 as ");
	screen_resize(s, 100, 30);
	assert_screen(s, "3 Cover");
	assert_screen(s, " Renew EKHUFT-2023 for 2024-04-01 to 2025-03-31 as ");
	screen_keys(s, "Escape", NULL);
	assert_status(s, "nothing changed");
	screen_resize(s, 80, 24);
	assert_screen_gone(s, "3 Cover");

	/* Spot purchases: the cost column is the last at 80; the child's
	 * name gives it the room "GBP" takes. */
	screen_keys(s, "4", NULL);
	assert_screen(s, "[4 Spot purchases]");
	assert_line(s, "SP-2018-0001", "GBP2,230.00");
	assert_line(s, "Ref", "Cost");
	/* Personal budgets: two amounts side by side, both whole. */
	screen_keys(s, "9", NULL);
	assert_screen(s, "[9 Budget]");
	assert_line(s, "PB-2023-0003", "GBP26,934.00 GBP10,500.00");
	assert_line(s, "PB-2023-0009", "GBP14,409.00 GBP14,400.00");

	/* A report's money columns widen for "GBP" and stay in line. */
	open_contracts_report(s);
	assert_line(s, "KCHFT-W-2024", "GBP916,549.00 2024-04-01 2025-08-31 GBP1,300,746.25");
	assert_line(s, "KMCAT-2023", "GBP870,000.00 2023-04-01 2024-03-31   GBP870,000.00");
	screen_stop(s);
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Esc drops a filter at once, even while its search is still reading a
 * large list: it used to wait for the search to end first (over ten
 * million sessions, a word no session holds took seconds, and the keys
 * typed meanwhile waited with it).  On 1,500,000 sessions more
 * (e2e_use_many_sessions), the search for a word none holds is timed to
 * its end first, and Esc in the middle of the same search must be
 * answered in a third of that time, whatever the machine's speed. */
Test(screen_fixes, esc_drops_a_filter_while_its_search_is_still_reading)
{
	e2e_use_many_sessions();
	struct screen *s = screen_start(NULL);
	assert_screen(s, "7 records");
	screen_keys(s, "7", NULL);
	assert_screen(s, "over 10000 records");

	screen_keys(s, "/", NULL);
	screen_type(s, "Qxqzvw");
	double typed = now_ms();
	cr_assert(screen_wait_for(s, "nothing matches the filter", 120000),
	          "the search did not end:\n%s", screen_last(s));
	double whole = now_ms() - typed;
	cr_assert_gt(whole, 900, "the search took %.0f ms: too quick to tell", whole);
	screen_keys(s, "Escape", NULL);
	assert_screen(s, "over 10000 records");

	screen_keys(s, "/", NULL);
	screen_type(s, "Qxqzvx");
	assert_screen(s, "searching");
	double pressed = now_ms();
	screen_keys(s, "Escape", NULL);
	cr_assert(screen_wait_gone(s, "Qxqzvx", (int)whole),
	          "Esc waited for the search (%.0f ms whole); the screen shows:\n%s", whole,
	          screen_last(s));
	double answered = now_ms() - pressed;
	cr_assert_lt(answered, whole / 3, "Esc took %.0f ms, the whole search %.0f ms", answered,
	             whole);
	assert_screen(s, "over 10000 records");
}

/* The budgets per academic year at 80 columns: the last column (the
 * EOTAS amount) does not fit; Right shows it whole, keeping the year,
 * and Left goes back (h and l are not used there: h is the Budgets
 * list's history). */
Test(screen_fixes, the_budgets_per_year_scroll_sideways_at_80_columns)
{
	struct screen *s = screen_start(NULL);
	assert_screen(s, "7 records");
	screen_resize(s, 80, 24);
	screen_keys(s, "9", NULL);
	assert_screen(s, "Personal budgets");
	screen_keys(s, "y", NULL);
	assert_screen(s, "columns 1-7 of 8  Right >");
	assert_screen_lacks(s, "EOTAS amount");
	screen_keys(s, "Right", NULL);
	assert_screen(s, "< Left  columns 1, 3-8 of 8");
	assert_line(s, "Period", "EOTAS amount");
	assert_screen_lacks(s, "Budgets Children");
	screen_keys(s, "Left", NULL);
	assert_screen(s, "columns 1-7 of 8  Right >");
	assert_line(s, "Period", "Budgets Children");
}

/* A report that is still running says so on the status line, and Esc
 * stops it: at national scale a report can run for tens of seconds, and
 * the screen used to show nothing and take no key until it ended.  The
 * 1,500,000 sessions more (e2e_use_many_sessions, within the
 * shortfall's default months) make provision-shortfall run long enough
 * to be stopped on any machine; a full run comes first. */
Test(screen_fixes, esc_stops_a_report_that_is_still_running)
{
	e2e_use_many_sessions();
	struct screen *s = screen_start(NULL);
	assert_screen(s, "7 records");
	screen_keys(s, "F5", NULL);
	screen_open_report(s, "provision-shortfall");
	assert_screen(s, "Specified");
	screen_keys(s, "q", NULL);
	assert_screen(s, "Enter opens a report");

	screen_keys(s, "Enter", NULL);
	assert_status(s, "Running provision-shortfall… Esc stops it");
	screen_keys(s, "Escape", NULL);
	assert_screen(s, "the provision-shortfall report was stopped before it ended");
	assert_screen_lacks(s, "Specified");
	assert_status_gone(s, "Running provision-shortfall");
}

static void import_kchft_value(const char *value)
{
	import_text("contracts", "value.csv",
	            text_printf("ref,provider,annual_value,start_date,end_date\n"
	                        "KCHFT-W-2024,KCHFT,%s,2024-04-01,2025-08-31\n", value));
}

/* A report on the screen runs again when another process changes the
 * records if it ran quickly (report_rerun_ms, 1000 by default); a slower
 * one keeps its figures, with a line saying they are older than the
 * records, until R: at national scale a report takes seconds, and every
 * save by anyone used to run it again.  report_rerun_ms = 0 makes every
 * report "slow" here. */
Test(screen_fixes, a_slow_report_keeps_its_figures_when_the_records_change_until_r)
{
	struct screen *s = screen_start(NULL);
	assert_screen(s, "7 records");
	screen_keys(s, "F5", NULL);
	screen_open_report(s, "contracts");
	assert_line(s, "KCHFT-W-2024", "£916,549.00");
	import_kchft_value("900000");
	assert_line(s, "KCHFT-W-2024", "£900,000.00");
	assert_screen_lacks(s, "The records have changed");
	screen_stop(s);

	const char *config = text_printf("%s/rerun.cfg", e2e_dir());
	write_text(config, "report_rerun_ms = 0;\n");
	const char *args[] = {"--config", config, NULL};
	s = screen_start(args);
	assert_screen(s, "7 records");
	screen_keys(s, "F5", NULL);
	screen_open_report(s, "contracts");
	assert_line(s, "KCHFT-W-2024", "£900,000.00");
	assert_screen_lacks(s, "R rerun");
	import_kchft_value("800000");
	assert_screen(s, "The records have changed since it ran at");
	assert_screen(s, "R runs it again.");
	assert_screen(s, "R rerun");
	assert_line(s, "KCHFT-W-2024", "£900,000.00");
	screen_keys(s, "R", NULL);
	assert_line(s, "KCHFT-W-2024", "£800,000.00");
	assert_screen_gone(s, "The records have changed");
	/* A look at another tab, nothing changed: the figures stay as they
	 * are, without the line. */
	screen_keys(s, "1", NULL);
	assert_screen(s, "[1 Contracts]");
	screen_keys(s, "F5", NULL);
	assert_screen(s, "Report contracts");
	assert_line(s, "KCHFT-W-2024", "£800,000.00");
	assert_screen_lacks(s, "The records have changed");
}

static bool process_ended(pid_t pid)
{
	char path[64], stat[256] = "";
	snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
	FILE *f = fopen(path, "r");
	if (f == NULL)
		return true;
	bool read = fgets(stat, sizeof stat, f) != NULL;
	fclose(f);
	const char *state = strrchr(stat, ')');
	return !read || (state != NULL && state[1] == ' ' && state[2] == 'Z');
}

/* When its terminal goes (the SSH link drops, the window is closed),
 * sendesk ends.  Started through something that ignores SIGHUP (as
 * runuser and nohup leave it), it used to wait for keys that never came,
 * using a whole processor until killed. */
Test(screen_fixes, sendesk_ends_when_its_terminal_goes_even_ignoring_sighup)
{
	const char *pid_file = text_printf("%s/pane.pid", e2e_dir());
	struct screen *s = screen_start_command(text_printf(
		"trap '' HUP; echo $$ > '%s'; exec env HOME='%s' XDG_CONFIG_HOME='%s' "
		"XDG_DATA_HOME='%s' '%s' --db '%s'",
		pid_file, e2e_dir(), e2e_dir(), e2e_dir(), e2e_bin(), e2e_db()));
	assert_screen(s, "7 records");
	FILE *f = fopen(pid_file, "r");
	cr_assert_not_null(f);
	long pid = 0;
	cr_assert_eq(fscanf(f, "%ld", &pid), 1);
	fclose(f);
	cr_assert(!process_ended((pid_t)pid), "sendesk (%ld) is running", pid);
	screen_kill(s);
	bool ended = false;
	for (int waited = 0; waited < WAIT_MS && !ended; waited += 20) {
		sleep_ms(20);
		ended = process_ended((pid_t)pid);
	}
	if (!ended)
		kill((pid_t)pid, SIGKILL);
	cr_assert(ended, "sendesk (%ld) still runs %d ms after its terminal went", pid, WAIT_MS);
}
