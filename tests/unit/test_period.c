#include <criterion/criterion.h>
#include <string.h>

#include "core/period.h"
#include "core/prorata.h"

static day_t ymd(int y, int m, int d)
{
	return date_from_ymd(y, m, d);
}

static void assert_period(const struct period *p, day_t start, day_t end, int year,
                          const char *label)
{
	char a[DATE_TEXT_MAX], b[DATE_TEXT_MAX];

	date_format(p->start, a);
	date_format(p->end, b);
	cr_assert_eq(p->start, start, "%s: starts %s", label, a);
	cr_assert_eq(p->end, end, "%s: ends %s", label, b);
	cr_assert_eq(p->year, year, "%s: year %d", label, p->year);
	cr_assert_str_eq(p->label, label);
}

static void check_containing(enum period_kind kind, int start_month, day_t d,
                             day_t start, day_t end, int year, const char *label)
{
	struct period p;

	memset(&p, 0x5a, sizeof p);
	period_containing(kind, start_month, d, &p);
	assert_period(&p, start, end, year, label);
}

Test(period, kind_parse)
{
	enum period_kind k = PERIOD_CALENDAR;

	cr_assert_eq(period_kind_parse("financial", &k), 0);
	cr_assert_eq(k, PERIOD_FINANCIAL);
	cr_assert_eq(period_kind_parse("academic", &k), 0);
	cr_assert_eq(k, PERIOD_ACADEMIC);
	cr_assert_eq(period_kind_parse("calendar", &k), 0);
	cr_assert_eq(k, PERIOD_CALENDAR);
	cr_assert_eq(period_kind_parse("Academic", &k), 0);
	cr_assert_eq(k, PERIOD_ACADEMIC);

	k = PERIOD_ACADEMIC;
	cr_assert_eq(period_kind_parse("fiscal", &k), -1);
	cr_assert_eq(period_kind_parse("", &k), -1);
	cr_assert_eq(period_kind_parse("financial ", &k), -1);
	cr_assert_eq(period_kind_parse("financia", &k), -1);
	cr_assert_eq(period_kind_parse(NULL, &k), -1);
	cr_assert_eq(k, PERIOD_ACADEMIC, "output written on failure");
}

Test(period, financial_year_from_april)
{
	check_containing(PERIOD_FINANCIAL, 4, ymd(2019, 4, 1),
	                 ymd(2019, 4, 1), ymd(2020, 3, 31), 2019, "2019-20");
	check_containing(PERIOD_FINANCIAL, 4, ymd(2020, 3, 31),
	                 ymd(2019, 4, 1), ymd(2020, 3, 31), 2019, "2019-20");
	check_containing(PERIOD_FINANCIAL, 4, ymd(2020, 4, 1),
	                 ymd(2020, 4, 1), ymd(2021, 3, 31), 2020, "2020-21");
	check_containing(PERIOD_FINANCIAL, 4, ymd(2024, 1, 15),
	                 ymd(2023, 4, 1), ymd(2024, 3, 31), 2023, "2023-24");
	check_containing(PERIOD_FINANCIAL, 4, ymd(2099, 6, 1),
	                 ymd(2099, 4, 1), ymd(2100, 3, 31), 2099, "2099-00");
	check_containing(PERIOD_FINANCIAL, 4, ymd(1999, 12, 31),
	                 ymd(1999, 4, 1), ymd(2000, 3, 31), 1999, "1999-00");
	check_containing(PERIOD_FINANCIAL, 4, ymd(2009, 5, 5),
	                 ymd(2009, 4, 1), ymd(2010, 3, 31), 2009, "2009-10");
	check_containing(PERIOD_FINANCIAL, 4, ymd(1900, 1, 1),
	                 ymd(1899, 4, 1), ymd(1900, 3, 31), 1899, "1899-00");
}

