/* sendesk report NAME [--on DATE] [--format text|csv|json]. */
#include <string.h>

#include "data.h"
#include "run.h"

TestSuite(reports, CLI_FIXTURE);

/* The documented columns, then those appended after them. */
static const char contracts_columns[] =
	"ref,provider,annual_value,start_date,end_date,lifetime_value,status,flags,"
	"kcc_amount,other_funders_amount,total_amount";
static const char coverage_columns[] = "district,therapy,problem,contracts,services";

/* Runs a report as CSV (exit 0) and parses it. */
static struct table report_csv(const char *name, const char *on, const char **text)
{
	struct run r = on ? sendesk("report", name, "--on", on, "--format", "csv", NULL)
	                  : sendesk("report", name, "--format", "csv", NULL);
	assert_exit(r, 0);
	struct table t;
	const char *why;
	cr_assert(csv_table(r.out, &t, &why), "report %s --format csv: %s\n%s", name, why, r.out);
	if (text)
		*text = r.out;
	return t;
}

static bool has_flag(const char *flags, const char *flag)
{
	const char *list = text_printf(";%s;", flags);
	return strstr(list, text_printf(";%s;", flag)) != NULL;
}

/* The row of contract ref (asserting there is one). */
static int contract_row(const struct table *t, const char *ref)
{
	int row = table_row(t, "ref", ref);
	cr_assert_geq(row, 0, "no row for %s", ref);
	return row;
}

Test(reports, contracts_csv_columns_and_values)
{
	init_demo_database();
	const char *text;
	struct table t = report_csv("contracts", "2024-06-01", &text);
	cr_assert_str_eq(line_at(text, 0), contracts_columns);
	cr_assert_eq(t.rows, 7, "six demo contracts and KM CAT expected:\n%s", text);
	int ek23 = contract_row(&t, "EKHUFT-2023"), ek24 = contract_row(&t, "EKHUFT-2024");
	cr_expect_str_eq(table_get(&t, ek23, "provider"), "EKHUFT");
	cr_expect_str_eq(table_get(&t, ek23, "annual_value"), "752905.00");
	cr_expect_str_eq(table_get(&t, ek23, "lifetime_value"), "752905.00");
	cr_expect_str_eq(table_get(&t, ek23, "start_date"), "2023-04-01");
	cr_expect_str_eq(table_get(&t, ek23, "end_date"), "2024-03-31");
	cr_expect_str_eq(table_get(&t, ek23, "status"), "ended");
	cr_expect_str_eq(table_get(&t, ek24, "annual_value"), "752905.00");
	cr_expect_str_eq(table_get(&t, ek24, "lifetime_value"), "1068506.27");
	cr_expect_str_eq(table_get(&t, ek24, "status"), "active");
	/* Full years at one rate total that rate; 17 months pro rata by days. */
	cr_expect_str_eq(table_get(&t, contract_row(&t, "KCHFT-E-2023"), "lifetime_value"), "610037.00");
	cr_expect_str_eq(table_get(&t, contract_row(&t, "KCHFT-W-2023"), "lifetime_value"), "916549.00");
	cr_expect_str_eq(table_get(&t, contract_row(&t, "KCHFT-E-2024"), "lifetime_value"), "865751.14");
	cr_expect_str_eq(table_get(&t, contract_row(&t, "KCHFT-W-2024"), "lifetime_value"), "1300746.25");
	/* Active without a signed date; every contract has its decision number. */
	for (size_t r = 0; r < t.rows; r++) {
		const char *ref = table_get(&t, (int)r, "ref"), *flags = table_get(&t, (int)r, "flags");
		if (strstr(ref, "2024"))
			cr_expect(has_flag(flags, "unsigned"), "%s flags '%s'", ref, flags);
		cr_expect_not(has_flag(flags, "expired"), "%s flags '%s'", ref, flags);
		cr_expect_not(has_flag(flags, "ending-soon"), "%s flags '%s'", ref, flags);
		cr_expect_not(has_flag(flags, "key-decision-no-ref"), "%s flags '%s'", ref, flags);
	}
}

