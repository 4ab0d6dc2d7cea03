/* test_bulk.c: the bulk load path (db/bulk.h) and the benchmark
 * generator's building blocks (tests/bench/generate.c) at a tiny scale:
 * the same seed gives the same database, the data are valid (UPNs,
 * references, dates, the application's invariants), and the load leaves
 * the file exactly as a normal sendesk database. */
#define GENERATE_NO_MAIN
#include "tests/bench/generate.c"

#include <criterion/criterion.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include "core/check.h"
#include "core/store.h"
#include "tests/support/fixture.h"

#define TINY 0.0002

static char dir[64];

static void make_dir(void)
{
	snprintf(dir, sizeof dir, "/tmp/sendesk-bulk-XXXXXX");
	cr_assert_not_null(mkdtemp(dir), "mkdtemp failed");
}

static void remove_dir(void)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
}

TestSuite(bulk, .init = make_dir, .fini = remove_dir);

static const char *path_in_dir(const char *name, char *buf, size_t len)
{
	snprintf(buf, len, "%s/%s", dir, name);
	return buf;
}

static void generate(const char *path, double scale, uint64_t seed, struct gen_result *res)
{
	struct gen_options opt = {.path = path, .scale = scale, .seed = seed, .defer_indexes = true};
	struct gen_result local;
	struct error err = {0};
	int rc = gen_database(&opt, res ? res : &local, &err);
	cr_assert_eq(rc, 0, "generate: %s", err.msg);
}

