/* upn.h: the DfE's identifiers and codes for pupils.
 *
 * A Unique Pupil Number is 13 characters: a check letter, a 3-digit local
 * authority number, a 4-digit establishment number, 2 digits of year, and
 * 3 digits of serial (the last may be a letter for temporary UPNs).  The
 * check letter is computed from the other twelve characters as the DfE
 * specification describes (weights 2..13, modulus 23, letters without
 * I, O and S). */
#ifndef SENDESK_UPN_H
#define SENDESK_UPN_H

#include <stdbool.h>

#define UPN_LEN 13

/* The check letter for the 12 characters after it, or '\0' when they are
 * not valid UPN characters. */
char upn_check_letter(const char *last12);

/* True when text is a well-formed UPN whose check letter is right.
 * Otherwise false, with *reason a static phrase. Letters must be upper case. */
bool upn_valid(const char *text, const char **reason);

/* DfE primary SEN need codes: SPLD, MLD, SLD, PMLD, SEMH, SLCN, HI, VI,
 * MSI, PD, ASD, OTH, NSA. NULL-terminated. */
extern const char *const upn_primary_need_codes[];

#endif
