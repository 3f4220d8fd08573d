/* scr-appeals.c: the appeals register as a list: filters (status, kind,
 * overdue, due within N days, client, text), the order, overdue rows
 * marked, the selected appeal's masked phone and topic below; Enter
 * opens its detail.  The list follows the database live: another
 * terminal's registration shows within a second. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scr-appeal.h"

static const struct ui_binding appeals_keys[] = {
	{ 2, "2n", UA_NEW, N_("New"), N_("register an appeal") },
	{ 3, "3s", UA_F_STATUS, N_("Status"), N_("filter by status: open "
	    "ones, all, or one status") },
	{ 4, "4k", UA_F_KIND, N_("Kind"), N_("filter by kind") },
	{ 5, "5o", UA_F_OVERDUE, N_("Late"), N_("only the overdue ones, or "
	    "all again") },
	{ 6, "6d", UA_F_DUE, N_("Due in"), N_("only the open ones due within "
	    "N days (the overdue too)") },
	{ 7, "7f/", UA_FIND, N_("Find"), N_("find by client (name, account, "
	    "phone) and by text (number, topic, text, answer)") },
	{ 8, "8r", UA_SORT, N_("Sort"), N_("order by registration, due date, "
	    "status, kind or client; the same again reverses") },
	{ 9, "9x", UA_RESET, N_("Reset"), N_("back to the open appeals by due "
	    "date") },
	{ 0, "i", UA_REVERSE, N_("Reverse"), N_("reverse the order") },
	{ 0, NULL, UA_OPEN, NULL, N_("Enter: the selected appeal's detail "
	    "and history; arrows, PgUp, PgDn (Space, -): move") },
	{ 0, NULL, UA_OPEN, NULL, N_("! marks an overdue appeal, * one due "
	    "today") },
	{ 0, NULL, UA_NONE, NULL, NULL }
};

/* The status filter: the open ones, all, or one status. */
#define ST_OPEN		0
#define ST_ALL		1
#define ST_ONE		2	/* + status */
#define ST_N		(ST_ONE + APPEAL_NSTATUS)

static const struct {
	enum appeal_sort sort;
	const char	*name;
} sorts[] = {
	{ APPEAL_SORT_REG, N_("registration") },
	{ APPEAL_SORT_DUE, N_("due date") },
	{ APPEAL_SORT_STATUS, N_("status") },
	{ APPEAL_SORT_KIND, N_("kind") },
	{ APPEAL_SORT_CLIENT, N_("client") },
};

struct appeals {
	struct ui		*ui;
	struct appeal_filter	 f;
	int			 st;		/* ST_* */
	char			 kind[32];
	char			 client[256];
	char			 search[256];
	struct appeal		*v;
	size_t			 n;
	size_t			 sel, top;
	char			 sel_reg[APPEAL_REG_MAX];
	char			 open_reg[APPEAL_REG_MAX];
	int			 loaded;
};

/* Rows of the layout (body-relative). */
#define LR_TITLE	0
#define LR_FILTER	1
#define LR_HEAD		2
#define LR_FIRST	3

static void
appeals_defaults(struct appeals *l)
{
	memset(&l->f, 0, sizeof l->f);
	l->st = ST_OPEN;
	l->kind[0] = l->client[0] = l->search[0] = '\0';
	l->f.due_within = -1;
	l->f.sort = APPEAL_SORT_DUE;
}

static int
appeals_init(struct ui *ui, void **stp, const void *arg)
{
	struct appeals *l = xcalloc(1, sizeof *l);

	(void)arg;
	l->ui = ui;
	appeals_defaults(l);
	*stp = l;
	return 0;
}

