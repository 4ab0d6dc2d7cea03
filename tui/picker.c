/* picker.c: choosing a record by typing part of it; see picker.h. */
#include "tui/tui.h"

#include <stdio.h>
#include <string.h>
#include <wctype.h>

#include "core/store.h"
#include "tui/dialog.h"
#include "tui/picker.h"

#define KEY_ESCAPE 27
#define BOX_WIDTH 72
#define BOX_HEIGHT 16
#define CHROME_ROWS 3     /* the typed line, the bottom border, the title */

/* ---- without a terminal ----------------------------------------------- */

static bool is_key_field(const struct kind *k, int i)
{
	for (int n = 0; n < k->key_count; n++)
		if (k->key_fields[n] == i)
			return true;
	return false;
}

static size_t append_field(const struct record *r, int i, const struct settings *cfg, char *buf,
                           size_t len, size_t used)
{
	char text[RECORD_TEXT_MAX];
	const char *shown = record_display(r, i, cfg, text, sizeof text);
	if (shown[0] == '\0' || used >= len)
		return used;
	int n = snprintf(buf + used, len - used, "%s%s", used ? " " : "", shown);
	return n < 0 ? used : used + (size_t)n;
}

void picker_describe(const struct record *r, const struct settings *cfg, char *buf, size_t len)
{
	const struct kind *k = r->kind;
	size_t used = 0;
	buf[0] = '\0';
	for (int n = 0; n < k->key_count; n++)
		used = append_field(r, k->key_fields[n], cfg, buf, len, used);
	size_t after_key = used;
	for (int i = 0; i < k->field_count; i++)
		if (k->fields[i].type == FIELD_TEXT && k->fields[i].required && !is_key_field(k, i))
			used = append_field(r, i, cfg, buf, len, used);
	for (int i = 0; i < k->field_count && used == after_key; i++)
		if (k->fields[i].type == FIELD_TEXT && !is_key_field(k, i))
			used = append_field(r, i, cfg, buf, len, used);
}

static void format_row(struct tui *t, const struct record *r, struct listview_row *row, void *ctx)
{
	(void)ctx;
	picker_describe(r, t->cfg, row->cells[0], sizeof row->cells[0]);
}

