/* batchcheck.c: head office's check of the branches' export batches (see
 * batchcheck.h; okno(1) HEAD OFFICE, `okno verify`).
 *
 * The checks are okno-load's check_batch, made in one process for the
 * night instead of a dozen a batch: the order and the reasons are the
 * shell's, as okno-load's tests read them.  The folder is opened once,
 * without following a link, and every file is read through its
 * descriptor (batchdir.c), once: the bytes hashed are the bytes staged,
 * so a file swapped after the check cannot slip in.
 *
 * Staging re-encodes the rows for COPY ... (FORMAT csv): the cells as the
 * branch wrote them (the formula guard stays, load.sql's unguard removes
 * it), quoted where CSV needs it, LF line ends, no header, the batch's
 * index first and tickets.csv of an older okno padded to today's columns;
 * the night's batches one after another in one file per table, with an
 * index of each batch's part (a few files to make and copy, not nine a
 * batch).
 * Then load.sql's row checks refuse what they refused: another branch's
 * row, a count of rows that BATCH does not say; and a record of the wrong
 * number of cells, which COPY would have stopped at.
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "batchcheck.h"
#include "batchdir.h"
#include "csvread.h"
#include "file.h"

#define BC_SMALL_MAX	(1024 * 1024)		/* BATCH, manifest, sig */
#define BC_DATA_MAX	((size_t)1 << 30)	/* a data file */
#define BC_BATCH	"BATCH"
#define BC_MANIFEST	"MANIFEST.sha256"
#define BC_SIG		"MANIFEST.sig"
#define BC_STAGE_BATCH	"batch.csv"
#define BC_STAGE_INDEX	"index"

#define T_BASE	"branch,id,number,service,priority,issued_at,status"
#define T_VISITS T_BASE ",account,category,outcomes,resolved"
#define T_TIMES	T_VISITS ",wait_s,service_s,window,manager,closed_at"

/* The data files of a batch, in okno-load's order, with the headers they
 * may have, today's first. */
static const struct bc_file {
	const char	*name;
	int		 optional;	/* an older okno sends neither file
					   nor manifest line */
	int		 bookings;	/* load.sql's own words for it */
	const char	*header[3];
	/* Each column of today's header as head office's staging table
	 * (schema.sql, okno.night_begin) types it: t text, l bigint,
	 * i integer, s smallint, b boolean, d date, z timestamptz. */
	const char	*types;
} bc_files[] = {
	{ "tickets.csv", 0, 0, { T_TIMES, T_VISITS, T_BASE },
	    "tlttbzttttbiiitz" },
	{ "ticket_events.csv", 0, 0, {
	    "branch,id,ticket_id,at,event,window,manager,service" },
	    "tllztitt" },
	{ "ratings.csv", 0, 0, {
	    "branch,id,ticket_id,criterion,score,at,manager" }, "tlltszt" },
	{ "appeals.csv", 0, 0, { "branch,id,reg_no,registered_at,channel,"
	    "kind,client_type,client_name,account,phone,topic,text,"
	    "ticket_id,manager,first_contact,status,due_date,closed_at" },
	    "tltzttttttttltbtdz" },
	{ "appeal_events.csv", 0, 0, {
	    "branch,id,appeal_id,at,event,status,manager,note" },
	    "tllztttt" },
	{ "inspections.csv", 0, 0, { "branch,id,inspection_id,date,kind,"
	    "inspector,criterion,result,comment,note,recorded_by,"
	    "recorded_at" }, "tlldtttttttz" },
	{ "window_events.csv", 1, 0, {
	    "branch,id,window,at,event,manager,reason" }, "tlizttt" },
	{ "bookings.csv", 1, 1, { "branch,id,code,hq_id,service,at,status,"
	    "name,phone,account,ticket_id,created_at,arrived_at,"
	    "changed_at" }, "tltttzttttlzzz" },
};
#define BC_NFILES	nitems(bc_files)
#define BC_LISTED	(BC_NFILES + 1)		/* the files and BATCH */

struct bc_key {
	char	*branch;
	int	 ok;
	uint8_t	 pub[BATCHDIR_KEY];
};

struct bc_loaded {
	char	*name;
	char	*manifest;		/* hex, or "-" */
};

struct batchcheck {
	struct bc_key		*keys;
	size_t			 nkeys;
	struct bc_loaded	*loaded;
	size_t			 nloaded;
	/* The night's staged files: batch.csv, the tables', the index. */
	FILE			*stage[BC_NFILES + 2];
};

/* A record of BATCH: key and up to three values ("" when missing). */
struct bc_rec {
	char	*cell[4];
};

/* One batch being checked. */
struct bc_batch {
	struct batchcheck_result *r;
	int		 dirfd;
	char		*data[BC_LISTED];	/* the files read, by index */
	size_t		 len[BC_LISTED];
	int		 listed[BC_LISTED];
	const char	*hex[BC_LISTED];	/* into the manifest */
	int		 hdr[BC_NFILES];	/* which header it has */
	struct bc_rec	*recs;			/* BATCH's records */
	size_t		 nrecs;
	char		*man;
	size_t		 man_len;
};

