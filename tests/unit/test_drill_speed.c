/* test_drill_speed.c: the lists a report's row opens, as the screens
 * open them a page at a time: the pages of the Section F entries behind
 * each funding figure are that figure's entries, each once, in entry
 * ref order, also after a child or an entry moves to another district;
 * a sections row's list counts after its first page and still counts
 * the row's entries. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/report.h"
#include "core/report_drill.h"
#include "core/report_funding.h"
#include "tests/support/collect.h"
#include "tests/support/fixture.h"

static struct fixture f;
static struct collected *got;

static void import_ok(const char *kind, const char *csv)
{
	char problems[4096] = "";
	int rc = fixture_import(&f, kind, csv, problems, sizeof problems);
	cr_assert_eq(rc, 0, "import %s: %s", kind, problems);
}

/* On 2024-06-01 every route has entries: C-SWA covers Swale for ot (a
 * draft covers it for slt); SP1 funds CH3's slt; PB1 has a therapy
 * amount.  Swale's ot has five contract entries over three children,
 * entered out of ref order, so a page of two ends inside a child; CH4
 * has no district. */
static void setup(void)
{
	fixture_init(&f, false);
	got = calloc(1, sizeof *got);
	cr_assert_not_null(got);
	import_ok("providers", "code,name\nP1,Provider one\n");
	import_ok("contracts",
	          "ref,provider,annual_value,start_date,end_date,status\n"
	          "C-SWA,P1,1000,2024-01-01,2024-12-31,active\n"
	          "C-DRAFT,P1,1000,2024-01-01,2024-12-31,draft\n");
	import_ok("coverage", "contract,district,therapy\nC-SWA,SWA,ot\nC-DRAFT,SWA,slt\n");
	import_ok("children",
	          "ref,first_name,last_name,date_of_birth,district\n"
	          "CH1,Ann,One,2015-03-01,SWA\nCH2,Bob,Two,2019-06-02,SWA\n"
	          "CH3,Cal,Three,2008-01-01,SWA\nCH4,Dee,Four,2004-05-05,\n"
	          "CH5,Eve,Five,2010-01-01,DOV\n");
	import_ok("spot-purchases",
	          "ref,child,provider,therapy,start_date,cost,end_date\n"
	          "SP1,CH3,P1,slt,2024-01-01,100,\n");
	import_ok("personal-budgets",
	          "ref,child,start_date,end_date,amount,therapy_amount\n"
	          "PB1,CH2,2023-09-01,2024-08-31,1000,500\n");
	import_ok("therapy-entries",
	          "ref,child,section,therapy,start_date,end_date,funding,contract,minutes_per_week\n"
	          "TE-09,CH1,F,ot,2024-01-01,,contract,C-SWA,60\n"
	          "TE-01,CH3,F,ot,2024-01-01,,contract,C-SWA,30\n"
	          "TE-05,CH1,F,ot,2024-01-01,,contract,C-SWA,45\n"
	          "TE-03,CH2,F,ot,2024-01-01,,contract,C-SWA,20\n"
	          "TE-07,CH1,F,ot,2024-01-01,,contract,C-SWA,\n"
	          "TE-02,CH1,F,slt,2024-01-01,,contract,C-DRAFT,30\n"
	          "TE-04,CH3,F,slt,2024-01-01,,spot,,20\n"
	          "TE-06,CH2,F,slt,2024-01-01,,pb,,30\n"
	          "TE-08,CH4,F,slt,2024-01-01,,,,\n"
	          "TE-10,CH1,F,at,2024-01-01,,school,,10\n"
	          "TE-11,CH1,G,ot,2024-01-01,,nhs,,40\n"
	          "TE-12,CH2,F,ot,2024-01-01,2024-05-31,contract,C-SWA,60\n"
	          "TE-13,CH3,F,ot,2024-07-01,,contract,C-SWA,60\n"
	          "TE-14,CH5,F,ot,2024-01-01,,nhs,,15\n");
}

static void teardown(void)
{
	free(got);
	fixture_done(&f);
}

TestSuite(drill_speed, .init = setup, .fini = teardown);

static day_t june(void)
{
	return date_from_ymd(2024, 6, 1);
}

static void run_on(const char *name)
{
	struct error err = {0};
	struct report_options opt = {.on = june()};
	cr_assert_eq(collect_report(&f.s, report_find(name), &opt, got, &err), 0, "%s", err.msg);
}

/* The entries a screen's pages gave, as "entry child" lines. */
struct pages {
	char rows[32][64];
	int count, in_page;
};

static int take(void *ctx, const struct report_f_entry *e)
{
	struct pages *p = ctx;
	cr_assert_lt(p->count, 32);
	snprintf(p->rows[p->count++], sizeof p->rows[0], "%s %s", e->ref, e->child);
	p->in_page++;
	return 0;
}

/* Pages of `limit` from the start, each after the last row of the one
 * before, until one comes short. */