Test(period, financial_year_start_month_1_vs_4)
{
	/* The same day falls in different years under the two settings. */
	check_containing(PERIOD_FINANCIAL, 1, ymd(2020, 2, 10),
	                 ymd(2020, 1, 1), ymd(2020, 12, 31), 2020, "2020");
	check_containing(PERIOD_FINANCIAL, 4, ymd(2020, 2, 10),
	                 ymd(2019, 4, 1), ymd(2020, 3, 31), 2019, "2019-20");
	check_containing(PERIOD_FINANCIAL, 7, ymd(2020, 7, 1),
	                 ymd(2020, 7, 1), ymd(2021, 6, 30), 2020, "2020-21");
	check_containing(PERIOD_FINANCIAL, 7, ymd(2020, 6, 30),
	                 ymd(2019, 7, 1), ymd(2020, 6, 30), 2019, "2019-20");
	check_containing(PERIOD_FINANCIAL, 12, ymd(2020, 12, 1),
	                 ymd(2020, 12, 1), ymd(2021, 11, 30), 2020, "2020-21");
}

Test(period, academic_year_boundaries)
{
	check_containing(PERIOD_ACADEMIC, 9, ymd(2023, 8, 31),
	                 ymd(2022, 9, 1), ymd(2023, 8, 31), 2022, "2022/23");
	check_containing(PERIOD_ACADEMIC, 9, ymd(2023, 9, 1),
	                 ymd(2023, 9, 1), ymd(2024, 8, 31), 2023, "2023/24");
	check_containing(PERIOD_ACADEMIC, 9, ymd(2024, 2, 29),
	                 ymd(2023, 9, 1), ymd(2024, 8, 31), 2023, "2023/24");
	check_containing(PERIOD_ACADEMIC, 9, ymd(2099, 9, 1),
	                 ymd(2099, 9, 1), ymd(2100, 8, 31), 2099, "2099/00");
	check_containing(PERIOD_ACADEMIC, 1, ymd(2023, 8, 31),
	                 ymd(2023, 1, 1), ymd(2023, 12, 31), 2023, "2023");
}

Test(period, calendar_year_ignores_start_month)
{
	check_containing(PERIOD_CALENDAR, 4, ymd(2019, 3, 31),
	                 ymd(2019, 1, 1), ymd(2019, 12, 31), 2019, "2019");
	check_containing(PERIOD_CALENDAR, 9, ymd(2019, 12, 31),
	                 ymd(2019, 1, 1), ymd(2019, 12, 31), 2019, "2019");
	check_containing(PERIOD_CALENDAR, 0, ymd(2020, 1, 1),
	                 ymd(2020, 1, 1), ymd(2020, 12, 31), 2020, "2020");
}

Test(period, unusable_start_month_falls_back)
{
	check_containing(PERIOD_FINANCIAL, 0, ymd(2020, 3, 31),
	                 ymd(2019, 4, 1), ymd(2020, 3, 31), 2019, "2019-20");
	check_containing(PERIOD_FINANCIAL, 13, ymd(2020, 4, 1),
	                 ymd(2020, 4, 1), ymd(2021, 3, 31), 2020, "2020-21");
	check_containing(PERIOD_ACADEMIC, -1, ymd(2020, 9, 1),
	                 ymd(2020, 9, 1), ymd(2021, 8, 31), 2020, "2020/21");
}

Test(period, days)
{
	struct period p;

	period_containing(PERIOD_FINANCIAL, 4, ymd(2019, 6, 1), &p);
	cr_assert_eq(period_days(&p), 366);   /* holds 29 Feb 2020 */
	period_containing(PERIOD_FINANCIAL, 4, ymd(2020, 6, 1), &p);
	cr_assert_eq(period_days(&p), 365);
	period_containing(PERIOD_FINANCIAL, 4, ymd(2023, 6, 1), &p);
	cr_assert_eq(period_days(&p), 366);
	period_containing(PERIOD_ACADEMIC, 9, ymd(2023, 9, 1), &p);
	cr_assert_eq(period_days(&p), 366);
	period_containing(PERIOD_ACADEMIC, 9, ymd(2024, 9, 1), &p);
	cr_assert_eq(period_days(&p), 365);
	period_containing(PERIOD_CALENDAR, 1, ymd(1900, 6, 1), &p);
	cr_assert_eq(period_days(&p), 365);
	period_containing(PERIOD_CALENDAR, 1, ymd(2000, 6, 1), &p);
	cr_assert_eq(period_days(&p), 366);
}

