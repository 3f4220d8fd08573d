/* ui-box.c: dialog boxes on panels: form boxes (form library), menu boxes
 * (menu library), message and help boxes, and big block letters. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui-int.h"

/* Form boxes open at once; the cursor shows while there is one. */
static int ui_nforms;

/* The note under a form's fields: two lines, wrapped. */
static void
fb_draw_note(struct ui *ui, struct ui_formbox *fb)
{
	char **lines;
	int h = getmaxy(fb->box.win), w = getmaxx(fb->box.win), n;

	n = ui_wrap(fb->note, w - 4, &lines);
	for (int i = 0; i < 2; i++)
		ui_center(fb->box.win, h - 3 + i, 1, w - 2,
		    ui_attr(ui, fb->note_look), i < n ? lines[i] : "");
	ui_lines_free(lines, n);
}

/* ---- form boxes ---- */

static int
fb_field_w(const struct ui_formbox *fb)
{
	int w = 0;

	for (int i = 0; i < fb->nfields; i++)
		if (fb->fields[i].width > w)
			w = fb->fields[i].width;
	return w;
}

static void
fb_place(struct ui *ui, struct ui_box *b)
{
	struct ui_formbox *fb = (struct ui_formbox *)b;
	int w = getmaxx(b->win), h = getmaxy(b->win);
	int fw = fb_field_w(fb), oy, ox;

	if (fb->posted)
		unpost_form(fb->form);
	if (fb->sub != NULL)
		delwin(fb->sub);
	oy = (h - 1 - (2 * fb->nfields + 1)) / 2;
	if (oy < 2)
		oy = 2;
	ox = (w - (fb->labelw + 2 + fw)) / 2;
	if (ox < 2)
		ox = 2;
	if (ox + fb->labelw + 2 + fw > w - 1)
		fw = w - 1 - ox - fb->labelw - 2;
	fb->sub = derwin(b->win, 2 * fb->nfields - 1, fw > 1 ? fw : 1, oy,
	    ox + fb->labelw + 2);
	leaveok(b->win, FALSE);
	set_form_win(fb->form, b->win);
	set_form_sub(fb->form, fb->sub);
	post_form(fb->form);
	fb->posted = 1;
	for (int i = 0; i < fb->nfields; i++)
		ui_text(b->win, oy + 2 * i, ox, fb->labelw + 1, A_NORMAL,
		    fb->fields[i].label);
	fb_draw_note(ui, fb);
	pos_form_cursor(fb->form);
}

void
ui_formbox_open(struct ui *ui, struct ui_formbox *fb, const char *title,
    struct ui_field *fields, int n)
{
	int fw, w, tw;

	memset(fb, 0, sizeof *fb);
	fb->fields = fields;
	fb->nfields = n;
	fb->note_look = LOOK_NORMAL;
	for (int i = 0; i < n; i++)
		if (ui_width(fields[i].label) > fb->labelw)
			fb->labelw = ui_width(fields[i].label);
	fb->f = xcalloc((size_t)n + 1, sizeof *fb->f);
	for (int i = 0; i < n; i++) {
		struct ui_field *uf = &fields[i];
		FIELD *f = new_field(1, uf->width, 2 * i, 0, 0, 0);
		char mb[1024];

		set_field_back(f, ui_attr(ui, LOOK_FIELD));
		field_opts_off(f, O_AUTOSKIP);
		if (uf->max > uf->width) {
			field_opts_off(f, O_STATIC);
			set_max_field(f, uf->max);
		}
		if (uf->flags & UI_F_SECRET)
			field_opts_off(f, O_PUBLIC);
		ui_u8_to_mb(uf->value, mb, sizeof mb);
		set_field_buffer(f, 0, mb);
		fb->f[i] = f;
	}
	fb->form = new_form(fb->f);
	fw = fb_field_w(fb);
	w = fb->labelw + 2 + fw + 6;
	tw = ui_width(title) + 8;
	if (w < tw)
		w = tw;
	if (w < 50)
		w = 50;
	if (w > COLS - 2)
		w = COLS - 2;
	ui_box_open(ui, &fb->box, 2 * n + 6, w, title);
	fb->box.place = fb_place;
	fb_place(ui, &fb->box);
	if (ui_nforms++ == 0)
		curs_set(1);
}

void
ui_formbox_note(struct ui *ui, struct ui_formbox *fb, enum ui_look look,
    const char *note)
{
	strlcpy_(fb->note, note ? note : "", sizeof fb->note);
	fb->note_look = look;
	fb_draw_note(ui, fb);
	pos_form_cursor(fb->form);
}

void
ui_formbox_reset(struct ui *ui, struct ui_formbox *fb, int i)
{
	(void)ui;
	set_field_buffer(fb->f[i], 0, "");
	set_current_field(fb->form, fb->f[i]);
	form_driver(fb->form, REQ_BEG_FIELD);
	pos_form_cursor(fb->form);
}

