/* screen_reports.c: the Reports tab: every report of `sendesk report`.
 *
 * The tab lists the reports the login may see (the team leads' ones only
 * to team leads and admins); Enter opens one as a table, worked out by
 * the same code as the command, on the day o sets (today at first), over
 * the dates r sets (the report's own defaults when none) and in the kind
 * of year p goes round, each of o, r and p offered only where it changes
 * the report's figures.  x writes the CSV `sendesk report NAME --format
 * csv` writes for the same options.  Enter on a row lists the records
 * behind its figures where there are records to list: a contract's row
 * and a capacity row open the contract, a spot-growth year its
 * purchases, a shortfall row the child, a sections row its therapy
 * entries, a coverage gap the map at that tile on the report's day, a
 * funding row the entries it counts, an unfunded entry's row that entry,
 * a waits row its return, a budgets year its budgets
 * (core/report_drill.h; a test counts each list against its figure).
 * A table wider than the screen scrolls sideways with Left and Right (h
 * and l), its first column staying, and the title says which columns
 * show. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/fields.h"
#include "core/report_drill.h"
#include "core/report_format.h"
#include "core/report_funding.h"
#include "core/store.h"
#include "tui/dialog.h"
#include "tui/recordlist.h"
#include "tui/report_table.h"
#include "tui/screens.h"
#include "util/clock.h"

#define COUNT_OF(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* A report's rows on screen; more are left to the export, which says
 * so.  (A report streams its rows; the table keeps the first ones.) */
#define REPORT_SCREEN_MAX_ROWS 1000
#define HEAD_ROWS 3               /* title, summary, the options */

/* ---- the records behind a row ------------------------------------------- */

static const struct listview_column entry_columns[] = {
	{"Ref", ENTRY_REF, 12, false},
	{"Child", ENTRY_CHILD, 10, false},
	{"Sect", ENTRY_SECTION, 4, false},
	{"Therapy", ENTRY_THERAPY, 9, false},
	{"Start", ENTRY_START, 10, false},
	{"End", ENTRY_END, 10, false},
	{"Funding", ENTRY_FUNDING, 8, false},
	{"Min/week", ENTRY_MINUTES, 8, true},
};

static const struct record_screen entries_screen = {
	.title = "Therapy entries",
	.kind = KIND_THERAPY_ENTRIES,
	.columns = entry_columns,
	.column_count = COUNT_OF(entry_columns),
	.sort_column = 0,
};

static const struct listview_column budget_columns[] = {
	{"Ref", PB_REF, 12, false},
	{"Child", PB_CHILD, 10, false},
	{"Start", PB_START, 10, false},
	{"End", PB_END, 10, false},
	{"Amount", PB_AMOUNT, 12, true},
	{"Therapy", PB_THERAPY_AMOUNT, 12, true},
	{"EOTAS", PB_EOTAS, 5, false},
	{"Purpose", PB_PURPOSE, 0, false},
};

static const struct record_screen budgets_screen = {
	.title = "Personal budgets",
	.kind = KIND_PERSONAL_BUDGETS,
	.columns = budget_columns,
	.column_count = COUNT_OF(budget_columns),
	.sort_column = 2,
};

/* ---- one report ------------------------------------------------------------ */

struct report_view {
	const struct report *report;
	struct report_options opt;
	bool ran;                          /* has run once, whole or not */
	long took_ms;                      /* its last run */
	char ran_at[8];                    /* its last run's time of day, HH:MM */
	bool stale;                        /* the records changed since */
	struct report_table table;
	struct report_table_row *rows;     /* REPORT_SCREEN_MAX_ROWS of them */
	char problem[ERROR_MSG_MAX];       /* why there are no figures, or "" */
	int cursor_row;
};

