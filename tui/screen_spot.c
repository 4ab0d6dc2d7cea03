/* screen_spot.c: the Spot purchases tab.
 *
 * Therapy bought case by case for one child from one provider.  Team
 * leads and admins add, change and delete purchases (recordlist checks
 * the role and the write path checks everything else); everyone else
 * may look.  Beyond the text filter (/) the list narrows to a period
 * (p: "2021-22" a financial year, "2021/22" an academic one, "2021" a
 * calendar year), a therapy type (t, round the configured ones) and a
 * provider (F4, from a picker); the line under the title says which
 * are on, and Esc takes them off.
 *
 * Each row names its child ("CH-0001 Lee Ashby"): the name is looked up
 * by the child's ref, one indexed query per row formatted, so the list
 * costs the same at any size.
 *
 * The Growth tab opens the same list narrowed to one of its periods, so
 * that the records behind each figure are one key away: there each row
 * shows the part of its cost that falls in the period (In year, split by
 * days as the figures are), and the line under the title the period's
 * total, which is the figure drilled into. */
#include "tui/tui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/fields.h"
#include "core/list.h"
#include "core/money.h"
#include "core/period.h"
#include "core/report_spot_growth.h"
#include "tui/dialog.h"
#include "tui/picker.h"
#include "tui/recordlist.h"
#include "tui/screens.h"


/* Where the columns of either list stand. */
enum { TAB_START = 4, TAB_END = 5, BEHIND_START = 2, BEHIND_END = 3, BEHIND_IN_YEAR = 5 };

/* Ref, Child, Provider, Therapy, Start, End, Cost: the child (its ref
 * and name) takes what the others leave, 15 columns at 80. */
static const struct listview_column spot_columns[] = {
	{"Ref", SPOT_REF, 12, false},
	{"Child", SPOT_CHILD, 0, false},
	{"Provider", SPOT_PROVIDER, 8, false},
	{"Therapy", SPOT_THERAPY, 7, false},
	{"Start", SPOT_START, 10, false},
	{"End", SPOT_END, 10, false},
	{"Cost", SPOT_COST, 10, true},
};
#define SPOT_COLUMN_COUNT ((int)(sizeof spot_columns / sizeof spot_columns[0]))

/* The purchases behind a growth figure: the provider and therapy (still
 * filters, t and F4) give way to the part of each cost that falls in the
 * period (not sortable: it is worked out per row, not stored). */
static const struct listview_column behind_columns[] = {
	{"Ref", SPOT_REF, 12, false},
	{"Child", SPOT_CHILD, 0, false},
	{"Start", SPOT_START, 10, false},
	{"End", SPOT_END, 10, false},
	{"Cost", SPOT_COST, 10, true},
	{"In year", -1, 10, true},
};
#define BEHIND_COLUMN_COUNT ((int)(sizeof behind_columns / sizeof behind_columns[0]))

static void spot_cells(struct tui *t, const struct record *r, const struct listview_column *columns,
                       int count, int end_column, struct listview_row *row)
{
	for (int c = 0; c < count; c++) {
		char buf[RECORD_TEXT_MAX];
		const char *text = "";
		if (columns[c].field == SPOT_CHILD) {
			child_ref_and_name(t, &r->values[SPOT_CHILD], buf, sizeof buf);
			text = buf;
		} else if (columns[c].field >= 0) {
			text = record_display(r, columns[c].field, t->cfg, buf, sizeof buf);
		}
		snprintf(row->cells[c], LISTVIEW_CELL_MAX, "%.*s", LISTVIEW_CELL_MAX - 1, text);
	}
	/* An open-ended purchase runs on: say so rather than leave a blank
	 * that reads like a missing date. */
	if (!r->values[SPOT_END].set)
		snprintf(row->cells[end_column], LISTVIEW_CELL_MAX, "open");
}

static void format_spot(struct tui *t, const struct record *r, struct listview_row *row, void *ctx)
{
	(void)ctx;
	spot_cells(t, r, spot_columns, SPOT_COLUMN_COUNT, TAB_END, row);
}

/* The period a growth figure was drilled into.  The Growth tab is the
 * one way into the purchases behind a figure and holds one such list at
 * a time, so the screen keeps it here for its rows and its total. */
static struct {
	enum period_kind kind;
	struct period period;
	day_t as_of;                    /* open-ended purchases run to it */
	bool has_total;
	int64_t total;                  /* the period's spend, pence */
} behind;

static void format_behind(struct tui *t, const struct record *r, struct listview_row *row, void *ctx)
{
	(void)ctx;
	spot_cells(t, r, behind_columns, BEHIND_COLUMN_COUNT, BEHIND_END, row);
	int64_t pence;
	struct error err = {0};
	char money[MONEY_TEXT_MAX] = "?";
	if (spot_growth_share(t->s, behind.kind, behind.as_of, r, &behind.period, &pence, &err) == 0)
		money_format(pence, money);
	snprintf(row->cells[BEHIND_IN_YEAR], LISTVIEW_CELL_MAX, "%s", money);
}

