/* test_shortfall_ranges.c: the provision-shortfall report's figures
 * (db_entries_shortfall) equal those counted day by day and session by
 * session by a plain query written here, over ranges that start and end
 * on every day of the week, shorter than a week, and cutting the
 * entries' own dates; and a database that kept the weekly sums of
 * migration 0008 loses them, and their triggers, when it is upgraded. */
#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/check.h"
#include "core/fields.h"
#include "core/store.h"
#include "db/db.h"
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

TestSuite(shortfall_ranges, .init = setup, .fini = teardown);

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


/* The report's figures counted the plain way: every day of the range
 * listed, an entry's plan days those within its dates (and its terms when
 * term time only), its sessions read one by one; rows as take() writes
 * them. */
static const char *const counted_by_hand =
	"WITH RECURSIVE days(d) AS (SELECT ?1 UNION ALL SELECT date(d, '+1 day') FROM days "
	"                           WHERE d < ?2), "
	"terms(s, e) AS (SELECT value ->> 0, value ->> 1 FROM json_each(?3)), "
	"plan AS (SELECT te.id, count(*) AS n FROM therapy_entries te JOIN days "
	"         ON d >= te.start_date AND (te.end_date IS NULL OR d <= te.end_date) "
	"         WHERE NOT ifnull(te.term_time_only, 0) "
	"            OR EXISTS (SELECT 1 FROM terms WHERE d BETWEEN s AND e) "
	"         GROUP BY te.id), "
	"mine AS (SELECT p.* FROM provision p JOIN therapy_entries te ON te.id = p.entry_id "
	"         WHERE p.date BETWEEN ?1 AND ?2 AND p.date >= te.start_date "
	"           AND (te.end_date IS NULL OR p.date <= te.end_date)), "
	"rows AS (SELECT te.ref AS entry, c.ref AS child, te.therapy, te.section, "
	"                te.minutes_per_week * plan.n / 7 AS specified, "
	"                (SELECT ifnull(sum(minutes), 0) FROM mine WHERE entry_id = te.id "
	"                   AND ifnull(outcome, 'delivered') = 'delivered') AS delivered, "
	"                (SELECT count(*) FROM mine WHERE entry_id = te.id "
	"                   AND ifnull(outcome, 'delivered') <> 'delivered') AS missed, "
	"                (SELECT count(*) FROM mine WHERE entry_id = te.id "
	"                   AND outcome = 'provider-cancelled') AS pc, "
	"                (SELECT count(*) FROM mine WHERE entry_id = te.id "
	"                   AND outcome = 'school-cancelled') AS sc, "
	"                (SELECT count(*) FROM mine WHERE entry_id = te.id "
	"                   AND outcome = 'child-absent') AS ca, "
	"                (SELECT count(*) FROM mine WHERE entry_id = te.id "
	"                   AND outcome = 'did-not-attend') AS dna "
	"         FROM therapy_entries te JOIN plan ON plan.id = te.id "
	"         JOIN children c ON c.id = te.child_id "
	"         WHERE te.minutes_per_week IS NOT NULL AND c.ehcp_status IS NOT 'ceased') "
	"SELECT entry, child, therapy, section, specified, delivered, specified - delivered, "
	"       missed, pc, sc, ca, dna FROM rows WHERE specified > delivered "
	"ORDER BY specified - delivered DESC, entry";

