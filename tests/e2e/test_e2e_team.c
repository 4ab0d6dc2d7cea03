/* test_e2e_team.c: a database nobody here may write, as a person sees
 * it: the title bar says read-only (at 100 and at 80 columns), the
 * records show, no change is offered and one asked for is refused
 * saying why, and nothing is left beside the file.  Run as test_tui.c is. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "screen.h"

TestSuite(team, E2E_FIXTURE);

Test(team, a_read_only_database_says_so_shows_its_records_and_refuses_a_save)
{
	cr_assert_eq(chmod(e2e_db(), 0400), 0);
	struct screen *s = screen_start(NULL);
	assert_screen(s, "EKHUFT-2023");
	const char *title = screen_line_with(s, "sendesk");
	cr_assert(title != NULL && strstr(title, "read-only") != NULL, "title bar:\n%s", screen_last(s));
	cr_expect(strncmp(screen_last(s), title, strlen(title)) == 0, "the title is not the top line");
	/* At 80 columns the tabs give way, not the word. */
	screen_resize(s, 80, 24);
	assert_screen_gone(s, "5 Growth");
	cr_expect(screen_wait_line(s, "sendesk [1 Contracts]", "read-only", WAIT_MS),
	          "at 80 columns:\n%s", screen_last(s));

	/* No change is offered, and e says why at once rather than opening
	 * a form that cannot be saved. */
	screen_keys(s, "j", NULL);
	assert_line(s, "> EKHUFT-2024", NULL);
	assert_status(s, "Enter open");
	assert_screen_lacks(s, "e edit");
	assert_screen_lacks(s, "a add");
	screen_keys(s, "e", NULL);
	assert_status(s, "this database is read-only here");
	assert_screen_lacks(s, "Ref: text");
	/* Every tab's key stays whole beside the word. */
	screen_keys(s, "9", NULL);
	assert_screen(s, "[9 ");
	expect_screen_has(s, " F5 ");
	expect_screen_has(s, " F7 ");
	/* The map: an admin here may look, and is told why. */
	screen_keys(s, "3", NULL);
	assert_screen(s, "You may look: the database is read-only here.");
	assert_screen_lacks(s, "c cover");
	screen_kill(s);

	const char *wal = text_printf("%s-wal", e2e_db()), *shm = text_printf("%s-shm", e2e_db());
	cr_expect_neq(access(wal, F_OK), 0, "a -wal file was left");
	cr_expect_neq(access(shm, F_OK), 0, "a -shm file was left");
	cr_assert_eq(chmod(e2e_db(), 0600), 0);
	const char *csv = text_printf("%s/p.csv", e2e_dir());
	FILE *out = fopen(csv, "w");
	cr_assert_not_null(out);
	fputs("code,name\nRW1,Written Again\n", out);
	fclose(out);
	struct run r = sendesk("import", "providers", csv, NULL);
	cr_expect_eq(r.status, 0, "the owner's next change: %s", r.err);
}
