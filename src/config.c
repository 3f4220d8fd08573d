/* config.c: reads and checks the branch configuration (libconfig), with
 * every mistake reported as FILE:LINE: message. */
#include <sys/stat.h>

#include <errno.h>
#include <iconv.h>
#include <limits.h>
#include <math.h>
#include <regex.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <libconfig.h>

#include "calendar.h"
#include "config.h"
#include "config-int.h"
#include "embed.h"
#include "lang.h"

#define DEFAULT_DATABASE	"/var/lib/okno/okno.db"
#define DEFAULT_ACCOUNT		"^[0-9]{10,12}$"
#define DEFAULT_RETENTION	1095
#define DEFAULT_EXPORT_KEEP	30	/* days a delivered batch is kept */
#define DEFAULT_IDLE_LOCK	10
/* The hall view is a monitor on the wall: it never covers itself. */
#define DEFAULT_IDLE_LOCK_HALL	0
/* queue: minutes a finish or no-show may be taken back; minutes a
 * returned postponed ticket waits for its own window (queue.c). */
#define DEFAULT_UNDO		5
#define DEFAULT_RETURN_GRACE	10
#define DEFAULT_CATALOGUE	"criteria.conf"
#define CODE_MAX		32	/* service, kind, criterion codes */
#define DEADLINE_MAX		3660	/* days; calendar_due's bound */

/* Appeal kinds when appeals.kinds is absent: 59-FZ art. 12, 30 days. */
static const struct {
	const char		*code;
	const char		*name;
	int			 deadline;
	enum calendar_days	 days;
} default_kinds[] = {
	{ "complaint", N_("Complaint"), 30, CALENDAR_DAYS_CALENDAR },
	{ "claim", N_("Claim"), 30, CALENDAR_DAYS_CALENDAR },
	{ "request", N_("Request"), 30, CALENDAR_DAYS_CALENDAR },
	{ "question", N_("Question"), 30, CALENDAR_DAYS_CALENDAR },
	{ "proposal", N_("Proposal"), 30, CALENDAR_DAYS_CALENDAR },
	{ "gratitude", N_("Gratitude"), 30, CALENDAR_DAYS_CALENDAR },
};

/* The "Ваш контроль" criteria, equally weighted. */
static const struct {
	const char	*code;
	const char	*name;
} default_criteria[] = {
	{ "speed", N_("Speed of service") },
	{ "politeness", N_("Politeness and competence") },
	{ "comfort", N_("Comfort of the office") },
	{ "info", N_("Information") },
};

static const int bauds[] = { 1200, 2400, 4800, 9600, 19200, 38400, 57600,
	115200 };

/*
 * Reports a mistake at setting s (the file's first line when s is NULL or
 * the root) and returns OKNO_ECONFIG.
 */
int OKNO_PRINTF(3, 4)
config_bad(struct config_parse *c, const config_setting_t *s, const char *fmt,
    ...)
{
	char msg[400];
	const char *file = c->path;
	unsigned line = 0;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (s != NULL) {
		line = config_setting_source_line(s);
		if (config_setting_source_file(s) != NULL)
			file = config_setting_source_file(s);
	}
	return err_set(c->e, OKNO_ECONFIG, "%s:%u: %s", file,
	    line > 0 ? line : 1, msg);
}

/* The name to show for s: its own, or its parent's for a list element. */
static const char *
sname(const config_setting_t *s)
{
	for (; s != NULL; s = config_setting_parent(s))
		if (config_setting_name(s) != NULL)
			return config_setting_name(s);
	return "?";
}

/* Rejects members of group g not in names (a typo would go unnoticed). */
int
config_known(struct config_parse *c, const config_setting_t *g,
    const char *const *names)
{
	int n = config_setting_length(g);

	for (int i = 0; i < n; i++) {
		const config_setting_t *m = config_setting_get_elem(g, i);
		const char *const *k;

		for (k = names; *k != NULL; k++)
			if (strcmp(*k, config_setting_name(m)) == 0)
				break;
		if (*k == NULL)
			return config_bad(c, m, _("unknown setting \"%s\""),
			    config_setting_name(m));
	}
	return OKNO_OK;
}

/*
 * Finds member name of g (g may be NULL: absent).  *out is NULL when it is
 * absent and not required.
 */
int
config_member(struct config_parse *c, const config_setting_t *g,
    const char *name, int required, config_setting_t **out)
{
	*out = g == NULL ? NULL :
	    config_setting_get_member(g, name);
	if (*out == NULL && required)
		return config_bad(c, g, _("missing setting \"%s\""), name);
	return OKNO_OK;
}

static int
get_group(struct config_parse *c, const config_setting_t *g, const char *name,
    int required, config_setting_t **out)
{
	if (config_member(c, g, name, required, out) != OKNO_OK)
		return OKNO_ECONFIG;
	if (*out != NULL && !config_setting_is_group(*out))
		return config_bad(c, *out, _("%s must be a group { ... }"), name);
	return OKNO_OK;
}

/* A list ( ... ) or an array [ ... ]. */
int
config_get_list(struct config_parse *c, const config_setting_t *g,
    const char *name, int required, config_setting_t **out)
{
	if (config_member(c, g, name, required, out) != OKNO_OK)
		return OKNO_ECONFIG;
	if (*out != NULL && !config_setting_is_list(*out) &&
	    !config_setting_is_array(*out))
		return config_bad(c, *out, _("%s must be a list ( ... ) or [ ... ]"),
		    name);
	return OKNO_OK;
}

/* Checks a string setting s: UTF-8, no control characters (the
 * administrator's text may hold any other character: what reaches a
 * terminal or device is made safe on the way out). */
int
config_check_string(struct config_parse *c, const config_setting_t *s,
    int multiline, const char **out)
{
	struct err tmp;

	if (config_setting_type(s) != CONFIG_TYPE_STRING)
		return config_bad(c, s, _("%s must be a string \"...\""), sname(s));
	*out = config_setting_get_string(s);
	if (text_check(*out, 0, TEXT_ANY | (multiline ? TEXT_MULTILINE : 0),
	    sname(s), &tmp) != OKNO_OK)
		return config_bad(c, s, "%s", tmp.msg);
	return OKNO_OK;
}

/* A string member; *out is left alone when absent and not required. */
int
config_get_string(struct config_parse *c, const config_setting_t *g,
    const char *name, int required, const char **out, config_setting_t **where)
{
	config_setting_t *s;

	if (where != NULL)
		*where = NULL;
	if (config_member(c, g, name, required, &s) != OKNO_OK)
		return OKNO_ECONFIG;
	if (s == NULL)
		return OKNO_OK;
	if (where != NULL)
		*where = s;
	if (config_check_string(c, s, 0, out) != OKNO_OK)
		return OKNO_ECONFIG;
	if (required && **out == '\0')
		return config_bad(c, s, _("%s must not be empty"), name);
	return OKNO_OK;
}

/* Sets *dst to a copy of member name when present. */
int
config_dup_string(struct config_parse *c, const config_setting_t *g,
    const char *name, int required, char **dst)
{
	const char *v = NULL;

	if (config_get_string(c, g, name, required, &v, NULL) != OKNO_OK)
		return OKNO_ECONFIG;
	if (v != NULL) {
		free(*dst);
		*dst = xstrdup(v);
	}
	return OKNO_OK;
}

