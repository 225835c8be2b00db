/*
 * The statements behind lib/stats (lib/store/store_stats.h).
 *
 * One SQL query yields (period, group, unit id) with DISTINCT, so the rules hold by
 * construction: a case counts once per period and group however many defendants and
 * charges it has; under group=article a case with 337 and 338 counts once under each;
 * the period total counts distinct cases.  Periods and outcomes come from SQL functions
 * registered from C (the rules of lib/stats: awol_stats_period, awol_stats_outcome).
 */
#include "util/common.h"
#include "util/buf.h"
#include "awol/stats.h"
#include "store_stats.h"
#include "store_priv.h"

/* The last day's period, kept by SQLite beside the statement's constant `by`: the summary's
 * rows come in the order of their day, so most rows ask the period of the day before. */
typedef struct period_memo {
	char by[16], day[16], out[16];
	bool ok, set; /* set: day, by, out and ok hold a day's answer */
} period_memo;

static void fn_period(sqlite3_context *ctx, int argc, sqlite3_value **v)
{
	char out[16] = "";
	const char *d = (const char *)sqlite3_value_text(v[0]);
	const char *by = (const char *)sqlite3_value_text(v[1]);
	period_memo *m = sqlite3_get_auxdata(ctx, 1);
	bool ok;

	(void)argc;
	if (m && m->set && d && by && strcmp(m->day, d) == 0 && strcmp(m->by, by) == 0) {
		ok = m->ok;
		memcpy(out, m->out, sizeof(out));
	} else {
		ok = d && by && awol_stats_period(d, by, out, sizeof(out));
		/* SQLite may free it at once: asked again */
		if (!m && d && by && (m = sqlite3_malloc(sizeof(*m))) != NULL)
			sqlite3_set_auxdata(ctx, 1, m, sqlite3_free);
		m = sqlite3_get_auxdata(ctx, 1);
		if (m)
			m->set =
			    d && by && strlen(d) < sizeof(m->day) && strlen(by) < sizeof(m->by);
		if (m && m->set) {
			memcpy(m->day, d, strlen(d) + 1);
			memcpy(m->by, by, strlen(by) + 1);
			memcpy(m->out, out, sizeof(out));
			m->ok = ok;
		}
	}
	if (ok)
		sqlite3_result_text(ctx, out, -1, SQLITE_TRANSIENT);
	else
		sqlite3_result_null(ctx);
}

static void fn_outcome(sqlite3_context *ctx, int argc, sqlite3_value **v)
{
	const char *o = awol_stats_outcome((const char *)sqlite3_value_text(v[0]));

	(void)argc;
	sqlite3_result_text(ctx, o ? o : "unrecognised", -1, SQLITE_STATIC);
}

/* SQLite: the rules as SQL functions (PostgreSQL has them as its own; see docs/postgresql.md) */
static void register_fns(awol_store *st)
{
	if (!st->db)
		return;
	sqlite3_create_function(st->db, "awol_period", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
	                        fn_period, NULL, NULL);
	sqlite3_create_function(st->db, "awol_outcome", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
	                        fn_outcome, NULL, NULL);
}

/*
 * The groups, as SQL over a case c, a charge h and the case's court k.  The summary
 * query reads them over f c, the summary rows added up by period and the one column
 * `dim` the group needs (NULL: the summary cannot serve the group), with h the
 * articles of a row's set and k its court, so that both queries share one expression.
 */
typedef struct group_def {
	const char *name, *expr, *dim;
	int ndims; /* columns in dim; a cross-tab's dims are several */
} group_def;

static const group_def GROUPS[] = {
    {"article", "h.article", "a.set_id AS set_id", 1},
    {"part", "h.article || coalesce(' ч.' || h.part, '')", NULL, 0},
    {"court", "c.court_code || coalesce(' ' || k.name, '')", "a.court_code AS court_code", 1},
    {"region", "coalesce(k.region, 'unknown')", "a.court_code AS court_code", 1},
    {"district",
     "coalesce(k.district_code || ' ' || (SELECT name FROM courts d WHERE d.code = "
     "k.district_code), 'unknown')",
     "a.court_code AS court_code", 1},
    {"level", "coalesce(k.level, 'unknown')", "a.court_code AS court_code", 1},
    {"outcome", "awol_outcome(c.result)",
     "(SELECT result FROM result_texts r WHERE r.id = a.result_id) AS result", 1},
};
static const group_def NO_GROUP = {NULL, "''", "'' AS g", 1};

static const group_def *find_group(const char *name)
{
	size_t i;

	for (i = 0; name && i < AWOL_ARRAY_SIZE(GROUPS); i++)
		if (strcmp(GROUPS[i].name, name) == 0)
			return &GROUPS[i];
	return NULL;
}

