/* scr-checklist.c: the inspection entry screen: the catalogue's criteria in a
 * list, a result for each (met, not met, not applicable, or not assessed)
 * with a comment, the inspection's date, kind, inspector and note; under
 * the list the selected criterion's text, control and, where okno's data
 * can answer it, the evidence of the 30 days before the inspection date.
 * The model (src/inspect.c) checks and stores it; criteria this kind of
 * inspection does not check are shown but cannot be given a result.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inspect.h"
#include "ui-int.h"

static const struct ui_binding checklist_keys[] = {
	{ 1, "1?h", UA_HELP, N_("Help"), N_("show the keys; arrows choose a "
	    "criterion") },
	{ 2, "2d", UA_DETAILS, N_("Details"), N_("date, kind, inspector and "
	    "note of the inspection") },
	{ 3, "3m", UA_MET, N_("Met"), N_("the criterion is met") },
	{ 4, "4n", UA_NOTMET, N_("Not met"), N_("the criterion is not met") },
	{ 5, "5a", UA_NA, N_("N/A"), N_("the criterion does not apply here") },
	{ 6, "6c", UA_CLEAR, N_("Clear"), N_("the criterion is not assessed") },
	{ 7, "7k", UA_COMMENT, N_("Comment"), N_("a comment on the criterion "
	    "(also Enter)") },
	{ 9, "9s", UA_SAVE, N_("Save"), N_("record the inspection") },
	{ 10, "0q", UA_EXIT, N_("Back"), N_("back, without recording") },
	{ 0, NULL, UA_NONE, NULL, NULL }
};

#define NOT_ASSESSED	(-1)

struct checklist {
	struct ui		*ui;
	struct catalogue	*cat;
	char			 date[11];
	enum inspection_kind	 kind;
	char			 inspector[INSPECTION_INSPECTOR_MAX * 4 + 1];
	char			 note[256];
	int			*result;	/* per criterion; NOT_ASSESSED */
	char			**comment;	/* per criterion; NULL none */
	struct inspection_evidence *ev;		/* per criterion, cached */
	int			*ev_done;
	int			 sel, top;
	int			 changed;	/* unsaved results */
};

static int
checklist_allowed(const struct checklist *s, size_t i)
{
	return (s->cat->items[i].mechanisms &
	    inspection_kind_mechanism(s->kind)) != 0;
}

static int
checklist_init(struct ui *ui, void **stp, const void *arg)
{
	struct checklist *s;
	struct catalogue *cat;
	struct err e;

	(void)arg;
	err_clear(&e);
	if (ui->actor.role != ROLE_SUPERVISOR && ui->actor.role !=
	    ROLE_AUDITOR && ui->actor.role != ROLE_SYSTEM) {
		ui_status(ui, LOOK_WARN, "%s", _("only a supervisor or an "
		    "auditor may record an inspection"));
		return -1;
	}
	if (catalogue_load(ui->o.cfg, &cat, &e) != OKNO_OK) {
		ui_status_err(ui, &e);
		return -1;
	}
	s = xcalloc(1, sizeof *s);
	s->ui = ui;
	s->cat = cat;
	time_format_date(ui_now(ui), s->date, sizeof s->date);
	s->kind = INSPECTION_INTERNAL;
	strlcpy_(s->inspector, ui->login, sizeof s->inspector);
	s->result = xcalloc(cat->n, sizeof *s->result);
	s->comment = xcalloc(cat->n, sizeof *s->comment);
	s->ev = xcalloc(cat->n, sizeof *s->ev);
	s->ev_done = xcalloc(cat->n, sizeof *s->ev_done);
	for (size_t i = 0; i < cat->n; i++)
		s->result[i] = NOT_ASSESSED;
	*stp = s;
	return 0;
}

/* Layout: header rows, the list, the detail rows under it. */
#define IN_LIST		3	/* first list row */
#define IN_DETAIL	7	/* rows under the list, the rule included */

static int
checklist_rows(struct ui *ui)
{
	int n = getmaxy(ui->body) - IN_LIST - IN_DETAIL;

	return n < 1 ? 1 : n;
}

static const char *
checklist_word(const struct checklist *s, size_t i)
{
	if (!checklist_allowed(s, i))
		return "--";
	if (s->result[i] == NOT_ASSESSED)
		return ".";
	return inspection_result_label((enum inspection_result)s->result[i]);
}

