/*
 * The crawl's work plan and its record in the database: which courts, which
 * server x article x receipt-date windows (one `coverage` row each), which
 * are already complete (resume), which acts still lack their text.
 */
#include "crawl_priv.h"
#include "awol/courts.h"
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

/* Run a write of the crawl's records to its end; a failure stops the crawl. */
static void done_step(crawl *cr, sqlite3_stmt *s)
{
	if (s && sqlite3_step(s) != SQLITE_DONE)
		awol_crawl_sql_failed(cr, NULL);
	sqlite3_finalize(s);
}

/*
 * A statement on one window's coverage row: `sql` names the row's key as ?1
 * court, ?2 server, ?3 article, ?4 from, ?5 to (bound here) and may use ?6
 * (the time now, bound here) and further parameters for the caller.
 */
static sqlite3_stmt *window_stmt(crawl *cr, const char *sql, const char *code, const task *t)
{
	sqlite3_stmt *s = NULL;
	char f[11], to[11], now[32];

	if (sqlite3_prepare_v2(cr->db, sql, -1, &s, NULL) != SQLITE_OK) {
		awol_crawl_sql_failed(cr, NULL);
		return NULL;
	}
	awol_crawl_utc_now(now);
	awol_date_iso(t->from, f);
	awol_date_iso(t->to, to);
	sqlite3_bind_text(s, 1, code, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 2, t->server);
	sqlite3_bind_text(s, 3, t->article, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 4, f, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 5, to, -1, SQLITE_TRANSIENT);
	if (sqlite3_bind_parameter_count(s) >= 6)
		sqlite3_bind_text(s, 6, now, -1, SQLITE_TRANSIENT);
	return s;
}

void awol_crawl_coverage_set(crawl *cr, const char *code, const task *t, const char *status,
                             const char *error)
{
	sqlite3_stmt *s = window_stmt(
	    cr,
	    "INSERT INTO coverage (court_code, server, article, date_axis, date_from, date_to, "
	    "updated_at, status, expected, collected, error) VALUES "
	    "(?1,?2,?3,'received',?4,?5,?6,?7,?8,?9,?10) ON CONFLICT(court_code, server, "
	    "article, date_axis, date_from, date_to) DO UPDATE SET status=?7, "
	    "expected=coalesce(?8, expected), collected=?9, error=?10, updated_at=?6 "
	    /* a window once complete stays so: a failed --update loses none of its cases, a
	       --no-cards walk does not make it listings_only */
	    "WHERE status != 'complete' OR ?7 = 'complete'",
	    code, t);

	if (!s)
		return;
	sqlite3_bind_text(s, 7, status, -1, SQLITE_STATIC);
	if (t->total >= 0 && t->pages > 0)
		sqlite3_bind_int64(s, 8, t->total);
	else if (strcmp(status, "complete") == 0 || strcmp(status, "listings_only") == 0)
		sqlite3_bind_int64(s, 8, t->total > 0 ? t->total : 0);
	else
		sqlite3_bind_null(s, 8);
	/* `collected` counts cases stored: none without cards */
	sqlite3_bind_int64(s, 9, cr->o->cards ? t->rows_seen : 0);
	sqlite3_bind_text(s, 10, error, -1, SQLITE_STATIC);
	done_step(cr, s);
}

/*
 * A planned window gets its row at once, `pending`, so that a crawl killed
 * before the window ends never leaves coverage looking complete.  A row from
 * an earlier run that did not complete (dead, captcha, partial) is pending
 * again; a complete one stays complete (--update re-asks it).
 */
void awol_crawl_coverage_pending(crawl *cr, const char *code, const task *t)
{
	sqlite3_stmt *s = window_stmt(
	    cr,
	    "INSERT INTO coverage (court_code, server, article, date_axis, date_from, date_to, "
	    "updated_at, status, collected) VALUES (?1,?2,?3,'received',?4,?5,?6,'pending',0) "
	    "ON CONFLICT(court_code, server, article, date_axis, date_from, date_to) DO UPDATE "
	    "SET status='pending', error=NULL, updated_at=?6 WHERE status NOT IN "
	    "('complete','pending')",
	    code, t);

	done_step(cr, s);
}

