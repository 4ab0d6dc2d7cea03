/* screen_coverage.c: the Coverage tab.
 *
 * The map of the configured districts for one therapy on one day: each
 * tile names the provider(s) whose contracts in force cover it, or says
 * GAP or OVERLAP.  Enter on a tile lists the contracts in force that
 * could cover it; there an admin covers or uncovers the tile with the
 * selected contract (through core, so it is checked and audited), and
 * the list and the map change at once. */
#include "tui/tui.h"

#include <stdio.h>
#include <string.h>

#include "core/coverage.h"
#include "core/period.h"
#include "tui/dialog.h"
#include "tui/map.h"
#include "tui/rowlist.h"
#include "tui/screens.h"

#define LONG_DATE_MAX 40
#define LINE_MAX_BYTES 1024
#define CANDIDATES_MAX 200       /* far more contracts than are ever in force at once */

static const char read_only[] = "only admins may change coverage; you may look";

/* ---- shared ------------------------------------------------------------- */

/* "Sunday 31 August 2025": a date nobody misreads as month-first. */
static void long_date(day_t d, char *buf, size_t len)
{
	static const char *const weekdays[] = {"Thursday", "Friday", "Saturday", "Sunday",
	                                       "Monday", "Tuesday", "Wednesday"};
	int year, month, day;
	date_to_ymd(d, &year, &month, &day);
	snprintf(buf, len, "%s %d %s %d", weekdays[((d % 7) + 7) % 7], day, period_month_name(month),
	         year);
}

/* The refs as stored (';' between) for reading (", " between). */
static void refs_for_people(const char *refs, char *buf, size_t len)
{
	size_t used = 0;
	for (const char *p = refs; *p && used + 3 < len; p++) {
		if (*p == ';')
			used += (size_t)snprintf(buf + used, len - used, ", ");
		else
			buf[used++] = *p;
	}
	buf[used < len ? used : len - 1] = '\0';
}

/* Whether this login may change coverage here: an admin, on a database
 * that can be written. */
static bool can_change(const struct tui *t)
{
	return coverage_may_change(t->s) && !session_read_only(t->s);
}

/* Tells a login that may not change coverage so, on the status line. */
static bool may_change(struct tui *t)
{
	if (can_change(t))
		return true;
	if (session_read_only(t->s))
		tui_error(t, "you may look: this database is read-only here (see the title bar)");
	else
		tui_error(t, "%s", read_only);
	return false;
}

/* c is offered to those who may change coverage. */
static bool toggle_offered(struct tui *t, void *state, enum action a)
{
	(void)state;
	return a != ACT_TOGGLE || can_change(t);
}

/* A tile of the map: the day, district and therapy it stands for. */
struct tile_ref {
	day_t on;
	int district, therapy;
};

/* Covers or uncovers the tile with the contract, through core, and says
 * on the status line what happened; VIEW_RELOAD when something did. */
static int toggle(struct tui *t, const struct tile_ref *tile, const char *contract_ref)
{
	const struct district *d = &t->cfg->districts[tile->district];
	const char *therapy = t->cfg->therapies[tile->therapy].code;
	struct error err = {0};
	bool covered = false;
	int rc = coverage_toggle(t->s, contract_ref, d->code, therapy, &covered, &err);
	if (rc == EX_NOPERM) {
		tui_error(t, "%s", read_only);
		return VIEW_HANDLED;
	}
	if (rc != 0) {
		tui_error(t, "coverage not changed: %s", err.msg);
		return VIEW_HANDLED;
	}
	tui_message(t, "%s %s %s %s", d->name, therapy,
	            covered ? "now covered by" : "no longer covered by", contract_ref);
	return VIEW_RELOAD;
}

/* A change waiting for its yes: it lives in the view that asked, which
 * outlives the question. */
struct pending_toggle {
	struct tile_ref tile;
	char ref[COVERAGE_REF_MAX];
};

