/*
 * The crawl's records (lib/store/store_crawl.h): coverage windows, courts' servers and
 * status, captcha answers, acts still without a URL or a text.
 */
#include "util/common.h"
#include "util/date.h"
#include "store_crawl.h"
#include "store_priv.h"

/*
 * A statement on one window's coverage row: `sql` names the row's key as ?1 court,
 * ?2 server, ?3 article, ?4 from, ?5 to (bound here) and may use ?6 (the time now,
 * bound here) and further parameters for the caller.
 */
static int window_stmt(awol_store *st, const char *sql, const awol_store_window *w,
                       awol_db_stmt **s, char now[32], awol_error *err)
{
	int rc = awol_store_stmt(st, sql, s, err);

	if (rc < 0)
		return rc;
	awol_store_now(now);
	awol_db_bind_text(*s, 1, w->court);
	awol_db_bind_int64(*s, 2, w->server);
	awol_db_bind_text(*s, 3, w->article);
	awol_db_bind_text(*s, 4, w->from);
	awol_db_bind_text(*s, 5, w->to);
	if (strstr(sql, "?6"))
		awol_db_bind_text(*s, 6, now);
	return 0;
}

int awol_store_coverage_set(awol_store *st, const awol_store_window *w, const char *status,
                            long expected, long collected, const char *error, awol_error *err)
{
	awol_db_stmt *s = NULL;
	char now[32];
	int rc = window_stmt(
	    st,
	    "INSERT INTO coverage (court_code, server, article, date_axis, date_from, date_to, "
	    "updated_at, status, expected, collected, error) VALUES "
	    "(?1,?2,?3,'received',?4,?5,?6,?7,?8,?9,?10) ON CONFLICT(court_code, server, "
	    "article, date_axis, date_from, date_to) DO UPDATE SET status=?7, "
	    "expected=coalesce(?8, coverage.expected), collected=?9, error=?10, updated_at=?6 "
	    /* a window once complete stays so: a failed --update loses none of its cases, a
	       --no-cards walk does not make it listings_only */
	    "WHERE coverage.status != 'complete' OR ?7 = 'complete'",
	    w, &s, now, err);

	if (rc < 0)
		return rc;
	awol_db_bind_text(s, 7, status);
	if (expected >= 0)
		awol_db_bind_int64(s, 8, expected);
	else
		awol_db_bind_null(s, 8);
	awol_db_bind_int64(s, 9, collected);
	awol_db_bind_text(s, 10, error);
	return awol_store_run(s, err);
}

int awol_store_coverage_pending(awol_store *st, const awol_store_window *w, awol_error *err)
{
	awol_db_stmt *s = NULL;
	char now[32];
	int rc = window_stmt(
	    st,
	    "INSERT INTO coverage (court_code, server, article, date_axis, date_from, date_to, "
	    "updated_at, status, collected) VALUES (?1,?2,?3,'received',?4,?5,?6,'pending',0) "
	    /* the target's columns named with its table: PostgreSQL's excluded has them too */
	    "ON CONFLICT(court_code, server, article, date_axis, date_from, date_to) DO UPDATE "
	    "SET status='pending', error=NULL, updated_at=?6 WHERE coverage.status NOT IN "
	    "('complete','pending')",
	    w, &s, now, err);

	return rc < 0 ? rc : awol_store_run(s, err);
}

int awol_store_coverage_drop(awol_store *st, const awol_store_window *w, awol_error *err)
{
	awol_db_stmt *s = NULL;
	char now[32];
	int rc = window_stmt(st,
	                     "DELETE FROM coverage WHERE court_code=?1 AND server=?2 AND "
	                     "article=?3 AND date_axis='received' AND date_from=?4 AND "
	                     "date_to=?5 AND status != 'complete'",
	                     w, &s, now, err);

	return rc < 0 ? rc : awol_store_run(s, err);
}

int awol_store_coverage_drop_servers_above(awol_store *st, const char *court, int n,
                                           awol_error *err)
{
	awol_db_stmt *s = NULL;
	int rc = awol_store_stmt(st,
	                         "DELETE FROM coverage WHERE court_code = ? AND server > ? AND "
	                         "status != 'complete'",
	                         &s, err);

	if (rc < 0)
		return rc;
	awol_db_bind_text(s, 1, court);
	awol_db_bind_int64(s, 2, n);
	return awol_store_run(s, err);
}

/*
 * The complete rows inside the window are swept in date order: their union must hold
 * every day of it.
 */
