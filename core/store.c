#include "core/store.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/fields.h"
#include "db/children.h"
#include "db/coverage.h"
#include "db/record.h"

struct validation {
	store_problem_fn problem;
	void *ctx;
	int problems;
};

static void found(struct validation *v, int i, const char *reason)
{
	struct error problem;
	error_set(&problem, EX_DATAERR, "%s", reason);
	problem.field = i + 1;
	v->problem(v->ctx, &problem);
	v->problems++;
}

static void each_missing(const struct record *r, const bool *known_bad, struct validation *v)
{
	const struct kind *k = r->kind;
	for (int i = 0; i < k->field_count; i++)
		if (k->fields[i].required && !r->values[i].set && !(known_bad && known_bad[i]))
			found(v, i, "required");
}

/* Turns each reference's key into the id of the record it names. */
static int resolve_references(struct session *s, struct record *r, struct validation *v,
                              struct error *err)
{
	const struct kind *k = r->kind;
	for (int i = 0; i < k->field_count; i++) {
		struct value *val = &r->values[i];
		if (k->fields[i].type != FIELD_REFERENCE || !val->set)
			continue;
		const struct kind *target = kinds[k->fields[i].target];
		int rc = db_record_find_by_key(s->db, target->table, val->text, &val->n, err);
		if (rc != 0)
			return rc;
		if (val->n == 0) {
			char reason[ERROR_MSG_MAX];
			snprintf(reason, sizeof reason, "no %s '%s'", target->label, val->text);
			found(v, i, reason);
		}
	}
	return 0;
}

int store_validate_each(struct session *s, struct record *r, const bool *known_bad,
                        store_problem_fn problem, void *ctx, struct error *err)
{
	struct validation v = {problem, ctx, 0};
	each_missing(r, known_bad, &v);
	int rc = resolve_references(s, r, &v, err);
	if (rc != 0)
		return rc;
	/* Rules across fields hold of fields that are set; the first broken
	 * one is enough, as fixing it may change the others. */
	struct error broken = {0};
	rc = r->kind->check ? r->kind->check(r, s->cfg, &broken) : 0;
	/* Rules that read other records (a session inside its entry's
	 * period) once the record's own fields hold together. */
	if (rc == 0 && v.problems == 0 && r->kind->check_stored)
		rc = r->kind->check_stored(s, r, &broken);
	if (rc == EX_DATAERR) {
		v.problem(v.ctx, &broken);
		v.problems++;
	} else if (rc != 0) {
		if (err)
			*err = broken;
		return rc;
	}
	return v.problems ? EX_DATAERR : 0;
}

struct first_problem {
	struct error *err;
	bool seen;
};

static void keep_first(void *ctx, const struct error *problem)
{
	struct first_problem *first = ctx;
	if (first->seen)
		return;
	first->seen = true;
	if (first->err)
		*first->err = *problem;
}

/* Prefixes a field's reason with the field's name: "end_date: ...". */
static int name_the_field(const struct record *r, int rc, struct error *err)
{
	if (rc != 0 && err && err->field > 0) {
		int field = err->field;
		error_prefix(err, "%s", r->kind->fields[field - 1].name);
		err->field = field;
	}
	return rc;
}

int store_validate(struct session *s, struct record *r, struct error *err)
{
	struct first_problem first = {err, false};
	int rc = store_validate_each(s, r, NULL, keep_first, &first, err);
	return name_the_field(r, rc, err);
}

static void key_values(const struct record *r, struct db_value *key)
{
	for (int k = 0; k < r->kind->key_count; k++)
		key[k] = record_db_value(r, r->kind->key_fields[k]);
}

/* "contract 'EKHUFT-2024'", or just "provision" for kinds without a key. */
static void describe(const struct record *r, char *buf, size_t len)
{
	const struct kind *k = r->kind;
	if (k->key_count == 0) {
		snprintf(buf, len, "%s", k->label);
		return;
	}
	size_t used = (size_t)snprintf(buf, len, "%s '", k->label);
	for (int i = 0; i < k->key_count && used < len; i++) {
		const struct value *v = &r->values[k->key_fields[i]];
		char scratch[64];
		const char *text = v->text ? v->text : (snprintf(scratch, sizeof scratch, "%lld", (long long)v->n), scratch);
		used += (size_t)snprintf(buf + used, len - used, "%s%s", i ? ", " : "", text);
	}
	if (used < len)
		snprintf(buf + used, len - used, "'");
}

