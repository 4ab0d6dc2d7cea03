/* record.h: one record of any kind, as typed values.
 *
 * Text from a CSV cell or a form field becomes a typed value through
 * record_set, which checks the field's type (a real date, money in pence,
 * an allowed choice, a configured district, a UPN's check letter...).
 * Rules across fields and references to other records are checked later,
 * by the write path, which has the database. */
#ifndef SENDESK_RECORD_H
#define SENDESK_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config/config.h"
#include "core/kind.h"
#include "db/db.h"
#include "util/error.h"

struct value {
	bool set;        /* false: empty / not given */
	int64_t n;       /* pence, integer, day number, 0/1, or a reference's id */
	double d;        /* FIELD_DECIMAL */
	char *text;      /* owned: text, choice, code, month, UPN, ISO date,
	                  * or the key a reference names */
};

struct record {
	const struct kind *kind;
	int64_t id;      /* 0 until stored */
	/* The stored version it was read at: an update saves only over that
	 * version (store.h); 0 saves over whatever is stored (an import). */
	int64_t version;
	struct value values[KIND_MAX_FIELDS];
};

#define RECORD_TEXT_MAX 1024

void record_init(struct record *r, const struct kind *k);
/* Frees the texts; the record may be reused after record_init. */
void record_clear(struct record *r);

/* Sets field i from text as a person or a CSV file gives it.  Empty text
 * unsets the field (a required field is checked by record_check_required).
 * On bad text returns EX_DATAERR with err->msg the reason alone (the caller
 * knows the column and the line) and err->field = i + 1. */
int record_set(struct record *r, int i, const char *text, const struct settings *cfg,
               struct error *err);

/* Each required field that is unset: EX_DATAERR, "required" (first one). */
int record_check_required(const struct record *r, struct error *err);

/* The canonical text of field i as export writes it ("" when unset):
 * ISO dates, money as 1234.50, districts by configured name. */
const char *record_text(const struct record *r, int i, const struct settings *cfg,
                        char *buf, size_t len);

/* As people read it: money as "£1,234.50", choices as written. */
const char *record_display(const struct record *r, int i, const struct settings *cfg,
                           char *buf, size_t len);

/* The value of field i as the database stores it. */
struct db_value record_db_value(const struct record *r, int i);

/* Fills the record from a database row as db_record_get/each give it:
 * cols[0] is the id, then one column per field, references as keys, and
 * optionally the version (else r->version is 0). */
int record_from_row(struct record *r, const struct db_value *cols, int count,
                    struct error *err);

#endif
