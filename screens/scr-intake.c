/* scr-intake.c: the appeal registration form, built with the ncurses form
 * library in the screen's body: one row a field, so that every field of
 * an appeal fits 80x24.  Opened from the manager console with the ticket
 * in service linked (the argument), or on its own from the hall, the
 * console and the appeals list.
 *
 * The model decides what is valid: Save hands everything to appeal_add,
 * and a refusal names the field.  The form then keeps every value typed,
 * moves to that field, marks its label and puts the model's message on
 * the message line.  On success the registration number and due date
 * show with the offer to print the acknowledgment slip, and the form
 * gives way to the appeal's detail.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scr-appeal.h"
#include "visit.h"

enum {
	AF_TICKET, AF_KIND, AF_CHANNEL, AF_CTYPE, AF_NAME, AF_ACCOUNT,
	AF_PHONE, AF_CONSENT, AF_ADDRESS, AF_TOPIC, AF_TEXT, AF_FIRST,
	AF_UNIT, AF_N
};

enum { AK_LINE, AK_CHOICE, AK_TEXT };

#define AF_WIDE		(-1)	/* to the form's right edge */
#define AF_ROW0		2	/* the first field's row */
#define AF_DESIGN_W	80	/* the form is laid out for 80 columns */

static const struct af_spec {
	const char	*label;
	const char	*hint;
	int		 type;
	int		 width;
	int		 max;		/* characters */
	enum appeal_field model;	/* what appeal_add calls it */
} af_specs[AF_N] = {
	[AF_TICKET] = { N_("Ticket"), N_("the ticket of this visit; blank: "
	    "an appeal without a visit"), AK_LINE, 8, 15, APPEAL_F_TICKET },
	[AF_KIND] = { N_("Kind"), NULL, AK_CHOICE, 0, 0, APPEAL_F_KIND },
	[AF_CHANNEL] = { N_("Channel"), NULL, AK_CHOICE, 0, 0,
	    APPEAL_F_CHANNEL },
	[AF_CTYPE] = { N_("Client type"), NULL, AK_CHOICE, 0, 0,
	    APPEAL_F_CLIENT_TYPE },
	[AF_NAME] = { N_("Client"), N_("full name, or the organisation's "
	    "name"), AK_LINE, AF_WIDE, APPEAL_NAME_MAX, APPEAL_F_NAME },
	[AF_ACCOUNT] = { N_("Account"), N_("the personal account number"),
	    AK_LINE, 24, APPEAL_ACCOUNT_MAX, APPEAL_F_ACCOUNT },
	[AF_PHONE] = { N_("Phone"), N_("digits, a leading +, brackets, "
	    "hyphens, spaces"), AK_LINE, 22, APPEAL_PHONE_MAX,
	    APPEAL_F_PHONE },
	[AF_CONSENT] = { N_("Calls allowed"), N_("the client agrees to be "
	    "called back at this phone"), AK_CHOICE, 0, 0, APPEAL_F_NONE },
	[AF_ADDRESS] = { N_("Address"), NULL, AK_LINE, AF_WIDE,
	    APPEAL_ADDRESS_MAX, APPEAL_F_ADDRESS },
	[AF_TOPIC] = { N_("Topic"), N_("type the topic, or F4: the list of "
	    "topics"), AK_LINE, AF_WIDE, APPEAL_TOPIC_MAX, APPEAL_F_TOPIC },
	[AF_TEXT] = { N_("Text"), N_("^J: a new line; Enter, Tab: the next "
	    "field"), AK_TEXT, AF_WIDE, APPEAL_TEXT_MAX, APPEAL_F_TEXT },
	[AF_FIRST] = { N_("Resolved now"), N_("yes: resolved at the first "
	    "contact, and closed at once"), AK_CHOICE, 0, 0, APPEAL_F_NONE },
	[AF_UNIT] = { N_("Forward to"), N_("a back-office unit: forwarded at "
	    "once; blank: the appeal stays here"), AK_LINE, AF_WIDE,
	    APPEAL_UNIT_MAX, APPEAL_F_UNIT },
};

