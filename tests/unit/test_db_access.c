/* test_db_access.c: what the file's permissions make of an open: a file
 * or folder nobody here may write opens read-only and leaves nothing
 * behind; a file the user may not reach is refused naming the file or
 * folder in the way, its mode and owner; and what makes a team folder. */
#include "db/db.h"

#include <criterion/criterion.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "db/record.h"
#include "tests/support/fixture.h"
#include "util/privilege.h"

static struct fixture f;

static void setup(void)
{
	fixture_init(&f, false);
	/* The fixture's own connection is closed: the tests open the file. */
	session_close(&f.s);
}

static void teardown(void)
{
	chmod(f.dir, 0700);
	chmod(f.path, 0600);
	fixture_done(&f);
}

TestSuite(db_access, .init = setup, .fini = teardown);

static bool side_file_exists(const char *suffix)
{
	char name[400];
	snprintf(name, sizeof name, "%s%s", f.path, suffix);
	return access(name, F_OK) == 0;
}

/* Opens f.path, expecting a read-only database whose changes are
 * refused with a message holding why. */
static void expect_read_only(const char *why)
{
	struct db *db;
	struct error err = {0};
	cr_assert_eq(db_open(f.path, DB_OPEN_EXISTING, 0600, &db, &err), 0, "%s", err.msg);
	cr_expect(db_read_only(db));
	cr_expect_eq(db_begin(db, &err), EX_NOPERM);
	char expected[512];
	snprintf(expected, sizeof expected, "read-only: %s (%s); nothing can be changed", f.path, why);
	cr_expect_str_eq(err.msg, expected);
	int64_t id = 1;
	struct db_value key = db_text("nobody");
	cr_expect_eq(db_record_find(db, TABLE_USERS, &key, &id, &err), 0, "reading: %s", err.msg);
	db_close(db);
}

static void expect_writable(void)
{
	struct db *db;
	struct error err = {0};
	cr_assert_eq(db_open(f.path, DB_OPEN_EXISTING, 0600, &db, &err), 0, "%s", err.msg);
	cr_expect_not(db_read_only(db));
	cr_expect_eq(db_begin(db, &err), 0, "%s", err.msg);
	db_rollback(db);
	db_close(db);
}

Test(db_access, a_file_of_mode_0400_opens_read_only_and_leaves_no_side_files)
{
	cr_assert_eq(chmod(f.path, 0400), 0);
	expect_read_only("the file is mode 0400");
	cr_expect_not(side_file_exists("-wal"), "reading left a -wal file");
	cr_expect_not(side_file_exists("-shm"), "reading left a -shm file");
	/* Nothing left behind blocks the owner's next change. */
	cr_assert_eq(chmod(f.path, 0600), 0);
	expect_writable();
}

Test(db_access, a_folder_nobody_may_write_opens_read_only)
{
	cr_assert_eq(chmod(f.dir, 0555), 0);
	char why[400];
	snprintf(why, sizeof why, "its folder %s cannot be written", f.dir);
	expect_read_only(why);
	cr_assert_eq(chmod(f.dir, 0700), 0);
	expect_writable();
}

/* Opens path in a child process as another user (nobody, when the tests
 * run as root; else the same user, whom the modes then keep out);
 * returns the exit code and message it got. */
