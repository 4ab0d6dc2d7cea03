/* test_check.c: "sendesk check" finds what SQLite and the application's
 * invariants say is wrong, and only that. */
#include "core/check.h"

#include <criterion/criterion.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "tests/support/fixture.h"

static struct fixture f;
static char problems[8192];
static int problem_count;

static void collect(void *ctx, const char *line)
{
	(void)ctx;
	size_t used = strlen(problems);
	snprintf(problems + used, sizeof problems - used, "%s\n", line);
	problem_count++;
}

static void setup(void)
{
	fixture_init(&f, true);
	problems[0] = '\0';
	problem_count = 0;
}

static void teardown(void)
{
	fixture_done(&f);
}

TestSuite(check, .init = setup, .fini = teardown);

/* Changes the file behind the application's back, as another program
 * (or the sqlite3 shell) might. */
static void behind_its_back(const char *sql)
{
	sqlite3 *conn;
	cr_assert_eq(sqlite3_open_v2(f.path, &conn, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	char *msg = NULL;
	cr_assert_eq(sqlite3_exec(conn, sql, NULL, NULL, &msg), SQLITE_OK, "%s: %s", sql,
	             msg ? msg : "?");
	sqlite3_close(conn);
}

static int run_check(struct error *err)
{
	error_clear(err);
	return check_database(&f.s, collect, NULL, err);
}

Test(check, clean_demo_database_passes)
{
	struct error err;
	cr_assert_eq(run_check(&err), 0, "%s\n%s", err.msg, problems);
	cr_assert_eq(problem_count, 0, "%s", problems);
}

Test(check, clean_empty_database_passes)
{
	fixture_done(&f);
	fixture_init(&f, false);
	struct error err;
	cr_assert_eq(run_check(&err), 0, "%s\n%s", err.msg, problems);
}

Test(check, unconfigured_district_is_reported)
{
	behind_its_back("INSERT INTO coverage (contract_id, district, therapy) "
	                "SELECT id, 'MED', 'slt' FROM contracts WHERE ref = 'EKHUFT-2024'");
	struct error err;
	cr_assert_eq(run_check(&err), EX_DATAERR, "%s", err.msg);
	cr_expect_eq(problem_count, 1, "%s", problems);
	cr_expect(strstr(problems, "coverage") != NULL, "%s", problems);
	cr_expect(strstr(problems, "district 'MED' is not configured") != NULL, "%s", problems);
}

Test(check, unconfigured_therapy_is_reported)
{
	behind_its_back("UPDATE staffing SET therapy = 'music' WHERE id = 1");
	struct error err;
	cr_assert_eq(run_check(&err), EX_DATAERR, "%s", err.msg);
	cr_expect(strstr(problems, "staffing: therapy 'music' is not configured") != NULL, "%s",
	          problems);
}

Test(check, bad_date_is_reported)
{
	behind_its_back("UPDATE contracts SET start_date = '2023-02-30' WHERE ref = 'EKHUFT-2023'");
	struct error err;
	cr_assert_eq(run_check(&err), EX_DATAERR, "%s", err.msg);
	/* The date, and the contract no longer as its audit entry left it. */
	cr_expect_eq(problem_count, 2, "%s", problems);
	cr_expect(strstr(problems, "contracts: start_date") != NULL, "%s", problems);
	cr_expect(strstr(problems, "not a date") != NULL, "%s", problems);
}

Test(check, date_in_another_format_is_reported)
{
	behind_its_back("UPDATE contracts SET signed_date = '01/04/2024' WHERE ref = 'KCHFT-E-2024'");
	struct error err;
	cr_assert_eq(run_check(&err), EX_DATAERR, "%s", err.msg);
	cr_expect(strstr(problems, "contracts: signed_date") != NULL, "%s", problems);
}

Test(check, contract_value_outside_its_contract_is_reported)
{
	behind_its_back("INSERT INTO contract_values (contract_id, from_date, annual_value_pence) "
	                "SELECT id, '2030-01-01', 100 FROM contracts WHERE ref = 'EKHUFT-2023'");
	struct error err;
	cr_assert_eq(run_check(&err), EX_DATAERR, "%s", err.msg);
	cr_expect_eq(problem_count, 1, "%s", problems);
	cr_expect(strstr(problems, "EKHUFT-2023") != NULL, "%s", problems);
	cr_expect(strstr(problems, "2030-01-01") != NULL, "%s", problems);
}

Test(check, an_entry_whose_district_is_not_its_childs_is_reported)
{
	behind_its_back("UPDATE therapy_entries SET district = 'XXX' "
	                "WHERE id = (SELECT min(id) FROM therapy_entries)");
	struct error err;
	cr_assert_eq(run_check(&err), EX_DATAERR, "%s", err.msg);
	cr_expect_eq(problem_count, 1, "%s", problems);
	cr_expect(strstr(problems, "therapy-entries: ") != NULL, "%s", problems);
	cr_expect(strstr(problems, "keeps district XXX for its child's") != NULL, "%s", problems);
}

Test(check, missing_admin_is_reported)
{
	behind_its_back("UPDATE users SET role = 'teamlead'");
	struct error err;
	cr_assert_eq(run_check(&err), EX_DATAERR, "%s", err.msg);
	cr_expect(strstr(problems, "no admin") != NULL, "%s", problems);
}

Test(check, each_problem_is_one_line)
{
	behind_its_back("INSERT INTO coverage (contract_id, district, therapy) "
	                "SELECT id, 'XYZ', 'slt' FROM contracts WHERE ref = 'EKHUFT-2024';"
	                "UPDATE children SET date_of_birth = date_of_birth;"
	                "UPDATE contracts SET end_date = '2025-13-01' WHERE ref = 'KCHFT-W-2024'");
	struct error err;
	cr_assert_eq(run_check(&err), EX_DATAERR, "%s", err.msg);
	/* The district, the date, and the contract changed around sendesk;
	 * the children's rows written as they were are no change. */
	cr_expect_eq(problem_count, 3, "%s", problems);
	cr_expect(strstr(err.msg, "3 problems") != NULL, "%s", err.msg);
}

Test(check, dangling_reference_is_damage)
{
	behind_its_back("INSERT INTO coverage (contract_id, district, therapy) VALUES (9999, 'ASH', 'slt')");
	struct error err;
	cr_assert_eq(run_check(&err), EX_UNAVAILABLE, "%s", err.msg);
	cr_expect(strstr(problems, "coverage") != NULL, "%s", problems);
}

Test(check, a_damaged_file_is_unavailable)
{
	session_close(&f.s);
	unsigned char junk[64];
	memset(junk, 0x5A, sizeof junk);
	int fd = open(f.path, O_WRONLY);
	cr_assert_geq(fd, 0);
	cr_assert_eq(pwrite(fd, junk, sizeof junk, 4096), (ssize_t)sizeof junk);
	cr_assert_eq(pwrite(fd, junk, sizeof junk, 2 * 4096), (ssize_t)sizeof junk);
	close(fd);
	struct error err = {0};
	int rc = session_open(&f.s, f.path, &f.cfg, &err);
	if (rc == 0)
		rc = run_check(&err);
	cr_assert_eq(rc, EX_UNAVAILABLE, "rc %d: %s\n%s", rc, err.msg, problems);
}

/* A session without its ref (written around sendesk) could not be
 * updated by an import; check says so. */
Test(check, a_session_without_a_ref_is_reported)
{
	char problems_text[1024] = "";
	cr_assert_eq(fixture_import(&f, "therapy-entries", "ref,child,section,therapy,start_date\n"
	                            "E1,CH-0001,F,slt,2024-09-01\n", problems_text, sizeof problems_text),
	             0, "%s", problems_text);
	cr_assert_eq(fixture_import(&f, "provision", "entry,date,minutes\nE1,2024-09-10,30\n"
	                            "E1,2024-09-17,30\n", problems_text, sizeof problems_text),
	             0, "%s", problems_text);
	struct error err;
	cr_assert_eq(run_check(&err), 0, "%s\n%s", err.msg, problems);
	behind_its_back("UPDATE provision SET ref = NULL WHERE entry_id = "
	                "(SELECT id FROM therapy_entries WHERE ref = 'E1')");
	cr_assert_eq(run_check(&err), EX_DATAERR, "%s", err.msg);
	/* The count, and each session no longer as its audit entry left it. */
	cr_expect_eq(problem_count, 3, "%s", problems);
	cr_expect(strstr(problems, "provision: 2 rows without a ref") != NULL, "%s", problems);
}
