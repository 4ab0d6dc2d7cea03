/* sendesk import KIND FILE|- and sendesk export KIND. */
#include <stdio.h>
#include <string.h>

#include "data.h"
#include "run.h"

TestSuite(transfer, CLI_FIXTURE);

/* Export every kind from a full database, import the files into a new one
 * in dependency order, export again: the same bytes for every kind. */
Test(transfer, round_trip_of_every_kind)
{
	load_full_data();
	const char *first[KIND_COUNT];
	for (int i = 0; i < KIND_COUNT; i++) {
		first[i] = export_kind(db_path(), all_kinds[i]);
		cr_assert_gt(line_count(first[i]), 1, "nothing to round-trip in %s", all_kinds[i]);
		write_file(tmp_path(text_printf("%s.export.csv", all_kinds[i])), first[i]);
	}
	const char *copy = tmp_path("copy.db");
	const struct run_opts on_copy = {.db = copy};
	assert_exit(sendesk_opts(&on_copy, "init", NULL), 0);
	for (int i = 0; i < KIND_COUNT; i++) {
		struct run r = sendesk_opts(&on_copy, "import", all_kinds[i],
		                            text_printf("%s.export.csv", all_kinds[i]), NULL);
		assert_exit(r, 0);
	}
	for (int i = 0; i < KIND_COUNT; i++)
		cr_expect_str_eq(export_kind(copy, all_kinds[i]), first[i], "%s did not round-trip",
		                 all_kinds[i]);
}

/* Importing an export into the database it came from changes nothing,
 * provision included: a session's ref is its key, so importing the
 * sessions again updates them rather than adding them twice. */
Test(transfer, reimporting_an_export_changes_nothing)
{
	load_full_data();
	const char *before = export_everything(db_path());
	/* Headers and "== KIND" lines alone would be 24. */
	cr_assert_gt(line_count(before), 24 + 100, "too little data:\n%s", before);
	for (int i = 0; i < KIND_COUNT; i++) {
		const char *name = text_printf("%s.csv", all_kinds[i]);
		write_file(tmp_path(name), export_kind(db_path(), all_kinds[i]));
		assert_exit(sendesk("import", all_kinds[i], name, NULL), 0);
	}
	cr_assert_str_eq(export_everything(db_path()), before);
}

Test(transfer, export_writes_what_was_imported)
{
	load_full_data();
	cr_assert_str_eq(lf_lines(export_kind(db_path(), "children")), children_csv);
	cr_assert_str_eq(lf_lines(export_kind(db_path(), "therapy-entries")), therapy_entries_csv);
	cr_assert_str_eq(lf_lines(export_kind(db_path(), "provision")), provision_csv);
	cr_assert_str_eq(lf_lines(export_kind(db_path(), "spot-purchases")), spot_purchases_csv);
	cr_assert_str_eq(lf_lines(export_kind(db_path(), "personal-budgets")), personal_budgets_csv);
}

Test(transfer, import_from_standard_input)
{
	init_with_contracts();
	struct run r = sendesk_opts(&(struct run_opts){.in = children_csv}, "import", "children", "-",
	                            NULL);
	assert_exit(r, 0);
	cr_assert_str_eq(lf_lines(export_kind(db_path(), "children")), children_csv);
}

Test(transfer, bad_rows_from_standard_input_are_named_dash)
{
	assert_exit(sendesk("init", NULL), 0);
	const char *in = "ref,first_name,last_name,date_of_birth\n"
	                 "C1,Ann,Lee,2015-02-03\n"
	                 "C2,Bo,Ray,2015-02-30\n";
	struct run r = sendesk_opts(&(struct run_opts){.in = in}, "import", "children", "-", NULL);
	assert_exit(r, EX_DATAERR);
	cr_assert(strncmp(line_at(r.err, 0), "-:3: date_of_birth: ", 20) == 0, "stderr:\n%s", r.err);
	cr_assert_eq(line_count(export_kind(db_path(), "children")), 1, "a row was imported");
}

/* The lines of stderr that report rows of the file called name. */
static const char *row_problems(const char *err, const char *name)
{
	const char *found = "";
	size_t len = strlen(name);
	for (int i = 0, n = line_count(err); i < n; i++) {
		const char *line = line_at(err, i);
		if (strncmp(line, name, len) == 0 && line[len] == ':')
			found = text_printf("%s%s\n", found, line);
	}
	return found;
}

/* Each expected problem line starts with its prefix "FILE:LINE: column: "
 * and goes on with a reason. */
