/* sound.h: the sound card (devices.sound) and the sound it plays: 16-bit
 * PCM in memory, parsed from and written as RIFF WAV bytes, played
 * through ALSA (libasound; only hw/sound.c includes it).  No files, no
 * database: the office layer reads the voice library and decides what
 * plays when (office/announce.c). */
#ifndef OKNO_SOUND_H
#define OKNO_SOUND_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "hwbuf.h"

/* Interleaved signed 16-bit samples; zero-initialise, free with
 * sound_pcm_free.  frames * channels samples in s. */
struct sound_pcm {
	int16_t		*s;
	size_t		 frames;
	size_t		 cap;		/* samples allocated */
	unsigned	 rate;		/* frames a second; 0 while empty */
	unsigned	 channels;	/* 1 or 2 */
};

void	 sound_pcm_free(struct sound_pcm *);

/*
 * Parses a RIFF WAV file's bytes (16-bit PCM, 1 or 2 channels, 8000-96000
 * Hz; other chunks skipped) into *out (zero-initialised by the caller).
 * OKNO_EINVAL with the reason when it is not such a file.
 */
int	 sound_wav_parse(const unsigned char *, size_t, struct sound_pcm *,
	     struct err *);
/* Appends pcm as a canonical 44-byte-header RIFF WAV file to b. */
void	 sound_wav_write(const struct sound_pcm *, struct hwbuf *b);

/*
 * Appends src to dst.  An empty dst takes src's rate and channels; after
 * that src is converted to dst's: channels mixed or doubled, the rate
 * changed by linear interpolation (an office's recorded fragments need
 * not share the synthetic voice's rate).  Same format: the samples as
 * they are, so a phrase is exactly its fragments one after another.
 */
void	 sound_pcm_append(struct sound_pcm *dst, const struct sound_pcm *src);

/* Scales every sample to percent (0-100) of itself; 100 leaves them. */
void	 sound_pcm_volume(struct sound_pcm *, int percent);

/*
 * Opens snd->device without waiting (a busy card is an error at once,
 * never a wait) and closes it: OKNO_OK when it could play now, else
 * OKNO_EIO with ALSA's reason.
 */
int	 sound_probe(const struct config_sound *, struct err *);

/*
 * Plays pcm on snd->device and returns when the card has played it
 * (drained).  The open never waits for a busy card.  OKNO_EIO with ALSA's
 * reason on failure.  ALSA's own messages on stderr are silenced: the
 * caller reports the error its way.
 */
int	 sound_play(const struct config_sound *, const struct sound_pcm *,
	     struct err *);

#endif
