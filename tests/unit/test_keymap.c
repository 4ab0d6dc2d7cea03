#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "tui/keymap.h"
#include "tui/tabs.h"

static void load(const char *text, struct settings *s, struct error *err, int *rc)
{
	char path[] = "/tmp/sendesk-keymap-XXXXXX";
	int fd = mkstemp(path);
	cr_assert(fd >= 0);
	cr_assert_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	config_defaults(s);
	*rc = config_load(path, s, err);
	unlink(path);
}

Test(keymap, shipped_config_binds_exactly_the_built_in_keys)
{
	struct settings defaults, shipped;
	struct error err = {0};
	config_defaults(&defaults);
	config_defaults(&shipped);
	cr_assert_eq(config_load("config/sendesk.cfg", &shipped, &err), 0, "%s", err.msg);
	cr_expect_eq(shipped.colour, defaults.colour);
	cr_expect_eq(shipped.binding_count, ACT_COUNT - 1, "every action is listed in the file");
	struct keymap a, b;
	cr_assert_eq(keymap_init(&a, &defaults, &err), 0, "%s", err.msg);
	cr_assert_eq(keymap_init(&b, &shipped, &err), 0, "%s", err.msg);
	for (int act = 1; act < ACT_COUNT; act++) {
		char ka[128], kb[128];
		keymap_describe(&a, (enum action)act, ka, sizeof ka);
		keymap_describe(&b, (enum action)act, kb, sizeof kb);
		cr_expect_str_eq(ka, kb, "action %s", action_info((enum action)act)->name);
	}
}

Test(keymap, defaults_map_the_usual_keys)
{
	struct settings s;
	struct keymap km;
	struct error err = {0};
	config_defaults(&s);
	cr_assert_eq(keymap_init(&km, &s, &err), 0);
	cr_expect_eq(keymap_lookup(&km, 'j'), ACT_DOWN);
	cr_expect_eq(keymap_lookup(&km, KEY_CODE_BASE + 0402), ACT_DOWN);   /* KEY_DOWN */
	cr_expect_eq(keymap_lookup(&km, '/'), ACT_FILTER);
	cr_expect_eq(keymap_lookup(&km, '?'), ACT_HELP);
	cr_expect_eq(keymap_lookup(&km, 'q'), ACT_BACK);
	cr_expect_eq(keymap_lookup(&km, '\n'), ACT_OPEN);
	cr_expect_eq(keymap_lookup(&km, 19), ACT_SAVE);                      /* ^S */
	cr_expect_eq(keymap_lookup(&km, 'z'), ACT_NONE);
}

Test(keymap, config_rebinding_replaces_the_defaults_of_that_action)
{
	struct settings s;
	struct error err = {0};
	int rc;
	load("keymap = { filter = \"f ^F\"; };\n", &s, &err, &rc);
	cr_assert_eq(rc, 0, "%s", err.msg);
	struct keymap km;
	cr_assert_eq(keymap_init(&km, &s, &err), 0, "%s", err.msg);
	cr_expect_eq(keymap_lookup(&km, 'f'), ACT_FILTER);
	cr_expect_eq(keymap_lookup(&km, 6), ACT_FILTER, "^F moves from page-down to filter");
	cr_expect_eq(keymap_lookup(&km, '/'), ACT_NONE, "the old key is free");
	char keys[64];
	keymap_describe(&km, ACT_FILTER, keys, sizeof keys);
	cr_expect_str_eq(keys, "f, ^F");
}

Test(keymap, unknown_action_is_refused_at_its_line)
{
	struct settings s;
	struct error err = {0};
	int rc;
	load("// keys\nkeymap = {\n  flter = \"f\";\n};\n", &s, &err, &rc);
	cr_assert_eq(rc, 0, "%s", err.msg);
	struct keymap km;
	cr_expect_eq(keymap_init(&km, &s, &err), EX_CONFIG);
	cr_expect(strstr(err.msg, ":3: keymap: no action 'flter'") != NULL, "%s", err.msg);
}

Test(keymap, unknown_key_name_is_refused)
{
	struct settings s;
	struct error err = {0};
	int rc;
	load("keymap = { sort = \"Sft\"; };\n", &s, &err, &rc);
	cr_assert_eq(rc, 0, "%s", err.msg);
	struct keymap km;
	cr_expect_eq(keymap_init(&km, &s, &err), EX_CONFIG);
	cr_expect(strstr(err.msg, ":1: keymap: sort: no key named 'Sft'") != NULL, "%s", err.msg);
}

