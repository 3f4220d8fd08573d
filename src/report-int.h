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

/*
 * The head of a row of the grouped reports (visits, bookings): its group
 * ("all", "service", then the report's own), its key and the key's place
 * in the configuration (-1: not configured).  A row struct starts with
 * one, so that one finder and one order serve every such report.
 */
struct report_gkey {
	const char	*group;		/* a static string */
	char		 key[64];
	int		 order;
};
/*
 * Index of the row (group, key) among the n rows of size bytes at base,
 * each starting with a struct report_gkey; n when there is none.
 */
size_t	 report_gkey_find(const void *base, size_t n, size_t size,
	     const char *group, const char *key);
/*
 * Finds the row (group, key) in the growing array base of *n rows of size
 * bytes (room for *cap), or adds it at the end, zeroed but for its key.
 * Returns the array (moved when it grew) and its index in *idx.
 */
void	*report_gkey_row(void *base, size_t *n, size_t *cap, size_t size,
	     const char *group, const char *key, int order, size_t *idx);
/*
 * qsort order of such rows: "all", then "service", then the other groups;
 * within a group the configuration order, keys not configured after the
 * configured ones, by key.
 */
int	 report_gkey_cmp(const void *, const void *);

#endif
