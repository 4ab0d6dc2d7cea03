/* report_capacity.h: what each contract in force funds against the
 * therapy it is asked for.
 *
 * Per contract in force on --on (not a draft) and therapy (one it covers,
 * staffs, or of an entry it funds), in contract ref then therapy order:
 *   districts         the districts it covers for the therapy;
 *   funded_fte        the full-time posts its staffing funds for the
 *                     therapy (summed over areas), null when none given;
 *   entries           the therapy entries in force (either section) that
 *                     it funds (the entry names the contract) or whose
 *                     child lives in a district it covers for the
 *                     therapy, each counted once;
 *   minutes_per_week  their weekly minutes (an unset value as 0);
 *   minutes_per_fte   minutes_per_week / funded_fte, rounded; null when
 *                     no FTE is funded.
 * Team leads and admins. */
#ifndef SENDESK_REPORT_CAPACITY_H
#define SENDESK_REPORT_CAPACITY_H

#include "core/report.h"

/* "sendesk report capacity": contract, therapy, districts, funded_fte,
 * entries, minutes_per_week, minutes_per_fte. */
extern const struct report report_capacity;

#endif
