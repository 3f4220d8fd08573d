/* scr-card.c: one appeal in full with its history, and its status
 * changes: forward to a unit, answer with a summary, close, reopen with a
 * reason, extend with a reason, and the acknowledgment slip again.
 *
 * The model decides who may do what: before asking for a reason the
 * screen asks appeal_update_check / appeal_extend_check, so an auditor
 * or a closed appeal is refused at once with the model's message; the
 * change itself is appeal_update / appeal_extend, whose refusal of a
 * value keeps the dialog open for a correction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scr-appeal.h"

static const struct ui_binding card_keys[] = {
	{ 2, "2f", UA_FORWARD, N_("Fwd"), N_("forward to a back-office "
	    "unit") },
	{ 3, "3a", UA_ANSWER, N_("Answer"), N_("record the answer with its "
	    "summary") },
	{ 4, "4c", UA_CLOSE, N_("End"), N_("close the appeal") },
	{ 5, "5r", UA_REOPEN, N_("Reopen"), N_("take an answered or closed "
	    "appeal back into work, with the reason") },
	{ 6, "6e", UA_EXTEND, N_("Extend"), N_("extend the due date once by "
	    "30 days, with the reason") },
	{ 7, "7p", UA_PRINT, N_("Slip"), N_("print the acknowledgment slip "
	    "again") },
	{ 0, NULL, UA_OPEN, NULL, N_("arrows, PgUp, PgDn (Space, -), Home, "
	    "End: scroll") },
	{ 0, NULL, UA_NONE, NULL, NULL }
};

struct card {
	struct ui		*ui;
	char			 reg[APPEAL_REG_MAX];
	struct appeal		 a;
	int			 have;
	struct appeal_event	*ev;
	size_t			 nev;
	struct ui_view		 view;
	int			 top;
	int			 labelw;
};

#define VR_TITLE	0
#define VR_FIRST	2

static void
card_clear(struct card *v)
{
	if (v->have)
		appeal_clear(&v->a);
	v->have = 0;
	appeal_events_free(v->ev, v->nev);
	v->ev = NULL;
	v->nev = 0;
}

/* A label padded to lw columns, then the value wrapped beside it. */
static void
field_add(struct card *v, int width, attr_t at, const char *label,
    const char *value)
{
	char **w, *s;
	int n, pad;

	if (value == NULL || value[0] == '\0')
		return;
	n = ui_wrap(value, width - v->labelw, &w);
	for (int i = 0; i < n; i++) {
		pad = v->labelw - (i == 0 ? ui_width(label) : 0);
		if (pad < 1)
			pad = 1;
		s = xasprintf("%s%*s%s", i == 0 ? label : "", pad, "", w[i]);
		ui_view_add(&v->view, at, s);
		free(s);
	}
	ui_lines_free(w, n);
}

static const char *
event_label(const char *ev)
{
	static const char *const names[][2] = {
		{ "registered", N_("registered") },
		{ "forwarded", N_("forwarded") },
		{ "answered", N_("answered") },
		{ "closed", N_("closed") },
		{ "reopened", N_("reopened") },
		{ "extended", N_("extended") },
		{ "purged", N_("personal data destroyed") },
	};

	for (size_t i = 0; i < nitems(names); i++)
		if (strcmp(ev, names[i][0]) == 0)
			return _(names[i][1]);
	return ev;
}