Test(period, next_is_contiguous)
{
	static const enum period_kind kinds[] = { PERIOD_FINANCIAL, PERIOD_ACADEMIC, PERIOD_CALENDAR };

	for (size_t k = 0; k < 3; k++) {
		for (int sm = 1; sm <= 12; sm++) {
			struct period p, q;
			period_containing(kinds[k], sm, ymd(1900, 1, 1), &p);
			for (int i = 0; i < 300; i++) {
				period_next(kinds[k], sm, &p, &q);
				cr_assert_eq(q.start, p.end + 1);
				cr_assert_eq(q.year, p.year + 1);
				cr_assert(period_days(&q) == 365 || period_days(&q) == 366);
				p = q;
			}
		}
	}
	struct period p, q;
	period_containing(PERIOD_FINANCIAL, 4, ymd(2019, 4, 1), &p);
	period_next(PERIOD_FINANCIAL, 4, &p, &q);
	assert_period(&q, ymd(2020, 4, 1), ymd(2021, 3, 31), 2020, "2020-21");
	period_next(PERIOD_FINANCIAL, 4, &q, &q);   /* in place */
	assert_period(&q, ymd(2021, 4, 1), ymd(2022, 3, 31), 2021, "2021-22");
}

Test(period, overlap_days)
{
	struct period p;

	period_containing(PERIOD_FINANCIAL, 4, ymd(2023, 4, 1), &p);
	cr_assert_eq(period_overlap_days(&p, ymd(2023, 4, 1), ymd(2024, 3, 31)), 366);
	cr_assert_eq(period_overlap_days(&p, ymd(2020, 1, 1), ymd(2030, 1, 1)), 366);
	cr_assert_eq(period_overlap_days(&p, ymd(2023, 4, 1), ymd(2023, 4, 1)), 1);
	cr_assert_eq(period_overlap_days(&p, ymd(2024, 3, 31), ymd(2024, 3, 31)), 1);
	cr_assert_eq(period_overlap_days(&p, ymd(2024, 4, 1), ymd(2024, 4, 1)), 0);
	cr_assert_eq(period_overlap_days(&p, ymd(2023, 3, 31), ymd(2023, 3, 31)), 0);
	cr_assert_eq(period_overlap_days(&p, ymd(2023, 3, 1), ymd(2023, 4, 30)), 30);
	cr_assert_eq(period_overlap_days(&p, ymd(2024, 3, 1), ymd(2024, 6, 30)), 31);
	cr_assert_eq(period_overlap_days(&p, ymd(2022, 1, 1), ymd(2022, 12, 31)), 0);
}

static void split_expect(int64_t amount, const int64_t *w, size_t n, const int64_t *want)
{
	int64_t parts[16];

	memset(parts, 0x5a, sizeof parts);
	cr_assert_eq(prorata_split(amount, w, n, parts), 0);
	for (size_t i = 0; i < n; i++)
		cr_assert_eq(parts[i], want[i], "part %zu of %lld: %lld, expected %lld", i,
		             (long long)amount, (long long)parts[i], (long long)want[i]);
}

Test(prorata, penny_three_ways)
{
	split_expect(1, (int64_t[]){ 1, 1, 1 }, 3, (int64_t[]){ 1, 0, 0 });
	split_expect(2, (int64_t[]){ 1, 1, 1 }, 3, (int64_t[]){ 1, 1, 0 });
	split_expect(3, (int64_t[]){ 1, 1, 1 }, 3, (int64_t[]){ 1, 1, 1 });
	split_expect(10, (int64_t[]){ 1, 1, 1, 1, 1, 1, 1 }, 7, (int64_t[]){ 2, 2, 2, 1, 1, 1, 1 });
}

