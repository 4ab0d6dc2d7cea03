/* test_coverage.c: the coverage map against the demo data (gaps,
 * overlaps, the contracts that could cover a district, covering and
 * uncovering through the write path), and the map widget's geometry and
 * arrow-key moves on the Kent grid. */
#include "core/coverage.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "db/record.h"
#include "tests/support/fixture.h"
#include "tui/map.h"

static struct fixture f;

static void setup(void)
{
	fixture_init(&f, true);
}

static void teardown(void)
{
	fixture_done(&f);
}

TestSuite(coverage, .init = setup, .fini = teardown);

static day_t day(const char *iso)
{
	day_t d;
	const char *reason;
	cr_assert(date_parse(iso, &d, &reason), "%s: %s", iso, reason);
	return d;
}

static int district(const char *code)
{
	const struct district *d = config_find_district(&f.cfg, code);
	cr_assert_not_null(d, "no district %s", code);
	return (int)(d - f.cfg.districts);
}

static int therapy(const char *code)
{
	const struct therapy *t = config_find_therapy(&f.cfg, code);
	cr_assert_not_null(t, "no therapy %s", code);
	return (int)(t - f.cfg.therapies);
}

static void map_on(const char *iso, const char *therapy_code, struct coverage_tile *tiles)
{
	struct error err = {0};
	int rc = coverage_map(&f.s, day(iso), therapy(therapy_code), tiles, &err);
	cr_assert_eq(rc, 0, "coverage_map: %s", err.msg);
}

static int count_row(void *ctx, const struct db_value *cols, int count)
{
	(void)cols;
	(void)count;
	(*(int *)ctx)++;
	return 0;
}

static int audit_rows(void)
{
	int n = 0;
	struct error err = {0};
	cr_assert_eq(db_audit_each(f.s.db, NULL, 0, count_row, &n, &err), 0, "%s", err.msg);
	return n;
}

static int toggle(const char *ref, const char *district_code, bool *covered, struct error *err)
{
	error_clear(err);
	return coverage_toggle(&f.s, ref, district_code, "slt", covered, err);
}

Test(coverage, map_of_slt_in_june_2024_has_swale_as_the_only_gap)
{
	struct coverage_tile tiles[CONFIG_MAX_DISTRICTS];
	map_on("2024-06-01", "slt", tiles);
	const struct coverage_tile *swale = &tiles[district("SWA")];
	cr_expect_eq(swale->contracts, 0);
	cr_expect_str_empty(swale->providers);
	cr_expect_str_empty(swale->refs);
	const struct coverage_tile *ashford = &tiles[district("ASH")];
	cr_expect_eq(ashford->contracts, 1);
	cr_expect_str_eq(ashford->providers, "EKHUFT");
	cr_expect_str_eq(ashford->refs, "EKHUFT-2024");
	for (int i = 0; i < f.cfg.district_count; i++) {
		if (i != district("SWA"))
			cr_expect_eq(tiles[i].contracts, 1, "%s: %d contracts", f.cfg.districts[i].name,
			             tiles[i].contracts);
	}
}

Test(coverage, map_uses_the_contracts_in_force_on_the_day)
{
	struct coverage_tile tiles[CONFIG_MAX_DISTRICTS];
	map_on("2023-06-01", "slt", tiles);
	cr_expect_str_eq(tiles[district("ASH")].refs, "EKHUFT-2023");
	map_on("2025-09-01", "slt", tiles);
	for (int i = 0; i < f.cfg.district_count; i++)
		cr_expect_eq(tiles[i].contracts, 0, "%s", f.cfg.districts[i].name);
}

Test(coverage, two_contracts_on_one_district_are_an_overlap_naming_both_providers)
{
	bool covered = false;
	struct error err;
	cr_assert_eq(toggle("KCHFT-E-2024", "ASH", &covered, &err), 0, "%s", err.msg);
	struct coverage_tile tiles[CONFIG_MAX_DISTRICTS];
	map_on("2024-06-01", "slt", tiles);
	const struct coverage_tile *ashford = &tiles[district("ASH")];
	cr_expect_eq(ashford->contracts, 2);
	cr_expect_str_eq(ashford->providers, "EKHUFT+KCHFT");
	cr_expect_str_eq(ashford->refs, "EKHUFT-2024;KCHFT-E-2024");
}

