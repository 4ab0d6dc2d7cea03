/* test_funders.c: co-funded contracts and pooled services (funders, the
 * contract type), their place on the coverage map, and providers'
 * yearly activity returns, on the demo data (which holds KM CAT). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/coverage.h"
#include "core/fields.h"
#include "core/kind.h"
#include "core/record.h"
#include "core/report.h"
#include "core/report_contracts.h"
#include "core/report_coverage.h"
#include "core/store.h"
#include "tests/support/collect.h"
#include "tests/support/fixture.h"

static struct fixture f;
static struct collected *got;

static void setup(void)
{
	fixture_init(&f, true);
	got = calloc(1, sizeof *got);
	cr_assert_not_null(got);
}

static void teardown(void)
{
	free(got);
	fixture_done(&f);
}

TestSuite(funders, .init = setup, .fini = teardown);

static day_t ymd(int y, int m, int d)
{
	return date_from_ymd(y, m, d);
}

static void run_ok(const char *name, day_t on)
{
	struct report_options opt = {.on = on, .period = PERIOD_FINANCIAL};
	struct error err = {0};
	int rc = collect_report(&f.s, report_find(name), &opt, got, &err);
	cr_assert_eq(rc, 0, "%s: %s", name, err.msg);
}

/* The row whose first cell is key (and second, when given, is key2). */
static int row_of(const char *key, const char *key2)
{
	for (int r = 0; r < got->rows; r++)
		if (strcmp(got->text[r][0], key) == 0 && (key2 == NULL || strcmp(got->text[r][1], key2) == 0))
			return r;
	return -1;
}

static int64_t money_at(int row, const char *column)
{
	return got->n[row][collected_column(got, column)];
}

static void import_ok(const char *kind, const char *csv)
{
	char problems[1024] = "";
	cr_assert_eq(fixture_import(&f, kind, csv, problems, sizeof problems), 0, "%s: %s", kind,
	             problems);
}

static bool has_word(const char *flags, const char *word)
{
	char list[128], want[64];
	snprintf(list, sizeof list, ";%s;", flags);
	snprintf(want, sizeof want, ";%s;", word);
	return strstr(list, want) != NULL;
}

/* KM CAT: the council's £870,000 is its spend and what the key decision
 * threshold weighs; the other three funders' £1,210,000 are added for the
 * total, the council's own funder row not a second time. */
Test(funders, km_cat_splits_council_and_other_funders)
{
	run_ok("contracts", ymd(2023, 10, 1));
	int r = row_of("KMCAT-2023", NULL);
	cr_assert_geq(r, 0, "no KM CAT row");
	cr_expect_eq(money_at(r, "annual_value"), 87000000);
	cr_expect_eq(money_at(r, "lifetime_value"), 87000000);
	cr_expect_eq(money_at(r, "kcc_amount"), 87000000);
	cr_expect_eq(money_at(r, "other_funders_amount"), 28000000 + 86000000 + 7000000);
	cr_expect_eq(money_at(r, "total_amount"), 208000000);
	const char *flags = got->text[r][collected_column(got, "flags")];
	cr_expect_not(has_word(flags, "key-decision-no-ref"), "total above £1m is not KCC's: '%s'", flags);
	cr_expect_not(has_word(flags, "unsigned"), "a pooled service has nothing to sign: '%s'", flags);
	/* A block contract without funders: all of it is the council's. */
	r = row_of("EKHUFT-2023", NULL);
	cr_expect_eq(money_at(r, "kcc_amount"), money_at(r, "lifetime_value"));
	cr_expect_eq(money_at(r, "other_funders_amount"), 0);
	cr_expect_eq(money_at(r, "total_amount"), money_at(r, "lifetime_value"));
	cr_expect(has_word(got->text[r][collected_column(got, "flags")], "unsigned"));
}

/* The key decision flag weighs the council's share only: a service the
 * council pays £900,000 of is no key decision however much others pay,
 * and a contract whose own value is above £1m is one. */
