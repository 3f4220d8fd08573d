/* lang.h: text for clients in the branch's language (SPEC:
 * branch.language), whatever the locale of the process.
 *
 * Tickets, appeal slips and board text are read by clients, so a ticket
 * printed by `LANG=C okno ticket issue` or a hardware button says
 * "Ваш номер" in a Russian office.  Those strings are marked C_("...")
 * instead of _("..."): the same catalogue (xgettext takes both), looked
 * up in the client language.  Staff screens and command messages keep
 * _(), the process's locale.
 */
#ifndef OKNO_LANG_H
#define OKNO_LANG_H

/* The language when the configuration names none. */
#define LANG_DEFAULT	"ru"
/* A language name's longest form: "ru", "tt", "ru_RU", "sr@latin". */
#define LANG_NAME_MAX	15

/*
 * Sets the client language ("ru", "en", ...); NULL or "" is
 * LANG_DEFAULT.  The configuration loader calls it (config.c, like TZ).
 */
void		 lang_client_set(const char *language);
const char	*lang_client_get(void);
/* Whether name is a language name the catalogue lookup can take:
 * letters, then optionally _ and letters, then optionally @ and
 * letters, at most LANG_NAME_MAX bytes. */
int		 lang_name_ok(const char *name);

/*
 * msgid in the client language, as UTF-8, from the "okno" catalogue
 * (msgid itself when the catalogue has no translation, as gettext).
 * The process's locale, LANGUAGE and the catalogue's bound codeset are
 * as they were on return.  Not thread-safe (it sets LANGUAGE for the
 * lookup); okno is one thread.
 */
#if defined(__GNUC__)
/* Like gettext's: a translated format keeps its arguments checked. */
__attribute__((format_arg(1)))
#endif
const char	*lang_client(const char *msgid);
#define C_(s)	lang_client(s)

#endif
