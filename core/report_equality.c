#include "core/report_equality.h"

#include <stdio.h>
#include <string.h>

#include "core/report_funding.h"
#include "db/report_funding.h"

static const struct report_column columns[] = {
	{"characteristic", "Characteristic", CELL_TEXT, 14, "", false},
	{"value", "Value", CELL_TEXT, 22, "", false},
	{"funding", "Funding", CELL_TEXT, 8, "", false},
	{"children", "Children", CELL_INTEGER, 8, "", false},
	{"share_pct", "Share", CELL_PERCENT, 6, "", false},
};

#define COLUMN_COUNT ((int)(sizeof columns / sizeof columns[0]))

enum { Q_CHARACTERISTIC, Q_VALUE, Q_ROUTE, Q_CHILDREN, Q_OF };

struct rows {
	const struct settings *cfg;
	const struct report_sink *sink;
};

static const char *value_of(const struct rows *r, const struct db_value *cols)
{
	const char *value = cols[Q_VALUE].type == DBV_NULL ? NULL : cols[Q_VALUE].s;
	if (value == NULL || value[0] == '\0')
		return "not recorded";
	if (strcmp(cols[Q_CHARACTERISTIC].s, "district") == 0)
		return report_district_name(r->cfg, value);
	return value;
}

static int equality_row(void *ctx, const struct db_value *cols, int count)
{
	const struct rows *r = ctx;
	(void)count;
	int64_t n = cols[Q_CHILDREN].i, of = cols[Q_OF].i;
	bool small = n >= 1 && n <= EQUALITY_SMALL_COUNT;
	struct cell share = cell_null();
	if (!small && of > 0)
		share = cell_number((n * 1000 + of / 2) / of);
	struct cell cells[] = {
		cell_text(cols[Q_CHARACTERISTIC].s), cell_text(value_of(r, cols)),
		cell_text(cols[Q_ROUTE].s), small ? cell_masked("<5") : cell_number(n), share,
	};
	return r->sink->row(r->sink->ctx, cells);
}

static int run(struct session *s, const struct report_options *opt,
               const struct report_sink *sink, struct error *err)
{
	char title[96], on[DATE_TEXT_MAX];
	date_format(opt->on, on);
	snprintf(title, sizeof title, "Children with Section F entries by characteristic on %s", on);
	sink->begin(sink->ctx, title, columns, COLUMN_COUNT);
	struct rows r = {s->cfg, sink};
	int rc = db_report_equality(s->db, on, equality_row, &r, err);
	sink->end(sink->ctx);
	return rc;
}

const struct report report_equality = {
	"equality",
	"children with Section F entries by age band, sex, need and district per funding route",
	ROLE_TEAMLEAD, columns, COLUMN_COUNT, run,
};