static void bc_refuse(struct batchcheck_result *, const char *, ...)
    OKNO_PRINTF(2, 3);

static void
bc_refuse(struct batchcheck_result *r, const char *fmt, ...)
{
	va_list ap;

	r->outcome = BATCHCHECK_REFUSED;
	va_start(ap, fmt);
	vsnprintf(r->reason, sizeof r->reason, fmt, ap);
	va_end(ap);
}

static int
bc_key_cmp(const void *a, const void *b)
{
	return strcmp(((const struct bc_key *)a)->branch,
	    ((const struct bc_key *)b)->branch);
}

static int
bc_loaded_cmp(const void *a, const void *b)
{
	return strcmp(((const struct bc_loaded *)a)->name,
	    ((const struct bc_loaded *)b)->name);
}

/* Splits a line into its first word and the rest (blanks around both
 * dropped); 0 when it has no two words. */
static int
bc_words(char *line, char **a, char **b)
{
	char *end;

	line[strcspn(line, "\r\n")] = '\0';
	*a = line + strspn(line, " \t");
	end = *a + strcspn(*a, " \t");
	if (*end == '\0' || end == *a)
		return 0;
	*end++ = '\0';
	*b = end + strspn(end, " \t");
	end = *b + strlen(*b);
	while (end > *b && (end[-1] == ' ' || end[-1] == '\t'))
		*--end = '\0';
	return **b != '\0';
}

/* The keys' or the loaded batches' file, one pair of words a line. */
static int
bc_read_pairs(struct batchcheck *bc, const char *path, int keys,
    struct err *e)
{
	char *line = NULL, *a, *b;
	size_t size = 0;
	FILE *fp;

	/* The shell's: it may be a pipe (okno-load's <(psql ...)). */
	if ((fp = fopen(path, "r")) == NULL)
		return err_set(e, OKNO_EIO, "%s: %s", path, strerror(errno));
	while (getline(&line, &size, fp) != -1) {
		if (!bc_words(line, &a, &b))
			continue;
		if (keys) {
			struct bc_key *k;

			bc->keys = xreallocarray(bc->keys, bc->nkeys + 1,
			    sizeof *bc->keys);
			k = &bc->keys[bc->nkeys++];
			k->branch = xstrdup(a);
			k->ok = batchdir_b64(b, strlen(b), k->pub,
			    BATCHDIR_KEY) == 0;
		} else {
			struct bc_loaded *l;

			bc->loaded = xreallocarray(bc->loaded,
			    bc->nloaded + 1, sizeof *bc->loaded);
			l = &bc->loaded[bc->nloaded++];
			l->name = xstrdup(a);
			l->manifest = xstrdup(b);
		}
	}
	free(line);
	if (ferror(fp)) {
		int save = errno;

		fclose(fp);
		return err_set(e, OKNO_EIO, "%s: %s", path, strerror(save));
	}
	fclose(fp);
	return OKNO_OK;
}

int
batchcheck_open(struct batchcheck **out, const char *keys,
    const char *loaded, struct err *e)
{
	struct batchcheck *bc = xcalloc(1, sizeof *bc);

	*out = NULL;
	if (bc_read_pairs(bc, keys, 1, e) != OKNO_OK ||
	    (loaded != NULL && bc_read_pairs(bc, loaded, 0, e) != OKNO_OK)) {
		batchcheck_close(bc);
		return e->code;
	}
	if (bc->nkeys > 0)
		qsort(bc->keys, bc->nkeys, sizeof *bc->keys, bc_key_cmp);
	if (bc->nloaded > 0)
		qsort(bc->loaded, bc->nloaded, sizeof *bc->loaded,
		    bc_loaded_cmp);
	*out = bc;
	return OKNO_OK;
}

void
batchcheck_close(struct batchcheck *bc)
{
	if (bc == NULL)
		return;
	for (size_t i = 0; i < nitems(bc->stage); i++)
		if (bc->stage[i] != NULL)
			fclose(bc->stage[i]);
	for (size_t i = 0; i < bc->nkeys; i++)
		free(bc->keys[i].branch);
	for (size_t i = 0; i < bc->nloaded; i++) {
		free(bc->loaded[i].name);
		free(bc->loaded[i].manifest);
	}
	free(bc->keys);
	free(bc->loaded);
	free(bc);
}

void
batchcheck_result_free(struct batchcheck_result *r)
{
	free(r->name);
	free(r->branch);
	free(r->seq);
	free(r->epoch);
	free(r->abs);
	memset(r, 0, sizeof *r);
}

/* A branch code as okno allows it in a batch name (okno-load's tame). */
static int
bc_tame(const char *s, size_t n)
{
	if (n == 0 || s[0] == '.')
		return 0;
	for (size_t i = 0; i < n; i++)
		if (strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		    "0123456789._-", s[i]) == NULL || s[i] == '\0')
			return 0;
	return 1;
}

