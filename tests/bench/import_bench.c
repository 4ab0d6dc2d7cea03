/* import_bench.c: what `sendesk import` costs beside the same writes
 * done by hand.
 *
 *   build/rel/import-bench [--rows N] [--runs N] [--sendesk BIN] [--dir DIR]
 *                          [--sqlite3 BIN]
 *
 * Makes a database with the providers and children the rows name
 * (through `sendesk import`), writes N new spot purchases as CSV (default
 * 200,000) and loads that one file three ways, each into its own copy:
 *
 *   sendesk import    the real binary: every row validated, references
 *                     resolved, one audit row per record, search rows,
 *                     all or nothing;
 *   hand-written SQL  one transaction of prepared statements doing the
 *                     same writes into the same schema: each row with its
 *                     references looked up in the INSERT, then the audit
 *                     rows (json_object) and the search rows each in one
 *                     INSERT ... SELECT;
 *   raw .import       sqlite3's `.import --csv` of the file into a table
 *                     of the same columns and the same indexes as
 *                     spot_purchases, without audit or search: the outer
 *                     limit.
 *
 * The three run in turn --runs times (default 3) and each keeps its
 * fastest run, by wall clock and by CPU (user + system) apart: on a
 * machine others share, the slower runs measure the others.  Rows per
 * second, then the ratios beside the goal:
 * sendesk at least 0.8 of the hand-written import.  Printed, never
 * asserted. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/csv.h"
#include "db/db_internal.h"
#include "util/fold.h"

#define GOAL 0.8
#define PROVIDERS 100

struct timing {
	double wall, cpu;
	bool ok;
};

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double cpu_of(const struct rusage *u)
{
	return (double)u->ru_utime.tv_sec + (double)u->ru_utime.tv_usec / 1e6 +
	       (double)u->ru_stime.tv_sec + (double)u->ru_stime.tv_usec / 1e6;
}

/* Runs argv with stdin from in_path (NULL: unchanged) and stdout to
 * /dev/null; its wall and CPU seconds, ok when it exited 0. */
static struct timing run(char *const argv[], const char *in_path)
{
	struct timing t = {0, 0, false};
	double t0 = now_seconds();
	pid_t pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);
		if (null >= 0)
			dup2(null, STDOUT_FILENO);
		if (in_path != NULL) {
			int in = open(in_path, O_RDONLY);
			if (in < 0)
				_exit(127);
			dup2(in, STDIN_FILENO);
		}
		execvp(argv[0], argv);
		_exit(127);
	}
	int status;
	struct rusage usage;
	if (pid < 0 || wait4(pid, &status, 0, &usage) != pid)
		return t;
	t.wall = now_seconds() - t0;
	t.cpu = cpu_of(&usage);
	t.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
	if (!t.ok)
		fprintf(stderr, "import-bench: %s failed (status %d)\n", argv[0], status);
	return t;
}

