#include "core/demo_desk.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/coverage.h"
#include "core/fields.h"
#include "core/record.h"
#include "core/store.h"
#include "core/upn.h"
#include "core/users.h"

const char *const demo_desk_logins[DEMO_DESK_LOGIN_COUNT] = {"amara.osei", "ben.hughes",
                                                              "chloe.park", "dev.lead"};
static const char *const login_roles[DEMO_DESK_LOGIN_COUNT] = {"caseworker", "caseworker",
                                                               "caseworker", "teamlead"};
#define CASEWORKERS 3

#define FIRST_CHILD 684        /* children.csv ends at CH-0683 */
#define MAX_CHILDREN 160
#define MAX_ENTRIES 480
#define BASE_CHILDREN 4        /* children per district sharing its F and G entries */
#define SESSION_YEAR 364       /* 52 weeks of sessions up to the day */
#define SHORT_DAYS 91          /* the falling-short contract's last three months */
#define YEAR 365

/* xorshift64: the same seed gives the same demo on every platform. */
struct rng {
	uint64_t state;
};

static uint32_t rng_next(struct rng *g)
{
	g->state ^= g->state << 13;
	g->state ^= g->state >> 7;
	g->state ^= g->state << 17;
	return (uint32_t)(g->state >> 32);
}

static int rng_below(struct rng *g, int n)
{
	return n <= 1 ? 0 : (int)(rng_next(g) % (uint32_t)n);
}

static const char *rng_pick(struct rng *g, const char *const *list, int n)
{
	return list[rng_below(g, n)];
}

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

static const char *const girls[] = {"Amelia", "Ava", "Chloe", "Daisy", "Ella", "Emily", "Evie",
	"Freya", "Grace", "Isla", "Ivy", "Lily", "Maya", "Mia", "Olivia", "Poppy", "Rosie",
	"Sophie", "Willow", "Zara"};
static const char *const boys[] = {"Alfie", "Archie", "Arthur", "Charlie", "Ethan", "Finley",
	"George", "Harry", "Henry", "Isaac", "Jack", "Jacob", "Leo", "Louie", "Max", "Noah",
	"Oliver", "Oscar", "Theo", "Toby"};
static const char *const surname_heads[] = {"Ash", "Bramble", "Cinder", "Fern", "Gorse",
	"Hazel", "Kestrel", "Linnet", "Moss", "Rowan", "Sedge", "Thistle", "Wren", "Yarrow"};
static const char *const surname_tails[] = {"acre", "by", "combe", "croft", "dell", "hurst",
	"ley", "mere", "ridge", "stead", "wick", "worth"};
static const char *const primaries[] = {"Brambledown Primary School",
	"Kestrel Hill Primary School", "Meadowgate Infant and Junior School",
	"St Aldric's CE Primary School", "Orchard Vale Primary Academy",
	"Foxglove Lane Primary School"};
static const char *const secondaries[] = {"Hawthorn Ridge Academy", "Marshbrook High School",
	"Westerleigh Grammar School", "Oastfield Community College"};
static const char *const specials[] = {"Larkspur Special School",
	"The Willows Specialist Learning Centre"};
static const char *const needs[] = {"SLCN", "SLCN", "SLCN", "ASD", "ASD", "ASD", "SEMH",
	"MLD", "SLD", "PD", "SPLD", "HI"};
/* Contract therapists by area and therapy; NHS (Section G) ones after. */
static const char *const therapists[] = {"Priya Shah", "Tom Bennett", "Sian Evans",
	"Grace Okafor", "Hannah Cole", "Marek Nowak", "Ruth Adeyemi", "Claire Dunn",
	"Sam Whitlock", "Nadia Rahman", "Joe Pearce", "Fiona Mackay", "Liam Doherty",
	"Anita Patel", "Beth Saunders", "Kwame Mensah", "Ellie Harper"};
static const char *const missed_notes[] = {"", "Therapist off sick; not rearranged",
	"School trip", "Child unwell", "Not brought to the clinic appointment"};
static const char *const outcomes[] = {"delivered", "provider-cancelled", "school-cancelled",
	"child-absent", "did-not-attend"};

