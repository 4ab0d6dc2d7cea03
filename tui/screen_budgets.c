/* screen_budgets.c: the Personal budgets tab.
 *
 * Money paid to a family for agreed provision over a period.  Team leads
 * and admins add, change and delete budgets (recordlist checks the role
 * and the write path the rest: the end after the start, the therapy
 * amount no more than the amount); caseworkers may look.  The list
 * narrows to an academic year (p: "2023/24"; a budget belongs to the year
 * its start falls in, as the figures count it), to the EOTAS budgets (E)
 * and to one child (F4, from a picker); the line under the title says
 * which, and Esc takes them off.  The form says which academic year the
 * dates fall in as they are typed.
 *
 * y opens the summary per academic year (`sendesk report pb-summary` as
 * a table, with bar charts of the amounts); Enter on a year lists the
 * budgets behind it, under a line adding them up again from the records,
 * so that a team lead sees the two agree. */
#include "tui/tui.h"

#include <stdio.h>
#include <string.h>

#include "core/fields.h"
#include "core/list.h"
#include "core/money.h"
#include "core/pb_year.h"
#include "core/report_format.h"
#include "core/report_pb.h"
#include "tui/chart.h"
#include "tui/dialog.h"
#include "tui/form.h"
#include "tui/picker.h"
#include "tui/recordlist.h"
#include "tui/report_table.h"
#include "tui/screens.h"


/* Ref, Child, Year, Amount, Therapy, Share, EOTAS, Purpose: the purpose
 * takes what the others leave (4 columns at 80, 24 at 100). */
enum { COL_YEAR = 2, COL_SHARE = 5 };

static const struct listview_column budget_columns[] = {
	{"Ref", PB_REF, 12, false},
	{"Child", PB_CHILD, 16, false},
	{"Year", PB_START, 7, false},
	{"Amount", PB_AMOUNT, 11, true},
	{"Therapy", PB_THERAPY_AMOUNT, 11, true},
	{"Share", -1, 5, true},
	{"EOTAS", PB_EOTAS, 5, false},
	{"Purpose", PB_PURPOSE, 0, false},
};
#define BUDGET_COLUMN_COUNT ((int)(sizeof budget_columns / sizeof budget_columns[0]))

/* ---- rows ----------------------------------------------------------------- */

/* "25%": the therapy amount's part of the amount, whole percent (the
 * summary has the tenths); blank without a therapy amount. */
static void share_cell(const struct record *r, char *buf, size_t len)
{
	const struct value *amount = &r->values[PB_AMOUNT], *therapy = &r->values[PB_THERAPY_AMOUNT];
	buf[0] = '\0';
	if (amount->set && therapy->set && amount->n > 0)
		snprintf(buf, len, "%lld%%", (long long)((therapy->n * 100 + amount->n / 2) / amount->n));
}

static void format_budget(struct tui *t, const struct record *r, struct listview_row *row, void *ctx)
{
	(void)ctx;
	for (int c = 0; c < BUDGET_COLUMN_COUNT; c++) {
		char buf[RECORD_TEXT_MAX] = "";
		const char *text = buf;
		if (c == COL_YEAR && r->values[PB_START].set) {
			struct period p;
			period_containing(PERIOD_ACADEMIC, t->cfg->academic_year_start_month,
			                  (day_t)r->values[PB_START].n, &p);
			snprintf(buf, sizeof buf, "%s", p.label);
		} else if (c == COL_SHARE) {
			share_cell(r, buf, sizeof buf);
		} else if (budget_columns[c].field == PB_CHILD) {
			child_ref_and_name(t, &r->values[PB_CHILD], buf, sizeof buf);
		} else if (c != COL_YEAR) {
			text = record_display(r, budget_columns[c].field, t->cfg, buf, sizeof buf);
		}
		snprintf(row->cells[c], LISTVIEW_CELL_MAX, "%.*s", LISTVIEW_CELL_MAX - 1, text);
	}
}

