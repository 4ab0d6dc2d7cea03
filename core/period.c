#include "core/period.h"

#include <stdbool.h>
#include <stdio.h>
#include <strings.h>

#include "config/config.h"

/* Products of an amount and a weight reach 2^126, and a sum of weights
 * can pass INT64_MAX, so the split works in 128 bits throughout and
 * never needs an overflow guard. */
typedef unsigned __int128 u128;

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

/* The split reads its weights through a function, so that a split by
 * days can use the periods it has already found instead of a second
 * array.  The weights must not share memory with the parts. */
typedef int64_t weight_fn(const void *ctx, size_t i);

struct split {
	weight_fn *weight;
	const void *ctx;
	size_t n;
	u128 magnitude;   /* of the amount */
	u128 total;       /* of the weights */
};

static u128 share_remainder(const struct split *s, size_t i)
{
	return s->magnitude * (u128)s->weight(s->ctx, i) % s->total;
}

static size_t count_remainders_at_least(const struct split *s, u128 threshold)
{
	size_t count = 0;

	for (size_t i = 0; i < s->n; i++)
		count += share_remainder(s, i) >= threshold;
	return count;
}

/* The largest remainder r such that at least k parts have a remainder of
 * r or more.  Bisection over the remainders needs neither sorting nor
 * memory, and takes at most 128 passes. */
static u128 remainder_threshold(const struct split *s, size_t k)
{
	u128 lo = 0, hi = s->total - 1;

	while (lo < hi) {
		u128 mid = lo + (hi - lo + 1) / 2;
		if (count_remainders_at_least(s, mid) >= k)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

/* Gives the k pence left over after flooring, one each, to the parts with
 * the largest remainders: all those above the threshold, then the
 * earliest of those exactly at it. */
static void hand_out_leftover(const struct split *s, size_t k, int64_t *parts)
{
	u128 threshold = remainder_threshold(s, k);
	size_t given = 0;

	for (size_t i = 0; i < s->n; i++) {
		if (share_remainder(s, i) > threshold) {
			parts[i]++;
			given++;
		}
	}
	for (size_t i = 0; i < s->n && given < k; i++) {
		if (share_remainder(s, i) == threshold) {
			parts[i]++;
			given++;
		}
	}
}

static bool sum_weights(struct split *s)
{
	s->total = 0;
	for (size_t i = 0; i < s->n; i++) {
		int64_t w = s->weight(s->ctx, i);
		if (w < 0)
			return false;
		s->total += (u128)w;
	}
	return s->total > 0;
}

/* A negative amount (a credit) is split by its magnitude and every part
 * takes the sign, so that it cancels the matching charge penny for penny.
 * INT64_MIN has no magnitude in int64 and is refused. */
static int split_amount(int64_t amount, struct split *s, int64_t *parts)
{
	if (amount == INT64_MIN || s->n == 0 || parts == NULL || !sum_weights(s))
		return -1;
	bool negative = amount < 0;
	s->magnitude = (u128)(negative ? -amount : amount);
	u128 given = 0;
	for (size_t i = 0; i < s->n; i++) {
		u128 whole = s->magnitude * (u128)s->weight(s->ctx, i) / s->total;
		parts[i] = (int64_t)whole;
		given += whole;
	}
	/* The remainders over total sum to less than n, so this fits. */
	size_t k = (size_t)(s->magnitude - given);
	if (k > 0)
		hand_out_leftover(s, k, parts);
	if (negative) {
		for (size_t i = 0; i < s->n; i++)
			parts[i] = -parts[i];
	}
	return 0;
}

static int64_t array_weight(const void *ctx, size_t i)
{
	return ((const int64_t *)ctx)[i];
}

int prorata_split(int64_t amount, const int64_t *weights, size_t n, int64_t *parts)
{
	if (weights == NULL)
		return -1;
	struct split s = { array_weight, weights, n, 0, 0 };
	return split_amount(amount, &s, parts);
}

struct day_weights {
	const struct period *periods;
	day_t start, end;
};

static int64_t overlap_weight(const void *ctx, size_t i)
{
	const struct day_weights *w = ctx;

	return period_overlap_days(&w->periods[i], w->start, w->end);
}

/* Shares are written only when every spanned period fits, because the
 * largest-remainder rule needs all the weights to place a single penny. */
size_t prorata_by_period(int64_t amount, day_t start, day_t end,
                         enum period_kind kind, int start_month,
                         struct period *periods, int64_t *shares, size_t max)
{
	if (end < start)
		return 0;
	struct period p;
	size_t count = 0;
	for (period_containing(kind, start_month, start, &p); p.start <= end;
	     period_next(kind, start_month, &p, &p)) {
		if (count < max)
			periods[count] = p;
		count++;
	}
	if (count > max || shares == NULL)
		return count;
	struct day_weights w = { periods, start, end };
	struct split s = { overlap_weight, &w, count, 0, 0 };
	if (split_amount(amount, &s, shares) != 0) {
		for (size_t i = 0; i < count; i++)
			shares[i] = 0;
	}
	return count;
}
