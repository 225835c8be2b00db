/*
 * Inside the crawler (include/awol/crawl.h): the per-court state machine
 * shared by crawl.c (scheduler and responses), plan.c (work plan and
 * coverage records), captcha.c (captcha forms) and queue.c (URL queues).
 */
#ifndef AWOL_CRAWL_PRIV_H
#define AWOL_CRAWL_PRIV_H

#include "util/common.h"
#include "util/date.h"
#include "awol/archive.h"
#include "awol/crawl.h"
#include "awol/page.h"

#define SPLIT_ABOVE 500 /* a window with more cases than this is halved */

enum court_state { C_ACTIVE, C_DONE, C_CAPTCHA, C_DEAD };
enum req_kind { R_LISTING, R_CARD, R_FORM, R_CHOOSER, R_ACT, R_NONE };

/* One unit of work: a court's server x article x receipt-date window. */
typedef struct task {
	char article[16];
	int server; /* srv_num, 1-based */
	awol_date from, to;
	long total, pages, page, rows_seen, empty_retries;
} task;

/* URLs to fetch in order; owns its strings. */
typedef struct urlq {
	char **url;
	size_t n, i, cap;
} urlq;

typedef struct court_run {
	char code[16], host[160];
	task *tasks;
	size_t ntasks, cur, cap;
	urlq cards; /* cards of the current listing page */
	urlq acts;  /* act texts still to fetch (--acts), once the windows are done */
	bool acts_loaded;
	long cards_in,
	    acts_cards_in; /* cards stored in this run; that count when acts were loaded */
	double next_at;
	int failures, state;
	bool busy, need_form, counted_done;
	bool vnkod, switched; /* the vintage module; switched once after a silent refusal */
	bool probing;         /* trying the other template after an empty answer */
	int servers;          /* servers known from the chooser (or the registry); 0 unknown */
	bool need_chooser;    /* servers unknown, or a page linked to the chooser: ask it */
	bool lost;            /* a server of the court was given up: the court is partial */
	bool chooser_asked;   /* the chooser answered in this run */
	long completed;       /* windows completed in this run */
	bool transport;       /* the last failure had no HTTP answer (the whole site is down) */
	int act_failures;     /* failures on the act text being fetched */
	int acts_skipped;     /* act texts given up in a row (5: the rest wait for a later run) */
	int servers_lost;     /* servers given up in this run */
	int solves;           /* captcha answers since the last listing that came through */
	char captcha[16], captchaid[80];
	long requests, errors, throttled;
	char *redirect;    /* a redirect to follow (the court's own host), asked next */
	int redirect_kind; /* the kind of request it answers */
	int redirects;     /* redirects in a row (5 at most) */
	char cause[256];   /* why the last request failed ("connection refused", ...) */
	int refused;       /* connections refused in a row */
} court_run;

typedef struct crawl {
	awol_store *st;
	const awol_crawl_opts *o;
	awol_crawl_stats *s;
	court_run *courts;
	size_t ncourts;
	awol_date from, to;
	char *captcha_dir;
	double t0, global_next;
	unsigned rng;
	awol_archive *archive;
	int lock_fd; /* flock on DB.lock: one crawl per database */
	bool store_failed;
	char store_error[AWOL_ERROR_MSG_MAX]; /* the first store failure, naming the database */
} crawl;

double awol_crawl_now(void);

/* queue.c */
int awol_urlq_push(urlq *q, const char *url); /* copies url */
const char *awol_urlq_peek(const urlq *q);    /* next URL, NULL when drained */
void awol_urlq_clear(urlq *q);                /* empties, keeps capacity */
void awol_urlq_dispose(urlq *q);

/* plan.c */
int awol_crawl_plan(crawl *cr, awol_error *err);
/* windows of one server of a court (articles x calendar years), skipping complete ones */
int awol_crawl_plan_server(crawl *cr, court_run *c, int server);
int awol_crawl_add_task(court_run *c, const char *article, int server, awol_date from,
                        awol_date to);
void awol_crawl_utc_now(char now[32]);
/* coverage rows: `pending` when planned, then the window's end status; a split drops its own */
void awol_crawl_coverage_pending(crawl *cr, const char *code, const task *t);
void awol_crawl_coverage_drop(crawl *cr, const char *code, const task *t);
void awol_crawl_coverage_set(crawl *cr, const char *code, const task *t, const char *status,
                             const char *error);
/* the court has `n` servers: remember it, plan the windows of servers not yet planned */
void awol_crawl_servers_found(crawl *cr, court_run *c, int n);
/* give up one server: its remaining windows are recorded dead and leave the plan */
void awol_crawl_server_lost(crawl *cr, court_run *c, int server, const char *why);
/* crawl.c: no window left: the chooser if still to ask, act texts (--acts), else done */
void awol_crawl_windows_done(crawl *cr, court_run *c);
/* --acts: queue the court's acts that have a URL and no text yet; true if any */
bool awol_crawl_load_acts(crawl *cr, court_run *c);

/* crawl.c: the store failed (full disk...): the crawl stops; `c` (may be NULL) gets the cause */
void awol_crawl_store_failed(crawl *cr, court_run *c, const char *msg);

/* captcha.c: a search form with a captcha came back; solve or park the court */
void awol_crawl_on_captcha_form(crawl *cr, court_run *c, const awol_page *pg);
void awol_crawl_court_fail(crawl *cr, court_run *c, const char *why, bool throttle);

#endif