static void
appeals_load(struct ui *ui, struct appeals *l)
{
	struct err e;

	appeal_list_free(l->v, l->n);
	l->v = NULL;
	l->n = 0;
	l->f.statuses = l->st == ST_OPEN ? (1u << APPEAL_REGISTERED) |
	    (1u << APPEAL_FORWARDED) : l->st == ST_ALL ? 0 :
	    1u << (l->st - ST_ONE);
	l->f.kind = l->kind[0] ? l->kind : NULL;
	l->f.client = l->client[0] ? l->client : NULL;
	l->f.search = l->search[0] ? l->search : NULL;
	err_clear(&e);
	if (appeal_list(ui_ctx(ui), &l->f, &l->v, &l->n, &e) != OKNO_OK) {
		ui_status_err(ui, &e);
		return;
	}
	l->loaded = 1;
	/* The selection stays on its appeal when the list changes. */
	l->sel = 0;
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].reg_no, l->sel_reg) == 0) {
			l->sel = i;
			break;
		}
}

static const char *
status_filter_name(int st)
{
	if (st == ST_OPEN)
		return _("open");
	if (st == ST_ALL)
		return _("all");
	return appeal_status_label((enum appeal_status)(st - ST_ONE));
}

static const char *
sort_name(enum appeal_sort s)
{
	for (size_t i = 0; i < nitems(sorts); i++)
		if (sorts[i].sort == s)
			return _(sorts[i].name);
	return "";
}

/* Appends ", piece" to buf. */
static void
cat(char *buf, size_t size, const char *piece)
{
	size_t o = strlen(buf);

	if (o < size)
		snprintf(buf + o, size - o, "%s%s", o ? " · " : "", piece);
}

static void
appeals_draw_top(struct ui *ui, struct appeals *l)
{
	WINDOW *b = ui->body;
	int w = getmaxx(b);
	char buf[512] = "", piece[300];

	snprintf(piece, sizeof piece, _("Status: %s"),
	    status_filter_name(l->st));
	cat(buf, sizeof buf, piece);
	if (l->kind[0]) {
		snprintf(piece, sizeof piece, _("kind: %s"),
		    scr_appeal_kind(ui->o.cfg, l->kind));
		cat(buf, sizeof buf, piece);
	}
	if (l->f.overdue)
		cat(buf, sizeof buf, _("overdue only"));
	if (l->f.due_within >= 0) {
		snprintf(piece, sizeof piece, ngettext("due within %d day",
		    "due within %d days", (unsigned long)l->f.due_within),
		    l->f.due_within);
		cat(buf, sizeof buf, piece);
	}
	if (l->client[0]) {
		snprintf(piece, sizeof piece, _("client \"%s\""), l->client);
		cat(buf, sizeof buf, piece);
	}
	if (l->search[0]) {
		snprintf(piece, sizeof piece, _("text \"%s\""), l->search);
		cat(buf, sizeof buf, piece);
	}
	ui_text(b, LR_FILTER, 1, w - 2, A_NORMAL, buf);
	snprintf(buf, sizeof buf, ngettext("%zu appeal, by %s%s",
	    "%zu appeals, by %s%s", (unsigned long)l->n), l->n,
	    sort_name(l->f.sort), l->f.descending ? _(", reversed") : "");
	ui_text(b, LR_TITLE, 1, 20, ui_attr(ui, LOOK_TITLE),
	    _("Appeals register"));
	ui_right(b, LR_TITLE, 21, w - 22, A_NORMAL, buf);
}

/* Column starts and widths for a body w columns wide. */
struct cols {
	int	reg, regw, due, st, stw, kind, kindw, client, clientw;
	int	phone, phonew;		/* 0 wide: not shown */
};

