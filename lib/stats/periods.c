/*
 * The periods of a stats result (docs/counting.md, "Periods"): every period of the range
 * gets its rows, 0 when collected and empty, "not collected" (count -1) when no crawl
 * searched its days; each row says which days it counts; changes are given as
 * percentages only between periods that counted the same kind of span.
 */
#include "util/common.h"
#include "util/date.h"
#include "stats_priv.h"

#include <limits.h>
#include <math.h>

bool awol_stats_period_bounds(const char *p, const char *by, long *first, long *last)
{
	int y = 0, k = 0;
	char tail;

	if (strcmp(by, "year") == 0) {
		if (sscanf(p, "%d%c", &y, &tail) != 1)
			return false;
		*first = awol_date_to_days((awol_date){y, 1, 1});
		*last = awol_date_to_days((awol_date){y, 12, 31});
		return true;
	}
	if (strcmp(by, "week") == 0) {
		awol_date jan4;
		if (sscanf(p, "%d-W%d", &y, &k) != 2 || k < 1 || k > 53)
			return false;
		jan4 = (awol_date){y, 1, 4};
		*first = awol_date_to_days(jan4) - awol_date_weekday(jan4) + 1 + 7L * (k - 1);
		*last = *first + 6;
		return true;
	}
	{
		int m1, months;
		if (strcmp(by, "month") == 0 && sscanf(p, "%d-%d", &y, &k) == 2 && k >= 1 &&
		    k <= 12)
			m1 = k, months = 1;
		else if (strcmp(by, "quarter") == 0 && sscanf(p, "%d-Q%d", &y, &k) == 2 && k >= 1 &&
		         k <= 4)
			m1 = 3 * (k - 1) + 1, months = 3;
		else if (strcmp(by, "half") == 0 && sscanf(p, "%d-H%d", &y, &k) == 2 && k >= 1 &&
		         k <= 2)
			m1 = 6 * (k - 1) + 1, months = 6;
		else
			return false;
		*first = awol_date_to_days((awol_date){y, m1, 1});
		*last = m1 + months > 12 ? awol_date_to_days((awol_date){y + 1, 1, 1}) - 1
		                         : awol_date_to_days((awol_date){y, m1 + months, 1}) - 1;
	}
	return true;
}

static long day_of(const char *iso, long dflt)
{
	awol_date d;

	return iso && awol_date_parse_iso(iso, &d) ? awol_date_to_days(d) : dflt;
}

/*
 * The days a row counts: its calendar period cut by --from/--to and, when a crawl was
 * recorded, by the days collected.
 */
static void annotate(awol_stats_row *row, const awol_stats_query *q, const char *by, bool known,
                     const stats_spans *sp)
{
	long ps, pe, lo, hi, first = LONG_MAX, last = LONG_MIN, days = 0;
	size_t i;

	row->collected = known ? 0 : -1;
	row->days = row->period_days = 0;
	row->partial = false;
	row->start[0] = row->end[0] = '\0';
	if (!awol_stats_period_bounds(row->period, by, &ps, &pe))
		return;
	row->period_days = pe - ps + 1;
	lo = ps > day_of(q->from, LONG_MIN) ? ps : day_of(q->from, LONG_MIN);
	hi = pe < day_of(q->to, LONG_MAX) ? pe : day_of(q->to, LONG_MAX);
	if (lo > hi)
		return;
	if (!known) {
		first = lo, last = hi, days = hi - lo + 1;
	} else {
		for (i = 0; i < sp->n; i++) {
			long a = sp->d[i][0] > lo ? sp->d[i][0] : lo;
			long b = sp->d[i][1] < hi ? sp->d[i][1] : hi;
			if (a > b)
				continue;
			days += b - a + 1;
			if (a < first)
				first = a;
			if (b > last)
				last = b;
		}
		row->collected = days > 0;
		if (days == 0)
			first = lo, last = hi; /* the days asked, none collected */
	}
	row->days = days;
	row->partial = days > 0 && days < row->period_days;
	awol_date_iso(awol_date_from_days(first), row->start);
	awol_date_iso(awol_date_from_days(last), row->end);
}

/* A row of the group of row t for another period (t is an index: rows move). */
static int add_like(awol_stats_result *r, size_t *cap, size_t t, const char *period, long count)
{
	char *key = NULL;
	size_t i, len = 0;
	int rc;

	for (i = 0; i < r->ngroups; i++)
		len += strlen(r->rows[t].groups[i]) + 1;
	key = malloc(len + 1);
	if (!key)
		return -AWOL_ENOMEM;
	key[0] = '\0';
	for (i = 0, len = 0; i < r->ngroups; i++) {
		size_t l = strlen(r->rows[t].groups[i]);
		if (i)
			key[len++] = '\x1f';
		memcpy(key + len, r->rows[t].groups[i], l + 1);
		len += l;
	}
	rc = awol_stats_add_row(r, cap, period, key, count);
	free(key);
	return rc;
}