static int toggle_confirmed(struct tui *t, void *ctx)
{
	const struct pending_toggle *p = ctx;
	return toggle(t, &p->tile, p->ref);
}

/* Asks before covering or uncovering, naming the district, the therapy
 * and the contract: "Cover Swale (slt) with KCHFT-E-2024?". */
static int ask_toggle(struct tui *t, struct pending_toggle *p, const struct tile_ref *tile,
                      const struct coverage_candidate *c)
{
	p->tile = *tile;
	snprintf(p->ref, sizeof p->ref, "%s", c->ref);
	char question[LINE_MAX_BYTES];
	snprintf(question, sizeof question, c->covers ? "Uncover %s (%s): stop %s covering it?"
	                                              : "Cover %s (%s) with %s?",
	         t->cfg->districts[tile->district].name, t->cfg->therapies[tile->therapy].code,
	         c->ref);
	dialog_confirm(t, question, toggle_confirmed, p);
	return VIEW_HANDLED;
}

/* ---- the list of contracts that could cover a tile ---------------------- */

struct candidate_list {
	struct tile_ref tile;
	struct coverage_candidate rows[CANDIDATES_MAX];
	int count;
	int more;                 /* in force but beyond what is held */
	struct rowlist list;      /* over rows */
};

static int keep_candidate(void *ctx, const struct coverage_candidate *c)
{
	struct candidate_list *l = ctx;
	if (l->count < CANDIDATES_MAX)
		l->rows[l->count++] = *c;
	else
		l->more++;
	return 0;
}

/* Reloads the rows, keeping the selection on the same contract. */
static void list_load(struct tui *t, void *state)
{
	struct candidate_list *l = state;
	int selected = l->list.selected;
	bool any = selected >= 0 && selected < l->count;
	int64_t was = any ? l->rows[selected].contract_id : 0;
	struct error err = {0};
	l->count = l->more = 0;
	if (coverage_candidates(t->s, l->tile.on, l->tile.district, l->tile.therapy, keep_candidate,
	                        l, &err) != 0)
		tui_error(t, "%s", err.msg);
	rowlist_set_count(&l->list, l->count);
	rowlist_select(&l->list, 0);
	for (int i = 0; i < l->count; i++)
		if (l->rows[i].contract_id == was)
			rowlist_select(&l->list, i);
}

static int list_key(struct tui *t, void *state, enum action a, int key)
{
	struct candidate_list *l = state;
	(void)key;
	if (rowlist_key(&l->list, a) != VIEW_IGNORED)
		return VIEW_HANDLED;
	switch (a) {
	case ACT_CANCEL: return VIEW_CLOSE;
	case ACT_OPEN:
		tui_message(t, "c covers or uncovers the district with the selected contract; q goes back");
		return VIEW_HANDLED;
	case ACT_TOGGLE:
		if (!may_change(t))
			return VIEW_HANDLED;
		if (l->list.selected < 0) {
			tui_error(t, "no contract is in force on that day to cover it");
			return VIEW_HANDLED;
		}
		/* The selected row is the choice, and the row says what
		 * it would do: no question here. */
		return toggle(t, &l->tile, l->rows[l->list.selected].ref);
	default:
		return VIEW_IGNORED;
	}
}

static void list_title(struct tui *t, const struct candidate_list *l, WINDOW *w)
{
	char day[LONG_DATE_MAX], line[LINE_MAX_BYTES];
	long_date(l->tile.on, day, sizeof day);
	snprintf(line, sizeof line, "Contracts in force on %s that could cover %s (%s)", day,
	         t->cfg->districts[l->tile.district].name, t->cfg->therapies[l->tile.therapy].name);
	/* Two lines where one is too narrow (80 columns): the day, district
	 * and therapy are what the list is about, so none is cut off. */
	char title[2][TUI_LINE_MAX];
	int lines = tui_wrap(line, getmaxx(w), title, 2);
	for (int i = 0; i < lines && i < 2; i++)
		tui_put_cut(w, i, 0, getmaxx(w), title[i], A_BOLD);
	tui_put_cut(w, lines > 1 ? 2 : 1, 0, getmaxx(w), can_change(t)
	            ? "c: cover or uncover the district with the selected contract    q: back"
	            : session_read_only(t->s)
	            ? "You may look: the database is read-only here.    q: back to the map"
	            : "You may look: only admins may change coverage.    q: back to the map",
	            tui_attr(t, COLOUR_DIM));
}

