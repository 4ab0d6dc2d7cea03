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

/* One character beyond ASCII, folded.  Folding a whole string costs
 * about 10 us in libunistring; names hold a few characters beyond ASCII
 * and always the same few, so each is folded once and remembered (a
 * per-character fold is the string's: case folding and compatibility
 * decomposition act character by character, and the marks whose order
 * normalisation would settle are dropped). */
struct folded_char {
	ucs4_t c;                /* 0: empty (never a character beyond ASCII) */
	uint8_t len;
	uint8_t text[23];
};

static struct folded_char remembered[256];

/* Appends c folded to out at *used, leaving room for the rest bytes of
 * input after it (ASCII takes a byte each); false when out of memory. */
static bool append_folded(ucs4_t c, const uint8_t *bytes, size_t n, size_t rest, uint8_t **out,
                          size_t *cap, size_t *used)
{
	struct folded_char *r = &remembered[c & 0xFF];
	uint8_t *folded = NULL;
	const uint8_t *text = r->text;
	size_t len = r->len;
	if (r->c != c) {
		folded = u8_casefold(bytes, n, NULL, UNINORM_NFKD, NULL, &len);
		if (folded == NULL)
			return false;
		len = drop_marks(folded, len);
		text = folded;
		if (len <= sizeof r->text) {
			r->c = c;
			r->len = (uint8_t)len;
			memcpy(r->text, folded, len);
		}
	}
	if (*used + len + rest + 1 > *cap) {
		size_t bigger = (*used + len + rest + 1) * 2;
		uint8_t *grown = realloc(*out, bigger);
		if (grown == NULL) {
			free(folded);
			return false;
		}
		*out = grown;
		*cap = bigger;
	}
	memcpy(*out + *used, text, len);
	*used += len;
	free(folded);
	return true;
}

char *fold_text(const char *s, size_t n, size_t *out_len)
{
	if (is_ascii(s, n) || u8_check((const uint8_t *)s, n) != NULL)
		return fold_ascii(s, n, out_len);
	size_t cap = n + 16, used = 0;
	uint8_t *out = malloc(cap);
	const uint8_t *u = (const uint8_t *)s;
	for (size_t i = 0; out != NULL && i < n;) {
		ucs4_t c;
		int step = u8_mbtouc(&c, u + i, n - i);
		if (c < 0x80) {
			out[used++] = (uint8_t)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
		} else if (!append_folded(c, u + i, (size_t)step, n - i - (size_t)step, &out, &cap,
		                          &used)) {
			free(out);
			out = NULL;
		}
		i += (size_t)step;
	}
	if (out == NULL)
		return NULL;
	out[used] = '\0';
	*out_len = used;
	return (char *)out;
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
