#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/list.h"
#include "core/store.h"
#include "tests/support/fixture.h"

#define MAX_SEEN 400

struct seen {
	int count;
	char codes[MAX_SEEN][24];
	struct list_key last;
};

static int remember(void *ctx, const struct record *r, const struct list_key *key)
{
	struct seen *s = ctx;
	if (s->count < MAX_SEEN)
		snprintf(s->codes[s->count], sizeof s->codes[0], "%s", r->values[0].text);
	s->count++;
	s->last = *key;
	return 0;
}

/* 250 providers P000..P249, named so that name order is the reverse of
 * code order, some with no kind (NULL sort values). */
static void provider_row(int i, char *buf, size_t len)
{
	snprintf(buf, len, "P%03d,Name %03d,%s", i, 249 - i, i % 3 ? "independent" : "");
}

static void add_providers(struct fixture *f)
{
	fixture_import_rows(f, "providers", "code,name,kind", 250, provider_row);
}

/* Contract Ki with provider P((7 i) mod 250). */
static void contract_row(int i, char *buf, size_t len)
{
	snprintf(buf, len, "K%03d,P%03d,1000,2024-04-01,2025-03-31", i, (i * 7) % 250);
}

/* Providers P00000-P11999, "Quay9" in the names of the first two and
 * the last three. */
static void far_apart_row(int i, char *buf, size_t len)
{
	snprintf(buf, len, "P%05d,%s %05d", i, i < 2 || i >= 11997 ? "Quay9" : "Name", i);
}

/* Pages through the whole list, limit rows at a time. */
static int walk(struct fixture *f, const struct list_query *q, bool backwards, int limit,
                struct seen *all)
{
	struct seen page = {0};
	const struct list_key *from = NULL;
	struct list_key cursor;
	int pages = 0;
	all->count = 0;
	do {
		page.count = 0;
		struct error err = {0};
		cr_assert_eq(list_fetch(&f->s, q, from, backwards, limit, remember, &page, &err), 0, "%s", err.msg);
		for (int i = 0; i < page.count && all->count < MAX_SEEN; i++)
			memcpy(all->codes[all->count++], page.codes[i], sizeof page.codes[0]);
		cursor = page.last;
		from = &cursor;
		pages++;
	} while (page.count == limit);
	return pages;
}

Test(list, pages_forward_visit_every_row_once_in_order)
{
	struct fixture f;
	fixture_init(&f, false);
	add_providers(&f);
	struct list_query q;
	list_query_init(&q, kind_find("providers"));
	q.sort_field = 0;
	struct seen all;
	int pages = walk(&f, &q, false, 40, &all);
	cr_expect_eq(all.count, 250);
	cr_expect_eq(pages, 7);
	for (int i = 0; i < 250; i++) {
		char want[16];
		snprintf(want, sizeof want, "P%03d", i);
		cr_expect_str_eq(all.codes[i], want);
	}
	fixture_done(&f);
}

Test(list, pages_backwards_from_the_end_give_reverse_order)
{
	struct fixture f;
	fixture_init(&f, false);
	add_providers(&f);
	struct list_query q;
	list_query_init(&q, kind_find("providers"));
	q.sort_field = 1;   /* by name: Name 000 is P249 */
	struct seen all;
	walk(&f, &q, true, 40, &all);
	cr_expect_eq(all.count, 250);
	cr_expect_str_eq(all.codes[0], "P000");     /* last by name, first going back */
	cr_expect_str_eq(all.codes[249], "P249");
	fixture_done(&f);
}

Test(list, rows_with_an_empty_sort_value_are_not_lost)
{
	struct fixture f;
	fixture_init(&f, false);
	add_providers(&f);
	struct list_query q;
	list_query_init(&q, kind_find("providers"));
	q.sort_field = 2;   /* kind: a third are empty */
	q.descending = true;
	struct seen all;
	walk(&f, &q, false, 7, &all);
	cr_expect_eq(all.count, 250);
	fixture_done(&f);
}

Test(list, filter_matches_any_text_column_in_any_case_and_counts)
{
	struct fixture f;
	fixture_init(&f, false);
	add_providers(&f);
	struct list_query q;
	list_query_init(&q, kind_find("providers"));
	/* Each word anywhere: codes P000-P009 are named Name 249-240. */
	snprintf(q.filter, sizeof q.filter, "p00 NAME 24");
	struct seen all;
	walk(&f, &q, false, 40, &all);
	cr_expect_eq(all.count, 10);
	int64_t n;
	struct error err = {0};
	cr_assert_eq(list_count(&f.s, &q, &n, &err), 0);
	cr_expect_eq(n, 10);
	snprintf(q.filter, sizeof q.filter, "%%");   /* taken literally: no name has one */
	cr_assert_eq(list_count(&f.s, &q, &n, &err), 0);
	cr_expect_eq(n, 0);
	fixture_done(&f);
}

