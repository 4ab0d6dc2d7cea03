/* test_growth_share.c: a purchase's part of a period, as the purchases
 * behind a growth figure show it, adds up to that figure. */
#include "core/report_spot_growth.h"

#include <criterion/criterion.h>
#include <stdlib.h>

#include "core/fields.h"
#include "core/kind.h"
#include "core/list.h"
#include "tests/support/fixture.h"

#define MAX_PERIODS 64

static struct fixture f;

static void setup(void)
{
	fixture_init(&f, true);
}

static void teardown(void)
{
	fixture_done(&f);
}

TestSuite(growth_share, .init = setup, .fini = teardown);

struct figures {
	struct growth_row rows[MAX_PERIODS];
	int64_t parts[MAX_PERIODS];   /* the purchases' shares, summed per period */
	int count;
	enum period_kind kind;
	day_t as_of;
	long purchases, shares;
};

static int keep_row(void *ctx, const struct growth_row *row)
{
	struct figures *g = ctx;
	cr_assert_lt(g->count, MAX_PERIODS);
	g->rows[g->count++] = *row;
	return 0;
}

/* Every period the purchase has a day in gets its share. */
static int add_shares(void *ctx, const struct record *r, const struct list_key *key)
{
	struct figures *g = ctx;
	(void)key;
	g->purchases++;
	day_t start = r->values[SPOT_START].n;
	day_t end = r->values[SPOT_END].set ? r->values[SPOT_END].n
	          : start > g->as_of ? start : g->as_of;
	for (int i = 0; i < g->count; i++) {
		const struct period *p = &g->rows[i].period;
		if (p->end < start || p->start > end)
			continue;
		int64_t pence = -1;
		struct error err = {0};
		cr_assert_eq(spot_growth_share(&f.s, g->kind, g->as_of, r, p, &pence, &err), 0, "%s",
		             err.msg);
		g->parts[i] += pence;
		g->shares++;
	}
	return 0;
}

static void parts_equal_figures(enum period_kind kind)
{
	struct figures *g = calloc(1, sizeof *g);
	cr_assert_not_null(g);
	g->kind = kind;
	g->as_of = date_from_ymd(2025, 6, 30);
	struct growth_options opt = {.kind = kind, .as_of = g->as_of};
	struct error err = {0};
	cr_assert_eq(spot_growth(&f.s, &opt, keep_row, g, &err), 0, "%s", err.msg);
	cr_assert_gt(g->count, 3, "the demo data spans several years");

	struct list_query q;
	list_query_init(&q, kinds[KIND_SPOT_PURCHASES]);
	cr_assert_eq(list_fetch(&f.s, &q, NULL, false, 100000, add_shares, g, &err), 0, "%s",
	             err.msg);
	cr_assert_gt(g->purchases, 1000);
	cr_assert_gt(g->shares, g->purchases, "some purchases span two periods");
	for (int i = 0; i < g->count; i++) {
		cr_expect_eq(g->parts[i], g->rows[i].spend_pence, "%s: parts %lld, figure %lld",
		             g->rows[i].period.label, (long long)g->parts[i],
		             (long long)g->rows[i].spend_pence);
		struct growth_row one;
		cr_assert_eq(spot_growth_of(&f.s, kind, g->as_of, &g->rows[i].period, &one, &err), 0,
		             "%s", err.msg);
		cr_expect_eq(one.spend_pence, g->rows[i].spend_pence, "%s alone", g->rows[i].period.label);
		cr_expect_eq(one.children, g->rows[i].children);
	}
	free(g);
}

/* For every period of the demo data, of every kind. */
Test(growth_share, in_year_parts_add_up_to_each_periods_figure, .timeout = 120)
{
	parts_equal_figures(PERIOD_FINANCIAL);
	parts_equal_figures(PERIOD_ACADEMIC);
	parts_equal_figures(PERIOD_CALENDAR);
}
