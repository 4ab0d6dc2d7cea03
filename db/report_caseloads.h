/* report_caseloads.h (db): each caseworker's children and what they owe. */
#ifndef SENDESK_DB_REPORT_CASELOADS_H
#define SENDESK_DB_REPORT_CASELOADS_H

#include "db/db.h"

/* The days a caseload is looked at, ISO dates. */
struct db_caseload_days {
	const char *on;          /* the day */
	const char *from;        /* the shortfall window's first day (it ends on `on`) */
	const char *review_by;   /* the last day a review counts as due soon */
	const char *terms;       /* term dates as JSON (SQL_PLAN_DAYS) */
};

/* Per caseworker (a login; NULL for children with none, last), of the
 * children whose plan has not ceased, in login order: (login, children,
 * their entries in force on `on`, those of them short over the window
 * (specified by the desk's rules above the minutes delivered), reviews
 * overdue (due, 12 months after the last review or else the plan's
 * start, before `on`), reviews due from `on` to review_by). */
int db_report_caseloads(struct db *db, const struct db_caseload_days *days, db_row_fn fn,
                        void *ctx, struct error *err);

#endif