/* The field's text, trailing blanks gone, as UTF-8. */
static void
fb_value(struct ui_formbox *fb, int i, char *out, size_t size)
{
	const char *b = field_buffer(fb->f[i], 0);
	char *mb = xstrdup(b ? b : "");
	size_t n = strlen(mb);

	while (n > 0 && mb[n - 1] == ' ')
		mb[--n] = '\0';
	ui_mb_to_u8(mb, out, size);
	explicit_bzero(mb, n);
	free(mb);
}

/* Every field's text into its value: what a submit hands back. */
static void
fb_collect(struct ui_formbox *fb)
{
	for (int i = 0; i < fb->nfields; i++)
		fb_value(fb, i, fb->fields[i].value,
		    sizeof fb->fields[i].value);
}

int
ui_formbox_key(struct ui *ui, struct ui_formbox *fb, const struct ui_key *k)
{
	FORM *f = fb->form;
	int cur = field_index(current_field(f)), req = 0;

	(void)ui;
	if (k->type == KEY_CODE_YES) {
		switch (k->ch) {
		case KEY_ENTER:
			goto enter;
		case KEY_F(10):
			return UI_FB_CANCEL;
		case KEY_BACKSPACE:
			req = REQ_DEL_PREV;
			break;
		case KEY_DC:
			req = REQ_DEL_CHAR;
			break;
		case KEY_LEFT:
			req = REQ_PREV_CHAR;
			break;
		case KEY_RIGHT:
			req = REQ_NEXT_CHAR;
			break;
		case KEY_HOME:
			req = REQ_BEG_FIELD;
			break;
		case KEY_END:
			req = REQ_END_FIELD;
			break;
		case KEY_UP:
		case KEY_BTAB:
			req = REQ_PREV_FIELD;
			break;
		case KEY_DOWN:
			req = REQ_NEXT_FIELD;
			break;
		default:
			return UI_FB_NONE;
		}
		form_driver_w(f, KEY_CODE_YES, (wchar_t)req);
		pos_form_cursor(f);
		return UI_FB_NONE;
	}
	switch (k->ch) {
	case '\r':
	case '\n':
		goto enter;
	case 27:
		return UI_FB_CANCEL;
	case '\t':
		form_driver_w(f, KEY_CODE_YES, REQ_NEXT_FIELD);
		break;
	case 8:
	case 127:
		form_driver_w(f, KEY_CODE_YES, REQ_DEL_PREV);
		break;
	case 21:	/* ^U: clear the field, as in a Unix shell */
		form_driver_w(f, KEY_CODE_YES, REQ_CLR_FIELD);
		break;
	default:
		if (k->ch < 0x20 || k->ch == 0x7f)
			break;
		if ((fb->fields[cur].flags & UI_F_DIGITS) &&
		    (k->ch < '0' || k->ch > '9'))
			break;
		form_driver_w(f, OK, (wchar_t)k->ch);
		break;
	}
	/* The form library keeps the current field's text in its window
	 * until validation; a resize re-makes that window, so every key's
	 * edit goes to the buffer at once. */
	form_driver(f, REQ_VALIDATION);
	pos_form_cursor(f);
	return UI_FB_NONE;
enter:
	form_driver(f, REQ_VALIDATION);
	if (cur < fb->nfields - 1) {
		form_driver(f, REQ_NEXT_FIELD);
		pos_form_cursor(f);
		return UI_FB_NONE;
	}
	fb_collect(fb);
	return UI_FB_SUBMIT;
}

void
ui_form_cursor(struct ui *ui, int on)
{
	(void)ui;
	if (on) {
		if (ui_nforms++ == 0)
			curs_set(1);
	} else if (ui_nforms > 0 && --ui_nforms == 0)
		curs_set(0);
}

void
ui_formbox_close(struct ui *ui, struct ui_formbox *fb)
{
	if (fb->posted)
		unpost_form(fb->form);
	free_form(fb->form);
	for (int i = 0; i < fb->nfields; i++) {
		/* Passwords do not linger in freed memory. */
		set_field_buffer(fb->f[i], 0, "");
		free_field(fb->f[i]);
	}
	free(fb->f);
	if (fb->sub != NULL)
		delwin(fb->sub);
	ui_box_close(ui, &fb->box);
	if (--ui_nforms == 0)
		curs_set(0);
	memset(fb, 0, sizeof *fb);
}

int
ui_form(struct ui *ui, const char *title, struct ui_field *fields, int n,
    const char *note)
{
	return ui_form_check(ui, title, fields, n, note, NULL, NULL);
}

