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
#include "stats_priv.h"

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

void awol_stats_row_free(awol_stats_row *row)
{
	size_t i;

	if (row->groups)
		for (i = 0; row->groups[i]; i++)
			free(row->groups[i]);
	free(row->groups);
	free(row->period);
	free(row->group);
}

/* The group of a row: one value, or several fields separated by '\x1f' (cross-tabs). */
static int set_group(awol_stats_row *row, const char *g, size_t ngroups)
{
	size_t i;

	row->period_total = strcmp(g, "(total)") == 0;
	if (row->period_total || ngroups == 0) {
		row->group = strdup(g);
		return row->group ? 0 : -AWOL_ENOMEM;
	}
	row->groups = calloc(ngroups + 1, sizeof(char *));
	if (!row->groups)
		return -AWOL_ENOMEM;
	for (i = 0; i < ngroups; i++) {
		size_t l = strcspn(g, "\x1f");
		row->groups[i] = strndup(g, l == 1 && *g == '\x1e' ? 0 : l); /* NULL */
		if (!row->groups[i])
			return -AWOL_ENOMEM;
		g += l;
		if (*g)
			g++;
	}
	{
		awol_buf b = AWOL_BUF_INIT;
		for (i = 0; i < ngroups; i++)
			awol_buf_printf(&b, NULL, "%s%s", i ? " / " : "", row->groups[i]);
		row->group = awol_buf_detach(&b);
	}
	return row->group ? 0 : -AWOL_ENOMEM;
}

int awol_stats_add_row(awol_stats_result *r, size_t *cap, const char *period, const char *group,
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
	memset(row, 0, sizeof(*row));
	row->count = count;
	row->prev = row->year_ago = -1;
	row->period = strdup(period);
	if (!row->period)
		return -AWOL_ENOMEM;
	return set_group(row, group ? group : "", r->ngroups);
}

int awol_stats_cmp_rows(const void *a, const void *b)
{
	const awol_stats_row *x = a, *y = b;
	int c = strcmp(x->period, y->period);

	if (c)
		return c;
	if (x->period_total != y->period_total)
		return x->period_total ? -1 : 1; /* the period total first */
	return strcmp(x->group, y->group);
}

