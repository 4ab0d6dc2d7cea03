/* day_range.h: a span of days as people type it.
 *
 * "2026-09-01..2026-11-30" (either end may be left off: "..2026-11-30"
 * is everything up to that day), "2026-11" a month, "2026" a year, or
 * one day "2026-11-03"; spaces around the parts are ignored. */
#ifndef SENDESK_DAY_RANGE_H
#define SENDESK_DAY_RANGE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/date.h"

/* The earliest and latest days a range may name. */
#define DAY_RANGE_FIRST_YEAR DATE_MIN_YEAR
#define DAY_RANGE_MESSAGE_MAX 160

/* Parses text into [*from, *to] (both included).  False with the reason
 * in why (size len: "2026-13-01: no such day", "the range ends before
 * it starts") when it is none of the forms above. */
bool day_range_parse(const char *text, day_t *from, day_t *to, char *why, size_t len);

/* How a range reads back: "2026-11" for a whole month, "2026" for a
 * whole year, "2026-11-03" for one day, "2026-09-01..2026-11-30",
 * "from 2026-09-01", "up to 2026-11-30" (an end at the edge of the
 * calendar is open).  buf of len bytes (48 is enough). */
void day_range_text(day_t from, day_t to, char *buf, size_t len);

#endif
