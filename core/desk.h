/* desk.h: the caseworkers' desk: what a child's plan asked for and what
 * was delivered, the defaults of a new session, the contract a new entry
 * would be funded by, logging a group session, and the Due list.
 *
 * Rules, in one place:
 * - A therapy entry specifies minutes_per_week x the weeks of a window it
 *   is in force, pro rata by days (minutes x days / 7, rounded down); a
 *   term-time-only entry counts only days within the configured term
 *   dates (settings.terms).
 * - A session delivered (outcome "delivered", or none) counts its
 *   minutes; any other outcome is a missed session: it keeps its planned
 *   minutes, counts none as delivered, and is counted by its reason.
 * - A child whose ehcp_status is "ceased" owes nothing: such a plan is
 *   never short and never on the Due list.
 * - The default window is the last four weeks: the 28 days ending today.
 *
 * Every function reads; desk_log_group writes, through store_write.
 * Errors are EX_* codes with err set; nothing returned needs freeing. */
#ifndef SENDESK_DESK_H
#define SENDESK_DESK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/session.h"

#define DESK_WINDOW_DAYS 28       /* "the last four weeks", today included */
#define DESK_REVIEW_NOTICE_DAYS 30
#define DESK_STALE_DAYS 28        /* a Section F entry with no session this long is due */

/* Why a session did not happen, in the order of kind.c's outcomes after
 * "delivered". */
enum desk_reason {
	DESK_PROVIDER_CANCELLED,
	DESK_SCHOOL_CANCELLED,
	DESK_CHILD_ABSENT,
	DESK_DID_NOT_ATTEND,
	DESK_REASON_COUNT
};

/* The outcome words as CSV and the provision kind write them:
 * "provider-cancelled", "school-cancelled", "child-absent",
 * "did-not-attend". */
extern const char *const desk_reason_names[DESK_REASON_COUNT];

/* [from, to] = the DESK_WINDOW_DAYS days ending on today. */
void desk_default_window(day_t today, day_t *from, day_t *to);

/* An entry's figures over a window. */
struct desk_figures {
	bool has_plan;                /* minutes_per_week set and above 0 */
	bool ceased;                  /* the child's plan has ceased */
	int64_t weekly;               /* minutes_per_week, 0 when unset */
	int64_t specified;            /* minutes owed over the window (0 when ceased) */
	int64_t delivered;            /* minutes of delivered sessions */
	int64_t delivered_sessions;
	int64_t missed_sessions;
	int64_t missed_minutes;       /* the planned minutes of the missed sessions */
	int64_t missed_by[DESK_REASON_COUNT];
};

/* The figures of entry entry_id over [from, to] (both included; only the
 * days the entry is in force count).  EX_DATAERR "no such therapy entry"
 * when there is none. */
int desk_entry_figures(struct session *s, int64_t entry_id, day_t from, day_t to,
                       struct desk_figures *out, struct error *err);

/* Whether the entry delivered less than its plan specified (never for a
 * ceased plan or one with no minutes). */
bool desk_is_short(const struct desk_figures *f);

/* For people, into buf (size len), returned: "95 of 120 min  SHORT",
 * "120 of 120 min  OK", "no plan minutes" (no minutes_per_week, or none
 * owed in the window: "30 min, no plan minutes"), "plan ceased". */
const char *desk_figures_text(const struct desk_figures *f, char *buf, size_t len);

/* A child's row in a list. */
#define DESK_SUMMARY_MAX 96
struct desk_summary {
	/* Therapies of the entries in force today by section, each once, in
	 * the configured therapy order, codes in capitals: "F: SLT OT  G: PT",
	 * "F: SLT", "G: PT", "" when none is in force. */
	char therapy[DESK_SUMMARY_MAX];
	bool short_of_plan;   /* some entry is short over the default window */
	bool ceased;
};

/* One statement, over the child's entries and their sessions of the
 * window; fast enough for every row of a page. */
int desk_child_summary(struct session *s, int64_t child_id, day_t today,
                       struct desk_summary *out, struct error *err);

/* The entry a child's record opens on: the first entry in force today in
 * the order section (F, then G), start date, id; *entry_id 0 when none
 * is in force. */
int desk_first_entry(struct session *s, int64_t child_id, day_t today, int64_t *entry_id,
                     struct error *err);

/* What a new session on an entry starts with. */
#define DESK_THERAPIST_MAX 101    /* the kind's 100 bytes and a NUL */
struct desk_session_defaults {
	day_t date;                   /* today */
	int64_t minutes;              /* the last session's on this entry, else the
	                               * entry's minutes_per_week; 0: neither */
	char therapist[DESK_THERAPIST_MAX]; /* the last one this login named, or "" */
	const char *outcome;          /* "delivered" */
};

/* EX_DATAERR "no such therapy entry" when there is none.  The therapist
 * comes from the audit trail, so it holds whichever way the session was
 * saved (form, import, group). */
int desk_session_defaults(struct session *s, int64_t entry_id, day_t today,
                          struct desk_session_defaults *out, struct error *err);

