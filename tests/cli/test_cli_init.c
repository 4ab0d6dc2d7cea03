/* sendesk init [--demo] [--if-missing]. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "data.h"
#include "run.h"

TestSuite(init, CLI_FIXTURE);

static mode_t file_mode(const char *path)
{
	struct stat st;
	cr_assert_eq(stat(path, &st), 0, "%s does not exist", path);
	return st.st_mode & 07777;
}

/* The role of login in "user list", or NULL. */
static const char *listed_role(const char *list, const char *login)
{
	for (int i = 0, n = line_count(list); i < n; i++) {
		char name[64], role[64];
		if (sscanf(line_at(list, i), "%63s %63s", name, role) == 2 && strcmp(name, login) == 0)
			return text_dup(role);
	}
	return NULL;
}

Test(init, creates_an_empty_database_readable_by_its_owner_only)
{
	umask(0);   /* the mode must not depend on the umask */
	struct run r = sendesk("init", NULL);
	assert_exit(r, 0);
	cr_assert_str_empty(r.err);
	cr_assert_eq(file_mode(db_path()), 0600, "mode %o", (unsigned)file_mode(db_path()));
	assert_exit(sendesk("check", NULL), 0);
	for (int i = 0; i < KIND_COUNT - 1; i++) {
		const char *out = export_kind(db_path(), all_kinds[i]);
		cr_expect_eq(line_count(out), 1, "a new database has %s:\n%s", all_kinds[i], out);
	}
}

Test(init, the_creating_login_is_the_first_admin)
{
	assert_exit(sendesk("init", NULL), 0);
	struct run r = sendesk("user", "list", NULL);
	assert_exit(r, 0);
	const char *role = listed_role(r.out, my_login());
	cr_assert_not_null(role, "%s not listed:\n%s", my_login(), r.out);
	cr_assert_str_eq(role, "admin");
	cr_assert_eq(line_count(r.out), 1, "more than the creator:\n%s", r.out);
	const char *users = export_kind(db_path(), "users");
	cr_assert_str_eq(line_at(users, 1), text_printf("%s,admin", my_login()));
}

Test(init, refuses_an_existing_database_and_leaves_it_alone)
{
	load_full_data();
	size_t len;
	const char *before = read_file(db_path(), &len);
	struct run r = sendesk("init", NULL);
	assert_fails_one_line(r, EX_CANTCREAT);
	cr_assert(strstr(r.err, db_path()) != NULL, "the error does not name the file: %s", r.err);
	size_t after_len;
	const char *after = read_file(db_path(), &after_len);
	cr_assert(len == after_len && memcmp(before, after, len) == 0, "init changed the file");
	r = sendesk("init", "--demo", NULL);
	assert_fails_one_line(r, EX_CANTCREAT);
	after = read_file(db_path(), &after_len);
	cr_assert(len == after_len && memcmp(before, after, len) == 0, "init --demo changed the file");
}

Test(init, refuses_any_existing_file)
{
	write_file(db_path(), "notes, not a database\n");
	struct run r = sendesk("init", "--demo", NULL);
	assert_fails_one_line(r, EX_CANTCREAT);
	cr_assert_str_eq(read_file(db_path(), NULL), "notes, not a database\n");
}

Test(init, cannot_create_gives_73)
{
	write_file(tmp_path("plain-file"), "x");
	const char *db = tmp_path("plain-file/sendesk.db");
	struct run r = sendesk_opts(&(struct run_opts){.db = db}, "init", NULL);
	assert_fails_one_line(r, EX_CANTCREAT);
}

/* Compares an export with a data/demo file cell by cell (the export may
 * quote and end lines differently). */
