/* screen_provision.c: the Provision tab.
 *
 * Every session logged, newest first: the date, the child, the entry
 * (its ref, section and therapy), the minutes, what happened in words
 * and the therapist.  The list pages by (date, id) down the provision
 * date index, so its first page costs a page whatever the table holds.
 * It narrows to a child (F4) or one of their entries (E), both from a
 * picker, to a therapist (T, part of the name) and to dates (r: a month
 * "2026-11", a year, or "2026-09-01..2026-11-30"); the line under the
 * title says which are on, and Esc takes them off.  e corrects the
 * selected session in the form, its child named in the title; d deletes
 * it (asking first; the write path audits it); l logs another session
 * on the selected session's entry, a logs one on any entry (on the
 * entry the list is narrowed to, if it is), L a group session. */
#include "tui/tui.h"

#include <stdio.h>
#include <string.h>

#include "core/day_range.h"
#include "core/fields.h"
#include "core/list.h"
#include "core/provision_line.h"
#include "core/store.h"
#include "tui/dialog.h"
#include "tui/form.h"
#include "tui/group_form.h"
#include "tui/picker.h"
#include "tui/recordlist.h"
#include "tui/screens.h"
#include "tui/session_form.h"

enum { COLUMN_DATE, COLUMN_CHILD, COLUMN_ENTRY, COLUMN_MINUTES, COLUMN_OUTCOME, COLUMN_THERAPIST };

/* 70 columns before the therapist, who has the rest of the line. */
static const struct listview_column provision_columns[] = {
	[COLUMN_DATE] = {"Date", PROVISION_DATE, 10, false},
	[COLUMN_CHILD] = {"Child", -1, 17, false},
	[COLUMN_ENTRY] = {"Entry", PROVISION_ENTRY, 14, false},
	[COLUMN_MINUTES] = {"Min", PROVISION_MINUTES, 4, true},
	[COLUMN_OUTCOME] = {"Outcome", PROVISION_OUTCOME, 18, false},
	[COLUMN_THERAPIST] = {"Therapist", PROVISION_THERAPIST, 0, false},
};
#define PROVISION_COLUMN_COUNT ((int)(sizeof provision_columns / sizeof provision_columns[0]))

static void cell(struct listview_row *row, int column, const char *text)
{
	snprintf(row->cells[column], LISTVIEW_CELL_MAX, "%.*s", LISTVIEW_CELL_MAX - 1, text);
}

static void format_session(struct tui *t, const struct record *r, struct listview_row *row,
                           void *ctx)
{
	(void)ctx;
	char buf[RECORD_TEXT_MAX], text[LISTVIEW_CELL_MAX * 3];
	struct provision_line line;
	struct error err = {0};
	cell(row, COLUMN_DATE, record_display(r, PROVISION_DATE, t->cfg, buf, sizeof buf));
	const char *entry_ref = record_text(r, PROVISION_ENTRY, t->cfg, buf, sizeof buf);
	if (provision_line_of_entry(t->s, entry_ref, &line, &err) == 0) {
		snprintf(text, sizeof text, "%s %s", line.child_ref, line.child_name);
		cell(row, COLUMN_CHILD, text);
		/* The section before the therapy: a long therapy code is cut,
		 * never the section. */
		snprintf(text, sizeof text, "%s %s %s", line.entry_ref, line.section, line.therapy);
		cell(row, COLUMN_ENTRY, text);
	} else {
		cell(row, COLUMN_CHILD, "?");
		cell(row, COLUMN_ENTRY, entry_ref);
	}
	cell(row, COLUMN_MINUTES, record_display(r, PROVISION_MINUTES, t->cfg, buf, sizeof buf));
	const char *outcome = r->values[PROVISION_OUTCOME].set ? r->values[PROVISION_OUTCOME].text : NULL;
	cell(row, COLUMN_OUTCOME, provision_outcome_words(outcome, text, sizeof text));
	/* A session that did not happen: the colour repeats the words. */
	row->warn = outcome != NULL && strcmp(outcome, "delivered") != 0;
	cell(row, COLUMN_THERAPIST, record_display(r, PROVISION_THERAPIST, t->cfg, buf, sizeof buf));
}

