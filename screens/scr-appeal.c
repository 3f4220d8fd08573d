/* scr-appeal.c: what the appeal screens share (see scr-appeal.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "scr-appeal.h"
#include "office.h"

const char *
scr_appeal_kind(const struct config *cfg, const char *code)
{
	const struct config_kind *k = config_kind(cfg, code);

	return k != NULL && k->name != NULL ? k->name : code;
}

void
scr_appeal_due(const struct appeal *a, char *out, size_t size)
{
	char d[16];
	long n;

	ui_fmt_date(a->due_date, d, sizeof d);
	if (a->due_date[0] == '\0' || (a->status != APPEAL_REGISTERED &&
	    a->status != APPEAL_FORWARDED)) {
		snprintf(out, size, "%s", d);
		return;
	}
	if (a->overdue) {
		n = -a->days_left;
		snprintf(out, size, ngettext("%s, overdue by %ld day",
		    "%s, overdue by %ld days", (unsigned long)n), d, n);
	} else if (a->days_left == 0)
		snprintf(out, size, _("%s, due today"), d);
	else {
		n = a->days_left;
		snprintf(out, size, ngettext("%s, %ld day left",
		    "%s, %ld days left", (unsigned long)n), d, n);
	}
}

/* ---- the slip ---- */

void
scr_appeal_print_slip(struct ui *ui, const struct appeal *a)
{
	struct printer_result r;
	struct err e;
	int rc;

	if (ui->o.cfg->printer.driver == NULL) {
		ui_status(ui, LOOK_WARN, "%s", _("no printer configured: no "
		    "slip printed"));
		return;
	}
	ui_status(ui, LOOK_NORMAL, _("printing the slip for %s..."),
	    a->reg_no);
	ui_flush(ui);
	err_clear(&e);
	rc = office_print_slip(ui_ctx(ui), a, &r, &e);
	if (rc == OKNO_OK && r.printed && (r.status == PRINTER_READY ||
	    r.status == PRINTER_UNKNOWN))
		ui_status(ui, LOOK_OK, _("slip for %s printed"), a->reg_no);
	else if (rc == OKNO_OK && r.printed)
		ui_status(ui, LOOK_WARN, _("slip for %s printed; printer: %s"),
		    a->reg_no, r.message);
	else
		ui_status(ui, LOOK_WARN, _("slip for %s not printed: %s"),
		    a->reg_no, r.message[0] ? r.message : e.msg);
	/* A fault was recorded as a device event: the hall shows it. */
	ui_changed(ui);
}
