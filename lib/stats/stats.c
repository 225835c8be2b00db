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
#include "awol/store.h"
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

static int cmp_rows(const void *a, const void *b)
{
	const awol_stats_row *x = a, *y = b;
	int c = strcmp(x->period, y->period);

	return c ? c : strcmp(x->group, y->group);
}

/* Sort by period and group, and add up rows that name the same ones (parts of a range). */
static void sort_merge(awol_stats_result *r)
{
	size_t i, n = 0;

	if (r->nrows == 0)
		return;
	qsort(r->rows, r->nrows, sizeof(*r->rows), cmp_rows);
	for (i = 0; i < r->nrows; i++) {
		if (n && cmp_rows(&r->rows[n - 1], &r->rows[i]) == 0) {
			r->rows[n - 1].count += r->rows[i].count;
			free(r->rows[i].period);
			free(r->rows[i].group);
		} else
			r->rows[n++] = r->rows[i];
	}
	r->nrows = n;
}

static long lookup(const awol_stats_result *r, const char *period, const char *group)
{
	awol_stats_row key;
	const awol_stats_row *hit;

	key.period = (char *)(uintptr_t)period;
	key.group = (char *)(uintptr_t)group;
	hit = r->nrows ? bsearch(&key, r->rows, r->nrows, sizeof(*r->rows), cmp_rows) : NULL;
	return hit ? hit->count : -1;
}

/* A failure to read coverage is an error: "unknown" would pass for "none recorded". */
static int coverage(sqlite3 *db, awol_stats_result *r, awol_error *err)
{
	sqlite3_stmt *s = NULL;
	long total = 0, complete = 0, partial = 0, captcha = 0, dead = 0, courts = 0, listings = 0;
	awol_buf b = AWOL_BUF_INIT;

	if (sqlite3_prepare_v2(db,
	                       "SELECT count(*), sum(status='complete'), sum(status='partial' OR "
	                       "status='pending'), sum(status='captcha'), sum(status='dead'), "
	                       "count(DISTINCT court_code), sum(status='listings_only') FROM "
	                       "coverage",
	                       -1, &s, NULL) != SQLITE_OK ||
	    sqlite3_step(s) != SQLITE_ROW) {
		sqlite3_finalize(s);
		return awol_error_set(err, AWOL_EDB, "coverage: %s", sqlite3_errmsg(db));
	}
	total = sqlite3_column_int64(s, 0);
	complete = sqlite3_column_int64(s, 1);
	partial = sqlite3_column_int64(s, 2);
	captcha = sqlite3_column_int64(s, 3);
	dead = sqlite3_column_int64(s, 4);
	courts = sqlite3_column_int64(s, 5);
	listings = sqlite3_column_int64(s, 6);
	sqlite3_finalize(s);
	if (total == 0) {
		awol_buf_puts(&b, "coverage unknown: no crawl recorded (pages imported from files)",
		              NULL);
		r->coverage_complete = false;
	} else {
		awol_buf_printf(
		    &b, NULL,
		    "coverage: %ld of %ld court-article windows complete across %ld "
		    "courts; %ld partial or pending, %ld waiting for a captcha, %ld dead (court or "
		    "server down)",
		    complete, total, courts, partial, captcha, dead);
		if (listings)
			awol_buf_printf(
			    &b, NULL, ", %ld walked without cards (listings only: no cases stored)",
			    listings);
		r->coverage_complete = complete == total;
		if (!r->coverage_complete)
			awol_buf_puts(&b, " — counts are lower bounds", NULL);
	}
	r->coverage = awol_buf_detach(&b);
	return 0;
}

/*
 * The groups, as SQL over a case c, a charge h and the case's court k.  The summary
 * query reads them over f c, the summary rows added up by period and the one column
 * `dim` the group needs (NULL: the summary cannot serve the group), with h the
 * articles of a row's set and k its court, so that both queries share one expression.
 */
typedef struct group_def {
	const char *name, *expr, *dim;
} group_def;

