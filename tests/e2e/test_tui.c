/* test_tui.c: end-to-end tests of the sendesk screens.
 *
 * They run the real binary in tmux on a temporary demo database, press
 * keys as a person would, read the screen (capture-pane) and check what
 * the command line then finds in the database.  Each test has its own
 * directory, database and tmux server, so Criterion may run them in
 * parallel.  Needs tmux, sqlite3 and unshare (util-linux).
 *
 * Build and run without the Makefile, from the repository root (add
 * the other tests/e2e/test_*.c files to build the whole suite):
 *
 *   cc -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Wall -Wextra -Wshadow \
 *      -Wstrict-prototypes -Wmissing-prototypes -Werror -O2 -g \
 *      -o build/rel/e2e-tests tests/e2e/screen.c tests/e2e/test_tui.c \
 *      $(pkg-config --libs criterion)
 *   SENDESK_BIN=$PWD/sendesk build/rel/e2e-tests
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "screen.h"

TestSuite(contracts, E2E_FIXTURE);
TestSuite(coverage, E2E_FIXTURE);
TestSuite(roles, E2E_FIXTURE);
TestSuite(terminal, E2E_FIXTURE);

static const char *const demo_refs[] = {"EKHUFT-2023", "EKHUFT-2024", "KCHFT-E-2023",
                                        "KCHFT-E-2024", "KCHFT-W-2023", "KCHFT-W-2024"};
#define DEMO_COUNT (sizeof demo_refs / sizeof demo_refs[0])

/* Q ends sendesk with status 0. */
static void assert_quits_cleanly(struct screen *s)
{
	int status = screen_stop(s);
	cr_assert_eq(status, 0, "sendesk ended with status %d after Q (-1: unknown, the pane "
	              "is gone)", status);
}

/* The contract the tests add, and a part of its ref from its middle. */
#define NEW_REF "ZED-4471-Q"
#define NEW_REF_PART "D-447"
#define NEW_VALUE_TYPED "£1,234,567.89"
#define NEW_VALUE_SHOWN "£1,234,567.89"
#define NEW_VALUE_CSV "1234567.89"

/* Starts sendesk on the demo data and waits for the contract list. */
static struct screen *start_on_list(const char *const *args)
{
	struct screen *s = screen_start(args);
	assert_screen(s, "7 records");
	return s;
}

static const char *audit_count(void)
{
	return sql("select count(*) from audit;");
}

/* a, then the five required fields (Tab between them) and a title. */
static void fill_new_contract(struct screen *s, const char *ref, const char *start,
                              const char *end, const char *title)
{
	screen_keys(s, "a", NULL);
	assert_screen(s, "Add contract");
	screen_type(s, ref);
	screen_keys(s, "Tab", NULL);
	screen_type(s, "EKHUFT");
	screen_keys(s, "Tab", NULL);
	screen_type(s, NEW_VALUE_TYPED);
	screen_keys(s, "Tab", NULL);
	screen_type(s, start);
	screen_keys(s, "Tab", NULL);
	screen_type(s, end);
	if (title != NULL) {
		screen_keys(s, "Tab", NULL);
		screen_type(s, title);
	}
	assert_line(s, "End", end);
}

/* Adds NEW_REF through the form and saves it with F2. */
static void add_new_contract(struct screen *s, const char *title)
{
	fill_new_contract(s, NEW_REF, "2025-04-01", "2026-03-31", title);
	screen_keys(s, "F2", NULL);
	assert_status(s, "Saved contract " NEW_REF);
	assert_screen_gone(s, "Add contract");
}

/* The selected row of a list (the line that starts with "> "), or "". */
static const char *selected_row(struct screen *s)
{
	const char *text = screen_text(s), *p = text;
	while (p != NULL && *p != '\0') {
		if (strncmp(p, "> ", 2) == 0)
			return text_printf("%.*s", (int)strcspn(p, "\n"), p);
		p = strchr(p, '\n');
		if (p != NULL)
			p++;
	}
	return "";
}

/* Presses j until the selected row is ref's, waiting after each press
 * for the selection to move; ref must be within a few rows. */
static void select_down_to(struct screen *s, const char *ref)
{
	const char *marked = text_printf("> %s ", ref);
	const char *row = selected_row(s);
	for (int i = 0; i <= (int)DEMO_COUNT + 1; i++) {
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
		cr_assert(strcmp(moved, row) != 0, "j did not move the selection past \"%s\":\n%s",
		          row, screen_last(s));
		row = moved;
	}
	cr_assert_fail("could not select %s; the screen shows:\n%s", ref, screen_last(s));
}