static void report_view_load(struct tui *t, void *state)
{
	struct report_view *v = state;
	v->problem[0] = '\0';
	struct error err = {0};
	int64_t start = clock_us();
	time_t now = time(NULL);
	strftime(v->ran_at, sizeof v->ran_at, "%H:%M", localtime(&now));
	int rc = report_table_run(&v->table, t, v->report, &v->opt, &err);
	v->took_ms = (long)((clock_us() - start) / 1000);
	v->ran = true;
	v->stale = false;
	if (rc != 0) {
		snprintf(v->problem, sizeof v->problem, "%.*s%s", ERROR_MSG_MAX - 32, err.msg,
		         rc == EX_TEMPFAIL ? " (R runs it again)" : "");
		v->table.list.count = 0;
	}
	rowlist_set_count(&v->table.list, v->table.list.count);
}

/* The screen's own load (shown first, the records changed: another
 * login's save, or one made on another tab): a report that took longer
 * than report_rerun_ms keeps its figures, marked as older than the
 * records, until R.  At national scale a report can take tens of
 * seconds, and running it again after every change would keep the
 * screen busy. */
static void report_view_reload(struct tui *t, void *state)
{
	struct report_view *v = state;
	if (v->ran && v->took_ms >= t->cfg->report_rerun_ms)
		v->stale = true;
	else
		report_view_load(t, v);
}

/* The selected row's cell in column name, or NULL. */
static const char *selected_text(const struct report_view *v, const char *name)
{
	int c = report_table_column(&v->table, name), r = v->table.list.selected;
	if (c < 0 || r < 0 || r >= v->table.list.count)
		return NULL;
	return v->rows[r].text[c];
}

static int open_by_key(struct tui *t, const struct record_screen *rs, const char *key)
{
	struct record r;
	record_init(&r, kinds[rs->kind]);
	bool found = false;
	struct error err = {0};
	if (store_load_by_key(t->s, &r, key, &found, &err) == 0 && found)
		record_view_open(t, rs, r.id, NULL);
	else
		tui_error(t, "%s: %s", key, found ? err.msg : "no longer there");
	record_clear(&r);
	return VIEW_HANDLED;
}

static int open_budgets(struct tui *t, const char *label)
{
	struct period p;
	if (!period_parse(t->cfg, label, &p, NULL)) {
		tui_error(t, "\"%s\" is not a period", label);
		return VIEW_HANDLED;
	}
	struct list_query q;
	report_drill_budgets(&q, &p);
	char title[64];
	snprintf(title, sizeof title, "Personal budgets starting in %s", label);
	record_screen_open_with(t, &budgets_screen, &q, title);
	return VIEW_HANDLED;
}

/* A spot-growth year's purchases, as the Growth tab lists them, under
 * the row's spend (the report's figure, not worked out again), their In
 * year parts with open-ended purchases running where the report ran
 * them. */
static int open_purchases(struct tui *t, const struct report_view *v, const char *label)
{
	struct period p;
	int spend = report_table_column(&v->table, "spend"), r = v->table.list.selected;
	if (!period_parse(t->cfg, label, &p, NULL) || spend < 0) {
		tui_error(t, "\"%s\" is not a period", label);
		return VIEW_HANDLED;
	}
	spot_purchases_in(t, &p, v->opt.has_to ? v->opt.to : v->opt.on, v->rows[r].cell[spend].n);
	return VIEW_HANDLED;
}

static int open_entries(struct tui *t, const struct list_query *q, const char *title)
{
	record_screen_open_with(t, &entries_screen, q, title);
	return VIEW_HANDLED;
}

/* ---- sideways ------------------------------------------------------------- */

/* The first key bound to a, or "" when none is. */
static void first_key(struct tui *t, enum action a, char *buf, size_t len)
{
	keymap_describe(&t->keymap, a, buf, len);
	char *comma = strchr(buf, ',');
	if (comma)
		*comma = '\0';
}

/* The table's place, with the first keys bound to move it. */
static void draw_position(struct tui *t, const struct report_table *rt, WINDOW *w, int y)
{
	char left[32], right[32];
	first_key(t, ACT_LEFT, left, sizeof left);
	first_key(t, ACT_RIGHT, right, sizeof right);
	report_table_draw_position(rt, w, y, left, right);
}

/* The hints are drawn before the table: whether more columns are to the
 * right is judged on the screen's width (the table's window spans it). */
