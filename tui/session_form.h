/* session_form.h: logging one therapy session on an entry.
 *
 * A small form over the current view: date (today), minutes (the last
 * session's on the entry, else its weekly minutes), outcome (delivered,
 * or why it did not happen), therapist (the last one this login named)
 * and notes (^E: in $EDITOR).  F2 or ^S saves through the write path;
 * Esc leaves nothing written.  A session that did not happen is kept
 * with its reason and counts no delivered minutes.  Used from a child's
 * record and from the Provision tab. */
#ifndef SENDESK_SESSION_FORM_H
#define SENDESK_SESSION_FORM_H

#include <stdint.h>

#include "tui/form.h"

/* Opens the form for a new session of therapy entry entry_id; saved
 * (may be NULL) is called after it is written, with ctx.  When the entry
 * is not there the status line says so and nothing opens. */
void session_form_open(struct tui *t, int64_t entry_id, form_saved_fn saved, void *ctx);

#endif
