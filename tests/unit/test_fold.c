/* test_fold.c: text folded for search, as both sides of a filter are. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "util/fold.h"

static const char *folded(const char *text)
{
	static char buf[256];
	return fold_into(text, buf, sizeof buf);
}

Test(fold, accents_and_case_go)
{
	cr_expect_str_eq(folded("Zoë"), "zoe");
	cr_expect_str_eq(folded("ZOË"), "zoe");
	cr_expect_str_eq(folded("Ångström Café"), "angstrom cafe");
	cr_expect_str_eq(folded("Siân O'Brien-Núñez"), "sian o'brien-nunez");
}

Test(fold, compatibility_forms_and_sharp_s_are_spelled_out)
{
	cr_expect_str_eq(folded("Straße"), "strasse");
	cr_expect_str_eq(folded("ﬁle"), "file");
}

Test(fold, ascii_is_lowered_and_kept_whole)
{
	cr_expect_str_eq(folded("CH-0001 Lee ASHBY 50%_x"), "ch-0001 lee ashby 50%_x");
	size_t n = 0;
	char *out = fold_text("AB", 2, &n);
	cr_assert_not_null(out);
	cr_expect_eq(n, 2);
	cr_expect_str_eq(out, "ab");
	free(out);
}

Test(fold, bytes_that_are_not_utf8_are_kept)
{
	cr_expect_str_eq(folded("A\xff" "B"), "a\xff" "b");
}

Test(fold, a_short_buffer_cuts_between_characters)
{
	char buf[4];
	/* "éé" folds to "ee"; "ñññ" would be cut inside a character without care. */
	fold_into("ÉÉ", buf, sizeof buf);
	cr_expect_str_eq(buf, "ee");
	fold_into("中中", buf, sizeof buf);
	cr_expect_str_eq(buf, "中");
}
