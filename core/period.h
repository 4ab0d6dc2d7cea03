/* period.h: financial, academic and calendar years.
 *
 * Contracts and spend run on the financial year (April by default),
 * personal budgets on the academic year (September by default); both start
 * months come from the configuration.  Periods are inclusive of both end
 * dates. */
#ifndef SENDESK_PERIOD_H
#define SENDESK_PERIOD_H

#include <stdbool.h>
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

struct settings;

/* Parses "financial", "academic" or "calendar". */
int period_kind_parse(const char *text, enum period_kind *out);

/* "financial", "academic" or "calendar". */
const char *period_kind_name(enum period_kind kind);

/* The configured first month (1-12) of the kind's years: January for
 * calendar years. */
int period_start_month(const struct settings *cfg, enum period_kind kind);

/* "January".."December" for month 1-12 (its first three letters are
 * the short name); "?" for anything else. */
const char *period_month_name(int month);

/* Parses a period as people write one: "2021" a calendar year, "2021-22"
 * or "2021-2022" a financial year, "2021/22" or "2021/2022" an academic
 * year, each starting in the configured month.  Fills *out and *kind
 * (either may be NULL) and returns true; false for anything else, or a
 * second year that does not follow the first. */
bool period_parse(const struct settings *cfg, const char *text, struct period *out,
                  enum period_kind *kind);

/* The period of some kind that is exactly [from, to], trying financial,
 * academic then calendar years; false when it is none of them. */
bool period_of_range(const struct settings *cfg, day_t from, day_t to, struct period *out,
                     enum period_kind *kind);

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
