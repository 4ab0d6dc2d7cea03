/* keymap.h: keys are named actions.
 *
 * One table (ACTIONS below) names every action with its default keys,
 * its help text and the short hint the status bar shows; the help screen,
 * the hints and the key lookup are all made from it, so they cannot
 * drift apart.  The config file's keymap section may rebind any action. */
#ifndef SENDESK_KEYMAP_H
#define SENDESK_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "config/config.h"
#include "util/error.h"

/* X(id, name, default keys, group, help, hint) */
#define ACTIONS(X) \
	X(ACT_UP, "up", "k Up", "Move", "move up", "") \
	X(ACT_DOWN, "down", "j Down", "Move", "move down", "") \
	X(ACT_LEFT, "left", "h Left", "Move", "move left (map), previous choice (form)", "") \
	X(ACT_RIGHT, "right", "l Right", "Move", "move right (map), next choice (form)", "") \
	X(ACT_PAGE_UP, "page-up", "PgUp ^B", "Move", "page up", "") \
	X(ACT_PAGE_DOWN, "page-down", "PgDn ^F Space", "Move", "page down", "") \
	X(ACT_HOME, "home", "g Home", "Move", "first row", "") \
	X(ACT_END, "end", "G End", "Move", "last row", "") \
	X(ACT_OPEN, "open", "Enter", "Records", "open the selected record or tile", "open") \
	X(ACT_ADD, "add", "a", "Records", "add a record", "add") \
	X(ACT_EDIT, "edit", "e", "Records", "edit the selected record", "edit") \
	X(ACT_DELETE, "delete", "d", "Records", "delete the selected record (asks first)", "delete") \
	X(ACT_FILTER, "filter", "/", "Records", "filter as you type (Esc clears)", "filter") \
	X(ACT_SORT, "sort", "s", "Records", "sort by the next column (again: reverse)", "sort") \
	X(ACT_EXPORT, "export", "x", "Records", "export the rows shown as CSV", "export") \
	X(ACT_TOGGLE, "toggle", "c", "Map", "cover / uncover the tile with the selected contract", "cover") \
	X(ACT_THERAPY, "therapy", "t", "Map", "next therapy type (map, spot purchases)", "therapy") \
	X(ACT_DATE, "date", "o", "Map", "show the map on another date", "date") \
	X(ACT_PERIOD, "period", "p", "Growth", "financial, academic or calendar years (growth); the period shown (spot purchases)", "years") \
	X(ACT_PICK, "pick", "F4", "Forms", "choose from a list: a reference field's record; the provider (spot purchases)", "pick") \
	X(ACT_SAVE, "save", "F2 ^S", "Forms", "save the form", "save") \
	X(ACT_CANCEL, "cancel", "Esc", "Forms", "cancel, or clear the filter", "cancel") \
	X(ACT_NEXT_FIELD, "next-field", "Tab", "Forms", "next field (next screen outside forms)", "") \
	X(ACT_PREV_FIELD, "previous-field", "BackTab", "Forms", "previous field (previous screen outside forms)", "") \
	X(ACT_SCREEN_1, "screen-1", "1", "Screens", "Contracts", "") \
	X(ACT_SCREEN_2, "screen-2", "2", "Screens", "Providers", "") \
	X(ACT_SCREEN_3, "screen-3", "3", "Screens", "Coverage map", "") \
	X(ACT_SCREEN_4, "screen-4", "4", "Screens", "Spot purchases", "") \
	X(ACT_SCREEN_5, "screen-5", "5", "Screens", "Growth review", "") \
	X(ACT_HELP, "help", "? F1", "General", "this help", "help") \
	X(ACT_REFRESH, "refresh", "^L", "General", "redraw the screen", "") \
	X(ACT_BACK, "back", "q", "General", "back; on a tab, quit", "back/quit") \
	X(ACT_QUIT, "quit", "Q", "General", "quit sendesk at once", "")

enum action {
	ACT_NONE,
#define ACTION_ENUM(id, name, keys, group, help, hint) id,
	ACTIONS(ACTION_ENUM)
#undef ACTION_ENUM
	ACT_COUNT
};

struct action_info {
	const char *name;      /* as in the config file's keymap */
	const char *keys;      /* default keys, space-separated key names */
	const char *group;     /* help screen section */
	const char *help;
	const char *hint;      /* status-bar word, "" for none */
};

const struct action_info *action_info(enum action a);

/* A key is one int: a character is its code point; a curses key code
 * (KEY_UP...) is KEY_CODE_BASE + the code, beyond Unicode. */
#define KEY_CODE_BASE 0x200000
#define KEYMAP_MAX_BINDINGS 160

struct keymap {
	int keys[KEYMAP_MAX_BINDINGS];
	enum action actions[KEYMAP_MAX_BINDINGS];
	int count;
};

/* Builds the default bindings, then applies the config's keymap (each
 * given action's keys replace its defaults).  An unknown action or key
 * name is EX_CONFIG with "FILE:LINE: ..." when the config says where. */
int keymap_init(struct keymap *km, const struct settings *cfg, struct error *err);

enum action keymap_lookup(const struct keymap *km, int key);

/* "j, Down": the keys bound to a, for help and hints. */
void keymap_describe(const struct keymap *km, enum action a, char *buf, size_t len);

/* Key names: a printable character ("q", "/"), "^X" for control keys,
 * and Enter, Esc, Tab, BackTab, Space, Backspace, Delete, Up, Down, Left,
 * Right, PgUp, PgDn, Home, End, Insert, F1..F12.  0 or -1 on failure. */
int keymap_key_parse(const char *name, int *key);
void keymap_key_name(int key, char *buf, size_t len);

#endif