Test(prorata, largest_remainder_not_first_part)
{
	/* Remainders 1, 2, 2 in fifths: the penny goes to the second part. */
	split_expect(1, (int64_t[]){ 1, 2, 2 }, 3, (int64_t[]){ 0, 1, 0 });
	split_expect(1, (int64_t[]){ 2, 1, 2 }, 3, (int64_t[]){ 1, 0, 0 });
	split_expect(2, (int64_t[]){ 1, 2, 1, 2 }, 4, (int64_t[]){ 0, 1, 0, 1 });
	/* 100 over 1..6 (21ths): floors 4 9 14 19 23 28, remainders
	 * 16 11 6 1 17 12, so pence to parts 4, 0 and 5. */
	split_expect(100, (int64_t[]){ 1, 2, 3, 4, 5, 6 }, 6, (int64_t[]){ 5, 9, 14, 19, 24, 29 });
}

Test(prorata, exact_and_zero_cases)
{
	split_expect(0, (int64_t[]){ 3, 5 }, 2, (int64_t[]){ 0, 0 });
	split_expect(900, (int64_t[]){ 1, 2 }, 2, (int64_t[]){ 300, 600 });
	split_expect(12345, (int64_t[]){ 7 }, 1, (int64_t[]){ 12345 });
	split_expect(101, (int64_t[]){ 0, 1, 0, 1, 0 }, 5, (int64_t[]){ 0, 51, 0, 50, 0 });
}

Test(prorata, credits_split_like_charges)
{
	split_expect(-1, (int64_t[]){ 1, 1, 1 }, 3, (int64_t[]){ -1, 0, 0 });
	split_expect(-100, (int64_t[]){ 1, 2, 3, 4, 5, 6 }, 6,
	             (int64_t[]){ -5, -9, -14, -19, -24, -29 });
}

Test(prorata, huge_weights_do_not_overflow)
{
	/* The weights sum past INT64_MAX. */
	split_expect(100000000000, (int64_t[]){ INT64_MAX, INT64_MAX, 1 }, 3,
	             (int64_t[]){ 50000000000, 50000000000, 0 });
	split_expect(100000000000, (int64_t[]){ INT64_MAX, INT64_MAX - 1, INT64_MAX - 2 }, 3,
	             (int64_t[]){ 33333333334, 33333333333, 33333333333 });
	split_expect(INT64_MAX, (int64_t[]){ INT64_MAX, INT64_MAX, INT64_MAX }, 3,
	             (int64_t[]){ 3074457345618258603, 3074457345618258602, 3074457345618258602 });
}

Test(prorata, refuses_unusable_weights)
{
	int64_t parts[3] = { 9, 9, 9 };

	cr_assert_eq(prorata_split(10, (int64_t[]){ 0, 0, 0 }, 3, parts), -1);
	cr_assert_eq(prorata_split(10, (int64_t[]){ 1, -1, 1 }, 3, parts), -1);
	cr_assert_eq(prorata_split(10, (int64_t[]){ 1 }, 0, parts), -1);
	cr_assert_eq(prorata_split(10, NULL, 3, parts), -1);
	cr_assert_eq(prorata_split(10, (int64_t[]){ 1, 1, 1 }, 3, NULL), -1);
	cr_assert_eq(prorata_split(INT64_MIN, (int64_t[]){ 1, 1, 1 }, 3, parts), -1);
}

/* A slow, obviously correct largest-remainder split to compare against:
 * repeatedly give a penny to the first untouched part with the largest
 * remainder. */
