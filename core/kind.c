#include "core/kind.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/date.h"
#include "core/fields.h"
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
static const char *const ehcp_statuses[] = {"active", "ceased", "transferred-out", NULL};
static const char *const outcomes[] = {"delivered", "provider-cancelled", "school-cancelled",
                                       "child-absent", "did-not-attend", NULL};
/* A block contract is the council's own (a type left empty says the
 * same); a service is pooled with other funders and may have no
 * contractual terms at all. */
static const char *const contract_types[] = {"contract", "service", NULL};
static const char *const roles[] = {"caseworker", "teamlead", "admin", NULL};

#define TEXT(name, label, req, width, maxlen) \
	{name, label, FIELD_TEXT, req, width, NULL, 0, 0, maxlen, NULL}
#define TYPED(name, label, type, req, width) {name, label, type, req, width, NULL, 0, NOLIMIT, NULL}
#define CHOICE(name, label, req, width, list) {name, label, FIELD_ENUM, req, width, list, 0, NOLIMIT, NULL}
#define REF(name, label, req, width, kind) {name, label, FIELD_REFERENCE, req, width, NULL, kind, NOLIMIT, NULL}
#define COUNT(name, label, req, width, lo, hi) {name, label, FIELD_INTEGER, req, width, NULL, 0, lo, hi, NULL}
#define DECIMAL(name, label, req, width, lo, hi) {name, label, FIELD_DECIMAL, req, width, NULL, 0, lo, hi, NULL}
/* Optional fields stored as their default when left empty. */
#define CHOICE_OR(name, label, width, list, dflt) {name, label, FIELD_ENUM, false, width, list, 0, NOLIMIT, dflt}
#define YESNO_OR(name, label, width, dflt) {name, label, FIELD_YESNO, false, width, NULL, 0, NOLIMIT, dflt}

#define FIELD_DESCRIPTION(id, description) description,
static const struct field provider_fields[] = {PROVIDER_FIELDS(FIELD_DESCRIPTION)};
static const struct field contract_fields[] = {CONTRACT_FIELDS(FIELD_DESCRIPTION)};
static const struct field contract_value_fields[] = {CONTRACT_VALUE_FIELDS(FIELD_DESCRIPTION)};
static const struct field coverage_fields[] = {COVERAGE_FIELDS(FIELD_DESCRIPTION)};
static const struct field staffing_fields[] = {STAFFING_FIELDS(FIELD_DESCRIPTION)};
static const struct field child_fields[] = {CHILD_FIELDS(FIELD_DESCRIPTION)};
static const struct field therapy_entry_fields[] = {THERAPY_ENTRY_FIELDS(FIELD_DESCRIPTION)};
static const struct field provision_fields[] = {PROVISION_FIELDS(FIELD_DESCRIPTION)};
static const struct field spot_purchase_fields[] = {SPOT_PURCHASE_FIELDS(FIELD_DESCRIPTION)};
static const struct field personal_budget_fields[] = {PERSONAL_BUDGET_FIELDS(FIELD_DESCRIPTION)};
static const struct field return_fields[] = {RETURN_FIELDS(FIELD_DESCRIPTION)};
static const struct field funder_fields[] = {FUNDER_FIELDS(FIELD_DESCRIPTION)};
static const struct field activity_return_fields[] = {ACTIVITY_RETURN_FIELDS(FIELD_DESCRIPTION)};
static const struct field user_fields[] = {USER_FIELDS(FIELD_DESCRIPTION)};
#undef FIELD_DESCRIPTION

static int broken(struct error *err, int field, const char *fmt, const char *arg)
{
	error_set(err, EX_DATAERR, fmt, arg);
	err->field = field + 1;
	return EX_DATAERR;
}

/* A reason that names another field: by its CSV name in err->msg, which
 * the command line prints; kind_reason_for_people puts its label there. */
