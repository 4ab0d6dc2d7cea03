#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/fields.h"
#include "core/report_contracts.h"
#include "tui/listview.h"
#include "tests/support/fixture.h"

static const struct listview_column columns[] = {
	{"Code", 0, 10, false},
	{"Name", 1, 30, false},
};

static void provider_row(int i, char *buf, size_t len)
{
	snprintf(buf, len, "P%05d,Provider %05d", i, i);
}

static void add_providers(struct fixture *f, int n)
{
	fixture_import_rows(f, "providers", "code,name", n, provider_row);
}

static void start(struct fixture *f, struct tui *t, struct listview *lv, int providers)
{
	fixture_init(f, false);
	add_providers(f, providers);
	memset(t, 0, sizeof *t);
	t->s = &f->s;
	t->cfg = &f->cfg;
	listview_init(lv, kind_find("providers"), columns, 2);
	lv->height = 20;
	lv->sort_column = 0;
	lv->query.sort_field = 0;
	listview_reload(t, lv);
}

static const char *selected_code(const struct listview *lv)
{
	return lv->rows[lv->selected].cells[0];
}

Test(listview, holds_a_window_not_the_table)
{
	struct fixture f;
	struct tui t;
	static struct listview lv;
	start(&f, &t, &lv, 5000);
	cr_expect_eq(lv.total, 5000);
	cr_expect_leq(lv.count, 40, "a screenful and a margin, not 5000 rows");
	for (int i = 0; i < 3000; i++)
		listview_move(&t, &lv, 1);
	cr_expect_str_eq(selected_code(&lv), "P03000");
	cr_expect_leq(lv.count, LISTVIEW_CAPACITY);
	fixture_done(&f);
}

Test(listview, end_then_home_and_paging)
{
	struct fixture f;
	struct tui t;
	static struct listview lv;
	start(&f, &t, &lv, 1000);
	listview_end(&t, &lv);
	cr_expect_str_eq(selected_code(&lv), "P00999");
	cr_expect(lv.at_end);
	listview_move(&t, &lv, -19);
	cr_expect_str_eq(selected_code(&lv), "P00980");
	listview_move(&t, &lv, -100);
	cr_expect_str_eq(selected_code(&lv), "P00880", "paging up past the window fetches earlier rows");
	listview_home(&t, &lv);
	cr_expect_str_eq(selected_code(&lv), "P00000");
	listview_move(&t, &lv, -1);
	cr_expect_str_eq(selected_code(&lv), "P00000", "no row before the first");
	fixture_done(&f);
}

Test(listview, filter_keeps_the_selection_when_it_still_matches)
{
	struct fixture f;
	struct tui t;
	static struct listview lv;
	start(&f, &t, &lv, 300);
	listview_move(&t, &lv, 123);
	cr_assert_str_eq(selected_code(&lv), "P00123");
	listview_key(&t, &lv, ACT_FILTER, '/');
	listview_key(&t, &lv, ACT_NONE, '1');
	listview_key(&t, &lv, ACT_NONE, '2');
	cr_expect_str_eq(lv.query.filter, "12");
	cr_expect_str_eq(selected_code(&lv), "P00123", "P00123 contains 12");
	listview_key(&t, &lv, ACT_NONE, '9');
	cr_expect_eq(lv.total, 1, "only P00129 contains 129");
	cr_expect_str_eq(selected_code(&lv), "P00129");
	listview_key(&t, &lv, ACT_CANCEL, 27);
	cr_expect_str_eq(lv.query.filter, "");
	cr_expect_eq(lv.total, 300);
	cr_expect_str_eq(selected_code(&lv), "P00129", "clearing the filter keeps the record");
	fixture_done(&f);
}

Test(listview, sort_cycles_ascending_then_descending)
{
	struct fixture f;
	struct tui t;
	static struct listview lv;
	start(&f, &t, &lv, 50);
	listview_key(&t, &lv, ACT_SORT, 's');   /* code ascending -> descending */
	cr_expect(lv.query.descending);
	listview_home(&t, &lv);
	cr_expect_str_eq(selected_code(&lv), "P00049");
	listview_key(&t, &lv, ACT_SORT, 's');   /* next column: name ascending */
	cr_expect_eq(lv.sort_column, 1);
	cr_expect_not(lv.query.descending);
	fixture_done(&f);
}

