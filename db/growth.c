#include "db/growth.h"

#include "db/db_internal.h"

int db_growth_bounds(struct db *db, const char *open_end, db_row_fn fn, void *ctx,
                     struct error *err)
{
	/* ISO dates compare as text in date order. */
	static const char sql[] =
		"SELECT min(start_date), "
		"       max(CASE WHEN end_date IS NULL THEN max(start_date, ?1) ELSE end_date END) "
		"FROM spot_purchases";
	sqlite3_stmt *stmt = db_statement(db, SLOT_GROWTH_BOUNDS, sql, err);
	if (stmt == NULL)
		return err ? err->code : EX_SOFTWARE;
	sqlite3_bind_text(stmt, 1, open_end, -1, SQLITE_TRANSIENT);
	return db_walk(db, stmt, fn, ctx, err, "spot purchase dates");
}

/* The split, in SQL.
 *
 * Days are day numbers (days since 1970-01-01, as in core/date.h), so
 * that lengths and overlaps are subtractions; ranges include both ends.
 * Periods are numbered from 0, the first one split over; the number of
 * the period holding an ISO date is its count of months since the first
 * period's first month, divided by twelve.
 *
 * A purchase of cost pence over days days gives a period where it has o
 * days the exact share cost * o / days: a whole number of pence
 * per_day * o + odd * o / days (per_day and odd being the quotient and
 * remainder of cost / days, so that no product can overflow) and a
 * remainder odd * o % days, in 1/days of a penny.  The pence the floors
 * leave over (the remainders' sum over days) go one each to the pieces
 * with the largest remainders, the earlier period first on a tie: a
 * piece gets one when fewer pieces come before it in that order than
 * there are pence left over.
 *
 * Finding a piece's place needs no sort.  Periods are years, so a
 * purchase of 366 days or fewer lies in one period or two.  In one it
 * has no remainder.  In two its remainders add up to days (or are both
 * 0): one penny is left over, for the piece past half a penny, or the
 * first on exactly half.  A longer purchase may span more periods, and
 * then every piece but the first and the last is a whole year, of 365 or
 * 366 days, and whole years of one length have the same remainder; so a
 * piece's place follows from the first and last pieces' remainders, the
 * two lengths' remainders, and how many whole years of each length lie
 * before it and in all.
 *
 * The purchases are read twice, for the short and the long ones; the
 * short (most) are joined to their first period only, the long to the
 * periods table.  Nothing is sorted but the rows grouped at the end.
 *
 * LIMIT -1 OFFSET 0 on a subquery keeps SQLite from copying its
 * expressions into every place that uses them, so that each is worked
 * out once a row; CROSS JOIN keeps the purchases in the outer loop.
 *
 * Parameters: ?1 and ?2 the first days of the first and last periods to
 * split over; ?3 and ?4 those of the first and last periods shown; ?5
 * the day open-ended purchases run to. */
#define PERIOD_NUMBER(d) \
	"((substr(" d ", 1, 4) * 12 + substr(" d ", 6, 2) - substr(?1, 1, 4) * 12 - substr(?1, 6, 2)) / 12)"

