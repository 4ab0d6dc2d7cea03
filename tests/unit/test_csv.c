/* test_csv.c: the CSV reader's fields and start lines, its errors, and
 * the writer's output and round trip. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"

/* A deep copy of every record read, so tests can look back at them. */
struct row {
	long line;
	size_t count;
	char **fields;
};

struct rows {
	size_t n;
	struct row *v;
	int rc;            /* last csv_read result: 0 or an EX_* code */
	struct error err;
};

static void keep_row(struct rows *rs, const struct csv_record *rec)
{
	/* Doubling: growing by one row copies the rows n times over, which
	 * under ASan (every realloc moves) took minutes for many_rows. */
	if ((rs->n & (rs->n - 1)) == 0) {
		rs->v = realloc(rs->v, (rs->n ? 2 * rs->n : 1) * sizeof *rs->v);
		cr_assert_not_null(rs->v);
	}
	struct row *w = &rs->v[rs->n++];
	w->line = rec->line;
	w->count = rec->count;
	w->fields = calloc(rec->count, sizeof *w->fields);
	cr_assert_not_null(w->fields);
	for (size_t i = 0; i < rec->count; i++) {
		cr_assert_not_null(rec->fields[i], "field %zu of line %ld is NULL", i, rec->line);
		w->fields[i] = strdup(rec->fields[i]);
	}
}

static void read_stream(struct rows *rs, FILE *in, const char *name)
{
	memset(rs, 0, sizeof *rs);
	struct csv_reader *r = csv_reader_new(in, name);
	cr_assert_not_null(r);
	const struct csv_record *rec;
	int rc;
	while ((rc = csv_read(r, &rec, &rs->err)) == 1)
		keep_row(rs, rec);
	rs->rc = rc;
	csv_reader_free(r);
}

static void load_n(struct rows *rs, const char *text, size_t len)
{
	/* fmemopen wants a writable buffer and refuses size 0 on some libcs. */
	char *copy = malloc(len + 1);
	cr_assert_not_null(copy);
	memcpy(copy, text, len);
	FILE *in = fmemopen(copy, len > 0 ? len : 1, "r");
	cr_assert_not_null(in);
	if (len == 0)
		fseek(in, 0, SEEK_END);
	read_stream(rs, in, "t.csv");
	fclose(in);
	free(copy);
}

static void load(struct rows *rs, const char *text)
{
	load_n(rs, text, strlen(text));
}

static void free_rows(struct rows *rs)
{
	for (size_t i = 0; i < rs->n; i++) {
		for (size_t j = 0; j < rs->v[i].count; j++)
			free(rs->v[i].fields[j]);
		free(rs->v[i].fields);
	}
	free(rs->v);
}

static void expect_row(const struct rows *rs, size_t i, long line,
		       const char *const *want, size_t count)
{
	cr_assert_lt(i, rs->n, "only %zu rows, wanted row %zu", rs->n, i);
	const struct row *w = &rs->v[i];
	cr_expect_eq(w->line, line, "row %zu starts on line %ld, want %ld", i, w->line, line);
	cr_assert_eq(w->count, count, "row %zu has %zu fields, want %zu", i, w->count, count);
	for (size_t j = 0; j < count; j++)
		cr_expect_str_eq(w->fields[j], want[j], "row %zu field %zu", i, j);
}

#define FIELDS(...) ((const char *const[]){__VA_ARGS__})
#define NFIELDS(...) (sizeof FIELDS(__VA_ARGS__) / sizeof(const char *))
#define ROW(rs, i, line, ...) \
	expect_row((rs), (i), (line), FIELDS(__VA_ARGS__), NFIELDS(__VA_ARGS__))

static void expect_ok(const struct rows *rs, size_t n)
{
	cr_assert_eq(rs->rc, 0, "read failed: %s", rs->err.msg);
	cr_assert_eq(rs->n, n, "%zu rows, want %zu", rs->n, n);
}