bool awol_store_stats_group(const char *name, bool *summary)
{
	const group_def *g = find_group(name);

	if (summary)
		*summary = g && g->dim;
	return g != NULL;
}

/*
 * The group of several fields (a cross-tab): joined in SQL by '\x1f' into one value,
 * which lib/stats splits again.  NULL stays apart from '' ('\x1e'), as a lone group's
 * NULL does.  The summary serves it when it holds every field: its columns are those the
 * fields need, each once (court and region share one).
 */
static int multi_group(const awol_store_tally *t, group_def *multi, awol_buf *expr, awol_buf *dims,
                       awol_error *err)
{
	bool summary = true, article = false;
	size_t i;

	for (i = 0; i < t->ngroups; i++) {
		const group_def *one = find_group(t->groups[i]);
		if (!one)
			return awol_error_set(err, AWOL_EINVAL, "unknown group '%s'", t->groups[i]);
		/* the characters as literals: SQLite's char() is PostgreSQL's chr() */
		awol_buf_printf(expr, NULL, "%scoalesce((%s), '\036')", i ? " || '\037' || " : "",
		                one->expr);
		if (!one->dim)
			summary = false;
		else if (!strstr(awol_buf_cstr(dims), one->dim)) {
			awol_buf_printf(dims, NULL, "%s%s", dims->len ? ", " : "", one->dim);
			multi->ndims++;
		}
		article = article || strcmp(one->name, "article") == 0;
	}
	multi->name = article ? "article" : NULL; /* the summary joins the set's articles */
	multi->expr = awol_buf_cstr(expr);
	multi->dim = summary ? awol_buf_cstr(dims) : NULL;
	return 0;
}

#define ARTICLE_IN_LIST "instr(',' || ?2 || ',', ',' || h.article || ',') > 0"
#define ARTICLE_IN_LIST_1 "instr(',' || ?1 || ',', ',' || h.article || ',') > 0"
/* the courts asked (?7), of a case or of a summary row */
#define COURT_IN_LIST(t) "instr(',' || ?7 || ',', ',' || " t ".court_code || ',') > 0"

/*
 * The general query reads every matching charge and de-duplicates (unit, period,
 * group), so the rules hold by construction; the summary adds up case_counts rows, each
 * a number of distinct cases with one court, result, date segment and set of articles,
 * so a case counts once per group of each article of its set and once in every total.
 * Both give the same rows for the same range.
 */
static void tally_sql(const awol_store_tally *t, const group_def *g, awol_buf *sqlb)
{
	const char *axis = strcmp(t->axis, "decided") == 0 ? "c.decided" : "c.received";
	bool by_article = g->name && strcmp(g->name, "article") == 0;

	if (!t->summary) {
		const char *uexpr = !t->unit || strcmp(t->unit, "cases") == 0 ? "c.id"
		                    : strcmp(t->unit, "defendants") == 0      ? "p.id"
		                                                              : "h.id";
		/*
		 * The charge filter is on the defendant's charges, so a defendant counts
		 * when charged under the article, and the case with him.  A date that is not
		 * a valid ISO day has no period: the case does not count on that axis.
		 */
		awol_buf_printf(
		    sqlb, NULL,
		    "WITH base AS MATERIALIZED (SELECT DISTINCT %s AS u, awol_period(%s, "
		    "?1) AS per, %s AS g FROM cases c JOIN persons p ON p.case_id = "
		    "c.id JOIN charges h ON h.person_id = p.id AND " AWOL_STORE_COUNTED_CHARGE
		    " LEFT JOIN courts k ON "
		    "k.code = c.court_code WHERE awol_period(%s, ?1) IS NOT NULL",
		    uexpr, axis, g->expr, axis);
		if (t->articles)
			awol_buf_puts(sqlb, " AND " ARTICLE_IN_LIST, NULL);
		if (t->part)
			awol_buf_puts(
			    sqlb, " AND instr(',' || ?3 || ',', ',' || h.part || ',') > 0", NULL);
		if (t->from)
			awol_buf_printf(sqlb, NULL, " AND %s >= ?4", axis);
		if (t->to)
			awol_buf_printf(sqlb, NULL, " AND %s <= ?5", axis);
		if (t->courts)
			awol_buf_puts(sqlb, " AND " COURT_IN_LIST("c"), NULL);
		awol_buf_puts(
		    sqlb,
		    ") SELECT per, g, count(*) FROM base GROUP BY per, g "
		    "UNION ALL SELECT per, '(total)', count(DISTINCT u) FROM base GROUP BY "
		    "per UNION ALL SELECT NULL, '(all)', count(DISTINCT u) FROM base",
		    NULL);
		return;
	}
	awol_buf_printf(sqlb, NULL,
	                "WITH f AS MATERIALIZED (SELECT awol_period(a.segment, ?1) AS per, "
	                "%s, sum(a.cases) AS n FROM case_counts a WHERE a.date_axis = ?6",
	                g->dim);
	if (t->articles)
		awol_buf_puts(sqlb,
		              " AND a.set_id IN (SELECT h.set_id FROM article_set_members h "
		              "WHERE " ARTICLE_IN_LIST ")",
		              NULL);
	if (t->from)
		awol_buf_puts(sqlb, " AND a.segment >= ?4", NULL);
	if (t->to)
		awol_buf_puts(sqlb, " AND a.segment <= ?5", NULL);
	if (t->courts)
		awol_buf_puts(sqlb, " AND " COURT_IN_LIST("a"), NULL);
	awol_buf_puts(sqlb, " GROUP BY 1", NULL);
	for (int k = 0; k < g->ndims; k++)
		awol_buf_printf(sqlb, NULL, ", %d", k + 2);
	awol_buf_printf(sqlb, NULL, ") SELECT c.per, %s, sum(c.n) FROM f c", g->expr);
	if (by_article)
		awol_buf_printf(sqlb, NULL, " JOIN article_set_members h ON h.set_id = c.set_id%s",
		                t->articles ? " AND " ARTICLE_IN_LIST : "");
	if (strstr(g->dim, "court_code"))
		awol_buf_puts(sqlb, " LEFT JOIN courts k ON k.code = c.court_code", NULL);
	awol_buf_puts(sqlb,
	              " GROUP BY 1, 2 UNION ALL SELECT per, '(total)', sum(n) FROM f GROUP "
	              "BY per UNION ALL SELECT NULL, '(all)', sum(n) FROM f",
	              NULL);
}

