#include "db/page.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/compose.h"
#include "db/db_internal.h"
#include "util/clock.h"
#include "util/fold.h"

/* Parameters: ?1 filter pattern, ?2 parent id, ?3..?5 matches, ?6 and ?7
 * the range, ?8 after value, ?9 after id, ?10 limit.  Unused ones are
 * simply left unbound. */
#define FILTER_WORDS 4

enum { P_FILTER = 1, P_PARENT = P_FILTER + FILTER_WORDS, P_MATCH, P_RANGE_FROM = P_MATCH + DB_PAGE_MAX_MATCHES, P_RANGE_TO,
       P_AFTER_VALUE, P_AFTER_ID, P_LIMIT, P_FLAGS_ON, P_SOON_DAYS };

/* How a filter word is looked for. */
enum word_plan {
	WORD_WALK,           /* each row tested as the list walks its order */
	WORD_INDEX,          /* the rows the trigram index finds, then sorted */
	WORD_SCAN,           /* the rows a scan of the search text finds, then sorted */
	WORD_FLAG,           /* the rows having the flag the word names */
};

/* Flags a list shows but no column holds, by the rules that compute them
 * for the screen: a contract's are contract_flags' in
 * core/report_contracts.c, and must change with it (a unit test holds
 * the two together).  A filter word that is a flag's name selects the
 * rows having it, in SQL like any filter.  @ON stands for the day they
 * are judged on, @SOON for the days within which an end is near. */
struct flag_word {
	enum db_table_id table;
	const char *word;
	const char *condition;
};

static const struct flag_word flag_words[] = {
	{TABLE_CONTRACTS, "unsigned",
	 "t.signed_date IS NULL AND ifnull(t.status, '') <> 'draft' AND ifnull(t.type, '') <> 'service' "
	 "AND t.start_date <= @ON"},
	{TABLE_CONTRACTS, "expired",
	 "ifnull(t.status, '') NOT IN ('draft', 'ended') AND t.end_date < @ON"},
	{TABLE_CONTRACTS, "ending-soon",
	 "ifnull(t.status, '') NOT IN ('draft', 'ended') AND t.end_date >= @ON"
	 " AND julianday(t.end_date) - julianday(@ON) <= @SOON"},
};
#define FLAG_WORD_COUNT ((int)(sizeof flag_words / sizeof flag_words[0]))

/* The flag of table t that word names, or -1. */
static int flag_of(enum db_table_id t, const char *word)
{
	for (int i = 0; i < FLAG_WORD_COUNT; i++)
		if (flag_words[i].table == t && strcmp(flag_words[i].word, word) == 0)
			return i;
	return -1;
}

/* The condition with its @ names as the statement's parameters. */
static void add_flag_condition(struct sql *q, int flag)
{
	sql_add(q, " AND (");
	for (const char *c = flag_words[flag].condition; *c;) {
		if (strncmp(c, "@ON", 3) == 0) {
			sql_add(q, "?%d", P_FLAGS_ON);
			c += 3;
		} else if (strncmp(c, "@SOON", 5) == 0) {
			sql_add(q, "?%d", P_SOON_DAYS);
			c += 5;
		} else {
			size_t n = strcspn(c, "@");
			sql_add(q, "%.*s", (int)n, c);
			c += n;
		}
	}
	sql_add(q, ")");
}

/* The words typed, at most FILTER_WORDS of them ("Lee Ashby" finds the
 * child whose first name holds one and last name the other), each with
 * its plan. */
struct filter {
	char words[FILTER_WORDS][128];
	enum word_plan plan[FILTER_WORDS];
	int flag[FILTER_WORDS];          /* WORD_FLAG: index into flag_words */
	int n;
};

/* A list sorted by a reference that every row has (provision by entry)
 * walks the referenced table in its key's order, joined to its rows,
 * which SQLite sorts by id one key at a time: a page costs its own rows.
 * Sorting by a lookup of each row's key instead read the whole table
 * for every page (5 to 13 s over 10,000,000 provision records). */
