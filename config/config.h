/* config.h: the settings of one sendesk installation.
 *
 * A libconfig file is read once into one struct settings, which is then
 * treated as immutable.  Every setting is optional: the built-in defaults
 * are exactly the values documented in config/sendesk.cfg (Kent, its
 * twelve districts, five therapy types, the report thresholds). */
#ifndef SENDESK_CONFIG_H
#define SENDESK_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/error.h"

#define CONFIG_MAX_DISTRICTS 64
#define CONFIG_MAX_THERAPIES 16
#define CONFIG_CODE_MAX 16
#define CONFIG_NAME_MAX 64
#define CONFIG_PATH_MAX 4096

/* One district of the authority, and where its tile sits on the
 * coverage map (row and column of a small grid, 0-based). */
struct district {
	char code[CONFIG_CODE_MAX];   /* short code, e.g. "SWA" */
	char name[CONFIG_NAME_MAX];   /* e.g. "Swale" */
	int row, col;
};

struct therapy {
	char code[CONFIG_CODE_MAX];   /* e.g. "slt", lower case */
	char name[CONFIG_NAME_MAX];   /* e.g. "Speech and language therapy" */
};

/* One period of the authority's term dates, both days in term, as ISO
 * "YYYY-MM-DD" text.  A term-time-only therapy entry expects its minutes
 * only on days inside one of these. */
#define CONFIG_MAX_TERMS 64
#define CONFIG_DATE_MAX 11
struct term_period {
	char start[CONFIG_DATE_MAX];
	char end[CONFIG_DATE_MAX];
};

/* The longest wait for another process's change: an hour. */
#define CONFIG_BUSY_TIMEOUT_MAX 3600
#define CONFIG_ESCAPE_DELAY_MAX 1000
#define CONFIG_REPORT_RERUN_MAX 3600000

#define CONFIG_MAX_BINDINGS 128

/* A key binding from the keymap section, checked by the TUI (which knows
 * the actions and key names) against the line it came from. */
struct key_binding {
	char action[32];      /* e.g. "filter" */
	char keys[64];        /* key names separated by spaces, e.g. "/ ^F" */
	int line;
};

struct settings {
	char authority[CONFIG_NAME_MAX];       /* "Kent County Council" */
	struct district districts[CONFIG_MAX_DISTRICTS];
	int district_count;
	struct therapy therapies[CONFIG_MAX_THERAPIES];
	int therapy_count;

	int64_t key_decision_pence;   /* a Key Decision above this: 100000000 */
	int wait_target_weeks;        /* 12 */
	int expiry_warning_days;      /* 90 */
	int financial_year_start_month; /* 4 (April) */
	int academic_year_start_month;  /* 9 (September) */

	char database[CONFIG_PATH_MAX]; /* "" means the XDG default */
	int file_mode;                  /* 0600 */
	bool plain;                     /* screen-reader mode for the TUI */
	bool colour;                    /* colours in the TUI (never alone carrying meaning) */
	int busy_timeout_seconds;       /* how long a change waits for another's: 60 */
	int escape_delay_ms;            /* how long Esc waits to be told from a key's
	                                   sequence (an arrow's): 15 */
	int report_rerun_ms;            /* a report on screen that took up to this
	                                   runs again when the records change; a
	                                   slower one keeps its figures until R: 1000 */
	struct term_period terms[CONFIG_MAX_TERMS]; /* in date order, none overlapping */
	int term_count;
	struct key_binding bindings[CONFIG_MAX_BINDINGS];
	int binding_count;
	char source[CONFIG_PATH_MAX];   /* the file read, "" for the built-in defaults */
};

/* Fills s with the built-in defaults (equal to config/sendesk.cfg). */
void config_defaults(struct settings *s);

/* Reads the libconfig file at path over the defaults.  On a syntax error,
 * an unknown setting, a wrong type or a value out of range returns EX_CONFIG
 * with err->msg "FILE:LINE: reason" (line 0 when libconfig gives none).
 * A missing file is EX_CONFIG too ("FILE: cannot read: ..."). */
int config_load(const char *path, struct settings *s, struct error *err);

/* The default config path: $XDG_CONFIG_HOME/sendesk/sendesk.cfg, else
 * ~/.config/sendesk/sendesk.cfg.  Written into buf (size len). */
void config_default_path(char *buf, size_t len);

/* The default database path: $XDG_DATA_HOME/sendesk/sendesk.db, else
 * ~/.local/share/sendesk/sendesk.db. */
void config_default_database(char *buf, size_t len);

/* Lookups by code or name, case-insensitive; NULL when not configured. */
const struct district *config_find_district(const struct settings *s, const char *code_or_name);
const struct therapy *config_find_therapy(const struct settings *s, const char *code);

#endif