static const awol_stats_row *find(const awol_stats_result *r, size_t n, const char *period,
                                  const char *group)
{
	awol_stats_row key;

	if (!n)
		return NULL;
	key.period = (char *)(uintptr_t)period;
	key.group = (char *)(uintptr_t)group;
	key.period_total = strcmp(group, "(total)") == 0;
	return bsearch(&key, r->rows, n, sizeof(*r->rows), awol_stats_cmp_rows);
}

/*
 * The range: --from/--to where given, else the data's periods and the days collected.
 * Without a crawl record, only the periods between the first and last found (nothing
 * says whether days outside them were looked at).
 */
static int fill(awol_stats_result *r, const awol_stats_query *q, const char *by,
                const stats_spans *sp, size_t *cap)
{
	size_t n0 = r->nrows, i, ntmpl = 0;
	size_t *tmpl = NULL;
	long dlo = LONG_MAX, dhi = LONG_MIN, lo, hi, ps, pe;
	bool known = r->coverage_known == 1;
	char p[16], next[16];
	int rc = 0, guard = 0;

	for (i = 0; i < n0; i++)
		if (awol_stats_period_bounds(r->rows[i].period, by, &ps, &pe)) {
			dlo = ps < dlo ? ps : dlo;
			dhi = pe > dhi ? pe : dhi;
		}
	if (known && sp->n) {
		dlo = sp->d[0][0] < dlo ? sp->d[0][0] : dlo;
		dhi = sp->d[sp->n - 1][1] > dhi ? sp->d[sp->n - 1][1] : dhi;
	}
	if (dlo > dhi && !(known && q->from && q->to))
		return 0; /* nothing found, nothing collected, no range asked */
	if (known) {
		lo = q->from ? day_of(q->from, dlo) : dlo;
		hi = q->to ? day_of(q->to, dhi) : dhi;
	} else {
		lo = day_of(q->from, LONG_MIN) > dlo ? day_of(q->from, LONG_MIN) : dlo;
		hi = day_of(q->to, LONG_MAX) < dhi ? day_of(q->to, LONG_MAX) : dhi;
	}
	if (lo > hi)
		return 0;
	/*
	 * The groups seen, one row each (by index: adding rows moves them), and the period
	 * total; rows [0, n0) are sorted by period and group.
	 */
	tmpl = calloc(n0 + 1, sizeof(*tmpl));
	if (!tmpl)
		return -AWOL_ENOMEM;
	for (i = 0; i < n0; i++) {
		size_t k;
		bool seen = false;
		if (r->rows[i].period_total || !r->ngroups)
			continue;
		for (k = 0; k < ntmpl && !seen; k++)
			seen = strcmp(r->rows[tmpl[k]].group, r->rows[i].group) == 0;
		if (!seen)
			tmpl[ntmpl++] = i;
	}
	{
		char iso[11];
		awol_date_iso(awol_date_from_days(lo), iso);
		if (!awol_stats_period(iso, by, p, sizeof(p)))
			goto done;
	}
	while (awol_stats_period_bounds(p, by, &ps, &pe) && ps <= hi && guard++ < 200000) {
		awol_stats_row probe;
		long n;
		memset(&probe, 0, sizeof(probe));
		probe.period = p;
		annotate(&probe, q, by, known, sp);
		n = probe.collected == 0 ? -1 : 0;
		if (!find(r, n0, p, r->ngroups ? "(total)" : ""))
			rc = awol_stats_add_row(r, cap, p, r->ngroups ? "(total)" : "", n);
		for (i = 0; i < ntmpl && rc == 0; i++)
			if (!find(r, n0, p, r->rows[tmpl[i]].group))
				rc = add_like(r, cap, tmpl[i], p, n);
		if (rc < 0 || !awol_stats_period_shift(p, by, -1, next, sizeof(next)))
			break;
		memcpy(p, next, sizeof(p));
	}
done:
	free(tmpl);
	return rc;
}

/* Whole calendar periods, or the same number of days: a percentage means something. */
static void change(awol_stats_change *c, const awol_stats_row *row, const awol_stats_row *then)
{
	c->count = then && then->count >= 0 ? then->count : -1;
	c->days = then ? then->days : 0;
	c->comparable = then && row->count >= 0 && then->count >= 0 && row->collected != 0 &&
	                then->collected != 0 && row->days > 0 && then->days > 0 &&
	                ((row->days == row->period_days && then->days == then->period_days) ||
	                 row->days == then->days);
	c->change_pct = c->comparable && then->count > 0
	                    ? 100.0 * (double)(row->count - then->count) / (double)then->count
	                    : NAN;
}

