/* sound.c: WAV bytes in, PCM out, and ALSA playback (sound.h). */
#include <alsa/asoundlib.h>
#include <stdlib.h>
#include <string.h>

#include "okno.h"
#include "sound.h"

void
sound_pcm_free(struct sound_pcm *p)
{
	free(p->s);
	memset(p, 0, sizeof *p);
}

static uint32_t
le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

static unsigned
le16(const unsigned char *p)
{
	return (unsigned)p[0] | (unsigned)p[1] << 8;
}

int
sound_wav_parse(const unsigned char *b, size_t len, struct sound_pcm *out,
    struct err *e)
{
	size_t off = 12, n;
	unsigned fmt = 0, ch = 0, bits = 0;
	uint32_t rate = 0, size;
	int have_fmt = 0;

	memset(out, 0, sizeof *out);
	if (len < 12 || memcmp(b, "RIFF", 4) != 0 ||
	    memcmp(b + 8, "WAVE", 4) != 0)
		return err_set(e, OKNO_EINVAL, _("not a WAV file"));
	while (len - off >= 8) {
		size = le32(b + off + 4);
		off += 8;
		if (size > len - off)
			size = (uint32_t)(len - off);	/* cut short */
		if (memcmp(b + off - 8, "fmt ", 4) == 0 && size >= 16) {
			fmt = le16(b + off);
			ch = le16(b + off + 2);
			rate = le32(b + off + 4);
			bits = le16(b + off + 14);
			have_fmt = 1;
		} else if (memcmp(b + off - 8, "data", 4) == 0) {
			if (!have_fmt)
				break;
			if (fmt != 1 || bits != 16 || ch < 1 || ch > 2 ||
			    rate < 8000 || rate > 96000)
				return err_set(e, OKNO_EINVAL, _("not 16-bit "
				    "PCM, mono or stereo, 8000-96000 Hz "
				    "(format %u, %u bits, %u channels, %lu Hz)"),
				    fmt, bits, ch, (unsigned long)rate);
			n = size / (2 * ch);
			out->s = xcalloc(n * ch + 1, sizeof *out->s);
			for (size_t i = 0; i < n * ch; i++)
				out->s[i] = (int16_t)le16(b + off + 2 * i);
			out->frames = n;
			out->cap = n * ch + 1;
			out->rate = rate;
			out->channels = ch;
			return OKNO_OK;
		}
		off += size + (size & 1);	/* chunks are word-aligned */
	}
	return err_set(e, OKNO_EINVAL, _("a WAV file without %s"),
	    have_fmt ? "data" : "fmt");
}

static void
put16(struct hwbuf *b, unsigned v)
{
	hwbuf_addc(b, (int)(v & 0xff));
	hwbuf_addc(b, (int)(v >> 8 & 0xff));
}

static void
put32(struct hwbuf *b, uint32_t v)
{
	put16(b, v & 0xffff);
	put16(b, v >> 16);
}

void
sound_wav_write(const struct sound_pcm *p, struct hwbuf *b)
{
	uint32_t data = (uint32_t)(p->frames * p->channels * 2);

	hwbuf_adds(b, "RIFF");
	put32(b, 36 + data);
	hwbuf_adds(b, "WAVEfmt ");
	put32(b, 16);
	put16(b, 1);
	put16(b, p->channels);
	put32(b, p->rate);
	put32(b, p->rate * p->channels * 2);
	put16(b, p->channels * 2);
	put16(b, 16);
	hwbuf_adds(b, "data");
	put32(b, data);
	for (size_t i = 0; i < p->frames * p->channels; i++)
		put16(b, (uint16_t)p->s[i]);
}

/* Room for n more frames in p. */
static void
reserve(struct sound_pcm *p, size_t n)
{
	size_t want = (p->frames + n) * p->channels;

	if (want <= p->cap)
		return;
	p->cap = want > 2 * p->cap ? want : 2 * p->cap;
	p->s = xreallocarray(p->s, p->cap, sizeof *p->s);
}

/* Sample of channel c of frame i of src, as dst's channel count wants. */
static int
sample(const struct sound_pcm *src, size_t i, unsigned c, unsigned dch)
{
	if (src->channels == dch)
		return src->s[i * src->channels + c];
	if (src->channels == 1)
		return src->s[i];			/* doubled */
	return (src->s[i * 2] + src->s[i * 2 + 1]) / 2;	/* mixed */
}

