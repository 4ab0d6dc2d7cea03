/* report_sections.h: therapy entries by EHCP section and therapy.
 *
 * The entries active on --on (today by default: started on or before it
 * and not ended before it), per section (F, then G) and therapy (in code
 * order): the distinct children, the entries, and their weekly minutes
 * (an entry without minutes counts as 0). */
#ifndef SENDESK_REPORT_SECTIONS_H
#define SENDESK_REPORT_SECTIONS_H

#include "core/report.h"

/* "sendesk report sections": section, therapy, children, entries,
 * minutes_per_week (caseworker and above). */
extern const struct report report_sections;

#endif
