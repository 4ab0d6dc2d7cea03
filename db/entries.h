/* entries.h (db): the queries behind the sections and provision-shortfall
 * reports, over therapy entries and the provision delivered against them.
 *
 * Dates cross this boundary as ISO "YYYY-MM-DD" text.  Each query streams
 * its rows to a callback; the aggregates are computed here, in SQL. */
#ifndef SENDESK_DB_ENTRIES_H
#define SENDESK_DB_ENTRIES_H

#include "db/db.h"

/* SQL shared by the queries over an entry's plan and its sessions (here
 * and in db/desk.c), so that the report, the child's record and the Due
 * list count alike.
 *
 * A session counts as delivered when its outcome is (or, written before
 * outcomes were kept, is NULL); any other outcome is a missed session
 * whose minutes are the planned ones.  SQL_MISSED is false for the NULL
 * row of a LEFT JOIN that found no session, so counts of missed
 * sessions are count(CASE WHEN SQL_MISSED THEN 1 END) and delivered ones
 * count(p.id) less those. */
#define SQL_DELIVERED(p) "(" p ".outcome IS NULL OR " p ".outcome = 'delivered')"
#define SQL_MISSED(p) "(" p ".outcome <> 'delivered')"

/* Days from lo to hi (ISO texts, both included) on which an entry
 * expects minutes: all of them, or for a term-time-only entry (tto true)
 * those within the term periods of terms, a JSON array of
 * ["start", "end"] pairs bound as a parameter.  0 when hi < lo. */
#define SQL_PLAN_DAYS(lo, hi, tto, terms) \
	"(CASE WHEN " hi " < " lo " THEN 0 " \
	"      WHEN ifnull(" tto ", 0) THEN " \
	"        (SELECT ifnull(sum(max(0, unixepoch(min(" hi ", t.value ->> 1)) / 86400 " \
	"                             - unixepoch(max(" lo ", t.value ->> 0)) / 86400 + 1)), 0) " \
	"         FROM json_each(" terms ") t) " \
	"      ELSE unixepoch(" hi ") / 86400 - unixepoch(" lo ") / 86400 + 1 END)"

/* An entry's specified minutes over its plan days: minutes_per_week *
 * days / 7, rounded down. */
#define SQL_SPECIFIED(mpw, lo, hi, tto, terms) \
	"(ifnull(" mpw ", 0) * " SQL_PLAN_DAYS(lo, hi, tto, terms) " / 7)"

/* Therapy entries active on the ISO date on (start_date <= on, and no
 * end date or end_date >= on), one row per section and therapy in
 * section then therapy order:
 * (section, therapy, distinct children, entries, sum of minutes_per_week
 * with an unset value counted as 0). */
int db_entries_by_section(struct db *db, const char *on, db_row_fn fn, void *ctx,
                          struct error *err);

/* Entries with minutes_per_week set and a day in [from, to], of children
 * whose plan has not ceased, their active part being the days of [from,
 * to] within [start_date, end_date] (an open entry runs on):
 *   specified  minutes_per_week * the active part's plan days / 7, rounded
 *              down (SQL_PLAN_DAYS: for a term-time-only entry only the
 *              days in terms, the JSON array of [start, end] pairs);
 *   delivered  the minutes of the delivered sessions dated within the
 *              active part; missed sessions count none;
 * one row per entry delivered less than specified:
 * (entry ref, child ref, therapy, section, specified, delivered,
 * specified - delivered, missed sessions, then missed sessions by reason:
 * provider-cancelled, school-cancelled, child-absent, did-not-attend),
 * largest shortfall first, then by entry ref. */
int db_entries_shortfall(struct db *db, const char *from, const char *to, const char *terms,
                         db_row_fn fn, void *ctx, struct error *err);

#endif
