/* fields.h: every kind's fields, in order, named once.
 *
 * Each list below is the one description of a kind's fields: core/kind.c
 * expands it into the field table (the second argument of X is the
 * field's description there, with kind.c's TEXT, TYPED... helpers), and
 * this header expands it into an enum of field indexes, so that screens,
 * reports and rules say CONTRACT_END instead of 4.  Reordering a list
 * renumbers every use; removing a field is a compile error where it is
 * used.  db/catalog.c lists the columns in the same order (a unit test
 * holds the two together). */
#ifndef SENDESK_FIELDS_H
#define SENDESK_FIELDS_H

#define PROVIDER_FIELDS(X) \
	X(PROVIDER_CODE, TEXT("code", "Code", true, 10, 20)) \
	X(PROVIDER_NAME, TEXT("name", "Name", true, 40, 200)) \
	X(PROVIDER_KIND, CHOICE("kind", "Kind", false, 11, provider_kinds))

#define CONTRACT_FIELDS(X) \
	X(CONTRACT_REF, TEXT("ref", "Ref", true, 14, 40)) \
	X(CONTRACT_PROVIDER, REF("provider", "Provider", true, 10, KIND_PROVIDERS)) \
	X(CONTRACT_ANNUAL_VALUE, TYPED("annual_value", "Annual value", FIELD_MONEY, true, 14)) \
	X(CONTRACT_START, TYPED("start_date", "Start", FIELD_DATE, true, 10)) \
	X(CONTRACT_END, TYPED("end_date", "End", FIELD_DATE, true, 10)) \
	X(CONTRACT_TITLE, TEXT("title", "Title", false, 40, 200)) \
	X(CONTRACT_STATUS, CHOICE("status", "Status", false, 6, contract_statuses)) \
	X(CONTRACT_SIGNED, TYPED("signed_date", "Signed", FIELD_DATE, false, 10)) \
	X(CONTRACT_ROUTE, CHOICE("route", "Route", false, 17, routes)) \
	X(CONTRACT_DECISION, TEXT("decision_ref", "Decision", false, 10, 40)) \
	X(CONTRACT_NOTES, TEXT("notes", "Notes", false, 60, 2000)) \
	X(CONTRACT_TYPE, CHOICE("type", "Type", false, 8, contract_types))

#define CONTRACT_VALUE_FIELDS(X) \
	X(CVALUE_CONTRACT, REF("contract", "Contract", true, 14, KIND_CONTRACTS)) \
	X(CVALUE_FROM, TYPED("from_date", "From", FIELD_DATE, true, 10)) \
	X(CVALUE_ANNUAL_VALUE, TYPED("annual_value", "Annual value", FIELD_MONEY, true, 14)) \
	X(CVALUE_SOURCE, TEXT("source", "Source", false, 60, 500))

#define COVERAGE_FIELDS(X) \
	X(COVERAGE_CONTRACT, REF("contract", "Contract", true, 14, KIND_CONTRACTS)) \
	X(COVERAGE_DISTRICT, TYPED("district", "District", FIELD_DISTRICT, true, 22)) \
	X(COVERAGE_THERAPY, TYPED("therapy", "Therapy", FIELD_THERAPY, true, 9))

#define STAFFING_FIELDS(X) \
	X(STAFFING_CONTRACT, REF("contract", "Contract", true, 14, KIND_CONTRACTS)) \
	X(STAFFING_THERAPY, TYPED("therapy", "Therapy", FIELD_THERAPY, true, 9)) \
	X(STAFFING_AREA, TEXT("area", "Area", false, 30, 200)) \
	X(STAFFING_PCT_FUNDED, DECIMAL("pct_funded", "% funded", false, 8, 0, 100)) \
	X(STAFFING_FTE, DECIMAL("fte", "FTE", false, 7, 0, 10000))

#define CHILD_FIELDS(X) \
	X(CHILD_REF, TEXT("ref", "Ref", true, 10, 40)) \
	X(CHILD_FIRST_NAME, TEXT("first_name", "First name", true, 16, 100)) \
	X(CHILD_LAST_NAME, TEXT("last_name", "Last name", true, 18, 100)) \
	X(CHILD_DOB, TYPED("date_of_birth", "Born", FIELD_DATE, true, 10)) \
	X(CHILD_UPN, TYPED("upn", "UPN", FIELD_UPN, false, 13)) \
	X(CHILD_SEX, CHOICE("sex", "Sex", false, 3, sexes)) \
	X(CHILD_DISTRICT, TYPED("district", "District", FIELD_DISTRICT, false, 22)) \
	X(CHILD_PRIMARY_NEED, CHOICE("primary_need", "Need", false, 5, upn_primary_need_codes)) \
	X(CHILD_EHCP_START, TYPED("ehcp_start_date", "EHCP from", FIELD_DATE, false, 10)) \
	X(CHILD_CASEWORKER, REF("caseworker", "Caseworker", false, 12, KIND_USERS)) \
	X(CHILD_SCHOOL, TEXT("school", "School", false, 30, 200)) \
	X(CHILD_LAST_REVIEW, TYPED("last_review_date", "Last review", FIELD_DATE, false, 10)) \
	X(CHILD_EHCP_STATUS, CHOICE("ehcp_status", "EHCP status", false, 15, ehcp_statuses))