/* UTF-8 of one code point, whatever the locale; 0 when it is none. */
static size_t encode_utf8(int c, char *out)
{
	if (c < 0 || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xC0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xE0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		out[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (c >> 18));
	out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
	out[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

/* Copies initial into the filter, cut at a character boundary. */
static void set_filter(struct picker *p, const char *initial)
{
	char *filter = p->lv.query.filter;
	size_t n = strlen(initial ? initial : "");
	if (n >= sizeof p->lv.query.filter) {
		n = sizeof p->lv.query.filter - 1;
		while (n > 0 && ((unsigned char)initial[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(filter, initial ? initial : "", n);
	filter[n] = '\0';
}

/* Selects the record whose key is exactly what was typed: a key is
 * often part of other keys ("EKHUFT" of "AB-EKHUFT", which sorts first),
 * and whoever types a whole key means that record. */
static void select_exact_key(struct tui *t, struct picker *p)
{
	const struct kind *k = p->lv.query.kind;
	if (p->lv.query.filter[0] == '\0' || k->key_count != 1)
		return;
	struct record r;
	record_init(&r, k);
	bool found = false;
	struct error err = {0};
	if (store_load_by_key(t->s, &r, p->lv.query.filter, &found, &err) == 0 && found) {
		listview_select(t, &p->lv, &r);
		p->lv.top = 0;   /* the matches before it stay in view */
	}
	record_clear(&r);
}

static void say_selected(struct tui *t, const struct picker *p);

static void searched(struct tui *t, struct listview *lv, void *ctx)
{
	(void)lv;
	select_exact_key(t, ctx);
	say_selected(t, ctx);
}

/* After the filter changed: the first matches (then the exact key), and
 * how many there are (capped as the lists are: the child picker types
 * into a million), found between keys. */
static void refilter(struct tui *t, struct picker *p)
{
	p->lv.selected = -1;   /* a new filter starts at its first match */
	listview_search(t, &p->lv);
}

void picker_init(struct tui *t, struct picker *p, const struct kind *k, const char *initial)
{
	memset(p, 0, sizeof *p);
	snprintf(p->column_title, sizeof p->column_title, "%c%s", k->label[0] - 32 * (k->label[0] >= 'a' && k->label[0] <= 'z'),
	         k->label + 1);
	int key = k->key_count > 0 ? k->key_fields[0] : -1;
	p->column = (struct listview_column){p->column_title, key, 0, false};
	listview_init(&p->lv, k, &p->column, 1);
	p->lv.format = format_row;
	p->lv.searched = searched;
	p->lv.searched_ctx = p;
	/* In key order, which is how people file these records. */
	p->lv.sort_column = key >= 0 ? 0 : -1;
	p->lv.query.sort_field = key;
	set_filter(p, initial);
	refilter(t, p);
}

bool picker_type(struct tui *t, struct picker *p, int codepoint)
{
	char bytes[4];
	size_t n = encode_utf8(codepoint, bytes);
	size_t used = strlen(p->lv.query.filter);
	if (n == 0 || used + n >= sizeof p->lv.query.filter)
		return false;
	memcpy(p->lv.query.filter + used, bytes, n);
	p->lv.query.filter[used + n] = '\0';
	refilter(t, p);
	return true;
}

void picker_backspace(struct tui *t, struct picker *p)
{
	char *filter = p->lv.query.filter;
	size_t n = strlen(filter);
	while (n > 0 && ((unsigned char)filter[n - 1] & 0xC0) == 0x80)
		n--;
	if (n > 0)
		n--;
	filter[n] = '\0';
	refilter(t, p);
}

void picker_move(struct tui *t, struct picker *p, int delta)
{
	listview_settle(t, &p->lv);
	listview_move(t, &p->lv, delta);
}

int picker_selected(struct tui *t, const struct picker *p, struct record *r)
{
	record_init(r, p->lv.query.kind);
	int64_t id = listview_selected_id(&p->lv);
	if (id == 0) {
		tui_error(t, "nothing matches \"%s\": Backspace to widen the search, Esc to leave",
		          p->lv.query.filter);
		return -1;
	}
	struct error err = {0};
	if (store_load(t->s, r, id, &err) != 0) {
		tui_error(t, "%s", err.msg);
		return -1;
	}
	return 0;
}

/* ---- the view ----------------------------------------------------------- */

/* The selected row on the status line: a screen reader says it, and it
 * confirms the choice for everyone. */
static void say_selected(struct tui *t, const struct picker *p)
{
	if (t->status[0] && t->status_is_error)
		return;
	const struct listview *lv = &p->lv;
	if (lv->selected < 0 || lv->selected >= lv->count)
		return;
	tui_message(t, "%s  (Enter chooses it)", lv->rows[lv->selected].cells[0]);
}

static int choose(struct tui *t, struct picker *p, int step)
{
	struct record r;
	if (picker_selected(t, p, &r) != 0) {
		record_clear(&r);
		return VIEW_HANDLED;
	}
	int flags = p->chosen ? p->chosen(t, &r, step, p->ctx) : 0;
	record_clear(&r);
	return VIEW_CLOSE | flags;
}

static bool is_text_key(int key)
{
	return key >= ' ' && key < KEY_CODE_BASE && iswprint((wint_t)key);
}

/* Movement by the keys that cannot be text: arrows, pages, Home, End. */
static int move_key(struct tui *t, struct picker *p, enum action a)
{
	int page = p->lv.height > 1 ? p->lv.height - 1 : 1;
	switch (a) {
	case ACT_UP: picker_move(t, p, -1); break;
	case ACT_DOWN: picker_move(t, p, 1); break;
	case ACT_PAGE_UP: picker_move(t, p, -page); break;
	case ACT_PAGE_DOWN: picker_move(t, p, page); break;
	case ACT_HOME: listview_home(t, &p->lv); break;
	case ACT_END: listview_end(t, &p->lv); break;
	case ACT_NEXT_FIELD: return choose(t, p, +1);
	case ACT_PREV_FIELD: return choose(t, p, -1);
	case ACT_HELP:
	case ACT_REFRESH:
	case ACT_QUIT:
		return VIEW_IGNORED;
	default:
		break;   /* the view below must not act while choosing */
	}
	return VIEW_HANDLED;
}

static int picker_key(struct tui *t, void *state, enum action a, int key)
{
	struct picker *p = state;
	int flags = VIEW_HANDLED;
	if (key == KEY_ESCAPE || a == ACT_CANCEL) {
		tui_message(t, "nothing chosen");
		return VIEW_CLOSE;
	}
	/* Typed text wins over one-letter actions (j, k, q, /). */
	bool typing = is_text_key(key) || key == KEY_CODE_BASE + KEY_BACKSPACE || key == 127 || key == 8;
	if (!typing)
		listview_settle(t, &p->lv);   /* Enter typed ahead means the first match */
	if (key == '\n')
		return choose(t, p, 0);
	if (is_text_key(key)) {
		if (!picker_type(t, p, key))
			tui_error(t, "that is as much as the search holds");
	} else if (key == KEY_CODE_BASE + KEY_BACKSPACE || key == 127 || key == 8) {
		picker_backspace(t, p);
	} else {
		flags = move_key(t, p, a);
	}
	if (!(flags & VIEW_CLOSE))
		say_selected(t, p);
	return flags;
}

/* Returns the columns the line takes, for the cursor after it. */
static int draw_typed_line(const struct picker *p, WINDOW *box, int width)
{
	char line[LIST_FILTER_MAX + 64];
	snprintf(line, sizeof line, "Type part of a key or name: %s", p->lv.query.filter);
	tui_put(box, 1, 2, width - 4, line, A_NORMAL);
	return tui_width(line);
}

/* Replaces the listview's footer (which speaks of / and Esc as the list
 * screens use them) with what the keys do here. */
static void draw_footer(struct tui *t, const struct picker *p, WINDOW *list, int row)
{
	char line[160], count[48] = "";
	if (p->lv.total > LISTVIEW_COUNT_CAP && p->lv.query.filter[0])
		snprintf(count, sizeof count, "over %d found   ", LISTVIEW_COUNT_CAP);
	else if (p->lv.total >= 0)
		snprintf(count, sizeof count, "%lld found   ", (long long)p->lv.total);
	else if (p->lv.searching)
		snprintf(count, sizeof count, "searching…   ");
	else if (p->lv.counting)
		snprintf(count, sizeof count, "counting…   ");
	snprintf(line, sizeof line, " %sUp/Down: move   Enter or Tab: choose   Esc: cancel", count);
	tui_put(list, row, 0, getmaxx(list), line, tui_attr(t, COLOUR_DIM));
}

static void picker_draw(struct tui *t, void *state, WINDOW *w)
{
	struct picker *p = state;
	int width = getmaxx(w) - 4 < BOX_WIDTH ? getmaxx(w) - 4 : BOX_WIDTH;
	int height = getmaxy(w) - 2 < BOX_HEIGHT ? getmaxy(w) - 2 : BOX_HEIGHT;
	char title[96];
	snprintf(title, sizeof title, "Choose a %s", p->lv.query.kind->label);
	WINDOW *box = dialog_box(t, w, height, width, title);
	height = getmaxy(box);
	width = getmaxx(box);
	int typed = draw_typed_line(p, box, width);
	int rows = height - CHROME_ROWS;
	WINDOW *list = derwin(box, rows, width - 2, 2, 1);
	if (list == NULL)
		tui_fatal(EX_OSERR, "cannot make a window");
	listview_draw(t, &p->lv, list, 0, rows);
	draw_footer(t, p, list, rows - 1);
	int by, bx, wy, wx;
	getbegyx(box, by, bx);
	getbegyx(w, wy, wx);
	if (t->plain && p->lv.selected >= 0) {
		p->box_row = by - wy + 2 + 1 + (p->lv.selected - p->lv.top);
		p->box_col = bx - wx + 1;
	} else {
		p->box_row = by - wy + 1;
		p->box_col = bx - wx + 2 + (typed < width - 4 ? typed : width - 5);
	}
	wnoutrefresh(box);
	delwin(list);
	delwin(box);
}

static bool picker_cursor(struct tui *t, void *state, int *row, int *col)
{
	(void)t;
	struct picker *p = state;
	*row = p->box_row;
	*col = p->box_col;
	return true;
}

static const enum action picker_hints[] = {ACT_NONE};

static const struct view_ops picker_ops = {
	"picker", NULL, picker_key, picker_draw, NULL, picker_hints, picker_cursor, SCOPE_FORM,
};

void picker_open(struct tui *t, const struct kind *k, const char *initial,
                 picker_chosen_fn chosen, void *ctx)
{
	struct picker *p = tui_alloc(sizeof *p);
	picker_init(t, p, k, initial);
	p->chosen = chosen;
	p->ctx = ctx;
	tui_push(t, &picker_ops, p);
	say_selected(t, p);
}
