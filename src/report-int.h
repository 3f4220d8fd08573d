/* report-int.h: what the report's section modules (report-*.c) share and
 * nobody else needs: a list of keys met in the data beyond the configured
 * ones, and look-ups in NULL-terminated lists of codes. */
#ifndef OKNO_REPORT_INT_H
#define OKNO_REPORT_INT_H

#include <stddef.h>

/*
 * A growing list of keys met in the data beyond the configured ones,
 * sorted at the end.
 */
struct report_keys {
	char	**v;
	size_t	  n;
};

/* Index of s in k, adding a copy of s at the end when it is new. */
size_t	 report_keys_add(struct report_keys *, const char *);
void	 report_keys_free(struct report_keys *);

/* Index of s in a NULL-terminated list, or -1; the list's length. */
int	 report_list_index(const char *const *, const char *);
size_t	 report_list_count(const char *const *);
/* qsort comparator of char * elements. */
int	 report_cmp_str(const void *, const void *);

#endif
