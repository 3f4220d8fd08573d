/* calendar.c: production calendars (xmlcalendar.ru XML, parsed with
 * expat) and deadline arithmetic on civil dates. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <expat.h>

#include "calendar.h"

/* A calendar file is a few kilobytes; anything huge is not one. */
#define CAL_MAX_SIZE	(1024 * 1024)

/* Day types as the XML has them; 0 means "not listed". */
enum { T_NONE = 0, T_OFF = 1, T_SHORT = 2, T_WORKING = 3 };

struct cal_year {
	int		 year;
	char		*source;	/* the file it came from */
	unsigned char	 t[12][31];	/* T_* by month and day */
	/*
	 * A day off moved from another day of the year (f="MM.DD"): that
	 * day as month * 32 + day, else 0.  It tells which weekday a
	 * working Saturday or Sunday stands in for (hours.c).
	 */
	unsigned short	 from[12][31];
};

struct calendar {
	struct cal_year	*years;		/* sorted by year */
	size_t		 nyears;
};

/* State of one expat parse. */
struct parse {
	XML_Parser	 xp;
	const char	*name;
	struct err	*e;
	int		 failed;
	int		 depth;
	struct cal_year	 y;
};

long
calendar_day_number(int y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
calendar_from_day_number(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp, yy;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	yy = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yy + (*m <= 2));
}

int
calendar_weekday(int y, int m, int d)
{
	long n = calendar_day_number(y, m, d);

	/* 1970-01-01 was a Thursday (4). */
	return (int)(((n % 7) + 7 + 4) % 7);
}

int
calendar_valid_date(int y, int m, int d)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1)
		return 0;
	return d <= mdays[m - 1] + (m == 2 && leap);
}

struct calendar *
calendar_new(void)
{
	return xcalloc(1, sizeof(struct calendar));
}

void
calendar_free(struct calendar *cal)
{
	if (cal == NULL)
		return;
	for (size_t i = 0; i < cal->nyears; i++)
		free(cal->years[i].source);
	free(cal->years);
	free(cal);
}

static const struct cal_year *
find_year(const struct calendar *cal, int year)
{
	if (cal == NULL)
		return NULL;
	for (size_t i = 0; i < cal->nyears; i++)
		if (cal->years[i].year == year)
			return &cal->years[i];
	return NULL;
}

/* Reports a mistake at expat's current line and stops the parse. */
static void OKNO_PRINTF(2, 3)
parse_fail(struct parse *p, const char *fmt, ...)
{
	char msg[400];
	va_list ap;

	if (p->failed)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	err_set(p->e, OKNO_ECONFIG, "%s:%lu: %s", p->name,
	    (unsigned long)XML_GetCurrentLineNumber(p->xp), msg);
	p->failed = 1;
	XML_StopParser(p->xp, XML_FALSE);
}

static const char *
attr(const XML_Char **atts, const char *name)
{
	for (; atts[0] != NULL; atts += 2)
		if (strcmp(atts[0], name) == 0)
			return atts[1];
	return NULL;
}

