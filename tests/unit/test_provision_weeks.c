/* test_provision_weeks.c: the weekly sums of sessions (provision_weeks,
 * kept by the triggers of migration 0008) stay equal to the sums
 * recomputed from provision through every way a session is written; the
 * provision-shortfall report read through them gives the figures read
 * from the sessions alone, for any range; sendesk check names an entry
 * whose sums were changed behind sendesk's back. */
#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/check.h"
#include "core/desk.h"
#include "core/fields.h"
#include "core/store.h"
#include "db/desk.h"
#include "db/entries.h"
#include "tests/support/fixture.h"

static struct fixture f;
static struct error err;

static void import_ok(const char *kind, const char *csv)
{
	char problems[4096] = "";
	int rc = fixture_import(&f, kind, csv, problems, sizeof problems);
	cr_assert_eq(rc, 0, "import %s: %s", kind, problems);
}

/* Three entries of two children; E-3's child's plan has ceased. */
static void setup(void)
{
	fixture_init(&f, false);
	import_ok("children",
	          "ref,first_name,last_name,date_of_birth,ehcp_status\n"
	          "C1,Amy,Ash,2015-05-01,active\n"
	          "C2,Ben,Bell,2014-01-01,ceased\n");
	import_ok("therapy-entries",
	          "ref,child,section,therapy,start_date,end_date,minutes_per_week,term_time_only\n"
	          "E-1,C1,F,slt,2024-01-03,,120,\n"
	          "E-2,C1,G,ot,2024-02-14,2024-05-09,60,\n"
	          "E-3,C2,F,slt,2024-01-01,,90,\n");
	error_clear(&err);
}

static void teardown(void)
{
	fixture_done(&f);
}

TestSuite(provision_weeks, .init = setup, .fini = teardown);

