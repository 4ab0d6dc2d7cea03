/* test_config.c: the settings file, its defaults and its error messages. */
#include "config/config.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SHIPPED_CONFIG "config/sendesk.cfg"

static char temp_path[64];
static struct settings settings;
static struct settings defaults;
static struct error err;

static void write_temp(const char *text, size_t length)
{
	snprintf(temp_path, sizeof temp_path, "/tmp/sendesk-test-config-XXXXXX");
	int fd = mkstemp(temp_path);
	cr_assert(fd >= 0, "mkstemp failed");
	cr_assert_eq(write(fd, text, length), (ssize_t)length);
	close(fd);
}

/* Loads text over the defaults, as the program does. */
static int load_bytes(const char *text, size_t length)
{
	write_temp(text, length);
	config_defaults(&defaults);
	config_defaults(&settings);
	error_clear(&err);
	int rc = config_load(temp_path, &settings, &err);
	unlink(temp_path);
	return rc;
}

static int load(const char *text)
{
	return load_bytes(text, strlen(text));
}

static void assert_same_district(const struct district *a, const struct district *b)
{
	cr_assert_str_eq(a->code, b->code);
	cr_assert_str_eq(a->name, b->name);
	cr_assert_eq(a->row, b->row, "%s row", a->code);
	cr_assert_eq(a->col, b->col, "%s col", a->code);
}

static void assert_same_settings(const struct settings *a, const struct settings *b)
{
	cr_assert_str_eq(a->authority, b->authority);
	cr_assert_eq(a->district_count, b->district_count);
	for (int i = 0; i < a->district_count; i++)
		assert_same_district(&a->districts[i], &b->districts[i]);
	cr_assert_eq(a->therapy_count, b->therapy_count);
	for (int i = 0; i < a->therapy_count; i++) {
		cr_assert_str_eq(a->therapies[i].code, b->therapies[i].code);
		cr_assert_str_eq(a->therapies[i].name, b->therapies[i].name);
	}
	cr_assert_eq(a->key_decision_pence, b->key_decision_pence);
	cr_assert_eq(a->wait_target_weeks, b->wait_target_weeks);
	cr_assert_eq(a->expiry_warning_days, b->expiry_warning_days);
	cr_assert_eq(a->financial_year_start_month, b->financial_year_start_month);
	cr_assert_eq(a->academic_year_start_month, b->academic_year_start_month);
	cr_assert_str_eq(a->database, b->database);
	cr_assert_eq(a->file_mode, b->file_mode, "file_mode %o != %o", a->file_mode, b->file_mode);
	cr_assert_eq(a->plain, b->plain);
	cr_assert_eq(a->busy_timeout_seconds, b->busy_timeout_seconds);
	cr_assert_eq(a->escape_delay_ms, b->escape_delay_ms);
	cr_assert_eq(a->report_rerun_ms, b->report_rerun_ms);
	cr_assert_eq(a->term_count, b->term_count);
	for (int i = 0; i < a->term_count; i++) {
		cr_assert_str_eq(a->terms[i].start, b->terms[i].start, "term %d", i);
		cr_assert_str_eq(a->terms[i].end, b->terms[i].end, "term %d", i);
	}
}

/* Checks the whole message, and that a failed load changed nothing. */
static void assert_error(const char *text, int line, const char *reason)
{
	int rc = load(text);
	char expected[ERROR_MSG_MAX];
	snprintf(expected, sizeof expected, "%s:%d: %s", temp_path, line, reason);
	cr_assert_eq(rc, EX_CONFIG, "accepted: %s", text);
	cr_assert_eq(err.code, EX_CONFIG);
	cr_assert_str_eq(err.msg, expected);
	assert_same_settings(&settings, &defaults);
}

/* ---- the shipped file and the built-in defaults ------------------------- */

/* Every field starts different from its default, so the comparison below
 * fails for any setting the shipped file leaves out. */
static void fill_with_non_defaults(struct settings *s)
{
	memset(s, 0, sizeof *s);
	snprintf(s->authority, sizeof s->authority, "Nowhere");
	s->district_count = 1;
	s->districts[0] = (struct district){ "NOW", "Nowhere", 5, 5 };
	s->therapy_count = 1;
	s->therapies[0] = (struct therapy){ "none", "No therapy" };
	s->key_decision_pence = 1;
	s->wait_target_weeks = 1;
	s->expiry_warning_days = 1;
	s->financial_year_start_month = 1;
	s->academic_year_start_month = 1;
	snprintf(s->database, sizeof s->database, "/nowhere.db");
	s->file_mode = 0;
	s->plain = true;
	s->busy_timeout_seconds = 1;
	s->term_count = 1;
	s->terms[0] = (struct term_period){ "1999-01-01", "1999-01-02" };
}

