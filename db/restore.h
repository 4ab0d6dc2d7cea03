/* restore.h: the file work of putting a backup in place.
 *
 * A backup is copied (SQLite's backup API, from a read-only connection,
 * so the backup itself is never changed) to a temporary file beside the
 * database, checked there by the caller, and then renamed over the
 * database: at any moment the database's name holds either the old file
 * or the whole new one. */
#ifndef SENDESK_RESTORE_DB_H
#define SENDESK_RESTORE_DB_H

#include "util/error.h"

/* Copies the SQLite file at src to dest, which must not exist, created
 * with file_mode.  A missing src is EX_NOINPUT; one that is not an
 * SQLite file EX_UNAVAILABLE. */
int db_copy_file(const char *src, const char *dest, int file_mode, struct error *err);

/* Renames tmp over path, unless path is open elsewhere (its -wal file is
 * there: a connection still uses it, and its log would be applied to the
 * new file): EX_TEMPFAIL, and nothing is changed. */
int db_replace(const char *tmp, const char *path, struct error *err);

#endif
