/* report_funding.h: the council's Section F duty on a day, and who
 * funds it (db/report_funding.h says when an entry is funded).
 *
 * section-f-funding: per child's district (its configured name; "" when
 *   the child has none), therapy and route (contract, spot, pb, school,
 *   nhs, none) the Section F entries in force on --on, their children
 *   and weekly minutes.
 * section-f-unfunded: every Section F entry in force on --on that
 *   nothing funds, in entry ref order, with the reason.
 * Both for team leads and admins. */
#ifndef SENDESK_REPORT_FUNDING_H
#define SENDESK_REPORT_FUNDING_H

#include <stdbool.h>
#include <stdint.h>

#include "core/report.h"

/* "sendesk report section-f-funding": district, therapy, funding,
 * entries, children, minutes_per_week. */
extern const struct report report_f_funding;

/* "sendesk report section-f-unfunded": entry, child, district, therapy,
 * minutes_per_week, start_date, reason. */
extern const struct report report_f_unfunded;

/* A district's configured name, or the code itself when it is not
 * configured, "" for NULL. */
const char *report_district_name(const struct settings *cfg, const char *code);

/* One entry behind a figure; the texts live until fn returns. */
struct report_f_entry {
	int64_t id;
	const char *ref, *child;       /* the entry's and its child's refs */
	bool has_minutes;
	int64_t minutes_per_week;
	const char *start_date;        /* ISO */
};

/* The Section F entries behind a figure: in force on `on`, with route
 * `funding` (NULL: any) in district `district` as the reports show it
 * (a configured name or code; "" for none; NULL: any) and therapy
 * (NULL: any), in entry ref order; team leads and admins. */
typedef int (*report_entry_fn)(void *ctx, const struct report_f_entry *e);
int report_f_entries(struct session *s, day_t on, const char *funding, const char *district,
                     const char *therapy, report_entry_fn fn, void *ctx, struct error *err);

/* The rows a screen asks for at a time of the entries behind a figure. */
#define REPORT_F_PAGE 100

/* A page of them, as a screen lists them: those of district (as above;
 * "" for none) and therapy, with route funding (NULL: any), in entry ref
 * order, at most limit, after the entry after_entry (NULL: from the
 * first).  The figure's own count is the report's; a page costs the
 * district's entries of the therapy at most, however few it lists. */
int report_f_entries_page(struct session *s, day_t on, const char *funding,
                          const char *district, const char *therapy, const char *after_entry,
                          int limit, report_entry_fn fn, void *ctx, struct error *err);

#endif
