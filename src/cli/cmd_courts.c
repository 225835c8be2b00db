/* awol courts: the military-court registry. */
#include "util/common.h"
#include "awol/courts.h"
#include "awol/listings.h"
#include "awol/store.h"
#include "cli.h"
#include "commands.h"
#include "listing.h"

#include <jansson.h>

static const char *const LEVELS[] = {"garrison", "district", "fleet", "appeal", "cassation", NULL};
static const char *const FORMATS[] = {"table", "csv", "json", NULL};
/* The registry stored in a database (what the crawl and stats use). */
static int from_db(const char *db, const char *level, json_t **rows, awol_error *err)
{
	awol_store *st = NULL;
	awol_store_opts so = {0};
	int rc;

	so.read_only = true;
	rc = awol_store_open(&st, db, &so, err);
	if (rc == 0)
		rc = awol_courts_json(st, level, rows, err);
	awol_store_close(st);
	return rc;
}

static int run(int argc, char **argv)
{
	const char *level = NULL, *format = "table", *db = NULL;
	int npos = 0, rc;
	cli_format fmt;
	json_t *rows = NULL;
	awol_error err = {0};
	const cli_opt opts[] = {
	    {"level", 0, CLI_OPT_STRING, "LEVEL",
	     "only courts of this level: garrison, district, fleet, appeal, cassation", &level, 0},
	    {"format", 0, CLI_OPT_STRING, "FMT", "table (default), csv or json", &format, 0},
	    {"db", 0, CLI_OPT_STRING, "FILE", "read the registry stored in this database", &db, 0},
	    CLI_OPT_END_MARK,
	};

	rc = cli_parse(&cli_cmd_courts, opts, argc, argv, &npos);
	if (rc)
		return rc > 0 ? CLI_EXIT_OK : CLI_EXIT_USAGE;
	if (npos)
		return cli_usage_error(&cli_cmd_courts, "unexpected argument '%s'", argv[1]);
	if (level && !cli_check_choice(&cli_cmd_courts, "level", level, LEVELS))
		return CLI_EXIT_USAGE;
	if (!cli_check_choice(&cli_cmd_courts, "format", format, FORMATS))
		return CLI_EXIT_USAGE;
	cli_format_parse(format, &fmt);
	if (db) {
		if (from_db(db, level, &rows, &err) < 0)
			return cli_report(&err);
	} else {
		awol_court_list l;
		if (awol_courts_load_default(&l, &err) < 0)
			return cli_report(&err);
		rows = awol_court_list_json(&l, level);
		awol_courts_dispose(&l);
		if (!rows)
			return cli_report(&(awol_error){AWOL_ENOMEM, "out of memory"});
	}
	cli_listing_print(stdout, rows, &awol_courts_cols, fmt);
	json_decref(rows);
	return CLI_EXIT_OK;
}

const cli_command cli_cmd_courts = {
    "courts",
    run,
    "list the military courts (registry with hosts, regions and parent courts)",
    "[--level LEVEL] [--format table|csv|json] [--db FILE]",
    "The registry ships with awol (data/military-courts.csv; sources in data/README.md).\n"
    "region is the seat of the court; district is the okrug or fleet court above it.",
};
