#include "core/report_pb.h"

#include "db/returns.h"

static const struct report_column columns[] = {
	{"period", "Period", CELL_TEXT, 7, "", false},
	{"budgets", "Budgets", CELL_INTEGER, 7, "", false},
	{"children", "Children", CELL_INTEGER, 8, "", false},
	{"amount", "Amount", CELL_MONEY, 14, "", false},
	{"therapy_amount", "Therapy", CELL_MONEY, 14, "", false},
	{"therapy_share_pct", "Share", CELL_PERCENT, 6, "n/a", false},
	{"eotas_count", "EOTAS", CELL_INTEGER, 5, "", false},
	{"eotas_amount", "EOTAS amount", CELL_MONEY, 14, "", false},
};

#define COLUMN_COUNT ((int)(sizeof columns / sizeof columns[0]))

/* The years a walk may name: wide enough for any ISO date. */
enum { YEAR_MIN = 0, YEAR_MAX = 9999 };

struct pb_walk {
	const struct report_sink *sink;
	int month;
	bool started;
	int next;      /* the year the next row is for, once started */
};

/* part / whole in tenths of a percent, rounded half up; whole > 0. */
static int64_t share_tenths(int64_t part, int64_t whole)
{
	__int128 num = (__int128)part * 1000;
	return (int64_t)((num + whole / 2) / whole);
}

static int emit(struct pb_walk *w, int year, const int64_t *n)
{
	struct period p;
	period_containing(PERIOD_ACADEMIC, w->month, date_from_ymd(year, w->month, 1), &p);
	struct cell cells[] = {
		cell_text(p.label), cell_number(n[0]), cell_number(n[1]), cell_number(n[2]),
		cell_number(n[3]), n[2] > 0 ? cell_number(share_tenths(n[3], n[2])) : cell_null(),
		cell_number(n[4]), cell_number(n[5]),
	};
	return w->sink->row(w->sink->ctx, cells);
}

/* Empty years up to (not including) year. */
static int emit_empty_to(struct pb_walk *w, int year)
{
	static const int64_t zero[6] = {0};
	for (; w->next < year; w->next++) {
		int rc = emit(w, w->next, zero);
		if (rc != 0)
			return rc;
	}
	return 0;
}

static int pb_row(void *ctx, const struct db_value *cols, int count)
{
	struct pb_walk *w = ctx;
	(void)count;
	int year = (int)cols[0].i;
	if (!w->started) {
		w->started = true;
		w->next = year;
	}
	int rc = emit_empty_to(w, year);
	if (rc != 0)
		return rc;
	int64_t n[6];
	for (int i = 0; i < 6; i++)
		n[i] = cols[i + 1].i;
	w->next = year + 1;
	return emit(w, year, n);
}

static int run(struct session *s, const struct report_options *opt,
               const struct report_sink *sink, struct error *err)
{
	int month = s->cfg->academic_year_start_month;
	struct period p;
	int first = YEAR_MIN, last = YEAR_MAX;
	char first_day[DATE_TEXT_MAX], last_day[DATE_TEXT_MAX];
	if (opt->has_from) {
		period_containing(PERIOD_ACADEMIC, month, opt->from, &p);
		first = p.year;
		date_format(p.start, first_day);
	}
	if (opt->has_to) {
		period_containing(PERIOD_ACADEMIC, month, opt->to, &p);
		last = p.year;
		date_format(p.end, last_day);
	}
	sink->begin(sink->ctx, "Personal budgets by academic year", columns, COLUMN_COUNT);
	struct pb_walk w = {sink, month, false, 0};
	/* --from's year comes first even without budgets in it. */
	if (opt->has_from && first <= last) {
		w.started = true;
		w.next = first;
	}
	int rc = db_pb_by_year(s->db, month, opt->has_from ? first_day : NULL,
	                       opt->has_to ? last_day : NULL, pb_row, &w, err);
	/* Then every year to --to's; with neither budgets nor --from, --to's
	 * year alone; with --from alone and no budgets, --from's year. */
	if (rc == 0 && opt->has_to && first <= last) {
		if (!w.started) {
			w.started = true;
			w.next = last;
		}
		rc = emit_empty_to(&w, last + 1);
	} else if (rc == 0 && opt->has_from && w.next == first) {
		rc = emit_empty_to(&w, first + 1);
	}
	sink->end(sink->ctx);
	return rc;
}

const struct report report_pb_summary = {
	"pb-summary",
	"personal budgets per academic year: children, amount, therapy share and EOTAS",
	ROLE_TEAMLEAD, columns, COLUMN_COUNT, run,
};