static const group_def GROUPS[] = {
    {"article", "h.article", "a.set_id AS set_id"},
    {"part", "h.article || coalesce(' ч.' || h.part, '')", NULL},
    {"court", "c.court_code || coalesce(' ' || k.name, '')", "a.court_code AS court_code"},
    {"region", "coalesce(k.region, 'unknown')", "a.court_code AS court_code"},
    {"district",
     "coalesce(k.district_code || ' ' || (SELECT name FROM courts d WHERE d.code = "
     "k.district_code), 'unknown')",
     "a.court_code AS court_code"},
    {"level", "coalesce(k.level, 'unknown')", "a.court_code AS court_code"},
    {"outcome", "awol_outcome(c.result)",
     "(SELECT result FROM result_texts r WHERE r.id = a.result_id) AS result"},
};
static const group_def NO_GROUP = {NULL, "''", "'' AS g"};

#define ARTICLE_IN_LIST "instr(',' || ?2 || ',', ',' || h.article || ',') > 0"

/* One counting run: what the query asks, and the date range this part covers. */
typedef struct part {
	const awol_stats_query *q;
	const char *by, *axis; /* axis: "received" or "decided" */
	const char *from, *to; /* ISO days or NULL */
	const group_def *g;
} part;

/*
 * Rows (period, group, count), then (period, '(total)', count) and (NULL, '(all)',
 * count) into out.  The general query reads every matching charge and de-duplicates
 * (unit, period, group), so the rules hold by construction; the summary adds up
 * case_counts rows, each a number of distinct cases with one court, result, date
 * segment and set of articles, so a case counts once per group of each article of its
 * set and once in every total.  Both give the same rows for the same range.
 */
static int count_part(sqlite3 *db, const part *pt, bool summary, awol_stats_result *out,
                      size_t *cap, awol_error *err)
{
	const awol_stats_query *q = pt->q;
	const char *axis = strcmp(pt->axis, "decided") == 0 ? "c.decided" : "c.received";
	bool by_article = pt->g->name && strcmp(pt->g->name, "article") == 0;
	awol_buf sqlb = AWOL_BUF_INIT;
	sqlite3_stmt *s = NULL;
	int rc = 0;

	if (!summary) {
		const char *uexpr = !q->unit || strcmp(q->unit, "cases") == 0 ? "c.id"
		                    : strcmp(q->unit, "defendants") == 0      ? "p.id"
		                                                              : "h.id";
		/*
		 * The charge filter is on the defendant's charges, so a defendant counts
		 * when charged under the article, and the case with him.  A date that is not
		 * a valid ISO day has no period: the case does not count on that axis.
		 */
		awol_buf_printf(
		    &sqlb, NULL,
		    "WITH base AS MATERIALIZED (SELECT DISTINCT %s AS u, awol_period(%s, "
		    "?1) AS per, %s AS g FROM cases c JOIN persons p ON p.case_id = "
		    "c.id JOIN charges h ON h.person_id = p.id LEFT JOIN courts k ON "
		    "k.code = c.court_code WHERE awol_period(%s, ?1) IS NOT NULL",
		    uexpr, axis, pt->g->expr, axis);
		if (q->articles)
			awol_buf_puts(&sqlb, " AND " ARTICLE_IN_LIST, NULL);
		if (q->part)
			awol_buf_puts(&sqlb, " AND h.part = ?3", NULL);
		if (pt->from)
			awol_buf_printf(&sqlb, NULL, " AND %s >= ?4", axis);
		if (pt->to)
			awol_buf_printf(&sqlb, NULL, " AND %s <= ?5", axis);
		awol_buf_puts(
		    &sqlb,
		    ") SELECT per, g, count(*) FROM base GROUP BY per, g "
		    "UNION ALL SELECT per, '(total)', count(DISTINCT u) FROM base GROUP BY "
		    "per UNION ALL SELECT NULL, '(all)', count(DISTINCT u) FROM base",
		    NULL);
	} else {
		awol_buf_printf(&sqlb, NULL,
		                "WITH f AS MATERIALIZED (SELECT awol_period(a.segment, ?1) AS per, "
		                "%s, sum(a.cases) AS n FROM case_counts a WHERE a.date_axis = ?6",
		                pt->g->dim);
		if (q->articles)
			awol_buf_puts(
			    &sqlb,
			    " AND a.set_id IN (SELECT h.set_id FROM article_set_members h "
			    "WHERE " ARTICLE_IN_LIST ")",
			    NULL);
		if (pt->from)
			awol_buf_puts(&sqlb, " AND a.segment >= ?4", NULL);
		if (pt->to)
			awol_buf_puts(&sqlb, " AND a.segment <= ?5", NULL);
		awol_buf_printf(&sqlb, NULL, " GROUP BY 1, 2) SELECT c.per, %s, sum(c.n) FROM f c",
		                pt->g->expr);
		if (by_article)
			awol_buf_printf(&sqlb, NULL,
			                " JOIN article_set_members h ON h.set_id = c.set_id%s",
			                q->articles ? " AND " ARTICLE_IN_LIST : "");
		else if (strstr(pt->g->dim, "court_code"))
			awol_buf_puts(&sqlb, " LEFT JOIN courts k ON k.code = c.court_code", NULL);
		awol_buf_puts(&sqlb,
		              " GROUP BY 1, 2 UNION ALL SELECT per, '(total)', sum(n) FROM f GROUP "
		              "BY per UNION ALL SELECT NULL, '(all)', sum(n) FROM f",
		              NULL);
	}
	if (sqlite3_prepare_v2(db, awol_buf_cstr(&sqlb), -1, &s, NULL) != SQLITE_OK) {
		rc = awol_error_set(err, AWOL_EDB, "%s", sqlite3_errmsg(db));
		goto done;
	}
	sqlite3_bind_text(s, 1, pt->by, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, q->articles, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, q->part, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, pt->from, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, pt->to, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, pt->axis, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *per = (const char *)sqlite3_column_text(s, 0);
		const char *g = (const char *)sqlite3_column_text(s, 1);
		long cnt = sqlite3_column_int64(s, 2);
		if (!per) {
			out->total += cnt;
			continue;
		}
		if (!q->group && strcmp(g, "(total)") == 0)
			continue; /* ungrouped: the group row is the total */
		if (add_row(out, cap, per, g, cnt) < 0) {
			rc = awol_error_set(err, AWOL_ENOMEM, "out of memory");
			goto done;
		}
	}
	rc = rc == SQLITE_DONE ? 0 : awol_error_set(err, AWOL_EDB, "%s", sqlite3_errmsg(db));
done:
	sqlite3_finalize(s);
	awol_buf_dispose(&sqlb);
	return rc;
}

