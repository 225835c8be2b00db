/*
 * The local coordinator (crawl_priv.h: crawl_coord): one crawl in one process, its
 * plan taken from and its records written to the store it was given (SQLite or
 * PostgreSQL, through lib/store's named functions).  Every recording failure stops
 * the crawl (awol_crawl_store_failed): asking the site again cannot help.
 */
#include "crawl_priv.h"
#include "awol/courts.h"
#include "fetch/http.h"
#include "store/store_crawl.h"
#include "sudrf/url.h"
#include "util/buf.h"

/* A write of the crawl's records failed: the crawl stops (awol_crawl_store_failed). */
static void check(crawl *cr, court_run *c, int rc, const awol_error *err)
{
	if (rc < 0)
		awol_crawl_store_failed(cr, c, err->msg);
}

/* The store's name of a task's window; f and to hold its days. */
static awol_store_window window_of(const char *code, const task *t, char f[11], char to[11])
{
	awol_store_window w = {code, t->server, t->article, f, to};

	awol_date_iso(t->from, f);
	awol_date_iso(t->to, to);
	return w;
}

static void window_end(crawl *cr, const char *code, const task *t, const char *status,
                       const char *error)
{
	char f[11], to[11];
	awol_store_window w = window_of(code, t, f, to);
	awol_error err = {0};
	long expected = -1;

	if (t->total >= 0 && t->pages > 0)
		expected = t->total;
	else if (strcmp(status, "complete") == 0 || strcmp(status, "listings_only") == 0)
		expected = t->total > 0 ? t->total : 0;
	/* `collected` counts cases stored: none without cards */
	check(cr, NULL,
	      awol_store_coverage_set(cr->st, &w, status, expected, cr->o->cards ? t->rows_seen : 0,
	                              error, &err),
	      &err);
}

/*
 * A planned window gets its row at once, `pending`, so that a crawl killed
 * before the window ends never leaves coverage looking complete.
 */
static void window_pending(crawl *cr, const char *code, const task *t)
{
	char f[11], to[11];
	awol_store_window w = window_of(code, t, f, to);
	awol_error err = {0};

	check(cr, NULL, awol_store_coverage_pending(cr->st, &w, &err), &err);
}

/* A window split in two: its own row goes (its halves have theirs), unless complete. */
static void window_drop(crawl *cr, const char *code, const task *t)
{
	char f[11], to[11];
	awol_store_window w = window_of(code, t, f, to);
	awol_error err = {0};

	check(cr, NULL, awol_store_coverage_drop(cr->st, &w, &err), &err);
}

/*
 * Is this window complete in the database (for a --no-cards crawl, complete or
 * walked without cards: listings_only)?  The complete rows inside it must
 * cover every day of it: their union is swept in date order, so rows that
 * overlap (windows of runs with other --from/--to) never count twice.
 */
static bool window_covered(crawl *cr, const char *code, const task *t)
{
	char f[11], to[11];
	awol_store_window w = window_of(code, t, f, to);
	awol_error err = {0};
	bool covered = false;

	check(cr, NULL,
	      awol_store_coverage_covered(cr->st, &w, cr->o->cards ? "complete" : "listings_only",
	                                  &covered, &err),
	      &err);
	return covered;
}

/* The court has `n` servers; with drop_above, the windows of others that never
 * completed leave the coverage table (what was collected from them stays). */
static void servers_set(crawl *cr, const char *code, int n, bool drop_above)
{
	awol_error err = {0};

	check(cr, NULL,
	      drop_above ? awol_store_coverage_drop_servers_above(cr->st, code, n, &err)
	                 : awol_store_court_servers_set(cr->st, code, n, &err),
	      &err);
}

/*
 * Acts stored without a URL (cards imported before act URLs were derived,
 * schema v1) get it now from their card's URL, so --acts can fetch them.
 */
static void backfill_act_urls(crawl *cr, court_run *c)
{
	awol_store_rows *r = NULL;
	awol_buf url = AWOL_BUF_INIT;
	awol_error err = {0};
	int rc = awol_store_acts_without_url(cr->st, c->code, &r, &err);

	while (rc == 0 && (rc = awol_store_rows_next(r, &err)) > 0) {
		awol_buf_reset(&url);
		if (awol_url_act(&url, awol_store_rows_text(r, 2),
		                 (int)awol_store_rows_long(r, 1) + 1, NULL) < 0) {
			rc = 0;
			continue;
		}
		rc = awol_store_act_set_url(cr->st, awol_store_rows_long(r, 0), awol_buf_cstr(&url),
		                            &err);
	}
	check(cr, c, rc, &err);
	awol_store_rows_close(r);
	awol_buf_dispose(&url);
}

/* --acts: queue the court's acts that have a URL and no text yet. */
static void acts_missing(crawl *cr, court_run *c)
{
	awol_store_rows *r = NULL;
	awol_error err = {0};
	int rc;

	backfill_act_urls(cr, c);
	rc = awol_store_acts_without_text(cr->st, c->code, &r, &err);
	while (rc == 0 && (rc = awol_store_rows_next(r, &err)) > 0) {
		rc = 0;
		if (awol_urlq_push(&c->acts, awol_store_rows_text(r, 0)) < 0)
			break; /* out of memory: the acts queued so far */
	}
	check(cr, c, rc, &err);
	awol_store_rows_close(r);
}

