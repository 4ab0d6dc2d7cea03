/* sendesk user list|add|set|remove, and what each role may do.  Other
 * logins are played with unshare --user (see run_opts.as_uid): user ids
 * 1, 2 and 8 have login names on every Debian system. */
#include <pwd.h>
#include <stdio.h>
#include <string.h>

#include "data.h"
#include "run.h"

TestSuite(users, CLI_FIXTURE);

enum { CASEWORKER_UID = 1, TEAMLEAD_UID = 2, STRANGER_UID = 8 };

static const struct run_opts as_caseworker = {.as_uid = CASEWORKER_UID};
static const struct run_opts as_teamlead = {.as_uid = TEAMLEAD_UID};

/* "user list" as a map: one "login role" line each, sorted. */
static const char *user_list(void)
{
	struct run r = sendesk("user", "list", NULL);
	assert_exit(r, 0);
	const char *lines = "";
	for (int i = 0, n = line_count(r.out); i < n; i++) {
		char login[64], role[64];
		cr_assert_eq(sscanf(line_at(r.out, i), "%63s %63s", login, role), 2,
		             "user list line: '%s'", line_at(r.out, i));
		lines = text_printf("%s%s %s\n", lines, login, role);
	}
	return sorted_lines(lines);
}

static const char *users_are(const char *a, const char *b, const char *c)
{
	return sorted_lines(text_printf("%s\n%s%s%s%s", a, b ? b : "", b ? "\n" : "", c ? c : "",
	                                c ? "\n" : ""));
}

/* The database with the creator as admin, uid 1 a caseworker and uid 2 a
 * team lead, and every kind holding records. */
static void setup_roles(void)
{
	load_full_data();
	cr_assert_str_eq(user_list(),
	                 users_are(text_printf("%s admin", my_login()),
	                           text_printf("%s caseworker", login_of(CASEWORKER_UID)),
	                           text_printf("%s teamlead", login_of(TEAMLEAD_UID))));
}

Test(users, unshare_plays_another_login)
{
	struct run r = run_argv(&as_caseworker, (const char *const[]){"id", "-un", NULL});
	assert_exit(r, 0);
	cr_assert_str_eq(line_at(r.out, 0), login_of(CASEWORKER_UID),
	                 "unshare --user --map-user=%d does not work here", CASEWORKER_UID);
}

Test(users, add_set_list_remove)
{
	assert_exit(sendesk("init", NULL), 0);
	const char *admin = text_printf("%s admin", my_login());
	const char *other = login_of(CASEWORKER_UID);
	struct run r = sendesk("user", "add", other, "caseworker", NULL);
	assert_exit(r, 0);
	cr_assert_str_empty(r.err);
	cr_assert_str_eq(r.out, text_printf("added caseworker '%s'\n", other));
	cr_assert_str_eq(user_list(), users_are(admin, text_printf("%s caseworker", other), NULL));
	r = sendesk("user", "set", other, "teamlead", NULL);
	assert_exit(r, 0);
	cr_assert_str_eq(r.out, text_printf("set '%s' to teamlead\n", other));
	cr_assert_str_eq(user_list(), users_are(admin, text_printf("%s teamlead", other), NULL));
	/* The same role again is no change, and writes no audit row. */
	const char *count_audit[] = {"sqlite3", db_path(), "SELECT count(*) FROM audit", NULL};
	const char *audit_rows = run_argv(NULL, count_audit).out;
	r = sendesk("user", "set", other, "teamlead", NULL);
	assert_exit(r, 0);
	cr_assert_str_eq(r.out, text_printf("'%s' is already teamlead: unchanged\n", other));
	cr_assert_str_eq(run_argv(NULL, count_audit).out, audit_rows);
	r = sendesk("user", "set", other, "Admin", NULL);
	assert_exit(r, 0);
	cr_assert_str_eq(r.out, text_printf("set '%s' to admin\n", other));
	cr_assert_str_eq(user_list(), users_are(admin, text_printf("%s admin", other), NULL));
	/* With two admins, one may go. */
	r = sendesk("user", "remove", other, NULL);
	assert_exit(r, 0);
	cr_assert_str_eq(r.out, text_printf("removed user '%s'\n", other));
	cr_assert_str_eq(user_list(), users_are(admin, NULL, NULL));
	cr_assert_str_eq(lf_lines(export_kind(db_path(), "users")),
	                 text_printf("login,role\n%s,admin\n", my_login()));
}

