#include "tui/recordlist.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/store.h"
#include "core/transfer.h"
#include "tui/dialog.h"
#include "tui/form.h"

#define DETAIL_MAX_LINES 600

/* ---- shared ------------------------------------------------------------- */

bool record_screen_may_change(struct tui *t, const struct kind *k)
{
	if (t->s->role >= k->write_role)
		return true;
	static const char *const who[] = {
		[ROLE_CASEWORKER] = "caseworkers, team leads and admins",
		[ROLE_TEAMLEAD] = "team leads and admins", [ROLE_ADMIN] = "admins",
	};
	tui_error(t, "you are %s (%s): only %s may change %s; you may look", t->s->login,
	          role_name(t->s->role), who[k->write_role], k->name);
	return false;
}

/* "contract EKHUFT-2024": the kind and the record's key, for messages. */
static void record_name(const struct record *r, const struct settings *cfg, char *buf, size_t len)
{
	char key[96] = "";
	if (r->kind->key_count > 0) {
		char scratch[96];
		snprintf(key, sizeof key, " %s", record_text(r, r->kind->key_fields[0], cfg, scratch, sizeof scratch));
	}
	snprintf(buf, len, "%s%s", r->kind->label, key);
}

struct pending_delete {
	int64_t id;
	enum kind_id kind;
	bool close_after;     /* the detail view of the deleted record closes too */
};

static int delete_now(struct tui *t, void *ctx)
{
	struct pending_delete *p = ctx;
	struct record r;
	record_init(&r, kinds[p->kind]);
	struct error err = {0};
	int rc = store_load(t->s, &r, p->id, &err);
	char name[128];
	if (rc == 0) {
		record_name(&r, t->cfg, name, sizeof name);
		rc = store_write(t->s, WRITE_DELETE, &r, &err);
	}
	record_clear(&r);
	if (rc != 0) {
		tui_error(t, "not deleted: %s", err.msg);
		return VIEW_HANDLED;
	}
	tui_message(t, "deleted %s", name);
	return VIEW_RELOAD;
}

/* Asks, then deletes; ctx must outlive the question (it lives in the
 * view's state). */
static void ask_delete(struct tui *t, const struct record *r, struct pending_delete *p)
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

/* ---- the detail view ------------------------------------------------------ */

static void detail_vadd(struct detail *d, bool heading, const char *fmt, va_list ap)
{
	if (d->count == d->capacity)
		return;
	vsnprintf(d->lines[d->count], DETAIL_LINE_MAX, fmt, ap);
	d->headings[d->count++] = heading;
}

void detail_add(struct detail *d, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	detail_vadd(d, false, fmt, ap);
	va_end(ap);
}

void detail_heading(struct detail *d, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	detail_vadd(d, true, fmt, ap);
	va_end(ap);
}

struct detail_view {
	const struct record_screen *rs;
	int64_t id;
	struct record record;
	struct detail text;
	int top, height;
	struct pending_delete pending;
	struct view_ops ops;   /* detail_ops with the screen's own hints */
};

/* "  Label   value", the value wrapped at spaces so that long notes can
 * be read whole (the detail is built before its width is known; 74
 * columns of value fit 100-column terminals and most 80-column ones). */
static void detail_field(struct detail *d, const char *label, const char *text)
{
	enum { VALUE_WIDTH = 74 };
	const char *rest = text[0] ? text : "-";
	bool first = true;
	while (*rest) {
		size_t len = strlen(rest), cut = len;
		if (len > VALUE_WIDTH) {
			cut = VALUE_WIDTH;
			while (cut > 0 && rest[cut] != ' ')
				cut--;
			if (cut == 0)
				cut = VALUE_WIDTH;
			while (cut < len && ((unsigned char)rest[cut] & 0xC0) == 0x80)
				cut++;   /* never split a character */
		}
		detail_add(d, "  %-16s %.*s", first ? label : "", (int)cut, rest);
		rest += cut;
		while (*rest == ' ')
			rest++;
		first = false;
	}
}

static void detail_fields(struct tui *t, const struct record *r, struct detail *d)
{
	char name[128];
	record_name(r, t->cfg, name, sizeof name);
	detail_heading(d, "%c%s", name[0] - 32 * (name[0] >= 'a' && name[0] <= 'z'), name + 1);
	for (int i = 0; i < r->kind->field_count; i++) {
		char buf[RECORD_TEXT_MAX];
		detail_field(d, r->kind->fields[i].label, record_display(r, i, t->cfg, buf, sizeof buf));
	}
}

static void detail_load(struct tui *t, void *state)
{
	struct detail_view *v = state;
	record_clear(&v->record);
	v->text.count = 0;
	struct error err = {0};
	if (store_load(t->s, &v->record, v->id, &err) != 0) {
		detail_add(&v->text, "This record is no longer there (%s).", err.msg);
		return;
	}
	detail_fields(t, &v->record, &v->text);
	if (v->rs->detail)
		v->rs->detail(t, &v->record, &v->text);
}

static int detail_saved(struct tui *t, const struct record *saved, void *ctx)
{
	(void)t;
	(void)saved;
	(void)ctx;
	return VIEW_RELOAD;
}

static int detail_key(struct tui *t, void *state, enum action a, int key)
{
	struct detail_view *v = state;
	(void)key;
	int flags = tui_scroll(&v->top, v->text.count, v->height, a);
	if (flags != VIEW_IGNORED || v->record.id == 0)
		return flags;
	if (v->rs->detail_key && (flags = v->rs->detail_key(t, &v->record, a)) != VIEW_IGNORED)
		return flags;
	const struct kind *k = v->record.kind;
	switch (a) {
	case ACT_EDIT:
		if (record_screen_may_change(t, k))
			open_form(t, &v->record, detail_saved, v);
		return VIEW_HANDLED;
	case ACT_DELETE:
		if (record_screen_may_change(t, k))
			ask_delete(t, &v->record, &v->pending);
		return VIEW_HANDLED;
	case ACT_CANCEL:
		return VIEW_CLOSE;
	default:
		return VIEW_IGNORED;
	}
}

