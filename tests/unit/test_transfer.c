/* test_transfer.c: CSV import and export of every kind: round trips,
 * problems reported by file and line, and all or nothing. */
#include "core/transfer.h"

#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/users.h"
#include "db/record.h"
#include "tests/support/fixture.h"

#define POUND "\xC2\xA3"
#define E_ACUTE "\xC3\xA9"
#define E_UMLAUT "\xC3\xAB"

static struct fixture a, b;

static void setup(void)
{
	fixture_init(&a, false);
	memset(&b, 0, sizeof b);
}

static void teardown(void)
{
	fixture_done(&a);
	if (b.dir[0])
		fixture_done(&b);
}

TestSuite(transfer, .init = setup, .fini = teardown);

/* The records the other kinds refer to, in an order that loads. */
static const char PROVIDERS[] = "code,name,kind\nP1,Provider One,nhs-trust\nP2,Provider Two,independent\n";
static const char CONTRACTS[] = "ref,provider,annual_value,start_date,end_date\n"
                                "C1,P1,1000,2023-04-01,2025-08-31\n";
static const char CHILDREN[] = "ref,first_name,last_name,date_of_birth\nCH1,Ann,Smith,2015-01-01\n";
static const char ENTRIES[] = "ref,child,section,therapy,start_date\nE1,CH1,F,slt,2023-09-01\n";

struct import_step {
	const char *kind;
	const char *csv;
};

static void import_ok(struct fixture *fx, const char *kind, const char *csv)
{
	char problems[4096];
	int rc = fixture_import(fx, kind, csv, problems, sizeof problems);
	cr_assert_eq(rc, 0, "import %s: rc %d\n%s", kind, rc, problems);
}

static void load_steps(struct fixture *fx, const struct import_step *steps)
{
	for (; steps && steps->kind; steps++)
		import_ok(fx, steps->kind, steps->csv);
}

/* Imports csv after its prerequisites into a fresh database, exports it,
 * imports that export into a second fresh database and exports again:
 * the two exports must be the same bytes.  Returns the first export. */
static char *round_trip(const char *kind, const struct import_step *needs, const char *csv)
{
	load_steps(&a, needs);
	import_ok(&a, kind, csv);
	char *first = fixture_export(&a, kind);
	fixture_init(&b, false);
	load_steps(&b, needs);
	import_ok(&b, kind, first);
	char *second = fixture_export(&b, kind);
	cr_expect_str_eq(second, first, "the export of the export differs");
	free(second);
	return first;
}

static void expect_line(const char *text, const char *line)
{
	cr_expect(strstr(text, line) != NULL, "no line\n%s\nin\n%s", line, text);
}

static int lines_in(const char *text)
{
	int n = 0;
	for (const char *c = text; *c; c++)
		n += *c == '\n';
	return n;
}

Test(transfer, providers_round_trip)
{
	char *out = round_trip("providers", NULL,
		"kind,name,code\n"
		"nhs-trust,\"Trust, East Kent\",P1\n"
		",Clinique Ren" E_ACUTE "e,P2\n"
		"INDEPENDENT,Plain Ltd,P3\n");
	cr_assert_str_eq(out,
		"code,name,kind\r\n"
		"P1,\"Trust, East Kent\",nhs-trust\r\n"
		"P2,Clinique Ren" E_ACUTE "e,\r\n"
		"P3,Plain Ltd,independent\r\n");
	free(out);
}

Test(transfer, contracts_round_trip)
{
	const struct import_step needs[] = {{"providers", PROVIDERS}, {NULL, NULL}};
	char *out = round_trip("contracts", needs,
		"end_date,ref,annual_value,provider,start_date,title,status,notes,decision_ref\n"
		"31/08/2025,C1,\"" POUND "752,905\",P1,01/04/2024,\"Therapies, East Kent\",Active,"
		"Caf" E_ACUTE " notes,24/00008\n"
		"2024-03-31,C2,610037.5,P2,2023-04-01,,,,\n");
	expect_line(out, "ref,provider,annual_value,start_date,end_date,title,status,signed_date,route,"
	                 "decision_ref,notes,type\r\n");
	expect_line(out, "C1,P1,752905.00,2024-04-01,2025-08-31,\"Therapies, East Kent\",active,,,"
	                 "24/00008,Caf" E_ACUTE " notes,\r\n");
	expect_line(out, "C2,P2,610037.50,2023-04-01,2024-03-31,,,,,,,\r\n");
	cr_expect_eq(lines_in(out), 3);
	free(out);
}

Test(transfer, contract_values_round_trip)
{
	const struct import_step needs[] = {{"providers", PROVIDERS}, {"contracts", CONTRACTS},
	                                    {NULL, NULL}};
	char *out = round_trip("contract-values", needs,
		"source,annual_value,from_date,contract\n"
		"\"Para 2.3.1, summary (para 8.3 says " POUND "725,905)\",\"" POUND "752,905.00\",01/04/2023,C1\n"
		",800000,2024-04-01,C1\n");
	expect_line(out, "contract,from_date,annual_value,source\r\n");
	expect_line(out, "C1,2023-04-01,752905.00,\"Para 2.3.1, summary (para 8.3 says " POUND
	                 "725,905)\"\r\n");
	expect_line(out, "C1,2024-04-01,800000.00,\r\n");
	free(out);
}

