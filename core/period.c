#include "core/period.h"

#include <stdbool.h>
#include <stdio.h>
#include <strings.h>

#include "config/config.h"

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

const char *period_kind_name(enum period_kind kind)
{
	switch (kind) {
	case PERIOD_FINANCIAL: return "financial";
	case PERIOD_ACADEMIC: return "academic";
	case PERIOD_CALENDAR: break;
	}
	return "calendar";
}

int period_start_month(const struct settings *cfg, enum period_kind kind)
{
	switch (kind) {
	case PERIOD_FINANCIAL: return cfg->financial_year_start_month;
	case PERIOD_ACADEMIC: return cfg->academic_year_start_month;
	case PERIOD_CALENDAR: break;
	}
	return 1;
}

const char *period_month_name(int month)
{
	static const char *const names[] = {"January", "February", "March", "April", "May", "June",
	                                    "July", "August", "September", "October", "November",
	                                    "December"};
	return month >= 1 && month <= 12 ? names[month - 1] : "?";
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

bool period_parse(const struct settings *cfg, const char *text, struct period *out,
                  enum period_kind *kind)
{
	int year, next = -1, used = 0;
	if (text == NULL || sscanf(text, "%4d%n", &year, &used) != 1 || used != 4 ||
	    year < DATE_MIN_YEAR || year >= DATE_MAX_YEAR)
		return false;
	const char *rest = text + used;
	enum period_kind k = PERIOD_CALENDAR;
	if (*rest) {
		char sep = *rest++;
		/* sscanf would take a sign or spaces as part of the number. */
		if ((sep != '-' && sep != '/') || *rest < '0' || *rest > '9' ||
		    sscanf(rest, "%d%n", &next, &used) != 1 || rest[used])
			return false;
		bool two = used == 2 && next == (year + 1) % 100, four = used == 4 && next == year + 1;
		if (!two && !four)
			return false;
		k = sep == '-' ? PERIOD_FINANCIAL : PERIOD_ACADEMIC;
	}
	int first = first_month(k, period_start_month(cfg, k));
	struct period p;
	period_containing(k, first, date_from_ymd(year, first, 1), &p);
	if (out != NULL)
		*out = p;
	if (kind != NULL)
		*kind = k;
	return true;
}

bool period_of_range(const struct settings *cfg, day_t from, day_t to, struct period *out,
                     enum period_kind *kind)
{
	for (enum period_kind k = PERIOD_FINANCIAL; k <= PERIOD_CALENDAR; k++) {
		struct period p;
		period_containing(k, period_start_month(cfg, k), from, &p);
		if (p.start == from && p.end == to) {
			if (out != NULL)
				*out = p;
			if (kind != NULL)
				*kind = k;
			return true;
		}
	}
	return false;
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