/* Runs one query of one integer on the file, beside the session. */
static int64_t sql_int(const char *sql)
{
	sqlite3 *conn;
	sqlite3_stmt *stmt;
	cr_assert_eq(sqlite3_open_v2(f.path, &conn, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	cr_assert_eq(sqlite3_prepare_v2(conn, sql, -1, &stmt, NULL), SQLITE_OK, "%s: %s", sql,
	             sqlite3_errmsg(conn));
	cr_assert_eq(sqlite3_step(stmt), SQLITE_ROW, "%s", sql);
	int64_t v = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	sqlite3_close(conn);
	return v;
}

static void behind_its_back(const char *sql)
{
	sqlite3 *conn;
	cr_assert_eq(sqlite3_open_v2(f.path, &conn, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	char *msg = NULL;
	cr_assert_eq(sqlite3_exec(conn, sql, NULL, NULL, &msg), SQLITE_OK, "%s: %s", sql,
	             msg ? msg : "?");
	sqlite3_close(conn);
}

/* The weeks recomputed here independently of db/desk.c: the Monday by
 * day number (1970-01-05 was a Monday). */
#define RECOMPUTED \
	"SELECT date((unixepoch(date) / 86400 - 4) / 7 * 7 * 86400 + 4 * 86400, 'unixepoch') AS week, " \
	"       entry_id, count(*) AS sessions, " \
	"       total(CASE WHEN ifnull(outcome, 'delivered') = 'delivered' THEN minutes END) AS d, " \
	"       total(CASE WHEN ifnull(outcome, 'delivered') <> 'delivered' THEN minutes END) AS m, " \
	"       ifnull(sum(outcome = 'provider-cancelled'), 0), ifnull(sum(outcome = 'school-cancelled'), 0), " \
	"       ifnull(sum(outcome = 'child-absent'), 0), ifnull(sum(outcome = 'did-not-attend'), 0) " \
	"FROM provision GROUP BY 1, 2"
#define STORED \
	"SELECT week, entry_id, sessions, CAST(delivered_minutes AS REAL), " \
	"       CAST(missed_minutes AS REAL), provider_cancelled, school_cancelled, child_absent, " \
	"       did_not_attend FROM provision_weeks"

/* The weeks stored equal the weeks recomputed, row for row, and there
 * are as many as expected (so that an empty table cannot pass). */
static void weeks_agree(int64_t expected_weeks)
{
	int64_t differ = sql_int("SELECT (SELECT count(*) FROM (" RECOMPUTED " EXCEPT " STORED ")) "
	                         "     + (SELECT count(*) FROM (" STORED " EXCEPT " RECOMPUTED "))");
	cr_assert_eq(differ, 0, "%lld weekly rows differ from the sessions", (long long)differ);
	int64_t weeks = sql_int("SELECT count(*) FROM provision_weeks");
	cr_assert_eq(weeks, expected_weeks, "%lld weekly rows", (long long)weeks);
}

static struct record session_record(const char *ref)
{
	struct record r;
	bool found;
	record_init(&r, kinds[KIND_PROVISION]);
	cr_assert_eq(store_load_by_key(&f.s, &r, ref, &found, &err), 0, "%s", err.msg);
	cr_assert(found, "no session %s", ref);
	return r;
}

static void set(struct record *r, int field, const char *value)
{
	cr_assert_eq(record_set(r, field, value, &f.cfg, &err), 0, "%s", err.msg);
}

Test(provision_weeks, follow_every_write_of_a_session)
{
	cr_assert_eq(sql_int("SELECT count(*) FROM provision_weeks"), 0);
	/* An import: two sessions in the week of Monday 4 March, one of them
	 * missed, one the Sunday that ends it, one the next Monday. */
	import_ok("provision",
	          "ref,entry,date,minutes,outcome\n"
	          "S1,E-1,2024-03-04,60,delivered\n"
	          "S2,E-1,2024-03-06,45,provider-cancelled\n"
	          "S3,E-1,2024-03-10,30,\n"
	          "S4,E-1,2024-03-11,60,child-absent\n"
	          "S5,E-2,2024-03-06,40,did-not-attend\n");
	weeks_agree(3);
	cr_assert_eq(sql_int("SELECT delivered_minutes * 1000 + missed_minutes FROM provision_weeks "
	                     "WHERE week = '2024-03-04' AND entry_id = 1"), 90045);

	/* The form's insert. */
	struct record r;
	record_init(&r, kinds[KIND_PROVISION]);
	set(&r, PROVISION_ENTRY, "E-2");
	set(&r, PROVISION_DATE, "2024-03-13");
	set(&r, PROVISION_MINUTES, "50");
	set(&r, PROVISION_REF, "S6");
	cr_assert_eq(store_write(&f.s, WRITE_INSERT, &r, &err), 0, "%s", err.msg);
	record_clear(&r);
	weeks_agree(4);

	/* An update moving a session to another week, entry and outcome:
	 * its old week loses it (and goes when empty), its new one gains it. */
	r = session_record("S5");
	set(&r, PROVISION_ENTRY, "E-1");
	set(&r, PROVISION_DATE, "2024-03-17");
	set(&r, PROVISION_OUTCOME, "delivered");
	set(&r, PROVISION_MINUTES, "35");
	cr_assert_eq(store_write(&f.s, WRITE_UPDATE, &r, &err), 0, "%s", err.msg);
	record_clear(&r);
	weeks_agree(3);
	cr_assert_eq(sql_int("SELECT count(*) FROM provision_weeks WHERE entry_id = 2 "
	                     "AND week = '2024-03-04'"), 0);

	/* A delete. */
	r = session_record("S2");
	cr_assert_eq(store_write(&f.s, WRITE_DELETE, &r, &err), 0, "%s", err.msg);
	record_clear(&r);
	weeks_agree(3);

	/* An import that updates by ref and adds. */
	import_ok("provision",
	          "ref,entry,date,minutes,outcome\n"
	          "S1,E-1,2024-04-01,60,school-cancelled\n"
	          "S7,E-3,2024-03-05,20,\n");
	weeks_agree(5);

	/* A group session. */
	fixture_act_as(&f, ROLE_CASEWORKER);
	struct desk_group_member m[] = {{1, NULL}, {2, "child-absent"}, {3, "delivered"}};
	struct desk_group g = {date_from_ymd(2024, 3, 5), 25, "Ann Lee", NULL, m, 3};
	int failed;
	cr_assert_eq(desk_log_group(&f.s, &g, &failed, &err), 0, "%s", err.msg);
	weeks_agree(6);

	/* A refused import writes neither sessions nor sums. */
	char problems[1024] = "";
	cr_assert_neq(fixture_import(&f, "provision",
	                             "ref,entry,date,minutes\nS8,E-1,2024-03-05,20\nS9,E-9,2024-03-05,20\n",
	                             problems, sizeof problems), 0);
	weeks_agree(6);
}

/* The rows of a report-shaped query, one line each. */
struct rows {
	char text[65536];
	int count;
};

static int take(void *ctx, const struct db_value *cols, int count)
{
	struct rows *r = ctx;
	size_t used = strlen(r->text);
	for (int i = 0; i < count && used < sizeof r->text; i++) {
		int n = cols[i].type == DBV_TEXT ? snprintf(r->text + used, sizeof r->text - used, "%s|", cols[i].s)
		      : snprintf(r->text + used, sizeof r->text - used, "%lld|", (long long)cols[i].i);
		used += n > 0 ? (size_t)n : 0;
	}
	if (used < sizeof r->text)
		snprintf(r->text + used, sizeof r->text - used, "\n");
	r->count++;
	return 0;
}

/* Sessions spread over 2024 (a fixed pseudo-random sequence, every
 * outcome, several a week on some entries) and term dates for E-2. */
static void many_sessions(void)
{
	char csv[32768] = "ref,entry,date,minutes,outcome\n";
	static const char *const outcomes[] = {"delivered", "", "provider-cancelled",
	                                       "school-cancelled", "child-absent", "did-not-attend"};
	unsigned seed = 7;
	for (int i = 0; i < 300; i++) {
		seed = seed * 1103515245u + 12345u;
		/* Within the entry's period, as the write path requires. */
		unsigned e = 1 + (seed >> 4) % 3;
		unsigned first = e == 1 ? 2 : e == 2 ? 44 : 0, days = e == 2 ? 86 : 200 - first;
		char day[DATE_TEXT_MAX];
		date_format(date_from_ymd(2024, 1, 1) + (day_t)(first + (seed >> 8) % days), day);
		size_t used = strlen(csv);
		snprintf(csv + used, sizeof csv - used, "S%d,E-%u,%s,%u,%s\n", i, e, day,
		         15 + (seed >> 12) % 60, outcomes[i % 6 == 0 ? 2 + (seed >> 16) % 4 : (seed >> 3) % 2]);
	}
	import_ok("provision", csv);
	/* Sessions outside their entry's period (its dates changed after
	 * they were logged) are not the entry's in any range. */
	behind_its_back("UPDATE therapy_entries SET term_time_only = 1 WHERE ref = 'E-2';"
	                "UPDATE therapy_entries SET start_date = '2024-02-21', end_date = '2024-05-01' "
	                "WHERE ref = 'E-2'");
}

Test(provision_weeks, shortfall_equals_the_sessions_read_one_by_one)
{
	many_sessions();
	const char *terms = "[[\"2024-02-19\",\"2024-03-28\"],[\"2024-04-15\",\"2024-07-19\"]]";
	/* Ranges starting and ending on every day of a week, shorter than a
	 * week, inside one week, cutting the entries' own dates. */
	int checked = 0, listed = 0;
	static const int lengths[] = {0, 1, 3, 6, 7, 8, 13, 29, 61, 119};
	for (int a = 0; a < 200; a += 19) {
		for (size_t i = 0; i < sizeof lengths / sizeof lengths[0]; i++) {
			int len = lengths[i];
			char from[DATE_TEXT_MAX], to[DATE_TEXT_MAX];
			date_format(date_from_ymd(2024, 1, 1) + a, from);
			date_format(date_from_ymd(2024, 1, 1) + a + len, to);
			static struct rows weekly, direct;
			memset(&weekly, 0, sizeof weekly);
			memset(&direct, 0, sizeof direct);
			cr_assert_eq(db_desk_shortfall(f.s.db, from, to, terms, take, &weekly, &err), 0,
			             "%s", err.msg);
			cr_assert_eq(db_entries_shortfall(f.s.db, from, to, terms, take, &direct, &err), 0,
			             "%s", err.msg);
			cr_assert_str_eq(weekly.text, direct.text, "%s to %s", from, to);
			checked++;
			listed += direct.count;
		}
	}
	cr_assert_gt(listed, 30, "the ranges list entries: %d rows in %d ranges", listed,
	             checked);
	/* Some ranges list an entry with sessions delivered and missed. */
	cr_assert_gt(sql_int("SELECT count(*) FROM provision_weeks WHERE sessions > 1"), 10);
}

static char problems[8192];

static void collect(void *ctx, const char *line)
{
	(void)ctx;
	size_t used = strlen(problems);
	snprintf(problems + used, sizeof problems - used, "%s\n", line);
}

static int run_check(void)
{
	problems[0] = '\0';
	error_clear(&err);
	return check_database(&f.s, collect, NULL, &err);
}

Test(provision_weeks, check_names_an_entry_whose_sums_were_changed)
{
	import_ok("provision",
	          "ref,entry,date,minutes,outcome\n"
	          "S1,E-1,2024-03-04,60,delivered\n"
	          "S2,E-2,2024-03-06,45,provider-cancelled\n"
	          "S3,E-3,2024-03-10,30,\n");
	cr_assert_eq(run_check(), 0, "%s%s", err.msg, problems);

	behind_its_back("UPDATE provision_weeks SET delivered_minutes = delivered_minutes + 5 "
	                "WHERE entry_id = 1");
	cr_assert_eq(run_check(), EX_DATAERR, "%s", problems);
	cr_assert_str_eq(problems,
	                 "provision-weeks: therapy entry E-1: the weekly sums differ from its sessions\n");

	/* A week missing, and a week no session makes. */
	behind_its_back("UPDATE provision_weeks SET delivered_minutes = delivered_minutes - 5 "
	                "WHERE entry_id = 1;"
	                "DELETE FROM provision_weeks WHERE entry_id = 2;"
	                "INSERT INTO provision_weeks VALUES (3, '2024-01-01', 1, 10, 0, 0, 0, 0, 0)");
	cr_assert_eq(run_check(), EX_DATAERR, "%s", problems);
	cr_assert_str_eq(problems,
	                 "provision-weeks: therapy entry E-2: the weekly sums differ from its sessions\n"
	                 "provision-weeks: therapy entry E-3: the weekly sums differ from its sessions\n");
}