int awol_store_tally_rows(awol_store *st, const awol_store_tally *t, awol_store_tally_fn fn,
                          void *ctx, awol_error *err)
{
	awol_buf sqlb = AWOL_BUF_INIT, expr = AWOL_BUF_INIT, dims = AWOL_BUF_INIT;
	group_def multi = {0};
	const group_def *g = &NO_GROUP;
	awol_db_stmt *s = NULL;
	int rc = 0, step = 0;

	if (t->ngroups == 1) {
		g = find_group(t->groups[0]);
		if (!g)
			rc = awol_error_set(err, AWOL_EINVAL, "unknown group '%s'", t->groups[0]);
	} else if (t->ngroups > 1) {
		rc = multi_group(t, &multi, &expr, &dims, err);
		g = &multi;
	}
	if (rc == 0 && t->summary && !g->dim)
		rc = awol_error_set(err, AWOL_EINVAL, "the summary cannot count by these groups");
	if (rc < 0)
		goto done;
	tally_sql(t, g, &sqlb);
	register_fns(st);
	rc = awol_store_stmt(st, awol_buf_cstr(&sqlb), &s, err);
	if (rc < 0)
		goto done;
	awol_db_bind_text(s, 1, t->by);
	awol_db_bind_text(s, 2, t->articles);
	awol_db_bind_text(s, 3, t->part);
	awol_db_bind_text(s, 4, t->from);
	awol_db_bind_text(s, 5, t->to);
	awol_db_bind_text(s, 6, t->axis);
	awol_db_bind_text(s, 7, t->courts);
	while (rc == 0 && (step = awol_db_step(s, err)) == 1)
		rc = fn(ctx, awol_db_column_text(s, 0), awol_db_column_text(s, 1),
		        (long)awol_db_column_int64(s, 2));
	if (rc == 0 && step < 0)
		rc = step;
done:
	awol_db_finalize(s);
	awol_buf_dispose(&sqlb);
	awol_buf_dispose(&expr);
	awol_buf_dispose(&dims);
	return rc;
}