Test(keymap, key_names_round_trip)
{
	static const char *const names[] = {"q", "/", "^S", "Enter", "Esc", "Tab", "BackTab",
	                                    "PgUp", "PgDn", "Home", "End", "F1", "F12", "Up"};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		int key;
		char back[32];
		cr_assert_eq(keymap_key_parse(names[i], &key), 0, "%s", names[i]);
		keymap_key_name(key, back, sizeof back);
		cr_expect_str_eq(back, names[i]);
	}
	int key;
	cr_expect_neq(keymap_key_parse("F13", &key), 0);
	cr_expect_neq(keymap_key_parse("ab", &key), 0);
}

static void defaults(struct keymap *km)
{
	struct settings s;
	struct error err = {0};
	config_defaults(&s);
	cr_assert_eq(keymap_init(km, &s, &err), 0, "%s", err.msg);
}

Test(keymap, shipped_config_lists_the_actions_in_table_order)
{
	struct settings shipped;
	struct error err = {0};
	config_defaults(&shipped);
	cr_assert_eq(config_load("config/sendesk.cfg", &shipped, &err), 0, "%s", err.msg);
	for (int i = 0; i < shipped.binding_count && i + 1 < ACT_COUNT; i++)
		cr_expect_str_eq(shipped.bindings[i].action, action_info((enum action)(i + 1))->name);
}

Test(keymap, a_key_means_what_the_scope_of_the_view_says)
{
	struct keymap km;
	defaults(&km);
	int left = KEY_CODE_BASE + 0404, right = KEY_CODE_BASE + 0405;   /* KEY_LEFT, KEY_RIGHT */
	cr_expect_eq(keymap_lookup_in(&km, 'h', SCOPE_MAP), ACT_LEFT);
	cr_expect_eq(keymap_lookup_in(&km, 'l', SCOPE_MAP), ACT_RIGHT);
	cr_expect_eq(keymap_lookup_in(&km, 'h', SCOPE_FORM), ACT_NONE, "h is text in a form");
	cr_expect_eq(keymap_lookup_in(&km, 'l', SCOPE_LIST), ACT_NONE, "l is free on lists");
	cr_expect_eq(keymap_lookup_in(&km, left, SCOPE_FORM), ACT_PREV_CHOICE);
	cr_expect_eq(keymap_lookup_in(&km, right, SCOPE_FORM), ACT_NEXT_CHOICE);
	cr_expect_eq(keymap_lookup_in(&km, left, SCOPE_MAP), ACT_LEFT);
	cr_expect_eq(keymap_lookup_in(&km, '\t', SCOPE_FORM), ACT_NEXT_FIELD);
	cr_expect_eq(keymap_lookup_in(&km, '\t', SCOPE_LIST), ACT_NEXT_TAB);
	cr_expect_eq(keymap_lookup_in(&km, 'd', SCOPE_LIST), ACT_DELETE);
	cr_expect_eq(keymap_lookup_in(&km, 'd', SCOPE_MAP), ACT_NONE);
	cr_expect_eq(keymap_lookup_in(&km, 'p', SCOPE_LIST | SCOPE_SPOT), ACT_PERIOD);
	cr_expect_eq(keymap_lookup_in(&km, '4', SCOPE_FORM), ACT_TAB_SPOT);
	cr_expect_eq(keymap_lookup_in(&km, 'Q', SCOPE_MAP), ACT_QUIT);
}

/* Two actions may share a key only in scopes that never meet; a tab's
 * key is no other action's anywhere. */
Test(keymap, default_keys_collide_in_no_scope)
{
	struct keymap km;
	defaults(&km);
	for (int i = 0; i < km.count; i++)
		for (int j = i + 1; j < km.count; j++) {
			if (km.keys[i] != km.keys[j])
				continue;
			const struct action_info *a = action_info(km.actions[i]);
			const struct action_info *b = action_info(km.actions[j]);
			cr_expect_eq(a->scopes & b->scopes, 0u, "%s and %s share a key", a->name, b->name);
			cr_expect(tab_of_action(km.actions[i]) < 0 && tab_of_action(km.actions[j]) < 0,
			          "tab key of %s is also %s's", a->name, b->name);
		}
	for (int tab = 0; tab < TAB_COUNT; tab++) {
		char keys[64];
		keymap_describe(&km, action_of_tab((enum tab_id)tab), keys, sizeof keys);
		cr_expect_str_eq(keys, tab_info((enum tab_id)tab)->key, "%s", tab_info((enum tab_id)tab)->title);
	}
}

