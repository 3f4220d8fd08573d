/* csv.c: RFC 4180 writer (quotes doubled, formula guard). */
#include <ctype.h>
#include <string.h>

#include "csv.h"

void
csv_begin(struct csv *c, FILE *f, int flags)
{
	c->f = f;
	c->flags = flags;
	c->col = 0;
	c->error = 0;
}

static void
csv_sep(struct csv *c)
{
	if (c->col++ > 0 && putc(',', c->f) == EOF)
		c->error = 1;
}

int
csv_guarded(const char *s)
{
	return s != NULL && *s != '\0' && strchr("=+-@\t\r'", *s) != NULL;
}

void
csv_text(struct csv *c, const char *s)
{
	int quote, guard;

	csv_sep(c);
	if (s == NULL || *s == '\0')
		return;
	guard = csv_guarded(s);
	quote = strpbrk(s, ",\"\r\n") != NULL;
	if (quote && putc('"', c->f) == EOF)
		c->error = 1;
	if (guard && putc('\'', c->f) == EOF)
		c->error = 1;
	for (; *s != '\0'; s++) {
		if (*s == '"' && putc('"', c->f) == EOF)
			c->error = 1;
		if (putc(*s, c->f) == EOF)
			c->error = 1;
	}
	if (quote && putc('"', c->f) == EOF)
		c->error = 1;
}

void
csv_int(struct csv *c, long long v)
{
	csv_sep(c);
	if (fprintf(c->f, "%lld", v) < 0)
		c->error = 1;
}

void
csv_fixed1(struct csv *c, double v)
{
	csv_sep(c);
	if (fprintf(c->f, "%.1f", v) < 0)
		c->error = 1;
}

/* Whether s is a plain decimal number: -?[0-9]+(.[0-9]+)? */
static int
csv_is_number(const char *s)
{
	if (*s == '-')
		s++;
	if (!isdigit((unsigned char)*s))
		return 0;
	while (isdigit((unsigned char)*s))
		s++;
	if (*s == '.') {
		if (!isdigit((unsigned char)*++s))
			return 0;
		while (isdigit((unsigned char)*s))
			s++;
	}
	return *s == '\0';
}

/*
 * A number is written as it is, a negative one too: only text cells are
 * guarded.  Anything else is text, so the guard can never be bypassed by
 * calling this with a cell that is not a number.
 */
void
csv_num(struct csv *c, const char *s)
{
	if (s == NULL || !csv_is_number(s)) {
		csv_text(c, s);
		return;
	}
	csv_sep(c);
	if (fputs(s, c->f) == EOF)
		c->error = 1;
}

void
csv_end(struct csv *c)
{
	if (fputs(c->flags & CSV_CRLF ? "\r\n" : "\n", c->f) == EOF)
		c->error = 1;
	c->col = 0;
}

void
csv_header(struct csv *c, const char *names)
{
	const char *p = names, *q;
	char name[64];

	while (*p != '\0') {
		q = strchr(p, ',');
		if (q == NULL)
			q = p + strlen(p);
		snprintf(name, sizeof name, "%.*s", (int)(q - p), p);
		csv_text(c, name);
		p = *q ? q + 1 : q;
	}
	csv_end(c);
}
