/* cmd.c: helpers shared by the commands: messages, exit codes, numbers. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "cmd.h"
#include "office.h"

int
cmd_exit_code(int status)
{
	switch (status) {
	case OKNO_OK:
		return 0;
	case OKNO_NONE:
	case OKNO_EAGAIN:	/* nothing done, as when nothing waits */
		return EXIT_NONE;
	case OKNO_EINVAL:
	case OKNO_ENOENT:
		return EXIT_DATAERR;
	case OKNO_EPERM:
		return EXIT_NOPERM;
	case OKNO_ECONFIG:
		return EXIT_CONFIG;
	case OKNO_EUSAGE:
		return EXIT_USAGE;
	case OKNO_EDB:
	case OKNO_EIO:
		return EXIT_IOERR;
	case OKNO_ECLOSED:
		return EXIT_CLOSED;
	case OKNO_ESTATE:
	default:
		return 1;
	}
}

/*
 * Writes prefix and the message as one line on stderr.  Messages quote
 * what the user typed (an unknown service, a ticket number) and what the
 * configuration says, so a control character in them (ESC above all)
 * could drive the terminal or forge a second line in a log: each one is
 * shown as '?'.
 */
static void OKNO_PRINTF(2, 0)
cmd_vline(const char *prefix, const char *fmt, va_list ap)
{
	char *msg;

	if ((msg = xvasprintf(fmt, ap)) == NULL)
		return;
	for (unsigned char *p = (unsigned char *)msg; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f)
			*p = '?';
	fprintf(stderr, "%s%s\n", prefix, msg);
	free(msg);
}

static void OKNO_PRINTF(2, 3)
cmd_line(const char *prefix, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cmd_vline(prefix, fmt, ap);
	va_end(ap);
}

int
cmd_error(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cmd_vline("okno: ", fmt, ap);
	va_end(ap);
	return cmd_exit_code(code);
}

int
cmd_period(const char *from, const char *to, long *first, long *last)
{
	int y, m, d;
	long f, l;

	if (date_parse(from, &y, &m, &d) != 0)
		return cmd_error(OKNO_EUSAGE, _("--from: not a date "
		    "(YYYY-MM-DD): %s"), from);
	f = calendar_day_number(y, m, d);
	if (date_parse(to, &y, &m, &d) != 0)
		return cmd_error(OKNO_EUSAGE, _("--to: not a date "
		    "(YYYY-MM-DD): %s"), to);
	l = calendar_day_number(y, m, d);
	if (f > l)
		return cmd_error(OKNO_EUSAGE, _("the period starts (%s) after "
		    "it ends (%s)"), from, to);
	if (first != NULL)
		*first = f;
	if (last != NULL)
		*last = l;
	return 0;
}

int
cmd_verb(const char *name, const struct cmd_verb *verbs,
    struct cmd_env *env, int argc, char **argv)
{
	if (argc >= 2)
		for (; verbs->name != NULL; verbs++)
			if (strcmp(argv[1], verbs->name) == 0)
				return verbs->exec(env, argc - 1, argv + 1);
	return cmd_usage(name);
}

int
cmd_period_opt(int ch, struct cmd_period_args *p)
{
	switch (ch) {
	case 'f':
		p->from = optarg;
		return 1;
	case 't':
		p->to = optarg;
		return 1;
	case 'C':
		p->csv = 1;
		return 1;
	}
	return 0;
}

int
cmd_err(const struct err *e)
{
	/* Configuration errors are FILE:LINE: message, as editors expect. */
	if (e->code == OKNO_ECONFIG) {
		cmd_line("", "%s", e->msg);
		return EXIT_CONFIG;
	}
	return cmd_error(e->code, "%s", e->msg);
}

void
cmd_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cmd_vline(_("okno: warning: "), fmt, ap);
	va_end(ap);
}

int	cmd_getopt_said;

int
cmd_getopt(int argc, char **argv, const char *optstring,
    const struct option *longopts)
{
	char *verb = argv[0], *name = xasprintf("okno: %s", verb);
	int ch;

	/* getopt names argv[0] in its messages, and only there. */
	argv[0] = name;
	ch = getopt_long(argc, argv, optstring, longopts, NULL);
	argv[0] = verb;
	free(name);
	/* getopt has said what was wrong in its one okno: line; the usage
	 * the command prints next would be a second. */
	if (ch == '?')
		cmd_getopt_said = 1;
	return ch;
}

int
cmd_number(const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || errno != 0 || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

void
cmd_after_change(struct cmd_env *env)
{
	struct err e;

	err_clear(&e);
	if (office_changed(&env->ctx, &e) != OKNO_OK)
		cmd_warn("%s", e.msg);
}
