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

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/money.h"
#include "core/report_spot_growth.h"
#include "tui/chart.h"
#include "tui/dialog.h"
#include "tui/screens.h"


/* Far more years than any authority has records for; the figures are
 * one row per year, so holding them is holding a handful of numbers. */
#define GROWTH_MAX_ROWS 200
#define HEAD_ROWS 3           /* title, two lines on what the figures mean */
#define TABLE_WIDTH 57        /* marker, period, five figures, gaps */
#define CHART_MIN_WIDTH 36    /* narrower than this, the charts go below */
#define CELL_MAX 32

struct growth_view {
	enum period_kind kind;
	struct growth_row rows[GROWTH_MAX_ROWS];
	int count;
	bool truncated;               /* more periods than held */
	char problem[ERROR_MSG_MAX];  /* why there are no figures, or "" */
	int selected, top;
	int visible;                  /* table rows on screen, from the last draw */
	int cursor_row;
	struct chart_bar spend[GROWTH_MAX_ROWS], children[GROWTH_MAX_ROWS];
};

static const char *const kind_names[] = {"financial", "academic", "calendar"};
static const char *const month_names[] = {"January", "February", "March", "April", "May", "June",
                                          "July", "August", "September", "October",
                                          "November", "December"};

static struct growth_options options(enum period_kind kind)
{
	struct growth_options opt;
	memset(&opt, 0, sizeof opt);
	opt.kind = kind;
	opt.as_of = date_today();
	return opt;
}

/* The month the kind's years start in, for people. */
static const char *first_month(const struct tui *t, enum period_kind kind)
{
	int first = kind == PERIOD_ACADEMIC ? t->cfg->academic_year_start_month
	          : kind == PERIOD_FINANCIAL ? t->cfg->financial_year_start_month : 1;
	return month_names[first >= 1 && first <= 12 ? first - 1 : 0];
}

/* ---- the figures ------------------------------------------------------------ */

static int keep_row(void *ctx, const struct growth_row *row)
{
	struct growth_view *v = ctx;
	if (v->count == GROWTH_MAX_ROWS) {
		v->truncated = true;
		return 0;
	}
	v->rows[v->count++] = *row;
	return 0;
}

/* The same period as before a reload when it is still there, else the
 * latest: the year a team lead most often looks at. */
static void keep_selection(struct growth_view *v, const char *label)
{
	v->selected = v->count - 1;
	for (int i = 0; i < v->count && label[0]; i++)
		if (strcmp(v->rows[i].period.label, label) == 0)
			v->selected = i;
}

static void growth_load(struct tui *t, void *state)
{
	struct growth_view *v = state;
	char label[PERIOD_LABEL_MAX] = "";
	if (v->selected >= 0 && v->selected < v->count)
		snprintf(label, sizeof label, "%s", v->rows[v->selected].period.label);
	v->count = 0;
	v->truncated = false;
	v->problem[0] = '\0';
	struct error err = {0};
	struct growth_options opt = options(v->kind);
	if (session_require(t->s, ROLE_TEAMLEAD, "see the growth review", &err) != 0 ||
	    spot_growth(t->s, &opt, keep_row, v, &err) != 0) {
		snprintf(v->problem, sizeof v->problem, "%s", err.msg);
		v->count = 0;
	}
	keep_selection(v, label);
}

/* "+13.8%", "-2.0%", or "-" when there is nothing to compare with. */
static void change_text(const struct growth_row *r, bool for_csv, char *buf, size_t len)
{
	if (!r->has_change) {
		snprintf(buf, len, "%s", for_csv ? "" : "-");
		return;
	}
	int64_t tenths = r->change_tenths < 0 ? -r->change_tenths : r->change_tenths;
	const char *sign = r->change_tenths < 0 ? "-" : for_csv ? "" : "+";
	snprintf(buf, len, "%s%lld.%lld%s", sign, (long long)(tenths / 10), (long long)(tenths % 10),
	         for_csv ? "" : "%");
}

/* ---- export --------------------------------------------------------------- */

struct csv_out {
	FILE *out;
	long rows;
};

static int write_row(void *ctx, const struct growth_row *r)
{
	struct csv_out *c = ctx;
	char children[CELL_MAX], fresh[CELL_MAX], ended[CELL_MAX], spend[MONEY_TEXT_MAX], change[CELL_MAX];
	snprintf(children, sizeof children, "%lld", (long long)r->children);
	snprintf(fresh, sizeof fresh, "%lld", (long long)r->new_children);
	snprintf(ended, sizeof ended, "%lld", (long long)r->ended);
	money_format_plain(r->spend_pence, spend);
	change_text(r, true, change, sizeof change);
	const char *fields[] = {r->period.label, children, fresh, ended, spend, change};
	c->rows++;
	return csv_write_record(c->out, fields, sizeof fields / sizeof fields[0]);
}

