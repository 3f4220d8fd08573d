/* csv.h: RFC 4180 output for reports, lists and the export batch. */
#ifndef OKNO_CSV_H
#define OKNO_CSV_H

#include <stdio.h>

/*
 * Cells are quoted when they hold a comma, quote, CR or LF.  With
 * CSV_NEUTRAL a text cell that starts with =, +, -, @, tab or CR gets one
 * leading ' so that a spreadsheet shows it instead of running it as a
 * formula (numbers are written with csv_int, which never does this).
 */
#define CSV_NEUTRAL	0x1
/* Rows end in CRLF as RFC 4180 says (files); without it LF, which shell
 * pipelines on a command's output expect. */
#define CSV_CRLF	0x2

struct csv {
	FILE	*f;
	int	 flags;
	int	 col;		/* cells written in the current row */
	int	 error;		/* a write failed */
};

void	csv_init(struct csv *, FILE *, int flags);
void	csv_text(struct csv *, const char *);	/* NULL: empty cell */
void	csv_int(struct csv *, long long);
void	csv_fixed1(struct csv *, double);	/* one decimal */
void	csv_end(struct csv *);
/* Writes a header row from a comma-separated list of names. */
void	csv_header(struct csv *, const char *names);

#endif
