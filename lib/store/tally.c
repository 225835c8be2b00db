/*
 * One count with its coverage (include/awol/store_count.h).  The count is the general
 * query of lib/stats (DISTINCT over case, defendant and charge) with a unit, a date axis,
 * an outcome and a place; the coverage check walks the crawl's complete windows.
 */
#include "util/common.h"
#include "util/buf.h"
#include "util/date.h"
#include "awol/stats.h"
#include "awol/store_count.h"
#include "store_priv.h"

#define IN_LIST(x, n) "instr(',' || ?" #n " || ',', ',' || " x " || ',') > 0"

typedef struct unit_def {
	const char *name;
	const char *counted; /* c.id or p.id */
	const char *day;     /* the date the unit counts on */
	bool convicted;      /* only sentences */
	bool by_decision;
	const char *reading; /* a sentence read from an act text (outcomes o): its condition */
} unit_def;

/* the sentences read (lib/store/outcomes.c), as `awol outcomes --shares` counts them */
#define SENTENCE_READ "o.outcome = 'convicted' AND o.punishment IS NOT NULL"

static const unit_def UNITS[] = {
    {"cases_received", "c.id", "c.received", false, false, NULL},
    {"cases_decided", "c.id", "c.decided", false, true, NULL},
    {"verdicts", "c.id", "c.decided", true, true, NULL},
    {"defendants", "p.id", "c.received", false, false, NULL},
    {"defendants_convicted", "p.id", "coalesce(nullif(p.decided, ''), c.decided)", true, true,
     NULL},
    {"sentences_read", "o.id", "c.decided", false, true, SENTENCE_READ},
    {"sentences_suspended", "o.id", "c.decided", false, true,
     SENTENCE_READ " AND o.punishment = 'imprisonment' AND o.suspended"},
    {"sentences_real", "o.id", "c.decided", false, true,
     SENTENCE_READ " AND o.punishment = 'imprisonment' AND NOT o.suspended"},
};

static const unit_def *find_unit(const char *u)
{
	size_t i;

	for (i = 0; u && i < AWOL_ARRAY_SIZE(UNITS); i++)
		if (strcmp(UNITS[i].name, u) == 0)
			return &UNITS[i];
	return NULL;
}

bool awol_store_count_unit_known(const char *unit)
{
	return find_unit(unit) != NULL;
}

/* The same ISO-day rule as the counting query: a day it cannot read counts on no period. */
static void fn_iso_day(sqlite3_context *ctx, int argc, sqlite3_value **v)
{
	awol_date d;
	const char *s = (const char *)sqlite3_value_text(v[0]);

	(void)argc;
	sqlite3_result_int(ctx, s && awol_date_parse_iso(s, &d));
}

/* The outcome rule of awol stats (docs/counting.md): a sentence is "convicted". */
static void fn_convicted(sqlite3_context *ctx, int argc, sqlite3_value **v)
{
	const char *o = awol_stats_outcome((const char *)sqlite3_value_text(v[0]));

	(void)argc;
	sqlite3_result_int(ctx, o && strcmp(o, "convicted") == 0);
}

/* "337+338" -> "337,338" */
static void comma_list(const char *in, char *out, size_t n)
{
	char *p;

	snprintf(out, n, "%s", in ? in : "");
	for (p = out; *p; p++)
		if (*p == '+')
			*p = ',';
}

/* The outcome a unit is judged by: the defendant's own when given, else the case's. */
static const char *result_of(const unit_def *u)
{
	return strcmp(u->counted, "p.id") == 0 ? "coalesce(nullif(p.result, ''), c.result)"
	                                       : "c.result";
}

/* a sentence read from an act text joins the case's current reading */
static const char *reading_join(const unit_def *u)
{
	return u->reading ? " JOIN outcomes o ON o.case_id = c.id AND o.current" : "";
}

/*
 * A charge under another code than the Criminal Code never counts (docs/counting.md), as
 * in awol stats, so that a count here equals the summary's.
 * SQLite calls awol_iso_day and awol_convicted (C functions) inside the query.
 * PostgreSQL cannot call them: it lists the distinct units with their day and outcome
 * text, and the same C rules judge each row here (a unit's day and outcome depend on
 * the unit alone, so one row is one unit).
 */
