/* announce.c: calls said in the hall (office.h): the voice library, the
 * spool's one player, and the announcements a person asks for.
 *
 * Why a spool in the database and a player under a lock: a call must
 * never wait for the sound (a phrase is three seconds; the manager's
 * next key must not be), and the hall has one pair of speakers for every
 * terminal, so announcements from all the okno processes must play one
 * after another, whole, in the order of the calls.  The database already
 * orders the calls (ticket_events) and every process already writes to
 * it, so the spool is a table (announcements, src/announce.c): whoever
 * changes the queue queues the calls it finds unsaid, then starts a
 * player unless one runs.  "Runs" is an flock on a file beside the
 * database: the player (okno sound-player, started afresh by a detached
 * grandchild of the process that queued) holds the lock while it plays,
 * so no two players exist and no daemon has to be kept alive.  A player
 * that finds the spool empty lets go of the lock and looks once more: a
 * call queued while it was finishing, whose own process found the lock
 * taken, is then still said (the queuing committed before that process
 * tried the lock, so before the player let go of it).  Why not a spool
 * folder: the database already has the order, the transactions and the
 * record of what was said (state, device events), and a demo or a test
 * on a throw-away database gets its own spool for free.
 */
#include <sys/file.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "announce.h"
#include "devlog.h"
#include "office.h"
#include "sound.h"
#include "voice.h"

/* Fragment files are small: a second of 16 kHz speech is 32 KB. */
#define FRAGMENT_MAX	(4 * 1024 * 1024)

static void
sound_health(struct ctx *c, const char *event, const char *detail)
{
	struct err e2;

	err_clear(&e2);
	(void)devlog_note(c, "sound", event, 0, detail, &e2);
}

/* Reads path whole into b; OKNO_EIO naming it. */
static int
read_fragment(const char *path, struct hwbuf *b, struct err *e)
{
	unsigned char chunk[8192];
	size_t n;
	FILE *fp;

	if ((fp = fopen(path, "rb")) == NULL)
		return err_set(e, OKNO_EIO, "%s: %s", path, strerror(errno));
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0 &&
	    b->len <= FRAGMENT_MAX)
		hwbuf_add(b, chunk, n);
	if (ferror(fp) || b->len > FRAGMENT_MAX) {
		fclose(fp);
		return err_set(e, OKNO_EIO, _("%s: unreadable or over %d "
		    "bytes"), path, FRAGMENT_MAX);
	}
	fclose(fp);
	return OKNO_OK;
}

int
office_voice_phrase(const struct config_sound *snd, const char **names,
    size_t n, struct sound_pcm *out, struct err *e)
{
	struct sound_pcm frag;
	struct hwbuf b;
	char *path;
	int rc = OKNO_OK;

	memset(out, 0, sizeof *out);
	hwbuf_init(&b);
	for (size_t i = 0; i < n && rc == OKNO_OK; i++) {
		path = xasprintf("%s/%s.wav", snd->voice, names[i]);
		hwbuf_reset(&b);
		if ((rc = read_fragment(path, &b, e)) == OKNO_OK) {
			if (sound_wav_parse(b.p, b.len, &frag, e) != OKNO_OK)
				rc = err_set(e, OKNO_EIO, "%s: %s", path,
				    e->msg);
			else {
				sound_pcm_append(out, &frag);
				sound_pcm_free(&frag);
			}
		}
		free(path);
	}
	hwbuf_free(&b);
	if (rc != OKNO_OK)
		sound_pcm_free(out);
	else
		sound_pcm_volume(out, snd->volume);
	return rc;
}

/* Loads and plays one phrase; the card's health becomes a device event. */
static int
say(struct ctx *c, const char **names, size_t n, struct err *e)
{
	const struct config_sound *snd = &c->cfg->sound;
	struct sound_pcm pcm;
	int rc;

	if (office_voice_phrase(snd, names, n, &pcm, e) != OKNO_OK) {
		sound_health(c, "voice_error", e->msg);
		return e->code;
	}
	rc = sound_play(snd, &pcm, e);
	sound_pcm_free(&pcm);
	sound_health(c, rc == OKNO_OK ? "ok" : "error",
	    rc == OKNO_OK ? NULL : e->msg);
	return rc;
}

