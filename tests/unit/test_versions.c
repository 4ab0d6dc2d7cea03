/* test_versions.c: no lost update.  Every record carries a version that
 * each change moves on; a form saves only over the version it opened,
 * and a refused save can say who changed what since.  Imports are the
 * last writer.  A screen learns of another process's change from the
 * data version, and a save waiting for another change can be stopped. */
#include "core/store.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/users.h"
#include "db/db.h"
#include "tests/support/fixture.h"

static struct fixture f;
/* A second person on the same database: another process's connection. */
static struct session other;

static void setup(void)
{
	fixture_init(&f, false);
	struct error err = {0};
	cr_assert_eq(users_add(&f.s, "lee", "admin", &err), 0, "%s", err.msg);
	cr_assert_eq(session_open(&other, f.path, &f.cfg, &err), 0, "%s", err.msg);
	snprintf(other.login, sizeof other.login, "lee");
	cr_assert_eq(session_reload_role(&other, &err), 0, "%s", err.msg);
}

static void teardown(void)
{
	session_close(&other);
	fixture_done(&f);
}

TestSuite(versions, .init = setup, .fini = teardown);

static int64_t add_provider(const char *code, const char *name)
{
	char csv[200];
	snprintf(csv, sizeof csv, "code,name,kind\n%s,%s,nhs-trust\n", code, name);
	char problems[512] = "";
	cr_assert_eq(fixture_import(&f, "providers", csv, problems, sizeof problems), 0, "%s", problems);
	struct record r;
	record_init(&r, kind_find("providers"));
	bool found;
	struct error err = {0};
	cr_assert_eq(store_load_by_key(&f.s, &r, code, &found, &err), 0, "%s", err.msg);
	cr_assert(found);
	int64_t id = r.id;
	record_clear(&r);
	return id;
}

/* Opens record id in s as a form does: loaded with its version. */
static void open_form(struct session *s, struct record *r, int64_t id)
{
	record_init(r, kind_find("providers"));
	struct error err = {0};
	cr_assert_eq(store_load(s, r, id, &err), 0, "%s", err.msg);
}

static void set_field(struct record *r, const char *name, const char *text)
{
	struct error err = {0};
	int i = kind_field_index(r->kind, name);
	cr_assert_geq(i, 0);
	cr_assert_eq(record_set(r, i, text, &f.cfg, &err), 0, "%s", err.msg);
}

static void stored_text(int64_t id, const char *name, char *buf, size_t len)
{
	struct record r;
	open_form(&f.s, &r, id);
	char text[RECORD_TEXT_MAX];
	snprintf(buf, len, "%s", record_text(&r, kind_field_index(r.kind, name), &f.cfg, text, sizeof text));
	record_clear(&r);
}

#define CHANGES_MAX 4

struct seen {
	int count;
	char login[CHANGES_MAX][32], action[CHANGES_MAX][16], before[CHANGES_MAX][128],
	    after[CHANGES_MAX][128];
	int field[CHANGES_MAX];
};

static int take_change(void *ctx, const struct store_change *c)
{
	struct seen *s = ctx;
	cr_assert_lt(s->count, CHANGES_MAX);
	int n = s->count++;
	snprintf(s->login[n], sizeof s->login[n], "%s", c->login);
	snprintf(s->action[n], sizeof s->action[n], "%s", c->action);
	snprintf(s->before[n], sizeof s->before[n], "%s", c->before);
	snprintf(s->after[n], sizeof s->after[n], "%s", c->after);
	s->field[n] = c->field;
	cr_expect_eq(strlen(c->at), strlen("2026-12-05 12:03"), "%s", c->at);
	return 0;
}

/* Two forms open on one provider: the first saves; the second's save is
 * refused, writes nothing, and can name the first's change (who, which
 * field, before and after).  Once it has seen it, it may save over it. */