static const struct ui_binding intake_keys[] = {
	{ 2, NULL, UA_SAVE, N_("Save"), N_("register the appeal (or Enter "
	    "in the last field)") },
	{ 4, NULL, UA_CHOOSE, N_("List"), N_("choose from a list: kind, "
	    "channel, client type, calls, resolved, topic") },
	{ 10, NULL, UA_EXIT, N_("Cancel"), N_("leave without registering "
	    "(or Esc)") },
	/* What the form's own keys do, for the help box only. */
	{ 0, NULL, UA_SAVE, NULL, N_("Tab, Enter, Down: the next field; "
	    "Shift-Tab, Up: the previous one") },
	{ 0, NULL, UA_SAVE, NULL, N_("^J: a new line in the text") },
	{ 0, NULL, UA_SAVE, NULL, N_("Space, Left, Right: change a choice; "
	    "1-9: pick one") },
	{ 0, NULL, UA_SAVE, NULL, N_("^U: clear the field; ^K: clear to the "
	    "end of the line") },
	{ 0, NULL, UA_SAVE, NULL, N_("Without F-keys: ESC 2 saves, ESC 4 "
	    "lists, ESC 0 cancels") },
	{ 0, NULL, UA_NONE, NULL, NULL }
};

struct intake {
	struct ui	 *ui;
	FIELD		 *f[AF_N + 1];
	FORM		 *form;
	WINDOW		 *sub;
	int		  posted;
	int		  row[AF_N];
	int		  width[AF_N];
	int		  labelw;
	int		  x;		/* the fields' column */
	int		  need_h, need_w;
	/* Choices: translated labels and the codes they stand for. */
	const char	**opt[AF_N];
	const char	**code[AF_N];
	int		  nopt[AF_N];
	int		  sel[AF_N];
	int		  bad;		/* the field refused, or -1 */
	int		  edited;	/* something was typed or chosen */
	char		  reg[APPEAL_REG_MAX];
};

static void
intake_set_choice(struct intake *r, int i, int sel)
{
	if (r->nopt[i] == 0)
		return;
	if (sel < 0)
		sel = r->nopt[i] - 1;
	if (sel >= r->nopt[i])
		sel = 0;
	r->sel[i] = sel;
	ui_form_put(r->f[i], r->opt[i][sel]);
}

/* The choices of a field: labels, codes, their widest label. */
static int
intake_choices(struct ui *ui, struct intake *r, int i)
{
	const struct config *cfg = ui->o.cfg;
	static const char *const yesno[] = { N_("no"), N_("yes") };
	int n = 0, w = 0;

	switch (i) {
	case AF_KIND:
		n = (int)cfg->nkinds;
		break;
	case AF_CHANNEL:
		while (appeal_channels[n] != NULL)
			n++;
		break;
	case AF_CTYPE:
		while (appeal_client_types[n] != NULL)
			n++;
		break;
	default:
		n = 2;
		break;
	}
	r->opt[i] = xcalloc((size_t)n + 1, sizeof *r->opt[i]);
	r->code[i] = xcalloc((size_t)n + 1, sizeof *r->code[i]);
	for (int k = 0; k < n; k++) {
		switch (i) {
		case AF_KIND:
			r->code[i][k] = cfg->kinds[k].code;
			r->opt[i][k] = scr_appeal_kind(cfg, cfg->kinds[k].code);
			break;
		case AF_CHANNEL:
			r->code[i][k] = appeal_channels[k];
			r->opt[i][k] = appeal_channel_label(appeal_channels[k]);
			break;
		case AF_CTYPE:
			r->code[i][k] = appeal_client_types[k];
			r->opt[i][k] = appeal_client_type_label(
			    appeal_client_types[k]);
			break;
		default:
			r->code[i][k] = yesno[k];
			r->opt[i][k] = _(yesno[k]);
			break;
		}
		if (ui_width(r->opt[i][k]) > w)
			w = ui_width(r->opt[i][k]);
	}
	r->nopt[i] = n;
	return w;
}

