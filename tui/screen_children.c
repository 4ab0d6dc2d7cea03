/* screen_children.c: the Children tab and a child's record.
 *
 * The screen SEN caseworkers live in.  The list shows each child's
 * therapy in force by section ("F: SLT OT  G: PT") and the word SHORT
 * when an entry delivered less than its plan over the last four weeks;
 * / finds a child by any part of the name, ref or UPN; m toggles the
 * login's caseload and everyone (a caseworker with a caseload starts on
 * it).  Enter opens the child's record on the first entry in force, so
 * that l (log a session) and F2 log what was delivered at once.
 *
 * The record holds the child's therapy entries with delivered against
 * specified minutes, the latest sessions of those entries, spot
 * purchases and personal budgets, each a list of its own. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/caseload.h"
#include "core/date.h"
#include "core/desk.h"
#include "core/fields.h"
#include "core/list.h"
#include "core/store.h"
#include "tui/form.h"
#include "tui/picker.h"
#include "tui/recordlist.h"
#include "tui/screens.h"
#include "tui/session_form.h"

#define COUNT_OF(a) ((int)(sizeof(a) / sizeof((a)[0])))

static void cell(struct listview_row *row, int c, const char *text)
{
	snprintf(row->cells[c], LISTVIEW_CELL_MAX, "%.*s", LISTVIEW_CELL_MAX - 1, text);
}

static void cell_of(struct tui *t, const struct record *r, int field, struct listview_row *row,
                    int c)
{
	char buf[RECORD_TEXT_MAX];
	cell(row, c, record_display(r, field, t->cfg, buf, sizeof buf));
}

/* Whole years from born to on. */
static int age_on(day_t born, day_t on)
{
	int y1, m1, d1, y2, m2, d2;
	date_to_ymd(born, &y1, &m1, &d1);
	date_to_ymd(on, &y2, &m2, &d2);
	int age = y2 - y1;
	if (m2 < m1 || (m2 == m1 && d2 < d1))
		age--;
	return age;
}

/* ---- the list ------------------------------------------------------------ */

/* 80 columns: the therapy column takes what is left (17 at 80). */
static const struct listview_column child_columns[] = {
	{"Ref", CHILD_REF, 7, false},
	{"Name", CHILD_LAST_NAME, 18, false},
	{"UPN", CHILD_UPN, 13, false},
	{"Age", CHILD_DOB, 3, true},
	{"District", CHILD_DISTRICT, 10, false},
	{"Need", CHILD_PRIMARY_NEED, 4, false},
	{"Therapy", -1, 0, false},
};

enum { CC_REF, CC_NAME, CC_UPN, CC_AGE, CC_DISTRICT, CC_NEED, CC_THERAPY };

static void format_child(struct tui *t, const struct record *r, struct listview_row *row,
                         void *ctx)
{
	(void)ctx;
	cell_of(t, r, CHILD_REF, row, CC_REF);
	snprintf(row->cells[CC_NAME], LISTVIEW_CELL_MAX, "%.40s, %.40s", r->values[CHILD_LAST_NAME].text,
	         r->values[CHILD_FIRST_NAME].text);
	cell_of(t, r, CHILD_UPN, row, CC_UPN);
	if (r->values[CHILD_DOB].set)
		snprintf(row->cells[CC_AGE], LISTVIEW_CELL_MAX, "%d",
		         age_on((day_t)r->values[CHILD_DOB].n, date_today()));
	cell_of(t, r, CHILD_DISTRICT, row, CC_DISTRICT);
	cell_of(t, r, CHILD_PRIMARY_NEED, row, CC_NEED);
}

/* The therapy summary: one statement a row, for the rows drawn only. */
static void complete_child(struct tui *t, struct listview_row *row, void *ctx)
{
	(void)ctx;
	struct desk_summary sum;
	struct error err = {0};
	if (desk_child_summary(t->s, row->key.id, date_today(), &sum, &err) != 0) {
		cell(row, CC_THERAPY, "?");
		return;
	}
	const char *therapy = sum.therapy[0] ? sum.therapy : "-";
	/* The flag first, so that a narrow screen never cuts it off. */
	snprintf(row->cells[CC_THERAPY], LISTVIEW_CELL_MAX, "%s%.80s", sum.short_of_plan ? "SHORT " : "",
	         sum.ceased ? "ceased" : therapy);
	row->warn = sum.short_of_plan;
}

