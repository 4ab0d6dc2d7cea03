/* migrations.h: the schema, as numbered migrations.
 *
 * migrations[v] takes a database from version v to v + 1.  They are the
 * files db/migrations/NNNN_*.sql, embedded into the binary at build time
 * (by scripts/embed.sh), so that the schema a reader sees in the tree is
 * exactly the one the program applies. */
#ifndef SENDESK_MIGRATIONS_H
#define SENDESK_MIGRATIONS_H

extern const char *const migrations[];
extern const char *const migrations_names[];
extern const int migration_count;

#endif
