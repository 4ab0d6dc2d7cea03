#include "tui/listview.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <unistr.h>

/* Rows on screen, or fallback before the first draw; never more than
 * the window can hold around them. */
static int screen_rows(const struct listview *lv, int fallback)
{
	int h = lv->height > 0 ? lv->height : fallback;
	return h < LISTVIEW_MAX_HEIGHT ? h : LISTVIEW_MAX_HEIGHT;
}

/* Rows fetched at a time: a screenful and a half, at least 20. */
static int batch_size(const struct listview *lv)
{
	int h = screen_rows(lv, 20);
	return h + h / 2 > 20 ? h + h / 2 : 20;
}

void listview_init(struct listview *lv, const struct kind *k,
                   const struct listview_column *columns, int column_count)
{
	memset(lv, 0, sizeof *lv);
	list_query_init(&lv->query, k);
	lv->columns = columns;
	lv->column_count = column_count < LISTVIEW_MAX_COLUMNS ? column_count : LISTVIEW_MAX_COLUMNS;
	lv->selected = -1;
	lv->total = -1;
	lv->sort_column = -1;
}

struct collector {
	struct tui *t;
	struct listview *lv;
	struct listview_row *out;
	int n;
};

static void format_default(struct tui *t, const struct listview *lv, const struct record *r,
                           struct listview_row *row)
{
	for (int c = 0; c < lv->column_count; c++) {
		int f = lv->columns[c].field;
		/* record_display may hand back its own text rather than buf. */
		const char *text = f >= 0 ? record_display(r, f, t->cfg, row->cells[c], sizeof row->cells[c]) : "";
		if (text != row->cells[c])
			snprintf(row->cells[c], sizeof row->cells[c], "%s", text);
	}
}

static int collect(void *ctx, const struct record *r, const struct list_key *key)
{
	struct collector *c = ctx;
	struct listview_row *row = &c->out[c->n++];
	memset(row, 0, sizeof *row);
	row->key = *key;
	row->incomplete = c->lv->complete != NULL;
	if (c->lv->format)
		c->lv->format(c->t, r, row, c->lv->format_ctx);
	else
		format_default(c->t, c->lv, r, row);
	return 0;
}

/* Fetches up to limit rows into out; returns how many, or -1 (the error
 * is on the status line). */
static int fetch(struct tui *t, struct listview *lv, const struct list_key *from, bool backwards,
                 int limit, struct listview_row *out)
{
	struct collector c = {t, lv, out, 0};
	struct error err = {0};
	if (list_fetch(t->s, &lv->query, from, backwards, limit, collect, &c, &err) != 0) {
		tui_error(t, "%s", err.msg);
		return -1;
	}
	return c.n;
}

static void keep_selection_visible(struct listview *lv)
{
	int h = screen_rows(lv, 1);
	if (lv->selected < lv->top)
		lv->top = lv->selected;
	if (lv->selected >= lv->top + h)
		lv->top = lv->selected - h + 1;
	if (lv->top < 0)
		lv->top = 0;
}

static void reverse_rows(struct listview_row *rows, int n)
{
	for (int i = 0, j = n - 1; i < j; i++, j--) {
		struct listview_row tmp = rows[i];
		rows[i] = rows[j];
		rows[j] = tmp;
	}
}

/* How far a count goes: a filter's stops past LISTVIEW_COUNT_CAP. */
static int64_t count_cap(const struct listview *lv)
{
	return lv->query.count_cap > 0 ? lv->query.count_cap + 1
	       : lv->query.filter[0] ? LISTVIEW_COUNT_CAP + 1 : 0;
}

int listview_count(struct tui *t, struct listview *lv)
{
	struct error err = {0};
	int64_t cap = count_cap(lv);
	lv->counting = false;
	if (list_count_upto(t->s, &lv->query, cap, &lv->total, &err) != 0) {
		lv->total = -1;
		tui_error(t, "%s", err.msg);
		return -1;
	}
	return 0;
}

int listview_home(struct tui *t, struct listview *lv)
{
	lv->has_anchor = false;
	lv->searching = false;
	int limit = batch_size(lv);
	int n = fetch(t, lv, NULL, false, limit, lv->rows);
	if (n < 0)
		return VIEW_HANDLED;
	lv->count = n;
	lv->at_start = true;
	lv->at_end = n < limit;
	lv->selected = n > 0 ? 0 : -1;
	lv->top = 0;
	return VIEW_HANDLED;
}

