/* ui-dialog.c: modal boxes: each runs the live loop until it is
 * answered: forms, choices, messages and the help box. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui-int.h"

/* The keys of a box that only tells: F10 closes it. */
static const struct ui_binding close_keys[] = {
	{ 10, NULL, UA_EXIT, N_("Close"), N_("close") },
	{ 0, NULL, UA_NONE, NULL, NULL }
};

int
ui_form_run(struct ui *ui, struct ui_formbox *fb)
{
	static const struct ui_binding keys[] = {
		{ 2, NULL, UA_SAVE, N_("Save"), N_("save") },
		{ 10, NULL, UA_EXIT, N_("Cancel"), N_("cancel") },
		{ 0, NULL, UA_NONE, NULL, NULL }
	};
	struct ui_key k;
	int r = UI_FB_NONE;

	/* The form's keys, not the screen's behind it (its F2 would read
	 * "Call" while it saves here). */
	ui_keybar(ui, keys);
	while (r == UI_FB_NONE) {
		if (ui_getkey(ui, &k, keys) != 0) {
			r = UI_FB_CANCEL;
			break;
		}
		if (k.action == UA_SAVE)	/* F2: save from any field */
			r = ui_formbox_submit(ui, fb);
		else
			r = ui_formbox_key(ui, fb, &k);
	}
	ui_keybar_top(ui);
	return r == UI_FB_SUBMIT;
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
	struct ui_formbox fb;
	struct err e;
	int r;

	ui_formbox_open(ui, &fb, title, fields, n);
	if (note != NULL)
		ui_formbox_note(ui, &fb, LOOK_NORMAL, note);
	/* A refusal leaves the form as typed, saying why, the cursor at
	 * the field refused when the check named one. */
	while ((r = ui_form_run(ui, &fb)) && check != NULL) {
		int bad = -1;

		err_clear(&e);
		for (int i = 0; i < n; i++)
			fields[i].bad = 0;
		if (check(arg, fields, &e) == OKNO_OK)
			break;
		for (int i = 0; i < n && bad < 0; i++)
			if (fields[i].bad)
				bad = i;
		ui_formbox_refuse(ui, &fb, bad, e.msg);
	}
	ui_formbox_close(ui, &fb);
	return r;
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
	(void)ui_getkey(ui, &k, close_keys);
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
ui_ask(struct ui *ui, const char *title, const char *text, const char *yes,
    const char *no)
{
	static const struct ui_binding keys[] = {
		{ 2, "y", UA_SAVE, N_("Yes"), N_("yes") },
		{ 10, "n", UA_EXIT, N_("No"), N_("no") },
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
	ui_keybar(ui, yes != NULL ? keys : close_keys);
	for (;;) {
		if (ui_getkey(ui, &k, yes != NULL ? keys : close_keys) != 0)
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
