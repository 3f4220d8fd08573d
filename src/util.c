/* util.c: memory, error messages, text validation and time helpers. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <sys/stat.h>
#include <unistd.h>

#include "okno.h"

int
err_set(struct err *e, int code, const char *fmt, ...)
{
	va_list ap;

	if (e != NULL) {
		e->code = code;
		va_start(ap, fmt);
		vsnprintf(e->msg, sizeof e->msg, fmt, ap);
		va_end(ap);
	}
	return code;
}

void
err_clear(struct err *e)
{
	if (e != NULL) {
		e->code = OKNO_OK;
		e->msg[0] = '\0';
	}
}

/* Out of memory is not recoverable for a terminal program: say so, stop. */
static void
oom(void)
{
	fputs("okno: out of memory\n", stderr);
	abort();
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		oom();
	return p;
}

void *
xreallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		oom();
	return xrealloc(p, n * size);
}

char *
xstrdup(const char *s)
{
	char *p = strdup(s);

	if (p == NULL)
		oom();
	return p;
}

char *
xvasprintf(const char *fmt, va_list ap)
{
	va_list aq;
	char *p;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		return NULL;
	p = xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	if (p == NULL)
		oom();
	return p;
}

size_t
strlcpy_(char *dst, const char *src, size_t size)
{
	size_t n = strlen(src);

	if (size > 0) {
		size_t k = n < size - 1 ? n : size - 1;
		memcpy(dst, src, k);
		dst[k] = '\0';
	}
	return n;
}

/*
 * Strict UTF-8 check (no overlongs, no surrogates, nothing past U+10FFFF).
 * Hand-written: a dozen lines, and pulling in a library for it would cost
 * more than it saves.
 */
int
utf8_valid(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p != '\0') {
		unsigned c = *p;
		int n;
		uint32_t cp;

		if (c < 0x80) {
			p++;
			continue;
		} else if (c >= 0xc2 && c <= 0xdf) {
			n = 1; cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			n = 2; cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 3; cp = c & 0x07;
		} else
			return 0;
		for (int i = 1; i <= n; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return 0;
			cp = (cp << 6) | (p[i] & 0x3f);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
		    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
		p += n + 1;
	}
	return 1;
}

size_t
utf8_len(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

char *
utf8_pad(char *out, size_t size, const char *s, int width)
{
	size_t len = utf8_len(s), w = (size_t)(width < 0 ? -width : width);
	int pad = len < w ? (int)(w - len) : 0;

	snprintf(out, size, "%*s%s%*s", width > 0 ? pad : 0, "", s,
	    width < 0 ? pad : 0, "");
	return out;
}

void
table_head(FILE *fp, const char *fmt, ...)
{
	va_list ap;
	const char *p, *s;
	char cell[256];
	int width, left;

	va_start(ap, fmt);
	for (p = fmt; *p != '\0'; p++) {
		if (*p != '%' || p[1] == '\0') {
			fputc(*p, fp);
			continue;
		}
		if (*++p == '%') {
			fputc('%', fp);
			continue;
		}
		left = *p == '-';
		p += left;
		for (width = 0; *p >= '0' && *p <= '9'; p++)
			width = width * 10 + (*p - '0');
		if (*p != 's')
			break;		/* only %s */
		s = va_arg(ap, const char *);
		fputs(utf8_pad(cell, sizeof cell, s, left ? -width : width),
		    fp);
	}
	va_end(ap);
}

/*
 * Decodes one strict UTF-8 character of the n bytes at p (the rules of
 * utf8_valid): its length, 0 when the bytes are not UTF-8, or -1 when
 * they are the valid start of a character that n cuts short.
 */
static int
u8_decode(const unsigned char *p, size_t n, uint32_t *cp)
{
	static const uint32_t min[] = { 0, 0, 0x80, 0x800, 0x10000 };
	int len;

	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	} else if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		len = 2; *cp = p[0] & 0x1f;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		len = 3; *cp = p[0] & 0x0f;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		len = 4; *cp = p[0] & 0x07;
	} else
		return 0;
	for (int i = 1; i < len; i++) {
		if ((size_t)i >= n)
			return -1;
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		*cp = (*cp << 6) | (p[i] & 0x3f);
		/* Overlongs, surrogates and the end of Unicode show in the
		 * second byte already. */
		if (i == 1 && ((len == 3 && *cp < 0x20) ||
		    (len == 3 && *cp >= 0x360 && *cp <= 0x37f) ||
		    (len == 4 && (*cp < 0x10 || *cp > 0x10f))))
			return 0;
	}
	return *cp >= min[len] ? len : 0;
}

