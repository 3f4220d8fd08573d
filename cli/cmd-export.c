/* cmd-export.c: okno export --out DIR | --ack BATCH (the nightly upload). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "export.h"

/*
 * After a batch is written: the folder's delivered batches that are due
 * go (export-prune.c), so local copies of personal data do not pile up.
 * Reported on stderr: stdout is the new batch's path, which okno-sync
 * reads.
 */
static int
cmd_export_prune(struct cmd_env *env, const char *dir)
{
	struct export_prune_result pr;
	struct err e;
	int rc;

	err_clear(&e);
	rc = export_prune(&env->ctx, dir, &pr, &e);
	if (pr.batches > 0)
		cmd_warn(ngettext("%d old export batch removed: %s",
		    "%d old export batches removed: %s",
		    (unsigned long)pr.batches), pr.batches, pr.names);
	export_prune_free(&pr);
	return rc == OKNO_OK ? 0 : cmd_err(&e);
}

int
cmd_export(struct cmd_env *env, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "out", required_argument, NULL, 'o' },
		{ "ack", required_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 }
	};
	struct export_result r;
	struct err e;
	const char *out = NULL, *ack = NULL;
	int ch;

	while ((ch = cmd_getopt(argc, argv, "o:a:", longopts)) != -1) {
		if (ch == 'o')
			out = optarg;
		else if (ch == 'a')
			ack = optarg;
		else
			return cmd_usage("export");
	}
	if (optind != argc || (out == NULL) == (ack == NULL))
		return cmd_usage("export");
	err_clear(&e);
	if (ack != NULL) {
		if (export_ack(&env->ctx, ack, &e) != OKNO_OK)
			return cmd_err(&e);
		return 0;
	}
	if (export_batch(&env->ctx, out, &r, &e) != OKNO_OK)
		return cmd_err(&e);
	printf("%s\n", r.path);
	free(r.path);
	return cmd_export_prune(env, out);
}
