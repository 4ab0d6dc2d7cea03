/* test_chart.c: the chart widget's scaling and layout, without a terminal. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "tui/chart.h"
#include "tui/text.h"

/* Widths as a UTF-8 terminal shows them ("£" one column), whatever the
 * locale the tests run under; a test may ask for another. */
static void utf8_terminal(void)
{
	text_set_charset(TEXT_CHARSET_UTF8);
}

TestSuite(chart, .init = utf8_terminal);

#define FULL "\xE2\x96\x88"        /* █ */
#define THREE_EIGHTHS "\xE2\x96\x8D" /* ▍ */
#define HALF_UP "\xE2\x96\x84"     /* ▄ */

static const struct chart_bar spend[] = {
	{"2019-20", 113498400, false},
	{"2020-21", 129116600, false},
	{"2021-22", 161848700, false},
	{"2022-23", 0, false},
	{"2023-24", 0, true},
};
#define SPEND_COUNT ((int)(sizeof spend / sizeof spend[0]))

static struct chart spend_chart(const char *title)
{
	struct chart c = {title, spend, SPEND_COUNT, CHART_MONEY, false, 0, -1};
	return c;
}

Test(chart, largest_value_fills_the_bar_and_nothing_exceeds_it)
{
	cr_expect_eq(chart_eighths(161848700, 161848700, 20), 160);
	cr_expect_eq(chart_eighths(200, 100, 20), 160, "a value above max still fits");
	cr_expect_eq(chart_eighths(50, 100, 20), 80);
	cr_expect_eq(chart_eighths(10, 100, 10), 8, "a tenth of ten cells is one cell");
	cr_expect_eq(chart_eighths(1, 1000000, 10), 1, "any value above zero shows");
	for (int64_t v = 0; v <= 1000; v += 7)
		cr_expect_leq(chart_eighths(v, 1000, 13), 13 * 8, "value %lld", (long long)v);
}

Test(chart, zero_negative_and_empty_scales_draw_nothing)
{
	cr_expect_eq(chart_eighths(0, 100, 10), 0);
	cr_expect_eq(chart_eighths(-5, 100, 10), 0);
	cr_expect_eq(chart_eighths(5, 0, 10), 0);
	cr_expect_eq(chart_eighths(5, 100, 0), 0);
	struct chart_bar none[] = {{"2020", 0, false}, {"2021", 0, true}};
	struct chart c = {NULL, none, 2, CHART_COUNT, false, 0, -1};
	cr_expect_eq(chart_max(&c), 0);
	char text[CHART_BAR_MAX];
	cr_expect_eq(chart_bar_text(0, false, text, sizeof text), 0);
	cr_expect_str_eq(text, "");
}

Test(chart, max_ignores_missing_and_negative_values)
{
	struct chart_bar bars[] = {{"a", 5, false}, {"b", 900, true}, {"c", -1000, false}, {"d", 7, false}};
	struct chart c = {NULL, bars, 4, CHART_COUNT, false, 0, -1};
	cr_expect_eq(chart_max(&c), 7);
}

Test(chart, bars_in_eighths_and_in_plain_hashes)
{
	char text[CHART_BAR_MAX];
	cr_expect_eq(chart_bar_text(16, false, text, sizeof text), 2);
	cr_expect_str_eq(text, FULL FULL);
	cr_expect_eq(chart_bar_text(19, false, text, sizeof text), 3);
	cr_expect_str_eq(text, FULL FULL THREE_EIGHTHS);
	cr_expect_eq(chart_bar_text(19, true, text, sizeof text), 2, "19/8 rounds to 2 cells");
	cr_expect_str_eq(text, "##");
	cr_expect_eq(chart_bar_text(1, true, text, sizeof text), 1, "a sliver is one #");
	cr_expect_str_eq(text, "#");
	cr_expect_eq(chart_plain_cells(0), 0);
	cr_expect_eq(chart_plain_cells(4), 1);
	cr_expect_eq(chart_plain_cells(12), 2);
	cr_expect_eq(chart_plain_cells(80), 10);
}

Test(chart, bar_text_never_overflows_its_buffer)
{
	char small[8];
	int cells = chart_bar_text(800, false, small, sizeof small);
	cr_expect_eq(cells, 2, "two 3-byte blocks fit in 8 bytes with the NUL");
	cr_expect_str_eq(small, FULL FULL);
}

Test(chart, vertical_glyphs_fill_from_the_bottom)
{
	cr_expect_str_eq(chart_column_glyph(12, 0, false), FULL);
	cr_expect_str_eq(chart_column_glyph(12, 1, false), HALF_UP);
	cr_expect_str_eq(chart_column_glyph(12, 2, false), " ");
	cr_expect_str_eq(chart_column_glyph(12, 0, true), "#");
	cr_expect_str_eq(chart_column_glyph(12, 1, true), "#", "12 eighths are 2 plain cells");
	cr_expect_str_eq(chart_column_glyph(12, 2, true), " ");
	cr_expect_str_eq(chart_column_glyph(0, 0, false), " ");
}

