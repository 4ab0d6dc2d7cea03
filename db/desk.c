#include "db/desk.h"

#include <stdio.h>

#include "db/db_internal.h"
#include "db/entries.h"

/* This file's statements, each in its own slot from SLOT_DESK_FIRST. */
enum desk_statement {
	DESK_ENTRY_FIGURES,
	DESK_CHILD_THERAPIES,
	DESK_FIRST_ENTRY,
	DESK_ENTRY_MINUTES,
	DESK_LAST_THERAPIST,
	DESK_COVERING,
	DESK_USER_ID,
	DESK_HAS_CASELOAD,
	DESK_DUE_CASELOAD,
	DESK_DUE_EVERYONE,
	DESK_STATEMENT_COUNT
};

_Static_assert(SLOT_DESK_FIRST + DESK_STATEMENT_COUNT <= SLOT_DESK_LAST + 1,
               "db_internal.h reserves too few slots for db/desk.c");

static sqlite3_stmt *statement(struct db *db, enum desk_statement which, const char *sql,
                               struct error *err)
{
	return db_statement(db, SLOT_DESK_FIRST + (int)which, sql, err);
}

static void bind_text(sqlite3_stmt *stmt, int index, const char *text)
{
	sqlite3_bind_text(stmt, index, text, -1, SQLITE_TRANSIENT);
}

/* Steps a statement that gives at most one row of one integer. */
static int one_integer(struct db *db, sqlite3_stmt *stmt, int64_t *value, bool *found,
                       struct error *err, const char *what)
{
	int rc = sqlite3_step(stmt);
	*found = rc == SQLITE_ROW;
	if (*found)
		*value = sqlite3_column_int64(stmt, 0);
	sqlite3_reset(stmt);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_fail(db, rc, err, what);
}

int db_desk_entry_figures(struct db *db, int64_t entry_id, const char *from, const char *to,
                          const char *terms, db_row_fn fn, void *ctx, struct error *err)
{
	/* GROUP BY gives no row when there is no such entry. */
	sqlite3_stmt *stmt = statement(db, DESK_ENTRY_FIGURES,
		"SELECT e.mpw, e.ceased, "
		"       " SQL_SPECIFIED("e.mpw", "e.lo", "e.hi", "e.tto", "?4") ", "
		"       ifnull(sum(CASE WHEN " SQL_DELIVERED("p") " THEN p.minutes END), 0), "
		"       count(p.id) - count(CASE WHEN " SQL_MISSED("p") " THEN 1 END), "
		"       count(CASE WHEN " SQL_MISSED("p") " THEN 1 END), "
		"       ifnull(sum(CASE WHEN " SQL_MISSED("p") " THEN p.minutes END), 0), "
		"       count(CASE WHEN p.outcome = 'provider-cancelled' THEN 1 END), "
		"       count(CASE WHEN p.outcome = 'school-cancelled' THEN 1 END), "
		"       count(CASE WHEN p.outcome = 'child-absent' THEN 1 END), "
		"       count(CASE WHEN p.outcome = 'did-not-attend' THEN 1 END) "
		"FROM (SELECT te.id, te.minutes_per_week AS mpw, te.term_time_only AS tto, "
		"             max(te.start_date, ?2) AS lo, min(ifnull(te.end_date, ?3), ?3) AS hi, "
		"             ifnull(c.ehcp_status, 'active') = 'ceased' AS ceased "
		"      FROM therapy_entries te JOIN children c ON c.id = te.child_id "
		"      WHERE te.id = ?1) e "
		"LEFT JOIN provision p ON p.entry_id = e.id AND p.date >= e.lo AND p.date <= e.hi "
		"GROUP BY e.id", err);
	if (stmt == NULL)
		return err ? err->code : EX_SOFTWARE;
	sqlite3_bind_int64(stmt, 1, entry_id);
	bind_text(stmt, 2, from);
	bind_text(stmt, 3, to);
	bind_text(stmt, 4, terms);
	return db_walk(db, stmt, fn, ctx, err, "delivered and specified minutes");
}

