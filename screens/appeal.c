/* appeal.c: appeal registration, opened from the console with the ticket
 * linked.  A placeholder until the appeals register lands: it says so and
 * shows which ticket the appeal will carry.  The appeals module replaces
 * this screen's body; its entry in ui_screens[] stays. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui-int.h"

static const struct ui_binding appeal_keys[] = {
	{ 1, "1?", UA_HELP, N_("Help"), N_("show the keys") },
	{ 10, "0q", UA_EXIT, N_("Back"), N_("back to the console") },
	{ 0, NULL, UA_NONE, NULL, NULL }
};

struct appeal {
	char	ticket[16];
};

static int
appeal_init(struct ui *ui, void **stp, const void *arg)
{
	struct appeal *a = xcalloc(1, sizeof *a);

	(void)ui;
	if (arg != NULL)
		strlcpy_(a->ticket, arg, sizeof a->ticket);
	*stp = a;
	return 0;
}

static void
appeal_draw(struct ui *ui, void *st, unsigned what)
{
	struct appeal *a = st;
	WINDOW *b = ui->body;
	int w = getmaxx(b);
	char buf[256];

	if (!(what & UI_DRAW_ALL))
		return;
	ui_text(b, 0, 1, w - 2, ui_attr(ui, LOOK_TITLE),
	    _("Register an appeal"));
	mvwhline(b, 1, 0, ACS_HLINE, w);
	if (a->ticket[0] != '\0')
		snprintf(buf, sizeof buf, _("Linked ticket: %s"), a->ticket);
	else
		snprintf(buf, sizeof buf, "%s", _("No ticket linked."));
	ui_text(b, 3, 2, w - 4, A_BOLD, buf);
	ui_text(b, 5, 2, w - 4, A_NORMAL, _("Appeal registration arrives with "
	    "the appeals register."));
	ui_text(b, 6, 2, w - 4, A_NORMAL, _("Until then: okno appeal add ... "
	    "--ticket NUMBER at the command line."));
}

static void
appeal_key(struct ui *ui, void *st, const struct ui_key *k)
{
	(void)st;
	if (k->action == UA_EXIT)
		ui_pop(ui);
}

static void
appeal_free(void *st)
{
	free(st);
}

const struct screen screen_appeal = {
	"appeal", appeal_keys, appeal_init, appeal_draw, appeal_key, NULL,
	appeal_free
};
