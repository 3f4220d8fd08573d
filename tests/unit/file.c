/* file.c: TAP tests of file.c: which names a user may give a file, and
 * that a new file is only ever created new, in its folder, never through
 * a link, never over anything (the report screen's Save, issue 11). */
#include <sys/resource.h>
#include <sys/stat.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "file.h"
#include "fixture.h"
#include "tap.h"

static int
exists(const char *rel)
{
	struct stat sb;
	char *p = fx_path(rel);
	int r = lstat(p, &sb) == 0;

	free(p);
	return r;
}

static void
good_name(const char *name, const char *why)
{
	struct err e;

	err_clear(&e);
	if (!is_int(file_name_check(name, &e), OKNO_OK, "accepted: %s", why))
		diag("%s", e.msg);
}

#define PATH	"a file name, not a path"
#define START	"a file name may not start with '.', '-' or a space"
#define CHARS	"a file name holds letters, digits, spaces and " \
	". - _ + , ( ) only"

/* name refused with "SHOWN": MSG. */
static void
bad_name(const char *name, const char *show, const char *msg,
    const char *why)
{
	struct err e;
	char *want = xasprintf("\"%s\": %s", show, msg);

	err_clear(&e);
	is_int(file_name_check(name, &e), OKNO_EINVAL, "refused: %s", why);
	ok(strncmp(e.msg, want, strlen(want)) == 0, "  %s", e.msg);
	free(want);
}

/* Names a user may give, and why each should pass. */
static const struct {
	const char	*name;
	const char	*why;
} goods[] = {
	{ "report-2026-11-01_2026-11-30.txt", "okno's own name" },
	{ "Отчёт за ноябрь (2).txt", "Cyrillic, spaces, brackets" },
	{ "a+b,c", "plus and comma" },
	{ "x", "one letter" },
	{ "okno.db",
	    "the database's base name (lands in the reports folder)" },
};

/* Names refused, shown as show, with msg. */
static const struct {
	const char	*name;
	const char	*show;
	const char	*msg;
	const char	*why;
} bads[] = {
	{ "..", "..", PATH, ".." },
	{ ".", ".", START, "." },
	{ "../x", "../x", PATH, "../x" },
	{ "../../okno.db", "../../okno.db", PATH,
	    "up and over the database" },
	{ "/etc/x", "/etc/x", PATH, "an absolute path" },
	{ "/var/lib/okno/okno.db", "/var/lib/okno/okno.db", PATH,
	    "the database's path" },
	{ "reports/x", "reports/x", PATH, "a folder" },
	{ ".profile", ".profile", START, "a hidden file" },
	{ "-rf", "-rf", START, "a leading '-'" },
	{ " x", " x", START, "a leading space" },
	{ "a\001b", "a?b", CHARS, "a C0 control, not shown" },
	{ "a\tb", "a?b", CHARS, "a tab" },
	{ "a\nb", "a?b", CHARS, "a newline" },
	{ "a\033[2Jb", "a?[2Jb", CHARS, "ESC" },
	{ "a\177b", "a?b", CHARS, "DEL" },
	{ "a\302\233b", "a?b", CHARS, "U+009B, CSI in 8-bit terminals" },
	{ "a\302\205b", "a?b", CHARS, "U+0085, NEL" },
	{ "a\377b", "a?b", CHARS, "not UTF-8" },
	{ "a\\b", "a\\b", CHARS, "a backslash" },
	{ "a*b", "a*b", CHARS, "a '*'" },
	{ "a:b", "a:b", CHARS, "a ':'" },
	{ "a;b", "a;b", CHARS, "a ';'" },
	{ "a$b", "a$b", CHARS, "a '$'" },
	{ "a\342\224\200b", "a?b", CHARS, "a box-drawing character" },
	{ "\"x\"", "?x?", CHARS, "quotes" },
};

