/* appeal.c: TAP tests of the appeals register with a fixed clock.
 *
 * The office is the sample configuration (conf/okno.conf) with its 2026
 * and 2027 production calendars.  Expected due dates were worked out by
 * hand: 2026-12-31 and 2027-01-01..08 are days off, 2027-02-20 (a
 * Saturday) is a shortened working day, 2028 has no calendar.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "appeal.h"
#include "fixture.h"
#include "fold.h"
#include "tap.h"
#include "queue.h"

static struct ctx c;
static struct err e;

/* A valid new appeal; tests change what they test. */
static struct appeal_new
base(void)
{
	struct appeal_new n = {
		.kind = "complaint",
		.channel = "written",
		.client_type = "individual",
		.name = "Иванов Иван Иванович",
		.account = "1234567890",
		.phone = "+7 (916) 123-45-67",
		.phone_consent = 1,
		.address = "г. Подольск, ул. Ленина, д. 1, кв. 2",
		.topic = "Начисления и перерасчёт",
		.text = "Прошу пересчитать.\nСчёт за ноябрь завышен.",
	};

	return n;
}

/* Registers n; returns the registration number (static buffer). */
static const char *
add(const struct appeal_new *n)
{
	static char reg[APPEAL_REG_MAX];
	struct appeal a;

	if (appeal_add(&c, n, &a, NULL, &e) != OKNO_OK)
		bail("appeal_add: %s", e.msg);
	strlcpy_(reg, a.reg_no, sizeof reg);
	appeal_clear(&a);
	return reg;
}

/* Registers base() of kind at time iso; returns its due date. */
static const char *
due(const char *kind, const char *iso, char *warning, size_t wsize)
{
	static char d[16];
	struct appeal_new n = base();
	struct appeal a;

	c.now = fx_at(iso);
	n.kind = kind;
	if (appeal_add(&c, &n, &a, NULL, &e) != OKNO_OK)
		bail("appeal_add: %s", e.msg);
	strlcpy_(d, a.due_date, sizeof d);
	if (warning != NULL)
		strlcpy_(warning, a.due_warning, wsize);
	appeal_clear(&a);
	return d;
}

static long long
count(void)
{
	return fx_int(c.db, "SELECT count(*) FROM appeals", NULL);
}

/* The events of an appeal as "event:old>new", comma-separated. */
static const char *
history(const char *reg)
{
	static char buf[1024];
	struct appeal a;
	struct appeal_event *ev;
	size_t n;

	buf[0] = '\0';
	if (appeal_get(&c, reg, &a, &e) != OKNO_OK)
		return e.msg;
	if (appeal_history(&c, a.id, &ev, &n, &e) != OKNO_OK)
		bail("history: %s", e.msg);
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(buf);

		snprintf(buf + len, sizeof buf - len, "%s%s:%s>%s",
		    i ? "," : "", ev[i].event, ev[i].old_status, ev[i].status);
	}
	appeal_events_free(ev, n);
	appeal_clear(&a);
	return buf;
}

static void
test_numbering(void)
{
	struct appeal_new n = base();
	struct appeal a;

	c.now = fx_at("2026-12-30T10:00:00+03:00");
	is_string(add(&n), "MSK-014-2026-000001", "first number of 2026");
	is_string(add(&n), "MSK-014-2026-000002", "numbers count up");
	/* 23:59 Moscow on 31 December is still 2026. */
	c.now = fx_at("2026-12-31T20:59:00Z");
	is_string(add(&n), "MSK-014-2026-000003", "23:59 branch time: 2026");
	c.now = fx_at("2026-12-31T21:00:00Z");
	is_string(add(&n), "MSK-014-2027-000001", "midnight in the branch: "
	    "2027 starts at 1");
	c.now = fx_at("2027-01-11T09:00:00+03:00");
	if (appeal_add(&c, &n, &a, NULL, &e) != OKNO_OK)
		bail("%s", e.msg);
	is_string(a.reg_no, "MSK-014-2027-000002", "2027 goes on");
	is_string(a.reg_date, "2027-01-11", "registration date is branch-"
	    "local");
	is_int(a.registered_at, c.now, "registration time is the clock");
	is_string(a.manager, "", "the command line records no manager");
	is_int(a.status, APPEAL_REGISTERED, "status registered");
	is_int(a.phone_consent, 1, "phone consent kept");
	is_string(a.text, "Прошу пересчитать.\nСчёт за ноябрь завышен.",
	    "text with a newline kept");
	appeal_clear(&a);
	/* A clock put back into 2026 continues 2026's numbers. */
	c.now = fx_at("2026-12-30T12:00:00+03:00");
	is_string(add(&n), "MSK-014-2026-000004", "back in 2026: 2026's "
	    "next number");
	is_int(fx_int(c.db, "SELECT count(*) FROM appeal_events WHERE event ="
	    " 'registered'", NULL), count(), "one registered event each");
}

