/* test_recordview.c: the parts of record views and record lists that need
 * no terminal: wrapping text to the width in use, the neighbour selected
 * after a delete, the parent filled in on add, and the rate in force
 * that the Contracts list shows. */
#include <criterion/criterion.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "core/fields.h"
#include "core/report_contracts.h"
#include "core/store.h"
#include "tests/support/fixture.h"
#include "tui/recordlist.h"
#include "tui/text.h"

/* ---- wrapping ---- */

static int wrap(const char *text, int width, struct wrap_line *lines, int max)
{
	setlocale(LC_ALL, "C.UTF-8");
	return text_wrap(text, width, lines, max);
}

static const char *part(const char *text, const struct wrap_line *l, char *buf)
{
	snprintf(buf, 256, "%.*s", l->len, text + l->start);
	return buf;
}

Test(wrap, breaks_at_spaces_within_the_width)
{
	const char *text = "the provider delivered services without a signed contract";
	struct wrap_line l[8];
	char buf[256];
	int n = wrap(text, 20, l, 8);
	cr_assert_eq(n, 4);
	cr_expect_str_eq(part(text, &l[0], buf), "the provider");
	cr_expect_str_eq(part(text, &l[1], buf), "delivered services");
	cr_expect_str_eq(part(text, &l[2], buf), "without a signed");
	cr_expect_str_eq(part(text, &l[3], buf), "contract");
}

Test(wrap, the_same_text_takes_more_lines_when_narrower)
{
	const char *text = "Retrospective contract for 1 April 2023 to 31 March 2024 (Decision "
	                   "24/00008 recommendation A); the provider delivered services";
	struct wrap_line l[16];
	int wide = wrap(text, 74, l, 16), narrow = wrap(text, 59, l, 16);
	cr_expect_eq(wide, 2);
	cr_expect_eq(narrow, 3);
	for (int i = 0; i < narrow; i++)
		cr_expect_leq(l[i].len, 59, "line %d is %d long", i, l[i].len);
}

Test(wrap, counts_display_columns_and_never_splits_a_character)
{
	/* "£" and "é" are two bytes and one column each. */
	const char *text = "£752,905 café £725,905";
	struct wrap_line l[4];
	char buf[256];
	int n = wrap(text, 13, l, 4);
	cr_assert_eq(n, 2);
	cr_expect_str_eq(part(text, &l[0], buf), "£752,905 café");
	cr_expect_str_eq(part(text, &l[1], buf), "£725,905");
	/* A word longer than the line is cut, between characters. */
	n = wrap("ééééé", 2, l, 4);
	cr_assert_eq(n, 3);
	cr_expect_eq(l[0].len, 4);
	cr_expect_eq(l[2].len, 2);
}

/* Where the locale cannot show "£" it is drawn as "GBP": three columns,
 * so the line breaks where the drawn text would pass the edge (a word
 * was lost past the right edge under LC_ALL=C). */
Test(wrap, counts_columns_as_drawn_under_an_ascii_locale)
{
	text_set_charset(TEXT_CHARSET_ASCII);
	const char *text = "total £2.28M of para 2.1";
	struct wrap_line l[4];
	char buf[256];
	int n = wrap(text, 13, l, 4);
	text_set_charset(TEXT_CHARSET_LOCALE);
	cr_assert_eq(n, 3);
	cr_expect_str_eq(part(text, &l[0], buf), "total");
	cr_expect_str_eq(part(text, &l[1], buf), "£2.28M of");
	cr_expect_str_eq(part(text, &l[2], buf), "para 2.1");
}

Test(wrap, newlines_break_and_empty_text_is_one_line)
{
	struct wrap_line l[4];
	cr_expect_eq(wrap("", 10, l, 4), 1);
	cr_expect_eq(l[0].len, 0);
	cr_expect_eq(wrap("one\ntwo", 10, l, 4), 2);
	cr_expect_eq(l[1].start, 4);
	/* More lines than room: the count is still right. */
	cr_expect_eq(wrap("a b c d e f", 1, l, 2), 6);
}

