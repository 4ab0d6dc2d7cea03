/* report.h: the reports of INTERFACE.md, as streams of typed cells.
 *
 * A report computes its figures (in SQL where they are aggregates) and
 * hands rows of cells to a sink; how they look (a text table, CSV, JSON,
 * a TUI list) is the sink's business.  Rows are streamed, never gathered. */
#ifndef SENDESK_REPORT_H
#define SENDESK_REPORT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/date.h"
#include "core/period.h"
#include "core/session.h"

enum cell_type {
	CELL_TEXT,
	CELL_INTEGER,
	CELL_MONEY,      /* pence */
	CELL_PERCENT,    /* tenths of a percent: 138 is 13.8% */
	CELL_DATE,       /* day number */
	CELL_FIXED2,     /* hundredths: 250 is 2.50 */
};

struct report_column {
	const char *name;       /* csv/json key */
	const char *title;      /* text heading */
	enum cell_type type;
	int width;              /* text columns */
	const char *missing;    /* what text shows for a null cell: "n/a", "-" */
	bool show_sign;         /* text shows "+13.8%" for a change */
};

/* A number cell (not CELL_TEXT) with text set shows that text in
 * every format instead of its number: a count too small to publish is
 * "<5" (cell_masked). */
struct cell {
	bool null;
	int64_t n;
	const char *text;
};

struct report_sink {
	void *ctx;
	void (*begin)(void *ctx, const char *title, const struct report_column *cols, int count);
	int (*row)(void *ctx, const struct cell *cells);   /* non-zero stops */
	void (*end)(void *ctx);
};

struct report_options {
	bool has_from, has_to;
	day_t from, to;
	day_t on;                 /* --on, today by default */
	enum period_kind period;  /* --period, financial by default */
	/* Asked now and then while the report runs (a screen's Esc): true
	 * stops it, and report_run fails with EX_TEMPFAIL.  NULL: runs to
	 * the end. */
	bool (*stop)(void *ctx);
	void *stop_ctx;
};

struct report {
	const char *name;
	const char *summary;
	enum role min_role;
	const struct report_column *columns;
	int column_count;
	int (*run)(struct session *s, const struct report_options *opt,
	           const struct report_sink *sink, struct error *err);
};

/* NULL when there is no report of that name. */
const struct report *report_find(const char *name);

/* The reports this build has, NULL-terminated. */
extern const struct report *const reports[];

/* Checks the role and runs the report into sink. */
int report_run(struct session *s, const struct report *r, const struct report_options *opt,
               const struct report_sink *sink, struct error *err);

struct cell cell_text(const char *text);
struct cell cell_number(int64_t n);
struct cell cell_null(void);
struct cell cell_masked(const char *text);

#endif
