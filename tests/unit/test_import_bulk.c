/* test_import_bulk.c: an import's new records, written in bulk, are the
 * records, audit rows and search rows the one-record write path makes;
 * references are looked up once per key and a bad one still names its
 * line. */
#include "core/transfer.h"

#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/support/fixture.h"

static struct fixture a;

static void setup(void)
{
	fixture_init(&a, false);
}

static void teardown(void)
{
	fixture_done(&a);
}

TestSuite(import_bulk, .init = setup, .fini = teardown);

static const char PROVIDERS[] = "code,name,kind\nP1,Provider One,nhs-trust\nP2,Provider Two,independent\n";
static const char CHILDREN[] = "ref,first_name,last_name,date_of_birth\n"
                               "CH1,Ann,Smith,2015-01-01\nCH2,Zo\xC3\xAB,Brown,2016-02-02\n";

struct collected {
	char text[4096];
	size_t used;
};

static void collect(void *ctx, const char *line)
{
	struct collected *c = ctx;
	if (c->used < sizeof c->text)
		c->used += (size_t)snprintf(c->text + c->used, sizeof c->text - c->used, "%s\n", line);
}

static int import(const char *kind, const char *csv, struct import_counts *counts,
                  struct collected *problems)
{
	FILE *in = fmemopen((void *)csv, strlen(csv), "r");
	cr_assert_not_null(in);
	struct error err = {0};
	memset(problems, 0, sizeof *problems);
	int rc = transfer_import(&a.s, kind_find(kind), in, "test.csv", collect, problems, counts,
	                         &err);
	fclose(in);
	return rc;
}

static void import_ok(const char *kind, const char *csv, struct import_counts *counts)
{
	struct collected problems;
	int rc = import(kind, csv, counts, &problems);
	cr_assert_eq(rc, 0, "import %s: rc %d\n%s", kind, rc, problems.text);
}

/* The first column of the first row of sql, run on the fixture's file,
 * as a malloc'd string ("" for NULL or no row). */
