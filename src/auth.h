/* auth.h: users, roles, passwords and the cost of guessing them.
 *
 * Passwords are hashed with libxcrypt's yescrypt ("$y$") and never stored
 * or returned in the clear.  Failed logins are counted per terminal and
 * login name, and slow the next try from that terminal for that name;
 * they never lock a name, so that nobody at one keyboard (the ticket
 * terminal in the hall) can keep staff out at another.  Times are the
 * context's clock, so that tests can fix them.  Every change is one
 * transaction; functions never print.
 */
#ifndef OKNO_AUTH_H
#define OKNO_AUTH_H

#include "ctx.h"

/*
 * The first AUTH_FREE_FAILURES failures in a row at a terminal for a name
 * cost nothing (typing errors); each further one makes the next try wait
 * AUTH_DELAY_FIRST seconds, doubling up to AUTH_DELAY_MAX.  Guessing thus
 * runs at about one password a minute per terminal and name, as fast as
 * the old five-minute lock after five failures allowed, but a wait ends
 * by itself and only that terminal waits.
 */
#define AUTH_FREE_FAILURES	3
#define AUTH_DELAY_FIRST	5
#define AUTH_DELAY_MAX		60
/* Wrong passwords at a session's idle lock before the session ends. */
#define AUTH_UNLOCK_TRIES	5
#define AUTH_LOGIN_MAX		32	/* characters of a login name */
#define AUTH_PASSWORD_MAX	128	/* bytes of a password */
/* Characters a new password has at least: yescrypt slows each guess, but
 * not enough to save a password of a few letters. */
#define AUTH_PASSWORD_MIN	8

struct user {
	int64_t		 id;
	char		 login[AUTH_LOGIN_MAX + 1];
	enum role	 role;
	int		 disabled;
	time_t		 created_at;
};

/*
 * What an actor may do beyond the queue's own checks (queue.c checks the
 * window actions itself).  auth_may() is the one place that answers.
 */
enum auth_right {
	AUTH_WORK_WINDOW,	/* serve clients at a window */
	AUTH_VIEW_HALL,		/* the hall view: every window and queue */
	AUTH_ISSUE_PRIORITY,	/* issue a priority ticket */
	AUTH_RATE,		/* record a client's rating of a visit */
	AUTH_MANAGE_USERS,	/* add, disable users; set passwords */
	AUTH_CONTROL_QUEUE	/* supervisor control: cancel a ticket,
				   call one out of order, give or take
				   priority (queue-supervise.c) */
};

/* "manager", "supervisor", "auditor"; "system" and "kiosk" for those. */
const char	*auth_role_name(enum role);
/* Parses a role a user may have (not system or kiosk); -1 when not one. */
int		 auth_role_parse(const char *, enum role *);

/* OKNO_OK when a may do r, else OKNO_EPERM with a message. */
int	 auth_may(const struct actor *a, enum auth_right r, struct err *);

/*
 * Checks a login name: 1 to AUTH_LOGIN_MAX characters of [a-z0-9._-],
 * starting with a letter or digit (it goes into logs and CSV unquoted).
 */
int	 auth_login_check(const char *, struct err *);

/*
 * Checks a new password: AUTH_PASSWORD_MIN characters to
 * AUTH_PASSWORD_MAX bytes of valid UTF-8, no control character (C0, DEL,
 * C1: a password typed at a terminal never holds one, one read from a file
 * with a stray CR or NUL would never be typed again).  OKNO_EINVAL with
 * the rule broken, never quoting the password.
 */
int	 auth_password_check(const char *, struct err *);

/* User management; the actor needs AUTH_MANAGE_USERS, and only the
 * system may create or change a supervisor.  A password must pass
 * auth_password_check. */
int	 auth_user_add(struct ctx *, const char *login, enum role,
	     const char *password, struct err *);
int	 auth_user_passwd(struct ctx *, const char *login,
	     const char *password, struct err *);
int	 auth_user_disable(struct ctx *, const char *login, int disabled,
	     struct err *);
/*
 * Checks a login named as the manager of a window or an appeal from the
 * command line: an existing, enabled user who may serve clients (manager
 * or supervisor).  OKNO_EINVAL with the reason otherwise, so that a typo
 * never reaches reports or head office as a person.  Reads only: call it
 * inside the caller's transaction.
 */
int	 auth_staff_check(struct ctx *, const char *login, struct err *);
/* All users by login; *users is freed with free(). */
int	 auth_user_list(struct ctx *, struct user **users, size_t *n,
	     struct err *);

/*
 * Seconds the next try must wait after `failures` failures in a row at a
 * terminal for a name: 0 up to AUTH_FREE_FAILURES - 1, then
 * AUTH_DELAY_FIRST doubling up to AUTH_DELAY_MAX.
 */
long	 auth_delay(int failures);

/*
 * Checks a login at a terminal (its tty; NULL or "" when unknown, all
 * such counted together).  OKNO_OK fills u and clears the terminal's
 * count for the name; OKNO_EPERM for a wrong name or password, a disabled
 * user, or a try before this terminal's wait for the name is over, which
 * is refused without checking the password (e->msg says which, without
 * telling whether an unknown name exists).  *wait (when not NULL) is set
 * to the seconds before the next try from this terminal for this name
 * will be checked, or 0.  Other terminals are never affected.  Every
 * checked attempt is logged with the terminal.
 */
int	 auth_login(struct ctx *, const char *terminal, const char *login,
	     const char *password, struct user *u, long *wait, struct err *);

/*
 * Checks the password at the idle lock of login's session on terminal.
 * The right password always unlocks, whatever failures other terminals
 * or this one had (a wait would let the hall lock staff out of their own
 * sessions): OKNO_OK fills u and clears the count.  A wrong one is counted
 * and logged like a failed login, and OKNO_EPERM sets *tries_left to the
 * wrong passwords the session may still take: at 0 it must end (log out;
 * the login screen then waits as auth_login says), so that guessing at a
 * lock screen is not free either.  A disabled user gets 0 at once.
 */
int	 auth_unlock(struct ctx *, const char *terminal, const char *login,
	     const char *password, struct user *u, int *tries_left,
	     struct err *);

/*
 * Checks that an open session may go on: its user still exists, is not
 * disabled and still has role (the role it logged in with, which every
 * screen acts with).  OKNO_OK; OKNO_EPERM with the reason to end the
 * session with; OKNO_EDB when the user could not be read (the session
 * goes on, and the caller asks again later).  One read by login: a
 * terminal calls it when another process has committed, not per key.
 */
int	 auth_session_check(struct ctx *, const char *login, enum role role,
	     struct err *);

/*
 * Hashes password with a fresh yescrypt salt into out (CRYPT_OUTPUT_SIZE
 * bytes); verifies password against a stored hash.  Exposed for tests.
 */
int	 auth_hash(const char *password, char *out, size_t size,
	     struct err *);
int	 auth_verify(const char *password, const char *hash);

#endif
