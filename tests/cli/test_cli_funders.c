/* Co-funded contracts and pooled services on the command line: the
 * funders and activity-returns kinds, the columns report contracts
 * appends, and coverage-gaps counting a service. */
#include <string.h>

#include "data.h"
#include "run.h"

TestSuite(funders, CLI_FIXTURE);

static struct table csv_of(const char *text)
{
	struct table t;
	const char *why;
	cr_assert(csv_table(text, &t, &why), "%s\n%s", why, text);
	return t;
}

/* The documented columns first, unchanged, then the split: KM CAT's
 * £870,000 is the council's, £1,210,000 the other funders'. */
Test(funders, report_contracts_appends_the_split)
{
	init_demo_database();
	struct run r = sendesk("report", "contracts", "--on", "2023-10-01", "--format", "csv", NULL);
	assert_exit(r, 0);
	cr_assert_str_eq(line_at(r.out, 0),
	                 "ref,provider,annual_value,start_date,end_date,lifetime_value,status,flags,"
	                 "kcc_amount,other_funders_amount,total_amount");
	cr_expect(has_line(r.out, "KMCAT-2023,KMCAT,870000.00,2023-04-01,2024-03-31,870000.00,ended,,"
	                          "870000.00,1210000.00,2080000.00"), "%s", r.out);
	cr_expect(has_line(r.out, "KCHFT-W-2024,KCHFT,916549.00,2024-04-01,2025-08-31,1300746.25,"
	                          "active,,1300746.25,0.00,1300746.25"), "%s", r.out);
	struct run j = sendesk("report", "contracts", "--on", "2023-10-01", "--format", "json", NULL);
	assert_exit(j, 0);
	struct table t;
	const char *why;
	cr_assert(json_table(j.out, &t, &why), "%s\n%s", why, j.out);
	int row = table_row(&t, "ref", "KMCAT-2023");
	cr_assert_geq(row, 0, "%s", j.out);
	cr_expect_str_eq(table_get(&t, row, "other_funders_amount"), "1210000.00");
	cr_expect_str_eq(table_get(&t, row, "total_amount"), "2080000.00");
}

/* While KM CAT is in force, no district lacks assistive technology; Swale
 * still has no contract for the other therapies. */
Test(funders, coverage_gaps_count_the_service)
{
	init_demo_database();
	struct run r = sendesk("report", "coverage-gaps", "--on", "2023-10-01", "--format", "csv", NULL);
	assert_exit(r, 0);
	cr_assert_str_eq(line_at(r.out, 0), "district,therapy,problem,contracts,services");
	cr_expect_null(strstr(r.out, ",at,"), "an at gap while KM CAT is in force:\n%s", r.out);
	static const char *const swale[] = {"slt", "ot", "pt", "assistant"};
	for (size_t i = 0; i < 4; i++)
		cr_expect(has_line(r.out, text_printf("Swale,%s,gap,,", swale[i])), "Swale %s:\n%s",
		          swale[i], r.out);
	cr_expect_eq(csv_of(r.out).rows, 10, "%s", r.out);
	/* Covered twice, by a contract and the service: an overlap, and
	 * the service named. */
	import_text("coverage", "extra.csv", "contract,district,therapy\nKCHFT-E-2023,Thanet,at\n");
	r = sendesk("report", "coverage-gaps", "--on", "2023-10-01", "--format", "csv", NULL);
	assert_exit(r, 0);
	cr_expect(has_line(r.out, "Thanet,at,overlap,KCHFT-E-2023;KMCAT-2023,KMCAT-2023"), "%s", r.out);
}

/* Funders and activity returns import in any column order, with money in
 * any accepted form, and export in the import's columns: export then
 * import into another database gives the same bytes. */
Test(funders, funders_and_activity_round_trip)
{
	init_with_contracts();
	import_text("funders", "funders.csv",
	            "council,annual_amount,funder,contract,pays_for,source\n"
	            "no,\"£1,500.50\",\"NHS Kent, and Medway\",EKHUFT-2024,"
	            "\"Equipment, and training\",para 3.3\n"
	            "YES,752905,Kent County Council,EKHUFT-2024,,\n");
	const char *funders = export_kind(db_path(), "funders");
	cr_expect(has_line(funders, "EKHUFT-2024,\"NHS Kent, and Medway\",1500.50,"
	                            "\"Equipment, and training\",para 3.3,no"), "%s", funders);
	cr_expect(has_line(funders, "EKHUFT-2024,Kent County Council,752905.00,,,yes"), "%s", funders);
	const char *activity = export_kind(db_path(), "activity-returns");
	cr_expect_eq(line_count(activity), 2, "%s", activity);
	cr_expect(strstr(activity, "KMCAT,2023,51,11,1,39,59,20,207,") != NULL, "%s", activity);

	write_file(tmp_path("f.csv"), funders);
	write_file(tmp_path("a.csv"), activity);
	const char *copy = tmp_path("copy.db");
	const struct run_opts on_copy = {.db = copy};
	assert_exit(sendesk_opts(&on_copy, "init", NULL), 0);
	static const char *const needs[] = {"providers", "contracts"};
	for (size_t i = 0; i < 2; i++)
		assert_exit(sendesk_opts(&on_copy, "import", needs[i],
		                         repo_path(text_printf("data/demo/%s.csv", needs[i])), NULL), 0);
	assert_exit(sendesk_opts(&on_copy, "import", "funders", "f.csv", NULL), 0);
	assert_exit(sendesk_opts(&on_copy, "import", "activity-returns", "a.csv", NULL), 0);
	cr_expect_str_eq(export_kind(copy, "funders"), funders);
	cr_expect_str_eq(export_kind(copy, "activity-returns"), activity);
}

/* A bad row names its file, line and column; nothing is written. */
Test(funders, bad_funder_rows_are_refused_whole)
{
	init_with_contracts();
	const char *before = export_kind(db_path(), "funders");
	write_file(tmp_path("bad.csv"), "contract,funder,annual_amount,council\n"
	                                "KMCAT-2023,Someone new,100,no\n"
	                                "NO-SUCH,Another,100,no\n"
	                                "KMCAT-2023,A third,lots,maybe\n");
	struct run r = sendesk("import", "funders", "bad.csv", NULL);
	expect_exit(r, 65);
	cr_expect(strstr(r.err, "bad.csv:3: contract:") != NULL, "%s", r.err);
	cr_expect(strstr(r.err, "bad.csv:4: annual_amount:") != NULL, "%s", r.err);
	cr_expect(strstr(r.err, "bad.csv:4: council:") != NULL, "%s", r.err);
	cr_expect_str_eq(export_kind(db_path(), "funders"), before);
}
