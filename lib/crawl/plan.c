/*
 * The crawl's work plan and its record in the database: which courts, which
 * server x article x receipt-date windows (one `coverage` row each), which
 * are already complete (resume), which acts still lack their text.
 */
#include "crawl_priv.h"
#include "awol/courts.h"
#include "store/store_crawl.h"
#include "sudrf/url.h"
#include "util/buf.h"

#include <time.h>

void awol_crawl_utc_now(char now[32])
{
	time_t tt = time(NULL);
	struct tm tm;

	gmtime_r(&tt, &tm);
	strftime(now, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int awol_crawl_add_task(court_run *c, const char *article, int server, awol_date from, awol_date to)
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
	t->server = server > 0 ? server : 1;
	t->from = from;
	t->to = to;
	t->page = 1;
	return 0;
}

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

void awol_crawl_coverage_set(crawl *cr, const char *code, const task *t, const char *status,
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
void awol_crawl_coverage_pending(crawl *cr, const char *code, const task *t)
{
	char f[11], to[11];
	awol_store_window w = window_of(code, t, f, to);
	awol_error err = {0};

	check(cr, NULL, awol_store_coverage_pending(cr->st, &w, &err), &err);
}

/* A window split in two: its own row goes (its halves have theirs), unless complete. */
void awol_crawl_coverage_drop(crawl *cr, const char *code, const task *t)
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
static bool window_complete(crawl *cr, const char *code, int server, const char *article,
                            awol_date a, awol_date b)
{
	task t = {.server = server, .from = a, .to = b};
	char f[11], to[11];
	awol_store_window w;
	awol_error err = {0};
	bool covered = false;

	snprintf(t.article, sizeof(t.article), "%s", article);
	w = window_of(code, &t, f, to);
	check(cr, NULL,
	      awol_store_coverage_covered(cr->st, &w, cr->o->cards ? "complete" : "listings_only",
	                                  &covered, &err),
	      &err);
	return covered;
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

int awol_crawl_plan_server(crawl *cr, court_run *c, int server)
{
	const char *a = cr->o->articles;
	int y;

	while (a && *a) {
		char art[16];
		size_t l = strcspn(a, ",");
		snprintf(art, sizeof(art), "%.*s", (int)(l < 15 ? l : 15), a);
		for (y = cr->from.y; y <= cr->to.y; y++) {
			awol_date wf = {y, 1, 1}, wt = {y, 12, 31};
			if (y == cr->from.y)
				wf = cr->from;
			if (y == cr->to.y)
				wt = cr->to;
			if (!cr->o->update && window_complete(cr, c->code, server, art, wf, wt))
				continue;
			if (awol_crawl_add_task(c, art, server, wf, wt) < 0)
				return -AWOL_ENOMEM;
			awol_crawl_coverage_pending(cr, c->code, &c->tasks[c->ntasks - 1]);
		}
		a += l;
		if (*a == ',')
			a++;
	}
	return 0;
}

static void save_servers(crawl *cr, const char *code, int n)
{
	awol_error err = {0};

	check(cr, NULL, awol_store_court_servers_set(cr->st, code, n, &err), &err);
}

/*
 * The chooser shows fewer servers than known (a court retired one): the
 * windows planned for the others leave the plan, and their rows that never
 * completed leave the coverage table; what was collected from them stays.
 */
static void drop_servers_above(crawl *cr, court_run *c, int n)
{
	size_t i, j = c->cur;
	awol_error err = {0};

	if (c->cur < c->ntasks && c->tasks[c->cur].server > n)
		awol_urlq_clear(&c->cards); /* they were the dropped window's */
	for (i = c->cur; i < c->ntasks; i++)
		if (c->tasks[i].server <= n)
			c->tasks[j++] = c->tasks[i];
	c->ntasks = j;
	check(cr, NULL, awol_store_coverage_drop_servers_above(cr->st, c->code, n, &err), &err);
}

void awol_crawl_servers_found(crawl *cr, court_run *c, int n)
{
	int k, had = c->servers > 0 ? c->servers : 1;

	if (n < 1)
		return;
	save_servers(cr, c->code, n);
	for (k = had + 1; k <= n; k++)
		awol_crawl_plan_server(cr, c, k);
	if (n < c->servers)
		drop_servers_above(cr, c, n);
	c->servers = n;
}

void awol_crawl_server_lost(crawl *cr, court_run *c, int server, const char *why)
{
	size_t i, j = c->cur;

	for (i = c->cur; i < c->ntasks; i++) {
		if (c->tasks[i].server == server) {
			awol_crawl_coverage_set(cr, c->code, &c->tasks[i], "dead", why);
			continue;
		}
		c->tasks[j++] = c->tasks[i];
	}
	c->ntasks = j;
	c->lost = true;
	c->servers_lost++;
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

bool awol_crawl_load_acts(crawl *cr, court_run *c)
{
	awol_store_rows *r = NULL;
	awol_error err = {0};
	int rc;

	/* loaded once, and again when cards came in since (their acts may lack texts) */
	if (c->acts_loaded && (awol_urlq_peek(&c->acts) || c->cards_in == c->acts_cards_in))
		return awol_urlq_peek(&c->acts) != NULL;
	c->acts_loaded = true;
	c->acts_cards_in = c->cards_in;
	awol_urlq_clear(&c->acts);
	backfill_act_urls(cr, c);
	rc = awol_store_acts_without_text(cr->st, c->code, &r, &err);
	while (rc == 0 && (rc = awol_store_rows_next(r, &err)) > 0)
		if ((rc = 0, awol_urlq_push(&c->acts, awol_store_rows_text(r, 0))) < 0)
			break; /* out of memory: the acts queued so far */
	check(cr, c, rc, &err);
	awol_store_rows_close(r);
	return awol_urlq_peek(&c->acts) != NULL;
}

/* A captcha answer read by this crawl is used: `awol captcha` can no longer replace it. */
static void answer_used(crawl *cr, const char *code)
{
	awol_error err = {0};

	check(cr, NULL, awol_store_captcha_used(cr->st, code, &err), &err);
}

int awol_crawl_plan(crawl *cr, awol_error *err)
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
		c->vnkod = tmpl && strcmp(tmpl, "vnkod") == 0;
		c->servers = (int)awol_store_rows_long(r, 6); /* NULL (unknown) reads as 0 */
		tmp.host = (char *)(uintptr_t)awol_store_rows_text(r, 1);
		awol_courts_module_host(&tmp, c->host, sizeof(c->host));
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