/* An integer member in [min, max]; *out is left alone when absent. */
int
config_get_int(struct config_parse *c, const config_setting_t *g,
    const char *name, int required, int min, int max, int *out)
{
	config_setting_t *s;
	long long v;

	if (config_member(c, g, name, required, &s) != OKNO_OK)
		return OKNO_ECONFIG;
	if (s == NULL)
		return OKNO_OK;
	if (config_setting_type(s) == CONFIG_TYPE_INT)
		v = config_setting_get_int(s);
	else if (config_setting_type(s) == CONFIG_TYPE_INT64)
		v = config_setting_get_int64(s);
	else
		return config_bad(c, s, _("%s must be an integer"), name);
	if (v < min || v > max) {
		if (min == 1 && max == INT_MAX)
			return config_bad(c, s, _("%s must be positive"), name);
		if (max == INT_MAX)
			return config_bad(c, s, _("%s must be at least %d"), name,
			    min);
		return config_bad(c, s, _("%s must be between %d and %d"), name,
		    min, max);
	}
	*out = (int)v;
	return OKNO_OK;
}

/* A yes/no member: true/false, or 1/0 as people write them. */
static int
get_bool(struct config_parse *c, const config_setting_t *g, const char *name,
    int *out)
{
	config_setting_t *s;

	if (config_member(c, g, name, 0, &s) != OKNO_OK || s == NULL)
		return OKNO_OK;
	if (config_setting_type(s) == CONFIG_TYPE_BOOL)
		*out = config_setting_get_bool(s);
	else if (config_setting_type(s) == CONFIG_TYPE_INT &&
	    (config_setting_get_int(s) == 0 || config_setting_get_int(s) == 1))
		*out = config_setting_get_int(s);
	else
		return config_bad(c, s, _("%s must be true or false"), name);
	return OKNO_OK;
}

/* Codes are stored in the database and typed on the command line. */
static int
valid_code(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > CODE_MAX || *s < 'a' || *s > 'z')
		return 0;
	for (; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '_'))
			return 0;
	return 1;
}

int
config_get_code(struct config_parse *c, const config_setting_t *g,
    const char **out)
{
	config_setting_t *s;

	if (config_get_string(c, g, "code", 1, out, &s) != OKNO_OK)
		return OKNO_ECONFIG;
	if (!valid_code(*out))
		return config_bad(c, s, _("code \"%s\": use a lower-case Latin "
		    "letter, then letters, digits or _ (at most %d)"), *out,
		    CODE_MAX);
	return OKNO_OK;
}

/* Each element of list l must be a group; reports the first that is not. */
int
config_groups_only(struct config_parse *c, const config_setting_t *l,
    const char *what)
{
	for (int i = 0; i < config_setting_length(l); i++)
		if (!config_setting_is_group(config_setting_get_elem(l, i)))
			return config_bad(c, config_setting_get_elem(l, i),
			    _("each %s must be a group { ... }"), what);
	return OKNO_OK;
}

/* rel made absolute from the configuration's folder. */
static char *
resolve(const struct config_parse *c, const char *rel)
{
	return config_resolve(c, rel);
}

char *
config_resolve(const struct config_parse *c, const char *rel)
{
	if (rel[0] == '/')
		return xstrdup(rel);
	if (strcmp(c->dir, "/") == 0)
		return xasprintf("/%s", rel);
	return xasprintf("%s/%s", c->dir, rel);
}

/*
 * The folder of path, absolute (from the current folder) unless embedded:
 * relative paths in the file must not change meaning when okno later
 * changes its folder.
 */
static char *
folder_of(const char *path, int embedded)
{
	const char *slash = strrchr(path, '/');
	char *d, *abs, cwd[PATH_MAX];

	if (slash == NULL)
		d = xstrdup(".");
	else if (slash == path)
		d = xstrdup("/");
	else {
		d = xstrdup(path);
		d[slash - path] = '\0';
	}
	if (embedded || d[0] == '/' || getcwd(cwd, sizeof cwd) == NULL)
		return d;
	if (strcmp(d, ".") == 0)
		abs = xstrdup(cwd);
	else
		abs = xasprintf("%s/%s", strcmp(cwd, "/") == 0 ? "" : cwd, d);
	free(d);
	return abs;
}

/* The zone must name a tzfile; glibc would silently fall back to UTC. */
static int
check_timezone(struct config_parse *c, const config_setting_t *s, const char *tz)
{
	const char *dir = getenv("TZDIR");
	struct stat st;
	char *file;
	int found;

	if (tz[0] == '\0' || tz[0] == '/' || tz[0] == ':' ||
	    strstr(tz, "..") != NULL)
		return config_bad(c, s, _("unknown time zone \"%s\""), tz);
	if (dir == NULL || dir[0] == '\0')
		dir = "/usr/share/zoneinfo";
	file = xasprintf("%s/%s", dir, tz);
	found = stat(file, &st) == 0 && S_ISREG(st.st_mode);
	free(file);
	if (!found)
		return config_bad(c, s, _("unknown time zone \"%s\" (not in %s)"),
		    tz, dir);
	return OKNO_OK;
}

static int
parse_branch(struct config_parse *c, const config_setting_t *root,
    struct config *cfg)
{
	static const char *const names[] = { "code", "name", "timezone",
	    "phone", "address", "language", NULL };
	config_setting_t *b, *s;
	const char *tz = NULL, *code, *lang = LANG_DEFAULT;

