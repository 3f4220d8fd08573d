/* ui.c: the UI's main loop, screen stack, live polling, header, key bar,
 * message line, text output and the idle lock.
 *
 * One process per terminal.  The loop blocks in wget_wch() with a 250 ms
 * timeout; each round it reads PRAGMA data_version (another terminal
 * committed) and the clock, lets the top screen redraw what changed, and
 * calls doupdate() once.  Screens draw into their windows without
 * clearing them, so ncurses sends only the cells that changed: that is
 * what keeps a 9600 baud line usable.
 */
#include <errno.h>
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "appeal.h"
#include "office.h"
#include "ui-int.h"

/* Poll period: a change elsewhere shows within a second. */
#define UI_POLL_MS	250
/* ESC then a digit within this many ms is an F-key (MC's convention);
 * also the longest gap between two bytes of one escape sequence. */
#define UI_ESC_MS	600
/* Bytes of an escape sequence kept for its look-up; a longer one is
 * still read to its end, and is no key okno knows. */
#define UI_SEQ_MAX	32
/* wget_wch failing this often at once means the terminal has gone. */
#define UI_HANGUP_ERRS	50

static volatile sig_atomic_t ui_sig_quit;

/* Signal handlers only set a flag; the loop looks at it. */
static void
ui_on_signal(int sig)
{
	(void)sig;
	ui_sig_quit = 1;
}

static double
mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

time_t
ui_now(struct ui *ui)
{
	return ui->o.fixed_clock ? ui->o.now : time(NULL) +
	    ui->o.cfg->clock_offset;
}

struct ctx *
ui_ctx(struct ui *ui)
{
	ui->ctx.now = ui_now(ui);
	return &ui->ctx;
}

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