/* The login's users row id, 0 when the login has none. */
static int64_t login_id(struct tui *t)
{
	struct record u;
	record_init(&u, kinds[KIND_USERS]);
	bool found = false;
	struct error err = {0};
	int64_t id = 0;
	if (store_load_by_key(t->s, &u, t->s->login, &found, &err) == 0 && found)
		id = u.id;
	record_clear(&u);
	return id;
}

static bool on_caseload(const struct list_query *q)
{
	return q->match_count > 0 && q->match[0].field == CHILD_CASEWORKER;
}

static void set_caseload(struct list_query *q, int64_t user_id)
{
	q->match_count = 1;
	memset(&q->match[0], 0, sizeof q->match[0]);
	q->match[0].field = CHILD_CASEWORKER;
	q->match[0].id = user_id;
}

static int toggle_caseload(struct tui *t, struct list_query *q)
{
	if (on_caseload(q)) {
		q->match_count = 0;
		tui_message(t, "everyone: every child (m: my caseload)");
		return VIEW_RELOAD;
	}
	int64_t id = login_id(t);
	if (id == 0) {
		tui_error(t, "%s is not a user here, so has no caseload", t->s->login);
		return VIEW_HANDLED;
	}
	set_caseload(q, id);
	tui_message(t, "my caseload: the children assigned to %s (m: everyone)", t->s->login);
	return VIEW_RELOAD;
}

static void list_status(struct tui *t, const struct list_query *q, char *buf, size_t len)
{
	if (!on_caseload(q)) {
		snprintf(buf, len, "Everyone   (m: my caseload)");
		return;
	}
	int64_t n = 1;
	struct error err = {0};
	if (q->filter[0] && list_count_upto(t->s, q, 1, &n, &err) == 0 && n == 0) {
		snprintf(buf, len, "Nobody in your caseload matches \"%.60s\": m shows everyone", q->filter);
		return;
	}
	snprintf(buf, len, "My caseload (%.32s)   (m: everyone)", t->s->login);
}

/* ---- handing a caseload on ------------------------------------------------ */

/* H chooses whose caseload, H again to whom: two pickers, one after the
 * other (a picker's choice may not open another view). */
struct hand_over {
	int64_t from_id;
	char from[64];
};

static struct hand_over pending_hand_over;

static int to_chosen(struct tui *t, const struct record *chosen, int step, void *ctx)
{
	(void)step;
	struct hand_over *h = ctx;
	char buf[RECORD_TEXT_MAX];
	const char *to = record_text(chosen, USER_LOGIN, t->cfg, buf, sizeof buf);
	if (chosen->id == h->from_id) {
		tui_error(t, "%s already holds that caseload; H chooses again", to);
		return VIEW_HANDLED;
	}
	long moved = 0;
	struct error err = {0};
	int rc = caseload_move(t->s, h->from, to, &moved, &err);
	h->from_id = 0;
	if (rc != 0) {
		tui_error(t, "not handed on: %s", err.msg);
		return VIEW_HANDLED;
	}
	tui_message(t, "%lld %s handed from %s to %s", (long long)moved,
	            moved == 1 ? "child" : "children", h->from, to);
	return VIEW_RELOAD;
}

static int from_chosen(struct tui *t, const struct record *chosen, int step, void *ctx)
{
	(void)step;
	struct hand_over *h = ctx;
	h->from_id = chosen->id;
	char buf[RECORD_TEXT_MAX];
	snprintf(h->from, sizeof h->from, "%s", record_text(chosen, USER_LOGIN, t->cfg, buf, sizeof buf));
	int64_t count = 0;
	struct error err = {0};
	if (caseload_count(t->s, h->from, &count, &err) != 0) {
		h->from_id = 0;
		tui_error(t, "%s", err.msg);
		return VIEW_HANDLED;
	}
	/* The picker closes after this returns: the second one opens on H. */
	tui_message(t, "%s holds %lld %s: H again chooses whom to hand them to", h->from,
	            (long long)count, count == 1 ? "child" : "children");
	return VIEW_HANDLED;
}

