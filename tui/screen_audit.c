/* screen_audit.c: the Audit tab (team leads and admins): every change,
 * newest first.
 *
 * One line a change: when, who, what, which record, and the fields it
 * touched; Enter shows the change field by field, before -> after.  w
 * narrows to one login, K to one kind of record, r to a day, month, year
 * or range of dates; Esc clears them.  The list holds one page of
 * changes; moving past either end fetches the page beyond (core's
 * history_page), so a trail of millions costs what a page costs. */
#include "tui/tui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/day_range.h"
#include "core/history.h"
#include "tui/dialog.h"
#include "tui/screens.h"

/* Changes a page holds: two tall screens. */
#define AUDIT_PAGE 60

struct audit_view {
	struct history_query q;
	struct history_change *rows;   /* AUDIT_PAGE, newest first */
	int count;
	bool older, newer;             /* there are changes beyond the page */
	int selected, top, height;
	char error[ERROR_MSG_MAX];
};

static const enum action audit_hints[] = {
	ACT_OPEN, ACT_AUDIT_LOGIN, ACT_AUDIT_KIND, ACT_AUDIT_DAYS, ACT_BACK, ACT_HELP, ACT_NONE,
};

/* The page below edge (0: the newest), or with newer the page above it
 * (edge 0: the oldest), kept newest first. */
static int fetch(struct tui *t, struct audit_view *v, int64_t edge, bool newer)
{
	struct error err = {0};
	int count = 0;
	bool more = false;
	int rc = history_page_rows(t->s, &v->q, edge, newer, v->rows, AUDIT_PAGE, &count, &more, &err);
	if (rc != 0) {
		v->count = 0;
		v->selected = -1;
		snprintf(v->error, sizeof v->error, "%s", err.msg);
		return -1;
	}
	v->error[0] = '\0';
	v->count = count;
	for (int i = 0; i < count; i++)
		change_name_record(t, &v->rows[i]);
	if (newer) {
		v->newer = more;
		v->older = edge != 0;
	} else {
		v->older = more;
		v->newer = edge != 0;
	}
	return 0;
}

static void audit_load(struct tui *t, void *state)
{
	struct audit_view *v = state;
	/* From the newest again: a reload follows a change, which is newest. */
	fetch(t, v, 0, false);
	v->selected = v->count > 0 ? 0 : -1;
	v->top = 0;
}

static void describe_filters(const struct audit_view *v, char *buf, size_t len)
{
	size_t used = 0;
	buf[0] = '\0';
	if (v->q.login[0])
		used += (size_t)snprintf(buf + used, len - used, "login %s", v->q.login);
	if (v->q.kind && used < len)
		used += (size_t)snprintf(buf + used, len - used, "%skind %s", used ? ", " : "", v->q.kind->name);
	if (v->q.from_day[0] && used < len) {
		if (strcmp(v->q.from_day, v->q.to_day) == 0)
			snprintf(buf + used, len - used, "%son %s", used ? ", " : "", v->q.from_day);
		else
			snprintf(buf + used, len - used, "%sfrom %s to %s", used ? ", " : "", v->q.from_day,
			         v->q.to_day);
	}
}

/* "2026-12-05 12:50  admin  changed contract C-1: Annual value, Title" */
static void row_text(const struct history_change *c, char *buf, size_t len)
{
	int n = snprintf(buf, len, "%.10s %.5s  %-12s %-7s %s %s", c->at,
	                 strlen(c->at) > 11 ? c->at + 11 : "", c->login, history_action_word(c->action),
	                 c->kind ? c->kind->label : c->kind_name, c->record);
	if (c->action != HISTORY_CHANGED || c->kind == NULL)
		return;
	for (int i = 0; i < c->field_count && n > 0 && (size_t)n < len; i++)
		n += snprintf(buf + n, len - (size_t)n, "%s%s", i ? ", " : ": ",
		              c->kind->fields[c->fields[i].field].label);
}