static void
test_deadlines(void)
{
	char w[256];

	is_string(due("complaint", "2026-12-30T10:00:00+03:00", w, sizeof w),
	    "2027-01-29", "30 calendar days from 30 Dec 2026");
	is_string(w, "", "no warning when both years have calendars");
	is_string(due("complaint", "2026-12-02T10:00:00+03:00", NULL, 0),
	    "2027-01-11", "30 days end on 1 Jan: moved past the New Year "
	    "holidays and the weekend to 11 Jan");
	is_string(due("request", "2026-12-30T10:00:00+03:00", NULL, 0),
	    "2027-01-22", "10 working days across the New Year holidays");
	is_string(due("request", "2026-12-25T17:00:00+03:00", NULL, 0),
	    "2027-01-19", "10 working days from Friday 25 Dec: 28-30 Dec, "
	    "then from 11 Jan");
	is_string(due("request", "2027-02-18T10:00:00+03:00", NULL, 0),
	    "2027-03-05", "10 working days counting Saturday 20 Feb "
	    "(a transferred working day), not 22-23 Feb");
	is_string(due("complaint", "2027-01-21T10:00:00+03:00", NULL, 0),
	    "2027-02-20", "30 days ending on working Saturday 20 Feb stay");
	is_string(due("complaint", "2027-01-07T10:00:00+03:00", NULL, 0),
	    "2027-02-08", "30 days ending on Saturday 6 Feb move to Monday");
	is_string(due("complaint", "2027-12-15T10:00:00+03:00", w, sizeof w),
	    "2028-01-14", "into 2028: still computed");
	ok(strstr(w, "2028") != NULL, "with a warning naming 2028: %s", w);
	/* Registration on a day off counts from that day. */
	is_string(due("request", "2027-01-02T10:00:00+03:00", NULL, 0),
	    "2027-01-22", "registered on a holiday: 10 working days from 11 "
	    "Jan");
}

/* appeal_add with n must fail with code, naming field, storing nothing. */
static void
refused(const struct appeal_new *n, int code, enum appeal_field field,
    const char *word, const char *why)
{
	enum appeal_field f = APPEAL_F_NONE;
	long long before = count(),
	    events = fx_int(c.db, "SELECT count(*) FROM appeal_events", NULL);
	int rc = appeal_add(&c, n, NULL, &f, &e);

	ok(rc == code && f == field && strstr(e.msg, word) != NULL &&
	    count() == before &&
	    fx_int(c.db, "SELECT count(*) FROM appeal_events", NULL) == events,
	    "%s: refused (%s)", why, e.msg);
}