Test(list, parent_limits_rows_to_one_contract)
{
	struct fixture f;
	fixture_init(&f, true);
	struct record c;
	record_init(&c, kind_find("contracts"));
	bool found;
	struct error err = {0};
	cr_assert_eq(store_load_by_key(&f.s, &c, "EKHUFT-2024", &found, &err), 0, "%s", err.msg);
	cr_assert(found);
	struct list_query q;
	list_query_init(&q, kind_find("coverage"));
	q.parent_field = 0;
	q.parent_id = c.id;
	q.sort_field = 1;
	struct seen all;
	walk(&f, &q, false, 4, &all);
	/* EKHUFT: three districts, speech and language and occupational therapy. */
	cr_expect_eq(all.count, 6);
	for (int i = 0; i < all.count; i++)
		cr_expect_str_eq(all.codes[i], "EKHUFT-2024");
	record_clear(&c);
	fixture_done(&f);
}

Test(list, matches_and_a_date_range_narrow_the_rows)
{
	struct fixture f;
	fixture_init(&f, true);
	const struct kind *k = kind_find("contracts");
	struct record provider;
	record_init(&provider, kind_find("providers"));
	bool found;
	struct error err = {0};
	cr_assert_eq(store_load_by_key(&f.s, &provider, "KCHFT", &found, &err), 0);
	struct list_query q;
	list_query_init(&q, k);
	q.match[0].field = 1;   /* provider */
	q.match[0].id = provider.id;
	q.match_count = 1;
	int64_t n;
	cr_assert_eq(list_count(&f.s, &q, &n, &err), 0, "%s", err.msg);
	cr_expect_eq(n, 4, "KCHFT East and West, two periods each");
	q.range_start_field = 3;
	q.range_end_field = 4;
	q.range_from = date_from_ymd(2024, 6, 1);
	q.range_to = date_from_ymd(2024, 6, 30);
	cr_assert_eq(list_count(&f.s, &q, &n, &err), 0, "%s", err.msg);
	cr_expect_eq(n, 2, "only the 2024 contracts are in force in June 2024");
	struct seen all;
	walk(&f, &q, false, 1, &all);
	cr_expect_eq(all.count, 2);
	cr_expect_str_eq(all.codes[0], "KCHFT-E-2024");
	record_clear(&provider);
	fixture_done(&f);
}

static int64_t matching(struct fixture *f, const char *kind, const char *filter)
{
	struct list_query q;
	list_query_init(&q, kind_find(kind));
	snprintf(q.filter, sizeof q.filter, "%s", filter);
	int64_t n = -1;
	struct error err = {0};
	cr_assert_eq(list_count(&f->s, &q, &n, &err), 0, "%s", err.msg);
	return n;
}

Test(list, the_search_follows_every_change)
{
	struct fixture f;
	fixture_init(&f, true);
	/* Medway Community Health, and Kent and Medway's KM CAT service. */
	cr_expect_eq(matching(&f, "providers", "medway"), 2, "found by a word of its name");
	cr_expect_eq(matching(&f, "contracts", "ekhuft 2025"), 1, "by the provider's code and a date");
	struct record p;
	record_init(&p, kind_find("providers"));
	struct error err = {0};
	cr_assert_eq(record_set(&p, 0, "NEWCO", &f.cfg, &err), 0);
	cr_assert_eq(record_set(&p, 1, "Medway Speech Works", &f.cfg, &err), 0);
	cr_assert_eq(store_write(&f.s, WRITE_INSERT, &p, &err), 0, "%s", err.msg);
	cr_expect_eq(matching(&f, "providers", "medway"), 3, "a new record is found at once");
	cr_assert_eq(record_set(&p, 1, "Swale Therapy Partnership", &f.cfg, &err), 0);
	cr_assert_eq(store_write(&f.s, WRITE_UPDATE, &p, &err), 0, "%s", err.msg);
	cr_expect_eq(matching(&f, "providers", "medway"), 2, "the old name is gone");
	cr_expect_eq(matching(&f, "providers", "partnership"), 1, "the new name is found");
	cr_assert_eq(store_write(&f.s, WRITE_DELETE, &p, &err), 0, "%s", err.msg);
	cr_expect_eq(matching(&f, "providers", "partnership"), 0, "a deleted record is not found");
	record_clear(&p);
	fixture_done(&f);
}

/* A word in most rows is tested row by row as the list walks; a word in
 * few is looked up in the trigram index.  Either way the same rows come,
 * in the list's order, with the same count. */
