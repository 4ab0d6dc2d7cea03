#include "core/list.h"

#include <stdio.h>
#include <string.h>

#include "db/page.h"

void list_query_init(struct list_query *q, const struct kind *k)
{
	memset(q, 0, sizeof *q);
	q->kind = k;
	q->sort_field = -1;
	q->parent_field = -1;
	q->range_start_field = -1;
	q->range_end_field = -1;
}

static int match_index(const struct list_query *q, int field)
{
	for (int i = 0; i < q->match_count; i++)
		if (q->match[i].field == field)
			return i;
	return -1;
}

const struct list_match *list_match_find(const struct list_query *q, int field)
{
	int i = match_index(q, field);
	return i >= 0 ? &q->match[i] : NULL;
}

struct list_match *list_match_put(struct list_query *q, int field)
{
	int i = match_index(q, field);
	if (i < 0 && q->match_count < LIST_MAX_MATCHES)
		i = q->match_count++;
	if (i < 0)
		return NULL;
	struct list_match *m = &q->match[i];
	memset(m, 0, sizeof *m);
	m->field = field;
	return m;
}

bool list_match_drop(struct list_query *q, int field)
{
	int i = match_index(q, field);
	if (i < 0)
		return false;
	q->match[i] = q->match[--q->match_count];
	return true;
}

struct fetch {
	const struct list_query *q;
	list_row_fn fn;
	void *ctx;
	struct error *err;
};

static void key_of(const struct list_query *q, const struct db_value *cols, struct list_key *key)
{
	memset(key, 0, sizeof *key);
	key->id = cols[0].i;
	if (q->sort_field < 0)
		return;
	const struct db_value *v = &cols[q->sort_field + 1];
	key->n = v->i;
	key->d = v->r;
	switch (v->type) {
	case DBV_INTEGER: key->type = KEY_INTEGER; break;
	case DBV_REAL: key->type = KEY_REAL; break;
	case DBV_TEXT:
		key->type = KEY_TEXT;
		snprintf(key->text, sizeof key->text, "%s", v->s);
		break;
	case DBV_NULL: key->type = KEY_NONE; break;
	}
}

static int fetch_row(void *ctx, const struct db_value *cols, int count)
{
	struct fetch *f = ctx;
	struct record r;
	struct list_key key;
	record_init(&r, f->q->kind);
	int rc = record_from_row(&r, cols, count, f->err);
	if (rc == 0) {
		key_of(f->q, cols, &key);
		rc = f->fn(f->ctx, &r, &key);
	}
	record_clear(&r);
	return rc;
}

static struct db_value key_value(const struct list_key *key)
{
	switch (key->type) {
	case KEY_INTEGER: return db_int(key->n);
	case KEY_REAL: return db_real(key->d);
	case KEY_TEXT: return db_text(key->text);
	case KEY_NONE: break;
	}
	return db_null();
}

/* The range's dates, and today's for flags, as ISO text, which is how
 * they are stored. */
struct range_text {
	char from[DATE_TEXT_MAX], to[DATE_TEXT_MAX];
	char today[DATE_TEXT_MAX];
};

/* A filter word naming a flag ("expired") is judged as the screens
 * judge it: today, with the configured warning. */
static void set_flag_terms(const struct session *s, struct db_page_query *pq,
                           struct range_text *text)
{
	date_format(date_today(), text->today);
	pq->flags_on = text->today;
	pq->ending_soon_days = s->cfg->expiry_warning_days;
}

static void to_page_query(const struct list_query *q, struct db_page_query *pq,
                          struct range_text *range)
{
	memset(pq, 0, sizeof *pq);
	pq->table = q->kind->table;
	pq->sort_column = q->sort_field;
	/* Required fields are NOT NULL columns (a unit test holds the two
	 * together), so their indexes can serve the order. */
	pq->sort_not_null = q->sort_field >= 0 && q->kind->fields[q->sort_field].required;
	pq->descending = q->descending;
	pq->filter = q->filter;
	pq->parent_column = q->parent_field;
	pq->parent_id = q->parent_id;
	pq->parent_through = q->parent_field >= 0 && q->parent_through;
	pq->through_column = q->through_field;
	pq->match_count = q->match_count;
	for (int i = 0; i < q->match_count; i++) {
		const struct list_match *m = &q->match[i];
		bool reference = q->kind->fields[m->field].type == FIELD_REFERENCE;
		pq->match_columns[i] = m->field;
		pq->match_values[i] = reference ? db_int(m->id) : db_text(m->text);
		pq->match_contains[i] = !reference && m->contains;
	}
	pq->range_start_column = q->range_start_field;
	pq->range_end_column = q->range_end_field;
	if (q->range_start_field >= 0) {
		date_format(q->range_from, range->from);
		date_format(q->range_to, range->to);
		pq->range_from = range->from;
		pq->range_to = range->to;
	}
}