Test(keymap, old_screen_names_still_bind_the_tabs)
{
	struct settings s;
	struct error err = {0};
	int rc;
	load("keymap = { screen-4 = \"F9\"; screen-1 = \"F10\"; };\n", &s, &err, &rc);
	cr_assert_eq(rc, 0, "%s", err.msg);
	struct keymap km;
	cr_assert_eq(keymap_init(&km, &s, &err), 0, "%s", err.msg);
	cr_expect_eq(keymap_lookup(&km, KEY_CODE_BASE + 0410 + 9), ACT_TAB_SPOT);      /* KEY_F(9) */
	cr_expect_eq(keymap_lookup(&km, KEY_CODE_BASE + 0410 + 10), ACT_TAB_CONTRACTS);
	cr_expect_eq(keymap_lookup(&km, '4'), ACT_NONE, "the tab's old key is free");
	load("keymap = { tab-growth = \"g\"; };\n", &s, &err, &rc);
	cr_assert_eq(keymap_init(&km, &s, &err), 0, "%s", err.msg);
	cr_expect_eq(keymap_lookup_in(&km, 'g', SCOPE_LIST), ACT_TAB_GROWTH);
	char keys[64];
	keymap_describe(&km, ACT_HOME, keys, sizeof keys);
	cr_expect_str_eq(keys, "Home", "g left home, a global action as the tab's is");
}

/* Every hint of a line is whole: "d delete", never "d del". */
static void expect_whole_hints(const char *line)
{
	char copy[512];
	snprintf(copy, sizeof copy, "%s", line);
	char *save = NULL;
	for (char *item = strtok_r(copy, " ", &save); item; item = strtok_r(NULL, " ", &save)) {
		int key;
		bool known = keymap_key_parse(item, &key) == 0 || strcmp(item, "quit") == 0;
		for (int a = 1; a < ACT_COUNT && !known; a++)
			known = strcmp(item, action_info((enum action)a)->hint) == 0;
		cr_expect(known, "'%s' in '%s' is neither a key nor a whole hint word", item, line);
	}
}

Test(keymap, hints_come_from_the_scopes_and_fit)
{
	struct keymap km;
	defaults(&km);
	char line[512];
	/* The spot purchases list, at 80 columns less the status line's edge. */
	int used = keymap_hints(&km, SCOPE_GLOBAL | SCOPE_LIST | SCOPE_SPOT, NULL, true, 79, line,
	                        sizeof line);
	cr_expect_leq(used, 79, "%s", line);
	cr_expect_leq((int)strlen(line), 79, "%s", line);
	cr_expect(strstr(line, "d delete") != NULL, "%s", line);
	cr_expect(strstr(line, "s sort") != NULL, "%s", line);
	cr_expect(strstr(line, "? help") != NULL, "%s", line);
	cr_expect(strstr(line, "q quit") != NULL, "%s", line);
	cr_expect(strstr(line, "Enter open") != NULL, "%s", line);
	expect_whole_hints(line);
	/* Wide: everything the view handles. */
	keymap_hints(&km, SCOPE_GLOBAL | SCOPE_LIST | SCOPE_SPOT, NULL, false, 200, line, sizeof line);
	cr_expect(strstr(line, "x export") != NULL && strstr(line, "F4 pick") != NULL, "%s", line);
	cr_expect(strstr(line, "q back") != NULL, "%s", line);
	/* Narrow: help and back stay. */
	used = keymap_hints(&km, SCOPE_GLOBAL | SCOPE_LIST | SCOPE_SPOT, NULL, true, 20, line, sizeof line);
	cr_expect_leq(used, 20, "%s", line);
	cr_expect(strstr(line, "? help") != NULL && strstr(line, "q quit") != NULL, "%s", line);
	/* The map's own keys, not a list's. */
	keymap_hints(&km, SCOPE_GLOBAL | SCOPE_MAP, NULL, true, 200, line, sizeof line);
	cr_expect(strstr(line, "c cover") != NULL && strstr(line, "d delete") == NULL, "%s", line);
}

static bool reads_only(enum action a, void *unused)
{
	(void)unused;
	return !action_changes_records(a);
}