static bool table_offers(const struct report_table *rt, enum action a)
{
	if (a != ACT_LEFT && a != ACT_RIGHT)
		return true;
	if (rt->list.count == 0)
		return false;   /* no table is drawn */
	return a == ACT_LEFT ? report_table_more_left(rt) : report_table_more_right(rt, COLS);
}

/* ---- the entries behind a section-f-funding row --------------------------- */

/* Which entries a route counts is worked out on the day, so they are
 * listed by the report's own rules (core/report_funding.h), not a list
 * query: a page at a time in entry ref order, the next page read as the
 * selection nears the last row held, so a figure of thousands opens as
 * fast as one of a few.  The count is the row's figure.  Enter opens an
 * entry. */
static const struct report_column behind_columns[] = {
	{"entry", "Entry", CELL_TEXT, 12, "", false},
	{"child", "Child", CELL_TEXT, 10, "", false},
	{"start_date", "Start", CELL_TEXT, 10, "", false},
	{"minutes_per_week", "Min/week", CELL_INTEGER, 8, "-", false},
};

/* The next page is read when the selection comes this near the last row
 * held. */
#define BEHIND_AHEAD (REPORT_F_PAGE / 2)

struct behind_view {
	day_t on;
	char funding[16], district[64], therapy[32];
	int64_t figure;                    /* the row's entries, as the report counts them */
	char title[160];
	struct report_table table;
	struct report_table_row *rows;     /* REPORT_SCREEN_MAX_ROWS of them */
	bool at_end;                       /* no page is left to read */
	char last_entry[64];   /* the last row read: the next page follows it */
	char problem[ERROR_MSG_MAX];
	int cursor_row;
};

struct behind_page {
	struct behind_view *v;
	struct report_sink sink;
	int rows;
};

static int behind_entry(void *ctx, const struct report_f_entry *e)
{
	struct behind_page *p = ctx;
	struct cell cells[] = {
		cell_text(e->ref), cell_text(e->child), cell_text(e->start_date),
		e->has_minutes ? cell_number(e->minutes_per_week) : cell_null(),
	};
	snprintf(p->v->last_entry, sizeof p->v->last_entry, "%s", e->ref);
	p->rows++;
	return p->sink.row(p->sink.ctx, cells);
}

/* Reads the first page (first) or the one after the rows held onto the
 * table; the table keeps REPORT_SCREEN_MAX_ROWS at most. */
static void behind_read(struct tui *t, struct behind_view *v, bool first)
{
	struct behind_page p = {v, report_table_sink(&v->table), 0};
	struct error err = {0};
	if (first)
		p.sink.begin(p.sink.ctx, v->title, behind_columns, COUNT_OF(behind_columns));
	if (report_f_entries_page(t->s, v->on, v->funding, v->district, v->therapy,
	                          first ? NULL : v->last_entry, REPORT_F_PAGE, behind_entry, &p, &err) != 0)
		snprintf(v->problem, sizeof v->problem, "%s", err.msg);
	v->at_end = p.rows < REPORT_F_PAGE || v->problem[0] != '\0' ||
	            v->table.list.count >= v->table.capacity;
	p.sink.end(p.sink.ctx);
}

static void behind_load(struct tui *t, void *state)
{
	struct behind_view *v = state;
	v->problem[0] = '\0';
	behind_read(t, v, true);
}

/* The next page, when the selection is near the last row held. */
static void behind_ahead(struct tui *t, struct behind_view *v)
{
	if (!v->at_end && v->table.list.selected >= v->table.list.count - BEHIND_AHEAD)
		behind_read(t, v, false);
}

static int behind_key(struct tui *t, void *state, enum action a, int key)
{
	struct behind_view *v = state;
	(void)key;
	if (v->table.list.count == 0)
		return VIEW_IGNORED;
	if (report_table_key(&v->table, a) != VIEW_IGNORED) {
		behind_ahead(t, v);
		return VIEW_HANDLED;
	}
	if (a != ACT_OPEN)
		return VIEW_IGNORED;
	return open_by_key(t, &entries_screen, v->rows[v->table.list.selected].text[0]);
}