/* Rows and columns of every field, for a body of h rows. */
static void
intake_layout(struct ui *ui, struct intake *r, int *textrows)
{
	int h = getmaxy(ui->body), y = AF_ROW0;

	/* The text takes what is left, up to 4 rows: the form, a blank
	 * and the hint line need 17 rows besides. */
	*textrows = h - 17;
	if (*textrows > 4)
		*textrows = 4;
	if (*textrows < 1)
		*textrows = 1;
	for (int i = 0; i < AF_N; i++) {
		r->row[i] = y;
		y += i == AF_TEXT ? *textrows : 1;
	}
	r->labelw = 0;
	for (int i = 0; i < AF_N; i++)
		if (ui_width(_(af_specs[i].label)) > r->labelw)
			r->labelw = ui_width(_(af_specs[i].label));
	if (r->labelw > 22)
		r->labelw = 22;
	r->x = 1 + r->labelw + 2;
	r->need_h = y;
}

static void
intake_place(struct ui *ui, struct intake *r)
{
	int h = getmaxy(ui->body), w = getmaxx(ui->body);

	ui_form_unplace(r->form, &r->posted, &r->sub);
	if (h < r->need_h + 2 || w < r->need_w)
		return;
	r->sub = derwin(ui->body, r->need_h, r->need_w, 0, 0);
	set_form_win(r->form, ui->body);
	set_form_sub(r->form, r->sub);
	if (post_form(r->form) == E_OK)
		r->posted = 1;
}

static int
intake_init(struct ui *ui, void **stp, const void *arg)
{
	struct intake *r;
	struct err e;
	int design, textrows, wide;

	/* An auditor learns at once, not after typing a whole appeal. */
	err_clear(&e);
	if (appeal_may_change(ui_ctx(ui), &e) != OKNO_OK) {
		ui_status_err(ui, &e);
		return -1;
	}
	r = xcalloc(1, sizeof *r);
	r->ui = ui;
	r->bad = -1;
	intake_layout(ui, r, &textrows);
	design = COLS < AF_DESIGN_W ? COLS : AF_DESIGN_W;
	wide = design - r->x - 1;
	if (wide < 20)
		wide = 20;
	r->need_w = r->x + wide;
	for (int i = 0; i < AF_N; i++) {
		const struct af_spec *s = &af_specs[i];
		int fw = s->width == AF_WIDE ? wide : s->width;
		FIELD *f;

		if (s->type == AK_CHOICE) {
			fw = intake_choices(ui, r, i) + 1;
			if (fw < 8)
				fw = 8;
		}
		if (fw > wide)
			fw = wide;
		r->width[i] = fw;
		f = new_field(i == AF_TEXT ? textrows : 1, fw, r->row[i],
		    r->x, 0, 0);
		set_field_back(f, ui_attr(ui, LOOK_FIELD));
		field_opts_off(f, O_AUTOSKIP);
		if (s->type == AK_CHOICE)
			field_opts_off(f, O_EDIT);
		else {
			/* Longer than the field: it scrolls, up to the
			 * model's limit (a text's limit is in rows). */
			field_opts_off(f, O_STATIC);
			set_max_field(f, s->type == AK_TEXT ? s->max / fw + 2 :
			    s->max);
		}
		r->f[i] = f;
	}
	r->f[AF_N] = NULL;
	for (int i = 0; i < AF_N; i++)
		if (af_specs[i].type == AK_CHOICE)
			intake_set_choice(r, i, 0);
	if (arg != NULL && *(const char *)arg != '\0') {
		struct ticket t;
		struct err te;
		char acc[VISIT_ACCOUNT_MAX + 1];

		ui_form_put(r->f[AF_TICKET], arg);
		/* The visit's account, when the client gave one (the model
		 * takes it too when the field is left blank). */
		err_clear(&te);
		if (queue_ticket_by_number(ui_ctx(ui), arg, &t, &te) ==
		    OKNO_OK && visit_ticket_account(ui_ctx(ui), t.id, acc,
		    sizeof acc, &te) == OKNO_OK && acc[0] != '\0')
			ui_form_put(r->f[AF_ACCOUNT], acc);
	}
	r->form = new_form(r->f);
	/* Start where the typing starts: the kind when a ticket is
	 * linked, else the ticket. */
	set_current_field(r->form, r->f[arg != NULL && *(const char *)arg ?
	    AF_KIND : AF_TICKET]);
	leaveok(ui->body, FALSE);
	ui_form_cursor(ui, 1);
	*stp = r;
	return 0;
}

