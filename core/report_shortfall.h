/* report_shortfall.h: therapy entries whose delivered provision falls
 * short of what the plan specifies.
 *
 * Over --from..--to (both days included), for each therapy entry with
 * minutes_per_week set and a day in the range, of a child whose plan has
 * not ceased, its active part being the days of the range within its
 * start and end dates:
 *   specified  minutes_per_week * the active part's days / 7, rounded down,
 *              counting for a term-time-only entry only the days in the
 *              configured terms (core/desk.h states the rules);
 *   delivered  the minutes of the sessions delivered within the active
 *              part; a session not delivered counts none;
 *   shortfall  specified - delivered, the entry listed only when above 0;
 *   missed     the sessions not delivered within the active part, and
 *              their count by reason;
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
 * specified_minutes, delivered_minutes, shortfall_minutes, missed_sessions,
 * provider_cancelled, school_cancelled, child_absent, did_not_attend
 * (caseworker and above). */
extern const struct report report_provision_shortfall;

#endif
