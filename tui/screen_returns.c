/* screen_returns.c: the Returns tab: providers' monthly returns.
 *
 * Each row is one provider's figures for one therapy and month:
 * referrals, those waiting for assessment and for intervention with how
 * many of them wait longer than the target, and the caseload.  A figure
 * the provider did not report is "n/a", never 0: 0 would say that nobody
 * waits.  The form for a month's return says so, and leaves an empty
 * cell empty.  Team leads and admins record returns; caseworkers may
 * look.
 *
 * w opens the waits of the selected row's provider and therapy over
 * time: month by month the share of those waiting longer than the
 * configured target, as a bar, with the months that miss the target
 * marked "missed" and the months with no return shown as gaps. */
#include "tui/tui.h"

#include <stdio.h>
#include <string.h>

#include "core/fields.h"
#include "core/list.h"
#include "core/store.h"
#include "core/wait_series.h"
#include "tui/chart.h"
#include "tui/form.h"
#include "tui/recordlist.h"
#include "tui/rowlist.h"
#include "tui/screens.h"


enum { COL_MONTH = 2, FIRST_COUNT_COL = 3 };

/* Provider, Therapy, Month, then the six counts: 77 columns. */
static const struct listview_column return_columns[] = {
	{"Provider", RETURN_PROVIDER, 8, false},
	{"Therapy", RETURN_THERAPY, 7, false},
	{"Month", RETURN_MONTH, 7, false},
	{"Referrals", RETURN_REFERRALS, 9, true},
	{"Assess", RETURN_WAIT_ASSESS, 8, true},
	{">12w", RETURN_WAIT_ASSESS_12W, 6, true},
	{"Interv", RETURN_WAIT_INTERV, 8, true},
	{">12w", RETURN_WAIT_INTERV_12W, 6, true},
	{"Caseload", RETURN_CASELOAD, 8, true},
};
#define RETURN_COLUMN_COUNT ((int)(sizeof return_columns / sizeof return_columns[0]))

static void format_return(struct tui *t, const struct record *r, struct listview_row *row, void *ctx)
{
	(void)ctx;
	for (int c = 0; c < RETURN_COLUMN_COUNT; c++) {
		int field = return_columns[c].field;
		char buf[RECORD_TEXT_MAX];
		const char *text = c >= FIRST_COUNT_COL && !r->values[field].set
		                   ? "n/a" : record_display(r, field, t->cfg, buf, sizeof buf);
		snprintf(row->cells[c], LISTVIEW_CELL_MAX, "%.*s", LISTVIEW_CELL_MAX - 1, text);
	}
}

/* Under the fields of a return: which figures were not reported (the
 * fields above leave them blank), and the target in words. */
static void return_detail(struct tui *t, const struct record *r, struct detail *d)
{
	char missing[256] = "";
	size_t used = 0;
	for (int c = FIRST_COUNT_COL; c < RETURN_COLUMN_COUNT; c++) {
		const struct field *f = &r->kind->fields[return_columns[c].field];
		if (!r->values[return_columns[c].field].set && used < sizeof missing)
			used += (size_t)snprintf(missing + used, sizeof missing - used, "%s%s",
			                         used ? ", " : "", f->label);
	}
	detail_add(d, "%s", "");
	detail_field(d, "Not reported", used ? missing : "none: every figure was reported");
	const struct value *a = &r->values[RETURN_WAIT_ASSESS_12W], *i = &r->values[RETURN_WAIT_INTERV_12W];
	char target[160];
	if ((a->set && a->n > 0) || (i->set && i->n > 0))
		snprintf(target, sizeof target, "missed: %lld wait over %d weeks",
		         (long long)((a->set ? a->n : 0) + (i->set ? i->n : 0)), t->cfg->wait_target_weeks);
	else if (a->set || i->set)
		snprintf(target, sizeof target, "met: nobody waits over %d weeks", t->cfg->wait_target_weeks);
	else
		snprintf(target, sizeof target, "not judged: the waits over %d weeks were not reported",
		         t->cfg->wait_target_weeks);
	detail_field(d, "Target", target);
}

/* ---- the form --------------------------------------------------------------- */

static int return_saved(struct tui *t, const struct record *saved, void *ctx)
{
	(void)t;
	(void)saved;
	(void)ctx;
	return VIEW_RELOAD;
}

static void open_return_form(struct tui *t, const struct record *r)
{
	struct form_options o = {
		.title = r->id ? "Edit provider return" : "Add a month's return",
		.hidden_field = -1,
		.saved = return_saved,
		.help = "A figure left empty was not reported: n/a, which is not 0.",
	};
	form_open_with(t, r, &o);
}

