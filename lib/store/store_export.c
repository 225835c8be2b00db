/*
 * The SQL of the exports (lib/store/store_export.h): one expression per column of each
 * entity, keyed by the entity's name; lib/stats/export.c holds the same columns' names,
 * types and descriptions, from which the CSV header, JSON keys and data package come.
 * The two tables are checked against each other when an export is prepared.
 */
#include "util/common.h"
#include "util/buf.h"
#include "awol/stats.h"
#include "case_set.h"
#include "store_export.h"
#include "store_priv.h"

#include <stdarg.h>
#include <stdint.h>

/*
 * A case's charges in one cell, each once, in the order of its defendants and their
 * charges.  PostgreSQL accepts no ORDER BY outside a DISTINCT's columns and has
 * string_agg for group_concat: its text orders each charge by its first place.
 */
#define CHARGE_TEXT                                                                                \
	"coalesce(h.article, h.text) || CASE WHEN h.part IS NOT NULL THEN ' ч.' || h.part ELSE "  \
	"'' END || CASE WHEN h.point IS NOT NULL THEN ' п.' || h.point ELSE '' END"
static const char CHARGE_LIST[] =
    "(SELECT group_concat(x, '; ') FROM (SELECT DISTINCT " CHARGE_TEXT
    " AS x FROM charges h WHERE h.case_id = c.id ORDER BY h.person_id, h.seq))";
static const char CHARGE_LIST_PG[] =
    "(SELECT string_agg(x, '; ' ORDER BY o) FROM (SELECT " CHARGE_TEXT
    " AS x, min(h.person_id * 1000000 + h.seq) AS o FROM charges h WHERE h.case_id = c.id "
    "GROUP BY 1) y)";

/* an outcome's articles in one cell, in their order (string_agg in PostgreSQL) */
#define OUTCOME_ARTICLE                                                                            \
	"trim(coalesce('п. ' || y.point || ' ', '') || coalesce('ч. ' || y.part || ' ', '') || " \
	"'ст. ' || y.article || ' ' || coalesce(y.law, ''))"
static const char OUTCOME_ARTICLES[] =
    "(SELECT group_concat(x, '; ') FROM (SELECT " OUTCOME_ARTICLE
    " AS x FROM outcome_articles y WHERE y.outcome_id = o.id ORDER BY y.seq))";
static const char OUTCOME_ARTICLES_PG[] =
    "(SELECT string_agg(" OUTCOME_ARTICLE ", '; ' ORDER BY y.seq) FROM outcome_articles y "
    "WHERE y.outcome_id = o.id)";

static const char *const CASES_SQL[] = {
    "c.id",
    "c.court_code",
    "k.name",
    "k.region",
    "k.level",
    "c.number",
    "c.uid",
    "c.received",
    "c.decided",
    "c.result",
    "c.judge",
    "c.proceeding",
    "c.instance",
    "(SELECT count(*) FROM persons p WHERE p.case_id = c.id)",
    "c.first_seen",
    "c.updated_at",
    "awol_export_outcome(c.result)",
    "k.district_code",
    CHARGE_LIST,
    /* the address the crawl asked (the court's host, whatever --connect-to redirected) */
    "(SELECT g.source FROM pages g WHERE g.id = c.page_id AND (g.source LIKE 'http://%' OR "
    "g.source LIKE 'https://%'))",
};

static const char *const PERSONS_SQL[] = {
    "p.id",
    "p.case_id",
    "c.court_code",
    "c.number",
    "p.seq",
    "p.pseudonym",
    "p.name",
    "p.name_hidden",
    "p.decided",
    "p.result",
    "awol_export_outcome(p.result)",
};

static const char *const CHARGES_SQL[] = {
    "h.id",  "h.case_id", "h.person_id", "c.court_code", "c.number", "c.received",
    "h.law", "h.article", "h.part",      "h.point",      "h.text",
};

