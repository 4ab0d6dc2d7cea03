/* config.c: the libconfig file read into one struct settings.
 *
 * The file is checked strictly.  A misspelt or misplaced setting that was
 * silently ignored would leave an administrator believing it took effect,
 * so every name must be known and every value of the right type and range;
 * the first problem is reported with its file and line and nothing is
 * changed. */
#include "config/config.h"

#include <errno.h>
#include <libconfig.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

/* libconfig keeps a setting's line as an unsigned short, so a longer file
 * could report wrong lines; no real settings file comes near this. */
#define CONFIG_FILE_MAX 65535

#define TILE_MAX 20
#define WAIT_TARGET_WEEKS_MAX 520    /* ten years */
#define EXPIRY_WARNING_DAYS_MAX 3660 /* ten years */

/* Largest whole number of pounds whose pence, plus 99p, fit in int64_t. */
#define POUNDS_MAX ((INT64_MAX - 99) / 100)

static const struct therapy default_therapies[] = {
	{ "slt", "Speech and language therapy" },
	{ "ot", "Occupational therapy" },
	{ "pt", "Physiotherapy" },
	{ "at", "Assistive technology (AAC)" },
	{ "assistant", "Therapy assistant" },
};

/* Kent's districts; the tiles form a rough map, north at the top.
 * (0, 2) is left empty: Medway is a separate authority. */
static const struct district default_districts[] = {
	{ "ASH", "Ashford", 1, 3 },
	{ "CAN", "Canterbury", 0, 4 },
	{ "DAR", "Dartford", 0, 0 },
	{ "DOV", "Dover", 1, 5 },
	{ "FOL", "Folkestone and Hythe", 2, 4 },
	{ "GRA", "Gravesham", 0, 1 },
	{ "MAI", "Maidstone", 1, 2 },
	{ "SEV", "Sevenoaks", 1, 0 },
	{ "SWA", "Swale", 0, 3 },
	{ "THA", "Thanet", 0, 5 },
	{ "TON", "Tonbridge and Malling", 1, 1 },
	{ "TUN", "Tunbridge Wells", 2, 1 },
};

#define COUNT_OF(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* Kent's published pattern of six half terms a year (INSET days are the
 * schools' own and stay in term), for the academic years either side of
 * now; an authority sets its own in the file. */
static const struct term_period default_terms[] = {
	{ "2025-09-03", "2025-10-24" }, { "2025-11-03", "2025-12-19" },
	{ "2026-01-05", "2026-02-13" }, { "2026-02-23", "2026-03-27" },
	{ "2026-04-13", "2026-05-22" }, { "2026-06-01", "2026-07-22" },
	{ "2026-09-03", "2026-10-23" }, { "2026-11-02", "2026-12-18" },
	{ "2027-01-04", "2027-02-12" }, { "2027-02-22", "2027-03-26" },
	{ "2027-04-12", "2027-05-28" }, { "2027-06-07", "2027-07-21" },
	{ "2027-09-02", "2027-10-22" }, { "2027-11-01", "2027-12-17" },
	{ "2028-01-04", "2028-02-11" }, { "2028-02-21", "2028-04-07" },
	{ "2028-04-24", "2028-05-26" }, { "2028-06-05", "2028-07-20" },
};

void config_defaults(struct settings *s)
{
	memset(s, 0, sizeof *s);
	snprintf(s->authority, sizeof s->authority, "%s", "Kent County Council");
	s->district_count = COUNT_OF(default_districts);
	memcpy(s->districts, default_districts, sizeof default_districts);
	s->therapy_count = COUNT_OF(default_therapies);
	memcpy(s->therapies, default_therapies, sizeof default_therapies);
	s->key_decision_pence = INT64_C(100000000);
	s->wait_target_weeks = 12;
	s->expiry_warning_days = 90;
	s->financial_year_start_month = 4;
	s->academic_year_start_month = 9;
	s->database[0] = '\0';
	s->file_mode = 0600;
	s->plain = false;
	s->colour = true;
	s->busy_timeout_seconds = 60;
	s->escape_delay_ms = 15;
	s->report_rerun_ms = 1000;
	s->term_count = COUNT_OF(default_terms);
	memcpy(s->terms, default_terms, sizeof default_terms);
}

