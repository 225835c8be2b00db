/*
 * The crawl loop (include/awol/crawl.h): setup, then start requests / drain answers /
 * sleep until the next one is allowed, then finish.  The answers go to respond.c; the
 * plan and the records go through the coordinator (cr->coord).
 *
 * Each court is a small state machine over its windows (court x article x
 * receipt-date window): fetch listing page p, queue the cards of rows not yet
 * stored (or changed, with --update), fetch them, go to page p+1, mark the
 * window complete.  A scheduler starts requests with curl's multi interface
 * whenever a court's own interval and the global interval allow, so many
 * courts are in flight while each one is asked politely.
 */
#include "crawl_priv.h"
#include "util/buf.h"
#include "awol/courts.h"
#include "fetch/http.h"
#include "sudrf/url.h"

#include <curl/curl.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#define MAX_BODY ((size_t)32 * 1024 * 1024)
#define MAX_INFLIGHT 16

double awol_crawl_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void awol_crawl_opts_init(awol_crawl_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->courts = "garrison";
	o->articles = "337,338";
	o->cards = true;
	o->scheme = "https";
	o->per_court_interval = 3.0;
	o->global_interval = 1.5;
	o->timeout = 120;
	o->max_failures = 8;
}

/* ---- requests ---- */

/* The court's next request: form, chooser, card, listing page, then act texts. */
static char *build_url(crawl *cr, court_run *c, int *kind)
{
	awol_buf u = AWOL_BUF_INIT;
	awol_url_query q = {0};
	task *t = c->cur < c->ntasks ? &c->tasks[c->cur] : NULL;

	if (c->redirect) {
		char *to = c->redirect;
		*kind = c->redirect_kind;
		c->redirect = NULL;
		return to;
	}
	if (c->need_form) {
		*kind = R_FORM;
		awol_url_search_form(&u, cr->o->scheme, c->host, t ? t->server : 1, NULL);
		return awol_buf_detach(&u);
	}
	if (c->need_chooser) {
		*kind = R_CHOOSER;
		awol_url_chooser(&u, cr->o->scheme, c->host, NULL);
		return awol_buf_detach(&u);
	}
	if (awol_urlq_peek(&c->cards)) {
		/* a card link without srv_num would reach a multi-server court's chooser */
		*kind = R_CARD;
		if (awol_url_with_server(&u, awol_urlq_peek(&c->cards), t ? t->server : 1, NULL) <
		    0) {
			awol_buf_dispose(&u);
			return NULL;
		}
		return awol_buf_detach(&u);
	}
	if (!t) {
		*kind = awol_urlq_peek(&c->acts) ? R_ACT : R_NONE;
		return awol_urlq_peek(&c->acts) ? strdup(awol_urlq_peek(&c->acts)) : NULL;
	}
	*kind = R_LISTING;
	q.scheme = cr->o->scheme;
	q.host = c->host;
	q.code = c->code;
	q.article = t->article;
	q.from = t->from;
	q.to = t->to;
	q.page = t->page;
	q.server = t->server;
	q.captcha = c->captcha[0] ? c->captcha : NULL;
	q.captchaid = c->captcha[0] ? c->captchaid : NULL;
	if (c->vnkod)
		awol_url_listing_vnkod(&u, &q, NULL);
	else
		awol_url_listing(&u, &q, NULL);
	return awol_buf_detach(&u);
}

/*
 * A store failure is not a site failure: asking the site again cannot help (a full
 * disk, a damaged or locked file), so the crawl stops at once, and says why.
 * Nothing moved on past the page that was not stored: the next run resumes there.
 */
void awol_crawl_store_failed(crawl *cr, court_run *c, const char *msg)
{
	if (c)
		snprintf(c->cause, sizeof(c->cause), "store failure: %s", msg);
	if (cr->store_failed)
		return;
	cr->store_failed = true;
	snprintf(cr->store_error, sizeof(cr->store_error), "%s", msg);
}

/*
 * Windows planned and ended (complete, or given up with their court), and courts done,
 * for the progress line and the summary.
 */
static void count_windows(crawl *cr)
{
	size_t i;

	cr->s->windows = cr->s->windows_done = cr->s->courts_done = 0;
	for (i = 0; i < cr->ncourts; i++) {
		const court_run *c = &cr->courts[i];
		if (c->state == C_DONE && !c->lost)
			cr->s->courts_done++;
		cr->s->windows += c->ntasks;
		cr->s->windows_done +=
		    c->state == C_DEAD || c->state == C_CAPTCHA ? c->ntasks : c->cur;
	}
}