static void behind_draw(struct tui *t, void *state, WINDOW *w)
{
	struct behind_view *v = state;
	werase(w);
	int width = getmaxx(w);
	tui_put_cut(w, 0, 1, width - 1, v->title, A_BOLD);
	char count[96];
	int held = v->table.list.count;
	if (held >= v->figure || (v->at_end && held < v->table.capacity))
		snprintf(count, sizeof count, "%d entr%s", held, held == 1 ? "y" : "ies");
	else
		snprintf(count, sizeof count, "%lld entries, the first %d %s", (long long)v->figure,
		         held, v->at_end ? "shown" : "read (more as you go down)");
	tui_put(w, 1, 1, width - 1, v->problem[0] ? v->problem : count,
	        v->problem[0] ? tui_attr(t, COLOUR_WARN) : tui_attr(t, COLOUR_DIM));
	v->cursor_row = v->table.list.count > 0
	                ? report_table_draw(t, &v->table, w, 3, 0, getmaxy(w) - 3) : -1;
	if (v->table.list.count > 0)
		draw_position(t, &v->table, w, 1);
}

static bool behind_offers(struct tui *t, void *state, enum action a)
{
	const struct behind_view *v = state;
	(void)t;
	return table_offers(&v->table, a);
}

static bool behind_cursor(struct tui *t, void *state, int *row, int *col)
{
	struct behind_view *v = state;
	if (!t->plain || v->cursor_row < 0)
		return false;
	*row = v->cursor_row;
	*col = 0;
	return true;
}

static void behind_done(struct tui *t, void *state)
{
	struct behind_view *v = state;
	(void)t;
	free(v->rows);
	v->rows = NULL;
}

static const enum action behind_hints[] = {ACT_OPEN, ACT_LEFT, ACT_RIGHT, ACT_HELP, ACT_BACK,
                                           ACT_NONE};

static const struct view_ops behind_ops = {
	"entries behind a figure", behind_load, behind_key, behind_draw, behind_done, behind_hints,
	behind_cursor, SCOPE_REPORTS,
};

static int open_funded(struct tui *t, day_t on, const char *district, const char *therapy,
                       const char *funding, int64_t figure)
{
	struct behind_view *v = tui_alloc(sizeof *v);
	v->on = on;
	v->figure = figure;
	snprintf(v->district, sizeof v->district, "%s", district);
	snprintf(v->therapy, sizeof v->therapy, "%s", therapy);
	snprintf(v->funding, sizeof v->funding, "%s", funding);
	char day[DATE_TEXT_MAX];
	date_format(on, day);
	snprintf(v->title, sizeof v->title, "Section F %s entries in %s funded by %s on %s",
	         therapy, district[0] ? district : "no district", funding, day);
	v->rows = tui_alloc(sizeof *v->rows * REPORT_SCREEN_MAX_ROWS);
	report_table_init(&v->table, v->rows, REPORT_SCREEN_MAX_ROWS);
	tui_push_offering(t, &behind_ops, v, behind_offers);
	return VIEW_HANDLED;
}

/* A waits row's return: the provider named by its code. */
static int open_return(struct tui *t, struct report_view *v, const char *provider)
{
	struct record p;
	record_init(&p, kinds[KIND_PROVIDERS]);
	bool found = false;
	struct error err = {0};
	if (store_load_by_key(t->s, &p, provider, &found, &err) == 0 && found) {
		const char *therapy = selected_text(v, "therapy"), *month = selected_text(v, "month");
		struct list_query q;
		report_drill_return(&q, p.id, therapy ? therapy : "", month ? month : "");
		char title[96];
		snprintf(title, sizeof title, "Return of %s for %s, %s", provider, therapy ? therapy : "",
		         month ? month : "");
		record_screen_open_with(t, returns_record_screen(), &q, title);
	} else {
		tui_error(t, "%s: %s", provider, found ? err.msg : "no longer there");
	}
	record_clear(&p);
	return VIEW_HANDLED;
}

