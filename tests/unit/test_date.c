#include <criterion/criterion.h>
#include <string.h>

#include "core/date.h"

/* An independent statement of the Gregorian rule, so that the walk below
 * does not trust the code it checks. */
static int naive_days_in_month(int y, int m)
{
	if (m == 2) {
		bool leap = y % 400 == 0 || (y % 4 == 0 && y % 100 != 0);
		return leap ? 29 : 28;
	}
	return (m == 4 || m == 6 || m == 9 || m == 11) ? 30 : 31;
}

static day_t parse_ok(const char *text)
{
	day_t d = -999999;
	const char *reason = NULL;

	cr_assert(date_parse(text, &d, &reason), "%s refused: %s", text, reason ? reason : "?");
	return d;
}

static const char *parse_refused(const char *text)
{
	day_t d = 12345;
	const char *reason = NULL;

	cr_assert_not(date_parse(text, &d, &reason), "%s accepted", text);
	cr_assert_eq(d, 12345, "%s: output written on failure", text);
	cr_assert_not_null(reason, "%s: no reason", text);
	return reason;
}

Test(date, leap_years)
{
	cr_assert_not(date_is_leap_year(1900));
	cr_assert(date_is_leap_year(2000));
	cr_assert(date_is_leap_year(2024));
	cr_assert_not(date_is_leap_year(2023));
	cr_assert_not(date_is_leap_year(2100));
	cr_assert(date_is_leap_year(1904));
	cr_assert_eq(date_days_in_month(1900, 2), 28);
	cr_assert_eq(date_days_in_month(2000, 2), 29);
	cr_assert_eq(date_days_in_month(2024, 2), 29);
	cr_assert_eq(date_days_in_month(2023, 2), 28);
	cr_assert_eq(date_days_in_month(2023, 4), 30);
	cr_assert_eq(date_days_in_month(2023, 12), 31);
	cr_assert_eq(date_days_in_month(2023, 0), 0);
	cr_assert_eq(date_days_in_month(2023, 13), 0);
}

Test(date, valid_ymd)
{
	cr_assert(date_valid_ymd(2024, 2, 29));
	cr_assert_not(date_valid_ymd(2023, 2, 29));
	cr_assert_not(date_valid_ymd(1900, 2, 29));
	cr_assert(date_valid_ymd(2000, 2, 29));
	cr_assert_not(date_valid_ymd(2023, 4, 31));
	cr_assert_not(date_valid_ymd(2023, 1, 0));
	cr_assert_not(date_valid_ymd(2023, 0, 1));
	cr_assert_not(date_valid_ymd(2023, 13, 1));
	cr_assert(date_valid_ymd(DATE_MIN_YEAR, 1, 1));
	cr_assert(date_valid_ymd(DATE_MAX_YEAR, 12, 31));
	cr_assert_not(date_valid_ymd(DATE_MIN_YEAR - 1, 12, 31));
	cr_assert_not(date_valid_ymd(DATE_MAX_YEAR + 1, 1, 1));
}

Test(date, known_day_numbers)
{
	cr_assert_eq(date_from_ymd(1970, 1, 1), 0);
	cr_assert_eq(date_from_ymd(1969, 12, 31), -1);
	cr_assert_eq(date_from_ymd(1970, 1, 2), 1);
	/* 70 years of 365 days and 17 leap days (1904 to 1968). */
	cr_assert_eq(date_from_ymd(1900, 1, 1), -25567);
	cr_assert_eq(date_from_ymd(2000, 1, 1), 10957);
	cr_assert_eq(date_from_ymd(2000, 2, 29), 11016);
	cr_assert_eq(date_from_ymd(2000, 3, 1), 11017);
	cr_assert_eq(date_from_ymd(2024, 2, 29), 19782);
	cr_assert_eq(date_from_ymd(2023, 4, 1), 19448);
	cr_assert_eq(date_from_ymd(2199, 12, 31), 84005);
	cr_assert_eq(date_from_ymd(2200, 1, 1), 84006);
}

