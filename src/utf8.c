/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "utf8.h"

#include <langinfo.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

#include "buf.h"
#include "xmalloc.h"

/* Latin letters folded to ASCII: first..last all become to. */
struct utf8_fold_latin {
	uint32_t	 first;
	uint32_t	 last;
	const char	*to;
};

/* Sorted by first, no overlaps; a binary search finds the range. */
static const struct utf8_fold_latin utf8_fold_latin[] = {
	/* Latin-1 Supplement */
	{ 0x00c0, 0x00c5, "a" }, { 0x00c6, 0x00c6, "ae" },
	{ 0x00c7, 0x00c7, "c" }, { 0x00c8, 0x00cb, "e" },
	{ 0x00cc, 0x00cf, "i" }, { 0x00d0, 0x00d0, "d" },
	{ 0x00d1, 0x00d1, "n" }, { 0x00d2, 0x00d6, "o" },
	{ 0x00d8, 0x00d8, "o" }, { 0x00d9, 0x00dc, "u" },
	{ 0x00dd, 0x00dd, "y" }, { 0x00de, 0x00de, "th" },
	{ 0x00df, 0x00df, "ss" }, { 0x00e0, 0x00e5, "a" },
	{ 0x00e6, 0x00e6, "ae" }, { 0x00e7, 0x00e7, "c" },
	{ 0x00e8, 0x00eb, "e" }, { 0x00ec, 0x00ef, "i" },
	{ 0x00f0, 0x00f0, "d" }, { 0x00f1, 0x00f1, "n" },
	{ 0x00f2, 0x00f6, "o" }, { 0x00f8, 0x00f8, "o" },
	{ 0x00f9, 0x00fc, "u" }, { 0x00fd, 0x00fd, "y" },
	{ 0x00fe, 0x00fe, "th" }, { 0x00ff, 0x00ff, "y" },
	/* Latin Extended-A */
	{ 0x0100, 0x0105, "a" }, { 0x0106, 0x010d, "c" },
	{ 0x010e, 0x0111, "d" }, { 0x0112, 0x011b, "e" },
	{ 0x011c, 0x0123, "g" }, { 0x0124, 0x0127, "h" },
	{ 0x0128, 0x0131, "i" }, { 0x0132, 0x0133, "ij" },
	{ 0x0134, 0x0135, "j" }, { 0x0136, 0x0138, "k" },
	{ 0x0139, 0x0142, "l" }, { 0x0143, 0x014b, "n" },
	{ 0x014c, 0x0151, "o" }, { 0x0152, 0x0153, "oe" },
	{ 0x0154, 0x0159, "r" }, { 0x015a, 0x0161, "s" },
	{ 0x0162, 0x0167, "t" }, { 0x0168, 0x0173, "u" },
	{ 0x0174, 0x0175, "w" }, { 0x0176, 0x0178, "y" },
	{ 0x0179, 0x017e, "z" }, { 0x017f, 0x017f, "s" },
	/* Latin Extended-B, the letters with an obvious base */
	{ 0x0180, 0x0183, "b" }, { 0x0187, 0x0188, "c" },
	{ 0x0189, 0x018c, "d" }, { 0x0191, 0x0192, "f" },
	{ 0x0193, 0x0193, "g" }, { 0x0197, 0x0197, "i" },
	{ 0x0198, 0x0199, "k" }, { 0x019a, 0x019a, "l" },
	{ 0x019d, 0x019e, "n" }, { 0x019f, 0x01a1, "o" },
	{ 0x01a4, 0x01a5, "p" }, { 0x01ab, 0x01ae, "t" },
	{ 0x01af, 0x01b0, "u" }, { 0x01b2, 0x01b2, "v" },
	{ 0x01b3, 0x01b4, "y" }, { 0x01b5, 0x01b6, "z" },
	{ 0x01c4, 0x01c6, "dz" }, { 0x01c7, 0x01c9, "lj" },
	{ 0x01ca, 0x01cc, "nj" }, { 0x01cd, 0x01ce, "a" },
	{ 0x01cf, 0x01d0, "i" }, { 0x01d1, 0x01d2, "o" },
	{ 0x01d3, 0x01dc, "u" }, { 0x01de, 0x01e1, "a" },
	{ 0x01e2, 0x01e3, "ae" }, { 0x01e4, 0x01e7, "g" },
	{ 0x01e8, 0x01e9, "k" }, { 0x01ea, 0x01ed, "o" },
	{ 0x01f0, 0x01f0, "j" }, { 0x01f1, 0x01f3, "dz" },
	{ 0x01f4, 0x01f5, "g" }, { 0x01f8, 0x01f9, "n" },
	{ 0x01fa, 0x01fb, "a" }, { 0x01fc, 0x01fd, "ae" },
	{ 0x01fe, 0x01ff, "o" }, { 0x0200, 0x0203, "a" },
	{ 0x0204, 0x0207, "e" }, { 0x0208, 0x020b, "i" },
	{ 0x020c, 0x020f, "o" }, { 0x0210, 0x0213, "r" },
	{ 0x0214, 0x0217, "u" }, { 0x0218, 0x0219, "s" },
	{ 0x021a, 0x021b, "t" }, { 0x021e, 0x021f, "h" },
	{ 0x0226, 0x0227, "a" }, { 0x0228, 0x0229, "e" },
	{ 0x022a, 0x0231, "o" }, { 0x0232, 0x0233, "y" },
	/* Latin Extended Additional (Vietnamese among others) */
	{ 0x1e00, 0x1e01, "a" }, { 0x1e02, 0x1e07, "b" },
	{ 0x1e08, 0x1e09, "c" }, { 0x1e0a, 0x1e13, "d" },
	{ 0x1e14, 0x1e1d, "e" }, { 0x1e1e, 0x1e1f, "f" },
	{ 0x1e20, 0x1e21, "g" }, { 0x1e22, 0x1e2b, "h" },
	{ 0x1e2c, 0x1e2f, "i" }, { 0x1e30, 0x1e35, "k" },
	{ 0x1e36, 0x1e3d, "l" }, { 0x1e3e, 0x1e43, "m" },
	{ 0x1e44, 0x1e4b, "n" }, { 0x1e4c, 0x1e53, "o" },
	{ 0x1e54, 0x1e57, "p" }, { 0x1e58, 0x1e5f, "r" },
	{ 0x1e60, 0x1e69, "s" }, { 0x1e6a, 0x1e71, "t" },
	{ 0x1e72, 0x1e7b, "u" }, { 0x1e7c, 0x1e7f, "v" },
	{ 0x1e80, 0x1e89, "w" }, { 0x1e8a, 0x1e8d, "x" },
	{ 0x1e8e, 0x1e8f, "y" }, { 0x1e90, 0x1e95, "z" },
	{ 0x1e96, 0x1e96, "h" }, { 0x1e97, 0x1e97, "t" },
	{ 0x1e98, 0x1e98, "w" }, { 0x1e99, 0x1e99, "y" },
	{ 0x1e9a, 0x1e9a, "a" }, { 0x1e9b, 0x1e9b, "s" },
	{ 0x1e9e, 0x1e9e, "ss" }, { 0x1ea0, 0x1eb7, "a" },
	{ 0x1eb8, 0x1ec7, "e" }, { 0x1ec8, 0x1ecb, "i" },
	{ 0x1ecc, 0x1ee3, "o" }, { 0x1ee4, 0x1ef1, "u" },
	{ 0x1ef2, 0x1ef9, "y" },
};

