/* kind.h: every kind of record, described once, as data.
 *
 * A kind lists its fields (name, label, type, required, width, allowed
 * values, reference target) and names its rules across fields.  The CSV
 * importer and exporter, validation, and the TUI's lists and forms are
 * all driven by these descriptions: a new field is one line here, one in
 * db/catalog.c and one in a schema migration. */
#ifndef SENDESK_KIND_H
#define SENDESK_KIND_H

#include <stdbool.h>
#include <stdint.h>

#include "config/config.h"
#include "db/catalog.h"
#include "util/error.h"

enum kind_id {
	KIND_PROVIDERS,
	KIND_CONTRACTS,
	KIND_CONTRACT_VALUES,
	KIND_COVERAGE,
	KIND_STAFFING,
	KIND_CHILDREN,
	KIND_THERAPY_ENTRIES,
	KIND_PROVISION,
	KIND_SPOT_PURCHASES,
	KIND_PERSONAL_BUDGETS,
	KIND_RETURNS,
	KIND_FUNDERS,
	KIND_ACTIVITY_RETURNS,
	KIND_USERS,
	KIND_COUNT
};

enum role { ROLE_NONE, ROLE_CASEWORKER, ROLE_TEAMLEAD, ROLE_ADMIN };

enum field_type {
	FIELD_TEXT,        /* free text up to max characters */
	FIELD_DATE,        /* a real calendar day */
	FIELD_MONTH,       /* YYYY-MM */
	FIELD_MONEY,       /* pounds and pence, stored as pence */
	FIELD_INTEGER,     /* whole number in min..max */
	FIELD_DECIMAL,     /* number with up to two decimals in min..max */
	FIELD_ENUM,        /* one of choices, case-insensitive */
	FIELD_YESNO,       /* yes or no */
	FIELD_REFERENCE,   /* the key of a record of kind target */
	FIELD_DISTRICT,    /* a configured district, by code or name */
	FIELD_THERAPY,     /* a configured therapy type, by code */
	FIELD_UPN,         /* a Unique Pupil Number with a right check letter */
};

#define KIND_MAX_FIELDS 16

struct field {
	const char *name;              /* CSV column */
	const char *label;             /* for people: form labels, list headers */
	enum field_type type;
	bool required;
	int width;                     /* display columns in lists and forms */
	const char *const *choices;    /* FIELD_ENUM: NULL-terminated */
	enum kind_id target;           /* FIELD_REFERENCE */
	int64_t min, max;              /* INTEGER/DECIMAL range; TEXT max length */
	/* What a field left empty is stored as ("delivered", "no"), as a
	 * person would type it; NULL: it stays empty. */
	const char *default_text;
};

struct record;
struct session;

struct kind {
	enum kind_id id;
	const char *name;              /* as in "sendesk export NAME" */
	const char *label;             /* one record, for messages: "contract" */
	enum db_table_id table;
	const struct field *fields;
	int field_count;
	int key_fields[3];             /* the natural key, as field indexes */
	int key_count;                 /* 0: records have no natural key */
	enum role write_role;          /* the least role that may change these */
	/* Rules across fields; fills err (with err->field) and returns
	 * EX_DATAERR when one is broken.  NULL when the kind has none. */
	int (*check)(const struct record *r, const struct settings *cfg, struct error *err);
	/* What must hold across all records of the kind after a change (at
	 * least one admin remains); checked inside the change's transaction,
	 * which is undone when it fails.  NULL when the kind has none. */
	int (*invariant)(struct session *s, struct error *err);
	/* A key the write path makes for a new record that has none: the
	 * prefix, then a number ("PV-123").  NULL: the key must be given. */
	const char *made_key_prefix;
	/* Rules against the records this one refers to (a session dated
	 * within its entry's period), after its references are resolved to
	 * ids; errors as check's.  NULL when the kind has none. */
	int (*check_stored)(struct session *s, const struct record *r, struct error *err);
};

extern const struct kind *const kinds[KIND_COUNT];

/* By export name ("spot-purchases"), case-sensitive; NULL if none. */
const struct kind *kind_find(const char *name);

/* Index of the named field, or -1. */
int kind_field_index(const struct kind *k, const char *name);

/* err's reason as a form shows it beside its field: without the
 * "name: " the write path puts first, and any other field it names
 * (err->other) by its label: "must not be before Start". */
void kind_reason_for_people(const struct kind *k, const struct error *err, char *buf, size_t len);

const char *role_name(enum role r);
/* Parses "caseworker", "teamlead" or "admin"; ROLE_NONE otherwise. */
enum role role_parse(const char *text);

#endif
