#include "core/history.h"

#include <stdio.h>
#include <string.h>

#include "core/record.h"
#include "core/store.h"
#include "db/audit_read.h"

/* The columns of an audit row, as db/audit_read.h gives them. */
enum { COL_ID, COL_AT, COL_LOGIN, COL_ACTION, COL_KIND, COL_RECORD, COL_BEFORE, COL_AFTER };

static const char *text_of(const struct db_value *v)
{
	return v->type == DBV_TEXT && v->s ? v->s : NULL;
}

static enum history_action action_of(const char *verb)
{
	if (verb == NULL)
		return HISTORY_CHANGED;
	if (strcmp(verb, "insert") == 0)
		return HISTORY_ADDED;
	if (strcmp(verb, "delete") == 0)
		return HISTORY_DELETED;
	if (strcmp(verb, "view") == 0)
		return HISTORY_OPENED;
	return HISTORY_CHANGED;
}

const char *history_action_word(enum history_action a)
{
	switch (a) {
	case HISTORY_ADDED: return "added";
	case HISTORY_DELETED: return "deleted";
	case HISTORY_OPENED: return "opened";
	case HISTORY_CHANGED: break;
	}
	return "changed";
}

struct json_target {
	struct record *r;
	struct error *err;
	int rc;
};

static int take_record(void *ctx, const struct db_value *cols, int count)
{
	struct json_target *t = ctx;
	t->rc = record_from_row(t->r, cols, count, t->err);
	return t->rc;
}

/* r (initialised for its kind) as the JSON of an audit row held it; left
 * empty for NULL json. */
static int record_from_json(struct session *s, struct record *r, const char *json,
                            struct error *err)
{
	if (json == NULL)
		return 0;
	struct json_target t = {r, err, 0};
	int rc = db_audit_json_row(s->db, r->kind->table, json, take_record, &t, err);
	return rc ? rc : t.rc;
}

/* text into buf; a text too long ends in "..." after its last whole
 * UTF-8 character that fits, never inside one. */
static void copy_cut(const char *text, char *buf, size_t len)
{
	size_t n = strlen(text);
	if (n < len) {
		memcpy(buf, text, n + 1);
		return;
	}
	size_t keep = len - 4;
	while (keep > 0 && ((unsigned char)text[keep] & 0xC0) == 0x80)
		keep--;
	memcpy(buf, text, keep);
	memcpy(buf + keep, "...", 4);
}

/* The field's value as people read it, "" when empty. */
static void shown(const struct session *s, const struct record *r, int i, char *buf, size_t len)
{
	char value[RECORD_TEXT_MAX];
	copy_cut(r->values[i].set ? record_display(r, i, s->cfg, value, sizeof value) : "", buf, len);
}

/* Whether field i holds the same in both, as stored (both read from the
 * trail's JSON the same way), whatever its length. */
static bool same_value(const struct record *a, const struct record *b, int i)
{
	const struct value *x = &a->values[i], *y = &b->values[i];
	if (x->set != y->set)
		return false;
	if (!x->set)
		return true;
	if ((x->text == NULL) != (y->text == NULL))
		return false;
	if (x->text)
		return strcmp(x->text, y->text) == 0;
	return x->n == y->n && x->d == y->d;
}

/* The fields that differ between before and after, by the kind's order. */
static void list_fields(const struct session *s, const struct record *before,
                        const struct record *after, struct history_change *c)
{
	const struct kind *k = before->kind;
	for (int i = 0; i < k->field_count; i++) {
		if (same_value(before, after, i))
			continue;
		struct history_field *f = &c->fields[c->field_count++];
		f->field = i;
		shown(s, before, i, f->before, sizeof f->before);
		shown(s, after, i, f->after, sizeof f->after);
	}
}

/* "C-1" as the record's key read then, or "#12" for a kind without one. */
static void name_record(const struct session *s, const struct record *r, int64_t id, char *buf,
                        size_t len)
{
	const struct kind *k = r->kind;
	char key[RECORD_TEXT_MAX];
	if (k->key_count > 0 && r->values[k->key_fields[0]].set)
		snprintf(buf, len, "%s", record_text(r, k->key_fields[0], s->cfg, key, sizeof key));
	else
		snprintf(buf, len, "#%lld", (long long)id);
}

