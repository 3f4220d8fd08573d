/* file.h: new files in a folder the configuration names, under a name a
 * user may have typed (see file.c).
 *
 * A user never chooses where okno writes, only what a new file in a fixed
 * folder is called: the name is a plain base name, the file is created
 * new (never over an existing file, never through a symbolic link, never
 * outside the folder), and a name already taken gets -2, -3, ... before
 * its extension.
 */
#ifndef OKNO_FILE_H
#define OKNO_FILE_H

#include <stdio.h>

#include "okno.h"

/* Longest name a user may give, in characters (and at most twice that
 * in bytes); the extension and a -N suffix still fit in NAME_MAX. */
#define FILE_NAME_MAX	100
/* Names tried before giving up: NAME, NAME-2, ... NAME-FILE_TRIES. */
#define FILE_TRIES	999

/*
 * Checks a name a user typed: a plain base name of letters (the scripts
 * okno(1)'s TEXT allows), digits, spaces and . - _ + , ( ) only, neither
 * starting with '.', '-' or a space, at most FILE_NAME_MAX characters.
 * So no '/', no "..", no control character.  OKNO_OK or OKNO_EINVAL with
 * one message that states the rule.
 */
int	 file_name_check(const char *name, struct err *);

/* A file file_create_new() made, open for writing. */
struct file_new {
	FILE	*fp;
	char	*path;		/* DIR/NAME as created; the caller frees it */
	char	*name;		/* NAME as created */
	int	 dirfd;		/* DIR, for the fsync and a discard */
};

/*
 * Creates a new file (mode 0640) named name in dir, for writing.  dir is
 * made (0750) when missing, but must not itself be a symbolic link; the
 * path above it is the configuration's and is taken as it is.  When ext
 * (".txt") is not NULL and name does not end with it, it is added.  When
 * the name is taken, by a file or a link of any kind, NAME-2.EXT,
 * NAME-3.EXT, ... is created instead: nothing is overwritten and no link
 * followed.  Returns OKNO_OK, OKNO_EINVAL for a name file_name_check()
 * refuses, or OKNO_EIO; nothing is created on an error.
 */
int	 file_create_new(const char *dir, const char *name, const char *ext,
	     struct file_new *, struct err *);
/*
 * Flushes, fsyncs and closes the file and fsyncs its folder.  On an
 * error (a full disk) the file is removed and OKNO_EIO returned.  Either
 * way everything but path is released.
 */
int	 file_close_new(struct file_new *, struct err *);
/* Closes and removes the file (its writer failed); path stays. */
void	 file_discard_new(struct file_new *);

/*
 * Creates name in the folder dirfd for writing: new (O_EXCL), never
 * through a link, of mode exactly mode whatever the umask.  NULL with
 * errno set otherwise.  For names the program chooses (the export's
 * files, okno verify's staging), not a user.
 */
FILE	*file_create_at(int dirfd, const char *name, int mode);

#endif