static int hand_over(struct tui *t)
{
	if (t->s->role < ROLE_TEAMLEAD) {
		tui_error(t, "you are %s (%s): only team leads and admins hand a caseload on", t->s->login,
		          role_name(t->s->role));
		return VIEW_HANDLED;
	}
	if (pending_hand_over.from_id != 0) {
		picker_open(t, kinds[KIND_USERS], "", to_chosen, &pending_hand_over);
		tui_message(t, "hand %s's caseload to whom?", pending_hand_over.from);
		return VIEW_HANDLED;
	}
	picker_open(t, kinds[KIND_USERS], "", from_chosen, &pending_hand_over);
	tui_message(t, "hand on whose caseload?");
	return VIEW_HANDLED;
}

/* ---- a child's record ------------------------------------------------------ */

/* Entries: 77 columns with their gaps. */
static const struct listview_column entry_columns[] = {
	{"Sect", ENTRY_SECTION, 4, false},
	{"Therapy", ENTRY_THERAPY, 7, false},
	{"Min/wk", ENTRY_MINUTES, 6, true},
	{"Funding", ENTRY_FUNDING, 13, false},
	{"Start", ENTRY_START, 10, false},
	{"End", ENTRY_END, 10, false},
	{"Last 4 weeks", -1, 0, false},
};

enum { EC_SECTION, EC_THERAPY, EC_MINUTES, EC_FUNDING, EC_START, EC_END, EC_FIGURES };

static void format_entry(struct tui *t, const struct record *r, struct listview_row *row, void *ctx)
{
	(void)ctx;
	cell_of(t, r, ENTRY_SECTION, row, EC_SECTION);
	cell_of(t, r, ENTRY_THERAPY, row, EC_THERAPY);
	cell_of(t, r, ENTRY_MINUTES, row, EC_MINUTES);
	/* A contract names its provider in its ref; other funding by its word. */
	if (r->values[ENTRY_CONTRACT].set)
		cell_of(t, r, ENTRY_CONTRACT, row, EC_FUNDING);
	else
		cell_of(t, r, ENTRY_FUNDING, row, EC_FUNDING);
	cell_of(t, r, ENTRY_START, row, EC_START);
	if (r->values[ENTRY_END].set)
		cell_of(t, r, ENTRY_END, row, EC_END);
	else
		cell(row, EC_END, "open");
	day_t from, to;
	desk_default_window(date_today(), &from, &to);
	struct desk_figures fig;
	struct error err = {0};
	char text[96];
	if (desk_entry_figures(t->s, r->id, from, to, &fig, &err) != 0) {
		cell(row, EC_FIGURES, "?");
		return;
	}
	cell(row, EC_FIGURES, desk_figures_text(&fig, text, sizeof text));
	row->warn = desk_is_short(&fig);
}

static const struct listview_column session_columns[] = {
	{"Date", PROVISION_DATE, 10, false},
	{"Entry", PROVISION_ENTRY, 10, false},
	{"Min", PROVISION_MINUTES, 4, true},
	{"Outcome", PROVISION_OUTCOME, 18, false},
	{"Therapist", PROVISION_THERAPIST, 0, false},
};

static const struct listview_column spot_columns[] = {
	{"Ref", SPOT_REF, 12, false},
	{"Provider", SPOT_PROVIDER, 10, false},
	{"Therapy", SPOT_THERAPY, 7, false},
	{"Start", SPOT_START, 10, false},
	{"End", SPOT_END, 10, false},
	{"Cost", SPOT_COST, 12, true},
};

static const struct listview_column budget_columns[] = {
	{"Ref", PB_REF, 12, false},
	{"Start", PB_START, 10, false},
	{"End", PB_END, 10, false},
	{"Amount", PB_AMOUNT, 12, true},
	{"Therapy", PB_THERAPY_AMOUNT, 12, true},
	{"Purpose", PB_PURPOSE, 0, false},
};

/* ---- the therapy entry form ------------------------------------------------ */

static const int entry_fields[] = {
	ENTRY_SECTION, ENTRY_THERAPY, ENTRY_START, ENTRY_END, ENTRY_MINUTES, ENTRY_FUNDING,
	ENTRY_CONTRACT, ENTRY_TERM_TIME_ONLY, ENTRY_STRAND, ENTRY_LEVEL, ENTRY_DESCRIPTION, ENTRY_REF,
};