int awol_store_tally_days(awol_store *st, const char *articles, const char *axis,
                          const char *const *bounds, size_t npieces, bool with_court,
                          awol_store_day_fn fn, void *ctx, awol_error *err)
{
	const char *col = strcmp(axis, "decided") == 0 ? "c.decided" : "c.received";
	awol_buf sqlb = AWOL_BUF_INIT;
	awol_db_stmt *s = NULL;
	int rc = 0, step = 0;
	size_t i;

	if (npieces == 0)
		return 0;
	/*
	 * The court only when asked, and read by case id: the index on the axis covers the
	 * rest, and a column of the case in the join makes SQLite scan that whole index.
	 */
	awol_buf_printf(
	    &sqlb, NULL,
	    "SELECT DISTINCT %s, c.id, h.article, %s FROM cases c JOIN persons p ON "
	    "p.case_id = c.id JOIN charges h ON h.person_id = p.id AND " AWOL_STORE_COUNTED_CHARGE
	    " WHERE (CAST(?1 AS TEXT) IS NULL OR " ARTICLE_IN_LIST_1 ") AND (",
	    col,
	    with_court ? "(SELECT k.court_code FROM cases k WHERE k.id = c.id)"
	               : "CAST(NULL AS TEXT)");
	/* each range as its own BETWEEN: the database reads each from the index on the axis */
	for (i = 0; i < npieces; i++)
		awol_buf_printf(&sqlb, NULL, "%s%s BETWEEN ?%zu AND ?%zu", i ? " OR " : "", col,
		                2 + 2 * i, 3 + 2 * i);
	awol_buf_puts(&sqlb, ")", NULL);
	rc = awol_store_stmt(st, awol_buf_cstr(&sqlb), &s, err);
	if (rc < 0)
		goto done;
	awol_db_bind_text(s, 1, articles);
	for (i = 0; i < 2 * npieces; i++)
		awol_db_bind_text(s, (int)(2 + i), bounds[i]);
	while (rc == 0 && (step = awol_db_step(s, err)) == 1)
		if (awol_db_column_text(s, 0) && awol_db_column_text(s, 2))
			rc = fn(ctx, awol_db_column_text(s, 0),
			        (long long)awol_db_column_int64(s, 1), awol_db_column_text(s, 2),
			        awol_db_column_text(s, 3));
	if (rc == 0 && step < 0)
		rc = step;
done:
	awol_db_finalize(s);
	awol_buf_dispose(&sqlb);
	return rc;
}

/*
 * One statement, each row handed to fn as (text, text, number, number): columns 2 and 3
 * may be missing from sql (0 then).  The readers of the summary below share it.
 */
static int each_row(awol_store *st, const char *sql, const char *bind1,
                    int (*fn)(void *ctx, const char *a, const char *b, long long x, long long y),
                    void *ctx, awol_error *err)
{
	awol_db_stmt *s = NULL;
	int rc = awol_store_stmt(st, sql, &s, err), step = 0, ncols = -1;

	if (rc < 0)
		return rc;
	if (bind1)
		awol_db_bind_text(s, 1, bind1);
	awol_db_stream(s);
	while (rc == 0 && (step = awol_db_step(s, err)) == 1) {
		if (ncols < 0)
			ncols = awol_db_column_count(s);
		rc = fn(ctx, awol_db_column_text(s, 0), awol_db_column_text(s, 1),
		        ncols > 2 ? (long long)awol_db_column_int64(s, 2) : 0,
		        ncols > 3 ? (long long)awol_db_column_int64(s, 3) : 0);
	}
	if (rc == 0 && step < 0)
		rc = step;
	awol_db_finalize(s);
	return rc;
}

int awol_store_summary_cells(awol_store *st, const char *axis, awol_store_cell_fn fn, void *ctx,
                             awol_error *err)
{
	return each_row(st,
	                "SELECT segment, court_code, set_id, cases FROM case_counts WHERE "
	                "date_axis = ?1",
	                axis, fn, ctx, err);
}

/* the article as text first: the reader takes (text, text, number, number) */
int awol_store_summary_sets(awol_store *st, awol_store_cell_fn fn, void *ctx, awol_error *err)
{
	return each_row(st, "SELECT article, CAST(NULL AS TEXT), set_id FROM article_set_members",
	                NULL, fn, ctx, err);
}

int awol_store_court_regions(awol_store *st, awol_store_cell_fn fn, void *ctx, awol_error *err)
{
	return each_row(st, "SELECT code, region_code FROM courts", NULL, fn, ctx, err);
}

int awol_store_stats_unrecognised(awol_store *st, bool summary, awol_store_rows **out,
                                  awol_error *err)
{
	register_fns(st);
	return awol_store_rows_open(st,
	                            summary ? "SELECT DISTINCT result FROM result_texts WHERE "
	                                      "awol_outcome(result) = 'unrecognised' ORDER BY 1 "
	                                      "LIMIT 100"
	                                    : "SELECT DISTINCT result FROM cases WHERE "
	                                      "awol_outcome(result) = 'unrecognised' ORDER BY 1 "
	                                      "LIMIT 100",
	                            out, err);
}

