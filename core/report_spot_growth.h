/* report_spot_growth.h: how fast spot-purchased therapy grows.
 *
 * Per period (financial years by default; academic or calendar years on
 * request), from the records alone:
 *   children  receiving: with a spot purchase overlapping the period;
 *   new       whose earliest purchase starts in the period;
 *   ended     whose latest purchase ends in the period, none open-ended;
 *   spend     each purchase's cost split over the periods its days fall
 *             in, pro rata by days, in whole pence that add up exactly to
 *             the cost (largest remainder); an open-ended purchase is
 *             spread from its start to the as-of day (--to, else today),
 *             or falls wholly in its start's period when that is later;
 *   change    spend against the period before, in tenths of a percent,
 *             none for the first period or after a period of no spend.
 * Every period from the first with activity (or --from) to the last (or
 * --to) is listed, including periods with no activity between them. */
#ifndef SENDESK_REPORT_SPOT_GROWTH_H
#define SENDESK_REPORT_SPOT_GROWTH_H

#include <stdbool.h>
#include <stdint.h>

#include "core/period.h"
#include "core/record.h"
#include "core/report.h"

struct growth_row {
	struct period period;
	int64_t children, new_children, ended;
	int64_t spend_pence;
	bool has_change;
	int64_t change_tenths;      /* 138 is +13.8% */
};

struct growth_options {
	enum period_kind kind;
	bool has_from, has_to;
	day_t from, to;             /* limit the periods shown (inclusive days) */
	day_t as_of;                /* end of open-ended purchases when !has_to */
};

/* Calls fn once per period in order; a non-zero return stops and is
 * returned. */
int spot_growth(struct session *s, const struct growth_options *opt,
                int (*fn)(void *ctx, const struct growth_row *row), void *ctx,
                struct error *err);

/* The figures of the one period of kind that starts with p->start, as
 * spot_growth() gives them with open-ended purchases running to as_of
 * (change is left out: it needs the period before). */
int spot_growth_of(struct session *s, enum period_kind kind, day_t as_of, const struct period *p,
                   struct growth_row *row, struct error *err);

/* The part of a spot purchase's cost that falls in period p of kind, in
 * whole pence, split exactly as spot_growth() splits it (open-ended
 * purchases up to as_of): over the periods of the purchase, the parts of
 * the purchases of a period add up to that period's spend.  No query:
 * the purchase's own dates and cost are all it needs.  0 when the
 * purchase has no day in p. */
int spot_growth_share(struct session *s, enum period_kind kind, day_t as_of,
                      const struct record *purchase, const struct period *p, int64_t *pence,
                      struct error *err);

/* "sendesk report spot-growth": period, children, new, ended, spend,
 * change_pct (teamlead and admin). */
extern const struct report report_spot_growth;

#endif