/* Under the fields of a budget's record: its year and its share. */
static void budget_detail(struct tui *t, const struct record *r, struct detail *d)
{
	char text[96] = "";
	if (r->values[PB_START].set) {
		struct period p;
		period_containing(PERIOD_ACADEMIC, t->cfg->academic_year_start_month,
		                  (day_t)r->values[PB_START].n, &p);
		snprintf(text, sizeof text, "%s (the year its start falls in)", p.label);
	}
	detail_add(d, "%s", "");
	detail_field(d, "Academic year", text);
	const struct value *amount = &r->values[PB_AMOUNT], *therapy = &r->values[PB_THERAPY_AMOUNT];
	if (amount->set && therapy->set && amount->n > 0) {
		int64_t tenths = (therapy->n * 1000 + amount->n / 2) / amount->n;
		snprintf(text, sizeof text, "%lld.%lld%% of the amount", (long long)(tenths / 10),
		         (long long)(tenths % 10));
	} else {
		snprintf(text, sizeof text, "none recorded");
	}
	detail_field(d, "Therapy share", text);
}

/* ---- the form --------------------------------------------------------------- */

/* Beside the therapy amount, as typed: its share of the amount, or that
 * it is more (which saving then refuses beside it). */
static void note_share(struct form_view *f)
{
	int64_t amount, therapy;
	char note[64] = "";
	if (money_parse(form_field_text(f, PB_AMOUNT), &amount, NULL) &&
	    money_parse(form_field_text(f, PB_THERAPY_AMOUNT), &therapy, NULL) && amount > 0) {
		if (therapy > amount) {
			snprintf(note, sizeof note, "more than the amount");
		} else {
			int64_t tenths = (therapy * 1000 + amount / 2) / amount;
			snprintf(note, sizeof note, "%lld.%lld%% of the amount", (long long)(tenths / 10),
			         (long long)(tenths % 10));
		}
	}
	form_set_note(f, PB_THERAPY_AMOUNT, note);
}

/* Beside the start: the academic year the dates fall in, as typed. */
static void budget_changed(struct tui *t, struct form_view *f, int field, void *ctx)
{
	(void)ctx;
	if (field == -1 || field == PB_AMOUNT || field == PB_THERAPY_AMOUNT)
		note_share(f);
	if (field != -1 && field != PB_START && field != PB_END)
		return;
	char years[96];
	pb_years_text(t->cfg, form_field_text(f, PB_START), form_field_text(f, PB_END), years,
	              sizeof years);
	form_set_note(f, PB_START, years);
}

static void open_budget_form(struct tui *t, const struct record *r, form_saved_fn saved)
{
	struct form_options o = {
		.title = r->id ? "Edit personal budget" : "Add personal budget",
		.hidden_field = -1,
		.saved = saved,
		.help = "Its academic year is its start's.  Therapy: the part of Amount for therapy.",
		.changed = budget_changed,
	};
	form_open_with(t, r, &o);
}

static int budget_saved(struct tui *t, const struct record *saved, void *ctx)
{
	(void)t;
	(void)saved;
	(void)ctx;
	return VIEW_RELOAD;
}

/* a and e open the form that names the academic year; VIEW_IGNORED for
 * other keys. */
static int form_key(struct tui *t, const struct record *selected, enum action a)
{
	if (a != ACT_ADD && a != ACT_EDIT)
		return VIEW_IGNORED;
	if (!record_screen_may_change(t, kinds[KIND_PERSONAL_BUDGETS]))
		return VIEW_HANDLED;
	if (a == ACT_EDIT && selected == NULL) {
		tui_error(t, "nothing selected");
		return VIEW_HANDLED;
	}
	struct record r;
	record_init(&r, kinds[KIND_PERSONAL_BUDGETS]);
	open_budget_form(t, a == ACT_EDIT ? selected : &r, budget_saved);
	record_clear(&r);
	return VIEW_HANDLED;
}

static int detail_key(struct tui *t, const struct record *r, enum action a)
{
	return a == ACT_EDIT ? form_key(t, r, a) : VIEW_IGNORED;
}

/* ---- filters ------------------------------------------------------------------ */

static void set_year(struct list_query *q, const struct period *p)
{
	/* The start alone, both ends: a budget is in the year it starts in. */
	q->range_start_field = q->range_end_field = PB_START;
	q->range_from = p->start;
	q->range_to = p->end;
}