Test(keymap, hints_leave_out_what_the_login_may_not_do)
{
	struct keymap km;
	defaults(&km);
	char all[512], offered[512];
	unsigned spot = SCOPE_GLOBAL | SCOPE_LIST | SCOPE_SPOT;
	keymap_hints(&km, spot, NULL, true, 79, all, sizeof all);
	keymap_hints_offered(&km, spot, NULL, true, reads_only, NULL, 79, offered, sizeof offered);
	cr_expect(strstr(all, "a add") != NULL && strstr(all, "x export") == NULL, "%s", all);
	cr_expect(strstr(offered, "a add") == NULL && strstr(offered, "e edit") == NULL &&
	          strstr(offered, "d delete") == NULL, "%s", offered);
	/* The room they leave goes to the hints that did not fit. */
	cr_expect(strstr(offered, "x export") != NULL, "%s", offered);
	cr_expect(strstr(offered, "Enter open") != NULL && strstr(offered, "q quit") != NULL, "%s",
	          offered);
}

/* ---- the tab table and the title bar ---------------------------------- */

Test(tabs, each_role_opens_on_its_first_tab)
{
	cr_expect_eq(tab_first_for(ROLE_ADMIN), TAB_CONTRACTS);
	cr_expect_eq(tab_first_for(ROLE_TEAMLEAD), TAB_GROWTH);
	/* Caseworkers start on Children. */
	cr_expect_eq(tab_first_for(ROLE_CASEWORKER), TAB_CHILDREN);
	cr_expect(tab_seen_by(TAB_CHILDREN, ROLE_CASEWORKER));
	enum tab_id last = (enum tab_id)(TAB_COUNT - 1);
	cr_expect_eq(tab_step(last, +1, ROLE_ADMIN), TAB_CONTRACTS, "Tab wraps round");
	cr_expect_eq(tab_step(TAB_CONTRACTS, -1, ROLE_ADMIN), last);
}

/* Thirteen tabs, the planned ones, as tabs.h's key plan gives them. */
static const struct tab_info thirteen[] = {
	{"", "Contracts", "Contr", "1", NULL, 0, 0}, {"", "Providers", "Prov", "2", NULL, 0, 0},
	{"", "Coverage", "Cover", "3", NULL, 0, 0}, {"", "Spot purchases", "Spot", "4", NULL, 0, 0},
	{"", "Growth", "Growth", "5", NULL, 0, 0}, {"", "Children", "Child", "6", NULL, 0, 0},
	{"", "Provision", "Prov", "7", NULL, 0, 0}, {"", "Due", "Due", "8", NULL, 0, 0},
	{"", "Personal budgets", "Budget", "9", NULL, 0, 0}, {"", "Returns", "Ret", "0", NULL, 0, 0},
	{"", "Reports", "Rep", "F5", NULL, 0, 0}, {"", "Users", "Users", "F6", NULL, 0, 0},
	{"", "Audit", "Audit", "F7", NULL, 0, 0},
};

Test(tabs, thirteen_tabs_fit_an_80_column_bar)
{
	const struct tab_info *tabs[13];
	const char *keys[13];
	for (int i = 0; i < 13; i++) {
		tabs[i] = &thirteen[i];
		keys[i] = thirteen[i].key;
	}
	/* 80 columns less " sendesk " and a login such as " jsmith (teamlead) ". */
	int width = 80 - 9 - 19;
	for (int current = 0; current < 13; current++) {
		struct tab_label labels[13];
		int used = tab_layout(tabs, keys, 13, current, width, labels);
		cr_expect_leq(used, width, "current %d", current);
		int sum = 0;
		for (int i = 0; i < 13; i++) {
			sum += labels[i].width;
			cr_expect_eq(labels[i].width, (int)strlen(labels[i].text));
			cr_expect(strstr(labels[i].text, keys[i]) != NULL, "tab %d shows its key: '%s'", i,
			          labels[i].text);
			cr_expect_eq(labels[i].text[0] == '[', i == current, "'%s'", labels[i].text);
		}
		cr_expect_eq(sum, used);
		const char *name = labels[current].text;
		cr_expect(strstr(name, thirteen[current].short_title) != NULL ||
		          strstr(name, thirteen[current].title) != NULL, "current named: '%s'", name);
		cr_expect_eq(name[strlen(name) - 1], ']', "'%s'", name);
	}
	/* At 100 columns there is room for more names, never a cut one. */
	struct tab_label labels[13];
	int used = tab_layout(tabs, keys, 13, 6, 100 - 9 - 19, labels);
	cr_expect_leq(used, 100 - 9 - 19);
	for (int i = 0; i < 13; i++)
		cr_expect(strstr(labels[i].text, "Childr ") == NULL && strstr(labels[i].text, "Childr]") == NULL);
	/* Full titles when they fit. */
	used = tab_layout(tabs, keys, 5, 3, 200, labels);
	cr_expect_str_eq(labels[3].text, "[4 Spot purchases]");
	cr_expect_str_eq(labels[0].text, " 1 Contracts ");
}
