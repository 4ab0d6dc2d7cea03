/* screen_contracts.c: the Contracts and Providers tabs.
 *
 * Admins change contracts and providers; everyone may read them.  A
 * contract's flags are written out as words (unsigned, expired,
 * key-decision-no-ref, ending-soon), so colour never carries them alone. */
#include <stdio.h>
#include <string.h>

#include "core/fields.h"
#include "core/list.h"
#include "core/money.h"
#include "core/report_contracts.h"
#include "core/store.h"
#include "tui/form.h"
#include "tui/recordlist.h"
#include "tui/screens.h"

static const struct listview_column contract_columns[] = {
	{"Ref", CONTRACT_REF, 14, false},
	{"Provider", CONTRACT_PROVIDER, 8, false},
	{"Annual value", CONTRACT_ANNUAL_VALUE, 14, true},
	{"Period", CONTRACT_START, 24, false},
	{"Status", CONTRACT_STATUS, 6, false},
	{"Flags", -1, 0, false},
};

static void format_contract(struct tui *t, const struct record *r, struct listview_row *row,
                            void *ctx)
{
	(void)ctx;
	char buf[RECORD_TEXT_MAX];
	snprintf(row->cells[0], LISTVIEW_CELL_MAX, "%.*s", LISTVIEW_CELL_MAX - 1, record_display(r, CONTRACT_REF, t->cfg, buf, sizeof buf));
	snprintf(row->cells[1], LISTVIEW_CELL_MAX, "%.*s", LISTVIEW_CELL_MAX - 1, record_display(r, CONTRACT_PROVIDER, t->cfg, buf, sizeof buf));
	money_format(r->values[CONTRACT_ANNUAL_VALUE].n, row->cells[2]);
	snprintf(row->cells[3], LISTVIEW_CELL_MAX, "%s to %s", r->values[CONTRACT_START].text,
	         r->values[CONTRACT_END].text);
	snprintf(row->cells[4], LISTVIEW_CELL_MAX, "%s", r->values[CONTRACT_STATUS].set ? r->values[CONTRACT_STATUS].text : "-");
	int64_t lifetime;
	struct error err = {0};
	if (contract_summary(t->s, r, date_today(), &lifetime, row->cells[5], LISTVIEW_CELL_MAX, &err) != 0)
		snprintf(row->cells[5], LISTVIEW_CELL_MAX, "? %.*s", LISTVIEW_CELL_MAX - 3, err.msg);
	row->warn = row->cells[5][0] != '\0';
}

/* What each flag means, for the detail view. */
static const char *flag_meaning(const char *flag)
{
	static const char *const meanings[][2] = {
		{"unsigned", "in force or past, but no signed date is recorded"},
		{"expired", "past its end date, but not marked ended"},
		{"key-decision-no-ref", "lifetime value above the key decision threshold, and no decision number"},
		{"ending-soon", "ends within the expiry warning period"},
	};
	for (size_t i = 0; i < sizeof meanings / sizeof meanings[0]; i++)
		if (strcmp(meanings[i][0], flag) == 0)
			return meanings[i][1];
	return "";
}

static void detail_flags(struct tui *t, const struct record *r, struct detail *d)
{
	int64_t lifetime;
	char flags[128], money[MONEY_TEXT_MAX];
	struct error err = {0};
	if (contract_summary(t->s, r, date_today(), &lifetime, flags, sizeof flags, &err) != 0) {
		detail_add(d, "  (cannot work out the lifetime value: %s)", err.msg);
		return;
	}
	money_format(lifetime, money);
	detail_add(d, "  %-16s %s (financial years pro rata by days)", "Lifetime value", money);
	detail_add(d, "%s", "");
	detail_heading(d, "Flags today");
	if (flags[0] == '\0')
		detail_add(d, "  none");
	char *save = NULL;
	for (char *f = strtok_r(flags, ";", &save); f; f = strtok_r(NULL, ";", &save))
		detail_add(d, "  %-20s %s", f, flag_meaning(f));
}

struct child_lines {
	struct tui *t;
	struct detail *d;
	int shown;
	void (*line)(struct tui *t, const struct record *r, struct detail *d);
};

static int add_child_line(void *ctx, const struct record *r, const struct list_key *key)
{
	(void)key;
	struct child_lines *c = ctx;
	c->line(c->t, r, c->d);
	c->shown++;
	return 0;
}

/* Lists up to a screenful or two of the records of kind that refer to the
 * contract, one line each. */
static void detail_children(struct tui *t, const struct record *contract, enum kind_id kind,
                            int sort_field, const char *heading,
                            void (*line)(struct tui *t, const struct record *r, struct detail *d),
                            struct detail *d)
{
	enum { MAX_SHOWN = 120 };
	struct list_query q;
	list_query_init(&q, kinds[kind]);
	/* each of these kinds names its contract first */
	_Static_assert(CVALUE_CONTRACT == 0 && COVERAGE_CONTRACT == 0 && STAFFING_CONTRACT == 0,
	               "contract-values, coverage and staffing name their contract first");
	q.parent_field = 0;
	q.parent_id = contract->id;
	q.sort_field = sort_field;
	int64_t total = 0;
	struct error err = {0};
	list_count(t->s, &q, &total, &err);
	detail_add(d, "%s", "");
	detail_heading(d, "%s (%lld)", heading, (long long)total);
	struct child_lines c = {t, d, 0, line};
	if (list_fetch(t->s, &q, NULL, false, MAX_SHOWN, add_child_line, &c, &err) != 0)
		detail_add(d, "  (%s)", err.msg);
	else if (total == 0)
		detail_add(d, "  none recorded");
	else if (total > c.shown)
		detail_add(d, "  ... and %lld more", (long long)(total - c.shown));
}