/* Selects ref on the contract list, from the first row down. */
static void select_row(struct screen *s, const char *ref)
{
	screen_keys(s, "g", NULL);
	assert_screen(s, "> EKHUFT-2023");
	select_down_to(s, ref);
}

/* ---- the contract list ---- */

Test(contracts, demo_contracts_show_on_start)
{
	struct screen *s = start_on_list(NULL);
	for (size_t i = 0; i < DEMO_COUNT; i++)
		cr_expect_not_null(screen_line_with(s, demo_refs[i]), "%s is not listed:\n%s",
		                   demo_refs[i], screen_last(s));
	const char *ekhuft = screen_line_with(s, "EKHUFT-2023");
	cr_assert_not_null(ekhuft);
	cr_expect(strstr(ekhuft, "£752,905.00") != NULL, "EKHUFT-2023's value: %s", ekhuft);
	cr_expect(strstr(ekhuft, "unsigned") != NULL, "EKHUFT-2023's flags: %s", ekhuft);
	const char *west = screen_line_with(s, "KCHFT-W-2024");
	cr_assert_not_null(west);
	cr_expect(strstr(west, "£916,549.00") != NULL, "KCHFT-W-2024's value: %s", west);
	cr_expect(strstr(west, "unsigned") != NULL, "KCHFT-W-2024's flags: %s", west);
	cr_expect(strstr(west, "2025-08-31") != NULL, "KCHFT-W-2024's end: %s", west);
	/* The login and role are in the title bar. */
	expect_screen_has(s, text_printf("%s (admin)", my_login()));
	assert_quits_cleanly(s);
}

Test(contracts, add_through_the_form)
{
	struct screen *s = start_on_list(NULL);
	add_new_contract(s, NULL);
	assert_line(s, NEW_REF, NEW_VALUE_SHOWN);
	assert_screen(s, "8 records");
	const char *csv = export_kind("contracts");
	cr_assert(csv_has_key(csv, NEW_REF), "export has no %s:\n%s", NEW_REF, csv);
	cr_expect_str_eq(csv_cell(csv, NEW_REF, "annual_value"), NEW_VALUE_CSV);
	cr_expect_str_eq(csv_cell(csv, NEW_REF, "provider"), "EKHUFT");
	cr_expect_str_eq(csv_cell(csv, NEW_REF, "start_date"), "2025-04-01");
	cr_expect_str_eq(csv_cell(csv, NEW_REF, "end_date"), "2026-03-31");
	/* Written through core: one audit row names the login. */
	const char *audited = sql(text_printf(
		"select count(*) from audit where kind = 'contracts' and action = 'insert' "
		"and json_extract(after, '$.ref') = '%s';", NEW_REF));
	cr_expect_str_eq(audited, "1\n", "audit rows for the insert: %s", audited);
	assert_quits_cleanly(s);
}

Test(contracts, filter_finds_the_new_contract_and_esc_clears_it)
{
	struct screen *s = start_on_list(NULL);
	add_new_contract(s, NULL);
	assert_screen(s, "8 records");
	screen_keys(s, "/", NULL);
	screen_type(s, NEW_REF_PART);
	assert_screen(s, "filter: " NEW_REF_PART);
	assert_screen(s, "1 record");
	cr_assert_not_null(screen_line_with(s, "> " NEW_REF), "the match is not selected:\n%s",
	                   screen_last(s));
	for (size_t i = 0; i < DEMO_COUNT; i++)
		cr_expect_null(screen_line_with(s, demo_refs[i]),
		               "the filter %s should hide %s:\n%s", NEW_REF_PART, demo_refs[i],
		               screen_last(s));
	/* Enter keeps the filter; Esc then clears it. */
	screen_keys(s, "Enter", NULL);
	assert_screen(s, "Esc clears");
	screen_keys(s, "Escape", NULL);
	assert_screen_gone(s, "filter:");
	assert_screen(s, "8 records");
	/* Every contract is back in view: seven rows fit the screen. */
	const char *missing = "";
	for (size_t i = 0; i < DEMO_COUNT; i++)
		if (screen_line_with(s, demo_refs[i]) == NULL)
			missing = text_printf("%s %s", missing, demo_refs[i]);
	cr_expect_str_empty(missing, "after Esc cleared the filter the list says 7 records, "
	                    "all of which fit, but not all are in view; missing:%s\n%s",
	                    missing, screen_last(s));
	cr_expect_not_null(screen_line_with(s, NEW_REF));
	assert_quits_cleanly(s);
}

