/* awol reparse: rebuild a database from a crawl's raw page archive, offline. */
#include "util/common.h"
#include "awol/archive.h"
#include "awol/page.h"
#include "awol/store.h"
#include "cli.h"
#include "commands.h"

typedef struct reparse_run {
	awol_store *st;
	size_t pages, cards, failed;
	bool simulated, acts;
} reparse_run;

/* "127.0.0.1:8080", "localhost:80", "[::1]:80": a loopback address (the simulator's). */
static bool loopback(const char *hostport)
{
	return hostport &&
	       (strncmp(hostport, "127.", 4) == 0 || strncmp(hostport, "localhost", 9) == 0 ||
	        strncmp(hostport, "[::1]", 5) == 0);
}

static int one(void *ctx, const awol_archive_record *r)
{
	reparse_run *rr = ctx;
	awol_page *pg = NULL;
	awol_parse_opts po = {0};
	awol_page_source src = {0};
	awol_error err = {0};

	rr->pages++;
	/* crawl marks a database simulated when it talks to loopback (awol-sim); the
	 * archive says where each request went ("via"), or the URL itself is loopback */
	if (loopback(r->via) || strstr(r->url, "://127.") || strstr(r->url, "://localhost"))
		rr->simulated = true;
	if (r->status != 200)
		return 0; /* errors and throttle pages were kept as evidence, not data */
	po.source = r->url;
	po.url = r->url;
	po.content_type = r->content_type;
	po.act_texts = rr->acts;
	if (awol_page_parse(r->body, r->len, &po, &pg, &err) < 0)
		return awol_error_set(NULL, AWOL_ENOMEM, "out of memory");
	src.source = r->url;
	src.fetched_at = r->time;
	src.raw = (const unsigned char *)r->body;
	src.raw_len = r->len;
	src.court_host = pg->court_host;
	if (pg->kind == AWOL_PAGE_CARD || pg->kind == AWOL_PAGE_LISTING ||
	    pg->kind == AWOL_PAGE_ACT) {
		if (awol_store_import_page(rr->st, pg, &src, NULL, &err) < 0) {
			fprintf(stderr, "awol reparse: %s\n", err.msg);
			rr->failed++;
		} else if (pg->kind == AWOL_PAGE_CARD)
			rr->cards++;
	}
	awol_page_free(pg);
	return 0;
}

static int run(int argc, char **argv)
{
	const char *db = NULL, *dir = NULL, *key = NULL;
	int npos = 0, rc, acts = 0;
	awol_store_opts so = {0};
	reparse_run rr;
	awol_error err = {0};
	const cli_opt opts[] = {
	    {"db", 0, CLI_OPT_STRING, "DB",
	     "the database to fill (created if missing; " CLI_DB_HELP ")", &db, 0},
	    CLI_OPT_KEY(key),
	    {"archive", 0, CLI_OPT_STRING, "DIR", "the archive written by 'awol crawl --archive'",
	     &dir, 0},
	    {"acts", 0, CLI_OPT_FLAG, NULL,
	     "also store the act texts embedded in cards, as 'awol crawl --acts' does", &acts, 1},
	    CLI_OPT_END_MARK,
	};

	rc = cli_parse(&cli_cmd_reparse, opts, argc, argv, &npos);
	if (rc)
		return rc > 0 ? CLI_EXIT_OK : CLI_EXIT_USAGE;
	if (!db || !dir || npos)
		return cli_usage_error(&cli_cmd_reparse, "--db DB and --archive DIR are required");
	memset(&rr, 0, sizeof(rr));
	rr.acts = acts != 0;
	so.key_path = key;
	if (awol_store_open(&rr.st, db, &so, &err) < 0)
		return cli_report(&err);
	if (awol_store_warning(rr.st))
		fprintf(stderr, "awol reparse: warning: %s\n", awol_store_warning(rr.st));
	rc = awol_archive_each(dir, one, &rr, &err);
	if (rr.simulated && awol_store_meta_set(rr.st, "simulated", "1", &err) < 0) {
		/* a simulated database without its mark would pass for court records */
		awol_store_close(rr.st);
		return cli_report(&err);
	}
	cli_refresh_counts(rr.st, "reparse");
	awol_store_close(rr.st);
	fprintf(stderr, "awol reparse: %zu archived response(s), %zu card(s) into %s%s%s\n",
	        rr.pages, rr.cards, db, rr.failed ? " (some failed)" : "",
	        rr.simulated ? " (SIMULATED DATA: answered by awol-sim)" : "");
	if (rc < 0)
		return cli_report(&err);
	return rr.failed ? CLI_EXIT_FAIL : CLI_EXIT_OK;
}

const cli_command cli_cmd_reparse = {
    "reparse",
    run,
    "rebuild a database from a crawl's raw page archive, without the network",
    "--db DB --archive DIR [--acts]",
    "Reads every response 'awol crawl --archive DIR' kept, in the order received, parses\n"
    "it with the current parser and imports cards, listings and act texts with their\n"
    "original URL and time.  Use it after a parser fix, or to check a database against\n"
    "its sources.  Give --acts when the crawl had it, so that the act texts embedded in\n"
    "cards are stored the same way.  An archive of a crawl against awol-sim (--connect-to\n"
    "a loopback address) gives a database marked simulated, as the crawl's was.",
};
