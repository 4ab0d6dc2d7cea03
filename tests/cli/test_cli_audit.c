/* The audit trail from the command line: export audit, report audit,
 * check on a trail changed with the sqlite3 shell, imports that change
 * nothing, and backup and restore. */
#include <stdio.h>
#include <string.h>

#include "data.h"
#include "run.h"

TestSuite(audit, CLI_FIXTURE);

enum { CASEWORKER_UID = 1, TEAMLEAD_UID = 2 };

static const struct run_opts as_caseworker = {.as_uid = CASEWORKER_UID};
static const struct run_opts as_teamlead = {.as_uid = TEAMLEAD_UID};

static const char trail_header[] = "at,login,action,kind,record,changes";

/* The demo's contracts, a caseworker and a team lead. */
static void setup_trail(void)
{
	init_with_contracts();
	assert_exit(sendesk("user", "add", login_of(CASEWORKER_UID), "caseworker", NULL), 0);
	assert_exit(sendesk("user", "add", login_of(TEAMLEAD_UID), "teamlead", NULL), 0);
}

static void sqlite(const char *db, const char *sql)
{
	struct run r = run_argv(&(struct run_opts){0}, (const char *const[]){"sqlite3", db, sql, NULL});
	assert_exit(r, 0);
}

static const char *last_line(const char *text)
{
	return line_at(text, line_count(text) - 1);
}

Test(audit, export_and_report_show_who_changed_what_to_team_leads_only)
{
	setup_trail();
	import_text("providers", "p.csv", "code,name,kind\nMCH,Medway Renamed,nhs-trust\n");
	struct run r = sendesk("export", "audit", NULL);
	assert_exit(r, 0);
	const char *out = lf_lines(r.out);
	cr_assert_str_eq(line_at(out, 0), text_printf("%s,hash", trail_header));
	struct table t;
	const char *why;
	cr_assert(csv_table(out, &t, &why), "%s", why);
	int last = (int)t.rows - 1;
	cr_expect_str_eq(table_get(&t, last, "login"), my_login());
	cr_expect_str_eq(table_get(&t, last, "action"), "update");
	cr_expect_str_eq(table_get(&t, last, "kind"), "providers");
	cr_expect_str_eq(table_get(&t, last, "record"), "MCH");
	cr_expect(strstr(table_get(&t, last, "changes"), "\"name\":[\"") != NULL &&
	          strstr(table_get(&t, last, "changes"), "\"Medway Renamed\"]") != NULL, "%s",
	          table_get(&t, last, "changes"));
	cr_expect_eq(strlen(table_get(&t, last, "hash")), 64);
	cr_expect(has_line(lf_lines(sendesk("check", NULL).out),
	                   text_printf("audit chain head: %zu rows, last hash %s", t.rows,
	                               table_get(&t, last, "hash"))));

	/* The report: the same rows without the hash, narrowed by login and day. */
	struct table all = report_table("audit", trail_header, (const char *const[]){NULL});
	cr_expect_eq(all.rows, t.rows);
	struct table mine = report_table("audit", trail_header,
		(const char *const[]){"--login", my_login(), "--from", "2000-01-01", "--to", "2099-12-31", NULL});
	cr_expect_eq(mine.rows, t.rows);
	struct table nobody = report_table("audit", trail_header,
		(const char *const[]){"--login", login_of(TEAMLEAD_UID), NULL});
	cr_expect_eq(nobody.rows, 0);
	struct table past = report_table("audit", trail_header,
		(const char *const[]){"--from", "2001-01-01", "--to", "2001-12-31", NULL});
	cr_expect_eq(past.rows, 0);
	r = sendesk("report", "audit", "--login", my_login(), "--format", "json", NULL);
	assert_exit(r, 0);
	cr_assert(json_table(r.out, &t, &why), "%s\n%s", why, r.out);
	cr_expect_eq(t.rows, all.rows);

	assert_exit(sendesk_opts(&as_teamlead, "export", "audit", NULL), 0);
	r = sendesk_opts(&as_caseworker, "export", "audit", NULL);
	assert_fails_one_line(r, EX_NOPERM);
	cr_expect_str_empty(r.out);
	assert_fails_one_line(sendesk_opts(&as_caseworker, "report", "audit", NULL), EX_NOPERM);
}