static void
test_names(void)
{
	struct err e;
	size_t i;
	char longname[FILE_NAME_MAX + 2];

	for (i = 0; i < nitems(goods); i++)
		good_name(goods[i].name, goods[i].why);
	for (i = 0; i < nitems(bads); i++)
		bad_name(bads[i].name, bads[i].show, bads[i].msg,
		    bads[i].why);

	err_clear(&e);
	is_int(file_name_check("", &e), OKNO_EINVAL, "refused: empty");
	is_string(e.msg, "no file name given", "  saying so");
	memset(longname, 'x', FILE_NAME_MAX);
	longname[FILE_NAME_MAX] = '\0';
	good_name(longname, "FILE_NAME_MAX characters");
	longname[FILE_NAME_MAX] = 'x';
	longname[FILE_NAME_MAX + 1] = '\0';
	err_clear(&e);
	is_int(file_name_check(longname, &e), OKNO_EINVAL,
	    "refused: one character more");
	ok(strstr(e.msg, "at most 100 characters") != NULL,
	    "  saying how long: %s", e.msg);
	ok(strstr(e.msg, "xxx...\"") != NULL, "  showing its start only");
}

/* Creates name in dir with text; the path created, to free, or NULL. */
static char *
create(const char *dir, const char *name, const char *text, struct err *e)
{
	struct file_new f;

	err_clear(e);
	if (file_create_new(dir, name, ".txt", &f, e) != OKNO_OK)
		return NULL;
	fputs(text, f.fp);
	if (file_close_new(&f, e) != OKNO_OK) {
		free(f.path);
		return NULL;
	}
	return f.path;
}

/* create() in dir, which must give dir/want. */
static void
created(const char *dir, const char *name, const char *text,
    const char *want, const char *why)
{
	struct err e;
	char *p = create(dir, name, text, &e), *w = xasprintf("%s/%s", dir,
	    want);

	is_string(p, w, "%s", why);
	free(p);
	free(w);
}

static void
test_create(void)
{
	char *dir = fx_path("reports"), *want, *p, *s;
	struct stat sb;
	struct err e;

	/* The folder is made, 0750; the file 0640. */
	p = create(dir, "report-1.txt", "one\n", &e);
	want = xasprintf("%s/report-1.txt", dir);
	is_string(p, want, "created in the folder, as named");
	ok(stat(dir, &sb) == 0 && (sb.st_mode & 07777) == 0750,
	    "the missing folder is made 0750");
	ok(p != NULL && stat(p, &sb) == 0 && (sb.st_mode & 07777) == 0640,
	    "the file is 0640");
	s = test_slurp(want);
	is_string(s, "one\n", "with what was written");
	free(s);
	free(p);
	free(want);

	/* Taken: -2, -3 before the extension; the first left alone. */
	created(dir, "report-1.txt", "two\n", "report-1-2.txt",
	    "a name taken gets -2");
	created(dir, "report-1.txt", "three\n", "report-1-3.txt", "and then -3");
	s = test_slurp(p = fx_path("reports/report-1.txt"));
	is_string(s, "one\n", "the first file is untouched");
	free(s);
	free(p);

	/* The extension is added when missing, kept in any case. */
	created(dir, "monthly", "m\n", "monthly.txt", ".txt is added");
	created(dir, "BIG.TXT", "b\n", "BIG.TXT",
	    ".TXT counts as the extension");
	created(dir, "BIG.TXT", "b\n", "BIG-2.TXT",
	    "and the suffix goes before it");

	/* A link planted at the name: never followed, the name skipped. */
	free(fx_put("victim.db", "precious"));
	if (symlink("../victim.db", s = fx_path("reports/trap.txt")) != 0)
		sysbail("symlink");
	free(s);
	created(dir, "trap.txt", "report text\n", "trap-2.txt",
	    "a link at the name: -2 instead");
	s = test_slurp(p = fx_path("victim.db"));
	is_string(s, "precious", "the link's target is untouched");
	free(s);
	free(p);
	if (symlink("../made-by-link", s = fx_path("reports/dangling.txt")) != 0)
		sysbail("symlink");
	free(s);
	p = create(dir, "dangling", "x\n", &e);
	ok(p != NULL && strstr(p, "/dangling-2.txt") != NULL,
	    "a dangling link at the name: -2 instead (%s)", p ? p : e.msg);
	free(p);
	ok(!exists("made-by-link"), "nothing made where it pointed");

	/* Names that leave the folder: refused, nothing made. */
	p = create(dir, "../escaped", "x\n", &e);
	ok(p == NULL && e.code == OKNO_EINVAL, "../escaped refused");
	ok(!exists("escaped") && !exists("escaped.txt"),
	    "  and nothing written outside the folder");
	free(p);
	p = create(dir, "/tmp/x", "x\n", &e);
	ok(p == NULL && e.code == OKNO_EINVAL, "an absolute path refused");
	free(p);
	free(dir);

	/* The folder itself a link: refused, nothing made there. */
	if (mkdir(s = fx_path("elsewhere"), 0700) != 0)
		sysbail("mkdir");
	free(s);
	if (symlink("elsewhere", s = fx_path("linked")) != 0)
		sysbail("symlink");
	free(s);
	dir = fx_path("linked");
	p = create(dir, "x", "x\n", &e);
	ok(p == NULL && e.code == OKNO_EIO, "a folder that is a link is "
	    "refused");
	ok(strstr(e.msg, "symbolic link") != NULL, "  saying so: %s", e.msg);
	ok(!exists("elsewhere/x.txt"), "  and nothing written through it");
	free(p);
	free(dir);

	/* The folder a file, or under a missing one. */
	free(fx_put("plain", ""));
	p = create(dir = fx_path("plain"), "x", "x\n", &e);
	ok(p == NULL && e.code == OKNO_EIO, "a file for a folder: EIO (%s)",
	    e.msg);
	free(p);
	free(dir);
	p = create(dir = fx_path("no/such"), "x", "x\n", &e);
	ok(p == NULL && e.code == OKNO_EIO && strstr(e.msg, "cannot make") !=
	    NULL, "a folder under a missing one: EIO (%s)", e.msg);
	free(p);
	free(dir);
}

