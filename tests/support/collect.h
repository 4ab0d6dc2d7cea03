/* collect.h: a report sink for the unit tests that keeps every cell, so
 * that a test can look at the rows a report gave. */
#ifndef SENDESK_COLLECT_H
#define SENDESK_COLLECT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/report.h"
#include "core/session.h"

#define COLLECT_MAX_ROWS 128
#define COLLECT_MAX_CELLS 12

struct collected {
	int columns;
	int rows;
	char title[128];
	char text[COLLECT_MAX_ROWS][COLLECT_MAX_CELLS][256];   /* "" for numbers and NULLs */
	int64_t n[COLLECT_MAX_ROWS][COLLECT_MAX_CELLS];
	bool null[COLLECT_MAX_ROWS][COLLECT_MAX_CELLS];
	bool number[COLLECT_MAX_ROWS][COLLECT_MAX_CELLS];
	const struct report_column *cols;
	bool ended;
};

/* Runs report r on the session into c (emptied first); returns its code.
 * c is large: allocate it, do not put it on the stack. */
int collect_report(struct session *s, const struct report *r, const struct report_options *opt,
                   struct collected *c, struct error *err);

/* The index of the column named name; fails the test when there is none. */
int collected_column(const struct collected *c, const char *name);

/* Row r's cells joined by ',' as the text report shows them: NULL as '-',
 * numbers in decimal. */
void collected_line(const struct collected *c, int r, char *buf, size_t len);

#endif