static int already_exists(const struct record *r, const char *what, struct error *err)
{
	error_set(err, EX_DATAERR, "%s already exists", what);
	if (err)
		err->field = r->kind->key_fields[0] + 1;
	return EX_DATAERR;
}

/* Finds which stored record the change is about, or refuses it. */
static int target_id(struct session *s, enum write_action action, struct record *r,
                     int64_t *id, struct error *err)
{
	struct db_value key[3];
	int64_t existing = 0;
	char what[ERROR_MSG_MAX / 2];
	describe(r, what, sizeof what);
	if (action != WRITE_DELETE && r->kind->key_count > 0) {
		key_values(r, key);
		int rc = db_record_find(s->db, r->kind->table, key, &existing, err);
		if (rc != 0)
			return rc;
	}
	switch (action) {
	case WRITE_SAVE:
		*id = existing;
		return 0;
	case WRITE_INSERT:
		*id = 0;
		if (existing != 0)
			return already_exists(r, what, err);
		return 0;
	case WRITE_UPDATE:
		if (existing != 0 && existing != r->id)
			return already_exists(r, what, err);
		/* fall through */
	case WRITE_DELETE:
		*id = r->id;
		if (r->id <= 0)
			return error_set(err, EX_DATAERR, "no such %s", r->kind->label);
		return 0;
	}
	return error_set(err, EX_SOFTWARE, "unknown change");
}

struct latest_change {
	char at[32];
	char login[64];
};

static int keep_latest(void *ctx, const struct db_value *cols, int count)
{
	struct latest_change *c = ctx;
	(void)count;
	snprintf(c->at, sizeof c->at, "%s", cols[0].s ? cols[0].s : "");
	snprintf(c->login, sizeof c->login, "%s", cols[1].s ? cols[1].s : "");
	return 0;
}

/* "2026-12-05T12:03:09Z" as people read it: "2026-12-05 12:03". */
static void readable_time(const char *iso, char *buf, size_t len)
{
	snprintf(buf, len, "%.10s %.5s", iso, strlen(iso) > 11 ? iso + 11 : "");
}

/* The refusal of an update over a version the record has moved on from:
 * who changed it last and when, read in the same transaction. */
static int refuse_stale(struct session *s, const struct record *r, int64_t id, struct error *err)
{
	struct latest_change latest = {"", ""};
	char what[ERROR_MSG_MAX / 2], when[32];
	describe(r, what, sizeof what);
	int rc = db_audit_latest(s->db, r->kind->table, r->kind->name, id, 1, keep_latest, &latest, err);
	if (rc != 0)
		return rc;
	readable_time(latest.at, when, sizeof when);
	if (latest.login[0])
		error_set(err, EX_DATAERR, "%s was changed by %s at %s since you opened it", what,
		          latest.login, when);
	else
		error_set(err, EX_DATAERR, "%s was changed since you opened it", what);
	if (err)
		err->field = STORE_STALE;
	return EX_DATAERR;
}

static int write_row(struct session *s, struct record *r, int64_t *id, struct error *err)
{
	struct db_value cols[KIND_MAX_FIELDS];
	for (int i = 0; i < r->kind->field_count; i++)
		cols[i] = record_db_value(r, i);
	if (*id == 0) {
		r->version = 1;
		return db_record_insert(s->db, r->kind->table, cols, id, err);
	}
	bool written;
	int rc = db_record_update(s->db, r->kind->table, *id, r->version, cols, &written, err);
	if (rc == 0 && !written)
		return refuse_stale(s, r, *id, err);
	if (rc == 0 && r->version > 0)
		r->version++;
	return rc;
}

struct referrers {
	char text[ERROR_MSG_MAX / 2];
	size_t used;
};