int listview_end(struct tui *t, struct listview *lv)
{
	lv->has_anchor = false;
	lv->searching = false;
	int limit = batch_size(lv);
	int n = fetch(t, lv, NULL, true, limit, lv->rows);
	if (n < 0)
		return VIEW_HANDLED;
	reverse_rows(lv->rows, n);
	lv->count = n;
	lv->at_end = true;
	lv->at_start = n < limit;
	lv->selected = n - 1;
	lv->top = 0;
	keep_selection_visible(lv);
	return VIEW_HANDLED;
}

int listview_reload(struct tui *t, struct listview *lv)
{
	lv->has_anchor = false;
	lv->searching = false;
	if (lv->query.count_later) {
		/* Counted between keys: listview_draw asks for the slices. */
		lv->total = -1;
		lv->counting = true;
	} else {
		listview_count(t, lv);
	}
	if (lv->selected < 0 || lv->selected >= lv->count)
		return listview_home(t, lv);
	struct list_key anchor = lv->rows[lv->selected].key;
	int offset = lv->selected - lv->top;
	int limit = batch_size(lv);
	struct listview_row *before = tui_alloc(sizeof *before * (size_t)limit);
	int nb = fetch(t, lv, &anchor, true, limit / 2, before);
	/* Everything from just after the nearest row before the anchor: the
	 * anchor itself when it still matches, else what now stands there. */
	int na = nb < 0 ? -1 : fetch(t, lv, nb > 0 ? &before[0].key : NULL, false, limit, lv->rows + (nb > 0 ? nb : 0));
	if (na >= 0 && nb >= 0) {
		reverse_rows(before, nb);
		memcpy(lv->rows, before, sizeof *before * (size_t)nb);
		lv->count = nb + na;
		lv->at_start = nb < limit / 2;
		lv->at_end = na < limit;
		lv->selected = lv->count == 0 ? -1 : (nb < lv->count ? nb : lv->count - 1);
		lv->top = lv->selected - offset;
		/* Never leave rows above hidden while the screen has room below. */
		int h = screen_rows(lv, 1);
		if (lv->top > lv->count - h)
			lv->top = lv->count - h;
		keep_selection_visible(lv);
	}
	free(before);
	return VIEW_HANDLED;
}

/* Fetches more rows past the end (forward) or before the start, dropping
 * rows from the other side when the window is full. */
static void extend(struct tui *t, struct listview *lv, bool forward)
{
	int limit = batch_size(lv);
	struct listview_row *more = tui_alloc(sizeof *more * (size_t)limit);
	const struct list_key *from = forward ? &lv->rows[lv->count - 1].key : &lv->rows[0].key;
	int n = fetch(t, lv, from, !forward, limit, more);
	if (n >= 0) {
		int overflow = lv->count + n - LISTVIEW_CAPACITY;
		if (forward) {
			if (overflow > 0) {
				memmove(lv->rows, lv->rows + overflow, sizeof *lv->rows * (size_t)(lv->count - overflow));
				lv->count -= overflow;
				lv->selected -= overflow;
				lv->top -= overflow;
				lv->at_start = false;
			}
			memcpy(lv->rows + lv->count, more, sizeof *more * (size_t)n);
			lv->at_end = n < limit;
		} else {
			if (overflow > 0) {
				lv->count -= overflow;
				lv->at_end = false;
			}
			reverse_rows(more, n);
			memmove(lv->rows + n, lv->rows, sizeof *lv->rows * (size_t)lv->count);
			memcpy(lv->rows, more, sizeof *more * (size_t)n);
			lv->selected += n;
			lv->top += n;
			lv->at_start = n < limit;
		}
		lv->count += n;
	}
	free(more);
}

int listview_move(struct tui *t, struct listview *lv, int delta)
{
	lv->has_anchor = false;
	if (lv->count == 0)
		return VIEW_HANDLED;
	int target = lv->selected + delta;
	/* While a search still finds rows, they come on their own. */
	while (target >= lv->count && !lv->at_end && !lv->searching) {
		int before = lv->selected;
		extend(t, lv, true);
		target += lv->selected - before;
		if (lv->count == 0)
			break;
	}
	while (target < 0 && !lv->at_start) {
		int before = lv->selected;
		extend(t, lv, false);
		target += lv->selected - before;
	}
	if (target >= lv->count)
		target = lv->count - 1;
	if (target < 0)
		target = 0;
	lv->selected = target;
	keep_selection_visible(lv);
	return VIEW_HANDLED;
}

