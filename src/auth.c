/* auth.c: users, roles, yescrypt passwords and the per-terminal delay of
 * failed logins (auth.h). */
#include <crypt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"

static const char *const role_names[] = {
	/* N_(): also the words the UI shows, translated there. */
	[ROLE_SYSTEM] = N_("system"),
	[ROLE_MANAGER] = N_("manager"),
	[ROLE_SUPERVISOR] = N_("supervisor"),
	[ROLE_AUDITOR] = N_("auditor"),
	[ROLE_KIOSK] = N_("kiosk"),
};

const char *
auth_role_name(enum role r)
{
	return codes_name(role_names, nitems(role_names), (int)r);
}

int
auth_role_parse(const char *s, enum role *r)
{
	int i = codes_index(role_names, nitems(role_names), s);

	/* Users are given only these: system and kiosk are nobody's login. */
	if (i != ROLE_MANAGER && i != ROLE_SUPERVISOR && i != ROLE_AUDITOR)
		return -1;
	*r = (enum role)i;
	return 0;
}

int
auth_may(const struct actor *a, enum auth_right r, struct err *e)
{
	switch (r) {
	case AUTH_WORK_WINDOW:
		if (a->role == ROLE_MANAGER || a->role == ROLE_SUPERVISOR ||
		    a->role == ROLE_SYSTEM)
			return OKNO_OK;
		return err_set(e, OKNO_EPERM, _("only a manager or a "
		    "supervisor may work at a window"));
	case AUTH_CONTROL_QUEUE:
		if (a->role == ROLE_SUPERVISOR || a->role == ROLE_SYSTEM)
			return OKNO_OK;
		return err_set(e, OKNO_EPERM, _("only a supervisor may cancel "
		    "a ticket, call one out of order or change its "
		    "priority"));
	case AUTH_VIEW_HALL:
		if (a->role == ROLE_SUPERVISOR || a->role == ROLE_AUDITOR ||
		    a->role == ROLE_SYSTEM)
			return OKNO_OK;
		return err_set(e, OKNO_EPERM, _("only a supervisor or an "
		    "auditor may open the hall view"));
	case AUTH_ISSUE_PRIORITY:
	case AUTH_RATE:
		if (a->role == ROLE_MANAGER || a->role == ROLE_SUPERVISOR ||
		    a->role == ROLE_SYSTEM)
			return OKNO_OK;
		return err_set(e, OKNO_EPERM, r == AUTH_RATE ?
		    _("only staff at a window may record a rating") :
		    _("only staff may issue a priority ticket"));
	case AUTH_MANAGE_USERS:
		if (a->role == ROLE_SUPERVISOR || a->role == ROLE_SYSTEM)
			return OKNO_OK;
		return err_set(e, OKNO_EPERM, _("only a supervisor may manage "
		    "users"));
	}
	return err_set(e, OKNO_EPERM, _("not allowed"));
}

int
auth_login_check(const char *s, struct err *e)
{
	size_t n = strlen(s);

	if (n == 0 || n > AUTH_LOGIN_MAX)
		return err_set(e, OKNO_EINVAL, _("a login is 1 to %d "
		    "characters"), AUTH_LOGIN_MAX);
	for (size_t i = 0; i < n; i++) {
		char ch = s[i];

		if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
		    (i > 0 && (ch == '.' || ch == '_' || ch == '-')))
			continue;
		return err_set(e, OKNO_EINVAL, _("a login has only small "
		    "Latin letters, digits and . _ - (not first)"));
	}
	return OKNO_OK;
}

int
auth_password_check(const char *pw, struct err *e)
{
	size_t chars = 0;
	const unsigned char *p;

	if (pw == NULL || *pw == '\0')
		return err_set(e, OKNO_EINVAL, _("the password is empty"));
	if (strlen(pw) > AUTH_PASSWORD_MAX)
		return err_set(e, OKNO_EINVAL, _("the password is longer than "
		    "%d bytes"), AUTH_PASSWORD_MAX);
	for (p = (const unsigned char *)pw; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f)
			return err_set(e, OKNO_EINVAL, _("a password may not "
			    "contain control characters"));
	/* Never shown: any character but a control (C1 and invalid UTF-8
	 * included). */
	if (text_check(pw, AUTH_PASSWORD_MAX, TEXT_ANY, _("password"), e) !=
	    OKNO_OK)
		return e->code;
	for (p = (const unsigned char *)pw; *p != '\0'; p++)
		chars += (*p & 0xc0) != 0x80;
	if (chars < AUTH_PASSWORD_MIN)
		return err_set(e, OKNO_EINVAL, _("a password has at least %d "
		    "characters"), AUTH_PASSWORD_MIN);
	return OKNO_OK;
}