/*
 * The characters a person may type into a field (okno(1), TEXT): ASCII,
 * the letters of the scripts a Russian office meets and its typographic
 * punctuation.  Nothing else: a box-drawing or mathematical sign is no
 * one's name, and in KOI8-R many of them are bytes 0x80-0x9F, which
 * 8-bit terminals obey as C1 controls (0x9B is CSI).
 */
static int
text_allowed(uint32_t c)
{
	static const struct {
		uint32_t	lo;
		uint32_t	hi;
	} ok[] = {
		{ 0x0020, 0x007e },	/* ASCII */
		{ 0x00a0, 0x00ac },	/* no-break space, « § ° ... */
		{ 0x00ae, 0x017f },	/* (no soft hyphen) Latin-1 letters,
					 * × ÷, Latin Extended-A */
		{ 0x0400, 0x0482 },	/* Cyrillic, without */
		{ 0x048a, 0x04ff },	/* its combining marks */
		{ 0x2010, 0x2015 },	/* hyphens and dashes */
		{ 0x2018, 0x201e },	/* quotation marks */
		{ 0x2022, 0x2022 },	/* • */
		{ 0x2026, 0x2026 },	/* … */
		{ 0x2030, 0x2030 },	/* ‰ */
		{ 0x2032, 0x2033 },	/* ′ ″ */
		{ 0x2039, 0x203a },	/* ‹ › */
		{ 0x20ac, 0x20ac },	/* € */
		{ 0x20bd, 0x20bd },	/* ₽ */
		{ 0x2116, 0x2116 },	/* № */
		{ 0x2122, 0x2122 },	/* ™ */
	};

	for (size_t i = 0; i < nitems(ok); i++)
		if (c >= ok[i].lo && c <= ok[i].hi)
			return 1;
	return 0;
}

int
text_blank(const char *s)
{
	if (s == NULL)
		return 1;
	for (; *s != '\0'; s++)
		if (!isspace((unsigned char)*s))
			return 0;
	return 1;
}

/*
 * Checks one field a user typed: valid UTF-8, at most maxchars
 * characters, and each character one text_allowed() lets in (a newline
 * or tab only with TEXT_MULTILINE; with TEXT_ANY, for the configuration
 * and passwords, any character but the C0 and C1 controls and DEL).  ESC
 * can never be stored, nor anything an 8-bit terminal takes for a
 * control.  Returns OKNO_OK or OKNO_EINVAL with a message naming field
 * and the first character refused.
 */
int
text_check(const char *s, size_t maxchars, int flags, const char *field,
    struct err *e)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s);
	uint32_t c;
	int len;

	if (!utf8_valid(s))
		return err_set(e, OKNO_EINVAL, _("%s: not valid UTF-8 text"),
		    field);
	for (; *p != '\0'; p += len, n -= (size_t)len) {
		len = u8_decode(p, n, &c);
		if ((flags & TEXT_MULTILINE) && (c == '\n' || c == '\t'))
			continue;
		if ((flags & TEXT_ANY) ? c >= 0x20 && c != 0x7f &&
		    !(c >= 0x80 && c <= 0x9f) : text_allowed(c))
			continue;
		return err_set(e, OKNO_EINVAL, _("%s: character U+%04X is not "
		    "allowed"), field, (unsigned)c);
	}
	if (maxchars > 0 && utf8_len(s) > maxchars)
		return err_set(e, OKNO_EINVAL,
		    _("%s: longer than %zu characters"), field, maxchars);
	return OKNO_OK;
}

/*
 * Whatever a character of stored text is, what may be sent for it to a
 * terminal (or through iconv to a device) in this locale's code page.
 * Old rows, rows written by hand with sqlite3 and the configuration were
 * never all checked by today's text_check, so every output path asks
 * here: a C0 or C1 control, DEL, a surrogate or no character at all is
 * '?'; the no-break space is a space; in an 8-bit locale a character
 * whose byte there is 0x00-0x1F, 0x7F or 0x80-0x9F (in KOI8-R: box
 * drawing, ° ² · ÷ and some mathematical signs, 0x9B being CSI) is '?'.
 * A character the code page lacks is returned as it is, for the caller's
 * converter to replace (iconv transliterates, the UI has its nearest).
 */
wchar_t
text_safe_wc(wchar_t wc)
{
	char mb[MB_LEN_MAX];
	mbstate_t ps;
	size_t n;

	if (wc < 0x20 || (wc >= 0x7f && wc <= 0x9f) || wc > 0x10ffff ||
	    (wc >= 0xd800 && wc <= 0xdfff))
		return L'?';
	if (wc == 0xa0)
		return L' ';
	if (wc < 0x80 || MB_CUR_MAX > 1)
		return wc;
	memset(&ps, 0, sizeof ps);
	if ((n = wcrtomb(mb, wc, &ps)) == (size_t)-1)
		return wc;
	for (size_t i = 0; i < n; i++) {
		unsigned char b = (unsigned char)mb[i];

		if (b < 0x20 || b == 0x7f || (b >= 0x80 && b <= 0x9f))
			return L'?';
	}
	return wc;
}

