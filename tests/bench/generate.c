/* generate.c: a deterministic, national-scale sendesk database for the
 * benchmarks.
 *
 *   generate --db PATH [--scale F] [--seed N] [--keep-indexes] [--checks]
 *            [--quick-analyze] [--cache-mib N] [--threads N] [--quiet]
 *
 * (--keep-indexes keeps secondary indexes during the load, --checks keeps
 * CHECK constraints on, --quick-analyze samples 1,000 rows an index, and
 * --cache-mib and --threads set the page cache and the sorter's threads;
 * the defaults are the fastest measured.)
 *
 * At --scale 1: 1,000 providers (100 of them NHS trusts), 2,000 contracts
 * with their value histories, coverage and staffing, 1,000,000 children,
 * 3,000,000 therapy entries, 10,000,000 provision records (one in eight
 * not delivered, with its reason; refs PV-1 on, as the write path makes
 * them), 5,000 caseworker logins holding about 200 children each, 500,000 spot
 * purchases, 200,000 personal budgets, and 120 months of returns from each
 * NHS trust for each therapy.  The same seed and scale give the same
 * database, byte for byte in every row: one small PRNG (splitmix64) per
 * table, no clock, no rand().  "Today" for the data is GEN_TODAY.
 *
 * The data obey the application's rules: real UPNs with right check
 * letters, all different; children aged 0-25; every date a real day and
 * in order; every reference resolves; money in pence; districts and
 * therapies from the default configuration; every choice from the kind
 * descriptions (core/kind.c).  Counts are skewed as real caseloads are:
 * most children have one or two therapy entries, a few have dozens, and
 * a few entries have hundreds of provision records.
 *
 * The rows go in through db/bulk.h, the load path for NEW benchmark files
 * only (no audit rows); the current login is the database's admin, so
 * sendesk opens it as usual.  Rows are built in stack buffers without an
 * allocation per row and inserted in id order.
 *
 * tests/unit/test_bulk.c includes this file with GENERATE_NO_MAIN. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "config/config.h"
#include "core/date.h"
#include "core/kind.h"
#include "core/session.h"
#include "core/upn.h"
#include "db/bulk.h"
#include "db/db.h"

#define GEN_TODAY_Y 2025
#define GEN_TODAY_M 3
#define GEN_TODAY_D 31
#define DAYS_FROM_YEAR 1990                 /* the ISO text table's range */
#define DAYS_TO_YEAR 2040
#define RETURN_MONTHS 120                   /* ten years, ending GEN_TODAY's month */
#define THERAPIST_COUNT 997
#define MAX_CELLS (CONFIG_MAX_DISTRICTS * CONFIG_MAX_THERAPIES)

/* ---- the PRNG: splitmix64, one stream per purpose --------------------- */

struct rng {
	uint64_t s;
};

static uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->s += UINT64_C(0x9E3779B97F4A7C15));
	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

static void rng_seed(struct rng *r, uint64_t seed, uint64_t stream)
{
	r->s = seed ^ (stream * UINT64_C(0xD1B54A32D192ED03));
	rng_next(r);
}

