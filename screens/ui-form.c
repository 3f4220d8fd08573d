/* ui-form.c: the one form engine: fields edited with the form library,
 * one-line and multi-line (texts, where Enter is a new line).  A form box
 * lays labelled fields out in a box with a note under them (every dialog,
 * the login and the idle lock); a screen with a form of its own (the
 * appeal registration) uses the field and key functions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui-int.h"

/* Forms open at once; the cursor shows while there is one. */
static int ui_nforms;

/* ---- a field's value ---- */

void
ui_field_clear(struct ui_field *f)
{
	/* Passwords do not linger in freed memory. */
	if (f->value != NULL) {
		explicit_bzero(f->value, strlen(f->value));
		free(f->value);
	}
	f->value = NULL;
}

void
ui_field_set(struct ui_field *f, const char *s)
{
	ui_field_clear(f);
	f->value = xstrdup(s != NULL ? s : "");
}

void
ui_fields_free(struct ui_field *f, int n)
{
	for (int i = 0; i < n; i++)
		ui_field_clear(&f[i]);
}

/* ---- the form library's fields ---- */

void
ui_form_put(FIELD *f, const char *s)
{
	size_t size = strlen(s != NULL ? s : "") * 4 + 1;
	char *mb = xmalloc(size);

	ui_u8_to_mb(s != NULL ? s : "", mb, size);
	set_field_buffer(f, 0, mb);
	free(mb);
}

/* Cuts trailing blanks of the len bytes at s; returns the new length. */
static size_t
rtrim(const char *s, size_t len)
{
	while (len > 0 && s[len - 1] == ' ')
		len--;
	return len;
}

void
ui_form_get(FIELD *f, int flags, char *out, size_t size)
{
	const char *b = field_buffer(f, 0), *p;
	int rows, cols, frow, fcol, nrow, nbuf, drows, dcols, max;
	size_t blen, olen = 0, keep = 0;
	char *mb;
	mbstate_t ps;

	if (size == 0)
		return;
	out[0] = '\0';
	if (b == NULL)
		return;
	blen = strlen(b);
	/* Room for the text and a newline after every row. */
	mb = xmalloc(2 * blen + 2);
	field_info(f, &rows, &cols, &frow, &fcol, &nrow, &nbuf);
	if (rows <= 1) {
		/* One line: blanks around it are nothing, but a password
		 * may begin with one. */
		p = b;
		while (*p == ' ' && !(flags & UI_F_SECRET))
			p++;
		olen = rtrim(p, strlen(p));
		memcpy(mb, p, olen);
		mb[olen] = '\0';
		ui_mb_to_u8(mb, out, size);
		free(mb);
		return;
	}
	/* Rows of dcols cells each, as the form library keeps them. */
	if (dynamic_field_info(f, &drows, &dcols, &max) != E_OK)
		dcols = cols;
	memset(&ps, 0, sizeof ps);
	p = b;
	while (*p != '\0') {
		const char *row = p;
		int cells = 0;
		size_t len;

		while (*p != '\0' && cells < dcols) {
			wchar_t wc;
			size_t k = mbrtowc(&wc, p, strlen(p), &ps);
			int w;

			if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
				memset(&ps, 0, sizeof ps);
				k = 1;
				w = 1;
			} else if ((w = wcwidth(wc)) < 1)
				w = 1;
			p += k;
			cells += w;
		}
		len = rtrim(row, (size_t)(p - row));
		if (olen > 0 || len > 0 || keep > 0) {
			memcpy(mb + olen, row, len);
			olen += len;
			if (len > 0)
				keep = olen;	/* the end of the last text */
			mb[olen++] = '\n';
		}
	}
	/* Leading empty rows were skipped; trailing ones go here. */
	mb[keep] = '\0';
	ui_mb_to_u8(mb, out, size);
	free(mb);
}

/* Whether the current field has more than one row. */
static int
multi_line(FORM *f)
{
	int rows, cols, frow, fcol, nrow, nbuf;

	if (field_info(current_field(f), &rows, &cols, &frow, &fcol, &nrow,
	    &nbuf) != E_OK)
		return 0;
	return rows > 1;
}