static void expect_problems(const char *err, const char *name, const char *const *prefixes)
{
	const char *got = row_problems(err, name);
	int n = 0;
	for (; prefixes[n]; n++) {
		const char *line = line_at(got, n);
		cr_expect(line != NULL && strncmp(line, prefixes[n], strlen(prefixes[n])) == 0 &&
		          strlen(line) > strlen(prefixes[n]),
		          "problem %d: expected \"%s<reason>\", got \"%s\"\nstderr:\n%s", n + 1,
		          prefixes[n], line ? line : "(none)", err);
	}
	cr_expect_eq(line_count(got), n, "expected %d problem lines, got:\n%s", n, got);
	/* Beside them, at most a one-line summary. */
	cr_expect_leq(line_count(err) - line_count(got), 1, "stderr:\n%s", err);
}

/* Line numbers count the file's lines (a quoted field may span several),
 * and good rows around the bad ones are not written either. */
Test(transfer, bad_rows_name_file_line_and_column_and_nothing_is_written)
{
	load_full_data();
	const char *before = export_everything(db_path());
	write_file(tmp_path("entries.csv"),
	           "ref,child,section,therapy,start_date,end_date,funding,contract,minutes_per_week,"
	           "level,strand,description\n"
	           "TE-101,CH-001,F,slt,2024-04-01,,,,60,,,\"two\nlines\"\n"   /* lines 2-3 */
	           "TE-102,CH-001,H,slt,2024-04-01,,,,,,,\n"                   /* 4: section */
	           "TE-103,CH-404,F,slt,2024-04-01,,,,,,,\n"                   /* 5: child */
	           "TE-104,CH-001,F,xyz,2024-04-01,,,,,,,\n"                   /* 6: therapy */
	           "TE-105,CH-001,F,ot,2024-04-01,2024-03-01,,,,,,\n"          /* 7: end_date */
	           "TE-106,CH-001,F,ot,2024-04-01,,contract,,,,,\n"            /* 8: contract */
	           "TE-107,CH-001,G,pt,2024-04-01,,,,,,,\"multi\nline\ntext\"\n" /* 9-11 */
	           "TE-108,CH-001,G,pt,2024-04-01,,,,lots,,,\n"                /* 12: minutes */
	           "TE-109,CH-001,G,pt,2024-04-01,,,,,,,fine\n");              /* 13 */
	struct run r = sendesk("import", "therapy-entries", "entries.csv", NULL);
	assert_exit(r, EX_DATAERR);
	expect_problems(r.err, "entries.csv", (const char *const[]){
		"entries.csv:4: section: ", "entries.csv:5: child: ", "entries.csv:6: therapy: ",
		"entries.csv:7: end_date: ", "entries.csv:8: contract: ",
		"entries.csv:12: minutes_per_week: ", NULL});
	cr_assert_str_eq(export_everything(db_path()), before, "a refused import wrote something");
}

/* A row with several problems reports them all, each on its own line,
 * so the file is fixed in one pass. */
Test(transfer, every_problem_of_a_row_at_once)
{
	assert_exit(sendesk("init", NULL), 0);
	write_file(tmp_path("kids.csv"),
	           "ref,first_name,last_name,date_of_birth,upn\n"
	           "C1,,Lee,2099-02-03,A801200005009\n"
	           "C2,Bo,Ray,2015-02-03,\n");
	struct run r = sendesk("import", "children", "kids.csv", NULL);
	assert_exit(r, EX_DATAERR);
	expect_problems(r.err, "kids.csv", (const char *const[]){
		"kids.csv:2: upn: ", "kids.csv:2: first_name: ", "kids.csv:2: date_of_birth: ", NULL});
	cr_expect(has_line(r.err, "kids.csv:2: first_name: required"), "stderr:\n%s", r.err);
	cr_expect(has_line(r.err, "kids.csv:2: date_of_birth: is in the future"), "stderr:\n%s", r.err);
	cr_expect(strstr(r.err, "3 problems; nothing was imported") != NULL, "stderr:\n%s", r.err);
	cr_assert_eq(line_count(export_kind(db_path(), "children")), 1, "a row was imported");
}