static bool year_of(const struct tui *t, const struct list_query *q, struct period *p)
{
	if (q->range_start_field < 0)
		return false;
	period_containing(PERIOD_ACADEMIC, t->cfg->academic_year_start_month, q->range_from, p);
	return true;
}

static int year_entered(struct tui *t, const char *text, void *ctx)
{
	struct list_query *q = ctx;
	struct period p;
	enum period_kind kind;
	if (text[0] == '\0') {
		q->range_start_field = q->range_end_field = -1;
		tui_message(t, "all academic years");
		return VIEW_RELOAD;
	}
	if (!period_parse(t->cfg, text, &p, &kind) || kind != PERIOD_ACADEMIC) {
		tui_error(t, "\"%s\" is not an academic year: 2023/24", text);
		return -1;
	}
	set_year(q, &p);
	return VIEW_RELOAD;
}

static int ask_year(struct tui *t, struct list_query *q)
{
	struct period p;
	dialog_prompt(t, "Budgets of the academic year (2023/24; empty: all)",
	              year_of(t, q, &p) ? p.label : "", year_entered, q);
	return VIEW_HANDLED;
}

static int toggle_eotas(struct tui *t, struct list_query *q)
{
	if (list_match_drop(q, PB_EOTAS)) {
		tui_message(t, "EOTAS or not");
		return VIEW_RELOAD;
	}
	struct list_match *m = list_match_put(q, PB_EOTAS);
	if (m == NULL)
		return VIEW_HANDLED;
	snprintf(m->text, sizeof m->text, "1");   /* as stored: yes */
	tui_message(t, "only EOTAS budgets (E again: all)");
	return VIEW_RELOAD;
}

static int child_chosen(struct tui *t, const struct record *chosen, int step, void *ctx)
{
	(void)step;
	struct list_query *q = ctx;
	struct list_match *m = list_match_put(q, PB_CHILD);
	if (m == NULL)
		return VIEW_HANDLED;
	m->id = chosen->id;
	char ref[RECORD_TEXT_MAX];
	snprintf(m->text, sizeof m->text, "%s", record_text(chosen, CHILD_REF, t->cfg, ref, sizeof ref));
	tui_message(t, "only the budgets of %s", m->text);
	return VIEW_RELOAD;
}

static int clear_filters(struct tui *t, struct list_query *q, bool keep_year)
{
	if (q->match_count == 0 && (keep_year || q->range_start_field < 0))
		return VIEW_IGNORED;
	q->match_count = 0;
	if (!keep_year)
		q->range_start_field = q->range_end_field = -1;
	tui_message(t, "%s", keep_year ? "every child, EOTAS or not" : "filters off: all budgets");
	return VIEW_RELOAD;
}

static void budgets_summary_open(struct tui *t);

/* The keys both lists share; the tab's list adds p. */
static int filter_key(struct tui *t, struct list_query *q, const struct record *selected,
                      enum action a, bool year_fixed)
{
	switch (a) {
	case ACT_EOTAS:
		return toggle_eotas(t, q);
	case ACT_PICK_CHILD:
		picker_open(t, kinds[KIND_CHILDREN], "", child_chosen, q);
		return VIEW_HANDLED;
	case ACT_CANCEL:
		return clear_filters(t, q, year_fixed);
	case ACT_YEARS:
		budgets_summary_open(t);
		return VIEW_HANDLED;
	default:
		return form_key(t, selected, a);
	}
}

static int tab_key(struct tui *t, struct list_query *q, const struct record *selected, enum action a)
{
	return a == ACT_PERIOD ? ask_year(t, q) : filter_key(t, q, selected, a, false);
}

static int year_key(struct tui *t, struct list_query *q, const struct record *selected, enum action a)
{
	if (a == ACT_PERIOD) {
		tui_message(t, "these are the budgets of one year; q goes back to choose another");
		return VIEW_HANDLED;
	}
	return filter_key(t, q, selected, a, true);
}

static size_t add_part(char *buf, size_t len, size_t used, const char *text)
{
	if (used >= len)
		return used;
	int n = snprintf(buf + used, len - used, "%s%s", used ? "; " : "Only: ", text);
	return n < 0 ? used : used + (size_t)n;
}

