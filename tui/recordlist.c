#include "tui/recordlist.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/report.h"
#include "core/store.h"
#include "core/transfer.h"
#include "tui/dialog.h"
#include "tui/form.h"
#include "tui/screens.h"

/* ---- shared ------------------------------------------------------------- */

bool record_screen_may_change(struct tui *t, const struct kind *k)
{
	if (session_read_only(t->s)) {
		tui_error(t, "you may look: this database is read-only here (see the title bar)");
		return false;
	}
	if (t->s->role >= k->write_role)
		return true;
	static const char *const who[] = {
		[ROLE_CASEWORKER] = "caseworkers, team leads and admins",
		[ROLE_TEAMLEAD] = "team leads and admins", [ROLE_ADMIN] = "admins",
	};
	/* What the reader may do first: a narrow status line cuts the end. */
	tui_error(t, "you may look: only %s change %s records (you are %s, %s)", who[k->write_role],
	          k->label, t->s->login, role_name(t->s->role));
	return false;
}

void record_name(const struct record *r, const struct settings *cfg, char *buf, size_t len)
{
	char key[96] = "";
	if (r->kind->key_count > 0) {
		char scratch[96];
		snprintf(key, sizeof key, " %s", record_text(r, r->kind->key_fields[0], cfg, scratch, sizeof scratch));
	}
	snprintf(buf, len, "%s%s", r->kind->label, key);
}

int record_delete_now(struct tui *t, struct pending_delete *p)
{
	struct record r;
	record_init(&r, kinds[p->kind]);
	struct error err = {0};
	int rc = store_load(t->s, &r, p->id, &err);
	char name[128];
	struct list_key place;
	if (rc == 0) {
		record_name(&r, t->cfg, name, sizeof name);
		if (p->origin)
			list_key_of(&p->origin->query, &r, &place);   /* the write forgets the id */
		rc = store_write(t->s, WRITE_DELETE, &r, &err);
	}
	/* Anchored where the record stood, the list's reload selects what
	 * now stands there: the next row, or the previous after the last. */
	if (rc == 0 && p->origin)
		listview_select_key(t, p->origin, &place);
	record_clear(&r);
	if (rc != 0) {
		tui_error(t, "not deleted: %s", err.msg);
		return VIEW_HANDLED;
	}
	tui_message(t, "deleted %s", name);
	return VIEW_RELOAD | (p->close_view ? VIEW_CLOSE_BELOW : 0);
}

static int delete_now(struct tui *t, void *ctx)
{
	return record_delete_now(t, ctx);
}

void record_ask_delete(struct tui *t, const struct record *r, struct pending_delete *p)
{
	char name[128], question[192];
	record_name(r, t->cfg, name, sizeof name);
	snprintf(question, sizeof question, "Delete %s? This cannot be undone.", name);
	p->id = r->id;
	p->kind = r->kind->id;
	dialog_confirm(t, question, delete_now, p);
}

static int load_selected(struct tui *t, enum kind_id kind, int64_t id, struct record *r)
{
	record_init(r, kinds[kind]);
	struct error err = {0};
	if (id == 0 || store_load(t->s, r, id, &err) != 0) {
		tui_error(t, "%s", id == 0 ? "nothing selected" : err.msg);
		return -1;
	}
	return 0;
}

static void open_form(struct tui *t, const struct record *r, form_saved_fn saved, void *ctx)
{
	char title[96];
	snprintf(title, sizeof title, "%s %s", r->id ? "Edit" : "Add", r->kind->label);
	form_open(t, r, title, -1, saved, ctx);
}

int record_fill_parent(struct session *s, const struct settings *cfg, struct record *r,
                       int parent_field, int64_t parent_id, struct error *err)
{
	const struct field *f = &r->kind->fields[parent_field];
	if (f->type != FIELD_REFERENCE)
		return error_set(err, EX_SOFTWARE, "%s is not a reference", f->name);
	struct record parent;
	record_init(&parent, kinds[f->target]);
	int rc = store_load(s, &parent, parent_id, err);
	if (rc == 0) {
		char key[RECORD_TEXT_MAX];
		rc = record_set(r, parent_field, record_text(&parent, parent.kind->key_fields[0], cfg, key, sizeof key),
		                cfg, err);
	}
	record_clear(&parent);
	return rc;
}

