#include "db/page.h"

#include <stdio.h>
#include <string.h>

#include "db/compose.h"
#include "db/db_internal.h"

/* Parameters: ?1 filter pattern, ?2 parent id, ?3..?5 matches, ?6 and ?7
 * the range, ?8 after value, ?9 after id, ?10 limit.  Unused ones are
 * simply left unbound. */
#define FILTER_WORDS 4

enum { P_FILTER = 1, P_PARENT = P_FILTER + FILTER_WORDS, P_MATCH, P_RANGE_FROM = P_MATCH + DB_PAGE_MAX_MATCHES, P_RANGE_TO,
       P_AFTER_VALUE, P_AFTER_ID, P_LIMIT };

/* The sort expression: NULLs sort as '' so that (sort, id) comparisons
 * never meet a NULL and lose rows. */
static void add_sort_expression(struct sql *q, const struct db_page_query *pq)
{
	if (pq->sort_column < 0) {
		sql_add(q, "t.id");
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

/* The words typed, at most FILTER_WORDS of them: "Lee Ashby" finds the
 * child whose first name holds one and last name the other. */
static int filter_words(const char *filter, char words[][128])
{
	int n = 0;
	const char *c = filter ? filter : "";
	while (*c && n < FILTER_WORDS) {
		while (*c == ' ')
			c++;
		size_t len = strcspn(c, " ");
		if (len == 0)
			break;
		snprintf(words[n++], 128, "%.*s", (int)(len < 127 ? len : 127), c);
		c += len;
	}
	return n;
}

/* A word with % _ or \ needs LIKE's ESCAPE, which the trigram index
 * cannot serve; plain words (nearly all) can. */
static bool needs_escape(const char *word)
{
	return strpbrk(word, "%_\\") != NULL;
}

/* Every word must be in the record's text: looked up in its trigram
 * search table where it has one. */
static void add_search(struct sql *q, const struct db_table *tb, char words[][128], int n)
{
	for (int w = 0; w < n; w++) {
		const char *escape = needs_escape(words[w]) ? " ESCAPE '\\'" : "";
		/* Three letters or more: the trigram index finds the few rows.
		 * Fewer match most rows: test each row as the list walks its
		 * order instead, so a page stops after its rows. */
		if (strlen(words[w]) >= 3 && !escape[0])
			sql_add(q, " AND t.id IN (SELECT rowid FROM %s WHERE text LIKE ?%d)", tb->search,
			        P_FILTER + w);
		else
			sql_add(q, " AND EXISTS (SELECT 1 FROM %s s WHERE s.rowid = t.id AND s.text LIKE ?%d%s)",
			        tb->search, P_FILTER + w, escape);
	}
}

/* Every word must be in one of the text columns or referenced keys. */
static void add_filter(struct sql *q, const struct db_table *tb, char words[][128], int n)
{
	if (tb->search) {
		add_search(q, tb, words, n);
		return;
	}
	for (int w = 0; w < n; w++) {
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

static void add_conditions(struct sql *q, const struct db_page_query *pq, bool with_position)
{
	const struct db_table *tb = &db_tables[pq->table];
	sql_add(q, " WHERE 1");
	if (pq->parent_column >= 0)
		sql_add(q, " AND t.%s = ?%d", tb->columns[pq->parent_column].name, P_PARENT);
	for (int i = 0; i < pq->match_count; i++)
		sql_add(q, " AND t.%s = ?%d", tb->columns[pq->match_columns[i]].name, P_MATCH + i);
	if (pq->range_start_column >= 0)
		sql_add(q, " AND t.%s <= ?%d AND (t.%s IS NULL OR t.%s >= ?%d)",
		        tb->columns[pq->range_start_column].name, P_RANGE_TO,
		        tb->columns[pq->range_end_column].name, tb->columns[pq->range_end_column].name,
		        P_RANGE_FROM);
	char words[FILTER_WORDS][128];
	int n = filter_words(pq->filter, words);
	if (n > 0)
		add_filter(q, tb, words, n);
	if (with_position && pq->has_after) {
		sql_add(q, " AND (");
		add_sort_expression(q, pq);
		sql_add(q, ", t.id) %s (?%d, ?%d)", pq->descending ? "<" : ">", P_AFTER_VALUE, P_AFTER_ID);
	}
}

static void compose_page(struct sql *q, const struct db_page_query *pq)
{
	sql_add_select_readable(q, pq->table);
	add_conditions(q, pq, true);
	const char *dir = pq->descending ? " DESC" : "";
	sql_add(q, " ORDER BY ");
	add_sort_expression(q, pq);
	sql_add(q, "%s, t.id%s LIMIT ?%d", dir, dir, P_LIMIT);
}

/* One number per statement shape, to find it again in the cache. */
static int64_t shape_of(const struct db_page_query *pq, bool count)
{
	int64_t shape = pq->table;
	shape = shape * 64 + (pq->sort_column + 1);
	shape = shape * 2 + pq->sort_not_null;
	shape = shape * 64 + (pq->parent_column + 1);
	for (int i = 0; i < pq->match_count; i++)
		shape = shape * 64 + (pq->match_columns[i] + 1);
	shape = shape * 4 + pq->match_count;
	shape = shape * 64 + (pq->range_start_column + 1);
	shape = shape * 2 + pq->descending;
	char words[FILTER_WORDS][128];
	int n = filter_words(pq->filter, words);
	shape = shape * (FILTER_WORDS + 1) + n;
	for (int w = 0; w < n; w++)
		shape = shape * 3 + (needs_escape(words[w]) ? 2 : strlen(words[w]) >= 3);
	shape = shape * 2 + pq->has_after;
	return shape * 2 + count;
}

static sqlite3_stmt *page_statement(struct db *db, const struct db_page_query *pq, bool count,
                                    struct error *err)
{
	int64_t shape = shape_of(pq, count) + 1;   /* 0 marks an empty slot */
	for (int i = 0; i < PAGE_CACHE_SLOTS; i++)
		if (db->page_shapes[i] == shape)
			return db_statement(db, SLOT_PAGE_FIRST + i, NULL, err);
	struct sql q = {.len = 0};
	if (count) {
		/* Counting stops at the cap: "1000+" is all a screen needs while
		 * a short filter still matches most of a large table. */
		sql_add(&q, "SELECT count(*) FROM (SELECT 1 FROM %s t", db_tables[pq->table].name);
		add_conditions(&q, pq, false);
		sql_add(&q, " LIMIT ?%d)", P_LIMIT);
	} else {
		compose_page(&q, pq);
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

static void bind_query(sqlite3_stmt *stmt, const struct db_page_query *pq, bool count)
{
	char words[FILTER_WORDS][128], pattern[300];
	int n = filter_words(pq->filter, words);
	for (int w = 0; w < n; w++) {
		if (db_tables[pq->table].search && !needs_escape(words[w]))
			snprintf(pattern, sizeof pattern, "%%%.127s%%", words[w]);
		else
			like_pattern(words[w], pattern, sizeof pattern);
		sqlite3_bind_text(stmt, P_FILTER + w, pattern, -1, SQLITE_TRANSIENT);
	}
	if (pq->parent_column >= 0)
		sqlite3_bind_int64(stmt, P_PARENT, pq->parent_id);
	for (int i = 0; i < pq->match_count; i++)
		db_bind(stmt, P_MATCH + i, &pq->match_values[i]);
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

int db_page(struct db *db, const struct db_page_query *q, db_row_fn fn, void *ctx,
            struct error *err)
{
	sqlite3_stmt *stmt = page_statement(db, q, false, err);
	if (stmt == NULL)
		return err ? err->code : EX_SOFTWARE;
	bind_query(stmt, q, false);
	return db_walk(db, stmt, fn, ctx, err, db_tables[q->table].name);
}

static int take_count(void *ctx, const struct db_value *cols, int count)
{
	(void)count;
	*(int64_t *)ctx = cols[0].i;
	return 0;
}

int db_page_count(struct db *db, const struct db_page_query *q, int64_t *count,
                  struct error *err)
{
	sqlite3_stmt *stmt = page_statement(db, q, true, err);
	if (stmt == NULL)
		return err ? err->code : EX_SOFTWARE;
	bind_query(stmt, q, true);
	*count = 0;
	return db_walk(db, stmt, take_count, count, err, db_tables[q->table].name);
}