int db_desk_child_therapies(struct db *db, int64_t child_id, const char *from,
                            const char *today, const char *terms, db_row_fn fn, void *ctx,
                            struct error *err)
{
	sqlite3_stmt *stmt = statement(db, DESK_CHILD_THERAPIES,
		"SELECT e.section, e.therapy, "
		"       e.start_date <= ?3 AND (e.end_date IS NULL OR e.end_date >= ?3), "
		"       CASE WHEN e.mpw IS NULL OR e.hi < e.lo THEN 0 "
		"            ELSE " SQL_SPECIFIED("e.mpw", "e.lo", "e.hi", "e.tto", "?4")
		"                 > (SELECT ifnull(sum(p.minutes), 0) FROM provision p "
		"                    WHERE p.entry_id = e.id AND p.date >= e.lo AND p.date <= e.hi "
		"                      AND " SQL_DELIVERED("p") ") END, "
		"       e.ceased "
		"FROM (SELECT te.id, te.section, te.therapy, te.start_date, te.end_date, "
		"             te.minutes_per_week AS mpw, te.term_time_only AS tto, "
		"             max(te.start_date, ?2) AS lo, min(ifnull(te.end_date, ?3), ?3) AS hi, "
		"             ifnull(c.ehcp_status, 'active') = 'ceased' AS ceased "
		"      FROM therapy_entries te JOIN children c ON c.id = te.child_id "
		"      WHERE te.child_id = ?1 AND te.start_date <= ?3 "
		"        AND (te.end_date IS NULL OR te.end_date >= ?2)) e "
		"ORDER BY e.section, e.therapy, e.id", err);
	if (stmt == NULL)
		return err ? err->code : EX_SOFTWARE;
	sqlite3_bind_int64(stmt, 1, child_id);
	bind_text(stmt, 2, from);
	bind_text(stmt, 3, today);
	bind_text(stmt, 4, terms);
	return db_walk(db, stmt, fn, ctx, err, "a child's therapy");
}

int db_desk_first_entry(struct db *db, int64_t child_id, const char *today, int64_t *entry_id,
                        struct error *err)
{
	sqlite3_stmt *stmt = statement(db, DESK_FIRST_ENTRY,
		"SELECT id FROM therapy_entries "
		"WHERE child_id = ?1 AND start_date <= ?2 AND (end_date IS NULL OR end_date >= ?2) "
		"ORDER BY section, start_date, id LIMIT 1", err);
	if (stmt == NULL)
		return err ? err->code : EX_SOFTWARE;
	sqlite3_bind_int64(stmt, 1, child_id);
	bind_text(stmt, 2, today);
	bool found;
	*entry_id = 0;
	return one_integer(db, stmt, entry_id, &found, err, "a child's first entry");
}

int db_desk_entry_minutes(struct db *db, int64_t entry_id, bool *found, int64_t *weekly,
                          int64_t *last, struct error *err)
{
	sqlite3_stmt *stmt = statement(db, DESK_ENTRY_MINUTES,
		"SELECT ifnull(te.minutes_per_week, -1), "
		"       ifnull((SELECT p.minutes FROM provision p WHERE p.entry_id = te.id "
		"               ORDER BY p.date DESC, p.id DESC LIMIT 1), -1) "
		"FROM therapy_entries te WHERE te.id = ?1", err);
	if (stmt == NULL)
		return err ? err->code : EX_SOFTWARE;
	sqlite3_bind_int64(stmt, 1, entry_id);
	int rc = sqlite3_step(stmt);
	*found = rc == SQLITE_ROW;
	*weekly = *found ? sqlite3_column_int64(stmt, 0) : -1;
	*last = *found ? sqlite3_column_int64(stmt, 1) : -1;
	sqlite3_reset(stmt);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_fail(db, rc, err, "an entry's minutes");
}

int db_desk_last_therapist(struct db *db, const char *login, char *buf, size_t len,
                           struct error *err)
{
	/* audit_login (login, kind, id) is walked from the newest row back,
	 * reading only this login's provision changes. */
	sqlite3_stmt *stmt = statement(db, DESK_LAST_THERAPIST,
		"SELECT after ->> 'therapist' FROM audit "
		"WHERE login = ?1 AND kind = 'provision' AND after IS NOT NULL "
		"  AND ifnull(after ->> 'therapist', '') <> '' "
		"ORDER BY id DESC LIMIT 1", err);
	if (stmt == NULL)
		return err ? err->code : EX_SOFTWARE;
	bind_text(stmt, 1, login);
	int rc = sqlite3_step(stmt);
	const unsigned char *text = rc == SQLITE_ROW ? sqlite3_column_text(stmt, 0) : NULL;
	snprintf(buf, len, "%s", text ? (const char *)text : "");
	sqlite3_reset(stmt);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 :
	       db_fail(db, rc, err, "the last therapist");
}