Test(contracts, edit_changes_the_title)
{
	struct screen *s = start_on_list(NULL);
	add_new_contract(s, "Old title");
	cr_assert_str_eq(csv_cell(export_kind("contracts"), NEW_REF, "title"), "Old title");
	select_row(s, NEW_REF);
	screen_keys(s, "e", NULL);
	assert_screen(s, "Edit contract");
	assert_line(s, "Ref", NEW_REF);
	/* Ref, Provider, Annual value, Start, End, then Title. */
	screen_keys(s, "Tab", "Tab", "Tab", "Tab", "Tab", NULL);
	assert_status(s, "Title:");
	for (int i = 0; i < 12; i++)
		screen_keys(s, "BSpace", NULL);
	assert_screen_gone(s, "Old title");
	screen_type(s, "Renamed in the form");
	assert_line(s, "Title", "Renamed in the form");
	screen_keys(s, "C-s", NULL);
	assert_status(s, "Saved contract " NEW_REF);
	assert_screen_gone(s, "Edit contract");
	const char *csv = export_kind("contracts");
	cr_expect_str_eq(csv_cell(csv, NEW_REF, "title"), "Renamed in the form");
	cr_expect_str_eq(csv_cell(csv, NEW_REF, "annual_value"), NEW_VALUE_CSV,
	                 "editing the title changed the value");
	/* The detail view shows it too. */
	screen_keys(s, "Enter", NULL);
	assert_line(s, "Title", "Renamed in the form");
	assert_quits_cleanly(s);
}

Test(contracts, impossible_date_is_shown_beside_its_field_and_nothing_written)
{
	struct screen *s = start_on_list(NULL);
	const char *before = export_kind("contracts"), *audit = audit_count();
	fill_new_contract(s, NEW_REF, "2023-02-30", "2024-03-31", NULL);
	screen_keys(s, "F2", NULL);
	/* The message sits on the Start row, after the text typed, marked "!". */
	assert_line(s, "2023-02-30", "!");
	const char *row = screen_line_with(s, "2023-02-30");
	cr_assert(strstr(row, "Start") != NULL, "the message is not on the Start row: %s", row);
	const char *mark = strchr(strstr(row, "2023-02-30"), '!');
	cr_assert(mark != NULL && mark[1 + strspn(mark + 1, " ")] != '\0' &&
	          mark[1 + strspn(mark + 1, " ")] != '\xe2',   /* not the box's border */
	          "no message after the \"!\": %s", row);
	const char *end_row = screen_line_with(s, "2024-03-31");
	cr_expect(end_row != NULL && strchr(end_row, '!') == NULL,
	          "the good End date is marked too: %s", end_row ? end_row : "(none)");
	expect_screen_has(s, "Add contract");   /* the form stays open to correct */
	cr_expect_str_eq(export_kind("contracts"), before, "a refused form wrote a contract");
	cr_expect_str_eq(audit_count(), audit, "a refused form wrote an audit row");
	/* Esc asks before throwing the typing away. */
	screen_keys(s, "Escape", NULL);
	assert_screen(s, "Discard your changes?");
	screen_keys(s, "y", NULL);
	assert_screen_gone(s, "Add contract");
	assert_screen(s, "7 records");
	cr_expect_str_eq(export_kind("contracts"), before);
	cr_expect_str_eq(audit_count(), audit);
	assert_quits_cleanly(s);
}

Test(contracts, delete_asks_then_deletes)
{
	struct screen *s = start_on_list(NULL);
	add_new_contract(s, NULL);
	cr_assert(csv_has_key(export_kind("contracts"), NEW_REF));
	select_row(s, NEW_REF);
	screen_keys(s, "d", NULL);
	assert_screen(s, "Delete contract " NEW_REF "?");
	screen_keys(s, "y", NULL);
	assert_screen_gone(s, "Delete contract " NEW_REF "?");
	assert_screen(s, "7 records");
	/* Only the status line may still name it, not a row of the list. */
	cr_expect(!screen_wait_line(s, NEW_REF, "EKHUFT", 0), "the deleted row is still listed:\n%s",
	          screen_last(s));
	cr_assert_not(csv_has_key(export_kind("contracts"), NEW_REF), "%s is still exported",
	              NEW_REF);
	assert_quits_cleanly(s);
}