struct plan_entry {
	char ref[16];
	int child;
	char section[2];
	int therapy;
	day_t start, end;          /* end 0: open */
	const char *funding;       /* NULL: none recorded */
	char contract[COVERAGE_REF_MAX];
	int minutes;
	day_t last_session;        /* sessions run to here: the end, the day, or a gap */
	bool falls_short;
};

struct plan_child {
	char ref[16];
	int district;
	int caseworker;            /* index in demo_desk_logins, -1: none */
	bool ceased;
	day_t dob, ehcp_start, last_review;
};

struct plan {
	struct session *s;
	const struct settings *cfg;
	day_t today, contract_day;
	bool has_contract_day;
	int first_therapy;         /* the configured "slt", else the first therapy */
	struct rng rng;
	struct plan_child children[MAX_CHILDREN];
	int child_count;
	struct plan_entry entries[MAX_ENTRIES];
	int entry_count;
	int unfunded_turn;
};

/* ---- the plan: which children, entries and dates ---- */

struct found_contract {
	struct coverage_candidate c;
	bool found;
};

static int keep_covering(void *ctx, const struct coverage_candidate *c)
{
	struct found_contract *f = ctx;
	if (!c->covers || f->found)
		return 0;
	f->c = *c;
	f->found = true;
	return 0;
}

/* The contract covering the district for the therapy on the plan's
 * contract day, if any. */
static int find_contract(struct plan *p, int district, int therapy, struct found_contract *f,
                         struct error *err)
{
	memset(f, 0, sizeof *f);
	if (!p->has_contract_day)
		return 0;
	return coverage_candidates(p->s, p->contract_day, district, therapy, keep_covering, f, err);
}

static void funding_without_contract(struct plan *p, struct plan_entry *e)
{
	/* The district's first therapy uncovered (Swale's SLT): spot, a
	 * personal budget, or nothing recorded yet. */
	static const char *const first[] = {"spot", "pb", NULL};
	static const char *const others[] = {"spot", "school", "pb"};
	int turn = p->unfunded_turn++;
	e->funding = e->therapy == p->first_therapy ? first[turn % 3] : others[turn % 3];
}

static int plan_funding(struct plan *p, struct plan_entry *e, struct error *err)
{
	day_t latest = p->today - 30;
	e->start = latest - rng_below(&p->rng, 700);
	if (e->section[0] == 'G') {
		e->funding = "nhs";
		return 0;
	}
	struct found_contract f;
	int rc = find_contract(p, p->children[e->child].district, e->therapy, &f, err);
	if (rc != 0)
		return rc;
	day_t hi = f.c.end < latest ? f.c.end : latest;
	if (!f.found || hi < f.c.start) {
		funding_without_contract(p, e);
		return 0;
	}
	day_t lo = hi - 700 > f.c.start ? hi - 700 : f.c.start;
	e->start = lo + rng_below(&p->rng, hi - lo + 1);
	e->funding = "contract";
	snprintf(e->contract, sizeof e->contract, "%s", f.c.ref);
	return 0;
}

static int add_entry(struct plan *p, int child, char section, int therapy, struct error *err)
{
	static const int minutes[] = {30, 30, 45, 45, 60, 60, 90};
	if (p->entry_count == MAX_ENTRIES)
		return error_set(err, EX_SOFTWARE, "demo: more than %d therapy entries", MAX_ENTRIES);
	struct plan_entry *e = &p->entries[p->entry_count];
	memset(e, 0, sizeof *e);
	snprintf(e->ref, sizeof e->ref, "TE-%04d", p->entry_count + 1);
	e->child = child;
	e->section[0] = section;
	e->therapy = therapy;
	e->minutes = minutes[rng_below(&p->rng, COUNT(minutes))];
	int rc = plan_funding(p, e, err);
	if (rc == 0 && rng_below(&p->rng, 4) == 0)
		e->end = p->today + 90 + rng_below(&p->rng, 400);
	e->last_session = p->today;
	p->entry_count++;
	return rc;
}