/* The lines of the appeal and its history, for a body w columns wide. */
static void
card_build(struct ui *ui, struct card *v, int w)
{
	const struct appeal *a = &v->a;
	const char *labels[] = { _("Registered"), _("Kind"), _("Client"),
	    _("Account"), _("Phone"), _("Address"), _("Topic"), _("Due date"),
	    _("Extended"), _("Unit"), _("Answer"), _("Text") };
	char buf[1024], t[64], due[64], phone[64], who[64];
	int width = w - 2;

	ui_view_clear(&v->view);
	v->labelw = 0;
	for (size_t i = 0; i < nitems(labels); i++)
		if (ui_width(labels[i]) > v->labelw)
			v->labelw = ui_width(labels[i]);
	v->labelw += 2;
	if (v->labelw > width / 3)
		v->labelw = width / 3;

	ui_fmt_datetime(a->registered_at, t, sizeof t);
	snprintf(buf, sizeof buf, "%s", t);
	if (a->manager[0]) {
		size_t o = strlen(buf);

		snprintf(buf + o, sizeof buf - o, _(", by %s"), a->manager);
	}
	if (a->ticket[0]) {
		size_t o = strlen(buf);

		snprintf(buf + o, sizeof buf - o, _(", ticket %s"), a->ticket);
	}
	{
		size_t o = strlen(buf);

		snprintf(buf + o, sizeof buf - o, ", %s",
		    appeal_channel_label(a->channel));
	}
	field_add(v, width, A_NORMAL, _("Registered"), buf);
	field_add(v, width, A_NORMAL, _("Kind"), scr_appeal_kind(ui->o.cfg,
	    a->kind));
	if (a->purged_at != 0) {
		ui_fmt_datetime(a->purged_at, t, sizeof t);
		snprintf(buf, sizeof buf, _("personal data destroyed on %s "
		    "(152-FZ)"), t);
		field_add(v, width, A_NORMAL, _("Client"), buf);
	} else {
		snprintf(buf, sizeof buf, "%s, %s", a->client_name,
		    appeal_client_type_label(a->client_type));
		field_add(v, width, A_BOLD, _("Client"), buf);
		field_add(v, width, A_NORMAL, _("Account"), a->account);
		if (a->phone[0]) {
			/* In full only where it is used: to call back, with
			 * the client's consent; masked otherwise. */
			if (a->phone_consent)
				snprintf(buf, sizeof buf, _("%s, calls "
				    "allowed"), a->phone);
			else {
				text_mask_phone(a->phone, phone,
				    sizeof phone);
				snprintf(buf, sizeof buf, _("%s, no consent to "
				    "calls"), phone);
			}
			field_add(v, width, A_NORMAL, _("Phone"), buf);
		}
		field_add(v, width, A_NORMAL, _("Address"), a->address);
	}
	field_add(v, width, A_NORMAL, _("Topic"), a->topic);
	scr_appeal_due(a, due, sizeof due);
	field_add(v, width, a->overdue ? ui_attr(ui, LOOK_URGENT) :
	    a->days_left == 0 ? A_BOLD : A_NORMAL, _("Due date"), due);
	if (a->extended_at != 0) {
		ui_fmt_date(a->due_date_orig, t, sizeof t);
		snprintf(buf, sizeof buf, _("from %s: %s"), t,
		    a->extension_reason);
		field_add(v, width, A_NORMAL, _("Extended"), buf);
	}
	if (a->due_warning[0])
		field_add(v, width, ui_attr(ui, LOOK_WARN), "", a->due_warning);
	if (a->first_contact)
		field_add(v, width, A_NORMAL, "", _("resolved at the first "
		    "contact"));
	field_add(v, width, A_NORMAL, _("Unit"), a->unit);
	field_add(v, width, A_NORMAL, _("Answer"), a->answer);
	field_add(v, width, A_NORMAL, _("Text"), a->text);
	ui_view_add(&v->view, A_NORMAL, "");
	ui_view_add(&v->view, ui_attr(ui, LOOK_TITLE), _("History"));
	for (size_t i = 0; i < v->nev; i++) {
		const struct appeal_event *ev = &v->ev[i];
		char **wl;
		int n;

		ui_fmt_datetime(ev->at, t, sizeof t);
		snprintf(buf, sizeof buf, "%s  %-12s %s", t, utf8_pad(who,
		    sizeof who, ev->manager[0] ? ev->manager : _("system"),
		    -12), event_label(ev->event));
		ui_view_add(&v->view, A_NORMAL, buf);
		if (ev->note[0] == '\0')
			continue;
		/* The note under its event, indented past the time. */
		n = ui_wrap(ev->note, width - 18, &wl);
		for (int k = 0; k < n; k++) {
			snprintf(buf, sizeof buf, "%18s%s", "", wl[k]);
			ui_view_add(&v->view, A_NORMAL, buf);
		}
		ui_lines_free(wl, n);
	}
}

static int
card_load(struct ui *ui, struct card *v)
{
	struct err e;

	card_clear(v);
	err_clear(&e);
	if (appeal_get(ui_ctx(ui), v->reg, &v->a, &e) != OKNO_OK) {
		ui_status_err(ui, &e);
		return -1;
	}
	v->have = 1;
	if (appeal_history(ui_ctx(ui), v->a.id, &v->ev, &v->nev, &e) !=
	    OKNO_OK)
		ui_status_err(ui, &e);
	return 0;
}

static int
card_init(struct ui *ui, void **stp, const void *arg)
{
	struct card *v;

	if (arg == NULL)
		return -1;
	v = xcalloc(1, sizeof *v);
	v->ui = ui;
	strlcpy_(v->reg, arg, sizeof v->reg);
	if (card_load(ui, v) != 0) {
		free(v);
		return -1;
	}
	*stp = v;
	return 0;
}