/* A login this host does not know is added (the database may serve
 * another host) with a warning, since nobody can use it here. */
Test(users, a_login_unknown_here_is_added_with_a_warning)
{
	assert_exit(sendesk("init", NULL), 0);
	const char *stranger = "no-such-login-here";
	cr_assert_null(getpwnam(stranger));
	struct run r = sendesk("user", "add", stranger, "teamlead", NULL);
	assert_exit(r, 0);
	cr_assert_str_eq(r.out, "added teamlead 'no-such-login-here'\n");
	cr_assert_eq(line_count(r.err), 1, "stderr:\n%s", r.err);
	cr_assert(strstr(r.err, "warning: there is no login 'no-such-login-here' on this host") != NULL,
	          "stderr:\n%s", r.err);
	cr_assert_str_eq(user_list(), users_are(text_printf("%s admin", my_login()),
	                                        "no-such-login-here teamlead", NULL));
}

/* A refused change: 65, one line, and the users as they were. */
static void refused_65(const char *what, const char *const *args)
{
	const char *before = user_list();
	const char *argv[8] = {sendesk_bin(), "--db", db_path()};
	for (size_t i = 0; args[i]; i++)
		argv[3 + i] = args[i];
	struct run r = run_argv(NULL, argv);
	cr_expect_eq(r.status, EX_DATAERR, "%s: exit %d\n%s", what, r.status, r.err);
	cr_expect_eq(line_count(r.err), 1, "%s: stderr:\n%s", what, r.err);
	cr_expect_str_eq(user_list(), before, "%s changed the users", what);
}

#define REFUSED(what, ...) refused_65(what, (const char *const[]){__VA_ARGS__, NULL})

Test(users, bad_user_changes_are_refused)
{
	assert_exit(sendesk("init", NULL), 0);
	const char *me = my_login(), *other = login_of(CASEWORKER_UID);
	assert_exit(sendesk("user", "add", other, "caseworker", NULL), 0);
	REFUSED("an unknown role", "user", "add", login_of(TEAMLEAD_UID), "boss");
	REFUSED("an unknown role on set", "user", "set", other, "superuser");
	REFUSED("a duplicate", "user", "add", other, "teamlead");
	REFUSED("a login with a space", "user", "add", "two words", "caseworker");
	REFUSED("removing the last admin", "user", "remove", me);
	REFUSED("demoting the last admin", "user", "set", me, "teamlead");
	REFUSED("setting a user that does not exist", "user", "set", "nobody-here", "admin");
	REFUSED("removing a user that does not exist", "user", "remove", "nobody-here");
}

/* The last admin cannot be removed by importing users either. */
Test(users, importing_users_keeps_an_admin)
{
	assert_exit(sendesk("init", NULL), 0);
	write_file(tmp_path("u.csv"), text_printf("login,role\n%s,caseworker\n", my_login()));
	struct run r = sendesk("import", "users", "u.csv", NULL);
	assert_exit(r, EX_DATAERR);
	cr_assert(strstr(r.err, "u.csv: the file as a whole: at least one admin must remain") != NULL,
	          "%s", r.err);
	cr_assert_str_eq(user_list(), users_are(text_printf("%s admin", my_login()), NULL, NULL));
}

/* A file that hands admin from one login to another is judged as a
 * whole: in its rows' order there is a moment with no admin. */
