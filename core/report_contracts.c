#include "core/report_contracts.h"

#include <stdio.h>
#include <string.h>

#include "core/fields.h"
#include "db/funders.h"
#include "db/report.h"

#define MAX_RATES 64

static const struct report_column columns[] = {
	{"ref", "Contract", CELL_TEXT, 14, "", false},
	{"provider", "Provider", CELL_TEXT, 8, "", false},
	{"annual_value", "Annual value", CELL_MONEY, 14, "", false},
	{"start_date", "Start", CELL_DATE, 10, "", false},
	{"end_date", "End", CELL_DATE, 10, "", false},
	{"lifetime_value", "Lifetime value", CELL_MONEY, 15, "", false},
	{"status", "Status", CELL_TEXT, 6, "-", false},
	{"flags", "Flags", CELL_TEXT, 0, "", false},
	{"kcc_amount", "Council's", CELL_MONEY, 15, "", false},
	{"other_funders_amount", "Other funders", CELL_MONEY, 15, "", false},
	{"total_amount", "Total", CELL_MONEY, 15, "", false},
};

enum { COL_ID, COL_REF, COL_PROVIDER, COL_VALUE, COL_START, COL_END, COL_STATUS, COL_SIGNED,
       COL_DECISION, COL_FROM, COL_RATE };

/* The rate in force on day d. */
static int64_t rate_on(const struct rate_change *rates, int count, day_t d)
{
	int64_t rate = rates[0].annual_pence;
	for (int i = 1; i < count && rates[i].from <= d; i++)
		rate = rates[i].annual_pence;
	return rate;
}

/* Value of one financial year's part of the contract: the sum of rate x
 * days over the year's days, rounded half up, so that a whole year at
 * one rate gives the rate exactly. */
static int64_t year_value(const struct period *fy, day_t start, day_t end,
                          const struct rate_change *rates, int count)
{
	day_t from = start > fy->start ? start : fy->start;
	day_t to = end < fy->end ? end : fy->end;
	__int128 sum = 0;
	for (day_t d = from; d <= to;) {
		int64_t rate = rate_on(rates, count, d);
		day_t next = to + 1;
		for (int i = 0; i < count; i++)
			if (rates[i].from > d && rates[i].from < next)
				next = rates[i].from;
		sum += (__int128)rate * (next - d);
		d = next;
	}
	int64_t days = period_days(fy);
	return (int64_t)((sum + days / 2) / days);
}

int64_t contract_lifetime_value(day_t start, day_t end, const struct rate_change *rates,
                                int count, int fy_start_month)
{
	if (count == 0 || end < start)
		return 0;
	int64_t total = 0;
	struct period fy;
	period_containing(PERIOD_FINANCIAL, fy_start_month, start, &fy);
	while (fy.start <= end) {
		total += year_value(&fy, start, end, rates, count);
		struct period next;
		period_next(PERIOD_FINANCIAL, fy_start_month, &fy, &next);
		fy = next;
	}
	return total;
}

static int keep_funding(void *ctx, const struct db_value *cols, int count)
{
	struct contract_funding *f = ctx;
	(void)count;
	f->is_service = cols[0].type == DBV_TEXT && strcmp(cols[0].s, "service") == 0;
	f->other_annual = cols[1].i;
	f->funders = (int)cols[2].i;
	return 0;
}

/* The other funders pay their annual amounts over the contract's whole
 * period, split by financial years and days as the council's value is. */
static int funding_over(struct session *s, int64_t contract_id, day_t start, day_t end,
                        int64_t council_lifetime, struct contract_funding *out,
                        struct error *err)
{
	*out = (struct contract_funding){.council = council_lifetime};
	int rc = db_contract_funding(s->db, contract_id, keep_funding, out, err);
	if (rc != 0)
		return rc;
	struct rate_change others = {start, out->other_annual};
	out->others = contract_lifetime_value(start, end, &others, 1,
	                                      s->cfg->financial_year_start_month);
	out->total = out->council + out->others;
	return 0;
}

/* The contract being gathered from its value-history rows. */
struct contract_rows {
	struct session *s;
	const struct report_options *opt;
	const struct report_sink *sink;
	struct error *err;
	int64_t id;
	char ref[64], provider[32], status[16], decision[64];
	bool is_signed;
	int64_t value;
	day_t start, end;
	struct rate_change rates[MAX_RATES];
	int rate_count;
};

static bool parse_iso(const struct db_value *v, day_t *d)
{
	const char *reason;
	return v->type == DBV_TEXT && date_parse(v->s, d, &reason);
}

static void copy_text(char *dst, size_t len, const struct db_value *v)
{
	snprintf(dst, len, "%s", v->type == DBV_TEXT ? v->s : "");
}

static void start_contract(struct contract_rows *c, const struct db_value *cols)
{
	c->id = cols[COL_ID].i;
	copy_text(c->ref, sizeof c->ref, &cols[COL_REF]);
	copy_text(c->provider, sizeof c->provider, &cols[COL_PROVIDER]);
	copy_text(c->status, sizeof c->status, &cols[COL_STATUS]);
	copy_text(c->decision, sizeof c->decision, &cols[COL_DECISION]);
	c->is_signed = cols[COL_SIGNED].type != DBV_NULL;
	c->value = cols[COL_VALUE].i;
	parse_iso(&cols[COL_START], &c->start);
	parse_iso(&cols[COL_END], &c->end);
	c->rates[0] = (struct rate_change){c->start, c->value};
	c->rate_count = 1;
}

