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
#include "tui/contract_renew.h"
#include "tui/recordlist.h"
#include "tui/screens.h"

/* At 80 columns the flags keep ten columns; the period's start is in
 * the record view. */
static const struct listview_column contract_columns[] = {
	{"Ref", CONTRACT_REF, 12, false},
	{"Provider", CONTRACT_PROVIDER, 8, false},
	{"Annual value", CONTRACT_ANNUAL_VALUE, 13, true},
	{"Rate today", -1, 13, true},
	{"Ends", CONTRACT_END, 10, false},
	{"Status", CONTRACT_STATUS, 6, false},
	{"Flags", -1, 0, false},
};

enum { COLUMN_REF, COLUMN_PROVIDER, COLUMN_VALUE, COLUMN_RATE, COLUMN_END, COLUMN_STATUS, COLUMN_FLAGS };

static void format_contract(struct tui *t, const struct record *r, struct listview_row *row,
                            void *ctx)
{
	(void)ctx;
	char buf[RECORD_TEXT_MAX];
	snprintf(row->cells[COLUMN_REF], LISTVIEW_CELL_MAX, "%.*s", LISTVIEW_CELL_MAX - 1,
	         record_display(r, CONTRACT_REF, t->cfg, buf, sizeof buf));
	snprintf(row->cells[COLUMN_PROVIDER], LISTVIEW_CELL_MAX, "%.*s", LISTVIEW_CELL_MAX - 1,
	         record_display(r, CONTRACT_PROVIDER, t->cfg, buf, sizeof buf));
	money_format(r->values[CONTRACT_ANNUAL_VALUE].n, row->cells[COLUMN_VALUE]);
	snprintf(row->cells[COLUMN_END], LISTVIEW_CELL_MAX, "%s", r->values[CONTRACT_END].text);
	snprintf(row->cells[COLUMN_STATUS], LISTVIEW_CELL_MAX, "%s",
	         r->values[CONTRACT_STATUS].set ? r->values[CONTRACT_STATUS].text : "-");
	struct contract_standing st;
	struct error err = {0};
	if (contract_summary(t->s, r, date_today(), &st, &err) != 0) {
		snprintf(row->cells[COLUMN_FLAGS], LISTVIEW_CELL_MAX, "? %.*s", LISTVIEW_CELL_MAX - 3, err.msg);
		snprintf(row->cells[COLUMN_RATE], LISTVIEW_CELL_MAX, "?");
	} else {
		snprintf(row->cells[COLUMN_FLAGS], LISTVIEW_CELL_MAX, "%s", st.flags);
		money_format(st.rate, row->cells[COLUMN_RATE]);
	}
	row->warn = row->cells[COLUMN_FLAGS][0] != '\0';
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
	struct contract_standing st;
	char money[MONEY_TEXT_MAX];
	struct error err = {0};
	if (contract_summary(t->s, r, date_today(), &st, &err) != 0) {
		detail_add(d, "  (cannot work out the lifetime value: %s)", err.msg);
		return;
	}
	money_format(st.rate, money);
	detail_field(d, "Rate today", money);
	money_format(st.lifetime, money);
	detail_add(d, "  %-16s %s (financial years pro rata by days)", "Lifetime value", money);
	if (st.funding.funders > 0 || st.funding.is_service) {
		money_format(st.funding.council, money);
		detail_add(d, "  %-16s %s (the lifetime value: what the council spends)", "Council's share", money);
		money_format(st.funding.others, money);
		detail_add(d, "  %-16s %s", "Other funders", money);
		money_format(st.funding.total, money);
		detail_add(d, "  %-16s %s", "Total", money);
	}
	detail_add(d, "%s", "");
	detail_heading(d, "Flags today");
	if (st.flags[0] == '\0')
		detail_add(d, "  none");
	char *save = NULL;
	for (char *f = strtok_r(st.flags, ";", &save); f; f = strtok_r(NULL, ";", &save))
		detail_add(d, "  %-20s %s", f, flag_meaning(f));
}

/* ---- a contract's related lists ------------------------------------------- */

static const struct listview_column value_columns[] = {
	{"From", CVALUE_FROM, 10, false},
	{"Annual value", CVALUE_ANNUAL_VALUE, 14, true},
	{"Source", CVALUE_SOURCE, 0, false},
};

static const struct listview_column coverage_columns[] = {
	{"District", COVERAGE_DISTRICT, 24, false},
	{"Therapy", COVERAGE_THERAPY, 0, false},
};

