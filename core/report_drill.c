#include "core/report_drill.h"

#include <stdio.h>

#include "core/fields.h"

static void match_text(struct list_query *q, int field, const char *text)
{
	struct list_match *m = list_match_put(q, field);
	if (m != NULL)
		snprintf(m->text, sizeof m->text, "%s", text);
}

void report_drill_sections(struct list_query *q, const char *section, const char *therapy,
                           day_t on)
{
	list_query_init(q, kinds[KIND_THERAPY_ENTRIES]);
	q->sort_field = ENTRY_REF;
	match_text(q, ENTRY_SECTION, section);
	match_text(q, ENTRY_THERAPY, therapy);
	q->range_start_field = ENTRY_START;
	q->range_end_field = ENTRY_END;
	q->range_from = on;
	q->range_to = on;
	/* A row of F slt stands for a third of the entries: the first page
	 * (therapy_entries_section_ref) comes at once, the count after. */
	q->count_later = true;
}

void report_drill_entry(struct list_query *q, const char *entry_ref)
{
	list_query_init(q, kinds[KIND_THERAPY_ENTRIES]);
	q->sort_field = ENTRY_REF;
	match_text(q, ENTRY_REF, entry_ref);
}

void report_drill_return(struct list_query *q, int64_t provider_id, const char *therapy,
                         const char *month)
{
	list_query_init(q, kinds[KIND_RETURNS]);
	q->sort_field = RETURN_MONTH;
	struct list_match *m = list_match_put(q, RETURN_PROVIDER);
	if (m != NULL)
		m->id = provider_id;
	match_text(q, RETURN_THERAPY, therapy);
	match_text(q, RETURN_MONTH, month);
}

void report_drill_budgets(struct list_query *q, const struct period *p)
{
	list_query_init(q, kinds[KIND_PERSONAL_BUDGETS]);
	q->sort_field = PB_START;
	/* A budget belongs to the year its start falls in: its "period" for
	 * the overlap test is its start day alone. */
	q->range_start_field = PB_START;
	q->range_end_field = PB_START;
	q->range_from = p->start;
	q->range_to = p->end;
}
