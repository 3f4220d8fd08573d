/* lockout.c: guessing passwords as an attacker at the hall's ticket
 * terminal would, and what it must not cost staff elsewhere: failures
 * are counted per terminal and name (wrong passwords from many processes
 * at once: none is lost, none slips past the wait), the next try waits
 * 5 s doubling up to 60 s, the right password during a wait gets the very
 * answer a wrong one gets, other terminals and a session's own idle lock
 * are never refused, the lock screen ends its session after a few wrong
 * passwords, name variants log nobody in, and an unknown name is answered
 * like a known one. */
#include <sys/wait.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "auth.h"
#include "fixture.h"
#include "tap.h"

#define KIOSK	"/dev/ttyUSB1"	/* the ticket terminal in the hall */
#define WIN1	"/dev/ttyS0"	/* window consoles */
#define WIN2	"/dev/ttyS1"

static struct ctx c;
static struct err e;

static int
login(const char *term, const char *l, const char *pw, long *wait)
{
	struct user u;

	err_clear(&e);
	return auth_login(&c, term, l, pw, &u, wait, &e);
}

static int
unlock(const char *term, const char *l, const char *pw, int *left)
{
	struct user u;

	err_clear(&e);
	return auth_unlock(&c, term, l, pw, &u, left, &e);
}

/* n processes, each with its own connection, try one wrong password at
 * terminal at the same moment; returns how many were refused. */
static int
storm(const char *term, const char *l, int n)
{
	int refused = 0, st;

	fflush(stdout);
	for (int i = 0; i < n; i++) {
		pid_t pid = fork();

		if (pid == -1)
			sysbail("fork");
		if (pid == 0) {
			struct ctx cc = c;
			struct user u;
			struct err ee;

			if (db_open(db_path(c.db), 0, &cc.db, &ee) != OKNO_OK)
				_exit(2);
			st = auth_login(&cc, term, l, "wrong", &u, NULL, &ee);
			db_close(cc.db);
			_exit(st == OKNO_EPERM ? 0 : 1);
		}
	}
	while (wait(&st) > 0)
		if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
			refused++;
	return refused;
}

/* One number from the database: SQL fixed here, values bound. */
static long long
count(const char *sql, const char *term, const char *l)
{
	struct stmt *st = fx_prepare(c.db, sql);
	long long n = -1;

	db_bind_text(st, ":t", term);
	db_bind_text(st, ":l", l);
	if (db_step(st, &e) == DB_ROW)
		n = db_col_int(st, 0);
	db_finalize(st);
	return n;
}

/* Appends " %ld" to a string of at most size bytes. */
static void
add(char *s, size_t size, long v)
{
	size_t n = strlen(s);

	snprintf(s + n, size - n, "%s%ld", n ? " " : "", v);
}

static void
test_delays(void)
{
	char got[256] = "";
	int n[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 40, 1000000 };

	for (size_t i = 0; i < nitems(n); i++)
		add(got, sizeof got, auth_delay(n[i]));
	is_string(got, "0 0 0 5 10 20 40 60 60 60 60",
	    "waits after 0-8, 40 and a million failures");
}

