/*
 * What the crawl does with each answer (crawl_priv.h): one handler per kind of
 * response — a failure without a page, the chooser, the search form (captcha), an
 * act text, a card, a listing page — dispatched by awol_crawl_on_response.  The
 * handlers move the court's state machine on and record through the coordinator
 * (cr->coord); none of them knows where the records go.
 */
#include "crawl_priv.h"
#include "fetch/http.h"
#include "sudrf/url.h"

#include <curl/curl.h>

#define REFUSED_MAX 3 /* connections refused in a row before a court is dead */
#define BLOCKED_MAX 2 /* a shared crawl: blocked answers in a row before it is left to others */

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

void awol_crawl_task_done(crawl *cr, court_run *c)
{
	task *t = &c->tasks[c->cur];

	/* walked without cards: complete for the listings only; a run with cards walks it again */
	cr->coord->window_end(cr, c->code, t, cr->o->cards ? "complete" : "listings_only", NULL);
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

/* No answer at all, or not a page: a failure with its cause; a redirect followed. */
static bool on_no_page(crawl *cr, court_run *c, int kind, awol_http *h, CURLcode cc, long status)
{
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
		return true;
	}
	c->refused = 0;
	if (status >= 300 && status <= 399) {
		on_redirect(cr, c, kind, h);
		return true;
	}
	c->redirects = 0;
	if (status == 429 || status >= 500) {
		char why[64];
		snprintf(why, sizeof(why), "HTTP status %ld", status);
		awol_crawl_court_fail(cr, c, why, status == 429);
		return true;
	}
	return false;
}

/* A page every kind of request may get instead of its own: throttled, blocked, an error. */
static bool on_refusal(crawl *cr, court_run *c, int kind, const awol_page *pg, long status)
{
	if (pg->kind == AWOL_PAGE_UNAVAILABLE) {
		awol_crawl_court_fail(cr, c, "throttled («Информация временно недоступна»)", true);
		return true;
	}
	if (kind == R_ACT && (status == 404 || pg->kind == AWOL_PAGE_EMPTY)) {
		/* an act that is not (or no longer) published: skip it, it stays without text */
		next_act(cr, c);
		return true;
	}
	if (pg->kind == AWOL_PAGE_BLOCKED || status >= 400) {
		char why[64];
		snprintf(why, sizeof(why), "%s%ld",
		         pg->kind == AWOL_PAGE_BLOCKED ? "blocked, HTTP status " : "HTTP status ",
		         status);
		/* a shared crawl: a site blocking this worker's address may serve another's */
		if (pg->kind == AWOL_PAGE_BLOCKED && cr->share && ++c->blocked >= BLOCKED_MAX)
			awol_crawl_court_blocked(cr, c, why);
		else
			awol_crawl_court_fail(cr, c, why, false);
		return true;
	}
	c->blocked = 0;
	return false;
}

/* The server chooser (asked, or instead of another page), or no chooser: one server. */
static void on_chooser(crawl *cr, court_run *c, int kind, const awol_page *pg)
{
	if (pg->kind == AWOL_PAGE_CHOOSER) {
		/* a multi-server court: plan its other servers */
		if (pg->servers < 1) {
			awol_crawl_court_fail(cr, c, "server chooser without servers", false);
			return;
		}
		awol_crawl_servers_found(cr, c, pg->servers);
		if (kind != R_CHOOSER) {
			/* asked for a page, got the chooser: a failure, or it would loop */
			awol_crawl_court_fail(cr, c, "server chooser instead of the page asked",
			                      false);
			return;
		}
	}
	c->need_chooser = false;
	c->chooser_asked = true;
	c->failures = 0;
	if (pg->kind != AWOL_PAGE_CHOOSER && c->servers < 1)
		awol_crawl_servers_found(cr, c, 1); /* no chooser: one server */
	awol_crawl_windows_done(cr, c);
}

/* An act text: the text page (primary), or the card with its Document tab open (VNKOD). */
static void on_act(crawl *cr, court_run *c, const awol_page *pg, const awol_http *h)
{
	if ((pg->kind != AWOL_PAGE_ACT && pg->kind != AWOL_PAGE_CARD) || pg->error) {
		awol_crawl_court_fail(cr, c, "bad act page", false);
		return;
	}
	if (!cr->coord->store_page(cr, c, pg, h))
		return;
	cr->s->acts++;
	c->failures = 0;
	next_act(cr, c);
}

/* The search form, asked for its captcha. */
static void on_form(crawl *cr, court_run *c, const awol_page *pg)
{
	if (pg->kind == AWOL_PAGE_CAPTCHA)
		awol_crawl_on_captcha_form(cr, c, pg);
	else /* no captcha on the form: the listing failed for another reason */
		awol_crawl_court_fail(cr, c, "search form returned instead of a listing", false);
}

/* A card of the listing page in hand: stored, then the next card or the next page. */
static void on_card(crawl *cr, court_run *c, task *t, const awol_page *pg, const awol_http *h)
{
	size_t i;

	if (pg->kind != AWOL_PAGE_CARD || pg->error) {
		awol_crawl_court_fail(cr, c, "bad card page", false);
		return;
	}
	if (!cr->coord->store_page(cr, c, pg, h))
		return;
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
			awol_crawl_task_done(cr, c);
	}
}

void awol_crawl_on_response(crawl *cr, court_run *c, int kind, awol_http *h, int curl_code)
{
	CURLcode cc = (CURLcode)curl_code;
	long status = cc == CURLE_OK ? awol_http_status(h) : 0;
	awol_page *pg = NULL;
	awol_parse_opts po = {0};
	task *t = c->cur < c->ntasks ? &c->tasks[c->cur] : NULL;

	c->busy = false;
	c->transport = false;
	/* the interval counts from the answer, so the court never sees two requests closer
	 * than it, however long the first one travelled */
	if (c->next_at < awol_crawl_now() + cr->o->per_court_interval)
		c->next_at = awol_crawl_now() + cr->o->per_court_interval;
	c->requests++;
	cr->s->requests++;
	if (on_no_page(cr, c, kind, h, cc, status))
		return;
	po.source = h->url;
	po.url = h->url;
	po.content_type = h->content_type;
	/* act texts come embedded in cards: read them when asked for */
	po.act_texts = kind == R_ACT || (kind == R_CARD && cr->o->acts);
	if (awol_page_parse(awol_buf_cstr(&h->body), h->body.len, &po, &pg, NULL) < 0) {
		awol_crawl_court_fail(cr, c, "out of memory", false);
		return;
	}
	if (on_refusal(cr, c, kind, pg, status))
		goto done;
	if (pg->kind == AWOL_PAGE_CHOOSER || kind == R_CHOOSER) {
		on_chooser(cr, c, kind, pg);
		goto done;
	}
	if (pg->other_servers && c->servers <= 1 && !c->chooser_asked)
		c->need_chooser = true; /* «Выбрать другой сервер»: more servers than srv_num=1 */
	if (kind == R_ACT)
		on_act(cr, c, pg, h);
	else if (kind == R_FORM)
		on_form(cr, c, pg);
	else if (kind == R_CARD)
		on_card(cr, c, t, pg, h);
	else
		awol_crawl_on_listing(cr, c, t, pg, h);
done:
	awol_page_free(pg);
}
