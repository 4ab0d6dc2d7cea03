#include "core/report_funding.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "db/report_funding.h"

static const struct report_column funding_columns[] = {
	{"district", "District", CELL_TEXT, 22, "", false},
	{"therapy", "Therapy", CELL_TEXT, 9, "", false},
	{"funding", "Funding", CELL_TEXT, 8, "", false},
	{"entries", "Entries", CELL_INTEGER, 7, "", false},
	{"children", "Children", CELL_INTEGER, 8, "", false},
	{"minutes_per_week", "Min/week", CELL_INTEGER, 8, "", false},
};

static const struct report_column unfunded_columns[] = {
	{"entry", "Entry", CELL_TEXT, 12, "", false},
	{"child", "Child", CELL_TEXT, 10, "", false},
	{"district", "District", CELL_TEXT, 16, "", false},
	{"therapy", "Therapy", CELL_TEXT, 9, "", false},
	{"minutes_per_week", "Min/week", CELL_INTEGER, 8, "", false},
	{"start_date", "Start", CELL_DATE, 10, "", false},
	{"reason", "Reason", CELL_TEXT, 0, "", false},
};

#define COUNT_OF(a) ((int)(sizeof a / sizeof a[0]))

/* The columns of db_report_f_entries. */
enum { E_ID, E_REF, E_CHILD_ID, E_CHILD_REF, E_DISTRICT, E_THERAPY, E_MPW, E_START, E_FUNDING,
       E_ROUTE };

const char *report_district_name(const struct settings *cfg, const char *code)
{
	if (code == NULL)
		return "";
	for (int i = 0; i < cfg->district_count; i++)
		if (strcasecmp(cfg->districts[i].code, code) == 0)
			return cfg->districts[i].name;
	return code;
}

/* The code of a district as the reports show it: a configured name's
 * code, else the text itself (a code not configured); NULL for "". */
static const char *district_code(const struct settings *cfg, const char *shown)
{
	if (shown[0] == '\0')
		return NULL;
	for (int i = 0; i < cfg->district_count; i++)
		if (strcmp(cfg->districts[i].name, shown) == 0)
			return cfg->districts[i].code;
	return shown;
}

static const char *text_of(const struct db_value *v)
{
	return v->type == DBV_TEXT ? v->s : "";
}

struct rows {
	const struct settings *cfg;
	const struct report_sink *sink;
	const char *on;
};

static int funding_row(void *ctx, const struct db_value *cols, int count)
{
	const struct rows *r = ctx;
	(void)count;
	struct cell cells[] = {
		cell_text(report_district_name(r->cfg, cols[0].s)), cell_text(text_of(&cols[1])),
		cell_text(text_of(&cols[2])), cell_number(cols[3].i), cell_number(cols[4].i),
		cell_number(cols[5].i),
	};
	return r->sink->row(r->sink->ctx, cells);
}

static int run_funding(struct session *s, const struct report_options *opt,
                       const struct report_sink *sink, struct error *err)
{
	char title[96], on[DATE_TEXT_MAX];
	date_format(opt->on, on);
	snprintf(title, sizeof title, "Section F entries by district, therapy and funding on %s", on);
	sink->begin(sink->ctx, title, funding_columns, COUNT_OF(funding_columns));
	struct rows r = {s->cfg, sink, on};
	int rc = db_report_f_funding(s->db, on, funding_row, &r, err);
	sink->end(sink->ctx);
	return rc;
}

/* Why nothing funds the entry, for people: what its recorded funding
 * needed on the day and did not find. */
static void reason_of(const struct rows *r, const struct db_value *cols, char *buf, size_t len)
{
	const char *funding = text_of(&cols[E_FUNDING]), *therapy = text_of(&cols[E_THERAPY]);
	if (strcmp(funding, "contract") == 0 && cols[E_DISTRICT].type == DBV_NULL)
		snprintf(buf, len, "the child has no district, so no contract covers it");
	else if (strcmp(funding, "contract") == 0)
		snprintf(buf, len, "no contract covers %s for %s on %s",
		         report_district_name(r->cfg, cols[E_DISTRICT].s), therapy, r->on);
	else if (strcmp(funding, "spot") == 0)
		snprintf(buf, len, "no spot purchase for %s for the child on %s", therapy, r->on);
	else if (strcmp(funding, "pb") == 0)
		snprintf(buf, len, "no personal budget with a therapy amount on %s", r->on);
	else
		snprintf(buf, len, "no funding recorded");
}

