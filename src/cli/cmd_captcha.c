/* awol captcha — placeholder until its issue lands (see issues); fails loudly. */
#include "util/common.h"
#include "cli.h"
#include "commands.h"

static int run(int argc, char **argv)
{
	int npos = 0;
	static const cli_opt opts[] = {CLI_OPT_END_MARK};
	int rc = cli_parse(&cli_cmd_captcha, opts, argc, argv, &npos);

	if (rc)
		return rc > 0 ? CLI_EXIT_OK : CLI_EXIT_USAGE;
	fprintf(stderr, "awol captcha: not implemented yet\n");
	return CLI_EXIT_FAIL;
}

const cli_command cli_cmd_captcha = {"captcha", run, "(not implemented yet)", "", NULL};