static void audit_draw(struct tui *t, void *state, WINDOW *w)
{
	struct audit_view *v = state;
	werase(w);
	int width = getmaxx(w) - 2;
	tui_put(w, 0, 1, width, "Audit: every change, newest first", A_BOLD);
	char filters[256];
	describe_filters(v, filters, sizeof filters);
	int y = 1;
	if (filters[0]) {
		char line[300];
		snprintf(line, sizeof line, "Only: %s (Esc: all)", filters);
		tui_put(w, y++, 1, width, line, tui_attr(t, COLOUR_WARN));
	}
	if (v->error[0]) {
		tui_put(w, y + 1, 1, width, v->error, tui_attr(t, COLOUR_ERROR));
		return;
	}
	if (v->count == 0) {
		tui_put(w, y + 1, 1, width, "No changes.", A_NORMAL);
		return;
	}
	v->height = getmaxy(w) - y - 1;
	if (v->height < 1)
		v->height = 1;
	if (v->selected < v->top)
		v->top = v->selected;
	if (v->selected >= v->top + v->height)
		v->top = v->selected - v->height + 1;
	for (int i = v->top; i < v->count && i < v->top + v->height; i++) {
		char line[TUI_LINE_MAX];
		line[0] = i == v->selected ? '>' : ' ';
		line[1] = ' ';
		row_text(&v->rows[i], line + 2, sizeof line - 2);
		tui_put_cut(w, y + i - v->top, 1, width, line,
		            i == v->selected ? tui_attr(t, COLOUR_SELECTED) | A_REVERSE : A_NORMAL);
	}
	char foot[96];
	snprintf(foot, sizeof foot, "%s%d changes shown%s", v->newer ? "newer above; " : "", v->count,
	         v->older ? "; older below" : "");
	tui_put(w, getmaxy(w) - 1, 1, width, foot, tui_attr(t, COLOUR_DIM));
}

static bool audit_cursor(struct tui *t, void *state, int *row, int *col)
{
	struct audit_view *v = state;
	if (!t->plain || v->selected < 0)
		return false;
	char filters[256];
	describe_filters(v, filters, sizeof filters);
	*row = (filters[0] ? 2 : 1) + v->selected - v->top;
	*col = 1;   /* on the row's ">" */
	return true;
}

/* Moves the selection; past either end of the page, the page beyond. */
static int move_selection(struct tui *t, struct audit_view *v, enum action a)
{
	int page = v->height > 1 ? v->height - 1 : 1;
	int to = v->selected;
	switch (a) {
	case ACT_UP: to--; break;
	case ACT_DOWN: to++; break;
	case ACT_PAGE_UP: to -= page; break;
	case ACT_PAGE_DOWN: to += page; break;
	case ACT_HOME:
		audit_load(t, v);
		return VIEW_HANDLED;
	case ACT_END:
		if (fetch(t, v, 0, true) == 0)
			v->selected = v->count - 1;
		return VIEW_HANDLED;
	default: return VIEW_IGNORED;
	}
	if (v->count == 0)
		return VIEW_HANDLED;
	if (to >= v->count && v->older) {
		if (fetch(t, v, v->rows[v->count - 1].id, false) == 0)
			v->selected = v->top = 0;
		return VIEW_HANDLED;
	}
	if (to < 0 && v->newer) {
		if (fetch(t, v, v->rows[0].id, true) == 0)
			v->selected = v->top = v->count - 1;
		return VIEW_HANDLED;
	}
	v->selected = to < 0 ? 0 : to >= v->count ? v->count - 1 : to;
	return VIEW_HANDLED;
}

static int login_entered(struct tui *t, const char *text, void *ctx)
{
	(void)t;
	struct audit_view *v = ctx;
	snprintf(v->q.login, sizeof v->q.login, "%s", text + strspn(text, " "));
	return VIEW_RELOAD;
}

