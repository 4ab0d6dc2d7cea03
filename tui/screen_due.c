/* screen_due.c: the Due tab.
 *
 * What a caseworker must act on, soonest first (core/desk.h has the
 * rules): annual reviews due within 30 days or overdue, Section F
 * entries in force with no session for four weeks, then entries short
 * of their plan, most short first.  A login with a caseload sees theirs
 * first; m switches between "my caseload" and "everyone".  The list is
 * a window of one page: the page after (or before) is fetched as the
 * selection moves past either end, and only the places where the pages
 * start are kept, so "everyone" never holds every row.  Enter opens the
 * child's record on the entry the line is about. */
#include "tui/tui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/desk.h"
#include "tui/recordlist.h"
#include "tui/screens.h"

/* Rows a page holds: two tall screens. */
#define DUE_PAGE 100
/* The count stops here ("over 500 actions"): "everyone" may have many. */
#define DUE_COUNT_CAP 500

/* Where a page starts: the first page, or just after a row. */
struct page_start {
	bool first;
	struct desk_due_pos after;
};

struct due_view {
	bool mine;                     /* the login's caseload, not everyone */
	bool has_caseload;
	day_t today;
	struct desk_due_row rows[DUE_PAGE];
	int count;                     /* rows of the page held */
	int selected, top, height;
	struct page_start *starts;     /* starts[pages - 1] is the page held */
	int pages, capacity;
	int64_t total;                 /* rows in all, up to DUE_COUNT_CAP + 1; -1 unknown */
	bool total_at_least;           /* everyone's: there may be more than total */
	char error[ERROR_MSG_MAX];
};

static const char *who(const struct tui *t, const struct due_view *v)
{
	return v->mine ? t->s->login : NULL;
}

static int fetch_page(struct tui *t, struct due_view *v, const struct page_start *start)
{
	struct error err = {0};
	int n = 0;
	if (desk_due_page(t->s, who(t, v), v->today, start->first ? NULL : &start->after, DUE_PAGE,
	                  v->rows, &n, &err) != 0) {
		snprintf(v->error, sizeof v->error, "%s", err.msg);
		tui_error(t, "%s", err.msg);
		return -1;
	}
	v->count = n;
	return 0;
}

static void push_start(struct due_view *v, const struct page_start *start)
{
	if (v->pages == v->capacity) {
		v->capacity = v->capacity ? v->capacity * 2 : 8;
		v->starts = realloc(v->starts, (size_t)v->capacity * sizeof *v->starts);
		if (v->starts == NULL)
			tui_fatal(EX_OSERR, "out of memory");
	}
	v->starts[v->pages++] = *start;
}

/* Counts the rows page by page as far as the cap, into a scratch page:
 * a caseload's few pages.  Everyone's list reads every child for each
 * page, so it counts only the page it holds ("over 100"). */
static void count_rows(struct tui *t, struct due_view *v)
{
	if (!v->mine || v->count < DUE_PAGE) {
		v->total = v->count;
		v->total_at_least = v->count == DUE_PAGE;
		return;
	}
	v->total_at_least = false;
	struct desk_due_row *scratch = malloc(sizeof v->rows);
	if (scratch == NULL)
		tui_fatal(EX_OSERR, "out of memory");
	struct error err = {0};
	struct desk_due_pos after;
	int n = 0;
	v->total = 0;
	do {
		if (desk_due_page(t->s, who(t, v), v->today, v->total ? &after : NULL, DUE_PAGE, scratch, &n,
		                  &err) != 0) {
			v->total = -1;
			break;
		}
		v->total += n;
		if (n > 0)
			after = scratch[n - 1].pos;
	} while (n == DUE_PAGE && v->total <= DUE_COUNT_CAP);
	free(scratch);
}

static void first_page(struct tui *t, struct due_view *v)
{
	struct page_start start = {.first = true};
	v->pages = 0;
	v->error[0] = '\0';
	push_start(v, &start);
	v->selected = v->top = 0;
	if (fetch_page(t, v, &start) != 0)
		v->count = 0;
	count_rows(t, v);
}

static void due_load(struct tui *t, void *state)
{
	struct due_view *v = state;
	v->today = date_today();
	first_page(t, v);
}

/* ---- moving through the window ------------------------------------------------ */