static void
test_discard_and_full(void)
{
	char *dir = fx_path("more");
	struct rlimit old, small;
	struct file_new f;
	struct err e;
	char block[4096];

	err_clear(&e);
	if (file_create_new(dir, "gone", ".txt", &f, &e) != OKNO_OK)
		bail("%s", e.msg);
	fputs("half", f.fp);
	file_discard_new(&f);
	ok(!exists("more/gone.txt"), "a discarded file is removed");
	free(f.path);

	/* A write past the file size limit: refused, nothing left. */
	signal(SIGXFSZ, SIG_IGN);
	if (getrlimit(RLIMIT_FSIZE, &old) != 0)
		sysbail("getrlimit");
	if (file_create_new(dir, "big", ".txt", &f, &e) != OKNO_OK)
		bail("%s", e.msg);
	small = old;
	small.rlim_cur = 1024;
	if (setrlimit(RLIMIT_FSIZE, &small) != 0)
		sysbail("setrlimit");
	memset(block, 'x', sizeof block);
	fwrite(block, 1, sizeof block, f.fp);
	is_int(file_close_new(&f, &e), OKNO_EIO, "a failed write: EIO");
	if (setrlimit(RLIMIT_FSIZE, &old) != 0)
		sysbail("setrlimit");
	ok(strstr(e.msg, "nothing saved") != NULL, "  saying so: %s", e.msg);
	ok(!exists("more/big.txt"), "  and the part written is removed");
	free(f.path);

	/* Every name taken: refused after FILE_TRIES, not in a loop. */
	for (int i = 1; i <= FILE_TRIES; i++) {
		char *name = i == 1 ? xasprintf("more/full.txt") :
		    xasprintf("more/full-%d.txt", i);

		free(fx_put(name, ""));
		free(name);
	}
	err_clear(&e);
	is_int(file_create_new(dir, "full", ".txt", &f, &e), OKNO_EIO,
	    "all %d names taken: EIO", FILE_TRIES);
	ok(strstr(e.msg, "all taken") != NULL, "  saying so: %s", e.msg);
	free(dir);
}

int
main(void)
{
	plan(5 + 2 * 25 + 2 + 1 + 3 + 22 + 6);
	umask(022);
	test_names();
	test_create();
	test_discard_and_full();
	return 0;
}