/* ---- deleting: the neighbour is selected ---- */

static const struct listview_column provider_columns[] = {
	{"Code", PROVIDER_CODE, 10, false},
	{"Name", PROVIDER_NAME, 30, false},
};

static void provider_row(int i, char *buf, size_t len)
{
	snprintf(buf, len, "P%05d,Provider %05d", i, i);
}

static void start_providers(struct fixture *f, struct tui *t, struct listview *lv, int n)
{
	fixture_init(f, false);
	fixture_import_rows(f, "providers", "code,name", n, provider_row);
	memset(t, 0, sizeof *t);
	t->s = &f->s;
	t->cfg = &f->cfg;
	listview_init(lv, kinds[KIND_PROVIDERS], provider_columns, 2);
	lv->height = 20;
	lv->sort_column = 0;
	lv->query.sort_field = PROVIDER_CODE;
	listview_reload(t, lv);
}

static const char *selected_code(const struct listview *lv)
{
	cr_assert_geq(lv->selected, 0, "nothing selected");
	return lv->rows[lv->selected].cells[0];
}

/* Deletes the selected provider as a record view opened from lv does,
 * then reloads as the screen manager does. */
static int delete_selected_from_its_view(struct tui *t, struct listview *lv)
{
	struct pending_delete p = {listview_selected_id(lv), KIND_PROVIDERS, lv, true};
	int flags = record_delete_now(t, &p);
	listview_reload(t, lv);
	return flags;
}

Test(delete, from_a_record_view_closes_it_and_selects_the_next_row)
{
	struct fixture f;
	struct tui t;
	static struct listview lv;
	start_providers(&f, &t, &lv, 10);
	listview_move(&t, &lv, 3);
	cr_assert_str_eq(selected_code(&lv), "P00003");
	int flags = delete_selected_from_its_view(&t, &lv);
	cr_expect(flags & VIEW_CLOSE_BELOW, "the deleted record's view stays open");
	cr_expect(flags & VIEW_RELOAD);
	cr_expect_str_eq(selected_code(&lv), "P00004");
	cr_expect_eq(lv.total, 9);
	cr_expect_str_eq(t.status, "deleted provider P00003");
	fixture_done(&f);
}

Test(delete, the_last_row_leaves_the_previous_one_selected)
{
	struct fixture f;
	struct tui t;
	static struct listview lv;
	start_providers(&f, &t, &lv, 10);
	listview_end(&t, &lv);
	cr_assert_str_eq(selected_code(&lv), "P00009");
	delete_selected_from_its_view(&t, &lv);
	cr_expect_str_eq(selected_code(&lv), "P00008");
	fixture_done(&f);
}

Test(delete, among_rows_that_sort_alike_the_next_is_the_one_after_it)
{
	struct fixture f;
	struct tui t;
	static struct listview lv;
	start_providers(&f, &t, &lv, 10);
	/* No provider has a kind: every row sorts alike, then by id. */
	lv.sort_column = -1;
	lv.query.sort_field = PROVIDER_KIND;
	listview_home(&t, &lv);
	listview_move(&t, &lv, 1);
	cr_assert_str_eq(selected_code(&lv), "P00001");
	delete_selected_from_its_view(&t, &lv);
	cr_expect_str_eq(selected_code(&lv), "P00002");
	fixture_done(&f);
}

Test(delete, the_neighbour_when_the_view_was_opened_far_down_a_long_list)
{
	struct fixture f;
	struct tui t;
	static struct listview lv;
	start_providers(&f, &t, &lv, 3000);
	listview_move(&t, &lv, 2500);
	cr_assert_str_eq(selected_code(&lv), "P02500");
	delete_selected_from_its_view(&t, &lv);
	cr_expect_str_eq(selected_code(&lv), "P02501");
	fixture_done(&f);
}