static int unfunded_row(void *ctx, const struct db_value *cols, int count)
{
	const struct rows *r = ctx;
	(void)count;
	char reason[160];
	reason_of(r, cols, reason, sizeof reason);
	day_t start = 0;
	bool dated = date_parse(text_of(&cols[E_START]), &start, NULL);
	struct cell cells[] = {
		cell_text(text_of(&cols[E_REF])), cell_text(text_of(&cols[E_CHILD_REF])),
		cell_text(report_district_name(r->cfg, cols[E_DISTRICT].s)),
		cell_text(text_of(&cols[E_THERAPY])),
		cols[E_MPW].type == DBV_NULL ? cell_null() : cell_number(cols[E_MPW].i),
		dated ? cell_number(start) : cell_null(), cell_text(reason),
	};
	return r->sink->row(r->sink->ctx, cells);
}

static int run_unfunded(struct session *s, const struct report_options *opt,
                        const struct report_sink *sink, struct error *err)
{
	char title[96], on[DATE_TEXT_MAX];
	date_format(opt->on, on);
	snprintf(title, sizeof title, "Section F entries nothing funds on %s", on);
	sink->begin(sink->ctx, title, unfunded_columns, COUNT_OF(unfunded_columns));
	struct rows r = {s->cfg, sink, on};
	struct db_funded_filter none = {.route = "none"};
	int rc = db_report_f_entries(s->db, on, &none, unfunded_row, &r, err);
	sink->end(sink->ctx);
	return rc;
}

struct entry_walk {
	report_entry_fn fn;
	void *ctx;
};

static int entry_row(void *ctx, const struct db_value *cols, int count)
{
	const struct entry_walk *w = ctx;
	(void)count;
	struct report_f_entry e = {
		cols[E_ID].i, text_of(&cols[E_REF]), text_of(&cols[E_CHILD_REF]),
		cols[E_MPW].type != DBV_NULL, cols[E_MPW].i, text_of(&cols[E_START]),
	};
	return w->fn(w->ctx, &e);
}

/* The role check and the filter both ways of listing a row's entries
 * share: a district by name (NULL: every district). */
static int entries_filter(struct session *s, day_t on, const char *funding, const char *district,
                          const char *therapy, char iso[DATE_TEXT_MAX],
                          struct db_funded_filter *filter, struct error *err)
{
	int rc = session_require(s, report_f_funding.min_role, "see the Section F entries", err);
	date_format(on, iso);
	*filter = (struct db_funded_filter){
		.route = funding, .has_district = district != NULL,
		.district = district ? district_code(s->cfg, district) : NULL, .therapy = therapy,
	};
	return rc;
}

int report_f_entries(struct session *s, day_t on, const char *funding, const char *district,
                     const char *therapy, report_entry_fn fn, void *ctx, struct error *err)
{
	char iso[DATE_TEXT_MAX];
	struct db_funded_filter filter;
	int rc = entries_filter(s, on, funding, district, therapy, iso, &filter, err);
	struct entry_walk w = {fn, ctx};
	return rc != 0 ? rc : db_report_f_entries(s->db, iso, &filter, entry_row, &w, err);
}

int report_f_entries_page(struct session *s, day_t on, const char *funding,
                          const char *district, const char *therapy, const char *after_entry,
                          int limit, report_entry_fn fn, void *ctx, struct error *err)
{
	char iso[DATE_TEXT_MAX];
	struct db_funded_filter filter;
	int rc = entries_filter(s, on, funding, district, therapy, iso, &filter, err);
	filter.has_district = true;   /* a page reads one district's entries */
	struct entry_walk w = {fn, ctx};
	return rc != 0 ? rc : db_report_f_entries_page(s->db, iso, &filter, after_entry, limit,
	                                               entry_row, &w, err);
}

const struct report report_f_funding = {
	"section-f-funding",
	"Section F entries in force by district, therapy and funding route (none: unfunded)",
	ROLE_TEAMLEAD, funding_columns, COUNT_OF(funding_columns), run_funding,
};

const struct report report_f_unfunded = {
	"section-f-unfunded", "Section F entries in force that nothing funds, and why",
	ROLE_TEAMLEAD, unfunded_columns, COUNT_OF(unfunded_columns), run_unfunded,
};