/*
 * Makes the n bytes of UTF-8 text at s safe for a terminal in this
 * locale, in place: each character as text_safe_wc() has it (a newline
 * and a tab kept), each byte that is not UTF-8 a '?'.  A character cut
 * short at the end is left as it is, for the caller to complete with
 * what it writes next.  The text never grows; returns its new length.
 */
size_t
text_safe(char *s, size_t n)
{
	unsigned char *p = (unsigned char *)s;
	size_t i = 0, o = 0;
	uint32_t c;
	wchar_t wc;
	int len;

	while (i < n) {
		len = u8_decode(p + i, n - i, &c);
		if (len < 0) {
			memmove(p + o, p + i, n - i);
			o += n - i;
			break;
		}
		if (len == 0) {
			p[o++] = '?';
			i++;
			continue;
		}
		wc = c == '\n' || c == '\t' ? (wchar_t)c :
		    text_safe_wc((wchar_t)c);
		if (wc == (wchar_t)c)
			memmove(p + o, p + i, (size_t)len);
		else
			p[o] = (unsigned char)wc;	/* ASCII */
		o += wc == (wchar_t)c ? (size_t)len : 1;
		i += (size_t)len;
	}
	return o;
}

static int
digits(const char **sp, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*sp)[i]))
			return -1;
		v = v * 10 + ((*sp)[i] - '0');
	}
	*sp += n;
	*out = v;
	return 0;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (no time zone). */
static long
days_from_civil(int y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int
date_parse(const char *s, int *y, int *m, int *d)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (digits(&s, 4, y) || *s++ != '-' || digits(&s, 2, m) ||
	    *s++ != '-' || digits(&s, 2, d) || *s != '\0')
		return -1;
	if (*m < 1 || *m > 12 || *d < 1 || *d > mdays[*m - 1])
		return -1;
	if (*m == 2 && *d == 29 &&
	    !((*y % 4 == 0 && *y % 100 != 0) || *y % 400 == 0))
		return -1;
	return 0;
}

/*
 * mktime() of a branch-local time; -1 when it cannot be represented (the
 * sentinel tells that apart from the valid instant -1).  With the 64-bit
 * time_t okno.h asserts, every date date_parse() accepts (years 0000 to
 * 9999) can; a 32-bit time_t could not go past 2038-01-19 03:14:07 UTC.
 */
static int
local_time(int y, int mo, int d, int h, int mi, int sec, time_t *out)
{
	struct tm tm;

	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	tm.tm_isdst = -1;
	tm.tm_wday = -1;
	*out = mktime(&tm);
	return *out == (time_t)-1 && tm.tm_wday == -1 ? -1 : 0;
}

time_t
date_start(int y, int m, int d)
{
	time_t t;

	return local_time(y, m, d, 0, 0, 0, &t) == 0 ? t : (time_t)-1;
}

