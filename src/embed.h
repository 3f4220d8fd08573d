/* embed.h: files compiled into the binary (the demo's default config). */
#ifndef OKNO_EMBED_H
#define OKNO_EMBED_H

#include <stddef.h>

struct embed_file {
	const char		*path;	/* as in the source tree, "conf/..." */
	const unsigned char	*data;
	size_t			 size;
};

/* Terminated by an entry whose path is NULL. */
extern const struct embed_file embed_files[];

#endif