/* ---- adding: the parent is filled in ---- */

Test(add, a_record_of_a_parent_filtered_list_names_the_parent)
{
	struct fixture f;
	fixture_init(&f, true);
	struct record contract, value;
	record_init(&contract, kinds[KIND_CONTRACTS]);
	bool found = false;
	struct error err = {0};
	cr_assert_eq(store_load_by_key(&f.s, &contract, "KCHFT-W-2024", &found, &err), 0, "%s", err.msg);
	cr_assert(found);
	record_init(&value, kinds[KIND_CONTRACT_VALUES]);
	cr_assert_eq(record_fill_parent(&f.s, &f.cfg, &value, CVALUE_CONTRACT, contract.id, &err), 0, "%s",
	             err.msg);
	cr_expect_str_eq(value.values[CVALUE_CONTRACT].text, "KCHFT-W-2024");
	/* A provider's contracts name the provider by its code. */
	struct record provider, c2;
	record_init(&provider, kinds[KIND_PROVIDERS]);
	cr_assert_eq(store_load_by_key(&f.s, &provider, "KCHFT", &found, &err), 0, "%s", err.msg);
	cr_assert(found);
	record_init(&c2, kinds[KIND_CONTRACTS]);
	cr_assert_eq(record_fill_parent(&f.s, &f.cfg, &c2, CONTRACT_PROVIDER, provider.id, &err), 0, "%s",
	             err.msg);
	cr_expect_str_eq(c2.values[CONTRACT_PROVIDER].text, "KCHFT");
	/* A parent that is gone is an error, not an empty field. */
	record_clear(&value);
	record_init(&value, kinds[KIND_CONTRACT_VALUES]);
	cr_expect_neq(record_fill_parent(&f.s, &f.cfg, &value, CVALUE_CONTRACT, 999999, &err), 0);
	record_clear(&c2);
	record_clear(&provider);
	record_clear(&value);
	record_clear(&contract);
	fixture_done(&f);
}

/* ---- the rate in force ---- */

Test(rate_today, follows_the_value_history)
{
	struct fixture f;
	fixture_init(&f, false);
	cr_assert_eq(fixture_import(&f, "providers", "code,name\nPRV,A provider\n", NULL, 0), 0);
	cr_assert_eq(fixture_import(&f, "contracts",
	                            "ref,provider,annual_value,start_date,end_date\n"
	                            "C-1,PRV,1000.00,2024-04-01,2026-03-31\n", NULL, 0), 0);
	cr_assert_eq(fixture_import(&f, "contract-values",
	                            "contract,from_date,annual_value\n"
	                            "C-1,2025-04-01,1200.00\n", NULL, 0), 0);
	struct record c;
	record_init(&c, kinds[KIND_CONTRACTS]);
	bool found = false;
	struct error err = {0};
	cr_assert_eq(store_load_by_key(&f.s, &c, "C-1", &found, &err), 0, "%s", err.msg);
	struct contract_standing st;
	day_t day;
	const char *reason;
	cr_assert(date_parse("2025-03-31", &day, &reason));
	cr_assert_eq(contract_summary(&f.s, &c, day, &st, &err), 0, "%s", err.msg);
	cr_expect_eq(st.rate, 100000);
	cr_expect_eq(st.lifetime, 220000);
	cr_assert(date_parse("2025-04-01", &day, &reason));
	cr_assert_eq(contract_summary(&f.s, &c, day, &st, &err), 0, "%s", err.msg);
	cr_expect_eq(st.rate, 120000);
	/* Before the start, the starting value. */
	cr_assert(date_parse("2020-01-01", &day, &reason));
	cr_assert_eq(contract_summary(&f.s, &c, day, &st, &err), 0, "%s", err.msg);
	cr_expect_eq(st.rate, 100000);
	record_clear(&c);
	fixture_done(&f);
}
