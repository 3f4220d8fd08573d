/* appeal-ui.c: helpers of the appeal screens (see appeal-ui.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "scr-appeal.h"
#include "office.h"

void
ap_date(const char *iso, char *out, size_t size)
{
	int y, m, d;

	if (iso == NULL || date_parse(iso, &y, &m, &d) != 0) {
		snprintf(out, size, "%s", iso ? iso : "");
		return;
	}
	snprintf(out, size, "%02d.%02d.%04d", d, m, y);
}

void
ap_datetime(time_t t, char *out, size_t size)
{
	struct tm tm;

	if (t == 0) {
		snprintf(out, size, "%s", "");
		return;
	}
	localtime_r(&t, &tm);
	strftime(out, size, "%d.%m.%Y %H:%M", &tm);
}

const char *
ap_kind_name(const struct config *cfg, const char *code)
{
	const struct config_kind *k = config_kind(cfg, code);

	return k != NULL && k->name != NULL ? k->name : code;
}

void
ap_due_text(const struct appeal *a, char *out, size_t size)
{
	char d[16];
	long n;

	ap_date(a->due_date, d, sizeof d);
	if (a->due_date[0] == '\0' || (a->status != APPEAL_REGISTERED &&
	    a->status != APPEAL_FORWARDED)) {
		snprintf(out, size, "%s", d);
		return;
	}
	if (a->overdue) {
		n = -a->days_left;
		snprintf(out, size, ngettext("%s, overdue by %ld day",
		    "%s, overdue by %ld days", (unsigned long)n), d, n);
	} else if (a->days_left == 0)
		snprintf(out, size, _("%s, due today"), d);
	else {
		n = a->days_left;
		snprintf(out, size, ngettext("%s, %ld day left",
		    "%s, %ld days left", (unsigned long)n), d, n);
	}
}

/* ---- form fields ---- */

void
ap_field_set(FIELD *f, const char *s)
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
ap_field_get(FIELD *f, char *out, size_t size)
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
		/* One line: blanks around it are nothing. */
		p = b;
		while (*p == ' ')
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

int
ap_edit_key(FORM *f, const struct ui_key *k)
{
	int multi = multi_line(f), r = AP_K_NONE, req = 0;

	if (k->type == KEY_CODE_YES) {
		switch (k->ch) {
		case KEY_ENTER:
			if (!multi)
				return AP_K_ENTER;
			req = REQ_NEW_LINE;
			r = AP_K_EDIT;
			break;
		case KEY_BACKSPACE:
			req = REQ_DEL_PREV;
			r = AP_K_EDIT;
			break;
		case KEY_DC:
			req = REQ_DEL_CHAR;
			r = AP_K_EDIT;
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
			return AP_K_NONE;
		}
	} else {
		switch (k->ch) {
		case '\r':
		case '\n':
			if (!multi)
				return AP_K_ENTER;
			req = REQ_NEW_LINE;
			r = AP_K_EDIT;
			break;
		case 27:
			return AP_K_CANCEL;
		case '\t':
			req = REQ_NEXT_FIELD;
			break;
		case 8:
		case 127:
			req = REQ_DEL_PREV;
			r = AP_K_EDIT;
			break;
		case 1:		/* ^A, ^E: line start and end, as in a shell */
			req = multi ? REQ_BEG_LINE : REQ_BEG_FIELD;
			break;
		case 5:
			req = multi ? REQ_END_LINE : REQ_END_FIELD;
			break;
		case 11:	/* ^K: to the end of the line */
			req = REQ_CLR_EOL;
			r = AP_K_EDIT;
			break;
		case 21:	/* ^U: clear the field */
			req = REQ_CLR_FIELD;
			r = AP_K_EDIT;
			break;
		default:
			if (k->ch < 0x20 || k->ch == 0x7f)
				return AP_K_NONE;
			if (form_driver_w(f, OK, (wchar_t)k->ch) == E_OK)
				r = AP_K_EDIT;
			break;
		}
	}
	if (req != 0)
		form_driver(f, req);
	/* The form library keeps the current field's text in its window
	 * until validation; the screen may be erased and re-laid out under
	 * it (a resize), so every edit goes to the buffer at once. */
	if (r == AP_K_EDIT)
		form_driver(f, REQ_VALIDATION);
	pos_form_cursor(f);
	return r;
}

/* ---- the dialog ---- */

static int
dlg_rows(const struct ap_dialog *d)
{
	int n = 0;

	for (int i = 0; i < d->n; i++)
		n += d->f[i].rows + (i > 0);
	return n;
}

static void
dlg_note(struct ui *ui, struct ap_dialog *d)
{
	char **lines;
	int h = getmaxy(d->box.win), w = getmaxx(d->box.win), n;

	n = ui_wrap(d->note, w - 4, &lines);
	for (int i = 0; i < 2; i++)
		ui_text(d->box.win, h - 3 + i, 2, w - 4,
		    ui_attr(ui, d->note_look), i < n ? lines[i] : "");
	ui_lines_free(lines, n);
}

