#include <criterion/criterion.h>
#include <string.h>

#include "core/upn.h"

/* Worked by hand with weights 2..13 on characters 2..13 and modulus 23:
 *
 * 801200005001: 8*2 + 1*4 + 2*5 + 5*10 + 1*13 = 93; 93 - 4*23 = 1 -> B.
 * 207000016049: 2*2 + 7*4 + 1*9 + 6*10 + 4*12 + 9*13 = 266;
 *               266 - 11*23 = 13 -> P.  (A widely copied worked example
 *               of this number adds to 267 and gives Q; the sum is 266.)
 * 886123419001: 16 + 24 + 24 + 5 + 12 + 21 + 32 + 9 + 90 + 13 = 246;
 *               246 - 10*23 = 16 -> T.
 * 88612341901A: as above with 1*12 for the 12th place and A (0) last:
 *               16 + 24 + 24 + 5 + 12 + 21 + 32 + 9 + 90 + 12 = 245 -> R.
 * 000000000000: 0 -> A.
 * 999999999999: 9 * (2 + ... + 13) = 810; 810 - 35*23 = 5 -> F.
 * 30214001502Z: 3*2 + 2*4 + 1*5 + 4*6 + 1*9 + 5*10 + 2*12 + Z (22) * 13
 *               = 6 + 8 + 5 + 24 + 9 + 50 + 24 + 286 = 412;
 *               412 - 17*23 = 21 -> Y. */
static const char *const good[] = {
	"B801200005001", "P207000016049", "T886123419001", "R88612341901A",
	"A000000000000", "F999999999999", "Y30214001502Z",
};

static const char *refused(const char *text)
{
	const char *reason = NULL;

	cr_assert_not(upn_valid(text, &reason), "\"%s\" accepted", text ? text : "(null)");
	cr_assert_not_null(reason);
	return reason;
}

Test(upn, check_letters_worked_by_hand)
{
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		const char *u = good[i];
		cr_assert_eq(upn_check_letter(u + 1), u[0], "%s: got %c", u, upn_check_letter(u + 1));
		const char *reason = "unset";
		cr_assert(upn_valid(u, &reason), "%s refused: %s", u, reason);
	}
}

Test(upn, published_example_with_wrong_letter_is_refused)
{
	cr_assert_str_eq(refused("Q207000016049"), "wrong check letter");
	cr_assert_str_eq(refused("A801200005001"), "wrong check letter");
}

static const char LETTERS[] = "ABCDEFGHJKLMNPQRTUVWXYZ";

/* The value a character adds to the sum before weighting. */
static int value_of(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : (int)(strchr(LETTERS, c) - LETTERS);
}

static void assert_change_caught(const char *upn, int pos, char c)
{
	char u[UPN_LEN + 1];

	strcpy(u, upn);
	u[pos] = c;
	cr_assert_str_eq(refused(u), "wrong check letter", "%s from %s", u, upn);
}

/* Changing one character to another of a different value changes the sum
 * by (difference) * weight, both below 23, so 23 never divides it and the
 * check letter always catches it. */
Test(upn, any_single_change_is_caught)
{
	for (size_t g = 0; g < sizeof good / sizeof good[0]; g++) {
		const char *u = good[g];
		for (int pos = 1; pos < UPN_LEN; pos++) {
			for (char c = '0'; c <= '9'; c++) {
				if (value_of(c) != value_of(u[pos]))
					assert_change_caught(u, pos, c);
			}
		}
		for (size_t l = 0; LETTERS[l] != '\0'; l++) {
			if (value_of(LETTERS[l]) != value_of(u[UPN_LEN - 1]))
				assert_change_caught(u, UPN_LEN - 1, LETTERS[l]);
			if (LETTERS[l] != u[0])
				assert_change_caught(u, 0, LETTERS[l]);
		}
	}
}

/* A temporary letter and a digit of the same value weigh the same: the
 * scheme cannot tell 1 from B in the last place, and neither should we. */
