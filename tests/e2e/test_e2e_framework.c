/* test_e2e_framework.c: end-to-end tests of what every screen shares: the
 * title bar with its tabs, keys that mean what the view on top says, the
 * hint and status line, help, and the message for a terminal too small.
 * Run as test_tui.c is (see there). */
#include <pwd.h>
#include <stdio.h>
#include <string.h>

#include "screen.h"

TestSuite(framework, E2E_FIXTURE);

static void expect_status_fits(struct screen *s, int cols)
{
	const char *status = screen_status(s);
	cr_expect_leq((int)strlen(status), cols, "the status line is wider than %d: %s", cols, status);
}

/* Each size down to 20x5 shows the whole message: the needed and the
 * actual size, and how to go on, with no word cut. */
Test(framework, the_too_small_message_fits_any_size)
{
	struct screen *s = screen_start(NULL);
	assert_screen(s, "7 records");
	screen_resize(s, 60, 20);
	assert_screen(s, "60x20.");
	expect_screen_has(s, "at least 80x24;");
	expect_screen_has(s, "or press Q to quit.");
	screen_resize(s, 40, 10);
	assert_screen(s, "40x10.");
	expect_screen_has(s, "at least");
	expect_screen_has(s, "80x24;");
	expect_screen_has(s, "press Q to quit.");
	screen_resize(s, 20, 5);
	assert_screen(s, "Too small: 20x5,");
	expect_screen_has(s, "needs 80x24.");
	expect_screen_has(s, "Q");
	screen_resize(s, 80, 24);
	assert_screen(s, "7 records");
	cr_assert_eq(screen_stop(s), 0);
}

/* At 80 columns: the bar marks the current tab with brackets and shows
 * every tab's key; Spot purchases' hints are those it handles (d, s and
 * ? among them) and end with a whole word; a refusal too long for the
 * status line says so and F3 shows it whole. */
Test(framework, tabs_hints_and_long_messages_at_80_columns)
{
	struct screen *s = screen_start(NULL);
	assert_screen(s, "7 records");
	screen_resize(s, 80, 24);
	assert_screen(s, "[1 Contracts]");
	const char *bar = screen_line_with(s, "[1 Contracts]");
	for (const char *key = "2345"; *key; key++)
		cr_expect(strstr(bar, text_printf(" %c ", *key)) != NULL, "no key %c: %s", *key, bar);
	screen_keys(s, "4", NULL);
	assert_screen(s, "[4 Spot");
	assert_status(s, "d delete");
	const char *status = screen_status(s);
	cr_expect(strstr(status, "s sort") != NULL && strstr(status, "? help") != NULL, "%s", status);
	cr_expect(strstr(status, "q quit") != NULL, "the hints are cut: %s", status);
	expect_status_fits(s, 80);

	screen_keys(s, "2", NULL);
	assert_screen(s, "[2 Providers]");
	assert_line(s, "EKHUFT", NULL);
	screen_keys(s, "d", NULL);
	assert_screen(s, "Delete provider");
	screen_keys(s, "y", NULL);
	assert_status(s, "not deleted");
	assert_status(s, "(F3 shows all)");
	expect_status_fits(s, 80);
	screen_keys(s, "F3", NULL);
	assert_screen(s, "provider return records; delete or change those first");
	screen_keys(s, "q", NULL);
	assert_screen_gone(s, "The last message");
	cr_assert_eq(screen_stop(s), 0);
}

/* h and l move on the map; in a form they are text, and help says so:
 * there Left and Right change a choice and h is no key of any action. */
Test(framework, keys_and_help_follow_the_view_on_top)
{
	struct screen *s = screen_start(NULL);
	assert_screen(s, "7 records");
	screen_keys(s, "3", NULL);
	assert_screen(s, "[3 Coverage]");
	screen_keys(s, "?", NULL);
	assert_line(s, "h, Left", "move left on the map");
	screen_keys(s, "q", NULL);
	assert_screen_gone(s, "Help: keys");

	screen_keys(s, "1", NULL);
	assert_screen(s, "[1 Contracts]");
	screen_keys(s, "a", NULL);
	assert_screen(s, "Add contract");
	screen_type(s, "hl4");
	assert_line(s, "Ref", "hl4");
	expect_screen_has(s, "[1 Contracts]");
	screen_keys(s, "F1", NULL);
	assert_line(s, "Left", "previous choice");
	assert_screen(s, "letters, digits and signs are text");
	assert_screen_lacks(s, "h, Left");
	screen_keys(s, "Escape", NULL);
	assert_screen_gone(s, "Help: keys");
	screen_keys(s, "Escape", NULL);
	assert_screen(s, "Discard your changes?");
	screen_keys(s, "y", NULL);
	assert_screen(s, "7 records");
	cr_assert_eq(screen_stop(s), 0);
}

/* A team lead starts on Growth, an admin (the tests' own login) on
 * Contracts. */
Test(framework, a_team_lead_opens_on_growth)
{
	const uid_t other = 65534;
	const struct passwd *pw = getpwuid(other);
	cr_assert_not_null(pw, "no login for uid %d", (int)other);
	const char *login = text_printf("%s", pw->pw_name);
	struct run r = sendesk("user", "add", login, "teamlead", NULL);
	cr_assert_eq(r.status, 0, "user add %s teamlead: exit %d\n%s", login, r.status, r.err);
	struct screen *s = screen_start_as(other, NULL);
	assert_screen(s, text_printf("%s (teamlead)", login));
	assert_screen(s, "[5 Growth]");
	cr_assert_eq(screen_stop(s), 0);
}
