/* test_report_format.c: the report sinks (text, CSV, JSON and the
 * screens' table) from one small report of every cell type. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/report_format.h"
#include "tui/report_table.h"
#include "tui/text.h"

static const struct report_column cols[] = {
	{"name", "Name", CELL_TEXT, 6, "", false},
	{"count", "Count", CELL_INTEGER, 5, "n/a", false},
	{"spend", "Spend", CELL_MONEY, 10, "", false},
	{"change", "Change", CELL_PERCENT, 6, "-", true},
	{"share", "Share", CELL_PERCENT, 5, "", false},
	{"on", "On", CELL_DATE, 10, "", false},
};
#define NCOLS ((int)(sizeof cols / sizeof cols[0]))

/* Two rows: every type with a value, then nulls and negatives. */
static int stream(const struct report_sink *sink)
{
	struct cell a[NCOLS] = {
		cell_text("Kent \"E\""), cell_number(12), cell_number(123456), cell_number(138),
		cell_number(5), cell_number(date_from_ymd(2024, 4, 1)),
	};
	struct cell b[NCOLS] = {
		cell_text("Zoë"), cell_null(), cell_number(-250), cell_number(-20), cell_number(1000),
		cell_null(),
	};
	sink->begin(sink->ctx, "A small report", cols, NCOLS);
	int rc = sink->row(sink->ctx, a);
	if (rc == 0)
		rc = sink->row(sink->ctx, b);
	sink->end(sink->ctx);
	return rc;
}

static char *written(enum report_format f, long *rows)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	cr_assert_not_null(out);
	struct report_writer w = {.out = out};
	struct report_sink sink = report_format_sink(f, &w);
	cr_assert_eq(stream(&sink), 0);
	fclose(out);
	*rows = w.rows;
	return text;
}

Test(report_format, parses_the_three_formats)
{
	enum report_format f;
	cr_expect(report_format_parse("text", &f) == 0 && f == REPORT_TEXT);
	cr_expect(report_format_parse("csv", &f) == 0 && f == REPORT_CSV);
	cr_expect(report_format_parse("json", &f) == 0 && f == REPORT_JSON);
	cr_expect_eq(report_format_parse("xml", &f), -1);
}

Test(report_format, text_pads_by_display_columns_and_counts_rows)
{
	long rows;
	char *text = written(REPORT_TEXT, &rows);
	cr_expect_eq(rows, 2);
	cr_expect_str_eq(text,
	                 "A small report\n\n"
	                 "Name    Count       Spend  Change  Share  On\n"
	                 "Kent \"E\"     12   £1,234.56  +13.8%   0.5%  2024-04-01\n"
	                 "Zoë       n/a      -£2.50   -2.0%  100.0%  \n"
	                 "\n2 rows\n");
	free(text);
}

Test(report_format, csv_is_plain_and_quoted)
{
	long rows;
	char *text = written(REPORT_CSV, &rows);
	cr_expect_eq(rows, 2);
	cr_expect_str_eq(text,
	                 "name,count,spend,change,share,on\r\n"
	                 "\"Kent \"\"E\"\"\",12,1234.56,13.8,0.5,2024-04-01\r\n"
	                 "Zoë,,-2.50,-2.0,100.0,\r\n");
	free(text);
}

Test(report_format, json_types_its_values)
{
	long rows;
	char *text = written(REPORT_JSON, &rows);
	cr_expect_eq(rows, 2);
	cr_expect_str_eq(text,
	                 "[\n"
	                 " {\"name\": \"Kent \\\"E\\\"\", \"count\": 12, \"spend\": 1234.56, "
	                 "\"change\": 13.8, \"share\": 0.5, \"on\": \"2024-04-01\"},\n"
	                 " {\"name\": \"Zoë\", \"count\": null, \"spend\": -2.50, \"change\": -2.0, "
	                 "\"share\": 100.0, \"on\": null}\n"
	                 "]\n");
	free(text);
}

