/* ui-key.c: keys: binding tables and how a key finds its action, the
 * key bar, list scrolling keys, and the escape sequences a terminal entry
 * may lack. */
#include <stdio.h>
#include <string.h>

#include "ui-int.h"

/* Bytes of an escape sequence kept for its look-up; a longer one is
 * still read to its end, and is no key okno knows. */
#define UI_SEQ_MAX	32

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

int
ui_nav_key(const struct ui_key *k)
{
	if (k->type == OK)
		return k->ch == ' ' ? KEY_NPAGE : k->ch == '-' ? KEY_PPAGE : 0;
	switch (k->ch) {
	case KEY_UP:
	case KEY_DOWN:
	case KEY_PPAGE:
	case KEY_NPAGE:
	case KEY_HOME:
	case KEY_END:
		return (int)k->ch;
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

/* ---- bindings ---- */

/* The one table of the bindings common to the screens. */
static const struct ui_binding ui_common[UI_NCOMMON] = {
	[UI_COMMON_HELP] = { .fkey = 1, .alt = "1?h", .action = UA_HELP,
	    .label = N_("Help"), .help = N_("show the keys") },
	[UI_COMMON_BACK] = { .fkey = 10, .alt = "0q", .action = UA_EXIT,
	    .label = N_("Back"), .help = N_("back") },
	[UI_COMMON_LOCK] = { .alt = "l", .action = UA_LOCK,
	    .label = N_("Lock"), .help = N_("lock the screen now") },
};

static int
keys_bind(const struct ui_binding *b, enum ui_action a)
{
	for (; b != NULL && b->action; b++)
		if (b->action == a && (b->fkey > 0 || b->alt != NULL))
			return 1;
	return 0;
}

/* The common binding i, when the screen takes it and has none of its
 * own for its action. */
static int
keys_common(const struct ui_binding *own, unsigned common, int i,
    struct ui_binding *out)
{
	if (!(common & (1u << i)) || keys_bind(own, ui_common[i].action))
		return 0;
	*out = ui_common[i];
	if (common & UI_C_TYPING)
		out->alt = NULL;
	return 1;
}

void
ui_keys_merge(const struct ui_binding *own, unsigned common,
    struct ui_binding out[UI_KEYS_MAX])
{
	const struct ui_binding *b;
	int n = 0, i;

	/* F1 to F10; then letters; then help lines (no keys). */
	for (int k = 1; k <= 10; k++) {
		for (b = own; b != NULL && b->action; b++)
			if (b->fkey == k && n < UI_KEYS_MAX - 1)
				out[n++] = *b;
		for (i = 0; i < UI_NCOMMON; i++)
			if (ui_common[i].fkey == k && n < UI_KEYS_MAX - 1)
				n += keys_common(own, common, i, &out[n]);
	}
	for (b = own; b != NULL && b->action; b++)
		if (b->fkey == 0 && b->alt != NULL && n < UI_KEYS_MAX - 1)
			out[n++] = *b;
	for (i = 0; i < UI_NCOMMON; i++)
		if (ui_common[i].fkey == 0 && n < UI_KEYS_MAX - 1)
			n += keys_common(own, common, i, &out[n]);
	for (b = own; b != NULL && b->action; b++)
		if (b->fkey == 0 && b->alt == NULL && n < UI_KEYS_MAX - 1)
			out[n++] = *b;
	memset(&out[n], 0, sizeof out[n]);
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

enum ui_action
ui_key_match(const struct ui_binding *b, int type, wint_t ch)
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
void
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
int
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