static void reference_split(int64_t amount, const int64_t *w, size_t n, int64_t *out)
{
	unsigned __int128 total = 0, rem[16];
	bool bumped[16] = { false };
	int64_t given = 0;

	for (size_t i = 0; i < n; i++)
		total += (unsigned __int128)w[i];
	for (size_t i = 0; i < n; i++) {
		unsigned __int128 prod = (unsigned __int128)amount * (unsigned __int128)w[i];
		out[i] = (int64_t)(prod / total);
		rem[i] = prod % total;
		given += out[i];
	}
	for (int64_t left = amount - given; left > 0; left--) {
		size_t best = n;
		for (size_t i = 0; i < n; i++) {
			if (!bumped[i] && (best == n || rem[i] > rem[best]))
				best = i;
		}
		bumped[best] = true;
		out[best]++;
	}
}

static uint64_t lcg_state = 20230401;

static uint64_t lcg_next(void)
{
	lcg_state = lcg_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return lcg_state >> 17;
}

Test(prorata, random_weights_add_up_exactly)
{
	for (int c = 0; c < 10000; c++) {
		size_t n = 1 + lcg_next() % 16;
		int64_t w[16], parts[16], want[16];
		int64_t amount = (int64_t)(lcg_next() % 100000000001ULL);
		uint64_t wmax = c % 3 == 0 ? 3 : c % 3 == 1 ? 400 : 100000;
		int64_t wsum = 0;
		if (c % 5 == 0)
			amount %= 100;   /* fewer pence than parts, often */
		for (size_t i = 0; i < n; i++) {
			w[i] = (int64_t)(lcg_next() % (wmax + 1));
			wsum += w[i];
		}
		if (wsum == 0)
			w[n - 1] = 1;
		cr_assert_eq(prorata_split(amount, w, n, parts), 0);
		reference_split(amount, w, n, want);
		int64_t sum = 0;
		for (size_t i = 0; i < n; i++) {
			cr_assert_eq(parts[i], want[i], "case %d part %zu", c, i);
			cr_assert_geq(parts[i], 0);
			if (w[i] == 0)
				cr_assert_eq(parts[i], 0);
			sum += parts[i];
		}
		cr_assert_eq(sum, amount, "case %d: parts add to %lld, not %lld", c,
		             (long long)sum, (long long)amount);
	}
}

/* A shorter name keeps the calls below on one line. */
#define by_period prorata_by_period

Test(prorata_by_period, one_day_purchase)
{
	struct period ps[4];
	int64_t shares[4];

	size_t n = by_period(12345, ymd(2024, 3, 31), ymd(2024, 3, 31), PERIOD_FINANCIAL, 4,
	                     ps, shares, 4);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(ps[0].label, "2023-24");
	cr_assert_eq(shares[0], 12345);

	n = by_period(12345, ymd(2024, 4, 1), ymd(2024, 4, 1), PERIOD_FINANCIAL, 4, ps, shares, 4);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(ps[0].label, "2024-25");
	cr_assert_eq(shares[0], 12345);
}

Test(prorata_by_period, spanning_three_financial_years)
{
	struct period ps[4];
	int64_t shares[4];

	/* 183 + 365 + 91 = 639 days; floors 28638, 57120, 14241 leave one
	 * penny, which goes to the middle year (remainder 320 of 639). */
	size_t n = by_period(100000, ymd(2019, 10, 1), ymd(2021, 6, 30), PERIOD_FINANCIAL, 4,
	                     ps, shares, 4);
	cr_assert_eq(n, 3);
	assert_period(&ps[0], ymd(2019, 4, 1), ymd(2020, 3, 31), 2019, "2019-20");
	assert_period(&ps[1], ymd(2020, 4, 1), ymd(2021, 3, 31), 2020, "2020-21");
	assert_period(&ps[2], ymd(2021, 4, 1), ymd(2022, 3, 31), 2021, "2021-22");
	cr_assert_eq(shares[0], 28638);
	cr_assert_eq(shares[1], 57121);
	cr_assert_eq(shares[2], 14241);

	n = by_period(161848700, ymd(2019, 10, 1), ymd(2021, 6, 30), PERIOD_FINANCIAL, 4,
	              ps, shares, 4);
	cr_assert_eq(n, 3);
	cr_assert_eq(shares[0], 46351036);
	cr_assert_eq(shares[1], 92448788);
	cr_assert_eq(shares[2], 23048876);
	cr_assert_eq(shares[0] + shares[1] + shares[2], 161848700);
}