/* ---- filters ----------------------------------------------------------------- */

/* The child and entry filters: a child's sessions are those whose
 * entry's child is the child (the query's parent, reached through the
 * entry); one entry's are a match on the entry.  An entry is one
 * child's, so choosing one takes the other off. */
static bool child_filter(const struct list_query *q)
{
	return q->parent_field == PROVISION_ENTRY && q->parent_through;
}

static void drop_child(struct list_query *q)
{
	q->parent_field = -1;
	q->parent_through = false;
	q->parent_id = 0;
}

static int child_chosen(struct tui *t, const struct record *chosen, int step, void *ctx)
{
	(void)step;
	struct list_query *q = ctx;
	char ref[RECORD_TEXT_MAX], first[RECORD_TEXT_MAX], last[RECORD_TEXT_MAX];
	list_match_drop(q, PROVISION_ENTRY);
	q->parent_field = PROVISION_ENTRY;
	q->parent_through = true;
	q->through_field = ENTRY_CHILD;
	q->parent_id = chosen->id;
	tui_message(t, "only the sessions of %s %s %s",
	            record_text(chosen, CHILD_REF, t->cfg, ref, sizeof ref),
	            record_text(chosen, CHILD_FIRST_NAME, t->cfg, first, sizeof first),
	            record_text(chosen, CHILD_LAST_NAME, t->cfg, last, sizeof last));
	return VIEW_RELOAD;
}

/* "CH-0001 Ada Lovelace": the child the list is narrowed to. */
static void child_label(struct tui *t, int64_t child_id, char *buf, size_t len)
{
	struct record child;
	struct error err = {0};
	char ref[RECORD_TEXT_MAX], first[RECORD_TEXT_MAX], last[RECORD_TEXT_MAX];
	record_init(&child, kinds[KIND_CHILDREN]);
	if (store_load(t->s, &child, child_id, &err) == 0)
		snprintf(buf, len, "%.40s %.60s %.60s", record_text(&child, CHILD_REF, t->cfg, ref, sizeof ref),
		         record_text(&child, CHILD_FIRST_NAME, t->cfg, first, sizeof first),
		         record_text(&child, CHILD_LAST_NAME, t->cfg, last, sizeof last));
	else
		snprintf(buf, len, "(gone)");
	record_clear(&child);
}

static int entry_chosen(struct tui *t, const struct record *chosen, int step, void *ctx)
{
	(void)step;
	struct list_query *q = ctx;
	struct provision_line line;
	struct error err = {0};
	if (provision_line_of_entry_id(t->s, chosen->id, &line, &err) != 0) {
		tui_error(t, "%s", err.msg);
		return VIEW_HANDLED;
	}
	struct list_match *m = list_match_put(q, PROVISION_ENTRY);
	if (m == NULL)
		return VIEW_HANDLED;
	drop_child(q);
	m->id = chosen->id;
	snprintf(m->text, sizeof m->text, "%.16s (%.6s %.2s, %.24s)", line.entry_ref, line.therapy,
	         line.section, line.child_name);
	tui_message(t, "only the sessions of entry %s", m->text);
	return VIEW_RELOAD;
}

static int therapist_entered(struct tui *t, const char *text, void *ctx)
{
	struct list_query *q = ctx;
	if (text[0] == '\0') {
		list_match_drop(q, PROVISION_THERAPIST);
		tui_message(t, "every therapist");
		return VIEW_RELOAD;
	}
	struct list_match *m = list_match_put(q, PROVISION_THERAPIST);
	if (m == NULL)
		return VIEW_HANDLED;
	snprintf(m->text, sizeof m->text, "%s", text);
	m->contains = true;
	return VIEW_RELOAD;
}

static int dates_entered(struct tui *t, const char *text, void *ctx)
{
	struct list_query *q = ctx;
	day_t from, to;
	char why[DAY_RANGE_MESSAGE_MAX];
	if (strspn(text, " ") == strlen(text)) {
		q->range_start_field = q->range_end_field = -1;
		tui_message(t, "every date");
		return VIEW_RELOAD;
	}
	if (!day_range_parse(text, &from, &to, why, sizeof why)) {
		tui_error(t, "%s", why);
		return -1;
	}
	q->range_start_field = q->range_end_field = PROVISION_DATE;
	q->range_from = from;
	q->range_to = to;
	return VIEW_RELOAD;
}

