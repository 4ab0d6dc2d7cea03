/* audit_read.h: reading the audit trail back, newest first, a page at a
 * time.
 *
 * The trail is only ever appended to (db_audit_add in db/record.h); these
 * are the SELECTs a record's history and the Audit tab page through, by
 * the audit row's id, which grows with every change. */
#ifndef SENDESK_AUDIT_READ_H
#define SENDESK_AUDIT_READ_H

#include <stdbool.h>
#include <stdint.h>

#include "db/db.h"

/* Which rows: all of one record's (kind and record_id set), or every
 * row narrowed by any of login, kind and a range of days (ISO dates,
 * inclusive; NULL: no bound). */
struct db_audit_filter {
	const char *kind;          /* as in export names: "contracts" */
	int64_t record_id;         /* 0: any record of kind */
	const char *login;
	const char *from_day, *to_day;
};

/* Calls fn with (id, at, login, action, kind, record_id, before, after)
 * for up to limit rows of f: with newer false, those with an id below
 * before_id (0: from the newest) newest first; with newer true, those
 * with an id above before_id, oldest first (the page before, read from
 * its far end).  Rows are streamed, never gathered. */
int db_audit_page(struct db *db, const struct db_audit_filter *f, int64_t before_id, bool newer,
                  int limit, db_row_fn fn, void *ctx, struct error *err);

/* Calls fn with the audit row id, as db_audit_page does; not at all
 * when there is none. */
int db_audit_row(struct db *db, int64_t id, db_row_fn fn, void *ctx, struct error *err);

/* The id of the latest change (insert, update or delete; not a record
 * being opened) of one record, 0 when there is none. */
int db_audit_latest_change(struct db *db, const char *kind, int64_t record_id, int64_t *id,
                           struct error *err);

/* Calls fn once with a record of table t as a JSON object written by the
 * write path (db_record_json) holds it: the id, then one column per
 * catalogue column in order, references as the referenced row's key.
 * A key the object lacks is NULL. */
int db_audit_json_row(struct db *db, enum db_table_id t, const char *json, db_row_fn fn,
                      void *ctx, struct error *err);

#endif
