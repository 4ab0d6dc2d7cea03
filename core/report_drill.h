/* report_drill.h: the records behind a report's row, as list queries.
 *
 * A screen showing a report lists, for the row selected, the records its
 * figures count, through the same pages as any list (core/list.h); the
 * queries are made here so that a test can count them against the
 * figure.  Each fills q (initialised here) for its kind. */
#ifndef SENDESK_REPORT_DRILL_H
#define SENDESK_REPORT_DRILL_H

#include "core/list.h"
#include "core/period.h"

/* The therapy entries of a sections row: of section and therapy, in
 * force on `on` (started by then, not ended before), in ref order,
 * counted after the first page (count_later). */
void report_drill_sections(struct list_query *q, const char *section, const char *therapy,
                           day_t on);

/* The one therapy entry of a section-f-unfunded row, by its ref. */
void report_drill_entry(struct list_query *q, const char *entry_ref);

/* The provider return of a waits row: the provider's (its id), the
 * therapy's and the month's ("YYYY-MM"). */
void report_drill_return(struct list_query *q, int64_t provider_id, const char *therapy,
                         const char *month);

/* The personal budgets of a pb-summary year: those starting in p. */
void report_drill_budgets(struct list_query *q, const struct period *p);

#endif
