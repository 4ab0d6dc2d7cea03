#include "core/upn.h"

#include <stddef.h>
#include <string.h>

/* The 23 check letters in value order.  I, O and S are left out because
 * they are too easily read as 1, 0 and 5. */
static const char CHECK_LETTERS[] = "ABCDEFGHJKLMNPQRTUVWXYZ";

const char *const upn_primary_need_codes[] = {
	"SPLD", "MLD", "SLD", "PMLD", "SEMH", "SLCN", "HI", "VI",
	"MSI", "PD", "ASD", "OTH", "NSA", NULL,
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

/* The value of a check letter, or -1.  The NUL test matters: strchr
 * finds the terminator of its own string. */
static int letter_value(char c)
{
	const char *at = c == '\0' ? NULL : strchr(CHECK_LETTERS, c);

	return at == NULL ? -1 : (int)(at - CHECK_LETTERS);
}

/* The value of the character at a position after the check letter, or -1:
 * digits everywhere, and in the last place a letter for a temporary UPN. */
static int char_value(char c, int index)
{
	if (is_digit(c))
		return c - '0';
	return index == UPN_LEN - 2 ? letter_value(c) : -1;
}

char upn_check_letter(const char *last12)
{
	int sum = 0;

	if (last12 == NULL)
		return '\0';
	for (int i = 0; i < UPN_LEN - 1; i++) {
		int v = char_value(last12[i], i);
		if (v < 0)
			return '\0';
		/* The character at position i + 2 of the UPN weighs i + 2. */
		sum += v * (i + 2);
	}
	return CHECK_LETTERS[sum % 23];
}

static bool has_lower_case(const char *text)
{
	for (; *text != '\0'; text++) {
		if (*text >= 'a' && *text <= 'z')
			return true;
	}
	return false;
}

static bool middle_is_digits(const char *text)
{
	for (int i = 1; i < UPN_LEN - 1; i++) {
		if (!is_digit(text[i]))
			return false;
	}
	return true;
}

/* Reasons name the first thing wrong, in the order a person checks a UPN
 * by eye: length, case, then each part from left to right. */
static const char *upn_problem(const char *text)
{
	if (text == NULL || strlen(text) != UPN_LEN)
		return "a UPN has 13 characters";
	if (has_lower_case(text))
		return "letters must be upper case";
	if (letter_value(text[0]) < 0)
		return "must start with a check letter (A-Z except I, O, S)";
	if (!middle_is_digits(text))
		return "characters 2 to 12 must be digits";
	if (char_value(text[UPN_LEN - 1], UPN_LEN - 2) < 0)
		return "last character must be a digit or a letter other than I, O, S";
	if (upn_check_letter(text + 1) != text[0])
		return "wrong check letter";
	return NULL;
}

bool upn_valid(const char *text, const char **reason)
{
	const char *problem = upn_problem(text);

	if (problem != NULL) {
		set_reason(reason, problem);
		return false;
	}
	return true;
}
