#include "tui/group_form.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/desk.h"
#include "core/fields.h"
#include "core/list.h"
#include "core/provision_line.h"
#include "tui/dialog.h"
#include "tui/picker.h"

#define GROUP_MEMBERS_MAX 40
#define CHOICES_MAX 12

enum group_row { ROW_DATE, ROW_MINUTES, ROW_THERAPIST, ROW_NOTES, ROW_FIELD_COUNT };

static const char *const row_labels[ROW_FIELD_COUNT] = {"Date", "Minutes", "Therapist", "Notes"};

struct member {
	int64_t entry_id;
	char label[160];       /* "C-1 Ada Lovelace  E-12 SLT F" */
	int outcome;           /* 0 delivered, else 1 + enum desk_reason */
};

struct group_view {
	char fields[ROW_FIELD_COUNT][2001];
	struct member members[GROUP_MEMBERS_MAX];
	int count;
	int selected;          /* a field's row, a member's (ROW_FIELD_COUNT + i), or the add row */
	int editing;           /* the field a prompt is open for */
	int failed;            /* the member refused at the last save, -1 */
	/* A child with several entries in force: the form lists them. */
	struct member choices[CHOICES_MAX];
	int choice_count, choice;
};

static int add_row(const struct group_view *g)
{
	return ROW_FIELD_COUNT + g->count;
}

static const char *outcome_name(int outcome)
{
	return outcome == 0 ? "delivered" : desk_reason_names[outcome - 1];
}

/* ---- the fields --------------------------------------------------------------- */

static bool minutes_valid(const char *text, int64_t *out)
{
	char *end;
	errno = 0;
	long long n = strtoll(text, &end, 10);
	if (text[0] == '\0' || *end != '\0' || errno != 0 || n < 1 || n > 1440)
		return false;
	*out = n;
	return true;
}

static int field_entered(struct tui *t, const char *text, void *ctx)
{
	struct group_view *g = ctx;
	day_t day;
	int64_t minutes;
	const char *reason = NULL;
	if (g->editing == ROW_DATE && !date_parse(text, &day, &reason)) {
		tui_error(t, "date: %s", reason);
		return -1;
	}
	if (g->editing == ROW_MINUTES && !minutes_valid(text, &minutes)) {
		tui_error(t, "minutes: a whole number from 1 to 1440");
		return -1;
	}
	snprintf(g->fields[g->editing], sizeof g->fields[g->editing], "%s", text);
	return VIEW_HANDLED;
}

static void edit_field(struct tui *t, struct group_view *g, int row)
{
	char question[64];
	g->editing = row;
	snprintf(question, sizeof question, "%s of the group session", row_labels[row]);
	dialog_prompt(t, question, g->fields[row], field_entered, g);
}

/* ---- members -------------------------------------------------------------------- */

static bool already_in(const struct group_view *g, int64_t entry_id)
{
	for (int i = 0; i < g->count; i++)
		if (g->members[i].entry_id == entry_id)
			return true;
	return false;
}

static void add_member(struct tui *t, struct group_view *g, const struct member *m)
{
	if (already_in(g, m->entry_id)) {
		tui_error(t, "%s is in the group already", m->label);
		return;
	}
	if (g->count == GROUP_MEMBERS_MAX) {
		tui_error(t, "a group holds at most %d children", GROUP_MEMBERS_MAX);
		return;
	}
	g->members[g->count++] = *m;
	g->selected = add_row(g);
	g->failed = -1;
	tui_message(t, "added %s (a: add another, F2: save)", m->label);
}

struct candidates {
	struct tui *t;
	struct group_view *g;
};

