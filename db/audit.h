/* audit.h: the audit trail's hash chain, and the queries that read the
 * trail as a whole (check, export, report).
 *
 * Each audit row's hash is the SHA-256, in lowercase hex, of the hash of
 * the row before it in id order (none for the first) and the row's own
 * fields: at, login, action, kind, record_id, before, after.  The SQL
 * function sendesk_audit_hash(prev, at, login, action, kind, record_id,
 * before, after) computes it, so that db_audit_add (db/record.h) chains
 * each new row in the statement that writes it, and the migration that
 * brought the chain could chain the rows already there. */
#ifndef SENDESK_AUDIT_DB_H
#define SENDESK_AUDIT_DB_H

#include <stdint.h>

#include "db/db.h"

#define AUDIT_HASH_HEX 65   /* 64 hex digits and the terminating NUL */

/* Registers sendesk_audit_hash on the open connection (db_open does it
 * before any migration runs). */
int db_audit_register(struct db *db, struct error *err);

/* Calls fn per audit row in id order with (id, at, login, action, kind,
 * record_id, hash, chained, chained_without_previous, previous_id):
 * chained is 1 when hash is what the previous row's hash and this row's
 * fields give, chained_without_previous is 1 when it is what the hash of
 * the row two back gives (the previous row was put in afterwards), and
 * previous_id is NULL for the first row. */
int db_audit_chain_each(struct db *db, db_row_fn fn, void *ctx, struct error *err);

/* The last audit row's id (0 when none): inside a write transaction,
 * how far it grows is how many rows the transaction wrote. */
int db_audit_last_id(struct db *db, int64_t *id, struct error *err);

/* The number of audit rows and the last row's hash ("" when none). */
int db_audit_head(struct db *db, int64_t *count, char hash[AUDIT_HASH_HEX], struct error *err);

/* Records of table t (audited as kind) that are not as their latest
 * audited change left them, and records that change says exist but are
 * gone: fn gets (record_id, key or NULL, "changed" | "deleted" | "missing").
 * Only the fields the audit row holds are compared (a field a later
 * schema added is not a change), and a reference whose logged key names
 * no record now is not compared (the referred-to record was renamed, an
 * audited change of its own).  A record with no audit row at all (the
 * benchmark's bulk load writes none) is not reported. */
int db_audit_drift(struct db *db, enum db_table_id t, const char *kind, db_row_fn fn, void *ctx,
                   struct error *err);

/* Calls fn per audit row in id order with (at, login, action, kind,
 * record, changes, hash), where record is the record's key (its ref,
 * code or login) or else its id, and changes is a JSON object: the
 * fields an update changed as "field": [before, after], the whole record
 * for an insert or delete, and an event's details (a backup's file).
 * login, from and to (YYYY-MM-DD, inclusive) narrow it; NULL: any. */
int db_audit_trail(struct db *db, const char *login, const char *from, const char *to,
                   db_row_fn fn, void *ctx, struct error *err);

#endif
