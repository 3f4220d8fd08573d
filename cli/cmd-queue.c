/* cmd-queue.c: init, check-config, ticket, queue, windows, window, day. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "booking.h"
#include "catalogue.h"
#include "cmd.h"
#include "csv.h"
#include "office.h"
#include "visit.h"

int
cmd_init(struct cmd_env *env, int argc, char **argv)
{
	(void)argv;
	if (argc != 1)
		return cmd_usage("init");
	printf(_("%s: schema version %d\n"), db_path(env->db),
	    db_version(env->db));
	return 0;
}

int
cmd_check_config(struct cmd_env *env, int argc, char **argv)
{
	struct err e;
	struct config *cfg;
	struct catalogue *cat;
	size_t ncond = 0;
	int rc = 0;

	(void)argv;
	if (argc != 1)
		return cmd_usage("check-config");
	err_clear(&e);
	if (config_load(env->config_path, &cfg, &e) != OKNO_OK)
		return cmd_err(&e);
	config_summary(cfg, stdout);
	/* The database the other commands would use: -d and OKNO_DB win. */
	if (env->db_override != NULL) {
		printf(_("Database used: %s (-d or OKNO_DB)\n"),
		    env->db_override);
		/* An unset reports folder goes with the database. */
		if (cfg->reports == NULL) {
			char *r = config_reports_dir(cfg, env->db_override);

			printf(_("Reports folder used: %s\n"), r);
			free(r);
		}
	}
	/* The catalogue is read on demand elsewhere; check it here too. */
	if (catalogue_load(cfg, &cat, &e) != OKNO_OK)
		rc = cmd_err(&e);
	else {
		for (size_t i = 0; i < cat->n; i++)
			ncond += cat->items[i].group == CATALOGUE_CONDITIONAL;
		printf(_("Inspection criteria: %zu (%zu conditional, %zu "
		    "unconditional)\n"), cat->n, ncond, cat->n - ncond);
		catalogue_free(cat);
	}
	config_free(cfg);
	return rc;
}

static void	cmd_print_ticket(struct cmd_env *, const struct ticket *,
		    const struct estimate *);

/* WINDOW argument: a configured window number. */
static int
arg_window(struct cmd_env *env, const char *s, int *w)
{
	long v;

	if (cmd_number(s, 1, 9999, &v) != 0)
		return cmd_error(OKNO_EUSAGE, _("not a window number: %s"), s);
	if (config_window(env->cfg, (int)v) == NULL)
		return cmd_error(OKNO_EINVAL, _("no window %ld in the "
		    "configuration"), v);
	*w = (int)v;
	return 0;
}

/*
 * Parses "--priority" (and, when force is not NULL, "--force" and
 * "--category CODE", "--account A") among the arguments; returns the
 * others' count.
 */
static int
opt_priority(int argc, char **argv, int *priority, int *force,
    const char **category, const char **account)
{
	static const struct option longopts[] = {
		{ "priority", no_argument, NULL, 'p' },
		{ "force", no_argument, NULL, 'F' },
		{ "category", required_argument, NULL, 'C' },
		{ "account", required_argument, NULL, 'A' },
		{ NULL, 0, NULL, 0 }
	};
	int ch;

	*priority = 0;
	if (force != NULL)
		*force = 0;
	*category = NULL;
	if (account != NULL)
		*account = NULL;
	while ((ch = cmd_getopt(argc, argv, "p", longopts)) != -1) {
		if (ch == 'p')
			*priority = 1;
		else if (ch == 'F' && force != NULL)
			*force = 1;
		else if (ch == 'C' && force != NULL)
			*category = optarg;
		else if (ch == 'A' && account != NULL)
			*account = optarg;
		else
			return -1;
	}
	return argc - optind;
}

/*
 * ticket issue --booking CODE: a booked client checks in (booking.h).
 * Unknown code or no longer booked: exit 3; outside the check-in window
 * (too early, too late): exit 4 naming it; bookings not configured: 78.
 */