Test(transfer, coverage_round_trip)
{
	const struct import_step needs[] = {{"providers", PROVIDERS}, {"contracts", CONTRACTS},
	                                    {NULL, NULL}};
	char *out = round_trip("coverage", needs,
		"therapy,district,contract\n"
		"SLT,swale,C1\n"
		"ot,FOL,C1\n"
		"assistant,\"Tonbridge and Malling\",C1\n");
	cr_assert_str_eq(out,
		"contract,district,therapy\r\n"
		"C1,Swale,slt\r\n"
		"C1,Folkestone and Hythe,ot\r\n"
		"C1,Tonbridge and Malling,assistant\r\n");
	free(out);
}

Test(transfer, staffing_round_trip)
{
	const struct import_step needs[] = {{"providers", PROVIDERS}, {"contracts", CONTRACTS},
	                                    {NULL, NULL}};
	char *out = round_trip("staffing", needs,
		"fte,pct_funded,area,therapy,contract\n"
		"8.14,17,\"East Kent (Ashford, Folkestone, and Dover)\",slt,C1\n"
		",0.5,C" E_ACUTE "te,ot,C1\n"
		"17,,,pt,C1\n");
	expect_line(out, "contract,therapy,area,pct_funded,fte\r\n");
	expect_line(out, "C1,slt,\"East Kent (Ashford, Folkestone, and Dover)\",17,8.14\r\n");
	expect_line(out, "C1,ot,C" E_ACUTE "te,0.5,\r\n");
	expect_line(out, "C1,pt,,,17\r\n");
	free(out);
}

Test(transfer, children_round_trip)
{
	char *out = round_trip("children", NULL,
		"last_name,first_name,ref,date_of_birth,upn,sex,district,primary_need,ehcp_start_date\n"
		"\"O'Brien, Jr\",Zo" E_UMLAUT ",CH1,05/03/2015,B801200005001,F,swale,asd,01/09/2020\n"
		"Smith,Ann,CH2,2016-01-01,,,,,\n");
	expect_line(out, "ref,first_name,last_name,date_of_birth,upn,sex,district,primary_need,"
	                 "ehcp_start_date,caseworker,school,last_review_date,ehcp_status\r\n");
	expect_line(out, "CH1,Zo" E_UMLAUT ",\"O'Brien, Jr\",2015-03-05,B801200005001,f,Swale,ASD,"
	                 "2020-09-01,,,,\r\n");
	expect_line(out, "CH2,Ann,Smith,2016-01-01,,,,,,,,,\r\n");
	free(out);
}

Test(transfer, therapy_entries_round_trip)
{
	const struct import_step needs[] = {{"providers", PROVIDERS}, {"contracts", CONTRACTS},
	                                    {"children", CHILDREN}, {NULL, NULL}};
	char *out = round_trip("therapy-entries", needs,
		"section,ref,child,therapy,start_date,end_date,funding,contract,minutes_per_week,level,"
		"strand,description\n"
		"f,E1,CH1,slt,01/09/2023,,contract,C1,60,Targeted,intervention,\"Weekly, small group; "
		E_ACUTE "lan\"\n"
		"G,E2,CH1,OT,2023-09-01,31/07/2024,nhs,,,,,\n");
	expect_line(out, "E1,CH1,F,slt,2023-09-01,,contract,C1,60,targeted,intervention,"
	                 "\"Weekly, small group; " E_ACUTE "lan\",no\r\n");
	expect_line(out, "E2,CH1,G,ot,2023-09-01,2024-07-31,nhs,,,,,,no\r\n");
	free(out);
}

Test(transfer, provision_round_trip)
{
	const struct import_step needs[] = {{"children", CHILDREN}, {"therapy-entries", ENTRIES},
	                                    {NULL, NULL}};
	char *out = round_trip("provision", needs,
		"minutes,entry,date,therapist,notes\n"
		"30,E1,15/09/2023,Ren" E_ACUTE "e Dupont,\"Group, session\"\n"
		"45,E1,2023-09-22,,\n");
	cr_assert_str_eq(out,
		"entry,date,minutes,therapist,notes,ref,outcome\r\n"
		"E1,2023-09-15,30,Ren" E_ACUTE "e Dupont,\"Group, session\",PV-1,delivered\r\n"
		"E1,2023-09-22,45,,,PV-2,delivered\r\n");
	free(out);
}

Test(transfer, spot_purchases_round_trip)
{
	const struct import_step needs[] = {{"providers", PROVIDERS}, {"children", CHILDREN},
	                                    {NULL, NULL}};
	char *out = round_trip("spot-purchases", needs,
		"cost,ref,child,provider,therapy,start_date,end_date,invoice_ref\n"
		"\"" POUND "1,500.00\",S1,CH1,P2,slt,01/04/2023,31/03/2024,\"INV-1, part " E_ACUTE "\"\n"
		"250,S2,CH1,P2,ot,2023-05-01,,\n");
	expect_line(out, "S1,CH1,P2,slt,2023-04-01,1500.00,2024-03-31,\"INV-1, part " E_ACUTE "\"\r\n");
	expect_line(out, "S2,CH1,P2,ot,2023-05-01,250.00,,\r\n");
	free(out);
}

