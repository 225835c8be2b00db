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
#include "util/common.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/file.h"
#include "awol/archive.h"
#include "awol/courts.h"
#include "awol/crawl.h"
#include "awol/page.h"
#include "fetch/http.h"
#include "sudrf/url.h"

#include <curl/curl.h>
#include <math.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <time.h>

#define MAX_BODY ((size_t)32 * 1024 * 1024)
#define SPLIT_ABOVE 500 /* a window with more cases than this is halved */
#define MAX_INFLIGHT 16

enum court_state { C_ACTIVE, C_DONE, C_CAPTCHA, C_DEAD };
enum req_kind { R_LISTING, R_CARD, R_FORM };

typedef struct task {
	char article[16];
	awol_date from, to;
	long total, pages, page, rows_seen, empty_retries;
} task;

typedef struct court_run {
	char code[16], host[160];
	task *tasks;
	size_t ntasks, cur, cap;
	char **cards;
	size_t ncards, card_i, capc;
	double next_at;
	int failures, state;
	bool busy, need_form, counted_done;
	bool vnkod, switched; /* the vintage module; switched once after a silent refusal */
	bool probing;         /* trying the other template after an empty answer */
	int solves;           /* captcha answers since the last listing that came through */
	char captcha[16], captchaid[80];
	long requests, errors, throttled;
} court_run;

typedef struct crawl {
	awol_store *st;
	sqlite3 *db;
	const awol_crawl_opts *o;
	awol_crawl_stats *s;
	court_run *courts;
	size_t ncourts;
	char *captcha_dir;
	double t0, global_next;
	unsigned rng;
	awol_archive *archive;
} crawl;

static double now_s(void)
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

/* ---- planning ---- */

static int add_task(court_run *c, const char *article, awol_date from, awol_date to)
{
	task *t;

	if (c->ntasks == c->cap) {
		size_t nc = c->cap ? c->cap * 2 : 8;
		task *n = realloc(c->tasks, nc * sizeof(*n));
		if (!n)
			return -AWOL_ENOMEM;
		c->tasks = n;
		c->cap = nc;
	}
	t = &c->tasks[c->ntasks++];
	memset(t, 0, sizeof(*t));
	snprintf(t->article, sizeof(t->article), "%s", article);
	t->from = from;
	t->to = to;
	t->page = 1;
	return 0;
}

static void coverage_set(crawl *cr, const char *code, const task *t, const char *status,
                         const char *error)
{
	sqlite3_stmt *s = NULL;
	char f[11], to[11], now[32];
	time_t tt = time(NULL);
	struct tm tm;

	gmtime_r(&tt, &tm);
	strftime(now, sizeof(now), "%Y-%m-%dT%H:%M:%SZ", &tm);
	awol_date_iso(t->from, f);
	awol_date_iso(t->to, to);
	if (sqlite3_prepare_v2(
	        cr->db,
	        "INSERT INTO coverage (court_code, article, date_axis, date_from, "
	        "date_to, status, expected, collected, error, updated_at) VALUES "
	        "(?1,?2,'received',?3,?4,?5,?6,?7,?8,?9) ON CONFLICT(court_code, article, "
	        "date_axis, date_from, date_to) DO UPDATE SET status=?5, "
	        "expected=coalesce(?6, expected), collected=?7, error=?8, updated_at=?9",
	        -1, &s, NULL) != SQLITE_OK)
		return;
	sqlite3_bind_text(s, 1, code, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, t->article, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, f, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, to, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, status, -1, SQLITE_STATIC);
	if (t->total >= 0 && t->pages > 0)
		sqlite3_bind_int64(s, 6, t->total);
	else if (strcmp(status, "complete") == 0)
		sqlite3_bind_int64(s, 6, t->total > 0 ? t->total : 0);
	else
		sqlite3_bind_null(s, 6);
	sqlite3_bind_int64(s, 7, t->rows_seen);
	sqlite3_bind_text(s, 8, error, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 9, now, -1, SQLITE_STATIC);
	sqlite3_step(s);
	sqlite3_finalize(s);
}