/* Exactly n decimal digits; -1 otherwise. */
static int
number(const char *s, size_t n)
{
	int v = 0;

	if (strlen(s) != n)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

static void
day_element(struct parse *p, const XML_Char **atts)
{
	const char *d = attr(atts, "d"), *t = attr(atts, "t"), *f;
	char mm[3], dd[3];
	int m, day, type, fm, fd;

	if (d == NULL || t == NULL) {
		parse_fail(p, _("<day> needs the attributes d and t"));
		return;
	}
	if (strlen(d) != 5 || d[2] != '.') {
		parse_fail(p, _("bad day \"%s\": expected MM.DD"), d);
		return;
	}
	memcpy(mm, d, 2);
	mm[2] = '\0';
	memcpy(dd, d + 3, 2);
	dd[2] = '\0';
	m = number(mm, 2);
	day = number(dd, 2);
	if (m < 0 || day < 0 || !calendar_valid_date(p->y.year, m, day)) {
		parse_fail(p, _("bad day \"%s\": no such date in %d"), d,
		    p->y.year);
		return;
	}
	type = number(t, 1);
	if (type < T_OFF || type > T_WORKING) {
		parse_fail(p, _("bad day type t=\"%s\": expected 1, 2 or 3"),
		    t);
		return;
	}
	if (p->y.t[m - 1][day - 1] != T_NONE) {
		parse_fail(p, _("day \"%s\" is listed twice"), d);
		return;
	}
	p->y.t[m - 1][day - 1] = (unsigned char)type;
	/*
	 * f only refines the opening hours of a working weekend day: a
	 * malformed one is ignored rather than failing a calendar that
	 * every deadline depends on.
	 */
	if ((f = attr(atts, "f")) != NULL && strlen(f) == 5 && f[2] == '.') {
		memcpy(mm, f, 2);
		memcpy(dd, f + 3, 2);
		fm = number(mm, 2);
		fd = number(dd, 2);
		if (fm > 0 && fd > 0 && calendar_valid_date(p->y.year, fm, fd))
			p->y.from[m - 1][day - 1] =
			    (unsigned short)(fm * 32 + fd);
	}
}

static void XMLCALL
start_element(void *data, const XML_Char *name, const XML_Char **atts)
{
	struct parse *p = data;
	const char *year;

	if (p->failed)
		return;
	if (p->depth++ == 0) {
		if (strcmp(name, "calendar") != 0) {
			parse_fail(p, _("not a production calendar: the root "
			    "element is <%s>, not <calendar>"), name);
			return;
		}
		year = attr(atts, "year");
		if (year == NULL || (p->y.year = number(year, 4)) < 1900) {
			parse_fail(p, _("<calendar> needs a year attribute "
			    "such as year=\"2026\""));
			return;
		}
	} else if (strcmp(name, "day") == 0)
		day_element(p, atts);
	/* Other elements (<holidays>, <days>) carry nothing we need. */
}

static void XMLCALL
end_element(void *data, const XML_Char *name)
{
	struct parse *p = data;

	(void)name;
	p->depth--;
}

/* Inserts y keeping the years sorted; the caller has checked uniqueness. */
static void
insert_year(struct calendar *cal, const struct cal_year *y)
{
	size_t i;

	cal->years = xreallocarray(cal->years, cal->nyears + 1,
	    sizeof *cal->years);
	for (i = cal->nyears; i > 0 && cal->years[i - 1].year > y->year; i--)
		cal->years[i] = cal->years[i - 1];
	cal->years[i] = *y;
	cal->nyears++;
}

int
calendar_add_buffer(struct calendar *cal, const char *name, const void *data,
    size_t size, struct err *e)
{
	struct parse p;
	const struct cal_year *dup;
	int rc = OKNO_OK;

	if (size > CAL_MAX_SIZE)
		return err_set(e, OKNO_ECONFIG,
		    _("%s: too large for a production calendar"), name);
	memset(&p, 0, sizeof p);
	p.name = name;
	p.e = e;
	if ((p.xp = XML_ParserCreate("UTF-8")) == NULL)
		return err_set(e, OKNO_EIO, _("%s: cannot create an XML "
		    "parser"), name);
	XML_SetUserData(p.xp, &p);
	XML_SetElementHandler(p.xp, start_element, end_element);
	if (XML_Parse(p.xp, data, (int)size, XML_TRUE) == XML_STATUS_ERROR &&
	    !p.failed) {
		err_set(e, OKNO_ECONFIG, "%s:%lu: %s", name,
		    (unsigned long)XML_GetCurrentLineNumber(p.xp),
		    XML_ErrorString(XML_GetErrorCode(p.xp)));
		p.failed = 1;
	}
	if (p.failed)
		rc = OKNO_ECONFIG;
	else if ((dup = find_year(cal, p.y.year)) != NULL)
		rc = err_set(e, OKNO_ESTATE, _("%s: the calendar for %d is "
		    "already loaded from %s"), name, p.y.year, dup->source);
	else {
		p.y.source = xstrdup(name);
		insert_year(cal, &p.y);
	}
	XML_ParserFree(p.xp);
	return rc;
}

int
calendar_add_file(struct calendar *cal, const char *path, struct err *e)
{
	FILE *fp;
	char *buf = NULL;
	const char *why;
	size_t len = 0, n;
	int rc;

	if ((fp = fopen_regular(path, &why)) == NULL)
		return err_set(e, OKNO_EIO, "%s: %s", path, why);
	buf = xmalloc(CAL_MAX_SIZE + 1);
	while ((n = fread(buf + len, 1, CAL_MAX_SIZE + 1 - len, fp)) > 0)
		len += n;
	if (ferror(fp))
		rc = err_set(e, OKNO_EIO, "%s: %s", path, strerror(errno));
	else
		rc = calendar_add_buffer(cal, path, buf, len, e);
	fclose(fp);
	free(buf);
	return rc;
}

int
calendar_load(struct calendar **out, char *const *paths, size_t n,
    struct err *e)
{
	struct calendar *cal = calendar_new();
	int rc;

	*out = NULL;
	for (size_t i = 0; i < n; i++) {
		if ((rc = calendar_add_file(cal, paths[i], e)) != OKNO_OK) {
			calendar_free(cal);
			return rc;
		}
	}
	*out = cal;
	return OKNO_OK;
}

size_t
calendar_nyears(const struct calendar *cal)
{
	return cal == NULL ? 0 : cal->nyears;
}

int
calendar_year_at(const struct calendar *cal, size_t i, const char **source)
{
	if (cal == NULL || i >= cal->nyears)
		return -1;
	if (source != NULL)
		*source = cal->years[i].source;
	return cal->years[i].year;
}

int
calendar_has_year(const struct calendar *cal, int year)
{
	return find_year(cal, year) != NULL;
}

/* The calendar's own word on a day, read by calendar_mark; an unlisted
 * day goes by its weekday. */
enum calendar_day
calendar_day(const struct calendar *cal, int y, int m, int d, int *missing)
{
	static const enum calendar_day by_mark[] = {
		[CALENDAR_MARK_OFF] = CALENDAR_DAYOFF,
		[CALENDAR_MARK_SHORT] = CALENDAR_SHORT,
		[CALENDAR_MARK_WORKING] = CALENDAR_WORKDAY,
	};
	enum calendar_mark mark = calendar_mark(cal, y, m, d, missing);
	int wd;

	if (mark != CALENDAR_MARK_NONE)
		return by_mark[mark];
	if (!calendar_valid_date(y, m, d))
		return CALENDAR_DAYOFF;
	wd = calendar_weekday(y, m, d);
	return wd == 0 || wd == 6 ? CALENDAR_DAYOFF : CALENDAR_WORKDAY;
}

enum calendar_mark
calendar_mark(const struct calendar *cal, int y, int m, int d, int *missing)
{
	const struct cal_year *cy = find_year(cal, y);

	if (missing != NULL)
		*missing = cy == NULL;
	if (cy == NULL || !calendar_valid_date(y, m, d))
		return CALENDAR_MARK_NONE;
	switch (cy->t[m - 1][d - 1]) {
	case T_OFF:
		return CALENDAR_MARK_OFF;
	case T_SHORT:
		return CALENDAR_MARK_SHORT;
	case T_WORKING:
		return CALENDAR_MARK_WORKING;
	default:
		return CALENDAR_MARK_NONE;
	}
}

int
calendar_replaces(const struct calendar *cal, int y, int m, int d, int *rm,
    int *rd)
{
	const struct cal_year *cy = find_year(cal, y);
	unsigned short key;

	if (cy == NULL || !calendar_valid_date(y, m, d))
		return 0;
	key = (unsigned short)(m * 32 + d);
	for (int i = 0; i < 12; i++)
		for (int j = 0; j < 31; j++)
			if (cy->from[i][j] == key && cy->t[i][j] == T_OFF) {
				*rm = i + 1;
				*rd = j + 1;
				return 1;
			}
	return 0;
}

int
calendar_is_working(const struct calendar *cal, int y, int m, int d,
    int *missing)
{
	return calendar_day(cal, y, m, d, missing) != CALENDAR_DAYOFF;
}

/* Is day number n working; remembers the first year found missing. */
static int
working(const struct calendar *cal, long n, int *missing_year)
{
	int y, m, d, missing;
	int w;

	calendar_from_day_number(n, &y, &m, &d);
	w = calendar_is_working(cal, y, m, d, &missing);
	if (missing && *missing_year == 0)
		*missing_year = y;
	return w;
}

/* A deadline is at most a few months off; this bounds any loop. */
#define DUE_MAX_DAYS	3660

int
calendar_due(const struct calendar *cal, int y, int m, int d, int ndays,
    enum calendar_days kind, int *dy, int *dm, int *dd, char *warning,
    size_t wsize)
{
	long n, last;
	int missing_year = 0;

	if (warning != NULL && wsize > 0)
		warning[0] = '\0';
	if (!calendar_valid_date(y, m, d))
		return OKNO_EINVAL;
	if (ndays < 0 || ndays > DUE_MAX_DAYS)
		return OKNO_EINVAL;
	n = calendar_day_number(y, m, d);
	/*
	 * Past 9999-12-31 every "date" is invalid, hence a day off, and the
	 * search for a working day would never end (a clock set to 9999
	 * hung `okno appeal add` inside its write transaction).  No answer
	 * is that far off anyway: stop after three deadlines' worth.
	 */
	last = calendar_day_number(9999, 12, 31);
	if (last > n + 3L * DUE_MAX_DAYS)
		last = n + 3L * DUE_MAX_DAYS;
	if (kind == CALENDAR_DAYS_WORKING && ndays > 0) {
		for (int left = ndays; left > 0; ) {
			if (++n > last)
				return OKNO_EINVAL;
			if (working(cal, n, &missing_year))
				left--;
		}
	} else {
		n += kind == CALENDAR_DAYS_WORKING ? 0 : ndays;
		while (!working(cal, n, &missing_year))
			if (++n > last)
				return OKNO_EINVAL;
	}
	calendar_from_day_number(n, dy, dm, dd);
	if (missing_year != 0 && warning != NULL && wsize > 0)
		snprintf(warning, wsize, _("no production calendar for %d: "
		    "weekends only"), missing_year);
	return OKNO_OK;
}