static int	say_now(struct ctx *, const char **, size_t, struct err *);

/* Says the call of ticket number to window: by the player itself (say),
 * or, when now is set, at once in turn with the player (say_now). */
static int
say_call(struct ctx *c, const char *number, int window, int now,
    struct err *e)
{
	const char *names[VOICE_MAX_FRAGS];
	size_t n;

	if (voice_call_phrase(number, window, names, &n) != 0)
		return err_set(e, OKNO_EINVAL, _("cannot say ticket %s at "
		    "window %d"), number, window);
	return now ? say_now(c, names, n, e) : say(c, names, n, e);
}

/* The lock that makes one player: a file beside the database in use. */
static int
lock_open(struct ctx *c, struct err *e)
{
	char *path = xasprintf("%s.sound-lock", db_path(c->db));
	int fd;

	/* O_CLOEXEC: a program okno starts (okno-sim) must not keep it. */
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0660);
	if (fd < 0)
		err_set(e, OKNO_EIO, "%s: %s", path, strerror(errno));
	free(path);
	return fd;
}

static double
mono_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * The player: plays what waits, in order, while it holds the lock
 * (lockfd, shared with the process that took it); see the top of the
 * file for why it looks again after letting go.  c->now is the clock at
 * its start; it moves on with the monotonic clock.
 */
static void
player(struct ctx *c, int lockfd)
{
	struct announcement a;
	struct err e;
	time_t start = c->now;
	double t0 = mono_now();
	int n;

	for (;;) {
		for (;;) {
			c->now = start + (time_t)(mono_now() - t0);
			err_clear(&e);
			if (announce_next(c, c->now, &a, &e) != OKNO_OK)
				break;
			err_clear(&e);
			if (say_call(c, a.number, a.window, 0, &e) == OKNO_OK)
				(void)announce_done(c, a.id, "played", NULL,
				    &e);
			else {
				char *d = xstrdup(e.msg);

				err_clear(&e);
				(void)announce_done(c, a.id, "failed", d, &e);
				free(d);
			}
		}
		err_clear(&e);
		(void)announce_prune(c, c->now, &e);
		flock(lockfd, LOCK_UN);
		if (announce_waiting(c, &n, &e) != OKNO_OK || n == 0 ||
		    flock(lockfd, LOCK_EX | LOCK_NB) != 0)
			break;
	}
}

int
office_sound_player(int argc, char **argv)
{
	static struct config cfg;
	struct ctx c;
	struct db *db;
	struct err e;
	long fd, vol, now;
	char *end;

	if (argc != 7)
		return 64;
	fd = strtol(argv[1], &end, 10);
	if (*end != '\0' || fd < 0)
		return 64;
	vol = strtol(argv[5], &end, 10);
	if (*end != '\0' || vol < 0 || vol > 100)
		return 64;
	now = strtol(argv[6], &end, 10);
	if (*end != '\0')
		return 64;
	signal(SIGPIPE, SIG_IGN);
	signal(SIGINT, SIG_IGN);
	signal(SIGHUP, SIG_IGN);
	memset(&cfg, 0, sizeof cfg);
	cfg.sound.driver = (char *)"alsa";
	cfg.sound.device = argv[3];
	cfg.sound.voice = argv[4];
	cfg.sound.volume = (int)vol;
	cfg.sound.quiet_start = cfg.sound.quiet_end = -1;
	err_clear(&e);
	if (db_open(argv[2], 0, &db, &e) != OKNO_OK)
		return 74;
	memset(&c, 0, sizeof c);
	c.db = db;
	c.cfg = &cfg;
	c.now = (time_t)now;
	c.who = NULL;
	player(&c, (int)fd);
	db_close(db);
	return 0;
}

/*
 * Starts the player, which inherits the lock lockfd holds: the caller
 * only closes lockfd (unlocking it would unlock the player).  The player
 * is this program again (okno sound-player), executed afresh by a
 * detached grandchild: SQLite must not be used across a fork (a forked
 * copy of this process's connections and their locks is not a
 * connection), and a new process owes nothing to a terminal.
 */
