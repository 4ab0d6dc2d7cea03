/* fold.h: text as search compares it.
 *
 * People type "zoe" for "Zoë" and "ELLIS" for "Ellis": search compares
 * folded text on both sides, the stored search text (db/record.c writes
 * it through the SQL function sendesk_fold) and the words typed
 * (db/page.c).  Folding is Unicode case folding, then compatibility
 * decomposition with the combining marks dropped: "Zoë" and "ZOE" are
 * both "zoe", "ﬁ" is "fi", "Straße" is "strasse".  SQLite's trigram
 * tokenizer cannot remove diacritics itself. */
#ifndef SENDESK_UTIL_FOLD_H
#define SENDESK_UTIL_FOLD_H

#include <stddef.h>

/* The folded form of the UTF-8 text s of n bytes, NUL-terminated, its
 * length in *out_len; the caller frees it.  Bytes that are not UTF-8
 * are kept as they are.  NULL only when out of memory. */
char *fold_text(const char *s, size_t n, size_t *out_len);

/* Folds text into buf (len bytes), cut at a character boundary when it
 * does not fit; returns buf. */
char *fold_into(const char *text, char *buf, size_t len);

#endif
