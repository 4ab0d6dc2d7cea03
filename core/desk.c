#include "core/desk.h"

#include <stdio.h>
#include <string.h>

#include "core/fields.h"
#include "core/record.h"
#include "core/store.h"
#include "db/desk.h"

const char *const desk_reason_names[DESK_REASON_COUNT] = {
	"provider-cancelled", "school-cancelled", "child-absent", "did-not-attend",
};

void desk_default_window(day_t today, day_t *from, day_t *to)
{
	*from = today - (DESK_WINDOW_DAYS - 1);
	*to = today;
}

const char *desk_terms_json(const struct settings *cfg, char *buf, size_t len)
{
	size_t used = 0;
	int n = snprintf(buf, len, "[");
	for (int i = 0; n >= 0 && used + (size_t)n < len && i < cfg->term_count; i++) {
		used += (size_t)n;
		n = snprintf(buf + used, len - used, "%s[\"%s\",\"%s\"]", i ? "," : "",
		             cfg->terms[i].start, cfg->terms[i].end);
	}
	if (n >= 0 && used + (size_t)n < len) {
		used += (size_t)n;
		snprintf(buf + used, len - used, "]");
	}
	return buf;
}

/* ---- an entry's figures ------------------------------------------------- */

static int64_t integer_of(const struct db_value *v)
{
	return v->type == DBV_INTEGER ? v->i : 0;
}

static int figures_row(void *ctx, const struct db_value *cols, int count)
{
	struct desk_figures *f = ctx;
	(void)count;
	f->weekly = integer_of(&cols[0]);
	f->has_plan = f->weekly > 0;
	f->ceased = integer_of(&cols[1]) != 0;
	f->specified = f->ceased ? 0 : integer_of(&cols[2]);
	f->delivered = integer_of(&cols[3]);
	f->delivered_sessions = integer_of(&cols[4]);
	f->missed_sessions = integer_of(&cols[5]);
	f->missed_minutes = integer_of(&cols[6]);
	for (int r = 0; r < DESK_REASON_COUNT; r++)
		f->missed_by[r] = integer_of(&cols[7 + r]);
	return 1;   /* found: the one row */
}

int desk_entry_figures(struct session *s, int64_t entry_id, day_t from, day_t to,
                       struct desk_figures *out, struct error *err)
{
	char first[DATE_TEXT_MAX], last[DATE_TEXT_MAX], terms[DESK_TERMS_JSON_MAX];
	date_format(from, first);
	date_format(to, last);
	memset(out, 0, sizeof *out);
	int rc = db_desk_entry_figures(s->db, entry_id, first, last,
	                               desk_terms_json(s->cfg, terms, sizeof terms),
	                               figures_row, out, err);
	if (rc == 1)
		return 0;
	return rc != 0 ? rc : error_set(err, EX_DATAERR, "no such therapy entry");
}

bool desk_is_short(const struct desk_figures *f)
{
	return !f->ceased && f->has_plan && f->delivered < f->specified;
}

const char *desk_figures_text(const struct desk_figures *f, char *buf, size_t len)
{
	if (f->ceased)
		snprintf(buf, len, "plan ceased");
	else if (!f->has_plan)
		snprintf(buf, len, "no plan minutes");
	else if (f->specified == 0)
		snprintf(buf, len, "%lld min, no plan minutes", (long long)f->delivered);
	else
		snprintf(buf, len, "%lld of %lld min  %s", (long long)f->delivered,
		         (long long)f->specified, desk_is_short(f) ? "SHORT" : "OK");
	return buf;
}

/* ---- a child's summary -------------------------------------------------- */

struct summary_rows {
	const struct settings *cfg;
	bool in_force[2][CONFIG_MAX_THERAPIES];   /* [F, G][configured therapy] */
	struct desk_summary *out;
};

static int therapy_index(const struct settings *cfg, const char *code)
{
	for (int i = 0; i < cfg->therapy_count; i++)
		if (strcmp(cfg->therapies[i].code, code) == 0)
			return i;
	return -1;
}

