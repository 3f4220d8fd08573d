/* voice.c: what an announcement says (src/voice.c): Russian number words
 * 0..999 999 with their genders, the letter names of the prefixes, the
 * call phrase; the WAV and PCM handling it is played with (hw/sound.c);
 * and devices.sound in the configuration. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "sound.h"
#include "tap.h"
#include "voice.h"

/* The words of names[0..n-1], space-separated (static buffer). */
static const char *
words(const char **names, size_t n)
{
	static char buf[1024];
	const char *t;

	buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		t = strcmp(names[i], "chime") == 0 ? "(chime)" :
		    voice_text(names[i]);
		if (t == NULL)
			t = "(unknown)";
		if (i > 0)
			strcat(buf, " ");
		strcat(buf, t);
	}
	return buf;
}

static const char *
number(long v, enum voice_gender g)
{
	const char *names[VOICE_MAX_FRAGS];
	size_t n = 0;

	if (voice_number(v, g, names, &n, VOICE_MAX_FRAGS) != 0)
		return "(error)";
	return words(names, n);
}

static const char *
phrase(const char *num, long w)
{
	const char *names[VOICE_MAX_FRAGS];
	size_t n;

	if (voice_call_phrase(num, w, names, &n) != 0)
		return "(error)";
	return words(names, n);
}

static void
test_numbers(void)
{
	static const struct { long v; const char *want; } masc[] = {
		{ 0, "ноль" }, { 1, "один" }, { 2, "два" }, { 3, "три" },
		{ 10, "десять" }, { 11, "одиннадцать" }, { 12, "двенадцать" },
		{ 14, "четырнадцать" }, { 17, "семнадцать" },
		{ 19, "девятнадцать" }, { 20, "двадцать" },
		{ 21, "двадцать один" }, { 40, "сорок" },
		{ 42, "сорок два" }, { 90, "девяносто" },
		{ 99, "девяносто девять" }, { 100, "сто" },
		{ 101, "сто один" }, { 110, "сто десять" },
		{ 115, "сто пятнадцать" }, { 200, "двести" },
		{ 234, "двести тридцать четыре" }, { 300, "триста" },
		{ 400, "четыреста" }, { 500, "пятьсот" },
		{ 678, "шестьсот семьдесят восемь" },
		{ 700, "семьсот" }, { 800, "восемьсот" },
		{ 999, "девятьсот девяносто девять" },
		{ 1000, "тысяча" }, { 1001, "тысяча один" },
		{ 2000, "две тысячи" }, { 3500, "три тысячи пятьсот" },
		{ 5000, "пять тысяч" }, { 11000, "одиннадцать тысяч" },
		{ 21000, "двадцать одна тысяча" },
		{ 22000, "двадцать две тысячи" },
		{ 112000, "сто двенадцать тысяч" },
		{ 999999, "девятьсот девяносто девять тысяч девятьсот "
		    "девяносто девять" },
	};
	const char *names[VOICE_MAX_FRAGS], *seen[1000];
	size_t n;
	int bad = 0, dup = 0, missing = 0;

	for (size_t i = 0; i < sizeof masc / sizeof masc[0]; i++)
		is_string(number(masc[i].v, VOICE_MASC), masc[i].want,
		    "%ld in words", masc[i].v);
	is_string(number(1, VOICE_FEM), "одна", "1 feminine: одна");
	is_string(number(2, VOICE_FEM), "две", "2 feminine: две");
	is_string(number(1, VOICE_NEUT), "одно", "1 neuter: одно");
	is_string(number(2, VOICE_NEUT), "два", "2 neuter: два");
	is_string(number(31, VOICE_FEM), "тридцать одна",
	    "31 feminine: тридцать одна");
	is_string(number(12, VOICE_FEM), "двенадцать",
	    "12 feminine: двенадцать (not две-)");
	n = 0;
	is_int(voice_number(-1, VOICE_MASC, names, &n, VOICE_MAX_FRAGS), -1,
	    "-1 is refused");
	is_int(voice_number(1000000, VOICE_MASC, names, &n, VOICE_MAX_FRAGS),
	    -1, "a million is refused");
	n = 0;
	is_int(voice_number(777, VOICE_MASC, names, &n, 2), -1,
	    "three words do not fit in two");
	is_int((int)n, 0, "and nothing was added");
	/* 1..999: at most three words, each a fragment of the library,
	 * hundreds before tens before units, and no two numbers alike. */
	for (long v = 1; v <= 999; v++) {
		n = 0;
		if (voice_number(v, VOICE_MASC, names, &n, VOICE_MAX_FRAGS) !=
		    0 || n < 1 || n > 3) {
			bad++;
			continue;
		}
		for (size_t i = 0; i < n; i++) {
			size_t k;

			for (k = 0; voice_fragment(k) != NULL; k++)
				if (strcmp(voice_fragment(k), names[i]) == 0)
					break;
			missing += voice_fragment(k) == NULL;
			if (i > 0 && atoi(names[i] + 4) >= atoi(names[i - 1] + 4))
				bad++;
		}
		seen[v] = xstrdup(words(names, n));
		for (long u = 1; u < v; u++)
			if (strcmp(seen[u], seen[v]) == 0)
				dup++;
	}
	is_int(bad, 0, "1..999: one to three words, largest first");
	is_int(missing, 0, "1..999: every word is a fragment of the library");
	is_int(dup, 0, "1..999: no two numbers sound alike");
	for (long v = 1; v <= 999; v++)
		free((char *)seen[v]);
}