static void expect_error(const struct rows *rs, int code, const char *msg, size_t rows_before)
{
	cr_assert_eq(rs->rc, code, "got %d (%s), want %d", rs->rc, rs->err.msg, code);
	cr_expect_str_eq(rs->err.msg, msg);
	cr_expect_eq(rs->n, rows_before, "%zu rows before the error, want %zu", rs->n, rows_before);
}

Test(csv_read, plain_rows)
{
	struct rows rs;
	load(&rs, "code,name,kind\nP1,Acme Therapy,independent\nP2,Leeds NHS,nhs-trust\n");
	expect_ok(&rs, 3);
	ROW(&rs, 0, 1, "code", "name", "kind");
	ROW(&rs, 1, 2, "P1", "Acme Therapy", "independent");
	ROW(&rs, 2, 3, "P2", "Leeds NHS", "nhs-trust");
	free_rows(&rs);
}

Test(csv_read, quoted_commas)
{
	struct rows rs;
	load(&rs, "a,\"b,c\",d\n\"x,\",\",y\"\n");
	expect_ok(&rs, 2);
	ROW(&rs, 0, 1, "a", "b,c", "d");
	ROW(&rs, 1, 2, "x,", ",y");
	free_rows(&rs);
}

Test(csv_read, doubled_quotes)
{
	struct rows rs;
	load(&rs, "\"say \"\"hi\"\"\",\"\"\"\",\"\"\n");
	expect_ok(&rs, 1);
	ROW(&rs, 0, 1, "say \"hi\"", "\"", "");
	free_rows(&rs);
}

Test(csv_read, lf_inside_quotes_moves_next_line)
{
	struct rows rs;
	load(&rs, "id,note\n1,\"line one\nline two\n\nline four\"\n2,after\n");
	expect_ok(&rs, 3);
	ROW(&rs, 0, 1, "id", "note");
	ROW(&rs, 1, 2, "1", "line one\nline two\n\nline four");
	ROW(&rs, 2, 6, "2", "after");
	free_rows(&rs);
}

Test(csv_read, crlf_inside_quotes)
{
	struct rows rs;
	load(&rs, "1,\"a\r\nb\r\nc\"\r\n2,z\r\n\"\r\n\",end\r\n");
	expect_ok(&rs, 3);
	ROW(&rs, 0, 1, "1", "a\r\nb\r\nc");
	ROW(&rs, 1, 4, "2", "z");
	ROW(&rs, 2, 5, "\r\n", "end");
	free_rows(&rs);
}

Test(csv_read, quoted_field_spanning_lines_first_in_record)
{
	struct rows rs;
	load(&rs, "x\n\"first\nfield\",2\n\"\nq\"\n");
	expect_ok(&rs, 3);
	ROW(&rs, 0, 1, "x");
	ROW(&rs, 1, 2, "first\nfield", "2");
	ROW(&rs, 2, 4, "\nq");
	free_rows(&rs);
}

Test(csv_read, crlf_file)
{
	struct rows rs;
	load(&rs, "a,b\r\nc,d\r\n,\r\n");
	expect_ok(&rs, 3);
	ROW(&rs, 0, 1, "a", "b");
	ROW(&rs, 1, 2, "c", "d");
	ROW(&rs, 2, 3, "", "");
	free_rows(&rs);
}

Test(csv_read, bom_stripped_only_at_start)
{
	struct rows rs;
	load(&rs, "\xEF\xBB\xBFname,age\n\xEF\xBB\xBFZo\xC3\xAB,7\n");
	expect_ok(&rs, 2);
	ROW(&rs, 0, 1, "name", "age");
	ROW(&rs, 1, 2, "\xEF\xBB\xBFZo\xC3\xAB", "7");
	free_rows(&rs);
}

Test(csv_read, bom_before_quoted_field)
{
	struct rows rs;
	load(&rs, "\xEF\xBB\xBF\"ref\",x\n");
	expect_ok(&rs, 1);
	ROW(&rs, 0, 1, "ref", "x");
	free_rows(&rs);
}

Test(csv_read, blank_lines_skipped_but_counted)
{
	struct rows rs;
	load(&rs, "\na\n\n\nb\n\r\n  \t\nc");
	expect_ok(&rs, 3);
	ROW(&rs, 0, 2, "a");
	ROW(&rs, 1, 5, "b");
	ROW(&rs, 2, 8, "c");
	free_rows(&rs);
}

