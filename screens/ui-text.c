/* ui-text.c: text on the terminal: UTF-8 in, the locale's characters
 * out, clipped and padded to columns; wrapping, numbers as the office
 * reads them, the looks (attributes) and big block letters. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ui-int.h"

/* ---- text ---- */

/* Decodes one UTF-8 character; bad bytes become '?'. */
static const char *
u8_next(const char *s, wchar_t *wc)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned long c;
	int n, i;

	if (p[0] < 0x80) {
		*wc = p[0];
		return s + 1;
	}
	if ((p[0] & 0xe0) == 0xc0) {
		c = p[0] & 0x1f;
		n = 1;
	} else if ((p[0] & 0xf0) == 0xe0) {
		c = p[0] & 0x0f;
		n = 2;
	} else if ((p[0] & 0xf8) == 0xf0) {
		c = p[0] & 0x07;
		n = 3;
	} else {
		*wc = L'?';
		return s + 1;
	}
	for (i = 1; i <= n; i++) {
		if ((p[i] & 0xc0) != 0x80) {
			*wc = L'?';
			return s + i;
		}
		c = (c << 6) | (p[i] & 0x3f);
	}
	*wc = (wchar_t)c;
	return s + n + 1;
}

static size_t
u8_put(unsigned long c, char *out)
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xc0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xe0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		out[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (c >> 18));
	out[1] = (char)(0x80 | ((c >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((c >> 6) & 0x3f));
	out[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

/* The nearest ASCII of what the locale cannot show (KOI8-R has no
 * guillemets or dashes), else '?'. */
static wchar_t
wc_near(wchar_t wc)
{
	static const struct {
		wchar_t	from;
		wchar_t	to;
	} near[] = {
		{ 0x00ab, L'"' }, { 0x00bb, L'"' }, { 0x201c, L'"' },
		{ 0x201d, L'"' }, { 0x201e, L'"' }, { 0x2018, L'\'' },
		{ 0x2019, L'\'' }, { 0x2013, L'-' }, { 0x2014, L'-' },
		{ 0x2116, L'N' }, { 0x2026, L'.' }, { 0x00a0, L' ' },
	};

	for (size_t i = 0; i < nitems(near); i++)
		if (near[i].from == wc)
			return near[i].to;
	return L'?';
}

/* Columns of a wide character here; unshowable ones are replaced. */
static int
wc_cols(wchar_t *wc)
{
	int w = wcwidth(*wc);

	if (w >= 0)
		return w;
	*wc = wc_near(*wc);
	return 1;
}

int
ui_width(const char *s)
{
	wchar_t wc;
	int n = 0;

	while (*s != '\0') {
		s = u8_next(s, &wc);
		wc = text_safe_wc(wc);	/* as ui_text() shows it */
		n += wc_cols(&wc);
	}
	return n;
}

wchar_t
ui_cut_mark(void)
{
	/* U+2026 where the locale has it (UTF-8), else '~' (KOI8-R). */
	return wcwidth(0x2026) == 1 ? (wchar_t)0x2026 : L'~';
}

/* Whether only blanks are left in s: text cut there lost nothing. */
static int
rest_blank(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	return *s == '\0';
}

void
ui_clip(const char *s, int width, char *out, size_t size)
{
	const char *p = s, *keep = s, *prev;
	int cols = 0, cut = 0;
	wchar_t wc;

	while (*p != '\0') {
		prev = p;
		p = u8_next(p, &wc);
		wc = text_safe_wc(wc);
		cols += wc_cols(&wc);
		if (cols > width) {
			cut = !rest_blank(prev);
			break;
		}
		/* The longest start that leaves a column for the mark. */
		if (cols <= width - 1)
			keep = p;
	}
	if (!cut || width < 2) {
		strlcpy_(out, s, size);
		return;
	}
	{
		wchar_t m = ui_cut_mark();
		char mk[8];
		int n = u8_put((unsigned long)m, mk);

		mk[n] = '\0';
		snprintf(out, size, "%.*s%s", (int)(keep - s), s, mk);
	}
}

int
ui_text(WINDOW *w, int y, int x, int width, attr_t a, const char *s)
{
	wchar_t buf[512], wc;
	int maxx = getmaxx(w), cols = 0, n = 0, cut = 0;

	if (width < 0 || x + width > maxx)
		width = width < 0 ? maxx - x : maxx - x;
	if (width <= 0 || y < 0 || y >= getmaxy(w))
		return 0;
	while (*s != '\0' && n < (int)nitems(buf) - 2) {
		const char *prev = s;
		int cw;

		s = u8_next(s, &wc);
		if (wc == L'\t' || wc == L'\n')
			wc = L' ';
		if (wc < 0x20 || (wc >= 0x7f && wc < 0xa0))
			continue;
		/* ncurses writes wc in the locale's code page: nothing that
		 * becomes a control byte there (KOI8-R's 0x80-0x9F). */
		wc = text_safe_wc(wc);
		cw = wc_cols(&wc);
		if (cols + cw > width) {
			cut = !rest_blank(prev);
			break;
		}
		buf[n++] = wc;
		cols += cw;
	}
	/* Text cut at the width says so: its last column is the mark. */
	if (cut && width >= 2) {
		while (n > 0 && cols > width - 1) {
			wc = buf[--n];
			cols -= wc_cols(&wc);
		}
		buf[n++] = ui_cut_mark();
		cols++;
	}
	buf[n] = L'\0';
	wattrset(w, a);
	mvwaddnwstr(w, y, x, buf, n);
	for (; cols < width; cols++)
		waddch(w, ' ');
	wattrset(w, A_NORMAL);
	return cols;
}

int
ui_textf(WINDOW *w, int y, int x, int width, attr_t a, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	return ui_text(w, y, x, width, a, buf);
}

void
ui_center(WINDOW *w, int y, int x, int width, attr_t a, const char *s)
{
	int tw = ui_width(s), pad = (width - tw) / 2;

	if (pad < 0)
		pad = 0;
	/* Blank the whole span in one go, then the text: the padding
	 * keeps old longer text from staying around. */
	ui_text(w, y, x, pad, A_NORMAL, "");
	ui_text(w, y, x + pad, width - pad, a, s);
}

void
ui_right(WINDOW *w, int y, int x, int width, attr_t a, const char *s)
{
	int tw = ui_width(s), pad = width - tw;

	if (pad < 0)
		pad = 0;
	ui_text(w, y, x, pad, A_NORMAL, "");
	ui_text(w, y, x + pad, width - pad, a, s);
}

/*
 * Appends the k bytes at b to out (size bytes, *o of them used) when
 * they fit with room left for the final NUL; 0 when they do not, so a
 * conversion stops at a whole character.
 */
static int
ui_buf_add(char *out, size_t size, size_t *o, const char *b, size_t k)
{
	if (*o + k >= size)
		return 0;
	memcpy(out + *o, b, k);
	*o += k;
	return 1;
}

void
ui_u8_to_mb(const char *s, char *out, size_t size)
{
	mbstate_t ps;
	char tmp[MB_LEN_MAX];
	size_t o = 0, k;
	wchar_t wc;

	memset(&ps, 0, sizeof ps);
	while (*s != '\0') {
		s = u8_next(s, &wc);
		/* A form shows the field's bytes as they are. */
		if (wc != L'\n' && wc != L'\t')
			wc = text_safe_wc(wc);
		k = wcrtomb(tmp, wc, &ps);
		if (k == (size_t)-1) {
			memset(&ps, 0, sizeof ps);
			tmp[0] = (char)wc_near(wc);
			k = 1;
		}
		if (!ui_buf_add(out, size, &o, tmp, k))
			break;
	}
	if (size > 0)
		out[o] = '\0';
}

void
ui_mb_to_u8(const char *s, char *out, size_t size)
{
	mbstate_t ps;
	size_t o = 0, k;
	wchar_t wc;
	char tmp[4];

	memset(&ps, 0, sizeof ps);
	while (*s != '\0') {
		k = mbrtowc(&wc, s, strlen(s), &ps);
		if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
			memset(&ps, 0, sizeof ps);
			wc = L'?';
			k = 1;
		}
		s += k;
		k = u8_put((unsigned long)wc, tmp);
		if (!ui_buf_add(out, size, &o, tmp, k))
			break;
	}
	if (size > 0)
		out[o] = '\0';
}

/* Bytes of the UTF-8 character at s (1 for a bad or cut sequence). */
static size_t
u8_len(const char *s)
{
	unsigned char c = (unsigned char)s[0];
	size_t n, i;

	if (c < 0x80)
		n = 1;
	else if ((c & 0xe0) == 0xc0)
		n = 2;
	else if ((c & 0xf0) == 0xe0)
		n = 3;
	else if ((c & 0xf8) == 0xf0)
		n = 4;
	else
		return 1;
	for (i = 1; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			return 1;
	return n;
}

static void
push_line(char ***v, int *n, int *cap, const char *s, size_t len)
{
	char *line = xmalloc(len + 1);

	memcpy(line, s, len);
	line[len] = '\0';
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		*v = xreallocarray(*v, (size_t)*cap, sizeof **v);
	}
	(*v)[(*n)++] = line;
}

int
ui_wrap(const char *text, int width, char ***lines)
{
	const char *p = text != NULL ? text : "";
	char **v = NULL;
	int n = 0, cap = 0;

	if (width < 1)
		width = 1;
	for (;;) {
		const char *q = p, *brk = NULL, *end, *next;
		int cols = 0;

		while (*q != '\0' && *q != '\n') {
			size_t k = u8_len(q);
			char ch[8];
			int cw;

			memcpy(ch, q, k);
			ch[k] = '\0';
			cw = ui_width(ch);
			if (cols + cw > width)
				break;
			if (*q == ' ')
				brk = q;
			cols += cw;
			q += k;
		}
		end = next = q;
		if (*q != '\0' && *q != '\n') {
			/* Too long: break at the last blank, or inside a
			 * word longer than the line. */
			if (brk != NULL && brk > p) {
				end = brk;
				next = brk + 1;
			} else if (q == p)
				end = next = q + u8_len(q);
		} else if (*q == '\n')
			next = q + 1;
		push_line(&v, &n, &cap, p, (size_t)(end - p));
		if (*q == '\0' || *next == '\0')
			break;
		p = next;
	}
	*lines = v;
	return n;
}

void
ui_lines_free(char **v, int n)
{
	for (int i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void
ui_fmt_date(const char *iso, char *out, size_t size)
{
	int y, m, d;

	if (iso == NULL || date_parse(iso, &y, &m, &d) != 0) {
		snprintf(out, size, "%s", iso ? iso : "");
		return;
	}
	snprintf(out, size, "%02d.%02d.%04d", d, m, y);
}

void
ui_fmt_datetime(time_t t, char *out, size_t size)
{
	struct tm tm;

	if (t == 0) {
		snprintf(out, size, "%s", "");
		return;
	}
	localtime_r(&t, &tm);
	strftime(out, size, "%d.%m.%Y %H:%M", &tm);
}

void
ui_fmt_dur(long s, char *buf, size_t size)
{
	if (s < 0)
		s = 0;
	if (s >= 3600)
		snprintf(buf, size, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60,
		    s % 60);
	else
		snprintf(buf, size, "%02ld:%02ld", s / 60, s % 60);
}

void
ui_fmt_hm(time_t t, char *buf, size_t size)
{
	struct tm tm;

	localtime_r(&t, &tm);
	snprintf(buf, size, "%02d:%02d", tm.tm_hour, tm.tm_min);
}

/* ---- looks ---- */

enum { PAIR_HEADER = 1, PAIR_KEYLABEL, PAIR_URGENT, PAIR_WARN, PAIR_OK,
    PAIR_BIG, PAIR_SELECT };

void
ui_looks(struct ui *ui)
{
	attr_t *l = ui->look;

	/* Monochrome first: bold and reverse read on any vt100. */
	l[LOOK_NORMAL] = A_NORMAL;
	l[LOOK_HEADER] = A_REVERSE;
	l[LOOK_KEYNUM] = A_NORMAL;
	l[LOOK_KEYLABEL] = A_REVERSE;
	l[LOOK_TITLE] = A_BOLD;
	l[LOOK_URGENT] = A_REVERSE | A_BOLD;
	l[LOOK_WARN] = A_BOLD | A_UNDERLINE;
	l[LOOK_OK] = A_NORMAL;
	l[LOOK_DIM] = A_NORMAL;
	l[LOOK_BIG] = A_BOLD;
	l[LOOK_SELECT] = A_REVERSE;
	l[LOOK_FIELD] = A_UNDERLINE;
	ui->colors = has_colors() && start_color() == OK;
	if (!ui->colors)
		return;
	use_default_colors();
	init_pair(PAIR_HEADER, COLOR_WHITE, COLOR_BLUE);
	init_pair(PAIR_KEYLABEL, COLOR_BLACK, COLOR_CYAN);
	init_pair(PAIR_URGENT, COLOR_WHITE, COLOR_RED);
	init_pair(PAIR_WARN, COLOR_RED, -1);
	init_pair(PAIR_OK, COLOR_GREEN, -1);
	init_pair(PAIR_BIG, COLOR_YELLOW, -1);
	init_pair(PAIR_SELECT, COLOR_BLACK, COLOR_CYAN);
	l[LOOK_HEADER] = COLOR_PAIR(PAIR_HEADER) | A_BOLD;
	l[LOOK_KEYLABEL] = COLOR_PAIR(PAIR_KEYLABEL);
	l[LOOK_URGENT] = COLOR_PAIR(PAIR_URGENT) | A_BOLD;
	l[LOOK_WARN] = COLOR_PAIR(PAIR_WARN) | A_BOLD;
	l[LOOK_OK] = COLOR_PAIR(PAIR_OK);
	l[LOOK_BIG] = COLOR_PAIR(PAIR_BIG) | A_BOLD;
	l[LOOK_SELECT] = COLOR_PAIR(PAIR_SELECT);
	l[LOOK_DIM] = A_DIM;
}

attr_t
ui_attr(struct ui *ui, enum ui_look l)
{
	return ui->look[l];
}

/* ---- big letters ---- */

/* 4 columns by 5 rows; '#' is a block.  Drawn twice as wide. */
static const char *const big_digits[10][5] = {
	{ " ## ", "#  #", "#  #", "#  #", " ## " },
	{ " #  ", "##  ", " #  ", " #  ", "### " },
	{ "### ", "   #", " ## ", "#   ", "####" },
	{ "### ", "   #", " ## ", "   #", "### " },
	{ "#  #", "#  #", "####", "   #", "   #" },
	{ "####", "#   ", "### ", "   #", "### " },
	{ " ## ", "#   ", "### ", "#  #", " ## " },
	{ "####", "   #", "  # ", " #  ", " #  " },
	{ " ## ", "#  #", " ## ", "#  #", " ## " },
	{ " ## ", "#  #", " ###", "   #", " ## " },
};
static const char *const big_letters[26][5] = {
	{ " ## ", "#  #", "####", "#  #", "#  #" },	/* A */
	{ "### ", "#  #", "### ", "#  #", "### " },
	{ " ###", "#   ", "#   ", "#   ", " ###" },
	{ "### ", "#  #", "#  #", "#  #", "### " },
	{ "####", "#   ", "### ", "#   ", "####" },
	{ "####", "#   ", "### ", "#   ", "#   " },
	{ " ###", "#   ", "# ##", "#  #", " ###" },
	{ "#  #", "#  #", "####", "#  #", "#  #" },
	{ "### ", " #  ", " #  ", " #  ", "### " },
	{ "  ##", "   #", "   #", "#  #", " ## " },
	{ "#  #", "# # ", "##  ", "# # ", "#  #" },
	{ "#   ", "#   ", "#   ", "#   ", "####" },
	{ "#  #", "####", "####", "#  #", "#  #" },
	{ "#  #", "## #", "# ##", "#  #", "#  #" },
	{ " ## ", "#  #", "#  #", "#  #", " ## " },
	{ "### ", "#  #", "### ", "#   ", "#   " },
	{ " ## ", "#  #", "#  #", "# ##", " ###" },
	{ "### ", "#  #", "### ", "# # ", "#  #" },
	{ " ###", "#   ", " ## ", "   #", "### " },
	{ "####", " #  ", " #  ", " #  ", " #  " },
	{ "#  #", "#  #", "#  #", "#  #", " ## " },
	{ "#  #", "#  #", "#  #", " ## ", " ## " },
	{ "#  #", "#  #", "####", "####", "#  #" },
	{ "#  #", " ## ", " ## ", " ## ", "#  #" },
	{ "#  #", "#  #", " ###", "   #", " ## " },
	{ "####", "   #", " ## ", "#   ", "####" },	/* Z */
};

static const char *const *
big_glyph(char c)
{
	if (c >= '0' && c <= '9')
		return big_digits[c - '0'];
	if (c >= 'a' && c <= 'z')
		c = (char)(c - 'a' + 'A');
	if (c >= 'A' && c <= 'Z')
		return big_letters[c - 'A'];
	return NULL;
}

int
ui_big_width(const char *s)
{
	int w = 0;

	for (; *s; s++)
		if (big_glyph(*s) != NULL)
			w += w ? 10 : 8;
	return w;
}

void
ui_big(struct ui *ui, WINDOW *w, int y, int x, attr_t a, const char *s)
{
	cchar_t block;
	wchar_t wc[2] = { 0x2588, 0 };

	setcchar(&block, wc, a, PAIR_NUMBER(a), NULL);
	for (int row = 0; row < 5; row++) {
		int cx = x;

		for (const char *p = s; *p; p++) {
			const char *const *g = big_glyph(*p);

			if (g == NULL)
				continue;
			if (cx != x) {
				mvwaddstr(w, y + row, cx, "  ");
				cx += 2;
			}
			for (int col = 0; col < 4; col++, cx += 2) {
				if (g[row][col] != '#') {
					mvwaddstr(w, y + row, cx, "  ");
					continue;
				}
				if (ui->blocks) {
					mvwadd_wch(w, y + row, cx, &block);
					wadd_wch(w, &block);
				} else {
					wattrset(w, a | A_REVERSE);
					mvwaddstr(w, y + row, cx, "  ");
					wattrset(w, A_NORMAL);
				}
			}
		}
	}
}