/* A copy of a closed database (its WAL checkpointed into it). */
static int copy_file(const char *from, const char *to)
{
	char side[600];
	snprintf(side, sizeof side, "%s-wal", to);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", to);
	unlink(side);
	unlink(to);
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	int rc = in && out ? 0 : -1;
	static char buf[1 << 20];
	size_t n;
	while (rc == 0 && (n = fread(buf, 1, sizeof buf, in)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			rc = -1;
	if (in)
		fclose(in);
	if (out && fclose(out) != 0)
		rc = -1;
	return rc;
}

/* splitmix64: the same rows on every run */
static uint64_t next_random(uint64_t *s)
{
	uint64_t z = (*s += UINT64_C(0x9E3779B97F4A7C15));
	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

static int write_references(const char *dir, long children)
{
	char path[512];
	snprintf(path, sizeof path, "%s/providers.csv", dir);
	FILE *f = fopen(path, "w");
	if (f == NULL)
		return -1;
	fprintf(f, "code,name,kind\n");
	for (int i = 1; i <= PROVIDERS; i++)
		fprintf(f, "BP%04d,Provider %d,%s\n", i, i, i % 10 ? "independent" : "nhs-trust");
	if (fclose(f) != 0)
		return -1;
	snprintf(path, sizeof path, "%s/children.csv", dir);
	if ((f = fopen(path, "w")) == NULL)
		return -1;
	fprintf(f, "ref,first_name,last_name,date_of_birth\n");
	uint64_t s = 7;
	for (long i = 1; i <= children; i++)
		fprintf(f, "BC%07ld,Child%ld,Surname%ld,%d-%02d-%02d\n", i, i, i % 997,
		        2005 + (int)(next_random(&s) % 18), 1 + (int)(next_random(&s) % 12),
		        1 + (int)(next_random(&s) % 28));
	return fclose(f) == 0 ? 0 : -1;
}

static int write_purchases(const char *path, long rows, long children)
{
	static const char *const therapies[] = {"slt", "ot", "pt", "at", "assistant"};
	FILE *f = fopen(path, "w");
	if (f == NULL)
		return -1;
	fprintf(f, "ref,child,provider,therapy,start_date,cost,end_date,invoice_ref\n");
	uint64_t s = 20250331;
	for (long i = 1; i <= rows; i++) {
		int year = 2019 + (int)(next_random(&s) % 6), month = 1 + (int)(next_random(&s) % 12);
		int day = 1 + (int)(next_random(&s) % 28);
		uint64_t pence = 25000 + next_random(&s) % 2000000;
		char end[16] = "";
		if (i % 5)
			snprintf(end, sizeof end, "%d-%02d-%02d", year + 1, month, day);
		fprintf(f, "BSP%08ld,BC%07ld,BP%04d,%s,%d-%02d-%02d,%llu.%02llu,%s,INV-%08ld\n", i,
		        1 + (long)(next_random(&s) % (uint64_t)children),
		        1 + (int)(next_random(&s) % PROVIDERS), therapies[next_random(&s) % 5], year,
		        month, day, (unsigned long long)(pence / 100), (unsigned long long)(pence % 100),
		        end, i);
	}
	return fclose(f) == 0 ? 0 : -1;
}

/* ---- the hand-written import ---------------------------------------- */

static void fold_function(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const char *text = (const char *)sqlite3_value_text(argv[0]);
	if (text == NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	size_t len = 0;
	char *folded = fold_text(text, (size_t)sqlite3_value_bytes(argv[0]), &len);
	if (folded == NULL)
		sqlite3_result_error_nomem(ctx);
	else
		sqlite3_result_text(ctx, folded, (int)len, free);
}

static const char *const HAND_SETUP[] = {
	"PRAGMA foreign_keys = ON",
	"PRAGMA cache_size = -262144",
	"BEGIN IMMEDIATE",
	NULL,
};

static const char HAND_ROW[] =
	"INSERT INTO spot_purchases (ref, child_id, provider_id, therapy, start_date, cost_pence, "
	"end_date, invoice_ref) VALUES (?1, (SELECT id FROM children WHERE ref = ?2), "
	"(SELECT id FROM providers WHERE code = ?3), ?4, ?5, ?6, nullif(?7, ''), nullif(?8, ''))";

/* The same JSON and the same search text as the application's. */
/* One row at a time, as each row's hash chains to the one before it
 * (?3, carried from the last RETURNING). */
static const char HAND_AUDIT[] =
	"INSERT INTO audit (at, login, action, kind, record_id, before, after, hash) "
	"SELECT at, ?2, 'insert', 'spot-purchases', id, NULL, after, "
	"sendesk_audit_hash(?3, at, ?2, 'insert', 'spot-purchases', id, NULL, after) FROM ("
	"SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now') AS at, t.id AS id, "
	"json_object('id', t.id, 'ref', t.ref, "
	"'child', (SELECT r.ref FROM children r WHERE r.id = t.child_id), "
	"'provider', (SELECT r.code FROM providers r WHERE r.id = t.provider_id), "
	"'therapy', t.therapy, 'start_date', t.start_date, 'cost_pence', t.cost_pence, "
	"'end_date', t.end_date, 'invoice_ref', t.invoice_ref) AS after "
	"FROM spot_purchases t WHERE t.id = ?1) RETURNING hash";

/* The audit rows of the spot purchases after id before, chained. */
static bool hand_audit(sqlite3 *db, sqlite3_stmt *audit, int64_t before, const char *login)
{
	sqlite3_stmt *ids = NULL, *head = NULL;
	bool ok = sqlite3_prepare_v2(db, "SELECT id FROM spot_purchases WHERE id > ?1 ORDER BY id", -1,
	                             &ids, NULL) == SQLITE_OK &&
	          sqlite3_prepare_v2(db, "SELECT hash FROM audit ORDER BY id DESC LIMIT 1", -1, &head,
	                             NULL) == SQLITE_OK;
	char prev[80] = "";
	if (ok && sqlite3_step(head) == SQLITE_ROW)
		snprintf(prev, sizeof prev, "%s", (const char *)sqlite3_column_text(head, 0));
	sqlite3_bind_int64(ids, 1, before);
	sqlite3_bind_text(audit, 2, login, -1, SQLITE_STATIC);
	while (ok && sqlite3_step(ids) == SQLITE_ROW) {
		sqlite3_bind_int64(audit, 1, sqlite3_column_int64(ids, 0));
		if (prev[0])
			sqlite3_bind_text(audit, 3, prev, -1, SQLITE_TRANSIENT);
		else
			sqlite3_bind_null(audit, 3);
		ok = sqlite3_step(audit) == SQLITE_ROW;
		if (ok)
			snprintf(prev, sizeof prev, "%s", (const char *)sqlite3_column_text(audit, 0));
		ok = ok && sqlite3_step(audit) == SQLITE_DONE;
		sqlite3_reset(audit);
	}
	sqlite3_finalize(ids);
	sqlite3_finalize(head);
	return ok;
}

static const char HAND_SEARCH[] =
	"INSERT INTO spot_purchases_search (rowid, text) SELECT t.id, sendesk_fold("
	"ifnull(t.ref, '') || ' ' || "
	"ifnull((SELECT r.ref FROM children r WHERE r.id = t.child_id), '') || ' ' || "
	"ifnull((SELECT r.code FROM providers r WHERE r.id = t.provider_id), '') || ' ' || "
	"ifnull(t.therapy, '') || ' ' || ifnull(t.start_date, '') || ' ' || "
	"ifnull(t.end_date, '') || ' ' || ifnull(t.invoice_ref, '')) "
	"FROM spot_purchases t WHERE t.id > ?1";

static int64_t pence_of(const char *cost)
{
	char *end;
	long long pounds = strtoll(cost, &end, 10);
	long long pence = 0;
	if (*end == '.')
		pence = strtoll(end + 1, NULL, 10);
	return pounds * 100 + pence;
}

static bool step_done(sqlite3 *db, sqlite3_stmt *stmt)
{
	int rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE)
		fprintf(stderr, "import-bench: hand-written import: %s\n", sqlite3_errmsg(db));
	return rc == SQLITE_DONE;
}

static bool hand_rows(sqlite3 *db, sqlite3_stmt *row, const char *csv_path)
{
	FILE *in = fopen(csv_path, "r");
	struct csv_reader *reader = in ? csv_reader_new(in, csv_path) : NULL;
	const struct csv_record *rec;
	struct error err = {0};
	bool ok = reader != NULL && csv_read(reader, &rec, &err) == 1;   /* the header */
	int rc = 0;
	while (ok && (rc = csv_read(reader, &rec, &err)) == 1) {
		ok = rec->count == 8;
		for (int c = 0; ok && c < 8; c++)
			if (c != 5)
				sqlite3_bind_text(row, c + 1, rec->fields[c], -1, SQLITE_STATIC);
		if (!ok)
			break;
		sqlite3_bind_int64(row, 6, pence_of(rec->fields[5]));
		ok = step_done(db, row);
	}
	if (reader)
		csv_reader_free(reader);
	if (in)
		fclose(in);
	return ok && rc == 0;
}

/* Wall seconds of the hand-written import's steps. */
static double hand_steps[4];

static bool hand_import(const char *db_path, const char *csv_path, const char *login)
{
	sqlite3 *db;
	if (sqlite3_open(db_path, &db) != SQLITE_OK)
		return false;
	bool ok = sqlite3_create_function_v2(db, "sendesk_fold", 1,
	                                     SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, fold_function,
	                                     NULL, NULL, NULL) == SQLITE_OK &&
	          db_audit_hash_add_to(db) == SQLITE_OK;
	for (int i = 0; ok && HAND_SETUP[i]; i++)
		ok = sqlite3_exec(db, HAND_SETUP[i], NULL, NULL, NULL) == SQLITE_OK;
	sqlite3_stmt *last = NULL, *row = NULL, *audit = NULL, *search = NULL;
	ok = ok && sqlite3_prepare_v2(db, "SELECT ifnull(max(id), 0) FROM spot_purchases", -1, &last,
	                              NULL) == SQLITE_OK &&
	     sqlite3_prepare_v2(db, HAND_ROW, -1, &row, NULL) == SQLITE_OK &&
	     sqlite3_prepare_v2(db, HAND_AUDIT, -1, &audit, NULL) == SQLITE_OK &&
	     sqlite3_prepare_v2(db, HAND_SEARCH, -1, &search, NULL) == SQLITE_OK;
	int64_t before = 0;
	if (ok && sqlite3_step(last) == SQLITE_ROW)
		before = sqlite3_column_int64(last, 0);
	double t0 = now_seconds();
	ok = ok && hand_rows(db, row, csv_path);
	double t1 = now_seconds();
	sqlite3_bind_int64(search, 1, before);
	ok = ok && hand_audit(db, audit, before, login);
	double t2 = now_seconds();
	ok = ok && step_done(db, search);
	double t3 = now_seconds();
	ok = ok && sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK;
	double steps[] = {t1 - t0, t2 - t1, t3 - t2, now_seconds() - t3};
	memcpy(hand_steps, steps, sizeof steps);
	if (!ok)
		fprintf(stderr, "import-bench: hand-written import: %s\n", sqlite3_errmsg(db));
	sqlite3_finalize(last);
	sqlite3_finalize(row);
	sqlite3_finalize(audit);
	sqlite3_finalize(search);
	sqlite3_close(db);
	return ok;
}

static struct timing timed_hand_import(const char *db_path, const char *csv_path,
                                       const char *login)
{
	struct rusage u0, u1;
	getrusage(RUSAGE_SELF, &u0);
	double t0 = now_seconds();
	bool ok = hand_import(db_path, csv_path, login);
	struct timing t = {now_seconds() - t0, 0, ok};
	getrusage(RUSAGE_SELF, &u1);
	t.cpu = cpu_of(&u1) - cpu_of(&u0);
	return t;
}

/* ---- the raw .import -------------------------------------------------- */

static bool make_raw_table(const char *db_path)
{
	sqlite3 *db;
	bool ok = sqlite3_open(db_path, &db) == SQLITE_OK &&
	          sqlite3_exec(db,
	"CREATE TABLE spot_raw (ref TEXT NOT NULL UNIQUE, child TEXT NOT NULL, provider TEXT NOT NULL, "
	"therapy TEXT NOT NULL, start_date TEXT NOT NULL, cost TEXT NOT NULL, end_date TEXT, "
	"invoice_ref TEXT);"
	"CREATE INDEX spot_raw_child ON spot_raw(child);"
	"CREATE INDEX spot_raw_provider ON spot_raw(provider);"
	"CREATE INDEX spot_raw_period ON spot_raw(start_date, end_date);"
	"CREATE INDEX spot_raw_start ON spot_raw(start_date);", NULL, NULL, NULL) == SQLITE_OK;
	if (!ok)
		fprintf(stderr, "import-bench: %s: %s\n", db_path, sqlite3_errmsg(db));
	sqlite3_close(db);
	return ok;
}

/* ---- report ------------------------------------------------------------ */

/* The fastest of the runs so far, wall and CPU each on its own. */
static void keep_fastest(struct timing *best, struct timing t, int run)
{
	if (!t.ok || (run > 0 && !best->ok)) {
		best->ok = false;
		return;
	}
	if (run == 0 || t.wall < best->wall)
		best->wall = t.wall;
	if (run == 0 || t.cpu < best->cpu)
		best->cpu = t.cpu;
	best->ok = true;
}

static void print_row(const char *label, long rows, struct timing t)
{
	if (!t.ok) {
		printf("  %-34s  failed\n", label);
		return;
	}
	printf("  %-34s %8.2f s %10.0f rows/s   %8.2f s %10.0f rows/s\n", label, t.wall,
	       (double)rows / t.wall, t.cpu, (double)rows / t.cpu);
}

static void print_ratio(const char *label, struct timing a, struct timing b, const char *goal)
{
	if (!a.ok || !b.ok)
		return;
	/* a rate over a rate: the time of a over the time of b */
	printf("  %-34s %8.2f (wall) %8.2f (CPU)   %s\n", label, a.wall / b.wall, a.cpu / b.cpu, goal);
}

int main(int argc, char **argv)
{
	long rows = 200000;
	int runs = 3;
	const char *bin = "./sendesk", *dir = "build/bench/import", *sqlite3_bin = "sqlite3";
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--rows") == 0 && i + 1 < argc)
			rows = atol(argv[++i]);
		else if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc)
			runs = atoi(argv[++i]);
		else if (strcmp(argv[i], "--sendesk") == 0 && i + 1 < argc)
			bin = argv[++i];
		else if (strcmp(argv[i], "--dir") == 0 && i + 1 < argc)
			dir = argv[++i];
		else if (strcmp(argv[i], "--sqlite3") == 0 && i + 1 < argc)
			sqlite3_bin = argv[++i];
		else {
			fprintf(stderr, "usage: import-bench [--rows N] [--runs N] [--sendesk BIN] "
			                "[--dir DIR] [--sqlite3 BIN]\n");
			return 64;
		}
	}
	if (rows < 1 || runs < 1 || (mkdir(dir, 0755) != 0 && errno != EEXIST)) {
		fprintf(stderr, "import-bench: cannot use %s\n", dir);
		return 1;
	}
	long children = rows / 10 > 1000 ? rows / 10 : 1000;
	char base[512], csv[512], providers[512], kids[512], copy[512];
	snprintf(base, sizeof base, "%s/base.db", dir);
	snprintf(csv, sizeof csv, "%s/spot-purchases.csv", dir);
	snprintf(providers, sizeof providers, "%s/providers.csv", dir);
	snprintf(kids, sizeof kids, "%s/children.csv", dir);
	snprintf(copy, sizeof copy, "%s/copy.db", dir);
	unlink(base);
	if (write_references(dir, children) != 0 || write_purchases(csv, rows, children) != 0) {
		fprintf(stderr, "import-bench: cannot write the CSV files in %s\n", dir);
		return 1;
	}
	char *init[] = {(char *)bin, "--db", base, "init", NULL};
	char *load_providers[] = {(char *)bin, "--db", base, "import", "providers", providers, NULL};
	char *load_children[] = {(char *)bin, "--db", base, "import", "children", kids, NULL};
	if (!run(init, NULL).ok || !run(load_providers, NULL).ok || !run(load_children, NULL).ok)
		return 1;
	const char *login = getenv("USER") ? getenv("USER") : "bench";

	char *import[] = {(char *)bin, "--db", copy, "import", "spot-purchases", csv, NULL};
	char command[600];
	snprintf(command, sizeof command, ".import --csv --skip 1 %s spot_raw", csv);
	char *dot_import[] = {(char *)sqlite3_bin, copy, "-cmd", "PRAGMA cache_size = -262144",
	                      command, NULL};
	struct timing app = {0, 0, false}, hand = app, raw = app;
	for (int r = 0; r < runs; r++) {
		struct timing t = {0, 0, false};
		if (copy_file(base, copy) == 0)
			t = run(import, NULL);
		keep_fastest(&app, t, r);
		t.ok = false;
		if (copy_file(base, copy) == 0)
			t = timed_hand_import(copy, csv, login);
		keep_fastest(&hand, t, r);
		t.ok = false;
		if (copy_file(base, copy) == 0 && make_raw_table(copy))
			t = run(dot_import, NULL);
		keep_fastest(&raw, t, r);
	}
	unlink(copy);

	printf("CSV import of %ld new spot purchases (%ld children, %d providers), fastest of %d\n",
	       rows, children, PROVIDERS, runs);
	printf("  %-34s %21s   %21s\n", "", "wall", "CPU");
	print_row("sendesk import", rows, app);
	print_row("hand-written SQL, same writes", rows, hand);
	print_row("raw .import, same indexes", rows, raw);
	if (hand.ok)
		printf("  %-34s rows %.2f s, audit %.2f s, search %.2f s, commit %.2f s (wall, last run)\n",
		       "  its steps", hand_steps[0], hand_steps[1], hand_steps[2], hand_steps[3]);
	print_ratio("sendesk / hand-written SQL", hand, app, "goal: at least 0.80");
	print_ratio("sendesk / raw .import", raw, app, "outer limit");
	print_ratio("hand-written SQL / raw .import", raw, hand, "");
	return app.ok && hand.ok ? 0 : 1;
}
