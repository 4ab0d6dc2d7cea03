#include "core/transfer.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "core/csv.h"
#include "core/record.h"
#include "core/ref_cache.h"
#include "core/store.h"
#include "db/audit.h"
#include "db/bulk.h"
#include "db/record.h"

/* A file stops being read after this many problems: the rest would only
 * bury the first ones. */
#define MAX_PROBLEMS 1000

/* Page cache during an import: enough for a million-row file's changed
 * pages to stay in memory until the commit writes them once. */
#define IMPORT_CACHE_KIB (256 * 1024)

/* ---- keys already seen in the file --------------------------------------
 *
 * Two rows with one key would make the second silently update the
 * first's record; the file is refused instead, naming both lines.  The
 * keys live in one growing text buffer and an open-addressing table of
 * offsets (kept at most half full), so a million-row file costs a few
 * tens of megabytes and one hash probe per row. */

struct seen_slot {
	uint64_t hash;
	size_t offset;      /* into text; 0 marks an empty slot */
	long line;
};

struct seen_keys {
	struct seen_slot *slots;
	size_t cap, used;   /* cap is a power of two */
	char *text;
	size_t text_len, text_cap;
};

static uint64_t hash_key(const char *key)
{
	uint64_t h = UINT64_C(14695981039346656037);   /* FNV-1a */
	for (const unsigned char *p = (const unsigned char *)key; *p; p++)
		h = (h ^ *p) * UINT64_C(1099511628211);
	return h;
}

static void seen_free(struct seen_keys *k)
{
	free(k->slots);
	free(k->text);
}

static struct seen_slot *seen_probe(struct seen_slot *slots, size_t cap, uint64_t hash,
                                    const char *text, const char *key)
{
	for (size_t i = hash & (cap - 1);; i = (i + 1) & (cap - 1))
		if (slots[i].offset == 0 ||
		    (slots[i].hash == hash && strcmp(text + slots[i].offset, key) == 0))
			return &slots[i];
}

static bool seen_grow(struct seen_keys *k)
{
	size_t cap = k->cap ? k->cap * 2 : 1024;
	struct seen_slot *slots = calloc(cap, sizeof *slots);
	if (slots == NULL)
		return false;
	for (size_t i = 0; i < k->cap; i++)
		if (k->slots[i].offset != 0)
			*seen_probe(slots, cap, k->slots[i].hash, k->text, "") = k->slots[i];
	free(k->slots);
	k->slots = slots;
	k->cap = cap;
	return true;
}

static bool seen_keep_text(struct seen_keys *k, const char *key, size_t *offset)
{
	size_t len = strlen(key) + 1;
	if (k->text_len == 0)
		k->text_len = 1;   /* offset 0 means empty */
	if (k->text_len + len > k->text_cap) {
		size_t cap = k->text_cap ? k->text_cap : 4096;
		while (cap < k->text_len + len)
			cap *= 2;
		char *p = realloc(k->text, cap);
		if (p == NULL)
			return false;
		k->text = p;
		k->text_cap = cap;
	}
	memcpy(k->text + k->text_len, key, len);
	*offset = k->text_len;
	k->text_len += len;
	return true;
}

/* Records key as seen on line; *earlier is the line it was first seen
 * on, or 0 when it is new.  False when out of memory. */
static bool seen_add(struct seen_keys *k, const char *key, long line, long *earlier)
{
	*earlier = 0;
	if ((k->used + 1) * 2 > k->cap && !seen_grow(k))
		return false;
	uint64_t hash = hash_key(key);
	struct seen_slot *slot = seen_probe(k->slots, k->cap, hash, k->text, key);
	if (slot->offset != 0) {
		*earlier = slot->line;
		return true;
	}
	size_t offset;
	if (!seen_keep_text(k, key, &offset))
		return false;
	*slot = (struct seen_slot){hash, offset, line};
	k->used++;
	return true;
}

/* ---- import -------------------------------------------------------------- */

