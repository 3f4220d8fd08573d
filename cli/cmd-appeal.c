/* cmd-appeal.c: the appeals register's commands: appeal add, list, show,
 * update, reopen, extend; and purge (152-FZ). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "appeal.h"
#include "cmd.h"
#include "csv.h"
#include "export.h"
#include "office.h"
#include "visit.h"

/* Longest text read from stdin with --text -: the field's limit is in
 * characters, so allow four bytes each, and a little for the newline. */
#define TEXT_STDIN_MAX	(APPEAL_TEXT_MAX * 4 + 2)

/*
 * Reads the appeal text from stdin (--text -).  A NUL byte inside would
 * cut the text short silently, so it is refused like any other control
 * character; one trailing newline (what echo and editors add) is dropped.
 */
static int
read_stdin_text(char **out)
{
	char *buf = xmalloc(TEXT_STDIN_MAX + 1);
	size_t n = fread(buf, 1, TEXT_STDIN_MAX + 1, stdin);

	if (ferror(stdin)) {
		free(buf);
		return cmd_error(OKNO_EIO, _("cannot read the text from "
		    "standard input"));
	}
	if (n > TEXT_STDIN_MAX) {
		free(buf);
		return cmd_error(OKNO_EINVAL, _("text: longer than %d "
		    "characters"), APPEAL_TEXT_MAX);
	}
	if (memchr(buf, '\0', n) != NULL) {
		free(buf);
		return cmd_error(OKNO_EINVAL, _("text: control characters are "
		    "not allowed"));
	}
	buf[n] = '\0';
	if (n > 0 && buf[n - 1] == '\n')
		buf[--n] = '\0';
	*out = buf;
	return 0;
}

/*
 * Prints the acknowledgment slip (office.c; the client's phone is masked
 * by the driver).  Whatever happens at the printer, the appeal is
 * registered: a printer that cannot print is a warning (and a device
 * event, recorded by office.c), and the command still succeeds (SPEC).
 */
static void
print_slip(struct cmd_env *env, const struct appeal *a)
{
	struct printer_result r;
	struct err e;

	if (env->cfg->printer.driver == NULL) {
		cmd_warn(_("no printer configured: no slip printed"));
		return;
	}
	err_clear(&e);
	if (office_print_slip(&env->ctx, a, &r, &e) == OKNO_OK &&
	    r.printed && r.status == PRINTER_READY)
		return;
	cmd_warn(_("slip for %s: %s"), a->reg_no, r.message[0] ? r.message :
	    e.msg);
}

