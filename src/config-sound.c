/* config-sound.c: devices.sound, the sound card that announces calls
 * (okno.conf(5)): driver, ALSA device, the voice's fragment folder,
 * volume and quiet hours. */
#include <stdlib.h>
#include <string.h>

#include "config-int.h"

#ifndef VOICEDIR
#define VOICEDIR "/usr/share/okno/voice/ru"
#endif

/* "HH:MM" at p, exactly five characters: minutes from midnight, or -1. */
static int
hhmm(const char *p)
{
	int h, m;

	if (p[0] < '0' || p[0] > '2' || p[1] < '0' || p[1] > '9' ||
	    p[2] != ':' || p[3] < '0' || p[3] > '5' || p[4] < '0' ||
	    p[4] > '9')
		return -1;
	h = (p[0] - '0') * 10 + (p[1] - '0');
	m = (p[3] - '0') * 10 + (p[4] - '0');
	return h > 23 ? -1 : h * 60 + m;
}

int
config_parse_sound(struct config_parse *c, const config_setting_t *devs,
    struct config *cfg)
{
	static const char *const names[] = { "driver", "device", "voice",
	    "volume", "quiet", NULL };
	struct config_sound *snd = &cfg->sound;
	config_setting_t *g, *s;
	const char *v, *voice = VOICEDIR, *quiet = "";

	memset(snd, 0, sizeof *snd);
	snd->quiet_start = snd->quiet_end = -1;
	if (config_member(c, devs, "sound", 0, &g) != OKNO_OK)
		return OKNO_ECONFIG;
	if (g == NULL)
		return OKNO_OK;
	if (!config_setting_is_group(g))
		return config_bad(c, g, _("%s must be a group { ... }"),
		    "sound");
	if (config_known(c, g, names) != OKNO_OK ||
	    config_get_string(c, g, "driver", 1, &v, &s) != OKNO_OK)
		return OKNO_ECONFIG;
	if (strcmp(v, "alsa") != 0)
		return config_bad(c, s, _("unknown sound driver \"%s\" "
		    "(known: alsa)"), v);
	snd->volume = 100;
	if (config_dup_string(c, g, "device", 0, &snd->device) != OKNO_OK ||
	    config_get_string(c, g, "voice", 0, &voice, &s) != OKNO_OK ||
	    config_get_int(c, g, "volume", 0, 0, 100, &snd->volume) !=
	    OKNO_OK ||
	    config_get_string(c, g, "quiet", 0, &quiet, &s) != OKNO_OK)
		goto bad;
	if (snd->device == NULL)
		snd->device = xstrdup("default");
	if (snd->device[0] == '\0') {
		config_bad(c, config_setting_get_member(g, "device"),
		    _("empty sound device name"));
		goto bad;
	}
	if (voice[0] == '\0') {
		config_bad(c, config_setting_get_member(g, "voice"),
		    _("empty voice folder name"));
		goto bad;
	}
	/* Relative to the configuration's folder, as every path in it. */
	if (voice[0] == '/' || c->embed != NULL)
		snd->voice = xstrdup(voice);
	else
		snd->voice = xasprintf("%s/%s", strcmp(c->dir, "/") == 0 ? "" :
		    c->dir, voice);
	if (quiet[0] != '\0') {
		if (strlen(quiet) != 11 || quiet[5] != '-' ||
		    (snd->quiet_start = hhmm(quiet)) < 0 ||
		    (snd->quiet_end = hhmm(quiet + 6)) < 0 ||
		    snd->quiet_start == snd->quiet_end) {
			config_bad(c, s, _("quiet \"%s\": expected "
			    "\"HH:MM-HH:MM\" (it may cross midnight: "
			    "\"20:00-08:00\") or \"\" (never quiet)"), quiet);
			goto bad;
		}
	}
	snd->driver = xstrdup("alsa");
	return OKNO_OK;
bad:
	config_sound_free(snd);
	return OKNO_ECONFIG;
}

void
config_sound_free(struct config_sound *snd)
{
	free(snd->driver);
	free(snd->device);
	free(snd->voice);
	memset(snd, 0, sizeof *snd);
	snd->quiet_start = snd->quiet_end = -1;
}

int
config_sound_quiet(const struct config_sound *snd, int m)
{
	if (snd->driver == NULL || snd->quiet_start < 0 ||
	    snd->quiet_start == snd->quiet_end)
		return 0;
	if (snd->quiet_start < snd->quiet_end)
		return m >= snd->quiet_start && m < snd->quiet_end;
	return m >= snd->quiet_start || m < snd->quiet_end;	/* overnight */
}
