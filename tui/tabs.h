/* tabs.h: the tabs of the title bar, one row each.
 *
 * A tab is registered here and nowhere else.  Its row gives what the rest
 * follows from: the keymap makes an action of it (named as in the row,
 * rebindable in the config's keymap section, e.g. tab-contracts = "1"),
 * the help screen lists it, the title bar draws it, and the manager opens
 * it for the roles that see it and starts each role on its first tab.
 *
 * X(id, action, title, short title, key, open, seen by, first tab of)
 *   id        TAB_... (the keymap's action is ACT_ and the id)
 *   action    the keymap's name for the key that opens it
 *   title     as in the title bar when there is room, and in help
 *   short     at most 6 columns, for a narrow bar
 *   key       its default key (see the key plan below)
 *   open      void open(struct tui *) pushing the tab's first view;
 *             declared below from this table
 *   seen by   roles that see the tab (ROLES_ALL, or ROLE_BIT(...) | ...)
 *   first of  roles that start on this tab (0: none); a role with no
 *             row here starts on the first tab it sees
 *
 * Key plan: thirteen tabs, one key each.  Digits 1-9 and 0 take the first
 * ten in bar order; then F5, F6, F7.  Digits and function keys are the
 * keys no view uses for anything else: every letter and sign is, or will
 * be, an action in some scope (l logs a session, h opens a history, / is
 * a filter), and a form or filter takes printable keys as text before the
 * keymap is asked, so a digit typed there is text.  F1 (help), F2 (save),
 * F3 (the last message) and F4 (pick) are taken; F8-F12 stay for later.
 * tests/unit/test_keymap.c checks that no tab key is any other action's.
 *
 * The eight tabs planned next take these rows, in this order:
 *   Children 6, Provision 7, Due 8, Personal budgets 9 (short "Budget"),
 *   Returns 0, Reports F5, Users F6 (admins only), Audit F7 (team leads
 *   and admins); a caseworker starts on Children (first of
 *   ROLE_BIT(ROLE_CASEWORKER)). */
#ifndef SENDESK_TABS_H
#define SENDESK_TABS_H

#include <stdbool.h>

#include "core/kind.h"

struct tui;

#define ROLE_BIT(r) (1u << (r))
#define ROLES_ALL (ROLE_BIT(ROLE_CASEWORKER) | ROLE_BIT(ROLE_TEAMLEAD) | ROLE_BIT(ROLE_ADMIN))

#define TABS(X) \
	X(TAB_CONTRACTS, "tab-contracts", "Contracts", "Contr", "1", contracts_open, ROLES_ALL, \
	  ROLE_BIT(ROLE_ADMIN)) \
	X(TAB_PROVIDERS, "tab-providers", "Providers", "Prov", "2", providers_open, ROLES_ALL, 0) \
	X(TAB_COVERAGE, "tab-coverage", "Coverage", "Cover", "3", coverage_open, ROLES_ALL, 0) \
	X(TAB_SPOT, "tab-spot-purchases", "Spot purchases", "Spot", "4", spot_purchases_open, \
	  ROLES_ALL, 0) \
	X(TAB_GROWTH, "tab-growth", "Growth", "Growth", "5", growth_open, ROLES_ALL, \
	  ROLE_BIT(ROLE_TEAMLEAD)) \
	X(TAB_CHILDREN, "tab-children", "Children", "Child", "6", children_open, ROLES_ALL, \
	  ROLE_BIT(ROLE_CASEWORKER)) \
	X(TAB_PROVISION, "tab-provision", "Provision", "Provis", "7", provision_open, ROLES_ALL, 0) \
	X(TAB_DUE, "tab-due", "Due", "Due", "8", due_open, ROLES_ALL, 0) \
	X(TAB_BUDGETS, "tab-budgets", "Personal budgets", "Budget", "9", budgets_open, ROLES_ALL, 0) \
	X(TAB_RETURNS, "tab-returns", "Returns", "Return", "0", returns_open, ROLES_ALL, 0) \
	X(TAB_USERS, "tab-users", "Users", "Users", "F6", users_open, ROLE_BIT(ROLE_ADMIN), 0) \
	X(TAB_AUDIT, "tab-audit", "Audit", "Audit", "F7", audit_open, \
	  ROLE_BIT(ROLE_TEAMLEAD) | ROLE_BIT(ROLE_ADMIN), 0)

enum tab_id {
#define TAB_ENUM(id, action, title, short_title, key, open, seen, first) id,
	TABS(TAB_ENUM)
#undef TAB_ENUM
	TAB_COUNT
};

#define TAB_OPEN_DECLARE(id, action, title, short_title, key, open, seen, first) \
	void open(struct tui *t);
TABS(TAB_OPEN_DECLARE)
#undef TAB_OPEN_DECLARE

struct tab_info {
	const char *action;
	const char *title;
	const char *short_title;
	const char *key;        /* the default key's name */
	void (*open)(struct tui *t);
	unsigned seen_by;       /* ROLE_BIT mask */
	unsigned first_of;      /* ROLE_BIT mask */
};

const struct tab_info *tab_info(enum tab_id tab);

bool tab_seen_by(enum tab_id tab, enum role role);

/* The tab role starts on. */
enum tab_id tab_first_for(enum role role);

/* The next tab role sees after from, step +1 or -1, wrapping round. */
enum tab_id tab_step(enum tab_id from, int step, enum role role);

/* ---- The title bar's layout, without curses --------------------------- */

#define TAB_LABEL_MAX 48

/* One tab as the bar shows it. */
struct tab_label {
	char text[TAB_LABEL_MAX];  /* " 2 Prov ", "[4 Spot purchases]", " 7" */
	int width;                 /* columns of text */
};

/* Lays out count tabs (their keys as bound now, e.g. "1" or "F5") on a
 * bar width columns wide, current being the index of the one shown.
 * Every tab keeps its key; the current one keeps a name and is marked
 * with brackets (not only colour).  Names go from full to short, then
 * tabs farthest from the current one are cut to their key alone, until
 * the bar fits.  Returns the columns used (at most width unless even the
 * keys alone do not fit, which needs fewer than 5 columns a tab). */
int tab_layout(const struct tab_info *const *tabs, const char *const *keys, int count,
               int current, int width, struct tab_label *out);

#endif