	if (get_group(c, root, "branch", 1, &b) != OKNO_OK ||
	    config_known(c, b, names) != OKNO_OK ||
	    config_get_string(c, b, "code", 1, &code, &s) != OKNO_OK)
		return OKNO_ECONFIG;
	/* The code goes into export rows and batch folder names. */
	if (strlen(code) > CODE_MAX || strspn(code, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789-_") != strlen(code))
		return config_bad(c, s, _("branch code \"%s\": use Latin letters, "
		    "digits, - and _ (at most %d)"), code, CODE_MAX);
	cfg->branch_code = xstrdup(code);
	if (config_dup_string(c, b, "name", 1, &cfg->branch_name) != OKNO_OK ||
	    config_dup_string(c, b, "phone", 0, &cfg->phone) != OKNO_OK ||
	    config_dup_string(c, b, "address", 0, &cfg->address) != OKNO_OK ||
	    config_get_string(c, b, "timezone", 0, &tz, &s) != OKNO_OK)
		return OKNO_ECONFIG;
	if (tz != NULL) {
		if (check_timezone(c, s, tz) != OKNO_OK)
			return OKNO_ECONFIG;
		cfg->timezone = xstrdup(tz);
	}
	/* The language of paper and boards (lang.h). */
	if (config_get_string(c, b, "language", 0, &lang, &s) != OKNO_OK)
		return OKNO_ECONFIG;
	if (!lang_name_ok(lang))
		return config_bad(c, s, _("language \"%s\": a language code "
		    "such as \"ru\" or \"en\""), lang);
	cfg->language = xstrdup(lang);
	return OKNO_OK;
}

static const struct embed_file *
embedded(const struct config_parse *c, const char *name)
{
	for (const struct embed_file *f = c->embed; f->path != NULL; f++)
		if (strcmp(f->path, name) == 0)
			return f;
	return NULL;
}

/* Loads one calendar named at setting s into cfg->cal. */
static int
add_calendar(struct config_parse *c, const config_setting_t *s, const char *path,
    struct config *cfg)
{
	const struct embed_file *f;
	struct stat st;
	int rc;

	if (c->embed != NULL) {
		if ((f = embedded(c, path)) == NULL)
			return config_bad(c, s, _("calendar file %s: not embedded"),
			    path);
		rc = calendar_add_buffer(cfg->cal, path, f->data, f->size,
		    c->e);
	} else {
		if (stat(path, &st) != 0)
			return config_bad(c, s, _("calendar file %s: %s"), path,
			    strerror(errno));
		rc = calendar_add_file(cfg->cal, path, c->e);
	}
	/* Not readable, or a year given twice: point at the setting. */
	if (rc == OKNO_EIO || rc == OKNO_ESTATE)
		return config_bad(c, s, "%s", c->e->msg);
	if (rc != OKNO_OK)	/* a bad file: the message points into it */
		c->e->code = OKNO_ECONFIG;
	return rc == OKNO_OK ? OKNO_OK : OKNO_ECONFIG;
}

/* calendar = "file" or [ "file", ... ]. */
static int
parse_calendars(struct config_parse *c, const config_setting_t *root,
    struct config *cfg)
{
	config_setting_t *l, *s;
	const char *v;
	int n;

	cfg->cal = calendar_new();
	if (config_member(c, root, "calendar", 0, &l) != OKNO_OK || l == NULL)
		return OKNO_OK;
	if (config_setting_type(l) == CONFIG_TYPE_STRING)
		n = 1;
	else if (config_setting_is_array(l) || config_setting_is_list(l))
		n = config_setting_length(l);
	else
		return config_bad(c, l, _("calendar must be a file name or a list "
		    "of them"));
	cfg->calendars = xcalloc((size_t)n, sizeof(char *));
	for (int i = 0; i < n; i++) {
		s = config_setting_type(l) == CONFIG_TYPE_STRING ? l :
		    config_setting_get_elem(l, i);
		if (config_check_string(c, s, 0, &v) != OKNO_OK)
			return OKNO_ECONFIG;
		if (*v == '\0')
			return config_bad(c, s, _("empty calendar file name"));
		cfg->calendars[cfg->ncalendars++] = resolve(c, v);
		if (add_calendar(c, s, cfg->calendars[i], cfg) != OKNO_OK)
			return OKNO_ECONFIG;
	}
	return OKNO_OK;
}

static int
valid_prefix(const char *p)
{
	size_t n = strlen(p);

	if (n < 1 || n > 2)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (p[i] < 'A' || p[i] > 'Z')
			return 0;
	return 1;
}

static int
parse_services(struct config_parse *c, const config_setting_t *root,
    struct config *cfg)
{
	static const char *const names[] = { "code", "prefix", "name",
	    "wait_norm", "service_norm", "cutoff", NULL };
	config_setting_t *l, *g, *ps;
	const char *code, *prefix;
	int n, cut;

	if (config_get_list(c, root, "services", 1, &l) != OKNO_OK ||
	    config_groups_only(c, l, "service") != OKNO_OK)
		return OKNO_ECONFIG;
	if ((n = config_setting_length(l)) == 0)
		return config_bad(c, l, _("no services configured"));
	cfg->services = xcalloc((size_t)n, sizeof *cfg->services);
	for (int i = 0; i < n; i++) {
		struct config_service *sv = &cfg->services[i];

		g = config_setting_get_elem(l, i);
		cfg->nservices++;
		if (config_known(c, g, names) != OKNO_OK ||
		    config_get_code(c, g, &code) != OKNO_OK)
			return OKNO_ECONFIG;
		if (config_service(cfg, code) != NULL)
			return config_bad(c, g, _("service \"%s\" is defined twice"),
			    code);
		sv->code = xstrdup(code);
		if (config_get_string(c, g, "prefix", 1, &prefix, &ps) != OKNO_OK)
			return OKNO_ECONFIG;
		if (!valid_prefix(prefix))
			return config_bad(c, ps, _("prefix \"%s\": use one or two "
			    "capital Latin letters (A-Z)"), prefix);
		for (int j = 0; j < i; j++)
			if (strcmp(cfg->services[j].prefix, prefix) == 0)
				return config_bad(c, ps, _("prefix \"%s\" is used by "
				    "service \"%s\" too"), prefix,
				    cfg->services[j].code);
		sv->prefix = xstrdup(prefix);
		if (config_dup_string(c, g, "name", 1, &sv->name) != OKNO_OK ||
		    config_get_int(c, g, "wait_norm", 1, 1, INT_MAX,
		    &sv->wait_norm) != OKNO_OK ||
		    config_get_int(c, g, "service_norm", 1, 1, INT_MAX,
		    &sv->service_norm) != OKNO_OK)
			return OKNO_ECONFIG;
		/* Absent: hours.cutoff applies (hours.c). */
		cut = -1;
		if (config_get_int(c, g, "cutoff", 0, 0, HOURS_CUTOFF_MAX,
		    &cut) != OKNO_OK)
			return OKNO_ECONFIG;
		if (cut >= 0) {
			cfg->cutoffs = xreallocarray(cfg->cutoffs,
			    cfg->ncutoffs + 1, sizeof *cfg->cutoffs);
			cfg->cutoffs[cfg->ncutoffs].service = i;
			cfg->cutoffs[cfg->ncutoffs++].minutes = cut;
		}
	}
	return OKNO_OK;
}

static int
parse_windows(struct config_parse *c, const config_setting_t *root,
    struct config *cfg)
{
	static const char *const names[] = { "number", "services", "lunch",
	    NULL };
	config_setting_t *l, *g, *sl, *s;
	const char *code;
	int n, idx;

	if (config_get_list(c, root, "windows", 1, &l) != OKNO_OK ||
	    config_groups_only(c, l, "window") != OKNO_OK)
		return OKNO_ECONFIG;
	if ((n = config_setting_length(l)) == 0)
		return config_bad(c, l, _("no windows configured"));
	cfg->windows = xcalloc((size_t)n, sizeof *cfg->windows);
	for (int i = 0; i < n; i++) {
		struct config_window *w = &cfg->windows[i];

		g = config_setting_get_elem(l, i);
		cfg->nwindows++;
		if (config_known(c, g, names) != OKNO_OK ||
		    config_get_int(c, g, "number", 1, 1, 999, &w->number) != OKNO_OK)
			return OKNO_ECONFIG;
		for (int j = 0; j < i; j++)
			if (cfg->windows[j].number == w->number)
				return config_bad(c, config_setting_get_member(g,
				    "number"), _("window %d is defined twice"),
				    w->number);
		if (config_get_list(c, g, "services", 1, &sl) != OKNO_OK)
			return OKNO_ECONFIG;
		if (config_setting_length(sl) == 0)
			return config_bad(c, sl, _("window %d serves no service"),
			    w->number);
		w->services = xcalloc((size_t)config_setting_length(sl),
		    sizeof(int));
		for (int j = 0; j < config_setting_length(sl); j++) {
			s = config_setting_get_elem(sl, j);
			if (config_check_string(c, s, 0, &code) != OKNO_OK)
				return OKNO_ECONFIG;
			if ((idx = config_service_index(cfg, code)) < 0)
				return config_bad(c, s, _("window %d: unknown "
				    "service \"%s\""), w->number, code);
			if (config_window_serves(w, idx))
				return config_bad(c, s, _("window %d: service \"%s\" "
				    "is listed twice"), w->number, code);
			w->services[w->nservices++] = idx;
		}
		if (config_member(c, g, "lunch", 0, &s) != OKNO_OK)
			return OKNO_ECONFIG;
		if (s != NULL) {
			struct config_lunch *lu;

			cfg->lunches = xreallocarray(cfg->lunches,
			    cfg->nlunches + 1, sizeof *cfg->lunches);
			lu = &cfg->lunches[cfg->nlunches];
			lu->window = w->number;
			if (config_get_span(c, s, 0, &lu->start, &lu->end) !=
			    OKNO_OK)
				return OKNO_ECONFIG;
			cfg->nlunches++;
		}
	}
	return OKNO_OK;
}

static int
parse_kinds(struct config_parse *c, const config_setting_t *l, struct config *cfg)
{
	static const char *const names[] = { "code", "name", "deadline",
	    "days", NULL };
	config_setting_t *g, *ds;
	const char *code, *days;
	int n;

	if (config_groups_only(c, l, "appeal kind") != OKNO_OK)
		return OKNO_ECONFIG;
	if ((n = config_setting_length(l)) == 0)
		return config_bad(c, l, _("no appeal kinds configured"));
	cfg->kinds = xcalloc((size_t)n, sizeof *cfg->kinds);
	for (int i = 0; i < n; i++) {
		struct config_kind *k = &cfg->kinds[i];

		g = config_setting_get_elem(l, i);
		cfg->nkinds++;
		if (config_known(c, g, names) != OKNO_OK ||
		    config_get_code(c, g, &code) != OKNO_OK)
			return OKNO_ECONFIG;
		if (config_kind(cfg, code) != NULL)
			return config_bad(c, g, _("appeal kind \"%s\" is defined "
			    "twice"), code);
		k->code = xstrdup(code);
		if (config_dup_string(c, g, "name", 1, &k->name) != OKNO_OK ||
		    config_get_int(c, g, "deadline", 1, 1, DEADLINE_MAX,
		    &k->deadline) != OKNO_OK)
			return OKNO_ECONFIG;
		days = "calendar";
		if (config_get_string(c, g, "days", 0, &days, &ds) != OKNO_OK)
			return OKNO_ECONFIG;
		if (strcmp(days, "calendar") == 0)
			k->days = CALENDAR_DAYS_CALENDAR;
		else if (strcmp(days, "working") == 0)
			k->days = CALENDAR_DAYS_WORKING;
		else
			return config_bad(c, ds, _("days \"%s\": use \"calendar\" or "
			    "\"working\""), days);
	}
	return OKNO_OK;
}

static int
parse_appeals(struct config_parse *c, const config_setting_t *root,
    struct config *cfg)
{
	static const char *const names[] = { "kinds", "topics",
	    "account_pattern", "retention_days", NULL };
	config_setting_t *a, *l, *s;
	const char *v, *pattern = DEFAULT_ACCOUNT;
	char buf[200];
	regex_t re;
	int rc;

	cfg->retention_days = DEFAULT_RETENTION;
	if (get_group(c, root, "appeals", 0, &a) != OKNO_OK ||
	    (a != NULL && config_known(c, a, names) != OKNO_OK) ||
	    config_get_list(c, a, "kinds", 0, &l) != OKNO_OK)
		return OKNO_ECONFIG;
	if (l != NULL) {
		if (parse_kinds(c, l, cfg) != OKNO_OK)
			return OKNO_ECONFIG;
	} else {
		cfg->kinds = xcalloc(nitems(default_kinds),
		    sizeof *cfg->kinds);
		for (size_t i = 0; i < nitems(default_kinds); i++) {
			cfg->kinds[i].code = xstrdup(default_kinds[i].code);
			cfg->kinds[i].name = xstrdup(_(default_kinds[i].name));
			cfg->kinds[i].deadline = default_kinds[i].deadline;
			cfg->kinds[i].days = default_kinds[i].days;
		}
		cfg->nkinds = nitems(default_kinds);
	}

	if (config_get_list(c, a, "topics", 0, &l) != OKNO_OK)
		return OKNO_ECONFIG;
	if (l != NULL && config_setting_length(l) > 0) {
		cfg->topics = xcalloc((size_t)config_setting_length(l),
		    sizeof(char *));
		for (int i = 0; i < config_setting_length(l); i++) {
			s = config_setting_get_elem(l, i);
			if (config_check_string(c, s, 0, &v) != OKNO_OK)
				return OKNO_ECONFIG;
			if (*v == '\0')
				return config_bad(c, s, _("empty topic"));
			cfg->topics[cfg->ntopics++] = xstrdup(v);
		}
	}

	if (config_get_string(c, a, "account_pattern", 0, &pattern, &s) != OKNO_OK)
		return OKNO_ECONFIG;
	if ((rc = regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB)) != 0) {
		regerror(rc, &re, buf, sizeof buf);
		regfree(&re);
		return config_bad(c, s, _("account_pattern \"%s\": %s"), pattern,
		    buf);
	}
	regfree(&re);
	cfg->account_pattern = xstrdup(pattern);
	return config_get_int(c, a, "retention_days", 0, 1, INT_MAX,
	    &cfg->retention_days);
}

/* A number member (integer or not), > 0 and at most WEIGHT_MAX. */
#define WEIGHT_MAX	1000
static int
get_weight(struct config_parse *c, const config_setting_t *g, double *out)
{
	config_setting_t *s;

	if (config_member(c, g, "weight", 1, &s) != OKNO_OK)
		return OKNO_ECONFIG;
	if (!config_setting_is_number(s))
		return config_bad(c, s, _("weight must be a number"));
	*out = config_setting_type(s) == CONFIG_TYPE_FLOAT ?
	    config_setting_get_float(s) :
	    (double)config_setting_get_int64(s);
	if (!(*out > 0))
		return config_bad(c, s, _("weight must be positive"));
	/* libconfig reads 1e400 as infinity; a weight is a small factor,
	 * and a sum of them must stay finite. */
	if (!isfinite(*out) || *out > WEIGHT_MAX)
		return config_bad(c, s, _("weight must be at most %d"),
		    WEIGHT_MAX);
	return OKNO_OK;
}

static int
parse_feedback(struct config_parse *c, const config_setting_t *root,
    struct config *cfg)
{
	static const char *const names[] = { "criteria", NULL };
	static const char *const cnames[] = { "code", "name", "weight",
	    NULL };
	config_setting_t *f, *l, *g;
	const char *code;
	int n;