/* The contract a new entry is proposed to be funded by. */
#define DESK_REF_MAX 48
#define DESK_MESSAGE_MAX 256
struct desk_proposal {
	bool found;
	int64_t contract_id;          /* 0 when none */
	char ref[DESK_REF_MAX];
	char provider[DESK_REF_MAX];  /* the provider's code */
	int covering;                 /* contracts that qualify: more than 1 is an overlap,
	                               * and the first by ref is proposed */
	/* found: "EKHUFT-2024 (EKHUFT) covers Ashford for SLT on 2024-06-01";
	 * else "no contract covers Swale for SLT on 2024-06-01", or "the child
	 * has no district: no contract can be proposed".  District by its
	 * configured name, therapy by its code in capitals, as lists show it. */
	char message[DESK_MESSAGE_MAX];
};

/* A contract in force on the day (not a draft) whose coverage includes
 * the district for the therapy.  district and therapy are configured
 * codes or names; an unknown one is EX_DATAERR. */
int desk_propose_contract(struct session *s, const char *district, const char *therapy,
                          day_t on, struct desk_proposal *out, struct error *err);

/* The same for the district of child child_id (EX_DATAERR "no such
 * child" when there is none). */
int desk_propose_for_child(struct session *s, int64_t child_id, const char *therapy, day_t on,
                           struct desk_proposal *out, struct error *err);

/* A group session: one therapist, several children (one entry each), the
 * same date and minutes. */
struct desk_group_member {
	int64_t entry_id;
	const char *outcome;          /* NULL or "delivered", or a desk_reason_names word */
};
struct desk_group {
	day_t date;
	int64_t minutes;
	const char *therapist;        /* may be NULL */
	const char *notes;            /* may be NULL */
	const struct desk_group_member *members;
	int count;
};

/* Logs one provision record per member through store_write (validated,
 * role checked, one audit row each), all in one transaction: all or
 * nothing.  On a refusal nothing is written, *failed (may be NULL) is
 * the index of the member refused, and err->msg names the entry's ref
 * and the reason ("E-12: minutes: must be between 1 and 1440"); -1 for
 * a problem of the group itself (no members). */
int desk_log_group(struct session *s, const struct desk_group *g, int *failed,
                   struct error *err);

/* The Due list. */
enum desk_action {
	DESK_DUE_REVIEW = 1,          /* EHCP annual review due or overdue */
	DESK_DUE_NO_SESSION = 2,      /* Section F entry with no session for 4 weeks */
	DESK_DUE_SHORT = 3,           /* entry short of its plan over the last 4 weeks */
};

/* Where a row sits in the list: pass the last row's to fetch the next
 * page.  Copy it; it holds no pointers. */
struct desk_due_pos {
	int64_t group, key, child_id, entry_id, action;
};

#define DESK_NAME_MAX 208
#define DESK_WHAT_MAX 128
struct desk_due_row {
	enum desk_action action;
	day_t due;                    /* the day the action falls due (today for SHORT) */
	int64_t child_id;             /* the record to open */
	int64_t entry_id;             /* its entry to select; 0 for a review */
	char child_ref[DESK_REF_MAX];
	char child_name[DESK_NAME_MAX];  /* "first last" */
	/* "EHCP annual review", "no SLT session since 2026-10-01" (or "no SLT
	 * session since it started"), "SLT short: 95 of 120 min" */
	char what[DESK_WHAT_MAX];
	int64_t shortfall;            /* minutes, DESK_DUE_SHORT only */
	struct desk_due_pos pos;
};

/* One page of at most limit rows (limit >= 1) after *after (NULL: the
 * first page), into rows; *count rows were filled (fewer than limit:
 * the end).  caseworker: a login whose caseload (children.caseworker_id)
 * is listed, or NULL for every child; a login with no users row has an
 * empty list.  Order: reviews (due within DESK_REVIEW_NOTICE_DAYS of
 * today, or overdue: 12 months after the last review, else after the
 * EHCP's start) and Section F entries in force with no session for
 * DESK_STALE_DAYS (due that long after the last session, else after the
 * entry's start), together by due date, soonest first; then entries
 * short over the default window, most short first; ties by child id,
 * entry id.  Ceased plans are left out.  Only the caseload's children
 * are read, so a page of a caseload is fast at any database size; the
 * everyone list reads every child and entry. */
int desk_due_page(struct session *s, const char *caseworker, day_t today,
                  const struct desk_due_pos *after, int limit, struct desk_due_row *rows,
                  int *count, struct error *err);

/* Whether the login has children assigned (a caseworker opens Children
 * and Due on their caseload when they do). */
int desk_has_caseload(struct session *s, const char *login, bool *has, struct error *err);

/* The configured term dates as the JSON the db layer binds, into buf
 * (size len; 64 terms take 1.7 KB); "[]" when none. */
const char *desk_terms_json(const struct settings *cfg, char *buf, size_t len);
#define DESK_TERMS_JSON_MAX (CONFIG_MAX_TERMS * 28 + 3)

#endif
