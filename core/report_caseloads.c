#include "core/report_caseloads.h"

#include <stdio.h>

#include "core/desk.h"
#include "db/report_caseloads.h"

static const struct report_column columns[] = {
	{"caseworker", "Caseworker", CELL_TEXT, 16, "(none)", false},
	{"children", "Children", CELL_INTEGER, 8, "", false},
	{"entries", "Entries", CELL_INTEGER, 7, "", false},
	{"short_entries", "Short", CELL_INTEGER, 5, "", false},
	{"reviews_overdue", "Overdue", CELL_INTEGER, 7, "", false},
	{"reviews_due_30d", "Due 30d", CELL_INTEGER, 7, "", false},
};

#define COLUMN_COUNT ((int)(sizeof columns / sizeof columns[0]))

static int caseload_row(void *ctx, const struct db_value *cols, int count)
{
	const struct report_sink *sink = ctx;
	(void)count;
	struct cell cells[] = {
		cols[0].type == DBV_NULL ? cell_null() : cell_text(cols[0].s),
		cell_number(cols[1].i), cell_number(cols[2].i), cell_number(cols[3].i),
		cell_number(cols[4].i), cell_number(cols[5].i),
	};
	return sink->row(sink->ctx, cells);
}

static int run(struct session *s, const struct report_options *opt,
               const struct report_sink *sink, struct error *err)
{
	day_t from, to;
	desk_default_window(opt->on, &from, &to);
	char on[DATE_TEXT_MAX], first[DATE_TEXT_MAX], review_by[DATE_TEXT_MAX];
	char terms[DESK_TERMS_JSON_MAX];
	date_format(opt->on, on);
	date_format(from, first);
	date_format(opt->on + DESK_REVIEW_NOTICE_DAYS, review_by);
	struct db_caseload_days days = {on, first, review_by,
	                                desk_terms_json(s->cfg, terms, sizeof terms)};
	char title[96];
	snprintf(title, sizeof title, "Caseloads on %s", on);
	sink->begin(sink->ctx, title, columns, COLUMN_COUNT);
	int rc = db_report_caseloads(s->db, &days, caseload_row, (void *)sink, err);
	sink->end(sink->ctx);
	return rc;
}

const struct report report_caseloads = {
	"caseloads",
	"per caseworker: children, entries in force, short entries, reviews overdue and due",
	ROLE_TEAMLEAD, columns, COLUMN_COUNT, run,
};
