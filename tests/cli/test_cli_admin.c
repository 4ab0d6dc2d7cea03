/* sendesk check and backup; unusable databases (69), configuration (78),
 * I/O errors (74) and a busy database (75). */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "data.h"
#include "run.h"

TestSuite(admin, CLI_FIXTURE);

/* Runs sqlite3 FILE SQL (exit 0). */
static void sqlite(const char *file, const char *sql)
{
	struct run r = run_argv(NULL, (const char *const[]){"sqlite3", file, sql, NULL});
	cr_assert_eq(r.status, 0, "sqlite3 %s '%s': exit %d\n%s", file, sql, r.status, r.err);
}

static bool same_file(const char *path, const char *before, size_t len)
{
	size_t now;
	const char *after = read_file(path, &now);
	return after != NULL && now == len && memcmp(after, before, len) == 0;
}

/* The stderr line without the file name, to compare the reasons given. */
static const char *reason(const struct run *r, const char *path)
{
	const char *line = line_at(r->err, 0), *at = line ? strstr(line, path) : NULL;
	cr_assert_not_null(at, "the error does not name %s: %s", path, r->err);
	return text_printf("%.*s%s", (int)(at - line), line, at + strlen(path));
}

Test(admin, check_a_good_database)
{
	load_full_data();
	struct run r = sendesk("check", NULL);
	assert_exit(r, 0);
	cr_assert_str_empty(r.err);
	cr_assert_neq(r.out_len, 0, "check printed nothing");
}

/* A file that is not one of ours is refused in one line naming the file
 * and the problem, and left exactly as it was. */
static const char *refused_as_unusable(const char *path)
{
	size_t len;
	const char *before = read_file(path, &len);
	struct run r = sendesk_opts(&(struct run_opts){.db = path}, "check", NULL);
	assert_fails_one_line(r, EX_UNAVAILABLE);
	cr_assert_str_empty(r.out);
	cr_assert(same_file(path, before, len), "check changed %s", path);
	return reason(&r, path);
}

Test(admin, check_refuses_unusable_files)
{
	const char *text = tmp_path("notes.txt");
	write_file(text, "ref,first_name\nnot a database at all\n");
	const char *not_sqlite = refused_as_unusable(text);

	const char *foreign = tmp_path("other.db");
	sqlite(foreign, "create table x(a); insert into x values (1)");
	const char *other_program = refused_as_unusable(foreign);

	assert_exit(sendesk("init", NULL), 0);
	sqlite(db_path(), "pragma user_version = 99");
	const char *newer = refused_as_unusable(db_path());
	cr_assert(strstr(newer, "newer") != NULL, "the reason does not say newer: %s", newer);

	cr_assert_str_neq(not_sqlite, other_program, "the same reason for different problems");
	cr_assert_str_neq(not_sqlite, newer, "the same reason for different problems");
	cr_assert_str_neq(other_program, newer, "the same reason for different problems");
}

Test(admin, check_refuses_an_empty_or_truncated_file)
{
	const char *empty = tmp_path("empty.db");
	write_file(empty, "");
	refused_as_unusable(empty);

	load_full_data();
	size_t len;
	const char *whole = read_file(db_path(), &len);
	cr_assert_gt(len, 3 * 4096);
	const char *cut = tmp_path("cut.db");
	FILE *f = fopen(cut, "wb");
	cr_assert_not_null(f);
	fwrite(whole, 1, 3 * 4096, f);
	fclose(f);
	struct run r = sendesk_opts(&(struct run_opts){.db = cut}, "check", NULL);
	assert_fails_one_line(r, EX_UNAVAILABLE);
	reason(&r, cut);
}

/* Every command that opens the database refuses a foreign one the same
 * way, and writes nothing into it. */
Test(admin, other_commands_refuse_a_foreign_database)
{
	sqlite(db_path(), "create table children(ref text)");
	size_t len;
	const char *before = read_file(db_path(), &len);
	write_file(tmp_path("c.csv"), children_csv);
	static const char *const commands[][4] = {
		{"export", "children", NULL}, {"import", "children", "c.csv", NULL},
		{"report", "contracts", NULL}, {"user", "list", NULL}, {"backup", "copy.db", NULL},
	};
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
		const char *argv[8] = {sendesk_bin(), "--db", db_path()};
		for (size_t j = 0; commands[i][j]; j++)
			argv[3 + j] = commands[i][j];
		struct run r = run_argv(NULL, argv);
		cr_expect_eq(r.status, EX_UNAVAILABLE, "%s: exit %d\n%s", commands[i][0], r.status, r.err);
		cr_expect_eq(line_count(r.err), 1, "%s: stderr:\n%s", commands[i][0], r.err);
	}
	cr_assert(same_file(db_path(), before, len), "the foreign database was changed");
	cr_assert_not(file_exists(tmp_path("copy.db")), "a backup of a foreign file was made");
}