/* A window split in two: its own row goes (its halves have theirs), unless complete. */
void awol_crawl_coverage_drop(crawl *cr, const char *code, const task *t)
{
	sqlite3_stmt *s = window_stmt(cr,
	                              "DELETE FROM coverage WHERE court_code=?1 AND server=?2 AND "
	                              "article=?3 AND date_axis='received' AND date_from=?4 AND "
	                              "date_to=?5 AND status != 'complete'",
	                              code, t);

	done_step(cr, s);
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
	sqlite3_stmt *s = NULL;
	char f[11], t[11];
	long want = awol_date_to_days(a), end = awol_date_to_days(b);
	int step = SQLITE_DONE;

	awol_date_iso(a, f);
	awol_date_iso(b, t);
	if (sqlite3_prepare_v2(cr->db,
	                       "SELECT date_from, date_to FROM coverage WHERE court_code=? AND "
	                       "server=? AND article=? AND date_axis='received' AND "
	                       "status IN ('complete', ?6) AND date_from>=? AND date_to<=? "
	                       "ORDER BY 1",
	                       -1, &s, NULL) != SQLITE_OK) {
		awol_crawl_sql_failed(cr, NULL);
		return false;
	}
	sqlite3_bind_text(s, 1, code, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, server);
	sqlite3_bind_text(s, 3, article, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, f, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, t, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, cr->o->cards ? "complete" : "listings_only", -1, SQLITE_STATIC);
	/* `want` is the first day not yet covered */
	while (want <= end && (step = sqlite3_step(s)) == SQLITE_ROW) {
		awol_date x, y;
		if (!sqlite3_column_text(s, 0) || !sqlite3_column_text(s, 1) ||
		    !awol_date_parse_iso((const char *)sqlite3_column_text(s, 0), &x) ||
		    !awol_date_parse_iso((const char *)sqlite3_column_text(s, 1), &y))
			continue;
		if (awol_date_to_days(x) > want)
			break; /* a gap */
		if (awol_date_to_days(y) + 1 > want)
			want = awol_date_to_days(y) + 1;
	}
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		awol_crawl_sql_failed(cr, NULL);
	sqlite3_finalize(s);
	return want > end;
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
	sqlite3_stmt *s = NULL;

	if (sqlite3_prepare_v2(cr->db, "UPDATE courts SET servers = ? WHERE code = ?", -1, &s,
	                       NULL) != SQLITE_OK)
		return;
	sqlite3_bind_int(s, 1, n);
	sqlite3_bind_text(s, 2, code, -1, SQLITE_STATIC);
	done_step(cr, s);
}

/*
 * The chooser shows fewer servers than known (a court retired one): the
 * windows planned for the others leave the plan, and their rows that never
 * completed leave the coverage table; what was collected from them stays.
 */
