/* test_child_sessions.c: the sessions of a child's entries, as a child's
 * record lists them: a list query through the entry's child
 * (list_query.parent_through), newest first, paged and counted. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "core/fields.h"
#include "core/list.h"
#include "core/store.h"
#include "tests/support/fixture.h"

static struct fixture f;

static void import_ok(const char *kind, const char *csv)
{
	char problems[4096] = "";
	int rc = fixture_import(&f, kind, csv, problems, sizeof problems);
	cr_assert_eq(rc, 0, "import %s: %s", kind, problems);
}

/* Amy (C1) has entries E-1 and E-2, Ben (C2) has E-3; sessions on all
 * three, two of them on the same day. */
static void setup(void)
{
	fixture_init(&f, false);
	import_ok("children", "ref,first_name,last_name,date_of_birth\n"
	                      "C1,Amy,Ash,2015-05-01\nC2,Ben,Bell,2014-01-01\n");
	import_ok("therapy-entries", "ref,child,section,therapy,start_date,minutes_per_week\n"
	                             "E-1,C1,F,slt,2024-01-01,60\nE-2,C1,G,ot,2024-01-01,30\n"
	                             "E-3,C2,F,slt,2024-01-01,60\n");
	import_ok("provision", "entry,date,minutes,outcome\n"
	                       "E-1,2024-03-04,60,delivered\nE-3,2024-03-05,60,delivered\n"
	                       "E-2,2024-03-06,30,child-absent\nE-1,2024-03-11,45,delivered\n"
	                       "E-2,2024-03-11,30,delivered\nE-3,2024-03-12,60,delivered\n");
}

static void teardown(void)
{
	fixture_done(&f);
}

TestSuite(child_sessions, .init = setup, .fini = teardown);

struct seen {
	int count;
	char rows[16][64];
	struct list_key last;
};

static int remember(void *ctx, const struct record *r, const struct list_key *key)
{
	struct seen *s = ctx;
	char entry[64], date[32];
	if (s->count < 16)
		snprintf(s->rows[s->count], sizeof s->rows[0], "%s %s",
		         record_text(r, PROVISION_ENTRY, NULL, entry, sizeof entry),
		         record_text(r, PROVISION_DATE, NULL, date, sizeof date));
	s->count++;
	s->last = *key;
	return 0;
}

static int64_t child_id(const char *ref)
{
	struct record c;
	record_init(&c, kinds[KIND_CHILDREN]);
	bool found = false;
	struct error err = {0};
	cr_assert_eq(store_load_by_key(&f.s, &c, ref, &found, &err), 0, "%s", err.msg);
	cr_assert(found);
	int64_t id = c.id;
	record_clear(&c);
	return id;
}

static void child_query(struct list_query *q, const char *ref)
{
	list_query_init(q, kinds[KIND_PROVISION]);
	q->parent_field = PROVISION_ENTRY;
	q->parent_through = true;
	q->through_field = ENTRY_CHILD;
	q->parent_id = child_id(ref);
	q->sort_field = PROVISION_DATE;
	q->descending = true;
}

Test(child_sessions, only_the_childs_entries_newest_first)
{
	struct list_query q;
	child_query(&q, "C1");
	struct seen s = {0};
	struct error err = {0};
	cr_assert_eq(list_fetch(&f.s, &q, NULL, false, 10, remember, &s, &err), 0, "%s", err.msg);
	cr_assert_eq(s.count, 4);
	/* Same day: the later id first, as the list's order is (date, id) descending. */
	cr_expect_str_eq(s.rows[0], "E-2 2024-03-11");
	cr_expect_str_eq(s.rows[1], "E-1 2024-03-11");
	cr_expect_str_eq(s.rows[2], "E-2 2024-03-06");
	cr_expect_str_eq(s.rows[3], "E-1 2024-03-04");
	int64_t n = 0;
	cr_assert_eq(list_count(&f.s, &q, &n, &err), 0, "%s", err.msg);
	cr_expect_eq(n, 4);
}

Test(child_sessions, pages_by_keyset_without_losing_or_repeating_rows)
{
	struct list_query q;
	child_query(&q, "C1");
	struct seen first = {0}, second = {0};
	struct error err = {0};
	cr_assert_eq(list_fetch(&f.s, &q, NULL, false, 3, remember, &first, &err), 0, "%s", err.msg);
	cr_assert_eq(first.count, 3);
	cr_assert_eq(list_fetch(&f.s, &q, &first.last, false, 3, remember, &second, &err), 0, "%s",
	             err.msg);
	cr_assert_eq(second.count, 1);
	cr_expect_str_eq(second.rows[0], "E-1 2024-03-04");
}

Test(child_sessions, another_child_and_a_plain_parent_are_unchanged)
{
	struct list_query q;
	child_query(&q, "C2");
	struct seen s = {0};
	struct error err = {0};
	cr_assert_eq(list_fetch(&f.s, &q, NULL, false, 10, remember, &s, &err), 0, "%s", err.msg);
	cr_assert_eq(s.count, 2);
	cr_expect_str_eq(s.rows[0], "E-3 2024-03-12");
	/* The same parent id without "through" is an entry id: the statement
	 * cached for the child's list is not reused for it. */
	q.parent_through = false;
	struct seen direct = {0};
	cr_assert_eq(list_fetch(&f.s, &q, NULL, false, 10, remember, &direct, &err), 0, "%s", err.msg);
	for (int i = 0; i < direct.count; i++)
		cr_expect(strncmp(direct.rows[i], "E-3", 3) != 0, "%s", direct.rows[i]);
}