static const char by_period_sql[] =
	"WITH RECURSIVE "
	"period_starts(n, start) AS ("
	"  SELECT 0, ?1 "
	"  UNION ALL "
	"  SELECT n + 1, date(start, '+12 months') FROM period_starts WHERE start < ?2), "
	/* Each period's days [lo, hi], how many, and how many 366-day
	 * periods come before it. */
	"periods AS MATERIALIZED ("
	"  SELECT n, start, lo, hi, hi - lo + 1 AS year_days, "
	"         sum(hi - lo + 1 = 366) OVER (ORDER BY n) - (hi - lo + 1 = 366) AS leaps_before, "
	"         start BETWEEN ?3 AND ?4 AS shown "
	"  FROM (SELECT n, start, unixepoch(start) / 86400 AS lo, "
	"               unixepoch(start, '+12 months') / 86400 - 1 AS hi "
	"        FROM period_starts)), "
	/* Each purchase with a day in the periods shown, as days [s, e] from
	 * its start to its last day, the period of its start (first_n) and
	 * the last day as text.  It runs to its end date; an open-ended one
	 * to ?5, or for its start day alone when that is later.  (A plain
	 * scan of the table beats visiting nearly all of it through the date
	 * index.) */
	"purchases AS NOT MATERIALIZED ("
	"  SELECT child_id, cost_pence AS cost, last, "
	"         unixepoch(start_date) / 86400 AS s, unixepoch(last) / 86400 AS e, "
	"         " PERIOD_NUMBER("start_date") " AS first_n "
	"  FROM (SELECT child_id, cost_pence, start_date, "
	"               ifnull(end_date, max(start_date, ?5)) AS last "
	"        FROM spot_purchases NOT INDEXED "
	"        WHERE start_date <= date(?4, '+12 months', '-1 day')) "
	"  WHERE last >= ?3 "
	"  LIMIT -1 OFFSET 0), "
	/* Purchases of 366 days or fewer, with o the days of the first
	 * piece when there are two; and their pieces: all the cost in one
	 * period, or the first piece's share and the rest. */
	"short_splits AS ("
	"  SELECT child_id, cost, first_n, last_n, "
	"         CASE WHEN last_n = first_n THEN cost "
	"              ELSE cost / days * o + cost % days * o / days "
	"                   + (2 * (cost % days * o % days) >= days) END AS first_share "
	"  FROM (SELECT child_id, cost, e - s + 1 AS days, first_n, "
	"               first_n + (e > f.hi) AS last_n, f.hi - s + 1 AS o "
	"        FROM purchases pu CROSS JOIN periods f "
	"        WHERE e - s < 366 AND f.n = pu.first_n "
	"        LIMIT -1 OFFSET 0)), "
	"short_pieces AS ("
	"  SELECT child_id, "
	"         CASE ends.side WHEN 0 THEN first_n ELSE last_n END AS n, "
	"         CASE ends.side WHEN 0 THEN first_share ELSE cost - first_share END AS pence "
	"  FROM short_splits CROSS JOIN (SELECT 0 AS side UNION ALL SELECT 1) ends "
	"  WHERE ends.side = 0 OR last_n > first_n), "
	/* Longer purchases, with what their pieces have in common: the
	 * remainders of the first and last pieces and of a whole year of
	 * either length, how many whole years there are (mid) and how many
	 * of them have 366 days (mid_366), the number of 366-day periods
	 * before the first whole year (leaps_0), and the pence left over. */
	"long_splits AS ("
	"  SELECT *, (first_r + last_r + (mid - mid_366) * r_365 + mid_366 * r_366) / days AS left_over "
	"  FROM (SELECT child_id, s, e, days, first_n, last_n, cost / days AS per_day, "
	"               cost % days AS odd, "
	"               cost % days * (f.hi - s + 1) % days AS first_r, "
	"               cost % days * (e - l.lo + 1) % days AS last_r, "
	"               cost % days * 365 % days AS r_365, cost % days * 366 % days AS r_366, "
	"               last_n - first_n - 1 AS mid, "
	"               l.leaps_before - f.leaps_before - (f.year_days = 366) AS mid_366, "
	"               f.leaps_before + (f.year_days = 366) AS leaps_0 "
	"        FROM (SELECT child_id, cost, s, e, e - s + 1 AS days, first_n, "
	"                     " PERIOD_NUMBER("last") " AS last_n "
	"              FROM purchases WHERE e - s >= 366) pu "
	"        CROSS JOIN periods f CROSS JOIN periods l "
	"        WHERE f.n = pu.first_n AND l.n = pu.last_n "
	"        LIMIT -1 OFFSET 0)), "
	/* Their pieces of the periods shown, each with o of the purchase's
	 * days, and the whole years before it (before, of which before_366
	 * have 366 days). */
	"long_pieces AS ("
	"  SELECT *, per_day * o + odd * o / days AS whole, odd * o % days AS r "
	"  FROM (SELECT sp.*, p.n, min(e, p.hi) - max(s, p.lo) + 1 AS o, "
	"               max(p.n - first_n - 1, 0) AS before, "
	"               max(p.leaps_before - leaps_0, 0) AS before_366 "
	"        FROM long_splits sp CROSS JOIN periods p "
	"        WHERE p.n BETWEEN first_n AND last_n AND p.shown "
	"        LIMIT -1 OFFSET 0)), "
	/* A piece's place: the first piece comes before it when its
	 * remainder is as large, the last when larger; a whole year when its
	 * remainder is larger, or as large and the year earlier. */
	"shares AS ("
	"  SELECT child_id, n, pence FROM short_pieces "
	"  UNION ALL "
	"  SELECT child_id, n, whole + ("
	"           (n > first_n AND first_r >= r) + (n < last_n AND last_r > r) "
	"           + (r_365 > r) * (mid - mid_366) + (r_366 > r) * mid_366 "
	"           + (r_365 = r) * (before - before_366) + (r_366 = r) * before_366 "
	"           < left_over) "
	"  FROM long_pieces), "
	"spend AS ("
	"  SELECT n, count(DISTINCT child_id) AS children, sum(pence) AS pence "
	"  FROM shares GROUP BY n), "
	/* Each child's first start, and last end unless a purchase is open.
	 * One pass over the table and a sort beats visiting it in the order
	 * of the child index. */
	"per_child AS MATERIALIZED ("
	"  SELECT min(start_date) AS first_start, "
	"         CASE WHEN max(end_date IS NULL) THEN NULL ELSE max(end_date) END AS last_end "
	"  FROM spot_purchases NOT INDEXED GROUP BY child_id), "
	"new_children AS ("
	"  SELECT " PERIOD_NUMBER("first_start") " AS n, count(*) AS count "
	"  FROM per_child GROUP BY 1), "
	"ended_children AS ("
	"  SELECT " PERIOD_NUMBER("last_end") " AS n, count(*) AS count "
	"  FROM per_child WHERE last_end IS NOT NULL GROUP BY 1) "
	"SELECT p.start, ifnull(s.children, 0), ifnull(nc.count, 0), ifnull(ec.count, 0), "
	"       ifnull(s.pence, 0) "
	"FROM periods p "
	"LEFT JOIN spend s ON s.n = p.n "
	"LEFT JOIN new_children nc ON nc.n = p.n "
	"LEFT JOIN ended_children ec ON ec.n = p.n "
	"WHERE p.shown "
	"ORDER BY p.n";

int db_growth_by_period(struct db *db, const struct db_growth_query *q, db_row_fn fn,
                        void *ctx, struct error *err)
{
	sqlite3_stmt *stmt = db_statement(db, SLOT_GROWTH_BY_PERIOD, by_period_sql, err);
	if (stmt == NULL)
		return err ? err->code : EX_SOFTWARE;
	const char *const texts[] = {q->split_first, q->split_last, q->show_first, q->show_last,
	                             q->open_end};
	for (int i = 0; i < 5; i++)
		sqlite3_bind_text(stmt, i + 1, texts[i], -1, SQLITE_TRANSIENT);
	return db_walk(db, stmt, fn, ctx, err, "spot purchase growth");
}
