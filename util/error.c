#include "util/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int error_set(struct error *err, int code, const char *fmt, ...)
{
	if (err == NULL)
		return code;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	err->code = code;
	err->field = 0;
	err->other = 0;
	return code;
}

void error_prefix(struct error *err, const char *fmt, ...)
{
	if (err == NULL)
		return;
	char prefix[ERROR_MSG_MAX];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(prefix, sizeof prefix, fmt, ap);
	va_end(ap);
	char joined[2 * ERROR_MSG_MAX + 2];
	snprintf(joined, sizeof joined, "%s: %s", prefix, err->msg);
	size_t len = strlen(joined);
	if (len >= sizeof err->msg)
		len = sizeof err->msg - 1;
	memcpy(err->msg, joined, len);
	err->msg[len] = '\0';
}

void error_clear(struct error *err)
{
	if (err == NULL)
		return;
	err->code = 0;
	err->field = 0;
	err->other = 0;
	err->msg[0] = '\0';
}
