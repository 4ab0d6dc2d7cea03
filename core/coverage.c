#include "core/coverage.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/record.h"
#include "core/store.h"
#include "db/coverage.h"

/* Copies src into dst, each ';' replaced by sep; a list that does not
 * fit is cut at an item and ends in "..." so it never reads as whole. */
static void copy_list(char *dst, size_t len, const char *src, const char *sep)
{
	size_t used = 0;
	dst[0] = '\0';
	if (src == NULL)
		return;
	while (*src) {
		size_t item = strcspn(src, ";");
		size_t need = (used ? strlen(sep) : 0) + item;
		if (used + need + 4 > len) {
			/* A first item too long for the buffer shows its start. */
			int keep = used ? 0 : (int)(len - 4);
			snprintf(dst + used, len - used, "%.*s...", keep, src);
			return;
		}
		used += (size_t)snprintf(dst + used, len - used, "%s%.*s", used ? sep : "",
		                         (int)item, src);
		src += item + (src[item] == ';');
	}
}

static int district_index(const struct settings *cfg, const char *code)
{
	for (int i = 0; i < cfg->district_count; i++)
		if (strcasecmp(cfg->districts[i].code, code) == 0)
			return i;
	return -1;
}

struct map_fill {
	const struct settings *cfg;
	struct coverage_tile *tiles;
};

static int fill_tile(void *ctx, const struct db_value *cols, int count)
{
	struct map_fill *m = ctx;
	(void)count;
	/* Coverage of a district no longer configured is for "sendesk
	 * check" to report; the map has no tile for it. */
	int d = cols[0].s ? district_index(m->cfg, cols[0].s) : -1;
	if (d < 0)
		return 0;
	struct coverage_tile *tile = &m->tiles[d];
	tile->contracts = (int)cols[1].i;
	copy_list(tile->refs, sizeof tile->refs, cols[2].s, ";");
	copy_list(tile->providers, sizeof tile->providers, cols[3].s, "+");
	copy_list(tile->service_refs, sizeof tile->service_refs, cols[4].s, ";");
	tile->services = 0;
	for (const char *ref = cols[4].s; ref; ref = strchr(ref + 1, ';'))
		tile->services++;
	return 0;
}

static int check_therapy(const struct settings *cfg, int therapy_index, struct error *err)
{
	if (therapy_index < 0 || therapy_index >= cfg->therapy_count)
		return error_set(err, EX_SOFTWARE, "no therapy type number %d", therapy_index);
	return 0;
}

int coverage_map(struct session *s, day_t on, int therapy_index,
                 struct coverage_tile *tiles, struct error *err)
{
	const struct settings *cfg = s->cfg;
	memset(tiles, 0, sizeof *tiles * (size_t)cfg->district_count);
	int rc = check_therapy(cfg, therapy_index, err);
	if (rc != 0)
		return rc;
	char iso[DATE_TEXT_MAX];
	date_format(on, iso);
	struct map_fill fill = {cfg, tiles};
	return db_coverage_map(s->db, iso, cfg->therapies[therapy_index].code, fill_tile, &fill,
	                       err);
}

struct candidate_walk {
	coverage_candidate_fn fn;
	void *ctx;
};

/* Dates come from the database, which only the write path fills with
 * real days; one that does not parse leaves *d as it was rather than
 * stopping the list. */
static bool day_of(const char *iso, day_t *d)
{
	const char *reason;
	day_t parsed;
	if (iso == NULL || !date_parse(iso, &parsed, &reason))
		return false;
	*d = parsed;
	return true;
}

static int pass_candidate(void *ctx, const struct db_value *cols, int count)
{
	struct candidate_walk *w = ctx;
	struct coverage_candidate c = {0};
	(void)count;
	c.contract_id = cols[0].i;
	snprintf(c.ref, sizeof c.ref, "%s", cols[1].s ? cols[1].s : "");
	snprintf(c.provider, sizeof c.provider, "%s", cols[2].s ? cols[2].s : "");
	day_of(cols[3].s, &c.start);
	day_of(cols[4].s, &c.end);
	c.covers = cols[5].i != 0;
	return w->fn(w->ctx, &c);
}

int coverage_candidates(struct session *s, day_t on, int district_index, int therapy_index,
                        coverage_candidate_fn fn, void *ctx, struct error *err)
{
	const struct settings *cfg = s->cfg;
	int rc = check_therapy(cfg, therapy_index, err);
	if (rc != 0)
		return rc;
	if (district_index < 0 || district_index >= cfg->district_count)
		return error_set(err, EX_SOFTWARE, "no district number %d", district_index);
	char iso[DATE_TEXT_MAX];
	date_format(on, iso);
	struct candidate_walk w = {fn, ctx};
	return db_coverage_candidates(s->db, iso, cfg->districts[district_index].code,
	                              cfg->therapies[therapy_index].code, pass_candidate, &w, err);
}

/* A coverage record from its three fields, as a person would type them. */
static int build(struct session *s, struct record *r, const char *contract_ref,
                 const char *district, const char *therapy, struct error *err)
{
	const struct kind *k = kinds[KIND_COVERAGE];
	const char *texts[] = {contract_ref, district, therapy};
	const char *names[] = {"contract", "district", "therapy"};
	record_init(r, k);
	for (int i = 0; i < 3; i++) {
		int f = kind_field_index(k, names[i]);
		int rc = record_set(r, f, texts[i], s->cfg, err);
		if (rc != 0) {
			error_prefix(err, "%s", names[i]);
			return rc;
		}
	}
	return 0;
}

/* The stored coverage row for r's fields, found by their canonical codes. */
static int find_row(struct session *s, const struct record *r, int64_t *id, struct error *err)
{
	const struct kind *k = r->kind;
	return db_coverage_find(s->db, r->values[kind_field_index(k, "contract")].text,
	                        r->values[kind_field_index(k, "district")].text,
	                        r->values[kind_field_index(k, "therapy")].text, id, err);
}

static int uncover(struct session *s, int64_t id, struct error *err)
{
	struct record old;
	record_init(&old, kinds[KIND_COVERAGE]);
	int rc = store_load(s, &old, id, err);
	if (rc == 0)
		rc = store_write(s, WRITE_DELETE, &old, err);
	record_clear(&old);
	return rc;
}

int coverage_toggle(struct session *s, const char *contract_ref, const char *district,
                    const char *therapy, bool *now_covered, struct error *err)
{
	struct record r;
	int64_t id = 0;
	int rc = build(s, &r, contract_ref, district, therapy, err);
	if (rc == 0)
		rc = find_row(s, &r, &id, err);
	if (rc == 0 && id != 0)
		rc = uncover(s, id, err);
	else if (rc == 0)
		rc = store_write(s, WRITE_INSERT, &r, err);
	if (rc == 0)
		*now_covered = id == 0;
	record_clear(&r);
	return rc;
}

bool coverage_may_change(const struct session *s)
{
	return s->role >= kinds[KIND_COVERAGE]->write_role;
}

int coverage_default_day(struct session *s, day_t today, day_t *on, bool *is_today,
                         struct error *err)
{
	char iso[DATE_TEXT_MAX], last[DATE_TEXT_MAX], first[DATE_TEXT_MAX];
	int64_t in_force = 0;
	date_format(today, iso);
	*on = today;
	*is_today = true;
	int rc = db_coverage_days(s->db, iso, &in_force, last, first, err);
	if (rc != 0 || in_force > 0)
		return rc;
	if (day_of(last[0] ? last : first, on))
		*is_today = false;
	return 0;
}
