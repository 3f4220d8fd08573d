/* appeal.c: the appeals register (see appeal.h for the contract).
 *
 * Numbering.  A registration number is BRANCH-YYYY-NNNNNN, NNNNNN counting
 * from 1 per branch and registration year (branch-local).  The next number
 * is max(seq) + 1, read and used inside the BEGIN IMMEDIATE transaction
 * that inserts the appeal: SQLite lets one writer in at a time, so two
 * processes cannot read the same maximum, and a failed or killed
 * registration leaves no row and so no gap.  Appeals are never deleted
 * (the purge overwrites), so the maximum never goes back.
 *
 * Deadlines.  The due date is computed once, at registration, from the
 * kind's deadline in calendar or working days counted from the day after
 * the branch-local registration date (calendar_due).  A calendar year
 * missing from the configuration gives a warning, kept with the appeal
 * so that every screen can show it.  An extension adds
 * APPEAL_EXTENSION_DAYS calendar days to the due date in force.
 */
#include <ctype.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "appeal.h"
#include "appeal-int.h"
#include "auth.h"
#include "calendar.h"
#include "fold.h"
#include "visit.h"

static const char *const status_names[APPEAL_NSTATUS] = {
	"registered", "forwarded", "answered", "closed"
};
static const char *const status_labels[APPEAL_NSTATUS] = {
	N_("registered"), N_("forwarded"), N_("answered"), N_("closed")
};

const char *const appeal_channels[] = {
	"in_person", "written", "book", "box", "phone", "post", NULL
};
static const char *const channel_labels[] = {
	N_("in person"), N_("written"), N_("complaint book"), N_("box"),
	N_("phone"), N_("post")
};
const char *const appeal_client_types[] = {
	"individual", "legal", "sole_trader", "utility", NULL
};
static const char *const client_type_labels[] = {
	N_("individual"), N_("legal entity"), N_("sole trader"),
	N_("utility provider")
};


const char *
appeal_status_name(enum appeal_status s)
{
	return codes_name(status_names, nitems(status_names), (int)s);
}

const char *
appeal_status_label(enum appeal_status s)
{
	return codes_label(status_labels, nitems(status_labels), (int)s);
}

int
appeal_status_parse(const char *s, enum appeal_status *out)
{
	int i = codes_index(status_names, nitems(status_names), s);

	if (i < 0)
		return -1;
	*out = (enum appeal_status)i;
	return 0;
}

/* A code from an older configuration has no label: it shows as it is. */
const char *
appeal_channel_label(const char *code)
{
	int i = codes_index(appeal_channels, nitems(channel_labels), code);

	return i < 0 ? code : _(channel_labels[i]);
}

const char *
appeal_client_type_label(const char *code)
{
	int i = codes_index(appeal_client_types, nitems(client_type_labels),
	    code);

	return i < 0 ? code : _(client_type_labels[i]);
}

static int
is_open(enum appeal_status s)
{
	return s == APPEAL_REGISTERED || s == APPEAL_FORWARDED;
}

/* NULL for nothing, else s: what an optional column stores. */
static const char *
opt(const char *s)
{
	return text_blank(s) ? NULL : s;
}

/* Sets *field and returns the error already in e. */
static int
bad_field(enum appeal_field *field, enum appeal_field f, struct err *e)
{
	if (field != NULL)
		*field = f;
	return e != NULL ? e->code : OKNO_EINVAL;
}

/* A code out of a list: required, and one of codes. */
static int
check_code(const char *v, const char *const *codes, size_t n,
    const char *name, enum appeal_field f, enum appeal_field *field,
    struct err *e)
{
	char list[256];

	if (text_blank(v)) {
		err_set(e, OKNO_EINVAL, _("%s: required"), name);
		return bad_field(field, f, e);
	}
	for (size_t i = 0; i < n; i++)
		if (strcmp(codes[i], v) == 0)
			return OKNO_OK;
	list[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			strncat(list, ", ", sizeof list - strlen(list) - 1);
		strncat(list, codes[i], sizeof list - strlen(list) - 1);
	}
	/* v is printed in the message: only when it is harmless text. */
	if (text_check(v, 64, 0, name, e) != OKNO_OK)
		return bad_field(field, f, e);
	err_set(e, OKNO_EINVAL, _("%s: unknown \"%s\" (use one of: %s)"), name,
	    v, list);
	return bad_field(field, f, e);
}

static int
check_text(const char *v, size_t max, int multiline, int required,
    const char *name, enum appeal_field f, enum appeal_field *field,
    struct err *e)
{
	if (text_blank(v)) {
		if (!required)
			return OKNO_OK;
		err_set(e, OKNO_EINVAL, _("%s: required"), name);
		return bad_field(field, f, e);
	}
	if (text_check(v, max, multiline, name, e) != OKNO_OK)
		return bad_field(field, f, e);
	return OKNO_OK;
}

/* Digits, "+" first, "(", ")", "-" and spaces; 7-20 characters. */
static int
check_phone(const char *v, enum appeal_field *field, struct err *e)
{
	size_t len, digits = 0;

	if (text_blank(v))
		return OKNO_OK;
	if (text_check(v, APPEAL_PHONE_MAX, 0, _("phone"), e) != OKNO_OK)
		return bad_field(field, APPEAL_F_PHONE, e);
	len = strlen(v);
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)v[i];

		if (isdigit(ch))
			digits++;
		else if (!(ch == ' ' || ch == '(' || ch == ')' || ch == '-' ||
		    (ch == '+' && i == 0))) {
			err_set(e, OKNO_EINVAL, _("phone: only digits, a "
			    "leading +, brackets, hyphens and spaces are "
			    "allowed"));
			return bad_field(field, APPEAL_F_PHONE, e);
		}
	}
	if (len < APPEAL_PHONE_MIN || digits < 5) {
		err_set(e, OKNO_EINVAL, _("phone: too short (at least %d "
		    "characters, 5 digits)"), APPEAL_PHONE_MIN);
		return bad_field(field, APPEAL_F_PHONE, e);
	}
	return OKNO_OK;
}