/*
 * Other letters to their plain lower case: Latin ones without an ASCII
 * base, Greek and Cyrillic ones with a diacritic.  Sorted.
 */
static const uint32_t utf8_fold_map[][2] = {
	{ 0x0186, 0x0254 }, { 0x018e, 0x01dd }, { 0x018f, 0x0259 },
	{ 0x0190, 0x025b }, { 0x0194, 0x0263 }, { 0x0196, 0x0269 },
	{ 0x01a9, 0x0283 }, { 0x01b7, 0x0292 }, { 0x01ee, 0x0292 },
	{ 0x01ef, 0x0292 },
	{ 0x0386, 0x03b1 }, { 0x0388, 0x03b5 }, { 0x0389, 0x03b7 },
	{ 0x038a, 0x03b9 }, { 0x038c, 0x03bf }, { 0x038e, 0x03c5 },
	{ 0x038f, 0x03c9 }, { 0x0390, 0x03b9 }, { 0x03aa, 0x03b9 },
	{ 0x03ab, 0x03c5 }, { 0x03ac, 0x03b1 }, { 0x03ad, 0x03b5 },
	{ 0x03ae, 0x03b7 }, { 0x03af, 0x03b9 }, { 0x03b0, 0x03c5 },
	{ 0x03c2, 0x03c3 }, { 0x03ca, 0x03b9 }, { 0x03cb, 0x03c5 },
	{ 0x03cc, 0x03bf }, { 0x03cd, 0x03c5 }, { 0x03ce, 0x03c9 },
	{ 0x03d3, 0x03d2 }, { 0x03d4, 0x03d2 },
	{ 0x0400, 0x0435 }, { 0x0401, 0x0435 }, { 0x0403, 0x0433 },
	{ 0x0407, 0x0456 }, { 0x040c, 0x043a }, { 0x040d, 0x0438 },
	{ 0x040e, 0x0443 }, { 0x0419, 0x0438 }, { 0x0439, 0x0438 },
	{ 0x0450, 0x0435 }, { 0x0451, 0x0435 }, { 0x0453, 0x0433 },
	{ 0x0457, 0x0456 }, { 0x045c, 0x043a }, { 0x045d, 0x0438 },
	{ 0x045e, 0x0443 }, { 0x0476, 0x0475 }, { 0x0477, 0x0475 },
	{ 0x04c1, 0x0436 }, { 0x04c2, 0x0436 }, { 0x04d0, 0x0430 },
	{ 0x04d1, 0x0430 }, { 0x04d2, 0x0430 }, { 0x04d3, 0x0430 },
	{ 0x04d6, 0x0435 }, { 0x04d7, 0x0435 }, { 0x04da, 0x04d9 },
	{ 0x04db, 0x04d9 }, { 0x04dc, 0x0436 }, { 0x04dd, 0x0436 },
	{ 0x04de, 0x0437 }, { 0x04df, 0x0437 }, { 0x04e2, 0x0438 },
	{ 0x04e3, 0x0438 }, { 0x04e4, 0x0438 }, { 0x04e5, 0x0438 },
	{ 0x04e6, 0x043e }, { 0x04e7, 0x043e }, { 0x04ea, 0x04e9 },
	{ 0x04eb, 0x04e9 }, { 0x04ec, 0x044d }, { 0x04ed, 0x044d },
	{ 0x04ee, 0x0443 }, { 0x04ef, 0x0443 }, { 0x04f0, 0x0443 },
	{ 0x04f1, 0x0443 }, { 0x04f2, 0x0443 }, { 0x04f3, 0x0443 },
	{ 0x04f4, 0x0447 }, { 0x04f5, 0x0447 }, { 0x04f8, 0x044b },
	{ 0x04f9, 0x044b },
};

