/* hwbuf.h: growable byte buffers and code page conversion shared by the
 * device drivers and the simulator. */
#ifndef OKNO_HWBUF_H
#define OKNO_HWBUF_H

#include <stddef.h>

/*
 * A byte buffer.  Zero-initialise it ({ 0 } or hwbuf_init), append, and
 * free it with hwbuf_free; p is NULL until something is appended.
 */
struct hwbuf {
	unsigned char	*p;
	size_t		 len;
	size_t		 cap;
};

void	 hwbuf_init(struct hwbuf *);
void	 hwbuf_free(struct hwbuf *);
void	 hwbuf_reset(struct hwbuf *);		/* len = 0, keeps memory */
void	 hwbuf_add(struct hwbuf *, const void *, size_t);
void	 hwbuf_addc(struct hwbuf *, int);	/* one byte */
void	 hwbuf_adds(struct hwbuf *, const char *);	/* no NUL */
/* Bytes given as an int list ended by -1: hwbuf_addv(b, 0x1b, 0x40, -1). */
void	 hwbuf_addv(struct hwbuf *, ...);

/*
 * Appends the UTF-8 text s converted to charset (an iconv name, e.g.
 * "CP866").  Characters the charset cannot hold, and invalid UTF-8, become
 * '?'.  Control characters (below 0x20 and 0x7f) also become '?': device
 * text must never carry a command byte that would change the device's
 * state (a stray ESC in a footer, or ETX inside an Alpha frame).
 * Returns OKNO_OK, or OKNO_ECONFIG when iconv does not know charset.
 */
struct err;
int	 hwbuf_addtext(struct hwbuf *, const char *s, const char *charset,
	     struct err *);

/*
 * The reverse, for the simulator and tests: len bytes in charset to a
 * newly allocated UTF-8 string (undecodable bytes become '?').  NULL when
 * charset is unknown.
 */
char	*hw_to_utf8(const unsigned char *, size_t len, const char *charset);

/*
 * The byte length of the first n characters of UTF-8 s: for cutting board
 * lines (their length in characters is the model's utf8_len()).
 */
size_t	 hw_utf8_prefix(const char *s, size_t n);

#endif