static bool sorts_by_join(const struct db_page_query *pq, const struct filter *f)
{
	if (pq->sort_column < 0 || !pq->sort_not_null ||
	    db_tables[pq->table].columns[pq->sort_column].references == TABLE_NONE)
		return false;
	/* Rows picked out by a parent, a value, a range or the index are few
	 * enough to sort; walking the whole referenced table to find them
	 * would not be. */
	if (pq->parent_column >= 0 || pq->match_count > 0 || pq->range_start_column >= 0)
		return false;
	for (int w = 0; w < f->n; w++)
		if (f->plan[w] == WORD_INDEX)
			return false;
	return true;
}

/* The sort expression: NULLs sort as '' so that (sort, id) comparisons
 * never meet a NULL and lose rows. */
static void add_sort_expression(struct sql *q, const struct db_page_query *pq,
                                const struct filter *f)
{
	if (pq->sort_column < 0) {
		sql_add(q, "t.id");
		return;
	}
	if (sorts_by_join(pq, f)) {
		int referenced = db_tables[pq->table].columns[pq->sort_column].references;
		sql_add(q, "rs.%s", sql_key_column(referenced)->name);
		return;
	}
	if (pq->sort_not_null) {
		sql_add_readable(q, &db_tables[pq->table].columns[pq->sort_column]);
		return;
	}
	sql_add(q, "ifnull(");
	sql_add_readable(q, &db_tables[pq->table].columns[pq->sort_column]);
	sql_add(q, ", '')");
}

/* Words for a search table are folded as its text is: "Zoë" finds
 * "zoe".  Tables without one are matched on their columns as stored. */
static void filter_words(const char *text, bool fold, struct filter *f)
{
	f->n = 0;
	const char *c = text ? text : "";
	while (*c && f->n < FILTER_WORDS) {
		while (*c == ' ')
			c++;
		size_t len = strcspn(c, " ");
		if (len == 0)
			break;
		char word[128];
		snprintf(word, sizeof word, "%.*s", (int)(len < 127 ? len : 127), c);
		if (fold)
			fold_into(word, f->words[f->n], sizeof f->words[f->n]);
		else
			snprintf(f->words[f->n], sizeof f->words[f->n], "%s", word);
		f->plan[f->n++] = WORD_WALK;
		c += len;
	}
}

/* A word with % _ or \ needs LIKE's ESCAPE, which the trigram index
 * cannot serve; plain words (nearly all) can. */
static bool needs_escape(const char *word)
{
	return strpbrk(word, "%_\\") != NULL;
}

/* Whether the word is in more than limit rows of table t, counting
 * through the trigram index no further than needed; the count is kept
 * for the next statements of the same key press. */
static bool matches_more_than(struct db *db, enum db_table_id t, const char *word, int64_t limit)
{
	struct filter_estimate *e = NULL;
	for (int i = 0; i < FILTER_ESTIMATES && e == NULL; i++)
		if (db->estimates[i].table == (int)t + 1 && strcmp(db->estimates[i].word, word) == 0)
			e = &db->estimates[i];
	if (e != NULL && (e->found > limit || e->found < e->cap))
		return e->found > limit;
	if (e == NULL) {
		e = &db->estimates[db->estimate_next];
		db->estimate_next = (db->estimate_next + 1) % FILTER_ESTIMATES;
		*e = (struct filter_estimate){(int)t + 1, "", 0, 0};
		snprintf(e->word, sizeof e->word, "%s", word);
	}
	char pattern[140];
	snprintf(pattern, sizeof pattern, "%%%s%%", word);
	e->cap = limit + 1;
	if (db_search_matches_upto(db, t, pattern, e->cap, &e->found, NULL) != 0)
		e->table = 0;   /* forgotten; the index then serves the word */
	return e->table != 0 && e->found > limit;
}

/* The rows a screen fetches at a time, near enough. */
#define PLAN_PAGE_ROWS 64

/* Parses the filter and plans each word.  Of N rows, with M holding a
 * word, the index visits the M rows (and sorts them); walking the list's
 * order visits about N / M rows for each of the R rows a screen wants
 * (R = PLAN_PAGE_ROWS).  The two meet at M = sqrt(R N): 8,000 of a
 * million rows.  A count with no cap (may_walk false) always takes the
 * index: it must visit every match either way. */