Test(audit, an_import_that_changes_nothing_is_unchanged_and_leaves_no_audit_row)
{
	setup_trail();
	write_file(tmp_path("providers.csv"), export_kind(db_path(), "providers"));
	const char *trail = sendesk("export", "audit", NULL).out;
	struct run r = sendesk("import", "providers", "providers.csv", NULL);
	assert_exit(r, 0);
	int n = line_count(lf_lines(export_kind(db_path(), "providers"))) - 1;
	cr_expect_str_eq(r.out, text_printf("imported %d providers rows: 0 new, 0 updated, %d unchanged\n",
	                                    n, n));
	cr_expect_str_eq(sendesk("export", "audit", NULL).out, trail, "the trail grew");
}

Test(audit, check_names_a_row_deleted_from_the_trail_and_a_record_changed_around_sendesk)
{
	setup_trail();
	assert_exit(sendesk("check", NULL), 0);
	sqlite(db_path(), "DELETE FROM audit WHERE id = 5; "
	                  "UPDATE providers SET name = 'Quietly' WHERE code = 'MCH'");
	struct run r = sendesk("check", NULL);
	assert_exit(r, EX_DATAERR);
	cr_expect(strstr(r.err, "audit: row 5 was deleted\n") != NULL, "%s", r.err);
	cr_expect(strstr(r.err, "audit: the first row out of chain is row 6\n") != NULL, "%s", r.err);
	cr_expect(strstr(r.err, "providers: provider 'MCH' (id ") != NULL &&
	          strstr(r.err, "differs from its latest audit entry") != NULL, "%s", r.err);
	cr_expect(strstr(r.out, "audit chain head: ") != NULL, "%s", r.out);
}

/* Backup is for admins and in the trail; restore checks the backup, keeps
 * the database it replaces and puts the backup in place. */
Test(audit, backup_and_restore_round_trip_and_a_bad_backup_is_refused)
{
	setup_trail();
	struct run r = sendesk_opts(&as_caseworker, "backup", "mine.db", NULL);
	assert_fails_one_line(r, EX_NOPERM);
	cr_expect_not(file_exists(tmp_path("mine.db")));
	assert_exit(sendesk("backup", "b.db", NULL), 0);
	cr_expect(strstr(last_line(lf_lines(sendesk("export", "audit", NULL).out)), ",backup,database,b.db,")
	          != NULL);
	const char *saved = export_everything(tmp_path("b.db"));
	import_text("providers", "p.csv", "code,name\nNEWP,After The Backup\n");
	const char *changed = export_everything(db_path());

	/* Refused: not a database, a trail changed, not an admin; nothing moves. */
	write_file(tmp_path("junk.db"), "not a database at all\n");
	assert_fails_one_line(sendesk("restore", "junk.db", NULL), EX_UNAVAILABLE);
	assert_exit(sendesk("backup", "bad.db", NULL), 0);
	sqlite(tmp_path("bad.db"), "UPDATE audit SET login = 'someone' WHERE id = 3");
	r = sendesk("restore", "bad.db", NULL);
	assert_exit(r, EX_DATAERR);
	cr_expect(strstr(r.err, "audit: row 3 (") != NULL, "%s", r.err);
	cr_expect(strstr(r.err, "bad.db: 2 problems; nothing was restored") != NULL, "%s", r.err);
	assert_fails_one_line(sendesk_opts(&as_caseworker, "restore", "b.db", NULL), EX_NOPERM);
	cr_assert_str_eq(export_everything(db_path()), changed, "a refused restore changed the database");

	r = sendesk("restore", "b.db", NULL);
	assert_exit(r, 0);
	const char *kept = strstr(r.out, "kept as ");
	cr_assert_not_null(kept, "%s", r.out);
	char kept_path[512];
	cr_assert_eq(sscanf(kept + strlen("kept as "), "%511s", kept_path), 1);
	cr_expect(strncmp(kept_path, text_printf("%s.", db_path()), strlen(db_path()) + 1) == 0, "%s",
	          kept_path);
	cr_expect_eq(strlen(kept_path), strlen(db_path()) + strlen(".2026-12-05T143000"), "%s", kept_path);
	cr_assert_str_eq(export_everything(db_path()), saved, "the backup is not what is in place");
	cr_assert_str_eq(export_everything(kept_path), changed, "the dated copy is not the old database");
	assert_exit(sendesk("check", NULL), 0);
	cr_expect(strstr(last_line(lf_lines(sendesk("export", "audit", NULL).out)), ",restore,database,b.db,")
	          != NULL);
}
