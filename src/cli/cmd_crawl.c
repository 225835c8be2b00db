/* awol crawl: collect case records from the court sites into a database. */
#include "util/common.h"
#include "awol/crawl.h"
#include "awol/store.h"
#include "awol/store_status.h"
#include "cli.h"
#include "commands.h"
#include "table.h"

#include <signal.h>
#include <unistd.h>

static volatile int stop_flag;

static void on_sigint(int sig)
{
	(void)sig;
	stop_flag = 1;
}

static void progress(void *ctx, const awol_crawl_stats *s)
{
	(void)ctx;
	/* windows are the unit of work: courts differ a hundredfold in size */
	fprintf(stderr,
	        "\rwindows %zu/%zu  courts %zu/%zu  requests %zu  cases %zu  errors %zu  "
	        "throttled %zu  captcha %zu  %.0fs",
	        s->windows_done, s->windows, s->courts_done, s->courts, s->requests, s->cards,
	        s->errors, s->throttled, s->captcha, s->elapsed);
	if (s->windows_done > 0 && s->windows_done < s->windows)
		fprintf(stderr, "  ETA %.0fs ",
		        s->elapsed / (double)s->windows_done *
		            (double)(s->windows - s->windows_done));
	fflush(stderr);
}

/*
 * The courts not complete, and why: the per-court table (printed when something is
 * incomplete, or with --verbose) and one line of causes on stderr.  Returns how many
 * courts are not complete, or -1 when the database cannot be read.
 */
static int status_report(awol_store *st, bool print, bool verbose, bool cards, awol_error *err)
{
	awol_store_rows *r = NULL;
	static const char *const cols[] = {"court",  "status",    "requests",
	                                   "errors", "throttled", "cause"};
	static const bool num[] = {false, false, true, true, true, false};
	cli_table t;
	int rc;
	size_t i, incomplete = 0;
	bool first = true;

	if (awol_store_court_status_list(st, &r, err) < 0)
		return -1;
	cli_table_init(&t, cols, 6, num);
	rc = cli_table_add_rows(&t, r, err);
	for (i = 0; rc == 0 && i < t.nrows; i++)
		/* walked without cards on purpose (--no-cards): as complete as it can be */
		if (t.cells[i * 6 + 1] && strcmp(t.cells[i * 6 + 1], "complete") != 0 &&
		    (cards || strcmp(t.cells[i * 6 + 1], "listings_only") != 0))
			incomplete++;
	if (rc == 0 && print && (incomplete || verbose))
		cli_table_print(stdout, &t, CLI_FMT_TABLE);
	cli_table_dispose(&t);
	if (rc < 0 || awol_store_court_status_causes(st, &r, err) < 0)
		return -1;
	while ((rc = awol_store_rows_next(r, err)) > 0) {
		fprintf(stderr, "%s%s: %ld court(s)", first ? "awol crawl: not complete: " : "; ",
		        awol_store_rows_text(r, 0), awol_store_rows_long(r, 1));
		first = false;
	}
	if (!first)
		fputc('\n', stderr);
	awol_store_rows_close(r);
	return rc == 0 ? (int)incomplete : -1;
}