Test(coverage, admin_covers_swale_then_uncovers_it_each_with_one_audit_row)
{
	struct coverage_tile tiles[CONFIG_MAX_DISTRICTS];
	int before = audit_rows();
	bool covered = false;
	struct error err;
	cr_assert_eq(toggle("KCHFT-E-2024", "SWA", &covered, &err), 0, "%s", err.msg);
	cr_expect(covered);
	cr_expect_eq(audit_rows(), before + 1);
	map_on("2024-06-01", "slt", tiles);
	cr_expect_eq(tiles[district("SWA")].contracts, 1);
	cr_expect_str_eq(tiles[district("SWA")].providers, "KCHFT");
	cr_expect_str_eq(tiles[district("SWA")].refs, "KCHFT-E-2024");

	cr_assert_eq(toggle("KCHFT-E-2024", "Swale", &covered, &err), 0, "%s", err.msg);
	cr_expect_not(covered);
	cr_expect_eq(audit_rows(), before + 2);
	map_on("2024-06-01", "slt", tiles);
	cr_expect_eq(tiles[district("SWA")].contracts, 0);
}

static int keep_last_audit(void *ctx, const struct db_value *cols, int count)
{
	cr_assert_geq(count, 4);
	snprintf(ctx, 64, "%s %s", cols[2].s ? cols[2].s : "", cols[3].s ? cols[3].s : "");
	return 0;
}

Test(coverage, the_audit_row_says_a_coverage_record_was_inserted)
{
	bool covered = false;
	struct error err;
	cr_assert_eq(toggle("KCHFT-E-2024", "SWA", &covered, &err), 0, "%s", err.msg);
	char last[64] = "";
	cr_assert_eq(db_audit_each(f.s.db, NULL, 0, keep_last_audit, last, &err), 0, "%s", err.msg);
	cr_expect_str_eq(last, "insert coverage");
}

Test(coverage, caseworker_may_look_but_not_change_coverage)
{
	fixture_act_as(&f, ROLE_CASEWORKER);
	cr_expect_not(coverage_may_change(&f.s));
	int before = audit_rows();
	bool covered = false;
	struct error err;
	cr_expect_eq(toggle("KCHFT-E-2024", "SWA", &covered, &err), EX_NOPERM);
	cr_expect_eq(toggle("EKHUFT-2024", "ASH", &covered, &err), EX_NOPERM, "uncovering too");
	cr_expect_eq(audit_rows(), before);
	struct coverage_tile tiles[CONFIG_MAX_DISTRICTS];
	map_on("2024-06-01", "slt", tiles);
	cr_expect_eq(tiles[district("SWA")].contracts, 0);
	cr_expect_eq(tiles[district("ASH")].contracts, 1);
}

Test(coverage, admin_may_change_coverage)
{
	cr_expect(coverage_may_change(&f.s));
}

Test(coverage, an_unknown_contract_or_district_changes_nothing)
{
	int before = audit_rows();
	bool covered = false;
	struct error err;
	cr_expect_eq(toggle("NO-SUCH", "SWA", &covered, &err), EX_DATAERR);
	cr_expect(strstr(err.msg, "contract") != NULL, "%s", err.msg);
	cr_expect_eq(toggle("KCHFT-E-2024", "Medway", &covered, &err), EX_DATAERR);
	cr_expect(strstr(err.msg, "district") != NULL, "%s", err.msg);
	cr_expect_eq(audit_rows(), before);
}

#define CANDIDATES 8

struct candidates {
	struct coverage_candidate rows[CANDIDATES];
	int count;
};

static int keep_candidate(void *ctx, const struct coverage_candidate *c)
{
	struct candidates *list = ctx;
	cr_assert_lt(list->count, CANDIDATES);
	list->rows[list->count++] = *c;
	return 0;
}

static void candidates(const char *iso, const char *district_code, struct candidates *list)
{
	struct error err = {0};
	memset(list, 0, sizeof *list);
	int rc = coverage_candidates(&f.s, day(iso), district(district_code), therapy("slt"),
	                             keep_candidate, list, &err);
	cr_assert_eq(rc, 0, "%s", err.msg);
}

