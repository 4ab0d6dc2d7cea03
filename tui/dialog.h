/* dialog.h: small views over the current one: a yes/no question and a
 * one-line prompt. */
#ifndef SENDESK_DIALOG_H
#define SENDESK_DIALOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "tui/tui.h"

/* Called on "yes"; returns VIEW_* flags for the manager (the dialog
 * closes itself).  ctx is the caller's; it must outlive the dialog. */
typedef int (*dialog_yes_fn)(struct tui *t, void *ctx);

/* Asks question (y / n; Enter means no, so nothing is lost by a slip). */
void dialog_confirm(struct tui *t, const char *question, dialog_yes_fn yes, void *ctx);

/* Called with the text entered; returns VIEW_* flags, or -1 to keep the
 * prompt open (after tui_error) so the user can correct the text. */
typedef int (*dialog_text_fn)(struct tui *t, const char *text, void *ctx);

/* Asks for one line of text, starting from initial. */
void dialog_prompt(struct tui *t, const char *question, const char *initial,
                   dialog_text_fn done, void *ctx);

/* Writes rows of CSV to out; returns 0 or an EX_* code with err set. */
typedef int (*dialog_csv_fn)(struct tui *t, void *ctx, FILE *out, long *rows, struct error *err);

/* Asks where to export, proposing a file called name in the default
 * folder (dialog_export_default) and saying on screen which folder that
 * is; done gets the path as typed (usually it calls dialog_export_csv). */
void dialog_export_prompt(struct tui *t, const char *question, const char *name,
                          dialog_text_fn done, void *ctx);

/* For a dialog_text_fn: writes a new CSV file at the path typed (with a
 * leading ~ for the home folder) with write, readable by its owner alone,
 * and says on the status line how many rows of what went where, by the
 * full path.  Keeps the prompt open (-1) for an empty name or a file that
 * exists already; a failed export leaves no file. */
int dialog_export_csv(struct tui *t, const char *typed, dialog_csv_fn write, void *ctx,
                      const char *what);

/* The path an export of a file called name is proposed at: in
 * download_dir (the value of $XDG_DOWNLOAD_DIR, may be NULL) when that is
 * an absolute path to a folder, else in the current folder.  note gets a
 * line for the screen saying which folder it is and why. */
void dialog_export_default(const char *name, const char *download_dir, char *path, size_t len,
                           char *note, size_t note_len);

/* typed with a leading "~" or "~/" made home (the password file's home
 * when home is NULL or empty) and "~login/" that login's home; any other
 * text is copied as it is.  False when the result does not fit in len. */
bool dialog_expand_home(const char *typed, const char *home, char *out, size_t len);

/* Creates a new file at path for writing with mode 0600 whatever the
 * umask (exports hold children's records); NULL with errno set, EEXIST
 * when there is a file there already. */
FILE *dialog_create_private(const char *path);

/* A box with a border (none in plain mode) centred in w; returns the
 * inner window, which the caller deletes. */
WINDOW *dialog_box(struct tui *t, WINDOW *w, int height, int width, const char *title);

#endif
