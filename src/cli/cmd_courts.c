/* awol courts: the military-court registry. */
#include "util/common.h"
#include "awol/listings.h"
#include "awol/store.h"
#include "cli.h"
#include "commands.h"
#include "table.h"

static const char *const LEVELS[] = {"garrison", "district", "fleet", "appeal", "cassation", NULL};
static int run(int argc, char **argv)
{
	const char *level = NULL, *format = "table", *db = NULL;
	int npos = 0, rc;
	cli_format fmt;
	awol_table t = {0};
	awol_store *st = NULL;
	awol_store_opts so = {0};
	awol_error err = {0};
	const cli_opt opts[] = {
	    {"level", 0, CLI_OPT_STRING, "LEVEL",
	     "only courts of this level: garrison, district, fleet, appeal, cassation", &level, 0},
	    {"format", 0, CLI_OPT_STRING, "FMT", "table (default), csv or json", &format, 0},
	    {"db", 0, CLI_OPT_STRING, "DB",
	     "read the registry stored in this database (" CLI_DB_HELP ")", &db, 0},
	    CLI_OPT_END_MARK,
	};

	rc = cli_parse(&cli_cmd_courts, opts, argc, argv, &npos);
	if (rc)
		return rc > 0 ? CLI_EXIT_OK : CLI_EXIT_USAGE;
	if (npos)
		return cli_usage_error(&cli_cmd_courts, "unexpected argument '%s'", argv[1]);
	if (level && !cli_check_choice(&cli_cmd_courts, "level", level, LEVELS))
		return CLI_EXIT_USAGE;
	if (!cli_format_option(&cli_cmd_courts, format, CLI_FMTS_LISTING, &fmt))
		return CLI_EXIT_USAGE;
	if (db) {
		so.read_only = true;
		rc = awol_store_open(&st, db, &so, &err);
	}
	if (rc == 0)
		rc = awol_courts_listing(st, awol_store_path(st), level, &t, &err);
	awol_store_close(st);
	if (rc < 0) {
		awol_table_dispose(&t);
		return cli_report(&err);
	}
	cli_listing_print(stdout, &t, fmt, &cli_cmd_courts);
	awol_table_dispose(&t);
	return CLI_EXIT_OK;
}

const cli_command cli_cmd_courts = {
    "courts",
    run,
    "list the military courts (registry with hosts, regions and parent courts)",
    "[--level LEVEL] [--format table|csv|json] [--db DB]",
    "The registry ships with awol (data/military-courts.csv; sources in data/README.md).\n"
    "region is the seat of the court; district is the okrug or fleet court above it.",
};