static int
ticket_issue_booking(struct cmd_env *env, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "booking", required_argument, NULL, 'b' },
		{ NULL, 0, NULL, 0 }
	};
	const char *code = NULL;
	struct booking b;
	struct ticket t;
	struct err e;
	int ch, rc;

	while ((ch = cmd_getopt(argc, argv, "-", longopts)) != -1)
		if (ch == 'b')
			code = optarg;
		else
			return cmd_usage("ticket");
	if (optind != argc || code == NULL)
		return cmd_usage("ticket");
	if (!env->cfg->bookings.set)
		return cmd_error(OKNO_ECONFIG, _("this office takes no "
		    "bookings: %s has no bookings group (okno.conf(5), "
		    "BOOKINGS)"), env->cfg->path);
	err_clear(&e);
	rc = booking_find(&env->ctx, code, &b, &e);
	if (rc == OKNO_OK)
		rc = booking_checkin(&env->ctx, b.id, &t, &e);
	booking_clear(&b);
	if (rc != OKNO_OK)
		return cmd_err(&e);
	printf("%s\n", t.number);
	fflush(stdout);
	cmd_print_ticket(env, &t, NULL);
	return 0;
}

static int
ticket_issue(struct cmd_env *env, int argc, char **argv, int estimate_only)
{
	struct ticket t;
	struct estimate est;
	struct err e;
	const char *category, *account;
	int priority, force, n;

	if ((n = opt_priority(argc, argv, &priority, estimate_only ? NULL :
	    &force, &category, estimate_only ? NULL : &account)) != 1)
		return cmd_usage("ticket");
	err_clear(&e);
	if (estimate_only) {
		int i = config_service_index(env->cfg, argv[optind]);

		if (i < 0)
			return cmd_error(OKNO_EINVAL, _("no service '%s' in "
			    "the configuration"), argv[optind]);
		if (queue_estimate(&env->ctx, i, priority, &est, &e) != 0)
			return cmd_err(&e);
		if (est.late) {
			char closes[32];
			struct tm tm;

			localtime_r(&est.closes, &tm);
			snprintf(closes, sizeof closes, "%02d:%02d", tm.tm_hour,
			    tm.tm_min);
			printf(_("%d ahead, probably not served before the "
			    "office closes at %s\n"), est.ahead, closes);
		} else if (est.unserved && est.minutes < 0)
			printf(_("%d ahead, no open window serves this service "
			    "now\n"), est.ahead);
		else if (est.unserved)
			printf(_("%d ahead, about %d min; no open window serves "
			    "this service now\n"), est.ahead, est.minutes);
		else
			printf(_("%d ahead, about %d min\n"), est.ahead,
			    est.minutes);
		return 0;
	}
	if (queue_issue_client(&env->ctx, argv[optind], priority, category,
	    account, force ? QUEUE_ISSUE_FORCE : 0, &t, &est, &e) != 0)
		return cmd_err(&e);
	/* The number first: whatever the printer does, it is issued. */
	printf("%s\n", t.number);
	fflush(stdout);
	cmd_print_ticket(env, &t, &est);
	return 0;
}

/* Prints t; a fault is a warning that says how to reprint. */
static void
cmd_print_ticket(struct cmd_env *env, const struct ticket *t,
    const struct estimate *est)
{
	struct printer_result r;
	struct err e;

	err_clear(&e);
	if (office_print_ticket(&env->ctx, t, est, &r, &e) != OKNO_OK ||
	    !r.printed) {
		if (r.status != PRINTER_ABSENT || env->cfg->printer.driver)
			cmd_warn(_("printer: %s; ticket %s is issued but not "
			    "printed (okno ticket reprint %s)"),
			    r.message[0] ? r.message : e.msg, t->number,
			    t->number);
	} else if (r.status != PRINTER_READY)
		cmd_warn(_("printer: %s"), r.message);
}

static int
ticket_reprint(struct cmd_env *env, const char *number)
{
	struct ticket t;
	struct estimate est;
	struct err e;
	int i;

	err_clear(&e);
	if (queue_ticket_by_number(&env->ctx, number, &t, &e) != OKNO_OK)
		return cmd_err(&e);
	i = config_service_index(env->cfg, t.service);
	if (i < 0 || queue_estimate(&env->ctx, i, t.priority, &est, &e) != 0)
		est.ahead = est.minutes = -1;
	printf("%s\n", t.number);
	fflush(stdout);
	cmd_print_ticket(env, &t, est.ahead >= 0 ? &est : NULL);
	return 0;
}

/*
 * --by LOGIN of the supervisor's commands: the command line acts as the
 * office's administrator (SECURITY.md); --by names the supervisor on
 * whose word it acts, who is then the actor (checked by the model like a
 * login: a manager is refused) and recorded as who.  *who is filled.
 */