#define THERAPY_ENTRY_FIELDS(X) \
	X(ENTRY_REF, TEXT("ref", "Ref", true, 12, 40)) \
	X(ENTRY_CHILD, REF("child", "Child", true, 10, KIND_CHILDREN)) \
	X(ENTRY_SECTION, CHOICE("section", "Sect", true, 4, sections)) \
	X(ENTRY_THERAPY, TYPED("therapy", "Therapy", FIELD_THERAPY, true, 9)) \
	X(ENTRY_START, TYPED("start_date", "Start", FIELD_DATE, true, 10)) \
	X(ENTRY_END, TYPED("end_date", "End", FIELD_DATE, false, 10)) \
	X(ENTRY_FUNDING, CHOICE("funding", "Funding", false, 8, fundings)) \
	X(ENTRY_CONTRACT, REF("contract", "Contract", false, 14, KIND_CONTRACTS)) \
	X(ENTRY_MINUTES, COUNT("minutes_per_week", "Min/week", false, 8, 0, 10080)) \
	X(ENTRY_LEVEL, CHOICE("level", "Level", false, 10, levels)) \
	X(ENTRY_STRAND, CHOICE("strand", "Strand", false, 14, strands)) \
	X(ENTRY_DESCRIPTION, TEXT("description", "Description", false, 40, 2000)) \
	X(ENTRY_TERM_TIME_ONLY, YESNO_OR("term_time_only", "Term time only", 3, "no"))

#define PROVISION_FIELDS(X) \
	X(PROVISION_ENTRY, REF("entry", "Entry", true, 12, KIND_THERAPY_ENTRIES)) \
	X(PROVISION_DATE, TYPED("date", "Date", FIELD_DATE, true, 10)) \
	X(PROVISION_MINUTES, COUNT("minutes", "Minutes", true, 7, 1, 1440)) \
	X(PROVISION_THERAPIST, TEXT("therapist", "Therapist", false, 20, 100)) \
	X(PROVISION_NOTES, TEXT("notes", "Notes", false, 40, 2000)) \
	X(PROVISION_REF, TEXT("ref", "Ref", false, 12, 40)) \
	X(PROVISION_OUTCOME, CHOICE_OR("outcome", "Outcome", 18, outcomes, "delivered"))

#define SPOT_PURCHASE_FIELDS(X) \
	X(SPOT_REF, TEXT("ref", "Ref", true, 12, 40)) \
	X(SPOT_CHILD, REF("child", "Child", true, 10, KIND_CHILDREN)) \
	X(SPOT_PROVIDER, REF("provider", "Provider", true, 10, KIND_PROVIDERS)) \
	X(SPOT_THERAPY, TYPED("therapy", "Therapy", FIELD_THERAPY, true, 9)) \
	X(SPOT_START, TYPED("start_date", "Start", FIELD_DATE, true, 10)) \
	X(SPOT_COST, TYPED("cost", "Cost", FIELD_MONEY, true, 12)) \
	X(SPOT_END, TYPED("end_date", "End", FIELD_DATE, false, 10)) \
	X(SPOT_INVOICE, TEXT("invoice_ref", "Invoice", false, 14, 40))

#define PERSONAL_BUDGET_FIELDS(X) \
	X(PB_REF, TEXT("ref", "Ref", true, 12, 40)) \
	X(PB_CHILD, REF("child", "Child", true, 10, KIND_CHILDREN)) \
	X(PB_START, TYPED("start_date", "Start", FIELD_DATE, true, 10)) \
	X(PB_END, TYPED("end_date", "End", FIELD_DATE, true, 10)) \
	X(PB_AMOUNT, TYPED("amount", "Amount", FIELD_MONEY, true, 12)) \
	X(PB_THERAPY_AMOUNT, TYPED("therapy_amount", "Therapy", FIELD_MONEY, false, 12)) \
	X(PB_EOTAS, TYPED("eotas", "EOTAS", FIELD_YESNO, false, 5)) \
	X(PB_PURPOSE, TEXT("purpose", "Purpose", false, 40, 500))

