#include "cli/cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int cli_fail(const struct error *err)
{
	fprintf(stderr, "sendesk: %s\n", err->msg[0] ? err->msg : "failed");
	return err->code ? err->code : EX_SOFTWARE;
}

int cli_usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("sendesk: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputs(" (see sendesk --help)\n", stderr);
	va_end(ap);
	return EX_USAGE;
}

void cli_print_problem(void *ctx, const char *line)
{
	(void)ctx;
	fprintf(stderr, "%s\n", line);
}

int cli_open(const struct cli *c, struct session *s)
{
	struct error err = {0};
	int rc = session_open(s, c->db_path, &c->settings, &err);
	return rc ? cli_fail(&err) : 0;
}

int cli_bad_option(int opt, char **argv)
{
	const char *given = optind > 0 ? argv[optind - 1] : "?";
	if (opt == ':')
		return cli_usage_error("option '%s' needs a value", given);
	return cli_usage_error("unknown option '%s'", given);
}

int cli_finish_output(void)
{
	if (fflush(stdout) == 0 && !ferror(stdout))
		return 0;
	fprintf(stderr, "sendesk: writing standard output: %s\n", strerror(errno));
	return EX_IOERR;
}

int cli_report_written(int rc, const struct error *err)
{
	if (rc != 0 && (rc != EX_IOERR || err->msg[0]))
		return cli_fail(err);
	int out = cli_finish_output();
	if (rc == EX_IOERR && out == 0)
		fputs("sendesk: writing standard output failed\n", stderr);
	return rc ? rc : out;
}
