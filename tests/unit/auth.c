/* auth.c: TAP tests of users, yescrypt hashing, the delay after failed
 * logins, roles and ratings, on a fixed clock. */
#include <crypt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "fixture.h"
#include "rating.h"
#include "tap.h"
#include "queue.h"

static struct config_service svcs[] = {
	{ "pay", "A", "Payments", 15, 10 },
};
static int w1s[] = { 0 };
static struct config_window wins[] = { { 1, w1s, 1 }, { 2, w1s, 1 } };
static struct config_criterion crit[] = {
	{ "speed", "Speed", 0.5 }, { "politeness", "Politeness", 0.5 },
};
static struct config cfg = {
	.services = svcs, .nservices = nitems(svcs),
	.windows = wins, .nwindows = nitems(wins),
	.criteria = crit, .ncriteria = nitems(crit),
};
static struct ctx c;
static struct err e;

static const struct actor a_sup = { "sveta", ROLE_SUPERVISOR };
static const struct actor a_mgr = { "anna", ROLE_MANAGER };
static const struct actor a_mgr2 = { "boris", ROLE_MANAGER };
static const struct actor a_aud = { "audit", ROLE_AUDITOR };
static const struct actor a_kiosk = { NULL, ROLE_KIOSK };

/* Terminals as okno names them: the device of its standard input. */
#define T_KIOSK		"/dev/ttyUSB1"
#define T_WIN		"/dev/ttyS0"

static int
login_at(const char *term, const char *l, const char *pw, long *wait)
{
	struct user u;

	return auth_login(&c, term, l, pw, &u, wait, &e);
}

static int
login(const char *l, const char *pw, long *wait)
{
	return login_at(T_WIN, l, pw, wait);
}

static void
test_hash(void)
{
	char h1[CRYPT_OUTPUT_SIZE], h2[CRYPT_OUTPUT_SIZE];

	ok(auth_hash("secret", h1, sizeof h1, &e) == OKNO_OK, "hash made");
	ok(strncmp(h1, "$y$", 3) == 0, "yescrypt hash: %.3s", h1);
	ok(auth_hash("secret", h2, sizeof h2, &e) == OKNO_OK &&
	    strcmp(h1, h2) != 0, "a fresh salt each time");
	ok(auth_verify("secret", h1), "the right password verifies");
	ok(!auth_verify("Secret", h1), "a wrong password does not");
	ok(!auth_verify("", h1), "an empty password does not");
	ok(!auth_verify("secret", "*0"), "a broken hash never verifies");
}

/* Who adds which user, and what okno answers, in order: the first
 * supervisor comes from the system, the later rows need the users the
 * earlier ones made. */
static const struct {
	const struct actor *who;
	const char	*login;
	enum role	 role;
	const char	*pw;
	int		 want;
	const char	*what;
} adds[] = {
	{ &actor_system, "sveta", ROLE_SUPERVISOR, "pw-sveta1", OKNO_OK,
	    "the system adds a supervisor" },
	{ &a_sup, "anna", ROLE_MANAGER, "pw-anna1", OKNO_OK,
	    "a supervisor adds a manager" },
	{ &a_sup, "boris", ROLE_MANAGER, "pw-boris1", OKNO_OK, "and another" },
	{ &a_sup, "audit", ROLE_AUDITOR, "pw-audit1", OKNO_OK, "and an auditor" },
	{ &a_sup, "boss", ROLE_SUPERVISOR, "pw-valid1", OKNO_EPERM,
	    "but not another supervisor" },
	{ &a_sup, "anna", ROLE_MANAGER, "pw-valid1", OKNO_ESTATE,
	    "a login is unique" },
	{ &a_sup, "new", ROLE_MANAGER, "", OKNO_EINVAL,
	    "an empty password is refused" },
	{ &a_sup, "Anna", ROLE_MANAGER, "pw-valid1", OKNO_EINVAL,
	    "capitals are not a login" },
	{ &a_sup, "-x", ROLE_MANAGER, "pw-valid1", OKNO_EINVAL,
	    "a login does not start with -" },
	{ &a_sup, "x", ROLE_SYSTEM, "pw-valid1", OKNO_EINVAL,
	    "system is no user's role" },
	{ &a_sup, "new", ROLE_MANAGER, "pw-sevn", OKNO_EINVAL,
	    "a password of 7 characters is refused" },
	{ &a_sup, "new", ROLE_MANAGER, "pw-anna\tx", OKNO_EINVAL,
	    "a tab in a password is refused" },
	{ &a_mgr, "eve", ROLE_MANAGER, "pw-valid1", OKNO_EPERM,
	    "a manager may not add users" },
};