/* Is this window already complete in the database? */
static bool window_complete(crawl *cr, const char *code, const char *article, awol_date a,
                            awol_date b)
{
	sqlite3_stmt *s = NULL;
	char f[11], t[11];
	bool r = false;

	awol_date_iso(a, f);
	awol_date_iso(b, t);
	if (sqlite3_prepare_v2(cr->db,
	                       "SELECT count(*) FROM coverage WHERE court_code=? AND article=? AND "
	                       "date_axis='received' AND status='complete' AND date_from>=? AND "
	                       "date_to<=?",
	                       -1, &s, NULL) != SQLITE_OK)
		return false;
	sqlite3_bind_text(s, 1, code, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, article, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, f, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, t, -1, SQLITE_STATIC);
	/* complete when the completed sub-windows tile the window: checked by day count */
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int(s, 0) > 0) {
		sqlite3_stmt *s2 = NULL;
		if (sqlite3_prepare_v2(
		        cr->db,
		        "SELECT coalesce(sum(julianday(date_to)-julianday(date_from)+1),0) "
		        "FROM coverage WHERE court_code=? AND article=? AND "
		        "date_axis='received' AND status='complete' AND date_from>=? AND "
		        "date_to<=?",
		        -1, &s2, NULL) == SQLITE_OK) {
			sqlite3_bind_text(s2, 1, code, -1, SQLITE_STATIC);
			sqlite3_bind_text(s2, 2, article, -1, SQLITE_STATIC);
			sqlite3_bind_text(s2, 3, f, -1, SQLITE_STATIC);
			sqlite3_bind_text(s2, 4, t, -1, SQLITE_STATIC);
			if (sqlite3_step(s2) == SQLITE_ROW)
				r = (long)sqlite3_column_double(s2, 0) >=
				    awol_date_to_days(b) - awol_date_to_days(a) + 1;
			sqlite3_finalize(s2);
		}
	}
	sqlite3_finalize(s);
	return r;
}

static bool wanted_court(const awol_crawl_opts *o, const char *code, const char *level)
{
	const char *p;
	size_t l = strlen(code);

	if (strcmp(o->courts, "all") == 0)
		return strcmp(level, "garrison") == 0 || strcmp(level, "district") == 0 ||
		       strcmp(level, "fleet") == 0;
	if (strcmp(o->courts, "garrison") == 0)
		return strcmp(level, "garrison") == 0;
	for (p = o->courts; (p = strstr(p, code)) != NULL; p += l)
		if ((p == o->courts || p[-1] == ',') && (p[l] == '\0' || p[l] == ','))
			return true;
	return false;
}

