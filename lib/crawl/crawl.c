/*
 * The crawl loop (include/awol/crawl.h).
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
#include "store/store_crawl.h"

#include <curl/curl.h>
#include <fcntl.h>
#include <math.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#define MAX_BODY ((size_t)32 * 1024 * 1024)
#define MAX_INFLIGHT 16
/*
 * A one-day window announcing more cases than this is not believed (the busiest
 * military court receives a few a day): a site that would lead the crawler through
 * endless pages gets that window recorded dead instead.
 */
#define MAX_DAY_CASES 2500
#define REFUSED_MAX 3 /* connections refused in a row before a court is dead */

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

/* Does the store already hold this listing row's case, unchanged? */
static bool have_case(crawl *cr, const char *code, const awol_listing_row *r)
{
	char *d = NULL, *res = NULL;
	bool have = false, acts = false;
	awol_error err = {0};

	if (!r->number)
		return false;
	if (awol_store_case_seen(cr->st, code, r->number, &have, &d, &res, &acts, &err) < 0) {
		awol_crawl_store_failed(cr, NULL, err.msg);
		have = false;
	} else if (have) {
		/* the listing shows the decision: a newly decided case is fetched again */
		if ((r->decided && (!d || strcmp(d, r->decided) != 0)) ||
		    (r->result && (!res || strcmp(res, r->result) != 0)))
			have = false;
		/* an act published since: the card lists it now */
		if (r->has_act && !acts)
			have = false;
	}
	free(d);
	free(res);
	return have;
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

/* Store a page; on failure the crawl stops (awol_crawl_store_failed). */
static bool import(crawl *cr, court_run *c, const awol_page *pg, const awol_http *h)
{
	awol_page_source src = {0};
	awol_error err = {0};

	src.source = h->url;
	src.raw = (const unsigned char *)h->body.ptr;
	src.raw_len = h->body.len;
	src.court_code = c->code;
	src.court_host = c->host;
	if (awol_store_import_page(cr->st, pg, &src, NULL, &err) == 0)
		return true;
	awol_crawl_store_failed(cr, c, err.msg);
	return false;
}

/*
 * No window left: ask the chooser if the servers are still unknown (its
 * answer can bring new windows), then fetch the act texts with --acts, else
 * the court is done.  A court is never done while the chooser is pending:
 * its other servers would be lost.
 */
void awol_crawl_windows_done(crawl *cr, court_run *c)
{
	if (c->state != C_ACTIVE && c->state != C_DONE)
		return;
	if (c->cur < c->ntasks || c->need_chooser || awol_urlq_peek(&c->cards) ||
	    (cr->o->acts && awol_crawl_load_acts(cr, c))) {
		c->state = C_ACTIVE;
		return;
	}
	c->state = C_DONE;
}

/* The act text in hand is done with (stored, or not published): the next one. */
static void next_act(crawl *cr, court_run *c)
{
	c->acts.i++;
	c->act_failures = 0;
	c->acts_skipped = 0;
	awol_crawl_windows_done(cr, c);
}

static void task_done(crawl *cr, court_run *c)
{
	task *t = &c->tasks[c->cur];

	/* walked without cards: complete for the listings only; a run with cards walks it again */
	awol_crawl_coverage_set(cr, c->code, t, cr->o->cards ? "complete" : "listings_only", NULL);
	c->cur++;
	c->completed++;
	awol_urlq_clear(&c->cards);
	awol_crawl_windows_done(cr, c);
}

/*
 * A 3xx answer: followed (asked next, as the same kind of request, at the court's
 * pace) only to the court's own host forms and never from https down to http;
 * anything else is a failure whose cause names the refused target.
 */
static void on_redirect(crawl *cr, court_run *c, int kind, awol_http *h)
{
	const char *to = awol_http_redirect(h);
	const char *from = strncasecmp(h->url, "https:", 6) == 0 ? "https" : "http";
	char reason[256], why[300];

	if (!to) {
		awol_http_cause(h, CURLE_OK, why, sizeof(why));
		awol_crawl_court_fail(cr, c, why, false);
		return;
	}
	if (!awol_url_redirect_ok(c->host, from, to, reason, sizeof(reason))) {
		snprintf(why, sizeof(why), "redirect refused: %s", reason);
		awol_crawl_court_fail(cr, c, why, false);
		return;
	}
	if (c->redirects >= 5) {
		awol_crawl_court_fail(cr, c, "redirect refused: more than 5 in a row", false);
		return;
	}
	free(c->redirect);
	c->redirect = strdup(to);
	c->redirect_kind = kind;
	c->redirects++;
}

/* A window whose listing cannot be believed: recorded dead, the court ends partial. */
static void window_refused(crawl *cr, court_run *c, task *t)
{
	snprintf(c->cause, sizeof(c->cause),
	         "listing announces %ld cases received in one day (more than %d): not walked",
	         t->total, MAX_DAY_CASES);
	c->errors++;
	cr->s->errors++;
	c->lost = true;
	awol_crawl_coverage_set(cr, c->code, t, "dead", c->cause);
	c->cur++;
	awol_urlq_clear(&c->cards);
	awol_crawl_windows_done(cr, c);
}

static void on_response(crawl *cr, court_run *c, int kind, awol_http *h, CURLcode cc)
{
	long status = cc == CURLE_OK ? awol_http_status(h) : 0;
	awol_page *pg = NULL;
	awol_parse_opts po = {0};
	task *t = c->cur < c->ntasks ? &c->tasks[c->cur] : NULL;
	size_t i;

	c->busy = false;
	c->transport = false;
	/* the interval counts from the answer, so the court never sees two requests closer
	 * than it, however long the first one travelled */
	if (c->next_at < awol_crawl_now() + cr->o->per_court_interval)
		c->next_at = awol_crawl_now() + cr->o->per_court_interval;
	c->requests++;
	cr->s->requests++;
	if (cc != CURLE_OK || status == 0) {
		char why[256];
		c->transport = true;
		awol_http_cause(h, (int)cc, why, sizeof(why));
		/* nothing listens there: not a busy site to wait for; three in a row and the
		 * court is given up at once (docs/crawling.md) */
		if (strcmp(why, "connection refused") == 0 && ++c->refused >= REFUSED_MAX &&
		    c->failures < cr->o->max_failures - 1)
			c->failures = cr->o->max_failures - 1;
		awol_crawl_court_fail(cr, c, why, false);
		return;
	}
	c->refused = 0;
	if (status >= 300 && status <= 399) {
		on_redirect(cr, c, kind, h);
		return;
	}
	c->redirects = 0;
	if (status == 429 || status >= 500) {
		char why[64];
		snprintf(why, sizeof(why), "HTTP status %ld", status);
		awol_crawl_court_fail(cr, c, why, status == 429);
		return;
	}
	po.source = h->url;
	po.url = h->url;
	po.content_type = h->content_type;
	/* act texts come embedded in cards: read them when asked for */
	po.act_texts = kind == R_ACT || (kind == R_CARD && cr->o->acts);
	if (awol_page_parse(awol_buf_cstr(&h->body), h->body.len, &po, &pg, NULL) < 0) {
		awol_crawl_court_fail(cr, c, "out of memory", false);
		return;
	}
	if (pg->kind == AWOL_PAGE_UNAVAILABLE) {
		awol_crawl_court_fail(cr, c, "throttled («Информация временно недоступна»)", true);
		goto done;
	}
	if (kind == R_ACT && (status == 404 || pg->kind == AWOL_PAGE_EMPTY)) {
		/* an act that is not (or no longer) published: skip it, it stays without text */
		next_act(cr, c);
		goto done;
	}
	if (pg->kind == AWOL_PAGE_BLOCKED || status >= 400) {
		char why[64];
		snprintf(why, sizeof(why), "%s%ld",
		         pg->kind == AWOL_PAGE_BLOCKED ? "blocked, HTTP status " : "HTTP status ",
		         status);
		awol_crawl_court_fail(cr, c, why, false);
		goto done;
	}
	if (pg->kind == AWOL_PAGE_CHOOSER) {
		/* a multi-server court: plan its other servers */
		if (pg->servers < 1) {
			awol_crawl_court_fail(cr, c, "server chooser without servers", false);
			goto done;
		}
		awol_crawl_servers_found(cr, c, pg->servers);
		if (kind != R_CHOOSER) {
			/* asked for a page, got the chooser: a failure, or it would loop */
			awol_crawl_court_fail(cr, c, "server chooser instead of the page asked",
			                      false);
			goto done;
		}
		c->need_chooser = false;
		c->chooser_asked = true;
		c->failures = 0;
		awol_crawl_windows_done(cr, c);
		goto done;
	}
	if (kind == R_CHOOSER) {
		/* no chooser: one server */
		c->need_chooser = false;
		c->chooser_asked = true;
		c->failures = 0;
		if (c->servers < 1)
			awol_crawl_servers_found(cr, c, 1);
		awol_crawl_windows_done(cr, c);
		goto done;
	}
	if (pg->other_servers && c->servers <= 1 && !c->chooser_asked)
		c->need_chooser = true; /* «Выбрать другой сервер»: more servers than srv_num=1 */
	if (kind == R_ACT) {
		/* the text page (primary), or the card with its Document tab open (VNKOD) */
		if ((pg->kind != AWOL_PAGE_ACT && pg->kind != AWOL_PAGE_CARD) || pg->error) {
			awol_crawl_court_fail(cr, c, "bad act page", false);
			goto done;
		}
		if (!import(cr, c, pg, h))
			goto done;
		cr->s->acts++;
		c->failures = 0;
		next_act(cr, c);
		goto done;
	}
	if (kind == R_FORM) {
		if (pg->kind == AWOL_PAGE_CAPTCHA)
			awol_crawl_on_captcha_form(cr, c, pg);
		else {
			/* no captcha on the form: the listing failed for another reason */
			awol_crawl_court_fail(cr, c, "search form returned instead of a listing",
			                      false);
		}
		goto done;
	}
	if (kind == R_CARD) {
		if (pg->kind != AWOL_PAGE_CARD || pg->error) {
			awol_crawl_court_fail(cr, c, "bad card page", false);
			goto done;
		}
		if (!import(cr, c, pg, h))
			goto done;
		cr->s->cards++;
		c->cards_in++;
		for (i = 0; i < pg->nacts; i++) /* texts the card embeds count as collected */
			if (pg->acts[i].text)
				cr->s->acts++;
		c->failures = 0;
		c->cards.i++;
		if (!awol_urlq_peek(&c->cards) && t) {
			awol_urlq_clear(&c->cards);
			if (++t->page > t->pages)
				task_done(cr, c);
		}
		goto done;
	}
	/* a listing */
	if (pg->kind == AWOL_PAGE_SEARCH_FORM && c->probing) {
		/* the other template refuses: the first one was right and its window empty */
		c->vnkod = !c->vnkod;
		c->probing = false;
		t->total = 0;
		t->pages = 0;
		task_done(cr, c);
		goto done;
	}
	if (pg->kind == AWOL_PAGE_SEARCH_FORM && !c->switched && !c->captcha[0]) {
		/* the other module ignores this request shape: try the other template once
		 * (the registry's classification can go stale) */
		c->vnkod = !c->vnkod;
		c->switched = true;
		goto done;
	}
	if (pg->kind == AWOL_PAGE_CAPTCHA || pg->kind == AWOL_PAGE_SEARCH_FORM) {
		c->need_form = true;
		c->captcha[0] = '\0';
		goto done;
	}
	if (pg->kind == AWOL_PAGE_EMPTY && t->page == 1) {
		/* an empty answer proves nothing until asked twice */
		if (t->empty_retries++ < 1) {
			c->next_at = awol_crawl_now() + cr->o->per_court_interval;
			goto done;
		}
		/* a malformed request looks empty too: the other template might answer */
		if (!c->switched) {
			c->vnkod = !c->vnkod;
			c->switched = true;
			c->probing = true;
			goto done;
		}
		if (c->probing) {
			c->vnkod = !c->vnkod; /* empty both ways: it was empty; back to the first */
			c->probing = false;
		}
		t->total = 0;
		t->pages = 0;
		c->failures = 0;
		task_done(cr, c);
		goto done;
	}
	if (pg->kind != AWOL_PAGE_LISTING) {
		awol_crawl_court_fail(cr, c, "unexpected page instead of a listing", false);
		goto done;
	}
	c->failures = 0;
	c->probing = false; /* whichever template answered stays */
	c->solves = 0;
	cr->s->pages++;
	if (t->page == 1) {
		t->total = pg->listing.total >= 0 ? pg->listing.total : (long)pg->listing.nrows;
		t->pages = (t->total + 24) / 25;
		if (t->total > SPLIT_ABOVE &&
		    awol_date_to_days(t->to) > awol_date_to_days(t->from)) {
			/* too large: two half windows instead */
			long mid = (awol_date_to_days(t->from) + awol_date_to_days(t->to)) / 2;
			task a = *t;
			awol_date m1 = awol_date_from_days(mid), m2 = awol_date_from_days(mid + 1);
			awol_crawl_coverage_drop(cr, c->code, t);
			a.to = m1;
			t->from = m2;
			t->total = 0;
			t->pages = 0;
			awol_crawl_coverage_pending(cr, c->code, t);
			if (awol_crawl_add_task(c, a.article, a.server, a.from, a.to) == 0)
				awol_crawl_coverage_pending(cr, c->code, &c->tasks[c->ntasks - 1]);
			goto done;
		}
		if (t->total > MAX_DAY_CASES) {
			window_refused(cr, c, t);
			goto done;
		}
	}
	if (!import(cr, c, pg, h))
		goto done;
	awol_urlq_clear(&c->cards);
	for (i = 0; i < pg->listing.nrows; i++) {
		const awol_listing_row *r = &pg->listing.rows[i];
		t->rows_seen++;
		if (!cr->o->cards || !r->url || have_case(cr, c->code, r))
			continue;
		awol_urlq_push(&c->cards, r->url);
	}
	if (!awol_urlq_peek(&c->cards) && ++t->page > t->pages)
		task_done(cr, c);
done:
	awol_page_free(pg);
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

/* Requests a court still needs, as far as known (unseen windows count as a few pages). */
static long work_left(const court_run *c)
{
	long w = (long)(c->cards.n - c->cards.i) + (long)(c->acts.n - c->acts.i);
	size_t i;

	for (i = c->cur; i < c->ntasks; i++) {
		const task *t = &c->tasks[i];
		if (t->pages > 0)
			w += (t->pages - t->page + 1) * 26; /* a page and its 25 cards */
		else
			w += 8;
	}
	return w;
}

static void write_status(crawl *cr)
{
	size_t i;
	static const char *const names[] = {"partial", "complete", "captcha", "dead"};
	awol_error err = {0};

	for (i = 0; i < cr->ncourts; i++) {
		court_run *c = &cr->courts[i];
		awol_store_court_end e = {0};
		e.court = c->code;
		/* a court with a server given up is partial, however its other servers ended */
		e.status = c->state == C_DONE && c->lost ? "partial" : names[c->state];
		e.requests = c->requests;
		e.errors = c->errors;
		e.throttled = c->throttled;
		/* the cause of the last failure of a court that did not complete */
		e.error = c->state == C_DONE && !c->lost ? NULL : c->cause[0] ? c->cause : NULL;
		if (awol_store_court_status_save(cr->st, &e, &err) < 0) {
			awol_crawl_store_failed(cr, NULL, err.msg);
			break;
		}
	}
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
	int fd;
	ssize_t n;

	snprintf(path, sizeof(path), "%s.lock", db);
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0)
		return awol_error_set(err, AWOL_EIO, "%s: cannot make the crawl lock: %s", path,
		                      strerror(errno));
	if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		int e = errno;
		n = pread(fd, pid, sizeof(pid) - 1, 0);
		pid[n > 0 ? n : 0] = '\0';
		pid[strcspn(pid, "\n")] = '\0';
		close(fd);
		if (e == EWOULDBLOCK)
			return awol_error_set(err, AWOL_EEXISTS,
			                      "%s: another crawl (pid %s) is using this database; "
			                      "wait for it to end or stop it, then run again",
			                      db, pid[0] ? pid : "unknown");
		return awol_error_set(err, AWOL_EIO, "%s: cannot lock: %s", path, strerror(e));
	}
	n = snprintf(pid, sizeof(pid), "%ld\n", (long)getpid());
	if (ftruncate(fd, 0) < 0 || pwrite(fd, pid, (size_t)n, 0) != n) {
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

int awol_crawl_run(awol_store *st, const awol_crawl_opts *o, awol_crawl_stats *stats,
                   awol_error *err)
{
	crawl cr;
	awol_date from, to;
	CURLM *m = NULL;
	size_t i, inflight = 0, rr = 0;
	int rc = 0, still;

	memset(&cr, 0, sizeof(cr));
	memset(stats, 0, sizeof(*stats));
	if (!o->from || !awol_date_parse(o->from, &from))
		return awol_error_set(err, AWOL_EINVAL, "--from: not a date: '%s'",
		                      o->from ? o->from : "");
	if (!o->to || !awol_date_parse(o->to, &to))
		return awol_error_set(err, AWOL_EINVAL, "--to: not a date: '%s'",
		                      o->to ? o->to : "");
	if (awol_date_cmp(from, to) > 0)
		return awol_error_set(err, AWOL_EINVAL, "--from %s is after --to %s", o->from,
		                      o->to);
	cr.st = st;
	cr.lock_fd = -1;
	cr.o = o;
	cr.s = stats;
	cr.rng = 12345u;
	cr.from = from;
	cr.to = to;
	cr.t0 = awol_crawl_now();
	{
		size_t l = strlen(awol_store_path(st)) + 16;
		cr.captcha_dir = malloc(l);
		if (!cr.captcha_dir)
			return awol_error_set(err, AWOL_ENOMEM, "out of memory");
		snprintf(cr.captcha_dir, l, "%s.captcha", awol_store_path(st));
	}
	if (o->archive_dir && (awol_archive_open(&cr.archive, o->archive_dir, err) < 0 ||
	                       awol_archive_set_via(cr.archive, o->connect_to, err) < 0)) {
		awol_archive_close(cr.archive, NULL);
		free(cr.captcha_dir);
		return -AWOL_EIO;
	}
	rc = lock_db(&cr, err);
	if (rc == 0 && loopback(o->connect_to))
		rc = awol_store_meta_set(st, "simulated", "1", err);
	if (rc == 0)
		rc = awol_crawl_plan(&cr, err);
	if (rc < 0)
		goto done;
	stats->courts = cr.ncourts;
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK || !(m = curl_multi_init())) {
		rc = awol_error_set(err, AWOL_ENET, "cannot initialise libcurl");
		goto done;
	}
	curl_multi_setopt(m, CURLMOPT_MAX_HOST_CONNECTIONS, 1L);
	for (;;) {
		double t = awol_crawl_now();
		bool active = false;
		CURLMsg *msg;
		int left;

		for (i = 0; i < cr.ncourts; i++)
			if (cr.courts[i].state == C_ACTIVE)
				active = true;
		if ((!active || (o->stop && *o->stop) || cr.store_failed) && inflight == 0)
			break;
		/*
		 * Start what the intervals allow.  When the global interval is the
		 * limit, the court with the most work left goes first: the crawl
		 * ends when its busiest court ends, so that court must never wait.
		 */
		for (;;) {
			court_run *c = NULL;
			awol_http *h;
			int kind;
			char *url;
			long best = -1;

			if (inflight >= MAX_INFLIGHT || (o->stop && *o->stop) || cr.store_failed ||
			    cr.global_next > t)
				break;
			for (i = 0; i < cr.ncourts; i++) {
				court_run *x = &cr.courts[(rr + i) % cr.ncourts];
				long w;
				if (x->state != C_ACTIVE || x->busy || x->next_at > t)
					continue;
				w = work_left(x);
				if (w > best) {
					best = w;
					c = x;
				}
			}
			if (!c)
				break;
			url = build_url(&cr, c, &kind);
			if (kind == R_NONE) {
				/* nothing left to ask (never expected: such a court is done) */
				c->state = C_DONE;
				continue;
			}
			h = malloc(sizeof(*h));
			if (!url || !h ||
			    awol_http_init(h, url, o->user_agent, o->connect_to, o->timeout,
			                   MAX_BODY, err) < 0) {
				free(url);
				free(h);
				rc = -AWOL_ENOMEM;
				goto done;
			}
			free(url);
			h->owner = c;
			curl_easy_setopt(h->h, CURLOPT_PRIVATE, h);
			c->busy = true;
			c->next_at = t + o->per_court_interval;
			cr.global_next = t + o->global_interval;
			curl_multi_add_handle(m, h->h);
			inflight++;
			h->tag = kind;
		}
		rr++;
		curl_multi_perform(m, &still);
		while ((msg = curl_multi_info_read(m, &left)) != NULL) {
			awol_http *h = NULL;
			int kind;
			if (msg->msg != CURLMSG_DONE)
				continue;
			curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&h);
			kind = h->tag;
			curl_multi_remove_handle(m, msg->easy_handle);
			inflight--;
			if (cr.archive && msg->data.result == CURLE_OK) {
				char when[32];
				time_t tt = time(NULL);
				struct tm tm;
				gmtime_r(&tt, &tm);
				strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
				if (awol_archive_put(cr.archive, h->url, when, awol_http_status(h),
				                     h->content_type, awol_buf_cstr(&h->body),
				                     h->body.len, err) < 0) {
					rc = -AWOL_EIO; /* losing raw pages silently is not an
					                   option */
					awol_http_dispose(h);
					free(h);
					goto done;
				}
			}
			if (!cr.store_failed) /* stopping: answers in flight are asked again next
			                         run */
				on_response(&cr, h->owner, kind, h, msg->data.result);
			else
				((court_run *)h->owner)->busy = false;
			awol_http_dispose(h);
			free(h);
			stats->elapsed = awol_crawl_now() - cr.t0;
			count_windows(&cr);
			if (o->progress)
				o->progress(o->progress_ctx, stats);
		}
		{
			/* sleep until the next court may be asked, or a transfer moves */
			double wake = 0.2;
			for (i = 0; i < cr.ncourts; i++) {
				court_run *c = &cr.courts[i];
				double w;
				if (c->state != C_ACTIVE || c->busy)
					continue;
				w = (c->next_at > cr.global_next ? c->next_at : cr.global_next) -
				    awol_crawl_now();
				if (w < wake)
					wake = w;
			}
			if (wake > 0.0005 || inflight)
				curl_multi_poll(m, NULL, 0, wake > 0 ? (int)ceil(wake * 1000) : 0,
				                NULL);
		}
	}
	for (i = 0; i < cr.ncourts; i++) {
		court_run *c = &cr.courts[i];
		if (c->state == C_ACTIVE && c->cur < c->ntasks) {
			char why[300];
			snprintf(why, sizeof(why), "crawl stopped%s%s",
			         c->cause[0] ? "; last failure: " : "", c->cause);
			awol_crawl_coverage_set(&cr, c->code, &c->tasks[c->cur], "partial", why);
		}
	}
	write_status(&cr);
	count_windows(&cr);
	stats->elapsed = awol_crawl_now() - cr.t0;
	if (cr.store_failed)
		rc =
		    awol_error_set(err, AWOL_EDB,
		                   "store failure, crawl stopped: %s; what was stored is kept, run "
		                   "the same command again to resume once the cause is fixed",
		                   cr.store_error);
done:
	if (cr.archive && awol_archive_close(cr.archive, rc < 0 ? NULL : err) < 0 && rc == 0)
		rc = -AWOL_EIO;
	if (m)
		curl_multi_cleanup(m);
	for (i = 0; i < cr.ncourts; i++) {
		awol_urlq_dispose(&cr.courts[i].cards);
		awol_urlq_dispose(&cr.courts[i].acts);
		free(cr.courts[i].tasks);
		free(cr.courts[i].redirect);
	}
	free(cr.courts);
	free(cr.captcha_dir);
	if (cr.lock_fd >= 0)
		close(cr.lock_fd);
	return rc;
}
