/*
 * Counting over the store (include/awol/stats.h, docs/counting.md).
 *
 * One SQL query yields (period, group, unit id) with DISTINCT, so the rules
 * hold by construction: a case counts once per period and group however
 * many defendants and charges it has; under group=article a case with 337
 * and 338 counts once under each; the period total counts distinct cases.
 * Periods and outcomes come from SQL functions registered from C.
 */
#include "util/common.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/text.h"
#include "awol/stats.h"

#include <sqlite3.h>

const char *awol_stats_outcome(const char *r)
{
	if (!r || !*r)
		return "pending";
	if (awol_text_icontains(r, "приговор"))
		return "convicted";
	if (awol_text_icontains(r, "прекращ")) {
		if (awol_text_icontains(r, "штраф"))
			return "terminated:judicial-fine";
		if (awol_text_icontains(r, "примирен"))
			return "terminated:reconciliation";
		if (awol_text_icontains(r, "амнист"))
			return "terminated:amnesty";
		if (awol_text_icontains(r, "смерт"))
			return "terminated:death";
		return "terminated:other";
	}
	if (awol_text_icontains(r, "прокурор"))
		return "returned-to-prosecutor";
	if (awol_text_icontains(r, "подсудност") || awol_text_icontains(r, "направлено по"))
		return "transferred";
	return NULL;
}

bool awol_stats_period(const char *iso, const char *by, char *out, size_t n)
{
	awol_date d;
	int y, w;

	if (!iso || !awol_date_parse_iso(iso, &d))
		return false;
	if (strcmp(by, "month") == 0)
		snprintf(out, n, "%04d-%02d", d.y, d.m);
	else if (strcmp(by, "year") == 0)
		snprintf(out, n, "%04d", d.y);
	else if (strcmp(by, "quarter") == 0)
		snprintf(out, n, "%04d-Q%d", d.y, (d.m - 1) / 3 + 1);
	else if (strcmp(by, "half") == 0)
		snprintf(out, n, "%04d-H%d", d.y, d.m <= 6 ? 1 : 2);
	else if (strcmp(by, "week") == 0) {
		awol_date_iso_week(d, &y, &w);
		snprintf(out, n, "%04d-W%02d", y, w);
	} else
		return false;
	return true;
}

bool awol_stats_period_shift(const char *p, const char *by, int back, char *out, size_t n)
{
	int y = 0, k = 0, per;
	long idx;

	if (strcmp(by, "year") == 0) {
		if (sscanf(p, "%d", &y) != 1)
			return false;
		snprintf(out, n, "%04d", y - back);
		return true;
	}
	if (strcmp(by, "month") == 0)
		per = 12, k = sscanf(p, "%d-%d", &y, &k) == 2 ? k : -1;
	else if (strcmp(by, "quarter") == 0)
		per = 4, k = sscanf(p, "%d-Q%d", &y, &k) == 2 ? k : -1;
	else if (strcmp(by, "half") == 0)
		per = 2, k = sscanf(p, "%d-H%d", &y, &k) == 2 ? k : -1;
	else if (strcmp(by, "week") == 0) {
		/* ISO weeks: step back 7*back days from the Thursday of that week */
		awol_date jan4, thu;
		int wy, ww;
		if (sscanf(p, "%d-W%d", &y, &k) != 2)
			return false;
		jan4 = (awol_date){y, 1, 4};
		thu = awol_date_from_days(awol_date_to_days(jan4) - awol_date_weekday(jan4) + 4 +
		                          7L * (k - 1) - 7L * back);
		awol_date_iso_week(thu, &wy, &ww);
		snprintf(out, n, "%04d-W%02d", wy, ww);
		return true;
	} else
		return false;
	if (k < 1)
		return false;
	idx = (long)y * per + (k - 1) - back;
	y = (int)(idx / per);
	k = (int)(idx % per) + 1;
	if (per == 12)
		snprintf(out, n, "%04d-%02d", y, k);
	else
		snprintf(out, n, "%04d-%c%d", y, per == 4 ? 'Q' : 'H', k);
	return true;
}