int listview_select(struct tui *t, struct listview *lv, const struct record *r)
{
	struct list_key key;
	list_key_of(&lv->query, r, &key);
	return listview_select_key(t, lv, &key);
}

int listview_select_key(struct tui *t, struct listview *lv, const struct list_key *key)
{
	/* A window of one row at key's place; reloading fills in around it. */
	memset(&lv->rows[0], 0, sizeof lv->rows[0]);
	lv->rows[0].key = *key;
	lv->count = 1;
	lv->selected = 0;
	/* Reloading keeps the row this far from the top: the middle. */
	lv->top = -screen_rows(lv, 20) / 2;
	return listview_reload(t, lv);
}

int64_t listview_selected_id(const struct listview *lv)
{
	return lv->selected >= 0 && lv->selected < lv->count ? lv->rows[lv->selected].key.id : 0;
}

/* ---- the filter's page, between keys ------------------------------------ */

/* A slice's time: long enough to find rows, short enough that the rows
 * found so far are drawn often. */
#define SLICE_MS 8

/* The record selected before the typing began, when the page holds it;
 * else it is looked for again after the next key, until a move chooses
 * another ("1" then "2" keeps P00123, which "1"'s first page lacks). */
static void select_anchor(struct listview *lv)
{
	for (int i = 0; lv->has_anchor && i < lv->count; i++)
		if (lv->rows[i].key.id == lv->anchor.id) {
			lv->selected = i;
			break;
		}
	keep_selection_visible(lv);
}

/* Takes the rows one slice finds; with stop NULL and no time limit, the
 * whole page. */
static void search_rows(struct tui *t, struct listview *lv, int budget_ms, list_stop_fn stop)
{
	struct collector c = {t, lv, lv->rows + lv->count, 0};
	struct error err = {0};
	int rc = list_search_slice(t->s, &lv->search, budget_ms, stop, NULL, collect, &c, &err);
	lv->count += c.n;
	if (lv->selected < 0 && lv->count > 0)
		lv->selected = 0;
	if (rc != 0)
		tui_error(t, "%s", err.msg);
	if (!lv->search.done)
		return;
	lv->searching = false;
	lv->at_end = lv->search.found < lv->search.limit;
	select_anchor(lv);
	if (lv->searched)
		lv->searched(t, lv, lv->searched_ctx);
}

static void count_rows(struct tui *t, struct listview *lv, list_stop_fn stop)
{
	struct error err = {0};
	int64_t total;
	if (list_count_unless(t->s, &lv->query, count_cap(lv), stop, NULL, &total, &err) != 0) {
		lv->counting = false;
		lv->total = -1;
		tui_error(t, "%s", err.msg);
	} else if (total >= 0) {
		lv->counting = false;
		lv->total = total;
	}
}

/* One slice of the work left: the page's rows first, then the count. */
static void search_slice(struct tui *t, void *ctx)
{
	struct listview *lv = ctx;
	if (lv->searching)
		search_rows(t, lv, SLICE_MS, tui_key_waiting);
	else if (lv->counting)
		count_rows(t, lv, tui_key_waiting);
}

void listview_settle(struct tui *t, struct listview *lv)
{
	while (lv->searching)
		search_rows(t, lv, 1000000, NULL);
}

void listview_search(struct tui *t, struct listview *lv)
{
	if (!lv->has_anchor && lv->selected >= 0 && lv->selected < lv->count) {
		lv->has_anchor = true;
		lv->anchor = lv->rows[lv->selected].key;
	}
	lv->count = 0;
	lv->selected = -1;
	lv->top = 0;
	lv->at_start = true;
	lv->at_end = false;
	lv->total = -1;
	list_search_start(&lv->search, &lv->query, NULL, batch_size(lv));
	lv->searching = true;
	lv->counting = true;
	if (tui_want_slice(t, search_slice, lv))
		return;
	listview_settle(t, lv);
	count_rows(t, lv, NULL);
}

/* ---- filter and sort ---------------------------------------------------- */

/* Keys are code points whatever the locale; the filter is UTF-8. */
static void filter_append(struct listview *lv, int key)
{
	uint8_t bytes[8];
	int n = u8_uctomb(bytes, (ucs4_t)key, (int)sizeof bytes);
	size_t used = strlen(lv->query.filter);
	if (n <= 0 || used + (size_t)n >= sizeof lv->query.filter)
		return;
	memcpy(lv->query.filter + used, bytes, n);
	lv->query.filter[used + n] = '\0';
}