/* One entry form is open at a time; its hooks' state. */
struct entry_form {
	int64_t child_id;
	char proposed[DESK_REF_MAX];   /* the contract the form filled in, "" for none */
	struct desk_proposal last;     /* the latest proposal */
};

static struct entry_form entry_form;

static bool funded_by_contract(struct form_view *f)
{
	return strcmp(form_field_text(f, ENTRY_FUNDING), "contract") == 0;
}

/* Proposes the contract covering the child's district for the therapy on
 * the start date, or says in words that none does. */
static void propose(struct tui *t, struct form_view *f, struct entry_form *e)
{
	const char *contract = form_field_text(f, ENTRY_CONTRACT);
	bool ours = contract[0] == '\0' || strcmp(contract, e->proposed) == 0;
	if (!funded_by_contract(f)) {
		if (ours && contract[0])
			form_set_field(f, ENTRY_CONTRACT, "");
		form_set_note(f, ENTRY_CONTRACT, "");
		e->proposed[0] = '\0';
		return;
	}
	day_t start;
	const char *why = NULL;
	const char *therapy = form_field_text(f, ENTRY_THERAPY);
	if (!therapy[0] || !date_parse(form_field_text(f, ENTRY_START), &start, &why)) {
		form_set_note(f, ENTRY_CONTRACT, "proposed once therapy is set");
		return;
	}
	struct error err = {0};
	if (desk_propose_for_child(t->s, e->child_id, therapy, start, &e->last, &err) != 0) {
		form_set_note(f, ENTRY_CONTRACT, err.msg);
		return;
	}
	if (e->last.found && ours) {
		form_set_field(f, ENTRY_CONTRACT, e->last.ref);
		snprintf(e->proposed, sizeof e->proposed, "%s", e->last.ref);
	} else if (!e->last.found && ours) {
		form_set_field(f, ENTRY_CONTRACT, "");
		e->proposed[0] = '\0';
	}
	form_set_note(f, ENTRY_CONTRACT, e->last.message);
	tui_message(t, "%s", e->last.message);
}

static void entry_changed(struct tui *t, struct form_view *f, int field, void *ctx)
{
	if (field == -1 || field == ENTRY_FUNDING || field == ENTRY_THERAPY || field == ENTRY_START)
		propose(t, f, ctx);
}

static void open_entry_form(struct tui *t, const struct record *r, int64_t child_id)
{
	memset(&entry_form, 0, sizeof entry_form);
	entry_form.child_id = child_id;
	struct form_options o = {
		.title = r->id ? "Edit therapy entry" : "Add therapy entry",
		.fields = entry_fields,
		.field_count = COUNT_OF(entry_fields),
		.help = "Section F: the council must secure it.  G: health provision, the NHS's duty.",
		.changed = entry_changed,
		.ctx = &entry_form,
	};
	form_open_with(t, r, &o);
}

/* A new entry's ref: the child's ref and the next free number. */
static void new_entry_ref(struct tui *t, const struct record *child, struct record *r)
{
	char buf[RECORD_TEXT_MAX], ref[RECORD_TEXT_MAX];
	const char *child_ref = record_text(child, CHILD_REF, t->cfg, buf, sizeof buf);
	struct record other;
	record_init(&other, kinds[KIND_THERAPY_ENTRIES]);
	for (int n = 1; n < 1000; n++) {
		snprintf(ref, sizeof ref, "%.30s-E%d", child_ref, n);
		bool found = true;
		struct error err = {0};
		if (store_load_by_key(t->s, &other, ref, &found, &err) != 0 || !found)
			break;
		record_clear(&other);
		record_init(&other, kinds[KIND_THERAPY_ENTRIES]);
	}
	record_clear(&other);
	struct error err = {0};
	record_set(r, ENTRY_REF, ref, t->cfg, &err);
}

