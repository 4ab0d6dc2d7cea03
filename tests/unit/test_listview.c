#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
