/* test_audit.c: the audit trail's hash chain and what check finds in
 * it; records changed around sendesk; imports that change nothing; the
 * events the trail records beside changes. */
#include "core/audit_check.h"

#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "core/audit_trail.h"
#include "core/transfer.h"
#include "db/audit.h"
#include "db/record.h"
#include "tests/support/fixture.h"

static struct fixture f;
static char problems[8192];
static long problem_count;

static void collect(void *ctx, const char *line)
{
	(void)ctx;
	size_t used = strlen(problems);
	snprintf(problems + used, sizeof problems - used, "%s\n", line);
}

static const char PROVIDERS[] = "code,name,kind\nP1,One,nhs-trust\nP2,Two,other\nP3,Three,school\n";

/* The admin's own row (1), then the three providers (2 to 4). */
static void setup(void)
{
	fixture_init(&f, false);
	char text[1024] = "";
	cr_assert_eq(fixture_import(&f, "providers", PROVIDERS, text, sizeof text), 0, "%s", text);
	problems[0] = '\0';
	problem_count = 0;
}

static void teardown(void)
{
	fixture_done(&f);
}

TestSuite(audit, .init = setup, .fini = teardown);

static void behind_its_back(const char *sql)
{
	sqlite3 *conn;
	cr_assert_eq(sqlite3_open_v2(f.path, &conn, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	char *msg = NULL;
	cr_assert_eq(sqlite3_exec(conn, sql, NULL, NULL, &msg), SQLITE_OK, "%s: %s", sql,
	             msg ? msg : "?");
	sqlite3_close(conn);
}

static void check_chain(void)
{
	struct error err = {0};
	cr_assert_eq(audit_check_chain(&f.s, collect, NULL, &problem_count, &err), 0, "%s", err.msg);
}

static void check_all(void)
{
	struct error err = {0};
	cr_assert_eq(audit_check(&f.s, collect, NULL, &problem_count, &err), 0, "%s", err.msg);
}

static int64_t last_audit_id(void)
{
	int64_t id;
	struct error err = {0};
	cr_assert_eq(db_audit_last_id(f.s.db, &id, &err), 0, "%s", err.msg);
	return id;
}

Test(audit, a_whole_chain_has_no_problem_and_its_head_is_the_last_row)
{
	check_all();
	cr_expect_eq(problem_count, 0, "%s", problems);
	struct audit_head head;
	struct error err = {0};
	cr_assert_eq(audit_chain_head(&f.s, &head, &err), 0, "%s", err.msg);
	cr_expect_eq(head.rows, 4);
	cr_expect_eq(strlen(head.hash), 64, "%s", head.hash);
	/* Each row's hash differs: each is chained to the one before. */
	sqlite3 *conn;
	cr_assert_eq(sqlite3_open_v2(f.path, &conn, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	sqlite3_stmt *stmt;
	cr_assert_eq(sqlite3_prepare_v2(conn, "SELECT count(DISTINCT hash), "
	             "(SELECT hash FROM audit ORDER BY id DESC LIMIT 1) FROM audit", -1, &stmt, NULL),
	             SQLITE_OK);
	cr_assert_eq(sqlite3_step(stmt), SQLITE_ROW);
	cr_expect_eq(sqlite3_column_int(stmt, 0), 4);
	cr_expect_str_eq((const char *)sqlite3_column_text(stmt, 1), head.hash);
	sqlite3_finalize(stmt);
	sqlite3_close(conn);
}

Test(audit, a_deleted_row_is_found_and_the_next_is_the_first_out_of_chain)
{
	behind_its_back("DELETE FROM audit WHERE id = 2");
	check_chain();
	cr_expect_eq(problem_count, 2, "%s", problems);
	cr_expect(strstr(problems, "audit: row 2 was deleted\n") != NULL, "%s", problems);
	cr_expect(strstr(problems, "the first row out of chain is row 3\n") != NULL, "%s", problems);
}

Test(audit, a_changed_row_is_named)
{
	behind_its_back("UPDATE audit SET after = json_set(after, '$.name', 'Forged') WHERE id = 3");
	check_chain();
	cr_expect_eq(problem_count, 2, "%s", problems);
	cr_expect(strstr(problems, "audit: row 3 (") != NULL, "%s", problems);
	cr_expect(strstr(problems, "insert providers 2) was changed after it was written\n") != NULL,
	          "%s", problems);
	cr_expect(strstr(problems, "the first row out of chain is row 3\n") != NULL, "%s", problems);
}

Test(audit, a_row_put_in_between_two_is_named)
{
	/* Room made at id 3 by moving the later rows up, as someone hiding
	 * a row among the others would. */
	behind_its_back("UPDATE audit SET id = -id WHERE id >= 3;"
	                "UPDATE audit SET id = 1 - id WHERE id < 0;"
	                "INSERT INTO audit (id, at, login, action, kind, record_id, after, hash) "
	                "SELECT 3, at, 'someone', 'update', kind, record_id, after, 'forged' "
	                "FROM audit WHERE id = 2");
	check_chain();
	cr_expect_eq(problem_count, 2, "%s", problems);
	cr_expect(strstr(problems, "someone, update providers 1) was put in around sendesk\n") != NULL,
	          "%s", problems);
	cr_expect(strstr(problems, "the first row out of chain is row 3\n") != NULL, "%s", problems);
}

Test(audit, records_changed_or_deleted_around_sendesk_are_named)
{
	behind_its_back("UPDATE providers SET name = 'Renamed' WHERE code = 'P1';"
	                "DELETE FROM providers WHERE code = 'P3'");
	check_all();
	cr_expect_eq(problem_count, 2, "%s", problems);
	cr_expect(strstr(problems, "providers: provider 'P1' (id 1) differs from its latest audit "
	                 "entry: changed around sendesk\n") != NULL, "%s", problems);
	cr_expect(strstr(problems, "providers: provider 'P3' (id 3) is gone, though no audited "
	                 "change deleted it") != NULL, "%s", problems);
}

Test(audit, a_change_through_sendesk_is_not_drift)
{
	char text[1024] = "";
	cr_assert_eq(fixture_import(&f, "providers", "code,name,kind\nP1,Renamed,nhs-trust\n", text, sizeof text), 0,
	             "%s", text);
	check_all();
	cr_expect_eq(problem_count, 0, "%s", problems);
}

static int import(const char *csv, struct import_counts *counts)
{
	FILE *in = fmemopen((void *)csv, strlen(csv), "r");
	cr_assert_not_null(in);
	struct error err = {0};
	int rc = transfer_import(&f.s, kind_find("providers"), in, "p.csv", collect, NULL, counts,
	                         &err);
	fclose(in);
	cr_assert_eq(rc, 0, "%s\n%s", err.msg, problems);
	return rc;
}

Test(audit, an_import_that_changes_nothing_writes_no_row_and_says_unchanged)
{
	int64_t before = last_audit_id();
	struct import_counts counts;
	import(PROVIDERS, &counts);
	cr_expect_eq(counts.rows, 3);
	cr_expect_eq(counts.inserted, 0);
	cr_expect_eq(counts.updated, 0);
	cr_expect_eq(counts.unchanged, 3);
	cr_expect_eq(last_audit_id(), before);
	import("code,name,kind\nP1,One,nhs-trust\nP2,Two again,other\nP4,Four,other\n", &counts);
	cr_expect_eq(counts.inserted, 1);
	cr_expect_eq(counts.updated, 1);
	cr_expect_eq(counts.unchanged, 1);
	cr_expect_eq(last_audit_id(), before + 2);
}

static int count_row(void *ctx, const struct db_value *cols, int count)
{
	(void)cols;
	(void)count;
	(*(int *)ctx)++;
	return 0;
}

struct trail_rows {
	int rows;
	char last_action[16], last_record[32], last_changes[256];
};

static int keep_trail(void *ctx, const struct db_value *cols, int count)
{
	struct trail_rows *t = ctx;
	(void)count;
	t->rows++;
	snprintf(t->last_action, sizeof t->last_action, "%s", cols[2].s);
	snprintf(t->last_record, sizeof t->last_record, "%s", cols[4].s);
	snprintf(t->last_changes, sizeof t->last_changes, "%s", cols[5].s);
	return 0;
}

Test(audit, opening_a_child_is_in_the_trail_not_among_its_changes)
{
	char text[1024] = "";
	cr_assert_eq(fixture_import(&f, "children", "ref,first_name,last_name,date_of_birth\n"
	                            "CH-1,Ann,Lee,2015-01-02\n", text, sizeof text), 0, "%s", text);
	int64_t id;
	struct error err = {0};
	cr_assert_eq(db_record_find_by_key(f.s.db, TABLE_CHILDREN, "CH-1", &id, &err), 0);
	cr_assert_eq(audit_note_view(&f.s, kind_find("children"), id, &err), 0, "%s", err.msg);
	int64_t provider;
	cr_assert_eq(db_record_find_by_key(f.s.db, TABLE_PROVIDERS, "P1", &provider, &err), 0);
	int64_t before = last_audit_id();
	cr_assert_eq(audit_note_view(&f.s, kind_find("providers"), provider, &err), 0, "%s", err.msg);
	cr_expect_eq(last_audit_id(), before, "only a child's record is personal data");
	struct trail_rows t = {0};
	cr_assert_eq(db_audit_trail(f.s.db, f.s.login, NULL, NULL, keep_trail, &t, &err), 0, "%s",
	             err.msg);
	cr_expect_str_eq(t.last_action, "view");
	cr_expect_str_eq(t.last_record, "CH-1");
	int changes = 0;
	cr_assert_eq(db_audit_each(f.s.db, "children", id, count_row, &changes, &err), 0);
	cr_expect_eq(changes, 1, "the view is not a change of the record");
	check_all();
	cr_expect_eq(problem_count, 0, "%s", problems);
}

Test(audit, the_trail_shows_what_an_update_changed_and_filters_by_login_and_day)
{
	char text[1024] = "";
	cr_assert_eq(fixture_import(&f, "providers", "code,name,kind\nP2,Deux,other\n", text, sizeof text), 0,
	             "%s", text);
	struct trail_rows t = {0};
	struct error err = {0};
	cr_assert_eq(db_audit_trail(f.s.db, NULL, NULL, NULL, keep_trail, &t, &err), 0, "%s", err.msg);
	cr_expect_eq(t.rows, 5);
	cr_expect_str_eq(t.last_action, "update");
	cr_expect_str_eq(t.last_record, "P2");
	cr_expect_str_eq(t.last_changes, "{\"name\":[\"Two\",\"Deux\"]}");
	struct trail_rows none = {0};
	cr_assert_eq(db_audit_trail(f.s.db, "nobody", NULL, NULL, keep_trail, &none, &err), 0);
	cr_expect_eq(none.rows, 0);
	cr_assert_eq(db_audit_trail(f.s.db, NULL, "2000-01-01", "2000-12-31", keep_trail, &none, &err), 0);
	cr_expect_eq(none.rows, 0);
	struct trail_rows mine = {0};
	cr_assert_eq(db_audit_trail(f.s.db, f.s.login, "2000-01-01", "2999-12-31", keep_trail, &mine,
	                            &err), 0);
	cr_expect_eq(mine.rows, 5);
}

Test(audit, reading_the_trail_needs_a_team_lead)
{
	fixture_act_as(&f, ROLE_CASEWORKER);
	struct error err = {0};
	FILE *out = fopen("/dev/null", "w");
	cr_assert_not_null(out);
	cr_expect_eq(audit_trail_export(&f.s, out, &err), EX_NOPERM);
	fclose(out);
	cr_expect(strstr(err.msg, "audit trail") != NULL, "%s", err.msg);
}