Test(prorata_by_period, full_financial_year_is_whole_amount)
{
	struct period ps[2];
	int64_t shares[2];

	for (int y = 2019; y <= 2025; y++) {
		size_t n = by_period(75290500, ymd(y, 4, 1), ymd(y + 1, 3, 31), PERIOD_FINANCIAL, 4,
		                     ps, shares, 2);
		cr_assert_eq(n, 1, "%d", y);
		cr_assert_eq(ps[0].year, y);
		cr_assert_eq(shares[0], 75290500);
	}
}

Test(prorata_by_period, seventeen_month_contract)
{
	struct period ps[3];
	int64_t shares[3];

	/* 1 Apr 2024 - 31 Aug 2025: 365 days in 2024-25 and 153 in 2025-26. */
	size_t n = by_period(75290500, ymd(2024, 4, 1), ymd(2025, 8, 31), PERIOD_FINANCIAL, 4,
	                     ps, shares, 3);
	cr_assert_eq(n, 2);
	cr_assert_str_eq(ps[0].label, "2024-25");
	cr_assert_str_eq(ps[1].label, "2025-26");
	cr_assert_eq(shares[0], 53052186);
	cr_assert_eq(shares[1], 22238314);
}

Test(prorata_by_period, start_month_changes_the_split)
{
	struct period ps[3];
	int64_t shares[3];

	/* 1 Jan - 30 Jun 2020: one calendar-style year, or 91 + 91 days
	 * either side of 1 April. */
	size_t n = by_period(1001, ymd(2020, 1, 1), ymd(2020, 6, 30), PERIOD_FINANCIAL, 1,
	                     ps, shares, 3);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(ps[0].label, "2020");
	cr_assert_eq(shares[0], 1001);

	n = by_period(1001, ymd(2020, 1, 1), ymd(2020, 6, 30), PERIOD_FINANCIAL, 4, ps, shares, 3);
	cr_assert_eq(n, 2);
	cr_assert_str_eq(ps[0].label, "2019-20");
	cr_assert_str_eq(ps[1].label, "2020-21");
	cr_assert_eq(shares[0], 501);
	cr_assert_eq(shares[1], 500);
}

Test(prorata_by_period, academic_years)
{
	struct period ps[4];
	int64_t shares[4];

	/* 92 + 366 + 61 = 519 days across three academic years. */
	size_t n = by_period(123457, ymd(2023, 6, 1), ymd(2024, 10, 31), PERIOD_ACADEMIC, 9,
	                     ps, shares, 4);
	cr_assert_eq(n, 3);
	cr_assert_str_eq(ps[0].label, "2022/23");
	cr_assert_str_eq(ps[1].label, "2023/24");
	cr_assert_str_eq(ps[2].label, "2024/25");
	cr_assert_eq(shares[0], 21885);
	cr_assert_eq(shares[1], 87062);
	cr_assert_eq(shares[2], 14510);

	/* 31 August and 1 September fall in different years. */
	n = by_period(3, ymd(2023, 8, 31), ymd(2023, 9, 1), PERIOD_ACADEMIC, 9, ps, shares, 4);
	cr_assert_eq(n, 2);
	cr_assert_eq(shares[0], 2);
	cr_assert_eq(shares[1], 1);
}

