/* awol cases: the stored cases, one row per case with its charges. */
#include "util/common.h"
#include "awol/listings.h"
#include "awol/store.h"
#include "cli.h"
#include "commands.h"
#include "listing.h"

#include <jansson.h>

static const char *const FORMATS[] = {"table", "csv", "json", NULL};
static int run(int argc, char **argv)
{
	const char *db = NULL, *article = NULL, *format = "table";
	int npos = 0, rc;
	cli_format fmt;
	json_t *rows = NULL;
	awol_cases_filter f = {0};
	size_t n;
	awol_error err = {0};
	awol_store *st = NULL;
	awol_store_opts so = {0};
	const cli_opt opts[] = {
	    {"db", 0, CLI_OPT_STRING, "FILE", "the database (required)", &db, 0},
	    {"article", 0, CLI_OPT_STRING, "N",
	     "only cases with a charge under this article (e.g. 337)", &article, 0},
	    {"format", 0, CLI_OPT_STRING, "FMT", "table (default), csv or json", &format, 0},
	    CLI_OPT_END_MARK,
	};

	rc = cli_parse(&cli_cmd_cases, opts, argc, argv, &npos);
	if (rc)
		return rc > 0 ? CLI_EXIT_OK : CLI_EXIT_USAGE;
	if (npos)
		return cli_usage_error(&cli_cmd_cases, "unexpected argument '%s'", argv[1]);
	if (!db)
		return cli_usage_error(&cli_cmd_cases, "--db FILE is required");
	if (!cli_check_choice(&cli_cmd_cases, "format", format, FORMATS))
		return CLI_EXIT_USAGE;
	cli_format_parse(format, &fmt);
	so.read_only = true;
	if (awol_store_open(&st, db, &so, &err) < 0)
		return cli_report(&err);
	f.article = article;
	rc = awol_cases_json(st, &f, &rows, &err);
	awol_store_close(st);
	if (rc < 0)
		return cli_report(&err);
	n = cli_listing_print(stdout, rows, &awol_cases_cols, fmt);
	if (fmt == CLI_FMT_TABLE)
		printf("(%zu case%s)\n", n, n == 1 ? "" : "s");
	json_decref(rows);
	return CLI_EXIT_OK;
}

const cli_command cli_cmd_cases = {
    "cases",
    run,
    "list stored cases with their charges, one row per case",
    "--db FILE [--article N] [--format table|csv|json]",
    "charges lists the distinct article/part/point of all defendants of the case; url is the\n"
    "card on the court's site the case was read from.",
};
