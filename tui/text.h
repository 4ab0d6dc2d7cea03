/* text.h: putting UTF-8 text on the screen whatever the locale.
 *
 * Records, money and marks are UTF-8 ("£1,200", "Zoë", "▲").  A terminal
 * whose locale is UTF-8 shows them as they are; under any other locale
 * (LC_ALL=C) each character the locale cannot show is written as the
 * nearest thing it can: "£" as "GBP", "▲" as "^", "…" as "~", an
 * accented letter as its base letter, and anything else as "?", so that
 * nothing silently disappears.  The decoding is libunistring's, not the
 * C library's multibyte functions, which refuse UTF-8 under the C
 * locale. */
#ifndef SENDESK_TUI_TEXT_H
#define SENDESK_TUI_TEXT_H

#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

struct tui;

/* Writes UTF-8 text at (row, col) cut or padded to width display columns. */
void tui_put(WINDOW *w, int row, int col, int width, const char *text, attr_t attr);
/* As tui_put, but text that does not fit ends in "…" (or its fallback),
 * so the reader knows there is more. */
void tui_put_cut(WINDOW *w, int row, int col, int width, const char *text, attr_t attr);
/* Display columns of UTF-8 text as tui_put shows it ("£12" is three,
 * or five as "GBP12" under a locale without "£"). */
int tui_width(const char *text);

/* A horizontal rule, or nothing in plain mode. */
void tui_rule(const struct tui *t, WINDOW *w, int row);

/* ---- without a terminal ----------------------------------------------- */

/* How characters beyond ASCII are shown. */
enum text_charset {
	TEXT_CHARSET_LOCALE,   /* as the current locale can (the default) */
	TEXT_CHARSET_UTF8,     /* every character as it is */
	TEXT_CHARSET_ASCII,    /* ASCII only, everything else by its fallback */
};

/* Overrides what the locale says (tests); TEXT_CHARSET_LOCALE asks the
 * locale again. */
void text_set_charset(enum text_charset charset);

/* Whether the screen shows every character as it is. */
bool text_shows_all(void);

/* The one-line note that a UTF-8 locale shows names fully, or NULL
 * when the locale is UTF-8. */
const char *text_locale_note(void);

/* Writes into out (len bytes, may be NULL to measure only) the UTF-8
 * text as the screen shows it: fallbacks in place of what the locale
 * cannot show, control characters as spaces, cut to width columns and,
 * with mark_cut, ending in the cut mark when something was left out.
 * Returns the columns used. */
int text_fit(const char *text, int width, bool mark_cut, char *out, size_t len);

/* The bytes of the first character of text (0 at its end) and, in
 * *columns, the columns it takes as shown: "£" is three where the
 * locale shows it as "GBP".  For wrapping text as it will be drawn. */
int text_next(const char *text, int *columns);

#endif