Test(upn, temporary_letter_weighs_as_its_value)
{
	cr_assert(upn_valid("B80120000500B", NULL));
	cr_assert(upn_valid("R886123419010", NULL));
	/* 801200005001 sums to 93, of which 13 is the last place; with Z
	 * (22) there instead: 80 + 286 = 366, and 366 - 15*23 = 21 -> Y. */
	cr_assert_eq(upn_check_letter("80120000500Z"), 'Y');
}

Test(upn, every_remainder_maps_to_a_distinct_letter)
{
	/* Varying the 13th character 0..9 and then the 12th walks sums
	 * through every residue; each must give a letter from the set. */
	bool seen[26] = { false };
	char body[] = "886123419000";

	for (int a = 0; a < 10; a++) {
		for (int b = 0; b < 10; b++) {
			body[10] = (char)('0' + a);
			body[11] = (char)('0' + b);
			char c = upn_check_letter(body);
			cr_assert(c >= 'A' && c <= 'Z' && c != 'I' && c != 'O' && c != 'S', "%c", c);
			seen[c - 'A'] = true;
		}
	}
	int distinct = 0;
	for (int i = 0; i < 26; i++)
		distinct += seen[i];
	cr_assert_eq(distinct, 23);
}

Test(upn, check_letter_refuses_bad_characters)
{
	cr_assert_eq(upn_check_letter("80120000500"), '\0', "11 characters");
	cr_assert_eq(upn_check_letter(""), '\0');
	cr_assert_eq(upn_check_letter(NULL), '\0');
	cr_assert_eq(upn_check_letter("8012000A5001"), '\0', "letter in the middle");
	cr_assert_eq(upn_check_letter("80120000500I"), '\0', "I is not used");
	cr_assert_eq(upn_check_letter("80120000500O"), '\0', "O is not used");
	cr_assert_eq(upn_check_letter("80120000500S"), '\0', "S is not used");
	cr_assert_eq(upn_check_letter("80120000500a"), '\0', "lower case");
	cr_assert_eq(upn_check_letter("80120000500-"), '\0');
}

Test(upn, valid_refuses_malformed)
{
	cr_assert_str_eq(refused(""), "a UPN has 13 characters");
	cr_assert_str_eq(refused("B80120000500"), "a UPN has 13 characters");
	cr_assert_str_eq(refused("B8012000050011"), "a UPN has 13 characters");
	cr_assert_str_eq(refused(" B801200005001"), "a UPN has 13 characters");
	cr_assert_str_eq(refused(NULL), "a UPN has 13 characters");
	cr_assert_str_eq(refused("b801200005001"), "letters must be upper case");
	cr_assert_str_eq(refused("R88612341901a"), "letters must be upper case");
	cr_assert_str_eq(refused("I801200005001"), "must start with a check letter (A-Z except I, O, S)");
	cr_assert_str_eq(refused("1801200005001"), "must start with a check letter (A-Z except I, O, S)");
	cr_assert_str_eq(refused("B80120000500 "), "last character must be a digit or a letter other than I, O, S");
	cr_assert_str_eq(refused("B80120000500S"), "last character must be a digit or a letter other than I, O, S");
	cr_assert_str_eq(refused("B8012000A5001"), "characters 2 to 12 must be digits");
	cr_assert_str_eq(refused("B801-00005001"), "characters 2 to 12 must be digits");
}

Test(upn, valid_tolerates_null_reason)
{
	cr_assert(upn_valid("B801200005001", NULL));
	cr_assert_not(upn_valid("A801200005001", NULL));
}

Test(upn, primary_need_codes)
{
	static const char *const want[] = {
		"SPLD", "MLD", "SLD", "PMLD", "SEMH", "SLCN", "HI", "VI", "MSI", "PD", "ASD", "OTH", "NSA",
	};
	size_t n = 0;

	while (upn_primary_need_codes[n] != NULL)
		n++;
	cr_assert_eq(n, sizeof want / sizeof want[0]);
	for (size_t i = 0; i < n; i++)
		cr_assert_str_eq(upn_primary_need_codes[i], want[i]);
}
