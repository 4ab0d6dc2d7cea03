/* cmd_data.c: init, import and export. */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/commands.h"
#include "core/audit_trail.h"
#include "core/demo.h"
#include "core/kind.h"
#include "core/transfer.h"

/* Creates the directories above path, as for the default XDG location. */
static int make_parent_dirs(const char *path, struct error *err)
{
	char dir[CONFIG_PATH_MAX];
	snprintf(dir, sizeof dir, "%s", path);
	for (char *p = dir + 1; (p = strchr(p, '/')) != NULL; p++) {
		*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST)
			return error_set(err, EX_CANTCREAT, "%s: cannot create directory: %s", dir,
			                 strerror(errno));
		*p = '/';
	}
	return 0;
}

/* The database is built under a temporary name beside path and given
 * its name only once complete (closed, so its WAL is folded in), so a
 * killed init leaves no path at all, never a half-made database that
 * --if-missing would then keep. */
static int create(const struct cli *c, bool demo)
{
	struct error err = {0};
	struct session s;
	struct stat st;
	char tmp[CONFIG_PATH_MAX + 32];
	db_temp_path(c->db_path, tmp, sizeof tmp);
	int rc = make_parent_dirs(c->db_path, &err);
	if (rc == 0 && stat(c->db_path, &st) == 0)
		rc = error_set(&err, EX_CANTCREAT, "%s: cannot create: it already exists", c->db_path);
	if (rc == 0) {
		db_remove_files(tmp);   /* left by a killed run that had this process id */
		rc = session_create(&s, tmp, &c->settings, &err);
	}
	if (rc != 0) {
		db_remove_files(tmp);
		return cli_fail(&err);
	}
	if (demo)
		rc = demo_load(&s, cli_print_problem, NULL, &err);
	session_close(&s);
	if (rc == 0)
		rc = db_publish(tmp, c->db_path, &err);
	db_remove_files(tmp);
	if (rc != 0)
		return cli_fail(&err);
	printf("created %s%s; %s is its admin\n", c->db_path, demo ? " with the demo data" : "",
	       s.login);
	return cli_finish_output();
}

int cmd_init(const struct cli *c, int argc, char **argv)
{
	static const struct option options[] = {
		{"demo", no_argument, NULL, 'd'},
		{"if-missing", no_argument, NULL, 'm'},
		{NULL, 0, NULL, 0},
	};
	bool demo = false, if_missing = false;
	int opt;
	while ((opt = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		if (opt == 'd')
			demo = true;
		else if (opt == 'm')
			if_missing = true;
		else
			return cli_bad_option(opt, argv);
	}
	if (optind != argc)
		return cli_usage_error("init takes no arguments");
	if (if_missing && access(c->db_path, F_OK) == 0)
		return 0;
	return create(c, demo);
}

static const struct kind *kind_argument(const char *name)
{
	const struct kind *k = kind_find(name);
	if (k == NULL) {
		char list[512] = "";
		for (int i = 0; i < KIND_COUNT; i++) {
			size_t used = strlen(list);
			snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "", kinds[i]->name);
		}
		cli_usage_error("unknown kind '%s' (kinds: %s)", name, list);
	}
	return k;
}

int cmd_import(const struct cli *c, int argc, char **argv)
{
	if (argc != 3)
		return cli_usage_error("usage: import KIND FILE (or - for standard input)");
	const struct kind *k = kind_argument(argv[1]);
	if (k == NULL)
		return EX_USAGE;
	bool from_stdin = strcmp(argv[2], "-") == 0;
	FILE *in = from_stdin ? stdin : fopen(argv[2], "rb");
	if (in == NULL) {
		fprintf(stderr, "sendesk: %s: cannot open: %s\n", argv[2], strerror(errno));
		return EX_NOINPUT;
	}
	struct session s;
	int rc = cli_open(c, &s);
	if (rc == 0) {
		struct error err = {0};
		struct import_counts counts;
		rc = transfer_import(&s, k, in, from_stdin ? "-" : argv[2], cli_print_problem, NULL,
		                     &counts, &err);
		if (rc == 0)
			printf("imported %ld %s rows: %ld new, %ld updated, %ld unchanged\n", counts.rows,
			       k->name, counts.inserted, counts.updated, counts.unchanged);
		else
			cli_fail(&err);
		session_close(&s);
	}
	if (!from_stdin)
		fclose(in);
	return rc;
}

int cmd_export(const struct cli *c, int argc, char **argv)
{
	if (argc != 2)
		return cli_usage_error("usage: export KIND | audit");
	/* The audit trail is exported, never imported: it is not a kind. */
	bool audit = strcmp(argv[1], "audit") == 0;
	const struct kind *k = audit ? NULL : kind_argument(argv[1]);
	if (k == NULL && !audit)
		return EX_USAGE;
	struct session s;
	int rc = cli_open(c, &s);
	if (rc != 0)
		return rc;
	struct error err = {0};
	rc = audit ? audit_trail_export(&s, stdout, &err) : transfer_export(&s, k, stdout, &err);
	session_close(&s);
	if (rc != 0 && rc != EX_IOERR)
		return cli_fail(&err);
	/* An output error: one line, from the flush if it can say why. */
	int out = cli_finish_output();
	if (rc == EX_IOERR && out == 0)
		return cli_fail(&err);
	return out;
}
