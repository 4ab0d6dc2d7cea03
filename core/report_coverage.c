#include "core/report_coverage.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "db/coverage.h"
#include "db/report.h"

static const struct report_column columns[] = {
	{"district", "District", CELL_TEXT, 22, "", false},
	{"therapy", "Therapy", CELL_TEXT, 9, "", false},
	{"problem", "Problem", CELL_TEXT, 7, "", false},
	{"contracts", "Contracts", CELL_TEXT, 26, "-", false},
	{"services", "Of which services", CELL_TEXT, 0, "-", false},
};

struct grid_fill {
	const struct settings *cfg;
	struct coverage_cell *grid;
};

static int index_of_district(const struct settings *cfg, const char *code)
{
	for (int i = 0; i < cfg->district_count; i++)
		if (strcasecmp(cfg->districts[i].code, code) == 0)
			return i;
	return -1;
}

static int index_of_therapy(const struct settings *cfg, const char *code)
{
	for (int i = 0; i < cfg->therapy_count; i++)
		if (strcasecmp(cfg->therapies[i].code, code) == 0)
			return i;
	return -1;
}

static int fill_cell(void *ctx, const struct db_value *cols, int count)
{
	struct grid_fill *g = ctx;
	(void)count;
	/* Coverage of a district or therapy no longer configured is reported
	 * by "sendesk check", not here. */
	int d = cols[0].s ? index_of_district(g->cfg, cols[0].s) : -1;
	int t = cols[1].s ? index_of_therapy(g->cfg, cols[1].s) : -1;
	if (d < 0 || t < 0)
		return 0;
	struct coverage_cell *cell = &g->grid[d * g->cfg->therapy_count + t];
	cell->contracts = (int)cols[2].i;
	/* A national authority's overlaps run to dozens of contracts: the
	 * list is kept whole, never cut to a buffer. */
	free(cell->refs);
	cell->refs = cols[3].s ? strdup(cols[3].s) : NULL;
	return cols[3].s && cell->refs == NULL ? EX_OSERR : 0;
}

static int fill_services(void *ctx, const struct db_value *cols, int count)
{
	struct grid_fill *g = ctx;
	(void)count;
	int d = cols[0].s ? index_of_district(g->cfg, cols[0].s) : -1;
	int t = cols[1].s ? index_of_therapy(g->cfg, cols[1].s) : -1;
	if (d < 0 || t < 0 || cols[2].s == NULL)
		return 0;
	struct coverage_cell *cell = &g->grid[d * g->cfg->therapy_count + t];
	free(cell->services);
	cell->services = strdup(cols[2].s);
	return cell->services == NULL ? EX_OSERR : 0;
}

void coverage_cells_free(struct coverage_cell *grid, size_t cells)
{
	for (size_t i = 0; i < cells; i++) {
		free(grid[i].refs);
		grid[i].refs = NULL;
		free(grid[i].services);
		grid[i].services = NULL;
	}
}

int coverage_on(struct session *s, day_t on, struct coverage_cell *grid, struct error *err)
{
	const struct settings *cfg = s->cfg;
	char iso[DATE_TEXT_MAX];
	date_format(on, iso);
	struct grid_fill fill = {cfg, grid};
	int rc = db_report_coverage_on(s->db, iso, fill_cell, &fill, err);
	if (rc == 0)
		rc = db_coverage_services_on(s->db, iso, fill_services, &fill, err);
	if (rc == EX_OSERR)
		error_set(err, rc, "coverage on %s: out of memory", iso);
	return rc;
}

static int emit_problems(struct session *s, const struct coverage_cell *grid,
                         const struct report_sink *sink)
{
	const struct settings *cfg = s->cfg;
	for (int d = 0; d < cfg->district_count; d++) {
		for (int t = 0; t < cfg->therapy_count; t++) {
			const struct coverage_cell *cell = &grid[d * cfg->therapy_count + t];
			if (cell->contracts == 1)
				continue;
			struct cell cells[] = {
				cell_text(cfg->districts[d].name), cell_text(cfg->therapies[t].code),
				cell_text(cell->contracts == 0 ? "gap" : "overlap"),
				cell->refs == NULL ? cell_null() : cell_text(cell->refs),
				cell->services == NULL ? cell_null() : cell_text(cell->services),
			};
			int rc = sink->row(sink->ctx, cells);
			if (rc != 0)
				return rc;
		}
	}
	return 0;
}

static int run(struct session *s, const struct report_options *opt,
               const struct report_sink *sink, struct error *err)
{
	size_t cells = (size_t)(s->cfg->district_count * s->cfg->therapy_count);
	struct coverage_cell *grid = calloc(cells ? cells : 1, sizeof *grid);
	if (grid == NULL)
		return error_set(err, EX_OSERR, "out of memory");
	char title[96], on[DATE_TEXT_MAX];
	date_format(opt->on, on);
	snprintf(title, sizeof title, "Coverage gaps and overlaps on %s", on);
	int rc = coverage_on(s, opt->on, grid, err);
	if (rc == 0) {
		sink->begin(sink->ctx, title, columns, (int)(sizeof columns / sizeof columns[0]));
		rc = emit_problems(s, grid, sink);
		sink->end(sink->ctx);
	}
	coverage_cells_free(grid, cells);
	free(grid);
	return rc;
}

const struct report report_coverage_gaps = {
	"coverage-gaps", "districts x therapies with no contract or service in force, or more than one",
	ROLE_CASEWORKER, columns, (int)(sizeof columns / sizeof columns[0]), run,
};