static void fn_period(sqlite3_context *ctx, int argc, sqlite3_value **v)
{
	char out[16];
	const char *d = (const char *)sqlite3_value_text(v[0]);
	const char *by = (const char *)sqlite3_value_text(v[1]);

	(void)argc;
	if (d && by && awol_stats_period(d, by, out, sizeof(out)))
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

static int add_row(awol_stats_result *r, size_t *cap, const char *period, const char *group,
                   long count)
{
	awol_stats_row *row;

	if (r->nrows == *cap) {
		size_t nc = *cap ? *cap * 2 : 64;
		awol_stats_row *n = realloc(r->rows, nc * sizeof(*n));
		if (!n)
			return -AWOL_ENOMEM;
		r->rows = n;
		*cap = nc;
	}
	row = &r->rows[r->nrows++];
	row->period = strdup(period);
	row->group = strdup(group ? group : "");
	row->count = count;
	row->prev = row->year_ago = -1;
	return row->period && row->group ? 0 : -AWOL_ENOMEM;
}

static long lookup(const awol_stats_result *r, const char *period, const char *group)
{
	size_t i;

	for (i = 0; i < r->nrows; i++)
		if (strcmp(r->rows[i].period, period) == 0 && strcmp(r->rows[i].group, group) == 0)
			return r->rows[i].count;
	return -1;
}

static void coverage(sqlite3 *db, awol_stats_result *r)
{
	sqlite3_stmt *s = NULL;
	long total = 0, complete = 0, partial = 0, captcha = 0, dead = 0, courts = 0;
	awol_buf b = AWOL_BUF_INIT;

	if (sqlite3_prepare_v2(db,
	                       "SELECT count(*), sum(status='complete'), sum(status='partial' OR "
	                       "status='pending'), sum(status='captcha'), sum(status='dead'), "
	                       "count(DISTINCT court_code) FROM coverage",
	                       -1, &s, NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW) {
		total = sqlite3_column_int64(s, 0);
		complete = sqlite3_column_int64(s, 1);
		partial = sqlite3_column_int64(s, 2);
		captcha = sqlite3_column_int64(s, 3);
		dead = sqlite3_column_int64(s, 4);
		courts = sqlite3_column_int64(s, 5);
	}
	sqlite3_finalize(s);
	if (total == 0) {
		awol_buf_puts(&b, "coverage unknown: no crawl recorded (pages imported from files)",
		              NULL);
		r->coverage_complete = false;
	} else {
		awol_buf_printf(
		    &b, NULL,
		    "coverage: %ld of %ld court-article windows complete across %ld "
		    "courts; %ld partial, %ld waiting for a captcha, %ld at dead courts",
		    complete, total, courts, partial, captcha, dead);
		r->coverage_complete = complete == total;
		if (!r->coverage_complete)
			awol_buf_puts(&b, " — counts are lower bounds", NULL);
	}
	r->coverage = awol_buf_detach(&b);
}

int awol_stats_run(awol_store *st, const awol_stats_query *q, awol_stats_result *out,
                   awol_error *err)
{
	sqlite3 *db = awol_store_db(st);
	const char *unit = q->unit ? q->unit : "cases";
	const char *by = q->by ? q->by : "month";
	const char *axis = q->date && strcmp(q->date, "decided") == 0 ? "c.decided" : "c.received";
	const char *gexpr = "''", *uexpr;
	awol_buf sqlb = AWOL_BUF_INIT;
	sqlite3_stmt *s = NULL;
	size_t cap = 0, i, n0;
	int rc = 0;
	char *sim = NULL;

	memset(out, 0, sizeof(*out));
	if (strcmp(unit, "cases") == 0)
		uexpr = "c.id";
	else if (strcmp(unit, "defendants") == 0)
		uexpr = "p.id";
	else if (strcmp(unit, "charges") == 0)
		uexpr = "h.id";
	else
		return awol_error_set(err, AWOL_EINVAL, "unknown unit '%s'", unit);
	if (!awol_stats_period("2020-01-01", by, (char[16]){0}, 16))
		return awol_error_set(err, AWOL_EINVAL, "unknown period '%s'", by);
	if (q->group) {
		if (strcmp(q->group, "article") == 0)
			gexpr = "h.article";
		else if (strcmp(q->group, "part") == 0)
			gexpr = "h.article || coalesce(' ч.' || h.part, '')";
		else if (strcmp(q->group, "court") == 0)
			gexpr = "c.court_code || coalesce(' ' || k.name, '')";
		else if (strcmp(q->group, "region") == 0)
			gexpr = "coalesce(k.region, 'unknown')";
		else if (strcmp(q->group, "district") == 0)
			gexpr =
			    "coalesce(k.district_code || ' ' || (SELECT name FROM courts d WHERE "
			    "d.code = k.district_code), 'unknown')";
		else if (strcmp(q->group, "level") == 0)
			gexpr = "coalesce(k.level, 'unknown')";
		else if (strcmp(q->group, "outcome") == 0)
			gexpr = "awol_outcome(c.result)";
		else
			return awol_error_set(err, AWOL_EINVAL, "unknown group '%s'", q->group);
	}
	sqlite3_create_function(db, "awol_period", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
	                        fn_period, NULL, NULL);
	sqlite3_create_function(db, "awol_outcome", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
	                        fn_outcome, NULL, NULL);
	/*
	 * The base: one row per (unit, period, group) matching the filters.  The
	 * charge filter is on the defendant's charges, so a defendant counts when
	 * charged under the article, and the case with him.
	 */
	awol_buf_printf(
	    &sqlb, NULL,
	    "WITH base AS MATERIALIZED (SELECT DISTINCT %s AS u, awol_period(%s, ?1) AS per, %s AS "
	    "g "
	    "FROM cases c JOIN persons p ON p.case_id = c.id JOIN charges h ON "
	    "h.person_id = p.id LEFT JOIN courts k ON k.code = c.court_code WHERE %s IS NOT "
	    "NULL AND (?2 IS NULL OR instr(',' || ?2 || ',', ',' || h.article || ',') > 0) "
	    "AND (?3 IS NULL OR h.part = ?3) AND (?4 IS NULL OR %s >= ?4) AND (?5 IS NULL "
	    "OR %s <= ?5)) "
	    "SELECT per, g, count(*) FROM base GROUP BY per, g "
	    "UNION ALL SELECT per, '(total)', count(DISTINCT u) FROM base GROUP BY per "
	    "UNION ALL SELECT NULL, '(all)', count(DISTINCT u) FROM base "
	    "ORDER BY 1, 2",
	    uexpr, axis, gexpr, axis, axis, axis);
	if (sqlite3_prepare_v2(db, awol_buf_cstr(&sqlb), -1, &s, NULL) != SQLITE_OK) {
		rc = awol_error_set(err, AWOL_EDB, "%s: %s", awol_store_path(st),
		                    sqlite3_errmsg(db));
		goto done;
	}
	sqlite3_bind_text(s, 1, by, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, q->articles, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, q->part, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, q->from, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, q->to, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *per = (const char *)sqlite3_column_text(s, 0);
		const char *g = (const char *)sqlite3_column_text(s, 1);
		long cnt = sqlite3_column_int64(s, 2);
		if (!per) {
			out->total = cnt;
			continue;
		}
		if (!q->group && strcmp(g, "(total)") == 0)
			continue; /* ungrouped: the group row is the total */
		if (add_row(out, &cap, per, g, cnt) < 0) {
			rc = awol_error_set(err, AWOL_ENOMEM, "out of memory");
			goto done;
		}
	}
	if (rc != SQLITE_DONE) {
		rc = awol_error_set(err, AWOL_EDB, "%s: %s", awol_store_path(st),
		                    sqlite3_errmsg(db));
		goto done;
	}
	rc = 0;
	/* previous period and a year earlier, from the rows themselves */
	n0 = out->nrows;
	for (i = 0; i < n0; i++) {
		char p1[16], py[16];
		int per_year = strcmp(by, "month") == 0     ? 12
		               : strcmp(by, "quarter") == 0 ? 4
		               : strcmp(by, "half") == 0    ? 2
		               : strcmp(by, "week") == 0    ? 52
		                                            : 1;
		if (awol_stats_period_shift(out->rows[i].period, by, 1, p1, sizeof(p1)))
			out->rows[i].prev = lookup(out, p1, out->rows[i].group);
		if (strcmp(by, "week") == 0) {
			/* the same ISO week number a year earlier */
			int y = 0, w = 0;
			if (sscanf(out->rows[i].period, "%d-W%d", &y, &w) == 2) {
				snprintf(py, sizeof(py), "%04d-W%02d", y - 1, w);
				out->rows[i].year_ago = lookup(out, py, out->rows[i].group);
			}
		} else if (awol_stats_period_shift(out->rows[i].period, by, per_year, py,
		                                   sizeof(py)))
			out->rows[i].year_ago = lookup(out, py, out->rows[i].group);
	}
	if (q->group && strcmp(q->group, "outcome") == 0) {
		sqlite3_stmt *u = NULL;
		if (sqlite3_prepare_v2(
		        db,
		        "SELECT DISTINCT result FROM cases WHERE awol_outcome(result) = "
		        "'unrecognised' ORDER BY 1 LIMIT 100",
		        -1, &u, NULL) == SQLITE_OK) {
			while (sqlite3_step(u) == SQLITE_ROW) {
				char **nu = realloc(out->unrecognised,
				                    (out->nunrecognised + 1) * sizeof(char *));
				if (!nu)
					break;
				out->unrecognised = nu;
				nu[out->nunrecognised++] =
				    strdup((const char *)sqlite3_column_text(u, 0));
			}
		}
		sqlite3_finalize(u);
	}
	if (awol_store_meta_get(st, "simulated", &sim, NULL) == 0 && sim && strcmp(sim, "1") == 0)
		out->simulated = true;
	free(sim);
	coverage(db, out);
done:
	sqlite3_finalize(s);
	awol_buf_dispose(&sqlb);
	if (rc < 0)
		awol_stats_dispose(out);
	return rc;
}

void awol_stats_dispose(awol_stats_result *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->nrows; i++) {
		free(r->rows[i].period);
		free(r->rows[i].group);
	}
	free(r->rows);
	for (i = 0; i < r->nunrecognised; i++)
		free(r->unrecognised[i]);
	free(r->unrecognised);
	free(r->coverage);
	memset(r, 0, sizeof(*r));
}
