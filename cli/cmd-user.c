/* cmd-user.c: user and rate: users and passwords, client ratings (typed,
 * or asked of the client on the rating keypad). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "auth.h"
#include "cmd.h"
#include "csv.h"
#include "office.h"
#include "rating.h"

/*
 * Reads one line, the password, from stdin.  On a terminal the echo is
 * off and a prompt goes to stderr; from a pipe the line is taken as it
 * is, so scripts can set passwords.  The line ends at LF (a CR before it
 * goes too); a NUL is refused, never cut at: "abc\0def" must not become
 * "abc".  The rest of the rules are auth_password_check's, checked here
 * too so that a refusal needs no database.  Returns 0, or an exit status.
 */
static int
read_password(char *buf, size_t size)
{
	struct termios old, quiet;
	int tty = isatty(STDIN_FILENO), restore = 0, ch, nul = 0;
	size_t n = 0;
	struct err e;

	if (tty && tcgetattr(STDIN_FILENO, &old) == 0) {
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		restore = tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
		fputs(_("Password: "), stderr);
	}
	while ((ch = getc(stdin)) != EOF && ch != '\n') {
		if (ch == '\0')
			nul = 1;
		if (n < size - 1)
			buf[n] = (char)ch;
		n++;
	}
	if (restore) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	if (n == 0 && ch == EOF)
		return cmd_error(OKNO_EINVAL, _("no password on the standard "
		    "input"));
	if (n >= size - 1) {
		explicit_bzero(buf, size);
		return cmd_error(OKNO_EINVAL, _("the password is longer than "
		    "%d bytes"), AUTH_PASSWORD_MAX);
	}
	if (n > 0 && buf[n - 1] == '\r')
		n--;
	buf[n] = '\0';
	if (nul) {
		explicit_bzero(buf, size);
		return cmd_error(OKNO_EINVAL, _("a password may not contain "
		    "control characters"));
	}
	err_clear(&e);
	if (auth_password_check(buf, &e) != OKNO_OK) {
		explicit_bzero(buf, size);
		return cmd_err(&e);
	}
	return 0;
}

static int
user_add(struct cmd_env *env, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "role", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 }
	};
	char pw[AUTH_PASSWORD_MAX + 2];
	const char *role = NULL;
	struct err e;
	enum role r;
	int ch, rc;

	while ((ch = cmd_getopt(argc, argv, "r:", longopts)) != -1) {
		if (ch != 'r')
			return cmd_usage("user");
		role = optarg;
	}
	if (argc - optind != 1 || role == NULL)
		return cmd_usage("user");
	if (auth_role_parse(role, &r) != 0)
		return cmd_error(OKNO_EUSAGE, _("a role is manager, supervisor "
		    "or auditor, not '%s'"), role);
	err_clear(&e);
	if (auth_login_check(argv[optind], &e) != OKNO_OK)
		return cmd_err(&e);
	if ((rc = read_password(pw, sizeof pw)) != 0)
		return rc;
	rc = auth_user_add(&env->ctx, argv[optind], r, pw, &e);
	explicit_bzero(pw, sizeof pw);
	return rc == OKNO_OK ? 0 : cmd_err(&e);
}

static int
user_list(struct cmd_env *env, int argc, char **argv)
{
	struct user *u;
	struct csv out;
	struct err e;
	size_t n;
	int csv = argc == 2 && strcmp(argv[1], "--csv") == 0;

	if (argc != 1 && !csv)
		return cmd_usage("user");
	err_clear(&e);
	if (auth_user_list(&env->ctx, &u, &n, &e) != OKNO_OK)
		return cmd_err(&e);
	csv_begin(&out, stdout, 0);
	if (csv)
		csv_header(&out, "login,role,disabled");
	for (size_t i = 0; i < n; i++) {
		if (csv) {
			csv_text(&out, u[i].login);
			csv_text(&out, auth_role_name(u[i].role));
			csv_int(&out, u[i].disabled);
			csv_end(&out);
		} else {
			/* For a reader: the role in his language, columns
			 * counted in characters (CSV keeps the codes). */
			char login[128], role[64];

			printf("%s %s %s\n", utf8_pad(login, sizeof login,
			    u[i].login, -20), utf8_pad(role, sizeof role,
			    _(auth_role_name(u[i].role)), -12),
			    u[i].disabled ? _("disabled") : "");
		}
	}
	free(u);
	return 0;
}