/* Whether the current field is one cell that cannot grow (a score):
 * a key typed there replaces what it holds. */
static int
one_cell(FORM *f)
{
	FIELD *fl = current_field(f);
	int rows, cols, frow, fcol, nrow, nbuf;

	if (field_info(fl, &rows, &cols, &frow, &fcol, &nrow, &nbuf) != E_OK)
		return 0;
	return rows == 1 && cols == 1 && (field_opts(fl) & O_STATIC);
}

int
ui_form_edit(FORM *f, const struct ui_key *k)
{
	int multi = multi_line(f), r = UI_FE_NONE, req = 0;

	/* A one-cell field: Backspace and a new character replace the one
	 * there (the cursor sits on it, and a full field takes no more). */
	if (one_cell(f) && ((k->type == KEY_CODE_YES && k->ch ==
	    KEY_BACKSPACE) || (k->type == OK && (k->ch == 8 || k->ch == 127 ||
	    (k->ch >= 0x20 && k->ch != 0x7f)))))
		form_driver(f, REQ_CLR_FIELD);

	if (k->type == KEY_CODE_YES) {
		switch (k->ch) {
		case KEY_ENTER:
			return UI_FE_ENTER;
		case KEY_BACKSPACE:
			req = REQ_DEL_PREV;
			r = UI_FE_EDIT;
			break;
		case KEY_DC:
			req = REQ_DEL_CHAR;
			r = UI_FE_EDIT;
			break;
		case KEY_LEFT:
			req = REQ_PREV_CHAR;
			break;
		case KEY_RIGHT:
			req = REQ_NEXT_CHAR;
			break;
		case KEY_HOME:
			req = multi ? REQ_BEG_LINE : REQ_BEG_FIELD;
			break;
		case KEY_END:
			req = multi ? REQ_END_LINE : REQ_END_FIELD;
			break;
		case KEY_UP:
			/* In a text, lines first; from its top row, on. */
			if (multi && form_driver(f, REQ_UP_CHAR) == E_OK)
				break;
			req = REQ_PREV_FIELD;
			break;
		case KEY_DOWN:
			if (multi && form_driver(f, REQ_DOWN_CHAR) == E_OK)
				break;
			req = REQ_NEXT_FIELD;
			break;
		case KEY_BTAB:
			req = REQ_PREV_FIELD;
			break;
		case KEY_PPAGE:
			req = multi ? REQ_SCR_BPAGE : 0;
			break;
		case KEY_NPAGE:
			req = multi ? REQ_SCR_FPAGE : 0;
			break;
		default:
			return UI_FE_NONE;
		}
	} else {
		switch (k->ch) {
		case '\r':
			/* Enter means the same in every form, a text too
			 * (it moves on, and saves from the last field). */
			return UI_FE_ENTER;
		case '\n':
			/* ^J: a new line in a text (the terminal is raw, so
			 * Enter sends ^M and never this). */
			if (!multi)
				return UI_FE_ENTER;
			req = REQ_NEW_LINE;
			r = UI_FE_EDIT;
			break;
		case 27:
			return UI_FE_CANCEL;
		case '\t':
			req = REQ_NEXT_FIELD;
			break;
		case 8:
		case 127:
			req = REQ_DEL_PREV;
			r = UI_FE_EDIT;
			break;
		case 1:		/* ^A, ^E: line start and end, as in a shell */
			req = multi ? REQ_BEG_LINE : REQ_BEG_FIELD;
			break;
		case 5:
			req = multi ? REQ_END_LINE : REQ_END_FIELD;
			break;
		case 11:	/* ^K: to the end of the line */
			req = REQ_CLR_EOL;
			r = UI_FE_EDIT;
			break;
		case 21:	/* ^U: clear the field */
			req = REQ_CLR_FIELD;
			r = UI_FE_EDIT;
			break;
		default:
			if (k->ch < 0x20 || k->ch == 0x7f)
				return UI_FE_NONE;
			if (form_driver_w(f, OK, (wchar_t)k->ch) == E_OK)
				r = UI_FE_EDIT;
			break;
		}
	}
	if (req != 0)
		form_driver(f, req);
	/* The form library keeps the current field's text in its window
	 * until validation; the screen may be erased and re-laid out under
	 * it (a resize), so every edit goes to the buffer at once. */
	if (r == UI_FE_EDIT)
		form_driver(f, REQ_VALIDATION);
	pos_form_cursor(f);
	return r;
}

