#include "tui/dialog.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
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
		tui_put_cut(box, 0, 2, len < width - 4 ? len : width - 4, text,
		            A_BOLD | (t->plain ? A_REVERSE : 0));
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

/* Room for a path as long as people type (PATH_MAX is far more). */
#define PROMPT_MAX 1024

struct prompt {
	char question[128];
	char note[256];            /* a line under the text, or "" */
	wchar_t text[PROMPT_MAX];
	int length;
	int cursor_col;
	int box_row, box_col;
	dialog_text_fn done;
	void *ctx;
};

/* p's text as UTF-8 in text (of len bytes). */
static void prompt_text(struct prompt *p, char *text, size_t len)
{
	mbstate_t ps = {0};
	const wchar_t *src = p->text;
	p->text[p->length] = L'\0';
	size_t n = wcsrtombs(text, &src, len - 1, &ps);
	text[n == (size_t)-1 ? 0 : n] = '\0';
}

static int prompt_submit(struct tui *t, struct prompt *p)
{
	char text[PROMPT_MAX * 4];
	prompt_text(p, text, sizeof text);
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
	} else if (key >= ' ' && key < KEY_CODE_BASE && p->length < PROMPT_MAX - 1) {
		p->text[p->length++] = (wchar_t)key;
	}
	return VIEW_HANDLED;
}

/* As wide as the text and the note need, within the screen. */
static int prompt_width(const struct prompt *p, WINDOW *w)
{
	int want = wcswidth(p->text, (size_t)p->length) + 6;
	int note = tui_width(p->note) + 4;
	if (want < note)
		want = note;
	/* The question is the box's title: wide enough to show it whole. */
	int question = tui_width(p->question) + 8;
	if (want < question)
		want = question;
	if (want < 60)
		want = 60;
	int room = getmaxx(w) - 2;
	return want < room ? want : room;
}

