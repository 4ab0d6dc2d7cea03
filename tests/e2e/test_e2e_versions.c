/* test_e2e_versions.c: a team on one database, as people see it.  A
 * screen shows another process's change without a key being pressed; a
 * login removed while its screen is open is refused its next change and
 * can still look; two forms on one record do not lose an update; a save
 * behind another process's lock waits visibly and can be stopped.  Run
 * as test_tui.c is. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screen.h"

TestSuite(versions, E2E_FIXTURE);

/* Another login on this machine, made an admin of the test database. */
#define OTHER_UID 65534

static const char *add_other_admin(void)
{
	const char *login = login_of(OTHER_UID);
	cr_assert_not_null(login, "no login for uid %d", OTHER_UID);
	struct run r = sendesk("user", "add", login, "admin", NULL);
	cr_assert_eq(r.status, 0, "user add %s admin: exit %d\n%s", login, r.status, r.err);
	return login;
}

static void import_providers(const char *csv)
{
	import_text("providers", "providers.csv", csv);
}

/* The Providers list follows an import run beside it, with no key
 * pressed, and keeps the selection on its record.  Then an admin removes
 * the screen's login: its next save is refused with the reason, and the
 * screen still shows the list and moves through it. */
Test(versions, a_screen_follows_another_process_and_a_removed_login_may_only_look)
{
	const char *login = add_other_admin();
	struct screen *s = screen_start_as(OTHER_UID, NULL);
	assert_screen(s, text_printf("%s (admin)", login));
	screen_keys(s, "2", NULL);
	assert_screen(s, "Medway Community Health");
	screen_keys(s, "G", NULL);
	assert_line(s, "> MCH", "Medway Community Health");

	import_providers("code,name,kind\nMCH,Medway Renamed Elsewhere,other\n");
	assert_line(s, "> MCH", "Medway Renamed Elsewhere");
	assert_screen_lacks(s, "Medway Community Health");

	struct run r = sendesk("user", "remove", login, NULL);
	cr_assert_eq(r.status, 0, "user remove %s: exit %d\n%s", login, r.status, r.err);
	screen_keys(s, "e", NULL);
	assert_screen(s, "Edit provider");
	screen_keys(s, "Down", "End", NULL);
	screen_type(s, " Ltd");
	screen_keys(s, "F2", NULL);
	assert_status(s, text_printf("login '%s' is no longer a user of this database", login));
	cr_assert_str_eq(sql("select name from providers where code = 'MCH';"),
	                 "Medway Renamed Elsewhere\n", "nothing was written");
	screen_keys(s, "Escape", NULL);
	assert_screen(s, "Discard your changes?");
	screen_keys(s, "y", NULL);
	assert_screen_gone(s, "Edit provider");
	screen_keys(s, "g", NULL);
	assert_line(s, "> EKHUFT", "East Kent");
	cr_assert_eq(screen_stop(s), 0);
}

/* Two people edit one provider.  The first saves a new kind; the
 * second's save is refused and shows who changed what; r reloads the
 * form with it and the second's own edit then saves beside it: nothing
 * lost.  A save while another process holds the database says it waits,
 * Esc stops it, and F2 saves once the other change is done. */
Test(versions, two_forms_on_one_record_lose_no_update)
{
	const char *other = add_other_admin();
	struct screen *first = screen_start_as(OTHER_UID, NULL);
	struct screen *second = screen_start(NULL);
	struct screen *forms[2] = {first, second};
	for (int i = 0; i < 2; i++) {
		assert_screen(forms[i], "records");
		screen_keys(forms[i], "2", NULL);
		assert_line(forms[i], "> EKHUFT", "East Kent");
		screen_keys(forms[i], "e", NULL);
		assert_screen(forms[i], "Edit provider");
	}
	screen_keys(first, "Down", "Down", "Space", NULL);
	assert_line(first, "Kind", "independent");
	screen_keys(first, "F2", NULL);
	assert_status(first, "Saved provider EKHUFT");

	screen_keys(second, "Down", "End", NULL);
	screen_type(second, " Group");
	screen_keys(second, "F2", NULL);
	assert_screen(second, "Changed since you opened it");
	assert_screen(second, text_printf("%s at ", other));
	assert_screen(second, "Kind: nhs-trust -> independent");
	assert_status(second, text_printf("was changed by %s at", other));
	cr_assert_str_eq(sql("select name, kind from providers where code = 'EKHUFT';"),
	                 "East Kent Hospitals University NHS Foundation Trust|independent\n");

	screen_keys(second, "r", NULL);
	assert_screen_gone(second, "Changed since you opened it");
	assert_line(second, "Kind", "now independent");
	assert_status(second, "The form now holds the stored provider EKHUFT");
	expect_screen_has(second, "East Kent Hospitals University NHS Founda");
	cr_expect(!screen_has(second, "Group"), "reloading drops the edit:\n%s", screen_last(second));

	/* Another process holds the write lock: the save waits, visibly.  (A
	 * line typed through tmux must not end in ";", its command separator.) */
	struct screen *lock = screen_start_command(text_printf("sqlite3 '%s'", e2e_db()));
	assert_screen(lock, "sqlite>");
	screen_type(lock, "BEGIN IMMEDIATE; SELECT 'lock' || 'ed'; ");
	screen_keys(lock, "Enter", NULL);
	assert_screen(lock, "locked");
	screen_keys(second, "End", NULL);   /* the form reloaded on the same field, Name */
	screen_type(second, " Group");
	screen_keys(second, "F2", NULL);
	assert_status(second, "waiting for another change");
	assert_status(second, "(Esc to cancel)");
	screen_keys(second, "Escape", NULL);
	assert_status(second, "you stopped waiting for another change");
	assert_screen(second, "Edit provider");
	screen_type(lock, "COMMIT; SELECT 'lock' || ' released'; ");
	screen_keys(lock, "Enter", NULL);
	assert_screen(lock, "lock released");
	screen_keys(second, "F2", NULL);
	assert_status(second, "Saved provider EKHUFT");
	cr_assert_str_eq(sql("select name, kind from providers where code = 'EKHUFT';"),
	                 "East Kent Hospitals University NHS Foundation Trust Group|independent\n");
	cr_assert_eq(screen_stop(first), 0);
	cr_assert_eq(screen_stop(second), 0);
}
