/*
 * out.c: the command line's text in the terminal's character set.
 *
 * okno keeps every string in UTF-8: the database, the configuration and,
 * once out_locale() has run, its own messages.  A head of office on a
 * KOI8-R terminal must still read one encoding, not translated labels in
 * KOI8-R beside clients' names in UTF-8.  out_locale() therefore puts an
 * iconv conversion under stdout and stderr when the locale's character
 * set is an 8-bit one.  iconv does the converting; what is written here
 * is only the glue between a FILE and iconv (glibc's fopencookie), which
 * no Debian package provides.
 *
 * The same glue keeps control bytes off the terminal in every locale:
 * stored text (old rows, rows written with sqlite3, the configuration)
 * passes text_safe() first, and in an 8-bit locale every byte iconv
 * produces in 0x00-0x1F (but a newline and a tab), 0x7F or 0x80-0x9F
 * becomes '?' as well: 8-bit terminals obey 0x80-0x9F as C1 controls
 * (0x9B is CSI), and in KOI8-R those are box-drawing characters.
 */
#define _GNU_SOURCE	/* fopencookie */
#include <errno.h>
#include <iconv.h>
#include <langinfo.h>
#include <libintl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "okno.h"
#include "cmd.h"

struct out_conv {
	iconv_t	 cd;		/* (iconv_t)-1: UTF-8 out, only filtered */
	int	 fd;
	char	 pend[8];	/* an incomplete UTF-8 sequence */
	size_t	 npend;
};

static int
out_put(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Writes n converted bytes, each one an 8-bit terminal would obey as a
 * control shown as '?' (whatever iconv's transliteration gave). */
static int
out_put8(int fd, char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char b = (unsigned char)p[i];

		if ((b < 0x20 && b != '\n' && b != '\t') || b == 0x7f ||
		    (b >= 0x80 && b <= 0x9f))
			p[i] = '?';
	}
	return out_put(fd, p, n);
}

/* Length of a character cut short at the end of the n bytes at p. */
static size_t
out_cut(const char *p, size_t n)
{
	for (size_t k = 1; k <= 3 && k <= n; k++) {
		unsigned char c = (unsigned char)p[n - k];

		if ((c & 0xc0) == 0x80)
			continue;
		if ((c >= 0xc0 && c < 0xe0 && k < 2) ||
		    (c >= 0xe0 && c < 0xf0 && k < 3) || (c >= 0xf0 && k < 4))
			return k;
		return 0;
	}
	return 0;
}

/* Converts in (n bytes) and writes it; keeps a cut sequence for later. */
static int
out_convert(struct out_conv *o, char *in, size_t n)
{
	char buf[4096], *op;
	size_t ol;

	if (o->cd == (iconv_t)-1) {
		/* UTF-8 already: text_safe() has done the filtering. */
		o->npend = out_cut(in, n);
		memcpy(o->pend, in + n - o->npend, o->npend);
		return out_put(o->fd, in, n - o->npend);
	}
	while (n > 0) {
		size_t r;

		op = buf;
		ol = sizeof buf;
		r = iconv(o->cd, &in, &n, &op, &ol);
		if (out_put8(o->fd, buf, sizeof buf - ol) != 0)
			return -1;
		if (r != (size_t)-1 || errno == E2BIG)
			continue;
		if (errno == EINVAL && n < sizeof o->pend) {
			/* The rest of the character comes with the next
			 * write. */
			memcpy(o->pend, in, n);
			o->npend = n;
			return 0;
		}
		/* Not UTF-8, or nothing like it there: one '?' a byte. */
		if (out_put(o->fd, "?", 1) != 0)
			return -1;
		in++;
		n--;
	}
	return 0;
}

static ssize_t
out_write(void *cookie, const char *buf, size_t size)
{
	struct out_conv *o = cookie;
	char *all;
	size_t n = o->npend + size;
	int rc;

	if ((all = malloc(n)) == NULL)
		return -1;
	memcpy(all, o->pend, o->npend);
	memcpy(all + o->npend, buf, size);
	o->npend = 0;
	n = text_safe(all, n);
	rc = out_convert(o, all, n);
	free(all);
	return rc == 0 ? (ssize_t)size : -1;
}

static int
out_close(void *cookie)
{
	struct out_conv *o = cookie;
	int rc = 0;

	if (o->npend > 0)
		rc = out_put(o->fd, "?", 1);
	if (o->cd != (iconv_t)-1)
		iconv_close(o->cd);
	free(o);
	return rc;
}

/* A stream writing fd in charset (NULL: UTF-8 as it is); NULL when
 * iconv cannot. */
static FILE *
out_stream(int fd, const char *charset)
{
	static const cookie_io_functions_t io = {
		NULL, out_write, NULL, out_close
	};
	struct out_conv *o;
	char *to;
	FILE *fp;

	o = xcalloc(1, sizeof *o);
	o->fd = fd;
	o->cd = (iconv_t)-1;
	if (charset != NULL) {
		to = xasprintf("%s//TRANSLIT", charset);
		o->cd = iconv_open(to, "UTF-8");
		free(to);
		if (o->cd == (iconv_t)-1) {
			free(o);
			return NULL;
		}
	}
	if ((fp = fopencookie(o, "w", io)) == NULL) {
		if (o->cd != (iconv_t)-1)
			iconv_close(o->cd);
		free(o);
	}
	return fp;
}

/* The streams out_locale() replaced, given back at exit. */
static FILE *out_orig[2];

/* Flushes and frees the converting streams (atexit). */
static void
out_end(void)
{
	if (out_orig[0] != NULL) {
		fclose(stdout);
		stdout = out_orig[0];
	}
	if (out_orig[1] != NULL) {
		fclose(stderr);
		stderr = out_orig[1];
	}
}

void
out_locale(int utf8_stdout)
{
	const char *cs = nl_langinfo(CODESET);
	FILE *fp;

	/*
	 * UTF-8 needs no converting; nor does ASCII, the C locale of cron
	 * and scripts, whose bytes go out as they are (converting them
	 * would turn every Cyrillic name into question marks).  Both are
	 * still filtered.
	 */
	if (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "ANSI_X3.4-1968") == 0)
		cs = NULL;
	else {
		bind_textdomain_codeset("okno", "UTF-8");
		/* getopt's complaints come from libc's own catalogue. */
		bind_textdomain_codeset("libc", "UTF-8");
	}
	fflush(stdout);
	fflush(stderr);
	if ((fp = out_stream(STDERR_FILENO, cs)) != NULL) {
		setvbuf(fp, NULL, _IOLBF, 0);
		out_orig[1] = stderr;
		stderr = fp;
	}
	if (!utf8_stdout && (fp = out_stream(STDOUT_FILENO, cs)) != NULL) {
		/* A terminal sees each line as it comes, as before. */
		if (isatty(STDOUT_FILENO))
			setvbuf(fp, NULL, _IOLBF, 0);
		out_orig[0] = stdout;
		stdout = fp;
	}
	if (out_orig[0] != NULL || out_orig[1] != NULL)
		atexit(out_end);
}
