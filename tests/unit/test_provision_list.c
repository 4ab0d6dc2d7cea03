/* test_provision_list.c: what the Provision tab's filters rest on: a
 * span of days as people type it (core/day_range.c), a list narrowed
 * through a reference (sessions by their entry's child) or by part of a
 * text (a therapist), and a session's line (its entry and child). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "core/day_range.h"
#include "core/fields.h"
#include "core/list.h"
#include "core/provision_line.h"
#include "core/store.h"
#include "tests/support/fixture.h"

static day_t ymd(int y, int m, int d)
{
	return date_from_ymd(y, m, d);
}

static void expect_range(const char *text, day_t from, day_t to)
{
	day_t a = 0, b = 0;
	char why[DAY_RANGE_MESSAGE_MAX] = "";
	cr_assert(day_range_parse(text, &a, &b, why, sizeof why), "\"%s\": %s", text, why);
	cr_expect_eq(a, from, "\"%s\" starts on the wrong day", text);
	cr_expect_eq(b, to, "\"%s\" ends on the wrong day", text);
}

static void expect_refused(const char *text, const char *reason)
{
	day_t a, b;
	char why[DAY_RANGE_MESSAGE_MAX] = "";
	cr_assert_not(day_range_parse(text, &a, &b, why, sizeof why), "\"%s\" was taken", text);
	cr_expect(strstr(why, reason) != NULL, "\"%s\": \"%s\" lacks \"%s\"", text, why, reason);
}

Test(day_range, the_forms_people_type)
{
	expect_range("2026-09-01..2026-11-30", ymd(2026, 9, 1), ymd(2026, 11, 30));
	expect_range(" 2026-09-01 .. 2026-11-30 ", ymd(2026, 9, 1), ymd(2026, 11, 30));
	expect_range("2026-11", ymd(2026, 11, 1), ymd(2026, 11, 30));
	expect_range("2024-02", ymd(2024, 2, 1), ymd(2024, 2, 29));
	expect_range("2026", ymd(2026, 1, 1), ymd(2026, 12, 31));
	expect_range("2026-11-03", ymd(2026, 11, 3), ymd(2026, 11, 3));
	expect_range("03/11/2026", ymd(2026, 11, 3), ymd(2026, 11, 3));
	expect_range("2026-09..2026-11", ymd(2026, 9, 1), ymd(2026, 11, 30));
	expect_range("..2026-11-30", ymd(DATE_MIN_YEAR, 1, 1), ymd(2026, 11, 30));
	expect_range("2026-09-01..", ymd(2026, 9, 1), ymd(DATE_MAX_YEAR, 12, 31));
}

Test(day_range, what_is_not_a_range_says_why)
{
	expect_refused("", "no dates");
	expect_refused("..", "at least one side");
	expect_refused("2026-11-30..2026-09-01", "ends before it starts");
	expect_refused("2026-13", "2026-13");
	expect_refused("2026-02-30..2026-03-01", "2026-02-30");
	expect_refused("soon", "soon");
	expect_refused("0999", "not a year");
}

Test(day_range, reads_back_as_typed)
{
	char buf[48];
	day_range_text(ymd(2026, 11, 1), ymd(2026, 11, 30), buf, sizeof buf);
	cr_expect_str_eq(buf, "2026-11");
	day_range_text(ymd(2026, 1, 1), ymd(2026, 12, 31), buf, sizeof buf);
	cr_expect_str_eq(buf, "2026");
	day_range_text(ymd(2026, 11, 3), ymd(2026, 11, 3), buf, sizeof buf);
	cr_expect_str_eq(buf, "2026-11-03");
	day_range_text(ymd(2026, 9, 1), ymd(2026, 11, 29), buf, sizeof buf);
	cr_expect_str_eq(buf, "2026-09-01..2026-11-29");
	day_range_text(ymd(2026, 9, 1), ymd(DATE_MAX_YEAR, 12, 31), buf, sizeof buf);
	cr_expect_str_eq(buf, "from 2026-09-01");
	day_range_text(ymd(DATE_MIN_YEAR, 1, 1), ymd(2026, 11, 30), buf, sizeof buf);
	cr_expect_str_eq(buf, "up to 2026-11-30");
}

/* ---- lists of sessions ---------------------------------------------------- */

static struct fixture f;

static void import_ok(const char *kind, const char *csv)
{
	char problems[4096] = "";
	cr_assert_eq(fixture_import(&f, kind, csv, problems, sizeof problems), 0, "import %s: %s", kind,
	             problems);
}

/* Two children; Ada has two entries, Ben one; sessions on each. */
static void setup(void)
{
	fixture_init(&f, false);
	import_ok("children", "ref,first_name,last_name,date_of_birth,upn\n"
	                      "C1,Ada,Lovelace,2015-01-01,\nC2,Ben,Okri,2015-02-02,\n");
	import_ok("therapy-entries", "ref,child,section,therapy,start_date,minutes_per_week\n"
	                             "E1,C1,F,slt,2024-01-01,60\nE2,C1,G,ot,2024-01-01,30\n"
	                             "E3,C2,F,slt,2024-01-01,60\n");
	import_ok("provision", "entry,date,minutes,therapist,ref,outcome\n"
	                       "E1,2024-03-04,60,Jo Smith,S1,delivered\n"
	                       "E2,2024-03-05,30,Kim Lee,S2,child-absent\n"
	                       "E3,2024-03-06,60,JO SMITHSON,S3,delivered\n"
	                       "E1,2024-04-01,45,,S4,delivered\n"
	                       "E3,2024-04-02,60,Kim Lee,S5,provider-cancelled\n");
}

static void teardown(void)
{
	fixture_done(&f);
}

TestSuite(provision_list, .init = setup, .fini = teardown);

