/*
 * A crawl shared by many workers (lib/store/store_shared.h; docs/crawling.md).
 *
 * Two things differ per backend, and only here: the database's clock in seconds since
 * the epoch (`@now`), and PostgreSQL's FOR UPDATE SKIP LOCKED in the claim
 * (`@skip_locked`), which lets workers claiming at once each take another court without
 * waiting on each other's row locks; SQLite runs one writer at a time, so its claim,
 * one UPDATE, is atomic as it stands.
 */
#include "util/common.h"
#include "util/buf.h"
#include "awol/store_status.h"
#include "store_priv.h"
#include "store_shared.h"

/* pg_advisory_xact_lock key of joining: "awolshar" in ASCII */
#define JOIN_LOCK "7022344639683556466"

static const char NOW_SQLITE[] = "((julianday('now') - 2440587.5) * 86400.0)";
static const char NOW_PG[] = "(extract(epoch FROM clock_timestamp())::double precision)";

/* A statement of this module: its @now and @skip_locked written for the backend. */
static int shared_stmt(awol_store *st, const char *sql, awol_db_stmt **s, awol_error *err)
{
	bool pg = awol_db_dialect(st->conn) == AWOL_DB_PG;
	awol_buf b = AWOL_BUF_INIT;
	const char *p = sql;
	int rc = 0;

	while (rc == 0 && *p) {
		if (strncmp(p, "@now", 4) == 0) {
			rc = awol_buf_puts(&b, pg ? NOW_PG : NOW_SQLITE, err);
			p += 4;
		} else if (strncmp(p, "@skip_locked", 12) == 0) {
			rc = awol_buf_puts(&b, pg ? "FOR UPDATE SKIP LOCKED" : "", err);
			p += 12;
		} else
			rc = awol_buf_putc(&b, *p++, err);
	}
	if (rc == 0)
		rc = awol_store_stmt(st, awol_buf_cstr(&b), s, err);
	awol_buf_dispose(&b);
	return rc;
}

/* A write of this module with text parameters ?1 and ?2 (b may be NULL: ?2 unused). */
static int shared_run(awol_store *st, const char *sql, const char *a, const char *b,
                      awol_error *err)
{
	awol_db_stmt *s = NULL;
	int rc = shared_stmt(st, sql, &s, err);

	if (rc < 0)
		return rc;
	awol_db_bind_text(s, 1, a);
	if (b)
		awol_db_bind_text(s, 2, b);
	return awol_store_run(s, err);
}

/* Every lease of worker ?1 given up. */
#define RELEASE_ALL "UPDATE crawl_courts SET worker = NULL, lease_until = NULL WHERE worker = ?1"

/* A live worker: running, and seen within its lease. */
#define LIVE "w.state = 'running' AND w.seen_at + w.lease > @now"

/* Another live worker named or planned so: -AWOL_EEXISTS naming it. */
static int refuse_conflict(awol_store *st, const awol_store_worker *w, awol_error *err)
{
	awol_db_stmt *s = NULL;
	int rc = shared_stmt(st,
	                     "SELECT w.name, w.plan, w.host, w.pid, @now - w.seen_at FROM "
	                     "crawl_workers w WHERE " LIVE " AND (w.name = ?1 OR w.plan <> ?2) "
	                     "ORDER BY w.name = ?1 DESC LIMIT 1",
	                     &s, err);

	if (rc < 0)
		return rc;
	awol_db_bind_text(s, 1, w->name);
	awol_db_bind_text(s, 2, w->plan);
	rc = awol_db_step(s, err);
	if (rc == 1 && strcmp(awol_db_column_text(s, 0), w->name) == 0)
		rc = awol_error_set(
		    err, AWOL_EEXISTS,
		    "%s: worker '%s' is already running (pid %lld on %s, seen %.0f s "
		    "ago); choose another --worker name, or wait for its lease to "
		    "expire if it is gone",
		    st->path, w->name, (long long)awol_db_column_int64(s, 3),
		    awol_db_column_text(s, 2) ? awol_db_column_text(s, 2) : "?",
		    awol_db_column_double(s, 4));
	else if (rc == 1)
		rc = awol_error_set(
		    err, AWOL_EEXISTS,
		    "%s: worker '%s' is running another crawl (%s); every worker of "
		    "a shared crawl needs the same --courts, --articles, --from, "
		    "--to, --cards, --acts and --update (this one: %s)",
		    st->path, awol_db_column_text(s, 0), awol_db_column_text(s, 1), w->plan);
	awol_db_finalize(s);
	return rc < 0 ? rc : 0;
}

