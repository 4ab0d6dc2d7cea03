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

/* Whether the session's role (as last read) may change records of kind
 * k: what the screens offer; the write itself checks the role anew. */
bool store_may_change(const struct session *s, const struct kind *k);

/* Sets r->id on insert.  err->msg is "field: reason" for a bad field,
 * or a sentence about the record. */
int store_write(struct session *s, enum write_action action, struct record *r,
                 struct error *err);

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