Test(listview, empty_table_has_no_selection)
{
	struct fixture f;
	struct tui t;
	static struct listview lv;
	start(&f, &t, &lv, 0);
	cr_expect_eq(lv.count, 0);
	cr_expect_eq(listview_selected_id(&lv), 0);
	listview_move(&t, &lv, 5);
	listview_end(&t, &lv);
	cr_expect_eq(listview_selected_id(&lv), 0);
	fixture_done(&f);
}

Test(listview, a_short_filter_stops_counting_at_the_cap)
{
	struct fixture f;
	struct tui t;
	static struct listview lv;
	start(&f, &t, &lv, 3000);
	listview_key(&t, &lv, ACT_FILTER, '/');
	listview_key(&t, &lv, ACT_NONE, 'P');   /* every provider */
	cr_expect_eq(lv.total, 1001, "counted up to the cap, not all 3000");
	cr_expect_str_eq(selected_code(&lv), "P00000");
	listview_key(&t, &lv, ACT_NONE, '0');
	listview_key(&t, &lv, ACT_NONE, '2');
	listview_key(&t, &lv, ACT_NONE, '9');   /* "P029", found through the index */
	cr_expect_eq(lv.total, 100, "P02900-P02999");
	cr_expect_str_eq(selected_code(&lv), "P02900");
	fixture_done(&f);
}

/* A terminal 200 lines high: every move keeps to the window's capacity
 * (a reload once fetched 2.25 screens into 256 rows and wrote past them). */
Test(listview, a_very_tall_window_stays_within_the_rows_held)
{
	struct fixture f;
	struct tui t;
	static struct listview lv;
	start(&f, &t, &lv, 3000);
	lv.height = 200;
	listview_end(&t, &lv);
	cr_expect_leq(lv.count, LISTVIEW_CAPACITY);
	cr_expect_str_eq(selected_code(&lv), "P02999");
	listview_home(&t, &lv);
	for (int i = 0; i < 5; i++)
		listview_move(&t, &lv, 199);
	cr_expect_str_eq(selected_code(&lv), "P00995");
	listview_reload(&t, &lv);
	cr_expect_leq(lv.count, LISTVIEW_CAPACITY);
	cr_expect_str_eq(selected_code(&lv), "P00995");
	for (int i = 0; i < 5; i++)
		listview_move(&t, &lv, -199);
	cr_expect_str_eq(selected_code(&lv), "P00000");
	fixture_done(&f);
}

/* Typed one key at a time, as the filter line takes them. */
static void type_filter(struct tui *t, struct listview *lv, const char *text)
{
	for (const char *c = text; *c; c++)
		listview_key(t, lv, ACT_NONE, (unsigned char)*c);
}

Test(listview, slash_on_a_kept_filter_offers_it_selected)
{
	struct fixture f;
	struct tui t;
	static struct listview lv;
	start(&f, &t, &lv, 300);
	listview_key(&t, &lv, ACT_FILTER, '/');
	type_filter(&t, &lv, "129");
	listview_key(&t, &lv, ACT_NONE, '\n');
	cr_assert_eq(lv.total, 1);
	/* Again: typing replaces the kept text instead of adding to it. */
	listview_key(&t, &lv, ACT_FILTER, '/');
	cr_expect(lv.filter_selected);
	type_filter(&t, &lv, "13");
	cr_expect_str_eq(lv.query.filter, "13");
	cr_expect_eq(lv.total, 13, "P00013, P00113, P00213 and P00130-P00139");
	listview_key(&t, &lv, ACT_NONE, '\n');
	/* Backspace edits it instead. */
	listview_key(&t, &lv, ACT_FILTER, '/');
	listview_key(&t, &lv, ACT_NONE, 127);
	cr_expect_str_eq(lv.query.filter, "1");
	cr_expect_not(lv.filter_selected);
	fixture_done(&f);
}

static void accented_row(int i, char *buf, size_t len)
{
	static const char *const names[] = {"Zoë Therapies", "ELLIS ZOË CARE", "Zoo Speech", "Núñez OT"};
	snprintf(buf, len, "A%d,%s", i, names[i]);
}

Test(listview, filter_folds_accents_and_case_on_both_sides)
{
	struct fixture f;
	struct tui t;
	static struct listview lv;
	start(&f, &t, &lv, 3);
	fixture_import_rows(&f, "providers", "code,name", 4, accented_row);
	const char *finds_two[] = {"zoe", "ZOE", "Zoë", "zoë ther", "ELLIS zoe"};
	int expected[] = {2, 2, 2, 1, 1};
	for (size_t i = 0; i < sizeof finds_two / sizeof finds_two[0]; i++) {
		snprintf(lv.query.filter, sizeof lv.query.filter, "%s", finds_two[i]);
		listview_reload(&t, &lv);
		cr_expect_eq(lv.total, expected[i], "\"%s\" found %lld", finds_two[i], (long long)lv.total);
	}
	snprintf(lv.query.filter, sizeof lv.query.filter, "nunez");
	listview_reload(&t, &lv);
	cr_expect_eq(lv.total, 1);
	cr_expect_str_eq(selected_code(&lv), "A3");
	fixture_done(&f);
}