static void drop_servers_above(crawl *cr, court_run *c, int n)
{
	size_t i, j = c->cur;
	sqlite3_stmt *s = NULL;

	if (c->cur < c->ntasks && c->tasks[c->cur].server > n)
		awol_urlq_clear(&c->cards); /* they were the dropped window's */
	for (i = c->cur; i < c->ntasks; i++)
		if (c->tasks[i].server <= n)
			c->tasks[j++] = c->tasks[i];
	c->ntasks = j;
	if (sqlite3_prepare_v2(cr->db,
	                       "DELETE FROM coverage WHERE court_code = ? AND server > ? AND "
	                       "status != 'complete'",
	                       -1, &s, NULL) != SQLITE_OK)
		return;
	sqlite3_bind_text(s, 1, c->code, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, n);
	done_step(cr, s);
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
static void backfill_act_urls(crawl *cr, const char *code)
{
	sqlite3_stmt *s = NULL, *u = NULL;
	awol_buf url = AWOL_BUF_INIT;
	int step = SQLITE_DONE;

	if (sqlite3_prepare_v2(cr->db,
	                       "SELECT a.id, a.seq, p.source FROM acts a JOIN cases k ON k.id = "
	                       "a.case_id JOIN pages p ON p.id = k.page_id WHERE k.court_code = ? "
	                       "AND a.url IS NULL AND p.source LIKE 'http%'",
	                       -1, &s, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(cr->db, "UPDATE acts SET url = ? WHERE id = ?", -1, &u, NULL) !=
	        SQLITE_OK)
		goto done;
	sqlite3_bind_text(s, 1, code, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		awol_buf_reset(&url);
		if (awol_url_act(&url, (const char *)sqlite3_column_text(s, 2),
		                 sqlite3_column_int(s, 1) + 1, NULL) < 0)
			continue;
		sqlite3_bind_text(u, 1, awol_buf_cstr(&url), -1, SQLITE_STATIC);
		sqlite3_bind_int64(u, 2, sqlite3_column_int64(s, 0));
		if (sqlite3_step(u) != SQLITE_DONE)
			awol_crawl_sql_failed(cr, NULL);
		sqlite3_reset(u);
	}
	if (step != SQLITE_DONE)
		awol_crawl_sql_failed(cr, NULL);
done:
	sqlite3_finalize(s);
	sqlite3_finalize(u);
	awol_buf_dispose(&url);
}

bool awol_crawl_load_acts(crawl *cr, court_run *c)
{
	sqlite3_stmt *s = NULL;
	int step;

	/* loaded once, and again when cards came in since (their acts may lack texts) */
	if (c->acts_loaded && (awol_urlq_peek(&c->acts) || c->cards_in == c->acts_cards_in))
		return awol_urlq_peek(&c->acts) != NULL;
	c->acts_loaded = true;
	c->acts_cards_in = c->cards_in;
	awol_urlq_clear(&c->acts);
	backfill_act_urls(cr, c->code);
	if (sqlite3_prepare_v2(cr->db,
	                       "SELECT DISTINCT a.url FROM acts a JOIN cases k ON k.id = a.case_id "
	                       "WHERE k.court_code = ? AND a.url IS NOT NULL AND a.text IS NULL "
	                       "ORDER BY a.url",
	                       -1, &s, NULL) != SQLITE_OK)
		return false;
	sqlite3_bind_text(s, 1, c->code, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(s)) == SQLITE_ROW)
		if (awol_urlq_push(&c->acts, (const char *)sqlite3_column_text(s, 0)) < 0)
			break;
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		awol_crawl_sql_failed(cr, c);
	sqlite3_finalize(s);
	return awol_urlq_peek(&c->acts) != NULL;
}

/* A captcha answer read by this crawl is used: `awol captcha` can no longer replace it. */
static void answer_used(crawl *cr, const char *code)
{
	sqlite3_stmt *s = NULL;

	if (sqlite3_prepare_v2(cr->db,
	                       "UPDATE court_status SET captcha_answer = NULL WHERE court_code = ?",
	                       -1, &s, NULL) != SQLITE_OK) {
		awol_crawl_sql_failed(cr, NULL);
		return;
	}
	sqlite3_bind_text(s, 1, code, -1, SQLITE_STATIC);
	done_step(cr, s);
}

int awol_crawl_plan(crawl *cr, awol_error *err)
{
	sqlite3_stmt *s = NULL;
	int rc = 0, step = SQLITE_DONE;
	size_t cap = 0;

	if (sqlite3_prepare_v2(
	        cr->db,
	        "SELECT c.code, c.host, c.level, s.captcha_id, s.captcha_answer, c.template, "
	        "c.servers FROM courts c "
	        "LEFT JOIN court_status s ON s.court_code = c.code "
	        "WHERE c.host IS NOT NULL AND c.host != '' ORDER BY c.code",
	        -1, &s, NULL) != SQLITE_OK)
		return awol_store_sqlite_error(cr->db, err);
	while (rc == 0 && (step = sqlite3_step(s)) == SQLITE_ROW) {
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
	if (rc == 0 && step != SQLITE_DONE)
		rc = awol_store_sqlite_error(cr->db, err);
	if (rc == 0 && cr->store_failed)
		rc = awol_error_set(err, AWOL_EDB, "%s", cr->store_error);
	sqlite3_finalize(s);
	return rc;
}