static int add_child(struct plan *p, int district)
{
	if (p->child_count == MAX_CHILDREN)
		return -1;
	int i = p->child_count++;
	struct plan_child *c = &p->children[i];
	memset(c, 0, sizeof *c);
	snprintf(c->ref, sizeof c->ref, "CH-%04d", FIRST_CHILD + i);
	c->district = district;
	/* Three caseworkers, each with the districts of one part of the
	 * configured list; one child in ten waits for a caseworker. */
	c->caseworker = i % 10 == 9 ? -1 : district * CASEWORKERS / p->cfg->district_count;
	return i;
}

/* Each district: BASE_CHILDREN children sharing one entry per section and
 * therapy; one more child with two Section F entries (two of them, in
 * different districts, with plans since ceased); and, where no contract
 * covers the first therapy, three children with only that entry. */
static int plan_district(struct plan *p, int d, struct error *err)
{
	int therapies = p->cfg->therapy_count, base[BASE_CHILDREN], rc = 0;
	int n = 2 * therapies < BASE_CHILDREN ? 2 * therapies : BASE_CHILDREN;
	for (int i = 0; i < n; i++)
		if ((base[i] = add_child(p, d)) < 0)
			return error_set(err, EX_SOFTWARE, "demo: more than %d children", MAX_CHILDREN);
	for (int pair = 0; rc == 0 && pair < 2 * therapies; pair++)
		rc = add_entry(p, base[(pair + d) % n], pair < therapies ? 'F' : 'G', pair % therapies,
		               err);
	int extra = add_child(p, d);
	if (rc == 0 && extra >= 0) {
		p->children[extra].ceased = d == 3 || d == 7;
		rc = add_entry(p, extra, 'F', p->first_therapy, err);
		if (rc == 0 && therapies > 1)
			rc = add_entry(p, extra, 'F', (p->first_therapy + 1) % therapies, err);
	}
	struct found_contract f;
	if (rc == 0)
		rc = find_contract(p, d, p->first_therapy, &f, err);
	for (int i = 0; rc == 0 && !f.found && i < 3; i++) {
		int c = add_child(p, d);
		rc = c < 0 ? error_set(err, EX_SOFTWARE, "demo: more than %d children", MAX_CHILDREN)
		           : add_entry(p, c, 'F', p->first_therapy, err);
	}
	return rc;
}

static day_t year_before(day_t d)
{
	int y, m, day;
	date_to_ymd(d, &y, &m, &day);
	if (m == 2 && day == 29)
		day = 28;
	return date_from_ymd(y - 1, m, day);
}

/* A ceased plan's entries ended with it, a few months before the day. */
static void cease(struct plan *p, int child, day_t ceased_on)
{
	for (int i = 0; i < p->entry_count; i++) {
		struct plan_entry *e = &p->entries[i];
		if (e->child != child)
			continue;
		e->end = ceased_on;
		if (e->start > ceased_on - 120)
			e->start = ceased_on - 120 - rng_below(&p->rng, 200);
		e->last_session = ceased_on;
	}
}

/* Reviews: one child in eight overdue, one in eight due within 30 days,
 * the rest later in the year.  The plan starts before its first entry
 * and its last review; the child is 4 to 19 and was at least 2 when it
 * started. */
static void plan_child_dates(struct plan *p, int i)
{
	struct plan_child *c = &p->children[i];
	day_t due;
	if (i % 8 == 0)
		due = p->today - 1 - rng_below(&p->rng, 60);
	else if (i % 8 == 1)
		due = p->today + rng_below(&p->rng, 30);
	else
		due = p->today + 31 + rng_below(&p->rng, 300);
	c->last_review = year_before(due);
	if (c->ceased) {
		day_t ceased_on = p->today - 60 - rng_below(&p->rng, 60);
		cease(p, i, ceased_on);
		c->last_review = ceased_on;
	}
	day_t first = c->last_review;
	for (int e = 0; e < p->entry_count; e++)
		if (p->entries[e].child == i && p->entries[e].start < first)
			first = p->entries[e].start;
	c->ehcp_start = first - 30 - rng_below(&p->rng, 400);
	day_t youngest = p->today - 4 * YEAR - rng_below(&p->rng, 2 * YEAR);
	day_t at_two = c->ehcp_start - 2 * YEAR - rng_below(&p->rng, 8 * YEAR);
	c->dob = at_two < youngest ? at_two : youngest;
	if (c->dob < p->today - 19 * YEAR)
		c->dob = p->today - 19 * YEAR + rng_below(&p->rng, YEAR);
}

