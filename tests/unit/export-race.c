/* export-race.c: TAP tests of the export batch against whoever else can
 * write in its folder (issue 11): a link swapped in for the work folder
 * is not followed, and a folder made at the batch's name between the
 * check and the rename is not replaced.
 *
 * The races are made certain, not waited for: this program defines
 * mkdirat, renameat and renameat2 itself, so export.c's calls come here
 * first; armed, each does the attacker's step and then the real call.
 */
#define _GNU_SOURCE	/* renameat2, RTLD_NEXT */

#include <sys/stat.h>

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "export.h"
#include "fixture.h"
#include "tap.h"

/* The fixture's minimal office, as branch MSK-014 (the batch's name). */
#define RACE_CONF \
	"branch = { code = \"MSK-014\"; name = \"Test\"; };\n" \
	FX_CONF_SERVICES FX_CONF_WINDOWS
static struct ctx c;
static struct err e;
static char out[512], attacker[512];

static enum { NONE, SWAP_WORK, PLANT_NAME } armed;
static int fired;

/*
 * The next definition of name.  ISO C has no conversion from dlsym()'s
 * object pointer to a function pointer, so the bits are copied.
 */
static void
next(const char *name, void *fp, size_t size)
{
	void *p = dlsym(RTLD_NEXT, name);

	if (p == NULL)
		bail("dlsym %s", name);
	memcpy(fp, &p, size);
}

/* The work folder, once made, is moved aside and a link to the
 * attacker's folder put at its name. */
int
mkdirat(int dirfd, const char *path, mode_t mode)
{
	static int (*real)(int, const char *, mode_t);
	int r;

	if (real == NULL)
		next("mkdirat", &real, sizeof real);
	r = real(dirfd, path, mode);
	if (r == 0 && armed == SWAP_WORK && strncmp(path, ".tmp-", 5) == 0) {
		armed = NONE;
		fired = 1;
		if (renameat(dirfd, path, dirfd, "moved-aside") != 0 ||
		    symlinkat(attacker, dirfd, path) != 0)
			sysbail("swap");
	}
	return r;
}

/* An empty folder appears at the batch's name just before the rename. */
static void
plant(int dirfd, const char *name)
{
	if (armed != PLANT_NAME || strncmp(name, "MSK-014-", 8) != 0)
		return;
	armed = NONE;
	fired = 1;
	if (mkdirat(dirfd, name, 0777) != 0)
		sysbail("plant");
}

int
renameat(int fd1, const char *from, int fd2, const char *to)
{
	static int (*real)(int, const char *, int, const char *);

	if (real == NULL)
		next("renameat", &real, sizeof real);
	plant(fd2, to);
	return real(fd1, from, fd2, to);
}

int
renameat2(int fd1, const char *from, int fd2, const char *to,
    unsigned int flags)
{
	static int (*real)(int, const char *, int, const char *, unsigned int);

	if (real == NULL)
		next("renameat2", &real, sizeof real);
	plant(fd2, to);
	return real(fd1, from, fd2, to, flags);
}

static int64_t
batches(void)
{
	return fx_int(c.db, "SELECT count(*) FROM export_batches", NULL);
}

static void
test_swapped_work_folder(void)
{
	struct export_result r;
	char path[1024];
	int rc;

	armed = SWAP_WORK;
	fired = 0;
	rc = export_batch(&c, out, &r, &e);
	ok(fired, "the work folder was swapped for a link");
	is_int(rc, OKNO_EIO, "the export fails");
	diag("%s", e.msg);
	is_int(fx_entries(attacker), 0, "nothing written through the link");
	is_int(batches(), 0, "no batch recorded");
	snprintf(path, sizeof path, "%s/moved-aside", out);
	rmdir(path);
	is_int(fx_entries(out), 0, "the link is removed (not what it points at)");
	if (rc == OKNO_OK)
		free(r.path);
}

static void
test_planted_name(void)
{
	struct export_result r;
	char path[1024];
	struct stat sb;
	int rc;

	armed = PLANT_NAME;
	fired = 0;
	c.now += 60;
	rc = export_batch(&c, out, &r, &e);
	ok(fired, "a folder was made at the batch's name before the rename");
	is_int(rc, OKNO_EIO, "the export fails");
	ok(strstr(e.msg, "already exists") != NULL, "  saying so: %s", e.msg);
	snprintf(path, sizeof path, "%s/MSK-014-20261127T220100-1", out);
	ok(lstat(path, &sb) == 0 && S_ISDIR(sb.st_mode) &&
	    fx_entries(path) == 0, "the folder is left as it was, empty");
	is_int(batches(), 0, "no batch recorded");
	if (rc == OKNO_OK)
		free(r.path);
	rmdir(path);

	/* Undisturbed, the same export works. */
	c.now += 60;
	if (!is_int(export_batch(&c, out, &r, &e), OKNO_OK, "the next export "
	    "works"))
		diag("%s", e.msg);
	else {
		is_int(fx_entries(r.path), 10, "  eight CSV files, BATCH and "
		    "the manifest");
		free(r.path);
	}
	is_int(batches(), 1, "  and is recorded");
}

int
main(void)
{
	fx_tz("Europe/Moscow");
	plan(5 + 8 + 1);
	snprintf(out, sizeof out, "%s/out", test_tmpdir());
	snprintf(attacker, sizeof attacker, "%s/attacker", test_tmpdir());
	if (mkdir(attacker, 0700) != 0)
		sysbail("mkdir");
	fx_office_open(&c, RACE_CONF, "x.db", &actor_system);
	c.now = fx_at("2026-11-27T22:00:00+03:00");
	test_swapped_work_folder();
	test_planted_name();
	fx_db_intact(&c);
	fx_office_close(&c);
	return 0;
}
