/* listview.h: the one list widget.
 *
 * A window over core's keyset pages: it holds the rows on screen plus a
 * margin, never the table, and fetches the next rows as the selection
 * moves past what it has.  It scrolls, pages, jumps to either end,
 * filters as the user types (the selection kept when it still matches)
 * and sorts by any of its columns.  Screens give it a record kind, the
 * columns to show, and optionally a function that formats a row. */
#ifndef SENDESK_LISTVIEW_H
#define SENDESK_LISTVIEW_H

#include "core/list.h"
#include "tui/tui.h"

#define LISTVIEW_MAX_COLUMNS 10
#define LISTVIEW_CELL_MAX 96
#define LISTVIEW_CAPACITY 512     /* rows held: a screenful or two and a margin */
/* Beyond this a filter's count says "over 1000": while a short filter
 * still matches most of a large table, an exact count costs a scan per
 * key. */
#define LISTVIEW_COUNT_CAP 1000
/* A reload holds 2.25 screens, so a list shows at most a third of its
 * capacity; a taller terminal leaves the rest of the window blank. */
#define LISTVIEW_MAX_HEIGHT (LISTVIEW_CAPACITY / 3)

struct listview_column {
	const char *title;
	int field;           /* sorted by this field; -1: not sortable */
	int width;           /* 0: the rest of the line */
	bool right;          /* right-aligned (amounts) */
};

struct listview_row {
	struct list_key key;
	char cells[LISTVIEW_MAX_COLUMNS][LISTVIEW_CELL_MAX];
	bool warn;           /* drawn in the warning colour (a flag is also in the text) */
	bool incomplete;     /* its complete step has not run yet */
};

/* Fills row->cells (and row->warn) from a record. */
typedef void (*listview_format_fn)(struct tui *t, const struct record *r,
                                   struct listview_row *row, void *ctx);

/* Finishes a row (row->key.id is its record) when it is first drawn:
 * for cells that cost a query each (a child's therapy summary), so that
 * only the rows on screen pay for them, not the margin fetched around. */
typedef void (*listview_complete_fn)(struct tui *t, struct listview_row *row, void *ctx);

struct listview;

/* Called when a filter's page has been found (see listview_search). */
typedef void (*listview_searched_fn)(struct tui *t, struct listview *lv, void *ctx);

struct listview {
	struct list_query query;
	const struct listview_column *columns;
	int column_count;
	listview_format_fn format;   /* NULL: each column shows its field */
	listview_complete_fn complete;   /* NULL: rows are whole when fetched */
	void *format_ctx;
	struct listview_row rows[LISTVIEW_CAPACITY];
	int count;                   /* rows held */
	int selected;                /* index into rows, -1 when empty */
	int top;                     /* first row on screen */
	int height;                  /* rows on screen, from the last draw (at most
	                                LISTVIEW_MAX_HEIGHT are used) */
	bool at_start, at_end;       /* rows[0] is the first / rows[count-1] the last */
	int64_t total;               /* rows matching, -1 when not counted */
	bool editing_filter;         /* keys go to the filter */
	bool filter_selected;        /* the kept filter is shown selected: the
	                                next character typed replaces it */
	int sort_column;             /* index into columns, -1: entry order */
	bool inactive;               /* another list on screen has the keys: no
	                                row is drawn selected */
	/* A filter's first page is found between keys, a slice at a time
	 * (core/list.h), the rows shown as they come: typing never waits for
	 * a query.  A key that changes the filter starts the search again. */
	struct list_search search;
	bool searching;              /* search is still finding rows */
	bool counting;               /* total is still to be counted */
	bool has_anchor;             /* the record selected before the filter */
	struct list_key anchor;      /* changed, selected again when found */
	listview_searched_fn searched;   /* NULL, or told when the page is found */
	void *searched_ctx;
};

void listview_init(struct listview *lv, const struct kind *k,
                   const struct listview_column *columns, int column_count);

/* Reloads around the selected row (or from the start), keeping the
 * selection on the same record when it is still there. */
int listview_reload(struct tui *t, struct listview *lv);

/* Looks for the first page of the list as filtered now: the rows are
 * dropped at once and found again between keys, a slice at a time, then
 * counted (as listview_count does); a screen shows "searching" meanwhile.
 * The record selected before is selected again when it is on that page.
 * Without a running screen manager (tests) it is all done before
 * returning. */
void listview_search(struct tui *t, struct listview *lv);

/* Finishes finding the page a search is looking for (not its count):
 * for a key that acts on the selection, typed before the rows came. */
void listview_settle(struct tui *t, struct listview *lv);

/* Counts the rows matching into lv->total: a filter's only as far as
 * LISTVIEW_COUNT_CAP + 1.  -1 on failure (the error is on the status
 * line). */
int listview_count(struct tui *t, struct listview *lv);

/* Handles movement, filter and sort keys; returns VIEW_* flags. */
int listview_key(struct tui *t, struct listview *lv, enum action a, int key);

/* Moves the selection to record r (as stored), e.g. after adding it. */
int listview_select(struct tui *t, struct listview *lv, const struct record *r);
/* Moves the selection to the row at key's place in the list's order: the
 * row there, or, when it is gone, the one after it (before it at the end). */
int listview_select_key(struct tui *t, struct listview *lv, const struct list_key *key);

/* The selected record's id, or 0. */
int64_t listview_selected_id(const struct listview *lv);

/* The display columns each column gets on a line width wide: its
 * declared width, a right-aligned one (amounts) widened to its widest
 * cell held as this locale shows it and the text columns narrowed for
 * it, the width-0 one what the others leave; the last ones may get
 * nothing on a narrow screen. */
void listview_column_widths(const struct listview *lv, int width, int *widths);

/* Draws the header, the rows and a position line into w from row y. */
void listview_draw(struct tui *t, struct listview *lv, WINDOW *w, int y, int height);

/* Where the terminal cursor goes in plain mode: the selected row. */
bool listview_cursor(const struct listview *lv, int y, int *row, int *col);

/* Movement without a terminal, for the keys above and for tests. */
int listview_move(struct tui *t, struct listview *lv, int delta);
int listview_home(struct tui *t, struct listview *lv);
int listview_end(struct tui *t, struct listview *lv);

#endif
