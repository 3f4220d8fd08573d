/* lang.c: text for clients in the branch's language (see lang.h).
 *
 * How gettext is made to speak a language the process is not in: GNU
 * gettext takes the catalogue's language from LANGUAGE first, but ignores
 * LANGUAGE when the LC_MESSAGES locale is "C" (LANG=C, cron, a button's
 * script).  So for the one lookup the thread's locale (uselocale) gets an
 * LC_MESSAGES that is not "C" and an LC_CTYPE in UTF-8 (the translation
 * comes converted to the thread's codeset), LANGUAGE names the client
 * language (overriding the user's own LANGUAGE), and the "okno" domain's
 * codeset, when bound to another (the UI and the CLI bind it to a KOI8-R
 * terminal's), is bound to UTF-8.  All three are put back after.  C.UTF-8 is the locale
 * used: built into glibc since 2.35 and shipped by Debian before that, it
 * needs no generated ru_RU locale on the office's machine.
 */
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "okno.h"

static char client_lang[LANG_NAME_MAX + 1] = LANG_DEFAULT;
static locale_t client_loc = (locale_t)0;
static int client_loc_failed;

int
lang_name_ok(const char *name)
{
	size_t n = strspn(name, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ"), m;

	if (n == 0 || strlen(name) > LANG_NAME_MAX)
		return 0;
	if (name[n] == '_') {
		m = strspn(name + n + 1, "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
		if (m == 0)
			return 0;
		n += 1 + m;
	}
	if (name[n] == '@') {
		m = strspn(name + n + 1, "abcdefghijklmnopqrstuvwxyz");
		if (m == 0)
			return 0;
		n += 1 + m;
	}
	return name[n] == '\0';
}

void
lang_client_set(const char *language)
{
	if (language == NULL || *language == '\0' || !lang_name_ok(language))
		language = LANG_DEFAULT;
	strlcpy_(client_lang, language, sizeof client_lang);
}

const char *
lang_client_get(void)
{
	return client_lang;
}

/* The thread locale of a lookup, made once; (locale_t)0 when the
 * system has no UTF-8 locale at all. */
static locale_t
lang_locale(void)
{
	static const char *const names[] = { "C.UTF-8", "C.utf8",
	    "en_US.UTF-8", "ru_RU.UTF-8", NULL };

	if (client_loc != (locale_t)0 || client_loc_failed)
		return client_loc;
	for (size_t i = 0; names[i] != NULL && client_loc == (locale_t)0;
	    i++)
		client_loc = newlocale(LC_MESSAGES_MASK | LC_CTYPE_MASK,
		    names[i], (locale_t)0);
	client_loc_failed = client_loc == (locale_t)0;
	return client_loc;
}

const char *
lang_client(const char *msgid)
{
	locale_t loc = lang_locale(), old;
	const char *env, *bound, *s;
	char *saved_env = NULL, *saved_cs = NULL;

	/* No UTF-8 locale on this system: the process's language, rather
	 * than text converted to question marks. */
	if (loc == (locale_t)0)
		return gettext(msgid);
	if ((env = getenv("LANGUAGE")) != NULL)
		saved_env = xstrdup(env);
	/* Unbound, the text comes in the thread locale's UTF-8; bound to
	 * another codeset, it is bound to UTF-8 for the lookup. */
	bound = bind_textdomain_codeset("okno", NULL);
	if (bound != NULL && strcmp(bound, "UTF-8") != 0) {
		saved_cs = xstrdup(bound);
		bind_textdomain_codeset("okno", "UTF-8");
	}
	setenv("LANGUAGE", client_lang, 1);
	old = uselocale(loc);
	s = dgettext("okno", msgid);
	uselocale(old);
	if (saved_cs != NULL)
		bind_textdomain_codeset("okno", saved_cs);
	if (saved_env != NULL)
		setenv("LANGUAGE", saved_env, 1);
	else
		unsetenv("LANGUAGE");
	free(saved_env);
	free(saved_cs);
	return s;
}