/* Enter on a row: the records behind it, where the report has any. */
static int drill(struct tui *t, struct report_view *v)
{
	const char *name = v->report->name, *a;
	char on[DATE_TEXT_MAX], title[96];
	date_format(v->opt.on, on);
	struct list_query q;
	if (strcmp(name, "contracts") == 0 && (a = selected_text(v, "ref")) != NULL)
		return open_by_key(t, contract_record_screen(), a);
	if (strcmp(name, "capacity") == 0 && (a = selected_text(v, "contract")) != NULL)
		return open_by_key(t, contract_record_screen(), a);
	if (strcmp(name, "spot-growth") == 0 && (a = selected_text(v, "period")) != NULL)
		return open_purchases(t, v, a);
	if (strcmp(name, "provision-shortfall") == 0 && (a = selected_text(v, "child")) != NULL)
		return open_by_key(t, child_record_screen(), a);
	if (strcmp(name, "pb-summary") == 0 && (a = selected_text(v, "period")) != NULL)
		return open_budgets(t, a);
	if (strcmp(name, "waits") == 0 && (a = selected_text(v, "provider")) != NULL)
		return open_return(t, v, a);
	if (strcmp(name, "sections") == 0 && (a = selected_text(v, "section")) != NULL) {
		const char *therapy = selected_text(v, "therapy");
		report_drill_sections(&q, a, therapy ? therapy : "", v->opt.on);
		snprintf(title, sizeof title, "Section %s %s entries in force on %s", a,
		         therapy ? therapy : "", on);
		return open_entries(t, &q, title);
	}
	if (strcmp(name, "section-f-funding") == 0 && (a = selected_text(v, "district")) != NULL) {
		const char *therapy = selected_text(v, "therapy"), *funding = selected_text(v, "funding");
		int entries = report_table_column(&v->table, "entries");
		int64_t figure = entries >= 0 ? v->rows[v->table.list.selected].cell[entries].n : 0;
		return open_funded(t, v->opt.on, a, therapy ? therapy : "", funding ? funding : "",
		                   figure);
	}
	if (strcmp(name, "coverage-gaps") == 0 && (a = selected_text(v, "district")) != NULL) {
		const char *therapy = selected_text(v, "therapy");
		if (coverage_open_at(t, a, therapy ? therapy : "", v->opt.on) != 0)
			tui_error(t, "%s (%s) is not on the map: the configuration has no such tile", a,
			          therapy ? therapy : "");
		return VIEW_HANDLED;
	}
	if (strcmp(name, "section-f-unfunded") == 0 && (a = selected_text(v, "entry")) != NULL) {
		report_drill_entry(&q, a);
		snprintf(title, sizeof title, "Entry %s, unfunded on %s", a, on);
		return open_entries(t, &q, title);
	}
	tui_message(t, "the %s report lists no records behind a row; x writes it as CSV", name);
	return VIEW_HANDLED;
}

/* ---- its options ------------------------------------------------------------ */

/* Which options change a report's figures (as `sendesk report NAME`
 * reads them): o, r and p are offered, shown and taken only where they
 * change something.  A report not listed takes all three. */
enum { USES_ON = 1, USES_RANGE = 2, USES_PERIOD = 4 };

static const struct {
	const char *name;
	unsigned uses;
} report_uses[] = {
	{"contracts", USES_ON},
	{"coverage-gaps", USES_ON},
	{"spot-growth", USES_RANGE | USES_PERIOD},
	{"pb-summary", USES_RANGE},
	{"sections", USES_ON},
	{"waits", USES_RANGE},
	{"provision-shortfall", USES_ON | USES_RANGE},
	{"section-f-funding", USES_ON},
	{"section-f-unfunded", USES_ON},
	{"capacity", USES_ON},
	{"equality", USES_ON},
	{"caseloads", USES_ON},
};

static unsigned options_used(const struct report *r)
{
	for (int i = 0; i < COUNT_OF(report_uses); i++)
		if (strcmp(report_uses[i].name, r->name) == 0)
			return report_uses[i].uses;
	return USES_ON | USES_RANGE | USES_PERIOD;
}