static int
appeal_add_cmd(struct cmd_env *env, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "kind", required_argument, NULL, 'k' },
		{ "channel", required_argument, NULL, 'c' },
		{ "client-type", required_argument, NULL, 'T' },
		{ "name", required_argument, NULL, 'n' },
		{ "account", required_argument, NULL, 'a' },
		{ "phone", required_argument, NULL, 'p' },
		{ "phone-consent", no_argument, NULL, 'P' },
		{ "address", required_argument, NULL, 'x' },
		{ "topic", required_argument, NULL, 't' },
		{ "text", required_argument, NULL, 's' },
		{ "ticket", required_argument, NULL, 'i' },
		{ "first-contact", no_argument, NULL, 'f' },
		{ "unit", required_argument, NULL, 'u' },
		{ "manager", required_argument, NULL, 'm' },
		{ "print", no_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 }
	};
	struct appeal_new n;
	struct appeal a;
	struct err e;
	char *stdin_text = NULL;
	int ch, print = 0, rc;

	memset(&n, 0, sizeof n);
	while ((ch = cmd_getopt(argc, argv, "", longopts)) != -1) {
		switch (ch) {
		case 'k': n.kind = optarg; break;
		case 'c': n.channel = optarg; break;
		case 'T': n.client_type = optarg; break;
		case 'n': n.name = optarg; break;
		case 'a': n.account = optarg; break;
		case 'p': n.phone = optarg; break;
		case 'P': n.phone_consent = 1; break;
		case 'x': n.address = optarg; break;
		case 't': n.topic = optarg; break;
		case 's': n.text = optarg; break;
		case 'i': n.ticket = optarg; break;
		case 'f': n.first_contact = 1; break;
		case 'u': n.unit = optarg; break;
		case 'm': n.manager = optarg; break;
		case 'r': print = 1; break;
		default:
			free(stdin_text);
			return cmd_usage("appeal");
		}
	}
	if (optind != argc)
		return cmd_usage("appeal");
	if (n.kind == NULL || n.channel == NULL || n.client_type == NULL ||
	    n.name == NULL || n.topic == NULL)
		return cmd_error(OKNO_EUSAGE, _("appeal add needs --kind, "
		    "--channel, --client-type, --name and --topic"));
	if (n.first_contact && n.unit != NULL)
		return cmd_error(OKNO_EUSAGE, _("--first-contact and --unit "
		    "exclude each other"));
	if (n.text != NULL && strcmp(n.text, "-") == 0) {
		if ((rc = read_stdin_text(&stdin_text)) != 0)
			return rc;
		n.text = stdin_text;
	}
	err_clear(&e);
	rc = appeal_add(&env->ctx, &n, &a, NULL, &e);
	free(stdin_text);
	if (rc != OKNO_OK)
		return cmd_err(&e);
	printf("%s\n", a.reg_no);
	fflush(stdout);
	if (a.due_warning[0] != '\0')
		cmd_warn("%s: %s", a.reg_no, a.due_warning);
	if (print)
		print_slip(env, &a);
	appeal_clear(&a);
	return 0;
}

static int
parse_sort(const char *s, enum appeal_sort *out)
{
	static const struct {
		const char	*name;
		enum appeal_sort sort;
	} sorts[] = {
		{ "reg", APPEAL_SORT_REG }, { "due", APPEAL_SORT_DUE },
		{ "status", APPEAL_SORT_STATUS }, { "kind", APPEAL_SORT_KIND },
		{ "client", APPEAL_SORT_CLIENT },
	};

	for (size_t i = 0; i < nitems(sorts); i++)
		if (strcmp(s, sorts[i].name) == 0) {
			*out = sorts[i].sort;
			return 0;
		}
	return -1;
}

/* --status takes one status or a comma-separated list. */
static int
parse_statuses(const char *s, unsigned *mask)
{
	char *copy = xstrdup(s), *p, *tok, *save = NULL;
	enum appeal_status st;
	int rc = 0;

	for (p = copy; (tok = strtok_r(p, ",", &save)) != NULL; p = NULL) {
		if (appeal_status_parse(tok, &st) != 0) {
			rc = -1;
			break;
		}
		*mask |= 1u << st;
	}
	free(copy);
	return rc;
}

static void
list_human(const struct appeal *v, size_t n)
{
	char when[32], phone[48], late[24];

	text_put_cell(stdout, _("REG_NO"), 20);
	text_put_cell(stdout, _("REGISTERED"), 17);
	text_put_cell(stdout, _("KIND"), 11);
	text_put_cell(stdout, _("STATUS"), 11);
	text_put_cell(stdout, _("DUE"), 11);
	text_put_cell(stdout, _("LATE"), 5);
	text_put_cell(stdout, _("CLIENT"), 25);
	text_put_cell(stdout, _("PHONE"), 18);
	printf("%s\n", _("TOPIC"));
	for (size_t i = 0; i < n; i++) {
		const struct appeal *a = &v[i];

		time_format_iso(a->registered_at, when, sizeof when);
		when[16] = '\0';		/* 2026-12-30T10:00 */
		when[10] = ' ';
		text_mask_phone(a->phone, phone, sizeof phone);
		if (a->overdue)
			snprintf(late, sizeof late, "%ld", -a->days_left);
		else
			late[0] = '\0';
		text_put_cell(stdout, a->reg_no, 20);
		text_put_cell(stdout, when, 17);
		text_put_cell(stdout, a->kind, 11);
		text_put_cell(stdout, appeal_status_name(a->status), 11);
		text_put_cell(stdout, a->due_date, 11);
		text_put_cell(stdout, late, 5);
		text_put_cell(stdout, a->purged_at ? "-" : a->client_name, 25);
		text_put_cell(stdout, phone, 18);
		printf("%s\n", a->topic);
	}
}