/* The rules of a new password (auth_password_check), one by one. */
static void
test_passwords(void)
{
	static const struct {
		const char	*pw;
		int		 want;
		const char	*what;
	} pws[] = {
		{ "abcdefgh", OKNO_OK, "8 ASCII characters" },
		{ "abcdefg", OKNO_EINVAL, "7 are too few" },
		{ "парольЁ1", OKNO_OK, "8 characters, 15 bytes" },
		{ "пароль1", OKNO_EINVAL, "7 characters, 13 bytes: too few" },
		{ "abcd\refgh", OKNO_EINVAL, "CR" },
		{ "abcd\nefgh", OKNO_EINVAL, "LF" },
		{ "abcd\033[2J", OKNO_EINVAL, "ESC" },
		{ "abcd\001efgh", OKNO_EINVAL, "C0" },
		{ "abcd\177efgh", OKNO_EINVAL, "DEL" },
		{ "abcd\302\233efgh", OKNO_EINVAL, "C1 (U+009B)" },
		{ "abcd\377efgh", OKNO_EINVAL, "invalid UTF-8" },
		{ "pass word with spaces", OKNO_OK, "spaces are characters" },
	};
	char longest[AUTH_PASSWORD_MAX + 2];

	for (size_t i = 0; i < nitems(pws); i++) {
		err_clear(&e);
		is_int(auth_password_check(pws[i].pw, &e), pws[i].want,
		    "password rule: %s", pws[i].what);
	}
	memset(longest, 'x', sizeof longest - 1);
	longest[AUTH_PASSWORD_MAX] = '\0';
	is_int(auth_password_check(longest, &e), OKNO_OK, "%d bytes",
	    AUTH_PASSWORD_MAX);
	longest[AUTH_PASSWORD_MAX] = 'x';
	longest[AUTH_PASSWORD_MAX + 1] = '\0';
	is_int(auth_password_check(longest, &e), OKNO_EINVAL, "%d bytes",
	    AUTH_PASSWORD_MAX + 1);
	err_clear(&e);
	auth_password_check("short", &e);
	ok(strstr(e.msg, "8") != NULL && strstr(e.msg, "short") == NULL,
	    "the message names the minimum, never the password: %s", e.msg);
}

static void
test_users(void)
{
	struct user *u, one;
	size_t i, n;
	char stored[256] = "";
	struct stmt *st;

	for (i = 0; i < nitems(adds); i++) {
		c.who = adds[i].who;
		is_int(auth_user_add(&c, adds[i].login, adds[i].role,
		    adds[i].pw, &e), adds[i].want, "%s", adds[i].what);
	}
	is_int(auth_user_passwd(&c, "boris", "x", &e), OKNO_EPERM,
	    "nor set passwords");
	is_int(auth_user_list(&c, &u, &n, &e), OKNO_EPERM, "nor list users");
	c.who = &a_sup;
	is_int(auth_user_list(&c, &u, &n, &e), OKNO_OK, "a supervisor lists");
	is_int((long long)n, 4, "four users");
	is_string(n > 0 ? u[0].login : "", "anna", "sorted by login");
	free(u);
	st = fx_prepare(c.db, "SELECT hash FROM users WHERE login = 'anna'");
	if (db_step(st, &e) == DB_ROW)
		strlcpy_(stored, db_col_text(st, 0), sizeof stored);
	db_finalize(st);
	ok(strncmp(stored, "$y$", 3) == 0 && strstr(stored, "pw-anna1") == NULL,
	    "the database holds a yescrypt hash, not the password");
	is_int(auth_login(&c, T_WIN, "anna", "pw-anna1", &one, NULL, &e), OKNO_OK,
	    "anna logs in");
	is_int(one.role, ROLE_MANAGER, "as a manager");
	is_int(auth_user_passwd(&c, "anna", "pw-anna2", &e), OKNO_OK,
	    "a supervisor sets anna's password");
	is_int(login("anna", "pw-anna1", NULL), OKNO_EPERM, "the old one fails");
	is_int(login("anna", "pw-anna2", NULL), OKNO_OK, "the new one works");
	is_int(auth_user_passwd(&c, "sveta", "pw-valid1", &e), OKNO_EPERM,
	    "a supervisor may not change a supervisor's password");
}

