/* format.h: report sinks that print text for people, CSV or JSON. */
#ifndef SENDESK_FORMAT_H
#define SENDESK_FORMAT_H

#include <stdio.h>

#include "core/report.h"

enum format { FORMAT_TEXT, FORMAT_CSV, FORMAT_JSON };

/* Parses "text", "csv" or "json"; -1 when none. */
int format_parse(const char *text, enum format *out);

struct format_state {
	FILE *out;
	const struct report_column *cols;
	int count;
	long rows;
};

/* A sink writing to state->out in the given format. */
struct report_sink format_sink(enum format f, struct format_state *state);

#endif