static int summary_row(void *ctx, const struct db_value *cols, int count)
{
	struct summary_rows *r = ctx;
	(void)count;
	int section = cols[0].type == DBV_TEXT && strcmp(cols[0].s, "G") == 0;
	int t = cols[1].type == DBV_TEXT ? therapy_index(r->cfg, cols[1].s) : -1;
	if (integer_of(&cols[2]) && t >= 0)
		r->in_force[section][t] = true;
	r->out->ceased = integer_of(&cols[4]) != 0;
	if (integer_of(&cols[3]) && !r->out->ceased)
		r->out->short_of_plan = true;
	return 0;
}

static void append(char *buf, size_t len, const char *text)
{
	size_t used = strlen(buf);
	if (used < len)
		snprintf(buf + used, len - used, "%s", text);
}

static void append_code(char *buf, size_t len, const char *code)
{
	char upper[CONFIG_CODE_MAX];
	size_t i = 0;
	for (; code[i] != '\0' && i + 1 < sizeof upper; i++)
		upper[i] = code[i] >= 'a' && code[i] <= 'z' ? (char)(code[i] - 'a' + 'A') : code[i];
	upper[i] = '\0';
	append(buf, len, upper);
}

static void summary_text(const struct summary_rows *r, char *buf, size_t len)
{
	static const char *const labels[2] = {"F:", "G:"};
	buf[0] = '\0';
	for (int section = 0; section < 2; section++) {
		bool any = false;
		for (int t = 0; t < r->cfg->therapy_count; t++) {
			if (!r->in_force[section][t])
				continue;
			if (!any)
				append(buf, len, buf[0] ? "  " : "");
			append(buf, len, any ? " " : labels[section]);
			if (!any)
				append(buf, len, " ");
			append_code(buf, len, r->cfg->therapies[t].code);
			any = true;
		}
	}
}

int desk_child_summary(struct session *s, int64_t child_id, day_t today,
                       struct desk_summary *out, struct error *err)
{
	day_t from, to;
	desk_default_window(today, &from, &to);
	char first[DATE_TEXT_MAX], last[DATE_TEXT_MAX], terms[DESK_TERMS_JSON_MAX];
	date_format(from, first);
	date_format(to, last);
	memset(out, 0, sizeof *out);
	struct summary_rows r = {.cfg = s->cfg, .out = out};
	int rc = db_desk_child_therapies(s->db, child_id, first, last,
	                                 desk_terms_json(s->cfg, terms, sizeof terms),
	                                 summary_row, &r, err);
	if (rc == 0)
		summary_text(&r, out->therapy, sizeof out->therapy);
	return rc;
}

int desk_first_entry(struct session *s, int64_t child_id, day_t today, int64_t *entry_id,
                     struct error *err)
{
	char on[DATE_TEXT_MAX];
	date_format(today, on);
	return db_desk_first_entry(s->db, child_id, on, entry_id, err);
}

/* ---- a new session's defaults ------------------------------------------- */

int desk_session_defaults(struct session *s, int64_t entry_id, day_t today,
                          struct desk_session_defaults *out, struct error *err)
{
	memset(out, 0, sizeof *out);
	out->date = today;
	out->outcome = "delivered";
	bool found;
	int64_t weekly, last;
	int rc = db_desk_entry_minutes(s->db, entry_id, &found, &weekly, &last, err);
	if (rc == 0 && !found)
		rc = error_set(err, EX_DATAERR, "no such therapy entry");
	if (rc != 0)
		return rc;
	out->minutes = last > 0 ? last : weekly > 0 ? weekly : 0;
	return db_desk_last_therapist(s->db, s->login, out->therapist, sizeof out->therapist, err);
}

/* ---- the proposed contract ---------------------------------------------- */

static int proposal_row(void *ctx, const struct db_value *cols, int count)
{
	struct desk_proposal *p = ctx;
	(void)count;
	if (p->covering++ == 0) {
		p->found = true;
		p->contract_id = integer_of(&cols[0]);
		snprintf(p->ref, sizeof p->ref, "%s", cols[1].type == DBV_TEXT ? cols[1].s : "");
		snprintf(p->provider, sizeof p->provider, "%s",
		         cols[2].type == DBV_TEXT ? cols[2].s : "");
	}
	return 0;
}