static int count_units(awol_store *st, const unit_def *u, const awol_count_query *q,
                       const char *articles, long *out, awol_error *err)
{
	bool pg = awol_db_dialect(st->conn) == AWOL_DB_PG;
	awol_buf sql = AWOL_BUF_INIT;
	awol_db_stmt *s = NULL;
	int rc, step;
	long n = 0;

	if (u->reading && !awol_store_has_column(st, "outcomes", "id"))
		return awol_error_set(err, AWOL_EINVAL,
		                      "%s holds no readings of act texts (a database older than "
		                      "them: open it once with write access)",
		                      st->path);
	if (pg)
		awol_buf_printf(
		    &sql, NULL,
		    "SELECT DISTINCT %s, %s, %s FROM cases c JOIN persons p ON "
		    "p.case_id = c.id JOIN charges h ON h.person_id = p.id AND "
		    "" AWOL_STORE_COUNTED_CHARGE " LEFT JOIN "
		    "courts k ON k.code = c.court_code%s WHERE %s AND %s BETWEEN ?2 AND ?3",
		    u->counted, u->day, result_of(u), reading_join(u), IN_LIST("h.article", 1),
		    u->day);
	else
		awol_buf_printf(
		    &sql, NULL,
		    "SELECT count(DISTINCT %s) FROM cases c JOIN persons p ON "
		    "p.case_id = c.id JOIN charges h ON h.person_id = p.id AND "
		    "" AWOL_STORE_COUNTED_CHARGE " LEFT JOIN "
		    "courts k ON k.code = c.court_code%s WHERE %s AND awol_iso_day(%s) AND "
		    "%s BETWEEN ?2 AND ?3",
		    u->counted, reading_join(u), IN_LIST("h.article", 1), u->day, u->day);
	if (u->reading)
		awol_buf_printf(&sql, NULL, " AND %s", u->reading);
	if (u->convicted && !pg)
		awol_buf_printf(&sql, NULL, " AND awol_convicted(%s)", result_of(u));
	/* the courts as a set of codes: the database reads each court's days from the index
	 * cases_court_order (schema 6) instead of every case of the period */
	if (q->regions)
		awol_buf_puts(&sql,
		              " AND c.court_code IN (SELECT code FROM courts WHERE "
		              "" IN_LIST("region_code", 4) ")",
		              NULL);
	if (q->courts)
		awol_buf_puts(
		    &sql,
		    " AND c.court_code IN (SELECT code FROM courts WHERE " IN_LIST("code", 5) ")",
		    NULL);
	rc = awol_store_stmt(st, awol_buf_cstr(&sql), &s, err);
	if (rc < 0)
		goto done;
	awol_db_bind_text(s, 1, articles);
	awol_db_bind_text(s, 2, q->from);
	awol_db_bind_text(s, 3, q->to);
	awol_db_bind_text(s, 4, q->regions);
	awol_db_bind_text(s, 5, q->courts);
	if (pg)
		awol_db_stream(s);
	while ((step = awol_db_step(s, err)) == 1) {
		awol_date d;
		const char *o;
		if (!pg) {
			n = (long)awol_db_column_int64(s, 0);
			continue;
		}
		if (!awol_date_parse_iso(awol_db_column_text(s, 1), &d))
			continue;
		o = awol_stats_outcome(awol_db_column_text(s, 2));
		if (!u->convicted || (o && strcmp(o, "convicted") == 0))
			n++;
	}
	if (step < 0)
		rc = step;
	else
		*out = n;
done:
	awol_db_finalize(s);
	awol_buf_dispose(&sql);
	return rc;
}

typedef struct window {
	char court[16], article[16];
	int server;
	long from, to; /* days */
} window;

static long iso_days(const char *s)
{
	awol_date d;

	return s && awol_date_parse_iso(s, &d) ? awol_date_to_days(d) : -1;
}

/* Whether complete windows of one court, server and article cover [from, to]. */
static bool covered(const window *w, size_t n, const char *court, int server, const char *article,
                    long from, long to)
{
	long reach = from - 1;
	bool moved = true;
	size_t i;

	/* extend the covered run from `from` until no window extends it (windows are few) */
	while (moved && reach < to) {
		moved = false;
		for (i = 0; i < n; i++)
			if (w[i].server == server && w[i].from <= reach + 1 && w[i].to > reach &&
			    strcmp(w[i].court, court) == 0 && strcmp(w[i].article, article) == 0) {
				reach = w[i].to;
				moved = true;
			}
	}
	return reach >= to;
}

