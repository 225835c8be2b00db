/*
 * A crawl shared by many workers through one database (crawl_priv.h: crawl_share;
 * lib/store/store_shared.h; docs/crawling.md, "Many collectors, one crawl").
 *
 * A worker leases a fair share of the courts (those left over the live workers, at least
 * enough to keep its own global interval busy), asks each once before any twice so that
 * each shows its size early, and then the biggest first (crawl.c), so that no big court
 * starts late.  At the end a worker with room asks a busier one for a court (work
 * stealing: wanted_by), which hands it back at once.  Holding a court's lease is what
 * makes the politeness hold across workers:
 * nobody else asks the court meanwhile, and when the court is handed back its next
 * allowed time goes with it.  A court that ends (complete, dead, parked for a captcha)
 * is handed back at once; a court dead from this worker's address (blocked, geo-blocked,
 * unreachable) is given up by this worker only, and another worker may take it.  The
 * leases are renewed a few times per lease; a worker that dies stops renewing, and its
 * courts are taken by the others once the lease expires, from where the database says
 * they stand.
 */
#include "crawl_priv.h"
#include "store/store_shared.h"

#include <limits.h>
#include <math.h>
#include <unistd.h>

#define HOLD_MAX 64
/* seconds between looks for courts to take: busy, and idle (waiting for the others'
 * courts, or for the end: an idle worker ends soon after the last court) */
#define BUSY_POLL 0.2
#define IDLE_POLL 0.05

struct crawl_share {
	awol_store_worker w;
	char plan[512], host[256];
	int hold;                  /* courts held at once, at least */
	int pace;                  /* ready courts its global interval serves at their pace */
	double renew_at, claim_at; /* next renewal; next look for courts to take */
	bool waiting;              /* the last look: something left to do or to wait for */
	bool joined;               /* the join went through: this worker's row is its own */
};

static void failed(crawl *cr, int rc, const awol_error *err)
{
	if (rc < 0)
		awol_crawl_store_failed(cr, NULL, err->msg);
}

/* The options every worker of one crawl must share. */
static void make_plan(crawl *cr, char *out, size_t n)
{
	const awol_crawl_opts *o = cr->o;

	snprintf(out, n, "courts=%s articles=%s from=%s to=%s%s%s%s", o->courts, o->articles,
	         o->from, o->to, o->cards ? "" : " no-cards", o->acts ? " acts" : "",
	         o->update ? " update" : "");
}

/* How often leases are renewed: a few times per lease. */
static double renew_every(const crawl_share *sh)
{
	return fmin(1.0, sh->w.lease / 4);
}

int awol_crawl_share_join(crawl *cr, awol_error *err)
{
	crawl_share *sh = calloc(1, sizeof(*sh));
	double pc = cr->o->per_court_interval, g = cr->o->global_interval;
	size_t i;
	int rc;

	if (!sh)
		return awol_error_set(err, AWOL_ENOMEM, "out of memory");
	cr->share = sh;
	make_plan(cr, sh->plan, sizeof(sh->plan));
	if (gethostname(sh->host, sizeof(sh->host) - 1) < 0)
		snprintf(sh->host, sizeof(sh->host), "unknown");
	sh->w.name = cr->o->worker;
	sh->w.plan = sh->plan;
	sh->w.host = sh->host;
	sh->w.pid = (long)getpid();
	sh->w.lease = cr->o->lease > 0 ? cr->o->lease : 120;
	sh->pace = g > 0 ? (int)ceil(pc / g) : HOLD_MAX;
	sh->hold = g > 0 ? sh->pace + 2 : HOLD_MAX;
	if (sh->hold > HOLD_MAX)
		sh->hold = HOLD_MAX;
	rc = awol_store_shared_join(cr->st, &sh->w, err);
	sh->joined = rc == 0;
	for (i = 0; rc == 0 && i < cr->ncourts; i++)
		rc = awol_store_shared_add_court(cr->st, sh->plan, cr->courts[i].code, err);
	cr->s->courts = 0; /* the courts this worker takes on */
	return rc;
}

void awol_crawl_share_free(crawl_share *sh)
{
	free(sh);
}