/* The list shows the record saved, selected. */
static int list_saved(struct tui *t, const struct record *saved, void *ctx)
{
	listview_select(t, ctx, saved);
	return VIEW_RELOAD;
}

static int write_rows(struct tui *t, void *ctx, FILE *out, long *rows, struct error *err)
{
	struct listview *lv = ctx;
	return transfer_export_list(t->s, &lv->query, out, rows, err);
}

static int export_to(struct tui *t, const char *path, void *ctx)
{
	struct listview *lv = ctx;
	return dialog_export_csv(t, path, write_rows, lv, lv->query.kind->name);
}

static void add_record(struct tui *t, struct listview *lv)
{
	struct record r;
	record_init(&r, lv->query.kind);
	struct error err = {0};
	if (lv->query.parent_field >= 0 && !lv->query.parent_through &&
	    record_fill_parent(t->s, t->cfg, &r, lv->query.parent_field, lv->query.parent_id, &err) != 0)
		tui_error(t, "%s", err.msg);
	else
		open_form(t, &r, list_saved, lv);
	record_clear(&r);
}

int record_list_action(struct tui *t, struct listview *lv, struct pending_delete *p, enum action a)
{
	const struct kind *k = lv->query.kind;
	struct record r;
	int64_t id = listview_selected_id(lv);
	switch (a) {
	case ACT_ADD:
		if (record_screen_may_change(t, k))
			add_record(t, lv);
		return VIEW_HANDLED;
	case ACT_EDIT:
	case ACT_DELETE:
		if (!record_screen_may_change(t, k) || load_selected(t, k->id, id, &r) != 0)
			return VIEW_HANDLED;
		if (a == ACT_EDIT) {
			open_form(t, &r, list_saved, lv);
		} else {
			p->origin = lv;
			p->close_view = false;
			record_ask_delete(t, &r, p);
		}
		record_clear(&r);
		return VIEW_HANDLED;
	case ACT_EXPORT: {
		char path[64];
		snprintf(path, sizeof path, "%s.csv", k->name);
		dialog_export_prompt(t, "Export the rows shown to the CSV file", path, export_to, lv);
		return VIEW_HANDLED;
	}
	default:
		return VIEW_IGNORED;
	}
}

/* ---- the list view ---------------------------------------------------------- */

struct list_view {
	const struct record_screen *rs;
	struct listview lv;
	struct pending_delete pending;
	char title[128];
	struct view_ops ops;   /* list_ops with the screen's own hints */
};

/* Reloads the rows (a change here, or one another process made), keeping
 * the selection on the same record even when the change moved it in the
 * list's order (a provider renamed in a list by name). */
static void list_load(struct tui *t, void *state)
{
	struct list_view *v = state;
	int64_t id = listview_selected_id(&v->lv);
	listview_reload(t, &v->lv);
	if (id == 0 || listview_selected_id(&v->lv) == id)
		return;
	struct record r;
	record_init(&r, v->lv.query.kind);
	struct error err = {0};
	if (store_load(t->s, &r, id, &err) == 0)
		listview_select(t, &v->lv, &r);
	record_clear(&r);
}

/* The screen's own keys, with the selected record loaded for them. */
static int screen_list_key(struct tui *t, struct list_view *v, enum action a)
{
	int64_t id = listview_selected_id(&v->lv);
	struct record r;
	record_init(&r, v->lv.query.kind);
	struct error err = {0};
	bool loaded = id != 0 && store_load(t->s, &r, id, &err) == 0;
	int flags = v->rs->list_key(t, &v->lv.query, loaded ? &r : NULL, a);
	record_clear(&r);
	return flags;
}