Test(csv_read, last_line_without_newline)
{
	struct rows rs;
	load(&rs, "a,b\nc,d");
	expect_ok(&rs, 2);
	ROW(&rs, 1, 2, "c", "d");
	free_rows(&rs);

	load(&rs, "a\n\"q,\nr\"");
	expect_ok(&rs, 2);
	ROW(&rs, 1, 2, "q,\nr");
	free_rows(&rs);

	load(&rs, "a,b,");
	expect_ok(&rs, 1);
	ROW(&rs, 0, 1, "a", "b", "");
	free_rows(&rs);
}

Test(csv_read, empty_fields_are_empty_strings)
{
	struct rows rs;
	load(&rs, ",,\na,b,\n\"\"\n,\"\",\n");
	expect_ok(&rs, 4);
	ROW(&rs, 0, 1, "", "", "");
	ROW(&rs, 1, 2, "a", "b", "");
	ROW(&rs, 2, 3, "");
	ROW(&rs, 3, 4, "", "", "");
	free_rows(&rs);
}

Test(csv_read, unquoted_trimmed_quoted_kept)
{
	struct rows rs;
	load(&rs, "  a  , b\t,\" c \" ,\"\t\"\n");
	expect_ok(&rs, 1);
	ROW(&rs, 0, 1, "a", "b", " c ", "\t");
	free_rows(&rs);
}

Test(csv_read, bare_cr_ends_records_on_one_line)
{
	struct rows rs;
	load(&rs, "a\rb,c\r\"d\ne\"\rf\n");
	expect_ok(&rs, 4);
	ROW(&rs, 0, 1, "a");
	ROW(&rs, 1, 1, "b", "c");
	ROW(&rs, 2, 1, "d\ne");
	ROW(&rs, 3, 2, "f");
	free_rows(&rs);
}

Test(csv_read, empty_input)
{
	struct rows rs;
	load_n(&rs, "", 0);
	expect_ok(&rs, 0);
	free_rows(&rs);

	load(&rs, "\xEF\xBB\xBF");
	expect_ok(&rs, 0);
	free_rows(&rs);

	load(&rs, "\n\r\n\n");
	expect_ok(&rs, 0);
	free_rows(&rs);
}

Test(csv_read, unterminated_quote_reports_record_start)
{
	struct rows rs;
	load(&rs, "a,b\nc,\"open\nmore\nstill open\n");
	expect_error(&rs, EX_DATAERR, "t.csv:2: malformed quoting", 1);
	free_rows(&rs);

	load(&rs, "a\n\n\"never closed");
	expect_error(&rs, EX_DATAERR, "t.csv:3: malformed quoting", 1);
	free_rows(&rs);
}

Test(csv_read, stray_quote_in_unquoted_field)
{
	struct rows rs;
	load(&rs, "ok\n\nab\"c,d\n");
	expect_error(&rs, EX_DATAERR, "t.csv:3: malformed quoting", 1);
	free_rows(&rs);
}

Test(csv_read, text_after_closing_quote)
{
	struct rows rs;
	load(&rs, "1\n2\n\"abc\"x,y\n");
	expect_error(&rs, EX_DATAERR, "t.csv:3: malformed quoting", 2);
	free_rows(&rs);

	/* The error is on the line where the bad quote is, not where the
	 * record began. */
	load(&rs, "\"multi\nline\" \"x\n");
	expect_error(&rs, EX_DATAERR, "t.csv:2: malformed quoting", 0);
	free_rows(&rs);
}

Test(csv_read, error_repeats)
{
	char text[] = "a\"b\n";
	FILE *in = fmemopen(text, strlen(text), "r");
	cr_assert_not_null(in);
	struct csv_reader *r = csv_reader_new(in, "bad.csv");
	const struct csv_record *rec;
	struct error err = {0};
	cr_assert_eq(csv_read(r, &rec, &err), EX_DATAERR);
	error_clear(&err);
	cr_assert_eq(csv_read(r, &rec, &err), EX_DATAERR);
	cr_expect_str_eq(err.msg, "bad.csv:1: malformed quoting");
	csv_reader_free(r);
	fclose(in);
}