static int plan(crawl *cr, awol_date from, awol_date to, awol_error *err)
{
	sqlite3_stmt *s = NULL;
	int rc = 0;
	size_t cap = 0;

	if (sqlite3_prepare_v2(
	        cr->db,
	        "SELECT c.code, c.host, c.level, s.captcha_id, s.captcha_answer, c.template "
	        "FROM courts c "
	        "LEFT JOIN court_status s ON s.court_code = c.code "
	        "WHERE c.host IS NOT NULL AND c.host != '' ORDER BY c.code",
	        -1, &s, NULL) != SQLITE_OK)
		return awol_error_set(err, AWOL_EDB, "%s: %s", awol_store_path(cr->st),
		                      sqlite3_errmsg(cr->db));
	while (sqlite3_step(s) == SQLITE_ROW) {
		const char *code = (const char *)sqlite3_column_text(s, 0);
		const char *level = (const char *)sqlite3_column_text(s, 2);
		const char *cid = (const char *)sqlite3_column_text(s, 3);
		const char *ans = (const char *)sqlite3_column_text(s, 4);
		court_run *c;
		awol_court tmp = {0};
		const char *a = cr->o->articles;
		int y;

		if (!wanted_court(cr->o, code, level ? level : ""))
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
		c->vnkod = sqlite3_column_text(s, 5) &&
		           strcmp((const char *)sqlite3_column_text(s, 5), "vnkod") == 0;
		tmp.host = (char *)(uintptr_t)sqlite3_column_text(s, 1);
		awol_courts_module_host(&tmp, c->host, sizeof(c->host));
		if (cid && ans) {
			snprintf(c->captchaid, sizeof(c->captchaid), "%s", cid);
			snprintf(c->captcha, sizeof(c->captcha), "%s", ans);
		}
		/* articles x calendar-year windows */
		while (a && *a) {
			char art[16];
			size_t l = strcspn(a, ",");
			snprintf(art, sizeof(art), "%.*s", (int)(l < 15 ? l : 15), a);
			for (y = from.y; y <= to.y; y++) {
				awol_date wf = {y, 1, 1}, wt = {y, 12, 31};
				if (y == from.y)
					wf = from;
				if (y == to.y)
					wt = to;
				if (!cr->o->update && window_complete(cr, code, art, wf, wt))
					continue;
				if (add_task(c, art, wf, wt) < 0) {
					rc = awol_error_set(err, AWOL_ENOMEM, "out of memory");
					break;
				}
			}
			a += l;
			if (*a == ',')
				a++;
		}
		if (c->ntasks == 0)
			c->state = C_DONE;
	}
	sqlite3_finalize(s);
	return rc;
}

/* ---- requests ---- */

static void court_fail(crawl *cr, court_run *c, const char *why, bool throttle)
{
	double back;

	c->failures++;
	c->errors++;
	cr->s->errors++;
	if (throttle) {
		c->throttled++;
		cr->s->throttled++;
	}
	if (c->failures >= cr->o->max_failures) {
		c->state = C_DEAD;
		cr->s->dead++;
		if (c->cur < c->ntasks)
			coverage_set(cr, c->code, &c->tasks[c->cur], "dead", why);
		return;
	}
	/* exponential backoff with jitter, from the court's own interval */
	back = cr->o->per_court_interval * pow(2.0, c->failures);
	if (back < 0.05 * c->failures)
		back = 0.05 * c->failures;
	if (back > 300)
		back = 300;
	cr->rng = cr->rng * 1103515245u + 12345u;
	back *= 0.75 + 0.5 * (double)((cr->rng >> 8) % 1000) / 1000.0;
	c->next_at = now_s() + back;
}

static char *build_url(crawl *cr, court_run *c, int *kind)
{
	awol_buf u = AWOL_BUF_INIT;
	task *t;

	if (c->need_form) {
		*kind = R_FORM;
		awol_url_search_form(&u, cr->o->scheme, c->host, NULL);
		return awol_buf_detach(&u);
	}
	if (c->card_i < c->ncards) {
		*kind = R_CARD;
		return strdup(c->cards[c->card_i]);
	}
	t = &c->tasks[c->cur];
	*kind = R_LISTING;
	if (c->vnkod)
		awol_url_listing_vnkod(&u, cr->o->scheme, c->host, c->code, t->article, t->from,
		                       t->to, t->page, c->captcha[0] ? c->captcha : NULL,
		                       c->captcha[0] ? c->captchaid : NULL, NULL);
	else
		awol_url_listing(&u, cr->o->scheme, c->host, t->article, t->from, t->to, t->page,
		                 c->captcha[0] ? c->captcha : NULL,
		                 c->captcha[0] ? c->captchaid : NULL, NULL);
	return awol_buf_detach(&u);
}

static void clear_cards(court_run *c)
{
	size_t i;

	for (i = 0; i < c->ncards; i++)
		free(c->cards[i]);
	c->ncards = c->card_i = 0;
}