static int
opt_by(struct cmd_env *env, const char *login, struct actor *who)
{
	struct user *u;
	struct err e;
	size_t n;

	if (login == NULL)
		return 0;
	err_clear(&e);
	if (auth_user_list(&env->ctx, &u, &n, &e) != OKNO_OK)
		return cmd_err(&e);
	for (size_t i = 0; i < n; i++)
		if (strcmp(u[i].login, login) == 0 && !u[i].disabled) {
			who->role = u[i].role;
			free(u);
			who->login = login;
			env->ctx.who = who;
			return 0;
		}
	free(u);
	return cmd_error(OKNO_EINVAL, _("--by: no enabled user '%s'"), login);
}

/*
 * The supervisor's verbs: ticket cancel NUMBER [--reason TEXT],
 * ticket priority NUMBER --on|--off [--category CODE] --reason TEXT,
 * ticket call WINDOW --number NUMBER; each with [--by LOGIN].
 */
static int
ticket_supervise(struct cmd_env *env, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "reason", required_argument, NULL, 'r' },
		{ "on", no_argument, NULL, '1' },
		{ "off", no_argument, NULL, '0' },
		{ "category", required_argument, NULL, 'C' },
		{ "number", required_argument, NULL, 'n' },
		{ "by", required_argument, NULL, 'b' },
		{ NULL, 0, NULL, 0 }
	};
	const char *verb = argv[0], *reason = NULL, *category = NULL,
	    *number = NULL, *by = NULL;
	struct actor who;
	struct ticket t;
	struct err e;
	int ch, on = -1, w = 0, rc;

	while ((ch = cmd_getopt(argc, argv, "r:n:", longopts)) != -1) {
		if (ch == 'r')
			reason = optarg;
		else if (ch == '1' || ch == '0') {
			if (on != -1)
				return cmd_usage("ticket");
			on = ch == '1';
		} else if (ch == 'C')
			category = optarg;
		else if (ch == 'n')
			number = optarg;
		else if (ch == 'b')
			by = optarg;
		else
			return cmd_usage("ticket");
	}
	if (argc - optind != 1)
		return cmd_usage("ticket");
	if (strcmp(verb, "call") == 0) {
		if (number == NULL || reason || category || on != -1)
			return cmd_usage("ticket");
		if ((rc = arg_window(env, argv[optind], &w)) != 0)
			return rc;
	} else if (strcmp(verb, "cancel") == 0) {
		if (number || category || on != -1)
			return cmd_usage("ticket");
	} else if (on == -1 || number != NULL)
		return cmd_usage("ticket");
	else if (reason == NULL)
		return cmd_error(OKNO_EUSAGE, _("a priority change needs "
		    "--reason"));
	if ((rc = opt_by(env, by, &who)) != 0)
		return rc;
	err_clear(&e);
	if (strcmp(verb, "call") == 0)
		rc = queue_call_number(&env->ctx, w, number, &t, &e);
	else if (strcmp(verb, "cancel") == 0)
		rc = queue_cancel(&env->ctx, argv[optind], reason, &t, &e);
	else
		rc = queue_priority(&env->ctx, argv[optind], on, category,
		    reason, &t, &e);
	/* A call refused at the window's lunch may have finished one. */
	if (rc == OKNO_OK || (rc == OKNO_ESTATE && w != 0))
		cmd_after_change(env);
	if (rc != OKNO_OK)
		return cmd_err(&e);
	printf("%s\n", t.number);
	return 0;
}

/*
 * ticket finish WINDOW [--outcome CODE]... [--resolved|--unresolved]
 * [--account A]: the visit's outcome (visit.h).
 */
static int
ticket_finish(struct cmd_env *env, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "outcome", required_argument, NULL, 'o' },
		{ "resolved", no_argument, NULL, 'R' },
		{ "unresolved", no_argument, NULL, 'U' },
		{ "account", required_argument, NULL, 'A' },
		{ NULL, 0, NULL, 0 }
	};
	struct visit_close vc;
	const char **codes;
	struct ticket t;
	struct err e;
	int ch, w, rc;

	memset(&vc, 0, sizeof vc);
	vc.resolved = -1;
	codes = xcalloc((size_t)argc, sizeof *codes);
	while ((ch = cmd_getopt(argc, argv, "", longopts)) != -1) {
		switch (ch) {
		case 'o':
			codes[vc.noutcomes++] = optarg;
			break;
		case 'R':
		case 'U':
			if (vc.resolved >= 0 && vc.resolved != (ch == 'R')) {
				free(codes);
				return cmd_error(OKNO_EUSAGE, "%s",
				    _("--resolved and --unresolved exclude "
				    "each other"));
			}
			vc.resolved = ch == 'R';
			break;
		case 'A':
			vc.account = optarg;
			break;
		default:
			free(codes);
			return cmd_usage("ticket");
		}
	}
	if (argc - optind != 1) {
		free(codes);
		return cmd_usage("ticket");
	}
	if ((rc = arg_window(env, argv[optind], &w)) != 0) {
		free(codes);
		return rc;
	}
	vc.outcomes = codes;
	err_clear(&e);
	rc = queue_finish_visit(&env->ctx, w, &vc, &t, &e);
	free(codes);
	if (rc == OKNO_OK)
		cmd_after_change(env);
	if (rc != OKNO_OK)
		return cmd_err(&e);
	printf("%s\n", t.number);
	return 0;
}

