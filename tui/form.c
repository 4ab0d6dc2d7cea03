#include "tui/form.h"

#include <form.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>
#include <wctype.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/store.h"
#include "tui/dialog.h"
#include "tui/picker.h"

#define INPUT_MIN 10        /* columns of the narrowest input */
#define MESSAGE_MIN 24      /* columns kept beside the inputs for messages */
#define MESSAGE_WANT 40
#define CHROME_ROWS 3       /* title, footer, bottom border */
#define KEY_ESCAPE 27
/* Room for the longest text a kind allows (notes: 2000 characters, and
 * UTF-8 takes up to four bytes each), so editing never cuts a value. */
#define OPEN_TEXT_MAX 8192

/* ---- without a terminal ----------------------------------------------- */

void form_errors_clear(struct form_errors *errs)
{
	memset(errs, 0, sizeof *errs);
	errs->first = -1;
}

static void note(struct form_errors *errs, int i, const char *msg)
{
	if (errs->msg[i][0] == '\0')
		errs->count++;
	snprintf(errs->msg[i], sizeof errs->msg[i], "%s", msg);
	if (errs->first < 0 || i < errs->first)
		errs->first = i;
}

int form_fill_record(const struct kind *k, char *const *texts, struct record *r,
                     const struct settings *cfg, struct form_errors *errs)
{
	form_errors_clear(errs);
	for (int i = 0; i < k->field_count; i++) {
		struct error err = {0};
		if (record_set(r, i, texts[i] ? texts[i] : "", cfg, &err) != 0)
			note(errs, i, err.msg);
		else if (k->fields[i].required && !r->values[i].set)
			note(errs, i, "required");
	}
	return errs->count;
}

int form_store_error(const struct kind *k, const struct error *err, struct form_errors *errs)
{
	if (err->field < 1 || err->field > k->field_count)
		return -1;
	int i = err->field - 1;
	/* Beside its field, "end_date: " would only repeat where it is, and
	 * another field it names reads by its label ("Start"). */
	char msg[FORM_MSG_MAX];
	kind_reason_for_people(k, err, msg, sizeof msg);
	note(errs, i, msg);
	return i;
}

static int choice_count(const struct field *f, const struct settings *cfg)
{
	int n = 0;
	switch (f->type) {
	case FIELD_ENUM:
		while (f->choices && f->choices[n])
			n++;
		return n;
	case FIELD_YESNO:
		return 2;
	case FIELD_DISTRICT:
		return cfg ? cfg->district_count : 0;
	case FIELD_THERAPY:
		return cfg ? cfg->therapy_count : 0;
	default:
		return 0;
	}
}

/* Districts by name and therapy types by code: as record_text shows them. */
static const char *choice_at(const struct field *f, const struct settings *cfg, int i)
{
	static const char *const yes_no[] = {"yes", "no"};
	switch (f->type) {
	case FIELD_ENUM:
		return f->choices[i];
	case FIELD_YESNO:
		return yes_no[i];
	case FIELD_DISTRICT:
		return cfg->districts[i].name;
	default:
		return cfg->therapies[i].code;
	}
}

static int choice_index(const struct field *f, const struct settings *cfg, const char *text)
{
	if (text == NULL || *text == '\0')
		return -1;
	if (f->type == FIELD_DISTRICT) {
		const struct district *d = config_find_district(cfg, text);
		return d ? (int)(d - cfg->districts) : -1;
	}
	if (f->type == FIELD_THERAPY) {
		const struct therapy *th = config_find_therapy(cfg, text);
		return th ? (int)(th - cfg->therapies) : -1;
	}
	for (int i = 0; i < choice_count(f, cfg); i++)
		if (strcasecmp(choice_at(f, cfg, i), text) == 0)
			return i;
	return -1;
}

const char *form_cycle_choice(const struct field *f, const struct settings *cfg,
                              const char *current, int step)
{
	int n = choice_count(f, cfg);
	if (n == 0)
		return NULL;
	/* An optional field can be emptied again: "" sits before the first. */
	int blank = f->required ? 0 : 1;
	int at = choice_index(f, cfg, current);
	int pos;
	if (at >= 0)
		pos = at + blank;
	else if (blank && (current == NULL || *current == '\0'))
		pos = 0;
	else
		return choice_at(f, cfg, step > 0 ? 0 : n - 1);
	int total = n + blank;
	pos = ((pos + step) % total + total) % total;
	return pos < blank ? "" : choice_at(f, cfg, pos - blank);
}

void form_trim(char *text)
{
	size_t start = strspn(text, " \t");
	size_t end = strlen(text);
	/* ' ' and '\t' never occur inside a UTF-8 sequence, so byte tests are safe. */
	while (end > start && (text[end - 1] == ' ' || text[end - 1] == '\t'))
		end--;
	memmove(text, text + start, end - start);
	text[end - start] = '\0';
}

static void list_choices(const struct field *f, const struct settings *cfg, char *buf, size_t len)
{
	size_t used = (size_t)snprintf(buf, len, "one of: ");
	int n = choice_count(f, cfg);
	for (int i = 0; i < n && used < len; i++)
		used += (size_t)snprintf(buf + used, len - used, "%s%s", i ? ", " : "",
		                         choice_at(f, cfg, i));
	if (used < len)
		snprintf(buf + used, len - used, "%s (Left/Right to choose)",
		         f->required ? "" : ", or empty");
}

/* "the provider's key, e.g. a provider code". */
static void reference_hint(const struct field *f, char *buf, size_t len)
{
	const struct kind *target = kinds[f->target];
	char key[CONFIG_NAME_MAX] = "key";
	if (target->key_count > 0)
		snprintf(key, sizeof key, "%s", target->fields[target->key_fields[0]].label);
	for (char *c = key; *c; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c - 'A' + 'a');
	const char *article = strchr("aeiou", target->label[0]) ? "an" : "a";
	snprintf(buf, len, "the %s's key, e.g. %s %s %s", target->label, article, target->label, key);
}