/* Skips s's prefix p: its end, or NULL when s does not start with p. */
static const char *
skip_prefix(const char *s, const char *p)
{
	size_t n = strlen(p);

	return strncmp(s, p, n) == 0 ? s + n : NULL;
}

void
appeal_account_hint(const struct config *cfg, char *buf, size_t size)
{
	const char *p = cfg->account_pattern, *q;
	long lo = -1, hi = -1;
	char *end;

	snprintf(buf, size, "%s", _("as the office's account numbers are "
	    "written"));
	if (p == NULL) {
		snprintf(buf, size, "%s", _("digits"));
		return;
	}
	/* ^ DIGIT REPEAT $, the only shape read; all else is "unknown". */
	if (*p == '^')
		p++;
	if ((q = skip_prefix(p, "[0-9]")) == NULL &&
	    (q = skip_prefix(p, "[[:digit:]]")) == NULL)
		return;
	p = q;
	if (*p == '+')
		p++;
	else if (*p == '{') {
		lo = strtol(p + 1, &end, 10);
		if (end == p + 1 || lo < 1)
			return;
		hi = lo;
		if (*end == ',') {
			p = end + 1;
			hi = strtol(p, &end, 10);
			if (end == p || hi < lo)
				return;
		}
		if (*end != '}')
			return;
		p = end + 1;
	} else
		lo = hi = 1;
	if (*p == '$')
		p++;
	if (*p != '\0')
		return;
	if (lo < 0)
		snprintf(buf, size, "%s", _("digits"));
	else if (lo == hi)
		snprintf(buf, size, ngettext("%ld digit", "%ld digits",
		    (unsigned long)lo), lo);
	else
		snprintf(buf, size, ngettext("%ld to %ld digits",
		    "%ld to %ld digits", (unsigned long)hi), lo, hi);
}

static int
check_account(const struct config *cfg, const char *v,
    enum appeal_field *field, struct err *e)
{
	regex_t re;
	int rc;

	if (text_blank(v))
		return OKNO_OK;
	if (text_check(v, APPEAL_ACCOUNT_MAX, 0, _("account"), e) != OKNO_OK)
		return bad_field(field, APPEAL_F_ACCOUNT, e);
	if (cfg->account_pattern == NULL)
		return OKNO_OK;
	if (regcomp(&re, cfg->account_pattern, REG_EXTENDED | REG_NOSUB) !=
	    0) {
		err_set(e, OKNO_ECONFIG, _("account_pattern \"%s\" does not "
		    "compile"), cfg->account_pattern);
		return bad_field(field, APPEAL_F_ACCOUNT, e);
	}
	rc = regexec(&re, v, 0, NULL, 0);
	regfree(&re);
	if (rc != 0) {
		char hint[128];

		/* The pattern's meaning, not the pattern. */
		appeal_account_hint(cfg, hint, sizeof hint);
		err_set(e, OKNO_EINVAL, _("account: \"%s\" is not a valid "
		    "account number (expected %s)"), v, hint);
		return bad_field(field, APPEAL_F_ACCOUNT, e);
	}
	return OKNO_OK;
}

int
appeal_check(const struct config *cfg, const struct appeal_new *n,
    enum appeal_field *field, struct err *e)
{
	const char **kinds;
	int rc;

	if (field != NULL)
		*field = APPEAL_F_NONE;
	kinds = xcalloc(cfg->nkinds + 1, sizeof *kinds);
	for (size_t i = 0; i < cfg->nkinds; i++)
		kinds[i] = cfg->kinds[i].code;
	rc = check_code(n->kind, kinds, cfg->nkinds, _("kind"),
	    APPEAL_F_KIND, field, e);
	free(kinds);
	if (rc != OKNO_OK)
		return rc;
	if (check_code(n->channel, appeal_channels,
	    nitems(appeal_channels) - 1, _("channel"), APPEAL_F_CHANNEL,
	    field, e) != OKNO_OK ||
	    check_code(n->client_type, appeal_client_types,
	    nitems(appeal_client_types) - 1, _("client type"),
	    APPEAL_F_CLIENT_TYPE, field, e) != OKNO_OK ||
	    check_text(n->name, APPEAL_NAME_MAX, 0, 1, _("name"),
	    APPEAL_F_NAME, field, e) != OKNO_OK ||
	    check_account(cfg, n->account, field, e) != OKNO_OK ||
	    check_phone(n->phone, field, e) != OKNO_OK ||
	    check_text(n->address, APPEAL_ADDRESS_MAX, 0, 0, _("address"),
	    APPEAL_F_ADDRESS, field, e) != OKNO_OK ||
	    check_text(n->topic, APPEAL_TOPIC_MAX, 0, 1, _("topic"),
	    APPEAL_F_TOPIC, field, e) != OKNO_OK ||
	    check_text(n->text, APPEAL_TEXT_MAX, 1, 0, _("text"),
	    APPEAL_F_TEXT, field, e) != OKNO_OK ||
	    check_text(n->ticket, 15, 0, 0, _("ticket"), APPEAL_F_TICKET,
	    field, e) != OKNO_OK ||
	    check_text(n->unit, APPEAL_UNIT_MAX, 0, 0, _("unit"),
	    APPEAL_F_UNIT, field, e) != OKNO_OK ||
	    check_text(n->manager, 63, 0, 0, _("manager"), APPEAL_F_MANAGER,
	    field, e) != OKNO_OK)
		return e != NULL ? e->code : OKNO_EINVAL;
	if (n->first_contact && !text_blank(n->unit)) {
		err_set(e, OKNO_EINVAL, _("unit: an appeal resolved at the "
		    "first contact is not forwarded"));
		return bad_field(field, APPEAL_F_UNIT, e);
	}
	if (n->ticket_id < 0 || (n->ticket_id > 0 && !text_blank(n->ticket))) {
		err_set(e, OKNO_EINVAL, _("ticket: give a number or an id, "
		    "not both"));
		return bad_field(field, APPEAL_F_TICKET, e);
	}
	return OKNO_OK;
}