static void filter_plan(struct db *db, const struct db_page_query *pq, bool may_walk,
                        struct filter *f)
{
	filter_words(pq->filter, db_tables[pq->table].search != NULL, f);
	if (db_tables[pq->table].search == NULL)
		return;
	int64_t rows = -1;
	for (int w = 0; w < f->n; w++) {
		if ((f->flag[w] = flag_of(pq->table, f->words[w])) >= 0) {
			f->plan[w] = WORD_FLAG;
			continue;
		}
		if (needs_escape(f->words[w]) || strlen(f->words[w]) < 3)
			continue;
		f->plan[w] = WORD_INDEX;
		if (!may_walk)
			continue;
		if (rows < 0 && db_last_id(db, pq->table, &rows, NULL) != 0)
			rows = 0;
		int64_t meet = (int64_t)sqrt((double)PLAN_PAGE_ROWS * (double)rows);
		if (matches_more_than(db, pq->table, f->words[w], meet))
			f->plan[w] = WORD_WALK;
	}
}

/* Every word must be in the record's text.  Walked and scanned rows are
 * tested on the search table's own copy of the text (FTS5's
 * <name>_content table, column c0): three times quicker than asking the
 * FTS5 table for each row through the virtual table. */
static void add_search(struct sql *q, const struct db_table *tb, const struct filter *f)
{
	for (int w = 0; w < f->n; w++) {
		const char *escape = needs_escape(f->words[w]) ? " ESCAPE '\\'" : "";
		if (f->plan[w] == WORD_FLAG)
			add_flag_condition(q, f->flag[w]);
		else if (f->plan[w] == WORD_INDEX)
			sql_add(q, " AND t.id IN (SELECT rowid FROM %s WHERE text LIKE ?%d)", tb->search,
			        P_FILTER + w);
		else if (f->plan[w] == WORD_SCAN)
			sql_add(q, " AND t.id IN (SELECT id FROM %s_content WHERE c0 LIKE ?%d%s)", tb->search,
			        P_FILTER + w, escape);
		else
			sql_add(q, " AND EXISTS (SELECT 1 FROM %s_content s WHERE s.id = t.id AND s.c0 LIKE ?%d%s)",
			        tb->search, P_FILTER + w, escape);
	}
}

/* Every word must be in one of the text columns or referenced keys. */
static void add_filter(struct sql *q, const struct db_table *tb, const struct filter *f)
{
	if (tb->search) {
		add_search(q, tb, f);
		return;
	}
	for (int w = 0; w < f->n; w++) {
		sql_add(q, " AND (0");
		for (int i = 0; i < tb->column_count; i++) {
			const struct db_column *c = &tb->columns[i];
			if (c->type != DB_TEXT && c->references == TABLE_NONE)
				continue;
			sql_add(q, " OR ");
			sql_add_readable(q, c);
			sql_add(q, " LIKE ?%d ESCAPE '\\'", P_FILTER + w);
		}
		sql_add(q, ")");
	}
}

/* A value, or a part of a text. */
static void add_match(struct sql *q, const struct db_page_query *pq, int i)
{
	const struct db_column *c = &db_tables[pq->table].columns[pq->match_columns[i]];
	if (pq->match_contains[i]) {
		sql_add(q, " AND t.%s LIKE ?%d ESCAPE '\\'", c->name, P_MATCH + i);
	} else {
		sql_add(q, " AND t.%s = ?%d", c->name, P_MATCH + i);
	}
}