void form_hint(const struct field *f, const struct settings *cfg, char *buf, size_t len)
{
	long long lo = (long long)f->min, hi = (long long)f->max;
	switch (f->type) {
	case FIELD_TEXT:
		snprintf(buf, len, "text, up to %lld characters", hi);
		break;
	case FIELD_DATE:
		snprintf(buf, len, "YYYY-MM-DD or DD/MM/YYYY");
		break;
	case FIELD_MONTH:
		snprintf(buf, len, "a month as YYYY-MM");
		break;
	case FIELD_MONEY:
		snprintf(buf, len, "pounds: 1234.50 or \xC2\xA3" "1,234.50");
		break;
	case FIELD_INTEGER:
		snprintf(buf, len, "a whole number from %lld to %lld", lo, hi);
		break;
	case FIELD_DECIMAL:
		snprintf(buf, len, "a number from %lld to %lld, up to two decimal places", lo, hi);
		break;
	case FIELD_ENUM:
	case FIELD_YESNO:
	case FIELD_DISTRICT:
	case FIELD_THERAPY:
		list_choices(f, cfg, buf, len);
		break;
	case FIELD_REFERENCE:
		reference_hint(f, buf, len);
		break;
	case FIELD_UPN:
		snprintf(buf, len, "a Unique Pupil Number: 13 characters, the check letter first");
		break;
	}
}

/* ---- the view ----------------------------------------------------------- */

struct form_view {
	const struct kind *kind;
	int64_t id;                          /* 0: adding */
	int64_t version;                     /* the stored version it saves over */
	char title[96];
	int hidden;                          /* field not shown, or -1 */
	form_saved_fn saved;
	void *ctx;
	struct form_options options;         /* hooks; title and fields copied out */
	char help[FORM_HELP_MAX];            /* the line above the footer, "" for none */
	bool asking;                         /* a warning's "save anyway?" is open */
	char *texts[KIND_MAX_FIELDS];        /* as typed; outlive a rebuild */
	char *initial[KIND_MAX_FIELDS];      /* as opened: was anything changed? */
	struct form_errors errs;
	/* What a picked reference names ("Lee Ashby"), beside its field
	 * until the field changes: a key alone means little to a reader. */
	char notes[KIND_MAX_FIELDS][LISTVIEW_CELL_MAX];
	int picking;                         /* the field the picker fills */
	/* Text the locale cannot show (LC_ALL=C and "Zoë"): the form library
	 * would read it back as blanks, so it is shown simplified, cannot be
	 * edited, and is kept as it was. */
	bool kept[KIND_MAX_FIELDS];
	int shown[KIND_MAX_FIELDS];          /* row -> field index */
	int shown_count;
	int current_row;
	int top;                             /* first row on screen */
	bool discarded;                      /* the user said yes to "Discard?" */
	/* Built by draw for one size of the body. */
	FORM *form;
	FIELD *fields[KIND_MAX_FIELDS + 1];
	WINDOW *pad;                         /* the rows: labels, inputs, messages */
	int built_lines, built_cols;
	int label_width, input_width, message_width;
	int visible;                         /* rows on screen */
	int origin_y, origin_x;              /* the pad's first cell in the body */
};

static char *dup_text(const char *text)
{
	char *copy = strdup(text ? text : "");
	if (copy == NULL)
		tui_fatal(EX_OSERR, "out of memory");
	return copy;
}

static bool is_ascii(const char *text)
{
	for (; *text; text++)
		if ((unsigned char)*text >= 0x80)
			return false;
	return true;
}

static const struct field *row_field(const struct form_view *f, int row)
{
	return &f->kind->fields[f->shown[row]];
}

/* One column more than the kind's width, for the cursor after the last
 * character: a full date then does not scroll its first digit away. */
static int field_columns(const struct form_view *f, int row)
{
	int width = row_field(f, row)->width + 1;
	if (width < INPUT_MIN)
		width = INPUT_MIN;
	return width < f->input_width ? width : f->input_width;
}

/* The rows around the fields: one more for a help line. */
static int chrome_rows(const struct form_view *f)
{
	return CHROME_ROWS + (f->help[0] ? 1 : 0);
}

/* Inputs as wide as the kind asks while messages keep MESSAGE_MIN
 * columns; long text scrolls inside its input. */
static void layout(struct form_view *f, int lines, int cols)
{
	int label = 0, input = INPUT_MIN;
	for (int row = 0; row < f->shown_count; row++) {
		const struct field *fd = row_field(f, row);
		int w = tui_width(fd->label) + (fd->required ? 2 : 0);
		if (w > label)
			label = w;
		if (fd->width + 1 > input)
			input = fd->width + 1;
	}
	int room = cols - 4 - label - 2;     /* borders and margins, two gaps */
	int message = room - input;
	if (message > MESSAGE_WANT)
		message = MESSAGE_WANT;
	if (message < MESSAGE_MIN) {
		message = MESSAGE_MIN;
		input = room - message;
	}
	if (input < INPUT_MIN) {
		input = INPUT_MIN;
		message = room - input > 0 ? room - input : 0;
	}
	f->label_width = label;
	f->input_width = input;
	f->message_width = message;
	f->visible = lines - chrome_rows(f);
	if (f->visible > f->shown_count)
		f->visible = f->shown_count;
	if (f->visible < 1)
		f->visible = 1;
	f->built_lines = lines;
	f->built_cols = cols;
}

static int pad_columns(const struct form_view *f)
{
	return f->label_width + 1 + f->input_width + 1 + f->message_width;
}

/* Puts field i's text into its input: as it is, or simplified and not
 * to be edited when the locale cannot show it (see kept). */
static void set_text(const struct form_view *f, FIELD *field, int i)
{
	if (f->kept[i]) {
		char shown[OPEN_TEXT_MAX];
		text_fit(f->texts[i], INT_MAX, false, shown, sizeof shown);
		set_field_buffer(field, 0, shown);
		field_opts_off(field, O_EDIT);
	} else {
		set_field_buffer(field, 0, f->texts[i]);
		field_opts_on(field, O_EDIT);
	}
}

static FIELD *make_field(const struct form_view *f, int row)
{
	int width = field_columns(f, row);
	FIELD *field = new_field(1, width, row, f->label_width + 1, 0, 0);
	if (field == NULL)
		tui_fatal(EX_OSERR, "out of memory");
	/* Not static and without a limit: long text scrolls sideways and is
	 * kept whole, so that text beyond the kind's limit is refused with
	 * the reason beside it (check_length, and again on save) rather
	 * than cut where nobody sees it. */
	field_opts_off(field, O_STATIC | O_AUTOSKIP | O_BLANK | O_WRAP);
	set_max_field(field, 0);
	set_field_back(field, A_UNDERLINE);
	set_text(f, field, f->shown[row]);
	return field;
}

