/* awol refresh: bring the case-count summary of a database up to date. */
#include "util/common.h"
#include "awol/store.h"
#include "cli.h"
#include "commands.h"

void cli_refresh_counts(struct awol_store *st, const char *cmd)
{
	awol_error err = {0};

	if (st && awol_store_counts_refresh(st, false, NULL, &err) < 0)
		fprintf(stderr,
		        "awol %s: the case-count summary was not updated: %s (counts stay right: "
		        "without it they read every case, and awol stats updates it later)\n",
		        cmd, err.msg);
}

static int run(int argc, char **argv)
{
	const char *db = NULL;
	int npos = 0, rc, force = 0;
	bool rebuilt = false;
	awol_store *st = NULL;
	awol_store_opts so = {0};
	awol_error err = {0};
	const cli_opt opts[] = {
	    {"db", 0, CLI_OPT_STRING, "DB", "the database (required; " CLI_DB_HELP ")", &db, 0},
	    {"force", 0, CLI_OPT_FLAG, NULL, "rebuild even when it is up to date", &force, 1},
	    CLI_OPT_END_MARK,
	};

	rc = cli_parse(&cli_cmd_refresh, opts, argc, argv, &npos);
	if (rc)
		return rc > 0 ? CLI_EXIT_OK : CLI_EXIT_USAGE;
	if (!db || npos)
		return cli_usage_error(&cli_cmd_refresh, "--db DB is required");
	/* a database must exist: check read-only first, then open to write */
	so.read_only = true;
	if (awol_store_open(&st, db, &so, &err) < 0)
		return cli_report(&err);
	awol_store_close(st);
	so.read_only = false;
	if (awol_store_open(&st, db, &so, &err) < 0 ||
	    awol_store_counts_refresh(st, force != 0, &rebuilt, &err) < 0) {
		awol_store_close(st);
		return cli_report(&err);
	}
	fprintf(stderr, "awol refresh: %s: case-count summary %s\n", awol_store_path(st),
	        rebuilt ? "rebuilt" : "already up to date");
	awol_store_close(st);
	return CLI_EXIT_OK;
}

const cli_command cli_cmd_refresh = {
    "refresh",
    run,
    "bring a database's case-count summary up to date",
    "--db DB [--force]",
    "awol stats counts cases from a summary table (docs/schema.md) when it matches the\n"
    "data, and otherwise updates it first (or, on a read-only database, counts without\n"
    "it: same numbers, slower).  parse --db, crawl and reparse update it when they end;\n"
    "run this after changing cases, persons or charges by other means (SQL).",
};
