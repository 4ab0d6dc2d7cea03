/* privilege.h: the group privilege of a setgid-installed sendesk.
 *
 * A team shares a database in a directory of the sendesk group (see
 * `sendesk setup-team`); the installed binary is setgid to that group
 * and the team's logins are not in it, so they reach the file only
 * through sendesk, whose roles and audit trail then hold.  The group is
 * worn only while the database is opened or closed: everything else the
 * program does (reading the configuration and import files, writing an
 * export, a report or a backup, running $EDITOR) happens as the user
 * alone.  Run from a plain (not setgid) binary every call is a no-op.
 *
 * Nothing here prints or exits; the functions cannot fail in a way the
 * caller could act on (a failed setegid would leave the process with
 * less privilege, never more). */
#ifndef SENDESK_UTIL_PRIVILEGE_H
#define SENDESK_UTIL_PRIVILEGE_H

#include <stdbool.h>
#include <stddef.h>

/* Called first in main: remembers the group the binary runs as and
 * puts it aside (effective group = the user's own). */
void privilege_init(void);

/* True while the group can still be taken up again: started setgid and
 * not dropped for good. */
bool privilege_held(void);

/* Takes up the group (to open or close the database) and puts it aside
 * again.  Calls nest: the group is put aside by the last lower. */
void privilege_raise(void);
void privilege_lower(void);

/* Gives the group up for the rest of the process (real, effective and
 * saved group all the user's own). */
void privilege_drop(void);

/* Decides whether the database at path may be opened with the group:
 * only an existing file in a team directory (owned by root, of the
 * binary's group, setgid, not writable by others) that the user could
 * not open alone.  Then path is rewritten with its directory resolved
 * (no symbolic link left to swap); otherwise, and always for a file to
 * be created, the group is dropped for good, so that --db and the
 * configuration reach only what the user could open without sendesk. */
void privilege_admit_database(char *path, size_t len, bool create);

/* Whether dir is a team directory of group gid as setup-team makes it. */
bool privilege_is_team_dir(const char *dir, unsigned gid);

#endif