	if (get_group(c, root, "feedback", 0, &f) != OKNO_OK ||
	    (f != NULL && config_known(c, f, names) != OKNO_OK) ||
	    config_get_list(c, f, "criteria", 0, &l) != OKNO_OK)
		return OKNO_ECONFIG;
	if (l == NULL) {
		n = (int)nitems(default_criteria);
		cfg->criteria = xcalloc((size_t)n, sizeof *cfg->criteria);
		for (int i = 0; i < n; i++) {
			cfg->criteria[i].code =
			    xstrdup(default_criteria[i].code);
			cfg->criteria[i].name =
			    xstrdup(_(default_criteria[i].name));
			cfg->criteria[i].weight = 1.0 / n;
		}
		cfg->ncriteria = (size_t)n;
		return OKNO_OK;
	}
	if (config_groups_only(c, l, "criterion") != OKNO_OK)
		return OKNO_ECONFIG;
	if ((n = config_setting_length(l)) == 0)
		return config_bad(c, l, _("no feedback criteria configured"));
	cfg->criteria = xcalloc((size_t)n, sizeof *cfg->criteria);
	for (int i = 0; i < n; i++) {
		struct config_criterion *cr = &cfg->criteria[i];

		g = config_setting_get_elem(l, i);
		cfg->ncriteria++;
		if (config_known(c, g, cnames) != OKNO_OK ||
		    config_get_code(c, g, &code) != OKNO_OK)
			return OKNO_ECONFIG;
		if (config_criterion(cfg, code) != NULL)
			return config_bad(c, g, _("criterion \"%s\" is defined "
			    "twice"), code);
		cr->code = xstrdup(code);
		if (config_dup_string(c, g, "name", 1, &cr->name) != OKNO_OK ||
		    get_weight(c, g, &cr->weight) != OKNO_OK)
			return OKNO_ECONFIG;
	}
	return OKNO_OK;
}

static int
parse_misc(struct config_parse *c, const config_setting_t *root, struct config *cfg)
{
	static const char *const ui_names[] = { "idle_lock", "idle_lock_hall",
	    NULL };
	static const char *const ticket_names[] = { "footer", NULL };
	config_setting_t *g, *s;
	const char *v;

	cfg->idle_lock = DEFAULT_IDLE_LOCK;
	cfg->idle_lock_hall = DEFAULT_IDLE_LOCK_HALL;
	if (get_group(c, root, "ui", 0, &g) != OKNO_OK ||
	    (g != NULL && config_known(c, g, ui_names) != OKNO_OK) ||
	    config_get_int(c, g, "idle_lock", 0, 0, 24 * 60,
	    &cfg->idle_lock) != OKNO_OK ||
	    config_get_int(c, g, "idle_lock_hall", 0, 0, 24 * 60,
	    &cfg->idle_lock_hall) != OKNO_OK)
		return OKNO_ECONFIG;
	if (get_group(c, root, "ticket", 0, &g) != OKNO_OK ||
	    (g != NULL && config_known(c, g, ticket_names) != OKNO_OK) ||
	    config_member(c, g, "footer", 0, &s) != OKNO_OK)
		return OKNO_ECONFIG;
	/* The footer may span lines on the slip. */
	if (s != NULL) {
		if (config_check_string(c, s, 1, &v) != OKNO_OK)
			return OKNO_ECONFIG;
		cfg->ticket_footer = xstrdup(v);
	}
	return OKNO_OK;
}

/*
 * export = { folder = "export"; keep_days = 30; }: where the nightly
 * batches are kept and how long after head office acknowledged them
 * (export-prune.c).  Both optional: "export" beside the database in use,
 * 30 days.
 */
static int
parse_export(struct config_parse *c, const config_setting_t *root,
    struct config *cfg)
{
	static const char *const names[] = { "folder", "keep_days", NULL };
	config_setting_t *g, *s;
	const char *folder = NULL;

