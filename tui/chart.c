/* chart.c: bars of labelled values; see chart.h. */
#include "tui/tui.h"

#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "core/money.h"
#include "tui/chart.h"

/* Horizontal eighths: index n is a bar n eighths long. */
static const char *const h_eighths[8] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
/* Vertical eighths: index n is a cell filled n eighths from the bottom. */
static const char *const v_eighths[8] = {" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇"};
static const char full_block[] = "█";

/* "1,234,567": thousands grouped as people read them. */
static void group_thousands(int64_t n, char *buf, size_t len)
{
	char digits[24];
	snprintf(digits, sizeof digits, "%lld", (long long)(n < 0 ? -n : n));
	size_t count = strlen(digits), used = 0;
	if (n < 0 && used + 1 < len)
		buf[used++] = '-';
	for (size_t i = 0; i < count && used + 2 < len; i++) {
		if (i > 0 && (count - i) % 3 == 0)
			buf[used++] = ',';
		buf[used++] = digits[i];
	}
	buf[used] = '\0';
}

void chart_value_text(enum chart_format format, const struct chart_bar *b, char *buf)
{
	if (b->missing) {
		snprintf(buf, CHART_VALUE_MAX, "-");
		return;
	}
	if (format == CHART_COUNT) {
		group_thousands(b->value, buf, CHART_VALUE_MAX);
		return;
	}
	if (format == CHART_PERCENT) {
		int64_t tenths = b->value < 0 ? -b->value : b->value;
		snprintf(buf, CHART_VALUE_MAX, "%s%lld.%lld%%", b->value < 0 ? "-" : "",
		         (long long)(tenths / 10), (long long)(tenths % 10));
		return;
	}
	/* Whole pounds, half a pound up: a chart is read at a glance; the
	 * table beside it has the pence. */
	int64_t pence = b->value;
	int64_t pounds = pence >= 0 ? (pence + 50) / 100 : -((-pence + 50) / 100);
	char grouped[CHART_VALUE_MAX - 4];   /* room for the sign and "£" */
	group_thousands(pounds < 0 ? -pounds : pounds, grouped, sizeof grouped);
	snprintf(buf, CHART_VALUE_MAX, "%s£%s", pounds < 0 ? "-" : "", grouped);
}

static int64_t drawn_value(const struct chart_bar *b)
{
	return b->missing || b->value < 0 ? 0 : b->value;
}

int64_t chart_max(const struct chart *c)
{
	int64_t max = 0;
	for (int i = 0; i < c->count; i++)
		if (drawn_value(&c->bars[i]) > max)
			max = drawn_value(&c->bars[i]);
	return max;
}

int chart_eighths(int64_t value, int64_t max, int cells)
{
	if (value <= 0 || max <= 0 || cells <= 0)
		return 0;
	int64_t units = (int64_t)cells * 8;
	if (value >= max)
		return (int)units;
	/* value < max here, and money stays below 2^37 pence, so the product
	 * stays far inside 64 bits for any terminal's width. */
	int64_t e = (value * units + max / 2) / max;
	if (e < 1)
		e = 1;
	return (int)(e > units ? units : e);
}

int chart_plain_cells(int eighths)
{
	if (eighths <= 0)
		return 0;
	int cells = (eighths + 4) / 8;
	return cells < 1 ? 1 : cells;
}

int chart_bar_text(int eighths, bool plain, char *buf, size_t len)
{
	size_t used = 0;
	int cells = 0;
	buf[0] = '\0';
	if (eighths <= 0 || len == 0)
		return 0;
	int whole = plain ? chart_plain_cells(eighths) : eighths / 8;
	const char *glyph = plain ? "#" : full_block;
	size_t glyph_len = strlen(glyph);
	for (int i = 0; i < whole && used + glyph_len < len; i++, cells++) {
		memcpy(buf + used, glyph, glyph_len);
		used += glyph_len;
	}
	const char *part = plain ? "" : h_eighths[eighths % 8];
	if (*part && used + strlen(part) < len) {
		memcpy(buf + used, part, strlen(part));
		used += strlen(part);
		cells++;
	}
	buf[used] = '\0';
	return cells;
}

const char *chart_column_glyph(int eighths, int row, bool plain)
{
	if (plain) {
		int cells = chart_plain_cells(eighths);
		return row < cells ? "#" : " ";
	}
	int filled = eighths - row * 8;
	if (filled >= 8)
		return full_block;
	return filled > 0 ? v_eighths[filled] : " ";
}

int chart_text_width(const char *text)
{
	/* As shown: "£" is "GBP" where the locale cannot show it. */
	return tui_width(text ? text : "");
}

static int widest_value(const struct chart *c)
{
	int widest = 0;
	for (int i = 0; i < c->count; i++) {
		char text[CHART_VALUE_MAX];
		chart_value_text(c->format, &c->bars[i], text);
		int w = chart_text_width(text);
		widest = w > widest ? w : widest;
	}
	return widest;
}

static int widest_label(const struct chart *c)
{
	int widest = 0;
	for (int i = 0; i < c->count; i++) {
		int w = chart_text_width(c->bars[i].label);
		widest = w > widest ? w : widest;
	}
	return widest;
}