struct refs {
	char text[128];
	int rows;
	struct list_key last;
};

static int add_ref(void *ctx, const struct record *r, const struct list_key *key)
{
	struct refs *refs = ctx;
	size_t used = strlen(refs->text);
	snprintf(refs->text + used, sizeof refs->text - used, "%s%s", used ? " " : "",
	         r->values[PROVISION_REF].text);
	refs->rows++;
	refs->last = *key;
	return 0;
}

/* The refs of the sessions q lists, newest first, two at a time (so the
 * pages meet at a position inside the narrowed list), and their count. */
static const char *listed(struct list_query *q, int64_t *count)
{
	static struct refs refs;
	struct error err = {0};
	struct list_key from;
	bool started = false;
	memset(&refs, 0, sizeof refs);
	q->sort_field = PROVISION_DATE;
	q->descending = true;
	for (;;) {
		int before = refs.rows;
		cr_assert_eq(list_fetch(&f.s, q, started ? &from : NULL, false, 2, add_ref, &refs, &err), 0,
		             "%s", err.msg);
		if (refs.rows - before < 2)
			break;
		from = refs.last;
		started = true;
	}
	cr_assert_eq(list_count(&f.s, q, count, &err), 0, "%s", err.msg);
	return refs.text;
}

static int64_t id_of(enum kind_id kind, const char *key)
{
	struct record r;
	struct error err = {0};
	bool found = false;
	record_init(&r, kinds[kind]);
	cr_assert_eq(store_load_by_key(&f.s, &r, key, &found, &err), 0, "%s", err.msg);
	cr_assert(found, "no %s", key);
	int64_t id = r.id;
	record_clear(&r);
	return id;
}

Test(provision_list, newest_first_narrowed_to_a_child_or_an_entry)
{
	struct list_query q;
	int64_t count;
	list_query_init(&q, kinds[KIND_PROVISION]);
	cr_expect_str_eq(listed(&q, &count), "S5 S4 S3 S2 S1");
	cr_expect_eq(count, 5);
	q.parent_field = PROVISION_ENTRY;
	q.parent_through = true;
	q.through_field = ENTRY_CHILD;
	q.parent_id = id_of(KIND_CHILDREN, "C1");
	cr_expect_str_eq(listed(&q, &count), "S4 S2 S1", "Ada's sessions, on both her entries");
	cr_expect_eq(count, 3);
	/* With part of a therapist's name as well. */
	struct list_match *m = list_match_put(&q, PROVISION_THERAPIST);
	snprintf(m->text, sizeof m->text, "lee");
	m->contains = true;
	cr_expect_str_eq(listed(&q, &count), "S2");
	list_match_drop(&q, PROVISION_THERAPIST);
	q.parent_field = -1;
	q.parent_through = false;
	m = list_match_put(&q, PROVISION_ENTRY);
	m->id = id_of(KIND_THERAPY_ENTRIES, "E1");
	cr_expect_str_eq(listed(&q, &count), "S4 S1", "one entry");
	cr_expect_eq(q.match_count, 1);
	cr_expect(list_match_drop(&q, PROVISION_ENTRY));
	cr_expect_not(list_match_drop(&q, PROVISION_ENTRY));
	cr_expect_null(list_match_find(&q, PROVISION_ENTRY));
}

Test(provision_list, a_therapist_by_part_of_the_name_in_any_case_and_a_month)
{
	struct list_query q;
	int64_t count;
	list_query_init(&q, kinds[KIND_PROVISION]);
	struct list_match *m = list_match_put(&q, PROVISION_THERAPIST);
	snprintf(m->text, sizeof m->text, "jo smith");
	m->contains = true;
	cr_expect_str_eq(listed(&q, &count), "S3 S1");
	cr_expect_eq(count, 2);
	/* The same text as an equality: only the exact name. */
	m->contains = false;
	snprintf(m->text, sizeof m->text, "Jo Smith");
	cr_expect_str_eq(listed(&q, &count), "S1");
	/* % is a character, not a wildcard. */
	m->contains = true;
	snprintf(m->text, sizeof m->text, "%%");
	cr_expect_str_eq(listed(&q, &count), "");
	cr_expect_eq(count, 0);
	list_match_drop(&q, PROVISION_THERAPIST);
	day_t from, to;
	char why[DAY_RANGE_MESSAGE_MAX];
	cr_assert(day_range_parse("2024-03", &from, &to, why, sizeof why));
	q.range_start_field = q.range_end_field = PROVISION_DATE;
	q.range_from = from;
	q.range_to = to;
	cr_expect_str_eq(listed(&q, &count), "S3 S2 S1");
	cr_expect_eq(count, 3);
}

Test(provision_list, a_session_line_names_the_entry_and_the_child)
{
	struct provision_line line;
	struct error err = {0};
	cr_assert_eq(provision_line_of_entry(&f.s, "E2", &line, &err), 0, "%s", err.msg);
	cr_expect_str_eq(line.entry_ref, "E2");
	cr_expect_str_eq(line.therapy, "OT");
	cr_expect_str_eq(line.section, "G");
	cr_expect_str_eq(line.child_ref, "C1");
	cr_expect_str_eq(line.child_name, "Ada Lovelace");
	cr_expect_eq(line.child_id, id_of(KIND_CHILDREN, "C1"));
	cr_expect_neq(provision_line_of_entry(&f.s, "E9", &line, &err), 0);
	cr_expect(strstr(err.msg, "E9") != NULL, "%s", err.msg);
	char words[32];
	cr_expect_str_eq(provision_outcome_words("provider-cancelled", words, sizeof words),
	                 "provider cancelled");
	cr_expect_str_eq(provision_outcome_words(NULL, words, sizeof words), "delivered");
}
