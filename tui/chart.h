/* chart.h: the one chart widget: bars of labelled values.
 *
 * Horizontal bars are drawn in eighths of a cell with Unicode blocks
 * (▏▎▍▌▋▊▉█), vertical ones with ▁▂▃▄▅▆▇█, and in plain mode with '#'
 * whole cells, which a screen reader reads as a length.  The value is
 * always printed beside its bar (money as £1,234,567, counts as 1,234),
 * so the bar only repeats what the text says.  The largest value fills
 * the room given; a zero value has no bar, a missing one shows "-".
 *
 * The scaling and layout are plain functions, tested without curses;
 * chart_draw only puts their results on the screen. */
#ifndef SENDESK_CHART_H
#define SENDESK_CHART_H

#include "tui/tui.h"

#include <stdint.h>

/* money in pence; a percentage in tenths (138 is 13.8%) */
enum chart_format { CHART_COUNT, CHART_MONEY, CHART_PERCENT };

struct chart_bar {
	const char *label;     /* "2021-22" */
	int64_t value;         /* negative values are drawn as zero */
	bool missing;          /* no figure at all (not the same as zero) */
};

struct chart {
	const char *title;     /* a line above the bars, or NULL */
	const struct chart_bar *bars;
	int count;
	enum chart_format format;
	bool vertical;
	int first;             /* the first bar drawn, when not all fit */
	int selected;          /* drawn emphasised, or -1 */
};

#define CHART_VALUE_MAX 32
#define CHART_BAR_MAX 1024  /* bytes of one drawn bar */

/* "£1,234,567" (pence rounded to whole pounds), "1,234", "13.8%", or
 * "-" when missing; buf at least CHART_VALUE_MAX. */
void chart_value_text(enum chart_format format, const struct chart_bar *b, char *buf);

/* The largest value of c's bars (missing and negative ones count as 0). */
int64_t chart_max(const struct chart *c);

/* The length in eighths of a cell of a bar for value when max fills
 * cells: rounded, never more than cells * 8, at least one eighth for any
 * value above zero (so that a small value is not read as none), 0 for
 * zero, negative values, max <= 0 or cells <= 0. */
int chart_eighths(int64_t value, int64_t max, int cells);

/* The whole cells a plain-mode bar of that many eighths takes: rounded,
 * at least one when eighths > 0. */
int chart_plain_cells(int eighths);

/* Writes a horizontal bar of that many eighths into buf as UTF-8 (or as
 * '#' cells when plain); returns its width in display columns. */
int chart_bar_text(int eighths, bool plain, char *buf, size_t len);

/* The glyph of a vertical bar's cell at row (0 is the bottom) for a bar
 * of that many eighths: a full block, a partial one, or a space. */
const char *chart_column_glyph(int eighths, int row, bool plain);

/* Display columns of UTF-8 text as tui_put shows it (tui_width). */
int chart_text_width(const char *text);

/* Where things go in a chart of width x height cells. */
struct chart_layout {
	int label_width;       /* the widest label shown, at most a third of the width */
	int value_width;       /* the widest value text */
	int bar_cells;         /* room for the longest bar (horizontal) or the tallest (vertical) */
	int column_width;      /* vertical: cells per bar, gap included */
	int first;             /* c->first, or 0 when below */
	int shown;             /* bars that fit, from first */
};

/* Horizontal: a row per bar: label, bar, value just after the bar.
 * Vertical: a column per bar: values on top, labels underneath.  Lays
 * out what fits; shown is 0 when nothing does. */
void chart_layout(const struct chart *c, int height, int width, struct chart_layout *out);

/* Draws c into the height x width cells of w from (y, x). */
void chart_draw(const struct tui *t, const struct chart *c, WINDOW *w, int y, int x, int height,
                int width);

#endif
