/* entries.h (db): the queries behind the sections and provision-shortfall
 * reports, over therapy entries and the provision delivered against them.
 *
 * Dates cross this boundary as ISO "YYYY-MM-DD" text.  Each query streams
 * its rows to a callback; the aggregates are computed here, in SQL. */
#ifndef SENDESK_DB_ENTRIES_H
#define SENDESK_DB_ENTRIES_H

#include "db/db.h"

/* Therapy entries active on the ISO date on (start_date <= on, and no
 * end date or end_date >= on), one row per section and therapy in
 * section then therapy order:
 * (section, therapy, distinct children, entries, sum of minutes_per_week
 * with an unset value counted as 0). */
int db_entries_by_section(struct db *db, const char *on, db_row_fn fn, void *ctx,
                          struct error *err);

/* Entries with minutes_per_week set and a day in [from, to], their active
 * part being the days of [from, to] within [start_date, end_date] (an
 * open entry runs on):
 *   specified  minutes_per_week * the active part's days / 7, rounded down;
 *   delivered  the provision minutes dated within the active part;
 * one row per entry delivered less than specified:
 * (entry ref, child ref, therapy, section, specified, delivered,
 * specified - delivered), largest shortfall first, then by entry ref. */
int db_entries_shortfall(struct db *db, const char *from, const char *to, db_row_fn fn,
                         void *ctx, struct error *err);

#endif
