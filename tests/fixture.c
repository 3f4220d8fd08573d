/* fixture.c: the unit tests' shared setup (fixture.h): times, test-folder
 * files, a throw-away office, one-line SQL, okno-sim on a pty. */
#include <sys/wait.h>

#include <dirent.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "tap.h"

time_t
fx_at(const char *iso)
{
	time_t t;

	if (time_parse_iso(iso, &t) != 0)
		bail("bad time %s", iso);
	return t;
}

void
fx_tz(const char *zone)
{
	if (setenv("TZ", zone, 1) != 0)
		sysbail("setenv TZ");
	tzset();
}

char *
fx_path(const char *name)
{
	return xasprintf("%s/%s", test_tmpdir(), name);
}

char *
fx_src(const char *rel)
{
	const char *src = getenv("OKNO_SRC");

	return xasprintf("%s/%s", src != NULL && *src != '\0' ? src : ".",
	    rel);
}

char *
fx_put(const char *name, const char *text)
{
	char *path = fx_path(name);
	FILE *fp;

	if ((fp = fopen(path, "w")) == NULL || fputs(text, fp) == EOF ||
	    fclose(fp) != 0)
		sysbail("%s", path);
	return path;
}

struct config *
fx_config(const char *text)
{
	struct config *cfg;
	struct err e;
	char *path;

	path = text == NULL ? fx_src("conf/okno.conf") :
	    fx_put("okno.conf", text);
	err_clear(&e);
	if (config_load(path, &cfg, &e) != OKNO_OK)
		bail("%s", e.msg);
	free(path);
	return cfg;
}

struct catalogue *
fx_catalogue(const struct config *cfg)
{
	struct catalogue *cat;
	struct err e;

	err_clear(&e);
	if (catalogue_load(cfg, &cat, &e) != OKNO_OK)
		bail("%s", e.msg);
	return cat;
}

void
fx_db_open(struct ctx *c, const struct config *cfg, const char *dbname,
    const struct actor *who)
{
	struct err e;
	char *path = fx_path(dbname);

	err_clear(&e);
	if (db_open(path, 1, &c->db, &e) != OKNO_OK)
		bail("%s", e.msg);
	free(path);
	c->cfg = cfg;
	c->who = who;
}

void
fx_db_close(struct ctx *c)
{
	db_close(c->db);
	c->db = NULL;
}

void
fx_db_intact(struct ctx *c)
{
	struct err e;

	err_clear(&e);
	if (!ok(db_integrity(c->db, &e) == OKNO_OK, "integrity_check ok"))
		diag("%s", e.msg);
}

void
fx_office_open(struct ctx *c, const char *conf, const char *dbname,
    const struct actor *who)
{
	fx_db_open(c, fx_config(conf), dbname, who);
}

void
fx_office_close(struct ctx *c)
{
	fx_db_close(c);
	/* fx_office_open's own configuration, const only in the ctx. */
	config_free((struct config *)c->cfg);
	c->cfg = NULL;
}

