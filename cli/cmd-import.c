/* cmd-import.c: okno import --in DIR, head office's bookings for this
 * branch (booking-import.c; okno(1) IMPORT). */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "booking-import.h"
#include "cmd.h"

/*
 * Prints one line for each booking acted on or skipped (for people, in
 * their language: head office's key, the code, the service and the slot;
 * never the client's name or phone), then "applied N", which scripts
 * read (okno-sync).
 */
static void
cmd_import_note(const struct config *cfg, const struct import_note *n)
{
	char when[40];
	const char *svc;

	time_format_local(n->slot_at, "%Y-%m-%d %H:%M", when, sizeof when);
	svc = n->service >= 0 && (size_t)n->service < cfg->nservices ?
	    cfg->services[n->service].code : "?";
	switch (n->what) {
	case IMPORT_NEW:
		printf(_("new booking %s (code %s): %s at %s\n"), n->hq_id,
		    n->code, svc, when);
		break;
	case IMPORT_CHANGED:
		printf(_("changed booking %s (code %s): now %s at %s\n"),
		    n->hq_id, n->code, svc, when);
		break;
	case IMPORT_CANCELLED:
		printf(_("cancelled booking %s (code %s): %s at %s\n"),
		    n->hq_id, n->code, svc, when);
		break;
	case IMPORT_SKIPPED:
		if (strcmp(n->status, "arrived") == 0)
			printf(_("skipped booking %s (code %s): head office's "
			    "change came after the client arrived\n"),
			    n->hq_id, n->code);
		else if (strcmp(n->status, "served") == 0)
			printf(_("skipped booking %s (code %s): head office's "
			    "change came after the client was served\n"),
			    n->hq_id, n->code);
		else if (strcmp(n->status, "missed") == 0)
			printf(_("skipped booking %s (code %s): head office's "
			    "change came after the booking was missed\n"),
			    n->hq_id, n->code);
		else
			printf(_("skipped booking %s (code %s): head office's "
			    "change came after the booking was cancelled "
			    "here\n"), n->hq_id, n->code);
		break;
	}
}

int
cmd_import(struct cmd_env *env, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "in", required_argument, NULL, 'i' },
		{ NULL, 0, NULL, 0 }
	};
	struct import_result r;
	struct err e;
	const char *in = NULL;
	int ch;

	while ((ch = cmd_getopt(argc, argv, "i:", longopts)) != -1) {
		if (ch == 'i')
			in = optarg;
		else
			return cmd_usage("import");
	}
	if (optind != argc || in == NULL)
		return cmd_usage("import");
	err_clear(&e);
	if (booking_import(&env->ctx, in, &r, &e) != OKNO_OK) {
		if (e.code == OKNO_EINVAL)
			return cmd_error(e.code, _("%s; nothing applied"),
			    e.msg);
		return cmd_err(&e);
	}
	for (size_t i = 0; i < r.nnotes; i++)
		cmd_import_note(env->cfg, &r.notes[i]);
	printf("applied %d\n", r.applied);
	booking_import_free(&r);
	return 0;
}
