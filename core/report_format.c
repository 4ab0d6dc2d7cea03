#include "core/report_format.h"

#include <inttypes.h>
#include <string.h>

#include "core/csv.h"
#include "core/money.h"

int report_format_parse(const char *text, enum report_format *out)
{
	static const char *const names[] = {"text", "csv", "json"};
	for (int i = 0; i < 3; i++)
		if (strcmp(text, names[i]) == 0) {
			*out = (enum report_format)i;
			return 0;
		}
	return -1;
}

const char *report_cell_plain(const struct report_column *col, const struct cell *c,
                              char *buf, size_t len)
{
	if (c->null)
		return "";
	if (c->text != NULL)
		return c->text;
	switch (col->type) {
	case CELL_TEXT:
		return c->text;
	case CELL_INTEGER:
		snprintf(buf, len, "%" PRId64, c->n);
		return buf;
	case CELL_MONEY:
		money_format_plain(c->n, buf);
		return buf;
	case CELL_PERCENT:
		snprintf(buf, len, "%s%" PRId64 ".%" PRId64, c->n < 0 ? "-" : "",
		         (c->n < 0 ? -c->n : c->n) / 10, (c->n < 0 ? -c->n : c->n) % 10);
		return buf;
	case CELL_DATE:
		date_format((day_t)c->n, buf);
		return buf;
	case CELL_FIXED2:
		snprintf(buf, len, "%s%" PRId64 ".%02" PRId64, c->n < 0 ? "-" : "",
		         (c->n < 0 ? -c->n : c->n) / 100, (c->n < 0 ? -c->n : c->n) % 100);
		return buf;
	}
	return "";
}

/* Display columns of UTF-8 text: every byte that does not continue a
 * character starts one ("£" is two bytes, one column). */
static int display_width(const char *s)
{
	int w = 0;
	for (; *s; s++)
		w += ((unsigned char)*s & 0xC0) != 0x80;
	return w;
}

static void print_padded(FILE *out, const char *s, int width, bool right)
{
	int pad = width - display_width(s);
	if (right)
		fprintf(out, "%*s%s", pad > 0 ? pad : 0, "", s);
	else
		fprintf(out, "%s%*s", s, pad > 0 ? pad : 0, "");
}

bool report_column_right(const struct report_column *col)
{
	return col->type == CELL_MONEY || col->type == CELL_INTEGER || col->type == CELL_PERCENT ||
	       col->type == CELL_FIXED2;
}

/* "13.8%", or "+13.8%" for a change, so that growth reads as growth. */
static const char *percent_text(const struct report_column *col, const struct cell *c,
                                char *buf, size_t len)
{
	char number[48];
	report_cell_plain(col, c, number, sizeof number);
	snprintf(buf, len, "%s%s%%", col->show_sign && c->n > 0 ? "+" : "", number);
	return buf;
}

const char *report_cell_display(const struct report_column *col, const struct cell *c,
                                char *buf, size_t len)
{
	if (c->null)
		return col->missing;
	if (c->text != NULL)
		return c->text;
	if (col->type == CELL_MONEY) {
		char money[MONEY_TEXT_MAX];
		money_format(c->n, money);
		snprintf(buf, len, "%s", money);
		return buf;
	}
	if (col->type == CELL_PERCENT)
		return percent_text(col, c, buf, len);
	return report_cell_plain(col, c, buf, len);
}

static void text_begin(void *ctx, const char *title, const struct report_column *cols, int count)
{
	struct report_writer *st = ctx;
	st->cols = cols;
	st->count = count;
	fprintf(st->out, "%s\n\n", title);
	for (int i = 0; i < count; i++) {
		print_padded(st->out, cols[i].title, i + 1 < count ? cols[i].width : 0, report_column_right(&cols[i]));
		fputs(i + 1 < count ? "  " : "\n", st->out);
	}
}

