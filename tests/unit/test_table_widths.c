/* test_table_widths.c: tables sized by their text as the screen shows
 * it, under a UTF-8 locale and under one that shows "£" as "GBP"
 * (LC_ALL=C); a report wider than the screen scrolls a column at a time
 * and says which columns show. */
#include <criterion/criterion.h>
#include <string.h>

#include "core/fields.h"
#include "core/report_format.h"
#include "tui/listview.h"
#include "tui/report_table.h"
#include "tui/text.h"

static void reset(void)
{
	text_set_charset(TEXT_CHARSET_LOCALE);
}

TestSuite(report_table, .fini = reset);
TestSuite(listview_widths, .fini = reset);

/* ---- a report's table ------------------------------------------------------ */

/* As the contracts report: a money column narrower than its widest
 * amount under LC_ALL=C, and a text column of width 0. */
static const struct report_column columns[] = {
	{"ref", "Contract", CELL_TEXT, 12, "", false},
	{"annual_value", "Annual value", CELL_MONEY, 14, "", false},
	{"lifetime_value", "Lifetime value", CELL_MONEY, 15, "", false},
	{"flags", "Flags", CELL_TEXT, 0, "", false},
	{"total_amount", "Total", CELL_MONEY, 15, "", false},
};
#define COLUMN_COUNT ((int)(sizeof columns / sizeof columns[0]))

static void load(struct report_table *rt, struct report_table_row *rows, int capacity)
{
	report_table_init(rt, rows, capacity);
	struct report_sink sink = report_table_sink(rt);
	sink.begin(sink.ctx, "Contracts", columns, COLUMN_COUNT);
	const struct cell a[] = {cell_text("KCHFT-W-2024"), cell_number(91654900),
	                         cell_number(130074625), cell_text("unsigned;expired"),
	                         cell_number(130074625)};
	const struct cell b[] = {cell_text("KMCAT-2023"), cell_number(87000000),
	                         cell_number(87000000), cell_text(""), cell_number(208000000)};
	sink.row(sink.ctx, a);
	sink.row(sink.ctx, b);
	sink.end(sink.ctx);
}

Test(report_table, columns_are_as_wide_as_their_text_as_shown)
{
	struct report_table_row rows[2];
	struct report_table rt;
	text_set_charset(TEXT_CHARSET_UTF8);
	load(&rt, rows, 2);
	cr_expect_eq(rt.widths[0], 12);
	cr_expect_eq(rt.widths[2], 15, "\"£1,300,746.25\" is 13 columns: the report's 15 stand");
	cr_expect_eq(rt.widths[3], 16, "a width-0 column takes its widest cell, \"unsigned;expired\"");
	cr_expect_eq(report_table_width(&rt), 2 + 12 + 1 + 14 + 1 + 15 + 1 + 16 + 1 + 15);

	text_set_charset(TEXT_CHARSET_ASCII);
	load(&rt, rows, 2);
	cr_expect_eq(rt.widths[1], 14, "GBP916,549.00 is 13");
	cr_expect_eq(rt.widths[2], 15, "GBP1,300,746.25 is 15");
	cr_expect_str_eq(rows[0].text[2], "£1,300,746.25", "the text is kept, only shown as GBP");
	/* A total over ten million pounds: 16 columns as shown. */
	const struct cell big[] = {cell_text("BIG-1"), cell_number(1234567890),
	                           cell_number(1234567890), cell_null(), cell_number(1234567890)};
	struct report_sink sink = report_table_sink(&rt);
	sink.begin(sink.ctx, "Contracts", columns, COLUMN_COUNT);
	sink.row(sink.ctx, big);
	sink.end(sink.ctx);
	cr_expect_eq(rt.widths[1], 16, "GBP12,345,678.90 is 16, more than the report's 14");
	cr_expect_eq(rt.widths[3], 5, "an empty column is as wide as its title");
}

Test(report_table, scrolls_a_column_at_a_time_keeping_the_first)
{
	struct report_table_row rows[2];
	struct report_table rt;
	text_set_charset(TEXT_CHARSET_UTF8);
	load(&rt, rows, 2);
	/* 2 + 12, then " 14" " 15" " 16" " 15": 50 columns hold the first
	 * three whole. */
	rt.room = 50;
	cr_expect_eq(report_table_last_whole(&rt, 50), 2);
	cr_expect_not(report_table_more_left(&rt));
	cr_expect(report_table_more_right(&rt, 0));
	char where[64];
	report_table_position(&rt, where, sizeof where);
	cr_expect_str_eq(where, "columns 1-3 of 5");

	cr_expect_eq(report_table_key(&rt, ACT_RIGHT), VIEW_HANDLED);
	cr_expect_eq(rt.first_shown, 2);
	cr_expect(report_table_more_left(&rt));
	report_table_position(&rt, where, sizeof where);
	cr_expect_str_eq(where, "columns 1, 3-4 of 5");
	report_table_key(&rt, ACT_RIGHT);
	report_table_position(&rt, where, sizeof where);
	cr_expect_str_eq(where, "columns 1, 4-5 of 5");
	cr_expect_not(report_table_more_right(&rt, 0), "the last column shows");
	report_table_key(&rt, ACT_RIGHT);
	cr_expect_eq(rt.first_shown, 3, "nothing past the last column");

	report_table_key(&rt, ACT_LEFT);
	report_table_key(&rt, ACT_LEFT);
	report_table_key(&rt, ACT_LEFT);
	cr_expect_eq(rt.first_shown, 1, "nothing before the second column");
	/* Wide enough for all: nothing to say, nothing to scroll. */
	rt.room = 200;
	report_table_position(&rt, where, sizeof where);
	cr_expect_str_eq(where, "");
	cr_expect_not(report_table_more_right(&rt, 0));
	cr_expect_eq(report_table_key(&rt, ACT_DOWN), VIEW_HANDLED, "the selection moves");
	cr_expect_eq(rt.list.selected, 1);
	cr_expect_eq(report_table_key(&rt, ACT_EXPORT), VIEW_IGNORED);
}