static const group_def *find_group(const char *name)
{
	size_t i;

	if (!name)
		return &NO_GROUP;
	for (i = 0; i < AWOL_ARRAY_SIZE(GROUPS); i++)
		if (strcmp(GROUPS[i].name, name) == 0)
			return &GROUPS[i];
	return NULL;
}

bool awol_stats_summary_serves(const awol_stats_query *q)
{
	const group_def *g = find_group(q->group);

	return !q->general && (!q->unit || strcmp(q->unit, "cases") == 0) && !q->part && g &&
	       g->dim;
}

/*
 * The summary holds whole segments (days of one month and one ISO week), which every
 * period is made of.  Split [from, to] into the whole segments inside it, for the
 * summary, and the days at either end that fill only part of a segment, for the
 * general query.  A case has one date on an axis, so the counts of the pieces add up.
 * False when the bounds are not ISO days (the general query then takes it all).
 */
typedef struct split {
	char head[2][11], tail[2][11], seg[2][11]; /* first and last days */
	bool has_head, has_tail, has_seg, seg_from, seg_to;
} split;

static bool split_range(const char *from, const char *to, split *sp)
{
	awol_date f, t;
	long fd = 0, td = 0;

	memset(sp, 0, sizeof(*sp));
	if ((from && !awol_date_parse_iso(from, &f)) || (to && !awol_date_parse_iso(to, &t)))
		return false;
	if (from)
		fd = awol_date_to_days(f);
	if (to)
		td = awol_date_to_days(t);
	if (from && to && awol_date_segment_first(t) <= awol_date_segment_last(f)) {
		/* one segment, or none: whole, or the general query's */
		if (fd > td || fd != awol_date_segment_first(f) || td != awol_date_segment_last(t))
			return false;
	}
	sp->has_seg = true;
	if (from) {
		sp->seg_from = true;
		if (fd == awol_date_segment_first(f))
			awol_date_iso(f, sp->seg[0]);
		else {
			sp->has_head = true;
			snprintf(sp->head[0], sizeof(sp->head[0]), "%s", from);
			awol_date_iso(awol_date_from_days(awol_date_segment_last(f)), sp->head[1]);
			awol_date_iso(awol_date_from_days(awol_date_segment_last(f) + 1),
			              sp->seg[0]);
		}
	}
	if (to) {
		sp->seg_to = true;
		awol_date_iso(awol_date_from_days(awol_date_segment_first(t)), sp->seg[1]);
		if (td != awol_date_segment_last(t)) {
			sp->has_tail = true;
			snprintf(sp->tail[0], sizeof(sp->tail[0]), "%s", sp->seg[1]);
			snprintf(sp->tail[1], sizeof(sp->tail[1]), "%s", to);
			awol_date_iso(awol_date_from_days(awol_date_segment_first(t) - 1),
			              sp->seg[1]);
		}
	}
	if (sp->seg_from && sp->seg_to && strcmp(sp->seg[0], sp->seg[1]) > 0)
		sp->has_seg = false;
	return true;
}

