#include "core/report_capacity.h"

#include <stdio.h>

#include "db/report_funding.h"

static const struct report_column columns[] = {
	{"contract", "Contract", CELL_TEXT, 14, "", false},
	{"therapy", "Therapy", CELL_TEXT, 9, "", false},
	{"districts", "Districts", CELL_INTEGER, 9, "", false},
	{"funded_fte", "FTE", CELL_FIXED2, 7, "n/a", false},
	{"entries", "Entries", CELL_INTEGER, 7, "", false},
	{"minutes_per_week", "Min/week", CELL_INTEGER, 8, "", false},
	{"minutes_per_fte", "Min/FTE", CELL_INTEGER, 7, "n/a", false},
};

#define COLUMN_COUNT ((int)(sizeof columns / sizeof columns[0]))

enum { C_ID, C_REF, C_THERAPY, C_DISTRICTS, C_FTE, C_ENTRIES, C_MINUTES };

static int capacity_row(void *ctx, const struct db_value *cols, int count)
{
	const struct report_sink *sink = ctx;
	(void)count;
	const struct db_value *fte = &cols[C_FTE];
	struct cell per_fte = cell_null();
	if (fte->type != DBV_NULL && fte->i > 0)   /* minutes / (hundredths / 100), half up */
		per_fte = cell_number((cols[C_MINUTES].i * 100 + fte->i / 2) / fte->i);
	struct cell cells[] = {
		cell_text(cols[C_REF].s ? cols[C_REF].s : ""),
		cell_text(cols[C_THERAPY].s ? cols[C_THERAPY].s : ""),
		cell_number(cols[C_DISTRICTS].i),
		fte->type == DBV_NULL ? cell_null() : cell_number(fte->i),
		cell_number(cols[C_ENTRIES].i), cell_number(cols[C_MINUTES].i), per_fte,
	};
	return sink->row(sink->ctx, cells);
}

static int run(struct session *s, const struct report_options *opt,
               const struct report_sink *sink, struct error *err)
{
	char title[96], on[DATE_TEXT_MAX];
	date_format(opt->on, on);
	snprintf(title, sizeof title, "Contracts' funded FTE against the entries they serve on %s",
	         on);
	sink->begin(sink->ctx, title, columns, COLUMN_COUNT);
	int rc = db_report_capacity(s->db, on, capacity_row, (void *)sink, err);
	sink->end(sink->ctx);
	return rc;
}

const struct report report_capacity = {
	"capacity",
	"per contract in force and therapy: funded FTE against the weekly minutes of its entries",
	ROLE_TEAMLEAD, columns, COLUMN_COUNT, run,
};
