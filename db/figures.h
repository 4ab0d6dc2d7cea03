/* figures.h (db): the figures behind the Budgets and Returns tabs' own
 * views: one year's personal budgets added up from the records between
 * two days, and one provider's returns for one therapy month by month. */
#ifndef SENDESK_DB_FIGURES_H
#define SENDESK_DB_FIGURES_H

#include "db/db.h"

/* Personal budgets whose start_date falls first_day..last_day (ISO,
 * both included).  Row, exactly one: (budgets, distinct children, sum of
 * amount_pence, sum of therapy_amount_pence, EOTAS budgets, sum of their
 * amount_pence); sums are 0 rather than NULL. */
int db_pb_total_between(struct db *db, const char *first_day, const char *last_day,
                        db_row_fn fn, void *ctx, struct error *err);

/* The returns of provider_id for therapy, in month order.  Row: (month,
 * referrals, waiting_assessment, waiting_assessment_over_12w,
 * waiting_intervention, waiting_intervention_over_12w, caseload); NULL
 * where not reported. */
int db_returns_series(struct db *db, int64_t provider_id, const char *therapy, db_row_fn fn,
                      void *ctx, struct error *err);

#endif