int
auth_hash(const char *password, char *out, size_t size, struct err *e)
{
	char salt[CRYPT_GENSALT_OUTPUT_SIZE];
	struct crypt_data *cd;
	const char *h;
	int rc = OKNO_OK;

	/* count 0: libxcrypt's default cost; NULL rbytes: it reads the
	 * system's random source itself. */
	if (crypt_gensalt_rn("$y$", 0, NULL, 0, salt, sizeof salt) == NULL)
		return err_set(e, OKNO_EIO, _("cannot make a password salt"));
	cd = xcalloc(1, sizeof *cd);
	h = crypt_r(password, salt, cd);
	if (h == NULL || h[0] == '*' || strlen(h) >= size)
		rc = err_set(e, OKNO_EIO, _("cannot hash the password"));
	else
		strlcpy_(out, h, size);
	explicit_bzero(cd, sizeof *cd);
	free(cd);
	return rc;
}

int
auth_verify(const char *password, const char *hash)
{
	struct crypt_data *cd;
	const char *h;
	size_t n;
	unsigned char diff = 0;
	int ok;

	cd = xcalloc(1, sizeof *cd);
	h = crypt_r(password, hash, cd);
	/* Compare every byte: the time must not tell how much matched. */
	if (h == NULL || h[0] == '*' || (n = strlen(h)) != strlen(hash))
		ok = 0;
	else {
		for (size_t i = 0; i < n; i++)
			diff |= (unsigned char)(h[i] ^ hash[i]);
		ok = diff == 0;
	}
	explicit_bzero(cd, sizeof *cd);
	free(cd);
	return ok;
}

static int
a_user_get(struct ctx *c, const char *login, struct user *u, char *hash,
    size_t hsize, struct err *e)
{
	struct stmt *st;
	int r;

	memset(u, 0, sizeof *u);
	if (db_prepare(c->db, &st, e, "SELECT id, login, role, hash, disabled,"
	    " created_at FROM users WHERE login = :l") != 0)
		return e->code;
	db_bind_text(st, ":l", login);
	r = db_step(st, e);
	if (r == DB_ROW) {
		u->id = db_col_int(st, 0);
		strlcpy_(u->login, db_col_text(st, 1), sizeof u->login);
		if (auth_role_parse(db_col_text(st, 2), &u->role) != 0)
			u->role = ROLE_AUDITOR;	/* the CHECK forbids it */
		if (hash != NULL)
			strlcpy_(hash, db_col_text(st, 3), hsize);
		u->disabled = (int)db_col_int(st, 4);
		u->created_at = (time_t)db_col_int(st, 5);
	}
	db_finalize(st);
	if (r == DB_ERROR)
		return OKNO_EDB;
	if (r == DB_DONE)
		return err_set(e, OKNO_ENOENT, _("no user '%s'"), login);
	return OKNO_OK;
}

int
auth_session_check(struct ctx *c, const char *login, enum role role,
    struct err *e)
{
	struct user u;
	int rc;

	rc = a_user_get(c, login, &u, NULL, 0, e);
	if (rc == OKNO_ENOENT || (rc == OKNO_OK && u.disabled))
		return err_set(e, OKNO_EPERM, _("Your account has been "
		    "disabled"));
	if (rc != OKNO_OK)
		return rc;
	if (u.role != role)
		return err_set(e, OKNO_EPERM, _("Your role is now %s: "
		    "log in again"), _(auth_role_name(u.role)));
	return OKNO_OK;
}