static court_run *find(crawl *cr, const char *code)
{
	size_t i;

	for (i = 0; i < cr->ncourts; i++)
		if (strcmp(cr->courts[i].code, code) == 0)
			return &cr->courts[i];
	return NULL;
}

/* A court taken on afresh: what the database says of it, its windows planned. */
static void take(crawl *cr, court_run *c, double wait)
{
	court_run keep;
	awol_error err = {0};
	int k, servers = 0, rc;

	/* what an earlier holding left goes; the queues keep their memory */
	awol_urlq_clear(&c->cards);
	awol_urlq_clear(&c->acts);
	free(c->redirect);
	c->redirect = NULL;
	keep = *c;
	memset(c, 0, sizeof(*c));
	memcpy(c->code, keep.code, sizeof(c->code));
	memcpy(c->host, keep.host, sizeof(c->host));
	c->vnkod = keep.vnkod;
	c->tasks = keep.tasks;
	c->cap = keep.cap;
	c->cards = keep.cards;
	c->acts = keep.acts;
	c->held = true;
	c->state = C_ACTIVE;
	c->next_at = awol_crawl_now() + wait;
	cr->s->courts++;
	/* servers and a captcha answer another worker may have learned */
	rc = awol_store_shared_court_state(cr->st, c->code, &servers, c->captchaid, c->captcha,
	                                   &err);
	failed(cr, rc, &err);
	c->servers = servers;
	for (k = 1; k <= (servers > 0 ? servers : 1); k++)
		if (awol_crawl_plan_server(cr, c, k) < 0)
			awol_crawl_store_failed(cr, c, "out of memory");
	c->need_chooser = servers < 1 || cr->o->update;
	awol_crawl_windows_done(cr, c);
}

/* The court's status saved as the local crawl saves it at its end, then handed back. */
static void hand_back(crawl *cr, court_run *c)
{
	crawl_share *sh = cr->share;
	awol_error err = {0};
	const char *state = c->state == C_DONE      ? "done"
	                    : c->state == C_CAPTCHA ? "captcha"
	                                            : "todo";
	int rc;

	bool holds = false;

	c->held = false;
	/* a lease lost while stopping (answers in flight outlived it): another worker's now */
	rc = awol_store_shared_holds(cr->st, &sh->w, c->code, &holds, &err);
	if (rc < 0 || !holds) {
		failed(cr, rc, &err);
		return;
	}
	if (!awol_crawl_court_status_save(cr, c))
		return;
	/* dead from here: given up by this worker only (its address may be blocked) */
	rc =
	    awol_store_shared_release(cr->st, &sh->w, c->code, state, c->next_at - awol_crawl_now(),
	                              awol_crawl_court_cause(c), c->state == C_DEAD, &err);
	failed(cr, rc, &err);
}

static size_t held_active(const crawl *cr)
{
	size_t i, n = 0;

	for (i = 0; i < cr->ncourts; i++)
		if (cr->courts[i].held)
			n++;
	return n;
}

/* How many other ready courts of this worker have more work left than `c`. */
static size_t rank_of(crawl *cr, const court_run *c)
{
	long w = awol_crawl_work_left(c);
	size_t i, rank = 0;

	for (i = 0; i < cr->ncourts; i++) {
		const court_run *o = &cr->courts[i];
		if (o != c && o->held && o->state == C_ACTIVE && awol_crawl_work_left(o) > w)
			rank++;
	}
	return rank;
}

/*
 * A court this worker does not serve at its own pace (it asks the court with the most
 * work first, and its global interval serves `pace` courts at their pace): `wished` when
 * it is one, else the one of them with the most work left; never one in flight.  NULL
 * when it holds no more ready courts than it serves at their pace.
 */
static court_run *spare_court(crawl *cr, court_run *wished)
{
	crawl_share *sh = cr->share;
	court_run *best = NULL;
	long bw = -1;
	size_t i;

	if (held_active(cr) <= (size_t)sh->pace)
		return NULL;
	if (wished && !wished->busy && rank_of(cr, wished) >= (size_t)sh->pace)
		return wished;
	for (i = 0; i < cr->ncourts; i++) {
		court_run *c = &cr->courts[i];
		long w;
		if (!c->held || c->state != C_ACTIVE || c->busy ||
		    rank_of(cr, c) < (size_t)sh->pace)
			continue;
		w = awol_crawl_work_left(c);
		if (w > bw) {
			bw = w;
			best = c;
		}
	}
	return best;
}