static void
test_letters(void)
{
	is_string(voice_letter('A'), "letter-a", "A: letter-a");
	is_string(voice_text(voice_letter('A')), "а", "A says а");
	is_string(voice_text(voice_letter('B')), "бэ", "B says бэ");
	is_string(voice_text(voice_letter('H')), "аш", "H says аш");
	is_string(voice_text(voice_letter('K')), "ка", "K says ка");
	is_string(voice_text(voice_letter('Z')), "зэт", "Z says зэт");
	ok(voice_letter('a') == NULL && voice_letter('1') == NULL &&
	    voice_letter(0xd0) == NULL, "only A-Z have names");
	for (int c = 'A'; c <= 'Z'; c++)
		if (voice_text(voice_letter(c)) == NULL)
			ok(0, "%c has words", c);
}

static void
test_phrase(void)
{
	const char *names[VOICE_MAX_FRAGS];
	size_t n;

	is_string(phrase("A017", 3), "(chime) клиент а семнадцать окно три",
	    "A017 at window 3: Клиент А-семнадцать, окно три");
	is_string(phrase("A021", 1),
	    "(chime) клиент а двадцать один окно один",
	    "A021 at 1: клиент А-двадцать один, окно один (masculine)");
	is_string(phrase("B002", 2), "(chime) клиент бэ два окно два",
	    "B002 at 2: два, not две");
	is_string(phrase("KH120", 12),
	    "(chime) клиент ка аш сто двадцать окно двенадцать",
	    "two letters");
	is_string(phrase("A1000", 4), "(chime) клиент а тысяча окно четыре",
	    "past 999");
	is_string(phrase("A000", 1), "(chime) клиент а ноль окно один",
	    "zero is said");
	is_string(phrase("ABC1", 1), "(error)", "three letters: refused");
	is_string(phrase("A", 1), "(error)", "no digits: refused");
	is_string(phrase("17", 1), "(error)", "no letter: refused");
	is_string(phrase("A1x", 1), "(error)", "a stray character: refused");
	is_string(phrase("a17", 1), "(error)", "lower case: refused");
	is_string(phrase("A17", -1), "(error)", "a negative window: refused");
	is_string(phrase("A99999999", 1), "(error)", "too long: refused");
	voice_test_phrase(names, &n);
	is_string(words(names, n), "(chime) проверка звука", "the test phrase");
	for (size_t k = 0; voice_fragment(k) != NULL; k++)
		if (strcmp(voice_fragment(k), "chime") != 0 &&
		    voice_text(voice_fragment(k)) == NULL)
			ok(0, "%s has words", voice_fragment(k));
}

static void
test_pcm(void)
{
	struct sound_pcm a = { 0 }, b = { 0 }, c = { 0 }, d = { 0 };
	struct hwbuf w;
	struct err e;
	int16_t s[4] = { 1000, -2000, 32767, -32768 };
	int same;

	a.s = s;
	a.frames = 4;
	a.rate = 16000;
	a.channels = 1;
	hwbuf_init(&w);
	sound_wav_write(&a, &w);
	is_int((long long)w.len, 44 + 8, "a WAV file: 44 bytes of header");
	err_clear(&e);
	is_int(sound_wav_parse(w.p, w.len, &b, &e), OKNO_OK, "read back");
	ok(b.frames == 4 && b.rate == 16000 && b.channels == 1 &&
	    memcmp(b.s, s, sizeof s) == 0, "the same samples");
	is_int(sound_wav_parse(w.p, 20, &c, &e), OKNO_EINVAL,
	    "a cut file: %s", e.msg);
	w.p[34] = 8;		/* 8 bits per sample */
	is_int(sound_wav_parse(w.p, w.len, &c, &e), OKNO_EINVAL,
	    "8-bit: %s", e.msg);
	is_int(sound_wav_parse((const unsigned char *)"RIFX", 4, &c, &e),
	    OKNO_EINVAL, "not RIFF");
	hwbuf_free(&w);

	/* Same format: the samples one after another, untouched. */
	sound_pcm_append(&c, &b);
	sound_pcm_append(&c, &b);
	ok(c.frames == 8 && memcmp(c.s, s, sizeof s) == 0 &&
	    memcmp(c.s + 4, s, sizeof s) == 0, "same format: concatenated");
	/* Twice the rate: twice the frames, interpolated. */
	d.rate = 32000;
	d.channels = 1;
	sound_pcm_append(&d, &b);
	ok(d.frames == 8 && d.s[0] == 1000 && d.s[1] == -500 &&
	    d.s[2] == -2000, "8 kHz steps to 16: interpolated (%d %d %d)",
	    d.s[0], d.s[1], d.s[2]);
	sound_pcm_free(&d);
	/* Stereo into mono: mixed. */
	{
		int16_t st[4] = { 100, 300, -100, -300 };
		struct sound_pcm x = { st, 2, 4, 16000, 2 };

		d.rate = 16000;
		d.channels = 1;
		sound_pcm_append(&d, &x);
		ok(d.frames == 2 && d.s[0] == 200 && d.s[1] == -200,
		    "stereo mixed into mono");
		sound_pcm_free(&d);
	}
	sound_pcm_volume(&c, 50);
	same = c.s[0] == 500 && c.s[1] == -1000 && c.s[2] == 16383 &&
	    c.s[3] == -16384;
	ok(same, "volume 50%% halves every sample");
	sound_pcm_free(&c);
	sound_pcm_free(&b);
}

