/* report_pb.h: personal budgets per academic year.
 *
 * Per academic year (the start month from the configuration; a budget
 * belongs to the year its start date falls in):
 *   budgets            how many budgets start in the year;
 *   children           distinct children with one of them;
 *   amount             their amounts added up;
 *   therapy_amount     their therapy amounts added up;
 *   therapy_share_pct  therapy_amount / amount in tenths of a percent,
 *                      rounded half up; none when amount is 0;
 *   eotas_count        budgets marked EOTAS, and
 *   eotas_amount       their amounts added up.
 * The years shown run from --from's (else the first with a budget) to
 * --to's (else the last with a budget), years without budgets between
 * them included. */
#ifndef SENDESK_REPORT_PB_H
#define SENDESK_REPORT_PB_H

#include "core/report.h"

/* "sendesk report pb-summary" (teamlead and admin). */
extern const struct report report_pb_summary;

#endif
