/* recordlist.h: a screen of records of one kind, described as data.
 *
 * Most screens are the same: a list of one kind of record (filter, sort,
 * export), Enter opens a record's detail, a / e / d add, edit and delete
 * it through a form and the write path, with the role checked first so
 * that a reader is told at once that they may only look.  A screen is
 * then a struct record_screen and a few callbacks. */
#ifndef SENDESK_RECORDLIST_H
#define SENDESK_RECORDLIST_H

#include "tui/listview.h"

#define DETAIL_LINE_MAX 200

/* The text of a detail view, built line by line. */
struct detail {
	char (*lines)[DETAIL_LINE_MAX];
	bool *headings;
	int count, capacity;
};

void detail_add(struct detail *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void detail_heading(struct detail *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

struct record_screen {
	const char *title;                      /* "Contracts" */
	enum kind_id kind;
	const struct listview_column *columns;
	int column_count;
	int sort_column;                        /* initial, -1: entry order */
	listview_format_fn format;              /* NULL: the fields as they are */
	/* Lines after the record's fields in its detail view; NULL: none. */
	void (*detail)(struct tui *t, const struct record *r, struct detail *d);
	/* Keys of the detail view beyond edit, delete and back; NULL: none.
	 * Returns VIEW_* flags (VIEW_IGNORED when not its key). */
	int (*detail_key)(struct tui *t, const struct record *r, enum action a);
	const enum action *detail_hints;        /* NULL: the default ones */
	/* Keys of the list beyond movement, filter, sort, open, add, edit,
	 * delete and export (e.g. a period filter): may change q; returns
	 * VIEW_* flags (VIEW_RELOAD refetches), VIEW_IGNORED when not its key.
	 * NULL: none. */
	int (*list_key)(struct tui *t, struct list_query *q, enum action a);
	/* Describes the filters list_key set, for a line under the title;
	 * leaves buf "" when there are none.  NULL: no such line. */
	void (*list_status)(struct tui *t, const struct list_query *q, char *buf, size_t len);
	const enum action *list_hints;          /* NULL: those of the list's scopes */
	unsigned list_scopes;                   /* key scopes beyond SCOPE_LIST */
};

/* Pushes the list view of rs (the root view of a tab). */
void record_screen_open(struct tui *t, const struct record_screen *rs);

/* Pushes a list view of rs starting from query q (its filters, matches,
 * range and order), under its own title: "Spot purchases in 2021-22". */
void record_screen_open_with(struct tui *t, const struct record_screen *rs,
                             const struct list_query *q, const char *title);

/* True when the login may change records of k; otherwise tells them on
 * the status line that they may only read. */
bool record_screen_may_change(struct tui *t, const struct kind *k);

#endif