Test(admin, check_a_missing_database)
{
	struct run r = sendesk("check", NULL);
	assert_fails_one_line(r, EX_NOINPUT);
	reason(&r, db_path());
	cr_assert_not(file_exists(db_path()), "check created the database");
}

/* The application's invariants: a value no record may hold. */
Test(admin, check_finds_a_broken_invariant)
{
	load_full_data();
	sqlite(db_path(), "update contracts set signed_date = 'last spring' where ref = 'EKHUFT-2024'");
	struct run r = sendesk("check", NULL);
	cr_assert(r.status != 0 && r.status < 128, "check passed a bad date (exit %d)\n%s%s",
	          r.status, r.out, r.err);
	cr_assert(strstr(r.err, "signed_date") != NULL, "the field is not named:\n%s", r.err);
}

/* Coverage of a district the configuration no longer has. */
Test(admin, check_against_the_configuration)
{
	load_full_data();
	write_file(tmp_path("two.cfg"),
	           "districts = (\n"
	           "  { code = \"ASH\"; name = \"Ashford\"; row = 0; col = 0; },\n"
	           "  { code = \"DOV\"; name = \"Dover\"; row = 0; col = 1; }\n"
	           ");\n");
	struct run r = sendesk("--config", "two.cfg", "check", NULL);
	cr_assert(r.status != 0 && r.status < 128, "check passed (exit %d)\n%s%s", r.status, r.out,
	          r.err);
	assert_exit(sendesk("check", NULL), 0);
}

Test(admin, bad_configuration)
{
	assert_exit(sendesk("init", NULL), 0);
	write_file(tmp_path("bad.cfg"), "authority = \"Kent County Council\";\nbogus = 1;\n");
	struct run r = sendesk("--config", "bad.cfg", "check", NULL);
	assert_fails_one_line(r, EX_CONFIG);
	cr_assert(strstr(r.err, "bad.cfg:2") != NULL, "file and line not named: %s", r.err);
	write_file(tmp_path("syntax.cfg"), "authority = ;\n");
	r = sendesk("--config", "syntax.cfg", "export", "providers", NULL);
	assert_fails_one_line(r, EX_CONFIG);
	cr_assert(strstr(r.err, "syntax.cfg") != NULL, "file not named: %s", r.err);
	cr_assert_str_empty(r.out);
}

/* The user's configuration file is read from XDG_CONFIG_HOME. */
Test(admin, configuration_from_xdg_config_home)
{
	assert_exit(sendesk("init", NULL), 0);
	cr_assert_eq(mkdir(tmp_path("sendesk"), 0700), 0);
	write_file(tmp_path("sendesk/sendesk.cfg"), "bogus = 1;\n");
	struct run r = sendesk("check", NULL);
	assert_fails_one_line(r, EX_CONFIG);
}

Test(admin, backup_copies_the_database)
{
	load_full_data();
	const char *copy = tmp_path("copy.db");
	struct run r = sendesk("backup", copy, NULL);
	assert_exit(r, 0);
	cr_assert_str_empty(r.err);
	struct stat st;
	cr_assert_eq(stat(copy, &st), 0, "no backup made");
	cr_assert_eq(st.st_mode & 0777, 0600, "backup mode %o", (unsigned)(st.st_mode & 0777));
	assert_exit(sendesk_opts(&(struct run_opts){.db = copy}, "check", NULL), 0);
	cr_assert_str_eq(export_everything(copy), export_everything(db_path()));
}

Test(admin, backup_refuses_an_existing_destination)
{
	load_full_data();
	const char *dest = tmp_path("dest.db");
	write_file(dest, "keep me\n");
	struct run r = sendesk("backup", dest, NULL);
	assert_fails_one_line(r, EX_CANTCREAT);
	reason(&r, dest);
	cr_assert_str_eq(read_file(dest, NULL), "keep me\n");
	r = sendesk("backup", db_path(), NULL);
	assert_fails_one_line(r, EX_CANTCREAT);
	assert_exit(sendesk("check", NULL), 0);
}

