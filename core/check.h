/* check.h: is this database sound?
 *
 * SQLite's own integrity and foreign-key checks, then the application's
 * invariants: at least one admin; every record with its key (a session
 * its ref); every stored date a real ISO date;
 * every district and therapy in the records still configured; every
 * contract value dated within its contract. */
#ifndef SENDESK_CHECK_H
#define SENDESK_CHECK_H

#include "core/session.h"
#include "core/transfer.h"

/* Reports each problem as one line.  Returns 0 when clean, EX_UNAVAILABLE
 * when SQLite finds the file damaged, EX_DATAERR when an application
 * invariant is broken, or another EX_* when the check could not run. */
int check_database(struct session *s, problem_fn report, void *ctx, struct error *err);

#endif
