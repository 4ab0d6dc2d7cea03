#include "core/caseload.h"

#include <string.h>

#include "core/fields.h"
#include "core/record.h"
#include "core/store.h"
#include "db/children.h"
#include "db/record.h"

static int user_id(struct session *s, const char *login, int64_t *id, struct error *err)
{
	int rc = db_record_find_by_key(s->db, TABLE_USERS, login, id, err);
	if (rc == 0 && *id == 0)
		rc = error_set(err, EX_DATAERR, "no user '%s'", login);
	return rc;
}

int caseload_count(struct session *s, const char *login, int64_t *count, struct error *err)
{
	int64_t id;
	int rc = user_id(s, login, &id, err);
	return rc ? rc : db_caseload_count(s->db, id, count, err);
}

/* Gives one child (by id) the caseworker `to`, through the write path. */
static int move_child(struct session *s, int64_t child, const char *to, struct error *err)
{
	struct record r;
	record_init(&r, kinds[KIND_CHILDREN]);
	int rc = store_load(s, &r, child, err);
	if (rc == 0)
		rc = record_set(&r, CHILD_CASEWORKER, to, s->cfg, err);
	if (rc == 0)
		rc = store_write(s, WRITE_UPDATE, &r, err);
	if (rc != 0 && r.values[CHILD_REF].set)
		error_prefix(err, "child %s", r.values[CHILD_REF].text);
	record_clear(&r);
	return rc;
}

/* Each child moved leaves the caseload, so the first one left is always
 * the next: nothing of the caseload is held in memory. */
static int move_all(struct session *s, int64_t from_id, const char *to, long *moved,
                    struct error *err)
{
	int64_t child;
	int rc;
	while ((rc = db_caseload_first(s->db, from_id, &child, err)) == 0 && child != 0) {
		rc = move_child(s, child, to, err);
		if (rc != 0)
			return rc;
		++*moved;
	}
	return rc;
}

int caseload_move(struct session *s, const char *from, const char *to, long *moved,
                  struct error *err)
{
	*moved = 0;
	int64_t from_id, to_id;
	int rc = session_require(s, ROLE_TEAMLEAD, "hand a caseload on (team leads and admins do)", err);
	if (rc == 0)
		rc = user_id(s, from, &from_id, err);
	if (rc == 0)
		rc = user_id(s, to, &to_id, err);
	if (rc == 0 && from_id == to_id)
		rc = error_set(err, EX_DATAERR, "'%s' and '%s' are the same login", from, to);
	if (rc == 0)
		rc = db_savepoint(s->db, err);
	if (rc != 0)
		return rc;
	bool outer_batch = s->batch;
	s->batch = true;
	rc = move_all(s, from_id, to, moved, err);
	s->batch = outer_batch;
	if (rc == 0)
		rc = db_release(s->db, err);
	else
		db_rollback_savepoint(s->db);
	if (rc != 0)
		*moved = 0;
	return rc;
}
