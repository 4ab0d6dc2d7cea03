#define _XOPEN_SOURCE_EXTENDED 1
#include "tui/keymap.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct action_info infos[ACT_COUNT] = {
	[ACT_NONE] = {"none", "", "", "", "", 0, 9},
#define ACTION_INFO(id, name, keys, scopes, group, help, hint, rank) \
	[id] = {name, keys, group, help, hint, scopes, rank},
	ACTIONS(ACTION_INFO)
#undef ACTION_INFO
#define TAB_ACTION_INFO(id, action, title, short_title, key, open, seen, first) \
	[ACT_##id] = {action, key, "Tabs", title, "", SCOPE_GLOBAL, 9},
	TABS(TAB_ACTION_INFO)
#undef TAB_ACTION_INFO
};

/* Names a config may still use for an action since renamed. */
static const struct {
	const char *old_name;
	enum action action;
} aliases[] = {
	{"screen-1", ACT_TAB_CONTRACTS}, {"screen-2", ACT_TAB_PROVIDERS},
	{"screen-3", ACT_TAB_COVERAGE}, {"screen-4", ACT_TAB_SPOT}, {"screen-5", ACT_TAB_GROWTH},
};

enum action action_of_tab(enum tab_id tab)
{
	return tab >= 0 && tab < TAB_COUNT ? (enum action)(ACT_TAB_FIRST + tab) : ACT_NONE;
}

int tab_of_action(enum action a)
{
	return a >= ACT_TAB_FIRST && a < ACT_TAB_FIRST + TAB_COUNT ? (int)(a - ACT_TAB_FIRST) : -1;
}

const struct action_info *action_info(enum action a)
{
	return &infos[a >= 0 && a < ACT_COUNT ? a : ACT_NONE];
}

struct named_key {
	const char *name;
	int key;
};

#define CODE(k) (KEY_CODE_BASE + (k))

static const struct named_key named_keys[] = {
	{"Enter", '\n'}, {"Esc", 27}, {"Tab", '\t'}, {"Space", ' '},
	{"BackTab", CODE(KEY_BTAB)}, {"Backspace", CODE(KEY_BACKSPACE)}, {"Delete", CODE(KEY_DC)},
	{"Up", CODE(KEY_UP)}, {"Down", CODE(KEY_DOWN)}, {"Left", CODE(KEY_LEFT)},
	{"Right", CODE(KEY_RIGHT)}, {"PgUp", CODE(KEY_PPAGE)}, {"PgDn", CODE(KEY_NPAGE)},
	{"Home", CODE(KEY_HOME)}, {"End", CODE(KEY_END)}, {"Insert", CODE(KEY_IC)},
};

int keymap_key_parse(const char *name, int *key)
{
	for (size_t i = 0; i < sizeof named_keys / sizeof named_keys[0]; i++)
		if (strcmp(name, named_keys[i].name) == 0) {
			*key = named_keys[i].key;
			return 0;
		}
	int f;
	char tail;
	if (sscanf(name, "F%d%c", &f, &tail) == 1 && f >= 1 && f <= 12) {
		*key = CODE(KEY_F(f));
		return 0;
	}
	if (name[0] == '^' && name[1] >= '@' && name[1] <= '_' && name[2] == '\0') {
		*key = name[1] - '@';
		return 0;
	}
	if (name[0] == '^' && name[1] >= 'a' && name[1] <= 'z' && name[2] == '\0') {
		*key = name[1] - 'a' + 1;
		return 0;
	}
	/* One printable character, which may be several bytes of UTF-8. */
	wchar_t wide[2];
	if (mbstowcs(wide, name, 2) == 1 && wide[0] > ' ') {
		*key = (int)wide[0];
		return 0;
	}
	return -1;
}

