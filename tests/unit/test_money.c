#include <criterion/criterion.h>
#include <string.h>

#include "core/money.h"

#define POUND "\xC2\xA3"

static int64_t parse_ok(const char *text)
{
	int64_t pence = -1;
	const char *reason = NULL;

	cr_assert(money_parse(text, &pence, &reason), "\"%s\" refused: %s", text,
	          reason ? reason : "?");
	return pence;
}

static const char *parse_refused(const char *text)
{
	int64_t pence = 777;
	const char *reason = NULL;

	cr_assert_not(money_parse(text, &pence, &reason), "\"%s\" accepted as %lld", text,
	              (long long)pence);
	cr_assert_eq(pence, 777, "\"%s\": output written on failure", text);
	cr_assert_not_null(reason);
	return reason;
}

Test(money, parse_plain_pounds_and_pence)
{
	cr_assert_eq(parse_ok("1234"), 123400);
	cr_assert_eq(parse_ok("1234.5"), 123450);
	cr_assert_eq(parse_ok("1234.50"), 123450);
	cr_assert_eq(parse_ok("1234.05"), 123405);
	cr_assert_eq(parse_ok("0"), 0);
	cr_assert_eq(parse_ok("0.00"), 0);
	cr_assert_eq(parse_ok("0.5"), 50);
	cr_assert_eq(parse_ok("0.50"), 50);
	cr_assert_eq(parse_ok("0.01"), 1);
	cr_assert_eq(parse_ok("1134984"), 113498400);
	cr_assert_eq(parse_ok("1134984.50"), 113498450);
	/* Leading zeros carry no ambiguity, so spreadsheet text columns pass. */
	cr_assert_eq(parse_ok("007"), 700);
}

Test(money, parse_pound_sign_and_commas)
{
	cr_assert_eq(parse_ok(POUND "1,234.50"), 123450);
	cr_assert_eq(parse_ok(POUND "1,134,984.50"), 113498450);
	cr_assert_eq(parse_ok("1,234,567.89"), 123456789);
	cr_assert_eq(parse_ok(POUND "752,905"), 75290500);
	cr_assert_eq(parse_ok(POUND "0.05"), 5);
	cr_assert_eq(parse_ok("999"), 99900);
	cr_assert_eq(parse_ok("1,000"), 100000);
	cr_assert_eq(parse_ok("12,345"), 1234500);
	cr_assert_eq(parse_ok("123,456"), 12345600);
}

Test(money, parse_limits)
{
	cr_assert_eq(parse_ok("1000000000"), MONEY_MAX_PENCE);
	cr_assert_eq(parse_ok(POUND "1,000,000,000.00"), MONEY_MAX_PENCE);
	cr_assert_eq(parse_ok("999999999.99"), MONEY_MAX_PENCE - 1);
	cr_assert_str_eq(parse_refused("1000000000.01"), "too large");
	cr_assert_str_eq(parse_refused("1000000001"), "too large");
	cr_assert_str_eq(parse_refused("10000000000"), "too large");
	cr_assert_str_eq(parse_refused("99999999999999999999999999999999999999.99"), "too large");
	cr_assert_str_eq(parse_refused("9,223,372,036,854,775,807"), "too large");
	cr_assert_str_eq(parse_refused("18446744073709551617"), "too large");
	/* Around the digit counts where pounds times 100 would leave int64. */
	cr_assert_str_eq(parse_refused("92233720368547758"), "too large");
	cr_assert_str_eq(parse_refused("922337203685477580"), "too large");
	cr_assert_str_eq(parse_refused("999999999999999999.99"), "too large");
	cr_assert_str_eq(parse_refused("9223372036854775807"), "too large");
}