static void queue_card(court_run *c, const char *url)
{
	if (c->ncards == c->capc) {
		size_t nc = c->capc ? c->capc * 2 : 32;
		char **n = realloc(c->cards, nc * sizeof(*n));
		if (!n)
			return;
		c->cards = n;
		c->capc = nc;
	}
	c->cards[c->ncards] = strdup(url);
	if (c->cards[c->ncards])
		c->ncards++;
}

/* Does the store already hold this listing row's case, unchanged? */
static bool have_case(crawl *cr, const char *code, const awol_listing_row *r)
{
	sqlite3_stmt *s = NULL;
	bool have = false;

	if (!r->number)
		return false;
	if (sqlite3_prepare_v2(cr->db,
	                       "SELECT decided, result FROM cases WHERE court_code=? AND number=?",
	                       -1, &s, NULL) != SQLITE_OK)
		return false;
	sqlite3_bind_text(s, 1, code, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, r->number, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW) {
		const char *d = (const char *)sqlite3_column_text(s, 0);
		const char *res = (const char *)sqlite3_column_text(s, 1);
		have = true;
		/* the listing shows the decision: a newly decided case is fetched again */
		if ((r->decided && (!d || strcmp(d, r->decided) != 0)) ||
		    (r->result && (!res || strcmp(res, r->result) != 0)))
			have = false;
	}
	sqlite3_finalize(s);
	return have;
}

static void import(crawl *cr, court_run *c, const awol_page *pg, const awol_http *h)
{
	awol_page_source src = {0};
	awol_error err = {0};

	src.source = h->url;
	src.raw = (const unsigned char *)h->body.ptr;
	src.raw_len = h->body.len;
	src.court_code = c->code;
	src.court_host = c->host;
	if (awol_store_import_page(cr->st, pg, &src, NULL, &err) < 0) {
		c->errors++;
		cr->s->errors++;
	}
}

static void task_done(crawl *cr, court_run *c)
{
	task *t = &c->tasks[c->cur];

	coverage_set(cr, c->code, t, "complete", NULL);
	c->cur++;
	clear_cards(c);
	if (c->cur >= c->ntasks)
		c->state = C_DONE;
}

/* Solve or park a captcha: the search form page carries the image and token. */
static void on_captcha_form(crawl *cr, court_run *c, const awol_page *pg)
{
	char png[1024], ans[32] = "";
	awol_buf img = AWOL_BUF_INIT;
	sqlite3_stmt *s = NULL;

	c->need_form = false;
	if (!pg->has_captcha || !pg->captcha.id || !pg->captcha.image_png_base64) {
		court_fail(cr, c, "captcha form without an image", false);
		return;
	}
	/* base64 -> PNG file for a person or a solver */
	{
		static const char tbl[] =
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
		const char *p = pg->captcha.image_png_base64;
		unsigned v = 0;
		int bits = 0;
		for (; *p && *p != '='; p++) {
			const char *q = strchr(tbl, *p);
			if (!q)
				continue;
			v = (v << 6) | (unsigned)(q - tbl);
			bits += 6;
			if (bits >= 8) {
				bits -= 8;
				awol_buf_putc(&img, (char)((v >> bits) & 0xFF), NULL);
			}
		}
	}
	awol_file_mkdirs(cr->captcha_dir, 0755, NULL);
	snprintf(png, sizeof(png), "%s/%s.png", cr->captcha_dir, c->host);
	awol_file_write_atomic(png, awol_buf_cstr(&img), img.len, 0644, NULL);
	awol_buf_dispose(&img);
	snprintf(c->captchaid, sizeof(c->captchaid), "%s", pg->captcha.id);
	c->captcha[0] = '\0';
	if (cr->o->captcha_cmd) {
		char cmd[2048];
		FILE *f;
		snprintf(cmd, sizeof(cmd), "%s '%s'", cr->o->captcha_cmd, png);
		f = popen(cmd, "r");
		if (f) {
			if (!fgets(ans, sizeof(ans), f))
				ans[0] = '\0';
			pclose(f);
		}
		ans[strcspn(ans, " \r\n")] = '\0';
	}
	if (sqlite3_prepare_v2(
	        cr->db,
	        "INSERT INTO court_status (court_code, status, captcha_image, captcha_id, "
	        "captcha_answer) VALUES (?1,'captcha',?2,?3,NULL) ON CONFLICT(court_code) "
	        "DO UPDATE SET status='captcha', captcha_image=?2, captcha_id=?3, "
	        "captcha_answer=NULL",
	        -1, &s, NULL) == SQLITE_OK) {
		sqlite3_bind_text(s, 1, c->code, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, png, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, c->captchaid, -1, SQLITE_STATIC);
		sqlite3_step(s);
		sqlite3_finalize(s);
	}
	if (ans[0] && ++c->solves <= 3) {
		snprintf(c->captcha, sizeof(c->captcha), "%s", ans);
		c->next_at = now_s() + cr->o->per_court_interval;
		return;
	}
	c->state = C_CAPTCHA; /* put aside: `awol captcha answer` resumes it next run */
	cr->s->captcha++;
	if (c->cur < c->ntasks)
		coverage_set(cr, c->code, &c->tasks[c->cur], "captcha",
		             "waiting for a captcha answer");
}