Test(funders, key_decision_weighs_the_council_share)
{
	import_ok("contracts",
	          "ref,provider,annual_value,start_date,end_date,status,type\n"
	          "POOL,KMCAT,900000,2024-04-01,2025-03-31,active,service\n"
	          "BIG,KMCAT,1200000,2024-04-01,2025-03-31,active,contract\n");
	import_ok("funders",
	          "contract,funder,annual_amount,council\n"
	          "POOL,NHS England,5000000,no\n"
	          "POOL,Kent County Council,900000,yes\n");
	run_ok("contracts", ymd(2024, 6, 1));
	int pool = row_of("POOL", NULL), big = row_of("BIG", NULL);
	cr_assert_geq(pool, 0);
	cr_assert_geq(big, 0);
	cr_expect_eq(money_at(pool, "kcc_amount"), 90000000);
	cr_expect_eq(money_at(pool, "total_amount"), 590000000);
	cr_expect_not(has_word(got->text[pool][collected_column(got, "flags")], "key-decision-no-ref"));
	cr_expect(has_word(got->text[big][collected_column(got, "flags")], "key-decision-no-ref"));
}

/* Other funders' amounts are annual: a part year is pro rata by days, as
 * the council's value is (183 of FY 2024-25's 365 days). */
Test(funders, other_funders_are_pro_rata_by_days)
{
	import_ok("contracts", "ref,provider,annual_value,start_date,end_date,type\n"
	                       "HALF,KMCAT,365000,2024-04-01,2024-09-30,service\n");
	import_ok("funders", "contract,funder,annual_amount\n"
	                     "HALF,NHS England,365000\nHALF,Medway Council,730000\n");
	run_ok("contracts", ymd(2024, 6, 1));
	int r = row_of("HALF", NULL);
	cr_assert_geq(r, 0);
	cr_expect_eq(money_at(r, "kcc_amount"), 183 * INT64_C(100000));
	cr_expect_eq(money_at(r, "other_funders_amount"), 183 * INT64_C(300000));
	cr_expect_eq(money_at(r, "total_amount"), 183 * INT64_C(400000));
}

/* The contract's detail gets the same split (contract_summary). */
Test(funders, contract_summary_has_the_split)
{
	struct record c;
	record_init(&c, kinds[KIND_CONTRACTS]);
	struct error err = {0};
	bool found = false;
	cr_assert_eq(store_load_by_key(&f.s, &c, "KMCAT-2023", &found, &err), 0, "%s", err.msg);
	cr_assert(found);
	struct contract_standing st;
	cr_assert_eq(contract_summary(&f.s, &c, ymd(2023, 10, 1), &st, &err), 0, "%s", err.msg);
	cr_expect(st.funding.is_service);
	cr_expect_eq(st.funding.funders, 4);
	cr_expect_eq(st.funding.council, 87000000);
	cr_expect_eq(st.funding.others, 121000000);
	cr_expect_eq(st.funding.total, 208000000);
	cr_expect_str_eq(st.flags, "");
	record_clear(&c);
}

/* A service in force covers a district as a contract does, and says it
 * is a service: Swale's assistive technology is KM CAT's, while its
 * speech and language therapy stays a gap. */
Test(funders, coverage_counts_a_service)
{
	run_ok("coverage-gaps", ymd(2023, 10, 1));
	cr_expect_lt(row_of("Swale", "at"), 0, "KM CAT covers Swale's at");
	cr_expect_lt(row_of("Ashford", "at"), 0, "KM CAT covers Ashford's at");
	int r = row_of("Swale", "slt");
	cr_assert_geq(r, 0, "Swale slt is no longer a gap");
	cr_expect_str_eq(got->text[r][2], "gap");
	cr_expect_geq(row_of("Swale", "ot"), 0);
	cr_expect_geq(row_of("Swale", "pt"), 0);
	cr_expect_geq(row_of("Swale", "assistant"), 0);
	/* After the service ends, at is a gap again. */
	run_ok("coverage-gaps", ymd(2024, 6, 1));
	cr_expect_geq(row_of("Swale", "at"), 0);

	struct coverage_tile tiles[32];
	cr_assert_leq(f.cfg.district_count, 32);
	int at = -1;
	for (int t = 0; t < f.cfg.therapy_count; t++)
		if (strcmp(f.cfg.therapies[t].code, "at") == 0)
			at = t;
	cr_assert_geq(at, 0);
	struct error err = {0};
	cr_assert_eq(coverage_map(&f.s, ymd(2023, 10, 1), at, tiles, &err), 0, "%s", err.msg);
	for (int d = 0; d < f.cfg.district_count; d++) {
		cr_expect_eq(tiles[d].contracts, 1, "%s", f.cfg.districts[d].name);
		cr_expect_eq(tiles[d].services, 1, "%s", f.cfg.districts[d].name);
		cr_expect_str_eq(tiles[d].service_refs, "KMCAT-2023");
	}
	cr_assert_eq(coverage_map(&f.s, ymd(2023, 10, 1), 0, tiles, &err), 0, "%s", err.msg);
	cr_expect_eq(tiles[0].contracts, 1, "Ashford slt: EKHUFT");
	cr_expect_eq(tiles[0].services, 0, "EKHUFT-2023 is a block contract");
}

