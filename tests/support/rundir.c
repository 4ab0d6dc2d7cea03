#include "tests/support/rundir.h"

#include <criterion/criterion.h>
#include <criterion/hooks.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

/* Named to the tests (run in child processes) by the environment. */
#define RUN_DIR_VARIABLE "SENDESK_TEST_RUN_DIR"
static char made_dir[320];

const char *temp_root(void)
{
	const char *dir = getenv("TMPDIR");
	return dir != NULL && dir[0] == '/' && strlen(dir) < 200 ? dir : "/tmp";
}

ReportHook(PRE_ALL)(struct criterion_test_set *tests)
{
	(void)tests;
	snprintf(made_dir, sizeof made_dir, "%s/sendesk-run-XXXXXX", temp_root());
	if (mkdtemp(made_dir) != NULL)
		setenv(RUN_DIR_VARIABLE, made_dir, 1);
	else
		made_dir[0] = '\0';
}

ReportHook(POST_ALL)(struct criterion_global_stats *stats)
{
	(void)stats;
	char cmd[400];
	if (made_dir[0] != '\0' && snprintf(cmd, sizeof cmd, "rm -rf '%s'", made_dir) > 0 &&
	    system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", made_dir);
}

const char *run_dir(void)
{
	const char *dir = getenv(RUN_DIR_VARIABLE);
	return dir != NULL && dir[0] != '\0' ? dir : NULL;
}

/* By the day, because the demo's dates are relative to the day it is
 * made: a run that crosses midnight makes a second one. */
static bool run_file(const char *name, char *path, size_t len)
{
	const char *dir = run_dir();
	if (dir == NULL)
		return false;
	time_t now = time(NULL);
	struct tm day;
	char stamp[16];
	strftime(stamp, sizeof stamp, "%Y%m%d", localtime_r(&now, &day));
	int n = snprintf(path, len, "%s/%s-%s.db", dir, name, stamp);
	return n > 0 && (size_t)n < len;
}

bool run_file_made(const char *name, char *path, size_t len,
                   void (*make)(const char *building, void *ctx), void *ctx)
{
	if (!run_file(name, path, len))
		return false;
	char lock_path[448], building[448];
	snprintf(lock_path, sizeof lock_path, "%s.lock", path);
	int lock = open(lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	cr_assert(lock >= 0 && flock(lock, LOCK_EX) == 0, "%s: cannot lock", lock_path);
	if (access(path, F_OK) != 0) {
		snprintf(building, sizeof building, "%s.%ld", path, (long)getpid());
		make(building, ctx);
		cr_assert_eq(rename(building, path), 0, "could not make %s", path);
	}
	close(lock);   /* and with it the lock */
	return true;
}

bool file_copy(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb");
	int fd = in ? open(to, O_WRONLY | O_CREAT | O_EXCL, 0600) : -1;
	FILE *out = fd >= 0 ? fdopen(fd, "wb") : NULL;
	bool ok = out != NULL;
	char buf[65536];
	for (size_t n; ok && (n = fread(buf, 1, sizeof buf, in)) > 0;)
		ok = fwrite(buf, 1, n, out) == n;
	ok = ok && !ferror(in);
	if (out ? fclose(out) != 0 : fd >= 0 && close(fd) != 0)
		ok = false;
	if (in)
		fclose(in);
	return ok;
}
