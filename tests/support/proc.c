#include "tests/support/proc.h"

#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void **arena;
static size_t arena_count, arena_cap;

void *proc_keep(void *p)
{
	cr_assert_not_null(p, "out of memory");
	if (arena_count == arena_cap) {
		size_t cap = arena_cap ? 2 * arena_cap : 64;
		void **grown = realloc(arena, cap * sizeof *grown);
		cr_assert_not_null(grown, "out of memory");
		arena = grown;
		arena_cap = cap;
	}
	arena[arena_count++] = p;
	return p;
}

void *proc_alloc(size_t n)
{
	return proc_keep(calloc(1, n ? n : 1));
}

char *text_dup(const char *s)
{
	return proc_keep(strdup(s));
}

char *text_printf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *s = proc_alloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return s;
}

void proc_free_all(void)
{
	for (size_t i = 0; i < arena_count; i++)
		free(arena[i]);
	free(arena);
	arena = NULL;
	arena_count = arena_cap = 0;
}

void sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
	nanosleep(&ts, NULL);
}

int temp_fd(const char *text)
{
	FILE *f = tmpfile();
	cr_assert_not_null(f, "tmpfile: %s", strerror(errno));
	int fd = dup(fileno(f));
	fclose(f);
	cr_assert_geq(fd, 0, "dup: %s", strerror(errno));
	fcntl(fd, F_SETFD, fcntl(fd, F_GETFD) | FD_CLOEXEC);
	size_t len = text ? strlen(text) : 0;
	for (size_t done = 0; done < len;) {
		ssize_t w = write(fd, text + done, len - done);
		cr_assert_gt(w, 0, "write: %s", strerror(errno));
		done += (size_t)w;
	}
	lseek(fd, 0, SEEK_SET);
	return fd;
}

const char *read_fd(int fd, size_t *len)
{
	off_t size = lseek(fd, 0, SEEK_END);
	cr_assert_geq(size, 0, "lseek: %s", strerror(errno));
	char *buf = proc_alloc((size_t)size + 1);
	lseek(fd, 0, SEEK_SET);
	size_t done = 0;
	while (done < (size_t)size) {
		ssize_t r = read(fd, buf + done, (size_t)size - done);
		if (r <= 0)
			break;
		done += (size_t)r;
	}
	buf[done] = '\0';
	if (len)
		*len = done;
	return buf;
}

pid_t proc_spawn(const char *const *args, char **env, int in, int out, int err)
{
	posix_spawn_file_actions_t actions;
	cr_assert_eq(posix_spawn_file_actions_init(&actions), 0);
	posix_spawn_file_actions_adddup2(&actions, in, 0);
	posix_spawn_file_actions_adddup2(&actions, out, 1);
	posix_spawn_file_actions_adddup2(&actions, err, 2);
	pid_t pid;
	int rc = posix_spawnp(&pid, args[0], &actions, NULL, (char *const *)args, env);
	posix_spawn_file_actions_destroy(&actions);
	cr_assert_eq(rc, 0, "cannot run %s: %s", args[0], strerror(rc));
	return pid;
}

int proc_wait(pid_t pid, long timeout_ms)
{
	int status;
	long waited = 0, step = 1;
	for (;;) {
		pid_t w = waitpid(pid, &status, WNOHANG);
		if (w == pid)
			break;
		if (w < 0 && errno != EINTR)
			cr_assert_fail("waitpid: %s", strerror(errno));
		if (waited >= timeout_ms) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			return -1;
		}
		sleep_ms(step);
		waited += step;
		if (step < 20)
			step *= 2;
	}
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : -1;
}

void remove_tree(const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return;
	if (S_ISDIR(st.st_mode)) {
		DIR *d = opendir(path);
		if (d != NULL) {
			struct dirent *e;
			while ((e = readdir(d)) != NULL) {
				if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
					continue;
				char child[PATH_MAX];
				if (snprintf(child, sizeof child, "%s/%s", path, e->d_name) < (int)sizeof child)
					remove_tree(child);
			}
			closedir(d);
		}
		rmdir(path);
	} else {
		unlink(path);
	}
}

const char *login_of(uid_t uid)
{
	struct passwd *pw = getpwuid(uid);
	cr_assert_not_null(pw, "user id %ld has no login name in /etc/passwd", (long)uid);
	return text_dup(pw->pw_name);
}

const char *my_login(void)
{
	return login_of(geteuid());
}