/* a and e: the form that says what an empty figure means. */
static int form_key(struct tui *t, const struct record *selected, enum action a)
{
	if (a != ACT_ADD && a != ACT_EDIT)
		return VIEW_IGNORED;
	if (!record_screen_may_change(t, kinds[KIND_RETURNS]))
		return VIEW_HANDLED;
	if (a == ACT_EDIT && selected == NULL) {
		tui_error(t, "nothing selected");
		return VIEW_HANDLED;
	}
	struct record r;
	record_init(&r, kinds[KIND_RETURNS]);
	open_return_form(t, a == ACT_EDIT ? selected : &r);
	record_clear(&r);
	return VIEW_HANDLED;
}

static int detail_key(struct tui *t, const struct record *r, enum action a)
{
	return a == ACT_EDIT ? form_key(t, r, a) : VIEW_IGNORED;
}

/* ---- the waits over time ------------------------------------------------------ */

#define HEAD_ROWS 3
#define TABLE_WIDTH 46   /* marker, month, waiting, over, share, verdict */

struct waits_view {
	int64_t provider_id;
	char provider[64], therapy[16];
	struct wait_series series;
	struct rowlist list;
	char problem[ERROR_MSG_MAX];
	struct chart_bar bars[WAIT_SERIES_MAX];
	int cursor_row;
};

static void waits_load(struct tui *t, void *state)
{
	struct waits_view *v = state;
	struct error err = {0};
	v->problem[0] = '\0';
	bool first = v->list.selected < 0;
	if (wait_series_load(t->s, v->provider_id, v->therapy, &v->series, &err) != 0) {
		snprintf(v->problem, sizeof v->problem, "%s", err.msg);
		v->series.count = 0;
	}
	rowlist_set_count(&v->list, v->series.count);
	if (first)
		rowlist_select(&v->list, v->series.count - 1);   /* the latest month */
}

static int waits_key(struct tui *t, void *state, enum action a, int key)
{
	struct waits_view *v = state;
	(void)t;
	(void)key;
	return rowlist_key(&v->list, a);
}

/* Assessment and intervention together, as the share counts them. */
static void waiting_texts(const struct wait_month *m, char *waiting, char *over, size_t len)
{
	bool any = m->assess.reported || m->interv.reported;
	bool any_over = m->assess_over.reported || m->interv_over.reported;
	if (any)
		snprintf(waiting, len, "%lld", (long long)(m->assess.n + m->interv.n));
	else
		snprintf(waiting, len, "n/a");
	if (any_over)
		snprintf(over, len, "%lld", (long long)(m->assess_over.n + m->interv_over.n));
	else
		snprintf(over, len, "n/a");
}

static void draw_month(struct tui *t, const struct waits_view *v, WINDOW *w, int y, int i)
{
	const struct wait_month *m = &v->series.months[i];
	char line[128], waiting[24], over[24], share[24] = "n/a";
	const char *verdict = m->returned ? wait_judgement_text(m->judged) : "no return";
	waiting_texts(m, waiting, over, sizeof waiting);
	if (m->has_share)
		snprintf(share, sizeof share, "%lld.%lld%%", (long long)(m->share_tenths / 10),
		         (long long)(m->share_tenths % 10));
	if (!m->returned)
		waiting[0] = over[0] = share[0] = '\0';
	bool selected = i == v->list.selected;
	snprintf(line, sizeof line, "%-2s%-7s %8s %6s %6s  %-12s", selected ? ">" : "", m->month,
	         waiting, over, share, verdict);
	attr_t attr = selected ? tui_attr(t, COLOUR_SELECTED)
	              : m->judged == WAIT_MISSED ? tui_attr(t, COLOUR_WARN)
	              : !m->returned ? tui_attr(t, COLOUR_DIM) : A_NORMAL;
	tui_put(w, y, 0, TABLE_WIDTH, line, attr);
}

static void draw_head(struct tui *t, const struct waits_view *v, WINDOW *w)
{
	int width = getmaxx(w);
	const struct therapy *th = config_find_therapy(t->cfg, v->therapy);
	char title[192], summary[192];
	snprintf(title, sizeof title, "Waits: %s, %s", v->provider, th ? th->name : v->therapy);
	tui_put(w, 0, 1, width - 1, title, A_BOLD);
	int gaps = 0, judged = 0;
	for (int i = 0; i < v->series.count; i++) {
		gaps += !v->series.months[i].returned;
		judged += v->series.months[i].judged != WAIT_NOT_JUDGED;
	}
	snprintf(summary, sizeof summary,
	         "Target: nobody over %d weeks.  Missed in %d of %d months; %d with no return.",
	         t->cfg->wait_target_weeks, v->series.missed, judged, gaps);
	tui_put(w, 1, 1, width - 1, summary, A_NORMAL);
	char cols[128];
	snprintf(cols, sizeof cols, "  %-7s %8s %6s %6s  %-12s Over %d weeks, of all waiting",
	         "Month", "Waiting", ">12w", "Share", "Target", t->cfg->wait_target_weeks);
	tui_put(w, HEAD_ROWS - 1, 0, width, cols, A_BOLD);
}