static void
test_validation(void)
{
	struct appeal_new n;
	char big[APPEAL_TEXT_MAX * 2 + 8];

	c.now = fx_at("2027-03-01T10:00:00+03:00");
	n = base(); n.kind = "nosuch";
	refused(&n, OKNO_EINVAL, APPEAL_F_KIND, "complaint", "unknown kind "
	    "lists the kinds");
	n = base(); n.channel = "email";
	refused(&n, OKNO_EINVAL, APPEAL_F_CHANNEL, "in_person", "unknown "
	    "channel");
	n = base(); n.client_type = "corp";
	refused(&n, OKNO_EINVAL, APPEAL_F_CLIENT_TYPE, "client type",
	    "unknown client type");
	n = base(); n.name = "   ";
	refused(&n, OKNO_EINVAL, APPEAL_F_NAME, "name", "blank name");
	memset(big, 'x', APPEAL_NAME_MAX + 1);
	big[APPEAL_NAME_MAX + 1] = '\0';
	n = base(); n.name = big;
	refused(&n, OKNO_EINVAL, APPEAL_F_NAME, "200", "201-character name");
	n = base(); n.name = "Иванов\377";
	refused(&n, OKNO_EINVAL, APPEAL_F_NAME, "UTF-8", "invalid UTF-8 in "
	    "the name");
	n = base(); n.name = "Иванов\nПётр";
	refused(&n, OKNO_EINVAL, APPEAL_F_NAME, "U+000A", "a newline in "
	    "the name");
	n = base(); n.topic = "Тема\033[2J";
	refused(&n, OKNO_EINVAL, APPEAL_F_TOPIC, "topic", "ESC in the topic");
	n = base(); n.topic = "";
	refused(&n, OKNO_EINVAL, APPEAL_F_TOPIC, "topic", "empty topic");
	memset(big, 'y', APPEAL_TEXT_MAX + 1);
	big[APPEAL_TEXT_MAX + 1] = '\0';
	n = base(); n.text = big;
	refused(&n, OKNO_EINVAL, APPEAL_F_TEXT, "4000", "4001-character text");
	/* 4000 two-byte characters are within the limit. */
	for (int i = 0; i < APPEAL_TEXT_MAX; i++)
		memcpy(big + 2 * i, "ж", 2);
	big[2 * APPEAL_TEXT_MAX] = '\0';
	n = base(); n.text = big;
	ok(appeal_add(&c, &n, NULL, NULL, &e) == OKNO_OK, "4000 Cyrillic "
	    "characters (8000 bytes) are accepted");
	n = base(); n.account = "12345";
	refused(&n, OKNO_EINVAL, APPEAL_F_ACCOUNT, "account", "short account");
	n = base(); n.account = "12345678901a";
	refused(&n, OKNO_EINVAL, APPEAL_F_ACCOUNT, "account", "letter in "
	    "the account");
	n = base(); n.phone = "+7 916 CALL-ME";
	refused(&n, OKNO_EINVAL, APPEAL_F_PHONE, "phone", "letters in the "
	    "phone");
	n = base(); n.phone = "12-34";
	refused(&n, OKNO_EINVAL, APPEAL_F_PHONE, "phone", "short phone");
	n = base(); n.phone = "+7 (916) 123-45-67 доб. 12";
	refused(&n, OKNO_EINVAL, APPEAL_F_PHONE, "phone", "phone over 20 "
	    "characters");
	n = base(); n.phone = "7+9161234567";
	refused(&n, OKNO_EINVAL, APPEAL_F_PHONE, "phone", "+ inside the "
	    "phone");
	memset(big, 'a', APPEAL_ADDRESS_MAX + 1);
	big[APPEAL_ADDRESS_MAX + 1] = '\0';
	n = base(); n.address = big;
	refused(&n, OKNO_EINVAL, APPEAL_F_ADDRESS, "address", "overlong "
	    "address");
	n = base(); n.ticket = "Z999";
	refused(&n, OKNO_ENOENT, APPEAL_F_TICKET, "Z999", "unknown ticket");
	n = base(); n.first_contact = 1; n.unit = "Бэк-офис";
	refused(&n, OKNO_EINVAL, APPEAL_F_UNIT, "unit", "first contact and "
	    "forwarding at once");
	n = base(); n.account = NULL; n.phone = ""; n.address = NULL;
	n.text = NULL;
	ok(appeal_add(&c, &n, NULL, NULL, &e) == OKNO_OK, "account, phone, "
	    "address and text are optional");
}

static void
test_ticket(void)
{
	struct appeal_new n = base();
	struct appeal a;
	struct ticket t;

	c.now = fx_at("2027-03-01T11:00:00+03:00");
	if (queue_issue(&c, "complaint", 0, &t, NULL, &e) != OKNO_OK)
		bail("queue_issue: %s", e.msg);
	n.ticket = t.number;
	if (appeal_add(&c, &n, &a, NULL, &e) != OKNO_OK)
		bail("%s", e.msg);
	ok(a.ticket_id == t.id && strcmp(a.ticket, t.number) == 0,
	    "linked to today's ticket %s by number", t.number);
	appeal_clear(&a);
	n.ticket = NULL;
	n.ticket_id = t.id;
	c.now = fx_at("2027-03-02T11:00:00+03:00");
	if (appeal_add(&c, &n, &a, NULL, &e) != OKNO_OK)
		bail("%s", e.msg);
	ok(a.ticket_id == t.id, "linked by id on another day");
	appeal_clear(&a);
	n.ticket_id = 0;
	n.ticket = t.number;
	is_int(appeal_add(&c, &n, NULL, NULL, &e), OKNO_ENOENT,
	    "yesterday's number names no ticket today");
}