int
utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char	*u = (const unsigned char *)s;
	uint32_t		 c, min;
	size_t			 n, i;

	if (len == 0)
		return (-1);
	if (u[0] < 0x80) {
		*cp = u[0];
		return (1);
	}
	if (u[0] >= 0xc2 && u[0] <= 0xdf) {
		n = 2; c = u[0] & 0x1f; min = 0x80;
	} else if (u[0] >= 0xe0 && u[0] <= 0xef) {
		n = 3; c = u[0] & 0x0f; min = 0x800;
	} else if (u[0] >= 0xf0 && u[0] <= 0xf4) {
		n = 4; c = u[0] & 0x07; min = 0x10000;
	} else
		return (-1);
	if (len < n)
		return (-1);
	for (i = 1; i < n; i++) {
		if ((u[i] & 0xc0) != 0x80)
			return (-1);
		c = (c << 6) | (u[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return (-1);
	*cp = c;
	return ((int)n);
}

int
utf8_valid(const char *s, size_t len)
{
	uint32_t	cp;
	uint64_t	w;
	int		n;

	while (len > 0) {
		if (len >= 8) {		/* eight ASCII bytes at a time */
			memcpy(&w, s, 8);
			if ((w & 0x8080808080808080ULL) == 0) {
				s += 8;
				len -= 8;
				continue;
			}
		}
		if ((n = utf8_decode(s, len, &cp)) == -1)
			return (0);
		s += n;
		len -= (size_t)n;
	}
	return (1);
}

size_t
utf8_encode(uint32_t cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return (1);
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return (2);
	}
	if (cp >= 0xd800 && cp <= 0xdfff)
		return (0);
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return (3);
	}
	if (cp > 0x10ffff)
		return (0);
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return (4);
}

/*
 * The next character of s in the current locale: its length in bytes
 * (an invalid byte is one character) and its display width.
 */
static size_t
utf8_next_width(const char *s, size_t len, int *width)
{
	mbstate_t	ps;
	wchar_t		wc;
	size_t		n;
	int		w;

	memset(&ps, 0, sizeof ps);
	n = mbrtowc(&wc, s, len, &ps);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		*width = 1;
		return (1);
	}
	if ((w = wcwidth(wc)) < 0)
		w = 1;
	*width = w;
	return (n);
}

int
utf8_width(const char *s)
{
	size_t	len = strlen(s), n;
	int	total = 0, w;

	while (len > 0) {
		n = utf8_next_width(s, len, &w);
		total += w;
		s += n;
		len -= n;
	}
	return (total);
}

