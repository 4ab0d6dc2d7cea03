/* test_e2e_audit.c: opening a child's record is in the audit trail.
 *
 * A caseworker opens a child of their caseload from the Children tab;
 * the admin's `report audit` then shows who opened which child, once per
 * opening, as a view, which no change of the record lists.  Run as
 * test_tui.c is (see there). */
#include <stdio.h>
#include <string.h>

#include "screen.h"

TestSuite(audit, E2E_FIXTURE);

#define CASEWORKER_UID 65534

/* The view rows of login in `report audit --format csv`, one a line. */
static const char *views_by(const char *login)
{
	struct run r = sendesk("report", "audit", "--login", login, "--format", "csv", NULL);
	cr_assert_eq(r.status, 0, "report audit: %s", r.err);
	const char *rows = "";
	for (const char *line = r.out; line && *line;) {
		size_t len = strcspn(line, "\r\n");
		const char *row = text_printf("%.*s", (int)len, line);
		if (strstr(row, ",view,children,") != NULL)
			rows = text_printf("%s%s\n", rows, row);
		line += len;
		line += strspn(line, "\r\n");
	}
	return rows;
}

static int count_lines(const char *text)
{
	int n = 0;
	for (; *text; text++)
		n += *text == '\n';
	return n;
}

Test(audit, opening_a_childs_record_is_logged_for_the_admin)
{
	const char *login = login_of(CASEWORKER_UID);
	cr_assert_eq(sendesk("user", "add", login, "caseworker", NULL).status, 0);
	cr_assert_eq(sendesk("caseload", "move", "amara.osei", login, NULL).status, 0);
	cr_assert_str_empty(views_by(login));

	struct screen *s = screen_start_as(CASEWORKER_UID, NULL);
	assert_screen(s, "[6 Children]");
	assert_screen(s, "My caseload");
	screen_keys(s, "Enter", NULL);
	assert_screen(s, "Therapy entries");
	const char *views = views_by(login);
	cr_assert_eq(count_lines(views), 1, "%s", views);
	/* at,login,action,kind,record,changes: the record is the child's ref,
	 * which the record view shows. */
	char ref[64];
	cr_assert_eq(sscanf(views, "%*[^,],%*[^,],view,children,%63[^,],", ref), 1, "%s", views);
	cr_expect(strncmp(ref, "CH-", 3) == 0, "%s", views);
	assert_screen(s, ref);
	cr_expect(strstr(views, text_printf(",%s,view,children,%s,", login, ref)) != NULL, "%s", views);

	screen_keys(s, "q", NULL);
	assert_screen_gone(s, "Therapy entries");
	screen_keys(s, "Enter", NULL);
	assert_screen(s, "Therapy entries");
	cr_expect_eq(count_lines(views_by(login)), 2, "each opening is logged");
	cr_expect_eq(screen_stop(s), 0);
	cr_expect_eq(sendesk("check", NULL).status, 0);
}