int awol_store_coverage_covered(awol_store *st, const awol_store_window *w, const char *also,
                                bool *covered, awol_error *err)
{
	awol_db_stmt *s = NULL;
	awol_date a, b;
	long want, end;
	int step = 0, rc;

	*covered = false;
	if (!awol_date_parse_iso(w->from, &a) || !awol_date_parse_iso(w->to, &b))
		return awol_error_set(err, AWOL_EINVAL, "not a window: %s..%s", w->from, w->to);
	want = awol_date_to_days(a);
	end = awol_date_to_days(b);
	rc = awol_store_stmt(st,
	                     /* numbered: a bare ? after ?6 would be ?7, never bound */
	                     "SELECT date_from, date_to FROM coverage WHERE court_code=?1 AND "
	                     "server=?2 AND article=?3 AND date_axis='received' AND "
	                     "status IN ('complete', ?6) AND date_from>=?4 AND date_to<=?5 "
	                     "ORDER BY 1",
	                     &s, err);
	if (rc < 0)
		return rc;
	awol_db_bind_text(s, 1, w->court);
	awol_db_bind_int64(s, 2, w->server);
	awol_db_bind_text(s, 3, w->article);
	awol_db_bind_text(s, 4, w->from);
	awol_db_bind_text(s, 5, w->to);
	awol_db_bind_text(s, 6, also ? also : "complete");
	/* `want` is the first day not yet covered */
	while (want <= end && (step = awol_db_step(s, err)) == 1) {
		awol_date x, y;
		if (!awol_db_column_text(s, 0) || !awol_db_column_text(s, 1) ||
		    !awol_date_parse_iso(awol_db_column_text(s, 0), &x) ||
		    !awol_date_parse_iso(awol_db_column_text(s, 1), &y))
			continue;
		if (awol_date_to_days(x) > want)
			break; /* a gap */
		if (awol_date_to_days(y) + 1 > want)
			want = awol_date_to_days(y) + 1;
	}
	if (step < 0)
		rc = step;
	awol_db_finalize(s);
	*covered = rc == 0 && want > end;
	return rc;
}

int awol_store_crawl_courts(awol_store *st, awol_store_rows **out, awol_error *err)
{
	return awol_store_rows_open(st,
	                            "SELECT c.code, c.host, c.level, s.captcha_id, "
	                            "s.captcha_answer, c.template, c.servers FROM courts c "
	                            "LEFT JOIN court_status s ON s.court_code = c.code "
	                            "WHERE c.host IS NOT NULL AND c.host != '' ORDER BY c.code",
	                            out, err);
}

/* One statement on a court: ?1 its code, ?2 a text or (with `n` >= 0 and no text) a number. */
static int court_stmt(awol_store *st, const char *sql, const char *court, const char *text, int n,
                      awol_error *err)
{
	awol_db_stmt *s = NULL;
	int rc = awol_store_stmt(st, sql, &s, err);

	if (rc < 0)
		return rc;
	awol_db_bind_text(s, 1, court);
	if (text)
		awol_db_bind_text(s, 2, text);
	else if (n >= 0)
		awol_db_bind_int64(s, 2, n);
	return awol_store_run(s, err);
}

int awol_store_court_servers_set(awol_store *st, const char *court, int n, awol_error *err)
{
	return court_stmt(st, "UPDATE courts SET servers = ?2 WHERE code = ?1", court, NULL, n,
	                  err);
}

int awol_store_captcha_used(awol_store *st, const char *court, awol_error *err)
{
	return court_stmt(st, "UPDATE court_status SET captcha_answer = NULL WHERE court_code = ?1",
	                  court, NULL, -1, err);
}

int awol_store_captcha_wait(awol_store *st, const char *court, const char *image,
                            const char *captcha_id, awol_error *err)
{
	awol_db_stmt *s = NULL;
	int rc = awol_store_stmt(
	    st,
	    "INSERT INTO court_status (court_code, status, captcha_image, captcha_id, "
	    "captcha_answer) VALUES (?1,'captcha',?2,?3,NULL) ON CONFLICT(court_code) "
	    "DO UPDATE SET status='captcha', captcha_image=?2, captcha_id=?3, "
	    "captcha_answer=NULL",
	    &s, err);

	if (rc < 0)
		return rc;
	awol_db_bind_text(s, 1, court);
	awol_db_bind_text(s, 2, image);
	awol_db_bind_text(s, 3, captcha_id);
	return awol_store_run(s, err);
}

