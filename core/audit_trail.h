/* audit_trail.h: the audit trail read by people, and the events it
 * records beside the changes the write path audits.
 *
 * Team leads and admins review the trail (export audit, report audit):
 * who did what, when, to which record, and what it changed.  Opening a
 * child's record is logged (children's records are personal data), and
 * so is each backup and restore, in the same hash chain (db/audit.h). */
#ifndef SENDESK_AUDIT_TRAIL_H
#define SENDESK_AUDIT_TRAIL_H

#include <stdint.h>
#include <stdio.h>

#include "core/kind.h"
#include "core/report.h"
#include "core/session.h"

/* Writes the whole trail as CSV: at, login, action, kind, record,
 * changes (JSON), hash.  EX_NOPERM below team lead. */
int audit_trail_export(struct session *s, FILE *out, struct error *err);

/* The filters of report audit: NULL or unset for any. */
struct audit_filter {
	const char *login;
	bool has_from, has_to;
	day_t from, to;
};

/* The trail as a report (the export's columns without the hash) into
 * sink.  EX_NOPERM below team lead. */
int audit_trail_report(struct session *s, const struct audit_filter *filter,
                       const struct report_sink *sink, struct error *err);

/* Logs that the session's login opened record id of kind k, when k holds
 * a child's personal data; nothing for other kinds.  A transaction of
 * its own. */
int audit_note_view(struct session *s, const struct kind *k, int64_t id, struct error *err);

/* Logs an event about the whole database (action "backup" or "restore")
 * with one detail, {"file": file}, and the copy it kept (NULL: none). */
int audit_note_event(struct session *s, const char *action, const char *file, const char *kept,
                     struct error *err);

#endif
