/* demo.c: a few days of plausible office history for `okno demo`, made
 * through the queue API itself with a clock that moves forward, so the
 * demo's data obey every rule the real office does.  Bookings (issue 15)
 * are written here through db.h: made the day before at the branch or at
 * head office, some cancelled, some missed, the rest checked in around
 * their slot (their tickets carry booked_at) and served or not. */
#include <stdio.h>
#include <string.h>

#include "appeal.h"
#include "auth.h"
#include "calendar.h"
#include "demo.h"
#include "inspect.h"
#include "queue.h"
#include "rating.h"

/* A small fixed-seed generator: the same history every run. */
struct rng {
	uint64_t	s;
};

static uint32_t
rng_next(struct rng *r)
{
	r->s ^= r->s << 13;
	r->s ^= r->s >> 7;
	r->s ^= r->s << 17;
	return (uint32_t)(r->s >> 11);
}

/* Uniform in [0, 1). */
static double
rng_unit(struct rng *r)
{
	return (rng_next(r) & 0xffffff) / (double)0x1000000;
}

/* Clients per minute by hour of day: a morning and an afternoon peak. */
static double
arrivals(int hour)
{
	/* Four windows of ten-minute visits take about 24 clients an
	 * hour; the peaks come near that (the loop adds half as many
	 * again as second arrivals), so queues form and mostly clear. */
	static const double per_hour[24] = {
		[9] = 0.12, [10] = 0.22, [11] = 0.25, [12] = 0.18,
		[13] = 0.12, [14] = 0.2, [15] = 0.22, [16] = 0.18,
		[17] = 0.1,
	};

	return per_hour[hour];
}

/* Which service a client wants: weights in the sample's order. */
static int
pick_service(struct rng *r, const struct config *cfg)
{
	static const int weight[] = { 30, 25, 8, 6, 5, 8, 5, 4, 9 };
	int total = 0, x;

	for (size_t i = 0; i < cfg->nservices; i++)
		total += i < nitems(weight) ? weight[i] : 5;
	x = (int)(rng_unit(r) * total);
	for (size_t i = 0; i < cfg->nservices; i++) {
		x -= i < nitems(weight) ? weight[i] : 5;
		if (x < 0)
			return (int)i;
	}
	return 0;
}

/*
 * A booking of the demo's day and what becomes of it: arrive > 0, the
 * client checks in then; 0, never comes (missed once its grace is past);
 * cancelled, cancelled the evening before.
 */
struct dbook {
	time_t	 slot;
	time_t	 arrive;
	int	 service;
	int	 hq;
	int	 cancelled;
	int64_t	 id;
};

#define DEMO_NBOOK	16

/* The clients who book (head office's and the branch's alike). */
static const char *const demo_clients[] = {
	"Кузнецова Анна Петровна", "Морозов Игорь Сергеевич",
	"Лебедева Ольга Ивановна", "Соколов Дмитрий Андреевич",
	"Павлова Елена Викторовна", "Волков Сергей Николаевич",
	"Фёдорова Мария Алексеевна", "Козлов Андрей Михайлович",
};

/*
 * The day's bookings: a slot every half hour from 10:00 to 16:30 taken
 * about half the time, four in ten made at head office; one in twelve
 * cancelled, one in eight missed, the rest checked in from 20 minutes
 * early to 8 late (within the grace).  Made the evening before, with
 * codes unique for the demo (branch's 0-4, head office's 5-9).
 */
static int
demo_plan_bookings(struct ctx *c, struct rng *r, time_t start,
    struct dbook *bk, size_t *nbk, struct err *e)
{
	static int serial;
	const struct config *cfg = c->cfg;
	struct stmt *st;
	time_t made = start - 14 * 3600;	/* 19:00 the day before */
	int rc = OKNO_OK;

