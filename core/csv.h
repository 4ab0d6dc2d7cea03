/* csv.h: RFC 4180 reading and writing, on libcsv.
 *
 * The reader is a pull interface over libcsv's push parser: each call
 * returns the next record with the physical line it started on, so the
 * importer can say FILE:LINE even when a quoted field holds newlines.
 * It accepts CRLF and LF line ends, a leading UTF-8 byte-order mark, and
 * refuses malformed quoting (strict mode). Blank lines are skipped. */
#ifndef SENDESK_CSV_H
#define SENDESK_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "util/error.h"

struct csv_reader;

/* One record. The reader owns it; it is valid until the next read. */
struct csv_record {
	size_t count;          /* number of fields */
	char **fields;         /* NUL-terminated; "" for an empty field */
	long line;             /* 1-based physical line where it starts */
};

/* Reads from in, which the caller keeps open and closes. name is used in
 * error messages ("FILE:LINE: ..."). Returns NULL only when out of memory. */
struct csv_reader *csv_reader_new(FILE *in, const char *name);
void csv_reader_free(struct csv_reader *r);

/* Returns 1 with *rec set, 0 at end of input, or an EX_* code with err
 * filled ("FILE:LINE: malformed quoting", "...: read error"). */
int csv_read(struct csv_reader *r, const struct csv_record **rec, struct error *err);

/* Writes one record, quoting only the fields that need it (a comma,
 * quote, CR or LF, or a leading or trailing space), and ends it with
 * "\r\n" as RFC 4180 says. NULL fields are written empty.
 * Returns 0 or EX_IOERR. */
int csv_write_record(FILE *out, const char *const *fields, size_t count);

/* ---- cells safe to open in a spreadsheet --------------------------------
 *
 * A spreadsheet runs a cell starting with '=', '+', '-' or '@' as a
 * formula (and some also after a leading tab or CR).  A text cell
 * starting with one of those, or with an apostrophe, is written with one
 * apostrophe in front: spreadsheets show the text as it is, and an
 * apostrophe the value itself began with is doubled, so reading strips
 * exactly the one that writing added: "=1+1" <-> "'=1+1", "'tis" <->
 * "''tis", and a hand-made "'tis" (an apostrophe before an ordinary
 * character) reads back unchanged.  Numbers (money, counts) are not text
 * cells: "-12.50" stays as it is, a number to a spreadsheet, never a
 * formula, since only a valid number is ever stored there. */

/* True when cell, as text, must be written with csv_guarded. */
bool csv_needs_guard(const char *cell);

/* As csv_write_record, but each field whose as_text is true and that
 * csv_needs_guard is written with an apostrophe in front. */
int csv_write_guarded(FILE *out, const char *const *fields, const bool *as_text, size_t count);

/* The value a text cell stands for: cell without the apostrophe that
 * csv_write_guarded put in front, or cell itself. */
const char *csv_unguard(const char *cell);

#endif