static void describe_filters(struct tui *t, const struct list_query *q, bool with_year, char *buf,
                             size_t len)
{
	size_t used = 0;
	char part[96];
	struct period p;
	buf[0] = '\0';
	if (with_year && year_of(t, q, &p)) {
		snprintf(part, sizeof part, "academic year %s", p.label);
		used = add_part(buf, len, used, part);
	}
	if (list_match_find(q, PB_EOTAS))
		used = add_part(buf, len, used, "EOTAS");
	const struct list_match *m = list_match_find(q, PB_CHILD);
	if (m != NULL) {
		snprintf(part, sizeof part, "child %s", m->text);
		used = add_part(buf, len, used, part);
	}
	if (used > 0 && used < len)
		snprintf(buf + used, len - used, "   (Esc: off)");
}

static void tab_status(struct tui *t, const struct list_query *q, char *buf, size_t len)
{
	describe_filters(t, q, true, buf, len);
}

/* The year drilled into, with its budgets added up from the records:
 * the list holds one such year at a time.  The total is added up again
 * after the list fetched rows (a reload after any change, anyone's, or a
 * page further on), so it never stands beside rows newer than itself. */
static struct {
	struct period period;
	bool has_total, stale;
	struct pb_year total;
} behind;

static void format_year_row(struct tui *t, const struct record *r, struct listview_row *row,
                            void *ctx)
{
	format_budget(t, r, row, ctx);
	behind.stale = true;
}

static void refresh_total(struct tui *t)
{
	if (behind.has_total && !behind.stale)
		return;
	struct error err = {0};
	behind.has_total = pb_year_total(t->s, &behind.period, &behind.total, &err) == 0;
	behind.stale = false;
}

static void year_status(struct tui *t, const struct list_query *q, char *buf, size_t len)
{
	char filters[160], amount[MONEY_TEXT_MAX], therapy[MONEY_TEXT_MAX];
	describe_filters(t, q, false, filters, sizeof filters);
	refresh_total(t);
	if (!behind.has_total) {
		snprintf(buf, len, "%s", filters);
		return;
	}
	money_format(behind.total.amount_pence, amount);
	money_format(behind.total.therapy_pence, therapy);
	snprintf(buf, len, "Total %s: %lld budgets, %s, therapy %s%s%s", behind.period.label,
	         (long long)behind.total.budgets, amount, therapy, filters[0] ? "; " : "", filters);
}

static const enum action tab_hints[] = {
	ACT_OPEN, ACT_ADD, ACT_EDIT, ACT_FILTER, ACT_PERIOD, ACT_EOTAS, ACT_PICK_CHILD, ACT_YEARS,
	ACT_EXPORT, ACT_HELP, ACT_BACK, ACT_NONE,
};

static const enum action year_hints[] = {
	ACT_OPEN, ACT_EDIT, ACT_FILTER, ACT_EOTAS, ACT_PICK_CHILD, ACT_EXPORT, ACT_HELP, ACT_BACK,
	ACT_NONE,
};

static const struct record_screen budgets_screen = {
	"Personal budgets", KIND_PERSONAL_BUDGETS, budget_columns, BUDGET_COLUMN_COUNT, COL_YEAR,
	format_budget, budget_detail, detail_key, NULL, tab_key, tab_status, tab_hints, SCOPE_BUDGETS, NULL, 0,
	NULL,
};

static const struct record_screen year_screen = {
	"Personal budgets", KIND_PERSONAL_BUDGETS, budget_columns, BUDGET_COLUMN_COUNT, 0,
	format_year_row, budget_detail, detail_key, NULL, year_key, year_status, year_hints, SCOPE_BUDGETS, NULL,
	0, NULL,
};

void budgets_open(struct tui *t)
{
	record_screen_open(t, &budgets_screen);
}

/* The budgets starting in academic year p, under their total. */
static void budgets_in(struct tui *t, const struct period *p)
{
	struct list_query q;
	list_query_init(&q, kinds[KIND_PERSONAL_BUDGETS]);
	q.sort_field = PB_REF;
	set_year(&q, p);
	behind.period = *p;
	behind.has_total = false;   /* added up when first drawn */
	behind.stale = true;
	char title[64];
	snprintf(title, sizeof title, "Personal budgets starting in %s", p->label);
	record_screen_open_with(t, &year_screen, &q, title);
}

