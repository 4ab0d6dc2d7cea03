/* report_coverage.h: coverage gaps and overlaps on a date.
 *
 * For --on DATE (today by default), each configured district and therapy
 * type that no contract in force covers (a gap), and each that more than
 * one covers (an overlap), in the configured order of districts and
 * therapies.  A pooled service in force covers as a contract does; the
 * appended column services names those among the contracts. */
#ifndef SENDESK_REPORT_COVERAGE_H
#define SENDESK_REPORT_COVERAGE_H

#include "core/report.h"

extern const struct report report_coverage_gaps;

/* How many contracts in force cover each district x therapy on a day,
 * and their refs, for the report and the coverage map. */
struct coverage_cell {
	int contracts;
	char *refs;         /* all of them, joined by ';', in ref order; NULL for none */
	char *services;     /* those of them that are pooled services, likewise */
};

/* Fills grid[d * therapy_count + t] for the configured districts d and
 * therapies t; the grid must start zeroed.  Free the lists with
 * coverage_cells_free, also after a failure. */
int coverage_on(struct session *s, day_t on, struct coverage_cell *grid, struct error *err);

void coverage_cells_free(struct coverage_cell *grid, size_t cells);

#endif