static int
appeal_list_cmd(struct cmd_env *env, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "csv", no_argument, NULL, 'C' },
		{ "overdue", no_argument, NULL, 'o' },
		{ "status", required_argument, NULL, 's' },
		{ "kind", required_argument, NULL, 'k' },
		{ "due-within", required_argument, NULL, 'd' },
		{ "client", required_argument, NULL, 'c' },
		{ "search", required_argument, NULL, 'q' },
		{ "sort", required_argument, NULL, 'S' },
		{ "reverse", no_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 }
	};
	struct appeal_filter f;
	struct appeal *v;
	struct csv out;
	struct err e;
	char when[32];
	size_t n;
	long days;
	int ch, csv = 0;

	memset(&f, 0, sizeof f);
	f.due_within = -1;
	while ((ch = cmd_getopt(argc, argv, "", longopts)) != -1) {
		switch (ch) {
		case 'C': csv = 1; break;
		case 'o': f.overdue = 1; break;
		case 'k': f.kind = optarg; break;
		case 'c': f.client = optarg; break;
		case 'q': f.search = optarg; break;
		case 'r': f.descending = 1; break;
		case 's':
			if (parse_statuses(optarg, &f.statuses) != 0)
				return cmd_error(OKNO_EUSAGE, _("--status: use "
				    "registered, forwarded, answered or "
				    "closed"));
			break;
		case 'd':
			if (cmd_number(optarg, 0, 3660, &days) != 0)
				return cmd_error(OKNO_EUSAGE, _("--due-within: "
				    "not a number of days: %s"), optarg);
			f.due_within = (int)days;
			break;
		case 'S':
			if (parse_sort(optarg, &f.sort) != 0)
				return cmd_error(OKNO_EUSAGE, _("--sort: use "
				    "reg, due, status, kind or client"));
			break;
		default:
			return cmd_usage("appeal");
		}
	}
	if (optind != argc)
		return cmd_usage("appeal");
	err_clear(&e);
	if (appeal_list(&env->ctx, &f, &v, &n, &e) != OKNO_OK)
		return cmd_err(&e);
	if (!csv)
		list_human(v, n);
	else {
		csv_begin(&out, stdout, 0);
		csv_header(&out, "reg_no,registered_at,kind,status,due_date,"
		    "overdue,client_type,topic");
		for (size_t i = 0; i < n; i++) {
			time_format_iso(v[i].registered_at, when, sizeof when);
			csv_text(&out, v[i].reg_no);
			csv_text(&out, when);
			csv_text(&out, v[i].kind);
			csv_text(&out, appeal_status_name(v[i].status));
			csv_text(&out, v[i].due_date);
			csv_int(&out, v[i].overdue);
			csv_text(&out, v[i].client_type);
			csv_text(&out, v[i].topic);
			csv_end(&out);
		}
	}
	appeal_list_free(v, n);
	return 0;
}

/* "label: value", continuation lines of a multi-line value indented. */
static void
show_field(const char *label, const char *value)
{
	const char *p;

	if (value == NULL || *value == '\0')
		return;
	text_put_cell(stdout, label, 18);
	for (p = value; *p != '\0'; p++) {
		putchar(*p);
		if (*p == '\n' && p[1] != '\0')
			printf("%18s", "");
	}
	putchar('\n');
}

static void
show_time(const char *label, time_t t)
{
	char buf[32];

	if (t == 0)
		return;
	time_format_iso(t, buf, sizeof buf);
	show_field(label, buf);
}

