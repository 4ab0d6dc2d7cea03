/* history.h: what happened to records, read back from the audit trail,
 * and undoing a record's latest change.
 *
 * Every change the write path makes leaves an audit row holding the
 * record before and after as JSON (core/store.h).  Here those rows come
 * back as changes people can read: who, when, and each field that
 * changed by its label, before -> after, as the record view shows
 * values.  Pages are read newest first from a place in the trail, a
 * page at a time: never the whole trail. */
#ifndef SENDESK_HISTORY_H
#define SENDESK_HISTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/session.h"

#define HISTORY_VALUE_MAX 240
#define HISTORY_DAY_MAX 11

/* One field a change touched, as people read it ("" when empty; a
 * longer text ends in "..."). */
struct history_field {
	int field;                            /* index into the kind's fields */
	char before[HISTORY_VALUE_MAX];
	char after[HISTORY_VALUE_MAX];
};

enum history_action { HISTORY_ADDED, HISTORY_CHANGED, HISTORY_DELETED, HISTORY_OPENED };

struct history_change {
	int64_t id;                           /* the audit row's */
	char at[24];                          /* "2026-12-05T12:50:21Z" */
	char login[LOGIN_MAX];
	enum history_action action;
	const struct kind *kind;              /* NULL: a kind this build does not know */
	char kind_name[32];                   /* as the trail names it */
	int64_t record_id;
	char record[96];                      /* its key then ("C-1"), or "#12" */
	int field_count;                      /* fields changed (for an insert: set) */
	struct history_field fields[KIND_MAX_FIELDS];
};

/* Which changes: one record's (kind and record_id), or, with record_id
 * 0, all of them narrowed by kind, login and days (inclusive ISO dates);
 * an empty text is no narrowing. */
struct history_query {
	const struct kind *kind;
	int64_t record_id;
	char login[LOGIN_MAX];
	char from_day[HISTORY_DAY_MAX], to_day[HISTORY_DAY_MAX];
};

/* Receives each change of a page; non-zero stops and is returned. */
typedef int (*history_fn)(void *ctx, const struct history_change *c);

/* Up to limit changes of q with ids below before_id (0: from the newest),
 * newest first; with newer, those above before_id, oldest first.  One
 * record's history is open to every role; the whole trail only to team
 * leads and admins (EX_NOPERM, saying so). */
int history_page(struct session *s, const struct history_query *q, int64_t before_id,
                 bool newer, int limit, history_fn fn, void *ctx, struct error *err);

/* A screen's page of q's changes into rows (room for limit), kept newest
 * first whichever way it was read (history_page's edge and newer): their
 * number in *count, and in *more whether another came past limit, so that
 * the screen knows there are more that way. */
int history_page_rows(struct session *s, const struct history_query *q, int64_t edge, bool newer,
                      struct history_change *rows, int limit, int *count, bool *more,
                      struct error *err);

/* The change with audit id into c; EX_DATAERR when there is none. */
int history_get(struct session *s, int64_t id, struct history_change *c, struct error *err);

/* The audit id of the record's latest change, 0 when it has none. */
int history_latest_change(struct session *s, const struct kind *k, int64_t record_id,
                          int64_t *id, struct error *err);

/* "added", "changed", "deleted", "opened". */
const char *history_action_word(enum history_action a);

/* Undoes the latest change of record record_id of kind k through the
 * write path (so the undo is itself checked and audited): a change
 * writes back the values before it, an addition deletes the record.
 * seen_id is the change the person was shown as the latest (0: any):
 * refused with EX_DATAERR, naming who changed it and when, when the
 * record has changed again since; refused when other records now
 * depend on an added record, saying which; refused for a role that may
 * not change the kind.  On success done says what was undone
 * ("contract C-1: Annual value back to £1,000.00"). */
int history_undo(struct session *s, const struct kind *k, int64_t record_id, int64_t seen_id,
                 char *done, size_t len, struct error *err);

#endif