static long
a_day_number(const char *date)
{
	int y, m, d;

	if (date_parse(date, &y, &m, &d) != 0)
		return 0;
	return calendar_day_number(y, m, d);
}

/*
 * May the actor change appeals?  Staff and the system only: a role the
 * model does not list here (an auditor, the client-facing ticket
 * terminal, any role added later) may not.
 */
static int
a_may_change(const struct ctx *c, struct err *e)
{
	switch (c->who->role) {
	case ROLE_SYSTEM:
	case ROLE_MANAGER:
	case ROLE_SUPERVISOR:
		return OKNO_OK;
	case ROLE_AUDITOR:
		return err_set(e, OKNO_EPERM,
		    _("an auditor may not change appeals"));
	default:
		return err_set(e, OKNO_EPERM,
		    _("only staff may register or change appeals"));
	}
}

/* The columns a_read() expects, in order. */
#define APPEAL_COLS "a.id, a.reg_no, a.registered_at, a.reg_date," \
	" a.channel, a.kind, a.client_type, a.client_name, a.account," \
	" a.address, a.phone, a.phone_consent, a.topic, a.text," \
	" coalesce(a.ticket_id, 0), coalesce(t.number, ''), a.manager," \
	" a.first_contact, a.unit, a.status, a.due_date, a.due_date_orig," \
	" a.due_warning, coalesce(a.extended_at, 0), a.extension_reason," \
	" a.answer, coalesce(a.answered_at, 0), coalesce(a.closed_at, 0)," \
	" coalesce(a.purged_at, 0), a.updated_at" \
	" FROM appeals a LEFT JOIN tickets t ON t.id = a.ticket_id"

void
appeal_clear(struct appeal *a)
{
	free(a->client_name);
	free(a->account);
	free(a->address);
	free(a->phone);
	free(a->topic);
	free(a->text);
	free(a->unit);
	free(a->due_warning);
	free(a->extension_reason);
	free(a->answer);
	memset(a, 0, sizeof *a);
}

static void
a_read(struct stmt *st, const char *today, struct appeal *a)
{
	enum appeal_status s = APPEAL_REGISTERED;

	memset(a, 0, sizeof *a);
	a->id = db_col_int(st, 0);
	strlcpy_(a->reg_no, db_col_text(st, 1), sizeof a->reg_no);
	a->registered_at = (time_t)db_col_int(st, 2);
	strlcpy_(a->reg_date, db_col_text(st, 3), sizeof a->reg_date);
	strlcpy_(a->channel, db_col_text(st, 4), sizeof a->channel);
	strlcpy_(a->kind, db_col_text(st, 5), sizeof a->kind);
	strlcpy_(a->client_type, db_col_text(st, 6), sizeof a->client_type);
	a->client_name = xstrdup(db_col_text(st, 7));
	a->account = xstrdup(db_col_text(st, 8));
	a->address = xstrdup(db_col_text(st, 9));
	a->phone = xstrdup(db_col_text(st, 10));
	a->phone_consent = (int)db_col_int(st, 11);
	a->topic = xstrdup(db_col_text(st, 12));
	a->text = xstrdup(db_col_text(st, 13));
	a->ticket_id = db_col_int(st, 14);
	strlcpy_(a->ticket, db_col_text(st, 15), sizeof a->ticket);
	strlcpy_(a->manager, db_col_text(st, 16), sizeof a->manager);
	a->first_contact = (int)db_col_int(st, 17);
	a->unit = xstrdup(db_col_text(st, 18));
	(void)appeal_status_parse(db_col_text(st, 19), &s);
	a->status = s;
	strlcpy_(a->due_date, db_col_text(st, 20), sizeof a->due_date);
	strlcpy_(a->due_date_orig, db_col_text(st, 21),
	    sizeof a->due_date_orig);
	a->due_warning = xstrdup(db_col_text(st, 22));
	a->extended_at = (time_t)db_col_int(st, 23);
	a->extension_reason = xstrdup(db_col_text(st, 24));
	a->answer = xstrdup(db_col_text(st, 25));
	a->answered_at = (time_t)db_col_int(st, 26);
	a->closed_at = (time_t)db_col_int(st, 27);
	a->purged_at = (time_t)db_col_int(st, 28);
	a->updated_at = (time_t)db_col_int(st, 29);
	a->days_left = a_day_number(a->due_date) - a_day_number(today);
	a->overdue = is_open(a->status) && a->days_left < 0;
}