/* A CRLF file: the same line numbers. */
Test(transfer, bad_rows_in_a_crlf_file)
{
	assert_exit(sendesk("init", NULL), 0);
	write_file(tmp_path("kids.csv"),
	           "ref,first_name,last_name,date_of_birth,upn\r\n"
	           "C1,Ann,Lee,2015-02-03,B801200005001\r\n"
	           "C2,Bo,Ray,2015-02-03,A801200005001\r\n"
	           "C3,Cy,Fox,2015-02-03,\r\n"
	           "C4,Di,,2015-02-03,\r\n");
	struct run r = sendesk("import", "children", "kids.csv", NULL);
	assert_exit(r, EX_DATAERR);
	expect_problems(r.err, "kids.csv",
	                (const char *const[]){"kids.csv:3: upn: ", "kids.csv:5: last_name: ", NULL});
	cr_assert_eq(line_count(export_kind(db_path(), "children")), 1, "a row was imported");
}

/* The path as given names the file. */
Test(transfer, bad_rows_name_the_path_as_given)
{
	assert_exit(sendesk("init", NULL), 0);
	const char *path = tmp_path("providers.csv");
	write_file(path, "code,name,kind\nX,Xavier Therapy,charity\n");
	struct run r = sendesk("import", "providers", path, NULL);
	assert_exit(r, EX_DATAERR);
	expect_problems(r.err, path, (const char *const[]){text_printf("%s:2: kind: ", path), NULL});
}

/* One bad cell in one row, for each kind's own checks. */
struct bad_row {
	const char *kind;
	const char *csv;      /* header and one row */
	const char *column;   /* expected in "bad.csv:2: column: reason" */
};

static const struct bad_row bad_rows[] = {
	{"providers", "code,name,kind\nX,,nhs-trust\n", "name"},
	{"contracts", "ref,provider,annual_value,start_date,end_date\nC,NOPE,1,2024-04-01,2025-03-31\n",
	 "provider"},
	{"contracts", "ref,provider,annual_value,start_date,end_date\nC,MCH,12.345,2024-04-01,2025-03-31\n",
	 "annual_value"},
	{"contracts", "ref,provider,annual_value,start_date,end_date\nC,MCH,-5,2024-04-01,2025-03-31\n",
	 "annual_value"},
	{"contracts", "ref,provider,annual_value,start_date,end_date\nC,MCH,\"1,13,4984\",2024-04-01,2025-03-31\n",
	 "annual_value"},
	{"contracts", "ref,provider,annual_value,start_date,end_date\nC,MCH,5,2025-03-31,2024-04-01\n",
	 "end_date"},
	{"contracts", "ref,provider,annual_value,start_date,end_date,route\nC,MCH,5,2024-04-01,2025-03-31,psr-direct-d\n",
	 "route"},
	{"contract-values", "contract,from_date,annual_value\nNOPE-2024,2024-04-01,5\n", "contract"},
	{"coverage", "contract,district,therapy\nEKHUFT-2024,Medway,slt\n", "district"},
	{"staffing", "contract,therapy,pct_funded\nEKHUFT-2024,slt,101\n", "pct_funded"},
	{"children", "ref,first_name,last_name,date_of_birth,upn\nC,A,B,2015-01-01,b801200005001\n", "upn"},
	{"children", "ref,first_name,last_name,date_of_birth,primary_need\nC,A,B,2015-01-01,XYZ\n",
	 "primary_need"},
	{"children", "ref,first_name,last_name,date_of_birth,sex\nC,A,B,2015-01-01,q\n", "sex"},
	{"children", "ref,first_name,last_name,date_of_birth\nC,A,B,2015-02-29\n", "date_of_birth"},
	{"therapy-entries", "ref,child,section,therapy,start_date,funding,contract\n"
	                    "T,CH-001,F,slt,2024-04-01,spot,EKHUFT-2024\n", "contract"},
	{"provision", "entry,date,minutes\nTE-001,2024-04-08,0\n", "minutes"},
	{"provision", "entry,date,minutes\nTE-999,2024-04-08,30\n", "entry"},
	{"spot-purchases", "ref,child,provider,therapy,start_date,cost\nS,CH-001,MCH,ot,2024-09-01,abc\n",
	 "cost"},
	{"personal-budgets", "ref,child,start_date,end_date,amount,therapy_amount\n"
	                     "P,CH-001,2024-09-01,2025-08-31,100,200\n", "therapy_amount"},
	{"personal-budgets", "ref,child,start_date,end_date,amount,eotas\n"
	                     "P,CH-001,2024-09-01,2025-08-31,100,maybe\n", "eotas"},
	{"returns", "provider,therapy,month,waiting_assessment,waiting_assessment_over_12w\n"
	            "MCH,slt,2024-05,3,4\n", "waiting_assessment_over_12w"},
	{"returns", "provider,therapy,month\nMCH,slt,2024-13\n", "month"},
	{"users", "login,role\nsomeone,boss\n", "role"},
	{"users", "login,role\nsome one,caseworker\n", "login"},
};

