#include "core/kind.h"

#include <string.h>
#include <strings.h>

#include "core/date.h"
#include "core/record.h"
#include "core/session.h"
#include "db/record.h"
#include "core/upn.h"

#define FIELDS(a) a, (int)(sizeof a / sizeof a[0])
#define NOLIMIT 0, 0

static const char *const provider_kinds[] = {"nhs-trust", "independent", "school", "other", NULL};
static const char *const contract_statuses[] = {"draft", "active", "ended", NULL};
static const char *const routes[] = {"pcr2015", "psr-direct-a", "psr-direct-b", "psr-direct-c",
                                     "psr-most-suitable", "psr-competitive", NULL};
static const char *const sexes[] = {"f", "m", "x", NULL};
static const char *const sections[] = {"F", "G", NULL};
static const char *const fundings[] = {"contract", "spot", "pb", "school", "nhs", NULL};
static const char *const levels[] = {"universal", "targeted", "specialist", NULL};
static const char *const strands[] = {"family", "environment", "workforce", "identification",
                                      "intervention", NULL};
static const char *const roles[] = {"caseworker", "teamlead", "admin", NULL};

#define TEXT(name, label, req, width, maxlen) \
	{name, label, FIELD_TEXT, req, width, NULL, 0, 0, maxlen}
#define TYPED(name, label, type, req, width) {name, label, type, req, width, NULL, 0, NOLIMIT}
#define CHOICE(name, label, req, width, list) {name, label, FIELD_ENUM, req, width, list, 0, NOLIMIT}
#define REF(name, label, req, width, kind) {name, label, FIELD_REFERENCE, req, width, NULL, kind, NOLIMIT}
#define COUNT(name, label, req, width, lo, hi) {name, label, FIELD_INTEGER, req, width, NULL, 0, lo, hi}
#define DECIMAL(name, label, req, width, lo, hi) {name, label, FIELD_DECIMAL, req, width, NULL, 0, lo, hi}

/* Field indexes used by the rules below; they must follow the tables. */
enum { CONTRACT_START = 3, CONTRACT_END = 4 };
enum { CHILD_DOB = 3, CHILD_EHCP_START = 8 };
enum { ENTRY_START = 4, ENTRY_END = 5, ENTRY_FUNDING = 6, ENTRY_CONTRACT = 7 };
enum { SPOT_START = 4, SPOT_END = 6 };
enum { PB_START = 2, PB_END = 3, PB_AMOUNT = 4, PB_THERAPY_AMOUNT = 5 };
enum { RETURN_WAIT_ASSESS = 4, RETURN_WAIT_ASSESS_12W = 5, RETURN_WAIT_INTERV = 6,
       RETURN_WAIT_INTERV_12W = 7 };
enum { USER_LOGIN = 0 };

static const struct field provider_fields[] = {
	TEXT("code", "Code", true, 10, 20),
	TEXT("name", "Name", true, 40, 200),
	CHOICE("kind", "Kind", false, 11, provider_kinds),
};

static const struct field contract_fields[] = {
	TEXT("ref", "Ref", true, 14, 40),
	REF("provider", "Provider", true, 10, KIND_PROVIDERS),
	TYPED("annual_value", "Annual value", FIELD_MONEY, true, 14),
	TYPED("start_date", "Start", FIELD_DATE, true, 10),
	TYPED("end_date", "End", FIELD_DATE, true, 10),
	TEXT("title", "Title", false, 40, 200),
	CHOICE("status", "Status", false, 6, contract_statuses),
	TYPED("signed_date", "Signed", FIELD_DATE, false, 10),
	CHOICE("route", "Route", false, 17, routes),
	TEXT("decision_ref", "Decision", false, 10, 40),
	TEXT("notes", "Notes", false, 60, 2000),
};

static const struct field contract_value_fields[] = {
	REF("contract", "Contract", true, 14, KIND_CONTRACTS),
	TYPED("from_date", "From", FIELD_DATE, true, 10),
	TYPED("annual_value", "Annual value", FIELD_MONEY, true, 14),
	TEXT("source", "Source", false, 60, 500),
};

static const struct field coverage_fields[] = {
	REF("contract", "Contract", true, 14, KIND_CONTRACTS),
	TYPED("district", "District", FIELD_DISTRICT, true, 22),
	TYPED("therapy", "Therapy", FIELD_THERAPY, true, 9),
};

