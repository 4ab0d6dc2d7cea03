/* test_demo.c: the demonstration data set loads through the importer,
 * whole, with its provenance and its audit trail. */
#include "core/demo.h"

#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/record.h"
#include "core/report_spot_growth.h"
#include "core/store.h"
#include "db/record.h"
#include "tests/support/fixture.h"

#define POUND "\xC2\xA3"

static struct fixture f;
static sqlite3 *conn;

static void setup(void)
{
	fixture_init(&f, true);
	cr_assert_eq(sqlite3_open_v2(f.path, &conn, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
}

static void teardown(void)
{
	sqlite3_close(conn);
	fixture_done(&f);
}

TestSuite(demo, .init = setup, .fini = teardown);

static int64_t query_int(const char *sql, const char *bind)
{
	sqlite3_stmt *stmt;
	cr_assert_eq(sqlite3_prepare_v2(conn, sql, -1, &stmt, NULL), SQLITE_OK, "%s: %s", sql,
	             sqlite3_errmsg(conn));
	if (bind)
		sqlite3_bind_text(stmt, 1, bind, -1, SQLITE_STATIC);
	cr_assert_eq(sqlite3_step(stmt), SQLITE_ROW, "%s", sql);
	int64_t n = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	return n;
}

static int64_t rows(const char *kind)
{
	int64_t n = -1;
	struct error err = {0};
	cr_assert_eq(db_record_count(f.s.db, kind_find(kind)->table, &n, &err), 0, "%s", err.msg);
	return n;
}

Test(demo, counts_per_kind_match_the_files)
{
	cr_expect_eq(rows("providers"), 3);
	cr_expect_eq(rows("contracts"), 6);
	cr_expect_eq(rows("contract-values"), 6);
	cr_expect_eq(rows("coverage"), 76);
	cr_expect_eq(rows("staffing"), 36);
	cr_expect_eq(rows("returns"), 14);
	cr_expect_eq(rows("users"), 1);
	cr_expect_eq(rows("children"), 683);
	cr_expect_eq(rows("spot-purchases"), 2436);
	cr_expect_eq(rows("personal-budgets"), 99);
	cr_expect_eq(rows("therapy-entries"), 0);
	cr_expect_eq(rows("provision"), 0);
}

Test(demo, contract_values_are_the_seed_figures)
{
	static const struct { const char *ref; int64_t pence; } want[] = {
		{"EKHUFT-2023", 75290500}, {"KCHFT-E-2023", 61003700}, {"KCHFT-W-2023", 91654900},
		{"EKHUFT-2024", 75290500}, {"KCHFT-E-2024", 61003700}, {"KCHFT-W-2024", 91654900},
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		struct record r;
		record_init(&r, kind_find("contracts"));
		bool found = false;
		struct error err = {0};
		cr_assert_eq(store_load_by_key(&f.s, &r, want[i].ref, &found, &err), 0, "%s", err.msg);
		cr_assert(found, "no contract %s", want[i].ref);
		cr_expect_eq(r.values[kind_field_index(r.kind, "annual_value")].n, want[i].pence, "%s",
		             want[i].ref);
		cr_expect_str_eq(r.values[kind_field_index(r.kind, "decision_ref")].text, "24/00008");
		record_clear(&r);
	}
	/* KCHFT East + West is the report's £1,526,586. */
	cr_expect_eq(61003700 + 91654900, 152658600);
}

Test(demo, both_ekhuft_figures_are_kept_with_their_sources)
{
	char *values = fixture_export(&f, "contract-values");
	cr_expect(strstr(values, "EKHUFT-2023,2023-04-01,752905.00,\"Decision 24/00008 summary and para "
	                         "2.3.1 (para 8.3 states " POUND "725,905") != NULL, "%s", values);
	free(values);
	struct record r;
	record_init(&r, kind_find("contracts"));
	bool found = false;
	struct error err = {0};
	cr_assert_eq(store_load_by_key(&f.s, &r, "EKHUFT-2023", &found, &err), 0, "%s", err.msg);
	cr_assert(found);
	const char *notes = r.values[kind_field_index(r.kind, "notes")].text;
	cr_assert_not_null(notes);
	cr_expect(strstr(notes, "para 8.3 states " POUND "725,905") != NULL, "%s", notes);
	cr_expect(strstr(notes, POUND "752,905") != NULL, "%s", notes);
	record_clear(&r);
	/* The conflicting figure is provenance, never a stored value. */
	cr_expect_eq(query_int("SELECT count(*) FROM contract_values WHERE annual_value_pence = 72590500",
	                       NULL), 0);
	cr_expect_eq(query_int("SELECT count(*) FROM contracts WHERE annual_value_pence = 72590500",
	                       NULL), 0);
	cr_expect_eq(query_int("SELECT count(*) FROM contracts WHERE notes LIKE '%725,905%'", NULL), 2);
}

Test(demo, ekhuft_returns_keep_intervention_waits_unreported)
{
	static const char base[] =
		"SELECT count(*) FROM provider_returns r JOIN providers p ON p.id = r.provider_id "
		"WHERE p.code = ?1 AND r.month < '2023-12' AND ";
	char sql[512];
	snprintf(sql, sizeof sql, "%s%s", base,
	         "(waiting_intervention IS NOT NULL OR waiting_intervention_over_12w IS NOT NULL)");
	cr_expect_eq(query_int(sql, "EKHUFT"), 0, "EKHUFT intervention waits stored as numbers");
	snprintf(sql, sizeof sql, "%s%s", base, "waiting_assessment IS NOT NULL AND referrals IS NOT NULL");
	cr_expect_eq(query_int(sql, "EKHUFT"), 4);
	snprintf(sql, sizeof sql, "%s%s", base, "waiting_intervention IS NOT NULL");
	cr_expect_eq(query_int(sql, "KCHFT"), 4);
	/* The December caseload snapshot reports nothing but caseload. */
	cr_expect_eq(query_int("SELECT count(*) FROM provider_returns WHERE month = '2023-12' AND "
	                       "caseload IS NOT NULL AND referrals IS NULL AND waiting_assessment IS NULL",
	                       NULL), 6);
	cr_expect_eq(query_int("SELECT caseload FROM provider_returns r JOIN providers p ON "
	                       "p.id = r.provider_id WHERE p.code = 'EKHUFT' AND therapy = 'pt'", NULL),
	             0);
}

Test(demo, no_contract_covers_swale)
{
	cr_expect_eq(query_int("SELECT count(*) FROM coverage WHERE district = 'SWA'", NULL), 0);
	cr_expect_eq(query_int("SELECT count(DISTINCT district) FROM coverage", NULL), 11);
	cr_expect_eq(query_int("SELECT count(*) FROM coverage WHERE therapy = 'at'", NULL), 0);
}

Test(demo, staffing_keeps_the_seed_figures)
{
	char *out = fixture_export(&f, "staffing");
	cr_expect(strstr(out, "EKHUFT-2024,slt,\"East Kent (Ashford, Folkestone, and Dover)\",17,8.14\r\n")
	          != NULL, "%s", out);
	cr_expect(strstr(out, "KCHFT-W-2024,slt,\"Whole service (KCHFT, both contracts)\",,17.8\r\n")
	          != NULL, "%s", out);
	free(out);
}

Test(demo, every_demo_row_has_its_insert_audit_row)
{
	for (int k = 0; k < KIND_COUNT; k++) {
		const struct kind *kd = kinds[k];
		char sql[512];
		snprintf(sql, sizeof sql,
		         "SELECT count(*) FROM %s t WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE "
		         "a.kind = ?1 AND a.record_id = t.id AND a.action = 'insert' AND a.after IS NOT NULL)",
		         db_tables[kd->table].name);
		cr_expect_eq(query_int(sql, kd->name), 0, "%s rows without an audit row", kd->name);
	}
	cr_expect_eq(query_int("SELECT count(*) FROM audit", NULL),
	             3 + 6 + 6 + 76 + 36 + 14 + 683 + 2436 + 99 + 1);
	cr_expect_eq(query_int("SELECT count(DISTINCT login) FROM audit", NULL), 1);
}

Test(demo, demo_data_passes_its_own_export_round_trip)
{
	static const char *const order[] = {"providers", "contracts", "contract-values", "coverage",
	                                    "staffing", "returns"};
	struct fixture g;
	fixture_init(&g, false);
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
		char *out = fixture_export(&f, order[i]);
		char problems[4096];
		int rc = fixture_import(&g, order[i], out, problems, sizeof problems);
		cr_expect_eq(rc, 0, "%s: %s", order[i], problems);
		char *again = fixture_export(&g, order[i]);
		cr_expect_str_eq(again, out, "%s", order[i]);
		free(out);
		free(again);
	}
	fixture_done(&g);
}

static void ignore(void *ctx, const char *line)
{
	(void)ctx;
	(void)line;
}

Test(demo, loading_twice_adds_nothing)
{
	struct error err = {0};
	cr_assert_eq(demo_load(&f.s, ignore, NULL, &err), 0, "%s", err.msg);
	cr_expect_eq(rows("contracts"), 6);
	cr_expect_eq(rows("coverage"), 76);
	cr_expect_eq(rows("returns"), 14);
}

Test(demo, loading_needs_an_admin_and_is_all_or_nothing)
{
	fixture_done(&f);
	fixture_init(&f, false);
	fixture_act_as(&f, ROLE_TEAMLEAD);
	struct error err = {0};
	cr_assert_eq(demo_load(&f.s, ignore, NULL, &err), EX_NOPERM, "%s", err.msg);
	cr_expect_eq(rows("providers"), 0);
	cr_expect_eq(rows("contracts"), 0);
}

struct growth_table {
	struct growth_row rows[40];
	int count;
};

static int keep_growth(void *ctx, const struct growth_row *row)
{
	struct growth_table *g = ctx;
	if (g->count < 40)
		g->rows[g->count++] = *row;
	return 0;
}

static const struct growth_row *growth_of(const struct growth_table *g, const char *label)
{
	for (int i = 0; i < g->count; i++)
		if (strcmp(g->rows[i].period.label, label) == 0)
			return &g->rows[i];
	cr_assert_fail("no period %s", label);
	return NULL;
}

static void growth(enum period_kind kind, struct growth_table *g)
{
	struct growth_options opt = {.kind = kind, .as_of = date_from_ymd(2026, 1, 1)};
	struct error err = {0};
	g->count = 0;
	cr_assert_eq(spot_growth(&f.s, &opt, keep_growth, g, &err), 0, "%s", err.msg);
}

Test(demo, spot_purchases_reproduce_the_source_tables)
{
	struct growth_table g;
	growth(PERIOD_FINANCIAL, &g);
	/* Table 2: spend by financial year, and the true changes. */
	cr_expect_eq(growth_of(&g, "2019-20")->spend_pence, 113498400);
	cr_expect_eq(growth_of(&g, "2020-21")->spend_pence, 129116600);
	cr_expect_eq(growth_of(&g, "2021-22")->spend_pence, 161848700);
	cr_expect_eq(growth_of(&g, "2020-21")->change_tenths, 138);
	cr_expect_eq(growth_of(&g, "2021-22")->change_tenths, 254);
	/* Table 1: pupils by calendar year. */
	growth(PERIOD_CALENDAR, &g);
	cr_expect_eq(growth_of(&g, "2019")->children, 119);
	cr_expect_eq(growth_of(&g, "2019")->ended, 24);
	cr_expect_eq(growth_of(&g, "2021")->children, 273);
	cr_expect_eq(growth_of(&g, "2021")->new_children, 178);
	cr_expect_eq(growth_of(&g, "2021")->ended, 14);
	cr_expect_eq(growth_of(&g, "2022")->children, 392);
	cr_expect_eq(growth_of(&g, "2022")->new_children, 133);
}

Test(demo, personal_budgets_total_the_source_figure)
{
	cr_expect_eq(query_int("SELECT sum(amount_pence) FROM personal_budgets "
	                       "WHERE start_date >= '2023-09-01' AND end_date <= '2024-08-31'", NULL),
	             142754900, "personal budgets for 2023/24 total £1,427,549");
}
