/* money.h: money is integer pence, never floating point.
 *
 * People type "1234", "1234.5", "£1,234.50"; exports write "1234.50";
 * screens and text reports show "£1,234.50". */
#ifndef SENDESK_MONEY_H
#define SENDESK_MONEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Amounts above one thousand million pounds are refused as absurd. */
#define MONEY_MAX_PENCE INT64_C(100000000000)

#define MONEY_TEXT_MAX 32

/* Parses pounds with optional pence: an optional "£", digits with
 * optional thousands commas (in groups of three), an optional "." with
 * one or two digits.  Refuses a sign, more than two decimals, anything
 * above MONEY_MAX_PENCE, and malformed grouping.  On failure returns false
 * and sets *reason to a static phrase ("negative amounts are not allowed",
 * "more than two decimal places", "too large", "not an amount"). */
bool money_parse(const char *text, int64_t *pence, const char **reason);

/* "£1,234,567.89" (negative as "-£12.00"); buf at least MONEY_TEXT_MAX. */
void money_format(int64_t pence, char *buf);

/* "1234567.89" as export and --format csv/json write it. */
void money_format_plain(int64_t pence, char *buf);

#endif
