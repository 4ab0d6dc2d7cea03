/* text.c: UTF-8 on any terminal; see text.h. */
#include "tui/text.h"

#include <langinfo.h>
#include <limits.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>
#include <uniwidth.h>

#include "tui/tui.h"

#define CUT_MARK 0x2026           /* … */
#define SHOWN_MAX 4096            /* bytes of one line as shown */

static enum text_charset forced = TEXT_CHARSET_LOCALE;
static int locale_is_utf8 = -1;   /* -1: not asked yet */

void text_set_charset(enum text_charset charset)
{
	forced = charset;
	locale_is_utf8 = -1;
}

static bool utf8_locale(void)
{
	if (locale_is_utf8 < 0) {
		const char *codeset = nl_langinfo(CODESET);
		locale_is_utf8 = codeset && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
	}
	return locale_is_utf8 == 1;
}

bool text_shows_all(void)
{
	return forced == TEXT_CHARSET_UTF8 || (forced == TEXT_CHARSET_LOCALE && utf8_locale());
}

const char *text_locale_note(void)
{
	return text_shows_all() ? NULL
	       : "Not a UTF-8 locale: some names simplified; a UTF-8 locale shows them fully";
}

/* Whether the terminal can show code point c as it is. */
static bool shows(ucs4_t c)
{
	if (c < 0x80 || text_shows_all())
		return true;
	if (forced == TEXT_CHARSET_ASCII)
		return false;
	char bytes[MB_LEN_MAX];
	mbstate_t ps = {0};
	return wcrtomb(bytes, (wchar_t)c, &ps) != (size_t)-1;
}

/* Signs that have no decomposition but a usual spelling in ASCII. */
static const char *spelled(ucs4_t c)
{
	static const struct { ucs4_t c; const char *ascii; } table[] = {
		{0x00A3, "GBP"}, {0x20AC, "EUR"}, {0x25B2, "^"}, {0x25BC, "v"}, {0x2026, "~"},
		{0x00DF, "ss"}, {0x00E6, "ae"}, {0x00C6, "AE"}, {0x0153, "oe"}, {0x0152, "OE"},
		{0x00F8, "o"}, {0x00D8, "O"}, {0x0142, "l"}, {0x0141, "L"}, {0x0111, "d"},
		{0x0110, "D"}, {0x00F0, "d"}, {0x00D0, "D"}, {0x00FE, "th"}, {0x00DE, "Th"},
		{0x2018, "'"}, {0x2019, "'"}, {0x201C, "\""}, {0x201D, "\""}, {0x2013, "-"},
		{0x2014, "-"}, {0x2192, "->"}, {0x2190, "<-"}, {0x2264, "<="}, {0x2265, ">="},
		{0x00D7, "x"}, {0x00B7, "."}, {0x2022, "*"}, {0x00A0, " "},
	};
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
		if (table[i].c == c)
			return table[i].ascii;
	return NULL;
}

/* c as the terminal can show it, as UTF-8 into buf: itself, its spelling,
 * or its decomposition without the marks ("ë" is "e" and a diaeresis);
 * "?" when none of these leaves anything to show. */
static void shown_as(ucs4_t c, char *buf, size_t len)
{
	const char *s = spelled(c);
	if (s && !shows(c)) {
		snprintf(buf, len, "%s", s);
		return;
	}
	uint8_t one[6];
	int n = u8_uctomb(one, c, sizeof one);
	if (shows(c) || n <= 0) {
		snprintf(buf, len, "%.*s", n > 0 ? n : 1, n > 0 ? (const char *)one : "?");
		return;
	}
	uint8_t decomposed[64];
	size_t dlen = sizeof decomposed;
	uint8_t *d = u8_normalize(UNINORM_NFKD, one, (size_t)n, decomposed, &dlen);
	size_t used = 0;
	for (size_t i = 0; d && i < dlen && used + 5 < len;) {
		ucs4_t part;
		int step = u8_mbtouc(&part, d + i, dlen - i);
		i += (size_t)step;
		if (uc_is_general_category(part, UC_CATEGORY_M) || !shows(part) || part == c)
			continue;
		used += (size_t)u8_uctomb((uint8_t *)buf + used, part, (int)(len - used));
	}
	if (d && d != decomposed)
		free(d);
	if (used == 0)
		buf[used++] = '?';
	buf[used] = '\0';
}