/* Reads one appeal by id or by number (id 0). */
static int
a_get(struct ctx *c, int64_t id, const char *reg_no, struct appeal *a,
    struct err *e)
{
	struct stmt *st;
	char today[16];
	int r;

	memset(a, 0, sizeof *a);
	if (db_prepare(c->db, &st, e, "SELECT " APPEAL_COLS
	    " WHERE a.id = :id OR a.reg_no = :reg") != OKNO_OK)
		return e->code;
	db_bind_int(st, ":id", id);
	db_bind_text(st, ":reg", reg_no != NULL ? reg_no : "");
	time_format_date(c->now, today, sizeof today);
	r = db_step(st, e);
	if (r == DB_ROW)
		a_read(st, today, a);
	db_finalize(st);
	if (r == DB_ERROR)
		return OKNO_EDB;
	if (r == DB_DONE) {
		/* reg_no goes into a message: only when it is tame text. */
		if (reg_no != NULL && text_check(reg_no, APPEAL_REG_MAX, 0,
		    _("registration number"), e) != OKNO_OK)
			return e->code;
		return err_set(e, OKNO_ENOENT, _("no appeal %s"),
		    reg_no != NULL ? reg_no : "");
	}
	return OKNO_OK;
}

int
appeal_get(struct ctx *c, const char *reg_no, struct appeal *a,
    struct err *e)
{
	return a_get(c, 0, reg_no, a, e);
}

/* One history row (appeal-int.h). */
int
appeal_event_add(struct ctx *c, int64_t id, const char *event,
    const char *old, const char *status, const char *manager,
    const char *note, struct err *e)
{
	struct stmt *st;

	if (db_prepare(c->db, &st, e, "INSERT INTO appeal_events (appeal_id,"
	    " at, event, old_status, status, manager, note) VALUES (:id, :at,"
	    " :ev, :old, :st, :m, :note)") != OKNO_OK)
		return e->code;
	db_bind_int(st, ":id", id);
	db_bind_int(st, ":at", c->now);
	db_bind_text(st, ":ev", event);
	db_bind_text(st, ":old", old);
	db_bind_text(st, ":st", status);
	db_bind_text(st, ":m", manager != NULL && *manager ? manager : NULL);
	db_bind_text(st, ":note", opt(note));
	return db_run(st, e);
}

const char *
appeal_actor(const struct ctx *c)
{
	return c->who->role == ROLE_SYSTEM ? NULL : c->who->login;
}

/* The due date of something registered today, deadline n of kind k. */
static int
a_due(const struct ctx *c, const char *from, int ndays, enum calendar_days days,
    char *due, size_t dsize, char *warning, size_t wsize, struct err *e)
{
	int y, m, d, dy, dm, dd;

	if (date_parse(from, &y, &m, &d) != 0 ||
	    calendar_due(c->cfg->cal, y, m, d, ndays, days, &dy, &dm, &dd,
	    warning, wsize) != OKNO_OK)
		return err_set(e, OKNO_EINVAL, _("cannot compute a due date "
		    "%d days after %s"), ndays, from);
	snprintf(due, dsize, "%04d-%02d-%02d", dy, dm, dd);
	return OKNO_OK;
}

/* The id of the linked ticket (0: none), inside the transaction. */
static int
a_ticket(struct ctx *c, const struct appeal_new *n, int64_t *id,
    struct err *e)
{
	struct stmt *st;
	char day[16];
	int r;

	*id = 0;
	if (text_blank(n->ticket) && n->ticket_id == 0)
		return OKNO_OK;
	if (!text_blank(n->ticket)) {
		/* A number names a ticket of today: numbers restart daily. */
		if (db_prepare(c->db, &st, e, "SELECT id FROM tickets WHERE"
		    " day = :day AND number = :n ORDER BY id DESC LIMIT 1") !=
		    OKNO_OK)
			return e->code;
		time_format_date(c->now, day, sizeof day);
		db_bind_text(st, ":day", day);
		db_bind_text(st, ":n", n->ticket);
	} else {
		if (db_prepare(c->db, &st, e, "SELECT id FROM tickets WHERE"
		    " id = :id") != OKNO_OK)
			return e->code;
		db_bind_int(st, ":id", n->ticket_id);
	}
	r = db_step(st, e);
	if (r == DB_ROW)
		*id = db_col_int(st, 0);
	db_finalize(st);
	if (r == DB_ERROR)
		return OKNO_EDB;
	if (r == DB_DONE) {
		if (!text_blank(n->ticket))
			return err_set(e, OKNO_ENOENT, _("ticket: no ticket "
			    "%s today"), n->ticket);
		return err_set(e, OKNO_ENOENT, _("ticket: no ticket with id "
		    "%lld"), (long long)n->ticket_id);
	}
	return OKNO_OK;
}

/* The next sequence number of branch and year, under the write lock. */
static int
a_next_seq(struct ctx *c, int year, int64_t *seq, struct err *e)
{
	struct stmt *st;
	int r;

	if (db_prepare(c->db, &st, e, "SELECT coalesce(max(seq), 0) + 1"
	    " FROM appeals WHERE branch = :b AND year = :y") != OKNO_OK)
		return e->code;
	db_bind_text(st, ":b", c->cfg->branch_code);
	db_bind_int(st, ":y", year);
	r = db_step(st, e);
	if (r == DB_ROW)
		*seq = db_col_int(st, 0);
	db_finalize(st);
	return r == DB_ROW ? OKNO_OK : OKNO_EDB;
}

