/* bench.c: how long people wait, on a national-scale database.
 *
 *   bench --db PATH [--runs N] [--budget SECONDS] [--sendesk BIN]
 *         [--import-rows N,N...] [--import-timeout SECONDS] [--no-import]
 *         [--only PARTS]
 *
 * PATH is a database made by tests/bench/generate (its "today" is
 * 2025-03-31, which the reports use).  Prints one table: for each
 * operation the rows it returned, the first run (SQLite's page cache
 * cold, the system's file cache warm), the median and the 99th
 * percentile of repeated runs (up to --runs, default 50, fewer for slow
 * operations once --budget seconds, default 15, are spent; never fewer
 * than 5), and for reports the same figures computed by one SQL query
 * run straight through SQLite, with the ratio and whether the figures
 * agree cell for cell; then, for each report, the records behind its
 * first and its largest row as the Reports tab opens them.
 *
 * Lists are read exactly as the screens read them, through core/list.h
 * (list_fetch, list_count) on one open session, 40 rows a page.  The
 * import runs the real binary (--sendesk, default ./sendesk) on a copy of
 * the database next to it, with a CSV of --import-rows new spot purchases
 * (default 10,000, 100,000 and 1,000,000, each on a fresh copy, so that
 * the growth shows), each stopped if it has not finished after
 * --import-timeout seconds (default 1800); the copy and the CSV are
 * removed afterwards.
 *
 * --only runs some parts of the table: a comma-separated list of lists,
 * paging, filters, child, desk, reports (the drill-downs included),
 * drills (the drill-downs alone) and import.
 *
 * The desk part saves sessions through the write path on the database
 * itself (each one deleted again, untimed; their audit rows stay) and
 * times the Due list of the caseworker whose caseload is nearest 100
 * children, or says it has none to time when no child has a caseworker.
 *
 * Timings are printed, never asserted. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "config/config.h"
#include "core/date.h"
#include "core/desk.h"
#include "core/fields.h"
#include "core/kind.h"
#include "core/list.h"
#include "core/coverage.h"
#include "core/report.h"
#include "core/report_contracts.h"
#include "core/report_drill.h"
#include "core/report_funding.h"
#include "core/report_shortfall.h"
#include "core/report_spot_growth.h"
#include "core/session.h"
#include "core/store.h"

#define PAGE 40
#define FOOTER_COUNT_CAP 1000       /* tui/listview.c's COUNT_CAP */
#define MAX_RUNS 1000
#define DATA_TODAY "2025-03-31"     /* tests/bench/generate.c's GEN_TODAY */
#define SHORTFALL_FROM "2024-04-01"

struct bench {
	const char *path;
	struct settings cfg;
	struct session s;           /* open throughout, as the TUI keeps it */
	sqlite3 *raw;               /* the same file, for the direct SQL */
	int runs, min_runs;
	double budget;
	day_t today;
	double untimed;             /* seconds of a run that measure leaves out */
	bool default_window;        /* provision-shortfall over its default range */
};

struct result {
	char label[80];
	long rows;
	double first_ms, median_ms, p99_ms;
	int runs;
	bool has_sql;
	double sql_ms;
	char note[160];
};

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int compare_doubles(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* ---- the table ----------------------------------------------------------- */

static void print_header(void)
{
	printf("%-52s %9s %10s %10s %10s %5s %10s %8s  %s\n", "operation", "rows", "first ms",
	       "median ms", "p99 ms", "runs", "SQL ms", "app/SQL", "note");
	printf("%.*s\n", 140, "--------------------------------------------------------------------"
	       "------------------------------------------------------------------------");
}

static void print_section(const char *title)
{
	printf("%s\n", title);
	fflush(stdout);
}

static void print_result(const struct result *r)
{
	char sql[16] = "", ratio[16] = "";
	if (r->has_sql) {
		snprintf(sql, sizeof sql, "%.1f", r->sql_ms);
		snprintf(ratio, sizeof ratio, "%.1fx", r->sql_ms > 0 ? r->median_ms / r->sql_ms : 0.0);
	}
	if (r->runs == 0)
		printf("  %-50s %9s %10s %10s %10s %5s %10s %8s  %s\n", r->label, "", "", "", "", "", sql,
		       "", r->note);
	else
		printf("  %-50s %9ld %10.1f %10.1f %10.1f %5d %10s %8s  %s\n", r->label, r->rows,
		       r->first_ms, r->median_ms, r->p99_ms, r->runs, sql, ratio, r->note);
	fflush(stdout);
}

/* ---- running an operation again and again ------------------------------- */

typedef int (*op_fn)(struct bench *b, const void *arg, long *rows, struct error *err);

static void summarise(const double *samples, int n, struct result *r)
{
	double sorted[MAX_RUNS];
	memcpy(sorted, samples, sizeof *samples * (size_t)n);
	qsort(sorted, (size_t)n, sizeof *sorted, compare_doubles);
	r->runs = n;
	r->first_ms = samples[0];
	r->median_ms = n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
	int p = (99 * n + 99) / 100 - 1;     /* ceil(0.99 n) - 1 */
	r->p99_ms = sorted[p < 0 ? 0 : p];
}

/* Runs fn up to b->runs times, stopping early once b->budget seconds are
 * spent (after b->min_runs).  On failure the note says why. */
static void measure(struct bench *b, struct result *r, op_fn fn, const void *arg)
{
	double samples[MAX_RUNS], total = 0;
	int n = 0;
	while (n < b->runs) {
		long rows = 0;
		struct error err = {0};
		b->untimed = 0;
		double t0 = now_seconds();
		int rc = fn(b, arg, &rows, &err);
		double dt = now_seconds() - t0 - b->untimed;
		if (rc != 0) {
			snprintf(r->note, sizeof r->note, "failed: %.150s", err.msg);
			break;
		}
		samples[n++] = dt * 1000;
		total += dt;
		r->rows = rows;
		if (n >= b->min_runs && total >= b->budget)
			break;
	}
	if (n > 0)
		summarise(samples, n, r);
}

static void run_and_print(struct bench *b, const char *label, op_fn fn, const void *arg)
{
	struct result r = {0};
	snprintf(r.label, sizeof r.label, "%s", label);
	measure(b, &r, fn, arg);
	print_result(&r);
}

/* What an operation must take: its median or its 99th percentile below
 * limit_ms.  The note says the goal and whether this run met it. */
struct goal {
	bool p99;
	double limit_ms;
};

static void note_goal(struct result *r, struct goal g)
{
	if (r->runs == 0)
		return;
	double got = g.p99 ? r->p99_ms : r->median_ms;
	size_t used = strlen(r->note);
	snprintf(r->note + used, sizeof r->note - used, "%sgoal %s < %.0f ms: %s", used ? "; " : "",
	         g.p99 ? "p99" : "median", g.limit_ms, got < g.limit_ms ? "met" : "MISSED");
}

static void run_with_goal(struct bench *b, const char *label, op_fn fn, const void *arg,
                          struct goal g)
{
	struct result r = {0};
	snprintf(r.label, sizeof r.label, "%s", label);
	measure(b, &r, fn, arg);
	note_goal(&r, g);
	print_result(&r);
}

static const struct goal goal_screen = {true, 16};   /* a key's answer on screen */

/* ---- lists ---------------------------------------------------------------- */

/* Each list in the order its screen shows it: the first column (a key
 * or the parent record) unless the screen sorts otherwise. */
static const struct list_spec {
	enum kind_id kind;
	const char *sort;
} lists[] = {
	{KIND_PROVIDERS, "code"},
	{KIND_CONTRACTS, "ref"},
	{KIND_CONTRACT_VALUES, "contract"},
	{KIND_COVERAGE, "contract"},
	{KIND_STAFFING, "contract"},
	{KIND_CHILDREN, "ref"},
	{KIND_THERAPY_ENTRIES, "ref"},
	{KIND_PROVISION, "date"},
	{KIND_SPOT_PURCHASES, "start_date"},   /* as tui/screen_spot.c */
	{KIND_PERSONAL_BUDGETS, "ref"},
	{KIND_RETURNS, "month"},
	{KIND_USERS, "login"},
};

struct page {
	long rows;
	struct list_key last;
	int64_t ids[PAGE];
};

static int take_row(void *ctx, const struct record *r, const struct list_key *key)
{
	struct page *p = ctx;
	if (p->rows < PAGE)
		p->ids[p->rows] = r->id;
	p->rows++;
	p->last = *key;
	return 0;
}

/* A list query as a screen sets it up; sort NULL is entry order. */
static void query_for(struct list_query *q, enum kind_id k, const char *sort)
{
	list_query_init(q, kinds[k]);
	q->sort_field = sort ? kind_field_index(kinds[k], sort) : -1;
}

static int op_open(struct bench *b, const void *arg, long *rows, struct error *err)
{
	(void)arg;
	struct session s;
	int rc = session_open(&s, b->path, &b->cfg, err);
	if (rc == 0)
		session_close(&s);
	*rows = 0;
	return rc;
}

static int op_open_and_lists(struct bench *b, const void *arg, long *rows, struct error *err)
{
	(void)arg;
	struct session s;
	int rc = session_open(&s, b->path, &b->cfg, err);
	for (size_t i = 0; rc == 0 && i < sizeof lists / sizeof lists[0]; i++) {
		struct list_query q;
		struct page p = {0};
		query_for(&q, lists[i].kind, lists[i].sort);
		rc = list_fetch(&s, &q, NULL, false, PAGE, take_row, &p, err);
		*rows += p.rows;
	}
	session_close(&s);
	return rc;
}

/* One page: from the start, after a key, or the last page. */
struct page_op {
	struct list_query q;
	bool has_from, backwards;
	struct list_key from;
	bool count;                  /* a count (to 1,001) instead of a page */
};

static int op_page(struct bench *b, const void *arg, long *rows, struct error *err)
{
	const struct page_op *o = arg;
	if (o->count) {
		/* As the list's footer counts a filter: "over 1000" is all it says. */
		int64_t n = 0;
		int rc = list_count_upto(&b->s, &o->q, FOOTER_COUNT_CAP + 1, &n, err);
		*rows = (long)n;
		return rc;
	}
	struct page p = {0};
	int rc = list_fetch(&b->s, &o->q, o->has_from ? &o->from : NULL, o->backwards, PAGE, take_row,
	                    &p, err);
	*rows = p.rows;
	return rc;
}

static int64_t sql_int(struct bench *b, const char *sql)
{
	sqlite3_stmt *stmt;
	int64_t v = 0;
	if (sqlite3_prepare_v2(b->raw, sql, -1, &stmt, NULL) != SQLITE_OK)
		return 0;
	if (sqlite3_step(stmt) == SQLITE_ROW)
		v = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	return v;
}

static void lists_section(struct bench *b)
{
	print_section("opening and first pages (40 rows, each list in its screen's order)");
	run_and_print(b, "open the database (session_open, close)", op_open, NULL);
	run_and_print(b, "open + first page of every list", op_open_and_lists, NULL);
	for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++) {
		struct page_op o = {0};
		query_for(&o.q, lists[i].kind, lists[i].sort);
		char label[80];
		snprintf(label, sizeof label, "first page: %s by %s", kinds[lists[i].kind]->name,
		         lists[i].sort);
		run_and_print(b, label, op_page, &o);
	}
}

/* The key of the record with the given id in q's order. */
static int key_of_id(struct bench *b, const struct list_query *q, int64_t id, struct list_key *key)
{
	struct record r;
	struct error err = {0};
	record_init(&r, q->kind);
	int rc = store_load(&b->s, &r, id, &err);
	if (rc == 0)
		list_key_of(q, &r, key);
	record_clear(&r);
	return rc;
}

