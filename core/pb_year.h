/* pb_year.h: one academic year of personal budgets, from its records.
 *
 * The Budgets tab's summary is `sendesk report pb-summary` (a budget
 * belongs to the year its start date falls in); Enter on a year lists
 * the budgets starting in it.  The figures here are those of that list:
 * the budgets whose start date lies within the year's days, added up in
 * SQL, so that the list's total line and the summary's row are two
 * workings of the same figure and must agree. */
#ifndef SENDESK_PB_YEAR_H
#define SENDESK_PB_YEAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/period.h"
#include "core/session.h"

struct pb_year {
	int64_t budgets, children;
	int64_t amount_pence, therapy_pence;
	bool has_share;              /* false when the amount is 0 */
	int64_t share_tenths;        /* therapy / amount, tenths of a percent, half up */
	int64_t eotas_count, eotas_pence;
};

/* The budgets starting p->start..p->end (team leads and admins, as the
 * summary).  0, or an EX_* code with err set. */
int pb_year_total(struct session *s, const struct period *p, struct pb_year *out,
                  struct error *err);

/* What a form says about a budget's dates as they are typed: "academic
 * year 2023/24", or "starts in academic year 2023/24, ends in 2024/25"
 * when the end falls in a later year; "" while the start is not yet a
 * date.  start and end as typed (ISO or DD/MM/YYYY). */
void pb_years_text(const struct settings *cfg, const char *start, const char *end, char *buf,
                   size_t len);

#endif
