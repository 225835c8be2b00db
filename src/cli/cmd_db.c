/* awol db copy: one store into another, SQLite <-> PostgreSQL (docs/postgresql.md). */
#include "util/common.h"
#include "awol/store.h"
#include "cli.h"
#include "commands.h"

static int copy(const char *from, const char *to)
{
	awol_store *src = NULL, *dst = NULL;
	awol_store_opts so = {0};
	awol_store_copy_stats n;
	awol_error err = {0};
	int rc;

	/* the source must exist; it is opened to write only to bring its schema up to date */
	so.read_only = true;
	if (awol_store_open(&src, from, &so, &err) < 0)
		return cli_report(&err);
	awol_store_close(src);
	src = NULL;
	so.read_only = false;
	if (awol_store_open(&src, from, &so, &err) < 0 ||
	    awol_store_open(&dst, to, &so, &err) < 0 || awol_store_copy(src, dst, &n, &err) < 0) {
		awol_store_close(src);
		awol_store_close(dst);
		return cli_report(&err);
	}
	cli_refresh_counts(dst, "db copy");
	fprintf(stderr,
	        "awol db copy: %s -> %s: %ld page(s), %ld case(s), %ld coverage window(s), %ld "
	        "court status(es), %ld figure(s) written%s\n",
	        awol_store_path(src), awol_store_path(dst), n.pages, n.cases, n.coverage,
	        n.court_status, n.figures,
	        n.pages + n.cases + n.coverage + n.court_status + n.figures == 0
	            ? " (the target already held everything)"
	            : "");
	rc = CLI_EXIT_OK;
	awol_store_close(src);
	awol_store_close(dst);
	return rc;
}

static int run(int argc, char **argv)
{
	const char *from = NULL, *to = NULL;
	int npos = 0, rc;
	const cli_opt opts[] = {
	    {"from", 0, CLI_OPT_STRING, "DB", "the database to copy (" CLI_DB_HELP ")", &from, 0},
	    {"to", 0, CLI_OPT_STRING, "DB", "the database to copy into (created if missing)", &to,
	     0},
	    CLI_OPT_END_MARK,
	};

	rc = cli_parse(&cli_cmd_db, opts, argc, argv, &npos);
	if (rc)
		return rc > 0 ? CLI_EXIT_OK : CLI_EXIT_USAGE;
	if (npos != 1 || strcmp(argv[1], "copy") != 0)
		return cli_usage_error(&cli_cmd_db, "say 'copy --from DB --to DB'");
	if (!from || !to)
		return cli_usage_error(&cli_cmd_db, "copy needs --from DB and --to DB");
	if (strcmp(from, to) == 0)
		return cli_usage_error(&cli_cmd_db, "--from and --to name the same database");
	return copy(from, to);
}

const cli_command cli_cmd_db = {
    "db",
    run,
    "copy a database: SQLite to PostgreSQL and back",
    "copy --from DB --to DB",
    "DB is an SQLite file or a postgresql:// URI (PostgreSQL's own URI syntax; PG* variables and\n"
    "~/.pgpass apply).  Every row is merged into the target on its natural key: pages by\n"
    "source and bytes, cases by court and case key (the newer copy of a case wins, with\n"
    "its defendants, charges, events, parties and acts), coverage windows, court status\n"
    "and figures by their keys.  Provenance, coverage and pseudonyms are kept as stored;\n"
    "the pseudonym key file is not copied, and stores whose pseudonyms come from\n"
    "different keys are refused.  Copying again writes nothing.  One transaction: an\n"
    "interrupted copy leaves the target as it was.",
};