Test(transfer, each_kind_checks_its_rows)
{
	load_full_data();
	const char *before = export_everything(db_path());
	for (size_t i = 0; i < sizeof bad_rows / sizeof bad_rows[0]; i++) {
		const struct bad_row *b = &bad_rows[i];
		write_file(tmp_path("bad.csv"), b->csv);
		struct run r = sendesk("import", b->kind, "bad.csv", NULL);
		const char *prefix = text_printf("bad.csv:2: %s: ", b->column);
		const char *line = line_at(r.err, 0);
		cr_expect_eq(r.status, EX_DATAERR, "%s row %zu: exit %d, expected 65\n%s", b->kind, i,
		             r.status, r.err);
		cr_expect(line && strncmp(line, prefix, strlen(prefix)) == 0 && strlen(line) > strlen(prefix),
		          "%s: expected \"%s<reason>\", stderr:\n%s", b->kind, prefix, r.err);
		cr_expect_eq(line_count(row_problems(r.err, "bad.csv")), 1, "%s: stderr:\n%s", b->kind,
		             r.err);
	}
	cr_assert_str_eq(export_everything(db_path()), before, "a refused import wrote something");
}

Test(transfer, header_problems_are_reported_on_line_1)
{
	assert_exit(sendesk("init", NULL), 0);
	write_file(tmp_path("unknown.csv"), "ref,first_name,last_name,date_of_birth,colour\n"
	                                    "C1,Ann,Lee,2015-02-03,blue\n");
	struct run r = sendesk("import", "children", "unknown.csv", NULL);
	assert_exit(r, EX_DATAERR);
	expect_problems(r.err, "unknown.csv", (const char *const[]){"unknown.csv:1: colour: ", NULL});

	write_file(tmp_path("missing.csv"), "ref,first_name,date_of_birth\nC1,Ann,2015-02-03\n");
	r = sendesk("import", "children", "missing.csv", NULL);
	assert_exit(r, EX_DATAERR);
	expect_problems(r.err, "missing.csv", (const char *const[]){"missing.csv:1: last_name: ", NULL});
	cr_assert_eq(line_count(export_kind(db_path(), "children")), 1, "a row was imported");
}

Test(transfer, a_row_with_the_wrong_number_of_fields)
{
	assert_exit(sendesk("init", NULL), 0);
	write_file(tmp_path("short.csv"), "ref,first_name,last_name,date_of_birth\n"
	                                  "C1,Ann,Lee,2015-02-03\n"
	                                  "C2,Bo,Ray\n");
	struct run r = sendesk("import", "children", "short.csv", NULL);
	assert_exit(r, EX_DATAERR);
	expect_problems(r.err, "short.csv", (const char *const[]){"short.csv:3: ", NULL});
	cr_assert_eq(line_count(export_kind(db_path(), "children")), 1, "a row was imported");
}

Test(transfer, an_empty_file_is_bad_input)
{
	assert_exit(sendesk("init", NULL), 0);
	write_file(tmp_path("empty.csv"), "");
	struct run r = sendesk("import", "children", "empty.csv", NULL);
	assert_fails_one_line(r, EX_DATAERR);
	cr_assert(strstr(r.err, "empty.csv") != NULL, "the file is not named: %s", r.err);
}

/* A problem at the end of a long file undoes everything before it. */
Test(transfer, a_bad_last_row_undoes_a_long_file)
{
	load_full_data();
	const char *before = export_everything(db_path());
	FILE *f = fopen(tmp_path("many.csv"), "w");
	cr_assert_not_null(f);
	fputs("ref,first_name,last_name,date_of_birth\n", f);
	for (int i = 0; i < 2000; i++)
		fprintf(f, "K%04d,First%d,Last%d,2012-03-04\n", i, i, i);
	fputs("K9999,Bad,Date,2012-03-32\n", f);
	cr_assert_eq(fclose(f), 0);
	struct run r = sendesk("import", "children", "many.csv", NULL);
	assert_exit(r, EX_DATAERR);
	expect_problems(r.err, "many.csv", (const char *const[]){"many.csv:2002: date_of_birth: ", NULL});
	cr_assert_str_eq(export_everything(db_path()), before, "a refused import wrote something");
}