/* The option an action sets, or 0 for any other action. */
static unsigned option_of(enum action a)
{
	return a == ACT_DATE ? USES_ON : a == ACT_DATE_RANGE ? USES_RANGE
	       : a == ACT_PERIOD ? USES_PERIOD : 0;
}

/* The reports whose rows are figures with no records to list behind
 * them (each row counts children, not naming them). */
static bool drills(const struct report *r)
{
	return strcmp(r->name, "equality") != 0 && strcmp(r->name, "caseloads") != 0;
}

static bool report_offers(struct tui *t, void *state, enum action a)
{
	const struct report_view *v = state;
	(void)t;
	if (a == ACT_OPEN)
		return drills(v->report);
	if (a == ACT_LEFT || a == ACT_RIGHT)
		return table_offers(&v->table, a);
	if (a == ACT_RERUN)
		return v->stale || v->problem[0] != '\0';
	unsigned option = option_of(a);
	return option == 0 || (options_used(v->report) & option) != 0;
}

static int on_entered(struct tui *t, const char *text, void *ctx)
{
	struct report_view *v = ctx;
	const char *why = NULL;
	day_t d;
	if (text[0] == '\0')
		d = date_today();
	else if (!date_parse(text, &d, &why)) {
		tui_error(t, "%s", why);
		return -1;
	}
	v->opt.on = d;
	report_view_load(t, v);
	return VIEW_HANDLED;
}

/* "FROM TO", either "-" or left out for the report's own default. */
static int range_entered(struct tui *t, const char *text, void *ctx)
{
	struct report_view *v = ctx;
	char from[32] = "", to[32] = "", extra[2] = "";
	if (sscanf(text, "%31s %31s %1s", from, to, extra) > 2) {
		tui_error(t, "two dates at most: FROM TO");
		return -1;
	}
	struct report_options opt = v->opt;
	const char *parts[2] = {from, to}, *why = NULL;
	bool *has[2] = {&opt.has_from, &opt.has_to};
	day_t *day[2] = {&opt.from, &opt.to};
	for (int i = 0; i < 2; i++) {
		*has[i] = parts[i][0] != '\0' && strcmp(parts[i], "-") != 0;
		if (*has[i] && !date_parse(parts[i], day[i], &why)) {
			tui_error(t, "%s: %s", i == 0 ? "from" : "to", why);
			return -1;
		}
	}
	if (opt.has_from && opt.has_to && opt.to < opt.from) {
		tui_error(t, "the last day is before the first");
		return -1;
	}
	v->opt = opt;
	report_view_load(t, v);
	return VIEW_HANDLED;
}

static void range_text(const struct report_view *v, char *buf, size_t len)
{
	char from[DATE_TEXT_MAX] = "-", to[DATE_TEXT_MAX] = "-";
	if (v->opt.has_from)
		date_format(v->opt.from, from);
	if (v->opt.has_to)
		date_format(v->opt.to, to);
	snprintf(buf, len, "%s %s", from, to);
}

/* ---- export --------------------------------------------------------------- */

/* What `sendesk report NAME --format csv` writes for the same options,
 * worked out again as it is written. */
static int write_csv(struct tui *t, void *ctx, FILE *out, long *rows, struct error *err)
{
	struct report_view *v = ctx;
	return report_write_csv(t->s, v->report, &v->opt, out, rows, err);
}

static int export_to(struct tui *t, const char *path, void *ctx)
{
	struct report_view *v = ctx;
	char what[64];
	snprintf(what, sizeof what, "rows of the %s report", v->report->name);
	return dialog_export_csv(t, path, write_csv, v, what);
}

/* ---- keys ------------------------------------------------------------------ */