Test(versions, second_form_refused_with_the_first_change_named)
{
	int64_t id = add_provider("ACME", "Acme Therapy");
	struct record mine, theirs;
	open_form(&f.s, &mine, id);
	open_form(&other, &theirs, id);
	cr_assert_eq(mine.version, 1);
	cr_assert_eq(theirs.version, 1);

	set_field(&theirs, "name", "Acme Therapy Ltd");
	struct error err = {0};
	cr_assert_eq(store_write(&other, WRITE_UPDATE, &theirs, &err), 0, "%s", err.msg);
	cr_expect_eq(theirs.version, 2);

	set_field(&mine, "kind", "independent");
	error_clear(&err);
	cr_assert_eq(store_write(&f.s, WRITE_UPDATE, &mine, &err), EX_DATAERR);
	cr_assert(store_is_stale(&err), "%s", err.msg);
	cr_expect(strstr(err.msg, "provider 'ACME' was changed by lee at ") != NULL, "%s", err.msg);
	cr_expect(strstr(err.msg, "since you opened it") != NULL, "%s", err.msg);
	cr_expect_eq(mine.version, 1, "a refused write leaves the form's version");
	char text[128];
	stored_text(id, "name", text, sizeof text);
	cr_expect_str_eq(text, "Acme Therapy Ltd", "the first save stands");
	stored_text(id, "kind", text, sizeof text);
	cr_expect_str_eq(text, "nhs-trust", "nothing of the second was written");

	struct seen seen = {0};
	int64_t now = 0;
	cr_assert_eq(store_changes_since(&f.s, &mine, &now, take_change, &seen, &err), 0, "%s", err.msg);
	cr_expect_eq(now, 2);
	cr_assert_eq(seen.count, 1, "only the field that changed");
	cr_expect_str_eq(seen.login[0], "lee");
	cr_expect_str_eq(seen.action[0], "update");
	cr_expect_eq(seen.field[0], kind_field_index(mine.kind, "name"));
	cr_expect_str_eq(seen.before[0], "Acme Therapy");
	cr_expect_str_eq(seen.after[0], "Acme Therapy Ltd");

	mine.version = now;   /* seen: "keep editing" saves over it */
	cr_assert_eq(store_write(&f.s, WRITE_UPDATE, &mine, &err), 0, "%s", err.msg);
	cr_expect_eq(mine.version, 3);
	stored_text(id, "kind", text, sizeof text);
	cr_expect_str_eq(text, "independent");
	record_clear(&mine);
	record_clear(&theirs);
}

/* Changes since a version span every save after it, oldest first; a
 * record deleted meanwhile is named as deleted, by whom. */
Test(versions, changes_since_list_each_save_and_a_delete)
{
	int64_t id = add_provider("ACME", "Acme Therapy");
	struct record mine, theirs;
	open_form(&f.s, &mine, id);
	open_form(&other, &theirs, id);
	struct error err = {0};
	set_field(&theirs, "name", "Acme Two");
	cr_assert_eq(store_write(&other, WRITE_UPDATE, &theirs, &err), 0, "%s", err.msg);
	set_field(&theirs, "kind", "school");
	cr_assert_eq(store_write(&other, WRITE_UPDATE, &theirs, &err), 0, "%s", err.msg);
	struct seen seen = {0};
	int64_t now = 0;
	cr_assert_eq(store_changes_since(&f.s, &mine, &now, take_change, &seen, &err), 0, "%s", err.msg);
	cr_expect_eq(now, 3);
	cr_assert_eq(seen.count, 2);
	cr_expect_str_eq(seen.after[0], "Acme Two");
	cr_expect_str_eq(seen.before[1], "nhs-trust");
	cr_expect_str_eq(seen.after[1], "school");

	cr_assert_eq(store_write(&other, WRITE_DELETE, &theirs, &err), 0, "%s", err.msg);
	set_field(&mine, "name", "Mine");
	cr_expect_neq(store_write(&f.s, WRITE_UPDATE, &mine, &err), 0, "a deleted record is not saved");
	memset(&seen, 0, sizeof seen);
	cr_assert_eq(store_changes_since(&f.s, &mine, &now, take_change, &seen, &err), 0, "%s", err.msg);
	cr_expect_eq(now, 0);
	cr_assert_eq(seen.count, 1);
	cr_expect_str_eq(seen.action[0], "delete");
	cr_expect_str_eq(seen.login[0], "lee");
	cr_expect_eq(seen.field[0], -1);
	record_clear(&mine);
	record_clear(&theirs);
}

