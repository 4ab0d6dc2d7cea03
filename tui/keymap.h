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

/* Where an action's keys mean it.  A view declares its scopes in its
 * view_ops; a key is looked up among the actions of the scopes of the view
 * on top, an action of one of its own scopes before a global one, so the
 * same key may mean one thing in one view and another elsewhere (h and l
 * move on the map; a list may use them for something else; a form's text
 * field takes every printable key as text before asking the keymap). */
enum key_scope {
	SCOPE_GLOBAL = 1u << 0,   /* every view: help, tabs, back, quit, movement */
	SCOPE_LIST = 1u << 1,     /* a list of records */
	SCOPE_RECORD = 1u << 2,   /* one record's detail */
	SCOPE_FORM = 1u << 3,     /* forms, pickers and questions */
	SCOPE_MAP = 1u << 4,      /* the coverage map and its tile lists */
	SCOPE_SPOT = 1u << 5,     /* the spot purchases list */
	SCOPE_GROWTH = 1u << 6,   /* the growth review */
	SCOPE_CHILDREN = 1u << 7, /* the Children list and a child's record */
	SCOPE_PROVISION = 1u << 8, /* the Provision list: the sessions logged */
	SCOPE_DUE = 1u << 9,      /* the Due list */
	SCOPE_HISTORY = 1u << 10, /* a record's history */
	SCOPE_AUDIT = 1u << 11,   /* the Audit tab's changes */
	SCOPE_CONTRACTS = 1u << 12, /* the Contracts list and a contract's record */
	SCOPE_BUDGETS = 1u << 13, /* the Personal budgets list and its summary */
	SCOPE_RETURNS = 1u << 14, /* the Returns list and its waits */
	SCOPE_REPORTS = 1u << 15, /* the Reports tab: a report's table */
	SCOPE_ALL = ~0u,          /* a view that declares none: every action */
};

/* X(id, name, default keys, scopes, group, help, hint, rank)
 * rank: how much its hint matters, 1 most; a hint line too long for the
 * screen drops the highest ranks first.
 * The tabs' actions (ACT_TAB_...) follow these, made from tui/tabs.h. */