	cfg->export_keep_days = DEFAULT_EXPORT_KEEP;
	if (get_group(c, root, "export", 0, &g) != OKNO_OK)
		return OKNO_ECONFIG;
	if (g == NULL)
		return OKNO_OK;
	if (config_known(c, g, names) != OKNO_OK ||
	    config_get_string(c, g, "folder", 0, &folder, &s) != OKNO_OK ||
	    config_get_int(c, g, "keep_days", 0, 0, 3660,
	    &cfg->export_keep_days) != OKNO_OK)
		return OKNO_ECONFIG;
	if (folder != NULL && folder[0] == '\0')
		return config_bad(c, s, _("empty export folder name"));
	if (folder != NULL)
		cfg->export_dir = resolve(c, folder);
	return OKNO_OK;
}

/*
 * queue = { undo = 5; return_grace = 10; fair_after = 20; }: minutes a
 * window may take back its last finish or no-show (0: never), minutes a
 * postponed ticket that came back waits for the window that postponed it
 * before another window may call it (0: any window at once), and minutes
 * after which an ordinary ticket ranks with the priority ones (absent: 0,
 * never; at most a day, as no ticket waits longer).
 */
static int
parse_queue(struct config_parse *c, const config_setting_t *root,
    struct config *cfg)
{
	static const char *const names[] = { "undo", "return_grace",
	    "fair_after", NULL };
	config_setting_t *g;

	cfg->undo_min = DEFAULT_UNDO;
	cfg->return_grace = DEFAULT_RETURN_GRACE;
	if (get_group(c, root, "queue", 0, &g) != OKNO_OK ||
	    (g != NULL && config_known(c, g, names) != OKNO_OK) ||
	    config_get_int(c, g, "undo", 0, 0, 60, &cfg->undo_min) !=
	    OKNO_OK ||
	    config_get_int(c, g, "return_grace", 0, 0, 240,
	    &cfg->return_grace) != OKNO_OK ||
	    config_get_int(c, g, "fair_after", 0, 1, 1440,
	    &cfg->fair_after) != OKNO_OK)
		return OKNO_ECONFIG;
	return OKNO_OK;
}

/* inspections = { catalogue = "criteria.conf"; }: where the catalogue is;
 * it is read by catalogue_load(), not here. */
static int
parse_inspections(struct config_parse *c, const config_setting_t *root,
    struct config *cfg)
{
	static const char *const names[] = { "catalogue", NULL };
	config_setting_t *g, *s;
	const char *v = DEFAULT_CATALOGUE;