/* Removes the last character, however many bytes of UTF-8 it takes. */
static void filter_backspace(struct listview *lv)
{
	size_t n = strlen(lv->query.filter);
	while (n > 0 && ((unsigned char)lv->query.filter[n - 1] & 0xC0) == 0x80)
		n--;
	if (n > 0)
		n--;
	lv->query.filter[n] = '\0';
}

static bool is_backspace(int key)
{
	return key == KEY_CODE_BASE + KEY_BACKSPACE || key == 127 || key == 8;
}

static int filter_key(struct tui *t, struct listview *lv, enum action a, int key)
{
	bool replace = lv->filter_selected;
	lv->filter_selected = false;
	if (a == ACT_CANCEL || key == 27) {
		lv->query.filter[0] = '\0';
		lv->editing_filter = false;
	} else if (key == '\n') {
		lv->editing_filter = false;
		return VIEW_HANDLED;
	} else if (is_backspace(key)) {
		filter_backspace(lv);
	} else if (key >= ' ' && key < KEY_CODE_BASE) {
		if (replace)
			lv->query.filter[0] = '\0';
		filter_append(lv, key);
	} else if (a == ACT_UP || a == ACT_DOWN) {
		/* Moving ends the typing but keeps the filter, as in less. */
		lv->editing_filter = false;
		return listview_move(t, lv, a == ACT_UP ? -1 : 1);
	} else {
		return VIEW_HANDLED;
	}
	/* No filter: the list's own order, quick whatever its size. */
	if (lv->query.filter[0] == '\0')
		return listview_reload(t, lv);
	listview_search(t, lv);
	return VIEW_HANDLED;
}

/* s: ascending on the next sortable column; again on the same column
 * while ascending: descending. */
static int sort_next(struct tui *t, struct listview *lv)
{
	if (lv->sort_column >= 0 && !lv->query.descending) {
		lv->query.descending = true;
	} else {
		int c = lv->sort_column;
		do
			c = c + 1 < lv->column_count ? c + 1 : -1;
		while (c >= 0 && lv->columns[c].field < 0);
		lv->sort_column = c;
		lv->query.sort_field = c >= 0 ? lv->columns[c].field : -1;
		lv->query.descending = false;
	}
	if (lv->sort_column >= 0)
		tui_message(t, "sorted by %s, %s", lv->columns[lv->sort_column].title,
		            lv->query.descending ? "descending" : "ascending");
	else
		tui_message(t, "in the order records were added");
	return listview_reload(t, lv);
}

/* Keys that only edit the filter start a search again; Esc drops it;
 * every other key acts on the rows, which must then be the page's first
 * ones, as someone who typed ahead ("/", a name, Enter, Enter) expects. */
static bool edits_filter(const struct listview *lv, enum action a, int key)
{
	return lv->editing_filter && a != ACT_CANCEL && key != 27 && key != '\n' &&
	       (is_backspace(key) || (key >= ' ' && key < KEY_CODE_BASE));
}

/* Esc drops the filter, and the search with it: nothing waits for it. */
static bool cancels(enum action a, int key)
{
	return a == ACT_CANCEL || key == 27;
}

int listview_key(struct tui *t, struct listview *lv, enum action a, int key)
{
	if (lv->searching && !edits_filter(lv, a, key) && !cancels(a, key))
		listview_settle(t, lv);
	if (lv->editing_filter)
		return filter_key(t, lv, a, key);
	int page = screen_rows(lv, 1) > 1 ? screen_rows(lv, 1) - 1 : 1;
	switch (a) {
	case ACT_UP: return listview_move(t, lv, -1);
	case ACT_DOWN: return listview_move(t, lv, 1);
	case ACT_PAGE_UP: return listview_move(t, lv, -page);
	case ACT_PAGE_DOWN: return listview_move(t, lv, page);
	case ACT_HOME: return listview_home(t, lv);
	case ACT_END: return listview_end(t, lv);
	case ACT_SORT: return sort_next(t, lv);
	case ACT_FILTER:
		/* A kept filter is offered selected, as a browser's address bar
		 * does: typing replaces it, Backspace edits it. */
		lv->editing_filter = true;
		lv->filter_selected = lv->query.filter[0] != '\0';
		return VIEW_HANDLED;
	case ACT_CANCEL:
		if (lv->query.filter[0] == '\0')
			return VIEW_IGNORED;
		lv->query.filter[0] = '\0';
		return listview_reload(t, lv);
	default:
		return VIEW_IGNORED;
	}
}

