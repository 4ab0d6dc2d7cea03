/* tui.h: the screen manager.
 *
 * It owns the main loop and all drawing.  What is on screen is a stack of
 * views: at the bottom the tab the user chose (Contracts, Providers,
 * Coverage), above it whatever that tab opened (a record's detail, a
 * form, a question).  Keys go to the top view as named actions; a view's
 * key handler changes its own state and returns what it needs (redraw,
 * reload, close, quit), and never draws.  Then the manager draws: title
 * bar with the tabs and the login, the views, the status line with hints.
 *
 * No SQL here: views call core. */
#ifndef SENDESK_TUI_H
#define SENDESK_TUI_H

#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/session.h"
#include "tui/keymap.h"
#include "tui/text.h"

/* What a key handler asks of the manager. */
enum {
	VIEW_IGNORED = 0,      /* not mine: the manager may handle it */
	VIEW_HANDLED = 1,      /* done; redraw */
	VIEW_RELOAD = 2,       /* data changed: every view reloads before drawing */
	VIEW_CLOSE = 4,        /* pop this view */
	VIEW_QUIT = 8,         /* leave sendesk */
	VIEW_CLOSE_BELOW = 16, /* with VIEW_CLOSE: the view under it closes too
	                        * (a "discard?" question and its form) */
};

/* Colour pairs: each only repeats what a word or letter already says. */
enum tui_colour {
	COLOUR_NORMAL, COLOUR_TITLE, COLOUR_SELECTED, COLOUR_STATUS, COLOUR_ERROR,
	COLOUR_WARN, COLOUR_GOOD, COLOUR_GAP, COLOUR_OVERLAP, COLOUR_DIM, COLOUR_COUNT
};

struct tui;

struct view_ops {
	const char *name;
	/* Called when shown for the first time and on VIEW_RELOAD. */
	void (*load)(struct tui *t, void *state);
	/* key: the raw key (code point or KEY_CODE_BASE + curses code);
	 * action: what the keymap makes of it. */
	int (*key)(struct tui *t, void *state, enum action action, int key);
	/* Draws into w, which covers the body of the screen. */
	void (*draw)(struct tui *t, void *state, WINDOW *w);
	/* Frees state's contents (not state itself). */
	void (*done)(struct tui *t, void *state);
	/* The actions shown as hints in the status line, ACT_NONE-terminated;
	 * NULL: those of the view's scopes that have a hint word, with help
	 * and back (keymap_hints). */
	const enum action *hints;
	/* Where the terminal cursor goes after drawing (plain mode puts it on
	 * the selected row for screen readers); NULL: the manager hides it. */
	bool (*cursor)(struct tui *t, void *state, int *row, int *col);
	/* The key scopes (enum key_scope bits) the view handles: its keys are
	 * looked up there, and help and hints show those.  0: every scope. */
	unsigned scopes;
};

/* Whether the login may take action a in a view: a role that may not
 * change the records shown is not offered add, edit or delete in the
 * hints. */
typedef bool view_offers_fn(struct tui *t, void *state, enum action a);

struct tui {
	struct session *s;
	const struct settings *cfg;
	struct keymap keymap;
	bool plain;          /* no box drawing, cursor on the selection */
	bool colour;
	char status[1024];   /* the last message, shown until the next key */
	char last_message[1024]; /* kept for F3 after the status clears */
	bool status_is_error;
	unsigned scopes;     /* of the view under any help or message view */
	bool running;
};

/* Runs the screens until the user quits.  Restores the terminal whatever
 * happens.  Returns 0 or an EX_* code (with err filled). */
int tui_run(struct session *s, const struct settings *cfg, bool plain, struct error *err);

/* Opens a view above the current one; state (of ops' size) is owned by
 * the manager from now on and freed, after ops->done, when it closes. */
void tui_push(struct tui *t, const struct view_ops *ops, void *state);
/* The same, for a view that offers only some actions (hints). */
void tui_push_offering(struct tui *t, const struct view_ops *ops, void *state,
                       view_offers_fn *offers);

/* Zeroed memory for a view's state; out of memory is fatal. */
void *tui_alloc(size_t size);

/* Sets the status line (printf style). */
void tui_message(struct tui *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void tui_error(struct tui *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Drawing helpers for views. */
attr_t tui_attr(const struct tui *t, enum tui_colour c);
/* Splits UTF-8 text into lines of at most width columns, breaking at
 * spaces (a word longer than a line is split).  Fills at most max lines;
 * returns how many the whole text needs. */
#define TUI_LINE_MAX 512
int tui_wrap(const char *text, int width, char (*lines)[TUI_LINE_MAX], int max);

/* Scrolls a text of lines lines shown height at a time by a movement
 * action; VIEW_HANDLED, or VIEW_IGNORED when a is not a movement. */
int tui_scroll(int *top, int lines, int height, enum action a);

/* For a view that waits inside a key (a form's save while another
 * process holds the database): shows note on the status line at once
 * and returns false when the user pressed Esc since the last call. */
bool tui_keep_waiting(struct tui *t, const char *note);

/* For work a key starts that can run for seconds (a report over a
 * national database): tui_watch_stop, given as the work's stop(), shows
 * note on the status line and reads the keys typed, every
 * TUI_WATCH_MS at most, and answers true once Esc was pressed (other
 * keys typed meanwhile are dropped).  tui_watch_end takes the note off
 * the status line. */
#define TUI_WATCH_MS 50
struct tui_watch {
	struct tui *t;
	const char *note;
	long next_ms;
};
bool tui_watch_stop(void *ctx);
void tui_watch_end(struct tui_watch *w);

/* Work a view leaves for between keys (a filter's rows still being
 * found): a view asks for it while drawing, and after drawing, while no
 * key is waiting, the manager calls slice(t, ctx), which does a few
 * milliseconds of it, then draws again (so a view no longer drawn, or
 * closed, gets no more calls).  Returns false when no screen manager runs
 * (a test): the caller then does the work at once. */
typedef void (*tui_slice_fn)(struct tui *t, void *ctx);
bool tui_want_slice(struct tui *t, tui_slice_fn slice, void *ctx);

/* Whether a key is waiting to be read: work between keys stops for it. */
bool tui_key_waiting(void *unused);

/* Leaves curses cleanly, prints "sendesk: <why>" and exits with code.
 * For broken invariants and out-of-memory only. */
_Noreturn void tui_fatal(int code, const char *why);

#endif
