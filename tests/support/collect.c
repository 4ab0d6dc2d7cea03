#include "tests/support/collect.h"

#include <criterion/criterion.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static void begin(void *ctx, const char *title, const struct report_column *cols, int count)
{
	struct collected *c = ctx;
	cr_assert_leq(count, COLLECT_MAX_CELLS);
	snprintf(c->title, sizeof c->title, "%s", title);
	c->cols = cols;
	c->columns = count;
}

static int row(void *ctx, const struct cell *cells)
{
	struct collected *c = ctx;
	cr_assert_lt(c->rows, COLLECT_MAX_ROWS);
	for (int i = 0; i < c->columns; i++) {
		c->null[c->rows][i] = cells[i].null;
		c->n[c->rows][i] = cells[i].n;
		c->number[c->rows][i] = !cells[i].null && cells[i].text == NULL;
		snprintf(c->text[c->rows][i], sizeof c->text[c->rows][i], "%s",
		         cells[i].null || cells[i].text == NULL ? "" : cells[i].text);
	}
	c->rows++;
	return 0;
}

static void end(void *ctx)
{
	((struct collected *)ctx)->ended = true;
}

int collect_report(struct session *s, const struct report *r, const struct report_options *opt,
                   struct collected *c, struct error *err)
{
	memset(c, 0, sizeof *c);
	struct report_sink sink = {c, begin, row, end};
	error_clear(err);
	return report_run(s, r, opt, &sink, err);
}

int collected_column(const struct collected *c, const char *name)
{
	for (int i = 0; i < c->columns; i++)
		if (strcmp(c->cols[i].name, name) == 0)
			return i;
	cr_assert_fail("no column %s", name);
	return -1;
}

void collected_line(const struct collected *c, int r, char *buf, size_t len)
{
	size_t used = 0;
	buf[0] = '\0';
	for (int i = 0; i < c->columns && used < len; i++) {
		const char *sep = i ? "," : "";
		if (c->null[r][i])
			used += (size_t)snprintf(buf + used, len - used, "%s-", sep);
		else if (c->number[r][i])
			used += (size_t)snprintf(buf + used, len - used, "%s%" PRId64, sep, c->n[r][i]);
		else
			used += (size_t)snprintf(buf + used, len - used, "%s%s", sep, c->text[r][i]);
	}
}
