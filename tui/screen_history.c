/* screen_history.c: a record's history, and one change of the trail.
 *
 * h on a record (in its view, or selected in any list) opens its
 * changes newest first: when, who, what, then each field that changed
 * by its label, before -> after.  The view holds one page of changes;
 * moving past either end of it fetches the page beyond (core's
 * history_page), so a record changed ten thousand times costs no more
 * than one changed twice.  u undoes the latest change, after asking,
 * through the write path (core/history.h says when it is refused). */
#include "tui/tui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/history.h"
#include "core/record.h"
#include "core/store.h"
#include "tui/dialog.h"
#include "tui/recordlist.h"
#include "tui/recordview.h"
#include "tui/screens.h"

/* Changes a page holds: several screens of them. */
#define HISTORY_PAGE 30

struct history_view {
	const struct kind *kind;
	int64_t record_id;             /* 0: one change (change_id) alone */
	int64_t change_id;
	char title[160];
	struct history_change *changes; /* HISTORY_PAGE, newest first */
	int count;
	bool older, newer;             /* there are changes beyond the page */
	int64_t latest;                /* the latest change when loaded, for undo */
	int top, height, lines;
	char error[ERROR_MSG_MAX];
};

static const enum action history_hints[] = {ACT_UNDO, ACT_BACK, ACT_HELP, ACT_NONE};
static const enum action change_hints[] = {ACT_BACK, ACT_HELP, ACT_NONE};

/* Reads the page below before_id (0: the newest), or with newer the page
 * above it; the rows kept newest first. */
static int fetch(struct tui *t, struct history_view *v, int64_t edge, bool newer)
{
	struct history_query q = {.kind = v->kind, .record_id = v->record_id};
	struct error err = {0};
	int count = 0;
	bool more = false;
	int rc = history_page_rows(t->s, &q, edge, newer, v->changes, HISTORY_PAGE, &count, &more,
	                           &err);
	if (rc != 0) {
		snprintf(v->error, sizeof v->error, "%s", err.msg);
		tui_error(t, "%s", err.msg);
		return -1;
	}
	v->count = count;
	if (newer) {
		v->newer = more;
		v->older = true;
	} else {
		v->older = more;
		v->newer = edge != 0;
	}
	v->error[0] = '\0';
	return 0;
}

/* Lines of one change: its heading, and a line per field (at least one). */
static int change_lines(const struct history_change *c)
{
	return 1 + (c->field_count > 0 ? c->field_count : c->action == HISTORY_OPENED ? 0 : 1);
}

static int count_lines(const struct history_view *v)
{
	int n = 0;
	for (int i = 0; i < v->count; i++)
		n += change_lines(&v->changes[i]) + 1;
	return n + (v->older ? 1 : 0) + (v->newer ? 1 : 0);
}

void change_name_record(struct tui *t, struct history_change *c)
{
	/* An opening keeps no copy of the record, so the trail names it by
	 * its id; its key is read from the record as it is now. */
	if (c->action != HISTORY_OPENED || c->kind == NULL || c->kind->key_count == 0)
		return;
	struct record r;
	record_init(&r, c->kind);
	struct error err = {0};
	char key[RECORD_TEXT_MAX];
	if (store_load(t->s, &r, c->record_id, &err) == 0)
		snprintf(c->record, sizeof c->record, "%s",
		         record_text(&r, c->kind->key_fields[0], t->cfg, key, sizeof key));
	record_clear(&r);
}

static void history_load(struct tui *t, void *state)
{
	struct history_view *v = state;
	struct error err = {0};
	if (v->record_id == 0) {
		v->count = 0;
		if (history_get(t->s, v->change_id, &v->changes[0], &err) == 0) {
			v->count = 1;
			change_name_record(t, &v->changes[0]);
		}
		else
			snprintf(v->error, sizeof v->error, "%s", err.msg);
	} else {
		v->latest = 0;
		if (history_latest_change(t->s, v->kind, v->record_id, &v->latest, &err) != 0)
			tui_error(t, "%s", err.msg);
		fetch(t, v, 0, false);
		v->top = 0;
	}
	v->lines = count_lines(v);
}

/* "2026-12-05 12:50 UTC" from "2026-12-05T12:50:21Z". */
static void when(const char *at, char *buf, size_t len)
{
	snprintf(buf, len, "%.10s %.5s UTC", at, strlen(at) > 11 ? at + 11 : "");
}

