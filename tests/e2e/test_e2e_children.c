/* test_e2e_children.c: the caseworkers' screens end to end, as a
 * caseworker login on the demo database: the Children list and its
 * caseload, a child found by UPN, sessions logged (the keystroke budget
 * of a delivered one asserted), the figures in the child's record and in
 * `report provision-shortfall`, the audit rows, a therapy entry added
 * with the contract the coverage proposes, and what a caseworker may not
 * change. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screen.h"

TestSuite(children, E2E_FIXTURE);

#define CASEWORKER_UID 65534

/* Makes the login of CASEWORKER_UID a caseworker holding the demo's first
 * caseworker's children (through `caseload move`, the command line's
 * hand-over); returns the login. */
static const char *caseworker_with_caseload(void)
{
	const char *login = login_of(CASEWORKER_UID);
	struct run r = sendesk("user", "add", login, "caseworker", NULL);
	cr_assert_eq(r.status, 0, "user add %s: %s", login, r.err);
	r = sendesk("caseload", "move", "amara.osei", login, NULL);
	cr_assert_eq(r.status, 0, "caseload move: %s", r.err);
	return login;
}

/* The numbers of an entry's line in `report provision-shortfall`:
 * specified, delivered, shortfall, missed, provider-cancelled; false when
 * the entry is not in the report. */
struct shortfall {
	long specified, delivered, shortfall, missed, provider_cancelled;
};

static bool shortfall_of(const char *entry, struct shortfall *out)
{
	struct run r = sendesk("report", "provision-shortfall", NULL);
	cr_assert_eq(r.status, 0, "report: %s", r.err);
	const char *line = r.out;
	size_t len = strlen(entry);
	while (line && *line) {
		if (strncmp(line, entry, len) == 0 && line[len] == ' ') {
			char child[64], therapy[64], section[8];
			return sscanf(line + len, "%63s %63s %7s %ld %ld %ld %ld %ld", child, therapy, section,
			              &out->specified, &out->delivered, &out->shortfall, &out->missed,
			              &out->provider_cancelled) == 8;
		}
		line = strchr(line, '\n');
		line = line ? line + 1 : NULL;
	}
	return false;
}

/* A child of the caseload with a UPN whose record opens on a Section F
 * entry with weekly minutes that the shortfall report lists with room to
 * fall short by two more sessions: its UPN and that entry's ref. */
static void pick_child(const char *login, char *upn, char *entry)
{
	const char *rows = sql(text_printf(
		"SELECT c.upn || ' ' || (SELECT e.ref FROM therapy_entries e WHERE e.child_id = c.id "
		"  AND e.start_date <= date('now', 'localtime') "
		"  AND (e.end_date IS NULL OR e.end_date >= date('now', 'localtime')) "
		"  ORDER BY e.section, e.start_date, e.id LIMIT 1) "
		"FROM children c JOIN users u ON u.id = c.caseworker_id "
		"WHERE u.login = '%s' AND c.upn IS NOT NULL ORDER BY c.id", login));
	char u[32], e[64];
	for (const char *line = rows; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
		struct shortfall sf;
		if (sscanf(line, "%31s %63s", u, e) != 2)
			continue;
		const char *section = sql(text_printf(
			"SELECT section || ifnull(minutes_per_week, 0) FROM therapy_entries WHERE ref = '%s'", e));
		if (section[0] == 'F' && atoi(section + 1) > 0 && shortfall_of(e, &sf) &&
		    sf.shortfall > 2 * atoi(section + 1)) {
			strcpy(upn, u);
			strcpy(entry, e);
			return;
		}
	}
	cr_assert_fail("no child of %s's caseload fits:\n%s", login, rows);
}

/* "95 of 120 min" on the selected entry's line of the child's record. */
static void selected_figures(struct screen *s, long *delivered, long *specified)
{
	assert_screen(s, "> F ");
	const char *line = screen_line_with(s, "> F ");
	const char *of = strstr(line, " of ");
	cr_assert(of != NULL, "no figures on the selected entry: %s\n%s", line, screen_last(s));
	const char *start = of;
	while (start > line && start[-1] >= '0' && start[-1] <= '9')
		start--;
	cr_assert_eq(sscanf(start, "%ld of %ld min", delivered, specified), 2, "%s", line);
}

static long count_of(const char *query)
{
	return atol(sql(query));
}