/* A kind as people name it: "contracts", "contract" or "contract value". */
static const struct kind *kind_named(const char *text)
{
	for (int k = 0; k < KIND_COUNT; k++)
		if (strcasecmp(kinds[k]->name, text) == 0 || strcasecmp(kinds[k]->label, text) == 0)
			return kinds[k];
	return NULL;
}

static int kind_entered(struct tui *t, const char *text, void *ctx)
{
	struct audit_view *v = ctx;
	text += strspn(text, " ");
	if (text[0] == '\0') {
		v->q.kind = NULL;
		return VIEW_RELOAD;
	}
	const struct kind *k = kind_named(text);
	if (k == NULL) {
		char names[512];
		size_t used = 0;
		for (int i = 0; i < KIND_COUNT && used < sizeof names; i++)
			used += (size_t)snprintf(names + used, sizeof names - used, "%s%s", i ? ", " : "",
			                         kinds[i]->name);
		tui_error(t, "no kind '%s': one of %s", text, names);
		return -1;
	}
	v->q.kind = k;
	return VIEW_RELOAD;
}

static int days_entered(struct tui *t, const char *text, void *ctx)
{
	struct audit_view *v = ctx;
	if (strspn(text, " ") == strlen(text)) {
		v->q.from_day[0] = v->q.to_day[0] = '\0';
		return VIEW_RELOAD;
	}
	day_t from, to;
	char why[DAY_RANGE_MESSAGE_MAX];
	if (!day_range_parse(text, &from, &to, why, sizeof why)) {
		tui_error(t, "%s", why);
		return -1;
	}
	char iso[DATE_TEXT_MAX];
	date_format(from, iso);
	snprintf(v->q.from_day, sizeof v->q.from_day, "%s", iso);
	date_format(to, iso);
	snprintf(v->q.to_day, sizeof v->q.to_day, "%s", iso);
	return VIEW_RELOAD;
}

static int clear_filters(struct audit_view *v)
{
	if (!v->q.login[0] && !v->q.kind && !v->q.from_day[0])
		return VIEW_IGNORED;
	v->q = (struct history_query){.kind = NULL};
	return VIEW_RELOAD;
}

static int audit_key(struct tui *t, void *state, enum action a, int key)
{
	(void)key;
	struct audit_view *v = state;
	int flags = move_selection(t, v, a);
	if (flags != VIEW_IGNORED)
		return flags;
	switch (a) {
	case ACT_OPEN:
		if (v->selected >= 0 && v->selected < v->count)
			change_open(t, v->rows[v->selected].id);
		return VIEW_HANDLED;
	case ACT_AUDIT_LOGIN:
		dialog_prompt(t, "Changes by login (empty: everyone)", v->q.login, login_entered, v);
		return VIEW_HANDLED;
	case ACT_AUDIT_KIND:
		dialog_prompt(t, "Changes of kind (contracts, children, users...; empty: every kind)",
		              v->q.kind ? v->q.kind->name : "", kind_entered, v);
		return VIEW_HANDLED;
	case ACT_AUDIT_DAYS: {
		char current[48] = "";
		if (v->q.from_day[0])
			snprintf(current, sizeof current, "%s..%s", v->q.from_day, v->q.to_day);
		dialog_prompt(t, "Changes in (2026-11, 2026, 2026-09-01..2026-11-30; empty: all)", current,
		              days_entered, v);
		return VIEW_HANDLED;
	}
	case ACT_CANCEL:
		return clear_filters(v);
	default:
		return VIEW_IGNORED;
	}
}

static void audit_done(struct tui *t, void *state)
{
	(void)t;
	struct audit_view *v = state;
	free(v->rows);
}

static const struct view_ops audit_ops = {
	"audit", audit_load, audit_key, audit_draw, audit_done, audit_hints, audit_cursor, SCOPE_AUDIT,
};

void audit_open(struct tui *t)
{
	struct audit_view *v = tui_alloc(sizeof *v);
	v->rows = tui_alloc(sizeof *v->rows * AUDIT_PAGE);
	v->selected = -1;
	v->height = 1;
	tui_push(t, &audit_ops, v);
}