int desk_propose_contract(struct session *s, const char *district, const char *therapy,
                          day_t on, struct desk_proposal *out, struct error *err)
{
	memset(out, 0, sizeof *out);
	const struct district *d = config_find_district(s->cfg, district);
	if (d == NULL)
		return error_set(err, EX_DATAERR, "'%s' is not a configured district", district);
	const struct therapy *t = config_find_therapy(s->cfg, therapy);
	if (t == NULL)
		return error_set(err, EX_DATAERR, "'%s' is not a configured therapy", therapy);
	char day[DATE_TEXT_MAX], code[CONFIG_CODE_MAX] = "";
	date_format(on, day);
	int rc = db_desk_covering_contracts(s->db, d->code, t->code, day, proposal_row, out, err);
	if (rc != 0)
		return rc;
	append_code(code, sizeof code, t->code);
	if (out->found)
		snprintf(out->message, sizeof out->message, "%s (%s) covers %s for %s on %s", out->ref,
		         out->provider, d->name, code, day);
	else
		snprintf(out->message, sizeof out->message, "no contract covers %s for %s on %s",
		         d->name, code, day);
	return 0;
}

int desk_propose_for_child(struct session *s, int64_t child_id, const char *therapy, day_t on,
                           struct desk_proposal *out, struct error *err)
{
	struct record child;
	record_init(&child, kinds[KIND_CHILDREN]);
	int rc = store_load(s, &child, child_id, err);
	const struct value *district = &child.values[CHILD_DISTRICT];
	if (rc == 0 && district->set) {
		rc = desk_propose_contract(s, district->text, therapy, on, out, err);
	} else if (rc == 0) {
		memset(out, 0, sizeof *out);
		snprintf(out->message, sizeof out->message,
		         "the child has no district: no contract can be proposed");
	}
	record_clear(&child);
	return rc;
}

/* ---- a group session ---------------------------------------------------- */

static int set_field(struct session *s, struct record *r, int field, const char *text,
                     struct error *err)
{
	return text != NULL && text[0] != '\0' ? record_set(r, field, text, s->cfg, err) : 0;
}

/* The provision record of one member, stored. */
static int log_member(struct session *s, const struct desk_group *g,
                      const struct desk_group_member *m, struct error *err)
{
	struct record entry, session;
	record_init(&entry, kinds[KIND_THERAPY_ENTRIES]);
	record_init(&session, kinds[KIND_PROVISION]);
	char day[DATE_TEXT_MAX], minutes[24];
	date_format(g->date, day);
	snprintf(minutes, sizeof minutes, "%lld", (long long)g->minutes);
	int rc = store_load(s, &entry, m->entry_id, err);
	const char *ref = rc == 0 ? entry.values[ENTRY_REF].text : NULL;
	if (rc == 0)
		rc = set_field(s, &session, PROVISION_ENTRY, ref, err);
	if (rc == 0)
		rc = set_field(s, &session, PROVISION_DATE, day, err);
	if (rc == 0)
		rc = set_field(s, &session, PROVISION_MINUTES, minutes, err);
	if (rc == 0)
		rc = set_field(s, &session, PROVISION_THERAPIST, g->therapist, err);
	if (rc == 0)
		rc = set_field(s, &session, PROVISION_NOTES, g->notes, err);
	if (rc == 0)
		rc = set_field(s, &session, PROVISION_OUTCOME, m->outcome ? m->outcome : "delivered",
		               err);
	if (rc == 0)
		rc = store_write(s, WRITE_INSERT, &session, err);
	else if (err != NULL && err->field > 0 && ref != NULL)
		error_prefix(err, "%s", kinds[KIND_PROVISION]->fields[err->field - 1].name);
	if (rc != 0 && ref != NULL && err != NULL)
		error_prefix(err, "%s", ref);
	record_clear(&session);
	record_clear(&entry);
	return rc;
}

int desk_log_group(struct session *s, const struct desk_group *g, int *failed,
                   struct error *err)
{
	if (failed != NULL)
		*failed = -1;
	if (g->count < 1)
		return error_set(err, EX_DATAERR, "a group session needs at least one child");
	int rc = db_savepoint(s->db, err);
	int i = 0;
	for (; rc == 0 && i < g->count; i++)
		rc = log_member(s, g, &g->members[i], err);
	if (rc == 0)
		return db_release(s->db, err);
	db_rollback_savepoint(s->db);
	if (failed != NULL && i > 0)
		*failed = i - 1;
	return rc;
}