/* The contract with the most entries for the first therapy delivers half
 * the minutes for the last three months; and about one Section F entry
 * in thirteen has had no session for over four weeks. */
static void plan_gaps(struct plan *p)
{
	char short_ref[COVERAGE_REF_MAX] = "";
	int best = 0;
	for (int i = 0; i < p->entry_count; i++) {
		const char *ref = p->entries[i].contract;
		int n = 0;
		for (int j = 0; ref[0] && j < p->entry_count; j++)
			n += p->entries[j].therapy == p->first_therapy && strcmp(p->entries[j].contract, ref) == 0;
		if (n > best) {
			best = n;
			snprintf(short_ref, sizeof short_ref, "%s", ref);
		}
	}
	for (int i = 0; i < p->entry_count; i++) {
		struct plan_entry *e = &p->entries[i];
		e->falls_short = short_ref[0] && e->therapy == p->first_therapy &&
		                 strcmp(e->contract, short_ref) == 0;
		bool in_force = !p->children[e->child].ceased;
		if (in_force && e->section[0] == 'F' && i % 13 == 6 && e->start <= p->today - 120)
			e->last_session = p->today - 36 - rng_below(&p->rng, 40);
	}
}

static int make_plan(struct plan *p, struct error *err)
{
	const struct therapy *slt = config_find_therapy(p->cfg, "slt");
	p->first_therapy = slt ? (int)(slt - p->cfg->therapies) : 0;
	bool is_today;
	int rc = coverage_default_day(p->s, p->today - 60, &p->contract_day, &is_today, err);
	p->has_contract_day = rc == 0 && p->contract_day <= p->today - 30;
	for (int d = 0; rc == 0 && d < p->cfg->district_count; d++)
		rc = plan_district(p, d, err);
	for (int i = 0; rc == 0 && i < p->child_count; i++)
		plan_child_dates(p, i);
	if (rc == 0)
		plan_gaps(p);
	return rc;
}

/* ---- writing it through the write path ---- */

struct writer {
	struct session *s;
	struct record r;
	int rc;
	struct error *err;
};

static void put(struct writer *w, int field, const char *text)
{
	if (w->rc == 0 && text != NULL && text[0] != '\0')
		w->rc = record_set(&w->r, field, text, w->s->cfg, w->err);
}

static void put_date(struct writer *w, int field, day_t d)
{
	char iso[DATE_TEXT_MAX];
	date_format(d, iso);
	put(w, field, iso);
}

static void put_int(struct writer *w, int field, int n)
{
	char text[24];
	snprintf(text, sizeof text, "%d", n);
	put(w, field, text);
}

/* Inserts the record filled so far and starts the next of the kind. */
static int insert(struct writer *w, const char *key)
{
	if (w->rc == 0)
		w->rc = store_write(w->s, WRITE_INSERT, &w->r, w->err);
	if (w->rc != 0)
		error_prefix(w->err, "demo %s %s", w->r.kind->label, key);
	const struct kind *k = w->r.kind;
	record_clear(&w->r);
	record_init(&w->r, k);
	return w->rc;
}

static const char *school_for(struct plan *p, const struct plan_child *c, const char *need)
{
	if (strcmp(need, "SLD") == 0 || strcmp(need, "PD") == 0)
		return rng_pick(&p->rng, specials, COUNT(specials));
	if (p->today - c->dob >= 11 * YEAR)
		return rng_pick(&p->rng, secondaries, COUNT(secondaries));
	return rng_pick(&p->rng, primaries, COUNT(primaries));
}

/* A UPN of Kent's LA number 886, a 7xxx establishment (none in
 * children.csv), the year the child turned four and a serial. */