Test(chart, values_as_people_read_them)
{
	char text[CHART_VALUE_MAX];
	struct chart_bar b = {"x", 161848700, false};
	chart_value_text(CHART_MONEY, &b, text);
	cr_expect_str_eq(text, "£1,618,487");
	b.value = 77358922;
	chart_value_text(CHART_MONEY, &b, text);
	cr_expect_str_eq(text, "£773,589", "pence rounded to pounds");
	b.value = 50;
	chart_value_text(CHART_MONEY, &b, text);
	cr_expect_str_eq(text, "£1", "half a pound goes up");
	b.value = 0;
	chart_value_text(CHART_MONEY, &b, text);
	cr_expect_str_eq(text, "£0");
	b.value = 1234567;
	chart_value_text(CHART_COUNT, &b, text);
	cr_expect_str_eq(text, "1,234,567");
	b.value = 392;
	chart_value_text(CHART_COUNT, &b, text);
	cr_expect_str_eq(text, "392");
	b.missing = true;
	chart_value_text(CHART_COUNT, &b, text);
	cr_expect_str_eq(text, "-", "missing is not zero");
}

Test(chart, widths_count_columns_not_bytes)
{
	cr_expect_eq(chart_text_width("£1,618,487"), 10);
	cr_expect_eq(chart_text_width("2021-22"), 7);
	cr_expect_eq(chart_text_width(""), 0);
	cr_expect_eq(chart_text_width(NULL), 0);
	/* Where "£" is shown as "GBP", a value's room counts those three. */
	text_set_charset(TEXT_CHARSET_ASCII);
	cr_expect_eq(chart_text_width("£1,618,487"), 12);
}

Test(chart, horizontal_layout_fits_the_width)
{
	struct chart c = spend_chart("Spend");
	/* From 21 columns, where a third holds the 7-column labels. */
	for (int width = 21; width <= 120; width++) {
		struct chart_layout l;
		chart_layout(&c, 10, width, &l);
		cr_assert_eq(l.label_width, 7, "width %d", width);
		cr_assert_eq(l.value_width, 10, "width %d: \"£1,618,487\"", width);
		cr_assert_eq(l.label_width + 1 + l.bar_cells + 1 + l.value_width, width,
		             "label, bar, value and the gaps fill width %d exactly", width);
		int longest = chart_eighths(chart_max(&c), chart_max(&c), l.bar_cells);
		char bar[CHART_BAR_MAX];
		cr_assert_eq(chart_bar_text(longest, false, bar, sizeof bar), l.bar_cells,
		             "the largest value fills the bar at width %d", width);
	}
}

Test(chart, rows_that_fit_from_the_first_bar)
{
	struct chart c = spend_chart("Spend");
	struct chart_layout l;
	chart_layout(&c, 3, 60, &l);
	cr_expect_eq(l.shown, 2, "title and two bars in three rows");
	c.title = NULL;
	chart_layout(&c, 3, 60, &l);
	cr_expect_eq(l.shown, 3);
	c.first = 4;
	chart_layout(&c, 10, 60, &l);
	cr_expect_eq(l.first, 4);
	cr_expect_eq(l.shown, 1, "only the last bar is after the first shown");
	c.first = -3;
	chart_layout(&c, 10, 60, &l);
	cr_expect_eq(l.first, 0);
	cr_expect_eq(l.shown, SPEND_COUNT);
}

Test(chart, long_labels_take_at_most_a_third)
{
	struct chart_bar bars[] = {{"Speech and language therapy", 10, false}, {"OT", 5, false}};
	struct chart c = {NULL, bars, 2, CHART_COUNT, false, 0, -1};
	struct chart_layout l;
	chart_layout(&c, 5, 60, &l);
	cr_expect_eq(l.label_width, 20);
	cr_expect_eq(l.bar_cells, 60 - 20 - 2 - 2);
}

Test(chart, too_small_shows_nothing_rather_than_overflowing)
{
	struct chart c = spend_chart("Spend");
	struct chart_layout l;
	chart_layout(&c, 10, 12, &l);
	cr_expect_eq(l.shown, 0, "no room for a bar beside label and value");
	chart_layout(&c, 1, 60, &l);
	cr_expect_eq(l.shown, 0, "only the title fits");
	chart_layout(&c, 0, 60, &l);
	cr_expect_eq(l.shown, 0);
}

Test(chart, vertical_columns_as_wide_as_label_or_value)
{
	struct chart c = spend_chart(NULL);
	c.vertical = true;
	struct chart_layout l;
	chart_layout(&c, 12, 45, &l);
	cr_expect_eq(l.column_width, 11, "\"£1,618,487\" and a gap");
	cr_expect_eq(l.bar_cells, 10, "a row for the values, one for the labels");
	cr_expect_eq(l.shown, 4, "(45 + 1) / 11 columns");
	cr_expect_leq(l.shown * l.column_width - 1, 45);
	int tallest = chart_eighths(chart_max(&c), chart_max(&c), l.bar_cells);
	cr_expect_str_eq(chart_column_glyph(tallest, l.bar_cells - 1, false), FULL,
	                 "the largest value reaches the top row");
}

Test(chart, shares_in_tenths_of_a_percent)
{
	char text[CHART_VALUE_MAX];
	struct chart_bar b = {"2023-05", 755, false};
	chart_value_text(CHART_PERCENT, &b, text);
	cr_expect_str_eq(text, "75.5%");
	b.value = 0;
	chart_value_text(CHART_PERCENT, &b, text);
	cr_expect_str_eq(text, "0.0%");
	b.missing = true;
	chart_value_text(CHART_PERCENT, &b, text);
	cr_expect_str_eq(text, "-", "a month not reported is a gap, not 0%");
}