/* The therapy's name, not its code. */
static void format_coverage(struct tui *t, const struct record *r, struct listview_row *row, void *ctx)
{
	(void)ctx;
	char district[RECORD_TEXT_MAX];
	snprintf(row->cells[0], LISTVIEW_CELL_MAX, "%.*s", LISTVIEW_CELL_MAX - 1,
	         record_display(r, COVERAGE_DISTRICT, t->cfg, district, sizeof district));
	const struct therapy *th = config_find_therapy(t->cfg, r->values[COVERAGE_THERAPY].text);
	snprintf(row->cells[1], LISTVIEW_CELL_MAX, "%s", th ? th->name : r->values[COVERAGE_THERAPY].text);
}

static const struct listview_column staffing_columns[] = {
	{"Therapy", STAFFING_THERAPY, 9, false},
	{"% funded", STAFFING_PCT_FUNDED, 8, true},
	{"FTE", STAFFING_FTE, 7, true},
	{"Area", STAFFING_AREA, 0, false},
};

static const struct listview_column funder_columns[] = {
	{"Funder", FUNDER_NAME, 22, false},
	{"Annual amount", FUNDER_ANNUAL_AMOUNT, 14, true},
	{"Council", FUNDER_COUNCIL, 7, false},
	{"Pays for", FUNDER_PAYS_FOR, 0, false},
};

#define COUNT_OF(a) ((int)(sizeof(a) / sizeof((a)[0])))

static const struct related_list contract_related[] = {
	{.title = "Value history, with sources", .kind = KIND_CONTRACT_VALUES, .parent_field = CVALUE_CONTRACT,
	 .columns = value_columns, .column_count = COUNT_OF(value_columns), .sort_column = 0},
	{.title = "Districts and therapies covered", .kind = KIND_COVERAGE, .parent_field = COVERAGE_CONTRACT,
	 .columns = coverage_columns, .column_count = COUNT_OF(coverage_columns), .sort_column = 0,
	 .format = format_coverage},
	{.title = "Staffing funded (% of posts, full-time equivalents)", .kind = KIND_STAFFING,
	 .parent_field = STAFFING_CONTRACT, .columns = staffing_columns,
	 .column_count = COUNT_OF(staffing_columns), .sort_column = 0},
	{.title = "Funders (annual amounts)", .kind = KIND_FUNDERS, .parent_field = FUNDER_CONTRACT,
	 .columns = funder_columns, .column_count = COUNT_OF(funder_columns), .sort_column = 0},
};

static int renew_from_list(struct tui *t, struct list_query *q, const struct record *selected,
                           enum action a)
{
	(void)q;
	return contract_renew_key(t, selected, a);
}

static const struct record_screen contracts_screen = {
	.title = "Contracts",
	.kind = KIND_CONTRACTS,
	.columns = contract_columns,
	.column_count = COUNT_OF(contract_columns),
	.sort_column = 0,
	.format = format_contract,
	.detail = detail_flags,
	.related = contract_related,
	.related_count = COUNT_OF(contract_related),
	.list_key = renew_from_list,
	.detail_key = contract_renew_key,
	.list_scopes = SCOPE_CONTRACTS,
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

static const struct listview_column activity_columns[] = {
	{"Year", ACTIVITY_YEAR, 6, true},
	{"Referrals", ACTIVITY_REFERRALS, 9, true},
	{"One-off", ACTIVITY_ONE_OFF, 7, true},
	{"Not acc.", ACTIVITY_NOT_ACCEPTED, 8, true},
	{"Accepted", ACTIVITY_ACCEPTED, 8, true},
	{"Assess.", ACTIVITY_ASSESSMENTS, 7, true},
	{"Re-assess.", ACTIVITY_RE_ASSESSMENTS, 10, true},
	{"Caseload", ACTIVITY_CASELOAD, 0, true},
};

static const struct related_list provider_related[] = {
	{.title = "Contracts", .kind = KIND_CONTRACTS, .parent_field = CONTRACT_PROVIDER,
	 .columns = contract_columns, .column_count = COUNT_OF(contract_columns), .sort_column = COLUMN_END,
	 .format = format_contract, .screen = &contracts_screen},
	{.title = "Activity by year", .kind = KIND_ACTIVITY_RETURNS, .parent_field = ACTIVITY_PROVIDER,
	 .columns = activity_columns, .column_count = COUNT_OF(activity_columns), .sort_column = 0},
};

const struct record_screen *contract_record_screen(void)
{
	return &contracts_screen;
}

static const struct record_screen providers_screen = {
	.title = "Providers",
	.kind = KIND_PROVIDERS,
	.columns = provider_columns,
	.column_count = COUNT_OF(provider_columns),
	.sort_column = 0,
	.related = provider_related,
	.related_count = COUNT_OF(provider_related),
};

void providers_open(struct tui *t)
{
	record_screen_open(t, &providers_screen);
}