	*nbk = 0;
	if (db_begin(c->db, e) != OKNO_OK)
		return e->code;
	for (time_t slot = start + 3600; slot <= start + 7 * 3600 + 1800 &&
	    *nbk < DEMO_NBOOK && rc == OKNO_OK; slot += 1800) {
		struct dbook *b = &bk[*nbk];
		char code[16], hq_id[32], phone[16];
		double fate;

		if (rng_unit(r) < 0.5)
			continue;
		memset(b, 0, sizeof *b);
		b->slot = slot;
		b->service = pick_service(r, cfg);
		b->hq = rng_unit(r) < 0.4;
		fate = rng_unit(r);
		b->cancelled = fate < 0.08;
		if (fate >= 0.2)
			b->arrive = slot - 1200 + (time_t)(rng_unit(r) * 1680);
		serial++;
		snprintf(code, sizeof code, "%d%05d", (b->hq ? 5 : 0) +
		    serial / 100000 % 5, serial % 100000);
		snprintf(hq_id, sizeof hq_id, "HQ-DEMO-%d", serial);
		snprintf(phone, sizeof phone, "7916%07u",
		    (unsigned)(rng_next(r) % 10000000));
		if ((rc = db_prepare(c->db, &st, e, "INSERT INTO bookings"
		    " (code, source, hq_id, service, slot_at, status, name,"
		    " phone, created_at, created_by, changed_at,"
		    " cancelled_at, cancelled_by) VALUES (:code, :source,"
		    " :hq_id, :service, :slot, :status, :name, :phone, :made,"
		    " :by, :changed, :cancelled, :by)")) != OKNO_OK)
			break;
		db_bind_text(st, ":code", code);
		db_bind_text(st, ":source", b->hq ? "hq" : "branch");
		db_bind_text(st, ":hq_id", b->hq ? hq_id : NULL);
		db_bind_text(st, ":service", cfg->services[b->service].code);
		db_bind_int(st, ":slot", slot);
		db_bind_text(st, ":status", b->cancelled ? "cancelled" :
		    "booked");
		db_bind_text(st, ":name", demo_clients[serial %
		    nitems(demo_clients)]);
		db_bind_text(st, ":phone", phone);
		db_bind_int(st, ":made", made);
		db_bind_text(st, ":by", b->hq ? NULL : "anna");
		db_bind_int(st, ":changed", b->cancelled ? made + 600 : made);
		db_bind_opt_int(st, ":cancelled", b->cancelled ? made + 600 :
		    0);
		if ((rc = db_run(st, e)) != OKNO_OK)
			break;
		b->id = db_last_id(c->db);
		(*nbk)++;
	}
	if (rc != OKNO_OK) {
		db_rollback(c->db);
		return rc;
	}
	return db_commit(c->db, e);
}

/* The client of b checks in at c->now: a ticket that names its booking
 * and slot (as booking_checkin does). */
static int
demo_checkin(struct ctx *c, const struct dbook *b, struct err *e)
{
	struct ticket tk;
	struct stmt *st;
	int rc;

	if ((rc = queue_issue(c, c->cfg->services[b->service].code, 0, &tk,
	    NULL, e)) != OKNO_OK)
		return rc;
	if (db_begin(c->db, e) != OKNO_OK)
		return e->code;
	if ((rc = db_prepare(c->db, &st, e, "UPDATE tickets SET booking_id ="
	    " :b, booked_at = :slot WHERE id = :t")) == OKNO_OK) {
		db_bind_int(st, ":b", b->id);
		db_bind_int(st, ":slot", b->slot);
		db_bind_int(st, ":t", tk.id);
		rc = db_run(st, e);
	}
	if (rc == OKNO_OK && (rc = db_prepare(c->db, &st, e, "UPDATE bookings"
	    " SET status = 'arrived', arrived_at = :now, ticket_id = :t,"
	    " changed_at = :now WHERE id = :b")) == OKNO_OK) {
		db_bind_int(st, ":now", c->now);
		db_bind_int(st, ":t", tk.id);
		db_bind_int(st, ":b", b->id);
		rc = db_run(st, e);
	}
	if (rc != OKNO_OK) {
		db_rollback(c->db);
		return rc;
	}
	return db_commit(c->db, e);
}

/* At c->now: bookings whose ticket finished are served; those not
 * checked in by the end of their grace are missed. */
