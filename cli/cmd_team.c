/* cmd_team.c: setup-team DIR, the home of a database a team shares.
 *
 * The Unix way for a shared data file: a system group owns DIR (mode
 * 2770, so files made in it stay in the group) and the database in it
 * (0660); the installed sendesk is setgid to the group; the team's
 * logins are users of the database but not members of the group.  So
 * they reach the file only through sendesk, whose roles and audit trail
 * therefore hold, and not with the sqlite3 shell or any other program. */
#include <errno.h>
#include <getopt.h>
#include <grp.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/commands.h"
#include "core/demo.h"

#define TEAM_DB_NAME "sendesk.db"
#define TEAM_DIR_MODE 02770
#define TEAM_FILE_MODE 0660
#define TEAM_BIN_MODE 02755

struct team {
	const char *group_name;
	gid_t gid;
	char dir[PATH_MAX];
	char db[PATH_MAX + 16];
	char bin[PATH_MAX];
	bool demo;
};

/* The running binary must be an installed copy: root's, in a folder
 * only root may change, or making it setgid would hand the group to
 * whoever can replace it. */
static int find_installed_binary(struct team *t, struct error *err)
{
	if (realpath("/proc/self/exe", t->bin) == NULL)
		return error_set(err, EX_OSERR, "setup-team: cannot tell where sendesk is: %s",
		                 strerror(errno));
	char folder[PATH_MAX];
	snprintf(folder, sizeof folder, "%s", t->bin);
	char *slash = strrchr(folder, '/');
	if (slash == folder)
		folder[1] = '\0';
	else if (slash != NULL)
		*slash = '\0';
	struct stat fst, bst;
	if (stat(folder, &fst) != 0 || stat(t->bin, &bst) != 0 || fst.st_uid != 0 ||
	    (fst.st_mode & (S_IWGRP | S_IWOTH)) != 0 || bst.st_uid != 0)
		return error_set(err, EX_USAGE,
		                 "setup-team: %s is not an installed copy (it and its folder must be "
		                 "root's, the folder writable by root alone); run 'make install' and "
		                 "then the installed sendesk setup-team", t->bin);
	return 0;
}

/* Runs groupadd --system NAME unless the group exists. */
static int ensure_group(struct team *t, struct error *err)
{
	struct group *g = getgrnam(t->group_name);
	if (g == NULL) {
		pid_t pid = fork();
		if (pid == 0) {
			execlp("groupadd", "groupadd", "--system", t->group_name, (char *)NULL);
			_exit(127);
		}
		int status = 0;
		while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
		g = pid > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0 ? getgrnam(t->group_name) : NULL;
		if (g == NULL)
			return error_set(err, EX_OSERR, "setup-team: cannot create the group '%s' "
			                 "(groupadd --system %s failed)", t->group_name, t->group_name);
	}
	t->gid = g->gr_gid;
	return 0;
}

/* Gives path root as owner, the team's group and mode. */
static int own(const struct team *t, const char *path, mode_t mode, struct error *err)
{
	/* chown clears the setgid bit, so the mode comes after it. */
	if (chown(path, 0, t->gid) != 0 || chmod(path, mode) != 0)
		return error_set(err, EX_OSERR, "setup-team: %s: cannot set owner and mode: %s", path,
		                 strerror(errno));
	return 0;
}

