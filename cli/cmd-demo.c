/* cmd-demo.c: okno demo: the UI on a throw-away office in a temporary
 * folder (embedded configuration and calendars, generated history),
 * removed when the UI ends. */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "demo.h"
#include "embed.h"
#include "office.h"

#define DEMO_PASSWORD	"demo-okno"
#define DEMO_DAYS	7	/* working days of history */

/*
 * The demo's own configuration from the sample's text: its database and
 * its devices' ports (the simulators' links) in dir, so that a terminal
 * opened with -c on it works on the demo's office and devices, never on
 * /var/lib/okno or a real serial port.  Line by line over the sample's
 * layout: a "database =" line, and the "printer =" and "board =" lines
 * of the devices group carry their ports.  The "sound =" line goes
 * unless voice is set (okno demo --sound): a demo is quiet by default;
 * with it, the line names voice, the library found beside this okno.
 */
static char *
demo_conf(const char *text, size_t size, const char *dir, const char *voice)
{
	char *out = xstrdup(""), *line, *t;
	const char *p = text, *end = text + size, *nl, *q;

	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		line = xasprintf("%.*s", (int)((nl ? nl : end) - p), p);
		q = line + strspn(line, " ");
		if (strncmp(q, "sound ", 6) == 0 && strchr(q, '{') != NULL) {
			t = voice == NULL ? xstrdup("  # sound: okno demo "
			    "--sound") : xasprintf("%.*s voice = \"%s\";%s",
			    (int)(strchr(line, '{') - line + 1), line, voice,
			    strchr(line, '{') + 1);
			free(line);
			line = t;
		} else if (strncmp(q, "database =", 10) == 0) {
			free(line);
			line = xasprintf("database = \"%s/okno.db\";", dir);
		} else if ((strncmp(q, "printer ", 8) == 0 ||
		    strncmp(q, "board ", 6) == 0) &&
		    (t = strstr(line, "port = \"")) != NULL &&
		    strchr(t + 8, '"') != NULL) {
			char *rest = strchr(t + 8, '"') + 1, *l2;

			*t = '\0';
			l2 = xasprintf("%sport = \"%s/%s\"%s", line, dir,
			    *q == 'p' ? "printer" : "board", rest);
			free(line);
			line = l2;
		}
		t = xasprintf("%s%s\n", out, line);
		free(out);
		free(line);
		out = t;
		p = nl ? nl + 1 : end;
	}
	return out;
}

/* Writes path (relative to dir) with its folders. */
static int
demo_write(const char *dir, const struct embed_file *f, const char *voice)
{
	char *path = xasprintf("%s/%s", dir, f->path), *p, *conf = NULL;
	const char *data = (const char *)f->data;
	size_t size = f->size;
	FILE *fp;
	int rc = 0;

	if (strcmp(f->path, "conf/okno.conf") == 0) {
		conf = demo_conf((const char *)f->data, f->size, dir, voice);
		data = conf;
		size = strlen(conf);
	}

	for (p = path + strlen(dir) + 1; (p = strchr(p, '/')) != NULL; p++) {
		*p = '\0';
		if (mkdir(path, 0700) != 0 && errno != EEXIST)
			rc = -1;
		*p = '/';
	}
	if (rc == 0 && (fp = fopen(path, "w")) != NULL) {
		if (fwrite(data, 1, size, fp) != size)
			rc = -1;
		if (fclose(fp) != 0)
			rc = -1;
	} else
		rc = -1;
	if (rc != 0)
		cmd_error(OKNO_EIO, _("cannot write %s: %s"), path,
		    strerror(errno));
	free(conf);
	free(path);
	return rc;
}

/* A simulated device: okno-sim on a pty linked at link, its readable
 * output in out. */
struct sim {
	pid_t	 pid;
	char	*link;
	char	*out;
};

/* This program's own path, for the commands the demo suggests (from a
 * build tree `okno` is not on PATH); "okno" when the kernel won't say. */
static char *
self_program(void)
{
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);

	if (n <= 0)
		return xstrdup("okno");
	self[n] = '\0';
	return xstrdup(self);
}

/* okno-sim next to this okno (the build tree, an install), else $PATH. */
static char *
sim_program(void)
{
	char *self = self_program(), *slash, *p;

	if ((slash = strrchr(self, '/')) != NULL) {
		*slash = '\0';
		p = xasprintf("%s/okno-sim", self);
		free(self);
		if (access(p, X_OK) == 0)
			return p;
		free(p);
	} else
		free(self);
	return xstrdup("okno-sim");
}

/* The voice library: the installed one, else the build tree's beside this
 * okno (make demo). */
