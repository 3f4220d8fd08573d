/* calendar.c (fuzz): the production calendar parser on any bytes, and
 * deadlines counted over whatever calendar it accepted. */
#include "fuzz.h"
#include "calendar.h"

/* Checks one due date against its definition (calendar.h). */
static void
fuzz_calendar_due(const struct calendar *cal, int y, int m, int d,
    int ndays, enum calendar_days kind)
{
	char warning[128];
	int dy, dm, dd, rc, left;
	long from, due, n;

	rc = calendar_due(cal, y, m, d, ndays, kind, &dy, &dm, &dd, warning,
	    sizeof warning);
	if (rc != OKNO_OK)
		return;		/* refused: a date past the calendar's range */
	if (!calendar_valid_date(dy, dm, dd)) {
		fuzz_fail("calendar: due %d-%d-%d is no date", dy, dm, dd);
		return;
	}
	from = calendar_day_number(y, m, d);
	due = calendar_day_number(dy, dm, dd);
	if (!calendar_is_working(cal, dy, dm, dd, NULL))
		fuzz_fail("calendar: due %04d-%02d-%02d is a day off", dy, dm,
		    dd);
	if (kind == CALENDAR_DAYS_CALENDAR || ndays == 0) {
		n = from + (kind == CALENDAR_DAYS_CALENDAR ? ndays : 0);
		if (due < n)
			fuzz_fail("calendar: due before the deadline");
		for (; n < due; n++) {
			int yy, mm, ddd;

			calendar_from_day_number(n, &yy, &mm, &ddd);
			if (calendar_is_working(cal, yy, mm, ddd, NULL))
				fuzz_fail("calendar: %04d-%02d-%02d works, "
				    "yet the due date is later", yy, mm, ddd);
		}
		return;
	}
	/* Working days: exactly ndays of them in (from, due]. */
	for (left = 0, n = from + 1; n <= due; n++) {
		int yy, mm, ddd;

		calendar_from_day_number(n, &yy, &mm, &ddd);
		left += calendar_is_working(cal, yy, mm, ddd, NULL);
	}
	if (left != ndays)
		fuzz_fail("calendar: %d working days to the due date, not %d",
		    left, ndays);
}

static int
fuzz_calendar(const uint8_t *data, size_t size)
{
	struct calendar *cal = calendar_new();
	struct err e;
	int rc, year;

	err_clear(&e);
	rc = calendar_add_buffer(cal, "fuzz.xml", data, size, &e);
	if (rc != OKNO_OK) {
		if (calendar_nyears(cal) != 0)
			fuzz_fail("calendar: a failed load added a year");
		if (strncmp(e.msg, "fuzz.xml", 8) != 0)
			fuzz_fail("calendar: message \"%s\" names no file",
			    e.msg);
		calendar_free(cal);
		return 0;
	}
	if (calendar_nyears(cal) != 1) {
		fuzz_fail("calendar: %zu years from one file",
		    calendar_nyears(cal));
		calendar_free(cal);
		return 0;
	}
	year = calendar_year_at(cal, 0, NULL);
	if (!calendar_has_year(cal, year))
		fuzz_fail("calendar: year %d loaded but not found", year);
	/* The same year twice is refused and changes nothing. */
	if (calendar_add_buffer(cal, "again.xml", data, size, &e) == OKNO_OK ||
	    calendar_nyears(cal) != 1)
		fuzz_fail("calendar: year %d loaded twice", year);
	/* Deadlines from both ends of the year and its middle. */
	for (int i = 0; i < 3; i++) {
		static const int md[3][2] = { { 1, 1 }, { 6, 15 }, { 12, 31 } };
		static const int nd[] = { 0, 1, 10, 30 };

		for (size_t j = 0; j < nitems(nd); j++) {
			fuzz_calendar_due(cal, year, md[i][0], md[i][1], nd[j],
			    CALENDAR_DAYS_CALENDAR);
			fuzz_calendar_due(cal, year, md[i][0], md[i][1], nd[j],
			    CALENDAR_DAYS_WORKING);
		}
	}
	calendar_free(cal);
	return 0;
}

FUZZ_TARGET(fuzz_calendar)