static void list_row(struct tui *t, const struct candidate_list *l, WINDOW *w, int y, int i)
{
	const struct coverage_candidate *c = &l->rows[i];
	char start[DATE_TEXT_MAX], end[DATE_TEXT_MAX], line[LINE_MAX_BYTES];
	date_format(c->start, start);
	date_format(c->end, end);
	bool selected = i == l->list.selected;
	snprintf(line, sizeof line, "%s %-16s %-10s %s to %s  %s", selected ? ">" : " ", c->ref,
	         c->provider, start, end, c->covers ? "yes" : "no");
	tui_put(w, y, 0, getmaxx(w), line, selected ? tui_attr(t, COLOUR_SELECTED) : A_NORMAL);
}

static void list_draw(struct tui *t, void *state, WINDOW *w)
{
	struct candidate_list *l = state;
	werase(w);   /* the map below does not show through */
	list_title(t, l, w);
	char line[LINE_MAX_BYTES];
	snprintf(line, sizeof line, "  %-16s %-10s %-24s  %s", "Contract", "Provider", "Period",
	         "Covers");
	tui_put(w, 3, 0, getmaxx(w), line, A_BOLD);
	rowlist_show(&l->list, getmaxy(w) - 5);
	for (int r = 0; r < l->list.height && l->list.top + r < l->count; r++)
		list_row(t, l, w, 4 + r, l->list.top + r);
	if (l->count == 0)
		tui_put(w, 4, 2, getmaxx(w) - 2, "(no contract is in force on that day)", A_NORMAL);
	snprintf(line, sizeof line, " %d contract%s in force%s", l->count + l->more,
	         l->count + l->more == 1 ? "" : "s", l->more ? " (the first ones shown)" : "");
	tui_put(w, getmaxy(w) - 1, 0, getmaxx(w), line, tui_attr(t, COLOUR_DIM));
}

static bool list_cursor(struct tui *t, void *state, int *row, int *col)
{
	const struct candidate_list *l = state;
	if (!t->plain || l->list.selected < 0)
		return false;
	*row = 4 + l->list.selected - l->list.top;
	*col = 0;
	return true;
}

static const enum action list_hints[] = {ACT_TOGGLE, ACT_HELP, ACT_BACK, ACT_NONE};

static const struct view_ops list_ops = {
	"coverage contracts", list_load, list_key, list_draw, NULL, list_hints, list_cursor, SCOPE_MAP,
};

static void open_candidates(struct tui *t, const struct tile_ref *tile)
{
	struct candidate_list *l = tui_alloc(sizeof *l);
	l->tile = *tile;
	rowlist_init(&l->list);
	tui_push_offering(t, &list_ops, l, toggle_offered);
}

/* ---- the map -------------------------------------------------------------- */

struct coverage_view {
	day_t on, today;
	bool day_chosen;         /* on has been worked out (or typed) */
	bool on_is_default;      /* on is the day the map opened on, not one typed */
	bool today_has_none;     /* no contract covering anything is in force today */
	bool placed;             /* the selection has been put on its first tile */
	int therapy;             /* index into the configured therapies */
	struct coverage_tile tiles[CONFIG_MAX_DISTRICTS];
	struct map_tile map_tiles[CONFIG_MAX_DISTRICTS];
	struct map map;
	struct pending_toggle pending;
};