static sqlite3 *open_raw(const char *path)
{
	sqlite3 *conn;
	cr_assert_eq(sqlite3_open_v2(path, &conn, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	return conn;
}

static int64_t query_int(sqlite3 *conn, const char *sql)
{
	sqlite3_stmt *stmt;
	cr_assert_eq(sqlite3_prepare_v2(conn, sql, -1, &stmt, NULL), SQLITE_OK, "%s: %s", sql,
	             sqlite3_errmsg(conn));
	int rc = sqlite3_step(stmt);
	cr_assert(rc == SQLITE_ROW || rc == SQLITE_DONE, "%s: %s", sql, sqlite3_errmsg(conn));
	int64_t v = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
	sqlite3_finalize(stmt);
	return v;
}

static void query_text(sqlite3 *conn, const char *sql, char *buf, size_t len)
{
	sqlite3_stmt *stmt;
	cr_assert_eq(sqlite3_prepare_v2(conn, sql, -1, &stmt, NULL), SQLITE_OK, "%s", sql);
	buf[0] = '\0';
	if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0))
		snprintf(buf, len, "%s", (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
}

/* FNV-1a over every value of every row of the table, in id order, with
 * each value's type so that NULL, 0 and '' differ. */
static uint64_t table_checksum(sqlite3 *conn, const char *table, int64_t *rows)
{
	char sql[128];
	snprintf(sql, sizeof sql, "SELECT * FROM %s ORDER BY id", table);
	sqlite3_stmt *stmt;
	cr_assert_eq(sqlite3_prepare_v2(conn, sql, -1, &stmt, NULL), SQLITE_OK, "%s", sql);
	uint64_t h = UINT64_C(14695981039346656037);
	*rows = 0;
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		(*rows)++;
		for (int c = 0; c < sqlite3_column_count(stmt); c++) {
			const unsigned char *text = sqlite3_column_text(stmt, c);
			int type = sqlite3_column_type(stmt, c);
			int n = sqlite3_column_bytes(stmt, c);
			h = (h ^ (uint64_t)type) * UINT64_C(1099511628211);
			for (int i = 0; text && i < n; i++)
				h = (h ^ text[i]) * UINT64_C(1099511628211);
			h = (h ^ 0xff) * UINT64_C(1099511628211);
		}
	}
	sqlite3_finalize(stmt);
	return h;
}

/* One checksum for the whole database, table by table. */
static uint64_t database_checksum(const char *path)
{
	sqlite3 *conn = open_raw(path);
	uint64_t h = 0;
	for (int t = 0; t <= TABLE_COUNT; t++) {
		int64_t rows;
		uint64_t th = table_checksum(conn, t < TABLE_COUNT ? db_tables[t].name : "audit", &rows);
		h = h * 31 + th + (uint64_t)rows;
	}
	sqlite3_close(conn);
	return h;
}

Test(bulk, same_seed_same_database)
{
	char a[128], b[128], c[128];
	generate(path_in_dir("a.db", a, sizeof a), TINY, 42, NULL);
	generate(path_in_dir("b.db", b, sizeof b), TINY, 42, NULL);
	generate(path_in_dir("c.db", c, sizeof c), TINY, 43, NULL);
	sqlite3 *ca = open_raw(a), *cb = open_raw(b);
	for (int t = 0; t < TABLE_COUNT; t++) {
		int64_t ra, rb;
		uint64_t ha = table_checksum(ca, db_tables[t].name, &ra);
		uint64_t hb = table_checksum(cb, db_tables[t].name, &rb);
		cr_expect_eq(ra, rb, "%s: %lld rows, then %lld", db_tables[t].name, (long long)ra,
		             (long long)rb);
		cr_expect_eq(ha, hb, "%s differs between two runs with the same seed", db_tables[t].name);
	}
	sqlite3_close(ca);
	sqlite3_close(cb);
	cr_expect_neq(database_checksum(a), database_checksum(c), "another seed, the same data");
}

Test(bulk, rows_as_the_scale_says)
{
	char path[128];
	struct gen_result res;
	generate(path_in_dir("n.db", path, sizeof path), 0.001, 1, &res);
	sqlite3 *conn = open_raw(path);
	static const struct { const char *sql; int64_t want; } counts[] = {
		{"SELECT count(*) FROM children", 1000},
		{"SELECT count(*) FROM therapy_entries", 3000},
		{"SELECT count(*) FROM provision", 10000},
		{"SELECT count(*) FROM spot_purchases", 500},
		{"SELECT count(*) FROM personal_budgets", 200},
		{"SELECT count(*) FROM providers", 10},
		{"SELECT count(*) FROM contracts", 10},
		{"SELECT count(*) FROM provider_returns", 1 * 5 * 120},
		{"SELECT count(*) FROM users", 1 + 5},
		{"SELECT count(*) FROM users WHERE role = 'caseworker'", 5},
		{"SELECT count(*) FROM audit", 0},
	};
	for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++)
		cr_expect_eq(query_int(conn, counts[i].sql), counts[i].want, "%s", counts[i].sql);
	int64_t total = 0;
	for (int t = 0; t < TABLE_COUNT; t++) {
		char sql[96];
		snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", db_tables[t].name);
		int64_t n = query_int(conn, sql);
		cr_expect_eq(n, res.rows[t], "%s: %lld rows, %lld reported", db_tables[t].name,
		             (long long)n, (long long)res.rows[t]);
		total += n;
	}
	cr_expect_eq(total, res.total_rows);
	/* Skewed as caseloads are: the busiest child and entry carry many
	 * times the average. */
	cr_expect_gt(query_int(conn, "SELECT max(n) FROM (SELECT count(*) n FROM therapy_entries "
	                             "GROUP BY child_id)"), 4 * 3);
	cr_expect_gt(query_int(conn, "SELECT max(n) FROM (SELECT count(*) n FROM provision "
	                             "GROUP BY entry_id)"), 8 * 3);
	cr_expect_gt(query_int(conn, "SELECT count(*) FROM children c WHERE NOT EXISTS "
	                             "(SELECT 1 FROM spot_purchases s WHERE s.child_id = c.id)"), 500);
	/* About one session in eight missed, every reason among them; most
	 * children with a caseworker, about 200 each; some term-time-only
	 * entries, some ceased plans, some reviews overdue. */
	int64_t missed = query_int(conn, "SELECT count(*) FROM provision WHERE outcome <> 'delivered'");
	cr_expect(missed > 800 && missed < 1600, "%lld of 10000 sessions missed", (long long)missed);
	cr_expect_eq(query_int(conn, "SELECT count(DISTINCT outcome) FROM provision"), 5);
	int64_t assigned = query_int(conn, "SELECT count(*) FROM children WHERE caseworker_id IS NOT NULL");
	cr_expect(assigned > 900 && assigned < 1000, "%lld of 1000 children with a caseworker",
	          (long long)assigned);
	cr_expect_gt(query_int(conn, "SELECT min(n) FROM (SELECT count(*) n FROM children WHERE caseworker_id IS NOT NULL "
	                             "GROUP BY caseworker_id)"), 100);
	int64_t term = query_int(conn, "SELECT count(*) FROM therapy_entries WHERE term_time_only = 1");
	cr_expect(term > 300 && term < 1500, "%lld of 3000 entries term time only", (long long)term);
	cr_expect_gt(query_int(conn, "SELECT count(*) FROM children WHERE ehcp_status = 'ceased'"), 10);
	cr_expect_gt(query_int(conn, "SELECT count(*) FROM children WHERE last_review_date "
	                             "< date('2025-03-31', '-1 year') OR (last_review_date IS NULL "
	                             "AND ehcp_start_date < date('2025-03-31', '-1 year'))"), 10);
	sqlite3_close(conn);
}

