/* cmd_report.c: sendesk report NAME [options]. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "core/report.h"
#include "core/report_format.h"

static int date_option(const char *name, const char *text, day_t *out)
{
	const char *reason;
	if (date_parse(text, out, &reason))
		return 0;
	return cli_usage_error("--%s %s: %s", name, text, reason);
}

static int parse_options(int argc, char **argv, struct report_options *opt, enum report_format *fmt)
{
	static const struct option options[] = {
		{"from", required_argument, NULL, 'f'}, {"to", required_argument, NULL, 't'},
		{"on", required_argument, NULL, 'o'}, {"format", required_argument, NULL, 'F'},
		{"period", required_argument, NULL, 'p'}, {NULL, 0, NULL, 0},
	};
	int o, rc = 0;
	while (rc == 0 && (o = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		switch (o) {
		case 'f': rc = date_option("from", optarg, &opt->from); opt->has_from = true; break;
		case 't': rc = date_option("to", optarg, &opt->to); opt->has_to = true; break;
		case 'o': rc = date_option("on", optarg, &opt->on); break;
		case 'F':
			if (report_format_parse(optarg, fmt) != 0)
				rc = cli_usage_error("--format %s: use text, csv or json", optarg);
			break;
		case 'p':
			if (period_kind_parse(optarg, &opt->period) != 0)
				rc = cli_usage_error("--period %s: use financial, academic or calendar", optarg);
			break;
		default: rc = cli_bad_option(o, argv);
		}
	}
	if (rc == 0 && opt->has_from && opt->has_to && opt->to < opt->from)
		rc = cli_usage_error("--to is before --from");
	return rc;
}

static int unknown_report(const char *name)
{
	char list[256] = "";
	for (const struct report *const *r = reports; *r; r++) {
		size_t used = strlen(list);
		snprintf(list + used, sizeof list - used, "%s%s", used ? ", " : "", (*r)->name);
	}
	return cli_usage_error("unknown report '%s' (reports: %s)", name, list);
}

int cmd_report(const struct cli *c, int argc, char **argv)
{
	if (argc < 2 || argv[1][0] == '-')
		return cli_usage_error("usage: report NAME [options]");
	if (strcmp(argv[1], "audit") == 0)
		return cmd_report_audit(c, argc - 1, argv + 1);
	const struct report *r = report_find(argv[1]);
	if (r == NULL)
		return unknown_report(argv[1]);
	struct report_options opt = {.on = date_today(), .period = PERIOD_FINANCIAL};
	enum report_format fmt = REPORT_TEXT;
	int rc = parse_options(argc - 1, argv + 1, &opt, &fmt);
	if (rc != 0)
		return rc;
	if (optind + 1 != argc)
		return cli_usage_error("report %s: unexpected argument '%s'", r->name, argv[optind + 1]);
	struct session s;
	if ((rc = cli_open(c, &s)) != 0)
		return rc;
	struct error err = {0};
	struct report_writer writer = {.out = stdout};
	struct report_sink sink = report_format_sink(fmt, &writer);
	rc = report_run(&s, r, &opt, &sink, &err);
	session_close(&s);
	return cli_report_written(rc, &err);
}