static void
checklist_draw_header(struct ui *ui, struct checklist *s)
{
	WINDOW *b = ui->body;
	int w = getmaxx(b), n = 0;
	char right[128], buf[512];

	for (size_t i = 0; i < s->cat->n; i++)
		n += s->result[i] != NOT_ASSESSED;
	snprintf(right, sizeof right, "%s  %s", s->date,
	    inspection_kind_label(s->kind));
	ui_text(b, 0, 1, w / 2, ui_attr(ui, LOOK_TITLE), _("New inspection"));
	ui_right(b, 0, w / 2, w - w / 2 - 1, ui_attr(ui, LOOK_TITLE), right);
	snprintf(buf, sizeof buf, _("Inspector: %s   results: %d of %zu%s%s"),
	    s->inspector, n, s->cat->n, s->note[0] ? _("   note: ") : "",
	    s->note);
	ui_text(b, 1, 1, w - 2, A_NORMAL, buf);
	mvwhline(b, 2, 0, ACS_HLINE, w);
}

static void
checklist_draw_list(struct ui *ui, struct checklist *s)
{
	WINDOW *b = ui->body;
	int w = getmaxx(b), rows = checklist_rows(ui);

	if (s->sel < s->top)
		s->top = s->sel;
	if (s->sel >= s->top + rows)
		s->top = s->sel - rows + 1;
	for (int r = 0; r < rows; r++) {
		size_t i = (size_t)(s->top + r);
		const struct catalogue_criterion *c;
		attr_t a;
		char line[512], word[64];

		if (i >= s->cat->n) {
			ui_text(b, IN_LIST + r, 0, w, A_NORMAL, "");
			continue;
		}
		c = &s->cat->items[i];
		a = (int)i == s->sel ? ui_attr(ui, LOOK_SELECT) :
		    !checklist_allowed(s, i) ? ui_attr(ui, LOOK_DIM) : A_NORMAL;
		snprintf(line, sizeof line, " %-4s %-9s %s%s", c->code,
		    utf8_pad(word, sizeof word, checklist_word(s, i), -9),
		    c->title, s->comment[i] ? " *" : "");
		ui_text(b, IN_LIST + r, 0, w, a, line);
	}
}

static void
checklist_draw_detail(struct ui *ui, struct checklist *s)
{
	WINDOW *b = ui->body;
	int w = getmaxx(b), y = IN_LIST + checklist_rows(ui), row = 0, n;
	const struct catalogue_criterion *c = &s->cat->items[s->sel];
	char **lines, mech[128] = "", buf[1024];
	struct err e;

	mvwhline(b, y, 0, ACS_HLINE, w);
	y++;
	n = ui_wrap(c->text, w - 2, &lines);
	for (int i = 0; i < 2; i++)
		ui_text(b, y + row++, 1, w - 2, A_NORMAL, i < n ? lines[i] :
		    "");
	ui_lines_free(lines, n);
	for (int k = 0; k < INSPECTION_NKINDS; k++)
		if (c->mechanisms & inspection_kind_mechanism(
		    (enum inspection_kind)k))
			snprintf(mech + strlen(mech), sizeof mech -
			    strlen(mech), "%s%s", mech[0] ? ", " : "",
			    inspection_kind_label((enum inspection_kind)k));
	snprintf(buf, sizeof buf, _("Checked by: %s"), mech);
	ui_text(b, y + row++, 1, w - 2, checklist_allowed(s, (size_t)s->sel) ?
	    A_NORMAL : ui_attr(ui, LOOK_WARN), buf);
	snprintf(buf, sizeof buf, _("Comment: %s"), s->comment[s->sel] ?
	    s->comment[s->sel] : "-");
	ui_text(b, y + row++, 1, w - 2, A_NORMAL, buf);
	buf[0] = '\0';
	if (c->evidence != EVIDENCE_NONE) {
		if (!s->ev_done[s->sel]) {
			err_clear(&e);
			if (inspection_evidence(ui_ctx(ui), s->date,
			    c->evidence, &s->ev[s->sel], &e) != OKNO_OK)
				ui_status_err(ui, &e);
			else
				s->ev_done[s->sel] = 1;
		}
		if (s->ev_done[s->sel]) {
			char ev[768];

			inspection_evidence_format(&s->ev[s->sel], ev,
			    sizeof ev);
			snprintf(buf, sizeof buf, _("Data %s..%s: %s"),
			    s->ev[s->sel].from, s->ev[s->sel].to, ev);
		}
	}
	n = ui_wrap(buf, w - 2, &lines);
	for (int i = 0; i < 2; i++)
		ui_text(b, y + row++, 1, w - 2, ui_attr(ui, LOOK_OK),
		    i < n ? lines[i] : "");
	ui_lines_free(lines, n);
}