static int
player_start(struct ctx *c, int lockfd, struct err *e)
{
	const struct config_sound *snd = &c->cfg->sound;
	char fd[16], vol[16], now[32];
	pid_t pid;
	int st, nul;

	snprintf(fd, sizeof fd, "%d", lockfd);
	snprintf(vol, sizeof vol, "%d", snd->volume);
	snprintf(now, sizeof now, "%lld", (long long)c->now);
	/* Output buffered now would be written twice, by the children. */
	fflush(NULL);
	if ((pid = fork()) < 0)
		return err_set(e, OKNO_EIO, "fork: %s", strerror(errno));
	if (pid == 0) {
		/* A session of its own: the terminal's hang-up or ^C is
		 * not the player's; the grandchild is nobody's zombie. */
		setsid();
		if (fork() != 0)
			_exit(0);
		/* Nothing of the terminal: a caller reading our parent's
		 * output to its end must not wait for the player. */
		if ((nul = open("/dev/null", O_RDWR)) >= 0) {
			dup2(nul, 0);
			dup2(nul, 1);
			dup2(nul, 2);
			if (nul > 2)
				close(nul);
		}
		/* The lock goes with the player; every other descriptor
		 * okno opens is close-on-exec or ends with the exec. */
		fcntl(lockfd, F_SETFD, 0);
		execl("/proc/self/exe", "okno", OFFICE_PLAYER_COMMAND, fd,
		    db_path(c->db), snd->device, snd->voice, vol, now,
		    (char *)NULL);
		_exit(127);
	}
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	return OKNO_OK;
}

/*
 * Starts a player when none runs and something waits.  The lock then
 * belongs to the player: the caller closes lockfd and never unlocks it
 * (an flock is the open file's, which the player shares).
 */
static void
player_kick(struct ctx *c, int lockfd)
{
	struct err e;
	int n;

	err_clear(&e);
	if (announce_waiting(c, &n, &e) == OKNO_OK && n > 0 &&
	    flock(lockfd, LOCK_EX | LOCK_NB) == 0)
		(void)player_start(c, lockfd, &e);
}

static int
local_minutes(time_t t)
{
	struct tm tm;

	if (localtime_r(&t, &tm) == NULL)
		return 0;
	return tm.tm_hour * 60 + tm.tm_min;
}

int
office_announce_calls(struct ctx *c, struct err *e)
{
	const struct config_sound *snd = &c->cfg->sound;
	int added, fd, rc = OKNO_OK;

	if (snd->driver == NULL)
		return OKNO_OK;
	if (announce_queue_calls(c, config_sound_quiet(snd,
	    local_minutes(c->now)), &added, e) != OKNO_OK || added == 0)
		return e->code;
	if ((fd = lock_open(c, e)) < 0)
		return e->code;
	/* Taken: a player runs and will come to them. */
	if (flock(fd, LOCK_EX | LOCK_NB) == 0) {
		/* The card is checked here, in the caller, so that a missing
		 * or busy one is the caller's warning at once; while our own
		 * player plays, it is busy with us and not checked. */
		if (sound_probe(snd, e) != OKNO_OK) {
			struct err e2;

			sound_health(c, "error", e->msg);
			err_clear(&e2);
			(void)announce_fail_waiting(c, e->msg, &e2);
			rc = e->code;
		} else
			rc = player_start(c, fd, e);
	}
	close(fd);
	return rc;
}

/* Says names now, in turn with the player (okno announce, the test). */
static int
say_now(struct ctx *c, const char **names, size_t n, struct err *e)
{
	int fd, rc;

	if (c->cfg->sound.driver == NULL)
		return err_set(e, OKNO_EIO, _("no sound is configured "
		    "(devices.sound)"));
	if ((fd = lock_open(c, e)) < 0)
		return e->code;
	while (flock(fd, LOCK_EX) != 0 && errno == EINTR)
		;
	rc = say(c, names, n, e);
	flock(fd, LOCK_UN);
	/* Calls queued while we held the lock found it taken. */
	player_kick(c, fd);
	close(fd);
	return rc;
}

int
office_announce(struct ctx *c, const char *number, int window,
    struct err *e)
{
	return say_call(c, number, window, 1, e);
}

int
office_sound_test(struct ctx *c, struct err *e)
{
	const char *names[VOICE_MAX_FRAGS];
	size_t n;

	voice_test_phrase(names, &n);
	return say_now(c, names, n, e);
}
