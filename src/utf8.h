/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef KITH_UTF8_H
#define KITH_UTF8_H

/*
 * UTF-8 text: validation, decoding, display width and column fitting,
 * search and sort keys, phone digits.  Everything here is independent of
 * the locale except utf8_width() and utf8_fit(), which measure what the
 * terminal will show: index keys built with utf8_fold(), utf8_sortkey()
 * and utf8_digits() must come out the same in every process.  Strings
 * returned are malloc'd and the caller's to free().
 */

#include <stddef.h>
#include <stdint.h>

/* 1 if s[0..len) is valid UTF-8 (no overlongs, surrogates or > U+10FFFF). */
int		 utf8_valid(const char *s, size_t len);
/* Decodes one character: bytes used (1..4), or -1 if invalid. */
int		 utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Encodes cp into out; returns the bytes written, 0 if cp is invalid. */
size_t		 utf8_encode(uint32_t cp, char out[4]);

/*
 * Display columns of s in the current locale: wcwidth() per character,
 * non-printable characters count 1 (combining ones 0), invalid bytes 1.
 */
int		 utf8_width(const char *s);
/*
 * s cut to at most cols display columns and padded with spaces to
 * exactly cols.  A cut ends in "…" (or "~" when the locale's codeset
 * is not UTF-8); characters are never split, a double-width one that
 * would straddle the edge becomes a space and combining characters stay
 * with their base.
 */
char		*utf8_fit(const char *s, int cols);

/*
 * Search key: lower case without diacritics ("Søren Ågård" gives
 * "soren agard", "ß" gives "ss").  Latin (Latin-1, Extended-A, most of
 * Extended-B and Extended Additional), Greek and Cyrillic are folded by
 * tables in utf8.c; combining marks U+0300..U+036F are dropped, so
 * decomposed text folds like precomposed (which also makes "й" fold to
 * "и" and "ё" to "е").  Other characters and invalid bytes pass through.
 */
char		*utf8_fold(const char *s);
/* fold(s) "\001" s: orders by folded text first, exact text second. */
char		*utf8_sortkey(const char *s);
/* The ASCII digits of s into out (at most outlen - 1, NUL-terminated). */
size_t		 utf8_digits(const char *s, char *out, size_t outlen);

#endif
