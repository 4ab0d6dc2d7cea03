/* Global options, usage and usage errors (exit 64). */
#include <string.h>

#include "data.h"
#include "run.h"

TestSuite(basics, CLI_FIXTURE);

static const struct run_opts no_db = {.no_db = true};

Test(basics, help_prints_usage_on_stdout)
{
	struct run r = sendesk_opts(&no_db, "--help", NULL);
	assert_exit(r, 0);
	cr_assert(strstr(r.out, "usage: sendesk") != NULL, "no usage on stdout:\n%s", r.out);
	cr_assert_str_empty(r.err);
	/* Every command of the contract is named. */
	static const char *const commands[] = {"init", "import", "export", "report", "check",
	                                       "backup", "user"};
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		cr_expect(strstr(r.out, commands[i]) != NULL, "--help does not name %s", commands[i]);
	/* And every kind import and export take. */
	for (size_t i = 0; i < KIND_COUNT; i++)
		cr_expect(strstr(r.out, text_printf(" %s", all_kinds[i])) != NULL,
		          "--help does not name the kind %s:\n%s", all_kinds[i], r.out);
}

Test(basics, help_after_db_option)
{
	struct run r = sendesk("--help", NULL);
	assert_exit(r, 0);
	cr_assert(strstr(r.out, "usage: sendesk") != NULL);
	cr_assert_not(file_exists(db_path()), "--help created the database");
}

Test(basics, version)
{
	struct run r = sendesk_opts(&no_db, "--version", NULL);
	assert_exit(r, 0);
	cr_assert(strncmp(r.out, "sendesk ", 8) == 0, "version line: %s", r.out);
	cr_assert_eq(line_count(r.out), 1);
	cr_assert_str_empty(r.err);
}

/* With no command sendesk opens its screens; without a terminal (as
 * here: standard input is /dev/null, output a file) it must not wait for
 * keys: it prints the usage (exit 0) or says in one line that it needs a
 * terminal (exit 64). */
Test(basics, no_command_without_a_terminal)
{
	const char *argv[] = {sendesk_bin(), "--db", db_path(), NULL};
	struct run r = run_argv(NULL, argv);
	cr_assert_neq(r.status, -1, "sendesk with no command hung");
	if (r.status == 0) {
		cr_assert(strstr(r.out, "usage: sendesk") != NULL, "no usage on stdout:\n%s", r.out);
	} else {
		assert_fails_one_line(r, EX_USAGE);
		cr_assert_str_empty(r.out);
	}
	cr_assert_not(file_exists(db_path()), "sendesk with no command created the database");
}

Test(basics, unknown_command)
{
	struct run r = sendesk("frobnicate", NULL);
	assert_fails_one_line(r, EX_USAGE);
	cr_assert(strstr(r.err, "frobnicate") != NULL, "the error does not name the command: %s", r.err);
	cr_assert_str_empty(r.out);
	cr_assert_not(file_exists(db_path()));
}

/* Each wrong command line: exit 64, one line on stderr, nothing on stdout,
 * and no database made.  Every case is checked before the test stops. */
static void expect_usage_error(const char *const *args)
{
	const char *argv[16] = {sendesk_bin(), "--db", db_path()};
	size_t n = 3;
	const char *shown = "";
	for (size_t i = 0; args[i]; i++) {
		argv[n++] = args[i];
		shown = text_printf("%s %s", shown, args[i]);
	}
	argv[n] = NULL;
	struct run r = run_argv(NULL, argv);
	cr_expect_eq(r.status, EX_USAGE, "sendesk%s: exit %d, expected 64; stderr:\n%s", shown,
	             r.status, r.err);
	cr_expect_eq(line_count(r.err), 1, "sendesk%s: expected one line on stderr, got:\n%s", shown,
	             r.err);
	cr_expect_str_empty(r.out, "sendesk%s: printed on stdout:\n%s", shown, r.out);
	cr_expect_not(file_exists(db_path()), "sendesk%s created the database", shown);
}

#define USAGE_ERROR(...) expect_usage_error((const char *const[]){__VA_ARGS__, NULL})

Test(basics, wrong_arguments_are_usage_errors)
{
	USAGE_ERROR("export");
	USAGE_ERROR("export", "providers", "extra");
	USAGE_ERROR("import");
	USAGE_ERROR("import", "children");
	USAGE_ERROR("import", "children", "a.csv", "b.csv");
	USAGE_ERROR("init", "extra");
	USAGE_ERROR("check", "extra");
	USAGE_ERROR("backup");
	USAGE_ERROR("backup", "a.db", "b.db");
	USAGE_ERROR("user");
	USAGE_ERROR("user", "frob");
	USAGE_ERROR("user", "add", "someone");
	USAGE_ERROR("user", "set", "someone");
	USAGE_ERROR("user", "remove");
	USAGE_ERROR("user", "list", "extra");
	USAGE_ERROR("report");
	USAGE_ERROR("report", "contracts", "extra");
	USAGE_ERROR("report", "contracts", "--format", "xml");
	USAGE_ERROR("report", "contracts", "--on", "2024-02-30");
	USAGE_ERROR("report", "contracts", "--from", "2025-01-01", "--to", "2024-01-01");
	USAGE_ERROR("export", "no-such-kind");
}

/* getopt's own complaint must not add a second line to sendesk's. */
Test(basics, unknown_options_are_one_line_usage_errors)
{
	USAGE_ERROR("--no-such-option");
	USAGE_ERROR("init", "--no-such-option");
	USAGE_ERROR("report", "contracts", "--no-such-option");
	USAGE_ERROR("report", "contracts", "--on");
}

Test(basics, unknown_option_is_named)
{
	struct run r = sendesk("--no-such-option", NULL);
	assert_fails_one_line(r, EX_USAGE);
	cr_assert(strstr(r.err, "--no-such-option") != NULL, "the option is not named: %s", r.err);
}

Test(basics, db_option_without_value)
{
	const char *argv[] = {sendesk_bin(), "--db", NULL};
	struct run r = run_argv(NULL, argv);
	assert_fails_one_line(r, EX_USAGE);
}

/* Without --db: $XDG_DATA_HOME/sendesk/sendesk.db, made with its
 * directories; the configuration's database setting comes first. */
Test(basics, default_database_locations)
{
	const struct run_opts no_db_opt = {.no_db = true};
	struct run r = sendesk_opts(&no_db_opt, "init", NULL);
	assert_exit(r, 0);
	cr_assert(file_exists(tmp_path("sendesk/sendesk.db")), "no database under XDG_DATA_HOME");
	assert_exit(sendesk_opts(&no_db_opt, "check", NULL), 0);

	write_file(tmp_path("sendesk/sendesk.cfg"),
	           text_printf("database = \"%s\";\n", tmp_path("configured.db")));
	assert_exit(sendesk_opts(&no_db_opt, "init", "--demo", NULL), 0);
	cr_assert(file_exists(tmp_path("configured.db")), "the configured database was not used");
	cr_assert_eq(line_count(export_kind(tmp_path("configured.db"), "contracts")), 8);
	/* --db still wins over the configuration. */
	assert_exit(sendesk("init", NULL), 0);
	cr_assert(file_exists(db_path()));
}
