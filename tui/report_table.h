/* report_table.h: a report drawn as a table on a screen.
 *
 * The fourth sink beside core's text, CSV and JSON ones
 * (core/report_format.h): it keeps each row's cells, formatted as the
 * text sink formats them, with their numbers, in rows the screen gives
 * it, and draws them under the column titles with a rowlist's
 * selection and scrolling, and sideways a column at a time when wider
 * than the screen.  A screen that shows a report is then the
 * report, this table and whatever it adds (charts, Enter on a row). */
#ifndef SENDESK_REPORT_TABLE_H
#define SENDESK_REPORT_TABLE_H

#include "core/report_format.h"
#include "tui/rowlist.h"

#define REPORT_TABLE_MAX_COLUMNS 12

struct report_table_row {
	char text[REPORT_TABLE_MAX_COLUMNS][REPORT_CELL_MAX];   /* as people read it */
	struct cell cell[REPORT_TABLE_MAX_COLUMNS];              /* text cells point into text */
};

struct report_table {
	const struct report_column *cols;   /* the report's, from its begin() */
	int col_count;
	/* Each column's display columns as drawn: the widest of its title,
	 * its cells as this locale shows them ("GBP1,234.50" where "£" cannot
	 * show) and the report's own width, so nothing is cut or pushed out
	 * of line. */
	int widths[REPORT_TABLE_MAX_COLUMNS];
	/* A table wider than the screen scrolls sideways a column at a time:
	 * the first column (the row's name) stays, then the columns from
	 * first_shown (1 when not scrolled). */
	int first_shown;
	int room;                           /* columns of the last draw, 0 before */
	struct report_table_row *rows;      /* the caller's, capacity of them */
	int capacity;
	bool truncated;                     /* more rows came than fit */
	struct rowlist list;                /* count is the rows held */
};

/* An empty table over the caller's rows (which must outlive it). */
void report_table_init(struct report_table *rt, struct report_table_row *rows, int capacity);

/* A sink that empties the table at begin() and keeps each row after;
 * rows past capacity set truncated and are dropped.  The selection
 * stays on the same row number (the caller may move it after). */
struct report_sink report_table_sink(struct report_table *rt);

/* Runs report r with opt (its stop aside) into the table through
 * report_table_sink.  A report can take seconds at national scale: the
 * status line says "Running NAME… Esc stops it" meanwhile, and Esc
 * stops it (then EX_TEMPFAIL, err says so). */
struct tui;
int report_table_run(struct report_table *rt, struct tui *t, const struct report *r,
                     const struct report_options *opt, struct error *err);

/* The index of the column named name (its CSV name), or -1. */
int report_table_column(const struct report_table *rt, const char *name);

/* The display columns a row takes: the marker, then each column's width
 * with one space before it. */
int report_table_width(const struct report_table *rt);

/* The last column shown whole in room display columns (the marker and
 * the first column included), scrolled as the table is; first_shown - 1
 * when none after the first is whole. */
int report_table_last_whole(const struct report_table *rt, int room);

/* Whether columns are hidden to the left; to the right in room display
 * columns (0: as last drawn). */
bool report_table_more_left(const struct report_table *rt);
bool report_table_more_right(const struct report_table *rt, int room);

/* ACT_LEFT and ACT_RIGHT scroll the table a column (nothing past either
 * end); the movement keys move the selection.  VIEW_HANDLED, or
 * VIEW_IGNORED for any other action. */
int report_table_key(struct report_table *rt, enum action a);

/* "columns 1, 4-7 of 11" (the first column always, then those shown
 * whole) as last drawn, or "" when every column shows. */
void report_table_position(const struct report_table *rt, char *buf, size_t len);

/* "< h  columns 1, 4-7 of 11  l >" at the right of row y of w when the
 * table is wider than the screen: which columns show, and the key named
 * (left_key, right_key) that shows more on each side that has more.
 * After the table is drawn (it knows then how many columns fit). */
void report_table_draw_position(const struct report_table *rt, WINDOW *w, int y,
                                const char *left_key, const char *right_key);

/* Draws the titles at row y and the rows that fit below within height
 * rows, the selected one marked with ">" and highlighted, from column x
 * of w: the first column, then the columns from first_shown; a line
 * wider than w is cut at its edge and ends in the cut mark.  Returns the
 * screen row of the selected row, or -1. */
int report_table_draw(struct tui *t, struct report_table *rt, WINDOW *w, int y, int x, int height);

#endif