static void prompt_draw(struct tui *t, void *state, WINDOW *w)
{
	struct prompt *p = state;
	bool noted = p->note[0] != '\0';
	int width = prompt_width(p, w);
	WINDOW *box = dialog_box(t, w, noted ? 6 : 5, width, p->question);
	width = getmaxx(box);
	p->text[p->length] = L'\0';
	/* A text wider than the box shows its end, where the cursor is. */
	int first = 0;
	while (first < p->length && wcswidth(p->text + first, (size_t)(p->length - first)) > width - 5)
		first++;
	char text[PROMPT_MAX * 4];
	mbstate_t ps = {0};
	const wchar_t *src = p->text + first;
	size_t n = wcsrtombs(text, &src, sizeof text - 1, &ps);
	text[n == (size_t)-1 ? 0 : n] = '\0';
	tui_put(box, 2, 2, width - 4, text, A_UNDERLINE);
	if (noted)
		tui_put(box, 3, 2, width - 4, p->note, A_NORMAL);
	tui_put(box, noted ? 4 : 3, 2, width - 4, "Enter: done   Esc: cancel", A_DIM);
	int y, x;
	getbegyx(box, y, x);
	int wy, wx;
	getbegyx(w, wy, wx);
	p->box_row = y - wy + 2;
	p->box_col = x - wx + 2 + wcswidth(p->text + first, (size_t)(p->length - first));
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

static void prompt_open(struct tui *t, const char *question, const char *initial, const char *note,
                        dialog_text_fn done, void *ctx)
{
	struct prompt *p = tui_alloc(sizeof *p);
	snprintf(p->question, sizeof p->question, "%s", question);
	snprintf(p->note, sizeof p->note, "%s", note ? note : "");
	mbstate_t ps = {0};
	const char *src = initial ? initial : "";
	size_t n = mbsrtowcs(p->text, &src, PROMPT_MAX - 1, &ps);
	p->length = n == (size_t)-1 ? 0 : (int)n;
	p->done = done;
	p->ctx = ctx;
	tui_push(t, &prompt_ops, p);
}

void dialog_prompt(struct tui *t, const char *question, const char *initial,
                   dialog_text_fn done, void *ctx)
{
	prompt_open(t, question, initial, NULL, done, ctx);
}

/* ---- export ----------------------------------------------------------------- */

void dialog_export_default(const char *name, const char *download_dir, char *path, size_t len,
                           char *note, size_t note_len)
{
	struct stat st;
	char cwd[PATH_MAX];
	/* The XDG base directory rules: a relative path is to be ignored. */
	if (download_dir && download_dir[0] == '/' && stat(download_dir, &st) == 0 &&
	    S_ISDIR(st.st_mode)) {
		snprintf(path, len, "%s%s%s", download_dir,
		         download_dir[strlen(download_dir) - 1] == '/' ? "" : "/", name);
		snprintf(note, note_len, "In your downloads folder ($XDG_DOWNLOAD_DIR); ~ is your home");
		return;
	}
	if (getcwd(cwd, sizeof cwd) == NULL)
		snprintf(cwd, sizeof cwd, ".");
	snprintf(path, len, "%s%s%s", cwd, strcmp(cwd, "/") == 0 ? "" : "/", name);
	snprintf(note, note_len, "In the current folder (%s); ~ is your home",
	         download_dir && *download_dir ? "$XDG_DOWNLOAD_DIR is not a folder"
	                                       : "$XDG_DOWNLOAD_DIR is not set");
}

bool dialog_expand_home(const char *typed, const char *home, char *out, size_t len)
{
	int n;
	if (typed[0] != '~') {
		n = snprintf(out, len, "%s", typed);
		return n >= 0 && (size_t)n < len;
	}
	const char *rest = typed + 1 + strcspn(typed + 1, "/");
	const char *dir = home;
	if (rest > typed + 1) {
		/* ~login/...: that login's home. */
		char login[256];
		snprintf(login, sizeof login, "%.*s", (int)(rest - typed - 1), typed + 1);
		struct passwd *pw = getpwnam(login);
		dir = pw ? pw->pw_dir : NULL;
	} else if (dir == NULL || dir[0] == '\0') {
		struct passwd *pw = getpwuid(getuid());
		dir = pw ? pw->pw_dir : NULL;
	}
	if (dir == NULL) {
		n = snprintf(out, len, "%s", typed);
		return n >= 0 && (size_t)n < len;
	}
	n = snprintf(out, len, "%s%s", dir, rest);
	return n >= 0 && (size_t)n < len;
}

FILE *dialog_create_private(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return NULL;
	/* The umask can only take bits away, and may take the owner's. */
	FILE *out = fchmod(fd, 0600) == 0 ? fdopen(fd, "w") : NULL;
	if (out == NULL) {
		int saved = errno;
		close(fd);
		unlink(path);
		errno = saved;
	}
	return out;
}

void dialog_export_prompt(struct tui *t, const char *question, const char *name,
                          dialog_text_fn done, void *ctx)
{
	char path[PATH_MAX], note[256];
	dialog_export_default(name, getenv("XDG_DOWNLOAD_DIR"), path, sizeof path, note, sizeof note);
	prompt_open(t, question, path, note, done, ctx);
}

int dialog_export_csv(struct tui *t, const char *typed, dialog_csv_fn write, void *ctx,
                      const char *what)
{
	char path[PATH_MAX];
	if (typed[0] == '\0') {
		tui_error(t, "give a file name, or Esc to cancel");
		return -1;
	}
	if (!dialog_expand_home(typed, getenv("HOME"), path, sizeof path)) {
		tui_error(t, "%s: the name is too long", typed);
		return -1;
	}
	/* Never overwrite a file someone may need. */
	FILE *out = dialog_create_private(path);
	if (out == NULL) {
		tui_error(t, "%s: %s", path, errno == EEXIST ? "already exists; give another name" : strerror(errno));
		return -1;
	}
	char *full = realpath(path, NULL);
	long rows = 0;
	struct error err = {0};
	int rc = write(t, ctx, out, &rows, &err);
	if (fclose(out) != 0 && rc == 0)
		rc = error_set(&err, EX_IOERR, "%s: %s", path, strerror(errno));
	if (rc != 0) {
		unlink(path);   /* half a file would pass for the whole */
		tui_error(t, "export failed: %s", err.msg);
	} else {
		tui_message(t, "exported %ld %s to %s", rows, what, full ? full : path);
	}
	free(full);
	return VIEW_HANDLED;
}