static int
demo_settle_bookings(struct ctx *c, struct err *e)
{
	struct stmt *st;
	int rc;

	if (db_begin(c->db, e) != OKNO_OK)
		return e->code;
	if ((rc = db_prepare(c->db, &st, e, "UPDATE bookings SET status ="
	    " 'served', changed_at = :now WHERE status = 'arrived' AND"
	    " ticket_id IN (SELECT id FROM tickets WHERE status ="
	    " 'finished')")) == OKNO_OK) {
		db_bind_int(st, ":now", c->now);
		rc = db_run(st, e);
	}
	if (rc == OKNO_OK && (rc = db_prepare(c->db, &st, e, "UPDATE bookings"
	    " SET status = 'missed', changed_at = :now WHERE status ="
	    " 'booked' AND slot_at + :grace < :now")) == OKNO_OK) {
		db_bind_int(st, ":now", c->now);
		db_bind_int(st, ":grace", (int64_t)c->cfg->bookings.grace * 60);
		rc = db_run(st, e);
	}
	if (rc != OKNO_OK) {
		db_rollback(c->db);
		return rc;
	}
	return db_commit(c->db, e);
}

struct dwin {
	int	 number;
	int	 open;
	time_t	 busy_until;	/* 0: free */
	int	 serving;
	int64_t	 ticket;
	char	 service[32];
};

/* Rates some finished visits: mostly good, sometimes not. */
static int
rate(struct ctx *c, struct rng *r, int64_t ticket, struct err *e)
{
	for (size_t i = 0; i < c->cfg->ncriteria; i++) {
		int score = 5 - (int)(rng_unit(r) * rng_unit(r) * 5);

		if (score < 1)
			score = 1;
		if (rating_set(c, ticket, c->cfg->criteria[i].code, score, e) !=
		    OKNO_OK)
			return e->code;
	}
	return OKNO_OK;
}

/* Ends window w's visit at c->now: finished, rarely a no-show. */
static int
end_visit(struct ctx *c, struct rng *r, struct dwin *w, struct err *e)
{
	struct ticket t;
	int rc;

	if (rng_unit(r) < 0.04)
		rc = queue_noshow(c, w->number, &t, e);
	else {
		rc = queue_finish(c, w->number, &t, e);
		if (rc == OKNO_OK && rng_unit(r) < 0.3)
			rc = rate(c, r, t.id, e);
	}
	w->serving = 0;
	w->busy_until = 0;
	return rc;
}

/*
 * One day from `from` to `to` (seconds) with the windows listed open;
 * load scales the arrivals to the windows staffed.  close: end the day
 * (finish visits, cancel the rest, close windows).
 */
static int
day(struct ctx *c, struct rng *r, time_t from, time_t to,
    const char *const *managers, double load, int close,
    const struct dbook *bk, size_t nbk, struct err *e)
{
	const struct config *cfg = c->cfg;
	struct dwin w[16];
	size_t nw = cfg->nwindows < nitems(w) ? cfg->nwindows : nitems(w);
	int rc, n;

	memset(w, 0, sizeof w);
	for (size_t i = 0; i < nw; i++) {
		w[i].number = cfg->windows[i].number;
		if (managers[i] == NULL)
			continue;
		c->now = from;
		if ((rc = queue_window_open(c, w[i].number, managers[i], e)) !=
		    OKNO_OK)
			return rc;
		w[i].open = 1;
	}
	for (time_t t = from; t < to; t += 60) {
		struct tm tm;
		struct ticket tk;
		double lam;

		localtime_r(&t, &tm);
		lam = arrivals(tm.tm_hour);
		if (lam == 0)
			lam = 0.2;	/* a demo at night still has clients */
		lam *= load;
		/* Up to two arrivals a minute, at random seconds. */
		for (n = 0; n < 2; n++)
			if (rng_unit(r) < lam / (n + 1)) {
				c->now = t + (time_t)(rng_unit(r) * 59);
				if ((rc = queue_issue(c, cfg->services[
				    pick_service(r, cfg)].code,
				    rng_unit(r) < 0.03, &tk, NULL, e)) !=
				    OKNO_OK)
					return rc;
			}
		/* The booked clients who come this minute. */
		for (size_t i = 0; i < nbk; i++)
			if (!bk[i].cancelled && bk[i].arrive >= t &&
			    bk[i].arrive < t + 60) {
				c->now = bk[i].arrive;
				if ((rc = demo_checkin(c, &bk[i], e)) !=
				    OKNO_OK)
					return rc;
			}
		c->now = t + 59;
		for (size_t i = 0; i < nw; i++) {
			const struct config_service *s;

			if (!w[i].open)
				continue;
			if (w[i].serving && c->now >= w[i].busy_until &&
			    (rc = end_visit(c, r, &w[i], e)) != OKNO_OK)
				return rc;
			if (w[i].serving)
				continue;
			rc = queue_call(c, w[i].number, &tk, e);
			if (rc == OKNO_NONE)
				continue;
			if (rc != OKNO_OK)
				return rc;
			s = config_service(cfg, tk.service);
			w[i].serving = 1;
			/* 40% to 140% of the norm: some visits run over. */
			w[i].busy_until = c->now + (time_t)((s ?
			    s->service_norm : 10) * 60 * (0.4 + rng_unit(r)));
		}
	}
	if (!close)
		return demo_settle_bookings(c, e);
	c->now = to;
	for (size_t i = 0; i < nw; i++)
		if (w[i].serving && (rc = end_visit(c, r, &w[i], e)) !=
		    OKNO_OK)
			return rc;
	if ((rc = queue_close_day(c, &n, e)) != OKNO_OK)
		return rc;
	return demo_settle_bookings(c, e);
}