Test(bulk, upns_valid_and_unique)
{
	char path[128];
	generate(path_in_dir("u.db", path, sizeof path), 0.001, 7, NULL);
	sqlite3 *conn = open_raw(path);
	sqlite3_stmt *stmt;
	cr_assert_eq(sqlite3_prepare_v2(conn, "SELECT upn FROM children WHERE upn IS NOT NULL", -1,
	                                &stmt, NULL), SQLITE_OK);
	int64_t n = 0;
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		const char *upn = (const char *)sqlite3_column_text(stmt, 0);
		const char *reason = "";
		cr_expect(upn_valid(upn, &reason), "%s: %s", upn, reason);
		n++;
	}
	sqlite3_finalize(stmt);
	cr_expect_gt(n, 900);
	cr_expect_eq(query_int(conn, "SELECT count(DISTINCT upn) FROM children"), n);
	/* And the generator's UPNs stay distinct far beyond this scale. */
	char seen[UPN_LEN + 1], upn[UPN_LEN + 1];
	int64_t big = 50000000;
	cr_assert_not_null(make_upn(seen, 0, big));
	for (int64_t i = 1; i < big; i += 99991) {
		cr_assert_not_null(make_upn(upn, i, big));
		cr_expect(upn_valid(upn, NULL), "%s", upn);
		cr_expect_gt(strcmp(upn, seen), 0, "%s after %s", upn, seen);
		memcpy(seen, upn, sizeof seen);
	}
	sqlite3_close(conn);
}

