#include "core/demo.h"

#include <stdio.h>
#include <string.h>

#include "core/demo_desk.h"
#include "core/kind.h"

/* Generated from the CSV files of data/demo/ by scripts/embed.sh, in load order. */
extern const char *const demo_files[];
extern const char *const demo_files_names[];
extern const int demo_file_count;

static int load_file(struct session *s, int i, problem_fn report, void *ctx, struct error *err)
{
	char kind_name[64];
	snprintf(kind_name, sizeof kind_name, "%s", demo_files_names[i]);
	char *dot = strrchr(kind_name, '.');
	if (dot)
		*dot = '\0';
	const struct kind *k = kind_find(kind_name);
	if (k == NULL)
		return error_set(err, EX_SOFTWARE, "demo file %s names no kind", demo_files_names[i]);
	FILE *in = fmemopen((void *)demo_files[i], strlen(demo_files[i]), "r");
	if (in == NULL)
		return error_set(err, EX_OSERR, "out of memory");
	char name[96];
	snprintf(name, sizeof name, "demo/%s", demo_files_names[i]);
	struct import_counts counts;
	int rc = transfer_import(s, k, in, name, report, ctx, &counts, err);
	fclose(in);
	return rc;
}

int demo_load(struct session *s, problem_fn report, void *ctx, struct error *err)
{
	return demo_load_on(s, date_today(), report, ctx, err);
}

int demo_load_on(struct session *s, day_t today, problem_fn report, void *ctx,
                 struct error *err)
{
	int rc = db_savepoint(s->db, err);
	for (int i = 0; rc == 0 && i < demo_file_count; i++)
		rc = load_file(s, i, report, ctx, err);
	if (rc == 0)
		rc = demo_desk_load(s, today, err);
	if (rc == 0)
		return db_release(s->db, err);
	db_rollback_savepoint(s->db);
	return rc;
}
