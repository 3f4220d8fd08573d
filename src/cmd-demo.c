/* cmd-demo.c: okno demo: the UI on a throw-away office in a temporary
 * folder (embedded configuration and calendars, generated history),
 * removed when the UI ends. */
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "demo.h"
#include "embed.h"

#define DEMO_PASSWORD	"demo"
#define DEMO_DAYS	3

/* Writes path (relative to dir) with its folders. */
static int
demo_write(const char *dir, const struct embed_file *f)
{
	char *path = xasprintf("%s/%s", dir, f->path), *p;
	FILE *fp;
	int rc = 0;

	for (p = path + strlen(dir) + 1; (p = strchr(p, '/')) != NULL; p++) {
		*p = '\0';
		if (mkdir(path, 0700) != 0 && errno != EEXIST)
			rc = -1;
		*p = '/';
	}
	if (rc == 0 && (fp = fopen(path, "w")) != NULL) {
		if (fwrite(f->data, 1, f->size, fp) != f->size)
			rc = -1;
		if (fclose(fp) != 0)
			rc = -1;
	} else
		rc = -1;
	if (rc != 0)
		cmd_error(OKNO_EIO, _("cannot write %s: %s"), path,
		    strerror(errno));
	free(path);
	return rc;
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
	const char *tmp = getenv("TMPDIR");
	char *tdir = NULL;
	struct err e;
	int rc = EXIT_SOFTWARE;

	(void)argv;
	if (argc != 1)
		return cmd_usage("demo");
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
		if (demo_write(tdir, f) != 0)
			goto out;
	conf = xasprintf("%s/conf/okno.conf", tdir);
	db = xasprintf("%s/okno.db", tdir);
	if (config_load(conf, &env->cfg, &e) != OKNO_OK) {
		rc = cmd_err(&e);
		goto out;
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
	 * DEMO DEVICES HOOK: the simulated printer and board (okno-sim, from
	 * the device layer) start here on ptys, and the configuration's
	 * devices are pointed at them, so that the person trying the demo
	 * sees the tickets and the board.  Until hw/ lands the demo runs
	 * without devices (cmd_after_change() has no boards to update).
	 */
	printf(_("okno demo: a throw-away office in %s\n"
	    "  log in as demo / %s (head of office: hall view, kiosk, any "
	    "window)\n"
	    "  or anna / %s (manager: pick window 1)\n"
	    "  more terminals on the same office:\n"
	    "    %s -c %s -d %s --kiosk\n"
	    "    %s -c %s -d %s --window 1\n"), tdir, DEMO_PASSWORD,
	    DEMO_PASSWORD, "okno", conf, db, "okno", conf, db);
	fflush(stdout);
	snprintf(banner, sizeof banner, _("demo: log in as demo / %s or anna "
	    "/ %s"), DEMO_PASSWORD, DEMO_PASSWORD);
	rc = cmd_ui(env, banner);
out:
	db_close(env->db);
	env->db = NULL;
	config_free(env->cfg);
	env->cfg = NULL;
	free(conf);
	free(db);
	if (nftw(tdir, rm_one, 8, FTW_DEPTH | FTW_PHYS) != 0)
		cmd_warn(_("cannot remove %s: %s"), tdir, strerror(errno));
	free(tdir);
	return rc;
}
