/* test_store.c: the one write path: validation, roles, the record and its
 * audit row written together, and nothing written when refused. */
#include "core/store.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/users.h"
#include "db/record.h"
#include "tests/support/fixture.h"

static struct fixture f;

static void setup(void)
{
	fixture_init(&f, false);
}

static void teardown(void)
{
	fixture_done(&f);
}

TestSuite(store, .init = setup, .fini = teardown);

/* A record of kind built from "field=value" pairs; the last is NULL. */
static void build(struct record *r, const char *kind, const char *const *pairs)
{
	const struct kind *k = kind_find(kind);
	cr_assert_not_null(k);
	record_init(r, k);
	for (; *pairs; pairs++) {
		const char *eq = strchr(*pairs, '=');
		cr_assert_not_null(eq, "%s", *pairs);
		char name[64];
		snprintf(name, sizeof name, "%.*s", (int)(eq - *pairs), *pairs);
		int i = kind_field_index(k, name);
		cr_assert_geq(i, 0, "%s has no field %s", kind, name);
		struct error err = {0};
		cr_assert_eq(record_set(r, i, eq + 1, &f.cfg, &err), 0, "%s: %s", *pairs, err.msg);
	}
}

static int write_new(struct record *r, const char *kind, const char *const *pairs,
                     struct error *err)
{
	build(r, kind, pairs);
	error_clear(err);
	return store_write(&f.s, WRITE_INSERT, r, err);
}

/* Inserts a record that must be accepted; returns its id. */
static int64_t insert_ok(const char *kind, const char *const *pairs)
{
	struct record r;
	struct error err;
	int rc = write_new(&r, kind, pairs, &err);
	cr_assert_eq(rc, 0, "%s: %s", kind, err.msg);
	int64_t id = r.id;
	cr_assert_gt(id, 0);
	record_clear(&r);
	return id;
}

static int64_t rows(enum db_table_id t)
{
	int64_t n = -1;
	struct error err = {0};
	cr_assert_eq(db_record_count(f.s.db, t, &n, &err), 0, "%s", err.msg);
	return n;
}

#define AUDIT_MAX 8

struct audit_row {
	char login[64], action[16], kind[32];
	int64_t record_id;
	char *before, *after;    /* NULL when the column is NULL */
};

struct audit_log {
	struct audit_row rows[AUDIT_MAX];
	int count;
};

static char *dup_or_null(const struct db_value *v)
{
	return v->type == DBV_TEXT ? strdup(v->s) : NULL;
}

static int take_audit(void *ctx, const struct db_value *cols, int count)
{
	struct audit_log *log = ctx;
	cr_assert_eq(count, 7);
	cr_assert_lt(log->count, AUDIT_MAX);
	struct audit_row *a = &log->rows[log->count++];
	cr_assert_eq(cols[0].type, DBV_TEXT, "audit row without a time");
	cr_assert_eq(strlen(cols[0].s), strlen("2024-01-01T00:00:00Z"), "%s", cols[0].s);
	snprintf(a->login, sizeof a->login, "%s", cols[1].s);
	snprintf(a->action, sizeof a->action, "%s", cols[2].s);
	snprintf(a->kind, sizeof a->kind, "%s", cols[3].s);
	a->record_id = cols[4].i;
	a->before = dup_or_null(&cols[5]);
	a->after = dup_or_null(&cols[6]);
	return 0;
}

static void audit_of(const char *kind, int64_t id, struct audit_log *log)
{
	memset(log, 0, sizeof *log);
	struct error err = {0};
	cr_assert_eq(db_audit_each(f.s.db, kind, id, take_audit, log, &err), 0, "%s", err.msg);
}

static int audit_total(void)
{
	struct audit_log log;
	audit_of(NULL, 0, &log);
	int n = log.count;
	for (int i = 0; i < n; i++) {
		free(log.rows[i].before);
		free(log.rows[i].after);
	}
	return n;
}

static void audit_free(struct audit_log *log)
{
	for (int i = 0; i < log->count; i++) {
		free(log->rows[i].before);
		free(log->rows[i].after);
	}
}

static const char *const provider_p1[] = {"code=P1", "name=Provider One", "kind=nhs-trust", NULL};
static const char *const contract_c1[] = {
	"ref=C1", "provider=P1", "annual_value=1234.50", "start_date=2024-04-01",
	"end_date=31/03/2025", "status=active", NULL,
};