/* The kind's deadline, beside it. */
static void
intake_deadline(struct ui *ui, struct intake *r, char *buf, size_t size)
{
	const struct config_kind *k;

	buf[0] = '\0';
	if (r->nopt[AF_KIND] == 0)
		return;
	k = config_kind(ui->o.cfg, r->code[AF_KIND][r->sel[AF_KIND]]);
	if (k == NULL)
		return;
	if (k->days == CALENDAR_DAYS_WORKING)
		snprintf(buf, size, ngettext("answer within %d working day",
		    "answer within %d working days",
		    (unsigned long)k->deadline), k->deadline);
	else
		snprintf(buf, size, ngettext("answer within %d day",
		    "answer within %d days", (unsigned long)k->deadline),
		    k->deadline);
}

/* Labels, marks and the hint of the current field. */
static void
intake_decor(struct ui *ui, struct intake *r)
{
	WINDOW *b = ui->body;
	int w = getmaxx(b), h = getmaxy(b), cur;
	char buf[256];
	const char *hint;

	if (!r->posted) {
		ui_text(b, 0, 1, w - 2, ui_attr(ui, LOOK_TITLE),
		    _("Register an appeal"));
		ui_text(b, 2, 1, w - 2, ui_attr(ui, LOOK_WARN), _("The "
		    "terminal is too small for the form: 80x24 at least."));
		return;
	}
	cur = field_index(current_field(r->form));
	ui_text(b, 0, 1, w - 2, ui_attr(ui, LOOK_TITLE),
	    _("Register an appeal"));
	mvwhline(b, 1, 0, ACS_HLINE, w);
	for (int i = 0; i < AF_N; i++) {
		ui_text(b, r->row[i], 0, 1, ui_attr(ui, LOOK_WARN),
		    i == r->bad ? "!" : "");
		ui_text(b, r->row[i], 1, r->labelw + 1, i == r->bad ?
		    ui_attr(ui, LOOK_WARN) : i == cur ? A_BOLD : A_NORMAL,
		    _(af_specs[i].label));
	}
	/* Beside the short fields: what the kind means. */
	intake_deadline(ui, r, buf, sizeof buf);
	ui_text(b, r->row[AF_KIND], r->x + r->width[AF_KIND] + 2,
	    w - r->x - r->width[AF_KIND] - 3, ui_attr(ui, LOOK_DIM), buf);
	if (af_specs[cur].type == AK_CHOICE)
		hint = _("Space or arrows: the next choice; F4: the list");
	else if (cur == AF_ACCOUNT) {
		/* What the configured pattern means, not the pattern. */
		char what[128];

		appeal_account_hint(ui->o.cfg, what, sizeof what);
		snprintf(buf, sizeof buf, _("the personal account number: %s"),
		    what);
		hint = buf;
	} else
		hint = _(af_specs[cur].hint ? af_specs[cur].hint :
		    N_("Enter or Tab: the next field; F2: save"));
	ui_text(b, r->need_h + 1 < h ? r->need_h + 1 : h - 1, 1, w - 2,
	    ui_attr(ui, LOOK_DIM), hint);
	pos_form_cursor(r->form);
}

static void
intake_draw(struct ui *ui, void *st, unsigned what)
{
	struct intake *r = st;

	if (what & UI_DRAW_ALL) {
		intake_place(ui, r);
		intake_decor(ui, r);
	}
	if (r->posted)
		pos_form_cursor(r->form);
}

static void
intake_resize(struct ui *ui, void *st)
{
	intake_place(ui, st);
}

