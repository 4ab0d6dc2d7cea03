/* fold.c: case and accent folding for search; see fold.h. */
#include "util/fold.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

/* Nearly all stored text is ASCII: lower-casing it is all folding does,
 * and a national import writes millions of rows through here. */
static bool is_ascii(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return false;
	return true;
}

static char *fold_ascii(const char *s, size_t n, size_t *out_len)
{
	char *out = malloc(n + 1);
	if (out == NULL)
		return NULL;
	for (size_t i = 0; i < n; i++)
		out[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] - 'A' + 'a') : s[i];
	out[n] = '\0';
	*out_len = n;
	return out;
}

/* Removes the combining marks from decomposed UTF-8 in place. */
static size_t drop_marks(uint8_t *s, size_t n)
{
	size_t kept = 0;
	for (size_t i = 0; i < n;) {
		ucs4_t c;
		int step = u8_mbtouc(&c, s + i, n - i);
		if (!uc_is_general_category(c, UC_CATEGORY_M)) {
			memmove(s + kept, s + i, (size_t)step);
			kept += (size_t)step;
		}
		i += (size_t)step;
	}
	return kept;
}

char *fold_text(const char *s, size_t n, size_t *out_len)
{
	if (is_ascii(s, n) || u8_check((const uint8_t *)s, n) != NULL)
		return fold_ascii(s, n, out_len);
	size_t len = 0;
	uint8_t *folded = u8_casefold((const uint8_t *)s, n, NULL, UNINORM_NFKD, NULL, &len);
	if (folded == NULL)
		return NULL;
	len = drop_marks(folded, len);
	char *out = realloc(folded, len + 1);
	if (out == NULL) {
		free(folded);
		return NULL;
	}
	out[len] = '\0';
	*out_len = len;
	return out;
}

char *fold_into(const char *text, char *buf, size_t len)
{
	size_t n = 0;
	char *folded = fold_text(text, strlen(text), &n);
	if (len == 0)
		return buf;
	if (folded == NULL) {
		buf[0] = '\0';
		return buf;
	}
	if (n >= len) {
		n = len - 1;
		while (n > 0 && ((unsigned char)folded[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(buf, folded, n);
	buf[n] = '\0';
	free(folded);
	return buf;
}