Test(store, insert_writes_the_record_and_one_audit_row)
{
	insert_ok("providers", provider_p1);
	int before = audit_total();
	int64_t id = insert_ok("contracts", contract_c1);
	cr_assert_eq(rows(TABLE_CONTRACTS), 1);
	cr_assert_eq(audit_total(), before + 1);
	struct audit_log log;
	audit_of("contracts", id, &log);
	cr_assert_eq(log.count, 1);
	struct audit_row *a = &log.rows[0];
	cr_expect_str_eq(a->login, f.s.login);
	cr_expect_str_eq(a->action, "insert");
	cr_expect_str_eq(a->kind, "contracts");
	cr_expect_eq(a->record_id, id);
	cr_expect_null(a->before);
	cr_assert_not_null(a->after);
	cr_expect(strstr(a->after, "\"ref\":\"C1\"") != NULL, "%s", a->after);
	cr_expect(strstr(a->after, "\"provider\":\"P1\"") != NULL, "%s", a->after);
	cr_expect(strstr(a->after, "\"annual_value_pence\":123450") != NULL, "%s", a->after);
	cr_expect(strstr(a->after, "\"end_date\":\"2025-03-31\"") != NULL, "%s", a->after);
	audit_free(&log);
}

Test(store, stored_record_loads_back)
{
	insert_ok("providers", provider_p1);
	int64_t id = insert_ok("contracts", contract_c1);
	struct record r;
	record_init(&r, kind_find("contracts"));
	struct error err = {0};
	cr_assert_eq(store_load(&f.s, &r, id, &err), 0, "%s", err.msg);
	cr_assert_str_eq(r.values[0].text, "C1");
	cr_assert_str_eq(r.values[1].text, "P1");
	cr_assert_eq(r.values[2].n, 123450);
	cr_assert_str_eq(r.values[4].text, "2025-03-31");
	bool found = false;
	cr_assert_eq(store_load_by_key(&f.s, &r, "C1", &found, &err), 0, "%s", err.msg);
	cr_assert(found);
	cr_assert_eq(r.id, id);
	cr_assert_eq(store_load_by_key(&f.s, &r, "C2", &found, &err), 0, "%s", err.msg);
	cr_assert_not(found);
	cr_assert_eq(store_load(&f.s, &r, id + 100, &err), EX_DATAERR);
	record_clear(&r);
}

Test(store, update_writes_before_and_after)
{
	int64_t id = insert_ok("providers", provider_p1);
	struct record r;
	record_init(&r, kind_find("providers"));
	struct error err = {0};
	cr_assert_eq(store_load(&f.s, &r, id, &err), 0, "%s", err.msg);
	cr_assert_eq(record_set(&r, 1, "Provider Renamed", &f.cfg, &err), 0);
	cr_assert_eq(store_write(&f.s, WRITE_UPDATE, &r, &err), 0, "%s", err.msg);
	record_clear(&r);
	cr_assert_eq(rows(TABLE_PROVIDERS), 1);
	struct audit_log log;
	audit_of("providers", id, &log);
	cr_assert_eq(log.count, 2);
	struct audit_row *a = &log.rows[1];
	cr_expect_str_eq(a->action, "update");
	cr_assert_not_null(a->before);
	cr_assert_not_null(a->after);
	cr_expect(strstr(a->before, "\"name\":\"Provider One\"") != NULL, "%s", a->before);
	cr_expect(strstr(a->after, "\"name\":\"Provider Renamed\"") != NULL, "%s", a->after);
	audit_free(&log);
}

Test(store, delete_writes_before_and_no_after)
{
	int64_t id = insert_ok("providers", provider_p1);
	struct record r;
	record_init(&r, kind_find("providers"));
	struct error err = {0};
	cr_assert_eq(store_load(&f.s, &r, id, &err), 0, "%s", err.msg);
	cr_assert_eq(store_write(&f.s, WRITE_DELETE, &r, &err), 0, "%s", err.msg);
	record_clear(&r);
	cr_assert_eq(rows(TABLE_PROVIDERS), 0);
	struct audit_log log;
	audit_of("providers", id, &log);
	cr_assert_eq(log.count, 2);
	struct audit_row *a = &log.rows[1];
	cr_expect_str_eq(a->action, "delete");
	cr_assert_not_null(a->before);
	cr_expect(strstr(a->before, "\"code\":\"P1\"") != NULL, "%s", a->before);
	cr_expect_null(a->after);
	audit_free(&log);
}

/* The change must be refused with EX_DATAERR naming the field, and
 * leave the table and the audit as they were. */
