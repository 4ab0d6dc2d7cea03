#include "core/report_shortfall.h"

#include <stdio.h>

#include "core/desk.h"
#include "db/entries.h"

static const struct report_column columns[] = {
	{"entry", "Entry", CELL_TEXT, 12, "", false},
	{"child", "Child", CELL_TEXT, 10, "", false},
	{"therapy", "Therapy", CELL_TEXT, 9, "", false},
	{"section", "Section", CELL_TEXT, 7, "", false},
	{"specified_minutes", "Specified", CELL_INTEGER, 9, "", false},
	{"delivered_minutes", "Delivered", CELL_INTEGER, 9, "", false},
	{"shortfall_minutes", "Shortfall", CELL_INTEGER, 9, "", false},
	{"missed_sessions", "Missed", CELL_INTEGER, 6, "", false},
	{"provider_cancelled", "Prov canc", CELL_INTEGER, 9, "", false},
	{"school_cancelled", "Sch canc", CELL_INTEGER, 8, "", false},
	{"child_absent", "Absent", CELL_INTEGER, 6, "", false},
	{"did_not_attend", "DNA", CELL_INTEGER, 4, "", false},
};

void shortfall_range(const struct report_options *opt, day_t *from, day_t *to)
{
	*to = opt->has_to ? opt->to : opt->on;
	if (opt->has_from) {
		*from = opt->from;
		return;
	}
	int y, m, d;
	date_to_ymd(*to, &y, &m, &d);
	m -= 3;
	if (m < 1) {
		m += 12;
		y--;
	}
	*from = date_from_ymd(y, m, 1);
}

struct shortfall_rows {
	const struct report_sink *sink;
};

static const char *text_of(const struct db_value *v)
{
	return v->type == DBV_TEXT ? v->s : "";
}

static int shortfall_row(void *ctx, const struct db_value *cols, int count)
{
	const struct shortfall_rows *r = ctx;
	(void)count;
	struct cell cells[] = {
		cell_text(text_of(&cols[0])), cell_text(text_of(&cols[1])),
		cell_text(text_of(&cols[2])), cell_text(text_of(&cols[3])),
		cell_number(cols[4].i), cell_number(cols[5].i), cell_number(cols[6].i),
		cell_number(cols[7].i), cell_number(cols[8].i), cell_number(cols[9].i),
		cell_number(cols[10].i), cell_number(cols[11].i),
	};
	return r->sink->row(r->sink->ctx, cells);
}

static int run(struct session *s, const struct report_options *opt,
               const struct report_sink *sink, struct error *err)
{
	day_t first, last;
	shortfall_range(opt, &first, &last);
	if (last < first)
		return error_set(err, EX_USAGE, "provision shortfall: the range ends before it starts");
	char title[96], from[DATE_TEXT_MAX], to[DATE_TEXT_MAX];
	date_format(first, from);
	date_format(last, to);
	snprintf(title, sizeof title, "Provision shortfall, %s to %s", from, to);
	sink->begin(sink->ctx, title, columns, (int)(sizeof columns / sizeof columns[0]));
	struct shortfall_rows r = {sink};
	char terms[DESK_TERMS_JSON_MAX];
	int rc = db_entries_shortfall(s->db, from, to, desk_terms_json(s->cfg, terms, sizeof terms),
	                           shortfall_row, &r, err);
	sink->end(sink->ctx);
	return rc;
}

const struct report report_provision_shortfall = {
	"provision-shortfall", "therapy entries delivered less than their plans specify",
	ROLE_CASEWORKER, columns, (int)(sizeof columns / sizeof columns[0]), run,
};
