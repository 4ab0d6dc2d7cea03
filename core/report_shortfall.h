/* report_shortfall.h: therapy entries whose delivered provision falls
 * short of what the plan specifies.
 *
 * Over --from..--to (both days included), for each therapy entry with
 * minutes_per_week set and a day in the range, its active part being the
 * days of the range within its start and end dates:
 *   specified  minutes_per_week * the active part's days / 7, rounded down;
 *   delivered  the provision minutes dated within the active part;
 *   shortfall  specified - delivered, the entry listed only when above 0;
 * largest shortfall first, then by entry ref.
 * Without --to the range ends on --on (today by default); without --from
 * it starts on the first day of the month three months before the month
 * of its end (to 2024-06-15: from 2024-03-01). */
#ifndef SENDESK_REPORT_SHORTFALL_H
#define SENDESK_REPORT_SHORTFALL_H

#include "core/report.h"

/* The range the report covers for these options, defaults applied. */
void shortfall_range(const struct report_options *opt, day_t *from, day_t *to);

/* "sendesk report provision-shortfall": entry, child, therapy, section,
 * specified_minutes, delivered_minutes, shortfall_minutes (caseworker and
 * above). */
extern const struct report report_provision_shortfall;

#endif