static void assert_refused(const char *kind, enum db_table_id t, const char *const *pairs,
                           const char *message, const char *field_name)
{
	int64_t before = rows(t);
	int audits = audit_total();
	struct record r;
	struct error err;
	int rc = write_new(&r, kind, pairs, &err);
	cr_assert_eq(rc, EX_DATAERR, "rc %d: %s", rc, err.msg);
	cr_expect(strstr(err.msg, message) != NULL, "'%s' does not say '%s'", err.msg, message);
	cr_expect_eq(err.field, kind_field_index(r.kind, field_name) + 1, "%s: err.field %d", err.msg,
	             err.field);
	cr_expect_eq(r.id, 0);
	record_clear(&r);
	cr_assert_eq(rows(t), before, "a row was written");
	cr_assert_eq(audit_total(), audits, "an audit row was written");
}

Test(store, bad_reference_writes_nothing)
{
	insert_ok("providers", provider_p1);
	const char *const c[] = {"ref=C1", "provider=X", "annual_value=1", "start_date=2024-04-01",
	                         "end_date=2025-03-31", NULL};
	assert_refused("contracts", TABLE_CONTRACTS, c, "provider: no provider 'X'", "provider");
}

Test(store, broken_rule_writes_nothing)
{
	insert_ok("providers", provider_p1);
	const char *const c[] = {"ref=C1", "provider=P1", "annual_value=1", "start_date=2024-04-01",
	                         "end_date=2024-04-01", NULL};
	assert_refused("contracts", TABLE_CONTRACTS, c, "end_date: must be after start_date",
	               "end_date");
}

Test(store, missing_required_field_writes_nothing)
{
	insert_ok("providers", provider_p1);
	const char *const c[] = {"ref=C1", "provider=P1", "start_date=2024-04-01",
	                         "end_date=2025-03-31", NULL};
	assert_refused("contracts", TABLE_CONTRACTS, c, "annual_value: required", "annual_value");
}

Test(store, duplicate_key_writes_nothing)
{
	insert_ok("providers", provider_p1);
	int audits = audit_total();
	const char *const again[] = {"code=P1", "name=Someone Else", NULL};
	struct record r;
	struct error err;
	cr_assert_eq(write_new(&r, "providers", again, &err), EX_DATAERR, "%s", err.msg);
	cr_expect(strstr(err.msg, "already exists") != NULL, "%s", err.msg);
	cr_expect(strstr(err.msg, "P1") != NULL, "%s", err.msg);
	record_clear(&r);
	cr_assert_eq(rows(TABLE_PROVIDERS), 1);
	cr_assert_eq(audit_total(), audits);
	struct record p;
	bool found;
	record_init(&p, kind_find("providers"));
	cr_assert_eq(store_load_by_key(&f.s, &p, "P1", &found, &err), 0);
	cr_assert_str_eq(p.values[1].text, "Provider One");
	record_clear(&p);
}

Test(store, duplicate_key_names_the_key_field)
{
	insert_ok("providers", provider_p1);
	const char *const again[] = {"code=P1", "name=Someone Else", NULL};
	assert_refused("providers", TABLE_PROVIDERS, again, "already exists", "code");
}

Test(store, caseworker_may_not_write_contracts)
{
	insert_ok("providers", provider_p1);
	int audits = audit_total();
	fixture_act_as(&f, ROLE_CASEWORKER);
	struct record r;
	struct error err;
	int rc = write_new(&r, "contracts", contract_c1, &err);
	cr_assert_eq(rc, EX_NOPERM, "rc %d: %s", rc, err.msg);
	cr_expect(strstr(err.msg, "may not") != NULL, "%s", err.msg);
	cr_expect(strstr(err.msg, "caseworker") != NULL, "%s", err.msg);
	record_clear(&r);
	cr_assert_eq(rows(TABLE_CONTRACTS), 0);
	cr_assert_eq(audit_total(), audits);
}

Test(store, caseworker_may_not_delete_providers)
{
	int64_t id = insert_ok("providers", provider_p1);
	fixture_act_as(&f, ROLE_CASEWORKER);
	struct record r;
	record_init(&r, kind_find("providers"));
	struct error err = {0};
	cr_assert_eq(store_load(&f.s, &r, id, &err), 0, "%s", err.msg);
	cr_assert_eq(store_write(&f.s, WRITE_DELETE, &r, &err), EX_NOPERM, "%s", err.msg);
	record_clear(&r);
	cr_assert_eq(rows(TABLE_PROVIDERS), 1);
}

Test(store, caseworker_may_write_children)
{
	fixture_act_as(&f, ROLE_CASEWORKER);
	const char *const child[] = {"ref=CH1", "first_name=Zo\xC3\xAB", "last_name=Smith",
	                             "date_of_birth=05/03/2015", "district=Swale", NULL};
	int64_t id = insert_ok("children", child);
	cr_assert_eq(rows(TABLE_CHILDREN), 1);
	struct audit_log log;
	audit_of("children", id, &log);
	cr_assert_eq(log.count, 1);
	cr_expect(strstr(log.rows[0].after, "\"district\":\"SWA\"") != NULL, "%s", log.rows[0].after);
	audit_free(&log);
}