Test(csv_read, nul_byte_rejected)
{
	struct rows rs;
	load_n(&rs, "a\nb\0c\n", 6);
	expect_error(&rs, EX_DATAERR, "t.csv:2: NUL byte in input (is it UTF-16?)", 1);
	free_rows(&rs);
}

Test(csv_read, read_error)
{
	FILE *in = fopen("/dev/null", "w");  /* reading it fails */
	cr_assert_not_null(in);
	struct rows rs;
	read_stream(&rs, in, "w.csv");
	expect_error(&rs, EX_IOERR, "w.csv:1: read error", 0);
	free_rows(&rs);
	fclose(in);
}

static char *repeat(char c, size_t n)
{
	char *s = malloc(n + 1);
	cr_assert_not_null(s);
	memset(s, c, n);
	s[n] = '\0';
	return s;
}

Test(csv_read, megabyte_fields)
{
	enum { MB = 1024 * 1024 };
	char *big = repeat('x', MB);
	/* Quoted with commas and newlines so it spans lines and blocks. */
	char *quoted = repeat('y', MB);
	for (size_t i = 1000; i < MB; i += 1000)
		quoted[i] = (i / 1000) % 2 ? ',' : '\n';
	size_t newlines = 0;
	for (size_t i = 0; i < MB; i++)
		newlines += quoted[i] == '\n';

	size_t cap = 3 * MB;
	char *text = malloc(cap);
	cr_assert_not_null(text);
	int len = snprintf(text, cap, "a,%s,b\n\"%s\"\nlast\n", big, quoted);
	cr_assert_gt(len, 0);

	struct rows rs;
	load_n(&rs, text, (size_t)len);
	expect_ok(&rs, 3);
	ROW(&rs, 0, 1, "a", big, "b");
	ROW(&rs, 1, 2, quoted);
	ROW(&rs, 2, 3 + (long)newlines, "last");
	free_rows(&rs);
	free(text);
	free(quoted);
	free(big);
}

Test(csv_read, many_rows)
{
	enum { N = 100000 };
	char *text = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&text, &size);
	cr_assert_not_null(out);
	fputs("n,name,note\n", out);
	for (int i = 0; i < N; i++) {
		if (i % 7 == 0)
			fprintf(out, "%d,name %d,\"two\nlines %d\"\n", i, i, i);
		else
			fprintf(out, "%d,name %d,\"q,%d\"\r\n", i, i, i);
	}
	fclose(out);

	struct rows rs;
	load_n(&rs, text, size);
	expect_ok(&rs, N + 1);
	long line = 2;
	for (int i = 0; i < N; i++) {
		char n[16], name[32], note[32];
		snprintf(n, sizeof n, "%d", i);
		snprintf(name, sizeof name, "name %d", i);
		snprintf(note, sizeof note, i % 7 == 0 ? "two\nlines %d" : "q,%d", i);
		ROW(&rs, (size_t)i + 1, line, n, name, note);
		line += i % 7 == 0 ? 2 : 1;
	}
	free_rows(&rs);
	free(text);
}

/* Writes records with csv_write_record and returns the bytes. */
static char *write_all(const char *const *const *recs, const size_t *counts,
		       size_t n, size_t *size)
{
	char *text = NULL;
	FILE *out = open_memstream(&text, size);
	cr_assert_not_null(out);
	for (size_t i = 0; i < n; i++)
		cr_assert_eq(csv_write_record(out, recs[i], counts[i]), 0);
	cr_assert_eq(fclose(out), 0);
	return text;
}

Test(csv_write, quotes_only_what_needs_it)
{
	const char *const rec[] = {
		"a", "b c", " lead", "trail ", "q\"x", "n\nl", "", NULL,
		"\xC2\xA3" "1,234.50", "Zo\xC3\xAB", "tab\t", "cr\r",
	};
	const char *const *recs[] = {rec};
	size_t counts[] = {sizeof rec / sizeof rec[0]};
	size_t size;
	char *text = write_all(recs, counts, 1, &size);
	cr_expect_str_eq(text,
		"a,b c,\" lead\",\"trail \",\"q\"\"x\",\"n\nl\",,,"
		"\"\xC2\xA3" "1,234.50\",Zo\xC3\xAB,\"tab\t\",\"cr\r\"\r\n");
	cr_expect_eq(size, strlen(text));
	free(text);
}

