#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "tui/keymap.h"

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