/* 0 .. n-1 (n >= 1), by multiply-and-shift: no division, no loop. */
static uint32_t rng_below(struct rng *r, uint32_t n)
{
	return (uint32_t)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

/* lo .. hi inclusive. */
static int32_t rng_range(struct rng *r, int32_t lo, int32_t hi)
{
	return hi <= lo ? lo : lo + (int32_t)rng_below(r, (uint32_t)(hi - lo + 1));
}

/* [0, 1) with 53 bits. */
static double rng_unit(struct rng *r)
{
	return (double)(rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

static bool rng_chance(struct rng *r, uint32_t percent)
{
	return rng_below(r, 100) < percent;
}

/* Skewed towards 0: index i of n with density falling as 1/sqrt(i), like
 * surnames and the busiest providers. */
static uint32_t rng_skewed(struct rng *r, uint32_t n)
{
	double u = rng_unit(r);
	uint32_t i = (uint32_t)(u * u * n);
	return i < n ? i : n - 1;
}

/* A heavy (Zipf-like, P(w > x) ~ 1/x) weight in thousandths: base plus
 * 1/u, capped.  No libm needed. */
static uint64_t heavy_weight(struct rng *r, double base, double cap)
{
	double u = 1.0 - rng_unit(r);                  /* (0, 1] */
	double w = 1.0 / u;
	if (w > cap)
		w = cap;
	return (uint64_t)((base + w) * 1000.0);
}

/* ---- sharing a total out over parents --------------------------------- */

/* Gives exactly `total` children rows to `parents` parents in proportion
 * to a per-parent weight: parent i gets floor(total * W(i) / W) -
 * floor(total * W(i-1) / W), where W(i) is the running sum.  The weights
 * come from their own PRNG stream, read twice (once to sum, once to
 * share), so nothing of size `parents` is kept. */
enum spread_kind { SPREAD_ENTRIES, SPREAD_PROVISION, SPREAD_SPOT, SPREAD_BUDGETS };

struct spread {
	enum spread_kind kind;
	struct rng rng;
	uint64_t seed, stream;
	int64_t total, given;
	unsigned __int128 sum, cum;
};

static uint64_t spread_weight(struct spread *sp)
{
	switch (sp->kind) {
	case SPREAD_ENTRIES:      /* most children 1 or 2 entries, a few ~50 */
		return heavy_weight(&sp->rng, 2.0, 150.0);
	case SPREAD_PROVISION:    /* most entries a session or two, a few ~150 */
		return heavy_weight(&sp->rng, 1.0, 400.0);
	case SPREAD_SPOT: {       /* a fifth of children, some with dozens */
		bool any = rng_chance(&sp->rng, 20);
		uint64_t w = heavy_weight(&sp->rng, 1.0, 60.0);
		return any ? w : 0;
	}
	case SPREAD_BUDGETS: {    /* a tenth of children, one to a few each */
		bool any = rng_chance(&sp->rng, 10);
		uint64_t w = heavy_weight(&sp->rng, 2.0, 8.0);
		return any ? w : 0;
	}
	}
	return 1000;
}

static void spread_init(struct spread *sp, enum spread_kind kind, uint64_t seed,
                        uint64_t stream, int64_t parents, int64_t total)
{
	memset(sp, 0, sizeof *sp);
	sp->kind = kind;
	sp->seed = seed;
	sp->stream = stream;
	sp->total = total;
	rng_seed(&sp->rng, seed, stream);
	for (int64_t i = 0; i < parents; i++)
		sp->sum += spread_weight(sp);
	if (sp->sum == 0)
		sp->sum = 1;
	rng_seed(&sp->rng, seed, stream);
}

static int64_t spread_next(struct spread *sp)
{
	sp->cum += spread_weight(sp);
	int64_t upto = (int64_t)((unsigned __int128)sp->total * sp->cum / sp->sum);
	int64_t n = upto - sp->given;
	sp->given = upto;
	return n;
}

/* ---- words ----------------------------------------------------------- */

static const char *const girls[] = {
	"Olivia", "Amelia", "Isla", "Ava", "Ivy", "Freya", "Lily", "Florence", "Mia", "Willow",
	"Rosie", "Sophia", "Isabella", "Grace", "Daisy", "Sienna", "Poppy", "Elsie", "Emily", "Ella",
	"Evelyn", "Phoebe", "Sofia", "Evie", "Charlotte", "Harper", "Matilda", "Sophie", "Alice",
	"Maya", "Ruby", "Millie", "Aria", "Hannah", "Chloé", "Zoë", "Renée", "Siân", "Aoife",
	"Niamh", "Amélie", "Zuzanna", "Aisha", "Fatima", "Maryam", "Amira", "Layla", "Nour",
	"Priya", "Ananya", "Jessica", "Lucy", "Megan", "Erin", "Ellie", "Leah", "Imogen", "Holly",
	"Bethany", "Keira",
};

static const char *const boys[] = {
	"Noah", "Oliver", "George", "Arthur", "Muhammad", "Leo", "Harry", "Oscar", "Archie",
	"Henry", "Theodore", "Freddie", "Jack", "Charlie", "Theo", "Alfie", "Jacob", "Thomas",
	"Finley", "Arlo", "William", "Lucas", "Roman", "Tommy", "Isaac", "Teddy", "Alexander",
	"Luca", "Edward", "James", "Joshua", "Albie", "Elijah", "Max", "Mason", "Reuben", "Rory",
	"Seán", "Oisín", "José", "Łukasz", "Mateusz", "Jakub", "Ibrahim", "Yusuf", "Ayaan",
	"Omar", "Zain", "Kai", "Ethan", "Dylan", "Logan", "Harrison", "Riley", "Louis", "Samuel",
	"Daniel", "Benjamin", "Toby", "Callum",
};

static const char *const surnames[] = {
	"Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas",
	"Johnson", "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards",
	"Hughes", "Green", "Hall", "Lewis", "Harris", "Clarke", "Patel", "Jackson", "Wood",
	"Turner", "Martin", "Cooper", "Hill", "Ward", "Morris", "Moore", "Clark", "Lee", "King",
	"Baker", "Harrison", "Morgan", "Allen", "James", "Scott", "Phillips", "Watson", "Davis",
	"Parker", "Price", "Bennett", "Young", "Griffiths", "Mitchell", "Kelly", "Cook", "Carter",
	"Richardson", "Bailey", "Collins", "Bell", "Shaw", "Murphy", "Miller", "Cox", "Richards",
	"Khan", "Marshall", "Anderson", "Simpson", "Ellis", "Adams", "Singh", "Begum", "Wilkinson",
	"Foster", "Chapman", "Powell", "Webb", "Rogers", "Gray", "Mason", "Ali", "Hunt", "Hussain",
	"Campbell", "Matthews", "Owen", "Palmer", "Holmes", "Mills", "Barnes", "Knight", "Lloyd",
	"Butler", "Russell", "Barker", "Fisher", "Stevens", "Jenkins", "Murray", "Dixon", "Harvey",
	"Graham", "Pearson", "Ahmed", "Fletcher", "Walsh", "Kaur", "Gibson", "Howard", "Andrews",
	"Stewart", "Elliott", "Reynolds", "Saunders", "Payne", "Fox", "Ford", "Pearce", "Day",
	"Brooks", "West", "Lawrence", "Cole", "Atkinson", "Bradley", "Spencer", "Gill", "Dawson",
	"Ball", "Burton", "O'Brien", "Watts", "Rose", "Booth", "Perry", "Ryan", "Grant", "Wells",
	"Armstrong", "Francis", "Rees", "Hayes", "Hart", "Hudson", "Newman", "Barrett", "Webster",
	"Hunter", "Gregory", "Carr", "Lowe", "Page", "Marsh", "Riley", "Dunn", "Woods", "Parsons",
	"Berry", "Stone", "Reid", "Holland", "Hawkins", "Harding", "Porter", "Robertson", "Newton",
	"Oliver", "Reed", "Kennedy", "Williamson", "Bird", "Gardner", "Shah", "Dean", "Lane",
	"Cooke", "Bates", "Henderson", "Parry", "Burgess", "Bishop", "Walton", "Burns",
	"Nicholson", "Shepherd", "Ross", "Cross", "Long", "Freeman", "Warren", "Nicholls",
	"Hamilton", "Byrne", "Sutton", "McDonald", "Yates", "Hodgson", "Robson", "Curtis",
	"Hopkins", "O'Connor", "Harper", "Coleman", "Watkins", "Moss", "McCarthy", "Chambers",
	"Griffin", "Sharp", "Hardy", "Wheeler", "Potter", "Osborne", "Johnston", "Gordon", "Doyle",
	"Nowak", "Kowalczyk", "Wiśniewski", "Müller", "Öztürk", "Yılmaz", "Nguyen", "Okafor",
	"Adeyemi", "Mensah", "Fernández", "Silva", "Costa", "Rossi", "Dubois", "Ó Súilleabháin",
	"Ní Bhriain", "Kovačević", "Horváth", "Popescu",
};

static const char *const places[] = {
	"Ashford", "Canterbury", "Dartford", "Dover", "Folkestone", "Gravesend", "Maidstone",
	"Sevenoaks", "Sittingbourne", "Margate", "Tonbridge", "Tunbridge Wells", "Medway",
	"Faversham", "Deal", "Whitstable", "Herne Bay", "Ramsgate", "Broadstairs", "Swanley",
	"Edenbridge", "Tenterden", "Sandwich", "Hythe", "Rochester", "Chatham", "Gillingham",
	"Sheerness", "Cranbrook", "Paddock Wood", "Westerham", "Snodland", "Aylesford",
};

static const char *const trust_kinds[] = {
	"Community Health", "University Hospitals", "Hospitals", "Healthcare", "Children's Services",
};

static const char *const firm_kinds[] = {
	"Therapy Ltd", "Speech Clinic", "Children's Therapy", "Therapies LLP", "OT Services",
	"Physio Partners", "Communication Centre", "School", "Academy Trust", "Sensory Services",
};

static const char *const sources[] = {
	"contract award letter", "variation notice", "annual uplift schedule", "board paper",
	"invoice total", "finance ledger",
};

static const char *const descriptions[] = {
	"Weekly 1:1 sessions in school", "Group sessions with peers", "Programme delivered by TA",
	"Review and advice to staff", "Sensory diet and equipment review", "AAC device training",
	"Home programme with parent coaching", "Block of six sessions, then review",
};

static const char *const session_notes[] = {
	"Joint session with class teacher", "Parent attended", "Targets reviewed",
	"Session shortened: child unwell", "Equipment adjusted", "Observed in the classroom",
};

static const char *const purposes[] = {
	"Speech and language therapy sessions", "Occupational therapy and equipment",
	"Education otherwise than at school", "Sensory integration therapy", "Physiotherapy",
	"Therapy assistant hours", "Music therapy", "Travel to therapy",
};

#define COUNT(a) ((uint32_t)(sizeof(a) / sizeof((a)[0])))

static const char *pick(struct rng *r, const char *const *list, uint32_t n)
{
	return list[rng_below(r, n)];
}

/* ---- choices from the kind descriptions ------------------------------- */

static const char *const *field_choices(enum kind_id k, const char *field, uint32_t *count)
{
	int i = kind_field_index(kinds[k], field);
	const char *const *c = i >= 0 ? kinds[k]->fields[i].choices : NULL;
	*count = 0;
	while (c && c[*count])
		(*count)++;
	return c;
}

/* The kind's own string for value, or NULL when the kind does not allow it. */
static const char *choice(enum kind_id k, const char *field, const char *value)
{
	uint32_t n;
	const char *const *c = field_choices(k, field, &n);
	for (uint32_t i = 0; i < n; i++)
		if (strcmp(c[i], value) == 0)
			return c[i];
	return NULL;
}

struct choices {
	const char *nhs_trust, *independent, *school, *other;
	const char *draft, *active, *ended;
	const char *const *routes;
	uint32_t route_count;
	const char *f, *m, *x;
	const char *section_f, *section_g;
	const char *contract, *spot, *pb, *by_school, *nhs;
	const char *const *levels, *const *strands;
	uint32_t level_count, strand_count;
	const char *caseworker, *plan_active, *plan_ceased, *plan_moved;
	const char *delivered, *provider_cancelled, *school_cancelled, *child_absent, *not_attended;
	const char *needs[16];
	uint32_t need_weights[16], need_count, need_total;
};

static int load_choices(struct choices *c, struct error *err)
{
	c->nhs_trust = choice(KIND_PROVIDERS, "kind", "nhs-trust");
	c->independent = choice(KIND_PROVIDERS, "kind", "independent");
	c->school = choice(KIND_PROVIDERS, "kind", "school");
	c->other = choice(KIND_PROVIDERS, "kind", "other");
	c->draft = choice(KIND_CONTRACTS, "status", "draft");
	c->active = choice(KIND_CONTRACTS, "status", "active");
	c->ended = choice(KIND_CONTRACTS, "status", "ended");
	c->routes = field_choices(KIND_CONTRACTS, "route", &c->route_count);
	c->f = choice(KIND_CHILDREN, "sex", "f");
	c->m = choice(KIND_CHILDREN, "sex", "m");
	c->x = choice(KIND_CHILDREN, "sex", "x");
	c->section_f = choice(KIND_THERAPY_ENTRIES, "section", "F");
	c->section_g = choice(KIND_THERAPY_ENTRIES, "section", "G");
	c->contract = choice(KIND_THERAPY_ENTRIES, "funding", "contract");
	c->spot = choice(KIND_THERAPY_ENTRIES, "funding", "spot");
	c->pb = choice(KIND_THERAPY_ENTRIES, "funding", "pb");
	c->by_school = choice(KIND_THERAPY_ENTRIES, "funding", "school");
	c->nhs = choice(KIND_THERAPY_ENTRIES, "funding", "nhs");
	c->levels = field_choices(KIND_THERAPY_ENTRIES, "level", &c->level_count);
	c->strands = field_choices(KIND_THERAPY_ENTRIES, "strand", &c->strand_count);
	c->caseworker = choice(KIND_USERS, "role", "caseworker");
	c->plan_active = choice(KIND_CHILDREN, "ehcp_status", "active");
	c->plan_ceased = choice(KIND_CHILDREN, "ehcp_status", "ceased");
	c->plan_moved = choice(KIND_CHILDREN, "ehcp_status", "transferred-out");
	c->delivered = choice(KIND_PROVISION, "outcome", "delivered");
	c->provider_cancelled = choice(KIND_PROVISION, "outcome", "provider-cancelled");
	c->school_cancelled = choice(KIND_PROVISION, "outcome", "school-cancelled");
	c->child_absent = choice(KIND_PROVISION, "outcome", "child-absent");
	c->not_attended = choice(KIND_PROVISION, "outcome", "did-not-attend");
	const char *wanted[] = {c->nhs_trust, c->independent, c->school, c->other, c->draft,
	                        c->active, c->ended, c->f, c->m, c->x, c->section_f, c->section_g,
	                        c->contract, c->spot, c->pb, c->by_school, c->nhs, c->caseworker,
	                        c->plan_active, c->plan_ceased, c->plan_moved, c->delivered,
	                        c->provider_cancelled, c->school_cancelled, c->child_absent,
	                        c->not_attended};
	for (size_t i = 0; i < sizeof wanted / sizeof wanted[0]; i++)
		if (wanted[i] == NULL)
			return error_set(err, EX_SOFTWARE, "the kind descriptions lack a value the generator uses");
	if (c->route_count == 0 || c->level_count == 0 || c->strand_count == 0)
		return error_set(err, EX_SOFTWARE, "the kind descriptions lack a list the generator uses");
	/* Primary needs as the DfE counts them for EHCPs: autism and speech,
	 * language and communication first. */
	static const struct { const char *code; uint32_t weight; } needs[] = {
		{"ASD", 32}, {"SLCN", 22}, {"SEMH", 15}, {"MLD", 8}, {"SLD", 6}, {"SPLD", 4},
		{"PD", 3}, {"PMLD", 2}, {"HI", 2}, {"VI", 1}, {"MSI", 1}, {"OTH", 3}, {"NSA", 1},
	};
	for (size_t i = 0; i < sizeof needs / sizeof needs[0]; i++)
		for (const char *const *code = upn_primary_need_codes; *code; code++)
			if (strcmp(*code, needs[i].code) == 0 && c->need_count < 16) {
				c->needs[c->need_count] = *code;
				c->need_weights[c->need_count++] = needs[i].weight;
				c->need_total += needs[i].weight;
			}
	if (c->need_count == 0)
		return error_set(err, EX_SOFTWARE, "no primary need codes");
	return 0;
}

/* ---- options, results, state ------------------------------------------ */

struct gen_options {
	const char *path;
	double scale;
	uint64_t seed;
	bool defer_indexes;       /* set secondary indexes aside (db/bulk.h) */
	int analysis_limit;       /* for ANALYZE at the end; 0 full */
	bool enforce_checks;      /* CHECK constraints on during the load */
	int cache_mib;            /* page cache during the load; 0: db/bulk.h's default */
	int threads;              /* sorter threads for the index rebuild */
	FILE *log;                /* progress and timings; NULL: silent */
};

struct gen_result {
	int64_t rows[TABLE_COUNT];
	double seconds[TABLE_COUNT];
	double cpu[TABLE_COUNT];  /* this process's CPU time, unlike seconds */
	int64_t total_rows;
	double insert_seconds;    /* all inserts */
	struct db_bulk_timing finish;
	double total_seconds;     /* from db_open to the end */
	double insert_cpu, total_cpu;
};

enum stream {
	S_PROVIDERS = 1, S_CONTRACTS, S_VALUES, S_COVERAGE, S_STAFFING, S_CHILDREN, S_ENTRIES,
	S_ENTRY_SPREAD, S_PROVISION, S_PROVISION_SPREAD, S_SPOT, S_SPOT_SPREAD, S_BUDGETS,
	S_BUDGET_SPREAD, S_RETURNS, S_THERAPISTS,
	/* Schema 5's columns draw from streams of their own, so that the
	 * columns before them hold what they held. */
	S_CHILD_DESK, S_ENTRY_DESK, S_SESSION_DESK,
};

struct gen {
	const struct gen_options *opt;
	struct gen_result *res;
	struct settings cfg;
	struct choices ch;
	struct db *db;
	struct db_bulk *bulk;
	day_t today, day_min, day_max;
	char (*iso)[DATE_TEXT_MAX];   /* ISO text of every day from day_min */
	char (*therapists)[48];
	uint32_t therapy_weights[CONFIG_MAX_THERAPIES], therapy_total;
	int64_t providers, nhs, contracts, children, entries, provision, spot, budgets;
	int64_t caseworkers;                 /* users 2 .. caseworkers + 1 */
	day_t *contract_start, *contract_end;
	int64_t *contract_value;
	day_t *child_dob, *child_ehcp;
	day_t *entry_start, *entry_end;      /* end 0: open */
};

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double cpu_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int64_t scaled(double base, double scale, int64_t least)
{
	double v = base * scale + 0.5;
	int64_t n = v > 9e15 ? (int64_t)9e15 : (int64_t)v;
	return n < least ? least : n;
}

static const char *iso(const struct gen *g, day_t d)
{
	if (d < g->day_min)
		d = g->day_min;
	if (d > g->day_max)
		d = g->day_max;
	return g->iso[d - g->day_min];
}

/* prefix and n in at least width digits, zero padded, into buf. */
static const char *put_ref(char *buf, const char *prefix, uint64_t n, int width)
{
	char digits[24];
	int len = 0;
	do {
		digits[len++] = (char)('0' + n % 10);
		n /= 10;
	} while (n > 0);
	char *p = buf;
	while (*prefix)
		*p++ = *prefix++;
	for (int i = len; i < width; i++)
		*p++ = '0';
	while (len > 0)
		*p++ = digits[--len];
	*p = '\0';
	return buf;
}

static day_t add_years(day_t d, int years)
{
	int y, m, dd;
	date_to_ymd(d, &y, &m, &dd);
	if (m == 2 && dd == 29)
		dd = 28;
	return date_from_ymd(y + years, m, dd);
}

static const char *therapy_code(struct gen *g, struct rng *r)
{
	uint32_t x = rng_below(r, g->therapy_total);
	for (int i = 0; i < g->cfg.therapy_count; i++) {
		if (x < g->therapy_weights[i])
			return g->cfg.therapies[i].code;
		x -= g->therapy_weights[i];
	}
	return g->cfg.therapies[0].code;
}

/* cols must hold a value for each of the table's columns: a column added
 * to the schema and not here would read past the array. */
#define insert(g, t, cols, err) insert_row(g, t, cols, (int)(sizeof cols / sizeof cols[0]), err)

static int insert_row(struct gen *g, enum db_table_id t, const struct db_value *cols, int count,
                      struct error *err)
{
	if (count != db_tables[t].column_count)
		return error_set(err, EX_SOFTWARE, "generate: %s: %d values for %d columns",
		                 db_tables[t].name, count, db_tables[t].column_count);
	g->res->rows[t]++;
	return db_bulk_insert(g->bulk, t, cols, NULL, err);
}

/* ---- tables ------------------------------------------------------------ */

static int gen_users(struct gen *g, struct error *err)
{
	char login[LOGIN_MAX];
	int rc = session_os_login(login, sizeof login, err);
	if (rc != 0)
		return rc;
	const char *admin = choice(KIND_USERS, "role", "admin");
	struct db_value cols[] = {db_text(login), db_text(admin ? admin : "admin")};
	rc = insert(g, TABLE_USERS, cols, err);
	/* The caseworkers, "cw00001" on: each holds about 200 plans. */
	for (int64_t i = 0; rc == 0 && i < g->caseworkers; i++) {
		char name[24];
		put_ref(name, "cw", (uint64_t)(i + 1), 5);
		struct db_value worker[] = {db_text(name), db_text(g->ch.caseworker)};
		rc = insert(g, TABLE_USERS, worker, err);
	}
	return rc;
}

static int gen_providers(struct gen *g, struct error *err)
{
	struct rng r;
	rng_seed(&r, g->opt->seed, S_PROVIDERS);
	for (int64_t i = 0; i < g->providers; i++) {
		char code[24], name[160];
		const char *kind;
		if (i < g->nhs) {
			/* NHS organisation codes: R and two letters. */
			code[0] = 'R';
			code[1] = (char)('A' + (i / 26) % 26);
			code[2] = (char)('A' + i % 26);
			code[3] = '\0';
			snprintf(name, sizeof name, "%s %s NHS Trust", places[i % COUNT(places)],
			         trust_kinds[(i / COUNT(places)) % COUNT(trust_kinds)]);
			kind = g->ch.nhs_trust;
		} else {
			put_ref(code, "P", (uint64_t)(i - g->nhs + 1), 4);
			uint32_t k = rng_below(&r, 100);
			snprintf(name, sizeof name, "%s %s", rng_chance(&r, 50) ? pick(&r, surnames, COUNT(surnames))
			         : pick(&r, places, COUNT(places)), pick(&r, firm_kinds, COUNT(firm_kinds)));
			kind = k < 70 ? g->ch.independent : k < 90 ? g->ch.school : k < 97 ? g->ch.other : NULL;
		}
		struct db_value cols[] = {db_text(code), db_text(name), db_text(kind)};
		int rc = insert(g, TABLE_PROVIDERS, cols, err);
		if (rc != 0)
			return rc;
	}
	return 0;
}

static int gen_contracts(struct gen *g, struct error *err)
{
	struct rng r;
	rng_seed(&r, g->opt->seed, S_CONTRACTS);
	for (int64_t i = 0; i < g->contracts; i++) {
		/* Mostly NHS trusts; the rest independent providers. */
		int64_t provider = rng_chance(&r, 75) || g->providers == g->nhs
		                   ? 1 + rng_below(&r, (uint32_t)g->nhs)
		                   : g->nhs + 1 + rng_skewed(&r, (uint32_t)(g->providers - g->nhs));
		int years = rng_range(&r, 1, 5);
		/* Most contracts start on 1 April; some mid-year. */
		int year = rng_range(&r, 2012, 2025);
		day_t start = rng_chance(&r, 80) ? date_from_ymd(year, 4, 1)
		              : date_from_ymd(year, rng_range(&r, 1, 12), 1);
		day_t end = add_years(start, years) - 1;
		/* £20k to £5m a year, most under £500k. */
		double u = rng_unit(&r);
		int64_t value = (INT64_C(2000000) + (int64_t)(u * u * u * 498000000.0)) / 100 * 100;
		const char *status = end < g->today ? (rng_chance(&r, 92) ? g->ch.ended : g->ch.active)
		                     : start > g->today ? g->ch.draft
		                     : rng_chance(&r, 3) ? NULL : g->ch.active;
		bool is_signed = status != g->ch.draft && rng_chance(&r, 90);
		int64_t lifetime = value * years;
		char ref[24], title[200], decision[24];
		put_ref(ref, "C-", (uint64_t)(i + 1), 5);
		const struct therapy *th = config_find_therapy(&g->cfg, therapy_code(g, &r));
		snprintf(title, sizeof title, "%s, %s", th ? th->name : "Therapy services",
		         g->cfg.districts[rng_below(&r, (uint32_t)g->cfg.district_count)].name);
		bool decided = lifetime > g->cfg.key_decision_pence ? rng_chance(&r, 85) : rng_chance(&r, 10);
		put_ref(decision, "DEC-", (uint64_t)rng_range(&r, 1, 99999), 5);
		struct db_value cols[] = {
			db_text(ref), db_int(provider), db_int(value), db_text(iso(g, start)),
			db_text(iso(g, end)), db_text(title), db_text(status),
			is_signed ? db_text(iso(g, start - rng_range(&r, 1, 60))) : db_null(),
			db_text(g->ch.routes[rng_below(&r, g->ch.route_count)]),
			decided ? db_text(decision) : db_null(),
			rng_chance(&r, 5) ? db_text("Extended by variation; see board paper") : db_null(),
			db_null(),   /* type: every generated contract is a block contract */
		};
		g->contract_start[i] = start;
		g->contract_end[i] = end;
		g->contract_value[i] = value;
		int rc = insert(g, TABLE_CONTRACTS, cols, err);
		if (rc != 0)
			return rc;
	}
	return 0;
}

static int gen_contract_values(struct gen *g, struct error *err)
{
	struct rng r;
	rng_seed(&r, g->opt->seed, S_VALUES);
	for (int64_t i = 0; i < g->contracts; i++) {
		day_t start = g->contract_start[i];
		int64_t value = g->contract_value[i];
		/* The award restated, then an uplift on some anniversaries. */
		for (int k = 0; k < 6; k++) {
			day_t from = add_years(start, k);
			if (from > g->contract_end[i])
				break;
			if (k > 0) {
				if (!rng_chance(&r, 60))
					continue;
				value += value * rng_range(&r, 15, 60) / 1000;
			}
			struct db_value cols[] = {
				db_int(i + 1), db_text(iso(g, from)), db_int(value),
				db_text(k == 0 ? sources[0] : sources[1 + rng_below(&r, COUNT(sources) - 1)]),
			};
			int rc = insert(g, TABLE_CONTRACT_VALUES, cols, err);
			if (rc != 0)
				return rc;
		}
	}
	return 0;
}

static int gen_coverage(struct gen *g, struct error *err)
{
	struct rng r;
	rng_seed(&r, g->opt->seed, S_COVERAGE);
	int districts = g->cfg.district_count, therapies = g->cfg.therapy_count;
	int cells = districts * therapies;
	for (int64_t i = 0; i < g->contracts; i++) {
		bool taken[MAX_CELLS] = {false};
		/* One district and one to all therapies, sometimes its neighbours too. */
		int want = rng_range(&r, 1, 8);
		int d0 = (int)rng_below(&r, (uint32_t)districts);
		for (int n = 0, tries = 0; n < want && tries < 64; tries++) {
			int d = rng_chance(&r, 70) ? d0 : (int)rng_below(&r, (uint32_t)districts);
			int t = (int)rng_below(&r, (uint32_t)therapies);
			if (taken[d * therapies + t])
				continue;
			taken[d * therapies + t] = true;
			n++;
		}
		for (int c = 0; c < cells; c++) {
			if (!taken[c])
				continue;
			struct db_value cols[] = {
				db_int(i + 1), db_text(g->cfg.districts[c / therapies].code),
				db_text(g->cfg.therapies[c % therapies].code),
			};
			int rc = insert(g, TABLE_COVERAGE, cols, err);
			if (rc != 0)
				return rc;
		}
	}
	return 0;
}

static int gen_staffing(struct gen *g, struct error *err)
{
	struct rng r;
	rng_seed(&r, g->opt->seed, S_STAFFING);
	int therapies = g->cfg.therapy_count;
	for (int64_t i = 0; i < g->contracts; i++) {
		int want = rng_range(&r, 1, 3 < therapies ? 3 : therapies);
		int first = (int)rng_below(&r, (uint32_t)therapies);
		for (int k = 0; k < want; k++) {
			const char *area = rng_chance(&r, 40) ? NULL
			                   : g->cfg.districts[rng_below(&r, (uint32_t)g->cfg.district_count)].name;
			double pct = (double)rng_range(&r, 100, 1000) / 10.0;
			double fte = (double)rng_range(&r, 50, 2500) / 100.0;
			struct db_value cols[] = {
				db_int(i + 1), db_text(g->cfg.therapies[(first + k) % therapies].code),
				db_text(area), rng_chance(&r, 80) ? db_real(pct) : db_null(),
				rng_chance(&r, 85) ? db_real(fte) : db_null(),
			};
			int rc = insert(g, TABLE_STAFFING, cols, err);
			if (rc != 0)
				return rc;
		}
	}
	return 0;
}

/* A UPN that no other child has, rising with the child's number i of n,
 * so that the unique index on upn is filled in order (random UPNs make
 * the children's load two and a half times slower).  The children are
 * shared out over the 23 check letters in turn; within a letter the
 * twelve digits rise in steps from 201000000000 (local authority 201)
 * towards 938999999999, the last two digits chosen so that the check
 * letter comes out as wanted.  NULL when n is too large to space them. */
static const char *make_upn(char *buf, int64_t i, int64_t n)
{
	static const char letters[] = "ABCDEFGHJKLMNPQRTUVWXYZ";
	const int64_t low = INT64_C(201000000000), span = INT64_C(738000000000);
	int64_t per_letter = n / 23 + 1;
	int64_t step = span / per_letter / 100 * 100;
	if (step < 100)
		return NULL;
	int letter = (int)(i / per_letter);
	int64_t digits = low + (i % per_letter) * step;
	int sum = 0;
	int64_t rest = digits / 100;
	for (int k = 9; k >= 0; k--, rest /= 10) {
		buf[1 + k] = (char)('0' + rest % 10);
		sum += (int)(rest % 10) * (k + 2);
	}
	for (int last = 0; last < 100; last++) {
		if ((sum + 12 * (last / 10) + 13 * (last % 10)) % 23 != letter)
			continue;
		buf[11] = (char)('0' + last / 10);
		buf[12] = (char)('0' + last % 10);
		buf[13] = '\0';
		buf[0] = letters[letter];
		return upn_check_letter(buf + 1) == buf[0] ? buf : NULL;
	}
	return NULL;
}

/* A school or setting for the age: nursery, school, college, or none
 * past 19 (some young people are in work or at home). */
static const char *school_for(struct rng *r, day_t age, char *buf, size_t len)
{
	const day_t year = 365;
	const char *place = pick(r, places, COUNT(places));
	static const char *const secondary[] = {"Academy", "Grammar School", "High School",
	                                        "Special School", "School"};
	if (age < 3 * year)
		return NULL;
	if (age < 4 * year)
		snprintf(buf, len, "%s Nursery", place);
	else if (age < 11 * year)
		snprintf(buf, len, "%s %s", place, rng_chance(r, 15) ? "Special School" : "Primary School");
	else if (age < 16 * year)
		snprintf(buf, len, "%s %s", place, pick(r, secondary, COUNT(secondary)));
	else if (age < 19 * year)
		snprintf(buf, len, "%s College", place);
	else
		return NULL;
	return buf;
}

/* The last annual review: on or soon after an anniversary of the plan,
 * now and then a year late (so some reviews are overdue); none while
 * the plan is under a year old. */
static day_t last_review(struct gen *g, struct rng *r, day_t ehcp)
{
	int years = (int)((g->today - ehcp) / 365);
	if (years >= 1 && rng_chance(r, 15))
		years--;
	if (years < 1)
		return 0;
	day_t d = add_years(ehcp, years) + rng_range(r, 0, 30);
	return d > g->today ? g->today : d;
}

static int gen_children(struct gen *g, struct error *err)
{
	struct rng r, desk;
	rng_seed(&r, g->opt->seed, S_CHILDREN);
	rng_seed(&desk, g->opt->seed, S_CHILD_DESK);
	const day_t year = 365;
	for (int64_t i = 0; i < g->children; i++) {
		/* Mostly of school age; some under five and some post-16 up to 25. */
		uint32_t band = rng_below(&r, 100);
		day_t age = band < 75 ? rng_range(&r, 4 * year, 16 * year)
		            : band < 85 ? rng_range(&r, 0, 4 * year)
		            : rng_range(&r, 16 * year, 25 * year + 360);
		day_t dob = g->today - age;
		/* The plan started between age two (or birth) and today. */
		day_t earliest = age > 2 * year ? dob + 2 * year : dob;
		day_t ehcp = rng_range(&r, earliest, g->today);
		uint32_t s = rng_below(&r, 100);
		const char *sex = s < 33 ? g->ch.f : s < 99 ? g->ch.m : g->ch.x;
		const char *first = sex == g->ch.f ? pick(&r, girls, COUNT(girls))
		                    : sex == g->ch.m ? pick(&r, boys, COUNT(boys))
		                    : rng_chance(&r, 50) ? pick(&r, girls, COUNT(girls)) : pick(&r, boys, COUNT(boys));
		const char *last = surnames[rng_skewed(&r, COUNT(surnames))];
		char ref[24], upn[UPN_LEN + 1];
		put_ref(ref, "CH", (uint64_t)(i + 1), 7);
		/* Post-16 and some others have no UPN on record. */
		const char *upn_text = rng_chance(&r, 95) ? make_upn(upn, i, g->children) : NULL;
		uint32_t need = rng_below(&r, g->ch.need_total), n = 0;
		while (n + 1 < g->ch.need_count && need >= g->ch.need_weights[n])
			need -= g->ch.need_weights[n++];
		/* Nearly every plan has a caseworker; a few wait for one. */
		int64_t caseworker = 2 + rng_below(&desk, (uint32_t)g->caseworkers);
		bool assigned = rng_chance(&desk, 97);
		char buf[160];
		const char *school = school_for(&desk, age, buf, sizeof buf);
		day_t review = last_review(g, &desk, ehcp);
		uint32_t st = rng_below(&desk, 100);
		const char *status = st < 93 ? g->ch.plan_active : st < 98 ? g->ch.plan_ceased
		                     : g->ch.plan_moved;
		struct db_value cols[] = {
			db_text(ref), db_text(first), db_text(last), db_text(iso(g, dob)),
			db_text(upn_text), db_text(sex),
			rng_chance(&r, 98) ? db_text(g->cfg.districts[rng_below(&r, (uint32_t)g->cfg.district_count)].code)
			                   : db_null(),
			rng_chance(&r, 97) ? db_text(g->ch.needs[n]) : db_null(),
			db_text(iso(g, ehcp)),
			assigned ? db_int(caseworker) : db_null(), db_text(school),
			review ? db_text(iso(g, review)) : db_null(),
			db_text(status),
		};
		g->child_dob[i] = dob;
		g->child_ehcp[i] = ehcp;
		int rc = insert(g, TABLE_CHILDREN, cols, err);
		if (rc != 0)
			return rc;
	}
	return 0;
}

static int gen_entries(struct gen *g, struct error *err)
{
	struct rng r, desk;
	struct spread sp;
	rng_seed(&r, g->opt->seed, S_ENTRIES);
	rng_seed(&desk, g->opt->seed, S_ENTRY_DESK);
	spread_init(&sp, SPREAD_ENTRIES, g->opt->seed, S_ENTRY_SPREAD, g->children, g->entries);
	int64_t e = 0;
	for (int64_t i = 0; i < g->children; i++) {
		int64_t n = spread_next(&sp);
		for (int64_t k = 0; k < n; k++, e++) {
			day_t start = rng_range(&r, g->child_ehcp[i], g->today);
			day_t end = rng_chance(&r, 40) ? 0 : start + rng_range(&r, 90, 1095);
			bool f = rng_chance(&r, 75);
			uint32_t fu = rng_below(&r, 100);
			const char *funding = f ? (fu < 55 ? g->ch.contract : fu < 75 ? g->ch.spot
			                           : fu < 83 ? g->ch.pb : g->ch.by_school)
			                        : (fu < 80 ? g->ch.nhs : g->ch.contract);
			int64_t contract = 1 + rng_skewed(&r, (uint32_t)g->contracts);
			int minutes = 15 * rng_range(&r, 1, 12);
			char ref[24];
			put_ref(ref, "TE", (uint64_t)(e + 1), 8);
			struct db_value cols[] = {
				db_text(ref), db_int(i + 1), db_text(f ? g->ch.section_f : g->ch.section_g),
				db_text(therapy_code(g, &r)), db_text(iso(g, start)),
				end ? db_text(iso(g, end)) : db_null(), db_text(funding),
				funding == g->ch.contract ? db_int(contract) : db_null(),
				rng_chance(&r, 95) ? db_int(minutes) : db_null(),
				db_text(g->ch.levels[rng_below(&r, g->ch.level_count)]),
				rng_chance(&r, 90) ? db_text(g->ch.strands[rng_below(&r, g->ch.strand_count)]) : db_null(),
				rng_chance(&r, 15) ? db_text(pick(&r, descriptions, COUNT(descriptions))) : db_null(),
				/* Therapy in school is often for term time only. */
				db_int(rng_chance(&desk, f ? 40 : 10)),
			};
			g->entry_start[e] = start;
			g->entry_end[e] = end;
			int rc = insert(g, TABLE_THERAPY_ENTRIES, cols, err);
			if (rc != 0)
				return rc;
		}
	}
	return 0;
}

static int gen_provision(struct gen *g, struct error *err)
{
	struct rng r, desk;
	struct spread sp;
	rng_seed(&r, g->opt->seed, S_PROVISION);
	rng_seed(&desk, g->opt->seed, S_SESSION_DESK);
	int64_t row = 0;
	spread_init(&sp, SPREAD_PROVISION, g->opt->seed, S_PROVISION_SPREAD, g->entries, g->provision);
	static const int durations[] = {30, 30, 30, 45, 45, 60, 60, 20, 90, 120};
	for (int64_t e = 0; e < g->entries; e++) {
		int64_t n = spread_next(&sp);
		if (n == 0)
			continue;
		/* Sessions spread evenly from the start to the end or today,
		 * mostly by one therapist. */
		day_t start = g->entry_start[e];
		day_t last = g->entry_end[e] && g->entry_end[e] < g->today ? g->entry_end[e] : g->today;
		int64_t span = last - start;
		uint32_t therapist = rng_below(&r, THERAPIST_COUNT);
		for (int64_t k = 0; k < n; k++, row++) {
			day_t d = start + (day_t)(span * (2 * k + 1) / (2 * n));
			/* About one session in eight does not happen: cancelled by
			 * the provider or the school, the child away, or not brought. */
			uint32_t o = rng_below(&desk, 100);
			const char *outcome = o < 88 ? g->ch.delivered : o < 93 ? g->ch.provider_cancelled
			                      : o < 95 ? g->ch.school_cancelled : o < 98 ? g->ch.child_absent
			                      : g->ch.not_attended;
			char ref[24];
			put_ref(ref, "PV-", (uint64_t)(row + 1), 1);
			struct db_value cols[] = {
				db_int(e + 1), db_text(iso(g, d)), db_int(durations[rng_below(&r, COUNT(durations))]),
				db_text(g->therapists[rng_chance(&r, 85) ? therapist : rng_below(&r, THERAPIST_COUNT)]),
				rng_chance(&r, 3) ? db_text(pick(&r, session_notes, COUNT(session_notes))) : db_null(),
				db_text(ref), db_text(outcome),
			};
			int rc = insert(g, TABLE_PROVISION, cols, err);
			if (rc != 0)
				return rc;
		}
	}
	return 0;
}

static int gen_spot_purchases(struct gen *g, struct error *err)
{
	struct rng r;
	struct spread sp;
	rng_seed(&r, g->opt->seed, S_SPOT);
	spread_init(&sp, SPREAD_SPOT, g->opt->seed, S_SPOT_SPREAD, g->children, g->spot);
	day_t floor = date_from_ymd(2012, 4, 1);
	int64_t row = 0;
	uint32_t others = (uint32_t)(g->providers - g->nhs);
	for (int64_t i = 0; i < g->children; i++) {
		int64_t n = spread_next(&sp);
		day_t lo = g->child_ehcp[i] > floor ? g->child_ehcp[i] : floor;
		for (int64_t k = 0; k < n; k++, row++) {
			day_t start = rng_range(&r, lo, g->today);
			day_t end = rng_chance(&r, 15) ? 0 : start + rng_range(&r, 28, 365);
			double u = rng_unit(&r);
			int64_t cost = INT64_C(25000) + (int64_t)(u * u * 2975000.0);
			int64_t provider = others ? g->nhs + 1 + rng_skewed(&r, others) : 1;
			char ref[24], invoice[24];
			put_ref(ref, "SP", (uint64_t)(row + 1), 7);
			put_ref(invoice, "INV", (uint64_t)(row + 1) * 7 % 100000000, 8);
			struct db_value cols[] = {
				db_text(ref), db_int(i + 1), db_int(provider), db_text(therapy_code(g, &r)),
				db_text(iso(g, start)), db_int(cost), end ? db_text(iso(g, end)) : db_null(),
				rng_chance(&r, 70) ? db_text(invoice) : db_null(),
			};
			int rc = insert(g, TABLE_SPOT_PURCHASES, cols, err);
			if (rc != 0)
				return rc;
		}
	}
	return 0;
}

static int gen_personal_budgets(struct gen *g, struct error *err)
{
	struct rng r;
	struct spread sp;
	rng_seed(&r, g->opt->seed, S_BUDGETS);
	spread_init(&sp, SPREAD_BUDGETS, g->opt->seed, S_BUDGET_SPREAD, g->children, g->budgets);
	int ay = g->cfg.academic_year_start_month;
	int ty, tm, td;
	date_to_ymd(g->today, &ty, &tm, &td);
	int last_year = tm >= ay ? ty : ty - 1;          /* the academic year of today */
	int64_t row = 0;
	for (int64_t i = 0; i < g->children; i++) {
		int64_t n = spread_next(&sp);
		int ey, em, ed;
		date_to_ymd(g->child_ehcp[i], &ey, &em, &ed);
		int first = em >= ay ? ey : ey - 1;
		if (first < 2014)
			first = 2014;
		/* Successive academic years, latest first when there are more
		 * budgets than years since the plan began. */
		int span = last_year - first + 1;
		int y0 = first + (span > n ? (int)rng_below(&r, (uint32_t)(span - n + 1)) : 0);
		for (int64_t k = 0; k < n; k++, row++) {
			int y = y0 + (int)(k % (span > 0 ? span : 1));
			day_t start = date_from_ymd(y, ay, 1);
			day_t end = add_years(start, 1) - 1;
			double u = rng_unit(&r);
			int64_t amount = (INT64_C(100000) + (int64_t)(u * u * 3900000.0)) / 100 * 100;
			int64_t therapy = amount * rng_range(&r, 20, 100) / 100;
			uint32_t e = rng_below(&r, 100);
			char ref[24];
			put_ref(ref, "PB", (uint64_t)(row + 1), 7);
			struct db_value cols[] = {
				db_text(ref), db_int(i + 1), db_text(iso(g, start)), db_text(iso(g, end)),
				db_int(amount), rng_chance(&r, 70) ? db_int(therapy) : db_null(),
				e < 12 ? db_int(1) : e < 92 ? db_int(0) : db_null(),
				db_text(pick(&r, purposes, COUNT(purposes))),
			};
			int rc = insert(g, TABLE_PERSONAL_BUDGETS, cols, err);
			if (rc != 0)
				return rc;
		}
	}
	return 0;
}

/* A count, or "not reported" now and then. */
static struct db_value reported(struct rng *r, int64_t n)
{
	return rng_chance(r, 3) ? db_null() : db_int(n < 0 ? 0 : n);
}

static int gen_returns(struct gen *g, struct error *err)
{
	struct rng r;
	rng_seed(&r, g->opt->seed, S_RETURNS);
	int ty, tm, td;
	date_to_ymd(g->today, &ty, &tm, &td);
	int first = ty * 12 + (tm - 1) - (RETURN_MONTHS - 1);
	for (int64_t p = 0; p < g->nhs; p++) {
		for (int t = 0; t < g->cfg.therapy_count; t++) {
			/* Each service's own size, trend and backlog. */
			int64_t base = rng_range(&r, 5, 250);
			int64_t wait = rng_range(&r, 10, 400);
			for (int m = 0; m < RETURN_MONTHS; m++) {
				int ym = first + m;
				char month[16];
				snprintf(month, sizeof month, "%04d-%02d", ym / 12, ym % 12 + 1);
				int64_t referrals = base + rng_range(&r, 0, (int32_t)base / 2 + 1) - (int32_t)base / 4;
				wait += rng_range(&r, -20, 24);
				if (wait < 0)
					wait = 0;
				int64_t wait_a = wait, over_a = wait_a * rng_range(&r, 0, 70) / 100;
				int64_t wait_i = wait * rng_range(&r, 30, 150) / 100;
				int64_t over_i = wait_i * rng_range(&r, 0, 60) / 100;
				struct db_value cols[] = {
					db_int(p + 1), db_text(g->cfg.therapies[t].code), db_text(month),
					reported(&r, referrals), db_int(wait_a), reported(&r, over_a), db_int(wait_i),
					reported(&r, over_i), reported(&r, base * 6 + rng_range(&r, 0, 100)),
				};
				int rc = insert(g, TABLE_RETURNS, cols, err);
				if (rc != 0)
					return rc;
			}
		}
	}
	return 0;
}

/* ---- putting it together ---------------------------------------------- */

static int gen_prepare(struct gen *g, struct error *err)
{
	double s = g->opt->scale;
	config_defaults(&g->cfg);
	int rc = load_choices(&g->ch, err);
	if (rc != 0)
		return rc;
	g->today = date_from_ymd(GEN_TODAY_Y, GEN_TODAY_M, GEN_TODAY_D);
	g->day_min = date_from_ymd(DAYS_FROM_YEAR, 1, 1);
	g->day_max = date_from_ymd(DAYS_TO_YEAR, 12, 31);
	g->providers = scaled(1000, s, 10);
	g->nhs = scaled(100, s, 1);
	if (g->nhs > g->providers / 2)
		g->nhs = g->providers / 2;
	if (g->nhs > 26 * 26)
		g->nhs = 26 * 26;
	g->contracts = scaled(2000, s, 10);
	g->children = scaled(1000000, s, 10);
	g->entries = scaled(3000000, s, 1);
	g->provision = scaled(10000000, s, 1);
	g->spot = scaled(500000, s, 1);
	g->budgets = scaled(200000, s, 1);
	g->caseworkers = scaled(5000, s, 1);
	if (g->children > INT64_C(1500000000))
		return error_set(err, EX_USAGE, "--scale: too many children for distinct UPNs");
	static const uint32_t weights[] = {45, 25, 12, 8, 10};
	g->therapy_total = 0;
	for (int i = 0; i < g->cfg.therapy_count; i++) {
		g->therapy_weights[i] = g->cfg.therapy_count == 5 ? weights[i] : 10;
		g->therapy_total += g->therapy_weights[i];
	}
	size_t days = (size_t)(g->day_max - g->day_min + 1);
	g->iso = malloc(days * sizeof *g->iso);
	g->therapists = malloc(THERAPIST_COUNT * sizeof *g->therapists);
	g->contract_start = malloc((size_t)g->contracts * sizeof *g->contract_start);
	g->contract_end = malloc((size_t)g->contracts * sizeof *g->contract_end);
	g->contract_value = malloc((size_t)g->contracts * sizeof *g->contract_value);
	g->child_dob = malloc((size_t)g->children * sizeof *g->child_dob);
	g->child_ehcp = malloc((size_t)g->children * sizeof *g->child_ehcp);
	g->entry_start = malloc((size_t)g->entries * sizeof *g->entry_start);
	g->entry_end = malloc((size_t)g->entries * sizeof *g->entry_end);
	if (!g->iso || !g->therapists || !g->contract_start || !g->contract_end || !g->contract_value ||
	    !g->child_dob || !g->child_ehcp || !g->entry_start || !g->entry_end)
		return error_set(err, EX_OSERR, "out of memory");
	for (size_t d = 0; d < days; d++)
		date_format(g->day_min + (day_t)d, g->iso[d]);
	struct rng r;
	rng_seed(&r, g->opt->seed, S_THERAPISTS);
	for (int i = 0; i < THERAPIST_COUNT; i++)
		snprintf(g->therapists[i], sizeof g->therapists[i], "%s %s",
		         rng_chance(&r, 85) ? pick(&r, girls, COUNT(girls)) : pick(&r, boys, COUNT(boys)),
		         pick(&r, surnames, COUNT(surnames)));
	return 0;
}

static void gen_free(struct gen *g)
{
	free(g->iso);
	free(g->therapists);
	free(g->contract_start);
	free(g->contract_end);
	free(g->contract_value);
	free(g->child_dob);
	free(g->child_ehcp);
	free(g->entry_start);
	free(g->entry_end);
}

struct phase {
	enum db_table_id table;
	int (*fn)(struct gen *g, struct error *err);
};

static const struct phase phases[] = {
	{TABLE_USERS, gen_users},
	{TABLE_PROVIDERS, gen_providers},
	{TABLE_CONTRACTS, gen_contracts},
	{TABLE_CONTRACT_VALUES, gen_contract_values},
	{TABLE_COVERAGE, gen_coverage},
	{TABLE_STAFFING, gen_staffing},
	{TABLE_CHILDREN, gen_children},
	{TABLE_THERAPY_ENTRIES, gen_entries},
	{TABLE_PROVISION, gen_provision},
	{TABLE_SPOT_PURCHASES, gen_spot_purchases},
	{TABLE_PERSONAL_BUDGETS, gen_personal_budgets},
	{TABLE_RETURNS, gen_returns},
};

static void log_rate(FILE *log, const char *what, int64_t rows, double seconds, double cpu)
{
	fprintf(log, "  %-18s %12lld %9.2f %9.2f %12.0f\n", what, (long long)rows, seconds, cpu,
	        seconds > 0 ? (double)rows / seconds : 0.0);
	fflush(log);
}

/* The page cache during the load: --cache-mib, else db/bulk.h's default
 * (256 MiB: larger caches measured slower, the kernel's file cache does
 * that part better). */
static int cache_kib(const struct gen_options *opt)
{
	return opt->cache_mib > 0 ? opt->cache_mib * 1024 : 0;
}

/* Creates the database at opt->path (which must not exist) and fills it.
 * On failure the half-made file is removed. */
static int gen_database(const struct gen_options *opt, struct gen_result *res, struct error *err)
{
	struct gen g = {.opt = opt, .res = res};
	memset(res, 0, sizeof *res);
	double t0 = now_seconds(), c0 = cpu_seconds();
	int rc = gen_prepare(&g, err);
	bool created = false;
	if (rc == 0)
		rc = db_open(opt->path, DB_OPEN_CREATE, g.cfg.file_mode, &g.db, err);
	created = rc == 0;
	struct db_bulk_options bulk = {
		.cache_kib = cache_kib(opt), .sort_threads = opt->threads, .defer_indexes = opt->defer_indexes, .analysis_limit = opt->analysis_limit,
		.enforce_checks = opt->enforce_checks,
	};
	if (rc == 0)
		rc = db_bulk_begin(g.db, &bulk, &g.bulk, err);
	double t1 = now_seconds(), c1 = cpu_seconds();
	if (opt->log && rc == 0)
		fprintf(opt->log, "  %-18s %12s %9s %9s %12s\n", "table", "rows", "seconds", "cpu s", "rows/s");
	for (size_t i = 0; rc == 0 && i < sizeof phases / sizeof phases[0]; i++) {
		enum db_table_id t = phases[i].table;
		double start = now_seconds(), cpu = cpu_seconds();
		rc = phases[i].fn(&g, err);
		res->seconds[t] += now_seconds() - start;
		res->cpu[t] += cpu_seconds() - cpu;
		if (opt->log && rc == 0)
			log_rate(opt->log, db_tables[t].name, res->rows[t], res->seconds[t], res->cpu[t]);
	}
	res->insert_seconds = now_seconds() - t1;
	res->insert_cpu = cpu_seconds() - c1;
	for (int t = 0; t < TABLE_COUNT; t++)
		res->total_rows += res->rows[t];
	if (rc == 0) {
		struct db_bulk *b = g.bulk;
		g.bulk = NULL;
		rc = db_bulk_end(b, &res->finish, err);
	}
	db_bulk_abort(g.bulk);
	db_close(g.db);
	if (rc != 0 && created)
		unlink(opt->path);
	gen_free(&g);
	res->total_seconds = now_seconds() - t0;
	res->total_cpu = cpu_seconds() - c0;
	return rc;
}

#ifndef GENERATE_NO_MAIN

static int usage(void)
{
	fprintf(stderr, "usage: generate --db PATH [--scale F] [--seed N] [--keep-indexes] "
	                "[--checks] [--quick-analyze] [--cache-mib N] [--threads N] [--quiet]\n");
	return EX_USAGE;
}

int main(int argc, char **argv)
{
	struct gen_options opt = {.scale = 1.0, .seed = 1, .defer_indexes = true, .threads = 2,
	                          .analysis_limit = 0, .log = stdout};
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		char *end = NULL;
		if (strcmp(a, "--db") == 0 && i + 1 < argc) {
			opt.path = argv[++i];
		} else if (strcmp(a, "--scale") == 0 && i + 1 < argc) {
			errno = 0;
			opt.scale = strtod(argv[++i], &end);
			if (errno || *end || !(opt.scale > 0 && opt.scale <= 1000))
				return usage();
		} else if (strcmp(a, "--seed") == 0 && i + 1 < argc) {
			errno = 0;
			opt.seed = strtoull(argv[++i], &end, 10);
			if (errno || *end)
				return usage();
		} else if (strcmp(a, "--keep-indexes") == 0) {
			opt.defer_indexes = false;
		} else if (strcmp(a, "--cache-mib") == 0 && i + 1 < argc) {
			opt.cache_mib = atoi(argv[++i]);
		} else if (strcmp(a, "--threads") == 0 && i + 1 < argc) {
			opt.threads = atoi(argv[++i]);
		} else if (strcmp(a, "--checks") == 0) {
			opt.enforce_checks = true;
		} else if (strcmp(a, "--quick-analyze") == 0) {
			opt.analysis_limit = 1000;
		} else if (strcmp(a, "--quiet") == 0) {
			opt.log = NULL;
		} else {
			return usage();
		}
	}
	if (opt.path == NULL)
		return usage();
	if (opt.log)
		fprintf(opt.log, "generating %s at scale %g, seed %llu (%s indexes during the load)\n",
		        opt.path, opt.scale, (unsigned long long)opt.seed,
		        opt.defer_indexes ? "without secondary" : "with all");
	struct gen_result res;
	struct error err = {0};
	int rc = gen_database(&opt, &res, &err);
	if (rc != 0) {
		fprintf(stderr, "generate: %s\n", err.msg);
		return rc;
	}
	if (opt.log) {
		log_rate(opt.log, "all inserts", res.total_rows, res.insert_seconds, res.insert_cpu);
		fprintf(opt.log, "  %-18s %8.2f s\n", "indexes", res.finish.index_seconds);
		fprintf(opt.log, "  %-18s %8.2f s\n", "search tables", res.finish.search_seconds);
		fprintf(opt.log, "  %-18s %8.2f s\n", "analyze", res.finish.analyze_seconds);
		fprintf(opt.log, "  %-18s %8.2f s\n", "commit", res.finish.commit_seconds);
		fprintf(opt.log, "  %-18s %8.2f s\n", "back to WAL", res.finish.restore_seconds);
		log_rate(opt.log, "overall", res.total_rows, res.total_seconds, res.total_cpu);
		/* The same rows without the search tables' trigram indexes, which
		 * cost more than everything else together. */
		double seconds = res.total_seconds - res.finish.search_seconds;
		fprintf(opt.log, "  %-18s %12lld %9.2f %9s %12.0f\n", "without search", (long long)res.total_rows,
		        seconds, "", seconds > 0 ? (double)res.total_rows / seconds : 0.0);
	}
	return 0;
}

#endif
