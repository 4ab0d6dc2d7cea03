/* transfer.h: records in and out as CSV files.
 *
 * Columns are matched by name, in any order; unknown and missing
 * required columns are refused.  Import is all or nothing: every row is
 * checked, each bad one is reported as "FILE:LINE: column: reason", and
 * only a file without a bad row is committed.  A row whose key already
 * exists updates that record; every change goes through the write path.
 * Export writes every record in the columns import reads, so export then
 * import round-trips. */
#ifndef SENDESK_TRANSFER_H
#define SENDESK_TRANSFER_H

#include <stdio.h>

#include "core/kind.h"
#include "core/list.h"
#include "core/session.h"

/* Receives one line per bad row (no trailing newline). */
typedef void (*problem_fn)(void *ctx, const char *line);

/* unchanged: rows that matched their record exactly (no audit row). */
struct import_counts {
	long inserted, updated, unchanged, rows;
};

/* Imports CSV from in (named name in messages).  Returns 0, EX_DATAERR
 * when any row is bad (nothing written; each problem sent to report),
 * EX_NOPERM when the login may not change this kind, or another EX_*. */
int transfer_import(struct session *s, const struct kind *k, FILE *in, const char *name,
                    problem_fn report, void *ctx, struct import_counts *counts,
                    struct error *err);

/* Writes every record of kind k to out as CSV with a header row. */
int transfer_export(struct session *s, const struct kind *k, FILE *out, struct error *err);

/* Writes the records a list shows (its filter, parent and order) to out
 * as CSV, in the columns import reads; *rows is how many. */
int transfer_export_list(struct session *s, const struct list_query *q, FILE *out,
                         long *rows, struct error *err);

#endif
