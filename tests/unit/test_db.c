/* test_db.c: opening, refusing, transactions, integrity and backup of the
 * database file. */
#include "db/db.h"

#include <criterion/criterion.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db/migrations.h"
#include "db/record.h"
#include "tests/support/fixture.h"

#define SENDESK_APPLICATION_ID 0x53454E44

static struct fixture f;
static char path[400];

static void setup(void)
{
	fixture_init(&f, false);
	fixture_file(&f, "other.db", path, sizeof path);
}

static void teardown(void)
{
	fixture_done(&f);
}

TestSuite(db, .init = setup, .fini = teardown);

/* One integer from a query run on its own connection. */
static int64_t query_int(const char *file, const char *sql)
{
	sqlite3 *conn;
	cr_assert_eq(sqlite3_open_v2(file, &conn, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	sqlite3_stmt *stmt;
	cr_assert_eq(sqlite3_prepare_v2(conn, sql, -1, &stmt, NULL), SQLITE_OK, "%s: %s", sql,
	             sqlite3_errmsg(conn));
	cr_assert_eq(sqlite3_step(stmt), SQLITE_ROW, "%s", sql);
	int64_t n = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	sqlite3_close(conn);
	return n;
}

static void query_text(const char *file, const char *sql, char *buf, size_t len)
{
	sqlite3 *conn;
	cr_assert_eq(sqlite3_open_v2(file, &conn, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	sqlite3_stmt *stmt;
	cr_assert_eq(sqlite3_prepare_v2(conn, sql, -1, &stmt, NULL), SQLITE_OK);
	cr_assert_eq(sqlite3_step(stmt), SQLITE_ROW, "%s", sql);
	snprintf(buf, len, "%s", (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	sqlite3_close(conn);
}

static void exec_sql(const char *file, const char *sql)
{
	sqlite3 *conn;
	cr_assert_eq(sqlite3_open_v2(file, &conn, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
	             SQLITE_OK);
	char *msg = NULL;
	int rc = sqlite3_exec(conn, sql, NULL, NULL, &msg);
	cr_assert_eq(rc, SQLITE_OK, "%s: %s", sql, msg ? msg : "?");
	sqlite3_close(conn);
}

static void write_file(const char *file, const void *bytes, size_t len)
{
	FILE *out = fopen(file, "wb");
	cr_assert_not_null(out);
	cr_assert_eq(fwrite(bytes, 1, len, out), len);
	fclose(out);
}

static int open_existing(const char *file, struct db **db, struct error *err)
{
	error_clear(err);
	return db_open(file, DB_OPEN_EXISTING, 0600, db, err);
}

/* Opens path (which must open) and returns the handle. */
static struct db *create_db(const char *file)
{
	struct db *db;
	struct error err = {0};
	int rc = db_open(file, DB_OPEN_CREATE, 0600, &db, &err);
	cr_assert_eq(rc, 0, "create %s: %s", file, err.msg);
	return db;
}

static void add_provider(struct db *db, const char *code)
{
	struct db_value cols[3] = {db_text(code), db_text("A provider"), db_null()};
	int64_t id;
	struct error err = {0};
	cr_assert_eq(db_record_insert(db, TABLE_PROVIDERS, cols, &id, &err), 0, "%s", err.msg);
	cr_assert_gt(id, 0);
}

static int64_t providers(struct db *db)
{
	int64_t n = -1;
	struct error err = {0};
	cr_assert_eq(db_record_count(db, TABLE_PROVIDERS, &n, &err), 0, "%s", err.msg);
	return n;
}

static int count_problem(void *ctx, const struct db_value *cols, int count)
{
	(void)cols;
	(void)count;
	++*(int *)ctx;
	return 0;
}

Test(db, create_then_open_existing)
{
	struct db *db = create_db(path);
	add_provider(db, "P1");
	db_close(db);
	struct error err;
	cr_assert_eq(open_existing(path, &db, &err), 0, "%s", err.msg);
	cr_assert_eq(providers(db), 1);
	db_close(db);
}

Test(db, new_file_has_mode_0600)
{
	db_close(create_db(path));
	struct stat st;
	cr_assert_eq(stat(path, &st), 0);
	cr_assert_eq(st.st_mode & 0777, 0600, "mode %o", (unsigned)(st.st_mode & 0777));
}

Test(db, new_file_gets_the_mode_asked_for)
{
	struct db *db;
	struct error err = {0};
	cr_assert_eq(db_open(path, DB_OPEN_CREATE, 0640, &db, &err), 0, "%s", err.msg);
	db_close(db);
	struct stat st;
	cr_assert_eq(stat(path, &st), 0);
	cr_assert_eq(st.st_mode & 0777, 0640, "mode %o", (unsigned)(st.st_mode & 0777));
}

Test(db, journal_mode_is_wal)
{
	struct db *db = create_db(path);
	char mode[32];
	query_text(path, "PRAGMA journal_mode", mode, sizeof mode);
	cr_assert_str_eq(mode, "wal");
	db_close(db);
}

Test(db, foreign_keys_are_enforced)
{
	struct db *db = create_db(path);
	struct db_value cols[12] = {
		db_text("C1"), db_int(999), db_int(100), db_text("2024-04-01"), db_text("2025-03-31"),
		db_null(), db_null(), db_null(), db_null(), db_null(), db_null(), db_null(),
	};
	int64_t id = 0;
	struct error err = {0};
	int rc = db_record_insert(db, TABLE_CONTRACTS, cols, &id, &err);
	cr_assert_eq(rc, EX_DATAERR, "a contract of a missing provider was stored (rc %d)", rc);
	cr_assert(strstr(err.msg, "FOREIGN KEY") != NULL, "%s", err.msg);
	db_close(db);
}

Test(db, user_version_and_application_id)
{
	db_close(create_db(path));
	cr_assert_gt(db_schema_version(), 0);
	cr_assert_eq(query_int(path, "PRAGMA user_version"), db_schema_version());
	cr_assert_eq(query_int(path, "PRAGMA application_id"), SENDESK_APPLICATION_ID);
}

Test(db, text_file_is_not_an_sqlite_file)
{
	const char text[] = "ref,provider\nthis is a CSV file, not a database at all\n"
	                    "padding padding padding padding padding padding padding padding\n";
	write_file(path, text, sizeof text - 1);
	struct db *db;
	struct error err;
	cr_assert_eq(open_existing(path, &db, &err), EX_UNAVAILABLE, "%s", err.msg);
	cr_assert_null(db);
	cr_assert(strstr(err.msg, "not an SQLite file") != NULL, "%s", err.msg);
}

Test(db, another_programs_database_is_refused)
{
	exec_sql(path, "CREATE TABLE photos (id INTEGER PRIMARY KEY, file TEXT)");
	struct db *db;
	struct error err;
	cr_assert_eq(open_existing(path, &db, &err), EX_UNAVAILABLE, "%s", err.msg);
	cr_assert(strstr(err.msg, "another program") != NULL, "%s", err.msg);
	/* Refused, not "fixed": the file is as it was. */
	cr_assert_eq(query_int(path, "SELECT count(*) FROM sqlite_master WHERE name = 'contracts'"), 0);
	cr_assert_eq(query_int(path, "PRAGMA application_id"), 0);
}

Test(db, empty_file_is_refused)
{
	write_file(path, "", 0);
	struct db *db;
	struct error err;
	cr_assert_eq(open_existing(path, &db, &err), EX_UNAVAILABLE, "%s", err.msg);
	cr_assert(strstr(err.msg, "empty") != NULL, "%s", err.msg);
	struct stat st;
	cr_assert_eq(stat(path, &st), 0);
	cr_assert_eq(st.st_size, 0, "the empty file was written to");
}

Test(db, newer_schema_is_refused)
{
	db_close(create_db(path));
	exec_sql(path, "PRAGMA user_version = 99");
	struct db *db;
	struct error err;
	cr_assert_eq(open_existing(path, &db, &err), EX_UNAVAILABLE, "%s", err.msg);
	cr_assert(strstr(err.msg, "newer schema") != NULL, "%s", err.msg);
	cr_assert_eq(query_int(path, "PRAGMA user_version"), 99);
}

/* Opens a damaged file; 69 at open, or problems from the integrity check. */
static void assert_damage_found(const char *file)
{
	struct db *db;
	struct error err;
	int rc = open_existing(file, &db, &err);
	if (rc == 0) {
		int problems = 0;
		rc = db_integrity_check(db, count_problem, &problems, &err);
		db_close(db);
		cr_assert(rc == EX_UNAVAILABLE || (rc == 0 && problems > 0),
		          "damage not found: rc %d, %d problems, %s", rc, problems, err.msg);
	} else {
		cr_assert_eq(rc, EX_UNAVAILABLE, "rc %d: %s", rc, err.msg);
	}
}

/* The fixture's own database, closed, so that its file can be damaged. */
static long closed_fixture_db(void)
{
	session_close(&f.s);
	struct stat st;
	cr_assert_eq(stat(f.path, &st), 0);
	cr_assert_geq(st.st_size, 3 * 4096, "database is only %ld bytes", (long)st.st_size);
	return (long)st.st_size;
}

static void overwrite(const char *file, long offset, int byte, size_t len)
{
	unsigned char junk[4096];
	cr_assert_leq(len, sizeof junk);
	memset(junk, byte, len);
	int fd = open(file, O_WRONLY);
	cr_assert_geq(fd, 0);
	cr_assert_eq(pwrite(fd, junk, len, offset), (ssize_t)len);
	close(fd);
}

Test(db, damaged_pages_are_found)
{
	fixture_done(&f);
	fixture_init(&f, true);
	closed_fixture_db();
	/* The b-tree header and cell pointers of pages 2 and 3. */
	overwrite(f.path, 4096 + 0, 0x5A, 64);
	overwrite(f.path, 2 * 4096 + 0, 0xA5, 64);
	assert_damage_found(f.path);
}

Test(db, damaged_page_size_is_found)
{
	closed_fixture_db();
	/* Offset 16 holds the page size; 0x0301 is not a power of two. */
	unsigned char bad[2] = {0x03, 0x01};
	int fd = open(f.path, O_WRONLY);
	cr_assert_geq(fd, 0);
	cr_assert_eq(pwrite(fd, bad, 2, 16), 2);
	close(fd);
	assert_damage_found(f.path);
}

Test(db, missing_file_is_no_input)
{
	struct db *db;
	struct error err;
	cr_assert_eq(open_existing(path, &db, &err), EX_NOINPUT, "%s", err.msg);
	cr_assert(access(path, F_OK) != 0, "opening a missing file created it");
}

Test(db, create_over_existing_file_is_refused_and_file_untouched)
{
	const char text[] = "precious contents\n";
	write_file(path, text, sizeof text - 1);
	struct db *db;
	struct error err = {0};
	cr_assert_eq(db_open(path, DB_OPEN_CREATE, 0600, &db, &err), EX_CANTCREAT, "%s", err.msg);
	cr_assert_null(db);
	char buf[64] = "";
	FILE *in = fopen(path, "rb");
	cr_assert_not_null(in, "the existing file was removed");
	size_t n = fread(buf, 1, sizeof buf - 1, in);
	fclose(in);
	buf[n] = '\0';
	cr_assert_str_eq(buf, text);
}

Test(db, create_over_existing_database_keeps_its_rows)
{
	struct error err = {0};
	struct db *db;
	cr_assert_eq(db_open(f.path, DB_OPEN_CREATE, 0600, &db, &err), EX_CANTCREAT, "%s", err.msg);
	cr_assert_eq(query_int(f.path, "SELECT count(*) FROM users"), 1);
}

Test(db, rolling_back_inner_savepoint_keeps_outer_work)
{
	struct db *db = f.s.db;
	struct error err = {0};
	cr_assert_eq(db_savepoint(db, &err), 0, "%s", err.msg);
	add_provider(db, "OUTER");
	cr_assert_eq(db_savepoint(db, &err), 0, "%s", err.msg);
	add_provider(db, "INNER");
	cr_assert_eq(providers(db), 2);
	db_rollback_savepoint(db);
	cr_assert_eq(providers(db), 1);
	cr_assert_eq(db_release(db, &err), 0, "%s", err.msg);
	/* Committed: another connection sees it. */
	cr_assert_eq(query_int(f.path, "SELECT count(*) FROM providers WHERE code = 'OUTER'"), 1);
	cr_assert_eq(query_int(f.path, "SELECT count(*) FROM providers WHERE code = 'INNER'"), 0);
}

Test(db, rolling_back_outer_savepoint_discards_everything)
{
	struct db *db = f.s.db;
	struct error err = {0};
	cr_assert_eq(db_savepoint(db, &err), 0, "%s", err.msg);
	add_provider(db, "OUTER");
	cr_assert_eq(db_savepoint(db, &err), 0, "%s", err.msg);
	add_provider(db, "INNER");
	cr_assert_eq(db_release(db, &err), 0, "%s", err.msg);
	/* Released inner work is not committed while the outer one is open. */
	cr_assert_eq(query_int(f.path, "SELECT count(*) FROM providers"), 0);
	db_rollback_savepoint(db);
	cr_assert_eq(providers(db), 0);
	cr_assert_eq(query_int(f.path, "SELECT count(*) FROM providers"), 0);
	/* The connection is usable again afterwards. */
	cr_assert_eq(db_savepoint(db, &err), 0, "%s", err.msg);
	add_provider(db, "AGAIN");
	cr_assert_eq(db_release(db, &err), 0, "%s", err.msg);
	cr_assert_eq(query_int(f.path, "SELECT count(*) FROM providers"), 1);
}

Test(db, rollback_undoes_a_transaction)
{
	struct db *db = f.s.db;
	struct error err = {0};
	cr_assert_eq(db_begin(db, &err), 0, "%s", err.msg);
	add_provider(db, "GONE");
	db_rollback(db);
	cr_assert_eq(providers(db), 0);
	cr_assert_eq(db_begin(db, &err), 0, "%s", err.msg);
	add_provider(db, "KEPT");
	cr_assert_eq(db_commit(db, &err), 0, "%s", err.msg);
	cr_assert_eq(query_int(f.path, "SELECT count(*) FROM providers WHERE code = 'KEPT'"), 1);
}

Test(db, backup_is_a_database_with_the_same_rows)
{
	add_provider(f.s.db, "P1");
	add_provider(f.s.db, "P2");
	struct error err = {0};
	cr_assert_eq(db_backup(f.s.db, path, 0600, &err), 0, "%s", err.msg);
	struct stat st;
	cr_assert_eq(stat(path, &st), 0);
	cr_assert_eq(st.st_mode & 0777, 0600, "mode %o", (unsigned)(st.st_mode & 0777));
	struct db *copy;
	cr_assert_eq(open_existing(path, &copy, &err), 0, "%s", err.msg);
	cr_assert_eq(providers(copy), 2);
	int64_t users = 0;
	cr_assert_eq(db_record_count(copy, TABLE_USERS, &users, &err), 0, "%s", err.msg);
	cr_assert_eq(users, 1);
	db_close(copy);
	cr_assert_eq(query_int(path, "SELECT count(*) FROM providers WHERE code IN ('P1', 'P2')"), 2);
}

Test(db, backup_refuses_an_existing_destination)
{
	const char text[] = "keep me\n";
	write_file(path, text, sizeof text - 1);
	struct error err = {0};
	cr_assert_eq(db_backup(f.s.db, path, 0600, &err), EX_CANTCREAT, "%s", err.msg);
	struct stat st;
	cr_assert_eq(stat(path, &st), 0, "the existing file was removed");
	cr_assert_eq(st.st_size, (off_t)(sizeof text - 1));
}

Test(db, integrity_check_is_clean_on_a_fresh_database)
{
	int problems = 0;
	struct error err = {0};
	cr_assert_eq(db_integrity_check(f.s.db, count_problem, &problems, &err), 0, "%s", err.msg);
	cr_assert_eq(problems, 0);
}

Test(db, integrity_check_reports_a_dangling_reference)
{
	/* Written with foreign keys off, as another program might. */
	exec_sql(f.path, "INSERT INTO providers (code, name) VALUES ('P1', 'x');"
	                 "INSERT INTO contracts (ref, provider_id, annual_value_pence, start_date, end_date)"
	                 " VALUES ('C1', 42, 1, '2024-01-01', '2024-12-31')");
	int problems = 0;
	struct error err = {0};
	cr_assert_eq(db_integrity_check(f.s.db, count_problem, &problems, &err), 0, "%s", err.msg);
	cr_assert_eq(problems, 1);
}

/* A database as an older sendesk made it: the first `version`
 * migrations only, as that build applied them. */
static void make_old_db(const char *file, int version)
{
	cr_assert_lt(version, db_schema_version());
	for (int v = 0; v < version; v++)
		exec_sql(file, migrations[v]);
	char sql[96];
	snprintf(sql, sizeof sql, "PRAGMA application_id = %d; PRAGMA user_version = %d",
	         SENDESK_APPLICATION_ID, version);
	exec_sql(file, sql);
}

/* A file from before version 4 gets search tables without positions,
 * filled from its records: its providers are still found by a filter. */
Test(db, version_4_remakes_the_search_tables_and_fills_them)
{
	make_old_db(path, 3);
	exec_sql(path, "INSERT INTO providers (code, name) VALUES ('OLDCO', 'Oldfield Therapy')");
	struct db *db;
	struct error err;
	cr_assert_eq(open_existing(path, &db, &err), 0, "%s", err.msg);
	db_close(db);
	cr_expect_eq(query_int(path, "PRAGMA user_version"), db_schema_version());
	char sql[200];
	query_text(path, "SELECT sql FROM sqlite_master WHERE name = 'providers_search'", sql, sizeof sql);
	cr_expect(strstr(sql, "detail = none") != NULL, "%s", sql);
	cr_expect_eq(query_int(path, "SELECT count(*) FROM providers_search WHERE text LIKE '%oldfield%'"), 1);
}

/* A file from before version 6 has its search text as typed: it is
 * folded when opened, so "zoe" finds "Zoë" in it too. */
Test(db, version_6_folds_the_search_text)
{
	make_old_db(path, 5);
	exec_sql(path, "INSERT INTO providers (code, name) VALUES ('ZC', 'Zoë Café'); "
	         "DELETE FROM providers_search; "
	         "INSERT INTO providers_search (rowid, text) SELECT id, code || ' ' || name FROM providers");
	cr_assert_eq(query_int(path, "SELECT count(*) FROM providers_search WHERE text LIKE '%zoe cafe%'"), 0);
	struct db *db;
	struct error err;
	cr_assert_eq(open_existing(path, &db, &err), 0, "%s", err.msg);
	db_close(db);
	cr_expect_eq(query_int(path, "PRAGMA user_version"), db_schema_version());
	cr_expect_eq(query_int(path, "SELECT count(*) FROM providers_search WHERE text LIKE '%zc zoe cafe%'"), 1);
}

/* Records written from now on are stored folded as well. */
Test(db, new_search_text_is_folded)
{
	struct db *db = create_db(path);
	struct db_value cols[3] = {db_text("ÅB"), db_text("Núñez Ølstad"), db_null()};
	int64_t id;
	struct error err = {0};
	cr_assert_eq(db_record_insert(db, TABLE_PROVIDERS, cols, &id, &err), 0, "%s", err.msg);
	db_close(db);
	char text[100];
	query_text(path, "SELECT text FROM providers_search", text, sizeof text);
	/* ø has no decomposition: it is kept, lower case. */
	cr_expect_str_eq(text, "ab nunez ølstad ", "the code, the name and no kind");
}

/* A version-4 file (before the caseworkers' desk) upgrades in place: its
 * children, entries and sessions stay, each session gets the ref the
 * write path would make and the outcome it had (delivered), each entry
 * is all year, and the file passes SQLite's checks. */
Test(db, version_5_upgrades_a_version_4_file_in_place)
{
	make_old_db(path, 4);
	exec_sql(path,
		"INSERT INTO users (login, role) VALUES ('ann', 'admin');"
		"INSERT INTO children (ref, first_name, last_name, date_of_birth) "
		"VALUES ('CH1', 'Ann', 'Smith', '2015-01-01');"
		"INSERT INTO therapy_entries (ref, child_id, section, therapy, start_date) "
		"VALUES ('E1', 1, 'F', 'slt', '2023-09-01');"
		"INSERT INTO provision (entry_id, date, minutes) VALUES (1, '2023-09-15', 30), "
		"(1, '2023-09-22', 45), (1, '2023-09-29', 30);"
		"DELETE FROM provision WHERE id = 2");
	struct db *db;
	struct error err;
	cr_assert_eq(open_existing(path, &db, &err), 0, "%s", err.msg);
	int problems = 0;
	cr_expect_eq(db_integrity_check(db, count_problem, &problems, &err), 0, "%s", err.msg);
	cr_expect_eq(problems, 0);
	db_close(db);
	cr_expect_eq(query_int(path, "PRAGMA user_version"), db_schema_version());
	cr_expect_eq(query_int(path, "SELECT count(*) FROM provision"), 2);
	cr_expect_eq(query_int(path, "SELECT count(*) FROM provision WHERE ref = 'PV-' || id "
	                             "AND outcome = 'delivered'"), 2);
	cr_expect_eq(query_int(path, "SELECT count(*) FROM therapy_entries WHERE term_time_only = 0"), 1);
	cr_expect_eq(query_int(path, "SELECT count(*) FROM children WHERE caseworker_id IS NULL "
	                             "AND ehcp_status IS NULL"), 1);
	/* A ref is unique from now on. */
	sqlite3 *conn;
	cr_assert_eq(sqlite3_open_v2(path, &conn, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	cr_expect_eq(sqlite3_exec(conn, "UPDATE provision SET ref = 'PV-1' WHERE id = 3", NULL, NULL, NULL),
	             SQLITE_CONSTRAINT);
	sqlite3_close(conn);
}