static void value_line(struct tui *t, const struct record *r, struct detail *d)
{
	char money[MONEY_TEXT_MAX], source[RECORD_TEXT_MAX];
	money_format(r->values[CVALUE_ANNUAL_VALUE].n, money);
	detail_add(d, "  from %s  %14s  %s", r->values[CVALUE_FROM].text, money,
	           record_display(r, CVALUE_SOURCE, t->cfg, source, sizeof source));
}

static void coverage_line(struct tui *t, const struct record *r, struct detail *d)
{
	char district[RECORD_TEXT_MAX];
	const struct therapy *th = config_find_therapy(t->cfg, r->values[COVERAGE_THERAPY].text);
	detail_add(d, "  %-24s %s", record_display(r, COVERAGE_DISTRICT, t->cfg, district, sizeof district),
	           th ? th->name : r->values[COVERAGE_THERAPY].text);
}

static void staffing_line(struct tui *t, const struct record *r, struct detail *d)
{
	char pct[32], fte[32], area[RECORD_TEXT_MAX];
	record_display(r, STAFFING_PCT_FUNDED, t->cfg, pct, sizeof pct);
	record_display(r, STAFFING_FTE, t->cfg, fte, sizeof fte);
	const char *area_text = record_display(r, STAFFING_AREA, t->cfg, area, sizeof area);
	detail_add(d, "  %-10s %6s%s funded  %6s FTE  %s", r->values[STAFFING_THERAPY].text, pct[0] ? pct : "-",
	           pct[0] ? "%" : " ", fte[0] ? fte : "-", area_text);
}

static void contract_detail(struct tui *t, const struct record *r, struct detail *d)
{
	detail_flags(t, r, d);
	detail_children(t, r, KIND_CONTRACT_VALUES, CVALUE_FROM, "Value history, with sources", value_line, d);
	detail_children(t, r, KIND_COVERAGE, COVERAGE_DISTRICT, "Districts and therapies covered", coverage_line, d);
	detail_children(t, r, KIND_STAFFING, STAFFING_THERAPY, "Staffing funded (% of posts, full-time equivalents)",
	                staffing_line, d);
}

static int value_saved(struct tui *t, const struct record *saved, void *ctx)
{
	(void)t;
	(void)saved;
	(void)ctx;
	return VIEW_RELOAD;
}

/* a in a contract's detail: record a new annual value from a date, with
 * where the figure comes from. */
static int contract_detail_key(struct tui *t, const struct record *r, enum action a)
{
	if (a != ACT_ADD)
		return VIEW_IGNORED;
	const struct kind *k = kinds[KIND_CONTRACT_VALUES];
	if (!record_screen_may_change(t, k))
		return VIEW_HANDLED;
	struct record value;
	record_init(&value, k);
	struct error err = {0};
	record_set(&value, CVALUE_CONTRACT, r->values[CONTRACT_REF].text, t->cfg, &err);
	form_open(t, &value, "Add a value to the history", 0, value_saved, NULL);
	record_clear(&value);
	return VIEW_HANDLED;
}

static const enum action contract_detail_hints[] = {
	ACT_EDIT, ACT_ADD, ACT_DELETE, ACT_BACK, ACT_HELP, ACT_NONE,
};

static const struct record_screen contracts_screen = {
	.title = "Contracts",
	.kind = KIND_CONTRACTS,
	.columns = contract_columns,
	.column_count = (int)(sizeof contract_columns / sizeof contract_columns[0]),
	.sort_column = 0,
	.format = format_contract,
	.detail = contract_detail,
	.detail_key = contract_detail_key,
	.detail_hints = contract_detail_hints,
};

void contracts_open(struct tui *t)
{
	record_screen_open(t, &contracts_screen);
}

/* ---- providers ------------------------------------------------------------ */

static const struct listview_column provider_columns[] = {
	{"Code", PROVIDER_CODE, 10, false},
	{"Name", PROVIDER_NAME, 50, false},
	{"Kind", PROVIDER_KIND, 0, false},
};

static void provider_contract_line(struct tui *t, const struct record *r, struct detail *d)
{
	char money[MONEY_TEXT_MAX];
	(void)t;
	money_format(r->values[CONTRACT_ANNUAL_VALUE].n, money);
	detail_add(d, "  %-14s %s to %s  %14s  %s", r->values[CONTRACT_REF].text, r->values[CONTRACT_START].text,
	           r->values[CONTRACT_END].text, money, r->values[CONTRACT_STATUS].set ? r->values[CONTRACT_STATUS].text : "");
}

static void provider_detail(struct tui *t, const struct record *r, struct detail *d)
{
	enum { MAX_SHOWN = 120 };
	struct list_query q;
	list_query_init(&q, kinds[KIND_CONTRACTS]);
	q.parent_field = CONTRACT_PROVIDER;
	q.parent_id = r->id;
	q.sort_field = CONTRACT_START;
	struct child_lines c = {t, d, 0, provider_contract_line};
	struct error err = {0};
	detail_add(d, "%s", "");
	detail_heading(d, "Contracts");
	if (list_fetch(t->s, &q, NULL, false, MAX_SHOWN, add_child_line, &c, &err) != 0)
		detail_add(d, "  (%s)", err.msg);
	else if (c.shown == 0)
		detail_add(d, "  none: this provider works without a contract with the council");
}

static const struct record_screen providers_screen = {
	.title = "Providers",
	.kind = KIND_PROVIDERS,
	.columns = provider_columns,
	.column_count = (int)(sizeof provider_columns / sizeof provider_columns[0]),
	.sort_column = 0,
	.detail = provider_detail,
};

void providers_open(struct tui *t)
{
	record_screen_open(t, &providers_screen);
}