static int list_key(struct tui *t, void *state, enum action a, int key)
{
	struct list_view *v = state;
	int flags = listview_key(t, &v->lv, a, key);
	if (flags == VIEW_IGNORED && v->rs->list_key)
		flags = screen_list_key(t, v, a);
	if (flags == VIEW_IGNORED && a == ACT_HISTORY) {
		history_open(t, v->lv.query.kind, listview_selected_id(&v->lv));
		return VIEW_HANDLED;
	}
	if (flags == VIEW_IGNORED && a == ACT_OPEN) {
		int64_t id = listview_selected_id(&v->lv);
		if (id != 0)
			record_view_open(t, v->rs, id, &v->lv);
		return VIEW_HANDLED;
	}
	return flags != VIEW_IGNORED ? flags : record_list_action(t, &v->lv, &v->pending, a);
}

static void list_draw(struct tui *t, void *state, WINDOW *w)
{
	struct list_view *v = state;
	werase(w);
	tui_put(w, 0, 1, getmaxx(w) - 1, v->title, A_BOLD);
	char filters[256] = "";
	if (v->rs->list_status)
		v->rs->list_status(t, &v->lv.query, filters, sizeof filters);
	int y = 1;
	if (filters[0])
		tui_put(w, y++, 1, getmaxx(w) - 1, filters, tui_attr(t, COLOUR_WARN));
	listview_draw(t, &v->lv, w, y, getmaxy(w) - y);
}

static bool list_cursor(struct tui *t, void *state, int *row, int *col)
{
	struct list_view *v = state;
	char filters[256] = "";
	if (v->rs->list_status)
		v->rs->list_status(t, &v->lv.query, filters, sizeof filters);
	return t->plain && listview_cursor(&v->lv, filters[0] ? 2 : 1, row, col);
}

/* Whether the login may see what a key of a list opens: the budgets per
 * year (y) are the pb-summary report and a provider's waits (w) the
 * waits report, both the team leads' and admins'. */
static bool may_see(const struct tui *t, enum action a)
{
	static const struct {
		enum action action;
		const char *report;
	} opens[] = {{ACT_YEARS, "pb-summary"}, {ACT_WAITS, "waits"}};
	for (size_t i = 0; i < sizeof opens / sizeof opens[0]; i++) {
		if (opens[i].action != a)
			continue;
		const struct report *r = report_find(opens[i].report);
		return r == NULL || t->s->role >= r->min_role;
	}
	return true;
}

static bool list_offers(struct tui *t, void *state, enum action a)
{
	struct list_view *v = state;
	if (!may_see(t, a))
		return false;
	return !action_changes_records(a) ||
	       (!session_read_only(t->s) && store_may_change(t->s, v->lv.query.kind));
}

/* Hints: those of the list's scopes (keymap_hints). */
static const struct view_ops list_ops = {
	"records", list_load, list_key, list_draw, NULL, NULL, list_cursor, SCOPE_LIST,
};

static struct list_view *new_list_view(const struct record_screen *rs, const char *title)
{
	struct list_view *v = tui_alloc(sizeof *v);
	v->rs = rs;
	snprintf(v->title, sizeof v->title, "%s", title);
	listview_init(&v->lv, kinds[rs->kind], rs->columns, rs->column_count);
	v->lv.format = rs->format;
	v->lv.complete = rs->complete;
	if (rs->sort_column >= 0 && rs->sort_column < rs->column_count) {
		v->lv.sort_column = rs->sort_column;
		v->lv.query.sort_field = rs->columns[rs->sort_column].field;
	}
	return v;
}

static void push_list(struct tui *t, const struct record_screen *rs, struct list_view *v)
{
	/* Kept in the view's state, so it goes when the view goes. */
	v->ops = list_ops;
	if (rs->list_hints)
		v->ops.hints = rs->list_hints;
	v->ops.scopes |= rs->list_scopes;
	tui_push_offering(t, &v->ops, v, list_offers);
}

void record_screen_open(struct tui *t, const struct record_screen *rs)
{
	push_list(t, rs, new_list_view(rs, rs->title));
}

void record_screen_open_with(struct tui *t, const struct record_screen *rs,
                             const struct list_query *q, const char *title)
{
	struct list_view *v = new_list_view(rs, title);
	v->lv.query = *q;
	v->lv.sort_column = -1;
	for (int c = 0; c < rs->column_count; c++)
		if (rs->columns[c].field == q->sort_field && q->sort_field >= 0)
			v->lv.sort_column = c;
	push_list(t, rs, v);
}
