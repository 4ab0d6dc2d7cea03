#include "core/date.h"

#include <stdio.h>
#include <time.h>

/* Days in the 400-year Gregorian cycle, and the day number of 0000-03-01
 * below 1970-01-01: the closed forms count years from March so that the
 * leap day is the last day of its year and needs no special case. */
#define DAYS_PER_ERA 146097
#define EPOCH_SHIFT 719468

static const char NOT_A_DATE[] = "not a date (use YYYY-MM-DD or DD/MM/YYYY)";
static const char NOT_A_MONTH[] = "not a month (use YYYY-MM)";

static void set_reason(const char **reason, const char *text)
{
	if (reason != NULL)
		*reason = text;
}

bool date_is_leap_year(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int date_days_in_month(int year, int month)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (month < 1 || month > 12)
		return 0;
	if (month == 2 && date_is_leap_year(year))
		return 29;
	return days[month - 1];
}

/* Valid means a real day in the years the application accepts, so that
 * callers checking user input need only this one test. */
bool date_valid_ymd(int year, int month, int day)
{
	if (year < DATE_MIN_YEAR || year > DATE_MAX_YEAR)
		return false;
	return day >= 1 && day <= date_days_in_month(year, month);
}

day_t date_from_ymd(int year, int month, int day)
{
	int y = month <= 2 ? year - 1 : year;
	int era = (y >= 0 ? y : y - 399) / 400;
	int year_of_era = y - era * 400;
	int month_from_march = month > 2 ? month - 3 : month + 9;
	int day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
	int day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100
	                 + day_of_year;

	return (day_t)(era * DAYS_PER_ERA + day_of_era - EPOCH_SHIFT);
}

void date_to_ymd(day_t d, int *year, int *month, int *day)
{
	int z = (int)d + EPOCH_SHIFT;
	int era = (z >= 0 ? z : z - (DAYS_PER_ERA - 1)) / DAYS_PER_ERA;
	int day_of_era = z - era * DAYS_PER_ERA;
	/* Undo the leap-day counts of the 4-, 100- and 400-year cycles before
	 * dividing, so that 365 divides evenly. */
	int year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524
	                   - day_of_era / (DAYS_PER_ERA - 1)) / 365;
	int day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4
	                                - year_of_era / 100);
	int month_from_march = (5 * day_of_year + 2) / 153;
	int m = month_from_march < 10 ? month_from_march + 3 : month_from_march - 9;

	*year = year_of_era + era * 400 + (m <= 2 ? 1 : 0);
	*month = m;
	*day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Reads exactly n digits; the caller has checked they are there. */
static int digits_value(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* Counts the digits at s, stopping at max + 1 so that an overlong run is
 * seen as too long without reading further. */
static int digit_run(const char *s, int max)
{
	int n = 0;

	while (n <= max && is_digit(s[n]))
		n++;
	return n;
}

static bool scan_iso(const char *s, int *y, int *m, int *d)
{
	if (digit_run(s, 4) != 4 || s[4] != '-'
	    || digit_run(s + 5, 2) != 2 || s[7] != '-'
	    || digit_run(s + 8, 2) != 2 || s[10] != '\0')
		return false;
	*y = digits_value(s, 4);
	*m = digits_value(s + 5, 2);
	*d = digits_value(s + 8, 2);
	return true;
}

static bool scan_uk(const char *s, int *y, int *m, int *d)
{
	int nd = digit_run(s, 2);
	if (nd < 1 || nd > 2 || s[nd] != '/')
		return false;
	const char *sm = s + nd + 1;
	int nm = digit_run(sm, 2);
	if (nm < 1 || nm > 2 || sm[nm] != '/')
		return false;
	const char *sy = sm + nm + 1;
	if (digit_run(sy, 4) != 4 || sy[4] != '\0')
		return false;
	*d = digits_value(s, nd);
	*m = digits_value(sm, nm);
	*y = digits_value(sy, 4);
	return true;
}

/* The checks shared by dates and months, in the order that gives the
 * most useful reason. */
static bool check_year_month(int y, int m, const char **reason)
{
	if (y < DATE_MIN_YEAR || y > DATE_MAX_YEAR) {
		set_reason(reason, "year out of range");
		return false;
	}
	if (m < 1 || m > 12) {
		set_reason(reason, "no such month");
		return false;
	}
	return true;
}

bool date_parse(const char *text, day_t *out, const char **reason)
{
	int y, m, d;

	if (text == NULL || (!scan_iso(text, &y, &m, &d) && !scan_uk(text, &y, &m, &d))) {
		set_reason(reason, NOT_A_DATE);
		return false;
	}
	if (!check_year_month(y, m, reason))
		return false;
	if (!date_valid_ymd(y, m, d)) {
		set_reason(reason, "no such day");
		return false;
	}
	if (out != NULL)
		*out = date_from_ymd(y, m, d);
	return true;
}

void date_format(day_t d, char *buf)
{
	int y, m, dd;

	date_to_ymd(d, &y, &m, &dd);
	snprintf(buf, DATE_TEXT_MAX, "%04d-%02d-%02d", y, m, dd);
}

day_t date_today(void)
{
	time_t now = time(NULL);
	struct tm tm;

	if (localtime_r(&now, &tm) == NULL)
		return 0;
	return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

bool month_parse(const char *text, int *year, int *month, const char **reason)
{
	if (text == NULL || digit_run(text, 4) != 4 || text[4] != '-'
	    || digit_run(text + 5, 2) != 2 || text[7] != '\0') {
		set_reason(reason, NOT_A_MONTH);
		return false;
	}
	int y = digits_value(text, 4);
	int m = digits_value(text + 5, 2);
	if (!check_year_month(y, m, reason))
		return false;
	*year = y;
	*month = m;
	return true;
}