/* Whether the locale's character set is UTF-8. */
static int
utf8_locale(void)
{
	const char	*cs = nl_langinfo(CODESET);

	return (strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "utf8") == 0);
}

char *
utf8_fit(const char *s, int cols)
{
	struct buf	 b = BUF_INIT;
	size_t		 len = strlen(s), n;
	int		 used = 0, w, room;

	if (cols <= 0)
		return (xstrdup(""));
	room = utf8_width(s) <= cols ? cols : cols - 1;
	while (len > 0) {
		n = utf8_next_width(s, len, &w);
		if (used + w > room)
			break;
		buf_add(&b, s, n);
		used += w;
		s += n;
		len -= n;
	}
	if (len > 0) {
		for (; used < room; used++)
			buf_addc(&b, ' ');
		buf_adds(&b, utf8_locale() ? "\xe2\x80\xa6" : "~");
		used++;
	}
	for (; used < cols; used++)
		buf_addc(&b, ' ');
	return (buf_detach(&b));
}

/* Compares a code point with a Latin range, for bsearch. */
static int
utf8_fold_latin_cmp(const void *key, const void *elem)
{
	uint32_t				 cp = *(const uint32_t *)key;
	const struct utf8_fold_latin	*r = elem;

	if (cp < r->first)
		return (-1);
	return (cp > r->last);
}

/* Compares a code point with the first of a pair, for bsearch. */
static int
utf8_fold_map_cmp(const void *key, const void *elem)
{
	uint32_t	 cp = *(const uint32_t *)key;
	const uint32_t	*pair = elem;

	return (cp < pair[0] ? -1 : cp > pair[0]);
}

/* Greek and Cyrillic upper case to lower case, by ranges. */
static uint32_t
utf8_fold_lower(uint32_t cp)
{
	if ((cp >= 0x0391 && cp <= 0x03a9) || (cp >= 0x0410 && cp <= 0x042f))
		return (cp + 0x20);
	if (cp >= 0x0400 && cp <= 0x040f)
		return (cp + 0x50);
	if (cp == 0x04c0)
		return (0x04cf);
	if ((cp >= 0x03d8 && cp <= 0x03ef) || (cp >= 0x0460 && cp <= 0x0481) ||
	    (cp >= 0x048a && cp <= 0x04bf) || (cp >= 0x04d0 && cp <= 0x052f))
		return (cp | 1);
	if (cp >= 0x04c1 && cp <= 0x04ce && (cp & 1))
		return (cp + 1);
	return (cp);
}

/* Appends the folded form of one code point. */
static void
utf8_fold_cp(struct buf *b, uint32_t cp)
{
	const struct utf8_fold_latin	*r;
	const uint32_t			*pair;
	char				 out[4];

	if (cp >= 0x0300 && cp <= 0x036f)
		return;
	if (cp >= 'A' && cp <= 'Z')
		cp += 'a' - 'A';
	if (cp >= 0x00c0 && cp <= 0x1eff) {
		r = bsearch(&cp, utf8_fold_latin, sizeof utf8_fold_latin /
		    sizeof utf8_fold_latin[0], sizeof utf8_fold_latin[0],
		    utf8_fold_latin_cmp);
		if (r != NULL) {
			buf_adds(b, r->to);
			return;
		}
		pair = bsearch(&cp, utf8_fold_map, sizeof utf8_fold_map /
		    sizeof utf8_fold_map[0], sizeof utf8_fold_map[0],
		    utf8_fold_map_cmp);
		cp = pair != NULL ? pair[1] : utf8_fold_lower(cp);
	}
	buf_add(b, out, utf8_encode(cp, out));
}

char *
utf8_fold(const char *s)
{
	struct buf	b = BUF_INIT;
	size_t		len = strlen(s);
	uint32_t	cp;
	int		n;

	while (len > 0) {
		if ((n = utf8_decode(s, len, &cp)) == -1) {
			buf_add(&b, s, 1);
			n = 1;
		} else
			utf8_fold_cp(&b, cp);
		s += n;
		len -= (size_t)n;
	}
	return (buf_detach(&b));
}

char *
utf8_sortkey(const char *s)
{
	char	*folded, *key;

	folded = utf8_fold(s);
	key = xasprintf("%s\001%s", folded, s);
	free(folded);
	return (key);
}

size_t
utf8_digits(const char *s, char *out, size_t outlen)
{
	size_t	n = 0;

	if (outlen == 0)
		return (0);
	for (; *s != '\0' && n < outlen - 1; s++) {
		if (*s >= '0' && *s <= '9')
			out[n++] = *s;
	}
	out[n] = '\0';
	return (n);
}