static char *
demo_voice(void)
{
	char *self = self_program(), *slash, *p;

	if (access(VOICEDIR "/chime.wav", R_OK) == 0 ||
	    (slash = strrchr(self, '/')) == NULL) {
		free(self);
		return xstrdup(VOICEDIR);
	}
	*slash = '\0';
	p = xasprintf("%s/voice/ru", self);
	free(self);
	return p;
}

/*
 * Starts okno-sim for dev (kind "printer" or "board") and points dev's
 * port at its pty.  On failure the device is dropped from the demo's
 * configuration: the demo then runs without it.
 */
static void
sim_start(const char *dir, const char *kind, struct config_device *dev,
    struct sim *s)
{
	char *prog = sim_program(), cols[16], lines[16];
	const char *argv[16];
	struct stat sb;
	int argc = 0, fd;

	memset(s, 0, sizeof *s);
	s->link = xasprintf("%s/%s", dir, kind);
	s->out = xasprintf("%s/%s.txt", dir, kind);
	argv[argc++] = prog;
	argv[argc++] = kind;
	if (strcmp(kind, "board") == 0) {
		argv[argc++] = "--driver";
		argv[argc++] = dev->driver;
	}
	argv[argc++] = "--link";
	argv[argc++] = s->link;
	argv[argc++] = "--out";
	argv[argc++] = s->out;
	if (dev->charset != NULL) {
		argv[argc++] = "--charset";
		argv[argc++] = dev->charset;
	}
	if (dev->columns > 0 && dev->lines > 0) {
		snprintf(cols, sizeof cols, "%d", dev->columns);
		snprintf(lines, sizeof lines, "%d", dev->lines);
		argv[argc++] = "--columns";
		argv[argc++] = cols;
		argv[argc++] = "--lines";
		argv[argc++] = lines;
	}
	argv[argc] = NULL;
	fflush(NULL);
	if ((s->pid = fork()) == 0) {
		/* A demo killed outright (a closed pipe, kill -9) must not
		 * leave its simulators behind: they go with it.  Linux's
		 * way; the demo's normal exit stops them itself. */
		(void)prctl(PR_SET_PDEATHSIG, SIGTERM);
		/* The simulator's own messages go to its output file, not
		 * over the UI. */
		if ((fd = open("/dev/null", O_RDWR)) != -1) {
			dup2(fd, STDIN_FILENO);
			dup2(fd, STDOUT_FILENO);
		}
		if ((fd = open(s->out, O_WRONLY | O_APPEND | O_CREAT, 0600)) !=
		    -1)
			dup2(fd, STDERR_FILENO);
		execvp(prog, (char *const *)argv);
		_exit(127);
	}
	free(prog);
	/* Its pty link appears within moments; wait up to 3 s. */
	for (int i = 0; s->pid > 0 && i < 150; i++) {
		struct timespec ts = { 0, 20 * 1000000L };

		if (lstat(s->link, &sb) == 0)
			break;
		if (waitpid(s->pid, NULL, WNOHANG) == s->pid) {
			s->pid = 0;
			break;
		}
		nanosleep(&ts, NULL);
	}
	if (s->pid > 0 && lstat(s->link, &sb) == 0) {
		free(dev->port);
		dev->port = xstrdup(s->link);
		return;
	}
	cmd_warn(_("cannot start the simulated %s (okno-sim); the demo runs "
	    "without it"), kind);
	if (s->pid > 0) {
		kill(s->pid, SIGTERM);
		waitpid(s->pid, NULL, 0);
	}
	s->pid = 0;
	free(dev->driver);
	dev->driver = NULL;
}

static void
sim_stop(struct sim *s)
{
	if (s->pid > 0) {
		kill(s->pid, SIGTERM);
		waitpid(s->pid, NULL, 0);
	}
	free(s->link);
	free(s->out);
	memset(s, 0, sizeof *s);
}

static int
rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

