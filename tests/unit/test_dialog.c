/* test_dialog.c: where an export goes (the default folder, ~ for the
 * home folder) and the mode of the file it makes. */
#include "tui/dialog.h"

#include <criterion/criterion.h>
#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[64];

static void setup(void)
{
	snprintf(dir, sizeof dir, "/tmp/sendesk-dialog-XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
}

static void teardown(void)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	cr_expect_eq(system(cmd), 0);
}

TestSuite(export_path, .init = setup, .fini = teardown);

static void expand(const char *typed, const char *home, const char *expected)
{
	char out[PATH_MAX];
	cr_assert(dialog_expand_home(typed, home, out, sizeof out), "%s", typed);
	cr_expect_str_eq(out, expected, "%s with home %s", typed, home ? home : "(none)");
}

Test(export_path, a_leading_tilde_is_the_home_folder)
{
	expand("~/p.csv", "/home/jo", "/home/jo/p.csv");
	expand("~", "/home/jo", "/home/jo");
	expand("~/", "/home/jo", "/home/jo/");
	struct passwd *root = getpwnam("root");
	cr_assert_not_null(root);
	char expected[PATH_MAX];
	snprintf(expected, sizeof expected, "%s/p.csv", root->pw_dir);
	expand("~root/p.csv", "/home/jo", expected);
}

Test(export_path, other_text_is_left_as_it_is)
{
	expand("p.csv", "/home/jo", "p.csv");
	expand("/tmp/a~b.csv", "/home/jo", "/tmp/a~b.csv");
	expand("dir/~/p.csv", "/home/jo", "dir/~/p.csv");
	expand("~no-such-login-here/p.csv", "/home/jo", "~no-such-login-here/p.csv");
}

Test(export_path, without_home_the_password_files_home_is_used)
{
	char out[PATH_MAX];
	cr_assert(dialog_expand_home("~/p.csv", NULL, out, sizeof out));
	cr_expect_eq(out[0], '/', "%s", out);
	cr_expect(strstr(out, "/p.csv") != NULL, "%s", out);
	cr_expect_neq(out[0], '~');
}

Test(export_path, too_long_is_refused)
{
	char out[16];
	cr_expect_not(dialog_expand_home("~/a-rather-long-name.csv", "/home/jo", out, sizeof out));
	cr_expect_not(dialog_expand_home("a-rather-long-name.csv", "/home/jo", out, sizeof out));
}

Test(export_path, the_downloads_folder_when_it_is_one)
{
	char path[PATH_MAX], note[256], expected[PATH_MAX];
	dialog_export_default("contracts.csv", dir, path, sizeof path, note, sizeof note);
	snprintf(expected, sizeof expected, "%s/contracts.csv", dir);
	cr_expect_str_eq(path, expected);
	cr_expect(strstr(note, "$XDG_DOWNLOAD_DIR") != NULL, "%s", note);
	/* A trailing slash gives no doubled one. */
	char slashed[128];
	snprintf(slashed, sizeof slashed, "%s/", dir);
	dialog_export_default("contracts.csv", slashed, path, sizeof path, note, sizeof note);
	cr_expect_str_eq(path, expected);
}

/* Unset, relative (which the XDG rules say to ignore) or not a folder:
 * the current folder, by its full path, and the note says why. */
Test(export_path, else_the_current_folder)
{
	char path[PATH_MAX], note[256], expected[PATH_MAX + 32], cwd[PATH_MAX];
	cr_assert_not_null(getcwd(cwd, sizeof cwd));
	snprintf(expected, sizeof expected, "%s/growth.csv", cwd);
	char missing[128];
	snprintf(missing, sizeof missing, "%s/no-such-folder", dir);
	const char *const values[] = {NULL, "", "Downloads", missing};
	for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
		dialog_export_default("growth.csv", values[i], path, sizeof path, note, sizeof note);
		cr_expect_str_eq(path, expected, "XDG_DOWNLOAD_DIR=%s", values[i] ? values[i] : "(unset)");
		cr_expect(strstr(note, "current folder") != NULL, "%s", note);
	}
	dialog_export_default("growth.csv", NULL, path, sizeof path, note, sizeof note);
	cr_expect(strstr(note, "not set") != NULL, "%s", note);
	dialog_export_default("growth.csv", missing, path, sizeof path, note, sizeof note);
	cr_expect(strstr(note, "not a folder") != NULL, "%s", note);
}

static mode_t mode_of(const char *path)
{
	struct stat st;
	cr_assert_eq(stat(path, &st), 0, "%s: %s", path, strerror(errno));
	return st.st_mode & 07777;
}

/* Whatever the umask lets through or takes away, an export is 0600. */
Test(export_path, the_file_is_for_its_owner_alone)
{
	static const mode_t masks[] = {0, 022, 077, 0277};
	for (size_t i = 0; i < sizeof masks / sizeof masks[0]; i++) {
		char path[128];
		snprintf(path, sizeof path, "%s/export-%zu.csv", dir, i);
		mode_t old = umask(masks[i]);
		FILE *out = dialog_create_private(path);
		umask(old);
		cr_assert_not_null(out, "%s: %s", path, strerror(errno));
		cr_expect_gt(fprintf(out, "a,b\n"), 0);
		cr_expect_eq(fclose(out), 0);
		cr_expect_eq(mode_of(path), 0600, "umask %03o: mode %03o", (unsigned)masks[i],
		             (unsigned)mode_of(path));
	}
}

Test(export_path, an_existing_file_is_never_overwritten)
{
	char path[128];
	snprintf(path, sizeof path, "%s/kept.csv", dir);
	FILE *f = fopen(path, "w");
	cr_assert_not_null(f);
	fputs("keep me\n", f);
	fclose(f);
	errno = 0;
	cr_assert_null(dialog_create_private(path));
	cr_expect_eq(errno, EEXIST);
	char text[32] = "";
	f = fopen(path, "r");
	cr_assert_not_null(f);
	cr_expect_not_null(fgets(text, sizeof text, f));
	fclose(f);
	cr_expect_str_eq(text, "keep me\n");
}