Test(contracts, delete_of_a_contract_in_use_is_refused_with_the_reason)
{
	struct screen *s = start_on_list(NULL);
	const char *before = export_kind("contracts"), *audit = audit_count();
	select_row(s, "EKHUFT-2024");
	screen_keys(s, "d", NULL);
	assert_screen(s, "Delete contract EKHUFT-2024?");
	screen_keys(s, "y", NULL);
	assert_screen_gone(s, "Please confirm");
	const char *status = screen_status(s);
	cr_expect(strstr(status, "not deleted") != NULL, "the status line does not say it was "
	          "refused: %s", status);
	cr_expect(strstr(status, "refer") != NULL, "the reason is not given: %s", status);
	screen_keys(s, "F3", NULL);   /* the message whole: the records that refer to it */
	assert_screen(s, "3 staffing records");
	assert_screen(s, "delete or change those first");
	screen_keys(s, "q", NULL);
	assert_screen_gone(s, "The last message");
	cr_expect_str_eq(export_kind("contracts"), before, "the refusal changed the contracts");
	cr_expect_str_eq(audit_count(), audit, "the refusal wrote an audit row");
	expect_screen_has(s, "> EKHUFT-2024");
	assert_quits_cleanly(s);
}

/* ---- the coverage map ---- */

/* The day the demo's last contracts end. */
#define LAST_DEMO_DAY "2025-08-31"

static bool today_after(const char *iso)
{
	time_t now = time(NULL);
	struct tm tm;
	char today[16];
	localtime_r(&now, &tm);
	strftime(today, sizeof today, "%Y-%m-%d", &tm);
	return strcmp(today, iso) > 0;
}

Test(coverage, cover_swale_from_the_map)
{
	const char *me = my_login();
	cr_assert(strchr(me, '\'') == NULL);
	const char *gaps = sendesk("report", "coverage-gaps", "--on", LAST_DEMO_DAY, "--format", "csv",
	                           NULL).out;
	cr_assert(strstr(gaps, "Swale,slt,gap") != NULL, "the demo has no Swale gap:\n%s", gaps);
	const char *audit_sql = text_printf(
		"select count(*) from audit where kind = 'coverage' and action = 'insert' "
		"and login = '%s' and json_extract(after, '$.contract') = 'KCHFT-E-2024' "
		"and json_extract(after, '$.therapy') = 'slt' "
		"and json_extract(after, '$.district') in ('SWA', 'Swale');", me);
	cr_assert_str_eq(sql(audit_sql), "0\n");

	struct screen *s = start_on_list(NULL);
	screen_keys(s, "3", NULL);
	assert_screen(s, "Coverage of Speech and language therapy");
	if (today_after(LAST_DEMO_DAY))
		cr_expect(screen_has(s, "31 August 2025"),
		          "with no contract in force today the map should open on the last day one "
		          "was:\n%s", screen_last(s));
	assert_screen(s, "SWA Swale");
	/* On Swale's tile, below its name: GAP. */
	const char *tile = screen_below(s, "SWA Swale", 1, -1, 15);
	cr_assert(strstr(tile, "GAP") != NULL, "Swale's tile says \"%s\":\n%s", tile, screen_last(s));
	/* The map opens on the first gap: Swale. */
	assert_screen(s, "Swale (slt): GAP");

	/* At 80 columns a name too long for its tile ends in a mark. */
	screen_resize(s, 80, 24);
	assert_screen(s, "Tonbridge \u2026");
	screen_keys(s, "Enter", NULL);
	assert_screen(s, "could cover Swale");
	/* The title takes two lines rather than lose the therapy; q is offered. */
	assert_screen(s, "language therapy)");
	assert_screen(s, "q back");
	screen_resize(s, 100, 30);
	assert_screen(s, "KCHFT-E-2024");
	select_down_to(s, "KCHFT-E-2024");
	screen_keys(s, "c", NULL);
	assert_status(s, "now covered by KCHFT-E-2024");
	assert_line(s, "> KCHFT-E-2024", "yes");
	screen_keys(s, "q", NULL);
	assert_screen_gone(s, "could cover Swale");
	assert_screen(s, "Coverage of");
	assert_screen(s, "Swale (slt): covered by KCHFT-E-2024");
	tile = screen_below(s, "SWA Swale", 1, -1, 15);
	cr_expect(strstr(tile, "KCHFT") != NULL, "Swale's tile says \"%s\":\n%s", tile,
	          screen_last(s));
	cr_expect(strstr(tile, "GAP") == NULL, "Swale's tile still says GAP:\n%s", screen_last(s));

	struct run r = sendesk("report", "coverage-gaps", "--on", LAST_DEMO_DAY, "--format", "csv",
	                       NULL);
	cr_assert_eq(r.status, 0, "%s", r.err);
	cr_expect(strstr(r.out, "Swale,slt,gap") == NULL, "Swale is still a gap:\n%s", r.out);
	cr_expect(strstr(r.out, "Swale,ot,gap") != NULL, "only slt was covered:\n%s", r.out);
	cr_expect_str_eq(sql(audit_sql), "1\n", "audit rows for the new coverage");
	assert_quits_cleanly(s);
}

