/* setresgid is a GNU (and BSD) call, not POSIX. */
#define _GNU_SOURCE
#include "util/privilege.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static struct {
	bool held;        /* started setgid, not yet dropped for good */
	gid_t user;       /* the real group */
	gid_t group;      /* the group the binary is installed as */
	int raised;       /* nesting of privilege_raise */
} state;

void privilege_init(void)
{
	state.user = getgid();
	state.group = getegid();
	state.held = state.group != state.user;
	state.raised = 0;
	if (state.held && setegid(state.user) != 0)
		privilege_drop();
}

bool privilege_held(void)
{
	return state.held;
}

void privilege_raise(void)
{
	if (state.held && state.raised++ == 0 && setegid(state.group) != 0)
		state.raised--;
}

void privilege_lower(void)
{
	if (state.held && state.raised > 0 && --state.raised == 0 && setegid(state.user) != 0)
		privilege_drop();
}

void privilege_drop(void)
{
	if (!state.held)
		return;
	/* setgid() alone would keep the saved group; an unprivileged process
	 * may set all three to its real group.  If even that failed, nothing
	 * could be trusted: stop rather than run with the group. */
	if (setresgid(state.user, state.user, state.user) != 0)
		abort();
	state.held = false;
	state.raised = 0;
}

bool privilege_is_team_dir(const char *dir, unsigned gid)
{
	struct stat st;
	return stat(dir, &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == 0 && st.st_gid == gid &&
	       (st.st_mode & S_ISGID) && !(st.st_mode & S_IWOTH);
}

/* Splits path into its directory (resolved) and last name; false when
 * either cannot be had. */
static bool resolve(const char *path, char *dir, char *name, size_t name_len)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	if (*base == '\0' || strcmp(base, ".") == 0 || strcmp(base, "..") == 0 ||
	    strlen(base) >= name_len)
		return false;
	snprintf(name, name_len, "%s", base);
	char parent[PATH_MAX];
	if (slash == NULL)
		snprintf(parent, sizeof parent, ".");
	else if (slash == path)
		snprintf(parent, sizeof parent, "/");
	else
		snprintf(parent, sizeof parent, "%.*s", (int)(slash - path), path);
	return realpath(parent, dir) != NULL;
}

void privilege_admit_database(char *path, size_t len, bool create)
{
	if (!state.held)
		return;
	char dir[PATH_MAX], name[NAME_MAX + 1], resolved[PATH_MAX + NAME_MAX + 2];
	/* access() asks with the real user and group: what the user could
	 * do without sendesk. */
	bool own = access(path, R_OK | W_OK) == 0;
	if (create || own || !resolve(path, dir, name, sizeof name) ||
	    !privilege_is_team_dir(dir, (unsigned)state.group)) {
		privilege_drop();
		return;
	}
	int n = snprintf(resolved, sizeof resolved, "%s/%s", strcmp(dir, "/") ? dir : "", name);
	if (n < 0 || (size_t)n >= len) {
		privilege_drop();
		return;
	}
	memcpy(path, resolved, (size_t)n + 1);
}
