#include "core/check.h"

#include <stdio.h>

#include "core/audit_check.h"
#include "core/kind.h"
#include "db/record.h"
#include "db/report.h"
#include "db/report_funding.h"

struct checker {
	struct session *s;
	problem_fn report;
	void *ctx;
	long problems;
	const struct kind *k;      /* the kind and field being looked at */
	int field;
};

static int sqlite_problem(void *ctx, const struct db_value *cols, int count)
{
	struct checker *c = ctx;
	(void)count;
	c->report(c->ctx, cols[0].s ? cols[0].s : "integrity problem");
	c->problems++;
	return 0;
}

static int configured_value(void *ctx, const struct db_value *cols, int count)
{
	struct checker *c = ctx;
	(void)count;
	const struct field *f = &c->k->fields[c->field];
	bool known = f->type == FIELD_DISTRICT ? config_find_district(c->s->cfg, cols[0].s) != NULL
	                                       : config_find_therapy(c->s->cfg, cols[0].s) != NULL;
	if (!known) {
		char line[ERROR_MSG_MAX];
		snprintf(line, sizeof line, "%s: %s '%s' is not configured", c->k->name, f->name, cols[0].s);
		c->report(c->ctx, line);
		c->problems++;
	}
	return 0;
}

static int check_field(struct checker *c, const struct kind *k, int i, struct error *err)
{
	c->k = k;
	c->field = i;
	enum field_type type = k->fields[i].type;
	if (type == FIELD_DISTRICT || type == FIELD_THERAPY)
		return db_record_distinct(c->s->db, k->table, i, configured_value, c, err);
	if (type != FIELD_DATE)
		return 0;
	int64_t bad;
	int rc = db_record_bad_dates(c->s->db, k->table, i, &bad, err);
	if (rc == 0 && bad > 0) {
		char line[ERROR_MSG_MAX];
		snprintf(line, sizeof line, "%s: %s: %lld rows hold something that is not a date",
		         k->name, k->fields[i].name, (long long)bad);
		c->report(c->ctx, line);
		c->problems++;
	}
	return rc;
}

/* Every record has its key: a session's ref, which the write path makes
 * and an upgrade gives the sessions logged before, is what an import
 * updates it by. */
static int check_keys(struct checker *c, const struct kind *k, struct error *err)
{
	int64_t missing = 0;
	int rc = k->key_count > 0 ? db_record_count_null(c->s->db, k->table, k->key_fields[0], &missing, err) : 0;
	if (rc == 0 && missing > 0) {
		char line[ERROR_MSG_MAX];
		snprintf(line, sizeof line, "%s: %lld rows without a %s", k->name, (long long)missing,
		         k->fields[k->key_fields[0]].name);
		c->report(c->ctx, line);
		c->problems++;
	}
	return rc;
}

static int value_outside_contract(void *ctx, const struct db_value *cols, int count)
{
	struct checker *c = ctx;
	(void)count;
	char line[ERROR_MSG_MAX];
	snprintf(line, sizeof line, "contract-values: %s from %s is outside the contract's dates",
	         cols[0].s, cols[1].s);
	c->report(c->ctx, line);
	c->problems++;
	return 0;
}

static int district_drift(void *ctx, const struct db_value *cols, int count)
{
	struct checker *c = ctx;
	(void)count;
	char line[ERROR_MSG_MAX];
	snprintf(line, sizeof line,
	         "therapy-entries: %s keeps district %s for its child's %s (the copy the funding "
	         "pages read)", cols[0].s, cols[1].s ? cols[1].s : "(none)",
	         cols[2].s ? cols[2].s : "(none)");
	c->report(c->ctx, line);
	c->problems++;
	return 0;
}

static int check_invariants(struct checker *c, struct error *err)
{
	int64_t admins;
	int rc = db_count_users_with_role(c->s->db, "admin", &admins, err);
	if (rc == 0 && admins == 0) {
		c->report(c->ctx, "users: there is no admin");
		c->problems++;
	}
	for (int k = 0; rc == 0 && k < KIND_COUNT; k++)
		for (int i = 0; rc == 0 && i < kinds[k]->field_count; i++)
			rc = check_field(c, kinds[k], i, err);
	for (int k = 0; rc == 0 && k < KIND_COUNT; k++)
		rc = check_keys(c, kinds[k], err);
	if (rc == 0)
		rc = db_report_values_outside(c->s->db, value_outside_contract, c, err);
	if (rc == 0)
		rc = db_entries_district_drift(c->s->db, district_drift, c, err);
	if (rc == 0)
		rc = audit_check(c->s, c->report, c->ctx, &c->problems, err);
	return rc;
}

int check_database(struct session *s, problem_fn report, void *ctx, struct error *err)
{
	struct checker c = {.s = s, .report = report, .ctx = ctx};
	int rc = db_integrity_check(s->db, sqlite_problem, &c, err);
	if (rc != 0)
		return rc;
	if (c.problems > 0)
		return error_set(err, EX_UNAVAILABLE, "the database file is damaged (%ld problem%s)",
		                 c.problems, c.problems == 1 ? "" : "s");
	rc = check_invariants(&c, err);
	if (rc == 0 && c.problems > 0)
		rc = error_set(err, EX_DATAERR, "%ld problem%s found", c.problems,
		               c.problems == 1 ? "" : "s");
	return rc;
}
