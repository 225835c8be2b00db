/* awol report: one self-contained HTML file of a database's numbers (lib/web). */
#include "util/common.h"
#include "util/date.h"
#include "awol/web.h"
#include "cli.h"
#include "commands.h"

static const char *const LANGS[] = {"ru", "en", NULL};
static const char *const BYS[] = {"week", "month", "quarter", "half", "year", NULL};

static int run(int argc, char **argv)
{
	awol_report_opts o = {0};
	const char *db = NULL, *out = NULL;
	int npos = 0, rc;
	awol_store *st = NULL;
	awol_store_opts so = {0};
	awol_error err = {0};
	awol_date d;
	const cli_opt opts[] = {
	    {"db", 0, CLI_OPT_STRING, "DB",
	     "the database (required; opened read-only; " CLI_DB_HELP ")", &db, 0},
	    {"out", 'o', CLI_OPT_STRING, "FILE", "the report to write (required), e.g. report.html",
	     &out, 0},
	    {"article", 0, CLI_OPT_STRING, "LIST", "only these articles, e.g. 337,338", &o.articles,
	     0},
	    {"from", 0, CLI_OPT_STRING, "DATE", "first day (YYYY-MM-DD)", &o.from, 0},
	    {"to", 0, CLI_OPT_STRING, "DATE", "last day (YYYY-MM-DD)", &o.to, 0},
	    {"by", 0, CLI_OPT_STRING, "PERIOD", "week, month (default), quarter, half or year",
	     &o.by, 0},
	    {"since", 0, CLI_OPT_DATE, "DATE",
	     "the cumulative count's first day (default " AWOL_REPORT_SINCE ", the mobilisation)",
	     &o.since, 0},
	    {"lang", 0, CLI_OPT_STRING, "LANG", "ru (default) or en", &o.lang, 0},
	    CLI_OPT_END_MARK,
	};

	rc = cli_parse(&cli_cmd_report, opts, argc, argv, &npos);
	if (rc)
		return rc > 0 ? CLI_EXIT_OK : CLI_EXIT_USAGE;
	if (npos)
		return cli_usage_error(&cli_cmd_report, "unexpected argument '%s'", argv[1]);
	if (!db || !out)
		return cli_usage_error(&cli_cmd_report, "--db DB and --out FILE are required");
	if ((o.lang && !cli_check_choice(&cli_cmd_report, "lang", o.lang, LANGS)) ||
	    (o.by && !cli_check_choice(&cli_cmd_report, "by", o.by, BYS)))
		return CLI_EXIT_USAGE;
	if ((o.from && !awol_date_parse_iso(o.from, &d)) ||
	    (o.to && !awol_date_parse_iso(o.to, &d)))
		return cli_usage_error(&cli_cmd_report, "--from/--to must be dates YYYY-MM-DD");
	if (o.from && o.to && strcmp(o.from, o.to) > 0)
		return cli_usage_error(&cli_cmd_report, "--from %s is after --to %s", o.from, o.to);
	so.read_only = true;
	if (awol_store_open(&st, db, &so, &err) < 0)
		return cli_report(&err);
	rc = awol_web_report(st, &o, out, &err);
	awol_store_close(st);
	if (rc < 0) {
		if (err.code == AWOL_EINVAL)
			return cli_usage_error(&cli_cmd_report, "%s", err.msg);
		return cli_report(&err);
	}
	fprintf(stderr, "awol report: wrote %s (open it in a browser; it works offline)\n", out);
	return CLI_EXIT_OK;
}

const cli_command cli_cmd_report = {
    "report",
    run,
    "write one self-contained HTML report (charts, tables, coverage, methodology)",
    "--db DB --out FILE.html [--article LIST] [--from DATE] [--to DATE] [--by PERIOD]\n"
    "                  [--since DATE] [--lang ru|en]",
    "The report holds the overview (cases received by period and article, published\n"
    "figures beside our counts, the cumulative count since --since with the figures\n"
    "published from that day as markers), courts and regions and outcomes for the last year with\n"
    "cases, each chart with its numbers as a table, the coverage, the date of collection\n"
    "and the counting rules and sources.  Chart.js and the data are inside the file: it\n"
    "opens from file:// with no network and prints cleanly to PDF.  The numbers are those\n"
    "of `awol stats` for the same selection.",
};
