/* form.h: the one form widget.
 *
 * A form is made from a record kind's description: one row per field
 * with its label (required ones marked "*"), an input on ncurses' form
 * library, and beside it the field's message when it was refused.  Save
 * (F2, ^S, or Enter on the last field) parses every field, shows every
 * refusal at once, and writes through store_write, the one write path;
 * Esc leaves without writing, asking first when something was changed.
 * A field that names another record (a purchase's child) takes its key
 * as typed, or from a picker (picker.h) that F4 opens on what the field
 * holds; the picker hands the keyboard back when it closes (Esc keeps
 * the field as it was, a choice moves on to the next field).  The name
 * of the record a key names shows beside it, in add and edit forms.
 * Text is never cut: beyond the kind's limit it is refused beside its
 * field.
 *
 * The parts that need no terminal (texts to a record, cycling through a
 * field's choices, trimming the form library's padded buffers, the hint
 * for each type) are plain functions, tested without curses. */
#ifndef SENDESK_FORM_H
#define SENDESK_FORM_H

#include "tui/tui.h"

#include "core/record.h"


/* Called after the record was written (saved->id is set); returns VIEW_*
 * flags to add to the form's own VIEW_CLOSE | VIEW_RELOAD.  It must not
 * push a view: the form closes after it returns. */
typedef int (*form_saved_fn)(struct tui *t, const struct record *saved, void *ctx);

/* Opens a form over the current view for a copy of r (the caller keeps
 * r): adding when r->id == 0, editing r->id otherwise.  title: "Add
 * contract".  hidden_field (or -1) is kept as it is in r but not shown,
 * e.g. the parent reference when adding a child record of a shown parent.
 * ctx is the caller's and must outlive the form. */
void form_open(struct tui *t, const struct record *r, const char *title, int hidden_field,
               form_saved_fn saved, void *ctx);

/* ---- a form with hooks ------------------------------------------------- */

struct form_view;   /* a form on screen, for the hooks below */

#define FORM_HELP_MAX 256

/* A screen's form: which fields, in which order, a line of help, and
 * hooks to propose values as the user types and to warn before saving. */
struct form_options {
	const char *title;                 /* "Add therapy entry" */
	/* The fields shown, in this order; the others are kept as they are
	 * in the record.  NULL: every field but hidden_field. */
	const int *fields;
	int field_count;
	int hidden_field;                  /* with fields NULL: -1, or one not shown */
	form_saved_fn saved;               /* NULL: none */
	void *ctx;                         /* the hooks'; must outlive the form */
	/* A line shown under the fields, e.g. what a field's choices mean
	 * ("F: the council must secure it.  G: health provision, the
	 * NHS's duty"); NULL: none. */
	const char *help;
	/* After the user changed field (typed, chose, picked, edited), and
	 * with field -1 when the form opens: may read the texts and set other
	 * fields and notes (form_field_text, form_set_field, form_set_note).
	 * NULL: none. */
	void (*changed)(struct tui *t, struct form_view *f, int field, void *ctx);
	/* Before a record whose fields are all accepted is written: a
	 * warning the user may accept ("no contract covers Swale for SLT on
	 * 2024-06-01") into buf, or buf left "".  The form asks "Save
	 * anyway?" (y / n) and writes only on yes.  NULL: none. */
	void (*warn)(struct tui *t, const struct record *r, char *buf, size_t len, void *ctx);
};

void form_open_with(struct tui *t, const struct record *r, const struct form_options *o);

/* For the hooks: a field's text as typed (trimmed), "" when empty. */
const char *form_field_text(const struct form_view *f, int field);
/* Sets a field's text as if typed, and forgets its message. */
void form_set_field(struct form_view *f, int field, const char *text);
/* The dim note beside a field (what a key names, what was proposed);
 * NULL or "" clears it.  It goes when the user changes the field. */
void form_set_note(struct form_view *f, int field, const char *note);

/* A text field's text in $VISUAL or $EDITOR (vi when neither is set):
 * the key ACT_EDITOR (^E) on the field.  The terminal is handed over and
 * restored; the file is the user's own (mode 0600) and removed after. */

/* ---- without a terminal ----------------------------------------------- */

#define FORM_MSG_MAX ERROR_MSG_MAX

/* One message per field of a kind; "" where the field is fine. */
struct form_errors {
	int count;                                   /* fields with a message */
	int first;                                   /* index of the first, or -1 */
	char msg[KIND_MAX_FIELDS][FORM_MSG_MAX];
};

void form_errors_clear(struct form_errors *errs);

/* Sets every field of r (initialised for k by the caller, who clears it
 * afterwards) from texts[i] (NULL or "" leaves it unset) through
 * record_set, and collects the reason for each refused field in errs,
 * including "required" for an empty required field.  Returns the number
 * of fields refused; errs is cleared first. */
int form_fill_record(const struct kind *k, char *const *texts, struct record *r,
                     const struct settings *cfg, struct form_errors *errs);

/* Puts a refusal from store_write next to its field: err->msg without
 * the "name: " the write path puts before it.  Returns the field's index,
 * or -1 when err names no field of k (then nothing is stored). */
int form_store_error(const struct kind *k, const struct error *err, struct form_errors *errs);

/* The value step (+1 or -1) away from current among field f's choices
 * (an enum's choices, yes / no, the configured districts by name or
 * therapy types by code), with "" between the last and the first when f
 * is not required; wraps around.  Text that is none of them goes to the
 * first (+1) or last (-1) choice.  NULL when f has no fixed choices.
 * The string belongs to the kind, cfg or a literal. */
const char *form_cycle_choice(const struct field *f, const struct settings *cfg,
                              const char *current, int step);

/* Removes spaces and tabs from both ends of text, in place: the form
 * library pads its buffers with spaces.  Only ASCII blanks are removed,
 * so a UTF-8 character whose last byte looks like a Latin-1 blank
 * ("à" is C3 A0) is left whole. */
void form_trim(char *text);

/* What the status line says when the field is entered: the allowed
 * values, or the formats accepted ("YYYY-MM-DD or DD/MM/YYYY"). */
void form_hint(const struct field *f, const struct settings *cfg, char *buf, size_t len);

#endif
