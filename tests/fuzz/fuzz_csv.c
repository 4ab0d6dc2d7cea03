/* fuzz_csv.c: libFuzzer target for the CSV reader and writer.
 *
 *   clang -g -fsanitize=fuzzer,address,undefined -I. tests/fuzz/fuzz_csv.c \
 *       core/csv.c util/error.c -lcsv -o fuzz_csv
 *
 * The input is read as CSV until end or error, checking what every caller
 * relies on.  Then the same bytes are cut into records (at 0x1E) and
 * fields (at 0x1F), written with csv_write_record and read back, which
 * must give exactly those fields. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond) \
	do { \
		if (!(cond)) { \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
			abort(); \
		} \
	} while (0)

/* fmemopen refuses an empty buffer on some libcs, so open one byte and
 * seek past it. */
static FILE *open_bytes(char *buf, size_t size)
{
	FILE *in = fmemopen(buf, size > 0 ? size : 1, "r");
	if (in != NULL && size == 0)
		fseek(in, 0, SEEK_END);
	return in;
}

static long count_lf(const uint8_t *data, size_t size)
{
	long n = 0;
	for (size_t i = 0; i < size; i++)
		n += data[i] == '\n';
	return n;
}

static void check_record(const struct csv_record *rec, long prev_line, long max_line)
{
	CHECK(rec->count >= 1);
	CHECK(rec->fields != NULL);
	for (size_t i = 0; i < rec->count; i++)
		CHECK(rec->fields[i] != NULL);
	CHECK(rec->line >= 1);
	CHECK(rec->line >= prev_line);
	CHECK(rec->line <= max_line);
}

static void read_input(const uint8_t *data, size_t size)
{
	char *buf = malloc(size + 1);
	CHECK(buf != NULL);
	if (size > 0)
		memcpy(buf, data, size);
	FILE *in = open_bytes(buf, size);
	CHECK(in != NULL);
	struct csv_reader *r = csv_reader_new(in, "fuzz");
	CHECK(r != NULL);

	long prev = 1, max_line = count_lf(data, size) + 1;
	const struct csv_record *rec;
	struct error err = {0};
	int rc;
	while ((rc = csv_read(r, &rec, &err)) == 1) {
		check_record(rec, prev, max_line);
		prev = rec->line;
	}
	if (rc != 0) {
		CHECK(rc == EX_DATAERR);
		CHECK(err.code == rc);
		CHECK(strncmp(err.msg, "fuzz:", 5) == 0);
		CHECK(csv_read(r, &rec, &err) == rc);  /* errors stick */
	}
	csv_reader_free(r);
	fclose(in);
	free(buf);
}

/* Fields cut from the input, as NUL-terminated strings in one copy. */
struct cut {
	char *text;
	char **fields;       /* all fields, record after record */
	size_t *counts;      /* fields per record */
	size_t nrecs, nfields;
};

static void cut_input(struct cut *c, const uint8_t *data, size_t size)
{
	c->text = malloc(size + 1);
	c->fields = malloc((size + 1) * sizeof *c->fields);
	c->counts = malloc((size + 1) * sizeof *c->counts);
	CHECK(c->text != NULL && c->fields != NULL && c->counts != NULL);
	size_t len = 0;
	for (size_t i = 0; i < size; i++)
		if (data[i] != '\0')  /* a C string cannot hold one */
			c->text[len++] = (char)data[i];
	c->text[len] = '\0';

	c->nrecs = c->nfields = 0;
	c->fields[c->nfields++] = c->text;
	c->counts[0] = 1;
	for (size_t i = 0; i < len; i++) {
		if (c->text[i] != '\x1e' && c->text[i] != '\x1f')
			continue;
		if (c->text[i] == '\x1e')
			c->counts[++c->nrecs] = 0;
		c->counts[c->nrecs]++;
		c->text[i] = '\0';
		c->fields[c->nfields++] = c->text + i + 1;
	}
	c->nrecs++;
}

static char *write_cut(const struct cut *c, size_t *size)
{
	char *out = NULL;
	FILE *f = open_memstream(&out, size);
	CHECK(f != NULL);
	const char *const *fields = (const char *const *)c->fields;
	for (size_t i = 0; i < c->nrecs; i++) {
		CHECK(csv_write_record(f, fields, c->counts[i]) == 0);
		fields += c->counts[i];
	}
	CHECK(fclose(f) == 0);
	return out;
}

static void read_back(const struct cut *c, char *csv, size_t size)
{
	FILE *in = open_bytes(csv, size);
	CHECK(in != NULL);
	struct csv_reader *r = csv_reader_new(in, "round-trip");
	CHECK(r != NULL);
	const struct csv_record *rec;
	struct error err = {0};
	char **fields = c->fields;
	for (size_t i = 0; i < c->nrecs; i++) {
		int rc = csv_read(r, &rec, &err);
		if (rc != 1)
			fprintf(stderr, "record %zu: %d %s\n", i, rc, err.msg);
		CHECK(rc == 1);
		CHECK(rec->count == c->counts[i]);
		for (size_t j = 0; j < rec->count; j++)
			CHECK(strcmp(rec->fields[j], fields[j]) == 0);
		fields += c->counts[i];
	}
	CHECK(csv_read(r, &rec, &err) == 0);
	csv_reader_free(r);
	fclose(in);
}

static void round_trip(const uint8_t *data, size_t size)
{
	struct cut c;
	cut_input(&c, data, size);
	size_t csv_size;
	char *csv = write_cut(&c, &csv_size);
	read_back(&c, csv, csv_size);
	free(csv);
	free(c.text);
	free(c.fields);
	free(c.counts);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	read_input(data, size);
	round_trip(data, size);
	return 0;
}
