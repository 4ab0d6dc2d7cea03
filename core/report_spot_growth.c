#include "core/report_spot_growth.h"

#include <stdio.h>

#include "db/growth.h"

static const struct report_column columns[] = {
	{"period", "Period", CELL_TEXT, 7, "", false},
	{"children", "Children", CELL_INTEGER, 8, "", false},
	{"new", "New", CELL_INTEGER, 6, "", false},
	{"ended", "Ended", CELL_INTEGER, 6, "", false},
	{"spend", "Spend", CELL_MONEY, 16, "", false},
	{"change_pct", "Change", CELL_PERCENT, 7, "-", true},
};

static int start_month(const struct session *s, enum period_kind kind)
{
	switch (kind) {
	case PERIOD_FINANCIAL: return s->cfg->financial_year_start_month;
	case PERIOD_ACADEMIC: return s->cfg->academic_year_start_month;
	case PERIOD_CALENDAR: break;
	}
	return 1;
}

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

int spot_growth(struct session *s, const struct growth_options *opt,
                int (*fn)(void *ctx, const struct growth_row *row), void *ctx,
                struct error *err)
{
	int rc = session_require(s, ROLE_TEAMLEAD, "see spot purchase growth", err);
	if (rc != 0)
		return rc;
	int month = start_month(s, opt->kind);
	day_t open_end = opt->has_to ? opt->to : opt->as_of;
	char open_iso[DATE_TEXT_MAX];
	date_format(open_end, open_iso);

	struct bounds b = {0};
	rc = db_growth_bounds(s->db, open_iso, read_bounds, &b, err);
	if (rc != 0)
		return rc;

	/* The periods shown: from --from (else the first with activity) to
	 * --to (else the last with activity); nothing at all when neither
	 * the options nor the records name a period. */
	if (!opt->has_from && !opt->has_to && !b.any)
		return 0;
	struct period first, last, p;
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

	/* Purchases are split over every period they touch, shown or not, so
	 * that the pence of a share do not depend on the periods shown. */
	day_t split_first = first.start, split_last = last.start;
	if (b.any) {
		period_containing(opt->kind, month, b.first, &p);
		if (p.start < split_first)
			split_first = p.start;
		period_containing(opt->kind, month, b.last, &p);
		if (p.start > split_last)
			split_last = p.start;
	}

	char iso[4][DATE_TEXT_MAX];
	date_format(split_first, iso[0]);
	date_format(split_last, iso[1]);
	date_format(first.start, iso[2]);
	date_format(last.start, iso[3]);
	struct db_growth_query q = {iso[0], iso[1], iso[2], iso[3], open_iso};
	struct growth_walk w = {opt->kind, month, fn, ctx, false, 0, err};
	return db_growth_by_period(s->db, &q, growth_period, &w, err);
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

static const char *kind_name(enum period_kind kind)
{
	switch (kind) {
	case PERIOD_FINANCIAL: return "financial";
	case PERIOD_ACADEMIC: return "academic";
	case PERIOD_CALENDAR: break;
	}
	return "calendar";
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
	snprintf(title, sizeof title, "Spot-purchased therapy by %s year", kind_name(opt->period));
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
