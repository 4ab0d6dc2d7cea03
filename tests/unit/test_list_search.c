/* test_list_search.c: a list's page found in slices between keys
 * (core/list.h's list_search): the rows a sliced search gives are the
 * one-shot query's, whatever the filter's plan (walked, found by the
 * index, scanned) and however often it stops; a slice stops at once when
 * a key is waiting; and a search started again for a new filter gives
 * none of the old one's rows. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "core/kind.h"
#include "core/list.h"
#include "tests/support/fixture.h"

#define PROVIDERS 2000
#define PAGE 30
#define MAX_ROWS 256

static void provider_row(int i, char *buf, size_t len)
{
	/* Every 7th is a "Clinic": a word in few rows, spread through. */
	snprintf(buf, len, "P%05d,%s %05d", i, i % 7 == 3 ? "Clinic" : "Provider", i);
}

struct ids {
	int64_t id[MAX_ROWS];
	int n;
};

static int take_id(void *ctx, const struct record *r, const struct list_key *key)
{
	(void)key;
	struct ids *ids = ctx;
	cr_assert_lt(ids->n, MAX_ROWS);
	ids->id[ids->n++] = r->id;
	return 0;
}

static void query_for(struct list_query *q, const char *filter, int sort_field, bool descending)
{
	list_query_init(q, kind_find("providers"));
	q->sort_field = sort_field;
	q->descending = descending;
	snprintf(q->filter, sizeof q->filter, "%s", filter);
}

static void one_shot(struct fixture *f, const struct list_query *q, struct ids *out)
{
	struct error err = {0};
	out->n = 0;
	cr_assert_eq(list_fetch(&f->s, q, NULL, false, PAGE, take_id, out, &err), 0, "%s", err.msg);
}

/* Runs a search to the end in slices that stop after every row they can;
 * returns how many slices it took. */
static int sliced(struct fixture *f, struct list_search *ls, struct ids *out)
{
	struct error err = {0};
	int slices = 0;
	while (!ls->done) {
		cr_assert_eq(list_search_slice(&f->s, ls, 0, NULL, NULL, take_id, out, &err), 0, "%s",
		             err.msg);
		cr_assert_lt(++slices, 10 * PAGE, "a slice that gives nothing goes on until it does");
	}
	return slices;
}

static void assert_same_rows(const struct ids *a, const struct ids *b, const char *filter)
{
	cr_assert_eq(a->n, b->n, "\"%s\": %d rows in slices, %d at once", filter, a->n, b->n);
	for (int i = 0; i < a->n; i++)
		cr_assert_eq(a->id[i], b->id[i], "\"%s\": row %d", filter, i);
}

Test(list_search, a_sliced_search_gives_the_one_shot_first_page)
{
	struct fixture f;
	fixture_init(&f, false);
	fixture_import_rows(&f, "providers", "code,name", PROVIDERS, provider_row);
	/* One or two letters (walked, then scanned), words in most rows,
	 * words in few (the index), a word in none, two words. */
	const char *filters[] = {"12", "9", "Provider", "vider 02", "Clinic", "P0199", "zz", "Clin 1"};
	int many_slices = 0;
	for (size_t i = 0; i < sizeof filters / sizeof filters[0]; i++)
		for (int order = 0; order < 3; order++) {
			struct list_query q;
			query_for(&q, filters[i], order == 0 ? -1 : order == 1 ? 0 : 1, order == 2);
			struct ids at_once, in_slices = {.n = 0};
			one_shot(&f, &q, &at_once);
			struct list_search ls;
			list_search_start(&ls, &q, NULL, PAGE);
			if (sliced(&f, &ls, &in_slices) > 1)
				many_slices++;
			assert_same_rows(&in_slices, &at_once, filters[i]);
		}
	cr_expect_gt(many_slices, 0, "some searches went on over several slices");
	fixture_done(&f);
}

static bool key_waiting(void *ctx)
{
	return ++*(int *)ctx > 3;
}

Test(list_search, a_key_stops_a_slice_and_a_new_search_keeps_nothing_of_the_old)
{
	struct fixture f;
	fixture_init(&f, false);
	fixture_import_rows(&f, "providers", "code,name", PROVIDERS, provider_row);
	struct list_query old_q, new_q;
	query_for(&old_q, "Clinic", 0, false);
	query_for(&new_q, "P00299", 0, false);
	struct list_search ls;
	list_search_start(&ls, &old_q, NULL, PAGE);
	struct ids old_rows = {.n = 0};
	struct error err = {0};
	int asked = 0;
	/* Long enough to finish, were it not for the key. */
	cr_assert_eq(list_search_slice(&f.s, &ls, 60000, key_waiting, &asked, take_id, &old_rows, &err),
	             0, "%s", err.msg);
	cr_assert_not(ls.done, "the key stopped it before its page was complete");
	cr_assert_lt(old_rows.n, PAGE);
	cr_assert_geq(asked, 4, "the key was asked for while the query ran");

	/* The key changed the filter: the search starts again. */
	list_search_start(&ls, &new_q, NULL, PAGE);
	struct ids new_rows = {.n = 0}, expected;
	sliced(&f, &ls, &new_rows);
	one_shot(&f, &new_q, &expected);
	assert_same_rows(&new_rows, &expected, "P00299");
	cr_assert_eq(new_rows.n, 1, "P00299 alone: no row of the old search");

	/* A key that did not change the filter (a move): the same search
	 * goes on from where it stopped, to the same page. */
	list_search_start(&ls, &old_q, NULL, PAGE);
	struct ids resumed = {.n = 0};
	asked = 0;
	cr_assert_eq(list_search_slice(&f.s, &ls, 60000, key_waiting, &asked, take_id, &resumed, &err),
	             0, "%s", err.msg);
	sliced(&f, &ls, &resumed);
	one_shot(&f, &old_q, &expected);
	assert_same_rows(&resumed, &expected, "Clinic");
	fixture_done(&f);
}

Test(list_search, a_count_stops_for_a_key)
{
	struct fixture f;
	fixture_init(&f, false);
	fixture_import_rows(&f, "providers", "code,name", PROVIDERS, provider_row);
	struct list_query q;
	query_for(&q, "Clinic", 0, false);
	struct error err = {0};
	int64_t count = 0;
	int asked = 0;
	cr_assert_eq(list_count_unless(&f.s, &q, 0, key_waiting, &asked, &count, &err), 0, "%s",
	             err.msg);
	cr_assert_eq(count, -1, "no count when a key came first");
	cr_assert_eq(list_count_unless(&f.s, &q, 0, NULL, NULL, &count, &err), 0, "%s", err.msg);
	cr_assert_eq(count, (PROVIDERS + 3) / 7, "every 7th provider is a clinic");
	fixture_done(&f);
}