static void
test_delay(void)
{
	time_t t0 = fx_at("2026-12-30T10:00:00+03:00");
	struct user u;
	long wait;
	int i, left, rc = OKNO_OK;

	c.now = t0;
	for (i = 0; i < AUTH_FREE_FAILURES - 1; i++)
		rc = login("boris", "bad", &wait);
	is_int(rc, OKNO_EPERM, "wrong passwords fail");
	is_string(e.msg, "wrong login or password", "and say so");
	is_int(wait, 0, "the first ones cost no wait");
	is_int(login("boris", "pw-boris1", NULL), OKNO_OK,
	    "the right one then still works, and resets the count");
	for (i = 0; i < AUTH_FREE_FAILURES; i++)
		rc = login("boris", "bad", &wait);
	is_int(wait, AUTH_DELAY_FIRST, "failure %d makes the next try wait "
	    "%d s", AUTH_FREE_FAILURES, AUTH_DELAY_FIRST);
	is_string(e.msg, "wrong login or password: try again in 5 s",
	    "and says how long");
	c.now = t0 + AUTH_DELAY_FIRST - 1;
	is_int(login("boris", "pw-boris1", &wait), OKNO_EPERM,
	    "the right password is refused during the wait");
	ok(strstr(e.msg, "try again in 1 s") != NULL, "with the time left: %s",
	    e.msg);
	is_int(login_at(T_KIOSK, "boris", "pw-boris1", &wait), OKNO_OK,
	    "another terminal does not wait");
	is_int(login("anna", "pw-anna2", NULL), OKNO_OK,
	    "nor does another login at this terminal");
	c.now = t0 + AUTH_DELAY_FIRST;
	is_int(login("boris", "pw-boris1", &wait), OKNO_OK,
	    "at the end of the wait the right password works");
	is_int(wait, 0, "and no wait remains");
	for (i = 0; i < AUTH_FREE_FAILURES; i++)
		rc = login("nobody", "x", &wait);
	is_int(rc, OKNO_EPERM, "an unknown name is refused");
	is_int(wait, AUTH_DELAY_FIRST, "and waits like a known one");
	is_int(login("", "x", NULL), OKNO_EPERM, "an empty login is refused");

	c.now = t0 + 3600;
	for (i = 0; i < AUTH_FREE_FAILURES; i++)
		login("anna", "bad", NULL);
	c.who = &a_sup;
	is_int(auth_user_passwd(&c, "anna", "pw-anna3", &e), OKNO_OK,
	    "a new password ...");
	is_int(login("anna", "pw-anna3", NULL), OKNO_OK, "... ends the wait");

	/* The idle lock of anna's session at this terminal. */
	for (i = 0; i < AUTH_FREE_FAILURES; i++)
		login("anna", "bad", NULL);
	is_int(auth_unlock(&c, T_WIN, "anna", "pw-anna3", &u, &left, &e),
	    OKNO_OK, "the unlock screen takes the right password at once");
	is_int(auth_unlock(&c, T_WIN, "anna", "bad", &u, &left, &e),
	    OKNO_EPERM, "but not a wrong one");
	is_int(left, AUTH_UNLOCK_TRIES - 1, "which costs one of %d tries",
	    AUTH_UNLOCK_TRIES);

	is_int(auth_user_disable(&c, "boris", 1, &e), OKNO_OK,
	    "a supervisor disables boris");
	is_int(login("boris", "pw-boris1", NULL), OKNO_EPERM,
	    "a disabled user cannot log in");
	ok(strstr(e.msg, "disabled") != NULL, "and is told why: %s", e.msg);
	is_int(auth_unlock(&c, T_WIN, "boris", "pw-boris1", &u, &left, &e),
	    OKNO_EPERM, "nor unlock a session");
	is_int(left, 0, "which must end at once");
	is_int(auth_user_disable(&c, "boris", 0, &e), OKNO_OK, "re-enabled");
	is_int(login("boris", "pw-boris1", NULL), OKNO_OK, "boris logs in again");
}

static void
test_roles(void)
{
	struct ticket t;
	struct err e2;

	ok(auth_may(&a_mgr, AUTH_WORK_WINDOW, &e2) == OKNO_OK &&
	    auth_may(&a_sup, AUTH_WORK_WINDOW, &e2) == OKNO_OK &&
	    auth_may(&a_aud, AUTH_WORK_WINDOW, &e2) == OKNO_EPERM &&
	    auth_may(&a_kiosk, AUTH_WORK_WINDOW, &e2) == OKNO_EPERM,
	    "managers and supervisors work windows; auditors, kiosks not");
	ok(auth_may(&a_sup, AUTH_VIEW_HALL, &e2) == OKNO_OK &&
	    auth_may(&a_aud, AUTH_VIEW_HALL, &e2) == OKNO_OK &&
	    auth_may(&a_mgr, AUTH_VIEW_HALL, &e2) == OKNO_EPERM,
	    "the hall view is for supervisors and auditors");
	c.now = fx_at("2026-12-30T11:00:00+03:00");
	c.who = &a_kiosk;
	is_int(queue_issue(&c, "pay", 0, &t, NULL, &e), OKNO_OK,
	    "the kiosk issues an ordinary ticket");
	is_int(queue_issue(&c, "pay", 1, &t, NULL, &e), OKNO_EPERM,
	    "but not a priority one");
	is_int(queue_call(&c, 1, &t, &e), OKNO_EPERM,
	    "and calls nothing");
	c.who = &a_mgr;
	is_int(queue_issue(&c, "pay", 1, &t, NULL, &e), OKNO_OK,
	    "a manager issues a priority ticket");
	c.who = &a_aud;
	is_int(queue_issue(&c, "pay", 0, &t, NULL, &e), OKNO_EPERM,
	    "an auditor issues nothing");
}