/* ---- drawing ------------------------------------------------------------ */

/* The display columns column c's cells take as shown, at least its
 * declared width: an amount reads "GBP26,934.00" where "£" cannot show,
 * two columns more than the screen's description allows for. */
static int shown_width(const struct listview *lv, int c)
{
	int widest = lv->columns[c].width;
	for (int r = 0; r < lv->count; r++) {
		int w = tui_width(lv->rows[r].cells[c]);
		if (w > widest)
			widest = w;
	}
	return widest;
}

/* Takes up to want columns from the text columns (left-aligned, cut with
 * the cut mark when narrow), the widest first, none below min_text. */
static void narrow_text_columns(const struct listview *lv, int *widths, int want)
{
	enum { MIN_TEXT = 6 };
	while (want > 0) {
		int widest = -1;
		for (int c = 0; c < lv->column_count; c++)
			if (!lv->columns[c].right && widths[c] > MIN_TEXT &&
			    (widest < 0 || widths[c] > widths[widest]))
				widest = c;
		if (widest < 0)
			return;
		widths[widest]--;
		want--;
	}
}

void listview_column_widths(const struct listview *lv, int width, int *widths)
{
	int used = 2, grown = 0, flex = -1;
	for (int c = 0; c < lv->column_count; c++) {
		if (lv->columns[c].width == 0) {
			widths[c] = 0;
			flex = flex < 0 ? c : flex;
			continue;
		}
		/* Numbers are never cut: a right-aligned column takes what its
		 * widest cell needs, and the text columns give it up. */
		widths[c] = lv->columns[c].right ? shown_width(lv, c) : lv->columns[c].width;
		grown += widths[c] - lv->columns[c].width;
		used += widths[c] + 1;
	}
	for (int c = 0; c < lv->column_count; c++)
		if (lv->columns[c].width == 0)
			widths[c] = width - used > 4 ? width - used : 4;
	int over = used - 1 + (flex >= 0 ? widths[flex] + 1 : 0) - width;
	if (grown > 0 && over > 0)
		narrow_text_columns(lv, widths, over < grown ? over : grown);
	/* The last ones may get nothing on a narrow screen. */
	int x = 2;
	for (int c = 0; c < lv->column_count; c++) {
		int cw = x < width ? widths[c] : 0;
		if (x + cw > width)
			cw = width - x > 0 ? width - x : 0;
		widths[c] = cw;
		x += cw + 1;
	}
}

/* A cell that does not fit ends in the cut mark: a reader must know
 * "unsigne" is not the whole word. */
static void draw_cells(const struct listview *lv, WINDOW *w, int y, const char *const *cells,
                       attr_t attr)
{
	int x = 2, width = getmaxx(w);
	int widths[LISTVIEW_MAX_COLUMNS];
	listview_column_widths(lv, width, widths);
	for (int c = 0; c < lv->column_count && x < width; c++) {
		int cw = widths[c];
		char padded[LISTVIEW_CELL_MAX + 128];
		const char *text = cells[c];
		if (lv->columns[c].right) {
			int len = tui_width(text);
			snprintf(padded, sizeof padded, "%*s%s", cw > len ? cw - len : 0, "", text);
			text = padded;
		}
		tui_put_cut(w, y, x, cw, text, attr);
		x += cw;
		if (x < width)
			tui_put(w, y, x++, 1, " ", attr);
	}
}

/* The title with its sort mark, in cw columns: when both do not fit, the
 * title gives up its end, never the mark. */
static void sorted_title(const char *title, const char *mark, int cw, char *buf, size_t len)
{
	int room = cw - tui_width(mark);
	if (room < 0)
		room = 0;
	char shown[48];
	text_fit(title, room, false, shown, sizeof shown);
	snprintf(buf, len, "%s%s", shown, mark);
}

