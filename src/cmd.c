/* cmd.c: helpers shared by the commands: messages, exit codes, numbers. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "office.h"

int
cmd_exit_code(int status)
{
	switch (status) {
	case OKNO_OK:
		return 0;
	case OKNO_NONE:
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
	case OKNO_ESTATE:
	default:
		return 1;
	}
}

int
cmd_error(int code, const char *fmt, ...)
{
	va_list ap;

	fputs("okno: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return cmd_exit_code(code);
}

int
cmd_err(const struct err *e)
{
	/* Configuration errors are FILE:LINE: message, as editors expect. */
	if (e->code == OKNO_ECONFIG) {
		fprintf(stderr, "%s\n", e->msg);
		return EXIT_CONFIG;
	}
	return cmd_error(e->code, "%s", e->msg);
}

void
cmd_warn(const char *fmt, ...)
{
	va_list ap;

	fputs(_("okno: warning: "), stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
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
	if (office_board_refresh(&env->ctx, &e) != OKNO_OK)
		cmd_warn(_("board: %s"), e.msg);
}
