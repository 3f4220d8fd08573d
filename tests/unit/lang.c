/* lang.c: TAP tests of the clients' language (lang.h): the ticket's and
 * the slip's ESC/POS bytes and a board line in the branch's language under
 * the C locale and a LANGUAGE that says otherwise, while the staff's _()
 * keeps the process's locale and the environment is left as it was. */
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "okno.h"
#include "board.h"
#include "hwbuf.h"
#include "lang.h"
#include "printer.h"
#include "tap.h"

/* 2026-12-30 10:00 UTC (TZ=UTC below). */
#define WHEN	((time_t)1798624800)

/* Whether got's bytes hold needle's. */
static int
has(const struct hwbuf *got, const char *needle)
{
	size_t n = strlen(needle);

	for (size_t i = 0; i + n <= got->len; i++)
		if (memcmp(got->p + i, needle, n) == 0)
			return 1;
	return 0;
}

static void
test_names(void)
{
	ok(lang_name_ok("ru") && lang_name_ok("en") && lang_name_ok("ru_RU") &&
	    lang_name_ok("sr@latin"), "language names: ru, en, ru_RU, "
	    "sr@latin");
	ok(!lang_name_ok("") && !lang_name_ok("ru.UTF-8") &&
	    !lang_name_ok("../x") && !lang_name_ok("ru:en") &&
	    !lang_name_ok("abcdefghijklmnop"), "not: empty, a codeset, a "
	    "path, a list, too long");
	lang_client_set(NULL);
	is_string(lang_client_get(), "ru", "the default is ru");
	lang_client_set("x/y");
	is_string(lang_client_get(), "ru", "a bad name is the default");
}

static void
test_paper(void)
{
	struct config_device dev = { 0 };
	struct printer_ticket tk = { 0 };
	struct printer_slip sl = { 0 };
	struct board_call bc = { "A017", 3 };
	struct hwbuf b = { 0 };
	struct err e;
	char line[64];

	lang_client_set("ru");
	is_string(C_("Your number"), "Ваш номер", "LC_ALL=C, LANGUAGE=en: "
	    "the client's text is Russian");
	is_string(_("Your number"), "Your number", "the staff's stays the "
	    "process's");
	is_string(getenv("LANGUAGE"), "en", "LANGUAGE is put back");
	is_string(setlocale(LC_MESSAGES, NULL), "C", "so is the locale");
	is_string(nl_langinfo(CODESET), "ANSI_X3.4-1968", "and its codeset");

	dev.driver = "escpos";
	dev.codepage = -1;
	tk.number = "A017";
	tk.issued = WHEN;
	tk.people_ahead = 0;
	tk.wait_minutes = -1;
	tk.wait_note = C_("No one serves this service now");
	is_int(printer_render_ticket(&dev, &tk, &b, &e), OKNO_OK,
	    "ticket renders");
	/* CP866, the printer's default code table. */
	ok(has(&b, "\x82\xa0\xe8 \xad\xae\xac\xa5\xe0\n"), "the ticket's "
	    "bytes: \"Ваш номер\" in CP866");
	ok(has(&b, "\x8f\xa5\xe0\xa5\xa4 \xa2\xa0\xac\xa8: 0\n"),
	    "\"Перед вами: 0\"");
	ok(has(&b, "\x91\xa5\xa9\xe7\xa0\xe1 \xed\xe2\xe3 \xe3\xe1\xab\xe3"
	    "\xa3\xe3 \xad\xa8\xaa\xe2\xae \xad\xa5 \xae\xa1\xe1\xab\xe3\xa6"
	    "\xa8\xa2\xa0\xa5\xe2\n"), "\"Сейчас эту услугу никто не "
	    "обслуживает\"");
	ok(!has(&b, "Your") && !has(&b, "People") && !has(&b, "min"),
	    "no English on the ticket");
	hwbuf_free(&b);

	sl.reg_no = "MSK-014-2026-000001";
	sl.registered = WHEN;
	sl.due_date = "2027-01-29";
	printer_render_slip(&dev, &sl, &b, &e);
	ok(has(&b, "\x90\xa5\xa3. \xad\xae\xac\xa5\xe0: "
	    "MSK-014-2026-000001\n"), "the slip: \"Рег. номер\" in CP866");
	ok(!has(&b, "Registration") && !has(&b, "Answer due"),
	    "no English on the slip");
	hwbuf_free(&b);

	board_line(&bc, 1, 20, 1, line, sizeof line);
	is_string(line, ">A017         окно 3", "a board line: \"окно 3\"");

	/* The UI binds the catalogue to a KOI8-R terminal's codeset. */
	bind_textdomain_codeset("okno", "KOI8-R");
	is_string(C_("Your number"), "Ваш номер", "bound to KOI8-R: still "
	    "UTF-8");
	is_string(bind_textdomain_codeset("okno", NULL), "KOI8-R",
	    "and bound to KOI8-R again");
	bind_textdomain_codeset("okno", "UTF-8");
	lang_client_set("en");
	is_string(C_("Your number"), "Your number", "branch.language = en: "
	    "English");
	lang_client_set("ru");
}

/* A Russian staff member in an English-speaking branch. */
static void
test_reverse(void)
{
	if (setlocale(LC_ALL, "ru_RU.UTF-8") == NULL) {
		skip_block(2, "no ru_RU.UTF-8 locale");
		return;
	}
	unsetenv("LANGUAGE");
	lang_client_set("en");
	is_string(C_("Your number"), "Your number", "LC_ALL=ru_RU.UTF-8, "
	    "branch in English: the ticket is English");
	is_string(_("Your number"), "Ваш номер", "the staff's Russian");
	setlocale(LC_ALL, "C");
}

int
main(void)
{
	const char *b = getenv("OKNO_BUILD");
	char dir[PATH_MAX];
	FILE *f;

	setenv("TZ", "UTC", 1);
	tzset();
	snprintf(dir, sizeof dir, "%s/locale", b != NULL ? b : "build");
	{
		char mo[PATH_MAX + 32];

		snprintf(mo, sizeof mo, "%s/ru/LC_MESSAGES/okno.mo", dir);
		if ((f = fopen(mo, "r")) == NULL) {
			printf("1..0 # SKIP no Russian catalogue (%s)\n", mo);
			return 0;
		}
		fclose(f);
	}
	plan(22);
	setlocale(LC_ALL, "C");
	setenv("LANGUAGE", "en", 1);
	bindtextdomain("okno", dir);
	textdomain("okno");
	test_names();
	test_paper();
	test_reverse();
	return 0;
}