int
auth_staff_check(struct ctx *c, const char *login, struct err *e)
{
	struct user u;
	int rc;

	rc = a_user_get(c, login, &u, NULL, 0, e);
	if (rc == OKNO_ENOENT)
		return err_set(e, OKNO_EINVAL, _("no user '%s' (okno user "
		    "list shows them)"), login);
	if (rc != OKNO_OK)
		return rc;
	if (u.disabled)
		return err_set(e, OKNO_EINVAL, _("user '%s' is disabled"),
		    login);
	if (u.role != ROLE_MANAGER && u.role != ROLE_SUPERVISOR)
		return err_set(e, OKNO_EINVAL, _("user '%s' is an %s, who does "
		    "not serve clients"), login, _(auth_role_name(u.role)));
	return OKNO_OK;
}

/* Only the system account may create or change a supervisor, so that a
 * supervisor cannot make another one behind the administrator's back. */
static int
a_may_touch(struct ctx *c, enum role target, struct err *e)
{
	if (auth_may(c->who, AUTH_MANAGE_USERS, e) != OKNO_OK)
		return e->code;
	if (target == ROLE_SUPERVISOR && c->who->role != ROLE_SYSTEM)
		return err_set(e, OKNO_EPERM, _("only the administrator may "
		    "add or change a supervisor"));
	return OKNO_OK;
}

int
auth_user_add(struct ctx *c, const char *login, enum role role,
    const char *password, struct err *e)
{
	char hash[CRYPT_OUTPUT_SIZE];
	struct stmt *st;
	struct user u;
	int rc;

	if (auth_login_check(login, e) != OKNO_OK ||
	    auth_password_check(password, e) != OKNO_OK)
		return e->code;
	if (role != ROLE_MANAGER && role != ROLE_SUPERVISOR &&
	    role != ROLE_AUDITOR)
		return err_set(e, OKNO_EINVAL, _("a user is a manager, a "
		    "supervisor or an auditor"));
	if (a_may_touch(c, role, e) != OKNO_OK)
		return e->code;
	/* Hash before the transaction: yescrypt takes a while and must not
	 * hold the writer lock the queue needs. */
	if (auth_hash(password, hash, sizeof hash, e) != OKNO_OK)
		return e->code;
	if (db_begin(c->db, e) != OKNO_OK)
		return e->code;
	rc = a_user_get(c, login, &u, NULL, 0, e);
	if (rc == OKNO_OK) {
		rc = err_set(e, OKNO_ESTATE, _("user '%s' exists"), login);
		goto out;
	}
	if (rc != OKNO_ENOENT)
		goto out;
	err_clear(e);
	if ((rc = db_prepare(c->db, &st, e, "INSERT INTO users (login, role,"
	    " hash, created_at, updated_at) VALUES (:l, :r, :h, :now, :now)"))
	    != OKNO_OK)
		goto out;
	db_bind_text(st, ":l", login);
	db_bind_text(st, ":r", auth_role_name(role));
	db_bind_text(st, ":h", hash);
	db_bind_int(st, ":now", c->now);
	rc = db_run(st, e);
out:
	explicit_bzero(hash, sizeof hash);
	if (rc == OKNO_OK)
		return db_commit(c->db, e);
	db_rollback(c->db);
	return rc;
}

/* Sets a password or the disabled flag of an existing user. */
static int
a_user_change(struct ctx *c, const char *login, const char *hash,
    int disabled, struct err *e)
{
	struct stmt *st;
	struct user u;
	int rc;

	if (db_begin(c->db, e) != OKNO_OK)
		return e->code;
	if ((rc = a_user_get(c, login, &u, NULL, 0, e)) != OKNO_OK ||
	    (rc = a_may_touch(c, u.role, e)) != OKNO_OK)
		goto out;
	if (hash != NULL)
		rc = db_prepare(c->db, &st, e, "UPDATE users SET hash = :h,"
		    " updated_at = :now WHERE id = :id");
	else
		rc = db_prepare(c->db, &st, e, "UPDATE users SET"
		    " disabled = :d, updated_at = :now WHERE id = :id");
	if (rc != OKNO_OK)
		goto out;
	if (hash != NULL)
		db_bind_text(st, ":h", hash);
	else
		db_bind_int(st, ":d", disabled ? 1 : 0);
	db_bind_int(st, ":now", c->now);
	db_bind_int(st, ":id", u.id);
	if ((rc = db_run(st, e)) != OKNO_OK)
		goto out;
	/* A new password or re-enabling also ends every terminal's wait. */
	if ((rc = db_prepare(c->db, &st, e, "DELETE FROM login_attempts"
	    " WHERE login = :l")) != OKNO_OK)
		goto out;
	db_bind_text(st, ":l", login);
	rc = db_run(st, e);
out:
	if (rc == OKNO_OK)
		return db_commit(c->db, e);
	db_rollback(c->db);
	return rc;
}

