/* cmd-device.c: okno device status | test printer|board|sound, and okno
 * announce NUMBER WINDOW. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "devlog.h"
#include "office.h"
#include "transport.h"

static int
device_status(struct cmd_env *env)
{
	struct printer_result r;
	struct err e;
	struct devlog last;
	int bad = 0;

	err_clear(&e);
	if (env->cfg->printer.driver == NULL)
		printf(_("printer: not configured\n"));
	else {
		(void)printer_status(&env->cfg->printer, &r, &e);
		printf(_("printer: %s on %s: %s\n"), env->cfg->printer.driver,
		    env->cfg->printer.port, r.message);
		bad |= !printer_status_prints(r.status);
	}
	err_clear(&e);
	if (env->cfg->board.driver == NULL)
		printf(_("board: not configured\n"));
	else if (board_probe(&env->cfg->board, &e) == OKNO_OK)
		printf(_("board: %s on %s: the port answers\n"),
		    env->cfg->board.driver, env->cfg->board.port);
	else {
		printf(_("board: %s on %s: %s\n"), env->cfg->board.driver,
		    env->cfg->board.port, e.msg);
		bad = 1;
	}
	err_clear(&e);
	if (env->cfg->keypad.driver == NULL)
		printf(_("keypad: not configured\n"));
	else if (transport_probe(&env->cfg->keypad, &e) == OKNO_OK)
		printf(_("keypad: %s on %s: the port answers\n"),
		    env->cfg->keypad.driver, env->cfg->keypad.port);
	else {
		printf(_("keypad: %s on %s: %s\n"), env->cfg->keypad.driver,
		    env->cfg->keypad.port, e.msg);
		bad = 1;
	}
	err_clear(&e);
	if (env->cfg->sound.driver == NULL)
		printf(_("sound: not configured\n"));
	else if (sound_probe(&env->cfg->sound, &e) == OKNO_OK)
		printf(_("sound: %s on %s: the card answers\n"),
		    env->cfg->sound.driver, env->cfg->sound.device);
	else {
		printf(_("sound: %s on %s: %s\n"), env->cfg->sound.driver,
		    env->cfg->sound.device, e.msg);
		bad = 1;
	}
	if (devlog_last(&env->ctx, "printer", 0, 0, &last, &e) == OKNO_OK &&
	    last.event[0] != '\0')
		printf(_("printer's last recorded event: %s\n"), last.event);
	if (devlog_last(&env->ctx, "board", 0, 0, &last, &e) == OKNO_OK &&
	    last.event[0] != '\0')
		printf(_("board's last recorded event: %s\n"), last.event);
	if (devlog_last(&env->ctx, "keypad", 0, 0, &last, &e) == OKNO_OK &&
	    last.event[0] != '\0')
		printf(_("keypad's last recorded event: %s\n"), last.event);
	if (devlog_last(&env->ctx, "sound", 0, 0, &last, &e) == OKNO_OK &&
	    last.event[0] != '\0')
		printf(_("sound's last recorded event: %s\n"), last.event);
	return bad ? 1 : 0;
}

int
cmd_device(struct cmd_env *env, int argc, char **argv)
{
	struct printer_result r;
	struct err e;

	err_clear(&e);
	if (argc == 2 && strcmp(argv[1], "status") == 0)
		return device_status(env);
	if (argc != 3 || strcmp(argv[1], "test") != 0)
		return cmd_usage("device");
	if (strcmp(argv[2], "printer") == 0) {
		if (env->cfg->printer.driver == NULL)
			return cmd_error(OKNO_EIO, _("no printer is "
			    "configured"));
		if (printer_print_test(&env->cfg->printer, &r, &e) != OKNO_OK)
			return cmd_err(&e);
		printf("%s\n", r.message);
		return 0;
	}
	if (strcmp(argv[2], "board") == 0) {
		if (board_test(&env->cfg->board, &e) != OKNO_OK)
			return cmd_err(&e);
		printf(_("board: test pattern sent\n"));
		return 0;
	}
	if (strcmp(argv[2], "sound") == 0) {
		if (env->cfg->sound.driver == NULL)
			return cmd_error(OKNO_EIO, _("no sound is "
			    "configured"));
		if (office_sound_test(&env->ctx, &e) != OKNO_OK)
			return cmd_err(&e);
		printf(_("sound: test phrase played\n"));
		return 0;
	}
	return cmd_usage("device");
}

/*
 * okno announce NUMBER WINDOW: says the call now, after what the player
 * is saying.  A sound fault is a warning and exit 0 (SPEC): a script
 * announcing a call must not fail the call.
 */
int
cmd_announce(struct cmd_env *env, int argc, char **argv)
{
	struct err e;
	long w;

	if (argc != 3 || cmd_number(argv[2], 1, 9999, &w) != 0)
		return cmd_usage("announce");
	if (env->cfg->sound.driver == NULL)
		return cmd_error(OKNO_EIO, _("no sound is configured "
		    "(devices.sound)"));
	err_clear(&e);
	switch (office_announce(&env->ctx, argv[1], (int)w, &e)) {
	case OKNO_OK:
		return 0;
	case OKNO_EINVAL:
		return cmd_error(OKNO_EUSAGE, _("%s: not a ticket number "
		    "(one or two letters A-Z, then digits)"), argv[1]);
	default:
		cmd_warn(_("sound: %s"), e.msg);
		return 0;
	}
}