/*
 * Ends a change in the write transaction: reads the appeal back into out
 * (when not NULL) and commits.  On a failure the transaction is rolled
 * back, out holds nothing to free, and the status is returned.
 */
static int
a_commit(struct ctx *c, int64_t id, struct appeal *out, struct err *e)
{
	int rc;

	if (out != NULL && (rc = a_get(c, id, NULL, out, e)) != OKNO_OK) {
		db_rollback(c->db);
		return rc;
	}
	if (db_commit(c->db, e) != OKNO_OK) {
		if (out != NULL)
			appeal_clear(out);
		return e->code;
	}
	return OKNO_OK;
}

/*
 * The end of a change to appeal a, under the caller's transaction: logs
 * the event kind (from a's status to the status to, with note, which it
 * frees), commits and reads the appeal into out (see a_commit).  Clears
 * a either way; rolls back when the event cannot be logged.
 */
static int
a_finish(struct ctx *c, struct appeal *a, const char *kind, const char *to,
    char *note, struct appeal *out, struct err *e)
{
	int rc;

	rc = appeal_event_add(c, a->id, kind, appeal_status_name(a->status),
	    to, appeal_actor(c), note, e);
	free(note);
	if (rc == OKNO_OK)
		rc = a_commit(c, a->id, out, e);
	else
		db_rollback(c->db);
	appeal_clear(a);
	return rc;
}

int
appeal_add(struct ctx *c, const struct appeal_new *n, struct appeal *out,
    enum appeal_field *field, struct err *e)
{
	const struct config_kind *k;
	struct stmt *st;
	char today[16], due[16], warning[256], reg[APPEAL_REG_MAX];
	char tacc[VISIT_ACCOUNT_MAX + 1];
	const char *manager, *status = "registered", *account;
	int64_t seq = 0, ticket, id;
	int rc, y, m, d;

	if (out != NULL)
		memset(out, 0, sizeof *out);
	if (field != NULL)
		*field = APPEAL_F_NONE;
	if ((rc = a_may_change(c, e)) != OKNO_OK)
		return rc;
	if ((rc = appeal_check(c->cfg, n, field, e)) != OKNO_OK)
		return rc;
	if (c->cfg->branch_code == NULL)
		return err_set(e, OKNO_ECONFIG, _("no branch code configured"));
	k = config_kind(c->cfg, n->kind);
	time_format_date(c->now, today, sizeof today);
	if ((rc = a_due(c, today, k->deadline, k->days, due, sizeof due,
	    warning, sizeof warning, e)) != OKNO_OK)
		return rc;
	if (date_parse(today, &y, &m, &d) != 0)
		return err_set(e, OKNO_EINVAL, _("bad date %s"), today);
	manager = c->who->role == ROLE_SYSTEM ? opt(n->manager) :
	    c->who->login;
	if (!text_blank(n->unit))
		status = "forwarded";
	else if (n->first_contact)
		status = "closed";

	if (db_begin(c->db, e) != OKNO_OK)
		return e->code;
	if ((rc = a_ticket(c, n, &ticket, e)) != OKNO_OK) {
		if (field != NULL && rc == OKNO_ENOENT)
			*field = APPEAL_F_TICKET;
		goto fail;
	}
	/* An appeal registered from a visit takes the visit's account when
	 * none is given (visit.h). */
	account = opt(n->account);
	if (account == NULL && ticket > 0) {
		if ((rc = visit_ticket_account(c, ticket, tacc, sizeof tacc,
		    e)) != OKNO_OK)
			goto fail;
		account = tacc[0] != '\0' ? tacc : NULL;
	}
	if (c->who->role == ROLE_SYSTEM && manager != NULL &&
	    (rc = auth_staff_check(c, manager, e)) != OKNO_OK) {
		if (field != NULL)
			*field = APPEAL_F_MANAGER;
		goto fail;
	}
	if ((rc = a_next_seq(c, y, &seq, e)) != OKNO_OK)
		goto fail;
	snprintf(reg, sizeof reg, "%s-%04d-%06lld", c->cfg->branch_code, y,
	    (long long)seq);
	rc = OKNO_EDB;
	if (db_prepare(c->db, &st, e, "INSERT INTO appeals (reg_no, branch,"
	    " year, seq, registered_at, reg_date, channel, kind, client_type,"
	    " client_name, account, address, phone, phone_consent, topic, text,"
	    " ticket_id, manager, first_contact, unit, status, due_date,"
	    " due_date_orig, due_warning, answered_at, closed_at, updated_at)"
	    " VALUES (:reg, :b, :y, :seq, :now, :day, :ch, :kind, :ct, :name,"
	    " :acc, :addr, :phone, :consent, :topic, :text, :ticket, :m, :fc,"
	    " :unit, :st, :due, :due, :warn, NULL, :closed, :now)") != OKNO_OK)
		goto fail;
	db_bind_text(st, ":reg", reg);
	db_bind_text(st, ":b", c->cfg->branch_code);
	db_bind_int(st, ":y", y);
	db_bind_int(st, ":seq", seq);
	db_bind_int(st, ":now", c->now);
	db_bind_text(st, ":day", today);
	db_bind_text(st, ":ch", n->channel);
	db_bind_text(st, ":kind", n->kind);
	db_bind_text(st, ":ct", n->client_type);
	db_bind_text(st, ":name", n->name);
	db_bind_text(st, ":acc", account);
	db_bind_text(st, ":addr", opt(n->address));
	db_bind_text(st, ":phone", opt(n->phone));
	db_bind_int(st, ":consent", n->phone_consent != 0 && !text_blank(n->phone));
	db_bind_text(st, ":topic", n->topic);
	db_bind_text(st, ":text", opt(n->text));
	db_bind_opt_int(st, ":ticket", ticket);
	db_bind_text(st, ":m", manager);
	db_bind_int(st, ":fc", n->first_contact != 0);
	db_bind_text(st, ":unit", opt(n->unit));
	db_bind_text(st, ":st", status);
	db_bind_text(st, ":due", due);
	db_bind_text(st, ":warn", warning[0] ? warning : NULL);
	if (n->first_contact)
		db_bind_int(st, ":closed", c->now);
	else
		db_bind_null(st, ":closed");
	if (db_run(st, e) != OKNO_OK)
		goto fail;
	id = db_last_id(c->db);
	if (appeal_event_add(c, id, "registered", NULL, "registered",
	    manager, NULL, e) != OKNO_OK)
		goto fail;
	if (!text_blank(n->unit)) {
		/* History notes are read by people: in their language,
		 * like the rest of what they typed (issue 19.7). */
		char *note = xasprintf(_("unit %s"), n->unit);

		rc = appeal_event_add(c, id, "forwarded", "registered", "forwarded",
		    manager, note, e);
		free(note);
		if (rc != OKNO_OK)
			goto fail;
	}
	if (n->first_contact && appeal_event_add(c, id, "closed", "registered",
	    "closed", manager, _("first contact"), e) != OKNO_OK)
		goto fail;
	return a_commit(c, id, out, e);
fail:
	db_rollback(c->db);
	return e != NULL && e->code != OKNO_OK ? e->code : rc;
}

