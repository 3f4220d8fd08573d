/* ui-dialog.c: modal boxes: each runs the live loop until it is
 * answered: forms, choices, messages and the help box. */
#include <stdio.h>
#include <string.h>

#include "ui-int.h"

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
			ui_formbox_collect(&fb);
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