static int
appeal_show_cmd(struct cmd_env *env, int argc, char **argv)
{
	struct appeal a;
	struct appeal_event *ev;
	struct err e;
	char buf[512], when[32];
	size_t n;

	if (argc != 2)
		return cmd_usage("appeal");
	err_clear(&e);
	if (appeal_get(&env->ctx, argv[1], &a, &e) != OKNO_OK)
		return cmd_err(&e);
	if (appeal_history(&env->ctx, a.id, &ev, &n, &e) != OKNO_OK) {
		appeal_clear(&a);
		return cmd_err(&e);
	}
	show_field(_("Appeal:"), a.reg_no);
	show_time(_("Registered:"), a.registered_at);
	show_field(_("Channel:"), appeal_channel_label(a.channel));
	show_field(_("Kind:"), a.kind);
	show_field(_("Client type:"), appeal_client_type_label(a.client_type));
	show_field(_("Name:"), a.client_name);
	show_field(_("Account:"), a.account);
	if (a.phone[0] != '\0') {
		snprintf(buf, sizeof buf, "%s (%s)", a.phone, a.phone_consent ?
		    _("calls agreed") : _("no consent to calls"));
		show_field(_("Phone:"), buf);
	}
	show_field(_("Address:"), a.address);
	show_field(_("Topic:"), a.topic);
	show_field(_("Text:"), a.text);
	show_field(_("Ticket:"), a.ticket);
	show_field(_("Manager:"), a.manager);
	if (a.first_contact)
		show_field(_("Resolved:"), _("at the first contact"));
	show_field(_("Unit:"), a.unit);
	show_field(_("Status:"), appeal_status_label(a.status));
	snprintf(buf, sizeof buf, "%s%s", a.due_date, a.overdue ?
	    _(" (overdue)") : "");
	show_field(_("Due:"), buf);
	if (a.extended_at != 0) {
		snprintf(buf, sizeof buf, _("from %s: %s"), a.due_date_orig,
		    a.extension_reason);
		show_field(_("Extended:"), buf);
	}
	show_field(_("Warning:"), a.due_warning);
	show_field(_("Answer:"), a.answer);
	show_time(_("Answered:"), a.answered_at);
	show_time(_("Closed:"), a.closed_at);
	show_time(_("Data destroyed:"), a.purged_at);
	printf("%s\n", _("History:"));
	for (size_t i = 0; i < n; i++) {
		time_format_iso(ev[i].at, when, sizeof when);
		printf("  %s  %-10s %s%s%s  %s%s%s\n", when, ev[i].event,
		    ev[i].old_status, ev[i].old_status[0] ? " -> " : "",
		    ev[i].status, ev[i].manager[0] ? ev[i].manager :
		    _("system"), ev[i].note[0] ? ": " : "", ev[i].note);
	}
	appeal_events_free(ev, n);
	appeal_clear(&a);
	return 0;
}

static int
appeal_update_cmd(struct cmd_env *env, int argc, char **argv, int reopen)
{
	static const struct option longopts[] = {
		{ "status", required_argument, NULL, 's' },
		{ "note", required_argument, NULL, 'n' },
		{ "reason", required_argument, NULL, 'n' },
		{ "unit", required_argument, NULL, 'u' },
		{ "answer", required_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 }
	};
	struct appeal_change chg;
	struct err e;
	const char *status = NULL;
	int ch;

	memset(&chg, 0, sizeof chg);
	while ((ch = cmd_getopt(argc, argv, "", longopts)) != -1) {
		switch (ch) {
		case 's': status = optarg; break;
		case 'n': chg.note = optarg; break;
		case 'u': chg.unit = optarg; break;
		case 'a': chg.answer = optarg; break;
		default:
			return cmd_usage("appeal");
		}
	}
	if (argc - optind != 1)
		return cmd_usage("appeal");
	if (reopen) {
		if (status == NULL)
			status = chg.unit != NULL ? "forwarded" : "registered";
		if (chg.note == NULL)
			return cmd_error(OKNO_EUSAGE, _("appeal reopen needs "
			    "--reason"));
	}
	if (status == NULL)
		return cmd_error(OKNO_EUSAGE, _("appeal update needs "
		    "--status"));
	if (appeal_status_parse(status, &chg.status) != 0)
		return cmd_error(OKNO_EUSAGE, _("--status: use registered, "
		    "forwarded, answered or closed"));
	err_clear(&e);
	if (appeal_update(&env->ctx, argv[optind], &chg, NULL, &e) != OKNO_OK)
		return cmd_err(&e);
	return 0;
}

