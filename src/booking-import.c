/* booking-import.c: the inbound batch from head office (see
 * booking-import.h; SPEC "Bookings"; okno(1) IMPORT).
 *
 * Trust.  The folder comes over the network (okno-sync fetches it), so
 * nothing in it is believed until head office's signature over the
 * manifest verifies with the key the branch was given at setup
 * (cfg->bookings.hq_key; Ed25519 from nettle, as batchkey.c signs the
 * outbound batch).  Every file is opened without following links, must be
 * a regular file of bounded size, and is read once into memory: the bytes
 * hashed are the bytes parsed, whatever changes in the folder meanwhile.
 * A file the manifest does not list refuses the batch.
 *
 * Checked whole, then applied in one transaction: a batch with one bad
 * row applies nothing.
 *
 * What a row does (matched by hq_id, head office's key):
 *  - new and booked: a booking of source 'hq', with head office's code
 *    when the batch has one (first digit 5-9), else a random one 5-9
 *    (branch codes start 0-4, so the two never collide); new and
 *    cancelled: nothing (made and cancelled before the branch saw it);
 *  - known and still booked here: head office's time, service, name,
 *    phone and account replace the branch's; cancelled cancels it;
 *  - known and no longer booked here (arrived, missed, served, cancelled
 *    at the branch): a change head office wants is skipped and named, the
 *    branch's state stands (head office learns it from the outbound
 *    bookings.csv).
 * Newer wins: a row with changed_at (head office's last change of it;
 * okno-publish always writes it) acts only when newer than the booking's
 * changed_at, which the import sets to head office's time.  So importing a
 * batch again changes nothing (applied 0), and an older batch replayed
 * after a newer one cannot put an old time or a cancelled booking back.
 * A skipped change moves changed_at too, so it is named once.  Without
 * changed_at a batch still applies idempotently (rows equal to the
 * booking change nothing), but an older one would win.
 */
#include <sys/stat.h>
#include <sys/random.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batchdir.h"
#include "booking-import.h"
#include "csvread.h"
#include "visit.h"

#define BI_CSV		"bookings.csv"
#define BI_HEADER	"BATCH"
#define BI_MANIFEST	"MANIFEST.sha256"
#define BI_SIG		"MANIFEST.sig"
#define BI_CSV_MAX	(16 * 1024 * 1024)	/* bytes of bookings.csv */
#define BI_SMALL_MAX	4096			/* BATCH, manifest, key */
#define BI_FIELD_MAX	1024			/* bytes of one cell */
#define BI_ROWS_MAX	100000
#define BI_COLS_MAX	16

/* bookings.csv's columns: the first eight are required. */
enum { C_HQ_ID, C_BRANCH, C_SERVICE, C_AT, C_NAME, C_PHONE, C_ACCOUNT,
    C_STATUS, C_CODE, C_CHANGED, C_N };
static const char *const bi_cols[C_N] = { "hq_id", "branch", "service",
    "at", "name", "phone", "account", "status", "code", "changed_at" };
#define C_REQUIRED	C_CODE

/* A parsed CSV: rows of cells, all in one allocation each. */
struct bi_csv {
	char	***rows;
	size_t	  *ncells;
	size_t	   nrows;
};

/* A row of bookings.csv, checked. */
struct bi_row {
	const char	*hq_id;
	char		 code[BOOKING_CODE_LEN + 1];	/* "": none */
	int		 service;
	time_t		 at;
	const char	*name, *phone, *account;	/* NULL: none */
	int		 cancelled;
	time_t		 changed;			/* 0: none */
};

static void
bi_csv_free(struct bi_csv *c)
{
	for (size_t i = 0; i < c->nrows; i++) {
		for (size_t j = 0; j < c->ncells[i]; j++)
			free(c->rows[i][j]);
		free(c->rows[i]);
	}
	free(c->rows);
	free(c->ncells);
	memset(c, 0, sizeof *c);
}