static bool next_page(struct tui *t, struct due_view *v)
{
	if (v->count < DUE_PAGE)
		return false;
	struct page_start start = {.first = false, .after = v->rows[v->count - 1].pos};
	if (fetch_page(t, v, &start) != 0 || v->count == 0) {
		/* Nothing after all: the page stays as it was. */
		fetch_page(t, v, &v->starts[v->pages - 1]);
		return false;
	}
	push_start(v, &start);
	return true;
}

static bool previous_page(struct tui *t, struct due_view *v)
{
	if (v->pages <= 1)
		return false;
	v->pages--;
	return fetch_page(t, v, &v->starts[v->pages - 1]) == 0;
}

static void move_by(struct tui *t, struct due_view *v, int delta)
{
	int target = v->selected + delta;
	while (target >= v->count && v->count > 0) {
		int over = target - v->count;
		if (!next_page(t, v)) {
			target = v->count - 1;
			break;
		}
		target = over;
		v->top = 0;
	}
	while (target < 0) {
		int under = target;
		if (!previous_page(t, v)) {
			target = 0;
			break;
		}
		target = v->count + under;
		v->top = v->count - v->height > 0 ? v->count - v->height : 0;
	}
	v->selected = v->count > 0 ? target : 0;
}

static void to_end(struct tui *t, struct due_view *v)
{
	while (next_page(t, v))
		;
	v->selected = v->count > 0 ? v->count - 1 : 0;
	v->top = v->count - v->height > 0 ? v->count - v->height : 0;
}

/* ---- keys -------------------------------------------------------------------------- */

/* The section of the child's record that lists their therapy entries. */
static int entries_section(const struct record_screen *rs)
{
	for (int i = 0; i < rs->related_count; i++)
		if (rs->related[i].kind == KIND_THERAPY_ENTRIES)
			return i;
	return 0;
}

/* The child's record (the Children tab's), on the entry the action is
 * about; a review is about the child, so the first entry in force. */
static int open_selected(struct tui *t, struct due_view *v)
{
	if (v->count == 0) {
		tui_message(t, "nothing to open: no actions due");
		return VIEW_HANDLED;
	}
	const struct desk_due_row *r = &v->rows[v->selected];
	const struct record_screen *rs = child_record_screen();
	int64_t entry = r->entry_id;
	struct error err = {0};
	if (entry == 0 && desk_first_entry(t->s, r->child_id, v->today, &entry, &err) != 0)
		tui_error(t, "%s", err.msg);
	record_view_open_at(t, rs, r->child_id, NULL, entries_section(rs), entry);
	return VIEW_HANDLED;
}

static int toggle_caseload(struct tui *t, struct due_view *v)
{
	if (!v->mine && !v->has_caseload) {
		tui_message(t, "you have no caseload (no children are assigned to %s): showing everyone",
		            t->s->login);
		return VIEW_HANDLED;
	}
	v->mine = !v->mine;
	first_page(t, v);
	tui_message(t, "%s", v->mine ? "my caseload" : "everyone");
	return VIEW_HANDLED;
}

static int due_key(struct tui *t, void *state, enum action a, int key)
{
	(void)key;
	struct due_view *v = state;
	int page = v->height > 1 ? v->height - 1 : 1;
	switch (a) {
	case ACT_UP: move_by(t, v, -1); return VIEW_HANDLED;
	case ACT_DOWN: move_by(t, v, 1); return VIEW_HANDLED;
	case ACT_PAGE_UP: move_by(t, v, -page); return VIEW_HANDLED;
	case ACT_PAGE_DOWN: move_by(t, v, page); return VIEW_HANDLED;
	case ACT_HOME: first_page(t, v); return VIEW_HANDLED;
	case ACT_END: to_end(t, v); return VIEW_HANDLED;
	case ACT_OPEN: return open_selected(t, v);
	case ACT_CASELOAD: return toggle_caseload(t, v);
	default: return VIEW_IGNORED;
	}
}

/* ---- drawing ----------------------------------------------------------------------- */

enum { DUE_WIDTH = 18, CHILD_WIDTH = 26 };

static void due_cell(const struct due_view *v, const struct desk_due_row *r, char *buf, size_t len)
{
	char date[DATE_TEXT_MAX];
	date_format(r->due, date);
	if (r->due < v->today)
		snprintf(buf, len, "%s overdue", date);
	else if (r->due == v->today)
		snprintf(buf, len, "%s today", date);
	else
		snprintf(buf, len, "%s", date);
}