static int name_referrers(void *ctx, enum db_table_id table, int64_t count)
{
	struct referrers *r = ctx;
	const char *label = "other record";
	for (int k = 0; k < KIND_COUNT; k++)
		if (kinds[k]->table == table)
			label = kinds[k]->label;
	if (r->used < sizeof r->text)
		r->used += (size_t)snprintf(r->text + r->used, sizeof r->text - r->used, "%s%lld %s%s",
		                            r->used ? ", " : "", (long long)count, label,
		                            count == 1 ? "" : " records");
	return 0;
}

/* A record others refer to stays: the refusal says which and how many. */
static int refuse_if_referred_to(struct session *s, const struct record *r, int64_t id,
                                 struct error *err)
{
	struct referrers refs = {.used = 0};
	refs.text[0] = '\0';
	int rc = db_record_referrers(s->db, r->kind->table, id, name_referrers, &refs, err);
	if (rc == 0 && refs.used > 0) {
		char what[ERROR_MSG_MAX / 2];
		describe(r, what, sizeof what);
		rc = error_set(err, EX_DATAERR, "%s is still referred to by %s; delete or change those first",
		               what, refs.text);
	}
	return rc;
}

/* Gives a new record of a kind whose key is made (a session) the next
 * free "PV-<n>", n from the table's last id on.  It runs inside the
 * write transaction, which holds the database's write lock, so two
 * writers at once never make the same key; a key given in a file that
 * happens to be the next one is stepped over. */
static int make_key(struct session *s, struct record *r, struct error *err)
{
	const struct kind *k = r->kind;
	int field = k->key_fields[0];
	int64_t n, taken;
	int rc = db_record_last_id(s->db, k->table, &n, err);
	char key[64];
	do {
		snprintf(key, sizeof key, "%s%lld", k->made_key_prefix, (long long)++n);
		if (rc == 0)
			rc = db_record_find_by_key(s->db, k->table, key, &taken, err);
	} while (rc == 0 && taken != 0);
	return rc ? rc : record_set(r, field, key, s->cfg, err);
}

/* The part inside the transaction: before, change, after, audit. */
static int apply(struct session *s, enum write_action action, struct record *r,
                 struct error *err)
{
	const struct kind *k = r->kind;
	int64_t id = 0;
	char *before = NULL, *after = NULL;
	int rc = 0;
	if (action != WRITE_DELETE && k->made_key_prefix &&
	    !r->values[k->key_fields[0]].set)
		rc = make_key(s, r, err);
	if (rc == 0)
		rc = target_id(s, action, r, &id, err);
	if (rc == 0 && id != 0) {
		rc = db_record_json(s->db, k->table, id, &before, err);
		if (rc == 0 && before == NULL)
			rc = error_set(err, EX_DATAERR, "no such %s (id %lld)", k->label, (long long)id);
	}
	const char *verb = id == 0 ? "insert" : action == WRITE_DELETE ? "delete" : "update";
	if (rc == 0 && action == WRITE_DELETE)
		rc = refuse_if_referred_to(s, r, id, err);
	if (rc == 0)
		rc = action == WRITE_DELETE ? db_record_delete(s->db, k->table, id, err)
		                            : write_row(s, r, &id, err);
	if (rc == 0 && action != WRITE_DELETE)
		rc = db_record_json(s->db, k->table, id, &after, err);
	/* Saving a record as it already is (an import of an unchanged row)
	 * changes nothing, so the trail gets no row. */
	if (rc == 0 && !(before && after && strcmp(before, after) == 0))
		rc = db_audit_add(s->db, s->login, verb, k->name, id, before, after, err);
	/* A batch (an import) is judged as a whole at its end
	 * (store_invariant): a users file that hands admin from one login to
	 * another passes through a moment with none. */
	if (rc == 0 && k->invariant && !s->batch)
		rc = k->invariant(s, err);
	if (rc == 0)
		r->id = action == WRITE_DELETE ? 0 : id;
	free(before);
	free(after);
	return rc;
}

/* Fields left empty that have a default (a session's outcome,
 * "delivered") are stored as it. */
static int fill_defaults(struct session *s, struct record *r, struct error *err)
{
	const struct kind *k = r->kind;
	for (int i = 0; i < k->field_count; i++) {
		if (r->values[i].set || k->fields[i].default_text == NULL)
			continue;
		int rc = record_set(r, i, k->fields[i].default_text, s->cfg, err);
		if (rc != 0)
			return rc;
	}
	return 0;
}