/* ---- flags as filter words ------------------------------------------------ */

static day_t today;

/* Contracts around today: each flag, none, and the cases a flag's rule
 * turns on (a draft, an ended one, one that has not started). */
static void contract_row(int i, char *buf, size_t len)
{
	static const struct { const char *status; int start, end; bool is_signed; } rows[] = {
		{"active", -400, -10, false},   /* unsigned, expired */
		{"active", -100, 30, true},     /* ending-soon */
		{"draft", -100, -5, false},     /* none: a draft */
		{"ended", -400, -10, true},     /* none: ended */
		{"active", 10, 400, false},     /* none: not started */
		{"", -10, 200, true},           /* none */
		{"", -300, -1, true},           /* expired, no status */
		{"active", -30, 0, false},      /* unsigned, ending-soon today */
	};
	char start[DATE_TEXT_MAX], end[DATE_TEXT_MAX], signed_on[DATE_TEXT_MAX] = "";
	date_format(today + rows[i].start, start);
	date_format(today + rows[i].end, end);
	if (rows[i].is_signed)
		date_format(today + rows[i].start, signed_on);
	snprintf(buf, len, "C-%d,P00000,1000.00,%s,%s,,%s,%s,,,", i, start, end, rows[i].status,
	         signed_on);
}

struct flag_check {
	struct session *s;
	const char *flag;
	char refs[512];
};

static int collect_flagged(void *ctx, const struct record *r, const struct list_key *key)
{
	(void)key;
	struct flag_check *c = ctx;
	struct contract_standing standing;
	char wanted[64];
	struct error err = {0};
	cr_assert_eq(contract_summary(c->s, r, today, &standing, &err), 0, "%s", err.msg);
	snprintf(wanted, sizeof wanted, ";%s;", c->flag);
	char padded[140];
	snprintf(padded, sizeof padded, ";%s;", standing.flags);
	if (strstr(padded, wanted))
		snprintf(c->refs + strlen(c->refs), sizeof c->refs - strlen(c->refs), "%s ", r->values[CONTRACT_REF].text);
	return 0;
}

static int collect_refs(void *ctx, const struct record *r, const struct list_key *key)
{
	(void)key;
	char *refs = ctx;
	snprintf(refs + strlen(refs), 512 - strlen(refs), "%s ", r->values[0].text);
	return 0;
}

Test(listview, a_flag_name_filters_the_contracts_having_that_flag)
{
	struct fixture f;
	fixture_init(&f, false);
	today = date_today();
	fixture_import_rows(&f, "providers", "code,name", 1, provider_row);
	fixture_import_rows(&f, "contracts",
	                    "ref,provider,annual_value,start_date,end_date,title,status,signed_date,route,decision_ref,notes",
	                    8, contract_row);
	const char *flags[] = {"unsigned", "expired", "ending-soon"};
	const char *expected[] = {"C-0 C-7 ", "C-0 C-6 ", "C-1 C-7 "};
	for (int i = 0; i < 3; i++) {
		struct list_query all, q;
		list_query_init(&all, kind_find("contracts"));
		all.sort_field = 0;
		q = all;
		/* In any case, as any filter word. */
		snprintf(q.filter, sizeof q.filter, "%s", i == 1 ? "EXPIRED" : flags[i]);
		char by_filter[512] = "";
		struct error err = {0};
		cr_assert_eq(list_fetch(&f.s, &q, NULL, false, 100, collect_refs, by_filter, &err), 0, "%s", err.msg);
		struct flag_check c = {&f.s, flags[i], ""};
		cr_assert_eq(list_fetch(&f.s, &all, NULL, false, 100, collect_flagged, &c, &err), 0, "%s", err.msg);
		cr_expect_str_eq(by_filter, c.refs, "/%s: the filter and the Flags column disagree", flags[i]);
		cr_expect_str_eq(by_filter, expected[i], "/%s", flags[i]);
		int64_t n = -1;
		cr_assert_eq(list_count_upto(&f.s, &q, 1001, &n, &err), 0, "%s", err.msg);
		cr_expect_eq(n, 2);
	}
	fixture_done(&f);
}
