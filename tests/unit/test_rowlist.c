/* test_rowlist.c: selection and scrolling over rows a screen holds. */
#include <criterion/criterion.h>

#include "tui/rowlist.h"

static struct rowlist l;

static void setup(void)
{
	rowlist_init(&l);
}

TestSuite(rowlist, .init = setup);

Test(rowlist, empty_selects_nothing_and_keys_do_no_harm)
{
	cr_expect_eq(l.selected, -1);
	cr_expect_eq(rowlist_key(&l, ACT_DOWN), VIEW_HANDLED);
	cr_expect_eq(rowlist_key(&l, ACT_END), VIEW_HANDLED);
	cr_expect_eq(l.selected, -1);
	rowlist_show(&l, 10);
	cr_expect_eq(l.top, 0);
}

Test(rowlist, rows_arriving_select_the_first)
{
	rowlist_set_count(&l, 5);
	cr_expect_eq(l.selected, 0);
	rowlist_select(&l, 4);
	rowlist_set_count(&l, 3);
	cr_expect_eq(l.selected, 2, "the selection moves in when its row goes");
	rowlist_set_count(&l, 0);
	cr_expect_eq(l.selected, -1);
}

Test(rowlist, moves_stop_at_the_ends)
{
	rowlist_set_count(&l, 4);
	cr_expect_eq(rowlist_key(&l, ACT_UP), VIEW_HANDLED);
	cr_expect_eq(l.selected, 0);
	rowlist_key(&l, ACT_DOWN);
	rowlist_key(&l, ACT_DOWN);
	cr_expect_eq(l.selected, 2);
	rowlist_key(&l, ACT_END);
	cr_expect_eq(l.selected, 3);
	rowlist_key(&l, ACT_DOWN);
	cr_expect_eq(l.selected, 3);
	rowlist_key(&l, ACT_HOME);
	cr_expect_eq(l.selected, 0);
	cr_expect_eq(rowlist_key(&l, ACT_OPEN), VIEW_IGNORED);
}

Test(rowlist, a_page_is_a_screen_less_one_row)
{
	rowlist_set_count(&l, 100);
	rowlist_show(&l, 10);
	rowlist_key(&l, ACT_PAGE_DOWN);
	cr_expect_eq(l.selected, 9);
	rowlist_key(&l, ACT_PAGE_DOWN);
	cr_expect_eq(l.selected, 18);
	rowlist_key(&l, ACT_PAGE_UP);
	cr_expect_eq(l.selected, 9);
	rowlist_select(&l, 98);
	rowlist_key(&l, ACT_PAGE_DOWN);
	cr_expect_eq(l.selected, 99);
}

Test(rowlist, showing_keeps_the_selection_on_screen_and_the_screen_full)
{
	rowlist_set_count(&l, 30);
	rowlist_show(&l, 10);
	cr_expect_eq(l.top, 0);
	rowlist_select(&l, 15);
	rowlist_show(&l, 10);
	cr_expect_eq(l.top, 6, "scrolled as little as shows row 15 last");
	rowlist_select(&l, 8);
	rowlist_show(&l, 10);
	cr_expect_eq(l.top, 6, "row 8 is on screen: no scroll");
	rowlist_select(&l, 2);
	rowlist_show(&l, 10);
	cr_expect_eq(l.top, 2);
	/* Taller than the rows left: the top comes back to fill the screen. */
	rowlist_select(&l, 29);
	rowlist_show(&l, 10);
	cr_expect_eq(l.top, 20);
	rowlist_show(&l, 25);
	cr_expect_eq(l.top, 5);
	rowlist_show(&l, 40);
	cr_expect_eq(l.top, 0);
	rowlist_show(&l, 0);
	cr_expect_eq(l.height, 1);
	cr_expect_eq(l.top, 29);
}