/* A contract and a service on the same district and therapy overlap;
 * the report says which of them is the service. */
Test(funders, overlap_of_contract_and_service_names_the_service)
{
	import_ok("coverage", "contract,district,therapy\nKCHFT-W-2023,Maidstone,at\n");
	run_ok("coverage-gaps", ymd(2023, 10, 1));
	int r = row_of("Maidstone", "at");
	cr_assert_geq(r, 0, "no overlap reported");
	cr_expect_str_eq(got->text[r][2], "overlap");
	cr_expect_str_eq(got->text[r][3], "KCHFT-W-2023;KMCAT-2023");
	cr_expect_str_eq(got->text[r][4], "KMCAT-2023");
	r = row_of("Swale", "slt");
	cr_assert_geq(r, 0);
	cr_expect(got->null[r][4], "a gap names no service");
}

static int import_refused(const char *kind, const char *csv, char *problems, size_t len)
{
	problems[0] = '\0';
	return fixture_import(&f, kind, csv, problems, len);
}

/* A return's outcomes are parts of its referrals, re-assessments part of
 * its assessments; KM CAT's 2023 figures are the seed's. */
Test(funders, activity_returns_hold_together)
{
	char problems[1024];
	static const char header[] = "provider,year,referrals,one_off_consultations,not_accepted,"
	                             "accepted,assessments,re_assessments,caseload\n";
	char csv[512];
	snprintf(csv, sizeof csv, "%sKMCAT,2022,51,11,2,39,59,20,207\n", header);
	cr_expect_eq(import_refused("activity-returns", csv, problems, sizeof problems), EX_DATAERR);
	cr_expect(strstr(problems, "accepted") && strstr(problems, "more than referrals"), "%s", problems);
	snprintf(csv, sizeof csv, "%sKMCAT,2022,51,11,1,39,19,20,207\n", header);
	cr_expect_eq(import_refused("activity-returns", csv, problems, sizeof problems), EX_DATAERR);
	cr_expect(strstr(problems, "re_assessments") && strstr(problems, "more than assessments"),
	          "%s", problems);
	/* Not reported is not zero: empty cells pass. */
	snprintf(csv, sizeof csv, "%sKMCAT,2022,,11,,,,,\n", header);
	cr_expect_eq(import_refused("activity-returns", csv, problems, sizeof problems), 0, "%s", problems);

	char *out = fixture_export(&f, "activity-returns");
	cr_expect(strstr(out, "KMCAT,2023,51,11,1,39,59,20,207,") != NULL, "%s", out);
	cr_expect(strstr(out, "KMCAT,2022,,11,,,,,,") != NULL, "%s", out);
	free(out);
}

/* Funders are the admins' to change, as contracts are. */
Test(funders, only_admins_change_funders)
{
	fixture_act_as(&f, ROLE_TEAMLEAD);
	char problems[1024];
	int rc = import_refused("funders", "contract,funder,annual_amount\nKMCAT-2023,Someone,1\n",
	                        problems, sizeof problems);
	cr_expect_eq(rc, EX_NOPERM, "%s", problems);
}