/* ---- form boxes ---- */

static int
fb_field_rows(const struct ui_field *f)
{
	return f->rows > 1 ? f->rows : 1;
}

/* Rows of all fields, a blank row between two. */
static int
fb_rows(const struct ui_formbox *fb)
{
	int n = 0;

	for (int i = 0; i < fb->nfields; i++)
		n += fb_field_rows(&fb->fields[i]) + (i > 0);
	return n;
}

/* The note under the fields: two lines, wrapped. */
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

/* Where the fields begin in the box: the row and the labels' column. */
static void
fb_origin(const struct ui_formbox *fb, int *oy, int *ox)
{
	int w = getmaxx(fb->box.win), h = getmaxy(fb->box.win);

	*oy = (h - 1 - (fb_rows(fb) + 2)) / 2;
	if (*oy < 2)
		*oy = 2;
	*ox = (w - (fb->labelw + 2 + fb->fieldw)) / 2;
	if (*ox < 2)
		*ox = 2;
}

/* The labels; a refused field's is marked with '!' left of it. */
static void
fb_draw_labels(struct ui *ui, struct ui_formbox *fb)
{
	int oy, ox, y;

	fb_origin(fb, &oy, &ox);
	y = oy;
	for (int i = 0; i < fb->nfields; i++) {
		ui_text(fb->box.win, y, ox - 1, 1, ui_attr(ui, LOOK_WARN),
		    i == fb->bad ? "!" : "");
		ui_text(fb->box.win, y, ox, fb->labelw + 1, i == fb->bad ?
		    ui_attr(ui, LOOK_WARN) : A_NORMAL, fb->fields[i].label);
		y += fb_field_rows(&fb->fields[i]) + 1;
	}
}

/* The rule of every form, on the box's bottom edge: what Enter does. */
static void
fb_draw_rule(struct ui *ui, struct ui_formbox *fb)
{
	int h = getmaxy(fb->box.win), w = getmaxx(fb->box.win), n;
	char rule[128];

	snprintf(rule, sizeof rule, " %s ", fb->nfields > 1 ?
	    _("Enter: next field, in the last: save") : _("Enter: save"));
	n = ui_width(rule);
	if (n <= w - 4)
		ui_text(fb->box.win, h - 1, (w - n) / 2, n,
		    ui_attr(ui, LOOK_DIM), rule);
}

/*
 * Lays the fields out in the middle of the box, labels on their left
 * and the note under them.  When they do not fit the box says so and
 * the form is not posted (it takes no keys) until a resize makes room.
 */
static void
fb_place(struct ui *ui, struct ui_box *b)
{
	struct ui_formbox *fb = (struct ui_formbox *)b;
	int w = getmaxx(b->win), h = getmaxy(b->win), rows = fb_rows(fb);
	int fw = fb->fieldw, oy, ox;

	ui_form_unplace(fb->form, &fb->posted, &fb->sub);
	fb_origin(fb, &oy, &ox);
	if (oy + rows + 3 > h || ox + fb->labelw + 2 + fw > w - 1) {
		ui_text(b->win, 1, 1, w - 2, ui_attr(ui, LOOK_WARN),
		    _("The screen is too small for this dialog."));
		return;
	}
	fb->sub = derwin(b->win, rows, fw, oy, ox + fb->labelw + 2);
	leaveok(b->win, FALSE);
	set_form_win(fb->form, b->win);
	set_form_sub(fb->form, fb->sub);
	if (post_form(fb->form) == E_OK)
		fb->posted = 1;
	fb_draw_labels(ui, fb);
	fb_draw_note(ui, fb);
	fb_draw_rule(ui, fb);
	if (fb->posted)
		pos_form_cursor(fb->form);
}