static void choose_day(struct tui *t, struct coverage_view *v)
{
	struct error err = {0};
	bool is_today = true;
	v->today = date_today();
	if (coverage_default_day(t->s, v->today, &v->on, &is_today, &err) != 0)
		tui_error(t, "%s", err.msg);
	v->day_chosen = true;
	v->on_is_default = true;
	v->today_has_none = !is_today;
}

/* What a tile says: GAP, OVERLAP or nothing, then the providers. */
static void describe_tile(const struct coverage_tile *c, struct map_tile *m)
{
	memset(m, 0, sizeof *m);
	if (c->contracts == 0) {
		snprintf(m->status, sizeof m->status, "GAP");
		m->colour = COLOUR_GAP;
		return;
	}
	if (c->contracts > 1) {
		snprintf(m->status, sizeof m->status, "OVERLAP");
		m->colour = COLOUR_OVERLAP;
	} else if (c->services == 1) {
		/* Covered, but by a pooled service rather than a block contract. */
		snprintf(m->status, sizeof m->status, "service");
	}
	/* Both live in the view's state: a copy, not snprintf, which
	 * compilers suspect of overlapping them. */
	_Static_assert(sizeof m->detail >= sizeof c->providers, "providers fit a tile's detail");
	memcpy(m->detail, c->providers, sizeof c->providers);
}

/* The first gap in reading order, since gaps are what people look for;
 * the top left tile when there is none. */
static int first_tile(const struct settings *cfg, const struct coverage_tile *tiles)
{
	int best = -1;
	bool best_gap = false;
	for (int i = 0; i < cfg->district_count; i++) {
		const struct district *d = &cfg->districts[i];
		bool gap = tiles[i].contracts == 0;
		bool earlier = best < 0 || d->row < cfg->districts[best].row ||
		               (d->row == cfg->districts[best].row && d->col < cfg->districts[best].col);
		if (best < 0 || (gap && !best_gap) || (gap == best_gap && earlier)) {
			best = i;
			best_gap = gap;
		}
	}
	return best;
}

static void map_load(struct tui *t, void *state)
{
	struct coverage_view *v = state;
	if (!v->day_chosen)
		choose_day(t, v);
	struct error err = {0};
	if (coverage_map(t->s, v->on, v->therapy, v->tiles, &err) != 0)
		tui_error(t, "%s", err.msg);
	for (int i = 0; i < t->cfg->district_count; i++)
		describe_tile(&v->tiles[i], &v->map_tiles[i]);
	if (!v->placed) {
		v->map.selected = first_tile(t->cfg, v->tiles);
		v->placed = true;
	}
}

static struct tile_ref selected_tile(const struct coverage_view *v)
{
	return (struct tile_ref){v->on, v->map.selected, v->therapy};
}

static int date_entered(struct tui *t, const char *text, void *ctx)
{
	struct coverage_view *v = ctx;
	day_t day = date_today();
	const char *reason = NULL;
	if (text[0] != '\0' && !date_parse(text, &day, &reason)) {
		tui_error(t, "'%s': %s", text, reason);
		return -1;   /* the prompt stays open to correct the text */
	}
	v->on = day;
	v->on_is_default = false;
	return VIEW_RELOAD;
}

struct first_candidate {
	struct coverage_candidate first;
	int count;
};

static int count_candidate(void *ctx, const struct coverage_candidate *c)
{
	struct first_candidate *f = ctx;
	if (f->count++ == 0)
		f->first = *c;
	return 0;
}

/* 'c' on the map: with one contract that could cover the tile, asks
 * whether to cover or uncover with it; with several, lets the user
 * choose from the list first. */
static int cover_here(struct tui *t, struct coverage_view *v)
{
	if (!may_change(t) || v->map.selected < 0)
		return VIEW_HANDLED;
	struct tile_ref tile = selected_tile(v);
	struct first_candidate f = {0};
	struct error err = {0};
	if (coverage_candidates(t->s, v->on, tile.district, tile.therapy, count_candidate, &f,
	                        &err) != 0) {
		tui_error(t, "%s", err.msg);
		return VIEW_HANDLED;
	}
	if (f.count == 1)
		return ask_toggle(t, &v->pending, &tile, &f.first);
	if (f.count == 0) {
		tui_error(t, "no contract is in force on that day to cover it");
		return VIEW_HANDLED;
	}
	open_candidates(t, &tile);
	return VIEW_HANDLED;
}