static void heading(const struct history_change *c, bool whole_trail, char *buf, size_t len)
{
	char at[32];
	when(c->at, at, sizeof at);
	if (whole_trail)
		snprintf(buf, len, "%s  %s %s %s %s", at, c->login, history_action_word(c->action),
		         c->kind ? c->kind->label : c->kind_name, c->record);
	else
		snprintf(buf, len, "%s  %s %s", at, c->login, history_action_word(c->action));
}

static void field_line(const struct history_change *c, int i, char *buf, size_t len)
{
	const struct history_field *f = &c->fields[i];
	const char *before = f->before[0] ? f->before : "(empty)";
	const char *after = f->after[0] ? f->after : "(empty)";
	const char *label = c->kind->fields[f->field].label;
	if (c->action == HISTORY_ADDED)
		snprintf(buf, len, "    %s: %s", label, after);
	else if (c->action == HISTORY_DELETED)
		snprintf(buf, len, "    %s was %s", label, before);
	else
		snprintf(buf, len, "    %s: %s -> %s", label, before, after);
}

/* Draws line n of the document at row y when it is on screen. */
static void put(WINDOW *w, int n, int top, int height, const char *text, attr_t attr)
{
	if (n >= top && n < top + height)
		tui_put(w, 1 + n - top, 1, getmaxx(w) - 2, text, attr);
}

#define WRAP_MAX 16

static const char *first_line(const char *text, struct wrap_line part, char *buf, size_t len)
{
	snprintf(buf, len, "%.*s", part.len, text + part.start);
	return buf;
}

/* Draws text from document line *n on, wrapped to the window, its
 * continuation lines indented under the value; counts the lines. */
static void emit(WINDOW *w, int *n, const struct history_view *v, const char *text, attr_t attr)
{
	int width = getmaxx(w) - 2, indent = 6;
	struct wrap_line parts[WRAP_MAX];
	int count = text_wrap(text, width, parts, 1);
	if (count <= 1 || width - indent < 20) {
		put(w, (*n)++, v->top, v->height, text, attr);
		return;
	}
	/* The first line as wide as the window, the rest narrower. */
	char line0[TUI_LINE_MAX];
	put(w, (*n)++, v->top, v->height, first_line(text, parts[0], line0, sizeof line0), attr);
	const char *rest = text + parts[0].start + parts[0].len;
	rest += strspn(rest, " ");
	count = text_wrap(rest, width - indent, parts, WRAP_MAX);
	for (int k = 0; k < count && k < WRAP_MAX; k++) {
		char line[TUI_LINE_MAX];
		snprintf(line, sizeof line, "%*s%.*s", indent, "", parts[k].len, rest + parts[k].start);
		put(w, (*n)++, v->top, v->height, line, attr);
	}
}

static void history_draw(struct tui *t, void *state, WINDOW *w)
{
	struct history_view *v = state;
	werase(w);
	tui_put(w, 0, 1, getmaxx(w) - 2, v->title, A_BOLD);
	v->height = getmaxy(w) - 1;
	if (v->error[0]) {
		tui_put(w, 2, 1, getmaxx(w) - 2, v->error, tui_attr(t, COLOUR_ERROR));
		return;
	}
	if (v->count == 0) {
		tui_put(w, 2, 1, getmaxx(w) - 2, "No changes recorded.", A_NORMAL);
		return;
	}
	int n = 0;
	char line[TUI_LINE_MAX];
	if (v->newer)
		put(w, n++, v->top, v->height, "  ... newer changes above (Up)", tui_attr(t, COLOUR_DIM));
	for (int i = 0; i < v->count; i++) {
		const struct history_change *c = &v->changes[i];
		heading(c, v->record_id == 0, line, sizeof line);
		emit(w, &n, v, line, A_BOLD);
		for (int f = 0; f < c->field_count && c->kind; f++) {
			field_line(c, f, line, sizeof line);
			emit(w, &n, v, line, A_NORMAL);
		}
		if (c->field_count == 0)
			put(w, n++, v->top, v->height, c->action == HISTORY_OPENED
			    ? "    (read, not changed)" : "    (no field differed)", tui_attr(t, COLOUR_DIM));
		n++;
	}
	if (v->older)
		put(w, n++, v->top, v->height, "  ... older changes below (Down)", tui_attr(t, COLOUR_DIM));
	/* Wrapping depends on the width: the keys scroll over what was drawn. */
	v->lines = n;
}

