#include "core/record.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/date.h"
#include "core/money.h"
#include "core/upn.h"

void record_init(struct record *r, const struct kind *k)
{
	memset(r, 0, sizeof *r);
	r->kind = k;
}

void record_clear(struct record *r)
{
	for (int i = 0; i < KIND_MAX_FIELDS; i++)
		free(r->values[i].text);
	const struct kind *k = r->kind;
	record_init(r, k);
}

static int bad(struct error *err, int i, const char *reason)
{
	error_set(err, EX_DATAERR, "%s", reason);
	err->field = i + 1;
	return EX_DATAERR;
}

static int keep_text(struct value *v, const char *text, struct error *err, int i)
{
	free(v->text);
	v->text = strdup(text);
	if (v->text == NULL)
		return bad(err, i, "out of memory");
	v->set = true;
	return 0;
}

/* Whole numbers only, no sign games: "007" is 7, "-1" and "1.0" are not
 * counts of children. */
static bool parse_integer(const char *text, int64_t *out)
{
	int64_t n = 0;
	if (*text == '\0')
		return false;
	for (const char *c = text; *c; c++) {
		if (*c < '0' || *c > '9' || n > (INT64_MAX - 9) / 10)
			return false;
		n = n * 10 + (*c - '0');
	}
	*out = n;
	return true;
}

/* Up to two decimals, read exactly as hundredths: "8.14", "17", "0.5". */
static bool parse_decimal(const char *text, double *out)
{
	char whole[24];
	const char *dot = strchr(text, '.');
	size_t len = dot ? (size_t)(dot - text) : strlen(text);
	if (len == 0 || len >= sizeof whole)
		return false;
	memcpy(whole, text, len);
	whole[len] = '\0';
	int64_t units, hundredths = 0;
	if (!parse_integer(whole, &units) || units > INT64_C(1000000000))
		return false;
	if (dot) {
		size_t places = strlen(dot + 1);
		if (places < 1 || places > 2 || !parse_integer(dot + 1, &hundredths))
			return false;
		if (places == 1)
			hundredths *= 10;
	}
	*out = (double)(units * 100 + hundredths) / 100.0;
	return true;
}

static int set_choice(struct record *r, int i, const char *text, struct error *err)
{
	for (const char *const *c = r->kind->fields[i].choices; *c; c++)
		if (strcasecmp(*c, text) == 0)
			return keep_text(&r->values[i], *c, err, i);
	char reason[ERROR_MSG_MAX] = "must be one of";
	for (const char *const *c = r->kind->fields[i].choices; *c; c++) {
		size_t used = strlen(reason);
		snprintf(reason + used, sizeof reason - used, "%s %s", c == r->kind->fields[i].choices ? "" : ",", *c);
	}
	return bad(err, i, reason);
}

static int set_date(struct record *r, int i, const char *text, struct error *err)
{
	day_t d;
	const char *reason;
	if (!date_parse(text, &d, &reason))
		return bad(err, i, reason);
	char iso[DATE_TEXT_MAX];
	date_format(d, iso);
	r->values[i].n = d;
	return keep_text(&r->values[i], iso, err, i);
}

static int set_range_checked(struct record *r, int i, const char *text, struct error *err)
{
	const struct field *f = &r->kind->fields[i];
	struct value *v = &r->values[i];
	char reason[96];
	if (f->type == FIELD_INTEGER) {
		if (!parse_integer(text, &v->n))
			return bad(err, i, "not a whole number");
		if (v->n < f->min || v->n > f->max) {
			snprintf(reason, sizeof reason, "must be between %" PRId64 " and %" PRId64, f->min, f->max);
			return bad(err, i, reason);
		}
	} else {
		if (!parse_decimal(text, &v->d))
			return bad(err, i, "not a number (up to two decimal places)");
		if (v->d < (double)f->min || v->d > (double)f->max) {
			snprintf(reason, sizeof reason, "must be between %" PRId64 " and %" PRId64, f->min, f->max);
			return bad(err, i, reason);
		}
	}
	v->set = true;
	return 0;
}

static int set_configured(struct record *r, int i, const char *text, const struct settings *cfg,
                          struct error *err)
{
	if (r->kind->fields[i].type == FIELD_DISTRICT) {
		const struct district *d = config_find_district(cfg, text);
		return d ? keep_text(&r->values[i], d->code, err, i) :
		           bad(err, i, "not a configured district");
	}
	const struct therapy *t = config_find_therapy(cfg, text);
	return t ? keep_text(&r->values[i], t->code, err, i) :
	           bad(err, i, "not a configured therapy type");
}

/* Characters, not bytes: "Zoë" is three. */
static int64_t utf8_length(const char *text)
{
	int64_t n = 0;
	for (; *text; text++)
		n += ((unsigned char)*text & 0xC0) != 0x80;
	return n;
}