/* Sort by period and group, and add up rows that name the same ones (parts of a range). */
static void sort_merge(awol_stats_result *r)
{
	size_t i, n = 0;

	if (r->nrows == 0)
		return;
	qsort(r->rows, r->nrows, sizeof(*r->rows), awol_stats_cmp_rows);
	for (i = 0; i < r->nrows; i++) {
		if (n && awol_stats_cmp_rows(&r->rows[n - 1], &r->rows[i]) == 0) {
			r->rows[n - 1].count += r->rows[i].count;
			awol_stats_row_free(&r->rows[i]);
		} else
			r->rows[n++] = r->rows[i];
	}
	r->nrows = n;
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
		    "c.id JOIN charges h ON h.person_id = p.id AND " AWOL_STORE_COUNTED_CHARGE
		    " LEFT JOIN courts k ON "
		    "k.code = c.court_code WHERE awol_period(%s, ?1) IS NOT NULL",
		    uexpr, axis, pt->g->expr, axis);
		if (q->articles)
			awol_buf_puts(&sqlb, " AND " ARTICLE_IN_LIST, NULL);
		if (q->part)
			awol_buf_puts(
			    &sqlb, " AND instr(',' || ?3 || ',', ',' || h.part || ',') > 0", NULL);
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
		awol_buf_puts(&sqlb, " GROUP BY 1", NULL);
		for (int k = 0; k < pt->g->ndims; k++)
			awol_buf_printf(&sqlb, NULL, ", %d", k + 2);
		awol_buf_printf(&sqlb, NULL, ") SELECT c.per, %s, sum(c.n) FROM f c", pt->g->expr);
		if (by_article)
			awol_buf_printf(&sqlb, NULL,
			                " JOIN article_set_members h ON h.set_id = c.set_id%s",
			                q->articles ? " AND " ARTICLE_IN_LIST : "");
		if (strstr(pt->g->dim, "court_code"))
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
		if (awol_stats_add_row(out, cap, per, g, cnt) < 0) {
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
	const char *p = q->group;

	if (q->general || (q->unit && strcmp(q->unit, "cases") != 0) || q->part)
		return false;
	/* every group field (a cross-tab has several) must be one the summary holds */
	while (p && *p) {
		size_t l = strcspn(p, ",");
		char name[32];
		const group_def *g;
		snprintf(name, sizeof(name), "%.*s", (int)(l < 31 ? l : 31), p);
		g = find_group(name);
		if (!g || !g->dim)
			return false;
		p += l;
		if (*p == ',')
			p++;
	}
	return true;
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

/*
 * The group fields of q (one, or several comma-separated: a cross-tab).  One field uses
 * its definition as it is; several are joined in SQL by '\x1f' into one value, which
 * add_row splits again.  The summary serves a cross-tab when it holds every field: its
 * columns are those the fields need, each once.
 */
static int resolve_groups(const awol_stats_query *q, awol_stats_result *out, group_def *multi,
                          awol_buf *expr, awol_buf *dims, const group_def **g, awol_error *err)
{
	const char *p = q->group;
	bool summary = true, article = false;

	*g = find_group(NULL);
	if (!p)
		return 0;
	while (*p) {
		size_t l = strcspn(p, ",");
		char name[32];
		const group_def *one;
		size_t i;
		snprintf(name, sizeof(name), "%.*s", (int)(l < 31 ? l : 31), p);
		one = l ? find_group(name) : NULL;
		if (!one)
			return awol_error_set(err, AWOL_EINVAL, "unknown group '%s'", name);
		for (i = 0; i < out->ngroups; i++)
			if (strcmp(out->group_fields[i], name) == 0)
				return awol_error_set(err, AWOL_EINVAL, "group '%s' given twice",
				                      name);
		if (out->ngroups == AWOL_STATS_MAX_GROUPS)
			return awol_error_set(err, AWOL_EINVAL, "at most %d group fields",
			                      AWOL_STATS_MAX_GROUPS);
		out->group_fields[out->ngroups] = strdup(name);
		if (!out->group_fields[out->ngroups])
			return awol_error_set(err, AWOL_ENOMEM, "out of memory");
		/*
		 * NULL stays apart from '' in SQL (char(30)), as a lone group's NULL does;
		 * both read "" once split, and their rows are added up like a lone group's.
		 */
		awol_buf_printf(expr, NULL, "%scoalesce((%s), char(30))",
		                out->ngroups ? " || char(31) || " : "", one->expr);
		/* the summary columns the fields need, each once (court and region share one) */
		if (!one->dim)
			summary = false;
		else if (!strstr(awol_buf_cstr(dims), one->dim)) {
			awol_buf_printf(dims, NULL, "%s%s", dims->len ? ", " : "", one->dim);
			multi->ndims++;
		}
		article = article || strcmp(name, "article") == 0;
		out->ngroups++;
		*g = one;
		p += l;
		if (*p == ',')
			p++;
	}
	if (out->ngroups > 1) {
		multi->name = article ? "article" : NULL; /* the summary joins the set's articles */
		multi->expr = awol_buf_cstr(expr);
		multi->dim = summary ? awol_buf_cstr(dims) : NULL;
		*g = multi;
	}
	return 0;
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
	group_def multi = {0};
	awol_buf gexpr = AWOL_BUF_INIT, gdims = AWOL_BUF_INIT;
	stats_spans sp = {0};
	size_t cap;

	memset(out, 0, sizeof(*out));
	memset(&pt, 0, sizeof(pt));
	pt.q = q;
	pt.by = q->by ? q->by : "month";
	pt.axis = q->date && strcmp(q->date, "decided") == 0 ? "decided" : "received";
	pt.from = q->from;
	pt.to = q->to;
	if (strcmp(unit, "cases") != 0 && strcmp(unit, "defendants") != 0 &&
	    strcmp(unit, "charges") != 0)
		return awol_error_set(err, AWOL_EINVAL, "unknown unit '%s'", unit);
	if (!awol_stats_period("2020-01-01", pt.by, (char[16]){0}, 16))
		return awol_error_set(err, AWOL_EINVAL, "unknown period '%s'", pt.by);
	rc = resolve_groups(q, out, &multi, &gexpr, &gdims, &pt.g, err);
	if (rc < 0)
		goto done;
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
	rc = awol_stats_coverage_read(db, q, out, &sp, err);
	if (rc < 0)
		goto done;
	cap = out->nrows;
	if (awol_stats_finish(out, q, pt.by, &sp, &cap) < 0) {
		rc = awol_error_set(err, AWOL_ENOMEM, "out of memory");
		goto done;
	}
	awol_stats_mark_searched(out);
	/* nothing found where nothing was collected: not collected, not 0 */
	if (out->coverage_known == 1 && out->total == 0) {
		size_t i;
		bool any = false;
		for (i = 0; i < out->nrows && !any; i++)
			any = out->rows[i].collected == 1;
		if (!any)
			out->total = -1;
	}
	if (q->group && strstr(q->group, "outcome") &&
	    (rc = unrecognised(db, out->from_summary, out, err)) < 0)
		goto done;
	if (awol_store_meta_get(st, "simulated", &sim, NULL) == 0 && sim && strcmp(sim, "1") == 0)
		out->simulated = true;
	free(sim);
done:
	free(sp.d);
	awol_buf_dispose(&gexpr);
	awol_buf_dispose(&gdims);
	if (own_tx)
		sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	if (rc < 0) {
		awol_error_prefix(err, "%s: ", awol_store_path(st));
		awol_stats_dispose(out);
	}
	return rc;
}

int awol_stats_count_received_basis(awol_store *st, const char *articles, const char *from,
                                    const char *to, long *out, awol_stats_basis *basis,
                                    awol_error *err)
{
	awol_stats_query q = {0};
	awol_stats_result r;
	awol_stats_basis b = {0};
	char a[128], *p;
	size_t i;
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
	if (rc < 0)
		return rc;
	b.known = r.coverage_known;
	b.searched = true;
	for (i = 0; i < r.narticles; i++)
		b.searched = b.searched && r.articles[i].searched;
	for (i = 0; i < r.nrows; i++)
		b.days += r.rows[i].days;
	{
		awol_date f, t;
		if (from && to && awol_date_parse_iso(from, &f) && awol_date_parse_iso(to, &t))
			b.range_days = awol_date_to_days(t) - awol_date_to_days(f) + 1;
	}
	b.lower_bound = b.known == 1 && (r.lower_bound || b.days < b.range_days);
	*out = b.known == 1 && b.days == 0 && r.total <= 0 ? -1 : r.total;
	if (basis)
		*basis = b;
	awol_stats_dispose(&r);
	return 0;
}

int awol_stats_count_received(awol_store *st, const char *articles, const char *from,
                              const char *to, long *out, awol_error *err)
{
	awol_stats_basis b;
	int rc = awol_stats_count_received_basis(st, articles, from, to, out, &b, err);

	/* the old contract: a number whenever the query ran */
	if (rc == 0 && *out < 0)
		*out = 0;
	return rc;
}

void awol_stats_dispose(awol_stats_result *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->nrows; i++)
		awol_stats_row_free(&r->rows[i]);
	free(r->rows);
	for (i = 0; i < r->narticles; i++)
		free(r->articles[i].article);
	free(r->articles);
	for (i = 0; i < r->ngroups; i++)
		free(r->group_fields[i]);
	for (i = 0; i < r->nunrecognised; i++)
		free(r->unrecognised[i]);
	free(r->unrecognised);
	free(r->coverage);
	memset(r, 0, sizeof(*r));
}
