/* test_e2e_search.c: filter-as-you-type as a person sees it.  The typed
 * text shows as it is typed, the rows that match follow with their count,
 * keys typed ahead of the rows (a ref, then Enter, Enter) act on the
 * rows the whole text finds, and the child picker finds a child the
 * same way. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screen.h"

TestSuite(search, E2E_FIXTURE);

static long count_of(const char *query)
{
	return strtol(sql(query), NULL, 10);
}

/* The rows on screen between the column titles and the footer, each
 * holding text. */
static void assert_rows_hold(struct screen *s, const char *title_line, const char *text)
{
	const char *screen = screen_last(s);
	const char *line = strstr(screen, title_line);
	cr_assert(line, "no \"%s\" on:\n%s", title_line, screen);
	line = strchr(line, '\n');
	int rows = 0;
	while (line && line[1] && strncmp(line + 1, " filter:", 8) != 0) {
		const char *end = strchr(line + 1, '\n');
		int len = end ? (int)(end - line - 1) : (int)strlen(line + 1);
		if (len > 0 && strspn(line + 1, " ") < (size_t)len) {
			char row[256];
			snprintf(row, sizeof row, "%.*s", len, line + 1);
			cr_expect(strstr(row, text), "a row without \"%s\": %s\n%s", text, row, screen);
			rows++;
		}
		line = end;
	}
	cr_expect_gt(rows, 0, "no rows under \"%s\":\n%s", title_line, screen);
}

Test(search, typed_text_shows_at_once_and_the_matching_rows_follow)
{
	/* A demo family name, in several children's names. */
	const char *family = sql("SELECT last_name FROM children GROUP BY last_name "
	                         "HAVING count(*) > 1 ORDER BY count(*) DESC, last_name LIMIT 1");
	char name[64];
	snprintf(name, sizeof name, "%.*s", (int)strcspn(family, "\n"), family);
	long named = count_of(text_printf("SELECT count(*) FROM children WHERE last_name = '%s'", name));
	cr_assert_gt(named, 1);

	struct screen *s = screen_start(NULL);
	assert_screen(s, "records");
	screen_keys(s, "6", NULL);
	assert_screen(s, "[6 Children]");
	screen_keys(s, "/", NULL);
	assert_screen(s, "filter: _");
	screen_type(s, name);
	assert_screen(s, text_printf("filter: %s_", name));
	/* The rows and their count follow; "searching" is gone. */
	assert_screen(s, text_printf("%ld records", named));
	assert_screen_gone(s, "searching");
	assert_rows_hold(s, "Ref", name);

	/* Shorter: Backspace widens it again, by the same search. */
	screen_keys(s, "BSpace", "BSpace", NULL);
	char shorter[64];
	snprintf(shorter, sizeof shorter, "%.*s", (int)strlen(name) - 2, name);
	assert_screen(s, text_printf("filter: %s_", shorter));
	assert_screen_gone(s, "searching");
	assert_rows_hold(s, "Ref", shorter);

	/* Typed ahead: the filter replaced by a ref, Enter keeps it, Enter
	 * opens the child the whole ref finds, sent at once. */
	screen_keys(s, "Escape", "/", NULL);
	screen_type(s, "CH-0002");
	screen_keys(s, "Enter", "Enter", NULL);
	assert_screen(s, "Therapy entries");
	const char *child = sql("SELECT last_name FROM children WHERE ref = 'CH-0002'");
	cr_assert(screen_has(s, text_printf("%.*s", (int)strcspn(child, "\n"), child)),
	          "CH-0002's record is not the one open:\n%s", screen_last(s));
	screen_keys(s, "q", "Escape", NULL);
	assert_screen_gone(s, "Therapy entries");

	/* The child picker: F4 on Provision, the ref typed, Enter at once. */
	screen_keys(s, "7", NULL);
	assert_screen(s, "records");
	screen_keys(s, "F4", NULL);
	assert_screen(s, "Choose a child");
	screen_type(s, "CH-0003");
	assert_screen(s, "Type part of a key or name: CH-0003");
	assert_screen(s, "1 found");
	screen_keys(s, "BSpace", NULL);
	screen_type(s, "3");
	screen_keys(s, "Enter", NULL);
	assert_screen(s, "Only: child CH-0003");
}