Test(report_table, a_reload_keeps_the_view_scrolled)
{
	struct report_table_row rows[2];
	struct report_table rt;
	text_set_charset(TEXT_CHARSET_UTF8);
	load(&rt, rows, 2);
	rt.room = 50;
	report_table_key(&rt, ACT_RIGHT);
	struct report_sink sink = report_table_sink(&rt);
	sink.begin(sink.ctx, "Contracts", columns, COLUMN_COUNT);
	sink.end(sink.ctx);
	cr_expect_eq(rt.first_shown, 2);
	/* Fewer columns than it was scrolled to: the last one shows. */
	sink.begin(sink.ctx, "Contracts", columns, 2);
	cr_expect_eq(rt.first_shown, 1);
}

/* ---- the list widget's columns ---------------------------------------------- */

/* The Spot purchases tab's: the child takes what the others leave. */
static const struct listview_column spot_columns[] = {
	{"Ref", SPOT_REF, 12, false},       {"Child", SPOT_CHILD, 0, false},
	{"Provider", SPOT_PROVIDER, 8, false}, {"Therapy", SPOT_THERAPY, 7, false},
	{"Start", SPOT_START, 10, false},   {"End", SPOT_END, 10, false},
	{"Cost", SPOT_COST, 10, true},
};

/* The Personal budgets tab's: amounts side by side, little left over. */
static const struct listview_column budget_columns[] = {
	{"Ref", PB_REF, 12, false},         {"Child", PB_CHILD, 16, false},
	{"Year", PB_START, 7, false},       {"Amount", PB_AMOUNT, 11, true},
	{"Therapy", PB_THERAPY_AMOUNT, 11, true}, {"Share", -1, 5, true},
	{"EOTAS", PB_EOTAS, 5, false},      {"Purpose", PB_PURPOSE, 0, false},
};

static int line_width(const int *widths, int count)
{
	int used = 2;
	for (int c = 0; c < count; c++)
		used += widths[c] + (c > 0);
	return used;
}

static struct listview lv;   /* too large for the stack */

static void hold(const struct listview_column *cols, int count, int column, const char *amount)
{
	listview_init(&lv, kind_find("spot-purchases"), cols, count);
	lv.count = 2;
	snprintf(lv.rows[0].cells[column], LISTVIEW_CELL_MAX, "%s", "£2,230.00");
	snprintf(lv.rows[1].cells[column], LISTVIEW_CELL_MAX, "%s", amount);
}

Test(listview_widths, an_amount_is_never_cut_where_the_pound_sign_is_three_letters)
{
	int widths[LISTVIEW_MAX_COLUMNS];
	hold(spot_columns, 7, 6, "£12,345.00");
	text_set_charset(TEXT_CHARSET_UTF8);
	listview_column_widths(&lv, 80, widths);
	cr_expect_eq(widths[6], 10, "£12,345.00 fits the 10 columns of the description");
	cr_expect_eq(widths[1], 15, "the child has what is left at 80");

	text_set_charset(TEXT_CHARSET_ASCII);
	listview_column_widths(&lv, 80, widths);
	cr_expect_eq(widths[6], 12, "GBP12,345.00 whole");
	cr_expect_eq(widths[1], 13, "the child gives up the two columns");
	cr_expect_eq(line_width(widths, 7), 80, "and the line still ends at the edge");
	cr_expect_eq(widths[0], 12, "the ref is whole");
}

Test(listview_widths, text_columns_give_way_when_nothing_is_left_over)
{
	int widths[LISTVIEW_MAX_COLUMNS];
	hold(budget_columns, 8, 3, "£26,934.00");
	snprintf(lv.rows[1].cells[4], LISTVIEW_CELL_MAX, "%s", "£10,500.00");
	text_set_charset(TEXT_CHARSET_ASCII);
	listview_column_widths(&lv, 80, widths);
	cr_expect_eq(widths[3], 12, "GBP26,934.00");
	cr_expect_eq(widths[4], 12, "GBP10,500.00");
	cr_expect_eq(widths[7], 4, "the purpose keeps what it had");
	cr_expect_eq(widths[1], 14, "the widest text column, the child, narrows");
	cr_expect_eq(line_width(widths, 8), 80);

	/* Nothing grown: a narrow screen cuts the last columns as before. */
	text_set_charset(TEXT_CHARSET_UTF8);
	listview_column_widths(&lv, 60, widths);
	cr_expect_eq(widths[1], 16);
	cr_expect_eq(widths[3], 11);
	cr_expect_eq(widths[7], 0);
}
