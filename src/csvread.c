/* csvread.c: the one CSV reader (see csvread.h), on libcsv.
 *
 * libcsv does the quoting (strict mode: a stray quote is an error, and an
 * unclosed one at the end too); this file adds what okno wants of it:
 * nothing trimmed (libcsv drops blanks around unquoted cells unless told
 * no blank is one), CR only as half of CRLF, a blank line as a record of
 * one empty cell, limits, and the line each record starts on.  The text
 * is fed a line at a time, so that an error is known at its line.
 *
 * Built without -Isrc (Makefile): libcsv's header is <csv.h>, the name of
 * okno's CSV writer; this file's own includes are quoted, found beside it.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "csvread.h"

struct cr {
	const char			*file;
	int				 plain;
	const struct csvread_limits	*lim;
	csvread_fn			 fn;
	void				*arg;
	struct err			*e;
	int				 rc;
	size_t				 line;		/* of the text fed */
	size_t				 rec_line;	/* the record's first */
	int				 pending_cr;	/* a record ended at CR */
	char				*buf;		/* the record's cells */
	size_t				 buflen, bufcap;
	size_t				*offs, *lens;
	char				**cells;
	size_t				 ncells, cellcap;
	size_t				 nrows;
};

/* libcsv's blanks: none, so a cell keeps its spaces and tabs. */
static int
cr_no_space(unsigned char c)
{
	(void)c;
	return 0;
}

static void
cr_lone_cr(struct cr *r)
{
	r->rc = err_set(r->e, OKNO_EINVAL, r->plain ?
	    "%s:%zu: a carriage return outside quotes" :
	    _("%s:%zu: a carriage return outside quotes"), r->file, r->line);
}

static void
cr_cell(void *s, size_t len, void *data)
{
	struct cr *r = data;

	if (r->rc != OKNO_OK)
		return;
	if (r->pending_cr) {
		cr_lone_cr(r);
		return;
	}
	if (r->lim != NULL && r->lim->cell_max > 0 &&
	    len > r->lim->cell_max) {
		r->rc = err_set(r->e, OKNO_EINVAL, r->plain ?
		    "%s:%zu: a cell longer than %d bytes" :
		    _("%s:%zu: a cell longer than %d bytes"), r->file,
		    r->line, (int)r->lim->cell_max);
		return;
	}
	if (r->lim != NULL && r->lim->cells_max > 0 &&
	    r->ncells >= r->lim->cells_max) {
		r->rc = err_set(r->e, OKNO_EINVAL, r->plain ?
		    "%s:%zu: more than %d cells" :
		    _("%s:%zu: more than %d cells"), r->file, r->line,
		    (int)r->lim->cells_max);
		return;
	}
	if (r->ncells == r->cellcap) {
		r->cellcap = r->cellcap ? 2 * r->cellcap : 32;
		r->offs = xreallocarray(r->offs, r->cellcap, sizeof *r->offs);
		r->lens = xreallocarray(r->lens, r->cellcap, sizeof *r->lens);
		r->cells = xreallocarray(r->cells, r->cellcap,
		    sizeof *r->cells);
	}
	if (r->buflen + len + 1 > r->bufcap) {
		while (r->buflen + len + 1 > r->bufcap)
			r->bufcap = r->bufcap ? 2 * r->bufcap : 4096;
		r->buf = xrealloc(r->buf, r->bufcap);
	}
	if (len > 0)
		memcpy(r->buf + r->buflen, s, len);
	r->offs[r->ncells] = r->buflen;
	r->lens[r->ncells++] = len;
	r->buflen += len;
	r->buf[r->buflen++] = '\0';
}

static void
cr_record(int c, void *data)
{
	struct cr *r = data;

	if (r->rc != OKNO_OK)
		return;
	if (r->pending_cr) {
		r->pending_cr = 0;
		if (c == '\n' && r->ncells == 0)
			return;		/* the LF of a CRLF */
		cr_lone_cr(r);
		return;
	}
	if (r->ncells == 0)		/* a blank line */
		cr_cell(data, 0, data);
	if (c == '\r')
		r->pending_cr = 1;
	if (r->lim != NULL && r->lim->rows_max > 0 &&
	    r->nrows >= r->lim->rows_max) {
		r->rc = err_set(r->e, OKNO_EINVAL, r->plain ?
		    "%s: more than %d rows" : _("%s: more than %d rows"),
		    r->file, (int)r->lim->rows_max);
		return;
	}
	for (size_t i = 0; i < r->ncells; i++)
		r->cells[i] = r->buf + r->offs[i];
	r->nrows++;
	r->rc = r->fn(r->arg, r->rec_line, r->cells, r->lens, r->ncells,
	    r->e);
	r->ncells = 0;
	r->buflen = 0;
	r->rec_line = r->line + 1;
}

int
csvread(const char *file, const char *p, size_t len,
    const struct csvread_limits *lim, int flags, csvread_fn fn, void *arg,
    struct err *e)
{
	struct csv_parser prs;
	struct cr r;
	const char *nl;
	size_t pos = 0, chunk, n;

	memset(&r, 0, sizeof r);
	r.file = file;
	r.plain = (flags & CSVREAD_PLAIN) != 0;
	r.lim = lim;
	r.fn = fn;
	r.arg = arg;
	r.e = e;
	r.line = r.rec_line = 1;
	if (memchr(p, '\0', len) != NULL)
		return err_set(e, OKNO_EINVAL, r.plain ? "%s: a NUL byte" :
		    _("%s: a NUL byte"), file);
	if (csv_init(&prs, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL) != 0)
		return err_set(e, OKNO_EIO, "%s: %s", file, strerror(ENOMEM));
	csv_set_space_func(&prs, cr_no_space);
	while (pos < len && r.rc == OKNO_OK) {
		nl = memchr(p + pos, '\n', len - pos);
		chunk = nl != NULL ? (size_t)(nl - p) + 1 - pos : len - pos;
		n = csv_parse(&prs, p + pos, chunk, cr_cell, cr_record, &r);
		if (r.rc != OKNO_OK)
			break;
		if (n != chunk) {
			if (csv_error(&prs) != CSV_EPARSE)
				r.rc = err_set(e, OKNO_EIO, "%s: %s", file,
				    csv_strerror(csv_error(&prs)));
			/* Strict mode stops at a quote in an unquoted cell,
			 * or at anything but a separator after a closing
			 * one (no blank is one here). */
			else if (p[pos + n] == '"')
				r.rc = err_set(e, OKNO_EINVAL, r.plain ?
				    "%s:%zu: a quote inside an unquoted cell" :
				    _("%s:%zu: a quote inside an unquoted "
				    "cell"), file, r.line);
			else
				r.rc = err_set(e, OKNO_EINVAL, r.plain ?
				    "%s:%zu: text after a closing quote" :
				    _("%s:%zu: text after a closing quote"),
				    file, r.line);
			break;
		}
		pos += chunk;
		if (nl != NULL)
			r.line++;
	}
	if (r.rc == OKNO_OK && csv_fini(&prs, cr_cell, cr_record, &r) != 0 &&
	    r.rc == OKNO_OK)
		r.rc = err_set(e, OKNO_EINVAL, r.plain ?
		    "%s:%zu: a quote not closed" :
		    _("%s:%zu: a quote not closed"), file, r.rec_line);
	if (r.rc == OKNO_OK && r.pending_cr)
		cr_lone_cr(&r);
	csv_free(&prs);
	free(r.buf);
	free(r.offs);
	free(r.lens);
	free(r.cells);
	return r.rc;
}
