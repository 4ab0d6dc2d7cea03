/* caseload.h: the children a caseworker holds, and handing them on.
 *
 * A child's caseworker is a login (children.caseworker).  When a
 * caseworker leaves or changes team, an admin or team lead moves all of
 * their children to another login in one step: one transaction, every
 * child's change through the write path, so each is audited under the
 * login that moved it.  The command line (sendesk caseload move) and the
 * screens call the same function. */
#ifndef SENDESK_CASELOAD_H
#define SENDESK_CASELOAD_H

#include <stdint.h>

#include "core/session.h"

/* Makes `to` the caseworker of every child whose caseworker is `from`;
 * *moved is how many.  All or nothing: a child the write path refuses
 * undoes the whole move, and err names that child.  EX_NOPERM unless
 * the session is a team lead or admin; EX_DATAERR when from or to is not
 * a user ("no user 'x'") or they are the same login. */
int caseload_move(struct session *s, const char *from, const char *to, long *moved,
                  struct error *err);

/* How many children login is the caseworker of; EX_DATAERR "no user"
 * when login is not a user. */
int caseload_count(struct session *s, const char *login, int64_t *count, struct error *err);

#endif