static void
appeals_cols(struct ui *ui, struct appeals *l, int w, struct cols *c)
{
	int x;

	c->regw = 10;
	for (size_t i = 0; i < l->n; i++)
		if (ui_width(l->v[i].reg_no) > c->regw)
			c->regw = ui_width(l->v[i].reg_no);
	c->stw = 6;
	for (int i = 0; i < APPEAL_NSTATUS; i++)
		if (ui_width(appeal_status_label((enum appeal_status)i)) >
		    c->stw)
			c->stw = ui_width(appeal_status_label(
			    (enum appeal_status)i));
	if (c->stw > 16)
		c->stw = 16;
	c->kindw = 4;
	for (size_t i = 0; i < ui->o.cfg->nkinds; i++)
		if (ui_width(ui->o.cfg->kinds[i].name) > c->kindw)
			c->kindw = ui_width(ui->o.cfg->kinds[i].name);
	if (c->kindw > 14)
		c->kindw = 14;
	c->reg = 1;
	c->due = c->reg + c->regw + 1;
	c->st = c->due + 11;
	c->kind = c->st + c->stw + 1;
	x = c->kind + c->kindw + 1;
	if (w - 1 - x < 10) {
		/* Narrow: the kind goes (the detail line has the rest). */
		c->kindw = 0;
		x = c->kind;
	}
	c->client = x;
	c->clientw = w - 1 - x;
	c->phonew = 0;
	if (c->clientw >= 24 + 1 + 17) {
		/* Wide: the masked phone gets a column of its own. */
		c->phonew = 17;
		c->phone = w - 1 - c->phonew;
		c->clientw = c->phone - 1 - x;
	}
	if (c->clientw < 0)
		c->clientw = 0;
}

/*
 * A row's look.  The selection is reverse.  An overdue row is white on
 * red where there is colour; without colour it is bold, not reverse, so
 * that it never reads as the selection (the ! says it too).  A row due
 * today is bold in colour and has its * without.
 */
static attr_t
appeals_look(struct ui *ui, const struct appeal *a, int selected)
{
	int today = a->days_left == 0 && (a->status == APPEAL_REGISTERED ||
	    a->status == APPEAL_FORWARDED);

	if (selected)
		return ui_attr(ui, LOOK_SELECT) | (a->overdue ? A_BOLD : 0);
	if (a->overdue)
		return ui->colors ? ui_attr(ui, LOOK_URGENT) : A_BOLD;
	return today && ui->colors ? A_BOLD : A_NORMAL;
}

static void
appeals_draw_rows(struct ui *ui, struct appeals *l)
{
	WINDOW *b = ui->body;
	int w = getmaxx(b), h = getmaxy(b), rows = h - LR_FIRST - 2;
	struct cols c;
	char due[16], buf[512], phone[48], when[32];

	if (rows < 1)
		rows = 1;
	appeals_cols(ui, l, w, &c);
	ui_text(b, LR_HEAD, 0, w, A_NORMAL, "");
	ui_text(b, LR_HEAD, c.reg, c.regw, A_BOLD, _("Number"));
	ui_text(b, LR_HEAD, c.due, 10, A_BOLD, _("Due"));
	ui_text(b, LR_HEAD, c.st, c.stw, A_BOLD, _("Status"));
	if (c.kindw > 0)
		ui_text(b, LR_HEAD, c.kind, c.kindw, A_BOLD, _("Kind"));
	ui_text(b, LR_HEAD, c.client, c.clientw, A_BOLD, _("Client"));
	if (c.phonew > 0)
		ui_text(b, LR_HEAD, c.phone, c.phonew, A_BOLD, _("Phone"));
	if (l->sel >= l->n)
		l->sel = l->n ? l->n - 1 : 0;
	if (l->sel < l->top)
		l->top = l->sel;
	if (l->sel >= l->top + (size_t)rows)
		l->top = l->sel - (size_t)rows + 1;
	for (int r = 0; r < rows; r++) {
		size_t i = l->top + (size_t)r;
		int y = LR_FIRST + r;
		const struct appeal *a;
		attr_t at;

		if (i >= l->n) {
			ui_text(b, y, 0, w, A_NORMAL, l->n == 0 && r == 0 ?
			    _(" No appeals match the filter.") : "");
			continue;
		}
		a = &l->v[i];
		at = appeals_look(ui, a, i == l->sel);
		ui_fmt_date(a->due_date, due, sizeof due);
		/* One span in the row's look, then the cells over it. */
		ui_text(b, y, 0, w, at, "");
		ui_text(b, y, 0, 1, at, a->overdue ? "!" :
		    a->days_left == 0 && (a->status == APPEAL_REGISTERED ||
		    a->status == APPEAL_FORWARDED) ? "*" : "");
		ui_text(b, y, c.reg, c.regw + 1, at, a->reg_no);
		ui_text(b, y, c.due, 11, at, due);
		ui_text(b, y, c.st, c.stw + 1, at,
		    appeal_status_label(a->status));
		if (c.kindw > 0)
			ui_text(b, y, c.kind, c.kindw + 1, at,
			    scr_appeal_kind(ui->o.cfg, a->kind));
		ui_text(b, y, c.client, c.clientw + 1, at, a->purged_at ?
		    _("(personal data destroyed)") : a->client_name);
		if (c.phonew > 0) {
			text_mask_phone(a->phone, phone, sizeof phone);
			ui_text(b, y, c.phone, c.phonew, at, phone);
		}
	}
	mvwhline(b, h - 2, 0, ACS_HLINE, w);
	if (l->n == 0) {
		ui_text(b, h - 1, 0, w, A_NORMAL, "");
		return;
	}
	{
		const struct appeal *a = &l->v[l->sel];

		strlcpy_(l->sel_reg, a->reg_no, sizeof l->sel_reg);
		text_mask_phone(a->phone, phone, sizeof phone);
		ui_fmt_datetime(a->registered_at, when, sizeof when);
		buf[0] = '\0';
		snprintf(buf, sizeof buf, _("registered %s"), when);
		if (a->ticket[0]) {
			char t[64];

			snprintf(t, sizeof t, _("ticket %s"), a->ticket);
			cat(buf, sizeof buf, t);
		}
		if (phone[0])
			cat(buf, sizeof buf, phone);
		cat(buf, sizeof buf, a->topic);
		ui_text(b, h - 1, 1, w - 2, A_NORMAL, buf);
	}
}