static int
bc_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* BRANCH-YYYYMMDDTHHMMSS-SEQ: sets r->branch and r->seq, or 0. */
static int
bc_name(const char *name, struct batchcheck_result *r)
{
	const char *d1, *d2;
	size_t n = strlen(name);

	if ((d2 = strrchr(name, '-')) == NULL)
		return 0;
	for (d1 = d2; d1 > name && d1[-1] != '-'; d1--)
		continue;
	if (d1 == name)			/* no branch before the stamp */
		return 0;
	d1--;				/* the '-' before the stamp */
	n -= (size_t)(d2 + 1 - name);
	if (n == 0 || n > 18 || !bc_digits(d2 + 1, n))
		return 0;
	if (d2 - d1 - 1 != 15 || !bc_digits(d1 + 1, 8) || d1[9] != 'T' ||
	    !bc_digits(d1 + 10, 6))
		return 0;
	if (!bc_tame(name, (size_t)(d1 - name)))
		return 0;
	r->branch = xasprintf("%.*s", (int)(d1 - name), name);
	r->seq = xstrdup(d2 + 1);
	return 1;
}

static const char *
bc_listed_name(size_t i)
{
	return i < BC_NFILES ? bc_files[i].name : BC_BATCH;
}

static size_t
bc_listed_index(const char *name, size_t n)
{
	size_t i;

	for (i = 0; i < BC_LISTED; i++)
		if (strlen(bc_listed_name(i)) == n &&
		    memcmp(bc_listed_name(i), name, n) == 0)
			break;
	return i;
}

static int
bc_present(int dirfd, const char *name)
{
	struct stat sb;

	return fstatat(dirfd, name, &sb, AT_SYMLINK_NOFOLLOW) == 0;
}

/*
 * The manifest as the shell read it (`while read -r h f`): each line's
 * second word on names a file the batch has, once; then every file is
 * there but the optional ones.  Returns 0 with b->r refused otherwise.
 */
static int
bc_manifest_names(struct bc_batch *b)
{
	const char *p = b->man, *end = b->man + b->man_len, *nl, *f, *fe;
	size_t i;

	for (; p < end && (nl = memchr(p, '\n', (size_t)(end - p))) != NULL;
	    p = nl + 1) {
		f = p + strspn(p, " \t");
		f += strcspn(f, " \t\n");
		while (f < nl && (*f == ' ' || *f == '\t'))
			f++;
		for (fe = nl; fe > f && (fe[-1] == ' ' || fe[-1] == '\t');)
			fe--;
		i = bc_listed_index(f, (size_t)(fe - f));
		if (i == BC_LISTED) {
			bc_refuse(b->r, "the manifest lists %.*s",
			    (int)(fe - f), f);
			return 0;
		}
		if (b->listed[i]) {
			bc_refuse(b->r, "the manifest lists %s twice",
			    bc_listed_name(i));
			return 0;
		}
		b->listed[i] = 1;
	}
	for (i = 0; i < BC_LISTED; i++) {
		if (b->listed[i])
			continue;
		if (bc_present(b->dirfd, bc_listed_name(i))) {
			bc_refuse(b->r, "%s is not in the manifest",
			    bc_listed_name(i));
			return 0;
		}
		if (i == BC_NFILES || !bc_files[i].optional) {
			bc_refuse(b->r, "%s missing from the manifest",
			    bc_listed_name(i));
			return 0;
		}
	}
	return 1;
}

/*
 * sha256sum --strict -c: every line "HEX  NAME" (or " *NAME"), with a
 * file that matches.  The files listed are read here, once, for all that
 * follows.  Returns 0 with b->r refused otherwise.
 */
static int
bc_manifest_hashes(struct bc_batch *b)
{
	const char *p = b->man, *end = b->man + b->man_len, *nl;
	char hex[65];
	size_t i, n;
	int errnum;

	if (b->man_len == 0)
		goto bad;
	for (; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		n = (size_t)(nl - p);
		if (n < 67 || strspn(p, "0123456789abcdefABCDEF") < 64 ||
		    p[64] != ' ' || (p[65] != ' ' && p[65] != '*'))
			goto bad;
		i = bc_listed_index(p + 66, n - 66);
		if (i == BC_LISTED || !b->listed[i] || b->hex[i] != NULL)
			goto bad;
		b->hex[i] = p;
	}
	for (i = 0; i < BC_LISTED; i++) {
		if (!b->listed[i])
			continue;
		if (b->hex[i] == NULL ||
		    batchdir_read(b->dirfd, bc_listed_name(i), i == BC_NFILES ?
		    BC_SMALL_MAX : BC_DATA_MAX, &b->data[i], &b->len[i],
		    &errnum) != BATCHDIR_OK)
			goto bad;
		batchdir_sha256(b->data[i], b->len[i], hex);
		if (strncasecmp(hex, b->hex[i], 64) != 0)
			goto bad;
	}
	return 1;
bad:
	bc_refuse(b->r, "the files do not match the manifest");
	return 0;
}