static int broken_against(const struct record *r, struct error *err, int field, int other,
                          const char *fmt)
{
	broken(err, field, fmt, r->kind->fields[other].name);
	err->other = other + 1;
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
	return broken_against(r, err, later, first,
	                      strict ? "must be after %s" : "must not be before %s");
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
	/* A review is of a plan that exists, and has happened. */
	const struct value *review = &r->values[CHILD_LAST_REVIEW];
	if (rc == 0 && review->set && review->n > date_today())
		return broken(err, CHILD_LAST_REVIEW, "%s", "is in the future (the date a review was held)");
	return rc ? rc : check_order(r, CHILD_EHCP_START, CHILD_LAST_REVIEW, false, err);
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

static bool delivered(const struct record *r)
{
	const struct value *outcome = &r->values[PROVISION_OUTCOME];
	return !outcome->set || strcmp(outcome->text, "delivered") == 0;
}

/* A session is logged once its day has come: delivered, it happened;
 * missed, it was due that day.  Its minutes are those delivered or, for
 * a missed session, those planned (the field's range refuses 0). */
static int check_provision(const struct record *r, const struct settings *cfg, struct error *err)
{
	(void)cfg;
	const struct value *date = &r->values[PROVISION_DATE];
	if (!date->set || date->n <= date_today())
		return 0;
	return broken(err, PROVISION_DATE, "%s", delivered(r)
	              ? "is in the future (a session not yet delivered cannot be logged)"
	              : "is in the future (a missed session is logged on its day or later)");
}

struct entry_period {
	char start[16], end[16];
	bool found;
};

static int keep_period(void *ctx, const struct db_value *cols, int count)
{
	struct entry_period *p = ctx;
	/* cols[0] is the id, then the entry's fields in order. */
	if (count <= ENTRY_END + 1)
		return EX_SOFTWARE;
	const struct db_value *start = &cols[ENTRY_START + 1], *end = &cols[ENTRY_END + 1];
	snprintf(p->start, sizeof p->start, "%s", start->type == DBV_TEXT ? start->s : "");
	snprintf(p->end, sizeof p->end, "%s", end->type == DBV_TEXT ? end->s : "");
	p->found = true;
	return 0;
}

/* A session belongs to its entry's period: before the entry starts or
 * after it ends there was no such provision in the plan. */
static int check_provision_in_entry(struct session *s, const struct record *r, struct error *err)
{
	const struct value *entry = &r->values[PROVISION_ENTRY], *date = &r->values[PROVISION_DATE];
	if (!entry->set || entry->n <= 0 || !date->set)
		return 0;
	struct entry_period p = {.found = false};
	int rc = db_record_get(s->db, TABLE_THERAPY_ENTRIES, entry->n, keep_period, &p, err);
	if (rc != 0 || !p.found)
		return rc;
	char iso[DATE_TEXT_MAX];
	date_format((day_t)date->n, iso);
	if (strcmp(iso, p.start) >= 0 && (p.end[0] == '\0' || strcmp(iso, p.end) <= 0))
		return 0;
	char period[64];
	if (p.end[0])
		snprintf(period, sizeof period, "%s to %s", p.start, p.end);
	else
		snprintf(period, sizeof period, "from %s", p.start);
	error_set(err, EX_DATAERR, "is outside its entry's period (%s)", period);
	err->field = PROVISION_DATE + 1;
	return EX_DATAERR;
}

static int check_spot_purchase(const struct record *r, const struct settings *cfg, struct error *err)
{
	(void)cfg;
	return check_order(r, SPOT_START, SPOT_END, false, err);
}

/* A budget is paid for a period: its end comes after its start, and
 * what it sets aside for therapy is part of its amount. */
static int check_personal_budget(const struct record *r, const struct settings *cfg, struct error *err)
{
	(void)cfg;
	int rc = check_order(r, PB_START, PB_END, true, err);
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
		return broken_against(r, err, part, whole, "is more than %s");
	return 0;
}

static int check_return(const struct record *r, const struct settings *cfg, struct error *err)
{
	(void)cfg;
	int rc = check_part(r, RETURN_WAIT_ASSESS, RETURN_WAIT_ASSESS_12W, err);
	return rc ? rc : check_part(r, RETURN_WAIT_INTERV, RETURN_WAIT_INTERV_12W, err);
}

/* Referrals end one of three ways (a one-off consultation, not accepted,
 * accepted), so together those cannot exceed the referrals; and
 * re-assessments are some of the assessments. */
static int check_activity_return(const struct record *r, const struct settings *cfg,
                                 struct error *err)
{
	(void)cfg;
	const struct value *referrals = &r->values[ACTIVITY_REFERRALS];
	static const int ends[] = {ACTIVITY_ONE_OFF, ACTIVITY_NOT_ACCEPTED, ACTIVITY_ACCEPTED};
	int64_t ended = 0;
	for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++) {
		const struct value *v = &r->values[ends[i]];
		ended += v->set ? v->n : 0;
		if (referrals->set && ended > referrals->n)
			return broken_against(r, err, ends[i], ACTIVITY_REFERRALS,
			                      "one-off consultations, not accepted and accepted add up to more than %s");
	}
	return check_part(r, ACTIVITY_ASSESSMENTS, ACTIVITY_RE_ASSESSMENTS, err);
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
	                                       __VA_ARGS__, role_, check_, NULL, NULL, NULL}

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
/* A session's ref is made when absent, so that a session logged at the
 * keyboard needs none and an exported file imported again updates its
 * sessions instead of adding them twice. */