static void changes(awol_stats_result *r, const awol_stats_query *q, const char *by)
{
	int per_year = strcmp(by, "month") == 0     ? 12
	               : strcmp(by, "quarter") == 0 ? 4
	               : strcmp(by, "half") == 0    ? 2
	                                            : 1;
	size_t i;

	for (i = 0; i < r->nrows; i++) {
		awol_stats_row *row = &r->rows[i];
		const awol_stats_row *tot;
		char p1[16], py[16];
		int y = 0, w = 0;
		bool have_py = false;

		change(&row->previous, row,
		       awol_stats_period_shift(row->period, by, 1, p1, sizeof(p1))
		           ? find(r, r->nrows, p1, row->group)
		           : NULL);
		if (strcmp(by, "week") == 0) {
			/* the same ISO week number a year earlier */
			if (sscanf(row->period, "%d-W%d", &y, &w) == 2) {
				snprintf(py, sizeof(py), "%04d-W%02d", y - 1, w);
				have_py = true;
			}
		} else
			have_py =
			    awol_stats_period_shift(row->period, by, per_year, py, sizeof(py));
		change(&row->year_ago_change, row,
		       have_py ? find(r, r->nrows, py, row->group) : NULL);
		row->prev = row->previous.count;
		row->year_ago = row->year_ago_change.count;
		row->rate_per_day =
		    row->count >= 0 && row->days > 0 ? (double)row->count / (double)row->days : NAN;
		row->share = NAN;
		if (!q->share || row->count < 0)
			continue;
		if (!r->ngroups) {
			if (r->total > 0)
				row->share = (double)row->count / (double)r->total;
		} else if ((tot = find(r, r->nrows, row->period, "(total)")) && tot->count > 0)
			row->share = (double)row->count / (double)tot->count;
	}
}

static int cmp_count(const void *a, const void *b)
{
	const awol_stats_row *x = a, *y = b;

	if (x->period_total != y->period_total)
		return x->period_total ? 1 : -1;
	if (!x->period_total && x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return awol_stats_cmp_rows(a, b);
}

static int cmp_group(const void *a, const void *b)
{
	const awol_stats_row *x = a, *y = b;
	int c;

	if (x->period_total != y->period_total)
		return x->period_total ? 1 : -1;
	c = strcmp(x->group, y->group);
	return c ? c : strcmp(x->period, y->period);
}

/* The first `limit` rows that are not period totals, and the totals of their periods. */
static int limit_rows(awol_stats_result *r, long limit)
{
	size_t i, j, n = 0, kept = 0;
	bool *keep = calloc(r->nrows + 1, sizeof(*keep));

	if (!keep)
		return -AWOL_ENOMEM;
	for (i = 0; i < r->nrows; i++)
		if (!r->rows[i].period_total && kept < (size_t)limit)
			keep[i] = true, kept++;
	for (i = 0; i < r->nrows; i++)
		for (j = 0; r->rows[i].period_total && j < r->nrows && !keep[i]; j++)
			keep[i] = keep[j] && !r->rows[j].period_total &&
			          strcmp(r->rows[j].period, r->rows[i].period) == 0;
	for (i = 0; i < r->nrows; i++) {
		if (keep[i])
			r->rows[n++] = r->rows[i];
		else
			awol_stats_row_free(&r->rows[i]);
	}
	r->nrows = n;
	free(keep);
	return 0;
}

int awol_stats_finish(awol_stats_result *r, const awol_stats_query *q, const char *by,
                      const stats_spans *sp, size_t *cap)
{
	size_t i;
	int rc = fill(r, q, by, sp, cap);

	if (rc < 0 || r->nrows == 0)
		return rc;
	qsort(r->rows, r->nrows, sizeof(*r->rows), awol_stats_cmp_rows);
	for (i = 0; i < r->nrows; i++)
		annotate(&r->rows[i], q, by, r->coverage_known == 1, sp);
	changes(r, q, by);
	if (q->sort && strcmp(q->sort, "count") == 0)
		qsort(r->rows, r->nrows, sizeof(*r->rows), cmp_count);
	else if (q->sort && strcmp(q->sort, "group") == 0)
		qsort(r->rows, r->nrows, sizeof(*r->rows), cmp_group);
	return q->limit > 0 ? limit_rows(r, q->limit) : 0;
}
