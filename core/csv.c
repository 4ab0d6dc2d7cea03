/* csv.c: the pull reader and the writer declared in core/csv.h.
 *
 * libcsv is a push parser: it calls back for every field and record end.
 * To know the physical line each record starts on, input is fed to it one
 * line at a time, and a record's start line is fixed when the line before
 * it ends outside a quoted field.  Input is read in fixed blocks and split
 * at LF bytes rather than read with getline(), so memory stays bounded even
 * when a "line" is huge (a file using bare CR as its record separator is a
 * single physical line); a long line is simply fed in several pieces.
 *
 * Like libcsv, the reader drops spaces and tabs around unquoted fields
 * ("a , b" reads as "a" and "b"); spaces inside quotes are kept.  Lines
 * holding nothing but spaces and tabs count as blank. */
#include "core/csv.h"

#include <csv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum {
	BLOCK_SIZE = 64 * 1024,
	/* libcsv grows its field buffer by a fixed step; the step is raised
	 * to the current size before each piece, which makes growth
	 * geometric across pieces instead of quadratic for huge fields. */
	MIN_FIELD_STEP = 4096,
};

static const char UTF8_BOM[] = "\xEF\xBB\xBF";
_Static_assert(BLOCK_SIZE >= 3, "the BOM check needs the first block to hold it");

/* A completed record waiting in the queue; its fields are offs[first..]. */
struct queued {
	long line;
	size_t first;
	size_t count;
};

struct csv_reader {
	FILE *in;
	char *name;
	struct csv_parser parser;

	unsigned char *block;
	size_t block_len, block_pos;
	bool started;      /* the first block was read and any BOM dropped */
	bool block_nul;    /* the block holds a NUL byte somewhere */
	bool finished;     /* input exhausted and the parser flushed */

	long line;         /* physical line now being fed */
	long row_line;     /* line the record being assembled starts on */
	bool lf_closed;    /* this line's LF ended outside quotes */

	/* Field text, each field NUL-terminated, addressed by offset so the
	 * buffer may move while it grows. */
	char *text;
	size_t text_len, text_cap;
	size_t *offs;
	size_t offs_len, offs_cap;
	size_t rec_first;  /* offs index of the record being assembled */

	/* Usually one record; a line with bare CRs may complete several. */
	struct queued *queue;
	size_t q_head, q_len, q_cap;

	char **ptrs;
	size_t ptrs_cap;
	struct csv_record out;

	bool oom;          /* a callback could not allocate */
	struct error failed;  /* sticky: every read after a failure repeats it */
};

/* Returns buf grown to hold at least need elements, or NULL (buf intact). */
static void *grow(void *buf, size_t *cap, size_t need, size_t size)
{
	size_t n = *cap ? *cap : 64;
	while (n < need) {
		if (n > SIZE_MAX / 2 / size)
			return NULL;
		n *= 2;
	}
	void *p = realloc(buf, n * size);
	if (p != NULL)
		*cap = n;
	return p;
}

static bool reserve_text(struct csv_reader *r, size_t extra)
{
	if (extra > SIZE_MAX - r->text_len)
		return false;
	size_t need = r->text_len + extra;
	if (need <= r->text_cap)
		return true;
	char *p = grow(r->text, &r->text_cap, need, 1);
	if (p == NULL)
		return false;
	r->text = p;
	return true;
}

static bool reserve_offs(struct csv_reader *r)
{
	if (r->offs_len < r->offs_cap)
		return true;
	size_t *p = grow(r->offs, &r->offs_cap, r->offs_len + 1, sizeof *p);
	if (p == NULL)
		return false;
	r->offs = p;
	return true;
}

static bool reserve_queue(struct csv_reader *r)
{
	if (r->q_len < r->q_cap)
		return true;
	struct queued *p = grow(r->queue, &r->q_cap, r->q_len + 1, sizeof *p);
	if (p == NULL)
		return false;
	r->queue = p;
	return true;
}

static void on_field(void *s, size_t len, void *ctx)
{
	struct csv_reader *r = ctx;
	if (r->oom)
		return;
	if (!reserve_text(r, len + 1) || !reserve_offs(r)) {
		r->oom = true;
		return;
	}
	/* An empty field may arrive with a NULL pointer. */
	if (len > 0)
		memcpy(r->text + r->text_len, s, len);
	r->text[r->text_len + len] = '\0';
	r->offs[r->offs_len++] = r->text_len;
	r->text_len += len + 1;
}

