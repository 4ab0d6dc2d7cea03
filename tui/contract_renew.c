#include "tui/contract_renew.h"

#include <stdio.h>

#include "core/renew.h"
#include "tui/dialog.h"
#include "tui/recordlist.h"

/* The contract a renewal's prompt is about; one prompt at a time. */
static int64_t renewing;

static int ref_entered(struct tui *t, const char *text, void *ctx)
{
	(void)ctx;
	struct renewal r;
	struct error err = {0};
	if (renew_contract(t->s, renewing, text, &r, &err) != 0) {
		tui_error(t, "not renewed: %s", err.msg);
		return err.code == EX_DATAERR ? -1 : VIEW_CLOSE;
	}
	char start[DATE_TEXT_MAX], end[DATE_TEXT_MAX];
	date_format(r.start, start);
	date_format(r.end, end);
	tui_message(t, "renewed as %s, a draft for %s to %s, with %ld coverage and %ld staffing rows",
	            text, start, end, r.coverage, r.staffing);
	return VIEW_RELOAD;
}

int contract_renew_key(struct tui *t, const struct record *contract, enum action a)
{
	if (a != ACT_RENEW)
		return VIEW_IGNORED;
	if (contract == NULL) {
		tui_error(t, "nothing selected");
		return VIEW_HANDLED;
	}
	if (!record_screen_may_change(t, contract->kind))
		return VIEW_HANDLED;
	char ref[RECORD_TEXT_MAX], start[DATE_TEXT_MAX], end[DATE_TEXT_MAX], question[256];
	day_t from, to;
	struct error err = {0};
	if (renew_suggest(t->s, contract->id, ref, sizeof ref, &from, &to, &err) != 0) {
		tui_error(t, "%s", err.msg);
		return VIEW_HANDLED;
	}
	date_format(from, start);
	date_format(to, end);
	/* The box's title, whole at 80 columns for any usual ref (the box
	 * leaves 72); its coverage and staffing are copied too, as the
	 * message after says with their counts. */
	snprintf(question, sizeof question, "Renew %s for %s to %s as", contract->values[0].text,
	         start, end);
	renewing = contract->id;
	dialog_prompt(t, question, ref, ref_entered, NULL);
	return VIEW_HANDLED;
}