	if (get_group(c, root, "inspections", 0, &g) != OKNO_OK ||
	    (g != NULL && config_known(c, g, names) != OKNO_OK) ||
	    config_get_string(c, g, "catalogue", 0, &v, &s) != OKNO_OK)
		return OKNO_ECONFIG;
	if (*v == '\0')
		return config_bad(c, s, _("empty catalogue file name"));
	cfg->catalogue = resolve(c, v);
	return OKNO_OK;
}

/* One of the words in list (NULL-terminated); reports the choices. */
static int
get_word(struct config_parse *c, const config_setting_t *g, const char *name,
    const char *const *list, char **dst)
{
	config_setting_t *s;
	const char *v = NULL;

	if (config_get_string(c, g, name, 0, &v, &s) != OKNO_OK)
		return OKNO_ECONFIG;
	if (v == NULL)
		return OKNO_OK;
	for (const char *const *w = list; *w != NULL; w++)
		if (strcmp(*w, v) == 0) {
			free(*dst);
			*dst = xstrdup(v);
			return OKNO_OK;
		}
	if (strcmp(name, "flow") == 0 && (strncasecmp(v, "dtr", 3) == 0 ||
	    strncasecmp(v, "dsr", 3) == 0))
		return config_bad(c, s, _("flow \"%s\": DTR/DSR flow control is not "
		    "supported (libserialport); use \"none\", \"rtscts\" or "
		    "\"xonxoff\""), v);
	if (list[2] == NULL)
		return config_bad(c, s, _("%s \"%s\": use \"%s\" or \"%s\""), name, v,
		    list[0], list[1]);
	return config_bad(c, s, _("%s \"%s\": use \"%s\", \"%s\" or \"%s\""), name,
	    v, list[0], list[1], list[2]);
}

static int
parse_window_addr(struct config_parse *c, const config_setting_t *l,
    struct config_device *dev, const struct config *cfg)
{
	static const char *const names[] = { "window", "address", NULL };
	config_setting_t *g;
	int n = config_setting_length(l), w, a;

	if (config_groups_only(c, l, "window display") != OKNO_OK)
		return OKNO_ECONFIG;
	dev->window_addr = xcalloc((size_t)n * 2, sizeof(int));
	for (int i = 0; i < n; i++) {
		g = config_setting_get_elem(l, i);
		if (config_known(c, g, names) != OKNO_OK ||
		    config_get_int(c, g, "window", 1, 1, INT_MAX, &w) != OKNO_OK ||
		    config_get_int(c, g, "address", 1, 0, 255, &a) != OKNO_OK)
			return OKNO_ECONFIG;
		if (config_window(cfg, w) == NULL)
			return config_bad(c, g, _("no window %d is configured"), w);
		if (config_device_window_addr(dev, w) >= 0)
			return config_bad(c, g, _("window %d has two displays"), w);
		for (size_t j = 0; j < dev->nwindow_addr; j++)
			if (dev->window_addr[2 * j + 1] == a)
				return config_bad(c, g, _("address %d is used by "
				    "window %d too"), a,
				    dev->window_addr[2 * j]);
		if (a == dev->address)
			return config_bad(c, g, _("address %d is the hall board's"),
			    a);
		dev->window_addr[2 * dev->nwindow_addr] = w;
		dev->window_addr[2 * dev->nwindow_addr + 1] = a;
		dev->nwindow_addr++;
	}
	return OKNO_OK;
}

/* A device group; which is "printer" or "board". */
static int
parse_device(struct config_parse *c, const config_setting_t *devs, const char *which,
    struct config_device *dev, const struct config *cfg)
{
	static const char *const names[] = { "driver", "port", "baud", "bits",
	    "parity", "stopbits", "flow", "codepage", "charset", "kanji_off",
	    "address", "columns", "lines", "timeout_ms", "uucp_lock",
	    "windows", NULL };
	static const char *const printers[] = { "escpos", NULL };
	static const char *const boards[] = { "dmd", "alpha", "rs485", NULL };
	static const char *const keypads[] = { "digits", NULL };
	static const char *const parities[] = { "none", "odd", "even", NULL };
	static const char *const flows[] = { "none", "rtscts", "xonxoff",
	    NULL };
	const char *const *drivers = strcmp(which, "printer") == 0 ?
	    printers : strcmp(which, "keypad") == 0 ? keypads : boards;
	config_setting_t *g, *s, *l;
	const char *v;
	char *port = NULL;
	iconv_t cd;
	int i, rc = OKNO_ECONFIG;

	if (get_group(c, devs, which, 0, &g) != OKNO_OK)
		return OKNO_ECONFIG;
	if (g == NULL)
		return OKNO_OK;
	if (config_known(c, g, names) != OKNO_OK ||
	    config_get_string(c, g, "driver", 1, &v, &s) != OKNO_OK)
		return OKNO_ECONFIG;
	for (i = 0; drivers[i] != NULL; i++)
		if (strcmp(drivers[i], v) == 0)
			break;
	if (drivers[i] == NULL)
		return config_bad(c, s, drivers == printers ?
		    _("unknown printer driver \"%s\" (known: escpos)") :
		    drivers == keypads ?
		    _("unknown keypad driver \"%s\" (known: digits)") :
		    _("unknown board driver \"%s\" (known: dmd, alpha, "
		    "rs485)"), v);
	dev->driver = xstrdup(v);
	dev->baud = 9600;
	dev->bits = 8;
	dev->parity = xstrdup("none");
	dev->stopbits = 1;
	dev->flow = xstrdup("none");
	dev->codepage = -1;
	dev->charset = xstrdup(strcmp(v, "rs485") == 0 ||
	    strcmp(v, "alpha") == 0 ? "CP1251" : "CP866");
	dev->address = -1;
	dev->columns = strcmp(v, "dmd") == 0 ? 20 : 0;
	dev->lines = strcmp(v, "dmd") == 0 ? 2 : 0;
	/* A keypad's timeout is a client's time to answer one question. */
	dev->timeout_ms = drivers == keypads ? 30000 : 2000;

	if (config_dup_string(c, g, "port", 1, &port) != OKNO_OK)
		goto out;
	dev->port = resolve(c, port);
	if (config_get_int(c, g, "baud", 0, 1, INT_MAX, &dev->baud) != OKNO_OK)
		goto out;
	for (i = 0; i < (int)nitems(bauds); i++)
		if (bauds[i] == dev->baud)
			break;
	if (i == (int)nitems(bauds)) {
		config_bad(c, config_setting_get_member(g, "baud"), _("baud %d: use "
		    "1200, 2400, 4800, 9600, 19200, 38400, 57600 or 115200"),
		    dev->baud);
		goto out;
	}
	if (config_get_int(c, g, "bits", 0, 5, 8, &dev->bits) != OKNO_OK ||
	    get_word(c, g, "parity", parities, &dev->parity) != OKNO_OK ||
	    config_get_int(c, g, "stopbits", 0, 1, 2, &dev->stopbits) != OKNO_OK ||
	    get_word(c, g, "flow", flows, &dev->flow) != OKNO_OK ||
	    config_get_int(c, g, "codepage", 0, -1, 255, &dev->codepage) !=
	    OKNO_OK ||
	    config_dup_string(c, g, "charset", 0, &dev->charset) != OKNO_OK ||
	    get_bool(c, g, "kanji_off", &dev->kanji_off) != OKNO_OK ||
	    config_get_int(c, g, "address", 0, -1, 255, &dev->address) != OKNO_OK ||
	    config_get_int(c, g, "columns", 0, 1, 255, &dev->columns) != OKNO_OK ||
	    config_get_int(c, g, "lines", 0, 1, 16, &dev->lines) != OKNO_OK ||
	    config_get_int(c, g, "timeout_ms", 0, 1, 60000, &dev->timeout_ms) !=
	    OKNO_OK ||
	    get_bool(c, g, "uucp_lock", &dev->uucp_lock) != OKNO_OK ||
	    config_get_list(c, g, "windows", 0, &l) != OKNO_OK)
		goto out;
	/* The drivers convert with iconv: an unknown name would fail late. */
	if ((cd = iconv_open(dev->charset, "UTF-8")) == (iconv_t)-1) {
		config_bad(c, config_setting_get_member(g, "charset"),
		    _("unknown charset \"%s\""), dev->charset);
		goto out;
	}
	iconv_close(cd);
	if (l != NULL) {
		if (strcmp(dev->driver, "rs485") != 0) {
			config_bad(c, l, _("window displays need the rs485 board "
			    "driver"));
			goto out;
		}
		if (parse_window_addr(c, l, dev, cfg) != OKNO_OK)
			goto out;
	}
	rc = OKNO_OK;
out:
	free(port);
	return rc;
}

static int
parse_devices(struct config_parse *c, const config_setting_t *root,
    struct config *cfg)
{
	static const char *const names[] = { "printer", "board", "keypad",
	    "sound", NULL };
	config_setting_t *d;

