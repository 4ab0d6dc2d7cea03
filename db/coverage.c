#include "db/coverage.h"

#include <stdio.h>

#include "db/db_internal.h"

/* The condition for "in force on ?1", shared by every query below; it
 * is the coverage report's test (db/report.c), so map and report agree. */
#define IN_FORCE \
	"c.start_date <= ?1 AND c.end_date >= ?1 AND ifnull(c.status, 'active') <> 'draft'"

/* Binds texts to ?1.. in order and walks the rows to fn. */
static int run(struct db *db, int slot, const char *sql, const char *const *texts, int count,
               db_row_fn fn, void *ctx, struct error *err, const char *what)
{
	sqlite3_stmt *stmt = db_statement(db, slot, sql, err);
	if (stmt == NULL)
		return err ? err->code : EX_SOFTWARE;
	for (int i = 0; i < count; i++)
		sqlite3_bind_text(stmt, i + 1, texts[i], -1, SQLITE_TRANSIENT);
	return db_walk(db, stmt, fn, ctx, err, what);
}

int db_coverage_map(struct db *db, const char *on, const char *therapy,
                    db_row_fn fn, void *ctx, struct error *err)
{
	/* group_concat keeps the order of its input rows, so each list is
	 * aggregated from a subquery already in the order wanted.  (The
	 * names of the WITH tables must not be those of real tables.) */
	static const char sql[] =
		"WITH in_force AS ("
		"  SELECT cv.district, c.ref, c.type, p.code AS provider "
		"  FROM coverage cv "
		"  JOIN contracts c ON c.id = cv.contract_id "
		"  JOIN providers p ON p.id = c.provider_id "
		"  WHERE cv.therapy = ?2 AND " IN_FORCE "), "
		"by_ref AS ("
		"  SELECT district, count(*) AS n, group_concat(ref, ';') AS refs, "
		"         group_concat(CASE WHEN type = 'service' THEN ref END, ';') AS services "
		"  FROM (SELECT district, ref, type FROM in_force ORDER BY district, ref) "
		"  GROUP BY district), "
		"by_provider AS ("
		"  SELECT district, group_concat(provider, ';') AS providers "
		"  FROM (SELECT DISTINCT district, provider FROM in_force ORDER BY district, provider) "
		"  GROUP BY district) "
		"SELECT by_ref.district, by_ref.n, by_ref.refs, by_provider.providers, by_ref.services "
		"FROM by_ref JOIN by_provider USING (district) "
		"ORDER BY by_ref.district";
	const char *texts[] = {on, therapy};
	return run(db, SLOT_COVERAGE_MAP, sql, texts, 2, fn, ctx, err, "coverage map");
}

int db_coverage_services_on(struct db *db, const char *on, db_row_fn fn, void *ctx,
                            struct error *err)
{
	static const char sql[] =
		"SELECT district, therapy, group_concat(ref, ';') FROM ("
		"  SELECT cv.district, cv.therapy, c.ref "
		"  FROM coverage cv JOIN contracts c ON c.id = cv.contract_id "
		"  WHERE c.type = 'service' AND " IN_FORCE " "
		"  ORDER BY cv.district, cv.therapy, c.ref) "
		"GROUP BY district, therapy ORDER BY district, therapy";
	const char *texts[] = {on};
	return run(db, SLOT_COVERAGE_SERVICES, sql, texts, 1, fn, ctx, err, "services in force");
}

int db_coverage_candidates(struct db *db, const char *on, const char *district,
                           const char *therapy, db_row_fn fn, void *ctx, struct error *err)
{
	static const char sql[] =
		"SELECT c.id, c.ref, p.code, c.start_date, c.end_date, "
		"       EXISTS (SELECT 1 FROM coverage cv WHERE cv.contract_id = c.id "
		"               AND cv.district = ?2 AND cv.therapy = ?3) "
		"FROM contracts c JOIN providers p ON p.id = c.provider_id "
		"WHERE " IN_FORCE " "
		"ORDER BY p.code, c.ref";
	const char *texts[] = {on, district, therapy};
	return run(db, SLOT_COVERAGE_CANDIDATES, sql, texts, 3, fn, ctx, err,
	           "contracts that could cover a district");
}

static int keep_id(void *ctx, const struct db_value *cols, int count)
{
	(void)count;
	*(int64_t *)ctx = cols[0].i;
	return 0;
}

int db_coverage_find(struct db *db, const char *contract_ref, const char *district,
                     const char *therapy, int64_t *id, struct error *err)
{
	static const char sql[] =
		"SELECT cv.id FROM coverage cv JOIN contracts c ON c.id = cv.contract_id "
		"WHERE c.ref = ?1 AND cv.district = ?2 AND cv.therapy = ?3";
	const char *texts[] = {contract_ref, district, therapy};
	*id = 0;
	return run(db, SLOT_COVERAGE_FIND, sql, texts, 3, keep_id, id, err, "finding a coverage row");
}

struct days {
	int64_t *in_force;
	char *last, *first;
};

static int keep_days(void *ctx, const struct db_value *cols, int count)
{
	struct days *d = ctx;
	(void)count;
	*d->in_force = cols[0].i;
	snprintf(d->last, 11, "%s", cols[1].s ? cols[1].s : "");
	snprintf(d->first, 11, "%s", cols[2].s ? cols[2].s : "");
	return 0;
}

int db_coverage_days(struct db *db, const char *on, int64_t *in_force, char *last,
                     char *first, struct error *err)
{
	static const char sql[] =
		"WITH covering AS ("
		"  SELECT c.start_date, c.end_date, c.status FROM contracts c "
		"  WHERE ifnull(c.status, 'active') <> 'draft' "
		"    AND EXISTS (SELECT 1 FROM coverage cv WHERE cv.contract_id = c.id)) "
		"SELECT (SELECT count(*) FROM covering c WHERE " IN_FORCE "), "
		"       (SELECT max(end_date) FROM covering WHERE end_date < ?1), "
		"       (SELECT min(start_date) FROM covering WHERE start_date > ?1)";
	struct days d = {in_force, last, first};
	*in_force = 0;
	last[0] = first[0] = '\0';
	const char *texts[] = {on};
	return run(db, SLOT_COVERAGE_DAYS, sql, texts, 1, keep_days, &d, err,
	           "finding days with coverage");
}

int db_coverage_fit(struct db *db, const char *contract_ref, const char *district,
                    const char *therapy, const char *on, db_row_fn fn, void *ctx,
                    struct error *err)
{
	static const char sql[] =
		"SELECT c.ref, "
		"       EXISTS (SELECT 1 FROM coverage cv WHERE cv.contract_id = c.id "
		"               AND cv.district = ?3 AND cv.therapy = ?4), "
		"       (" IN_FORCE "), c.start_date, c.end_date, ifnull(c.status, 'active') "
		"FROM contracts c WHERE c.ref = ?2";
	const char *texts[] = {on, contract_ref, district, therapy};
	return run(db, SLOT_COVERAGE_FIT, sql, texts, 4, fn, ctx, err,
	           "whether a contract covers a district");
}