static void
checklist_draw(struct ui *ui, void *st, unsigned what)
{
	struct checklist *s = st;

	/* New data may change the evidence. */
	if (what & UI_DRAW_DATA)
		memset(s->ev_done, 0, s->cat->n * sizeof *s->ev_done);
	if (!(what & (UI_DRAW_ALL | UI_DRAW_DATA)))
		return;
	checklist_draw_header(ui, s);
	checklist_draw_list(ui, s);
	checklist_draw_detail(ui, s);
}

static void
checklist_redraw(struct ui *ui, struct checklist *s)
{
	checklist_draw_header(ui, s);
	checklist_draw_list(ui, s);
	checklist_draw_detail(ui, s);
}

static void
checklist_details(struct ui *ui, struct checklist *s)
{
	const char *kinds[INSPECTION_NKINDS];
	struct ui_field f[3];
	int k, dropped = 0;

	memset(f, 0, sizeof f);
	f[0].label = _("Date");
	f[0].width = 10;
	/* A wrong date keeps the form, and the rest typed, open at it. */
	f[0].check = ui_check_date;
	ui_field_set(&f[0], s->date);
	f[1].label = _("Inspector");
	f[1].width = 40;
	f[1].max = INSPECTION_INSPECTOR_MAX;
	ui_field_set(&f[1], s->inspector);
	f[2].label = _("Note");
	f[2].width = 40;
	f[2].max = 250;
	ui_field_set(&f[2], s->note);
	if (!ui_form(ui, _("Inspection"), f, 3, _("date as YYYY-MM-DD; the "
	    "kind comes next"))) {
		ui_fields_free(f, 3);
		return;
	}
	for (k = 0; k < INSPECTION_NKINDS; k++)
		kinds[k] = inspection_kind_label((enum inspection_kind)k);
	k = ui_choose(ui, _("Kind of inspection"), kinds, INSPECTION_NKINDS,
	    (int)s->kind);
	if (strcmp(f[0].value, s->date) != 0)
		memset(s->ev_done, 0, s->cat->n * sizeof *s->ev_done);
	strlcpy_(s->date, f[0].value, sizeof s->date);
	strlcpy_(s->inspector, f[1].value, sizeof s->inspector);
	strlcpy_(s->note, f[2].value, sizeof s->note);
	ui_fields_free(f, 3);
	if (k >= 0 && k != (int)s->kind) {
		s->kind = (enum inspection_kind)k;
		/* Results this kind may not give go. */
		for (size_t i = 0; i < s->cat->n; i++)
			if (!checklist_allowed(s, i) &&
			    s->result[i] != NOT_ASSESSED) {
				s->result[i] = NOT_ASSESSED;
				dropped++;
			}
		if (dropped > 0)
			ui_status(ui, LOOK_WARN, _("%d results cleared: %s "
			    "does not check those criteria"), dropped,
			    inspection_kind_label(s->kind));
	}
	ui->dirty |= UI_DRAW_ALL;
}

static void
checklist_set(struct ui *ui, struct checklist *s, int result)
{
	const struct catalogue_criterion *c = &s->cat->items[s->sel];

	if (!checklist_allowed(s, (size_t)s->sel)) {
		ui_status(ui, LOOK_WARN, _("%s is not checked by %s"), c->code,
		    inspection_kind_label(s->kind));
		return;
	}
	s->result[s->sel] = result;
	s->changed = 1;
	/* On to the next criterion: results go in one after another. */
	if (result != NOT_ASSESSED && s->sel + 1 < (int)s->cat->n)
		s->sel++;
	checklist_redraw(ui, s);
}

