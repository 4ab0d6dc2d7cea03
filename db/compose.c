#include "db/compose.h"

#include <stdarg.h>
#include <stdio.h>

void sql_add(struct sql *q, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(q->text + q->len, sizeof q->text - q->len, fmt, ap);
	va_end(ap);
	if (n > 0)
		q->len += (size_t)n < sizeof q->text - q->len ? (size_t)n : sizeof q->text - q->len - 1;
}

const struct db_column *sql_key_column(enum db_table_id t)
{
	return &db_tables[t].columns[db_tables[t].key[0]];
}

void sql_add_readable(struct sql *q, const struct db_column *c)
{
	if (c->references == TABLE_NONE)
		sql_add(q, "t.%s", c->name);
	else
		sql_add(q, "(SELECT r.%s FROM %s r WHERE r.id = t.%s)",
		        sql_key_column(c->references)->name, db_tables[c->references].name, c->name);
}

void sql_add_select_columns(struct sql *q, enum db_table_id t)
{
	sql_add(q, "SELECT t.id");
	for (int i = 0; i < db_tables[t].column_count; i++) {
		sql_add(q, ", ");
		sql_add_readable(q, &db_tables[t].columns[i]);
	}
}

void sql_add_select_readable(struct sql *q, enum db_table_id t)
{
	sql_add_select_columns(q, t);
	sql_add(q, " FROM %s t", db_tables[t].name);
}
