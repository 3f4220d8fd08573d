/* cmd-booking.c: okno booking add|list|cancel|slots (SPEC, "Bookings";
 * okno(1), BOOKINGS): pre-booked visits made at the branch by phone or
 * at the desk, the day's list, and the slots' free places for staff and
 * scripts.  The check-in is `okno ticket issue --booking CODE`
 * (cmd-queue.c). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "booking.h"
#include "cmd.h"
#include "csv.h"
#include "hours.h"

#define BOOKING_LIST_CSV	"code,service,at,status,name,phone"
#define BOOKING_SLOTS_CSV	"at,capacity,booked,free"

/* "YYYY-MM-DDTHH:MM", branch-local: the form --at takes. */
#define AT_FORMAT	"%Y-%m-%dT%H:%M"

/* --at YYYY-MM-DDTHH:MM, branch-local; -1 when it is not one. */
static int
parse_at(const char *s, time_t *at)
{
	char date[11];
	int y, m, d, hh, mm;

	if (strlen(s) != 16 || s[10] != 'T' || s[13] != ':' ||
	    strspn(s + 11, "0123456789") != 2 ||
	    strspn(s + 14, "0123456789") != 2)
		return -1;
	memcpy(date, s, 10);
	date[10] = '\0';
	hh = atoi(s + 11);
	mm = atoi(s + 14);
	if (date_parse(date, &y, &m, &d) != 0 || hh > 23 || mm > 59)
		return -1;
	*at = hours_at(y, m, d, hh * 60 + mm);
	return 0;
}

/* A configuration without `bookings`: exit 78, naming the file. */
static int
not_configured(struct cmd_env *env)
{
	return cmd_error(OKNO_ECONFIG, _("this office takes no bookings: "
	    "%s has no bookings group (okno.conf(5), BOOKINGS)"),
	    env->cfg->path);
}

static int
service_arg(struct cmd_env *env, const char *code, int *i)
{
	if ((*i = config_service_index(env->cfg, code)) < 0)
		return cmd_error(OKNO_EINVAL, _("no service '%s' in the "
		    "configuration"), code);
	return 0;
}

static int
booking_add_cmd(struct cmd_env *env, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "service", required_argument, NULL, 's' },
		{ "at", required_argument, NULL, 'a' },
		{ "name", required_argument, NULL, 'n' },
		{ "phone", required_argument, NULL, 'p' },
		{ "account", required_argument, NULL, 'A' },
		{ NULL, 0, NULL, 0 }
	};
	struct booking_new bn;
	const char *service = NULL, *at = NULL;
	char code[BOOKING_CODE_LEN + 1];
	struct err e;
	int ch, rc;

	memset(&bn, 0, sizeof bn);
	while ((ch = cmd_getopt(argc, argv, "-", longopts)) != -1)
		switch (ch) {
		case 's':
			service = optarg;
			break;
		case 'a':
			at = optarg;
			break;
		case 'n':
			bn.name = optarg;
			break;
		case 'p':
			bn.phone = optarg;
			break;
		case 'A':
			bn.account = optarg;
			break;
		default:
			return cmd_usage("booking");
		}
	if (optind != argc || service == NULL || at == NULL || bn.name == NULL)
		return cmd_usage("booking");
	if ((rc = service_arg(env, service, &bn.service)) != 0)
		return rc;
	if (parse_at(at, &bn.slot_at) != 0)
		return cmd_error(OKNO_EUSAGE, _("--at: not a time "
		    "(YYYY-MM-DDTHH:MM): %s"), at);
	err_clear(&e);
	if (booking_add(&env->ctx, &bn, code, NULL, &e) != OKNO_OK)
		return cmd_err(&e);
	printf("%s\n", code);
	return 0;
}

static int
date_opt(const char *s, int *y, int *m, int *d)
{
	if (s == NULL)
		return cmd_usage("booking");
	if (date_parse(s, y, m, d) != 0)
		return cmd_error(OKNO_EUSAGE, _("--date: not a date "
		    "(YYYY-MM-DD): %s"), s);
	return 0;
}