static void waits_draw(struct tui *t, void *state, WINDOW *w)
{
	struct waits_view *v = state;
	werase(w);
	draw_head(t, v, w);
	v->cursor_row = -1;
	if (v->series.count == 0) {
		tui_put(w, HEAD_ROWS + 1, 1, getmaxx(w) - 1,
		        v->problem[0] ? v->problem : "No returns for this provider and therapy.",
		        v->problem[0] ? tui_attr(t, COLOUR_WARN) : A_NORMAL);
		return;
	}
	int rows = getmaxy(w) - HEAD_ROWS;
	rowlist_show(&v->list, rows);
	/* Every month, so that the scale stays as the list scrolls.  No
	 * label: the month is the table's, on the same row. */
	for (int i = 0; i < v->series.count; i++) {
		const struct wait_month *m = &v->series.months[i];
		v->bars[i] = (struct chart_bar){"", m->share_tenths, !m->has_share};
	}
	for (int n = 0; n < v->list.height && v->list.top + n < v->series.count; n++) {
		int i = v->list.top + n;
		draw_month(t, v, w, HEAD_ROWS + n, i);
		if (i == v->list.selected)
			v->cursor_row = HEAD_ROWS + n;
	}
	int chart_width = getmaxx(w) - TABLE_WIDTH - 1;
	struct chart c = {NULL, v->bars, v->series.count, CHART_PERCENT, false, v->list.top,
	                  v->list.selected};
	if (chart_width > 8)
		chart_draw(t, &c, w, HEAD_ROWS, TABLE_WIDTH + 1, v->list.height, chart_width);
}

static bool waits_cursor(struct tui *t, void *state, int *row, int *col)
{
	struct waits_view *v = state;
	if (!t->plain || v->cursor_row < 0)
		return false;
	*row = v->cursor_row;
	*col = 0;
	return true;
}

static const enum action waits_hints[] = {ACT_HELP, ACT_BACK, ACT_NONE};

static const struct view_ops waits_ops = {
	"waits", waits_load, waits_key, waits_draw, NULL, waits_hints, waits_cursor, SCOPE_RETURNS,
};

static void waits_open(struct tui *t, const struct record *r)
{
	struct error err = {0};
	if (session_require(t->s, ROLE_TEAMLEAD, "see the waits", &err) != 0) {
		tui_error(t, "%s", err.msg);
		return;
	}
	/* A loaded record names its provider by code: the id is looked up. */
	struct record provider;
	record_init(&provider, kinds[KIND_PROVIDERS]);
	bool found = false;
	int rc = store_load_by_key(t->s, &provider, r->values[RETURN_PROVIDER].text, &found, &err);
	int64_t provider_id = provider.id;
	record_clear(&provider);
	if (rc != 0 || !found) {
		tui_error(t, "%s", rc ? err.msg : "the return's provider is gone");
		return;
	}
	struct waits_view *v = tui_alloc(sizeof *v);
	v->provider_id = provider_id;
	snprintf(v->provider, sizeof v->provider, "%s", r->values[RETURN_PROVIDER].text);
	snprintf(v->therapy, sizeof v->therapy, "%s", r->values[RETURN_THERAPY].text);
	rowlist_init(&v->list);
	tui_push(t, &waits_ops, v);
}

/* ---- the tab ------------------------------------------------------------------ */

static int list_key(struct tui *t, struct list_query *q, const struct record *selected, enum action a)
{
	(void)q;
	if (a != ACT_WAITS)
		return form_key(t, selected, a);
	if (selected == NULL)
		tui_error(t, "nothing selected");
	else
		waits_open(t, selected);
	return VIEW_HANDLED;
}

static const enum action list_hints[] = {
	ACT_OPEN, ACT_ADD, ACT_EDIT, ACT_WAITS, ACT_FILTER, ACT_SORT, ACT_EXPORT, ACT_HELP, ACT_BACK,
	ACT_NONE,
};

static const struct record_screen returns_screen = {
	"Provider returns: waiting for assessment, intervention; n/a: not reported", KIND_RETURNS,
	return_columns, RETURN_COLUMN_COUNT,
	COL_MONTH, format_return, return_detail, detail_key, NULL, list_key, NULL, list_hints, SCOPE_RETURNS,
	NULL, 0, NULL,
};

void returns_open(struct tui *t)
{
	record_screen_open(t, &returns_screen);
}

const struct record_screen *returns_record_screen(void)
{
	return &returns_screen;
}