static void
checklist_comment(struct ui *ui, struct checklist *s)
{
	struct ui_field f[1];
	char title[128];

	memset(f, 0, sizeof f);
	f[0].label = _("Comment");
	f[0].width = 50;
	f[0].max = 250;
	ui_field_set(&f[0], s->comment[s->sel]);
	snprintf(title, sizeof title, _("Comment on %s"),
	    s->cat->items[s->sel].code);
	if (!ui_form(ui, title, f, 1, NULL)) {
		ui_fields_free(f, 1);
		return;
	}
	free(s->comment[s->sel]);
	s->comment[s->sel] = f[0].value[0] ? xstrdup(f[0].value) : NULL;
	ui_fields_free(f, 1);
	s->changed = 1;
	ui->dirty |= UI_DRAW_ALL;
}

static void
checklist_save(struct ui *ui, struct checklist *s)
{
	struct inspection_item_new *items;
	struct inspection_new n;
	struct err e;
	int64_t id;
	size_t k = 0;

	/* A comment belongs to a result: one without would be lost. */
	for (size_t i = 0; i < s->cat->n; i++)
		if (s->result[i] == NOT_ASSESSED && s->comment[i] != NULL) {
			ui_status(ui, LOOK_WARN, _("%s has a comment but no "
			    "result"), s->cat->items[i].code);
			s->sel = (int)i;
			checklist_redraw(ui, s);
			return;
		}
	items = xcalloc(s->cat->n, sizeof *items);
	for (size_t i = 0; i < s->cat->n; i++) {
		if (s->result[i] == NOT_ASSESSED)
			continue;
		items[k].code = s->cat->items[i].code;
		items[k].result = (enum inspection_result)s->result[i];
		items[k].comment = s->comment[i];
		k++;
	}
	memset(&n, 0, sizeof n);
	n.date = s->date;
	n.kind = s->kind;
	n.inspector = s->inspector;
	n.note = s->note[0] ? s->note : NULL;
	n.items = items;
	n.nitems = k;
	err_clear(&e);
	if (inspection_add(ui_ctx(ui), s->cat, &n, &id, &e) != OKNO_OK)
		ui_status_err(ui, &e);
	else {
		ui_status(ui, LOOK_OK, _("inspection %lld recorded: %zu "
		    "results"), (long long)id, k);
		s->changed = 0;
		ui_changed(ui);
		ui_pop(ui);
	}
	free(items);
}

static void
checklist_key(struct ui *ui, void *st, const struct ui_key *k)
{
	struct checklist *s = st;
	int rows = checklist_rows(ui), old = s->sel;

	switch (k->action) {
	case UA_DETAILS:
		checklist_details(ui, s);
		return;
	case UA_MET:
		checklist_set(ui, s, RESULT_MET);
		return;
	case UA_NOTMET:
		checklist_set(ui, s, RESULT_NOT_MET);
		return;
	case UA_NA:
		checklist_set(ui, s, RESULT_NA);
		return;
	case UA_CLEAR:
		checklist_set(ui, s, NOT_ASSESSED);
		return;
	case UA_COMMENT:
		checklist_comment(ui, s);
		return;
	case UA_SAVE:
		checklist_save(ui, s);
		return;
	case UA_EXIT: {
		const char *choice[2];

		choice[0] = _("Leave without recording");
		choice[1] = _("Keep editing");
		if (!s->changed || ui_choose(ui, _("The inspection is not "
		    "recorded"), choice, 2, 1) == 0)
			ui_pop(ui);
		return;
	}
	default:
		break;
	}
	if (k->type == KEY_CODE_YES ? k->ch == KEY_ENTER :
	    k->ch == '\r' || k->ch == '\n') {
		checklist_comment(ui, s);
		return;
	}
	if (k->type != KEY_CODE_YES ||
	    !ui_scroll((int)k->ch, &s->sel, rows, (int)s->cat->n - 1))
		return;
	if (s->sel < 0)
		s->sel = 0;
	if (s->sel >= (int)s->cat->n)
		s->sel = (int)s->cat->n - 1;
	if (s->sel != old)
		checklist_redraw(ui, s);
}

static void
checklist_free(void *st)
{
	struct checklist *s = st;

	for (size_t i = 0; i < s->cat->n; i++)
		free(s->comment[i]);
	free(s->comment);
	free(s->result);
	free(s->ev);
	free(s->ev_done);
	catalogue_free(s->cat);
	free(s);
}

const struct screen checklist_screen = {
	.name = "inspect", .keys = checklist_keys,
	.common = UI_C_HELP | UI_C_BACK,
	.init = checklist_init, .draw = checklist_draw, .key = checklist_key,
	.free = checklist_free,
};