static void read_pages(const char *funding, const char *district, const char *therapy,
                       int limit, struct pages *p)
{
	memset(p, 0, sizeof *p);
	char entry[64] = "";
	for (int page = 0; page < 32; page++) {
		p->in_page = 0;
		struct error err = {0};
		int rc = report_f_entries_page(&f.s, june(), funding, district, therapy,
		                               page ? entry : NULL, limit, take, p, &err);
		cr_assert_eq(rc, 0, "%s", err.msg);
		cr_assert_leq(p->in_page, limit);
		if (p->in_page < limit)
			return;
		sscanf(p->rows[p->count - 1], "%63s", entry);
	}
	cr_assert_fail("the pages never ended");
}

/* Every row of section-f-funding, read in pages of 1 to 3: as many
 * entries as the row's figure, in entry ref order, none twice. */
static void every_rows_pages_are_its_figure(void)
{
	run_on("section-f-funding");
	int district = collected_column(got, "district"), therapy = collected_column(got, "therapy"),
	    funding = collected_column(got, "funding"), entries = collected_column(got, "entries");
	cr_assert_geq(got->rows, 6, "contract, spot, pb, school, none and nhs");
	for (int r = 0; r < got->rows; r++) {
		for (int limit = 1; limit <= 3; limit++) {
			struct pages p;
			read_pages(got->text[r][funding], got->text[r][district], got->text[r][therapy],
			           limit, &p);
			cr_expect_eq(p.count, got->n[r][entries], "%s %s %s in pages of %d: %d of %lld",
			             got->text[r][district], got->text[r][therapy], got->text[r][funding],
			             limit, p.count, (long long)got->n[r][entries]);
			for (int i = 1; i < p.count; i++)
				cr_expect_lt(strcmp(p.rows[i - 1], p.rows[i]), 0, "%s then %s", p.rows[i - 1],
				             p.rows[i]);
		}
	}
}

Test(drill_speed, the_pages_behind_each_funding_figure_are_its_entries_once_in_ref_order)
{
	every_rows_pages_are_its_figure();
	/* Swale's ot, entered out of ref order, over three children. */
	struct pages p;
	read_pages("contract", "Swale", "ot", 2, &p);
	cr_assert_eq(p.count, 5);
	static const char *const want[] = {"TE-01 CH3", "TE-03 CH2", "TE-05 CH1", "TE-07 CH1",
	                                   "TE-09 CH1"};
	for (int i = 0; i < 5; i++)
		cr_expect_str_eq(p.rows[i], want[i]);
	/* The route is the report's: the draft funds nothing, CH4 has no
	 * district. */
	read_pages("none", "Swale", "slt", 5, &p);
	cr_assert_eq(p.count, 1);
	cr_expect_str_eq(p.rows[0], "TE-02 CH1");
	read_pages("none", "", "slt", 5, &p);
	cr_assert_eq(p.count, 1);
	cr_expect_str_eq(p.rows[0], "TE-08 CH4");
	read_pages("spot", "Swale", "slt", 5, &p);
	cr_expect_eq(p.count, 1);
	read_pages("pb", "Swale", "slt", 5, &p);
	cr_expect_eq(p.count, 1);
}

/* The pages read each entry's copy of its child's district: a child
 * moved to Dover takes its entries there (out of C-SWA's contract, so
 * their route becomes none), a child given no district takes them to
 * "(no district)", and an entry moved to a Dover child goes with it. */
Test(drill_speed, the_pages_follow_a_child_or_an_entry_to_another_district)
{
	import_ok("children", "ref,first_name,last_name,date_of_birth,district\n"
	                      "CH1,Ann,One,2015-03-01,DOV\nCH3,Cal,Three,2008-01-01,\n");
	import_ok("therapy-entries",
	          "ref,child,section,therapy,start_date,end_date,funding,contract,minutes_per_week\n"
	          "TE-03,CH5,F,ot,2024-01-01,,contract,C-SWA,20\n");
	every_rows_pages_are_its_figure();
	struct pages p;
	read_pages("none", "Dover", "ot", 2, &p);
	cr_assert_eq(p.count, 4, "TE-03, TE-05, TE-07, TE-09 (%d)", p.count);
	cr_expect_str_eq(p.rows[0], "TE-03 CH5");
	cr_expect_str_eq(p.rows[3], "TE-09 CH1");
	read_pages("contract", "", "ot", 2, &p);
	cr_expect_eq(p.count, 0, "no contract covers no district");
	read_pages("none", "", "ot", 2, &p);
	cr_assert_eq(p.count, 1, "TE-01 of CH3, now without a district (%d)", p.count);
	cr_expect_str_eq(p.rows[0], "TE-01 CH3");
	read_pages("contract", "Swale", "ot", 2, &p);
	cr_expect_eq(p.count, 0, "nothing of ot is left in Swale");
}

Test(drill_speed, a_sections_row_counts_after_its_first_page_and_counts_its_entries)
{
	run_on("sections");
	int entries = collected_column(got, "entries");
	cr_assert_gt(got->rows, 2);
	for (int r = 0; r < got->rows; r++) {
		struct list_query q;
		report_drill_sections(&q, got->text[r][0], got->text[r][1], june());
		cr_expect(q.count_later, "a sections row's list counts after its first page");
		int64_t n = -1;
		struct error err = {0};
		cr_assert_eq(list_count_upto(&f.s, &q, 0, &n, &err), 0, "%s", err.msg);
		cr_expect_eq(n, got->n[r][entries], "%s %s", got->text[r][0], got->text[r][1]);
	}
}