static int map_view_key(struct tui *t, void *state, enum action a, int key)
{
	struct coverage_view *v = state;
	(void)key;
	switch (a) {
	case ACT_THERAPY:
		v->therapy = (v->therapy + 1) % t->cfg->therapy_count;
		map_load(t, v);
		return VIEW_HANDLED;
	case ACT_DATE:
		dialog_prompt(t, "Day: YYYY-MM-DD or DD/MM/YYYY (empty: today)", "",
		              date_entered, v);
		return VIEW_HANDLED;
	case ACT_OPEN:
		if (v->map.selected >= 0) {
			struct tile_ref tile = selected_tile(v);
			open_candidates(t, &tile);
		}
		return VIEW_HANDLED;
	case ACT_TOGGLE:
		return cover_here(t, v);
	default:
		return map_key(&v->map, a);
	}
}

static void draw_header(struct tui *t, const struct coverage_view *v, WINDOW *w)
{
	char day[LONG_DATE_MAX], line[LINE_MAX_BYTES];
	long_date(v->on, day, sizeof day);
	snprintf(line, sizeof line, "Coverage of %s on %s%s", t->cfg->therapies[v->therapy].name,
	         day, v->on == v->today ? " (today)" : "");
	tui_put(w, 0, 0, getmaxx(w), line, A_BOLD);
	/* The words carry the meaning; the colours only repeat them. */
	int x = 0;
	tui_put(w, 1, x, 3, "GAP", tui_attr(t, COLOUR_GAP) | A_BOLD);
	x += 3;
	static const char gap_text[] = ": none in force;  ";
	tui_put(w, 1, x, (int)strlen(gap_text), gap_text, A_NORMAL);
	x += (int)strlen(gap_text);
	tui_put(w, 1, x, 7, "OVERLAP", tui_attr(t, COLOUR_OVERLAP) | A_BOLD);
	x += 7;
	static const char overlap_text[] = ": more than one;  ";
	tui_put(w, 1, x, getmaxx(w) - x, overlap_text, A_NORMAL);
	x += (int)strlen(overlap_text);
	tui_put(w, 1, x, getmaxx(w) - x, "service: a pooled service", A_NORMAL);
}

/* The selected tile in words: district, therapy, contracts.  The
 * therapy's code keeps the line short; the heading names it in full. */
static void tile_line(struct tui *t, const struct coverage_view *v, char *line, size_t len)
{
	const struct coverage_tile *c = &v->tiles[v->map.selected];
	const char *district = t->cfg->districts[v->map.selected].name;
	const char *therapy = t->cfg->therapies[v->therapy].code;
	char refs[COVERAGE_REFS_MAX + COVERAGE_REFS_MAX / 2];
	refs_for_people(c->refs, refs, sizeof refs);
	if (c->contracts == 0)
		snprintf(line, len, "%s (%s): GAP, no contract or service in force covers it", district,
		         therapy);
	else if (c->contracts == 1)
		snprintf(line, len, "%s (%s): covered by %s (%s)%s", district, therapy, refs, c->providers,
		         c->services ? ", a pooled service" : "");
	else
		snprintf(line, len, "%s (%s): OVERLAP of %d contracts: %s", district, therapy,
		         c->contracts, refs);
}