int
cmd_demo(struct cmd_env *env, int argc, char **argv)
{
	char dir[] = "/tmp/okno-demo.XXXXXX", *conf = NULL, *db = NULL;
	char banner[256];
	const char *tmp = getenv("TMPDIR"), *now;
	FILE *fp;
	char *tdir = NULL, *self = NULL, *voice = NULL;
	struct sim printer, board;
	struct err e;
	int rc = EXIT_SOFTWARE;

	if (argc == 2 && strcmp(argv[1], "--sound") == 0)
		voice = demo_voice();
	else if (argc != 1)
		return cmd_usage("demo");
	memset(&printer, 0, sizeof printer);
	memset(&board, 0, sizeof board);
	if (tmp != NULL && *tmp != '\0') {
		tdir = xasprintf("%s/okno-demo.XXXXXX", tmp);
		if (mkdtemp(tdir) == NULL) {
			free(tdir);
			tdir = NULL;
		}
	}
	if (tdir == NULL) {
		if (mkdtemp(dir) == NULL)
			return cmd_error(OKNO_EIO, _("cannot make a temporary "
			    "folder: %s"), strerror(errno));
		tdir = xstrdup(dir);
	}
	err_clear(&e);
	for (const struct embed_file *f = embed_files; f->path != NULL; f++)
		if (demo_write(tdir, f, voice) != 0)
			goto out;
	conf = xasprintf("%s/conf/okno.conf", tdir);
	db = xasprintf("%s/okno.db", tdir);
	if (config_load(conf, &env->cfg, &e) != OKNO_OK) {
		rc = cmd_err(&e);
		goto out;
	}
	/*
	 * Outside office hours the demo's office lives at 11:00 of its
	 * latest working day: the offset goes into its configuration, so
	 * that every terminal started on it shares the clock.  OKNO_NOW
	 * (tests) fixes the clock instead.
	 */
	if ((now = getenv("OKNO_NOW")) == NULL || *now == '\0') {
		env->cfg->clock_offset = demo_clock_offset(env->cfg,
		    time(NULL));
		env->ctx.now = time(NULL) + env->cfg->clock_offset;
		if ((fp = fopen(conf, "a")) == NULL ||
		    fprintf(fp, "\n# okno demo: the office's clock, shifted "
		    "into office hours.\nclock_offset = %d;\n",
		    env->cfg->clock_offset) < 0 || fclose(fp) != 0) {
			rc = cmd_error(OKNO_EIO, "%s: %s", conf,
			    strerror(errno));
			goto out;
		}
	}
	if (db_open(db, 1, &env->db, &e) != OKNO_OK) {
		rc = cmd_err(&e);
		goto out;
	}
	env->ctx.db = env->db;
	env->ctx.cfg = env->cfg;
	/* A throw-away database need not survive a power cut: generate
	 * the history without waiting for the disk, then back to FULL. */
	fprintf(stderr, _("okno demo: generating %d days of history in %s "
	    "...\n"), DEMO_DAYS, tdir);
	if (db_exec(env->db, &e, "PRAGMA synchronous = OFF") != OKNO_OK ||
	    demo_users(&env->ctx, DEMO_PASSWORD, &e) != OKNO_OK ||
	    demo_history(&env->ctx, DEMO_DAYS, &e) != OKNO_OK ||
	    db_exec(env->db, &e, "PRAGMA synchronous = FULL") != OKNO_OK) {
		rc = cmd_err(&e);
		goto out;
	}
	/*
	 * The simulated printer and board (okno-sim) on ptys, with the
	 * configuration's devices pointed at them: the person trying the
	 * demo reads what they would show in printer.txt and board.txt.
	 */
	if (env->cfg->printer.driver != NULL)
		sim_start(tdir, "printer", &env->cfg->printer, &printer);
	if (env->cfg->board.driver != NULL) {
		sim_start(tdir, "board", &env->cfg->board, &board);
		if (office_changed(&env->ctx, &e) != OKNO_OK)
			cmd_warn("%s", e.msg);
		err_clear(&e);
	}
	if (printer.pid > 0 || board.pid > 0)
		printf(_("okno demo: the simulated printer and board write to "
		    "%s/printer.txt and %s/board.txt\n  (tail -f them in "
		    "another terminal)\n"), tdir, tdir);
	self = self_program();
	printf(_("okno demo: a throw-away office in %s\n"
	    "  log in as demo / %s (head of office: hall view, kiosk, any "
	    "window)\n"
	    "  or anna / %s (manager: pick window 1)\n"
	    "  more terminals on the same office:\n"
	    "    %s -c %s --kiosk\n"
	    "    %s -c %s --window 1\n"), tdir, DEMO_PASSWORD,
	    DEMO_PASSWORD, self, conf, self, conf);
	fflush(stdout);
	snprintf(banner, sizeof banner, _("demo: log in as demo / %s or anna "
	    "/ %s"), DEMO_PASSWORD, DEMO_PASSWORD);
	rc = cmd_ui(env, banner);
out:
	sim_stop(&printer);
	sim_stop(&board);
	db_close(env->db);
	env->db = NULL;
	config_free(env->cfg);
	env->cfg = NULL;
	free(self);
	free(conf);
	free(db);
	if (nftw(tdir, rm_one, 8, FTW_DEPTH | FTW_PHYS) != 0)
		cmd_warn(_("cannot remove %s: %s"), tdir, strerror(errno));
	free(tdir);
	free(voice);
	return rc;
}
