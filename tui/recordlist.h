/* recordlist.h: a screen of records of one kind, described as data.
 *
 * Most screens are the same: a list of one kind of record (filter, sort,
 * export), Enter opens the record's view (recordview.h: its fields and
 * its related lists), a / e / d add, edit and delete it through a form
 * and the write path, with the role checked first so that a reader is
 * told at once that they may only look.  A screen is then a struct
 * record_screen and a few callbacks.  In a list narrowed to one parent
 * (query.parent_field), a new record starts with that parent filled in. */
#ifndef SENDESK_RECORDLIST_H
#define SENDESK_RECORDLIST_H

#include "tui/listview.h"
#include "tui/recordview.h"

struct record_screen {
	const char *title;                      /* "Contracts" */
	enum kind_id kind;
	const struct listview_column *columns;
	int column_count;
	int sort_column;                        /* initial, -1: entry order */
	listview_format_fn format;              /* NULL: the fields as they are */
	/* Lines after the record's fields in its record view; NULL: none. */
	void (*detail)(struct tui *t, const struct record *r, struct detail *d);
	/* Keys of the record view, on the record's text, beyond edit, delete
	 * and back; NULL: none.  Returns VIEW_* flags (VIEW_IGNORED when not
	 * its key). */
	int (*detail_key)(struct tui *t, const struct record *r, enum action a);
	const enum action *detail_hints;        /* NULL: the default ones */
	/* Keys of the list beyond movement, filter, sort, open, add, edit,
	 * delete and export (e.g. a period filter): may change q; selected is
	 * the selected record (NULL when the list is empty); returns VIEW_*
	 * flags (VIEW_RELOAD refetches), VIEW_IGNORED when not its key.
	 * NULL: none. */
	int (*list_key)(struct tui *t, struct list_query *q, const struct record *selected,
	                enum action a);
	/* Describes the filters list_key set, for a line under the title;
	 * leaves buf "" when there are none.  NULL: no such line. */
	void (*list_status)(struct tui *t, const struct list_query *q, char *buf, size_t len);
	const enum action *list_hints;          /* NULL: those of the list's scopes */
	unsigned list_scopes;                   /* key scopes beyond SCOPE_LIST */
	/* The lists under the record in its record view, in order. */
	const struct related_list *related;
	int related_count;
	/* Cells of a list row that cost a query each, made when the row is
	 * first drawn (listview_complete_fn); NULL: none. */
	listview_complete_fn complete;
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

/* ---- what a, e, d and x do on any list of records ---------------------- */

/* A delete waiting for its yes; it lives in the view that asked. */
struct pending_delete {
	int64_t id;
	enum kind_id kind;
	struct listview *origin;   /* selects the neighbour afterwards; NULL: none */
	bool close_view;           /* the record view of the deleted record closes */
};

/* "contract EKHUFT-2024": the kind and the record's key, for messages. */
void record_name(const struct record *r, const struct settings *cfg, char *buf, size_t len);

/* Asks, then deletes r through the write path.  Afterwards p->origin's
 * selection stands where the record stood: the next row, or the
 * previous one when it was the last. */
void record_ask_delete(struct tui *t, const struct record *r, struct pending_delete *p);

/* The answer yes: deletes the record p names and selects the neighbour
 * in p->origin.  VIEW_RELOAD, with VIEW_CLOSE_BELOW when p->close_view
 * (the question and the deleted record's view close); VIEW_HANDLED with
 * the reason on the status line when it is refused. */
int record_delete_now(struct tui *t, struct pending_delete *p);

/* Add (a), edit (e), delete (d) and export (x) on the list lv, whose
 * records are of kind k; a record added in a list narrowed to a parent
 * starts with the parent filled in.  p holds a delete while it is asked
 * about.  VIEW_IGNORED for any other action. */
int record_list_action(struct tui *t, struct listview *lv, struct pending_delete *p,
                       enum action a);

/* Fills r's reference field parent_field with the key of record
 * parent_id (of the field's target kind).  0, or an EX_* code with err
 * set (no such record). */
int record_fill_parent(struct session *s, const struct settings *cfg, struct record *r,
                       int parent_field, int64_t parent_id, struct error *err);

#endif