Test(store, teamlead_may_write_spot_purchases_but_not_coverage)
{
	insert_ok("providers", provider_p1);
	insert_ok("contracts", contract_c1);
	const char *const child[] = {"ref=CH1", "first_name=Ann", "last_name=Smith",
	                             "date_of_birth=2015-03-05", NULL};
	insert_ok("children", child);
	fixture_act_as(&f, ROLE_TEAMLEAD);
	const char *const spot[] = {"ref=S1", "child=CH1", "provider=P1", "therapy=slt",
	                            "start_date=2024-01-01", "cost=500", NULL};
	insert_ok("spot-purchases", spot);
	const char *const cover[] = {"contract=C1", "district=Swale", "therapy=slt", NULL};
	struct record r;
	struct error err;
	cr_assert_eq(write_new(&r, "coverage", cover, &err), EX_NOPERM, "%s", err.msg);
	record_clear(&r);
	cr_assert_eq(rows(TABLE_COVERAGE), 0);
}

Test(store, no_role_may_write_nothing)
{
	fixture_act_as(&f, ROLE_NONE);
	const char *const child[] = {"ref=CH1", "first_name=Ann", "last_name=Smith",
	                             "date_of_birth=2015-03-05", NULL};
	struct record r;
	struct error err;
	cr_assert_eq(write_new(&r, "children", child, &err), EX_NOPERM, "%s", err.msg);
	record_clear(&r);
	cr_assert_eq(rows(TABLE_CHILDREN), 0);
}

Test(store, deleting_a_provider_that_contracts_refer_to_is_refused)
{
	int64_t id = insert_ok("providers", provider_p1);
	insert_ok("contracts", contract_c1);
	int audits = audit_total();
	struct record r;
	record_init(&r, kind_find("providers"));
	struct error err = {0};
	cr_assert_eq(store_load(&f.s, &r, id, &err), 0, "%s", err.msg);
	cr_assert_eq(store_write(&f.s, WRITE_DELETE, &r, &err), EX_DATAERR, "%s", err.msg);
	cr_expect(strstr(err.msg, "referred to") != NULL, "%s", err.msg);
	record_clear(&r);
	cr_assert_eq(rows(TABLE_PROVIDERS), 1);
	cr_assert_eq(audit_total(), audits);
}

Test(store, save_updates_the_record_with_the_same_key)
{
	int64_t id = insert_ok("providers", provider_p1);
	struct record r;
	build(&r, "providers", (const char *const[]){"code=P1", "name=New Name", NULL});
	struct error err = {0};
	cr_assert_eq(store_write(&f.s, WRITE_SAVE, &r, &err), 0, "%s", err.msg);
	cr_assert_eq(r.id, id);
	record_clear(&r);
	cr_assert_eq(rows(TABLE_PROVIDERS), 1);
	bool found;
	record_init(&r, kind_find("providers"));
	cr_assert_eq(store_load_by_key(&f.s, &r, "P1", &found, &err), 0);
	cr_assert_str_eq(r.values[1].text, "New Name");
	cr_assert_not(r.values[2].set, "the kind left out of the save was kept");
	record_clear(&r);
	struct audit_log log;
	audit_of("providers", id, &log);
	cr_assert_eq(log.count, 2);
	cr_expect_str_eq(log.rows[1].action, "update");
	audit_free(&log);
}

Test(store, save_inserts_a_new_key)
{
	insert_ok("providers", provider_p1);
	struct record r;
	build(&r, "providers", (const char *const[]){"code=P2", "name=Two", NULL});
	struct error err = {0};
	cr_assert_eq(store_write(&f.s, WRITE_SAVE, &r, &err), 0, "%s", err.msg);
	cr_assert_gt(r.id, 0);
	record_clear(&r);
	cr_assert_eq(rows(TABLE_PROVIDERS), 2);
}

Test(store, update_to_another_records_key_is_refused)
{
	insert_ok("providers", provider_p1);
	int64_t id = insert_ok("providers", (const char *const[]){"code=P2", "name=Two", NULL});
	struct record r;
	record_init(&r, kind_find("providers"));
	struct error err = {0};
	cr_assert_eq(store_load(&f.s, &r, id, &err), 0);
	cr_assert_eq(record_set(&r, 0, "P1", &f.cfg, &err), 0);
	cr_assert_eq(store_write(&f.s, WRITE_UPDATE, &r, &err), EX_DATAERR);
	cr_expect(strstr(err.msg, "already exists") != NULL, "%s", err.msg);
	record_clear(&r);
	record_init(&r, kind_find("providers"));
	cr_assert_eq(store_load(&f.s, &r, id, &err), 0);
	cr_assert_str_eq(r.values[0].text, "P2");
	record_clear(&r);
}