static int bars_after_first(const struct chart *c)
{
	int first = c->first > 0 ? c->first : 0;
	return c->count - first > 0 ? c->count - first : 0;
}

static void layout_horizontal(const struct chart *c, int rows, int width, struct chart_layout *out)
{
	if (out->label_width > width / 3)
		out->label_width = width / 3;
	/* label, gap, bar, gap, value */
	out->bar_cells = width - out->label_width - 1 - 1 - out->value_width;
	out->shown = out->bar_cells >= 1 ? rows : 0;
	if (out->shown > bars_after_first(c))
		out->shown = bars_after_first(c);
	if (out->bar_cells < 0)
		out->bar_cells = 0;
}

static void layout_vertical(const struct chart *c, int rows, int width, struct chart_layout *out)
{
	/* value on top, label underneath */
	out->bar_cells = rows - 2;
	out->column_width = (out->label_width > out->value_width ? out->label_width : out->value_width) + 1;
	out->shown = out->bar_cells >= 1 ? (width + 1) / out->column_width : 0;
	if (out->shown > bars_after_first(c))
		out->shown = bars_after_first(c);
	if (out->bar_cells < 0)
		out->bar_cells = 0;
}

void chart_layout(const struct chart *c, int height, int width, struct chart_layout *out)
{
	memset(out, 0, sizeof *out);
	out->first = c->first > 0 ? c->first : 0;
	int rows = height - (c->title ? 1 : 0);
	if (rows < 1 || width < 1)
		return;
	out->label_width = widest_label(c);
	out->value_width = widest_value(c);
	if (c->vertical)
		layout_vertical(c, rows, width, out);
	else
		layout_horizontal(c, rows, width, out);
}

/* ---- drawing ------------------------------------------------------------ */

/* Bars of "#" where block characters cannot be shown (plain mode, or a
 * locale that is not UTF-8, which would show them as "?"). */
static bool plain_bars(const struct tui *t)
{
	return t->plain || !text_shows_all();
}

static attr_t label_attr(const struct tui *t, const struct chart *c, int i)
{
	return i == c->selected ? tui_attr(t, COLOUR_SELECTED) : A_NORMAL;
}

static void draw_horizontal(const struct tui *t, const struct chart *c, const struct chart_layout *l,
                            WINDOW *w, int y, int x)
{
	int64_t max = chart_max(c);
	for (int n = 0; n < l->shown; n++) {
		int i = l->first + n;
		const struct chart_bar *b = &c->bars[i];
		char bar[CHART_BAR_MAX], value[CHART_VALUE_MAX];
		chart_value_text(c->format, b, value);
		int cells = chart_bar_text(chart_eighths(drawn_value(b), max, l->bar_cells), plain_bars(t), bar,
		                           sizeof bar);
		int col = x + l->label_width + 1;
		tui_put(w, y + n, x, l->label_width, b->label, label_attr(t, c, i));
		tui_put(w, y + n, col, cells, bar, A_NORMAL);
		col += cells + (cells > 0 ? 1 : 0);
		tui_put(w, y + n, col, l->value_width, value, A_NORMAL);
	}
}

/* Centres text in a column of width cells. */
static void put_centred(WINDOW *w, int row, int col, int width, const char *text, attr_t attr)
{
	int len = chart_text_width(text);
	int pad = width > len ? (width - len + 1) / 2 : 0;
	tui_put(w, row, col + pad, width - pad, text, attr);
}

static void draw_vertical(const struct tui *t, const struct chart *c, const struct chart_layout *l,
                          WINDOW *w, int y, int x)
{
	int64_t max = chart_max(c);
	int cw = l->column_width - 1;
	for (int n = 0; n < l->shown; n++) {
		int i = l->first + n;
		const struct chart_bar *b = &c->bars[i];
		int col = x + n * l->column_width;
		char value[CHART_VALUE_MAX];
		chart_value_text(c->format, b, value);
		int eighths = chart_eighths(drawn_value(b), max, l->bar_cells);
		put_centred(w, y, col, cw, value, A_NORMAL);
		/* Bars two cells narrower than their column keep a gap between
		 * neighbours when labels are as narrow as the bars. */
		int bar_width = cw > 2 ? cw - 2 : 1;
		for (int row = 0; row < l->bar_cells; row++) {
			const char *glyph = chart_column_glyph(eighths, row, plain_bars(t));
			for (int k = 0; k < bar_width; k++)
				tui_put(w, y + l->bar_cells - row, col + (cw - bar_width) / 2 + k, 1, glyph, A_NORMAL);
		}
		put_centred(w, y + 1 + l->bar_cells, col, cw, b->label, label_attr(t, c, i));
	}
}

void chart_draw(const struct tui *t, const struct chart *c, WINDOW *w, int y, int x, int height,
                int width)
{
	struct chart_layout l;
	chart_layout(c, height, width, &l);
	if (c->title) {
		tui_put(w, y, x, width, c->title, A_BOLD);
		y++;
	}
	if (l.shown == 0) {
		if (height > (c->title ? 1 : 0))
			tui_put(w, y, x, width, c->count == 0 ? "(nothing to show)" : "(too narrow)", A_NORMAL);
		return;
	}
	if (c->vertical)
		draw_vertical(t, c, &l, w, y, x);
	else
		draw_horizontal(t, c, &l, w, y, x);
}