static void draw_row(struct tui *t, struct due_view *v, WINDOW *w, int y, int i)
{
	const struct desk_due_row *r = &v->rows[i];
	char due[32], child[DESK_REF_MAX + DESK_NAME_MAX + 2];
	bool selected = i == v->selected;
	attr_t attr = selected ? tui_attr(t, COLOUR_SELECTED)
	              : r->due < v->today ? tui_attr(t, COLOUR_WARN) : A_NORMAL;
	int width = getmaxx(w);
	due_cell(v, r, due, sizeof due);
	snprintf(child, sizeof child, "%s %s", r->child_ref, r->child_name);
	tui_put(w, y, 0, 2, selected ? "> " : "  ", attr);
	tui_put(w, y, 2, DUE_WIDTH + 1, due, attr);
	tui_put(w, y, 3 + DUE_WIDTH, CHILD_WIDTH + 1, child, attr);
	if (width > 4 + DUE_WIDTH + CHILD_WIDTH)
		tui_put(w, y, 4 + DUE_WIDTH + CHILD_WIDTH, width - 4 - DUE_WIDTH - CHILD_WIDTH, r->what, attr);
}

static void draw_heading(struct tui *t, struct due_view *v, WINDOW *w)
{
	char line[256], count[64];
	int width = getmaxx(w);
	if (v->total == 0)
		snprintf(count, sizeof count, "no actions due");
	else if (v->total_at_least)
		snprintf(count, sizeof count, "%lld actions or more", (long long)v->total);
	else if (v->total > DUE_COUNT_CAP)
		snprintf(count, sizeof count, "over %d actions", DUE_COUNT_CAP);
	else if (v->total > 0)
		snprintf(count, sizeof count, "%lld action%s", (long long)v->total, v->total == 1 ? "" : "s");
	else
		count[0] = '\0';
	snprintf(line, sizeof line, "Due: %s, soonest first (m: %s)   %s",
	         v->mine ? "my caseload" : "everyone", v->mine ? "everyone" : "my caseload", count);
	tui_put(w, 0, 1, width - 2, line, A_BOLD);
	tui_put(w, 1, 1, width - 2,
	        "Reviews due in 30 days; Section F with no session for 4 weeks; short of plan",
	        tui_attr(t, COLOUR_DIM));
}

static void due_draw(struct tui *t, void *state, WINDOW *w)
{
	struct due_view *v = state;
	int width = getmaxx(w), height = getmaxy(w);
	werase(w);
	draw_heading(t, v, w);
	tui_put(w, 2, 2, DUE_WIDTH + 1, "Due", A_BOLD);
	tui_put(w, 2, 3 + DUE_WIDTH, CHILD_WIDTH + 1, "Child", A_BOLD);
	if (width > 4 + DUE_WIDTH + CHILD_WIDTH)
		tui_put(w, 2, 4 + DUE_WIDTH + CHILD_WIDTH, width - 4 - DUE_WIDTH - CHILD_WIDTH, "What", A_BOLD);
	v->height = height - 3 > 1 ? height - 3 : 1;
	if (v->count == 0) {
		tui_put(w, 3, 2, width - 3,
		        v->error[0] ? v->error
		        : v->mine ? "(no actions due for your caseload: m shows everyone's)"
		                  : "(no actions due)",
		        A_NORMAL);
		return;
	}
	if (v->selected < v->top)
		v->top = v->selected;
	if (v->selected >= v->top + v->height)
		v->top = v->selected - v->height + 1;
	if (v->top < 0)
		v->top = 0;
	for (int i = v->top; i < v->count && i - v->top < v->height; i++)
		draw_row(t, v, w, 3 + i - v->top, i);
}

static bool due_cursor(struct tui *t, void *state, int *row, int *col)
{
	struct due_view *v = state;
	*row = 3 + v->selected - v->top;
	*col = 0;
	return t->plain && v->count > 0;
}

static void due_done(struct tui *t, void *state)
{
	(void)t;
	struct due_view *v = state;
	free(v->starts);
}

static const enum action due_hints[] = {ACT_OPEN, ACT_CASELOAD, ACT_HELP, ACT_BACK, ACT_NONE};

static const struct view_ops due_ops = {
	"due", due_load, due_key, due_draw, due_done, due_hints, due_cursor, SCOPE_DUE,
};

void due_open(struct tui *t)
{
	struct due_view *v = tui_alloc(sizeof *v);
	struct error err = {0};
	if (desk_has_caseload(t->s, t->s->login, &v->has_caseload, &err) != 0)
		v->has_caseload = false;
	v->mine = v->has_caseload;
	v->total = -1;
	tui_push(t, &due_ops, v);
}