/*
 * Whether status from may become to; *reopen is set when the change
 * takes an answered or closed appeal back into work.
 */
static int
a_allowed(enum appeal_status from, enum appeal_status to, int *reopen)
{
	*reopen = 0;
	switch (from) {
	case APPEAL_REGISTERED:
		return to != APPEAL_REGISTERED;
	case APPEAL_FORWARDED:
		return to == APPEAL_ANSWERED || to == APPEAL_CLOSED;
	case APPEAL_ANSWERED:
	case APPEAL_CLOSED:
		if (to == APPEAL_REGISTERED || to == APPEAL_FORWARDED) {
			*reopen = 1;
			return 1;
		}
		return from == APPEAL_ANSWERED && to == APPEAL_CLOSED;
	}
	return 0;
}

int
appeal_may_change(const struct ctx *c, struct err *e)
{
	return a_may_change(c, e);
}

int
appeal_update_check(const struct ctx *c, const struct appeal *a,
    enum appeal_status to, struct err *e)
{
	int rc, reopen;

	if ((rc = a_may_change(c, e)) != OKNO_OK)
		return rc;
	if ((unsigned)to >= APPEAL_NSTATUS)
		return err_set(e, OKNO_EINVAL, _("status: unknown"));
	if (a->purged_at != 0)
		return err_set(e, OKNO_ESTATE, _("%s: its personal data was "
		    "destroyed; it cannot change"), a->reg_no);
	if (!a_allowed(a->status, to, &reopen))
		return err_set(e, OKNO_ESTATE, _("%s is %s; it cannot become "
		    "%s"), a->reg_no, appeal_status_name(a->status),
		    appeal_status_name(to));
	return OKNO_OK;
}

int
appeal_extend_check(const struct ctx *c, const struct appeal *a,
    struct err *e)
{
	int rc;

	if ((rc = a_may_change(c, e)) != OKNO_OK)
		return rc;
	if (!is_open(a->status))
		return err_set(e, OKNO_ESTATE, _("%s is %s; only an open "
		    "appeal is extended"), a->reg_no,
		    appeal_status_name(a->status));
	if (a->extended_at != 0)
		return err_set(e, OKNO_ESTATE, _("%s was extended already "
		    "(the law allows one extension)"), a->reg_no);
	return OKNO_OK;
}

/*
 * Begins a change of appeal reg_no and reads it into a under the write
 * lock, so that the caller's check and its change agree.  On an error
 * nothing is held: no transaction, no appeal to clear.
 */
static int
a_begin_get(struct ctx *c, const char *reg_no, struct appeal *a,
    struct err *e)
{
	int rc;

	if (db_begin(c->db, e) != OKNO_OK)
		return e->code;
	if ((rc = a_get(c, 0, reg_no, a, e)) != OKNO_OK)
		db_rollback(c->db);
	return rc;
}