/* Every day from 1900 to 2199 against a plain counter, both ways. */
Test(date, round_trip_every_day)
{
	day_t expect = date_from_ymd(1900, 1, 1);
	long days = 0;

	for (int y = 1900; y <= 2199; y++) {
		for (int m = 1; m <= 12; m++) {
			for (int d = 1; d <= naive_days_in_month(y, m); d++) {
				day_t got = date_from_ymd(y, m, d);
				cr_assert_eq(got, expect, "%04d-%02d-%02d: %d, expected %d",
				             y, m, d, (int)got, (int)expect);
				int yy = 0, mm = 0, dd = 0;
				date_to_ymd(got, &yy, &mm, &dd);
				cr_assert(yy == y && mm == m && dd == d,
				          "%d -> %04d-%02d-%02d, expected %04d-%02d-%02d",
				          (int)got, yy, mm, dd, y, m, d);
				cr_assert(date_valid_ymd(y, m, d));
				expect++;
				days++;
			}
		}
	}
	/* 300 years: 300 * 365 plus 73 leap days (2000 leaps, 1900 and 2100 do not). */
	cr_assert_eq(days, 300L * 365 + 73);
}

Test(date, to_ymd_outside_the_supported_years)
{
	int y, m, d;

	date_to_ymd(date_from_ymd(1600, 2, 29), &y, &m, &d);
	cr_assert(y == 1600 && m == 2 && d == 29);
	date_to_ymd(date_from_ymd(2400, 12, 31), &y, &m, &d);
	cr_assert(y == 2400 && m == 12 && d == 31);
	date_to_ymd(-1, &y, &m, &d);
	cr_assert(y == 1969 && m == 12 && d == 31);
}

Test(date, parse_iso)
{
	cr_assert_eq(parse_ok("2023-04-01"), 19448);
	cr_assert_eq(parse_ok("2024-02-29"), 19782);
	cr_assert_eq(parse_ok("2000-02-29"), 11016);
	cr_assert_eq(parse_ok("1900-01-01"), -25567);
	cr_assert_eq(parse_ok("2199-12-31"), 84005);
}

Test(date, parse_uk)
{
	cr_assert_eq(parse_ok("01/04/2023"), 19448);
	cr_assert_eq(parse_ok("1/4/2023"), 19448);
	cr_assert_eq(parse_ok("1/04/2023"), 19448);
	cr_assert_eq(parse_ok("01/4/2023"), 19448);
	cr_assert_eq(parse_ok("29/02/2024"), 19782);
	/* Day first: 2 April, not 4 February. */
	cr_assert_eq(parse_ok("2/4/2023"), date_from_ymd(2023, 4, 2));
	cr_assert_eq(parse_ok("31/12/2199"), 84005);
}

Test(date, parse_refuses_impossible_days)
{
	cr_assert_str_eq(parse_refused("2023-02-30"), "no such day");
	cr_assert_str_eq(parse_refused("2023-02-29"), "no such day");
	cr_assert_str_eq(parse_refused("1900-02-29"), "no such day");
	cr_assert_str_eq(parse_refused("29/02/2023"), "no such day");
	cr_assert_str_eq(parse_refused("31/04/2023"), "no such day");
	cr_assert_str_eq(parse_refused("2023-01-00"), "no such day");
	cr_assert_str_eq(parse_refused("0/1/2023"), "no such day");
	cr_assert_str_eq(parse_refused("2023-13-01"), "no such month");
	cr_assert_str_eq(parse_refused("2023-00-10"), "no such month");
	cr_assert_str_eq(parse_refused("1/13/2023"), "no such month");
}

Test(date, parse_refuses_years_out_of_range)
{
	cr_assert_str_eq(parse_refused("1899-12-31"), "year out of range");
	cr_assert_str_eq(parse_refused("2200-01-01"), "year out of range");
	cr_assert_str_eq(parse_refused("0000-01-01"), "year out of range");
	cr_assert_str_eq(parse_refused("01/01/1899"), "year out of range");
	cr_assert_str_eq(parse_refused("9999-99-99"), "year out of range");
}

