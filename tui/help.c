/* help.c: the help screen, made from the keymap's one table and the tab
 * table, so that it says what the keys really do, rebindings included,
 * in the view it was opened from; and the whole of the last message. */
#include <stdio.h>
#include <string.h>

#include "tui/screens.h"

struct help {
	unsigned scopes;   /* of the view help was opened from */
	int top;           /* first line shown */
	int lines;         /* lines in all, from the last draw */
	int height;
};

static const char *const intro[] = {
	"Each tab is a list: Enter opens a record; a, e, d add, edit, delete (as your",
	"role allows). Colour only repeats what words say. The keys of this view:",
	"",
};

/* The keys that mean a in a view of scopes: not those a key of the
 * view's own scope shadows, nor, in a form, printable keys (text there). */
static void keys_in_view(const struct tui *t, unsigned scopes, enum action a, char *buf, size_t len)
{
	const struct keymap *km = &t->keymap;
	bool in_form = (scopes & SCOPE_FORM) && scopes != SCOPE_ALL;
	size_t used = 0;
	buf[0] = '\0';
	for (int i = 0; i < km->count && used < len; i++) {
		int key = km->keys[i];
		if (km->actions[i] != a || keymap_lookup_in(km, key, scopes) != a ||
		    (in_form && key >= ' ' && key < KEY_CODE_BASE))
			continue;
		char name[32];
		keymap_key_name(key, name, sizeof name);
		used += (size_t)snprintf(buf + used, len - used, "%s%s", used ? ", " : "", name);
	}
}

/* True when a belongs in help for a view of scopes and role: one of its
 * scopes, and a key that means it there (or none bound at all, so that a
 * rebinding that left it keyless shows). */
static bool listed(const struct tui *t, unsigned scopes, enum action a)
{
	int tab = tab_of_action(a);
	if (tab >= 0 && !tab_seen_by((enum tab_id)tab, t->s->role))
		return false;
	if ((action_info(a)->scopes & scopes) == 0)
		return false;
	char keys[64], all[64];
	keys_in_view(t, scopes, a, keys, sizeof keys);
	keymap_describe(&t->keymap, a, all, sizeof all);
	return keys[0] != '\0' || all[0] == '\0';
}

/* The order of help: the view's own groups as the keymap's table orders
 * them, moving, the tabs, then the general keys (End shows them). */
enum { HELP_PASSES = 4 };

static bool in_pass(enum action a, int pass)
{
	const char *group = action_info(a)->group;
	int which = strcmp(group, "General") == 0 ? 3
	          : tab_of_action(a) >= 0 ? 2
	          : strcmp(group, "Move") == 0 ? 1 : 0;
	return which == pass;
}

static void action_line(const struct tui *t, unsigned scopes, enum action a, char *buf, size_t len)
{
	char keys[64];
	keys_in_view(t, scopes, a, keys, sizeof keys);
	snprintf(buf, len, "  %-18s %s", keys[0] ? keys : "(no key)", action_info(a)->help);
}

/* Writes line n of the help text into buf; false past the end. */
static bool help_line(const struct tui *t, unsigned scopes, int n, char *buf, size_t len,
                      bool *heading)
{
	int intro_lines = (int)(sizeof intro / sizeof intro[0]);
	*heading = false;
	if (n < intro_lines) {
		snprintf(buf, len, "%s", intro[n]);
		return true;
	}
	n -= intro_lines;
	if ((scopes & SCOPE_FORM) && scopes != SCOPE_ALL && n-- == 0) {
		snprintf(buf, len, "In a form, letters, digits and signs are text (h and l too).");
		return true;
	}
	for (int pass = 0; pass < HELP_PASSES; pass++) {
		const char *group = NULL;
		for (int a = 1; a < ACT_COUNT; a++) {
			const struct action_info *info = action_info((enum action)a);
			if (!in_pass((enum action)a, pass) || !listed(t, scopes, (enum action)a))
				continue;
			if (group == NULL || strcmp(group, info->group) != 0) {
				if (n-- == 0) {
					snprintf(buf, len, "%s", info->group);
					*heading = true;
					return true;
				}
				group = info->group;
			}
			if (n-- == 0) {
				action_line(t, scopes, (enum action)a, buf, len);
				return true;
			}
		}
	}
	return false;
}

/* Where an action's description starts: after "  " and the keys. */
#define HELP_INDENT 21
#define HELP_WRAP_MAX 4

/* Writes row n of the help as drawn width columns wide into buf: the
 * lines of help_line, an action's description too long for the width
 * wrapped under itself rather than cut.  False past the end. */
