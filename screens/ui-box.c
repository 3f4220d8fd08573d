/* ui-box.c: boxes on panels over the screen: made, framed, moved,
 * closed, and placed again after a resize (oldest first). */
#include <stdio.h>
#include <string.h>

#include "ui-int.h"

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

void
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

