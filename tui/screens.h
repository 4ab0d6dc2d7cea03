/* screens.h: the views any screen may open.  The tabs, and the function
 * opening each one's first view, are in tui/tabs.h. */
#ifndef SENDESK_SCREENS_H
#define SENDESK_SCREENS_H

#include "core/date.h"
#include "tui/tabs.h"
#include "tui/tui.h"

struct period;
struct value;

/* The spot purchases behind one period of the growth review, their
 * In year parts with open-ended purchases running to as_of, under the
 * period's spend (total_pence) as the growth figures give it. */
void spot_purchases_in(struct tui *t, const struct period *p, day_t as_of, int64_t total_pence);

/* How a child's record opens (the Children tab's): from any record that
 * names a child (Enter on a spot purchase's record). */
const struct record_screen *child_record_screen(void);

/* "CH-0001 Lee Ashby": the child a reference field names, with the name
 * found by the ref (unique: one indexed look-up); the ref alone if that
 * fails, "" when unset.  For the child column of other kinds' lists. */
void child_ref_and_name(struct tui *t, const struct value *ref, char *buf, size_t len);

/* The history of record id of kind k: its changes newest first, field
 * by field; u there undoes the latest (tui/screen_history.c). */
void history_open(struct tui *t, const struct kind *k, int64_t id);

/* Names the record an opening of the trail is about by its key
 * ("CH-0055"), read now, where the trail has only its id ("#55"). */
struct history_change;
void change_name_record(struct tui *t, struct history_change *c);

/* One change of the audit trail (its audit id), field by field. */
void change_open(struct tui *t, int64_t audit_id);

/* How a contract's record opens (the Contracts tab's): from a report's
 * row naming it. */
const struct record_screen *contract_record_screen(void);

/* The coverage map for therapy (its code) on day on, with the tile of
 * district (its name or code) selected: a coverage-gaps row's figure.
 * -1, opening nothing, when either is not configured. */
int coverage_open_at(struct tui *t, const char *district, const char *therapy, day_t on);

/* How returns list and open (the Returns tab's, "n/a" where not
 * reported): for a report's row naming one. */
const struct record_screen *returns_record_screen(void);

/* The help screen, made from the keymap: the keys of the view it was
 * opened from (t->scopes) and the global ones. */
void help_open(struct tui *t);

/* The last status message, whole, wrapped to the screen. */
void message_open(struct tui *t);

#endif
