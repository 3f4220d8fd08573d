/* cmd-export.c: okno export --out DIR | --ack BATCH (the nightly upload). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "export.h"

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
	return 0;
}
