/*
 * The crawler: collects first-instance criminal cases of military courts
 * from their sud_delo sites into the store.
 *
 * Work is planned as court x article x receipt-date window (one `coverage`
 * row each).  Many courts are fetched at once with libcurl's multi
 * interface, each court no more often than per_court_interval and the whole
 * crawl no more often than global_interval.  Progress lives in the database:
 * every card is imported in its own transaction and a window is marked
 * complete only after all its pages and cards are stored, so a crawl killed
 * at any moment resumes by re-walking the unfinished windows, skipping the
 * cards it already has.
 */
#ifndef AWOL_CRAWL_H
#define AWOL_CRAWL_H

#include <stdbool.h>
#include <stddef.h>

#include "awol/error.h"
#include "awol/store.h"

typedef struct awol_crawl_stats awol_crawl_stats;

typedef struct awol_crawl_opts {
	const char *courts;    /* "garrison", "all" or "CODE,CODE" */
	const char *articles;  /* "337,338" */
	const char *from, *to; /* ISO dates, receipt window */
	bool cards;            /* fetch case cards (default true) */
	bool acts;   /* store the act texts: those the cards embed, then the rest by their links
	                (default false) */
	bool update; /* re-walk complete windows too, fetching changed cards */
	const char *connect_to;    /* "HOST:PORT": every court host is sent there */
	const char *proxy;         /* SCHEME://[USER:PASSWORD@]HOST:PORT, every request goes
	                              through it (never printed with its password); NULL = none */
	const char *cacert;        /* PEM file of CA certificates trusted besides the system's
	                              CA directory (docs/crawling.md); NULL = the system store */
	const char *scheme;        /* "https" (default) or "http" */
	double per_court_interval; /* seconds between requests to one court (default 3) */
	double global_interval;    /* seconds between any two requests (default 1.5) */
	double timeout;            /* seconds per request (default 120) */
	int max_failures;          /* consecutive failures before a court is dead (default 8) */
	const char *captcha_cmd;   /* solver: PROG PNG -> digits on stdout; NULL = wait.
	                              Run without a shell (docs/crawling.md, solver contract) */
	double captcha_timeout;    /* seconds before the solver is killed (0 = 60) */
	const char *user_agent;    /* NULL = a browser User-Agent */
	const char *archive_dir;   /* keep every raw response here (awol reparse); NULL = none */
	const char *worker;        /* this worker's name in a crawl shared through the database
	                              (docs/crawling.md, "Many collectors"); NULL = a crawl of its own */
	double lease;       /* --worker: seconds a court's lease lasts unless renewed (default
	                       120; at least per_court_interval + 1, more than the solver's
	                       timeout) */
	volatile int *stop; /* set to non-zero (SIGINT) to stop after requests in flight */
	/* progress callback (may be NULL), called after every response */
	void (*progress)(void *ctx, const awol_crawl_stats *s);
	void *progress_ctx;
} awol_crawl_opts;

struct awol_crawl_stats {
	size_t courts, courts_done, requests, pages, cards, acts, errors, throttled, captcha, dead;
	size_t windows, windows_done; /* court x server x article x date windows planned, ended */
	bool others_live; /* --worker: other workers of the shared crawl still at work at its end */
	size_t courts_selected; /* courts the options select (with --worker, `courts` counts those
	                           this worker took on) */
	double elapsed;
};

void awol_crawl_opts_init(awol_crawl_opts *o);

/*
 * Check the route options before any work: the proxy URL (scheme http, https, socks4,
 * socks4a, socks5 or socks5h, a host and a port) and the CA file (readable, holding a
 * PEM certificate).  -AWOL_EINVAL with a message naming the value (a proxy password
 * shown as "***").  awol_crawl_run checks them too.
 */
int awol_crawl_check_route(const awol_crawl_opts *o, awol_error *err);

/*
 * Run a crawl into `st`.  Returns 0 when it ran (complete or not: see
 * *stats and the court_status table), <0 on a setup error (bad options,
 * database failure).
 */
int awol_crawl_run(awol_store *st, const awol_crawl_opts *opts, awol_crawl_stats *stats,
                   awol_error *err);

#endif