/* ---- the Due list ------------------------------------------------------- */

struct due_rows {
	const struct settings *cfg;
	struct desk_due_row *rows;
	int count;
};

static const char *text_of(const struct db_value *v)
{
	return v->type == DBV_TEXT ? v->s : "";
}

static day_t day_of(const struct db_value *v)
{
	day_t d = 0;
	const char *reason;
	if (v->type != DBV_TEXT || !date_parse(v->s, &d, &reason))
		return 0;
	return d;
}

static void due_what(struct desk_due_row *row, const struct db_value *cols)
{
	char code[CONFIG_CODE_MAX] = "";
	append_code(code, sizeof code, text_of(&cols[9]));
	switch (row->action) {
	case DESK_DUE_REVIEW:
		snprintf(row->what, sizeof row->what, "EHCP annual review");
		break;
	case DESK_DUE_NO_SESSION:
		if (cols[13].type == DBV_TEXT)
			snprintf(row->what, sizeof row->what, "no %s session since %s", code, cols[13].s);
		else
			snprintf(row->what, sizeof row->what, "no %s session since it started", code);
		break;
	case DESK_DUE_SHORT:
		snprintf(row->what, sizeof row->what, "%s short: %lld of %lld min", code,
		         (long long)integer_of(&cols[12]), (long long)integer_of(&cols[11]));
		break;
	}
}

static int due_row(void *ctx, const struct db_value *cols, int count)
{
	struct due_rows *r = ctx;
	(void)count;
	struct desk_due_row *row = &r->rows[r->count++];
	memset(row, 0, sizeof *row);
	row->pos = (struct desk_due_pos){integer_of(&cols[0]), integer_of(&cols[1]),
	                                 integer_of(&cols[2]), integer_of(&cols[3]),
	                                 integer_of(&cols[4])};
	row->action = (enum desk_action)row->pos.action;
	row->child_id = row->pos.child_id;
	row->entry_id = row->pos.entry_id;
	row->due = day_of(&cols[5]);
	snprintf(row->child_ref, sizeof row->child_ref, "%s", text_of(&cols[6]));
	snprintf(row->child_name, sizeof row->child_name, "%s %s", text_of(&cols[7]),
	         text_of(&cols[8]));
	if (row->action == DESK_DUE_SHORT)
		row->shortfall = integer_of(&cols[11]) - integer_of(&cols[12]);
	due_what(row, cols);
	return 0;
}

int desk_due_page(struct session *s, const char *caseworker, day_t today,
                  const struct desk_due_pos *after, int limit, struct desk_due_row *rows,
                  int *count, struct error *err)
{
	*count = 0;
	int64_t user_id = 0;
	int rc = caseworker ? db_desk_user_id(s->db, caseworker, &user_id, err) : 0;
	if (rc != 0 || (caseworker != NULL && user_id == 0) || limit < 1)
		return rc;
	day_t from, to;
	desk_default_window(today, &from, &to);
	char on[DATE_TEXT_MAX], review_by[DATE_TEXT_MAX], first[DATE_TEXT_MAX];
	char terms[DESK_TERMS_JSON_MAX];
	date_format(today, on);
	date_format(today + DESK_REVIEW_NOTICE_DAYS, review_by);
	date_format(from, first);
	struct db_due_query q = {user_id, on, review_by, first,
	                         desk_terms_json(s->cfg, terms, sizeof terms)};
	struct db_due_after start = {-1, 0, 0, 0, 0};
	if (after != NULL)
		start = (struct db_due_after){after->group, after->key, after->child_id,
		                              after->entry_id, after->action};
	struct due_rows r = {s->cfg, rows, 0};
	rc = db_desk_due_page(s->db, &q, &start, limit, due_row, &r, err);
	*count = r.count;
	return rc;
}

int desk_has_caseload(struct session *s, const char *login, bool *has, struct error *err)
{
	int64_t user_id;
	*has = false;
	int rc = db_desk_user_id(s->db, login, &user_id, err);
	if (rc == 0 && user_id != 0)
		rc = db_desk_has_caseload(s->db, user_id, has, err);
	return rc;
}