static void build(struct form_view *f, int lines, int cols)
{
	layout(f, lines, cols);
	f->pad = newpad(f->shown_count, pad_columns(f));
	if (f->pad == NULL)
		tui_fatal(EX_OSERR, "cannot make a window");
	for (int row = 0; row < f->shown_count; row++)
		f->fields[row] = make_field(f, row);
	f->fields[f->shown_count] = NULL;
	f->form = new_form(f->fields);
	if (f->form == NULL)
		tui_fatal(EX_OSERR, "out of memory");
	/* A pad: the form library (and so a key handler driving it) changes
	 * only this off-screen window, never the terminal; draw copies the
	 * rows that fit into the box, so more fields than rows scroll. */
	set_form_win(f->form, f->pad);
	set_form_sub(f->form, f->pad);
	if (post_form(f->form) != E_OK)
		tui_fatal(EX_SOFTWARE, "cannot show the form");
	set_current_field(f->form, f->fields[f->current_row]);
	form_driver(f->form, REQ_END_FIELD);
}

static void unbuild(struct form_view *f)
{
	if (f->form == NULL)
		return;
	unpost_form(f->form);
	free_form(f->form);
	f->form = NULL;
	for (int row = 0; row < f->shown_count; row++) {
		free_field(f->fields[row]);
		f->fields[row] = NULL;
	}
	delwin(f->pad);
	f->pad = NULL;
}

/* Copies what is typed into f->texts, without the library's padding. */
static void sync_texts(struct form_view *f)
{
	if (f->form == NULL)
		return;
	/* The current field's window reaches its buffer only on validation. */
	form_driver(f->form, REQ_VALIDATION);
	for (int row = 0; row < f->shown_count; row++) {
		int i = f->shown[row];
		if (f->kept[i])
			continue;
		free(f->texts[i]);
		f->texts[i] = dup_text(field_buffer(f->fields[row], 0));
		form_trim(f->texts[i]);
	}
}

static bool changed(struct form_view *f)
{
	sync_texts(f);
	for (int i = 0; i < f->kind->field_count; i++)
		if (strcmp(f->texts[i], f->initial[i]) != 0)
			return true;
	return false;
}

static int row_of(const struct form_view *f, int i)
{
	for (int row = 0; row < f->shown_count; row++)
		if (f->shown[row] == i)
			return row;
	return -1;
}

/* ---- keys ------------------------------------------------------------- */

static int edit_externally(struct tui *t, struct form_view *f);

/* The first key bound to ACT_PICK ("F4" unless the keymap says else). */
static void pick_key_name(const struct tui *t, char *buf, size_t len)
{
	keymap_describe(&t->keymap, ACT_PICK, buf, len);
	buf[strcspn(buf, ",")] = '\0';
}

static void show_field_status(struct tui *t, const struct form_view *f)
{
	int i = f->shown[f->current_row];
	const struct field *fd = &f->kind->fields[i];
	if (f->errs.msg[i][0]) {
		tui_error(t, "%s: %s", fd->label, f->errs.msg[i]);
		return;
	}
	if (fd->type == FIELD_REFERENCE) {
		char keys[64];
		pick_key_name(t, keys, sizeof keys);
		tui_message(t, "%s: type its key, or press %s to choose from the %s", fd->label, keys,
		            kinds[fd->target]->name);
		return;
	}
	char hint[FORM_MSG_MAX];
	form_hint(fd, t->cfg, hint, sizeof hint);
	tui_message(t, "%s: %s", fd->label, hint);
}

/* The form library leaves a field it scrolled sideways scrolled after
 * the cursor leaves; setting its text again shows it from the start. */
static void show_from_start(struct form_view *f, int row)
{
	char *text = dup_text(field_buffer(f->fields[row], 0));
	form_trim(text);
	set_field_buffer(f->fields[row], 0, text);
	free(text);
}

static void name_reference(struct tui *t, struct form_view *f, int i);

/* After the current field changed: the cursor goes to the end of its
 * text, ready to add or correct, and the status line says what fits.
 * A reference typed into the field left is named beside it. */
static int field_entered(struct tui *t, struct form_view *f)
{
	int left = f->current_row;
	f->current_row = field_index(current_field(f->form));
	if (left != f->current_row) {
		show_from_start(f, left);
		sync_texts(f);
		name_reference(t, f, f->shown[left]);
	}
	form_driver(f->form, REQ_END_FIELD);
	show_field_status(t, f);
	return VIEW_HANDLED;
}

static int go_to_row(struct tui *t, struct form_view *f, int row)
{
	if (row < 0)
		row = 0;
	if (row >= f->shown_count)
		row = f->shown_count - 1;
	set_current_field(f->form, f->fields[row]);
	return field_entered(t, f);
}

static int step_field(struct tui *t, struct form_view *f, int request)
{
	form_driver(f->form, request);
	return field_entered(t, f);
}

static bool has_choices(const struct tui *t, const struct form_view *f)
{
	return choice_count(row_field(f, f->current_row), t->cfg) > 0;
}

/* A message stays beside its field until the field is changed: then it
 * may no longer be true, and the next save judges again. */
static void forget_field_message(struct form_view *f, int i)
{
	char *msg = f->errs.msg[i];
	if (msg[0]) {
		msg[0] = '\0';
		f->errs.count--;
	}
	f->notes[i][0] = '\0';
}

static void forget_message(struct form_view *f)
{
	forget_field_message(f, f->shown[f->current_row]);
}

/* The screen's hook after the user changed field i, with the texts as
 * typed. */
static void notify_changed(struct tui *t, struct form_view *f, int i)
{
	if (f->options.changed == NULL)
		return;
	sync_texts(f);
	f->options.changed(t, f, i, f->options.ctx);
}

/* ---- hooks' access to the fields ------------------------------------------ */

const char *form_field_text(const struct form_view *f, int field)
{
	return field >= 0 && field < f->kind->field_count ? f->texts[field] : "";
}

void form_set_field(struct form_view *f, int field, const char *text)
{
	if (field < 0 || field >= f->kind->field_count)
		return;
	free(f->texts[field]);
	f->texts[field] = dup_text(text);
	int row = row_of(f, field);
	if (f->form != NULL && row >= 0) {
		set_field_buffer(f->fields[row], 0, text);
		if (row == f->current_row)
			form_driver(f->form, REQ_END_FIELD);
	}
	forget_field_message(f, field);
}

void form_set_note(struct form_view *f, int field, const char *note)
{
	if (field >= 0 && field < f->kind->field_count)
		snprintf(f->notes[field], sizeof f->notes[field], "%s", note ? note : "");
}

/* The current field's text as typed, trimmed; the caller frees it. */
static char *current_text(struct form_view *f)
{
	/* The field's window reaches its buffer only on validation. */
	form_driver(f->form, REQ_VALIDATION);
	char *text = dup_text(field_buffer(f->fields[f->current_row], 0));
	form_trim(text);
	return text;
}