#define CONF	"branch = { code = \"T-1\"; name = \"Test\"; };\n" \
	"services = ( { code = \"pay\"; prefix = \"A\"; " \
	"name = \"Pay\"; wait_norm = 15; service_norm = 10; } );\n" \
	"windows = ( { number = 1; services = [ \"pay\" ]; } );\n"

static void
test_config(void)
{
	struct config *cfg = NULL;
	struct err e;

	err_clear(&e);
	is_int(config_load_string(CONF, "/etc/okno/okno.conf", &cfg, &e),
	    OKNO_OK, "no devices.sound");
	ok(cfg != NULL && cfg->sound.driver == NULL &&
	    !config_sound_quiet(&cfg->sound, 0), "no sound, never quiet");
	config_free(cfg);
	is_int(config_load_string(CONF "devices = { sound = { driver = "
	    "\"alsa\"; }; };\n", "/etc/okno/okno.conf", &cfg, &e), OKNO_OK,
	    "devices.sound with the driver alone");
	if (cfg != NULL) {
		is_string(cfg->sound.device, "default", "device: default");
		is_string(cfg->sound.voice, VOICEDIR, "voice: %s", VOICEDIR);
		is_int(cfg->sound.volume, 100, "volume 100");
		is_int(cfg->sound.quiet_start, -1, "no quiet hours");
		config_free(cfg);
	}
	is_int(config_load_string(CONF "devices = { sound = { driver = "
	    "\"alsa\"; device = \"hw:1,0\"; voice = \"voice/ru\"; "
	    "volume = 80; quiet = \"20:00-08:00\"; }; };\n",
	    "/etc/okno/okno.conf", &cfg, &e), OKNO_OK, "every setting");
	if (cfg != NULL) {
		is_string(cfg->sound.voice, "/etc/okno/voice/ru",
		    "a relative voice folder is the configuration's");
		ok(config_sound_quiet(&cfg->sound, 20 * 60) &&
		    config_sound_quiet(&cfg->sound, 23 * 60 + 59) &&
		    config_sound_quiet(&cfg->sound, 0) &&
		    config_sound_quiet(&cfg->sound, 7 * 60 + 59) &&
		    !config_sound_quiet(&cfg->sound, 8 * 60) &&
		    !config_sound_quiet(&cfg->sound, 19 * 60 + 59),
		    "quiet 20:00-08:00 crosses midnight");
		config_free(cfg);
	}
	is_int(config_load_string(CONF "devices = { sound = { driver = "
	    "\"alsa\"; quiet = \"13:00-14:00\"; }; };\n", "x.conf", &cfg, &e),
	    OKNO_OK, "a day-time quiet span");
	if (cfg != NULL) {
		ok(config_sound_quiet(&cfg->sound, 13 * 60) &&
		    !config_sound_quiet(&cfg->sound, 14 * 60) &&
		    !config_sound_quiet(&cfg->sound, 12 * 60 + 59),
		    "quiet 13:00-14:00");
		config_free(cfg);
	}
	cfg = NULL;
	is_int(config_load_string(CONF "devices = { sound = { driver = "
	    "\"oss\"; }; };\n", "x.conf", &cfg, &e), OKNO_ECONFIG,
	    "an unknown driver");
	is_string(e.msg, "x.conf:4: unknown sound driver \"oss\" (known: "
	    "alsa)", "reported at its line");
	err_clear(&e);
	is_int(config_load_string(CONF "devices = { sound = { driver = "
	    "\"alsa\";\n quiet = \"8pm\"; }; };\n", "x.conf", &cfg, &e),
	    OKNO_ECONFIG, "a bad quiet span");
	ok(strncmp(e.msg, "x.conf:5: quiet \"8pm\"", 21) == 0, "%s", e.msg);
	err_clear(&e);
	is_int(config_load_string(CONF "devices = { sound = { driver = "
	    "\"alsa\"; volume = 101; }; };\n", "x.conf", &cfg, &e),
	    OKNO_ECONFIG, "volume over 100: %s", e.msg);
	err_clear(&e);
	is_int(config_load_string(CONF "devices = { sound = { driver = "
	    "\"alsa\"; volum = 10; }; };\n", "x.conf", &cfg, &e),
	    OKNO_ECONFIG, "a misspelt setting: %s", e.msg);
}

int
main(void)
{
	plan_lazy();
	test_numbers();
	test_letters();
	test_phrase();
	test_pcm();
	test_config();
	return 0;
}