/* The form index of what the model calls field, or -1. */
static int
intake_field_of(enum appeal_field field)
{
	if (field == APPEAL_F_NONE)
		return -1;
	for (int i = 0; i < AF_N; i++)
		if (af_specs[i].model == field)
			return i;
	return -1;
}

static void
intake_choose(struct ui *ui, struct intake *r)
{
	int cur = field_index(current_field(r->form)), i;
	const struct config *cfg = ui->o.cfg;

	if (af_specs[cur].type == AK_CHOICE) {
		i = ui_choose(ui, _(af_specs[cur].label), r->opt[cur],
		    r->nopt[cur], r->sel[cur]);
		if (i >= 0) {
			intake_set_choice(r, cur, i);
			r->edited = 1;
		}
	} else if (cur == AF_TOPIC) {
		if (cfg->ntopics == 0) {
			ui_status(ui, LOOK_WARN, "%s", _("no topics are "
			    "configured: type the topic"));
			return;
		}
		i = ui_choose(ui, _("Topic"), (const char *const *)cfg->topics,
		    (int)cfg->ntopics, 0);
		if (i >= 0) {
			ui_form_put(r->f[AF_TOPIC], cfg->topics[i]);
			form_driver(r->form, REQ_END_FIELD);
			r->edited = 1;
		}
	} else
		ui_status(ui, LOOK_NORMAL, "%s", _("this field has no list: "
		    "type it"));
}

/* Leaves, asking first when something was typed. */
static void
intake_cancel(struct ui *ui, struct intake *r)
{
	if (r->edited && !ui_ask(ui, _("Cancel the registration"),
	    _("Discard what was typed? The appeal is not registered."),
	    _("discard"), _("keep typing")))
		return;
	ui_status(ui, LOOK_NORMAL, "%s", _("no appeal registered"));
	ui_pop(ui);
}

static void
intake_registered(struct ui *ui, struct intake *r, const struct appeal *a)
{
	char due[32], text[1024];
	size_t o;

	ui_fmt_date(a->due_date, due, sizeof due);
	o = (size_t)snprintf(text, sizeof text, _("Registration number: "
	    "%s\nDue date: %s"), a->reg_no, due);
	if (a->due_warning[0] != '\0' && o < sizeof text)
		o += (size_t)snprintf(text + o, sizeof text - o, "\n%s",
		    a->due_warning);
	ui_status(ui, LOOK_OK, _("appeal %s registered, due %s"), a->reg_no,
	    due);
	if (ui->o.cfg->printer.driver == NULL) {
		if (o < sizeof text)
			snprintf(text + o, sizeof text - o, "\n%s", _("No "
			    "printer is configured: no acknowledgment slip."));
		(void)ui_ask(ui, _("Appeal registered"), text, NULL, NULL);
	} else if (ui_ask(ui, _("Appeal registered"), text, _("print the "
	    "acknowledgment slip"), _("no slip")))
		scr_appeal_print_slip(ui, a);
	strlcpy_(r->reg, a->reg_no, sizeof r->reg);
	/* Registered at a window: back to the console, whose keys the key
	 * bar then shows (the client is still there); from the hall or
	 * the list, on to the appeal's detail. */
	if (ui->depth > 1 && ui->stack[ui->depth - 2].id == SCR_CONSOLE)
		ui_pop(ui);
	else
		ui_replace(ui, SCR_CARD, r->reg);
}

