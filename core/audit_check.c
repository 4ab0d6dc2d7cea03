#include "core/audit_check.h"

#include <stdio.h>
#include <string.h>

#include "core/kind.h"

enum { ROW_ID, ROW_AT, ROW_LOGIN, ROW_ACTION, ROW_KIND, ROW_RECORD, ROW_HASH, ROW_CHAINED,
       ROW_CHAINED_WITHOUT_PREVIOUS, ROW_PREVIOUS_ID };

/* A row out of chain waits for the next one to say what happened to it:
 * the next row chains to its hash (so the hash is the one written and
 * the row's fields were changed), or chains past it (it was put in). */
struct chain_walk {
	problem_fn report;
	void *ctx;
	long *problems;
	bool pending;
	char pending_text[256];
	int64_t first_bad;
};

static void settle_pending(struct chain_walk *w, const char *verdict)
{
	if (!w->pending)
		return;
	char line[ERROR_MSG_MAX];
	snprintf(line, sizeof line, "audit: row %s %s", w->pending_text, verdict);
	w->report(w->ctx, line);
	(*w->problems)++;
	w->pending = false;
}

static void out_of_chain(struct chain_walk *w, int64_t id)
{
	if (w->first_bad == 0)
		w->first_bad = id;
}

static int chain_row(void *ctx, const struct db_value *cols, int count)
{
	struct chain_walk *w = ctx;
	(void)count;
	int64_t id = cols[ROW_ID].i;
	bool chained = cols[ROW_CHAINED].i != 0;
	/* Chaining past a row put in is this row's proof, not its fault. */
	bool past_inserted = w->pending && !chained && cols[ROW_CHAINED_WITHOUT_PREVIOUS].i != 0;
	if (w->pending)
		settle_pending(w, chained ? "was changed after it was written"
		               : cols[ROW_CHAINED_WITHOUT_PREVIOUS].i ? "was put in around sendesk"
		               : "was changed or put in around sendesk");
	int64_t previous = cols[ROW_PREVIOUS_ID].type == DBV_NULL ? 0 : cols[ROW_PREVIOUS_ID].i;
	if (id != previous + 1) {
		char line[ERROR_MSG_MAX];
		if (id == previous + 2)
			snprintf(line, sizeof line, "audit: row %lld was deleted", (long long)previous + 1);
		else
			snprintf(line, sizeof line, "audit: rows %lld to %lld were deleted",
			         (long long)previous + 1, (long long)id - 1);
		w->report(w->ctx, line);
		(*w->problems)++;
		out_of_chain(w, id);
	} else if (!chained && !past_inserted) {
		snprintf(w->pending_text, sizeof w->pending_text, "%lld (%s, %s, %s %s %lld)",
		         (long long)id, cols[ROW_AT].s, cols[ROW_LOGIN].s, cols[ROW_ACTION].s,
		         cols[ROW_KIND].s, (long long)cols[ROW_RECORD].i);
		w->pending = true;
		out_of_chain(w, id);
	}
	return 0;
}

int audit_check_chain(struct session *s, problem_fn report, void *ctx, long *problems,
                      struct error *err)
{
	struct chain_walk w = {.report = report, .ctx = ctx, .problems = problems};
	int rc = db_audit_chain_each(s->db, chain_row, &w, err);
	if (rc != 0)
		return rc;
	settle_pending(&w, "was changed or put in around sendesk (the last row: nothing after it tells)");
	if (w.first_bad != 0) {
		char line[ERROR_MSG_MAX];
		snprintf(line, sizeof line, "audit: the first row out of chain is row %lld",
		         (long long)w.first_bad);
		report(ctx, line);
		(*problems)++;
	}
	return 0;
}

struct drift {
	const struct kind *k;
	problem_fn report;
	void *ctx;
	long *problems;
};

static int drifted(void *ctx, const struct db_value *cols, int count)
{
	struct drift *d = ctx;
	(void)count;
	const char *how = cols[2].s;
	const char *why = strcmp(how, "changed") == 0 ? "differs from its latest audit entry"
	                  : strcmp(how, "deleted") == 0 ? "is here, though its latest audit entry deleted it"
	                  : "is gone, though no audited change deleted it";
	char line[ERROR_MSG_MAX];
	if (cols[1].type == DBV_TEXT)
		snprintf(line, sizeof line, "%s: %s '%s' (id %lld) %s: changed around sendesk", d->k->name,
		         d->k->label, cols[1].s, (long long)cols[0].i, why);
	else
		snprintf(line, sizeof line, "%s: %s id %lld %s: changed around sendesk", d->k->name,
		         d->k->label, (long long)cols[0].i, why);
	d->report(d->ctx, line);
	(*d->problems)++;
	return 0;
}

int audit_check(struct session *s, problem_fn report, void *ctx, long *problems,
                struct error *err)
{
	int rc = audit_check_chain(s, report, ctx, problems, err);
	for (int k = 0; rc == 0 && k < KIND_COUNT; k++) {
		struct drift d = {kinds[k], report, ctx, problems};
		rc = db_audit_drift(s->db, kinds[k]->table, kinds[k]->name, drifted, &d, err);
	}
	return rc;
}

int audit_chain_head(struct session *s, struct audit_head *head, struct error *err)
{
	return db_audit_head(s->db, &head->rows, head->hash, err);
}