int
cmd_ticket(struct cmd_env *env, int argc, char **argv)
{
	struct ticket t;
	struct err e;
	const char *verb;
	long minutes;
	int w, rc;

	if (argc < 2)
		return cmd_usage("ticket");
	verb = argv[1];
	if (strcmp(verb, "issue") == 0)
		for (int i = 2; i < argc; i++)
			if (strncmp(argv[i], "--booking", 9) == 0)
				return ticket_issue_booking(env, argc - 1,
				    argv + 1);
	if (strcmp(verb, "issue") == 0 || strcmp(verb, "estimate") == 0)
		return ticket_issue(env, argc - 1, argv + 1,
		    strcmp(verb, "estimate") == 0);
	if (argc < 3)
		return cmd_usage("ticket");
	if (strcmp(verb, "cancel") == 0 || strcmp(verb, "priority") == 0 ||
	    (strcmp(verb, "call") == 0 && argc > 3))
		return ticket_supervise(env, argc - 1, argv + 1);
	if (strcmp(verb, "reprint") == 0 && argc == 3)
		return ticket_reprint(env, argv[2]);
	if (strcmp(verb, "finish") == 0)
		return ticket_finish(env, argc - 1, argv + 1);
	if ((rc = arg_window(env, argv[2], &w)) != 0)
		return rc;
	err_clear(&e);
	if (strcmp(verb, "call") == 0 && argc == 3)
		rc = queue_call(&env->ctx, w, &t, &e);
	else if (strcmp(verb, "recall") == 0 && argc == 3)
		rc = queue_recall(&env->ctx, w, &t, &e);
	else if (strcmp(verb, "noshow") == 0 && argc == 3)
		rc = queue_noshow(&env->ctx, w, &t, &e);
	else if (strcmp(verb, "undo") == 0 && argc == 3)
		rc = queue_undo(&env->ctx, w, &t, &e);
	else if (strcmp(verb, "transfer") == 0 && argc == 4)
		rc = queue_transfer(&env->ctx, w, argv[3], &t, &e);
	else if (strcmp(verb, "postpone") == 0 && argc == 4) {
		if (cmd_number(argv[3], 1, 100000, &minutes) != 0)
			return cmd_error(OKNO_EUSAGE, _("not a number of "
			    "minutes: %s"), argv[3]);
		rc = queue_postpone(&env->ctx, w, (int)minutes, &t, &e);
	} else
		return cmd_usage("ticket");
	/* "call" with nothing waiting may still have finished a ticket,
	 * and so may one refused because the window's lunch began. */
	if (rc == OKNO_OK || ((rc == OKNO_NONE || rc == OKNO_ESTATE) &&
	    strcmp(verb, "call") == 0))
		cmd_after_change(env);
	if (rc != OKNO_OK)
		return cmd_err(&e);
	printf("%s\n", t.number);
	return 0;
}

/* Parses "--csv" as the only option. */
static int
opt_csv(int argc, char **argv, int *csv)
{
	*csv = 0;
	if (argc == 2 && strcmp(argv[1], "--csv") == 0)
		*csv = 1;
	else if (argc != 1)
		return -1;
	return 0;
}

int
cmd_queue(struct cmd_env *env, int argc, char **argv)
{
	struct queue_stat *qs;
	struct csv out;
	struct err e;
	int csv;

	if (opt_csv(argc, argv, &csv) != 0)
		return cmd_usage("queue");
	qs = xcalloc(env->cfg->nservices, sizeof *qs);
	err_clear(&e);
	if (queue_stats(&env->ctx, qs, &e) != OKNO_OK) {
		free(qs);
		return cmd_err(&e);
	}
	csv_begin(&out, stdout, 0);
	if (csv)
		csv_header(&out, "service,prefix,waiting,longest_wait_s");
	else
		table_head(stdout, _("%-10s %-6s %7s %9s  %s\n"),
		    _("SERVICE"), _("PREFIX"), _("WAITING"), _("LONGEST"),
		    _("NAME"));
	for (size_t i = 0; i < env->cfg->nservices; i++) {
		const struct config_service *s = &env->cfg->services[i];

		if (csv) {
			csv_text(&out, s->code);
			csv_text(&out, s->prefix);
			csv_int(&out, qs[i].waiting);
			csv_int(&out, qs[i].longest_wait_s);
			csv_end(&out);
		} else
			printf("%-10s %-6s %7d %6ld:%02ld  %s\n", s->code,
			    s->prefix, qs[i].waiting, qs[i].longest_wait_s / 60,
			    qs[i].longest_wait_s % 60, s->name);
	}
	free(qs);
	return 0;
}