/* ---- the summary per academic year ------------------------------------------ */

/* More years than any authority has budgets for: a handful of numbers
 * each. */
#define SUMMARY_MAX_ROWS 200
#define HEAD_ROWS 2

struct summary_view {
	struct report_table table;
	struct report_table_row rows[SUMMARY_MAX_ROWS];
	int period_col, amount_col, therapy_col;
	char problem[ERROR_MSG_MAX];
	int cursor_row;
	struct chart_bar amount[SUMMARY_MAX_ROWS], therapy[SUMMARY_MAX_ROWS];
};

static const char *summary_label(const struct summary_view *v, int i)
{
	return v->rows[i].text[v->period_col];
}

static void summary_fail(struct summary_view *v, const char *why)
{
	snprintf(v->problem, sizeof v->problem, "%s", why);
	v->table.list.count = 0;
	rowlist_set_count(&v->table.list, 0);
}

static void summary_load(struct tui *t, void *state)
{
	struct summary_view *v = state;
	char label[PERIOD_LABEL_MAX] = "";
	int selected = v->table.list.selected;
	if (selected >= 0 && selected < v->table.list.count)
		snprintf(label, sizeof label, "%s", summary_label(v, selected));
	v->problem[0] = '\0';
	struct error err = {0};
	struct report_options opt = {.on = date_today(), .period = PERIOD_ACADEMIC};
	if (report_table_run(&v->table, t, &report_pb_summary, &opt, &err) != 0) {
		summary_fail(v, err.msg);
		return;
	}
	v->period_col = report_table_column(&v->table, "period");
	v->amount_col = report_table_column(&v->table, "amount");
	v->therapy_col = report_table_column(&v->table, "therapy_amount");
	if (v->period_col < 0 || v->amount_col < 0 || v->therapy_col < 0) {
		summary_fail(v, "the pb-summary report has changed its columns");
		return;
	}
	rowlist_set_count(&v->table.list, v->table.list.count);
	/* The same year as before when it is still there, else the latest. */
	int keep = v->table.list.count - 1;
	for (int i = 0; i < v->table.list.count && label[0]; i++)
		if (strcmp(summary_label(v, i), label) == 0)
			keep = i;
	rowlist_select(&v->table.list, keep);
}

static int write_csv(struct tui *t, void *ctx, FILE *out, long *rows, struct error *err)
{
	(void)ctx;
	struct report_options opt = {.on = date_today(), .period = PERIOD_ACADEMIC};
	return report_write_csv(t->s, &report_pb_summary, &opt, out, rows, err);
}

static int export_to(struct tui *t, const char *path, void *ctx)
{
	return dialog_export_csv(t, path, write_csv, ctx, "rows of academic years");
}

static int summary_key(struct tui *t, void *state, enum action a, int key)
{
	struct summary_view *v = state;
	if (v->table.list.count == 0)
		return VIEW_IGNORED;
	/* The arrows scroll a table wider than the screen: h and l are the
	 * Budgets keys' history and nothing here. */
	if (key == KEY_CODE_BASE + KEY_LEFT || key == KEY_CODE_BASE + KEY_RIGHT)
		return report_table_key(&v->table,
		                        key == KEY_CODE_BASE + KEY_LEFT ? ACT_LEFT : ACT_RIGHT);
	if (rowlist_key(&v->table.list, a) != VIEW_IGNORED)
		return VIEW_HANDLED;
	struct period p;
	const char *label = summary_label(v, v->table.list.selected);
	switch (a) {
	case ACT_OPEN:
		if (period_parse(t->cfg, label, &p, NULL))
			budgets_in(t, &p);
		else
			tui_error(t, "\"%s\" is not an academic year", label);
		return VIEW_HANDLED;
	case ACT_EXPORT:
		dialog_export_prompt(t, "Export the budgets per year to the CSV file", "pb-summary.csv",
		                     export_to, v);
		return VIEW_HANDLED;
	default:
		return VIEW_IGNORED;
	}
}