/* Each update moves the version on, an import's too; an import does not
 * check it (the last writer wins, by design). */
Test(versions, every_update_moves_the_version_and_imports_are_last_writer)
{
	int64_t id = add_provider("ACME", "Acme Therapy");
	struct record r;
	open_form(&f.s, &r, id);
	cr_assert_eq(r.version, 1);
	record_clear(&r);
	add_provider("ACME", "Acme Renamed");
	add_provider("ACME", "Acme Again");
	open_form(&f.s, &r, id);
	cr_expect_eq(r.version, 3);
	/* An import of the row as it is moves nothing: the open form saves. */
	add_provider("ACME", "Acme Again");
	set_field(&r, "name", "Acme From The Form");
	struct error err = {0};
	cr_expect_eq(store_write(&f.s, WRITE_UPDATE, &r, &err), 0, "%s", err.msg);
	record_clear(&r);
	open_form(&f.s, &r, id);
	cr_expect_eq(r.version, 4);
	record_clear(&r);
}

/* The data version moves on another process's commit only: a screen's
 * idle look costs nothing while nobody changes anything. */
Test(versions, data_version_moves_on_another_process_commit)
{
	struct error err = {0};
	int64_t before, after;
	cr_assert_eq(store_data_version(&f.s, &before, &err), 0, "%s", err.msg);
	int64_t own = add_provider("OWN", "Own Change");
	cr_assert_eq(store_data_version(&f.s, &after, &err), 0, "%s", err.msg);
	cr_expect_eq(after, before, "its own change is not news to it");
	struct record r;
	open_form(&other, &r, own);
	set_field(&r, "name", "Changed by another");
	cr_assert_eq(store_write(&other, WRITE_UPDATE, &r, &err), 0, "%s", err.msg);
	record_clear(&r);
	cr_assert_eq(store_data_version(&f.s, &after, &err), 0, "%s", err.msg);
	cr_expect_neq(after, before, "another connection's commit is");
}

struct waiting {
	int asked;
	bool release;          /* on the first question, the other change commits */
};

static bool keep_waiting(void *ctx, int waits)
{
	struct waiting *w = ctx;
	w->asked++;
	cr_expect_eq(waits, w->asked);
	if (!w->release)
		return false;
	struct error err = {0};
	cr_assert_eq(db_commit(other.db, &err), 0, "%s", err.msg);
	return true;
}

/* A save while another process holds the write lock waits in short
 * steps, asking between them: stopping writes nothing; when the other
 * change commits the save goes through. */
Test(versions, a_waiting_save_can_be_stopped_or_goes_through)
{
	int64_t id = add_provider("ACME", "Acme Therapy");
	struct error err = {0};
	cr_assert_eq(db_begin(other.db, &err), 0, "%s", err.msg);
	struct record r;
	open_form(&f.s, &r, id);
	set_field(&r, "name", "Acme Waited");
	struct waiting stop = {0, false};
	cr_assert_eq(store_write_waiting(&f.s, WRITE_UPDATE, &r, keep_waiting, &stop, &err), EX_TEMPFAIL);
	cr_expect_eq(stop.asked, 1);
	cr_expect(strstr(err.msg, "stopped waiting") != NULL, "%s", err.msg);
	char text[128];
	stored_text(id, "name", text, sizeof text);
	cr_expect_str_eq(text, "Acme Therapy");

	struct waiting release = {0, true};
	cr_assert_eq(store_write_waiting(&f.s, WRITE_UPDATE, &r, keep_waiting, &release, &err), 0,
	             "%s", err.msg);
	cr_expect_eq(release.asked, 1);
	stored_text(id, "name", text, sizeof text);
	cr_expect_str_eq(text, "Acme Waited");
	record_clear(&r);
}
