/* report_caseloads.h: each caseworker's load, for team leads.
 *
 * Per caseworker (login order; children with no caseworker last, under
 * an empty caseworker), of the children whose plan has not ceased:
 *   children         how many;
 *   entries          their therapy entries in force on --on;
 *   short_entries    of those, the ones that delivered less than they
 *                    specified over the four weeks ending on --on (the
 *                    Due list's rules, core/desk.h);
 *   reviews_overdue  children whose annual review (12 months after the
 *                    last, or after the plan's start) fell before --on;
 *   reviews_due_30d  those whose review falls within the 30 days from
 *                    --on.
 * Team leads and admins. */
#ifndef SENDESK_REPORT_CASELOADS_H
#define SENDESK_REPORT_CASELOADS_H

#include "core/report.h"

/* "sendesk report caseloads": caseworker, children, entries,
 * short_entries, reviews_overdue, reviews_due_30d. */
extern const struct report report_caseloads;

#endif