int
auth_user_passwd(struct ctx *c, const char *login, const char *password,
    struct err *e)
{
	char hash[CRYPT_OUTPUT_SIZE];
	int rc;

	/* Fail early on rights, before the rules and the slow hash. */
	if (auth_may(c->who, AUTH_MANAGE_USERS, e) != OKNO_OK)
		return e->code;
	if (auth_password_check(password, e) != OKNO_OK)
		return e->code;
	if (auth_hash(password, hash, sizeof hash, e) != OKNO_OK)
		return e->code;
	rc = a_user_change(c, login, hash, 0, e);
	explicit_bzero(hash, sizeof hash);
	return rc;
}

int
auth_user_disable(struct ctx *c, const char *login, int disabled,
    struct err *e)
{
	return a_user_change(c, login, NULL, disabled, e);
}

int
auth_user_list(struct ctx *c, struct user **users, size_t *n, struct err *e)
{
	struct stmt *st;
	struct user *v = NULL;
	size_t cap = 0;
	int r;

	*users = NULL;
	*n = 0;
	if (auth_may(c->who, AUTH_MANAGE_USERS, e) != OKNO_OK)
		return e->code;
	if (db_prepare(c->db, &st, e, "SELECT id, login, role, disabled,"
	    " created_at FROM users ORDER BY login") != 0)
		return e->code;
	while ((r = db_step(st, e)) == DB_ROW) {
		struct user *u;

		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			v = xreallocarray(v, cap, sizeof *v);
		}
		u = &v[(*n)++];
		memset(u, 0, sizeof *u);
		u->id = db_col_int(st, 0);
		strlcpy_(u->login, db_col_text(st, 1), sizeof u->login);
		if (auth_role_parse(db_col_text(st, 2), &u->role) != 0)
			u->role = ROLE_AUDITOR;
		u->disabled = (int)db_col_int(st, 3);
		u->created_at = (time_t)db_col_int(st, 4);
	}
	db_finalize(st);
	if (r == DB_ERROR) {
		free(v);
		*n = 0;
		return OKNO_EDB;
	}
	*users = v;
	return OKNO_OK;
}

long
auth_delay(int failures)
{
	long d = AUTH_DELAY_FIRST;

	if (failures < AUTH_FREE_FAILURES)
		return 0;
	/* Doubled step by step, not shifted: no count overflows it. */
	for (int i = AUTH_FREE_FAILURES; i < failures && d < AUTH_DELAY_MAX;
	    i++)
		d *= 2;
	return d < AUTH_DELAY_MAX ? d : AUTH_DELAY_MAX;
}

static const char *
a_term(const char *terminal)
{
	return terminal != NULL ? terminal : "";
}

/*
 * The failures in a row at terminal for login, and the seconds until the
 * next try is checked.  A last failure in the future means the clock went
 * back (a PC that lost its time, OKNO_NOW): its wait is over rather than
 * hours long.
 */
static int
a_attempts(struct ctx *c, const char *terminal, const char *login,
    int *failures, long *wait, struct err *e)
{
	struct stmt *st;
	time_t last = 0;
	int r;

	*failures = 0;
	*wait = 0;
	if (db_prepare(c->db, &st, e, "SELECT failures, last_at FROM"
	    " login_attempts WHERE terminal = :t AND login = :l") != 0)
		return e->code;
	db_bind_text(st, ":t", a_term(terminal));
	db_bind_text(st, ":l", login);
	if ((r = db_step(st, e)) == DB_ROW) {
		*failures = (int)db_col_int(st, 0);
		last = (time_t)db_col_int(st, 1);
	}
	db_finalize(st);
	if (r == DB_ERROR)
		return OKNO_EDB;
	if (*failures > 0 && last <= c->now) {
		long left = (long)(last - c->now) + auth_delay(*failures);

		*wait = left > 0 ? left : 0;
	}
	return OKNO_OK;
}