Test(money, parse_overflow_with_many_digits)
{
	char big[4096];

	memset(big, '9', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	cr_assert_str_eq(parse_refused(big), "too large");
	/* Many digits then junk: the syntax error wins over the size. */
	big[sizeof big - 2] = 'x';
	cr_assert_str_eq(parse_refused(big), "not an amount");
}

Test(money, parse_refuses_negative)
{
	cr_assert_str_eq(parse_refused("-5"), "negative amounts are not allowed");
	cr_assert_str_eq(parse_refused("-0.50"), "negative amounts are not allowed");
	cr_assert_str_eq(parse_refused("-" POUND "12.00"), "negative amounts are not allowed");
	cr_assert_str_eq(parse_refused(POUND "-12"), "negative amounts are not allowed");
	cr_assert_str_eq(parse_refused("-1,234"), "negative amounts are not allowed");
}

Test(money, parse_refuses_more_than_two_decimals)
{
	cr_assert_str_eq(parse_refused("1.234"), "more than two decimal places");
	cr_assert_str_eq(parse_refused("0.001"), "more than two decimal places");
	cr_assert_str_eq(parse_refused(POUND "1,234.500"), "more than two decimal places");
}

Test(money, parse_refuses_malformed)
{
	static const char *const bad[] = {
		"", POUND, "abc", "1e5", " 12", "12 ", "1,23", "12,34,567", "1234,567",
		"1,2345", ",123", "1,", "1,234,", "1,,234", ".5", ".50", "5.", "1.2.3",
		"1.5x", "+5", "-", "-abc", POUND POUND "5", "5" POUND, "\xC2" "5",
		"1 234", "0x10", "1_000", "12.3,4", "1.,5", "nan", "\xA3" "5",
	};

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		cr_assert_str_eq(parse_refused(bad[i]), "not an amount", "\"%s\"", bad[i]);
	const char *reason = NULL;
	int64_t pence;
	cr_assert_not(money_parse(NULL, &pence, &reason));
	cr_assert_str_eq(reason, "not an amount");
}

Test(money, parse_tolerates_null_reason)
{
	int64_t pence = 0;

	cr_assert_not(money_parse("abc", &pence, NULL));
	cr_assert(money_parse("1.5", &pence, NULL));
	cr_assert_eq(pence, 150);
}

struct format_case {
	int64_t pence;
	const char *pretty, *plain;
};

Test(money, format)
{
	static const struct format_case cases[] = {
		{ 0, POUND "0.00", "0.00" },
		{ 5, POUND "0.05", "0.05" },
		{ 50, POUND "0.50", "0.50" },
		{ 100, POUND "1.00", "1.00" },
		{ 99999, POUND "999.99", "999.99" },
		{ 100000, POUND "1,000.00", "1000.00" },
		{ 123450, POUND "1,234.50", "1234.50" },
		{ 123456789, POUND "1,234,567.89", "1234567.89" },
		{ 113498450, POUND "1,134,984.50", "1134984.50" },
		{ 152658600, POUND "1,526,586.00", "1526586.00" },
		{ MONEY_MAX_PENCE, POUND "1,000,000,000.00", "1000000000.00" },
		{ -1200, "-" POUND "12.00", "-12.00" },
		{ -5, "-" POUND "0.05", "-0.05" },
		{ -123456789, "-" POUND "1,234,567.89", "-1234567.89" },
		{ INT64_MAX, POUND "92,233,720,368,547,758.07", "92233720368547758.07" },
		{ INT64_MIN, "-" POUND "92,233,720,368,547,758.08", "-92233720368547758.08" },
	};
	char buf[MONEY_TEXT_MAX];

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		money_format(cases[i].pence, buf);
		cr_assert_str_eq(buf, cases[i].pretty);
		cr_assert(strlen(buf) < MONEY_TEXT_MAX);
		money_format_plain(cases[i].pence, buf);
		cr_assert_str_eq(buf, cases[i].plain);
	}
}

/* What is written is read back unchanged, in both forms. */
Test(money, format_parse_round_trip)
{
	char buf[MONEY_TEXT_MAX];
	uint64_t x = 12345;

	for (int i = 0; i < 20000; i++) {
		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		int64_t pence = (int64_t)((x >> 11) % (uint64_t)(MONEY_MAX_PENCE + 1));
		if (i % 4 == 0)
			pence %= 100000;   /* plenty of small amounts too */
		money_format(pence, buf);
		cr_assert_eq(parse_ok(buf), pence, "%s", buf);
		money_format_plain(pence, buf);
		cr_assert_eq(parse_ok(buf), pence, "%s", buf);
	}
}
