/* report_funding.h (db): the queries behind the Section F duty reports
 * (section-f-funding, section-f-unfunded, capacity, equality).
 *
 * An entry is funded on a day (?1, ISO) when its funding holds then:
 * "contract" when a contract in force (not a draft, the day within its
 * dates) covers the child's district for the entry's therapy; "spot"
 * when a spot purchase for that child and therapy is in force (an open
 * one has no end); "pb" when a personal budget of the child is in force
 * with a therapy amount above 0; "school" and "nhs" as recorded.  Any
 * other entry (no funding recorded, or funding that does not hold) has
 * the route "none".  An entry is in force when it started on or before
 * the day and has not ended before it.  Each function streams rows to
 * fn; every figure is an SQL aggregate. */
#ifndef SENDESK_DB_REPORT_FUNDING_H
#define SENDESK_DB_REPORT_FUNDING_H

#include <stdbool.h>

#include "db/db.h"

/* Section F entries in force on `on`, per child's district (code, NULL
 * when the child has none), therapy and route, in district, therapy and
 * route order (contract, spot, pb, school, nhs, none):
 * (district, therapy, route, entries, distinct children, sum of
 * minutes_per_week with an unset value as 0). */
int db_report_f_funding(struct db *db, const char *on, db_row_fn fn, void *ctx,
                        struct error *err);

/* Which Section F entries in force on `on` to list: every field NULL
 * matches all; has_district with district NULL matches children with
 * no district. */
struct db_funded_filter {
	const char *route;
	bool has_district;
	const char *district;
	const char *therapy;
};

/* The Section F entries in force on `on` that match, in entry ref
 * order: (entry id, entry ref, child id, child ref, district, therapy,
 * minutes_per_week, start_date, funding as recorded, route). */
int db_report_f_entries(struct db *db, const char *on, const struct db_funded_filter *filter,
                        db_row_fn fn, void *ctx, struct error *err);

/* A page of them: those of the district filter->district (NULL: the
 * children with none) and therapy filter->therapy (not NULL), of route
 * filter->route (NULL: any), in entry ref order, at most limit, after
 * the entry after_entry (NULL: from the first); the same columns.  A
 * page costs the district's entries of the therapy at most, never the
 * figure's or the district's children: for a screen showing the entries
 * behind a figure. */
int db_report_f_entries_page(struct db *db, const char *on, const struct db_funded_filter *filter,
                             const char *after_entry, int limit, db_row_fn fn, void *ctx,
                             struct error *err);

/* Each therapy entry whose copy of its child's district (kept for the
 * pages above) differs from the child's: (entry ref, its copy, the
 * child's district), for `sendesk check`. */
int db_entries_district_drift(struct db *db, db_row_fn fn, void *ctx, struct error *err);

/* Per contract in force on `on` and therapy it covers or staffs (or of
 * an entry it funds), in contract ref then therapy order: (contract id,
 * ref, therapy, districts covered for the therapy, funded FTE in
 * hundredths (NULL when no staffing row gives one), entries in force it
 * funds (contract_id) or in a district it covers for the therapy, their
 * minutes_per_week summed). */
int db_report_capacity(struct db *db, const char *on, db_row_fn fn, void *ctx,
                       struct error *err);

/* The children with Section F entries in force on `on`, counted once per
 * route of their entries, by characteristic: age_band on `on` ("0-4",
 * "5-10", "11-15", "16-19", "20-25", "other" past 25), sex, primary_need
 * and district (NULL when not recorded), in that order, then by value
 * and route: (characteristic, value, route, children, children of the
 * characteristic with that route). */
int db_report_equality(struct db *db, const char *on, db_row_fn fn, void *ctx,
                       struct error *err);

#endif
