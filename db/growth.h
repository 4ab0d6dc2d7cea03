/* growth.h (db): the queries behind the spot-growth report.
 *
 * Dates cross this boundary as ISO "YYYY-MM-DD" text.  Periods are years
 * of twelve months from the first of a month; the caller names them by
 * their first days, so that the start month of a financial or academic
 * year stays a matter for core/. */
#ifndef SENDESK_DB_GROWTH_H
#define SENDESK_DB_GROWTH_H

#include "db/db.h"

/* The days spot purchases span, as one row (first, last): the earliest
 * start date and the latest end date, an open-ended purchase ending on
 * open_end or on its start date when that is later.  Both NULL when
 * there are no spot purchases. */
int db_growth_bounds(struct db *db, const char *open_end, db_row_fn fn, void *ctx,
                     struct error *err);

struct db_growth_query {
	const char *split_first; /* first days of the first and last periods */
	const char *split_last;  /*   that purchases are split over: all they touch */
	const char *show_first;  /* first days of the first and last periods */
	const char *show_last;   /*   reported (within the split ones) */
	const char *open_end;    /* the day open-ended purchases run to */
};

/* One row per period shown, in order, periods without activity included:
 * (first day, children, new children, ended children, spend in pence).
 *   children  distinct children with a purchase overlapping the period;
 *   new       children whose earliest purchase starts in it;
 *   ended     children whose latest end date falls in it, with no
 *             open-ended purchase;
 *   spend     the whole-pence shares of purchases' costs falling in it:
 *             each cost is split over the periods its days touch, pro
 *             rata by days, floors first and the pence left over one each
 *             to the largest remainders (ties to the earlier period), so
 *             that a purchase's shares add up to its cost exactly.
 * An open-ended purchase runs from its start to open_end, or is a single
 * day when it starts later. */
int db_growth_by_period(struct db *db, const struct db_growth_query *q, db_row_fn fn,
                        void *ctx, struct error *err);

#endif
