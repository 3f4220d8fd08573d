/* fold.c: case-insensitive matching of UTF-8 text, ASCII and Cyrillic
 * folded by hand: the process's locale may be C or KOI8-R, so towlower()
 * cannot be trusted to know Cyrillic, and no Debian library offers just
 * this fold (ICU would be a large dependency for one search box). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fold.h"
#include "okno.h"

/*
 * Next code point of UTF-8 text (validated text; a stray byte stands for
 * itself), folded: ASCII and Cyrillic to lower case, ё to е (people type
 * one for the other).
 */
static uint32_t
fold_next(const unsigned char **pp)
{
	const unsigned char *p = *pp;
	uint32_t cp = *p++;
	int more = 0;

	if (cp >= 0xf0 && cp <= 0xf4) {
		cp &= 0x07;
		more = 3;
	} else if (cp >= 0xe0) {
		cp &= 0x0f;
		more = 2;
	} else if (cp >= 0xc2 && cp <= 0xdf) {
		cp &= 0x1f;
		more = 1;
	}
	for (; more > 0 && (*p & 0xc0) == 0x80; more--)
		cp = (cp << 6) | (*p++ & 0x3f);
	*pp = p;
	if (cp >= 'A' && cp <= 'Z')
		return cp + 0x20;
	if (cp >= 0x410 && cp <= 0x42f)		/* А-Я */
		return cp + 0x20;
	if (cp >= 0x400 && cp <= 0x40f)		/* Ѐ-Џ, Ё among them */
		cp += 0x50;
	if (cp == 0x451)			/* ё */
		return 0x435;
	return cp;
}

static uint32_t *
fold_string(const char *s, size_t *n)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t *v = xreallocarray(NULL, strlen(s) + 1, sizeof *v);

	*n = 0;
	while (*p != '\0')
		v[(*n)++] = fold_next(&p);
	return v;
}

int
fold_match(const char *hay, const char *needle)
{
	uint32_t *h, *nd;
	size_t nh, nn;
	int found = 0;

	if (needle == NULL || *needle == '\0')
		return 1;
	if (hay == NULL)
		return 0;
	h = fold_string(hay, &nh);
	nd = fold_string(needle, &nn);
	for (size_t i = 0; nn <= nh && i <= nh - nn && !found; i++)
		found = memcmp(h + i, nd, nn * sizeof *nd) == 0;
	free(h);
	free(nd);
	return found;
}