static int fill_change(struct session *s, const struct db_value *cols, struct history_change *c,
                       struct error *err)
{
	memset(c, 0, sizeof *c);
	c->id = cols[COL_ID].i;
	snprintf(c->at, sizeof c->at, "%s", text_of(&cols[COL_AT]) ? cols[COL_AT].s : "");
	snprintf(c->login, sizeof c->login, "%s", text_of(&cols[COL_LOGIN]) ? cols[COL_LOGIN].s : "");
	c->action = action_of(text_of(&cols[COL_ACTION]));
	snprintf(c->kind_name, sizeof c->kind_name, "%s", text_of(&cols[COL_KIND]) ? cols[COL_KIND].s : "");
	c->record_id = cols[COL_RECORD].i;
	c->kind = kind_find(c->kind_name);
	snprintf(c->record, sizeof c->record, "#%lld", (long long)c->record_id);
	if (c->kind == NULL)
		return 0;
	struct record before, after;
	record_init(&before, c->kind);
	record_init(&after, c->kind);
	int rc = record_from_json(s, &before, text_of(&cols[COL_BEFORE]), err);
	if (rc == 0)
		rc = record_from_json(s, &after, text_of(&cols[COL_AFTER]), err);
	if (rc == 0) {
		name_record(s, c->action == HISTORY_DELETED || !text_of(&cols[COL_AFTER]) ? &before : &after,
		            c->record_id, c->record, sizeof c->record);
		if (c->action != HISTORY_OPENED)
			list_fields(s, &before, &after, c);
	}
	record_clear(&before);
	record_clear(&after);
	return rc;
}

struct page_walk {
	struct session *s;
	history_fn fn;
	void *ctx;
	struct error *err;
	struct history_change change;
};

static int each_row(void *ctx, const struct db_value *cols, int count)
{
	struct page_walk *w = ctx;
	if (count <= COL_AFTER)
		return error_set(w->err, EX_SOFTWARE, "an audit row of %d columns", count);
	int rc = fill_change(w->s, cols, &w->change, w->err);
	return rc ? rc : w->fn(w->ctx, &w->change);
}

static const char *or_null(const char *text)
{
	return text && text[0] ? text : NULL;
}

int history_page(struct session *s, const struct history_query *q, int64_t before_id,
                 bool newer, int limit, history_fn fn, void *ctx, struct error *err)
{
	bool one_record = q->kind != NULL && q->record_id != 0;
	if (!one_record) {
		int rc = session_require(s, ROLE_TEAMLEAD,
		                         "read the whole audit trail (team leads and admins may)", err);
		if (rc != 0)
			return rc;
	}
	struct db_audit_filter f = {
		.kind = q->kind ? q->kind->name : NULL, .record_id = one_record ? q->record_id : 0,
		.login = or_null(q->login), .from_day = or_null(q->from_day), .to_day = or_null(q->to_day),
	};
	struct page_walk w = {.s = s, .fn = fn, .ctx = ctx, .err = err};
	int rc = db_audit_page(s->db, &f, before_id, newer, limit, each_row, &w, err);
	return rc;
}

struct page_fill {
	struct history_change *into;
	int count, limit;
	bool beyond;                   /* a row past limit came */
};

static int take_into_page(void *ctx, const struct history_change *c)
{
	struct page_fill *p = ctx;
	if (p->count == p->limit) {
		p->beyond = true;
		return 1;
	}
	p->into[p->count++] = *c;
	return 0;
}

int history_page_rows(struct session *s, const struct history_query *q, int64_t edge, bool newer,
                      struct history_change *rows, int limit, int *count, bool *more,
                      struct error *err)
{
	struct page_fill p = {rows, 0, limit, false};
	int rc = history_page(s, q, edge, newer, limit + 1, take_into_page, &p, err);
	if (rc != 0 && rc != 1)
		return rc;
	for (int i = 0; newer && i < p.count / 2; i++) {
		struct history_change swap = rows[i];
		rows[i] = rows[p.count - 1 - i];
		rows[p.count - 1 - i] = swap;
	}
	*count = p.count;
	*more = p.beyond;
	return 0;
}

struct one_row {
	struct session *s;
	struct history_change *c;
	struct error *err;
	bool found;
};

static int take_change(void *ctx, const struct db_value *cols, int count)
{
	struct one_row *o = ctx;
	if (count <= COL_AFTER)
		return error_set(o->err, EX_SOFTWARE, "an audit row of %d columns", count);
	o->found = true;
	return fill_change(o->s, cols, o->c, o->err);
}

int history_get(struct session *s, int64_t id, struct history_change *c, struct error *err)
{
	struct one_row o = {s, c, err, false};
	int rc = db_audit_row(s->db, id, take_change, &o, err);
	if (rc == 0 && !o.found)
		rc = error_set(err, EX_DATAERR, "no change %lld in the audit trail", (long long)id);
	return rc;
}

int history_latest_change(struct session *s, const struct kind *k, int64_t record_id,
                          int64_t *id, struct error *err)
{
	return db_audit_latest_change(s->db, k->name, record_id, id, err);
}

/* ---- undo ------------------------------------------------------------------ */