static void on_response(crawl *cr, court_run *c, int kind, awol_http *h, CURLcode cc)
{
	long status = cc == CURLE_OK ? awol_http_status(h) : 0;
	awol_page *pg = NULL;
	awol_parse_opts po = {0};
	task *t = c->cur < c->ntasks ? &c->tasks[c->cur] : NULL;
	size_t i;

	c->busy = false;
	c->requests++;
	cr->s->requests++;
	if (cc != CURLE_OK || status == 0) {
		court_fail(cr, c, h->errbuf[0] ? h->errbuf : curl_easy_strerror(cc), false);
		return;
	}
	if (status == 429 || status >= 500) {
		court_fail(cr, c, "server error or throttling", status == 429);
		return;
	}
	po.source = h->url;
	po.url = h->url;
	po.content_type = h->content_type;
	if (awol_page_parse(awol_buf_cstr(&h->body), h->body.len, &po, &pg, NULL) < 0) {
		court_fail(cr, c, "out of memory", false);
		return;
	}
	if (pg->kind == AWOL_PAGE_UNAVAILABLE) {
		court_fail(cr, c, "throttled («Информация временно недоступна»)", true);
		goto done;
	}
	if (pg->kind == AWOL_PAGE_BLOCKED || status >= 400) {
		court_fail(cr, c, pg->kind == AWOL_PAGE_BLOCKED ? "blocked" : "HTTP error", false);
		goto done;
	}
	if (kind == R_FORM) {
		if (pg->kind == AWOL_PAGE_CAPTCHA)
			on_captcha_form(cr, c, pg);
		else {
			/* no captcha on the form: the listing failed for another reason */
			court_fail(cr, c, "search form returned instead of a listing", false);
		}
		goto done;
	}
	if (kind == R_CARD) {
		if (pg->kind != AWOL_PAGE_CARD || pg->error) {
			court_fail(cr, c, "bad card page", false);
			goto done;
		}
		import(cr, c, pg, h);
		cr->s->cards++;
		c->failures = 0;
		c->card_i++;
		if (c->card_i >= c->ncards && t) {
			clear_cards(c);
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
			c->next_at = now_s() + cr->o->per_court_interval;
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
		court_fail(cr, c, "unexpected page instead of a listing", false);
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
			a.to = m1;
			t->from = m2;
			t->total = 0;
			t->pages = 0;
			add_task(c, a.article, a.from, a.to);
			goto done;
		}
	}
	import(cr, c, pg, h);
	clear_cards(c);
	for (i = 0; i < pg->listing.nrows; i++) {
		const awol_listing_row *r = &pg->listing.rows[i];
		t->rows_seen++;
		if (!cr->o->cards || !r->url || have_case(cr, c->code, r))
			continue;
		queue_card(c, r->url);
	}
	if (c->ncards == 0 && ++t->page > t->pages)
		task_done(cr, c);
done:
	awol_page_free(pg);
}