static const struct field staffing_fields[] = {
	REF("contract", "Contract", true, 14, KIND_CONTRACTS),
	TYPED("therapy", "Therapy", FIELD_THERAPY, true, 9),
	TEXT("area", "Area", false, 30, 200),
	DECIMAL("pct_funded", "% funded", false, 8, 0, 100),
	DECIMAL("fte", "FTE", false, 7, 0, 10000),
};

static const struct field child_fields[] = {
	TEXT("ref", "Ref", true, 10, 40),
	TEXT("first_name", "First name", true, 16, 100),
	TEXT("last_name", "Last name", true, 18, 100),
	TYPED("date_of_birth", "Born", FIELD_DATE, true, 10),
	TYPED("upn", "UPN", FIELD_UPN, false, 13),
	CHOICE("sex", "Sex", false, 3, sexes),
	TYPED("district", "District", FIELD_DISTRICT, false, 22),
	{"primary_need", "Need", FIELD_ENUM, false, 5, upn_primary_need_codes, 0, NOLIMIT},
	TYPED("ehcp_start_date", "EHCP from", FIELD_DATE, false, 10),
};

static const struct field therapy_entry_fields[] = {
	TEXT("ref", "Ref", true, 12, 40),
	REF("child", "Child", true, 10, KIND_CHILDREN),
	CHOICE("section", "Sect", true, 4, sections),
	TYPED("therapy", "Therapy", FIELD_THERAPY, true, 9),
	TYPED("start_date", "Start", FIELD_DATE, true, 10),
	TYPED("end_date", "End", FIELD_DATE, false, 10),
	CHOICE("funding", "Funding", false, 8, fundings),
	REF("contract", "Contract", false, 14, KIND_CONTRACTS),
	COUNT("minutes_per_week", "Min/week", false, 8, 0, 10080),
	CHOICE("level", "Level", false, 10, levels),
	CHOICE("strand", "Strand", false, 14, strands),
	TEXT("description", "Description", false, 40, 2000),
};

static const struct field provision_fields[] = {
	REF("entry", "Entry", true, 12, KIND_THERAPY_ENTRIES),
	TYPED("date", "Date", FIELD_DATE, true, 10),
	COUNT("minutes", "Minutes", true, 7, 1, 1440),
	TEXT("therapist", "Therapist", false, 20, 100),
	TEXT("notes", "Notes", false, 40, 2000),
};

static const struct field spot_purchase_fields[] = {
	TEXT("ref", "Ref", true, 12, 40),
	REF("child", "Child", true, 10, KIND_CHILDREN),
	REF("provider", "Provider", true, 10, KIND_PROVIDERS),
	TYPED("therapy", "Therapy", FIELD_THERAPY, true, 9),
	TYPED("start_date", "Start", FIELD_DATE, true, 10),
	TYPED("cost", "Cost", FIELD_MONEY, true, 12),
	TYPED("end_date", "End", FIELD_DATE, false, 10),
	TEXT("invoice_ref", "Invoice", false, 14, 40),
};

static const struct field personal_budget_fields[] = {
	TEXT("ref", "Ref", true, 12, 40),
	REF("child", "Child", true, 10, KIND_CHILDREN),
	TYPED("start_date", "Start", FIELD_DATE, true, 10),
	TYPED("end_date", "End", FIELD_DATE, true, 10),
	TYPED("amount", "Amount", FIELD_MONEY, true, 12),
	TYPED("therapy_amount", "Therapy", FIELD_MONEY, false, 12),
	TYPED("eotas", "EOTAS", FIELD_YESNO, false, 5),
	TEXT("purpose", "Purpose", false, 40, 500),
};

static const struct field return_fields[] = {
	REF("provider", "Provider", true, 10, KIND_PROVIDERS),
	TYPED("therapy", "Therapy", FIELD_THERAPY, true, 9),
	TYPED("month", "Month", FIELD_MONTH, true, 7),
	COUNT("referrals", "Referrals", false, 9, 0, 1000000),
	COUNT("waiting_assessment", "Wait assess", false, 11, 0, 1000000),
	COUNT("waiting_assessment_over_12w", ">12w", false, 5, 0, 1000000),
	COUNT("waiting_intervention", "Wait interv", false, 11, 0, 1000000),
	COUNT("waiting_intervention_over_12w", ">12w", false, 5, 0, 1000000),
	COUNT("caseload", "Caseload", false, 8, 0, 10000000),
};

static const struct field user_fields[] = {
	TEXT("login", "Login", true, 16, 32),
	CHOICE("role", "Role", true, 10, roles),
};

