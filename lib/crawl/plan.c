/*
 * The crawl's work plan: which courts, which server x article x receipt-date
 * windows, servers found or retired, which acts still lack their text.  What is
 * already done and where the plan is recorded is the coordinator's
 * (cr->coord: coord_local.c).
 */
#include "crawl_priv.h"
#include "awol/courts.h"

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

bool awol_crawl_wanted_court(const awol_crawl_opts *o, const char *code, const char *level)
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
			task w = {.server = server, .from = wf, .to = wt};
			snprintf(w.article, sizeof(w.article), "%s", art);
			if (!cr->o->update && cr->coord->window_covered(cr, c->code, &w))
				continue;
			if (awol_crawl_add_task(c, art, server, wf, wt) < 0)
				return -AWOL_ENOMEM;
			cr->coord->window_pending(cr, c->code, &c->tasks[c->ntasks - 1]);
		}
		a += l;
		if (*a == ',')
			a++;
	}
	return 0;
}

/*
 * The chooser shows fewer servers than known (a court retired one): the
 * windows planned for the others leave the plan, and their rows that never
 * completed leave the coverage table; what was collected from them stays.
 */
static void drop_servers_above(crawl *cr, court_run *c, int n)
{
	size_t i, j = c->cur;

	if (c->cur < c->ntasks && c->tasks[c->cur].server > n)
		awol_urlq_clear(&c->cards); /* they were the dropped window's */
	for (i = c->cur; i < c->ntasks; i++)
		if (c->tasks[i].server <= n)
			c->tasks[j++] = c->tasks[i];
	c->ntasks = j;
	cr->coord->servers_set(cr, c->code, n, true);
}

void awol_crawl_servers_found(crawl *cr, court_run *c, int n)
{
	int k, had = c->servers > 0 ? c->servers : 1;

	if (n < 1)
		return;
	cr->coord->servers_set(cr, c->code, n, false);
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
			cr->coord->window_end(cr, c->code, &c->tasks[i], "dead", why);
			continue;
		}
		c->tasks[j++] = c->tasks[i];
	}
	c->ntasks = j;
	c->lost = true;
	c->servers_lost++;
}

bool awol_crawl_load_acts(crawl *cr, court_run *c)
{
	/* loaded once, and again when cards came in since (their acts may lack texts) */
	if (c->acts_loaded && (awol_urlq_peek(&c->acts) || c->cards_in == c->acts_cards_in))
		return awol_urlq_peek(&c->acts) != NULL;
	c->acts_loaded = true;
	c->acts_cards_in = c->cards_in;
	awol_urlq_clear(&c->acts);
	cr->coord->acts_missing(cr, c);
	return awol_urlq_peek(&c->acts) != NULL;
}
