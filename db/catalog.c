#include "db/catalog.h"

#include <string.h>

#define COLUMNS(a) a, (int)(sizeof a / sizeof a[0])

static const struct db_column provider_columns[] = {
	{"code", DB_TEXT, TABLE_NONE},
	{"name", DB_TEXT, TABLE_NONE},
	{"kind", DB_TEXT, TABLE_NONE},
};

static const struct db_column contract_columns[] = {
	{"ref", DB_TEXT, TABLE_NONE},
	{"provider_id", DB_INTEGER, TABLE_PROVIDERS},
	{"annual_value_pence", DB_INTEGER, TABLE_NONE},
	{"start_date", DB_TEXT, TABLE_NONE},
	{"end_date", DB_TEXT, TABLE_NONE},
	{"title", DB_TEXT, TABLE_NONE},
	{"status", DB_TEXT, TABLE_NONE},
	{"signed_date", DB_TEXT, TABLE_NONE},
	{"route", DB_TEXT, TABLE_NONE},
	{"decision_ref", DB_TEXT, TABLE_NONE},
	{"notes", DB_TEXT, TABLE_NONE},
	{"type", DB_TEXT, TABLE_NONE},
};

static const struct db_column contract_value_columns[] = {
	{"contract_id", DB_INTEGER, TABLE_CONTRACTS},
	{"from_date", DB_TEXT, TABLE_NONE},
	{"annual_value_pence", DB_INTEGER, TABLE_NONE},
	{"source", DB_TEXT, TABLE_NONE},
};

static const struct db_column coverage_columns[] = {
	{"contract_id", DB_INTEGER, TABLE_CONTRACTS},
	{"district", DB_TEXT, TABLE_NONE},
	{"therapy", DB_TEXT, TABLE_NONE},
};

static const struct db_column staffing_columns[] = {
	{"contract_id", DB_INTEGER, TABLE_CONTRACTS},
	{"therapy", DB_TEXT, TABLE_NONE},
	{"area", DB_TEXT, TABLE_NONE},
	{"pct_funded", DB_REAL, TABLE_NONE},
	{"fte", DB_REAL, TABLE_NONE},
};

static const struct db_column child_columns[] = {
	{"ref", DB_TEXT, TABLE_NONE},
	{"first_name", DB_TEXT, TABLE_NONE},
	{"last_name", DB_TEXT, TABLE_NONE},
	{"date_of_birth", DB_TEXT, TABLE_NONE},
	{"upn", DB_TEXT, TABLE_NONE},
	{"sex", DB_TEXT, TABLE_NONE},
	{"district", DB_TEXT, TABLE_NONE},
	{"primary_need", DB_TEXT, TABLE_NONE},
	{"ehcp_start_date", DB_TEXT, TABLE_NONE},
	{"caseworker_id", DB_INTEGER, TABLE_USERS},
	{"school", DB_TEXT, TABLE_NONE},
	{"last_review_date", DB_TEXT, TABLE_NONE},
	{"ehcp_status", DB_TEXT, TABLE_NONE},
};

static const struct db_column therapy_entry_columns[] = {
	{"ref", DB_TEXT, TABLE_NONE},
	{"child_id", DB_INTEGER, TABLE_CHILDREN},
	{"section", DB_TEXT, TABLE_NONE},
	{"therapy", DB_TEXT, TABLE_NONE},
	{"start_date", DB_TEXT, TABLE_NONE},
	{"end_date", DB_TEXT, TABLE_NONE},
	{"funding", DB_TEXT, TABLE_NONE},
	{"contract_id", DB_INTEGER, TABLE_CONTRACTS},
	{"minutes_per_week", DB_INTEGER, TABLE_NONE},
	{"level", DB_TEXT, TABLE_NONE},
	{"strand", DB_TEXT, TABLE_NONE},
	{"description", DB_TEXT, TABLE_NONE},
	{"term_time_only", DB_INTEGER, TABLE_NONE},
};

static const struct db_column provision_columns[] = {
	{"entry_id", DB_INTEGER, TABLE_THERAPY_ENTRIES},
	{"date", DB_TEXT, TABLE_NONE},
	{"minutes", DB_INTEGER, TABLE_NONE},
	{"therapist", DB_TEXT, TABLE_NONE},
	{"notes", DB_TEXT, TABLE_NONE},
	{"ref", DB_TEXT, TABLE_NONE},
	{"outcome", DB_TEXT, TABLE_NONE},
};

static const struct db_column spot_purchase_columns[] = {
	{"ref", DB_TEXT, TABLE_NONE},
	{"child_id", DB_INTEGER, TABLE_CHILDREN},
	{"provider_id", DB_INTEGER, TABLE_PROVIDERS},
	{"therapy", DB_TEXT, TABLE_NONE},
	{"start_date", DB_TEXT, TABLE_NONE},
	{"cost_pence", DB_INTEGER, TABLE_NONE},
	{"end_date", DB_TEXT, TABLE_NONE},
	{"invoice_ref", DB_TEXT, TABLE_NONE},
};

