/* cmd-verify.c: okno verify, head office's check of the branches' batches
 * for okno-load (batchcheck.c; okno(1) HEAD OFFICE).
 *
 * The lines on stdout are okno-load's protocol, English and never
 * translated, one a folder in the order given, tab-separated:
 *	IDX	refused	NAME	REASON
 *	IDX	unchanged	NAME
 *	IDX	ok	NAME	BRANCH	SEQ	EPOCH	MANIFEST	ABSOLUTE_FOLDER
 * A name or a reason may come from anywhere (a folder's name, a file's
 * header): tabs, line ends and other control bytes in them are printed as
 * '?', so that no line can be broken or forged.  The ok fields hold none.
 * Exit status: 0 all ok or unchanged, 1 one refused, 64 usage, 66 --keys
 * or --loaded unreadable, 73 a staged folder or file not created, 74 a
 * write failed.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "batchcheck.h"
#include "cmd.h"

#define EXIT_CANTCREAT	73

/* s with control bytes as '?': a field of the protocol. */
static void
verify_field(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p != '\0';
	    p++)
		putchar(*p < 0x20 || *p == 0x7f ? '?' : *p);
}

int
cmd_verify(struct cmd_env *env, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "keys", required_argument, NULL, 'k' },
		{ "loaded", required_argument, NULL, 'l' },
		{ "stage", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 }
	};
	struct batchcheck_result r;
	struct batchcheck *bc;
	struct err e;
	const char *keys = NULL, *loaded = NULL, *stage = NULL;
	int ch, stagefd = -1, status = 0;

	(void)env;
	while ((ch = cmd_getopt(argc, argv, "k:l:s:", longopts)) != -1) {
		switch (ch) {
		case 'k':
			keys = optarg;
			break;
		case 'l':
			loaded = optarg;
			break;
		case 's':
			stage = optarg;
			break;
		default:
			return cmd_usage("verify");
		}
	}
	if (keys == NULL || optind == argc)
		return cmd_usage("verify");
	if (batchcheck_open(&bc, keys, loaded, &e) != OKNO_OK) {
		cmd_error(e.code, "%s", e.msg);
		return EXIT_NOINPUT;
	}
	if (stage != NULL && (stagefd = open(stage, O_RDONLY | O_DIRECTORY |
	    O_CLOEXEC)) == -1) {
		cmd_error(OKNO_EIO, _("--stage %s: %s"), stage,
		    strerror(errno));
		batchcheck_close(bc);
		return EXIT_CANTCREAT;
	}
	for (long idx = 1; optind < argc; optind++, idx++) {
		if (batchcheck_batch(bc, argv[optind], idx, stagefd, &r, &e) !=
		    OKNO_OK) {
			status = r.stage_create ? EXIT_CANTCREAT : EXIT_IOERR;
			cmd_error(e.code, _("--stage %s: %s"), stage, e.msg);
			batchcheck_result_free(&r);
			break;
		}
		printf("%ld\t", idx);
		switch (r.outcome) {
		case BATCHCHECK_OK:
			printf("ok\t%s\t%s\t%s\t%s\t%s\t", r.name, r.branch,
			    r.seq, r.epoch, r.manifest);
			verify_field(r.abs);
			break;
		case BATCHCHECK_UNCHANGED:
			fputs("unchanged\t", stdout);
			verify_field(r.name);
			break;
		case BATCHCHECK_REFUSED:
			fputs("refused\t", stdout);
			verify_field(r.name);
			putchar('\t');
			verify_field(r.reason);
			status = 1;
			break;
		}
		putchar('\n');
		batchcheck_result_free(&r);
	}
	if (batchcheck_finish(bc, &e) != OKNO_OK && status <= 1) {
		cmd_error(e.code, _("--stage %s: %s"), stage, e.msg);
		status = EXIT_IOERR;
	}
	if (stagefd != -1)
		close(stagefd);
	batchcheck_close(bc);
	if (fflush(stdout) == EOF || ferror(stdout)) {
		cmd_error(OKNO_EIO, "stdout: %s", strerror(errno));
		return EXIT_IOERR;
	}
	return status;
}
