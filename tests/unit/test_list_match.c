/* test_list_match.c: the equalities a screen puts on a list query. */
#include <criterion/criterion.h>
#include <stdio.h>

#include "core/fields.h"
#include "core/kind.h"
#include "core/list.h"

static struct list_query q;

static void setup(void)
{
	list_query_init(&q, kinds[KIND_SPOT_PURCHASES]);
}

TestSuite(list_match, .init = setup);

Test(list_match, put_adds_one_per_field_and_find_finds_it)
{
	cr_assert_null(list_match_find(&q, SPOT_THERAPY));
	struct list_match *m = list_match_put(&q, SPOT_THERAPY);
	cr_assert_not_null(m);
	snprintf(m->text, sizeof m->text, "slt");
	cr_assert_eq(q.match_count, 1);
	const struct list_match *found = list_match_find(&q, SPOT_THERAPY);
	cr_assert_not_null(found);
	cr_expect_eq(found->field, SPOT_THERAPY);
	cr_expect_str_eq(found->text, "slt");
	cr_expect_null(list_match_find(&q, SPOT_PROVIDER));
}

Test(list_match, put_on_the_same_field_replaces_and_empties_it)
{
	struct list_match *m = list_match_put(&q, SPOT_PROVIDER);
	m->id = 42;
	snprintf(m->text, sizeof m->text, "KCHFT");
	m = list_match_put(&q, SPOT_PROVIDER);
	cr_assert_eq(q.match_count, 1);
	cr_expect_eq(m->id, 0);
	cr_expect_str_eq(m->text, "");
	cr_expect_eq(m->field, SPOT_PROVIDER);
}

Test(list_match, put_refuses_past_the_room)
{
	for (int i = 0; i < LIST_MAX_MATCHES; i++)
		cr_assert_not_null(list_match_put(&q, i));
	cr_expect_null(list_match_put(&q, LIST_MAX_MATCHES));
	cr_expect_eq(q.match_count, LIST_MAX_MATCHES);
	/* One already there is still replaced. */
	cr_expect_not_null(list_match_put(&q, 0));
}

Test(list_match, drop_takes_one_off_and_keeps_the_others)
{
	snprintf(list_match_put(&q, SPOT_THERAPY)->text, 64, "ot");
	list_match_put(&q, SPOT_PROVIDER)->id = 7;
	snprintf(list_match_put(&q, SPOT_CHILD)->text, 64, "CH-1");
	cr_assert(list_match_drop(&q, SPOT_THERAPY));
	cr_assert_eq(q.match_count, 2);
	cr_expect_null(list_match_find(&q, SPOT_THERAPY));
	cr_expect_eq(list_match_find(&q, SPOT_PROVIDER)->id, 7);
	cr_expect_str_eq(list_match_find(&q, SPOT_CHILD)->text, "CH-1");
	cr_expect(!list_match_drop(&q, SPOT_THERAPY), "dropped twice");
	cr_expect_eq(q.match_count, 2);
}
