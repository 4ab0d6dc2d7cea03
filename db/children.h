/* children.h (db): the queries about children as people: one already
 * recorded under the same name and birthday, and a caseworker's
 * caseload.  A caseload is found through an index on the caseworker
 * column, so these read only that caseworker's children. */
#ifndef SENDESK_DB_CHILDREN_H
#define SENDESK_DB_CHILDREN_H

#include <stdint.h>

#include "db/db.h"

/* Calls fn once with (ref, first_name, last_name, date_of_birth) of a
 * child with the same first and last name (in any case of ASCII letters)
 * and date of birth, other than the record with ref except_ref (the one
 * being saved; NULL for none), the lowest ref first; no call when there
 * is none. */
int db_children_same_person(struct db *db, const char *first_name, const char *last_name,
                            const char *date_of_birth, const char *except_ref, db_row_fn fn,
                            void *ctx, struct error *err);

/* How many children the user (by id) is the caseworker of. */
int db_caseload_count(struct db *db, int64_t user_id, int64_t *count, struct error *err);

/* The id of one child the user (by id) is the caseworker of, the lowest
 * id first; 0 when there is none. */
int db_caseload_first(struct db *db, int64_t user_id, int64_t *child_id, struct error *err);

#endif
