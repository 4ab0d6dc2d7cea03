#include "tui/session_form.h"

#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "core/desk.h"
#include "core/fields.h"
#include "core/store.h"
#include "tui/recordlist.h"

/* In the order a session is told: when, how long, whether it happened,
 * who, anything else. */
static const int session_fields[] = {
	PROVISION_DATE, PROVISION_MINUTES, PROVISION_OUTCOME, PROVISION_THERAPIST, PROVISION_NOTES,
};

/* A missed session says, beside its outcome, what it counts for. */
static void outcome_changed(struct tui *t, struct form_view *f, int field, void *ctx)
{
	(void)t;
	(void)ctx;
	if (field != PROVISION_OUTCOME && field != -1)
		return;
	const char *outcome = form_field_text(f, PROVISION_OUTCOME);
	bool missed = outcome[0] && strcmp(outcome, "delivered") != 0;
	form_set_note(f, PROVISION_OUTCOME, missed ? "missed: no delivered minutes" : "");
}

/* "Log a session: Amy Ash, SLT (E-12)": the child by name, the
 * therapy as lists show it. */
static void entry_title(struct tui *t, const struct record *entry, char *buf, size_t len)
{
	char ref[RECORD_TEXT_MAX], therapy[RECORD_TEXT_MAX], child_ref[RECORD_TEXT_MAX];
	const char *key = record_text(entry, ENTRY_CHILD, t->cfg, child_ref, sizeof child_ref);
	const char *code = record_text(entry, ENTRY_THERAPY, t->cfg, therapy, sizeof therapy);
	char upper[RECORD_TEXT_MAX];
	size_t n = 0;
	for (; code[n] && n + 1 < sizeof upper; n++)
		upper[n] = (char)(code[n] >= 'a' && code[n] <= 'z' ? code[n] - 'a' + 'A' : code[n]);
	upper[n] = '\0';
	struct record child;
	record_init(&child, kinds[KIND_CHILDREN]);
	bool found = false;
	struct error err = {0};
	char name[2 * RECORD_TEXT_MAX];
	if (store_load_by_key(t->s, &child, key, &found, &err) == 0 && found)
		snprintf(name, sizeof name, "%.100s %.100s", child.values[CHILD_FIRST_NAME].text,
		         child.values[CHILD_LAST_NAME].text);
	else
		snprintf(name, sizeof name, "%s", key);
	record_clear(&child);
	snprintf(buf, len, "Log a session: %.60s, %.20s (%.40s)", name, upper,
	         record_text(entry, ENTRY_REF, t->cfg, ref, sizeof ref));
}

static int fill_defaults(struct tui *t, int64_t entry_id, struct record *r, struct error *err)
{
	struct desk_session_defaults d;
	int rc = desk_session_defaults(t->s, entry_id, date_today(), &d, err);
	if (rc == 0)
		rc = record_fill_parent(t->s, t->cfg, r, PROVISION_ENTRY, entry_id, err);
	char text[DATE_TEXT_MAX];
	date_format(d.date, text);
	if (rc == 0)
		rc = record_set(r, PROVISION_DATE, text, t->cfg, err);
	if (rc == 0 && d.minutes > 0) {
		char minutes[32];
		snprintf(minutes, sizeof minutes, "%lld", (long long)d.minutes);
		rc = record_set(r, PROVISION_MINUTES, minutes, t->cfg, err);
	}
	if (rc == 0)
		rc = record_set(r, PROVISION_OUTCOME, d.outcome ? d.outcome : "delivered", t->cfg, err);
	if (rc == 0 && d.therapist[0])
		rc = record_set(r, PROVISION_THERAPIST, d.therapist, t->cfg, err);
	return rc;
}

void session_form_open(struct tui *t, int64_t entry_id, form_saved_fn saved, void *ctx)
{
	if (!record_screen_may_change(t, kinds[KIND_PROVISION]))
		return;
	struct record entry, r;
	record_init(&entry, kinds[KIND_THERAPY_ENTRIES]);
	record_init(&r, kinds[KIND_PROVISION]);
	struct error err = {0};
	if (store_load(t->s, &entry, entry_id, &err) != 0 || fill_defaults(t, entry_id, &r, &err) != 0) {
		tui_error(t, "cannot log a session: %s", err.msg);
	} else {
		char title[160];
		entry_title(t, &entry, title, sizeof title);
		struct form_options o = {
			.title = title,
			.fields = session_fields,
			.field_count = (int)(sizeof session_fields / sizeof session_fields[0]),
			.saved = saved,
			.ctx = ctx,
			.help = "Not delivered? Outcome says why (Left/Right).  ^E: notes in $EDITOR",
			.changed = outcome_changed,
		};
		form_open_with(t, &r, &o);
	}
	record_clear(&entry);
	record_clear(&r);
}