Test(users, a_users_file_handing_admin_on_is_judged_as_a_whole)
{
	assert_exit(sendesk("init", NULL), 0);
	const char *other = login_of(CASEWORKER_UID);
	assert_exit(sendesk("user", "add", other, "caseworker", NULL), 0);
	write_file(tmp_path("u.csv"),
	           text_printf("login,role\n%s,caseworker\n%s,admin\n", my_login(), other));
	struct run r = sendesk("import", "users", "u.csv", NULL);
	assert_exit(r, 0);
	cr_assert_str_eq(r.out, "imported 2 users rows: 0 new, 2 updated, 0 unchanged\n");
	const char *argv[] = {"sqlite3", db_path(), "SELECT login, role FROM users ORDER BY login", NULL};
	const char *expected = strcmp(my_login(), other) < 0
	                       ? text_printf("%s|caseworker\n%s|admin\n", my_login(), other)
	                       : text_printf("%s|admin\n%s|caseworker\n", other, my_login());
	cr_assert_str_eq(run_argv(NULL, argv).out, expected);
}

/* What a refused command might have changed: the users, and the kind it
 * imports. */
static const char *watched(const char *const *args)
{
	const char *users = export_kind(db_path(), "users");
	if (strcmp(args[0], "import") != 0)
		return users;
	return text_printf("%s%s", users, export_kind(db_path(), args[1]));
}

/* A refused command: 77, one line, nothing printed, nothing changed.
 * (Each test also compares every kind before and after all of them.) */
static void denied(const struct run_opts *o, const char *who, const char *const *args)
{
	const char *before = watched(args);
	const char *argv[12] = {sendesk_bin(), "--db", db_path()};
	const char *shown = "";
	for (size_t i = 0; args[i]; i++) {
		argv[3 + i] = args[i];
		shown = text_printf("%s %s", shown, args[i]);
	}
	struct run r = run_argv(o, argv);
	cr_expect_eq(r.status, EX_NOPERM, "%s:%s: exit %d, expected 77\n%s", who, shown, r.status, r.err);
	cr_expect_eq(line_count(r.err), 1, "%s:%s: stderr:\n%s", who, shown, r.err);
	cr_expect_str_empty(r.out, "%s:%s printed:\n%s", who, shown, r.out);
	cr_expect_str_eq(watched(args), before, "%s:%s changed the database", who, shown);
}

#define DENIED(o, who, ...) denied(o, who, (const char *const[]){__VA_ARGS__, NULL})

Test(users, a_caseworker_may_not_manage_users_or_contracts)
{
	setup_roles();
	write_file(tmp_path("contracts.csv"), export_kind(db_path(), "contracts"));
	write_file(tmp_path("new-contract.csv"),
	           "ref,provider,annual_value,start_date,end_date\nNEW,MCH,1,2024-04-01,2025-03-31\n");
	write_file(tmp_path("spot.csv"), "ref,child,provider,therapy,start_date,cost\n"
	                                 "SP-9,CH-001,MCH,ot,2024-09-01,100\n");
	write_file(tmp_path("users.csv"), text_printf("login,role\n%s,admin\n", login_of(CASEWORKER_UID)));
	const struct run_opts *o = &as_caseworker;
	const char *before = export_everything(db_path());
	DENIED(o, "caseworker", "user", "add", login_of(STRANGER_UID), "caseworker");
	DENIED(o, "caseworker", "user", "set", login_of(CASEWORKER_UID), "admin");
	DENIED(o, "caseworker", "user", "remove", login_of(TEAMLEAD_UID));
	DENIED(o, "caseworker", "user", "list");
	DENIED(o, "caseworker", "import", "contracts", "contracts.csv");
	DENIED(o, "caseworker", "import", "contracts", "new-contract.csv");
	DENIED(o, "caseworker", "import", "spot-purchases", "spot.csv");
	DENIED(o, "caseworker", "import", "users", "users.csv");
	cr_assert_str_eq(export_everything(db_path()), before, "a refused command changed something");
}

