/* test_fold.c: text folded for search, as both sides of a filter are. */
#include <criterion/criterion.h>
#include <stdio.h>
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

Test(fold, text_that_grows_when_folded_is_kept_whole)
{
	/* U+FDFA is eighteen letters once decomposed: the result outgrows
	 * the input, with ASCII on both sides. */
	char in[64], expected[160];
	snprintf(in, sizeof in, "AB\xEF\xB7\xBA" "CDEFGHIJ\xEF\xB7\xBA" "KLMNOP");
	size_t n = 0;
	char *out = fold_text(in, strlen(in), &n);
	cr_assert_not_null(out);
	char once[64];
	fold_into("\xEF\xB7\xBA", once, sizeof once);
	snprintf(expected, sizeof expected, "ab%scdefghij%sklmnop", once, once);
	cr_expect_str_eq(out, expected);
	cr_expect_eq(n, strlen(expected));
	cr_expect_gt(strlen(once), 30);
	free(out);
}