static int take_candidate(void *ctx, const struct record *r, const struct list_key *key)
{
	(void)key;
	struct candidates *c = ctx;
	struct provision_line line;
	struct error err = {0};
	if (c->g->choice_count == CHOICES_MAX)
		return 0;
	if (provision_line_of_entry_id(c->t->s, r->id, &line, &err) != 0)
		return err.code ? err.code : EX_SOFTWARE;
	struct member *m = &c->g->choices[c->g->choice_count++];
	memset(m, 0, sizeof *m);
	m->entry_id = r->id;
	snprintf(m->label, sizeof m->label, "%.20s %.60s  %.20s %s %s", line.child_ref, line.child_name,
	         line.entry_ref, line.therapy, line.section);
	return 0;
}

/* The child's entries in force today, section F first. */
static int entries_in_force(struct tui *t, struct group_view *g, int64_t child_id, struct error *err)
{
	struct list_query q;
	list_query_init(&q, kinds[KIND_THERAPY_ENTRIES]);
	q.parent_field = ENTRY_CHILD;
	q.parent_id = child_id;
	q.sort_field = ENTRY_SECTION;
	q.range_start_field = ENTRY_START;
	q.range_end_field = ENTRY_END;
	q.range_from = q.range_to = date_today();
	g->choice_count = 0;
	g->choice = 0;
	struct candidates c = {t, g};
	return list_fetch(t->s, &q, NULL, false, CHOICES_MAX, take_candidate, &c, err);
}

static int child_chosen(struct tui *t, const struct record *chosen, int step, void *ctx)
{
	(void)step;
	struct group_view *g = ctx;
	struct error err = {0};
	char ref[RECORD_TEXT_MAX], name[RECORD_TEXT_MAX];
	if (entries_in_force(t, g, chosen->id, &err) != 0) {
		tui_error(t, "%s", err.msg);
		return VIEW_HANDLED;
	}
	if (g->choice_count == 0) {
		tui_error(t, "%s %s has no therapy entry in force today",
		          record_text(chosen, CHILD_REF, t->cfg, ref, sizeof ref),
		          record_text(chosen, CHILD_FIRST_NAME, t->cfg, name, sizeof name));
	} else if (g->choice_count == 1) {
		add_member(t, g, &g->choices[0]);
		g->choice_count = 0;
	} else {
		tui_message(t, "%d entries in force: choose one (Enter), or Esc", g->choice_count);
	}
	return VIEW_HANDLED;
}

static int choose_key(struct tui *t, struct group_view *g, enum action a)
{
	switch (a) {
	case ACT_UP:
	case ACT_PREV_FIELD:
		g->choice = g->choice > 0 ? g->choice - 1 : 0;
		return VIEW_HANDLED;
	case ACT_DOWN:
	case ACT_NEXT_FIELD:
		g->choice = g->choice + 1 < g->choice_count ? g->choice + 1 : g->choice;
		return VIEW_HANDLED;
	case ACT_OPEN:
	case ACT_SAVE:
		add_member(t, g, &g->choices[g->choice]);
		g->choice_count = 0;
		return VIEW_HANDLED;
	case ACT_CANCEL:
	case ACT_BACK:
		g->choice_count = 0;
		tui_message(t, "no entry added");
		return VIEW_HANDLED;
	default:
		return VIEW_HANDLED;
	}
}

static void drop_member(struct tui *t, struct group_view *g)
{
	int i = g->selected - ROW_FIELD_COUNT;
	if (i < 0 || i >= g->count) {
		tui_error(t, "select a child of the group to take out");
		return;
	}
	tui_message(t, "took out %s", g->members[i].label);
	memmove(&g->members[i], &g->members[i + 1], (size_t)(g->count - i - 1) * sizeof g->members[0]);
	g->count--;
	g->failed = -1;
}

static void cycle_outcome(struct group_view *g, int step)
{
	int i = g->selected - ROW_FIELD_COUNT;
	if (i >= 0 && i < g->count)
		g->members[i].outcome = (g->members[i].outcome + step + DESK_REASON_COUNT + 1) % (DESK_REASON_COUNT + 1);
}

/* ---- saving ------------------------------------------------------------------------ */

