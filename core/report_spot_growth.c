#include "core/report_spot_growth.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/fields.h"
#include "core/prorata.h"
#include "db/growth.h"

static const struct report_column columns[] = {
	{"period", "Period", CELL_TEXT, 7, "", false},
	{"children", "Children", CELL_INTEGER, 8, "", false},
	{"new", "New", CELL_INTEGER, 6, "", false},
	{"ended", "Ended", CELL_INTEGER, 6, "", false},
	{"spend", "Spend", CELL_MONEY, 16, "", false},
	{"change_pct", "Change", CELL_PERCENT, 7, "-", true},
};

/* (this - prev) / prev in tenths of a percent, rounded half away from
 * zero; prev must be positive.  128 bits keep the product exact. */
static int64_t change_tenths(int64_t prev, int64_t cur)
{
	__int128 num = (__int128)(cur - prev) * 1000;
	__int128 q = num / prev, r = num % prev;
	if (r < 0)
		r = -r;
	if (2 * r >= prev)
		q += num < 0 ? -1 : 1;
	return (int64_t)q;
}

/* ---- the days purchases span ---- */

struct bounds {
	bool any;
	day_t first, last;
};

static int read_bounds(void *ctx, const struct db_value *cols, int count)
{
	struct bounds *b = ctx;
	const char *reason;
	(void)count;
	b->any = cols[0].type == DBV_TEXT && cols[1].type == DBV_TEXT &&
	         date_parse(cols[0].s, &b->first, &reason) &&
	         date_parse(cols[1].s, &b->last, &reason);
	return 0;
}

/* ---- the periods, streamed ---- */

struct growth_walk {
	enum period_kind kind;
	int month;
	int (*fn)(void *ctx, const struct growth_row *row);
	void *ctx;
	bool has_prev;
	int64_t prev_spend;
	struct error *err;
};

static int growth_period(void *ctx, const struct db_value *cols, int count)
{
	struct growth_walk *w = ctx;
	struct growth_row row = {0};
	day_t start;
	const char *reason;
	(void)count;
	if (cols[0].type != DBV_TEXT || !date_parse(cols[0].s, &start, &reason))
		return error_set(w->err, EX_SOFTWARE, "spot purchase growth: a period without a start");
	period_containing(w->kind, w->month, start, &row.period);
	row.children = cols[1].i;
	row.new_children = cols[2].i;
	row.ended = cols[3].i;
	row.spend_pence = cols[4].i;
	row.has_change = w->has_prev && w->prev_spend > 0;
	if (row.has_change)
		row.change_tenths = change_tenths(w->prev_spend, row.spend_pence);
	w->has_prev = true;
	w->prev_spend = row.spend_pence;
	return w->fn(w->ctx, &row);
}

/* The periods of kind in which purchases may fall: from the one holding
 * the first day any purchase spans to the one holding the last. */
static int purchase_span(struct session *s, enum period_kind kind, int month, const char *open_iso,
                         struct bounds *b, struct period *first, struct period *last,
                         struct error *err)
{
	*b = (struct bounds){0};
	int rc = db_growth_bounds(s->db, open_iso, read_bounds, b, err);
	if (rc == 0 && b->any) {
		period_containing(kind, month, b->first, first);
		period_containing(kind, month, b->last, last);
	}
	return rc;
}

/* Purchases are split over every period they touch, shown or not, so
 * that the pence of a share do not depend on the periods shown. */
static int walk_periods(struct session *s, const char *open_iso,
                        const struct bounds *b, const struct period *span_first,
                        const struct period *span_last, const struct period *first,
                        const struct period *last, struct growth_walk *w, struct error *err)
{
	day_t split_first = first->start, split_last = last->start;
	if (b->any) {
		if (span_first->start < split_first)
			split_first = span_first->start;
		if (span_last->start > split_last)
			split_last = span_last->start;
	}
	char iso[4][DATE_TEXT_MAX];
	date_format(split_first, iso[0]);
	date_format(split_last, iso[1]);
	date_format(first->start, iso[2]);
	date_format(last->start, iso[3]);
	struct db_growth_query q = {iso[0], iso[1], iso[2], iso[3], open_iso};
	return db_growth_by_period(s->db, &q, growth_period, w, err);
}

int spot_growth(struct session *s, const struct growth_options *opt,
                int (*fn)(void *ctx, const struct growth_row *row), void *ctx,
                struct error *err)
{
	int rc = session_require(s, ROLE_TEAMLEAD, "see spot purchase growth", err);
	if (rc != 0)
		return rc;
	int month = period_start_month(s->cfg, opt->kind);
	day_t open_end = opt->has_to ? opt->to : opt->as_of;
	char open_iso[DATE_TEXT_MAX];
	date_format(open_end, open_iso);

	struct bounds b;
	struct period span_first, span_last;
	rc = purchase_span(s, opt->kind, month, open_iso, &b, &span_first, &span_last, err);
	if (rc != 0)
		return rc;