static int
bc_batch_rec(void *arg, size_t line, char **cells, const size_t *lens,
    size_t n, struct err *e)
{
	struct bc_batch *b = arg;
	struct bc_rec *rec;

	(void)line;
	(void)lens;
	(void)e;
	b->recs = xreallocarray(b->recs, b->nrecs + 1, sizeof *b->recs);
	rec = &b->recs[b->nrecs++];
	for (size_t i = 0; i < 4; i++)
		rec->cell[i] = xstrdup(i < n ? cells[i] : "");
	return OKNO_OK;
}

/* The last record of BATCH with key k, or NULL. */
static const struct bc_rec *
bc_batch_get(const struct bc_batch *b, const char *k, const char *v1)
{
	for (size_t i = b->nrecs; i-- > 0;)
		if (strcmp(b->recs[i].cell[0], k) == 0 &&
		    (v1 == NULL || strcmp(b->recs[i].cell[1], v1) == 0))
			return &b->recs[i];
	return NULL;
}

/* BATCH names this batch and an epoch.  0 with b->r refused otherwise. */
static int
bc_batch_file(struct bc_batch *b)
{
	struct batchcheck_result *r = b->r;
	const struct bc_rec *n, *br, *s, *ep;
	struct err e;
	const char *epoch;

	if (csvread(BC_BATCH, b->data[BC_NFILES], b->len[BC_NFILES], NULL,
	    CSVREAD_PLAIN, bc_batch_rec, b, &e) != OKNO_OK) {
		bc_refuse(r, "%s", e.msg);
		return 0;
	}
	n = bc_batch_get(b, "name", NULL);
	br = bc_batch_get(b, "branch", NULL);
	s = bc_batch_get(b, "seq", NULL);
	ep = bc_batch_get(b, "epoch", NULL);
	if (n == NULL || strcmp(n->cell[1], r->name) != 0 || br == NULL ||
	    strcmp(br->cell[1], r->branch) != 0 || s == NULL ||
	    strcmp(s->cell[1], r->seq) != 0) {
		bc_refuse(r, "renamed (it is %s)",
		    n != NULL ? n->cell[1] : "");
		return 0;
	}
	epoch = ep != NULL ? ep->cell[1] : "";
	if (*epoch == '\0' || strspn(epoch, "0123456789abcdef") !=
	    strlen(epoch)) {
		bc_refuse(r, "BATCH names no epoch");
		return 0;
	}
	r->epoch = xstrdup(epoch);
	return 1;
}

/* Each data file's first line is a header it may have. */
static int
bc_headers(struct bc_batch *b)
{
	const char *p, *nl;
	size_t i, n;
	int h;

	for (i = 0; i < BC_NFILES; i++) {
		if (!b->listed[i])
			continue;
		p = b->data[i];
		nl = memchr(p, '\n', b->len[i]);
		n = nl != NULL ? (size_t)(nl - p) : b->len[i];
		if (n > 0 && p[n - 1] == '\r')
			n--;
		for (h = 0; h < 3 && bc_files[i].header[h] != NULL; h++)
			if (strlen(bc_files[i].header[h]) == n &&
			    memcmp(bc_files[i].header[h], p, n) == 0)
				break;
		if (h == 3 || bc_files[i].header[h] == NULL) {
			bc_refuse(b->r, "%s: unexpected header: %.*s",
			    bc_files[i].name, (int)n, p);
			return 0;
		}
		b->hdr[i] = h;
	}
	return 1;
}

/* ---- staging ---- */

static size_t
bc_ncols(const char *header)
{
	size_t n = 1;

	for (; *header != '\0'; header++)
		n += *header == ',';
	return n;
}

/* One cell as COPY's CSV reads it back: quoted when it must be. */
static void
bc_put_cell(FILE *f, const char *s, size_t len)
{
	const char *q;

	if (len == 0)
		return;
	if (strpbrk(s, ",\"\r\n") == NULL) {
		fwrite(s, 1, len, f);
		return;
	}
	putc('"', f);
	while ((q = memchr(s, '"', len)) != NULL) {
		fwrite(s, 1, (size_t)(q - s) + 1, f);
		putc('"', f);
		len -= (size_t)(q - s) + 1;
		s = q + 1;
	}
	fwrite(s, 1, len, f);
	putc('"', f);
}

/* ---- the cells' types ----
 *
 * A staged row must copy: one value PostgreSQL refuses would fail the
 * night's single COPY of its table (okno-load then copies batch by
 * batch, and names the batch only by psql's message).  So each cell is
 * checked here against its column's type, as strictly as okno writes
 * it, and a batch with a cell that is not refuses with the file, line
 * and column.
 */

/* n digits at s, their value in *v (n <= 9). */
static int
bc_num(const char *s, size_t n, int *v)
{
	*v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		*v = *v * 10 + (s[i] - '0');
	}
	return 1;
}