Test(config, defaults_equal_the_shipped_file)
{
	struct settings built_in, from_file;
	config_defaults(&built_in);
	fill_with_non_defaults(&from_file);
	int rc = config_load(SHIPPED_CONFIG, &from_file, &err);
	cr_assert_eq(rc, 0, "%s", err.msg);
	assert_same_settings(&from_file, &built_in);
}

Test(config, defaults_are_kent)
{
	config_defaults(&settings);
	cr_assert_str_eq(settings.authority, "Kent County Council");
	cr_assert_eq(settings.district_count, 12);
	cr_assert_eq(settings.therapy_count, 5);
	cr_assert_eq(settings.key_decision_pence, 100000000);
	cr_assert_eq(settings.wait_target_weeks, 12);
	cr_assert_eq(settings.expiry_warning_days, 90);
	cr_assert_eq(settings.financial_year_start_month, 4);
	cr_assert_eq(settings.academic_year_start_month, 9);
	cr_assert_str_eq(settings.database, "");
	cr_assert_eq(settings.file_mode, 0600);
	cr_assert_not(settings.plain);
	const struct district *swale = config_find_district(&settings, "SWA");
	cr_assert_not_null(swale);
	cr_assert_str_eq(swale->name, "Swale");
	cr_assert_eq(swale->row, 0);
	cr_assert_eq(swale->col, 3);
	cr_assert_str_eq(config_find_therapy(&settings, "slt")->name, "Speech and language therapy");
}

Test(config, default_tiles_are_distinct_and_leave_medway_empty)
{
	config_defaults(&settings);
	for (int i = 0; i < settings.district_count; i++) {
		const struct district *d = &settings.districts[i];
		cr_assert_not(d->row == 0 && d->col == 2, "%s on Medway's tile", d->code);
		for (int j = 0; j < i; j++)
			cr_assert_not(d->row == settings.districts[j].row
					      && d->col == settings.districts[j].col,
				      "%s and %s share a tile", d->code, settings.districts[j].code);
	}
}

/* ---- loading ------------------------------------------------------------ */

Test(config, empty_file_gives_the_defaults)
{
	cr_assert_eq(load(""), 0, "%s", err.msg);
	assert_same_settings(&settings, &defaults);
}

Test(config, comments_only_give_the_defaults)
{
	cr_assert_eq(load("// nothing\n# nothing\n/* nothing */\n"), 0, "%s", err.msg);
	assert_same_settings(&settings, &defaults);
}

Test(config, partial_override_keeps_other_defaults)
{
	cr_assert_eq(load("academic_year_start_month = 8;\n"), 0, "%s", err.msg);
	cr_assert_eq(settings.academic_year_start_month, 8);
	defaults.academic_year_start_month = 8;
	assert_same_settings(&settings, &defaults);
}

Test(config, nested_override_keeps_sibling_defaults)
{
	cr_assert_eq(load("thresholds = { wait_target_weeks = 18; };\n"), 0, "%s", err.msg);
	cr_assert_eq(settings.wait_target_weeks, 18);
	cr_assert_eq(settings.expiry_warning_days, 90);
	cr_assert_eq(settings.key_decision_pence, 100000000);
}

Test(config, scalar_settings)
{
	cr_assert_eq(load("authority = \"Medway Council\";\n"
			  "database = \"/srv/sendesk/medway.db\";\n"
			  "plain = true;\n"
			  "financial_year_start_month = 1;\n"
			  "academic_year_start_month = 12;\n"
			  "thresholds = { key_decision = 250000; expiry_warning_days = 30; };\n"),
		     0, "%s", err.msg);
	cr_assert_str_eq(settings.authority, "Medway Council");
	cr_assert_str_eq(settings.database, "/srv/sendesk/medway.db");
	cr_assert(settings.plain);
	cr_assert_eq(settings.financial_year_start_month, 1);
	cr_assert_eq(settings.academic_year_start_month, 12);
	cr_assert_eq(settings.key_decision_pence, 25000000);
	cr_assert_eq(settings.expiry_warning_days, 30);
}

Test(config, second_file_loads_over_the_first)
{
	cr_assert_eq(load("plain = true;\n"), 0, "%s", err.msg);
	write_temp("academic_year_start_month = 7;\n", 31);
	cr_assert_eq(config_load(temp_path, &settings, &err), 0, "%s", err.msg);
	unlink(temp_path);
	cr_assert(settings.plain);
	cr_assert_eq(settings.academic_year_start_month, 7);
}

static void assert_file_mode(const char *value, int expected)
{
	char text[128];
	snprintf(text, sizeof text, "file_mode = %s;\n", value);
	cr_assert_eq(load(text), 0, "%s: %s", value, err.msg);
	cr_assert_eq(settings.file_mode, expected, "%s gave %o", value, settings.file_mode);
}

