/* awol serve: the dashboard over a database, read-only (lib/web). */
#include "util/common.h"
#include "awol/store.h"
#include "awol/web.h"
#include "cli.h"
#include "commands.h"

#include <signal.h>
#include <unistd.h>

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static int run(int argc, char **argv)
{
	awol_web_opts o = {0};
	const char *port_file = NULL;
	long threads = 4;
	int npos = 0, rc;
	awol_web *w = NULL;
	awol_error err = {0};
	struct sigaction sa;
	char name[512];
	const cli_opt opts[] = {
	    {"db", 0, CLI_OPT_STRING, "DB",
	     "the database (required; opened read-only; " CLI_DB_HELP ")", &o.db, 0},
	    {"listen", 0, CLI_OPT_STRING, "ADDR:PORT",
	     "where to listen (default 127.0.0.1:8080; port 0 picks a free one)", &o.listen, 0},
	    {"threads", 0, CLI_OPT_INT, "N", "worker threads and database connections (1-16)",
	     &threads, 0},
	    {"port-file", 0, CLI_OPT_STRING, "FILE", "write the port listened on to FILE",
	     &port_file, 0},
	    CLI_OPT_END_MARK,
	};

	rc = cli_parse(&cli_cmd_serve, opts, argc, argv, &npos);
	if (rc)
		return rc > 0 ? CLI_EXIT_OK : CLI_EXIT_USAGE;
	if (npos)
		return cli_usage_error(&cli_cmd_serve, "unexpected argument '%s'", argv[1]);
	if (!o.db)
		return cli_usage_error(&cli_cmd_serve, "--db DB is required");
	if (threads < 1 || threads > 16)
		return cli_usage_error(&cli_cmd_serve, "--threads must be 1 to 16");
	o.threads = (int)threads;
	if (awol_web_start(&w, &o, &err) < 0) {
		if (err.code == AWOL_EINVAL && strstr(err.msg, "--listen"))
			return cli_usage_error(&cli_cmd_serve, "%s", err.msg);
		return cli_report(&err);
	}
	if (!awol_web_loopback(w))
		fprintf(stderr,
		        "awol serve: WARNING: listening on %s, not loopback: anyone who can reach "
		        "this address can read the database\n",
		        o.listen);
	if (port_file) {
		FILE *f = fopen(port_file, "w");
		if (f) {
			fprintf(f, "%d\n", awol_web_port(w));
			fclose(f);
		}
	}
	awol_store_target_name(o.db, name, sizeof(name)); /* never a URI's password */
	fprintf(stderr, "awol serve: %s read-only on http://%s:%d/ (Ctrl-C stops)\n", name,
	        awol_web_loopback(w) ? "127.0.0.1" : "this host", awol_web_port(w));
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	while (!stop)
		pause();
	awol_web_stop(w);
	return CLI_EXIT_OK;
}

const cli_command cli_cmd_serve = {
    "serve",
    run,
    "explore a database in the browser: dashboard and JSON API (read-only)",
    "--db DB [--listen 127.0.0.1:8080] [--threads N] [--port-file FILE]",
    "Pages: / (overview), /courts, /outcomes, /claims, in Russian and English.\n"
    "API (docs/web.md): /api/stats, /api/coverage, /api/courts, /api/cases, /api/figures,\n"
    "/api/compare, /api/meta (GET) and /api/check (POST a claims file; nothing is stored).\n"
    "Each answers what the CLI prints with --format json for the same options.\n"
    "The database is opened read-only; a crawl may write it meanwhile (the pages show the\n"
    "latest).  Listening on an address other than loopback prints a warning.",
};
