/* help.c: the help screen, made from the keymap's one table, so that it
 * says what the keys really do, rebindings included. */
#include <stdio.h>
#include <string.h>

#include "tui/screens.h"

struct help {
	int top;      /* first line shown */
	int lines;    /* lines in all, from the last draw */
	int height;
};

static const char *const intro[] = {
	"sendesk keeps SEN therapy contracts, the districts they cover, providers and",
	"their returns, and children's EHCP therapy. Each tab is a list: move with the",
	"arrows, open a record with Enter, add, edit or delete it with a, e, d (changes",
	"need the right role: admins change contracts, coverage and providers).",
	"Colour only repeats what words say: flags and GAP are always written out.",
	"",
};

/* Writes line n of the help text into buf; false past the end. */
static bool help_line(const struct tui *t, int n, char *buf, size_t len, bool *heading)
{
	int intro_lines = (int)(sizeof intro / sizeof intro[0]);
	*heading = false;
	if (n < intro_lines) {
		snprintf(buf, len, "%s", intro[n]);
		return true;
	}
	n -= intro_lines;
	const char *group = NULL;
	for (int a = 1; a < ACT_COUNT; a++) {
		const struct action_info *info = action_info((enum action)a);
		if (group == NULL || strcmp(group, info->group) != 0) {
			if (n-- == 0) {
				snprintf(buf, len, "%s", info->group);
				*heading = true;
				return true;
			}
			group = info->group;
		}
		if (n-- == 0) {
			char keys[64];
			keymap_describe(&t->keymap, (enum action)a, keys, sizeof keys);
			const char *help = info->help;
			if (a >= ACT_SCREEN_1 && a <= ACT_SCREEN_5 && a - ACT_SCREEN_1 < TAB_COUNT)
				help = tab_names[a - ACT_SCREEN_1];
			snprintf(buf, len, "  %-18s %s", keys[0] ? keys : "(no key)", help);
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
	h->lines = 0;
	while (help_line(t, h->lines, line, sizeof line, &heading))
		h->lines++;
	tui_put(w, 0, 0, getmaxx(w), " Help: keys (q or Esc to close; arrows scroll)", A_BOLD);
	tui_rule(t, w, 1);
	for (int i = 0; i < h->height - 1 && help_line(t, h->top + i, line, sizeof line, &heading); i++)
		tui_put(w, 2 + i, 1, getmaxx(w) - 1, line, heading ? A_BOLD | A_UNDERLINE : A_NORMAL);
}

static const enum action help_hints[] = {ACT_BACK, ACT_NONE};

static const struct view_ops help_ops = {
	"help", NULL, help_key, help_draw, NULL, help_hints, NULL,
};

void help_open(struct tui *t)
{
	tui_push(t, &help_ops, tui_alloc(sizeof(struct help)));
}
