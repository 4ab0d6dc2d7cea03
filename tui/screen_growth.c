/* screen_growth.c: the Growth tab: how fast spot-purchased therapy grows.
 *
 * Per period (financial years first; p goes round academic and calendar
 * years) a table of the children receiving spot-purchased therapy, the
 * new ones, the ended ones, the spend and its change on the period
 * before, exactly as core's spot_growth() works them out from the
 * records; beside it (below it on a narrow terminal) bar charts of the
 * spend and of the children.  Enter lists the purchases behind the
 * selected period, so that a team lead can check any figure; x writes
 * the table as CSV.  Team leads and admins only, as the report is. */
#include "tui/tui.h"

#include <stdio.h>
#include <string.h>

#include "core/report_format.h"
#include "core/report_spot_growth.h"
#include "tui/chart.h"
#include "tui/dialog.h"
#include "tui/report_table.h"
#include "tui/screens.h"


/* Far more years than any authority has records for; the figures are
 * one row per year, so holding them is holding a handful of numbers. */
#define GROWTH_MAX_ROWS 200
#define HEAD_ROWS 3           /* title, two lines on what the figures mean */
#define CHART_MIN_WIDTH 36    /* narrower than this, the charts go below */

struct growth_view {
	enum period_kind kind;
	struct report_table table;    /* the report, as `sendesk report spot-growth` runs it */
	struct report_table_row rows[GROWTH_MAX_ROWS];
	int period_col, children_col, spend_col;   /* in the report's columns */
	char problem[ERROR_MSG_MAX];  /* why there are no figures, or "" */
	int cursor_row;
	struct chart_bar spend[GROWTH_MAX_ROWS], children[GROWTH_MAX_ROWS];
};

/* The report's options for the tab: the kind's years, open-ended
 * purchases up to today, as the command runs it by default. */
static struct report_options options(enum period_kind kind)
{
	return (struct report_options){.on = date_today(), .period = kind};
}

/* The month the kind's years start in, for people. */
static const char *first_month(const struct tui *t, enum period_kind kind)
{
	return period_month_name(period_start_month(t->cfg, kind));
}

static const char *row_label(const struct growth_view *v, int i)
{
	return v->rows[i].text[v->period_col];
}

/* ---- the figures ------------------------------------------------------------ */

/* The same period as before a reload when it is still there, else the
 * latest: the year a team lead most often looks at. */
static void keep_selection(struct growth_view *v, const char *label)
{
	int selected = v->table.list.count - 1;
	for (int i = 0; i < v->table.list.count && label[0]; i++)
		if (strcmp(row_label(v, i), label) == 0)
			selected = i;
	rowlist_select(&v->table.list, selected);
}

static void growth_load(struct tui *t, void *state)
{
	struct growth_view *v = state;
	char label[PERIOD_LABEL_MAX] = "";
	int selected = v->table.list.selected;
	if (selected >= 0 && selected < v->table.list.count)
		snprintf(label, sizeof label, "%s", row_label(v, selected));
	v->problem[0] = '\0';
	struct error err = {0};
	struct report_options opt = options(v->kind);
	if (session_require(t->s, ROLE_TEAMLEAD, "see the growth review", &err) != 0 ||
	    report_table_run(&v->table, t, &report_spot_growth, &opt, &err) != 0) {
		snprintf(v->problem, sizeof v->problem, "%s", err.msg);
		v->table.list.count = 0;
		rowlist_set_count(&v->table.list, 0);
		return;
	}
	v->period_col = report_table_column(&v->table, "period");
	v->children_col = report_table_column(&v->table, "children");
	v->spend_col = report_table_column(&v->table, "spend");
	if (v->period_col < 0 || v->children_col < 0 || v->spend_col < 0) {
		snprintf(v->problem, sizeof v->problem, "the growth report has changed its columns");
		v->table.list.count = 0;
	}
	rowlist_set_count(&v->table.list, v->table.list.count);
	keep_selection(v, label);
}

/* ---- export --------------------------------------------------------------- */

/* The report as `sendesk report spot-growth --format csv` writes it,
 * worked out again as it is written (so the file is the figures of the
 * moment it was written, like any export). */
