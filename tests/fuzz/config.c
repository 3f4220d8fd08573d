/* config.c (fuzz): the configuration loader on any text.  A load either
 * fails with a "FILE:LINE: message" naming the file, or gives a
 * configuration whose look-ups agree with its arrays. */
#include "fuzz.h"
#include "calendar.h"
#include "config.h"

/* Where relative paths point: nothing is there, so none is read. */
#define FUZZ_CONFIG_PATH "/nonexistent/okno-fuzz/okno.conf"

/*
 * Inputs that make libconfig or the calendar loader read a file the
 * fuzzer named (an @include of /dev/zero would never end) test the
 * machine, not okno: the configuration is the administrator's file.
 */
static int
fuzz_config_reads_files(const char *s)
{
	static const char *const words[] = { "include", "/dev", "/proc",
	    "/sys", NULL };
	char *low = xstrdup(s);

	for (char *p = low; *p != '\0'; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	for (size_t i = 0; words[i] != NULL; i++)
		if (strstr(low, words[i]) != NULL) {
			free(low);
			return 1;
		}
	free(low);
	return 0;
}

static int
fuzz_config(const uint8_t *data, size_t size)
{
	struct config *cfg = NULL;
	struct err e;
	char *text = fuzz_string(data, size);
	int rc;

	if (fuzz_config_reads_files(text)) {
		free(text);
		return 0;
	}
	err_clear(&e);
	rc = config_load_string(text, FUZZ_CONFIG_PATH, &cfg, &e);
	if (rc != OKNO_OK) {
		if (rc != OKNO_ECONFIG || cfg != NULL)
			fuzz_fail("config: failure %d with a configuration",
			    rc);
		if (strncmp(e.msg, "/", 1) != 0 || strchr(e.msg, ':') == NULL)
			fuzz_fail("config: message \"%s\" names no file",
			    e.msg);
		free(text);
		return 0;
	}
	if (cfg == NULL || cfg->branch_code == NULL || cfg->database == NULL ||
	    cfg->cal == NULL || cfg->account_pattern == NULL)
		fuzz_fail("config: loaded without a required part");
	else {
		for (size_t i = 0; i < cfg->nservices; i++)
			if (config_service_index(cfg, cfg->services[i].code) !=
			    (int)i)
				fuzz_fail("config: service %s not found "
				    "again", cfg->services[i].code);
		for (size_t i = 0; i < cfg->nwindows; i++) {
			const struct config_window *w = &cfg->windows[i];

			if (config_window(cfg, w->number) != w)
				fuzz_fail("config: window %d twice",
				    w->number);
			for (size_t j = 0; j < w->nservices; j++)
				if (w->services[j] < 0 || (size_t)
				    w->services[j] >= cfg->nservices)
					fuzz_fail("config: window %d serves "
					    "service %d of %zu", w->number,
					    w->services[j], cfg->nservices);
		}
		for (size_t i = 0; i < cfg->nkinds; i++)
			if (config_kind(cfg, cfg->kinds[i].code) !=
			    &cfg->kinds[i])
				fuzz_fail("config: kind %s twice",
				    cfg->kinds[i].code);
		if (cfg->database[0] != '/')
			fuzz_fail("config: database %s is not absolute",
			    cfg->database);
		config_summary(cfg, fuzz_devnull());
	}
	config_free(cfg);
	free(text);
	return 0;
}

FUZZ_TARGET(fuzz_config)
