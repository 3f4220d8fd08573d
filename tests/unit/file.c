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
#include "tap.h"

static const char *tmp;

static char *
at(const char *rel)
{
	return xasprintf("%s/%s", tmp, rel);
}

static void
put(const char *rel, const char *text)
{
	char *p = at(rel);
	FILE *fp;

	if ((fp = fopen(p, "w")) == NULL || fputs(text, fp) == EOF ||
	    fclose(fp) != 0)
		sysbail("%s", p);
	free(p);
}

static int
exists(const char *rel)
{
	struct stat sb;
	char *p = at(rel);
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

static void
test_names(void)
{
	struct err e;
	char longname[FILE_NAME_MAX + 2];

	good_name("report-2026-11-01_2026-11-30.txt", "okno's own name");
	good_name("Отчёт за ноябрь (2).txt", "Cyrillic, spaces, brackets");
	good_name("a+b,c", "plus and comma");
	good_name("x", "one letter");
	good_name("okno.db", "the database's base name (lands in the "
	    "reports folder)");

	bad_name("..", "..", PATH, "..");
	bad_name(".", ".", START, ".");
	bad_name("../x", "../x", PATH, "../x");
	bad_name("../../okno.db", "../../okno.db", PATH,
	    "up and over the database");
	bad_name("/etc/x", "/etc/x", PATH, "an absolute path");
	bad_name("/var/lib/okno/okno.db", "/var/lib/okno/okno.db", PATH,
	    "the database's path");
	bad_name("reports/x", "reports/x", PATH, "a folder");
	bad_name(".profile", ".profile", START, "a hidden file");
	bad_name("-rf", "-rf", START, "a leading '-'");
	bad_name(" x", " x", START, "a leading space");
	bad_name("a\001b", "a?b", CHARS, "a C0 control, not shown");
	bad_name("a\tb", "a?b", CHARS, "a tab");
	bad_name("a\nb", "a?b", CHARS, "a newline");
	bad_name("a\033[2Jb", "a?[2Jb", CHARS, "ESC");
	bad_name("a\177b", "a?b", CHARS, "DEL");
	bad_name("a\302\233b", "a?b", CHARS,
	    "U+009B, CSI in 8-bit terminals");
	bad_name("a\302\205b", "a?b", CHARS, "U+0085, NEL");
	bad_name("a\377b", "a?b", CHARS, "not UTF-8");
	bad_name("a\\b", "a\\b", CHARS, "a backslash");
	bad_name("a*b", "a*b", CHARS, "a '*'");
	bad_name("a:b", "a:b", CHARS, "a ':'");
	bad_name("a;b", "a;b", CHARS, "a ';'");
	bad_name("a$b", "a$b", CHARS, "a '$'");
	bad_name("a\342\224\200b", "a?b", CHARS, "a box-drawing character");
	bad_name("\"x\"", "?x?", CHARS, "quotes");

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
	char *dir = at("reports"), *want, *p, *s;
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
	s = test_slurp(p = at("reports/report-1.txt"));
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
	put("victim.db", "precious");
	if (symlink("../victim.db", s = at("reports/trap.txt")) != 0)
		sysbail("symlink");
	free(s);
	created(dir, "trap.txt", "report text\n", "trap-2.txt",
	    "a link at the name: -2 instead");
	s = test_slurp(p = at("victim.db"));
	is_string(s, "precious", "the link's target is untouched");
	free(s);
	free(p);
	if (symlink("../made-by-link", s = at("reports/dangling.txt")) != 0)
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
	if (mkdir(s = at("elsewhere"), 0700) != 0)
		sysbail("mkdir");
	free(s);
	if (symlink("elsewhere", s = at("linked")) != 0)
		sysbail("symlink");
	free(s);
	dir = at("linked");
	p = create(dir, "x", "x\n", &e);
	ok(p == NULL && e.code == OKNO_EIO, "a folder that is a link is "
	    "refused");
	ok(strstr(e.msg, "symbolic link") != NULL, "  saying so: %s", e.msg);
	ok(!exists("elsewhere/x.txt"), "  and nothing written through it");
	free(p);
	free(dir);

	/* The folder a file, or under a missing one. */
	put("plain", "");
	p = create(dir = at("plain"), "x", "x\n", &e);
	ok(p == NULL && e.code == OKNO_EIO, "a file for a folder: EIO (%s)",
	    e.msg);
	free(p);
	free(dir);
	p = create(dir = at("no/such"), "x", "x\n", &e);
	ok(p == NULL && e.code == OKNO_EIO && strstr(e.msg, "cannot make") !=
	    NULL, "a folder under a missing one: EIO (%s)", e.msg);
	free(p);
	free(dir);
}

static void
test_discard_and_full(void)
{
	char *dir = at("more");
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
		char *p = i == 1 ? at("more/full.txt") :
		    xasprintf("%s/more/full-%d.txt", tmp, i);

		put(p + strlen(tmp) + 1, "");
		free(p);
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
	tmp = test_tmpdir();
	umask(022);
	test_names();
	test_create();
	test_discard_and_full();
	return 0;
}
