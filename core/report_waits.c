#include "core/report_waits.h"

#include <stdio.h>

#include "db/returns.h"

static const struct report_column columns[] = {
	{"provider", "Provider", CELL_TEXT, 8, "", false},
	{"therapy", "Therapy", CELL_TEXT, 9, "", false},
	{"month", "Month", CELL_TEXT, 7, "", false},
	{"referrals", "Referrals", CELL_INTEGER, 9, "n/a", false},
	{"waiting_assessment", "Wait assess", CELL_INTEGER, 11, "n/a", false},
	{"waiting_assessment_over_12w", "Over 12w", CELL_INTEGER, 8, "n/a", false},
	{"over_12w_pct", "Over %", CELL_PERCENT, 6, "n/a", false},
	{"waiting_intervention", "Wait interv", CELL_INTEGER, 11, "n/a", false},
	{"waiting_intervention_over_12w", "Over 12w", CELL_INTEGER, 8, "n/a", false},
	{"target_missed", "Missed", CELL_TEXT, 6, "", false},
};

#define COLUMN_COUNT ((int)(sizeof columns / sizeof columns[0]))

enum { COL_PROVIDER, COL_THERAPY, COL_MONTH, COL_REFERRALS, COL_WA, COL_WA_OVER, COL_WI,
       COL_WI_OVER };

static struct cell number_or_null(const struct db_value *v)
{
	return v->type == DBV_NULL ? cell_null() : cell_number(v->i);
}

static bool above_zero(const struct db_value *v)
{
	return v->type != DBV_NULL && v->i > 0;
}

static int waits_row(void *ctx, const struct db_value *cols, int count)
{
	const struct report_sink *sink = ctx;
	(void)count;
	const struct db_value *wa = &cols[COL_WA], *over = &cols[COL_WA_OVER];
	struct cell pct = cell_null();
	if (wa->type != DBV_NULL && over->type != DBV_NULL && wa->i > 0)
		pct = cell_number((int64_t)(((__int128)over->i * 1000 + wa->i / 2) / wa->i));
	/* Missed when either wait over the target is above 0; met only when
	 * both are reported as 0; not judged (empty) otherwise. */
	const struct db_value *wi_over = &cols[COL_WI_OVER];
	bool missed = above_zero(over) || above_zero(wi_over);
	bool judged = missed || (over->type != DBV_NULL && wi_over->type != DBV_NULL);
	struct cell cells[] = {
		cell_text(cols[COL_PROVIDER].s), cell_text(cols[COL_THERAPY].s),
		cell_text(cols[COL_MONTH].s), number_or_null(&cols[COL_REFERRALS]),
		number_or_null(wa), number_or_null(over), pct, number_or_null(&cols[COL_WI]),
		number_or_null(wi_over), cell_text(!judged ? NULL : missed ? "yes" : "no"),
	};
	return sink->row(sink->ctx, cells);
}

/* "YYYY-MM" of day d. */
static void month_of(day_t d, char out[DATE_TEXT_MAX])
{
	date_format(d, out);
	out[7] = '\0';
}

static int run(struct session *s, const struct report_options *opt,
               const struct report_sink *sink, struct error *err)
{
	char first[DATE_TEXT_MAX] = "0000-00", last[DATE_TEXT_MAX] = "9999-99";
	if (opt->has_from)
		month_of(opt->from, first);
	if (opt->has_to)
		month_of(opt->to, last);
	char title[96];
	snprintf(title, sizeof title, "Provider waiting lists by month (target %d weeks)",
	         s->cfg->wait_target_weeks);
	sink->begin(sink->ctx, title, columns, COLUMN_COUNT);
	int rc = db_returns_by_month(s->db, first, last, waits_row, (void *)sink, err);
	sink->end(sink->ctx);
	return rc;
}

const struct report report_waits = {
	"waits",
	"provider returns by month: referrals, waiting, over-12-week counts and share, target missed",
	ROLE_TEAMLEAD, columns, COLUMN_COUNT, run,
};
