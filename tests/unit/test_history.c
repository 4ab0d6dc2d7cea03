/* test_history.c: a record's history read back from the audit trail,
 * field by field, newest first; its latest change undone through the
 * write path, and refused when it is not the latest or others depend on
 * the record. */
#include "core/history.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "core/fields.h"
#include "core/record.h"
#include "core/store.h"
#include "tests/support/fixture.h"

static struct fixture f;
static struct error err;

static void setup(void)
{
	fixture_init(&f, false);
	error_clear(&err);
	char problems[512] = "";
	cr_assert_eq(fixture_import(&f, "providers", "code,name\nPRV,A provider\n", problems,
	                            sizeof problems), 0, "%s", problems);
	cr_assert_eq(fixture_import(&f, "contracts",
	                            "ref,provider,annual_value,start_date,end_date,title\n"
	                            "C-1,PRV,1000.00,2024-04-01,2025-03-31,Speech\n",
	                            problems, sizeof problems), 0, "%s", problems);
}

static void teardown(void)
{
	fixture_done(&f);
}

TestSuite(history, .init = setup, .fini = teardown);

static int64_t contract_id(void)
{
	struct record r;
	record_init(&r, kinds[KIND_CONTRACTS]);
	bool found;
	cr_assert_eq(store_load_by_key(&f.s, &r, "C-1", &found, &err), 0, "%s", err.msg);
	cr_assert(found);
	int64_t id = r.id;
	record_clear(&r);
	return id;
}

/* Changes field i of C-1 to text through the write path. */
static void change_contract(int i, const char *text)
{
	struct record r;
	record_init(&r, kinds[KIND_CONTRACTS]);
	cr_assert_eq(store_load(&f.s, &r, contract_id(), &err), 0, "%s", err.msg);
	cr_assert_eq(record_set(&r, i, text, &f.cfg, &err), 0, "%s", err.msg);
	cr_assert_eq(store_write(&f.s, WRITE_UPDATE, &r, &err), 0, "%s", err.msg);
	record_clear(&r);
}

static void contract_field(int i, char *buf, size_t len)
{
	struct record r;
	record_init(&r, kinds[KIND_CONTRACTS]);
	cr_assert_eq(store_load(&f.s, &r, contract_id(), &err), 0, "%s", err.msg);
	record_text(&r, i, &f.cfg, buf, len);
	record_clear(&r);
}

#define PAGE_MAX 8

struct page {
	int count;
	struct history_change changes[PAGE_MAX];
};

static int keep(void *ctx, const struct history_change *c)
{
	struct page *p = ctx;
	if (p->count < PAGE_MAX)
		p->changes[p->count++] = *c;
	return 0;
}

static void contract_history(struct page *p)
{
	struct history_query q = {.kind = kinds[KIND_CONTRACTS], .record_id = contract_id()};
	p->count = 0;
	cr_assert_eq(history_page(&f.s, &q, 0, false, PAGE_MAX, keep, p, &err), 0, "%s", err.msg);
}

Test(history, an_update_names_each_changed_field_by_label_newest_first)
{
	change_contract(CONTRACT_ANNUAL_VALUE, "2000");
	change_contract(CONTRACT_TITLE, "Speech and language");
	static struct page p;
	contract_history(&p);
	cr_assert_eq(p.count, 3, "added, then two changes");
	const struct history_change *title = &p.changes[0], *value = &p.changes[1];
	cr_expect_eq(title->action, HISTORY_CHANGED);
	cr_expect_eq(title->field_count, 1, "only the title changed");
	cr_expect_str_eq(title->kind->fields[title->fields[0].field].label, "Title");
	cr_expect_str_eq(title->fields[0].before, "Speech");
	cr_expect_str_eq(title->fields[0].after, "Speech and language");
	cr_expect_eq(value->field_count, 1);
	cr_expect_str_eq(value->kind->fields[value->fields[0].field].label, "Annual value");
	cr_expect_str_eq(value->fields[0].before, "£1,000.00");
	cr_expect_str_eq(value->fields[0].after, "£2,000.00");
	cr_expect_str_eq(value->login, f.s.login);
	cr_expect_str_eq(value->record, "C-1");
	cr_expect(title->id > value->id, "newest first");
	cr_expect_eq(p.changes[2].action, HISTORY_ADDED);
	cr_expect(p.changes[2].field_count >= 5, "an addition lists the fields it set");

	/* The next page, from the oldest shown, has nothing older; the page
	 * before the newest, nothing newer. */
	struct history_query q = {.kind = kinds[KIND_CONTRACTS], .record_id = contract_id()};
	static struct page more;
	cr_assert_eq(history_page(&f.s, &q, value->id, false, PAGE_MAX, keep, &more, &err), 0);
	cr_expect_eq(more.count, 1, "only the addition is older than the value change");
	more.count = 0;
	cr_assert_eq(history_page(&f.s, &q, value->id, true, PAGE_MAX, keep, &more, &err), 0);
	cr_expect_eq(more.count, 1, "only the title change is newer");
	cr_expect_eq(more.changes[0].id, title->id);
}

