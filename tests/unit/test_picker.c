/* test_picker.c: the reference picker's logic, against a database and
 * without a terminal: what a row says, typing into the search, and the
 * record that Enter would hand back. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/record.h"
#include "tests/support/fixture.h"
#include "tui/picker.h"

static const char children_csv[] =
	"ref,first_name,last_name,date_of_birth\n"
	"CH-0001,Lee,Ashby,2014-03-02\n"
	"CH-0002,Amélie,Durand,2015-06-11\n"
	"CH-0003,Sam,Ashworth,2013-01-20\n"
	"CH-0010,Priya,Shah,2016-09-09\n";

static const char providers_csv[] =
	"code,name,kind\n"
	"EKHUFT,East Kent Hospitals University NHS Foundation Trust,nhs-trust\n"
	"TALK,Talking Point Therapy,independent\n";

static const char contracts_csv[] =
	"ref,provider,annual_value,start_date,end_date,title\n"
	"EKHUFT-2024,EKHUFT,752905,2024-04-01,2025-08-31,Therapy for SEN pupils\n";

/* Its own records, not the demo's, so the counts below stay true
 * whatever the demo data grows into. */
static void start(struct fixture *f, struct tui *t)
{
	fixture_init(f, false);
	char problems[512] = "";
	cr_assert_eq(fixture_import(f, "providers", providers_csv, problems, sizeof problems), 0, "%s",
	             problems);
	cr_assert_eq(fixture_import(f, "contracts", contracts_csv, problems, sizeof problems), 0, "%s",
	             problems);
	cr_assert_eq(fixture_import(f, "children", children_csv, problems, sizeof problems), 0, "%s",
	             problems);
	memset(t, 0, sizeof *t);
	t->s = &f->s;
	t->cfg = &f->cfg;
}

static const char *selected_row(const struct picker *p)
{
	cr_assert_geq(p->lv.selected, 0, "nothing selected");
	return p->lv.rows[p->lv.selected].cells[0];
}

static void type(struct tui *t, struct picker *p, const char *text)
{
	for (const char *c = text; *c; c++)
		cr_assert(picker_type(t, p, (unsigned char)*c));
}

Test(picker, rows_name_the_key_then_the_name)
{
	struct fixture f;
	struct tui t;
	start(&f, &t);
	static struct picker p;
	picker_init(&t, &p, kind_find("children"), "");
	cr_expect_eq(p.lv.total, 4);
	cr_expect_str_eq(selected_row(&p), "CH-0001 Lee Ashby", "in key order, the first selected");
	picker_init(&t, &p, kind_find("providers"), "EKHUFT");
	cr_expect_str_eq(selected_row(&p), "EKHUFT East Kent Hospitals University NHS Foundation Trust");
	picker_init(&t, &p, kind_find("contracts"), "EKHUFT-2024");
	cr_expect_eq(p.lv.total, 1);
	cr_expect_str_eq(selected_row(&p), "EKHUFT-2024 Therapy for SEN pupils",
	                 "a contract has no required name: its title follows the key");
	fixture_done(&f);
}

Test(picker, typing_narrows_to_any_part_of_key_or_name)
{
	struct fixture f;
	struct tui t;
	start(&f, &t);
	static struct picker p;
	picker_init(&t, &p, kind_find("children"), "");
	type(&t, &p, "Ash");
	cr_expect_str_eq(p.lv.query.filter, "Ash");
	cr_expect_eq(p.lv.total, 2, "Ashby and Ashworth");
	cr_expect_str_eq(selected_row(&p), "CH-0001 Lee Ashby");
	type(&t, &p, "w");
	cr_expect_eq(p.lv.total, 1);
	cr_expect_str_eq(selected_row(&p), "CH-0003 Sam Ashworth");
	picker_backspace(&t, &p);
	cr_expect_str_eq(p.lv.query.filter, "Ash");
	cr_expect_eq(p.lv.total, 2, "Backspace widens the search again");
	fixture_done(&f);
}

Test(picker, moving_then_choosing_gives_that_record)
{
	struct fixture f;
	struct tui t;
	start(&f, &t);
	static struct picker p;
	picker_init(&t, &p, kind_find("children"), "ash");
	picker_move(&t, &p, 1);
	struct record r;
	cr_assert_eq(picker_selected(&t, &p, &r), 0, "%s", t.status);
	cr_expect_str_eq(r.values[0].text, "CH-0003");
	cr_expect_gt(r.id, 0);
	record_clear(&r);
	fixture_done(&f);
}

