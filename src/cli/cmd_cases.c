/* awol cases: the stored cases, one row per case with its charges. */
#include "util/common.h"
#include "awol/export.h"
#include "awol/store.h"
#include "cli.h"
#include "commands.h"
#include "filter.h"
#include "table.h"

#include <jansson.h>

/* The columns shown, a choice among the columns of `awol export --what cases`. */
static const char *const COLS[] = {"court_code", "number",     "uid",     "received", "decided",
                                   "outcome",    "defendants", "charges", "result"};

typedef struct listing {
	cli_table t;
	size_t idx[AWOL_ARRAY_SIZE(COLS)]; /* export column of each shown column */
	const awol_export_column *cols;
	bool stream, simulated; /* JSON Lines: print each row as it comes */
} listing;

static int row(void *ctx, const char *const *v)
{
	listing *l = ctx;
	const char *shown[AWOL_ARRAY_SIZE(COLS)];
	size_t i;

	for (i = 0; i < AWOL_ARRAY_SIZE(COLS); i++)
		shown[i] = v[l->idx[i]];
	if (!l->stream)
		return cli_table_add(&l->t, shown) < 0 ? -AWOL_ENOMEM : 0;
	{
		json_t *o = json_object();
		char *s;
		for (i = 0; o && i < AWOL_ARRAY_SIZE(COLS); i++)
			json_object_set_new(
			    o, COLS[i], awol_export_cell_json(l->cols[l->idx[i]].type, shown[i]));
		if (o && l->simulated)
			json_object_set_new(o, "simulated", json_true());
		s = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
		json_decref(o);
		if (!s)
			return -AWOL_ENOMEM;
		puts(s);
		free(s);
	}
	l->t.nrows++; /* counted, not kept */
	return 0;
}

static int run(int argc, char **argv)
{
	const char *db = NULL, *format = "table";
	int npos = 0, rc;
	cli_format fmt;
	listing l;
	bool numeric[AWOL_ARRAY_SIZE(COLS)];
	size_t i, j, n;
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
	memset(&l, 0, sizeof(l));
	l.cols = awol_export_columns("cases", &n);
	for (i = 0; i < AWOL_ARRAY_SIZE(COLS); i++) {
		for (j = 0; j < n && strcmp(l.cols[j].name, COLS[i]) != 0; j++)
			;
		l.idx[i] = j; /* every shown column is an export column (docs/export.md) */
		numeric[i] = j < n && l.cols[j].type == AWOL_EXPORT_INTEGER;
	}
	f.by_court = true; /* a listing for people: court by court, in order of receipt */
	l.stream = fmt == CLI_FMT_JSONL;
	l.simulated = awol_export_simulated(st);
	cli_table_init(&l.t, COLS, AWOL_ARRAY_SIZE(COLS), numeric);
	rc = awol_export_each(st, "cases", &f, row, &l, &err);
	if (rc == 0 && !l.stream) {
		json_t *meta = awol_export_meta(st, "cases", &f);
		cli_table_print_doc(stdout, &l.t, fmt, &cli_cmd_cases, meta);
		if (fmt == CLI_FMT_TABLE)
			printf("(%zu case%s)\n", l.t.nrows, l.t.nrows == 1 ? "" : "s");
	}
	if (l.stream)
		l.t.nrows = 0; /* nothing was kept */
	cli_table_dispose(&l.t);
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
    "       [--date received|decided] [--outcome OUTCOME] [--format table|csv|json|jsonl]",
    "The columns and filters are those of 'awol export --what cases' (docs/export.md):\n"
    "outcome is the normalised outcome, result the court's text, charges the distinct\n"
    "article/part/point of all defendants.  JSON holds the rows with the query, the\n"
    "coverage behind them and whether the data is simulated; jsonl streams one case a line.",
};
