/* voicekit.c: the build's helper for the voice library (tools/voice.sh):
 *   voicekit list            fragment names and their Russian words
 *                            (src/voice.c), "NAME<TAB>TEXT" a line
 *   voicekit chime RATE OUT  the chime before each announcement
 *   voicekit trim IN OUT LEAD TAIL
 *                            IN's speech with its silences cut to LEAD
 *                            ms before and TAIL ms after, as 16-bit mono
 * Done in C with okno's own WAV code (hw/sound.c), so the build needs no
 * sound tool besides the synthesiser. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "okno.h"
#include "sound.h"
#include "voice.h"

#define SILENCE	300	/* below this (about -40 dBFS) a sample is quiet */

static int
save(const struct sound_pcm *p, const char *path)
{
	struct hwbuf b;
	FILE *fp;
	int ok;

	hwbuf_init(&b);
	sound_wav_write(p, &b);
	if ((fp = fopen(path, "wb")) == NULL) {
		perror(path);
		hwbuf_free(&b);
		return 1;
	}
	ok = fwrite(b.p, 1, b.len, fp) == b.len;
	ok &= fclose(fp) == 0;
	hwbuf_free(&b);
	if (!ok)
		perror(path);
	return !ok;
}

/*
 * Two struck tones a major third apart, the second struck while the first
 * still rings, each dying away (a hall's "ding-dong"), then a pause before
 * the words; soft enough that the voice after it is the louder.  Every
 * tone starts and ends at zero (a 5 ms attack, a 30 ms release), so the
 * chime has no click.
 */
static int
chime(unsigned rate, const char *out)
{
	static const double freq[2] = { 659.25, 523.25 };	/* E5, C5 */
	static const double at[2] = { 0.0, 0.45 };		/* seconds */
	const double ring = 1.0, end = at[1] + ring, rel = 0.03;
	struct sound_pcm p = { 0 };
	size_t n = (size_t)((end + 0.25) * rate);
	int rc;

	p.rate = rate;
	p.channels = 1;
	p.s = xcalloc(n, sizeof *p.s);
	p.cap = n;
	p.frames = n;
	for (size_t i = 0; i < (size_t)(end * rate); i++) {
		double t = (double)i / rate, v = 0;

		for (int k = 0; k < 2; k++) {
			double x = t - at[k], env;

			if (x < 0 || x >= ring)
				continue;
			env = (x < 0.005 ? x / 0.005 : 1) * exp(-4.5 * x);
			if (x > ring - rel)
				env *= (ring - x) / rel;
			v += env * (sin(2 * M_PI * freq[k] * x) +
			    0.3 * sin(4 * M_PI * freq[k] * x) +
			    0.1 * sin(6 * M_PI * freq[k] * x));
		}
		p.s[i] = (int16_t)(v / 1.4 * 0.4 * 32767);
	}
	rc = save(&p, out);
	sound_pcm_free(&p);
	return rc;
}

static int
trim(const char *in, const char *out, int lead_ms, int tail_ms)
{
	struct sound_pcm src, mono = { 0 };
	struct hwbuf b;
	struct err e;
	unsigned char chunk[8192];
	size_t n, first, last, lead, tail;
	FILE *fp;
	int rc;

	hwbuf_init(&b);
	if ((fp = fopen(in, "rb")) == NULL) {
		perror(in);
		return 1;
	}
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		hwbuf_add(&b, chunk, n);
	fclose(fp);
	err_clear(&e);
	if (sound_wav_parse(b.p, b.len, &src, &e) != OKNO_OK) {
		fprintf(stderr, "%s: %s\n", in, e.msg);
		hwbuf_free(&b);
		return 1;
	}
	hwbuf_free(&b);
	/* Mono at the file's own rate. */
	mono.rate = src.rate;
	mono.channels = 1;
	sound_pcm_append(&mono, &src);
	sound_pcm_free(&src);
	for (first = 0; first < mono.frames &&
	    abs(mono.s[first]) < SILENCE; first++)
		;
	for (last = mono.frames; last > first &&
	    abs(mono.s[last - 1]) < SILENCE; last--)
		;
	if (first == last) {
		fprintf(stderr, "%s: silence only\n", in);
		sound_pcm_free(&mono);
		return 1;
	}
	lead = (size_t)lead_ms * mono.rate / 1000;
	tail = (size_t)tail_ms * mono.rate / 1000;
	/* What the synthesiser had of its own before and after, up to
	 * lead and tail; silence added where it had less. */
	{
		struct sound_pcm t = { 0 };
		size_t from = first > lead ? first - lead : 0;
		size_t to = mono.frames - last > tail ? last + tail :
		    mono.frames;
		size_t pre = lead - (first - from), post = tail - (to - last);

		t.rate = mono.rate;
		t.channels = 1;
		t.frames = pre + (to - from) + post;
		t.cap = t.frames;
		t.s = xcalloc(t.frames + 1, sizeof *t.s);
		memcpy(t.s + pre, mono.s + from, (to - from) * sizeof *t.s);
		rc = save(&t, out);
		sound_pcm_free(&t);
	}
	sound_pcm_free(&mono);
	return rc;
}

int
main(int argc, char **argv)
{
	const char *name, *text;

	if (argc == 2 && strcmp(argv[1], "list") == 0) {
		for (size_t i = 0; (name = voice_fragment(i)) != NULL; i++)
			if ((text = voice_text(name)) != NULL)
				printf("%s\t%s\n", name, text);
		return 0;
	}
	if (argc == 4 && strcmp(argv[1], "chime") == 0)
		return chime((unsigned)atoi(argv[2]), argv[3]);
	if (argc == 6 && strcmp(argv[1], "trim") == 0)
		return trim(argv[2], argv[3], atoi(argv[4]), atoi(argv[5]));
	fprintf(stderr, "usage: voicekit list | chime RATE OUT | "
	    "trim IN OUT LEAD_MS TAIL_MS\n");
	return 64;
}