int
ui_text(WINDOW *w, int y, int x, int width, attr_t a, const char *s)
{
	wchar_t buf[512], wc;
	int maxx = getmaxx(w), cols = 0, n = 0;

	if (width < 0 || x + width > maxx)
		width = width < 0 ? maxx - x : maxx - x;
	if (width <= 0 || y < 0 || y >= getmaxy(w))
		return 0;
	while (*s != '\0' && n < (int)nitems(buf) - 1) {
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
		if (cols + cw > width)
			break;
		buf[n++] = wc;
		cols += cw;
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
		if (o + k >= size)
			break;
		memcpy(out + o, tmp, k);
		o += k;
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
		if (o + k >= size)
			break;
		memcpy(out + o, tmp, k);
		o += k;
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

static void
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

/* ---- header, message line, key bar ---- */

#define UI_CLOCK_W	16	/* "30.12.2026 10:15" */

static void
ui_header_clock(struct ui *ui)
{
	char buf[32];
	time_t now = ui_now(ui);
	struct tm tm;
	int cols = getmaxx(ui->head);

	localtime_r(&now, &tm);
	strftime(buf, sizeof buf, "%d.%m.%Y %H:%M", &tm);
	if (cols > UI_CLOCK_W + 1)
		ui_text(ui->head, 0, cols - UI_CLOCK_W - 1, UI_CLOCK_W + 1,
		    ui_attr(ui, LOOK_HEADER), buf);
	ui->shown_min = (long)(now / 60);
}

static struct ui_frame *ui_top(struct ui *);

/*
 * The appeal counts are for staff: every screen of a logged-in user but
 * the client-facing ticket terminal (a supervisor may open it from the
 * hall; clients read it).
 */
static int
ui_counts_shown(struct ui *ui)
{
	struct ui_frame *f = ui_top(ui);

	return ui->logged_in && f != NULL && f->s != &screen_kiosk &&
	    f->s != &screen_login;
}

/* Reads the counts again: after a commit anywhere, and every minute,
 * since an appeal falls overdue when the date changes, not the data. */
static void
ui_counts_load(struct ui *ui)
{
	struct err e;

	if (!ui_counts_shown(ui))
		return;
	err_clear(&e);
	if (appeal_counts(ui_ctx(ui), &ui->overdue, &ui->due_today, &e) !=
	    OKNO_OK)
		ui->overdue = ui->due_today = -1;
}

/*
 * The header: branch, the appeal counts, the user, the clock.  The
 * counts take their place before the branch name, which is clipped
 * first: at 80 columns they are short ("overdue 1 · today 0").  The
 * overdue count stands out when not zero: white on red in colour, and
 * without colour a bold gap in the reverse bar.
 */
static void
ui_header(struct ui *ui)
{
	char left[256], right[128], over[64] = "", today[64] = "";
	int cols = getmaxx(ui->head), rw, ow = 0, tw = 0, x;
	attr_t hl = ui_attr(ui, LOOK_HEADER);

	snprintf(left, sizeof left, " okno · %s", ui->o.cfg->branch_name ?
	    ui->o.cfg->branch_name : ui->o.cfg->branch_code);
	if (ui->logged_in)
		snprintf(right, sizeof right, "%s (%s)  ", ui->login,
		    _(auth_role_name(ui->actor.role)));
	else
		right[0] = '\0';
	if (ui_counts_shown(ui) && ui->overdue >= 0) {
		if (cols >= 100) {
			snprintf(over, sizeof over, _(" appeals overdue: %d "),
			    ui->overdue);
			snprintf(today, sizeof today, _(" due today: %d  "),
			    ui->due_today);
		} else {
			snprintf(over, sizeof over, _(" overdue %d "),
			    ui->overdue);
			snprintf(today, sizeof today, _("· today %d  "),
			    ui->due_today);
		}
		ow = ui_width(over);
		tw = ui_width(today);
	}
	rw = ui_width(right);
	x = cols - UI_CLOCK_W - 1 - rw - tw - ow;
	if (x < 12) {		/* too narrow: the counts go first */
		x += ow + tw;
		ow = tw = 0;
	}
	/*
	 * A name that does not fit loses "okno · " first, then its end to
	 * an ellipsis, and keeps a blank before the counts: "Клиентский
	 * офи overdue 1" read as one phrase.
	 */
	if (ui_width(left) > x - 1 && ui->o.cfg->branch_name != NULL)
		snprintf(left, sizeof left, " %s", ui->o.cfg->branch_name);
	if (ui_width(left) > x - 1 && x >= 3) {
		ui_text(ui->head, 0, 0, x - 2, hl, left);
		ui_text(ui->head, 0, x - 2, 2, hl, "\xe2\x80\xa6");
	} else
		ui_text(ui->head, 0, 0, x, hl, left);
	if (ow > 0) {
		ui_text(ui->head, 0, x, ow, ui->overdue == 0 ? hl :
		    ui->colors ? ui_attr(ui, LOOK_URGENT) : A_BOLD, over);
		ui_text(ui->head, 0, x + ow, tw, hl, today);
	}
	ui_text(ui->head, 0, x + ow + tw, rw, hl, right);
	ui_header_clock(ui);
}

static void
ui_msg_draw(struct ui *ui)
{
	ui_text(ui->msgw, 0, 0, getmaxx(ui->msgw),
	    ui_attr(ui, ui->msg_look), ui->msg);
	ui->msg_shown = 1;
}

void
ui_status(struct ui *ui, enum ui_look look, const char *fmt, ...)
{
	va_list ap;

	ui->msg[0] = ' ';
	va_start(ap, fmt);
	vsnprintf(ui->msg + 1, sizeof ui->msg - 1, fmt, ap);
	va_end(ap);
	if (ui->msg[1] == '\0')
		ui->msg[0] = '\0';
	ui->msg_look = look;
	ui->msg_shown = 0;
}

void
ui_status_err(struct ui *ui, const struct err *e)
{
	ui_status(ui, LOOK_WARN, "%s", e->msg);
}

int
ui_may(struct ui *ui, enum auth_right r)
{
	struct err e;

	err_clear(&e);
	if (auth_may(&ui->actor, r, &e) == OKNO_OK)
		return 1;
	ui_status_err(ui, &e);
	return 0;
}

int
ui_scroll(int key, int *pos, int page, int end)
{
	switch (key) {
	case KEY_UP:
		(*pos)--;
		return 1;
	case KEY_DOWN:
		(*pos)++;
		return 1;
	case KEY_PPAGE:
		*pos -= page;
		return 1;
	case KEY_NPAGE:
		*pos += page;
		return 1;
	case KEY_HOME:
		*pos = 0;
		return 1;
	case KEY_END:
		*pos = end;
		return 1;
	}
	return 0;
}

void
ui_keybar(struct ui *ui, const struct ui_binding *b)
{
	int cols = getmaxx(ui->bar), slot = cols / 10, x;
	char num[16];

	if (slot < 4)
		slot = 4;
	for (int k = 1; k <= 10; k++) {
		const char *label = "";

		for (const struct ui_binding *p = b; p && p->action; p++)
			if (p->fkey == k) {
				label = _(p->label);
				break;
			}
		x = (k - 1) * slot;
		if (x >= cols)
			break;
		snprintf(num, sizeof num, "%d", k);
		x += ui_text(ui->bar, 0, x, (int)strlen(num),
		    ui_attr(ui, LOOK_KEYNUM), num);
		{
			/* One blank before the next number keeps labels
			 * apart; the label is clipped to leave it. */
			int lw = (k == 10 ? cols - x : k * slot - x);
			int n = ui_text(ui->bar, 0, x, k == 10 ? lw : lw - 1,
			    ui_attr(ui, LOOK_KEYLABEL), label);

			ui_text(ui->bar, 0, x + n, lw - n,
			    ui_attr(ui, label[0] ? LOOK_KEYLABEL : LOOK_NORMAL),
			    "");
		}
	}
}

/* ---- keys ---- */

/* Russian ЙЦУКЕН letters to the Latin keys in the same places, so
 * letter shortcuts work whichever layout the keyboard is in. */
static wint_t
key_latin(wint_t c)
{
	static const wchar_t ru[] = L"йцукенгшщзфывапролдячсмитьЙЦУКЕНГШЩЗФЫВАПРОЛДЯЧСМИТЬ";
	static const char lat[] = "qwertyuiopasdfghjklzxcvbnmqwertyuiopasdfghjklzxcvbnm";

	for (size_t i = 0; ru[i] != L'\0'; i++)
		if ((wint_t)ru[i] == c)
			return (wint_t)(unsigned char)lat[i];
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 'a';
	return c;
}

static enum ui_action
key_match(const struct ui_binding *b, int type, wint_t ch)
{
	wint_t lc;

	if (b == NULL)
		return UA_NONE;
	if (type == KEY_CODE_YES) {
		for (; b->action; b++)
			if (b->fkey > 0 && ch == (wint_t)KEY_F(b->fkey))
				return b->action;
		return UA_NONE;
	}
	lc = key_latin(ch);
	for (; b->action; b++)
		if (b->alt != NULL && lc < 0x80 && lc > ' ' &&
		    strchr(b->alt, (int)lc) != NULL)
			return b->action;
	return UA_NONE;
}

/*
 * Standard key sequences a terminal entry may lack.  TERM=vt100 knows
 * ESC O A... and PF1-PF4 only, but PuTTY, tmux, xterm and the Linux
 * console send the vt220/PC sequences for the keys a vt100 lacks (PgUp
 * is ESC [ 5 ~, F10 ESC [ 2 1 ~).  ui_keys_define() binds each one that
 * the entry leaves free; ui_seq_read() looks them up when their bytes
 * come too slowly for ncurses to match them.
 */
static const struct {
	const char	*seq;
	int		 key;
} ui_std_keys[] = {
	{ "\033[1~", KEY_HOME }, { "\033[2~", KEY_IC }, { "\033[3~", KEY_DC },
	{ "\033[4~", KEY_END }, { "\033[5~", KEY_PPAGE },
	{ "\033[6~", KEY_NPAGE }, { "\033[7~", KEY_HOME },	/* rxvt */
	{ "\033[8~", KEY_END },
	{ "\033[11~", KEY_F(1) }, { "\033[12~", KEY_F(2) },
	{ "\033[13~", KEY_F(3) }, { "\033[14~", KEY_F(4) },
	{ "\033[15~", KEY_F(5) }, { "\033[17~", KEY_F(6) },
	{ "\033[18~", KEY_F(7) }, { "\033[19~", KEY_F(8) },
	{ "\033[20~", KEY_F(9) }, { "\033[21~", KEY_F(10) },
	{ "\033[23~", KEY_F(11) }, { "\033[24~", KEY_F(12) },
	{ "\033OP", KEY_F(1) }, { "\033OQ", KEY_F(2) }, { "\033OR", KEY_F(3) },
	{ "\033OS", KEY_F(4) },
	{ "\033[[A", KEY_F(1) }, { "\033[[B", KEY_F(2) },	/* Linux console */
	{ "\033[[C", KEY_F(3) }, { "\033[[D", KEY_F(4) },
	{ "\033[[E", KEY_F(5) },
	{ "\033[A", KEY_UP }, { "\033[B", KEY_DOWN }, { "\033[C", KEY_RIGHT },
	{ "\033[D", KEY_LEFT }, { "\033[H", KEY_HOME }, { "\033[F", KEY_END },
	{ "\033OA", KEY_UP }, { "\033OB", KEY_DOWN }, { "\033OC", KEY_RIGHT },
	{ "\033OD", KEY_LEFT }, { "\033OH", KEY_HOME }, { "\033OF", KEY_END },
};

/* Binds the standard sequences the terminal entry does not know (a
 * sequence it binds, or a prefix of one, stays as the entry says). */
static void
ui_keys_define(void)
{
	for (size_t i = 0; i < nitems(ui_std_keys); i++)
		if (key_defined(ui_std_keys[i].seq) == 0)
			(void)define_key(ui_std_keys[i].seq,
			    ui_std_keys[i].key);
}

/*
 * Reads the rest of an escape sequence whose ESC and intro ('[' for
 * CSI, 'O' for SS3) were read: parameter bytes 0x30-0x3F, intermediate
 * bytes 0x20-0x2F, then one final byte 0x40-0x7E (ECMA-48); the Linux
 * console's ESC [ [ A takes one byte after the second '['.  Returns the
 * key code the sequence is bound to, or 0 when it is no key okno knows:
 * then it has been read whole and must be dropped, so that no byte of
 * it (the 5 of PgUp's ESC [ 5 ~) acts as a key.  A byte that cannot be
 * in a sequence, or a pause of UI_ESC_MS, ends it unknown; such a byte
 * is put back to be read as a key of its own.
 */
static int
ui_seq_read(struct ui *ui, wint_t intro)
{
	char seq[UI_SEQ_MAX + 1];
	size_t n = 0;
	int r, whole = 0, fits = 1;
	wint_t c;

	seq[n++] = '\033';
	seq[n++] = (char)intro;
	wtimeout(ui->in, UI_ESC_MS);
	for (;;) {
		r = wget_wch(ui->in, &c);
		if (r == ERR)
			break;
		if (r == KEY_CODE_YES) {
			ungetch((int)c);
			break;
		}
		if (c < 0x20 || c > 0x7e) {
			unget_wch((wchar_t)c);
			break;
		}
		if (n < UI_SEQ_MAX)
			seq[n++] = (char)c;
		else
			fits = 0;
		if (intro == '[' && n == 3 && c == '[')
			continue;	/* ESC [ [: one more byte ends it */
		if (c >= 0x40 || (intro == '[' && n == 4 && seq[2] == '[')) {
			whole = 1;
			break;
		}
	}
	wtimeout(ui->in, UI_POLL_MS);
	seq[n] = '\0';
	if (whole && fits && (r = key_defined(seq)) > 0)
		return r;
	return 0;
}

/* ---- boxes ---- */

static void
ui_box_make(struct ui *ui, struct ui_box *b)
{
	int y, x, h = b->h, w = b->w;

	(void)ui;
	if (h > LINES)
		h = LINES;
	if (w > COLS)
		w = COLS;
	y = b->y >= 0 ? b->y : (LINES - h) / 2;
	x = b->x >= 0 ? b->x : (COLS - w) / 2;
	if (y + h > LINES)
		y = LINES - h;
	if (x + w > COLS)
		x = COLS - w;
	if (b->win == NULL) {
		b->win = newwin(h, w, y, x);
		b->pan = new_panel(b->win);
	} else {
		WINDOW *old = b->win;

		b->win = newwin(h, w, y, x);
		replace_panel(b->pan, b->win);
		delwin(old);
	}
	leaveok(b->win, TRUE);
	keypad(b->win, TRUE);
}

void
ui_box_frame(struct ui *ui, struct ui_box *b)
{
	int w = getmaxx(b->win);

	(void)ui;
	werase(b->win);
	if (b->noframe)
		return;
	box(b->win, 0, 0);
	if (b->title[0] != '\0') {
		char t[160];
		int tw;

		snprintf(t, sizeof t, " %s ", b->title);
		tw = ui_width(t);
		if (tw > w - 4)
			tw = w - 4;
		ui_text(b->win, 0, (w - tw) / 2, tw, A_BOLD, t);
	}
}

void
ui_box_open(struct ui *ui, struct ui_box *b, int h, int w, const char *title)
{
	b->h = h;
	b->w = w;
	b->y = b->x = -1;
	b->noframe = 0;
	b->place = NULL;
	strlcpy_(b->title, title ? title : "", sizeof b->title);
	b->win = NULL;
	ui_box_make(ui, b);
	ui_box_frame(ui, b);
	b->next = ui->boxes;
	ui->boxes = b;
}

void
ui_box_close(struct ui *ui, struct ui_box *b)
{
	struct ui_box **pp;

	for (pp = &ui->boxes; *pp != NULL; pp = &(*pp)->next)
		if (*pp == b) {
			*pp = b->next;
			break;
		}
	if (b->pan != NULL)
		del_panel(b->pan);
	if (b->win != NULL)
		delwin(b->win);
	/* del_panel() has the panel library repaint what the box covered;
	 * ncurses then sends only the cells that differ. */
	b->pan = NULL;
	b->win = NULL;
}

void
ui_box_move(struct ui *ui, struct ui_box *b, int y, int x, int h, int w)
{
	b->y = y;
	b->x = x;
	b->h = h;
	b->w = w;
	ui_box_make(ui, b);
	ui_box_frame(ui, b);
	if (b->place != NULL)
		b->place(ui, b);
}

static void
ui_boxes_place(struct ui *ui, struct ui_box *b)
{
	/* Oldest first, so newer boxes stay on top. */
	if (b == NULL)
		return;
	ui_boxes_place(ui, b->next);
	ui_box_make(ui, b);
	ui_box_frame(ui, b);
	if (b->place != NULL)
		b->place(ui, b);
}

/* ---- screens ---- */

static struct ui_frame *
ui_top(struct ui *ui)
{
	return ui->depth > 0 ? &ui->stack[ui->depth - 1] : NULL;
}

void
ui_keybar_top(struct ui *ui)
{
	if (ui->depth > 0)
		ui_keybar(ui, ui_top(ui)->s->keys);
}

static void
ui_pend(struct ui *ui, int op, enum ui_screen_id id, const void *arg)
{
	ui->pend_op = op;
	ui->pend_id = id;
	ui->pend_arg = arg;
}

void
ui_push(struct ui *ui, enum ui_screen_id id, const void *arg)
{
	ui_pend(ui, 'p', id, arg);
}

void
ui_pop(struct ui *ui)
{
	ui_pend(ui, 'P', SCR_LOGIN, NULL);
}

void
ui_replace(struct ui *ui, enum ui_screen_id id, const void *arg)
{
	ui_pend(ui, 'r', id, arg);
}

void
ui_logout(struct ui *ui)
{
	ui_pend(ui, 'h', SCR_LOGIN, NULL);
}

void
ui_set_user(struct ui *ui, const struct user *u)
{
	strlcpy_(ui->login, u->login, sizeof ui->login);
	ui->actor.login = ui->login;
	ui->actor.role = u->role;
	ui->logged_in = 1;
	ui->last_key = mono();
}

static void
ui_frame_free(struct ui_frame *f)
{
	if (f->s != NULL && f->s->free != NULL)
		f->s->free(f->st);
	f->s = NULL;
	f->st = NULL;
}

/* Makes the new top screen visible. */
static void
ui_show_top(struct ui *ui)
{
	struct ui_frame *f = ui_top(ui);

	werase(ui->body);
	ui_header(ui);
	if (f != NULL)
		ui_keybar(ui, f->s->keys);
	ui->dirty |= UI_DRAW_ALL | UI_DRAW_DATA | UI_DRAW_CLOCK;
}

static int
ui_frame_init(struct ui *ui, struct ui_frame *f, enum ui_screen_id id,
    const void *arg)
{
	f->s = ui_screens[id];
	f->st = NULL;
	if (f->s->init(ui, &f->st, arg) != 0) {
		f->s = NULL;
		return -1;
	}
	return 0;
}

/* Applies a screen change asked for during the last key. */
static void
ui_apply(struct ui *ui)
{
	struct ui_frame nf;
	int op = ui->pend_op;

	ui->pend_op = 0;
	switch (op) {
	case 'p':
		if (ui->depth == UI_DEPTH)
			return;
		if (ui_frame_init(ui, &nf, ui->pend_id, ui->pend_arg) != 0)
			return;
		ui->stack[ui->depth++] = nf;
		break;
	case 'r':
		if (ui_frame_init(ui, &nf, ui->pend_id, ui->pend_arg) != 0)
			return;
		if (ui->depth > 0)
			ui_frame_free(&ui->stack[--ui->depth]);
		ui->stack[ui->depth++] = nf;
		break;
	case 'P':
		if (ui->depth > 0)
			ui_frame_free(&ui->stack[--ui->depth]);
		break;
	case 'h':
		while (ui->depth > 0)
			ui_frame_free(&ui->stack[--ui->depth]);
		ui->logged_in = 0;
		ui->login[0] = '\0';
		ui->actor.login = NULL;
		ui->actor.role = ROLE_KIOSK;
		/* The last user's message is theirs (it may name an
		 * appeal): the next one starts on a clean line. */
		ui_status(ui, LOOK_NORMAL, "%s", "");
		if (ui_frame_init(ui, &nf, SCR_LOGIN, NULL) == 0)
			ui->stack[ui->depth++] = nf;
		break;
	default:
		return;
	}
	ui_show_top(ui);
}

int
ui_role_home(struct ui *ui, struct err *e)
{
	/* The console's argument; its init copies it (ui_apply runs it
	 * before this function is called again). */
	static int window;

	switch (ui->o.mode) {
	case UI_MODE_WINDOW:
		if (auth_may(&ui->actor, AUTH_WORK_WINDOW, e) != OKNO_OK)
			return e->code;
		window = ui->o.window;
		ui_replace(ui, SCR_CONSOLE, &window);
		return OKNO_OK;
	case UI_MODE_HALL:
		if (auth_may(&ui->actor, AUTH_VIEW_HALL, e) != OKNO_OK)
			return e->code;
		ui_replace(ui, SCR_HALL, NULL);
		return OKNO_OK;
	case UI_MODE_KIOSK:
	case UI_MODE_LOGIN:
		break;
	}
	if (auth_may(&ui->actor, AUTH_VIEW_HALL, e) == OKNO_OK) {
		ui_replace(ui, SCR_HALL, NULL);
		return OKNO_OK;
	}
	if (auth_may(&ui->actor, AUTH_WORK_WINDOW, e) != OKNO_OK)
		return e->code;
	/* A manager picks the window he sits at. */
	{
		const struct config *cfg = ui->o.cfg;
		char **labels = xcalloc(cfg->nwindows, sizeof *labels);
		int i;

		for (size_t k = 0; k < cfg->nwindows; k++) {
			const struct config_window *w = &cfg->windows[k];
			char svc[256] = "";

			for (size_t j = 0; j < w->nservices; j++) {
				if (j > 0)
					strlcpy_(svc + strlen(svc), ", ",
					    sizeof svc - strlen(svc));
				strlcpy_(svc + strlen(svc),
				    cfg->services[w->services[j]].code,
				    sizeof svc - strlen(svc));
			}
			labels[k] = xasprintf(_("Window %d  (%s)"), w->number,
			    svc);
		}
		i = ui_choose(ui, _("Your window"),
		    (const char *const *)labels, (int)cfg->nwindows, 0);
		for (size_t k = 0; k < cfg->nwindows; k++)
			free(labels[k]);
		free(labels);
		if (i < 0)
			return err_set(e, OKNO_NONE, _("no window chosen"));
		window = cfg->windows[i].number;
		ui_replace(ui, SCR_CONSOLE, &window);
	}
	return OKNO_OK;
}

/* ---- live loop ---- */

void
ui_changed(struct ui *ui)
{
	struct err e;

	/* Our own commits do not move data_version: redraw ourselves. */
	ui->dirty |= UI_DRAW_DATA;
	/* Whoever changes the queue brings the board up to date (SPEC).
	 * A board fault is a line on the screen, never stderr under
	 * curses; the device layer records it as a device event. */
	err_clear(&e);
	if (office_changed(ui_ctx(ui), &e) != OKNO_OK)
		ui_status(ui, LOOK_WARN, _("board: %s"), e.msg);
}

/* Polls, redraws what changed, sends it to the terminal. */
void
ui_flush(struct ui *ui)
{
	struct ui_frame *f = ui_top(ui);
	int64_t v = db_data_version(ui->o.db);
	time_t now = ui_now(ui);

	if (v != ui->dver) {
		ui->dver = v;
		ui->dirty |= UI_DRAW_DATA;
	}
	if (now != ui->shown) {
		ui->shown = now;
		ui->dirty |= UI_DRAW_CLOCK;
	}
	if ((ui->dirty & UI_DRAW_DATA) || now / 60 != ui->shown_min) {
		ui_counts_load(ui);
		ui_header(ui);
	}
	if (ui->dirty && f != NULL) {
		unsigned what = ui->dirty;

		ui->dirty = 0;
		f->s->draw(ui, f->st, what);
	}
	if (!ui->msg_shown)
		ui_msg_draw(ui);
	update_panels();
	doupdate();
}

static void
ui_layout(struct ui *ui)
{
	int rows = LINES < 4 ? 4 : LINES;

	wresize(ui->head, 1, COLS);
	wresize(ui->body, rows - 3, COLS);
	wresize(ui->msgw, 1, COLS);
	wresize(ui->bar, 1, COLS);
	replace_panel(ui->phead, ui->head);
	replace_panel(ui->pbody, ui->body);
	replace_panel(ui->pmsg, ui->msgw);
	replace_panel(ui->pbar, ui->bar);
	move_panel(ui->phead, 0, 0);
	move_panel(ui->pbody, 1, 0);
	move_panel(ui->pmsg, rows - 2, 0);
	move_panel(ui->pbar, rows - 1, 0);
}

static void
ui_resize(struct ui *ui)
{
	struct ui_frame *f = ui_top(ui);

	ui_layout(ui);
	werase(ui->head);
	werase(ui->body);
	werase(ui->bar);
	ui_header(ui);
	if (f != NULL) {
		if (f->s->resize != NULL)
			f->s->resize(ui, f->st);
	}
	ui->msg_shown = 0;
	ui->dirty |= UI_DRAW_ALL | UI_DRAW_DATA | UI_DRAW_CLOCK;
	/* The key bar of an open dialog's owner: the top screen's. */
	if (f != NULL)
		ui_keybar(ui, f->s->keys);
	ui_boxes_place(ui, ui->boxes);
}

static void ui_lock(struct ui *);

int
ui_getkey(struct ui *ui, struct ui_key *k, const struct ui_binding *b)
{
	int errs = 0, r;
	wint_t ch;

	for (;;) {
		double t0;

		if (ui_sig_quit) {
			ui->quit = 1;
			return -1;
		}
		if (ui->pend_op == 'h')
			return -1;	/* logged out (at the lock) */
		if (ui->lock_now && ui->logged_in && !ui->in_lock) {
			ui->lock_now = 0;
			ui_lock(ui);
			continue;
		}
		ui_flush(ui);
		t0 = mono();
		r = wget_wch(ui->in, &ch);
		if (r == ERR) {
			/* A timeout takes UI_POLL_MS; an instant error over
			 * and over is a terminal that hung up. */
			if (mono() - t0 < 0.01 && errno != EINTR) {
				if (++errs >= UI_HANGUP_ERRS) {
					ui->quit = 1;
					return -1;
				}
			} else
				errs = 0;
			if (ui->logged_in && !ui->in_lock &&
			    ui->o.cfg->idle_lock > 0 && mono() - ui->last_key >=
			    ui->o.cfg->idle_lock * 60.0)
				ui_lock(ui);
			continue;
		}
		errs = 0;
		if (r == KEY_CODE_YES && ch == KEY_RESIZE) {
			ui_resize(ui);
			continue;
		}
		ui->last_key = mono();
		if (r == OK && ch == 27) {
			wint_t c2;
			int r2;

			wtimeout(ui->in, UI_ESC_MS);
			r2 = wget_wch(ui->in, &c2);
			wtimeout(ui->in, UI_POLL_MS);
			if (r2 == OK && c2 >= '0' && c2 <= '9') {
				r = KEY_CODE_YES;
				ch = (wint_t)KEY_F(c2 == '0' ? 10 : (int)(c2 -
				    '0'));
			} else if (r2 == OK && (c2 == '[' || c2 == 'O')) {
				/* A key the terminal entry does not know:
				 * read whole, never split into keys. */
				int kc = ui_seq_read(ui, c2);

				if (kc <= 0) {
					ui_status(ui, LOOK_NORMAL, "%s",
					    _("unknown key: ignored"));
					continue;
				}
				r = KEY_CODE_YES;
				ch = (wint_t)kc;
			} else if (r2 == OK)
				unget_wch((wchar_t)c2);
			else if (r2 == KEY_CODE_YES)
				ungetch((int)c2);
		}
		k->type = r;
		k->ch = ch;
		k->action = key_match(b, r, ch);
		return 0;
	}
}

/*
 * The idle lock: a box over the whole screen (nothing of the work shows)
 * that only the same user's password opens, whatever other terminals
 * did; F10 logs out instead, and so do AUTH_UNLOCK_TRIES wrong ones.
 */
static void
ui_lock(struct ui *ui)
{
	static const struct ui_binding keys[] = {
		{ 10, NULL, UA_EXIT, N_("Logout"), N_("log out") },
		{ 0, NULL, UA_NONE, NULL, NULL }
	};
	struct ui_field f[1];
	struct ui_formbox fb;
	struct ui_key k;
	struct err e;
	char note[300];

	ui->in_lock = 1;
	memset(f, 0, sizeof f);
	f[0].label = _("Password");
	f[0].width = 24;
	f[0].max = AUTH_PASSWORD_MAX;
	f[0].flags = UI_F_SECRET;
	ui_formbox_open(ui, &fb, _("Screen locked"), f, 1);
	/* The box covers the screen: nothing of the work shows. */
	fb.box.h = 1000;	/* clipped to the screen, at any size */
	fb.box.w = 1000;
	ui_boxes_place(ui, ui->boxes);
	snprintf(note, sizeof note, _("%s: type your password, or F10 to log "
	    "out"), ui->login);
	ui_formbox_note(ui, &fb, LOOK_NORMAL, note);
	ui_keybar(ui, keys);
	for (;;) {
		int r;

		if (ui_getkey(ui, &k, keys) != 0)
			break;
		if (k.action == UA_EXIT) {
			ui_logout(ui);
			break;
		}
		r = ui_formbox_key(ui, &fb, &k);
		if (r != UI_FB_SUBMIT)
			continue;
		err_clear(&e);
		if (login_unlock(ui, f[0].value, &e) >= 0)
			break;
		explicit_bzero(f[0].value, sizeof f[0].value);
		ui_formbox_reset(ui, &fb, 0);
		ui_formbox_note(ui, &fb, LOOK_WARN, e.msg);
	}
	explicit_bzero(f[0].value, sizeof f[0].value);
	ui_formbox_close(ui, &fb);
	ui_keybar_top(ui);
	ui->last_key = mono();
	ui->in_lock = 0;
}

static int
ui_start(struct ui *ui, struct err *e)
{
	struct sigaction sa;
	SCREEN *scr;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return err_set(e, OKNO_EUSAGE, _("the terminal UI needs a "
		    "terminal"));
	/* Messages come as UTF-8 like all other text inside okno. */
	bind_textdomain_codeset("okno", "UTF-8");
	/* In a UTF-8 locale draw lines with Unicode box characters, not
	 * the terminal's alternate character set: UTF-8 terminals show them
	 * whatever TERM claims, and some (tmux, screen, serial converters)
	 * drop the charset switch. */
	if (strcmp(nl_langinfo(CODESET), "UTF-8") == 0)
		setenv("NCURSES_NO_UTF8_ACS", "1", 0);
	set_escdelay(150);
	if ((scr = newterm(NULL, stdout, stdin)) == NULL)
		return err_set(e, OKNO_EIO, _("cannot use terminal type '%s'"),
		    getenv("TERM") ? getenv("TERM") : "");
	(void)scr;
	ui_keys_define();
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = ui_on_signal;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: the blocking read returns at once. */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	/* raw: Ctrl-C and Ctrl-Z at a client-facing terminal do nothing. */
	raw();
	noecho();
	nonl();
	curs_set(0);
	ui_looks(ui);
	{
		char tmp[MB_LEN_MAX];
		mbstate_t ps;

		memset(&ps, 0, sizeof ps);
		ui->blocks = wcrtomb(tmp, 0x2588, &ps) != (size_t)-1;
	}
	ui->in = newwin(1, 1, 0, 0);
	keypad(ui->in, TRUE);
	meta(ui->in, TRUE);
	wtimeout(ui->in, UI_POLL_MS);
	ui->head = newwin(1, COLS, 0, 0);
	ui->body = newwin(LINES - 3 > 1 ? LINES - 3 : 1, COLS, 1, 0);
	ui->msgw = newwin(1, COLS, LINES - 2, 0);
	ui->bar = newwin(1, COLS, LINES - 1, 0);
	ui->phead = new_panel(ui->head);
	ui->pbody = new_panel(ui->body);
	ui->pmsg = new_panel(ui->msgw);
	ui->pbar = new_panel(ui->bar);
	leaveok(ui->head, TRUE);
	leaveok(ui->body, TRUE);
	leaveok(ui->msgw, TRUE);
	leaveok(ui->bar, TRUE);
	return OKNO_OK;
}

static void
ui_stop(struct ui *ui)
{
	while (ui->boxes != NULL)
		ui_box_close(ui, ui->boxes);
	while (ui->depth > 0)
		ui_frame_free(&ui->stack[--ui->depth]);
	del_panel(ui->phead);
	del_panel(ui->pbody);
	del_panel(ui->pmsg);
	del_panel(ui->pbar);
	delwin(ui->head);
	delwin(ui->body);
	delwin(ui->msgw);
	delwin(ui->bar);
	delwin(ui->in);
	endwin();
	bind_textdomain_codeset("okno", nl_langinfo(CODESET));
}

int
ui_run(const struct ui_opts *o, struct err *e)
{
	static const struct actor kiosk = { NULL, ROLE_KIOSK };
	struct ui *ui = xcalloc(1, sizeof *ui);
	struct ui_frame f;
	struct ui_key k;
	int rc;

	ui->o = *o;
	ui->ctx.db = o->db;
	ui->ctx.cfg = o->cfg;
	ui->actor = kiosk;
	ui->ctx.who = &ui->actor;
	ui->dver = db_data_version(o->db);
	ui->shown_min = -1;
	if ((rc = ui_start(ui, e)) != OKNO_OK) {
		free(ui);
		return rc;
	}
	if (ui_frame_init(ui, &f, o->mode == UI_MODE_KIOSK ? SCR_KIOSK :
	    SCR_LOGIN, NULL) == 0)
		ui->stack[ui->depth++] = f;
	ui_show_top(ui);
	while (!ui->quit && ui->depth > 0) {
		struct ui_frame *top = ui_top(ui);

		if (ui_getkey(ui, &k, top->s->keys) != 0) {
			if (ui->quit)
				break;
		} else if (k.action == UA_HELP)
			ui_help(ui, top->s->keys);
		else
			top->s->key(ui, top->st, &k);
		if (ui->pend_op)
			ui_apply(ui);
	}
	ui_stop(ui);
	free(ui);
	return OKNO_OK;
}