static const struct db_column personal_budget_columns[] = {
	{"ref", DB_TEXT, TABLE_NONE},
	{"child_id", DB_INTEGER, TABLE_CHILDREN},
	{"start_date", DB_TEXT, TABLE_NONE},
	{"end_date", DB_TEXT, TABLE_NONE},
	{"amount_pence", DB_INTEGER, TABLE_NONE},
	{"therapy_amount_pence", DB_INTEGER, TABLE_NONE},
	{"eotas", DB_INTEGER, TABLE_NONE},
	{"purpose", DB_TEXT, TABLE_NONE},
};

static const struct db_column return_columns[] = {
	{"provider_id", DB_INTEGER, TABLE_PROVIDERS},
	{"therapy", DB_TEXT, TABLE_NONE},
	{"month", DB_TEXT, TABLE_NONE},
	{"referrals", DB_INTEGER, TABLE_NONE},
	{"waiting_assessment", DB_INTEGER, TABLE_NONE},
	{"waiting_assessment_over_12w", DB_INTEGER, TABLE_NONE},
	{"waiting_intervention", DB_INTEGER, TABLE_NONE},
	{"waiting_intervention_over_12w", DB_INTEGER, TABLE_NONE},
	{"caseload", DB_INTEGER, TABLE_NONE},
};

static const struct db_column funder_columns[] = {
	{"contract_id", DB_INTEGER, TABLE_CONTRACTS},
	{"funder", DB_TEXT, TABLE_NONE},
	{"annual_amount_pence", DB_INTEGER, TABLE_NONE},
	{"pays_for", DB_TEXT, TABLE_NONE},
	{"source", DB_TEXT, TABLE_NONE},
	{"council", DB_INTEGER, TABLE_NONE},
};

static const struct db_column activity_return_columns[] = {
	{"provider_id", DB_INTEGER, TABLE_PROVIDERS},
	{"year", DB_INTEGER, TABLE_NONE},
	{"referrals", DB_INTEGER, TABLE_NONE},
	{"one_off_consultations", DB_INTEGER, TABLE_NONE},
	{"not_accepted", DB_INTEGER, TABLE_NONE},
	{"accepted", DB_INTEGER, TABLE_NONE},
	{"assessments", DB_INTEGER, TABLE_NONE},
	{"re_assessments", DB_INTEGER, TABLE_NONE},
	{"caseload", DB_INTEGER, TABLE_NONE},
	{"source", DB_TEXT, TABLE_NONE},
};

static const struct db_column user_columns[] = {
	{"login", DB_TEXT, TABLE_NONE},
	{"role", DB_TEXT, TABLE_NONE},
};

const struct db_table db_tables[TABLE_COUNT] = {
	[TABLE_PROVIDERS] = {"providers", COLUMNS(provider_columns), {0}, 1, "providers_search"},
	[TABLE_CONTRACTS] = {"contracts", COLUMNS(contract_columns), {0}, 1, "contracts_search"},
	[TABLE_CONTRACT_VALUES] = {"contract_values", COLUMNS(contract_value_columns), {0, 1}, 2, NULL},
	[TABLE_COVERAGE] = {"coverage", COLUMNS(coverage_columns), {0, 1, 2}, 3, NULL},
	[TABLE_STAFFING] = {"staffing", COLUMNS(staffing_columns), {0, 1, 2}, 3, NULL},
	[TABLE_CHILDREN] = {"children", COLUMNS(child_columns), {0}, 1, "children_search"},
	[TABLE_THERAPY_ENTRIES] = {"therapy_entries", COLUMNS(therapy_entry_columns), {0}, 1, "therapy_entries_search"},
	[TABLE_PROVISION] = {"provision", COLUMNS(provision_columns), {5}, 1, NULL},
	[TABLE_SPOT_PURCHASES] = {"spot_purchases", COLUMNS(spot_purchase_columns), {0}, 1, "spot_purchases_search"},
	[TABLE_PERSONAL_BUDGETS] = {"personal_budgets", COLUMNS(personal_budget_columns), {0}, 1, "personal_budgets_search"},
	[TABLE_RETURNS] = {"provider_returns", COLUMNS(return_columns), {0, 1, 2}, 3, NULL},
	[TABLE_FUNDERS] = {"funders", COLUMNS(funder_columns), {0, 1}, 2, NULL},
	[TABLE_ACTIVITY_RETURNS] = {"activity_returns", COLUMNS(activity_return_columns), {0, 1}, 2, NULL},
	[TABLE_USERS] = {"users", COLUMNS(user_columns), {0}, 1, NULL},
};

int db_column_index(enum db_table_id t, const char *name)
{
	const struct db_table *table = &db_tables[t];
	for (int i = 0; i < table->column_count; i++)
		if (strcmp(table->columns[i].name, name) == 0)
			return i;
	return -1;
}
