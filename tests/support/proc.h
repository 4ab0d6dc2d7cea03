/* proc.h: what the command-line and end-to-end tests share: memory that
 * lives until the test's teardown, running a child with its standard
 * streams in temporary files, and the files and logins around it.
 * Every helper fails the test (Criterion) rather than return an error. */
#ifndef SENDESK_TESTS_PROC_H
#define SENDESK_TESTS_PROC_H

#include <stddef.h>
#include <sys/types.h>

/* Memory kept until proc_free_all(): tests never free what they get. */
void *proc_keep(void *p);
void *proc_alloc(size_t n);
char *text_dup(const char *s);
char *text_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void proc_free_all(void);

void sleep_ms(long ms);

/* An unnamed temporary file's descriptor (close-on-exec), holding text
 * when given, positioned at its start. */
int temp_fd(const char *text);

/* All of fd's file, NUL-terminated (kept memory); its length in *len. */
const char *read_fd(int fd, size_t *len);

/* Starts args (args[0] looked up in PATH) with in, out and err as its
 * standard input, output and error. */
pid_t proc_spawn(const char *const *args, char **env, int in, int out, int err);

/* Waits for pid, killing it after timeout_ms: its exit code, 128 + the
 * signal when killed by one, -1 when it ran too long. */
int proc_wait(pid_t pid, long timeout_ms);

/* Removes a directory tree; symbolic links are not followed. */
void remove_tree(const char *path);

/* The login name of a user id, and of the one running the tests. */
const char *login_of(uid_t uid);
const char *my_login(void);

#endif