Test(coverage, candidates_for_swale_are_the_three_2024_contracts_none_covering)
{
	struct candidates list;
	candidates("2024-06-01", "SWA", &list);
	cr_assert_eq(list.count, 3);
	const char *refs[] = {"EKHUFT-2024", "KCHFT-E-2024", "KCHFT-W-2024"};
	const char *providers[] = {"EKHUFT", "KCHFT", "KCHFT"};
	for (int i = 0; i < 3; i++) {
		cr_expect_str_eq(list.rows[i].ref, refs[i]);
		cr_expect_str_eq(list.rows[i].provider, providers[i]);
		cr_expect_not(list.rows[i].covers, "%s", refs[i]);
		cr_expect_gt(list.rows[i].contract_id, 0);
		cr_expect_eq(list.rows[i].start, day("2024-04-01"));
		cr_expect_eq(list.rows[i].end, day("2025-08-31"));
	}
}

Test(coverage, candidates_say_which_contract_covers_already)
{
	struct candidates list;
	candidates("2024-06-01", "ASH", &list);
	cr_assert_eq(list.count, 3);
	cr_expect(list.rows[0].covers, "EKHUFT-2024 covers Ashford");
	cr_expect_not(list.rows[1].covers);
	cr_expect_not(list.rows[2].covers);
}

Test(coverage, a_draft_contract_is_no_candidate)
{
	char problems[512] = "";
	int rc = fixture_import(&f, "contracts",
		"ref,provider,annual_value,start_date,end_date,status\n"
		"MCH-DRAFT,MCH,1000.00,2024-01-01,2024-12-31,draft\n", problems, sizeof problems);
	cr_assert_eq(rc, 0, "%s", problems);
	struct candidates list;
	candidates("2024-06-01", "SWA", &list);
	cr_expect_eq(list.count, 3);
}

static void default_day(const char *today, const char *expect, bool expect_today)
{
	day_t on = 0;
	bool is_today = !expect_today;
	struct error err = {0};
	cr_assert_eq(coverage_default_day(&f.s, day(today), &on, &is_today, &err), 0, "%s", err.msg);
	char iso[DATE_TEXT_MAX];
	date_format(on, iso);
	cr_expect_str_eq(iso, expect, "today %s", today);
	cr_expect_eq(is_today, expect_today, "today %s", today);
}

Test(coverage, map_opens_today_or_else_on_the_last_day_a_contract_was_in_force)
{
	default_day("2024-06-01", "2024-06-01", true);
	default_day("2025-11-23", "2025-08-31", false);
	default_day("2020-01-01", "2023-04-01", false);
}

/* ---- the map widget: geometry and moves --------------------------------- */

static struct settings kent;

static void kent_setup(void)
{
	config_defaults(&kent);
}

TestSuite(coverage_map, .init = kent_setup);

static int kent_index(const char *code)
{
	const struct district *d = config_find_district(&kent, code);
	cr_assert_not_null(d, "no district %s", code);
	return (int)(d - kent.districts);
}

static void expect_move(const char *from, enum action a, const char *to)
{
	int i = map_neighbour(kent.districts, kent.district_count, kent_index(from), a);
	cr_expect_str_eq(kent.districts[i].code, to, "from %s by %s", from, action_info(a)->name);
}

Test(coverage_map, kent_is_a_grid_of_three_rows_and_six_columns)
{
	int rows, cols;
	map_grid(kent.districts, kent.district_count, &rows, &cols);
	cr_expect_eq(rows, 3);
	cr_expect_eq(cols, 6);
}

Test(coverage_map, arrows_go_to_the_nearest_tile_that_way)
{
	expect_move("SWA", ACT_LEFT, "GRA");
	expect_move("SWA", ACT_DOWN, "ASH");
	expect_move("SWA", ACT_RIGHT, "CAN");
	expect_move("ASH", ACT_UP, "SWA");
	expect_move("FOL", ACT_UP, "CAN");
	expect_move("SEV", ACT_DOWN, "TUN");
	expect_move("TUN", ACT_RIGHT, "FOL");
	expect_move("DOV", ACT_LEFT, "ASH");
}

Test(coverage_map, arrows_at_the_edge_stay_put)
{
	expect_move("DAR", ACT_UP, "DAR");
	expect_move("DAR", ACT_LEFT, "DAR");
	expect_move("THA", ACT_RIGHT, "THA");
	expect_move("FOL", ACT_DOWN, "FOL");
	int i = map_neighbour(kent.districts, kent.district_count, kent_index("SWA"), ACT_OPEN);
	cr_expect_eq(i, kent_index("SWA"), "not an arrow");
}