static void
test_status(void)
{
	struct appeal_new n = base();
	struct appeal_change ch;
	struct appeal a;
	const char *r;
	char reg[APPEAL_REG_MAX];

	c.now = fx_at("2027-03-02T10:00:00+03:00");
	strlcpy_(reg, add(&n), sizeof reg);
	memset(&ch, 0, sizeof ch);
	ch.status = APPEAL_FORWARDED;
	ch.unit = "Отдел расчётов";
	c.now += 60;
	is_int(appeal_update(&c, reg, &ch, &a, &e), OKNO_OK, "forwarded");
	is_string(a.unit, "Отдел расчётов", "with its unit");
	appeal_clear(&a);
	ch.status = APPEAL_FORWARDED;
	is_int(appeal_update(&c, reg, &ch, NULL, &e), OKNO_ESTATE,
	    "forwarded twice: refused");
	memset(&ch, 0, sizeof ch);
	ch.status = APPEAL_ANSWERED;
	ch.answer = "Перерасчёт выполнен.";
	c.now += 60;
	is_int(appeal_update(&c, reg, &ch, &a, &e), OKNO_OK, "answered");
	is_int(a.answered_at, c.now, "answered_at set");
	is_string(a.answer, "Перерасчёт выполнен.", "answer summary kept");
	appeal_clear(&a);
	memset(&ch, 0, sizeof ch);
	ch.status = APPEAL_CLOSED;
	c.now += 60;
	is_int(appeal_update(&c, reg, &ch, &a, &e), OKNO_OK, "closed");
	is_int(a.closed_at, c.now, "closed_at set");
	appeal_clear(&a);
	ch.status = APPEAL_ANSWERED;
	is_int(appeal_update(&c, reg, &ch, NULL, &e), OKNO_ESTATE,
	    "closed -> answered: refused");
	ok(strstr(e.msg, "closed") != NULL, "the message says it is closed");
	ch.status = APPEAL_REGISTERED;
	is_int(appeal_update(&c, reg, &ch, NULL, &e), OKNO_EINVAL,
	    "reopening without a reason: refused");
	ch.note = "Клиент не согласен с ответом";
	c.now += 60;
	is_int(appeal_update(&c, reg, &ch, &a, &e), OKNO_OK, "reopened with "
	    "a reason");
	ok(a.closed_at == 0 && a.answered_at == 0 && a.status ==
	    APPEAL_REGISTERED, "reopened: registered, no closed or answered "
	    "time");
	appeal_clear(&a);
	is_string(history(reg), "registered:>registered,"
	    "forwarded:registered>forwarded,answered:forwarded>answered,"
	    "closed:answered>closed,reopened:closed>registered",
	    "one history row per change, old and new status");
	is_int(fx_int(c.db,
	    "SELECT count(*) FROM appeal_events e JOIN appeals a ON"
	    " a.id = e.appeal_id WHERE a.reg_no = :p AND e.event = 'reopened'"
	    " AND e.note = 'Клиент не согласен с ответом'", reg), 1,
	    "the reopen reason is in the history");
	is_int(fx_int(c.db,
	    "SELECT count(*) FROM appeal_events e JOIN appeals a ON"
	    " a.id = e.appeal_id WHERE a.reg_no = :p AND e.event = 'forwarded'"
	    " AND e.note = 'unit Отдел расчётов'", reg), 1,
	    "the forwarding names the unit");
	memset(&ch, 0, sizeof ch);
	ch.status = APPEAL_CLOSED;
	ch.note = "Жалоба отозвана";
	is_int(appeal_update(&c, reg, &ch, NULL, &e), OKNO_OK,
	    "registered -> closed directly");
	ch.status = APPEAL_CLOSED;
	ch.unit = "x";
	ch.status = APPEAL_REGISTERED;
	is_int(appeal_update(&c, reg, &ch, NULL, &e), OKNO_EINVAL,
	    "a unit with a status other than forwarded: refused");
	memset(&ch, 0, sizeof ch);
	ch.status = APPEAL_ANSWERED;
	is_int(appeal_update(&c, "MSK-014-2027-999999", &ch, NULL, &e),
	    OKNO_ENOENT, "unknown appeal: OKNO_ENOENT");
	ch.note = "\033]0;x\007";
	is_int(appeal_update(&c, reg, &ch, NULL, &e), OKNO_EINVAL,
	    "control characters in a note: refused");
	ch.note = "стол ┬ стул";
	is_int(appeal_update(&c, reg, &ch, NULL, &e), OKNO_EINVAL,
	    "a box-drawing character in a note: refused");
	is_string(e.msg, "note: character U+252C is not allowed",
	    "the message names it");

	/* First contact: resolved at once. */
	n = base();
	n.first_contact = 1;
	n.channel = "in_person";
	n.kind = "question";
	if (appeal_add(&c, &n, &a, NULL, &e) != OKNO_OK)
		bail("%s", e.msg);
	ok(a.status == APPEAL_CLOSED && a.first_contact && a.closed_at ==
	    c.now, "first contact: closed at registration");
	r = history(a.reg_no);
	is_string(r, "registered:>registered,closed:registered>closed",
	    "first contact history");
	appeal_clear(&a);
}

