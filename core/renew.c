#include "core/renew.h"

#include <stdio.h>
#include <string.h>

#include "core/fields.h"
#include "core/list.h"
#include "core/record.h"
#include "core/store.h"

/* The day months after d, on the same day of the month; false when that
 * month has no such day (the 31st). */
static bool months_on(day_t d, int months, day_t *out)
{
	int year, month, day;
	date_to_ymd(d, &year, &month, &day);
	int index = year * 12 + (month - 1) + months;
	if (!date_valid_ymd(index / 12, index % 12 + 1, day))
		return false;
	*out = date_from_ymd(index / 12, index % 12 + 1, day);
	return true;
}

/* The new period: from the day after the old end, as long.  A period of
 * whole months (1 April to 31 March) is renewed by months, so a leap day
 * in either year does not move the end by one; any other by days. */
static void next_period(const struct record *c, day_t *start, day_t *end)
{
	day_t old_start = (day_t)c->values[CONTRACT_START].n, old_end = (day_t)c->values[CONTRACT_END].n;
	*start = old_end + 1;
	*end = *start + (old_end - old_start);
	int y1, m1, d1, y2, m2, d2;
	date_to_ymd(old_start, &y1, &m1, &d1);
	date_to_ymd(*start, &y2, &m2, &d2);
	int months = (y2 - y1) * 12 + (m2 - m1);
	day_t after;
	if (d1 == d2 && months > 0 && months_on(*start, months, &after))
		*end = after - 1;
}

static int load_contract(struct session *s, struct record *c, int64_t id, struct error *err)
{
	record_init(c, kinds[KIND_CONTRACTS]);
	return store_load(s, c, id, err);
}

static bool ref_taken(struct session *s, const char *ref, struct error *err, int *rc)
{
	struct record other;
	record_init(&other, kinds[KIND_CONTRACTS]);
	bool found = false;
	*rc = store_load_by_key(s, &other, ref, &found, err);
	record_clear(&other);
	return found;
}

/* "EKHUFT-2024" with its last four-digit year made year, or year added. */
static void ref_for_year(const char *old, int year, char *ref, size_t len)
{
	size_t n = strlen(old);
	for (size_t i = n; i >= 4; i--) {
		const char *at = old + i - 4;
		bool digits = true;
		for (int k = 0; k < 4; k++)
			digits = digits && at[k] >= '0' && at[k] <= '9';
		bool whole = (i == 4 || !(at[-1] >= '0' && at[-1] <= '9')) &&
		             !(old[i] >= '0' && old[i] <= '9');
		if (digits && whole && (at[0] == '1' || at[0] == '2')) {
			snprintf(ref, len, "%.*s%04d%s", (int)(i - 4), old, year, old + i);
			return;
		}
	}
	snprintf(ref, len, "%s-%04d", old, year);
}

int renew_suggest(struct session *s, int64_t contract_id, char *ref, size_t len, day_t *start,
                  day_t *end, struct error *err)
{
	struct record c;
	int rc = load_contract(s, &c, contract_id, err);
	if (rc == 0) {
		next_period(&c, start, end);
		int year, month, day;
		date_to_ymd(*start, &year, &month, &day);
		char base[RECORD_TEXT_MAX];
		ref_for_year(c.values[CONTRACT_REF].text, year, base, sizeof base);
		snprintf(ref, len, "%s", base);
		for (int n = 2; rc == 0 && ref_taken(s, ref, err, &rc) && n < 100; n++)
			snprintf(ref, len, "%s-%d", base, n);
	}
	record_clear(&c);
	return rc;
}

/* ---- the records under a contract, a page at a time ------------------------ */

#define PAGE 64

struct id_page {
	int64_t ids[PAGE];
	int count;
	struct list_key last;
};

static int keep_id(void *ctx, const struct record *r, const struct list_key *key)
{
	struct id_page *p = ctx;
	p->ids[p->count++] = r->id;
	p->last = *key;
	return 0;
}

/* Calls fn with each record of kind whose parent_field is contract_id,
 * by id; ids are read a page at a time before fn writes. */
static int each_under(struct session *s, enum kind_id kind, int parent_field, int64_t contract_id,
                      int (*fn)(struct session *s, struct record *r, void *ctx), void *ctx,
                      struct error *err)
{
	struct list_query q;
	list_query_init(&q, kinds[kind]);
	q.parent_field = parent_field;
	q.parent_id = contract_id;
	struct id_page page = {.count = 0};
	bool first = true;
	int rc = 0;
	do {
		struct list_key from = page.last;
		page.count = 0;
		rc = list_fetch(s, &q, first ? NULL : &from, false, PAGE, keep_id, &page, err);
		first = false;
		for (int i = 0; rc == 0 && i < page.count; i++) {
			struct record r;
			record_init(&r, kinds[kind]);
			rc = store_load(s, &r, page.ids[i], err);
			if (rc == 0)
				rc = fn(s, &r, ctx);
			record_clear(&r);
		}
	} while (rc == 0 && page.count == PAGE);
	return rc;
}

/* The rate in force on the last day of the old contract: its own, or the
 * latest contract value from on or before that day. */