/* One record of the CSV text into c (csvread's callback). */
static int
bi_csv_row(void *arg, size_t line, char **cells, const size_t *lens,
    size_t n, struct err *e)
{
	struct bi_csv *c = arg;
	char **row;

	(void)line;
	(void)lens;
	(void)e;
	/* One more: bi_rows reads the header's count of cells. */
	row = xcalloc(n + 1, sizeof *row);
	for (size_t i = 0; i < n; i++)
		row[i] = xstrdup(cells[i]);
	c->rows = xreallocarray(c->rows, c->nrows + 1, sizeof *c->rows);
	c->ncells = xreallocarray(c->ncells, c->nrows + 1, sizeof *c->ncells);
	c->rows[c->nrows] = row;
	c->ncells[c->nrows++] = n;
	return OKNO_OK;
}

/*
 * RFC 4180 by csvread (csvread.h says what it refuses), within the
 * bounds of a head-office batch: a cell of BI_FIELD_MAX bytes, BI_COLS_MAX
 * cells, BI_ROWS_MAX rows.  What the cells hold is checked by the caller.
 */
static int
bi_csv_parse(const char *file, const char *p, size_t len, struct bi_csv *c,
    struct err *e)
{
	static const struct csvread_limits lim = { BI_FIELD_MAX, BI_COLS_MAX,
	    BI_ROWS_MAX };

	memset(c, 0, sizeof *c);
	if (csvread(file, p, len, &lim, 0, bi_csv_row, c, e) != OKNO_OK) {
		bi_csv_free(c);
		return e->code;
	}
	return OKNO_OK;
}

/* Reads name in dirfd whole (batchdir_read), saying what went wrong. */
static int
bi_read(int dirfd, const char *dir, const char *name, size_t max,
    char **out, size_t *len, struct err *e)
{
	int errnum;

	switch (batchdir_read(dirfd, name, max, out, len, &errnum)) {
	case BATCHDIR_OK:
		return OKNO_OK;
	case BATCHDIR_LINK:
		return err_set(e, OKNO_EINVAL, _("%s/%s is a symbolic link"),
		    dir, name);
	case BATCHDIR_MISSING:
		return err_set(e, OKNO_EINVAL, _("%s: no %s: not a "
		    "head-office batch"), dir, name);
	case BATCHDIR_NOTREG:
	case BATCHDIR_UNKNOWN:
		return err_set(e, OKNO_EINVAL, _("%s/%s is not a regular "
		    "file"), dir, name);
	case BATCHDIR_BIG:
		return err_set(e, OKNO_EINVAL, _("%s/%s is larger than %zu "
		    "bytes"), dir, name, max);
	case BATCHDIR_CHANGED:
		return err_set(e, OKNO_EINVAL, _("%s/%s changed while it was "
		    "read"), dir, name);
	case BATCHDIR_IO:
		break;
	}
	return err_set(e, OKNO_EIO, "%s/%s: %s", dir, name, strerror(errnum));
}

/*
 * Head office's public key: the file cfg->bookings.hq_key, either
 * openssl's PEM ("-----BEGIN PUBLIC KEY-----", the SubjectPublicKeyInfo
 * of an Ed25519 key, as `openssl pkey -pubout` writes it) or one line
 * "ed25519 BASE64" of the 32-byte key.
 */
static int
bi_hq_key(const struct config *cfg, uint8_t pub[32], struct err *e)
{
	/* SubjectPublicKeyInfo of Ed25519 (RFC 8410) before the key. */
	static const uint8_t spki[12] = { 0x30, 0x2a, 0x30, 0x05, 0x06, 0x03,
	    0x2b, 0x65, 0x70, 0x03, 0x21, 0x00 };
	const char *path = cfg->bookings.hq_key, *why, *p, *q;
	char buf[BI_SMALL_MAX + 1], b64[BI_SMALL_MAX + 1];
	uint8_t der[44];
	size_t n, m = 0;
	FILE *fp;

	if (path == NULL || (fp = fopen_regular(path, &why)) == NULL)
		return err_set(e, OKNO_ECONFIG, _("head office's key %s: %s "
		    "(bookings.hq_key in okno.conf(5); head office makes it "
		    "with okno-publish --keygen)"), path ? path : "hq.pub",
		    path ? why : "?");
	n = fread(buf, 1, BI_SMALL_MAX, fp);
	fclose(fp);
	buf[n] = '\0';
	if (strncmp(buf, "ed25519 ", 8) == 0) {
		n = strcspn(buf + 8, "\r\n");
		if (batchdir_b64(buf + 8, n, pub, 32) == 0)
			return OKNO_OK;
	} else if ((p = strstr(buf, "-----BEGIN PUBLIC KEY-----")) != NULL &&
	    (q = strstr(p, "-----END PUBLIC KEY-----")) != NULL) {
		for (p += strlen("-----BEGIN PUBLIC KEY-----"); p < q; p++)
			if (*p != '\n' && *p != '\r' && *p != ' ')
				b64[m++] = *p;
		if (batchdir_b64(b64, m, der, sizeof der) == 0 &&
		    memcmp(der, spki, sizeof spki) == 0) {
			memcpy(pub, der + sizeof spki, 32);
			return OKNO_OK;
		}
	}
	return err_set(e, OKNO_ECONFIG, _("%s: not head office's Ed25519 "
	    "public key"), path);
}

