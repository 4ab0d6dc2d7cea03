/* demo_desk.h: the caseworkers' part of the demonstration data.
 *
 * Caseworker logins, children with EHCP therapy entries in Sections F and
 * G for every configured therapy and district, and a year of sessions up
 * to the day the demo is made.  The seed documents give no such records,
 * and dates fixed in a file would age: a demo made years later would show
 * no entry in force and no recent session.  So these records are made
 * here, from the day and a fixed seed (the same day gives the same
 * records), and written through the one write path like any import. */
#ifndef SENDESK_DEMO_DESK_H
#define SENDESK_DEMO_DESK_H

#include "core/date.h"
#include "core/session.h"

/* The logins the demo adds: three caseworkers, then a team lead. */
#define DEMO_DESK_LOGIN_COUNT 4
extern const char *const demo_desk_logins[DEMO_DESK_LOGIN_COUNT];

/* Writes the logins, children, entries and sessions for the day `today`,
 * inside the caller's transaction (nothing is committed here).  Needs the
 * demo's contracts and coverage already loaded, and an admin.  A
 * database that already holds the demo's first child is left as it is,
 * so loading the demo twice adds nothing.  Returns 0 or an EX_* code
 * with err naming the record. */
int demo_desk_load(struct session *s, day_t today, struct error *err);

#endif