static void on_row(int c, void *ctx)
{
	struct csv_reader *r = ctx;
	/* With CSV_REPALL_NL an LF outside quotes always reports here, and
	 * an LF is the last byte of a line, so this tells at line end
	 * whether a record is still open. */
	r->lf_closed = (c == CSV_LF);
	if (r->oom || r->offs_len == r->rec_first)
		return;  /* a blank line: no fields were seen */
	if (!reserve_queue(r)) {
		r->oom = true;
		return;
	}
	r->queue[r->q_len++] = (struct queued){
		.line = r->row_line,
		.first = r->rec_first,
		.count = r->offs_len - r->rec_first,
	};
	r->rec_first = r->offs_len;
	r->row_line = r->line;
}

struct csv_reader *csv_reader_new(FILE *in, const char *name)
{
	struct csv_reader *r = calloc(1, sizeof *r);
	if (r == NULL)
		return NULL;
	r->in = in;
	r->name = strdup(name != NULL ? name : "-");
	r->block = malloc(BLOCK_SIZE);
	if (r->name == NULL || r->block == NULL ||
	    csv_init(&r->parser, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL) != 0) {
		free(r->name);
		free(r->block);
		free(r);
		return NULL;
	}
	r->line = 1;
	r->row_line = 1;
	return r;
}

void csv_reader_free(struct csv_reader *r)
{
	if (r == NULL)
		return;
	csv_free(&r->parser);
	free(r->name);
	free(r->block);
	free(r->text);
	free(r->offs);
	free(r->queue);
	free(r->ptrs);
	free(r);
}

static int fail(struct csv_reader *r, int code, long line, const char *what)
{
	return error_set(&r->failed, code, "%s:%ld: %s", r->name, line, what);
}

static int parser_failure(struct csv_reader *r, long line)
{
	int e = csv_error(&r->parser);
	if (e == CSV_EPARSE)
		return fail(r, EX_DATAERR, line, "malformed quoting");
	if (e == CSV_ENOMEM)
		return fail(r, EX_OSERR, line, "out of memory");
	return fail(r, EX_DATAERR, line, csv_strerror(e));
}

static int fill_block(struct csv_reader *r)
{
	r->block_len = fread(r->block, 1, BLOCK_SIZE, r->in);
	r->block_pos = 0;
	if (r->block_len == 0 && ferror(r->in))
		return fail(r, EX_IOERR, r->line, "read error");
	r->block_nul = memchr(r->block, '\0', r->block_len) != NULL;
	/* fread only comes up short at end of input, so a BOM at the start
	 * of a longer input is always whole in the first block. */
	if (!r->started && r->block_len >= 3 && memcmp(r->block, UTF8_BOM, 3) == 0)
		r->block_pos = 3;
	r->started = true;
	return 0;
}

static void end_line(struct csv_reader *r)
{
	bool open = !r->lf_closed;
	r->line++;
	r->lf_closed = false;
	if (!open)
		r->row_line = r->line;
}

/* Feeds the rest of the current line, or as much of it as the block has. */
static int feed_piece(struct csv_reader *r)
{
	unsigned char *start = r->block + r->block_pos;
	size_t avail = r->block_len - r->block_pos;
	unsigned char *nl = memchr(start, '\n', avail);
	size_t n = nl != NULL ? (size_t)(nl - start) + 1 : avail;
	r->block_pos += n;
	/* A field is handed out as a C string, so a NUL would silently cut
	 * it short; UTF-16 input is the usual cause. */
	if (r->block_nul && memchr(start, '\0', n) != NULL)
		return fail(r, EX_DATAERR, r->line, "NUL byte in input (is it UTF-16?)");
	size_t step = csv_get_buffer_size(&r->parser);
	csv_set_blk_size(&r->parser, step < MIN_FIELD_STEP ? MIN_FIELD_STEP : step);
	if (csv_parse(&r->parser, start, n, on_field, on_row, r) != n)
		return parser_failure(r, r->line);
	if (r->oom)
		return fail(r, EX_OSERR, r->line, "out of memory");
	if (nl != NULL)
		end_line(r);
	return 0;
}

static int finish(struct csv_reader *r)
{
	r->finished = true;
	/* The only strict failure here is a quote still open at the end;
	 * the line where that record began is where to look. */
	if (csv_fini(&r->parser, on_field, on_row, r) != 0)
		return parser_failure(r, r->row_line);
	if (r->oom)
		return fail(r, EX_OSERR, r->line, "out of memory");
	return 0;
}