/*
 * The folder holds only the batch's four files, each a regular file: a
 * link, a folder, a FIFO or any other name refuses the batch, since the
 * manifest cannot vouch for it.
 */
static int
bi_scan(int dirfd, const char *dir, struct err *e)
{
	static const char *const known[] = { BI_CSV, BI_HEADER, BI_MANIFEST,
	    BI_SIG };
	char *bad;
	int errnum, rc = OKNO_OK;

	switch (batchdir_scan(dirfd, known, nitems(known), &bad, &errnum)) {
	case BATCHDIR_OK:
		break;
	case BATCHDIR_UNKNOWN:
		rc = err_set(e, OKNO_EINVAL, _("%s: %s is not in the "
		    "manifest"), dir, bad);
		break;
	case BATCHDIR_LINK:
		rc = err_set(e, OKNO_EINVAL, _("%s/%s is a symbolic link"),
		    dir, bad);
		break;
	case BATCHDIR_NOTREG:
	case BATCHDIR_MISSING:
	case BATCHDIR_BIG:
	case BATCHDIR_CHANGED:
		rc = err_set(e, OKNO_EINVAL, _("%s/%s is not a regular "
		    "file"), dir, bad);
		break;
	case BATCHDIR_IO:
		rc = err_set(e, OKNO_EIO, "%s%s%s: %s", dir, bad ? "/" : "",
		    bad ? bad : "", strerror(errnum));
		break;
	}
	free(bad);
	return rc;
}

/*
 * The manifest: sha256sum's lines "HEX  NAME", one for bookings.csv and
 * one for BATCH, nothing else; their hashes go to csv_hex, hdr_hex.
 */
static int
bi_manifest(const char *dir, const char *m, char csv_hex[65],
    char hdr_hex[65], struct err *e)
{
	const char *p = m, *nl;
	char *target;
	size_t len;

	csv_hex[0] = hdr_hex[0] = '\0';
	for (; *p != '\0'; p = nl + 1) {
		if ((nl = strchr(p, '\n')) == NULL)
			goto bad;
		len = (size_t)(nl - p);
		if (len < 67 || p[64] != ' ' || p[65] != ' ' ||
		    strspn(p, "0123456789abcdef") != 64)
			goto bad;
		if (len - 66 == strlen(BI_CSV) &&
		    memcmp(p + 66, BI_CSV, len - 66) == 0)
			target = csv_hex;
		else if (len - 66 == strlen(BI_HEADER) &&
		    memcmp(p + 66, BI_HEADER, len - 66) == 0)
			target = hdr_hex;
		else
			goto bad;
		if (target[0] != '\0')
			goto bad;
		memcpy(target, p, 64);
		target[64] = '\0';
	}
	if (csv_hex[0] != '\0' && hdr_hex[0] != '\0')
		return OKNO_OK;
bad:
	return err_set(e, OKNO_EINVAL, _("%s: %s is not a head-office "
	    "manifest (a line for %s and one for %s)"), dir, BI_MANIFEST,
	    BI_CSV, BI_HEADER);
}

/* A whole decimal number >= 1 that fits; -1 otherwise. */
static long long
bi_number(const char *s)
{
	long long v = 0;

	if (*s == '\0' || strlen(s) > 18 || strspn(s, "0123456789") !=
	    strlen(s))
		return -1;
	for (; *s != '\0'; s++)
		v = v * 10 + (*s - '0');
	return v;
}

/*
 * BATCH: "format,1", "branch,CODE", "seq,N", "created,TIME" and
 * "rows,bookings.csv,N".  Its branch must be this one; its count the
 * rows of bookings.csv.
 */