int
fx_entries(const char *dir)
{
	struct dirent *de;
	DIR *d = opendir(dir);
	int n = 0;

	if (d == NULL)
		return -1;
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

void
fx_exec(struct db *db, const char *sql)
{
	struct err e;

	err_clear(&e);
	if (db_exec(db, &e, sql) != OKNO_OK)
		bail("%s: %s", sql, e.msg);
}

struct stmt *
fx_prepare(struct db *db, const char *sql)
{
	struct stmt *st;
	struct err e;

	err_clear(&e);
	if (db_prepare(db, &st, &e, sql) != OKNO_OK)
		bail("%s: %s", sql, e.msg);
	return st;
}

void
fx_run(struct stmt *st)
{
	struct err e;

	err_clear(&e);
	if (db_run(st, &e) != OKNO_OK)
		bail("%s", e.msg);
}

long long
fx_int(struct db *db, const char *sql, const char *p)
{
	struct stmt *st = fx_prepare(db, sql);
	struct err e;
	long long v = -1;
	int rc;

	err_clear(&e);
	if (p != NULL)
		db_bind_text(st, ":p", p);
	if ((rc = db_step(st, &e)) == DB_ROW)
		v = db_col_int(st, 0);
	db_finalize(st);
	if (rc == DB_ERROR)
		bail("%s: %s", sql, e.msg);
	return v;
}

void
fx_device(struct config_device *d, const char *driver, const char *port,
    int timeout_ms)
{
	memset(d, 0, sizeof *d);
	d->driver = (char *)driver;
	d->port = (char *)port;
	d->baud = 9600;
	d->bits = 8;
	d->parity = "none";
	d->stopbits = 1;
	d->flow = "none";
	d->codepage = -1;
	d->address = -1;
	d->timeout_ms = timeout_ms;
}

const char *
fx_sim_path(void)
{
	static char path[PATH_MAX + 16];
	const char *b = getenv("OKNO_BUILD");
	char self[PATH_MAX], *slash;
	ssize_t n;

	if (path[0] != '\0')
		return path;
	if (b != NULL)
		snprintf(path, sizeof path, "%s/okno-sim", b);
	else if ((n = readlink("/proc/self/exe", self, sizeof self - 1)) >
	    0) {
		/* build/tests/NAME.t -> build/okno-sim */
		self[n] = '\0';
		if ((slash = strrchr(self, '/')) != NULL)
			*slash = '\0';
		if ((slash = strrchr(self, '/')) != NULL)
			*slash = '\0';
		snprintf(path, sizeof path, "%s/okno-sim", self);
	}
	if (access(path, X_OK) == -1)
		bail("no simulator at %s", path);
	return path;
}

void
fx_sim_start(struct fx_sim *s, const char *name, int typing, ...)
{
	const char *argv[16], *a, *sim = fx_sim_path();
	char line[PATH_MAX + 2];
	struct pollfd pfd;
	va_list ap;
	size_t n = 0;
	int out[2], in[2], i = 0;

	snprintf(s->link, sizeof s->link, "%s/%s", test_tmpdir(), name);
	snprintf(s->out, sizeof s->out, "%s/%s.out", test_tmpdir(), name);
	argv[i++] = "okno-sim";
	va_start(ap, typing);
	while ((a = va_arg(ap, const char *)) != NULL && i < 10)
		argv[i++] = a;
	va_end(ap);
	argv[i++] = "--link";
	argv[i++] = s->link;
	argv[i++] = "--out";
	argv[i++] = s->out;
	argv[i] = NULL;
	if (pipe(out) == -1 || pipe(in) == -1)
		sysbail("pipe");
	if ((s->pid = fork()) == -1)
		sysbail("fork");
	if (s->pid == 0) {
		dup2(out[1], 1);
		dup2(in[0], 0);
		close(out[0]);
		close(out[1]);
		close(in[0]);
		close(in[1]);
		unsetenv("LD_PRELOAD");
		execv(sim, (char *const *)argv);
		_exit(127);
	}
	close(out[1]);
	close(in[0]);
	s->in = in[1];
	if (!typing) {
		close(s->in);
		s->in = -1;
	}
	/* It prints its port's name once the port is there: at once, or
	 * after seconds under ASan, an emulator (i386 under qemu-user) or a
	 * loaded machine; a pass never waits out the 30 s. */
	pfd.fd = out[0];
	pfd.events = POLLIN;
	while (n < sizeof line - 1 && poll(&pfd, 1, 30000) == 1) {
		if (read(out[0], line + n, 1) <= 0 || line[n] == '\n')
			break;
		n++;
	}
	line[n] = '\0';
	close(out[0]);
	if (strcmp(line, s->link) != 0)
		bail("okno-sim %s said \"%s\"", name, line);
}

int
fx_sim_stop(struct fx_sim *s)
{
	int st = 0;

	if (s->in != -1)
		close(s->in);
	s->in = -1;
	if (s->pid <= 0)
		return -1;
	kill(s->pid, SIGTERM);
	waitpid(s->pid, &st, 0);
	s->pid = 0;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

const char *
fx_rows(struct stmt *st, const char *sep)
{
	static char buf[1024];
	struct err e;

	err_clear(&e);
	buf[0] = '\0';
	while (db_step(st, &e) == DB_ROW) {
		if (buf[0] != '\0')
			strncat(buf, sep, sizeof buf - strlen(buf) - 1);
		strncat(buf, db_col_text(st, 0), sizeof buf - strlen(buf) - 1);
	}
	db_finalize(st);
	return buf;
}
