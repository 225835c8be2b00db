/* awol cases: the stored cases, one row per case with its charges. */
#include "util/common.h"
#include "awol/export.h"
#include "awol/listings.h"
#include "awol/store.h"
#include "cli.h"
#include "commands.h"
#include "filter.h"
#include "table.h"

#include <jansson.h>

/* JSON Lines: each case printed as it comes (typed as its export column), marked when
 * the data is simulated. */
typedef struct stream {
	const awol_table *l;
	const awol_export_column *cols;
	size_t ncols;
	bool simulated;
} stream;

static int row(void *ctx, const char *const *v)
{
	stream *sm = ctx;
	json_t *o = json_object();
	char *s;
	size_t i, j;

	for (i = 0; o && i < sm->l->ncols; i++) {
		const char *name = sm->l->cols[i];
		for (j = 0; j < sm->ncols && strcmp(sm->cols[j].name, name) != 0; j++)
			;
		json_object_set_new(
		    o, name,
		    awol_export_cell_json(j < sm->ncols ? sm->cols[j].type : AWOL_EXPORT_STRING,
		                          v[i]));
	}
	if (o && sm->simulated)
		json_object_set_new(o, "simulated", json_true());
	s = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
	json_decref(o);
	if (!s)
		return -AWOL_ENOMEM;
	puts(s);
	free(s);
	return 0;
}

static int run(int argc, char **argv)
{
	const char *db = NULL, *format = "table";
	int npos = 0, rc;
	cli_format fmt;
	awol_table l;
	stream sm = {0};
	awol_error err = {0};
	awol_store *st = NULL;
	awol_store_opts so = {0};
	awol_export_filter f = {0};
	const cli_opt opts[] = {
	    {"db", 0, CLI_OPT_STRING, "DB", "the database (required; " CLI_DB_HELP ")", &db, 0},
	    CLI_FILTER_OPTS(f),
	    {"format", 0, CLI_OPT_STRING, "FMT", "table (default), csv, json or jsonl", &format, 0},
	    CLI_OPT_END_MARK,
	};

	rc = cli_parse(&cli_cmd_cases, opts, argc, argv, &npos);
	if (rc)
		return rc > 0 ? CLI_EXIT_OK : CLI_EXIT_USAGE;
	if (npos)
		return cli_usage_error(&cli_cmd_cases, "unexpected argument '%s'", argv[1]);
	if (!db)
		return cli_usage_error(&cli_cmd_cases, "--db DB is required");
	if (!cli_format_option(&cli_cmd_cases, format, CLI_FMTS_STREAM, &fmt))
		return CLI_EXIT_USAGE;
	so.read_only = true;
	if (awol_store_open(&st, db, &so, &err) < 0)
		return cli_report(&err);
	rc = cli_filter_check(&cli_cmd_cases, st, &f);
	if (rc) {
		awol_store_close(st);
		return rc;
	}
	sm.l = &l;
	sm.cols = awol_export_columns("cases", &sm.ncols);
	sm.simulated = awol_export_simulated(st);
	rc = awol_cases_listing(st, &f, fmt == CLI_FMT_JSONL ? row : NULL, &sm, &l, &err);
	if (rc == 0 && fmt != CLI_FMT_JSONL) {
		cli_listing_print(stdout, &l, fmt, &cli_cmd_cases);
		if (fmt == CLI_FMT_TABLE && l.total > (long)l.nrows)
			printf("(%zu of %ld cases)\n", l.nrows, l.total);
		else if (fmt == CLI_FMT_TABLE)
			printf("(%zu case%s)\n", l.nrows, l.nrows == 1 ? "" : "s");
	}
	awol_table_dispose(&l);
	awol_store_close(st);
	if (rc == -AWOL_ENOMEM && !err.msg[0])
		awol_error_set(&err, AWOL_ENOMEM, "out of memory");
	return rc < 0 ? cli_report(&err) : CLI_EXIT_OK;
}

const cli_command cli_cmd_cases = {
    "cases",
    run,
    "list stored cases with their charges, one row per case",
    "--db DB [--article N] [--court CODE] [--region REGION] [--from DATE] [--to DATE]\n"
    "       [--date received|decided] [--outcome OUTCOME] [--limit N] [--offset N]\n"
    "       [--format table|csv|json|jsonl]",
    "The columns and filters are those of 'awol export --what cases' (docs/export.md):\n"
    "outcome is the normalised outcome, result the court's text, charges the distinct\n"
    "article/part/point of all defendants, url the case's card on the court's site.\n"
    "--limit/--offset give one page of the cases selected.  JSON holds the rows with the\n"
    "query, the coverage behind them, whether the data is simulated, count (the rows) and\n"
    "total (the cases selected); jsonl streams one case a line.",
};