struct rate_on {
	day_t day;
	day_t from;
	int64_t pence;
};

static int consider_value(struct session *s, struct record *r, void *ctx)
{
	(void)s;
	struct rate_on *rate = ctx;
	day_t from = (day_t)r->values[CVALUE_FROM].n;
	if (from <= rate->day && from >= rate->from) {
		rate->from = from;
		rate->pence = r->values[CVALUE_ANNUAL_VALUE].n;
	}
	return 0;
}

struct copy {
	int parent_field;
	const char *new_ref;
	long copied;
	struct error *err;
};

/* A copy of r under the new contract, written through the write path. */
static int copy_under(struct session *s, struct record *r, void *ctx)
{
	struct copy *c = ctx;
	struct record copy;
	record_init(&copy, r->kind);
	int rc = 0;
	for (int i = 0; rc == 0 && i < r->kind->field_count; i++) {
		char buf[RECORD_TEXT_MAX];
		const char *text = i == c->parent_field ? c->new_ref : record_text(r, i, s->cfg, buf, sizeof buf);
		rc = record_set(&copy, i, text, s->cfg, c->err);
	}
	if (rc == 0)
		rc = store_write(s, WRITE_INSERT, &copy, c->err);
	record_clear(&copy);
	if (rc == 0)
		c->copied++;
	return rc;
}

/* ---- the renewal ------------------------------------------------------------ */

static int set_day(struct session *s, struct record *r, int field, day_t d, struct error *err)
{
	char iso[DATE_TEXT_MAX];
	date_format(d, iso);
	return record_set(r, field, iso, s->cfg, err);
}

/* The new contract's fields from the old one's. */
static int fill_renewal(struct session *s, const struct record *old, const char *new_ref,
                        day_t start, day_t end, int64_t pence, struct record *r, struct error *err)
{
	static const int copied[] = {CONTRACT_PROVIDER, CONTRACT_TITLE, CONTRACT_ROUTE, CONTRACT_NOTES};
	int rc = record_set(r, CONTRACT_REF, new_ref, s->cfg, err);
	for (size_t i = 0; rc == 0 && i < sizeof copied / sizeof copied[0]; i++) {
		char buf[RECORD_TEXT_MAX];
		rc = record_set(r, copied[i], record_text(old, copied[i], s->cfg, buf, sizeof buf), s->cfg, err);
	}
	if (rc == 0)
		rc = set_day(s, r, CONTRACT_START, start, err);
	if (rc == 0)
		rc = set_day(s, r, CONTRACT_END, end, err);
	if (rc == 0)
		rc = record_set(r, CONTRACT_STATUS, "draft", s->cfg, err);
	if (rc == 0) {
		char money[32];
		snprintf(money, sizeof money, "%lld.%02lld", (long long)(pence / 100), (long long)(pence % 100));
		rc = record_set(r, CONTRACT_ANNUAL_VALUE, money, s->cfg, err);
	}
	return rc;
}

/* Inside the renewal's transaction. */
static int renew_in(struct session *s, const struct record *old, const char *new_ref,
                    struct renewal *out, struct error *err)
{
	next_period(old, &out->start, &out->end);
	struct rate_on rate = {out->start - 1, (day_t)old->values[CONTRACT_START].n,
	                       old->values[CONTRACT_ANNUAL_VALUE].n};
	int rc = each_under(s, KIND_CONTRACT_VALUES, CVALUE_CONTRACT, old->id, consider_value, &rate, err);
	struct record r;
	record_init(&r, kinds[KIND_CONTRACTS]);
	if (rc == 0)
		rc = fill_renewal(s, old, new_ref, out->start, out->end, rate.pence, &r, err);
	if (rc == 0)
		rc = store_write(s, WRITE_INSERT, &r, err);
	out->id = r.id;
	record_clear(&r);
	struct copy coverage = {COVERAGE_CONTRACT, new_ref, 0, err};
	struct copy staffing = {STAFFING_CONTRACT, new_ref, 0, err};
	if (rc == 0)
		rc = each_under(s, KIND_COVERAGE, COVERAGE_CONTRACT, old->id, copy_under, &coverage, err);
	if (rc == 0)
		rc = each_under(s, KIND_STAFFING, STAFFING_CONTRACT, old->id, copy_under, &staffing, err);
	out->coverage = coverage.copied;
	out->staffing = staffing.copied;
	return rc;
}

int renew_contract(struct session *s, int64_t contract_id, const char *new_ref,
                   struct renewal *out, struct error *err)
{
	memset(out, 0, sizeof *out);
	int rc = session_require(s, ROLE_ADMIN, "renew contracts (only admins may)", err);
	struct record old;
	record_init(&old, kinds[KIND_CONTRACTS]);
	if (rc == 0)
		rc = store_load(s, &old, contract_id, err);
	if (rc == 0)
		rc = db_savepoint(s->db, err);
	if (rc != 0) {
		record_clear(&old);
		return rc;
	}
	rc = renew_in(s, &old, new_ref, out, err);
	record_clear(&old);
	if (rc == 0)
		return db_release(s->db, err);
	db_rollback_savepoint(s->db);
	memset(out, 0, sizeof *out);
	return rc;
}
