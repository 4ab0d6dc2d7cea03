#include "tui/dialog.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

WINDOW *dialog_box(struct tui *t, WINDOW *w, int height, int width, const char *title)
{
	int wh = getmaxy(w), ww = getmaxx(w);
	if (width > ww)
		width = ww;
	if (height > wh)
		height = wh;
	WINDOW *box = derwin(w, height, width, (wh - height) / 2, (ww - width) / 2);
	if (box == NULL)
		tui_fatal(EX_OSERR, "cannot make a window");
	werase(box);
	if (!t->plain)
		box(box, 0, 0);
	else
		tui_put(box, 0, 0, width, "", A_REVERSE);
	if (title) {
		char text[128];
		snprintf(text, sizeof text, " %s ", title);
		int len = tui_width(text);
		tui_put(box, 0, 2, len < width - 4 ? len : width - 4, text, A_BOLD | (t->plain ? A_REVERSE : 0));
	}
	return box;
}

/* ---- yes / no ----------------------------------------------------------- */

struct confirm {
	char question[256];
	dialog_yes_fn yes;
	void *ctx;
};

static int confirm_key(struct tui *t, void *state, enum action a, int key)
{
	struct confirm *c = state;
	(void)a;
	if (key == 'y' || key == 'Y')
		return VIEW_CLOSE | c->yes(t, c->ctx);
	if (key == 'n' || key == 'N' || key == 27 || key == '\n' || a == ACT_BACK || a == ACT_CANCEL) {
		tui_message(t, "nothing changed");
		return VIEW_CLOSE;
	}
	return VIEW_HANDLED;   /* a question must be answered */
}

static void confirm_draw(struct tui *t, void *state, WINDOW *w)
{
	struct confirm *c = state;
	int width = tui_width(c->question) + 6;
	if (width < 40)
		width = 40;
	if (width > getmaxx(w))
		width = getmaxx(w);
	/* A question wider than the screen (a warning naming a record) wraps. */
	char lines[4][TUI_LINE_MAX];
	int n = tui_wrap(c->question, width - 4, lines, 4);
	if (n > 4)
		n = 4;
	WINDOW *box = dialog_box(t, w, 4 + n, width, "Please confirm");
	width = getmaxx(box);
	for (int i = 0; i < n; i++)
		tui_put(box, 1 + i, 2, width - 4, lines[i], A_NORMAL);
	tui_put(box, 2 + n, 2, width - 4, "y: yes    n, Esc or Enter: no", A_BOLD);
	wnoutrefresh(box);
	delwin(box);
}

static const enum action no_hints[] = {ACT_NONE};

static const struct view_ops confirm_ops = {
	"confirm", NULL, confirm_key, confirm_draw, NULL, no_hints, NULL, SCOPE_FORM,
};

void dialog_confirm(struct tui *t, const char *question, dialog_yes_fn yes, void *ctx)
{
	struct confirm *c = tui_alloc(sizeof *c);
	snprintf(c->question, sizeof c->question, "%s", question);
	c->yes = yes;
	c->ctx = ctx;
	tui_push(t, &confirm_ops, c);
}

/* ---- one line of text --------------------------------------------------- */

struct prompt {
	char question[128];
	wchar_t text[128];
	int length;
	int cursor_col;
	int box_row, box_col;
	dialog_text_fn done;
	void *ctx;
};

static int prompt_submit(struct tui *t, struct prompt *p)
{
	char text[512];
	mbstate_t ps = {0};
	const wchar_t *src = p->text;
	p->text[p->length] = L'\0';
	size_t n = wcsrtombs(text, &src, sizeof text - 1, &ps);
	text[n == (size_t)-1 ? 0 : n] = '\0';
	int flags = p->done(t, text, p->ctx);
	return flags < 0 ? VIEW_HANDLED : VIEW_CLOSE | flags;
}

static int prompt_key(struct tui *t, void *state, enum action a, int key)
{
	struct prompt *p = state;
	if (key == 27 || a == ACT_CANCEL) {
		tui_message(t, "nothing changed");
		return VIEW_CLOSE;
	}
	if (key == '\n')
		return prompt_submit(t, p);
	if (key == KEY_CODE_BASE + KEY_BACKSPACE || key == 127 || key == 8) {
		if (p->length > 0)
			p->length--;
	} else if (key >= ' ' && key < KEY_CODE_BASE && p->length < 127) {
		p->text[p->length++] = (wchar_t)key;
	}
	return VIEW_HANDLED;
}

static void prompt_draw(struct tui *t, void *state, WINDOW *w)
{
	struct prompt *p = state;
	int width = 60;
	WINDOW *box = dialog_box(t, w, 5, width, p->question);
	p->text[p->length] = L'\0';
	char text[512];
	mbstate_t ps = {0};
	const wchar_t *src = p->text;
	size_t n = wcsrtombs(text, &src, sizeof text - 1, &ps);
	text[n == (size_t)-1 ? 0 : n] = '\0';
	tui_put(box, 2, 2, width - 4, text, A_UNDERLINE);
	tui_put(box, 3, 2, width - 4, "Enter: done   Esc: cancel", A_DIM);
	int y, x;
	getbegyx(box, y, x);
	int wy, wx;
	getbegyx(w, wy, wx);
	p->box_row = y - wy + 2;
	p->box_col = x - wx + 2 + wcswidth(p->text, (size_t)p->length);
	wnoutrefresh(box);
	delwin(box);
}

static bool prompt_cursor(struct tui *t, void *state, int *row, int *col)
{
	(void)t;
	struct prompt *p = state;
	*row = p->box_row;
	*col = p->box_col;
	return true;
}

static const struct view_ops prompt_ops = {
	"prompt", NULL, prompt_key, prompt_draw, NULL, no_hints, prompt_cursor, SCOPE_FORM,
};

void dialog_prompt(struct tui *t, const char *question, const char *initial,
                   dialog_text_fn done, void *ctx)
{
	struct prompt *p = tui_alloc(sizeof *p);
	snprintf(p->question, sizeof p->question, "%s", question);
	mbstate_t ps = {0};
	const char *src = initial ? initial : "";
	size_t n = mbsrtowcs(p->text, &src, 127, &ps);
	p->length = n == (size_t)-1 ? 0 : (int)n;
	p->done = done;
	p->ctx = ctx;
	tui_push(t, &prompt_ops, p);
}

int dialog_export_csv(struct tui *t, const char *path, dialog_csv_fn write, void *ctx,
                      const char *what)
{
	if (path[0] == '\0') {
		tui_error(t, "give a file name, or Esc to cancel");
		return -1;
	}
	/* "x": never overwrite a file someone may need. */
	FILE *out = fopen(path, "wx");
	if (out == NULL) {
		tui_error(t, "%s: %s", path, errno == EEXIST ? "already exists; give another name" : strerror(errno));
		return -1;
	}
	long rows = 0;
	struct error err = {0};
	int rc = write(t, ctx, out, &rows, &err);
	if (fclose(out) != 0 && rc == 0)
		rc = error_set(&err, EX_IOERR, "%s: %s", path, strerror(errno));
	if (rc != 0)
		tui_error(t, "export failed: %s", err.msg);
	else
		tui_message(t, "exported %ld %s to %s", rows, what, path);
	return VIEW_HANDLED;
}
