/* rowlist.h: selection and scrolling over rows a screen already holds.
 *
 * The list widget (listview.h) pages through a table; some screens show
 * a handful of rows they have worked out themselves (a report's periods,
 * the contracts that could cover a district).  A rowlist keeps, for
 * those, which row is selected and which is first on screen, and moves
 * them for the movement keys; the screen draws its rows as it likes. */
#ifndef SENDESK_ROWLIST_H
#define SENDESK_ROWLIST_H

#include "tui/tui.h"

struct rowlist {
	int count;        /* rows held by the screen */
	int selected;     /* -1 when there are none */
	int top;          /* first row on screen */
	int height;       /* rows on screen, from the last rowlist_show */
};

/* Empty, nothing selected. */
void rowlist_init(struct rowlist *l);

/* The screen now holds count rows; the selection stays where it was,
 * moved in when it falls outside (the first row when there was none). */
void rowlist_set_count(struct rowlist *l, int count);

/* Selects row i (clamped to the rows held). */
void rowlist_select(struct rowlist *l, int i);

/* Up, down, page up and down (a screen less one row, so one row stays
 * in sight), home and end; VIEW_HANDLED, or VIEW_IGNORED for any other
 * action. */
int rowlist_key(struct rowlist *l, enum action a);

/* Before drawing height rows: sets l->height and moves l->top as little
 * as keeps the selection on screen, and the screen full when it can. */
void rowlist_show(struct rowlist *l, int height);

#endif
