/* fold.h: case-insensitive substring search in UTF-8 text. */
#ifndef OKNO_FOLD_H
#define OKNO_FOLD_H

/*
 * 1 when needle occurs in haystack, ASCII and Cyrillic case folded and ё
 * matching е, whatever the process's locale: the appeal list's client and
 * text search and the screens' filters.  An empty or NULL needle matches
 * everything; a NULL haystack nothing.
 */
int	 fold_match(const char *haystack, const char *needle);

#endif