static int run(int argc, char **argv)
{
	awol_crawl_opts o;
	awol_crawl_stats s;
	awol_store *st = NULL;
	awol_error err = {0};
	const char *db = NULL, *key = NULL;
	awol_store_opts so = {0};
	int npos = 0, rc, cards = 1, acts = 0, update = 0, quiet = 0, verbose = 0, incomplete;
	double pci = -1, gi = -1, lease = -1;
	struct sigaction sa;

	awol_crawl_opts_init(&o);
	o.scheme = NULL; /* decided after parsing: http with --connect-to */
	{
		const cli_opt opts[] = {
		    {"db", 0, CLI_OPT_STRING, "DB",
		     "the database to fill (created if missing; " CLI_DB_HELP ")", &db, 0},
		    CLI_OPT_KEY(key),
		    {"courts", 0, CLI_OPT_COURTS, "WHICH",
		     "garrison (default), district, fleet, all, or codes CODE,CODE", &o.courts, 0},
		    {"articles", 0, CLI_OPT_ARTICLES, "LIST",
		     "articles to search (default 337,338)", &o.articles, 0},
		    {"from", 0, CLI_OPT_DATE, "DATE", "first day of receipt (YYYY-MM-DD)", &o.from,
		     0},
		    {"to", 0, CLI_OPT_DATE, "DATE", "last day of receipt (YYYY-MM-DD)", &o.to, 0},
		    {"cards", 0, CLI_OPT_FLAG, NULL, "fetch case cards (default)", &cards, 1},
		    {"no-cards", 0, CLI_OPT_FLAG, NULL,
		     "walk the listings only (counts and provenance, no cases)", &cards, 0},
		    {"acts", 0, CLI_OPT_FLAG, NULL,
		     "also fetch the texts of the cards' judicial acts", &acts, 1},
		    {"archive", 0, CLI_OPT_STRING, "DIR",
		     "keep every raw response (zstd) for 'awol reparse': pages as served, names "
		     "included, so DIR is made 0700 and its files 0600",
		     &o.archive_dir, 0},
		    {"connect-to", 0, CLI_OPT_HOSTPORT, "HOST:PORT",
		     "send every court host to this address (the simulator)", &o.connect_to, 0},
		    {"proxy", 0, CLI_OPT_STRING, "URL",
		     "send every request through this proxy: http://, https://, socks4://, "
		     "socks4a://, socks5:// or socks5h://[USER:PASSWORD@]HOST:PORT",
		     &o.proxy, 0},
		    {"cacert", 0, CLI_OPT_STRING, "FILE",
		     "also trust the CA certificates (PEM) in FILE, for sites whose chain ends at "
		     "a "
		     "root the system store lacks",
		     &o.cacert, 0},
		    {"scheme", 0, CLI_OPT_STRING, "http|https",
		     "URL scheme (default https; http with --connect-to)", &o.scheme, 0},
		    {"per-court-interval", 0, CLI_OPT_DOUBLE, "SECONDS",
		     "at least this long from a court's answer to its next request (default 3)",
		     &pci, 0},
		    {"global-interval", 0, CLI_OPT_DOUBLE, "SECONDS",
		     "at least this long between any two requests (default 1.5)", &gi, 0},
		    {"timeout", 0, CLI_OPT_DOUBLE, "SECONDS", "per request (default 120)",
		     &o.timeout, 0},
		    {"captcha-cmd", 0, CLI_OPT_STRING, "PROG",
		     "captcha solver, run without a shell: gets the PNG path as its one argument, "
		     "prints the digits, exits 0",
		     &o.captcha_cmd, 0},
		    {"captcha-timeout", 0, CLI_OPT_DOUBLE, "SECONDS",
		     "kill the solver after this long (default 60)", &o.captcha_timeout, 0},
		    {"worker", 0, CLI_OPT_STRING, "NAME",
		     "join a crawl shared by many workers through --db (PostgreSQL, or an "
		     "SQLite file on one machine): each court leased to one worker at a time, the "
		     "intervals hold across workers; every worker needs the same selection "
		     "options (docs/crawling.md)",
		     &o.worker, 0},
		    {"lease", 0, CLI_OPT_DOUBLE, "SECONDS",
		     "--worker: a court's lease lasts this long unless renewed; a worker gone "
		     "longer loses its courts to the others (default 120)",
		     &lease, 0},
		    {"user-agent", 0, CLI_OPT_STRING, "STRING",
		     "the User-Agent header (default: a current browser's; sites block "
		     "crawler-like ones)",
		     &o.user_agent, 0},
		    {"update", 0, CLI_OPT_FLAG, NULL,
		     "re-walk windows already complete, fetching only new or changed cases",
		     &update, 1},
		    {"quiet", 'q', CLI_OPT_FLAG, NULL, "no progress line, no per-court table",
		     &quiet, 1},
		    {"verbose", 0, CLI_OPT_FLAG, NULL,
		     "the per-court table even when every court is complete", &verbose, 1},
		    CLI_OPT_END_MARK,
		};
		rc = cli_parse(&cli_cmd_crawl, opts, argc, argv, &npos);
	}
	if (rc)
		return rc > 0 ? CLI_EXIT_OK : CLI_EXIT_USAGE;
	if (npos)
		return cli_usage_error(&cli_cmd_crawl, "unexpected argument '%s'", argv[1]);
	if (!db || !o.from || !o.to)
		return cli_usage_error(&cli_cmd_crawl, "--db, --from and --to are required");
	if (!cli_check_period(&cli_cmd_crawl, o.from, o.to))
		return CLI_EXIT_USAGE;
	if (pci >= 0)
		o.per_court_interval = pci;
	if (gi >= 0)
		o.global_interval = gi;
	if (lease != -1 && !o.worker)
		return cli_usage_error(&cli_cmd_crawl, "--lease needs --worker NAME");
	if (o.worker && !cli_check_worker(&cli_cmd_crawl, "worker", o.worker))
		return CLI_EXIT_USAGE;
	o.lease = lease == -1 ? 120 : lease;
	/* a killed worker's court must not be asked by another sooner than the interval (its
	 * last request may follow its last renewal by up to a second) */
	if (o.worker && o.lease < o.per_court_interval + 1)
		return cli_usage_error(&cli_cmd_crawl,
		                       "--lease %g must be at least --per-court-interval %g + 1 s",
		                       o.lease, o.per_court_interval);
	/* the solver holds the worker's loop: its leases must outlast it */
	if (o.worker && o.captcha_cmd &&
	    o.lease <= (o.captcha_timeout > 0 ? o.captcha_timeout : 60) + 1)
		return cli_usage_error(&cli_cmd_crawl,
		                       "--lease %g must be longer than --captcha-timeout %g + 1 s "
		                       "(the solver holds the worker meanwhile)",
		                       o.lease, o.captcha_timeout > 0 ? o.captcha_timeout : 60);
	if (!o.scheme)
		o.scheme = o.connect_to ? "http" : "https";
	if (strcmp(o.scheme, "http") != 0 && strcmp(o.scheme, "https") != 0)
		return cli_usage_error(&cli_cmd_crawl, "--scheme must be http or https");
	if (awol_crawl_check_route(&o, &err) < 0) /* before the database is created */
		return cli_usage_error(&cli_cmd_crawl, "%s", err.msg);
	o.cards = cards != 0;
	o.update = update != 0;
	o.acts = acts != 0;
	o.stop = &stop_flag;
	if (!quiet && isatty(STDERR_FILENO))
		o.progress = progress;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigint;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL); /* a service manager stops it the same clean way */
	so.key_path = key;
	if (awol_store_open(&st, db, &so, &err) < 0)
		return cli_report(&err);
	if (awol_store_warning(st))
		fprintf(stderr, "awol crawl: warning: %s\n", awol_store_warning(st));
	rc = awol_crawl_run(st, &o, &s, &err);
	if (o.progress)
		fputc('\n', stderr);
	/* also after an interrupted or failed crawl; of a shared crawl, by the last worker */
	if (!(o.worker && s.others_live))
		cli_refresh_counts(st, "crawl");
	if (rc < 0) {
		awol_store_close(st);
		return cli_report(&err);
	}
	if (s.courts_selected == 0) { /* the registry in an old database may lack the courts */
		rc = cli_usage_error(&cli_cmd_crawl, "--courts %s selects no court of %s", o.courts,
		                     awol_store_path(st));
		awol_store_close(st);
		return rc;
	}
	if (o.worker)
		fprintf(stderr, "awol crawl: worker %s: ", o.worker);
	fprintf(stderr,
	        "%s%zu court(s)%s, %zu complete; %zu of %zu windows; %zu requests, %zu listing "
	        "pages, %zu cards, %zu act texts, %zu errors, %zu throttled, %zu waiting for a "
	        "captcha, %zu dead, %.1f s\n",
	        o.worker ? "" : "awol crawl: ", s.courts, o.worker ? " taken" : "", s.courts_done,
	        s.windows_done, s.windows, s.requests, s.pages, s.cards, s.acts, s.errors,
	        s.throttled, s.captcha, s.dead, s.elapsed);
	incomplete = status_report(st, !quiet, verbose != 0, o.cards, &err);
	if (incomplete < 0)
		fprintf(stderr, "awol crawl: cannot read the courts' status: %s\n", err.msg);
	awol_store_close(st);
	if (stop_flag) {
		fprintf(stderr, "awol crawl: interrupted; run the same command again to resume%s\n",
		        o.worker ? " (the other workers go on with its courts)" : "");
		return CLI_EXIT_FAIL;
	}
	/* a worker ends when nothing is left to it: the crawl is complete when every court
	 * of the database's status is, whoever did it */
	if (o.worker && incomplete > 0) {
		fprintf(stderr,
		        "awol crawl: %d court(s) not complete (see 'awol workers', 'awol coverage' "
		        "and 'awol captcha'); run again to resume\n",
		        incomplete);
		return CLI_EXIT_FAIL;
	}
	if (!o.worker && s.courts_done < s.courts) {
		fprintf(stderr,
		        "awol crawl: %zu court(s) not complete (see the table and 'awol "
		        "captcha'); run again to resume\n",
		        s.courts - s.courts_done);
		return CLI_EXIT_FAIL;
	}
	return CLI_EXIT_OK;
}