static const struct kind KIND_PROVISION_kind = {KIND_PROVISION, "provision", "provision",
	TABLE_PROVISION, FIELDS(provision_fields), {PROVISION_REF}, 1, ROLE_CASEWORKER,
	check_provision, NULL, "PV-", check_provision_in_entry};
KIND(KIND_SPOT_PURCHASES, "spot-purchases", "spot purchase", TABLE_SPOT_PURCHASES,
     spot_purchase_fields, ROLE_TEAMLEAD, check_spot_purchase, {0}, 1);
KIND(KIND_PERSONAL_BUDGETS, "personal-budgets", "personal budget", TABLE_PERSONAL_BUDGETS,
     personal_budget_fields, ROLE_TEAMLEAD, check_personal_budget, {0}, 1);
KIND(KIND_RETURNS, "returns", "provider return", TABLE_RETURNS, return_fields, ROLE_TEAMLEAD,
     check_return, {0, 1, 2}, 3);
KIND(KIND_FUNDERS, "funders", "funder", TABLE_FUNDERS, funder_fields, ROLE_ADMIN, NULL,
     {FUNDER_CONTRACT, FUNDER_NAME}, 2);
KIND(KIND_ACTIVITY_RETURNS, "activity-returns", "activity return", TABLE_ACTIVITY_RETURNS,
     activity_return_fields, ROLE_TEAMLEAD, check_activity_return,
     {ACTIVITY_PROVIDER, ACTIVITY_YEAR}, 2);
static const struct kind KIND_USERS_kind = {KIND_USERS, "users", "user", TABLE_USERS,
	FIELDS(user_fields), {0}, 1, ROLE_ADMIN, check_user, keep_an_admin, NULL, NULL};

#define FITS(list) _Static_assert(list##_FIELD_COUNT <= KIND_MAX_FIELDS, #list " has too many fields");
FITS(PROVIDER) FITS(CONTRACT) FITS(CONTRACT_VALUE) FITS(COVERAGE) FITS(STAFFING) FITS(CHILD)
FITS(THERAPY_ENTRY) FITS(PROVISION) FITS(SPOT_PURCHASE) FITS(PERSONAL_BUDGET) FITS(RETURN) FITS(USER)
FITS(FUNDER) FITS(ACTIVITY_RETURN)
#undef FITS

const struct kind *const kinds[KIND_COUNT] = {
	&KIND_PROVIDERS_kind, &KIND_CONTRACTS_kind, &KIND_CONTRACT_VALUES_kind,
	&KIND_COVERAGE_kind, &KIND_STAFFING_kind, &KIND_CHILDREN_kind,
	&KIND_THERAPY_ENTRIES_kind, &KIND_PROVISION_kind, &KIND_SPOT_PURCHASES_kind,
	&KIND_PERSONAL_BUDGETS_kind, &KIND_RETURNS_kind, &KIND_FUNDERS_kind,
	&KIND_ACTIVITY_RETURNS_kind, &KIND_USERS_kind,
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

/* Replaces the first whole-word occurrence of word in text by with. */
static void replace_word(char *text, size_t len, const char *word, const char *with)
{
	size_t n = strlen(word);
	for (char *at = strstr(text, word); at; at = strstr(at + 1, word)) {
		bool starts = at == text || at[-1] == ' ';
		bool ends = at[n] == '\0' || at[n] == ' ' || at[n] == ',' || at[n] == ';';
		if (!starts || !ends)
			continue;
		char rest[ERROR_MSG_MAX];
		snprintf(rest, sizeof rest, "%s", at + n);
		snprintf(at, len - (size_t)(at - text), "%s%s", with, rest);
		return;
	}
}

void kind_reason_for_people(const struct kind *k, const struct error *err, char *buf, size_t len)
{
	const char *msg = err->msg;
	if (err->field >= 1 && err->field <= k->field_count) {
		const char *name = k->fields[err->field - 1].name;
		size_t n = strlen(name);
		if (strncmp(msg, name, n) == 0 && strncmp(msg + n, ": ", 2) == 0)
			msg += n + 2;
	}
	snprintf(buf, len, "%s", msg);
	if (err->other >= 1 && err->other <= k->field_count)
		replace_word(buf, len, k->fields[err->other - 1].name, k->fields[err->other - 1].label);
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