static char *query_text(const char *sql)
{
	sqlite3 *conn;
	cr_assert_eq(sqlite3_open_v2(a.path, &conn, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	sqlite3_stmt *stmt;
	cr_assert_eq(sqlite3_prepare_v2(conn, sql, -1, &stmt, NULL), SQLITE_OK, "%s: %s", sql,
	             sqlite3_errmsg(conn));
	const char *text = sqlite3_step(stmt) == SQLITE_ROW ? (const char *)sqlite3_column_text(stmt, 0)
	                                                     : NULL;
	char *copy = strdup(text ? text : "");
	sqlite3_finalize(stmt);
	sqlite3_close(conn);
	return copy;
}

static void expect_query(const char *sql, const char *expected)
{
	char *got = query_text(sql);
	cr_expect_str_eq(got, expected, "%s", sql);
	free(got);
}

static const char SEARCH_ROWS[] =
	"SELECT group_concat(rowid || ':' || text, '|') FROM "
	"(SELECT rowid, text FROM spot_purchases_search ORDER BY rowid)";

/* A record written in bulk reads back, in its audit row and its search
 * row, exactly as the one-record write makes them: saving the file again
 * with other costs goes through store_write (each key is stored), whose
 * audit "before" is the record as SQLite reads it, and whose search row
 * is made again from the stored record. */
Test(import_bulk, new_records_match_the_one_record_write)
{
	struct import_counts counts;
	import_ok("providers", PROVIDERS, &counts);
	import_ok("children", CHILDREN, &counts);
	static const char FIRST[] =
		"ref,child,provider,therapy,start_date,cost,end_date,invoice_ref\n"
		"SP2,CH2,P2,ot,2024-05-01,250.50,,\n"
		"SP1,CH1,P1,slt,2024-04-01,100.00,2024-09-01,\"INV \"\"1\"\" \\ " "\xC3\xA9" "\tend\"\n"
		"SP3,CH1,P2,pt,2024-06-01,0,,INV-3\n";
	import_ok("spot-purchases", FIRST, &counts);
	cr_expect_eq(counts.inserted, 3);
	/* The file's first row goes through store_write (it reads the login's
	 * role for the transaction); the awkward text is on a later one. */
	expect_query("SELECT after FROM audit WHERE kind = 'spot-purchases' AND action = 'insert' "
	             "AND json_extract(after, '$.ref') = 'SP1'",
	             "{\"id\":2,\"ref\":\"SP1\",\"child\":\"CH1\",\"provider\":\"P1\",\"therapy\":\"slt\","
	             "\"start_date\":\"2024-04-01\",\"cost_pence\":10000,\"end_date\":\"2024-09-01\","
	             "\"invoice_ref\":\"INV \\\"1\\\" \\\\ \xC3\xA9\\tend\"}");
	char *search_before = query_text(SEARCH_ROWS);
	cr_expect(strstr(search_before, "zo") == NULL, "a spot purchase's text holds no name");
	cr_expect(strstr(search_before, "ch2") != NULL || strstr(search_before, "CH2") != NULL,
	          "the child's ref is searched: %s", search_before);

	static const char AGAIN[] =
		"ref,child,provider,therapy,start_date,cost,end_date,invoice_ref\n"
		"SP2,CH2,P2,ot,2024-05-01,251.50,,\n"
		"SP1,CH1,P1,slt,2024-04-01,101.00,2024-09-01,\"INV \"\"1\"\" \\ " "\xC3\xA9" "\tend\"\n"
		"SP3,CH1,P2,pt,2024-06-01,1,,INV-3\n";
	import_ok("spot-purchases", AGAIN, &counts);
	cr_expect_eq(counts.inserted, 0);
	cr_expect_eq(counts.updated, 3);
	/* Every insert's "after" is the next update's "before", byte for byte. */
	expect_query("SELECT count(*) FROM audit i JOIN audit u ON u.kind = i.kind "
	             "AND u.record_id = i.record_id AND u.action = 'update' "
	             "WHERE i.kind = 'spot-purchases' AND i.action = 'insert' AND i.after = u.before",
	             "3");
	expect_query("SELECT count(*) FROM audit WHERE kind = 'spot-purchases'", "6");
	char *search_after = query_text(SEARCH_ROWS);
	cr_expect_str_eq(search_after, search_before);
	free(search_before);
	free(search_after);
}

/* A key seen on an earlier line resolves later lines to the same record;
 * a new key on a later line still resolves. */
Test(import_bulk, references_seen_earlier_in_the_file_resolve)
{
	struct import_counts counts;
	import_ok("providers", PROVIDERS, &counts);
	import_ok("children", CHILDREN, &counts);
	import_ok("spot-purchases",
	          "ref,child,provider,therapy,start_date,cost\n"
	          "SP1,CH1,P1,slt,2024-04-01,100\n"
	          "SP2,CH1,P1,ot,2024-04-02,100\n"
	          "SP3,CH2,P1,slt,2024-04-03,100\n"
	          "SP4,CH1,P2,pt,2024-04-04,100\n",
	          &counts);
	expect_query("SELECT group_concat(s.ref || '=' || c.ref || '/' || p.code, ' ') FROM "
	             "(SELECT * FROM spot_purchases ORDER BY ref) s "
	             "JOIN children c ON c.id = s.child_id JOIN providers p ON p.id = s.provider_id",
	             "SP1=CH1/P1 SP2=CH1/P1 SP3=CH2/P1 SP4=CH1/P2");
}

/* After rows that put CH1 in the cache, a row naming a child that is not
 * there is reported by its line, and nothing is kept; the key not found
 * is not remembered, so once the child is added the file goes in. */
Test(import_bulk, a_bad_reference_after_good_ones_names_its_line)
{
	struct import_counts counts;
	struct collected problems;
	import_ok("providers", PROVIDERS, &counts);
	import_ok("children", CHILDREN, &counts);
	static const char FILE_[] = "ref,child,provider,therapy,start_date,cost\n"
	                            "SP1,CH1,P1,slt,2024-04-01,100\n"
	                            "SP2,CH1,P1,ot,2024-04-02,100\n"
	                            "SP3,CH3,P1,slt,2024-04-03,100\n"
	                            "SP4,CH1,P2,pt,2024-04-04,100\n";
	cr_assert_eq(import("spot-purchases", FILE_, &counts, &problems), EX_DATAERR);
	cr_expect_str_eq(problems.text, "test.csv:4: child: no child 'CH3'\n");
	expect_query("SELECT count(*) FROM spot_purchases", "0");
	expect_query("SELECT count(*) FROM audit WHERE kind = 'spot-purchases'", "0");
	expect_query("SELECT count(*) FROM spot_purchases_search", "0");

	import_ok("children", "ref,first_name,last_name,date_of_birth\nCH3,Cy,Green,2014-03-03\n",
	          &counts);
	import_ok("spot-purchases", FILE_, &counts);
	cr_expect_eq(counts.inserted, 4);
	expect_query("SELECT c.ref FROM spot_purchases s JOIN children c ON c.id = s.child_id "
	             "WHERE s.ref = 'SP3'", "CH3");
}

/* A file mixing stored keys and new ones: the stored record is updated
 * through the write path, the new ones written in bulk, each with one
 * audit row and a search row of its own text. */
Test(import_bulk, stored_keys_among_new_ones_are_updated)
{
	struct import_counts counts;
	import_ok("providers", PROVIDERS, &counts);
	import_ok("children", CHILDREN, &counts);
	import_ok("spot-purchases",
	          "ref,child,provider,therapy,start_date,cost,invoice_ref\n"
	          "SP5,CH1,P1,slt,2024-04-01,100,OLD-5\n", &counts);
	import_ok("spot-purchases",
	          "ref,child,provider,therapy,start_date,cost,invoice_ref\n"
	          "SP4,CH2,P1,slt,2024-04-01,100,NEW-4\n"
	          "SP5,CH2,P2,ot,2024-04-02,120,NEW-5\n"
	          "SP6,CH1,P2,pt,2024-04-03,130,NEW-6\n", &counts);
	cr_expect_eq(counts.inserted, 2);
	cr_expect_eq(counts.updated, 1);
	expect_query("SELECT group_concat(action || ' ' || json_extract(after, '$.ref'), ', ') FROM "
	             "(SELECT * FROM audit WHERE kind = 'spot-purchases' ORDER BY id)",
	             "insert SP5, insert SP4, update SP5, insert SP6");
	expect_query("SELECT count(*) FROM spot_purchases_search", "3");
	expect_query("SELECT group_concat(s.ref || ': ' || f.text, ' | ') FROM "
	             "(SELECT * FROM spot_purchases ORDER BY ref) s "
	             "JOIN (SELECT rowid, text FROM spot_purchases_search) f ON f.rowid = s.id",
	             "SP4: sp4 ch2 p1 slt 2024-04-01  new-4 | SP5: sp5 ch2 p2 ot 2024-04-02  new-5 | "
	             "SP6: sp6 ch1 p2 pt 2024-04-03  new-6");
	expect_query("SELECT count(*) FROM spot_purchases_search WHERE text LIKE '%old-5%'", "0");
}