/* No other worker is live: the crawl starts afresh, each court's next_at kept. */
static int restart_if_alone(awol_store *st, const awol_store_worker *w, awol_error *err)
{
	awol_db_stmt *s = NULL;
	long live = 0;
	int rc = shared_stmt(
	    st, "SELECT count(*) FROM crawl_workers w WHERE " LIVE " AND w.name <> ?1", &s, err);

	if (rc < 0)
		return rc;
	awol_db_bind_text(s, 1, w->name);
	rc = awol_db_step(s, err);
	if (rc == 1)
		live = (long)awol_db_column_int64(s, 0);
	awol_db_finalize(s);
	if (rc < 0 || live > 0)
		return rc < 0 ? rc : 0;
	return awol_store_exec(st,
	                       "UPDATE crawl_courts SET plan = '', state = 'todo', worker = NULL, "
	                       "lease_until = NULL, error = NULL; DELETE FROM crawl_blocks",
	                       err);
}

static int register_worker(awol_store *st, const awol_store_worker *w, awol_error *err)
{
	awol_db_stmt *s = NULL;
	int rc = shared_stmt(
	    st,
	    "INSERT INTO crawl_workers (name, plan, host, pid, lease, started_at, seen_at, "
	    "state) VALUES (?1, ?2, ?3, ?4, ?5, @now, @now, 'running') ON CONFLICT (name) DO "
	    "UPDATE SET plan = ?2, host = ?3, pid = ?4, lease = ?5, started_at = @now, seen_at = "
	    "@now, state = 'running', requests = 0, errors = 0, last_request_at = NULL, "
	    "last_error = NULL",
	    &s, err);

	if (rc < 0)
		return rc;
	awol_db_bind_text(s, 1, w->name);
	awol_db_bind_text(s, 2, w->plan);
	awol_db_bind_text(s, 3, w->host);
	awol_db_bind_int64(s, 4, w->pid);
	awol_db_bind_double(s, 5, w->lease);
	rc = awol_store_run(s, err);
	/* leases an earlier process of this name left are free at once */
	if (rc == 0)
		rc = shared_run(st, RELEASE_ALL, w->name, NULL, err);
	return rc;
}

int awol_store_shared_join(awol_store *st, const awol_store_worker *w, awol_error *err)
{
	int rc = awol_store_begin(st, err);

	/* joins one at a time: two first workers must not both restart the crawl */
	if (rc == 0 && awol_db_dialect(st->conn) == AWOL_DB_PG)
		rc = awol_store_exec(st, "SELECT pg_advisory_xact_lock(" JOIN_LOCK ")", err);
	if (rc == 0)
		rc = refuse_conflict(st, w, err);
	if (rc == 0)
		rc = restart_if_alone(st, w, err);
	if (rc == 0)
		rc = register_worker(st, w, err);
	if (rc == 0)
		return awol_store_commit(st, err);
	awol_store_rollback(st);
	return rc;
}

int awol_store_shared_add_court(awol_store *st, const char *plan, const char *court,
                                awol_error *err)
{
	/* the work known from earlier crawls (cases the listings announced) orders claims:
	 * the biggest court first, since the crawl ends when its biggest court ends */
	return shared_run(
	    st,
	    "INSERT INTO crawl_courts (court_code, plan, state, work) VALUES (?2, ?1, "
	    "'todo', (SELECT coalesce(sum(expected), 0) FROM coverage WHERE "
	    "court_code = ?2)) ON CONFLICT (court_code) DO UPDATE SET plan = ?1, "
	    "state = 'todo', error = NULL WHERE crawl_courts.plan <> ?1",
	    plan, court, err);
}

/*
 * A court free for worker ?1 of plan ?2 (the alias k): not leased, not blocked for it.
 * A court dead for the workers that gave up on it is free for a worker that joined since.
 */