static int set_typed(struct record *r, int i, const char *text, const struct settings *cfg,
                     struct error *err)
{
	const struct field *f = &r->kind->fields[i];
	struct value *v = &r->values[i];
	const char *reason;
	int year, month;
	switch (f->type) {
	case FIELD_TEXT:
		if (utf8_length(text) > f->max) {
			char limit[64];
			snprintf(limit, sizeof limit, "too long (at most %lld characters)", (long long)f->max);
			return bad(err, i, limit);
		}
		return keep_text(v, text, err, i);
	case FIELD_DATE:
		return set_date(r, i, text, err);
	case FIELD_MONTH:
		if (!month_parse(text, &year, &month, &reason))
			return bad(err, i, reason);
		return keep_text(v, text, err, i);
	case FIELD_MONEY:
		if (!money_parse(text, &v->n, &reason))
			return bad(err, i, reason);
		v->set = true;
		return 0;
	case FIELD_INTEGER:
	case FIELD_DECIMAL:
		return set_range_checked(r, i, text, err);
	case FIELD_ENUM:
		return set_choice(r, i, text, err);
	case FIELD_YESNO:
		if (strcasecmp(text, "yes") != 0 && strcasecmp(text, "no") != 0)
			return bad(err, i, "must be yes or no");
		v->n = strcasecmp(text, "yes") == 0;
		v->set = true;
		return 0;
	case FIELD_REFERENCE:
		v->n = 0;   /* resolved to an id by the write path */
		return keep_text(v, text, err, i);
	case FIELD_DISTRICT:
	case FIELD_THERAPY:
		return set_configured(r, i, text, cfg, err);
	case FIELD_UPN:
		if (!upn_valid(text, &reason))
			return bad(err, i, reason);
		return keep_text(v, text, err, i);
	}
	return bad(err, i, "unknown field type");
}

int record_set(struct record *r, int i, const char *text, const struct settings *cfg,
               struct error *err)
{
	struct value *v = &r->values[i];
	free(v->text);
	memset(v, 0, sizeof *v);
	if (text == NULL || *text == '\0')
		return 0;
	int rc = set_typed(r, i, text, cfg, err);
	if (rc != 0) {
		free(v->text);
		memset(v, 0, sizeof *v);
	}
	return rc;
}

int record_check_required(const struct record *r, struct error *err)
{
	for (int i = 0; i < r->kind->field_count; i++)
		if (r->kind->fields[i].required && !r->values[i].set)
			return bad(err, i, "required");
	return 0;
}

/* "8.14", "17", "0.5": hundredths without trailing zeros. */
static void format_decimal(double d, char *buf, size_t len)
{
	snprintf(buf, len, "%.2f", d);
	char *end = buf + strlen(buf) - 1;
	while (*end == '0')
		*end-- = '\0';
	if (*end == '.')
		*end = '\0';
}

static const char *format_value(const struct record *r, int i, const struct settings *cfg,
                                bool for_people, char *buf, size_t len)
{
	const struct field *f = &r->kind->fields[i];
	const struct value *v = &r->values[i];
	char money[MONEY_TEXT_MAX];
	const struct district *d;
	if (!v->set)
		return "";
	switch (f->type) {
	case FIELD_MONEY:
		if (for_people)
			money_format(v->n, money);
		else
			money_format_plain(v->n, money);
		snprintf(buf, len, "%s", money);
		return buf;
	case FIELD_INTEGER:
		snprintf(buf, len, "%" PRId64, v->n);
		return buf;
	case FIELD_DECIMAL:
		format_decimal(v->d, buf, len);
		return buf;
	case FIELD_YESNO:
		return v->n ? "yes" : "no";
	case FIELD_DISTRICT:
		d = config_find_district(cfg, v->text);
		return d ? d->name : v->text;
	default:
		return v->text ? v->text : "";
	}
}

const char *record_text(const struct record *r, int i, const struct settings *cfg,
                        char *buf, size_t len)
{
	return format_value(r, i, cfg, false, buf, len);
}

const char *record_display(const struct record *r, int i, const struct settings *cfg,
                           char *buf, size_t len)
{
	return format_value(r, i, cfg, true, buf, len);
}

struct db_value record_db_value(const struct record *r, int i)
{
	const struct value *v = &r->values[i];
	if (!v->set)
		return db_null();
	switch (r->kind->fields[i].type) {
	case FIELD_MONEY:
	case FIELD_INTEGER:
	case FIELD_YESNO:
	case FIELD_REFERENCE:
		return db_int(v->n);
	case FIELD_DECIMAL:
		return db_real(v->d);
	default:
		return db_text(v->text);
	}
}

/* A stored value back into a field, trusting the schema's types. */
static int load_value(struct record *r, int i, const struct db_value *col, struct error *err)
{
	struct value *v = &r->values[i];
	if (col->type == DBV_NULL)
		return 0;
	v->set = true;
	switch (r->kind->fields[i].type) {
	case FIELD_MONEY:
	case FIELD_INTEGER:
	case FIELD_YESNO:
		v->n = col->i;
		return 0;
	case FIELD_DECIMAL:
		v->d = col->type == DBV_INTEGER ? (double)col->i : col->r;
		return 0;
	case FIELD_DATE: {
		day_t d;
		const char *reason;
		if (col->type != DBV_TEXT || !date_parse(col->s, &d, &reason))
			return bad(err, i, "stored date is not a date");
		v->n = d;
		return keep_text(v, col->s, err, i);
	}
	default:
		if (col->type != DBV_TEXT)
			return bad(err, i, "stored value is not text");
		return keep_text(v, col->s, err, i);
	}
}

int record_from_row(struct record *r, const struct db_value *cols, int count,
                    struct error *err)
{
	const struct kind *k = r->kind;
	record_clear(r);
	if (count != k->field_count + 1 && count != k->field_count + 2)
		return error_set(err, EX_SOFTWARE, "%s: row has %d columns, expected %d", k->name,
		                 count, k->field_count + 1);
	r->id = cols[0].i;
	r->version = count == k->field_count + 2 ? cols[k->field_count + 1].i : 0;
	for (int i = 0; i < k->field_count; i++) {
		int rc = load_value(r, i, &cols[i + 1], err);
		if (rc != 0)
			return rc;
	}
	return 0;
}