/* ---- a long text in $EDITOR ----------------------------------------------- */

/* Runs $VISUAL, else $EDITOR, else vi on a file of its own (mode 0600,
 * removed afterwards) holding text; the terminal is left to it and
 * restored after.  *out (the caller frees it) is the file's text with
 * its lines joined by spaces.  0, or -1 with why set. */
static int run_editor(const char *text, char **out, const char **why)
{
	const char *tmp = getenv("TMPDIR");
	char path[512];
	snprintf(path, sizeof path, "%s/sendesk-note-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	int fd = mkstemp(path);
	if (fd < 0) {
		*why = "cannot make a temporary file";
		return -1;
	}
	fchmod(fd, 0600);
	size_t len = strlen(text);
	bool written = write(fd, text, len) == (ssize_t)len && write(fd, "\n", 1) == 1;
	close(fd);
	if (!written) {
		unlink(path);
		*why = "cannot write the temporary file";
		return -1;
	}
	def_prog_mode();
	endwin();
	pid_t pid = fork();
	if (pid == 0) {
		execl("/bin/sh", "sh", "-c", "exec ${VISUAL:-${EDITOR:-vi}} \"$1\"", "sh", path, (char *)NULL);
		_exit(127);
	}
	int status = 0;
	while (pid > 0 && waitpid(pid, &status, 0) < 0)
		;
	reset_prog_mode();
	clearok(curscr, TRUE);
	if (pid < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		unlink(path);
		*why = pid < 0 ? "cannot start the editor" : "the editor failed; the note is as it was";
		return -1;
	}
	FILE *in = fopen(path, "r");
	char *buf = calloc(1, OPEN_TEXT_MAX);
	if (buf == NULL)
		tui_fatal(EX_OSERR, "out of memory");
	size_t n = in ? fread(buf, 1, OPEN_TEXT_MAX - 1, in) : 0;
	if (in)
		fclose(in);
	unlink(path);
	buf[n] = '\0';
	/* The form's field is one line. */
	for (char *c = buf; *c; c++)
		if (*c == '\n' || *c == '\r' || *c == '\t')
			*c = ' ';
	form_trim(buf);
	*out = buf;
	return 0;
}

static int edit_externally(struct tui *t, struct form_view *f)
{
	const struct field *fd = row_field(f, f->current_row);
	if (fd->type != FIELD_TEXT) {
		tui_error(t, "%s is not text: only a text field opens in the editor", fd->label);
		return VIEW_HANDLED;
	}
	char *text = current_text(f), *edited = NULL;
	const char *why = NULL;
	if (run_editor(text, &edited, &why) != 0) {
		tui_error(t, "%s: %s", fd->label, why);
	} else {
		int i = f->shown[f->current_row];
		form_set_field(f, i, edited);
		notify_changed(t, f, i);
		tui_message(t, "%s: edited (%d columns)", fd->label, tui_width(edited));
	}
	free(text);
	free(edited);
	return VIEW_HANDLED;
}

static int cycle(struct tui *t, struct form_view *f, int step)
{
	FIELD *field = f->fields[f->current_row];
	char *current = current_text(f);
	const char *next = form_cycle_choice(row_field(f, f->current_row), t->cfg, current, step);
	free(current);
	set_field_buffer(field, 0, next);
	form_driver(f->form, REQ_END_FIELD);
	forget_message(f);
	show_field_status(t, f);
	notify_changed(t, f, f->shown[f->current_row]);
	return VIEW_HANDLED;
}

/* Text longer than the kind allows is kept, and refused beside its field
 * at once in the words the save (and CSV import) use. */
static void check_length(struct tui *t, struct form_view *f)
{
	const struct field *fd = row_field(f, f->current_row);
	if (fd->type != FIELD_TEXT)
		return;
	char *text = current_text(f);
	struct record r;
	record_init(&r, f->kind);
	struct error err = {0};
	if (record_set(&r, f->shown[f->current_row], text, t->cfg, &err) != 0) {
		note(&f->errs, f->shown[f->current_row], err.msg);
		show_field_status(t, f);
	}
	record_clear(&r);
	free(text);
}

/* Whether the current field may be changed; says why not when not. */
static bool editable(struct tui *t, const struct form_view *f)
{
	if (!f->kept[f->shown[f->current_row]])
		return true;
	tui_error(t, "%s: this locale cannot show all its letters; edit it under a UTF-8 locale",
	          row_field(f, f->current_row)->label);
	return false;
}

static int type_char(struct tui *t, struct form_view *f, int key)
{
	if (!editable(t, f))
		return VIEW_HANDLED;
	if (form_driver_w(f->form, OK, (wchar_t)key) == E_REQUEST_DENIED) {
		tui_error(t, "%s is full", row_field(f, f->current_row)->label);
	} else {
		forget_message(f);
		check_length(t, f);
		notify_changed(t, f, f->shown[f->current_row]);
	}
	return VIEW_HANDLED;
}

static int edit(struct tui *t, struct form_view *f, int request)
{
	if ((request == REQ_DEL_PREV || request == REQ_DEL_CHAR) && !editable(t, f))
		return VIEW_HANDLED;
	if (form_driver(f->form, request) == E_OK &&
	    (request == REQ_DEL_PREV || request == REQ_DEL_CHAR)) {
		forget_message(f);
		check_length(t, f);
		notify_changed(t, f, f->shown[f->current_row]);
	}
	return VIEW_HANDLED;
}

/* ncurses 6.4 answers REQ_DEL_PREV at the very start of a field by
 * leaving the form's idea of the current field behind, so that what is
 * typed next lands in another field: at the start there is nothing to
 * delete anyway. */
static int backspace(struct tui *t, struct form_view *f)
{
	if (f->form->curcol == 0 && f->form->begincol == 0)
		return VIEW_HANDLED;
	return edit(t, f, REQ_DEL_PREV);
}

/* "contract C-1"; a kind without a key is named by its id. */
static void describe(const struct record *r, const struct settings *cfg, char *buf, size_t len)
{
	const struct kind *k = r->kind;
	size_t used = (size_t)snprintf(buf, len, "%s", k->label);
	if (k->key_count == 0)
		snprintf(buf + used, len - used, " #%lld", (long long)r->id);
	for (int n = 0; n < k->key_count && used < len; n++) {
		char text[RECORD_TEXT_MAX];
		used += (size_t)snprintf(buf + used, len - used, "%s%s", n ? ", " : " ",
		                         record_text(r, k->key_fields[n], cfg, text, sizeof text));
	}
}

static bool is_shown(const struct form_view *f, int i)
{
	return row_of(f, i) >= 0;
}

/* ---- choosing a reference from a list ------------------------------------ */

/* The name beside a reference from what the record is called, without
 * the key the field already shows: "Lee Ashby" for CH-0001. */
static void set_reference_note(struct form_view *f, int i, const struct record *target,
                               const struct settings *cfg, const char *key)
{
	char description[LISTVIEW_CELL_MAX];
	picker_describe(target, cfg, description, sizeof description);
	size_t key_len = strlen(key);
	const char *name = strncmp(description, key, key_len) == 0 ? description + key_len : description;
	snprintf(f->notes[i], sizeof f->notes[i], "%s", name + strspn(name, " "));
}

/* Names the record a reference field's text is the key of, when there is
 * one: the same in an edit form as after choosing from the picker. */
static void name_reference(struct tui *t, struct form_view *f, int i)
{
	const struct field *fd = &f->kind->fields[i];
	if (fd->type != FIELD_REFERENCE || f->texts[i][0] == '\0' || f->notes[i][0] || f->errs.msg[i][0])
		return;
	struct record r;
	record_init(&r, kinds[fd->target]);
	bool found = false;
	struct error err = {0};
	if (store_load_by_key(t->s, &r, f->texts[i], &found, &err) == 0 && found)
		set_reference_note(f, i, &r, t->cfg, f->texts[i]);
	record_clear(&r);
}

/* The picker's choice: its key goes into the field being picked, its
 * name beside it; chosen with Tab or BackTab, the form moves on as
 * those keys do in any field. */
static int picked(struct tui *t, const struct record *chosen, int step, void *ctx)
{
	struct form_view *f = ctx;
	int i = f->picking;
	char key[RECORD_TEXT_MAX], description[LISTVIEW_CELL_MAX];
	const char *text = record_text(chosen, chosen->kind->key_fields[0], t->cfg, key, sizeof key);
	free(f->texts[i]);
	f->texts[i] = dup_text(text);
	f->kept[i] = !text_shows_all() && !is_ascii(text);
	int row = row_of(f, i);
	if (f->form != NULL && row >= 0) {
		set_text(f, f->fields[row], i);
		if (row == f->current_row)
			form_driver(f->form, REQ_END_FIELD);
	}
	forget_field_message(f, i);
	notify_changed(t, f, i);
	picker_describe(chosen, t->cfg, description, sizeof description);
	set_reference_note(f, i, chosen, t->cfg, text);
	/* Chosen, the field is done: the form goes on as after Tab. */
	if (f->form != NULL && row == f->current_row && row + (step < 0 ? -1 : 1) >= 0 &&
	    row + (step < 0 ? -1 : 1) < f->shown_count)
		return step_field(t, f, step < 0 ? REQ_PREV_FIELD : REQ_NEXT_FIELD);
	tui_message(t, "%s: %s", f->kind->fields[i].label, description);
	return VIEW_HANDLED;
}

static int pick(struct tui *t, struct form_view *f, const char *initial)
{
	const struct field *fd = row_field(f, f->current_row);
	if (fd->type != FIELD_REFERENCE) {
		char keys[64];
		pick_key_name(t, keys, sizeof keys);
		tui_error(t, "%s is not chosen from a list; %s works on fields that name another record",
		          fd->label, keys);
		return VIEW_HANDLED;
	}
	f->picking = f->shown[f->current_row];
	picker_open(t, kinds[fd->target], initial, picked, f);
	return VIEW_HANDLED;
}

/* F4 searches for what the field holds.  Typing stays in the field (a
 * picker opened by a key would take the rest of what is typed, meant
 * for the form); a typed key is named beside its field when left. */
static int pick_current(struct tui *t, struct form_view *f)
{
	char *text = current_text(f);
	int flags = pick(t, f, text);
	free(text);
	return flags;
}

static int show_refusals(struct tui *t, struct form_view *f)
{
	for (int row = 0; row < f->shown_count; row++)
		if (f->errs.msg[f->shown[row]][0]) {
			go_to_row(t, f, row);
			break;
		}
	int n = f->errs.count, unseen = -1;
	for (int i = 0; i < f->kind->field_count && unseen < 0; i++)
		if (f->errs.msg[i][0] && !is_shown(f, i))
			unseen = i;
	if (unseen >= 0)
		tui_error(t, "%s: %s", f->kind->fields[unseen].label, f->errs.msg[unseen]);
	else
		tui_error(t, "%d field%s need%s attention", n, n == 1 ? "" : "s", n == 1 ? "s" : "");
	return VIEW_HANDLED;
}

static int show_store_error(struct tui *t, struct form_view *f, const struct error *err)
{
	int i = err->code == EX_NOPERM ? -1 : form_store_error(f->kind, err, &f->errs);
	if (!is_shown(f, i)) {
		tui_error(t, "Not saved: %s", err->msg);
		return VIEW_HANDLED;
	}
	go_to_row(t, f, row_of(f, i));
	tui_error(t, "Not saved: %s %s", f->kind->fields[i].label, f->errs.msg[i]);
	return VIEW_HANDLED;
}

/* The texts as a record; false (with every refusal beside its field)
 * when some field is refused. */
static bool fill(struct tui *t, struct form_view *f, struct record *r)
{
	sync_texts(f);
	record_init(r, f->kind);
	if (form_fill_record(f->kind, f->texts, r, t->cfg, &f->errs) > 0) {
		record_clear(r);
		show_refusals(t, f);
		return false;
	}
	r->id = f->id;
	r->version = f->version;
	return true;
}

static int show_changes_since(struct tui *t, struct form_view *f, const struct record *r,
                              const struct error *refusal);

/* Between the short waits for another process's change: says so, and
 * stops when the user presses Esc. */
static bool keep_waiting(void *ctx, int waits)
{
	(void)waits;
	return tui_keep_waiting(ctx, text_shows_all() ? "waiting for another change\u2026 (Esc to cancel)"
	                                              : "waiting for another change... (Esc to cancel)");
}

/* Writes r; VIEW_CLOSE | VIEW_RELOAD and the saved hook's flags, or
 * VIEW_HANDLED with the refusal at its field. */
static int write_filled(struct tui *t, struct form_view *f, struct record *r)
{
	struct error err = {0};
	enum write_action action = f->id ? WRITE_UPDATE : WRITE_INSERT;
	if (store_write_waiting(t->s, action, r, keep_waiting, t, &err) != 0) {
		if (store_is_stale(&err))
			return show_changes_since(t, f, r, &err);
		if (err.code == EX_TEMPFAIL) {
			tui_error(t, "Not saved: you stopped waiting for another change; F2 tries again");
			return VIEW_HANDLED;
		}
		return show_store_error(t, f, &err);
	}
	char what[256];
	describe(r, t->cfg, what, sizeof what);
	tui_message(t, "Saved %s", what);
	int flags = f->saved ? f->saved(t, r, f->ctx) : 0;
	return VIEW_CLOSE | VIEW_RELOAD | flags;
}

/* The write path's warnings (the same child twice, a contract not
 * covering the district) beside their fields, then the screen's own,
 * joined into buf; "" when there are none. */
static void gather_warnings(struct tui *t, struct form_view *f, const struct record *r, char *buf,
                            size_t len)
{
	struct warnings w = {0};
	struct error err = {0};
	size_t used = 0;
	if (store_warnings(t->s, r, &w, &err) == 0) {
		for (int n = 0; n < w.count && used < len; n++) {
			int i = w.items[n].field - 1;
			if (i >= 0 && i < f->kind->field_count)
				snprintf(f->notes[i], sizeof f->notes[i], "? %s", w.items[n].reason);
			used += (size_t)snprintf(buf + used, len - used, "%s%s", used ? "; " : "",
			                         w.items[n].reason);
		}
	}
	if (f->options.warn && used < len) {
		char own[FORM_MSG_MAX] = "";
		f->options.warn(t, r, own, sizeof own, f->options.ctx);
		if (own[0])
			snprintf(buf + used, len - used, "%s%.200s", used ? "; " : "", own);
	}
}

/* The answer yes to "save anyway?": the question and the form close
 * when the record is written; a refusal leaves the form open at it. */
static int save_anyway(struct tui *t, void *ctx)
{
	struct form_view *f = ctx;
	f->asking = false;
	struct record r;
	if (!fill(t, f, &r))
		return VIEW_HANDLED;
	int flags = write_filled(t, f, &r);
	record_clear(&r);
	return flags & VIEW_CLOSE ? (flags & ~VIEW_CLOSE) | VIEW_CLOSE_BELOW : flags;
}

static int save(struct tui *t, struct form_view *f)
{
	struct record r;
	if (!fill(t, f, &r))
		return VIEW_HANDLED;
	char warning[FORM_MSG_MAX] = "";
	gather_warnings(t, f, &r, warning, sizeof warning);
	if (warning[0]) {
		char question[FORM_MSG_MAX + 32];
		snprintf(question, sizeof question, "Warning: %s. Save anyway?", warning);
		record_clear(&r);
		f->asking = true;
		dialog_confirm(t, question, save_anyway, f);
		return VIEW_HANDLED;
	}
	int flags = write_filled(t, f, &r);
	record_clear(&r);
	return flags;
}

/* ---- a change someone made meanwhile ---------------------------------- */

#define CHANGE_LINES 10
#define CHANGE_LINE_MAX 200

/* Shown when a save found the record changed since the form opened: who
 * changed what, and the choice of taking it or keeping one's own. */
struct changes_view {
	struct form_view *form;
	char what[128];                          /* "provider ACME" */
	char lines[CHANGE_LINES][CHANGE_LINE_MAX];
	int count;
	int more;                                /* changes beyond the lines */
	char last_at[32], last_login[64];        /* of the line heading the last change */
	bool deleted;
};

static void add_line(struct changes_view *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void add_line(struct changes_view *c, const char *fmt, ...)
{
	if (c->count == CHANGE_LINES) {
		c->more++;
		return;
	}
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(c->lines[c->count++], CHANGE_LINE_MAX, fmt, ap);
	va_end(ap);
}

/* One line per field changed, under a line per change saying who and when;
 * the field's note in the form says what it is now. */
static int add_change(void *ctx, const struct store_change *ch)
{
	struct changes_view *c = ctx;
	struct form_view *f = c->form;
	if (strcmp(ch->at, c->last_at) != 0 || strcmp(ch->login, c->last_login) != 0) {
		snprintf(c->last_at, sizeof c->last_at, "%s", ch->at);
		snprintf(c->last_login, sizeof c->last_login, "%s", ch->login);
		add_line(c, "%s at %s:", ch->login, ch->at);
	}
	if (ch->field < 0) {
		c->deleted = strcmp(ch->action, "delete") == 0;
		add_line(c, "  %s the %s", c->deleted ? "deleted" : "changed", f->kind->label);
		return 0;
	}
	const char *label = f->kind->fields[ch->field].label;
	add_line(c, "  %s: %s -> %s", label, ch->before[0] ? ch->before : "(empty)",
	         ch->after[0] ? ch->after : "(empty)");
	snprintf(f->notes[ch->field], sizeof f->notes[ch->field], "now %s (%s)",
	         ch->after[0] ? ch->after : "empty", ch->login);
	return 0;
}

/* The stored record into the form: every field when all, else only
 * those the user has not changed (their edits stay theirs, and what
 * someone else changed elsewhere is not saved back over).  The form then
 * saves over the stored version. */
static void take_stored(struct tui *t, struct form_view *f, const struct record *r, bool all)
{
	sync_texts(f);
	for (int i = 0; i < f->kind->field_count; i++) {
		if (!all && strcmp(f->texts[i], f->initial[i]) != 0)
			continue;
		char text[OPEN_TEXT_MAX];
		free(f->texts[i]);
		free(f->initial[i]);
		f->texts[i] = dup_text(record_text(r, i, t->cfg, text, sizeof text));
		form_trim(f->texts[i]);
		f->initial[i] = dup_text(f->texts[i]);
		f->kept[i] = !text_shows_all() && !is_ascii(f->texts[i]);
		if (f->errs.msg[i][0]) {
			f->errs.msg[i][0] = '\0';
			f->errs.count--;
		}
	}
	f->version = r->version;
	unbuild(f);   /* the next draw makes the inputs from the texts */
}

static int changes_key(struct tui *t, void *state, enum action a, int key)
{
	struct changes_view *c = state;
	struct form_view *f = c->form;
	bool reload = key == 'r' || key == 'R';
	if (!reload && !(key == 'e' || key == 'E' || key == KEY_ESCAPE || a == ACT_CANCEL ||
	                 a == ACT_BACK))
		return VIEW_HANDLED;   /* a choice must be made */
	if (c->deleted) {
		tui_error(t, "Not saved: the %s is no longer there", f->kind->label);
		return VIEW_CLOSE;
	}
	struct record r;
	record_init(&r, f->kind);
	struct error err = {0};
	if (store_load(t->s, &r, f->id, &err) != 0)
		tui_error(t, "%s", err.msg);
	else if (reload)
		tui_message(t, "The form now holds the stored %s", c->what);
	else
		tui_message(t, "Your edits stay, the other fields are as stored now; F2 saves over the change");
	if (err.code == 0)
		take_stored(t, f, &r, reload);
	record_clear(&r);
	return VIEW_CLOSE;
}

static void changes_draw(struct tui *t, void *state, WINDOW *w)
{
	struct changes_view *c = state;
	const char *keys = c->deleted ? "e or Esc: back to the form"
	                              : "r: reload the form with it    e or Esc: keep your edits";
	int width = getmaxx(w) < 80 ? getmaxx(w) : 80;
	/* A long value (a provider's full name) wraps rather than being cut. */
	char wrapped[CHANGE_LINES * 3][TUI_LINE_MAX];
	int indent[CHANGE_LINES * 3];   /* a field's lines sit under their change's */
	int n = 0;
	for (int i = 0; i < c->count && n < CHANGE_LINES * 3; i++) {
		int in = c->lines[i][0] == ' ' ? 2 : 0;
		int need = tui_wrap(c->lines[i], width - 4 - in, wrapped + n, CHANGE_LINES * 3 - n);
		for (int k = 0; k < need && n < CHANGE_LINES * 3; k++)
			indent[n++] = in;
	}
	WINDOW *box = dialog_box(t, w, n + 4 + (c->more > 0), width, "Changed since you opened it");
	int row = 1, inner = getmaxx(box) - 4;
	for (int i = 0; i < n && row < getmaxy(box) - 3; i++)
		tui_put(box, row++, 2 + indent[i], inner - indent[i], wrapped[i], A_NORMAL);
	if (c->more > 0) {
		char more[64];
		snprintf(more, sizeof more, "  and %d more", c->more);
		tui_put(box, row, 2, inner, more, A_NORMAL);
	}
	tui_put(box, getmaxy(box) - 2, 2, inner, keys, A_BOLD);
	wnoutrefresh(box);
	delwin(box);
}

static const enum action changes_hints[] = {ACT_NONE};

static const struct view_ops changes_ops = {
	"changed meanwhile", NULL, changes_key, changes_draw, NULL, changes_hints, NULL, SCOPE_FORM,
};

/* A save refused because someone changed the record since the form
 * opened: who changed what goes beside the fields and in a box that asks
 * whether to reload the form or keep editing.  Keeping one's own edits
 * means saving over the change now seen, so the form takes its version. */
static int show_changes_since(struct tui *t, struct form_view *f, const struct record *r,
                              const struct error *refusal)
{
	struct changes_view *c = tui_alloc(sizeof *c);
	c->form = f;
	describe(r, t->cfg, c->what, sizeof c->what);
	struct error err = {0};
	int64_t now = 0;
	if (store_changes_since(t->s, r, &now, add_change, c, &err) != 0) {
		free(c);
		tui_error(t, "Not saved: %s", refusal->msg);
		return VIEW_HANDLED;
	}
	if (c->count == 0)
		add_line(c, "%s", refusal->msg);
	tui_error(t, "Not saved: %s", refusal->msg);
	tui_push(t, &changes_ops, c);
	return VIEW_HANDLED;
}

static int discard(struct tui *t, void *ctx)
{
	struct form_view *f = ctx;
	f->discarded = true;
	tui_message(t, "changes discarded");
	return VIEW_CLOSE_BELOW;
}

static int cancel(struct tui *t, struct form_view *f)
{
	if (f->form && changed(f)) {
		dialog_confirm(t, "Discard your changes?", discard, f);
		return VIEW_HANDLED;
	}
	tui_message(t, "nothing changed");
	return VIEW_CLOSE;
}

static bool is_text_key(int key)
{
	return key >= ' ' && key < KEY_CODE_BASE && iswprint((wint_t)key);
}

static int move_key(struct tui *t, struct form_view *f, enum action a)
{
	switch (a) {
	case ACT_NEXT_FIELD:
	case ACT_DOWN:
		return step_field(t, f, REQ_NEXT_FIELD);
	case ACT_PREV_FIELD:
	case ACT_UP:
		return step_field(t, f, REQ_PREV_FIELD);
	case ACT_PAGE_DOWN:
		return go_to_row(t, f, f->current_row + f->visible);
	case ACT_PAGE_UP:
		return go_to_row(t, f, f->current_row - f->visible);
	case ACT_PREV_CHOICE:
		return has_choices(t, f) ? cycle(t, f, -1) : edit(t, f, REQ_PREV_CHAR);
	case ACT_NEXT_CHOICE:
		return has_choices(t, f) ? cycle(t, f, +1) : edit(t, f, REQ_NEXT_CHAR);
	case ACT_HOME:
		return edit(t, f, REQ_BEG_FIELD);
	case ACT_END:
		return edit(t, f, REQ_END_FIELD);
	case ACT_HELP:
	case ACT_REFRESH:
		return VIEW_IGNORED;
	default:
		return VIEW_HANDLED;   /* a form keeps other screens' keys from acting */
	}
}

static int form_key(struct tui *t, void *state, enum action a, int key)
{
	struct form_view *f = state;
	if (f->discarded) {
		tui_message(t, "changes discarded");
		return VIEW_CLOSE;
	}
	if (a == ACT_CANCEL || key == KEY_ESCAPE)
		return cancel(t, f);
	if (f->form == NULL)
		return VIEW_HANDLED;
	if (a == ACT_SAVE)
		return save(t, f);
	if (key == '\n')
		return f->current_row == f->shown_count - 1 ? save(t, f) : step_field(t, f, REQ_NEXT_FIELD);
	if (key == ' ' && has_choices(t, f))
		return cycle(t, f, +1);
	if (a == ACT_PICK)
		return pick_current(t, f);
	/* Typed text wins over single-letter actions (j, q, /...). */
	if (is_text_key(key))
		return type_char(t, f, key);
	if (key == KEY_CODE_BASE + KEY_BACKSPACE || key == 127 || key == 8)
		return backspace(t, f);
	if (key == KEY_CODE_BASE + KEY_DC)
		return edit(t, f, REQ_DEL_CHAR);
	if (a == ACT_EDITOR)
		return edit_externally(t, f);
	return move_key(t, f, a);
}

/* ---- drawing ------------------------------------------------------------ */

static void paint_rows(struct tui *t, struct form_view *f)
{
	for (int row = 0; row < f->shown_count; row++) {
		/* Right after its own input, so the eye need not travel. */
		int message_col = f->label_width + 1 + field_columns(f, row) + 1;
		int i = f->shown[row];
		const struct field *fd = &f->kind->fields[i];
		char label[128], message[FORM_MSG_MAX + 4] = "";
		snprintf(label, sizeof label, "%s%s", fd->label, fd->required ? " *" : "");
		tui_put(f->pad, row, 0, f->label_width, label, row == f->current_row ? A_BOLD : A_NORMAL);
		/* "!" too, so the colour is not the only sign. */
		attr_t attr = A_NORMAL;
		if (f->errs.msg[i][0]) {
			snprintf(message, sizeof message, "! %s", f->errs.msg[i]);
			attr = tui_attr(t, COLOUR_ERROR);
		} else if (f->notes[i][0]) {
			snprintf(message, sizeof message, "%s", f->notes[i]);
			attr = tui_attr(t, COLOUR_DIM);
		}
		tui_put(f->pad, row, message_col, pad_columns(f) - message_col, message, attr);
	}
}

static void scroll_to_current(struct form_view *f)
{
	if (f->current_row < f->top)
		f->top = f->current_row;
	if (f->current_row >= f->top + f->visible)
		f->top = f->current_row - f->visible + 1;
	if (f->top > f->shown_count - f->visible)
		f->top = f->shown_count - f->visible;
	if (f->top < 0)
		f->top = 0;
}

static void draw_footer(const struct form_view *f, WINDOW *box, int row, int width)
{
	bool required = false;
	for (int r = 0; r < f->shown_count; r++)
		required = required || row_field(f, r)->required;
	char text[128];
	int used = snprintf(text, sizeof text, "%s", required ? "* required" : "");
	if (f->visible < f->shown_count)
		snprintf(text + used, sizeof text - (size_t)used, "%sfields %d-%d of %d (Up/Down for more)",
		         used ? "    " : "", f->top + 1, f->top + f->visible, f->shown_count);
	tui_put(box, row, 2, width - 4, text, A_NORMAL);
}

static void form_draw(struct tui *t, void *state, WINDOW *w)
{
	struct form_view *f = state;
	if (f->discarded)
		return;
	int lines = getmaxy(w), cols = getmaxx(w);
	if (f->form == NULL || lines != f->built_lines || cols != f->built_cols) {
		sync_texts(f);
		unbuild(f);
		build(f, lines, cols);
	}
	paint_rows(t, f);
	scroll_to_current(f);
	int height = f->visible + chrome_rows(f), width = pad_columns(f) + 4;
	WINDOW *box = dialog_box(t, w, height, width, f->title);
	height = getmaxy(box);
	width = getmaxx(box);
	int rows = f->visible < height - chrome_rows(f) ? f->visible : height - chrome_rows(f);
	int columns = pad_columns(f) < width - 4 ? pad_columns(f) : width - 4;
	if (rows > 0 && columns > 0)
		copywin(f->pad, box, f->top, 0, 1, 2, rows, 1 + columns, FALSE);
	if (f->help[0])
		tui_put(box, height - 3, 2, width - 4, f->help, tui_attr(t, COLOUR_DIM));
	draw_footer(f, box, height - 2, width);
	f->origin_y = getbegy(box) - getbegy(w) + 1;
	f->origin_x = getbegx(box) - getbegx(w) + 2;
	wnoutrefresh(box);
	delwin(box);
}

static bool form_cursor(struct tui *t, void *state, int *row, int *col)
{
	(void)t;
	struct form_view *f = state;
	if (f->form == NULL || f->discarded)
		return false;
	pos_form_cursor(f->form);
	int y, x;
	getyx(f->pad, y, x);
	if (y < f->top || y >= f->top + f->visible)
		return false;
	*row = f->origin_y + y - f->top;
	*col = f->origin_x + x;
	return true;
}

static void form_done(struct tui *t, void *state)
{
	(void)t;
	struct form_view *f = state;
	unbuild(f);
	for (int i = 0; i < KIND_MAX_FIELDS; i++) {
		free(f->texts[i]);
		free(f->initial[i]);
	}
}

static const enum action form_hints[] = {ACT_SAVE, ACT_CANCEL, ACT_PICK, ACT_NONE};

static const struct view_ops form_ops = {
	"form", NULL, form_key, form_draw, form_done, form_hints, form_cursor, SCOPE_FORM,
};

void form_open_with(struct tui *t, const struct record *r, const struct form_options *o)
{
	struct form_view *f = tui_alloc(sizeof *f);
	f->kind = r->kind;
	f->id = r->id;
	f->version = r->version;
	f->options = *o;
	snprintf(f->title, sizeof f->title, "%s", o->title ? o->title : r->kind->label);
	snprintf(f->help, sizeof f->help, "%s", o->help ? o->help : "");
	f->hidden = o->fields ? -1 : o->hidden_field;
	f->saved = o->saved;
	f->ctx = o->ctx;
	form_errors_clear(&f->errs);
	for (int i = 0; i < f->kind->field_count; i++) {
		char text[OPEN_TEXT_MAX];
		f->texts[i] = dup_text(record_text(r, i, t->cfg, text, sizeof text));
		/* Trimmed as typed text will be, so an untouched field is unchanged. */
		form_trim(f->texts[i]);
		f->initial[i] = dup_text(f->texts[i]);
		f->kept[i] = !text_shows_all() && !is_ascii(f->texts[i]);
		if (o->fields == NULL && i != o->hidden_field)
			f->shown[f->shown_count++] = i;
	}

	for (int n = 0; o->fields && n < o->field_count; n++)
		if (o->fields[n] >= 0 && o->fields[n] < f->kind->field_count)
			f->shown[f->shown_count++] = o->fields[n];
	for (int row = 0; row < f->shown_count; row++)
		name_reference(t, f, f->shown[row]);
	tui_push(t, &form_ops, f);
	if (o->changed) {
		o->changed(t, f, -1, o->ctx);
		/* What the hook proposed at the start is not the user's change:
		 * Esc straight away asks nothing. */
		for (int i = 0; i < f->kind->field_count; i++) {
			free(f->initial[i]);
			f->initial[i] = dup_text(f->texts[i]);
		}
	}
	show_field_status(t, f);
}

void form_open(struct tui *t, const struct record *r, const char *title, int hidden_field,
               form_saved_fn saved, void *ctx)
{
	struct form_options o = {.title = title, .hidden_field = hidden_field, .saved = saved, .ctx = ctx};
	form_open_with(t, r, &o);
}