static void add_entry(struct tui *t, const struct record *child)
{
	struct record r;
	record_init(&r, kinds[KIND_THERAPY_ENTRIES]);
	struct error err = {0};
	char today[DATE_TEXT_MAX];
	date_format(date_today(), today);
	if (record_fill_parent(t->s, t->cfg, &r, ENTRY_CHILD, child->id, &err) != 0) {
		tui_error(t, "%s", err.msg);
	} else {
		new_entry_ref(t, child, &r);
		record_set(&r, ENTRY_SECTION, "F", t->cfg, &err);
		record_set(&r, ENTRY_START, today, t->cfg, &err);
		record_set(&r, ENTRY_FUNDING, "contract", t->cfg, &err);
		open_entry_form(t, &r, child->id);
	}
	record_clear(&r);
}

static int entries_key(struct tui *t, const struct record *child, const struct record *selected,
                       enum action a)
{
	switch (a) {
	case ACT_LOG_SESSION:
		if (selected == NULL)
			tui_error(t, "no therapy entry to log a session on: a adds one");
		else
			session_form_open(t, selected->id, NULL, NULL);
		return VIEW_HANDLED;
	case ACT_ADD:
		if (record_screen_may_change(t, kinds[KIND_THERAPY_ENTRIES]))
			add_entry(t, child);
		return VIEW_HANDLED;
	case ACT_EDIT:
		if (selected == NULL)
			tui_error(t, "nothing selected");
		else if (record_screen_may_change(t, kinds[KIND_THERAPY_ENTRIES]))
			open_entry_form(t, selected, child->id);
		return VIEW_HANDLED;
	default:
		return VIEW_IGNORED;
	}
}

static int sessions_key(struct tui *t, const struct record *child, const struct record *selected,
                        enum action a)
{
	(void)child;
	if (a == ACT_ADD || a == ACT_LOG_SESSION) {
		if (selected == NULL) {
			tui_error(t, "a session is logged on a therapy entry: l on the entries list");
			return VIEW_HANDLED;
		}
		/* Another session on the same entry as the one selected. */
		int64_t entry = 0;
		struct record e;
		record_init(&e, kinds[KIND_THERAPY_ENTRIES]);
		bool found = false;
		struct error err = {0};
		if (store_load_by_key(t->s, &e, selected->values[PROVISION_ENTRY].text, &found, &err) == 0 && found)
			entry = e.id;
		record_clear(&e);
		if (entry != 0)
			session_form_open(t, entry, NULL, NULL);
		return VIEW_HANDLED;
	}
	return VIEW_IGNORED;
}

static const enum action entry_hints[] = {
	ACT_LOG_SESSION, ACT_OPEN, ACT_ADD, ACT_EDIT, ACT_NEXT_SECTION, ACT_HELP, ACT_BACK, ACT_NONE,
};

static const enum action session_hints[] = {
	ACT_LOG_SESSION, ACT_OPEN, ACT_EDIT, ACT_DELETE, ACT_NEXT_SECTION, ACT_HELP, ACT_BACK, ACT_NONE,
};

enum { SECTION_ENTRIES, SECTION_SESSIONS, SECTION_SPOT, SECTION_BUDGETS };

static const struct related_list child_related[] = {
	[SECTION_ENTRIES] = {
		.title = "Therapy entries (Section F: the council secures it; G: the NHS)",
		.kind = KIND_THERAPY_ENTRIES, .parent_field = ENTRY_CHILD,
		.columns = entry_columns, .column_count = COUNT_OF(entry_columns),
		.sort_column = 0, .format = format_entry, .rows = 6, .key = entries_key,
		.hints = entry_hints,
	},
	[SECTION_SESSIONS] = {
		.title = "Latest sessions", .kind = KIND_PROVISION, .parent_field = PROVISION_ENTRY,
		.parent_through = true, .through_field = ENTRY_CHILD,
		.columns = session_columns, .column_count = COUNT_OF(session_columns),
		.sort_column = 0, .descending = true, .rows = 5, .key = sessions_key,
		.hints = session_hints,
	},
	[SECTION_SPOT] = {
		.title = "Spot purchases", .kind = KIND_SPOT_PURCHASES, .parent_field = SPOT_CHILD,
		.columns = spot_columns, .column_count = COUNT_OF(spot_columns), .sort_column = 3,
		.rows = 3,
	},
	[SECTION_BUDGETS] = {
		.title = "Personal budgets", .kind = KIND_PERSONAL_BUDGETS, .parent_field = PB_CHILD,
		.columns = budget_columns, .column_count = COUNT_OF(budget_columns), .sort_column = 1,
		.rows = 3,
	},
};