Test(reports, contracts_ending_soon_and_expired)
{
	init_demo_database();
	struct table t = report_csv("contracts", "2025-07-15", NULL);
	for (size_t r = 0; r < t.rows; r++) {
		const char *ref = table_get(&t, (int)r, "ref"), *flags = table_get(&t, (int)r, "flags");
		bool current = strstr(ref, "2024") != NULL;
		cr_expect_eq(has_flag(flags, "ending-soon"), current, "%s on 2025-07-15: flags '%s'", ref, flags);
		cr_expect_not(has_flag(flags, "expired"), "%s on 2025-07-15: flags '%s'", ref, flags);
	}
	t = report_csv("contracts", "2025-10-01", NULL);
	for (size_t r = 0; r < t.rows; r++) {
		const char *ref = table_get(&t, (int)r, "ref"), *flags = table_get(&t, (int)r, "flags");
		bool active = strcmp(table_get(&t, (int)r, "status"), "active") == 0;
		cr_expect_eq(has_flag(flags, "expired"), active, "%s on 2025-10-01: flags '%s'", ref, flags);
		cr_expect_not(has_flag(flags, "ending-soon"), "%s on 2025-10-01: flags '%s'", ref, flags);
	}
}

Test(reports, contracts_rate_changes_part_years_and_key_decisions)
{
	init_demo_database();
	import_text("contracts", "c.csv",
	            "ref,provider,annual_value,start_date,end_date,status,signed_date,decision_ref\n"
	            "RATE,MCH,100000,2024-04-01,2026-03-31,active,2024-03-01,D-1\n"
	            "HALF,MCH,365000,2024-10-01,2025-03-31,active,2024-09-01,\n"
	            "BIG,MCH,1000001,2024-04-01,2025-03-31,active,2024-03-01,\n"
	            "DRAFT,MCH,5000,2024-04-01,2025-03-31,draft,,\n"
	            "LEAP,MCH,365000,2023-10-01,2024-03-31,active,2023-09-01,\n"
	            "MID,MCH,365000,2024-04-01,2025-03-31,active,2024-03-01,\n");
	import_text("contract-values", "v.csv",
	            "contract,from_date,annual_value,source\n"
	            "RATE,2025-04-01,200000,uplift letter\n"
	            "MID,2024-10-01,730000,\n");
	struct table t = report_csv("contracts", "2024-12-01", NULL);
	int rate = contract_row(&t, "RATE"), half = contract_row(&t, "HALF");
	int big = contract_row(&t, "BIG"), draft = contract_row(&t, "DRAFT");
	cr_expect_str_eq(table_get(&t, rate, "lifetime_value"), "300000.00");
	cr_expect_str_eq(table_get(&t, half, "lifetime_value"), "182000.00");   /* 182 of 365 days */
	cr_expect_str_eq(table_get(&t, big, "lifetime_value"), "1000001.00");
	/* 183 of 2023-24's 366 days. */
	cr_expect_str_eq(table_get(&t, contract_row(&t, "LEAP"), "lifetime_value"), "182500.00");
	/* 183 days at 365,000 a year, then 182 at 730,000. */
	cr_expect_str_eq(table_get(&t, contract_row(&t, "MID"), "lifetime_value"), "547000.00");
	cr_expect_str_eq(table_get(&t, rate, "flags"), "");
	cr_expect(has_flag(table_get(&t, big, "flags"), "key-decision-no-ref"), "BIG flags '%s'",
	          table_get(&t, big, "flags"));
	cr_expect_not(has_flag(table_get(&t, half, "flags"), "key-decision-no-ref"));
	cr_expect_not(has_flag(table_get(&t, draft, "flags"), "unsigned"), "a draft is not unsigned");
}

/* JSON: one array of objects with the CSV's keys and values. */
static void expect_json_matches_csv(const char *name, const char *on)
{
	struct table csv = report_csv(name, on, NULL);
	struct run r = sendesk("report", name, "--on", on, "--format", "json", NULL);
	assert_exit(r, 0);
	struct table json;
	const char *why;
	cr_assert(json_table(r.out, &json, &why), "report %s --format json: %s\n%s", name, why, r.out);
	cr_assert_gt(json.rows, 0, "empty JSON:\n%s", r.out);
	cr_assert_eq(json.rows, csv.rows, "JSON %zu rows, CSV %zu", json.rows, csv.rows);
	cr_assert_eq(json.cols, csv.cols, "JSON keys differ from the CSV columns");
	for (size_t c = 0; c < csv.cols; c++)
		cr_assert_str_eq(json.header[c], csv.header[c]);
	for (size_t row = 0; row < csv.rows; row++)
		for (size_t c = 0; c < csv.cols; c++)
			cr_expect_str_eq(json.cell[row][c] ? json.cell[row][c] : "", csv.cell[row][c],
			                 "%s row %zu %s", name, row + 1, csv.header[c]);
}