static int
card_rows(struct ui *ui)
{
	int n = getmaxy(ui->body) - VR_FIRST;

	return n < 1 ? 1 : n;
}

static void
card_draw_lines(struct ui *ui, struct card *v)
{
	WINDOW *b = ui->body;
	int w = getmaxx(b), rows = card_rows(ui);

	ui_view_top(&v->view, &v->top, rows);
	for (int r = 0; r < rows; r++) {
		int i = v->top + r;

		ui_text(b, VR_FIRST + r, 0, w, A_NORMAL, "");
		if (i < v->view.nlines)
			ui_text(b, VR_FIRST + r, 1, w - 2,
			    v->view.lines[i].at, v->view.lines[i].text);
	}
	/* More below or above: said in the title row's middle. */
	ui_text(b, VR_TITLE, w / 2 - 4, 8, ui_attr(ui, LOOK_DIM),
	    v->top + rows < v->view.nlines ? _("more v") : v->top > 0 ?
	    _("more ^") : "");
}

static void
card_draw(struct ui *ui, void *st, unsigned what)
{
	struct card *v = st;
	WINDOW *b = ui->body;
	int w = getmaxx(b);
	char buf[160];

	if (!(what & (UI_DRAW_ALL | UI_DRAW_DATA)))
		return;
	if ((what & UI_DRAW_DATA) && card_load(ui, v) != 0) {
		ui_pop(ui);
		return;
	}
	if (!v->have)
		return;
	card_build(ui, v, w);
	snprintf(buf, sizeof buf, _("Appeal %s"), v->a.reg_no);
	ui_text(b, VR_TITLE, 1, w / 2 - 6, ui_attr(ui, LOOK_TITLE), buf);
	if (v->a.overdue)
		snprintf(buf, sizeof buf, _("%s, OVERDUE"),
		    appeal_status_label(v->a.status));
	else
		snprintf(buf, sizeof buf, "%s",
		    appeal_status_label(v->a.status));
	ui_right(b, VR_TITLE, w / 2 + 4, w - w / 2 - 5,
	    v->a.overdue ? ui_attr(ui, LOOK_URGENT) : A_BOLD, buf);
	mvwhline(b, VR_TITLE + 1, 0, ACS_HLINE, w);
	card_draw_lines(ui, v);
}

enum { CH_FORWARD, CH_ANSWER, CH_CLOSE, CH_REOPEN, CH_EXTEND };

/* The refusal before any typing: the model's checks. */
static int
card_check(struct ui *ui, struct card *v, int what, enum appeal_status to)
{
	struct err e;
	int rc;

	err_clear(&e);
	if (what == CH_EXTEND)
		rc = appeal_extend_check(ui_ctx(ui), &v->a, &e);
	else
		rc = appeal_update_check(ui_ctx(ui), &v->a, to, &e);
	if (rc != OKNO_OK)
		ui_status_err(ui, &e);
	return rc;
}

/* Where a reopened appeal goes: back here, or to its unit again. */
static int
card_reopen_to(struct ui *ui, struct card *v, enum appeal_status *to)
{
	const char *labels[2];
	int i;

	*to = APPEAL_REGISTERED;
	if (v->a.unit[0] == '\0')
		return 0;
	labels[0] = _("back into work here");
	labels[1] = _("to its unit again");
	i = ui_choose(ui, _("Reopen the appeal"), labels, 2, 0);
	if (i < 0)
		return -1;
	if (i == 1)
		*to = APPEAL_FORWARDED;
	return 0;
}