static void
dlg_place(struct ui *ui, struct ui_box *b)
{
	struct ap_dialog *d = (struct ap_dialog *)b;
	int w = getmaxx(b->win), h = getmaxy(b->win), y = 2;
	int rows, fw, frow, fcol, nrow, nbuf;

	if (d->posted)
		unpost_form(d->form);
	d->posted = 0;
	if (d->sub != NULL)
		delwin(d->sub);
	d->sub = NULL;
	if (field_info(d->ff[0], &rows, &fw, &frow, &fcol, &nrow, &nbuf) !=
	    E_OK)
		fw = 0;
	if (h < dlg_rows(d) + 5 || w < 2 + d->labelw + 2 + fw + 1) {
		ui_text(b->win, 1, 1, w - 2, ui_attr(ui, LOOK_WARN),
		    _("The screen is too small for this dialog."));
		return;
	}
	d->sub = derwin(b->win, dlg_rows(d), fw, 2, 2 + d->labelw + 2);
	leaveok(b->win, FALSE);
	set_form_win(d->form, b->win);
	set_form_sub(d->form, d->sub);
	if (post_form(d->form) == E_OK)
		d->posted = 1;
	for (int i = 0; i < d->n; i++) {
		ui_text(b->win, y, 2, d->labelw + 1, A_NORMAL, d->f[i].label);
		y += d->f[i].rows + 1;
	}
	dlg_note(ui, d);
	if (d->posted)
		pos_form_cursor(d->form);
}

void
ap_dialog_open(struct ui *ui, struct ap_dialog *d, const char *title,
    struct ap_dfield *f, int n, const char *note)
{
	int w = COLS - 2 < 76 ? COLS - 2 : 76, fw, row = 0;

	memset(d, 0, sizeof *d);
	if (n > AP_DIALOG_MAX)
		n = AP_DIALOG_MAX;
	d->f = f;
	d->n = n;
	d->note_look = LOOK_NORMAL;
	strlcpy_(d->note, note != NULL ? note : "", sizeof d->note);
	for (int i = 0; i < n; i++)
		if (ui_width(f[i].label) > d->labelw)
			d->labelw = ui_width(f[i].label);
	if (d->labelw > 20)
		d->labelw = 20;
	fw = w - 2 - d->labelw - 2 - 2;
	if (fw < 10)
		fw = 10;
	for (int i = 0; i < n; i++) {
		FIELD *ff = new_field(f[i].rows, fw, row, 0, 0, 0);

		row += f[i].rows + 1;
		set_field_back(ff, ui_attr(ui, LOOK_FIELD));
		field_opts_off(ff, O_AUTOSKIP | O_STATIC);
		/* A one-line field's limit is in characters, a text's in
		 * rows: enough rows for max characters, and one more. */
		set_max_field(ff, f[i].rows > 1 ? f[i].max / fw + 2 :
		    f[i].max);
		if (f[i].init != NULL && f[i].rows == 1)
			ap_field_set(ff, f[i].init);
		f[i].value = NULL;
		d->ff[i] = ff;
	}
	d->ff[n] = NULL;
	d->form = new_form(d->ff);
	ui_box_open(ui, &d->box, dlg_rows(d) + 6, w, title);
	d->box.place = dlg_place;
	dlg_place(ui, &d->box);
	ui_form_cursor(ui, 1);
}

void
ap_dialog_note(struct ui *ui, struct ap_dialog *d, enum ui_look look,
    const char *note)
{
	strlcpy_(d->note, note != NULL ? note : "", sizeof d->note);
	d->note_look = look;
	dlg_note(ui, d);
	if (d->posted)
		pos_form_cursor(d->form);
}

int
ap_dialog_run(struct ui *ui, struct ap_dialog *d)
{
	static const struct ui_binding keys[] = {
		{ 2, NULL, UA_SAVE, N_("Save"), N_("save") },
		{ 10, NULL, UA_EXIT, N_("Cancel"), N_("cancel") },
		{ 0, NULL, UA_NONE, NULL, NULL }
	};
	struct ui_key k;
	int r;

	ui_keybar(ui, keys);
	for (;;) {
		if (ui_getkey(ui, &k, keys) != 0 || k.action == UA_EXIT) {
			r = 0;
			break;
		}
		if (!d->posted)
			continue;
		if (k.action == UA_SAVE) {
			r = 1;
			break;
		}
		r = ap_edit_key(d->form, &k);
		if (r == AP_K_CANCEL) {
			r = 0;
			break;
		}
		if (r != AP_K_ENTER)
			continue;
		if (field_index(current_field(d->form)) == d->n - 1) {
			r = 1;
			break;
		}
		form_driver(d->form, REQ_NEXT_FIELD);
		pos_form_cursor(d->form);
	}
	if (r == 1) {
		form_driver(d->form, REQ_VALIDATION);
		for (int i = 0; i < d->n; i++) {
			size_t size = (size_t)d->f[i].max * 4 + 1;

			free(d->f[i].value);
			d->f[i].value = xmalloc(size);
			ap_field_get(d->ff[i], d->f[i].value, size);
		}
	}
	ui_keybar_top(ui);
	return r;
}