struct undo_source {
	struct session *s;
	struct record *before;
	struct error *err;
	int rc;
	char action[16];
};

static int take_before(void *ctx, const struct db_value *cols, int count)
{
	struct undo_source *u = ctx;
	if (count <= COL_AFTER)
		return u->rc = error_set(u->err, EX_SOFTWARE, "an audit row of %d columns", count);
	snprintf(u->action, sizeof u->action, "%s", text_of(&cols[COL_ACTION]) ? cols[COL_ACTION].s : "");
	u->rc = record_from_json(u->s, u->before, text_of(&cols[COL_BEFORE]), u->err);
	return u->rc;
}

/* "contract C-1: Annual value back to £1,000.00", and how many other
 * fields went back with it. */
static void describe_undo(const struct history_change *c, char *done, size_t len)
{
	if (c->field_count == 0) {
		snprintf(done, len, "%s %s: nothing differed", c->kind->label, c->record);
		return;
	}
	const struct history_field *f = &c->fields[0];
	int n = snprintf(done, len, "%s %s: %s back to %s", c->kind->label, c->record,
	                 c->kind->fields[f->field].label, f->before[0] ? f->before : "empty");
	int more = c->field_count - 1;
	if (more > 0 && n > 0 && (size_t)n < len)
		snprintf(done + n, len - (size_t)n, " (and %d other field%s)", more, more == 1 ? "" : "s");
}

/* An added record goes again, unless others now refer to it. */
static int undo_insert(struct session *s, const struct history_change *c, char *done, size_t len,
                       struct error *err)
{
	struct record r;
	record_init(&r, c->kind);
	int rc = store_load(s, &r, c->record_id, err);
	if (rc == 0)
		rc = store_write(s, WRITE_DELETE, &r, err);
	record_clear(&r);
	if (rc == EX_DATAERR)
		error_prefix(err, "not undone: other records now depend on %s %s", c->kind->label, c->record);
	else if (rc == 0)
		snprintf(done, len, "%s %s: its adding undone (deleted)", c->kind->label, c->record);
	return rc;
}

static int undo_update(struct session *s, const struct history_change *c, char *done, size_t len,
                       struct error *err)
{
	struct record before;
	record_init(&before, c->kind);
	struct undo_source u = {s, &before, err, 0, ""};
	int rc = db_audit_row(s->db, c->id, take_before, &u, err);
	if (rc == 0)
		rc = u.rc;
	if (rc == 0) {
		before.id = c->record_id;
		rc = store_write(s, WRITE_UPDATE, &before, err);
	}
	record_clear(&before);
	if (rc == 0)
		describe_undo(c, done, len);
	else if (rc == EX_DATAERR)
		error_prefix(err, "not undone");
	return rc;
}

/* Someone changed the record after the change the person saw. */
static int changed_since(struct session *s, int64_t latest, struct error *err)
{
	struct history_change c;
	int rc = history_get(s, latest, &c, err);
	if (rc != 0)
		return rc;
	return error_set(err, EX_DATAERR,
	                 "not undone: %s %s was changed again since, by %s at %s; "
	                 "only its latest change can be undone",
	                 c.kind ? c.kind->label : c.kind_name, c.record, c.login, c.at);
}

/* Inside the undo's transaction: the check that the change is still
 * the latest and the write back see the same database. */
static int undo_latest(struct session *s, const struct kind *k, int64_t record_id, int64_t seen_id,
                       char *done, size_t len, struct error *err)
{
	int64_t latest = 0;
	int rc = history_latest_change(s, k, record_id, &latest, err);
	if (rc != 0)
		return rc;
	if (latest == 0)
		return error_set(err, EX_DATAERR, "not undone: this %s has no change in the audit trail", k->label);
	if (seen_id != 0 && latest != seen_id)
		return changed_since(s, latest, err);
	struct history_change c;
	rc = history_get(s, latest, &c, err);
	if (rc != 0)
		return rc;
	switch (c.action) {
	case HISTORY_ADDED:
		return undo_insert(s, &c, done, len, err);
	case HISTORY_CHANGED:
		return undo_update(s, &c, done, len, err);
	default:
		return error_set(err, EX_DATAERR, "not undone: %s %s was deleted", k->label, c.record);
	}
}

int history_undo(struct session *s, const struct kind *k, int64_t record_id, int64_t seen_id,
                 char *done, size_t len, struct error *err)
{
	done[0] = '\0';
	int rc = store_require_role(s, k, err);
	if (rc == 0)
		rc = db_savepoint(s->db, err);
	if (rc != 0)
		return rc;
	rc = undo_latest(s, k, record_id, seen_id, done, len, err);
	if (rc == 0)
		return db_release(s->db, err);
	db_rollback_savepoint(s->db);
	done[0] = '\0';
	return rc;
}
