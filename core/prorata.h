/* prorata.h: the pro-rata split of spend over periods, in C.
 *
 * The reports split a purchase's cost over the years it spans in SQL
 * (db/growth.c), so that their sums stay aggregates.  These functions
 * state the same rule plainly: the Growth drill-down splits the few
 * purchases on screen with them (spot_growth_share), and the tests check
 * the SQL against them. */
#ifndef SENDESK_PRORATA_H
#define SENDESK_PRORATA_H

#include <stddef.h>
#include <stdint.h>

#include "core/period.h"

/* Splits amount (pence, >= 0) over n parts in proportion to weights
 * (each >= 0, not all zero) so that the parts are whole pence and add up
 * to amount exactly: each part gets the floor of its share and the pence
 * left over go, one each, to the parts with the largest remainders
 * (ties to the earlier part).  Returns 0, or -1 when the weights are
 * unusable. */
int prorata_split(int64_t amount, const int64_t *weights, size_t n, int64_t *parts);

/* Splits amount over the periods of the given kind that [start, end]
 * overlaps, by days.  Fills at most max periods and shares and returns how
 * many periods the range spans (which may exceed max: the caller then
 * retries with more room).  end must be >= start. */
size_t prorata_by_period(int64_t amount, day_t start, day_t end,
                         enum period_kind kind, int start_month,
                         struct period *periods, int64_t *shares, size_t max);

#endif