/* Whether the summary is there, fresh and able to answer q. */
static bool use_summary(awol_store *st, const awol_stats_query *q, split *sp)
{
	bool fresh = false;

	return awol_stats_summary_serves(q) && split_range(q->from, q->to, sp) &&
	       awol_store_counts_fresh(st, &fresh, NULL) == 0 && fresh;
}

static int count_all(awol_store *st, const awol_stats_query *q, part *pt, awol_stats_result *out,
                     awol_error *err)
{
	sqlite3 *db = awol_store_db(st);
	size_t cap = 0;
	split sp;
	int rc = 0;

	if (!use_summary(st, q, &sp))
		return count_part(db, pt, false, out, &cap, err);
	out->from_summary = true;
	if (sp.has_head) {
		pt->from = sp.head[0], pt->to = sp.head[1];
		rc = count_part(db, pt, false, out, &cap, err);
	}
	if (rc == 0 && sp.has_tail) {
		pt->from = sp.tail[0], pt->to = sp.tail[1];
		rc = count_part(db, pt, false, out, &cap, err);
	}
	if (rc == 0 && sp.has_seg) {
		pt->from = sp.seg_from ? sp.seg[0] : NULL;
		pt->to = sp.seg_to ? sp.seg[1] : NULL;
		rc = count_part(db, pt, true, out, &cap, err);
	}
	return rc;
}

/* Result texts awol does not understand (group=outcome), from the summary when fresh. */
static int unrecognised(sqlite3 *db, bool summary, awol_stats_result *out, awol_error *err)
{
	sqlite3_stmt *u = NULL;
	int step = SQLITE_DONE;

	if (sqlite3_prepare_v2(db,
	                       summary ? "SELECT DISTINCT result FROM result_texts WHERE "
	                                 "awol_outcome(result) = 'unrecognised' ORDER BY 1 LIMIT "
	                                 "100"
	                               : "SELECT DISTINCT result FROM cases WHERE "
	                                 "awol_outcome(result) = 'unrecognised' ORDER BY 1 LIMIT "
	                                 "100",
	                       -1, &u, NULL) == SQLITE_OK) {
		while ((step = sqlite3_step(u)) == SQLITE_ROW) {
			char **nu =
			    realloc(out->unrecognised, (out->nunrecognised + 1) * sizeof(char *));
			if (!nu)
				break;
			out->unrecognised = nu;
			nu[out->nunrecognised++] = strdup((const char *)sqlite3_column_text(u, 0));
		}
	}
	sqlite3_finalize(u);
	return step == SQLITE_DONE || step == SQLITE_ROW
	           ? 0
	           : awol_error_set(err, AWOL_EDB, "%s", sqlite3_errmsg(db));
}