static void
intake_save(struct ui *ui, struct intake *r)
{
	struct appeal_new n;
	struct appeal a;
	struct err e;
	enum appeal_field field = APPEAL_F_NONE;
	char *v[AF_N];
	int rc;

	form_driver(r->form, REQ_VALIDATION);
	for (int i = 0; i < AF_N; i++) {
		size_t size = af_specs[i].type == AK_CHOICE ? 1 :
		    (size_t)af_specs[i].max * 4 + 1;

		v[i] = xcalloc(1, size);
		if (af_specs[i].type != AK_CHOICE)
			ui_form_get(r->f[i], 0, v[i], size);
	}
	memset(&n, 0, sizeof n);
	if (r->nopt[AF_KIND] > 0)
		n.kind = r->code[AF_KIND][r->sel[AF_KIND]];
	n.channel = r->code[AF_CHANNEL][r->sel[AF_CHANNEL]];
	n.client_type = r->code[AF_CTYPE][r->sel[AF_CTYPE]];
	n.name = v[AF_NAME];
	n.account = v[AF_ACCOUNT];
	n.phone = v[AF_PHONE];
	n.phone_consent = r->sel[AF_CONSENT];
	n.address = v[AF_ADDRESS];
	n.topic = v[AF_TOPIC];
	n.text = v[AF_TEXT];
	n.ticket = v[AF_TICKET];
	n.first_contact = r->sel[AF_FIRST];
	n.unit = v[AF_UNIT];
	err_clear(&e);
	rc = appeal_add(ui_ctx(ui), &n, &a, &field, &e);
	for (int i = 0; i < AF_N; i++)
		free(v[i]);
	if (rc != OKNO_OK) {
		/* Everything typed stays; the cursor goes to the field. */
		r->bad = intake_field_of(field);
		if (r->bad >= 0) {
			set_current_field(r->form, r->f[r->bad]);
			form_driver(r->form, REQ_END_FIELD);
		}
		ui_status_err(ui, &e);
		intake_decor(ui, r);
		return;
	}
	r->bad = -1;
	ui_changed(ui);
	intake_registered(ui, r, &a);
	appeal_clear(&a);
}

static void
intake_key(struct ui *ui, void *st, const struct ui_key *k)
{
	struct intake *r = st;
	int cur, rc;

	if (k->action == UA_EXIT) {
		intake_cancel(ui, r);
		return;
	}
	if (!r->posted)
		return;
	cur = field_index(current_field(r->form));
	switch (k->action) {
	case UA_SAVE:
		intake_save(ui, r);
		return;
	case UA_CHOOSE:
		intake_choose(ui, r);
		intake_decor(ui, r);
		return;
	default:
		break;
	}
	if (af_specs[cur].type == AK_CHOICE) {
		int step = 0;

		if (k->type == OK && (k->ch == ' ' || k->ch == '+'))
			step = 1;
		else if (k->type == OK && k->ch == '-')
			step = -1;
		else if (k->type == KEY_CODE_YES && k->ch == KEY_RIGHT)
			step = 1;
		else if (k->type == KEY_CODE_YES && k->ch == KEY_LEFT)
			step = -1;
		else if (k->type == OK && k->ch >= '1' && k->ch <= '9' &&
		    (int)(k->ch - '0') <= r->nopt[cur]) {
			intake_set_choice(r, cur, (int)(k->ch - '1'));
			r->edited = 1;
			intake_decor(ui, r);
			return;
		}
		if (step != 0) {
			intake_set_choice(r, cur, r->sel[cur] + step);
			r->edited = 1;
			intake_decor(ui, r);
			return;
		}
	}
	rc = ui_form_edit(r->form, k);
	if (rc == UI_FE_CANCEL) {
		intake_cancel(ui, r);
		return;
	}
	if (rc == UI_FE_EDIT)
		r->edited = 1;
	if (rc == UI_FE_ENTER) {
		if (cur == AF_N - 1) {
			intake_save(ui, r);
			return;
		}
		form_driver(r->form, REQ_NEXT_FIELD);
	}
	intake_decor(ui, r);
}

static void
intake_free(void *st)
{
	struct intake *r = st;

	if (r->posted)
		unpost_form(r->form);
	free_form(r->form);
	for (int i = 0; i < AF_N; i++) {
		free_field(r->f[i]);
		free(r->opt[i]);
		free(r->code[i]);
	}
	if (r->sub != NULL)
		delwin(r->sub);
	leaveok(r->ui->body, TRUE);
	ui_form_cursor(r->ui, 0);
	free(r);
}

const struct screen intake_screen = {
	.name = "appeal", .keys = intake_keys,
	.common = UI_C_HELP | UI_C_TYPING,
	.init = intake_init, .draw = intake_draw, .key = intake_key,
	.resize = intake_resize, .free = intake_free,
};
