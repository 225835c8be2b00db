/*
 * Counting over the store (include/awol/stats.h, docs/counting.md).
 *
 * One SQL query yields (period, group, unit id) with DISTINCT, so the rules
 * hold by construction: a case counts once per period and group however
 * many defendants and charges it has; under group=article a case with 337
 * and 338 counts once under each; the period total counts distinct cases.
 * Periods and outcomes come from SQL functions registered from C.  The statements are
 * lib/store's (store_stats.c); here are the rules around them.
 */
#include "util/common.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/text.h"
#include "awol/store.h"
#include "awol/stats.h"
#include "stats_priv.h"
#include "store/store_stats.h"

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

/* One counting run: what the query asks, and the date range this part covers. */
typedef struct part {
	const awol_stats_query *q;
	const char *by, *axis; /* axis: "received" or "decided" */
	const char *from, *to; /* ISO days or NULL */
	const char *const *groups;
	size_t ngroups;
	const awol_stats_memo *memo; /* counts of edge pieces read beforehand, or NULL */
} part;

typedef struct part_rows {
	const awol_stats_query *q;
	awol_stats_result *out;
	size_t *cap;
	awol_error *err;
} part_rows;

static int part_row(void *ctx, const char *per, const char *g, long cnt)
{
	part_rows *pr = ctx;

	if (!per) {
		pr->out->total += cnt;
		return 0;
	}
	if (!pr->q->group && strcmp(g, "(total)") == 0)
		return 0; /* ungrouped: the group row is the total */
	if (awol_stats_add_row(pr->out, pr->cap, per, g, cnt) < 0)
		return awol_error_set(pr->err, AWOL_ENOMEM, "out of memory");
	return 0;
}

/*
 * Rows (period, group, count), then (period, '(total)', count) and (NULL, '(all)',
 * count) into out: from the cases, or added up from the summary (lib/store counts
 * alike either way).
 */
static int count_part(awol_store *st, const part *pt, bool summary, awol_stats_result *out,
                      size_t *cap, awol_error *err)
{
	awol_store_tally t = {0};
	part_rows pr = {pt->q, out, cap, err};

	t.unit = pt->q->unit;
	t.by = pt->by;
	t.axis = pt->axis;
	t.articles = pt->q->articles;
	t.part = pt->q->part;
	t.from = pt->from;
	t.to = pt->to;
	t.courts = pt->q->courts;
	t.groups = pt->groups;
	t.ngroups = pt->ngroups;
	t.summary = summary;
	return awol_store_tally_rows(st, &t, part_row, &pr, err);
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
		bool in_summary;
		snprintf(name, sizeof(name), "%.*s", (int)(l < 31 ? l : 31), p);
		if (!awol_store_stats_group(name, &in_summary) || !in_summary)
			return false;
		p += l;
		if (*p == ',')
			p++;
	}
	return true;
}

bool awol_stats_split_range(const char *from, const char *to, stats_split *sp)
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
static bool use_summary(awol_store *st, const awol_stats_query *q, stats_split *sp)
{
	bool fresh = false;

	return awol_stats_summary_serves(q) && awol_stats_split_range(q->from, q->to, sp) &&
	       awol_store_counts_fresh(st, &fresh, NULL) == 0 && fresh;
}

/* Whether the memo's counts (national, by receipt, every case) can stand for pt's. */
static bool memo_serves(const part *pt)
{
	return pt->memo && !pt->q->group && !pt->q->courts && !pt->q->part &&
	       strcmp(pt->axis, "received") == 0 &&
	       (!pt->q->unit || strcmp(pt->q->unit, "cases") == 0);
}

/*
 * A piece at an end of the range (inside one summary segment), from the general query,
 * or from the memo when it holds the piece: the same rows, as a case has one day.
 */
static int count_piece(awol_store *st, const part *pt, awol_stats_result *out, size_t *cap,
                       awol_error *err)
{
	char per[16];
	long n = 0;

	if (!memo_serves(pt) ||
	    !awol_stats_memo_piece(pt->memo, pt->q->articles, pt->from, pt->to, &n))
		return count_part(st, pt, false, out, cap, err);
	out->total += n;
	/* the general query has no row for a period without a case */
	if (n > 0 && awol_stats_period(pt->from, pt->by, per, sizeof(per)) &&
	    awol_stats_add_row(out, cap, per, "", n) < 0)
		return awol_error_set(err, AWOL_ENOMEM, "out of memory");
	return 0;
}

static int count_all(awol_store *st, const awol_stats_query *q, part *pt, awol_stats_result *out,
                     awol_error *err)
{
	size_t cap = 0;
	stats_split sp;
	int rc = 0;

	if (!use_summary(st, q, &sp))
		return count_part(st, pt, false, out, &cap, err);
	out->from_summary = true;
	if (sp.has_head) {
		pt->from = sp.head[0], pt->to = sp.head[1];
		rc = count_piece(st, pt, out, &cap, err);
	}
	if (rc == 0 && sp.has_tail) {
		pt->from = sp.tail[0], pt->to = sp.tail[1];
		rc = count_piece(st, pt, out, &cap, err);
	}
	if (rc == 0 && sp.has_seg) {
		pt->from = sp.seg_from ? sp.seg[0] : NULL;
		pt->to = sp.seg_to ? sp.seg[1] : NULL;
		/* the memo's sums of the summary, or the summary's rows added up here */
		rc = memo_serves(pt) ? awol_stats_memo_rows(pt->memo, pt->q->articles, pt->from,
		                                            pt->to, pt->by, out, &cap)
		                     : 0;
		if (rc < 0)
			return awol_error_set(err, AWOL_ENOMEM, "out of memory");
		if (rc == 0)
			rc = count_part(st, pt, true, out, &cap, err);
		else
			rc = 0;
	}
	return rc;
}

