/* test_record.c: text from a CSV cell or a form field becomes a typed
 * value, and typed values become text again. */
#include "core/record.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "core/date.h"

#define POUND "\xC2\xA3"

static struct settings cfg;
static struct record r;
static struct error err;
static char buf[128];

static void setup(void)
{
	config_defaults(&cfg);
	memset(&r, 0, sizeof r);
}

static void teardown(void)
{
	if (r.kind)
		record_clear(&r);
}

TestSuite(record, .init = setup, .fini = teardown);

static void use(const char *kind)
{
	if (r.kind)
		record_clear(&r);
	const struct kind *k = kind_find(kind);
	cr_assert_not_null(k, "%s", kind);
	record_init(&r, k);
}

static int field(const char *name)
{
	int i = kind_field_index(r.kind, name);
	cr_assert_geq(i, 0, "%s has no field %s", r.kind->name, name);
	return i;
}

static int set(const char *name, const char *text)
{
	error_clear(&err);
	return record_set(&r, field(name), text, &cfg, &err);
}

/* Sets the field, which must accept text, and returns the value. */
static const struct value *accepted(const char *name, const char *text)
{
	int rc = set(name, text);
	cr_assert_eq(rc, 0, "%s: '%s' refused: %s", name, text, err.msg);
	const struct value *v = &r.values[field(name)];
	cr_assert(v->set, "%s: '%s' left unset", name, text);
	return v;
}

/* The field must refuse text, say so for that field, and be left unset. */
static const char *refused(const char *name, const char *text)
{
	int rc = set(name, text);
	cr_assert_eq(rc, EX_DATAERR, "%s: '%s' accepted", name, text);
	cr_assert_eq(err.field, field(name) + 1, "%s: err.field is %d", name, err.field);
	cr_assert_neq(err.msg[0], '\0');
	cr_assert_not(r.values[field(name)].set, "%s: refused '%s' left set", name, text);
	return err.msg;
}

static const char *text_of(const char *name)
{
	return record_text(&r, field(name), &cfg, buf, sizeof buf);
}

static const char *display_of(const char *name)
{
	return record_display(&r, field(name), &cfg, buf, sizeof buf);
}

Test(record, iso_date_is_stored_as_iso)
{
	use("contracts");
	const struct value *v = accepted("start_date", "2024-04-01");
	cr_assert_str_eq(v->text, "2024-04-01");
	cr_assert_eq(v->n, date_from_ymd(2024, 4, 1));
	cr_assert_str_eq(text_of("start_date"), "2024-04-01");
}

Test(record, uk_date_is_stored_as_iso)
{
	use("contracts");
	const struct value *v = accepted("end_date", "31/08/2025");
	cr_assert_str_eq(v->text, "2025-08-31");
	cr_assert_eq(v->n, date_from_ymd(2025, 8, 31));
	v = accepted("signed_date", "1/4/2024");
	cr_assert_str_eq(v->text, "2024-04-01");
}

Test(record, impossible_dates_are_refused)
{
	use("contracts");
	cr_assert(strstr(refused("start_date", "2023-02-30"), "no such day") != NULL, "%s", err.msg);
	refused("start_date", "30/02/2023");
	refused("start_date", "2023-13-01");
	refused("start_date", "yesterday");
	refused("start_date", "2023-2-3x");
	accepted("start_date", "2024-02-29");
	refused("start_date", "2023-02-29");
}

Test(record, money_is_pence)
{
	use("contracts");
	cr_assert_eq(accepted("annual_value", "1234")->n, 123400);
	cr_assert_eq(accepted("annual_value", "1234.5")->n, 123450);
	cr_assert_eq(accepted("annual_value", POUND "1,234.50")->n, 123450);
	cr_assert_eq(accepted("annual_value", POUND "752,905")->n, 75290500);
	cr_assert_eq(accepted("annual_value", "0.01")->n, 1);
}

Test(record, bad_money_is_refused)
{
	use("contracts");
	cr_assert(strstr(refused("annual_value", "-5"), "negative") != NULL, "%s", err.msg);
	cr_assert(strstr(refused("annual_value", "1.234"), "decimal") != NULL, "%s", err.msg);
	cr_assert(strstr(refused("annual_value", "1000000000.01"), "too large") != NULL, "%s", err.msg);
	refused("annual_value", "99999999999999999999");
	refused("annual_value", "12,34");
	refused("annual_value", "ten pounds");
	refused("annual_value", "1e6");
}

