/* cmd_admin.c: check, backup, restore, report audit and user. */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "cli/commands.h"
#include "core/audit_check.h"
#include "core/audit_trail.h"
#include "core/caseload.h"
#include "core/check.h"
#include "core/report_format.h"
#include "core/restore.h"
#include "core/users.h"

int cmd_check(const struct cli *c, int argc, char **argv)
{
	(void)argv;
	if (argc != 1)
		return cli_usage_error("check takes no arguments");
	struct session s;
	int rc = cli_open(c, &s);
	if (rc != 0)
		return rc;
	struct error err = {0};
	rc = check_database(&s, cli_print_problem, NULL, &err);
	/* Printed whatever was found: rows cut from the end of the trail
	 * leave a whole chain, and only an earlier head shows them gone. */
	struct audit_head head;
	struct error head_err = {0};
	if (audit_chain_head(&s, &head, &head_err) == 0)
		printf("audit chain head: %lld rows, last hash %s\n", (long long)head.rows,
		       head.rows ? head.hash : "(none)");
	session_close(&s);
	if (rc != 0)
		return cli_fail(&err);
	printf("%s: no problems found\n", c->db_path);
	return cli_finish_output();
}

#define BACKUP_LOG_WAIT_SECONDS 2

int cmd_backup(const struct cli *c, int argc, char **argv)
{
	if (argc != 2)
		return cli_usage_error("usage: backup FILE");
	struct session s;
	int rc = cli_open(c, &s);
	if (rc != 0)
		return rc;
	struct error err = {0};
	/* A full copy leaves the protected directory with every child's
	 * record in it: admins only, and in the trail. */
	rc = session_require(&s, ROLE_ADMIN, "back up the database", &err);
	if (rc == 0)
		rc = db_backup(s.db, argv[1], c->settings.file_mode, &err);
	/* A backup goes on while another change holds the write lock (a long
	 * import): the copy is made, so its log waits a moment, not the
	 * configured minute, and a busy database only earns a warning. */
	if (rc == 0) {
		db_set_busy_timeout(s.db, BACKUP_LOG_WAIT_SECONDS);
		struct error log_err = {0};
		if (audit_note_event(&s, "backup", argv[1], NULL, &log_err) != 0)
			fprintf(stderr, "sendesk: warning: the backup is made but not in the audit trail: %s\n",
			        log_err.msg);
	}
	session_close(&s);
	if (rc != 0)
		return cli_fail(&err);
	printf("backed up %s to %s\n", c->db_path, argv[1]);
	return cli_finish_output();
}

int cmd_restore(const struct cli *c, int argc, char **argv)
{
	if (argc != 2)
		return cli_usage_error("usage: restore FILE");
	struct error err = {0};
	char kept[CONFIG_PATH_MAX + 32];
	int rc = restore_database(c->db_path, argv[1], &c->settings, kept, sizeof kept,
	                          cli_print_problem, NULL, &err);
	if (rc != 0)
		return cli_fail(&err);
	printf("restored %s from %s; the database it replaced is kept as %s\n", c->db_path, argv[1],
	       kept);
	return cli_finish_output();
}

static int audit_date(const char *name, const char *text, day_t *out)
{
	const char *reason;
	return date_parse(text, out, &reason) ? 0 : cli_usage_error("--%s %s: %s", name, text, reason);
}