Test(store, validate_resolves_references_without_writing)
{
	int64_t pid = insert_ok("providers", provider_p1);
	int audits = audit_total();
	struct record r;
	build(&r, "contracts", contract_c1);
	struct error err = {0};
	cr_assert_eq(store_validate(&f.s, &r, &err), 0, "%s", err.msg);
	cr_assert_eq(r.values[1].n, pid);
	record_clear(&r);
	cr_assert_eq(rows(TABLE_CONTRACTS), 0);
	cr_assert_eq(audit_total(), audits);
}

Test(store, write_inside_a_rolled_back_transaction_leaves_nothing)
{
	struct error err = {0};
	cr_assert_eq(db_savepoint(f.s.db, &err), 0, "%s", err.msg);
	insert_ok("providers", provider_p1);
	cr_assert_eq(rows(TABLE_PROVIDERS), 1);
	db_rollback_savepoint(f.s.db);
	cr_assert_eq(rows(TABLE_PROVIDERS), 0);
	struct audit_log log;
	audit_of("providers", 1, &log);
	cr_assert_eq(log.count, 0);
}

Test(store, a_upn_already_used_is_refused_naming_the_field)
{
	const char *const first[] = {"ref=CH1", "first_name=Ann", "last_name=Smith",
	                             "date_of_birth=2015-03-05", "upn=B801200005001", NULL};
	insert_ok("children", first);
	const char *const second[] = {"ref=CH2", "first_name=Bea", "last_name=Jones",
	                              "date_of_birth=2016-03-05", "upn=B801200005001", NULL};
	assert_refused("children", TABLE_CHILDREN, second, "upn", "upn");
}

struct problems_seen {
	char text[1024];
	int count;
};

static void note_problem(void *ctx, const struct error *problem)
{
	struct problems_seen *p = ctx;
	size_t used = strlen(p->text);
	snprintf(p->text + used, sizeof p->text - used, "%d %s\n", problem->field, problem->msg);
	p->count++;
}

/* Every empty required field and every reference naming nothing, then the
 * kind's first broken rule; store_validate keeps only the first. */
Test(store, validate_each_reports_every_problem)
{
	insert_ok("providers", provider_p1);
	struct record r;
	build(&r, "contracts", (const char *const[]){"ref=C9", "provider=ZZ",
	                                              "start_date=2024-04-01", "end_date=2024-01-01", NULL});
	struct problems_seen p = {"", 0};
	struct error err = {0};
	int value = kind_field_index(r.kind, "annual_value") + 1;
	int provider = kind_field_index(r.kind, "provider") + 1;
	int end = kind_field_index(r.kind, "end_date") + 1;
	cr_assert_eq(store_validate_each(&f.s, &r, NULL, note_problem, &p, &err), EX_DATAERR);
	char expected[256];
	snprintf(expected, sizeof expected, "%d required\n%d no provider 'ZZ'\n%d must be after start_date\n",
	         value, provider, end);
	cr_assert_str_eq(p.text, expected);
	cr_assert_eq(store_validate(&f.s, &r, &err), EX_DATAERR);
	cr_assert_str_eq(err.msg, "annual_value: required");
	cr_assert_eq(err.field, value);
	cr_assert_eq(err.other, 0);

	/* A field known to be bad already is not "required" as well. */
	bool known_bad[KIND_MAX_FIELDS] = {false};
	known_bad[value - 1] = true;
	p = (struct problems_seen){"", 0};
	cr_assert_eq(store_validate_each(&f.s, &r, known_bad, note_problem, &p, &err), EX_DATAERR);
	cr_assert_eq(p.count, 2, "%s", p.text);
	record_clear(&r);
	cr_assert_eq(rows(TABLE_CONTRACTS), 0);
}

/* The first problem keeps the other field its reason names, so a form can
 * name it by its label. */
Test(store, validate_keeps_the_other_field_a_rule_names)
{
	insert_ok("providers", provider_p1);
	struct record r;
	build(&r, "contracts", (const char *const[]){"ref=C9", "provider=P1", "annual_value=1",
	                                              "start_date=2024-04-01", "end_date=2024-01-01", NULL});
	struct error err = {0};
	cr_assert_eq(store_validate(&f.s, &r, &err), EX_DATAERR);
	cr_assert_str_eq(err.msg, "end_date: must be after start_date");
	cr_assert_eq(err.field, kind_field_index(r.kind, "end_date") + 1);
	cr_assert_eq(err.other, kind_field_index(r.kind, "start_date") + 1);
	record_clear(&r);
}

