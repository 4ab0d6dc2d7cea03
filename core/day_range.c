#include "core/day_range.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#define PART_MAX 32

static day_t first_day(void)
{
	return date_from_ymd(DATE_MIN_YEAR, 1, 1);
}

static day_t last_day(void)
{
	return date_from_ymd(DATE_MAX_YEAR, 12, 31);
}

/* Copies text[0, len) into buf without the spaces at either end. */
static void trimmed(const char *text, size_t len, char *buf, size_t size)
{
	while (len > 0 && isspace((unsigned char)*text)) {
		text++;
		len--;
	}
	while (len > 0 && isspace((unsigned char)text[len - 1]))
		len--;
	if (len >= size)
		len = size - 1;
	memcpy(buf, text, len);
	buf[len] = '\0';
}

static bool all_digits(const char *s, size_t n)
{
	if (strlen(s) != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return true;
}

/* One part: a year, a month or a day, as the days it spans. */
static bool parse_part(const char *part, day_t *from, day_t *to, char *why, size_t len)
{
	const char *reason = NULL;
	int year, month;
	if (all_digits(part, 4)) {
		if (sscanf(part, "%d", &year) != 1 || year < DATE_MIN_YEAR || year > DATE_MAX_YEAR) {
			snprintf(why, len, "%s: not a year from %d to %d", part, DATE_MIN_YEAR, DATE_MAX_YEAR);
			return false;
		}
		*from = date_from_ymd(year, 1, 1);
		*to = date_from_ymd(year, 12, 31);
		return true;
	}
	if (strlen(part) == 7 && part[4] == '-') {
		if (!month_parse(part, &year, &month, &reason)) {
			snprintf(why, len, "%s: %s", part, reason);
			return false;
		}
		*from = date_from_ymd(year, month, 1);
		*to = date_from_ymd(year, month, date_days_in_month(year, month));
		return true;
	}
	if (!date_parse(part, from, &reason)) {
		snprintf(why, len, "%s: %s", part, reason);
		return false;
	}
	*to = *from;
	return true;
}

bool day_range_parse(const char *text, day_t *from, day_t *to, char *why, size_t len)
{
	char left[PART_MAX], right[PART_MAX];
	const char *dots = strstr(text, "..");
	day_t ignored;
	if (dots == NULL) {
		trimmed(text, strlen(text), left, sizeof left);
		if (left[0] == '\0') {
			snprintf(why, len, "no dates: type 2026-09-01..2026-11-30, 2026-11 or 2026");
			return false;
		}
		return parse_part(left, from, to, why, len);
	}
	trimmed(text, (size_t)(dots - text), left, sizeof left);
	trimmed(dots + 2, strlen(dots + 2), right, sizeof right);
	if (left[0] == '\0' && right[0] == '\0') {
		snprintf(why, len, "a date is needed on at least one side of ..");
		return false;
	}
	*from = first_day();
	*to = last_day();
	if (left[0] && !parse_part(left, from, &ignored, why, len))
		return false;
	if (right[0] && !parse_part(right, &ignored, to, why, len))
		return false;
	if (*to < *from) {
		snprintf(why, len, "the range ends before it starts");
		return false;
	}
	return true;
}

void day_range_text(day_t from, day_t to, char *buf, size_t len)
{
	char a[DATE_TEXT_MAX], b[DATE_TEXT_MAX];
	int y1, m1, d1, y2, m2, d2;
	date_to_ymd(from, &y1, &m1, &d1);
	date_to_ymd(to, &y2, &m2, &d2);
	date_format(from, a);
	date_format(to, b);
	bool open_start = from <= first_day(), open_end = to >= last_day();
	if (open_start && open_end)
		snprintf(buf, len, "any date");
	else if (open_start)
		snprintf(buf, len, "up to %s", b);
	else if (open_end)
		snprintf(buf, len, "from %s", a);
	else if (from == to)
		snprintf(buf, len, "%s", a);
	else if (y1 == y2 && m1 == 1 && d1 == 1 && m2 == 12 && d2 == 31)
		snprintf(buf, len, "%d", y1);
	else if (y1 == y2 && m1 == m2 && d1 == 1 && d2 == date_days_in_month(y2, m2))
		snprintf(buf, len, "%.7s", a);
	else
		snprintf(buf, len, "%s..%s", a, b);
}