Test(children, a_caseworker_logs_sessions_by_upn_within_the_key_budget)
{
	const char *login = caseworker_with_caseload();
	char upn[32], entry[64];
	pick_child(login, upn, entry);
	struct shortfall before;
	cr_assert(shortfall_of(entry, &before));
	const char *delivered_today =
		"SELECT count(*) FROM provision p JOIN therapy_entries e ON e.id = p.entry_id "
		"WHERE e.ref = '%s' AND p.outcome = 'delivered' AND p.date = date('now', 'localtime')";
	long delivered_today0 = count_of(text_printf(delivered_today, entry));
	long sessions = count_of(text_printf(
		"SELECT count(*) FROM provision p JOIN therapy_entries e ON e.id = p.entry_id WHERE e.ref = '%s'",
		entry));

	/* The "editor" for a long note writes one. */
	setenv("VISUAL", "sed -i 1s/^/Cancelled-by-phone-at-8/", 1);
	struct screen *s = screen_start_as(CASEWORKER_UID, NULL);
	/* A caseworker starts on Children, on their caseload. */
	assert_screen(s, "[6 Children]");
	assert_screen(s, "My caseload");
	/* A search that finds nobody there says so, and m shows everyone. */
	screen_keys(s, "/", NULL);
	screen_type(s, "Zzqx");
	screen_keys(s, "Enter", NULL);
	assert_screen(s, "Nobody in your caseload matches \"Zzqx\": m shows everyone");
	screen_keys(s, "Escape", "m", NULL);
	assert_screen(s, "Everyone");

	/* The figures before: the record opens on the first entry in force. */
	screen_keys(s, "/", NULL);
	screen_type(s, upn);
	screen_keys(s, "Enter", "Enter", NULL);
	assert_screen(s, "Therapy entries");
	long delivered0, specified0;
	selected_figures(s, &delivered0, &specified0);
	screen_keys(s, "q", "Escape", NULL);
	assert_screen_gone(s, "Therapy entries");
	assert_screen_gone(s, "filter:");
	assert_screen(s, "Everyone");

	/* The budget: the UPN's characters and six keys, from the list
	 * showing everyone, sent at once. */
	const char *keys[] = {"/", upn, "Enter", "Enter", "l", "F2"};
	int pressed = 0;
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		if (i == 1) {
			screen_type(s, keys[i]);
			pressed += (int)strlen(keys[i]);
		} else {
			screen_keys(s, keys[i], NULL);
			pressed++;
		}
	}
	cr_expect_leq(pressed, (int)strlen(upn) + 6);
	assert_status(s, "Saved provision");
	cr_assert_eq(count_of(text_printf(delivered_today, entry)), delivered_today0 + 1);
	long minutes = count_of(text_printf(
		"SELECT p.minutes FROM provision p JOIN therapy_entries e ON e.id = p.entry_id "
		"WHERE e.ref = '%s' ORDER BY p.id DESC LIMIT 1", entry));
	cr_assert_gt(minutes, 0);
	/* The record shows the figures changed, and the session first. */
	assert_screen(s, text_printf("%ld of %ld min", delivered0 + minutes, specified0));
	long delivered1, specified1;
	selected_figures(s, &delivered1, &specified1);
	cr_expect_eq(delivered1, delivered0 + minutes);

	/* A missed session: kept with its reason, no delivered minutes. */
	screen_keys(s, "l", NULL);
	assert_screen(s, "Log a session");
	screen_keys(s, "Down", "Down", "Right", NULL);
	assert_screen(s, "provider-cancelled");
	assert_screen(s, "missed: no delivered minutes");
	screen_keys(s, "Down", "Down", "C-e", NULL);
	assert_line(s, "Notes", "Cancelled-by-phone-at-8");
	screen_keys(s, "F2", NULL);
	assert_status(s, "Saved provision");
	assert_screen_gone(s, "Log a session");
	selected_figures(s, &delivered1, &specified1);
	cr_expect_eq(delivered1, delivered0 + minutes, "a missed session delivers nothing");
	cr_expect_eq(count_of(text_printf(
		"SELECT count(*) FROM provision p JOIN therapy_entries e ON e.id = p.entry_id "
		"WHERE e.ref = '%s'", entry)), sessions + 2);
	cr_expect_eq(count_of(text_printf(
		"SELECT count(*) FROM provision p JOIN therapy_entries e ON e.id = p.entry_id "
		"WHERE e.ref = '%s' AND p.outcome = 'provider-cancelled' "
		"AND p.notes = 'Cancelled-by-phone-at-8'", entry)), 1);

	/* The report counts one more delivered and one missed, by reason. */
	struct shortfall after;
	cr_assert(shortfall_of(entry, &after));
	cr_expect_eq(after.delivered, before.delivered + minutes);
	cr_expect_eq(after.missed, before.missed + 1);
	cr_expect_eq(after.provider_cancelled, before.provider_cancelled + 1);
	/* Each write has its audit row under the login. */
	cr_expect_eq(count_of(text_printf("SELECT count(*) FROM audit WHERE login = '%s' "
	                                  "AND kind = 'provision' AND action = 'insert'", login)), 2);

	/* A caseworker may not change a contract, and is told so. */
	screen_keys(s, "1", NULL);
	assert_screen(s, "[1 Contracts]");
	/* The hints offer no change the role may not make. */
	assert_screen(s, "Enter open");
	assert_screen_lacks(s, "a add");
	assert_screen_lacks(s, "e edit");
	assert_screen_lacks(s, "d delete");
	screen_keys(s, "e", NULL);
	assert_status(s, "only admins change contract records");
	assert_screen_lacks(s, "Edit contract");
	/* Nor hand a caseload on. */
	screen_keys(s, "6", "q", NULL);
	assert_screen(s, "Everyone");
	assert_screen(s, "a add");
	screen_keys(s, "H", NULL);
	assert_status(s, "only team leads and admins hand a caseload on");
	cr_assert_eq(screen_stop(s), 0);
}

