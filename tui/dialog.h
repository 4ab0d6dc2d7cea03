/* dialog.h: small views over the current one: a yes/no question and a
 * one-line prompt. */
#ifndef SENDESK_DIALOG_H
#define SENDESK_DIALOG_H

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

/* For a dialog_text_fn: writes a new CSV file at path with write, and
 * says on the status line how many rows of what went where.  Keeps the
 * prompt open (-1) for an empty name or a file that exists already. */
int dialog_export_csv(struct tui *t, const char *path, dialog_csv_fn write, void *ctx,
                      const char *what);

/* A box with a border (none in plain mode) centred in w; returns the
 * inner window, which the caller deletes. */
WINDOW *dialog_box(struct tui *t, WINDOW *w, int height, int width, const char *title);

#endif