static int write_csv(struct tui *t, void *ctx, FILE *out, long *rows, struct error *err)
{
	struct growth_view *v = ctx;
	struct report_options opt = options(v->kind);
	return report_write_csv(t->s, &report_spot_growth, &opt, out, rows, err);
}

static int export_to(struct tui *t, const char *path, void *ctx)
{
	struct growth_view *v = ctx;
	char what[64];
	snprintf(what, sizeof what, "rows of %s years", period_kind_name(v->kind));
	return dialog_export_csv(t, path, write_csv, v, what);
}

/* ---- keys ------------------------------------------------------------------ */

static int next_kind(struct tui *t, struct growth_view *v)
{
	v->kind = (enum period_kind)((v->kind + 1) % 3);
	v->table.list.selected = -1;    /* the latest period of the new kind */
	v->table.list.top = 0;
	tui_message(t, "%s years, from %s (p: %s years)", period_kind_name(v->kind),
	            first_month(t, v->kind), period_kind_name((enum period_kind)((v->kind + 1) % 3)));
	growth_load(t, v);
	return VIEW_HANDLED;
}

/* The purchases behind the selected period's figures. */
static int open_period(struct tui *t, struct growth_view *v)
{
	struct period p;
	if (!period_parse(t->cfg, row_label(v, v->table.list.selected), &p, NULL)) {
		tui_error(t, "\"%s\" is not a period", row_label(v, v->table.list.selected));
		return VIEW_HANDLED;
	}
	/* The period's spend as the table shows it, not worked out again. */
	const struct cell *spend = &v->rows[v->table.list.selected].cell[v->spend_col];
	spot_purchases_in(t, &p, options(v->kind).on, spend->n);
	return VIEW_HANDLED;
}

static int growth_key(struct tui *t, void *state, enum action a, int key)
{
	struct growth_view *v = state;
	(void)key;
	if (a == ACT_PERIOD)
		return next_kind(t, v);
	if (v->table.list.count == 0)
		return VIEW_IGNORED;
	if (rowlist_key(&v->table.list, a) != VIEW_IGNORED)
		return VIEW_HANDLED;
	switch (a) {
	case ACT_OPEN:
		return open_period(t, v);
	case ACT_EXPORT: {
		char path[64];
		snprintf(path, sizeof path, "spot-growth-%s.csv", period_kind_name(v->kind));
		dialog_export_prompt(t, "Export the growth table to the CSV file", path, export_to, v);
		return VIEW_HANDLED;
	}
	default:
		return VIEW_IGNORED;
	}
}

/* ---- drawing ---------------------------------------------------------------- */

static void draw_head(struct tui *t, const struct growth_view *v, WINDOW *w)
{
	int width = getmaxx(w);
	char title[160];
	snprintf(title, sizeof title, "Growth of spot-purchased therapy, %s years (from %s)",
	         period_kind_name(v->kind), first_month(t, v->kind));
	tui_put(w, 0, 1, width - 1, title, A_BOLD);
	tui_put(w, 1, 1, width - 1,
	        width >= 100 ? "Spend split by days across years (open-ended purchases up to today); "
	                       "% change on the year before."
	                     : "Spend split by days across years; % change on the year before.",
	        A_NORMAL);
	tui_put(w, 2, 1, width - 1,
	        width >= 100 ? "Children: with a purchase in the year; new: their first began in it; "
	                       "ended: their last ended in it."
	                     : "Children: any purchase in it; new: first began in it; ended: last ended in it",
	        tui_attr(t, COLOUR_DIM));
}

static void draw_table(struct tui *t, struct growth_view *v, WINDOW *w, int y, int rows)
{
	v->cursor_row = report_table_draw(t, &v->table, w, y, 0, rows);
	if (v->table.truncated)
		tui_put(w, y + rows, 0, report_table_width(&v->table),
		        "  (more periods than shown: export for all)", tui_attr(t, COLOUR_DIM));
}

/* The first bar so that the selected period is among the rows that fit. */
static int chart_first(const struct growth_view *v, int bars)
{
	const struct rowlist *l = &v->table.list;
	int first = l->top;
	if (l->selected >= first + bars)
		first = l->selected - bars + 1;
	return first < 0 ? 0 : first;
}

