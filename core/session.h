/* session.h: who is acting, on which database, with which settings.
 *
 * The acting login is the operating system's (never a command-line
 * option); the database's users table gives its role.  Every use case in
 * core/ takes a session. */
#ifndef SENDESK_SESSION_H
#define SENDESK_SESSION_H

#include <stdbool.h>

#include "config/config.h"
#include "core/kind.h"
#include "db/db.h"
#include "util/error.h"

#define LOGIN_MAX 64

struct session {
	struct db *db;
	const struct settings *cfg;
	char login[LOGIN_MAX];
	enum role role;
	/* True while an import holds its own transaction: each change then
	 * runs without a savepoint of its own (SQLite undoes a failed
	 * statement by itself, and any bad row rolls back the whole import),
	 * which makes a large import several times faster. */
	bool batch;
	/* The transaction (db_transaction_serial) in which role was last read
	 * from the users table: the write path reads it again in each new
	 * one, so a login removed or demoted meanwhile is refused at once. */
	int64_t role_read_in;
};

/* The operating-system login of the real user (a setgid sendesk runs
 * with another group, never as another user); EX_NOPERM when the system
 * cannot name the user. */
int session_os_login(char *buf, size_t len, struct error *err);

/* Opens an existing database as the OS login.  An unknown login is
 * refused with EX_NOPERM ("login 'x' is not a user of this database").
 * Database errors are those of db_open. */
int session_open(struct session *s, const char *path, const struct settings *cfg,
                 struct error *err);

/* Creates a new database at path and makes the OS login its first admin
 * (through the write path, so the creation is audited). */
int session_create(struct session *s, const char *path, const struct settings *cfg,
                   struct error *err);

void session_close(struct session *s);

/* True when the database opened read-only (nobody here may write it):
 * every change is then refused, naming why. */
bool session_read_only(const struct session *s);

/* Reads the login's role from the users table as it is now into
 * s->role.  EX_NOPERM "login 'x' is no longer a user of this database"
 * when the login has been removed. */
int session_reload_role(struct session *s, struct error *err);

/* EX_NOPERM with "login 'x' (caseworker) may not <what>" unless the
 * session's role is at least min. */
int session_require(const struct session *s, enum role min, const char *what,
                    struct error *err);

#endif
