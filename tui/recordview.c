#include "tui/recordview.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "core/audit_trail.h"
#include "core/store.h"
#include "tui/form.h"
#include "tui/recordlist.h"
#include "tui/screens.h"

#define SECTION_ROWS 5        /* rows of a related list unless it says */
#define FIELD_INDENT 19       /* "  " + a 16-column label + " " */

/* ---- text ------------------------------------------------------------------ */

static void *grow(void *p, size_t size)
{
	void *q = realloc(p, size);
	if (q == NULL)
		tui_fatal(EX_OSERR, "out of memory");
	return q;
}

static void detail_push(struct detail *d, bool heading, int indent, const char *fmt, va_list ap)
{
	if (d->count == d->capacity) {
		d->capacity = d->capacity ? d->capacity * 2 : 32;
		d->lines = grow(d->lines, sizeof *d->lines * (size_t)d->capacity);
		d->indents = grow(d->indents, sizeof *d->indents * (size_t)d->capacity);
		d->headings = grow(d->headings, sizeof *d->headings * (size_t)d->capacity);
	}
	va_list copy;
	va_copy(copy, ap);
	int len = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	char *line = grow(NULL, (size_t)(len > 0 ? len : 0) + 1);
	vsnprintf(line, (size_t)(len > 0 ? len : 0) + 1, fmt, ap);
	if (indent < 0)
		indent = (int)strspn(line, " ");
	d->lines[d->count] = line;
	d->indents[d->count] = indent;
	d->headings[d->count++] = heading;
}

void detail_add(struct detail *d, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	detail_push(d, false, -1, fmt, ap);
	va_end(ap);
}

void detail_heading(struct detail *d, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	detail_push(d, true, -1, fmt, ap);
	va_end(ap);
}