static int
bi_header(struct ctx *c, const char *dir, const char *buf, size_t len,
    size_t rows, long long *seq, struct err *e)
{
	struct bi_csv h;
	const char *k, *v;
	int format = 0, branch = 0, counted = 0;

	*seq = -1;
	if (bi_csv_parse(BI_HEADER, buf, len, &h, e) != OKNO_OK)
		return e->code;
	for (size_t i = 0; i < h.nrows; i++) {
		if (h.ncells[i] < 2)
			continue;
		k = h.rows[i][0];
		v = h.rows[i][1];
		if (strcmp(k, "format") == 0)
			format = strcmp(v, "1") == 0;
		else if (strcmp(k, "branch") == 0) {
			if (strcmp(v, c->cfg->branch_code) != 0) {
				err_set(e, OKNO_EINVAL, _("%s: a batch for "
				    "branch %s, and this is %s"), dir, v,
				    c->cfg->branch_code);
				bi_csv_free(&h);
				return e->code;
			}
			branch = 1;
		} else if (strcmp(k, "seq") == 0)
			*seq = bi_number(v);
		else if (strcmp(k, "rows") == 0 && h.ncells[i] >= 3 &&
		    strcmp(v, BI_CSV) == 0)
			counted = bi_number(h.rows[i][2]) == (long long)rows ||
			    (rows == 0 && strcmp(h.rows[i][2], "0") == 0);
	}
	bi_csv_free(&h);
	if (!format || !branch || *seq < 1)
		return err_set(e, OKNO_EINVAL, _("%s: %s lacks its format, "
		    "branch or number"), dir, BI_HEADER);
	if (!counted)
		return err_set(e, OKNO_EINVAL, _("%s: %s has not the number of "
		    "rows %s says"), dir, BI_CSV, BI_HEADER);
	return OKNO_OK;
}

/* The export's formula guard undone: one ' before ' = + - @ tab CR. */
static void
bi_unguard(char *s)
{
	if (s[0] == '\'' && s[1] != '\0' && strchr("'=+-@\t\r", s[1]) != NULL)
		memmove(s, s + 1, strlen(s));
}

static int
bi_tame(const char *s, size_t max)
{
	size_t n = strlen(s);

	return n > 0 && n <= max && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789._:-") == n;
}

/* One data row of bookings.csv into r; line counts from 1 (the header). */
static int
bi_row(struct ctx *c, char **cell, const int *col, size_t line,
    struct bi_row *r, struct err *e)
{
	char what[64];
	const char *v;
	size_t n;

