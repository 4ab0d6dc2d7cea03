#include "core/session.h"

#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/fields.h"
#include "core/store.h"
#include "db/record.h"

int session_os_login(char *buf, size_t len, struct error *err)
{
	struct passwd pw, *found = NULL;
	char scratch[4096];
	int rc = getpwuid_r(getuid(), &pw, scratch, sizeof scratch, &found);
	if (rc != 0 || found == NULL)
		return error_set(err, EX_NOPERM, "cannot tell who you are: user id %ld has no login name",
		                 (long)getuid());
	if (strlen(found->pw_name) >= len)
		return error_set(err, EX_NOPERM, "login name too long");
	snprintf(buf, len, "%s", found->pw_name);
	return 0;
}

/* The login's users row id; 0 when it has none. */
static int find_user(struct session *s, int64_t *id, struct error *err)
{
	struct db_value key = db_text(s->login);
	return db_record_find(s->db, TABLE_USERS, &key, id, err);
}

static int read_role(struct session *s, int64_t id, struct error *err)
{
	struct record user;
	record_init(&user, kinds[KIND_USERS]);
	int rc = store_load(s, &user, id, err);
	if (rc == 0)
		s->role = role_parse(user.values[USER_ROLE].text);
	record_clear(&user);
	return rc;
}

static int look_up_role(struct session *s, struct error *err)
{
	int64_t id;
	int rc = find_user(s, &id, err);
	if (rc == 0 && id == 0)
		rc = error_set(err, EX_NOPERM,
		               "login '%s' is not a user of this database (an admin can add it with "
		               "'sendesk user add %s ROLE')", s->login, s->login);
	return rc ? rc : read_role(s, id, err);
}

int session_reload_role(struct session *s, struct error *err)
{
	int64_t id;
	int rc = find_user(s, &id, err);
	if (rc == 0 && id == 0) {
		s->role = ROLE_NONE;
		rc = error_set(err, EX_NOPERM, "login '%s' is no longer a user of this database",
		               s->login);
	}
	return rc ? rc : read_role(s, id, err);
}

int session_open(struct session *s, const char *path, const struct settings *cfg,
                 struct error *err)
{
	memset(s, 0, sizeof *s);
	s->cfg = cfg;
	int rc = session_os_login(s->login, sizeof s->login, err);
	if (rc == 0)
		rc = db_open(path, DB_OPEN_EXISTING, cfg->file_mode, &s->db, err);
	if (rc == 0) {
		db_set_busy_timeout(s->db, cfg->busy_timeout_seconds);
		rc = look_up_role(s, err);
	}
	if (rc != 0)
		session_close(s);
	return rc;
}

/* The creator is the first admin: the write path needs a role, and this
 * one is what the new users row will say.  The row is written in a
 * transaction whose role counts as read, since the users table is still
 * empty until it commits. */
static int add_first_admin(struct session *s, struct error *err)
{
	s->role = ROLE_ADMIN;
	int rc = db_savepoint(s->db, err);
	if (rc != 0)
		return rc;
	s->role_read_in = db_transaction_serial(s->db);
	struct record user;
	record_init(&user, kinds[KIND_USERS]);
	rc = record_set(&user, USER_LOGIN, s->login, s->cfg, err);
	if (rc == 0)
		rc = record_set(&user, USER_ROLE, "admin", s->cfg, err);
	if (rc == 0)
		rc = store_write(s, WRITE_INSERT, &user, err);
	record_clear(&user);
	if (rc == 0)
		return db_release(s->db, err);
	db_rollback_savepoint(s->db);
	return rc;
}

int session_create(struct session *s, const char *path, const struct settings *cfg,
                   struct error *err)
{
	memset(s, 0, sizeof *s);
	s->cfg = cfg;
	int rc = session_os_login(s->login, sizeof s->login, err);
	if (rc == 0)
		rc = db_open(path, DB_OPEN_CREATE, cfg->file_mode, &s->db, err);
	if (rc != 0) {
		session_close(s);
		return rc;
	}
	db_set_busy_timeout(s->db, cfg->busy_timeout_seconds);
	rc = add_first_admin(s, err);
	if (rc != 0)
		session_close(s);
	return rc;
}

void session_close(struct session *s)
{
	db_close(s->db);
	s->db = NULL;
	s->role = ROLE_NONE;
}

bool session_read_only(const struct session *s)
{
	return s->db != NULL && db_read_only(s->db);
}

int session_require(const struct session *s, enum role min, const char *what,
                    struct error *err)
{
	if (s->role >= min)
		return 0;
	return error_set(err, EX_NOPERM, "login '%s' (%s) may not %s", s->login,
	                 role_name(s->role), what);
}
