/* store.h: the one way a record is changed, and how one is read back.
 *
 * validate -> check the acting login's role -> in one transaction write
 * the record and its audit row (login, time, action, kind, id, before and
 * after as JSON) -> commit.  The TUI, the importer, the demo loader and
 * user management all come through here; nothing writes around it.  A
 * refused change writes nothing and leaves one message naming the record,
 * the field (err->field) and the reason.
 *
 * Inside an open transaction (an import) the change nests as a savepoint,
 * so the caller decides whether the whole lot commits. */
#ifndef SENDESK_STORE_H
#define SENDESK_STORE_H

#include "core/record.h"
#include "core/session.h"

enum write_action {
	WRITE_INSERT,    /* a new record; its key must be new */
	WRITE_UPDATE,    /* the record r->id */
	WRITE_SAVE,      /* update the record with r's key if there is one, else insert */
	WRITE_DELETE,    /* the record r->id */
};

/* Validates r (required fields, references resolved to ids, the kind's
 * rules) without writing.  Errors as store_write's. */
int store_validate(struct session *s, struct record *r, struct error *err);

/* Receives one problem with a record: problem->field is 1 + the index
 * of the field at fault (0: the record as a whole), problem->msg the
 * reason alone ("required", "is in the future"), problem->other any
 * other field the reason names. */
typedef void (*store_problem_fn)(void *ctx, const struct error *problem);

/* As store_validate, but does not stop at the first problem, so that a
 * person can fix a record in one pass: every required field left empty,
 * every reference that names no record, then the first broken rule of
 * the kind, each sent to problem.  Fields marked in known_bad (may be
 * NULL) already failed to parse: they are not called "required" too.
 * Returns 0 when r is valid, EX_DATAERR when a problem was sent, or
 * another EX_* (the database failed) with err set. */
int store_validate_each(struct session *s, struct record *r, const bool *known_bad,
                        store_problem_fn problem, void *ctx, struct error *err);

/* EX_NOPERM unless the session's role may change records of kind k,
 * saying who may: "login 'x' (caseworker) may not change coverage (only
 * admins may)". */
int store_require_role(struct session *s, const struct kind *k, struct error *err);

/* The rule kind k keeps across all its records (at least one admin),
 * which a batch of writes (an import) is held to at its end rather than
 * after each write: EX_DATAERR with the reason when broken. */
int store_invariant(struct session *s, const struct kind *k, struct error *err);

/* Whether the session's role (as last read) may change records of kind
 * k: what the screens offer; the write itself checks the role anew. */
bool store_may_change(const struct session *s, const struct kind *k);

/* Sets r->id on insert.  err->msg is "field: reason" for a bad field,
 * or a sentence about the record.
 *
 * Every update moves the record's version on by one.  An update of a
 * record read with its version (r->version, set by store_load) saves
 * only over that version: when someone changed the record since, nothing
 * is written and the refusal (store_is_stale) names who and when,
 * "provider 'ACME' was changed by lee at 2026-12-05 12:03 since you
 * opened it"; store_changes_since tells what.  r->version 0 (a record
 * made from a CSV row) saves over whatever is stored: imports are the
 * last writer.  After a write r->version is the stored one. */
int store_write(struct session *s, enum write_action action, struct record *r,
                 struct error *err);

/* err->field of a refusal because the record moved on since it was read. */
#define STORE_STALE (-1)

/* Whether err is store_write's refusal of a stale update. */
bool store_is_stale(const struct error *err);

/* One field of a record changed by someone, as people read it. */
struct store_change {
	const char *at;        /* "2026-12-05 12:03" */
	const char *login;
	const char *action;    /* "update", or "delete" (then field is -1) */
	int field;             /* index of the field changed, -1: the record as a whole */
	const char *before, *after;   /* "" when empty */
};

/* Receives one change; a non-zero return stops the walk and is returned. */
typedef int (*store_change_fn)(void *ctx, const struct store_change *change);

/* Calls fn, oldest first, with each field changed in the stored record
 * r->id since version r->version, from the audit trail (login, time,
 * before and after); a deleted record gives one change with field -1.
 * *now_version is the stored version (0 when the record is gone). */
int store_changes_since(struct session *s, const struct record *r, int64_t *now_version,
                        store_change_fn fn, void *ctx, struct error *err);

/* Asked after each STORE_WAIT_STEP_SECONDS a change waits for another
 * process's write lock (waits counts them): true to wait on. */
typedef bool (*store_wait_fn)(void *ctx, int waits);
#define STORE_WAIT_STEP_SECONDS 1

/* store_write for a person at a screen: while another change holds the
 * database it waits in short steps, asking keep_waiting between them, so
 * that the screen can say so and the person can stop waiting (then
 * EX_TEMPFAIL, nothing written).  The session's busy wait is as it was
 * after. */
int store_write_waiting(struct session *s, enum write_action action, struct record *r,
                        store_wait_fn keep_waiting, void *ctx, struct error *err);

/* A number that changes when another process commits a change to the
 * database and stays the same otherwise (this session's own changes
 * included), read without touching a table: a screen checks it when
 * idle to know whether what it shows is stale. */
int store_data_version(struct session *s, int64_t *version, struct error *err);

/* Where the database stands for a screen that keeps what it loaded: it
 * moves with another process's commit (store_data_version) and with
 * each change this session begins.  Equal marks: nothing has changed in
 * between. */
struct store_mark {
	int64_t others, own;
};
int store_mark_now(struct session *s, struct store_mark *mark, struct error *err);

/* Loads the record with the given id into r (initialised for its kind).
 * EX_DATAERR "no such <kind>" when there is none. */
int store_load(struct session *s, struct record *r, int64_t id, struct error *err);

/* Loads the record with the given single key ("EKHUFT", "C-1"). *found
 * is false when there is none. */
int store_load_by_key(struct session *s, struct record *r, const char *key, bool *found,
                      struct error *err);

/* ---- warnings: what a person should see, and may accept ---------------
 *
 * Some changes are allowed but usually a slip: a new child with the name
 * and date of birth of a child already recorded; a therapy entry funded
 * by a contract that does not cover the child's district for that
 * therapy, or is not in force on the entry's start date.  The form shows
 * them beside their fields and saves when the user accepts; import
 * prints them ("FILE:LINE: column: warning: reason") and goes on. */

#define STORE_WARNINGS_MAX 4

struct warning {
	int field;                     /* 1 + index of the field it is about */
	char reason[ERROR_MSG_MAX];    /* in words, with labels and keys:
	                                * "C-1 does not cover Swale for SLT" */
};

struct warnings {
	int count;
	struct warning items[STORE_WARNINGS_MAX];
};

/* Fills out with the warnings about saving r (count 0 when none).  r is
 * read as a form or a CSV row gives it (references by their keys, not
 * yet resolved); nothing is written.  Returns 0, or the code of a
 * database error (out is then empty). */
int store_warnings(struct session *s, const struct record *r, struct warnings *out,
                   struct error *err);

#endif
