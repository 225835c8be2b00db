/* awol coverage: what a database's counts rest on, court by court. */
#include "util/common.h"
#include "awol/listings.h"
#include "awol/stats.h"
#include "awol/store.h"
#include "cli.h"
#include "commands.h"
#include "listing.h"

#include <jansson.h>

static const char *const FORMATS[] = {"table", "csv", "json", NULL};

/* Which articles were searched, and which of awol's are counted only as co-charges. */
static void print_articles(awol_store *st)
{
	char **a = NULL;
	size_t n = 0, i, k, nnot = 0;

	if (awol_stats_searched_articles(st, &a, &n, NULL) < 0)
		return;
	printf("articles searched: ");
	for (i = 0; i < n; i++)
		printf("%s%s", i ? ", " : "", a[i]);
	for (k = 0; awol_stats_articles_of_interest[k]; k++) {
		bool found = false;
		for (i = 0; i < n && !found; i++)
			found = strcmp(a[i], awol_stats_articles_of_interest[k]) == 0;
		if (!found)
			printf("%s%s",
			       nnot++ ? ", "
			              : "\narticles not searched (found only as "
			                "co-charges; their counts are lower bounds): ",
			       awol_stats_articles_of_interest[k]);
	}
	printf("\n");
	for (i = 0; i < n; i++)
		free(a[i]);
	free(a);
}

static int run(int argc, char **argv)
{
	const char *db = NULL, *format = "table";
	int npos = 0, rc;
	cli_format fmt;
	json_t *rows = NULL;
	awol_store *st = NULL;
	awol_store_opts so = {0};
	awol_error err = {0};
	char *sim = NULL;
	const cli_opt opts[] = {
	    {"db", 0, CLI_OPT_STRING, "FILE", "the database (required)", &db, 0},
	    {"format", 0, CLI_OPT_STRING, "FMT", "table (default), csv or json", &format, 0},
	    CLI_OPT_END_MARK,
	};

	rc = cli_parse(&cli_cmd_coverage, opts, argc, argv, &npos);
	if (rc)
		return rc > 0 ? CLI_EXIT_OK : CLI_EXIT_USAGE;
	if (!db)
		return cli_usage_error(&cli_cmd_coverage, "--db FILE is required");
	if (!cli_check_choice(&cli_cmd_coverage, "format", format, FORMATS))
		return CLI_EXIT_USAGE;
	cli_format_parse(format, &fmt);
	so.read_only = true;
	if (awol_store_open(&st, db, &so, &err) < 0)
		return cli_report(&err);
	if (awol_coverage_json(st, &rows, &err) < 0) {
		awol_store_close(st);
		return cli_report(&err);
	}
	/* JSON stays one document (its reader learns "simulated" from awol stats or /api/meta) */
	if (fmt != CLI_FMT_JSON && awol_store_meta_get(st, "simulated", &sim, NULL) == 0 && sim &&
	    strcmp(sim, "1") == 0)
		printf("%s\n", fmt == CLI_FMT_CSV
		                   ? "# SIMULATED DATA (awol-sim)"
		                   : "*** SIMULATED DATA (awol-sim), not court records ***");
	free(sim);
	if (json_array_size(rows) == 0 && fmt == CLI_FMT_TABLE)
		printf("coverage unknown: no crawl recorded in %s (pages imported from files)\n",
		       db);
	else
		cli_listing_print(stdout, rows, &awol_coverage_cols, fmt);
	if (json_array_size(rows) && fmt == CLI_FMT_TABLE)
		print_articles(st);
	json_decref(rows);
	awol_store_close(st);
	return CLI_EXIT_OK;
}

const cli_command cli_cmd_coverage = {
    "coverage",
    run,
    "show what was collected completely, partially or not at all",
    "--db FILE [--format table|csv|json]",
    "One row per court: its crawl status (complete, partial, captcha, dead), how many of its\n"
    "court x article x date windows are complete, the cases the listings announced and the\n"
    "cases collected.  A count over courts or windows that are not complete is a lower bound.",
};