Test(config, file_mode_as_string_or_integer)
{
	assert_file_mode("\"0640\"", 0640);
	assert_file_mode("\"600\"", 0600);
	assert_file_mode("\"0\"", 0);
	assert_file_mode("\"0777\"", 0777);
	/* libconfig reads 0600 as decimal 600; it means rw------- all the same */
	assert_file_mode("0600", 0600);
	assert_file_mode("0400", 0400);
	assert_file_mode("640", 0640);
	assert_file_mode("0x1a0", 0640);
	assert_file_mode("0", 0);
}

Test(config, busy_timeout_in_seconds_within_range)
{
	cr_assert_eq(load("busy_timeout_seconds = 60;\n"), 0, "%s", err.msg);
	cr_assert_eq(defaults.busy_timeout_seconds, 60);
	cr_assert_eq(settings.busy_timeout_seconds, 60);
	cr_assert_eq(load("busy_timeout_seconds = 0;\n"), 0, "%s", err.msg);
	cr_assert_eq(settings.busy_timeout_seconds, 0);
	cr_assert_eq(load("busy_timeout_seconds = 3600;\n"), 0, "%s", err.msg);
	cr_assert_eq(settings.busy_timeout_seconds, 3600);
	const char *range = "'busy_timeout_seconds' must be between 0 and 3600";
	assert_error("\nbusy_timeout_seconds = -1;\n", 2, range);
	assert_error("\nbusy_timeout_seconds = 3601;\n", 2, range);
	assert_error("\nbusy_timeout_seconds = \"60\";\n", 2,
	             "'busy_timeout_seconds' must be an integer");
}

Test(config, escape_delay_in_milliseconds_within_range)
{
	cr_assert_eq(load("escape_delay_ms = 40;\n"), 0, "%s", err.msg);
	cr_assert_eq(settings.escape_delay_ms, 40);
	cr_assert_leq(defaults.escape_delay_ms, 25, "Esc answered sooner than curses' own 25 ms");
	cr_assert_eq(load("escape_delay_ms = 0;\n"), 0, "%s", err.msg);
	cr_assert_eq(settings.escape_delay_ms, 0);
	assert_error("\nescape_delay_ms = 1001;\n", 2, "'escape_delay_ms' must be between 0 and 1000");
}

Test(config, report_rerun_in_milliseconds_within_range)
{
	cr_assert_eq(load("report_rerun_ms = 0;\n"), 0, "%s", err.msg);
	cr_assert_eq(defaults.report_rerun_ms, 1000);
	cr_assert_eq(settings.report_rerun_ms, 0);
	cr_assert_eq(load("report_rerun_ms = 3600000;\n"), 0, "%s", err.msg);
	cr_assert_eq(settings.report_rerun_ms, 3600000);
	assert_error("\nreport_rerun_ms = -1;\n", 2,
	             "'report_rerun_ms' must be between 0 and 3600000");
}

static void assert_key_decision(const char *value, int64_t expected_pence)
{
	char text[128];
	snprintf(text, sizeof text, "thresholds = { key_decision = %s; };\n", value);
	cr_assert_eq(load(text), 0, "%s: %s", value, err.msg);
	cr_assert_eq(settings.key_decision_pence, expected_pence, "%s", value);
}

Test(config, key_decision_in_pounds)
{
	assert_key_decision("\"1000000\"", 100000000);
	assert_key_decision("\"1,000,000\"", 100000000);
	assert_key_decision("\"2,500,000.50\"", 250000050);
	assert_key_decision("\"\xc2\xa3" "750,000\"", 75000000);
	assert_key_decision("\"999\"", 99900);
	assert_key_decision("\"0.01\"", 1);
	assert_key_decision("500000", 50000000);
	assert_key_decision("5000000000L", INT64_C(500000000000));
	assert_key_decision("\"92233720368547757\"", INT64_C(9223372036854775700));
}

static void assert_bad_key_decision(const char *value, const char *reason)
{
	char text[128];
	snprintf(text, sizeof text, "\nthresholds = {\n  key_decision = %s;\n};\n", value);
	assert_error(text, 3, reason);
}

Test(config, bad_key_decisions)
{
	const char *not_pounds = "'key_decision' must be an amount in pounds such as \"1,000,000\"";
	assert_bad_key_decision("\"\"", not_pounds);
	assert_bad_key_decision("\"one million\"", not_pounds);
	assert_bad_key_decision("\"1,00,000\"", not_pounds);
	assert_bad_key_decision("\"1000,000\"", not_pounds);
	assert_bad_key_decision("\",100\"", not_pounds);
	assert_bad_key_decision("\"100,\"", not_pounds);
	assert_bad_key_decision("\"1,000.5\"", not_pounds);
	assert_bad_key_decision("\"1,000.505\"", not_pounds);
	assert_bad_key_decision("\"-5\"", not_pounds);
	assert_bad_key_decision("\"92233720368547758\"", not_pounds);
	assert_bad_key_decision("1000000.0", not_pounds);
	assert_bad_key_decision("true", not_pounds);
	assert_bad_key_decision("\"0\"", "'key_decision' must be more than zero");
	assert_bad_key_decision("\"0.00\"", "'key_decision' must be more than zero");
	assert_bad_key_decision("0", "'key_decision' must be more than zero");
	assert_bad_key_decision("-5", "'key_decision' must be more than zero");
	assert_bad_key_decision("92233720368547758L", "'key_decision' is too large");
}

