/* returns.h (db): the queries behind the pb-summary and waits reports.
 * Each streams rows to a callback; aggregates are computed here, in SQL. */
#ifndef SENDESK_DB_RETURNS_H
#define SENDESK_DB_RETURNS_H

#include "db/db.h"

/* Personal budgets per academic year, one row per year with a budget,
 * in year order.  A budget belongs to the year its start_date falls in;
 * a year starts on the first of start_month (1-12) and is named by the
 * calendar year it starts in.  Only budgets starting first_day..last_day
 * (ISO dates, both included; NULL for no bound) are read.
 * Row: (year, budgets, distinct children, sum of amount_pence, sum of
 * therapy_amount_pence, EOTAS budgets, sum of EOTAS amount_pence); sums
 * are 0 rather than NULL. */
int db_pb_by_year(struct db *db, int start_month, const char *first_day, const char *last_day,
                  db_row_fn fn, void *ctx, struct error *err);

/* Provider returns for months first_month..last_month ("YYYY-MM"),
 * ordered by provider code, therapy, month.  Row: (provider code,
 * therapy, month, referrals, waiting_assessment,
 * waiting_assessment_over_12w, waiting_intervention,
 * waiting_intervention_over_12w); NULL where not reported. */
int db_returns_by_month(struct db *db, const char *first_month, const char *last_month,
                        db_row_fn fn, void *ctx, struct error *err);

#endif