	memset(r, 0, sizeof *r);
	for (int k = 0; k < C_N; k++) {
		if (col[k] < 0)
			continue;
		bi_unguard(cell[col[k]]);
		snprintf(what, sizeof what, "%s:%zu: %s", BI_CSV, line,
		    bi_cols[k]);
		if (text_check(cell[col[k]], 0, 0, what, e) != OKNO_OK)
			return e->code;
	}
	v = cell[col[C_HQ_ID]];
	if (!bi_tame(v, IMPORT_HQ_ID_MAX))
		return err_set(e, OKNO_EINVAL, _("%s:%zu: hq_id: 1 to %d "
		    "letters, digits and . _ : -"), BI_CSV, line,
		    IMPORT_HQ_ID_MAX);
	r->hq_id = v;
	if (strcmp(cell[col[C_BRANCH]], c->cfg->branch_code) != 0)
		return err_set(e, OKNO_EINVAL, _("%s:%zu: a row for branch %s, "
		    "and this is %s"), BI_CSV, line, cell[col[C_BRANCH]],
		    c->cfg->branch_code);
	if ((r->service = config_service_index(c->cfg,
	    cell[col[C_SERVICE]])) < 0)
		return err_set(e, OKNO_EINVAL, _("%s:%zu: service %s is not "
		    "served here"), BI_CSV, line, cell[col[C_SERVICE]]);
	if (time_parse_iso(cell[col[C_AT]], &r->at) != 0)
		return err_set(e, OKNO_EINVAL, _("%s:%zu: at: not an ISO 8601 "
		    "time (2026-12-30T10:00:00+03:00)"), BI_CSV, line);
	v = cell[col[C_STATUS]];
	if (strcmp(v, "cancelled") == 0)
		r->cancelled = 1;
	else if (strcmp(v, "booked") != 0)
		return err_set(e, OKNO_EINVAL, _("%s:%zu: status: booked or "
		    "cancelled"), BI_CSV, line);
	v = cell[col[C_NAME]];
	if (!text_blank(v)) {
		if (strlen(v) > BOOKING_NAME_MAX)
			return err_set(e, OKNO_EINVAL, _("%s:%zu: name: longer "
			    "than %d bytes"), BI_CSV, line, BOOKING_NAME_MAX);
		r->name = v;
	} else if (!r->cancelled)
		return err_set(e, OKNO_EINVAL, _("%s:%zu: name: a booking "
		    "needs the client's name"), BI_CSV, line);
	v = cell[col[C_PHONE]];
	if (!text_blank(v)) {
		n = strlen(v);
		if (n > BOOKING_PHONE_MAX || strspn(v, "+0123456789 ()-") != n)
			return err_set(e, OKNO_EINVAL, _("%s:%zu: phone: up to "
			    "%d digits, +, brackets, hyphens and spaces"),
			    BI_CSV, line, BOOKING_PHONE_MAX);
		r->phone = v;
	}
	v = cell[col[C_ACCOUNT]];
	if (!text_blank(v)) {
		if (visit_account_check(c->cfg, v, e) != OKNO_OK) {
			char why[sizeof e->msg];

			strlcpy_(why, e->msg, sizeof why);
			return err_set(e, OKNO_EINVAL, "%s:%zu: %s", BI_CSV,
			    line, why);
		}
		r->account = v;
	}
	if (col[C_CODE] >= 0 && (v = cell[col[C_CODE]])[0] != '\0') {
		if (strlen(v) != BOOKING_CODE_LEN ||
		    strspn(v, "0123456789") != BOOKING_CODE_LEN || v[0] < '5')
			return err_set(e, OKNO_EINVAL, _("%s:%zu: code: 6 digits, "
			    "the first 5 to 9 (head office's)"), BI_CSV, line);
		memcpy(r->code, v, sizeof r->code);
	}
	if (col[C_CHANGED] >= 0 && cell[col[C_CHANGED]][0] != '\0' &&
	    time_parse_iso(cell[col[C_CHANGED]], &r->changed) != 0)
		return err_set(e, OKNO_EINVAL, _("%s:%zu: changed_at: not an "
		    "ISO 8601 time"), BI_CSV, line);
	return OKNO_OK;
}

/* Whether a booked booking holds code (other than booking id). */
static int
bi_code_taken(struct ctx *c, const char *code, int64_t id, int *taken,
    struct err *e)
{
	struct stmt *st;
	int rc;

	if (db_prepare(c->db, &st, e, "SELECT 1 FROM bookings WHERE code ="
	    " :code AND status = 'booked' AND id IS NOT :id") != OKNO_OK)
		return e->code;
	db_bind_text(st, ":code", code);
	db_bind_int(st, ":id", id);
	rc = db_step(st, e);
	db_finalize(st);
	if (rc == DB_ERROR)
		return e->code;
	*taken = rc == DB_ROW;
	return OKNO_OK;
}

/* A random code 500000-999999 that no booked booking holds. */
static int
bi_new_code(struct ctx *c, char code[BOOKING_CODE_LEN + 1], struct err *e)
{
	uint32_t r;
	int taken;

	for (int tries = 0; tries < 1000; tries++) {
		if (getrandom(&r, sizeof r, 0) != sizeof r)
			return err_set(e, OKNO_EIO, "getrandom: %s",
			    strerror(errno));
		snprintf(code, BOOKING_CODE_LEN + 1, "%06u",
		    (unsigned)(500000 + r % 500000));
		if (bi_code_taken(c, code, 0, &taken, e) != OKNO_OK)
			return e->code;
		if (!taken)
			return OKNO_OK;
	}
	return err_set(e, OKNO_ESTATE, _("no free booking code"));
}