/* An integer of at most max digits, with an optional minus. */
static int
bc_int(const char *s, size_t len, size_t max)
{
	if (len > 0 && s[0] == '-') {
		s++;
		len--;
	}
	if (len == 0 || len > max)
		return 0;
	return strspn(s, "0123456789") == len;
}

/* YYYY-MM-DD, a day that exists. */
static int
bc_date(const char *s, size_t len)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int y, m, d;

	if (len < 10 || s[4] != '-' || s[7] != '-' || !bc_num(s, 4, &y) ||
	    !bc_num(s + 5, 2, &m) || !bc_num(s + 8, 2, &d) || y == 0 ||
	    m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	return m != 2 || d < 29 || (y % 4 == 0 && (y % 100 != 0 ||
	    y % 400 == 0));
}

/* YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM), as the export writes a
 * time (a space for the T, or +HH, PostgreSQL reads too). */
static int
bc_time(const char *s, size_t len)
{
	size_t i = 19;
	int h, m, sec, oh, om = 0;

	if (len < 20 || !bc_date(s, 10) || (s[10] != 'T' && s[10] != ' ') ||
	    s[13] != ':' || s[16] != ':' || !bc_num(s + 11, 2, &h) ||
	    !bc_num(s + 14, 2, &m) || !bc_num(s + 17, 2, &sec) || h > 23 ||
	    m > 59 || sec > 59)
		return 0;
	if (s[i] == '.') {
		for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			;
	}
	if (i + 1 == len && s[i] == 'Z')
		return 1;
	if (i + 3 > len || (s[i] != '+' && s[i] != '-') ||
	    !bc_num(s + i + 1, 2, &oh) || oh > 15)
		return 0;
	i += 3;
	if (i == len)
		return 1;
	return i + 3 == len && s[i] == ':' && bc_num(s + i + 1, 2, &om) &&
	    om < 60;
}

/* What COPY reads as a boolean, of the spellings okno and PostgreSQL
 * share. */
static int
bc_bool(const char *s)
{
	static const char *const words[] = { "0", "1", "t", "f", "true",
	    "false" };

	for (size_t i = 0; i < nitems(words); i++)
		if (strcasecmp(s, words[i]) == 0)
			return 1;
	return 0;
}

/* NULL when cell (len bytes, NUL-terminated) copies into a column of
 * type t, else what it is not. */
static const char *
bc_cell_type(char t, const char *s, size_t len)
{
	if (memchr(s, '\0', len) != NULL || !utf8_valid(s))
		return "not UTF-8 text";
	if (len == 0)
		return NULL;		/* empty: NULL, of any type */
	switch (t) {
	case 'l':
		return bc_int(s, len, 18) ? NULL : "not a number";
	case 'i':
		return bc_int(s, len, 9) ? NULL : "not a number";
	case 's':
		return bc_int(s, len, 4) ? NULL : "not a number";
	case 'b':
		return bc_bool(s) ? NULL : "not true or false";
	case 'd':
		return len == 10 && bc_date(s, len) ? NULL : "not a date";
	case 'z':
		return bc_time(s, len) ? NULL : "not a time";
	}
	return NULL;
}

/* The name of column i of header h, into buf. */
static const char *
bc_colname(const char *h, size_t i, char *buf, size_t size)
{
	const char *e;

	for (; i > 0 && (h = strchr(h, ',')) != NULL; i--)
		h++;
	if (h == NULL)
		return "?";
	e = strchr(h, ',');
	snprintf(buf, size, "%.*s", (int)(e != NULL ? (size_t)(e - h) :
	    strlen(h)), h);
	return buf;
}

/* A staged table's file being written. */
struct bc_out {
	struct bc_batch	*b;
	const char	*file;
	FILE		*f;
	char		 idx[24];
	size_t		 idxlen;
	const char	*header;	/* today's (its columns' names) */
	const char	*types;		/* bc_files' types of them */
	size_t		 cells;		/* of the header it has */
	size_t		 pad;		/* empty cells after them */
	size_t		 rows;
	int		 header_seen;
	int		 other_branch;
};

static int
bc_out_rec(void *arg, size_t line, char **cells, const size_t *lens,
    size_t n, struct err *e)
{
	struct bc_out *o = arg;
	size_t i;

	if (!o->header_seen) {
		o->header_seen = 1;
		return OKNO_OK;
	}
	if (n != o->cells) {
		bc_refuse(o->b->r, "%s line %zu: %zu cells, the "
		    "header has %zu", o->file, line, n, o->cells);
		return err_set(e, OKNO_EINVAL, "%s", o->b->r->reason);
	}
	for (i = 0; i < n; i++) {
		const char *why = bc_cell_type(o->types[i], cells[i], lens[i]);
		char col[64];

		if (why != NULL) {
			bc_refuse(o->b->r, "%s line %zu: %s: %s", o->file,
			    line, bc_colname(o->header, i, col, sizeof col),
			    why);
			return err_set(e, OKNO_EINVAL, "%s", o->b->r->reason);
		}
	}
	if (strcmp(cells[0], o->b->r->branch) != 0)
		o->other_branch = 1;
	fwrite(o->idx, 1, o->idxlen, o->f);
	for (i = 0; i < n; i++) {
		putc(',', o->f);
		bc_put_cell(o->f, cells[i], lens[i]);
	}
	for (i = 0; i < o->pad; i++)
		putc(',', o->f);
	putc('\n', o->f);
	o->rows++;
	return OKNO_OK;
}

