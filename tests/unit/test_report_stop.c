/* test_report_stop.c: a report whose stop() answers true while it runs
 * ends there and says so (a screen's Esc over a long report); one never
 * stopped runs whole, and the connection is no longer watched after. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "core/report.h"
#include "tests/support/collect.h"
#include "tests/support/fixture.h"

static struct fixture f;
static struct collected *got;

static void setup(void)
{
	fixture_init(&f, true);
	got = calloc(1, sizeof *got);
	cr_assert_not_null(got);
}

static void teardown(void)
{
	free(got);
	fixture_done(&f);
}

TestSuite(report_stop, .init = setup, .fini = teardown);

/* Answers true from its stop_at-th question on (0: never). */
struct asker {
	int calls, stop_at;
};

static bool ask(void *ctx)
{
	struct asker *a = ctx;
	a->calls++;
	return a->stop_at > 0 && a->calls >= a->stop_at;
}

static int run(const char *name, struct asker *a, struct error *err)
{
	struct report_options opt = {.on = date_today()};
	if (a != NULL) {
		opt.stop = ask;
		opt.stop_ctx = a;
	}
	memset(got, 0, sizeof *got);
	return collect_report(&f.s, report_find(name), &opt, got, err);
}

Test(report_stop, never_stopped_it_runs_whole_and_the_watch_ends_with_it)
{
	struct error err = {0};
	cr_assert_eq(run("provision-shortfall", NULL, &err), 0, "%s", err.msg);
	int whole = got->rows;
	cr_assert_gt(whole, 5, "the demo has short entries: %d", whole);
	struct asker a = {0, 0};
	cr_assert_eq(run("provision-shortfall", &a, &err), 0, "%s", err.msg);
	cr_expect_eq(got->rows, whole);
	cr_assert_geq(a.calls, 3, "asked along the way, not only at the start: %d", a.calls);

	/* No longer watched: a report run without a stop is not asked. */
	a.stop_at = 1;
	int calls = a.calls;
	cr_assert_eq(run("provision-shortfall", NULL, &err), 0, "%s", err.msg);
	cr_expect_eq(got->rows, whole);
	cr_expect_eq(a.calls, calls);
}

Test(report_stop, asked_before_it_starts_it_gives_no_row)
{
	struct error err = {0};
	struct asker a = {0, 1};
	cr_assert_eq(run("provision-shortfall", &a, &err), EX_TEMPFAIL);
	cr_expect_str_eq(err.msg, "the provision-shortfall report was stopped");
	cr_expect_eq(got->rows, 0);
}

Test(report_stop, asked_while_it_runs_it_stops_there_and_says_so)
{
	struct error err = {0};
	struct asker a = {0, 3};
	cr_assert_eq(run("provision-shortfall", &a, &err), EX_TEMPFAIL, "%s", err.msg);
	cr_expect_str_eq(err.msg, "the provision-shortfall report was stopped before it ended");
	cr_expect_eq(a.calls, 3, "not asked again once stopped: %d", a.calls);
	/* The next run is whole. */
	cr_assert_eq(run("provision-shortfall", NULL, &err), 0, "%s", err.msg);
	cr_expect_gt(got->rows, 5);
}