static int audit_options(int argc, char **argv, struct audit_filter *f, enum report_format *fmt)
{
	static const struct option options[] = {
		{"login", required_argument, NULL, 'l'}, {"from", required_argument, NULL, 'f'},
		{"to", required_argument, NULL, 't'}, {"format", required_argument, NULL, 'F'},
		{NULL, 0, NULL, 0},
	};
	int o, rc = 0;
	while (rc == 0 && (o = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		switch (o) {
		case 'l': f->login = optarg; break;
		case 'f': rc = audit_date("from", optarg, &f->from); f->has_from = true; break;
		case 't': rc = audit_date("to", optarg, &f->to); f->has_to = true; break;
		case 'F':
			if (report_format_parse(optarg, fmt) != 0)
				rc = cli_usage_error("--format %s: use text, csv or json", optarg);
			break;
		default: rc = cli_bad_option(o, argv);
		}
	}
	if (rc == 0 && f->has_from && f->has_to && f->to < f->from)
		rc = cli_usage_error("--to is before --from");
	if (rc == 0 && optind != argc)
		rc = cli_usage_error("report audit: unexpected argument '%s'", argv[optind]);
	return rc;
}

int cmd_report_audit(const struct cli *c, int argc, char **argv)
{
	struct audit_filter filter = {0};
	enum report_format fmt = REPORT_TEXT;
	int rc = audit_options(argc, argv, &filter, &fmt);
	struct session s;
	if (rc != 0 || (rc = cli_open(c, &s)) != 0)
		return rc;
	struct error err = {0};
	struct report_writer writer = {.out = stdout};
	struct report_sink sink = report_format_sink(fmt, &writer);
	rc = audit_trail_report(&s, &filter, &sink, &err);
	session_close(&s);
	return cli_report_written(rc, &err);
}

static const struct {
	const char *name;
	int argc;          /* counting "user" and the subcommand */
} user_commands[] = {{"list", 2}, {"add", 4}, {"set", 4}, {"remove", 3}};

static bool well_formed(int argc, char **argv)
{
	for (size_t i = 0; argc >= 2 && i < sizeof user_commands / sizeof user_commands[0]; i++)
		if (strcmp(argv[1], user_commands[i].name) == 0)
			return argc == user_commands[i].argc;
	return false;
}

/* The role as it is stored ("Admin" is taken as "admin"). */
static const char *role_as_stored(const char *text)
{
	for (enum role r = ROLE_CASEWORKER; r <= ROLE_ADMIN; r++)
		if (strcasecmp(text, role_name(r)) == 0)
			return role_name(r);
	return text;
}

static int add_user(struct session *s, const char *login, const char *role, struct error *err)
{
	int rc = users_add(s, login, role, err);
	if (rc != 0)
		return rc;
	printf("added %s '%s'\n", role_as_stored(role), login);
	/* Allowed (the database may serve another host), but worth a word:
	 * a mistyped login would otherwise go unnoticed. */
	if (!users_login_exists_here(login))
		fprintf(stderr, "sendesk: warning: there is no login '%s' on this host; "
		        "it cannot use sendesk here until that account exists\n", login);
	return 0;
}

static int run_user(struct session *s, char **argv, struct error *err)
{
	const char *sub = argv[1];
	int rc;
	if (strcmp(sub, "list") == 0)
		return users_list(s, stdout, err);
	if (strcmp(sub, "add") == 0)
		return add_user(s, argv[2], argv[3], err);
	if (strcmp(sub, "set") == 0) {
		bool changed;
		rc = users_set_role(s, argv[2], argv[3], &changed, err);
		if (rc == 0)
			printf(changed ? "set '%s' to %s\n" : "'%s' is already %s: unchanged\n", argv[2],
			       role_as_stored(argv[3]));
		return rc;
	}
	rc = users_remove(s, argv[2], err);
	if (rc == 0)
		printf("removed user '%s'\n", argv[2]);
	return rc;
}

int cmd_user(const struct cli *c, int argc, char **argv)
{
	if (!well_formed(argc, argv))
		return cli_usage_error("usage: user list | add LOGIN ROLE | set LOGIN ROLE | remove LOGIN");
	struct session s;
	int rc = cli_open(c, &s);
	if (rc != 0)
		return rc;
	struct error err = {0};
	rc = run_user(&s, argv, &err);
	session_close(&s);
	return rc ? cli_fail(&err) : cli_finish_output();
}

/* caseload move FROM TO: one transaction; each child's change audited. */
int cmd_caseload(const struct cli *c, int argc, char **argv)
{
	if (argc != 4 || strcmp(argv[1], "move") != 0)
		return cli_usage_error("usage: caseload move FROM TO");
	struct session s;
	int rc = cli_open(c, &s);
	if (rc != 0)
		return rc;
	struct error err = {0};
	long moved;
	rc = caseload_move(&s, argv[2], argv[3], &moved, &err);
	session_close(&s);
	if (rc != 0)
		return cli_fail(&err);
	printf("moved %ld %s from %s to %s\n", moved, moved == 1 ? "child" : "children", argv[2], argv[3]);
	return cli_finish_output();
}