static int open_as_other(const char *path, enum db_open_mode mode, char *msg, size_t len)
{
	int fds[2];
	cr_assert_eq(pipe(fds), 0);
	pid_t pid = fork();
	cr_assert_geq(pid, 0);
	if (pid == 0) {
		close(fds[0]);
		if (getuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
			_exit(100);
		struct db *db = NULL;
		struct error err = {0};
		int rc = db_open(path, mode, 0600, &db, &err);
		db_close(db);
		if (write(fds[1], err.msg, strlen(err.msg)) < 0)
			_exit(101);
		_exit(rc);
	}
	close(fds[1]);
	ssize_t n = read(fds[0], msg, len - 1);
	msg[n > 0 ? n : 0] = '\0';
	close(fds[0]);
	int status = 0;
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static const char *expected_denial(const char *path)
{
	static char text[512];
	struct stat st;
	cr_assert_eq(stat(path, &st), 0);
	struct passwd *pw = getpwuid(st.st_uid);
	snprintf(text, sizeof text, "permission denied: %s is mode %04o, owner %s; see 'Sharing one "
	         "database with a team'", path, (unsigned)(st.st_mode & 07777), pw ? pw->pw_name : "?");
	return text;
}

Test(db_access, a_file_out_of_reach_is_refused_naming_it_with_its_mode_and_owner)
{
	bool root = getuid() == 0;
	char msg[512];
	/* The folder may be entered; the file may not be read. */
	cr_assert_eq(chmod(f.dir, root ? 0711 : 0700), 0);
	cr_assert_eq(chmod(f.path, root ? 0600 : 0000), 0);
	cr_expect_eq(open_as_other(f.path, DB_OPEN_EXISTING, msg, sizeof msg), EX_NOPERM, "%s", msg);
	cr_expect_str_eq(msg, expected_denial(f.path));
	/* The folder may not be entered: it is the one named. */
	cr_assert_eq(chmod(f.path, 0600), 0);
	cr_assert_eq(chmod(f.dir, root ? 0700 : 0600), 0);
	cr_expect_eq(open_as_other(f.path, DB_OPEN_EXISTING, msg, sizeof msg), EX_NOPERM, "%s", msg);
	cr_expect_str_eq(msg, expected_denial(f.dir));
}

Test(db_access, a_file_that_may_not_be_made_names_its_folder)
{
	char msg[512], path[400];
	cr_assert_eq(chmod(f.dir, getuid() == 0 ? 0755 : 0500), 0);
	fixture_file(&f, "new.db", path, sizeof path);
	cr_expect_eq(open_as_other(path, DB_OPEN_CREATE, msg, sizeof msg), EX_NOPERM, "%s", msg);
	cr_expect_str_eq(msg, expected_denial(f.dir));
	cr_expect_neq(access(path, F_OK), 0, "the file was made");
}

Test(db_access, a_team_folder_is_roots_of_the_group_setgid_and_closed_to_others)
{
	char dir[400];
	fixture_file(&f, "team", dir, sizeof dir);
	cr_assert_eq(mkdir(dir, 0770), 0);
	gid_t group = getgid();
	if (getuid() == 0) {
		group = 4242;   /* any group: only the numbers are compared */
		cr_assert_eq(chown(dir, 0, group), 0);
		cr_assert_eq(chmod(dir, 02770), 0);
		cr_expect(privilege_is_team_dir(dir, (unsigned)group));
		cr_expect_not(privilege_is_team_dir(dir, (unsigned)group + 1), "another group's");
		cr_assert_eq(chmod(dir, 02772), 0);
		cr_expect_not(privilege_is_team_dir(dir, (unsigned)group), "others may write it");
		cr_assert_eq(chown(dir, 65534, group), 0);
		cr_assert_eq(chmod(dir, 02770), 0);
		cr_expect_not(privilege_is_team_dir(dir, (unsigned)group), "not root's");
		cr_assert_eq(chown(dir, 0, group), 0);
	}
	cr_assert_eq(chmod(dir, 0770), 0);
	cr_expect_not(privilege_is_team_dir(dir, (unsigned)group), "not setgid");
	cr_expect_not(privilege_is_team_dir(f.path, (unsigned)group), "a file");
}

Test(db_access, a_plain_binary_keeps_its_paths_and_holds_no_group)
{
	privilege_init();
	cr_expect_not(privilege_held());
	char path[64] = "some/where/../sendesk.db";
	privilege_admit_database(path, sizeof path, false);
	cr_expect_str_eq(path, "some/where/../sendesk.db");
}