static void detail_indented(struct detail *d, int indent, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void detail_indented(struct detail *d, int indent, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	detail_push(d, false, indent, fmt, ap);
	va_end(ap);
}

void detail_field(struct detail *d, const char *label, const char *value)
{
	detail_indented(d, FIELD_INDENT, "  %-16s %s", label, value[0] ? value : "-");
}

void detail_clear(struct detail *d)
{
	for (int i = 0; i < d->count; i++)
		free(d->lines[i]);
	d->count = 0;
}

void detail_free(struct detail *d)
{
	detail_clear(d);
	free(d->lines);
	free(d->indents);
	free(d->headings);
	memset(d, 0, sizeof *d);
}

/* The next character of text: its bytes and the columns it takes as
 * drawn (text.c's fallbacks included: "£" may be "GBP"). */
static int next_char(const char *text, wchar_t *wc, int *columns)
{
	*wc = text[0] == ' ' ? L' ' : L'x';
	return text_next(text, columns);
}

static void put_line(struct wrap_line *out, int max, int n, int start, int len)
{
	if (n < max)
		out[n] = (struct wrap_line){start, len};
}

int text_wrap(const char *text, int width, struct wrap_line *out, int max)
{
	int n = 0, pos = 0;
	if (width < 1)
		width = 1;
	for (;;) {
		int i = pos, cols = 0, space = -1, step = 0;
		wchar_t wc = 0;
		while (text[i] && text[i] != '\n') {
			int cw;
			step = next_char(text + i, &wc, &cw);
			if (cols + cw > width)
				break;
			if (wc == L' ')
				space = i;
			cols += cw;
			i += step;
		}
		if (text[i] == '\0' || text[i] == '\n') {
			put_line(out, max, n++, pos, i - pos);
			if (text[i] == '\0')
				return n;
			pos = i + 1;
			continue;
		}
		int end = text[i] == ' ' ? i : space > pos ? space : i;
		if (end == pos)
			end = pos + step;   /* a character wider than the line */
		put_line(out, max, n++, pos, end - pos);
		pos = end;
		while (text[pos] == ' ')
			pos++;
		if (text[pos] == '\0')
			return n;
	}
}

/* ---- the view ---------------------------------------------------------------- */

struct section {
	const struct related_list *rel;
	struct listview lv;
	struct record_screen screen;   /* how its records open */
	int y;                         /* heading's line in the document */
};

struct record_view {
	const struct record_screen *rs;
	int64_t id;
	struct listview *origin;
	struct record record;
	bool gone;
	struct detail text;
	int top, height, lines;        /* scroll, window and document lines */
	int focus;                     /* -1: the record's text, else a section */
	struct section *sections;
	int section_count;
	struct pending_delete pending;
	struct view_ops ops;           /* view_ops with the hints of the focus */
	int link;                      /* field Enter opens the record of, or -1 */
	int64_t select_id;             /* to select in the focused list once loaded; 0: none */
};

static const enum action text_hints[] = {ACT_EDIT, ACT_DELETE, ACT_HISTORY, ACT_BACK, ACT_HELP, ACT_NONE};
static const enum action text_hints_with_link[] = {
	ACT_OPEN, ACT_EDIT, ACT_DELETE, ACT_HISTORY, ACT_BACK, ACT_HELP, ACT_NONE,
};
static const enum action text_hints_with_lists[] = {
	ACT_EDIT, ACT_DELETE, ACT_ADD, ACT_NEXT_SECTION, ACT_HISTORY, ACT_BACK, ACT_HELP, ACT_NONE,
};
static const enum action section_hints[] = {
	ACT_OPEN, ACT_ADD, ACT_EDIT, ACT_DELETE, ACT_EXPORT, ACT_NEXT_SECTION, ACT_BACK, ACT_HELP, ACT_NONE,
};

static void set_focus(struct record_view *v, int focus)
{
	v->focus = focus;
	for (int i = 0; i < v->section_count; i++)
		v->sections[i].lv.inactive = i != focus;
	if (focus >= 0)
		v->ops.hints = v->sections[focus].rel->hints ? v->sections[focus].rel->hints : section_hints;
	else if (v->rs->detail_hints)
		v->ops.hints = v->rs->detail_hints;
	else
		v->ops.hints = v->section_count > 0 ? text_hints_with_lists
		               : v->link >= 0 ? text_hints_with_link : text_hints;
}

/* The screen a record of kind k opens in from a field naming it; NULL
 * when its kind has no record view of its own. */
static const struct record_screen *screen_of_kind(enum kind_id k)
{
	switch (k) {
	case KIND_CHILDREN:
		return child_record_screen();
	default:
		return NULL;
	}
}

/* The first reference field of r that is set and whose record has a view
 * of its own (a spot purchase's child), or -1. */
static int link_field(const struct record *r)
{
	for (int i = 0; i < r->kind->field_count; i++) {
		const struct field *f = &r->kind->fields[i];
		if (f->type == FIELD_REFERENCE && r->values[i].set && screen_of_kind(f->target))
			return i;
	}
	return -1;
}

/* Enter on a record without lists: the record its link field names. */
static int open_link(struct tui *t, struct record_view *v)
{
	const struct field *f = &v->record.kind->fields[v->link];
	struct record target;
	record_init(&target, kinds[f->target]);
	bool found = false;
	struct error err = {0};
	if (store_load_by_key(t->s, &target, v->record.values[v->link].text, &found, &err) == 0 && found)
		record_view_open(t, screen_of_kind(f->target), target.id, NULL);
	else
		tui_error(t, "%s: %s", f->label, found ? err.msg : "no longer there");
	record_clear(&target);
	return VIEW_HANDLED;
}

/* Selects record id in lv, when it is there. */
static void select_record(struct tui *t, struct listview *lv, int64_t id)
{
	struct record r;
	record_init(&r, lv->query.kind);
	struct error err = {0};
	if (store_load(t->s, &r, id, &err) == 0)
		listview_select(t, lv, &r);
	record_clear(&r);
}

static void view_load(struct tui *t, void *state)
{
	struct record_view *v = state;
	record_clear(&v->record);
	detail_clear(&v->text);
	struct error err = {0};
	if (store_load(t->s, &v->record, v->id, &err) != 0) {
		v->gone = true;
		detail_add(&v->text, "This record is no longer there (%s).", err.msg);
		return;
	}
	v->gone = false;
	char name[128];
	record_name(&v->record, t->cfg, name, sizeof name);
	if (name[0] >= 'a' && name[0] <= 'z')
		name[0] = (char)(name[0] - 'a' + 'A');
	detail_heading(&v->text, "%s", name);
	for (int i = 0; i < v->record.kind->field_count; i++) {
		char buf[RECORD_TEXT_MAX];
		detail_field(&v->text, v->record.kind->fields[i].label,
		             record_display(&v->record, i, t->cfg, buf, sizeof buf));
	}
	if (v->rs->detail)
		v->rs->detail(t, &v->record, &v->text);
	v->link = v->section_count == 0 ? link_field(&v->record) : -1;
	if (v->link >= 0)
		detail_add(&v->text, "  Enter opens the %s's record.",
		           kinds[v->record.kind->fields[v->link].target]->label);
	if (v->focus < 0)
		set_focus(v, -1);
	/* The row the user is on stays theirs through a reload (another
	 * process's change moving it in the list's order). */
	if (v->select_id == 0 && v->focus >= 0)
		v->select_id = listview_selected_id(&v->sections[v->focus].lv);
	for (int i = 0; i < v->section_count; i++) {
		v->sections[i].lv.query.parent_id = v->id;
		/* A list the user is not in shows its first rows: the session just
		 * logged at the top of the latest, not the row selected before. */
		if (i != v->focus)
			v->sections[i].lv.selected = -1;
		listview_reload(t, &v->sections[i].lv);
	}
	if (v->select_id != 0 && v->focus >= 0 &&
	    listview_selected_id(&v->sections[v->focus].lv) != v->select_id)
		select_record(t, &v->sections[v->focus].lv, v->select_id);
	v->select_id = 0;
}

/* Rows a section's list shows: as many as it has, within its limit. */
static int section_rows(const struct section *s)
{
	int limit = s->rel->rows > 0 ? s->rel->rows : SECTION_ROWS;
	int64_t n = s->lv.total >= 0 ? s->lv.total : s->lv.count;
	return n < 1 ? 1 : n > limit ? limit : (int)n;
}

/* Lines of the section: a blank, its heading, the list's header, rows
 * and footer. */
static int section_lines(const struct section *s)
{
	return 2 + section_rows(s) + 2;
}

/* Wrapped line i of the text: its first line is the text as it is, the
 * rest start under its value.  Draws them at row y of w when w is not
 * NULL; returns how many lines it takes. */
static int text_line(const struct detail *d, int i, int width, WINDOW *w, int y, attr_t attr)
{
	const char *line = d->lines[i];
	int indent = d->indents[i];
	if ((size_t)indent > strlen(line) || width - indent < 20)
		indent = 0;
	int n = text_wrap(line + indent, width - indent, NULL, 0);
	struct wrap_line *parts = tui_alloc(sizeof *parts * (size_t)n);
	text_wrap(line + indent, width - indent, parts, n);
	for (int k = 0; w && k < n; k++) {
		char *text = grow(NULL, (size_t)indent + (size_t)parts[k].len + 1);
		if (k == 0)
			memcpy(text, line, (size_t)indent);
		else
			memset(text, ' ', (size_t)indent);
		memcpy(text + indent, line + indent + parts[k].start, (size_t)parts[k].len);
		text[indent + parts[k].len] = '\0';
		tui_put(w, y + k, 1, width, text, attr);
		free(text);
	}
	free(parts);
	return n;
}

/* Lays the document out for width: where each section starts; returns
 * its lines. */
static int layout(struct record_view *v, int width)
{
	int y = 0;
	for (int i = 0; i < v->text.count; i++)
		y += text_line(&v->text, i, width, NULL, 0, A_NORMAL);
	for (int i = 0; i < v->section_count; i++) {
		v->sections[i].y = y + 1;
		y += section_lines(&v->sections[i]);
	}
	return y;
}

/* With a list in focus, the whole of it is on screen. */
static void scroll_to_focus(struct record_view *v)
{
	if (v->focus >= 0) {
		const struct section *s = &v->sections[v->focus];
		int last = s->y + section_lines(s) - 2;   /* its footer */
		if (last >= v->top + v->height)
			v->top = last - v->height + 1;
		if (s->y < v->top)
			v->top = s->y;
	}
	if (v->top > v->lines - v->height)
		v->top = v->lines - v->height;
	if (v->top < 0)
		v->top = 0;
}

static void draw_section(struct tui *t, struct record_view *v, int i, WINDOW *pad, int width)
{
	struct section *s = &v->sections[i];
	char heading[160];
	bool focused = i == v->focus;
	if (s->lv.total >= 0)
		snprintf(heading, sizeof heading, "%s (%lld)%s", s->rel->title, (long long)s->lv.total,
		         focused ? " *" : "");
	else
		snprintf(heading, sizeof heading, "%s%s", s->rel->title, focused ? " *" : "");
	tui_put(pad, s->y, 1, width, heading, focused ? A_BOLD | A_UNDERLINE : A_BOLD);
	listview_draw(t, &s->lv, pad, s->y + 1, section_rows(s) + 2);
}

static void view_draw(struct tui *t, void *state, WINDOW *w)
{
	struct record_view *v = state;
	werase(w);
	int width = getmaxx(w);
	v->height = getmaxy(w);
	v->lines = layout(v, width - 2);
	scroll_to_focus(v);
	WINDOW *pad = newpad(v->lines > 0 ? v->lines : 1, width);
	if (pad == NULL)
		tui_fatal(EX_OSERR, "cannot make a window");
	int y = 0;
	for (int i = 0; i < v->text.count; i++)
		y += text_line(&v->text, i, width - 2, pad, y, v->text.headings[i] ? A_BOLD : A_NORMAL);
	for (int i = 0; i < v->section_count; i++)
		draw_section(t, v, i, pad, width - 2);
	int shown = v->lines - v->top < v->height ? v->lines - v->top : v->height;
	if (shown > 0)
		copywin(pad, w, v->top, 0, 0, 0, shown - 1, width - 1, FALSE);
	delwin(pad);
}

static bool view_cursor(struct tui *t, void *state, int *row, int *col)
{
	struct record_view *v = state;
	if (!t->plain || v->focus < 0)
		return false;
	const struct section *s = &v->sections[v->focus];
	return listview_cursor(&s->lv, s->y + 1 - v->top, row, col);
}

static int saved_reload(struct tui *t, const struct record *saved, void *ctx)
{
	(void)t;
	(void)saved;
	(void)ctx;
	return VIEW_RELOAD;
}

static int text_key(struct tui *t, struct record_view *v, enum action a)
{
	int flags = tui_scroll(&v->top, v->lines, v->height, a);
	if (flags != VIEW_IGNORED)
		return flags;
	if (v->rs->detail_key && (flags = v->rs->detail_key(t, &v->record, a)) != VIEW_IGNORED)
		return flags;
	const struct kind *k = v->record.kind;
	switch (a) {
	case ACT_EDIT:
		if (record_screen_may_change(t, k)) {
			char title[96];
			snprintf(title, sizeof title, "Edit %s", k->label);
			form_open(t, &v->record, title, -1, saved_reload, NULL);
		}
		return VIEW_HANDLED;
	case ACT_DELETE:
		if (record_screen_may_change(t, k)) {
			v->pending.origin = v->origin;
			v->pending.close_view = true;
			record_ask_delete(t, &v->record, &v->pending);
		}
		return VIEW_HANDLED;
	case ACT_ADD:
	case ACT_OPEN:
		if (a == ACT_OPEN && v->link >= 0)
			return open_link(t, v);
		/* Otherwise the record's own text opens nothing: these go to its
		 * first list. */
		if (v->section_count == 0)
			return VIEW_IGNORED;
		set_focus(v, 0);
		return a == ACT_ADD ? record_list_action(t, &v->sections[0].lv, &v->pending, a) : VIEW_HANDLED;
	case ACT_HISTORY:
		history_open(t, k, v->id);
		return VIEW_HANDLED;
	case ACT_CANCEL:
		return VIEW_CLOSE;
	default:
		return VIEW_IGNORED;
	}
}

/* The screen's own key on a related list, with the selected record. */
static int related_key(struct tui *t, struct record_view *v, struct section *s, enum action a)
{
	int64_t id = listview_selected_id(&s->lv);
	struct record r;
	record_init(&r, s->lv.query.kind);
	struct error err = {0};
	bool loaded = id != 0 && store_load(t->s, &r, id, &err) == 0;
	int flags = s->rel->key(t, &v->record, loaded ? &r : NULL, a);
	record_clear(&r);
	return flags;
}

static int section_key(struct tui *t, struct record_view *v, struct section *s, enum action a, int key)
{
	int flags = listview_key(t, &s->lv, a, key);
	if (flags == VIEW_IGNORED && s->rel->key)
		flags = related_key(t, v, s, a);
	if (flags != VIEW_IGNORED)
		return flags;
	if (a == ACT_OPEN) {
		int64_t id = listview_selected_id(&s->lv);
		if (id != 0)
			record_view_open(t, &s->screen, id, &s->lv);
		return VIEW_HANDLED;
	}
	if (a == ACT_HISTORY) {
		history_open(t, s->lv.query.kind, listview_selected_id(&s->lv));
		return VIEW_HANDLED;
	}
	flags = record_list_action(t, &s->lv, &v->pending, a);
	return flags == VIEW_IGNORED && a == ACT_CANCEL ? VIEW_CLOSE : flags;
}

static int view_key(struct tui *t, void *state, enum action a, int key)
{
	struct record_view *v = state;
	if (v->gone)
		return a == ACT_CANCEL ? VIEW_CLOSE : VIEW_IGNORED;
	struct section *s = v->focus >= 0 ? &v->sections[v->focus] : NULL;
	if (s && s->lv.editing_filter)
		return section_key(t, v, s, a, key);
	if ((a == ACT_NEXT_SECTION || a == ACT_PREV_SECTION) && v->section_count > 0) {
		/* Round the text and the lists: -1, 0 .. count - 1. */
		int n = v->section_count + 1, step = a == ACT_NEXT_SECTION ? 1 : n - 1;
		set_focus(v, (v->focus + 1 + step) % n - 1);
		return VIEW_HANDLED;
	}
	return s ? section_key(t, v, s, a, key) : text_key(t, v, a);
}

static void view_done(struct tui *t, void *state)
{
	(void)t;
	struct record_view *v = state;
	record_clear(&v->record);
	detail_free(&v->text);
	free(v->sections);
}

/* Add, edit and delete act on the focused list's records, or on the
 * record itself (add: on its first list). */
static bool record_offers(struct tui *t, void *state, enum action a)
{
	struct record_view *v = state;
	if (!action_changes_records(a))
		return true;
	const struct kind *k = kinds[v->rs->kind];
	if (v->focus >= 0)
		k = v->sections[v->focus].lv.query.kind;
	else if (a == ACT_ADD && v->section_count > 0)
		k = v->sections[0].lv.query.kind;
	return !session_read_only(t->s) && store_may_change(t->s, k);
}

static const struct view_ops view_ops = {
	"record", view_load, view_key, view_draw, view_done, text_hints, view_cursor,
	SCOPE_RECORD | SCOPE_LIST,
};

static void section_init(struct section *s, const struct related_list *rel)
{
	s->rel = rel;
	listview_init(&s->lv, kinds[rel->kind], rel->columns, rel->column_count);
	s->lv.format = rel->format;
	s->lv.query.parent_field = rel->parent_field;
	s->lv.query.parent_through = rel->parent_through;
	s->lv.query.through_field = rel->through_field;
	if (rel->sort_column >= 0 && rel->sort_column < rel->column_count) {
		s->lv.sort_column = rel->sort_column;
		s->lv.query.sort_field = rel->columns[rel->sort_column].field;
		s->lv.query.descending = rel->descending;
	}
	if (rel->screen) {
		s->screen = *rel->screen;
	} else {
		s->screen = (struct record_screen){
			.title = rel->title, .kind = rel->kind, .columns = rel->columns,
			.column_count = rel->column_count, .sort_column = rel->sort_column, .format = rel->format,
		};
	}
}

void record_view_open(struct tui *t, const struct record_screen *rs, int64_t id,
                      struct listview *origin)
{
	record_view_open_at(t, rs, id, origin, -1, 0);
}

void record_view_open_at(struct tui *t, const struct record_screen *rs, int64_t id,
                         struct listview *origin, int section, int64_t select_id)
{
	/* Who opened a child's record is in the trail; a database that
	 * cannot take the row (read-only) still shows the record. */
	audit_note_view(t->s, kinds[rs->kind], id, NULL);
	struct record_view *v = tui_alloc(sizeof *v);
	v->rs = rs;
	v->id = id;
	v->origin = origin;
	record_init(&v->record, kinds[rs->kind]);
	v->section_count = rs->related_count;
	v->sections = tui_alloc(sizeof *v->sections * (size_t)(rs->related_count > 0 ? rs->related_count : 1));
	for (int i = 0; i < rs->related_count; i++)
		section_init(&v->sections[i], &rs->related[i]);
	/* The hints follow the focus; the table lives in the view's state. */
	v->ops = view_ops;
	v->link = -1;
	/* The screen's own keys (l on a child's entries) work in its record too. */
	v->ops.scopes |= rs->list_scopes;
	set_focus(v, section >= 0 && section < v->section_count ? section : -1);
	v->select_id = v->focus >= 0 ? select_id : 0;
	tui_push_offering(t, &v->ops, v, record_offers);
}