/* ---- schema 5: sessions' refs and outcomes, rules, warnings ------------- */

static const char *const child_ch1[] = {"ref=CH1", "first_name=Ann", "last_name=Smith",
                                        "date_of_birth=2015-01-01", "district=Swale", NULL};
static const char *const entry_e1[] = {"ref=E1", "child=CH1", "section=F", "therapy=slt",
                                       "start_date=2024-09-01", "end_date=2025-07-31", NULL};

static void child_and_entry(void)
{
	insert_ok("children", child_ch1);
	insert_ok("therapy-entries", entry_e1);
}

/* The text field `name` of the stored record id, as export writes it. */
static const char *stored(const char *kind, int64_t id, const char *name, char *buf, size_t len)
{
	struct record r;
	record_init(&r, kind_find(kind));
	struct error err = {0};
	cr_assert_eq(store_load(&f.s, &r, id, &err), 0, "%s", err.msg);
	char scratch[64];
	snprintf(buf, len, "%s", record_text(&r, kind_field_index(r.kind, name), &f.cfg, scratch,
	                                     sizeof scratch));
	record_clear(&r);
	return buf;
}

Test(store, a_session_gets_a_ref_and_is_delivered_unless_told)
{
	child_and_entry();
	char buf[64];
	int64_t a = insert_ok("provision", (const char *const[]){"entry=E1", "date=2024-09-10",
	                                                         "minutes=30", NULL});
	cr_expect_str_eq(stored("provision", a, "ref", buf, sizeof buf), "PV-1");
	cr_expect_str_eq(stored("provision", a, "outcome", buf, sizeof buf), "delivered");
	/* A ref given is kept; the next one made steps over a ref taken. */
	insert_ok("provision", (const char *const[]){"entry=E1", "date=2024-09-11", "minutes=30",
	                                             "ref=PV-3", "outcome=child-absent", NULL});
	int64_t c = insert_ok("provision", (const char *const[]){"entry=E1", "date=2024-09-12",
	                                                         "minutes=30", NULL});
	cr_expect_str_eq(stored("provision", c, "ref", buf, sizeof buf), "PV-4");
	int64_t e = insert_ok("therapy-entries", (const char *const[]){"ref=E2", "child=CH1",
	                      "section=G", "therapy=ot", "start_date=2024-09-01", NULL});
	cr_expect_str_eq(stored("therapy-entries", e, "term_time_only", buf, sizeof buf), "no");
	/* The audit row holds the stored ref and outcome. */
	struct audit_log log;
	audit_of("provision", a, &log);
	cr_assert_eq(log.count, 1);
	cr_expect(strstr(log.rows[0].after, "\"ref\":\"PV-1\"") != NULL, "%s", log.rows[0].after);
	cr_expect(strstr(log.rows[0].after, "\"outcome\":\"delivered\"") != NULL, "%s", log.rows[0].after);
	audit_free(&log);
}

/* Two writers on one file, one after the other inside each other's
 * reach: each insert makes its ref under the write lock, so none is
 * made twice. */
Test(store, two_writers_make_different_refs)
{
	child_and_entry();
	struct session other;
	struct error err = {0};
	cr_assert_eq(session_open(&other, f.path, &f.cfg, &err), 0, "%s", err.msg);
	for (int i = 0; i < 6; i++) {
		struct session *s = i % 2 ? &other : &f.s;
		struct record r;
		build(&r, "provision", (const char *const[]){"entry=E1", "date=2024-09-10", "minutes=30", NULL});
		cr_assert_eq(store_write(s, WRITE_INSERT, &r, &err), 0, "writer %d: %s", i % 2, err.msg);
		record_clear(&r);
	}
	session_close(&other);
	char buf[64];
	for (int64_t id = 1; id <= 6; id++) {
		char want[32];
		snprintf(want, sizeof want, "PV-%lld", (long long)id);
		cr_expect_str_eq(stored("provision", id, "ref", buf, sizeof buf), want);
	}
}

Test(store, a_session_with_a_ref_already_used_updates_it_on_save)
{
	child_and_entry();
	insert_ok("provision", (const char *const[]){"entry=E1", "date=2024-09-10", "minutes=30", NULL});
	struct record r;
	build(&r, "provision", (const char *const[]){"ref=PV-1", "entry=E1", "date=2024-09-10",
	                                             "minutes=45", "outcome=did-not-attend", NULL});
	struct error err = {0};
	cr_assert_eq(store_write(&f.s, WRITE_SAVE, &r, &err), 0, "%s", err.msg);
	cr_expect_eq(r.id, 1);
	record_clear(&r);
	cr_expect_eq(rows(TABLE_PROVISION), 1);
	char buf[64];
	cr_expect_str_eq(stored("provision", 1, "outcome", buf, sizeof buf), "did-not-attend");
	cr_expect_str_eq(stored("provision", 1, "minutes", buf, sizeof buf), "45");
}

