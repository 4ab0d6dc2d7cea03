/* test_text.c: text as the screen shows it, under a UTF-8 locale and
 * under one that shows only ASCII (LC_ALL=C). */
#include <criterion/criterion.h>
#include <string.h>

#include "tui/text.h"

static void reset(void)
{
	text_set_charset(TEXT_CHARSET_LOCALE);
}

TestSuite(text, .fini = reset);

static const char *fit(const char *text, int width, bool mark)
{
	static char buf[256];
	text_fit(text, width, mark, buf, sizeof buf);
	return buf;
}

Test(text, ascii_terminal_gets_fallbacks_not_blanks)
{
	text_set_charset(TEXT_CHARSET_ASCII);
	cr_expect_str_eq(fit("£752,905.00", 40, false), "GBP752,905.00");
	cr_expect_str_eq(fit("Ref ▲", 40, false), "Ref ^");
	cr_expect_str_eq(fit("Ref ▼", 40, false), "Ref v");
	cr_expect_str_eq(fit("Zoë Núñez", 40, false), "Zoe Nunez");
	cr_expect_str_eq(fit("Łódź Søren", 40, false), "Lodz Soren");
	/* Nothing disappears: what has no ASCII form is a question mark. */
	cr_expect_str_eq(fit("漢字", 40, false), "??");
	cr_expect_eq(tui_width("£12"), 5);
	cr_expect_not_null(text_locale_note());
}

Test(text, utf8_terminal_shows_text_as_it_is)
{
	text_set_charset(TEXT_CHARSET_UTF8);
	cr_expect_str_eq(fit("£752,905.00 Zoë ▲", 40, false), "£752,905.00 Zoë ▲");
	cr_expect_eq(tui_width("£12"), 3);
	cr_expect_eq(tui_width("漢字"), 4);
	cr_expect_null(text_locale_note());
}

Test(text, cut_text_is_marked)
{
	text_set_charset(TEXT_CHARSET_UTF8);
	cr_expect_str_eq(fit("unsigned;expired", 7, true), "unsign…");
	cr_expect_eq(text_fit("unsigned;expired", 7, true, NULL, 0), 7);
	/* Text that fits exactly is not marked. */
	cr_expect_str_eq(fit("unsigned", 8, true), "unsigned");
	/* A wide character that would straddle the mark goes whole. */
	cr_expect_str_eq(fit("ab漢字", 4, true), "ab…");
	cr_expect_str_eq(fit("unsigned", 7, false), "unsigne");
	text_set_charset(TEXT_CHARSET_ASCII);
	cr_expect_str_eq(fit("unsigned;expired", 7, true), "unsign~");
	cr_expect_str_eq(fit("£752,905.00", 6, true), "GBP75~");
}

Test(text, control_characters_are_spaces)
{
	text_set_charset(TEXT_CHARSET_UTF8);
	cr_expect_str_eq(fit("a\tb\nc", 10, false), "a b c");
}