/* Requests a court still needs, as far as known (unseen windows count as a few pages). */
static long work_left(const court_run *c)
{
	long w = (long)(c->ncards - c->card_i);
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
	sqlite3_stmt *s = NULL;
	static const char *const names[] = {"partial", "complete", "captcha", "dead"};

	if (sqlite3_prepare_v2(
	        cr->db,
	        "INSERT INTO court_status (court_code, status, requests, errors, "
	        "throttled, updated_at) VALUES "
	        "(?1,?2,?3,?4,?5,strftime('%Y-%m-%dT%H:%M:%SZ','now')) "
	        "ON CONFLICT(court_code) DO UPDATE SET status=?2, requests=requests+?3, "
	        "errors=errors+?4, throttled=throttled+?5, updated_at=excluded.updated_at",
	        -1, &s, NULL) != SQLITE_OK)
		return;
	for (i = 0; i < cr->ncourts; i++) {
		court_run *c = &cr->courts[i];
		sqlite3_bind_text(s, 1, c->code, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, names[c->state], -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 3, c->requests);
		sqlite3_bind_int64(s, 4, c->errors);
		sqlite3_bind_int64(s, 5, c->throttled);
		sqlite3_step(s);
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
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
	cr.db = awol_store_db(st);
	cr.o = o;
	cr.s = stats;
	cr.rng = 12345u;
	cr.t0 = now_s();
	{
		size_t l = strlen(awol_store_path(st)) + 16;
		cr.captcha_dir = malloc(l);
		if (!cr.captcha_dir)
			return awol_error_set(err, AWOL_ENOMEM, "out of memory");
		snprintf(cr.captcha_dir, l, "%s.captcha", awol_store_path(st));
	}
	if (o->archive_dir && awol_archive_open(&cr.archive, o->archive_dir, err) < 0) {
		free(cr.captcha_dir);
		return -AWOL_EIO;
	}
	if (loopback(o->connect_to))
		rc = awol_store_meta_set(st, "simulated", "1", err);
	if (rc == 0)
		rc = plan(&cr, from, to, err);
	if (rc < 0)
		goto done;
	stats->courts = cr.ncourts;
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK || !(m = curl_multi_init())) {
		rc = awol_error_set(err, AWOL_ENET, "cannot initialise libcurl");
		goto done;
	}
	curl_multi_setopt(m, CURLMOPT_MAX_HOST_CONNECTIONS, 1L);
	for (;;) {
		double t = now_s();
		bool active = false;
		CURLMsg *msg;
		int left;

		for (i = 0; i < cr.ncourts; i++)
			if (cr.courts[i].state == C_ACTIVE)
				active = true;
		if ((!active || (o->stop && *o->stop)) && inflight == 0)
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

			if (inflight >= MAX_INFLIGHT || (o->stop && *o->stop) || cr.global_next > t)
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
			on_response(&cr, h->owner, kind, h, msg->data.result);
			awol_http_dispose(h);
			free(h);
			stats->elapsed = now_s() - cr.t0;
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
				    now_s();
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
		if (c->state == C_DONE)
			stats->courts_done++;
		else if (c->state == C_ACTIVE && c->cur < c->ntasks)
			coverage_set(&cr, c->code, &c->tasks[c->cur], "partial", "crawl stopped");
	}
	write_status(&cr);
	stats->elapsed = now_s() - cr.t0;
done:
	if (cr.archive && awol_archive_close(cr.archive, rc < 0 ? NULL : err) < 0 && rc == 0)
		rc = -AWOL_EIO;
	if (m)
		curl_multi_cleanup(m);
	for (i = 0; i < cr.ncourts; i++) {
		clear_cards(&cr.courts[i]);
		free(cr.courts[i].cards);
		free(cr.courts[i].tasks);
	}
	free(cr.courts);
	free(cr.captcha_dir);
	return rc;
}