Test(bulk, references_resolve_and_dates_in_order)
{
	char path[128];
	generate(path_in_dir("r.db", path, sizeof path), 0.001, 3, NULL);
	sqlite3 *conn = open_raw(path);
	cr_expect_eq(query_int(conn, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
	static const char *const broken[] = {
		/* children aged 0-25 on the data's today, plans after birth */
		"SELECT count(*) FROM children WHERE date_of_birth > '2025-03-31' "
		"OR date_of_birth <= date('2025-03-31', '-26 years') OR ehcp_start_date < date_of_birth",
		"SELECT count(*) FROM therapy_entries e JOIN children c ON c.id = e.child_id "
		"WHERE e.start_date < c.ehcp_start_date OR e.end_date < e.start_date",
		/* a contract exactly when funding says so */
		"SELECT count(*) FROM therapy_entries WHERE (funding = 'contract') <> (contract_id IS NOT NULL)",
		"SELECT count(*) FROM provision p JOIN therapy_entries e ON e.id = p.entry_id "
		"WHERE p.date < e.start_date OR p.date > '2025-03-31' OR p.minutes <= 0",
		"SELECT count(*) FROM spot_purchases WHERE end_date < start_date OR cost_pence < 0",
		"SELECT count(*) FROM personal_budgets WHERE end_date < start_date "
		"OR therapy_amount_pence > amount_pence",
		"SELECT count(*) FROM provider_returns WHERE waiting_assessment_over_12w > waiting_assessment "
		"OR waiting_intervention_over_12w > waiting_intervention",
		"SELECT count(*) FROM contracts WHERE end_date <= start_date",
		"SELECT count(*) FROM contract_values v JOIN contracts c ON c.id = v.contract_id "
		"WHERE v.from_date < c.start_date OR v.from_date > c.end_date",
		/* schema 5: refs as the write path makes them, an outcome and a
		 * term for every row, caseworkers who are caseworkers, reviews
		 * within the plan and not after the data's today */
		"SELECT count(*) FROM provision WHERE ref IS NOT 'PV-' || id OR outcome IS NULL",
		"SELECT count(*) FROM therapy_entries WHERE term_time_only IS NULL",
		"SELECT count(*) FROM children c JOIN users u ON u.id = c.caseworker_id "
		"WHERE u.role <> 'caseworker'",
		"SELECT count(*) FROM children WHERE last_review_date < ehcp_start_date "
		"OR last_review_date > '2025-03-31'",
		/* ids in insertion order, from 1 without gaps */
		"SELECT count(*) FROM (SELECT max(id) - count(*) AS gap FROM provision) WHERE gap <> 0",
	};
	for (size_t i = 0; i < sizeof broken / sizeof broken[0]; i++)
		cr_expect_eq(query_int(conn, broken[i]), 0, "%s", broken[i]);
	sqlite3_close(conn);
}

static int problem_count;
static char problems[4096];

static void collect(void *ctx, const char *line)
{
	(void)ctx;
	size_t used = strlen(problems);
	snprintf(problems + used, sizeof problems - used, "%s\n", line);
	problem_count++;
}

Test(bulk, sendesk_check_is_clean)
{
	char path[128];
	generate(path_in_dir("k.db", path, sizeof path), TINY, 5, NULL);
	struct settings cfg;
	config_defaults(&cfg);
	struct session s;
	struct error err = {0};
	cr_assert_eq(session_open(&s, path, &cfg, &err), 0, "the login opens it: %s", err.msg);
	cr_expect_eq(s.role, ROLE_ADMIN);
	problems[0] = '\0';
	problem_count = 0;
	int rc = check_database(&s, collect, NULL, &err);
	cr_expect_eq(rc, 0, "%s\n%s", err.msg, problems);
	cr_expect_eq(problem_count, 0, "%s", problems);
	session_close(&s);
}

/* The sorted list of the schema's definitions: the same schema, whatever
 * order sqlite_master keeps them in. */
static void index_definitions(const char *path, char *buf, size_t len)
{
	sqlite3 *conn = open_raw(path);
	query_text(conn, "SELECT group_concat(sql, ';') FROM (SELECT sql FROM sqlite_master "
	                 "WHERE type IN ('table', 'index', 'trigger', 'view') AND sql IS NOT NULL "
	                 "AND name NOT LIKE 'sqlite_stat%' ORDER BY sql)", buf, len);
	sqlite3_close(conn);
}

Test(bulk, leaves_a_normal_sendesk_database)
{
	char path[128], fresh[128];
	generate(path_in_dir("g.db", path, sizeof path), TINY, 1, NULL);
	struct db *db;
	struct error err = {0};
	cr_assert_eq(db_open(path_in_dir("fresh.db", fresh, sizeof fresh), DB_OPEN_CREATE, 0600, &db,
	                     &err), 0, "%s", err.msg);
	db_close(db);
	static char want[65536], got[65536];
	index_definitions(fresh, want, sizeof want);
	index_definitions(path, got, sizeof got);
	cr_expect_str_eq(got, want);
	sqlite3 *conn = open_raw(path);
	char mode[32];
	query_text(conn, "PRAGMA journal_mode", mode, sizeof mode);
	cr_expect_str_eq(mode, "wal");
	cr_expect_eq(query_int(conn, "PRAGMA user_version"), db_schema_version());
	cr_expect_gt(query_int(conn, "SELECT count(*) FROM sqlite_stat1"), 0, "analysed");
	sqlite3_close(conn);
	struct stat st;
	cr_assert_eq(stat(path, &st), 0);
	cr_expect_eq(st.st_mode & 0777, 0600);
}

Test(bulk, refuses_a_database_with_records)
{
	struct fixture f;
	fixture_init(&f, false);        /* its creator's users row is a record */
	struct db_bulk *b = NULL;
	struct error err = {0};
	int rc = db_bulk_begin(f.s.db, NULL, &b, &err);
	cr_expect_eq(rc, EX_USAGE);
	cr_expect_null(b);
	cr_expect(strstr(err.msg, "new, empty database") != NULL, "%s", err.msg);
	fixture_done(&f);
}

Test(bulk, abort_undoes_everything_and_restores_settings)
{
	char path[128];
	struct db *db;
	struct error err = {0};
	cr_assert_eq(db_open(path_in_dir("x.db", path, sizeof path), DB_OPEN_CREATE, 0600, &db, &err),
	             0, "%s", err.msg);
	struct db_bulk_options opt = {.defer_indexes = true};
	struct db_bulk *b;
	cr_assert_eq(db_bulk_begin(db, &opt, &b, &err), 0, "%s", err.msg);
	struct db_value provider[] = {db_text("P1"), db_text("A provider"), db_null()};
	int64_t id = 0;
	cr_assert_eq(db_bulk_insert(b, TABLE_PROVIDERS, provider, &id, &err), 0, "%s", err.msg);
	cr_expect_eq(id, 1);
	/* A duplicate key is still refused: unique indexes stay during the load. */
	cr_expect_eq(db_bulk_insert(b, TABLE_PROVIDERS, provider, &id, &err), EX_DATAERR);
	db_bulk_abort(b);
	db_close(db);
	sqlite3 *conn = open_raw(path);
	cr_expect_eq(query_int(conn, "SELECT count(*) FROM providers"), 0);
	cr_expect_eq(query_int(conn, "SELECT count(*) FROM sqlite_master WHERE name = 'children_last_name'"), 1,
	             "the dropped index came back");
	char mode[32];
	query_text(conn, "PRAGMA journal_mode", mode, sizeof mode);
	cr_expect_str_eq(mode, "wal");
	sqlite3_close(conn);
}

Test(bulk, checks_enforced_when_asked)
{
	char path[128];
	struct db *db;
	struct error err = {0};
	cr_assert_eq(db_open(path_in_dir("c.db", path, sizeof path), DB_OPEN_CREATE, 0600, &db, &err),
	             0, "%s", err.msg);
	struct db_bulk_options opt = {.enforce_checks = true};
	struct db_bulk *b;
	cr_assert_eq(db_bulk_begin(db, &opt, &b, &err), 0, "%s", err.msg);
	struct db_value bad[] = {db_text("P1"), db_text("A provider"), db_text("charity")};
	cr_expect_eq(db_bulk_insert(b, TABLE_PROVIDERS, bad, NULL, &err), EX_DATAERR);
	cr_expect_eq(db_bulk_end(b, NULL, &err), 0, "%s", err.msg);
	db_close(db);
}

Test(bulk, generated_data_pass_the_check_constraints)
{
	/* The load skips CHECK constraints for speed; with them on, the same
	 * data must still go in. */
	char path[128];
	struct gen_options opt = {.path = path_in_dir("e.db", path, sizeof path), .scale = TINY,
	                          .seed = 9, .enforce_checks = true};
	struct gen_result res;
	struct error err = {0};
	cr_expect_eq(gen_database(&opt, &res, &err), 0, "%s", err.msg);
}

/* The load fills each search table in one statement at the end: every
 * record must have its row, holding its key, so that filters find it. */
Test(bulk, search_tables_have_a_row_per_record)
{
	char path[128];
	generate(path_in_dir("s.db", path, sizeof path), TINY, 11, NULL);
	sqlite3 *conn = open_raw(path);
	int searched = 0;
	for (int t = 0; t < TABLE_COUNT; t++) {
		char sql[256];
		const char *table = db_tables[t].name;
		snprintf(sql, sizeof sql, "SELECT count(*) FROM sqlite_master WHERE name = '%s_search'", table);
		if (query_int(conn, sql) == 0)
			continue;
		searched++;
		snprintf(sql, sizeof sql, "SELECT (SELECT count(*) FROM %s_search) - (SELECT count(*) FROM %s)",
		         table, table);
		cr_expect_eq(query_int(conn, sql), 0, "%s_search has a row per record", table);
		snprintf(sql, sizeof sql, "SELECT count(*) FROM %s t JOIN %s_search s ON s.rowid = t.id "
		         "WHERE instr(lower(s.text), lower(t.%s)) = 0", table, table,
		         db_tables[t].columns[db_tables[t].key[0]].name);
		cr_expect_eq(query_int(conn, sql), 0, "%s: search text without the record's key", table);
	}
	sqlite3_close(conn);
	cr_expect_gt(searched, 0, "the schema has search tables");
}

/* And the text in them is what the write path itself writes: a record
 * saved again through core (which renews its search row) keeps it. */
Test(bulk, search_text_as_the_write_path_writes_it)
{
	char path[128];
	generate(path_in_dir("w.db", path, sizeof path), TINY, 13, NULL);
	struct settings cfg;
	config_defaults(&cfg);
	struct session s;
	struct error err = {0};
	cr_assert_eq(session_open(&s, path, &cfg, &err), 0, "%s", err.msg);
	sqlite3 *conn = open_raw(path);
	for (int k = 0; k < KIND_COUNT; k++) {
		const char *table = db_tables[kinds[k]->table].name;
		char sql[256], before[2048], after[2048];
		snprintf(sql, sizeof sql, "SELECT count(*) FROM sqlite_master WHERE name = '%s_search'", table);
		if (query_int(conn, sql) == 0)
			continue;
		snprintf(sql, sizeof sql, "SELECT max(id) FROM %s", table);
		int64_t max = query_int(conn, sql);
		for (int64_t id = 1; id <= max; id += max / 5 + 1) {
			snprintf(sql, sizeof sql, "SELECT text FROM %s_search WHERE rowid = %lld", table,
			         (long long)id);
			query_text(conn, sql, before, sizeof before);
			struct record r;
			record_init(&r, kinds[k]);
			cr_assert_eq(store_load(&s, &r, id, &err), 0, "%s", err.msg);
			cr_assert_eq(store_write(&s, WRITE_UPDATE, &r, &err), 0, "%s %lld: %s", table,
			             (long long)id, err.msg);
			record_clear(&r);
			query_text(conn, sql, after, sizeof after);
			cr_expect_str_eq(before, after, "%s %lld", table, (long long)id);
		}
	}
	sqlite3_close(conn);
	session_close(&s);
}
