/* test_catalog.c: the catalogue of tables, the record kinds and the live
 * schema describe the same columns. */
#include "db/catalog.h"

#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "core/kind.h"
#include "tests/support/fixture.h"

static struct fixture f;
static sqlite3 *conn;

static void setup(void)
{
	fixture_init(&f, false);
	cr_assert_eq(sqlite3_open_v2(f.path, &conn, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
}

static void teardown(void)
{
	sqlite3_close(conn);
	fixture_done(&f);
}

TestSuite(catalog, .init = setup, .fini = teardown);

#define MAX_LIVE 32

struct live_column {
	char name[64];
	char type[32];
};

/* The live columns of a table, without its id, in schema order. */
static int live_columns(const char *table, struct live_column *cols)
{
	sqlite3_stmt *stmt;
	cr_assert_eq(sqlite3_prepare_v2(conn, "SELECT name, type FROM pragma_table_info(?1) ORDER BY cid",
	                                -1, &stmt, NULL), SQLITE_OK);
	sqlite3_bind_text(stmt, 1, table, -1, SQLITE_STATIC);
	int n = 0;
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(stmt, 0);
		/* id and version are the write path's, not fields of the record;
		 * an entry's district is a copy of its child's that triggers keep
		 * (db/migrations/0015_entry_district.sql). */
		if (strcmp(name, "id") == 0 || strcmp(name, "version") == 0 ||
		    (strcmp(table, "therapy_entries") == 0 && strcmp(name, "district") == 0))
			continue;
		cr_assert_lt(n, MAX_LIVE);
		snprintf(cols[n].name, sizeof cols[n].name, "%s", name);
		snprintf(cols[n].type, sizeof cols[n].type, "%s", (const char *)sqlite3_column_text(stmt, 1));
		n++;
	}
	sqlite3_finalize(stmt);
	return n;
}

static const char *type_name(enum db_type t)
{
	switch (t) {
	case DB_TEXT: return "TEXT";
	case DB_INTEGER: return "INTEGER";
	case DB_REAL: return "REAL";
	}
	return "?";
}

Test(catalog, every_table_matches_the_live_schema)
{
	for (int t = 0; t < TABLE_COUNT; t++) {
		const struct db_table *tb = &db_tables[t];
		struct live_column live[MAX_LIVE];
		int n = live_columns(tb->name, live);
		cr_assert_gt(n, 0, "table %s is not in the schema", tb->name);
		cr_expect_eq(n, tb->column_count, "%s: %d live columns, %d in the catalogue", tb->name, n,
		             tb->column_count);
		for (int c = 0; c < n && c < tb->column_count; c++) {
			cr_expect_str_eq(live[c].name, tb->columns[c].name, "%s column %d", tb->name, c);
			cr_expect_str_eq(live[c].type, type_name(tb->columns[c].type), "%s.%s", tb->name,
			                 tb->columns[c].name);
		}
	}
}

Test(catalog, reference_columns_are_foreign_keys_to_their_table)
{
	for (int t = 0; t < TABLE_COUNT; t++) {
		const struct db_table *tb = &db_tables[t];
		for (int c = 0; c < tb->column_count; c++) {
			sqlite3_stmt *stmt;
			cr_assert_eq(sqlite3_prepare_v2(conn, "SELECT \"table\", \"to\" FROM pragma_foreign_key_list(?1) "
			                                "WHERE \"from\" = ?2", -1, &stmt, NULL), SQLITE_OK);
			sqlite3_bind_text(stmt, 1, tb->name, -1, SQLITE_STATIC);
			sqlite3_bind_text(stmt, 2, tb->columns[c].name, -1, SQLITE_STATIC);
			int rc = sqlite3_step(stmt);
			if (tb->columns[c].references == TABLE_NONE) {
				cr_expect_neq(rc, SQLITE_ROW, "%s.%s is a foreign key the catalogue does not know",
				              tb->name, tb->columns[c].name);
			} else {
				cr_assert_eq(rc, SQLITE_ROW, "%s.%s is not a foreign key", tb->name, tb->columns[c].name);
				cr_expect_str_eq((const char *)sqlite3_column_text(stmt, 0),
				                 db_tables[tb->columns[c].references].name, "%s.%s", tb->name,
				                 tb->columns[c].name);
				cr_expect_str_eq((const char *)sqlite3_column_text(stmt, 1), "id");
			}
			sqlite3_finalize(stmt);
		}
	}
}

Test(catalog, references_point_at_single_text_key_tables)
{
	int seen = 0;
	for (int t = 0; t < TABLE_COUNT; t++) {
		const struct db_table *tb = &db_tables[t];
		for (int c = 0; c < tb->column_count; c++) {
			int target = tb->columns[c].references;
			if (target == TABLE_NONE)
				continue;
			seen++;
			cr_assert(target >= 0 && target < TABLE_COUNT, "%s.%s", tb->name, tb->columns[c].name);
			cr_expect_eq(tb->columns[c].type, DB_INTEGER, "%s.%s", tb->name, tb->columns[c].name);
			const struct db_table *to = &db_tables[target];
			cr_assert_eq(to->key_count, 1, "%s.%s points at %s, whose key has %d columns", tb->name,
			             tb->columns[c].name, to->name, to->key_count);
			cr_expect_eq(to->columns[to->key[0]].type, DB_TEXT, "%s key", to->name);
		}
	}
	cr_assert_gt(seen, 10, "only %d reference columns", seen);
}

Test(catalog, key_columns_are_unique_in_the_schema)
{
	/* A single-column key must be declared UNIQUE (an index over exactly it). */
	for (int t = 0; t < TABLE_COUNT; t++) {
		const struct db_table *tb = &db_tables[t];
		if (tb->key_count != 1)
			continue;
		sqlite3_stmt *stmt;
		cr_assert_eq(sqlite3_prepare_v2(conn,
			"SELECT count(*) FROM pragma_index_list(?1) l "
			"WHERE l.\"unique\" AND (SELECT count(*) FROM pragma_index_info(l.name)) = 1 "
			"AND (SELECT name FROM pragma_index_info(l.name)) = ?2", -1, &stmt, NULL), SQLITE_OK);
		sqlite3_bind_text(stmt, 1, tb->name, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 2, tb->columns[tb->key[0]].name, -1, SQLITE_STATIC);
		cr_assert_eq(sqlite3_step(stmt), SQLITE_ROW);
		cr_expect_eq(sqlite3_column_int(stmt, 0), 1, "%s.%s is not unique", tb->name,
		             tb->columns[tb->key[0]].name);
		sqlite3_finalize(stmt);
	}
}

/* The column a field is stored in, by the naming rule. */
static void column_for(const struct field *fl, char *buf, size_t len)
{
	if (fl->type == FIELD_REFERENCE)
		snprintf(buf, len, "%s_id", fl->name);
	else if (fl->type == FIELD_MONEY)
		snprintf(buf, len, "%s_pence", fl->name);
	else
		snprintf(buf, len, "%s", fl->name);
}

static enum db_type storage_of(enum field_type t)
{
	switch (t) {
	case FIELD_MONEY:
	case FIELD_INTEGER:
	case FIELD_YESNO:
	case FIELD_REFERENCE:
		return DB_INTEGER;
	case FIELD_DECIMAL:
		return DB_REAL;
	default:
		return DB_TEXT;
	}
}

Test(catalog, every_kind_has_one_field_per_column)
{
	for (int k = 0; k < KIND_COUNT; k++) {
		const struct kind *kd = kinds[k];
		cr_assert_not_null(kd);
		cr_assert_eq(kd->id, (enum kind_id)k, "kinds[%d] is %s", k, kd->name);
		const struct db_table *tb = &db_tables[kd->table];
		cr_assert_eq(kd->field_count, tb->column_count, "%s: %d fields, %s has %d columns",
		             kd->name, kd->field_count, tb->name, tb->column_count);
		cr_assert_leq(kd->field_count, KIND_MAX_FIELDS);
	}
}

Test(catalog, every_field_maps_to_its_column_by_name_and_type)
{
	for (int k = 0; k < KIND_COUNT; k++) {
		const struct kind *kd = kinds[k];
		const struct db_table *tb = &db_tables[kd->table];
		for (int i = 0; i < kd->field_count && i < tb->column_count; i++) {
			const struct field *fl = &kd->fields[i];
			char want[80];
			column_for(fl, want, sizeof want);
			cr_expect_str_eq(tb->columns[i].name, want, "%s field %s", kd->name, fl->name);
			cr_expect_eq(tb->columns[i].type, storage_of(fl->type), "%s field %s", kd->name,
			             fl->name);
			if (fl->type == FIELD_REFERENCE)
				cr_expect_eq(tb->columns[i].references, (int)kinds[fl->target]->table,
				             "%s field %s", kd->name, fl->name);
			else
				cr_expect_eq(tb->columns[i].references, TABLE_NONE, "%s field %s", kd->name,
				             fl->name);
		}
	}
}

Test(catalog, kind_keys_are_the_table_keys)
{
	for (int k = 0; k < KIND_COUNT; k++) {
		const struct kind *kd = kinds[k];
		const struct db_table *tb = &db_tables[kd->table];
		cr_assert_eq(kd->key_count, tb->key_count, "%s", kd->name);
		for (int i = 0; i < kd->key_count; i++)
			cr_expect_eq(kd->key_fields[i], tb->key[i], "%s key %d", kd->name, i);
	}
}

Test(catalog, each_table_belongs_to_one_kind)
{
	int owners[TABLE_COUNT] = {0};
	for (int k = 0; k < KIND_COUNT; k++)
		owners[kinds[k]->table]++;
	for (int t = 0; t < TABLE_COUNT; t++)
		cr_expect_eq(owners[t], 1, "table %s has %d kinds", db_tables[t].name, owners[t]);
}

Test(catalog, column_index_finds_columns)
{
	cr_assert_eq(db_column_index(TABLE_CONTRACTS, "ref"), 0);
	cr_assert_eq(db_column_index(TABLE_CONTRACTS, "provider_id"), 1);
	cr_assert_eq(db_column_index(TABLE_CONTRACTS, "notes"), 10);
	cr_assert_eq(db_column_index(TABLE_CONTRACTS, "provider"), -1);
	cr_assert_eq(db_column_index(TABLE_CONTRACTS, "id"), -1);
}

static const char *const interface_names[KIND_COUNT] = {
	"providers", "contracts", "contract-values", "coverage", "staffing", "children",
	"therapy-entries", "provision", "spot-purchases", "personal-budgets", "returns", "funders",
	"activity-returns", "users",
};

Test(catalog, kind_find_finds_every_interface_name)
{
	for (int i = 0; i < KIND_COUNT; i++) {
		const struct kind *k = kind_find(interface_names[i]);
		cr_assert_not_null(k, "no kind %s", interface_names[i]);
		cr_expect_str_eq(k->name, interface_names[i]);
		cr_expect_eq(k->id, (enum kind_id)i, "%s", interface_names[i]);
	}
}

Test(catalog, kind_find_knows_no_other_names)
{
	static const char *const others[] = {
		"", "provider", "Providers", "PROVIDERS", "contract", "contract_values", "contractvalues",
		"therapy_entries", "spot_purchases", "personal_budgets", "provider_returns",
		"provider-returns", "user", "audit", "districts", "therapies", " providers", "providers ",
	};
	for (size_t i = 0; i < sizeof others / sizeof others[0]; i++)
		cr_expect_null(kind_find(others[i]), "kind_find found \"%s\"", others[i]);
}

Test(catalog, roles_parse_and_name)
{
	cr_assert_eq(role_parse("caseworker"), ROLE_CASEWORKER);
	cr_assert_eq(role_parse("teamlead"), ROLE_TEAMLEAD);
	cr_assert_eq(role_parse("admin"), ROLE_ADMIN);
	cr_assert_eq(role_parse("root"), ROLE_NONE);
	cr_assert_eq(role_parse(NULL), ROLE_NONE);
	cr_assert_str_eq(role_name(ROLE_TEAMLEAD), "teamlead");
	cr_assert(ROLE_CASEWORKER < ROLE_TEAMLEAD && ROLE_TEAMLEAD < ROLE_ADMIN);
}

Test(catalog, write_roles_follow_the_design)
{
	cr_expect_eq(kind_find("children")->write_role, ROLE_CASEWORKER);
	cr_expect_eq(kind_find("therapy-entries")->write_role, ROLE_CASEWORKER);
	cr_expect_eq(kind_find("provision")->write_role, ROLE_CASEWORKER);
	cr_expect_eq(kind_find("spot-purchases")->write_role, ROLE_TEAMLEAD);
	cr_expect_eq(kind_find("personal-budgets")->write_role, ROLE_TEAMLEAD);
	cr_expect_eq(kind_find("contracts")->write_role, ROLE_ADMIN);
	cr_expect_eq(kind_find("coverage")->write_role, ROLE_ADMIN);
	cr_expect_eq(kind_find("providers")->write_role, ROLE_ADMIN);
	cr_expect_eq(kind_find("users")->write_role, ROLE_ADMIN);
}

/* Lists sort on a required field with its index, which is right only if
 * a required field can never be NULL in the database. */
Test(catalog, required_fields_are_not_null_columns)
{
	for (int k = 0; k < KIND_COUNT; k++) {
		const struct kind *kd = kinds[k];
		const struct db_table *tb = &db_tables[kd->table];
		for (int i = 0; i < kd->field_count; i++) {
			sqlite3_stmt *stmt;
			cr_assert_eq(sqlite3_prepare_v2(conn, "SELECT \"notnull\" FROM pragma_table_info(?1) "
			                                "WHERE name = ?2", -1, &stmt, NULL), SQLITE_OK);
			sqlite3_bind_text(stmt, 1, tb->name, -1, SQLITE_STATIC);
			sqlite3_bind_text(stmt, 2, tb->columns[i].name, -1, SQLITE_STATIC);
			cr_assert_eq(sqlite3_step(stmt), SQLITE_ROW);
			bool not_null = sqlite3_column_int(stmt, 0) != 0;
			sqlite3_finalize(stmt);
			if (kd->fields[i].required)
				cr_expect(not_null, "%s.%s is required but may be NULL", kd->name, kd->fields[i].name);
		}
	}
}
