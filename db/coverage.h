/* coverage.h (db): the queries behind the coverage map.
 *
 * A contract "in force" on a day is one that is not a draft and whose
 * start_date <= day <= end_date.  Days are ISO text; districts and
 * therapies are the configured codes the coverage table holds.  Rows are
 * streamed to a callback; lists are joined in SQL, not gathered in C. */
#ifndef SENDESK_DB_COVERAGE_H
#define SENDESK_DB_COVERAGE_H

#include <stdint.h>

#include "db/db.h"

/* One row per district that a contract in force on the day covers for
 * the therapy: (district, contracts, refs joined by ';' in ref order,
 * provider codes joined by ';' without repeats, in code order, the refs
 * of those that are services (type 'service') joined likewise or NULL).
 * A district with no such contract has no row.  A service counts as a
 * contract does. */
int db_coverage_map(struct db *db, const char *on, const char *therapy,
                    db_row_fn fn, void *ctx, struct error *err);

/* One row per district and therapy that a service (a contracts row of
 * type 'service') in force on the day covers: (district, therapy, the
 * services' refs joined by ';' in ref order). */
int db_coverage_services_on(struct db *db, const char *on, db_row_fn fn, void *ctx,
                            struct error *err);

/* Every contract in force on the day, ordered by provider code then ref:
 * (contract id, ref, provider code, start_date, end_date, covers), where
 * covers is 1 when the contract already covers the district for the
 * therapy, else 0. */
int db_coverage_candidates(struct db *db, const char *on, const char *district,
                           const char *therapy, db_row_fn fn, void *ctx, struct error *err);

/* The id of the coverage row of the contract (by ref), district and
 * therapy; *id is 0 when there is none. */
int db_coverage_find(struct db *db, const char *contract_ref, const char *district,
                     const char *therapy, int64_t *id, struct error *err);

/* Around the day, among contracts that cover anything: how many are in
 * force on it (*in_force), the last end_date before it and the first
 * start_date after it (ISO text, "" when there is none).  last and first
 * hold at least 11 bytes. */
int db_coverage_days(struct db *db, const char *on, int64_t *in_force, char *last,
                     char *first, struct error *err);

/* How one contract (by ref) stands for a district and therapy on a day:
 * calls fn once with (ref, covers, in_force, start_date, end_date,
 * status), covers and in_force 1 or 0 (in force as above, status NULL
 * read as active); no call when there is no such contract. */
int db_coverage_fit(struct db *db, const char *contract_ref, const char *district,
                    const char *therapy, const char *on, db_row_fn fn, void *ctx,
                    struct error *err);

#endif
