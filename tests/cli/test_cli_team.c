/* test_cli_team.c: a database nobody here may write serves every reading
 * command and refuses changes in one line, leaving nothing behind that
 * would break the owner's next change; setup-team is root's.  (The
 * shared setup itself, as three real logins: tests/team/three_logins.sh.) */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tests/cli/run.h"

TestSuite(team, CLI_FIXTURE);

static const char provider_csv[] = "code,name\nRO1,Read Only Trust\n";

/* Every reading command works; an import is refused, naming why. */
static void expect_read_only(const struct run_opts *o, const char *why)
{
	expect_exit(sendesk_opts(o, "report", "contracts", NULL), 0);
	expect_exit(sendesk_opts(o, "check", NULL), 0);
	struct run r = sendesk_opts(o, "export", "providers", NULL);
	expect_exit(r, 0);
	cr_expect(has_line(r.out, "RO1,Read Only Trust,"), "%s", r.out);
	write_file(tmp_path("more.csv"), "code,name\nRO2,Second Trust\n");
	r = sendesk_opts(o, "import", "providers", "more.csv", NULL);
	assert_fails_one_line(r, EX_NOPERM);
	const char *line = text_printf("sendesk: read-only: %s (%s); nothing can be changed\n",
	                               o->db ? o->db : db_path(), why);
	cr_expect_str_eq(r.err, line);
}

static void expect_no_side_files(const char *db)
{
	cr_expect_not(file_exists(text_printf("%s-wal", db)), "a -wal file was left");
	cr_expect_not(file_exists(text_printf("%s-shm", db)), "a -shm file was left");
}

Test(team, a_file_of_mode_0400_is_read_and_its_owner_writes_it_again_afterwards)
{
	assert_exit(sendesk("init", NULL), 0);
	write_file(tmp_path("p.csv"), provider_csv);
	assert_exit(sendesk("import", "providers", "p.csv", NULL), 0);
	cr_assert_eq(chmod(db_path(), 0400), 0);
	expect_read_only(&(struct run_opts){0}, "the file is mode 0400");
	expect_no_side_files(db_path());
	cr_assert_eq(chmod(db_path(), 0600), 0);
	assert_exit(sendesk("import", "providers", "more.csv", NULL), 0);
}

Test(team, a_database_in_a_read_only_folder_is_read)
{
	const char *dir = tmp_path("shelf");
	const char *db = text_printf("%s/sendesk.db", dir);
	cr_assert_eq(mkdir(dir, 0755), 0);
	struct run_opts o = {.db = db};
	assert_exit(sendesk_opts(&o, "init", NULL), 0);
	write_file(tmp_path("p.csv"), provider_csv);
	assert_exit(sendesk_opts(&o, "import", "providers", "p.csv", NULL), 0);
	cr_assert_eq(chmod(dir, 0555), 0);
	expect_read_only(&o, text_printf("its folder %s cannot be written", dir));
	expect_no_side_files(db);
	cr_assert_eq(chmod(dir, 0755), 0);
}

Test(team, setup_team_is_for_root_alone)
{
	struct run r = sendesk_opts(&(struct run_opts){.as_uid = 1}, "setup-team", tmp_path("team"),
	                            NULL);
	assert_fails_one_line(r, EX_NOPERM);
	cr_expect(strstr(r.err, "setup-team: run it as root") != NULL, "%s", r.err);
	cr_expect_not(file_exists(tmp_path("team")), "a folder was made");
	assert_fails_one_line(sendesk("setup-team", NULL), EX_USAGE);
}