/* "change coverage (only admins may)" */
static void change_what(const struct kind *k, char *buf, size_t len)
{
	snprintf(buf, len, "change %s (%s)", k->name,
	         k->write_role == ROLE_ADMIN ? "only admins may"
	         : k->write_role == ROLE_TEAMLEAD ? "only team leads and admins may"
	         : "only caseworkers, team leads and admins may");
}

int store_require_role(struct session *s, const struct kind *k, struct error *err)
{
	char what[96];
	change_what(k, what, sizeof what);
	return session_require(s, k->write_role, what, err);
}

int store_invariant(struct session *s, const struct kind *k, struct error *err)
{
	return k->invariant ? k->invariant(s, err) : 0;
}

bool store_may_change(const struct session *s, const struct kind *k)
{
	return s->role >= k->write_role;
}

/* The role as the users table says now, read inside the change's
 * transaction (once per transaction: an import's rows share one read),
 * so that a login an admin removed or demoted after this session opened
 * is refused at once rather than acting with the role it had. */
static int require_current_role(struct session *s, const struct kind *k, struct error *err)
{
	int64_t now = db_transaction_serial(s->db);
	if (s->role_read_in != now) {
		enum role had = s->role;
		int rc = session_reload_role(s, err);
		if (rc != 0)
			return rc;
		s->role_read_in = now;
		if (s->role != had && s->role < k->write_role) {
			char what[96];
			change_what(k, what, sizeof what);
			return error_set(err, EX_NOPERM, "login '%s' is now a %s: may not %s", s->login,
			                 role_name(s->role), what);
		}
	}
	return store_require_role(s, k, err);
}

int store_write(struct session *s, enum write_action action, struct record *r,
                struct error *err)
{
	const struct kind *k = r->kind;
	int rc = action == WRITE_DELETE ? 0 : fill_defaults(s, r, err);
	if (rc == 0 && action != WRITE_DELETE)
		rc = store_validate(s, r, err);
	if (rc != 0)
		return rc;
	rc = store_require_role(s, k, err);
	if (rc != 0)
		return rc;
	if (s->batch) {
		rc = require_current_role(s, k, err);
		return rc ? rc : name_the_field(r, apply(s, action, r, err), err);
	}
	rc = db_savepoint(s->db, err);
	if (rc != 0)
		return rc;
	int64_t version = r->version;
	rc = require_current_role(s, k, err);
	if (rc == 0)
		rc = apply(s, action, r, err);
	if (rc == 0)
		rc = db_release(s->db, err);
	if (rc == 0)
		return 0;
	db_rollback_savepoint(s->db);
	r->version = version;   /* nothing was written */
	return name_the_field(r, rc, err);
}

bool store_is_stale(const struct error *err)
{
	return err->code == EX_DATAERR && err->field == STORE_STALE;
}

int store_write_waiting(struct session *s, enum write_action action, struct record *r,
                        store_wait_fn keep_waiting, void *ctx, struct error *err)
{
	/* Short waits, so that the person waiting hears of it and may stop. */
	db_set_busy_timeout(s->db, STORE_WAIT_STEP_SECONDS);
	int rc, waits = 0;
	while ((rc = store_write(s, action, r, err)) == EX_TEMPFAIL && keep_waiting(ctx, ++waits))
		;
	db_set_busy_timeout(s->db, s->cfg->busy_timeout_seconds);
	if (rc == EX_TEMPFAIL)
		error_set(err, EX_TEMPFAIL, "not saved: another change held the database and you stopped waiting");
	return rc;
}

int store_data_version(struct session *s, int64_t *version, struct error *err)
{
	return db_data_version(s->db, version, err);
}

int store_mark_now(struct session *s, struct store_mark *mark, struct error *err)
{
	mark->own = db_transaction_serial(s->db);
	return db_data_version(s->db, &mark->others, err);
}

/* ---- what changed since a version ----------------------------------------- */

struct change_walk {
	struct session *s;
	const struct kind *kind;
	store_change_fn fn;
	void *ctx;
	int rc;
};

/* Calls the walk's fn for each field that differs between two sides of
 * one audit row, as people read them. */
