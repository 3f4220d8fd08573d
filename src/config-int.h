/* config-int.h: what the files that parse configuration files
 * (config.c, catalogue.c) share and nobody else needs: the parse's
 * context and the checks of settings.  Only these include libconfig.h
 * (tools/layers.sh). */
#ifndef OKNO_CONFIG_INT_H
#define OKNO_CONFIG_INT_H

#include <libconfig.h>

#include "config.h"
#include "embed.h"

/* What one parse needs besides the libconfig tree. */
struct config_parse {
	const char		*path;	/* for messages */
	const char		*dir;	/* relative paths start here */
	const struct embed_file	*embed;	/* non-NULL: calendars from here */
	struct err		*e;
};

/*
 * Reports a mistake at setting s (the file's first line when s is NULL or
 * the root) as "FILE:LINE: message" in c->e and returns OKNO_ECONFIG.
 */
int	 config_bad(struct config_parse *, const config_setting_t *s,
	     const char *fmt, ...) OKNO_PRINTF(3, 4);
/* Rejects members of group g not in names (a typo would go unnoticed). */
int	 config_known(struct config_parse *, const config_setting_t *g,
	     const char *const *names);
/*
 * Finds member name of g (g may be NULL: absent).  *out is NULL when it is
 * absent and not required.  config_get_list: a list ( ... ) or an array
 * [ ... ].
 */
int	 config_member(struct config_parse *, const config_setting_t *g,
	     const char *name, int required, config_setting_t **out);
int	 config_get_list(struct config_parse *, const config_setting_t *g,
	     const char *name, int required, config_setting_t **out);
/* Each element of list l must be a group; reports the first that is not. */
int	 config_groups_only(struct config_parse *, const config_setting_t *l,
	     const char *what);
/*
 * Checks a string setting s: UTF-8, no control characters (the
 * administrator's text may hold any other character: what reaches a
 * terminal or device is made safe on the way out).
 */
int	 config_check_string(struct config_parse *, const config_setting_t *s,
	     int multiline, const char **out);
/* A string member; *out is left alone when absent and not required. */
int	 config_get_string(struct config_parse *, const config_setting_t *g,
	     const char *name, int required, const char **out,
	     config_setting_t **where);
/* Sets *dst to a copy of member name when present. */
int	 config_dup_string(struct config_parse *, const config_setting_t *g,
	     const char *name, int required, char **dst);
/* An integer member in [min, max]; *out is left alone when absent. */
int	 config_get_int(struct config_parse *, const config_setting_t *g,
	     const char *name, int required, int min, int max, int *out);
/* A code member ("code"): a lower-case Latin letter, then a-z 0-9 _. */
int	 config_get_code(struct config_parse *, const config_setting_t *g,
	     const char **out);

/* The longest cut-off, minutes: a whole day. */
#define HOURS_CUTOFF_MAX	1440
/*
 * A span "HH:MM-HH:MM" at string setting s (config-hours.c): minutes from
 * midnight, the start before the end; the end may be 24:00.  allow_empty:
 * "" is a closed day, both -1.  Other mistakes are reported at s.
 */
int	 config_get_span(struct config_parse *, const config_setting_t *s,
	     int allow_empty, int *start, int *end);
/* `hours` and `pause_reasons` (config-hours.c); after the services. */
int	 config_parse_hours(struct config_parse *, const config_setting_t *root,
	     struct config *);
int	 config_parse_pause_reasons(struct config_parse *,
	     const config_setting_t *root, struct config *);

/* `priorities` and `queue` (config-priorities.c). */
int	 config_parse_priorities(struct config_parse *,
	     const config_setting_t *root, struct config *);
void	 config_priorities_free(struct config *);

/* devices.sound (config-sound.c); g is the devices group, may be NULL. */
int	 config_parse_sound(struct config_parse *, const config_setting_t *g,
	     struct config *);
void	 config_sound_free(struct config_sound *);

/* `outcomes` and `visits` (config-visits.c); after the services. */
int	 config_parse_visits(struct config_parse *,
	     const config_setting_t *root, struct config *);
void	 config_visits_free(struct config *);

/* `bookings` (config-bookings.c); after the services. */
int	 config_parse_bookings(struct config_parse *,
	     const config_setting_t *root, struct config *);
void	 config_bookings_free(struct config *);

/* rel made absolute from the configuration's folder; free() it. */
char	*config_resolve(const struct config_parse *, const char *rel);

/*
 * Reads a whole text file into *text (NUL-terminated, freed by the
 * caller).  Errors are OKNO_ECONFIG naming the file.
 */
int	 config_read_text(const char *path, char **text, struct err *);

#endif