static void
test_extension(void)
{
	struct appeal_new n = base();
	struct appeal_change ch;
	struct appeal a;
	char reg[APPEAL_REG_MAX];

	c.now = fx_at("2026-12-30T10:00:00+03:00");
	strlcpy_(reg, add(&n), sizeof reg);	/* due 2027-01-29 */
	c.now = fx_at("2027-01-20T10:00:00+03:00");
	is_int(appeal_extend(&c, reg, "", NULL, &e), OKNO_EINVAL,
	    "an extension needs a reason");
	is_int(appeal_extend(&c, reg, "Запрошены документы у сетевой "
	    "организации", &a, &e), OKNO_OK, "extended");
	is_string(a.due_date, "2027-03-01", "29 Jan + 30 days = Sunday 28 "
	    "Feb, moved to Monday 1 Mar");
	is_string(a.due_date_orig, "2027-01-29", "the original due date kept");
	ok(a.extended_at == c.now && strstr(a.extension_reason, "сетевой"),
	    "extension time and reason kept");
	appeal_clear(&a);
	is_int(appeal_extend(&c, reg, "ещё раз", NULL, &e), OKNO_ESTATE,
	    "a second extension: refused");
	is_int(fx_int(c.db,
	    "SELECT count(*) FROM appeal_events e JOIN appeals a ON"
	    " a.id = e.appeal_id WHERE a.reg_no = :p AND e.event = 'extended'"
	    " AND e.note LIKE 'due 2027-01-29 -> 2027-03-01: %'", reg), 1,
	    "the history row says from and to");
	/* Overdue by the extended date, not the original one. */
	c.now = fx_at("2027-02-15T10:00:00+03:00");
	if (appeal_get(&c, reg, &a, &e) != OKNO_OK)
		bail("%s", e.msg);
	ok(!a.overdue && a.days_left == 14, "past the original date, before "
	    "the extended one: not overdue (%ld days left)", a.days_left);
	appeal_clear(&a);
	c.now = fx_at("2027-03-02T09:00:00+03:00");
	if (appeal_get(&c, reg, &a, &e) != OKNO_OK)
		bail("%s", e.msg);
	ok(a.overdue && a.days_left == -1, "the day after the extended date: "
	    "overdue");
	appeal_clear(&a);
	memset(&ch, 0, sizeof ch);
	ch.status = APPEAL_ANSWERED;
	appeal_update(&c, reg, &ch, NULL, &e);
	if (appeal_get(&c, reg, &a, &e) != OKNO_OK)
		bail("%s", e.msg);
	ok(!a.overdue, "answered: no longer overdue");
	appeal_clear(&a);
	is_int(appeal_extend(&c, reg, "поздно", NULL, &e), OKNO_ESTATE,
	    "an answered appeal is not extended");
}

static void
test_lists(void)
{
	struct appeal_filter f;
	struct appeal *v;
	struct appeal_new n;
	size_t cnt;
	int overdue, today, all_overdue, others;

	/* A fresh view: close everything so far. */
	fx_exec(c.db, "UPDATE appeals SET status = 'closed'");
	c.now = fx_at("2027-04-01T10:00:00+03:00");
	n = base();
	n.name = "Петров Пётр";
	add(&n);				/* complaint, due 2027-05-04 */
	n = base();
	n.kind = "request";			/* 10 working days */
	n.name = "ТСЖ «Берёзка»";
	n.client_type = "utility";
	n.account = "";
	n.topic = "Показания приборов учёта";
	n.text = "Общедомовой прибор";
	add(&n);				/* due 2027-04-15 */
	c.now = fx_at("2027-04-15T10:00:00+03:00");
	memset(&f, 0, sizeof f);
	f.due_within = -1;
	if (appeal_counts(&c, &overdue, &today, &e) != OKNO_OK)
		bail("%s", e.msg);
	ok(overdue == 0 && today == 1, "15 Apr: none overdue, one due today");
	c.now = fx_at("2027-04-16T10:00:00+03:00");
	appeal_counts(&c, &overdue, &today, &e);
	ok(overdue == 1 && today == 0, "16 Apr: one overdue");
	f.overdue = 1;
	if (appeal_list(&c, &f, &v, &cnt, &e) != OKNO_OK)
		bail("%s", e.msg);
	ok(cnt == 1 && strcmp(v[0].kind, "request") == 0 && v[0].overdue &&
	    v[0].days_left == -1, "the overdue list holds the request, one "
	    "day late");
	appeal_list_free(v, cnt);
	all_overdue = (int)cnt;
	f.overdue = 0;
	f.client = "берёзка";
	appeal_list(&c, &f, &v, &cnt, &e);
	ok(cnt == 1 && strcmp(v[0].client_type, "utility") == 0, "client "
	    "search folds Cyrillic case");
	appeal_list_free(v, cnt);
	f.client = "БЕРЕЗКА";
	appeal_list(&c, &f, &v, &cnt, &e);
	is_int((long long)cnt, 1, "and ё/е");
	appeal_list_free(v, cnt);
	f.client = NULL;
	f.search = "ОБЩЕДОМОВОЙ";
	appeal_list(&c, &f, &v, &cnt, &e);
	is_int((long long)cnt, 1, "text search");
	appeal_list_free(v, cnt);
	f.search = NULL;
	f.statuses = 1u << APPEAL_REGISTERED;
	f.sort = APPEAL_SORT_DUE;
	appeal_list(&c, &f, &v, &cnt, &e);
	ok(cnt == 2 && strcmp(v[0].due_date, v[1].due_date) < 0,
	    "registered ones, sorted by due date");
	appeal_list_free(v, cnt);
	f.descending = 1;
	appeal_list(&c, &f, &v, &cnt, &e);
	ok(cnt == 2 && strcmp(v[0].due_date, v[1].due_date) > 0, "reversed");
	appeal_list_free(v, cnt);
	f.descending = 0;
	f.statuses = 0;
	f.due_within = 18;			/* 16 Apr + 18 = 4 May */
	appeal_list(&c, &f, &v, &cnt, &e);
	is_int((long long)cnt, 2, "due within 18 days: both (the overdue "
	    "one too)");
	appeal_list_free(v, cnt);
	f.due_within = 17;
	appeal_list(&c, &f, &v, &cnt, &e);
	is_int((long long)cnt, all_overdue, "due within 17 days: only the "
	    "overdue one");
	appeal_list_free(v, cnt);
	f.due_within = -1;
	f.kind = "complaint";
	appeal_list(&c, &f, &v, &cnt, &e);
	others = 0;
	for (size_t i = 0; i < cnt; i++)
		others += strcmp(v[i].kind, "complaint") != 0;
	ok(cnt > 2 && others == 0, "kind filter: %zu complaints only", cnt);
	appeal_list_free(v, cnt);
}