/* A session is logged once its day has come, whatever its outcome. */
Test(store, a_session_in_the_future_is_refused)
{
	child_and_entry();
	insert_ok("therapy-entries", (const char *const[]){"ref=E9", "child=CH1", "section=F",
	                                                   "therapy=slt", "start_date=2024-09-01", NULL});
	assert_refused("provision", TABLE_PROVISION,
	               (const char *const[]){"entry=E9", "date=2099-01-01", "minutes=30", NULL},
	               "date: is in the future (a session not yet delivered cannot be logged)", "date");
	assert_refused("provision", TABLE_PROVISION,
	               (const char *const[]){"entry=E9", "date=2099-01-01", "minutes=30",
	                                     "outcome=provider-cancelled", NULL},
	               "date: is in the future (a missed session is logged on its day or later)", "date");
	char today[DATE_TEXT_MAX], pair[32];
	date_format(date_today(), today);
	snprintf(pair, sizeof pair, "date=%s", today);
	insert_ok("provision", (const char *const[]){"entry=E9", pair, "minutes=30", NULL});
}

Test(store, a_session_outside_its_entrys_period_is_refused_naming_it)
{
	child_and_entry();
	assert_refused("provision", TABLE_PROVISION,
	               (const char *const[]){"entry=E1", "date=2024-08-31", "minutes=30", NULL},
	               "date: is outside its entry's period (2024-09-01 to 2025-07-31)", "date");
	assert_refused("provision", TABLE_PROVISION,
	               (const char *const[]){"entry=E1", "date=2025-08-01", "minutes=30",
	                                     "outcome=child-absent", NULL},
	               "(2024-09-01 to 2025-07-31)", "date");
	insert_ok("provision", (const char *const[]){"entry=E1", "date=2024-09-01", "minutes=30", NULL});
	insert_ok("provision", (const char *const[]){"entry=E1", "date=2025-07-31", "minutes=30", NULL});
}

Test(store, minutes_out_of_range_are_refused_at_the_field)
{
	child_and_entry();
	struct record r;
	record_init(&r, kind_find("provision"));
	struct error err = {0};
	int minutes = kind_field_index(r.kind, "minutes");
	cr_expect_eq(record_set(&r, minutes, "0", &f.cfg, &err), EX_DATAERR);
	cr_expect(strstr(err.msg, "must be between 1 and 1440") != NULL, "%s", err.msg);
	cr_expect_eq(record_set(&r, minutes, "1441", &f.cfg, &err), EX_DATAERR);
	cr_expect_eq(record_set(&r, minutes, "-5", &f.cfg, &err), EX_DATAERR);
	record_clear(&r);
}

Test(store, a_review_is_not_in_the_future_nor_before_the_plan)
{
	assert_refused("children", TABLE_CHILDREN,
	               (const char *const[]){"ref=CH2", "first_name=Bo", "last_name=Ray",
	                                     "date_of_birth=2015-01-01", "last_review_date=2099-01-01", NULL},
	               "last_review_date: is in the future", "last_review_date");
	assert_refused("children", TABLE_CHILDREN,
	               (const char *const[]){"ref=CH2", "first_name=Bo", "last_name=Ray",
	                                     "date_of_birth=2015-01-01", "ehcp_start_date=2020-09-01",
	                                     "last_review_date=2019-09-01", NULL},
	               "last_review_date: must not be before ehcp_start_date", "last_review_date");
}

static void expect_warnings(const char *kind, const char *const *pairs, const char *field,
                            const char *const *reasons)
{
	struct record r;
	build(&r, kind, pairs);
	struct warnings w;
	struct error err = {0};
	cr_assert_eq(store_warnings(&f.s, &r, &w, &err), 0, "%s", err.msg);
	int n = 0;
	for (; reasons[n]; n++) {
		cr_assert_lt(n, w.count, "no warning '%s'", reasons[n]);
		cr_expect_str_eq(w.items[n].reason, reasons[n]);
		cr_expect_eq(w.items[n].field, kind_field_index(r.kind, field) + 1, "%s", reasons[n]);
	}
	cr_expect_eq(w.count, n, "%d warnings, not %d: %s", w.count, n, w.count ? w.items[0].reason : "");
	record_clear(&r);
}