static void draw_header(struct tui *t, const struct listview *lv, WINDOW *w, int y)
{
	char titles[LISTVIEW_MAX_COLUMNS][96];
	const char *cells[LISTVIEW_MAX_COLUMNS];
	int widths[LISTVIEW_MAX_COLUMNS];
	listview_column_widths(lv, getmaxx(w), widths);
	for (int c = 0; c < lv->column_count; c++) {
		const char *title = lv->columns[c].title;
		cells[c] = title;
		if (c != lv->sort_column)
			continue;
		const char *mark = t->plain ? (lv->query.descending ? " (desc)" : " (asc)")
		                            : (lv->query.descending ? " ▼" : " ▲");
		snprintf(titles[c], sizeof titles[c], "%s%s", title, mark);
		if (tui_width(titles[c]) > widths[c])
			sorted_title(title, t->plain ? mark : mark + 1, widths[c], titles[c], sizeof titles[c]);
		cells[c] = titles[c];
	}
	draw_cells(lv, w, y, cells, A_BOLD);
}

static void draw_footer(struct tui *t, const struct listview *lv, WINDOW *w, int y)
{
	char line[256];
	char count[48] = "";
	attr_t dim = tui_attr(t, COLOUR_DIM);
	if (lv->query.count_cap > 0 && lv->total > lv->query.count_cap)
		snprintf(count, sizeof count, "over %lld records", (long long)lv->query.count_cap);
	else if (lv->total > LISTVIEW_COUNT_CAP && lv->query.filter[0])
		snprintf(count, sizeof count, "over %d records", LISTVIEW_COUNT_CAP);
	else if (lv->total >= 0)
		snprintf(count, sizeof count, "%lld record%s", (long long)lv->total, lv->total == 1 ? "" : "s");
	else if (lv->searching)
		snprintf(count, sizeof count, "searching…");
	else if (lv->counting)
		snprintf(count, sizeof count, "counting…");
	if (lv->editing_filter && lv->filter_selected) {
		/* The kept text, selected: what the next key does is said. */
		int col = tui_width(" filter: "), width = getmaxx(w);
		tui_put(w, y, 0, col, " filter: ", dim);
		int text = tui_width(lv->query.filter);
		tui_put(w, y, col, text < width - col ? text : width - col, lv->query.filter,
		        dim | A_REVERSE);
		col += text;
		snprintf(line, sizeof line, "   (typing replaces it, Backspace edits, Esc clears)  %s", count);
		if (col < width)
			tui_put(w, y, col, width - col, line, dim);
		return;
	}
	if (lv->editing_filter)
		snprintf(line, sizeof line, " filter: %s_   (Enter keeps it, Esc clears)  %s", lv->query.filter, count);
	else if (lv->query.filter[0])
		snprintf(line, sizeof line, " filter: %s   (/ to change, Esc clears)  %s", lv->query.filter, count);
	else
		snprintf(line, sizeof line, " %s", count);
	tui_put(w, y, 0, getmaxx(w), line, dim);
}

void listview_draw(struct tui *t, struct listview *lv, WINDOW *w, int y, int height)
{
	if (lv->searching || lv->counting)
		tui_want_slice(t, search_slice, lv);
	lv->height = height - 2 > 1 ? height - 2 : 1;
	keep_selection_visible(lv);
	draw_header(t, lv, w, y);
	for (int i = 0; i < screen_rows(lv, 1); i++) {
		int r = lv->top + i;
		if (r >= lv->count) {
			if (lv->count == 0 && i == 0)
				tui_put(w, y + 1, 2, getmaxx(w) - 2,
				        lv->searching ? "(searching…)"
				        : lv->query.filter[0] ? "(nothing matches the filter)" : "(none yet)", A_NORMAL);
			break;
		}
		struct listview_row *row = &lv->rows[r];
		if (row->incomplete && lv->complete) {
			lv->complete(t, row, lv->format_ctx);
			row->incomplete = false;
		}
		const char *cells[LISTVIEW_MAX_COLUMNS];
		for (int c = 0; c < lv->column_count; c++)
			cells[c] = row->cells[c];
		bool selected = r == lv->selected && !lv->inactive;
		attr_t attr = selected ? tui_attr(t, COLOUR_SELECTED) : row->warn ? tui_attr(t, COLOUR_WARN) : A_NORMAL;
		tui_put(w, y + 1 + i, 0, 2, selected ? "> " : "  ", attr);
		draw_cells(lv, w, y + 1 + i, cells, attr);
	}
	draw_footer(t, lv, w, y + height - 1);
}

bool listview_cursor(const struct listview *lv, int y, int *row, int *col)
{
	if (lv->editing_filter)
		return false;
	*row = y + 1 + (lv->selected >= lv->top ? lv->selected - lv->top : 0);
	*col = 0;
	return true;
}