int awol_store_court_status_save(awol_store *st, const awol_store_court_end *e, awol_error *err)
{
	awol_db_stmt *s = NULL;
	char now[32];
	int rc = awol_store_stmt(
	    st, /* a court done whose windows include some walked without cards: listings_only */
	    "INSERT INTO court_status (court_code, status, requests, errors, "
	    "throttled, error, updated_at) VALUES "
	    "(?1,CASE WHEN ?2 = 'complete' AND EXISTS (SELECT 1 FROM coverage WHERE "
	    "court_code = ?1 AND status = 'listings_only') THEN 'listings_only' ELSE ?2 END,"
	    "?3,?4,?5,?6,?7) "
	    "ON CONFLICT(court_code) DO UPDATE SET status=excluded.status, "
	    "requests=court_status.requests+?3, errors=court_status.errors+?4, "
	    "throttled=court_status.throttled+?5, error=?6, "
	    "updated_at=excluded.updated_at",
	    &s, err);

	if (rc < 0)
		return rc;
	awol_store_now(now);
	awol_db_bind_text(s, 1, e->court);
	awol_db_bind_text(s, 2, e->status);
	awol_db_bind_int64(s, 3, e->requests);
	awol_db_bind_int64(s, 4, e->errors);
	awol_db_bind_int64(s, 5, e->throttled);
	awol_db_bind_text(s, 6, e->error);
	awol_db_bind_text(s, 7, now);
	return awol_store_run(s, err);
}

static int dup_column(awol_db_stmt *s, int col, char **out, awol_error *err)
{
	const char *v = awol_db_column_text(s, col);

	*out = v ? strdup(v) : NULL;
	return v && !*out ? awol_error_set(err, AWOL_ENOMEM, "out of memory") : 0;
}

int awol_store_case_seen(awol_store *st, const char *court, const char *number, bool *found,
                         char **decided, char **result, bool *has_acts, awol_error *err)
{
	awol_db_stmt *s = NULL;
	int rc, step;

	*found = *has_acts = false;
	*decided = *result = NULL;
	rc = awol_store_stmt(st,
	                     "SELECT decided, result, CASE WHEN EXISTS (SELECT 1 FROM acts a "
	                     "WHERE a.case_id = cases.id) THEN 1 ELSE 0 END FROM cases WHERE "
	                     "court_code=? AND number=?",
	                     &s, err);
	if (rc < 0)
		return rc;
	awol_db_bind_text(s, 1, court);
	awol_db_bind_text(s, 2, number);
	step = awol_db_step(s, err);
	if (step == 1) {
		*found = true;
		*has_acts = awol_db_column_int64(s, 2) != 0;
		rc = dup_column(s, 0, decided, err);
		if (rc == 0)
			rc = dup_column(s, 1, result, err);
	} else
		rc = step;
	awol_db_finalize(s);
	return rc;
}

int awol_store_acts_without_url(awol_store *st, const char *court, awol_store_rows **out,
                                awol_error *err)
{
	int rc = awol_store_rows_open(
	    st,
	    "SELECT a.id, a.seq, p.source FROM acts a JOIN cases k ON k.id = a.case_id JOIN pages "
	    "p ON p.id = k.page_id WHERE k.court_code = ? AND a.url IS NULL AND p.source LIKE "
	    "'http%'",
	    out, err);

	if (rc == 0)
		awol_db_bind_text(awol_store_rows_stmt(*out), 1, court);
	return rc;
}

int awol_store_act_set_url(awol_store *st, long long act_id, const char *url, awol_error *err)
{
	awol_db_stmt *s = NULL;
	int rc = awol_store_stmt(st, "UPDATE acts SET url = ? WHERE id = ?", &s, err);

	if (rc < 0)
		return rc;
	awol_db_bind_text(s, 1, url);
	awol_db_bind_int64(s, 2, act_id);
	return awol_store_run(s, err);
}

int awol_store_acts_without_text(awol_store *st, const char *court, awol_store_rows **out,
                                 awol_error *err)
{
	int rc = awol_store_rows_open(st,
	                              "SELECT DISTINCT a.url FROM acts a JOIN cases k ON k.id = "
	                              "a.case_id WHERE k.court_code = ? AND a.url IS NOT NULL AND "
	                              "a.text IS NULL ORDER BY a.url",
	                              out, err);

	if (rc == 0)
		awol_db_bind_text(awol_store_rows_stmt(*out), 1, court);
	return rc;
}