int db_desk_covering_contracts(struct db *db, const char *district, const char *therapy,
                               const char *on, db_row_fn fn, void *ctx, struct error *err)
{
	/* "In force" as db/coverage.c and the coverage report read it. */
	sqlite3_stmt *stmt = statement(db, DESK_COVERING,
		"SELECT c.id, c.ref, p.code "
		"FROM coverage cv "
		"JOIN contracts c ON c.id = cv.contract_id "
		"JOIN providers p ON p.id = c.provider_id "
		"WHERE cv.district = ?1 AND cv.therapy = ?2 "
		"  AND c.start_date <= ?3 AND c.end_date >= ?3 "
		"  AND ifnull(c.status, 'active') <> 'draft' "
		"ORDER BY c.ref", err);
	if (stmt == NULL)
		return err ? err->code : EX_SOFTWARE;
	bind_text(stmt, 1, district);
	bind_text(stmt, 2, therapy);
	bind_text(stmt, 3, on);
	return db_walk(db, stmt, fn, ctx, err, "contracts covering a district");
}

int db_desk_user_id(struct db *db, const char *login, int64_t *id, struct error *err)
{
	sqlite3_stmt *stmt = statement(db, DESK_USER_ID,
		"SELECT id FROM users WHERE login = ?1", err);
	if (stmt == NULL)
		return err ? err->code : EX_SOFTWARE;
	bind_text(stmt, 1, login);
	bool found;
	*id = 0;
	return one_integer(db, stmt, id, &found, err, "a login's user");
}

int db_desk_has_caseload(struct db *db, int64_t user_id, bool *has, struct error *err)
{
	sqlite3_stmt *stmt = statement(db, DESK_HAS_CASELOAD,
		"SELECT 1 FROM children WHERE caseworker_id = ?1 LIMIT 1", err);
	if (stmt == NULL)
		return err ? err->code : EX_SOFTWARE;
	sqlite3_bind_int64(stmt, 1, user_id);
	int64_t one;
	return one_integer(db, stmt, &one, has, err, "a caseload");
}

/* (Each figure is computed once: MATERIALIZED keeps SQLite from copying
 * a correlated subquery into every place its column is used.)
 * The Due list, for the children that kids_from selects (?1 is the
 * caseworker's id; the caseload's index is named, so that statistics
 * gathered before caseworkers were assigned cannot steer the plan to
 * reading every child).  The caseload's children and each child's
 * entries are read from the covering indexes of migration 0012
 * (children_caseload_reviews, therapy_entries_child_plan), not their
 * tables: on a national database whose pages are not yet in memory that
 * reads 40% fewer pages (572 against 931 for a caseload of 145), which
 * is most of the first page's time.  Parameters: ?2 today, ?3 review_by, (?4 unused),
 * ?5 the shortfall window's first day, ?6 terms (cut to the window
 * once, due_terms, rather than walked whole for every term-time-only
 * entry), ?7-?11 the row to continue after, ?12 the limit.  Every action is computed for the
 * selected children only, through children_caseload_reviews,
 * therapy_entries_child_plan and provision(entry_id, date). */
