/* hours.c: opening hours with the production calendar applied, the
 * ticket cut-off and the next opening (hours.h). */
#include <stdio.h>
#include <string.h>

#include "hours.h"

static const char *const kind_names[] = {
	"regular", "shortened", "working_weekend", "closed"
};

const char *
hours_kind_name(enum hours_kind k)
{
	return (unsigned)k < nitems(kind_names) ? kind_names[k] : "?";
}

const char *
hours_kind_label(enum hours_kind k)
{
	switch (k) {
	case HOURS_REGULAR:
		return _("regular");
	case HOURS_SHORTENED:
		return _("shortened");
	case HOURS_WORKING_WEEKEND:
		return _("working weekend");
	case HOURS_CLOSED:
		break;
	}
	return _("closed");
}

void
hours_fmt_minute(char *buf, size_t size, int min)
{
	if (min < 0)
		buf[0] = '\0';
	else
		snprintf(buf, size, "%02d:%02d", min / 60, min % 60);
}

int
hours_configured(const struct config *cfg)
{
	return cfg != NULL && cfg->hours.set;
}

/* Index into config_hours.open/close: 0 Monday .. 6 Sunday. */
static int
week_index(int y, int m, int d)
{
	return (calendar_weekday(y, m, d) + 6) % 7;
}

int
hours_day(const struct config *cfg, int y, int m, int d,
    struct hours_day *hd)
{
	const struct config_hours *h = &cfg->hours;
	enum calendar_mark mark;
	int wd, weekend, idx, rm, rd;

	memset(hd, 0, sizeof *hd);
	hd->open = hd->close = -1;
	if (!calendar_valid_date(y, m, d))
		return OKNO_EINVAL;
	mark = calendar_mark(cfg->cal, y, m, d, &hd->missing);
	if (!h->set) {
		hd->kind = HOURS_REGULAR;
		hd->open = 0;
		hd->close = 24 * 60;
		return OKNO_OK;
	}
	hd->kind = HOURS_CLOSED;
	if (mark == CALENDAR_MARK_OFF)
		return OKNO_OK;
	wd = calendar_weekday(y, m, d);
	weekend = wd == 0 || wd == 6;
	idx = week_index(y, m, d);
	hd->kind = HOURS_REGULAR;
	if (mark == CALENDAR_MARK_WORKING ||
	    (mark == CALENDAR_MARK_SHORT && weekend)) {
		/*
		 * A weekend made working stands in for the weekday whose
		 * rest moved: the calendar's day off with f naming this day.
		 */
		if (calendar_replaces(cfg->cal, y, m, d, &rm, &rd) &&
		    week_index(y, rm, rd) < 5)
			idx = week_index(y, rm, rd);
		else if (weekend)
			idx = 0;	/* Monday's, as SPEC says */
		hd->kind = HOURS_WORKING_WEEKEND;
	}
	hd->open = h->open[idx];
	hd->close = h->close[idx];
	if (mark == CALENDAR_MARK_SHORT) {
		hd->kind = HOURS_SHORTENED;
		if (hd->close >= 0)
			hd->close -= h->shortened;
	}
	if (hd->open < 0 || hd->close <= hd->open) {
		hd->kind = HOURS_CLOSED;
		hd->open = hd->close = -1;
	}
	return OKNO_OK;
}

time_t
hours_at(int y, int m, int d, int min)
{
	struct tm tm;

	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = min / 60;	/* 24:00 normalises to the next midnight */
	tm.tm_min = min % 60;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

/* The cut-off for service (index, or -1), minutes. */
static int
cutoff_of(const struct config *cfg, int service)
{
	int own = service >= 0 ? config_service_cutoff(cfg, service) : -1;

	return own >= 0 ? own : cfg->hours.cutoff;
}

int
hours_is_open(const struct config *cfg, time_t now, int service,
    struct hours_now *hn)
{
	struct hours_now local;
	struct hours_day hd;
	struct tm tm;
	int y, m, d;
	time_t opens, last;

	if (hn == NULL)
		hn = &local;
	memset(hn, 0, sizeof *hn);
	if (!hours_configured(cfg)) {
		hn->open = 1;
		return 1;
	}
	localtime_r(&now, &tm);
	y = tm.tm_year + 1900;
	m = tm.tm_mon + 1;
	d = tm.tm_mday;
	if (hours_day(cfg, y, m, d, &hd) != OKNO_OK ||
	    hd.kind == HOURS_CLOSED)
		return 0;
	hn->cutoff_min = cutoff_of(cfg, service);
	opens = hours_at(y, m, d, hd.open);
	hn->closes = hours_at(y, m, d, hd.close);
	last = hn->closes - (time_t)hn->cutoff_min * 60;
	if (now < opens || now >= hn->closes)
		return 0;
	if (now >= last) {
		hn->cutoff = 1;
		return 0;
	}
	hn->open = 1;
	return 1;
}

int
hours_next_open(const struct config *cfg, time_t now, time_t *at)
{
	struct hours_day hd;
	struct tm tm;
	long day;
	int y, m, d;

	*at = now;
	if (!hours_configured(cfg))
		return OKNO_OK;
	localtime_r(&now, &tm);
	day = calendar_day_number(tm.tm_year + 1900, tm.tm_mon + 1,
	    tm.tm_mday);
	for (int i = 0; i <= HOURS_SEARCH_DAYS; i++) {
		calendar_from_day_number(day + i, &y, &m, &d);
		if (hours_day(cfg, y, m, d, &hd) != OKNO_OK)
			return OKNO_NONE;	/* past 9999-12-31 */
		if (hd.kind == HOURS_CLOSED)
			continue;
		*at = hours_at(y, m, d, hd.open);
		if (*at > now)
			return OKNO_OK;
	}
	return OKNO_NONE;
}

int
hours_check_issue(const struct config *cfg, time_t now, int service,
    struct err *e)
{
	struct hours_now hn;
	struct tm tm;
	time_t next;
	char date[32], when[32], closes[32];

	if (hours_is_open(cfg, now, service, &hn))
		return OKNO_OK;
	if (hours_next_open(cfg, now, &next) != OKNO_OK)
		return err_set(e, OKNO_ECLOSED, _("the office is closed, and "
		    "no opening hours come within %d days"),
		    HOURS_SEARCH_DAYS);
	localtime_r(&next, &tm);
	snprintf(date, sizeof date, "%04d-%02d-%02d", tm.tm_year + 1900,
	    tm.tm_mon + 1, tm.tm_mday);
	snprintf(when, sizeof when, "%02d:%02d", tm.tm_hour, tm.tm_min);
	if (!hn.cutoff)
		return err_set(e, OKNO_ECLOSED, _("the office is closed; it "
		    "opens on %s at %s"), date, when);
	localtime_r(&hn.closes, &tm);
	snprintf(closes, sizeof closes, "%02d:%02d", tm.tm_hour, tm.tm_min);
	return err_set(e, OKNO_ECLOSED, _("the office is closed for new "
	    "tickets %d min before closing at %s; it opens on %s at %s"),
	    hn.cutoff_min, closes, date, when);
}