	if (get_group(c, root, "devices", 0, &d) != OKNO_OK)
		return OKNO_ECONFIG;
	if (d == NULL)
		return OKNO_OK;
	if (config_known(c, d, names) != OKNO_OK ||
	    parse_device(c, d, "printer", &cfg->printer, cfg) != OKNO_OK ||
	    parse_device(c, d, "board", &cfg->board, cfg) != OKNO_OK ||
	    parse_device(c, d, "keypad", &cfg->keypad, cfg) != OKNO_OK ||
	    config_parse_sound(c, d, cfg) != OKNO_OK)
		return OKNO_ECONFIG;
	return OKNO_OK;
}

static int
parse(struct config_parse *c, const config_t *lc, struct config *cfg)
{
	static const char *const names[] = { "branch", "database",
	    "reports", "calendar", "services", "windows", "appeals",
	    "feedback", "ui", "ticket", "devices", "inspections",
	    "clock_offset", "hours", "pause_reasons", "export", "priorities",
	    "queue", "outcomes", "visits", "bookings", NULL };
	const config_setting_t *root = config_root_setting(lc);
	config_setting_t *s;
	const char *db = DEFAULT_DATABASE, *reports = NULL;

	if (config_known(c, root, names) != OKNO_OK ||
	    parse_branch(c, root, cfg) != OKNO_OK ||
	    config_get_string(c, root, "database", 0, &db, NULL) != OKNO_OK ||
	    config_get_string(c, root, "reports", 0, &reports, &s) != OKNO_OK)
		return OKNO_ECONFIG;
	cfg->database = resolve(c, db);
	/* Absent: beside the database in use (config_reports_dir). */
	if (reports != NULL && reports[0] == '\0')
		return config_bad(c, s, _("empty reports folder name"));
	if (reports != NULL)
		cfg->reports = resolve(c, reports);
	/* Ten years either way is any training office's need. */
	if (config_get_int(c, root, "clock_offset", 0, -10 * 366 * 86400,
	    10 * 366 * 86400, &cfg->clock_offset) != OKNO_OK)
		return OKNO_ECONFIG;
	if (parse_calendars(c, root, cfg) != OKNO_OK ||
	    parse_services(c, root, cfg) != OKNO_OK ||
	    parse_windows(c, root, cfg) != OKNO_OK ||
	    config_parse_hours(c, root, cfg) != OKNO_OK ||
	    config_parse_pause_reasons(c, root, cfg) != OKNO_OK ||
	    config_parse_priorities(c, root, cfg) != OKNO_OK ||
	    parse_appeals(c, root, cfg) != OKNO_OK ||
	    parse_feedback(c, root, cfg) != OKNO_OK ||
	    parse_misc(c, root, cfg) != OKNO_OK ||
	    parse_queue(c, root, cfg) != OKNO_OK ||
	    parse_inspections(c, root, cfg) != OKNO_OK ||
	    parse_export(c, root, cfg) != OKNO_OK ||
	    parse_devices(c, root, cfg) != OKNO_OK ||
	    config_parse_visits(c, root, cfg) != OKNO_OK ||
	    config_parse_bookings(c, root, cfg) != OKNO_OK)
		return OKNO_ECONFIG;
	return OKNO_OK;
}

/* The one path all loaders take: text parsed, checked, TZ set. */
static int
load(const char *text, const char *path, const struct embed_file *embed,
    struct config **out, struct err *e)
{
	struct config *cfg;
	struct config_parse c;
	struct err local;
	config_t lc;
	int rc;

