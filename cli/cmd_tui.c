/* cmd_tui.c: sendesk with no command opens the screens. */
#include <stdio.h>
#include <unistd.h>

#include "cli/commands.h"
#include "tui/tui.h"

int cmd_tui(const struct cli *c, bool plain)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fputs("sendesk: the screens need a terminal; for scripts use the commands "
		      "(sendesk --help)\n", stderr);
		return EX_USAGE;
	}
	struct session s;
	int rc = cli_open(c, &s);
	if (rc != 0)
		return rc;
	struct error err = {0};
	rc = tui_run(&s, &c->settings, plain, &err);
	session_close(&s);
	return rc ? cli_fail(&err) : 0;
}
