/* provision_line.h: a session logged, as the Provision list shows it.
 *
 * A provision record names only its therapy entry; a person reading the
 * list wants the child and the therapy too.  These read the entry and
 * its child by their keys (two indexed look-ups), so a screenful of
 * rows costs a screenful of look-ups, whatever the size of the table. */
#ifndef SENDESK_PROVISION_LINE_H
#define SENDESK_PROVISION_LINE_H

#include <stddef.h>
#include <stdint.h>

#include "core/desk.h"
#include "core/record.h"

/* The entry a session is on, and its child. */
struct provision_line {
	int64_t entry_id;
	char entry_ref[DESK_REF_MAX];
	char section[4];              /* "F" or "G" */
	char therapy[16];             /* the configured code in capitals: "SLT" */
	int64_t child_id;
	char child_ref[DESK_REF_MAX];
	char child_name[DESK_NAME_MAX];   /* "first last" */
	char upn[16];                 /* "" when the child has none */
};

/* The entry whose key is entry_ref, with its child.  EX_DATAERR "no
 * therapy entry 'E-9'" when there is none. */
int provision_line_of_entry(struct session *s, const char *entry_ref, struct provision_line *out,
                            struct error *err);

/* The same for entry entry_id. */
int provision_line_of_entry_id(struct session *s, int64_t entry_id, struct provision_line *out,
                               struct error *err);

/* "delivered", "provider cancelled", "did not attend": an outcome as
 * stored, in words (unset reads "delivered", as the rules count it),
 * into buf (size len), returned. */
const char *provision_outcome_words(const char *outcome, char *buf, size_t len);

/* The therapist this login named last (the default of a new session),
 * into buf (size len); "" when none. */
int provision_last_therapist(struct session *s, char *buf, size_t len, struct error *err);

#endif