static int
a_set_attempts(struct ctx *c, const char *terminal, const char *login,
    int failures, struct err *e)
{
	struct stmt *st;

	/* A count of 0 is no row: successes leave nothing behind. */
	if (failures == 0) {
		if (db_prepare(c->db, &st, e, "DELETE FROM login_attempts"
		    " WHERE terminal = :t AND login = :l") != 0)
			return e->code;
	} else if (db_prepare(c->db, &st, e, "INSERT INTO login_attempts"
	    " (terminal, login, failures, last_at) VALUES (:t, :l, :f, :now)"
	    " ON CONFLICT (terminal, login) DO UPDATE SET failures = :f,"
	    " last_at = :now") != 0)
		return e->code;
	db_bind_text(st, ":t", a_term(terminal));
	db_bind_text(st, ":l", login);
	if (failures != 0) {
		db_bind_int(st, ":f", failures);
		db_bind_int(st, ":now", c->now);
	}
	return db_run(st, e);
}

static int
a_log(struct ctx *c, const char *terminal, const char *login,
    const char *event, struct err *e)
{
	struct stmt *st;

	if (db_prepare(c->db, &st, e, "INSERT INTO login_events (at, login,"
	    " event, terminal) VALUES (:now, :l, :ev, :t)") != 0)
		return e->code;
	db_bind_int(st, ":now", c->now);
	db_bind_text(st, ":l", login);
	db_bind_text(st, ":ev", event);
	db_bind_text(st, ":t", a_term(terminal));
	return db_run(st, e);
}

/* A try before the wait is over: the same answer whatever was typed. */
static int
a_wait_msg(struct err *e, long wait)
{
	return err_set(e, OKNO_EPERM, _("too many wrong passwords at this "
	    "terminal: try again in %ld s"), wait);
}

/*
 * Reads login's user and checks password against it.  *good is 1 only
 * for an existing user and the right password; an unknown name costs the
 * same time as a known one.  Outside a transaction: yescrypt is slow.
 */
static int
a_check(struct ctx *c, const char *login, const char *password,
    struct user *u, int *good, struct err *e)
{
	static char dummy[CRYPT_OUTPUT_SIZE];
	char hash[CRYPT_OUTPUT_SIZE];
	int found, rc;

	*good = 0;
	rc = a_user_get(c, login, u, hash, sizeof hash, e);
	if (rc != OKNO_OK && rc != OKNO_ENOENT)
		return rc;
	found = rc == OKNO_OK;
	if (!found && dummy[0] == '\0' &&
	    auth_hash("okno", dummy, sizeof dummy, e) != OKNO_OK)
		return e->code;
	*good = auth_verify(password, found ? hash : dummy) && found;
	explicit_bzero(hash, sizeof hash);
	err_clear(e);
	return OKNO_OK;
}

/* A wrong password, inside the caller's transaction: failures is the
 * new count of failures in a row; the try is logged. */
static int
a_failed(struct ctx *c, const char *terminal, const char *login,
    int failures, struct err *e)
{
	int rc;

	if ((rc = a_set_attempts(c, terminal, login, failures, e)) != OKNO_OK)
		return rc;
	return a_log(c, terminal, login, "failed", e);
}

/*
 * The right password, inside the caller's transaction (login and unlock
 * alike): the count of failures starts again and the try is logged; a
 * disabled user is then refused with OKNO_EPERM.
 */
static int
a_good(struct ctx *c, const char *terminal, const char *login,
    const struct user *u, struct err *e)
{
	int rc;

	if ((rc = a_set_attempts(c, terminal, login, 0, e)) != OKNO_OK ||
	    (rc = a_log(c, terminal, login, u->disabled ? "refused" : "ok",
	    e)) != OKNO_OK)
		return rc;
	if (u->disabled)
		return err_set(e, OKNO_EPERM, _("login '%s' is disabled"),
		    login);
	return OKNO_OK;
}