time_t
date_start_of(time_t t)
{
	struct tm tm;

	localtime_r(&t, &tm);
	return date_start(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/*
 * Parses YYYY-MM-DD[T ]HH:MM[:SS][Z|+HH:MM|+HHMM|+HH]; without an offset
 * the time is branch-local.  A bare date means its local midnight.
 */
int
time_parse_iso(const char *s, time_t *out)
{
	int y, mo, d, h = 0, mi = 0, sec = 0, oh, om = 0, sign;
	char date[11];

	if (strlen(s) < 10)
		return -1;
	memcpy(date, s, 10);
	date[10] = '\0';
	if (date_parse(date, &y, &mo, &d) != 0)
		return -1;
	s += 10;
	if (*s == '\0')
		return local_time(y, mo, d, 0, 0, 0, out);
	if (*s != 'T' && *s != ' ')
		return -1;
	s++;
	if (digits(&s, 2, &h) || *s++ != ':' || digits(&s, 2, &mi))
		return -1;
	if (*s == ':' && (s++, digits(&s, 2, &sec)))
		return -1;
	if (h > 23 || mi > 59 || sec > 60)
		return -1;
	if (*s == '\0')
		return local_time(y, mo, d, h, mi, sec, out);
	if (*s == 'Z' && s[1] == '\0') {
		oh = 0;
		sign = 1;
	} else if (*s == '+' || *s == '-') {
		sign = *s++ == '-' ? -1 : 1;
		if (digits(&s, 2, &oh))
			return -1;
		if (*s == ':')
			s++;
		if (*s != '\0' && digits(&s, 2, &om))
			return -1;
		if (*s != '\0' || oh > 23 || om > 59)
			return -1;
	} else
		return -1;
	/* In time_t from the first factor on: no 32-bit product. */
	*out = (time_t)days_from_civil(y, mo, d) * 86400 + (time_t)h * 3600 +
	    mi * 60 + sec - sign * (oh * 3600 + om * 60);
	return 0;
}

void
time_format_iso(time_t t, char *buf, size_t size)
{
	struct tm tm;
	long off;
	char sign;

	localtime_r(&t, &tm);
	off = tm.tm_gmtoff;
	sign = off < 0 ? '-' : '+';
	if (off < 0)
		off = -off;
	snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d:%02d%c%02ld:%02ld",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec, sign, off / 3600, off % 3600 / 60);
}

void
time_format_date(time_t t, char *buf, size_t size)
{
	struct tm tm;

	localtime_r(&t, &tm);
	snprintf(buf, size, "%04d-%02d-%02d", tm.tm_year + 1900,
	    tm.tm_mon + 1, tm.tm_mday);
}

void
time_format_local(time_t t, const char *fmt, char *buf, size_t size)
{
	struct tm tm;

	if (size == 0)
		return;
	/* fmt is checked at each call (OKNO_STRFTIME in okno.h). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	if (localtime_r(&t, &tm) == NULL || strftime(buf, size, fmt, &tm) == 0)
		buf[0] = '\0';
#pragma GCC diagnostic pop
}

const struct actor actor_system = { NULL, ROLE_SYSTEM };

/*
 * One masking rule for every place a phone is shown (lists, cards, the
 * client's slip): every digit but the last four hidden, the country code
 * kept: "+7 (916) 123-45-67" gives "+7 *** ***-45-67".  A phone of fewer
 * than four digits shows as "***"; "" stays "".  out is always terminated.
 */
void
text_mask_phone(const char *phone, char *out, size_t size)
{
	char digits[32], buf[64];
	size_t n = 0, k;
	int plus = 0;

	if (size == 0)
		return;
	out[0] = '\0';
	if (phone == NULL)
		return;
	for (const char *p = phone; *p != '\0'; p++) {
		if (*p == '+' && n == 0)
			plus = 1;
		if (isdigit((unsigned char)*p) && n < sizeof digits - 1)
			digits[n++] = *p;
	}
	digits[n] = '\0';
	if (n == 0) {
		if (*phone != '\0')
			strlcpy_(out, "***", size);
		return;
	}
	if (n < 4) {
		strlcpy_(out, "***", size);
		return;
	}
	/* The country code is what precedes the ten national digits. */
	buf[0] = '\0';
	if (n > 10) {
		k = n - 10;
		snprintf(buf, sizeof buf, "%s%.*s ", plus ? "+" : "", (int)k,
		    digits);
	}
	snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s***-%c%c-%c%c",
	    n >= 10 ? "*** " : "", digits[n - 4], digits[n - 3],
	    digits[n - 2], digits[n - 1]);
	strlcpy_(out, buf, size);
}

void
text_put_cell(FILE *fp, const char *s, size_t width)
{
	size_t chars = 0;
	const char *p;

	for (p = s; *p != '\0'; p++) {
		if (((unsigned char)*p & 0xc0) != 0x80) {
			if (chars == width)
				break;
			chars++;
		}
		fputc(*p, fp);
	}
	for (; chars < width; chars++)
		fputc(' ', fp);
}

/*
 * O_NONBLOCK: opening a FIFO for reading otherwise waits for a writer
 * (for ever); the flag is harmless on a regular file, where reads never
 * block anyway, and is cleared before the stream is made.
 */
FILE *
fopen_regular(const char *path, const char **why)
{
	struct stat st;
	FILE *fp;
	int fd, fl;

	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC |
	    O_NOCTTY)) == -1) {
		*why = strerror(errno);
		return NULL;
	}
	if (fstat(fd, &st) == -1) {
		*why = strerror(errno);
		close(fd);
		return NULL;
	}
	if (!S_ISREG(st.st_mode)) {
		*why = _("not a regular file (a FIFO, a device or a folder)");
		close(fd);
		return NULL;
	}
	if ((fl = fcntl(fd, F_GETFL)) != -1)
		(void)fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
	if ((fp = fdopen(fd, "r")) == NULL) {
		*why = strerror(errno);
		close(fd);
		return NULL;
	}
	return fp;
}