static int text_row(void *ctx, const struct cell *cells)
{
	struct report_writer *st = ctx;
	for (int i = 0; i < st->count; i++) {
		const struct report_column *col = &st->cols[i];
		char buf[REPORT_CELL_MAX];
		const char *s = report_cell_display(col, &cells[i], buf, sizeof buf);
		print_padded(st->out, s, i + 1 < st->count ? col->width : 0, report_column_right(col));
		fputs(i + 1 < st->count ? "  " : "\n", st->out);
	}
	st->rows++;
	return ferror(st->out) ? EX_IOERR : 0;
}

static void text_end(void *ctx)
{
	struct report_writer *st = ctx;
	fprintf(st->out, "\n%ld row%s\n", st->rows, st->rows == 1 ? "" : "s");
}

static void csv_begin(void *ctx, const char *title, const struct report_column *cols, int count)
{
	struct report_writer *st = ctx;
	(void)title;
	st->cols = cols;
	st->count = count;
	const char *names[32];
	for (int i = 0; i < count && i < 32; i++)
		names[i] = cols[i].name;
	csv_write_record(st->out, names, (size_t)count);
}

static int csv_row(void *ctx, const struct cell *cells)
{
	struct report_writer *st = ctx;
	char bufs[32][REPORT_CELL_MAX];
	const char *fields[32];
	for (int i = 0; i < st->count && i < 32; i++)
		fields[i] = report_cell_plain(&st->cols[i], &cells[i], bufs[i], sizeof bufs[i]);
	st->rows++;
	return csv_write_record(st->out, fields, (size_t)st->count);
}

static void csv_end(void *ctx)
{
	(void)ctx;
}

static void json_string(FILE *out, const char *s)
{
	fputc('"', out);
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch == '"' || ch == '\\')
			fprintf(out, "\\%c", ch);
		else if (ch < 0x20)
			fprintf(out, "\\u%04x", ch);
		else
			fputc(ch, out);
	}
	fputc('"', out);
}

static void json_begin(void *ctx, const char *title, const struct report_column *cols, int count)
{
	struct report_writer *st = ctx;
	(void)title;
	st->cols = cols;
	st->count = count;
	fputs("[", st->out);
}

static int json_row(void *ctx, const struct cell *cells)
{
	struct report_writer *st = ctx;
	fputs(st->rows ? ",\n {" : "\n {", st->out);
	for (int i = 0; i < st->count; i++) {
		const struct report_column *col = &st->cols[i];
		char buf[REPORT_CELL_MAX];
		fprintf(st->out, "%s\"%s\": ", i ? ", " : "", col->name);
		if (cells[i].null)
			fputs("null", st->out);
		else if (col->type == CELL_TEXT || col->type == CELL_DATE || cells[i].text != NULL)
			json_string(st->out, report_cell_plain(col, &cells[i], buf, sizeof buf));
		else
			fputs(report_cell_plain(col, &cells[i], buf, sizeof buf), st->out);
	}
	fputs("}", st->out);
	st->rows++;
	return ferror(st->out) ? EX_IOERR : 0;
}

static void json_end(void *ctx)
{
	struct report_writer *st = ctx;
	fputs(st->rows ? "\n]\n" : "]\n", st->out);
}

struct report_sink report_format_sink(enum report_format f, struct report_writer *w)
{
	switch (f) {
	case REPORT_CSV:
		return (struct report_sink){w, csv_begin, csv_row, csv_end};
	case REPORT_JSON:
		return (struct report_sink){w, json_begin, json_row, json_end};
	case REPORT_TEXT:
		break;
	}
	return (struct report_sink){w, text_begin, text_row, text_end};
}

int report_write_csv(struct session *s, const struct report *r, const struct report_options *opt,
                     FILE *out, long *rows, struct error *err)
{
	struct report_writer writer = {.out = out};
	struct report_sink sink = report_format_sink(REPORT_CSV, &writer);
	int rc = report_run(s, r, opt, &sink, err);
	if (rc == 0 && (fflush(out) != 0 || ferror(out)))
		rc = EX_IOERR;
	if (rc == EX_IOERR && err->msg[0] == '\0')
		error_set(err, EX_IOERR, "cannot write");
	*rows = writer.rows;
	return rc;
}
