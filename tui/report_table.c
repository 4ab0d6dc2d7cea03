#include "tui/report_table.h"

#include <stdio.h>
#include <string.h>

#include "tui/tui.h"

void report_table_init(struct report_table *rt, struct report_table_row *rows, int capacity)
{
	memset(rt, 0, sizeof *rt);
	rt->rows = rows;
	rt->capacity = capacity;
	rt->first_shown = 1;
	rowlist_init(&rt->list);
}

static void widen(struct report_table *rt, int c, const char *text)
{
	int w = tui_width(text);
	if (w > rt->widths[c])
		rt->widths[c] = w;
}

static void table_begin(void *ctx, const char *title, const struct report_column *cols, int count)
{
	struct report_table *rt = ctx;
	(void)title;   /* the screen has its own */
	rt->cols = cols;
	rt->col_count = count < REPORT_TABLE_MAX_COLUMNS ? count : REPORT_TABLE_MAX_COLUMNS;
	for (int c = 0; c < rt->col_count; c++) {
		rt->widths[c] = cols[c].width;
		widen(rt, c, cols[c].title);
	}
	/* A reload keeps the view scrolled where it was. */
	if (rt->first_shown >= rt->col_count)
		rt->first_shown = rt->col_count > 1 ? rt->col_count - 1 : 1;
	rt->truncated = false;
	rt->list.count = 0;
}

static int table_row(void *ctx, const struct cell *cells)
{
	struct report_table *rt = ctx;
	if (rt->list.count == rt->capacity) {
		rt->truncated = true;
		return 0;
	}
	struct report_table_row *row = &rt->rows[rt->list.count++];
	for (int i = 0; i < rt->col_count; i++) {
		const char *text = report_cell_display(&rt->cols[i], &cells[i], row->text[i],
		                                       sizeof row->text[i]);
		if (text != row->text[i])
			snprintf(row->text[i], sizeof row->text[i], "%s", text ? text : "");
		row->cell[i] = cells[i];
		if (cells[i].text != NULL)
			row->cell[i].text = row->text[i];
		widen(rt, i, row->text[i]);
	}
	return 0;
}

static void table_end(void *ctx)
{
	struct report_table *rt = ctx;
	rowlist_set_count(&rt->list, rt->list.count);
}

struct report_sink report_table_sink(struct report_table *rt)
{
	return (struct report_sink){rt, table_begin, table_row, table_end};
}

int report_table_column(const struct report_table *rt, const char *name)
{
	for (int i = 0; i < rt->col_count; i++)
		if (strcmp(rt->cols[i].name, name) == 0)
			return i;
	return -1;
}

int report_table_width(const struct report_table *rt)
{
	int width = 2;
	for (int i = 0; i < rt->col_count; i++)
		width += rt->widths[i] + (i > 0);
	return width;
}

int report_table_last_whole(const struct report_table *rt, int room)
{
	int used = 2 + (rt->col_count > 0 ? rt->widths[0] : 0), last = rt->first_shown - 1;
	for (int c = rt->first_shown; c < rt->col_count && used + 1 + rt->widths[c] <= room; c++) {
		used += 1 + rt->widths[c];
		last = c;
	}
	return last;
}

bool report_table_more_left(const struct report_table *rt)
{
	return rt->first_shown > 1 && rt->col_count > 1;
}

bool report_table_more_right(const struct report_table *rt, int room)
{
	room = room > 0 ? room : rt->room;
	return room > 0 && report_table_last_whole(rt, room) < rt->col_count - 1;
}

int report_table_key(struct report_table *rt, enum action a)
{
	if (a == ACT_LEFT) {
		if (report_table_more_left(rt))
			rt->first_shown--;
		return VIEW_HANDLED;
	}
	if (a == ACT_RIGHT) {
		if (report_table_more_right(rt, 0))
			rt->first_shown++;
		return VIEW_HANDLED;
	}
	return rowlist_key(&rt->list, a);
}