/* The therapy in force and the caseworker, after the child's fields. */
static void child_detail(struct tui *t, const struct record *r, struct detail *d)
{
	struct desk_summary sum;
	struct error err = {0};
	if (desk_child_summary(t->s, r->id, date_today(), &sum, &err) == 0) {
		char text[DESK_SUMMARY_MAX + 40];
		snprintf(text, sizeof text, "%s%s", sum.therapy[0] ? sum.therapy : "none in force",
		         sum.short_of_plan ? "  SHORT of plan in the last 4 weeks" : "");
		detail_field(d, "Therapy now", text);
	}
}

static int list_key(struct tui *t, struct list_query *q, const struct record *selected,
                    enum action a);

static const enum action list_hints[] = {
	ACT_OPEN, ACT_FILTER, ACT_CASELOAD, ACT_ADD, ACT_EDIT, ACT_SORT, ACT_EXPORT, ACT_HELP, ACT_BACK,
	ACT_NONE,
};

static const struct record_screen children_screen = {
	.title = "Children",
	.kind = KIND_CHILDREN,
	.columns = child_columns,
	.column_count = COUNT_OF(child_columns),
	.sort_column = CC_NAME,
	.format = format_child,
	.detail = child_detail,
	.list_key = list_key,
	.list_status = list_status,
	.list_hints = list_hints,
	.list_scopes = SCOPE_CHILDREN,
	.related = child_related,
	.related_count = COUNT_OF(child_related),
	.complete = complete_child,
};

/* Enter: the child's record, on the first entry in force. */
static int open_child(struct tui *t, const struct record *child)
{
	int64_t entry = 0;
	struct error err = {0};
	if (desk_first_entry(t->s, child->id, date_today(), &entry, &err) != 0)
		tui_error(t, "%s", err.msg);
	record_view_open_at(t, &children_screen, child->id, NULL, SECTION_ENTRIES, entry);
	return VIEW_HANDLED;
}

static int list_key(struct tui *t, struct list_query *q, const struct record *selected,
                    enum action a)
{
	switch (a) {
	case ACT_OPEN:
		return selected ? open_child(t, selected) : VIEW_HANDLED;
	case ACT_CASELOAD:
		return toggle_caseload(t, q);
	case ACT_HAND_OVER:
		return hand_over(t);
	case ACT_LOG_SESSION:
		tui_message(t, "Enter opens the child's record; l there logs a session on an entry");
		return VIEW_HANDLED;
	default:
		return VIEW_IGNORED;
	}
}

const struct record_screen *child_record_screen(void)
{
	return &children_screen;
}

void children_open(struct tui *t)
{
	struct list_query q;
	list_query_init(&q, kinds[KIND_CHILDREN]);
	q.sort_field = CHILD_LAST_NAME;
	bool has = false;
	struct error err = {0};
	int64_t id = login_id(t);
	if (id != 0 && desk_has_caseload(t->s, t->s->login, &has, &err) == 0 && has)
		set_caseload(&q, id);
	record_screen_open_with(t, &children_screen, &q, "Children");
}

/* ---- a child named in another record's list -------------------------------- */

struct child_name {
	char *buf;
	size_t len;
};

static int keep_child_name(void *ctx, const struct record *r, const struct list_key *key)
{
	struct child_name *c = ctx;
	(void)key;
	size_t used = strlen(c->buf);
	snprintf(c->buf + used, c->len - used, " %s %s", r->values[CHILD_FIRST_NAME].text,
	         r->values[CHILD_LAST_NAME].text);
	return 1;
}

void child_ref_and_name(struct tui *t, const struct value *ref, char *buf, size_t len)
{
	snprintf(buf, len, "%s", ref->set ? ref->text : "");
	if (!ref->set)
		return;
	struct list_query q;
	list_query_init(&q, kinds[KIND_CHILDREN]);
	struct list_match *m = list_match_put(&q, CHILD_REF);
	snprintf(m->text, sizeof m->text, "%s", ref->text);
	struct child_name c = {buf, len};
	struct error err = {0};
	list_fetch(t->s, &q, NULL, false, 1, keep_child_name, &c, &err);
}
