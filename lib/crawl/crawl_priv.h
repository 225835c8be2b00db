/*
 * Inside the crawler (include/awol/crawl.h): the per-court state machine
 * shared by crawl.c (the loop: setup, start requests, drain answers, sleep,
 * finish), respond.c and crawl_listing.c (one handler per kind of answer),
 * plan.c (the work plan), captcha.c (failures and captcha forms), queue.c (URL
 * queues) and coord_local.c (the coordinator: the plan's and results' record).
 */
#ifndef AWOL_CRAWL_PRIV_H
#define AWOL_CRAWL_PRIV_H

#include "util/common.h"
#include "util/date.h"
#include "awol/archive.h"
#include "awol/crawl.h"
#include "awol/page.h"

#define SPLIT_ABOVE 500 /* a window with more cases than this is halved */

/* C_IDLE: a court of a shared crawl this worker does not hold (coord_shared.c) */
enum court_state { C_ACTIVE, C_DONE, C_CAPTCHA, C_DEAD, C_IDLE };
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
	bool held;         /* a shared crawl: this worker holds the court's lease */
	bool still_held;   /* the last renewal found the lease this worker's */
	long work_sent;    /* the work left last published for the court (0: none yet) */
	int blocked;       /* blocked answers in a row (a shared crawl leaves the court) */
} court_run;

struct awol_http;
typedef struct crawl_coord crawl_coord;
typedef struct crawl_share crawl_share;

typedef struct crawl {
	awol_store *st;
	const crawl_coord *coord; /* what to ask next, and where results go */
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
	crawl_share *share;   /* a crawl shared with other workers (--worker), else NULL */
	double last_request;  /* when this process last asked a court (awol_crawl_now) */
	char last_error[256]; /* the cause of its last failure, "" for none */
} crawl;

double awol_crawl_now(void);

/* queue.c */
int awol_urlq_push(urlq *q, const char *url); /* copies url */
const char *awol_urlq_peek(const urlq *q);    /* next URL, NULL when drained */
void awol_urlq_clear(urlq *q);                /* empties, keeps capacity */
void awol_urlq_dispose(urlq *q);

/*
 * The coordinator: every place where the crawl decides what to ask next (which
 * courts and windows, which cards and act texts) or records what it got goes
 * through cr->coord, so that another kind of coordinator can plug in beside the
 * local one (coord_local.c: this process's store) — e.g. many workers sharing one
 * crawl through PostgreSQL, claiming windows with leases (issue 9).  The loop
 * (crawl.c) and the handlers (respond.c, crawl_listing.c, captcha.c) never reach the
 * store themselves.
 *
 * Recording never returns an error: a failure stops the crawl through
 * awol_crawl_store_failed, with the cause naming the database.
 */
struct crawl_coord {
	/* what to ask */
	int (*plan)(crawl *cr, awol_error *err); /* fills cr->courts and their windows */
	/* is this window done already (complete; listings_only for --no-cards)? */
	bool (*window_covered)(crawl *cr, const char *code, const task *t);
	/* the court's act texts still missing, into c->acts (--acts) */
	void (*acts_missing)(crawl *cr, court_run *c);
	/* is this listing row's case held, unchanged (its card not asked again)? */
	bool (*have_case)(crawl *cr, const char *code, const awol_listing_row *r);
	/* what came back */
	void (*window_pending)(crawl *cr, const char *code, const task *t); /* planned */
	void (*window_end)(crawl *cr, const char *code, const task *t, const char *status,
	                   const char *error); /* complete, listings_only, partial, dead, captcha */
	void (*window_drop)(crawl *cr, const char *code, const task *t); /* split in two */
	/* the court has `n` servers; drop_above: the windows of the others go */
	void (*servers_set)(crawl *cr, const char *code, int n, bool drop_above);
	/* a page (listing, card, act text) stored; false: the crawl stops */
	bool (*store_page)(crawl *cr, court_run *c, const awol_page *pg, const struct awol_http *h);
	void (*captcha_wait)(crawl *cr, court_run *c, const char *image); /* parked */
	void (*finish)(crawl *cr); /* each court's status at the end of the run */
};

