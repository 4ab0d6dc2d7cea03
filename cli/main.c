/* main.c: sendesk's entry point: global options, configuration, and the
 * dispatch to a command (or, with none, the usage). */
#include <getopt.h>
#include <stdbool.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "core/kind.h"
#include "core/report.h"
#include "db/db.h"
#include "tui/keymap.h"
#include "util/privilege.h"

#ifndef SENDESK_VERSION
#define SENDESK_VERSION "0.1.0"
#endif

static const char usage_text[] =
	"usage: sendesk [--db PATH] [--config PATH] [--plain] [COMMAND [ARGS]]\n"
	"\n"
	"SEN therapy provision: contracts, coverage, children's EHCP therapy,\n"
	"spot purchases, personal budgets and provider returns.\n"
	"\n"
	"With no command, sendesk opens its screens (press ? there for the keys).\n"
	"\n"
	"commands:\n"
	"  init [--demo] [--if-missing]   create a new database (you become its admin)\n"
	"  setup-team [--group NAME] [--demo] DIR\n"
	"                                 (root) make DIR the home of a database a team\n"
	"                                 changes only through sendesk\n"
	"  import KIND FILE|-             import CSV, all or nothing\n"
	"  export KIND                    write every KIND record as CSV\n"
	"  export audit                   write the audit trail as CSV (team leads, admins)\n"
	"  report NAME [--from DATE] [--to DATE] [--on DATE] [--period P]\n"
	"              [--format text|csv|json]\n"
	"  report audit [--login L] [--from DATE] [--to DATE] [--format F]\n"
	"  check                          check the database's integrity and audit chain\n"
	"  backup FILE                    consistent online copy of the database (admins)\n"
	"  restore FILE                   check a backup and put it in place, keeping\n"
	"                                 the database it replaces (admins)\n"
	"  user list | add LOGIN ROLE | set LOGIN ROLE | remove LOGIN\n"
	"  caseload move FROM TO          give all of FROM's children to TO\n"
	"\n";

/* After the kinds and reports, listed from their tables. */
static const char usage_options[] =
	"roles: caseworker teamlead admin\n"
	"\n"
	"options:\n"
	"  --db PATH       database file (default: the config's database, else\n"
	"                  $XDG_DATA_HOME/sendesk/sendesk.db)\n"
	"  --config PATH   configuration file (default: $XDG_CONFIG_HOME/sendesk/sendesk.cfg\n"
	"                  when it exists, else built-in defaults)\n"
	"  --plain         screens without box drawing, cursor on the selected row\n"
	"                  (for screen readers); also plain = true in the config\n"
	"  --help, --version\n";

/* "kinds: a b c", wrapped under its heading before 76 columns. */
static void print_names(const char *heading, const char *const *names, int count)
{
	int column = printf("%s:", heading);
	int indent = column;
	for (int i = 0; i < count; i++) {
		int width = 1 + (int)strlen(names[i]);
		if (column + width > 76)
			column = printf("\n%*s", indent, "") - 1;
		column += printf(" %s", names[i]);
	}
	putchar('\n');
}

static void print_usage(void)
{
	fputs(usage_text, stdout);
	const char *names[KIND_COUNT + 64];
	for (int k = 0; k < KIND_COUNT; k++)
		names[k] = kinds[k]->name;
	print_names("kinds", names, KIND_COUNT);
	int n = 0;
	for (int r = 0; reports[r] != NULL && n < 63; r++)
		names[n++] = reports[r]->name;
	if (report_find("audit") == NULL)
		names[n++] = "audit";   /* sendesk report audit: the trail, not a table report */
	print_names("reports", names, n);
	fputs(usage_options, stdout);
}

/* The configuration: --config must load; otherwise the user's file if
 * there is one, else the built-in defaults.  Its keymap is checked here
 * too, so that a mistake in it stops every command (78), not only the
 * screens that use it. */
static int load_settings(struct cli *c, const char *config_path)
{
	struct error err = {0};
	config_defaults(&c->settings);
	char path[CONFIG_PATH_MAX];
	if (config_path == NULL) {
		config_default_path(path, sizeof path);
		if (access(path, F_OK) != 0)
			return 0;
		config_path = path;
	}
	int rc = config_load(config_path, &c->settings, &err);
	struct keymap keys;
	if (rc == 0)
		rc = keymap_init(&keys, &c->settings, &err);
	return rc ? cli_fail(&err) : 0;
}

static void choose_database(struct cli *c, const char *db_option)
{
	if (db_option)
		snprintf(c->db_path, sizeof c->db_path, "%s", db_option);
	else if (c->settings.database[0])
		snprintf(c->db_path, sizeof c->db_path, "%s", c->settings.database);
	else
		config_default_database(c->db_path, sizeof c->db_path);
}

struct command {
	const char *name;
	int (*run)(const struct cli *c, int argc, char **argv);
};

static const struct command commands[] = {
	{"setup-team", cmd_setup_team},
	{"init", cmd_init}, {"import", cmd_import}, {"export", cmd_export},
	{"report", cmd_report}, {"check", cmd_check}, {"backup", cmd_backup},
	{"user", cmd_user}, {"caseload", cmd_caseload}, {"restore", cmd_restore},
};

static int dispatch(const struct cli *c, int argc, char **argv)
{
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(argv[0], commands[i].name) == 0)
			return commands[i].run(c, argc, argv);
	return cli_usage_error("unknown command '%s'", argv[0]);
}

int main(int argc, char **argv)
{
	/* Before anything is read: a setgid sendesk wears its group only to
	 * open the database. */
	privilege_init();
	setlocale(LC_ALL, "");
	static const struct option options[] = {
		{"db", required_argument, NULL, 'd'},
		{"config", required_argument, NULL, 'c'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{"plain", no_argument, NULL, 'p'},
		{NULL, 0, NULL, 0},
	};
	const char *db_option = NULL, *config_option = NULL;
	bool plain = false;
	int opt;
	/* "+": options stop at the command, whose own options follow it. */
	opterr = 0;   /* cli_bad_option says what was wrong, in one line */
	while ((opt = getopt_long(argc, argv, "+:h", options, NULL)) != -1) {
		switch (opt) {
		case 'd': db_option = optarg; break;
		case 'p': plain = true; break;
		case 'c': config_option = optarg; break;
		case 'h': print_usage(); return cli_finish_output();
		case 'V':
			printf("sendesk %s (schema %d)\n", SENDESK_VERSION, db_schema_version());
			return cli_finish_output();
		default: return cli_bad_option(opt, argv);
		}
	}
	static struct cli c;
	int rc = load_settings(&c, config_option);
	if (rc != 0)
		return rc;
	choose_database(&c, db_option);
	privilege_admit_database(c.db_path, sizeof c.db_path,
	                         optind < argc && strcmp(argv[optind], "init") == 0);
	if (optind >= argc)
		return cmd_tui(&c, plain);
	char **args = argv + optind;
	int nargs = argc - optind;
	optind = 0;   /* glibc: 0 re-initialises getopt for the command */
	return dispatch(&c, nargs, args);
}
