/* awol coverage: what a database's counts rest on, court by court. */
#include "util/common.h"
#include "awol/export.h"
#include "awol/listings.h"
#include "awol/store.h"
#include "cli.h"
#include "commands.h"
#include "table.h"

#include <jansson.h>

/* The articles of the JSON metadata under a table: which were searched, which not (their
 * counts are lower bounds). */
static void print_articles(const json_t *meta)
{
	const json_t *yes = json_object_get(meta, "articles_searched");
	const json_t *no = json_object_get(meta, "articles_not_searched");
	size_t i;

	if (!yes)
		return;
	printf("articles searched:");
	for (i = 0; i < json_array_size(yes); i++)
		printf("%s %s", i ? "," : "", json_string_value(json_array_get(yes, i)));
	if (json_array_size(no)) {
		printf("\narticles not searched (found only as co-charges; their counts are "
		       "lower bounds):");
		for (i = 0; i < json_array_size(no); i++)
			printf("%s %s", i ? "," : "", json_string_value(json_array_get(no, i)));
	}
	printf("\n");
}

static int run(int argc, char **argv)
{
	const char *db = NULL, *format = "table";
	int npos = 0, rc;
	cli_format fmt;
	awol_table t;
	awol_store *st = NULL;
	awol_store_opts so = {0};
	awol_error err = {0};
	const cli_opt opts[] = {
	    {"db", 0, CLI_OPT_STRING, "DB", "the database (required; " CLI_DB_HELP ")", &db, 0},
	    {"format", 0, CLI_OPT_STRING, "FMT", "table (default), csv or json", &format, 0},
	    CLI_OPT_END_MARK,
	};

	rc = cli_parse(&cli_cmd_coverage, opts, argc, argv, &npos);
	if (rc)
		return rc > 0 ? CLI_EXIT_OK : CLI_EXIT_USAGE;
	if (npos)
		return cli_usage_error(&cli_cmd_coverage, "unexpected argument '%s'", argv[1]);
	if (!db)
		return cli_usage_error(&cli_cmd_coverage, "--db DB is required");
	if (!cli_format_option(&cli_cmd_coverage, format, CLI_FMTS_LISTING, &fmt))
		return CLI_EXIT_USAGE;
	so.read_only = true;
	if (awol_store_open(&st, db, &so, &err) < 0)
		return cli_report(&err);
	rc = awol_coverage_listing(st, &t, &err);
	if (rc == 0) {
		if (t.nrows == 0 && fmt == CLI_FMT_TABLE) {
			if (awol_export_simulated(st))
				cli_warn_simulated(&cli_cmd_coverage, fmt);
			printf("coverage unknown: no crawl recorded in %s (pages imported from "
			       "files)\n",
			       db);
		} else {
			cli_listing_print(stdout, &t, fmt, &cli_cmd_coverage);
			if (fmt == CLI_FMT_TABLE)
				print_articles(t.meta);
		}
	}
	awol_table_dispose(&t);
	awol_store_close(st);
	return rc < 0 ? cli_report(&err) : CLI_EXIT_OK;
}

const cli_command cli_cmd_coverage = {
    "coverage",
    run,
    "show what was collected completely, partially or not at all",
    "--db DB [--format table|csv|json]",
    "One row per court: its crawl status (complete, partial, captcha, dead), how many of its\n"
    "court x article x date windows are complete, the cases the listings announced and the\n"
    "cases collected.  A count over courts or windows that are not complete is a lower bound.\n"
    "JSON adds the totals (courts, windows, articles searched, period) and whether the data\n"
    "is simulated; 'awol export --what coverage' gives the windows one by one.",
};