static int broken(struct error *err, int field, const char *fmt, const char *arg)
{
	error_set(err, EX_DATAERR, fmt, arg);
	err->field = field + 1;
	return EX_DATAERR;
}

/* A later date field must not come before an earlier one.  strict: it
 * must come after (a contract of one day is not a contract). */
static int check_order(const struct record *r, int first, int later, bool strict,
                       struct error *err)
{
	const struct value *a = &r->values[first], *b = &r->values[later];
	if (!a->set || !b->set)
		return 0;
	if (b->n > a->n || (!strict && b->n == a->n))
		return 0;
	return broken(err, later, strict ? "must be after %s" : "must not be before %s",
	              r->kind->fields[first].name);
}

static int check_contract(const struct record *r, const struct settings *cfg, struct error *err)
{
	(void)cfg;
	return check_order(r, CONTRACT_START, CONTRACT_END, true, err);
}

static int check_child(const struct record *r, const struct settings *cfg, struct error *err)
{
	(void)cfg;
	const struct value *dob = &r->values[CHILD_DOB], *start = &r->values[CHILD_EHCP_START];
	if (dob->set && dob->n > date_today())
		return broken(err, CHILD_DOB, "%s", "is in the future");
	int rc = check_order(r, CHILD_DOB, CHILD_EHCP_START, false, err);
	/* EHCPs run from birth to 25: a plan starting at 26 is a typing slip. */
	if (rc == 0 && dob->set && start->set && start->n - dob->n > 26 * 366)
		return broken(err, CHILD_EHCP_START, "%s", "is after the child's 26th birthday (EHCPs end at 25)");
	return rc;
}

static int check_therapy_entry(const struct record *r, const struct settings *cfg, struct error *err)
{
	(void)cfg;
	int rc = check_order(r, ENTRY_START, ENTRY_END, false, err);
	if (rc != 0)
		return rc;
	const struct value *funding = &r->values[ENTRY_FUNDING];
	bool by_contract = funding->set && strcmp(funding->text, "contract") == 0;
	if (by_contract && !r->values[ENTRY_CONTRACT].set)
		return broken(err, ENTRY_CONTRACT, "%s", "required when funding is contract");
	if (!by_contract && r->values[ENTRY_CONTRACT].set)
		return broken(err, ENTRY_CONTRACT, "%s", "only for funding 'contract'");
	return 0;
}

static int check_spot_purchase(const struct record *r, const struct settings *cfg, struct error *err)
{
	(void)cfg;
	return check_order(r, SPOT_START, SPOT_END, false, err);
}

static int check_personal_budget(const struct record *r, const struct settings *cfg, struct error *err)
{
	(void)cfg;
	int rc = check_order(r, PB_START, PB_END, false, err);
	const struct value *amount = &r->values[PB_AMOUNT], *therapy = &r->values[PB_THERAPY_AMOUNT];
	if (rc == 0 && therapy->set && amount->set && therapy->n > amount->n)
		return broken(err, PB_THERAPY_AMOUNT, "%s", "is more than the amount");
	return rc;
}

/* "Of whom over 12 weeks" cannot exceed the number waiting. */
static int check_part(const struct record *r, int whole, int part, struct error *err)
{
	const struct value *w = &r->values[whole], *p = &r->values[part];
	if (w->set && p->set && p->n > w->n)
		return broken(err, part, "is more than %s", r->kind->fields[whole].name);
	return 0;
}

static int check_return(const struct record *r, const struct settings *cfg, struct error *err)
{
	(void)cfg;
	int rc = check_part(r, RETURN_WAIT_ASSESS, RETURN_WAIT_ASSESS_12W, err);
	return rc ? rc : check_part(r, RETURN_WAIT_INTERV, RETURN_WAIT_INTERV_12W, err);
}

/* Logins as the system spells them: no spaces or punctuation that a
 * shell or a CSV file would trip on. */
static int check_user(const struct record *r, const struct settings *cfg, struct error *err)
{
	(void)cfg;
	const char *login = r->values[USER_LOGIN].text;
	if (login == NULL)
		return 0;
	for (const char *c = login; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
		      (c > login && strchr("._-", *c))))
			return broken(err, USER_LOGIN, "%s", "not a login name (letters, digits, . _ -)");
	return 0;
}

/* Removing or demoting the last admin would lock everyone out of
 * contracts, coverage and user management for good. */
