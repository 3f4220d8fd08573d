/* cmd-export.c: okno export --out DIR | --ack BATCH | --restored (the
 * nightly upload), and okno keygen (the key that signs the batches). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batchkey.h"
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
		{ "restored", no_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 }
	};
	struct export_result r;
	struct err e;
	const char *out = NULL, *ack = NULL;
	char epoch[EXPORT_EPOCH_MAX], *kpath;
	int ch, restored = 0;

	while ((ch = cmd_getopt(argc, argv, "o:a:r", longopts)) != -1) {
		if (ch == 'o')
			out = optarg;
		else if (ch == 'a')
			ack = optarg;
		else if (ch == 'r')
			restored = 1;
		else
			return cmd_usage("export");
	}
	if (optind != argc ||
	    (out != NULL) + (ack != NULL) + restored != 1)
		return cmd_usage("export");
	err_clear(&e);
	if (ack != NULL) {
		if (export_ack(&env->ctx, ack, &e) != OKNO_OK)
			return cmd_err(&e);
		return 0;
	}
	if (restored) {
		if (export_restored(&env->ctx, epoch, &e) != OKNO_OK)
			return cmd_err(&e);
		printf(_("new export epoch %s: head office loads the next "
		    "batches after the ones it has\n"), epoch);
		return 0;
	}
	if (export_batch(&env->ctx, out, &r, &e) != OKNO_OK)
		return cmd_err(&e);
	if (!r.signed_batch) {
		kpath = batchkey_path(env->cfg);
		cmd_warn(_("%s is not signed: there is no %s (okno keygen), "
		    "and head office refuses unsigned batches"), r.name,
		    kpath);
		free(kpath);
	}
	printf("%s\n", r.path);
	free(r.path);
	return cmd_export_prune(env, out);
}

/*
 * okno keygen [--public]: creates the branch's signing key beside the
 * configuration and prints the line head office registers (okno-load
 * --register); --public prints that line for the key there is.
 */
int
cmd_keygen(struct cmd_env *env, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "public", no_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 }
	};
	struct batchkey k;
	struct err e;
	char pub[BATCHKEY_PUB_MAX], *kpath;
	int ch, public = 0, present, rc;

	while ((ch = cmd_getopt(argc, argv, "p", longopts)) != -1) {
		if (ch == 'p')
			public = 1;
		else
			return cmd_usage("keygen");
	}
	if (optind != argc)
		return cmd_usage("keygen");
	err_clear(&e);
	kpath = batchkey_path(env->cfg);
	if (public) {
		rc = batchkey_load(kpath, &k, &present, &e);
		if (rc == OKNO_OK && !present)
			rc = err_set(&e, OKNO_ENOENT, _("no key %s: okno "
			    "keygen makes one"), kpath);
		if (rc == OKNO_OK)
			batchkey_public(&k, pub);
		explicit_bzero(&k, sizeof k);
	} else
		rc = batchkey_create(kpath, pub, &e);
	free(kpath);
	if (rc != OKNO_OK)
		return cmd_err(&e);
	printf("%s %s\n", env->cfg->branch_code ? env->cfg->branch_code : "",
	    pub);
	return 0;
}