#define FREE_FOR_ME                                                                                \
	"k.plan = ?2 AND (k.state IN ('todo', 'dead') OR (k.state = 'captcha' AND EXISTS (SELECT " \
	"1 FROM "                                                                                  \
	"court_status s WHERE s.court_code = k.court_code AND s.captcha_answer IS NOT "            \
	"NULL))) AND (k.worker IS NULL OR k.lease_until < @now) AND NOT EXISTS (SELECT 1 "         \
	"FROM crawl_blocks b WHERE b.court_code = k.court_code AND b.worker = ?1)"

int awol_store_shared_claim(awol_store *st, const awol_store_worker *w, char court[16],
                            double *wait, awol_error *err)
{
	awol_db_stmt *s = NULL;
	int rc =
	    shared_stmt(st,
	                "UPDATE crawl_courts SET worker = ?1, lease_until = @now + ?3, state "
	                "= 'todo', wanted_by = NULL WHERE court_code = (SELECT k.court_code "
	                "FROM crawl_courts k WHERE " FREE_FOR_ME " ORDER BY CASE WHEN k.wanted_by "
	                "= ?1 THEN 0 ELSE 1 END, k.work DESC, k.next_at, k.court_code LIMIT 1 "
	                "@skip_locked) "
	                "RETURNING court_code, next_at - @now",
	                &s, err);

	court[0] = '\0';
	*wait = 0;
	if (rc < 0)
		return rc;
	awol_db_bind_text(s, 1, w->name);
	awol_db_bind_text(s, 2, w->plan);
	awol_db_bind_double(s, 3, w->lease);
	rc = awol_db_step(s, err);
	if (rc == 1) {
		snprintf(court, 16, "%s", awol_db_column_text(s, 0));
		*wait = awol_db_column_double(s, 1);
		if (*wait < 0)
			*wait = 0;
	}
	awol_db_finalize(s);
	return rc;
}

int awol_store_shared_renew(awol_store *st, const awol_store_worker *w,
                            const awol_store_worker_tick *t, awol_error *err)
{
	awol_db_stmt *s = NULL;
	int rc = shared_stmt(
	    st, "UPDATE crawl_courts SET lease_until = @now + ?2 WHERE worker = ?1", &s, err);

	if (rc < 0)
		return rc;
	awol_db_bind_text(s, 1, w->name);
	awol_db_bind_double(s, 2, w->lease);
	rc = awol_store_run(s, err);
	if (rc == 0)
		rc = shared_stmt(
		    st,
		    "UPDATE crawl_workers SET seen_at = @now, requests = ?2, errors = ?3, "
		    "last_request_at = CASE WHEN ?4 < 0 THEN NULL ELSE @now - ?4 END, "
		    "last_error = ?5 WHERE name = ?1",
		    &s, err);
	if (rc < 0)
		return rc;
	awol_db_bind_text(s, 1, w->name);
	awol_db_bind_int64(s, 2, t->requests);
	awol_db_bind_int64(s, 3, t->errors);
	awol_db_bind_double(s, 4, t->last_request_ago);
	awol_db_bind_text(s, 5, t->last_error);
	return awol_store_run(s, err);
}

/*
 * The court's state is asked again outside the subquery: PostgreSQL rechecks only the
 * outer conditions on a row another worker changed meanwhile (handed back done), and a
 * wish left on a court that ended would keep this worker from asking again.
 */
int awol_store_shared_want(awol_store *st, const awol_store_worker *w, awol_error *err)
{
	awol_db_stmt *s = NULL;
	int64_t n = 0;
	int rc = shared_stmt(
	    st,
	    "UPDATE crawl_courts SET wanted_by = ?1 WHERE court_code = (SELECT k.court_code FROM "
	    "crawl_courts k WHERE k.plan = ?2 AND k.state = 'todo' AND k.worker <> ?1 AND "
	    "k.lease_until >= @now AND k.wanted_by IS NULL AND (SELECT count(*) FROM crawl_courts "
	    "h WHERE h.worker = k.worker AND h.state = 'todo' AND h.lease_until >= @now) > 1 AND "
	    "NOT EXISTS (SELECT 1 FROM crawl_courts x WHERE x.wanted_by = ?1 AND x.state = "
	    "'todo') AND NOT EXISTS (SELECT 1 FROM crawl_blocks b WHERE b.court_code = "
	    "k.court_code AND b.worker = ?1) ORDER BY k.work DESC, k.court_code LIMIT 1 "
	    "@skip_locked) AND state = 'todo' AND worker IS NOT NULL",
	    &s, err);

	if (rc < 0)
		return rc;
	awol_db_bind_text(s, 1, w->name);
	awol_db_bind_text(s, 2, w->plan);
	rc = awol_db_step(s, err);
	if (rc >= 0)
		n = awol_db_changes(s);
	awol_db_finalize(s);
	return rc < 0 ? rc : n > 0;
}

