#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "tests/support/fixture.h"

Test(fixture, demo_database_has_the_seed_providers)
{
	struct fixture f;
	fixture_init(&f, true);
	char *csv = fixture_export(&f, "providers");
	cr_expect(strstr(csv, "EKHUFT,") != NULL, "%s", csv);
	cr_expect(strstr(csv, "KCHFT,") != NULL, "%s", csv);
	free(csv);
	fixture_done(&f);
}