Test(reports, contracts_json)
{
	init_demo_database();
	expect_json_matches_csv("contracts", "2025-07-15");
}

Test(reports, contracts_text_for_people)
{
	init_demo_database();
	struct run r = sendesk("report", "contracts", "--on", "2025-07-15", NULL);
	assert_exit(r, 0);
	cr_assert_str_empty(r.err);
	cr_assert(strstr(r.out, "EKHUFT-2024") != NULL, "%s", r.out);
	cr_assert(strstr(r.out, "1,068,506.27") != NULL, "%s", r.out);
	cr_assert(strstr(r.out, "ending-soon") != NULL, "%s", r.out);
	cr_assert_not(has_line(r.out, contracts_columns), "text output is CSV:\n%s", r.out);
	struct run same = sendesk("report", "contracts", "--on", "2025-07-15", "--format", "text", NULL);
	assert_exit(same, 0);
	cr_assert_str_eq(same.out, r.out, "--format text differs from the default");
}

/* The demo contracts leave Swale uncovered, assistive technology nowhere
 * covered (the KM CAT service, which covers it, ended in March 2024), and
 * physiotherapy and assistants uncovered in EKHUFT's districts. */
static const char demo_gaps_2024[] =
	"Ashford,assistant,gap,,\n" "Ashford,at,gap,,\n" "Ashford,pt,gap,,\n"
	"Canterbury,at,gap,,\n" "Dartford,at,gap,,\n"
	"Dover,assistant,gap,,\n" "Dover,at,gap,,\n" "Dover,pt,gap,,\n"
	"Folkestone and Hythe,assistant,gap,,\n" "Folkestone and Hythe,at,gap,,\n"
	"Folkestone and Hythe,pt,gap,,\n"
	"Gravesham,at,gap,,\n" "Maidstone,at,gap,,\n" "Sevenoaks,at,gap,,\n"
	"Swale,assistant,gap,,\n" "Swale,at,gap,,\n" "Swale,ot,gap,,\n" "Swale,pt,gap,,\n"
	"Swale,slt,gap,,\n"
	"Thanet,at,gap,,\n" "Tonbridge and Malling,at,gap,,\n" "Tunbridge Wells,at,gap,,\n";

/* The report's rows, as sorted lines. */
static const char *rows_of(const char *csv)
{
	const char *rows = "";
	for (int i = 1, n = line_count(csv); i < n; i++)
		rows = text_printf("%s%s\n", rows, line_at(csv, i));
	return sorted_lines(rows);
}

Test(reports, coverage_gaps_on_demo_data)
{
	init_demo_database();
	const char *text;
	struct table t = report_csv("coverage-gaps", "2024-06-01", &text);
	cr_assert_str_eq(line_at(text, 0), coverage_columns);
	static const char *const therapies[] = {"slt", "ot", "pt", "at", "assistant"};
	for (size_t i = 0; i < 5; i++)
		cr_expect(has_line(text, text_printf("Swale,%s,gap,,", therapies[i])),
		          "Swale %s is not a gap:\n%s", therapies[i], text);
	cr_assert_str_eq(rows_of(text), sorted_lines(demo_gaps_2024));
	cr_assert_eq(t.rows, 22);
	/* The 2023 contracts covered the same map, and the KM CAT service
	 * covered assistive technology in every district. */
	report_csv("coverage-gaps", "2023-06-01", &text);
	const char *without_at = "";
	for (int i = 0, n = line_count(demo_gaps_2024); i < n; i++)
		if (strstr(line_at(demo_gaps_2024, i), ",at,") == NULL)
			without_at = text_printf("%s%s\n", without_at, line_at(demo_gaps_2024, i));
	cr_assert_str_eq(rows_of(text), sorted_lines(without_at));
}

Test(reports, coverage_gaps_when_no_contract_is_in_force)
{
	init_demo_database();
	struct table t = report_csv("coverage-gaps", "2025-09-01", NULL);
	cr_assert_eq(t.rows, 12 * 5, "every district x therapy is a gap after the contracts end");
	for (size_t r = 0; r < t.rows; r++)
		cr_expect_str_eq(table_get(&t, (int)r, "problem"), "gap");
}