static const char *const EVENTS_SQL[] = {
    "e.id",   "e.case_id", "c.court_code", "c.number", "e.seq",    "e.name",
    "e.date", "e.time",    "e.place",      "e.result", "e.reason",
};

static const char *const COVERAGE_SQL[] = {
    "v.court_code", "k.name",      "k.region",     "v.server", "v.article",
    "v.date_axis",  "v.date_from", "v.date_to",    "v.status", "v.expected",
    "v.collected",  "v.error",     "v.updated_at",
};

/* count(CASE ...): PostgreSQL sums no boolean */
#define COURT_STATE                                                                                \
	"coalesce(s.status, CASE WHEN count(CASE WHEN v.status = 'complete' THEN 1 END) = "        \
	"count(*) THEN 'complete' ELSE 'partial' END)"
static const char *const COURT_COVERAGE_SQL[] = {
    "v.court_code",     "k.name",
    COURT_STATE,        "count(CASE WHEN v.status = 'complete' THEN 1 END)",
    "count(*)",         "sum(v.expected)",
    "sum(v.collected)", "coalesce(CASE WHEN s.status != 'complete' THEN s.error END, max(v.error))",
};

/* What the act texts say of each defendant (lib/store/outcomes.c), current or superseded. */
static const char *const OUTCOME_ROWS_SQL[] = {
    "o.id",
    "o.case_id",
    "o.act_id",
    "c.court_code",
    "c.number",
    "a.seq",
    "o.seq",
    "o.current",
    "o.label",
    "o.pseudonym",
    "o.act_kind",
    "o.appeal",
    "o.outcome",
    "o.ground",
    "o.reason",
    OUTCOME_ARTICLES,
    "o.punishment",
    "o.suspended",
    "o.months",
    "o.redacted",
    "o.regime",
    "o.probation_months",
    "o.fine_rub",
    "o.below_minimum",
    "o.additional",
    "o.service",
    "o.absence_from",
    "o.absence_to",
    "o.absence_days",
    "o.absence_ended",
    "o.evidence_outcome",
    "o.evidence_punishment",
    "o.evidence_service",
    "o.evidence_absence",
    "o.read_at",
};

/* How to select an entity: FROM, the alias holding the case or window, GROUP/ORDER BY. */
typedef struct entity_sql {
	const char *what;
	const char *const *sql;
	size_t ncols;
	const char *from, *group, *order;
	bool by_case; /* c = cases; else v = coverage windows */
	/* FROM for a database older than schema 4 (no court_status.error): read-only opens
	 * are not migrated */
	const char *from_v3;
} entity_sql;

#define CASE_FROM(extra) extra " LEFT JOIN courts k ON k.code = c.court_code"
#define ENTITY(w, Q, from, group, order, bc)                                                       \
	{                                                                                          \
		w, Q, AWOL_ARRAY_SIZE(Q), from, group, order, bc, NULL                             \
	}
#define COURT_STATUS(error)                                                                        \
	"coverage v LEFT JOIN courts k ON k.code = v.court_code LEFT JOIN (SELECT court_code, "    \
	"status, " error " AS error FROM court_status) s ON s.court_code = v.court_code"