int awol_store_shared_work(awol_store *st, const awol_store_worker *w, const char *court, long work,
                           awol_error *err)
{
	awol_db_stmt *s = NULL;
	int rc = awol_store_stmt(st,
	                         "UPDATE crawl_courts SET work = ?3 WHERE court_code = ?2 AND "
	                         "worker = ?1 AND work <> ?3",
	                         &s, err);

	if (rc < 0)
		return rc;
	awol_db_bind_text(s, 1, w->name);
	awol_db_bind_text(s, 2, court);
	awol_db_bind_int64(s, 3, work);
	return awol_store_run(s, err);
}

int awol_store_shared_wanted(awol_store *st, const awol_store_worker *w, char court[16],
                             awol_error *err)
{
	awol_db_stmt *s = NULL;
	int rc = awol_store_stmt(st,
	                         "SELECT court_code FROM crawl_courts WHERE worker = ?1 AND "
	                         "wanted_by IS NOT NULL ORDER BY court_code LIMIT 1",
	                         &s, err);

	court[0] = '\0';
	if (rc < 0)
		return rc;
	awol_db_bind_text(s, 1, w->name);
	rc = awol_db_step(s, err);
	if (rc == 1)
		snprintf(court, 16, "%s", awol_db_column_text(s, 0));
	awol_db_finalize(s);
	return rc;
}

int awol_store_shared_wish_move(awol_store *st, const char *from, const char *to, awol_error *err)
{
	int rc = shared_run(st,
	                    "UPDATE crawl_courts SET wanted_by = (SELECT f.wanted_by FROM "
	                    "crawl_courts f WHERE f.court_code = ?1) WHERE court_code = ?2",
	                    from, to, err);

	return rc < 0 ? rc : awol_store_shared_unwant(st, from, err);
}

int awol_store_shared_unwant(awol_store *st, const char *court, awol_error *err)
{
	return shared_run(st, "UPDATE crawl_courts SET wanted_by = NULL WHERE court_code = ?1",
	                  court, NULL, err);
}

int awol_store_shared_held(awol_store *st, const awol_store_worker *w, awol_store_rows **out,
                           awol_error *err)
{
	int rc = awol_store_rows_open(st, "SELECT court_code FROM crawl_courts WHERE worker = ?1",
	                              out, err);

	if (rc == 0)
		awol_db_bind_text(awol_store_rows_stmt(*out), 1, w->name);
	return rc;
}

int awol_store_shared_holds(awol_store *st, const awol_store_worker *w, const char *court,
                            bool *holds, awol_error *err)
{
	awol_db_stmt *s = NULL;
	int rc = shared_stmt(st,
	                     "SELECT count(*) FROM crawl_courts WHERE court_code = ?2 AND worker "
	                     "= ?1",
	                     &s, err);

	*holds = false;
	if (rc < 0)
		return rc;
	awol_db_bind_text(s, 1, w->name);
	awol_db_bind_text(s, 2, court);
	rc = awol_db_step(s, err);
	if (rc == 1)
		*holds = awol_db_column_int64(s, 0) > 0;
	awol_db_finalize(s);
	return rc < 0 ? rc : 0;
}

