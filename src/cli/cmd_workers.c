/*
 * awol workers: the workers of a crawl shared through one database (`awol crawl
 * --worker NAME`), what each holds, its last request and error, and where the courts
 * of the crawl stand.
 */
#include "util/common.h"
#include "awol/export.h"
#include "awol/store.h"
#include "awol/store_status.h"
#include "cli.h"
#include "commands.h"
#include "table.h"

#include <jansson.h>

/* {"todo": n, "held": n, "done": n, ...}: the courts of the shared crawl by state */
static int courts_by_state(awol_store *st, json_t *into, awol_error *err)
{
	awol_store_rows *r = NULL;
	int rc = awol_store_workers_courts(st, &r, err);

	while (rc == 0 && (rc = awol_store_rows_next(r, err)) > 0) {
		json_object_set_new(into, awol_store_rows_text(r, 0),
		                    json_integer(awol_store_rows_long(r, 1)));
		rc = 0;
	}
	awol_store_rows_close(r);
	return rc;
}

static void print_courts(const json_t *courts)
{
	const char *k;
	const json_t *v;
	bool first = true;

	printf("courts of the shared crawl:");
	json_object_foreach((json_t *)(uintptr_t)courts, k, v)
	{
		printf("%s %lld %s", first ? "" : ",", (long long)json_integer_value(v), k);
		first = false;
	}
	printf("%s\n", first ? " none" : "");
}

static int run(int argc, char **argv)
{
	static const char *const cols[] = {
	    "worker",     "state",           "host",       "pid",
	    "started_at", "seen_at",         "courts",     "requests",
	    "errors",     "last_request_at", "last_error", "plan"};
	static const bool num[] = {false, false, false, true,  false, false,
	                           false, true,  true,  false, false, false};
	const char *db = NULL, *format = "table";
	int npos = 0, rc;
	cli_format fmt;
	cli_table t;
	awol_store *st = NULL;
	awol_store_rows *r = NULL;
	awol_store_opts so = {0};
	awol_error err = {0};
	json_t *meta = NULL, *courts = NULL;
	const cli_opt opts[] = {
	    {"db", 0, CLI_OPT_STRING, "DB", "the database (required; " CLI_DB_HELP ")", &db, 0},
	    {"format", 0, CLI_OPT_STRING, "FMT", "table (default), csv or json", &format, 0},
	    CLI_OPT_END_MARK,
	};

	rc = cli_parse(&cli_cmd_workers, opts, argc, argv, &npos);
	if (rc)
		return rc > 0 ? CLI_EXIT_OK : CLI_EXIT_USAGE;
	if (npos)
		return cli_usage_error(&cli_cmd_workers, "unexpected argument '%s'", argv[1]);
	if (!db)
		return cli_usage_error(&cli_cmd_workers, "--db DB is required");
	if (!cli_format_option(&cli_cmd_workers, format, CLI_FMTS_LISTING, &fmt))
		return CLI_EXIT_USAGE;
	so.read_only = true;
	if (awol_store_open(&st, db, &so, &err) < 0)
		return cli_report(&err);
	cli_table_init(&t, cols, AWOL_ARRAY_SIZE(cols), num);
	rc = awol_store_workers_list(st, &r, &err);
	if (rc == 0)
		rc = cli_table_add_rows(&t, r, &err); /* closes r */
	courts = json_object();
	if (rc == 0)
		rc = courts_by_state(st, courts, &err);
	if (rc < 0)
		goto done;
	meta = cli_json_meta(awol_store_path(st));
	json_object_set_new(meta, "simulated", json_boolean(awol_export_simulated(st)));
	json_object_set(meta, "courts", courts);
	if (t.nrows == 0 && fmt == CLI_FMT_TABLE)
		printf("no worker has joined a shared crawl of %s (awol crawl --worker NAME)\n",
		       db);
	else
		cli_table_print_doc(stdout, &t, fmt, &cli_cmd_workers, json_incref(meta));
	if (fmt == CLI_FMT_TABLE)
		print_courts(courts);
done:
	json_decref(meta);
	json_decref(courts);
	cli_table_dispose(&t);
	awol_store_close(st);
	return rc < 0 ? cli_report(&err) : CLI_EXIT_OK;
}

const cli_command cli_cmd_workers = {
    "workers",
    run,
    "list the workers of a crawl shared through one database, and its courts",
    "--db DB [--format table|csv|json]",
    "Workers are `awol crawl --worker NAME` processes sharing one database (PostgreSQL,\n"
    "or an SQLite file on one machine).  state: running, gone (not seen within its lease:\n"
    "killed or cut off; its courts go to the others when the lease expires), finished,\n"
    "stopped (interrupted) or failed (the store failed).  courts: those it holds now.\n"
    "Times are UTC by the database's clock.  The JSON's \"courts\" counts the crawl's\n"
    "courts by state: todo, held, done, dead (given up by every live worker), captcha.",
};
