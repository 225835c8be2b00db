/*
 * The SQL of the exports (lib/store/store_export.h): one expression per column of each
 * entity, keyed by the entity's name; lib/stats/export.c holds the same columns' names,
 * types and descriptions, from which the CSV header, JSON keys and data package come.
 * The two tables are checked against each other when an export is prepared.
 */
#include "util/common.h"
#include "util/buf.h"
#include "awol/stats.h"
#include "store_export.h"
#include "store_priv.h"

#include <stdarg.h>

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

/* The SELECT for e under f; parameters are bound by name in awol_export_prepare. */
static int build_sql(const entity_sql *e, const awol_export_column *cols,
                     const awol_export_filter *f, bool v3, bool pg, awol_buf *q, awol_error *err)
{
	const char *axis =
	    f && f->date && strcmp(f->date, "decided") == 0 ? "c.decided" : "c.received";
	const char *court = e->by_case ? "c.court_code" : "v.court_code";
	bool where = false;
	size_t i;
	int rc = awol_buf_puts(q, "SELECT ", err);

	for (i = 0; rc == 0 && i < e->ncols; i++)
		rc = awol_buf_printf(q, err, "%s%s AS %s", i ? ", " : "",
		                     !pg                             ? e->sql[i]
		                     : e->sql[i] == CHARGE_LIST      ? CHARGE_LIST_PG
		                     : e->sql[i] == OUTCOME_ARTICLES ? OUTCOME_ARTICLES_PG
		                                                     : e->sql[i],
		                     cols[i].name);
	if (rc == 0)
		rc = awol_buf_printf(q, err, " FROM %s", v3 && e->from_v3 ? e->from_v3 : e->from);
	if (rc < 0 || !f)
		goto order;
	if (is_set(f->outcome) && !e->by_case)
		return awol_error_set(err, AWOL_EINVAL, "--outcome does not apply to %s", e->what);
	if (rc == 0 && is_set(f->articles))
		rc = cond(q, &where, err, "%s",
		          e->by_case ? "EXISTS (SELECT 1 FROM charges x WHERE x.case_id = c.id AND "
		                       "instr(',' || ?1 || ',', ',' || x.article || ',') > 0)"
		                     : "instr(',' || ?1 || ',', ',' || v.article || ',') > 0");
	if (rc == 0 && is_set(f->courts))
		rc = cond(q, &where, err, "instr(',' || ?2 || ',', ',' || %s || ',') > 0", court);
	if (rc == 0 && is_set(f->region))
		rc = cond(q, &where, err, "k.region = ?3");
	/* a window overlaps the period; a case has its day in it */
	if (rc == 0 && is_set(f->from))
		rc = cond(q, &where, err, "%s >= ?4", e->by_case ? axis : "v.date_to");
	if (rc == 0 && is_set(f->to))
		rc = cond(q, &where, err, "%s <= ?5", e->by_case ? axis : "v.date_from");
	if (rc == 0 && is_set(f->outcome))
		rc = cond(q, &where, err,
		          "(awol_export_outcome(c.result) = ?6 OR "
		          "substr(awol_export_outcome(c.result), 1, length(?6) + 1) = "
		          "?6 || ':')");
order:
	if (rc == 0 && e->group)
		rc = awol_buf_printf(q, err, " GROUP BY %s", e->group);
	if (rc == 0)
		rc = awol_buf_printf(
		    q, err, " ORDER BY %s%s",
		    f && f->by_court && e->by_case ? "c.court_code, c.received, c.number, " : "",
		    e->order);
	return rc;
}

int awol_store_export_rows(awol_store *st, const char *what, const awol_export_column *cols,
                           size_t ncols, const awol_export_filter *f, awol_store_rows **out,
                           awol_error *err)
{
	const entity_sql *e = find_entity(what);
	awol_buf q = AWOL_BUF_INIT;
	awol_db_stmt *s;
	int rc;

	*out = NULL;
	if (!e)
		return awol_error_set(err, AWOL_EINVAL, "cannot export '%s'", what);
	if (e->ncols != ncols)
		return awol_error_set(err, AWOL_EINVAL,
		                      "export '%s': %zu columns described, %zu in the store", what,
		                      ncols, e->ncols);
	rc = build_sql(e, cols, f, !awol_store_has_column(st, "court_status", "error"),
	               awol_db_dialect(st->conn) == AWOL_DB_PG, &q, err);
	if (rc == 0)
		rc = awol_buf_putc(&q, '\0', err);
	if (rc < 0)
		goto done;
	if (st->db) /* SQLite: the outcome rule as an SQL function */
		sqlite3_create_function(st->db, "awol_export_outcome", 1,
		                        SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, fn_outcome, NULL,
		                        NULL);
	rc = awol_store_rows_open(st, q.ptr, out, err);
	if (rc < 0)
		goto done;
	s = awol_store_rows_stmt(*out);
	awol_db_stream(s); /* PostgreSQL: row by row, not every row in memory */
	if (f) {
		/* ?1 articles, ?2 courts, ?3 region, ?4 from, ?5 to, ?6 outcome: those used */
		const char *v[] = {f->articles, f->courts, f->region, f->from, f->to, f->outcome};
		for (int i = 0; i < 6; i++) {
			char p[4] = {'?', (char)('1' + i), '\0'};
			if (strstr(q.ptr, p))
				awol_db_bind_text(s, i + 1, v[i]);
		}
	}
done:
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