static void ask_dates(struct tui *t, struct list_query *q)
{
	char current[48] = "";
	if (q->range_start_field >= 0)
		day_range_text(q->range_from, q->range_to, current, sizeof current);
	dialog_prompt(t, "Sessions in (2026-11, 2026, 2026-09-01..2026-11-30; empty: all)", current,
	              dates_entered, q);
}

static int clear_filters(struct tui *t, struct list_query *q)
{
	if (q->match_count == 0 && q->range_start_field < 0 && !child_filter(q))
		return VIEW_IGNORED;
	q->match_count = 0;
	drop_child(q);
	q->range_start_field = q->range_end_field = -1;
	tui_message(t, "filters off: every session");
	return VIEW_RELOAD;
}

/* ---- correcting a session ------------------------------------------------------ */

static int corrected(struct tui *t, const struct record *saved, void *ctx)
{
	(void)ctx;
	char date[RECORD_TEXT_MAX];
	tui_message(t, "session of %s corrected", record_text(saved, PROVISION_DATE, t->cfg, date, sizeof date));
	return 0;
}

static int correct(struct tui *t, const struct record *selected)
{
	if (!record_screen_may_change(t, kinds[KIND_PROVISION]))
		return VIEW_HANDLED;
	if (selected == NULL) {
		tui_error(t, "nothing selected");
		return VIEW_HANDLED;
	}
	char title[200], ref[RECORD_TEXT_MAX];
	struct provision_line line;
	struct error err = {0};
	const char *entry_ref = record_text(selected, PROVISION_ENTRY, t->cfg, ref, sizeof ref);
	if (provision_line_of_entry(t->s, entry_ref, &line, &err) == 0)
		snprintf(title, sizeof title, "Correct a session of %.60s (%.20s), %.20s %.8s %.2s", line.child_name,
		         line.child_ref, line.entry_ref, line.therapy, line.section);
	else
		snprintf(title, sizeof title, "Correct a session");
	form_open(t, selected, title, -1, corrected, NULL);
	return VIEW_HANDLED;
}

/* ---- logging ------------------------------------------------------------------ */

static int logged(struct tui *t, const struct record *saved, void *ctx)
{
	(void)ctx;
	char date[RECORD_TEXT_MAX];
	tui_message(t, "session of %s logged", record_text(saved, PROVISION_DATE, t->cfg, date, sizeof date));
	return 0;
}

/* l: another session on the selected session's entry. */
static int log_another(struct tui *t, const struct record *selected)
{
	if (!record_screen_may_change(t, kinds[KIND_PROVISION]))
		return VIEW_HANDLED;
	if (selected == NULL) {
		tui_error(t, "no session selected: a logs one on any entry, L a group session");
		return VIEW_HANDLED;
	}
	char ref[RECORD_TEXT_MAX];
	struct provision_line line;
	struct error err = {0};
	if (provision_line_of_entry(t->s, record_text(selected, PROVISION_ENTRY, t->cfg, ref, sizeof ref),
	                            &line, &err) != 0) {
		tui_error(t, "%s", err.msg);
		return VIEW_HANDLED;
	}
	session_form_open(t, line.entry_id, logged, NULL);
	return VIEW_HANDLED;
}

/* a: a session on the entry the list is narrowed to, else on any entry
 * (the form's picker finds it). */
static int add_session(struct tui *t, const struct list_query *q)
{
	if (!record_screen_may_change(t, kinds[KIND_PROVISION]))
		return VIEW_HANDLED;
	const struct list_match *m = list_match_find(q, PROVISION_ENTRY);
	if (m != NULL) {
		session_form_open(t, m->id, logged, NULL);
		return VIEW_HANDLED;
	}
	struct record r;
	record_init(&r, kinds[KIND_PROVISION]);
	form_open(t, &r, "Log a session", -1, logged, NULL);
	record_clear(&r);
	return VIEW_HANDLED;
}