	/* The periods shown: from --from (else the first with activity) to
	 * --to (else the last with activity); nothing at all when neither
	 * the options nor the records name a period. */
	if (!opt->has_from && !opt->has_to && !b.any)
		return 0;
	struct period first, last;
	period_containing(opt->kind, month,
	                  opt->has_from ? opt->from : b.any ? b.first : opt->to, &first);
	period_containing(opt->kind, month,
	                  opt->has_to ? opt->to : b.any ? b.last : opt->from, &last);
	/* Activity wholly after --to or before --from: the period named. */
	if (last.start < first.start) {
		if (opt->has_from)
			last = first;
		else
			first = last;
	}
	struct growth_walk w = {opt->kind, month, fn, ctx, false, 0, err};
	return walk_periods(s, open_iso, &b, &span_first, &span_last, &first, &last,
	                    &w, err);
}

static int keep_one(void *ctx, const struct growth_row *row)
{
	*(struct growth_row *)ctx = *row;
	return 0;
}

int spot_growth_of(struct session *s, enum period_kind kind, day_t as_of, const struct period *p,
                   struct growth_row *row, struct error *err)
{
	int rc = session_require(s, ROLE_TEAMLEAD, "see spot purchase growth", err);
	if (rc != 0)
		return rc;
	int month = period_start_month(s->cfg, kind);
	char open_iso[DATE_TEXT_MAX];
	date_format(as_of, open_iso);
	struct bounds b;
	struct period span_first, span_last, shown;
	rc = purchase_span(s, kind, month, open_iso, &b, &span_first, &span_last, err);
	if (rc != 0)
		return rc;
	period_containing(kind, month, p->start, &shown);
	*row = (struct growth_row){.period = shown};
	struct growth_walk w = {kind, month, keep_one, row, false, 0, err};
	return walk_periods(s, open_iso, &b, &span_first, &span_last, &shown, &shown, &w,
	                    err);
}

int spot_growth_share(struct session *s, enum period_kind kind, day_t as_of,
                      const struct record *purchase, const struct period *p, int64_t *pence,
                      struct error *err)
{
	*pence = 0;
	const struct value *start = &purchase->values[SPOT_START], *end = &purchase->values[SPOT_END];
	if (!start->set)
		return 0;
	/* As the figures run it: an open-ended purchase up to as_of, or its
	 * start day alone when that is later. */
	day_t last_day = end->set ? end->n : start->n > as_of ? start->n : as_of;
	int month = period_start_month(s->cfg, kind);
	struct period shown;
	period_containing(kind, month, p->start, &shown);
	/* One purchase has a piece per year it touches, so it is split here,
	 * with no query: by days, largest remainders first, as db/growth.c's
	 * query splits every purchase (the unit tests hold the two together,
	 * penny for penny). */
	size_t count = prorata_by_period(0, start->n, last_day, kind, month, NULL, NULL, 0);
	if (count == 0)
		return 0;
	struct period *periods = malloc(count * sizeof *periods);
	int64_t *shares = malloc(count * sizeof *shares);
	if (periods == NULL || shares == NULL) {
		free(periods);
		free(shares);
		return error_set(err, EX_OSERR, "out of memory");
	}
	int64_t cost = purchase->values[SPOT_COST].set ? purchase->values[SPOT_COST].n : 0;
	prorata_by_period(cost, start->n, last_day, kind, month, periods, shares, count);
	for (size_t i = 0; i < count; i++)
		if (periods[i].start == shown.start)
			*pence = shares[i];
	free(periods);
	free(shares);
	return 0;
}

/* ---- the report ---- */

struct report_rows {
	const struct report_sink *sink;
};

static int emit_row(void *ctx, const struct growth_row *row)
{
	const struct report_rows *r = ctx;
	struct cell cells[] = {
		cell_text(row->period.label),
		cell_number(row->children),
		cell_number(row->new_children),
		cell_number(row->ended),
		cell_number(row->spend_pence),
		row->has_change ? cell_number(row->change_tenths) : cell_null(),
	};
	return r->sink->row(r->sink->ctx, cells);
}

static int run(struct session *s, const struct report_options *opt,
               const struct report_sink *sink, struct error *err)
{
	struct growth_options g = {
		.kind = opt->period,
		.has_from = opt->has_from, .has_to = opt->has_to,
		.from = opt->from, .to = opt->to,
		.as_of = opt->has_to ? opt->to : opt->on,
	};
	char title[96];
	snprintf(title, sizeof title, "Spot-purchased therapy by %s year", period_kind_name(opt->period));
	sink->begin(sink->ctx, title, columns, (int)(sizeof columns / sizeof columns[0]));
	struct report_rows r = {sink};
	int rc = spot_growth(s, &g, emit_row, &r, err);
	sink->end(sink->ctx);
	return rc;
}

const struct report report_spot_growth = {
	"spot-growth", "spot-purchased therapy per year: children, new, ended, spend and change",
	ROLE_TEAMLEAD, columns, (int)(sizeof columns / sizeof columns[0]), run,
};
