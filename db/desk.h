/* desk.h (db): the queries behind the caseworkers' desk: a therapy
 * entry's delivered and specified minutes, a child's therapy summary, the
 * defaults of a new session, the contract covering a district, and the
 * Due list.
 *
 * Dates cross this boundary as ISO "YYYY-MM-DD" text; terms is the
 * authority's term dates as a JSON array of ["start", "end"] pairs (see
 * SQL_PLAN_DAYS in db/entries.h).  A plan "ceased" is a child whose
 * ehcp_status is 'ceased'.  Rows are streamed to a callback. */
#ifndef SENDESK_DB_DESK_H
#define SENDESK_DB_DESK_H

#include <stdbool.h>
#include <stdint.h>

#include "db/db.h"

/* One row, or none when there is no such entry, for the entry over
 * [from, to] (its active part being the days of it within the entry's
 * start and end): (minutes_per_week or NULL, ceased 0/1, specified,
 * delivered minutes, delivered sessions, missed sessions, missed
 * minutes, then missed sessions by reason: provider-cancelled,
 * school-cancelled, child-absent, did-not-attend). */
int db_desk_entry_figures(struct db *db, int64_t entry_id, const char *from, const char *to,
                          const char *terms, db_row_fn fn, void *ctx, struct error *err);

/* One row per entry of the child with a day in [from, to] or in force on
 * today (from <= today): (section, therapy, in force today 0/1, short
 * 0/1, ceased 0/1), where short means it has minutes_per_week and
 * delivered fewer minutes over [from, to] than specified.  In section,
 * then therapy order.  One statement over therapy_entries_child and
 * provision(entry_id, date). */
int db_desk_child_therapies(struct db *db, int64_t child_id, const char *from,
                            const char *today, const char *terms, db_row_fn fn, void *ctx,
                            struct error *err);

/* The child's first entry in force on today, in the order section (F
 * before G), start_date, id; *entry_id 0 when none is. */
int db_desk_first_entry(struct db *db, int64_t child_id, const char *today, int64_t *entry_id,
                        struct error *err);

/* For the entry: *found, its minutes_per_week (*weekly, -1 when unset)
 * and the minutes of the last session logged on it, latest date then
 * latest id (*last, -1 when none). */
int db_desk_entry_minutes(struct db *db, int64_t entry_id, bool *found, int64_t *weekly,
                          int64_t *last, struct error *err);

/* The therapist of the latest session the login inserted or updated
 * that names one (from the audit trail, over audit_login), into buf
 * (size len); "" when there is none. */
int db_desk_last_therapist(struct db *db, const char *login, char *buf, size_t len,
                           struct error *err);

/* Contracts in force on the day (not drafts, start_date <= on <=
 * end_date) that cover the district (configured code) for the therapy
 * (code), by ref: (contract id, ref, provider code). */
int db_desk_covering_contracts(struct db *db, const char *district, const char *therapy,
                               const char *on, db_row_fn fn, void *ctx, struct error *err);

/* The users row of the login: *id 0 when there is none. */
int db_desk_user_id(struct db *db, const char *login, int64_t *id, struct error *err);

/* Whether any child has the user as caseworker. */
int db_desk_has_caseload(struct db *db, int64_t user_id, bool *has, struct error *err);

/* Where a Due page starts: after the row with this sort key (all zero
 * with group -1 for the first page). */
struct db_due_after {
	int64_t group, key, child_id, entry_id, action;
};

/* Parameters of the Due list. */
struct db_due_query {
	int64_t caseworker_id;   /* 0: every child */
	const char *today;
	const char *review_by;   /* reviews due on or before this day are listed */
	const char *from;        /* the window of the shortfall: from..today */
	const char *terms;
};

/* At most limit actions after *after, for children whose plan has not
 * ceased, in the order (group, key, child_id, entry_id, action):
 *   action 1, group 0: an EHCP annual review due on or before
 *     review_by, due 12 months after the last review, else after the
 *     EHCP's start (a child with neither has no review row);
 *   action 2, group 0: a Section F entry in force today with no session
 *     (of any outcome) for 28 days: due 28 days after its latest session
 *     on or before today, else after its start, and listed once that day
 *     is today or past;
 *   action 3, group 1: an entry with a day in from..today delivered less
 *     than specified over it; due today; key -(shortfall) so the most
 *     short comes first;
 * key is the due day's number (unixepoch / 86400) in group 0.  Row:
 * (group, key, child_id, entry_id (0 for a review), action, due date,
 * child ref, first name, last name, therapy, section, specified,
 * delivered, last session date or NULL). */
int db_desk_due_page(struct db *db, const struct db_due_query *q, const struct db_due_after *after,
                     int limit, db_row_fn fn, void *ctx, struct error *err);

#endif