Test(csv_write, lone_empty_field_is_quoted)
{
	const char *const one[] = {""};
	const char *const two[] = {"", ""};
	const char *const *recs[] = {one, two};
	size_t counts[] = {1, 2};
	size_t size;
	char *text = write_all(recs, counts, 2, &size);
	cr_expect_str_eq(text, "\"\"\r\n,\r\n");
	free(text);
}

Test(csv_write, io_error)
{
	FILE *out = fopen("/dev/null", "r");  /* writing it fails */
	cr_assert_not_null(out);
	const char *const rec[] = {"a", "b,c"};
	cr_expect_eq(csv_write_record(out, rec, 2), EX_IOERR);
	fclose(out);
}

Test(csv_write, round_trip)
{
	const char *const header[] = {"ref", "first_name", "last_name", "cost", "notes"};
	const char *const r1[] = {"C001", "Zo\xC3\xAB", "\xC3\x93 Briain",
				  "\xC2\xA3" "1,234.50", "said \"fine\", then left"};
	const char *const r2[] = {"C002", "  spaced  ", "", "\t1\t",
				  "line 1\nline 2\r\nline 3\r"};
	const char *const r3[] = {"", "", "", "", ""};
	const char *const r4[] = {""};
	const char *const r5[] = {"\xEF\xBB\xBF" "bom", ",", "\"", "\"\"", "a,\"b\"\n"};
	const char *const *recs[] = {header, r1, r2, r3, r4, r5};
	size_t counts[] = {5, 5, 5, 5, 1, 5};
	size_t n = sizeof counts / sizeof counts[0];
	size_t size;
	char *text = write_all(recs, counts, n, &size);

	struct rows rs;
	load_n(&rs, text, size);
	expect_ok(&rs, n);
	long lines[] = {1, 2, 3, 6, 7, 8};
	for (size_t i = 0; i < n; i++)
		expect_row(&rs, i, lines[i], recs[i], counts[i]);
	free_rows(&rs);
	free(text);
}

Test(csv, guard_marks_what_a_spreadsheet_would_run_and_unguard_undoes_it)
{
	static const char *const guarded[] = {"=1+1", "+1", "-1", "@A1", "\tx", "\rx", "'x", "'"};
	for (size_t i = 0; i < sizeof guarded / sizeof guarded[0]; i++) {
		cr_expect(csv_needs_guard(guarded[i]), "'%s' is not guarded", guarded[i]);
		char *text = NULL;
		size_t len = 0;
		FILE *out = open_memstream(&text, &len);
		const char *cells[] = {guarded[i]};
		const bool as_text[] = {true};
		cr_assert_eq(csv_write_guarded(out, cells, as_text, 1), 0);
		fclose(out);
		cr_expect_eq(text[0] == '"' ? text[1] : text[0], '\'', "%s", text);
		free(text);
		char with[16];
		snprintf(with, sizeof with, "'%s", guarded[i]);
		cr_expect_str_eq(csv_unguard(with), guarded[i]);
	}
	static const char *const plain[] = {"", "a", "1", "S-1", " x", "x=1"};
	for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++) {
		cr_expect(!csv_needs_guard(plain[i]), "'%s' is guarded", plain[i]);
		cr_expect_eq(csv_unguard(plain[i]), plain[i]);
	}
	cr_expect_str_eq(csv_unguard("'tis"), "'tis", "a hand-made apostrophe stays");
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	const char *cells[] = {"-5", "-5"};
	const bool as_text[] = {false, true};
	cr_assert_eq(csv_write_guarded(out, cells, as_text, 2), 0);
	fclose(out);
	cr_expect_str_eq(text, "-5,'-5\r\n", "a number column is written as it is");
	free(text);
}