Test(history, undo_writes_the_earlier_values_back_and_is_audited)
{
	change_contract(CONTRACT_ANNUAL_VALUE, "2000");
	int64_t latest;
	cr_assert_eq(history_latest_change(&f.s, kinds[KIND_CONTRACTS], contract_id(), &latest, &err), 0);
	char done[256];
	cr_assert_eq(history_undo(&f.s, kinds[KIND_CONTRACTS], contract_id(), latest, done, sizeof done,
	                          &err), 0, "%s", err.msg);
	cr_expect_str_eq(done, "contract C-1: Annual value back to £1,000.00");
	char value[64];
	contract_field(CONTRACT_ANNUAL_VALUE, value, sizeof value);
	cr_expect_str_eq(value, "1000.00");
	static struct page p;
	contract_history(&p);
	cr_assert_eq(p.count, 3, "the undo is a change of its own");
	cr_expect_str_eq(p.changes[0].fields[0].before, "£2,000.00");
	cr_expect_str_eq(p.changes[0].fields[0].after, "£1,000.00");
}

Test(history, undo_refused_when_the_record_changed_since)
{
	change_contract(CONTRACT_ANNUAL_VALUE, "2000");
	int64_t seen;
	cr_assert_eq(history_latest_change(&f.s, kinds[KIND_CONTRACTS], contract_id(), &seen, &err), 0);
	change_contract(CONTRACT_ANNUAL_VALUE, "3000");   /* by someone else, say */
	char done[256];
	int rc = history_undo(&f.s, kinds[KIND_CONTRACTS], contract_id(), seen, done, sizeof done, &err);
	cr_expect_eq(rc, EX_DATAERR);
	cr_expect(strstr(err.msg, "changed again since") != NULL, "%s", err.msg);
	cr_expect(strstr(err.msg, f.s.login) != NULL, "names who: %s", err.msg);
	char value[64];
	contract_field(CONTRACT_ANNUAL_VALUE, value, sizeof value);
	cr_expect_str_eq(value, "3000.00", "nothing written");
}

Test(history, undoing_an_addition_refused_while_others_depend_on_it)
{
	char problems[512] = "";
	cr_assert_eq(fixture_import(&f, "coverage", "contract,district,therapy\nC-1,Swale,slt\n",
	                            problems, sizeof problems), 0, "%s", problems);
	char done[256];
	int rc = history_undo(&f.s, kinds[KIND_CONTRACTS], contract_id(), 0, done, sizeof done, &err);
	cr_expect_eq(rc, EX_DATAERR);
	cr_expect(strstr(err.msg, "depend") != NULL && strstr(err.msg, "coverage") != NULL, "%s",
	          err.msg);
	contract_id();   /* still there */
}

Test(history, a_reader_may_not_undo_and_the_trail_is_for_team_leads)
{
	change_contract(CONTRACT_ANNUAL_VALUE, "2000");
	fixture_act_as(&f, ROLE_CASEWORKER);
	char done[256];
	cr_expect_eq(history_undo(&f.s, kinds[KIND_CONTRACTS], contract_id(), 0, done, sizeof done, &err),
	             EX_NOPERM);
	struct history_query all = {.kind = NULL};
	static struct page p;
	cr_expect_eq(history_page(&f.s, &all, 0, false, PAGE_MAX, keep, &p, &err), EX_NOPERM);
	static struct page mine;
	contract_history(&mine);
	cr_expect_eq(mine.count, 2, "a record's own history is open to its readers");
}

Test(history, the_trail_narrows_by_kind_login_and_day)
{
	change_contract(CONTRACT_ANNUAL_VALUE, "2000");
	static struct page p;
	struct history_query q = {.kind = kinds[KIND_CONTRACTS]};
	cr_assert_eq(history_page(&f.s, &q, 0, false, PAGE_MAX, keep, &p, &err), 0, "%s", err.msg);
	cr_expect_eq(p.count, 2, "the contract's addition and change, not the provider's");
	struct history_query other = {.kind = NULL};
	snprintf(other.login, sizeof other.login, "nobody-here");
	p.count = 0;
	cr_assert_eq(history_page(&f.s, &other, 0, false, PAGE_MAX, keep, &p, &err), 0);
	cr_expect_eq(p.count, 0);
	struct history_query days = {.kind = NULL};
	snprintf(days.to_day, sizeof days.to_day, "2000-01-01");
	cr_assert_eq(history_page(&f.s, &days, 0, false, PAGE_MAX, keep, &p, &err), 0);
	cr_expect_eq(p.count, 0, "nothing happened before 2000");
	snprintf(days.from_day, sizeof days.from_day, "2000-01-01");
	snprintf(days.to_day, sizeof days.to_day, "2999-12-31");
	cr_assert_eq(history_page(&f.s, &days, 0, false, PAGE_MAX, keep, &p, &err), 0);
	cr_expect(p.count >= 4, "the admin, provider, contract and change: %d", p.count);
}

Test(history, a_long_text_is_cut_after_a_whole_character)
{
	char notes[601] = "";
	for (int i = 0; i < 300; i++)
		strcat(notes, "é");
	change_contract(CONTRACT_NOTES, notes);
	static struct page p;
	contract_history(&p);
	const struct history_field *field = &p.changes[0].fields[0];
	cr_assert_eq(p.changes[0].field_count, 1);
	size_t n = strlen(field->after);
	cr_assert(n > 3 && n < HISTORY_VALUE_MAX, "%zu bytes", n);
	cr_expect_str_eq(field->after + n - 3, "...");
	cr_expect_eq((n - 3) % 2, 0, "only whole two-byte characters before the dots: %zu", n);
	cr_expect_eq(strncmp(field->after, notes, n - 3), 0);
}