/* A captcha answer read by this crawl is used: `awol captcha` can no longer replace it. */
static void answer_used(crawl *cr, const char *code)
{
	awol_error err = {0};

	check(cr, NULL, awol_store_captcha_used(cr->st, code, &err), &err);
}

/*
 * The courts asked for, from the registry in the store, with what an earlier crawl
 * left (servers, a captcha answered), and their windows not yet complete.
 */
static int plan(crawl *cr, awol_error *err)
{
	awol_store_rows *r = NULL;
	int rc, more = 0;
	size_t cap = 0;

	rc = awol_store_crawl_courts(cr->st, &r, err);
	while (rc == 0 && (more = awol_store_rows_next(r, err)) > 0) {
		const char *code = awol_store_rows_text(r, 0);
		const char *level = awol_store_rows_text(r, 2);
		const char *cid = awol_store_rows_text(r, 3);
		const char *ans = awol_store_rows_text(r, 4);
		const char *tmpl = awol_store_rows_text(r, 5);
		court_run *c;
		awol_court tmp = {0};
		int k;

		if (!awol_crawl_wanted_court(cr->o, code, level ? level : ""))
			continue;
		if (cr->ncourts == cap) {
			size_t nc = cap ? cap * 2 : 64;
			court_run *n = realloc(cr->courts, nc * sizeof(*n));
			if (!n) {
				rc = awol_error_set(err, AWOL_ENOMEM, "out of memory");
				break;
			}
			cr->courts = n;
			cap = nc;
		}
		c = &cr->courts[cr->ncourts++];
		memset(c, 0, sizeof(*c));
		snprintf(c->code, sizeof(c->code), "%s", code);
		c->vnkod = tmpl && strcmp(tmpl, "vnkod") == 0;
		c->servers = (int)awol_store_rows_long(r, 6); /* NULL (unknown) reads as 0 */
		tmp.host = (char *)(uintptr_t)awol_store_rows_text(r, 1);
		awol_courts_module_host(&tmp, c->host, sizeof(c->host));
		if (cr->o->worker) { /* a shared crawl plans a court when it takes it */
			c->state = C_IDLE;
			continue;
		}
		if (cid && ans) {
			snprintf(c->captchaid, sizeof(c->captchaid), "%s", cid);
			snprintf(c->captcha, sizeof(c->captcha), "%s", ans);
			answer_used(cr, code);
		}
		for (k = 1; k <= (c->servers > 0 ? c->servers : 1) && rc == 0; k++)
			if (awol_crawl_plan_server(cr, c, k) < 0)
				rc = awol_error_set(err, AWOL_ENOMEM, "out of memory");
		/*
		 * How many servers a court has is asked once (NULL: never asked, as
		 * in databases from before servers were known), and again with
		 * --update, since a court can add one.
		 */
		c->need_chooser = c->servers < 1 || cr->o->update;
		awol_crawl_windows_done(cr, c);
	}
	if (rc == 0 && more < 0)
		rc = more;
	if (rc == 0 && cr->store_failed)
		rc = awol_error_set(err, AWOL_EDB, "%s", cr->store_error);
	awol_store_rows_close(r);
	return rc;
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

/* Store a page; on failure the crawl stops (awol_crawl_store_failed). */
static bool store_page(crawl *cr, court_run *c, const awol_page *pg, const awol_http *h)
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

/* The court's status at its end (in this run, or when a worker hands it back). */
bool awol_crawl_court_status_save(crawl *cr, court_run *c)
{
	static const char *const names[] = {"partial", "complete", "captcha", "dead", "partial"};
	awol_store_court_end e = {0};
	awol_error err = {0};

	e.court = c->code;
	/* a court with a server given up is partial, however its other servers ended */
	e.status = c->state == C_DONE && c->lost ? "partial" : names[c->state];
	e.requests = c->requests;
	e.errors = c->errors;
	e.throttled = c->throttled;
	/* the cause of the last failure of a court that did not complete */
	e.error = awol_crawl_court_cause(c);
	if (awol_store_court_status_save(cr->st, &e, &err) < 0) {
		awol_crawl_store_failed(cr, NULL, err.msg);
		return false;
	}
	return true;
}

const char *awol_crawl_court_cause(const court_run *c)
{
	return c->state == C_DONE && !c->lost ? NULL : c->cause[0] ? c->cause : NULL;
}

static void finish(crawl *cr)
{
	size_t i;

	for (i = 0; i < cr->ncourts; i++)
		if (!awol_crawl_court_status_save(cr, &cr->courts[i]))
			break;
}

/* The court waits for a captcha: its image saved at `image`, the form's id in hand. */
static void captcha_wait(crawl *cr, court_run *c, const char *image)
{
	awol_error err = {0};

	if (awol_store_captcha_wait(cr->st, c->code, image, c->captchaid, &err) < 0)
		awol_crawl_store_failed(cr, c, err.msg);
}

const crawl_coord awol_crawl_coord_local = {
    .plan = plan,
    .window_covered = window_covered,
    .window_pending = window_pending,
    .window_end = window_end,
    .window_drop = window_drop,
    .servers_set = servers_set,
    .acts_missing = acts_missing,
    .have_case = have_case,
    .store_page = store_page,
    .captcha_wait = captcha_wait,
    .finish = finish,
};
