/* tabs.c: the table of tabs, and how the title bar fits them. */
#include "tui/tabs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct tab_info infos[TAB_COUNT] = {
#define TAB_INFO(id, action, title, short_title, key, open, seen, first) \
	[id] = {action, title, short_title, key, open, seen, first},
	TABS(TAB_INFO)
#undef TAB_INFO
};

const struct tab_info *tab_info(enum tab_id tab)
{
	return &infos[tab >= 0 && tab < TAB_COUNT ? tab : 0];
}

bool tab_seen_by(enum tab_id tab, enum role role)
{
	return tab >= 0 && tab < TAB_COUNT && (infos[tab].seen_by & ROLE_BIT(role)) != 0;
}

enum tab_id tab_first_for(enum role role)
{
	for (int i = 0; i < TAB_COUNT; i++)
		if ((infos[i].first_of & ROLE_BIT(role)) && tab_seen_by((enum tab_id)i, role))
			return (enum tab_id)i;
	for (int i = 0; i < TAB_COUNT; i++)
		if (tab_seen_by((enum tab_id)i, role))
			return (enum tab_id)i;
	return (enum tab_id)0;
}

enum tab_id tab_step(enum tab_id from, int step, enum role role)
{
	int tab = from;
	for (int i = 0; i < TAB_COUNT; i++) {
		tab = (tab + step + TAB_COUNT) % TAB_COUNT;
		if (tab_seen_by((enum tab_id)tab, role))
			return (enum tab_id)tab;
	}
	return from;
}

/* How much of a tab the bar shows. */
enum label_level { LABEL_KEY, LABEL_SHORT, LABEL_FULL };

/* Titles are ASCII, so bytes are columns. */
static void make_label(const struct tab_info *tab, const char *key, bool current,
                       enum label_level level, struct tab_label *out)
{
	const char *name = level == LABEL_FULL ? tab->title : tab->short_title;
	if (current)
		snprintf(out->text, sizeof out->text, "[%s %s]", key, name);
	else if (level == LABEL_KEY)
		snprintf(out->text, sizeof out->text, " %s ", key);
	else
		snprintf(out->text, sizeof out->text, " %s %s ", key, name);
	out->width = (int)strlen(out->text);
}

static int lay_out(const struct tab_info *const *tabs, const char *const *keys, int count,
                   int current, const enum label_level *levels, struct tab_label *out)
{
	int used = 0;
	for (int i = 0; i < count; i++) {
		make_label(tabs[i], keys[i], i == current, levels[i], &out[i]);
		used += out[i].width;
	}
	return used;
}

/* The tab to cut to its key next: the named one farthest from current,
 * on the right when two are as far. */
static int farthest_named(const enum label_level *levels, int count, int current)
{
	int best = -1, best_distance = -1;
	for (int i = 0; i < count; i++) {
		int distance = abs(i - current);
		if (i != current && levels[i] != LABEL_KEY && distance >= best_distance) {
			best = i;
			best_distance = distance;
		}
	}
	return best;
}

int tab_layout(const struct tab_info *const *tabs, const char *const *keys, int count,
               int current, int width, struct tab_label *out)
{
	enum label_level levels[64] = {LABEL_KEY};
	if (count > 64)
		count = 64;
	for (int i = 0; i < count; i++)
		levels[i] = LABEL_FULL;
	int used = lay_out(tabs, keys, count, current, levels, out);
	if (used <= width)
		return used;
	for (int i = 0; i < count; i++)
		if (i != current)
			levels[i] = LABEL_SHORT;
	used = lay_out(tabs, keys, count, current, levels, out);
	for (int cut; used > width && (cut = farthest_named(levels, count, current)) >= 0;) {
		levels[cut] = LABEL_KEY;
		used = lay_out(tabs, keys, count, current, levels, out);
	}
	if (used > width && current >= 0 && current < count) {
		levels[current] = LABEL_SHORT;
		used = lay_out(tabs, keys, count, current, levels, out);
	}
	return used;
}