Test(picker, nothing_matching_chooses_nothing)
{
	struct fixture f;
	struct tui t;
	start(&f, &t);
	static struct picker p;
	picker_init(&t, &p, kind_find("children"), "Zebedee");
	cr_expect_eq(p.lv.total, 0);
	cr_expect_eq(p.lv.selected, -1);
	struct record r;
	cr_expect_neq(picker_selected(&t, &p, &r), 0);
	record_clear(&r);
	cr_expect(t.status_is_error);
	cr_expect(strstr(t.status, "nothing matches \"Zebedee\"") != NULL, "%s", t.status);
	fixture_done(&f);
}

Test(picker, utf8_typed_and_removed_whole)
{
	struct fixture f;
	struct tui t;
	start(&f, &t);
	static struct picker p;
	picker_init(&t, &p, kind_find("children"), "Am");
	cr_assert(picker_type(&t, &p, 0xE9));   /* é */
	cr_expect_str_eq(p.lv.query.filter, "Am\xC3\xA9");
	cr_expect_eq(p.lv.total, 1);
	cr_expect_str_eq(selected_row(&p), "CH-0002 Amélie Durand");
	picker_backspace(&t, &p);
	cr_expect_str_eq(p.lv.query.filter, "Am", "both bytes of é go");
	picker_backspace(&t, &p);
	picker_backspace(&t, &p);
	picker_backspace(&t, &p);
	cr_expect_str_eq(p.lv.query.filter, "", "Backspace on nothing stays nothing");
	cr_expect_eq(p.lv.total, 4);
	fixture_done(&f);
}

Test(picker, the_search_refuses_what_would_not_fit)
{
	struct fixture f;
	struct tui t;
	start(&f, &t);
	static struct picker p;
	char longest[LIST_FILTER_MAX];
	memset(longest, 'x', sizeof longest - 2);
	longest[sizeof longest - 2] = '\0';
	picker_init(&t, &p, kind_find("children"), longest);
	cr_expect(picker_type(&t, &p, 'y'), "one byte still fits");
	cr_expect_not(picker_type(&t, &p, 'z'));
	cr_expect_eq(strlen(p.lv.query.filter), LIST_FILTER_MAX - 1);
	/* An initial text too long is cut at a character boundary. */
	char accents[LIST_FILTER_MAX + 8] = "";
	while (strlen(accents) + 2 < sizeof accents)
		strcat(accents, "\xC3\xA9");
	picker_init(&t, &p, kind_find("children"), accents);
	size_t n = strlen(p.lv.query.filter);
	cr_expect_lt(n, (size_t)LIST_FILTER_MAX);
	cr_expect_eq(n % 2, 0, "no half of an é is left at the end");
	fixture_done(&f);
}

Test(picker, a_whole_key_typed_chooses_that_record_first)
{
	struct fixture f;
	struct tui t;
	start(&f, &t);
	cr_assert_eq(fixture_import(&f, "providers", "code,name\nAB-EKHUFT,A namesake\n", NULL, 0), 0);
	static struct picker p;
	picker_init(&t, &p, kind_find("providers"), "EKHUF");
	type(&t, &p, "T");
	cr_expect_eq(p.lv.total, 2);
	cr_expect_str_eq(selected_row(&p), "EKHUFT East Kent Hospitals University NHS Foundation Trust",
	                 "the key typed in full is selected, not the first in key order");
	cr_expect_eq(p.lv.top, 0, "the other match stays in view");
	struct record r;
	cr_assert_eq(picker_selected(&t, &p, &r), 0, "%s", t.status);
	cr_expect_str_eq(r.values[0].text, "EKHUFT");
	record_clear(&r);
	/* Moving still chooses another. */
	picker_move(&t, &p, -1);
	cr_assert_eq(picker_selected(&t, &p, &r), 0, "%s", t.status);
	cr_expect_str_eq(r.values[0].text, "AB-EKHUFT");
	record_clear(&r);
	picker_backspace(&t, &p);
	cr_expect_str_eq(selected_row(&p), "AB-EKHUFT A namesake", "\"EKHUF\" is no key: the first match");
	fixture_done(&f);
}

static void quay_row(int i, char *buf, size_t len)
{
	snprintf(buf, len, "Q%04d,Quay Therapy %04d", i, i);
}

/* Typing into a large table counts no further than the lists do. */
Test(picker, the_count_stops_where_the_lists_stop)
{
	struct fixture f;
	struct tui t;
	start(&f, &t);
	fixture_import_rows(&f, "providers", "code,name", 1200, quay_row);
	static struct picker p;
	picker_init(&t, &p, kind_find("providers"), "");
	cr_expect_eq(p.lv.total, 1202, "no filter: every provider, counted");
	type(&t, &p, "q");
	cr_expect_eq(p.lv.total, LISTVIEW_COUNT_CAP + 1, "over 1000 found");
	type(&t, &p, "01");
	cr_expect_eq(p.lv.total, 100, "Q0100-Q0199");
	fixture_done(&f);
}