void
ui_formbox_open(struct ui *ui, struct ui_formbox *fb, const char *title,
    struct ui_field *fields, int n)
{
	int fw = 0, w, wide = 0, row = 0;

	memset(fb, 0, sizeof *fb);
	fb->fields = fields;
	fb->nfields = n;
	fb->note_look = LOOK_NORMAL;
	fb->bad = -1;
	for (int i = 0; i < n; i++) {
		if (ui_width(fields[i].label) > fb->labelw)
			fb->labelw = ui_width(fields[i].label);
		if (fields[i].width <= 0)
			wide = 1;
		else if (fields[i].width > fw)
			fw = fields[i].width;
	}
	if (wide) {
		/* Texts and long lines: a box as wide as 80 columns allow,
		 * the fields to its right edge. */
		w = COLS - 2 < 76 ? COLS - 2 : 76;
		if (fw < w - fb->labelw - 6)
			fw = w - fb->labelw - 6;
		if (fw < 10)
			fw = 10;
	} else {
		w = fb->labelw + 2 + fw + 6;
		if (w < ui_width(title) + 8)
			w = ui_width(title) + 8;
		if (w < 50)
			w = 50;
		if (w > COLS - 2)
			w = COLS - 2;
	}
	fb->fieldw = fw;
	fb->f = xcalloc((size_t)n + 1, sizeof *fb->f);
	for (int i = 0; i < n; i++) {
		struct ui_field *uf = &fields[i];
		int rows = fb_field_rows(uf);
		int cols = uf->width > 0 ? uf->width : fw;
		FIELD *f = new_field(rows, cols, row, 0, 0, 0);

		row += rows + 1;
		set_field_back(f, ui_attr(ui, LOOK_FIELD));
		field_opts_off(f, O_AUTOSKIP);
		/* Longer than the field: it scrolls, up to max (a text's
		 * limit is in rows: enough for max characters, and one
		 * more). */
		if (rows > 1) {
			field_opts_off(f, O_STATIC);
			if (uf->max > 0)
				set_max_field(f, uf->max / cols + 2);
		} else if (uf->max > cols) {
			field_opts_off(f, O_STATIC);
			set_max_field(f, uf->max);
		}
		if (uf->flags & UI_F_SECRET)
			field_opts_off(f, O_PUBLIC);
		/* A text starts empty. */
		if (uf->value == NULL)
			uf->value = xstrdup("");
		else if (rows == 1)
			ui_form_put(f, uf->value);
		fb->f[i] = f;
	}
	fb->form = new_form(fb->f);
	ui_box_open(ui, &fb->box, fb_rows(fb) + 6, w, title);
	fb->box.place = fb_place;
	fb_place(ui, &fb->box);
	ui_form_cursor(ui, 1);
}

void
ui_formbox_note(struct ui *ui, struct ui_formbox *fb, enum ui_look look,
    const char *note)
{
	strlcpy_(fb->note, note ? note : "", sizeof fb->note);
	fb->note_look = look;
	fb_draw_note(ui, fb);
	if (fb->posted)
		pos_form_cursor(fb->form);
}

void
ui_formbox_reset(struct ui *ui, struct ui_formbox *fb, int i)
{
	(void)ui;
	set_field_buffer(fb->f[i], 0, "");
	set_current_field(fb->form, fb->f[i]);
	form_driver(fb->form, REQ_BEG_FIELD);
	if (fb->posted)
		pos_form_cursor(fb->form);
}

void
ui_formbox_collect(struct ui_formbox *fb)
{
	form_driver(fb->form, REQ_VALIDATION);
	for (int i = 0; i < fb->nfields; i++) {
		struct ui_field *uf = &fb->fields[i];
		int cols = uf->width > 0 ? uf->width : fb->fieldw;
		size_t size = (size_t)(uf->max > 0 ? uf->max : cols *
		    fb_field_rows(uf)) * 4 + 1;

		ui_field_clear(uf);
		uf->value = xmalloc(size);
		ui_form_get(fb->f[i], uf->flags, uf->value, size);
	}
}

