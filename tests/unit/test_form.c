/* test_form.c: what the form does without a terminal: texts typed into
 * its fields become a record with a message per refused field, choices
 * cycle, the form library's padding is trimmed, hints say what fits. */
#include "tui/form.h"

#include <criterion/criterion.h>
#include <string.h>

#define POUND "\xC2\xA3"

static struct settings cfg;
static struct record r;
static struct form_errors errs;
static char *texts[KIND_MAX_FIELDS];
static const struct kind *k;

static void setup(void)
{
	config_defaults(&cfg);
	memset(&r, 0, sizeof r);
	memset(texts, 0, sizeof texts);
	k = NULL;
}

static void teardown(void)
{
	if (r.kind)
		record_clear(&r);
}

TestSuite(form, .init = setup, .fini = teardown);

static void use(const char *name)
{
	k = kind_find(name);
	cr_assert_not_null(k, "%s", name);
	record_init(&r, k);
}

static int field(const char *name)
{
	int i = kind_field_index(k, name);
	cr_assert_geq(i, 0, "%s has no field %s", k->name, name);
	return i;
}

static void type(const char *name, const char *text)
{
	texts[field(name)] = (char *)text;
}

/* A contract that is fine in every field. */
static void good_contract(void)
{
	use("contracts");
	type("ref", "C-1");
	type("provider", "EKHUFT");
	type("annual_value", "1000");
	type("start_date", "2024-04-01");
	type("end_date", "2025-03-31");
}

static int fill(void)
{
	return form_fill_record(k, texts, &r, &cfg, &errs);
}

Test(form, good_texts_fill_the_record)
{
	good_contract();
	type("status", "ACTIVE");
	cr_assert_eq(fill(), 0, "refused: %s", errs.first >= 0 ? errs.msg[errs.first] : "");
	cr_assert_eq(errs.first, -1);
	cr_assert_str_eq(r.values[field("ref")].text, "C-1");
	cr_assert_str_eq(r.values[field("status")].text, "active");
	cr_assert_str_eq(r.values[field("start_date")].text, "2024-04-01");
	cr_assert_not(r.values[field("title")].set);
}

Test(form, money_with_pound_sign_and_commas_is_pence)
{
	good_contract();
	type("annual_value", POUND "1,234,567.89");
	cr_assert_eq(fill(), 0, "%s", errs.msg[field("annual_value")]);
	cr_assert_eq(r.values[field("annual_value")].n, 123456789);
}

Test(form, day_that_does_not_exist_is_refused_on_its_field)
{
	good_contract();
	type("start_date", "2023-02-30");
	cr_assert_eq(fill(), 1);
	int i = field("start_date");
	cr_assert_eq(errs.first, i);
	cr_assert_neq(errs.msg[i][0], '\0');
	cr_assert_eq(errs.msg[field("end_date")][0], '\0');
	cr_assert_not(r.values[i].set);
}

Test(form, unknown_choice_names_the_field_and_the_choices)
{
	good_contract();
	type("status", "signed");
	cr_assert_eq(fill(), 1);
	int i = field("status");
	cr_assert_eq(errs.first, i);
	cr_assert(strstr(errs.msg[i], "draft") != NULL, "%s", errs.msg[i]);
}

Test(form, every_refused_field_gets_its_own_message)
{
	good_contract();
	type("ref", "");
	type("annual_value", "-5");
	type("end_date", "31/13/2025");
	type("route", "by-hand");
	cr_assert_eq(fill(), 4);
	cr_assert_str_eq(errs.msg[field("ref")], "required");
	cr_assert_neq(errs.msg[field("annual_value")][0], '\0');
	cr_assert_neq(errs.msg[field("end_date")][0], '\0');
	cr_assert_neq(errs.msg[field("route")][0], '\0');
	cr_assert_eq(errs.msg[field("provider")][0], '\0');
	cr_assert_eq(errs.first, field("ref"));
}

Test(form, missing_texts_leave_required_fields_refused)
{
	use("providers");
	cr_assert_eq(fill(), 2);
	cr_assert_str_eq(errs.msg[field("code")], "required");
	cr_assert_str_eq(errs.msg[field("name")], "required");
	cr_assert_eq(errs.msg[field("kind")][0], '\0');
}

Test(form, a_second_fill_starts_clean)
{
	good_contract();
	type("start_date", "2023-02-30");
	cr_assert_eq(fill(), 1);
	type("start_date", "01/04/2024");
	cr_assert_eq(fill(), 0);
	cr_assert_eq(errs.msg[field("start_date")][0], '\0');
	cr_assert_str_eq(r.values[field("start_date")].text, "2024-04-01");
}

Test(form, store_refusal_goes_beside_its_field_without_the_name)
{
	use("contracts");
	form_errors_clear(&errs);
	struct error err = {.code = EX_DATAERR, .field = field("end_date") + 1, .msg = "end_date: must be after start_date"};
	cr_assert_eq(form_store_error(k, &err, &errs), field("end_date"));
	cr_assert_str_eq(errs.msg[field("end_date")], "must be after start_date");
	cr_assert_eq(errs.count, 1);
}

Test(form, store_refusal_of_the_record_names_no_field)
{
	use("contracts");
	form_errors_clear(&errs);
	struct error err = {.code = EX_DATAERR, .field = 0, .msg = "contract 'C-1' already exists"};
	cr_assert_eq(form_store_error(k, &err, &errs), -1);
	cr_assert_eq(errs.count, 0);
	cr_assert_eq(errs.first, -1);
}