/* Adds a Section F entry to the child with ref through the form, the
 * start date typed over today's. */
static void add_entry(struct screen *s, const char *child_ref, const char *start)
{
	screen_keys(s, "/", NULL);
	screen_type(s, child_ref);
	screen_keys(s, "Enter", "Enter", NULL);
	assert_screen(s, "Therapy entries");
	screen_keys(s, "a", NULL);
	assert_screen(s, "Add therapy entry");
	assert_screen(s, "Section F: the council must secure it.  G: health provision, the NHS's duty.");
	/* Therapy: the first configured (slt); then the start date. */
	screen_keys(s, "Down", "Right", "Down", NULL);
	for (int i = 0; i < 10; i++)
		screen_keys(s, "BSpace", NULL);
	screen_type(s, start);
}

Test(children, an_entry_form_proposes_the_contract_covering_the_district)
{
	const char *login = caseworker_with_caseload();
	/* A child in Ashford (EKHUFT covers SLT there) and one in Swale
	 * (nothing does). */
	const char *ashford = sql("SELECT ref FROM children WHERE district = 'ASH' ORDER BY id LIMIT 1");
	const char *swale = sql("SELECT ref FROM children WHERE district = 'SWA' ORDER BY id LIMIT 1");
	char ashford_ref[32], swale_ref[32];
	cr_assert_eq(sscanf(ashford, "%31s", ashford_ref), 1);
	cr_assert_eq(sscanf(swale, "%31s", swale_ref), 1);
	long entries = count_of("SELECT count(*) FROM therapy_entries");

	struct screen *s = screen_start_as(CASEWORKER_UID, NULL);
	assert_screen(s, "My caseload");
	screen_keys(s, "m", NULL);
	assert_screen(s, "Everyone");
	add_entry(s, ashford_ref, "2025-01-06");
	assert_status(s, "EKHUFT-2024 (EKHUFT) covers Ashford for SLT on 2025-01-06");
	assert_line(s, "Contract", "EKHUFT-2024");
	/* Esc leaves nothing written. */
	screen_keys(s, "Escape", NULL);
	assert_screen(s, "Discard your changes?");
	screen_keys(s, "y", NULL);
	assert_screen_gone(s, "Add therapy entry");
	cr_expect_eq(count_of("SELECT count(*) FROM therapy_entries"), entries);
	/* Again, saved this time, with the contract proposed. */
	screen_keys(s, "a", "Down", "Right", "Down", NULL);
	for (int i = 0; i < 10; i++)
		screen_keys(s, "BSpace", NULL);
	screen_type(s, "2025-01-06");
	assert_status(s, "EKHUFT-2024 (EKHUFT) covers Ashford");
	screen_keys(s, "F2", NULL);
	assert_status(s, "Saved therapy entry");
	cr_expect_eq(count_of(text_printf(
		"SELECT count(*) FROM therapy_entries e JOIN contracts k ON k.id = e.contract_id "
		"JOIN children c ON c.id = e.child_id WHERE c.ref = '%s' AND k.ref = 'EKHUFT-2024' "
		"AND e.section = 'F' AND e.start_date = '2025-01-06'", ashford_ref)), 1);
	cr_expect_eq(count_of(text_printf("SELECT count(*) FROM audit WHERE login = '%s' AND "
	                                  "kind = 'therapy-entries' AND action = 'insert'", login)), 1);

	/* Swale: no contract covers it, said in words; saved with spot funding. */
	screen_keys(s, "q", "Escape", NULL);
	assert_screen_gone(s, "Therapy entries");
	assert_screen_gone(s, "filter:");
	add_entry(s, swale_ref, "2024-06-01");
	assert_status(s, "no contract covers Swale for SLT on 2024-06-01");
	screen_keys(s, "F2", NULL);
	assert_screen(s, "required when funding is contract");
	screen_keys(s, "Up", "Right", NULL);   /* Funding: contract -> spot */
	assert_line(s, "Funding", "spot");
	screen_keys(s, "F2", NULL);
	assert_status(s, "Saved therapy entry");
	cr_expect_eq(count_of(text_printf(
		"SELECT count(*) FROM therapy_entries e JOIN children c ON c.id = e.child_id "
		"WHERE c.ref = '%s' AND e.funding = 'spot' AND e.contract_id IS NULL "
		"AND e.start_date = '2024-06-01'", swale_ref)), 1);

	/* A second child of the same name and birth: a warning naming the
	 * first; no leaves the form, Esc then writes nothing; yes saves. */
	const char *twin = sql(text_printf("SELECT first_name || ' ' || last_name || ' ' || date_of_birth "
	                                   "FROM children WHERE ref = '%s'", ashford_ref));
	char first[64], last[64], born[16];
	cr_assert_eq(sscanf(twin, "%63s %63s %15s", first, last, born), 3);
	long children = count_of("SELECT count(*) FROM children");
	screen_keys(s, "q", "Escape", NULL);
	assert_screen_gone(s, "Therapy entries");
	for (int attempt = 0; attempt < 2; attempt++) {
		screen_keys(s, "a", NULL);
		assert_screen(s, "Add child");
		screen_type(s, "TWIN-1");
		screen_keys(s, "Tab", NULL);
		screen_type(s, first);
		screen_keys(s, "Tab", NULL);
		screen_type(s, last);
		screen_keys(s, "Tab", NULL);
		screen_type(s, born);
		screen_keys(s, "F2", NULL);
		assert_screen(s, "Save anyway?");
		assert_screen(s, text_printf("the same name and date of birth as child %s", ashford_ref));
		if (attempt == 0) {
			screen_keys(s, "n", NULL);
			assert_screen_gone(s, "Save anyway?");
			assert_screen(s, "Add child");
			screen_keys(s, "Escape", NULL);
			assert_screen(s, "Discard your changes?");
			screen_keys(s, "y", NULL);
			assert_screen_gone(s, "Add child");
			cr_expect_eq(count_of("SELECT count(*) FROM children"), children);
		} else {
			screen_keys(s, "y", NULL);
			assert_status(s, "Saved child TWIN-1");
			cr_expect_eq(count_of("SELECT count(*) FROM children"), children + 1);
		}
	}

	/* From a spot purchase's record, Enter opens its child's. */
	const char *spot = sql("SELECT c.ref FROM spot_purchases p JOIN children c ON c.id = p.child_id "
	                       "ORDER BY p.start_date, p.id LIMIT 1");
	char spot_child[32];
	cr_assert_eq(sscanf(spot, "%31s", spot_child), 1);
	screen_keys(s, "4", NULL);
	assert_screen(s, "[4 Spot purchases]");
	screen_keys(s, "g", "Enter", NULL);
	assert_screen(s, "Enter opens the child's record.");
	screen_keys(s, "Enter", NULL);
	assert_screen(s, text_printf("Child %s", spot_child));
	assert_screen(s, "Therapy entries");
	cr_assert_eq(screen_stop(s), 0);

	/* As a team lead, H hands the caseload on: whose, then to whom. */
	struct run r = sendesk("user", "set", login, "teamlead", NULL);
	cr_assert_eq(r.status, 0, "user set: %s", r.err);
	const char *held = text_printf("SELECT count(*) FROM children c JOIN users u ON u.id = c.caseworker_id "
	                               "WHERE u.login = '%s'", login);
	long mine = count_of(held);
	cr_assert_gt(mine, 0);
	s = screen_start_as(CASEWORKER_UID, NULL);
	assert_screen(s, "(teamlead)");
	screen_keys(s, "6", NULL);
	assert_screen(s, "[6 Children]");
	screen_keys(s, "H", NULL);
	assert_screen(s, "Choose a user");
	screen_type(s, login);
	screen_keys(s, "Enter", NULL);
	assert_status(s, text_printf("%s holds %ld children: H again", login, mine));
	screen_keys(s, "H", NULL);
	assert_screen(s, "Choose a user");
	screen_type(s, "ben.hughes");
	screen_keys(s, "Enter", NULL);
	assert_status(s, text_printf("%ld children handed from %s to ben.hughes", mine, login));
	cr_expect_eq(count_of(held), 0);
	cr_expect_eq(count_of(text_printf("SELECT count(*) FROM audit WHERE login = '%s' AND "
	                                  "kind = 'children' AND action = 'update'", login)), mine);
	cr_assert_eq(screen_stop(s), 0);
}
