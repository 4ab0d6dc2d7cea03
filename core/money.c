#include "core/money.h"

#include <string.h>

/* "£" in UTF-8, the encoding of every file the application reads. */
static const char POUND_SIGN[] = "\xC2\xA3";

static const char NOT_AN_AMOUNT[] = "not an amount";

/* A cursor over the text with what has been read so far.  Pounds stop
 * growing once past the limit, so any number of digits is safe; the
 * overflow is reported only when the text is otherwise well formed. */
struct scan {
	const char *p;
	int64_t pounds;
	bool too_large;
};

static void set_reason(const char **reason, const char *text)
{
	if (reason != NULL)
		*reason = text;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static void skip_pound_sign(struct scan *s)
{
	size_t n = sizeof POUND_SIGN - 1;

	if (strncmp(s->p, POUND_SIGN, n) == 0)
		s->p += n;
}

/* Reads a run of digits into the pounds and returns its length. */
static int read_digits(struct scan *s)
{
	int n = 0;

	for (; is_digit(*s->p); s->p++, n++) {
		if (s->pounds > MONEY_MAX_PENCE / 100) {
			s->too_large = true;
			continue;
		}
		s->pounds = s->pounds * 10 + (*s->p - '0');
	}
	return n;
}

/* Whole pounds: plain digits, or thousands grouped by commas with a first
 * group of one to three digits and every later group exactly three. */
static bool read_pounds(struct scan *s)
{
	int n = read_digits(s);

	if (n == 0)
		return false;
	if (*s->p != ',')
		return true;
	if (n > 3)
		return false;
	while (*s->p == ',') {
		s->p++;
		if (read_digits(s) != 3)
			return false;
	}
	return true;
}

/* The pence after the decimal point, if there is one.  Returns the reason
 * for refusing the text, or NULL when it is well formed to the end. */
static const char *read_pence(struct scan *s, int *pence)
{
	*pence = 0;
	if (*s->p == '\0')
		return NULL;
	if (*s->p != '.')
		return NOT_AN_AMOUNT;
	s->p++;
	int n = 0;
	while (is_digit(s->p[n]))
		n++;
	if (n == 0 || s->p[n] != '\0')
		return NOT_AN_AMOUNT;
	if (n > 2)
		return "more than two decimal places";
	*pence = (s->p[0] - '0') * 10 + (n == 2 ? s->p[1] - '0' : 0);
	return NULL;
}

/* A minus sign before a number, before or after the pound sign, is named
 * as such, because "negative" is more use to a caseworker than "not an
 * amount". */
static bool is_negative(const char *text)
{
	size_t n = sizeof POUND_SIGN - 1;

	if (strncmp(text, POUND_SIGN, n) == 0)
		text += n;
	if (text[0] != '-')
		return false;
	text++;
	if (strncmp(text, POUND_SIGN, n) == 0)
		text += n;
	return is_digit(text[0]);
}

bool money_parse(const char *text, int64_t *pence, const char **reason)
{
	if (text == NULL) {
		set_reason(reason, NOT_AN_AMOUNT);
		return false;
	}
	if (is_negative(text)) {
		set_reason(reason, "negative amounts are not allowed");
		return false;
	}
	struct scan s = { text, 0, false };
	skip_pound_sign(&s);
	if (!read_pounds(&s)) {
		set_reason(reason, NOT_AN_AMOUNT);
		return false;
	}
	int frac;
	const char *why = read_pence(&s, &frac);
	if (why == NULL && (s.too_large || s.pounds * 100 + frac > MONEY_MAX_PENCE))
		why = "too large";
	if (why != NULL) {
		set_reason(reason, why);
		return false;
	}
	*pence = s.pounds * 100 + frac;
	return true;
}

/* Writes the digits of pounds.pence for a magnitude, with commas between
 * thousands when asked, and returns the length written (no NUL). */
static size_t format_magnitude(uint64_t magnitude, bool commas, char *out)
{
	char rev[MONEY_TEXT_MAX];
	size_t n = 0;
	uint64_t pounds = magnitude / 100;
	unsigned pence = (unsigned)(magnitude % 100);

	rev[n++] = (char)('0' + pence % 10);
	rev[n++] = (char)('0' + pence / 10);
	rev[n++] = '.';
	int group = 0;
	do {
		if (commas && group == 3) {
			rev[n++] = ',';
			group = 0;
		}
		rev[n++] = (char)('0' + pounds % 10);
		pounds /= 10;
		group++;
	} while (pounds > 0);
	for (size_t i = 0; i < n; i++)
		out[i] = rev[n - 1 - i];
	return n;
}

/* The magnitude as unsigned, so that INT64_MIN formats too. */
static uint64_t magnitude_of(int64_t pence)
{
	return pence < 0 ? (uint64_t)0 - (uint64_t)pence : (uint64_t)pence;
}

void money_format(int64_t pence, char *buf)
{
	size_t n = 0;

	if (pence < 0)
		buf[n++] = '-';
	memcpy(buf + n, POUND_SIGN, sizeof POUND_SIGN - 1);
	n += sizeof POUND_SIGN - 1;
	n += format_magnitude(magnitude_of(pence), true, buf + n);
	buf[n] = '\0';
}

void money_format_plain(int64_t pence, char *buf)
{
	size_t n = 0;

	if (pence < 0)
		buf[n++] = '-';
	n += format_magnitude(magnitude_of(pence), false, buf + n);
	buf[n] = '\0';
}