Test(list, a_word_in_most_rows_and_a_word_in_few_give_the_same_rows_either_way)
{
	struct fixture f;
	fixture_init(&f, false);
	add_providers(&f);
	struct list_query q;
	list_query_init(&q, kind_find("providers"));
	q.sort_field = 0;
	struct seen all;
	int64_t n;
	struct error err = {0};
	snprintf(q.filter, sizeof q.filter, "NAME");     /* all 250: walked */
	walk(&f, &q, false, 40, &all);
	cr_expect_eq(all.count, 250);
	cr_expect_str_eq(all.codes[0], "P000");
	cr_expect_str_eq(all.codes[249], "P249");
	cr_assert_eq(list_count(&f.s, &q, &n, &err), 0, "%s", err.msg);
	cr_expect_eq(n, 250);
	snprintf(q.filter, sizeof q.filter, "ame 24");   /* "ame" many, "24" short: walked */
	walk(&f, &q, false, 40, &all);
	/* "24" is in 13 codes (P024, P124, P224, P240-P249) and 13 names. */
	cr_expect_eq(all.count, 26);
	snprintf(q.filter, sizeof q.filter, "name 124"); /* "124" in two rows: the index */
	walk(&f, &q, true, 40, &all);
	cr_expect_eq(all.count, 2, "P124 and P125 (Name 124)");
	cr_expect_str_eq(all.codes[0], "P125");
	cr_expect_str_eq(all.codes[1], "P124");
	cr_assert_eq(list_count(&f.s, &q, &n, &err), 0, "%s", err.msg);
	cr_expect_eq(n, 2);
	fixture_done(&f);
}

/* Sorted by a reference (contracts by provider): in the provider codes'
 * order, ties by entry order, the same rows forwards and backwards. */
Test(list, a_reference_sort_pages_in_the_referenced_key_order)
{
	struct fixture f;
	fixture_init(&f, false);
	add_providers(&f);
	fixture_import_rows(&f, "contracts", "ref,provider,annual_value,start_date,end_date", 300,
	                    contract_row);
	static char expected[300][24];
	int n = 0;
	for (int p = 0; p < 250; p++)
		for (int i = 0; i < 300; i++)
			if ((i * 7) % 250 == p)
				snprintf(expected[n++], sizeof expected[0], "K%03d", i);
	struct list_query q;
	list_query_init(&q, kind_find("contracts"));
	q.sort_field = kind_field_index(q.kind, "provider");
	cr_assert_geq(q.sort_field, 0);
	struct seen all;
	walk(&f, &q, false, 7, &all);
	cr_assert_eq(all.count, 300);
	for (int i = 0; i < 300; i++)
		cr_expect_str_eq(all.codes[i], expected[i], "row %d", i);
	walk(&f, &q, true, 11, &all);
	cr_assert_eq(all.count, 300);
	for (int i = 0; i < 300; i++)
		cr_expect_str_eq(all.codes[i], expected[299 - i], "row %d from the end", i);
	/* Filtered to a few rows (K120-K129), still in provider order. */
	snprintf(q.filter, sizeof q.filter, "K12");
	walk(&f, &q, false, 3, &all);
	cr_assert_eq(all.count, 10);
	for (int i = 0, j = 0; i < 300; i++)
		if (strncmp(expected[i], "K12", 3) == 0)
			cr_expect_str_eq(all.codes[j++], expected[i]);
	fixture_done(&f);
}

/* A whole table's count is kept between key presses, but never past a
 * change: one through the write path, or one by another program. */
Test(list, a_kept_count_follows_every_change_to_the_file)
{
	struct fixture f;
	fixture_init(&f, false);
	add_providers(&f);
	struct list_query q;
	list_query_init(&q, kind_find("providers"));
	int64_t n = 0;
	struct error err = {0};
	cr_assert_eq(list_count(&f.s, &q, &n, &err), 0, "%s", err.msg);
	cr_expect_eq(n, 250);
	cr_assert_eq(fixture_import(&f, "providers", "code,name\nNEW1,New One\n", NULL, 0), 0);
	cr_assert_eq(list_count(&f.s, &q, &n, &err), 0, "%s", err.msg);
	cr_expect_eq(n, 251, "a change through the write path");
	struct session other;
	cr_assert_eq(session_open(&other, f.path, &f.cfg, &err), 0, "%s", err.msg);
	struct record p;
	record_init(&p, kind_find("providers"));
	cr_assert_eq(record_set(&p, 0, "NEW2", &f.cfg, &err), 0);
	cr_assert_eq(record_set(&p, 1, "New Two", &f.cfg, &err), 0);
	cr_assert_eq(store_write(&other, WRITE_INSERT, &p, &err), 0, "%s", err.msg);
	record_clear(&p);
	session_close(&other);
	cr_assert_eq(list_count(&f.s, &q, &n, &err), 0, "%s", err.msg);
	cr_expect_eq(n, 252, "a change by another connection");
	fixture_done(&f);
}

/* A contract is found by its provider's code: when the code is
 * corrected, by the new one and no longer by the old. */