/* Past the end of the page held: the page beyond, if there is one. */
static int turn_page(struct tui *t, struct history_view *v, enum action a)
{
	bool down = a == ACT_DOWN || a == ACT_PAGE_DOWN || a == ACT_END;
	bool at_bottom = v->top >= v->lines - v->height;
	if (down && at_bottom && v->older && v->count > 0) {
		if (fetch(t, v, v->changes[v->count - 1].id, false) == 0) {
			v->lines = count_lines(v);
			v->top = 0;
		}
		return VIEW_HANDLED;
	}
	if (!down && a != ACT_HOME && v->top == 0 && v->newer && v->count > 0) {
		if (fetch(t, v, v->changes[0].id, true) == 0) {
			v->lines = count_lines(v);
			v->top = v->lines > v->height ? v->lines - v->height : 0;
		}
		return VIEW_HANDLED;
	}
	if (a == ACT_HOME && v->newer) {
		history_load(t, v);
		return VIEW_HANDLED;
	}
	return tui_scroll(&v->top, v->lines, v->height, a);
}

static int undo_now(struct tui *t, void *ctx)
{
	struct history_view *v = ctx;
	char done[ERROR_MSG_MAX];
	struct error err = {0};
	if (history_undo(t->s, v->kind, v->record_id, v->latest, done, sizeof done, &err) != 0) {
		tui_error(t, "%s", err.msg);
		return VIEW_RELOAD;
	}
	tui_message(t, "undone: %s", done);
	return VIEW_RELOAD;
}

static int ask_undo(struct tui *t, struct history_view *v)
{
	/* A reader is told before being asked, not after saying yes. */
	if (!record_screen_may_change(t, v->kind))
		return VIEW_HANDLED;
	if (v->latest == 0) {
		tui_error(t, "nothing to undo: no change of this record is recorded");
		return VIEW_HANDLED;
	}
	struct history_change *c = NULL;
	for (int i = 0; i < v->count && c == NULL; i++)
		if (v->changes[i].id == v->latest)
			c = &v->changes[i];
	char question[TUI_LINE_MAX];
	if (c && c->action == HISTORY_ADDED)
		snprintf(question, sizeof question, "Undo adding this %s (it will be deleted)?", v->kind->label);
	else if (c && c->field_count > 0)
		snprintf(question, sizeof question, "Undo the latest change (%s back to %s)?",
		         c->kind->fields[c->fields[0].field].label,
		         c->fields[0].before[0] ? c->fields[0].before : "empty");
	else
		snprintf(question, sizeof question, "Undo the latest change of this %s?", v->kind->label);
	dialog_confirm(t, question, undo_now, v);
	return VIEW_HANDLED;
}

static int history_key(struct tui *t, void *state, enum action a, int key)
{
	(void)key;
	struct history_view *v = state;
	switch (a) {
	case ACT_UNDO:
		return v->record_id != 0 ? ask_undo(t, v) : VIEW_IGNORED;
	case ACT_CANCEL:
		return VIEW_CLOSE;
	default:
		return turn_page(t, v, a);
	}
}

static void history_done(struct tui *t, void *state)
{
	(void)t;
	struct history_view *v = state;
	free(v->changes);
}

/* u is offered to those who may change the record's kind. */
static bool history_offers(struct tui *t, void *state, enum action a)
{
	const struct history_view *v = state;
	return a != ACT_UNDO || (!session_read_only(t->s) && store_may_change(t->s, v->kind));
}

static const struct view_ops history_ops = {
	"history", history_load, history_key, history_draw, history_done, history_hints, NULL,
	SCOPE_HISTORY,
};

static const struct view_ops change_ops = {
	"change", history_load, history_key, history_draw, history_done, change_hints, NULL,
	SCOPE_GLOBAL,
};

void history_open(struct tui *t, const struct kind *k, int64_t id)
{
	if (id == 0) {
		tui_error(t, "nothing selected");
		return;
	}
	struct history_view *v = tui_alloc(sizeof *v);
	v->kind = k;
	v->record_id = id;
	v->changes = tui_alloc(sizeof *v->changes * HISTORY_PAGE);
	struct record r;
	record_init(&r, k);
	struct error err = {0};
	char buf[RECORD_TEXT_MAX];
	const char *key = "";
	if (k->key_count > 0 && store_load(t->s, &r, id, &err) == 0)
		key = record_text(&r, k->key_fields[0], t->cfg, buf, sizeof buf);
	snprintf(v->title, sizeof v->title, "History of %s %s (newest first)", k->label, key);
	record_clear(&r);
	tui_push_offering(t, &history_ops, v, history_offers);
}

void change_open(struct tui *t, int64_t audit_id)
{
	struct history_view *v = tui_alloc(sizeof *v);
	v->change_id = audit_id;
	v->changes = tui_alloc(sizeof *v->changes);
	snprintf(v->title, sizeof v->title, "One change, field by field");
	tui_push(t, &change_ops, v);
}