/* Scores given one at a time to anna's finished visit, in order: the
 * later rows see what the earlier ones stored. */
static const struct {
	const struct actor *who;
	const char	*crit;
	int		 score;
	int		 want;
	const char	*what;
} rates[] = {
	{ &a_mgr, "speed", 5, OKNO_OK,
	    "the manager rates the finished visit" },
	{ &a_mgr, "speed", 4, OKNO_OK, "and may correct it" },
	{ &a_mgr, "politeness", 6, OKNO_EINVAL, "a score of 6 is refused" },
	{ &a_mgr, "politeness", 0, OKNO_EINVAL, "so is 0" },
	{ &a_mgr, "beauty", 3, OKNO_EINVAL,
	    "an unknown criterion is refused" },
	{ &a_mgr2, "politeness", 3, OKNO_EPERM,
	    "another manager may not rate anna's visit" },
	{ &a_aud, "politeness", 3, OKNO_EPERM, "nor may an auditor" },
	{ &a_sup, "politeness", 3, OKNO_OK, "a supervisor may" },
};

static void
test_ratings(void)
{
	struct ticket t;
	size_t i;
	int scores[2];

	c.now = fx_at("2026-12-30T12:00:00+03:00");
	c.who = &a_mgr;
	if (queue_call(&c, 1, &t, &e) != OKNO_OK)
		bail("call: %s", e.msg);
	is_int(rating_set(&c, t.id, "speed", 5, &e), OKNO_ESTATE,
	    "a visit in progress cannot be rated");
	c.now += 300;
	if (queue_finish(&c, 1, &t, &e) != OKNO_OK)
		bail("finish: %s", e.msg);
	for (i = 0; i < nitems(rates); i++) {
		c.who = rates[i].who;
		is_int(rating_set(&c, t.id, rates[i].crit, rates[i].score,
		    &e), rates[i].want, "%s", rates[i].what);
	}
	is_int(rating_get(&c, t.id, scores, &e), OKNO_OK, "ratings read");
	ok(scores[0] == 4 && scores[1] == 3, "speed 4, politeness 3 (%d %d)",
	    scores[0], scores[1]);

	/* A whole visit at once (the keypad's survey). */
	c.who = &a_mgr2;
	is_int(rating_may(&c, t.id, &e), OKNO_EPERM,
	    "may: not another manager's visit");
	c.who = &a_aud;
	is_int(rating_may(&c, t.id, &e), OKNO_EPERM, "may: not an auditor");
	c.who = &a_mgr;
	is_int(rating_may(&c, t.id, &e), OKNO_OK, "may: the visit's manager");
	is_int(rating_may(&c, 999, &e), OKNO_ENOENT, "may: no such ticket");
	scores[0] = 0; scores[1] = 0;
	is_int(rating_set_visit(&c, t.id, scores, &e), OKNO_NONE,
	    "a survey with no score stores nothing");
	scores[0] = 2; scores[1] = 6;
	is_int(rating_set_visit(&c, t.id, scores, &e), OKNO_EINVAL,
	    "a score of 6 refuses the whole survey");
	is_int(rating_get(&c, t.id, scores, &e), OKNO_OK, "ratings read");
	ok(scores[0] == 4 && scores[1] == 3, "nothing of it was stored");
	scores[0] = 0; scores[1] = 5;
	is_int(rating_set_visit(&c, t.id, scores, &e), OKNO_OK,
	    "a survey with politeness only");
	is_int(rating_get(&c, t.id, scores, &e), OKNO_OK, "ratings read");
	ok(scores[0] == 4 && scores[1] == 5, "speed kept, politeness 5 "
	    "(%d %d)", scores[0], scores[1]);
}

int
main(void)
{
	fx_tz("Europe/Moscow");
	plan(104);
	fx_db_open(&c, &cfg, "a.db", &actor_system);
	c.now = fx_at("2026-12-30T09:00:00+03:00");
	test_hash();
	test_passwords();
	test_users();
	test_delay();
	test_roles();
	test_ratings();
	fx_db_intact(&c);
	fx_db_close(&c);
	return 0;
}