/*
 * A few appeals of the last weeks, so that the register has something to
 * show: one overdue (forwarded 40 days ago and not answered), one due
 * about today, others forwarded, answered, closed, one resolved at the
 * first contact.  Registered through the appeals API at their own times.
 */
static int
demo_appeals(struct ctx *c, time_t now, struct err *e)
{
	static const struct {
		int		 days_ago;
		const char	*kind, *channel, *client_type, *name;
		const char	*account, *phone, *topic, *text, *manager;
		int		 first_contact;
		const char	*unit;		/* forwarded at once */
		int		 status;	/* then; -1: left as it is */
		const char	*answer;
	} ap[] = {
		{ 40, "complaint", "written", "individual",
		    "Смирнова Ольга Ивановна", "5012345678",
		    "+7 (916) 555-12-34",
		    "Начисления и перерасчёт", "Счёт за октябрь выставлен по "
		    "нормативу, хотя показания переданы вовремя.\nПрошу "
		    "сделать перерасчёт.", "anna", 0, "Расчётный отдел", -1,
		    NULL },
		{ 30, "complaint", "book", "individual", "Кузнецов Андрей",
		    NULL, NULL, "Качество обслуживания", "Долго ждал в "
		    "очереди к окну 2.", "boris", 0, NULL, -1, NULL },
		{ 20, "claim", "post", "legal", "ООО «Вектор»", "7700123456",
		    "+7 (495) 123-45-67", "Договор энергоснабжения",
		    "Претензия по объёму потребления за сентябрь.", "vera", 0,
		    "Юридический отдел", -1, NULL },
		{ 12, "request", "in_person", "individual", "Павлова Анна",
		    "5010020030", "8 903 111-22-33", "Замена прибора учёта",
		    "Прошу заменить счётчик с истёкшим сроком поверки.",
		    "gleb", 0, NULL, -1, NULL },
		{ 5, "question", "phone", "utility", "ТСЖ «Заря»", NULL,
		    "+7 (495) 765-43-21", "Показания приборов учёта",
		    "Как передавать показания общедомового прибора?", "anna",
		    0, NULL, APPEAL_ANSWERED, "Разъяснён порядок передачи "
		    "показаний через личный кабинет." },
		{ 2, "gratitude", "box", "individual", "Иванов И. И.", NULL,
		    NULL, "Качество обслуживания", "Спасибо менеджеру окна 3.",
		    "vera", 0, NULL, APPEAL_CLOSED, NULL },
		{ 1, "question", "in_person", "sole_trader", "ИП Соколов",
		    "5019998887", NULL, "Льготы и субсидии", "Вопрос о "
		    "тарифе для ИП.", "boris", 1, NULL, -1, NULL },
	};
	struct appeal_new n;
	struct appeal_change ch;
	struct appeal a;
	int rc;

	for (size_t i = 0; i < nitems(ap); i++) {
		memset(&n, 0, sizeof n);
		n.kind = ap[i].kind;
		n.channel = ap[i].channel;
		n.client_type = ap[i].client_type;
		n.name = ap[i].name;
		n.account = ap[i].account;
		n.phone = ap[i].phone;
		n.phone_consent = ap[i].phone != NULL;
		n.topic = ap[i].topic;
		n.text = ap[i].text;
		n.manager = ap[i].manager;
		n.first_contact = ap[i].first_contact;
		n.unit = ap[i].unit;
		/* Registered at 10:00-ish that day, whatever the zone. */
		c->now = now - (time_t)ap[i].days_ago * 86400;
		if ((rc = appeal_add(c, &n, &a, NULL, e)) != OKNO_OK)
			return rc;
		if (ap[i].status >= 0) {
			memset(&ch, 0, sizeof ch);
			ch.status = (enum appeal_status)ap[i].status;
			ch.answer = ap[i].answer;
			c->now += 3600;
			rc = appeal_update(c, a.reg_no, &ch, NULL, e);
		}
		appeal_clear(&a);
		if (rc != OKNO_OK)
			return rc;
	}
	return OKNO_OK;
}

