/* funders.h (db): who pays towards a contract or pooled service.
 *
 * A contract's annual value is the council's share; the funders table
 * names every body paying towards it, the council's own row marked
 * council = 1.  The sums here are SQL aggregates. */
#ifndef SENDESK_DB_FUNDERS_H
#define SENDESK_DB_FUNDERS_H

#include <stdint.h>

#include "db/db.h"

/* Calls fn once with (type, other_annual_pence, funders) for the
 * contract: its type ('contract' or 'service'), the sum of the annual
 * amounts of its funders other than the council (0 when none), and how
 * many funder rows it has; no call when there is no such contract. */
int db_contract_funding(struct db *db, int64_t contract_id, db_row_fn fn, void *ctx,
                        struct error *err);

#endif
