/* report_format.h: how a report's cells read, and the sinks that write
 * a report as text for people, CSV or JSON to a FILE.
 *
 * The command line (`sendesk report NAME --format F`) and the screens
 * (the Growth tab's export, its table) use the same sinks and the same
 * cell formatting, so a figure reads the same wherever it is shown and
 * a file exported from a screen is the one the command writes. */
#ifndef SENDESK_REPORT_FORMAT_H
#define SENDESK_REPORT_FORMAT_H

#include <stddef.h>
#include <stdio.h>

#include "core/report.h"

/* Room for any one cell's text as formatted here. */
#define REPORT_CELL_MAX 64

enum report_format { REPORT_TEXT, REPORT_CSV, REPORT_JSON };

/* Parses "text", "csv" or "json"; -1 when none. */
int report_format_parse(const char *text, enum report_format *out);

/* A cell as machines read it (CSV, JSON): money 1234.50, percent 13.8,
 * ISO dates, "" for a null cell.  Returns buf, or the cell's own text
 * for a text cell. */
const char *report_cell_plain(const struct report_column *col, const struct cell *c, char *buf,
                              size_t len);

/* A cell as people read it (the text table, the screens): money
 * "£1,234.50", percent "13.8%" ("+13.8%" for a change), a null cell as
 * the column's missing text. */
const char *report_cell_display(const struct report_column *col, const struct cell *c,
                                char *buf, size_t len);

/* Whether people read the column aligned right (numbers). */
bool report_column_right(const struct report_column *col);

struct report_writer {
	FILE *out;
	const struct report_column *cols;
	int count;
	long rows;               /* written so far */
};

/* A sink writing the report to w->out in format f; w must outlive it.
 * Its row() returns EX_IOERR (with no message) when writing fails. */
struct report_sink report_format_sink(enum report_format f, struct report_writer *w);

/* Runs report r with opt and writes it to out as `sendesk report NAME
 * --format csv` does (what the screens' x exports); the rows written in
 * *rows.  EX_IOERR "cannot write" when out fails. */
int report_write_csv(struct session *s, const struct report *r, const struct report_options *opt,
                     FILE *out, long *rows, struct error *err);

#endif
