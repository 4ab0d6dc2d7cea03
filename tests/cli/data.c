/* data.c: CSV fixtures and whole-database helpers.  See data.h. */
#include "data.h"

#include <string.h>

#include "run.h"
#include "tests/support/rundir.h"

const char *const all_kinds[KIND_COUNT] = {
	"providers", "contracts", "contract-values", "coverage", "staffing", "children",
	"therapy-entries", "provision", "spot-purchases", "personal-budgets", "returns", "funders",
	"activity-returns", "users",
};

/* B801200005001 and T886123419001: check letters worked in
 * tests/unit/test_upn.c.  Names with a quote and a comma test quoting. */
const char children_csv[] =
	"ref,first_name,last_name,date_of_birth,upn,sex,district,primary_need,ehcp_start_date,"
	"caseworker,school,last_review_date,ehcp_status\n"
	"CH-001,Amira,Khan,2014-05-17,B801200005001,f,Ashford,SLCN,2019-09-01,,"
	"Oak Primary School,2024-09-20,active\n"
	"CH-002,Ben,O'Neill,2016-11-02,T886123419001,m,Swale,ASD,2021-01-15,,,,\n"
	"CH-003,\"Cleo \"\"CJ\"\"\",\"Smith, Jr\",2010-02-28,,x,,,,,,,ceased\n";

const char therapy_entries_csv[] =
	"ref,child,section,therapy,start_date,end_date,funding,contract,minutes_per_week,level,"
	"strand,description,term_time_only\n"
	"TE-001,CH-001,F,slt,2024-04-01,2025-03-31,contract,EKHUFT-2024,60,specialist,"
	"intervention,\"Weekly 1:1 SLT, plus training for staff\",yes\n"
	"TE-002,CH-002,G,ot,2024-09-01,,spot,,30,targeted,environment,Sensory diet review,no\n"
	"TE-003,CH-003,F,assistant,2023-01-09,2023-12-20,pb,,,,,,no\n";

const char provision_csv[] =
	"entry,date,minutes,therapist,notes,ref,outcome\n"
	"TE-001,2024-04-08,60,J. Patel,First session,S-001,delivered\n"
	"TE-001,2024-04-15,45,J. Patel,\"Short session,\nchild unwell\",S-002,delivered\n"
	"TE-002,2024-09-10,30,,,S-003,delivered\n";

const char spot_purchases_csv[] =
	"ref,child,provider,therapy,start_date,cost,end_date,invoice_ref\n"
	"SP-001,CH-002,MCH,ot,2024-09-01,4250.00,2025-08-31,INV-9913\n"
	"SP-002,CH-003,MCH,slt,2019-04-01,1134984.50,,\n";

const char personal_budgets_csv[] =
	"ref,child,start_date,end_date,amount,therapy_amount,eotas,purpose\n"
	"PB-001,CH-003,2023-09-01,2024-08-31,12000.00,7500.50,yes,EOTAS package with SLT and OT\n"
	"PB-002,CH-001,2023-09-01,2024-08-31,900.00,,no,\n";

const char providers_header[] = "code,name,kind";
const char contracts_header[] =
	"ref,provider,annual_value,start_date,end_date,title,status,signed_date,route,"
	"decision_ref,notes,type";
const char children_header[] =
	"ref,first_name,last_name,date_of_birth,upn,sex,district,primary_need,ehcp_start_date,"
	"caseworker,school,last_review_date,ehcp_status";

/* Writes text to a file in the test directory and imports it into db. */
static void import_into(const char *db, const char *kind, const char *name, const char *text)
{
	write_file(tmp_path(name), text);
	struct run r = sendesk_opts(&(struct run_opts){.db = db}, "import", kind, name, NULL);
	cr_assert_eq(r.status, 0, "import %s %s: exit %d\n%s", kind, name, r.status, r.err);
}

void import_text(const char *kind, const char *name, const char *text)
{
	import_into(db_path(), kind, name, text);
}

/* The demo's providers and contracts, without its children, so that the
 * children's tables hold only what a test imports. */
static void make_with_contracts(const char *db, void *unused)
{
	(void)unused;
	static const char *const kinds[] = {"providers", "contracts", "contract-values",
	                                     "coverage", "staffing", "funders", "returns",
	                                     "activity-returns"};
	struct run r = sendesk_opts(&(struct run_opts){.db = db}, "init", NULL);
	cr_assert_eq(r.status, 0, "init: exit %d\n%s", r.status, r.err);
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		const char *file = repo_path(text_printf("data/demo/%s.csv", kinds[i]));
		r = sendesk_opts(&(struct run_opts){.db = db}, "import", kinds[i], file, NULL);
		cr_assert_eq(r.status, 0, "import %s: exit %d\n%s", kinds[i], r.status, r.err);
	}
}

/* The files load_full_data imports, each written to the test directory. */
static const struct {
	const char *kind, *name;
	const char *text;
} full_files[] = {
	{"children", "children.csv", children_csv},
	{"therapy-entries", "therapy-entries.csv", therapy_entries_csv},
	{"provision", "provision.csv", provision_csv},
	{"spot-purchases", "spot-purchases.csv", spot_purchases_csv},
	{"personal-budgets", "personal-budgets.csv", personal_budgets_csv},
};

static const char *users_csv(void)
{
	return text_printf("login,role\n%s,caseworker\n%s,teamlead\n", login_of(1), login_of(2));
}

static void make_full_data(const char *db, void *unused)
{
	make_with_contracts(db, unused);
	/* Users first: a child names its caseworker by login. */
	import_into(db, "users", "users.csv", users_csv());
	for (size_t i = 0; i < sizeof full_files / sizeof full_files[0]; i++)
		import_into(db, full_files[i].kind, full_files[i].name, full_files[i].text);
}

/* A dozen tests or more start from each of these databases, made by nine
 * and fifteen runs of sendesk (seconds under ASan): a test run makes each
 * once a day (tests/support/rundir.h) and every test copies it. */
static void made_once(const char *name, void (*make)(const char *db, void *unused))
{
	char made[400];
	if (run_file_made(name, made, sizeof made, make, NULL))
		cr_assert(file_copy(made, db_path()), "could not copy %s", made);
	else
		make(db_path(), NULL);
}

void init_with_contracts(void)
{
	made_once("cli-contracts", make_with_contracts);
}

void load_full_data(void)
{
	made_once("cli-full", make_full_data);
	/* The files it imported, as when the test had imported them itself. */
	write_file(tmp_path("users.csv"), users_csv());
	for (size_t i = 0; i < sizeof full_files / sizeof full_files[0]; i++)
		write_file(tmp_path(full_files[i].name), full_files[i].text);
}

const char *export_kind(const char *db, const char *kind)
{
	struct run r = sendesk_opts(&(struct run_opts){.db = db}, "export", kind, NULL);
	cr_assert_eq(r.status, 0, "export %s from %s: exit %d\n%s", kind, db, r.status, r.err);
	cr_assert_eq(strlen(r.out), r.out_len, "export %s: NUL byte in the output", kind);
	return r.out;
}

const char *export_everything(const char *db)
{
	const char *all = "";
	for (int i = 0; i < KIND_COUNT; i++)
		all = text_printf("%s== %s\n%s", all, all_kinds[i], export_kind(db, all_kinds[i]));
	return all;
}
