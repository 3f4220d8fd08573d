/* ui-menu.c: menu boxes: a list to choose from, with the menu library,
 * in a box or inside a screen. */
#include <stdlib.h>
#include <string.h>

#include "ui-int.h"

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
	/* Labels wider than the box can be are cut, and show it. */
	int maxw = 0, room = y < 0 ? COLS - 8 : w;

	memset(m, 0, sizeof *m);
	m->nitems = n;
	m->digits = digits;
	m->spacing = 1;
	m->names = xcalloc((size_t)n, sizeof *m->names);
	m->items = xcalloc((size_t)n + 1, sizeof *m->items);
	for (int i = 0; i < n; i++) {
		char mb[512], cut[512];

		ui_clip(labels[i], room, cut, sizeof cut);
		ui_u8_to_mb(cut, mb, sizeof mb);
		m->names[i] = xstrdup(mb);
		m->items[i] = new_item(m->names[i], "");
		if (ui_width(cut) > maxw)
			maxw = ui_width(cut);
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

