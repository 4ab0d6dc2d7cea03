#include "tui/tui.h"

#include "tui/map.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A boxed tile needs its border, a name line and a status line, and a
 * few columns for "GAP" or a code; a plain tile has a marker column and
 * a blank column and row to keep it apart from its neighbours. */
#define BOXED_MIN_HEIGHT 4
#define PLAIN_MIN_HEIGHT 3
#define MIN_WIDTH 7

void map_init(struct map *m, const struct district *districts, int count,
              struct map_tile *tiles)
{
	memset(m, 0, sizeof *m);
	m->districts = districts;
	m->count = count;
	m->tiles = tiles;
	m->selected = count > 0 ? 0 : -1;
}

void map_grid(const struct district *districts, int count, int *rows, int *cols)
{
	*rows = *cols = 0;
	for (int i = 0; i < count; i++) {
		if (districts[i].row + 1 > *rows)
			*rows = districts[i].row + 1;
		if (districts[i].col + 1 > *cols)
			*cols = districts[i].col + 1;
	}
}

bool map_tile_size(int rows, int cols, int height, int width, bool plain,
                   int *tile_height, int *tile_width)
{
	*tile_height = *tile_width = 0;
	if (rows <= 0 || cols <= 0)
		return false;
	int h = height / rows, w = width / cols;
	if (h > MAP_TILE_MAX_HEIGHT)
		h = MAP_TILE_MAX_HEIGHT;
	if (w > MAP_TILE_MAX_WIDTH)
		w = MAP_TILE_MAX_WIDTH;
	if (h < (plain ? PLAIN_MIN_HEIGHT : BOXED_MIN_HEIGHT) || w < MIN_WIDTH)
		return false;
	*tile_height = h;
	*tile_width = w;
	return true;
}

/* ---- moving ------------------------------------------------------------- */

int map_neighbour(const struct district *districts, int count, int from, enum action a)
{
	int dr = 0, dc = 0;
	switch (a) {
	case ACT_UP: dr = -1; break;
	case ACT_DOWN: dr = 1; break;
	case ACT_LEFT: dc = -1; break;
	case ACT_RIGHT: dc = 1; break;
	default: return from;
	}
	if (from < 0 || from >= count)
		return from;
	const struct district *here = &districts[from];
	int best = from, best_score = INT_MAX, best_across = INT_MAX;
	for (int i = 0; i < count; i++) {
		int row = districts[i].row - here->row, col = districts[i].col - here->col;
		int along = row * dr + col * dc;
		if (along <= 0)
			continue;
		int across = abs(dr ? col : row);
		int score = along + 2 * across;
		if (score < best_score || (score == best_score && across < best_across)) {
			best = i;
			best_score = score;
			best_across = across;
		}
	}
	return best;
}

int map_key(struct map *m, enum action a)
{
	switch (a) {
	case ACT_UP: case ACT_DOWN: case ACT_LEFT: case ACT_RIGHT:
		m->selected = map_neighbour(m->districts, m->count, m->selected, a);
		return VIEW_HANDLED;
	default:
		return VIEW_IGNORED;
	}
}

bool map_cursor(const struct map *m, int *row, int *col)
{
	if (m->selected < 0)
		return false;
	*row = m->cursor_row;
	*col = m->cursor_col;
	return true;
}

/* ---- drawing ------------------------------------------------------------ */

/* The bytes of text that go on one line of width columns: up to and
 * including the last separator that fits, else as many whole characters
 * as fit.  *skip is what to pass over before the next line (a space). */
static int wrap(const char *text, int width, int *skip)
{
	int len = (int)strlen(text), cut = -1, chars = 0, i = 0;
	*skip = 0;
	for (; i < len; i++) {
		if (((unsigned char)text[i] & 0xC0) == 0x80)
			continue;               /* inside a UTF-8 character */
		if (chars == width)
			break;
		chars++;
		if (strchr(" +,;", text[i]))
			cut = i;
	}
	if (i >= len)
		return len;
	if (cut < 0) {
		*skip = text[i] == ' ';
		return i;
	}
	*skip = text[cut] == ' ';
	return text[cut] == ' ' ? cut : cut + 1;
}

/* Draws detail from line y on, at most lines lines; returns lines used. */
static int draw_detail(WINDOW *w, int y, int x, int width, int lines, const char *detail)
{
	int used = 0;
	while (*detail && used < lines) {
		int skip, n = wrap(detail, width, &skip);
		char line[MAP_DETAIL_MAX];
		snprintf(line, sizeof line, "%.*s", n, detail);
		tui_put(w, y + used++, x, width, line, A_NORMAL);
		detail += n + skip;
	}
	return used;
}

/* Characters, not bytes: names may have accents. */
static int text_width(const char *text)
{
	int n = 0;
	for (; *text; text++)
		n += ((unsigned char)*text & 0xC0) != 0x80;
	return n;
}

/* Whether "CODE Name" (with the selection marker) fits on one line. */
static bool name_fits(const struct district *d, int width)
{
	return 1 + text_width(d->code) + 1 + text_width(d->name) <= width;
}

/* How tiles are drawn: their size, and whether a name too long to
 * follow its code gets a line of its own (when the height allows). */
struct shape {
	int rows, cols;
	int th, tw;
	bool split;
};