int list_fetch(struct session *s, const struct list_query *q, const struct list_key *from,
               bool backwards, int limit, list_row_fn fn, void *ctx, struct error *err)
{
	struct db_page_query pq;
	struct range_text range;
	to_page_query(q, &pq, &range);
	set_flag_terms(s, &pq, &range);
	/* Going back is going forward in the opposite order. */
	pq.descending = q->descending != backwards;
	pq.limit = limit;
	if (from != NULL) {
		pq.has_after = true;
		pq.after_value = key_value(from);
		pq.after_id = from->id;
	}
	struct fetch f = {q, fn, ctx, err};
	return db_page(s->db, &pq, fetch_row, &f, err);
}

void list_search_start(struct list_search *ls, const struct list_query *q,
                       const struct list_key *from, int limit)
{
	memset(ls, 0, sizeof *ls);
	ls->query = *q;
	ls->has_from = from != NULL;
	if (from != NULL)
		ls->from = *from;
	ls->limit = limit;
	ls->done = limit <= 0;
}

/* Passes rows on, keeping the last one's place. */
struct search_relay {
	struct list_search *ls;
	list_row_fn fn;
	void *ctx;
};

static int search_row(void *ctx, const struct record *r, const struct list_key *key)
{
	struct search_relay *relay = ctx;
	relay->ls->last = *key;
	relay->ls->found++;
	return relay->fn(relay->ctx, r, key);
}

int list_search_slice(struct session *s, struct list_search *ls, int budget_ms,
                      list_stop_fn stop, void *stop_ctx, list_row_fn fn, void *ctx,
                      struct error *err)
{
	if (ls->done)
		return 0;
	struct db_page_query pq;
	struct range_text range;
	to_page_query(&ls->query, &pq, &range);
	set_flag_terms(s, &pq, &range);
	pq.limit = ls->limit - ls->found;
	const struct list_key *from = ls->found > 0 ? &ls->last : ls->has_from ? &ls->from : NULL;
	if (from != NULL) {
		pq.has_after = true;
		pq.after_value = key_value(from);
		pq.after_id = from->id;
	}
	struct db_slice slice = {.budget_us = (int64_t)budget_ms * 1000, .stop = stop,
	                         .stop_ctx = stop_ctx, .scan_short_words = ls->scan_short_words};
	pq.slice = &slice;
	struct search_relay relay = {ls, fn, ctx};
	struct fetch f = {&ls->query, search_row, &relay, err};
	int rc = db_page(s->db, &pq, fetch_row, &f, err);
	ls->scan_short_words = slice.scan_short_words;
	ls->done = rc != 0 || !slice.paused || ls->found >= ls->limit;
	return rc;
}

int list_count_unless(struct session *s, const struct list_query *q, int64_t cap,
                      list_stop_fn stop, void *stop_ctx, int64_t *count, struct error *err)
{
	struct db_page_query pq;
	struct range_text range;
	to_page_query(q, &pq, &range);
	set_flag_terms(s, &pq, &range);
	pq.count_cap = cap;
	struct db_slice slice = {.stop = stop, .stop_ctx = stop_ctx};
	pq.slice = &slice;
	return db_page_count(s->db, &pq, count, err);
}

int list_count_upto(struct session *s, const struct list_query *q, int64_t cap,
                    int64_t *count, struct error *err)
{
	struct db_page_query pq;
	struct range_text range;
	to_page_query(q, &pq, &range);
	set_flag_terms(s, &pq, &range);
	pq.count_cap = cap;
	return db_page_count(s->db, &pq, count, err);
}

int list_count(struct session *s, const struct list_query *q, int64_t *count,
               struct error *err)
{
	return list_count_upto(s, q, 0, count, err);
}

void list_key_of(const struct list_query *q, const struct record *r, struct list_key *key)
{
	memset(key, 0, sizeof *key);
	key->id = r->id;
	if (q->sort_field < 0)
		return;
	const struct value *v = &r->values[q->sort_field];
	/* The database sorts a reference by the key it names, not its id. */
	struct db_value stored = q->kind->fields[q->sort_field].type == FIELD_REFERENCE
	                         ? db_text(v->set ? v->text : NULL) : record_db_value(r, q->sort_field);
	key->n = stored.i;
	key->d = stored.r;
	switch (stored.type) {
	case DBV_INTEGER: key->type = KEY_INTEGER; break;
	case DBV_REAL: key->type = KEY_REAL; break;
	case DBV_TEXT:
		key->type = KEY_TEXT;
		snprintf(key->text, sizeof key->text, "%s", stored.s);
		break;
	case DBV_NULL: key->type = KEY_NONE; break;
	}
}