int
main(void)
{
	char msg_right[512], msg_wrong[512], got[256];
	long wait = -1;
	int left = -1;

	plan(27);
	fx_office_open(&c, NULL, "lockout.db", &actor_system);
	c.now = fx_at("2026-12-30T09:00:00+03:00");
	if (auth_user_add(&c, "boris", ROLE_MANAGER, "pw-boris-1", &e) != 0 ||
	    auth_user_add(&c, "vera", ROLE_MANAGER, "pw-vera-1", &e) != 0 ||
	    auth_user_add(&c, "sveta", ROLE_SUPERVISOR, "pw-sveta-1", &e) != 0)
		bail("%s", e.msg);
	test_delays();

	/* Four at once at the kiosk: three count, and the third's wait
	 * refuses the fourth unchecked, whichever order they commit in. */
	is_int(storm(KIOSK, "boris", 4), 4, "four processes at once: four "
	    "refused");
	is_int(count("SELECT failures FROM login_attempts WHERE terminal = :t"
	    " AND login = :l", KIOSK, "boris"), AUTH_FREE_FAILURES,
	    "%d failures counted: none lost, none past the wait",
	    AUTH_FREE_FAILURES);
	is_int(login(KIOSK, "boris", "wrong", &wait), OKNO_EPERM,
	    "a fifth is refused");
	is_int(wait, AUTH_DELAY_FIRST, "the kiosk waits %d s for boris",
	    AUTH_DELAY_FIRST);

	c.now += 1;
	login(KIOSK, "boris", "pw-boris-1", &wait);
	strlcpy_(msg_right, e.msg, sizeof msg_right);
	is_int(login(KIOSK, "boris", "wrong", &wait), OKNO_EPERM,
	    "during the wait a wrong password is refused");
	is_string(msg_right, e.msg, "and the right one gets the same answer: "
	    "%s", e.msg);
	is_int(wait, AUTH_DELAY_FIRST - 1, "tries during the wait do not "
	    "move its end");

	/* Each failure after a wait doubles the next, up to a minute. */
	got[0] = '\0';
	for (int i = 0; i < 6; i++) {
		c.now += wait;
		login(KIOSK, "boris", "wrong", &wait);
		add(got, sizeof got, wait);
	}
	is_string(got, "10 20 40 60 60 60", "the wait grows and stops at "
	    "%d s", AUTH_DELAY_MAX);

	/* The guessing at the kiosk costs boris nothing elsewhere. */
	is_int(login(WIN1, "boris", "pw-boris-1", &wait), OKNO_OK,
	    "boris logs in at his window at once");
	is_int(wait, 0, "with no wait");
	is_int(login(KIOSK, "boris", "pw-boris-1", &wait), OKNO_EPERM,
	    "his success there does not end the kiosk's wait");
	c.now += wait - 1;
	is_int(login(KIOSK, "boris", "pw-boris-1", NULL), OKNO_EPERM,
	    "a second before its end the kiosk still waits");
	c.now += 1;
	is_int(login(KIOSK, "boris", "pw-boris-1", &wait), OKNO_OK,
	    "at its end the right password works there");
	login(KIOSK, "boris", "wrong", &wait);
	is_int(wait, 0, "and the success reset the kiosk's count");

	/* Forty guesses at sveta from the kiosk; her session at window 2
	 * is idle-locked meanwhile. */
	for (int i = 0; i < 40; i++) {
		login(KIOSK, "sveta", "guess", &wait);
		c.now += wait;
	}
	login(KIOSK, "sveta", "guess", &wait);
	is_int(wait, AUTH_DELAY_MAX, "the kiosk waits a minute per guess");
	is_int(unlock(WIN2, "sveta", "pw-sveta-1", &left), OKNO_OK,
	    "sveta's locked session elsewhere opens with her password");
	is_int(login(WIN1, "sveta", "pw-sveta-1", &wait), OKNO_OK,
	    "and she logs in at another console at once");
	is_int(unlock(KIOSK, "sveta", "pw-sveta-1", &left), OKNO_OK,
	    "a session's own lock takes her password even at the kiosk");

	/* Guessing at a lock screen is not free either. */
	got[0] = '\0';
	for (int i = 0; i < AUTH_UNLOCK_TRIES; i++) {
		unlock(WIN2, "sveta", "guess", &left);
		add(got, sizeof got, left);
	}
	is_string(got, "4 3 2 1 0", "wrong passwords at a lock screen leave "
	    "4, 3, 2, 1, then 0 tries (the session ends)");
	login(WIN2, "sveta", "pw-sveta-1", &wait);
	is_int(wait, auth_delay(AUTH_UNLOCK_TRIES), "and the login screen "
	    "there then waits as after %d failures", AUTH_UNLOCK_TRIES);

	/* Variants of the name are other names, and none of them logs in. */
	is_int(login(WIN1, "Boris", "pw-boris-1", NULL), OKNO_EPERM,
	    "\"Boris\" is not boris");
	is_int(login(WIN1, "boris ", "pw-boris-1", NULL), OKNO_EPERM,
	    "nor \"boris \"");
	is_int(login(WIN1, "boris\n", "pw-boris-1", NULL), OKNO_EPERM,
	    "nor \"boris\\n\"");

	/* An unknown name answers like a known one, waits included. */
	left = 0;
	for (int i = 0; i < AUTH_FREE_FAILURES + 2; i++) {
		login(WIN1, "vera", "wrong", NULL);
		strlcpy_(msg_wrong, e.msg, sizeof msg_wrong);
		login(WIN1, "nobody-here", "wrong", NULL);
		if (strcmp(msg_wrong, e.msg) != 0) {
			diag("vera: %s; nobody-here: %s", msg_wrong, e.msg);
			left++;
		}
	}
	is_int(left, 0, "an unknown name gets a known one's answers");

	/* A clock put back (OKNO_NOW, a PC that lost its time) ends a wait
	 * rather than making it hours long. */
	c.now -= 3600;
	is_int(login(WIN1, "vera", "pw-vera-1", &wait), OKNO_OK,
	    "a clock an hour back: vera logs in");
	is_int(count("SELECT count(*) FROM login_events WHERE terminal = :t"
	    " AND login = :l AND event = 'failed'", KIOSK, "sveta"), 41,
	    "the log names the terminal of each checked attempt");
	fx_office_close(&c);
	return 0;
}
