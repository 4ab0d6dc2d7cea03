/* demo.h: the demonstration data set.
 *
 * The files of data/demo/ (the seed documents' providers, contracts,
 * value history, coverage, staffing and provider returns), embedded in
 * the binary and loaded through the importer, so that demo data meets
 * exactly the same checks and audit as anyone's; then the caseworkers'
 * records of core/demo_desk.h, dated relative to the day. */
#ifndef SENDESK_DEMO_H
#define SENDESK_DEMO_H

#include "core/date.h"
#include "core/session.h"
#include "core/transfer.h"

/* Loads every demo file, then the caseworkers' records dated from today,
 * all or nothing.  Problems go to report. */
int demo_load(struct session *s, problem_fn report, void *ctx, struct error *err);

/* The same, with the caseworkers' records made as on the day `today`. */
int demo_load_on(struct session *s, day_t today, problem_fn report, void *ctx,
                 struct error *err);

#endif
