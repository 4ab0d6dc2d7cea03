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
	/* The count waits until the first page is on screen and is then made
	 * between keys (the screen says "counting" meanwhile): for a list
	 * opened on a report's figure, which may stand for a million rows. */
	bool count_later;
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

/* ---- a page found in slices, between keys -------------------------------- */

/* Says whether the search must stop now: a key is waiting. */
typedef bool (*list_stop_fn)(void *ctx);

/* The first page of a list (or the page after a row) looked for a slice
 * at a time, so that a screen answers every key while a filter's rows are
 * still being found: each slice gives the page's next rows, in order,
 * and stops when its time is up or a key is waiting; the next slice goes
 * on from just after the last row given.  A search that a key made
 * stale (its filter changed) is simply started again: nothing of the old
 * one is kept but what its caller took from it. */
struct list_search {
	struct list_query query;      /* a copy, fixed for the search */
	bool has_from;                /* the page after from; else from the start */
	struct list_key from;
	int limit;
	int found;                    /* rows given so far */
	struct list_key last;         /* the last row given */
	bool scan_short_words;        /* carried from slice to slice (db/page.h) */
	bool done;                    /* every row of the page has been given */
};

/* Starts a search for up to limit rows of q, from the start (from NULL)
 * or after from. */
void list_search_start(struct list_search *ls, const struct list_query *q,
                       const struct list_key *from, int limit);

/* Runs one slice of about budget_ms (0: stop after each row): fn gets
 * the page's next rows.  stop (may be NULL) is asked often; when it says
 * a key is waiting the slice ends at once.  ls->done says the page is
 * complete.  Non-zero with err on failure (the search is then done). */
int list_search_slice(struct session *s, struct list_search *ls, int budget_ms,
                      list_stop_fn stop, void *stop_ctx, list_row_fn fn, void *ctx,
                      struct error *err);

/* As list_count_upto, but gives up as soon as stop says a key is waiting:
 * then *count is -1. */
int list_count_unless(struct session *s, const struct list_query *q, int64_t cap,
                      list_stop_fn stop, void *stop_ctx, int64_t *count, struct error *err);

#endif
