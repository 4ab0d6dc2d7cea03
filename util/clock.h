/* clock.h: the time that only moves forward, for how long work takes
 * (a list's slice, a report's run, a load's steps), never for dates. */
#ifndef SENDESK_UTIL_CLOCK_H
#define SENDESK_UTIL_CLOCK_H

#include <stdint.h>

/* Microseconds of CLOCK_MONOTONIC: only differences mean anything. */
int64_t clock_us(void);

#endif
