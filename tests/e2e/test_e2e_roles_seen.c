/* test_e2e_roles_seen.c: the new screens as each role and each locale
 * see them.  A caseworker is offered only the keys a caseworker may use
 * on the personal budgets and returns (no budgets per year, no undo in a
 * budget's history, no waits) and is told why at once when pressing one
 * anyway; an admin's Audit tab names an opened child by its ref and asks
 * its questions whole; outside a UTF-8 locale at 80x24 a report wider
 * than the screen ends its lines in the cut mark rather than wrapping
 * them and offers only the options that change its figures, help wraps
 * what it cannot show on one line, and the waits chart is drawn in "#",
 * not in "?".  Run as test_tui.c is (see there). */
#include <string.h>

#include "screen.h"

TestSuite(roles_seen, E2E_FIXTURE);

/* The last character of the line holding text that is not a space. */
static char line_end(struct screen *s, const char *text)
{
	assert_screen(s, text);
	const char *line = screen_line_with(s, text);
	cr_assert_not_null(line, "no line with %s:\n%s", text, screen_last(s));
	size_t n = strcspn(line, "\n");
	while (n > 0 && line[n - 1] == ' ')
		n--;
	return n > 0 ? line[n - 1] : '\0';
}

Test(roles_seen, a_caseworker_is_offered_what_a_caseworker_may_do)
{
	const uid_t other = 65534;
	const char *login = login_of(other);
	struct run r = sendesk("user", "add", login, "caseworker", NULL);
	cr_assert_eq(r.status, 0, "%s", r.err);
	struct screen *s = screen_start_as(other, NULL);
	assert_screen(s, "(caseworker)");

	/* Budgets: filters and the records, not the team leads' summary. */
	screen_keys(s, "9", NULL);
	assert_line(s, "> PB-2023-0001", NULL);
	assert_status(s, "E EOTAS");
	assert_screen_lacks(s, "y summary");

	/* A budget's history: no undo offered, and u says why at once. */
	screen_keys(s, "h", NULL);
	assert_screen(s, "History of personal budget PB-2023-0001");
	assert_status(s, "q back");
	assert_screen_lacks(s, "u undo");
	screen_keys(s, "u", NULL);
	assert_status(s, "you may look: only team leads and admins change");
	assert_screen_lacks(s, "Please confirm");
	screen_keys(s, "q", NULL);
	assert_screen_gone(s, "History of personal budget");

	/* Returns: the waits over time are the team leads'. */
	screen_keys(s, "0", NULL);
	assert_line(s, "> EKHUFT", "2023-05");
	assert_status(s, "/ filter");
	assert_screen_lacks(s, "w waits");

	/* Opening a child's record is in the trail. */
	screen_keys(s, "6", NULL);
	assert_screen(s, "[6 Children]");
	assert_line(s, "> CH-", NULL);
	const char *child = text_printf("%.7s", strstr(screen_line_with(s, "> CH-"), "CH-"));
	screen_keys(s, "Enter", NULL);
	assert_screen(s, "Therapy entries");
	screen_stop(s);

	/* The admin's Audit tab names that child by its ref, not its id. */
	s = screen_start(NULL);
	assert_screen(s, "(admin)");
	screen_keys(s, "F7", NULL);
	assert_screen(s, "Audit: every change");
	assert_line(s, login, text_printf("opened  child %s", child));
	/* Its prompts show their question whole. */
	screen_keys(s, "K", NULL);
	assert_screen(s, "(contracts, children, users...; empty: every kind)");
	screen_keys(s, "Escape", NULL);
	assert_screen_gone(s, "empty: every kind");
	screen_stop(s);
}

Test(roles_seen, outside_utf8_at_80_columns_nothing_wraps_or_turns_to_question_marks)
{
	struct screen *s = screen_start_without_utf8();
	assert_screen(s, "7 records");
	screen_resize(s, 80, 24);
	assert_screen(s, "a UTF-8 locale shows them fully");

	/* The contracts report is wider than 80 columns: each line is cut
	 * at the edge and says so; none runs on into the next line. */
	screen_keys(s, "F5", NULL);
	assert_screen(s, "Enter opens a report");
	screen_keys(s, "Enter", NULL);
	assert_screen(s, "Report contracts");
	cr_expect_eq(line_end(s, "Contract "), '~', "titles not marked as cut:\n%s", screen_last(s));
	cr_expect_eq(line_end(s, "EKHUFT-2023 "), '~', "row not marked as cut:\n%s", screen_last(s));
	cr_expect_eq(line_end(s, "KMCAT-2023 "), '~', "row not marked as cut:\n%s", screen_last(s));
	assert_screen_lacks(s, "nded ");
	/* Its figures depend on a day alone: o is offered, r and p not, and
	 * p says why it changes nothing. */
	assert_screen(s, "(o)");
	screen_keys(s, "j", NULL);
	assert_line(s, "> EKHUFT-2024", NULL);
	assert_status(s, "o date");
	assert_screen_lacks(s, "(r)");
	assert_screen_lacks(s, "p years");
	screen_keys(s, "p", NULL);
	assert_status(s, "the contracts report does not depend on the kind of year");

	/* The waits chart: bars of "#". */
	screen_keys(s, "0", NULL);
	assert_screen(s, "Provider returns: waiting for assessment, intervention");
	assert_line(s, "Assess", "Interv");
	/* Help: a description too long for 80 columns goes on under itself. */
	screen_keys(s, "?", NULL);
	assert_line(s, "w  ", "the waits over time of the selected return's provider and");
	assert_line(s, "                    therapy", NULL);
	screen_keys(s, "q", NULL);
	assert_screen_gone(s, "Help: keys");
	screen_keys(s, "w", NULL);
	assert_screen(s, "Waits: EKHUFT");
	assert_line(s, "2023-05", "####");
	assert_screen_lacks(s, "???");
	screen_stop(s);
}