/* The table as shown, worked out again as it is written (so the file is
 * the figures of the moment it was written, like any export). */
static int write_csv(struct tui *t, void *ctx, FILE *out, long *rows, struct error *err)
{
	struct growth_view *v = ctx;
	static const char *const header[] = {"period", "children", "new", "ended", "spend", "change_pct"};
	if (csv_write_record(out, header, sizeof header / sizeof header[0]) != 0)
		return error_set(err, EX_IOERR, "cannot write");
	struct csv_out c = {out, 0};
	struct growth_options opt = options(v->kind);
	int rc = spot_growth(t->s, &opt, write_row, &c, err);
	if (rc == EX_IOERR && err->msg[0] == '\0')
		error_set(err, EX_IOERR, "cannot write");
	*rows = c.rows;
	return rc;
}

static int export_to(struct tui *t, const char *path, void *ctx)
{
	struct growth_view *v = ctx;
	char what[64];
	snprintf(what, sizeof what, "rows of %s years", kind_names[v->kind]);
	return dialog_export_csv(t, path, write_csv, v, what);
}

/* ---- keys ------------------------------------------------------------------ */

static int move_selection(struct growth_view *v, enum action a)
{
	int page = v->visible > 1 ? v->visible - 1 : 1;
	switch (a) {
	case ACT_UP: v->selected--; break;
	case ACT_DOWN: v->selected++; break;
	case ACT_PAGE_UP: v->selected -= page; break;
	case ACT_PAGE_DOWN: v->selected += page; break;
	case ACT_HOME: v->selected = 0; break;
	case ACT_END: v->selected = v->count - 1; break;
	default: return VIEW_IGNORED;
	}
	if (v->selected >= v->count)
		v->selected = v->count - 1;
	if (v->selected < 0)
		v->selected = 0;
	return VIEW_HANDLED;
}

static int next_kind(struct tui *t, struct growth_view *v)
{
	v->kind = (enum period_kind)((v->kind + 1) % 3);
	v->selected = -1;       /* the latest period of the new kind */
	v->top = 0;
	tui_message(t, "%s years, from %s (p: %s years)", kind_names[v->kind], first_month(t, v->kind),
	            kind_names[(v->kind + 1) % 3]);
	growth_load(t, v);
	return VIEW_HANDLED;
}