#define ACTIONS(X) \
	X(ACT_HELP, "help", "? F1", SCOPE_GLOBAL, "General", "this help: the keys of the view you are in", "help", 1) \
	X(ACT_BACK, "back", "q", SCOPE_GLOBAL, "General", "back; on a tab, quit", "back", 1) \
	X(ACT_QUIT, "quit", "Q", SCOPE_GLOBAL, "General", "quit sendesk at once", "", 9) \
	X(ACT_REFRESH, "refresh", "^L", SCOPE_GLOBAL, "General", "redraw the screen", "", 9) \
	X(ACT_MESSAGE, "message", "F3", SCOPE_GLOBAL, "General", "show the last message whole", "", 9) \
	X(ACT_NEXT_TAB, "next-tab", "Tab", SCOPE_GLOBAL, "General", "next tab (outside forms)", "", 9) \
	X(ACT_PREV_TAB, "previous-tab", "BackTab", SCOPE_GLOBAL, "General", "previous tab (outside forms)", "", 9) \
	X(ACT_UP, "up", "k Up", SCOPE_GLOBAL, "Move", "move up", "", 9) \
	X(ACT_DOWN, "down", "j Down", SCOPE_GLOBAL, "Move", "move down", "", 9) \
	X(ACT_PAGE_UP, "page-up", "PgUp ^B", SCOPE_GLOBAL, "Move", "page up", "", 9) \
	X(ACT_PAGE_DOWN, "page-down", "PgDn ^F Space", SCOPE_GLOBAL, "Move", "page down", "", 9) \
	X(ACT_HOME, "home", "g Home", SCOPE_GLOBAL, "Move", "first row", "", 9) \
	X(ACT_END, "end", "G End", SCOPE_GLOBAL, "Move", "last row", "", 9) \
	X(ACT_LEFT, "left", "h Left", SCOPE_MAP | SCOPE_REPORTS, "Move", "move left on the map; a report: the column before (the first stays)", "prev col", 3) \
	X(ACT_RIGHT, "right", "l Right", SCOPE_MAP | SCOPE_REPORTS, "Move", "move right on the map; a report wider than the screen: the next column", "next col", 3) \
	X(ACT_OPEN, "open", "Enter", SCOPE_LIST | SCOPE_MAP | SCOPE_GROWTH | SCOPE_DUE | SCOPE_AUDIT | SCOPE_BUDGETS | SCOPE_REPORTS, "Records", "open the selected record, tile, period or report row", "open", 2) \
	X(ACT_ADD, "add", "a", SCOPE_LIST | SCOPE_RECORD, "Records", "add a record", "add", 2) \
	X(ACT_EDIT, "edit", "e", SCOPE_LIST | SCOPE_RECORD, "Records", "edit the selected record", "edit", 2) \
	X(ACT_DELETE, "delete", "d", SCOPE_LIST | SCOPE_RECORD, "Records", "delete the selected record (asks first)", "delete", 2) \
	X(ACT_FILTER, "filter", "/", SCOPE_LIST, "Records", "filter as you type (Esc clears)", "filter", 2) \
	X(ACT_SORT, "sort", "s", SCOPE_LIST, "Records", "sort by the next column (again: reverse)", "sort", 2) \
	X(ACT_EXPORT, "export", "x", SCOPE_LIST | SCOPE_GROWTH | SCOPE_BUDGETS | SCOPE_REPORTS, "Records", "export the rows shown as CSV", "export", 4) \
	X(ACT_TOGGLE, "toggle", "c", SCOPE_MAP, "Map", "cover / uncover the tile with the selected contract", "cover", 2) \
	X(ACT_THERAPY, "therapy", "t", SCOPE_MAP | SCOPE_SPOT, "Map", "next therapy type (map, spot purchases)", "therapy", 3) \
	X(ACT_DATE, "date", "o", SCOPE_MAP | SCOPE_REPORTS, "Map", "show the map (or a report) on another date", "date", 3) \
	X(ACT_PERIOD, "period", "p", SCOPE_GROWTH | SCOPE_SPOT | SCOPE_BUDGETS | SCOPE_REPORTS, "Growth", "growth, a report: the kind of year; spot purchases, budgets: the period", "years", 3) \
	X(ACT_CASELOAD, "caseload", "m", SCOPE_CHILDREN | SCOPE_DUE, "Children", "my caseload / everyone (Children, Due)", "mine/all", 2) \
	X(ACT_LOG_SESSION, "log-session", "l", SCOPE_CHILDREN | SCOPE_PROVISION, "Children", "log a session on the selected therapy entry (Provision: the selected session's)", "log", 1) \
	X(ACT_HAND_OVER, "hand-over", "H", SCOPE_CHILDREN, "Children", "hand a caseworker's caseload to another (team leads, admins)", "", 9) \
	X(ACT_PICK, "pick", "F4", SCOPE_FORM | SCOPE_SPOT, "Forms", "pick from a list: a field's record, or the provider", "pick", 4) \
	X(ACT_SAVE, "save", "F2 ^S", SCOPE_FORM, "Forms", "save the form", "save", 1) \
	X(ACT_EDITOR, "editor", "^E", SCOPE_FORM, "Forms", "edit a text field (a long note) in $EDITOR", "", 9) \
	X(ACT_CANCEL, "cancel", "Esc", SCOPE_GLOBAL, "General", "cancel, close, or clear the filter", "cancel", 1) \
	X(ACT_NEXT_FIELD, "next-field", "Tab", SCOPE_FORM, "Forms", "next field", "", 9) \
	X(ACT_PREV_FIELD, "previous-field", "BackTab", SCOPE_FORM, "Forms", "previous field", "", 9) \
	X(ACT_NEXT_SECTION, "next-section", "Tab", SCOPE_RECORD, "Records", "in a record's view: its next list (its text after the last)", "next list", 3) \
	X(ACT_PREV_SECTION, "previous-section", "BackTab", SCOPE_RECORD, "Records", "in a record's view: its previous list", "", 9) \
	X(ACT_PREV_CHOICE, "previous-choice", "Left", SCOPE_FORM, "Forms", "previous choice, or the cursor left in a text field", "", 9) \
	X(ACT_NEXT_CHOICE, "next-choice", "Right", SCOPE_FORM, "Forms", "next choice (Space too), or the cursor right", "", 9) \
	X(ACT_PICK_CHILD, "pick-child", "F4", SCOPE_PROVISION | SCOPE_BUDGETS, "Provision", "only the sessions (Budgets: the budgets) of one child (a picker)", "child", 3) \
	X(ACT_PICK_ENTRY, "pick-entry", "E", SCOPE_PROVISION, "Provision", "only the sessions of one therapy entry (a picker)", "entry", 4) \
	X(ACT_THERAPIST, "therapist", "T", SCOPE_PROVISION, "Provision", "only the sessions of a therapist (part of the name)", "therapist", 5) \
	X(ACT_DATE_RANGE, "date-range", "r", SCOPE_PROVISION | SCOPE_REPORTS, "Provision", "only the sessions of a month, year or range of dates (a report: its dates)", "dates", 3) \
	X(ACT_GROUP_SESSION, "group-session", "L", SCOPE_PROVISION, "Provision", "log a group session: one therapist, several children", "group", 2) \
	X(ACT_HISTORY, "history", "h", SCOPE_LIST | SCOPE_RECORD, "Records", "the selected record's history: who changed what, and when", "history", 5) \
	X(ACT_UNDO, "undo", "u", SCOPE_HISTORY, "History", "undo the record's latest change (asks first)", "undo", 1) \
	X(ACT_AUDIT_LOGIN, "audit-login", "w", SCOPE_AUDIT, "Audit", "only the changes of one login (who)", "who", 2) \
	X(ACT_AUDIT_KIND, "audit-kind", "K", SCOPE_AUDIT, "Audit", "only the changes of one kind of record", "kind", 2) \
	X(ACT_AUDIT_DAYS, "audit-days", "r", SCOPE_AUDIT, "Audit", "only the changes of a day, month, year or range of dates", "dates", 2) \
	X(ACT_RENEW, "renew", "R", SCOPE_CONTRACTS, "Contracts", "renew: a copy for the next period, coverage and staffing too", "renew", 4) \
	X(ACT_EOTAS, "eotas", "E", SCOPE_BUDGETS, "Budgets", "only the budgets for education otherwise than at school (again: all)", "EOTAS", 4) \
	X(ACT_YEARS, "years", "y", SCOPE_BUDGETS, "Budgets", "the budgets per academic year, as a table and a chart", "summary", 2) \
	X(ACT_WAITS, "waits", "w", SCOPE_RETURNS, "Returns", "the waits over time of the selected return's provider and therapy", "waits", 2) \
	X(ACT_RERUN, "rerun", "R", SCOPE_REPORTS, "Reports", "run the report again (one slower than report_rerun_ms keeps its figures when the records change, until asked)", "rerun", 6)

