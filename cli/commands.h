/* commands.h: the non-interactive commands of INTERFACE.md.  Each takes
 * its own arguments (argv[0] is the command name) and returns a sysexits
 * code, having printed any failure. */
#ifndef SENDESK_COMMANDS_H
#define SENDESK_COMMANDS_H

#include <stdbool.h>

#include "cli/cli.h"

int cmd_init(const struct cli *c, int argc, char **argv);
int cmd_setup_team(const struct cli *c, int argc, char **argv);
int cmd_import(const struct cli *c, int argc, char **argv);
int cmd_export(const struct cli *c, int argc, char **argv);
int cmd_report(const struct cli *c, int argc, char **argv);
int cmd_check(const struct cli *c, int argc, char **argv);
int cmd_backup(const struct cli *c, int argc, char **argv);
int cmd_user(const struct cli *c, int argc, char **argv);
int cmd_caseload(const struct cli *c, int argc, char **argv);
int cmd_restore(const struct cli *c, int argc, char **argv);
/* report audit [--login L] [--from D] [--to D] [--format F]; argv[0] is "audit". */
int cmd_report_audit(const struct cli *c, int argc, char **argv);

/* The interactive screens, on a terminal. */
int cmd_tui(const struct cli *c, bool plain);

#endif