/* Blocked for this worker; dead for the crawl once blocked for every live worker. */
static int block(awol_store *st, const awol_store_worker *w, const char *court, const char *error,
                 awol_error *err)
{
	awol_db_stmt *s = NULL;
	int rc = shared_stmt(st,
	                     "INSERT INTO crawl_blocks (court_code, worker, reason) VALUES (?1, "
	                     "?2, ?3) ON CONFLICT (court_code, worker) DO UPDATE SET reason = ?3",
	                     &s, err);

	if (rc < 0)
		return rc;
	awol_db_bind_text(s, 1, court);
	awol_db_bind_text(s, 2, w->name);
	awol_db_bind_text(s, 3, error);
	rc = awol_store_run(s, err);
	if (rc == 0)
		rc = shared_stmt(
		    st,
		    "UPDATE crawl_courts SET state = 'dead' WHERE court_code = ?1 AND "
		    "state = 'todo' AND NOT EXISTS (SELECT 1 FROM crawl_workers w WHERE " LIVE
		    " AND NOT EXISTS (SELECT 1 FROM crawl_blocks b WHERE b.court_code = "
		    "?1 AND b.worker = w.name))",
		    &s, err);
	if (rc < 0)
		return rc;
	awol_db_bind_text(s, 1, court);
	return awol_store_run(s, err);
}

int awol_store_shared_release(awol_store *st, const awol_store_worker *w, const char *court,
                              const char *state, double next_in, const char *error, bool blocked,
                              awol_error *err)
{
	awol_db_stmt *s = NULL;
	int rc = awol_store_begin(st, err);

	if (rc == 0)
		rc = shared_stmt(
		    st,
		    "UPDATE crawl_courts SET worker = NULL, lease_until = NULL, state = "
		    "?3, next_at = @now + ?4, error = ?5 WHERE court_code = ?2 AND "
		    "worker = ?1",
		    &s, err);
	if (rc == 0) {
		awol_db_bind_text(s, 1, w->name);
		awol_db_bind_text(s, 2, court);
		awol_db_bind_text(s, 3, state);
		awol_db_bind_double(s, 4, next_in > 0 ? next_in : 0);
		awol_db_bind_text(s, 5, error);
		rc = awol_store_run(s, err);
	}
	if (rc == 0 && blocked)
		rc = block(st, w, court, error, err);
	if (rc == 0)
		return awol_store_commit(st, err);
	awol_store_rollback(st);
	return rc;
}

int awol_store_shared_outlook(awol_store *st, const awol_store_worker *w, awol_store_outlook *o,
                              awol_error *err)
{
	awol_db_stmt *s = NULL;
	int rc = shared_stmt(
	    st,
	    "SELECT (SELECT count(*) FROM crawl_courts k WHERE " FREE_FOR_ME "), (SELECT count(*) "
	    "FROM crawl_courts k WHERE k.plan = ?2 AND k.state = 'todo' AND k.worker <> ?1 AND "
	    "k.lease_until >= @now), (SELECT count(*) FROM crawl_courts k WHERE k.plan = ?2 AND "
	    "k.state = 'todo' AND k.lease_until >= @now), (SELECT count(*) FROM crawl_workers w "
	    "WHERE " LIVE ")",
	    &s, err);

	memset(o, 0, sizeof(*o));
	if (rc < 0)
		return rc;
	awol_db_bind_text(s, 1, w->name);
	awol_db_bind_text(s, 2, w->plan);
	rc = awol_db_step(s, err);
	if (rc == 1) {
		o->claimable = (long)awol_db_column_int64(s, 0);
		o->held_by_others = (long)awol_db_column_int64(s, 1);
		o->held = (long)awol_db_column_int64(s, 2);
		o->live = (long)awol_db_column_int64(s, 3);
	}
	awol_db_finalize(s);
	return rc < 0 ? rc : 0;
}

int awol_store_shared_leave(awol_store *st, const awol_store_worker *w, const char *state,
                            awol_error *err)
{
	int rc = shared_run(st, RELEASE_ALL, w->name, NULL, err);

	if (rc == 0)
		rc = shared_run(
		    st, "UPDATE crawl_workers SET state = ?2, seen_at = @now WHERE name = ?1",
		    w->name, state, err);
	return rc;
}

int awol_store_shared_court_state(awol_store *st, const char *court, int *servers,
                                  char captcha_id[80], char captcha_answer[16], awol_error *err)
{
	awol_db_stmt *s = NULL;
	int rc = awol_store_stmt(st,
	                         "SELECT c.servers, s.captcha_id, s.captcha_answer FROM courts c "
	                         "LEFT JOIN court_status s ON s.court_code = c.code WHERE c.code "
	                         "= ?1",
	                         &s, err);

	*servers = 0;
	captcha_id[0] = captcha_answer[0] = '\0';
	if (rc < 0)
		return rc;
	awol_db_bind_text(s, 1, court);
	rc = awol_db_step(s, err);
	if (rc == 1) {
		*servers = (int)awol_db_column_int64(s, 0);
		if (awol_db_column_text(s, 1) && awol_db_column_text(s, 2)) {
			snprintf(captcha_id, 80, "%s", awol_db_column_text(s, 1));
			snprintf(captcha_answer, 16, "%s", awol_db_column_text(s, 2));
		}
	}
	awol_db_finalize(s);
	return rc < 0 ? rc : 0;
}