/*
 * Another worker, idle at the end of the crawl, asked for a court of this one.  Handed
 * back is the court this worker serves least (it goes on as fast with the rest, the other
 * with that one): the one asked for, or another in its stead, the wish moved to it; none
 * when this worker holds no more ready courts than its global interval serves at their
 * pace (the wish refused).  1: a court handed back; 0: none asked or refused.
 */
static int grant_wish(crawl *cr)
{
	crawl_share *sh = cr->share;
	awol_error err = {0};
	char code[16];
	court_run *c, *give;
	int rc = awol_store_shared_wanted(cr->st, &sh->w, code, &err);

	if (rc <= 0)
		goto done;
	c = find(cr, code);
	give = spare_court(cr, c && c->held && c->state == C_ACTIVE ? c : NULL);
	if (!give) {
		rc = awol_store_shared_unwant(cr->st, code, &err);
		goto done;
	}
	if (give != c && (rc = awol_store_shared_wish_move(cr->st, code, give->code, &err)) < 0)
		goto done;
	hand_back(cr, give);
	give->state = C_IDLE;
	rc = 1;
done:
	if (rc < 0)
		awol_crawl_store_failed(cr, NULL, err.msg);
	return rc;
}

/* Leases renewed; a court whose lease was lost (this process stalled past it, and
 * another worker took it) is dropped without a word to the store: it is not ours. */
static void renew(crawl *cr, double now)
{
	crawl_share *sh = cr->share;
	awol_store_worker_tick t = {0};
	awol_store_rows *r = NULL;
	awol_error err = {0};
	size_t i;
	int rc;

	t.requests = (long)cr->s->requests;
	t.errors = (long)cr->s->errors;
	t.last_request_ago = cr->last_request > 0 ? now - cr->last_request : -1;
	t.last_error = cr->last_error[0] ? cr->last_error : NULL;
	rc = awol_store_shared_renew(cr->st, &sh->w, &t, &err);
	/* which leases are still this worker's, in one read */
	if (rc == 0)
		rc = awol_store_shared_held(cr->st, &sh->w, &r, &err);
	for (i = 0; i < cr->ncourts; i++)
		cr->courts[i].still_held = false;
	while (rc == 0 && (rc = awol_store_rows_next(r, &err)) > 0) {
		court_run *c = find(cr, awol_store_rows_text(r, 0));
		rc = 0;
		if (c)
			c->still_held = true;
	}
	awol_store_rows_close(r);
	for (i = 0; rc == 0 && i < cr->ncourts; i++) {
		court_run *c = &cr->courts[i];
		if (c->held && !c->still_held) {
			c->held = false;
			c->state = C_IDLE;
		}
	}
	/* the work left of each court held, for the order of claims and wishes (when it moved) */
	for (i = 0; rc == 0 && i < cr->ncourts; i++) {
		court_run *c = &cr->courts[i];
		long w;
		if (!c->held || c->state != C_ACTIVE)
			continue;
		w = awol_crawl_work_left(c);
		w = w == LONG_MAX ? 1000000 : w;
		if (w != c->work_sent &&
		    (rc = awol_store_shared_work(cr->st, &sh->w, c->code, w, &err)) == 0)
			c->work_sent = w;
	}
	failed(cr, rc, &err);
	sh->renew_at = now + renew_every(sh);
}

/*
 * How many courts to hold: enough to keep the global interval busy, and at least a fair
 * share of the courts left (those free and those held, over the live workers), so that
 * a worker starts its big courts early, as a crawl of its own does, rather than meet
 * them at the end when the crawl waits on them alone.
 */
static size_t target(const crawl_share *sh, const awol_store_outlook *o)
{
	long live = o->live > 0 ? o->live : 1;
	long share = (o->claimable + o->held + live - 1) / live;

	if (share < sh->hold)
		share = sh->hold;
	return (size_t)(share > HOLD_MAX ? HOLD_MAX : share);
}