#define RETURN_FIELDS(X) \
	X(RETURN_PROVIDER, REF("provider", "Provider", true, 10, KIND_PROVIDERS)) \
	X(RETURN_THERAPY, TYPED("therapy", "Therapy", FIELD_THERAPY, true, 9)) \
	X(RETURN_MONTH, TYPED("month", "Month", FIELD_MONTH, true, 7)) \
	X(RETURN_REFERRALS, COUNT("referrals", "Referrals", false, 9, 0, 1000000)) \
	X(RETURN_WAIT_ASSESS, COUNT("waiting_assessment", "Wait assess", false, 11, 0, 1000000)) \
	X(RETURN_WAIT_ASSESS_12W, COUNT("waiting_assessment_over_12w", "Assess >12w", false, 11, 0, 1000000)) \
	X(RETURN_WAIT_INTERV, COUNT("waiting_intervention", "Wait interv", false, 11, 0, 1000000)) \
	X(RETURN_WAIT_INTERV_12W, COUNT("waiting_intervention_over_12w", "Interv >12w", false, 11, 0, 1000000)) \
	X(RETURN_CASELOAD, COUNT("caseload", "Caseload", false, 8, 0, 10000000))

/* Who pays towards a contract or pooled service each year; council: the
 * council's own share, which is the contract's annual value already. */
#define FUNDER_FIELDS(X) \
	X(FUNDER_CONTRACT, REF("contract", "Contract", true, 14, KIND_CONTRACTS)) \
	X(FUNDER_NAME, TEXT("funder", "Funder", true, 24, 200)) \
	X(FUNDER_ANNUAL_AMOUNT, TYPED("annual_amount", "Annual amount", FIELD_MONEY, true, 14)) \
	X(FUNDER_PAYS_FOR, TEXT("pays_for", "Pays for", false, 30, 500)) \
	X(FUNDER_SOURCE, TEXT("source", "Source", false, 60, 500)) \
	X(FUNDER_COUNCIL, YESNO_OR("council", "Council", 7, "no"))

/* A provider's activity over one calendar year. */
#define ACTIVITY_RETURN_FIELDS(X) \
	X(ACTIVITY_PROVIDER, REF("provider", "Provider", true, 10, KIND_PROVIDERS)) \
	X(ACTIVITY_YEAR, COUNT("year", "Year", true, 4, 1900, 2999)) \
	X(ACTIVITY_REFERRALS, COUNT("referrals", "Referrals", false, 9, 0, 10000000)) \
	X(ACTIVITY_ONE_OFF, COUNT("one_off_consultations", "One-off", false, 7, 0, 10000000)) \
	X(ACTIVITY_NOT_ACCEPTED, COUNT("not_accepted", "Not accepted", false, 12, 0, 10000000)) \
	X(ACTIVITY_ACCEPTED, COUNT("accepted", "Accepted", false, 8, 0, 10000000)) \
	X(ACTIVITY_ASSESSMENTS, COUNT("assessments", "Assessments", false, 11, 0, 10000000)) \
	X(ACTIVITY_RE_ASSESSMENTS, COUNT("re_assessments", "Re-assessments", false, 14, 0, 10000000)) \
	X(ACTIVITY_CASELOAD, COUNT("caseload", "Caseload", false, 8, 0, 10000000)) \
	X(ACTIVITY_SOURCE, TEXT("source", "Source", false, 60, 500))

#define USER_FIELDS(X) \
	X(USER_LOGIN, TEXT("login", "Login", true, 16, 32)) \
	X(USER_ROLE, CHOICE("role", "Role", true, 10, roles))

#define FIELD_INDEX(id, description) id,
enum provider_field { PROVIDER_FIELDS(FIELD_INDEX) PROVIDER_FIELD_COUNT };
enum contract_field { CONTRACT_FIELDS(FIELD_INDEX) CONTRACT_FIELD_COUNT };
enum contract_value_field { CONTRACT_VALUE_FIELDS(FIELD_INDEX) CONTRACT_VALUE_FIELD_COUNT };
enum coverage_field { COVERAGE_FIELDS(FIELD_INDEX) COVERAGE_FIELD_COUNT };
enum staffing_field { STAFFING_FIELDS(FIELD_INDEX) STAFFING_FIELD_COUNT };
enum child_field { CHILD_FIELDS(FIELD_INDEX) CHILD_FIELD_COUNT };
enum therapy_entry_field { THERAPY_ENTRY_FIELDS(FIELD_INDEX) THERAPY_ENTRY_FIELD_COUNT };
enum provision_field { PROVISION_FIELDS(FIELD_INDEX) PROVISION_FIELD_COUNT };
enum spot_purchase_field { SPOT_PURCHASE_FIELDS(FIELD_INDEX) SPOT_PURCHASE_FIELD_COUNT };
enum personal_budget_field { PERSONAL_BUDGET_FIELDS(FIELD_INDEX) PERSONAL_BUDGET_FIELD_COUNT };
enum return_field { RETURN_FIELDS(FIELD_INDEX) RETURN_FIELD_COUNT };
enum funder_field { FUNDER_FIELDS(FIELD_INDEX) FUNDER_FIELD_COUNT };
enum activity_return_field { ACTIVITY_RETURN_FIELDS(FIELD_INDEX) ACTIVITY_RETURN_FIELD_COUNT };
enum user_field { USER_FIELDS(FIELD_INDEX) USER_FIELD_COUNT };
#undef FIELD_INDEX

#endif