static int keep_an_admin(struct session *s, struct error *err)
{
	int64_t admins;
	int rc = db_count_users_with_role(s->db, "admin", &admins, err);
	if (rc == 0 && admins == 0)
		return error_set(err, EX_DATAERR, "at least one admin must remain");
	return rc;
}

#define KIND(id_, name_, label_, table_, fields_, role_, check_, ...) \
	static const struct kind id_##_kind = {id_, name_, label_, table_, FIELDS(fields_), \
	                                       __VA_ARGS__, role_, check_, NULL}

KIND(KIND_PROVIDERS, "providers", "provider", TABLE_PROVIDERS, provider_fields, ROLE_ADMIN,
     NULL, {0}, 1);
KIND(KIND_CONTRACTS, "contracts", "contract", TABLE_CONTRACTS, contract_fields, ROLE_ADMIN,
     check_contract, {0}, 1);
KIND(KIND_CONTRACT_VALUES, "contract-values", "contract value", TABLE_CONTRACT_VALUES,
     contract_value_fields, ROLE_ADMIN, NULL, {0, 1}, 2);
KIND(KIND_COVERAGE, "coverage", "coverage", TABLE_COVERAGE, coverage_fields, ROLE_ADMIN,
     NULL, {0, 1, 2}, 3);
KIND(KIND_STAFFING, "staffing", "staffing", TABLE_STAFFING, staffing_fields, ROLE_ADMIN,
     NULL, {0, 1, 2}, 3);
KIND(KIND_CHILDREN, "children", "child", TABLE_CHILDREN, child_fields, ROLE_CASEWORKER,
     check_child, {0}, 1);
KIND(KIND_THERAPY_ENTRIES, "therapy-entries", "therapy entry", TABLE_THERAPY_ENTRIES,
     therapy_entry_fields, ROLE_CASEWORKER, check_therapy_entry, {0}, 1);
KIND(KIND_PROVISION, "provision", "provision", TABLE_PROVISION, provision_fields,
     ROLE_CASEWORKER, NULL, {0}, 0);
KIND(KIND_SPOT_PURCHASES, "spot-purchases", "spot purchase", TABLE_SPOT_PURCHASES,
     spot_purchase_fields, ROLE_TEAMLEAD, check_spot_purchase, {0}, 1);
KIND(KIND_PERSONAL_BUDGETS, "personal-budgets", "personal budget", TABLE_PERSONAL_BUDGETS,
     personal_budget_fields, ROLE_TEAMLEAD, check_personal_budget, {0}, 1);
KIND(KIND_RETURNS, "returns", "provider return", TABLE_RETURNS, return_fields, ROLE_TEAMLEAD,
     check_return, {0, 1, 2}, 3);
static const struct kind KIND_USERS_kind = {KIND_USERS, "users", "user", TABLE_USERS,
	FIELDS(user_fields), {0}, 1, ROLE_ADMIN, check_user, keep_an_admin};

const struct kind *const kinds[KIND_COUNT] = {
	&KIND_PROVIDERS_kind, &KIND_CONTRACTS_kind, &KIND_CONTRACT_VALUES_kind,
	&KIND_COVERAGE_kind, &KIND_STAFFING_kind, &KIND_CHILDREN_kind,
	&KIND_THERAPY_ENTRIES_kind, &KIND_PROVISION_kind, &KIND_SPOT_PURCHASES_kind,
	&KIND_PERSONAL_BUDGETS_kind, &KIND_RETURNS_kind, &KIND_USERS_kind,
};

const struct kind *kind_find(const char *name)
{
	for (int i = 0; i < KIND_COUNT; i++)
		if (strcmp(kinds[i]->name, name) == 0)
			return kinds[i];
	return NULL;
}

int kind_field_index(const struct kind *k, const char *name)
{
	for (int i = 0; i < k->field_count; i++)
		if (strcmp(k->fields[i].name, name) == 0)
			return i;
	return -1;
}

const char *role_name(enum role r)
{
	switch (r) {
	case ROLE_CASEWORKER: return "caseworker";
	case ROLE_TEAMLEAD: return "teamlead";
	case ROLE_ADMIN: return "admin";
	case ROLE_NONE: break;
	}
	return "none";
}

enum role role_parse(const char *text)
{
	for (enum role r = ROLE_CASEWORKER; r <= ROLE_ADMIN; r++)
		if (text && strcmp(text, role_name(r)) == 0)
			return r;
	return ROLE_NONE;
}