int
appeal_update(struct ctx *c, const char *reg_no,
    const struct appeal_change *ch, struct appeal *out, struct err *e)
{
	struct appeal a;
	struct stmt *st;
	const char *to = appeal_status_name(ch->status);
	time_t answered, closed;
	int rc, reopen;

	if (out != NULL)
		memset(out, 0, sizeof *out);
	if ((rc = a_may_change(c, e)) != OKNO_OK)
		return rc;
	if ((unsigned)ch->status >= APPEAL_NSTATUS)
		return err_set(e, OKNO_EINVAL, _("status: unknown"));
	if (check_text(ch->note, APPEAL_NOTE_MAX, 1, 0, _("note"),
	    APPEAL_F_NOTE, NULL, e) != OKNO_OK ||
	    check_text(ch->unit, APPEAL_UNIT_MAX, 0, 0, _("unit"),
	    APPEAL_F_UNIT, NULL, e) != OKNO_OK ||
	    check_text(ch->answer, APPEAL_ANSWER_MAX, 1, 0, _("answer"),
	    APPEAL_F_ANSWER, NULL, e) != OKNO_OK)
		return e->code;
	if ((rc = a_begin_get(c, reg_no, &a, e)) != OKNO_OK)
		return rc;
	if ((rc = appeal_update_check(c, &a, ch->status, e)) != OKNO_OK)
		goto fail;
	(void)a_allowed(a.status, ch->status, &reopen);
	if (reopen && text_blank(ch->note)) {
		rc = err_set(e, OKNO_EINVAL, _("note: reopening an appeal "
		    "needs the reason"));
		goto fail;
	}
	if (!text_blank(ch->unit) && ch->status != APPEAL_FORWARDED) {
		rc = err_set(e, OKNO_EINVAL, _("unit: only a forwarded appeal "
		    "has a back-office unit"));
		goto fail;
	}
	if (!text_blank(ch->answer) && ch->status != APPEAL_ANSWERED &&
	    ch->status != APPEAL_CLOSED) {
		rc = err_set(e, OKNO_EINVAL, _("answer: only an answered or "
		    "closed appeal has an answer"));
		goto fail;
	}
	answered = reopen ? 0 : a.answered_at;
	if (ch->status == APPEAL_ANSWERED)
		answered = c->now;
	closed = ch->status == APPEAL_CLOSED ? c->now : 0;
	rc = OKNO_EDB;
	if (db_prepare(c->db, &st, e, "UPDATE appeals SET status = :st,"
	    " unit = coalesce(:unit, unit), answer = coalesce(:answer, answer),"
	    " answered_at = :answered, closed_at = :closed, updated_at = :now"
	    " WHERE id = :id") != OKNO_OK)
		goto fail;
	db_bind_text(st, ":st", to);
	db_bind_text(st, ":unit", opt(ch->unit));
	db_bind_text(st, ":answer", opt(ch->answer));
	db_bind_opt_int(st, ":answered", answered);
	db_bind_opt_int(st, ":closed", closed);
	db_bind_int(st, ":now", c->now);
	db_bind_int(st, ":id", a.id);
	if (db_run(st, e) != OKNO_OK)
		goto fail;
	{
		/* The history says what changed besides the status. */
		char *note;

		if (!text_blank(ch->unit) && text_blank(ch->note))
			note = xasprintf(_("unit %s"), ch->unit);
		else if (!text_blank(ch->unit))
			note = xasprintf(_("unit %s: %s"), ch->unit, ch->note);
		else
			note = xstrdup(ch->note != NULL ? ch->note : "");
		return a_finish(c, &a, reopen ? "reopened" : to, to, note, out,
		    e);
	}
fail:
	appeal_clear(&a);
	db_rollback(c->db);
	return rc;
}

int
appeal_extend(struct ctx *c, const char *reg_no, const char *reason,
    struct appeal *out, struct err *e)
{
	struct appeal a;
	struct stmt *st;
	char due[16], warning[256], *note;
	int rc;

	if (out != NULL)
		memset(out, 0, sizeof *out);
	if ((rc = a_may_change(c, e)) != OKNO_OK)
		return rc;
	if (check_text(reason, APPEAL_NOTE_MAX, 1, 1, _("reason"),
	    APPEAL_F_NOTE, NULL, e) != OKNO_OK)
		return e->code;
	if ((rc = a_begin_get(c, reg_no, &a, e)) != OKNO_OK)
		return rc;
	if ((rc = appeal_extend_check(c, &a, e)) != OKNO_OK)
		goto fail;
	if ((rc = a_due(c, a.due_date, APPEAL_EXTENSION_DAYS,
	    CALENDAR_DAYS_CALENDAR, due, sizeof due, warning, sizeof warning,
	    e)) != OKNO_OK)
		goto fail;
	rc = OKNO_EDB;
	if (db_prepare(c->db, &st, e, "UPDATE appeals SET due_date = :due,"
	    " due_warning = :warn, extended_at = :now, extension_reason = :r,"
	    " updated_at = :now WHERE id = :id") != OKNO_OK)
		goto fail;
	db_bind_text(st, ":due", due);
	db_bind_text(st, ":warn", warning[0] ? warning : NULL);
	db_bind_int(st, ":now", c->now);
	db_bind_text(st, ":r", reason);
	db_bind_int(st, ":id", a.id);
	if (db_run(st, e) != OKNO_OK)
		goto fail;
	note = xasprintf(_("due %s -> %s: %s"), a.due_date, due, reason);
	return a_finish(c, &a, "extended", appeal_status_name(a.status), note,
	    out, e);
fail:
	appeal_clear(&a);
	db_rollback(c->db);
	return rc;
}

void
appeal_events_free(struct appeal_event *ev, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(ev[i].note);
	free(ev);
}

int
appeal_history(struct ctx *c, int64_t id, struct appeal_event **out,
    size_t *np, struct err *e)
{
	struct appeal_event *ev = NULL, *x;
	struct stmt *st;
	size_t n = 0, cap = 0;
	int r;

	*out = NULL;
	*np = 0;
	if (db_prepare(c->db, &st, e, "SELECT id, at, event,"
	    " coalesce(old_status, ''), status, coalesce(manager, ''),"
	    " coalesce(note, '') FROM appeal_events WHERE appeal_id = :id"
	    " ORDER BY id") != OKNO_OK)
		return e->code;
	db_bind_int(st, ":id", id);
	while ((r = db_step(st, e)) == DB_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 8;
			ev = xreallocarray(ev, cap, sizeof *ev);
		}
		x = &ev[n++];
		memset(x, 0, sizeof *x);
		x->id = db_col_int(st, 0);
		x->at = (time_t)db_col_int(st, 1);
		strlcpy_(x->event, db_col_text(st, 2), sizeof x->event);
		strlcpy_(x->old_status, db_col_text(st, 3),
		    sizeof x->old_status);
		strlcpy_(x->status, db_col_text(st, 4), sizeof x->status);
		strlcpy_(x->manager, db_col_text(st, 5), sizeof x->manager);
		x->note = xstrdup(db_col_text(st, 6));
	}
	db_finalize(st);
	if (r == DB_ERROR) {
		appeal_events_free(ev, n);
		return OKNO_EDB;
	}
	*out = ev;
	*np = n;
	return OKNO_OK;
}