Test(prorata_by_period, calendar_years)
{
	struct period ps[4];
	int64_t shares[4];

	size_t n = by_period(2, ymd(2019, 12, 31), ymd(2020, 1, 1), PERIOD_CALENDAR, 4,
	                     ps, shares, 4);
	cr_assert_eq(n, 2);
	cr_assert_str_eq(ps[0].label, "2019");
	cr_assert_str_eq(ps[1].label, "2020");
	cr_assert_eq(shares[0], 1);
	cr_assert_eq(shares[1], 1);
}

Test(prorata_by_period, too_little_room_reports_the_count)
{
	struct period ps[2];
	int64_t shares[2] = { -7, -7 };

	size_t n = by_period(100000, ymd(2019, 10, 1), ymd(2021, 6, 30), PERIOD_FINANCIAL, 4,
	                     ps, shares, 2);
	cr_assert_eq(n, 3);
	cr_assert_str_eq(ps[0].label, "2019-20");
	cr_assert_str_eq(ps[1].label, "2020-21");
	cr_assert_eq(shares[0], -7, "shares are not written without room for all");
	cr_assert_eq(shares[1], -7);

	cr_assert_eq(by_period(100000, ymd(2019, 10, 1), ymd(2021, 6, 30), PERIOD_FINANCIAL, 4,
	                       NULL, NULL, 0), 3);
}

Test(prorata_by_period, end_before_start_spans_nothing)
{
	struct period ps[2];
	int64_t shares[2] = { -7, -7 };

	cr_assert_eq(by_period(100, ymd(2020, 1, 2), ymd(2020, 1, 1), PERIOD_FINANCIAL, 4,
	                       ps, shares, 2), 0);
	cr_assert_eq(shares[0], -7);
}

/* Random ranges: the shares add up, and each is within a penny of its
 * exact share of the days. */
Test(prorata_by_period, random_ranges_add_up)
{
	struct period ps[64];
	int64_t shares[64];
	day_t lo = ymd(1990, 1, 1);

	for (int c = 0; c < 3000; c++) {
		day_t start = lo + (day_t)(lcg_next() % 20000);
		day_t end = start + (day_t)(lcg_next() % (c % 2 ? 40 : 5000));
		int64_t amount = (int64_t)(lcg_next() % 10000000000ULL);
		enum period_kind kind = (enum period_kind)(c % 3);
		size_t n = by_period(amount, start, end, kind, 1 + c % 12, ps, shares, 64);
		cr_assert(n >= 1 && n <= 16);
		int64_t sum = 0, days = 0;
		for (size_t i = 0; i < n; i++) {
			int64_t od = period_overlap_days(&ps[i], start, end);
			cr_assert_gt(od, 0);
			__int128 exact_num = (__int128)amount * od;
			__int128 total = (__int128)end - start + 1;
			__int128 diff = (__int128)shares[i] * total - exact_num;
			cr_assert(diff > -total && diff < total, "case %d period %zu", c, i);
			sum += shares[i];
			days += od;
		}
		cr_assert_eq(days, (int64_t)(end - start) + 1);
		cr_assert_eq(sum, amount);
	}
}

/* ---- periods as people write them ---- */

#include "config/config.h"

static struct settings parse_cfg;

static void parse_setup(void)
{
	config_defaults(&parse_cfg);
}

TestSuite(period_parse, .init = parse_setup);

Test(period_parse, the_three_kinds_by_their_separator)
{
	struct period p;
	enum period_kind kind;
	cr_assert(period_parse(&parse_cfg, "2021-22", &p, &kind));
	cr_assert_eq(kind, PERIOD_FINANCIAL);
	assert_period(&p, ymd(2021, 4, 1), ymd(2022, 3, 31), 2021, "2021-22");
	cr_assert(period_parse(&parse_cfg, "2021/22", &p, &kind));
	cr_assert_eq(kind, PERIOD_ACADEMIC);
	assert_period(&p, ymd(2021, 9, 1), ymd(2022, 8, 31), 2021, "2021/22");
	cr_assert(period_parse(&parse_cfg, "2021", &p, &kind));
	cr_assert_eq(kind, PERIOD_CALENDAR);
	assert_period(&p, ymd(2021, 1, 1), ymd(2021, 12, 31), 2021, "2021");
}

