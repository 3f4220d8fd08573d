/* scr-visit.c: the visit's part of the manager console (see scr-visit.h):
 * who the client is (their account), what they came for before and what
 * they complained of, and what was done at the finish.  The manager sees
 * the account in full: they check it with the client. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scr-appeal.h"
#include "scr-visit.h"

void
scr_visit_load(struct ui *ui, struct scr_visit *v, const struct ticket *t)
{
	struct err e;

	scr_visit_free(v);
	if (t == NULL || t->id == 0)
		return;
	err_clear(&e);
	v->ticket = t->id;
	if (visit_ticket_account(ui_ctx(ui), t->id, v->account,
	    sizeof v->account, &e) != OKNO_OK ||
	    visit_history(ui_ctx(ui), v->account, 0, t->id, &v->h, &e) !=
	    OKNO_OK)
		ui_status_err(ui, &e);
}

void
scr_visit_free(struct scr_visit *v)
{
	visit_history_free(&v->h);
	memset(v, 0, sizeof *v);
}

/* "paid;readings" as the outcomes' names, "Оплата принята, ...". */
static void
outcome_names(const struct config *cfg, const char *codes, char *out,
    size_t size)
{
	char buf[VISIT_OUTCOMES_MAX], *p, *save = NULL;
	size_t len = 0;

	out[0] = '\0';
	strlcpy_(buf, codes, sizeof buf);
	for (p = strtok_r(buf, ";", &save); p != NULL && len + 1 < size;
	    p = strtok_r(NULL, ";", &save)) {
		const char *name = p;

		for (size_t i = 0; i < cfg->noutcomes; i++)
			if (strcmp(cfg->outcomes[i].code, p) == 0)
				name = cfg->outcomes[i].name;
		len += (size_t)snprintf(out + len, size - len, "%s%s",
		    len ? ", " : "", name);
		if (len >= size)
			len = size - 1;
	}
}

int
scr_visit_draw(struct ui *ui, const struct scr_visit *v, WINDOW *b, int y,
    int rows, int w)
{
	const struct config *cfg = ui->o.cfg;
	char buf[512], names[256], date[32];
	int used = 0;

	for (int i = 0; i < rows; i++)
		ui_text(b, y + i, 1, w - 2, A_NORMAL, "");
	if (rows <= 0 || v->ticket == 0)
		return 0;
	/* A client without an account gets no line: a hint drawn with
	 * every call and wiped at every finish cost a slow line some 80
	 * bytes per call-next (issue 19's byte budget); `k` is in the F1
	 * help and the key table. */
	if (v->account[0] == '\0')
		return 0;
	snprintf(buf, sizeof buf, _("Client %s: %zu visits in %d days, "
	    "%zu open appeals"), v->account, v->h.nvisits, cfg->repeat_days,
	    v->h.nappeals);
	ui_text(b, y + used++, 1, w - 2, ui_attr(ui, LOOK_TITLE), buf);
	/* Open appeals first: a complaint waiting for an answer is what
	 * the manager must not miss. */
	for (size_t i = 0; i < v->h.nappeals && used < rows; i++) {
		const struct visit_appeal *a = &v->h.appeals[i];

		ui_fmt_date(a->due_date, date, sizeof date);
		snprintf(buf, sizeof buf, _("  appeal %s %s, due %s%s"),
		    a->reg_no, scr_appeal_kind(cfg, a->kind), date,
		    a->overdue ? _(" (overdue)") : "");
		ui_text(b, y + used++, 1, w - 2, ui_attr(ui, a->overdue ?
		    LOOK_URGENT : LOOK_WARN), buf);
	}
	for (size_t i = 0; i < v->h.nvisits && used < rows; i++) {
		const struct visit_past *p = &v->h.visits[i];
		const struct config_service *s = config_service(cfg,
		    p->service);

		ui_fmt_date(p->day, date, sizeof date);
		outcome_names(cfg, p->outcomes, names, sizeof names);
		snprintf(buf, sizeof buf, "  %s %s %s: %s%s", date, p->number,
		    s != NULL ? s->name : p->service, names[0] ? names :
		    _("no outcome"), p->resolved == 1 ? _(", resolved") :
		    p->resolved == 0 ? _(", not resolved") : "");
		ui_text(b, y + used++, 1, w - 2, A_NORMAL, buf);
	}
	return used;
}

static int
account_check(void *arg, struct ui_field *f, struct err *e)
{
	struct ui *ui = arg;

	return visit_account_check(ui->o.cfg, f[0].value, e);
}