Test(config, districts_list_replaces_the_defaults)
{
	cr_assert_eq(load("districts = (\n"
			  "  { code = \"HAR\"; name = \"Harrow\"; row = 0; col = 0; },\n"
			  "  { code = \"BAR\"; name = \"Barnet\"; row = 0; col = 1; }\n"
			  ");\n"),
		     0, "%s", err.msg);
	cr_assert_eq(settings.district_count, 2);
	assert_same_district(&settings.districts[0], &(struct district){ "HAR", "Harrow", 0, 0 });
	assert_same_district(&settings.districts[1], &(struct district){ "BAR", "Barnet", 0, 1 });
	cr_assert_str_eq(settings.districts[2].code, "", "no stale default after the list");
	cr_assert_null(config_find_district(&settings, "Swale"));
	cr_assert_eq(settings.therapy_count, 5, "therapies untouched");
}

Test(config, therapies_list_replaces_the_defaults)
{
	cr_assert_eq(load("therapies = ( { code = \"music\"; name = \"Music therapy\"; } );\n"), 0,
		     "%s", err.msg);
	cr_assert_eq(settings.therapy_count, 1);
	cr_assert_str_eq(settings.therapies[0].code, "music");
	cr_assert_str_eq(settings.therapies[0].name, "Music therapy");
	cr_assert_null(config_find_therapy(&settings, "slt"));
	cr_assert_eq(settings.district_count, 12, "districts untouched");
}

/* n districts, one a line after the opening line. */
static char *districts_text(int n)
{
	size_t size = 64 + (size_t)n * 80;
	char *text = malloc(size);
	cr_assert_not_null(text);
	size_t used = (size_t)snprintf(text, size, "districts = (\n");
	for (int i = 0; i < n; i++)
		used += (size_t)snprintf(text + used, size - used,
					 "{ code = \"D%d\"; name = \"District %d\"; row = %d; col = %d; }%s\n",
					 i, i, i / 10, i % 10, i + 1 < n ? "," : "");
	snprintf(text + used, size - used, ");\n");
	return text;
}

Test(config, as_many_districts_as_allowed)
{
	char *text = districts_text(CONFIG_MAX_DISTRICTS);
	cr_assert_eq(load(text), 0, "%s", err.msg);
	free(text);
	cr_assert_eq(settings.district_count, CONFIG_MAX_DISTRICTS);
	cr_assert_str_eq(config_find_district(&settings, "d63")->name, "District 63");
}

Test(config, too_many_districts)
{
	char *text = districts_text(CONFIG_MAX_DISTRICTS + 1);
	assert_error(text, 1, "'districts' has more than 64 entries");
	free(text);
}

Test(config, too_many_therapies)
{
	char text[2048] = "\ntherapies = (\n";
	for (int i = 0; i <= CONFIG_MAX_THERAPIES; i++) {
		char line[80];
		snprintf(line, sizeof line, "{ code = \"t%d\"; name = \"Therapy %d\"; }%s\n", i, i,
			 i < CONFIG_MAX_THERAPIES ? "," : "");
		strcat(text, line);
	}
	strcat(text, ");\n");
	assert_error(text, 2, "'therapies' has more than 16 entries");
}

/* ---- term dates --------------------------------------------------------- */

Test(config, default_terms_cover_this_and_next_academic_year_in_order)
{
	struct settings s;
	config_defaults(&s);
	cr_assert_eq(s.term_count, 18);
	cr_assert_str_eq(s.terms[0].start, "2025-09-03");
	cr_assert_str_eq(s.terms[17].end, "2028-07-20");
	for (int i = 1; i < s.term_count; i++)
		cr_assert(strcmp(s.terms[i].start, s.terms[i - 1].end) > 0, "term %d", i);
}

Test(config, term_dates_list_replaces_the_defaults)
{
	int rc = load("term_dates = (\n"
		      "  { start = \"2030-09-01\"; end = \"2030-12-20\"; },\n"
		      "  { start = \"2031-01-06\"; end = \"2031-01-06\"; }\n"
		      ");\n");
	cr_assert_eq(rc, 0, "%s", err.msg);
	cr_assert_eq(settings.term_count, 2);
	cr_assert_str_eq(settings.terms[0].start, "2030-09-01");
	cr_assert_str_eq(settings.terms[0].end, "2030-12-20");
	cr_assert_str_eq(settings.terms[1].start, "2031-01-06");
	cr_assert_str_eq(settings.terms[2].start, "");
	cr_assert_eq(settings.district_count, defaults.district_count);
}

