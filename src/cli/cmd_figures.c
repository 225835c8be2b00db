/* awol figures: published figures, bundled or imported, with provenance. */
#include "util/common.h"
#include "awol/figures.h"
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
	awol_error err = {0};
	awol_figure_list l;
	awol_store *st = NULL;
	cli_format fmt;
	json_t *rows;
	const cli_opt opts[] = {
	    {"db", 0, CLI_OPT_STRING, "FILE",
	     "keep figures in this database (import), or read them from it (list)", &db, 0},
	    {"article", 0, CLI_OPT_STRING, "N", "list: only figures about this article", &article,
	     0},
	    {"format", 0, CLI_OPT_STRING, "FMT", "list: table (default), csv or json", &format, 0},
	    CLI_OPT_END_MARK,
	};

	rc = cli_parse(&cli_cmd_figures, opts, argc, argv, &npos);
	if (rc)
		return rc > 0 ? CLI_EXIT_OK : CLI_EXIT_USAGE;
	if (npos < 1 || (strcmp(argv[1], "list") != 0 && strcmp(argv[1], "import") != 0))
		return cli_usage_error(&cli_cmd_figures, "say 'list' or 'import FILE.csv'");
	if (!cli_check_choice(&cli_cmd_figures, "format", format, FORMATS))
		return CLI_EXIT_USAGE;
	cli_format_parse(format, &fmt);
	if (strcmp(argv[1], "import") == 0) {
		if (npos != 2)
			return cli_usage_error(&cli_cmd_figures, "import takes one FILE.csv");
		if (!db)
			return cli_usage_error(&cli_cmd_figures, "import needs --db FILE");
		if (awol_figures_load_csv(argv[2], &l, &err) < 0)
			return cli_report(&err);
		if (awol_store_open(&st, db, NULL, &err) < 0 ||
		    awol_figures_import(st, &l, argv[2], &err) < 0) {
			awol_figures_dispose(&l);
			awol_store_close(st);
			return cli_report(&err);
		}
		printf("%zu figure(s) imported from %s into %s\n", l.n, argv[2], db);
		awol_figures_dispose(&l);
		awol_store_close(st);
		return CLI_EXIT_OK;
	}
	if (db) {
		if (awol_store_open(&st, db, NULL, &err) < 0 ||
		    awol_figures_from_db(st, &l, &err) < 0) {
			awol_store_close(st);
			return cli_report(&err);
		}
		awol_store_close(st);
	} else if (awol_figures_load_default(&l, &err) < 0)
		return cli_report(&err);
	rows = awol_figures_json(&l, article);
	if (rows)
		cli_listing_print(stdout, rows, &awol_figures_cols, fmt);
	json_decref(rows);
	awol_figures_dispose(&l);
	return CLI_EXIT_OK;
}

const cli_command cli_cmd_figures = {
    "figures",
    run,
    "list or import figures published by others",
    "list [--article N] [--format table|csv|json] [--db FILE] | import FILE.csv --db FILE",
    "The project's data/published-figures.csv (Mediazona, the Judicial Department, NGOs and\n"
    "the press, each with its source and URL) ships inside awol and is what 'list' shows\n"
    "without --db.  'import' checks every row (columns, numbers, dates) and names the file\n"
    "and line of the first bad one.",
};