Test(record, money_text_and_display)
{
	use("contracts");
	accepted("annual_value", POUND "1,234.5");
	cr_assert_str_eq(text_of("annual_value"), "1234.50");
	cr_assert_str_eq(display_of("annual_value"), POUND "1,234.50");
	accepted("annual_value", "752905");
	cr_assert_str_eq(text_of("annual_value"), "752905.00");
	cr_assert_str_eq(display_of("annual_value"), POUND "752,905.00");
}

Test(record, choices_are_case_insensitive_and_stored_canonical)
{
	use("contracts");
	cr_assert_str_eq(accepted("status", "ACTIVE")->text, "active");
	cr_assert_str_eq(accepted("route", "PSR-Direct-C")->text, "psr-direct-c");
	cr_assert_str_eq(text_of("route"), "psr-direct-c");
	use("therapy-entries");
	cr_assert_str_eq(accepted("section", "f")->text, "F");
	use("children");
	cr_assert_str_eq(accepted("primary_need", "asd")->text, "ASD");
}

Test(record, unknown_choice_lists_the_choices)
{
	use("contracts");
	const char *msg = refused("status", "pending");
	cr_assert(strstr(msg, "draft") && strstr(msg, "active") && strstr(msg, "ended"), "%s", msg);
	use("therapy-entries");
	refused("section", "H");
}

Test(record, district_by_code_or_name_is_stored_as_code)
{
	use("coverage");
	cr_assert_str_eq(accepted("district", "swale")->text, "SWA");
	cr_assert_str_eq(text_of("district"), "Swale");
	cr_assert_str_eq(accepted("district", "Folkestone and Hythe")->text, "FOL");
	cr_assert_str_eq(accepted("district", "ton")->text, "TON");
	cr_assert_str_eq(text_of("district"), "Tonbridge and Malling");
	cr_assert_str_eq(display_of("district"), "Tonbridge and Malling");
}

Test(record, unconfigured_district_is_refused)
{
	use("coverage");
	cr_assert(strstr(refused("district", "Medway"), "district") != NULL, "%s", err.msg);
	refused("district", "Swale ");
}

Test(record, district_text_follows_the_configured_name)
{
	use("children");
	accepted("district", "SWA");
	snprintf(cfg.districts[8].name, sizeof cfg.districts[8].name, "Swale Borough");
	cr_assert_str_eq(cfg.districts[8].code, "SWA");
	cr_assert_str_eq(text_of("district"), "Swale Borough");
}

Test(record, therapy_is_stored_by_code)
{
	use("coverage");
	cr_assert_str_eq(accepted("therapy", "SLT")->text, "slt");
	cr_assert_str_eq(accepted("therapy", "assistant")->text, "assistant");
	cr_assert_str_eq(text_of("therapy"), "assistant");
	cr_assert(strstr(refused("therapy", "music"), "therapy") != NULL, "%s", err.msg);
}

Test(record, upn_check_letter)
{
	use("children");
	cr_assert_str_eq(accepted("upn", "B801200005001")->text, "B801200005001");
	cr_assert(strstr(refused("upn", "A801200005001"), "check letter") != NULL, "%s", err.msg);
	refused("upn", "B80120000500");
	refused("upn", "b801200005001");
}

Test(record, integer_ranges)
{
	use("therapy-entries");
	cr_assert_eq(accepted("minutes_per_week", "0")->n, 0);
	cr_assert_eq(accepted("minutes_per_week", "10080")->n, 10080);
	cr_assert(strstr(refused("minutes_per_week", "10081"), "between 0 and 10080") != NULL, "%s",
	          err.msg);
	refused("minutes_per_week", "-1");
	refused("minutes_per_week", "1.5");
	refused("minutes_per_week", "sixty");
	use("provision");
	refused("minutes", "0");
	cr_assert_eq(accepted("minutes", "45")->n, 45);
	cr_assert_str_eq(text_of("minutes"), "45");
}

Test(record, decimals_up_to_two_places)
{
	use("staffing");
	accepted("fte", "8.14");
	cr_assert_str_eq(text_of("fte"), "8.14");
	accepted("fte", "17");
	cr_assert_str_eq(text_of("fte"), "17");
	accepted("fte", "0.5");
	cr_assert_str_eq(text_of("fte"), "0.5");
	cr_assert_eq(r.values[field("fte")].d, 0.5);
	accepted("fte", "10");
	cr_assert_str_eq(text_of("fte"), "10");
	accepted("fte", "0");
	cr_assert_str_eq(text_of("fte"), "0");
	accepted("fte", "2.50");
	cr_assert_str_eq(text_of("fte"), "2.5");
	refused("fte", "1.234");
	refused("fte", "-1");
	refused("fte", ".5x");
	accepted("pct_funded", "100");
	refused("pct_funded", "100.01");
}

