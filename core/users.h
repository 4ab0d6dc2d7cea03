/* users.h: who may use a database, and as what (admins only). */
#ifndef SENDESK_USERS_H
#define SENDESK_USERS_H

#include <stdbool.h>
#include <stdio.h>

#include "core/session.h"

/* Each changes one users row through the write path.  Refused with
 * EX_NOPERM for non-admins, EX_DATAERR for an unknown role, an unknown
 * login (set, remove), a login already there (add), or a change that
 * would leave no admin. */
int users_add(struct session *s, const char *login, const char *role, struct error *err);
int users_set(struct session *s, const char *login, const char *role, struct error *err);
/* The same, saying in *changed whether the role was another one (the same
 * role again writes nothing). */
int users_set_role(struct session *s, const char *login, const char *role, bool *changed,
                   struct error *err);
int users_remove(struct session *s, const char *login, struct error *err);

/* Whether login is an account on this host.  A users row may name a
 * login that is not (the database may have come from another host), but
 * nobody can act as it here until the account exists. */
bool users_login_exists_here(const char *login);

/* Writes "login role" lines, one per user, in login order. */
int users_list(struct session *s, FILE *out, struct error *err);

#endif