Test(coverage_map, every_tile_can_be_reached_with_arrows)
{
	bool seen[CONFIG_MAX_DISTRICTS] = {false};
	int queue[CONFIG_MAX_DISTRICTS], head = 0, tail = 0;
	const enum action arrows[] = {ACT_UP, ACT_DOWN, ACT_LEFT, ACT_RIGHT};
	seen[0] = true;
	queue[tail++] = 0;
	while (head < tail) {
		int from = queue[head++];
		for (int a = 0; a < 4; a++) {
			int to = map_neighbour(kent.districts, kent.district_count, from, arrows[a]);
			if (!seen[to]) {
				seen[to] = true;
				queue[tail++] = to;
			}
		}
	}
	cr_expect_eq(tail, kent.district_count);
}

Test(coverage_map, the_kent_grid_fits_an_80_by_24_terminal)
{
	int th, tw;
	/* 22 body rows less two of heading and two under the map. */
	cr_assert(map_tile_size(3, 6, 18, 80, false, &th, &tw));
	cr_expect_eq(th, MAP_TILE_MAX_HEIGHT);
	cr_expect_eq(tw, 13);
	cr_expect_leq(3 * th, 18);
	cr_expect_leq(6 * tw, 80);
	cr_assert(map_tile_size(3, 6, 18, 80, true, &th, &tw));
	cr_expect_eq(tw, 13);
}

Test(coverage_map, tiles_grow_no_larger_than_the_maximum)
{
	int th, tw;
	cr_assert(map_tile_size(3, 6, 100, 300, false, &th, &tw));
	cr_expect_eq(th, MAP_TILE_MAX_HEIGHT);
	cr_expect_eq(tw, MAP_TILE_MAX_WIDTH);
}

Test(coverage_map, a_window_too_small_draws_no_tiles)
{
	int th, tw;
	cr_expect_not(map_tile_size(3, 6, 9, 80, false, &th, &tw));
	cr_expect_not(map_tile_size(3, 6, 18, 40, false, &th, &tw));
	cr_expect_not(map_tile_size(0, 0, 18, 80, false, &th, &tw));
}

Test(coverage_map, the_map_is_only_as_tall_as_its_fullest_tile_needs)
{
	struct tui t = {0};
	t.cfg = &kent;
	struct map_tile tiles[CONFIG_MAX_DISTRICTS];
	struct map m;
	memset(tiles, 0, sizeof tiles);
	map_init(&m, kent.districts, kent.district_count, tiles);
	for (int i = 0; i < kent.district_count; i++)
		snprintf(tiles[i].detail, sizeof tiles[i].detail, "EKHUFT");
	/* At 80 columns "DAR Dartford" does not fit in a tile, so names get
	 * a line under the code when the height allows: code, name and
	 * providers inside a border. */
	cr_expect_eq(map_rows(&t, &m, 18, 80), 3 * 5);
	/* Without the height, the name follows the code, cut. */
	cr_expect_eq(map_rows(&t, &m, 12, 80), 3 * 4);
	/* An overlap's providers wrap onto a second line at 80 columns. */
	snprintf(tiles[0].status, sizeof tiles[0].status, "OVERLAP");
	snprintf(tiles[0].detail, sizeof tiles[0].detail, "EKHUFT+KCHFT");
	cr_expect_eq(map_rows(&t, &m, 18, 80), 3 * 6);
	cr_expect_eq(map_rows(&t, &m, 18, 120), 3 * 5, "one line is enough when wider");
}

Test(coverage_map, plain_tiles_have_no_border_but_a_blank_row)
{
	struct tui t = {0};
	t.cfg = &kent;
	t.plain = true;
	struct map_tile tiles[CONFIG_MAX_DISTRICTS];
	struct map m;
	memset(tiles, 0, sizeof tiles);
	map_init(&m, kent.districts, kent.district_count, tiles);
	snprintf(tiles[0].status, sizeof tiles[0].status, "GAP");
	cr_expect_eq(map_rows(&t, &m, 18, 80), 3 * 4, "code, name, GAP and a blank row");
}
