/* report.h (db): the queries behind the reports.  Each streams rows to a
 * callback; aggregates are computed here, in SQL. */
#ifndef SENDESK_DB_REPORT_H
#define SENDESK_DB_REPORT_H

#include "db/db.h"

/* One row per contract and value-history entry, in ref then from_date
 * order: (id, ref, provider code, annual_value_pence, start_date,
 * end_date, status, signed_date, decision_ref, from_date, value_pence);
 * the last two are NULL for a contract without history. */
int db_report_contracts(struct db *db, db_row_fn fn, void *ctx, struct error *err);

/* Per district and therapy with coverage by a contract in force on
 * the ISO date on (not a draft, on within its dates):
 * (district, therapy, contracts, refs joined by ';' in ref order). */
int db_report_coverage_on(struct db *db, const char *on, db_row_fn fn, void *ctx,
                          struct error *err);

/* The value history of one contract in from_date order:
 * (from_date, annual_value_pence, source). */
int db_report_contract_values(struct db *db, int64_t contract_id, db_row_fn fn, void *ctx,
                              struct error *err);

/* Contract values dated outside their contract: (contract ref, from_date). */
int db_report_values_outside(struct db *db, db_row_fn fn, void *ctx, struct error *err);

#endif