/*
 * Requests a court still needs, as far as known.  A window not seen yet counts as the
 * court's windows seen so far (a court big in one window is big in the next), or as a
 * few pages when none is known; a court never asked yet counts first of all, so that
 * every court shows its size early and the biggest never starts late.
 */
long awol_crawl_work_left(const court_run *c)
{
	long w = (long)(c->cards.n - c->cards.i) + (long)(c->acts.n - c->acts.i), known = 0;
	long unseen = 0;
	size_t i, nknown = 0;

	if (c->requests == 0)
		return LONG_MAX;
	for (i = 0; i < c->ntasks; i++)
		if (c->tasks[i].pages > 0) {
			known += c->tasks[i].pages + c->tasks[i].total; /* its pages and cards */
			nknown++;
		}
	for (i = c->cur; i < c->ntasks; i++) {
		const task *t = &c->tasks[i];
		if (t->pages > 0) /* the pages left and their cards (those stored are skipped) */
			w += (t->pages - t->page + 1) +
			     (t->total > t->rows_seen ? t->total - t->rows_seen : 0);
		else
			unseen++;
	}
	return w + unseen * (nknown ? known / (long)nknown : 8);
}

/*
 * One crawl per database: two would ask every court twice and break its interval.
 * The lock is flock(2) on DB.lock, which holds the holder's pid for the message;
 * the kernel drops it when the process ends, however it ends, so a killed crawl
 * leaves no stale lock.
 */
static int lock_db(crawl *cr, awol_error *err)
{
	const char *db = awol_store_path(cr->st);
	char path[4096], pid[32] = "";
	bool held = false;
	int fd;
	ssize_t n;

	/* PostgreSQL: the server's lock, no file; workers of a shared crawl share it */
	if (awol_store_lock_crawl(cr->st, cr->o->worker != NULL, &held, err) < 0 || held)
		return held ? 0 : -AWOL_EEXISTS;
	snprintf(path, sizeof(path), "%s.lock", db);
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0)
		return awol_error_set(err, AWOL_EIO, "%s: cannot make the crawl lock: %s", path,
		                      strerror(errno));
	if (flock(fd, (cr->o->worker ? LOCK_SH : LOCK_EX) | LOCK_NB) < 0) {
		int e = errno;
		n = pread(fd, pid, sizeof(pid) - 1, 0);
		pid[n > 0 ? n : 0] = '\0';
		pid[strcspn(pid, "\n")] = '\0';
		close(fd);
		if (e == EWOULDBLOCK)
			return awol_error_set(
			    err, AWOL_EEXISTS,
			    "%s: another crawl (pid %s) is using this database; wait for it to end "
			    "or stop it, then run again (crawls of many workers share a database: "
			    "each with --worker NAME)",
			    db, pid[0] ? pid : "unknown");
		return awol_error_set(err, AWOL_EIO, "%s: cannot lock: %s", path, strerror(e));
	}
	n = snprintf(pid, sizeof(pid), "%ld\n", (long)getpid());
	/* workers share the lock and leave the file as it is (a refused crawl may name an
	 * earlier holder's pid) */
	if (!cr->o->worker && (ftruncate(fd, 0) < 0 || pwrite(fd, pid, (size_t)n, 0) != n)) {
		int e = errno;
		close(fd);
		return awol_error_set(err, AWOL_EIO, "%s: %s", path, strerror(e));
	}
	cr->lock_fd = fd;
	return 0;
}

static bool loopback(const char *hostport)
{
	return hostport &&
	       (strncmp(hostport, "127.", 4) == 0 || strncmp(hostport, "localhost", 9) == 0 ||
	        strncmp(hostport, "[::1]", 5) == 0);
}