static void make_upn(const struct plan_child *c, unsigned i, unsigned school,
                     char upn[UPN_LEN + 1])
{
	int y, m, d;
	date_to_ymd(c->dob + 4 * YEAR, &y, &m, &d);
	char rest[UPN_LEN + 8];
	snprintf(rest, sizeof rest, "886%04u%02u%03u", 7001 + school % 999, (unsigned)y % 100,
	         i % 1000);
	upn[0] = upn_check_letter(rest);
	memcpy(upn + 1, rest, UPN_LEN - 1);
	upn[UPN_LEN] = '\0';
}

static int write_child(struct plan *p, struct writer *w, int i)
{
	const struct plan_child *c = &p->children[i];
	bool girl = rng_below(&p->rng, 2) == 0;
	char last[40], upn[UPN_LEN + 1];
	snprintf(last, sizeof last, "%s%s", rng_pick(&p->rng, surname_heads, COUNT(surname_heads)),
	         rng_pick(&p->rng, surname_tails, COUNT(surname_tails)));
	const char *need = rng_pick(&p->rng, needs, COUNT(needs));
	make_upn(c, (unsigned)i, (unsigned)rng_below(&p->rng, 40), upn);
	put(w, CHILD_REF, c->ref);
	put(w, CHILD_FIRST_NAME, girl ? rng_pick(&p->rng, girls, COUNT(girls))
	                              : rng_pick(&p->rng, boys, COUNT(boys)));
	put(w, CHILD_LAST_NAME, last);
	put_date(w, CHILD_DOB, c->dob);
	put(w, CHILD_UPN, upn);
	put(w, CHILD_SEX, girl ? "f" : "m");
	put(w, CHILD_DISTRICT, p->cfg->districts[c->district].code);
	put(w, CHILD_PRIMARY_NEED, need);
	put_date(w, CHILD_EHCP_START, c->ehcp_start);
	if (c->caseworker >= 0)
		put(w, CHILD_CASEWORKER, demo_desk_logins[c->caseworker]);
	put(w, CHILD_SCHOOL, school_for(p, c, need));
	put_date(w, CHILD_LAST_REVIEW, c->last_review);
	put(w, CHILD_EHCP_STATUS, c->ceased ? "ceased" : "active");
	return insert(w, c->ref);
}

static int write_entry(struct plan *p, struct writer *w, const struct plan_entry *e)
{
	put(w, ENTRY_REF, e->ref);
	put(w, ENTRY_CHILD, p->children[e->child].ref);
	put(w, ENTRY_SECTION, e->section);
	put(w, ENTRY_THERAPY, p->cfg->therapies[e->therapy].code);
	put_date(w, ENTRY_START, e->start);
	if (e->end)
		put_date(w, ENTRY_END, e->end);
	put(w, ENTRY_FUNDING, e->funding);
	put(w, ENTRY_CONTRACT, e->contract);
	put_int(w, ENTRY_MINUTES, e->minutes);
	return insert(w, e->ref);
}

/* The outcome of one week's session: mostly delivered; the provider
 * that falls short cancels more often. */
static int session_outcome(struct plan *p, bool short_now)
{
	int roll = rng_below(&p->rng, 1000);
	if (roll < (short_now ? 120 : 30))
		return 1;
	if (roll < (short_now ? 140 : 50))
		return 2;
	if (roll < (short_now ? 165 : 75))
		return 3;
	return roll < (short_now ? 175 : 85) ? 4 : 0;
}

static int write_session(struct plan *p, struct writer *w, const struct plan_entry *e, day_t day,
                         int therapist)
{
	bool short_now = e->falls_short && day > p->today - SHORT_DAYS;
	int outcome = session_outcome(p, short_now);
	int minutes = outcome == 0 && short_now ? e->minutes / 2 : e->minutes;
	char ref[40], iso[DATE_TEXT_MAX];
	date_format(day, iso);
	snprintf(ref, sizeof ref, "%s-%.4s%.2s%.2s", e->ref, iso, iso + 5, iso + 8);
	if (rng_below(&p->rng, 12) == 0)
		therapist = (therapist + 5) % COUNT(therapists);   /* cover */
	put(w, PROVISION_ENTRY, e->ref);
	put(w, PROVISION_DATE, iso);
	put_int(w, PROVISION_MINUTES, minutes);
	put(w, PROVISION_THERAPIST, therapists[therapist]);
	put(w, PROVISION_NOTES, missed_notes[outcome]);
	put(w, PROVISION_REF, ref);
	put(w, PROVISION_OUTCOME, outcomes[outcome]);
	return insert(w, ref);
}

