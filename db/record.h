/* record.h: generic reads and writes of the record tables.
 *
 * Every table in catalog.h is handled by the same few statements,
 * composed from the catalogue and prepared once per open database.
 * Columns are passed in catalogue order; a reference column carries the
 * id of the row it points at.  These functions do not begin or commit
 * transactions: core's write path wraps them. */
#ifndef SENDESK_DB_RECORD_H
#define SENDESK_DB_RECORD_H

#include <stdint.h>

#include "db/db.h"

/* Finds the id of the row whose natural key equals key (key_count values
 * in key-column order).  *id is 0 when there is none. */
int db_record_find(struct db *db, enum db_table_id t, const struct db_value *key,
                   int64_t *id, struct error *err);

/* Finds the id of the row of a single-text-key table (providers by code,
 * contracts by ref, ...).  *id is 0 when there is none. */
int db_record_find_by_key(struct db *db, enum db_table_id t, const char *key,
                          int64_t *id, struct error *err);

int db_record_insert(struct db *db, enum db_table_id t, const struct db_value *cols,
                     int64_t *id, struct error *err);
/* Updates row id to cols and moves its version on by one.  With version
 * above 0 the row is updated only while it is at that version: *written
 * is false (and nothing changed) when the row is gone or moved on. */
int db_record_update(struct db *db, enum db_table_id t, int64_t id, int64_t version,
                     const struct db_value *cols, bool *written, struct error *err);
/* Calls fn with each table that has rows referring to (t, id), and how
 * many; a non-zero return stops and is returned. */
int db_record_referrers(struct db *db, enum db_table_id t, int64_t id,
                        int (*fn)(void *ctx, enum db_table_id table, int64_t count), void *ctx,
                        struct error *err);

/* Refused with EX_DATAERR when other records still refer to the row. */
int db_record_delete(struct db *db, enum db_table_id t, int64_t id, struct error *err);

/* The row as a JSON object (malloc'd, caller frees), keys as the column
 * names with references given as the referenced row's key (provider_id
 * becomes "provider": "EKHUFT").  *json is NULL when there is no row. */
int db_record_json(struct db *db, enum db_table_id t, int64_t id, char **json,
                   struct error *err);

/* Calls fn for one row (by id) or for every row in id order, with the
 * columns in catalogue order and each reference replaced by the
 * referenced row's key as text.  Rows are streamed, never gathered.
 * One row (db_record_get) has its version after the columns. */
int db_record_get(struct db *db, enum db_table_id t, int64_t id,
                  db_row_fn fn, void *ctx, struct error *err);
int db_record_each(struct db *db, enum db_table_id t, db_row_fn fn, void *ctx,
                   struct error *err);

int db_record_count(struct db *db, enum db_table_id t, int64_t *count, struct error *err);

/* The largest id in table t (0 when empty), from its primary key. */
int db_record_last_id(struct db *db, enum db_table_id t, int64_t *id, struct error *err);

/* Calls fn with each distinct non-NULL value of column c of table t. */
int db_record_distinct(struct db *db, enum db_table_id t, int c, db_row_fn fn, void *ctx,
                       struct error *err);

/* How many rows of table t have in text column c something that is not
 * an ISO date of a real day. */
int db_record_bad_dates(struct db *db, enum db_table_id t, int c, int64_t *count,
                        struct error *err);

/* How many rows of table t have column c NULL. */
int db_record_count_null(struct db *db, enum db_table_id t, int c, int64_t *count,
                         struct error *err);

/* How many users have the given role. */
/* Calls fn for each of the latest count audit rows of record (kind,
 * record_id) of table t, oldest first, with at, login, action, then the
 * record before and after the change as db_record_get gives a row (the
 * id, then the columns, all NULL on the side an insert or a delete has
 * none of). */
int db_audit_latest(struct db *db, enum db_table_id t, const char *kind, int64_t record_id,
                    int64_t count, db_row_fn fn, void *ctx, struct error *err);

int db_count_users_with_role(struct db *db, const char *role, int64_t *count,
                             struct error *err);

/* Calls fn with (id, login, role) per user, in login order. */
int db_users_each(struct db *db, db_row_fn fn, void *ctx, struct error *err);

/* Appends one audit row, chained to the one before (db/audit.h); it
 * must run inside the caller's write transaction.  action is a change
 * (insert, update, delete) or an event (view, backup, restore).
 * before/after are JSON text or NULL. */
int db_audit_add(struct db *db, const char *login, const char *action, const char *kind,
                 int64_t record_id, const char *before, const char *after,
                 struct error *err);

/* Calls fn with (at, login, action, kind, record_id, before, after) for the
 * audit rows of changes (not views, backups or restores) of one kind and
 * record (kind NULL: all), newest last. */
int db_audit_each(struct db *db, const char *kind, int64_t record_id,
                  db_row_fn fn, void *ctx, struct error *err);

#endif