Test(period_parse, four_digit_second_years_and_the_century)
{
	struct period p;
	cr_assert(period_parse(&parse_cfg, "2021-2022", &p, NULL));
	cr_assert_str_eq(p.label, "2021-22");
	cr_assert(period_parse(&parse_cfg, "1999/00", &p, NULL));
	assert_period(&p, ymd(1999, 9, 1), ymd(2000, 8, 31), 1999, "1999/00");
}

Test(period_parse, the_start_months_come_from_the_configuration)
{
	parse_cfg.financial_year_start_month = 7;
	parse_cfg.academic_year_start_month = 8;
	struct period p;
	cr_assert(period_parse(&parse_cfg, "2021-22", &p, NULL));
	assert_period(&p, ymd(2021, 7, 1), ymd(2022, 6, 30), 2021, "2021-22");
	cr_assert(period_parse(&parse_cfg, "2021/22", &p, NULL));
	assert_period(&p, ymd(2021, 8, 1), ymd(2022, 7, 31), 2021, "2021/22");
}

Test(period_parse, refuses_what_is_not_a_period)
{
	static const char *const bad[] = {
		"", "21", "202", "20211", "2021-23", "2021/2023", "2021-2", "2021-022", "2021 22",
		"2021-+2", "2021- 22", "2021-22x", "2021:22", "abcd", "1899", "2021/", "-2021",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		cr_expect(!period_parse(&parse_cfg, bad[i], NULL, NULL), "\"%s\" was taken", bad[i]);
	cr_expect(!period_parse(&parse_cfg, NULL, NULL, NULL));
}

Test(period_parse, a_range_names_its_period_and_kind)
{
	struct period p;
	enum period_kind kind;
	cr_assert(period_of_range(&parse_cfg, ymd(2021, 9, 1), ymd(2022, 8, 31), &p, &kind));
	cr_assert_eq(kind, PERIOD_ACADEMIC);
	cr_assert_str_eq(p.label, "2021/22");
	cr_assert(period_of_range(&parse_cfg, ymd(2021, 1, 1), ymd(2021, 12, 31), &p, &kind));
	cr_assert_eq(kind, PERIOD_CALENDAR);
	cr_assert(!period_of_range(&parse_cfg, ymd(2021, 1, 1), ymd(2021, 12, 30), &p, &kind));
	/* Each parsed period is its own range again. */
	static const char *const texts[] = {"2019-20", "2019/20", "2019"};
	for (int i = 0; i < 3; i++) {
		struct period q;
		cr_assert(period_parse(&parse_cfg, texts[i], &p, NULL));
		cr_assert(period_of_range(&parse_cfg, p.start, p.end, &q, NULL));
		cr_expect_str_eq(q.label, texts[i]);
	}
}

Test(period_parse, kind_and_month_names)
{
	cr_expect_str_eq(period_kind_name(PERIOD_FINANCIAL), "financial");
	cr_expect_str_eq(period_kind_name(PERIOD_ACADEMIC), "academic");
	cr_expect_str_eq(period_kind_name(PERIOD_CALENDAR), "calendar");
	cr_expect_str_eq(period_month_name(1), "January");
	cr_expect_str_eq(period_month_name(9), "September");
	cr_expect_str_eq(period_month_name(12), "December");
	cr_expect_str_eq(period_month_name(0), "?");
	cr_expect_str_eq(period_month_name(13), "?");
	cr_expect_eq(period_start_month(&parse_cfg, PERIOD_FINANCIAL), 4);
	cr_expect_eq(period_start_month(&parse_cfg, PERIOD_ACADEMIC), 9);
	cr_expect_eq(period_start_month(&parse_cfg, PERIOD_CALENDAR), 1);
}