/* Columns as a UTF-8 terminal gives them, whatever the process's
 * locale: under another, what is shown is ASCII or, in a one-byte
 * charset such as Latin-1, letters one column wide all the same. */
static int columns_of(ucs4_t c)
{
	if (c < 0x80)
		return 1;
	int w = uc_width(c, "UTF-8");
	return w < 0 ? 1 : w;
}

/* Columns of text already as shown. */
static int shown_columns(const char *piece)
{
	int cols = 0;
	size_t n = strlen(piece);
	for (size_t i = 0; i < n;) {
		ucs4_t c;
		i += (size_t)u8_mbtouc(&c, (const uint8_t *)piece + i, n - i);
		cols += columns_of(c);
	}
	return cols;
}

static void append(char *out, size_t *bytes, const char *piece, size_t n)
{
	if (out)
		memcpy(out + *bytes, piece, n);
	*bytes += n;
}

int text_fit(const char *text, int width, bool mark_cut, char *out, size_t len)
{
	const uint8_t *s = (const uint8_t *)(text ? text : "");
	size_t n = strlen((const char *)s);
	char mark[16];
	shown_as(CUT_MARK, mark, sizeof mark);
	int mark_cols = mark_cut ? shown_columns(mark) : 0;
	int used = 0, keep_used = 0;
	size_t bytes = 0, keep_bytes = 0;   /* where the cut mark would go */
	bool cut = false;
	for (size_t i = 0; i < n;) {
		ucs4_t c;
		i += (size_t)u8_mbtouc(&c, s + i, n - i);
		char piece[64];
		if (c < 0x20 || c == 0x7F) {
			piece[0] = ' ';
			piece[1] = '\0';
		} else if (c < 0x80) {
			/* Nearly every character: no table, no decomposition. */
			piece[0] = (char)c;
			piece[1] = '\0';
		} else {
			shown_as(c, piece, sizeof piece);
		}
		int cols = shown_columns(piece);
		size_t plen = strlen(piece);
		if (used + cols > width || (out && bytes + plen >= len)) {
			cut = true;
			break;
		}
		append(out, &bytes, piece, plen);
		used += cols;
		if (used <= width - mark_cols) {
			keep_used = used;
			keep_bytes = bytes;
		}
	}
	if (cut && mark_cut && mark_cols <= width && (!out || keep_bytes + strlen(mark) < len)) {
		used = keep_used + mark_cols;
		bytes = keep_bytes;
		append(out, &bytes, mark, strlen(mark));
	}
	if (out && len > 0)
		out[bytes] = '\0';
	return used;
}

int text_next(const char *text, int *columns)
{
	size_t n = strnlen(text, 8);
	if (n == 0) {
		*columns = 0;
		return 0;
	}
	ucs4_t c;
	int step = u8_mbtouc(&c, (const uint8_t *)text, n);
	char piece[64];
	if (c < 0x80) {
		*columns = 1;
	} else {
		shown_as(c, piece, sizeof piece);
		*columns = shown_columns(piece);
	}
	return step > 0 ? step : 1;
}

static void put(WINDOW *w, int row, int col, int width, const char *text, attr_t attr,
                bool mark_cut)
{
	char shown[SHOWN_MAX];
	int used = width > 0 ? text_fit(text, width, mark_cut, shown, sizeof shown) : 0;
	wattron(w, attr);
	wmove(w, row, col);
	size_t n = width > 0 ? strlen(shown) : 0;
	for (size_t i = 0; i < n;) {
		ucs4_t c;
		i += (size_t)u8_mbtouc(&c, (const uint8_t *)shown + i, n - i);
		wchar_t wc = (wchar_t)c;
		waddnwstr(w, &wc, 1);
	}
	for (; used < width; used++)
		waddch(w, ' ');
	wattroff(w, attr);
}

void tui_put(WINDOW *w, int row, int col, int width, const char *text, attr_t attr)
{
	put(w, row, col, width, text, attr, false);
}

void tui_put_cut(WINDOW *w, int row, int col, int width, const char *text, attr_t attr)
{
	put(w, row, col, width, text, attr, true);
}

int tui_width(const char *text)
{
	return text_fit(text, INT_MAX, false, NULL, 0);
}

void tui_rule(const struct tui *t, WINDOW *w, int row)
{
	if (t->plain)
		return;
	wmove(w, row, 0);
	whline(w, ACS_HLINE, getmaxx(w));
}