static void add_rate(struct contract_rows *c, const struct db_value *cols)
{
	day_t from;
	if (!parse_iso(&cols[COL_FROM], &from) || c->rate_count == MAX_RATES)
		return;
	/* A history row on the start date restates or corrects the first rate. */
	if (from <= c->start)
		c->rates[0].annual_pence = cols[COL_RATE].i;
	else
		c->rates[c->rate_count++] = (struct rate_change){from, cols[COL_RATE].i};
}

static void add_flag(char *flags, size_t len, const char *flag)
{
	size_t used = strlen(flags);
	snprintf(flags + used, len - used, "%s%s", used ? ";" : "", flag);
}

void contract_flags(const struct settings *cfg, const struct contract_facts *f, day_t on,
                    char *flags, size_t len)
{
	bool draft = strcmp(f->status, "draft") == 0, ended = strcmp(f->status, "ended") == 0;
	flags[0] = '\0';
	if (!f->is_signed && !draft && !f->is_service && f->start <= on)
		add_flag(flags, len, "unsigned");
	if (!draft && !ended && f->end < on)
		add_flag(flags, len, "expired");
	if (f->lifetime_pence > cfg->key_decision_pence && f->decision_ref[0] == '\0')
		add_flag(flags, len, "key-decision-no-ref");
	if (!draft && !ended && f->end >= on && f->end - on <= cfg->expiry_warning_days)
		add_flag(flags, len, "ending-soon");
}

static int emit_contract(struct contract_rows *c)
{
	int64_t lifetime = contract_lifetime_value(c->start, c->end, c->rates, c->rate_count,
	                                           c->s->cfg->financial_year_start_month);
	struct contract_funding funding;
	int rc = funding_over(c->s, c->id, c->start, c->end, lifetime, &funding, c->err);
	if (rc != 0)
		return rc;
	char flags[96];
	struct contract_facts facts = {c->start, c->end, c->is_signed, c->status, c->decision,
	                               lifetime, funding.is_service};
	contract_flags(c->s->cfg, &facts, c->opt->on, flags, sizeof flags);
	struct cell cells[] = {
		cell_text(c->ref), cell_text(c->provider), cell_number(c->value),
		cell_number(c->start), cell_number(c->end), cell_number(lifetime),
		c->status[0] ? cell_text(c->status) : cell_null(), cell_text(flags),
		cell_number(funding.council), cell_number(funding.others), cell_number(funding.total),
	};
	return c->sink->row(c->sink->ctx, cells);
}

static int contract_row(void *ctx, const struct db_value *cols, int count)
{
	struct contract_rows *c = ctx;
	(void)count;
	if (cols[COL_ID].i != c->id) {
		int rc = c->id != 0 ? emit_contract(c) : 0;
		if (rc != 0)
			return rc;
		start_contract(c, cols);
	}
	if (cols[COL_FROM].type != DBV_NULL)
		add_rate(c, cols);
	return 0;
}

static int run(struct session *s, const struct report_options *opt,
               const struct report_sink *sink, struct error *err)
{
	struct contract_rows c = {.s = s, .opt = opt, .sink = sink, .err = err};
	char title[96], on[DATE_TEXT_MAX];
	date_format(opt->on, on);
	snprintf(title, sizeof title, "Contracts, flags as on %s", on);
	sink->begin(sink->ctx, title, columns, (int)(sizeof columns / sizeof columns[0]));
	int rc = db_report_contracts(s->db, contract_row, &c, err);
	if (rc == 0 && c.id != 0)
		rc = emit_contract(&c);
	sink->end(sink->ctx);
	return rc;
}

const struct report report_contracts = {
	"contracts", "each contract: value, period, lifetime value, flags and funders' shares",
	ROLE_CASEWORKER,
	columns, (int)(sizeof columns / sizeof columns[0]), run,
};


struct rate_list {
	struct rate_change rates[MAX_RATES];
	int count;
	day_t start;
};

static int collect_rate(void *ctx, const struct db_value *cols, int count)
{
	struct rate_list *l = ctx;
	(void)count;
	day_t from;
	if (!parse_iso(&cols[0], &from) || l->count == MAX_RATES)
		return 0;
	if (from <= l->start)
		l->rates[0].annual_pence = cols[1].i;
	else
		l->rates[l->count++] = (struct rate_change){from, cols[1].i};
	return 0;
}

int contract_summary(struct session *s, const struct record *contract, day_t on,
                     struct contract_standing *out, struct error *err)
{
	const struct value *v = contract->values;
	struct rate_list l = {.count = 1, .start = (day_t)v[CONTRACT_START].n};
	l.rates[0] = (struct rate_change){l.start, v[CONTRACT_ANNUAL_VALUE].n};
	int rc = db_report_contract_values(s->db, contract->id, collect_rate, &l, err);
	if (rc != 0)
		return rc;
	out->lifetime = contract_lifetime_value(l.start, (day_t)v[CONTRACT_END].n, l.rates, l.count,
	                                        s->cfg->financial_year_start_month);
	out->rate = rate_on(l.rates, l.count, on);
	rc = funding_over(s, contract->id, l.start, (day_t)v[CONTRACT_END].n, out->lifetime,
	                  &out->funding, err);
	if (rc != 0)
		return rc;
	/* A record being edited says its own type, stored or not. */
	if (v[CONTRACT_TYPE].set)
		out->funding.is_service = strcmp(v[CONTRACT_TYPE].text, "service") == 0;
	struct contract_facts facts = {
		l.start, (day_t)v[CONTRACT_END].n, v[CONTRACT_SIGNED].set,
		v[CONTRACT_STATUS].text ? v[CONTRACT_STATUS].text : "", v[CONTRACT_DECISION].text ? v[CONTRACT_DECISION].text : "",
		out->lifetime, out->funding.is_service,
	};
	contract_flags(s->cfg, &facts, on, out->flags, sizeof out->flags);
	return 0;
}