static int growth_key(struct tui *t, void *state, enum action a, int key)
{
	struct growth_view *v = state;
	(void)key;
	if (a == ACT_PERIOD)
		return next_kind(t, v);
	if (v->count == 0)
		return VIEW_IGNORED;
	if (move_selection(v, a) != VIEW_IGNORED)
		return VIEW_HANDLED;
	switch (a) {
	case ACT_OPEN:
		spot_purchases_in(t, &v->rows[v->selected].period);
		return VIEW_HANDLED;
	case ACT_EXPORT: {
		char path[64];
		snprintf(path, sizeof path, "spot-growth-%s.csv", kind_names[v->kind]);
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
	         kind_names[v->kind], first_month(t, v->kind));
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

static void table_cells(const struct growth_row *r, char cells[6][CELL_MAX])
{
	snprintf(cells[0], CELL_MAX, "%s", r->period.label);
	snprintf(cells[1], CELL_MAX, "%lld", (long long)r->children);
	snprintf(cells[2], CELL_MAX, "%lld", (long long)r->new_children);
	snprintf(cells[3], CELL_MAX, "%lld", (long long)r->ended);
	money_format(r->spend_pence, cells[4]);
	change_text(r, false, cells[5], CELL_MAX);
}

/* Period left, figures right, as a table of numbers reads; padded by
 * display columns, since "£" is two bytes and one column. */
static void table_line(WINDOW *w, int y, const char *marker, char cells[6][CELL_MAX], attr_t attr)
{
	static const int widths[6] = {8, 8, 6, 6, 14, 8};
	char line[256];
	size_t used = (size_t)snprintf(line, sizeof line, "%-2s", marker);
	for (int c = 0; c < 6 && used < sizeof line; c++) {
		int pad = widths[c] - tui_width(cells[c]);
		pad = pad > 0 ? pad : 0;
		if (c == 0)
			used += (size_t)snprintf(line + used, sizeof line - used, "%s%*s", cells[c], pad, "");
		else
			used += (size_t)snprintf(line + used, sizeof line - used, " %*s%s", pad, "", cells[c]);
	}
	tui_put(w, y, 0, TABLE_WIDTH, line, attr);
}

static void keep_top(struct growth_view *v, int rows)
{
	v->visible = rows > 1 ? rows : 1;
	if (v->selected < v->top)
		v->top = v->selected;
	if (v->selected >= v->top + v->visible)
		v->top = v->selected - v->visible + 1;
	if (v->top > v->count - v->visible)
		v->top = v->count - v->visible;
	if (v->top < 0)
		v->top = 0;
}

static void draw_table(struct tui *t, struct growth_view *v, WINDOW *w, int y, int rows)
{
	char cells[6][CELL_MAX] = {"Period", "Children", "New", "Ended", "Spend", "Change"};
	table_line(w, y, "", cells, A_BOLD);
	keep_top(v, rows - 1);
	for (int n = 0; n < v->visible && v->top + n < v->count; n++) {
		int i = v->top + n;
		bool selected = i == v->selected;
		table_cells(&v->rows[i], cells);
		table_line(w, y + 1 + n, selected ? ">" : "", cells,
		           selected ? tui_attr(t, COLOUR_SELECTED) : A_NORMAL);
		if (selected)
			v->cursor_row = y + 1 + n;
	}
	if (v->truncated)
		tui_put(w, y + rows, 0, TABLE_WIDTH, "  (more periods than shown: export for all)",
		        tui_attr(t, COLOUR_DIM));
}

/* The first bar so that the selected period is among the rows that fit. */
static int chart_first(const struct growth_view *v, int bars)
{
	int first = v->top;
	if (v->selected >= first + bars)
		first = v->selected - bars + 1;
	return first < 0 ? 0 : first;
}

static void draw_charts(struct tui *t, struct growth_view *v, WINDOW *w, int y, int x, int height,
                        int width, bool side_by_side)
{
	char spend_title[64], children_title[64];
	snprintf(spend_title, sizeof spend_title, "Spend per %s year", kind_names[v->kind]);
	snprintf(children_title, sizeof children_title, "Children receiving per %s year", kind_names[v->kind]);
	for (int i = 0; i < v->count; i++) {
		v->spend[i] = (struct chart_bar){v->rows[i].period.label, v->rows[i].spend_pence, false};
		v->children[i] = (struct chart_bar){v->rows[i].period.label, v->rows[i].children, false};
	}
	/* Stacked, each chart takes the rows its bars need and a blank
	 * line, or half the room when that is less. */
	int h1 = side_by_side ? height : (height + 1) / 2, h2 = side_by_side ? height : height - h1;
	if (!side_by_side && 2 * (v->count + 2) <= height) {
		h1 = v->count + 2;
		h2 = height - h1;
	}
	int w1 = side_by_side ? (width - 2) / 2 : width, w2 = side_by_side ? width - w1 - 2 : width;
	struct chart spend = {spend_title, v->spend, v->count, CHART_MONEY, false,
	                      chart_first(v, h1 - 1), v->selected};
	struct chart children = {children_title, v->children, v->count, CHART_COUNT, false,
	                         chart_first(v, h2 - 1), v->selected};
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
	if (v->count == 0) {
		draw_empty(t, v, w);
		return;
	}
	int height = getmaxy(w) - HEAD_ROWS - 1, width = getmaxx(w);
	int y = HEAD_ROWS + 1;
	if (width - TABLE_WIDTH - 3 >= CHART_MIN_WIDTH) {
		/* Beside: the table as long as the screen, the charts stacked. */
		draw_table(t, v, w, y, height - (v->truncated ? 1 : 0));
		draw_charts(t, v, w, y, TABLE_WIDTH + 3, height, width - TABLE_WIDTH - 4, false);
		return;
	}
	/* Below: the table and the charts share the rows; the charts sit
	 * side by side under the table. */
	int wanted = v->count + 1;
	int table_rows = (height - 1) / 2 > 2 ? (height - 1) / 2 : 2;
	if (wanted < table_rows)
		table_rows = wanted;
	draw_table(t, v, w, y, table_rows);
	int charts_y = y + table_rows + 1 + (v->truncated ? 1 : 0);
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
	"growth", growth_load, growth_key, growth_draw, NULL, growth_hints, growth_cursor,
};

void growth_open(struct tui *t)
{
	struct growth_view *v = tui_alloc(sizeof *v);
	v->kind = PERIOD_FINANCIAL;
	v->selected = -1;
	tui_push(t, &growth_ops, v);
}