void
sound_pcm_append(struct sound_pcm *dst, const struct sound_pcm *src)
{
	size_t n;

	if (src->frames == 0)
		return;
	if (dst->rate == 0) {
		dst->rate = src->rate;
		dst->channels = src->channels;
	}
	if (src->rate == dst->rate) {
		reserve(dst, src->frames);
		for (size_t i = 0; i < src->frames; i++)
			for (unsigned c = 0; c < dst->channels; c++)
				dst->s[(dst->frames + i) * dst->channels + c] =
				    (int16_t)sample(src, i, c, dst->channels);
		dst->frames += src->frames;
		return;
	}
	n = (size_t)((double)src->frames * dst->rate / src->rate);
	reserve(dst, n);
	for (size_t j = 0; j < n; j++) {
		double x = (double)j * src->rate / dst->rate;
		size_t i = (size_t)x;
		double f = x - (double)i;

		for (unsigned c = 0; c < dst->channels; c++) {
			int a = sample(src, i, c, dst->channels);
			int b = i + 1 < src->frames ?
			    sample(src, i + 1, c, dst->channels) : a;

			dst->s[(dst->frames + j) * dst->channels + c] =
			    (int16_t)(a + (b - a) * f);
		}
	}
	dst->frames += n;
}

void
sound_pcm_volume(struct sound_pcm *p, int percent)
{
	if (percent >= 100)
		return;
	if (percent < 0)
		percent = 0;
	for (size_t i = 0; i < p->frames * p->channels; i++)
		p->s[i] = (int16_t)(p->s[i] * percent / 100);
}

/* ALSA prints its errors on stderr by default; ours go through err. */
static void
quiet_handler(const char *file, int line, const char *fn, int err,
    const char *fmt, ...)
{
	(void)file;
	(void)line;
	(void)fn;
	(void)err;
	(void)fmt;
}

/*
 * ALSA keeps the configuration it parsed for the next open; okno opens
 * the card once a phrase, so it is let go (and the process ends clean
 * under LeakSanitizer).  Returns rc.
 */
static int
forget(int rc)
{
	snd_config_update_free_global();
	return rc;
}

static int
open_pcm(const struct config_sound *snd, snd_pcm_t **pcm, struct err *e)
{
	int r;

	snd_lib_error_set_handler(quiet_handler);
	/* Non-blocking open: a busy card fails at once instead of waiting
	 * for its owner to close it. */
	if ((r = snd_pcm_open(pcm, snd->device, SND_PCM_STREAM_PLAYBACK,
	    SND_PCM_NONBLOCK)) < 0)
		return err_set(e, OKNO_EIO, _("sound device %s: %s"),
		    snd->device, snd_strerror(r));
	return OKNO_OK;
}

int
sound_probe(const struct config_sound *snd, struct err *e)
{
	snd_pcm_t *pcm;

	if (open_pcm(snd, &pcm, e) != OKNO_OK)
		return forget(e->code);
	snd_pcm_close(pcm);
	return forget(OKNO_OK);
}

int
sound_play(const struct config_sound *snd, const struct sound_pcm *p,
    struct err *e)
{
	snd_pcm_t *pcm;
	snd_pcm_sframes_t w;
	size_t done = 0;
	int r;

	if (open_pcm(snd, &pcm, e) != OKNO_OK)
		return forget(e->code);
	/* Writes wait for the card: it sets the pace of playing. */
	if ((r = snd_pcm_nonblock(pcm, 0)) < 0 ||
	    (r = snd_pcm_set_params(pcm, SND_PCM_FORMAT_S16_LE,
	    SND_PCM_ACCESS_RW_INTERLEAVED, p->channels, p->rate, 1,
	    200000)) < 0)
		goto fail;
	while (done < p->frames) {
		w = snd_pcm_writei(pcm, p->s + done * p->channels,
		    p->frames - done);
		if (w < 0) {
			/* An underrun or a suspend: recover once, go on. */
			if ((r = snd_pcm_recover(pcm, (int)w, 1)) < 0)
				goto fail;
			continue;
		}
		done += (size_t)w;
	}
	if ((r = snd_pcm_drain(pcm)) < 0)
		goto fail;
	snd_pcm_close(pcm);
	return forget(OKNO_OK);
fail:
	snd_pcm_close(pcm);
	return forget(err_set(e, OKNO_EIO, _("sound device %s: %s"),
	    snd->device, snd_strerror(r)));
}
