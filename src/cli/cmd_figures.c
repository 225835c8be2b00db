/* awol figures: published figures, bundled or imported, with provenance. */
#include "util/common.h"
#include "awol/figures.h"
#include "awol/listings.h"
#include "awol/store.h"
#include "cli.h"
#include "commands.h"
#include "table.h"

static int run(int argc, char **argv)
{
	const char *db = NULL, *article = NULL, *format = "table";
	int npos = 0, rc;
	awol_error err = {0};
	awol_figure_list l;
	awol_store *st = NULL;
	cli_format fmt;
	awol_table t;
	char name[512];
	const cli_opt opts[] = {
	    {"db", 0, CLI_OPT_STRING, "DB",
	     "keep figures in this database (import), or read them from it (list); " CLI_DB_HELP,
	     &db, 0},
	    {"article", 0, CLI_OPT_ARTICLE, "N", "list: only figures about this article", &article,
	     0},
	    {"format", 0, CLI_OPT_STRING, "FMT", "list: table (default), csv or json", &format, 0},
	    CLI_OPT_END_MARK,
	};

	rc = cli_parse(&cli_cmd_figures, opts, argc, argv, &npos);
	if (rc)
		return rc > 0 ? CLI_EXIT_OK : CLI_EXIT_USAGE;
	if (npos < 1 || (strcmp(argv[1], "list") != 0 && strcmp(argv[1], "import") != 0))
		return cli_usage_error(&cli_cmd_figures, "say 'list' or 'import FILE.csv'");
	if (!cli_format_option(&cli_cmd_figures, format, CLI_FMTS_LISTING, &fmt))
		return CLI_EXIT_USAGE;
	if (strcmp(argv[1], "import") == 0) {
		if (npos != 2)
			return cli_usage_error(&cli_cmd_figures, "import takes one FILE.csv");
		if (!db)
			return cli_usage_error(&cli_cmd_figures, "import needs --db DB");
		if (awol_figures_load_csv(argv[2], &l, &err) < 0) {
			/* a bad file is the user's to fix: exit 2, and nothing was stored */
			fprintf(stderr, "awol figures: %s (nothing imported)\n", err.msg);
			return err.code == AWOL_EPARSE ? CLI_EXIT_USAGE : CLI_EXIT_FAIL;
		}
		if (awol_store_open(&st, db, NULL, &err) < 0 ||
		    awol_figures_import(st, &l, argv[2], &err) < 0) {
			awol_figures_dispose(&l);
			awol_store_close(st);
			return cli_report(&err);
		}
		printf("%zu figure(s) imported from %s into %s\n", l.n, argv[2],
		       awol_store_path(st));
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
	/* a PostgreSQL URI is named without its user or password */
	if (db)
		awol_store_target_name(db, name, sizeof(name));
	rc = awol_figures_listing(&l, db ? name : NULL, article, &t, &err);
	if (rc == 0)
		cli_listing_print(stdout, &t, fmt, &cli_cmd_figures);
	awol_table_dispose(&t);
	awol_figures_dispose(&l);
	return rc < 0 ? cli_report(&err) : CLI_EXIT_OK;
}

const cli_command cli_cmd_figures = {
    "figures",
    run,
    "list or import figures published by others",
    "list [--article N] [--format table|csv|json] [--db DB] | import FILE.csv --db DB",
    "The project's data/published-figures.csv (Mediazona, the Judicial Department, NGOs and\n"
    "the press, each with its source and URL) ships inside awol and is what 'list' shows\n"
    "without --db.  'import' checks every row (exactly the known columns, unique ids, finite\n"
    "decimal values, dates, geography) and names the file, line and column of the first bad\n"
    "one: exit 2, nothing stored.",
};