Test(transfer, personal_budgets_round_trip)
{
	const struct import_step needs[] = {{"children", CHILDREN}, {NULL, NULL}};
	char *out = round_trip("personal-budgets", needs,
		"amount,ref,child,start_date,end_date,therapy_amount,eotas,purpose\n"
		"\"" POUND "12,000\",PB1,CH1,01/09/2023,31/08/2024,\"" POUND "3,000.50\",Yes,"
		"\"EOTAS package, therapy\"\n"
		"500,PB2,CH1,2023-09-01,2023-12-31,,,S" E_ACUTE "ances\n");
	expect_line(out, "ref,child,start_date,end_date,amount,therapy_amount,eotas,purpose\r\n");
	expect_line(out, "PB1,CH1,2023-09-01,2024-08-31,12000.00,3000.50,yes,\"EOTAS package, therapy\"\r\n");
	expect_line(out, "PB2,CH1,2023-09-01,2023-12-31,500.00,,,S" E_ACUTE "ances\r\n");
	free(out);
}

Test(transfer, returns_round_trip)
{
	const struct import_step needs[] = {{"providers", PROVIDERS}, {NULL, NULL}};
	char *out = round_trip("returns", needs,
		"month,therapy,provider,caseload,referrals,waiting_assessment,waiting_assessment_over_12w,"
		"waiting_intervention,waiting_intervention_over_12w\n"
		"2023-05,SLT,P1,,83,539,407,,\n"
		"2023-07,slt,P1,100,55,259,148,10,0\n");
	expect_line(out, "provider,therapy,month,referrals,waiting_assessment,waiting_assessment_over_12w,"
	                 "waiting_intervention,waiting_intervention_over_12w,caseload\r\n");
	expect_line(out, "P1,slt,2023-05,83,539,407,,,\r\n");
	expect_line(out, "P1,slt,2023-07,55,259,148,10,0,100\r\n");
	free(out);
}

Test(transfer, users_round_trip)
{
	char *out = round_trip("users", NULL,
		"role,login\n"
		"Caseworker,anne.b\n"
		"teamlead,bob_c\n");
	char me[128];
	snprintf(me, sizeof me, "\r\n%s,admin\r\n", a.s.login);
	expect_line(out, me);
	expect_line(out, "anne.b,caseworker\r\n");
	expect_line(out, "bob_c,teamlead\r\n");
	cr_expect_eq(lines_in(out), 4);
	free(out);
}

struct problem_text {
	char *text;
	size_t len;
};

static void collect(void *ctx, const char *line)
{
	struct problem_text *p = ctx;
	size_t used = strlen(p->text);
	snprintf(p->text + used, p->len - used, "%s\n", line);
}

static void ignore(void *ctx, const char *line)
{
	(void)ctx;
	(void)line;
}

/* Imports through transfer_import, keeping the error and the problems. */
static int import_text(struct fixture *fx, const char *kind, const char *csv, char *problems,
                       size_t len, struct error *err)
{
	problems[0] = '\0';
	struct problem_text p = {problems, len};
	/* fmemopen may refuse a zero-length buffer. */
	FILE *in = *csv ? fmemopen((void *)csv, strlen(csv), "r") : fopen("/dev/null", "r");
	cr_assert_not_null(in);
	struct import_counts counts;
	error_clear(err);
	int rc = transfer_import(&fx->s, kind_find(kind), in, "test.csv", collect, &p, &counts, err);
	fclose(in);
	return rc;
}

static int64_t rows(struct fixture *fx, enum db_table_id t)
{
	int64_t n = -1;
	struct error err = {0};
	cr_assert_eq(db_record_count(fx->s.db, t, &n, &err), 0, "%s", err.msg);
	return n;
}

Test(transfer, bad_rows_are_reported_by_line_and_nothing_is_written)
{
	import_ok(&a, "providers", PROVIDERS);
	int64_t before = rows(&a, TABLE_CONTRACTS);
	char problems[4096];
	int rc = fixture_import(&a, "contracts", 
		"ref,provider,annual_value,start_date,end_date,notes\n"      /* 1 */
		"C1,P1,100,2024-04-01,2025-03-31,fine\n"                     /* 2 */
		"C2,P1,100,2023-02-30,2025-03-31,bad date\n"                 /* 3 */
		"C3,P1,100,2024-04-01,2025-03-31,\"two\n"                    /* 4 */
		"lines\"\n"                                                  /* 5 */
		"C4,P1,-5,2024-04-01,2025-03-31,negative\n"                  /* 6 */
		"C5,ZZ,100,2024-04-01,2025-03-31,\"a \"\"quoted\"\"\n"      /* 7 */
		"note\"\n"                                                   /* 8 */
		"C6,P1,100,2024-04-01,2024-01-01,ends first\n",             /* 9 */
		problems, sizeof problems);
	cr_assert_eq(rc, EX_DATAERR, "rc %d\n%s", rc, problems);
	expect_line(problems, "test.csv:3: start_date: ");
	expect_line(problems, "test.csv:6: annual_value: ");
	expect_line(problems, "test.csv:7: provider: no provider 'ZZ'");
	expect_line(problems, "test.csv:9: end_date: must be after start_date");
	cr_expect_eq(lines_in(problems), 4, "%s", problems);
	cr_expect(strstr(problems, "test.csv:2:") == NULL, "%s", problems);
	cr_expect(strstr(problems, "test.csv:4:") == NULL, "%s", problems);
	cr_expect(strstr(problems, "test.csv:5:") == NULL, "%s", problems);
	cr_assert_eq(rows(&a, TABLE_CONTRACTS), before, "rows were written");
}

