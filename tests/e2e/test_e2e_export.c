/* test_e2e_export.c: `x` on a list writes a CSV file a person can find
 * (the full path on screen, in $XDG_DOWNLOAD_DIR or the current folder,
 * ~ for the home folder) that only its owner can read, and never over
 * another file.  Run as test_tui.c is (see there). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "screen.h"

TestSuite(export, E2E_FIXTURE);

/* sendesk on the test database under a umask that would leave an
 * ordinary file readable by everyone, with XDG_DOWNLOAD_DIR set to
 * downloads (or unset when NULL). */
static struct screen *start_with_downloads(const char *downloads)
{
	const char *dir = e2e_dir();
	const char *xdg = downloads ? text_printf("XDG_DOWNLOAD_DIR='%s'", downloads)
	                            : "-u XDG_DOWNLOAD_DIR";
	return screen_start_command(text_printf(
		"umask 022; exec env %s HOME='%s' XDG_CONFIG_HOME='%s' XDG_DATA_HOME='%s' "
		"LANG=C.UTF-8 LC_ALL=C.UTF-8 '%s' --db '%s'",
		xdg, dir, dir, dir, e2e_bin(), e2e_db()));
}

static void expect_private_csv(const char *path)
{
	struct stat st;
	cr_assert_eq(stat(path, &st), 0, "%s: %s", path, strerror(errno));
	cr_expect_eq(st.st_mode & 0777, 0600, "%s has mode %03o", path, (unsigned)(st.st_mode & 0777));
	FILE *f = fopen(path, "r");
	cr_assert_not_null(f);
	char header[256] = "";
	cr_expect_not_null(fgets(header, sizeof header, f));
	fclose(f);
	cr_expect(strncmp(header, "ref,provider,annual_value,", 26) == 0, "%s starts: %s", path, header);
}

/* Empties the prompt's text, one backspace per character shown. */
static void clear_prompt(struct screen *s, const char *text)
{
	for (size_t i = 0; i < strlen(text); i++)
		screen_keys(s, "BSpace", NULL);
	assert_screen_gone(s, text);
}

Test(export, from_a_list_to_the_downloads_folder_for_the_owner_alone)
{
	const char *downloads = text_printf("%s/Downloads", e2e_dir());
	cr_assert_eq(mkdir(downloads, 0700), 0, "%s: %s", downloads, strerror(errno));
	const char *proposed = text_printf("%s/contracts.csv", downloads);

	struct screen *s = start_with_downloads(downloads);
	assert_screen(s, "EKHUFT-2023");
	screen_keys(s, "x", NULL);
	assert_screen(s, proposed);
	expect_screen_has(s, "$XDG_DOWNLOAD_DIR");
	screen_keys(s, "Enter", NULL);
	assert_status(s, text_printf("contracts to %s", proposed));
	expect_private_csv(proposed);

	/* The same name again: refused, and the prompt stays for another. */
	screen_keys(s, "x", NULL);
	assert_screen(s, proposed);
	screen_keys(s, "Enter", NULL);
	assert_status(s, "already exists");
	clear_prompt(s, proposed);

	/* ~/ is the home folder (HOME is the test directory). */
	screen_type(s, "~/mine.csv");
	screen_keys(s, "Enter", NULL);
	const char *mine = text_printf("%s/mine.csv", e2e_dir());
	assert_status(s, text_printf("contracts to %s", mine));
	expect_private_csv(mine);
	screen_stop(s);

	/* Without XDG_DOWNLOAD_DIR: the current folder, by its full path. */
	s = start_with_downloads(NULL);
	assert_screen(s, "EKHUFT-2023");
	screen_keys(s, "x", NULL);
	assert_screen(s, text_printf("%s/contracts.csv", e2e_dir()));
	expect_screen_has(s, "current folder");
	expect_screen_has(s, "$XDG_DOWNLOAD_DIR is not set");
	screen_keys(s, "Escape", NULL);
	assert_status(s, "nothing changed");
	screen_stop(s);
}
