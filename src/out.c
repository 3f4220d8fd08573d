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

struct out_conv {
	iconv_t	 cd;
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

/* Converts in (n bytes) and writes it; keeps a cut sequence for later. */
static int
out_convert(struct out_conv *o, char *in, size_t n)
{
	char buf[4096], *op;
	size_t ol;

	while (n > 0) {
		size_t r;

		op = buf;
		ol = sizeof buf;
		r = iconv(o->cd, &in, &n, &op, &ol);
		if (out_put(o->fd, buf, sizeof buf - ol) != 0)
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
	iconv_close(o->cd);
	free(o);
	return rc;
}

/* A stream writing fd in charset; NULL when iconv cannot. */
static FILE *
out_stream(int fd, const char *charset)
{
	static const cookie_io_functions_t io = {
		NULL, out_write, NULL, out_close
	};
	struct out_conv *o;
	char *to = xasprintf("%s//TRANSLIT", charset);
	FILE *fp;

	o = xcalloc(1, sizeof *o);
	o->fd = fd;
	o->cd = iconv_open(to, "UTF-8");
	free(to);
	if (o->cd == (iconv_t)-1) {
		free(o);
		return NULL;
	}
	if ((fp = fopencookie(o, "w", io)) == NULL) {
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
	 * UTF-8 needs nothing; nor does ASCII, the C locale of cron and
	 * scripts, whose bytes go out as they are (converting them would
	 * turn every Cyrillic name into question marks).
	 */
	if (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "ANSI_X3.4-1968") == 0)
		return;
	bind_textdomain_codeset("okno", "UTF-8");
	/* getopt's complaints come from libc's own catalogue. */
	bind_textdomain_codeset("libc", "UTF-8");
	fflush(stdout);
	fflush(stderr);
	if ((fp = out_stream(STDERR_FILENO, cs)) != NULL) {
		setvbuf(fp, NULL, _IOLBF, 0);
		out_orig[1] = stderr;
		stderr = fp;
	}
	if (!utf8_stdout && (fp = out_stream(STDOUT_FILENO, cs)) != NULL) {
		out_orig[0] = stdout;
		stdout = fp;
	}
	if (out_orig[0] != NULL || out_orig[1] != NULL)
		atexit(out_end);
}
