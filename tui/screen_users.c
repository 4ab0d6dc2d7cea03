/* screen_users.c: the Users tab (admins): who may use this database,
 * and as what.
 *
 * A list of logins with their role and caseload; a adds a login with a
 * role, e changes its role, d removes it, all through the write path
 * (core/users.h, core/kind.c), so each change is audited and the last
 * admin can be neither demoted nor removed.  A login that still holds
 * children is not removed: the refusal says how many and where to hand
 * them on. */
#include "tui/tui.h"

#include <stdio.h>
#include <string.h>

#include "core/caseload.h"
#include "core/fields.h"
#include "core/users.h"
#include "tui/dialog.h"
#include "tui/recordlist.h"

static const struct listview_column user_columns[] = {
	{"Login", USER_LOGIN, 20, false},
	{"Role", USER_ROLE, 12, false},
	{"Caseload", -1, 0, false},
};

/* The caseload costs a count each: only for the rows drawn. */
static void complete_user(struct tui *t, struct listview_row *row, void *ctx)
{
	(void)ctx;
	int64_t children = 0;
	struct error err = {0};
	if (caseload_count(t->s, row->cells[0], &children, &err) != 0)
		snprintf(row->cells[2], LISTVIEW_CELL_MAX, "?");
	else if (children == 0)
		snprintf(row->cells[2], LISTVIEW_CELL_MAX, "-");
	else
		snprintf(row->cells[2], LISTVIEW_CELL_MAX, "%lld %s", (long long)children,
		         children == 1 ? "child" : "children");
}

/* The login a removal waits for its yes about; one question at a time. */
static char removing[LOGIN_MAX];

static int remove_now(struct tui *t, void *ctx)
{
	(void)ctx;
	struct error err = {0};
	if (users_remove(t->s, removing, &err) != 0) {
		tui_error(t, "not removed: %s", err.msg);
		return VIEW_HANDLED;
	}
	tui_message(t, "removed login %s", removing);
	return VIEW_RELOAD;
}

static int ask_remove(struct tui *t, const struct record *user)
{
	const char *login = user->values[USER_LOGIN].text;
	int64_t children = 0;
	struct error err = {0};
	if (caseload_count(t->s, login, &children, &err) != 0) {
		tui_error(t, "%s", err.msg);
		return VIEW_HANDLED;
	}
	if (children > 0) {
		tui_error(t, "not removed: %s still has a caseload of %lld %s; hand it on first "
		          "(H on the Children tab)", login, (long long)children,
		          children == 1 ? "child" : "children");
		return VIEW_HANDLED;
	}
	snprintf(removing, sizeof removing, "%s", login);
	char question[160];
	snprintf(question, sizeof question, "Remove login %s (%s)? They will no longer open this database.",
	         login, user->values[USER_ROLE].text ? user->values[USER_ROLE].text : "");
	dialog_confirm(t, question, remove_now, NULL);
	return VIEW_HANDLED;
}

static int users_key(struct tui *t, struct list_query *q, const struct record *selected,
                     enum action a)
{
	(void)q;
	if (a != ACT_DELETE)
		return VIEW_IGNORED;
	if (!record_screen_may_change(t, kinds[KIND_USERS]))
		return VIEW_HANDLED;
	if (selected == NULL) {
		tui_error(t, "nothing selected");
		return VIEW_HANDLED;
	}
	return ask_remove(t, selected);
}

static const struct record_screen users_screen = {
	.title = "Users: who may use this database, and as what",
	.kind = KIND_USERS,
	.columns = user_columns,
	.column_count = (int)(sizeof user_columns / sizeof user_columns[0]),
	.sort_column = 0,
	.list_key = users_key,
	.complete = complete_user,
};

void users_open(struct tui *t)
{
	record_screen_open(t, &users_screen);
}
