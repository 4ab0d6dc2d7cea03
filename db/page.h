/* page.h: windows onto a table, by keyset.
 *
 * Lists never load every row: a screen asks for the rows after (or
 * before) the last one it has, in a stable order (the sort column, then
 * id), with WHERE (sort, id) > (?, ?) ORDER BY sort, id LIMIT ? — never
 * OFFSET.  Rows come out as db_record_get gives them (id, then columns
 * with references as keys). */
#ifndef SENDESK_DB_PAGE_H
#define SENDESK_DB_PAGE_H

#include <stdbool.h>
#include <stdint.h>

#include "db/db.h"

#define DB_PAGE_MAX_MATCHES 3

/* A page looked for in slices between keys.  A walk in the list's order
 * gives its rows as it finds them, so it can stop after any row and go
 * on later from just after it (has_after): a slice stops once it has
 * given a row and its time is up, or at once when stop() says a key is
 * waiting (the screen must answer it).  A sort (the words the index or
 * a scan finds) gives nothing before it ends, so it runs on until done
 * or a key comes. */
struct db_slice {
	int64_t budget_us;            /* this slice's time, from db_page's call */
	bool (*stop)(void *ctx);      /* true: a key is waiting; NULL: never */
	void *stop_ctx;
	/* Kept from slice to slice: a walk for a short word ran out of its
	 * budget once, so the rest of this search scans the text instead. */
	bool scan_short_words;
	/* Out: the slice stopped before the page was complete; rows it gave
	 * (if any) are the page's next ones, and the rest follow them. */
	bool paused;
	bool for_key;                 /* it stopped because a key was waiting */
};

struct db_page_query {
	enum db_table_id table;
	int sort_column;          /* catalogue column index, or -1 for the id */
	bool sort_not_null;       /* the column is NOT NULL: its index can serve the order */
	bool descending;
	const char *filter;       /* NULL/"": all rows; else rows one of whose text
	                           * columns or referenced keys contains each word, in
	                           * any case and with or without accents */
	int parent_column;        /* -1, or only rows whose column equals parent_id */
	int64_t parent_id;
	/* With parent_through: parent_column references a table whose
	 * column through_column equals parent_id instead (a child's sessions:
	 * provision whose entry's child is the child). */
	bool parent_through;
	int through_column;
	/* More equalities: column match_columns[i] equals match_values[i]. */
	int match_columns[DB_PAGE_MAX_MATCHES];
	struct db_value match_values[DB_PAGE_MAX_MATCHES];
	int match_count;
	/* The text value is contained in the column, in any case. */
	bool match_contains[DB_PAGE_MAX_MATCHES];
	/* -1, or only rows whose period [range_start_column, range_end_column
	 * (NULL: open)] overlaps [range_from, range_to] (ISO dates). */
	int range_start_column, range_end_column;
	const char *range_from, *range_to;
	bool has_after;           /* start strictly after (after_value, after_id) */
	struct db_value after_value;   /* the sort column's value, as rows give it */
	int64_t after_id;
	int limit;
	int64_t count_cap;        /* db_page_count stops counting here; 0: never */
	/* A filter word naming a flag a list shows (a contract's "expired")
	 * selects the rows having it, as on this day (ISO), with an end
	 * within ending_soon_days "ending-soon". */
	const char *flags_on;
	int ending_soon_days;
	struct db_slice *slice;       /* NULL: to the end, however long */
};

int db_page(struct db *db, const struct db_page_query *q, db_row_fn fn, void *ctx,
            struct error *err);

/* The number of rows the query would give without limit and position.
 * With q->slice, it stops only for a key (slice->paused and for_key,
 * *count -1): a count has no place to go on from. */
int db_page_count(struct db *db, const struct db_page_query *q, int64_t *count,
                  struct error *err);

#endif