int
cmd_windows(struct cmd_env *env, int argc, char **argv)
{
	struct window_info *wi;
	struct csv out;
	struct err e;
	int csv;

	if (opt_csv(argc, argv, &csv) != 0)
		return cmd_usage("windows");
	wi = xcalloc(env->cfg->nwindows, sizeof *wi);
	err_clear(&e);
	if (queue_windows(&env->ctx, wi, &e) != OKNO_OK) {
		free(wi);
		return cmd_err(&e);
	}
	csv_begin(&out, stdout, 0);
	if (csv)
		csv_header(&out, "window,state,ticket,manager");
	else
		table_head(stdout, "%-6s %-12s %-7s %s\n", _("WINDOW"),
		    _("STATE"), _("TICKET"), _("MANAGER"));
	for (size_t i = 0; i < env->cfg->nwindows; i++) {
		const char *num = wi[i].state == WINDOW_SERVING ?
		    wi[i].ticket.number : "";

		if (csv) {
			csv_int(&out, wi[i].number);
			csv_text(&out, window_state_name(wi[i].state));
			csv_text(&out, num);
			csv_text(&out, wi[i].manager);
			csv_end(&out);
		} else {
			char st[64];

			printf("%-6d %s %-7s %s%s%s\n", wi[i].number,
			    utf8_pad(st, sizeof st,
			    window_state_label(wi[i].state), -12), num,
			    wi[i].manager, wi[i].reason[0] ? "  " : "",
			    wi[i].reason);
		}
	}
	free(wi);
	return 0;
}

int
cmd_window(struct cmd_env *env, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "manager", required_argument, NULL, 'm' },
		{ "reason", required_argument, NULL, 'r' },
		{ "note", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 }
	};
	const char *manager = NULL, *reason = NULL, *note = NULL, *verb;
	struct err e;
	int ch, w, rc;

	if (argc < 2)
		return cmd_usage("window");
	verb = argv[1];
	argc--;
	argv++;
	while ((ch = cmd_getopt(argc, argv, "m:r:", longopts)) != -1) {
		if (ch == 'm')
			manager = optarg;
		else if (ch == 'r')
			reason = optarg;
		else if (ch == 'n')
			note = optarg;
		else
			return cmd_usage("window");
	}
	if (argc - optind != 1)
		return cmd_usage("window");
	if ((rc = arg_window(env, argv[optind], &w)) != 0)
		return rc;
	err_clear(&e);
	if (note != NULL && strcmp(verb, "pause") != 0)
		return cmd_usage("window");
	if (strcmp(verb, "open") == 0 && reason == NULL)
		rc = queue_window_open(&env->ctx, w, manager, &e);
	else if (strcmp(verb, "close") == 0 && !manager && !reason)
		rc = queue_window_close(&env->ctx, w, &e);
	else if (strcmp(verb, "pause") == 0 && manager == NULL) {
		if (reason == NULL)
			return cmd_error(OKNO_EUSAGE, _("a pause needs "
			    "--reason"));
		rc = queue_window_pause_note(&env->ctx, w, reason, note, &e);
	} else if (strcmp(verb, "resume") == 0 && !manager && !reason)
		rc = queue_window_resume(&env->ctx, w, &e);
	else
		return cmd_usage("window");
	if (rc != OKNO_OK)
		return cmd_err(&e);
	cmd_after_change(env);
	return 0;
}

int
cmd_day(struct cmd_env *env, int argc, char **argv)
{
	struct err e;
	int n;

	if (argc != 2 || strcmp(argv[1], "close") != 0)
		return cmd_usage("day");
	err_clear(&e);
	if (queue_close_day(&env->ctx, &n, &e) != OKNO_OK)
		return cmd_err(&e);
	printf(_("%d waiting tickets cancelled\n"), n);
	cmd_after_change(env);
	return 0;
}
