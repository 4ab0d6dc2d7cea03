#include "core/audit_trail.h"

#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "db/audit.h"
#include "db/record.h"

enum { TRAIL_AT, TRAIL_LOGIN, TRAIL_ACTION, TRAIL_KIND, TRAIL_RECORD, TRAIL_CHANGES, TRAIL_HASH,
       TRAIL_COLUMNS };

static const char *const trail_names[TRAIL_COLUMNS] = {
	"at", "login", "action", "kind", "record", "changes", "hash",
};

static int require_reviewer(struct session *s, struct error *err)
{
	return session_require(s, ROLE_TEAMLEAD, "read the audit trail", err);
}

static int export_row(void *ctx, const struct db_value *cols, int count)
{
	FILE *out = ctx;
	const char *cells[TRAIL_COLUMNS];
	bool as_text[TRAIL_COLUMNS];
	for (int i = 0; i < TRAIL_COLUMNS && i < count; i++) {
		cells[i] = cols[i].s;
		as_text[i] = true;
	}
	return csv_write_guarded(out, cells, as_text, TRAIL_COLUMNS);
}

int audit_trail_export(struct session *s, FILE *out, struct error *err)
{
	int rc = require_reviewer(s, err);
	if (rc != 0)
		return rc;
	if (csv_write_record(out, trail_names, TRAIL_COLUMNS) != 0)
		return error_set(err, EX_IOERR, "writing audit: output error");
	rc = db_audit_trail(s->db, NULL, NULL, NULL, export_row, out, err);
	if (rc == EX_IOERR && err && !err->msg[0])
		error_set(err, EX_IOERR, "writing audit: output error");
	return rc;
}

static const struct report_column report_columns[] = {
	{"at", "At", CELL_TEXT, 20, "", false},
	{"login", "Login", CELL_TEXT, 12, "", false},
	{"action", "Action", CELL_TEXT, 7, "", false},
	{"kind", "Kind", CELL_TEXT, 15, "", false},
	{"record", "Record", CELL_TEXT, 14, "", false},
	{"changes", "Changes", CELL_TEXT, 0, "", false},
};

#define REPORT_COLUMNS ((int)(sizeof report_columns / sizeof report_columns[0]))

static int report_row(void *ctx, const struct db_value *cols, int count)
{
	const struct report_sink *sink = ctx;
	struct cell cells[REPORT_COLUMNS];
	for (int i = 0; i < REPORT_COLUMNS && i < count; i++)
		cells[i] = cell_text(cols[i].s);
	return sink->row(sink->ctx, cells);
}

int audit_trail_report(struct session *s, const struct audit_filter *filter,
                       const struct report_sink *sink, struct error *err)
{
	int rc = require_reviewer(s, err);
	if (rc != 0)
		return rc;
	char from[DATE_TEXT_MAX], to[DATE_TEXT_MAX];
	if (filter->has_from)
		date_format(filter->from, from);
	if (filter->has_to)
		date_format(filter->to, to);
	sink->begin(sink->ctx, "Audit trail", report_columns, REPORT_COLUMNS);
	rc = db_audit_trail(s->db, filter->login, filter->has_from ? from : NULL,
	                    filter->has_to ? to : NULL, report_row, (void *)sink, err);
	sink->end(sink->ctx);
	return rc;
}

/* One audit row in a transaction of its own. */
static int note(struct session *s, const char *action, const char *kind, int64_t id,
                const char *after, struct error *err)
{
	int rc = db_savepoint(s->db, err);
	if (rc != 0)
		return rc;
	rc = db_audit_add(s->db, s->login, action, kind, id, NULL, after, err);
	if (rc == 0)
		return db_release(s->db, err);
	db_rollback_savepoint(s->db);
	return rc;
}

int audit_note_view(struct session *s, const struct kind *k, int64_t id, struct error *err)
{
	if (k->id != KIND_CHILDREN)
		return 0;
	return note(s, "view", k->name, id, NULL, err);
}

/* text as a JSON string, quotes included, into a malloc'd buffer. */
static char *json_string(const char *text)
{
	size_t len = strlen(text);
	char *out = malloc(len * 6 + 3), *p = out;
	if (out == NULL)
		return NULL;
	*p++ = '"';
	for (const unsigned char *c = (const unsigned char *)text; *c; c++) {
		if (*c == '"' || *c == '\\') {
			*p++ = '\\';
			*p++ = (char)*c;
		} else if (*c < 0x20) {
			p += sprintf(p, "\\u%04x", *c);
		} else {
			*p++ = (char)*c;
		}
	}
	*p++ = '"';
	*p = '\0';
	return out;
}

int audit_note_event(struct session *s, const char *action, const char *file, const char *kept,
                     struct error *err)
{
	char *f = json_string(file), *k = kept ? json_string(kept) : NULL;
	char *after = f ? malloc(strlen(f) + (k ? strlen(k) : 0) + 32) : NULL;
	int rc;
	if (after == NULL || (kept && k == NULL)) {
		rc = error_set(err, EX_OSERR, "out of memory");
	} else {
		sprintf(after, k ? "{\"file\":%s,\"kept\":%s}" : "{\"file\":%s}", f, k);
		rc = note(s, action, "database", 0, after, err);
	}
	free(f);
	free(k);
	free(after);
	return rc;
}