int awol_store_read_begin(awol_store *st, bool *own, awol_error *err)
{
	int rc;

	*own = false;
	if (st->tx_depth > 0)
		return 0; /* inside a transaction already: its snapshot */
	rc = awol_store_begin_read(st, err);
	*own = rc == 0;
	return rc;
}

void awol_store_read_end(awol_store *st, bool own)
{
	if (own)
		awol_store_commit(st, NULL);
}

int awol_store_coverage_searched(awol_store *st, const char *article, bool *yes, awol_error *err)
{
	awol_db_stmt *s = NULL;
	int rc = awol_store_stmt(
	        st,
	        "SELECT 1 FROM coverage WHERE CAST(?1 AS TEXT) IS NULL OR article = ?1 "
	        "LIMIT 1",
	        &s, err),
	    step;

	*yes = false;
	if (rc < 0)
		return rc;
	awol_db_bind_text(s, 1, article);
	step = awol_db_step(s, err);
	*yes = step == 1;
	if (step < 0)
		rc = step;
	awol_db_finalize(s);
	return rc;
}

int awol_store_coverage_articles(awol_store *st, awol_store_rows **out, awol_error *err)
{
	return awol_store_rows_open(st, "SELECT DISTINCT article FROM coverage ORDER BY 1", out,
	                            err);
}

/* The articles searched among those asked, as ?1 ("337,338"; NULL: every article). */
#define FILTER "(CAST(?1 AS TEXT) IS NULL OR instr(',' || ?1 || ',', ',' || article || ',') > 0)"
/* and the courts asked as ?4 (NULL: every court) */
#define COURTS                                                                                     \
	" AND (CAST(?4 AS TEXT) IS NULL OR instr(',' || ?4 || ',', ',' || court_code || ',') > 0)"

/* windows of one status, counted alike by SQLite and PostgreSQL (no sum of a boolean) */
#define COUNT_STATUS(x) "count(CASE WHEN status = '" x "' THEN 1 END)"

int awol_store_coverage_windows(awol_store *st, const char *searched, const char *only,
                                const char *from, const char *to, long n[7], long *courts,
                                awol_error *err)
{
	awol_db_stmt *s = NULL;
	int rc = awol_store_stmt(
	        st,
	        "SELECT " COUNT_STATUS("complete") ", " COUNT_STATUS("partial") ", " COUNT_STATUS("pending") ", " COUNT_STATUS(
	            "captcha") ", " COUNT_STATUS("dead") ", count(*), count(DISTINCT "
	                                                 "court_code), " COUNT_STATUS(
	                                                     "listings_"
	                                                     "only") "FROM"
	                                                             " cov"
	                                                             "erag"
	                                                             "e "
	                                                             "WHER"
	                                                             "E"
	                                                             " " FILTER " AND"
	                                                             " (?"
	                                                             "2 "
	                                                             "IS "
	                                                             "NULL"
	                                                             " OR "
	                                                             "date"
	                                                             "_to "
	                                                             ">= "
	                                                             "?2) "
	                                                             "AND "
	                                                             "(?3 "
	                                                             "IS "
	                                                             "NULL"
	                                                             " OR "
	                                                             "date"
	                                                             "_fro"
	                                                             "m "
	                                                             "<= "
	                                                             "?3)" COURTS,
	        &s, err),
	    step, i;

	if (rc < 0)
		return rc;
	awol_db_bind_text(s, 1, searched);
	awol_db_bind_text(s, 2, from);
	awol_db_bind_text(s, 3, to);
	awol_db_bind_text(s, 4, only);
	step = awol_db_step(s, err);
	if (step == 1) {
		for (i = 0; i < 6; i++)
			n[i] = (long)awol_db_column_int64(s, i);
		*courts = (long)awol_db_column_int64(s, 6);
		n[6] = (long)awol_db_column_int64(s, 7);
	} else
		rc = step < 0 ? step : awol_error_set(err, AWOL_EDB, "%s: no row", st->path);
	awol_db_finalize(s);
	return rc;
}

int awol_store_coverage_spans(awol_store *st, const char *searched, const char *only,
                              awol_store_rows **out, awol_error *err)
{
	int rc = awol_store_rows_open(st,
	                              "SELECT date_from, date_to FROM coverage WHERE status IN "
	                              "('complete', 'partial') AND " FILTER COURTS " ORDER BY 1, 2",
	                              out, err);

	if (rc == 0) {
		awol_db_bind_text(awol_store_rows_stmt(*out), 1, searched);
		awol_db_bind_text(awol_store_rows_stmt(*out), 4, only);
	}
	return rc;
}
#undef FILTER
#undef COURTS
#undef COUNT_STATUS