const cli_command cli_cmd_crawl = {
    "crawl",
    run,
    "collect case records from the court sites into a database",
    "--db DB [--courts garrison|all|CODE,...] [--articles 337,338] --from DATE --to DATE\n"
    "                  [--cards|--no-cards] [--acts] [--archive DIR] [--connect-to HOST:PORT]\n"
    "                  [--proxy URL] [--cacert FILE]\n"
    "                  [--per-court-interval S] [--global-interval S] [--timeout S]\n"
    "                  [--captcha-cmd PROG [--captcha-timeout S]] [--update] [--quiet|--verbose]\n"
    "                  [--worker NAME [--lease S]] [--user-agent STRING]",
    "Plans court x article x receipt-date window (halved when a window holds more than\n"
    "500 cases), walks every listing page, and fetches the cards of cases not yet stored;\n"
    "with --acts, the act texts the cards embed, then those still missing by their links.\n"
    "Each court is asked once how many servers (srv_num) it has (again with --update, or\n"
    "when a page links to the server chooser), and each server is searched.  A window\n"
    "walked with --no-cards is recorded listings_only: a later run with cards walks it again.\n"
    "Polite by default: 3 s between requests to one court, 1.5 s between any two, with\n"
    "exponential backoff on throttling, 5xx and timeouts.  A court failing 8 times in a row,\n"
    "or refusing the connection 3 times, is marked dead (a failing server of a multi-server\n"
    "court alone: the court is then partial); an act text failing 3 times is left for a\n"
    "later run; the crawl goes on.  Redirects are followed only to the court's own host\n"
    "(never from https to http).  The cause of each failure (connection refused, DNS, TLS,\n"
    "timeout, HTTP status, redirect refused, store failure) is named in the summary, the\n"
    "per-court table and 'awol coverage'.  A store failure (a full disk) stops the crawl.\n"
    "Every planned window is recorded at once as pending in the coverage table.  A court\n"
    "asking for a captcha is put aside with its image saved next to the database (see\n"
    "'awol captcha'; --captcha-cmd: docs/crawling.md).  Everything is stored as it arrives:\n"
    "interrupt it at any time (Ctrl-C or SIGTERM stops after the requests in flight) and\n"
    "run the same command again to resume.  One crawl per database (FILE.lock), unless\n"
    "many workers share it: each 'awol crawl --worker NAME' with the same selection\n"
    "(--courts, --articles, --from, --to, --cards, --acts, --update) leases courts from the\n"
    "database, one holder per court, the per-court interval kept across workers (each\n"
    "keeps its own --global-interval, as on its own address); a worker killed loses\n"
    "nothing: its courts go to the others when its lease expires.  A court blocked or\n"
    "dead from one worker's address is left to the others.  'awol workers' lists them.\n"
    "A crawl against a loopback address (the simulator) marks the database as simulated.\n"
    "--proxy sends every request through the proxy (no_proxy does not apply); with\n"
    "--connect-to the proxy is asked to reach that address (an HTTP proxy by CONNECT).\n"
    "A password in the proxy URL is never printed nor stored.  A failing proxy is named\n"
    "in the causes (proxy refused, proxy authentication, proxy DNS, proxy timeout).\n"
    "--cacert replaces libcurl's CA file but keeps its CA directory (Debian:\n"
    "/etc/ssl/certs): the system roots stay trusted; see docs/crawling.md.\n"
    "Exit 1 when some court is not complete (a worker: some court of the database).\n"
    "Privacy: names are stored as keyed pseudonyms (key in FILE.key, 0600); act texts have\n"
    "the case's names replaced by those pseudonyms (docs/schema.md, Privacy).  The database\n"
    "is created 0600.  --archive keeps pages as the sites served them, names included: DIR\n"
    "is created 0700, its files 0600.",
};