static int advance(struct csv_reader *r)
{
	if (r->block_pos == r->block_len) {
		int rc = fill_block(r);
		if (rc != 0)
			return rc;
		if (r->block_len == 0)
			return finish(r);
	}
	return r->block_pos == r->block_len ? 0 : feed_piece(r);
}

/* Drops the records already handed out, keeping any partly read one. */
static void compact(struct csv_reader *r)
{
	size_t keep = r->offs_len - r->rec_first;
	size_t from = keep > 0 ? r->offs[r->rec_first] : r->text_len;
	if (from > 0) {
		memmove(r->text, r->text + from, r->text_len - from);
		r->text_len -= from;
	}
	for (size_t i = 0; i < keep; i++)
		r->offs[i] = r->offs[r->rec_first + i] - from;
	r->offs_len = keep;
	r->rec_first = 0;
	r->q_head = r->q_len = 0;
}

static int pop(struct csv_reader *r, const struct csv_record **rec)
{
	const struct queued *q = &r->queue[r->q_head];
	if (q->count > r->ptrs_cap) {
		char **p = grow(r->ptrs, &r->ptrs_cap, q->count, sizeof *p);
		if (p == NULL)
			return fail(r, EX_OSERR, q->line, "out of memory");
		r->ptrs = p;
	}
	for (size_t i = 0; i < q->count; i++)
		r->ptrs[i] = r->text + r->offs[q->first + i];
	r->out = (struct csv_record){
		.count = q->count, .fields = r->ptrs, .line = q->line,
	};
	r->q_head++;
	*rec = &r->out;
	return 1;
}

static int replay_failure(const struct csv_reader *r, struct error *err)
{
	if (err != NULL)
		*err = r->failed;
	return r->failed.code;
}

int csv_read(struct csv_reader *r, const struct csv_record **rec, struct error *err)
{
	if (r->failed.code != 0)
		return replay_failure(r, err);
	if (r->q_head == r->q_len)
		compact(r);
	while (r->q_head == r->q_len) {
		if (r->finished)
			return 0;
		if (advance(r) != 0)
			return replay_failure(r, err);
	}
	if (pop(r, rec) != 1)
		return replay_failure(r, err);
	return 1;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Quotes whatever the reader would otherwise split, trim or drop: a lone
 * empty field would read back as a blank line, and a leading BOM as the
 * file's byte-order mark. */
static bool needs_quotes(const char *f, size_t len, bool lone)
{
	if (len == 0)
		return lone;
	if (is_blank(f[0]) || is_blank(f[len - 1]))
		return true;
	if (len >= 3 && memcmp(f, UTF8_BOM, 3) == 0)
		return true;
	return strcspn(f, ",\"\r\n") < len;
}

static int write_field(FILE *out, const char *f, bool lone)
{
	size_t len = strlen(f);
	if (needs_quotes(f, len, lone))
		return csv_fwrite(out, f, len) == 0 ? 0 : EX_IOERR;
	return fwrite(f, 1, len, out) == len ? 0 : EX_IOERR;
}

int csv_write_record(FILE *out, const char *const *fields, size_t count)
{
	return csv_write_guarded(out, fields, NULL, count);
}

/* What a spreadsheet may take as the start of a formula, and the guard. */
static bool starts_formula_or_guard(char c)
{
	return c != '\0' && strchr("=+-@\t\r'", c) != NULL;
}

bool csv_needs_guard(const char *cell)
{
	return cell != NULL && starts_formula_or_guard(cell[0]);
}

const char *csv_unguard(const char *cell)
{
	return cell[0] == '\'' && starts_formula_or_guard(cell[1]) ? cell + 1 : cell;
}

static int write_guarded_field(FILE *out, const char *f)
{
	size_t len = strlen(f);
	char *g = malloc(len + 2);
	if (g == NULL)
		return EX_OSERR;
	g[0] = '\'';
	memcpy(g + 1, f, len + 1);
	int rc = write_field(out, g, false);
	free(g);
	return rc;
}

int csv_write_guarded(FILE *out, const char *const *fields, const bool *as_text, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		if (i > 0 && putc(',', out) == EOF)
			return EX_IOERR;
		const char *f = fields[i] != NULL ? fields[i] : "";
		bool guard = as_text != NULL && as_text[i] && csv_needs_guard(f);
		if ((guard ? write_guarded_field(out, f) : write_field(out, f, count == 1)) != 0)
			return EX_IOERR;
	}
	return fputs("\r\n", out) == EOF ? EX_IOERR : 0;
}
