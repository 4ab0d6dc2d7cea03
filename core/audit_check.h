/* audit_check.h: is the audit trail whole, and do the records agree
 * with it?
 *
 * The trail is a hash chain (db/audit.h): a row deleted, changed or
 * inserted around sendesk breaks it, and each break is named with the
 * first row out of chain.  A record that is not as its latest audited
 * change left it was changed around sendesk.  Rows cut from the end of
 * the trail leave a whole chain: the head (how many rows, the last
 * hash) printed by each check, compared with an earlier one, shows it. */
#ifndef SENDESK_AUDIT_CHECK_H
#define SENDESK_AUDIT_CHECK_H

#include <stdint.h>

#include "core/session.h"
#include "core/transfer.h"
#include "db/audit.h"

struct audit_head {
	int64_t rows;
	char hash[AUDIT_HASH_HEX];   /* the last row's; "" when there is none */
};

/* Reports each break in the chain as one line, then the first row out
 * of chain; adds the number of lines to *problems.  Returns 0 or the
 * EX_* code of a check that could not run. */
int audit_check_chain(struct session *s, problem_fn report, void *ctx, long *problems,
                      struct error *err);

/* The chain's check, then each record that differs from its latest
 * audited change, one line each, added to *problems. */
int audit_check(struct session *s, problem_fn report, void *ctx, long *problems,
                struct error *err);

int audit_chain_head(struct session *s, struct audit_head *head, struct error *err);

#endif