static int each_field_changed(void *ctx, const struct db_value *cols, int count)
{
	struct change_walk *w = ctx;
	const struct kind *k = w->kind;
	int side = k->field_count + 1;
	if (count != 3 + 2 * side)
		return error_set(NULL, EX_SOFTWARE, "audit row");
	struct record before, after;
	record_init(&before, k);
	record_init(&after, k);
	struct error ignored = {0};
	bool had_before = record_from_row(&before, cols + 3, side, &ignored) == 0;
	bool has_after = record_from_row(&after, cols + 3 + side, side, &ignored) == 0;
	struct store_change c = {cols[0].s ? cols[0].s : "", cols[1].s ? cols[1].s : "",
	                         cols[2].s ? cols[2].s : "", -1, "", ""};
	char when[32];
	readable_time(c.at, when, sizeof when);
	c.at = when;
	int rc = 0;
	if (strcmp(c.action, "update") != 0 || !had_before || !has_after) {
		rc = w->fn(w->ctx, &c);
	} else {
		for (int i = 0; i < k->field_count && rc == 0; i++) {
			char was_buf[RECORD_TEXT_MAX], now_buf[RECORD_TEXT_MAX];
			const char *was = record_display(&before, i, w->s->cfg, was_buf, sizeof was_buf);
			const char *now = record_display(&after, i, w->s->cfg, now_buf, sizeof now_buf);
			if (strcmp(was, now) == 0)
				continue;
			c.field = i;
			c.before = was;
			c.after = now;
			rc = w->fn(w->ctx, &c);
		}
	}
	record_clear(&before);
	record_clear(&after);
	return rc;
}

int store_changes_since(struct session *s, const struct record *r, int64_t *now_version,
                        store_change_fn fn, void *ctx, struct error *err)
{
	struct record stored;
	record_init(&stored, r->kind);
	*now_version = 0;
	int rc = store_load(s, &stored, r->id, err);
	int64_t since = r->version;
	if (rc == EX_DATAERR) {
		/* Deleted: its last audit row says by whom. */
		since = -1;
		rc = 0;
	}
	*now_version = stored.version;
	int64_t count = since < 0 ? 1 : stored.version - since;
	record_clear(&stored);
	if (rc != 0 || count <= 0)
		return rc;
	struct change_walk w = {s, r->kind, fn, ctx, 0};
	return db_audit_latest(s->db, r->kind->table, r->kind->name, r->id, count, each_field_changed,
	                       &w, err);
}

struct load_target {
	struct record *r;
	struct error *err;
	int rc;
	bool found;
};

static int load_row(void *ctx, const struct db_value *cols, int count)
{
	struct load_target *t = ctx;
	t->found = true;
	t->rc = record_from_row(t->r, cols, count, t->err);
	return t->rc;
}

int store_load(struct session *s, struct record *r, int64_t id, struct error *err)
{
	struct load_target t = {r, err, 0, false};
	int rc = db_record_get(s->db, r->kind->table, id, load_row, &t, err);
	if (rc != 0)
		return rc;
	if (!t.found)
		return error_set(err, EX_DATAERR, "no such %s (id %lld)", r->kind->label, (long long)id);
	return 0;
}

int store_load_by_key(struct session *s, struct record *r, const char *key, bool *found,
                      struct error *err)
{
	int64_t id;
	*found = false;
	int rc = db_record_find_by_key(s->db, r->kind->table, key, &id, err);
	if (rc != 0 || id == 0)
		return rc;
	*found = true;
	return store_load(s, r, id, err);
}

/* ---- warnings ------------------------------------------------------------ */

__attribute__((format(printf, 3, 4)))
static void warn(struct warnings *out, int field, const char *fmt, ...)
{
	if (out->count >= STORE_WARNINGS_MAX)
		return;
	struct warning *w = &out->items[out->count++];
	w->field = field + 1;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(w->reason, sizeof w->reason, fmt, ap);
	va_end(ap);
}

static int name_same_child(void *ctx, const struct db_value *cols, int count)
{
	(void)count;
	warn(ctx, CHILD_FIRST_NAME, "the same name and date of birth as child %s (%s %s, born %s)",
	     cols[0].s, cols[1].s, cols[2].s, cols[3].s);
	return 0;
}

