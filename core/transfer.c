#include "core/transfer.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/record.h"
#include "core/store.h"
#include "db/record.h"

/* A file stops being read after this many problems: the rest would only
 * bury the first ones. */
#define MAX_PROBLEMS 1000

/* Page cache during an import: enough for a million-row file's changed
 * pages to stay in memory until the commit writes them once. */
#define IMPORT_CACHE_KIB (256 * 1024)

struct import {
	struct session *s;
	const struct kind *k;
	const char *name;
	problem_fn report;
	void *ctx;
	int column_field[KIND_MAX_FIELDS * 4];   /* CSV column -> field index */
	size_t columns;
	long problems;
};

__attribute__((format(printf, 3, 4)))
static void problem(struct import *im, long line, const char *fmt, ...)
{
	if (im->problems >= MAX_PROBLEMS)
		return;
	char msg[ERROR_MSG_MAX];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	char full[ERROR_MSG_MAX + 256];
	snprintf(full, sizeof full, "%s:%ld: %s", im->name, line, msg);
	im->report(im->ctx, full);
	im->problems++;
}

static int read_header(struct import *im, const struct csv_record *h)
{
	bool seen[KIND_MAX_FIELDS] = {false};
	if (h->count > sizeof im->column_field / sizeof im->column_field[0]) {
		problem(im, h->line, "too many columns (%zu)", h->count);
		return EX_DATAERR;
	}
	im->columns = h->count;
	for (size_t c = 0; c < h->count; c++) {
		int f = kind_field_index(im->k, h->fields[c]);
		im->column_field[c] = f;
		if (f < 0)
			problem(im, h->line, "%s: unknown column for %s", h->fields[c], im->k->name);
		else if (seen[f])
			problem(im, h->line, "%s: column given twice", h->fields[c]);
		else
			seen[f] = true;
	}
	for (int f = 0; f < im->k->field_count; f++)
		if (im->k->fields[f].required && !seen[f])
			problem(im, h->line, "%s: required column missing", im->k->fields[f].name);
	return im->problems ? EX_DATAERR : 0;
}

/* Reads one row's cells into r; reports every bad cell and marks its
 * field in bad.  False when any cell was bad. */
static bool parse_row(struct import *im, const struct csv_record *row, struct record *r,
                      bool *bad)
{
	bool ok = true;
	for (size_t c = 0; c < row->count; c++) {
		struct error e = {0};
		int f = im->column_field[c];
		if (record_set(r, f, row->fields[c], im->s->cfg, &e) != 0) {
			problem(im, row->line, "%s: %s (got '%.40s')", im->k->fields[f].name, e.msg,
			        row->fields[c]);
			bad[f] = true;
			ok = false;
		}
	}
	return ok;
}

struct row_problems {
	struct import *im;
	long line;
};

static void field_problem(void *ctx, const struct error *found)
{
	struct row_problems *rp = ctx;
	if (found->field > 0)
		problem(rp->im, rp->line, "%s: %s", rp->im->k->fields[found->field - 1].name, found->msg);
	else
		problem(rp->im, rp->line, "%s", found->msg);
}

/* Reports every problem validation finds in a bad row, so that the file
 * can be fixed in one pass.  write_failure is the write path's refusal
 * when the cells were all good: reported as it is when validation finds
 * nothing (the refusal came from the change itself: a key already
 * there, the last admin). */
static int report_bad_row(struct import *im, const struct csv_record *row, struct record *r,
                          const bool *bad, const struct error *write_failure,
                          struct error *err)
{
	struct row_problems rp = {im, row->line};
	int rc = store_validate_each(im->s, r, bad, field_problem, &rp, err);
	if (rc == EX_DATAERR)
		return 0;
	if (rc != 0)
		return rc;
	if (write_failure)
		problem(im, row->line, "%s", write_failure->msg);
	return 0;
}

/* Prints what the row's record would be warned about on a form
 * ("FILE:LINE: column: warning: reason"); a warning does not stop the
 * import and is not counted as a problem. */
static int report_warnings(struct import *im, long line, const struct record *r,
                           struct error *err)
{
	struct warnings w;
	int rc = store_warnings(im->s, r, &w, err);
	for (int i = 0; rc == 0 && i < w.count; i++) {
		char full[ERROR_MSG_MAX + 256];
		snprintf(full, sizeof full, "%s:%ld: %s: warning: %s", im->name, line,
		         im->k->fields[w.items[i].field - 1].name, w.items[i].reason);
		im->report(im->ctx, full);
	}
	return rc;
}

static int import_row(struct import *im, const struct csv_record *row,
                      struct import_counts *counts, struct error *err)
{
	counts->rows++;
	if (row->count != im->columns) {
		problem(im, row->line, "has %zu fields, the header has %zu", row->count, im->columns);
		return 0;
	}
	struct record r;
	record_init(&r, im->k);
	bool bad[KIND_MAX_FIELDS] = {false};
	int rc = 0;
	if (!parse_row(im, row, &r, bad)) {
		rc = report_bad_row(im, row, &r, bad, NULL, err);
	} else {
		struct error e = {0};
		rc = report_warnings(im, row->line, &r, &e);
		if (rc == 0)
			rc = store_write(im->s, WRITE_SAVE, &r, &e);
		if (rc == EX_DATAERR)
			rc = report_bad_row(im, row, &r, bad, &e, err);
		else if (rc != 0)
			*err = e;   /* not the row's fault (no permission, busy, disk): stop */
	}
	record_clear(&r);
	return rc;
}

