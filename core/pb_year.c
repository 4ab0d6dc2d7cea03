#include "core/pb_year.h"

#include <stdio.h>
#include <string.h>

#include "config/config.h"
#include "db/figures.h"

static int keep_total(void *ctx, const struct db_value *cols, int count)
{
	struct pb_year *y = ctx;
	if (count < 6)
		return EX_SOFTWARE;
	y->budgets = cols[0].i;
	y->children = cols[1].i;
	y->amount_pence = cols[2].i;
	y->therapy_pence = cols[3].i;
	y->eotas_count = cols[4].i;
	y->eotas_pence = cols[5].i;
	return 0;
}

int pb_year_total(struct session *s, const struct period *p, struct pb_year *out,
                  struct error *err)
{
	memset(out, 0, sizeof *out);
	int rc = session_require(s, ROLE_TEAMLEAD, "see the personal budgets' figures", err);
	if (rc != 0)
		return rc;
	char first[DATE_TEXT_MAX], last[DATE_TEXT_MAX];
	date_format(p->start, first);
	date_format(p->end, last);
	rc = db_pb_total_between(s->db, first, last, keep_total, out, err);
	if (rc == 0 && out->amount_pence > 0) {
		/* As pb-summary rounds it: half a tenth up. */
		__int128 num = (__int128)out->therapy_pence * 1000;
		out->share_tenths = (int64_t)((num + out->amount_pence / 2) / out->amount_pence);
		out->has_share = true;
	}
	return rc;
}

void pb_years_text(const struct settings *cfg, const char *start, const char *end, char *buf,
                   size_t len)
{
	day_t from, to;
	buf[0] = '\0';
	if (start == NULL || !date_parse(start, &from, NULL))
		return;
	int month = cfg->academic_year_start_month;
	struct period first, last;
	period_containing(PERIOD_ACADEMIC, month, from, &first);
	if (end == NULL || !date_parse(end, &to, NULL) || to < from) {
		snprintf(buf, len, "academic year %s", first.label);
		return;
	}
	period_containing(PERIOD_ACADEMIC, month, to, &last);
	if (last.year == first.year)
		snprintf(buf, len, "academic year %s", first.label);
	else
		snprintf(buf, len, "starts in academic year %s, ends in %s", first.label, last.label);
}