Test(transfer, every_bad_cell_of_a_row_is_reported)
{
	char problems[4096];
	int rc = fixture_import(&a, "children",
		"ref,first_name,last_name,date_of_birth,upn,district\n"
		"CH1,Ann,Smith,31/02/2015,A801200005001,Medway\n",
		problems, sizeof problems);
	cr_assert_eq(rc, EX_DATAERR);
	expect_line(problems, "test.csv:2: date_of_birth: ");
	expect_line(problems, "test.csv:2: upn: ");
	expect_line(problems, "test.csv:2: district: ");
	cr_expect_eq(lines_in(problems), 3, "%s", problems);
	cr_assert_eq(rows(&a, TABLE_CHILDREN), 0);
}

/* A row with a bad cell, an empty required cell and a broken rule: all
 * three at once, so the file is fixed in one pass. */
Test(transfer, every_problem_of_a_row_is_reported_at_once)
{
	char problems[4096];
	int rc = fixture_import(&a, "children",
		"ref,first_name,last_name,date_of_birth,upn\n"
		"CH1,,Smith,2099-01-01,A801200005009\n"
		"CH2,Bo,,2015-01-01,\n",
		problems, sizeof problems);
	cr_assert_eq(rc, EX_DATAERR);
	expect_line(problems, "test.csv:2: upn: ");
	expect_line(problems, "test.csv:2: first_name: required\n");
	expect_line(problems, "test.csv:2: date_of_birth: is in the future\n");
	expect_line(problems, "test.csv:3: last_name: required\n");
	cr_expect_eq(lines_in(problems), 4, "%s", problems);
	cr_assert_eq(rows(&a, TABLE_CHILDREN), 0);
}

/* References that name nothing are found beside empty required cells and
 * bad cells; a bad cell is not also called "required". */
Test(transfer, bad_references_are_reported_with_the_rest_of_the_row)
{
	import_ok(&a, "providers", PROVIDERS);
	import_ok(&a, "children", CHILDREN);
	char problems[4096];
	int rc = fixture_import(&a, "spot-purchases",
		"ref,child,provider,therapy,start_date,cost,end_date\n"
		"SP1,CH9,ZZ,,2024-04-01,lots,2024-01-01\n",
		problems, sizeof problems);
	cr_assert_eq(rc, EX_DATAERR);
	expect_line(problems, "test.csv:2: cost: ");
	expect_line(problems, "test.csv:2: therapy: required\n");
	expect_line(problems, "test.csv:2: child: no child 'CH9'\n");
	expect_line(problems, "test.csv:2: provider: no provider 'ZZ'\n");
	expect_line(problems, "test.csv:2: end_date: must not be before start_date\n");
	cr_expect(strstr(problems, "cost: required") == NULL, "%s", problems);
	cr_expect_eq(lines_in(problems), 5, "%s", problems);
}

static void count_line(void *ctx, const char *line)
{
	(void)line;
	(*(long *)ctx)++;
}

/* The cap on problems holds inside a row too. */
Test(transfer, problems_stop_at_the_cap)
{
	char *csv = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&csv, &len);
	cr_assert_not_null(out);
	fputs("ref,first_name,last_name,date_of_birth\n", out);
	for (int i = 0; i < 999; i++)
		fprintf(out, "CH%d,Ann,,2015-01-01\n", i);
	fputs("CHX,,,2099-01-01\nCHY,,,2099-01-01\n", out);
	fclose(out);
	FILE *in = fmemopen(csv, len, "r");
	cr_assert_not_null(in);
	long reported = 0;
	struct import_counts counts;
	struct error err = {0};
	int rc = transfer_import(&a.s, kind_find("children"), in, "test.csv", count_line, &reported,
	                         &counts, &err);
	fclose(in);
	free(csv);
	cr_assert_eq(rc, EX_DATAERR);
	cr_expect_eq(reported, 1000);
	cr_expect(strstr(err.msg, "1000 problems") != NULL, "%s", err.msg);
}

Test(transfer, a_bad_row_after_good_ones_leaves_the_table_as_it_was)
{
	import_ok(&a, "providers", PROVIDERS);
	char *before = fixture_export(&a, "providers");
	char problems[4096];
	int rc = fixture_import(&a, "providers",
		"code,name,kind\n"
		"P1,Renamed,other\n"
		"P3,Three,\n"
		"P4,Four,charity\n", problems, sizeof problems);
	cr_assert_eq(rc, EX_DATAERR);
	expect_line(problems, "test.csv:4: kind: ");
	char *after = fixture_export(&a, "providers");
	cr_assert_str_eq(after, before);
	free(before);
	free(after);
}