static int provision_key(struct tui *t, struct list_query *q, const struct record *selected,
                         enum action a)
{
	switch (a) {
	case ACT_PICK_CHILD:
		picker_open(t, kinds[KIND_CHILDREN], "", child_chosen, q);
		return VIEW_HANDLED;
	case ACT_PICK_ENTRY:
		picker_open(t, kinds[KIND_THERAPY_ENTRIES], "", entry_chosen, q);
		return VIEW_HANDLED;
	case ACT_THERAPIST: {
		const struct list_match *m = list_match_find(q, PROVISION_THERAPIST);
		dialog_prompt(t, "Sessions of the therapist (part of the name; empty: all)",
		              m ? m->text : "", therapist_entered, q);
		return VIEW_HANDLED;
	}
	case ACT_DATE_RANGE:
		ask_dates(t, q);
		return VIEW_HANDLED;
	case ACT_GROUP_SESSION:
		if (record_screen_may_change(t, kinds[KIND_PROVISION]))
			group_form_open(t);
		return VIEW_HANDLED;
	case ACT_EDIT:
		return correct(t, selected);
	case ACT_LOG_SESSION:
		return log_another(t, selected);
	case ACT_ADD:
		return add_session(t, q);
	case ACT_CANCEL:
		return clear_filters(t, q);
	default:
		return VIEW_IGNORED;
	}
}

static size_t add_part(char *buf, size_t len, size_t used, const char *text)
{
	if (used >= len)
		return used;
	int n = snprintf(buf + used, len - used, "%s%s", used ? "; " : "Only: ", text);
	return n < 0 ? used : used + (size_t)n;
}

static void provision_status(struct tui *t, const struct list_query *q, char *buf, size_t len)
{
	char part[200], label[170];
	size_t used = 0;
	buf[0] = '\0';
	if (child_filter(q)) {
		child_label(t, q->parent_id, label, sizeof label);
		snprintf(part, sizeof part, "child %s", label);
		used = add_part(buf, len, used, part);
	}
	const struct list_match *m = list_match_find(q, PROVISION_ENTRY);
	if (m != NULL) {
		snprintf(part, sizeof part, "entry %s", m->text);
		used = add_part(buf, len, used, part);
	}
	if ((m = list_match_find(q, PROVISION_THERAPIST)) != NULL) {
		snprintf(part, sizeof part, "therapist \"%s\"", m->text);
		used = add_part(buf, len, used, part);
	}
	if (q->range_start_field >= 0) {
		char range[48];
		day_range_text(q->range_from, q->range_to, range, sizeof range);
		snprintf(part, sizeof part, "dates %s", range);
		used = add_part(buf, len, used, part);
	}
	if (used > 0 && used < len)
		snprintf(buf + used, len - used, "   (Esc: off)");
}

static const enum action provision_hints[] = {
	ACT_LOG_SESSION, ACT_EDIT, ACT_DELETE, ACT_GROUP_SESSION, ACT_OPEN, ACT_PICK_CHILD, ACT_DATE_RANGE,
	ACT_PICK_ENTRY, ACT_THERAPIST, ACT_FILTER, ACT_EXPORT, ACT_HELP, ACT_BACK, ACT_NONE,
};

static const struct record_screen provision_screen = {
	.title = "Provision: the sessions logged, newest first",
	.kind = KIND_PROVISION,
	.columns = provision_columns,
	.column_count = PROVISION_COLUMN_COUNT,
	.sort_column = COLUMN_DATE,
	.format = format_session,
	.list_key = provision_key,
	.list_status = provision_status,
	.list_hints = provision_hints,
	.list_scopes = SCOPE_PROVISION,
};

void provision_open(struct tui *t)
{
	struct list_query q;
	list_query_init(&q, kinds[KIND_PROVISION]);
	q.sort_field = PROVISION_DATE;
	q.descending = true;
	/* Millions of sessions: an exact count after every session logged
	 * (or of a month of them) would cost a pass over them each time. */
	q.count_cap = 10000;
	record_screen_open_with(t, &provision_screen, &q, provision_screen.title);
}
