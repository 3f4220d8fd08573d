/* appeal-ui.h: what the three appeal screens (registration form, list,
 * detail) share: dates as the office reads them, due-date wording,
 * form-field text in and out, a dialog with multi-line
 * fields for reasons and answers, a yes/no box, and the acknowledgment
 * slip. */
#ifndef OKNO_APPEAL_UI_H
#define OKNO_APPEAL_UI_H

#include "appeal.h"
#include "ui-int.h"

/* "2027-01-29" as "29.01.2027" (how dates are read in the office and
 * printed on the slip); "" stays "". */
void	 ap_date(const char *iso, char *out, size_t size);
/* A time as "30.12.2026 10:00". */
void	 ap_datetime(time_t, char *out, size_t size);
/* The configured name of a kind, or its code. */
const char *ap_kind_name(const struct config *, const char *code);
/* The due date with what it means today: "29.01.2027, 30 days left",
 * "..., overdue by 3 days", "..., due today"; only the date when the
 * appeal is answered or closed. */
void	 ap_due_text(const struct appeal *, char *out, size_t size);

/*
 * A form field's text as UTF-8.  A one-line field is trimmed at both
 * ends; a multi-line field gives its rows as lines, each without its
 * trailing blanks, empty rows at the end dropped.  The caller has run
 * REQ_VALIDATION so that the buffer holds what is on screen.
 */
void	 ap_field_get(FIELD *, char *out, size_t size);
/* Sets a one-line field's text from UTF-8. */
void	 ap_field_set(FIELD *, const char *);

/* What ap_edit_key did with a key. */
#define AP_K_NONE	0	/* handled, or not for the form */
#define AP_K_ENTER	1	/* Enter in a one-line field */
#define AP_K_CANCEL	2	/* Esc */
#define AP_K_EDIT	3	/* the text changed */

/*
 * The editing keys every appeal form shares: characters, Backspace,
 * Delete, arrows, Home, End, ^U (clear), Tab and Shift-Tab (next and
 * previous field), Up and Down (lines in a multi-line field, else
 * fields), Enter (a new line in a multi-line field).
 */
int	 ap_edit_key(FORM *, const struct ui_key *);

/* A field of an ap_dialog. */
struct ap_dfield {
	const char	*label;		/* translated */
	int		 rows;		/* 1, or more: multi-line text */
	int		 max;		/* characters */
	const char	*init;		/* UTF-8 or NULL */
	char		*value;		/* out: UTF-8, owned by the dialog */
};

/* A dialog box of up to AP_DIALOG_MAX labelled fields. */
#define AP_DIALOG_MAX	3
struct ap_dialog {
	struct ui_box	 box;		/* first: the place callback's cast */
	struct ap_dfield *f;
	int		 n;
	FIELD		*ff[AP_DIALOG_MAX + 1];
	FORM		*form;
	WINDOW		*sub;
	int		 labelw;
	int		 posted;
	char		 note[512];
	enum ui_look	 note_look;
};

void	 ap_dialog_open(struct ui *, struct ap_dialog *, const char *title,
	     struct ap_dfield *, int n, const char *note);
/*
 * Runs the dialog until F2 (or Enter in its last one-line field) saves,
 * 1 with every f[i].value filled, or F10/Esc cancels, 0.  The fields
 * keep their text: after a refusal, ap_dialog_note says why and
 * ap_dialog_run lets the user correct it.
 */
int	 ap_dialog_run(struct ui *, struct ap_dialog *);
void	 ap_dialog_note(struct ui *, struct ap_dialog *, enum ui_look,
	     const char *);
void	 ap_dialog_close(struct ui *, struct ap_dialog *);

/*
 * A box with text and a question: 1 for yes (Enter, F2, y), 0 for no
 * (Esc, F10, n).  With yes NULL it only informs: any key closes, 0.
 */
int	 ap_ask(struct ui *, const char *title, const char *text,
	     const char *yes, const char *no);

/*
 * Prints appeal a's acknowledgment slip and says on the message line
 * what the printer did.  The printer's calls are bounded; the message
 * shows first so the screen is never silent meanwhile.
 */
void	 ap_print_slip(struct ui *, const struct appeal *);

/*
 * A moving key of a list or a text: the arrows, PgUp, PgDn, Home, End as
 * they are, and Space and - as PgDn and PgUp (a vt100 has no page
 * keys).  0 for any other key.
 */
int	 ap_nav_key(const struct ui_key *);

#endif