/* The staged files are the branch's data, as the export's: 0640, the
 * folders 0750, whatever the umask (okno-load reads them as the same
 * user, psql's \copy). */
static FILE *
bc_create(int dirfd, const char *name)
{
	return file_create_at(dirfd, name, 0640);
}

/* "N" for load.sql's v2::bigint of a rows line; NULL: none or no number. */
static int
bc_count(const char *s, long long *v)
{
	char *end;

	s += strspn(s, " \t");
	if (*s == '\0')
		return 0;
	errno = 0;
	*v = strtoll(s, &end, 10);
	end += strspn(end, " \t");
	return errno == 0 && *end == '\0';
}

/* load.sql's counts and branches: 0 with b->r refused when they fail. */
static int
bc_rows_check(struct bc_batch *b, const size_t *rows, const int *other)
{
	const struct bc_rec *rec;
	long long want;
	size_t i;
	int have;

	for (int pass = 0; pass < 2; pass++) {
		for (i = 0; i < BC_NFILES; i++) {
			if (bc_files[i].bookings != pass)
				continue;
			rec = bc_batch_get(b, "rows", bc_files[i].name);
			have = rec != NULL && bc_count(rec->cell[2], &want);
			/* bookings.csv's count may be missing (load.sql
			 * had coalesce(v2, 0)), and so may an optional
			 * file's that the batch does not have: an okno
			 * before window events wrote no rows line for
			 * them. */
			if (!have && (pass == 1 || (bc_files[i].optional &&
			    !b->listed[i])) && (rec == NULL ||
			    rec->cell[2][0] == '\0')) {
				want = 0;
				have = 1;
			}
			if (!have || want < 0 || (size_t)want != rows[i]) {
				bc_refuse(b->r, "%s: %zu rows loaded,"
				    " %s in the batch", bc_files[i].name,
				    rows[i], rec != NULL &&
				    rec->cell[2][0] != '\0' ? rec->cell[2] :
				    "none");
				return 0;
			}
		}
		for (i = 0; i < BC_NFILES; i++)
			if (bc_files[i].bookings == pass && other[i]) {
				bc_refuse(b->r, pass ? "batch %s: a "
				    "booking of another branch" : ""
				    "batch %s: a row of another branch",
				    b->r->name);
				return 0;
			}
	}
	return 1;
}

/* The night's staged files, opened at the first batch staged: BATCH's
 * records, then each table's, and the index (see bc_stage). */
static int
bc_stage_open(struct batchcheck *bc, int stagefd, struct err *e)
{
	const char *name;

	if (bc->stage[0] != NULL)
		return OKNO_OK;
	for (size_t i = 0; i <= BC_NFILES + 1; i++) {
		name = i == 0 ? BC_STAGE_BATCH : i <= BC_NFILES ?
		    bc_files[i - 1].name : BC_STAGE_INDEX;
		if ((bc->stage[i] = bc_create(stagefd, name)) == NULL)
			return err_set(e, OKNO_EIO, "%s: %s", name,
			    strerror(errno));
		/* A big buffer: the night writes every batch. */
		setvbuf(bc->stage[i], NULL, _IOFBF, 1 << 16);
	}
	return OKNO_OK;
}

/*
 * Stages an ok batch: its BATCH's records and each table's rows, made in
 * memory and checked (cells, types, branch, counts), then appended to
 * the night's files, so that a batch refused here leaves nothing; the
 * index gets the batch's line, "IDX" and then the offset and length of
 * its part of each file (batch.csv, then the tables in bc_files' order),
 * for okno-load to copy one batch alone.  OKNO_OK, the batch perhaps
 * refused, or OKNO_EIO (r->stage_create set when a file could not be
 * made).
 */
static int
bc_stage(struct batchcheck *bc, struct bc_batch *b, long idx, int stagefd,
    struct err *e)
{
	struct batchcheck_result *r = b->r;
	struct bc_out o;
	struct err ce;
	char *buf[BC_NFILES + 1] = { NULL };
	size_t len[BC_NFILES + 1] = { 0 };
	size_t rows[BC_NFILES], i, ln;
	int other[BC_NFILES], rc = OKNO_OK, refused = 0;
	FILE *f;
	off_t at;

