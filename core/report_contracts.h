/* report_contracts.h: each contract with its lifetime value and flags.
 *
 * Lifetime value: per financial year the contract overlaps, the rates in
 * force (the contract's annual value, changed from each contract-values
 * date on) times their days, over the days of that year, rounded to the
 * penny; a full year at one rate is exactly that rate.  Flags, on --on:
 * unsigned (in force or past, never signed; never said of a pooled
 * service, which may have no contractual terms to sign), expired (past its end
 * but not marked ended), key-decision-no-ref (lifetime above the key
 * decision threshold without a decision number), ending-soon (ends within
 * the configured warning days).
 *
 * A contract's value is the council's own share, so the lifetime value
 * is what the council spends and what the key decision threshold weighs,
 * even when other bodies fund the same contract or pooled service.  The
 * appended columns give the split: kcc_amount (the council's, equal to
 * lifetime_value), other_funders_amount (the annual amounts of the
 * funders not marked council, over the same period by the same rule) and
 * total_amount (both). */
#ifndef SENDESK_REPORT_CONTRACTS_H
#define SENDESK_REPORT_CONTRACTS_H

#include "core/record.h"
#include "core/report.h"

extern const struct report report_contracts;

/* One rate of a contract from a day on. */
struct rate_change {
	day_t from;
	int64_t annual_pence;
};

/* The lifetime value in pence of a contract running start..end
 * (inclusive) at the given rates (sorted by from; the first applies from
 * start whatever its date). */
int64_t contract_lifetime_value(day_t start, day_t end, const struct rate_change *rates,
                                int count, int fy_start_month);

/* What the flags of a contract depend on. */
struct contract_facts {
	day_t start, end;
	bool is_signed;
	const char *status;         /* "draft", "active", "ended" or "" */
	const char *decision_ref;   /* "" when none */
	int64_t lifetime_pence;
	bool is_service;            /* a pooled service: no signature is missing */
};

/* The flags words joined by ';' ("unsigned;ending-soon"), "" for none,
 * as they stand on day on. */
void contract_flags(const struct settings *cfg, const struct contract_facts *f, day_t on,
                    char *flags, size_t len);

/* Who pays for a contract over its whole period, in pence. */
struct contract_funding {
	bool is_service;            /* a pooled service rather than a block contract */
	int funders;                /* funder rows recorded, the council's among them */
	int64_t other_annual;       /* the other funders' annual amounts together */
	int64_t council;            /* the council's share: the lifetime value */
	int64_t others;             /* the other funders' over the same period */
	int64_t total;              /* council + others */
};

/* Where a stored contract stands on a day. */
struct contract_standing {
	int64_t lifetime;           /* pence, over its whole period */
	int64_t rate;               /* annual pence in force on the day: the
	                             * latest value history row from on or
	                             * before it, else the starting value */
	char flags[96];             /* as contract_flags */
	struct contract_funding funding;
};

/* Lifetime value, rate, flags on day on and funding of a stored contract (a
 * record of the contracts kind, as loaded), from its value history.
 * 0, or an EX_* code with err set. */
int contract_summary(struct session *s, const struct record *contract, day_t on,
                     struct contract_standing *out, struct error *err);

#endif