/* Weekly on one weekday, from a year before the day (or the start) to
 * the last session. */
static int write_sessions(struct plan *p, struct writer *w, const struct plan_entry *e)
{
	const struct plan_child *c = &p->children[e->child];
	int therapist = (c->district * 5 + e->therapy + (e->section[0] == 'G' ? 7 : 0)) %
	                COUNT(therapists);
	day_t from = e->start > p->today - SESSION_YEAR ? e->start : p->today - SESSION_YEAR;
	int weekday = rng_below(&p->rng, 5);               /* Monday to Friday */
	day_t first = from + ((weekday - (from + 3) % 7) + 7) % 7;   /* 1970-01-01: Thursday */
	int rc = 0;
	for (day_t day = first; rc == 0 && day <= e->last_session; day += 7)
		rc = write_session(p, w, e, day, therapist);
	return rc;
}

static int write_users(struct session *s, struct error *err)
{
	int rc = 0;
	for (int i = 0; rc == 0 && i < DEMO_DESK_LOGIN_COUNT; i++) {
		struct record r;
		record_init(&r, kinds[KIND_USERS]);
		bool found = false;
		rc = store_load_by_key(s, &r, demo_desk_logins[i], &found, err);
		record_clear(&r);
		if (rc == 0 && !found)
			rc = users_add(s, demo_desk_logins[i], login_roles[i], err);
	}
	return rc;
}

static int write_kind(struct plan *p, const struct kind *k, struct error *err,
                      int (*each)(struct plan *, struct writer *, int))
{
	struct writer w = {.s = p->s, .err = err};
	record_init(&w.r, k);
	int count = k == kinds[KIND_CHILDREN] ? p->child_count : p->entry_count;
	int rc = 0;
	for (int i = 0; rc == 0 && i < count; i++)
		rc = each(p, &w, i);
	record_clear(&w.r);
	return rc;
}

static int each_child(struct plan *p, struct writer *w, int i)
{
	return write_child(p, w, i);
}

static int each_entry(struct plan *p, struct writer *w, int i)
{
	return write_entry(p, w, &p->entries[i]);
}

static int each_entry_sessions(struct plan *p, struct writer *w, int i)
{
	return write_sessions(p, w, &p->entries[i]);
}

static bool already_loaded(struct session *s, struct error *err, int *rc)
{
	struct record r;
	record_init(&r, kinds[KIND_CHILDREN]);
	char ref[16];
	snprintf(ref, sizeof ref, "CH-%04d", FIRST_CHILD);
	bool found = false;
	*rc = store_load_by_key(s, &r, ref, &found, err);
	record_clear(&r);
	return found;
}

int demo_desk_load(struct session *s, day_t today, struct error *err)
{
	int rc = write_users(s, err);
	if (rc != 0 || already_loaded(s, err, &rc) || rc != 0)
		return rc;
	struct plan *p = calloc(1, sizeof *p);
	if (p == NULL)
		return error_set(err, EX_OSERR, "out of memory");
	p->s = s;
	p->cfg = s->cfg;
	p->today = today;
	p->rng.state = 0x5EDE5C0FFEEULL;
	rc = make_plan(p, err);
	bool outer_batch = s->batch;
	s->batch = true;           /* the caller's transaction holds the whole load */
	if (rc == 0)
		rc = write_kind(p, kinds[KIND_CHILDREN], err, each_child);
	if (rc == 0)
		rc = write_kind(p, kinds[KIND_THERAPY_ENTRIES], err, each_entry);
	if (rc == 0)
		rc = write_kind(p, kinds[KIND_PROVISION], err, each_entry_sessions);
	s->batch = outer_batch;
	free(p);
	return rc;
}