static int name_lines(const struct district *d, int width, bool split)
{
	return split && !name_fits(d, width) ? 2 : 1;
}

/* The lines inside a tile: code and name, status, detail. */
static void draw_inside(struct tui *t, const struct map *m, int i, WINDOW *w, int y, int x,
                        int width, int lines, bool split)
{
	const struct district *d = &m->districts[i];
	const struct map_tile *tile = &m->tiles[i];
	bool selected = i == m->selected;
	attr_t attr = selected ? tui_attr(t, COLOUR_SELECTED) | A_BOLD : A_BOLD;
	const char *marker = selected && !t->plain ? ">" : "";
	char name[CONFIG_CODE_MAX + CONFIG_NAME_MAX + 4];
	int line = name_lines(d, width, split);
	if (line == 2) {
		snprintf(name, sizeof name, "%s%s", marker, d->code);
		tui_put(w, y, x, width, name, attr);
		tui_put_cut(w, y + 1, x, width, d->name, attr);
	} else {
		snprintf(name, sizeof name, "%s%s %s", marker, d->code, d->name);
		tui_put_cut(w, y, x, width, name, attr);
	}
	if (tile->status[0] && line < lines)
		tui_put(w, y + line++, x, width, tile->status, tui_attr(t, tile->colour) | A_BOLD);
	draw_detail(w, y + line, x, width, lines - line, tile->detail);
}

/* A box around the tile: double lines for the selected one. */
static void draw_box(WINDOW *w, int y, int x, int height, int width, bool selected)
{
	WINDOW *box = derwin(w, height, width, y, x);
	if (box == NULL)
		tui_fatal(EX_OSERR, "cannot make a window");
	if (selected)
		wborder_set(box, WACS_D_VLINE, WACS_D_VLINE, WACS_D_HLINE, WACS_D_HLINE,
		            WACS_D_ULCORNER, WACS_D_URCORNER, WACS_D_LLCORNER, WACS_D_LRCORNER);
	else
		box(box, 0, 0);
	delwin(box);    /* the border stays: a subwindow draws into w */
}

static void draw_tile(struct tui *t, struct map *m, int i, WINDOW *w, int y, int x,
                      const struct shape *sh)
{
	bool selected = i == m->selected;
	if (t->plain) {
		/* Column x holds the marker a screen reader reads first. */
		tui_put(w, y, x, 1, selected ? ">" : " ", A_BOLD);
		draw_inside(t, m, i, w, y, x + 1, sh->tw - 2, sh->th - 1, sh->split);
		if (selected) {
			m->cursor_row = y;
			m->cursor_col = x;
		}
		return;
	}
	draw_box(w, y, x, sh->th, sh->tw, selected);
	draw_inside(t, m, i, w, y + 1, x + 1, sh->tw - 2, sh->th - 2, sh->split);
	if (selected) {
		m->cursor_row = y + 1;
		m->cursor_col = x + 1;
	}
}

/* Lines a tile's inside needs at width: name, status, wrapped detail. */
static int lines_needed(const struct district *d, const struct map_tile *tile, int width,
                        bool split)
{
	int lines = name_lines(d, width, split) + (tile->status[0] != '\0');
	for (const char *p = tile->detail; *p; lines++) {
		int skip, n = wrap(p, width, &skip);
		p += n + skip;
	}
	return lines;
}

static int most_lines_needed(const struct map *m, int width, bool split)
{
	int need = 2;
	for (int i = 0; i < m->count; i++) {
		int lines = lines_needed(&m->districts[i], &m->tiles[i], width, split);
		if (lines > need)
			need = lines;
	}
	return need;
}

/* The grid and tile size map_draw uses: as large as fits, but no taller
 * than the fullest tile needs, so a short map leaves room below it.
 * Names get lines of their own only when every tile still fits. */
static bool layout(const struct tui *t, const struct map *m, int height, int width,
                   struct shape *sh)
{
	map_grid(m->districts, m->count, &sh->rows, &sh->cols);
	if (!map_tile_size(sh->rows, sh->cols, height, width, t->plain, &sh->th, &sh->tw))
		return false;
	int frame = t->plain ? 1 : 2;
	int need = most_lines_needed(m, sh->tw - 2, true);
	sh->split = need + frame <= sh->th;
	if (!sh->split)
		need = most_lines_needed(m, sh->tw - 2, false);
	if (sh->th > need + frame)
		sh->th = need + frame;
	return true;
}

int map_rows(const struct tui *t, const struct map *m, int height, int width)
{
	struct shape sh;
	return layout(t, m, height, width, &sh) ? sh.rows * sh.th : 1;
}

int map_draw(struct tui *t, struct map *m, WINDOW *w, int y, int height)
{
	struct shape sh;
	int width = getmaxx(w);
	if (!layout(t, m, height, width, &sh)) {
		tui_put(w, y, 0, width, m->count ? "The window is too small for the map: enlarge it."
		                                 : "No districts are configured.", A_BOLD);
		m->cursor_row = y;
		m->cursor_col = 0;
		return 1;
	}
	int x0 = (width - sh.cols * sh.tw) / 2;
	for (int i = 0; i < m->count; i++)
		draw_tile(t, m, i, w, y + m->districts[i].row * sh.th,
		          x0 + m->districts[i].col * sh.tw, &sh);
	return sh.rows * sh.th;
}
