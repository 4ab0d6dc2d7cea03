/* ref_cache.h: the ids of the records an import's rows refer to, looked
 * up once per key rather than once per row.
 *
 * A file of 200,000 spot purchases names a few thousand children and a
 * few dozen providers over and over; each key costs one database lookup,
 * the first time it is seen, and a hash probe after.  A cache lives for
 * one import, inside its transaction, during which no record of another
 * kind is added or removed; a key not found is never kept, so the row
 * that names it goes on to be reported as usual. */
#ifndef SENDESK_REF_CACHE_H
#define SENDESK_REF_CACHE_H

#include <stdint.h>

#include "db/db.h"

struct ref_cache;

/* NULL when out of memory. */
struct ref_cache *ref_cache_new(void);
void ref_cache_free(struct ref_cache *c);

/* *id is the id of table t's record whose key is key, or 0 when there
 * is none. */
int ref_cache_find(struct ref_cache *c, struct db *db, enum db_table_id t, const char *key,
                   int64_t *id, struct error *err);

#endif