static int report_key(struct tui *t, void *state, enum action a, int key)
{
	struct report_view *v = state;
	(void)key;
	char text[64];
	if (option_of(a) != 0 && !report_offers(t, v, a)) {
		tui_message(t, "the %s report does not depend on %s", v->report->name,
		            a == ACT_DATE ? "a day" : a == ACT_DATE_RANGE ? "dates" : "the kind of year");
		return VIEW_HANDLED;
	}
	switch (a) {
	case ACT_DATE:
		date_format(v->opt.on, text);
		dialog_prompt(t, "The report on the day (YYYY-MM-DD; empty: today)", text, on_entered, v);
		return VIEW_HANDLED;
	case ACT_DATE_RANGE:
		range_text(v, text, sizeof text);
		dialog_prompt(t, "From and to (YYYY-MM-DD YYYY-MM-DD; - for the report's own)", text,
		              range_entered, v);
		return VIEW_HANDLED;
	case ACT_PERIOD:
		v->opt.period = (enum period_kind)((v->opt.period + 1) % 3);
		tui_message(t, "%s years", period_kind_name(v->opt.period));
		report_view_load(t, v);
		return VIEW_HANDLED;
	case ACT_EXPORT:
		snprintf(text, sizeof text, "%s.csv", v->report->name);
		dialog_export_prompt(t, "Export the report to the CSV file", text, export_to, v);
		return VIEW_HANDLED;
	case ACT_RERUN:
		report_view_load(t, v);
		return VIEW_HANDLED;
	default:
		break;
	}
	if (v->table.list.count == 0)
		return VIEW_IGNORED;
	if (report_table_key(&v->table, a) != VIEW_IGNORED)
		return VIEW_HANDLED;
	return a == ACT_OPEN ? drill(t, v) : VIEW_IGNORED;
}

/* ---- drawing ---------------------------------------------------------------- */

static void draw_head(struct tui *t, const struct report_view *v, WINDOW *w)
{
	int width = getmaxx(w);
	char line[256], on[DATE_TEXT_MAX], range[64];
	snprintf(line, sizeof line, "Report %s", v->report->name);
	tui_put(w, 0, 1, width - 1, line, A_BOLD);
	tui_put_cut(w, 1, 1, width - 1, v->report->summary, tui_attr(t, COLOUR_DIM));
	date_format(v->opt.on, on);
	range_text(v, range, sizeof range);
	unsigned uses = options_used(v->report);
	size_t used = 0;
	line[0] = '\0';
	if (uses & USES_ON)
		used += (size_t)snprintf(line + used, sizeof line - used, "On %s (o)   ", on);
	if ((uses & USES_RANGE) && used < sizeof line)
		used += (size_t)snprintf(line + used, sizeof line - used, "From/to %s (r)   ", range);
	if ((uses & USES_PERIOD) && used < sizeof line)
		snprintf(line + used, sizeof line - used, "%s years (p)", period_kind_name(v->opt.period));
	tui_put(w, 2, 1, width - 1, line, A_NORMAL);
	if (v->stale) {
		snprintf(line, sizeof line, "The records have changed since it ran at %s: R runs it again.",
		         v->ran_at);
		tui_put_cut(w, HEAD_ROWS, 1, width - 1, line, tui_attr(t, COLOUR_WARN));
	}
}

static void report_draw(struct tui *t, void *state, WINDOW *w)
{
	struct report_view *v = state;
	werase(w);
	draw_head(t, v, w);
	v->cursor_row = -1;
	int y = HEAD_ROWS + 1, width = getmaxx(w);
	if (v->problem[0]) {
		tui_put(w, y, 1, width - 1, v->problem, tui_attr(t, COLOUR_WARN));
		return;
	}
	if (v->table.list.count == 0) {
		tui_put(w, y, 1, width - 1, "No rows for these options (o, r, p change them).",
		        A_NORMAL);
		return;
	}
	int height = getmaxy(w) - y - (v->table.truncated ? 1 : 0);
	v->cursor_row = report_table_draw(t, &v->table, w, y, 0, height);
	draw_position(t, &v->table, w, 0);
	if (v->table.truncated)
		tui_put(w, getmaxy(w) - 1, 1, width - 1,
		        "(more rows than shown: x exports them all)", tui_attr(t, COLOUR_DIM));
}

static bool report_cursor(struct tui *t, void *state, int *row, int *col)
{
	struct report_view *v = state;
	if (!t->plain || v->cursor_row < 0)
		return false;
	*row = v->cursor_row;
	*col = 0;
	return true;
}

