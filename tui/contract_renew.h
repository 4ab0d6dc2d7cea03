/* contract_renew.h: R on a contract (the Contracts list, a contract's
 * record): renew it for its next period (core/renew.h), after asking for
 * the new contract's ref. */
#ifndef SENDESK_CONTRACT_RENEW_H
#define SENDESK_CONTRACT_RENEW_H

#include "core/record.h"
#include "tui/tui.h"

/* ACT_RENEW on contract (NULL: none selected): asks for the new ref,
 * proposing one, then renews; VIEW_IGNORED for any other action. */
int contract_renew_key(struct tui *t, const struct record *contract, enum action a);

#endif