static int
booking_list_cmd(struct cmd_env *env, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "date", required_argument, NULL, 'd' },
		{ "csv", no_argument, NULL, 'C' },
		{ NULL, 0, NULL, 0 }
	};
	const char *date = NULL;
	struct booking *b;
	struct csv out;
	struct err e;
	size_t n;
	int ch, csv = 0, y, m, d, rc;
	char at[32], phone[64], padded[96], hhmm[8], svc[64];

	while ((ch = cmd_getopt(argc, argv, "-", longopts)) != -1)
		if (ch == 'd')
			date = optarg;
		else if (ch == 'C')
			csv = 1;
		else
			return cmd_usage("booking");
	if (optind != argc)
		return cmd_usage("booking");
	if ((rc = date_opt(date, &y, &m, &d)) != 0)
		return rc;
	err_clear(&e);
	if (booking_list(&env->ctx, y, m, d, &b, &n, &e) != OKNO_OK)
		return cmd_err(&e);
	if (csv) {
		csv_begin(&out, stdout, 0);
		csv_header(&out, BOOKING_LIST_CSV);
	} else if (n == 0)
		printf(_("No bookings on %s.\n"), date);
	else
		table_head(stdout, "%-5s %-6s %-10s %-10s %-6s %-18s %s\n",
		    _("TIME"), _("CODE"), _("SERVICE"), _("STATUS"),
		    _("TICKET"), _("PHONE"), _("NAME"));
	for (size_t i = 0; i < n; i++) {
		const char *scode = b[i].service >= 0 ?
		    env->cfg->services[b[i].service].code : "?";

		text_mask_phone(b[i].phone, phone, sizeof phone);
		if (csv) {
			time_format_local(b[i].slot_at, AT_FORMAT, at, sizeof at);
			csv_text(&out, b[i].code);
			csv_text(&out, scode);
			csv_text(&out, at);
			csv_text(&out, booking_status_name(b[i].status));
			csv_text(&out, b[i].name);
			csv_text(&out, phone);
			csv_end(&out);
			continue;
		}
		time_format_local(b[i].slot_at, "%H:%M", hhmm, sizeof hhmm);
		printf("%-5s %-6s %s %s %-6s %s %s\n", hhmm, b[i].code,
		    utf8_pad(svc, sizeof svc, scode, -10),
		    utf8_pad(at, sizeof at,
		    booking_status_label(b[i].status), -10),
		    b[i].ticket[0] ? b[i].ticket : "-",
		    utf8_pad(padded, sizeof padded, phone[0] ? phone : "-",
		    -18), b[i].name != NULL ? b[i].name : "-");
	}
	booking_list_free(b, n);
	return 0;
}

static int
booking_cancel_cmd(struct cmd_env *env, int argc, char **argv)
{
	struct err e;

	if (argc != 2)
		return cmd_usage("booking");
	err_clear(&e);
	if (booking_cancel(&env->ctx, argv[1], &e) != OKNO_OK)
		return cmd_err(&e);
	return 0;
}

static int
booking_slots_cmd(struct cmd_env *env, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "service", required_argument, NULL, 's' },
		{ "date", required_argument, NULL, 'd' },
		{ "csv", no_argument, NULL, 'C' },
		{ NULL, 0, NULL, 0 }
	};
	const char *service = NULL, *date = NULL;
	struct booking_slot *s;
	struct csv out;
	struct err e;
	size_t n;
	int ch, csv = 0, svc, y, m, d, rc;
	char at[32];

	while ((ch = cmd_getopt(argc, argv, "-", longopts)) != -1)
		if (ch == 's')
			service = optarg;
		else if (ch == 'd')
			date = optarg;
		else if (ch == 'C')
			csv = 1;
		else
			return cmd_usage("booking");
	if (optind != argc || service == NULL)
		return cmd_usage("booking");
	if ((rc = service_arg(env, service, &svc)) != 0 ||
	    (rc = date_opt(date, &y, &m, &d)) != 0)
		return rc;
	err_clear(&e);
	if (booking_slots(&env->ctx, svc, y, m, d, &s, &n, &e) != OKNO_OK)
		return cmd_err(&e);
	if (csv) {
		csv_begin(&out, stdout, 0);
		csv_header(&out, BOOKING_SLOTS_CSV);
	} else if (n == 0)
		printf(_("The office is closed on %s: no slots.\n"), date);
	else
		table_head(stdout, "%-16s %8s %6s %4s\n", _("SLOT"),
		    _("CAPACITY"), _("BOOKED"), _("FREE"));
	for (size_t i = 0; i < n; i++) {
		int free_ = s[i].capacity > s[i].booked ?
		    s[i].capacity - s[i].booked : 0;

		time_format_local(s[i].at, AT_FORMAT, at, sizeof at);
		if (csv) {
			csv_text(&out, at);
			csv_int(&out, s[i].capacity);
			csv_int(&out, s[i].booked);
			csv_int(&out, free_);
			csv_end(&out);
		} else
			printf("%-16s %8d %6d %4d\n", at, s[i].capacity,
			    s[i].booked, free_);
	}
	free(s);
	return 0;
}

int
cmd_booking(struct cmd_env *env, int argc, char **argv)
{
	static const struct cmd_verb verbs[] = {
		{ "add", booking_add_cmd },
		{ "list", booking_list_cmd },
		{ "cancel", booking_cancel_cmd },
		{ "slots", booking_slots_cmd },
		{ NULL, NULL }
	};

	/* The list and cancel of bookings made before the group was
	 * removed would still work; but an office without bookings that
	 * is asked for one has a configuration to fix, and says so. */
	if (!env->cfg->bookings.set)
		return argc < 2 ? cmd_usage("booking") : not_configured(env);
	return cmd_verb("booking", verbs, env, argc, argv);
}