static void paging_section(struct bench *b)
{
	static const struct {
		enum kind_id kind;
		const char *sort;   /* NULL: entry order */
	} big[] = {
		{KIND_CHILDREN, NULL}, {KIND_CHILDREN, "ref"}, {KIND_CHILDREN, "last_name"},
		{KIND_THERAPY_ENTRIES, NULL}, {KIND_THERAPY_ENTRIES, "ref"},
		{KIND_PROVISION, NULL}, {KIND_PROVISION, "date"}, {KIND_PROVISION, "entry"},
		{KIND_SPOT_PURCHASES, NULL}, {KIND_SPOT_PURCHASES, "start_date"},
		{KIND_SPOT_PURCHASES, "child"}, {KIND_SPOT_PURCHASES, "provider"},
	};
	print_section("keyset paging on the largest lists (40 rows from the top, after the row "
	              "with id max/2, and jump to end)");
	for (size_t i = 0; i < sizeof big / sizeof big[0]; i++) {
		const char *name = kinds[big[i].kind]->name;
		const char *order = big[i].sort ? big[i].sort : "entry order";
		char sql[128], label[80];
		snprintf(sql, sizeof sql, "SELECT max(id) FROM %s", db_tables[kinds[big[i].kind]->table].name);
		int64_t middle = sql_int(b, sql) / 2;
		struct page_op o = {0};
		query_for(&o.q, big[i].kind, big[i].sort);
		snprintf(label, sizeof label, "%s by %s: top", name, order);
		run_and_print(b, label, op_page, &o);
		o.has_from = key_of_id(b, &o.q, middle > 0 ? middle : 1, &o.from) == 0;
		snprintf(label, sizeof label, "%s by %s: middle", name, order);
		run_and_print(b, label, op_page, &o);
		o.has_from = false;
		o.backwards = true;
		snprintf(label, sizeof label, "%s by %s: jump to end", name, order);
		run_and_print(b, label, op_page, &o);
	}
}