static void
appeals_draw(struct ui *ui, void *st, unsigned what)
{
	struct appeals *l = st;

	if (!(what & (UI_DRAW_ALL | UI_DRAW_DATA)) && l->loaded)
		return;
	if ((what & UI_DRAW_DATA) || !l->loaded)
		appeals_load(ui, l);
	appeals_draw_top(ui, l);
	appeals_draw_rows(ui, l);
}

static void
appeals_status(struct ui *ui, struct appeals *l)
{
	const char *labels[ST_N];
	int i;

	for (i = 0; i < ST_N; i++)
		labels[i] = status_filter_name(i);
	i = ui_choose(ui, _("Status"), labels, ST_N, l->st);
	if (i >= 0)
		l->st = i;
}

static void
appeals_kind(struct ui *ui, struct appeals *l)
{
	const struct config *cfg = ui->o.cfg;
	const char **labels = xcalloc(cfg->nkinds + 1, sizeof *labels);
	int i, cur = 0;

	labels[0] = _("any kind");
	for (size_t k = 0; k < cfg->nkinds; k++) {
		labels[k + 1] = scr_appeal_kind(cfg, cfg->kinds[k].code);
		if (strcmp(l->kind, cfg->kinds[k].code) == 0)
			cur = (int)k + 1;
	}
	i = ui_choose(ui, _("Kind"), labels, (int)cfg->nkinds + 1, cur);
	free(labels);
	if (i == 0)
		l->kind[0] = '\0';
	else if (i > 0)
		strlcpy_(l->kind, cfg->kinds[i - 1].code, sizeof l->kind);
}

static void
appeals_due(struct ui *ui, struct appeals *l)
{
	struct ui_field f[1];

	memset(f, 0, sizeof f);
	f[0].label = _("Days");
	f[0].width = 4;
	f[0].flags = UI_F_DIGITS;
	if (l->f.due_within >= 0) {
		char v[16];

		snprintf(v, sizeof v, "%d", l->f.due_within);
		ui_field_set(&f[0], v);
	}
	if (ui_form(ui, _("Due within N days"), f, 1, _("0: due today and "
	    "overdue; blank: no limit")))
		l->f.due_within = f[0].value[0] ? atoi(f[0].value) : -1;
	ui_fields_free(f, 1);
}

