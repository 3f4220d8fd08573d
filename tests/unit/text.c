/* text.c: TAP tests of the column helpers for translated tables:
 * utf8_pad and table_head count characters, not bytes, so a Russian
 * heading lines up with the rows printf writes under it.  And of what
 * text may be typed (text_check) and what may reach a terminal
 * (text_safe_wc, text_safe): nothing that is, or becomes in the
 * terminal's code page, a control byte. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* text_check's verdict on s: "" or its message. */
static const char *
check(const char *s, int flags)
{
	static struct err e;

	err_clear(&e);
	text_check(s, 0, flags, "name", &e);
	return e.msg;
}

/* text_safe over s, as a string. */
static const char *
safe(const char *s)
{
	static char buf[256];
	size_t n = strlen(s);

	memcpy(buf, s, n);
	buf[text_safe(buf, n)] = '\0';
	return buf;
}

/* text_check on one field (name): the text, its flags, and the message
 * ("" when it passes). */
static const struct {
	const char	*s;
	int		 flags;
	const char	*want;
	const char	*why;
} checks[] = {
	{ "Иванов Иван Ёлкин-Петров, ООО «Ромашка» № 5", 0, "",
	    "Cyrillic, ASCII and guillemets pass" },
	{ "Müller Łukasz Øre ç — – … „“ ‘’ ₽ € ° § × ™", 0, "",
	    "Latin-1 and Extended-A letters, typographic signs pass" },
	{ "\302\240no-break", 0, "",
	    "the no-break space passes" },
	{ "╔═╗", 0, "name: character U+2554 is not allowed",
	    "box drawing refused, the character named" },
	{ "a ─ b", 0, "name: character U+2500 is not allowed",
	    "U+2500 (KOI8-R 0x80) refused" },
	{ "∙", 0, "name: character U+2219 is not allowed",
	    "U+2219 (KOI8-R 0x95) refused" },
	{ "√", 0, "name: character U+221A is not allowed",
	    "U+221A refused" },
	{ "≈", 0, "name: character U+2248 is not allowed",
	    "U+2248 refused" },
	{ "≤", 0, "name: character U+2264 is not allowed",
	    "U+2264 refused" },
	{ "a\302\233[2J", 0, "name: character U+009B is not allowed",
	    "C1 CSI refused" },
	{ "a\033[2J", 0, "name: character U+001B is not allowed",
	    "ESC refused" },
	{ "a\177", 0, "name: character U+007F is not allowed",
	    "DEL refused" },
	{ "a\nb", 0, "name: character U+000A is not allowed",
	    "a newline in a one-line field refused" },
	{ "a\nb\tc", TEXT_MULTILINE, "",
	    "a newline and a tab in a multi-line one pass" },
	{ "a\rb", TEXT_MULTILINE, "name: character U+000D is not allowed",
	    "a CR never" },
	{ "\314\201", 0, "name: character U+0301 is not allowed",
	    "a combining mark refused" },
	{ "😀", 0, "name: character U+1F600 is not allowed",
	    "an emoji refused" },
	{ "╔═╗ ≈ 😀", TEXT_ANY, "",
	    "TEXT_ANY (configuration, passwords): any but controls" },
	{ "a\302\233", TEXT_ANY, "name: character U+009B is not allowed",
	    "but never C1" },
	{ "a\377", 0, "name: not valid UTF-8 text",
	    "invalid UTF-8 says so" },
};

static void
test_check(void)
{
	for (size_t i = 0; i < nitems(checks); i++)
		is_string(check(checks[i].s, checks[i].flags), checks[i].want,
		    "%s", checks[i].why);
}

static void
test_safe(void)
{
	int koi;

	/* UTF-8: every character but the controls is shown. */
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		bail("no C.UTF-8 locale");
	is_int(text_safe_wc(0x2500), 0x2500, "UTF-8: U+2500 shown");
	is_int(text_safe_wc(0x9b), '?', "UTF-8: U+009B is ?");
	is_int(text_safe_wc(0x1b), '?', "UTF-8: ESC is ?");
	is_int(text_safe_wc(0xa0), ' ', "the no-break space is a space");
	is_int(text_safe_wc(0xd800), '?', "a surrogate is ?");
	is_string(safe("a\033[2J\302\233b\r\n\tж─"), "a?[2J?b?\n\tж─",
	    "text_safe in UTF-8: controls ?, newline and tab kept");
	is_string(safe("a\377b\300"), "a?b?", "bytes not UTF-8 are ?");
	is_string(safe("ж\342\224"), "ж\342\224",
	    "a character cut at the end is left for the next write");
	/* KOI8-R: what becomes 0x80-0x9F there is '?'. */
	koi = setlocale(LC_CTYPE, "ru_RU.KOI8-R") != NULL;
	if (!koi) {
		skip_block(6, "no ru_RU.KOI8-R locale");
		return;
	}
	is_int(text_safe_wc(0x2500), '?', "KOI8-R: U+2500 (0x80) is ?");
	is_int(text_safe_wc(0x2264), '?', "KOI8-R: U+2264 (0x98) is ?");
	is_int(text_safe_wc(0x2554), 0x2554, "KOI8-R: U+2554 (0xA5) shown");
	is_int(text_safe_wc(0x0436), 0x0436, "KOI8-R: Cyrillic shown");
	is_int(text_safe_wc(0x00ab), 0x00ab,
	    "KOI8-R: what it lacks is left to the converter");
	is_string(safe("ж─√° ╔"), "ж??? ╔",
	    "text_safe in KOI8-R: box and signs of 0x80-0x9F are ?");
	setlocale(LC_CTYPE, "C");
}

int
main(void)
{
	char buf[64], *s;
	FILE *fp;

	plan(43);

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
	test_check();
	test_safe();
	return 0;
}
