/* csv.h: RFC 4180 output for reports, lists and the export batch. */
#ifndef OKNO_CSV_H
#define OKNO_CSV_H

#include <stdio.h>

/*
 * Cells are quoted when they hold a comma, quote, CR or LF.  Every CSV okno
 * writes (the export's batches and every --csv of the command line) goes
 * through csv_text, which guards formulas: a text cell that starts with =,
 * +, -, @, tab or CR gets one leading ' so that a spreadsheet shows it
 * instead of running it as a formula, and one that already starts with '
 * gets one more, so that removing one leading ' before any of those six
 * characters or ' (the head-office loader does) gives the text back.
 * Numbers are not text: csv_int, csv_fixed1 and csv_num never add a '.
 */
/* Rows end in CRLF as RFC 4180 says (files); without it LF, which shell
 * pipelines on a command's output expect. */
#define CSV_CRLF	0x2

struct csv {
	FILE	*f;
	int	 flags;
	int	 col;		/* cells written in the current row */
	int	 error;		/* a write failed */
};

/* Not csv_init: that is libcsv's (csvread.c), in the same program. */
void	csv_begin(struct csv *, FILE *, int flags);
void	csv_text(struct csv *, const char *);	/* NULL: empty cell */
void	csv_int(struct csv *, long long);
void	csv_fixed1(struct csv *, double);	/* one decimal */
/* A number already formatted (a percentage, an average): -?D+(.D+)? is
 * written as it is; anything else (NULL or "" too) as csv_text does. */
void	csv_num(struct csv *, const char *);
/* Whether csv_text writes s with a leading ' (the guard's rule). */
int	csv_guarded(const char *);
void	csv_end(struct csv *);
/* Writes a header row from a comma-separated list of names. */
void	csv_header(struct csv *, const char *names);

#endif
