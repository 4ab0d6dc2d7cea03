/* test_e2e_history.c: end-to-end tests of a record's history, the Audit
 * tab and the Users tab.
 *
 * An admin changes a contract's annual value, opens its history (h) and
 * sees the change field by field, undoes it (u) and sees the old value
 * back and the undo as the newest line; the Audit tab lists the change
 * and shows it field by field.  An admin adds a login in the Users tab,
 * is told that a login with a caseload cannot be removed, and that the
 * last admin cannot be demoted.  Run as test_tui.c is (see there). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screen.h"

TestSuite(history, E2E_FIXTURE);

/* The first contract in ref order, selected when the Contracts tab opens. */
#define CONTRACT "EKHUFT-2023"

Test(history, an_admin_undoes_a_contract_value_change_from_its_history)
{
	struct screen *s = screen_start(NULL);
	assert_screen(s, "7 records");
	assert_line(s, "> " CONTRACT, "£752,905.00");
	screen_keys(s, "Enter", NULL);
	assert_screen(s, "Contract " CONTRACT);
	screen_keys(s, "e", NULL);
	assert_screen(s, "Edit contract");
	/* Ref, Provider, then Annual value. */
	screen_keys(s, "Tab", "Tab", NULL);
	assert_status(s, "Annual value:");
	for (int i = 0; i < 14; i++)
		screen_keys(s, "BSpace", NULL);
	screen_type(s, "800000");
	screen_keys(s, "F2", NULL);
	assert_status(s, "Saved contract");
	assert_line(s, "Annual value", "£800,000.00");

	/* Its history: the change by label, before -> after, above the adding. */
	screen_keys(s, "h", NULL);
	assert_screen(s, "History of contract " CONTRACT);
	assert_line(s, "Annual value: £752,905.00 -> £800,000.00", NULL);
	const char *change = strstr(screen_last(s), "-> £800,000.00");
	const char *added = strstr(screen_last(s), " added");
	cr_expect(change != NULL && added != NULL && change < added, "newest first:\n%s", screen_last(s));

	/* Undone after a yes: the old value back, and the undo the newest line. */
	screen_keys(s, "u", NULL);
	assert_screen(s, "Annual value back to £752,905.00");
	screen_keys(s, "y", NULL);
	assert_status(s, "undone: contract " CONTRACT);
	assert_line(s, "Annual value: £800,000.00 -> £752,905.00", NULL);
	const char *undo = strstr(screen_last(s), "£800,000.00 -> £752,905.00");
	change = strstr(screen_last(s), "£752,905.00 -> £800,000.00");
	cr_expect(undo != NULL && change != NULL && undo < change, "the undo first:\n%s", screen_last(s));
	cr_expect_str_eq(csv_cell(export_kind("contracts"), CONTRACT, "annual_value"), "752905.00");
	screen_keys(s, "q", NULL);
	assert_line(s, "Annual value", "£752,905.00");

	/* The Audit tab lists both changes; Enter shows one field by field. */
	screen_keys(s, "F7", NULL);
	assert_screen(s, "Audit: every change, newest first");
	assert_line(s, "> ", "changed contract " CONTRACT ": Annual value");
	screen_keys(s, "Enter", NULL);
	assert_screen(s, "One change, field by field");
	assert_line(s, "Annual value: £800,000.00 -> £752,905.00", NULL);
	screen_stop(s);
}

Test(history, an_admin_adds_a_login_in_the_users_tab)
{
	struct screen *s = screen_start(NULL);
	assert_screen(s, "7 records");
	screen_keys(s, "F6", NULL);
	assert_screen(s, "Users: who may use this database");
	assert_line(s, "amara.osei", "18 children");

	screen_keys(s, "a", NULL);
	assert_screen(s, "Add user");
	screen_type(s, "new.lead");
	screen_keys(s, "Tab", NULL);
	assert_status(s, "Role:");
	screen_keys(s, "Right", "Right", NULL);
	assert_line(s, "Role", "teamlead");
	screen_keys(s, "F2", NULL);
	assert_status(s, "Saved user new.lead");
	assert_line(s, "> new.lead", "teamlead");
	struct run r = sendesk("user", "list", NULL);
	cr_expect(strstr(r.out, "new.lead") != NULL && strstr(r.out, "teamlead") != NULL, "%s", r.out);

	/* A login with a caseload stays, and says why. */
	screen_keys(s, "g", NULL);
	assert_line(s, "> amara.osei", NULL);
	screen_keys(s, "d", NULL);
	assert_status(s, "still has a caseload of 18");

	/* The last admin is not demoted. */
	screen_keys(s, "/", NULL);
	screen_type(s, my_login());
	screen_keys(s, "Enter", NULL);
	assert_line(s, text_printf("> %s", my_login()), "admin");
	screen_keys(s, "e", NULL);
	assert_screen(s, "Edit user");
	screen_keys(s, "Tab", NULL);
	assert_status(s, "Role:");
	screen_keys(s, "Left", NULL);
	assert_line(s, "Role", "teamlead");
	screen_keys(s, "F2", NULL);
	assert_screen(s, "at least one admin must remain");
	screen_keys(s, "Escape", NULL);
	assert_screen(s, "Discard your changes?");
	screen_keys(s, "y", NULL);
	assert_screen_gone(s, "Edit user");
	assert_line(s, text_printf("> %s", my_login()), "admin");
	screen_stop(s);
}