static void
bi_note(struct import_result *res, enum import_what what,
    const struct bi_row *r, const char *code, int service, time_t at,
    const char *status)
{
	struct import_note *n;

	res->notes = xreallocarray(res->notes, res->nnotes + 1,
	    sizeof *res->notes);
	n = &res->notes[res->nnotes++];
	memset(n, 0, sizeof *n);
	n->what = what;
	strlcpy_(n->hq_id, r->hq_id, sizeof n->hq_id);
	strlcpy_(n->code, code, sizeof n->code);
	n->service = service;
	n->slot_at = at;
	strlcpy_(n->status, status != NULL ? status : "", sizeof n->status);
	switch (what) {
	case IMPORT_NEW:
		res->added++;
		break;
	case IMPORT_CHANGED:
		res->changed++;
		break;
	case IMPORT_CANCELLED:
		res->cancelled++;
		break;
	case IMPORT_SKIPPED:
		res->skipped++;
		return;
	}
	res->applied++;
}

/* NULL and "" are the same: no value. */
static int
bi_same(const char *a, const char *b)
{
	return strcmp(a != NULL ? a : "", b != NULL ? b : "") == 0;
}

static int
bi_insert(struct ctx *c, const struct bi_row *r, struct import_result *res,
    struct err *e)
{
	struct stmt *st;
	char code[BOOKING_CODE_LEN + 1];
	int taken;

	if (r->code[0] != '\0') {
		if (bi_code_taken(c, r->code, 0, &taken, e) != OKNO_OK)
			return e->code;
		if (taken)
			return err_set(e, OKNO_EINVAL, _("%s: hq_id %s: code %s "
			    "is another booking's"), BI_CSV, r->hq_id,
			    r->code);
		memcpy(code, r->code, sizeof code);
	} else if (bi_new_code(c, code, e) != OKNO_OK)
		return e->code;
	if (db_prepare(c->db, &st, e, "INSERT INTO bookings (code, source,"
	    " hq_id, service, slot_at, status, name, phone, account,"
	    " created_at, changed_at) VALUES (:code, 'hq', :hq, :svc, :at,"
	    " 'booked', :name, :phone, :acc, :now, :chg)") != OKNO_OK)
		return e->code;
	db_bind_text(st, ":code", code);
	db_bind_text(st, ":hq", r->hq_id);
	db_bind_text(st, ":svc", c->cfg->services[r->service].code);
	db_bind_int(st, ":at", r->at);
	db_bind_text(st, ":name", r->name);
	db_bind_text(st, ":phone", r->phone);
	db_bind_text(st, ":acc", r->account);
	db_bind_int(st, ":now", c->now);
	db_bind_int(st, ":chg", r->changed != 0 ? r->changed : c->now);
	if (db_run(st, e) != OKNO_OK)
		return e->code;
	bi_note(res, IMPORT_NEW, r, code, r->service, r->at, NULL);
	return OKNO_OK;
}

/* Applies one checked row (the caller holds the transaction). */
static int
bi_apply(struct ctx *c, const struct bi_row *r, struct import_result *res,
    struct err *e)
{
	struct stmt *st;
	char code[BOOKING_CODE_LEN + 1], status[16], *name, *phone, *acc;
	int64_t id, changed_at;
	time_t at;
	int rc, purged, same, service;

	if (db_prepare(c->db, &st, e, "SELECT id, code, service, slot_at,"
	    " status, name, phone, account, changed_at, purged_at IS NOT NULL"
	    " FROM bookings WHERE hq_id = :hq") != OKNO_OK)
		return e->code;
	db_bind_text(st, ":hq", r->hq_id);
	if ((rc = db_step(st, e)) != DB_ROW) {
		db_finalize(st);
		if (rc == DB_ERROR)
			return e->code;
		return r->cancelled ? OKNO_OK : bi_insert(c, r, res, e);
	}
	id = db_col_int(st, 0);
	strlcpy_(code, db_col_text(st, 1), sizeof code);
	service = config_service_index(c->cfg, db_col_text(st, 2));
	at = (time_t)db_col_int(st, 3);
	strlcpy_(status, db_col_text(st, 4), sizeof status);
	name = db_col_null(st, 5) ? NULL : xstrdup(db_col_text(st, 5));
	phone = db_col_null(st, 6) ? NULL : xstrdup(db_col_text(st, 6));
	acc = db_col_null(st, 7) ? NULL : xstrdup(db_col_text(st, 7));
	changed_at = db_col_int(st, 8);
	purged = (int)db_col_int(st, 9);
	db_finalize(st);
	same = service == r->service && at == r->at && (purged ||
	    (bi_same(name, r->name) && bi_same(phone, r->phone) &&
	    bi_same(acc, r->account)));
	free(name);
	free(phone);
	free(acc);

