/*
 * A crawl shared by many workers (`awol crawl --worker NAME`, docs/crawling.md): the
 * records through which collectors on many machines split one crawl (schema 7:
 * crawl_courts, crawl_workers, crawl_blocks).  For lib/crawl only (coord_shared.c).
 *
 * The unit of work a worker leases is a court: whoever holds a court's lease is the only
 * one asking it, so at most one request is in flight per court, and the court's
 * `next_at` (written when a worker hands the court back) carries its interval over to
 * the next holder.  What a court still needs (its coverage windows, cards and act texts
 * not yet stored) is read from the store by whoever takes it, so a worker killed at any
 * moment loses nothing: its leases expire and another worker takes the court where the
 * database says it stands.
 *
 * Every time is in seconds by the database's clock (the one clock all workers share);
 * the functions give and take durations ("in", "ago"), never a worker's own clock.
 * PostgreSQL claims with SELECT ... FOR UPDATE SKIP LOCKED; SQLite's one writer at a
 * time makes the same statement atomic (docs/postgresql.md).
 */
#ifndef AWOL_STORE_SHARED_H
#define AWOL_STORE_SHARED_H

#include <stdbool.h>

#include "awol/error.h"
#include "awol/store.h"
#include "awol/store_rows.h"

/* Who a worker is, and what crawl it does (`plan`: the options all workers must share). */
typedef struct awol_store_worker {
	const char *name;
	const char *plan;
	const char *host; /* the machine's name, for `awol workers` */
	long pid;
	double lease; /* seconds a lease lasts unless renewed */
} awol_store_worker;

/*
 * Join the shared crawl: -AWOL_EEXISTS (naming them) when a live worker of that name
 * runs, or a live worker runs a crawl with another plan.  When no other worker is live,
 * the shared crawl starts afresh (the courts' rows of an earlier one go: what it
 * collected is in the coverage table, which every holder of a court reads).
 */
int awol_store_shared_join(awol_store *st, const awol_store_worker *w, awol_error *err);
/* The court takes part (nothing changes when it has its row already). */
int awol_store_shared_add_court(awol_store *st, const char *plan, const char *court,
                                awol_error *err);
/*
 * Lease the free court with the most work known (courts blocked for this worker never):
 * 1 with its code in `court` (16 bytes) and in how many seconds it may be asked
 * (`*wait`, 0 when now), 0 when none is free.  A court waiting for a captcha is free
 * again once a captcha answer is stored.
 */
int awol_store_shared_claim(awol_store *st, const awol_store_worker *w, char court[16],
                            double *wait, awol_error *err);
/*
 * The worker is alive: its leases last another w->lease seconds; its counters for
 * `awol workers` (last_request_ago < 0: none yet; last_error may be NULL).  *held: how
 * many courts the database says it holds (fewer than it thinks: a lease was lost).
 */
typedef struct awol_store_worker_tick {
	long requests, errors;
	double last_request_ago;
	const char *last_error;
} awol_store_worker_tick;
int awol_store_shared_renew(awol_store *st, const awol_store_worker *w,
                            const awol_store_worker_tick *t, awol_error *err);
/*
 * Work stealing, for the end of a crawl when the work left is uneven: a worker with room
 * and no free court asks for the court with the most work left (`work`, which holders
 * publish) of a worker holding more than one; the holder hands it back (or refuses,
 * clearing the wish) at its next renewal, and the court goes to whoever asked first.
 * 1: a court was asked for; 0: none to ask.
 */
int awol_store_shared_want(awol_store *st, const awol_store_worker *w, awol_error *err);
/* The holder's estimate of the requests a court still needs (the order of claims and wishes). */
int awol_store_shared_work(awol_store *st, const awol_store_worker *w, const char *court, long work,
                           awol_error *err);
/* A court of this worker another asked for: 1 with its code in `court` (16 bytes), 0 none. */
int awol_store_shared_wanted(awol_store *st, const awol_store_worker *w, char court[16],
                             awol_error *err);
/* The wish for `from` moves to `to` (another court of the same holder, which it hands back). */
int awol_store_shared_wish_move(awol_store *st, const char *from, const char *to, awol_error *err);
/* The wish for the court is refused (the holder needs it). */
int awol_store_shared_unwant(awol_store *st, const char *court, awol_error *err);
/* The courts whose lease the worker holds, in one read.  Column: court_code. */
int awol_store_shared_held(awol_store *st, const awol_store_worker *w, awol_store_rows **out,
                           awol_error *err);
/* Does the worker still hold the court's lease? */
int awol_store_shared_holds(awol_store *st, const awol_store_worker *w, const char *court,
                            bool *holds, awol_error *err);
/*
 * Hand the court back: `state` todo (another may go on), done, dead or captcha; the next
 * request to it no sooner than `next_in` seconds from now; `error` its cause (may be
 * NULL).  With `block`, the court is given up by this worker only (blocked from its
 * address): todo for the others, never leased to this worker again in this crawl.
 */
int awol_store_shared_release(awol_store *st, const awol_store_worker *w, const char *court,
                              const char *state, double next_in, const char *error, bool block,
                              awol_error *err);
/* Where the shared crawl stands, as this worker sees it. */
typedef struct awol_store_outlook {
	long claimable;      /* courts it could lease now (todo, free, not blocked for it) */
	long held_by_others; /* courts leased by other workers: taken over if they die */
	long held;           /* courts leased by any worker */
	long live;           /* live workers, this one included */
} awol_store_outlook;
int awol_store_shared_outlook(awol_store *st, const awol_store_worker *w, awol_store_outlook *o,
                              awol_error *err);
/* The worker ends (`state`: finished, stopped, failed); its leases go. */
int awol_store_shared_leave(awol_store *st, const awol_store_worker *w, const char *state,
                            awol_error *err);
/* The court's servers and captcha (another worker may have learned them): see
 * awol_store_crawl_courts; columns servers (0 unknown), captcha_id, captcha_answer. */
int awol_store_shared_court_state(awol_store *st, const char *court, int *servers,
                                  char captcha_id[80], char captcha_answer[16], awol_error *err);
/* A captcha answer a worker's solver read: every later holder of the court uses it. */
int awol_store_shared_captcha_solved(awol_store *st, const char *court, const char *captcha_id,
                                     const char *answer, awol_error *err);

#endif
