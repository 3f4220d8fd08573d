/* fuzz-regress.c: replays every input the fuzzers ever needed to be told
 * about (tests/fuzz/regress/NAME-WHAT) and every seed (tests/fuzz/corpus/
 * NAME/) through the harnesses themselves, so make check (and make SAN=1
 * check, under the sanitizers) keeps each found bug fixed. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"

#define FUZZ_REPLAY
int fuzz_failures;

#include "fuzz/appeal.c"
#include "fuzz/calendar.c"
#include "fuzz/config.c"
#include "fuzz/csv.c"
#include "fuzz/keypad.c"
#include "fuzz/printer-status.c"

/* LeakSanitizer's hook (SAN=1): the leaks of tests/fuzz/lsan.supp. */
const char	*__lsan_default_suppressions(void);

const char *
__lsan_default_suppressions(void)
{
	return "leak:libconfig.so\n";
}

static const struct {
	const char	*name;
	int		(*fn)(const uint8_t *, size_t);
} harness[] = {
	{ "appeal", fuzz_appeal },
	{ "calendar", fuzz_calendar },
	{ "config", fuzz_config },
	{ "csv", fuzz_csv },
	{ "keypad", fuzz_keypad },
	{ "printer-status", fuzz_printer_status },
};

static void
replay(const char *path, const char *label, int (*fn)(const uint8_t *,
    size_t))
{
	FILE *f;
	uint8_t *buf = NULL;
	size_t len = 0, n;
	int before = fuzz_failures;

	if ((f = fopen(path, "rb")) == NULL)
		sysbail("%s", path);
	buf = xmalloc(1 << 20);
	while ((n = fread(buf + len, 1, (1 << 20) - len, f)) > 0)
		len += n;
	fclose(f);
	fn(buf, len);
	free(buf);
	ok(fuzz_failures == before, "%s replays clean", label);
}

/* Replays dir's files; prefix (when not NULL) picks them by name. */
static int
replay_dir(const char *dir, const char *prefix, const char *name,
    int (*fn)(const uint8_t *, size_t))
{
	struct dirent **de;
	int n, count = 0;

	if ((n = scandir(dir, &de, NULL, alphasort)) < 0)
		return 0;
	for (int i = 0; i < n; i++) {
		char path[4096], label[600];

		if (de[i]->d_name[0] != '.' && (prefix == NULL ||
		    strncmp(de[i]->d_name, prefix, strlen(prefix)) == 0)) {
			snprintf(path, sizeof path, "%s/%s", dir,
			    de[i]->d_name);
			snprintf(label, sizeof label, "%s: %s%s", name,
			    prefix == NULL ? "seed " : "", de[i]->d_name);
			replay(path, label, fn);
			count++;
		}
		free(de[i]);
	}
	free(de);
	return count;
}

int
main(void)
{
	const char *src = getenv("OKNO_SRC");
	char dir[4096], prefix[64];
	int found = 0;

	plan_lazy();
	if (src == NULL || *src == '\0')
		src = ".";
	for (size_t i = 0; i < nitems(harness); i++) {
		snprintf(dir, sizeof dir, "%s/tests/fuzz/regress", src);
		snprintf(prefix, sizeof prefix, "%s-", harness[i].name);
		found += replay_dir(dir, prefix, harness[i].name,
		    harness[i].fn);
		snprintf(dir, sizeof dir, "%s/tests/fuzz/corpus/%s", src,
		    harness[i].name);
		found += replay_dir(dir, NULL, harness[i].name,
		    harness[i].fn);
	}
	ok(found > 0, "found %d inputs under %s/tests/fuzz", found, src);
	return 0;
}
