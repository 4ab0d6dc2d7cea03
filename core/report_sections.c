#include "core/report_sections.h"

#include <stdio.h>

#include "db/entries.h"

static const struct report_column columns[] = {
	{"section", "Section", CELL_TEXT, 7, "", false},
	{"therapy", "Therapy", CELL_TEXT, 9, "", false},
	{"children", "Children", CELL_INTEGER, 8, "", false},
	{"entries", "Entries", CELL_INTEGER, 7, "", false},
	{"minutes_per_week", "Min/week", CELL_INTEGER, 8, "", false},
};

struct section_rows {
	const struct report_sink *sink;
};

static const char *text_of(const struct db_value *v)
{
	return v->type == DBV_TEXT ? v->s : "";
}

static int section_row(void *ctx, const struct db_value *cols, int count)
{
	const struct section_rows *r = ctx;
	(void)count;
	struct cell cells[] = {
		cell_text(text_of(&cols[0])), cell_text(text_of(&cols[1])),
		cell_number(cols[2].i), cell_number(cols[3].i), cell_number(cols[4].i),
	};
	return r->sink->row(r->sink->ctx, cells);
}

static int run(struct session *s, const struct report_options *opt,
               const struct report_sink *sink, struct error *err)
{
	char title[96], on[DATE_TEXT_MAX];
	date_format(opt->on, on);
	snprintf(title, sizeof title, "Therapy entries by section and therapy on %s", on);
	sink->begin(sink->ctx, title, columns, (int)(sizeof columns / sizeof columns[0]));
	struct section_rows r = {sink};
	int rc = db_entries_by_section(s->db, on, section_row, &r, err);
	sink->end(sink->ctx);
	return rc;
}

const struct report report_sections = {
	"sections", "therapy entries active on a day by section (F/G) and therapy",
	ROLE_CASEWORKER, columns, (int)(sizeof columns / sizeof columns[0]), run,
};