Test(config, bad_term_dates)
{
	assert_error("term_dates = \"2030-09-01\";\n", 1, "'term_dates' must be a list ( ... )");
	assert_error("term_dates = ();\n", 1, "'term_dates' must not be empty");
	assert_error("term_dates = (\n  { start = \"2030-09-01\"; }\n);\n", 2,
		     "term is missing 'end'");
	assert_error("term_dates = (\n  { start = \"2030-09-01\"; end = \"2030-12-20\"; days = 5; }\n);\n",
		     2, "unknown setting 'days'");
	assert_error("term_dates = (\n  { start = \"2030-02-30\"; end = \"2030-12-20\"; }\n);\n",
		     2, "'start' must be a date YYYY-MM-DD");
	assert_error("term_dates = (\n  { start = \"01/09/2030\"; end = \"2030-12-20\"; }\n);\n",
		     2, "'start' must be a date YYYY-MM-DD");
	assert_error("term_dates = (\n  { start = \"2030-09-01\"; end = 20301220; }\n);\n",
		     2, "'end' must be a string");
	assert_error("term_dates = (\n  { start = \"2030-09-01\";\n    end = \"2030-08-20\"; }\n);\n",
		     2, "term ends (2030-08-20) before it starts (2030-09-01)");
	assert_error("term_dates = (\n"
		     "  { start = \"2030-09-01\"; end = \"2030-12-20\"; },\n"
		     "  { start = \"2030-12-20\"; end = \"2031-02-01\"; }\n);\n",
		     3, "term starting 2030-12-20 must start after the one before ends (2030-12-20)");
	assert_error("term_dates = (\n"
		     "  { start = \"2031-01-06\"; end = \"2031-02-01\"; },\n"
		     "  { start = \"2030-09-01\"; end = \"2030-12-20\"; }\n);\n",
		     3, "term starting 2030-09-01 must start after the one before ends (2031-02-01)");
}

Test(config, leap_day_term_dates)
{
	cr_assert_eq(load("term_dates = ({ start = \"2028-02-29\"; end = \"2028-03-01\"; });\n"), 0,
		     "%s", err.msg);
	assert_error("term_dates = ({ start = \"2027-02-29\"; end = \"2027-03-01\"; });\n", 1,
		     "'start' must be a date YYYY-MM-DD");
}

/* ---- errors ------------------------------------------------------------- */

Test(config, syntax_error)
{
	assert_error("plain = false;\nacademic_year_start_month = ;\n", 2, "syntax error");
	assert_error("authority = \"Kent;\n", 2, "syntax error");
	assert_error("plain = false;\n\nplain = true;\n", 3, "duplicate setting name");
}

Test(config, misspelt_setting)
{
	assert_error("authority = \"Kent County Council\";\n"
		     "finacial_year_start_month = 4;\n",
		     2, "unknown setting 'finacial_year_start_month'");
}

Test(config, names_are_case_sensitive)
{
	assert_error("Plain = true;\n", 1, "unknown setting 'Plain'");
}

Test(config, nested_setting_at_top_level)
{
	assert_error("\n\nwait_target_weeks = 10;\n", 3, "unknown setting 'wait_target_weeks'");
}

Test(config, unknown_threshold)
{
	assert_error("thresholds = {\n"
		     "  wait_target_weeks = 12;\n"
		     "  wait_target_week = 10;\n"
		     "};\n",
		     3, "unknown setting 'wait_target_week'");
}

Test(config, unknown_district_member)
{
	assert_error("districts = (\n"
		     "  { code = \"ASH\"; name = \"Ashford\"; row = 1; col = 3; },\n"
		     "  { code = \"CAN\"; name = \"Canterbury\"; row = 0; col = 4;\n"
		     "    colour = \"red\"; }\n"
		     ");\n",
		     4, "unknown setting 'colour'");
}

Test(config, unknown_therapy_member)
{
	assert_error("therapies = (\n"
		     "  { code = \"slt\"; name = \"Speech and language therapy\"; nmae = \"x\"; }\n"
		     ");\n",
		     2, "unknown setting 'nmae'");
}