Test(list, the_search_follows_a_referred_record_renamed)
{
	struct fixture f;
	fixture_init(&f, false);
	struct record p;
	record_init(&p, kind_find("providers"));
	struct error err = {0};
	cr_assert_eq(record_set(&p, 0, "NEWCO", &f.cfg, &err), 0);
	cr_assert_eq(record_set(&p, 1, "Newco Therapy", &f.cfg, &err), 0);
	cr_assert_eq(store_write(&f.s, WRITE_INSERT, &p, &err), 0, "%s", err.msg);
	char problems[512];
	cr_assert_eq(fixture_import(&f, "contracts",
	                            "ref,provider,annual_value,start_date,end_date\n"
	                            "NC-1,NEWCO,1000,2024-04-01,2025-03-31\n", problems, sizeof problems),
	             0, "%s", problems);
	cr_expect_eq(matching(&f, "contracts", "newco"), 1);
	cr_assert_eq(record_set(&p, 0, "RENAMEDCO", &f.cfg, &err), 0);
	cr_assert_eq(store_write(&f.s, WRITE_UPDATE, &p, &err), 0, "%s", err.msg);
	cr_expect_eq(matching(&f, "contracts", "renamedco"), 1, "found by the new code");
	cr_expect_eq(matching(&f, "contracts", "newco"), 0, "not by the old");
	record_clear(&p);
	fixture_done(&f);
}

/* Two letters in a few rows at both ends of a long list: the walk that
 * runs out of budget on the way hands over to a scan of the text, which
 * carries on from the last row it gave, and the count agrees. */
Test(list, a_short_word_in_rows_far_apart_is_found_in_order)
{
	struct fixture f;
	fixture_init(&f, false);
	fixture_import_rows(&f, "providers", "code,name", 12000, far_apart_row);
	struct list_query q;
	list_query_init(&q, kind_find("providers"));
	q.sort_field = 0;
	snprintf(q.filter, sizeof q.filter, "y9");
	struct seen all;
	walk(&f, &q, false, 3, &all);
	cr_assert_eq(all.count, 5);
	const char *expected[] = {"P00000", "P00001", "P11997", "P11998", "P11999"};
	for (int i = 0; i < 5; i++)
		cr_expect_str_eq(all.codes[i], expected[i]);
	walk(&f, &q, true, 2, &all);
	cr_assert_eq(all.count, 5);
	cr_expect_str_eq(all.codes[0], "P11999");
	cr_expect_str_eq(all.codes[4], "P00000");
	int64_t n = 0;
	struct error err = {0};
	cr_assert_eq(list_count_upto(&f.s, &q, 1001, &n, &err), 0, "%s", err.msg);
	cr_expect_eq(n, 5);
	fixture_done(&f);
}

/* Every kind of narrowing at once: three matches (two of them by part
 * of a text), a date range, four filter words, a reverse sort.  The
 * statement cache's key for such a query once overflowed a 64-bit
 * integer (undefined behaviour, caught by the sanitizer build); the
 * rows found must be those that hold every condition. */
Test(list, three_matches_a_range_and_four_words_at_once)
{
	struct fixture f;
	fixture_init(&f, true);
	const struct kind *k = kind_find("spot-purchases");
	struct list_query q;
	list_query_init(&q, k);
	struct list_match *m = list_match_put(&q, kind_field_index(k, "therapy"));
	snprintf(m->text, sizeof m->text, "slt");
	m = list_match_put(&q, kind_field_index(k, "invoice_ref"));
	m->contains = true;
	snprintf(m->text, sizeof m->text, "/2021/");
	m = list_match_put(&q, kind_field_index(k, "ref"));
	m->contains = true;
	snprintf(m->text, sizeof m->text, "SP-2021");
	q.range_start_field = kind_field_index(k, "start_date");
	q.range_end_field = kind_field_index(k, "end_date");
	q.range_from = date_from_ymd(2021, 4, 1);
	q.range_to = date_from_ymd(2022, 3, 31);
	q.sort_field = kind_field_index(k, "start_date");
	q.descending = true;
	snprintf(q.filter, sizeof q.filter, "s p 2 1");
	int64_t n;
	struct error err = {0};
	cr_assert_eq(list_count(&f.s, &q, &n, &err), 0, "%s", err.msg);
	struct seen all;
	walk(&f, &q, false, 7, &all);
	cr_expect_eq(all.count, n, "counted %lld, walked %d", (long long)n, all.count);
	cr_expect_gt(n, 0, "the demo has SLT purchases of 2021 in 2021-22");
	for (int i = 0; i < all.count && i < MAX_SEEN; i++)
		cr_expect(strncmp(all.codes[i], "SP-2021", 7) == 0, "%s", all.codes[i]);
	fixture_done(&f);
}