Test(users, a_caseworker_keeps_childrens_records)
{
	setup_roles();
	write_file(tmp_path("kids.csv"), "ref,first_name,last_name,date_of_birth,upn\n"
	                                 "CH-100,Dana,Lowe,2017-06-30,A000000000000\n");
	struct run r = sendesk_opts(&as_caseworker, "import", "children", "kids.csv", NULL);
	assert_exit(r, 0);
	r = sendesk_opts(&as_caseworker, "import", "therapy-entries", "-", NULL);
	assert_exit(r, EX_DATAERR);   /* an empty standard input has no header */
	r = sendesk_opts(&(struct run_opts){.as_uid = CASEWORKER_UID,
	                                    .in = "ref,child,section,therapy,start_date\n"
	                                          "TE-100,CH-100,F,slt,2024-09-02\n"},
	                 "import", "therapy-entries", "-", NULL);
	assert_exit(r, 0);
	r = sendesk_opts(&as_caseworker, "export", "children", NULL);
	assert_exit(r, 0);
	cr_assert(has_line(r.out, "CH-100,Dana,Lowe,2017-06-30,A000000000000,,,,,,,,"), "%s", r.out);
	cr_assert(has_line(export_kind(db_path(), "therapy-entries"), "TE-100,CH-100,F,slt,2024-09-02,,,,,,,,no"));
}

Test(users, a_teamlead_may_buy_spot_therapy_but_not_contract)
{
	setup_roles();
	write_file(tmp_path("spot.csv"), "ref,child,provider,therapy,start_date,cost\n"
	                                 "SP-9,CH-001,MCH,ot,2024-09-01,\"£1,250\"\n");
	write_file(tmp_path("contract.csv"),
	           "ref,provider,annual_value,start_date,end_date\nNEW,MCH,1,2024-04-01,2025-03-31\n");
	write_file(tmp_path("coverage.csv"), "contract,district,therapy\nEKHUFT-2024,Swale,slt\n");
	const char *before = export_everything(db_path());
	DENIED(&as_teamlead, "teamlead", "import", "contracts", "contract.csv");
	DENIED(&as_teamlead, "teamlead", "import", "coverage", "coverage.csv");
	DENIED(&as_teamlead, "teamlead", "user", "add", login_of(STRANGER_UID), "caseworker");
	cr_assert_str_eq(export_everything(db_path()), before, "a refused command changed something");
	struct run r = sendesk_opts(&as_teamlead, "import", "spot-purchases", "spot.csv", NULL);
	assert_exit(r, 0);
	cr_assert(has_line(export_kind(db_path(), "spot-purchases"), "SP-9,CH-001,MCH,ot,2024-09-01,1250.00,,"));
}

Test(users, a_promoted_user_may_manage_users)
{
	setup_roles();
	DENIED(&as_caseworker, "caseworker", "user", "add", login_of(STRANGER_UID), "caseworker");
	assert_exit(sendesk("user", "set", login_of(CASEWORKER_UID), "admin", NULL), 0);
	struct run r = sendesk_opts(&as_caseworker, "user", "add", login_of(STRANGER_UID), "caseworker", NULL);
	assert_exit(r, 0);
	cr_assert(strstr(user_list(), text_printf("%s caseworker\n", login_of(STRANGER_UID))) != NULL);
}

/* A login that is not a user of the database may not even read it; USER
 * and LOGNAME claiming to be the admin change nothing. */