void
ap_dialog_close(struct ui *ui, struct ap_dialog *d)
{
	if (d->posted)
		unpost_form(d->form);
	free_form(d->form);
	for (int i = 0; i < d->n; i++) {
		free_field(d->ff[i]);
		free(d->f[i].value);
		d->f[i].value = NULL;
	}
	if (d->sub != NULL)
		delwin(d->sub);
	ui_box_close(ui, &d->box);
	ui_form_cursor(ui, 0);
	memset(d, 0, sizeof *d);
}

/* ---- the yes/no box ---- */

struct askbox {
	struct ui_box	 box;
	const char	*text;
	char		 hint[256];
};

static void
ask_place(struct ui *ui, struct ui_box *b)
{
	struct askbox *a = (struct askbox *)b;
	int w = getmaxx(b->win), h = getmaxy(b->win), n;
	char **lines;

	n = ui_wrap(a->text, w - 4, &lines);
	for (int i = 0; i < n && 2 + i < h - 3; i++)
		ui_text(b->win, 2 + i, 2, w - 4, i == 0 ? A_BOLD : A_NORMAL,
		    lines[i]);
	ui_lines_free(lines, n);
	ui_center(b->win, h - 2, 1, w - 2, ui_attr(ui, LOOK_TITLE), a->hint);
}

int
ap_ask(struct ui *ui, const char *title, const char *text, const char *yes,
    const char *no)
{
	static const struct ui_binding keys[] = {
		{ 2, "y", UA_SAVE, N_("Yes"), N_("yes") },
		{ 10, "n", UA_EXIT, N_("No"), N_("no") },
		{ 0, NULL, UA_NONE, NULL, NULL }
	};
	static const struct ui_binding okkeys[] = {
		{ 10, NULL, UA_EXIT, N_("Close"), N_("close") },
		{ 0, NULL, UA_NONE, NULL, NULL }
	};
	struct askbox a;
	struct ui_key k;
	char **lines;
	int w = COLS - 2 < 64 ? COLS - 2 : 64, n, r = 0;

	memset(&a, 0, sizeof a);
	a.text = text;
	if (yes != NULL)
		snprintf(a.hint, sizeof a.hint, _("Enter: %s    Esc: %s"), yes,
		    no != NULL ? no : _("no"));
	else
		snprintf(a.hint, sizeof a.hint, "%s", _("Any key: close"));
	n = ui_wrap(text, w - 4, &lines);
	ui_lines_free(lines, n);
	ui_box_open(ui, &a.box, n + 6, w, title);
	a.box.place = ask_place;
	ask_place(ui, &a.box);
	ui_keybar(ui, yes != NULL ? keys : okkeys);
	for (;;) {
		if (ui_getkey(ui, &k, yes != NULL ? keys : okkeys) != 0)
			break;
		if (yes == NULL)
			break;
		if (k.action == UA_SAVE || (k.type == OK && (k.ch == '\r' ||
		    k.ch == '\n')) || (k.type == KEY_CODE_YES &&
		    k.ch == KEY_ENTER)) {
			r = 1;
			break;
		}
		if (k.action == UA_EXIT || (k.type == OK && k.ch == 27))
			break;
	}
	ui_box_close(ui, &a.box);
	ui_keybar_top(ui);
	return r;
}

/* ---- the slip ---- */

void
ap_print_slip(struct ui *ui, const struct appeal *a)
{
	struct printer_result r;
	struct err e;
	int rc;

	if (ui->o.cfg->printer.driver == NULL) {
		ui_status(ui, LOOK_WARN, "%s", _("no printer configured: no "
		    "slip printed"));
		return;
	}
	ui_status(ui, LOOK_NORMAL, _("printing the slip for %s..."),
	    a->reg_no);
	ui_flush(ui);
	err_clear(&e);
	rc = office_print_slip(ui_ctx(ui), a, &r, &e);
	if (rc == OKNO_OK && r.printed && (r.status == PRINTER_READY ||
	    r.status == PRINTER_UNKNOWN))
		ui_status(ui, LOOK_OK, _("slip for %s printed"), a->reg_no);
	else if (rc == OKNO_OK && r.printed)
		ui_status(ui, LOOK_WARN, _("slip for %s printed; printer: %s"),
		    a->reg_no, r.message);
	else
		ui_status(ui, LOOK_WARN, _("slip for %s not printed: %s"),
		    a->reg_no, r.message[0] ? r.message : e.msg);
	/* A fault was recorded as a device event: the hall shows it. */
	ui_changed(ui);
}

int
ap_nav_key(const struct ui_key *k)
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
