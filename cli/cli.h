/* cli.h: what every command of the command line shares.
 *
 * main() reads the global options and the configuration into one struct
 * cli, then hands it to the command.  Commands print results on stdout
 * and each failure as one line on stderr, and return a sysexits code. */
#ifndef SENDESK_CLI_H
#define SENDESK_CLI_H

#include "config/config.h"
#include "core/session.h"
#include "util/error.h"

struct cli {
	char db_path[CONFIG_PATH_MAX];
	struct settings settings;
};

/* Prints "sendesk: <message>" on stderr and returns err->code. */
int cli_fail(const struct error *err);

/* Prints "sendesk: <usage message>" and returns EX_USAGE. */
int cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* For getopt's '?' and ':' (opterr is off): "unknown option '--x'" or
 * "option '--db' needs a value"; returns EX_USAGE. */
int cli_bad_option(int opt, char **argv);

/* Flushes standard output; on failure (a full disk, a closed pipe) prints
 * one line and returns EX_IOERR. */
int cli_finish_output(void);

/* The exit code of a report written to standard output through a sink
 * that returned rc with err: a sink stops with EX_IOERR and no message
 * when the output failed, which is then said once. */
int cli_report_written(int rc, const struct error *err);

/* Opens the database as the acting login (errors printed). */
int cli_open(const struct cli *c, struct session *s);

/* A problem_fn that prints each line on stderr. */
void cli_print_problem(void *ctx, const char *line);

#endif