/*
 * Two inspections of the last weeks against the catalogue: an internal
 * audit with a criterion not met, and a mystery shopper.  A catalogue that
 * does not load leaves the demo without them, nothing more.
 */
static int
demo_inspections(struct ctx *c, time_t now, struct err *e)
{
	static const struct inspection_item_new audit[] = {
		{ "C1", RESULT_MET, NULL }, { "C2", RESULT_NA, "Парковки нет, "
		    "офис в пешеходной зоне" }, { "C3", RESULT_MET, NULL },
		{ "C4", RESULT_MET, NULL }, { "U1", RESULT_MET, NULL },
		{ "U2", RESULT_NOT_MET, "Стенд с тарифами не обновлён" },
		{ "U3", RESULT_MET, NULL }, { "U4", RESULT_MET, NULL },
		{ "U6", RESULT_MET, NULL }, { "U7", RESULT_MET, NULL },
		{ "U8", RESULT_MET, NULL }, { "U9", RESULT_MET, NULL },
	};
	static const struct inspection_item_new shopper[] = {
		{ "U5", RESULT_MET, NULL }, { "U6", RESULT_MET, NULL },
		{ "U7", RESULT_NOT_MET, "Книги отзывов не было на стойке" },
		{ "U9", RESULT_MET, NULL },
	};
	struct inspection_new n;
	struct catalogue *cat;
	struct err ce;
	char date[16];
	int rc;

	if (catalogue_load(c->cfg, &cat, &ce) != OKNO_OK)
		return OKNO_OK;
	memset(&n, 0, sizeof n);
	c->now = now - 10 * 86400;
	time_format_date(c->now, date, sizeof date);
	n.date = date;
	n.kind = INSPECTION_INTERNAL;
	n.inspector = "Петрова Е. В. (дирекция по маркетингу)";
	n.note = "Плановая проверка по Стандарту";
	n.items = audit;
	n.nitems = nitems(audit);
	rc = inspection_add(c, cat, &n, NULL, e);
	if (rc == OKNO_OK) {
		c->now = now - 3 * 86400;
		time_format_date(c->now, date, sizeof date);
		n.kind = INSPECTION_MYSTERY_SHOPPER;
		n.inspector = "Тайный покупатель № 7";
		n.note = NULL;
		n.items = shopper;
		n.nitems = nitems(shopper);
		rc = inspection_add(c, cat, &n, NULL, e);
	}
	catalogue_free(cat);
	return rc;
}

/* Branch-local time t into *tm; 1 when its day is a working day. */
static int
working_day(const struct config *cfg, time_t t, struct tm *tm)
{
	localtime_r(&t, tm);
	return calendar_is_working(cfg->cal, tm->tm_year + 1900,
	    tm->tm_mon + 1, tm->tm_mday, NULL);
}