void keymap_key_name(int key, char *buf, size_t len)
{
	for (size_t i = 0; i < sizeof named_keys / sizeof named_keys[0]; i++)
		if (named_keys[i].key == key) {
			snprintf(buf, len, "%s", named_keys[i].name);
			return;
		}
	if (key >= CODE(KEY_F(1)) && key <= CODE(KEY_F(12)))
		snprintf(buf, len, "F%d", key - CODE(KEY_F(0)));
	else if (key > 0 && key < ' ')
		snprintf(buf, len, "^%c", key + '@');
	else if (key > ' ' && key < KEY_CODE_BASE)
		snprintf(buf, len, "%lc", (wint_t)key);
	else
		snprintf(buf, len, "key %d", key);
}

/* A key does one thing in a scope: binding it again takes it from an
 * action of the same scope, and it is listed after the action's other
 * keys, in the order given.  An action of a view's own scope may share a
 * key with a global one, which it then shadows in that view. */
static int bind(struct keymap *km, int key, enum action a)
{
	int kept = 0;
	for (int i = 0; i < km->count; i++)
		if (km->keys[i] != key || (infos[km->actions[i]].scopes & infos[a].scopes) == 0) {
			km->keys[kept] = km->keys[i];
			km->actions[kept++] = km->actions[i];
		}
	km->count = kept;
	if (km->count == KEYMAP_MAX_BINDINGS)
		return -1;
	km->keys[km->count] = key;
	km->actions[km->count++] = a;
	return 0;
}

static void unbind_action(struct keymap *km, enum action a)
{
	int kept = 0;
	for (int i = 0; i < km->count; i++)
		if (km->actions[i] != a) {
			km->keys[kept] = km->keys[i];
			km->actions[kept++] = km->actions[i];
		}
	km->count = kept;
}

/* Binds each key named in keys (space-separated) to a; on a bad name
 * returns -1 with it in bad. */
static int bind_names(struct keymap *km, const char *keys, enum action a, char *bad, size_t len)
{
	char copy[128];
	snprintf(copy, sizeof copy, "%s", keys);
	char *save = NULL;
	for (char *name = strtok_r(copy, " ", &save); name; name = strtok_r(NULL, " ", &save)) {
		int key;
		if (keymap_key_parse(name, &key) != 0 || bind(km, key, a) != 0) {
			snprintf(bad, len, "%s", name);
			return -1;
		}
	}
	return 0;
}

static enum action action_named(const char *name)
{
	for (int a = 1; a < ACT_COUNT; a++)
		if (strcmp(infos[a].name, name) == 0)
			return (enum action)a;
	for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
		if (strcmp(aliases[i].old_name, name) == 0)
			return aliases[i].action;
	return ACT_NONE;
}

int keymap_init(struct keymap *km, const struct settings *cfg, struct error *err)
{
	char bad[64];
	km->count = 0;
	for (int a = 1; a < ACT_COUNT; a++)
		bind_names(km, infos[a].keys, (enum action)a, bad, sizeof bad);
	const char *file = cfg->source[0] ? cfg->source : "configuration";
	for (int i = 0; i < cfg->binding_count; i++) {
		const struct key_binding *b = &cfg->bindings[i];
		enum action a = action_named(b->action);
		if (a == ACT_NONE)
			return error_set(err, EX_CONFIG, "%s:%d: keymap: no action '%s' (see the help screen)",
			                 file, b->line, b->action);
		unbind_action(km, a);
		if (bind_names(km, b->keys, a, bad, sizeof bad) != 0)
			return error_set(err, EX_CONFIG, "%s:%d: keymap: %s: no key named '%s'", file,
			                 b->line, b->action, bad);
	}
	return 0;
}

enum action keymap_lookup_in(const struct keymap *km, int key, unsigned scopes)
{
	enum action global = ACT_NONE;
	for (int i = 0; i < km->count; i++) {
		unsigned of = infos[km->actions[i]].scopes;
		if (km->keys[i] != key)
			continue;
		if (of & scopes & ~(unsigned)SCOPE_GLOBAL)
			return km->actions[i];
		if ((of & SCOPE_GLOBAL) && global == ACT_NONE)
			global = km->actions[i];
	}
	return global;
}

