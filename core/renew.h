/* renew.h: a contract renewed for its next period (admins).
 *
 * A renewal is a new contract record: the same provider, title, route
 * and notes, at the rate in force when the old one ends, running from
 * the day after the old end for the same number of days, with the old
 * one's coverage and staffing copied to it.  It starts as a draft, not
 * signed and without a decision number: those belong to the new
 * period's own award.  The old contract is left as it was.  Everything
 * is written through the write path in one transaction (each record
 * audited): all of it or nothing. */
#ifndef SENDESK_RENEW_H
#define SENDESK_RENEW_H

#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/session.h"

struct renewal {
	int64_t id;                /* of the new contract */
	day_t start, end;          /* its period */
	long coverage, staffing;   /* rows copied */
};

/* The ref a renewal of contract_id would get: the old ref with its year
 * made the new start's ("EKHUFT-2024" -> "EKHUFT-2025"), or the new
 * start's year added, then "-2", "-3"... while that ref is taken.  Also
 * the new period.  EX_DATAERR when there is no such contract. */
int renew_suggest(struct session *s, int64_t contract_id, char *ref, size_t len, day_t *start,
                  day_t *end, struct error *err);

/* Renews contract_id as a new contract new_ref.  EX_NOPERM unless an
 * admin; EX_DATAERR (nothing written) when new_ref is taken or a copied
 * record is refused, err naming which. */
int renew_contract(struct session *s, int64_t contract_id, const char *new_ref,
                   struct renewal *out, struct error *err);

#endif
