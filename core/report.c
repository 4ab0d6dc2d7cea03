#include "core/report.h"

#include <stdio.h>
#include <string.h>

#include "core/report_capacity.h"
#include "core/report_caseloads.h"
#include "core/report_contracts.h"
#include "core/report_coverage.h"
#include "core/report_equality.h"
#include "core/report_funding.h"
#include "core/report_pb.h"
#include "core/report_sections.h"
#include "core/report_shortfall.h"
#include "core/report_spot_growth.h"
#include "core/report_waits.h"
#include "core/session.h"
#include "db/db.h"

const struct report *const reports[] = {
	&report_contracts,
	&report_coverage_gaps,
	&report_spot_growth,
	&report_pb_summary,
	&report_sections,
	&report_waits,
	&report_provision_shortfall,
	&report_f_funding,
	&report_f_unfunded,
	&report_capacity,
	&report_equality,
	&report_caseloads,
	NULL,
};

const struct report *report_find(const char *name)
{
	for (const struct report *const *r = reports; *r; r++)
		if (strcmp((*r)->name, name) == 0)
			return *r;
	return NULL;
}

/* The stop a report's options give, and whether it was taken. */
struct report_watch {
	const struct report_options *opt;
	bool stopped;
};

static bool report_stopped(void *ctx)
{
	struct report_watch *w = ctx;
	if (!w->stopped)
		w->stopped = w->opt->stop(w->opt->stop_ctx);
	return w->stopped;
}

int report_run(struct session *s, const struct report *r, const struct report_options *opt,
               const struct report_sink *sink, struct error *err)
{
	char what[64];
	snprintf(what, sizeof what, "see the %s report", r->name);
	int rc = session_require(s, r->min_role, what, err);
	if (rc != 0 || opt->stop == NULL)
		return rc ? rc : r->run(s, opt, sink, err);
	struct report_watch w = {opt, false};
	if (report_stopped(&w))
		return error_set(err, EX_TEMPFAIL, "the %s report was stopped", r->name);
	db_watch(s->db, report_stopped, &w);
	rc = r->run(s, opt, sink, err);
	db_watch(s->db, NULL, NULL);
	if (w.stopped)
		return error_set(err, EX_TEMPFAIL, "the %s report was stopped before it ended", r->name);
	return rc;
}

struct cell cell_text(const char *text) { return (struct cell){.null = text == NULL, .text = text}; }
struct cell cell_number(int64_t n) { return (struct cell){.n = n}; }
struct cell cell_null(void) { return (struct cell){.null = true}; }
struct cell cell_masked(const char *text) { return (struct cell){.text = text}; }