static const entity_sql ENTITIES[] = {
    ENTITY("cases", CASES_SQL, CASE_FROM("cases c"), NULL, "c.id", true),
    ENTITY("persons", PERSONS_SQL, CASE_FROM("persons p JOIN cases c ON c.id = p.case_id"), NULL,
           "p.id", true),
    ENTITY("charges", CHARGES_SQL, CASE_FROM("charges h JOIN cases c ON c.id = h.case_id"), NULL,
           "h.id", true),
    ENTITY("events", EVENTS_SQL, CASE_FROM("events e JOIN cases c ON c.id = e.case_id"), NULL,
           "e.id", true),
    ENTITY("coverage", COVERAGE_SQL, "coverage v LEFT JOIN courts k ON k.code = v.court_code", NULL,
           "v.court_code, v.server, v.article, v.date_from", false),
    ENTITY("outcomes", OUTCOME_ROWS_SQL,
           CASE_FROM("outcomes o JOIN cases c ON c.id = o.case_id JOIN acts a ON a.id = o.act_id"),
           NULL, "o.id", true),
    {"court_coverage", COURT_COVERAGE_SQL, AWOL_ARRAY_SIZE(COURT_COVERAGE_SQL),
     /* grouped by every column of k and s too: PostgreSQL wants them named; the courts not
      * complete first (an ORDER BY expression cannot name an output column) */
     COURT_STATUS("error"), "v.court_code, k.name, s.status, s.error",
     "CASE WHEN " COURT_STATE " = 'complete' THEN 1 ELSE 0 END, 1", false, COURT_STATUS("NULL")},
};

static const entity_sql *find_entity(const char *what)
{
	size_t i;

	for (i = 0; what && i < AWOL_ARRAY_SIZE(ENTITIES); i++)
		if (strcmp(ENTITIES[i].what, what) == 0)
			return &ENTITIES[i];
	return NULL;
}

static void fn_outcome(sqlite3_context *ctx, int argc, sqlite3_value **v)
{
	const char *o = awol_stats_outcome((const char *)sqlite3_value_text(v[0]));

	(void)argc;
	sqlite3_result_text(ctx, o ? o : "unrecognised", -1, SQLITE_STATIC);
}

static bool is_set(const char *s)
{
	return s && *s;
}