/* okno appeal update and okno appeal reopen: one parser, two verbs. */
static int
appeal_change_cmd(struct cmd_env *env, int argc, char **argv)
{
	return appeal_update_cmd(env, argc, argv, 0);
}

static int
appeal_reopen_cmd(struct cmd_env *env, int argc, char **argv)
{
	return appeal_update_cmd(env, argc, argv, 1);
}

static int
appeal_extend_cmd(struct cmd_env *env, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "reason", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 }
	};
	const char *reason = NULL;
	struct appeal a;
	struct err e;
	int ch;

	while ((ch = cmd_getopt(argc, argv, "", longopts)) != -1) {
		if (ch != 'r')
			return cmd_usage("appeal");
		reason = optarg;
	}
	if (argc - optind != 1)
		return cmd_usage("appeal");
	if (reason == NULL)
		return cmd_error(OKNO_EUSAGE, _("appeal extend needs "
		    "--reason"));
	err_clear(&e);
	if (appeal_extend(&env->ctx, argv[optind], reason, &a, &e) != OKNO_OK)
		return cmd_err(&e);
	printf("%s\n", a.due_date);
	fflush(stdout);
	if (a.due_warning[0] != '\0')
		cmd_warn("%s: %s", a.reg_no, a.due_warning);
	appeal_clear(&a);
	return 0;
}

int
cmd_appeal(struct cmd_env *env, int argc, char **argv)
{
	static const struct cmd_verb verbs[] = {
		{ "add", appeal_add_cmd },
		{ "list", appeal_list_cmd },
		{ "show", appeal_show_cmd },
		{ "update", appeal_change_cmd },
		{ "reopen", appeal_reopen_cmd },
		{ "extend", appeal_extend_cmd },
		{ NULL, NULL }
	};

	return cmd_verb("appeal", verbs, env, argc, argv);
}

int
cmd_purge(struct cmd_env *env, int argc, char **argv)
{
	struct export_prune_result pr;
	struct appeal_purged p;
	struct err e, ep;
	char *dir;
	int n, rc, rp;

	(void)argv;
	if (argc != 1)
		return cmd_usage("purge");
	err_clear(&e);
	err_clear(&ep);
	/* Appeals, visits' accounts and bookings' clients in one
	 * transaction, then the journal emptied (appeal-purge.c).
	 * Anonymised even when the journal could not be emptied yet (rc):
	 * say how many, then why it is not finished.  Visits and bookings
	 * are said when there were some. */
	rc = appeal_purge_all(&env->ctx, &p, &e);
	if (rc != OKNO_OK && rc != OKNO_EDB)
		return cmd_err(&e);
	if ((n = p.n[PD_VISITS]) > 0)
		printf(ngettext("%d visit's account destroyed\n",
		    "%d visits' accounts destroyed\n", (unsigned long)n), n);
	if ((n = p.n[PD_BOOKINGS]) > 0)
		printf(ngettext("%d booking's client data destroyed\n",
		    "%d bookings' client data destroyed\n", (unsigned long)n),
		    n);
	n = p.n[PD_APPEALS];
	printf(ngettext("%d appeal anonymised\n", "%d appeals anonymised\n",
	    (unsigned long)n), n);
	/* The local copies of delivered batches (export-prune.c). */
	dir = config_export_dir(env->ctx.cfg, db_path(env->ctx.db));
	rp = export_prune(&env->ctx, dir, &pr, &ep);
	if (pr.batches > 0)
		printf(ngettext("%d export batch removed from %s: %s\n",
		    "%d export batches removed from %s: %s\n",
		    (unsigned long)pr.batches), pr.batches, dir, pr.names);
	export_prune_free(&pr);
	free(dir);
	if (rc != OKNO_OK)
		return cmd_err(&e);
	if (rp != OKNO_OK)
		return cmd_err(&ep);
	return 0;
}
