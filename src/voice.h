/* voice.h: what an announcement says, as a list of fragment names: the
 * Russian words of a ticket number and a window ("Клиент А-семнадцать,
 * окно три"), the letter names of the service prefixes, the number words.
 * Pure text, no sound: office/announce.c turns the names into the voice
 * library's files (NAME.wav) and hw/sound.c plays them. */
#ifndef OKNO_VOICE_H
#define OKNO_VOICE_H

#include <stddef.h>

/* The grammatical gender a number agrees with (один/одна/одно, два/две). */
enum voice_gender {
	VOICE_MASC,
	VOICE_FEM,
	VOICE_NEUT
};

/* Fragments of one phrase at most; a phrase needs about a dozen. */
#define VOICE_MAX_FRAGS	32
/* The largest number voice_number() says: 999 999. */
#define VOICE_NUMBER_MAX 999999L

/*
 * The i-th fragment name the library must hold, NULL past the last: what
 * the build generates (`okno voice-list`, tools/voice.sh) and what an
 * office replacing the voice records.  A name is lower-case ASCII, so
 * NAME.wav is a portable file name; voice_text() gives its words.
 */
const char	*voice_fragment(size_t i);
/* The Russian words of fragment name (UTF-8), NULL for the chime or an
 * unknown name. */
const char	*voice_text(const char *name);

/*
 * Appends the fragment names of n (0..VOICE_NUMBER_MAX) in words agreeing
 * with gender, to names[*n] .. names[max - 1]: 21 is "num-20", "num-1";
 * 2 feminine "num-2f".  Returns 0, or -1 when n is out of range or the
 * names do not fit (*n is then unchanged).
 */
int	 voice_number(long n, enum voice_gender, const char **names,
	     size_t *nnames, size_t max);

/*
 * The fragment name of a prefix letter: the Russian name of the Latin
 * letter ("letter-a" а, "letter-b" бэ, "letter-h" аш), as a prefix
 * "A".."Z" (config: capital Latin letters).  NULL for any other byte.
 */
const char	*voice_letter(int c);

/*
 * The call phrase: chime, "клиент", the prefix letters, the ticket's
 * number in words, "окно", the window in words.  number is a ticket
 * number as issued ("A017": one or two letters A-Z, then digits; leading
 * zeros are not said); ticket and window numbers are names, said in the
 * masculine nominative ("клиент А-двадцать один, окно один").  Fills
 * names (VOICE_MAX_FRAGS) and *n; -1 when number or window cannot be
 * said.
 */
int	 voice_call_phrase(const char *number, long window,
	     const char **names, size_t *n);

/* The test phrase of `okno device test sound`: chime, "проверка звука". */
void	 voice_test_phrase(const char **names, size_t *n);

#endif