Test(form, store_refusal_without_a_prefix_is_kept_whole)
{
	use("contracts");
	form_errors_clear(&errs);
	struct error err = {.code = EX_DATAERR, .field = field("provider") + 1, .msg = "no provider 'NOPE'"};
	cr_assert_eq(form_store_error(k, &err, &errs), field("provider"));
	cr_assert_str_eq(errs.msg[field("provider")], "no provider 'NOPE'");
}

static void trims_to(const char *text, const char *want)
{
	char buf[64];
	snprintf(buf, sizeof buf, "%s", text);
	form_trim(buf);
	cr_assert_str_eq(buf, want, "'%s'", text);
}

Test(form, padding_is_trimmed)
{
	trims_to("EKHUFT      ", "EKHUFT");
	trims_to("  " POUND "1,234.50 \t ", POUND "1,234.50");
	trims_to("Zo\xC3\xAB Brontë   ", "Zo\xC3\xAB Brontë");
	trims_to("two  words  ", "two  words");
	trims_to("     ", "");
	trims_to("", "");
}

Test(form, trimming_leaves_multibyte_endings_whole)
{
	/* "à" is C3 A0: A0 is a no-break space in Latin-1, not here. */
	trims_to("voil\xC3\xA0", "voil\xC3\xA0");
	trims_to("voil\xC3\xA0  ", "voil\xC3\xA0");
}

static const struct field *field_of(const char *kind, const char *name)
{
	use(kind);
	return &k->fields[field(name)];
}

Test(form, optional_choice_cycles_through_empty)
{
	const struct field *status = field_of("contracts", "status");
	cr_assert_str_eq(form_cycle_choice(status, &cfg, "", +1), "draft");
	cr_assert_str_eq(form_cycle_choice(status, &cfg, "draft", +1), "active");
	cr_assert_str_eq(form_cycle_choice(status, &cfg, "ended", +1), "");
	cr_assert_str_eq(form_cycle_choice(status, &cfg, "", -1), "ended");
	cr_assert_str_eq(form_cycle_choice(status, &cfg, "draft", -1), "");
	cr_assert_str_eq(form_cycle_choice(status, &cfg, "ACTIVE", +1), "ended");
}

Test(form, required_choice_wraps_without_empty)
{
	const struct field *role = field_of("users", "role");
	cr_assert_str_eq(form_cycle_choice(role, &cfg, "admin", +1), "caseworker");
	cr_assert_str_eq(form_cycle_choice(role, &cfg, "caseworker", -1), "admin");
	cr_assert_str_eq(form_cycle_choice(role, &cfg, "", +1), "caseworker");
	cr_assert_str_eq(form_cycle_choice(role, &cfg, "", -1), "admin");
}

Test(form, unknown_text_cycles_to_either_end)
{
	const struct field *status = field_of("contracts", "status");
	cr_assert_str_eq(form_cycle_choice(status, &cfg, "signed", +1), "draft");
	cr_assert_str_eq(form_cycle_choice(status, &cfg, "signed", -1), "ended");
}

Test(form, yes_no_cycles)
{
	const struct field *eotas = field_of("personal-budgets", "eotas");
	cr_assert_str_eq(form_cycle_choice(eotas, &cfg, "", +1), "yes");
	cr_assert_str_eq(form_cycle_choice(eotas, &cfg, "yes", +1), "no");
	cr_assert_str_eq(form_cycle_choice(eotas, &cfg, "no", +1), "");
}

Test(form, districts_cycle_by_name_from_code_or_name)
{
	cr_assert_geq(cfg.district_count, 2);
	const struct field *district = field_of("coverage", "district");
	cr_assert_str_eq(form_cycle_choice(district, &cfg, "", +1), cfg.districts[0].name);
	cr_assert_str_eq(form_cycle_choice(district, &cfg, cfg.districts[0].code, +1),
	                 cfg.districts[1].name);
	cr_assert_str_eq(form_cycle_choice(district, &cfg, cfg.districts[1].name, -1),
	                 cfg.districts[0].name);
	/* Required: from the first back round to the last. */
	cr_assert_str_eq(form_cycle_choice(district, &cfg, cfg.districts[0].name, -1),
	                 cfg.districts[cfg.district_count - 1].name);
}

Test(form, free_text_has_no_choices)
{
	cr_assert_null(form_cycle_choice(field_of("contracts", "title"), &cfg, "x", +1));
	cr_assert_null(form_cycle_choice(field_of("contracts", "start_date"), &cfg, "", +1));
}

static const char *hint(const char *kind, const char *name)
{
	static char buf[FORM_MSG_MAX];
	form_hint(field_of(kind, name), &cfg, buf, sizeof buf);
	return buf;
}

Test(form, hints_say_what_fits)
{
	cr_assert_str_eq(hint("contracts", "start_date"), "YYYY-MM-DD or DD/MM/YYYY");
	cr_assert_str_eq(hint("contracts", "annual_value"), "pounds: 1234.50 or " POUND "1,234.50");
	cr_assert_str_eq(hint("contracts", "provider"), "the provider's key, e.g. a provider code");
	cr_assert_str_eq(hint("provision", "entry"),
	                 "the therapy entry's key, e.g. a therapy entry ref");
	const char *status = hint("contracts", "status");
	cr_assert(strstr(status, "draft, active, ended") != NULL, "%s", status);
	cr_assert(strstr(status, "empty") != NULL, "%s", status);
	const char *role = hint("users", "role");
	cr_assert(strstr(role, "empty") == NULL, "%s", role);
	cr_assert(strstr(hint("provision", "minutes"), "1 to 1440") != NULL);
}
