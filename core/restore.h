/* restore.h: sendesk restore FILE.
 *
 * An admin of the current database puts a backup in its place: the
 * backup is copied beside the database, brought to this build's schema,
 * and checked (SQLite's integrity check, the audit chain, the records
 * against the trail); only a sound one goes on.  The current database is
 * kept as a dated copy beside it (sendesk.db.2026-12-05T143000), the
 * restore is logged in the restored trail, and the copy is renamed into
 * place, so the database's name never holds a partial file. */
#ifndef SENDESK_RESTORE_H
#define SENDESK_RESTORE_H

#include <stddef.h>

#include "config/config.h"
#include "core/transfer.h"

/* Restores path from backup as the OS login.  kept receives the dated
 * copy's path.  EX_NOPERM unless an admin; EX_DATAERR (each problem sent
 * to report) when the backup does not check; EX_UNAVAILABLE when it is
 * not a sendesk database or has a newer schema; EX_TEMPFAIL when the
 * database is open elsewhere. */
int restore_database(const char *path, const char *backup, const struct settings *cfg,
                     char *kept, size_t kept_len, problem_fn report, void *ctx,
                     struct error *err);

#endif
