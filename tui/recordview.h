/* recordview.h: one record with lists of its related records.
 *
 * A record view shows a record's fields at the top, wrapped to the width
 * of the terminal, then any lines its screen adds (a contract's flags),
 * then its related lists: the records of other kinds that name it (a
 * contract's value history, coverage and staffing; a child's therapy
 * entries and sessions).  Each related list is a real list, the one list
 * widget paged from core: arrows select, Tab and BackTab move between
 * the record's text and its lists, Enter opens the selected record in
 * its own record view, a adds a record with the parent already filled
 * in, e edits, d deletes (asking first), x exports the list.  On the
 * record's text the arrows scroll, e and d edit and delete the record
 * itself, and a adds to the first related list.  After the record is
 * deleted the view closes and the list it came from selects the
 * neighbour of the deleted row.
 *
 * A screen declares its related lists as data, in its struct
 * record_screen (recordlist.h): an array of struct related_list. */
#ifndef SENDESK_RECORDVIEW_H
#define SENDESK_RECORDVIEW_H

#include "tui/listview.h"

struct record_screen;

/* ---- the text above the lists ------------------------------------------- */

/* Lines of text, each wrapped when drawn: continuation lines start at
 * the line's indent (the column after a field's label). */
struct detail {
	char **lines;          /* owned */
	int *indents;          /* display columns of hanging indent */
	bool *headings;
	int count, capacity;
};

void detail_add(struct detail *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void detail_heading(struct detail *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* "  Label            value": the value's continuation lines line up
 * under its first one. */
void detail_field(struct detail *d, const char *label, const char *value);
void detail_clear(struct detail *d);
/* Frees the lines. */
void detail_free(struct detail *d);

/* ---- related lists ------------------------------------------------------- */

/* A screen's own key on a related list (e.g. l to log a session on a
 * child's therapy entries): parent is the record the view shows, selected
 * the list's selected record (NULL when the list is empty).  Returns
 * VIEW_* flags (VIEW_RELOAD refetches every list), VIEW_IGNORED when not
 * its key. */
typedef int (*related_key_fn)(struct tui *t, const struct record *parent,
                              const struct record *selected, enum action a);

struct related_list {
	const char *title;                    /* "Value history, with sources" */
	enum kind_id kind;                    /* of the related records */
	int parent_field;                     /* field of kind naming the parent */
	/* parent_field names a record whose field through_field is the
	 * parent (a child's sessions: provision by entry, through the
	 * entry's child).  A new record then has no parent filled in. */
	bool parent_through;
	int through_field;
	const struct listview_column *columns;
	int column_count;
	int sort_column;                      /* index into columns; -1: entry order */
	bool descending;                      /* newest first, say */
	listview_format_fn format;            /* NULL: each column shows its field */
	int rows;                             /* rows shown at most; 0: 5 */
	/* How a selected record opens (its own related lists, extras, keys);
	 * NULL: a record view of kind with these columns and no lists. */
	const struct record_screen *screen;
	related_key_fn key;                   /* NULL: none */
	const enum action *hints;             /* NULL: the default ones */
};

/* Opens the record view of record id of rs->kind.  origin, when not
 * NULL, is the list it was opened from (it must outlive the view: it
 * lives in a view below): after the record is deleted it selects the
 * deleted row's neighbour. */
void record_view_open(struct tui *t, const struct record_screen *rs, int64_t id,
                      struct listview *origin);

/* The same, opened on related list section (an index into rs->related)
 * with its record select_id selected (0: its first row), e.g. a child's
 * record on the first therapy entry in force. */
void record_view_open_at(struct tui *t, const struct record_screen *rs, int64_t id,
                         struct listview *origin, int section, int64_t select_id);

/* ---- without a terminal --------------------------------------------------- */

struct wrap_line {
	int start, len;        /* bytes of the text */
};

/* Splits text into lines of at most width display columns (UTF-8, wide
 * characters count two), breaking at spaces, or inside a word longer
 * than a line, never inside a character; a newline always breaks.
 * Spaces at a break are dropped.  Writes up to max lines to out and
 * returns how many there are (which may be more than max); "" is one
 * empty line. */
int text_wrap(const char *text, int width, struct wrap_line *out, int max);

#endif
