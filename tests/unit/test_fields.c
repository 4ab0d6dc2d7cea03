/* test_fields.c: the field names of core/fields.h name the fields they
 * say, and reasons read with labels on screen. */
#include <criterion/criterion.h>
#include <string.h>

#include "core/fields.h"
#include "core/kind.h"
#include "core/record.h"

static void expect_name(enum kind_id k, int field, const char *name)
{
	cr_assert_lt(field, kinds[k]->field_count, "%s: field %d out of range", kinds[k]->name, field);
	cr_expect_str_eq(kinds[k]->fields[field].name, name, "%s field %d", kinds[k]->name, field);
}

Test(fields, enum_names_point_at_their_fields)
{
	expect_name(KIND_CONTRACTS, CONTRACT_END, "end_date");
	expect_name(KIND_CONTRACTS, CONTRACT_DECISION, "decision_ref");
	expect_name(KIND_CONTRACT_VALUES, CVALUE_SOURCE, "source");
	expect_name(KIND_COVERAGE, COVERAGE_THERAPY, "therapy");
	expect_name(KIND_STAFFING, STAFFING_FTE, "fte");
	expect_name(KIND_CHILDREN, CHILD_UPN, "upn");
	expect_name(KIND_THERAPY_ENTRIES, ENTRY_MINUTES, "minutes_per_week");
	expect_name(KIND_PROVISION, PROVISION_THERAPIST, "therapist");
	expect_name(KIND_SPOT_PURCHASES, SPOT_COST, "cost");
	expect_name(KIND_PERSONAL_BUDGETS, PB_EOTAS, "eotas");
	expect_name(KIND_RETURNS, RETURN_WAIT_INTERV_12W, "waiting_intervention_over_12w");
	expect_name(KIND_USERS, USER_ROLE, "role");
	expect_name(KIND_PROVIDERS, PROVIDER_KIND, "kind");
}

Test(fields, each_count_is_the_kinds_field_count)
{
	cr_expect_eq(CONTRACT_FIELD_COUNT, kinds[KIND_CONTRACTS]->field_count);
	cr_expect_eq(CHILD_FIELD_COUNT, kinds[KIND_CHILDREN]->field_count);
	cr_expect_eq(THERAPY_ENTRY_FIELD_COUNT, kinds[KIND_THERAPY_ENTRIES]->field_count);
	cr_expect_eq(PROVISION_FIELD_COUNT, kinds[KIND_PROVISION]->field_count);
	cr_expect_eq(SPOT_PURCHASE_FIELD_COUNT, kinds[KIND_SPOT_PURCHASES]->field_count);
	cr_expect_eq(RETURN_FIELD_COUNT, kinds[KIND_RETURNS]->field_count);
	cr_expect_eq(USER_FIELD_COUNT, kinds[KIND_USERS]->field_count);
}

Test(fields, labels_are_unique_within_each_kind)
{
	for (int k = 0; k < KIND_COUNT; k++)
		for (int i = 0; i < kinds[k]->field_count; i++)
			for (int j = i + 1; j < kinds[k]->field_count; j++)
				cr_expect_str_neq(kinds[k]->fields[i].label, kinds[k]->fields[j].label,
				                  "%s: fields %s and %s share a label", kinds[k]->name,
				                  kinds[k]->fields[i].name, kinds[k]->fields[j].name);
}

/* The rule's reason keeps CSV names for the command line and reads with
 * labels on screen. */
Test(fields, a_rule_across_fields_reads_with_labels_for_people)
{
	const struct kind *k = kinds[KIND_CONTRACTS];
	struct record r;
	record_init(&r, k);
	struct error err = {0};
	cr_assert_eq(record_set(&r, CONTRACT_START, "2024-04-01", NULL, &err), 0, "%s", err.msg);
	cr_assert_eq(record_set(&r, CONTRACT_END, "2024-03-31", NULL, &err), 0, "%s", err.msg);
	cr_assert_eq(k->check(&r, NULL, &err), EX_DATAERR);
	cr_expect_str_eq(err.msg, "must be after start_date");
	cr_expect_eq(err.field, CONTRACT_END + 1);
	error_prefix(&err, "%s", k->fields[CONTRACT_END].name);
	char people[ERROR_MSG_MAX];
	kind_reason_for_people(k, &err, people, sizeof people);
	cr_expect_str_eq(people, "must be after Start");
	record_clear(&r);
}

Test(fields, a_returns_part_larger_than_its_whole_names_both_by_label)
{
	const struct kind *k = kinds[KIND_RETURNS];
	struct record r;
	record_init(&r, k);
	struct error err = {0};
	cr_assert_eq(record_set(&r, RETURN_WAIT_ASSESS, "3", NULL, &err), 0, "%s", err.msg);
	cr_assert_eq(record_set(&r, RETURN_WAIT_ASSESS_12W, "5", NULL, &err), 0, "%s", err.msg);
	cr_assert_eq(k->check(&r, NULL, &err), EX_DATAERR);
	char people[ERROR_MSG_MAX];
	kind_reason_for_people(k, &err, people, sizeof people);
	cr_expect_str_eq(people, "is more than Wait assess");
	cr_expect_str_eq(k->fields[err.field - 1].label, "Assess >12w");
	record_clear(&r);
}
