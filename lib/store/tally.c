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
} unit_def;

static const unit_def UNITS[] = {
    {"cases_received", "c.id", "c.received", false, false},
    {"cases_decided", "c.id", "c.decided", false, true},
    {"verdicts", "c.id", "c.decided", true, true},
    {"defendants", "p.id", "c.received", false, false},
    {"defendants_convicted", "p.id", "coalesce(nullif(p.decided, ''), c.decided)", true, true},
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

static int count_units(awol_store *st, const unit_def *u, const awol_count_query *q,
                       const char *articles, long *out, awol_error *err)
{
	awol_buf sql = AWOL_BUF_INIT;
	sqlite3_stmt *s = NULL;
	int rc;

	awol_buf_printf(&sql, NULL,
	                "SELECT count(DISTINCT %s) FROM cases c JOIN persons p ON p.case_id = "
	                "c.id JOIN charges h ON h.person_id = p.id LEFT JOIN courts k ON k.code "
	                "= c.court_code WHERE %s AND awol_iso_day(%s) AND %s BETWEEN ?2 AND ?3",
	                u->counted, IN_LIST("h.article", 1), u->day, u->day);
	if (u->convicted)
		awol_buf_puts(&sql,
		              strcmp(u->counted, "p.id") == 0
		                  ? " AND awol_convicted(coalesce(nullif(p.result, ''), c.result))"
		                  : " AND awol_convicted(c.result)",
		              NULL);
	/* the courts as a set of codes: SQLite reads each court's days from the index
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
	rc = awol_store_prepare(st, &s, awol_buf_cstr(&sql), err);
	if (rc < 0)
		goto done;
	sqlite3_bind_text(s, 1, articles, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, q->from, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, q->to, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, q->regions, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, q->courts, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		*out = sqlite3_column_int64(s, 0);
	else
		rc = awol_error_set(err, AWOL_EDB, "%s: %s", st->path, sqlite3_errmsg(st->db));
done:
	sqlite3_finalize(s);
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
	sqlite3_stmt *s = NULL;
	window *w = NULL;
	size_t nw = 0, cap = 0;
	long from = iso_days(q->from), to = iso_days(q->to);
	awol_buf ns = AWOL_BUF_INIT;
	char list[256], *tok, *save = NULL;
	int rc, step = SQLITE_DONE;

	/* a case decided in the period may have been received up to a year before it */
	if (u->by_decision)
		from -= 365;
	rc = awol_store_prepare(st, &s, "SELECT count(*) FROM coverage", err);
	if (rc == 0 && sqlite3_step(s) == SQLITE_ROW)
		r->crawled = sqlite3_column_int64(s, 0) > 0;
	sqlite3_finalize(s);
	s = NULL;
	if (rc < 0)
		return rc;
	/* articles no crawl searched: their cases are co-charges of others only */
	snprintf(list, sizeof(list), "%s", articles);
	rc = awol_store_prepare(st, &s, "SELECT 1 FROM coverage WHERE article = ? LIMIT 1", err);
	for (tok = strtok_r(list, ",", &save); rc == 0 && tok; tok = strtok_r(NULL, ",", &save)) {
		sqlite3_bind_text(s, 1, tok, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(s) != SQLITE_ROW)
			awol_buf_printf(&ns, NULL, "%s%s", ns.len ? "," : "", tok);
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
	s = NULL;
	if (rc < 0)
		goto done;
	if (ns.len)
		r->not_searched = awol_buf_detach(&ns);
	rc = awol_store_prepare(st, &s,
	                        "SELECT court_code, server, article, date_from, date_to FROM "
	                        "coverage WHERE date_axis = 'received' AND status = 'complete' "
	                        "AND " IN_LIST("article", 1),
	                        err);
	if (rc < 0)
		goto done;
	sqlite3_bind_text(s, 1, articles, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
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
		snprintf(w[nw].court, sizeof(w[nw].court), "%s", sqlite3_column_text(s, 0));
		w[nw].server = sqlite3_column_int(s, 1);
		snprintf(w[nw].article, sizeof(w[nw].article), "%s", sqlite3_column_text(s, 2));
		w[nw].from = iso_days((const char *)sqlite3_column_text(s, 3));
		w[nw].to = iso_days((const char *)sqlite3_column_text(s, 4));
		if (w[nw].from >= 0 && w[nw].to >= 0)
			nw++;
	}
	if (step != SQLITE_DONE) {
		rc = awol_error_set(err, AWOL_EDB, "%s: %s", st->path, sqlite3_errmsg(st->db));
		goto done;
	}
	sqlite3_finalize(s);
	s = NULL;
	rc = awol_store_prepare(st, &s, COURTS_SQL, err);
	if (rc < 0)
		goto done;
	sqlite3_bind_text(s, 1, q->regions, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, q->courts, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		const char *court = (const char *)sqlite3_column_text(s, 0);
		int servers = sqlite3_column_int(s, 1), sv;
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
	if (step != SQLITE_DONE) {
		rc = awol_error_set(err, AWOL_EDB, "%s: %s", st->path, sqlite3_errmsg(st->db));
		goto done;
	}
	r->complete =
	    r->crawled && r->units > 0 && r->units_covered == r->units && !r->not_searched;
done:
	sqlite3_finalize(s);
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
	sqlite3_create_function(st->db, "awol_iso_day", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
	                        fn_iso_day, NULL, NULL);
	sqlite3_create_function(st->db, "awol_convicted", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
	                        NULL, fn_convicted, NULL, NULL);
	/* one snapshot: the count and its coverage are read together */
	if (sqlite3_get_autocommit(st->db)) {
		rc = awol_store_exec(st, "BEGIN", err);
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
		awol_store_exec(st, "COMMIT", NULL);
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