Test(reports, coverage_overlap)
{
	init_demo_database();
	import_text("coverage", "extra.csv", "contract,district,therapy\nKCHFT-W-2024,ASH,SLT\n");
	struct table t = report_csv("coverage-gaps", "2024-06-01", NULL);
	int row = table_row(&t, "problem", "overlap");
	cr_assert_geq(row, 0, "no overlap reported");
	cr_assert_str_eq(table_get(&t, row, "district"), "Ashford");
	cr_assert_str_eq(table_get(&t, row, "therapy"), "slt");
	const char *refs = table_get(&t, row, "contracts");
	cr_assert(strcmp(refs, "EKHUFT-2024;KCHFT-W-2024") == 0 ||
	          strcmp(refs, "KCHFT-W-2024;EKHUFT-2024") == 0, "contracts '%s'", refs);
	cr_assert_eq(t.rows, 23);
}

Test(reports, coverage_gaps_json)
{
	init_demo_database();
	import_text("coverage", "extra.csv", "contract,district,therapy\nKCHFT-W-2024,Ashford,slt\n");
	expect_json_matches_csv("coverage-gaps", "2024-06-01");
}

Test(reports, coverage_gaps_text)
{
	init_demo_database();
	struct run r = sendesk("report", "coverage-gaps", "--on", "2024-06-01", NULL);
	assert_exit(r, 0);
	cr_assert(strstr(r.out, "Swale") != NULL, "%s", r.out);
	cr_assert(strstr(r.out, "2024-06-01") != NULL, "the date is not shown:\n%s", r.out);
}

Test(reports, bad_dates_unknown_reports_and_formats)
{
	init_demo_database();
	static const char *const dates[] = {"2024-13-01", "2024-02-30", "yesterday", "", "2024-06"};
	for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++) {
		struct run r = sendesk("report", "coverage-gaps", "--on", dates[i], NULL);
		cr_expect_eq(r.status, EX_USAGE, "--on '%s': exit %d\n%s", dates[i], r.status, r.err);
		cr_expect_eq(line_count(r.err), 1, "--on '%s': stderr:\n%s", dates[i], r.err);
		cr_expect_str_empty(r.out, "--on '%s' printed:\n%s", dates[i], r.out);
	}
	struct run r = sendesk("report", "no-such-report", NULL);
	assert_fails_one_line(r, EX_USAGE);
	cr_assert(strstr(r.err, "no-such-report") != NULL, "%s", r.err);
	r = sendesk("report", "contracts", "--format", "yaml", NULL);
	assert_fails_one_line(r, EX_USAGE);
}

Test(reports, report_on_a_missing_database)
{
	struct run r = sendesk("report", "contracts", NULL);
	assert_fails_one_line(r, EX_NOINPUT);
	cr_assert_not(file_exists(db_path()));
}

/* Every report of INTERFACE.md, with exactly its CSV columns. */
Test(reports, every_report_of_the_contract_has_its_columns)
{
	load_full_data();
	static const char *const reports[][2] = {
		{"contracts", contracts_columns},
		{"coverage-gaps", coverage_columns},
		{"spot-growth", "period,children,new,ended,spend,change_pct"},
		{"pb-summary", "period,budgets,children,amount,therapy_amount,therapy_share_pct,"
		               "eotas_count,eotas_amount"},
		{"sections", "section,therapy,children,entries,minutes_per_week"},
		{"waits", "provider,therapy,month,referrals,waiting_assessment,"
		          "waiting_assessment_over_12w,over_12w_pct,waiting_intervention,"
		          "waiting_intervention_over_12w,target_missed"},
		{"provision-shortfall", "entry,child,therapy,section,specified_minutes,"
		                        "delivered_minutes,shortfall_minutes,missed_sessions,"
		                        "provider_cancelled,school_cancelled,child_absent,"
		                        "did_not_attend"},
	};
	for (size_t i = 0; i < sizeof reports / sizeof reports[0]; i++) {
		struct run r = sendesk("report", reports[i][0], "--on", "2024-06-01", "--from",
		                       "2024-04-01", "--to", "2025-03-31", "--format", "csv", NULL);
		cr_expect_eq(r.status, 0, "report %s: exit %d\n%s", reports[i][0], r.status, r.err);
		const char *header = line_at(r.out, 0);
		cr_expect(header && strcmp(header, reports[i][1]) == 0,
		          "report %s: header '%s', expected '%s'", reports[i][0], header ? header : "",
		          reports[i][1]);
	}
}
