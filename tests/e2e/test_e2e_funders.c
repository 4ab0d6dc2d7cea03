/* test_e2e_funders.c: a pooled service on the screens.  On the day the
 * demo's KM CAT service was in force, the coverage map shows assistive
 * technology covered in Swale by a service, in words, while Swale's
 * therapy assistants stay a gap; KM CAT's record gives the council's
 * share, the other funders' and the total, and lists its four funders.
 * Run as test_tui.c is (see there). */
#include <stdio.h>
#include <string.h>

#include "screen.h"

TestSuite(funders, E2E_FIXTURE);

Test(funders, the_map_and_the_record_show_a_pooled_service)
{
	struct screen *s = screen_start(NULL);
	assert_screen(s, "7 records");
	screen_keys(s, "3", NULL);
	assert_screen(s, "Coverage of Speech and language therapy");
	/* slt, ot, pt, then at. */
	screen_keys(s, "t", NULL);
	assert_screen(s, "Coverage of Occupational therapy");
	screen_keys(s, "t", NULL);
	assert_screen(s, "Coverage of Physiotherapy");
	screen_keys(s, "t", NULL);
	assert_screen(s, "Coverage of Assistive technology");
	screen_keys(s, "o", NULL);
	assert_screen(s, "Day:");
	screen_type(s, "2023-10-01");
	screen_keys(s, "Enter", NULL);
	assert_screen(s, "on Sunday 1 October 2023");
	assert_screen(s, "Swale (at): covered by KMCAT-2023 (KMCAT), a pooled service");
	const char *tile = screen_below(s, "SWA Swale", 1, -1, 15);
	cr_expect(strstr(tile, "service") != NULL, "Swale's tile says \"%s\":\n%s", tile,
	          screen_last(s));
	assert_screen(s, "service: a pooled service");
	/* No tile is a gap: a tile's word stands on its own. */
	assert_screen_lacks(s, "\u2502GAP ");
	/* The next therapy on the same day: no contract covers Swale. */
	screen_keys(s, "t", NULL);
	assert_screen(s, "Coverage of Therapy assistant");
	assert_screen(s, "Swale (assistant): GAP");

	/* KM CAT's record: the split, then its funders. */
	screen_keys(s, "1", NULL);
	assert_screen(s, "7 records");
	screen_keys(s, "G", NULL);
	assert_screen(s, "> KMCAT-2023");
	screen_keys(s, "Enter", NULL);
	assert_screen(s, "Contract KMCAT-2023");
	assert_line(s, "Council's share", "£870,000.00");
	assert_line(s, "Other funders", "£1,210,000.00");
	assert_line(s, "Total", "£2,080,000.00");
	static const char *const lists[] = {
		"Value history, with sources (1) *", "Districts and therapies covered (12) *",
		"Staffing funded (% of posts, full-time equivalents) (0) *", "Funders (annual amounts) (4) *",
	};
	for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++) {
		screen_keys(s, "Tab", NULL);
		assert_screen(s, lists[i]);
	}
	assert_line(s, "NHS Kent and Medway", "£860,000.00");
	assert_line(s, "Kent County Council", "yes");
	int status = screen_stop(s);
	cr_assert_eq(status, 0, "sendesk ended with status %d after Q", status);
}
