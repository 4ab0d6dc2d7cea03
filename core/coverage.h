/* coverage.h: which contracts cover which district for a therapy, and
 * changing that.
 *
 * The map shows, for one therapy on one day, each configured district
 * with the contracts in force that cover it: none is a gap, more than
 * one an overlap.  A pooled service in force (a contract of type
 * service) covers as a block contract does, and the tile says so.
 * Covering or uncovering a district is a change of a coverage record, so
 * it goes through the one write path: admins only, audited. */
#ifndef SENDESK_COVERAGE_H
#define SENDESK_COVERAGE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/date.h"
#include "core/session.h"

#define COVERAGE_REFS_MAX 256
#define COVERAGE_PROVIDERS_MAX 128
#define COVERAGE_REF_MAX 48          /* a contract ref: 40 bytes and a margin */
#define COVERAGE_PROVIDER_MAX 24     /* a provider code: 20 bytes and a margin */

/* One district on the map. */
struct coverage_tile {
	int contracts;                          /* 0: a gap; more than 1: an overlap */
	char refs[COVERAGE_REFS_MAX];           /* "EKHUFT-2024;KCHFT-E-2024", ref order */
	char providers[COVERAGE_PROVIDERS_MAX]; /* "EKHUFT+KCHFT", each once, code order */
	int services;                           /* how many of them are pooled services */
	char service_refs[COVERAGE_REFS_MAX];   /* those, as refs */
};

/* Fills tiles[d] for each configured district d (s->cfg's order) with
 * the coverage of therapy therapy_index on the day.  A list too long for
 * its buffer ends in "...".  Returns 0 or an EX_* code with err set. */
int coverage_map(struct session *s, day_t on, int therapy_index,
                 struct coverage_tile *tiles, struct error *err);

/* A contract that could cover a district: one in force on the day. */
struct coverage_candidate {
	int64_t contract_id;
	char ref[COVERAGE_REF_MAX];
	char provider[COVERAGE_PROVIDER_MAX];
	day_t start, end;
	bool covers;          /* it covers the district for the therapy already */
};

/* Called per candidate; the candidate lives until the call returns.
 * Non-zero stops the walk and is returned by coverage_candidates. */
typedef int (*coverage_candidate_fn)(void *ctx, const struct coverage_candidate *c);

/* Each contract in force on the day, by provider code then ref, saying
 * whether it covers district district_index for therapy therapy_index. */
int coverage_candidates(struct session *s, day_t on, int district_index, int therapy_index,
                        coverage_candidate_fn fn, void *ctx, struct error *err);

/* Makes the contract cover the district for the therapy if it does not,
 * else stops it covering them, through store_write (validated, admins
 * only, audited).  district and therapy are configured codes or names.
 * *now_covered says which happened.  A login that may not change
 * coverage gets EX_NOPERM and nothing changes. */
int coverage_toggle(struct session *s, const char *contract_ref, const char *district,
                    const char *therapy, bool *now_covered, struct error *err);

/* Whether the session's role may change coverage (the write path checks
 * again; this is for saying so before anyone tries). */
bool coverage_may_change(const struct session *s);

/* The day a map should open on: today when a contract covering anything
 * is in force today; otherwise the last day one was in force; otherwise
 * (only future contracts) the first day one will be; otherwise today.
 * *is_today says whether that is today. */
int coverage_default_day(struct session *s, day_t today, day_t *on, bool *is_today,
                         struct error *err);

#endif