/* ---- the period filter ------------------------------------------------------ */

/* The period a query's date range is, with its kind; false when the
 * range is none of them (or there is no range). */
static bool range_period(const struct settings *cfg, const struct list_query *q, struct period *p,
                         enum period_kind *kind)
{
	return q->range_start_field >= 0 && period_of_range(cfg, q->range_from, q->range_to, p, kind);
}

static void set_range(struct list_query *q, const struct period *p)
{
	q->range_start_field = SPOT_START;
	q->range_end_field = SPOT_END;
	q->range_from = p->start;
	q->range_to = p->end;
}

static int period_entered(struct tui *t, const char *text, void *ctx)
{
	struct list_query *q = ctx;
	struct period p;
	if (text[0] == '\0') {
		q->range_start_field = q->range_end_field = -1;
		tui_message(t, "all periods");
		return VIEW_RELOAD;
	}
	if (!period_parse(t->cfg, text, &p, NULL)) {
		tui_error(t, "\"%s\" is not a period: 2021-22 (financial), 2021/22 (academic) or 2021",
		          text);
		return -1;
	}
	set_range(q, &p);
	return VIEW_RELOAD;
}

static int ask_period(struct tui *t, struct list_query *q)
{
	struct period p;
	enum period_kind kind;
	const char *current = range_period(t->cfg, q, &p, &kind) ? p.label : "";
	dialog_prompt(t, "Purchases in 2021-22, 2021/22 or 2021 (empty: all)", current,
	              period_entered, q);
	return VIEW_HANDLED;
}

/* ---- therapy and provider filters ------------------------------------------- */

/* t: the next configured therapy type, and after the last, all again. */
static int next_therapy(struct tui *t, struct list_query *q)
{
	const struct list_match *m = list_match_find(q, SPOT_THERAPY);
	int next = 0;
	if (m != NULL) {
		const struct therapy *th = config_find_therapy(t->cfg, m->text);
		next = th ? (int)(th - t->cfg->therapies) + 1 : 0;
	}
	if (next >= t->cfg->therapy_count) {
		list_match_drop(q, SPOT_THERAPY);
		tui_message(t, "all therapy types");
		return VIEW_RELOAD;
	}
	struct list_match *put = list_match_put(q, SPOT_THERAPY);
	if (put == NULL)
		return VIEW_HANDLED;
	snprintf(put->text, sizeof put->text, "%s", t->cfg->therapies[next].code);
	tui_message(t, "only %s (t: the next therapy type)", t->cfg->therapies[next].name);
	return VIEW_RELOAD;
}

static int provider_chosen(struct tui *t, const struct record *chosen, int step, void *ctx)
{
	(void)step;   /* a list has no next field */
	struct list_query *q = ctx;
	struct list_match *m = list_match_put(q, SPOT_PROVIDER);
	if (m == NULL)
		return VIEW_HANDLED;
	m->id = chosen->id;
	/* A reference matches by id; the code is kept for the filter line. */
	char code[RECORD_TEXT_MAX];
	snprintf(m->text, sizeof m->text, "%s", record_text(chosen, 0, t->cfg, code, sizeof code));
	tui_message(t, "only purchases from %s", m->text);
	return VIEW_RELOAD;
}

static int clear_filters(struct tui *t, struct list_query *q, bool keep_period)
{
	bool any = q->match_count > 0 || (!keep_period && q->range_start_field >= 0);
	if (!any)
		return VIEW_IGNORED;
	q->match_count = 0;
	if (!keep_period)
		q->range_start_field = q->range_end_field = -1;
	tui_message(t, "%s", keep_period ? "all providers and therapy types" : "filters off: all purchases");
	return VIEW_RELOAD;
}

/* The keys both lists share: t, F4 and Esc; the tab adds p. */
static int filter_key(struct tui *t, struct list_query *q, enum action a, bool period_fixed)
{
	switch (a) {
	case ACT_THERAPY:
		return next_therapy(t, q);
	case ACT_PICK:
		picker_open(t, kinds[KIND_PROVIDERS], "", provider_chosen, q);
		return VIEW_HANDLED;
	case ACT_CANCEL:
		return clear_filters(t, q, period_fixed);
	default:
		return VIEW_IGNORED;
	}
}

static int tab_key(struct tui *t, struct list_query *q, const struct record *selected, enum action a)
{
	(void)selected;
	return a == ACT_PERIOD ? ask_period(t, q) : filter_key(t, q, a, false);
}

/* The purchases behind a growth figure keep their period: the title
 * names it. */
static int behind_key(struct tui *t, struct list_query *q, const struct record *selected,
                      enum action a)
{
	(void)selected;
	if (a == ACT_PERIOD) {
		tui_message(t, "these are the purchases behind one period; q goes back to choose another");
		return VIEW_HANDLED;
	}
	return filter_key(t, q, a, true);
}

