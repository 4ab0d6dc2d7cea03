/* compose.h: building statement text from the catalogue's constants.
 *
 * Only names from db/catalog.c and fixed SQL go in; values are always
 * bound parameters.  Private to db/. */
#ifndef SENDESK_COMPOSE_H
#define SENDESK_COMPOSE_H

#include <stddef.h>

#include "db/catalog.h"

#define SQL_MAX 4096

struct sql {
	char text[SQL_MAX];
	size_t len;
};

void sql_add(struct sql *q, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The key column of a single-key table (providers.code, contracts.ref). */
const struct db_column *sql_key_column(enum db_table_id t);

/* A select-list item for column c of the table aliased t: the column
 * itself, or the key of the row it refers to. */
void sql_add_readable(struct sql *q, const struct db_column *c);

/* "SELECT t.id, <readable columns>", for a FROM of the caller's. */
void sql_add_select_columns(struct sql *q, enum db_table_id t);

/* "SELECT t.id, <readable columns> FROM <table> t" */
void sql_add_select_readable(struct sql *q, enum db_table_id t);

#endif