/* The lines under the map, most important first; returns how many. */
static int footer_lines(struct tui *t, const struct coverage_view *v,
                        char lines[][LINE_MAX_BYTES], int max)
{
	int n = 0;
	char today[DATE_TEXT_MAX];
	if (v->map.selected >= 0 && n < max)
		tile_line(t, v, lines[n++], LINE_MAX_BYTES);
	if (v->on_is_default && v->today_has_none && n < max) {
		date_format(v->today, today);
		snprintf(lines[n++], LINE_MAX_BYTES,
		         "No contract is in force today (%s): this is the %s.", today,
		         v->on < v->today ? "last day one was" : "first day one will be");
	}
	if (n < max)
		snprintf(lines[n++], LINE_MAX_BYTES, "%s", can_change(t)
		         ? "Enter: the contracts in force that could cover the tile    c: cover / uncover"
		         : session_read_only(t->s)
		         ? "You may look: the database is read-only here.    Enter: the contracts in force"
		         : "You may look: only admins may change coverage.    Enter: the contracts in force");
	return n;
}

static void map_view_draw(struct tui *t, void *state, WINDOW *w)
{
	struct coverage_view *v = state;
	enum { HEADER = 2, FOOTER_MIN = 2, FOOTER_MAX = 3 };
	int height = getmaxy(w), width = getmaxx(w);
	werase(w);
	draw_header(t, v, w);
	int rows = map_rows(t, &v->map, height - HEADER - FOOTER_MIN, width);
	/* Blank lines around the map when there is room for them. */
	int gap = height - HEADER - FOOTER_MAX - rows >= 2 ? 1 : 0;
	int y = HEADER + gap;
	y += map_draw(t, &v->map, w, y, rows) + gap;
	char lines[FOOTER_MAX][LINE_MAX_BYTES];
	int n = footer_lines(t, v, lines, height - y < FOOTER_MAX ? height - y : FOOTER_MAX);
	for (int i = 0; i < n; i++)
		tui_put(w, y + i, 0, width, lines[i], i == 0 ? A_BOLD : A_NORMAL);
}

static bool map_view_cursor(struct tui *t, void *state, int *row, int *col)
{
	const struct coverage_view *v = state;
	return t->plain && map_cursor(&v->map, row, col);
}

static const enum action map_hints[] = {ACT_OPEN, ACT_TOGGLE, ACT_THERAPY, ACT_DATE,
                                        ACT_HELP, ACT_BACK, ACT_NONE};

static const struct view_ops map_ops = {
	"coverage map", map_load, map_view_key, map_view_draw, NULL, map_hints, map_view_cursor,
	SCOPE_MAP,
};

void coverage_open(struct tui *t)
{
	struct coverage_view *v = tui_alloc(sizeof *v);
	map_init(&v->map, t->cfg->districts, t->cfg->district_count, v->map_tiles);
	tui_push_offering(t, &map_ops, v, toggle_offered);
}

/* A district named by its name or its code, as reports and the
 * configuration name them. */
static int district_index(const struct settings *cfg, const char *district)
{
	for (int i = 0; i < cfg->district_count; i++)
		if (strcmp(cfg->districts[i].name, district) == 0 ||
		    strcmp(cfg->districts[i].code, district) == 0)
			return i;
	return -1;
}

static int therapy_index(const struct settings *cfg, const char *therapy)
{
	for (int i = 0; i < cfg->therapy_count; i++)
		if (strcmp(cfg->therapies[i].code, therapy) == 0)
			return i;
	return -1;
}

int coverage_open_at(struct tui *t, const char *district, const char *therapy, day_t on)
{
	int d = district_index(t->cfg, district), th = therapy_index(t->cfg, therapy);
	if (d < 0 || th < 0)
		return -1;
	struct coverage_view *v = tui_alloc(sizeof *v);
	map_init(&v->map, t->cfg->districts, t->cfg->district_count, v->map_tiles);
	/* The day is the one asked for, not the map's own default, and
	 * the tile is the one asked about, not the first gap. */
	v->today = date_today();
	v->on = on;
	v->day_chosen = true;
	v->therapy = th;
	v->map.selected = d;
	v->placed = true;
	tui_push_offering(t, &map_ops, v, toggle_offered);
	return 0;
}
