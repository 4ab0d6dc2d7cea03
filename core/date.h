/* date.h: calendar dates as day numbers.
 *
 * A date is a count of days since 1970-01-01 (proleptic Gregorian), so
 * that "days between" and "inclusive of both ends" are plain arithmetic.
 * Text is ISO YYYY-MM-DD in the database and in exports; DD/MM/YYYY is
 * also read, because that is how people in England type dates. */
#ifndef SENDESK_DATE_H
#define SENDESK_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef int32_t day_t;

#define DATE_TEXT_MAX 11   /* "YYYY-MM-DD" and its NUL */
#define DATE_MIN_YEAR 1900
#define DATE_MAX_YEAR 2199

bool date_is_leap_year(int year);
int date_days_in_month(int year, int month);
bool date_valid_ymd(int year, int month, int day);

/* Day number of a valid year/month/day. */
day_t date_from_ymd(int year, int month, int day);
void date_to_ymd(day_t d, int *year, int *month, int *day);

/* Parses "YYYY-MM-DD" or "DD/MM/YYYY" (one or two digit day and month
 * are accepted in the second form).  Surrounding spaces are not.  Returns
 * false and sets *reason to a static phrase such as "not a date (use
 * YYYY-MM-DD)" or "no such day: 2023-02-30" on failure. */
bool date_parse(const char *text, day_t *out, const char **reason);

/* Writes "YYYY-MM-DD" into buf (at least DATE_TEXT_MAX bytes). */
void date_format(day_t d, char *buf);

/* Today in local time. */
day_t date_today(void);

/* Months as "YYYY-MM", for provider returns.  *year and *month are set. */
bool month_parse(const char *text, int *year, int *month, const char **reason);

#endif