static int make_dir(struct team *t, const char *dir, struct error *err)
{
	struct stat st;
	if (mkdir(dir, 0770) != 0 && errno != EEXIST)
		return error_set(err, EX_CANTCREAT, "setup-team: %s: cannot create: %s", dir,
		                 strerror(errno));
	if (lstat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
		return error_set(err, EX_CANTCREAT, "setup-team: %s: not a directory", dir);
	if (realpath(dir, t->dir) == NULL)
		return error_set(err, EX_CANTCREAT, "setup-team: %s: %s", dir, strerror(errno));
	snprintf(t->db, sizeof t->db, "%s/%s", t->dir, TEAM_DB_NAME);
	return own(t, t->dir, TEAM_DIR_MODE, err);
}

/* A new database (root its first admin), built under a temporary name
 * and published whole, as init does. */
static int create_database(const struct cli *c, const struct team *t, struct error *err)
{
	static struct settings cfg;
	cfg = c->settings;
	cfg.file_mode = TEAM_FILE_MODE;
	char tmp[PATH_MAX + 64];
	db_temp_path(t->db, tmp, sizeof tmp);
	db_remove_files(tmp);
	struct session s;
	int rc = session_create(&s, tmp, &cfg, err);
	if (rc != 0)
		return rc;
	if (t->demo)
		rc = demo_load(&s, cli_print_problem, NULL, err);
	session_close(&s);
	if (rc == 0)
		rc = db_publish(tmp, t->db, err);
	db_remove_files(tmp);
	return rc;
}

/* The database and SQLite's side files, in the group, 0660. */
static int make_database(const struct cli *c, const struct team *t, bool *created,
                         struct error *err)
{
	struct stat st;
	*created = stat(t->db, &st) != 0;
	int rc = *created ? create_database(c, t, err) : 0;
	static const char *const suffixes[] = {"", "-wal", "-shm"};
	for (size_t i = 0; rc == 0 && i < sizeof suffixes / sizeof suffixes[0]; i++) {
		char path[PATH_MAX + 32];
		snprintf(path, sizeof path, "%s%s", t->db, suffixes[i]);
		if (i == 0 || stat(path, &st) == 0)
			rc = own(t, path, TEAM_FILE_MODE, err);
	}
	return rc;
}

static int parse(int argc, char **argv, struct team *t)
{
	static const struct option options[] = {
		{"group", required_argument, NULL, 'g'},
		{"demo", no_argument, NULL, 'd'},
		{NULL, 0, NULL, 0},
	};
	t->group_name = "sendesk";
	int opt;
	while ((opt = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		if (opt == 'g')
			t->group_name = optarg;
		else if (opt == 'd')
			t->demo = true;
		else
			return cli_bad_option(opt, argv);
	}
	if (optind != argc - 1)
		return cli_usage_error("usage: setup-team [--group NAME] [--demo] DIR");
	return 0;
}

static void explain(const struct team *t, bool created)
{
	printf("%s: owner root, group %s, mode %04o (members of nothing else may enter)\n", t->dir,
	       t->group_name, TEAM_DIR_MODE);
	printf("%s: %s, group %s, mode %04o%s\n", t->db, created ? "created" : "kept",
	       t->group_name, TEAM_FILE_MODE, created ? "; root is its first admin" : "");
	printf("%s: group %s, setgid (mode %04o)\n", t->bin, t->group_name, TEAM_BIN_MODE);
	printf("next, for each login of the team (do not add them to the group %s):\n"
	       "  %s --db %s user add LOGIN ROLE\n"
	       "and each of them runs: sendesk --db %s\n", t->group_name, t->bin, t->db, t->db);
}

int cmd_setup_team(const struct cli *c, int argc, char **argv)
{
	static struct team t;
	int rc = parse(argc, argv, &t);
	if (rc != 0)
		return rc;
	struct error err = {0};
	if (getuid() != 0)
		return cli_fail(&(struct error){.code = EX_NOPERM,
		                .msg = "setup-team: run it as root (it makes a group, a directory "
		                       "and the installed sendesk setgid)"});
	bool created = false;
	rc = find_installed_binary(&t, &err);
	if (rc == 0)
		rc = ensure_group(&t, &err);
	if (rc == 0)
		rc = make_dir(&t, argv[argc - 1], &err);
	if (rc == 0)
		rc = make_database(c, &t, &created, &err);
	if (rc == 0)
		rc = own(&t, t.bin, TEAM_BIN_MODE, &err);
	if (rc != 0)
		return cli_fail(&err);
	explain(&t, created);
	return cli_finish_output();
}