	*out = NULL;
	if (e == NULL)		/* the parse reads messages back from e */
		e = &local;
	err_clear(e);
	cfg = xcalloc(1, sizeof *cfg);
	cfg->path = xstrdup(path);
	cfg->dir = folder_of(path, embed != NULL);
	cfg->embedded = embed != NULL;
	c.path = cfg->path;
	c.dir = cfg->dir;
	c.embed = embed;
	c.e = e;
	config_init(&lc);
	config_set_include_dir(&lc, cfg->dir);
	if (config_read_string(&lc, text) != CONFIG_TRUE)
		rc = err_set(e, OKNO_ECONFIG, "%s:%d: %s",
		    config_error_file(&lc) != NULL ? config_error_file(&lc) :
		    path, config_error_line(&lc), config_error_text(&lc));
	else
		rc = parse(&c, &lc, cfg);
	config_destroy(&lc);
	if (rc != OKNO_OK) {
		config_free(cfg);
		return OKNO_ECONFIG;
	}
	if (cfg->timezone != NULL) {
		setenv("TZ", cfg->timezone, 1);
		tzset();
	}
	/* Like the zone, the clients' language is the process's. */
	lang_client_set(cfg->language);
	*out = cfg;
	return OKNO_OK;
}

const char *
config_find(const char *explicit_path)
{
	const char *env;

	if (explicit_path != NULL && explicit_path[0] != '\0')
		return explicit_path;
	if ((env = getenv("OKNO_CONFIG")) != NULL && env[0] != '\0')
		return env;
	return SYSCONFDIR "/okno/okno.conf";
}

/* A configuration is a few kilobytes; refuse to slurp anything huge. */
#define CONFIG_MAX_SIZE	(1024 * 1024)

/*
 * Reads a whole text file into *text (NUL-terminated, freed by the
 * caller).  Errors are OKNO_ECONFIG naming the file.
 */
int
config_read_text(const char *path, char **text, struct err *e)
{
	FILE *fp;
	char *buf;
	const char *why;
	size_t len = 0, n;
	int rc = OKNO_OK;

	*text = NULL;
	if ((fp = fopen_regular(path, &why)) == NULL)
		return err_set(e, OKNO_ECONFIG, _("%s: cannot read: %s"), path,
		    why);
	buf = xmalloc(CONFIG_MAX_SIZE + 1);
	while (len < CONFIG_MAX_SIZE &&
	    (n = fread(buf + len, 1, CONFIG_MAX_SIZE - len, fp)) > 0)
		len += n;
	if (ferror(fp))
		rc = err_set(e, OKNO_ECONFIG, _("%s: cannot read: %s"), path,
		    strerror(errno));
	else if (len == CONFIG_MAX_SIZE && fgetc(fp) != EOF)
		rc = err_set(e, OKNO_ECONFIG, _("%s: too large"), path);
	else {
		buf[len] = '\0';
		if (strlen(buf) != len)
			rc = err_set(e, OKNO_ECONFIG, _("%s: not a text file "
			    "(it contains a NUL byte)"), path);
	}
	fclose(fp);
	if (rc != OKNO_OK)
		free(buf);
	else
		*text = buf;
	return rc;
}

int
config_load(const char *path, struct config **out, struct err *e)
{
	char *text;
	int rc;

	*out = NULL;
	if ((rc = config_read_text(path, &text, e)) != OKNO_OK)
		return rc;
	rc = load(text, path, NULL, out, e);
	free(text);
	return rc;
}

int
config_load_string(const char *text, const char *path, struct config **out,
    struct err *e)
{
	return load(text, path, NULL, out, e);
}

int
config_load_embedded(struct config **out, struct err *e)
{
	const char *name = "conf/okno.conf";
	const struct embed_file *f;
	char *text;
	int rc;

	*out = NULL;
	for (f = embed_files; f->path != NULL; f++)
		if (strcmp(f->path, name) == 0)
			break;
	if (f->path == NULL)
		return err_set(e, OKNO_ECONFIG, _("%s: not embedded"), name);
	/* embed.sh ends each file with a NUL, but do not rely on it. */
	text = xmalloc(f->size + 1);
	memcpy(text, f->data, f->size);
	text[f->size] = '\0';
	rc = load(text, name, embed_files, out, e);
	free(text);
	return rc;
}

static void
device_free(struct config_device *d)
{
	free(d->driver);
	free(d->port);
	free(d->parity);
	free(d->flow);
	free(d->charset);
	free(d->window_addr);
}

void
config_free(struct config *cfg)
{
	size_t i;

	if (cfg == NULL)
		return;
	free(cfg->path);
	free(cfg->dir);
	free(cfg->branch_code);
	free(cfg->branch_name);
	free(cfg->timezone);
	free(cfg->language);
	free(cfg->phone);
	free(cfg->address);
	free(cfg->database);
	free(cfg->reports);
	free(cfg->export_dir);
	for (i = 0; i < cfg->ncalendars; i++)
		free(cfg->calendars[i]);
	free(cfg->calendars);
	calendar_free(cfg->cal);
	for (i = 0; i < cfg->nservices; i++) {
		free(cfg->services[i].code);
		free(cfg->services[i].prefix);
		free(cfg->services[i].name);
	}
	free(cfg->services);
	for (i = 0; i < cfg->nwindows; i++)
		free(cfg->windows[i].services);
	free(cfg->windows);
	for (i = 0; i < cfg->npause_reasons; i++) {
		free(cfg->pause_reasons[i].code);
		free(cfg->pause_reasons[i].name);
	}
	free(cfg->pause_reasons);
	config_priorities_free(cfg);
	free(cfg->cutoffs);
	free(cfg->lunches);
	for (i = 0; i < cfg->nkinds; i++) {
		free(cfg->kinds[i].code);
		free(cfg->kinds[i].name);
	}
	free(cfg->kinds);
	for (i = 0; i < cfg->ntopics; i++)
		free(cfg->topics[i]);
	free(cfg->topics);
	free(cfg->account_pattern);
	for (i = 0; i < cfg->ncriteria; i++) {
		free(cfg->criteria[i].code);
		free(cfg->criteria[i].name);
	}
	free(cfg->criteria);
	free(cfg->catalogue);
	free(cfg->ticket_footer);
	device_free(&cfg->printer);
	device_free(&cfg->board);
	device_free(&cfg->keypad);
	config_sound_free(&cfg->sound);
	config_visits_free(cfg);
	config_bookings_free(cfg);
	free(cfg);
}

const struct config_service *
config_service(const struct config *cfg, const char *code)
{
	int i = config_service_index(cfg, code);

	return i < 0 ? NULL : &cfg->services[i];
}

/* During parsing a service's code may still be NULL: skip it. */
int
config_service_index(const struct config *cfg, const char *code)
{
	for (size_t i = 0; i < cfg->nservices; i++)
		if (cfg->services[i].code != NULL &&
		    strcmp(cfg->services[i].code, code) == 0)
			return (int)i;
	return -1;
}

const struct config_window *
config_window(const struct config *cfg, int number)
{
	for (size_t i = 0; i < cfg->nwindows; i++)
		if (cfg->windows[i].number == number)
			return &cfg->windows[i];
	return NULL;
}

int
config_window_serves(const struct config_window *w, int service)
{
	if (w == NULL)
		return 0;
	for (size_t i = 0; i < w->nservices; i++)
		if (w->services[i] == service)
			return 1;
	return 0;
}

const struct config_kind *
config_kind(const struct config *cfg, const char *code)
{
	for (size_t i = 0; i < cfg->nkinds; i++)
		if (cfg->kinds[i].code != NULL &&
		    strcmp(cfg->kinds[i].code, code) == 0)
			return &cfg->kinds[i];
	return NULL;
}

int
config_service_cutoff(const struct config *cfg, int service)
{
	for (size_t i = 0; i < cfg->ncutoffs; i++)
		if (cfg->cutoffs[i].service == service)
			return cfg->cutoffs[i].minutes;
	return -1;
}

const struct config_lunch *
config_window_lunch(const struct config *cfg, int window)
{
	for (size_t i = 0; i < cfg->nlunches; i++)
		if (cfg->lunches[i].window == window)
			return &cfg->lunches[i];
	return NULL;
}

const struct config_pause_reason *
config_pause_reason(const struct config *cfg, const char *code)
{
	for (size_t i = 0; i < cfg->npause_reasons; i++)
		if (cfg->pause_reasons[i].code != NULL &&
		    strcmp(cfg->pause_reasons[i].code, code) == 0)
			return &cfg->pause_reasons[i];
	return NULL;
}

const struct config_criterion *
config_criterion(const struct config *cfg, const char *code)
{
	for (size_t i = 0; i < cfg->ncriteria; i++)
		if (cfg->criteria[i].code != NULL &&
		    strcmp(cfg->criteria[i].code, code) == 0)
			return &cfg->criteria[i];
	return NULL;
}

int
config_device_window_addr(const struct config_device *dev, int window)
{
	for (size_t i = 0; i < dev->nwindow_addr; i++)
		if (dev->window_addr[2 * i] == window)
			return dev->window_addr[2 * i + 1];
	return -1;
}

char *
config_export_dir(const struct config *cfg, const char *db)
{
	const char *slash;

	if (cfg->export_dir != NULL)
		return xstrdup(cfg->export_dir);
	if (db == NULL)
		db = cfg->database;
	if ((slash = strrchr(db, '/')) == NULL)
		return xstrdup("export");
	if (slash == db)
		return xstrdup("/export");
	return xasprintf("%.*s/export", (int)(slash - db), db);
}

char *
config_reports_dir(const struct config *cfg, const char *db)
{
	const char *slash;

	if (cfg->reports != NULL)
		return xstrdup(cfg->reports);
	if (db == NULL)
		db = cfg->database;
	if ((slash = strrchr(db, '/')) == NULL)
		return xstrdup("reports");
	if (slash == db)
		return xstrdup("/reports");
	return xasprintf("%.*s/reports", (int)(slash - db), db);
}