static void draw_charts(struct tui *t, struct growth_view *v, WINDOW *w, int y, int x, int height,
                        int width, bool side_by_side)
{
	const char *kind = period_kind_name(v->kind);
	int count = v->table.list.count, selected = v->table.list.selected;
	char spend_title[64], children_title[64];
	snprintf(spend_title, sizeof spend_title, "Spend per %s year", kind);
	snprintf(children_title, sizeof children_title, "Children receiving per %s year", kind);
	for (int i = 0; i < count; i++) {
		const struct report_table_row *r = &v->rows[i];
		v->spend[i] = (struct chart_bar){row_label(v, i), r->cell[v->spend_col].n, false};
		v->children[i] = (struct chart_bar){row_label(v, i), r->cell[v->children_col].n, false};
	}
	/* Stacked, each chart takes the rows its bars need and a blank
	 * line, or half the room when that is less. */
	int h1 = side_by_side ? height : (height + 1) / 2, h2 = side_by_side ? height : height - h1;
	if (!side_by_side && 2 * (count + 2) <= height) {
		h1 = count + 2;
		h2 = height - h1;
	}
	int w1 = side_by_side ? (width - 2) / 2 : width, w2 = side_by_side ? width - w1 - 2 : width;
	struct chart spend = {spend_title, v->spend, count, CHART_MONEY, false,
	                      chart_first(v, h1 - 1), selected};
	struct chart children = {children_title, v->children, count, CHART_COUNT, false,
	                         chart_first(v, h2 - 1), selected};
	chart_draw(t, &spend, w, y, x, h1, w1);
	if (side_by_side)
		chart_draw(t, &children, w, y, x + w1 + 2, h2, w2);
	else
		chart_draw(t, &children, w, y + h1, x, h2, w2);
}

static void draw_empty(struct tui *t, const struct growth_view *v, WINDOW *w)
{
	if (v->problem[0]) {
		tui_put(w, HEAD_ROWS + 1, 1, getmaxx(w) - 1, v->problem, tui_attr(t, COLOUR_WARN));
		return;
	}
	tui_put(w, HEAD_ROWS + 1, 1, getmaxx(w) - 1,
	        "No spot purchases yet: tab 4 (Spot purchases) adds them.", A_NORMAL);
}

static void growth_draw(struct tui *t, void *state, WINDOW *w)
{
	struct growth_view *v = state;
	werase(w);
	draw_head(t, v, w);
	v->cursor_row = -1;
	if (v->table.list.count == 0) {
		draw_empty(t, v, w);
		return;
	}
	int height = getmaxy(w) - HEAD_ROWS - 1, width = getmaxx(w);
	int y = HEAD_ROWS + 1, table_width = report_table_width(&v->table);
	int truncated = v->table.truncated ? 1 : 0;
	if (width - table_width - 3 >= CHART_MIN_WIDTH) {
		/* Beside: the table as long as the screen, the charts stacked. */
		draw_table(t, v, w, y, height - truncated);
		draw_charts(t, v, w, y, table_width + 3, height, width - table_width - 4, false);
		return;
	}
	/* Below: the table and the charts share the rows; the charts sit
	 * side by side under the table. */
	int wanted = v->table.list.count + 1;
	int table_rows = (height - 1) / 2 > 2 ? (height - 1) / 2 : 2;
	if (wanted < table_rows)
		table_rows = wanted;
	draw_table(t, v, w, y, table_rows);
	int charts_y = y + table_rows + 1 + truncated;
	draw_charts(t, v, w, charts_y, 1, getmaxy(w) - charts_y, width - 2, true);
}

static bool growth_cursor(struct tui *t, void *state, int *row, int *col)
{
	struct growth_view *v = state;
	if (!t->plain || v->cursor_row < 0)
		return false;
	*row = v->cursor_row;
	*col = 0;
	return true;
}

static const enum action growth_hints[] = {
	ACT_OPEN, ACT_PERIOD, ACT_EXPORT, ACT_HELP, ACT_BACK, ACT_NONE,
};

static const struct view_ops growth_ops = {
	"growth", growth_load, growth_key, growth_draw, NULL, growth_hints, growth_cursor, SCOPE_GROWTH,
};

void growth_open(struct tui *t)
{
	struct growth_view *v = tui_alloc(sizeof *v);
	v->kind = PERIOD_FINANCIAL;
	report_table_init(&v->table, v->rows, GROWTH_MAX_ROWS);
	tui_push(t, &growth_ops, v);
}