static void add_conditions(struct sql *q, const struct db_page_query *pq, const struct filter *f,
                           bool with_position)
{
	const struct db_table *tb = &db_tables[pq->table];
	sql_add(q, " WHERE 1");
	if (pq->parent_column >= 0 && pq->parent_through) {
		const struct db_column *via = &tb->columns[pq->parent_column];
		const struct db_table *parent = &db_tables[via->references];
		sql_add(q, " AND t.%s IN (SELECT id FROM %s WHERE %s = ?%d)", via->name, parent->name,
		        parent->columns[pq->through_column].name, P_PARENT);
	} else if (pq->parent_column >= 0) {
		sql_add(q, " AND t.%s = ?%d", tb->columns[pq->parent_column].name, P_PARENT);
	}
	for (int i = 0; i < pq->match_count; i++)
		add_match(q, pq, i);
	/* A record on one day (a session's date): both bounds on the one
	 * column, so its index reads the range alone, not every row before
	 * it (a month of 10,000,000 sessions counted in 1 s otherwise). */
	if (pq->range_start_column >= 0 && pq->range_start_column == pq->range_end_column)
		sql_add(q, " AND t.%s BETWEEN ?%d AND ?%d", tb->columns[pq->range_start_column].name,
		        P_RANGE_FROM, P_RANGE_TO);
	else if (pq->range_start_column >= 0)
		sql_add(q, " AND t.%s <= ?%d AND (t.%s IS NULL OR t.%s >= ?%d)",
		        tb->columns[pq->range_start_column].name, P_RANGE_TO,
		        tb->columns[pq->range_end_column].name, tb->columns[pq->range_end_column].name,
		        P_RANGE_FROM);
	if (f->n > 0)
		add_filter(q, tb, f);
	if (with_position && pq->has_after) {
		sql_add(q, " AND (");
		add_sort_expression(q, pq, f);
		sql_add(q, ", t.id) %s (?%d, ?%d)", pq->descending ? "<" : ">", P_AFTER_VALUE, P_AFTER_ID);
	}
}

static void compose_page(struct sql *q, const struct db_page_query *pq, const struct filter *f)
{
	if (sorts_by_join(pq, f)) {
		/* CROSS JOIN keeps the referenced table as the outer loop. */
		const struct db_column *c = &db_tables[pq->table].columns[pq->sort_column];
		sql_add_select_columns(q, pq->table);
		sql_add(q, " FROM %s rs CROSS JOIN %s t ON t.%s = rs.id", db_tables[c->references].name,
		        db_tables[pq->table].name, c->name);
	} else {
		sql_add_select_readable(q, pq->table);
	}
	add_conditions(q, pq, f, true);
	const char *dir = pq->descending ? " DESC" : "";
	sql_add(q, " ORDER BY ");
	add_sort_expression(q, pq, f);
	sql_add(q, "%s, t.id%s LIMIT ?%d", dir, dir, P_LIMIT);
}

/* One number per statement shape, to find it again in the cache. */
static int64_t shape_of(const struct db_page_query *pq, const struct filter *f, bool count)
{
	/* Worked in 128 bits, so that no mix of matches and filter words can
	 * overflow; a shape that still does not fit 62 bits (three matches and
	 * many words) is folded into the upper half, where no exact shape
	 * lies. */
	unsigned __int128 shape = (unsigned)pq->table;
	shape = shape * 64 + (unsigned)(pq->sort_column + 1);
	shape = shape * 2 + pq->sort_not_null;
	shape = shape * 64 + (unsigned)(pq->parent_column + 1);
	shape = shape * 16 + (pq->parent_through ? (unsigned)(pq->through_column % 15) + 1 : 0);
	for (int i = 0; i < pq->match_count; i++)
		shape = shape * 128 + (unsigned)(pq->match_columns[i] + 1) * 2 + pq->match_contains[i];
	shape = shape * 4 + (unsigned)pq->match_count;
	shape = shape * 64 + (unsigned)(pq->range_start_column + 1);
	shape = shape * 2 + (pq->range_start_column >= 0 && pq->range_start_column == pq->range_end_column);
	shape = shape * 2 + pq->descending;
	shape = shape * (FILTER_WORDS + 1) + (unsigned)f->n;
	/* A flag word's code names its flag: each has its own condition. */
	for (int w = 0; w < f->n; w++)
		shape = shape * 12 + (unsigned)(f->plan[w] == WORD_FLAG ? 6 + (int)f->flag[w]
		                                : (int)f->plan[w] * 2 + needs_escape(f->words[w]));
	shape = shape * 2 + pq->has_after;
	shape = shape * 2 + count;
	const unsigned __int128 exact_limit = (unsigned __int128)1 << 62;
	if (shape < exact_limit)
		return (int64_t)shape;
	/* The low bits (count or page, after a row or not) stay as they are. */
	uint64_t folded = (uint64_t)shape ^ (uint64_t)(shape >> 62) * 0x9E3779B97F4A7C15u;
	return (int64_t)((folded & (exact_limit - 1)) | (uint64_t)exact_limit);
}

