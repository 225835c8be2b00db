/*
 * The crawl's work plan and its record in the database: which courts, which
 * server x article x receipt-date windows (one `coverage` row each), which
 * are already complete (resume), which acts still lack their text.
 */
#include "crawl_priv.h"
#include "awol/courts.h"

#include <time.h>

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

void awol_crawl_coverage_set(crawl *cr, const char *code, const task *t, const char *status,
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
	        "INSERT INTO coverage (court_code, server, article, date_axis, date_from, "
	        "date_to, status, expected, collected, error, updated_at) VALUES "
	        "(?1,?10,?2,'received',?3,?4,?5,?6,?7,?8,?9) ON CONFLICT(court_code, server, "
	        "article, date_axis, date_from, date_to) DO UPDATE SET status=?5, "
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
	sqlite3_bind_int(s, 10, t->server);
	sqlite3_step(s);
	sqlite3_finalize(s);
}

/* Is this window complete in the database?  Complete sub-windows must tile it (day count). */
static bool window_complete(crawl *cr, const char *code, int server, const char *article,
                            awol_date a, awol_date b)
{
	sqlite3_stmt *s = NULL;
	char f[11], t[11];
	bool r = false;

	awol_date_iso(a, f);
	awol_date_iso(b, t);
	if (sqlite3_prepare_v2(cr->db,
	                       "SELECT count(*), coalesce(sum(julianday(date_to)-julianday("
	                       "date_from)+1),0) FROM coverage WHERE court_code=? AND server=? "
	                       "AND article=? AND date_axis='received' AND status='complete' AND "
	                       "date_from>=? AND date_to<=?",
	                       -1, &s, NULL) != SQLITE_OK)
		return false;
	sqlite3_bind_text(s, 1, code, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, server);
	sqlite3_bind_text(s, 3, article, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, f, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, t, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int(s, 0) > 0)
		r = (long)sqlite3_column_double(s, 1) >=
		    awol_date_to_days(b) - awol_date_to_days(a) + 1;
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
		}
		a += l;
		if (*a == ',')
			a++;
	}
	return 0;
}

static void save_servers(crawl *cr, const char *code, int n)
{
	sqlite3_stmt *s = NULL;

	if (sqlite3_prepare_v2(cr->db, "UPDATE courts SET servers = ? WHERE code = ?", -1, &s,
	                       NULL) != SQLITE_OK)
		return;
	sqlite3_bind_int(s, 1, n);
	sqlite3_bind_text(s, 2, code, -1, SQLITE_STATIC);
	sqlite3_step(s);
	sqlite3_finalize(s);
}

void awol_crawl_servers_found(crawl *cr, court_run *c, int n)
{
	int k, had = c->servers > 0 ? c->servers : 1;

	if (n < 1)
		return;
	save_servers(cr, c->code, n);
	for (k = had + 1; k <= n; k++)
		awol_crawl_plan_server(cr, c, k);
	if (n > c->servers)
		c->servers = n;
	if (c->cur < c->ntasks && c->state == C_DONE)
		c->state = C_ACTIVE;
}

bool awol_crawl_load_acts(crawl *cr, court_run *c)
{
	sqlite3_stmt *s = NULL;

	if (c->acts_loaded)
		return awol_urlq_peek(&c->acts) != NULL;
	c->acts_loaded = true;
	if (sqlite3_prepare_v2(cr->db,
	                       "SELECT DISTINCT a.url FROM acts a JOIN cases k ON k.id = a.case_id "
	                       "WHERE k.court_code = ? AND a.url IS NOT NULL AND a.text IS NULL "
	                       "ORDER BY a.url",
	                       -1, &s, NULL) != SQLITE_OK)
		return false;
	sqlite3_bind_text(s, 1, c->code, -1, SQLITE_STATIC);
	while (sqlite3_step(s) == SQLITE_ROW)
		if (awol_urlq_push(&c->acts, (const char *)sqlite3_column_text(s, 0)) < 0)
			break;
	sqlite3_finalize(s);
	return awol_urlq_peek(&c->acts) != NULL;
}

int awol_crawl_plan(crawl *cr, awol_error *err)
{
	sqlite3_stmt *s = NULL;
	int rc = 0;
	size_t cap = 0;

	if (sqlite3_prepare_v2(
	        cr->db,
	        "SELECT c.code, c.host, c.level, s.captcha_id, s.captcha_answer, c.template, "
	        "c.servers FROM courts c "
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
		const char *tmpl = (const char *)sqlite3_column_text(s, 5);
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
		c->servers = sqlite3_column_int(s, 6); /* NULL (unknown) reads as 0 */
		tmp.host = (char *)(uintptr_t)sqlite3_column_text(s, 1);
		awol_courts_module_host(&tmp, c->host, sizeof(c->host));
		if (cid && ans) {
			snprintf(c->captchaid, sizeof(c->captchaid), "%s", cid);
			snprintf(c->captcha, sizeof(c->captcha), "%s", ans);
		}
		for (k = 1; k <= (c->servers > 0 ? c->servers : 1) && rc == 0; k++)
			if (awol_crawl_plan_server(cr, c, k) < 0)
				rc = awol_error_set(err, AWOL_ENOMEM, "out of memory");
		if (c->ntasks == 0 && !(cr->o->acts && awol_crawl_load_acts(cr, c)))
			c->state = C_DONE;
	}
	sqlite3_finalize(s);
	return rc;
}
