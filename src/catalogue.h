/* catalogue.h: the inspection catalogue: the service standard's criteria,
 * how each is controlled, and which of okno's own figures answer it. */
#ifndef OKNO_CATALOGUE_H
#define OKNO_CATALOGUE_H

#include "config.h"

/*
 * The quality-control catalogue (conf/criteria.conf), a file of its own so
 * that head office can replace it; read by catalogue_load().
 */
enum catalogue_group {
	CATALOGUE_CONDITIONAL,		/* условно выполнимые */
	CATALOGUE_UNCONDITIONAL		/* безусловно выполнимые */
};

/* Control mechanisms, a bit set; one per inspection kind (inspect.h). */
#define CONTROL_INTERNAL_AUDIT	0x1
#define CONTROL_EXTERNAL_AUDIT	0x2
#define CONTROL_MYSTERY_SHOPPER	0x4

/* Which figures of okno's own data answer a criterion (inspect.h). */
enum evidence {
	EVIDENCE_NONE,
	EVIDENCE_APPEALS_ON_TIME,	/* appeals answered by the due date */
	EVIDENCE_NORMS,			/* waits and services within norm */
	EVIDENCE_FEEDBACK,		/* ratings collected, complaint book */
	EVIDENCE_SYSTEMS		/* queue and register in use, devices */
};

struct catalogue_criterion {
	char		*code;		/* "U1": [A-Z][A-Z0-9_]*, <= 16 */
	enum catalogue_group group;
	int		 number;	/* its number in the standard */
	char		*title;		/* short name for screens */
	char		*text;		/* the standard's words; may hold \n */
	char		*control;	/* «Механизм контроля», as written */
	unsigned	 mechanisms;	/* CONTROL_* bits, at least one */
	enum evidence	 evidence;
};

struct catalogue {
	char				*path;	/* the file read */
	struct catalogue_criterion	*items;	/* file order */
	size_t				 n;
};

/*
 * Reads the inspection catalogue cfg->catalogue (from embed.h when cfg is
 * embedded).  Errors are OKNO_ECONFIG with "FILE:LINE: message", like the
 * configuration's.  Read on demand (inspections, reports, check-config),
 * so that a broken catalogue never stops the queue.
 */
int	 catalogue_load(const struct config *, struct catalogue **,
	     struct err *);
void	 catalogue_free(struct catalogue *);
const struct catalogue_criterion *catalogue_find(const struct catalogue *,
	     const char *code);
/* "conditional", "unconditional"; "internal_audit", ... for one bit. */
const char	*catalogue_group_name(enum catalogue_group);
const char	*catalogue_mechanism_name(unsigned bit);
const char	*catalogue_evidence_name(enum evidence);	/* "" none */

#endif
