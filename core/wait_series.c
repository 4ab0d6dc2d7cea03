#include "core/wait_series.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/figures.h"

struct series_walk {
	struct wait_series *out;
	int year, month;           /* the month after the last one added */
};

/* The next slot, dropping the earliest month when the series is full. */
static struct wait_month *next_slot(struct wait_series *out)
{
	if (out->count == WAIT_SERIES_MAX) {
		memmove(&out->months[0], &out->months[1], sizeof out->months[0] * (WAIT_SERIES_MAX - 1));
		out->count--;
		out->truncated = true;
	}
	struct wait_month *m = &out->months[out->count++];
	memset(m, 0, sizeof *m);
	return m;
}

static struct wait_count count_of(const struct db_value *v)
{
	return v->type == DBV_INTEGER ? (struct wait_count){true, v->i} : (struct wait_count){false, 0};
}

static void judge(struct wait_month *m)
{
	int64_t waiting = 0, over = 0;
	bool pair = false;
	if (m->assess.reported && m->assess_over.reported) {
		waiting += m->assess.n;
		over += m->assess_over.n;
		pair = true;
	}
	if (m->interv.reported && m->interv_over.reported) {
		waiting += m->interv.n;
		over += m->interv_over.n;
		pair = true;
	}
	if (pair && waiting > 0) {
		m->has_share = true;
		m->share_tenths = (over * 1000 + waiting / 2) / waiting;
	}
	bool any = m->assess_over.reported || m->interv_over.reported;
	bool missed = (m->assess_over.reported && m->assess_over.n > 0) ||
	              (m->interv_over.reported && m->interv_over.n > 0);
	m->judged = missed ? WAIT_MISSED : any ? WAIT_MET : WAIT_NOT_JUDGED;
}

/* Months without a return between the last one added and (year, month). */
static void add_gaps(struct series_walk *w, int year, int month)
{
	while (w->out->count > 0 && (w->year < year || (w->year == year && w->month < month))) {
		struct wait_month *m = next_slot(w->out);
		snprintf(m->month, sizeof m->month, "%04d-%02d", w->year, w->month);
		if (++w->month > 12) {
			w->month = 1;
			w->year++;
		}
	}
}

static int series_row(void *ctx, const struct db_value *cols, int count)
{
	struct series_walk *w = ctx;
	if (count < 7 || cols[0].type != DBV_TEXT)
		return EX_SOFTWARE;
	int year, month;
	if (sscanf(cols[0].s, "%4d-%2d", &year, &month) != 2 || month < 1 || month > 12)
		return EX_SOFTWARE;
	add_gaps(w, year, month);
	struct wait_month *m = next_slot(w->out);
	snprintf(m->month, sizeof m->month, "%04d-%02d", year, month);
	m->returned = true;
	m->referrals = count_of(&cols[1]);
	m->assess = count_of(&cols[2]);
	m->assess_over = count_of(&cols[3]);
	m->interv = count_of(&cols[4]);
	m->interv_over = count_of(&cols[5]);
	m->caseload = count_of(&cols[6]);
	judge(m);
	w->year = month == 12 ? year + 1 : year;
	w->month = month == 12 ? 1 : month + 1;
	return 0;
}

int wait_series_load(struct session *s, int64_t provider_id, const char *therapy,
                     struct wait_series *out, struct error *err)
{
	memset(out, 0, sizeof *out);
	int rc = session_require(s, ROLE_TEAMLEAD, "see the waits", err);
	if (rc != 0)
		return rc;
	struct series_walk w = {out, 0, 0};
	rc = db_returns_series(s->db, provider_id, therapy, series_row, &w, err);
	for (int i = 0; rc == 0 && i < out->count; i++)
		out->missed += out->months[i].judged == WAIT_MISSED;
	return rc;
}

const char *wait_judgement_text(enum wait_judgement j)
{
	switch (j) {
	case WAIT_MISSED: return "missed";
	case WAIT_MET: return "met";
	case WAIT_NOT_JUDGED: break;
	}
	return "not reported";
}
