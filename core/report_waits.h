/* report_waits.h: providers' waiting lists by month, from their returns.
 *
 * One row per provider return (provider code, therapy, month), ordered
 * by provider code, therapy and month, --from/--to limiting the months:
 *   referrals, waiting_assessment, waiting_assessment_over_12w,
 *   waiting_intervention, waiting_intervention_over_12w
 *                  as returned; null where not reported (not zero);
 *   over_12w_pct   waiting_assessment_over_12w / waiting_assessment in
 *                  tenths of a percent, rounded half up; null when either
 *                  is not reported or nobody waits;
 *   target_missed  "yes" when either over-12-week count is above 0;
 *                  "no" when both are reported and 0; null (empty)
 *                  otherwise: a count not reported cannot show the
 *                  target met.
 * The wait target is the configured wait_target_weeks (12).  The returns
 * count those waiting longer than the target, so a count above 0 means
 * someone waits longer than the target: the target is missed. */
#ifndef SENDESK_REPORT_WAITS_H
#define SENDESK_REPORT_WAITS_H

#include "core/report.h"

/* "sendesk report waits" (teamlead and admin). */
extern const struct report report_waits;

#endif