Test(transfer, unknown_column_is_refused)
{
	char problems[4096];
	struct error err;
	int rc = import_text(&a, "providers", "code,name,colour\nP1,One,blue\n", problems,
	                     sizeof problems, &err);
	cr_assert_eq(rc, EX_DATAERR);
	expect_line(problems, "test.csv:1: colour: unknown column");
	cr_assert_eq(rows(&a, TABLE_PROVIDERS), 0);
}

Test(transfer, missing_required_column_is_refused)
{
	char problems[4096];
	struct error err;
	int rc = import_text(&a, "providers", "code,kind\nP1,other\n", problems, sizeof problems, &err);
	cr_assert_eq(rc, EX_DATAERR);
	expect_line(problems, "test.csv:1: name: required column missing");
	cr_assert_eq(rows(&a, TABLE_PROVIDERS), 0);
}

Test(transfer, optional_columns_may_be_left_out)
{
	import_ok(&a, "providers", "name,code\nOne,P1\n");
	cr_assert_eq(rows(&a, TABLE_PROVIDERS), 1);
}

Test(transfer, wrong_field_count_is_refused)
{
	char problems[4096];
	int rc = fixture_import(&a, "providers",
		"code,name,kind\n"
		"P1,One,other\n"
		"P2,Two\n"
		"P3,Three,other,extra\n", problems, sizeof problems);
	cr_assert_eq(rc, EX_DATAERR);
	expect_line(problems, "test.csv:3: has 2 fields, the header has 3");
	expect_line(problems, "test.csv:4: has 4 fields, the header has 3");
	cr_assert_eq(rows(&a, TABLE_PROVIDERS), 0);
}

Test(transfer, empty_file_is_refused)
{
	char problems[4096];
	struct error err;
	int rc = import_text(&a, "providers", "", problems, sizeof problems, &err);
	cr_assert_eq(rc, EX_DATAERR);
	cr_expect(strstr(err.msg, "empty") != NULL, "%s", err.msg);
	cr_expect(strstr(err.msg, "test.csv") != NULL, "%s", err.msg);
	cr_assert_eq(rows(&a, TABLE_PROVIDERS), 0);
}

Test(transfer, header_only_imports_nothing)
{
	import_ok(&a, "providers", "code,name\n");
	cr_assert_eq(rows(&a, TABLE_PROVIDERS), 0);
}

Test(transfer, the_error_counts_the_problems)
{
	char problems[4096];
	struct error err;
	int rc = import_text(&a, "providers", "code,name,kind\nP1,,other\nP2,Two,nope\n", problems,
	                     sizeof problems, &err);
	cr_assert_eq(rc, EX_DATAERR);
	expect_line(problems, "test.csv:2: name: required");
	cr_expect(strstr(err.msg, "2 problems") != NULL, "%s", err.msg);
	cr_expect(strstr(err.msg, "nothing was imported") != NULL, "%s", err.msg);
}

Test(transfer, reimport_updates_without_duplicates)
{
	import_ok(&a, "providers", PROVIDERS);
	import_ok(&a, "contracts", CONTRACTS);
	const char *csv = "contract,district,therapy\nC1,Swale,slt\nC1,Ashford,ot\n";
	import_ok(&a, "coverage", csv);
	import_ok(&a, "coverage", csv);
	cr_assert_eq(rows(&a, TABLE_COVERAGE), 2);
	import_ok(&a, "providers", "code,name,kind\nP1,Renamed,other\n");
	cr_assert_eq(rows(&a, TABLE_PROVIDERS), 2);
	char *out = fixture_export(&a, "providers");
	expect_line(out, "P1,Renamed,other\r\n");
	free(out);
}

Test(transfer, import_counts_inserted_and_updated)
{
	import_ok(&a, "providers", PROVIDERS);
	static const char csv[] = "code,name\nP1,One again\nP3,Three\n";
	FILE *in = fmemopen((void *)csv, sizeof csv - 1, "r");
	cr_assert_not_null(in);
	struct import_counts counts;
	struct error err = {0};
	int rc = transfer_import(&a.s, kind_find("providers"), in, "test.csv", ignore, NULL, &counts,
	                         &err);
	fclose(in);
	cr_assert_eq(rc, 0, "%s", err.msg);
	cr_expect_eq(counts.rows, 2);
	cr_expect_eq(counts.inserted, 1);
	cr_expect_eq(counts.updated, 1);
}