int awol_store_shared_captcha_solved(awol_store *st, const char *court, const char *captcha_id,
                                     const char *answer, awol_error *err)
{
	awol_db_stmt *s = NULL;
	int rc = awol_store_stmt(st,
	                         "INSERT INTO court_status (court_code, status, captcha_id, "
	                         "captcha_answer) VALUES (?1, 'partial', ?2, ?3) ON "
	                         "CONFLICT (court_code) DO UPDATE SET status = 'partial', "
	                         "captcha_id = ?2, captcha_answer = ?3",
	                         &s, err);

	if (rc < 0)
		return rc;
	awol_db_bind_text(s, 1, court);
	awol_db_bind_text(s, 2, captcha_id);
	awol_db_bind_text(s, 3, answer);
	return awol_store_run(s, err);
}

/* `awol workers` (include/awol/store_status.h) */

/* A database of before schema 7 opened read-only (not migrated): no shared crawl, no rows. */
static int no_rows(awol_store *st, awol_store_rows **out, awol_error *err)
{
	return awol_store_rows_open(st, "SELECT 1 WHERE 1 = 0", out, err);
}

int awol_store_workers_list(awol_store *st, awol_store_rows **out, awol_error *err)
{
	bool pg = awol_db_dialect(st->conn) == AWOL_DB_PG;
	awol_buf b = AWOL_BUF_INIT;
	const char *now = pg ? NOW_PG : NOW_SQLITE;
	const char *iso_a = pg ? "to_char(to_timestamp(" : "strftime('%Y-%m-%dT%H:%M:%SZ', ";
	const char *iso_b =
	    pg ? ") AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')" : ", 'unixepoch')";
	const char *held = pg ? "string_agg(k.court_code, ',' ORDER BY k.court_code)"
	                      : "group_concat(k.court_code, ',')";
	int rc = awol_buf_printf(
	    &b, err,
	    "SELECT w.name, CASE WHEN w.state = 'running' AND w.seen_at + w.lease <= %s THEN "
	    "'gone' ELSE w.state END, w.host, w.pid, %sw.started_at%s, %sw.seen_at%s, "
	    "(SELECT %s FROM (SELECT court_code FROM crawl_courts WHERE worker = w.name AND "
	    "lease_until >= %s ORDER BY court_code) k), w.requests, w.errors, "
	    "%sw.last_request_at%s, w.last_error, w.plan FROM crawl_workers w ORDER BY "
	    "w.name",
	    now, iso_a, iso_b, iso_a, iso_b, held, now, iso_a, iso_b);

	if (!awol_store_has_column(st, "crawl_workers", "name")) {
		awol_buf_dispose(&b);
		return no_rows(st, out, err);
	}
	if (rc == 0)
		rc = awol_store_rows_open(st, awol_buf_cstr(&b), out, err);
	awol_buf_dispose(&b);
	return rc;
}

int awol_store_workers_courts(awol_store *st, awol_store_rows **out, awol_error *err)
{
	awol_buf b = AWOL_BUF_INIT;
	int rc = awol_buf_printf(
	    &b, err,
	    "SELECT CASE WHEN worker IS NOT NULL AND lease_until >= %s THEN 'held' ELSE state "
	    "END AS s, count(*) FROM crawl_courts WHERE plan <> '' GROUP BY 1 ORDER BY 1",
	    awol_db_dialect(st->conn) == AWOL_DB_PG ? NOW_PG : NOW_SQLITE);

	if (!awol_store_has_column(st, "crawl_courts", "court_code")) {
		awol_buf_dispose(&b);
		return no_rows(st, out, err);
	}
	if (rc == 0)
		rc = awol_store_rows_open(st, awol_buf_cstr(&b), out, err);
	awol_buf_dispose(&b);
	return rc;
}
