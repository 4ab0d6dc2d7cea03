#include "core/prorata.h"

#include <stdbool.h>

/* Products of an amount and a weight reach 2^126, and a sum of weights
 * can pass INT64_MAX, so the split works in 128 bits throughout and
 * never needs an overflow guard. */
typedef unsigned __int128 u128;

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