static void
test_roles(void)
{
	struct actor aud = { "olga", ROLE_AUDITOR };
	struct actor mgr = { "ivan", ROLE_MANAGER };
	struct appeal_new n = base();
	struct appeal_change ch;
	struct appeal a;
	int purged;

	c.now = fx_at("2027-04-20T10:00:00+03:00");
	c.who = &aud;
	is_int(appeal_add(&c, &n, NULL, NULL, &e), OKNO_EPERM,
	    "an auditor cannot register");
	c.who = &mgr;
	n.manager = "someone-else";
	if (appeal_add(&c, &n, &a, NULL, &e) != OKNO_OK)
		bail("%s", e.msg);
	is_string(a.manager, "ivan", "a manager is recorded under their "
	    "login");
	c.who = &aud;
	memset(&ch, 0, sizeof ch);
	ch.status = APPEAL_ANSWERED;
	is_int(appeal_update(&c, a.reg_no, &ch, NULL, &e), OKNO_EPERM,
	    "an auditor cannot change the status");
	is_int(appeal_extend(&c, a.reg_no, "x", NULL, &e), OKNO_EPERM,
	    "nor extend");
	c.who = &mgr;
	is_int(appeal_update(&c, a.reg_no, &ch, NULL, &e), OKNO_OK,
	    "a manager changes the status");
	is_int(fx_int(c.db,
	    "SELECT count(*) FROM appeal_events e JOIN appeals a ON"
	    " a.id = e.appeal_id WHERE a.reg_no = :p AND e.manager = 'ivan'",
	    a.reg_no), 2, "history rows name the manager");
	is_int(appeal_purge(&c, &purged, &e), OKNO_EPERM, "a manager cannot "
	    "purge");
	appeal_clear(&a);
	c.who = &actor_system;
}

/* The checks screens make before asking for a reason: the same
 * answers and messages as the changes themselves. */