Test(transfer, missing_input_file)
{
	load_full_data();
	const char *before = export_everything(db_path());
	struct run r = sendesk("import", "children", "no-such-file.csv", NULL);
	assert_fails_one_line(r, EX_NOINPUT);
	cr_assert(strstr(r.err, "no-such-file.csv") != NULL, "the file is not named: %s", r.err);
	cr_assert_str_eq(export_everything(db_path()), before);
}

Test(transfer, unknown_kind)
{
	load_full_data();
	write_file(tmp_path("x.csv"), children_csv);
	struct run r = sendesk("import", "pupils", "x.csv", NULL);
	assert_fails_one_line(r, EX_USAGE);
	cr_assert(strstr(r.err, "pupils") != NULL, "the kind is not named: %s", r.err);
	r = sendesk("export", "pupils", NULL);
	assert_fails_one_line(r, EX_USAGE);
	cr_assert_str_empty(r.out);
}

Test(transfer, export_or_import_on_a_missing_database)
{
	write_file(tmp_path("x.csv"), children_csv);
	struct run r = sendesk("export", "providers", NULL);
	assert_fails_one_line(r, EX_NOINPUT);
	cr_assert(strstr(r.err, db_path()) != NULL, "the database is not named: %s", r.err);
	r = sendesk("import", "children", "x.csv", NULL);
	assert_fails_one_line(r, EX_NOINPUT);
	cr_assert_not(file_exists(db_path()), "the database was created");
}

Test(transfer, bom_crlf_and_british_dates)
{
	init_with_contracts();
	write_file(tmp_path("bom.csv"),
	           "\xEF\xBB\xBFref,first_name,last_name,date_of_birth,upn,sex,district,primary_need,"
	           "ehcp_start_date\r\n"
	           "CH-010,Zoe,Ng,03/02/2015,P207000016049,f,swa,ASD,01/09/2019\r\n"
	           "CH-011,Yan,Oz,2016-12-31,,m,FOLKESTONE AND HYTHE,,\r\n");
	assert_exit(sendesk("import", "children", "bom.csv", NULL), 0);
	cr_assert_str_eq(lf_lines(export_kind(db_path(), "children")),
	                 text_printf("%s\n"
	                             "CH-010,Zoe,Ng,2015-02-03,P207000016049,f,Swale,ASD,2019-09-01,,,,\n"
	                             "CH-011,Yan,Oz,2016-12-31,,m,Folkestone and Hythe,,,,,,\n",
	                             children_header));
}

/* Columns by name in any order; optional ones left out; therapy codes in
 * any case; export writes the canonical forms. */
Test(transfer, columns_in_any_order_and_codes_in_any_case)
{
	init_with_contracts();
	import_text("children", "c.csv", "last_name,date_of_birth,ref,first_name\nKhan,17/05/2014,CH-9,Amira\n");
	import_text("therapy-entries", "t.csv", "therapy,start_date,section,child,ref\nSLT,01/04/2024,G,CH-9,T-9\n");
	cr_assert_str_eq(lf_lines(export_kind(db_path(), "children")),
	                 text_printf("%s\nCH-9,Amira,Khan,2014-05-17,,,,,,,,,\n", children_header));
	cr_assert_str_eq(line_at(export_kind(db_path(), "therapy-entries"), 1),
	                 "T-9,CH-9,G,slt,2024-04-01,,,,,,,,no");
}

Test(transfer, money_in_pounds_with_commas_and_pence)
{
	init_with_contracts();
	import_text("contracts", "money.csv",
	            "ref,provider,annual_value,start_date,end_date\n"
	            "M-1,MCH,\"£1,134,984.50\",01/04/2024,31/03/2025\n"
	            "M-2,MCH,1134984,2024-04-01,2025-03-31\n"
	            "M-3,MCH,1134984.5,2024-04-01,2025-03-31\n"
	            "M-4,MCH,£0.07,2024-04-01,2025-03-31\n");
	struct table t;
	const char *why;
	cr_assert(csv_table(export_kind(db_path(), "contracts"), &t, &why), "%s", why);
	cr_assert_str_eq(table_get(&t, table_row(&t, "ref", "M-1"), "annual_value"), "1134984.50");
	cr_assert_str_eq(table_get(&t, table_row(&t, "ref", "M-1"), "start_date"), "2024-04-01");
	cr_assert_str_eq(table_get(&t, table_row(&t, "ref", "M-1"), "end_date"), "2025-03-31");
	cr_assert_str_eq(table_get(&t, table_row(&t, "ref", "M-2"), "annual_value"), "1134984.00");
	cr_assert_str_eq(table_get(&t, table_row(&t, "ref", "M-3"), "annual_value"), "1134984.50");
	cr_assert_str_eq(table_get(&t, table_row(&t, "ref", "M-4"), "annual_value"), "0.07");
}