static void report_done(struct tui *t, void *state)
{
	struct report_view *v = state;
	(void)t;
	free(v->rows);
	v->rows = NULL;
}

static const enum action report_hints[] = {
	ACT_OPEN, ACT_LEFT, ACT_RIGHT, ACT_DATE, ACT_DATE_RANGE, ACT_PERIOD, ACT_EXPORT, ACT_RERUN,
	ACT_HELP, ACT_BACK, ACT_NONE,
};

static const struct view_ops report_ops = {
	"report", report_view_reload, report_key, report_draw, report_done, report_hints,
	report_cursor, SCOPE_REPORTS,
};

static void report_open(struct tui *t, const struct report *r)
{
	struct report_view *v = tui_alloc(sizeof *v);
	v->report = r;
	v->opt = (struct report_options){.on = date_today(), .period = PERIOD_FINANCIAL};
	v->rows = tui_alloc(sizeof *v->rows * REPORT_SCREEN_MAX_ROWS);
	report_table_init(&v->table, v->rows, REPORT_SCREEN_MAX_ROWS);
	tui_push_offering(t, &report_ops, v, report_offers);
}

/* ---- the list of reports ------------------------------------------------------ */

struct reports_view {
	const struct report *shown[32];   /* those the login may see, in the registry's order */
	struct rowlist list;
	int cursor_row;
};

static void reports_load(struct tui *t, void *state)
{
	struct reports_view *v = state;
	int n = 0;
	for (const struct report *const *r = reports; *r && n < COUNT_OF(v->shown); r++)
		if (t->s->role >= (*r)->min_role)
			v->shown[n++] = *r;
	rowlist_set_count(&v->list, n);
}

static int reports_key(struct tui *t, void *state, enum action a, int key)
{
	struct reports_view *v = state;
	(void)key;
	if (rowlist_key(&v->list, a) != VIEW_IGNORED)
		return VIEW_HANDLED;
	if (a == ACT_OPEN && v->list.selected >= 0) {
		report_open(t, v->shown[v->list.selected]);
		return VIEW_HANDLED;
	}
	return VIEW_IGNORED;
}

static void reports_draw(struct tui *t, void *state, WINDOW *w)
{
	struct reports_view *v = state;
	werase(w);
	int width = getmaxx(w);
	tui_put(w, 0, 1, width - 1, "Reports", A_BOLD);
	tui_put_cut(w, 1, 1, width - 1,
	            t->s->role >= ROLE_TEAMLEAD
	            ? "Enter opens a report: its day (o), dates (r) and years (p) are set there."
	            : "Enter opens a report (the team leads' reports are theirs alone).",
	            tui_attr(t, COLOUR_DIM));
	int y = HEAD_ROWS, height = getmaxy(w) - y;
	rowlist_show(&v->list, height);
	v->cursor_row = -1;
	for (int i = v->list.top; i < v->list.count && i - v->list.top < height; i++) {
		bool selected = i == v->list.selected;
		int row = y + i - v->list.top;
		attr_t attr = selected ? tui_attr(t, COLOUR_SELECTED) : A_NORMAL;
		char line[256];
		snprintf(line, sizeof line, "%s%-20s %s", selected ? ">" : " ", v->shown[i]->name,
		         v->shown[i]->summary);
		tui_put_cut(w, row, 0, width, line, attr);
		if (selected)
			v->cursor_row = row;
	}
}

static bool reports_cursor(struct tui *t, void *state, int *row, int *col)
{
	struct reports_view *v = state;
	if (!t->plain || v->cursor_row < 0)
		return false;
	*row = v->cursor_row;
	*col = 0;
	return true;
}

static const enum action reports_hints[] = {ACT_OPEN, ACT_HELP, ACT_BACK, ACT_NONE};

static const struct view_ops reports_ops = {
	"reports", reports_load, reports_key, reports_draw, NULL, reports_hints, reports_cursor,
	SCOPE_REPORTS,
};

void reports_open(struct tui *t)
{
	struct reports_view *v = tui_alloc(sizeof *v);
	rowlist_init(&v->list);
	tui_push(t, &reports_ops, v);
}
