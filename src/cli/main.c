/*
 * awol: the command-line program.  A thin layer over the library (like jq):
 * it parses arguments, calls lib/, prints, and maps errors to exit codes.
 */
#include "util/common.h"
#include "util/suggest.h"
#include "cli.h"
#include "commands.h"

#include <locale.h>

#ifndef AWOL_VERSION
#define AWOL_VERSION "0.0.0"
#endif

/* The one command table.  Order = order in `awol --help`. */
static const cli_command *const commands[] = {
    &cli_cmd_parse,   &cli_cmd_courts,  &cli_cmd_cases,  &cli_cmd_crawl,   &cli_cmd_workers,
    &cli_cmd_captcha, &cli_cmd_reparse, &cli_cmd_stats,  &cli_cmd_refresh, &cli_cmd_coverage,
    &cli_cmd_figures, &cli_cmd_check,   &cli_cmd_export, &cli_cmd_verdict, &cli_cmd_outcomes,
    &cli_cmd_serve,   &cli_cmd_report,  &cli_cmd_db,     &cli_cmd_help,
};

const cli_command *cli_find_command(const char *name)
{
	size_t i;

	for (i = 0; i < AWOL_ARRAY_SIZE(commands); i++)
		if (strcmp(commands[i]->name, name) == 0)
			return commands[i];
	return NULL;
}

const char *cli_suggest_command(const char *name)
{
	const char *names[AWOL_ARRAY_SIZE(commands)];
	size_t i;

	for (i = 0; i < AWOL_ARRAY_SIZE(commands); i++)
		names[i] = commands[i]->name;
	return awol_suggest(name, names, AWOL_ARRAY_SIZE(names), 0);
}

/* "'stast' is not an awol command; did you mean 'stats'?" */
static void unknown_command(const char *prefix, const char *name)
{
	const char *hit = cli_suggest_command(name);

	if (hit)
		fprintf(stderr,
		        "%s'%s' is not an awol command; did you mean '%s'? See 'awol --help'.\n",
		        prefix, name, hit);
	else
		fprintf(stderr, "%s'%s' is not an awol command. See 'awol --help'.\n", prefix,
		        name);
}

static void main_usage(FILE *out)
{
	size_t i;

	fprintf(out, "usage: awol [--version] [--help] COMMAND [ARGS]\n\n"
	             "awol collects the public records of Russian military courts and counts\n"
	             "AWOL (art. 337) and desertion (art. 338) cases reproducibly.\n\n"
	             "commands:\n");
	for (i = 0; i < AWOL_ARRAY_SIZE(commands); i++)
		fprintf(out, "  %-10s  %s\n", commands[i]->name, commands[i]->summary);
	fprintf(out, "\n'awol help COMMAND' or 'awol COMMAND --help' shows a command's options.\n"
	             "exit status: 0 success, 1 some inputs failed (each named on stderr),\n"
	             "2 usage error: an unknown command or option, or a bad value (a date that\n"
	             "is no day, an article not of the Criminal Code, an unknown court...),\n"
	             "named with the nearest valid one; nothing is written then.\n");
}

static int help_run(int argc, char **argv)
{
	const cli_command *c;
	char name[32], help[] = "--help";
	char *hargv[3];
	int npos = 0, rc;

	rc = cli_parse(&cli_cmd_help, NULL, argc, argv, &npos);
	if (rc)
		return rc > 0 ? CLI_EXIT_OK : CLI_EXIT_USAGE;
	if (npos == 0) {
		main_usage(stdout);
		return CLI_EXIT_OK;
	}
	if (npos > 1)
		return cli_usage_error(&cli_cmd_help, "unexpected argument '%s'", argv[2]);
	c = cli_find_command(argv[1]);
	if (!c) {
		unknown_command("awol help: ", argv[1]);
		return CLI_EXIT_USAGE;
	}
	snprintf(name, sizeof(name), "%s", c->name);
	hargv[0] = name;
	hargv[1] = help;
	hargv[2] = NULL;
	return c->run(2, hargv);
}

const cli_command cli_cmd_help = {
    "help", help_run, "show help for awol or for one command", "[COMMAND]", NULL,
};

int main(int argc, char **argv)
{
	const cli_command *c;

	setlocale(LC_ALL, "C");
	if (argc < 2) {
		main_usage(stderr);
		return CLI_EXIT_USAGE;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
		printf("awol %s\n", AWOL_VERSION);
		return CLI_EXIT_OK;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		main_usage(stdout);
		return CLI_EXIT_OK;
	}
	if (argv[1][0] == '-') {
		static const char *const top[] = {"--help", "--version"};
		const char *hit = awol_suggest(argv[1], top, 2, 0);
		if (hit)
			fprintf(stderr, "awol: unknown option '%s'; did you mean '%s'?\n", argv[1],
			        hit);
		else
			fprintf(stderr, "awol: unknown option '%s'. See 'awol --help'.\n", argv[1]);
		return CLI_EXIT_USAGE;
	}
	c = cli_find_command(argv[1]);
	if (!c) {
		unknown_command("awol: ", argv[1]);
		return CLI_EXIT_USAGE;
	}
	return c->run(argc - 1, argv + 1);
}