int
ui_form_check(struct ui *ui, const char *title, struct ui_field *fields,
    int n, const char *note, int (*check)(void *, struct ui_field *,
    struct err *), void *arg)
{
	static const struct ui_binding keys[] = {
		{ 2, NULL, UA_SAVE, N_("Save"), N_("save") },
		{ 10, NULL, UA_EXIT, N_("Cancel"), N_("cancel") },
		{ 0, NULL, UA_NONE, NULL, NULL }
	};
	struct ui_formbox fb;
	struct ui_key k;
	int r = UI_FB_NONE;

	/* The form's keys, not the screen's behind it (its F2 would read
	 * "Call" while it saves here). */
	ui_keybar(ui, keys);
	ui_formbox_open(ui, &fb, title, fields, n);
	if (note != NULL)
		ui_formbox_note(ui, &fb, LOOK_NORMAL, note);
	while (r == UI_FB_NONE) {
		if (ui_getkey(ui, &k, keys) != 0) {
			r = UI_FB_CANCEL;
			break;
		}
		if (k.action == UA_SAVE) {	/* F2: save from any field */
			form_driver(fb.form, REQ_VALIDATION);
			fb_collect(&fb);
			r = UI_FB_SUBMIT;
		} else
			r = ui_formbox_key(ui, &fb, &k);
		/* A refusal leaves the form as typed, saying why. */
		if (r == UI_FB_SUBMIT && check != NULL) {
			struct err e;

			err_clear(&e);
			if (check(arg, fields, &e) != OKNO_OK) {
				ui_formbox_note(ui, &fb, LOOK_WARN, e.msg);
				ui_status_err(ui, &e);
				r = UI_FB_NONE;
			}
		}
	}
	ui_formbox_close(ui, &fb);
	ui_keybar_top(ui);
	return r == UI_FB_SUBMIT;
}

/* ---- menu boxes ---- */

static void
mb_place(struct ui *ui, struct ui_box *b)
{
	struct ui_menubox *m = (struct ui_menubox *)b;
	int h = getmaxy(b->win), w = getmaxx(b->win), inset = b->noframe ? 0 :
	    1, rows;

	(void)ui;
	unpost_menu(m->menu);
	if (m->sub != NULL)
		delwin(m->sub);
	rows = (h - 2 * inset + m->spacing - 1) / m->spacing;
	if (rows < 1)
		rows = 1;
	if (rows > m->nitems)
		rows = m->nitems;
	m->sub = derwin(b->win, h - 2 * inset, w - 2 * inset - (inset ? 2 :
	    0), inset, inset ? 2 : 0);
	set_menu_win(m->menu, b->win);
	set_menu_sub(m->menu, m->sub);
	set_menu_spacing(m->menu, 0, m->spacing, 0);
	set_menu_format(m->menu, rows, 1);
	post_menu(m->menu);
}

void
ui_menubox_open(struct ui *ui, struct ui_menubox *m, const char *title,
    const char *const *labels, int n, int digits, int y, int x, int h,
    int w)
{
	int maxw = 0;

	memset(m, 0, sizeof *m);
	m->nitems = n;
	m->digits = digits;
	m->spacing = 1;
	m->names = xcalloc((size_t)n, sizeof *m->names);
	m->items = xcalloc((size_t)n + 1, sizeof *m->items);
	for (int i = 0; i < n; i++) {
		char mb[512];

		ui_u8_to_mb(labels[i], mb, sizeof mb);
		m->names[i] = xstrdup(mb);
		m->items[i] = new_item(m->names[i], "");
		if (ui_width(labels[i]) > maxw)
			maxw = ui_width(labels[i]);
	}
	m->menu = new_menu(m->items);
	set_menu_mark(m->menu, "");
	set_menu_fore(m->menu, ui_attr(ui, LOOK_SELECT));
	set_menu_back(m->menu, A_NORMAL);
	menu_opts_off(m->menu, O_SHOWDESC);
	if (y < 0) {
		h = n + 2;
		if (h > LINES - 4)
			h = LINES - 4;
		w = maxw + 6;
		if (w < ui_width(title) + 8)
			w = ui_width(title) + 8;
		if (w > COLS - 2)
			w = COLS - 2;
	}
	ui_box_open(ui, &m->box, h, w, title);
	m->box.place = mb_place;
	if (y >= 0) {
		m->box.noframe = 1;
		ui_box_move(ui, &m->box, y, x, h, w);
	} else
		mb_place(ui, &m->box);
}

void
ui_menubox_move(struct ui *ui, struct ui_menubox *m, int y, int x, int h,
    int w)
{
	ui_box_move(ui, &m->box, y, x, h, w);
}

