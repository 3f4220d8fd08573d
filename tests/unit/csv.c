/* csv.c: TAP tests of the one CSV writer every CSV of okno goes through
 * (the export's batches and every --csv): the formula guard on text
 * cells, reversible with a second ', and numbers never guarded. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "tap.h"

/* One row written by fn into a memory stream, without its LF. */
static char *
row(void (*fn)(struct csv *, const char *), const char *cell)
{
	struct csv c;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	if ((f = open_memstream(&buf, &len)) == NULL)
		sysbail("open_memstream");
	csv_begin(&c, f, 0);
	fn(&c, cell);
	csv_end(&c);
	if (fclose(f) != 0 || c.error)
		bail("csv write failed");
	if (len > 0 && buf[len - 1] == '\n')
		buf[len - 1] = '\0';
	return buf;
}

static void
text_is(const char *cell, const char *want, const char *what)
{
	char *got = row(csv_text, cell);

	is_string(got, want, "text %s", what);
	free(got);
}

static void
num_is(const char *cell, const char *want, const char *what)
{
	char *got = row(csv_num, cell);

	is_string(got, want, "number %s", what);
	free(got);
}

int
main(void)
{
	struct csv c;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	plan(21);
	text_is("=1+1", "'=1+1", "=1+1 gets a leading '");
	text_is("+7 495", "'+7 495", "+ guarded");
	text_is("-5", "'-5", "- guarded: a text cell, even if it looks "
	    "like a number");
	text_is("@SUM(A1)", "'@SUM(A1)", "@ guarded");
	text_is("\tx", "'\tx", "tab guarded");
	text_is("\rx", "\"'\rx\"", "CR guarded, and quoted");
	text_is("'quoted", "''quoted", "a leading ' gets another (reversible)");
	text_is("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"",
	    "guarded inside the quotes, quotes doubled");
	text_is("-1,5", "\"'-1,5\"", "guarded and quoted");
	text_is("a=1", "a=1", "= inside a cell is no formula");
	text_is("plain", "plain", "plain text untouched");
	text_is("", "", "empty cell");
	ok(csv_guarded("=x") && csv_guarded("'x") && !csv_guarded("x") &&
	    !csv_guarded("") && !csv_guarded(NULL), "csv_guarded says so");

	num_is("-5", "-5", "negative: not text, not guarded");
	num_is("66.7", "66.7", "decimal as it is");
	num_is("-0.5", "-0.5", "negative decimal as it is");
	num_is("", "", "empty");
	num_is("=1+1", "'=1+1", "not a number: guarded as text");
	num_is("-5+1", "'-5+1", "a formula that starts like a number: "
	    "guarded");
	num_is("1.", "1.", "1. is text, and not guarded");

	if ((f = open_memstream(&buf, &len)) == NULL)
		sysbail("open_memstream");
	csv_begin(&c, f, CSV_CRLF);
	csv_int(&c, -5);
	csv_fixed1(&c, -1.5);
	csv_text(&c, "-x");
	csv_end(&c);
	if (fclose(f) != 0)
		bail("fclose");
	is_string(buf, "-5,-1.5,'-x\r\n", "csv_int and csv_fixed1 write "
	    "negative numbers as they are; CRLF rows");
	free(buf);
	return 0;
}