void report_table_position(const struct report_table *rt, char *buf, size_t len)
{
	int last = report_table_last_whole(rt, rt->room);
	if (rt->room == 0 || (!report_table_more_left(rt) && !report_table_more_right(rt, 0))) {
		snprintf(buf, len, "%s", "");
		return;
	}
	/* Columns are counted from 1, as people count them. */
	int from = rt->first_shown + 1, to = last + 1;
	if (to < from)
		snprintf(buf, len, "column 1 of %d", rt->col_count);
	else if (from == 2)
		snprintf(buf, len, "columns 1-%d of %d", to, rt->col_count);
	else if (to == from)
		snprintf(buf, len, "columns 1, %d of %d", from, rt->col_count);
	else
		snprintf(buf, len, "columns 1, %d-%d of %d", from, to, rt->col_count);
}

void report_table_draw_position(const struct report_table *rt, WINDOW *w, int y,
                                const char *left_key, const char *right_key)
{
	char where[64], line[160];
	report_table_position(rt, where, sizeof where);
	if (where[0] == '\0')
		return;
	const char *left = report_table_more_left(rt) ? left_key : "";
	const char *right = report_table_more_right(rt, 0) ? right_key : "";
	snprintf(line, sizeof line, "%s%s%s%s%s%s%s ", left[0] ? "< " : "", left,
	         left[0] ? "  " : "", where, right[0] ? "  " : "", right, right[0] ? " >" : "");
	int width = tui_width(line), x = getmaxx(w) - width;
	if (x > 1)
		tui_put(w, y, x, width, line, A_BOLD);
}

/* Each cell padded to its column's width by display columns as shown
 * ("£" is two bytes and one column, "GBP" where it cannot show),
 * numbers to the right, as the text sink does: the first column, then
 * those from first_shown. */
static void draw_line(struct report_table *rt, WINDOW *w, int y, int x, const char *marker,
                      const char *const *texts, attr_t attr)
{
	char line[REPORT_TABLE_MAX_COLUMNS * (REPORT_CELL_MAX + 24) + 8];
	size_t used = (size_t)snprintf(line, sizeof line, "%-2s", marker);
	int width = 2;
	for (int c = 0; c < rt->col_count && used < sizeof line; c++) {
		if (c > 0 && c < rt->first_shown)
			continue;
		int pad = rt->widths[c] - tui_width(texts[c]);
		pad = pad > 0 ? pad : 0;
		const char *gap = c > 0 ? " " : "";
		width += rt->widths[c] + (c > 0);
		if (report_column_right(&rt->cols[c]))
			used += (size_t)snprintf(line + used, sizeof line - used, "%s%*s%s", gap, pad, "",
			                         texts[c]);
		else
			used += (size_t)snprintf(line + used, sizeof line - used, "%s%s%*s", gap, texts[c],
			                         pad, "");
	}
	/* A table wider than the window is cut at its edge with the cut
	 * mark, not wrapped onto the next line; Right shows the rest. */
	int room = getmaxx(w) - x;
	if (width <= room)
		tui_put(w, y, x, width, line, attr);
	else
		tui_put_cut(w, y, x, room, line, attr);
}

int report_table_draw(struct tui *t, struct report_table *rt, WINDOW *w, int y, int x, int height)
{
	const char *texts[REPORT_TABLE_MAX_COLUMNS];
	rt->room = getmaxx(w) - x;
	for (int c = 0; c < rt->col_count; c++)
		texts[c] = rt->cols[c].title;
	draw_line(rt, w, y, x, "", texts, A_BOLD);
	rowlist_show(&rt->list, height - 1);
	int cursor = -1;
	for (int n = 0; n < rt->list.height && rt->list.top + n < rt->list.count; n++) {
		int i = rt->list.top + n;
		bool selected = i == rt->list.selected;
		for (int c = 0; c < rt->col_count; c++)
			texts[c] = rt->rows[i].text[c];
		draw_line(rt, w, y + 1 + n, x, selected ? ">" : "", texts,
		          selected ? tui_attr(t, COLOUR_SELECTED) : A_NORMAL);
		if (selected)
			cursor = y + 1 + n;
	}
	return cursor;
}

int report_table_run(struct report_table *rt, struct tui *t, const struct report *r,
                     const struct report_options *opt, struct error *err)
{
	char note[96];
	snprintf(note, sizeof note, "Running %s… Esc stops it", r->name);
	struct tui_watch watch = {t, note, 0};
	struct report_options watched = *opt;
	watched.stop = tui_watch_stop;
	watched.stop_ctx = &watch;
	struct report_sink sink = report_table_sink(rt);
	int rc = report_run(t->s, r, &watched, &sink, err);
	tui_watch_end(&watch);
	return rc;
}