	if ((f = open_memstream(&buf[0], &len[0])) == NULL)
		return err_set(e, OKNO_EIO, "%s", strerror(errno));
	for (ln = 0; ln < b->nrecs; ln++) {
		fprintf(f, "%ld,%zu", idx, ln + 1);
		for (i = 0; i < 4; i++) {
			putc(',', f);
			bc_put_cell(f, b->recs[ln].cell[i],
			    strlen(b->recs[ln].cell[i]));
		}
		putc('\n', f);
	}
	if (fclose(f) != 0) {
		rc = err_set(e, OKNO_EIO, "%s", strerror(errno));
		goto out;
	}
	for (i = 0; i < BC_NFILES; i++) {
		memset(&o, 0, sizeof o);
		o.b = b;
		o.file = bc_files[i].name;
		o.header = bc_files[i].header[0];
		o.types = bc_files[i].types;
		o.idxlen = (size_t)snprintf(o.idx, sizeof o.idx, "%ld", idx);
		if ((o.f = open_memstream(&buf[i + 1], &len[i + 1])) == NULL) {
			rc = err_set(e, OKNO_EIO, "%s", strerror(errno));
			goto out;
		}
		if (b->listed[i]) {
			o.cells = bc_ncols(bc_files[i].header[b->hdr[i]]);
			o.pad = bc_ncols(bc_files[i].header[0]) - o.cells;
			if (csvread(o.file, b->data[i], b->len[i], NULL,
			    CSVREAD_PLAIN, bc_out_rec, &o, &ce) != OKNO_OK) {
				if (r->outcome != BATCHCHECK_REFUSED)
					bc_refuse(r, "%s", ce.msg);
				refused = 1;
			}
		}
		rows[i] = o.rows;
		other[i] = o.other_branch;
		if (fclose(o.f) != 0) {
			rc = err_set(e, OKNO_EIO, "%s", strerror(errno));
			goto out;
		}
		if (refused)
			goto out;
	}
	if (!bc_rows_check(b, rows, other))
		goto out;

	if ((rc = bc_stage_open(bc, stagefd, e)) != OKNO_OK) {
		r->stage_create = 1;
		goto out;
	}
	fprintf(bc->stage[BC_NFILES + 1], "%ld", idx);
	for (i = 0; i <= BC_NFILES; i++) {
		if ((at = ftello(bc->stage[i])) == -1 ||
		    fwrite(buf[i], 1, len[i], bc->stage[i]) != len[i]) {
			rc = err_set(e, OKNO_EIO, "%s", strerror(errno));
			goto out;
		}
		fprintf(bc->stage[BC_NFILES + 1], " %lld %zu", (long long)at,
		    len[i]);
	}
	putc('\n', bc->stage[BC_NFILES + 1]);
out:
	for (i = 0; i <= BC_NFILES; i++)
		free(buf[i]);
	return rc;
}

int
batchcheck_finish(struct batchcheck *bc, struct err *e)
{
	int rc = OKNO_OK;

	for (size_t i = 0; i <= BC_NFILES + 1; i++) {
		if (bc->stage[i] == NULL)
			continue;
		if ((ferror(bc->stage[i]) | (fclose(bc->stage[i]) != 0)) &&
		    rc == OKNO_OK)
			rc = err_set(e, OKNO_EIO, "%s", strerror(errno));
		bc->stage[i] = NULL;
	}
	return rc;
}

/* ---- the batch ---- */

static void
bc_batch_free(struct bc_batch *b)
{
	for (size_t i = 0; i < BC_LISTED; i++)
		free(b->data[i]);
	for (size_t i = 0; i < b->nrecs; i++)
		for (size_t k = 0; k < 4; k++)
			free(b->recs[i].cell[k]);
	free(b->recs);
	free(b->man);
	if (b->dirfd != -1)
		close(b->dirfd);
}

