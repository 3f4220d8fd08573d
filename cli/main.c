/* main.c: okno's entry point: global options, set-up, command dispatch. */
#include <getopt.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmd.h"
#include "export.h"
#include "office.h"
#include "ui.h"

static const struct cmd_entry cmd_table[] = {
	{ "init", "", CMD_CONFIG | CMD_CREATE, cmd_init },
	{ "check-config", "", 0, cmd_check_config },
	{ "ticket", N_("issue SERVICE [--priority] [--category CODE] [--force] "
	    "[--account A] | issue --booking CODE | "
	    "call|recall|noshow|undo WINDOW | "
	    "finish WINDOW [--outcome CODE]... [--resolved|--unresolved] "
	    "[--account A] | transfer WINDOW SERVICE | "
	    "postpone WINDOW MINUTES | estimate SERVICE [--priority] | "
	    "reprint NUMBER | call WINDOW --number NUMBER [--by LOGIN] | "
	    "cancel NUMBER [--reason TEXT] [--by LOGIN] | "
	    "priority NUMBER --on|--off [--category CODE] --reason TEXT "
	    "[--by LOGIN]"), CMD_DB,
	    cmd_ticket },
	{ "queue", "[--csv]", CMD_DB, cmd_queue },
	{ "windows", "[--csv]", CMD_DB, cmd_windows },
	{ "window", N_("open WINDOW [--manager LOGIN] | close WINDOW | "
	    "pause WINDOW --reason CODE [--note TEXT] | resume WINDOW"),
	    CMD_DB, cmd_window },
	{ "day", "close", CMD_DB, cmd_day },
	{ "device", N_("status | test printer|board|sound"), CMD_DB,
	    cmd_device },
	{ "announce", N_("NUMBER WINDOW"), CMD_DB, cmd_announce },
	{ "export", N_("--out DIR | --ack BATCH | --restored"), CMD_DB,
	    cmd_export },
	{ "keygen", N_("[--public] (the key that signs export batches)"),
	    CMD_CONFIG, cmd_keygen },
	{ "import", N_("--in DIR (head office's bookings batch)"), CMD_DB,
	    cmd_import },
	{ "verify", N_("--keys FILE [--loaded FILE] [--stage DIR] "
	    "BATCH_FOLDER... (head office: okno-load's checks)"), 0,
	    cmd_verify },
	{ "appeal", N_("add --kind K --channel C --client-type T --name N "
	    "[--account A] [--phone P [--phone-consent]] [--address X] "
	    "--topic T [--text S|-] [--ticket NUMBER] [--first-contact | "
	    "--unit UNIT] [--manager LOGIN] [--print] | "
	    "list [--overdue] [--status S[,S]] [--kind K] [--due-within N] "
	    "[--client S] [--search S] [--sort reg|due|status|kind|client] "
	    "[--reverse] [--csv] | show REG | "
	    "update REG --status S [--note S] [--unit UNIT] [--answer S] | "
	    "reopen REG --reason S [--status S] | extend REG --reason S"),
	    CMD_DB, cmd_appeal },
	{ "purge", "", CMD_DB, cmd_purge },
	{ "report", N_("--from DATE --to DATE [--queue] [--appeals] "
	    "[--feedback] [--inspections] [--windows] [--pauses] [--visits] "
	    "[--bookings] [--csv]"),
	    CMD_DB, cmd_report },
	{ "hours", N_("--from DATE --to DATE [--csv]"), CMD_CONFIG,
	    cmd_hours },
	{ "inspection", N_("add --date DATE --kind internal|external|"
	    "mystery_shopper --inspector NAME [--note S] "
	    "[--result CODE=met|not_met|na[:COMMENT]]... | "
	    "list [--from DATE] [--to DATE] [--csv] | show ID | "
	    "catalogue [--csv]"), CMD_DB, cmd_inspection },
	{ "user", N_("add LOGIN --role manager|supervisor|auditor | "
	    "passwd LOGIN | disable LOGIN | enable LOGIN | list [--csv]  "
	    "(password on stdin)"), CMD_DB, cmd_user },
	{ "rate", N_("TICKET CRITERION SCORE | --keypad TICKET"), CMD_DB,
	    cmd_rate },
	{ "booking", N_("add --service S --at YYYY-MM-DDTHH:MM --name N "
	    "[--phone P] [--account A] | list --date DATE [--csv] | "
	    "cancel CODE | slots --service S --date DATE [--csv]"), CMD_DB,
	    cmd_booking },
	{ "demo", N_("[--sound] (the UI on a throw-away database with "
	    "generated history; --sound: calls are said)"), 0, cmd_demo },
};

