/* map.h: the one map widget.
 *
 * Draws the configured districts as tiles placed by their (row, col) in
 * the config, so another authority's map is another config, not other
 * code.  Each tile shows the district's code and name, an optional word
 * of status ("GAP") in a colour that only repeats it, and a line of
 * detail wrapped to the tile.  The selected tile is marked by a ">"
 * before its name and reverse video (and a double border when boxes are
 * drawn), never by colour alone.  Plain mode draws no boxes.  Screens
 * fill the tiles; the widget knows nothing of what they mean. */
#ifndef SENDESK_MAP_H
#define SENDESK_MAP_H

#include "tui/tui.h"

#define MAP_STATUS_MAX 24
#define MAP_DETAIL_MAX 192

/* Largest tiles drawn, whatever the window: a bigger tile adds only
 * empty space. */
#define MAP_TILE_MAX_HEIGHT 6
#define MAP_TILE_MAX_WIDTH 22

struct map_tile {
	char status[MAP_STATUS_MAX];     /* a word on its own line, "" for none */
	char detail[MAP_DETAIL_MAX];     /* wrapped at ' ', '+', ',' or ';' to fit */
	enum tui_colour colour;          /* for the status word; COLOUR_NORMAL for none */
};

struct map {
	const struct district *districts;  /* not owned */
	int count;
	struct map_tile *tiles;            /* one per district, not owned */
	int selected;                      /* index into districts, -1 when none */
	int cursor_row, cursor_col;        /* the selected tile's name, from the last draw */
};

void map_init(struct map *m, const struct district *districts, int count,
              struct map_tile *tiles);

/* The grid the districts span: one more than the largest row and col. */
void map_grid(const struct district *districts, int count, int *rows, int *cols);

/* The size of one tile when a rows x cols grid is drawn in height x
 * width cells: as large as fits, at most MAP_TILE_MAX_*.  False when
 * even the smallest useful tile (a name and a status line) does not
 * fit, and then nothing should be drawn. */
bool map_tile_size(int rows, int cols, int height, int width, bool plain,
                   int *tile_height, int *tile_width);

/* The rows map_draw will use within height x width: tiles as large as
 * fit but no taller than the fullest tile needs; 1 for the message
 * drawn instead when the map does not fit. */
int map_rows(const struct tui *t, const struct map *m, int height, int width);

/* Draws the map into w from row y within height rows, centred across
 * w; returns the rows used, as map_rows. */
int map_draw(struct tui *t, struct map *m, WINDOW *w, int y, int height);

/* The district next to from in the direction of a (ACT_UP, ACT_DOWN,
 * ACT_LEFT, ACT_RIGHT): the one nearest by distance along that direction
 * plus twice the distance across it, so a tile straight ahead wins over
 * one a step aside; ties go to the one more nearly straight ahead, then
 * to the first in the config.  from itself when there is none. */
int map_neighbour(const struct district *districts, int count, int from, enum action a);

/* Moves the selection for arrow actions; returns VIEW_* flags
 * (VIEW_IGNORED for other actions). */
int map_key(struct map *m, enum action a);

/* Where the terminal cursor goes in plain mode: the selected tile. */
bool map_cursor(const struct map *m, int *row, int *col);

#endif