/* The checks before the files' contents: 0 with b->r decided. */
static int
bc_folder(struct batchcheck *bc, struct bc_batch *b, const char *path)
{
	const char *known[BC_LISTED + 2];
	struct batchcheck_result *r = b->r;
	struct bc_loaded lk, *l;
	struct bc_key kk, *k;
	struct stat sb;
	char *bad, *sig;
	size_t i, sig_len;
	int errnum, good;

	if (!bc_name(r->name, r)) {
		bc_refuse(r, "not a batch folder name");
		return 0;
	}
	if (lstat(path, &sb) == 0 && S_ISLNK(sb.st_mode)) {
		bc_refuse(r, "the folder is a symbolic link");
		return 0;
	}
	b->dirfd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (b->dirfd == -1) {
		bc_refuse(r, errno == ELOOP ? "the folder is a "
		    "symbolic link" : "not a folder");
		return 0;
	}
	for (i = 0; i < BC_LISTED; i++)
		known[i] = bc_listed_name(i);
	known[BC_LISTED] = BC_MANIFEST;
	known[BC_LISTED + 1] = BC_SIG;
	switch (batchdir_scan(b->dirfd, known, nitems(known), &bad,
	    &errnum)) {
	case BATCHDIR_OK:
		break;
	case BATCHDIR_LINK:
		bc_refuse(r, "%s is a symbolic link", bad);
		break;
	case BATCHDIR_UNKNOWN:
		bc_refuse(r, "unknown file %s", bad);
		break;
	case BATCHDIR_IO:
		bc_refuse(r, "%s%s%s", bad != NULL ? bad : "",
		    bad != NULL ? ": " : "", strerror(errnum));
		break;
	default:
		bc_refuse(r, "%s is not a regular file", bad);
		break;
	}
	free(bad);
	if (r->outcome == BATCHCHECK_REFUSED)
		return 0;
	if (!bc_present(b->dirfd, BC_SIG)) {
		bc_refuse(r, "not signed");
		return 0;
	}
	if (!bc_present(b->dirfd, BC_MANIFEST) ||
	    !bc_present(b->dirfd, BC_BATCH) ||
	    batchdir_read(b->dirfd, BC_MANIFEST, BC_SMALL_MAX, &b->man,
	    &b->man_len, &errnum) != BATCHDIR_OK) {
		bc_refuse(r, "no manifest or no BATCH");
		return 0;
	}
	batchdir_sha256(b->man, b->man_len, r->manifest);
	lk.name = r->name;
	/* bsearch of no array: a NULL base is undefined behaviour. */
	l = bc->nloaded == 0 ? NULL : bsearch(&lk, bc->loaded, bc->nloaded,
	    sizeof *bc->loaded, bc_loaded_cmp);
	if (l != NULL) {
		if (strcmp(l->manifest, r->manifest) == 0 ||
		    strcmp(l->manifest, "-") == 0)
			r->outcome = BATCHCHECK_UNCHANGED;
		else
			bc_refuse(r, "already loaded with other "
			    "content");
		return 0;
	}
	kk.branch = r->branch;
	k = bc->nkeys == 0 ? NULL : bsearch(&kk, bc->keys, bc->nkeys,
	    sizeof *bc->keys, bc_key_cmp);
	if (k == NULL) {
		bc_refuse(r, "branch %s is not registered",
		    r->branch);
		return 0;
	}
	good = k->ok && batchdir_read(b->dirfd, BC_SIG, BC_SMALL_MAX, &sig,
	    &sig_len, &errnum) == BATCHDIR_OK;
	if (good) {
		good = batchdir_verify(k->pub, b->man, b->man_len, sig,
		    sig_len);
		free(sig);
	}
	if (!good) {
		bc_refuse(r, "bad signature");
		return 0;
	}
	return 1;
}

/* The folder's absolute path as the shell made it: $PWD/DIR. */
static char *
bc_abs(const char *path)
{
	char cwd[PATH_MAX];

	if (path[0] == '/')
		return xstrdup(path);
	if (getcwd(cwd, sizeof cwd) == NULL)
		return NULL;
	return xasprintf("%s%s%s", cwd, strcmp(cwd, "/") == 0 ? "" : "/",
	    path);
}

int
batchcheck_batch(struct batchcheck *bc, const char *path, long idx,
    int stagefd, struct batchcheck_result *r, struct err *e)
{
	struct bc_batch b;
	char *dir;
	size_t n;
	int rc = OKNO_OK;

	memset(r, 0, sizeof *r);
	memset(&b, 0, sizeof b);
	b.r = r;
	b.dirfd = -1;
	/* The folder without the slashes that may end it. */
	dir = xstrdup(path);
	for (n = strlen(dir); n > 1 && dir[n - 1] == '/'; n--)
		dir[n - 1] = '\0';
	r->name = xstrdup(strrchr(dir, '/') != NULL ? strrchr(dir, '/') + 1 :
	    dir);
	if (!bc_folder(bc, &b, dir) || !bc_manifest_names(&b) ||
	    !bc_manifest_hashes(&b) || !bc_batch_file(&b) || !bc_headers(&b))
		goto out;
	if ((r->abs = bc_abs(dir)) == NULL) {
		bc_refuse(r, "%s", strerror(errno));
		goto out;
	}
	if (strpbrk(r->abs, "'\\") != NULL) {
		bc_refuse(r, "a quote or backslash in the folder's "
		    "path");
		goto out;
	}
	/* Nor can a line of okno verify's hold one (or psql's \cd). */
	for (const unsigned char *c = (const unsigned char *)r->abs; *c != '\0';
	    c++)
		if (*c < 0x20 || *c == 0x7f) {
			bc_refuse(r, "a control character in the folder's "
			    "path");
			goto out;
		}
	if (stagefd != -1)
		rc = bc_stage(bc, &b, idx, stagefd, e);
out:
	free(dir);
	bc_batch_free(&b);
	if (r->outcome != BATCHCHECK_OK) {
		free(r->branch);
		free(r->seq);
		free(r->epoch);
		free(r->abs);
		r->branch = r->seq = r->epoch = r->abs = NULL;
	}
	return rc;
}
