/* error.h: an error is a sysexits code plus one line for people.
 *
 * Every layer reports failure the same way: it fills a caller-owned
 * struct error and returns its code.  Nothing below the command line
 * prints or exits, so the TUI can show the same line in its status bar
 * that the CLI prints on stderr. */
#ifndef SENDESK_ERROR_H
#define SENDESK_ERROR_H

#include <sysexits.h>

#define ERROR_MSG_MAX 512

struct error {
	int code;                 /* 0 or an EX_* code from <sysexits.h> */
	int field;                /* 1 + index of the field at fault, or 0 */
	char msg[ERROR_MSG_MAX];  /* one line, no trailing newline */
	int other;                /* 1 + index of another field the reason names
	                           * ("must not be before start_date"), or 0 */
};

/* Sets code and message (printf style) and returns code, so that
 * `return error_set(err, EX_DATAERR, "...")` reads naturally.
 * err may be NULL, in which case only the code is returned. */
int error_set(struct error *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Puts "prefix: " in front of the message already in err. */
void error_prefix(struct error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

void error_clear(struct error *err);

#endif
