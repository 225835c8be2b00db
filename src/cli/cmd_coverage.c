/* awol coverage: what a database's counts rest on, court by court. */
#include "util/common.h"
#include "awol/export.h"
#include "awol/stats.h"
#include "awol/store.h"
#include "cli.h"
#include "commands.h"
#include "table.h"

#include <jansson.h>

static int add(void *ctx, const char *const *v)
{
	return cli_table_add(ctx, v) < 0 ? -AWOL_ENOMEM : 0;
}

/*
 * Which articles a crawl searched, and which of awol's articles were not (found only as
 * co-charges, so their counts are lower bounds): into the JSON metadata, and printed
 * under a table.
 */
static void articles_searched(awol_store *st, json_t *meta, bool print)
{
	char **a = NULL;
	size_t n = 0, i, k;
	json_t *yes = json_array(), *no = json_array();

	if (awol_stats_searched_articles(st, &a, &n, NULL) < 0)
		goto done;
	for (i = 0; i < n; i++)
		json_array_append_new(yes, json_string(a[i]));
	for (k = 0; awol_stats_articles_of_interest[k]; k++) {
		bool found = false;
		for (i = 0; i < n && !found; i++)
			found = strcmp(a[i], awol_stats_articles_of_interest[k]) == 0;
		if (!found)
			json_array_append_new(no, json_string(awol_stats_articles_of_interest[k]));
	}
	if (print) {
		printf("articles searched:");
		for (i = 0; i < json_array_size(yes); i++)
			printf("%s %s", i ? "," : "", json_string_value(json_array_get(yes, i)));
		if (json_array_size(no)) {
			printf(
			    "\narticles not searched (found only as co-charges; their counts are "
			    "lower bounds):");
			for (i = 0; i < json_array_size(no); i++)
				printf("%s %s", i ? "," : "",
				       json_string_value(json_array_get(no, i)));
		}
		printf("\n");
	}
	if (meta) {
		json_object_set(meta, "articles_searched", yes);
		json_object_set(meta, "articles_not_searched", no);
	}
done:
	for (i = 0; i < n; i++)
		free(a[i]);
	free(a);
	json_decref(yes);
	json_decref(no);
}

static int run(int argc, char **argv)
{
	const char *db = NULL, *format = "table";
	int npos = 0, rc;
	cli_format fmt;
	cli_table t;
	awol_store *st = NULL;
	awol_store_opts so = {0};
	awol_error err = {0};
	const awol_export_column *cols;
	const char *names[16];
	bool num[16];
	size_t i, n;
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
	/* the columns of `awol export --what court_coverage` */
	cols = awol_export_columns("court_coverage", &n);
	for (i = 0; i < n && i < AWOL_ARRAY_SIZE(names); i++) {
		names[i] = cols[i].name;
		num[i] = cols[i].type == AWOL_EXPORT_INTEGER;
	}
	cli_table_init(&t, names, n, num);
	rc = awol_export_each(st, "court_coverage", NULL, add, &t, &err);
	if (rc == 0) {
		json_t *meta = awol_export_meta(st, NULL, NULL);
		if (t.nrows == 0 && fmt == CLI_FMT_TABLE) {
			if (awol_export_simulated(st))
				cli_warn_simulated(&cli_cmd_coverage, fmt);
			printf("coverage unknown: no crawl recorded in %s (pages imported from "
			       "files)\n",
			       db);
			json_decref(meta);
		} else {
			articles_searched(st, meta, false);
			cli_table_print_doc(stdout, &t, fmt, &cli_cmd_coverage, meta);
			if (fmt == CLI_FMT_TABLE)
				articles_searched(st, NULL, true);
		}
	}
	cli_table_dispose(&t);
	awol_store_close(st);
	if (rc == -AWOL_ENOMEM && !err.msg[0])
		awol_error_set(&err, AWOL_ENOMEM, "out of memory");
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
