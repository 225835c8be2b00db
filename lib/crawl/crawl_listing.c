/*
 * A listing page came back (respond.c dispatches it here): the template that answers
 * (the registry's classification can go stale), windows too large split in two, the
 * cards of rows not yet stored (or changed) queued, the window complete after its
 * last page.
 */
#include "crawl_priv.h"
#include "fetch/http.h"

/*
 * A one-day window announcing more cases than this is not believed (the busiest
 * military court receives a few a day): a site that would lead the crawler through
 * endless pages gets that window recorded dead instead.
 */
#define MAX_DAY_CASES 2500

/* A window whose listing cannot be believed: recorded dead, the court ends partial. */
static void window_refused(crawl *cr, court_run *c, task *t)
{
	snprintf(c->cause, sizeof(c->cause),
	         "listing announces %ld cases received in one day (more than %d): not walked",
	         t->total, MAX_DAY_CASES);
	c->errors++;
	cr->s->errors++;
	c->lost = true;
	cr->coord->window_end(cr, c->code, t, "dead", c->cause);
	c->cur++;
	awol_urlq_clear(&c->cards);
	awol_crawl_windows_done(cr, c);
}

/*
 * No listing: the search form (the other template, or a captcha to ask for), or an
 * empty answer.  True when the page was one of those and is dealt with.
 */
static bool on_no_listing(crawl *cr, court_run *c, task *t, const awol_page *pg)
{
	if (pg->kind == AWOL_PAGE_SEARCH_FORM && c->probing) {
		/* the other template refuses: the first one was right and its window empty */
		c->vnkod = !c->vnkod;
		c->probing = false;
		t->total = 0;
		t->pages = 0;
		awol_crawl_task_done(cr, c);
		return true;
	}
	if (pg->kind == AWOL_PAGE_SEARCH_FORM && !c->switched && !c->captcha[0]) {
		/* the other module ignores this request shape: try the other template once
		 * (the registry's classification can go stale) */
		c->vnkod = !c->vnkod;
		c->switched = true;
		return true;
	}
	if (pg->kind == AWOL_PAGE_CAPTCHA || pg->kind == AWOL_PAGE_SEARCH_FORM) {
		c->need_form = true;
		c->captcha[0] = '\0';
		return true;
	}
	if (pg->kind != AWOL_PAGE_EMPTY || t->page != 1)
		return false;
	/* an empty answer proves nothing until asked twice */
	if (t->empty_retries++ < 1) {
		c->next_at = awol_crawl_now() + cr->o->per_court_interval;
		return true;
	}
	/* a malformed request looks empty too: the other template might answer */
	if (!c->switched) {
		c->vnkod = !c->vnkod;
		c->switched = true;
		c->probing = true;
		return true;
	}
	if (c->probing) {
		c->vnkod = !c->vnkod; /* empty both ways: it was empty; back to the first */
		c->probing = false;
	}
	t->total = 0;
	t->pages = 0;
	c->failures = 0;
	awol_crawl_task_done(cr, c);
	return true;
}

/*
 * The first page tells the window's size: too large, two half windows instead (true);
 * unbelievable, the window is refused (true).
 */
static bool sized(crawl *cr, court_run *c, task *t, const awol_page *pg)
{
	t->total = pg->listing.total >= 0 ? pg->listing.total : (long)pg->listing.nrows;
	t->pages = (t->total + 24) / 25;
	if (t->total > SPLIT_ABOVE && awol_date_to_days(t->to) > awol_date_to_days(t->from)) {
		long mid = (awol_date_to_days(t->from) + awol_date_to_days(t->to)) / 2;
		task a = *t;
		awol_date m1 = awol_date_from_days(mid), m2 = awol_date_from_days(mid + 1);
		cr->coord->window_drop(cr, c->code, t);
		a.to = m1;
		t->from = m2;
		t->total = 0;
		t->pages = 0;
		cr->coord->window_pending(cr, c->code, t);
		if (awol_crawl_add_task(c, a.article, a.server, a.from, a.to) == 0)
			cr->coord->window_pending(cr, c->code, &c->tasks[c->ntasks - 1]);
		return true;
	}
	if (t->total > MAX_DAY_CASES) {
		window_refused(cr, c, t);
		return true;
	}
	return false;
}

void awol_crawl_on_listing(crawl *cr, court_run *c, task *t, const awol_page *pg,
                           const awol_http *h)
{
	size_t i;

	if (on_no_listing(cr, c, t, pg))
		return;
	if (pg->kind != AWOL_PAGE_LISTING) {
		awol_crawl_court_fail(cr, c, "unexpected page instead of a listing", false);
		return;
	}
	c->failures = 0;
	c->probing = false; /* whichever template answered stays */
	c->solves = 0;
	cr->s->pages++;
	if (t->page == 1 && sized(cr, c, t, pg))
		return;
	if (!cr->coord->store_page(cr, c, pg, h))
		return;
	awol_urlq_clear(&c->cards);
	for (i = 0; i < pg->listing.nrows; i++) {
		const awol_listing_row *r = &pg->listing.rows[i];
		t->rows_seen++;
		if (!cr->o->cards || !r->url || cr->coord->have_case(cr, c->code, r))
			continue;
		awol_urlq_push(&c->cards, r->url);
	}
	if (!awol_urlq_peek(&c->cards) && ++t->page > t->pages)
		awol_crawl_task_done(cr, c);
}