static void
card_change(struct ui *ui, struct card *v, int what)
{
	struct ui_field f[2];
	struct ui_formbox d;
	struct appeal out;
	struct err e;
	enum appeal_status to = APPEAL_REGISTERED;
	const char *title = "", *note = NULL;
	char due[32];
	int n = 1, rc;

	memset(f, 0, sizeof f);
	switch (what) {
	case CH_FORWARD:
		to = APPEAL_FORWARDED;
		title = _("Forward to a unit");
		f[0] = (struct ui_field){ .label = _("Unit"),
		    .max = APPEAL_UNIT_MAX };
		ui_field_set(&f[0], v->a.unit);
		f[1] = (struct ui_field){ .label = _("Note"), .rows = 3,
		    .max = APPEAL_NOTE_MAX };
		n = 2;
		break;
	case CH_ANSWER:
		to = APPEAL_ANSWERED;
		title = _("Answer");
		f[0] = (struct ui_field){ .label = _("Summary"), .rows = 6,
		    .max = APPEAL_ANSWER_MAX };
		note = _("What the client was answered, in brief.");
		break;
	case CH_CLOSE:
		to = APPEAL_CLOSED;
		title = _("Close the appeal");
		f[0] = (struct ui_field){ .label = _("Answer"), .rows = 4,
		    .max = APPEAL_ANSWER_MAX };
		f[1] = (struct ui_field){ .label = _("Note"),
		    .max = APPEAL_NOTE_MAX };
		n = 2;
		note = _("Answer: blank keeps the answer recorded before.");
		break;
	case CH_REOPEN:
		/* Checked before the question where to: a refusal first. */
		if (card_check(ui, v, what, APPEAL_REGISTERED) != OKNO_OK ||
		    card_reopen_to(ui, v, &to) != 0)
			return;
		title = _("Reopen the appeal");
		f[0] = (struct ui_field){ .label = _("Reason"), .rows = 4,
		    .max = APPEAL_NOTE_MAX };
		break;
	case CH_EXTEND:
		title = _("Extend the due date by 30 days");
		f[0] = (struct ui_field){ .label = _("Reason"), .rows = 4,
		    .max = APPEAL_NOTE_MAX };
		note = _("The law allows one extension, with notice to the "
		    "client.");
		break;
	}
	if (what != CH_REOPEN && card_check(ui, v, what, to) != OKNO_OK) {
		ui_fields_free(f, 2);
		return;
	}
	ui_formbox_open(ui, &d, title, f, n);
	if (note != NULL)
		ui_formbox_note(ui, &d, LOOK_NORMAL, note);
	for (;;) {
		if (!ui_form_run(ui, &d)) {
			ui_status(ui, LOOK_NORMAL, "%s", _("nothing changed"));
			break;
		}
		err_clear(&e);
		if (what == CH_ANSWER && f[0].value[0] == '\0') {
			ui_formbox_note(ui, &d, LOOK_WARN, _("summary: write "
			    "what the client was answered"));
			continue;
		}
		if (what == CH_EXTEND)
			rc = appeal_extend(ui_ctx(ui), v->reg, f[0].value,
			    &out, &e);
		else {
			struct appeal_change ch;

			memset(&ch, 0, sizeof ch);
			ch.status = to;
			if (what == CH_FORWARD) {
				ch.unit = f[0].value;
				ch.note = f[1].value;
			} else if (what == CH_ANSWER)
				ch.answer = f[0].value;
			else if (what == CH_CLOSE) {
				ch.answer = f[0].value;
				ch.note = f[1].value;
			} else
				ch.note = f[0].value;
			rc = appeal_update(ui_ctx(ui), v->reg, &ch, &out, &e);
		}
		if (rc == OKNO_EINVAL) {
			/* A value the model refused: correct it here. */
			ui_formbox_note(ui, &d, LOOK_WARN, e.msg);
			continue;
		}
		if (rc != OKNO_OK) {
			ui_status_err(ui, &e);
			break;
		}
		ui_fmt_date(out.due_date, due, sizeof due);
		if (what == CH_EXTEND)
			ui_status(ui, LOOK_OK, _("%s extended: due %s"),
			    out.reg_no, due);
		else
			ui_status(ui, LOOK_OK, _("%s is %s now"), out.reg_no,
			    appeal_status_label(out.status));
		appeal_clear(&out);
		ui_changed(ui);
		break;
	}
	ui_formbox_close(ui, &d);
	ui_fields_free(f, 2);
}

static void
card_key(struct ui *ui, void *st, const struct ui_key *k)
{
	struct card *v = st;
	int rows = card_rows(ui);

	switch (k->action) {
	case UA_FORWARD:
		card_change(ui, v, CH_FORWARD);
		return;
	case UA_ANSWER:
		card_change(ui, v, CH_ANSWER);
		return;
	case UA_CLOSE:
		card_change(ui, v, CH_CLOSE);
		return;
	case UA_REOPEN:
		card_change(ui, v, CH_REOPEN);
		return;
	case UA_EXTEND:
		card_change(ui, v, CH_EXTEND);
		return;
	case UA_PRINT:
		scr_appeal_print_slip(ui, &v->a);
		return;
	case UA_EXIT:
		ui_pop(ui);
		return;
	default:
		break;
	}
	if (ui_scroll(ui_nav_key(k), &v->top, rows - 1, v->view.nlines))
		card_draw_lines(ui, v);
}

static void
card_free(void *st)
{
	struct card *v = st;

	card_clear(v);
	ui_view_free(&v->view);
	free(v);
}

const struct screen card_screen = {
	.name = "appeal-view", .keys = card_keys,
	.common = UI_C_HELP | UI_C_BACK | UI_C_LOCK,
	.init = card_init, .draw = card_draw, .key = card_key,
	.free = card_free,
};
