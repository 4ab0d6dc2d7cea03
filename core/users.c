#include "core/users.h"

#include <pwd.h>
#include <string.h>

#include "core/fields.h"
#include "core/record.h"
#include "core/store.h"
#include "db/children.h"
#include "db/record.h"


static int set_fields(struct session *s, struct record *r, const char *login, const char *role,
                      struct error *err)
{
	int rc = record_set(r, USER_LOGIN, login, s->cfg, err);
	if (rc == 0 && role != NULL)
		rc = record_set(r, USER_ROLE, role, s->cfg, err);
	if (rc != 0)
		error_prefix(err, "%s", r->kind->fields[err->field ? err->field - 1 : 0].name);
	return rc;
}

int users_add(struct session *s, const char *login, const char *role, struct error *err)
{
	struct record r;
	record_init(&r, kinds[KIND_USERS]);
	int rc = session_require(s, ROLE_ADMIN, "manage users", err);
	if (rc == 0)
		rc = set_fields(s, &r, login, role, err);
	if (rc == 0)
		rc = store_write(s, WRITE_INSERT, &r, err);
	record_clear(&r);
	return rc;
}

/* Loads the user named login into r, or says there is none. */
static int load_user(struct session *s, struct record *r, const char *login, struct error *err)
{
	bool found;
	int rc = session_require(s, ROLE_ADMIN, "manage users", err);
	if (rc == 0)
		rc = store_load_by_key(s, r, login, &found, err);
	if (rc == 0 && !found)
		rc = error_set(err, EX_DATAERR, "no user '%s'", login);
	return rc;
}

int users_set_role(struct session *s, const char *login, const char *role, bool *changed,
                   struct error *err)
{
	struct record r;
	record_init(&r, kinds[KIND_USERS]);
	char had[32] = "";
	*changed = false;
	int rc = session_require(s, ROLE_ADMIN, "manage users", err);
	if (rc == 0)
		rc = load_user(s, &r, login, err);
	if (rc == 0) {
		snprintf(had, sizeof had, "%s", r.values[USER_ROLE].text ? r.values[USER_ROLE].text : "");
		rc = set_fields(s, &r, login, role, err);
	}
	/* The same role again changes nothing and writes no audit row. */
	if (rc == 0 && strcmp(had, r.values[USER_ROLE].text) != 0) {
		rc = store_write(s, WRITE_UPDATE, &r, err);
		*changed = rc == 0;
	}
	record_clear(&r);
	return rc;
}

int users_set(struct session *s, const char *login, const char *role, struct error *err)
{
	bool changed;
	return users_set_role(s, login, role, &changed, err);
}

/* A login that still holds children would leave them with a caseworker
 * who is gone: the children are handed on first. */
static int refuse_with_caseload(struct session *s, const struct record *r, struct error *err)
{
	int64_t children;
	int rc = db_caseload_count(s->db, r->id, &children, err);
	if (rc != 0 || children == 0)
		return rc;
	const char *login = r->values[USER_LOGIN].text;
	return error_set(err, EX_DATAERR,
	                 "login '%s' still has a caseload of %lld %s; hand it on first with "
	                 "'sendesk caseload move %s LOGIN'",
	                 login, (long long)children, children == 1 ? "child" : "children", login);
}

int users_remove(struct session *s, const char *login, struct error *err)
{
	struct record r;
	record_init(&r, kinds[KIND_USERS]);
	int rc = load_user(s, &r, login, err);
	if (rc == 0)
		rc = refuse_with_caseload(s, &r, err);
	if (rc == 0)
		rc = store_write(s, WRITE_DELETE, &r, err);
	record_clear(&r);
	return rc;
}

bool users_login_exists_here(const char *login)
{
	return getpwnam(login) != NULL;
}

static int print_user(void *ctx, const struct db_value *cols, int count)
{
	(void)count;
	fprintf(ctx, "%-20s %s\n", cols[1].s, cols[2].s);
	return 0;
}

int users_list(struct session *s, FILE *out, struct error *err)
{
	int rc = session_require(s, ROLE_ADMIN, "manage users", err);
	return rc ? rc : db_users_each(s->db, print_user, out, err);
}