Test(report_format, cells_for_people_and_for_machines)
{
	char buf[REPORT_CELL_MAX];
	struct cell change = cell_number(138), none = cell_null(), money = cell_number(100000000);
	cr_expect_str_eq(report_cell_display(&cols[3], &change, buf, sizeof buf), "+13.8%");
	cr_expect_str_eq(report_cell_plain(&cols[3], &change, buf, sizeof buf), "13.8");
	cr_expect_str_eq(report_cell_display(&cols[3], &none, buf, sizeof buf), "-");
	cr_expect_str_eq(report_cell_plain(&cols[3], &none, buf, sizeof buf), "");
	cr_expect_str_eq(report_cell_display(&cols[2], &money, buf, sizeof buf), "£1,000,000.00");
	cr_expect_str_eq(report_cell_plain(&cols[2], &money, buf, sizeof buf), "1000000.00");
	cr_expect(report_column_right(&cols[2]) && !report_column_right(&cols[0]));
}

Test(report_format, the_table_sink_keeps_text_and_numbers)
{
	struct report_table_row rows[1];
	struct report_table rt;
	text_set_charset(TEXT_CHARSET_UTF8);   /* widths as a UTF-8 terminal shows "£" */
	report_table_init(&rt, rows, 1);
	struct report_sink sink = report_table_sink(&rt);
	cr_assert_eq(stream(&sink), 0);
	cr_expect_eq(rt.list.count, 1);
	cr_expect(rt.truncated, "the second row had no room");
	cr_expect_eq(rt.list.selected, 0);
	cr_expect_str_eq(rows[0].text[0], "Kent \"E\"");
	cr_expect_str_eq(rows[0].text[2], "£1,234.56");
	cr_expect_str_eq(rows[0].text[3], "+13.8%");
	cr_expect_eq(rows[0].cell[2].n, 123456);
	cr_expect_eq(rows[0].cell[0].text, rows[0].text[0], "text cells point into the row");
	cr_expect_eq(report_table_column(&rt, "spend"), 2);
	cr_expect_eq(report_table_column(&rt, "nope"), -1);
	/* The name column widens to its cell, "Kent "E"" (8), so the columns
	 * after it stay in line. */
	cr_expect_eq(report_table_width(&rt), 2 + 8 + 6 + 11 + 7 + 6 + 11);
	text_set_charset(TEXT_CHARSET_LOCALE);
}

Test(report_format, fixed_point_and_masked_counts_in_every_format)
{
	static const struct report_column two[] = {
		{"fte", "FTE", CELL_FIXED2, 6, "n/a", false},
		{"children", "Children", CELL_INTEGER, 8, "", false},
	};
	char buf[REPORT_CELL_MAX];
	struct cell fte = cell_number(250), small = cell_number(-5), masked = cell_masked("<5");
	cr_expect_str_eq(report_cell_plain(&two[0], &fte, buf, sizeof buf), "2.50");
	cr_expect_str_eq(report_cell_display(&two[0], &fte, buf, sizeof buf), "2.50");
	cr_expect_str_eq(report_cell_plain(&two[0], &small, buf, sizeof buf), "-0.05");
	cr_expect(report_column_right(&two[0]));
	cr_expect_str_eq(report_cell_plain(&two[1], &masked, buf, sizeof buf), "<5");
	cr_expect_str_eq(report_cell_display(&two[1], &masked, buf, sizeof buf), "<5");
	const enum report_format formats[] = {REPORT_TEXT, REPORT_CSV, REPORT_JSON};
	const char *const want[] = {"\n  2.50  <5\n", "2.50,<5", "{\"fte\": 2.50, \"children\": \"<5\"}"};
	for (int i = 0; i < 3; i++) {
		char *text = NULL;
		size_t len = 0;
		FILE *out = open_memstream(&text, &len);
		cr_assert_not_null(out);
		struct report_writer w = {.out = out};
		struct report_sink sink = report_format_sink(formats[i], &w);
		sink.begin(sink.ctx, "Masked", two, 2);
		cr_assert_eq(sink.row(sink.ctx, (struct cell[]){fte, masked}), 0);
		sink.end(sink.ctx);
		fclose(out);
		cr_expect(strstr(text, want[i]) != NULL, "format %d:\n%s", i, text);
		free(text);
	}
}
