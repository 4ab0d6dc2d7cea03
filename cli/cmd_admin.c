/* cmd_admin.c: check, backup and user. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "cli/commands.h"
#include "core/caseload.h"
#include "core/check.h"
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
	session_close(&s);
	if (rc != 0)
		return cli_fail(&err);
	printf("%s: no problems found\n", c->db_path);
	return cli_finish_output();
}

int cmd_backup(const struct cli *c, int argc, char **argv)
{
	if (argc != 2)
		return cli_usage_error("usage: backup FILE");
	struct session s;
	int rc = cli_open(c, &s);
	if (rc != 0)
		return rc;
	struct error err = {0};
	rc = db_backup(s.db, argv[1], c->settings.file_mode, &err);
	session_close(&s);
	if (rc != 0)
		return cli_fail(&err);
	printf("backed up %s to %s\n", c->db_path, argv[1]);
	return cli_finish_output();
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
