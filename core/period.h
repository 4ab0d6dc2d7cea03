/* period.h: financial, academic and calendar years.
 *
 * Contracts and spend run on the financial year (April by default),
 * personal budgets on the academic year (September by default); both start
 * months come from the configuration.  Periods are inclusive of both end
 * dates. */
#ifndef SENDESK_PERIOD_H
#define SENDESK_PERIOD_H

#include <stddef.h>
#include <stdint.h>

#include "core/date.h"

enum period_kind { PERIOD_FINANCIAL, PERIOD_ACADEMIC, PERIOD_CALENDAR };

#define PERIOD_LABEL_MAX 16

struct period {
	day_t start, end;               /* inclusive */
	int year;                       /* the calendar year it starts in */
	char label[PERIOD_LABEL_MAX];   /* "2019-20", "2019/20" or "2019" */
};

/* Parses "financial", "academic" or "calendar". */
int period_kind_parse(const char *text, enum period_kind *out);

/* The period of the given kind that contains day d.  start_month is the
 * configured first month (1-12) for financial and academic years and is
 * ignored for calendar years. */
void period_containing(enum period_kind kind, int start_month, day_t d, struct period *out);

/* The period that follows p. */
void period_next(enum period_kind kind, int start_month, const struct period *p, struct period *out);

int period_days(const struct period *p);

/* Days of [start, end] that fall inside [p->start, p->end]; 0 if none. */
int period_overlap_days(const struct period *p, day_t start, day_t end);

#endif
