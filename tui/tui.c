#include "tui/tui.h"

#include <locale.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>

#include "core/store.h"
#include "tui/screens.h"
#include "tui/tabs.h"
#include "util/clock.h"

#define MIN_COLS 80
#define MIN_LINES 24
#define STACK_MAX 8
/* How long the input loop waits for a key before it looks whether
 * another process changed the database: a change shows within a second,
 * and the look (PRAGMA data_version) reads no table. */
#define IDLE_CHECK_MS 500
#define KEY_ESCAPE 27

struct view {
	const struct view_ops *ops;
	void *state;
	bool loaded;
	struct store_mark mark;   /* where the database stood when it loaded */
	view_offers_fn *offers;   /* NULL: every action */
};

/* Each tab keeps its own stack, so a half-done form on one survives a
 * look at another. */
struct tab_stack {
	struct view views[STACK_MAX];
	int depth;
};

struct manager {
	struct tui t;
	struct tab_stack tabs[TAB_COUNT];   /* empty for tabs the role does not see */
	enum tab_id current;
	bool curses_on;
	int64_t data_version;   /* as last seen: another process's commit moves it */
	tui_slice_fn slice;                 /* work for between keys, asked for by */
	void *slice_ctx;                    /* the last draw; NULL: none */
};

/* tui_push and tui_fatal reach the one manager through this. */
static struct manager *active;

_Noreturn void tui_fatal(int code, const char *why)
{
	if (active && active->curses_on)
		endwin();
	fprintf(stderr, "sendesk: %s\n", why);
	exit(code);
}

static void *checked_calloc(size_t n)
{
	void *p = calloc(1, n ? n : 1);
	if (p == NULL)
		tui_fatal(EX_OSERR, "out of memory");
	return p;
}

void tui_push_offering(struct tui *t, const struct view_ops *ops, void *state,
                       view_offers_fn *offers)
{
	(void)t;
	struct tab_stack *stack = &active->tabs[active->current];
	if (stack->depth == STACK_MAX)
		tui_fatal(EX_SOFTWARE, "too many views open");
	stack->views[stack->depth++] = (struct view){.ops = ops, .state = state, .offers = offers};
}

void tui_push(struct tui *t, const struct view_ops *ops, void *state)
{
	tui_push_offering(t, ops, state, NULL);
}

static void close_top(struct manager *m)
{
	struct tab_stack *stack = &m->tabs[m->current];
	struct view *v = &stack->views[--stack->depth];
	if (v->ops->done)
		v->ops->done(&m->t, v->state);
	free(v->state);
}

static void set_status(struct tui *t, bool is_error, const char *fmt, va_list ap)
{
	vsnprintf(t->status, sizeof t->status, fmt, ap);
	snprintf(t->last_message, sizeof t->last_message, "%s", t->status);
	t->status_is_error = is_error;
}

void tui_message(struct tui *t, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_status(t, false, fmt, ap);
	va_end(ap);
}

void tui_error(struct tui *t, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_status(t, true, fmt, ap);
	va_end(ap);
}

static const short colour_pairs[COLOUR_COUNT][2] = {
	[COLOUR_NORMAL] = {-1, -1},
	[COLOUR_TITLE] = {COLOR_WHITE, COLOR_BLUE},
	[COLOUR_SELECTED] = {COLOR_BLACK, COLOR_CYAN},
	[COLOUR_STATUS] = {COLOR_WHITE, COLOR_BLUE},
	[COLOUR_ERROR] = {COLOR_WHITE, COLOR_RED},
	[COLOUR_WARN] = {COLOR_YELLOW, -1},
	[COLOUR_GOOD] = {COLOR_GREEN, -1},
	[COLOUR_GAP] = {COLOR_WHITE, COLOR_RED},
	[COLOUR_OVERLAP] = {COLOR_BLACK, COLOR_YELLOW},
	[COLOUR_DIM] = {COLOR_BLUE, -1},
};