static int save(struct tui *t, struct group_view *g)
{
	day_t date;
	int64_t minutes;
	const char *reason = NULL;
	if (!date_parse(g->fields[ROW_DATE], &date, &reason)) {
		g->selected = ROW_DATE;
		tui_error(t, "date: %s", reason);
		return VIEW_HANDLED;
	}
	if (!minutes_valid(g->fields[ROW_MINUTES], &minutes)) {
		g->selected = ROW_MINUTES;
		tui_error(t, "minutes: a whole number from 1 to 1440 (Enter to type it)");
		return VIEW_HANDLED;
	}
	if (g->count == 0) {
		g->selected = add_row(g);
		tui_error(t, "no children yet: a adds one");
		return VIEW_HANDLED;
	}
	struct desk_group_member members[GROUP_MEMBERS_MAX];
	for (int i = 0; i < g->count; i++)
		members[i] = (struct desk_group_member){g->members[i].entry_id, outcome_name(g->members[i].outcome)};
	struct desk_group group = {date, minutes, g->fields[ROW_THERAPIST], g->fields[ROW_NOTES], members,
	                           g->count};
	struct error err = {0};
	int failed = -1;
	if (desk_log_group(t->s, &group, &failed, &err) != 0) {
		g->failed = failed;
		if (failed >= 0 && failed < g->count)
			g->selected = ROW_FIELD_COUNT + failed;
		tui_error(t, "nothing written: %s", err.msg);
		return VIEW_HANDLED;
	}
	tui_message(t, "logged %d session%s on %s", g->count, g->count == 1 ? "" : "s",
	            g->fields[ROW_DATE]);
	return VIEW_CLOSE | VIEW_RELOAD;
}

static int leave(struct tui *t, void *ctx)
{
	(void)ctx;
	tui_message(t, "group session not logged: nothing written");
	return VIEW_CLOSE_BELOW;
}

static int cancel(struct tui *t, struct group_view *g)
{
	if (g->count > 0) {
		dialog_confirm(t, "Leave the group session without saving?", leave, g);
		return VIEW_HANDLED;
	}
	tui_message(t, "group session not logged: nothing written");
	return VIEW_CLOSE;
}

/* ---- the view ------------------------------------------------------------------------ */

static void move_by(struct group_view *g, int delta)
{
	int next = g->selected + delta;
	if (next >= 0 && next <= add_row(g))
		g->selected = next;
}

static int group_key(struct tui *t, void *state, enum action a, int key)
{
	struct group_view *g = state;
	if (g->choice_count > 0)
		return choose_key(t, g, a);
	bool on_member = g->selected >= ROW_FIELD_COUNT && g->selected < add_row(g);
	if (key == ' ' && on_member) {
		cycle_outcome(g, 1);
		return VIEW_HANDLED;
	}
	switch (a) {
	case ACT_UP:
	case ACT_PREV_FIELD:
		move_by(g, -1);
		return VIEW_HANDLED;
	case ACT_DOWN:
	case ACT_NEXT_FIELD:
		move_by(g, 1);
		return VIEW_HANDLED;
	case ACT_NEXT_CHOICE:
	case ACT_PREV_CHOICE:
		cycle_outcome(g, a == ACT_NEXT_CHOICE ? 1 : -1);
		return VIEW_HANDLED;
	case ACT_OPEN:
		if (g->selected < ROW_FIELD_COUNT)
			edit_field(t, g, g->selected);
		else if (on_member)
			cycle_outcome(g, 1);
		else
			picker_open(t, kinds[KIND_CHILDREN], "", child_chosen, g);
		return VIEW_HANDLED;
	case ACT_ADD:
	case ACT_PICK:
		picker_open(t, kinds[KIND_CHILDREN], "", child_chosen, g);
		return VIEW_HANDLED;
	case ACT_DELETE:
		drop_member(t, g);
		return VIEW_HANDLED;
	case ACT_SAVE:
		return save(t, g);
	case ACT_CANCEL:
	case ACT_BACK:
		return cancel(t, g);
	default:
		return VIEW_IGNORED;
	}
}