Test(users, an_unknown_login_is_refused_everything)
{
	setup_roles();
	write_file(tmp_path("kids.csv"), children_csv);
	const char *me = my_login();
	const char *const claims[] = {text_printf("USER=%s", me), text_printf("LOGNAME=%s", me), NULL};
	const struct run_opts o = {.as_uid = STRANGER_UID, .env = claims};
	const char *who = login_of(STRANGER_UID);
	const char *before = export_everything(db_path());
	DENIED(&o, who, "export", "children");
	DENIED(&o, who, "export", "users");
	DENIED(&o, who, "import", "children", "kids.csv");
	DENIED(&o, who, "report", "contracts");
	DENIED(&o, who, "report", "coverage-gaps", "--format", "csv");
	DENIED(&o, who, "check");
	DENIED(&o, who, "user", "list");
	DENIED(&o, who, "user", "add", who, "admin");
	DENIED(&o, who, "backup", "stolen.db");
	cr_assert_not(file_exists(tmp_path("stolen.db")), "a backup was made for an unknown login");
	cr_assert_str_eq(export_everything(db_path()), before, "a refused command changed something");
}

/* A user id with no login name at all: nobody to hold responsible. */
Test(users, a_user_id_without_a_login_name)
{
	load_full_data();
	uid_t uid = 54321;
	while (getpwuid(uid) != NULL)
		uid++;
	const struct run_opts o = {.as_uid = uid};
	const char *before = export_everything(db_path());
	DENIED(&o, "no login", "export", "children");
	DENIED(&o, "no login", "user", "list");
	cr_assert_str_eq(export_everything(db_path()), before);
	const char *other = tmp_path("other.db");
	struct run r = sendesk_opts(&(struct run_opts){.as_uid = uid, .db = other}, "init", NULL);
	assert_fails_one_line(r, EX_NOPERM);
	cr_assert_not(file_exists(other), "init made a database nobody administers");
}

/* A caseworker keeps children, entries and sessions; contracts,
 * coverage, spot purchases, budgets and users are refused, each saying
 * who may change them. */
Test(users, a_caseworker_is_told_who_may_change_what)
{
	setup_roles();
	write_file(tmp_path("coverage.csv"), "contract,district,therapy\nEKHUFT-2024,Swale,slt\n");
	write_file(tmp_path("values.csv"), "contract,from_date,annual_value\nEKHUFT-2024,2025-04-01,1\n");
	write_file(tmp_path("budgets.csv"), "ref,child,start_date,end_date,amount\n"
	                                    "PB-9,CH-001,2024-09-01,2025-08-31,100\n");
	write_file(tmp_path("spot.csv"), "ref,child,provider,therapy,start_date,cost\n"
	                                 "SP-9,CH-001,MCH,ot,2024-09-01,100\n");
	const char *before = export_everything(db_path());
	static const struct { const char *kind, *file, *who; } refused[] = {
		{"coverage", "coverage.csv", "only admins may"},
		{"contract-values", "values.csv", "only admins may"},
		{"personal-budgets", "budgets.csv", "only team leads and admins may"},
		{"spot-purchases", "spot.csv", "only team leads and admins may"},
	};
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		struct run r = sendesk_opts(&as_caseworker, "import", refused[i].kind, refused[i].file, NULL);
		assert_fails_one_line(r, EX_NOPERM);
		const char *want = text_printf("login '%s' (caseworker) may not change %s (%s)",
		                               login_of(CASEWORKER_UID), refused[i].kind, refused[i].who);
		cr_expect(strstr(r.err, want) != NULL, "%s\nnot in\n%s", want, r.err);
	}
	cr_assert_str_eq(export_everything(db_path()), before, "a refused command changed something");
	struct run r = sendesk_opts(&(struct run_opts){.as_uid = CASEWORKER_UID,
	                                               .in = "entry,date,minutes,outcome\n"
	                                                     "TE-002,2024-09-17,30,school-cancelled\n"},
	                            "import", "provision", "-", NULL);
	assert_exit(r, 0);
	cr_assert(has_line(export_kind(db_path(), "provision"),
	                   "TE-002,2024-09-17,30,,,PV-4,school-cancelled"));
}