#include "tui/tabs.h"

enum action {
	ACT_NONE,
#define ACTION_ENUM(id, name, keys, scopes, group, help, hint, rank) id,
	ACTIONS(ACTION_ENUM)
#undef ACTION_ENUM
#define TAB_ACTION_ENUM(id, action, title, short_title, key, open, seen, first) ACT_##id,
	TABS(TAB_ACTION_ENUM)
#undef TAB_ACTION_ENUM
	ACT_COUNT
};

/* The action that opens tab, and the tab an action opens (-1: none). */
#define ACT_TAB_FIRST ACT_TAB_CONTRACTS
enum action action_of_tab(enum tab_id tab);
int tab_of_action(enum action a);

struct action_info {
	const char *name;      /* as in the config file's keymap */
	const char *keys;      /* default keys, space-separated key names */
	const char *group;     /* help screen section */
	const char *help;
	const char *hint;      /* status-bar word, "" for none */
	unsigned scopes;       /* enum key_scope bits */
	int rank;              /* 1: its hint is the last to go */
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

/* What key means in a view of the given scopes (SCOPE_GLOBAL is always
 * added): an action of one of the view's own scopes, else a global one. */
enum action keymap_lookup_in(const struct keymap *km, int key, unsigned scopes);

/* The same in every scope (a view that declares none). */
enum action keymap_lookup(const struct keymap *km, int key);

/* The status line's hints for a view of the given scopes: its listed
 * actions, or, when listed is NULL, every action of its own scopes that
 * has a hint word, then help and back ("quit" when at_root).  Each is
 * written "KEY word", two spaces apart; when they do not fit in width
 * columns the highest ranks are dropped (never a word cut).  Returns the
 * columns used. */
int keymap_hints(const struct keymap *km, unsigned scopes, const enum action *listed,
                 bool at_root, int width, char *buf, size_t len);

/* The same, leaving out the actions offered(a, ctx) says are not open to
 * the login (NULL: all are). */
int keymap_hints_offered(const struct keymap *km, unsigned scopes, const enum action *listed,
                         bool at_root, bool (*offered)(enum action a, void *ctx), void *ctx,
                         int width, char *buf, size_t len);

/* Whether a changes records (add, edit, delete): what a role that may
 * only read them is not offered. */
bool action_changes_records(enum action a);

/* "j, Down": the keys bound to a, for help and hints. */
void keymap_describe(const struct keymap *km, enum action a, char *buf, size_t len);
/* The same, leaving out printable keys unless text_keys: a form's text
 * field takes those as text. */
void keymap_describe_keys(const struct keymap *km, enum action a, bool text_keys, char *buf,
                          size_t len);

/* Key names: a printable character ("q", "/"), "^X" for control keys,
 * and Enter, Esc, Tab, BackTab, Space, Backspace, Delete, Up, Down, Left,
 * Right, PgUp, PgDn, Home, End, Insert, F1..F12.  0 or -1 on failure. */
int keymap_key_parse(const char *name, int *key);
void keymap_key_name(int key, char *buf, size_t len);

#endif