/* Commits a refusal too (it is what the delay counts), else rolls back. */
static int
a_end(struct ctx *c, int rc, struct user *u, struct err *e)
{
	if (rc == OKNO_OK || rc == OKNO_EPERM) {
		struct err ce;

		if (db_commit(c->db, &ce) != OKNO_OK) {
			*e = ce;
			rc = ce.code;
		}
	} else
		db_rollback(c->db);
	if (rc != OKNO_OK)
		memset(u, 0, sizeof *u);
	return rc;
}

int
auth_login(struct ctx *c, const char *terminal, const char *login,
    const char *password, struct user *u, long *wait, struct err *e)
{
	struct err ign;
	long left;
	int failures, good, rc;

	memset(u, 0, sizeof *u);
	if (wait != NULL)
		*wait = 0;
	if (auth_login_check(login, &ign) != OKNO_OK || password == NULL ||
	    strlen(password) > AUTH_PASSWORD_MAX)
		return err_set(e, OKNO_EPERM, _("wrong login or password"));
	/* Refuse a try during the wait before the costly hash. */
	if (a_attempts(c, terminal, login, &failures, &left, e) != OKNO_OK)
		return e->code;
	if (left > 0) {
		if (wait != NULL)
			*wait = left;
		return a_wait_msg(e, left);
	}
	if ((rc = a_check(c, login, password, u, &good, e)) != OKNO_OK)
		return rc;

	/* The count is re-read inside the transaction: another process at
	 * this terminal may have failed on this name meanwhile, and a wait
	 * it started refuses this try even with the right password. */
	if (db_begin(c->db, e) != OKNO_OK)
		return e->code;
	if ((rc = a_attempts(c, terminal, login, &failures, &left, e)) !=
	    OKNO_OK)
		goto out;
	if (left > 0) {
		if ((rc = a_log(c, terminal, login, "delayed", e)) != OKNO_OK)
			goto out;
		if (wait != NULL)
			*wait = left;
		rc = a_wait_msg(e, left);
	} else if (!good) {
		if ((rc = a_failed(c, terminal, login, ++failures, e)) !=
		    OKNO_OK)
			goto out;
		left = auth_delay(failures);
		if (wait != NULL)
			*wait = left;
		if (left > 0)
			rc = err_set(e, OKNO_EPERM, _("wrong login or password:"
			    " try again in %ld s"), left);
		else
			rc = err_set(e, OKNO_EPERM, _("wrong login or "
			    "password"));
	} else
		rc = a_good(c, terminal, login, u, e);
out:
	return a_end(c, rc, u, e);
}

int
auth_unlock(struct ctx *c, const char *terminal, const char *login,
    const char *password, struct user *u, int *tries_left, struct err *e)
{
	long left;
	int failures, good, rc;

	memset(u, 0, sizeof *u);
	*tries_left = 0;
	if (password == NULL || strlen(password) > AUTH_PASSWORD_MAX)
		good = 0;
	else if ((rc = a_check(c, login, password, u, &good, e)) != OKNO_OK)
		return rc;
	if (db_begin(c->db, e) != OKNO_OK)
		return e->code;
	/* The wait is read only for the count: it never refuses here. */
	if ((rc = a_attempts(c, terminal, login, &failures, &left, e)) !=
	    OKNO_OK)
		goto out;
	if (!good) {
		if ((rc = a_failed(c, terminal, login, ++failures, e)) !=
		    OKNO_OK)
			goto out;
		*tries_left = failures < AUTH_UNLOCK_TRIES ?
		    AUTH_UNLOCK_TRIES - failures : 0;
		if (*tries_left > 0)
			rc = err_set(e, OKNO_EPERM, _("wrong password (%d more "
			    "wrong ones end the session)"), *tries_left);
		else
			rc = err_set(e, OKNO_EPERM, _("too many wrong "
			    "passwords: logged out"));
	} else
		rc = a_good(c, terminal, login, u, e);
out:
	return a_end(c, rc, u, e);
}
