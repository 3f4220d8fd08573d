/* codes.c: code tables, the words an enum is stored and typed as, and
 * their labels for people (see okno.h). */
#include <string.h>

#include "okno.h"

const char *
codes_name(const char *const *names, size_t n, int i)
{
	return i >= 0 && (size_t)i < n ? names[i] : "?";
}

const char *
codes_label(const char *const *labels, size_t n, int i)
{
	return i >= 0 && (size_t)i < n ? _(labels[i]) : "?";
}

int
codes_index(const char *const *names, size_t n, const char *s)
{
	for (size_t i = 0; i < n && names[i] != NULL; i++)
		if (strcmp(names[i], s) == 0)
			return (int)i;
	return -1;
}
