/* csv.c (fuzz): the CSV writer round trip.  The input is a first byte of
 * settings and then cells separated by NUL bytes; they are written with
 * csv.c, read back by a small RFC 4180 reader of our own, and must come
 * back as written (with the formula guard's one ' where it is due). */
#include "fuzz.h"
#include "csv.h"

/*
 * Reads the records of an RFC 4180 text: fields separated by commas,
 * records by LF or CRLF, quoted fields with "" for a quote.  Returns the
 * fields in order, a record's end marked by a NULL entry; -1 on text
 * that is not RFC 4180.
 */
static int
fuzz_csv_read(const char *p, const char *end, char ***outp, size_t *np)
{
	char **out = NULL, *f;
	size_t n = 0, len;

	while (p < end) {
		for (;;) {
			f = xmalloc((size_t)(end - p) + 1);
			len = 0;
			if (*p == '"') {
				for (p++;; p++) {
					if (p >= end)
						goto bad;
					if (*p == '"' && p + 1 < end &&
					    p[1] == '"')
						f[len++] = *p++;
					else if (*p == '"')
						break;
					else
						f[len++] = *p;
				}
				p++;
			} else
				while (p < end && *p != ',' && *p != '\n' &&
				    *p != '\r' && *p != '"')
					f[len++] = *p++;
			f[len] = '\0';
			out = xreallocarray(out, n + 2, sizeof *out);
			out[n++] = f;
			f = NULL;
			if (p < end && *p == ',') {
				p++;
				continue;
			}
			if (p + 1 < end && p[0] == '\r' && p[1] == '\n')
				p += 2;
			else if (p < end && *p == '\n')
				p++;
			else
				goto bad;
			out[n++] = NULL;	/* end of record */
			break;
		}
	}
	*outp = out;
	*np = n;
	return 0;
bad:
	free(f);
	for (size_t i = 0; i < n; i++)
		free(out[i]);
	free(out);
	return -1;
}

static int
fuzz_csv(const uint8_t *data, size_t size)
{
	struct csv c;
	char *cells[64], *copy, *text = NULL, **got = NULL;
	size_t ncells, per, len = 0, ngot = 0, g, i;
	int flags;
	FILE *f;

	if (size < 1)
		return 0;
	flags = data[0] & CSV_CRLF;
	per = (size_t)(data[0] >> 2 & 7) + 1;		/* cells per row */
	copy = fuzz_fields(data + 1, size - 1, cells, nitems(cells));
	for (ncells = 0; ncells < nitems(cells) && cells[ncells]; ncells++)
		;
	if ((f = open_memstream(&text, &len)) == NULL)
		abort();
	csv_begin(&c, f, flags);
	for (i = 0; i < ncells; i++) {
		csv_text(&c, cells[i]);
		if ((i + 1) % per == 0 || i + 1 == ncells)
			csv_end(&c);
	}
	if (fclose(f) != 0 || c.error)
		fuzz_fail("csv: write failed");
	if (fuzz_csv_read(text, text + len, &got, &ngot) != 0) {
		fuzz_fail("csv: the writer's text is not RFC 4180: %s", text);
		goto out;
	}
	for (i = 0, g = 0; i < ncells; i++, g++) {
		const char *want = cells[i];
		char *guarded = NULL;

		/* The guard, read independently of csv_guarded. */
		if (want[0] != '\0' && strchr("=+-@\t\r'", want[0]) != NULL)
			want = guarded = xasprintf("'%s", want);
		if (g >= ngot || got[g] == NULL ||
		    strcmp(got[g], want) != 0)
			fuzz_fail("csv: cell %zu came back as \"%s\", not "
			    "\"%s\"", i, g < ngot && got[g] ? got[g] : "(none)",
			    want);
		free(guarded);
		if ((i + 1) % per == 0 || i + 1 == ncells) {
			if (g + 1 >= ngot || got[g + 1] != NULL)
				fuzz_fail("csv: row does not end after cell "
				    "%zu", i);
			g++;
		}
	}
	if (g != ngot)
		fuzz_fail("csv: %zu fields read, %zu written", ngot, g);
out:
	for (i = 0; i < ngot; i++)
		free(got[i]);
	free(got);
	free(text);
	free(copy);
	return 0;
}

FUZZ_TARGET(fuzz_csv)