void
scr_visit_account(struct ui *ui, int window, const struct scr_visit *v)
{
	struct ui_field f[1];
	struct err e;
	char hint[64], note[160];

	if (v->ticket == 0) {
		ui_status(ui, LOOK_WARN, "%s", _("no ticket in service"));
		return;
	}
	memset(f, 0, sizeof f);
	f[0].label = _("Account");
	f[0].width = VISIT_ACCOUNT_MAX / 2;
	f[0].max = VISIT_ACCOUNT_MAX;
	f[0].flags = UI_F_DIGITS;
	ui_field_set(&f[0], v->account);
	visit_account_hint(ui->o.cfg, hint, sizeof hint);
	snprintf(note, sizeof note, _("%s; blank: none"), hint);
	if (ui_form_check(ui, _("The client's account"), f, 1, note,
	    account_check, ui)) {
		err_clear(&e);
		if (visit_set_account(ui_ctx(ui), window, f[0].value, &e) ==
		    OKNO_OK) {
			ui_status(ui, LOOK_OK, "%s", _("account saved"));
			ui_changed(ui);
		} else
			ui_status_err(ui, &e);
	}
	ui_fields_free(f, 1);
}

int
scr_visit_has_outcomes(struct ui *ui, const char *service)
{
	for (size_t i = 0; i < ui->o.cfg->noutcomes; i++)
		if (visit_outcome_applies(ui->o.cfg, i, service))
			return 1;
	return 0;
}

int
scr_visit_finish(struct ui *ui, int window, const struct ticket *cur,
    struct ticket *t, struct err *e)
{
	const struct config *cfg = ui->o.cfg;
	struct visit_close vc;
	const char **labels, **codes;
	char **own, title[128];
	size_t *idx, n = 0, nlab;
	int *on, resolved = -1, cursor, rc = OKNO_NONE, done = 0;

	memset(t, 0, sizeof *t);
	if (!scr_visit_has_outcomes(ui, cur->service))
		return queue_finish(ui_ctx(ui), window, t, e);
	idx = xcalloc(cfg->noutcomes, sizeof *idx);
	for (size_t i = 0; i < cfg->noutcomes; i++)
		if (visit_outcome_applies(cfg, i, cur->service))
			idx[n++] = i;
	on = xcalloc(n, sizeof *on);
	nlab = n + 2;
	labels = xcalloc(nlab, sizeof *labels);
	own = xcalloc(nlab, sizeof *own);
	codes = xcalloc(n, sizeof *codes);
	snprintf(title, sizeof title, _("Finish %s: what was done"),
	    cur->number);
	cursor = (int)nlab - 1;
	err_clear(e);
	/* A check list with the menu: a number (or Enter) ticks an outcome
	 * or changes "resolved"; the last line finishes. */
	while (!done) {
		int k;

		for (size_t i = 0; i < nlab; i++)
			free(own[i]);
		for (size_t i = 0; i < n; i++)
			own[i] = xasprintf("%zu [%s] %s", i + 1, on[i] ? "x" :
			    " ", cfg->outcomes[idx[i]].name);
		own[n] = xasprintf("%zu %s", n + 1, resolved == 1 ?
		    _("Resolved: yes") : resolved == 0 ? _("Resolved: no") :
		    _("Resolved: not said"));
		own[n + 1] = xasprintf("%zu %s", n + 2, _("Finish the visit"));
		for (size_t i = 0; i < nlab; i++)
			labels[i] = own[i];
		k = ui_choose(ui, title, labels, (int)nlab, cursor);
		if (k < 0)
			break;
		cursor = k;
		if ((size_t)k < n)
			on[k] = !on[k];
		else if ((size_t)k == n)
			resolved = resolved == -1 ? 1 : resolved == 1 ? 0 : -1;
		else {
			memset(&vc, 0, sizeof vc);
			vc.resolved = resolved;
			for (size_t i = 0; i < n; i++)
				if (on[i])
					codes[vc.noutcomes++] =
					    cfg->outcomes[idx[i]].code;
			vc.outcomes = codes;
			if (vc.noutcomes == 0 && cfg->require_outcome) {
				ui_status(ui, LOOK_WARN, "%s", _("tick what "
				    "was done: an outcome is required"));
				cursor = 0;
				continue;
			}
			if (vc.noutcomes == 0)
				vc.resolved = -1;
			rc = queue_finish_visit(ui_ctx(ui), window, &vc, t, e);
			done = 1;
		}
	}
	for (size_t i = 0; i < nlab; i++)
		free(own[i]);
	free(own);
	free(labels);
	free(codes);
	free(on);
	free(idx);
	return rc;
}