static void
usage(FILE *f)
{
	fprintf(f, _("usage: okno [-c FILE] [-d FILE] [--window N | --kiosk | "
	    "--hall]\n"
	    "       okno [-c FILE] [-d FILE] COMMAND [ARGS]\n\n"
	    "Commands:\n"));
	for (size_t i = 0; i < nitems(cmd_table); i++)
		fprintf(f, "  %s%s%s\n", cmd_table[i].name,
		    cmd_table[i].usage[0] ? " " : "",
		    cmd_table[i].usage[0] ? _(cmd_table[i].usage) : "");
	fprintf(f, _("\nEnvironment: OKNO_CONFIG, OKNO_DB, OKNO_NOW "
	    "(fixes the clock, ISO 8601).\nSee okno(1).\n"));
}

/* The usage in one "okno:" line, for a mistake at okno's own level. */
static void
short_usage(void)
{
	fprintf(stderr, "%s", _("okno: usage: okno [-c FILE] [-d FILE] "
	    "[--window N | --kiosk | --hall | COMMAND ...]; okno --help lists "
	    "the commands\n"));
}

int
cmd_usage(const char *name)
{
	if (cmd_getopt_said)
		return EXIT_USAGE;	/* one okno: line said it (SPEC) */
	for (size_t i = 0; i < nitems(cmd_table); i++)
		if (strcmp(cmd_table[i].name, name) == 0) {
			/* One "okno:" line, as every error (SPEC). */
			fprintf(stderr, _("okno: usage: okno %s %s\n"), name,
			    cmd_table[i].usage[0] ? _(cmd_table[i].usage) :
			    "");
			return EXIT_USAGE;
		}
	short_usage();
	return EXIT_USAGE;
}

/*
 * The clock: OKNO_NOW when set (tests fix time with it), else the system
 * clock shifted by the configuration's clock_offset.  Read after the
 * configuration so that a time without an offset is branch-local.
 */
static int
env_clock(const struct config *cfg, time_t *now)
{
	const char *s = getenv("OKNO_NOW");

	if (s == NULL || *s == '\0') {
		*now = time(NULL) + (cfg != NULL ? cfg->clock_offset : 0);
		return 0;
	}
	if (time_parse_iso(s, now) != 0)
		return cmd_error(OKNO_EUSAGE, _("OKNO_NOW: not an ISO 8601 "
		    "time: %s"), s);
	return 0;
}

/*
 * A database restored from a backup gets a new export epoch before
 * anything writes to it (export.h).  Only said, never fatal here: a
 * read-only command still works on a full disk, and the export checks
 * again and stops when it cannot.
 */
static void
env_restored(struct cmd_env *env)
{
	struct err e;
	char epoch[EXPORT_EPOCH_MAX];

	if (export_check_restored(&env->ctx, epoch, &e) != OKNO_OK)
		cmd_warn("%s", e.msg);
	else if (epoch[0] != '\0')
		cmd_warn(_("the database is behind its last export (restored "
		    "from a backup?): new export epoch %s, so that head "
		    "office keeps what it has"), epoch);
}

