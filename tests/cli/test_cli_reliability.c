/* test_cli_reliability.c: what holds when processes are killed or run at
 * once: init, init --demo and backup killed at any moment leave no file
 * or a whole database; writers queued behind a long change wait for it
 * and all commit; a keymap mistake stops every command. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "tests/cli/run.h"

TestSuite(reliability, CLI_FIXTURE);

static struct background start(const char *db, const char *const *args)
{
	const char *argv[16] = {sendesk_bin(), "--db", db};
	size_t n = 3;
	for (size_t i = 0; args[i] && n < 15; i++)
		argv[n++] = args[i];
	argv[n] = NULL;
	return background_start(argv);
}

/* After a kill, the path holds nothing or a database check passes. */
static void expect_nothing_or_whole(const char *path, const char *what, int delay_ms)
{
	if (!file_exists(path))
		return;
	struct run_opts o = {.db = path};
	struct run r = sendesk_opts(&o, "check", NULL);
	cr_expect_eq(r.status, 0, "%s killed after %d ms left a database that fails check:\n%s",
	             what, delay_ms, r.err);
}

static const int delays_ms[] = {0, 50, 150, 300};

Test(reliability, init_killed_at_any_moment_leaves_nothing_or_a_whole_database)
{
	for (size_t i = 0; i < sizeof delays_ms / sizeof delays_ms[0]; i++) {
		const char *path = tmp_path(text_printf("demo-%zu.db", i));
		struct background b = start(path, (const char *const[]){"init", "--demo", NULL});
		sleep_ms(delays_ms[i]);
		kill(b.pid, SIGKILL);
		background_finish(&b);
		expect_nothing_or_whole(path, "init --demo", delays_ms[i]);
		/* --if-missing then makes one, or keeps the whole one. */
		struct run_opts o = {.db = path};
		expect_exit(sendesk_opts(&o, "init", "--if-missing", NULL), 0);
		expect_exit(sendesk_opts(&o, "check", NULL), 0);
	}
}

Test(reliability, backup_killed_at_any_moment_leaves_nothing_or_a_whole_copy)
{
	init_demo_database();
	for (size_t i = 0; i < sizeof delays_ms / sizeof delays_ms[0]; i++) {
		const char *copy = tmp_path(text_printf("copy-%zu.db", i));
		struct background b = start(db_path(), (const char *const[]){"backup", copy, NULL});
		sleep_ms(delays_ms[i] / 10);
		kill(b.pid, SIGKILL);
		background_finish(&b);
		expect_nothing_or_whole(copy, "backup", delays_ms[i] / 10);
		if (!file_exists(copy))
			expect_exit(sendesk("backup", copy, NULL), 0);
		struct run_opts o = {.db = copy};
		expect_exit(sendesk_opts(&o, "check", NULL), 0);
	}
}

/* A file of n providers, codes W<writer>-<batch>-<i>. */
static const char *batch_file(int writer, int batch, int n)
{
	size_t cap = (size_t)n * 40 + 32, len = 0;
	char *text = text_printf("%*s", (int)cap, "");
	len += (size_t)snprintf(text, cap, "code,name\n");
	for (int i = 0; i < n; i++)
		len += (size_t)snprintf(text + len, cap - len, "W%d-%d-%d,Provider %d of batch %d\n",
		                        writer, batch, i, i, batch);
	const char *path = tmp_path(text_printf("w%d-%d.csv", writer, batch));
	write_file(path, text);
	return path;
}

/* Four writers start while another process holds the write lock for
 * longer than the old fixed 5-second wait; every batch still commits,
 * and further rounds of concurrent batches all commit too. */
Test(reliability, concurrent_writers_wait_for_each_other_and_all_commit)
{
	enum { WRITERS = 4, BATCHES = 2, ROWS = 1500 };
	assert_exit(sendesk("init", NULL), 0);
	struct background lock = background_start((const char *const[]){"sqlite3", db_path(), NULL});
	background_write(&lock, text_printf("BEGIN IMMEDIATE;\n"
	                                    "INSERT INTO providers(code, name) VALUES ('LOCK', 'Held');\n"
	                                    ".once %s\n"
	                                    "SELECT 'locked';\n",
	                                    tmp_path("locked")));
	cr_assert(wait_for_file(tmp_path("locked"), 10000), "sqlite3 did not take the lock");
	for (int batch = 0; batch < BATCHES; batch++) {
		struct background w[WRITERS];
		for (int i = 0; i < WRITERS; i++)
			w[i] = start(db_path(), (const char *const[]){"import", "providers",
			                                              batch_file(i, batch, ROWS), NULL});
		if (batch == 0) {
			sleep_ms(5500);   /* longer than the old fixed wait of 5 s */
			background_write(&lock, "ROLLBACK;\n");
			cr_assert_eq(background_finish(&lock), 0);
		}
		for (int i = 0; i < WRITERS; i++) {
			int status = background_finish(&w[i]);
			cr_expect_eq(status, 0, "writer %d of batch %d: exit %d (-1: still running, killed)",
			             i, batch, status);
		}
	}
	struct run r = sendesk("export", "providers", NULL);
	assert_exit(r, 0);
	cr_expect_eq(line_count(r.out), 1 + WRITERS * BATCHES * ROWS);
}

Test(reliability, a_keymap_mistake_stops_every_command)
{
	assert_exit(sendesk("init", NULL), 0);
	write_file(tmp_path("keys.cfg"), "plain = false;\n\nkeymap = {\n  fliter = \"/\";\n};\n");
	write_file(tmp_path("key.cfg"), "keymap = {\n  filter = \"Ctrl-Q\";\n};\n");
	const char *const commands[][3] = {{"check", NULL}, {"export", "providers", NULL},
	                                   {"report", "contracts", NULL}};
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
		struct run r = sendesk("--config", "keys.cfg", commands[i][0], commands[i][1], NULL);
		assert_fails_one_line(r, EX_CONFIG);
		cr_expect(strstr(r.err, "keys.cfg:4: keymap: no action 'fliter'") != NULL, "%s", r.err);
		r = sendesk("--config", "key.cfg", commands[i][0], commands[i][1], NULL);
		assert_fails_one_line(r, EX_CONFIG);
		cr_expect(strstr(r.err, "key.cfg:2: keymap: filter: no key named 'Ctrl-Q'") != NULL,
		          "%s", r.err);
	}
}

/* What a killed init or backup left ("PATH.part-PID", with SQLite's side
 * files) goes with the next run on that path; another path's stays. */
Test(reliability, a_killed_runs_temporary_files_go_with_the_next_run)
{
	struct background ended = background_start((const char *const[]){"true", NULL});
	background_finish(&ended);
	const char *left[] = {
		tmp_path(text_printf("team.db.part-%ld", (long)ended.pid)),
		tmp_path(text_printf("team.db.part-%ld-journal", (long)ended.pid)),
	};
	const char *other = tmp_path(text_printf("other.db.part-%ld", (long)ended.pid));
	for (size_t i = 0; i < 2; i++)
		write_file(left[i], "the start of a database");
	write_file(other, "the start of another");
	struct run_opts o = {.db = tmp_path("team.db")};
	assert_exit(sendesk_opts(&o, "init", NULL), 0);
	for (size_t i = 0; i < 2; i++)
		cr_expect(!file_exists(left[i]), "%s is still there", left[i]);
	cr_expect(file_exists(other), "%s went too", other);
}