	/* Newer wins: what head office knew before this booking's last
	 * change here, or sent already, acts no more. */
	if (r->changed != 0 && r->changed <= changed_at)
		return OKNO_OK;
	if (strcmp(status, "booked") != 0) {
		if ((r->cancelled && strcmp(status, "cancelled") == 0) ||
		    (!r->cancelled && same))
			return OKNO_OK;
		bi_note(res, IMPORT_SKIPPED, r, code, r->service, r->at,
		    status);
		if (r->changed == 0)
			return OKNO_OK;
		if (db_prepare(c->db, &st, e, "UPDATE bookings SET"
		    " changed_at = :chg WHERE id = :id") != OKNO_OK)
			return e->code;
	} else if (r->cancelled) {
		bi_note(res, IMPORT_CANCELLED, r, code, service, at, NULL);
		if (db_prepare(c->db, &st, e, "UPDATE bookings SET"
		    " status = 'cancelled', cancelled_at = :now,"
		    " cancelled_by = NULL, changed_at = :chg WHERE id = :id") !=
		    OKNO_OK)
			return e->code;
		db_bind_int(st, ":now", c->now);
	} else if (!same) {
		bi_note(res, IMPORT_CHANGED, r, code, r->service, r->at, NULL);
		if (db_prepare(c->db, &st, e, "UPDATE bookings SET"
		    " service = :svc, slot_at = :at, name = :name,"
		    " phone = :phone, account = :acc, changed_at = :chg"
		    " WHERE id = :id") != OKNO_OK)
			return e->code;
		db_bind_text(st, ":svc", c->cfg->services[r->service].code);
		db_bind_int(st, ":at", r->at);
		db_bind_text(st, ":name", r->name);
		db_bind_text(st, ":phone", r->phone);
		db_bind_text(st, ":acc", r->account);
	} else
		return OKNO_OK;
	db_bind_int(st, ":id", id);
	db_bind_int(st, ":chg", r->changed != 0 ? r->changed : c->now);
	return db_run(st, e);
}

/* bookings.csv: its header maps the columns, then every row is checked. */
static int
bi_rows(struct ctx *c, const struct bi_csv *t, struct bi_row **out,
    size_t *n, struct err *e)
{
	struct bi_row *rows;
	int col[C_N];
	size_t i, j;
	int k;

	*out = NULL;
	*n = 0;
	if (t->nrows == 0)
		return err_set(e, OKNO_EINVAL, _("%s: no header row"), BI_CSV);
	for (k = 0; k < C_N; k++)
		col[k] = -1;
	for (j = 0; j < t->ncells[0]; j++) {
		for (k = 0; k < C_N; k++)
			if (strcmp(t->rows[0][j], bi_cols[k]) == 0)
				break;
		if (k == C_N || col[k] >= 0)
			return err_set(e, OKNO_EINVAL, _("%s: column %zu of "
			    "the header is unknown or repeated"), BI_CSV,
			    j + 1);
		col[k] = (int)j;
	}
	for (k = 0; k < C_REQUIRED; k++)
		if (col[k] < 0)
			return err_set(e, OKNO_EINVAL, _("%s: no column %s"),
			    BI_CSV, bi_cols[k]);
	rows = xcalloc(t->nrows, sizeof *rows);
	for (i = 1; i < t->nrows; i++) {
		if (t->ncells[i] != t->ncells[0]) {
			free(rows);
			return err_set(e, OKNO_EINVAL, _("%s:%zu: %zu cells, "
			    "and the header has %zu"), BI_CSV, i + 1,
			    t->ncells[i], t->ncells[0]);
		}
		if (bi_row(c, t->rows[i], col, i + 1, &rows[i - 1], e) !=
		    OKNO_OK) {
			free(rows);
			return e->code;
		}
		for (j = 0; j + 1 < i; j++)
			if (strcmp(rows[j].hq_id, rows[i - 1].hq_id) == 0) {
				err_set(e, OKNO_EINVAL, _("%s:%zu: hq_id %s "
				    "comes twice"), BI_CSV, i + 1,
				    rows[j].hq_id);
				free(rows);
				return e->code;
			}
	}
	*out = rows;
	*n = t->nrows - 1;
	return OKNO_OK;
}