static void filter_section(struct bench *b)
{
	/* What someone types: a surname, and the start of a UPN on record. */
	char upn[32] = "";
	sqlite3_stmt *stmt;
	if (sqlite3_prepare_v2(b->raw, "SELECT upn FROM children WHERE upn IS NOT NULL AND id >= "
	                       "(SELECT max(id) / 2 FROM children) ORDER BY id LIMIT 1", -1, &stmt,
	                       NULL) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW)
		snprintf(upn, sizeof upn, "%s", (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	const char *typed[] = {"smi", upn};
	print_section("filter-as-you-type on children (the footer's count, to 1,001, and the first "
	              "page by ref)");
	for (size_t t = 0; t < sizeof typed / sizeof typed[0]; t++) {
		size_t len = strlen(typed[t]);
		size_t lengths[] = {1, 2, 3, len};
		for (size_t k = 0; k < 4; k++) {
			if (lengths[k] > len || (k == 3 && len <= 3))
				continue;
			for (int count = 1; count >= 0; count--) {
				struct page_op o = {0};
				query_for(&o.q, KIND_CHILDREN, "ref");
				snprintf(o.q.filter, sizeof o.q.filter, "%.*s", (int)lengths[k], typed[t]);
				o.count = count;
				char label[80];
				snprintf(label, sizeof label, "%s \"%.20s\": %s", t == 0 ? "name" : "UPN", o.q.filter,
				         count ? "count" : "first page");
				run_and_print(b, label, op_page, &o);
			}
		}
	}
}

/* ---- a child's whole record --------------------------------------------- */

static int op_child(struct bench *b, const void *arg, long *rows, struct error *err)
{
	int64_t id = *(const int64_t *)arg;
	struct record child;
	record_init(&child, kinds[KIND_CHILDREN]);
	int rc = store_load(&b->s, &child, id, err);
	record_clear(&child);
	*rows = 1;
	if (rc != 0)
		return rc;
	/* Their entries, each entry's provision, their purchases and budgets:
	 * a page of each, as the child's screen shows them. */
	struct list_query q;
	struct page entries = {0};
	query_for(&q, KIND_THERAPY_ENTRIES, NULL);
	q.parent_field = kind_field_index(kinds[KIND_THERAPY_ENTRIES], "child");
	q.parent_id = id;
	rc = list_fetch(&b->s, &q, NULL, false, PAGE, take_row, &entries, err);
	*rows += entries.rows;
	for (long e = 0; rc == 0 && e < entries.rows && e < PAGE; e++) {
		struct page provision = {0};
		query_for(&q, KIND_PROVISION, "date");
		q.parent_field = kind_field_index(kinds[KIND_PROVISION], "entry");
		q.parent_id = entries.ids[e];
		rc = list_fetch(&b->s, &q, NULL, false, PAGE, take_row, &provision, err);
		*rows += provision.rows;
	}
	static const enum kind_id others[] = {KIND_SPOT_PURCHASES, KIND_PERSONAL_BUDGETS};
	for (size_t i = 0; rc == 0 && i < sizeof others / sizeof others[0]; i++) {
		struct page p = {0};
		query_for(&q, others[i], "start_date");
		q.parent_field = kind_field_index(kinds[others[i]], "child");
		q.parent_id = id;
		rc = list_fetch(&b->s, &q, NULL, false, PAGE, take_row, &p, err);
		*rows += p.rows;
	}
	return rc;
}

static void child_section(struct bench *b)
{
	print_section("one child's record (store_load, then a page of entries, of each entry's "
	              "provision, of purchases and budgets)");
	int64_t typical = sql_int(b, "SELECT child_id FROM therapy_entries GROUP BY child_id "
	                             "HAVING count(*) = 3 LIMIT 1");
	int64_t most_entries = sql_int(b, "SELECT child_id FROM therapy_entries GROUP BY child_id "
	                                  "ORDER BY count(*) DESC LIMIT 1");
	int64_t most_provision = sql_int(b, "SELECT child_id FROM therapy_entries WHERE id = "
	                                    "(SELECT entry_id FROM provision GROUP BY entry_id "
	                                    "ORDER BY count(*) DESC LIMIT 1)");
	struct {
		const char *what;
		int64_t id;
	} children[] = {
		{"a child with 3 entries", typical},
		{"the child with the most entries", most_entries},
		{"the child of the entry with most provision", most_provision},
	};
	for (size_t i = 0; i < sizeof children / sizeof children[0]; i++) {
		char label[80];
		snprintf(label, sizeof label, "%s (id %lld)", children[i].what, (long long)children[i].id);
		run_and_print(b, label, op_child, &children[i].id);
	}
}

/* ---- the caseworkers' desk ---------------------------------------------- */

/* A child's record as the desk opens it: the child, a page of entries with
 * each one's delivered-vs-specified figures over the last four weeks, the
 * entry selected first, and a page of each entry's latest sessions. */
static int op_desk_record(struct bench *b, const void *arg, long *rows, struct error *err)
{
	int64_t id = *(const int64_t *)arg;
	struct record child;
	record_init(&child, kinds[KIND_CHILDREN]);
	int rc = store_load(&b->s, &child, id, err);
	record_clear(&child);
	*rows = 1;
	struct list_query q;
	struct page entries = {0};
	query_for(&q, KIND_THERAPY_ENTRIES, NULL);
	q.parent_field = ENTRY_CHILD;
	q.parent_id = id;
	if (rc == 0)
		rc = list_fetch(&b->s, &q, NULL, false, PAGE, take_row, &entries, err);
	*rows += entries.rows;
	int64_t first;
	if (rc == 0)
		rc = desk_first_entry(&b->s, id, b->today, &first, err);
	day_t from, to;
	desk_default_window(b->today, &from, &to);
	for (long e = 0; rc == 0 && e < entries.rows && e < PAGE; e++) {
		struct desk_figures fig;
		rc = desk_entry_figures(&b->s, entries.ids[e], from, to, &fig, err);
		struct page sessions = {0};
		query_for(&q, KIND_PROVISION, "date");
		q.parent_field = PROVISION_ENTRY;
		q.parent_id = entries.ids[e];
		if (rc == 0)
			rc = list_fetch(&b->s, &q, NULL, true, PAGE, take_row, &sessions, err);
		*rows += sessions.rows;
	}
	return rc;
}

/* A delivered session on an entry, as the Log form saves it: validated,
 * role checked, written with its audit row in one transaction. */
static int op_save_session(struct bench *b, const void *arg, long *rows, struct error *err)
{
	const char *entry_ref = arg;
	struct record r;
	record_init(&r, kinds[KIND_PROVISION]);
	char day[DATE_TEXT_MAX];
	date_format(b->today, day);
	int rc = record_set(&r, PROVISION_ENTRY, entry_ref, &b->cfg, err);
	if (rc == 0)
		rc = record_set(&r, PROVISION_DATE, day, &b->cfg, err);
	if (rc == 0)
		rc = record_set(&r, PROVISION_MINUTES, "30", &b->cfg, err);
	if (rc == 0)
		rc = record_set(&r, PROVISION_THERAPIST, "Bench Therapist", &b->cfg, err);
	if (rc == 0)
		rc = store_write(&b->s, WRITE_INSERT, &r, err);
	*rows = rc == 0;
	if (rc == 0) {
		/* Deleted again so the database stays as generated; the delete's
		 * time is left out of the figure. */
		struct error ignored = {0};
		double t0 = now_seconds();
		store_write(&b->s, WRITE_DELETE, &r, &ignored);
		b->untimed += now_seconds() - t0;
	}
	record_clear(&r);
	return rc;
}

struct due_op {
	const char *login;
};

static int op_due(struct bench *b, const void *arg, long *rows, struct error *err)
{
	const struct due_op *o = arg;
	struct desk_due_row page[PAGE];
	int count = 0;
	int rc = desk_due_page(&b->s, o->login, b->today, NULL, PAGE, page, &count, err);
	*rows = count;
	return rc;
}

/* The therapy column of a page of the Children list: one summary a row. */
static int op_summaries(struct bench *b, const void *arg, long *rows, struct error *err)
{
	(void)arg;
	struct list_query q;
	struct page children = {0};
	query_for(&q, KIND_CHILDREN, "last_name");
	int rc = list_fetch(&b->s, &q, NULL, false, 25, take_row, &children, err);
	for (long i = 0; rc == 0 && i < children.rows && i < PAGE; i++) {
		struct desk_summary sum;
		rc = desk_child_summary(&b->s, children.ids[i], b->today, &sum, err);
	}
	*rows = children.rows;
	return rc;
}

static int64_t child_with_entries(struct bench *b)
{
	return sql_int(b, "SELECT child_id FROM therapy_entries GROUP BY child_id "
	                  "HAVING count(*) = 3 LIMIT 1");
}

static void desk_section(struct bench *b)
{
	print_section("the caseworkers' desk (a child's record with figures, saving a session, "
	              "Due, Provision)");
	int64_t child = child_with_entries(b);
	char label[120];
	snprintf(label, sizeof label, "child's record, figures, latest sessions (id %lld)",
	         (long long)child);
	run_with_goal(b, label, op_desk_record, &child, goal_screen);
	run_with_goal(b, "Children, first page of 25 with therapy summaries", op_summaries, NULL,
	              goal_screen);

	char entry_ref[64] = "";
	sqlite3_stmt *stmt;
	if (sqlite3_prepare_v2(b->raw, "SELECT ref FROM therapy_entries WHERE child_id = ?1 LIMIT 1",
	                       -1, &stmt, NULL) == SQLITE_OK) {
		sqlite3_bind_int64(stmt, 1, child);
		if (sqlite3_step(stmt) == SQLITE_ROW)
			snprintf(entry_ref, sizeof entry_ref, "%s", (const char *)sqlite3_column_text(stmt, 0));
		sqlite3_finalize(stmt);
	}
	struct result r = {0};
	snprintf(r.label, sizeof r.label, "save a session (write path, audited)");
	measure(b, &r, op_save_session, entry_ref);
	note_goal(&r, (struct goal){false, 5});
	print_result(&r);

	char login[LOGIN_MAX] = "";
	int64_t caseload = 0;
	if (sqlite3_prepare_v2(b->raw,
	                       "SELECT u.login, n FROM (SELECT caseworker_id, count(*) AS n "
	                       "  FROM children WHERE caseworker_id IS NOT NULL "
	                       "  GROUP BY caseworker_id ORDER BY abs(count(*) - 100) LIMIT 1) "
	                       "JOIN users u ON u.id = caseworker_id",
	                       -1, &stmt, NULL) == SQLITE_OK) {
		if (sqlite3_step(stmt) == SQLITE_ROW) {
			snprintf(login, sizeof login, "%s", (const char *)sqlite3_column_text(stmt, 0));
			caseload = sqlite3_column_int64(stmt, 1);
		}
		sqlite3_finalize(stmt);
	}
	if (login[0] != '\0') {
		struct due_op o = {login};
		snprintf(label, sizeof label, "Due, first page: %s's caseload (%lld children)", login,
		         (long long)caseload);
		run_with_goal(b, label, op_due, &o, goal_screen);
	} else {
		printf("  (Due: no child has a caseworker in this database; nothing to time)\n");
	}

	struct page_op by_entry = {0};
	query_for(&by_entry.q, KIND_PROVISION, "entry");
	run_with_goal(b, "Provision, first page by entry", op_page, &by_entry, goal_screen);
	struct page_op middle = by_entry;
	int64_t half = sql_int(b, "SELECT max(id) FROM provision") / 2;
	middle.has_from = key_of_id(b, &middle.q, half > 0 ? half : 1, &middle.from) == 0;
	run_with_goal(b, "Provision by entry, the page after the middle row", op_page, &middle,
	              goal_screen);
	struct page_op newest = {0};
	query_for(&newest.q, KIND_PROVISION, "date");
	newest.backwards = true;
	run_and_print(b, "Provision, first page newest first", op_page, &newest);
}

/* ---- reports, and the same figures by one SQL query ------------------- */

/* Each cell as one text, so that the app's cells and SQLite's values can
 * be compared: numbers in decimal, dates as ISO text, NULL as a mark. */
static uint64_t mix(uint64_t h, const char *text)
{
	for (const unsigned char *c = (const unsigned char *)text; *c; c++)
		h = (h ^ *c) * UINT64_C(1099511628211);
	return (h ^ 0x1f) * UINT64_C(1099511628211);
}

#define MAX_COLUMNS 32

/* A running hash of each column's cells, row after row. */
struct digest {
	const struct report_column *cols;
	int count;
	long rows;
	uint64_t hash[MAX_COLUMNS];
};

static void digest_begin(void *ctx, const char *title, const struct report_column *cols, int count)
{
	struct digest *d = ctx;
	(void)title;
	d->cols = cols;
	d->count = count < MAX_COLUMNS ? count : MAX_COLUMNS;
}

static int digest_row(void *ctx, const struct cell *cells)
{
	struct digest *d = ctx;
	d->rows++;
	for (int i = 0; i < d->count; i++) {
		char text[64];
		const char *v = text;
		if (cells[i].null)
			v = "\x01";
		else if (cells[i].text != NULL)   /* a masked figure ("<5") is its text */
			v = cells[i].text;
		else if (d->cols[i].type == CELL_TEXT)
			v = cells[i].text ? cells[i].text : "";
		else if (d->cols[i].type == CELL_DATE)
			date_format((day_t)cells[i].n, text);
		else
			snprintf(text, sizeof text, "%lld", (long long)cells[i].n);
		d->hash[i] = mix(d->hash[i], v);
	}
	return 0;
}

static void digest_end(void *ctx)
{
	(void)ctx;
}

/* Named parameters the queries may use: :on :from :to :asof :key :fy
 * (the financial year's first month) :ay (the academic year's) :terms
 * :win (the first of the desk's four weeks to :on) :review (:on and the
 * desk's notice of a review). */
static const char *const contracts_sql =
	"WITH RECURSIVE "
	"c AS MATERIALIZED ("
	"  SELECT c.id, c.ref, p.code AS provider, c.annual_value_pence AS value, c.start_date AS s, "
	"         c.end_date AS e, c.status, c.signed_date, ifnull(c.decision_ref, '') AS decision, "
	"         c.type, "
	"         coalesce((SELECT v.annual_value_pence FROM contract_values v WHERE v.contract_id = c.id "
	"                   AND v.from_date <= c.start_date ORDER BY v.from_date DESC LIMIT 1), "
	"                  c.annual_value_pence) AS first_rate, "
	"         (SELECT ifnull(sum(f.annual_amount_pence), 0) FROM funders f "
	"          WHERE f.contract_id = c.id AND f.council = 0) AS others_annual "
	"  FROM contracts c JOIN providers p ON p.id = c.provider_id), "
	"rates AS ("
	"  SELECT id, s AS f, first_rate AS rate FROM c "
	"  UNION ALL "
	"  SELECT v.contract_id, v.from_date, v.annual_value_pence FROM contract_values v "
	"  JOIN c ON c.id = v.contract_id WHERE v.from_date > c.s), "
	"segments AS ("
	"  SELECT r.id, r.f, coalesce(date(lead(r.f) OVER (PARTITION BY r.id ORDER BY r.f), '-1 day'), "
	"         '9999-12-31') AS t, r.rate FROM rates r), "
	"years(id, s, fs, e) AS ("
	"  SELECT id, s, date(s, 'start of month', '-' || ((CAST(substr(s, 6, 2) AS INTEGER) - :fy + 12) % 12) "
	"         || ' months'), e FROM c "
	"  UNION ALL SELECT id, s, date(fs, '+12 months'), e FROM years WHERE date(fs, '+12 months') <= e), "
	"pieces AS ("
	"  SELECT y.id, y.fs, (unixepoch(y.fs, '+12 months') - unixepoch(y.fs)) / 86400 AS days, "
	"         g.rate * ((unixepoch(min(g.t, date(y.fs, '+12 months', '-1 day'), y.e)) "
	"                    - unixepoch(max(g.f, y.fs))) / 86400 + 1) AS amount "
	"  FROM years y JOIN segments g ON g.id = y.id "
	"  WHERE g.f <= min(date(y.fs, '+12 months', '-1 day'), y.e) AND g.t >= y.fs), "
	"lifetimes AS ("
	"  SELECT id, sum(v) AS lifetime FROM ("
	"    SELECT id, (sum(amount) + days / 2) / days AS v FROM pieces GROUP BY id, fs) GROUP BY id), "
	/* The other funders' annual amounts over the same days by the same rule. */
	"shared AS ("
	"  SELECT y.id, sum((c.others_annual * max(0, (unixepoch(min(date(y.fs, '+12 months', '-1 day'), "
	"         y.e)) - unixepoch(max(y.s, y.fs))) / 86400 + 1) + days / 2) / days) AS others "
	"  FROM (SELECT *, (unixepoch(fs, '+12 months') - unixepoch(fs)) / 86400 AS days FROM years) y "
	"  JOIN c ON c.id = y.id WHERE c.others_annual > 0 GROUP BY y.id) "
	"SELECT c.ref, c.provider, c.value AS annual_value, c.s AS start_date, c.e AS end_date, "
	"       ifnull(l.lifetime, 0) AS lifetime_value, nullif(ifnull(c.status, ''), '') AS status, "
	"       rtrim("
	"         CASE WHEN c.signed_date IS NULL AND ifnull(c.status, '') <> 'draft' AND c.s <= :on "
	"               AND c.type IS NOT 'service' "
	"              THEN 'unsigned;' ELSE '' END || "
	"         CASE WHEN ifnull(c.status, '') NOT IN ('draft', 'ended') AND c.e < :on "
	"              THEN 'expired;' ELSE '' END || "
	"         CASE WHEN ifnull(l.lifetime, 0) > :key AND c.decision = '' "
	"              THEN 'key-decision-no-ref;' ELSE '' END || "
	"         CASE WHEN ifnull(c.status, '') NOT IN ('draft', 'ended') AND c.e >= :on "
	"               AND (unixepoch(c.e) - unixepoch(:on)) / 86400 <= :warn "
	"              THEN 'ending-soon;' ELSE '' END, ';') AS flags, "
	"       ifnull(l.lifetime, 0) AS kcc_amount, ifnull(o.others, 0) AS other_funders_amount, "
	"       ifnull(l.lifetime, 0) + ifnull(o.others, 0) AS total_amount "
	"FROM c LEFT JOIN lifetimes l ON l.id = c.id LEFT JOIN shared o ON o.id = c.id ORDER BY c.ref";

static const char *const spot_growth_sql =
	"WITH RECURSIVE "
	"p AS MATERIALIZED ("
	"  SELECT id, child_id, cost_pence AS cost, start_date AS s, "
	"         ifnull(end_date, max(start_date, :asof)) AS e, end_date FROM spot_purchases), "
	"bounds AS (SELECT min(s) AS f, max(e) AS l FROM p), "
	"years(n, fs) AS ("
	"  SELECT 0, date(f, 'start of month', '-' || ((CAST(substr(f, 6, 2) AS INTEGER) - :fy + 12) % 12) "
	"         || ' months') FROM bounds WHERE f IS NOT NULL "
	"  UNION ALL SELECT n + 1, date(fs, '+12 months') FROM years, bounds "
	"  WHERE date(fs, '+12 months') <= l), "
	"y AS MATERIALIZED (SELECT n, fs, date(fs, '+12 months', '-1 day') AS fe, "
	"  unixepoch(fs) / 86400 AS lo, unixepoch(fs, '+12 months') / 86400 - 1 AS hi FROM years), "
	"pieces AS ("
	"  SELECT id, child_id, n, cost, days, cost * o / days AS whole, cost * o % days AS r FROM ("
	"    SELECT p.id, p.child_id, y.n, p.cost, "
	"           (unixepoch(p.e) - unixepoch(p.s)) / 86400 + 1 AS days, "
	"           min(unixepoch(p.e) / 86400, y.hi) - max(unixepoch(p.s) / 86400, y.lo) + 1 AS o "
	"    FROM p JOIN y ON y.fs <= p.e AND y.fe >= p.s)), "
	"shares AS ("
	"  SELECT child_id, n, whole + (row_number() OVER (PARTITION BY id ORDER BY r DESC, n) "
	"         <= cost - sum(whole) OVER (PARTITION BY id)) AS pence FROM pieces), "
	"spend AS (SELECT n, count(DISTINCT child_id) AS children, sum(pence) AS pence "
	"          FROM shares GROUP BY n), "
	"per_child AS (SELECT min(start_date) AS first_start, "
	"  CASE WHEN max(end_date IS NULL) THEN NULL ELSE max(end_date) END AS last_end "
	"  FROM spot_purchases GROUP BY child_id), "
	"new_children AS (SELECT y.n, count(*) AS c FROM per_child JOIN y "
	"  ON first_start BETWEEN y.fs AND y.fe GROUP BY y.n), "
	"ended_children AS (SELECT y.n, count(*) AS c FROM per_child JOIN y "
	"  ON last_end BETWEEN y.fs AND y.fe GROUP BY y.n), "
	"rows AS (SELECT y.n, y.fs, ifnull(s.children, 0) AS children, ifnull(nc.c, 0) AS new, "
	"  ifnull(ec.c, 0) AS ended, ifnull(s.pence, 0) AS spend, "
	"  lag(ifnull(s.pence, 0)) OVER (ORDER BY y.n) AS prev "
	"  FROM y LEFT JOIN spend s ON s.n = y.n LEFT JOIN new_children nc ON nc.n = y.n "
	"  LEFT JOIN ended_children ec ON ec.n = y.n) "
	"SELECT printf('%d-%02d', substr(fs, 1, 4), (substr(fs, 1, 4) + 1) % 100) AS period, "
	"       children, new, ended, spend, "
	"       CASE WHEN prev > 0 THEN (spend - prev) * 1000 / prev "
	"            + CASE WHEN 2 * abs((spend - prev) * 1000 % prev) >= prev "
	"                   THEN CASE WHEN spend < prev THEN -1 ELSE 1 END ELSE 0 END END AS change_pct "
	"FROM rows ORDER BY n";

static const char *const sections_sql =
	"SELECT section, therapy, count(DISTINCT child_id) AS children, count(*) AS entries, "
	"       sum(ifnull(minutes_per_week, 0)) AS minutes_per_week "
	"FROM therapy_entries NOT INDEXED "   /* most entries started before :on */
	"WHERE start_date <= :on AND (end_date IS NULL OR end_date >= :on) "
	"GROUP BY section, therapy ORDER BY section, therapy";

static const char *const pb_summary_sql =
	"WITH b AS (SELECT *, substr(start_date, 1, 4) - (substr(start_date, 6, 2) + 0 < :ay) AS y "
	"           FROM personal_budgets) "
	"SELECT printf('%d/%02d', y, (y + 1) % 100) AS period, count(*) AS budgets, "
	"       count(DISTINCT child_id) AS children, sum(amount_pence) AS amount, "
	"       sum(ifnull(therapy_amount_pence, 0)) AS therapy_amount, "
	"       CAST(round(1000.0 * sum(ifnull(therapy_amount_pence, 0)) / sum(amount_pence)) AS INTEGER) "
	"         AS therapy_share_pct, "
	"       sum(eotas = 1) AS eotas_count, sum(CASE WHEN eotas = 1 THEN amount_pence ELSE 0 END) "
	"         AS eotas_amount "
	"FROM b GROUP BY y ORDER BY y";

static const char *const waits_sql =
	"SELECT p.code AS provider, r.therapy, r.month, r.referrals, r.waiting_assessment, "
	"       r.waiting_assessment_over_12w, "
	"       CASE WHEN r.waiting_assessment > 0 THEN (r.waiting_assessment_over_12w * 1000 "
	"            + r.waiting_assessment / 2) / r.waiting_assessment END AS over_12w_pct, "
	"       r.waiting_intervention, r.waiting_intervention_over_12w, "
	"       CASE WHEN r.waiting_assessment_over_12w > 0 OR r.waiting_intervention_over_12w > 0 "
	"            THEN 'yes' "
	"            WHEN r.waiting_assessment_over_12w IS NOT NULL "
	"             AND r.waiting_intervention_over_12w IS NOT NULL THEN 'no' END AS target_missed "
	"FROM providers p CROSS JOIN provider_returns r ON r.provider_id = p.id "   /* no sort */
	"ORDER BY p.code, r.therapy, r.month";

/* The best found over the sessions themselves: the
 * term periods cut to the range once, the days of the range counted once
 * for the entries in force throughout it, and each entry's sessions in
 * its part of the range joined over provision(entry_id, date) and grouped
 * in one pass.  (Correlated counts per figure, and julianday over every
 * term for every entry, measured several times slower.) */
static const char *const shortfall_sql =
	"WITH terms AS MATERIALIZED ("
	"  SELECT json_group_array(t.value) AS pairs FROM json_each(:terms) t "
	"  WHERE json_extract(t.value, '$[0]') <= :to AND json_extract(t.value, '$[1]') >= :from), "
	"e AS ("
	"  SELECT id, ref, child_id, therapy, section, lo, hi, minutes_per_week * days / 7 AS specified "
	"  FROM (SELECT *, CASE WHEN term_time_only = 1 THEN "
	"          (SELECT ifnull(sum(max(0, CAST(julianday(min(hi, json_extract(t.value, '$[1]'))) "
	"             - julianday(max(lo, json_extract(t.value, '$[0]'))) AS INTEGER) + 1)), 0) "
	"           FROM json_each((SELECT pairs FROM terms)) t) "
	"        ELSE CAST(julianday(hi) - julianday(lo) AS INTEGER) + 1 END AS days "
	"        FROM (SELECT id, ref, child_id, therapy, section, minutes_per_week, term_time_only, "
	"                     max(start_date, :from) AS lo, min(ifnull(end_date, :to), :to) AS hi "
	"              FROM therapy_entries NOT INDEXED "
	"              WHERE minutes_per_week IS NOT NULL AND start_date <= :to "
	"                AND (end_date IS NULL OR end_date >= :from))) "
	"  WHERE minutes_per_week * days / 7 > 0) "
	"SELECT e.ref AS entry, c.ref AS child, e.therapy, e.section, e.specified AS specified_minutes, "
	"       ifnull(sum(CASE WHEN ifnull(p.outcome, 'delivered') = 'delivered' THEN p.minutes END), "
	"         0) AS delivered_minutes, "
	"       e.specified - ifnull(sum(CASE WHEN ifnull(p.outcome, 'delivered') = 'delivered' "
	"         THEN p.minutes END), 0) AS shortfall_minutes, "
	"       count(CASE WHEN p.outcome <> 'delivered' THEN 1 END) AS missed_sessions, "
	"       count(CASE WHEN p.outcome = 'provider-cancelled' THEN 1 END) AS provider_cancelled, "
	"       count(CASE WHEN p.outcome = 'school-cancelled' THEN 1 END) AS school_cancelled, "
	"       count(CASE WHEN p.outcome = 'child-absent' THEN 1 END) AS child_absent, "
	"       count(CASE WHEN p.outcome = 'did-not-attend' THEN 1 END) AS did_not_attend "
	"FROM e JOIN children c ON c.id = e.child_id AND c.ehcp_status IS NOT 'ceased' "
	"LEFT JOIN provision p ON p.entry_id = e.id AND p.date BETWEEN e.lo AND e.hi "
	"GROUP BY e.id HAVING shortfall_minutes > 0 "
	"ORDER BY shortfall_minutes DESC, e.ref";

/* caseloads: the kids and their reviews in one pass over children, the
 * sessions delivered in the four weeks to :on summed per entry in one
 * pass over provision_date, the entries in force in one pass (most have
 * started); an entry in force over the whole window is owed its days
 * (term days when term time only), worked out once. */
static const char *const caseloads_sql =
	"WITH kids AS MATERIALIZED ("
	"  SELECT id, caseworker_id AS cw, "
	"         date(coalesce(last_review_date, ehcp_start_date), '+12 months') AS due "
	"  FROM children WHERE ehcp_status IS NOT 'ceased'), "
	"delivered AS MATERIALIZED ("
	"  SELECT entry_id, sum(minutes) AS minutes FROM provision "
	"  WHERE date BETWEEN :win AND :on AND ifnull(outcome, 'delivered') = 'delivered' "
	"  GROUP BY entry_id), "
	"terms AS MATERIALIZED ("
	"  SELECT t.value ->> 0 AS s, t.value ->> 1 AS e FROM json_each(:terms) t), "
	"span AS MATERIALIZED ("
	"  SELECT (SELECT ifnull(sum(max(0, unixepoch(min(:on, e)) / 86400 "
	"                                 - unixepoch(max(:win, s)) / 86400 + 1)), 0) FROM terms) "
	"           AS term_days, "
	"         unixepoch(:on) / 86400 - unixepoch(:win) / 86400 + 1 AS all_days), "
	"ents AS ("
	"  SELECT k.cw, te.minutes_per_week AS mpw, d.minutes AS delivered, "
	"         CASE WHEN te.start_date > :win THEN "
	"           CASE WHEN ifnull(te.term_time_only, 0) THEN "
	"             (SELECT ifnull(sum(max(0, unixepoch(min(:on, e)) / 86400 "
	"                               - unixepoch(max(te.start_date, s)) / 86400 + 1)), 0) FROM terms) "
	"           ELSE unixepoch(:on) / 86400 - unixepoch(te.start_date) / 86400 + 1 END "
	"              WHEN ifnull(te.term_time_only, 0) THEN sp.term_days ELSE sp.all_days END AS days "
	"  FROM therapy_entries te NOT INDEXED JOIN kids k ON k.id = te.child_id "
	"  CROSS JOIN span sp LEFT JOIN delivered d ON d.entry_id = te.id "
	"  WHERE te.start_date <= :on AND (te.end_date IS NULL OR te.end_date >= :on)), "
	"by_entries AS ("
	"  SELECT cw, count(*) AS entries, "
	"         sum(ifnull(mpw, 0) * days / 7 > ifnull(delivered, 0)) AS short_entries "
	"  FROM ents GROUP BY cw), "
	"by_kids AS ("
	"  SELECT cw, count(*) AS children, sum(due < :on) AS reviews_overdue, "
	"         sum(due >= :on AND due <= :review) AS reviews_due_30d "
	"  FROM kids GROUP BY cw) "
	"SELECT u.login AS caseworker, k.children, ifnull(e.entries, 0) AS entries, "
	"       ifnull(e.short_entries, 0) AS short_entries, k.reviews_overdue, k.reviews_due_30d "
	"FROM by_kids k LEFT JOIN by_entries e ON e.cw IS k.cw LEFT JOIN users u ON u.id = k.cw "
	"ORDER BY k.cw IS NULL, u.login";

/* The configured districts as rows d(code, name), for the reports that
 * show a district's name; NULL when out of memory. */
static char *districts_cte(const struct settings *cfg)
{
	char *rows = sqlite3_mprintf("");
	for (int i = 0; i < cfg->district_count && rows; i++) {
		char *next = sqlite3_mprintf("%s%s(%Q, %Q)", rows, i ? ", " : "",
		                             cfg->districts[i].code, cfg->districts[i].name);
		sqlite3_free(rows);
		rows = next;
	}
	char *cte = rows ? sqlite3_mprintf("d(code, name) AS (VALUES %s)", rows) : NULL;
	sqlite3_free(rows);
	return cte;
}

/* The routes' sets in force on :on, for the funding reports. */
#define FUNDING_SETS_SQL \
	"covered AS MATERIALIZED (SELECT DISTINCT cv.district, cv.therapy FROM coverage cv " \
	"  JOIN contracts c ON c.id = cv.contract_id " \
	"  WHERE :on BETWEEN c.start_date AND c.end_date AND c.status IS NOT 'draft'), " \
	"spots AS MATERIALIZED (SELECT DISTINCT child_id, therapy FROM spot_purchases " \
	"  WHERE start_date <= :on AND ifnull(end_date, :on) >= :on), " \
	"budgets AS MATERIALIZED (SELECT DISTINCT child_id FROM personal_budgets " \
	"  WHERE :on BETWEEN start_date AND end_date AND therapy_amount_pence > 0) "

/* An entry te of child ch that no route funds: its recorded funding finds
 * nothing in force (EXISTS over the sets, each looked up by an automatic
 * index). */
#define ROUTE_NONE_SQL \
	"CASE WHEN te.funding IN ('school', 'nhs') THEN 0 " \
	"     WHEN te.funding = 'contract' THEN NOT EXISTS (SELECT 1 FROM covered v " \
	"       WHERE v.district = ch.district AND v.therapy = te.therapy) " \
	"     WHEN te.funding = 'spot' THEN NOT EXISTS (SELECT 1 FROM spots p " \
	"       WHERE p.child_id = te.child_id AND p.therapy = te.therapy) " \
	"     WHEN te.funding = 'pb' THEN NOT EXISTS (SELECT 1 FROM budgets b " \
	"       WHERE b.child_id = te.child_id) " \
	"     ELSE 1 END"

/* section-f-funding: each Section F entry in force on :on with its route,
 * the contracts' coverage, the spot purchases and the budgets in force
 * gathered once each (few beside the entries), the entries in one pass. */
static char *f_funding_sql(const struct settings *cfg)
{
	char *d = districts_cte(cfg);
	char *sql = d ? sqlite3_mprintf(
		"WITH %s, " FUNDING_SETS_SQL ", "
		"f AS ("
		"  SELECT ch.district, te.therapy, te.child_id, te.minutes_per_week AS mpw, "
		"         CASE WHEN " ROUTE_NONE_SQL " THEN 'none' ELSE te.funding END AS funding "
		"  FROM therapy_entries te NOT INDEXED JOIN children ch ON ch.id = te.child_id "
		"  WHERE te.section = 'F' AND te.start_date <= :on "
		"    AND (te.end_date IS NULL OR te.end_date >= :on)), "
		"g AS (SELECT district, therapy, funding, count(*) AS entries, "
		"        count(DISTINCT child_id) AS children, ifnull(sum(mpw), 0) AS minutes_per_week "
		"      FROM f GROUP BY district, therapy, funding) "
		"SELECT CASE WHEN g.district IS NULL THEN '' "
		"            ELSE ifnull((SELECT name FROM d WHERE d.code = g.district COLLATE NOCASE), "
		"                        g.district) END AS district, "
		"       g.therapy, g.funding, g.entries, g.children, g.minutes_per_week "
		"FROM g ORDER BY g.district, g.therapy, "
		"  CASE g.funding WHEN 'contract' THEN 1 WHEN 'spot' THEN 2 WHEN 'pb' THEN 3 "
		"  WHEN 'school' THEN 4 WHEN 'nhs' THEN 5 ELSE 6 END",
		d) : NULL;
	sqlite3_free(d);
	return sql;
}

/* equality: each child with Section F entries in force once per route
 * of them, with what the report breaks them down by, gathered in one
 * pass over the entries (a child's own columns come with it, so no
 * second lookup of the child); the four breakdowns are then four small
 * groupings of those rows.  A count of 1-4 is '<5' and has no share. */
static char *equality_sql(const struct settings *cfg)
{
	char *d = districts_cte(cfg);
	char *sql = d ? sqlite3_mprintf(
		"WITH %s, " FUNDING_SETS_SQL ", "
		"kids AS MATERIALIZED ("
		"  SELECT DISTINCT te.child_id, "
		"         CASE WHEN " ROUTE_NONE_SQL " THEN 'none' ELSE te.funding END AS route, "
		"         ch.sex, ch.primary_need, ch.district, "
		"         CAST(substr(:on, 1, 4) AS INTEGER) - CAST(substr(ch.date_of_birth, 1, 4) AS INTEGER) "
		"           - (substr(:on, 6, 5) < substr(ch.date_of_birth, 6, 5)) AS age "
		"  FROM therapy_entries te NOT INDEXED JOIN children ch ON ch.id = te.child_id "
		"  WHERE te.section = 'F' AND te.start_date <= :on "
		"    AND (te.end_date IS NULL OR te.end_date >= :on)), "
		"g AS ("
		"  SELECT 1 AS k, CASE WHEN age BETWEEN 0 AND 4 THEN 1 WHEN age BETWEEN 5 AND 10 THEN 2 "
		"    WHEN age BETWEEN 11 AND 15 THEN 3 WHEN age BETWEEN 16 AND 19 THEN 4 "
		"    WHEN age BETWEEN 20 AND 25 THEN 5 ELSE 9 END AS v, route, count(*) AS n "
		"  FROM kids GROUP BY 2, 3 "
		"  UNION ALL SELECT 2, sex, route, count(*) FROM kids GROUP BY 2, 3 "
		"  UNION ALL SELECT 3, primary_need, route, count(*) FROM kids GROUP BY 2, 3 "
		"  UNION ALL SELECT 4, district, route, count(*) FROM kids GROUP BY 2, 3), "
		"shares AS (SELECT *, sum(n) OVER (PARTITION BY k, route) AS total FROM g) "
		"SELECT CASE k WHEN 1 THEN 'age_band' WHEN 2 THEN 'sex' WHEN 3 THEN 'primary_need' "
		"         ELSE 'district' END AS characteristic, "
		"       CASE WHEN k = 1 THEN CASE v WHEN 1 THEN '0-4' WHEN 2 THEN '5-10' WHEN 3 THEN '11-15' "
		"              WHEN 4 THEN '16-19' WHEN 5 THEN '20-25' ELSE 'other' END "
		"            WHEN ifnull(v, '') = '' THEN 'not recorded' "
		"            WHEN k = 4 THEN ifnull((SELECT name FROM d WHERE d.code = v COLLATE NOCASE), v) "
		"            ELSE v END AS value, "
		"       route AS funding, CASE WHEN n BETWEEN 1 AND 4 THEN '<5' ELSE n END AS children, "
		"       CASE WHEN n > 4 AND total > 0 THEN (n * 1000 + total / 2) / total END AS share_pct "
		"FROM shares ORDER BY k, v, "
		"  CASE route WHEN 'contract' THEN 1 WHEN 'spot' THEN 2 WHEN 'pb' THEN 3 "
		"  WHEN 'school' THEN 4 WHEN 'nhs' THEN 5 ELSE 6 END",
		d) : NULL;
	sqlite3_free(d);
	return sql;
}

/* section-f-unfunded: the Section F entries in force that no route funds,
 * with the reason in the report's words. */
static char *f_unfunded_sql(const struct settings *cfg)
{
	char *d = districts_cte(cfg);
	char *sql = d ? sqlite3_mprintf(
		"WITH %s, " FUNDING_SETS_SQL ", "
		"f AS ("
		"  SELECT te.ref, ch.ref AS child_ref, ch.district, te.therapy, te.minutes_per_week, "
		"         te.start_date, te.funding "
		"  FROM therapy_entries te NOT INDEXED JOIN children ch ON ch.id = te.child_id "
		"  WHERE te.section = 'F' AND te.start_date <= :on "
		"    AND (te.end_date IS NULL OR te.end_date >= :on) "
		"    AND " ROUTE_NONE_SQL "), "
		"named AS (SELECT f.*, CASE WHEN f.district IS NULL THEN '' ELSE ifnull("
		"  (SELECT name FROM d WHERE d.code = f.district COLLATE NOCASE), f.district) END AS name "
		"  FROM f) "
		"SELECT ifnull(ref, '') AS entry, ifnull(child_ref, '') AS child, name AS district, "
		"       ifnull(therapy, '') AS therapy, minutes_per_week, "
		"       CASE WHEN date(start_date) = start_date THEN start_date END AS start_date, "
		"       CASE WHEN funding = 'contract' AND district IS NULL "
		"              THEN 'the child has no district, so no contract covers it' "
		"            WHEN funding = 'contract' THEN 'no contract covers ' || name || ' for ' "
		"              || ifnull(therapy, '') || ' on ' || :on "
		"            WHEN funding = 'spot' THEN 'no spot purchase for ' || ifnull(therapy, '') "
		"              || ' for the child on ' || :on "
		"            WHEN funding = 'pb' THEN 'no personal budget with a therapy amount on ' || :on "
		"            ELSE 'no funding recorded' END AS reason "
		"FROM named ORDER BY ref",
		d) : NULL;
	sqlite3_free(d);
	return sql;
}

/* capacity: per contract in force and therapy it covers or staffs or
 * funds an entry of, the entries in force it funds (contract_id) or whose
 * child's district it covers for their therapy, each counted once (the
 * second way leaves out what the first counted: a distinct UNION measured
 * 1.8 times as long). */
static const char *const capacity_sql =
	"WITH live AS MATERIALIZED (SELECT id, ref FROM contracts "
	"  WHERE :on BETWEEN start_date AND end_date AND status IS NOT 'draft'), "
	"ents AS MATERIALIZED (SELECT te.id, te.therapy, te.contract_id, te.minutes_per_week AS mpw, "
	"    ch.district FROM therapy_entries te NOT INDEXED JOIN children ch ON ch.id = te.child_id "
	"  WHERE te.start_date <= :on AND (te.end_date IS NULL OR te.end_date >= :on)), "
	"served AS ("
	"  SELECT cv.contract_id, e.therapy, e.id, e.mpw FROM ents e "
	"  JOIN coverage cv ON cv.district = e.district AND cv.therapy = e.therapy "
	"  WHERE cv.contract_id IN (SELECT id FROM live) "
	"  UNION ALL "
	"  SELECT e.contract_id, e.therapy, e.id, e.mpw FROM ents e "
	"  WHERE e.contract_id IN (SELECT id FROM live) AND NOT EXISTS (SELECT 1 FROM coverage cv "
	"    WHERE cv.contract_id = e.contract_id AND cv.district = e.district "
	"      AND cv.therapy = e.therapy)), "
	"load AS (SELECT contract_id, therapy, count(*) AS entries, ifnull(sum(mpw), 0) AS minutes "
	"  FROM served GROUP BY contract_id, therapy), "
	"keys AS (SELECT contract_id, therapy FROM coverage WHERE contract_id IN (SELECT id FROM live) "
	"  UNION SELECT contract_id, therapy FROM staffing WHERE contract_id IN (SELECT id FROM live) "
	"  UNION SELECT contract_id, therapy FROM load), "
	"figures AS (SELECT l.ref, k.therapy, "
	"    (SELECT count(*) FROM coverage cv WHERE cv.contract_id = k.contract_id "
	"       AND cv.therapy = k.therapy) AS districts, "
	"    (SELECT CAST(round(sum(s.fte) * 100) AS INTEGER) FROM staffing s "
	"       WHERE s.contract_id = k.contract_id AND s.therapy = k.therapy) AS funded_fte, "
	"    ifnull(d.entries, 0) AS entries, ifnull(d.minutes, 0) AS minutes_per_week "
	"  FROM keys k JOIN live l ON l.id = k.contract_id "
	"  LEFT JOIN load d ON d.contract_id = k.contract_id AND d.therapy = k.therapy) "
	"SELECT ifnull(ref, '') AS contract, ifnull(therapy, '') AS therapy, districts, funded_fte, "
	"       entries, minutes_per_week, "
	"       CASE WHEN funded_fte > 0 THEN (minutes_per_week * 100 + funded_fte / 2) / funded_fte "
	"       END AS minutes_per_fte "
	"FROM figures ORDER BY ref, therapy";

/* coverage-gaps needs the configured districts and therapies as rows. */
static char *coverage_sql(const struct settings *cfg)
{
	char *districts = sqlite3_mprintf("");
	for (int i = 0; i < cfg->district_count && districts; i++) {
		char *next = sqlite3_mprintf("%s%s(%Q, %Q, %d)", districts, i ? ", " : "",
		                             cfg->districts[i].code, cfg->districts[i].name, i);
		sqlite3_free(districts);
		districts = next;
	}
	char *therapies = sqlite3_mprintf("");
	for (int i = 0; i < cfg->therapy_count && therapies; i++) {
		char *next = sqlite3_mprintf("%s%s(%Q, %d)", therapies, i ? ", " : "",
		                             cfg->therapies[i].code, i);
		sqlite3_free(therapies);
		therapies = next;
	}
	char *sql = districts && therapies ? sqlite3_mprintf(
		"WITH d(code, name, ord) AS (VALUES %s), th(code, ord) AS (VALUES %s), "
		"active AS (SELECT cv.district, cv.therapy, c.ref, c.type FROM coverage cv "
		"  JOIN contracts c ON c.id = cv.contract_id "
		"  WHERE c.start_date <= :on AND c.end_date >= :on AND ifnull(c.status, 'active') <> 'draft' "
		"  ORDER BY c.ref) "
		"SELECT d.name AS district, th.code AS therapy, "
		"       CASE WHEN count(a.ref) = 0 THEN 'gap' ELSE 'overlap' END AS problem, "
		"       group_concat(a.ref, ';') AS contracts, "
		"       group_concat(CASE WHEN a.type = 'service' THEN a.ref END, ';') AS services "
		"FROM d CROSS JOIN th LEFT JOIN active a "
		"  ON a.district = d.code COLLATE NOCASE AND a.therapy = th.code COLLATE NOCASE "
		"GROUP BY d.ord, th.ord HAVING count(a.ref) <> 1 ORDER BY d.ord, th.ord",
		districts, therapies) : NULL;
	sqlite3_free(districts);
	sqlite3_free(therapies);
	return sql;
}

/* The reports INTERFACE.md names, each with its query here. */
static const char *const report_names[] = {
	"contracts", "coverage-gaps", "spot-growth", "pb-summary", "sections", "waits",
	"provision-shortfall",
};

/* The reports with a plain query here (the others are built with the
 * configuration's districts or therapies). */
static const char *builtin_sql(const char *name)
{
	if (strcmp(name, "contracts") == 0) return contracts_sql;
	if (strcmp(name, "spot-growth") == 0) return spot_growth_sql;
	if (strcmp(name, "pb-summary") == 0) return pb_summary_sql;
	if (strcmp(name, "sections") == 0) return sections_sql;
	if (strcmp(name, "waits") == 0) return waits_sql;
	if (strcmp(name, "provision-shortfall") == 0) return shortfall_sql;
	if (strcmp(name, "caseloads") == 0) return caseloads_sql;
	if (strcmp(name, "capacity") == 0) return capacity_sql;
	return NULL;
}

static void report_options_for(struct bench *b, const char *name, struct report_options *opt)
{
	memset(opt, 0, sizeof *opt);
	opt->on = b->today;
	opt->period = PERIOD_FINANCIAL;
	if (strcmp(name, "provision-shortfall") == 0 && b->default_window) {
		/* No --from or --to: the report's own range, ending today. */
		day_t from, to;
		shortfall_range(opt, &from, &to);
		opt->has_from = opt->has_to = true;
		opt->from = from;
		opt->to = to;
	} else if (strcmp(name, "provision-shortfall") == 0) {
		const char *reason;
		opt->has_from = opt->has_to = true;
		date_parse(SHORTFALL_FROM, &opt->from, &reason);
		opt->to = b->today;
	}
}

struct sql_run {
	sqlite3_stmt *stmt;
	const struct report_column *cols;   /* the app's columns, to compare by name */
	int count;
	int map[MAX_COLUMNS];               /* SQL column of each app column, -1 none */
	struct digest d;
};

static int op_sql(struct bench *b, const void *arg, long *rows, struct error *err)
{
	struct sql_run *run = (struct sql_run *)arg;
	run->d.rows = 0;
	memset(run->d.hash, 0, sizeof run->d.hash);
	sqlite3_reset(run->stmt);
	int rc;
	while ((rc = sqlite3_step(run->stmt)) == SQLITE_ROW) {
		run->d.rows++;
		for (int i = 0; i < run->count; i++) {
			int c = run->map[i];
			const char *v = "\x02";
			if (c >= 0 && sqlite3_column_type(run->stmt, c) == SQLITE_NULL)
				v = "\x01";
			else if (c >= 0)
				v = (const char *)sqlite3_column_text(run->stmt, c);
			run->d.hash[i] = mix(run->d.hash[i], v ? v : "");
		}
	}
	*rows = run->d.rows;
	if (rc != SQLITE_DONE)
		return error_set(err, EX_SOFTWARE, "%s", sqlite3_errmsg(b->raw));
	return 0;
}

struct app_run {
	const struct report *r;
	struct report_options opt;
	struct digest d;
};

static int op_report(struct bench *b, const void *arg, long *rows, struct error *err)
{
	struct app_run *run = (struct app_run *)arg;
	run->d = (struct digest){0};
	struct report_sink sink = {&run->d, digest_begin, digest_row, digest_end};
	int rc = report_run(&b->s, run->r, &run->opt, &sink, err);
	*rows = run->d.rows;
	return rc;
}

static sqlite3_stmt *prepare_report_sql(struct bench *b, const char *name, const char **problem)
{
	char *built = strcmp(name, "coverage-gaps") == 0 ? coverage_sql(&b->cfg) :
	              strcmp(name, "section-f-funding") == 0 ? f_funding_sql(&b->cfg) :
	              strcmp(name, "section-f-unfunded") == 0 ? f_unfunded_sql(&b->cfg) :
	              strcmp(name, "equality") == 0 ? equality_sql(&b->cfg) : NULL;
	const char *sql = built ? built : builtin_sql(name);
	sqlite3_stmt *stmt = NULL;
	*problem = NULL;
	if (sql == NULL) {
		*problem = "no SQL written for this report";
	} else if (sqlite3_prepare_v2(b->raw, sql, -1, &stmt, NULL) != SQLITE_OK) {
		*problem = sqlite3_errmsg(b->raw);
		stmt = NULL;
	}
	sqlite3_free(built);
	if (stmt == NULL)
		return NULL;
	struct report_options opt;
	report_options_for(b, name, &opt);
	char on[DATE_TEXT_MAX], from[DATE_TEXT_MAX], to[DATE_TEXT_MAX];
	char window[DATE_TEXT_MAX], review[DATE_TEXT_MAX];
	char terms[DESK_TERMS_JSON_MAX];
	desk_terms_json(&b->cfg, terms, sizeof terms);
	day_t first, last;
	desk_default_window(opt.on, &first, &last);
	date_format(first, window);
	date_format(opt.on + DESK_REVIEW_NOTICE_DAYS, review);
	date_format(opt.on, on);
	date_format(opt.has_from ? opt.from : opt.on, from);
	date_format(opt.has_to ? opt.to : opt.on, to);
	struct {
		const char *name;
		const char *text;
		int64_t n;
	} params[] = {
		{":on", on, 0}, {":asof", to, 0}, {":from", from, 0}, {":to", to, 0},
		{":terms", terms, 0}, {":win", window, 0}, {":review", review, 0},
		{":key", NULL, b->cfg.key_decision_pence}, {":warn", NULL, b->cfg.expiry_warning_days},
		{":fy", NULL, b->cfg.financial_year_start_month},
		{":ay", NULL, b->cfg.academic_year_start_month},
	};
	for (size_t i = 0; i < sizeof params / sizeof params[0]; i++) {
		int at = sqlite3_bind_parameter_index(stmt, params[i].name);
		if (at > 0 && params[i].text)
			sqlite3_bind_text(stmt, at, params[i].text, -1, SQLITE_TRANSIENT);
		else if (at > 0)
			sqlite3_bind_int64(stmt, at, params[i].n);
	}
	return stmt;
}

/* The first column whose cells differ, or -1. */
static int first_difference(const struct digest *a, const struct digest *b)
{
	for (int i = 0; i < a->count; i++)
		if (a->hash[i] != b->hash[i])
			return i;
	return -1;
}

static void report_row(struct bench *b, const char *name)
{
	struct result r = {0};
	if (strcmp(name, "provision-shortfall") == 0) {
		struct report_options range;
		report_options_for(b, name, &range);
		char from[DATE_TEXT_MAX], to[DATE_TEXT_MAX];
		date_format(range.from, from);
		date_format(range.to, to);
		snprintf(r.label, sizeof r.label, "report %s, %s to %s", name, from, to);
	} else {
		snprintf(r.label, sizeof r.label, "report %s", name);
	}
	const struct report *rep = report_find(name);
	struct app_run app = {.r = rep};
	if (rep != NULL) {
		report_options_for(b, name, &app.opt);
		measure(b, &r, op_report, &app);
	} else {
		snprintf(r.note, sizeof r.note, "not in this build; ");
	}
	const char *problem;
	struct sql_run sql = {0};
	sql.stmt = prepare_report_sql(b, name, &problem);
	if (sql.stmt == NULL) {
		size_t used = strlen(r.note);
		snprintf(r.note + used, sizeof r.note - used, "SQL: %s", problem);
		print_result(&r);
		return;
	}
	/* Compare by the report's own column names, or the query's when the
	 * report is missing. */
	sql.cols = rep ? app.d.cols : NULL;
	sql.count = rep ? app.d.count : 0;
	for (int i = 0; i < sql.count; i++) {
		sql.map[i] = -1;
		for (int c = 0; c < sqlite3_column_count(sql.stmt); c++)
			if (strcmp(sqlite3_column_name(sql.stmt, c), sql.cols[i].name) == 0)
				sql.map[i] = c;
	}
	struct result s = {0};
	measure(b, &s, op_sql, &sql);
	r.has_sql = s.runs > 0;
	r.sql_ms = s.median_ms;
	size_t used = strlen(r.note);
	if (s.runs == 0)
		snprintf(r.note + used, sizeof r.note - used, "SQL %.150s", s.note);
	else if (rep == NULL)
		snprintf(r.note + used, sizeof r.note - used, "SQL alone: %ld rows", s.rows);
	else if (r.runs > 0 && app.d.rows != sql.d.rows)
		snprintf(r.note + used, sizeof r.note - used, "FIGURES DIFFER: SQL gives %ld rows",
		         sql.d.rows);
	else if (r.runs > 0 && first_difference(&app.d, &sql.d) >= 0)
		snprintf(r.note + used, sizeof r.note - used, "FIGURES DIFFER in column %s",
		         app.d.cols[first_difference(&app.d, &sql.d)].name);
	else if (r.runs > 0)
		snprintf(r.note + used, sizeof r.note - used, "same figures, cell for cell");
	sqlite3_finalize(sql.stmt);
	if (strcmp(name, "provision-shortfall") == 0 && b->default_window)
		note_goal(&r, (struct goal){false, 1000});
	print_result(&r);
}

static void reports_section(struct bench *b)
{
	print_section("reports (into a sink that discards), and one direct SQL query for the "
	              "same figures; on " DATA_TODAY);
	for (const struct report *const *r = reports; *r; r++)
		report_row(b, (*r)->name);
	/* The shortfall over a year above; here over the range a person gets
	 * without --from, the goal's. */
	b->default_window = true;
	report_row(b, "provision-shortfall");
	b->default_window = false;
	for (size_t i = 0; i < sizeof report_names / sizeof report_names[0]; i++)
		if (report_find(report_names[i]) == NULL)
			report_row(b, report_names[i]);
}

/* ---- the records behind a report's row ------------------------------- */

/* How the Reports tab opens what is behind a row (tui/screen_reports.c):
 * a record's screen, a list of records, or the coverage map at a tile. */
enum drill_how {
	DRILL_CONTRACT,     /* the contract's record: its standing, a page of each related list */
	DRILL_CHILD,        /* the child's record, as the desk opens it */
	DRILL_PURCHASES,    /* a year's spot purchases, under the row's total */
	DRILL_BUDGETS,      /* the personal budgets starting in a year */
	DRILL_RETURN,       /* a provider's return for a therapy and month */
	DRILL_SECTIONS,     /* the entries of a section and therapy in force */
	DRILL_FUNDED,       /* the first page of the Section F entries a route counts */
	DRILL_MAP,          /* the coverage map of the tile's therapy on the day */
	DRILL_ENTRY,        /* one entry, by its ref */
};

#define DRILL_KEYS 3

/* Which columns of a row name what is behind it, and which one says how
 * big a row is (NULL: rows are alike; only the first is opened). */
static const struct drill_spec {
	const char *report;
	enum drill_how how;
	const char *keys[DRILL_KEYS];
	const char *size;
} drill_specs[] = {
	{"contracts", DRILL_CONTRACT, {"ref"}, "lifetime_value"},
	{"coverage-gaps", DRILL_MAP, {"district", "therapy"}, NULL},
	{"spot-growth", DRILL_PURCHASES, {"period"}, "children"},
	{"pb-summary", DRILL_BUDGETS, {"period"}, "budgets"},
	{"sections", DRILL_SECTIONS, {"section", "therapy"}, "entries"},
	{"waits", DRILL_RETURN, {"provider", "therapy", "month"}, "referrals"},
	{"provision-shortfall", DRILL_CHILD, {"child"}, "specified_minutes"},
	{"section-f-funding", DRILL_FUNDED, {"district", "therapy", "funding"}, "entries"},
	{"section-f-unfunded", DRILL_ENTRY, {"entry"}, "minutes_per_week"},
	{"capacity", DRILL_CONTRACT, {"contract"}, "entries"},
};

/* A report's first row, its largest and its smallest (and its smallest
 * with every key named: a row of "no district" is a case of its own),
 * by the key columns' texts.  The smallest rows are a selective list's
 * worst case: few records to find among many. */
struct drill_rows {
	const struct drill_spec *spec;
	int key_col[DRILL_KEYS], size_col;
	long rows;
	char first[DRILL_KEYS][128], largest[DRILL_KEYS][128], smallest[DRILL_KEYS][128],
	    smallest_named[DRILL_KEYS][128];
	int64_t largest_size, smallest_size, smallest_named_size;
	bool any_named;
};

static void drill_begin(void *ctx, const char *title, const struct report_column *cols, int count)
{
	struct drill_rows *d = ctx;
	(void)title;
	d->size_col = -1;
	for (int k = 0; k < DRILL_KEYS; k++)
		d->key_col[k] = -1;
	for (int i = 0; i < count; i++) {
		for (int k = 0; k < DRILL_KEYS; k++)
			if (d->spec->keys[k] && strcmp(cols[i].name, d->spec->keys[k]) == 0)
				d->key_col[k] = i;
		if (d->spec->size && strcmp(cols[i].name, d->spec->size) == 0)
			d->size_col = i;
	}
}

static void drill_keep(const struct drill_rows *d, const struct cell *cells,
                       char keys[DRILL_KEYS][128])
{
	for (int k = 0; k < DRILL_KEYS; k++) {
		int c = d->key_col[k];
		snprintf(keys[k], sizeof keys[k], "%s",
		         c >= 0 && !cells[c].null && cells[c].text ? cells[c].text : "");
	}
}

static bool every_key_named(const struct drill_rows *d, const struct cell *cells)
{
	for (int k = 0; k < DRILL_KEYS; k++) {
		int c = d->key_col[k];
		if (c >= 0 && (cells[c].null || cells[c].text == NULL || cells[c].text[0] == '\0'))
			return false;
	}
	return true;
}

static int drill_row(void *ctx, const struct cell *cells)
{
	struct drill_rows *d = ctx;
	if (d->rows++ == 0)
		drill_keep(d, cells, d->first);
	if (d->size_col < 0 || cells[d->size_col].null || cells[d->size_col].text != NULL)
		return 0;
	int64_t size = cells[d->size_col].n;
	if (d->rows == 1 || size > d->largest_size) {
		d->largest_size = size;
		drill_keep(d, cells, d->largest);
	}
	if (d->rows == 1 || size < d->smallest_size) {
		d->smallest_size = size;
		drill_keep(d, cells, d->smallest);
	}
	if (every_key_named(d, cells) && (!d->any_named || size < d->smallest_named_size)) {
		d->any_named = true;
		d->smallest_named_size = size;
		drill_keep(d, cells, d->smallest_named);
	}
	return 0;
}

static bool same_keys(char a[DRILL_KEYS][128], char b[DRILL_KEYS][128])
{
	for (int k = 0; k < DRILL_KEYS; k++)
		if (strcmp(a[k], b[k]) != 0)
			return false;
	return true;
}

struct drill_op {
	const struct drill_spec *spec;
	const char *keys[DRILL_KEYS];
	bool count_only;    /* the count a list makes after its first page */
};

/* A list screen's first load: its count (the footer's, no cap without a
 * filter) and its first page; a list that counts later (count_later)
 * shows its first page alone, then counts between keys. */
static int list_screen(struct bench *b, const struct list_query *q, long *rows, struct error *err)
{
	int64_t total = 0;
	int rc = q->count_later ? 0 : list_count_upto(&b->s, q, 0, &total, err);
	struct page p = {0};
	if (rc == 0)
		rc = list_fetch(&b->s, q, NULL, false, PAGE, take_row, &p, err);
	*rows = p.rows;
	return rc;
}

/* A drill-down list as the screen opens it, or the count it makes after
 * (between keys, the footer saying "counting" until then). */
static int drill_list(struct bench *b, const struct drill_op *o, const struct list_query *q,
                      long *rows, struct error *err)
{
	if (!o->count_only)
		return list_screen(b, q, rows, err);
	int64_t total = 0;
	int rc = list_count_upto(&b->s, q, 0, &total, err);
	*rows = (long)total;
	return rc;
}

static int load_by_key(struct bench *b, enum kind_id k, const char *key, struct record *r,
                       struct error *err)
{
	bool found = false;
	record_init(r, kinds[k]);
	int rc = store_load_by_key(&b->s, r, key, &found, err);
	if (rc == 0 && !found)
		rc = error_set(err, EX_DATAERR, "%s %s not found", kinds[k]->name, key);
	return rc;
}

/* The contract's record screen: the record, its lifetime, rate, flags
 * and funders' split, and a page of each related list in its order. */
static int drill_contract(struct bench *b, const char *ref, long *rows, struct error *err)
{
	static const struct {
		enum kind_id kind;
		int parent, sort;
	} related[] = {
		{KIND_CONTRACT_VALUES, CVALUE_CONTRACT, CVALUE_FROM},
		{KIND_COVERAGE, COVERAGE_CONTRACT, COVERAGE_DISTRICT},
		{KIND_STAFFING, STAFFING_CONTRACT, STAFFING_THERAPY},
		{KIND_FUNDERS, FUNDER_CONTRACT, FUNDER_NAME},
	};
	struct record r;
	int rc = load_by_key(b, KIND_CONTRACTS, ref, &r, err);
	struct contract_standing standing;
	if (rc == 0)
		rc = contract_summary(&b->s, &r, b->today, &standing, err);
	*rows = 1;
	for (size_t i = 0; rc == 0 && i < sizeof related / sizeof related[0]; i++) {
		struct list_query q;
		struct page p = {0};
		list_query_init(&q, kinds[related[i].kind]);
		q.sort_field = related[i].sort;
		q.parent_field = related[i].parent;
		q.parent_id = r.id;
		rc = list_fetch(&b->s, &q, NULL, false, PAGE, take_row, &p, err);
		*rows += p.rows;
	}
	record_clear(&r);
	return rc;
}

static int drill_child(struct bench *b, const char *ref, long *rows, struct error *err)
{
	struct record r;
	int rc = load_by_key(b, KIND_CHILDREN, ref, &r, err);
	int64_t id = r.id;
	record_clear(&r);
	return rc != 0 ? rc : op_desk_record(b, &id, rows, err);
}

/* A spot-growth year's purchases, as the Growth tab's drill-down lists
 * them: in the year by start date, under the year's total, which is the
 * row's figure (the screen takes it from the row, not worked out again). */
static int drill_purchases(struct bench *b, const struct drill_op *o, long *rows,
                           struct error *err)
{
	const char *label = o->keys[0];
	struct period p;
	if (!period_parse(&b->cfg, label, &p, NULL))
		return error_set(err, EX_DATAERR, "\"%s\" is not a period", label);
	struct list_query q;
	query_for(&q, KIND_SPOT_PURCHASES, "start_date");
	q.range_start_field = SPOT_START;
	q.range_end_field = SPOT_END;
	q.range_from = p.start;
	q.range_to = p.end;
	q.count_later = true;
	return drill_list(b, o, &q, rows, err);
}

static int drill_budgets(struct bench *b, const char *label, long *rows, struct error *err)
{
	struct period p;
	if (!period_parse(&b->cfg, label, &p, NULL))
		return error_set(err, EX_DATAERR, "\"%s\" is not a period", label);
	struct list_query q;
	report_drill_budgets(&q, &p);
	return list_screen(b, &q, rows, err);
}

static int drill_return(struct bench *b, const struct drill_op *o, long *rows, struct error *err)
{
	struct record provider;
	int rc = load_by_key(b, KIND_PROVIDERS, o->keys[0], &provider, err);
	int64_t id = provider.id;
	record_clear(&provider);
	struct list_query q;
	report_drill_return(&q, id, o->keys[1], o->keys[2]);
	return rc != 0 ? rc : list_screen(b, &q, rows, err);
}

/* The Section F entries behind a funding row: their first page, as the
 * screen reads them (the next as the selection nears the last; the
 * count is the row's figure). */
static int count_entry(void *ctx, const struct report_f_entry *e)
{
	(void)e;
	(*(long *)ctx)++;
	return 0;
}

static int drill_map(struct bench *b, const struct drill_op *o, long *rows, struct error *err)
{
	int therapy = -1;
	for (int i = 0; i < b->cfg.therapy_count; i++)
		if (strcmp(b->cfg.therapies[i].code, o->keys[1]) == 0)
			therapy = i;
	if (therapy < 0)
		return error_set(err, EX_DATAERR, "no therapy %s configured", o->keys[1]);
	struct coverage_tile *tiles = calloc((size_t)b->cfg.district_count, sizeof *tiles);
	if (tiles == NULL)
		return error_set(err, EX_OSERR, "out of memory");
	int rc = coverage_map(&b->s, b->today, therapy, tiles, err);
	free(tiles);
	*rows = b->cfg.district_count;
	return rc;
}

static int op_drill(struct bench *b, const void *arg, long *rows, struct error *err)
{
	const struct drill_op *o = arg;
	struct list_query q;
	switch (o->spec->how) {
	case DRILL_CONTRACT:
		return drill_contract(b, o->keys[0], rows, err);
	case DRILL_CHILD:
		return drill_child(b, o->keys[0], rows, err);
	case DRILL_PURCHASES:
		return drill_purchases(b, o, rows, err);
	case DRILL_BUDGETS:
		return drill_budgets(b, o->keys[0], rows, err);
	case DRILL_RETURN:
		return drill_return(b, o, rows, err);
	case DRILL_SECTIONS:
		report_drill_sections(&q, o->keys[0], o->keys[1], b->today);
		return drill_list(b, o, &q, rows, err);
	case DRILL_FUNDED:
		*rows = 0;
		return report_f_entries_page(&b->s, b->today, o->keys[2], o->keys[0], o->keys[1], NULL,
		                             REPORT_F_PAGE, count_entry, rows, err);
	case DRILL_MAP:
		return drill_map(b, o, rows, err);
	case DRILL_ENTRY:
		report_drill_entry(&q, o->keys[0]);
		return list_screen(b, &q, rows, err);
	}
	return error_set(err, EX_SOFTWARE, "no drill-down");
}

static void drill_time(struct bench *b, const struct drill_spec *spec, const char *which,
                       char keys[DRILL_KEYS][128])
{
	struct drill_op o = {spec, {keys[0], keys[1], keys[2]}, false};
	char joined[DRILL_KEYS * 130], label[80];
	snprintf(joined, sizeof joined, "%s%s%s%s%s", keys[0], keys[1][0] ? " " : "", keys[1],
	         keys[2][0] ? " " : "", keys[2]);
	snprintf(label, sizeof label, "%.19s, %s: %.40s", spec->report, which, joined);
	run_with_goal(b, label, op_drill, &o, goal_screen);
	if (spec->how == DRILL_SECTIONS || spec->how == DRILL_PURCHASES) {
		/* Timed on its own, no goal: keys are answered while it runs. */
		o.count_only = true;
		snprintf(label, sizeof label, "%.19s, %s: its count, after", spec->report, which);
		run_and_print(b, label, op_drill, &o);
	}
}

static void drill_section(struct bench *b)
{
	print_section("drill-downs: Enter on a report's row, the records behind it as the Reports "
	              "tab opens them (the first row, the largest, the smallest)");
	for (const struct report *const *r = reports; *r; r++) {
		const struct drill_spec *spec = NULL;
		for (size_t i = 0; i < sizeof drill_specs / sizeof drill_specs[0]; i++)
			if (strcmp(drill_specs[i].report, (*r)->name) == 0)
				spec = &drill_specs[i];
		if (spec == NULL) {
			printf("  %-50s  the screen lists no records behind a row\n", (*r)->name);
			continue;
		}
		struct drill_rows d = {.spec = spec};
		struct report_options opt;
		report_options_for(b, (*r)->name, &opt);
		struct report_sink sink = {&d, drill_begin, drill_row, digest_end};
		struct error err = {0};
		if (report_run(&b->s, *r, &opt, &sink, &err) != 0 || d.rows == 0) {
			printf("  %-50s  %s\n", (*r)->name, d.rows == 0 ? "no rows to open" : err.msg);
			continue;
		}
		drill_time(b, spec, "first", d.first);
		if (spec->size == NULL)
			continue;
		if (!same_keys(d.first, d.largest))
			drill_time(b, spec, "largest", d.largest);
		if (!same_keys(d.first, d.smallest) && !same_keys(d.largest, d.smallest))
			drill_time(b, spec, "smallest", d.smallest);
		if (d.any_named && !same_keys(d.smallest, d.smallest_named) &&
		    !same_keys(d.first, d.smallest_named))
			drill_time(b, spec, "smallest named", d.smallest_named);
	}
}

/* ---- importing a million spot purchases with the real binary ---------- */

static int copy_file(const char *from, const char *to)
{
	int in = open(from, O_RDONLY), out = open(to, O_WRONLY | O_CREAT | O_EXCL, 0600);
	int rc = in >= 0 && out >= 0 ? 0 : -1;
	static char buf[1 << 20];
	ssize_t n;
	while (rc == 0 && (n = read(in, buf, sizeof buf)) > 0)
		if (write(out, buf, (size_t)n) != n)
			rc = -1;
	if (in >= 0)
		close(in);
	if (out >= 0 && close(out) != 0)
		rc = -1;
	return rc;
}

/* splitmix64, for the rows of the CSV */
static uint64_t next_random(uint64_t *s)
{
	uint64_t z = (*s += UINT64_C(0x9E3779B97F4A7C15));
	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

static int write_csv(struct bench *b, const char *path, long rows)
{
	FILE *f = fopen(path, "w");
	if (f == NULL)
		return -1;
	int64_t children = sql_int(b, "SELECT max(id) FROM children");
	int64_t providers = sql_int(b, "SELECT max(id) FROM providers");
	sqlite3_stmt *child, *provider;
	if (children < 1 || providers < 1 ||
	    sqlite3_prepare_v2(b->raw, "SELECT ref FROM children WHERE id = ?1", -1, &child, NULL) != SQLITE_OK) {
		fclose(f);
		return -1;
	}
	if (sqlite3_prepare_v2(b->raw, "SELECT code FROM providers WHERE id = ?1", -1, &provider,
	                       NULL) != SQLITE_OK) {
		sqlite3_finalize(child);
		fclose(f);
		return -1;
	}
	fprintf(f, "ref,child,provider,therapy,start_date,cost,end_date,invoice_ref\n");
	uint64_t s = 20250331;
	int rc = 0;
	for (long i = 0; i < rows && rc == 0; i++) {
		sqlite3_bind_int64(child, 1, 1 + (int64_t)(next_random(&s) % (uint64_t)children));
		sqlite3_bind_int64(provider, 1, 1 + (int64_t)(next_random(&s) % (uint64_t)providers));
		if (sqlite3_step(child) != SQLITE_ROW || sqlite3_step(provider) != SQLITE_ROW) {
			rc = -1;
			break;
		}
		day_t start = b->today - (day_t)(next_random(&s) % 2000);
		char start_iso[DATE_TEXT_MAX], end_iso[DATE_TEXT_MAX];
		date_format(start, start_iso);
		date_format(start + 28 + (day_t)(next_random(&s) % 300), end_iso);
		uint64_t pence = 25000 + next_random(&s) % 2000000;
		fprintf(f, "SPX%07ld,%s,%s,%s,%s,%llu.%02llu,%s,INV-X%07ld\n", i + 1,
		        (const char *)sqlite3_column_text(child, 0),
		        (const char *)sqlite3_column_text(provider, 0),
		        b->cfg.therapies[next_random(&s) % (uint64_t)b->cfg.therapy_count].code, start_iso,
		        (unsigned long long)(pence / 100), (unsigned long long)(pence % 100),
		        i % 5 ? end_iso : "", i + 1);
		sqlite3_reset(child);
		sqlite3_reset(provider);
	}
	sqlite3_finalize(child);
	sqlite3_finalize(provider);
	if (fclose(f) != 0)
		rc = -1;
	return rc;
}

#define IMPORT_TIMED_OUT (-2)

/* Runs "BIN --db DB import spot-purchases CSV"; its exit status, -1 when
 * it could not run or died of a signal, or IMPORT_TIMED_OUT when it was
 * still running after timeout seconds (it is then stopped). */
static int run_import(const char *bin, const char *db, const char *csv, double timeout)
{
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);
		if (null >= 0)
			dup2(null, STDOUT_FILENO);
		execl(bin, bin, "--db", db, "import", "spot-purchases", csv, (char *)NULL);
		_exit(127);
	}
	double deadline = now_seconds() + timeout;
	int status;
	for (;;) {
		pid_t done = waitpid(pid, &status, WNOHANG);
		if (done == pid)
			break;
		if (done < 0 && errno != EINTR)
			return -1;
		if (timeout > 0 && now_seconds() > deadline) {
			kill(pid, SIGTERM);
			waitpid(pid, &status, 0);
			return IMPORT_TIMED_OUT;
		}
		struct timespec nap = {0, 50 * 1000 * 1000};
		nanosleep(&nap, NULL);
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void import_section(struct bench *b, const char *bin, long rows, double timeout)
{
	struct result r = {0};
	snprintf(r.label, sizeof r.label, "sendesk import spot-purchases (%ld new rows)", rows);
	char copy[4200], csv[4200];
	snprintf(copy, sizeof copy, "%s.import-copy", b->path);
	snprintf(csv, sizeof csv, "%s.import.csv", b->path);
	unlink(copy);
	unlink(csv);
	struct stat st;
	if (stat(bin, &st) != 0) {
		snprintf(r.note, sizeof r.note, "skipped: no binary at %.100s (--sendesk)", bin);
	} else if (write_csv(b, csv, rows) != 0) {
		snprintf(r.note, sizeof r.note, "skipped: cannot write %.100s", csv);
	} else if (copy_file(b->path, copy) != 0) {
		snprintf(r.note, sizeof r.note, "skipped: cannot copy the database to %.100s", copy);
	} else {
		double t0 = now_seconds();
		int status = run_import(bin, copy, csv, timeout);
		double dt = now_seconds() - t0;
		if (status == IMPORT_TIMED_OUT) {
			snprintf(r.note, sizeof r.note, "NOT FINISHED after %.0f s (--import-timeout): "
			         "under %.0f rows/s", dt, (double)rows / dt);
		} else if (status != 0) {
			snprintf(r.note, sizeof r.note, "failed: exit status %d", status);
		} else {
			r.runs = 1;
			r.rows = rows;
			r.first_ms = r.median_ms = r.p99_ms = dt * 1000;
			snprintf(r.note, sizeof r.note, "%.0f rows/s", (double)rows / dt);
		}
	}
	unlink(copy);
	char side[4300];
	snprintf(side, sizeof side, "%s-wal", copy);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", copy);
	unlink(side);
	unlink(csv);
	print_result(&r);
}

/* ---- main ----------------------------------------------------------------- */

/* Whether part is one of the comma-separated names in list. */
static bool part_wanted(const char *list, const char *part)
{
	size_t len = strlen(part);
	for (const char *p = list; *p;) {
		size_t n = strcspn(p, ",");
		if (n == len && strncmp(p, part, len) == 0)
			return true;
		p += n + (p[n] == ',');
	}
	return false;
}

static int usage(void)
{
	fprintf(stderr, "usage: bench --db PATH [--runs N] [--budget SECONDS] [--sendesk BIN] "
	                "[--import-rows N,N...] [--import-timeout S] [--no-import] [--only PARTS]\n");
	return EX_USAGE;
}

int main(int argc, char **argv)
{
	struct bench b = {.runs = 50, .min_runs = 5, .budget = 15};
	const char *bin = "./sendesk";
	const char *import_rows = "10000,100000,1000000";
	double import_timeout = 1800;
	const char *only = "lists,paging,filters,child,desk,reports,import";
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
			b.path = argv[++i];
		else if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc)
			b.runs = atoi(argv[++i]);
		else if (strcmp(argv[i], "--budget") == 0 && i + 1 < argc)
			b.budget = atof(argv[++i]);
		else if (strcmp(argv[i], "--sendesk") == 0 && i + 1 < argc)
			bin = argv[++i];
		else if (strcmp(argv[i], "--import-rows") == 0 && i + 1 < argc)
			import_rows = argv[++i];
		else if (strcmp(argv[i], "--import-timeout") == 0 && i + 1 < argc)
			import_timeout = atof(argv[++i]);
		else if (strcmp(argv[i], "--no-import") == 0)
			import_rows = "";
		else if (strcmp(argv[i], "--only") == 0 && i + 1 < argc)
			only = argv[++i];
		else
			return usage();
	}
	if (b.path == NULL || b.runs < 1 || b.runs > MAX_RUNS)
		return usage();
	if (b.min_runs > b.runs)
		b.min_runs = b.runs;
	config_defaults(&b.cfg);
	const char *reason;
	date_parse(DATA_TODAY, &b.today, &reason);
	struct error err = {0};
	int rc = session_open(&b.s, b.path, &b.cfg, &err);
	if (rc != 0) {
		fprintf(stderr, "bench: %s\n", err.msg);
		return rc;
	}
	if (sqlite3_open_v2(b.path, &b.raw, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		fprintf(stderr, "bench: %s: %s\n", b.path, sqlite3_errmsg(b.raw));
		return EX_NOINPUT;
	}
	printf("sendesk bench: %s (%lld children, %lld therapy entries, %lld provision records, "
	       "%lld spot purchases)\n", b.path, (long long)sql_int(&b, "SELECT count(*) FROM children"),
	       (long long)sql_int(&b, "SELECT max(id) FROM therapy_entries"),
	       (long long)sql_int(&b, "SELECT max(id) FROM provision"),
	       (long long)sql_int(&b, "SELECT max(id) FROM spot_purchases"));
	printf("up to %d runs an operation, at least %d, about %.0f s each at most\n\n", b.runs,
	       b.min_runs, b.budget);
	print_header();
	if (part_wanted(only, "lists"))
		lists_section(&b);
	if (part_wanted(only, "paging"))
		paging_section(&b);
	if (part_wanted(only, "filters"))
		filter_section(&b);
	if (part_wanted(only, "child"))
		child_section(&b);
	if (part_wanted(only, "desk"))
		desk_section(&b);
	if (part_wanted(only, "reports"))
		reports_section(&b);
	if (part_wanted(only, "reports") || part_wanted(only, "drills"))
		drill_section(&b);
	if (*import_rows && part_wanted(only, "import")) {
		print_section("CSV import through the real binary (all or nothing, every row through the "
		              "write path with its audit row)");
		/* Several sizes, each on a fresh copy, show how the time grows. */
		for (const char *n = import_rows; *n;) {
			long rows = atol(n);
			if (rows > 0)
				import_section(&b, bin, rows, import_timeout);
			n += strcspn(n, ",");
			if (*n == ',')
				n++;
		}
	}
	sqlite3_close(b.raw);
	session_close(&b.s);
	return 0;
}