Test(date, parse_refuses_malformed_text)
{
	static const char *const bad[] = {
		"", "2023", "2023-4-01", "2023-04-1", "23-04-01", "20230401",
		"2023-04-01 ", " 2023-04-01", "2023-04-01x", "2023-04-011",
		"2023/04/01", "01-04-2023", "01/04/23", "001/04/2023", "01/004/2023",
		"01/04/02023", "1/4/2023/", "//2023", "1//2023", "a/b/cdef",
		"2023-04-01T00:00", "+2023-04-01", "2023-04-0a", "01.04.2023",
	};

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		cr_assert_str_eq(parse_refused(bad[i]), "not a date (use YYYY-MM-DD or DD/MM/YYYY)",
		                 "\"%s\"", bad[i]);
	const char *reason = NULL;
	cr_assert_not(date_parse(NULL, NULL, &reason));
	cr_assert_not_null(reason);
}

Test(date, parse_tolerates_null_reason)
{
	day_t d;

	cr_assert_not(date_parse("2023-02-30", &d, NULL));
	cr_assert(date_parse("2023-02-28", &d, NULL));
	cr_assert_eq(d, date_from_ymd(2023, 2, 28));
}

Test(date, format)
{
	char buf[DATE_TEXT_MAX];

	date_format(0, buf);
	cr_assert_str_eq(buf, "1970-01-01");
	date_format(19782, buf);
	cr_assert_str_eq(buf, "2024-02-29");
	date_format(-25567, buf);
	cr_assert_str_eq(buf, "1900-01-01");
	date_format(84005, buf);
	cr_assert_str_eq(buf, "2199-12-31");
	date_format(parse_ok("5/9/2023"), buf);
	cr_assert_str_eq(buf, "2023-09-05");
}

Test(date, format_parse_round_trip)
{
	char buf[DATE_TEXT_MAX];

	for (day_t d = date_from_ymd(1900, 1, 1); d <= date_from_ymd(2199, 12, 31); d += 7) {
		date_format(d, buf);
		cr_assert_eq(strlen(buf), 10);
		cr_assert_eq(parse_ok(buf), d, "%s", buf);
	}
}

Test(date, today_is_plausible)
{
	day_t t = date_today();
	int y, m, d;

	date_to_ymd(t, &y, &m, &d);
	cr_assert(y >= 2024 && y <= DATE_MAX_YEAR, "today is %d", y);
	cr_assert(date_valid_ymd(y, m, d));
}

Test(date, month_parse)
{
	int y = 0, m = 0;
	const char *reason = NULL;

	cr_assert(month_parse("2023-04", &y, &m, &reason));
	cr_assert(y == 2023 && m == 4);
	cr_assert(month_parse("1900-12", &y, &m, &reason));
	cr_assert(y == 1900 && m == 12);

	y = m = -1;
	cr_assert_not(month_parse("2023-13", &y, &m, &reason));
	cr_assert_str_eq(reason, "no such month");
	cr_assert(y == -1 && m == -1, "output written on failure");
	cr_assert_not(month_parse("2023-00", &y, &m, &reason));
	cr_assert_str_eq(reason, "no such month");
	cr_assert_not(month_parse("2200-01", &y, &m, &reason));
	cr_assert_str_eq(reason, "year out of range");

	static const char *const bad[] = {
		"", "2023", "2023-4", "2023-004", "2023-04-01", "04/2023", "2023/04",
		" 2023-04", "2023-04 ", "202304",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		reason = NULL;
		cr_assert_not(month_parse(bad[i], &y, &m, &reason), "\"%s\" accepted", bad[i]);
		cr_assert_str_eq(reason, "not a month (use YYYY-MM)", "\"%s\"", bad[i]);
	}
}