void
appeal_list_free(struct appeal *a, size_t n)
{
	for (size_t i = 0; i < n; i++)
		appeal_clear(&a[i]);
	free(a);
}

/* The sort order of appeal_list: qsort has no context argument. */
static enum appeal_sort a_sort_key;
static int a_sort_desc;

static int
a_cmp(const void *pa, const void *pb)
{
	const struct appeal *x = pa, *y = pb;
	int r = 0;

	switch (a_sort_key) {
	case APPEAL_SORT_DUE:
		r = strcmp(x->due_date, y->due_date);
		break;
	case APPEAL_SORT_STATUS:
		r = (int)x->status - (int)y->status;
		break;
	case APPEAL_SORT_KIND:
		r = strcmp(x->kind, y->kind);
		break;
	case APPEAL_SORT_CLIENT:
		/* Code point order: alphabetical for Cyrillic but for ё. */
		r = strcmp(x->client_name, y->client_name);
		break;
	case APPEAL_SORT_REG:
		break;
	}
	if (r == 0)
		r = x->id < y->id ? -1 : x->id > y->id;
	return a_sort_desc ? -r : r;
}

int
appeal_list(struct ctx *c, const struct appeal_filter *f,
    struct appeal **out, size_t *np, struct err *e)
{
	struct appeal *v = NULL, a;
	struct stmt *st;
	char today[16], limit[16];
	size_t n = 0, cap = 0;
	int r;

	*out = NULL;
	*np = 0;
	time_format_date(c->now, today, sizeof today);
	if (f->due_within >= 0) {
		int y, m, d;

		if (date_parse(today, &y, &m, &d) != 0)
			return err_set(e, OKNO_EINVAL, _("bad date %s"), today);
		calendar_from_day_number(calendar_day_number(y, m, d) +
		    f->due_within, &y, &m, &d);
		snprintf(limit, sizeof limit, "%04d-%02d-%02d", y, m, d);
	}
	/* Codes, dates and status in SQL; the text searches in C, because
	 * SQLite's LIKE folds ASCII only and clients' names are Cyrillic. */
	if (db_prepare(c->db, &st, e, "SELECT " APPEAL_COLS
	    " WHERE (:kind IS NULL OR a.kind = :kind)"
	    " AND (:overdue = 0 OR (a.status IN ('registered', 'forwarded')"
	    "  AND a.due_date < :today))"
	    " AND (:limit IS NULL OR (a.status IN ('registered', 'forwarded')"
	    "  AND a.due_date <= :limit))"
	    " ORDER BY a.id") != OKNO_OK)
		return e->code;
	db_bind_text(st, ":kind", f->kind);
	db_bind_int(st, ":overdue", f->overdue != 0);
	db_bind_text(st, ":today", today);
	db_bind_text(st, ":limit", f->due_within >= 0 ? limit : NULL);
	while ((r = db_step(st, e)) == DB_ROW) {
		a_read(st, today, &a);
		if ((f->statuses != 0 && !(f->statuses & (1u << a.status))) ||
		    (!text_blank(f->client) &&
		    !fold_match(a.client_name, f->client) &&
		    !fold_match(a.account, f->client) &&
		    !fold_match(a.phone, f->client)) ||
		    (!text_blank(f->search) &&
		    !fold_match(a.reg_no, f->search) &&
		    !fold_match(a.topic, f->search) &&
		    !fold_match(a.text, f->search) &&
		    !fold_match(a.answer, f->search))) {
			appeal_clear(&a);
			continue;
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			v = xreallocarray(v, cap, sizeof *v);
		}
		v[n++] = a;
	}
	db_finalize(st);
	if (r == DB_ERROR) {
		appeal_list_free(v, n);
		return OKNO_EDB;
	}
	if (n > 1) {
		a_sort_key = f->sort;
		a_sort_desc = f->descending;
		qsort(v, n, sizeof *v, a_cmp);
	}
	*out = v;
	*np = n;
	return OKNO_OK;
}

int
appeal_counts(struct ctx *c, int *overdue, int *due_today, struct err *e)
{
	struct stmt *st;
	char today[16];
	int r;

	*overdue = *due_today = 0;
	if (db_prepare(c->db, &st, e, "SELECT"
	    " coalesce(sum(due_date < :today), 0),"
	    " coalesce(sum(due_date = :today), 0) FROM appeals"
	    " WHERE status IN ('registered', 'forwarded')") != OKNO_OK)
		return e->code;
	time_format_date(c->now, today, sizeof today);
	db_bind_text(st, ":today", today);
	r = db_step(st, e);
	if (r == DB_ROW) {
		*overdue = (int)db_col_int(st, 0);
		*due_today = (int)db_col_int(st, 1);
	}
	db_finalize(st);
	return r == DB_ROW ? OKNO_OK : OKNO_EDB;
}