/* Without colour, emphasis still shows selection and errors. */
static const attr_t mono_attrs[COLOUR_COUNT] = {
	[COLOUR_TITLE] = A_REVERSE, [COLOUR_SELECTED] = A_REVERSE, [COLOUR_STATUS] = A_REVERSE,
	[COLOUR_ERROR] = A_REVERSE | A_BOLD, [COLOUR_WARN] = A_BOLD, [COLOUR_GAP] = A_BOLD,
	[COLOUR_OVERLAP] = A_BOLD, [COLOUR_DIM] = A_DIM,
};

attr_t tui_attr(const struct tui *t, enum tui_colour c)
{
	if (!t->colour)
		return mono_attrs[c];
	return c == COLOUR_NORMAL ? A_NORMAL : COLOR_PAIR(c) | (c == COLOUR_SELECTED ? A_BOLD : 0);
}

static void start_colours(struct tui *t)
{
	if (!t->colour || !has_colors()) {
		t->colour = false;
		return;
	}
	start_color();
	use_default_colors();
	for (short i = 1; i < COLOUR_COUNT; i++)
		init_pair(i, colour_pairs[i][0], colour_pairs[i][1]);
}

int tui_scroll(int *top, int lines, int height, enum action a)
{
	int page = height > 1 ? height - 1 : 1;
	switch (a) {
	case ACT_UP: *top -= 1; break;
	case ACT_DOWN: *top += 1; break;
	case ACT_PAGE_UP: *top -= page; break;
	case ACT_PAGE_DOWN: *top += page; break;
	case ACT_HOME: *top = 0; break;
	case ACT_END: *top = lines; break;
	default: return VIEW_IGNORED;
	}
	if (*top > lines - height)
		*top = lines - height;
	if (*top < 0)
		*top = 0;
	return VIEW_HANDLED;
}

/* The first key bound to a tab's action, as the bar shows it. */
static void tab_key_name(const struct tui *t, enum tab_id tab, char *buf, size_t len)
{
	keymap_describe(&t->keymap, action_of_tab(tab), buf, len);
	char *comma = strchr(buf, ',');
	if (comma)
		*comma = '\0';
	if (buf[0] == '\0')
		snprintf(buf, len, "-");
}

/* Brand, tabs and login on the top line; the brand shortens, then the
 * login goes, before the tabs lose more than their names. */
static void draw_title(struct manager *m)
{
	struct tui *t = &m->t;
	attr_t title = tui_attr(t, COLOUR_TITLE);
	tui_put(stdscr, 0, 0, COLS, "", title);
	const struct tab_info *shown[TAB_COUNT];
	const char *keys[TAB_COUNT];
	char key_names[TAB_COUNT][32];
	int count = 0, current = 0;
	for (int i = 0; i < TAB_COUNT; i++) {
		if (!tab_seen_by((enum tab_id)i, t->s->role))
			continue;
		if (i == (int)m->current)
			current = count;
		tab_key_name(t, (enum tab_id)i, key_names[count], sizeof key_names[count]);
		keys[count] = key_names[count];
		shown[count++] = tab_info((enum tab_id)i);
	}
	char who[112], brand[128];
	bool read_only = session_read_only(t->s);
	snprintf(who, sizeof who, " %s (%s)%s ", t->s->login, role_name(t->s->role),
	         read_only ? " read-only" : "");
	snprintf(brand, sizeof brand, " sendesk · %s ", t->cfg->authority);
	struct tab_label labels[TAB_COUNT];
	int room = COLS - tui_width(who);
	int full = tab_layout(shown, keys, count, current, COLS * 4, labels);
	if (full > room - tui_width(brand))
		snprintf(brand, sizeof brand, " sendesk ");
	int used = tab_layout(shown, keys, count, current, room - tui_width(brand), labels);
	if (used > room - tui_width(brand)) {
		/* A read-only database is said even when the login gives way. */
		snprintf(who, sizeof who, "%s", read_only ? " read-only " : "");
		used = tab_layout(shown, keys, count, current, COLS - tui_width(who) - tui_width(brand),
		                  labels);
	}
	int col = tui_width(brand);
	tui_put(stdscr, 0, 0, col, brand, title | A_BOLD);
	for (int i = 0; i < count && col < COLS; i++) {
		attr_t a = i == current ? (title | A_BOLD | A_UNDERLINE) : title;
		int width = labels[i].width < COLS - col ? labels[i].width : COLS - col;
		tui_put(stdscr, 0, col, width, labels[i].text, a);
		col += width;
	}
	int width = tui_width(who);
	if (width > 0)
		tui_put(stdscr, 0, COLS - width, width, who, title);
}