/* The first bar so that the selected year is among those that fit. */
static int chart_first(const struct summary_view *v, int bars)
{
	const struct rowlist *l = &v->table.list;
	int first = l->top;
	if (l->selected >= first + bars)
		first = l->selected - bars + 1;
	return first < 0 ? 0 : first;
}

static void draw_charts(struct tui *t, struct summary_view *v, WINDOW *w, int y, int height)
{
	int count = v->table.list.count, width = getmaxx(w) - 2;
	for (int i = 0; i < count; i++) {
		const struct report_table_row *r = &v->rows[i];
		v->amount[i] = (struct chart_bar){summary_label(v, i), r->cell[v->amount_col].n, false};
		v->therapy[i] = (struct chart_bar){summary_label(v, i), r->cell[v->therapy_col].n, false};
	}
	int half = (width - 2) / 2, first = chart_first(v, height - 1);
	struct chart amount = {"Amount per academic year", v->amount, count, CHART_MONEY, false, first,
	                       v->table.list.selected};
	struct chart therapy = {"Therapy amount per academic year", v->therapy, count, CHART_MONEY,
	                        false, first, v->table.list.selected};
	chart_draw(t, &amount, w, y, 1, height, half);
	chart_draw(t, &therapy, w, y, 1 + half + 2, height, width - half - 2);
}

static int draw_table(struct tui *t, struct summary_view *v, WINDOW *w, int y, int rows);

static void summary_draw(struct tui *t, void *state, WINDOW *w)
{
	struct summary_view *v = state;
	int width = getmaxx(w);
	werase(w);
	tui_put(w, 0, 1, width - 1, "Personal budgets per academic year", A_BOLD);
	tui_put(w, 1, 1, width - 1,
	        "A budget counts in the year its start falls in; Share: therapy of the amount.",
	        tui_attr(t, COLOUR_DIM));
	v->cursor_row = -1;
	if (v->table.list.count == 0) {
		tui_put(w, HEAD_ROWS + 1, 1, width - 1,
		        v->problem[0] ? v->problem : "No personal budgets yet: a on the list adds one.",
		        v->problem[0] ? tui_attr(t, COLOUR_WARN) : A_NORMAL);
		return;
	}
	int y = HEAD_ROWS + 1, height = getmaxy(w) - y;
	int table_rows = v->table.list.count + 1;
	if (table_rows > (height - 1) / 2)
		table_rows = (height - 1) / 2 > 2 ? (height - 1) / 2 : 2;
	v->cursor_row = draw_table(t, v, w, y, table_rows);
	int charts_y = y + table_rows + 1;
	if (getmaxy(w) - charts_y >= 2)
		draw_charts(t, v, w, charts_y, getmaxy(w) - charts_y);
}

/* The table (its right end cut at the window's edge, marked); the
 * screen row of the selected year, or -1. */
static int draw_table(struct tui *t, struct summary_view *v, WINDOW *w, int y, int rows)
{
	int cursor = report_table_draw(t, &v->table, w, y, 0, rows);
	report_table_draw_position(&v->table, w, 0, "Left", "Right");
	return cursor;
}

static bool summary_cursor(struct tui *t, void *state, int *row, int *col)
{
	struct summary_view *v = state;
	if (!t->plain || v->cursor_row < 0)
		return false;
	*row = v->cursor_row;
	*col = 0;
	return true;
}

static const enum action summary_hints[] = {ACT_OPEN, ACT_EXPORT, ACT_HELP, ACT_BACK, ACT_NONE};

static const struct view_ops summary_ops = {
	"budget-years", summary_load, summary_key, summary_draw, NULL, summary_hints, summary_cursor,
	SCOPE_BUDGETS,
};

static void budgets_summary_open(struct tui *t)
{
	struct error err = {0};
	if (session_require(t->s, ROLE_TEAMLEAD, "see the budgets per year", &err) != 0) {
		tui_error(t, "%s", err.msg);
		return;
	}
	struct summary_view *v = tui_alloc(sizeof *v);
	report_table_init(&v->table, v->rows, SUMMARY_MAX_ROWS);
	tui_push(t, &summary_ops, v);
}