Test(admin, backup_where_nothing_can_be_created)
{
	load_full_data();
	write_file(tmp_path("plain"), "x");
	struct run r = sendesk("backup", tmp_path("plain/copy.db"), NULL);
	assert_fails_one_line(r, EX_CANTCREAT);
}

/* sqlite3 holding the write lock (BEGIN IMMEDIATE, with a change not yet
 * committed) until its input closes; returns once the lock is held. */
static struct background hold_write_lock(void)
{
	struct background lock = background_start((const char *const[]){"sqlite3", db_path(), NULL});
	background_write(&lock, text_printf("BEGIN IMMEDIATE;\n"
	                                    "INSERT INTO providers(code, name) VALUES ('LOCK', 'Uncommitted');\n"
	                                    ".once %s\n"
	                                    "SELECT 'locked';\n",
	                                    tmp_path("locked")));
	cr_assert(wait_for_file(tmp_path("locked"), 10000), "sqlite3 did not take the lock");
	return lock;
}

/* A writer waits a while, then gives up with 75 and writes nothing;
 * readers and backups go on; the lock gone, the same import works. */
Test(admin, busy_database)
{
	load_full_data();
	const char *before = export_everything(db_path());
	write_file(tmp_path("p.csv"), "code,name\nNEW,New Provider\n");
	struct background lock = hold_write_lock();

	write_file(tmp_path("short-wait.cfg"), "busy_timeout_seconds = 1;\n");
	struct run r = sendesk("--config", "short-wait.cfg", "import", "providers", "p.csv", NULL);
	assert_fails_one_line(r, EX_TEMPFAIL);
	cr_assert(strstr(r.err, "busy") != NULL, "%s", r.err);

	cr_assert_str_eq(export_everything(db_path()), before, "readers were blocked or saw too much");
	assert_exit(sendesk("backup", "during.db", NULL), 0);
	cr_assert_str_eq(export_everything(tmp_path("during.db")), before,
	                 "the backup is not the committed state");

	cr_assert_eq(background_finish(&lock), 0, "sqlite3 failed");
	cr_assert_str_eq(export_everything(db_path()), before);
	assert_exit(sendesk("import", "providers", "p.csv", NULL), 0);
	cr_assert(has_line(export_kind(db_path(), "providers"), "NEW,New Provider,"));
}

/* Output that cannot be written is an I/O error, in one line. */
Test(admin, writing_to_a_full_device)
{
	load_full_data();
	/* Outputs below and above one stdio buffer (4 KiB): 60 gaps once no
	 * contract is in force make about 5 KiB of JSON. */
	static const char *const commands[][8] = {
		{"export", "contracts", NULL},
		{"export", "users", NULL},
		{"report", "contracts", NULL},
		{"report", "contracts", "--format", "csv", NULL},
		{"report", "contracts", "--format", "json", NULL},
		{"report", "coverage-gaps", "--on", "2030-01-01", NULL},
		{"report", "coverage-gaps", "--on", "2030-01-01", "--format", "csv", NULL},
		{"report", "coverage-gaps", "--on", "2030-01-01", "--format", "json", NULL},
		{"user", "list", NULL},
	};
	const struct run_opts full = {.out_path = "/dev/full"};
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
		const char *argv[12] = {sendesk_bin(), "--db", db_path()};
		const char *shown = "";
		for (size_t j = 0; commands[i][j]; j++) {
			argv[3 + j] = commands[i][j];
			shown = text_printf("%s %s", shown, commands[i][j]);
		}
		struct run r = run_argv(&full, argv);
		cr_expect_eq(r.status, EX_IOERR, "%s > /dev/full: exit %d\n%s", shown, r.status, r.err);
		cr_expect_eq(line_count(r.err), 1, "%s > /dev/full: stderr:\n%s", shown, r.err);
	}
}

Test(admin, usage_to_a_full_device)
{
	const struct run_opts full = {.out_path = "/dev/full", .no_db = true};
	struct run r = sendesk_opts(&full, "--help", NULL);
	expect_exit(r, EX_IOERR);
	r = sendesk_opts(&full, "--version", NULL);
	expect_exit(r, EX_IOERR);
}
