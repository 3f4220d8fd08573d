/* csvread.h: the one CSV reader (RFC 4180, on libcsv; see csvread.c). */
#ifndef OKNO_CSVREAD_H
#define OKNO_CSVREAD_H

#include <stddef.h>

#include "okno.h"

/* Bounds of what is read; 0: none. */
struct csvread_limits {
	size_t	cell_max;	/* bytes of one cell */
	size_t	cells_max;	/* cells of one record */
	size_t	rows_max;	/* records */
};

/* Messages in English whatever the locale: the text is a protocol's
 * (okno verify's lines), not the user's. */
#define CSVREAD_PLAIN	0x1

/*
 * Called once for each record, in order: its n cells, each NUL-terminated
 * and lens[i] bytes long (a cell holds no NUL: such text is refused
 * before), and the line the record starts on (from 1).  The cells are the
 * reader's until the callback returns.  Anything but OKNO_OK (with e set)
 * stops the reading, and csvread returns it.
 */
typedef int	(*csvread_fn)(void *arg, size_t line, char **cells,
		    const size_t *lens, size_t n, struct err *e);

/*
 * Reads the CSV text p[0..len): cells separated by commas, records by LF
 * or CRLF, a cell in double quotes may hold commas, quotes (doubled) and
 * line ends; a blank line is a record of one empty cell.  Refused
 * (OKNO_EINVAL, the message naming file and line): a NUL byte, a quote
 * inside an unquoted cell, text after a closing quote, an unclosed quote,
 * a carriage return outside quotes that does not end a line, a cell,
 * record or file over the limits (lim may be NULL).  Nothing is trimmed:
 * the cells are the bytes between the separators.
 */
int	 csvread(const char *file, const char *p, size_t len,
	     const struct csvread_limits *lim, int flags, csvread_fn fn,
	     void *arg, struct err *e);

#endif