int
cmd_user(struct cmd_env *env, int argc, char **argv)
{
	char pw[AUTH_PASSWORD_MAX + 2];
	struct err e;
	const char *verb;
	int rc;

	if (argc < 2)
		return cmd_usage("user");
	verb = argv[1];
	err_clear(&e);
	if (strcmp(verb, "add") == 0)
		return user_add(env, argc - 1, argv + 1);
	if (strcmp(verb, "list") == 0)
		return user_list(env, argc - 1, argv + 1);
	if (argc != 3)
		return cmd_usage("user");
	if (strcmp(verb, "passwd") == 0) {
		if ((rc = read_password(pw, sizeof pw)) != 0)
			return rc;
		rc = auth_user_passwd(&env->ctx, argv[2], pw, &e);
		explicit_bzero(pw, sizeof pw);
	} else if (strcmp(verb, "disable") == 0)
		rc = auth_user_disable(&env->ctx, argv[2], 1, &e);
	else if (strcmp(verb, "enable") == 0)
		rc = auth_user_disable(&env->ctx, argv[2], 0, &e);
	else
		return cmd_usage("user");
	return rc == OKNO_OK ? 0 : cmd_err(&e);
}

/* TICKET: today's number (A017) or a database id (digits). */
static int
rate_ticket(struct cmd_env *env, const char *arg, int64_t *id,
    struct err *e)
{
	struct ticket t;
	long v;

	*id = 0;
	if (cmd_number(arg, 1, 2147483647L, &v) == 0) {
		*id = v;
		return OKNO_OK;
	}
	if (queue_ticket_by_number(&env->ctx, arg, &t, e) != OKNO_OK)
		return e->code;
	*id = t.id;
	return OKNO_OK;
}

/*
 * okno rate --keypad TICKET: the client answers each configured criterion
 * in turn on the keypad; the answers are stored together.  Prints one
 * line per criterion, "CODE SCORE" or "CODE -" when not scored.  Exit 3
 * when the client scored nothing (nothing is stored).
 */
static int
rate_keypad(struct cmd_env *env, const char *arg)
{
	const struct config *cfg = env->cfg;
	struct keypad_result r;
	struct err e;
	int64_t id = 0;
	int *scores, rc;

	err_clear(&e);
	if (cfg->keypad.driver == NULL)
		return cmd_error(OKNO_EIO, _("no keypad is configured "
		    "(devices.keypad)"));
	if (rate_ticket(env, arg, &id, &e) != OKNO_OK)
		return cmd_err(&e);
	scores = xcalloc(cfg->ncriteria, sizeof *scores);
	rc = office_rate_keypad(&env->ctx, id, scores, NULL, NULL, &r, &e);
	if (rc == OKNO_OK || rc == OKNO_NONE)
		for (size_t i = 0; i < cfg->ncriteria; i++) {
			if (scores[i] > 0)
				printf("%s %d\n", cfg->criteria[i].code,
				    scores[i]);
			else
				printf("%s -\n", cfg->criteria[i].code);
		}
	free(scores);
	if (rc == OKNO_NONE) {
		fflush(stdout);
		cmd_warn("%s", e.msg);
		return EXIT_NONE;
	}
	return rc == OKNO_OK ? 0 : cmd_err(&e);
}

int
cmd_rate(struct cmd_env *env, int argc, char **argv)
{
	struct err e;
	long score;
	int64_t id = 0;

	if (argc == 3 && strcmp(argv[1], "--keypad") == 0)
		return rate_keypad(env, argv[2]);
	if (argc != 4)
		return cmd_usage("rate");
	if (cmd_number(argv[3], 1, 5, &score) != 0)
		return cmd_error(OKNO_EINVAL, _("a score is 1 to 5, not '%s'"),
		    argv[3]);
	err_clear(&e);
	if (rate_ticket(env, argv[1], &id, &e) != OKNO_OK)
		return cmd_err(&e);
	if (rating_set(&env->ctx, id, argv[2], (int)score, &e) != OKNO_OK)
		return cmd_err(&e);
	return 0;
}
