#include "core/provision_line.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core/fields.h"
#include "core/kind.h"
#include "core/store.h"
#include "db/desk.h"

static void copy_field(const struct record *r, int field, const struct settings *cfg, char *buf,
                       size_t len)
{
	char text[RECORD_TEXT_MAX];
	snprintf(buf, len, "%s", record_text(r, field, cfg, text, sizeof text));
}

static int fill_child(struct session *s, const char *child_ref, struct provision_line *out,
                      struct error *err)
{
	struct record child;
	record_init(&child, kinds[KIND_CHILDREN]);
	bool found = false;
	int rc = store_load_by_key(s, &child, child_ref, &found, err);
	if (rc == 0 && !found)
		rc = error_set(err, EX_DATAERR, "no child '%s'", child_ref);
	if (rc == 0) {
		char first[RECORD_TEXT_MAX], last[RECORD_TEXT_MAX];
		out->child_id = child.id;
		copy_field(&child, CHILD_REF, s->cfg, out->child_ref, sizeof out->child_ref);
		copy_field(&child, CHILD_FIRST_NAME, s->cfg, first, sizeof first);
		copy_field(&child, CHILD_LAST_NAME, s->cfg, last, sizeof last);
		snprintf(out->child_name, sizeof out->child_name, "%.100s %.100s", first, last);
		copy_field(&child, CHILD_UPN, s->cfg, out->upn, sizeof out->upn);
	}
	record_clear(&child);
	return rc;
}

static int fill_from_entry(struct session *s, const struct record *entry,
                           struct provision_line *out, struct error *err)
{
	char child_ref[RECORD_TEXT_MAX];
	memset(out, 0, sizeof *out);
	out->entry_id = entry->id;
	copy_field(entry, ENTRY_REF, s->cfg, out->entry_ref, sizeof out->entry_ref);
	copy_field(entry, ENTRY_SECTION, s->cfg, out->section, sizeof out->section);
	copy_field(entry, ENTRY_THERAPY, s->cfg, out->therapy, sizeof out->therapy);
	for (char *c = out->therapy; *c; c++)
		*c = (char)toupper((unsigned char)*c);
	copy_field(entry, ENTRY_CHILD, s->cfg, child_ref, sizeof child_ref);
	return fill_child(s, child_ref, out, err);
}

int provision_line_of_entry(struct session *s, const char *entry_ref, struct provision_line *out,
                            struct error *err)
{
	struct record entry;
	record_init(&entry, kinds[KIND_THERAPY_ENTRIES]);
	bool found = false;
	int rc = store_load_by_key(s, &entry, entry_ref, &found, err);
	if (rc == 0 && !found)
		rc = error_set(err, EX_DATAERR, "no therapy entry '%s'", entry_ref);
	if (rc == 0)
		rc = fill_from_entry(s, &entry, out, err);
	record_clear(&entry);
	return rc;
}

int provision_line_of_entry_id(struct session *s, int64_t entry_id, struct provision_line *out,
                               struct error *err)
{
	struct record entry;
	record_init(&entry, kinds[KIND_THERAPY_ENTRIES]);
	int rc = store_load(s, &entry, entry_id, err);
	if (rc == 0)
		rc = fill_from_entry(s, &entry, out, err);
	record_clear(&entry);
	return rc;
}

const char *provision_outcome_words(const char *outcome, char *buf, size_t len)
{
	snprintf(buf, len, "%s", outcome && outcome[0] ? outcome : "delivered");
	for (char *c = buf; *c; c++)
		if (*c == '-')
			*c = ' ';
	return buf;
}

int provision_last_therapist(struct session *s, char *buf, size_t len, struct error *err)
{
	return db_desk_last_therapist(s->db, s->login, buf, len, err);
}