/* A new child who may already be here under another ref. */
static int warn_same_child(struct session *s, const struct record *r, struct warnings *out,
                           struct error *err)
{
	const struct value *first = &r->values[CHILD_FIRST_NAME], *last = &r->values[CHILD_LAST_NAME];
	const struct value *born = &r->values[CHILD_DOB], *ref = &r->values[CHILD_REF];
	if (!first->set || !last->set || !born->set || r->id > 0)
		return 0;
	int64_t existing = 0;
	int rc = ref->set ? db_record_find_by_key(s->db, TABLE_CHILDREN, ref->text, &existing, err) : 0;
	if (rc != 0 || existing != 0)
		return rc;   /* an update of that child, not a new one */
	return db_children_same_person(s->db, first->text, last->text, born->text,
	                               ref->set ? ref->text : NULL, name_same_child, out, err);
}

struct contract_fit {
	struct warnings *out;
	const char *district, *therapy, *on;
};

static int judge_fit(void *ctx, const struct db_value *cols, int count)
{
	struct contract_fit *fit = ctx;
	(void)count;
	if (cols[1].i == 0)
		warn(fit->out, ENTRY_CONTRACT, "%s does not cover %s for %s", cols[0].s, fit->district,
		     fit->therapy);
	if (cols[2].i != 0)
		return 0;
	if (strcmp(cols[5].s, "draft") == 0)
		warn(fit->out, ENTRY_CONTRACT, "%s is not in force on %s (it is a draft)", cols[0].s, fit->on);
	else
		warn(fit->out, ENTRY_CONTRACT, "%s is not in force on %s (it runs %s to %s)", cols[0].s,
		     fit->on, cols[3].s, cols[4].s);
	return 0;
}

/* How people write a therapy: "SLT", "OT"; a longer code by its name. */
static const char *therapy_label(const struct settings *cfg, const char *code, char *buf, size_t len)
{
	const struct therapy *t = config_find_therapy(cfg, code);
	if (strlen(code) > 3)
		return t ? t->name : code;
	size_t i = 0;
	for (; code[i] && i + 1 < len; i++)
		buf[i] = (char)(code[i] >= 'a' && code[i] <= 'z' ? code[i] - 'a' + 'A' : code[i]);
	buf[i] = '\0';
	return buf;
}

/* An entry funded by a contract that does not cover the child's district
 * for its therapy, or is not in force when the entry starts. */
static int warn_contract_fit(struct session *s, const struct record *r, struct warnings *out,
                             struct error *err)
{
	const struct value *funding = &r->values[ENTRY_FUNDING], *contract = &r->values[ENTRY_CONTRACT];
	const struct value *child = &r->values[ENTRY_CHILD], *therapy = &r->values[ENTRY_THERAPY];
	const struct value *start = &r->values[ENTRY_START];
	if (!funding->set || strcmp(funding->text, "contract") != 0 || !contract->set || !child->set ||
	    !therapy->set || !start->set)
		return 0;
	struct record c;
	record_init(&c, kinds[KIND_CHILDREN]);
	bool found;
	int rc = store_load_by_key(s, &c, child->text, &found, err);
	const struct value *district = &c.values[CHILD_DISTRICT];
	if (rc == 0 && found && district->set) {
		const struct district *d = config_find_district(s->cfg, district->text);
		char label[32];
		struct contract_fit fit = {out, d ? d->name : district->text,
		                           therapy_label(s->cfg, therapy->text, label, sizeof label),
		                           start->text};
		rc = db_coverage_fit(s->db, contract->text, district->text, therapy->text, start->text,
		                     judge_fit, &fit, err);
	}
	record_clear(&c);
	return rc;
}

int store_warnings(struct session *s, const struct record *r, struct warnings *out,
                   struct error *err)
{
	out->count = 0;
	int rc = 0;
	if (r->kind->id == KIND_CHILDREN)
		rc = warn_same_child(s, r, out, err);
	else if (r->kind->id == KIND_THERAPY_ENTRIES)
		rc = warn_contract_fit(s, r, out, err);
	if (rc != 0)
		out->count = 0;
	return rc;
}