/* The run's state before the first request: options checked, archive, lock, plan. */
static int setup(crawl *cr, awol_store *st, const awol_crawl_opts *o, awol_crawl_stats *stats,
                 awol_error *err)
{
	int rc;

	memset(cr, 0, sizeof(*cr));
	memset(stats, 0, sizeof(*stats));
	cr->lock_fd = -1;
	if (!o->from || !awol_date_parse(o->from, &cr->from))
		return awol_error_set(err, AWOL_EINVAL, "--from: not a date: '%s'",
		                      o->from ? o->from : "");
	if (!o->to || !awol_date_parse(o->to, &cr->to))
		return awol_error_set(err, AWOL_EINVAL, "--to: not a date: '%s'",
		                      o->to ? o->to : "");
	if (awol_date_cmp(cr->from, cr->to) > 0)
		return awol_error_set(err, AWOL_EINVAL, "--from %s is after --to %s", o->from,
		                      o->to);
	if (awol_crawl_check_route(o, err) < 0)
		return -AWOL_EINVAL;
	cr->st = st;
	cr->coord = &awol_crawl_coord_local;
	cr->o = o;
	cr->s = stats;
	cr->rng = 12345u;
	cr->t0 = awol_crawl_now();
	cr->captcha_dir = awol_store_side_path(st, ".captcha");
	if (!cr->captcha_dir)
		return awol_error_set(err, AWOL_ENOMEM, "out of memory");
	if (o->archive_dir && (awol_archive_open(&cr->archive, o->archive_dir, err) < 0 ||
	                       awol_archive_set_via(cr->archive, o->connect_to, err) < 0))
		return -AWOL_EIO;
	rc = lock_db(cr, err);
	if (rc == 0 && loopback(o->connect_to))
		rc = awol_store_meta_set(st, "simulated", "1", err);
	if (rc == 0)
		rc = cr->coord->plan(cr, err);
	if (rc == 0)
		stats->courts = stats->courts_selected = cr->ncourts;
	if (rc == 0 && o->worker) /* then: the courts this worker takes on */
		rc = awol_crawl_share_join(cr, err);
	return rc;
}

/* Is there anything left to wait for?  Courts still active, or answers in flight. */
static bool running(crawl *cr, size_t inflight)
{
	size_t i;
	bool active = false, stopping = (cr->o->stop && *cr->o->stop) || cr->store_failed;

	for (i = 0; i < cr->ncourts; i++)
		if (cr->courts[i].state == C_ACTIVE)
			active = true;
	/* a shared crawl: courts handed back and taken, and others' courts waited for */
	if (cr->share && !stopping && awol_crawl_share_tick(cr))
		active = true;
	else if (cr->share && stopping && inflight > 0)
		awol_crawl_share_keep(cr);
	return !((!active || stopping) && inflight == 0);
}

/*
 * Start what the intervals allow.  When the global interval is the limit, the court
 * with the most work left goes first: the crawl ends when its busiest court ends, so
 * that court must never wait.
 */
static int start_requests(crawl *cr, CURLM *m, size_t *inflight, size_t rr, awol_error *err)
{
	const awol_crawl_opts *o = cr->o;
	double t = awol_crawl_now();
	size_t i;

	for (;;) {
		court_run *c = NULL;
		awol_http *h;
		int kind;
		char *url;
		long best = -1;

		if (*inflight >= MAX_INFLIGHT || (o->stop && *o->stop) || cr->store_failed ||
		    cr->global_next > t)
			return 0;
		for (i = 0; i < cr->ncourts; i++) {
			court_run *x = &cr->courts[(rr + i) % cr->ncourts];
			long w;
			if (x->state != C_ACTIVE || x->busy || x->next_at > t)
				continue;
			w = awol_crawl_work_left(x);
			if (w > best) {
				best = w;
				c = x;
			}
		}
		if (!c)
			return 0;
		url = build_url(cr, c, &kind);
		if (kind == R_NONE) {
			/* nothing left to ask (never expected: such a court is done) */
			c->state = C_DONE;
			continue;
		}
		h = malloc(sizeof(*h));
		if (!url || !h ||
		    awol_http_init(h, url, o->user_agent, o->connect_to, o->timeout, MAX_BODY,
		                   err) < 0) {
			free(url);
			free(h);
			return -AWOL_ENOMEM;
		}
		free(url);
		awol_http_route(h, o->proxy, o->cacert);
		h->owner = c;
		curl_easy_setopt(h->h, CURLOPT_PRIVATE, h);
		c->busy = true;
		cr->last_request = t;
		c->next_at = t + o->per_court_interval;
		cr->global_next = t + o->global_interval;
		curl_multi_add_handle(m, h->h);
		(*inflight)++;
		h->tag = kind;
	}
}

/* The raw answer into the archive, before anything reads it. */
static int archive_answer(crawl *cr, awol_http *h, awol_error *err)
{
	char when[32];

	awol_crawl_utc_now(when);
	return awol_archive_put(cr->archive, h->url, when, awol_http_status(h), h->content_type,
	                        awol_buf_cstr(&h->body), h->body.len, err);
}