/*
 * The courts an area needs: the garrison courts (first instance for these articles) of the
 * country or of the regions ?1, or the courts named ?2; a region without a garrison court
 * needs every court it has.
 */
/* clang-format off */
static const char COURTS_SQL[] =
    "SELECT code, coalesce(servers, 1) FROM courts k"
    " WHERE (?1 IS NULL OR instr(',' || ?1 || ',', ',' || k.region_code || ',') > 0)"
    " AND (?2 IS NULL OR instr(',' || ?2 || ',', ',' || k.code || ',') > 0)"
    " AND (?2 IS NOT NULL OR k.level = 'garrison' OR NOT EXISTS (SELECT 1 FROM courts g"
    " WHERE g.level = 'garrison'"
    " AND (?1 IS NULL OR instr(',' || ?1 || ',', ',' || g.region_code || ',') > 0)))"
    " ORDER BY code";
/* clang-format on */

static int check_coverage(awol_store *st, const unit_def *u, const awol_count_query *q,
                          const char *articles, awol_count_result *r, awol_error *err)
{
	awol_db_stmt *s = NULL;
	window *w = NULL;
	size_t nw = 0, cap = 0;
	long from = iso_days(q->from), to = iso_days(q->to);
	awol_buf ns = AWOL_BUF_INIT;
	char list[256], *tok, *save = NULL;
	int rc, step = SQLITE_DONE;

	/* a case decided in the period may have been received up to a year before it */
	if (u->by_decision)
		from -= 365;
	rc = awol_store_stmt(st, "SELECT count(*) FROM coverage", &s, err);
	if (rc == 0)
		rc = awol_db_step(s, err);
	if (rc == 1) {
		r->crawled = awol_db_column_int64(s, 0) > 0;
		rc = 0;
	}
	awol_db_finalize(s);
	s = NULL;
	if (rc < 0)
		return rc;
	/* articles no crawl searched: their cases are co-charges of others only */
	snprintf(list, sizeof(list), "%s", articles);
	rc = awol_store_stmt(st, "SELECT 1 FROM coverage WHERE article = ? LIMIT 1", &s, err);
	for (tok = strtok_r(list, ",", &save); rc == 0 && tok; tok = strtok_r(NULL, ",", &save)) {
		awol_db_bind_text(s, 1, tok);
		step = awol_db_step(s, err);
		if (step < 0)
			rc = step;
		else if (step == 0)
			awol_buf_printf(&ns, NULL, "%s%s", ns.len ? "," : "", tok);
		awol_db_reset(s);
	}
	awol_db_finalize(s);
	s = NULL;
	if (rc < 0)
		goto done;
	if (ns.len)
		r->not_searched = awol_buf_detach(&ns);
	rc = awol_store_stmt(st,
	                     "SELECT court_code, server, article, date_from, date_to FROM "
	                     "coverage WHERE date_axis = 'received' AND status = 'complete' "
	                     "AND " IN_LIST("article", 1),
	                     &s, err);
	if (rc < 0)
		goto done;
	awol_db_bind_text(s, 1, articles);
	while ((step = awol_db_step(s, err)) == 1) {
		if (nw == cap) {
			size_t nc = cap ? cap * 2 : 256;
			window *nwp = realloc(w, nc * sizeof(*w));
			if (!nwp) {
				rc = awol_error_set(err, AWOL_ENOMEM, "out of memory");
				goto done;
			}
			w = nwp;
			cap = nc;
		}
		snprintf(w[nw].court, sizeof(w[nw].court), "%s", awol_db_column_text(s, 0));
		w[nw].server = (int)awol_db_column_int64(s, 1);
		snprintf(w[nw].article, sizeof(w[nw].article), "%s", awol_db_column_text(s, 2));
		w[nw].from = iso_days(awol_db_column_text(s, 3));
		w[nw].to = iso_days(awol_db_column_text(s, 4));
		if (w[nw].from >= 0 && w[nw].to >= 0)
			nw++;
	}
	if (step < 0) {
		rc = step;
		goto done;
	}
	awol_db_finalize(s);
	s = NULL;
	rc = awol_store_stmt(st, COURTS_SQL, &s, err);
	if (rc < 0)
		goto done;
	awol_db_bind_text(s, 1, q->regions);
	awol_db_bind_text(s, 2, q->courts);
	while ((step = awol_db_step(s, err)) == 1) {
		const char *court = awol_db_column_text(s, 0);
		int servers = (int)awol_db_column_int64(s, 1), sv;
		snprintf(list, sizeof(list), "%s", articles);
		save = NULL;
		for (tok = strtok_r(list, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
			for (sv = 1; sv <= (servers < 1 ? 1 : servers); sv++) {
				r->units++;
				if (from >= 0 && to >= from &&
				    covered(w, nw, court, sv, tok, from, to))
					r->units_covered++;
			}
	}
	if (step < 0) {
		rc = step;
		goto done;
	}
	r->complete =
	    r->crawled && r->units > 0 && r->units_covered == r->units && !r->not_searched;
done:
	awol_db_finalize(s);
	awol_buf_dispose(&ns);
	free(w);
	return rc;
}

static void describe(const unit_def *u, awol_count_result *r)
{
	awol_buf b = AWOL_BUF_INIT;

	if (!r->crawled)
		awol_buf_puts(&b, "coverage unknown: no crawl recorded (pages imported from files)",
		              NULL);
	else
		awol_buf_printf(&b, NULL,
		                "%ld of %ld court-article units of the area searched completely "
		                "over the period%s",
		                r->units_covered, r->units,
		                u->by_decision ? " and the year before it (cases decided in the "
		                                 "period may have been received then)"
		                               : "");
	if (r->not_searched)
		awol_buf_printf(&b, NULL, "; art. %s never searched (only co-charges counted)",
		                r->not_searched);
	if (!r->complete)
		awol_buf_puts(&b, " — our count is a lower bound", NULL);
	r->coverage = awol_buf_detach(&b);
}

int awol_store_count(awol_store *st, const awol_count_query *q, awol_count_result *out,
                     awol_error *err)
{
	const unit_def *u = find_unit(q->unit);
	char articles[256];
	char *sim = NULL;
	bool own_tx = false;
	int rc;

	memset(out, 0, sizeof(*out));
	out->count = -1;
	if (!u)
		return awol_error_set(err, AWOL_EINVAL, "our database cannot count '%s'",
		                      q->unit ? q->unit : "");
	if (!q->articles || strlen(q->articles) >= sizeof(articles) ||
	    strspn(q->articles, "0123456789.+,") != strlen(q->articles) || !*q->articles)
		return awol_error_set(err, AWOL_EINVAL,
		                      "cannot count articles '%s' (article numbers only)",
		                      q->articles ? q->articles : "");
	if (iso_days(q->from) < 0 || iso_days(q->to) < 0)
		return awol_error_set(err, AWOL_EINVAL, "bad period %s..%s", q->from ? q->from : "",
		                      q->to ? q->to : "");
	comma_list(q->articles, articles, sizeof(articles));
	if (st->db) {
		sqlite3_create_function(st->db, "awol_iso_day", 1,
		                        SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, fn_iso_day, NULL,
		                        NULL);
		sqlite3_create_function(st->db, "awol_convicted", 1,
		                        SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, fn_convicted,
		                        NULL, NULL);
	}
	/* one snapshot: the count and its coverage are read together */
	if (st->db ? sqlite3_get_autocommit(st->db) != 0 : st->tx_depth == 0) {
		rc = awol_store_begin_read(st, err);
		if (rc < 0)
			return rc;
		own_tx = true;
	}
	rc = q->coverage_only ? 0 : count_units(st, u, q, articles, &out->count, err);
	if (rc == 0)
		rc = check_coverage(st, u, q, articles, out, err);
	if (rc == 0 && awol_store_meta_get(st, "simulated", &sim, NULL) == 0 && sim &&
	    strcmp(sim, "1") == 0)
		out->simulated = true;
	free(sim);
	if (own_tx)
		awol_store_commit(st, NULL);
	if (rc < 0) {
		awol_store_count_dispose(out);
		out->count = -1;
		return rc;
	}
	describe(u, out);
	return 0;
}

void awol_store_count_dispose(awol_count_result *r)
{
	if (!r)
		return;
	free(r->not_searched);
	free(r->coverage);
	memset(r, 0, sizeof(*r));
}