enum action keymap_lookup(const struct keymap *km, int key)
{
	return keymap_lookup_in(km, key, SCOPE_ALL);
}

/* The actions a view's hints name: its list, or its scopes' actions. */
static int hinted_actions(unsigned scopes, const enum action *listed, enum action *out)
{
	int n = 0;
	if (listed) {
		for (; *listed != ACT_NONE && n < ACT_COUNT; listed++)
			out[n++] = *listed;
		return n;
	}
	for (int a = 1; a < ACT_COUNT; a++)
		if ((infos[a].scopes & scopes & ~(unsigned)SCOPE_GLOBAL) && infos[a].hint[0])
			out[n++] = (enum action)a;
	out[n++] = ACT_HELP;
	out[n++] = ACT_BACK;
	return n;
}

/* "F2 save": the action's first key and its word; false when unbound. */
static bool hint_text(const struct keymap *km, enum action a, bool at_root, char *buf, size_t len)
{
	char keys[64];
	keymap_describe(km, a, keys, sizeof keys);
	char *comma = strchr(keys, ',');
	if (comma)
		*comma = '\0';
	const char *word = a == ACT_BACK && at_root ? "quit" : infos[a].hint;
	if (keys[0] == '\0' || word[0] == '\0')
		return false;
	snprintf(buf, len, "%s %s", keys, word);
	return true;
}

int keymap_hints(const struct keymap *km, unsigned scopes, const enum action *listed,
                 bool at_root, int width, char *buf, size_t len)
{
	return keymap_hints_offered(km, scopes, listed, at_root, NULL, NULL, width, buf, len);
}

bool action_changes_records(enum action a)
{
	return a == ACT_ADD || a == ACT_EDIT || a == ACT_DELETE || a == ACT_RENEW;
}

int keymap_hints_offered(const struct keymap *km, unsigned scopes, const enum action *listed,
                         bool at_root, bool (*offered)(enum action a, void *ctx), void *ctx,
                         int width, char *buf, size_t len)
{
	enum action acts[ACT_COUNT + 2];
	char texts[ACT_COUNT + 2][160];
	bool shown[ACT_COUNT + 2];
	int n = hinted_actions(scopes, listed, acts);
	int used = 0;
	for (int i = 0; i < n; i++) {
		shown[i] = (offered == NULL || offered(acts[i], ctx)) &&
		           hint_text(km, acts[i], at_root, texts[i], sizeof texts[i]);
		if (shown[i])
			used += 2 + (int)strlen(texts[i]);
	}
	for (int rank = 9; rank > 1 && used > width; rank--)
		for (int i = n - 1; i >= 0 && used > width; i--)
			if (shown[i] && infos[acts[i]].rank == rank) {
				shown[i] = false;
				used -= 2 + (int)strlen(texts[i]);
			}
	size_t at = 0;
	buf[0] = '\0';
	for (int i = 0; i < n && at < len; i++)
		if (shown[i])
			at += (size_t)snprintf(buf + at, len - at, "%s%s", at ? "  " : " ", texts[i]);
	return used;
}

static bool is_text_key(int key)
{
	return key > ' ' && key < KEY_CODE_BASE;
}

void keymap_describe(const struct keymap *km, enum action a, char *buf, size_t len)
{
	keymap_describe_keys(km, a, true, buf, len);
}

void keymap_describe_keys(const struct keymap *km, enum action a, bool text_keys, char *buf,
                          size_t len)
{
	size_t used = 0;
	buf[0] = '\0';
	for (int i = 0; i < km->count && used < len; i++) {
		if (km->actions[i] != a || (!text_keys && is_text_key(km->keys[i])))
			continue;
		char name[32];
		keymap_key_name(km->keys[i], name, sizeof name);
		used += (size_t)snprintf(buf + used, len - used, "%s%s", used ? ", " : "", name);
	}
}