static void
appeals_find(struct ui *ui, struct appeals *l)
{
	struct ui_field f[2];

	memset(f, 0, sizeof f);
	f[0].label = _("Client");
	f[0].width = 30;
	f[0].max = 100;
	ui_field_set(&f[0], l->client);
	f[1].label = _("Text");
	f[1].width = 30;
	f[1].max = 100;
	ui_field_set(&f[1], l->search);
	if (ui_form(ui, _("Find appeals"), f, 2, _("client: name, account "
	    "or phone; text: number, topic, text, answer; blank: any"))) {
		strlcpy_(l->client, f[0].value, sizeof l->client);
		strlcpy_(l->search, f[1].value, sizeof l->search);
	}
	ui_fields_free(f, 2);
}

static void
appeals_sort(struct ui *ui, struct appeals *l)
{
	const char *labels[nitems(sorts)];
	int i, cur = 0;

	for (size_t k = 0; k < nitems(sorts); k++) {
		labels[k] = _(sorts[k].name);
		if (sorts[k].sort == l->f.sort)
			cur = (int)k;
	}
	i = ui_choose(ui, _("Order by"), labels, (int)nitems(sorts), cur);
	if (i < 0)
		return;
	if (sorts[i].sort == l->f.sort)
		l->f.descending = !l->f.descending;
	else {
		l->f.sort = sorts[i].sort;
		l->f.descending = 0;
	}
}

static void
appeals_key(struct ui *ui, void *st, const struct ui_key *k)
{
	struct appeals *l = st;
	int h = getmaxy(ui->body), page = h - LR_FIRST - 2, reload = 1, pos;

	if (page < 1)
		page = 1;
	switch (k->action) {
	case UA_NEW:
		ui_push(ui, SCR_INTAKE, NULL);
		return;
	case UA_F_STATUS:
		appeals_status(ui, l);
		break;
	case UA_F_KIND:
		appeals_kind(ui, l);
		break;
	case UA_F_OVERDUE:
		l->f.overdue = !l->f.overdue;
		break;
	case UA_F_DUE:
		appeals_due(ui, l);
		break;
	case UA_FIND:
		appeals_find(ui, l);
		break;
	case UA_SORT:
		appeals_sort(ui, l);
		break;
	case UA_REVERSE:
		l->f.descending = !l->f.descending;
		break;
	case UA_RESET:
		appeals_defaults(l);
		break;
	case UA_EXIT:
		ui_pop(ui);
		return;
	default:
		reload = 0;
		break;
	}
	if (reload) {
		ui->dirty |= UI_DRAW_DATA;
		return;
	}
	if ((k->type == OK && (k->ch == '\r' || k->ch == '\n')) ||
	    (k->type == KEY_CODE_YES && k->ch == KEY_ENTER)) {
		if (l->n == 0)
			return;
		strlcpy_(l->open_reg, l->v[l->sel].reg_no,
		    sizeof l->open_reg);
		ui_push(ui, SCR_CARD, l->open_reg);
		return;
	}
	if (l->n == 0)
		return;
	pos = (int)l->sel;
	if (!ui_scroll(ui_nav_key(k), &pos, page, (int)l->n - 1))
		return;
	l->sel = pos < 0 ? 0 : (size_t)pos >= l->n ? l->n - 1 : (size_t)pos;
	appeals_draw_rows(ui, l);
}

static void
appeals_free(void *st)
{
	struct appeals *l = st;

	appeal_list_free(l->v, l->n);
	free(l);
}

const struct screen appeals_screen = {
	.name = "appeals", .keys = appeals_keys,
	.common = UI_C_HELP | UI_C_BACK | UI_C_LOCK,
	.init = appeals_init, .draw = appeals_draw, .key = appeals_key,
	.free = appeals_free,
};