static void
test_checks(void)
{
	struct actor aud = { "olga", ROLE_AUDITOR };
	struct appeal_new n = base();
	struct appeal_change ch;
	struct appeal a;
	struct err e2;
	char reg[APPEAL_REG_MAX];

	c.now = fx_at("2027-04-21T10:00:00+03:00");
	is_int(appeal_may_change(&c, &e), OKNO_OK, "the system may change");
	c.who = &aud;
	is_int(appeal_may_change(&c, &e), OKNO_EPERM,
	    "an auditor may not change appeals");
	c.who = &actor_system;
	strlcpy_(reg, add(&n), sizeof reg);
	if (appeal_get(&c, reg, &a, &e) != OKNO_OK)
		bail("%s", e.msg);
	is_int(appeal_update_check(&c, &a, APPEAL_FORWARDED, &e), OKNO_OK,
	    "registered -> forwarded: allowed");
	is_int(appeal_update_check(&c, &a, APPEAL_REGISTERED, &e),
	    OKNO_ESTATE, "registered -> registered: refused");
	is_int(appeal_extend_check(&c, &a, &e), OKNO_OK,
	    "an open appeal may be extended");
	c.who = &aud;
	is_int(appeal_update_check(&c, &a, APPEAL_ANSWERED, &e), OKNO_EPERM,
	    "an auditor is refused by the check");
	is_int(appeal_extend_check(&c, &a, &e), OKNO_EPERM,
	    "and by the extension's check");
	c.who = &actor_system;
	appeal_clear(&a);
	if (appeal_extend(&c, reg, "проверка", &a, &e) != OKNO_OK)
		bail("%s", e.msg);
	is_int(appeal_extend_check(&c, &a, &e), OKNO_ESTATE,
	    "extended once: the check refuses a second");
	appeal_clear(&a);
	memset(&ch, 0, sizeof ch);
	ch.status = APPEAL_CLOSED;
	if (appeal_update(&c, reg, &ch, &a, &e) != OKNO_OK)
		bail("%s", e.msg);
	is_int(appeal_update_check(&c, &a, APPEAL_ANSWERED, &e), OKNO_ESTATE,
	    "closed -> answered: the check refuses");
	ch.status = APPEAL_ANSWERED;
	is_int(appeal_update(&c, reg, &ch, NULL, &e2), OKNO_ESTATE,
	    "and so does the change");
	is_string(e.msg, e2.msg, "with the same message");
	is_int(appeal_update_check(&c, &a, APPEAL_REGISTERED, &e), OKNO_OK,
	    "closed -> registered: a reopening, allowed");
	is_int(appeal_extend_check(&c, &a, &e), OKNO_ESTATE,
	    "a closed appeal is not extended");
	appeal_clear(&a);
}

/* What export.c installs (export_log and the appeals triggers). */
static const char export_sim[] =
	"CREATE TABLE IF NOT EXISTS export_log ("
	"  seq INTEGER PRIMARY KEY AUTOINCREMENT, tbl TEXT NOT NULL,"
	"  row_id INTEGER NOT NULL, UNIQUE (tbl, row_id));"
	"CREATE TRIGGER IF NOT EXISTS export_appeals_ins AFTER INSERT ON"
	" appeals BEGIN"
	" DELETE FROM export_log WHERE tbl = 'appeals' AND row_id = NEW.id;"
	" INSERT INTO export_log (tbl, row_id) VALUES ('appeals', NEW.id);"
	" END;"
	"CREATE TRIGGER IF NOT EXISTS export_appeals_upd AFTER UPDATE ON"
	" appeals BEGIN"
	" DELETE FROM export_log WHERE tbl = 'appeals' AND row_id = NEW.id;"
	" INSERT INTO export_log (tbl, row_id) VALUES ('appeals', NEW.id);"
	" END;";