/* Every answer that came in: archived, then handed to its court (respond.c). */
static int drain(crawl *cr, CURLM *m, size_t *inflight, awol_error *err)
{
	CURLMsg *msg;
	int left, still;

	curl_multi_perform(m, &still);
	while ((msg = curl_multi_info_read(m, &left)) != NULL) {
		awol_http *h = NULL;
		int kind;
		if (msg->msg != CURLMSG_DONE)
			continue;
		curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&h);
		kind = h->tag;
		curl_multi_remove_handle(m, msg->easy_handle);
		(*inflight)--;
		if (cr->archive && msg->data.result == CURLE_OK && archive_answer(cr, h, err) < 0) {
			awol_http_dispose(h);
			free(h);
			return -AWOL_EIO; /* losing raw pages silently is not an option */
		}
		/* stopping: answers in flight are asked again next run; a court whose lease
		 * was lost (C_IDLE) is another worker's now */
		if (!cr->store_failed && ((court_run *)h->owner)->state != C_IDLE)
			awol_crawl_on_response(cr, h->owner, kind, h, (int)msg->data.result);
		else
			((court_run *)h->owner)->busy = false;
		awol_http_dispose(h);
		free(h);
		cr->s->elapsed = awol_crawl_now() - cr->t0;
		count_windows(cr);
		if (cr->o->progress)
			cr->o->progress(cr->o->progress_ctx, cr->s);
	}
	return 0;
}

/* Sleep until the next court may be asked, or a transfer moves. */
static void sleep_until_next(crawl *cr, CURLM *m, size_t inflight)
{
	double wake = 0.2;
	size_t i;

	for (i = 0; i < cr->ncourts; i++) {
		court_run *c = &cr->courts[i];
		double w;
		if (c->state != C_ACTIVE || c->busy)
			continue;
		w = (c->next_at > cr->global_next ? c->next_at : cr->global_next) -
		    awol_crawl_now();
		if (w < wake)
			wake = w;
	}
	if (wake > 0.0005 || inflight)
		curl_multi_poll(m, NULL, 0, wake > 0 ? (int)ceil(wake * 1000) : 0, NULL);
}

/* The end of a run: windows cut short recorded partial, each court's status. */
static int finish(crawl *cr, awol_error *err)
{
	size_t i;

	for (i = 0; i < cr->ncourts; i++) {
		court_run *c = &cr->courts[i];
		if (c->state == C_ACTIVE && c->cur < c->ntasks) {
			char why[300];
			snprintf(why, sizeof(why), "crawl stopped%s%s",
			         c->cause[0] ? "; last failure: " : "", c->cause);
			cr->coord->window_end(cr, c->code, &c->tasks[c->cur], "partial", why);
		}
	}
	if (cr->share)
		awol_crawl_share_finish(cr);
	else
		cr->coord->finish(cr);
	count_windows(cr);
	cr->s->elapsed = awol_crawl_now() - cr->t0;
	if (cr->store_failed)
		return awol_error_set(
		    err, AWOL_EDB,
		    "store failure, crawl stopped: %s; what was stored is kept, "
		    "run the same command again to resume once the cause is fixed",
		    cr->store_error);
	return 0;
}

static void teardown(crawl *cr)
{
	size_t i;

	for (i = 0; i < cr->ncourts; i++) {
		awol_urlq_dispose(&cr->courts[i].cards);
		awol_urlq_dispose(&cr->courts[i].acts);
		free(cr->courts[i].tasks);
		free(cr->courts[i].redirect);
	}
	free(cr->courts);
	free(cr->captcha_dir);
	awol_crawl_share_free(cr->share);
	if (cr->lock_fd >= 0)
		close(cr->lock_fd);
}

int awol_crawl_run(awol_store *st, const awol_crawl_opts *o, awol_crawl_stats *stats,
                   awol_error *err)
{
	crawl cr;
	CURLM *m = NULL;
	size_t inflight = 0, rr = 0;
	int rc = setup(&cr, st, o, stats, err);

	if (rc == 0 &&
	    (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK || !(m = curl_multi_init())))
		rc = awol_error_set(err, AWOL_ENET, "cannot initialise libcurl");
	if (rc == 0)
		curl_multi_setopt(m, CURLMOPT_MAX_HOST_CONNECTIONS, 1L);
	while (rc == 0 && running(&cr, inflight)) {
		rc = start_requests(&cr, m, &inflight, rr++, err);
		if (rc == 0)
			rc = drain(&cr, m, &inflight, err);
		if (rc == 0)
			sleep_until_next(&cr, m, inflight);
	}
	if (rc == 0)
		rc = finish(&cr, err);
	else if (cr.share) /* the courts held go back, the worker's row says it failed */
		awol_crawl_share_finish(&cr);
	if (cr.archive && awol_archive_close(cr.archive, rc < 0 ? NULL : err) < 0 && rc == 0)
		rc = -AWOL_EIO;
	if (m)
		curl_multi_cleanup(m);
	teardown(&cr);
	return rc;
}