static sqlite3_stmt *page_statement(struct db *db, const struct db_page_query *pq,
                                    const struct filter *f, bool count, struct error *err)
{
	int64_t shape = shape_of(pq, f, count) + 1;   /* 0 marks an empty slot */
	for (int i = 0; i < PAGE_CACHE_SLOTS; i++)
		if (db->page_shapes[i] == shape)
			return db_statement(db, SLOT_PAGE_FIRST + i, NULL, err);
	struct sql q = {.len = 0};
	if (count) {
		/* Counting stops at the cap: "1000+" is all a screen needs while
		 * a short filter still matches most of a large table. */
		/* With nothing but the filter, rows are walked in id order: any
		 * index would do, but the planner picks the smallest, and in a
		 * name index the rows a name fragment matches sit together, far
		 * from the start ("smi": 1.6 s by last name, 9 ms by id). */
		bool filter_only = f->n > 0 && pq->parent_column < 0 && pq->match_count == 0 &&
		                   pq->range_start_column < 0;
		sql_add(&q, "SELECT count(*) FROM (SELECT 1 FROM %s t%s", db_tables[pq->table].name,
		        filter_only ? " NOT INDEXED" : "");
		add_conditions(&q, pq, f, false);
		sql_add(&q, " LIMIT ?%d)", P_LIMIT);
	} else {
		compose_page(&q, pq, f);
	}
	int slot = db->page_next;
	db->page_next = (db->page_next + 1) % PAGE_CACHE_SLOTS;
	sqlite3_finalize(db->stmts[SLOT_PAGE_FIRST + slot]);
	db->stmts[SLOT_PAGE_FIRST + slot] = NULL;
	db->page_shapes[slot] = 0;
	sqlite3_stmt *stmt = db_statement(db, SLOT_PAGE_FIRST + slot, q.text, err);
	if (stmt != NULL)
		db->page_shapes[slot] = shape;
	return stmt;
}

/* "%text%" with the user's % _ and \ taken literally. */
static void like_pattern(const char *filter, char *buf, size_t len)
{
	size_t n = 0;
	buf[n++] = '%';
	for (const char *c = filter; *c && n + 3 < len; c++) {
		if (*c == '%' || *c == '_' || *c == '\\')
			buf[n++] = '\\';
		buf[n++] = *c;
	}
	buf[n++] = '%';
	buf[n] = '\0';
}