Test(config, wrong_types)
{
	assert_error("\nfinancial_year_start_month = \"4\";\n", 2,
		     "'financial_year_start_month' must be an integer");
	assert_error("academic_year_start_month = 9.0;\n", 1,
		     "'academic_year_start_month' must be an integer");
	assert_error("plain = 1;\n", 1, "'plain' must be true or false");
	assert_error("authority = 42;\n", 1, "'authority' must be a string");
	assert_error("database = false;\n", 1, "'database' must be a string");
	assert_error("file_mode = true;\n", 1, "'file_mode' must be octal digits such as \"0600\"");
	assert_error("thresholds = 12;\n", 1, "'thresholds' must be a group { ... }");
	assert_error("thresholds = {\n wait_target_weeks = \"12\";\n};\n", 2,
		     "'wait_target_weeks' must be an integer");
	assert_error("districts = { code = \"ASH\"; };\n", 1, "'districts' must be a list ( ... )");
	assert_error("therapies = [ \"slt\", \"ot\" ];\n", 1, "'therapies' must be a list ( ... )");
	assert_error("therapies = (\n \"slt\", \"ot\"\n);\n", 2, "each therapy must be a group { ... }");
	assert_error("districts = (\n { code = \"ASH\"; name = \"Ashford\"; row = \"1\"; col = 3; }\n);\n",
		     2, "'row' must be an integer");
}

Test(config, months_out_of_range)
{
	assert_error("financial_year_start_month = 0;\n", 1,
		     "'financial_year_start_month' must be between 1 and 12");
	assert_error("\nacademic_year_start_month = 13;\n", 2,
		     "'academic_year_start_month' must be between 1 and 12");
	assert_error("academic_year_start_month = -9;\n", 1,
		     "'academic_year_start_month' must be between 1 and 12");
}

Test(config, thresholds_must_be_positive)
{
	assert_error("thresholds = {\n  wait_target_weeks = 0;\n};\n", 2,
		     "'wait_target_weeks' must be between 1 and 520");
	assert_error("thresholds = {\n\n  expiry_warning_days = -1;\n};\n", 3,
		     "'expiry_warning_days' must be between 1 and 3660");
}

Test(config, file_mode_out_of_range)
{
	const char *reason = "'file_mode' must be octal digits between 0 and 0777, such as \"0600\"";
	assert_error("file_mode = \"1000\";\n", 1, reason);
	assert_error("file_mode = \"0800\";\n", 1, reason);
	assert_error("file_mode = \"\";\n", 1, reason);
	assert_error("file_mode = \"rw-------\";\n", 1, reason);
	assert_error("file_mode = \"-600\";\n", 1, reason);
	assert_error("file_mode = 1000;\n", 1, reason);
	assert_error("file_mode = 384;\n", 1, reason);
	assert_error("file_mode = -1;\n", 1, reason);
	assert_error("file_mode = 0x200;\n", 1, reason);
}

Test(config, empty_lists)
{
	assert_error("\ndistricts = ( );\n", 2, "'districts' must not be empty");
	assert_error("therapies = ();\n", 1, "'therapies' must not be empty");
}

Test(config, empty_strings)
{
	assert_error("authority = \"\";\n", 1, "'authority' must not be empty");
	assert_error("therapies = (\n { code = \"\"; name = \"Nothing\"; }\n);\n", 2,
		     "'code' must not be empty");
	assert_error("therapies = (\n { code = \"x\";\n   name = \"\"; }\n);\n", 3,
		     "'name' must not be empty");
}

Test(config, empty_database_means_default)
{
	cr_assert_eq(load("database = \"\";\n"), 0, "%s", err.msg);
	cr_assert_str_eq(settings.database, "");
}

static const char district_head[] = "districts = (\n";

static void assert_district_error(const char *entries, int line, const char *reason)
{
	char text[1024];
	snprintf(text, sizeof text, "%s%s);\n", district_head, entries);
	assert_error(text, line, reason);
}

Test(config, tile_out_of_range)
{
	assert_district_error("{ code = \"ASH\"; name = \"Ashford\";\n row = 21; col = 3; }\n", 3,
			      "'row' must be between 0 and 20");
	assert_district_error("{ code = \"ASH\"; name = \"Ashford\"; row = 1;\n col = -1; }\n", 3,
			      "'col' must be between 0 and 20");
	assert_district_error("{ code = \"ASH\"; name = \"Ashford\"; row = 20; col = 20; },\n"
			      "{ code = \"CAN\"; name = \"Canterbury\"; row = 0; col = 21; }\n",
			      3, "'col' must be between 0 and 20");
}

Test(config, duplicate_district_code)
{
	assert_district_error("{ code = \"ASH\"; name = \"Ashford\"; row = 1; col = 3; },\n"
			      "{ code = \"CAN\"; name = \"Canterbury\"; row = 0; col = 4; },\n"
			      "{ code = \"ash\"; name = \"Ashford again\"; row = 2; col = 3; }\n",
			      4, "duplicate district 'ash'");
}

Test(config, duplicate_district_name)
{
	assert_district_error("{ code = \"ASH\"; name = \"Ashford\"; row = 1; col = 3; },\n"
			      "{ code = \"ASF\"; name = \"ASHFORD\"; row = 2; col = 3; }\n",
			      3, "duplicate district 'ASF'");
}