static void put_row(struct tui *t, WINDOW *w, int y, bool selected, const char *text, attr_t attr)
{
	attr_t a = selected ? tui_attr(t, COLOUR_SELECTED) : attr;
	tui_put(w, y, 0, 2, selected ? "> " : "  ", a);
	tui_put(w, y, 2, getmaxx(w) - 3, text, a);
}

static void draw_choices(struct tui *t, struct group_view *g, WINDOW *w, int y)
{
	tui_put(w, y++, 1, getmaxx(w) - 2, "The child has several entries in force: Enter chooses, Esc none",
	        A_BOLD);
	for (int i = 0; i < g->choice_count && y < getmaxy(w); i++)
		put_row(t, w, y++, i == g->choice, g->choices[i].label, A_NORMAL);
}

static void group_draw(struct tui *t, void *state, WINDOW *w)
{
	struct group_view *g = state;
	char line[2200];
	int width = getmaxx(w), y = 0;
	werase(w);
	tui_put(w, y++, 1, width - 2, "Group session: one therapist, several children, the same date", A_BOLD);
	for (int r = 0; r < ROW_FIELD_COUNT; r++) {
		snprintf(line, sizeof line, "%-10s %s", row_labels[r], g->fields[r]);
		put_row(t, w, y++, g->selected == r && g->choice_count == 0, line, A_NORMAL);
	}
	if (g->choice_count > 0) {
		draw_choices(t, g, w, y + 1);
		return;
	}
	snprintf(line, sizeof line, "Children (%d)%s", g->count,
	         g->count ? "   outcome: Left / Right / Space   d takes one out" : "");
	tui_put(w, y++, 1, width - 2, line, A_BOLD);
	/* The selected row stays on screen when the group is long. */
	int room = getmaxy(w) - y - 1, first = 0;
	if (room < 1)
		room = 1;
	if (g->selected - ROW_FIELD_COUNT >= room)
		first = g->selected - ROW_FIELD_COUNT - room + 1;
	for (int i = first; i < g->count && y < getmaxy(w) - 1; i++) {
		char words[32];
		provision_outcome_words(outcome_name(g->members[i].outcome), words, sizeof words);
		snprintf(line, sizeof line, "%-48s %s%s", g->members[i].label, words,
		         i == g->failed ? "   REFUSED" : "");
		attr_t attr = i == g->failed ? tui_attr(t, COLOUR_ERROR)
		              : g->members[i].outcome ? tui_attr(t, COLOUR_WARN) : A_NORMAL;
		put_row(t, w, y++, g->selected == ROW_FIELD_COUNT + i, line, attr);
	}
	if (y < getmaxy(w))
		put_row(t, w, y, g->selected == add_row(g), "+ add a child (a, or Enter here)", A_NORMAL);
}

static const enum action group_hints[] = {
	ACT_SAVE, ACT_ADD, ACT_OPEN, ACT_DELETE, ACT_NEXT_CHOICE, ACT_CANCEL, ACT_HELP, ACT_NONE,
};

static const struct view_ops group_ops = {
	"group session", NULL, group_key, group_draw, NULL, group_hints, NULL, SCOPE_FORM | SCOPE_LIST,
};

void group_form_open(struct tui *t)
{
	struct group_view *g = tui_alloc(sizeof *g);
	struct error err = {0};
	date_format(date_today(), g->fields[ROW_DATE]);
	if (provision_last_therapist(t->s, g->fields[ROW_THERAPIST], sizeof g->fields[ROW_THERAPIST], &err) != 0)
		g->fields[ROW_THERAPIST][0] = '\0';
	g->selected = ROW_MINUTES;
	g->failed = -1;
	tui_push(t, &group_ops, g);
	tui_message(t, "Enter types a field; a adds a child; F2 saves them all, or none");
}