static struct view *top(struct manager *m)
{
	struct tab_stack *stack = &m->tabs[m->current];
	return &stack->views[stack->depth - 1];
}

int tui_wrap(const char *text, int width, char (*lines)[TUI_LINE_MAX], int max)
{
	int count = 0;
	if (width < 1)
		width = 1;
	for (const char *p = text; *p;) {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		const char *end = p, *last_space = NULL;
		int cols = 0;
		mbstate_t ps = {0};
		while (*end) {
			wchar_t wc;
			size_t n = mbrtowc(&wc, end, MB_CUR_MAX, &ps);
			if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
				n = 1;
				wc = L'?';
				memset(&ps, 0, sizeof ps);
			}
			int cw = wcwidth(wc) < 0 ? 1 : wcwidth(wc);
			if (cols + cw > width && end > p)
				break;
			if (wc == L' ')
				last_space = end;
			cols += cw;
			end += n;
		}
		if (*end && *end != ' ' && last_space)
			end = last_space;
		if (count < max) {
			size_t n = (size_t)(end - p) < TUI_LINE_MAX ? (size_t)(end - p) : TUI_LINE_MAX - 1;
			memcpy(lines[count], p, n);
			lines[count][n] = '\0';
		}
		count++;
		p = end;
	}
	return count;
}

static unsigned view_scopes(const struct view *v)
{
	return v->ops->scopes ? v->ops->scopes | SCOPE_GLOBAL : SCOPE_ALL;
}

struct offer_context {
	struct tui *t;
	struct view *v;
};

static bool view_offers(enum action a, void *context)
{
	struct offer_context *c = context;
	return c->v->offers == NULL || c->v->offers(c->t, c->v->state, a);
}

/* The status line: the view's hints, or the last message; one too long
 * for the line is cut at a word, ending with the key that shows it all. */
static void status_line(struct manager *m, char *line, size_t len)
{
	struct tui *t = &m->t;
	if (t->status[0] == '\0') {
		struct view *v = top(m);
		struct tab_stack *stack = &m->tabs[m->current];
		struct offer_context c = {t, v};
		keymap_hints_offered(&t->keymap, view_scopes(v), v->ops->hints, stack->depth == 1,
		                     view_offers, &c, COLS - 1, line, len);
		return;
	}
	char lines[1][TUI_LINE_MAX];
	if (tui_wrap(t->status, COLS - 2, lines, 1) <= 1) {
		snprintf(line, len, " %s", t->status);
		return;
	}
	char keys[64], more[96];
	keymap_describe(&t->keymap, ACT_MESSAGE, keys, sizeof keys);
	char *comma = strchr(keys, ',');
	if (comma)
		*comma = '\0';
	snprintf(more, sizeof more, " ... (%s shows all)", keys[0] ? keys : "F3");
	tui_wrap(t->status, COLS - 2 - tui_width(more), lines, 1);
	snprintf(line, len, " %s%s", lines[0], more);
}

static void draw_status(struct manager *m)
{
	struct tui *t = &m->t;
	char line[sizeof m->t.status + 128];
	status_line(m, line, sizeof line);
	enum tui_colour c = t->status[0] && t->status_is_error ? COLOUR_ERROR : COLOUR_STATUS;
	tui_put(stdscr, LINES - 1, 0, COLS, line, tui_attr(t, c));
}