int
ui_menubox_key(struct ui *ui, struct ui_menubox *m, const struct ui_key *k)
{
	int req = 0;

	(void)ui;
	if (k->type == KEY_CODE_YES) {
		switch (k->ch) {
		case KEY_UP:
			req = REQ_UP_ITEM;
			break;
		case KEY_DOWN:
			req = REQ_DOWN_ITEM;
			break;
		case KEY_PPAGE:
			req = REQ_SCR_UPAGE;
			break;
		case KEY_NPAGE:
			req = REQ_SCR_DPAGE;
			break;
		case KEY_HOME:
			req = REQ_FIRST_ITEM;
			break;
		case KEY_END:
			req = REQ_LAST_ITEM;
			break;
		case KEY_ENTER:
			return item_index(current_item(m->menu));
		case KEY_F(10):
			return -2;
		default:
			return -1;
		}
		menu_driver(m->menu, req);
		return -1;
	}
	if (k->ch == '\r' || k->ch == '\n')
		return item_index(current_item(m->menu));
	if (k->ch == 27)
		return -2;
	if (m->digits && k->ch >= '1' && k->ch <= '9' &&
	    (int)(k->ch - '0') <= m->nitems) {
		set_current_item(m->menu, m->items[k->ch - '1']);
		return (int)(k->ch - '1');
	}
	return -1;
}

void
ui_menubox_close(struct ui *ui, struct ui_menubox *m)
{
	unpost_menu(m->menu);
	free_menu(m->menu);
	for (int i = 0; i < m->nitems; i++) {
		free_item(m->items[i]);
		free(m->names[i]);
	}
	free(m->items);
	free(m->names);
	if (m->sub != NULL)
		delwin(m->sub);
	ui_box_close(ui, &m->box);
	memset(m, 0, sizeof *m);
}

int
ui_choose(struct ui *ui, const char *title, const char *const *labels,
    int n, int current)
{
	static const struct ui_binding keys[] = {
		{ 10, NULL, UA_EXIT, N_("Cancel"), N_("cancel") },
		{ 0, NULL, UA_NONE, NULL, NULL }
	};
	struct ui_menubox m;
	struct ui_key k;
	int r = -1;

	if (n <= 0)
		return -1;
	ui_menubox_open(ui, &m, title, labels, n, 1, -1, -1, 0, 0);
	if (current > 0 && current < n)
		set_current_item(m.menu, m.items[current]);
	while (r == -1) {
		if (ui_getkey(ui, &k, keys) != 0) {
			r = -2;
			break;
		}
		r = ui_menubox_key(ui, &m, &k);
	}
	ui_menubox_close(ui, &m);
	return r < 0 ? -1 : r;
}

/* ---- message and help boxes ---- */

/* The most lines a message box shows. */
#define UI_MSG_LINES	20

struct msgbox {
	struct ui_box	 box;
	const char	*text;
};

static void
msg_place(struct ui *ui, struct ui_box *b)
{
	struct msgbox *m = (struct msgbox *)b;
	char **lines;
	int w = getmaxx(b->win), n;

	(void)ui;
	n = ui_wrap(m->text, w - 4, &lines);
	for (int i = 0; i < n && i < UI_MSG_LINES && i + 2 <
	    getmaxy(b->win) - 1; i++)
		ui_text(b->win, i + 2, 2, w - 4, A_NORMAL, lines[i]);
	ui_lines_free(lines, n);
}

void
ui_message(struct ui *ui, const char *title, const char *text)
{
	static const struct ui_binding keys[] = {
		{ 10, NULL, UA_EXIT, N_("Close"), N_("close") },
		{ 0, NULL, UA_NONE, NULL, NULL }
	};
	struct msgbox m;
	struct ui_key k;
	char **lines;
	int w = 60, n;

	if (w > COLS - 2)
		w = COLS - 2;
	n = ui_wrap(text, w - 4, &lines);
	ui_lines_free(lines, n);
	if (n > UI_MSG_LINES)
		n = UI_MSG_LINES;
	memset(&m, 0, sizeof m);
	m.text = text;
	ui_box_open(ui, &m.box, n + 4, w, title);
	m.box.place = msg_place;
	msg_place(ui, &m.box);
	(void)ui_getkey(ui, &k, keys);
	ui_box_close(ui, &m.box);
}

void
ui_help(struct ui *ui, const struct ui_binding *b)
{
	char text[4096] = "";
	size_t o = 0;

	for (; b != NULL && b->action; b++) {
		char keys[32] = "";

		if (b->fkey > 0)
			snprintf(keys, sizeof keys, "F%d", b->fkey);
		for (const char *a = b->alt; a != NULL && *a; a++)
			snprintf(keys + strlen(keys), sizeof keys -
			    strlen(keys), "%s%c", keys[0] ? " " : "", *a);
		o += (size_t)snprintf(text + o, sizeof text - o, "%-10s %s\n",
		    keys, _(b->help));
		if (o >= sizeof text)
			break;
	}
	ui_message(ui, _("Keys"), text);
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