/* A row with the key of an existing record updates it. */
Test(transfer, importing_an_existing_key_updates_the_record)
{
	load_full_data();
	import_text("children", "again.csv",
	            "ref,first_name,last_name,date_of_birth\nCH-002,Benjamin,O'Neill,2016-11-02\n");
	const char *out = export_kind(db_path(), "children");
	cr_assert_eq(line_count(out), 4, "a record was added:\n%s", out);
	cr_assert(has_line(out, "CH-002,Benjamin,O'Neill,2016-11-02,,,,,,,,,") ||
	          has_line(out, "CH-002,Benjamin,O'Neill,2016-11-02,T886123419001,m,Swale,ASD,2021-01-15,,,,"),
	          "CH-002 not updated:\n%s", out);
}

/* An empty cell in a return is "not reported", never zero. */
Test(transfer, empty_return_cells_stay_empty)
{
	init_with_contracts();
	const char *out = export_kind(db_path(), "returns");
	cr_assert(has_line(out, "EKHUFT,slt,2023-05,83,539,407,,,"), "returns:\n%s", out);
	cr_assert(has_line(out, "EKHUFT,pt,2023-12,,,,,,0"), "returns:\n%s", out);
}

/* What a form would warn about is printed as FILE:LINE: column: warning:
 * reason, and the rows are imported all the same. */
Test(transfer, warnings_are_printed_and_the_import_goes_on)
{
	load_full_data();
	write_file(tmp_path("twin.csv"), "ref,first_name,last_name,date_of_birth,district\n"
	                                 "CH-900,amira,KHAN,17/05/2014,Swale\n");
	struct run r = sendesk("import", "children", "twin.csv", NULL);
	assert_exit(r, 0);
	cr_assert_str_eq(r.err, "twin.csv:2: first_name: warning: the same name and date of birth as "
	                        "child CH-001 (Amira Khan, born 2014-05-17)\n");
	cr_assert_str_eq(r.out, "imported 1 children rows: 1 new, 0 updated, 0 unchanged\n");
	write_file(tmp_path("entry.csv"), "ref,child,section,therapy,start_date,funding,contract\n"
	                                  "TE-900,CH-900,F,slt,2024-06-01,contract,KCHFT-E-2024\n"
	                                  "TE-901,CH-001,F,slt,2026-01-01,contract,EKHUFT-2024\n");
	r = sendesk("import", "therapy-entries", "entry.csv", NULL);
	assert_exit(r, 0);
	cr_assert_str_eq(r.err, "entry.csv:2: contract: warning: KCHFT-E-2024 does not cover Swale for SLT\n"
	                        "entry.csv:3: contract: warning: EKHUFT-2024 is not in force on 2026-01-01 "
	                        "(it runs 2024-04-01 to 2025-08-31)\n");
	cr_assert_eq(line_count(export_kind(db_path(), "therapy-entries")), 1 + 3 + 2);
}

/* Bad sessions are refused at their field, naming why. */
Test(transfer, sessions_in_the_future_or_outside_their_entry_are_refused)
{
	load_full_data();
	const char *before = export_kind(db_path(), "provision");
	write_file(tmp_path("bad.csv"), "entry,date,minutes,outcome\n"
	                                "TE-002,2099-01-01,30,\n"
	                                "TE-002,2099-01-01,30,child-absent\n"
	                                "TE-001,2025-04-01,30,\n"
	                                "TE-001,2024-05-01,0,\n");
	struct run r = sendesk("import", "provision", "bad.csv", NULL);
	assert_exit(r, EX_DATAERR);
	cr_assert(has_line(r.err, "bad.csv:2: date: is in the future (a session not yet delivered "
	                          "cannot be logged)"), "%s", r.err);
	cr_assert(has_line(r.err, "bad.csv:3: date: is in the future (a missed session is logged on "
	                          "its day or later)"), "%s", r.err);
	cr_assert(has_line(r.err, "bad.csv:4: date: is outside its entry's period (2024-04-01 to "
	                          "2025-03-31)"), "%s", r.err);
	cr_assert(strstr(r.err, "bad.csv:5: minutes: must be between 1 and 1440") != NULL, "%s", r.err);
	cr_assert_str_eq(export_kind(db_path(), "provision"), before, "a session was written");
}
