/* report_table.h: a report drawn as a table on a screen.
 *
 * The fourth sink beside core's text, CSV and JSON ones
 * (core/report_format.h): it keeps each row's cells, formatted as the
 * text sink formats them, with their numbers, in rows the screen gives
 * it, and draws them under the column titles with a rowlist's
 * selection and scrolling.  A screen that shows a report is then the
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

/* The index of the column named name (its CSV name), or -1. */
int report_table_column(const struct report_table *rt, const char *name);

/* The display columns a row takes: the marker, then each column's width
 * with one space before it. */
int report_table_width(const struct report_table *rt);

/* Draws the titles at row y and the rows that fit below within height
 * rows, the selected one marked with ">" and highlighted, from column x
 * of w; lines wider than w are cut at its edge and end in the cut mark.  Returns the screen row of the selected row, or -1. */
int report_table_draw(struct tui *t, struct report_table *rt, WINDOW *w, int y, int x, int height);

#endif
