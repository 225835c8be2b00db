/* awol cases: the stored cases, one row per case with its charges. */
#include "util/common.h"
#include "awol/store.h"
#include "cli.h"
#include "commands.h"
#include "table.h"

#include <sqlite3.h>

static const char *const FORMATS[] = {"table", "csv", "json", NULL};
static const char *const COLS[] = {"court_code", "number", "uid",        "received",
                                   "decided",    "result", "defendants", "charges"};
static const bool NUMERIC[] = {false, false, false, false, false, false, true, false};

static int run(int argc, char **argv)
{
	const char *db = NULL, *article = NULL, *format = "table";
	int npos = 0, rc;
	cli_format fmt;
	cli_table t;
	awol_error err = {0};
	awol_store *st = NULL;
	awol_store_opts so = {0};
	sqlite3_stmt *s = NULL;
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
	if (sqlite3_prepare_v2(
	        awol_store_db(st),
	        "SELECT c.court_code, c.number, c.uid, c.received, c.decided, c.result, "
	        " (SELECT count(*) FROM persons p WHERE p.case_id = c.id), "
	        " (SELECT group_concat(x, '; ') FROM (SELECT DISTINCT coalesce(h.article, h.text) "
	        "   || CASE WHEN h.part IS NOT NULL THEN ' ч.' || h.part ELSE '' END "
	        "   || CASE WHEN h.point IS NOT NULL THEN ' п.' || h.point ELSE '' END AS x "
	        "   FROM charges h WHERE h.case_id = c.id ORDER BY h.person_id, h.seq)) "
	        "FROM cases c WHERE ?1 IS NULL OR EXISTS (SELECT 1 FROM charges h "
	        " WHERE h.case_id = c.id AND h.article = ?1) "
	        "ORDER BY c.court_code, c.received, c.number",
	        -1, &s, NULL) != SQLITE_OK) {
		awol_error_set(&err, AWOL_EDB, "%s: %s", db, sqlite3_errmsg(awol_store_db(st)));
		awol_store_close(st);
		return cli_report(&err);
	}
	sqlite3_bind_text(s, 1, article, -1, SQLITE_STATIC);
	cli_table_init(&t, COLS, AWOL_ARRAY_SIZE(COLS), NUMERIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *v[8];
		int i;
		for (i = 0; i < 8; i++)
			v[i] = (const char *)sqlite3_column_text(s, i);
		cli_table_add(&t, v);
	}
	/* a damaged file ends the rows early: never print them as the whole list */
	rc = awol_store_step_end(awol_store_db(st), rc, &err);
	sqlite3_finalize(s);
	awol_store_close(st);
	if (rc < 0) {
		cli_table_dispose(&t);
		return cli_report(&err);
	}
	cli_table_print(stdout, &t, fmt);
	if (fmt == CLI_FMT_TABLE)
		printf("(%zu case%s)\n", t.nrows, t.nrows == 1 ? "" : "s");
	cli_table_dispose(&t);
	return CLI_EXIT_OK;
}

const cli_command cli_cmd_cases = {
    "cases",
    run,
    "list stored cases with their charges, one row per case",
    "--db FILE [--article N] [--format table|csv|json]",
    "charges lists the distinct article/part/point of all defendants of the case.",
};
