/* hwbuf.c: byte buffers for device commands, and UTF-8 <-> device code
 * page conversion through iconv. */
#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "okno.h"
#include "hwbuf.h"

void
hwbuf_init(struct hwbuf *b)
{
	b->p = NULL;
	b->len = b->cap = 0;
}

void
hwbuf_free(struct hwbuf *b)
{
	free(b->p);
	hwbuf_init(b);
}

void
hwbuf_reset(struct hwbuf *b)
{
	b->len = 0;
}

static void
hwbuf_grow(struct hwbuf *b, size_t more)
{
	size_t cap;

	if (b->len + more <= b->cap)
		return;
	cap = b->cap ? b->cap : 64;
	while (cap < b->len + more)
		cap *= 2;
	b->p = xrealloc(b->p, cap);
	b->cap = cap;
}

void
hwbuf_add(struct hwbuf *b, const void *p, size_t n)
{
	if (n == 0)
		return;
	hwbuf_grow(b, n);
	memcpy(b->p + b->len, p, n);
	b->len += n;
}

void
hwbuf_addc(struct hwbuf *b, int c)
{
	unsigned char u = (unsigned char)c;

	hwbuf_add(b, &u, 1);
}

void
hwbuf_adds(struct hwbuf *b, const char *s)
{
	hwbuf_add(b, s, strlen(s));
}

void
hwbuf_addv(struct hwbuf *b, ...)
{
	va_list ap;
	int c;

	va_start(ap, b);
	while ((c = va_arg(ap, int)) != -1)
		hwbuf_addc(b, c);
	va_end(ap);
}

/* Length of the UTF-8 sequence that starts with c; 1 for a stray byte. */
static size_t
utf8_seqlen(unsigned char c)
{
	if (c < 0xc0)
		return 1;
	if (c < 0xe0)
		return 2;
	if (c < 0xf0)
		return 3;
	return 4;
}

int
hwbuf_addtext(struct hwbuf *b, const char *s, const char *charset,
    struct err *e)
{
	iconv_t cd;
	char *in = (char *)s, *out;
	size_t inleft, outleft, start, skip, i;
	char tmp[256], name[80];

	if (s == NULL)
		return OKNO_OK;
	/* //TRANSLIT: «» and typographic dashes, common in office names,
	 * are not in CP866; glibc gives "<<", ">>", "-" rather than '?'. */
	snprintf(name, sizeof name, "%s//TRANSLIT", charset);
	if ((cd = iconv_open(name, "UTF-8")) == (iconv_t)-1)
		return err_set(e, OKNO_ECONFIG, _("unknown charset \"%s\""),
		    charset);
	start = b->len;
	inleft = strlen(s);
	while (inleft > 0) {
		out = tmp;
		outleft = sizeof tmp;
		if (iconv(cd, &in, &inleft, &out, &outleft) != (size_t)-1 ||
		    errno == E2BIG) {
			hwbuf_add(b, tmp, sizeof tmp - outleft);
			continue;
		}
		/* EILSEQ or EINVAL: one character it cannot take. */
		hwbuf_add(b, tmp, sizeof tmp - outleft);
		hwbuf_addc(b, '?');
		skip = utf8_seqlen((unsigned char)*in);
		if (skip > inleft)
			skip = inleft;
		for (i = 1; i < skip; i++)	/* not past a broken sequence */
			if (((unsigned char)in[i] & 0xc0) != 0x80)
				break;
		in += i;
		inleft -= i;
		iconv(cd, NULL, NULL, NULL, NULL);
	}
	iconv_close(cd);
	for (i = start; i < b->len; i++)
		if (b->p[i] < 0x20 || b->p[i] == 0x7f)
			b->p[i] = '?';
	return OKNO_OK;
}

char *
hw_to_utf8(const unsigned char *p, size_t len, const char *charset)
{
	struct hwbuf b = { 0 };
	iconv_t cd;
	char *in = (char *)p, *out;
	size_t inleft = len, outleft;
	char tmp[256];

	if ((cd = iconv_open("UTF-8", charset)) == (iconv_t)-1)
		return NULL;
	while (inleft > 0) {
		out = tmp;
		outleft = sizeof tmp;
		if (iconv(cd, &in, &inleft, &out, &outleft) != (size_t)-1 ||
		    errno == E2BIG) {
			hwbuf_add(&b, tmp, sizeof tmp - outleft);
			continue;
		}
		hwbuf_add(&b, tmp, sizeof tmp - outleft);
		hwbuf_addc(&b, '?');
		in++;
		inleft--;
		iconv(cd, NULL, NULL, NULL, NULL);
	}
	iconv_close(cd);
	hwbuf_addc(&b, '\0');
	return (char *)b.p;
}

size_t
hw_utf8_prefix(const char *s, size_t n)
{
	size_t i = 0;

	for (; s[i] != '\0'; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80) {
			if (n == 0)
				break;
			n--;
		}
	return i;
}