struct import {
	struct session *s;
	const struct kind *k;
	const char *name;
	problem_fn report;
	void *ctx;
	int column_field[KIND_MAX_FIELDS * 4];   /* CSV column -> field index */
	size_t columns;
	long problems;
	struct seen_keys keys;
	struct ref_cache *refs;      /* NULL: every row goes through store_write */
	struct db_import *inserts;
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
		if (f < 0 && u8_check((const uint8_t *)h->fields[c], strlen(h->fields[c])) != NULL)
			problem(im, h->line, "column %zu: not valid UTF-8", c + 1);
		else if (f < 0)
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

/* Cells a spreadsheet would take as text, guarded against formulas on
 * export (core/csv.h).  Numbers are not: a stored number is always a
 * valid one, so "-12.50" is a negative amount to a spreadsheet, never a
 * formula, and is written and read as it is. */
static bool is_text_cell(const struct field *f)
{
	return f->type != FIELD_MONEY && f->type != FIELD_INTEGER && f->type != FIELD_DECIMAL;
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
		const char *cell = row->fields[c];
		if (u8_check((const uint8_t *)cell, strlen(cell)) != NULL) {
			/* Never stored, and never echoed: the bytes would reach the
			 * terminal as they are. */
			problem(im, row->line, "%s: not valid UTF-8", im->k->fields[f].name);
			bad[f] = true;
			ok = false;
			continue;
		}
		if (is_text_cell(&im->k->fields[f]))
			cell = csv_unguard(cell);
		if (record_set(r, f, cell, im->s->cfg, &e) != 0) {
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

/* A row whose key an earlier row of the file had is a problem naming
 * both lines ("ref: the same key as line 3").  Rows without a key (one
 * the write path will make) are never the same. */
static int refuse_repeated_key(struct import *im, long line, const struct record *r,
                               struct error *err)
{
	const struct kind *k = im->k;
	char key[1024] = "", names[256] = "", buf[64];
	for (int i = 0; i < k->key_count; i++) {
		int f = k->key_fields[i];
		if (!r->values[f].set)
			return 0;
		size_t used = strlen(key), named = strlen(names);
		/* \x1f (unit separator) cannot be in a cell of one line's key. */
		snprintf(key + used, sizeof key - used, "%s%s", i ? "\x1f" : "",
		         record_text(r, f, im->s->cfg, buf, sizeof buf));
		snprintf(names + named, sizeof names - named, "%s%s", i ? ", " : "", k->fields[f].name);
	}
	if (k->key_count == 0)
		return 0;
	long earlier;
	if (!seen_add(&im->keys, key, line, &earlier))
		return error_set(err, EX_OSERR, "out of memory");
	if (earlier != 0)
		problem(im, line, "%s: the same key as line %ld", names, earlier);
	return 0;
}

/* ---- new records, written in bulk ----------------------------------------
 *
 * A row that makes a new record of a plain kind (one key given in the
 * file, no key made, no rule reaching other records, no default, no
 * invariant) is checked here as store_validate would check it, with its
 * references resolved through the import's cache, and written by
 * db_import_insert with its audit row built from the values in hand.
 * Every row this cannot take whole -- a key already stored, any problem
 * -- goes through store_write as before, which updates the record or
 * names the problem exactly as it always has. */

static bool kind_takes_bulk_inserts(const struct kind *k)
{
	if (k->key_count != 1 || k->made_key_prefix || k->invariant || k->check_stored ||
	    !db_import_suits(k->table))
		return false;
	for (int f = 0; f < k->field_count; f++)
		if (k->fields[f].default_text != NULL)
			return false;
	return true;
}

/* Whether the row holds as store_validate would find it: every required
 * field set, every reference found, the kind's rule kept.  On true, each
 * reference carries its id and ref_keys[c] its key for column c. */
static int valid_as_stored(struct import *im, struct record *r, const char **ref_keys,
                           bool *valid, struct error *err)
{
	const struct kind *k = im->k;
	*valid = false;
	/* Without its key a row matches no stored record by it: store_write
	 * decides what that means. */
	if (!r->values[k->key_fields[0]].set)
		return 0;
	for (int f = 0; f < k->field_count; f++) {
		struct value *v = &r->values[f];
		ref_keys[f] = NULL;
		if (k->fields[f].required && !v->set)
			return 0;
		if (k->fields[f].type != FIELD_REFERENCE || !v->set)
			continue;
		int rc = ref_cache_find(im->refs, im->s->db, kinds[k->fields[f].target]->table, v->text,
		                        &v->n, err);
		if (rc != 0 || v->n == 0)
			return rc;
		ref_keys[f] = v->text;
	}
	struct error broken = {0};
	*valid = k->check == NULL || k->check(r, im->s->cfg, &broken) == 0;
	return 0;
}

/* Writes r as a new record with its audit row; *written is false when
 * the row must go through store_write instead.  The login's role must
 * have been read in this transaction (by an earlier store_write). */
static int insert_new(struct import *im, struct record *r, bool *written, struct error *err)
{
	const struct kind *k = im->k;
	*written = false;
	if (im->inserts == NULL || im->s->role_read_in != db_transaction_serial(im->s->db))
		return 0;
	const char *ref_keys[KIND_MAX_FIELDS];
	bool valid;
	int rc = valid_as_stored(im, r, ref_keys, &valid, err);
	if (rc != 0 || !valid)
		return rc;
	struct db_value cols[KIND_MAX_FIELDS];
	for (int f = 0; f < k->field_count; f++)
		cols[f] = record_db_value(r, f);
	int64_t id;
	rc = db_import_insert(im->inserts, cols, &id, err);
	if (rc != 0 || id == 0)
		return rc;
	const char *after = db_import_json(im->inserts, id, cols, ref_keys, err);
	if (after == NULL)
		return err ? err->code : EX_SOFTWARE;
	rc = db_audit_add(im->s->db, im->s->login, "insert", k->name, id, NULL, after, err);
	if (rc == 0) {
		r->id = id;
		r->version = 1;
		*written = true;
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
	long before = im->problems;
	int rc = 0;
	if (!parse_row(im, row, &r, bad)) {
		rc = report_bad_row(im, row, &r, bad, NULL, err);
	} else if ((rc = refuse_repeated_key(im, row->line, &r, err)) != 0 || im->problems > before) {
		/* a key already in the file, or out of memory */
	} else {
		struct error e = {0};
		bool written = false;
		rc = report_warnings(im, row->line, &r, &e);
		if (rc == 0)
			rc = insert_new(im, &r, &written, &e);
		if (rc == 0 && !written)
			rc = store_write(im->s, WRITE_SAVE, &r, &e);
		if (rc == EX_DATAERR)
			rc = report_bad_row(im, row, &r, bad, &e, err);
		else if (rc != 0)
			*err = e;   /* not the row's fault (no permission, busy, disk): stop */
	}
	record_clear(&r);
	return rc;
}

/* What the file leaves must keep the kind's rule (at least one admin),
 * judged once all its rows are in, not row by row. */
static int judge_the_whole_file(struct import *im, struct error *err)
{
	struct error e = {0};
	int rc = store_invariant(im->s, im->k, &e);
	if (rc != EX_DATAERR) {
		if (rc != 0)
			*err = e;
		return rc;
	}
	char line[ERROR_MSG_MAX + 256];
	snprintf(line, sizeof line, "%s: the file as a whole: %s", im->name, e.msg);
	im->report(im->ctx, line);
	im->problems++;
	return 0;
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
	/* Each row that changes its record writes one audit row, and the
	 * trail's ids grow by one a row inside this transaction: the rows
	 * that did not are those that matched their record already. */
	int64_t before, audited_before;
	rc = db_record_count(im->s->db, im->k->table, &before, err);
	if (rc == 0)
		rc = db_audit_last_id(im->s->db, &audited_before, err);
	while (rc == 0 && im->problems < MAX_PROBLEMS && (rc = csv_read(reader, &rec, err)) == 1)
		rc = import_row(im, rec, counts, err);
	if (rc != 0)
		return rc;
	int64_t after, audited_after;
	rc = db_record_count(im->s->db, im->k->table, &after, err);
	if (rc == 0)
		rc = db_audit_last_id(im->s->db, &audited_after, err);
	counts->inserted = (long)(after - before);
	counts->updated = (long)(audited_after - audited_before) - counts->inserted;
	counts->unchanged = counts->rows - counts->inserted - counts->updated;
	return rc;
}

static int bulk_inserts_begin(struct import *im, struct error *err)
{
	if (!kind_takes_bulk_inserts(im->k))
		return 0;
	im->refs = ref_cache_new();
	if (im->refs == NULL)
		return error_set(err, EX_OSERR, "out of memory");
	return db_import_begin(im->s->db, im->k->table, &im->inserts, err);
}

/* The new records' search rows, once every row is in: only when the file
 * is to be kept (a refused file is rolled back whole). */
static int bulk_inserts_end(struct import *im, int rc, struct error *err)
{
	if (rc == 0 && im->problems == 0 && im->inserts != NULL)
		rc = db_import_finish(im->inserts, err);
	else
		db_import_free(im->inserts);
	im->inserts = NULL;
	ref_cache_free(im->refs);
	im->refs = NULL;
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
		rc = bulk_inserts_begin(&im, err);
		if (rc == 0)
			rc = import_rows(&im, reader, counts, err);
		s->batch = outer_batch;
		rc = bulk_inserts_end(&im, rc, err);
		if (rc == 0 && im.problems == 0)
			rc = judge_the_whole_file(&im, err);
		if (rc == 0 && im.problems > 0)
			rc = error_set(err, EX_DATAERR, "%s: %ld problem%s; nothing was imported", name,
			               im.problems, im.problems == 1 ? "" : "s");
		if (rc == 0)
			rc = db_release(s->db, err);
		else
			db_rollback_savepoint(s->db);
	}
	csv_reader_free(reader);
	seen_free(&im.keys);
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
	bool as_text[KIND_MAX_FIELDS];
	for (int i = 0; i < ex->k->field_count; i++) {
		cells[i] = record_text(r, i, ex->cfg, bufs[i], sizeof bufs[i]);
		as_text[i] = is_text_cell(&ex->k->fields[i]);
	}
	int rc = csv_write_guarded(ex->out, cells, as_text, (size_t)ex->k->field_count);
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
