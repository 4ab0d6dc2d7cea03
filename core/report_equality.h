/* report_equality.h: who the Section F duty is met for, by protected
 * and other characteristics, per funding route.
 *
 * The children with Section F entries in force on --on, counted once per
 * funding route of their entries (db/report_funding.h), by
 * characteristic, in this order: age_band (age on --on: 0-4, 5-10,
 * 11-15, 16-19, 20-25, other), sex, primary_need, district (its
 * configured name); a value not recorded is "not recorded".
 *   children   the count; 1 to 4 is "<5" in every format, so that no
 *              child can be picked out;
 *   share_pct  children as a share of the children of that route (so
 *              each characteristic's values add up to 100% per route),
 *              in tenths of a percent; empty where children is "<5".
 * Team leads and admins. */
#ifndef SENDESK_REPORT_EQUALITY_H
#define SENDESK_REPORT_EQUALITY_H

#include "core/report.h"

/* Counts from 1 to this are published as "<5". */
#define EQUALITY_SMALL_COUNT 4

/* "sendesk report equality": characteristic, value, funding, children,
 * share_pct. */
extern const struct report report_equality;

#endif