int
demo_history(struct ctx *c, int days, struct err *e)
{
	static const char *const all[] = { "anna", "boris", "vera", "gleb",
	    "anna", "boris", "vera", "gleb" };
	/* Today window 1 waits for whoever tries the demo. */
	static const char *const today[] = { NULL, "boris", "vera", "gleb",
	    NULL, NULL, NULL, NULL };
	const char *mgr[16];
	const struct actor *who = c->who;
	struct rng r = { 0x6f6b6e6f2026ULL };
	/* The bookings' own generator: the rest of the history stays the
	 * same draw as before they came. */
	struct rng rb = { 0x626f6f6b2026ULL };
	struct dbook bk[DEMO_NBOOK];
	size_t nbk = 0;
	time_t now = c->now, start;
	struct tm tm;
	int rc = OKNO_OK, back;

	c->who = &actor_system;
	/* The working days to fill, counted back from yesterday. */
	back = 0;
	for (int n = 0, k = 1; n < days && k < 366; k++) {
		time_t t = now - (time_t)k * 86400;

		if (working_day(c->cfg, t, &tm)) {
			n++;
			back = k;
		}
	}
	for (int d = back; d >= 1 && rc == OKNO_OK; d--) {
		time_t noon = now - (time_t)d * 86400;

		if (!working_day(c->cfg, noon, &tm))
			continue;
		tm.tm_hour = 9;
		tm.tm_min = 0;
		tm.tm_sec = 0;
		tm.tm_isdst = -1;
		start = mktime(&tm);
		for (size_t i = 0; i < nitems(mgr); i++)
			mgr[i] = i < nitems(all) ? all[i] : NULL;
		c->now = start;
		rc = demo_plan_bookings(c, &rb, start, bk, &nbk, e);
		if (rc == OKNO_OK)
			rc = day(c, &r, start, start + 9 * 3600, mgr, 0.9, 1,
			    bk, nbk, e);
	}
	/* Today: the last three hours (from midnight at most), left open:
	 * windows serving, people waiting. */
	localtime_r(&now, &tm);
	tm.tm_hour = 0;
	tm.tm_min = 1;
	tm.tm_sec = 0;
	tm.tm_isdst = -1;
	start = mktime(&tm);
	if (now - 3 * 3600 > start)
		start = now - 3 * 3600;
	for (size_t i = 0; i < nitems(mgr); i++)
		mgr[i] = i < nitems(today) ? today[i] : NULL;
	/* Today's bookings from 09:00: those after now still booked. */
	localtime_r(&now, &tm);
	tm.tm_hour = 9;
	tm.tm_min = 0;
	tm.tm_sec = 0;
	tm.tm_isdst = -1;
	c->now = start;
	if (rc == OKNO_OK)
		rc = demo_plan_bookings(c, &rb, mktime(&tm), bk, &nbk, e);
	if (rc == OKNO_OK && now - start >= 120)
		rc = day(c, &r, start, now - 60, mgr, 1.0, 0, bk, nbk, e);
	if (rc == OKNO_OK)
		rc = demo_appeals(c, now, e);
	if (rc == OKNO_OK)
		rc = demo_inspections(c, now, e);
	c->now = now;
	c->who = who;
	return rc;
}

int
demo_clock_offset(const struct config *cfg, time_t now)
{
	struct tm tm;
	time_t day;
	int mins;

	if (working_day(cfg, now, &tm)) {
		mins = tm.tm_hour * 60 + tm.tm_min;
		if (mins >= 9 * 60 + 30 && mins < 17 * 60 + 30)
			return 0;
		if (mins >= 17 * 60 + 30)
			goto found;
	}
	/* A year of days off is no calendar: then yesterday will do. */
	for (int k = 1; k < 366; k++) {
		day = now - (time_t)k * 86400;
		if (working_day(cfg, day, &tm))
			goto found;
	}
	day = now - 86400;
	localtime_r(&day, &tm);
found:
	tm.tm_hour = 11;
	tm.tm_min = 0;
	tm.tm_sec = 0;
	tm.tm_isdst = -1;
	return (int)(mktime(&tm) - now);
}

int
demo_users(struct ctx *c, const char *password, struct err *e)
{
	static const struct {
		const char	*login;
		enum role	 role;
	} users[] = {
		{ "demo", ROLE_SUPERVISOR },
		{ "anna", ROLE_MANAGER },
		{ "boris", ROLE_MANAGER },
		{ "vera", ROLE_MANAGER },
		{ "gleb", ROLE_MANAGER },
		{ "audit", ROLE_AUDITOR },
	};
	const struct actor *who = c->who;
	int rc = OKNO_OK;

	c->who = &actor_system;
	for (size_t i = 0; i < nitems(users) && rc == OKNO_OK; i++)
		rc = auth_user_add(c, users[i].login, users[i].role, password,
		    e);
	c->who = who;
	return rc;
}