/* ---- who may change what ---- */

Test(roles, a_caseworker_may_only_look)
{
	const uid_t other = 65534;
	const char *login = login_of(other);
	struct run r = sendesk("user", "add", login, "caseworker", NULL);
	cr_assert_eq(r.status, 0, "user add %s caseworker: exit %d\n%s", login, r.status, r.err);
	const char *contracts = export_kind("contracts"), *coverage = export_kind("coverage");
	const char *audit = audit_count();

	struct screen *s = screen_start_as(other, NULL);
	/* A caseworker opens on Children; the contracts are a key away. */
	assert_screen(s, "[6 Children]");
	screen_keys(s, "1", NULL);
	assert_screen(s, "7 records");
	assert_screen(s, text_printf("%s (caseworker)", login));

	/* a, e and d on the contracts: refused, the list stays. */
	static const char *const keys[] = {"a", "e", "d"};
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		screen_keys(s, keys[i], NULL);
		assert_status(s, "may look");
		/* The kind as people say it, not its command-line name. */
		assert_status(s, "only admins change contract records");
		assert_screen_lacks(s, "Add contract");
		assert_screen_lacks(s, "Edit contract");
		assert_screen_lacks(s, "Please confirm");
		screen_keys(s, "g", NULL);   /* any key clears the message */
		assert_status_gone(s, "may look");
	}

	/* c on the map, and c among the contracts that could cover a tile. */
	screen_keys(s, "3", NULL);
	assert_screen(s, "Coverage of");
	screen_keys(s, "c", NULL);
	assert_status(s, "may look");
	screen_keys(s, "Enter", NULL);
	assert_screen(s, "could cover");
	assert_status_gone(s, "may look");
	screen_keys(s, "c", NULL);
	assert_status(s, "may look");
	screen_keys(s, "q", NULL);
	assert_screen_gone(s, "could cover");

	cr_expect_str_eq(export_kind("contracts"), contracts, "a caseworker changed contracts");
	cr_expect_str_eq(export_kind("coverage"), coverage, "a caseworker changed coverage");
	cr_expect_str_eq(audit_count(), audit, "a caseworker's refusals wrote audit rows");
	assert_quits_cleanly(s);
}

/* ---- the terminal ---- */

Test(terminal, too_small_says_so_and_resizing_back_shows_the_list)
{
	struct screen *s = start_on_list(NULL);
	screen_resize(s, 70, 20);
	assert_screen(s, "at least 80x24");
	assert_screen_gone(s, "EKHUFT-2023");
	/* Keys while too small do nothing harmful. */
	screen_keys(s, "j", "a", NULL);
	screen_resize(s, SCREEN_COLS, SCREEN_LINES);
	assert_screen_gone(s, "at least 80x24");
	assert_screen(s, "7 records");
	assert_screen(s, "EKHUFT-2023");
	assert_screen_lacks(s, "Add contract");
	/* 80x24 itself is enough. */
	screen_resize(s, 80, 24);
	assert_screen(s, "7 records");
	assert_screen_lacks(s, "at least 80x24");
	assert_quits_cleanly(s);
}