Test(config, district_code_equal_to_another_name)
{
	assert_district_error("{ code = \"Dover\"; name = \"Dover district\"; row = 1; col = 5; },\n"
			      "{ code = \"DOV\"; name = \"dover\"; row = 2; col = 5; }\n",
			      3, "duplicate district 'DOV'");
}

Test(config, districts_on_one_tile)
{
	assert_district_error("{ code = \"ASH\"; name = \"Ashford\"; row = 1; col = 3; },\n"
			      "{ code = \"CAN\"; name = \"Canterbury\"; row = 1; col = 3; }\n",
			      3, "district 'CAN' is on the same tile as 'ASH'");
}

Test(config, district_code_and_name_too_long)
{
	assert_district_error("{ code = \"ABCDEFGHIJKLMNOP\"; name = \"Long\"; row = 0; col = 0; }\n", 2,
			      "'code' is too long (at most 15 bytes)");
	assert_district_error("{ code = \"LNG\";\n"
			      "  name = \"An extremely long district name that goes on and on and on, too!\"; "
			      "row = 0; col = 0; }\n",
			      3, "'name' is too long (at most 63 bytes)");
}

Test(config, longest_district_code_and_name_fit)
{
	cr_assert_eq(load("districts = ( { code = \"ABCDEFGHIJKLMNO\"; "
			  "name = \"An extremely long district name that goes on and on and on, too\"; "
			  "row = 0; col = 0; } );\n"),
		     0, "%s", err.msg);
	cr_assert_str_eq(settings.districts[0].code, "ABCDEFGHIJKLMNO");
	cr_assert_eq(strlen(settings.districts[0].name), 63);
}

Test(config, district_code_characters)
{
	assert_district_error("{ code = \"AS H\"; name = \"Ashford\"; row = 1; col = 3; }\n", 2,
			      "'code' may contain only letters, digits, '-' and '_'");
	assert_district_error("{ code = \"AS,H\"; name = \"Ashford\"; row = 1; col = 3; }\n", 2,
			      "'code' may contain only letters, digits, '-' and '_'");
}

Test(config, district_missing_member)
{
	assert_district_error("{ code = \"ASH\"; name = \"Ashford\"; row = 1; col = 3; },\n"
			      "{ code = \"CAN\";\n  name = \"Canterbury\"; row = 0; }\n",
			      3, "district is missing 'col'");
}

Test(config, district_not_a_group)
{
	assert_district_error("\"ASH\", \"CAN\"\n", 2, "each district must be a group { ... }");
}

Test(config, duplicate_therapy)
{
	assert_error("therapies = (\n"
		     "  { code = \"slt\"; name = \"Speech and language therapy\"; },\n"
		     "  { code = \"SLT\"; name = \"Speech therapy\"; }\n"
		     ");\n",
		     3, "duplicate therapy 'SLT'");
	assert_error("therapies = (\n"
		     "  { code = \"slt\"; name = \"Speech and language therapy\"; },\n"
		     "  { code = \"salt\"; name = \"speech and language therapy\"; }\n"
		     ");\n",
		     3, "duplicate therapy 'salt'");
	assert_error("therapies = (\n"
		     "  { code = \"slt\"; name = \"Speech\"; },\n"
		     "  { code = \"speech\"; name = \"Speech therapy\"; }\n"
		     ");\n",
		     3, "duplicate therapy 'speech'");
}

Test(config, therapy_missing_name)
{
	assert_error("\ntherapies = ( { code = \"slt\"; } );\n", 2, "therapy is missing 'name'");
}

Test(config, include_is_refused)
{
	assert_error("plain = true;\n  @include \"other.cfg\"\n", 2, "@include is not supported");
}

Test(config, error_after_good_settings_changes_nothing)
{
	assert_error("plain = true;\nacademic_year_start_month = 8;\nfile_mode = \"0999\";\n", 3,
		     "'file_mode' must be octal digits between 0 and 0777, such as \"0600\"");
	cr_assert_not(settings.plain);
	cr_assert_eq(settings.academic_year_start_month, 9);
}

Test(config, null_error_is_allowed)
{
	write_temp("plain = 3;\n", 11);
	config_defaults(&settings);
	cr_assert_eq(config_load(temp_path, &settings, NULL), EX_CONFIG);
	unlink(temp_path);
}

Test(config, missing_file)
{
	config_defaults(&settings);
	int rc = config_load("/tmp/sendesk-no-such-dir/sendesk.cfg", &settings, &err);
	cr_assert_eq(rc, EX_CONFIG);
	cr_assert_str_eq(err.msg,
			 "/tmp/sendesk-no-such-dir/sendesk.cfg: cannot read: No such file or directory");
}

Test(config, directory_instead_of_file)
{
	config_defaults(&settings);
	cr_assert_eq(config_load("/tmp", &settings, &err), EX_CONFIG);
	cr_assert_str_eq(err.msg, "/tmp: cannot read: Is a directory");
}