#define DUE_SQL(kids_from) \
	"WITH due_terms AS MATERIALIZED (" \
	"  SELECT json_group_array(t.value) AS pairs FROM json_each(?6) t " \
	"  WHERE t.value ->> 0 <= ?2 AND t.value ->> 1 >= ?5), " \
	"kids AS (" \
	"  SELECT id, ref, first_name, last_name, ehcp_start_date, last_review_date " \
	"  FROM " kids_from " AND ifnull(ehcp_status, 'active') <> 'ceased'), " \
	"ents AS (" \
	"  SELECT te.id, te.child_id, te.section, te.therapy, te.start_date, te.end_date, " \
	"         te.minutes_per_week AS mpw, te.term_time_only AS tto, " \
	"         max(te.start_date, ?5) AS lo, min(ifnull(te.end_date, ?2), ?2) AS hi " \
	"  FROM kids k JOIN therapy_entries te ON te.child_id = k.id " \
	"  WHERE te.start_date <= ?2 AND (te.end_date IS NULL OR te.end_date >= ?5)), " \
	"lasts AS MATERIALIZED (" \
	"  SELECT e.id, e.child_id, e.therapy, e.section, e.start_date, " \
	"         (SELECT max(p.date) FROM provision p " \
	"          WHERE p.entry_id = e.id AND p.date <= ?2) AS last " \
	"  FROM ents e WHERE e.section = 'F' AND (e.end_date IS NULL OR e.end_date >= ?2)), " \
	"figures AS MATERIALIZED (" \
	"  SELECT e.id, e.child_id, e.therapy, e.section, " \
	"         " SQL_SPECIFIED("e.mpw", "e.lo", "e.hi", "e.tto", "(SELECT pairs FROM due_terms)") \
	"           AS specified, " \
	"         (SELECT ifnull(sum(p.minutes), 0) FROM provision p " \
	"          WHERE p.entry_id = e.id AND p.date >= e.lo AND p.date <= e.hi " \
	"            AND " SQL_DELIVERED("p") ") AS delivered " \
	"  FROM ents e WHERE e.mpw IS NOT NULL AND e.hi >= e.lo), " \
	"actions AS (" \
	"  SELECT 0 AS grp, unixepoch(due) / 86400 AS key, id AS child_id, 0 AS entry_id, " \
	"         1 AS action, due, NULL AS therapy, NULL AS section, NULL AS specified, " \
	"         NULL AS delivered, NULL AS last " \
	"  FROM (SELECT id, date(ifnull(last_review_date, ehcp_start_date), '+12 months') AS due " \
	"        FROM kids WHERE ifnull(last_review_date, ehcp_start_date) IS NOT NULL) " \
	"  WHERE due <= ?3 " \
	"  UNION ALL " \
	"  SELECT 0, unixepoch(due) / 86400, child_id, id, 2, due, therapy, section, " \
	"         NULL, NULL, last " \
	"  FROM (SELECT id, child_id, therapy, section, last, " \
	"               date(ifnull(last, start_date), '+28 days') AS due " \
	"        FROM lasts) " \
	"  WHERE due <= ?2 " \
	"  UNION ALL " \
	"  SELECT 1, delivered - specified, child_id, id, 3, ?2, therapy, section, " \
	"         specified, delivered, NULL " \
	"  FROM figures WHERE specified > delivered) " \
	"SELECT a.grp, a.key, a.child_id, a.entry_id, a.action, a.due, k.ref, k.first_name, " \
	"       k.last_name, a.therapy, a.section, a.specified, a.delivered, a.last " \
	"FROM actions a JOIN kids k ON k.id = a.child_id " \
	"WHERE (a.grp, a.key, a.child_id, a.entry_id, a.action) > (?7, ?8, ?9, ?10, ?11) " \
	"ORDER BY a.grp, a.key, a.child_id, a.entry_id, a.action " \
	"LIMIT ?12"

int db_desk_due_page(struct db *db, const struct db_due_query *q, const struct db_due_after *after,
                     int limit, db_row_fn fn, void *ctx, struct error *err)
{
	sqlite3_stmt *stmt = q->caseworker_id != 0 ?
		statement(db, DESK_DUE_CASELOAD,
		          DUE_SQL("children INDEXED BY children_caseload_reviews "
			          "WHERE caseworker_id = ?1"),
		          err) :
		statement(db, DESK_DUE_EVERYONE, DUE_SQL("children WHERE ?1 = 0"), err);
	if (stmt == NULL)
		return err ? err->code : EX_SOFTWARE;
	sqlite3_bind_int64(stmt, 1, q->caseworker_id);
	bind_text(stmt, 2, q->today);
	bind_text(stmt, 3, q->review_by);
	bind_text(stmt, 5, q->from);
	bind_text(stmt, 6, q->terms);
	sqlite3_bind_int64(stmt, 7, after->group);
	sqlite3_bind_int64(stmt, 8, after->key);
	sqlite3_bind_int64(stmt, 9, after->child_id);
	sqlite3_bind_int64(stmt, 10, after->entry_id);
	sqlite3_bind_int64(stmt, 11, after->action);
	sqlite3_bind_int64(stmt, 12, limit);
	return db_walk(db, stmt, fn, ctx, err, "the Due list");
}