/* Loads what a command needs; returns 0 or an exit status. */
static int
env_setup(struct cmd_env *env, int flags)
{
	struct err e;
	const char *path;
	int rc;

	err_clear(&e);
	if (flags & (CMD_CONFIG | CMD_DB)) {
		if (config_load(env->config_path, &env->cfg, &e) != OKNO_OK)
			return cmd_err(&e);
	}
	if ((rc = env_clock(env->cfg, &env->ctx.now)) != 0)
		return rc;
	env->ctx.cfg = env->cfg;
	env->ctx.who = &actor_system;
	if (flags & (CMD_DB | CMD_CREATE)) {
		path = env->db_override ? env->db_override :
		    env->cfg->database;
		if (db_open(path, (flags & CMD_CREATE) != 0, &env->db, &e) !=
		    OKNO_OK) {
			rc = cmd_err(&e);
			/* No database file at all: EX_NOINPUT. */
			return e.code == OKNO_ENOENT ? EXIT_NOINPUT : rc;
		}
		env->ctx.db = env->db;
		/* Reading still works on a full disk; say why writing will
		 * not. */
		if (db_readonly(env->db) != NULL)
			cmd_warn(_("database %s: %s: read only"), path,
			    db_readonly(env->db));
		env_restored(env);
	}
	return 0;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "database", required_argument, NULL, 'd' },
		{ "window", required_argument, NULL, 'w' },
		{ "kiosk", no_argument, NULL, 'k' },
		{ "hall", no_argument, NULL, 'H' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct cmd_env env;
	const char *config = NULL, *localedir;
	const struct cmd_entry *ce = NULL;
	long window;
	int ch, rc;

	setlocale(LC_ALL, "");
	/*
	 * Numbers are data: CSV and reports write 12.5 in every locale
	 * (ru_RU's 12,5 would split a CSV cell and mix with the figures
	 * okno formats itself).
	 */
	setlocale(LC_NUMERIC, "C");
	/*
	 * Past a file size limit (ulimit -f) the kernel sends SIGXFSZ,
	 * which kills the process in mid-write; ignored, the write fails
	 * with EFBIG and the command cleans up and says so (an export
	 * leaves no half batch, SQLite rolls back).
	 */
	signal(SIGXFSZ, SIG_IGN);
	/* OKNO_LOCALEDIR lets `make demo` run translated from the build
	 * tree; it only chooses message catalogues. */
	localedir = getenv("OKNO_LOCALEDIR");
	bindtextdomain("okno", localedir && *localedir ? localedir :
	    LOCALEDIR);
	textdomain("okno");

	memset(&env, 0, sizeof env);
	env.db_override = getenv("OKNO_DB");
	if (env.db_override != NULL && *env.db_override == '\0')
		env.db_override = NULL;
	/* getopt's complaints name argv[0]: "okno: ...", not a path. */
	argv[0] = (char *)"okno";
	/* "+": options stop at the command; the rest is the command's. */
	while ((ch = getopt_long(argc, argv, "+c:d:hV", longopts, NULL)) !=
	    -1) {
		switch (ch) {
		case 'c':
			config = optarg;
			break;
		case 'd':
			env.db_override = optarg;
			break;
		case 'w':
			if (cmd_number(optarg, 1, 9999, &window) != 0)
				return cmd_error(OKNO_EUSAGE, _("not a window "
				    "number: %s"), optarg);
			env.ui_window = (int)window;
			/* FALLTHROUGH */
		case 'k':
		case 'H':
			if (env.ui_mode != UI_MODE_LOGIN)
				return cmd_error(OKNO_EUSAGE, _("--window, "
				    "--kiosk and --hall exclude each other"));
			env.ui_mode = ch == 'w' ? UI_MODE_WINDOW : ch == 'k' ?
			    UI_MODE_KIOSK : UI_MODE_HALL;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("okno %s\n", OKNO_VERSION);
			return 0;
		default:	/* getopt said what, in one okno: line */
			return EXIT_USAGE;
		}
	}
	argc -= optind;
	argv += optind;
	env.config_path = config_find(config);
	if (argc == 0) {
		/* No command: the terminal UI on the configured office. */
		if ((rc = env_setup(&env, CMD_DB)) == 0)
			rc = cmd_ui(&env, NULL);
		db_close(env.db);
		config_free(env.cfg);
		return rc;
	}
	if (env.ui_mode != UI_MODE_LOGIN && strcmp(argv[0], "demo") != 0)
		return cmd_error(OKNO_EUSAGE, _("--window, --kiosk and --hall "
		    "start the terminal UI; they take no command"));
	/* The announcements' player, started by okno itself (office.h). */
	if (strcmp(argv[0], OFFICE_PLAYER_COMMAND) == 0)
		return office_sound_player(argc, argv);
	for (size_t i = 0; i < nitems(cmd_table); i++)
		if (strcmp(cmd_table[i].name, argv[0]) == 0)
			ce = &cmd_table[i];
	if (ce == NULL) {
		cmd_error(OKNO_EUSAGE, _("unknown command: %s (okno --help lists "
		    "them)"), argv[0]);
		return EXIT_USAGE;
	}
	/* The demo is the terminal UI; the rest print text, CSV aside. */
	if (strcmp(ce->name, "demo") != 0) {
		int csv = 0;

		for (int i = 1; i < argc; i++)
			csv |= strcmp(argv[i], "--csv") == 0;
		out_locale(csv);
	}
	if ((rc = env_setup(&env, ce->flags)) == 0) {
		optind = 0;	/* glibc: restart getopt for the command */
		rc = ce->exec(&env, argc, argv);
	}
	db_close(env.db);
	config_free(env.cfg);
	if (fflush(stdout) != 0 || ferror(stdout))
		return cmd_error(OKNO_EIO, _("cannot write the output"));
	return rc;
}