static void expect_same_records(const char *kind, const char *demo_file)
{
	const char *path = repo_path(text_printf("data/demo/%s", demo_file));
	const char *demo = read_file(path, NULL);
	cr_assert_not_null(demo, "%s missing (tests run from the repository root)", path);
	struct table want, got;
	const char *why;
	cr_assert(csv_table(demo, &want, &why), "%s: %s", path, why);
	cr_assert(csv_table(export_kind(db_path(), kind), &got, &why), "export %s: %s", kind, why);
	cr_assert_eq(got.cols, want.cols, "%s: columns", kind);
	for (size_t c = 0; c < want.cols; c++)
		cr_assert_str_eq(got.header[c], want.header[c], "%s: column %zu", kind, c + 1);
	cr_assert_eq(got.rows, want.rows, "%s: %zu rows, the demo file has %zu", kind, got.rows,
	             want.rows);
	/* Rows in any order: each demo row is exported. */
	const char *want_rows = "", *got_rows = "";
	for (size_t r = 0; r < want.rows; r++) {
		for (size_t c = 0; c < want.cols; c++) {
			want_rows = text_printf("%s%s%s", want_rows, c ? "\x1f" : "", want.cell[r][c]);
			got_rows = text_printf("%s%s%s", got_rows, c ? "\x1f" : "", got.cell[r][c]);
		}
		want_rows = text_printf("%s\n", want_rows);
		got_rows = text_printf("%s\n", got_rows);
	}
	cr_assert_str_eq(sorted_lines(got_rows), sorted_lines(want_rows), "%s differs from %s", kind,
	                 path);
}

Test(init, demo_loads_the_demo_data_set)
{
	struct run r = sendesk("init", "--demo", NULL);
	assert_exit(r, 0);
	cr_assert_str_empty(r.err);
	expect_same_records("providers", "providers.csv");
	expect_same_records("contracts", "contracts.csv");
	expect_same_records("contract-values", "contract-values.csv");
	expect_same_records("coverage", "coverage.csv");
	expect_same_records("staffing", "staffing.csv");
	expect_same_records("funders", "funders.csv");
	expect_same_records("returns", "returns.csv");
	expect_same_records("activity-returns", "activity-returns.csv");
	assert_exit(sendesk("check", NULL), 0);
	cr_assert_str_eq(listed_role(sendesk("user", "list", NULL).out, my_login()), "admin");
}

/* The caseworkers' desk shows something true on first run: demo logins,
 * entries in force today in both sections, and provision short of plan. */
Test(init, demo_holds_caseworkers_entries_and_sessions)
{
	assert_exit(sendesk("init", "--demo", NULL), 0);
	const char *users = sendesk("user", "list", NULL).out;
	cr_expect_str_eq(listed_role(users, my_login()), "admin");
	static const char *const logins[] = {"amara.osei", "ben.hughes", "chloe.park"};
	for (size_t i = 0; i < sizeof logins / sizeof logins[0]; i++)
		cr_expect_str_eq(listed_role(users, logins[i]), "caseworker", "%s:\n%s", logins[i], users);
	cr_expect_str_eq(listed_role(users, "dev.lead"), "teamlead", "%s", users);
	struct table sections = report_table("sections", "section,therapy,children,entries,minutes_per_week",
	                                     (const char *const[]){NULL});
	for (const char *section = "F"; section; section = section[0] == 'F' ? "G" : NULL) {
		int rows = 0;
		for (size_t r = 0; r < sections.rows; r++)
			rows += strcmp(sections.cell[r][0], section) == 0 && atoi(sections.cell[r][3]) > 0;
		cr_expect_eq(rows, 5, "section %s: %d of the 5 configured therapies have entries", section,
		             rows);
	}
	struct table shortfall = report_table("provision-shortfall", NULL, (const char *const[]){NULL});
	cr_expect_gt(shortfall.rows, 0, "no entry short of its plan");
	const char *provision = export_kind(db_path(), "provision");
	cr_expect_gt(line_count(provision), 5000, "a year of sessions");
}

/* INTERFACE.md: the demo also holds fictional children whose records
 * reproduce the seeds' spot-purchase and personal-budget totals. */
Test(init, if_missing_leaves_an_existing_database_alone)
{
	assert_exit(sendesk("init", NULL), 0);
	import_text("children", "children.csv", children_csv);
	size_t len, after_len;
	const char *before = read_file(db_path(), &len);
	struct run r = sendesk("init", "--demo", "--if-missing", NULL);
	assert_exit(r, 0);
	cr_assert_str_empty(r.err);
	const char *after = read_file(db_path(), &after_len);
	cr_assert(len == after_len && memcmp(before, after, len) == 0, "the file changed");
	cr_assert_eq(line_count(export_kind(db_path(), "providers")), 1, "demo data was loaded");
}

Test(init, if_missing_creates_a_missing_database)
{
	assert_exit(sendesk("init", "--demo", "--if-missing", NULL), 0);
	cr_assert_eq(file_mode(db_path()), 0600);
	cr_assert_eq(line_count(export_kind(db_path(), "contracts")), 8,
	             "six demo contracts and KM CAT expected");
}
