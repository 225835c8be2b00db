/* awol coverage: what a database's counts rest on, court by court. */
#include "util/common.h"
#include "awol/store.h"
#include "cli.h"
#include "commands.h"
#include "table.h"

#include <sqlite3.h>

static const char *const FORMATS[] = {"table", "csv", "json", NULL};

static int run(int argc, char **argv)
{
	const char *db = NULL, *format = "table";
	int npos = 0, rc;
	cli_format fmt;
	cli_table t;
	awol_store *st = NULL;
	awol_store_opts so = {0};
	awol_error err = {0};
	sqlite3_stmt *s = NULL;
	char *sim = NULL, sql[1024];
	static const char *const cols[] = {"court",   "name",     "status",    "windows complete",
	                                   "windows", "expected", "collected", "last error"};
	static const bool num[] = {false, false, false, true, true, true, true, false};
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
	/* the cause of a court's failure: court_status.error (schema 4), else its windows' */
	snprintf(sql, sizeof(sql),
	         "SELECT v.court_code, k.name, coalesce(s.status, CASE WHEN "
	         "sum(v.status='complete') = count(*) THEN 'complete' ELSE 'partial' END), "
	         "sum(v.status='complete'), count(*), sum(v.expected), sum(v.collected), "
	         "coalesce(CASE WHEN s.status != 'complete' THEN s.error END, max(v.error)) FROM "
	         "coverage v LEFT JOIN courts k ON k.code = v.court_code LEFT JOIN (SELECT "
	         "court_code, status, %s AS error FROM court_status) s ON s.court_code = "
	         "v.court_code GROUP BY v.court_code ORDER BY 3 != 'complete' DESC, 1",
	         awol_store_has_column(st, "court_status", "error") ? "error" : "NULL");
	if (sqlite3_prepare_v2(awol_store_db(st), sql, -1, &s, NULL) != SQLITE_OK) {
		awol_error_set(&err, AWOL_EDB, "%s: %s", db, sqlite3_errmsg(awol_store_db(st)));
		awol_store_close(st);
		return cli_report(&err);
	}
	cli_table_init(&t, cols, 8, num);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *v[8];
		int i;
		for (i = 0; i < 8; i++)
			v[i] = (const char *)sqlite3_column_text(s, i);
		cli_table_add(&t, v);
	}
	/* a damaged file ends the rows early: never print them as the whole coverage */
	rc = awol_store_step_end(awol_store_db(st), rc, &err);
	sqlite3_finalize(s);
	if (rc == 0)
		rc = awol_store_meta_get(st, "simulated", &sim, &err);
	if (rc < 0) {
		free(sim);
		cli_table_dispose(&t);
		awol_store_close(st);
		return cli_report(&err);
	}
	if (sim && strcmp(sim, "1") == 0)
		printf("%s\n", fmt == CLI_FMT_CSV
		                   ? "# SIMULATED DATA (awol-sim)"
		                   : "*** SIMULATED DATA (awol-sim), not court records ***");
	free(sim);
	if (t.nrows == 0 && fmt == CLI_FMT_TABLE)
		printf("coverage unknown: no crawl recorded in %s (pages imported from files)\n",
		       db);
	else
		cli_table_print(stdout, &t, fmt);
	cli_table_dispose(&t);
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