Test(transfer, returns_keep_an_empty_cell_as_not_reported)
{
	import_ok(&a, "providers", PROVIDERS);
	import_ok(&a, "returns",
		"provider,therapy,month,referrals,waiting_assessment,waiting_intervention,caseload\n"
		"P1,slt,2023-05,0,12,,\n");
	sqlite3 *conn;
	cr_assert_eq(sqlite3_open_v2(a.path, &conn, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	sqlite3_stmt *stmt;
	cr_assert_eq(sqlite3_prepare_v2(conn,
		"SELECT referrals, waiting_assessment, waiting_intervention IS NULL, caseload IS NULL, "
		"waiting_assessment_over_12w IS NULL FROM provider_returns", -1, &stmt, NULL), SQLITE_OK);
	cr_assert_eq(sqlite3_step(stmt), SQLITE_ROW);
	cr_expect_eq(sqlite3_column_type(stmt, 0), SQLITE_INTEGER, "a reported zero is not NULL");
	cr_expect_eq(sqlite3_column_int(stmt, 0), 0);
	cr_expect_eq(sqlite3_column_int(stmt, 1), 12);
	cr_expect_eq(sqlite3_column_int(stmt, 2), 1, "empty waiting_intervention stored as a number");
	cr_expect_eq(sqlite3_column_int(stmt, 3), 1, "empty caseload stored as a number");
	cr_expect_eq(sqlite3_column_int(stmt, 4), 1, "a left-out column stored as a number");
	sqlite3_finalize(stmt);
	sqlite3_close(conn);
	char *out = fixture_export(&a, "returns");
	expect_line(out, "P1,slt,2023-05,0,12,,,,\r\n");
	free(out);
}

struct audit_count {
	const char *kind;
	int inserts;
};

static int count_inserts(void *ctx, const struct db_value *cols, int count)
{
	struct audit_count *c = ctx;
	(void)count;
	if (strcmp(cols[3].s, c->kind) == 0 && strcmp(cols[2].s, "insert") == 0)
		c->inserts++;
	return 0;
}

Test(transfer, imported_rows_are_audited)
{
	import_ok(&a, "providers", PROVIDERS);
	import_ok(&a, "providers", "code,name\nP1,Renamed\n");
	struct audit_count c = {"providers", 0};
	struct error err = {0};
	cr_assert_eq(db_audit_each(a.s.db, NULL, 0, count_inserts, &c, &err), 0, "%s", err.msg);
	cr_expect_eq(c.inserts, 2);
	sqlite3 *conn;
	cr_assert_eq(sqlite3_open_v2(a.path, &conn, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	sqlite3_stmt *stmt;
	cr_assert_eq(sqlite3_prepare_v2(conn,
		"SELECT count(*) FROM audit WHERE kind = 'providers' AND action = 'update' "
		"AND before LIKE '%Provider One%' AND after LIKE '%Renamed%'", -1, &stmt, NULL), SQLITE_OK);
	cr_assert_eq(sqlite3_step(stmt), SQLITE_ROW);
	cr_expect_eq(sqlite3_column_int(stmt, 0), 1);
	sqlite3_finalize(stmt);
	sqlite3_close(conn);
}

Test(transfer, a_refused_import_writes_no_audit_rows)
{
	struct audit_count c = {"providers", 0};
	char problems[4096];
	int rc = fixture_import(&a, "providers", "code,name\nP1,One\nP2,\n", problems, sizeof problems);
	cr_assert_eq(rc, EX_DATAERR);
	struct error err = {0};
	cr_assert_eq(db_audit_each(a.s.db, NULL, 0, count_inserts, &c, &err), 0, "%s", err.msg);
	cr_expect_eq(c.inserts, 0);
}

Test(transfer, import_needs_the_kinds_write_role)
{
	fixture_act_as(&a, ROLE_CASEWORKER);
	char problems[4096];
	int rc = fixture_import(&a, "providers", PROVIDERS, problems, sizeof problems);
	cr_assert_eq(rc, EX_NOPERM);
	cr_assert_eq(rows(&a, TABLE_PROVIDERS), 0);
	import_ok(&a, "children", CHILDREN);
	cr_assert_eq(rows(&a, TABLE_CHILDREN), 1);
}

Test(transfer, crlf_and_bom_are_read)
{
	import_ok(&a, "providers", "\xEF\xBB\xBF" "code,name\r\nP1,One\r\n");
	char *out = fixture_export(&a, "providers");
	cr_assert_str_eq(out, "code,name,kind\r\nP1,One,\r\n");
	free(out);
}

Test(transfer, a_column_given_twice_is_refused)
{
	char problems[4096];
	int rc = fixture_import(&a, "providers", "code,name,code\nP1,One,P2\n", problems, sizeof problems);
	cr_assert_eq(rc, EX_DATAERR);
	expect_line(problems, "test.csv:1: code: column given twice");
	cr_assert_eq(rows(&a, TABLE_PROVIDERS), 0);
}

Test(transfer, staffing_without_an_area_is_updated_not_duplicated)
{
	import_ok(&a, "providers", PROVIDERS);
	import_ok(&a, "contracts", CONTRACTS);
	import_ok(&a, "staffing", "contract,therapy,area,fte\nC1,slt,,1.5\nC1,slt,North,2\n");
	import_ok(&a, "staffing", "contract,therapy,area,fte\nC1,slt,,2.5\nC1,slt,North,3\n");
	cr_assert_eq(rows(&a, TABLE_STAFFING), 2);
	char *out = fixture_export(&a, "staffing");
	expect_line(out, "C1,slt,,,2.5\r\n");
	expect_line(out, "C1,slt,North,,3\r\n");
	free(out);
}

Test(transfer, spaces_inside_quotes_survive_the_round_trip)
{
	char *out = round_trip("providers", NULL, "code,name\nP1,\"  Padded name \"\n");
	expect_line(out, "P1,\"  Padded name \",\r\n");
	free(out);
}

Test(transfer, a_quoted_newline_survives_the_round_trip)
{
	char *out = round_trip("providers", NULL, "code,name\nP1,\"Line one\nline two\"\nP2,Two\n");
	expect_line(out, "P1,\"Line one\nline two\",\r\nP2,Two,\r\n");
	free(out);
}

Test(transfer, malformed_quoting_is_refused_with_its_line)
{
	char problems[4096];
	struct error err;
	int rc = import_text(&a, "providers", "code,name\nP1,One\nP2,\"Two\"x\n", problems,
	                     sizeof problems, &err);
	cr_assert_eq(rc, EX_DATAERR);
	cr_expect(strstr(err.msg, "test.csv:3") != NULL, "%s", err.msg);
	cr_assert_eq(rows(&a, TABLE_PROVIDERS), 0);
}

/* The columns of schema 5: a child's caseworker by login, school, last
 * review and plan status; an entry for term time only; a session's ref
 * and outcome, each as typed in any case and written back as stored. */
Test(transfer, schema_5_columns_round_trip)
{
	struct error err = {0};
	cr_assert_eq(users_add(&a.s, "jo.case", "caseworker", &err), 0, "%s", err.msg);
	import_ok(&a, "children",
		"ref,first_name,last_name,date_of_birth,ehcp_start_date,caseworker,school,last_review_date,"
		"ehcp_status\n"
		"CH1,Ann,Smith,2015-01-01,2020-09-01,jo.case,\"Oak Primary, Deal\",01/10/2023,Active\n"
		"CH2,Bea,Jones,2014-01-01,,,,,ceased\n");
	import_ok(&a, "therapy-entries",
		"ref,child,section,therapy,start_date,term_time_only\n"
		"E1,CH1,F,slt,2023-09-01,YES\n"
		"E2,CH1,G,ot,2023-09-01,no\n"
		"E3,CH2,F,pt,2023-09-01,\n");
	import_ok(&a, "provision",
		"entry,date,minutes,ref,outcome\n"
		"E1,2023-09-15,30,S-17,Child-Absent\n"
		"E1,2023-09-22,30,,\n"
		"E2,2023-09-29,45,,provider-cancelled\n");
	char *children = fixture_export(&a, "children");
	expect_line(children, "CH1,Ann,Smith,2015-01-01,,,,,2020-09-01,jo.case,\"Oak Primary, Deal\","
	                      "2023-10-01,active\r\n");
	expect_line(children, "CH2,Bea,Jones,2014-01-01,,,,,,,,,ceased\r\n");
	char *entries = fixture_export(&a, "therapy-entries");
	expect_line(entries, "E1,CH1,F,slt,2023-09-01,,,,,,,,yes\r\n");
	expect_line(entries, "E2,CH1,G,ot,2023-09-01,,,,,,,,no\r\n");
	expect_line(entries, "E3,CH2,F,pt,2023-09-01,,,,,,,,no\r\n");
	char *sessions = fixture_export(&a, "provision");
	cr_expect_str_eq(sessions,
		"entry,date,minutes,therapist,notes,ref,outcome\r\n"
		"E1,2023-09-15,30,,,S-17,child-absent\r\n"
		"E1,2023-09-22,30,,,PV-2,delivered\r\n"
		"E2,2023-09-29,45,,,PV-3,provider-cancelled\r\n");
	/* And the same files load into another database as they left. */
	fixture_init(&b, false);
	cr_assert_eq(users_add(&b.s, "jo.case", "caseworker", &err), 0, "%s", err.msg);
	import_ok(&b, "children", children);
	import_ok(&b, "therapy-entries", entries);
	import_ok(&b, "provision", sessions);
	char *again = fixture_export(&b, "provision");
	cr_expect_str_eq(again, sessions);
	free(again);
	again = fixture_export(&b, "children");
	cr_expect_str_eq(again, children);
	free(again);
	free(children);
	free(entries);
	free(sessions);
}

/* A caseworker names a login that is a user of the database. */
Test(transfer, a_caseworker_must_be_a_user)
{
	char problems[1024] = "";
	int rc = fixture_import(&a, "children",
		"ref,first_name,last_name,date_of_birth,caseworker\nCH1,Ann,Smith,2015-01-01,nobody\n",
		problems, sizeof problems);
	cr_expect_eq(rc, EX_DATAERR);
	cr_expect(strstr(problems, "test.csv:2: caseworker: no user 'nobody'") != NULL, "%s", problems);
}

/* Export then import of provision updates each session by its ref: the
 * count stays, and a changed outcome in the file changes the session. */
Test(transfer, provision_export_then_import_updates_by_ref)
{
	load_steps(&a, (const struct import_step[]){{"children", CHILDREN}, {"therapy-entries", ENTRIES},
	                                             {NULL, NULL}});
	import_ok(&a, "provision", "entry,date,minutes\nE1,2023-09-15,30\nE1,2023-09-22,45\n");
	char *out = fixture_export(&a, "provision");
	import_ok(&a, "provision", out);
	cr_expect_eq(rows(&a, TABLE_PROVISION), 2);
	import_ok(&a, "provision", "ref,entry,date,minutes,outcome\nPV-2,E1,2023-09-22,45,did-not-attend\n");
	cr_expect_eq(rows(&a, TABLE_PROVISION), 2);
	char *after = fixture_export(&a, "provision");
	expect_line(after, "E1,2023-09-22,45,,,PV-2,did-not-attend\r\n");
	free(out);
	free(after);
}

Test(transfer, text_that_is_not_utf8_is_refused_and_not_echoed)
{
	char problems[4096];
	int rc = fixture_import(&a, "providers",
		"code,name\n"
		"P1,Good\n"
		"P2,Caf\xE9 latin-1\n"           /* 3 */
		"P3,half \xC3\n"                 /* 4: a cut sequence */
		"\xFF" "P4,Fine name\n",         /* 5 */
		problems, sizeof problems);
	cr_assert_eq(rc, EX_DATAERR, "rc %d\n%s", rc, problems);
	expect_line(problems, "test.csv:3: name: not valid UTF-8\n");
	expect_line(problems, "test.csv:4: name: not valid UTF-8\n");
	expect_line(problems, "test.csv:5: code: not valid UTF-8\n");
	cr_expect_eq(lines_in(problems), 3, "%s", problems);
	cr_expect(strchr(problems, '\xE9') == NULL && strchr(problems, '\xFF') == NULL,
	          "raw bytes echoed:\n%s", problems);
	cr_assert_eq(rows(&a, TABLE_PROVIDERS), 0, "rows were written");
}

Test(transfer, a_key_given_twice_in_one_file_names_both_lines)
{
	import_ok(&a, "providers", PROVIDERS);
	import_ok(&a, "contracts", CONTRACTS);
	char problems[4096];
	int rc = fixture_import(&a, "providers",
		"code,name\nP3,Three\nP4,Four\nP1,One\nP3,Three again\n", problems, sizeof problems);
	cr_assert_eq(rc, EX_DATAERR, "rc %d\n%s", rc, problems);
	cr_expect_str_eq(problems, "test.csv:5: code: the same key as line 2\n");
	cr_assert_eq(rows(&a, TABLE_PROVIDERS), 2, "rows were written");
	/* A key of several columns: the same only when all agree. */
	rc = fixture_import(&a, "coverage",
		"contract,district,therapy\nC1,Swale,slt\nC1,Swale,ot\nC1,Ashford,slt\nC1,SWA,slt\n",
		problems, sizeof problems);
	cr_assert_eq(rc, EX_DATAERR, "rc %d\n%s", rc, problems);
	cr_expect_str_eq(problems, "test.csv:5: contract, district, therapy: the same key as line 2\n");
	cr_assert_eq(rows(&a, TABLE_COVERAGE), 0);
}

Test(transfer, rows_without_a_key_are_never_the_same)
{
	import_ok(&a, "providers", PROVIDERS);
	import_ok(&a, "providers", "code,name\nP1,Renamed\nP2,Again\n");
	cr_assert_eq(rows(&a, TABLE_PROVIDERS), 2);
	import_ok(&a, "contracts", CONTRACTS);
	import_ok(&a, "children", CHILDREN);
	import_ok(&a, "therapy-entries", ENTRIES);
	/* provision makes its own refs when none is given */
	import_ok(&a, "provision", "entry,date,minutes\nE1,2023-10-02,30\nE1,2023-10-02,30\n");
	cr_assert_eq(rows(&a, TABLE_PROVISION), 2);
}

Test(transfer, formulas_are_guarded_on_export_and_round_trip)
{
	import_ok(&a, "providers", "code,name,kind\n"
	                           "P1,\"=HYPERLINK(\"\"http://x\"\")\",other\n"
	                           "P2,+1,other\n"
	                           "P3,-2,other\n"
	                           "P4,@SUM(A1),other\n"
	                           "P5,'tis a name,other\n"
	                           "P6,\"\tTabbed\",other\n"
	                           "P7,'=a hand-guarded cell,other\n");
	char *out = round_trip("providers", NULL, "code,name\n");
	expect_line(out, "P1,\"'=HYPERLINK(\"\"http://x\"\")\",other\r\n");
	expect_line(out, "P2,'+1,other\r\n");
	expect_line(out, "P3,'-2,other\r\n");
	expect_line(out, "P4,'@SUM(A1),other\r\n");
	expect_line(out, "P5,''tis a name,other\r\n");
	expect_line(out, "P6,'\tTabbed,other\r\n");
	expect_line(out, "P7,'=a hand-guarded cell,other\r\n");
	free(out);
}

Test(transfer, numbers_and_keys_are_not_guarded_unless_they_start_a_formula)
{
	static const struct import_step needs[] = {
		{"providers", PROVIDERS}, {"children", CHILDREN}, {NULL, NULL}};
	char *out = round_trip("spot-purchases", needs, "ref,child,provider,therapy,start_date,cost\n"
	                                                "S-1,CH1,P1,slt,2024-01-01,250.50\n"
	                                                "-S2,CH1,P1,slt,2024-01-01,1\n");
	expect_line(out, "S-1,CH1,P1,slt,2024-01-01,250.50");
	expect_line(out, "'-S2,CH1,P1,slt,2024-01-01,1.00");
	free(out);
}
