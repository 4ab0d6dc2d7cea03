#include "core/period.h"

#include <stdbool.h>
#include <stdio.h>
#include <strings.h>

int period_kind_parse(const char *text, enum period_kind *out)
{
	static const struct {
		const char *name;
		enum period_kind kind;
	} names[] = {
		{ "financial", PERIOD_FINANCIAL },
		{ "academic", PERIOD_ACADEMIC },
		{ "calendar", PERIOD_CALENDAR },
	};

	if (text == NULL)
		return -1;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (strcasecmp(text, names[i].name) == 0) {
			*out = names[i].kind;
			return 0;
		}
	}
	return -1;
}

/* A start month outside 1-12 would make every period ill-formed, so it
 * falls back to the usual English one rather than failing: callers take
 * it from configuration that has already been checked. */
static int first_month(enum period_kind kind, int start_month)
{
	if (kind == PERIOD_CALENDAR)
		return 1;
	if (start_month >= 1 && start_month <= 12)
		return start_month;
	return kind == PERIOD_ACADEMIC ? 9 : 4;
}

/* "2019-20" or "2019/20" for a year that runs into the next; a year that
 * starts in January is just "2019", whatever its kind. */
static void make_label(enum period_kind kind, int first, struct period *p)
{
	if (first == 1) {
		snprintf(p->label, sizeof p->label, "%d", p->year);
		return;
	}
	char sep = kind == PERIOD_ACADEMIC ? '/' : '-';
	int end_year = (p->year + 1) % 100;
	if (end_year < 0)
		end_year += 100;
	snprintf(p->label, sizeof p->label, "%d%c%02d", p->year, sep, end_year);
}

void period_containing(enum period_kind kind, int start_month, day_t d, struct period *out)
{
	int first = first_month(kind, start_month);
	int y, m, dd;

	date_to_ymd(d, &y, &m, &dd);
	out->year = m >= first ? y : y - 1;
	out->start = date_from_ymd(out->year, first, 1);
	out->end = date_from_ymd(out->year + 1, first, 1) - 1;
	make_label(kind, first, out);
}

void period_next(enum period_kind kind, int start_month, const struct period *p, struct period *out)
{
	period_containing(kind, start_month, p->end + 1, out);
}

int period_days(const struct period *p)
{
	return (int)(p->end - p->start) + 1;
}

int period_overlap_days(const struct period *p, day_t start, day_t end)
{
	day_t lo = start > p->start ? start : p->start;
	day_t hi = end < p->end ? end : p->end;

	return hi < lo ? 0 : (int)(hi - lo) + 1;
}
