#include "core/restore.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/audit_check.h"
#include "core/audit_trail.h"
#include "core/session.h"
#include "db/restore.h"
#include "util/privilege.h"

struct findings {
	problem_fn report;
	void *ctx;
	long count;
};

static int integrity_problem(void *ctx, const struct db_value *cols, int count)
{
	struct findings *f = ctx;
	(void)count;
	f->report(f->ctx, cols[0].s ? cols[0].s : "integrity problem");
	f->count++;
	return 0;
}

/* The copy is sound: whole to SQLite, its trail unbroken, its records
 * as the trail says.  Then the restore joins its trail. */
static int check_copy(struct session *copy, const char *backup, const char *kept,
                      struct findings *f, struct error *err)
{
	int rc = db_integrity_check(copy->db, integrity_problem, f, err);
	if (rc == 0 && f->count == 0)
		rc = audit_check(copy, f->report, f->ctx, &f->count, err);
	if (rc == 0 && f->count > 0)
		rc = error_set(err, EX_DATAERR, "%s: %ld problem%s; nothing was restored", backup, f->count,
		               f->count == 1 ? "" : "s");
	return rc ? rc : audit_note_event(copy, "restore", backup, kept, err);
}

/* Copies the backup beside path as tmp and checks it there. */
static int prepare_copy(const struct session *current, const char *tmp, const char *backup,
                        const char *kept, struct findings *f, struct error *err)
{
	int rc = db_copy_file(backup, tmp, current->cfg->file_mode, err);
	struct session copy = {.cfg = current->cfg, .role = current->role};
	snprintf(copy.login, sizeof copy.login, "%s", current->login);
	if (rc == 0)
		rc = db_open(tmp, DB_OPEN_EXISTING, current->cfg->file_mode, &copy.db, err);
	if (rc == 0)
		rc = check_copy(&copy, backup, kept, f, err);
	db_close(copy.db);   /* the last connection: its log is folded in */
	/* A refusal of the copy ("PATH.part-1: newer schema ...") is about
	 * the backup: it names the backup. */
	size_t n = strlen(tmp);
	if (rc != 0 && err && strncmp(err->msg, tmp, n) == 0) {
		char rest[ERROR_MSG_MAX];
		snprintf(rest, sizeof rest, "%s", err->msg + n);
		error_set(err, err->code, "%s%s", backup, rest);
	}
	return rc;
}

static void dated_name(const char *path, char *buf, size_t len)
{
	time_t now = time(NULL);
	struct tm tm;
	char stamp[32];
	localtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y-%m-%dT%H%M%S", &tm);
	snprintf(buf, len, "%s.%s", path, stamp);
}

int restore_database(const char *path, const char *backup, const struct settings *cfg,
                     char *kept, size_t kept_len, problem_fn report, void *ctx,
                     struct error *err)
{
	struct session s;
	int rc = session_open(&s, path, cfg, err);
	if (rc != 0)
		return rc;
	rc = session_require(&s, ROLE_ADMIN, "restore a backup", err);
	char tmp[CONFIG_PATH_MAX + 32];
	db_temp_path(path, tmp, sizeof tmp);
	dated_name(path, kept, kept_len);
	struct findings f = {report, ctx, 0};
	/* The copy, the dated database and the rename are made in the
	 * database's folder: in a shared setup only sendesk's group may. */
	privilege_raise();
	if (rc == 0) {
		db_remove_files(tmp);   /* left by a killed run that had this process id */
		rc = prepare_copy(&s, tmp, backup, kept, &f, err);
	}
	/* A consistent copy of the database as it is now, while it is open. */
	if (rc == 0)
		rc = db_backup(s.db, kept, cfg->file_mode, err);
	session_close(&s);
	if (rc == 0)
		rc = db_replace(tmp, path, err);
	db_remove_files(tmp);
	privilege_lower();
	return rc;
}