Test(terminal, help_lists_the_keys)
{
	struct screen *s = start_on_list(NULL);
	screen_keys(s, "?", NULL);
	assert_screen(s, "filter as you type");
	const char *filter = screen_line_with(s, "filter as you type");
	cr_expect(filter[strspn(filter, " ")] == '/', "the filter's key is not /: %s", filter);
	screen_keys(s, "End", NULL);
	assert_screen(s, "back; on a tab, quit");
	const char *back = screen_line_with(s, "back; on a tab, quit");
	cr_expect(back[strspn(back, " ")] == 'q', "the back key is not q: %s", back);
	screen_keys(s, "q", NULL);
	assert_screen_gone(s, "back; on a tab, quit");
	assert_screen(s, "7 records");
	assert_quits_cleanly(s);
}

/* Whether text holds a box-drawing character (U+2500 to U+257F). */
static const char *box_drawing(const char *text)
{
	for (const unsigned char *p = (const unsigned char *)text; *p; p++)
		if (p[0] == 0xE2 && (p[1] == 0x94 || p[1] == 0x95))
			return (const char *)p;
	return NULL;
}

Test(terminal, plain_mode_draws_no_boxes)
{
	static const char *const plain[] = {"--plain", NULL};
	struct screen *s = start_on_list(plain);
	const char *box = box_drawing(screen_last(s));
	cr_expect_null(box, "box drawing on the plain list at \"%.12s\":\n%s", box, screen_last(s));
	screen_keys(s, "3", NULL);
	assert_screen(s, "Coverage of");
	assert_screen(s, "GAP");
	box = box_drawing(screen_last(s));
	cr_expect_null(box, "box drawing on the plain map at \"%.12s\":\n%s", box, screen_last(s));
	const char *tile = screen_below(s, "SWA Swale", 1, -1, 15);
	cr_expect(strstr(tile, "GAP") != NULL, "Swale's tile says \"%s\":\n%s", tile, screen_last(s));
	/* A form, too. */
	screen_keys(s, "1", NULL);
	assert_screen(s, "7 records");
	screen_keys(s, "a", NULL);
	assert_screen(s, "Add contract");
	box = box_drawing(screen_last(s));
	cr_expect_null(box, "box drawing on the plain form at \"%.12s\":\n%s", box, screen_last(s));
	screen_keys(s, "Escape", NULL);
	assert_screen_gone(s, "Add contract");
	assert_quits_cleanly(s);
}

/* Runs sendesk from a shell that saves the terminal's settings before
 * and after it, and exits with sendesk's status. */
static struct screen *start_with_stty_check(void)
{
	const char *bin = e2e_bin(), *dir = e2e_dir();
	const char *command = text_printf(
		"env HOME='%s' XDG_CONFIG_HOME='%s' XDG_DATA_HOME='%s' LANG=C.UTF-8 LC_ALL=C.UTF-8 "
		"sh -c 'stty -g > \"$2/stty.before\"; \"$0\" --db \"$1\"; rc=$?; "
		"stty -g > \"$2/stty.after\"; exit $rc' '%s' '%s' '%s'", dir, dir, dir, bin, e2e_db(),
		dir);
	struct screen *s = screen_start_command(command);
	assert_screen(s, "7 records");
	return s;
}

static const char *file_text(const char *name)
{
	FILE *f = fopen(text_printf("%s/%s", e2e_dir(), name), "r");
	if (f == NULL)
		return NULL;
	char buf[1024];
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	return text_printf("%s", buf);
}

static void check_quit(const char *key)
{
	struct screen *s = start_with_stty_check();
	screen_keys(s, key, NULL);
	int status = -1;
	bool ended = screen_wait_exit(s, WAIT_MS, &status);
	cr_assert(ended, "%s did not end sendesk; the screen shows:\n%s", key, screen_text(s));
	cr_expect_eq(status, 0, "sendesk ended with status %d after %s", status, key);
	/* The pane stays (remain-on-exit), dead: nothing is left running. */
	const char *screen = screen_text(s);
	cr_expect(strstr(screen, "records") == NULL,
	          "the list is still on the terminal after quitting (alternate screen not left):\n%s",
	          screen);
	const char *before = file_text("stty.before"), *after = file_text("stty.after");
	cr_assert_not_null(before, "no terminal settings saved before sendesk");
	cr_assert_not_null(after, "no terminal settings saved after sendesk");
	cr_expect_str_eq(after, before, "sendesk left the terminal's settings changed");
	screen_kill(s);
}

Test(terminal, quit_with_Q_restores_the_terminal)
{
	check_quit("Q");
}

Test(terminal, q_on_the_first_view_quits)
{
	check_quit("q");
}