/* Fits any terminal down to 20x5: the long wording when it fits, wrapped,
 * else a short one. */
static void draw_too_small(void)
{
	erase();
	char text[256];
	char lines[16][TUI_LINE_MAX];
	snprintf(text, sizeof text,
	         "sendesk needs a terminal of at least %dx%d; this one is %dx%d. "
	         "Enlarge the window to go on, or press Q to quit.",
	         MIN_COLS, MIN_LINES, COLS, LINES);
	int count = tui_wrap(text, COLS, lines, 16);
	if (count > LINES) {
		snprintf(text, sizeof text, "Too small: %dx%d, needs %dx%d. Q quits.", COLS, LINES,
		         MIN_COLS, MIN_LINES);
		count = tui_wrap(text, COLS, lines, 16);
	}
	for (int i = 0; i < count && i < LINES && i < 16; i++)
		mvaddnstr(i, 0, lines[i], -1);
	refresh();
}

/* Which of the current tab's views load_views loads: those never
 * loaded; those too that were loaded before the database last changed
 * (a tab shown again: a look at another tab does not make a long report
 * run again when nothing changed); or every one. */
enum load_which { LOAD_NEW, LOAD_STALE, LOAD_ALL };

static void load_views(struct manager *m, enum load_which which)
{
	struct tab_stack *stack = &m->tabs[m->current];
	struct store_mark now = {-1, -1};
	struct error err = {0};
	if (which == LOAD_STALE && store_mark_now(m->t.s, &now, &err) != 0)
		which = LOAD_ALL;
	for (int i = 0; i < stack->depth; i++) {
		struct view *v = &stack->views[i];
		bool stale = which == LOAD_STALE &&
		             (v->mark.others != now.others || v->mark.own != now.own);
		if (v->loaded && which != LOAD_ALL && !stale)
			continue;
		if (v->ops->load)
			v->ops->load(&m->t, v->state);
		v->loaded = true;
		/* Taken after the load: a view whose load writes (a child's
		 * record opened is audited) is not stale by its own doing. */
		store_mark_now(m->t.s, &v->mark, NULL);
	}
}

static void place_cursor(struct manager *m, WINDOW *body)
{
	struct view *v = top(m);
	int row, col;
	if (v->ops->cursor && v->ops->cursor(&m->t, v->state, &row, &col)) {
		curs_set(1);
		/* get_wch refreshes stdscr, which puts the cursor where stdscr's
		 * own cursor is: keep the two together. */
		wmove(body, row, col);
		wcursyncup(body);
		wnoutrefresh(body);
	} else if (m->t.plain) {
		curs_set(1);
		wmove(body, 0, 0);
		wcursyncup(body);
		wnoutrefresh(body);
	} else {
		curs_set(0);
	}
}

static void draw(struct manager *m)
{
	if (COLS < MIN_COLS || LINES < MIN_LINES) {
		draw_too_small();
		return;
	}
	load_views(m, LOAD_NEW);
	erase();
	draw_title(m);
	draw_status(m);
	wnoutrefresh(stdscr);
	WINDOW *body = derwin(stdscr, LINES - 2, COLS, 1, 0);
	if (body == NULL)
		tui_fatal(EX_OSERR, "cannot make a window");
	struct tab_stack *stack = &m->tabs[m->current];
	for (int i = 0; i < stack->depth; i++)
		stack->views[i].ops->draw(&m->t, stack->views[i].state, body);
	wnoutrefresh(body);
	place_cursor(m, body);
	doupdate();
	delwin(body);
}

bool tui_want_slice(struct tui *t, tui_slice_fn slice, void *ctx)
{
	(void)t;
	if (active == NULL || !active->curses_on)
		return false;
	active->slice = slice;
	active->slice_ctx = ctx;
	return true;
}

/* The terminal's bytes wait in the kernel until curses reads them, one
 * at a time, for the key it is decoding. */
bool tui_key_waiting(void *unused)
{
	(void)unused;
	struct pollfd in = {.fd = STDIN_FILENO, .events = POLLIN};
	return poll(&in, 1, 0) > 0;
}

