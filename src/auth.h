/* auth.h: users, roles, passwords and login lockout.
 *
 * Passwords are hashed with libxcrypt's yescrypt ("$y$") and never stored
 * or returned in the clear.  Five failed logins in a row lock that login
 * name for five minutes, counted on the context's clock so that tests can
 * fix time.  Every change is one transaction; functions never print.
 */
#ifndef OKNO_AUTH_H
#define OKNO_AUTH_H

#include "ctx.h"

#define AUTH_MAX_FAILURES	5
#define AUTH_LOCK_SECONDS	300
#define AUTH_LOGIN_MAX		32	/* characters of a login name */
#define AUTH_PASSWORD_MAX	128	/* bytes of a password */

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
	AUTH_MANAGE_USERS	/* add, disable users; set passwords */
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

/* User management; the actor needs AUTH_MANAGE_USERS, and only the
 * system may create or change a supervisor. */
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
 * Checks a password.  OKNO_OK fills u; OKNO_EPERM for a wrong name or
 * password, a disabled user or a locked login (e->msg says which, without
 * telling whether an unknown name exists).  *locked_until (when not NULL)
 * is set to the end of the lock, or 0.  Every attempt is logged.
 */
int	 auth_login(struct ctx *, const char *login, const char *password,
	     struct user *u, time_t *locked_until, struct err *);

/*
 * Hashes password with a fresh yescrypt salt into out (CRYPT_OUTPUT_SIZE
 * bytes); verifies password against a stored hash.  Exposed for tests.
 */
int	 auth_hash(const char *password, char *out, size_t size,
	     struct err *);
int	 auth_verify(const char *password, const char *hash);

#endif
