/* ui-form.c: form boxes: labelled fields in a box, edited with the form
 * library. */
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
void
ui_formbox_collect(struct ui_formbox *fb)
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
	ui_formbox_collect(fb);
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