/* ---- reporting ---------------------------------------------------------- */

struct loader {
	const char *path; /* as the caller named the file, for messages */
	struct error *err;
};

static int fail_at_line(const struct loader *ld, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail_at_line(const struct loader *ld, int line, const char *fmt, ...)
{
	char reason[ERROR_MSG_MAX];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(reason, sizeof reason, fmt, ap);
	va_end(ap);
	return error_set(ld->err, EX_CONFIG, "%s:%d: %s", ld->path, line, reason);
}

/* Every check reports at the line of the setting it is about. */
#define fail_at(ld, setting, ...) \
	fail_at_line((ld), (int)config_setting_source_line(setting), __VA_ARGS__)

/* Elements of a list have no name of their own. */
static const char *name_of(const config_setting_t *setting)
{
	const char *name = config_setting_name(setting);
	return name != NULL ? name : "list element";
}

/* ---- scalar values ------------------------------------------------------ */

static bool is_integer(const config_setting_t *setting)
{
	int type = config_setting_type(setting);
	return type == CONFIG_TYPE_INT || type == CONFIG_TYPE_INT64;
}

static int read_int(const struct loader *ld, const config_setting_t *setting,
		    int min, int max, int *out)
{
	if (!is_integer(setting))
		return fail_at(ld, setting, "'%s' must be an integer", name_of(setting));
	long long value = config_setting_get_int64(setting);
	if (value < min || value > max)
		return fail_at(ld, setting, "'%s' must be between %d and %d",
			       name_of(setting), min, max);
	*out = (int)value;
	return 0;
}

static int read_bool(const struct loader *ld, const config_setting_t *setting, bool *out)
{
	if (config_setting_type(setting) != CONFIG_TYPE_BOOL)
		return fail_at(ld, setting, "'%s' must be true or false", name_of(setting));
	*out = config_setting_get_bool(setting) != 0;
	return 0;
}

/* size includes the terminating NUL, as for the struct's arrays. */
static int read_string(const struct loader *ld, const config_setting_t *setting,
		       bool may_be_empty, char *out, size_t size)
{
	if (config_setting_type(setting) != CONFIG_TYPE_STRING)
		return fail_at(ld, setting, "'%s' must be a string", name_of(setting));
	const char *text = config_setting_get_string(setting);
	size_t length = strlen(text);
	if (length == 0 && !may_be_empty)
		return fail_at(ld, setting, "'%s' must not be empty", name_of(setting));
	if (length >= size)
		return fail_at(ld, setting, "'%s' is too long (at most %zu bytes)",
			       name_of(setting), size - 1);
	memcpy(out, text, length + 1);
	return 0;
}

/* Byte tests of our own: <ctype.h> answers by locale, and codes must mean
 * the same in every locale. */
static bool is_ascii_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_code_char(char c)
{
	return is_ascii_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
	       || c == '-' || c == '_';
}

/* Codes end up in CSV files and on command lines, so keep them plain. */
static int read_code(const struct loader *ld, const config_setting_t *setting, char *out)
{
	int rc = read_string(ld, setting, false, out, CONFIG_CODE_MAX);
	if (rc != 0)
		return rc;
	for (const char *p = out; *p != '\0'; p++)
		if (!is_code_char(*p))
			return fail_at(ld, setting,
				       "'%s' may contain only letters, digits, '-' and '_'",
				       name_of(setting));
	return 0;
}

/* ---- file mode ---------------------------------------------------------- */

/* Octal digits to a number; -1 when not octal or absurdly long. */
static long octal_value(const char *digits)
{
	size_t length = strlen(digits);
	if (length == 0 || length > 8)
		return -1;
	long value = 0;
	for (size_t i = 0; i < length; i++) {
		if (digits[i] < '0' || digits[i] > '7')
			return -1;
		value = value * 8 + (digits[i] - '0');
	}
	return value;
}

/* libconfig has no octal literals and reads "file_mode = 0600" as decimal
 * 600.  Everybody writing that means rw-------, as chmod would, so the
 * decimal digits are read as octal; a hexadecimal literal is taken as the
 * mode's value itself. */
static long mode_from_integer(const config_setting_t *setting)
{
	long long value = config_setting_get_int64(setting);
	if (value < 0)
		return -1;
	if (config_setting_get_format(setting) == CONFIG_FORMAT_HEX)
		return value > 0777 ? -1 : (long)value;
	char digits[32];
	snprintf(digits, sizeof digits, "%lld", value);
	return octal_value(digits);
}

static int read_file_mode(const struct loader *ld, const config_setting_t *setting,
			  struct settings *s)
{
	long mode;
	if (config_setting_type(setting) == CONFIG_TYPE_STRING)
		mode = octal_value(config_setting_get_string(setting));
	else if (is_integer(setting))
		mode = mode_from_integer(setting);
	else
		return fail_at(ld, setting, "'file_mode' must be octal digits such as \"0600\"");
	if (mode < 0 || mode > 0777)
		return fail_at(ld, setting,
			       "'file_mode' must be octal digits between 0 and 0777, such as \"0600\"");
	s->file_mode = (int)mode;
	return 0;
}

/* ---- money -------------------------------------------------------------- */

/* Whole pounds, with commas optional but, when used, between every group
 * of three digits ("1,000,000"); parsing stops at '.' or the end. */
static bool parse_whole_pounds(const char **cursor, int64_t *pounds)
{
	const char *p = *cursor;
	int64_t value = 0;
	int group_digits = 0;
	bool grouped = false;
	if (!is_ascii_digit(*p))
		return false;
	for (; *p != '\0' && *p != '.'; p++) {
		if (*p == ',') {
			if (group_digits == 0 || group_digits > 3 || (grouped && group_digits != 3))
				return false;
			grouped = true;
			group_digits = 0;
			continue;
		}
		if (!is_ascii_digit(*p) || value > (POUNDS_MAX - (*p - '0')) / 10)
			return false;
		value = value * 10 + (*p - '0');
		group_digits++;
	}
	if (grouped && group_digits != 3)
		return false;
	*pounds = value;
	*cursor = p;
	return true;
}

/* "1000000", "1,000,000", "1,000,000.00" or "£1,000,000" to pence. */
static bool parse_pounds(const char *text, int64_t *pence)
{
	static const char pound_sign[] = "\xc2\xa3";
	if (strncmp(text, pound_sign, 2) == 0)
		text += 2;
	int64_t pounds;
	if (!parse_whole_pounds(&text, &pounds))
		return false;
	int pennies = 0;
	if (*text == '.') {
		if (!is_ascii_digit(text[1]) || !is_ascii_digit(text[2]) || text[3] != '\0')
			return false;
		pennies = (text[1] - '0') * 10 + (text[2] - '0');
	}
	*pence = pounds * 100 + pennies;
	return true;
}

static int read_key_decision(const struct loader *ld, const config_setting_t *setting,
			     struct settings *s)
{
	int64_t pence;
	if (config_setting_type(setting) == CONFIG_TYPE_STRING) {
		if (!parse_pounds(config_setting_get_string(setting), &pence))
			return fail_at(ld, setting,
				       "'key_decision' must be an amount in pounds such as \"1,000,000\"");
	} else if (is_integer(setting)) {
		long long pounds = config_setting_get_int64(setting);
		if (pounds > POUNDS_MAX)
			return fail_at(ld, setting, "'key_decision' is too large");
		pence = pounds > 0 ? (int64_t)pounds * 100 : 0;
	} else {
		return fail_at(ld, setting,
			       "'key_decision' must be an amount in pounds such as \"1,000,000\"");
	}
	if (pence <= 0)
		return fail_at(ld, setting, "'key_decision' must be more than zero");
	s->key_decision_pence = pence;
	return 0;
}

/* ---- groups of named settings ------------------------------------------- */

typedef int (*setting_reader)(const struct loader *ld, const config_setting_t *setting,
			      struct settings *s);

struct known_setting {
	const char *name;
	setting_reader read;
};

static int read_members(const struct loader *ld, const config_setting_t *group,
			const struct known_setting *known, int known_count,
			struct settings *s)
{
	for (int i = 0; i < config_setting_length(group); i++) {
		const config_setting_t *member = config_setting_get_elem(group, (unsigned)i);
		const char *name = config_setting_name(member);
		int k = 0;
		while (k < known_count && strcmp(known[k].name, name) != 0)
			k++;
		if (k == known_count)
			return fail_at(ld, member, "unknown setting '%s'", name);
		int rc = known[k].read(ld, member, s);
		if (rc != 0)
			return rc;
	}
	return 0;
}

static int read_wait_target_weeks(const struct loader *ld, const config_setting_t *setting,
				  struct settings *s)
{
	return read_int(ld, setting, 1, WAIT_TARGET_WEEKS_MAX, &s->wait_target_weeks);
}

static int read_expiry_warning_days(const struct loader *ld, const config_setting_t *setting,
				    struct settings *s)
{
	return read_int(ld, setting, 1, EXPIRY_WARNING_DAYS_MAX, &s->expiry_warning_days);
}

static const struct known_setting threshold_settings[] = {
	{ "key_decision", read_key_decision },
	{ "wait_target_weeks", read_wait_target_weeks },
	{ "expiry_warning_days", read_expiry_warning_days },
};

static int read_thresholds(const struct loader *ld, const config_setting_t *setting,
			   struct settings *s)
{
	if (!config_setting_is_group(setting))
		return fail_at(ld, setting, "'thresholds' must be a group { ... }");
	return read_members(ld, setting, threshold_settings, COUNT_OF(threshold_settings), s);
}

/* ---- list entries: districts and therapies ------------------------------ */

/* A list entry must be a group holding exactly the required names.  Its
 * members can then be fetched by name without checking for NULL. */
static int check_entry(const struct loader *ld, const config_setting_t *entry,
		       const char *kind, const char *const *required, int required_count)
{
	if (!config_setting_is_group(entry))
		return fail_at(ld, entry, "each %s must be a group { ... }", kind);
	for (int i = 0; i < config_setting_length(entry); i++) {
		const config_setting_t *member = config_setting_get_elem(entry, (unsigned)i);
		const char *name = config_setting_name(member);
		int k = 0;
		while (k < required_count && strcmp(required[k], name) != 0)
			k++;
		if (k == required_count)
			return fail_at(ld, member, "unknown setting '%s'", name);
	}
	for (int k = 0; k < required_count; k++)
		if (config_setting_get_member(entry, required[k]) == NULL)
			return fail_at(ld, entry, "%s is missing '%s'", kind, required[k]);
	return 0;
}

static const config_setting_t *member_of(const config_setting_t *entry, const char *name)
{
	return config_setting_get_member(entry, name);
}

/* Checks a list's shape and returns its length through count. */
static int check_list(const struct loader *ld, const config_setting_t *setting,
		      int max, int *count)
{
	if (!config_setting_is_list(setting))
		return fail_at(ld, setting, "'%s' must be a list ( ... )", name_of(setting));
	int length = config_setting_length(setting);
	if (length == 0)
		return fail_at(ld, setting, "'%s' must not be empty", name_of(setting));
	if (length > max)
		return fail_at(ld, setting, "'%s' has more than %d entries", name_of(setting), max);
	*count = length;
	return 0;
}

/* Lookups accept a code or a name, so no code or name may be taken twice,
 * whether as a code or as a name. */
static bool names_clash(const char *code_a, const char *name_a, const char *code_b,
			const char *name_b)
{
	return strcasecmp(code_a, code_b) == 0 || strcasecmp(code_a, name_b) == 0
	       || strcasecmp(name_a, code_b) == 0 || strcasecmp(name_a, name_b) == 0;
}

static bool same_therapy(const struct therapy *a, const struct therapy *b)
{
	return names_clash(a->code, a->name, b->code, b->name);
}

static int read_therapy(const struct loader *ld, const config_setting_t *entry,
			struct therapy *out)
{
	static const char *const required[] = { "code", "name" };
	int rc = check_entry(ld, entry, "therapy", required, COUNT_OF(required));
	if (rc == 0)
		rc = read_code(ld, member_of(entry, "code"), out->code);
	if (rc == 0)
		rc = read_string(ld, member_of(entry, "name"), false, out->name, sizeof out->name);
	return rc;
}

/* A list in the file replaces the default list entirely. */
static int read_therapies(const struct loader *ld, const config_setting_t *setting,
			  struct settings *s)
{
	int count;
	int rc = check_list(ld, setting, CONFIG_MAX_THERAPIES, &count);
	for (int i = 0; rc == 0 && i < count; i++) {
		const config_setting_t *entry = config_setting_get_elem(setting, (unsigned)i);
		rc = read_therapy(ld, entry, &s->therapies[i]);
		for (int j = 0; rc == 0 && j < i; j++)
			if (same_therapy(&s->therapies[i], &s->therapies[j]))
				rc = fail_at(ld, entry, "duplicate therapy '%s'", s->therapies[i].code);
	}
	if (rc == 0) {
		s->therapy_count = count;
		memset(&s->therapies[count], 0, sizeof s->therapies - count * sizeof s->therapies[0]);
	}
	return rc;
}

static int read_district(const struct loader *ld, const config_setting_t *entry,
			 struct district *out)
{
	static const char *const required[] = { "code", "name", "row", "col" };
	int rc = check_entry(ld, entry, "district", required, COUNT_OF(required));
	if (rc == 0)
		rc = read_code(ld, member_of(entry, "code"), out->code);
	if (rc == 0)
		rc = read_string(ld, member_of(entry, "name"), false, out->name, sizeof out->name);
	if (rc == 0)
		rc = read_int(ld, member_of(entry, "row"), 0, TILE_MAX, &out->row);
	if (rc == 0)
		rc = read_int(ld, member_of(entry, "col"), 0, TILE_MAX, &out->col);
	return rc;
}

static bool same_district(const struct district *a, const struct district *b)
{
	return names_clash(a->code, a->name, b->code, b->name);
}

static int check_new_district(const struct loader *ld, const config_setting_t *entry,
			      const struct district *districts, int index)
{
	const struct district *d = &districts[index];
	for (int j = 0; j < index; j++) {
		if (same_district(d, &districts[j]))
			return fail_at(ld, entry, "duplicate district '%s'", d->code);
		if (d->row == districts[j].row && d->col == districts[j].col)
			return fail_at(ld, entry, "district '%s' is on the same tile as '%s'",
				       d->code, districts[j].code);
	}
	return 0;
}

static int read_districts(const struct loader *ld, const config_setting_t *setting,
			  struct settings *s)
{
	int count;
	int rc = check_list(ld, setting, CONFIG_MAX_DISTRICTS, &count);
	for (int i = 0; rc == 0 && i < count; i++) {
		const config_setting_t *entry = config_setting_get_elem(setting, (unsigned)i);
		rc = read_district(ld, entry, &s->districts[i]);
		if (rc == 0)
			rc = check_new_district(ld, entry, s->districts, i);
	}
	if (rc == 0) {
		s->district_count = count;
		memset(&s->districts[count], 0, sizeof s->districts - count * sizeof s->districts[0]);
	}
	return rc;
}

/* ---- term dates --------------------------------------------------------- */

static int two_digits(const char *p)
{
	return (p[0] - '0') * 10 + (p[1] - '0');
}

/* A real day written YYYY-MM-DD (the years the program handles). */
static bool is_iso_date(const char *text)
{
	static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (strlen(text) != 10 || text[4] != '-' || text[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !is_ascii_digit(text[i]))
			return false;
	int year = two_digits(text) * 100 + two_digits(text + 2);
	int month = two_digits(text + 5), day = two_digits(text + 8);
	if (year < 1900 || year > 2199 || month < 1 || month > 12 || day < 1)
		return false;
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	return day <= days[month - 1] && (month != 2 || day <= 28 || leap);
}

static int read_term_day(const struct loader *ld, const config_setting_t *setting, char *out)
{
	int rc = read_string(ld, setting, false, out, CONFIG_DATE_MAX);
	if (rc == 0 && !is_iso_date(out))
		rc = fail_at(ld, setting, "'%s' must be a date YYYY-MM-DD", name_of(setting));
	return rc;
}

/* ISO dates compare as text in date order. */
static int read_term(const struct loader *ld, const config_setting_t *entry,
		     const struct term_period *before, struct term_period *out)
{
	static const char *const required[] = { "start", "end" };
	int rc = check_entry(ld, entry, "term", required, COUNT_OF(required));
	if (rc == 0)
		rc = read_term_day(ld, member_of(entry, "start"), out->start);
	if (rc == 0)
		rc = read_term_day(ld, member_of(entry, "end"), out->end);
	if (rc == 0 && strcmp(out->end, out->start) < 0)
		rc = fail_at(ld, entry, "term ends (%s) before it starts (%s)", out->end, out->start);
	if (rc == 0 && before != NULL && strcmp(out->start, before->end) <= 0)
		rc = fail_at(ld, entry, "term starting %s must start after the one before ends (%s)",
			     out->start, before->end);
	return rc;
}

static int read_terms(const struct loader *ld, const config_setting_t *setting,
		      struct settings *s)
{
	int count;
	int rc = check_list(ld, setting, CONFIG_MAX_TERMS, &count);
	for (int i = 0; rc == 0 && i < count; i++) {
		const config_setting_t *entry = config_setting_get_elem(setting, (unsigned)i);
		rc = read_term(ld, entry, i > 0 ? &s->terms[i - 1] : NULL, &s->terms[i]);
	}
	if (rc == 0) {
		s->term_count = count;
		memset(&s->terms[count], 0, sizeof s->terms - count * sizeof s->terms[0]);
	}
	return rc;
}

/* ---- top level ---------------------------------------------------------- */

static int read_authority(const struct loader *ld, const config_setting_t *setting,
			  struct settings *s)
{
	return read_string(ld, setting, false, s->authority, sizeof s->authority);
}

static int read_database(const struct loader *ld, const config_setting_t *setting,
			 struct settings *s)
{
	return read_string(ld, setting, true, s->database, sizeof s->database);
}

static int read_plain(const struct loader *ld, const config_setting_t *setting,
		      struct settings *s)
{
	return read_bool(ld, setting, &s->plain);
}

/* A writer waits this long for another process's change to commit.
 * Large imports hold the write lock for seconds, so the default is
 * generous; 0 refuses at once when the database is busy. */
static int read_busy_timeout(const struct loader *ld, const config_setting_t *setting,
			     struct settings *s)
{
	return read_int(ld, setting, 0, CONFIG_BUSY_TIMEOUT_MAX, &s->busy_timeout_seconds);
}

/* A terminal sends a key's sequence (an arrow's "ESC O B") in one write,
 * so its bytes arrive together on any local or network link: a short
 * wait tells them from Esc alone, which then answers sooner. */
static int read_escape_delay(const struct loader *ld, const config_setting_t *setting,
			     struct settings *s)
{
	return read_int(ld, setting, 0, CONFIG_ESCAPE_DELAY_MAX, &s->escape_delay_ms);
}

/* Reports on screen run again when the records change if they are
 * quick: one that takes seconds (a national database) would keep the
 * screen busy after every save by anyone. */
static int read_report_rerun(const struct loader *ld, const config_setting_t *setting,
			     struct settings *s)
{
	return read_int(ld, setting, 0, CONFIG_REPORT_RERUN_MAX, &s->report_rerun_ms);
}

static int read_financial_year(const struct loader *ld, const config_setting_t *setting,
			       struct settings *s)
{
	return read_int(ld, setting, 1, 12, &s->financial_year_start_month);
}

static int read_academic_year(const struct loader *ld, const config_setting_t *setting,
			      struct settings *s)
{
	return read_int(ld, setting, 1, 12, &s->academic_year_start_month);
}

static int read_colour(const struct loader *ld, const config_setting_t *setting,
		       struct settings *s)
{
	return read_bool(ld, setting, &s->colour);
}

/* Names and keys are only stored here: the TUI knows which are valid and
 * reports a bad one at the line kept with it. */
static int read_binding(const struct loader *ld, const config_setting_t *member,
			struct settings *s)
{
	if (s->binding_count == CONFIG_MAX_BINDINGS)
		return fail_at(ld, member, "too many key bindings (at most %d)", CONFIG_MAX_BINDINGS);
	struct key_binding *b = &s->bindings[s->binding_count];
	const char *name = name_of(member);
	if (strlen(name) >= sizeof b->action)
		return fail_at(ld, member, "'%s' is not an action", name);
	int rc = read_string(ld, member, false, b->keys, sizeof b->keys);
	if (rc != 0)
		return rc;
	snprintf(b->action, sizeof b->action, "%s", name);
	b->line = (int)config_setting_source_line(member);
	s->binding_count++;
	return 0;
}

static int read_keymap(const struct loader *ld, const config_setting_t *setting,
		       struct settings *s)
{
	if (config_setting_type(setting) != CONFIG_TYPE_GROUP)
		return fail_at(ld, setting, "'keymap' must be a group: keymap = { filter = \"/\"; };");
	s->binding_count = 0;
	for (int i = 0; i < config_setting_length(setting); i++) {
		int rc = read_binding(ld, config_setting_get_elem(setting, (unsigned)i), s);
		if (rc != 0)
			return rc;
	}
	return 0;
}

static const struct known_setting top_level_settings[] = {
	{ "colour", read_colour },
	{ "keymap", read_keymap },
	{ "authority", read_authority },
	{ "database", read_database },
	{ "file_mode", read_file_mode },
	{ "plain", read_plain },
	{ "busy_timeout_seconds", read_busy_timeout },
	{ "escape_delay_ms", read_escape_delay },
	{ "report_rerun_ms", read_report_rerun },
	{ "financial_year_start_month", read_financial_year },
	{ "academic_year_start_month", read_academic_year },
	{ "thresholds", read_thresholds },
	{ "therapies", read_therapies },
	{ "districts", read_districts },
	{ "term_dates", read_terms },
};

/* ---- the file ----------------------------------------------------------- */

static int cannot_read(const struct loader *ld, int errnum)
{
	return error_set(ld->err, EX_CONFIG, "%s: cannot read: %s", ld->path, strerror(errnum));
}

/* length may be one past CONFIG_FILE_MAX, which is how a larger file
 * shows itself. */
static int check_text(const struct loader *ld, const char *buffer, size_t length, int read_errno)
{
	if (read_errno != 0)
		return cannot_read(ld, read_errno);
	if (length > CONFIG_FILE_MAX)
		return error_set(ld->err, EX_CONFIG, "%s: too large (over %d bytes)", ld->path,
				 CONFIG_FILE_MAX);
	if (memchr(buffer, '\0', length) != NULL)
		return error_set(ld->err, EX_CONFIG, "%s: not a text file", ld->path);
	return 0;
}

/* The whole file as one NUL-terminated string, to be freed.  A read error
 * (a directory, say) is caught here rather than left to libconfig's
 * scanner, which would end the whole program. */
static int read_text(const struct loader *ld, char **text)
{
	FILE *file = fopen(ld->path, "r");
	if (file == NULL)
		return cannot_read(ld, errno);
	char *buffer = malloc(CONFIG_FILE_MAX + 1);
	if (buffer == NULL) {
		fclose(file);
		return cannot_read(ld, ENOMEM);
	}
	size_t length = fread(buffer, 1, CONFIG_FILE_MAX + 1, file);
	int read_errno = ferror(file) ? errno : 0;
	fclose(file);
	int rc = check_text(ld, buffer, length, read_errno);
	if (rc != 0) {
		free(buffer);
		return rc;
	}
	buffer[length] = '\0';
	*text = buffer;
	return 0;
}

/* sendesk reads one file.  libconfig would follow @include to any path,
 * reports a missing one without a message, and its scanner ends the
 * program on an unreadable one, so the directive is refused outright. */
static int refuse_includes(const struct loader *ld, const char *text)
{
	int line = 1;
	for (const char *p = text; *p != '\0'; line++) {
		p += strspn(p, " \t");
		if (strncmp(p, "@include", 8) == 0)
			return fail_at_line(ld, line, "@include is not supported");
		p += strcspn(p, "\n");
		if (*p == '\n')
			p++;
	}
	return 0;
}

static int report_syntax_error(const struct loader *ld, const config_t *cfg)
{
	const char *reason = config_error_text(cfg);
	return fail_at_line(ld, config_error_line(cfg), "%s",
			    reason != NULL ? reason : "cannot be parsed");
}

static int parse_text(const struct loader *ld, const char *text, struct settings *s)
{
	config_t cfg;
	config_init(&cfg);
	int rc;
	if (config_read_string(&cfg, text) == CONFIG_FALSE)
		rc = report_syntax_error(ld, &cfg);
	else
		rc = read_members(ld, config_root_setting(&cfg), top_level_settings,
				  COUNT_OF(top_level_settings), s);
	config_destroy(&cfg);
	return rc;
}

/* Only the settings present in the file are changed: the caller fills s
 * with config_defaults() first, so an empty file means the defaults.  On
 * any error s is left exactly as it was. */
int config_load(const char *path, struct settings *s, struct error *err)
{
	struct loader ld = { path, err };
	char *text = NULL;
	int rc = read_text(&ld, &text);
	if (rc != 0)
		return rc;
	struct settings *loaded = malloc(sizeof *loaded);
	if (loaded == NULL) {
		free(text);
		return cannot_read(&ld, ENOMEM);
	}
	*loaded = *s;
	rc = refuse_includes(&ld, text);
	if (rc == 0)
		rc = parse_text(&ld, text, loaded);
	if (rc == 0) {
		snprintf(loaded->source, sizeof loaded->source, "%s", path);
		*s = *loaded;
	}
	free(loaded);
	free(text);
	return rc;
}

/* ---- default paths ------------------------------------------------------ */

static const char *home_directory(void)
{
	const char *home = getenv("HOME");
	if (home != NULL && home[0] != '\0')
		return home;
	const struct passwd *user = getpwuid(getuid());
	if (user != NULL && user->pw_dir != NULL && user->pw_dir[0] != '\0')
		return user->pw_dir;
	return ".";
}

/* The XDG base directory rules: the variable when set to an absolute path
 * (a relative one must be ignored), else a directory under $HOME.  A path
 * that does not fit comes back empty rather than cut short, since a
 * truncated path could name some other file. */
static void xdg_path(char *buf, size_t len, const char *variable, const char *under_home,
		     const char *file)
{
	if (len == 0)
		return;
	const char *base = getenv(variable);
	int n;
	if (base != NULL && base[0] == '/')
		n = snprintf(buf, len, "%s/sendesk/%s", base, file);
	else
		n = snprintf(buf, len, "%s/%s/sendesk/%s", home_directory(), under_home, file);
	if (n < 0 || (size_t)n >= len)
		buf[0] = '\0';
}

void config_default_path(char *buf, size_t len)
{
	xdg_path(buf, len, "XDG_CONFIG_HOME", ".config", "sendesk.cfg");
}

void config_default_database(char *buf, size_t len)
{
	xdg_path(buf, len, "XDG_DATA_HOME", ".local/share", "sendesk.db");
}

/* ---- lookups ------------------------------------------------------------ */

const struct district *config_find_district(const struct settings *s, const char *code_or_name)
{
	if (s == NULL || code_or_name == NULL)
		return NULL;
	for (int i = 0; i < s->district_count; i++) {
		const struct district *d = &s->districts[i];
		if (strcasecmp(d->code, code_or_name) == 0 || strcasecmp(d->name, code_or_name) == 0)
			return d;
	}
	return NULL;
}

const struct therapy *config_find_therapy(const struct settings *s, const char *code)
{
	if (s == NULL || code == NULL)
		return NULL;
	for (int i = 0; i < s->therapy_count; i++) {
		const struct therapy *t = &s->therapies[i];
		if (strcasecmp(t->code, code) == 0 || strcasecmp(t->name, code) == 0)
			return t;
	}
	return NULL;
}