/* "1 Apr 2021 to 31 Mar 2022" */
static void short_range(day_t from, day_t to, char *buf, size_t len)
{
	int y1, m1, d1, y2, m2, d2;
	date_to_ymd(from, &y1, &m1, &d1);
	date_to_ymd(to, &y2, &m2, &d2);
	snprintf(buf, len, "%d %.3s %d to %d %.3s %d", d1, period_month_name(m1), y1, d2,
	         period_month_name(m2), y2);
}

static size_t add_part(char *buf, size_t len, size_t used, const char *text)
{
	if (used >= len)
		return used;
	int n = snprintf(buf + used, len - used, "%s%s", used ? "; " : "Only: ", text);
	return n < 0 ? used : used + (size_t)n;
}

/* with_period: the tab's list, where the period is a filter like the
 * others (Esc takes them all off); the purchases behind a growth figure
 * name theirs in the title and keep it. */
static void describe_filters(struct tui *t, const struct list_query *q, bool with_period,
                             char *buf, size_t len)
{
	size_t used = 0;
	char part[160], range[64];
	buf[0] = '\0';
	if (with_period && q->range_start_field >= 0) {
		struct period p;
		enum period_kind kind;
		short_range(q->range_from, q->range_to, range, sizeof range);
		if (range_period(t->cfg, q, &p, &kind))
			snprintf(part, sizeof part, "%s year %s (%s)", period_kind_name(kind), p.label, range);
		else
			snprintf(part, sizeof part, "%s", range);
		used = add_part(buf, len, used, part);
	}
	const struct list_match *m = list_match_find(q, SPOT_PROVIDER);
	if (m != NULL) {
		snprintf(part, sizeof part, "provider %s", m->text);
		used = add_part(buf, len, used, part);
	}
	if ((m = list_match_find(q, SPOT_THERAPY)) != NULL) {
		const struct therapy *th = config_find_therapy(t->cfg, m->text);
		snprintf(part, sizeof part, "%s", th ? th->name : m->text);
		used = add_part(buf, len, used, part);
	}
	if (used > 0 && used < len)
		snprintf(buf + used, len - used, "   (Esc: off)");
}

static void tab_status(struct tui *t, const struct list_query *q, char *buf, size_t len)
{
	describe_filters(t, q, true, buf, len);
}

/* The total of the In year column over the period's purchases: the
 * figure drilled into, worked out again from the records. */
static void behind_status(struct tui *t, const struct list_query *q, char *buf, size_t len)
{
	char filters[LISTVIEW_CELL_MAX * 3], money[MONEY_TEXT_MAX];
	describe_filters(t, q, false, filters, sizeof filters);
	if (!behind.has_total) {
		snprintf(buf, len, "%s", filters);
		return;
	}
	money_format(behind.total, money);
	snprintf(buf, len, "Total in year %s: %s%s%s", behind.period.label, money,
	         filters[0] ? " of all; " : "", filters);
}

static const enum action behind_hints[] = {
	ACT_OPEN, ACT_EDIT, ACT_DELETE, ACT_FILTER, ACT_SORT, ACT_THERAPY, ACT_PICK, ACT_EXPORT,
	ACT_HELP, ACT_BACK, ACT_NONE,
};

static const struct record_screen spot_screen = {
	"Spot purchases", KIND_SPOT_PURCHASES, spot_columns, SPOT_COLUMN_COUNT, TAB_START, format_spot,
	NULL, NULL, NULL, tab_key, tab_status, NULL, SCOPE_SPOT, NULL, 0, NULL,
};

static const struct record_screen behind_screen = {
	"Spot purchases", KIND_SPOT_PURCHASES, behind_columns, BEHIND_COLUMN_COUNT, BEHIND_START,
	format_behind,
	NULL, NULL, NULL, behind_key, behind_status, behind_hints, SCOPE_SPOT, NULL, 0, NULL,
};

void spot_purchases_open(struct tui *t)
{
	record_screen_open(t, &spot_screen);
}

void spot_purchases_in(struct tui *t, const struct period *p, day_t as_of, int64_t total_pence)
{
	struct list_query q;
	list_query_init(&q, kinds[KIND_SPOT_PURCHASES]);
	q.sort_field = SPOT_START;
	set_range(&q, p);
	q.count_later = true;   /* a year of a national table's purchases */
	behind.period = *p;
	behind.as_of = as_of;
	if (!period_of_range(t->cfg, p->start, p->end, NULL, &behind.kind))
		behind.kind = PERIOD_CALENDAR;
	/* The figure drilled into, as the growth table worked it out: working
	 * it out again would cost a pass over the year's purchases. */
	behind.has_total = true;
	behind.total = total_pence;
	char title[64];
	snprintf(title, sizeof title, "Spot purchases in %s", p->label);
	record_screen_open_with(t, &behind_screen, &q, title);
}