extern const crawl_coord awol_crawl_coord_local;

/* coord_local.c: the court's status saved as it stands (false: the store failed, the
 * crawl stops); the cause of its last failure when it did not complete, else NULL */
bool awol_crawl_court_status_save(crawl *cr, court_run *c);
const char *awol_crawl_court_cause(const court_run *c);

/*
 * A crawl shared with other workers through the database (coord_shared.c, --worker):
 * which courts this worker does.  The local coordinator's plan (above) loads every court
 * asked for, idle; this worker then leases courts one by one (lib/store/store_shared.h),
 * plans a court's windows when it takes it, and hands it back when it ends.  The records
 * go through cr->coord as in a crawl of one process.
 */
/* register the worker and its courts (after cr->coord->plan); -AWOL_EEXISTS: refused */
int awol_crawl_share_join(crawl *cr, awol_error *err);
/* every turn of the loop: leases renewed, courts ended handed back, new ones taken;
 * false when nothing is left for this worker to do or wait for */
bool awol_crawl_share_tick(crawl *cr);
/* stopping: leases renewed only (answers in flight may outlast a lease), nothing taken */
void awol_crawl_share_keep(crawl *cr);
/* a captcha this worker's solver read: saved for every later holder of the court */
void awol_crawl_share_captcha_solved(crawl *cr, court_run *c);
/* the end: every court held handed back (its status saved), the worker gone */
void awol_crawl_share_finish(crawl *cr);
void awol_crawl_share_free(crawl_share *sh); /* accepts NULL */

/* plan.c */
int awol_crawl_add_task(court_run *c, const char *article, int server, awol_date from,
                        awol_date to);
void awol_crawl_utc_now(char now[32]);
/* is the court among those --courts asks for (all, garrison, or codes)? */
bool awol_crawl_wanted_court(const awol_crawl_opts *o, const char *code, const char *level);
/* windows of one server of a court (articles x calendar years), skipping complete ones */
int awol_crawl_plan_server(crawl *cr, court_run *c, int server);
/* the court has `n` servers: remember it, plan the windows of servers not yet planned */
void awol_crawl_servers_found(crawl *cr, court_run *c, int n);
/* give up one server: its remaining windows are recorded dead and leave the plan */
void awol_crawl_server_lost(crawl *cr, court_run *c, int server, const char *why);
/* --acts: queue the court's acts that have a URL and no text yet; true if any */
bool awol_crawl_load_acts(crawl *cr, court_run *c);

/* respond.c: one answer (curl_code a CURLcode) moves its court on */
void awol_crawl_on_response(crawl *cr, court_run *c, int kind, struct awol_http *h, int curl_code);
/* no window left: the chooser if still to ask, act texts (--acts), else done */
void awol_crawl_windows_done(crawl *cr, court_run *c);
/* the current window is walked: recorded, the next one */
void awol_crawl_task_done(crawl *cr, court_run *c);
/* crawl_listing.c: a listing page (or what came instead) for the window t */
void awol_crawl_on_listing(crawl *cr, court_run *c, task *t, const awol_page *pg,
                           const struct awol_http *h);

/* crawl.c: the requests a court still needs, as far as known (the order courts are asked in) */
long awol_crawl_work_left(const court_run *c);
/* crawl.c: the store failed (full disk...): the crawl stops; `c` (may be NULL) gets the cause */
void awol_crawl_store_failed(crawl *cr, court_run *c, const char *msg);

/* captcha.c: a search form with a captcha came back; solve or park the court */
void awol_crawl_on_captcha_form(crawl *cr, court_run *c, const awol_page *pg);
void awol_crawl_court_fail(crawl *cr, court_run *c, const char *why, bool throttle);
/* a shared crawl: the site blocks this worker; the court is left to the others, its
 * windows partial (not dead: another worker may collect them) */
void awol_crawl_court_blocked(crawl *cr, court_run *c, const char *why);

#endif