/* Courts leased while this worker holds fewer than its share. */
static void claim(crawl *cr, double now)
{
	crawl_share *sh = cr->share;
	awol_store_outlook o;
	awol_error err = {0};
	int rc = awol_store_shared_outlook(cr->st, &sh->w, &o, &err);
	size_t i;

	sh->claim_at = now + (held_active(cr) ? BUSY_POLL : IDLE_POLL);
	/* courts others asked for go first: they are waiting */
	for (i = 0; rc == 0 && i < HOLD_MAX && grant_wish(cr) > 0; i++)
		;
	/* courts others hold are waited for: their holder may die, and this worker take
	 * them over when their lease expires */
	sh->waiting = rc == 0 && (o.claimable > 0 || o.held_by_others > 0);
	while (rc == 0 && !cr->store_failed && o.claimable > 0 &&
	       held_active(cr) < target(sh, &o)) {
		char code[16];
		double wait = 0;
		court_run *c;
		rc = awol_store_shared_claim(cr->st, &sh->w, code, &wait, &err);
		if (rc <= 0)
			break;
		rc = 0;
		c = find(cr, code);
		/* not a court of this plan (never expected), or one this worker lost while a
		 * request of its was in flight (its answer must not meet the court planned
		 * afresh): back at once, asked no sooner than an interval from now */
		if (!c || c->busy) {
			rc = awol_store_shared_release(
			    cr->st, &sh->w, code, "todo",
			    wait > cr->o->per_court_interval ? wait : cr->o->per_court_interval,
			    NULL, false, &err);
			break;
		}
		take(cr, c, wait);
		o.claimable--;
		o.held++;
	}
	/* nothing free and room to spare: ask a busier worker for a court */
	if (rc == 0 && !cr->store_failed && o.claimable == 0 && o.held_by_others > 0 &&
	    held_active(cr) < (size_t)sh->hold)
		rc = awol_store_shared_want(cr->st, &sh->w, &err);
	failed(cr, rc, &err);
}

bool awol_crawl_share_tick(crawl *cr)
{
	crawl_share *sh = cr->share;
	double now = awol_crawl_now();
	size_t i;
	bool released = false;

	for (i = 0; i < cr->ncourts && !cr->store_failed; i++) {
		court_run *c = &cr->courts[i];
		if (c->held && c->state != C_ACTIVE && !c->busy) {
			hand_back(cr, c);
			released = true;
		}
	}
	if (!cr->store_failed && now >= sh->renew_at)
		renew(cr, now);
	/* a court handed back makes room at once; else a look now and then */
	if (!cr->store_failed && (released || now >= sh->claim_at))
		claim(cr, now);
	if (cr->store_failed)
		return false;
	return held_active(cr) > 0 || sh->waiting;
}

void awol_crawl_share_captcha_solved(crawl *cr, court_run *c)
{
	awol_error err = {0};

	failed(cr,
	       awol_store_shared_captcha_solved(cr->st, c->code, c->captchaid, c->captcha, &err),
	       &err);
}

void awol_crawl_share_finish(crawl *cr)
{
	crawl_share *sh = cr->share;
	awol_error err = {0};
	size_t i;
	bool stopped = cr->o->stop && *cr->o->stop;
	bool store_ok = !cr->store_failed;

	/* refused (a live worker of this name): its row and leases are another's */
	if (!sh->joined)
		return;

	for (i = 0; i < cr->ncourts && !cr->store_failed; i++)
		if (cr->courts[i].held)
			hand_back(cr, &cr->courts[i]);
	/* the worker's row says how it ended, even after a store failure if it can */
	awol_store_shared_leave(cr->st, &sh->w,
	                        !store_ok || cr->store_failed ? "failed"
	                        : stopped                     ? "stopped"
	                                                      : "finished",
	                        &err);
	/* asked after leaving: of workers ending together, the last sees none left */
	{
		awol_store_outlook o;
		if (!cr->store_failed && awol_store_shared_outlook(cr->st, &sh->w, &o, &err) == 0)
			cr->s->others_live = o.live > 0;
	}
}

void awol_crawl_share_keep(crawl *cr)
{
	double now = awol_crawl_now();

	if (!cr->store_failed && now >= cr->share->renew_at)
		renew(cr, now);
}
