/* text.c: TAP tests of the column helpers for translated tables:
 * utf8_pad and table_head count characters, not bytes, so a Russian
 * heading lines up with the rows printf writes under it. */
#include <stdio.h>
#include <stdlib.h>

#include "okno.h"
#include "tap.h"

/* A memory stream for table_head to write to. */
static char *buf_;
static size_t len_;

static FILE *
mem(void)
{
	FILE *fp = open_memstream(&buf_, &len_);

	if (fp == NULL)
		sysbail("open_memstream");
	return fp;
}

/* Closes the stream: what was written, to free. */
static char *
text(FILE *fp)
{
	fclose(fp);
	return buf_;
}

int
main(void)
{
	char buf[64], *s;
	FILE *fp;

	plan(9);

	is_string(utf8_pad(buf, sizeof buf, "KEY", -6), "KEY   ",
	    "left-aligned ASCII as %%-6s");
	is_string(utf8_pad(buf, sizeof buf, "KEY", 6), "   KEY",
	    "right-aligned ASCII as %%6s");
	is_string(utf8_pad(buf, sizeof buf, "ключ", -6), "ключ  ",
	    "Cyrillic padded by characters, left");
	is_string(utf8_pad(buf, sizeof buf, "ключ", 6), "  ключ",
	    "and right");
	is_string(utf8_pad(buf, sizeof buf, "ЗНАЧЕНИЕ", 6), "ЗНАЧЕНИЕ",
	    "longer text is left whole");
	is_string(utf8_pad(buf, sizeof buf, "", -3), "   ", "empty text");

	fp = mem();
	table_head(fp, "%-6s %4s|%s\n", "KEY", "N", "x");
	s = text(fp);
	is_string(s, "KEY       N|x\n", "table_head: ASCII as printf");
	free(s);
	fp = mem();
	table_head(fp, "%-6s %4s|%s\n", "КЛЮЧ", "Н/П", "итог");
	s = text(fp);
	is_string(s, "КЛЮЧ    Н/П|итог\n", "table_head: Cyrillic by "
	    "characters");
	free(s);
	fp = mem();
	table_head(fp, "\n%s %% %5s%%\n", "a", "б");
	s = text(fp);
	is_string(s, "\na %     б%\n", "table_head: literal text and %%");
	free(s);
	return 0;
}