static void bind_query(sqlite3_stmt *stmt, const struct db_page_query *pq, const struct filter *f,
                       bool count)
{
	char pattern[300];
	bool flags = false;
	for (int w = 0; w < f->n; w++) {
		if (f->plan[w] == WORD_FLAG) {
			flags = true;
			continue;
		}
		if (db_tables[pq->table].search && !needs_escape(f->words[w]))
			snprintf(pattern, sizeof pattern, "%%%.127s%%", f->words[w]);
		else
			like_pattern(f->words[w], pattern, sizeof pattern);
		sqlite3_bind_text(stmt, P_FILTER + w, pattern, -1, SQLITE_TRANSIENT);
	}
	if (flags) {
		sqlite3_bind_text(stmt, P_FLAGS_ON, pq->flags_on ? pq->flags_on : "", -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(stmt, P_SOON_DAYS, pq->ending_soon_days);
	}
	if (pq->parent_column >= 0)
		sqlite3_bind_int64(stmt, P_PARENT, pq->parent_id);
	for (int i = 0; i < pq->match_count; i++) {
		if (pq->match_contains[i] && pq->match_values[i].type == DBV_TEXT) {
			like_pattern(pq->match_values[i].s, pattern, sizeof pattern);
			sqlite3_bind_text(stmt, P_MATCH + i, pattern, -1, SQLITE_TRANSIENT);
		} else {
			db_bind(stmt, P_MATCH + i, &pq->match_values[i]);
		}
	}
	if (pq->range_start_column >= 0) {
		sqlite3_bind_text(stmt, P_RANGE_FROM, pq->range_from, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(stmt, P_RANGE_TO, pq->range_to, -1, SQLITE_TRANSIENT);
	}
	if (count) {
		sqlite3_bind_int64(stmt, P_LIMIT, pq->count_cap > 0 ? pq->count_cap : -1);
		return;
	}
	if (pq->has_after) {
		/* In entry order the sort value is the id itself. */
		struct db_value v = pq->sort_column < 0 ? db_int(pq->after_id)
		                    : pq->after_value.type == DBV_NULL ? db_text("") : pq->after_value;
		db_bind(stmt, P_AFTER_VALUE, &v);
		sqlite3_bind_int64(stmt, P_AFTER_ID, pq->after_id);
	}
	sqlite3_bind_int(stmt, P_LIMIT, pq->limit);
}

/* How much a walk may do for a word no index serves before it turns to
 * a scan of the search text: SQLite calls spend() every PROGRESS_STEP
 * virtual machine instructions, and the walk stops after WALK_STEPS
 * calls (about 5 ms here).  A walk that finds its rows sooner (letters in
 * many rows, spread through the list's order) is left to finish; one
 * that has not, because the rows are few or bunched far along the order
 * (a ref's first letters, "C5" in C050000-C059999), then costs one pass
 * over the text, cheaper than walking the list's index with a lookup
 * per row: on 100,000 contracts the slowest second letter went from 121
 * to 60 ms. */
#define PROGRESS_STEP 1000
#define WALK_STEPS 200

/* What SQLite's progress handler watches while one db_page or
 * db_page_count runs: a walk's budget, and the slice's key and time. */
struct progress {
	int walk_steps;           /* calls left in a walk's budget; -1: none */
	bool walk_out;            /* the walk's budget ran out */
	struct db_slice *slice;   /* NULL: never stops for a key or the time */
	bool may_pause;           /* rows come out as found, in order, not after a sort */
	int rows;                 /* rows given by this call */
	int64_t deadline_us, first_row_us;
	db_row_fn fn;             /* where the rows counted go */
	void *ctx;
};

/* A slice that has given a row pauses when its time is up, or one budget
 * after its first row if that came later: a walk then shows what it
 * found, while rows that follow a sort (all within microseconds of the
 * first) are not cut off only to sort again. */
static int on_progress(void *ctx)
{
	struct progress *p = ctx;
	if (p->walk_steps >= 0 && --p->walk_steps < 0) {
		p->walk_out = true;
		return 1;
	}
	struct db_slice *s = p->slice;
	if (s == NULL)
		return 0;
	if (s->stop != NULL && s->stop(s->stop_ctx)) {
		s->paused = s->for_key = true;
		return 1;
	}
	if (p->may_pause && p->rows > 0) {
		int64_t now = clock_us();
		if (now >= p->deadline_us && now >= p->first_row_us + s->budget_us) {
			s->paused = true;
			return 1;
		}
	}
	return 0;
}

static int count_row(void *ctx, const struct db_value *cols, int count)
{
	struct progress *p = ctx;
	if (p->rows++ == 0)
		p->first_row_us = clock_us();
	return p->fn(p->ctx, cols, count);
}

static bool slice_paused(const struct progress *p)
{
	return p->slice != NULL && p->slice->paused;
}

static void progress_start(struct db *db, struct progress *p, const struct db_page_query *q)
{
	*p = (struct progress){.walk_steps = -1, .slice = q->slice};
	if (p->slice != NULL) {
		p->slice->paused = p->slice->for_key = false;
		p->deadline_us = clock_us() + p->slice->budget_us;
	}
	sqlite3_progress_handler(db->conn, PROGRESS_STEP, on_progress, p);
}

static void progress_end(struct db *db)
{
	db_watch_restore(db);
}

/* Runs stmt as db_walk does, within the walk budget when budget is set:
 * p->walk_out or the slice's paused says whether it was stopped (then
 * err is clear and fn saw only some rows). */
static int walk_watched(struct db *db, sqlite3_stmt *stmt, db_row_fn fn, void *ctx,
                        struct progress *p, bool budget, struct error *err, const char *what)
{
	p->walk_out = false;
	p->walk_steps = budget ? WALK_STEPS : -1;
	int rc = db_walk(db, stmt, fn, ctx, err, what);
	p->walk_steps = -1;
	if (rc != 0 && (p->walk_out || slice_paused(p)) &&
	    sqlite3_errcode(db->conn) == SQLITE_INTERRUPT) {
		error_clear(err);
		rc = 0;
	}
	return rc;
}

/* Whether a word the index cannot serve (one or two letters, or % _ \)
 * is walked: then the walk has a budget, and a scan of the text to fall
 * back on.  (Longer words are walked only when they are in many rows,
 * where the index would hand back too many to sort.) */
static bool walks_unindexed(const struct db_page_query *q, const struct filter *f)
{
	for (int w = 0; db_tables[q->table].search && w < f->n; w++)
		if (f->plan[w] == WORD_WALK && (strlen(f->words[w]) < 3 || needs_escape(f->words[w])))
			return true;
	return false;
}

/* After the walk ran out: those words looked for by a scan instead. */
static void walk_no_more(struct filter *f)
{
	for (int w = 0; w < f->n; w++)
		if (f->plan[w] == WORD_WALK && (strlen(f->words[w]) < 3 || needs_escape(f->words[w])))
			f->plan[w] = WORD_SCAN;
}

/* Passes rows on, keeping the last one's place in the order. */
struct relay {
	db_row_fn fn;
	void *ctx;
	int sort_column;
	int rows;
	struct db_value last_value;   /* its text owned here */
	int64_t last_id;
};

static int relay_row(void *ctx, const struct db_value *cols, int count)
{
	struct relay *r = ctx;
	if (r->last_value.type == DBV_TEXT)
		free((char *)r->last_value.s);
	r->last_value = r->sort_column >= 0 ? cols[r->sort_column + 1] : db_int(cols[0].i);
	if (r->last_value.type == DBV_TEXT && (r->last_value.s = strdup(r->last_value.s)) == NULL)
		return EX_OSERR;
	r->last_id = cols[0].i;
	r->rows++;
	return r->fn(r->ctx, cols, count);
}

static int run_page(struct db *db, const struct db_page_query *q, const struct filter *f,
                    db_row_fn fn, void *ctx, struct progress *p, bool budget, struct error *err)
{
	sqlite3_stmt *stmt = page_statement(db, q, f, false, err);
	if (stmt == NULL)
		return err ? err->code : EX_SOFTWARE;
	bind_query(stmt, q, f, false);
	return walk_watched(db, stmt, fn, ctx, p, budget, err, db_tables[q->table].name);
}

/* Whether the page's rows come out as the walk finds them: no word is
 * looked for by the index or a scan, whose rows are sorted first. */
static bool rows_in_order(const struct filter *f)
{
	for (int w = 0; w < f->n; w++)
		if (f->plan[w] == WORD_INDEX || f->plan[w] == WORD_SCAN)
			return false;
	return true;
}

static int page_watched(struct db *db, const struct db_page_query *q, db_row_fn fn, void *ctx,
                        struct progress *p, struct error *err)
{
	struct filter f;
	filter_plan(db, q, true, &f);
	if (slice_paused(p))
		return 0;   /* a key came while the words were weighed */
	if (q->slice != NULL && q->slice->scan_short_words)
		walk_no_more(&f);
	p->may_pause = rows_in_order(&f);
	if (!walks_unindexed(q, &f))
		return run_page(db, q, &f, fn, ctx, p, false, err);
	struct relay r = {fn, ctx, q->sort_column, 0, {.type = DBV_NULL}, 0};
	int rc = run_page(db, q, &f, relay_row, &r, p, true, err);
	if (rc == 0 && p->walk_out) {
		/* The rest of the page from just after the last row given. */
		struct db_page_query rest = *q;
		if (r.rows > 0) {
			rest.has_after = true;
			rest.after_value = r.last_value;
			rest.after_id = r.last_id;
		}
		rest.limit -= r.rows;
		walk_no_more(&f);
		if (q->slice != NULL)
			q->slice->scan_short_words = true;
		p->may_pause = false;
		rc = run_page(db, &rest, &f, fn, ctx, p, false, err);
	}
	if (r.last_value.type == DBV_TEXT)
		free((char *)r.last_value.s);
	return rc;
}

int db_page(struct db *db, const struct db_page_query *q, db_row_fn fn, void *ctx,
            struct error *err)
{
	struct progress p;
	progress_start(db, &p, q);
	p.fn = fn;
	p.ctx = ctx;
	int rc = page_watched(db, q, count_row, &p, &p, err);
	progress_end(db);
	return rc;
}

static int take_count(void *ctx, const struct db_value *cols, int count)
{
	(void)count;
	*(int64_t *)ctx = cols[0].i;
	return 0;
}

static int run_count(struct db *db, const struct db_page_query *q, const struct filter *f,
                     struct progress *p, bool budget, int64_t *count, struct error *err)
{
	sqlite3_stmt *stmt = page_statement(db, q, f, true, err);
	if (stmt == NULL)
		return err ? err->code : EX_SOFTWARE;
	bind_query(stmt, q, f, true);
	*count = 0;
	return walk_watched(db, stmt, take_count, count, p, budget, err, db_tables[q->table].name);
}

/* Whether q counts a whole table, and the file's state to compare. */
static bool whole_table(const struct db_page_query *q)
{
	return q->parent_column < 0 && q->match_count == 0 && q->range_start_column < 0 &&
	       (q->filter == NULL || strspn(q->filter, " ") == strlen(q->filter));
}

static int file_state(struct db *db, struct table_count *now, struct error *err)
{
	sqlite3_stmt *stmt = db_statement(db, SLOT_DATA_VERSION, "PRAGMA data_version", err);
	if (stmt == NULL)
		return err ? err->code : EX_SOFTWARE;
	int rc = sqlite3_step(stmt);
	now->data_version = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : -1;
	sqlite3_reset(stmt);
	now->own_changes = sqlite3_total_changes64(db->conn);
	return rc == SQLITE_ROW ? 0 : db_fail(db, rc, err, "data version");
}

/* A whole table's count is kept until the file changes, by this
 * connection or another: clearing a filter on 500,000 spot purchases
 * then costs no count (about 30 ms). */
static int count_whole_table(struct db *db, const struct db_page_query *q, struct progress *p,
                             int64_t *count, struct error *err)
{
	struct table_count now = {.known = true}, *kept = &db->counts[q->table];
	int rc = file_state(db, &now, err);
	if (rc != 0)
		return rc;
	if (kept->known && kept->own_changes == now.own_changes &&
	    kept->data_version == now.data_version) {
		*count = kept->rows;
		return 0;
	}
	kept->known = false;
	rc = run_count(db, q, &(struct filter){.n = 0}, p, false, count, err);
	if (rc == 0 && !slice_paused(p) && q->count_cap <= 0) {
		now.rows = *count;
		*kept = now;
	}
	return rc;
}

static int count_watched(struct db *db, const struct db_page_query *q, struct progress *p,
                         int64_t *count, struct error *err)
{
	if (whole_table(q))
		return count_whole_table(db, q, p, count, err);
	struct filter f;
	/* A capped count is planned as a page: counting a word's matches
	 * through the index as far as a count's own meeting point
	 * (sqrt(1001 N)) cost more than the walk it saved. */
	filter_plan(db, q, q->count_cap > 0, &f);
	if (slice_paused(p))
		return 0;
	if (q->slice != NULL && q->slice->scan_short_words)
		walk_no_more(&f);
	int rc = run_count(db, q, &f, p, walks_unindexed(q, &f), count, err);
	if (rc != 0 || !p->walk_out)
		return rc;
	/* Counted again by a scan of the text, from the start. */
	walk_no_more(&f);
	return run_count(db, q, &f, p, false, count, err);
}

int db_page_count(struct db *db, const struct db_page_query *q, int64_t *count,
                  struct error *err)
{
	struct progress p;
	progress_start(db, &p, q);
	int rc = count_watched(db, q, &p, count, err);
	progress_end(db);
	if (rc == 0 && slice_paused(&p))
		*count = -1;
	return rc;
}
