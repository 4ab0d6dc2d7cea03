/* picker.h: choosing a record from a list by typing part of it.
 *
 * A reference field (a purchase's child, a contract's provider) must
 * name a record that exists; nobody should have to remember or free-type
 * its key.  The picker is a small list over the target kind, filtered by
 * what is typed (any part of the key or of a text field, "Ash" finds
 * "CH-0001 Lee Ashby"), in a box over the current view: Up/Down choose,
 * Enter hands the chosen record to the caller, Esc closes it and changes
 * nothing; Tab (or BackTab) chooses too and asks the caller to move on,
 * so that someone who types a whole key and Tab, as in any other field,
 * gets that record.  It is a listview, so it pages from core and never
 * holds the table.
 *
 * The parts that need no terminal (describing a row, typing into the
 * filter, the key of the chosen record) are plain functions, tested
 * against a database without curses. */
#ifndef SENDESK_PICKER_H
#define SENDESK_PICKER_H

#include "tui/listview.h"

/* Receives the chosen record (the picker keeps it) and how it was
 * chosen: step 0 by Enter, +1 by Tab, -1 by BackTab (the caller may move
 * to its next or previous field); returns VIEW_* flags to add to the
 * picker's own VIEW_CLOSE.  It must not push a view. */
typedef int (*picker_chosen_fn)(struct tui *t, const struct record *chosen, int step, void *ctx);

/* Opens a picker over records of kind k, its filter starting as initial
 * (UTF-8, may be NULL or "").  ctx is the caller's and must outlive the
 * picker (it sits above the caller's view, so the caller's state does). */
void picker_open(struct tui *t, const struct kind *k, const char *initial,
                 picker_chosen_fn chosen, void *ctx);

/* ---- without a terminal ----------------------------------------------- */

struct picker {
	struct listview lv;              /* its query's filter is what was typed */
	struct listview_column column;
	char column_title[64];
	picker_chosen_fn chosen;
	void *ctx;
	int box_row, box_col;            /* where the cursor goes, from the last draw */
};

/* Sets p up for kind k with the filter initial and loads the first rows. */
void picker_init(struct tui *t, struct picker *p, const struct kind *k, const char *initial);

/* Adds the character (a code point) to the filter and reloads; the
 * selection goes to the record whose key is exactly what was typed, if
 * there is one, else to the first match.  Text that would not fit is
 * refused (returns false). */
bool picker_type(struct tui *t, struct picker *p, int codepoint);

/* Removes the last character of the filter (however many bytes of UTF-8
 * it takes) and reloads. */
void picker_backspace(struct tui *t, struct picker *p);

/* Moves the selection by delta rows. */
void picker_move(struct tui *t, struct picker *p, int delta);

/* "CH-0001 Lee Ashby", "EKHUFT East Kent Hospitals...": the record's key
 * then its naming text: the required text fields beyond the key, or
 * else its first optional text field (a contract's title). */
void picker_describe(const struct record *r, const struct settings *cfg, char *buf, size_t len);

/* Loads the selected record into r (initialised here; the caller clears
 * it).  -1 with the reason on the status line when nothing is selected
 * or it cannot be read. */
int picker_selected(struct tui *t, const struct picker *p, struct record *r);

#endif