static void count_by_hand(const char *from, const char *to, const char *terms, struct rows *out)
{
	sqlite3 *conn;
	sqlite3_stmt *stmt;
	cr_assert_eq(sqlite3_open_v2(f.path, &conn, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	cr_assert_eq(sqlite3_prepare_v2(conn, counted_by_hand, -1, &stmt, NULL), SQLITE_OK, "%s",
	             sqlite3_errmsg(conn));
	sqlite3_bind_text(stmt, 1, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, to, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, terms, -1, SQLITE_STATIC);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		struct db_value cols[12];
		for (int i = 0; i < 12; i++)
			cols[i] = i < 4 ? (struct db_value){.type = DBV_TEXT,
			                                    .s = (const char *)sqlite3_column_text(stmt, i)}
			                : (struct db_value){.type = DBV_INTEGER,
			                                    .i = sqlite3_column_int64(stmt, i)};
		take(out, cols, 12);
	}
	sqlite3_finalize(stmt);
	sqlite3_close(conn);
}

Test(shortfall_ranges, the_report_equals_the_days_and_sessions_counted_one_by_one)
{
	many_sessions();
	const char *terms = "[[\"2024-02-19\",\"2024-03-28\"],[\"2024-04-15\",\"2024-07-19\"]]";
	/* Ranges starting and ending on every day of a week, shorter than a
	 * week, inside one week, cutting the entries' own dates. */
	int checked = 0, listed = 0, with_missed = 0;
	static const int lengths[] = {0, 1, 3, 6, 7, 8, 13, 29, 61, 119};
	for (int a = 0; a < 200; a += 19) {
		for (size_t i = 0; i < sizeof lengths / sizeof lengths[0]; i++) {
			char from[DATE_TEXT_MAX], to[DATE_TEXT_MAX];
			date_format(date_from_ymd(2024, 1, 1) + a, from);
			date_format(date_from_ymd(2024, 1, 1) + a + lengths[i], to);
			static struct rows report, by_hand;
			memset(&report, 0, sizeof report);
			memset(&by_hand, 0, sizeof by_hand);
			cr_assert_eq(db_entries_shortfall(f.s.db, from, to, terms, take, &report, &err), 0,
			             "%s", err.msg);
			count_by_hand(from, to, terms, &by_hand);
			cr_assert_str_eq(report.text, by_hand.text, "%s to %s", from, to);
			checked++;
			listed += by_hand.count;
			with_missed += strstr(by_hand.text, "|0|0|0|0|0|\n") != by_hand.text &&
			               by_hand.count > 0;
		}
	}
	/* So that an empty or trivial answer on both sides cannot pass. */
	cr_assert_gt(listed, 30, "the ranges list entries: %d rows in %d ranges", listed, checked);
	cr_assert_gt(with_missed, 10, "ranges with missed sessions: %d", with_missed);
	cr_assert_gt(sql_int("SELECT count(*) FROM provision WHERE outcome <> 'delivered'"), 20);
}

Test(shortfall_ranges, an_upgrade_drops_the_weekly_sums_and_their_triggers)
{
	/* A file at version 12: without the weekly sums' successors either
	 * (0014 makes its indexes IF NOT EXISTS; 0015 adds a column). */
	behind_its_back("DROP TRIGGER therapy_entries_district_insert;"
	                "DROP TRIGGER therapy_entries_district_child;"
	                "DROP TRIGGER children_district_entries;"
	                "DROP INDEX therapy_entries_district_drill;"
	                "ALTER TABLE therapy_entries DROP COLUMN district;"
	                "CREATE TABLE provision_weeks (entry_id INTEGER, week TEXT);"
	                "CREATE TRIGGER provision_weeks_insert AFTER INSERT ON provision BEGIN "
	                "  INSERT INTO provision_weeks VALUES (new.entry_id, new.date); END;"
	                "PRAGMA user_version = 12");
	session_close(&f.s);
	cr_assert_eq(session_open(&f.s, f.path, &f.cfg, &err), 0, "%s", err.msg);
	cr_assert_eq(sql_int("PRAGMA user_version"), db_schema_version());
	cr_assert_eq(sql_int("SELECT count(*) FROM sqlite_master WHERE name LIKE 'provision_weeks%'"),
	             0);
	/* A session is written with no trigger left to fail on a lost table. */
	import_ok("provision", "ref,entry,date,minutes\nS1,E-1,2024-03-04,60\n");
	cr_assert_eq(sql_int("SELECT count(*) FROM provision"), 1);
}