static int import_rows(struct import *im, struct csv_reader *reader,
                       struct import_counts *counts, struct error *err)
{
	const struct csv_record *rec;
	int rc = csv_read(reader, &rec, err);
	if (rc == 0)
		return error_set(err, EX_DATAERR, "%s: empty file (a header row is required)", im->name);
	if (rc != 1)
		return rc;
	read_header(im, rec);
	if (im->problems > 0)
		return 0;   /* the caller reports the count */
	int64_t before;
	rc = db_record_count(im->s->db, im->k->table, &before, err);
	while (rc == 0 && im->problems < MAX_PROBLEMS && (rc = csv_read(reader, &rec, err)) == 1)
		rc = import_row(im, rec, counts, err);
	if (rc != 0)
		return rc;
	int64_t after;
	rc = db_record_count(im->s->db, im->k->table, &after, err);
	counts->inserted = (long)(after - before);
	counts->updated = counts->rows - counts->inserted;
	return rc;
}

int transfer_import(struct session *s, const struct kind *k, FILE *in, const char *name,
                    problem_fn report, void *ctx, struct import_counts *counts,
                    struct error *err)
{
	struct import im = {.s = s, .k = k, .name = name, .report = report, .ctx = ctx};
	memset(counts, 0, sizeof *counts);
	int rc = store_require_role(s, k, err);
	if (rc != 0)
		return rc;
	struct csv_reader *reader = csv_reader_new(in, name);
	if (reader == NULL)
		return error_set(err, EX_OSERR, "out of memory");
	db_set_cache_kib(s->db, IMPORT_CACHE_KIB);
	rc = db_savepoint(s->db, err);
	if (rc == 0) {
		bool outer_batch = s->batch;
		s->batch = true;
		rc = import_rows(&im, reader, counts, err);
		s->batch = outer_batch;
		if (rc == 0 && im.problems > 0)
			rc = error_set(err, EX_DATAERR, "%s: %ld problem%s; nothing was imported", name,
			               im.problems, im.problems == 1 ? "" : "s");
		if (rc == 0)
			rc = db_release(s->db, err);
		else
			db_rollback_savepoint(s->db);
	}
	csv_reader_free(reader);
	return rc;
}

struct export {
	const struct kind *k;
	const struct settings *cfg;
	FILE *out;
	struct error *err;
};

static int write_record_csv(struct export *ex, const struct record *r)
{
	char bufs[KIND_MAX_FIELDS][64];
	const char *cells[KIND_MAX_FIELDS];
	for (int i = 0; i < ex->k->field_count; i++)
		cells[i] = record_text(r, i, ex->cfg, bufs[i], sizeof bufs[i]);
	int rc = csv_write_record(ex->out, cells, (size_t)ex->k->field_count);
	if (rc != 0)
		error_set(ex->err, rc, "writing %s: output error", ex->k->name);
	return rc;
}

static int export_row(void *ctx, const struct db_value *cols, int count)
{
	struct export *ex = ctx;
	struct record r;
	record_init(&r, ex->k);
	int rc = record_from_row(&r, cols, count, ex->err);
	if (rc == 0)
		rc = write_record_csv(ex, &r);
	record_clear(&r);
	return rc;
}

static int write_header(const struct kind *k, FILE *out, struct error *err)
{
	const char *header[KIND_MAX_FIELDS];
	for (int i = 0; i < k->field_count; i++)
		header[i] = k->fields[i].name;
	if (csv_write_record(out, header, (size_t)k->field_count) != 0)
		return error_set(err, EX_IOERR, "writing %s: output error", k->name);
	return 0;
}

int transfer_export(struct session *s, const struct kind *k, FILE *out, struct error *err)
{
	int rc = write_header(k, out, err);
	struct export ex = {k, s->cfg, out, err};
	return rc ? rc : db_record_each(s->db, k->table, export_row, &ex, err);
}

struct list_export {
	struct export ex;
	struct list_key last;
	long page_rows, rows;
};

static int export_listed(void *ctx, const struct record *r, const struct list_key *key)
{
	struct list_export *le = ctx;
	le->last = *key;
	le->page_rows++;
	le->rows++;
	return write_record_csv(&le->ex, r);
}

int transfer_export_list(struct session *s, const struct list_query *q, FILE *out,
                         long *rows, struct error *err)
{
	enum { PAGE = 500 };
	struct list_export le = {.ex = {q->kind, s->cfg, out, err}};
	int rc = write_header(q->kind, out, err);
	do {
		le.page_rows = 0;
		if (rc == 0)
			rc = list_fetch(s, q, le.rows ? &le.last : NULL, false, PAGE, export_listed, &le, err);
	} while (rc == 0 && le.page_rows == PAGE);
	*rows = le.rows;
	return rc;
}