static bool help_row(const struct tui *t, unsigned scopes, int width, int n, char *buf,
                     size_t len, bool *heading)
{
	char line[256];
	int row = 0;
	for (int i = 0; help_line(t, scopes, i, line, sizeof line, heading); i++) {
		bool wraps = !*heading && strncmp(line, "  ", 2) == 0 && tui_width(line) > width &&
		             (int)strlen(line) > HELP_INDENT && width > HELP_INDENT + 10;
		if (!wraps) {
			if (row++ == n) {
				snprintf(buf, len, "%s", line);
				return true;
			}
			continue;
		}
		char parts[HELP_WRAP_MAX][TUI_LINE_MAX];
		int count = tui_wrap(line + HELP_INDENT, width - HELP_INDENT, parts, HELP_WRAP_MAX);
		for (int k = 0; k < count && k < HELP_WRAP_MAX; k++)
			if (row++ == n) {
				snprintf(buf, len, "%-*.*s%.200s", HELP_INDENT, HELP_INDENT, k == 0 ? line : "",
				         parts[k]);
				return true;
			}
	}
	return false;
}

static int help_key(struct tui *t, void *state, enum action a, int key)
{
	struct help *h = state;
	(void)t;
	if (tui_scroll(&h->top, h->lines, h->height, a) == VIEW_HANDLED)
		return VIEW_HANDLED;
	if (a == ACT_BACK || a == ACT_CANCEL || a == ACT_HELP || key == 27)
		return VIEW_CLOSE;
	return VIEW_HANDLED;   /* help stays until closed */
}

static void help_draw(struct tui *t, void *state, WINDOW *w)
{
	struct help *h = state;
	werase(w);
	h->height = getmaxy(w) - 2;
	char line[256];
	bool heading;
	int width = getmaxx(w) - 1;
	h->lines = 0;
	while (help_row(t, h->scopes, width, h->lines, line, sizeof line, &heading))
		h->lines++;
	const char *title = h->top + h->height < h->lines
		? " Help: keys (q or Esc to close; more below: PgDn, arrows)"
		: " Help: keys (q or Esc to close; arrows scroll)";
	tui_put(w, 0, 0, getmaxx(w), title, A_BOLD);
	tui_rule(t, w, 1);
	for (int i = 0;
	     i < h->height && help_row(t, h->scopes, width, h->top + i, line, sizeof line, &heading);
	     i++)
		tui_put_cut(w, 2 + i, 1, width, line, heading ? A_BOLD | A_UNDERLINE : A_NORMAL);
}

static const enum action help_hints[] = {ACT_BACK, ACT_NONE};

static const struct view_ops help_ops = {
	"help", NULL, help_key, help_draw, NULL, help_hints, NULL, SCOPE_GLOBAL,
};

void help_open(struct tui *t)
{
	struct help *h = tui_alloc(sizeof(struct help));
	h->scopes = t->scopes ? t->scopes : SCOPE_ALL;
	tui_push(t, &help_ops, h);
}

/* ---- the last message, whole ------------------------------------------- */

#define MESSAGE_LINES 64

struct message {
	char text[sizeof ((struct tui *)0)->last_message];
	int top, lines, height;
};

static void message_draw(struct tui *t, void *state, WINDOW *w)
{
	struct message *m = state;
	static char lines[MESSAGE_LINES][TUI_LINE_MAX];
	werase(w);
	m->height = getmaxy(w) - 2;
	m->lines = tui_wrap(m->text, getmaxx(w) - 2, lines, MESSAGE_LINES);
	if (m->lines > MESSAGE_LINES)
		m->lines = MESSAGE_LINES;
	tui_put(w, 0, 0, getmaxx(w), " The last message (q or Esc to close)", A_BOLD);
	tui_rule(t, w, 1);
	for (int i = 0; i < m->height && m->top + i < m->lines; i++)
		tui_put(w, 2 + i, 1, getmaxx(w) - 1, lines[m->top + i], A_NORMAL);
}

static int message_key(struct tui *t, void *state, enum action a, int key)
{
	struct message *m = state;
	(void)t;
	if (tui_scroll(&m->top, m->lines, m->height, a) == VIEW_HANDLED)
		return VIEW_HANDLED;
	if (a == ACT_BACK || a == ACT_CANCEL || a == ACT_MESSAGE || key == 27)
		return VIEW_CLOSE;
	return VIEW_HANDLED;
}

static const struct view_ops message_ops = {
	"message", NULL, message_key, message_draw, NULL, help_hints, NULL, SCOPE_GLOBAL,
};

void message_open(struct tui *t)
{
	if (t->last_message[0] == '\0') {
		tui_message(t, "No message yet.");
		return;
	}
	struct message *m = tui_alloc(sizeof *m);
	snprintf(m->text, sizeof m->text, "%s", t->last_message);
	tui_push(t, &message_ops, m);
}