static void detail_draw(struct tui *t, void *state, WINDOW *w)
{
	struct detail_view *v = state;
	(void)t;
	werase(w);
	v->height = getmaxy(w);
	if (v->top > v->text.count - v->height)
		v->top = v->text.count - v->height > 0 ? v->text.count - v->height : 0;
	for (int i = 0; i < v->height && v->top + i < v->text.count; i++) {
		int n = v->top + i;
		attr_t attr = v->text.headings[n] ? A_BOLD : A_NORMAL;
		tui_put(w, i, 1, getmaxx(w) - 1, v->text.lines[n], attr);
	}
}

static void detail_done(struct tui *t, void *state)
{
	(void)t;
	struct detail_view *v = state;
	record_clear(&v->record);
	free(v->text.lines);
	free(v->text.headings);
}

static const enum action default_detail_hints[] = {ACT_EDIT, ACT_DELETE, ACT_BACK, ACT_HELP, ACT_NONE};

static const struct view_ops detail_ops = {
	"detail", detail_load, detail_key, detail_draw, detail_done, default_detail_hints, NULL,
};

static void detail_open(struct tui *t, const struct record_screen *rs, int64_t id)
{
	struct detail_view *v = tui_alloc(sizeof *v);
	v->rs = rs;
	v->id = id;
	record_init(&v->record, kinds[rs->kind]);
	v->text.capacity = DETAIL_MAX_LINES;
	v->text.lines = tui_alloc(sizeof *v->text.lines * DETAIL_MAX_LINES);
	v->text.headings = tui_alloc(sizeof *v->text.headings * DETAIL_MAX_LINES);
	/* A screen with keys of its own shows its own hints; the table is
	 * kept in the view's state, so it goes when the view goes. */
	v->ops = detail_ops;
	if (rs->detail_hints)
		v->ops.hints = rs->detail_hints;
	tui_push(t, &v->ops, v);
}

/* ---- the list view ---------------------------------------------------------- */

struct list_view {
	const struct record_screen *rs;
	struct listview lv;
	struct pending_delete pending;
	char title[128];
	struct view_ops ops;   /* list_ops with the screen's own hints */
};

static void list_load(struct tui *t, void *state)
{
	struct list_view *v = state;
	listview_reload(t, &v->lv);
}

static int list_saved(struct tui *t, const struct record *saved, void *ctx)
{
	struct list_view *v = ctx;
	listview_select(t, &v->lv, saved);
	return VIEW_RELOAD;
}

static int write_rows(struct tui *t, void *ctx, FILE *out, long *rows, struct error *err)
{
	struct list_view *v = ctx;
	return transfer_export_list(t->s, &v->lv.query, out, rows, err);
}

static int export_to(struct tui *t, const char *path, void *ctx)
{
	struct list_view *v = ctx;
	return dialog_export_csv(t, path, write_rows, v, v->lv.query.kind->name);
}

static int list_action(struct tui *t, struct list_view *v, enum action a)
{
	const struct kind *k = kinds[v->rs->kind];
	struct record r;
	int64_t id = listview_selected_id(&v->lv);
	switch (a) {
	case ACT_OPEN:
		if (id != 0)
			detail_open(t, v->rs, id);
		return VIEW_HANDLED;
	case ACT_ADD:
		if (record_screen_may_change(t, k)) {
			record_init(&r, k);
			open_form(t, &r, list_saved, v);
		}
		return VIEW_HANDLED;
	case ACT_EDIT:
	case ACT_DELETE:
		if (!record_screen_may_change(t, k) || load_selected(t, k->id, id, &r) != 0)
			return VIEW_HANDLED;
		if (a == ACT_EDIT)
			open_form(t, &r, list_saved, v);
		else
			ask_delete(t, &r, &v->pending);
		record_clear(&r);
		return VIEW_HANDLED;
	case ACT_EXPORT: {
		char path[64];
		snprintf(path, sizeof path, "%s.csv", k->name);
		dialog_export_prompt(t, "Export the rows shown to the CSV file", path, export_to, v);
		return VIEW_HANDLED;
	}
	default:
		return VIEW_IGNORED;
	}
}

static int list_key(struct tui *t, void *state, enum action a, int key)
{
	struct list_view *v = state;
	int flags = listview_key(t, &v->lv, a, key);
	if (flags == VIEW_IGNORED && v->rs->list_key)
		flags = v->rs->list_key(t, &v->lv.query, a);
	return flags != VIEW_IGNORED ? flags : list_action(t, v, a);
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

static const enum action list_hints[] = {
	ACT_OPEN, ACT_ADD, ACT_EDIT, ACT_DELETE, ACT_FILTER, ACT_SORT, ACT_EXPORT, ACT_HELP, ACT_BACK, ACT_NONE,
};

static const struct view_ops list_ops = {
	"records", list_load, list_key, list_draw, NULL, list_hints, list_cursor,
};

static struct list_view *new_list_view(const struct record_screen *rs, const char *title)
{
	struct list_view *v = tui_alloc(sizeof *v);
	v->rs = rs;
	snprintf(v->title, sizeof v->title, "%s", title);
	listview_init(&v->lv, kinds[rs->kind], rs->columns, rs->column_count);
	v->lv.format = rs->format;
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
	tui_push(t, &v->ops, v);
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
