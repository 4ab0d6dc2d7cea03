/* wait_series.h: one provider's waits for one therapy, month by month.
 *
 * From the provider's monthly returns, every month from the first return
 * to the last, a month without a return included (not reported: a gap,
 * never a zero).  Per month:
 *   share     those waiting longer than the target (assessment and
 *             intervention together) out of all those waiting, in tenths
 *             of a percent, rounded half up; none unless some waiting
 *             count and its over-target count are both reported and
 *             someone waits;
 *   judged    WAIT_MISSED when any reported over-target count is above 0
 *             (someone waits longer than the configured wait_target_weeks),
 *             WAIT_MET when the counts reported are all 0, and
 *             WAIT_NOT_JUDGED when no over-target count is reported. */
#ifndef SENDESK_WAIT_SERIES_H
#define SENDESK_WAIT_SERIES_H

#include <stdbool.h>
#include <stdint.h>

#include "core/session.h"

/* Twenty years of months: beyond that, the latest. */
#define WAIT_SERIES_MAX 240

enum wait_judgement { WAIT_NOT_JUDGED, WAIT_MET, WAIT_MISSED };

/* A count as returned: reported or not. */
struct wait_count {
	bool reported;
	int64_t n;
};

struct wait_month {
	char month[16];            /* "2023-05" */
	bool returned;             /* a return exists for the month */
	struct wait_count referrals, assess, assess_over, interv, interv_over, caseload;
	bool has_share;
	int64_t share_tenths;
	enum wait_judgement judged;
};

struct wait_series {
	struct wait_month months[WAIT_SERIES_MAX];
	int count;
	bool truncated;            /* earlier months were left out */
	int missed;                /* months judged WAIT_MISSED */
};

/* Loads the series of provider_id's returns for therapy (team leads and
 * admins, as the waits report).  0, or an EX_* code with err set. */
int wait_series_load(struct session *s, int64_t provider_id, const char *therapy,
                     struct wait_series *out, struct error *err);

/* "missed", "met" or "not reported", as the view writes a month. */
const char *wait_judgement_text(enum wait_judgement j);

#endif