void
ui_formbox_refuse(struct ui *ui, struct ui_formbox *fb, int i,
    const char *msg)
{
	fb->bad = i >= 0 && i < fb->nfields ? i : -1;
	if (fb->bad >= 0 && fb->posted) {
		set_current_field(fb->form, fb->f[fb->bad]);
		form_driver(fb->form, REQ_END_FIELD);
	}
	if (fb->posted)
		fb_draw_labels(ui, fb);
	ui_status(ui, LOOK_WARN, "%s", msg);
	ui_formbox_note(ui, fb, LOOK_WARN, msg);
}

int
ui_check_date(void *arg, const char *v, struct err *e)
{
	int y, m, d;

	(void)arg;
	if (date_parse(v, &y, &m, &d) != 0)
		return err_set(e, OKNO_EINVAL, _("not a date (YYYY-MM-DD): %s"),
		    v);
	return OKNO_OK;
}

/* A field's own checks: OKNO_OK, or the reason in e. */
static int
fb_check_field(const struct ui_field *uf, struct err *e)
{
	const char *v = uf->value;

	if ((uf->flags & UI_F_DIGITS) && uf->hi > 0 && v[0] != '\0') {
		char *end;
		long n = strtol(v, &end, 10);

		if (*end != '\0' || n < uf->lo || n > uf->hi)
			return err_set(e, OKNO_EINVAL, _("%s: a number from %d "
			    "to %d, not %s"), uf->label, uf->lo, uf->hi, v);
	}
	if (uf->check != NULL)
		return uf->check(uf->check_arg, v, e);
	return OKNO_OK;
}

int
ui_formbox_submit(struct ui *ui, struct ui_formbox *fb)
{
	struct err e;

	if (!fb->posted)
		return UI_FB_NONE;
	ui_formbox_collect(fb);
	for (int i = 0; i < fb->nfields; i++) {
		err_clear(&e);
		if (fb_check_field(&fb->fields[i], &e) != OKNO_OK) {
			ui_formbox_refuse(ui, fb, i, e.msg);
			return UI_FB_NONE;
		}
	}
	if (fb->bad >= 0) {
		/* Corrected: the mark and the message go. */
		fb->bad = -1;
		fb_draw_labels(ui, fb);
	}
	return UI_FB_SUBMIT;
}

int
ui_formbox_key(struct ui *ui, struct ui_formbox *fb, const struct ui_key *k)
{
	int cur, r;

	if (k->type == KEY_CODE_YES && k->ch == KEY_F(10))
		return UI_FB_CANCEL;
	if (!fb->posted)
		return UI_FB_NONE;
	cur = field_index(current_field(fb->form));
	if (k->type == OK && (fb->fields[cur].flags & UI_F_DIGITS) &&
	    k->ch >= 0x20 && k->ch != 0x7f && (k->ch < '0' || k->ch > '9'))
		return UI_FB_NONE;
	r = ui_form_edit(fb->form, k);
	if (r == UI_FE_CANCEL)
		return UI_FB_CANCEL;
	if (r != UI_FE_ENTER)
		return UI_FB_NONE;
	/* Enter: the next field, or from the last one, save. */
	if (cur < fb->nfields - 1) {
		form_driver(fb->form, REQ_NEXT_FIELD);
		pos_form_cursor(fb->form);
		return UI_FB_NONE;
	}
	return ui_formbox_submit(ui, fb);
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
ui_form_unplace(FORM *form, int *posted, WINDOW **sub)
{
	if (*posted)
		unpost_form(form);
	*posted = 0;
	if (*sub != NULL)
		delwin(*sub);
	*sub = NULL;
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
	ui_form_cursor(ui, 0);
	memset(fb, 0, sizeof *fb);
}