int
booking_import(struct ctx *c, const char *dir, struct import_result *res,
    struct err *e)
{
	struct bi_csv t;
	struct bi_row *rows = NULL;
	char *csv = NULL, *hdr = NULL, *man = NULL, *sig = NULL;
	char csv_hex[65], hdr_hex[65], hex[65];
	uint8_t pub[32];
	size_t csv_len, hdr_len, man_len, sig_len, nrows = 0;
	int dirfd, rc;

	memset(res, 0, sizeof *res);
	memset(&t, 0, sizeof t);
	if (!c->cfg->bookings.set)
		return err_set(e, OKNO_ECONFIG, _("this office takes no "
		    "bookings (the configuration has no bookings group)"));
	if (bi_hq_key(c->cfg, pub, e) != OKNO_OK)
		return e->code;
	/* DIR is the operator's, as export's --out: it may be a link. */
	if ((dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return err_set(e, errno == ENOENT || errno == ENOTDIR ?
		    OKNO_EINVAL : OKNO_EIO, "%s: %s", dir, strerror(errno));
	if ((rc = bi_scan(dirfd, dir, e)) != OKNO_OK ||
	    (rc = bi_read(dirfd, dir, BI_MANIFEST, BI_SMALL_MAX, &man,
	    &man_len, e)) != OKNO_OK)
		goto out;
	if (bi_read(dirfd, dir, BI_SIG, BI_SMALL_MAX, &sig, &sig_len, e) !=
	    OKNO_OK) {
		rc = err_set(e, OKNO_EINVAL, _("%s: not signed by head office "
		    "(%s)"), dir, e->msg);
		goto out;
	}
	if (!batchdir_verify(pub, man, man_len, sig, sig_len)) {
		rc = err_set(e, OKNO_EINVAL, _("%s: bad signature: %s is not "
		    "signed with head office's key %s"), dir, BI_MANIFEST,
		    c->cfg->bookings.hq_key);
		goto out;
	}
	if ((rc = bi_manifest(dir, man, csv_hex, hdr_hex, e)) != OKNO_OK ||
	    (rc = bi_read(dirfd, dir, BI_CSV, BI_CSV_MAX, &csv, &csv_len,
	    e)) != OKNO_OK ||
	    (rc = bi_read(dirfd, dir, BI_HEADER, BI_SMALL_MAX, &hdr, &hdr_len,
	    e)) != OKNO_OK)
		goto out;
	batchdir_sha256(csv, csv_len, hex);
	if (strcmp(hex, csv_hex) != 0) {
		rc = err_set(e, OKNO_EINVAL, _("%s: %s does not match the "
		    "manifest"), dir, BI_CSV);
		goto out;
	}
	batchdir_sha256(hdr, hdr_len, hex);
	if (strcmp(hex, hdr_hex) != 0) {
		rc = err_set(e, OKNO_EINVAL, _("%s: %s does not match the "
		    "manifest"), dir, BI_HEADER);
		goto out;
	}
	if ((rc = bi_csv_parse(BI_CSV, csv, csv_len, &t, e)) != OKNO_OK ||
	    (rc = bi_header(c, dir, hdr, hdr_len, t.nrows > 0 ?
	    t.nrows - 1 : 0, &res->seq, e)) != OKNO_OK ||
	    (rc = bi_rows(c, &t, &rows, &nrows, e)) != OKNO_OK)
		goto out;

	if ((rc = db_begin(c->db, e)) != OKNO_OK)
		goto out;
	for (size_t i = 0; i < nrows; i++)
		if ((rc = bi_apply(c, &rows[i], res, e)) != OKNO_OK) {
			db_rollback(c->db);
			goto out;
		}
	rc = db_commit(c->db, e);
out:
	if (rc != OKNO_OK)
		booking_import_free(res);
	free(rows);
	bi_csv_free(&t);
	free(csv);
	free(hdr);
	free(man);
	free(sig);
	close(dirfd);
	return rc;
}

void
booking_import_free(struct import_result *r)
{
	free(r->notes);
	memset(r, 0, sizeof *r);
}