Test(store, the_same_child_twice_is_a_warning_naming_the_first)
{
	insert_ok("children", child_ch1);
	const char *const again[] = {"ref=CH2", "first_name=ANN", "last_name=smith",
	                             "date_of_birth=2015-01-01", NULL};
	expect_warnings("children", again, "first_name",
	                (const char *const[]){"the same name and date of birth as child CH1 "
	                                      "(Ann Smith, born 2015-01-01)", NULL});
	/* Another birthday, or the child itself saved again: no warning. */
	expect_warnings("children", (const char *const[]){"ref=CH2", "first_name=Ann",
	                "last_name=Smith", "date_of_birth=2015-01-02", NULL}, "first_name",
	                (const char *const[]){NULL});
	expect_warnings("children", child_ch1, "first_name", (const char *const[]){NULL});
	/* A warning, not a refusal: the child can be saved. */
	insert_ok("children", again);
}

Test(store, a_contract_that_does_not_fit_the_entry_is_a_warning)
{
	insert_ok("providers", provider_p1);
	insert_ok("contracts", contract_c1);
	insert_ok("coverage", (const char *const[]){"contract=C1", "district=Dover", "therapy=slt", NULL});
	insert_ok("children", child_ch1);
	insert_ok("children", (const char *const[]){"ref=CH2", "first_name=Bo", "last_name=Ray",
	                                            "date_of_birth=2015-01-01", "district=DOV", NULL});
	expect_warnings("therapy-entries", (const char *const[]){"ref=E1", "child=CH1", "section=F",
	                "therapy=slt", "start_date=2024-06-01", "funding=contract", "contract=C1", NULL},
	                "contract", (const char *const[]){"C1 does not cover Swale for SLT", NULL});
	expect_warnings("therapy-entries", (const char *const[]){"ref=E2", "child=CH2", "section=F",
	                "therapy=slt", "start_date=2025-06-01", "funding=contract", "contract=C1", NULL},
	                "contract", (const char *const[]){"C1 is not in force on 2025-06-01 "
	                                                  "(it runs 2024-04-01 to 2025-03-31)", NULL});
	expect_warnings("therapy-entries", (const char *const[]){"ref=E3", "child=CH2", "section=F",
	                "therapy=slt", "start_date=2024-06-01", "funding=contract", "contract=C1", NULL},
	                "contract", (const char *const[]){NULL});
	/* Other funding: nothing to say. */
	expect_warnings("therapy-entries", (const char *const[]){"ref=E4", "child=CH1", "section=F",
	                "therapy=slt", "start_date=2024-06-01", "funding=spot", NULL},
	                "contract", (const char *const[]){NULL});
}

/* A session keeps no role of its own: each write reads the users table
 * in its transaction, so another session's demotion or removal of the
 * login refuses the very next change, with the reason. */
Test(store, a_demoted_or_removed_login_is_refused_at_its_next_write)
{
	struct error err = {0};
	cr_assert_eq(users_add(&f.s, "boss", "admin", &err), 0, "%s", err.msg);
	struct session open_before;
	cr_assert_eq(session_open(&open_before, f.path, &f.cfg, &err), 0, "%s", err.msg);
	cr_assert_eq(open_before.role, ROLE_ADMIN);

	cr_assert_eq(users_set(&f.s, f.s.login, "caseworker", &err), 0, "%s", err.msg);
	cr_assert_eq(users_add(&open_before, "anne", "caseworker", &err), EX_NOPERM);
	char expected[256];
	snprintf(expected, sizeof expected, "login '%s' is now a caseworker: may not change users "
	         "(only admins may)", f.s.login);
	cr_expect_str_eq(err.msg, expected);
	cr_expect_eq(open_before.role, ROLE_CASEWORKER, "the session did not learn its new role");

	fixture_act_as(&f, ROLE_NONE);   /* the login's row is gone */
	const char *const child[] = {"ref=CH1", "first_name=Ann", "last_name=Smith",
	                             "date_of_birth=2015-03-05", NULL};
	struct record r;
	record_init(&r, kind_find("children"));
	for (int i = 0; child[i]; i++) {
		char name[32];
		const char *eq = strchr(child[i], '=');
		snprintf(name, sizeof name, "%.*s", (int)(eq - child[i]), child[i]);
		cr_assert_eq(record_set(&r, kind_field_index(r.kind, name), eq + 1, &f.cfg, &err), 0);
	}
	cr_assert_eq(store_write(&open_before, WRITE_INSERT, &r, &err), EX_NOPERM);
	snprintf(expected, sizeof expected, "login '%s' is no longer a user of this database",
	         f.s.login);
	cr_expect_str_eq(err.msg, expected);
	record_clear(&r);
	session_close(&open_before);
	cr_assert_eq(rows(TABLE_CHILDREN), 0);
	cr_assert_eq(rows(TABLE_USERS), 2, "anne was added");
}