/* Result texts awol does not understand (group=outcome), from the summary when fresh. */
static int unrecognised(awol_store *st, bool summary, awol_stats_result *out, awol_error *err)
{
	awol_store_rows *r = NULL;
	int rc = awol_store_stats_unrecognised(st, summary, &r, err);

	while (rc == 0 && (rc = awol_store_rows_next(r, err)) > 0) {
		char **nu;
		rc = 0;
		nu = realloc(out->unrecognised, (out->nunrecognised + 1) * sizeof(char *));
		if (!nu)
			break;
		out->unrecognised = nu;
		nu[out->nunrecognised++] = strdup(awol_store_rows_text(r, 0));
	}
	awol_store_rows_close(r);
	return rc;
}

/*
 * The group fields of q (one, or several comma-separated: a cross-tab), each known to
 * the counts and given once, into out->group_fields.
 */
static int resolve_groups(const awol_stats_query *q, awol_stats_result *out, awol_error *err)
{
	const char *p = q->group;

	if (!p)
		return 0;
	while (*p) {
		size_t l = strcspn(p, ",");
		char name[32];
		size_t i;
		snprintf(name, sizeof(name), "%.*s", (int)(l < 31 ? l : 31), p);
		if (!l || !awol_store_stats_group(name, NULL))
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
		out->ngroups++;
		p += l;
		if (*p == ',')
			p++;
	}
	return 0;
}

static int run_query(awol_store *st, const awol_stats_query *q, const awol_stats_memo *memo,
                     awol_stats_result *out, awol_error *err)
{
	const char *unit = q->unit ? q->unit : "cases";
	part pt;
	bool own_tx = false;
	int rc = 0;
	char *sim = NULL;
	stats_spans sp = {0};
	size_t cap;

	memset(out, 0, sizeof(*out));
	memset(&pt, 0, sizeof(pt));
	pt.q = q;
	pt.memo = memo;
	pt.by = q->by ? q->by : "month";
	pt.axis = q->date && strcmp(q->date, "decided") == 0 ? "decided" : "received";
	pt.from = q->from;
	pt.to = q->to;
	if (strcmp(unit, "cases") != 0 && strcmp(unit, "defendants") != 0 &&
	    strcmp(unit, "charges") != 0)
		return awol_error_set(err, AWOL_EINVAL, "unknown unit '%s'", unit);
	if (!awol_stats_period("2020-01-01", pt.by, (char[16]){0}, 16))
		return awol_error_set(err, AWOL_EINVAL, "unknown period '%s'", pt.by);
	rc = resolve_groups(q, out, err);
	if (rc < 0)
		goto done;
	pt.groups = (const char *const *)out->group_fields;
	pt.ngroups = out->ngroups;
	/* one snapshot: the summary's freshness and the counts are read together */
	rc = awol_store_read_begin(st, &own_tx, err);
	if (rc < 0)
		goto done;
	rc = count_all(st, q, &pt, out, err);
	if (rc < 0)
		goto done;
	sort_merge(out);
	rc = awol_stats_coverage_read(st, q, out, &sp, err);
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
	    (rc = unrecognised(st, out->from_summary, out, err)) < 0)
		goto done;
	if (awol_store_meta_get(st, "simulated", &sim, NULL) == 0 && sim && strcmp(sim, "1") == 0)
		out->simulated = true;
	free(sim);
done:
	free(sp.d);
	awol_store_read_end(st, own_tx);
	if (rc < 0) {
		/* the store's own errors name the database already */
		if (rc != -AWOL_EDB)
			awol_error_prefix(err, "%s: ", awol_store_path(st));
		awol_stats_dispose(out);
	}
	return rc;
}

int awol_stats_run(awol_store *st, const awol_stats_query *q, awol_stats_result *out,
                   awol_error *err)
{
	return run_query(st, q, NULL, out, err);
}

/* An article list of a published figure ("337+338") as the queries take it ("337,338"). */
bool awol_stats_article_list(const char *articles, char *a, size_t n)
{
	char *p;

	if (!articles || strlen(articles) >= n)
		return false;
	snprintf(a, n, "%s", articles);
	for (p = a; *p; p++)
		if (*p == '+')
			*p = ',';
	return true;
}

int awol_stats_count_received_basis(awol_store *st, const char *articles, const char *from,
                                    const char *to, long *out, awol_stats_basis *basis,
                                    awol_error *err)
{
	return awol_stats_count_received_memo(st, NULL, articles, from, to, out, basis, err);
}

int awol_stats_count_received_memo(awol_store *st, const awol_stats_memo *memo,
                                   const char *articles, const char *from, const char *to,
                                   long *out, awol_stats_basis *basis, awol_error *err)
{
	awol_stats_query q = {0};
	awol_stats_result r;
	awol_stats_basis b = {0};
	char a[128];
	size_t i;
	int rc;

	*out = -1;
	if (!awol_stats_article_list(articles, a, sizeof(a)))
		return awol_error_set(err, AWOL_EINVAL, "bad article list '%s'",
		                      articles ? articles : "");
	q.unit = "cases";
	q.by = "year";
	q.articles = a;
	q.from = from;
	q.to = to;
	q.date = "received";
	rc = run_query(st, &q, memo, &r, err);
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