static void
test_purge(void)
{
	struct appeal_new n = base();
	struct appeal_change ch;
	struct appeal a;
	char old[APPEAL_REG_MAX], unsent[APPEAL_REG_MAX],
	    recent[APPEAL_REG_MAX];
	int purged;

	memset(&ch, 0, sizeof ch);
	ch.status = APPEAL_CLOSED;
	/* Closed on 2027-05-04; retention 1095 days ends 2030-05-03. */
	c.now = fx_at("2027-05-04T10:00:00+03:00");
	strlcpy_(old, add(&n), sizeof old);
	appeal_update(&c, old, &ch, NULL, &e);
	strlcpy_(unsent, add(&n), sizeof unsent);
	appeal_update(&c, unsent, &ch, NULL, &e);
	c.now = fx_at("2030-05-01T10:00:00+03:00");
	strlcpy_(recent, add(&n), sizeof recent);
	appeal_update(&c, recent, &ch, NULL, &e);

	c.now = fx_at("2030-05-10T10:00:00+03:00");
	is_int(appeal_purge(&c, &purged, &e), OKNO_OK, "purge without the "
	    "export machinery");
	is_int(purged, 0, "nothing exported, nothing purged");

	fx_exec(c.db, export_sim);
	/* Head office acknowledged everything but `unsent`. */
	fx_exec(c.db, "DELETE FROM export_log");
	{
		struct stmt *st;

		st = fx_prepare(c.db, "INSERT INTO export_log (tbl, row_id)"
		    " SELECT 'appeals', id FROM appeals WHERE reg_no = :r");
		db_bind_text(st, ":r", unsent);
		fx_run(st);
	}
	is_int(appeal_purge(&c, &purged, &e), OKNO_OK, "purge");
	ok(purged >= 1, "some appeals anonymised (%d)", purged);
	if (appeal_get(&c, old, &a, &e) != OKNO_OK)
		bail("%s", e.msg);
	ok(a.client_name[0] == '\0' && a.account[0] == '\0' &&
	    a.phone[0] == '\0' && a.address[0] == '\0' && a.text[0] == '\0' &&
	    a.purged_at == c.now, "the old exported appeal is anonymised");
	ok(strcmp(a.topic, "Начисления и перерасчёт") == 0 && a.status ==
	    APPEAL_CLOSED && strcmp(a.kind, "complaint") == 0,
	    "its non-personal fields stay");
	appeal_clear(&a);
	is_int(fx_int(c.db,
	    "SELECT count(*) FROM pd_destruction_log WHERE record ="
	    " :p AND actor = 'system' AND fields LIKE 'client_name,%'", old),
	    1, "the destruction is logged: what, by whom");
	is_int(fx_int(c.db,
	    "SELECT count(*) FROM appeal_events e JOIN appeals a ON"
	    " a.id = e.appeal_id WHERE a.reg_no = :p AND e.event = 'purged'",
	    old), 1, "and in the history");
	if (appeal_get(&c, unsent, &a, &e) != OKNO_OK)
		bail("%s", e.msg);
	ok(strcmp(a.client_name, "Иванов Иван Иванович") == 0 &&
	    a.purged_at == 0, "an appeal head office has not acknowledged "
	    "is untouched");
	appeal_clear(&a);
	if (appeal_get(&c, recent, &a, &e) != OKNO_OK)
		bail("%s", e.msg);
	ok(a.client_name[0] != '\0', "a recently closed appeal is untouched");
	appeal_clear(&a);
	is_int(fx_int(c.db,
	    "SELECT count(*) FROM appeals WHERE purged_at IS NULL"
	    " AND status = 'closed' AND closed_at < strftime('%s',"
	    " '2027-05-10') AND id NOT IN (SELECT row_id FROM export_log)",
	    NULL), 0, "every old, exported, closed appeal was purged");
	is_int(fx_int(c.db,
	    "SELECT count(*) FROM export_log l JOIN appeals a ON"
	    " a.id = l.row_id WHERE a.reg_no = :p", old), 1,
	    "the anonymised row goes to head office again");
	memset(&ch, 0, sizeof ch);
	ch.status = APPEAL_REGISTERED;
	ch.note = "x";
	is_int(appeal_update(&c, old, &ch, NULL, &e), OKNO_ESTATE,
	    "a purged appeal cannot be reopened");
	{
		long long logged = fx_int(c.db, "SELECT count(*) FROM"
		    " pd_destruction_log", NULL);

		fx_exec(c.db, "DELETE FROM export_log");
		appeal_purge(&c, &purged, &e);
		is_int(fx_int(c.db,
		    "SELECT count(*) FROM pd_destruction_log", NULL),
		    logged + purged, "a second purge logs only what it did");
		ok(purged == 1, "it takes the newly acknowledged one (%d)",
		    purged);
	}
}

static void
test_mask(void)
{
	char buf[48];

	text_mask_phone("+7 (916) 123-45-67", buf, sizeof buf);
	is_string(buf, "+7 *** ***-45-67", "mask +7 (916) 123-45-67");
	text_mask_phone("89161234567", buf, sizeof buf);
	is_string(buf, "8 *** ***-45-67", "mask 89161234567");
	text_mask_phone("55-01-40", buf, sizeof buf);
	is_string(buf, "***-01-40", "mask a local number");
	text_mask_phone("", buf, sizeof buf);
	is_string(buf, "", "empty stays empty");
	text_mask_phone("+380 44 123 45 67", buf, sizeof buf);
	is_string(buf, "+38 *** ***-45-67", "a foreign number keeps its code");
	text_mask_phone("+7 (916) 123-45-67", buf, 6);
	is_string(buf, "+7 **", "cut to the buffer");
	ok(fold_match("Иванов Иван", "иВАН") &&
	    !fold_match("Иванов", "Петров") &&
	    fold_match("Ёлкин", "елкин") &&
	    fold_match("x", ""), "text match folds case and ё");
}

int
main(void)
{
	plan(137);
	fx_office_open(&c, NULL, "a.db", &actor_system);
	test_numbering();
	test_deadlines();
	test_validation();
	test_ticket();
	test_status();
	test_extension();
	test_lists();
	test_roles();
	test_checks();
	test_purge();
	test_mask();
	fx_db_intact(&c);
	fx_office_close(&c);
	return 0;
}