/* Whether the terminal has gone (the SSH link dropped, the terminal
 * window closed): curses then answers every read at once with no key.
 * A process that ignores SIGHUP (started through runuser or nohup) would
 * otherwise wait for keys that never come, using a whole processor. */
static bool terminal_gone(void)
{
	struct pollfd in = {.fd = STDIN_FILENO, .events = POLLIN};
	return poll(&in, 1, 0) > 0 && (in.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0;
}

/* Reads one key as the keymap's int. */
static int read_key(void)
{
	wint_t ch;
	int kind = get_wch(&ch);
	if (kind == ERR)
		return -1;
	if (kind == KEY_CODE_YES)
		return ch == KEY_ENTER ? '\n' : KEY_CODE_BASE + (int)ch;
	return ch == '\r' ? '\n' : (int)ch;
}

static void switch_tab(struct manager *m, enum tab_id tab)
{
	if (!tab_seen_by(tab, m->t.s->role)) {
		tui_error(&m->t, "The %s tab is not open to the %s role.", tab_info(tab)->title,
		          role_name(m->t.s->role));
		return;
	}
	if (tab != m->current) {
		m->current = tab;
		load_views(m, LOAD_STALE);
	}
}

/* Keys the views leave alone: tabs, help, redraw, quitting. */
static void manager_key(struct manager *m, enum action a, int flags)
{
	struct tab_stack *stack = &m->tabs[m->current];
	int closing = (flags & VIEW_CLOSE ? 1 : 0) + (flags & VIEW_CLOSE_BELOW ? 1 : 0);
	for (int i = 0; i < closing; i++) {
		if (stack->depth > 1)
			close_top(m);
		else
			m->t.running = false;
	}
	if (flags & VIEW_QUIT)
		m->t.running = false;
	if (flags & VIEW_RELOAD)
		load_views(m, LOAD_ALL);
	if (flags != VIEW_IGNORED)
		return;
	if (tab_of_action(a) >= 0) {
		switch_tab(m, (enum tab_id)tab_of_action(a));
		return;
	}
	switch (a) {
	case ACT_NEXT_TAB:
		switch_tab(m, tab_step(m->current, +1, m->t.s->role));
		break;
	case ACT_PREV_TAB:
		switch_tab(m, tab_step(m->current, -1, m->t.s->role));
		break;
	case ACT_HELP:
		help_open(&m->t);
		break;
	case ACT_MESSAGE:
		message_open(&m->t);
		break;
	case ACT_REFRESH:
		clearok(curscr, TRUE);
		break;
	case ACT_BACK:
		manager_key(m, ACT_NONE, VIEW_CLOSE);
		break;
	case ACT_QUIT:
		m->t.running = false;
		break;
	default:
		break;
	}
}

static void handle_key(struct manager *m, int key)
{
	struct view *v = top(m);
	enum action a = keymap_lookup_in(&m->t.keymap, key, view_scopes(v));
	if (COLS < MIN_COLS || LINES < MIN_LINES) {
		if (a == ACT_QUIT || key == 'Q')
			m->t.running = false;
		return;
	}
	m->t.status[0] = '\0';
	m->t.scopes = view_scopes(v);
	int flags = v->ops->key ? v->ops->key(&m->t, v->state, a, key) : VIEW_IGNORED;
	manager_key(m, a, flags);
}

/* Reloads the views of the tab on screen when another process changed
 * the database since the last look; each keeps its selection on the same
 * record.  True when something was reloaded (then the screen redraws). */
static bool notice_changes(struct manager *m)
{
	int64_t version;
	struct error err = {0};
	if (store_data_version(m->t.s, &version, &err) != 0 || version == m->data_version)
		return false;
	m->data_version = version;
	if (COLS >= MIN_COLS && LINES >= MIN_LINES)
		load_views(m, LOAD_ALL);
	/* Other tabs reload when they are shown again (switch_tab). */
	return true;
}

bool tui_keep_waiting(struct tui *t, const char *note)
{
	tui_message(t, "%s", note);
	if (active && COLS >= MIN_COLS && LINES >= MIN_LINES) {
		draw_status(active);
		wnoutrefresh(stdscr);
		doupdate();
	}
	bool cancelled = false;
	wtimeout(stdscr, 0);
	for (int key; (key = read_key()) >= 0;) {
		enum action a = keymap_lookup_in(&t->keymap, key, SCOPE_FORM | SCOPE_GLOBAL);
		if (key == KEY_ESCAPE || a == ACT_CANCEL)
			cancelled = true;
	}
	wtimeout(stdscr, IDLE_CHECK_MS);
	return !cancelled;
}

bool tui_watch_stop(void *ctx)
{
	struct tui_watch *w = ctx;
	long now = (long)(clock_us() / 1000);
	if (now < w->next_ms)
		return false;
	w->next_ms = now + TUI_WATCH_MS;
	return !tui_keep_waiting(w->t, w->note);
}

void tui_watch_end(struct tui_watch *w)
{
	if (strcmp(w->t->status, w->note) == 0)
		w->t->status[0] = '\0';
}

static void open_tabs(struct manager *m)
{
	for (int i = 0; i < TAB_COUNT; i++)
		if (tab_seen_by((enum tab_id)i, m->t.s->role)) {
			m->current = (enum tab_id)i;
			tab_info(m->current)->open(&m->t);
		}
	m->current = tab_first_for(m->t.s->role);
}

static void close_all(struct manager *m)
{
	for (int i = 0; i < TAB_COUNT; i++) {
		m->current = (enum tab_id)i;
		while (m->tabs[i].depth > 0)
			close_top(m);
	}
}

static void start_curses(struct manager *m)
{
	if (initscr() == NULL)
		tui_fatal(EX_UNAVAILABLE, "cannot start the terminal screen");
	m->curses_on = true;
	cbreak();
	/* ^S saves a form: it must reach sendesk, not stop the terminal's
	 * output (endwin gives the terminal its own settings back). */
	struct termios tio;
	if (tcgetattr(STDIN_FILENO, &tio) == 0) {
		tio.c_iflag &= ~(tcflag_t)IXON;
		tcsetattr(STDIN_FILENO, TCSANOW, &tio);
		def_prog_mode();
	}
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(m->t.cfg->escape_delay_ms);
	wtimeout(stdscr, IDLE_CHECK_MS);
	start_colours(&m->t);
}

int tui_run(struct session *s, const struct settings *cfg, bool plain, struct error *err)
{
	static struct manager m;
	memset(&m, 0, sizeof m);
	m.t.s = s;
	m.t.cfg = cfg;
	m.t.plain = plain || cfg->plain;
	m.t.colour = cfg->colour;
	int rc = keymap_init(&m.t.keymap, cfg, err);
	if (rc != 0)
		return rc;
	active = &m;
	start_curses(&m);
	open_tabs(&m);
	if (text_locale_note())
		tui_message(&m.t, "%s", text_locale_note());
	m.t.running = true;
	struct error ignored = {0};
	store_data_version(s, &m.data_version, &ignored);
	bool stale = true;
	while (m.t.running) {
		if (stale) {
			m.slice = NULL;
			draw(&m);
		}
		if (m.slice != NULL && !tui_key_waiting(NULL)) {
			m.slice(&m.t, m.slice_ctx);
			stale = true;
			continue;
		}
		int key = read_key();
		if (key < 0 && terminal_gone())
			break;   /* a half-done form is dropped: nobody is there to ask */
		stale = key >= 0 || notice_changes(&m);
		if (key == KEY_CODE_BASE + KEY_RESIZE || key < 0)
			continue;
		handle_key(&m, key);
	}
	close_all(&m);
	endwin();
	m.curses_on = false;
	active = NULL;
	return 0;
}

void *tui_alloc(size_t size)
{
	return checked_calloc(size);
}