/* Append " WHERE " or " AND " and a condition. */
static int cond(awol_buf *q, bool *where, awol_error *err, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int cond(awol_buf *q, bool *where, awol_error *err, const char *fmt, ...)
{
	va_list ap;
	int rc = awol_buf_puts(q, *where ? " AND " : " WHERE ", err);

	*where = true;
	if (rc < 0)
		return rc;
	va_start(ap, fmt);
	rc = awol_buf_vprintf(q, err, fmt, ap);
	va_end(ap);
	return rc;
}

/*
 * The parameters of a filter: ?1 articles, ?2 courts (as joined lists), ?3 region,
 * ?4 from, ?5 to, ?6 outcome, ?7 limit, ?8 offset, ?9 the cases of the articles (a
 * case set), then one per article of the list and one per court of the list (in_list).
 * `used` says which the statement names, so that only those are bound.
 */
enum {
	P_ARTICLES = 1,
	P_COURTS,
	P_REGION,
	P_FROM,
	P_TO,
	P_OUTCOME,
	P_LIMIT,
	P_OFFSET,
	P_CASES,
	P_ITEMS
};

typedef struct params {
	bool used[P_ITEMS];
	int narticles, ncourts; /* items bound from P_ITEMS on: articles, then courts */
	awol_case_set *cases;   /* the cases of the articles, read beforehand (SQLite) */
} params;

static int list_len(const char *list)
{
	int n = 1;

	for (; *list; list++)
		n += *list == ',';
	return n;
}

/*
 * " IN (?9, ?10...)" for a comma-separated list: a list of bound values, so that the
 * database can use the indexes on cases(court_code...) and charges(article) (instr() on
 * a joined string cannot).
 */
static int in_list(awol_buf *q, int first, int n, awol_error *err)
{
	int k, rc = awol_buf_puts(q, " IN (", err);

	for (k = 0; rc == 0 && k < n; k++)
		rc = awol_buf_printf(q, err, "%s?%d", k ? ", " : "", first + k);
	return rc == 0 ? awol_buf_putc(q, ')', err) : rc;
}

/*
 * The WHERE clause of f for e (empty for no filter), NUL-terminated.  For a count, the
 * cases of the articles are looked up by id; for rows, they are a set the rows in their
 * order are checked against ("+c.id" keeps SQLite from looking them up by id and
 * sorting them after: the index cases_court_order, schema 6, gives them in order), in
 * memory when p->cases holds them (case_set.h: a bit asked instead of a list searched,
 * for a count of many cases a scan instead of each looked up).
 */
static int build_where(const entity_sql *e, const awol_export_filter *f, bool count, params *p,
                       awol_buf *w, awol_error *err)
{
	const char *axis = f->date && strcmp(f->date, "decided") == 0 ? "c.decided" : "c.received";
	bool where = false;
	int rc = 0;

	if (is_set(f->outcome) && !e->by_case)
		return awol_error_set(err, AWOL_EINVAL, "--outcome does not apply to %s", e->what);
	if (is_set(f->articles) && !e->by_case) {
		p->used[P_ARTICLES] = true;
		rc = cond(w, &where, err, "instr(',' || ?1 || ',', ',' || v.article || ',') > 0");
	} else if (is_set(f->articles) && p->cases) {
		p->used[P_CASES] = true;
		rc = cond(w, &where, err, "awol_case_in(?9, c.id)");
	} else if (is_set(f->articles)) {
		p->narticles = list_len(f->articles);
		rc = cond(w, &where, err,
		          "%sc.id IN (SELECT x.case_id FROM charges x WHERE x.article",
		          count ? "" : "+");
		if (rc == 0)
			rc = in_list(w, P_ITEMS, p->narticles, err);
		if (rc == 0)
			rc = awol_buf_putc(w, ')', err);
	}
	if (rc == 0 && is_set(f->courts) && !e->by_case) {
		p->used[P_COURTS] = true;
		rc =
		    cond(w, &where, err, "instr(',' || ?2 || ',', ',' || v.court_code || ',') > 0");
	} else if (rc == 0 && is_set(f->courts)) {
		p->ncourts = list_len(f->courts);
		rc = cond(w, &where, err, "c.court_code");
		if (rc == 0)
			rc = in_list(w, P_ITEMS + p->narticles, p->ncourts, err);
	}
	if (rc == 0 && is_set(f->region)) {
		p->used[P_REGION] = true;
		rc = cond(w, &where, err, "k.region = ?3");
	}
	/* a window overlaps the period; a case has its day in it */
	if (rc == 0 && is_set(f->from)) {
		p->used[P_FROM] = true;
		rc = cond(w, &where, err, "%s >= ?4", e->by_case ? axis : "v.date_to");
	}
	if (rc == 0 && is_set(f->to)) {
		p->used[P_TO] = true;
		rc = cond(w, &where, err, "%s <= ?5", e->by_case ? axis : "v.date_from");
	}
	if (rc == 0 && is_set(f->outcome)) {
		p->used[P_OUTCOME] = true;
		rc = cond(w, &where, err,
		          "(awol_export_outcome(c.result) = ?6 OR "
		          "substr(awol_export_outcome(c.result), 1, length(?6) + 1) = "
		          "?6 || ':')");
	}
	return rc == 0 ? awol_buf_putc(w, '\0', err) : rc;
}

static bool paged(const entity_sql *e, const awol_export_filter *f)
{
	return f && e->by_case && (f->limit > 0 || f->offset > 0);
}

/*
 * " ORDER BY ... LIMIT ?7 OFFSET ?8" of a page of cases: court by court in order of
 * receipt, or by id.  SQLite wants a LIMIT before an OFFSET and its LIMIT -1 ("all") is
 * not PostgreSQL's: no limit is bound as the largest count both take (bind_filter).
 */
static int page_clause(const awol_export_filter *f, params *p, awol_buf *q, awol_error *err)
{
	p->used[P_LIMIT] = p->used[P_OFFSET] = true;
	return awol_buf_printf(q, err, " ORDER BY %s LIMIT ?7 OFFSET ?8",
	                       f->by_court ? "c.court_code, c.received, c.number, c.id" : "c.id");
}

/*
 * The SELECT for e under f; `p` says which parameters to bind.  A page (--limit/--offset)
 * is a page of cases: its ids are found first, from the cases alone (the index
 * cases_court_order, schema 6, gives them in court order without a sort), so that
 * skipped cases cost no subqueries and persons, charges and events give the rows of the
 * cases of the page.
 */
static int build_sql(const entity_sql *e, const awol_export_column *cols,
                     const awol_export_filter *f, bool v3, bool pg, params *p, awol_buf *q,
                     awol_error *err)
{
	awol_buf w = AWOL_BUF_INIT;
	size_t i;
	int rc = f ? build_where(e, f, false, p, &w, err) : 0;

	if (rc == 0)
		rc = awol_buf_puts(q, "SELECT ", err);
	for (i = 0; rc == 0 && i < e->ncols; i++)
		rc = awol_buf_printf(q, err, "%s%s AS %s", i ? ", " : "",
		                     !pg                             ? e->sql[i]
		                     : e->sql[i] == CHARGE_LIST      ? CHARGE_LIST_PG
		                     : e->sql[i] == OUTCOME_ARTICLES ? OUTCOME_ARTICLES_PG
		                                                     : e->sql[i],
		                     cols[i].name);
	if (rc == 0)
		rc = awol_buf_printf(q, err, " FROM %s", v3 && e->from_v3 ? e->from_v3 : e->from);
	if (rc == 0 && paged(e, f)) {
		rc = awol_buf_printf(q, err, " WHERE c.id IN (SELECT c.id FROM %s%s",
		                     CASE_FROM("cases c"), awol_buf_cstr(&w));
		if (rc == 0)
			rc = page_clause(f, p, q, err);
		if (rc == 0)
			rc = awol_buf_putc(q, ')', err);
	} else if (rc == 0 && f)
		rc = awol_buf_puts(q, awol_buf_cstr(&w), err);
	if (rc == 0 && e->group)
		rc = awol_buf_printf(q, err, " GROUP BY %s", e->group);
	if (rc == 0)
		rc = awol_buf_printf(
		    q, err, " ORDER BY %s%s",
		    f && f->by_court && e->by_case ? "c.court_code, c.received, c.number, " : "",
		    e->order);
	awol_buf_dispose(&w);
	return rc;
}

/* The text of the item k (from 0) of a comma-separated list, and its length. */
static const char *list_item(const char *list, int k, size_t *len)
{
	for (; k > 0; k--)
		list += strcspn(list, ",") + 1;
	*len = strcspn(list, ",");
	return list;
}

/* Bind the parameters p says the statement names; the texts stay f's. */
static void bind_filter(awol_db_stmt *s, const awol_export_filter *f, const params *p)
{
	const char *v[] = {NULL, f->articles, f->courts, f->region, f->from, f->to, f->outcome};
	const char *item;
	size_t len;
	int i;

	for (i = P_ARTICLES; i <= P_OUTCOME; i++)
		if (p->used[i])
			awol_db_bind_text(s, i, v[i]);
	if (p->used[P_LIMIT])
		awol_db_bind_int64(s, P_LIMIT, f->limit > 0 ? f->limit : INT64_MAX);
	if (p->used[P_OFFSET])
		awol_db_bind_int64(s, P_OFFSET, f->offset);
	for (i = 0; i < p->narticles; i++) {
		item = list_item(f->articles, i, &len);
		awol_db_bind_text_n(s, P_ITEMS + i, item, len);
	}
	for (i = 0; i < p->ncourts; i++) {
		item = list_item(f->courts, i, &len);
		awol_db_bind_text_n(s, P_ITEMS + p->narticles + i, item, len);
	}
}

/* SQLite: the outcome rule as an SQL function. */
static void outcome_function(awol_store *st)
{
	if (st->db)
		sqlite3_create_function(st->db, "awol_export_outcome", 1,
		                        SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, fn_outcome, NULL,
		                        NULL);
}

/*
 * The cases charged under `articles`, read into memory for a statement that walks many
 * cases (SQLite).  *out stays NULL when an id does not fit a set of bits: the statement
 * asks the database then, with the same rows.
 */
static int load_cases(awol_store *st, const char *articles, awol_case_set **out, awol_error *err)
{
	awol_buf q = AWOL_BUF_INIT;
	awol_db_stmt *s = NULL;
	awol_case_set *set = awol_case_set_new();
	int n = list_len(articles), i, rc = 0, step = 0, add = 0;
	const char *item;
	size_t len;

	*out = NULL;
	if (!set)
		rc = awol_error_set(err, AWOL_ENOMEM, "out of memory");
	if (rc == 0)
		rc = awol_buf_puts(&q, "SELECT x.case_id FROM charges x WHERE x.article", err);
	if (rc == 0)
		rc = in_list(&q, 1, n, err);
	if (rc == 0)
		rc = awol_store_stmt(st, awol_buf_cstr(&q), &s, err);
	for (i = 0; rc == 0 && i < n; i++) {
		item = list_item(articles, i, &len);
		awol_db_bind_text_n(s, 1 + i, item, len);
	}
	while (rc == 0 && add == 0 && (step = awol_db_step(s, err)) == 1)
		add = awol_case_set_add(set, awol_db_column_int64(s, 0));
	if (rc == 0 && step < 0)
		rc = step;
	else if (rc == 0 && add < 0 && add != -AWOL_ETOOBIG)
		rc = awol_error_set(err, AWOL_ENOMEM, "out of memory");
	if (rc == 0 && add == 0) {
		*out = set;
		set = NULL;
	}
	awol_case_set_free(set);
	awol_db_finalize(s);
	awol_buf_dispose(&q);
	return rc;
}

/* The set of p bound when the statement names it: the statement's then, freed with it. */
static int bind_cases(awol_store *st, awol_db_stmt *s, const awol_export_filter *f, params *p,
                      awol_error *err)
{
	awol_case_set *set = p->cases;

	p->cases = NULL;
	if (!p->used[P_CASES]) {
		awol_case_set_free(set);
		return 0;
	}
	return awol_case_set_bind(s, P_CASES, set) < 0
	           ? awol_error_set(err, AWOL_EDB, "%s: cannot bind the cases of %s", st->path,
	                            f->articles)
	           : 0;
}

int awol_store_export_rows(awol_store *st, const char *what, const awol_export_column *cols,
                           size_t ncols, const awol_export_filter *f, awol_store_rows **out,
                           awol_error *err)
{
	const entity_sql *e = find_entity(what);
	awol_buf q = AWOL_BUF_INIT;
	params p = {{false}, 0, 0, NULL};
	bool pg = awol_db_dialect(st->conn) == AWOL_DB_PG;
	int rc = 0;

	*out = NULL;
	if (!e)
		return awol_error_set(err, AWOL_EINVAL, "cannot export '%s'", what);
	if (e->ncols != ncols)
		return awol_error_set(err, AWOL_EINVAL,
		                      "export '%s': %zu columns described, %zu in the store", what,
		                      ncols, e->ncols);
	/* a page deep into an article's cases skips its cases a bit each (case_set.c) */
	if (!pg && e->by_case && paged(e, f) && is_set(f->articles))
		rc = load_cases(st, f->articles, &p.cases, err);
	if (rc == 0)
		rc = build_sql(e, cols, f, !awol_store_has_column(st, "court_status", "error"), pg,
		               &p, &q, err);
	if (rc == 0)
		rc = awol_buf_putc(&q, '\0', err);
	if (rc < 0)
		goto done;
	outcome_function(st);
	if (p.cases)
		awol_case_set_register(st);
	rc = awol_store_rows_open(st, q.ptr, out, err);
	if (rc == 0)
		awol_db_stream(awol_store_rows_stmt(*out)); /* PostgreSQL: row by row */
	if (rc == 0 && f)
		bind_filter(awol_store_rows_stmt(*out), f, &p);
	if (rc == 0 && (rc = bind_cases(st, awol_store_rows_stmt(*out), f, &p, err)) < 0) {
		awol_store_rows_close(*out);
		*out = NULL;
	}
done:
	awol_case_set_free(p.cases);
	awol_buf_dispose(&q);
	return rc;
}

int awol_store_export_total(awol_store *st, const awol_export_filter *f, long *total,
                            awol_error *err)
{
	const entity_sql *e = find_entity("cases");
	awol_buf w = AWOL_BUF_INIT, q = AWOL_BUF_INIT;
	awol_db_stmt *s = NULL;
	params p = {{false}, 0, 0, NULL};
	int rc = 0, step;

	*total = 0;
	/* many cases of the articles: counted from an index, each asked a bit (case_set.c) */
	if (f && is_set(f->articles) && awol_db_dialect(st->conn) == AWOL_DB_SQLITE)
		rc = load_cases(st, f->articles, &p.cases, err);
	if (rc == 0 && p.cases && !awol_case_set_dense(p.cases)) {
		awol_case_set_free(p.cases);
		p.cases = NULL;
	}
	if (rc == 0 && f)
		rc = build_where(e, f, true, &p, &w, err);
	/* the courts only for a region: SQLite would join them for nothing */
	if (rc == 0)
		rc = awol_buf_printf(&q, err, "SELECT count(*) FROM %s%s%c",
		                     f && is_set(f->region) ? CASE_FROM("cases c") : "cases c",
		                     f ? awol_buf_cstr(&w) : "", '\0');
	if (rc == 0) {
		outcome_function(st);
		awol_case_set_register(st);
		rc = awol_store_stmt(st, q.ptr, &s, err);
	}
	if (rc == 0 && f)
		bind_filter(s, f, &p);
	if (rc == 0)
		rc = bind_cases(st, s, f, &p, err);
	if (rc == 0) {
		step = awol_db_step(s, err);
		if (step == 1)
			*total = (long)awol_db_column_int64(s, 0);
		else
			rc = step < 0 ? step
			              : awol_error_set(err, AWOL_EDB, "%s: no count of the cases",
			                               st->path);
	}
	awol_db_finalize(s);
	awol_case_set_free(p.cases);
	awol_buf_dispose(&w);
	awol_buf_dispose(&q);
	return rc;
}

/* Does `sql` with one text bound give a row? */
static int exists(awol_store *st, const char *sql, const char *v, size_t len, bool *found,
                  awol_error *err)
{
	awol_db_stmt *s = NULL;
	int rc = awol_store_stmt(st, sql, &s, err), step;

	*found = false;
	if (rc < 0)
		return rc;
	awol_db_bind_text_n(s, 1, v, len);
	step = awol_db_step(s, err);
	*found = step == 1;
	if (step < 0)
		rc = step;
	awol_db_finalize(s);
	return rc;
}

int awol_store_court_exists(awol_store *st, const char *code, size_t len, bool *found,
                            awol_error *err)
{
	return exists(st, "SELECT 1 FROM courts WHERE code = ?1", code, len, found, err);
}

int awol_store_region_exists(awol_store *st, const char *region, bool *found, awol_error *err)
{
	return exists(st, "SELECT 1 FROM courts WHERE region = ?1", region, strlen(region), found,
	              err);
}

int awol_store_export_has_rows(awol_store *st, const char *what, bool *yes, awol_error *err)
{
	const entity_sql *e = find_entity(what);
	char sql[128];

	*yes = false;
	if (!e)
		return awol_error_set(err, AWOL_EINVAL, "cannot export '%s'", what);
	/* a read-only database older than the table is not migrated: it has none */
	if (!awol_store_has_column(st, what, "id"))
		return 0;
	snprintf(sql, sizeof(sql), "SELECT 1 FROM %s WHERE ?1 IS NOT NULL LIMIT 1", what);
	return exists(st, sql, "", 0, yes, err);
}