Test(record, yes_no)
{
	use("personal-budgets");
	cr_assert_eq(accepted("eotas", "Yes")->n, 1);
	cr_assert_str_eq(text_of("eotas"), "yes");
	cr_assert_eq(accepted("eotas", "NO")->n, 0);
	cr_assert_str_eq(text_of("eotas"), "no");
	cr_assert(strstr(refused("eotas", "maybe"), "yes or no") != NULL, "%s", err.msg);
	refused("eotas", "1");
}

Test(record, month)
{
	use("returns");
	cr_assert_str_eq(accepted("month", "2023-05")->text, "2023-05");
	refused("month", "2023-13");
	refused("month", "05/2023");
}

Test(record, text_too_long)
{
	use("providers");
	accepted("code", "ABCDEFGHIJKLMNOPQRST");
	cr_assert(strstr(refused("code", "ABCDEFGHIJKLMNOPQRSTU"), "too long") != NULL, "%s", err.msg);
	const char *accented = "Clinique Ren\xC3\xA9" "e";
	cr_assert_str_eq(accepted("name", accented)->text, accented);
}

/* n copies of the two-byte UTF-8 letter e-acute. */
static char *accented_name(int n)
{
	static char name[512];
	name[0] = '\0';
	for (int i = 0; i < n; i++)
		strcat(name, "\xC3\xA9");
	return name;
}

Test(record, text_length_counts_characters_not_bytes)
{
	use("children");
	/* first_name holds up to 100 characters, whatever their script. */
	accepted("first_name", accented_name(100));
	refused("first_name", accented_name(101));
}

Test(record, empty_text_unsets_and_required_is_checked)
{
	use("providers");
	accepted("code", "P1");
	cr_assert_eq(set("code", ""), 0);
	cr_assert_not(r.values[0].set);
	cr_assert_str_eq(text_of("code"), "");
	error_clear(&err);
	cr_assert_eq(record_check_required(&r, &err), EX_DATAERR);
	cr_assert_eq(err.field, 1);
	cr_assert_str_eq(err.msg, "required");
	accepted("code", "P1");
	accepted("name", "Provider");
	cr_assert_eq(record_check_required(&r, &err), 0);
}

Test(record, refused_text_clears_the_old_value)
{
	use("contracts");
	accepted("start_date", "2024-04-01");
	refused("start_date", "2024-04-31");
	cr_assert_str_eq(text_of("start_date"), "");
}

Test(record, reference_keeps_the_key)
{
	use("contracts");
	const struct value *v = accepted("provider", "EKHUFT");
	cr_assert_str_eq(v->text, "EKHUFT");
	cr_assert_str_eq(text_of("provider"), "EKHUFT");
}

Test(record, db_values_by_type)
{
	use("personal-budgets");
	accepted("amount", "12.34");
	accepted("eotas", "yes");
	accepted("start_date", "01/09/2023");
	struct db_value v = record_db_value(&r, field("amount"));
	cr_assert_eq(v.type, DBV_INTEGER);
	cr_assert_eq(v.i, 1234);
	v = record_db_value(&r, field("eotas"));
	cr_assert_eq(v.type, DBV_INTEGER);
	cr_assert_eq(v.i, 1);
	v = record_db_value(&r, field("start_date"));
	cr_assert_eq(v.type, DBV_TEXT);
	cr_assert_str_eq(v.s, "2023-09-01");
	cr_assert_eq(record_db_value(&r, field("purpose")).type, DBV_NULL);
	use("staffing");
	accepted("fte", "2.56");
	v = record_db_value(&r, field("fte"));
	cr_assert_eq(v.type, DBV_REAL);
	cr_assert_eq(v.r, 2.56);
}

Test(record, from_row_reads_stored_values)
{
	use("contracts");
	struct db_value cols[13] = {
		db_int(7), db_text("C1"), db_text("P1"), db_int(123450), db_text("2024-04-01"),
		db_text("2025-03-31"), db_null(), db_text("active"), db_null(), db_null(), db_null(),
		db_text("Caf\xC3\xA9, notes"), db_text("service"),
	};
	cr_assert_eq(record_from_row(&r, cols, 13, &err), 0, "%s", err.msg);
	cr_assert_eq(r.id, 7);
	cr_assert_str_eq(text_of("annual_value"), "1234.50");
	cr_assert_eq(r.values[field("start_date")].n, date_from_ymd(2024, 4, 1));
	cr_assert_str_eq(text_of("notes"), "Caf\xC3\xA9, notes");
	cr_assert_not(r.values[field("title")].set);
	cr_assert_str_eq(text_of("type"), "service");
	cr_assert_eq(record_from_row(&r, cols, 12, &err), EX_SOFTWARE);
}