Test(config, binary_file)
{
	cr_assert_eq(load_bytes("plain = true;\n\0plain = false;\n", 30), EX_CONFIG);
	char expected[128];
	snprintf(expected, sizeof expected, "%s: not a text file", temp_path);
	cr_assert_str_eq(err.msg, expected);
}

Test(config, huge_file)
{
	size_t size = 70000;
	char *text = malloc(size + 1);
	cr_assert_not_null(text);
	memset(text, '\n', size);
	text[size] = '\0';
	cr_assert_eq(load(text), EX_CONFIG);
	free(text);
	char expected[128];
	snprintf(expected, sizeof expected, "%s: too large (over 65535 bytes)", temp_path);
	cr_assert_str_eq(err.msg, expected);
}

/* ---- default paths ------------------------------------------------------ */

static void assert_config_path(const char *expected)
{
	char path[CONFIG_PATH_MAX];
	config_default_path(path, sizeof path);
	cr_assert_str_eq(path, expected);
}

static void assert_database_path(const char *expected)
{
	char path[CONFIG_PATH_MAX];
	config_default_database(path, sizeof path);
	cr_assert_str_eq(path, expected);
}

Test(config, config_path_follows_xdg)
{
	setenv("HOME", "/home/caseworker", 1);
	setenv("XDG_CONFIG_HOME", "/etc/xdg-home", 1);
	assert_config_path("/etc/xdg-home/sendesk/sendesk.cfg");
	unsetenv("XDG_CONFIG_HOME");
	assert_config_path("/home/caseworker/.config/sendesk/sendesk.cfg");
	setenv("XDG_CONFIG_HOME", "", 1);
	assert_config_path("/home/caseworker/.config/sendesk/sendesk.cfg");
	setenv("XDG_CONFIG_HOME", "relative/dir", 1);
	assert_config_path("/home/caseworker/.config/sendesk/sendesk.cfg");
}

Test(config, database_path_follows_xdg)
{
	setenv("HOME", "/home/caseworker", 1);
	setenv("XDG_DATA_HOME", "/srv/data", 1);
	assert_database_path("/srv/data/sendesk/sendesk.db");
	unsetenv("XDG_DATA_HOME");
	assert_database_path("/home/caseworker/.local/share/sendesk/sendesk.db");
	setenv("XDG_DATA_HOME", "", 1);
	assert_database_path("/home/caseworker/.local/share/sendesk/sendesk.db");
}

Test(config, path_that_does_not_fit_is_empty)
{
	setenv("XDG_CONFIG_HOME", "/a/rather/long/directory", 1);
	char path[20];
	config_default_path(path, sizeof path);
	cr_assert_str_eq(path, "");
}

/* ---- lookups ------------------------------------------------------------ */

Test(config, find_district_by_code_or_name_in_any_case)
{
	config_defaults(&settings);
	const char *swale[] = { "SWA", "swa", "Swa", "Swale", "swale", "SWALE" };
	for (size_t i = 0; i < sizeof swale / sizeof swale[0]; i++) {
		const struct district *d = config_find_district(&settings, swale[i]);
		cr_assert_not_null(d, "%s", swale[i]);
		cr_assert_str_eq(d->code, "SWA");
	}
	cr_assert_str_eq(config_find_district(&settings, "folkestone and hythe")->code, "FOL");
	cr_assert_str_eq(config_find_district(&settings, "TON")->name, "Tonbridge and Malling");
}

Test(config, find_district_unknown)
{
	config_defaults(&settings);
	cr_assert_null(config_find_district(&settings, "Medway"));
	cr_assert_null(config_find_district(&settings, "SW"));
	cr_assert_null(config_find_district(&settings, "Swale "));
	cr_assert_null(config_find_district(&settings, ""));
	cr_assert_null(config_find_district(&settings, NULL));
}

Test(config, find_therapy_by_code_or_name_in_any_case)
{
	config_defaults(&settings);
	cr_assert_str_eq(config_find_therapy(&settings, "slt")->code, "slt");
	cr_assert_str_eq(config_find_therapy(&settings, "SLT")->code, "slt");
	cr_assert_str_eq(config_find_therapy(&settings, "Ot")->name, "Occupational therapy");
	cr_assert_str_eq(config_find_therapy(&settings, "physiotherapy")->code, "pt");
	cr_assert_str_eq(config_find_therapy(&settings, "THERAPY ASSISTANT")->code, "assistant");
}

Test(config, find_therapy_unknown)
{
	config_defaults(&settings);
	cr_assert_null(config_find_therapy(&settings, "music"));
	cr_assert_null(config_find_therapy(&settings, "s"));
	cr_assert_null(config_find_therapy(&settings, ""));
	cr_assert_null(config_find_therapy(&settings, NULL));
}
