/* group_form.h: logging a group session in one form.
 *
 * One therapist sees several children on one date for the same minutes:
 * the form takes the date (today to start with), the minutes, the
 * therapist (the last one this login named) and notes, then the
 * children's therapy entries one by one: a picker finds the child by
 * name, ref or UPN, and the entry in force today is added (when the
 * child has several, the form lists them to choose from).  Each member
 * has its outcome: delivered, or why not (Left / Right / Space).  F2
 * saves every session or none (desk_log_group): a refusal names the
 * entry and the reason, marks its row, and nothing is written.  Esc
 * leaves without writing. */
#ifndef SENDESK_GROUP_FORM_H
#define SENDESK_GROUP_FORM_H

#include "tui/tui.h"

/* Opens the form over the current view; after a save the views under
 * it reload. */
void group_form_open(struct tui *t);

#endif