/* Previous period and a year earlier, from the rows themselves. */
static void changes(awol_stats_result *out, const char *by)
{
	int per_year = strcmp(by, "month") == 0     ? 12
	               : strcmp(by, "quarter") == 0 ? 4
	               : strcmp(by, "half") == 0    ? 2
	                                            : 1;
	size_t i;

	for (i = 0; i < out->nrows; i++) {
		awol_stats_row *row = &out->rows[i];
		char p1[16], py[16];
		int y = 0, w = 0;
		if (awol_stats_period_shift(row->period, by, 1, p1, sizeof(p1)))
			row->prev = lookup(out, p1, row->group);
		if (strcmp(by, "week") == 0) {
			/* the same ISO week number a year earlier */
			if (sscanf(row->period, "%d-W%d", &y, &w) == 2) {
				snprintf(py, sizeof(py), "%04d-W%02d", y - 1, w);
				row->year_ago = lookup(out, py, row->group);
			}
		} else if (awol_stats_period_shift(row->period, by, per_year, py, sizeof(py)))
			row->year_ago = lookup(out, py, row->group);
	}
}

int awol_stats_run(awol_store *st, const awol_stats_query *q, awol_stats_result *out,
                   awol_error *err)
{
	sqlite3 *db = awol_store_db(st);
	const char *unit = q->unit ? q->unit : "cases";
	part pt;
	bool own_tx = false;
	int rc = 0;
	char *sim = NULL;

	memset(out, 0, sizeof(*out));
	memset(&pt, 0, sizeof(pt));
	pt.q = q;
	pt.by = q->by ? q->by : "month";
	pt.axis = q->date && strcmp(q->date, "decided") == 0 ? "decided" : "received";
	pt.from = q->from;
	pt.to = q->to;
	pt.g = find_group(q->group);
	if (strcmp(unit, "cases") != 0 && strcmp(unit, "defendants") != 0 &&
	    strcmp(unit, "charges") != 0)
		return awol_error_set(err, AWOL_EINVAL, "unknown unit '%s'", unit);
	if (!awol_stats_period("2020-01-01", pt.by, (char[16]){0}, 16))
		return awol_error_set(err, AWOL_EINVAL, "unknown period '%s'", pt.by);
	if (!pt.g)
		return awol_error_set(err, AWOL_EINVAL, "unknown group '%s'", q->group);
	sqlite3_create_function(db, "awol_period", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
	                        fn_period, NULL, NULL);
	sqlite3_create_function(db, "awol_outcome", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
	                        fn_outcome, NULL, NULL);
	/* one snapshot: the summary's freshness and the counts are read together */
	if (sqlite3_get_autocommit(db)) {
		if (sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
			rc = awol_error_set(err, AWOL_EDB, "%s", sqlite3_errmsg(db));
			goto done;
		}
		own_tx = true;
	}
	rc = count_all(st, q, &pt, out, err);
	if (rc < 0)
		goto done;
	sort_merge(out);
	changes(out, pt.by);
	if (q->group && strcmp(q->group, "outcome") == 0 &&
	    (rc = unrecognised(db, out->from_summary, out, err)) < 0)
		goto done;
	if (awol_store_meta_get(st, "simulated", &sim, NULL) == 0 && sim && strcmp(sim, "1") == 0)
		out->simulated = true;
	free(sim);
	rc = coverage(db, out, err);
done:
	if (own_tx)
		sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	if (rc < 0) {
		awol_error_prefix(err, "%s: ", awol_store_path(st));
		awol_stats_dispose(out);
	}
	return rc;
}

int awol_stats_count_received(awol_store *st, const char *articles, const char *from,
                              const char *to, long *out, awol_error *err)
{
	awol_stats_query q = {0};
	awol_stats_result r;
	char a[128], *p;
	int rc;

	*out = -1;
	if (!articles || strlen(articles) >= sizeof(a))
		return awol_error_set(err, AWOL_EINVAL, "bad article list '%s'",
		                      articles ? articles : "");
	snprintf(a, sizeof(a), "%s", articles);
	for (p = a; *p; p++)
		if (*p == '+')
			*p = ',';
	q.unit = "cases";
	q.by = "year";
	q.articles = a;
	q.from = from;
	q.to = to;
	q.date = "received";
	rc = awol_stats_run(st, &q, &r, err);
	if (rc == 0)
		*out = r.total;
	awol_stats_dispose(&r);
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
