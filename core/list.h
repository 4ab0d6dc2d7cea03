/* list.h: pages of records for the screens' lists.
 *
 * A list is a window: the screen asks for a few rows after (or before)
 * the last row it holds, in the order of one field then id, filtered by
 * what the user typed.  Nothing here holds more than the page asked for,
 * whatever the size of the table. */
#ifndef SENDESK_LIST_H
#define SENDESK_LIST_H

#include <stdbool.h>
#include <stdint.h>

#include "core/date.h"
#include "core/record.h"
#include "core/session.h"

#define LIST_FILTER_MAX 128
#define LIST_KEY_TEXT_MAX 256

#define LIST_MAX_MATCHES 3

/* A field that must equal a value: a reference field's record id, or
 * any other field's stored text (a therapy code, a district code...). */
struct list_match {
	int field;
	int64_t id;                   /* FIELD_REFERENCE */
	char text[64];                /* other fields */
	bool contains;                /* text: contained in the field, in any case */
};

struct list_query {
	const struct kind *kind;
	int sort_field;               /* field index, or -1 for entry order */
	bool descending;
	char filter[LIST_FILTER_MAX]; /* "" for none */
	int parent_field;             /* -1, or only records whose reference */
	int64_t parent_id;            /* field parent_field is parent_id */
	/* With parent_through, parent_field names a record whose field
	 * through_field is parent_id: "sessions of a child's entries" is
	 * provision by PROVISION_ENTRY through ENTRY_CHILD. */
	bool parent_through;
	int through_field;
	struct list_match match[LIST_MAX_MATCHES];
	int match_count;
	/* -1, or only records whose period [range_start_field, range_end_field
	 * (unset: open-ended)] overlaps [range_from, range_to]. */
	int range_start_field, range_end_field;
	day_t range_from, range_to;
	/* 0, or a screen counts the rows no further than this ("over 10000"):
	 * for a table of millions, whose exact count would cost a pass over
	 * it after every write. */
	int64_t count_cap;
};

/* Where a row stands in the list's order: enough to ask for what comes
 * after or before it. */
struct list_key {
	int64_t id;
	enum { KEY_NONE, KEY_INTEGER, KEY_REAL, KEY_TEXT } type;   /* of the sort value */
	int64_t n;
	double d;
	char text[LIST_KEY_TEXT_MAX];
};

/* Receives each row in list order with its position; non-zero stops. */
typedef int (*list_row_fn)(void *ctx, const struct record *r, const struct list_key *key);

void list_query_init(struct list_query *q, const struct kind *k);

/* The equality on field in q, or NULL when there is none. */
const struct list_match *list_match_find(const struct list_query *q, int field);

/* The equality on field, added or emptied for the caller to fill (field
 * set, id 0, text ""); NULL when q already holds LIST_MAX_MATCHES others. */
struct list_match *list_match_put(struct list_query *q, int field);

/* Takes the equality on field off q; false when there was none.  The
 * order of the others may change. */
bool list_match_drop(struct list_query *q, int field);

/* Up to limit rows: from the start (from == NULL) or strictly after from;
 * with backwards, the rows before from (or the last rows) in reverse list
 * order, nearest first. */
int list_fetch(struct session *s, const struct list_query *q, const struct list_key *from,
               bool backwards, int limit, list_row_fn fn, void *ctx, struct error *err);

/* The position of record r (as stored) in q's order. */
void list_key_of(const struct list_query *q, const struct record *r, struct list_key *key);

/* How many records match the query's filter and parent. */
int list_count(struct session *s, const struct list_query *q, int64_t *count,
               struct error *err);

/* As list_count, but stops counting at cap (0: no cap), so a screen can
 * say "1000+" without counting a million rows while the user types. */
int list_count_upto(struct session *s, const struct list_query *q, int64_t cap,
                    int64_t *count, struct error *err);

#endif
