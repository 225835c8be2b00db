/*
 * The JSON document of a stats result: what `awol stats --format json` prints and what
 * `awol serve` answers on /api/stats, written in one place so the two can never differ.
 * Written straight into text (util/jsonw.h): a whole-country table by month and court is
 * 10 MB, and building it as a jansson tree, dumping and freeing it took longer than
 * counting it.  Fields: docs/counting.md ("JSON").
 */
#include "util/common.h"
#include "awol/figures.h"
#include "awol/stats.h"
#include "util/jsonw.h"

#include <jansson.h>
#include <math.h>

/* as `awol stats` has always printed them: 12 digits (21.4, not 21.399999999999999) */
#define STATS_INDENT 2
#define STATS_PRECISION 12

static void num_or_null(awol_jsonw *w, const char *key, double v, int digits)
{
	double k = pow(10, digits);

	if (isnan(v))
		awol_jsonw_null(w, key);
	else
		awol_jsonw_real(w, key, round(v * k) / k);
}

static void count_or_null(awol_jsonw *w, const char *key, long v)
{
	if (v >= 0)
		awol_jsonw_int(w, key, v);
	else
		awol_jsonw_null(w, key);
}

static void bool_or_null(awol_jsonw *w, const char *key, int v)
{
	if (v < 0)
		awol_jsonw_null(w, key);
	else
		awol_jsonw_bool(w, key, v);
}

/* previous / year_ago and their days, comparability and change (name_days, ...). */
typedef struct change_keys {
	const char *count, *days, *comparable, *change_pct;
} change_keys;
static const change_keys PREVIOUS = {"previous", "previous_days", "previous_comparable",
                                     "previous_change_pct"};
static const change_keys YEAR_AGO = {"year_ago", "year_ago_days", "year_ago_comparable",
                                     "year_ago_change_pct"};

static void change_json(awol_jsonw *w, const change_keys *k, const awol_stats_change *c)
{
	count_or_null(w, k->count, c->count);
	awol_jsonw_int(w, k->days, c->days);
	awol_jsonw_bool(w, k->comparable, c->comparable);
	num_or_null(w, k->change_pct, c->change_pct, 1);
}

static void row_json(awol_jsonw *w, const awol_stats_query *q, const awol_stats_result *r,
                     const awol_stats_row *x, bool by_article)
{
	size_t i;

	awol_jsonw_object(w, NULL);
	awol_jsonw_string(w, "period", x->period);
	awol_jsonw_string(w, "group", x->group);
	awol_jsonw_bool(w, "period_total", x->period_total);
	if (r->ngroups) {
		awol_jsonw_object(w, "groups");
		for (i = 0; i < r->ngroups; i++)
			awol_jsonw_string(w, r->group_fields[i], x->groups ? x->groups[i] : NULL);
		awol_jsonw_end(w);
	}
	if (by_article)
		bool_or_null(w, "searched", x->searched);
	awol_jsonw_string(w, "start", x->start);
	awol_jsonw_string(w, "end", x->end);
	awol_jsonw_int(w, "days", x->days);
	awol_jsonw_int(w, "period_days", x->period_days);
	awol_jsonw_bool(w, "partial", x->partial);
	bool_or_null(w, "collected", x->collected);
	count_or_null(w, "count", x->count);
	if (q->share)
		num_or_null(w, "share", x->share, 4);
	num_or_null(w, "rate_per_day", x->rate_per_day, 3);
	change_json(w, &PREVIOUS, &x->previous);
	/* by year, the year before is the previous period: no second column of it */
	if (!q->by || strcmp(q->by, "year") != 0)
		change_json(w, &YEAR_AGO, &x->year_ago_change);
	awol_jsonw_end(w);
}

static void query_json(awol_jsonw *w, const awol_stats_query *q)
{
	awol_jsonw_object(w, "query");
	awol_jsonw_string(w, "unit", q->unit ? q->unit : "cases");
	awol_jsonw_string(w, "by", q->by ? q->by : "month");
	awol_jsonw_string(w, "group", q->group);
	awol_jsonw_string(w, "articles", q->articles);
	awol_jsonw_string(w, "courts", q->courts);
	awol_jsonw_string(w, "part", q->part);
	awol_jsonw_string(w, "from", q->from);
	awol_jsonw_string(w, "to", q->to);
	awol_jsonw_string(w, "date", q->date ? q->date : "received");
	awol_jsonw_bool(w, "share", q->share);
	awol_jsonw_string(w, "sort", q->sort ? q->sort : "period");
	if (q->limit > 0)
		awol_jsonw_int(w, "limit", q->limit);
	else
		awol_jsonw_null(w, "limit");
	awol_jsonw_end(w);
}

static void coverage_json(awol_jsonw *w, const awol_stats_result *r)
{
	size_t i;
	static const char *const names[] = {"complete", "partial", "pending",      "captcha",
	                                    "dead",     "all",     "listings_only"};

	awol_jsonw_object(w, "coverage_detail");
	awol_jsonw_bool(w, "known", r->coverage_known == 1);
	awol_jsonw_array(w, "articles");
	for (i = 0; i < r->narticles; i++) {
		awol_jsonw_object(w, NULL);
		awol_jsonw_string(w, "article", r->articles[i].article);
		bool_or_null(w, "searched", r->coverage_known == 1 ? r->articles[i].searched : -1);
		awol_jsonw_end(w);
	}
	awol_jsonw_end(w);
	if (r->coverage_known == 1) {
		awol_jsonw_object(w, "windows");
		for (i = 0; i < AWOL_ARRAY_SIZE(names); i++)
			awol_jsonw_int(w, names[i], r->windows[i]);
		awol_jsonw_end(w);
		awol_jsonw_int(w, "courts", r->courts);
		awol_jsonw_string(w, "first_day", r->coverage_first[0] ? r->coverage_first : NULL);
		awol_jsonw_string(w, "last_day", r->coverage_last[0] ? r->coverage_last : NULL);
	}
	awol_jsonw_end(w);
}

/* The published figures, dumped by jansson (a small document) and set in their place. */
static int compare_json(awol_jsonw *w, const awol_figure_comparison *compare, awol_error *err)
{
	json_t *o = awol_figures_comparison_to_json(compare);
	char *s =
	    o ? json_dumps(o, JSON_INDENT(STATS_INDENT) | JSON_REAL_PRECISION(STATS_PRECISION))
	      : NULL;

	if (s)
		awol_jsonw_raw(w, "compare", s);
	free(s);
	json_decref(o);
	return s ? 0 : awol_error_set(err, AWOL_ENOMEM, "out of memory");
}

int awol_stats_json_text(const awol_stats_query *q, const awol_stats_result *r,
                         const awol_figure_comparison *compare, char **out, size_t *n,
                         awol_error *err)
{
	awol_buf b = AWOL_BUF_INIT;
	awol_jsonw w;
	size_t i;
	bool searched = true, by_article = false;
	int rc = 0;

	*out = NULL;
	*n = 0;
	for (i = 0; i < r->narticles; i++)
		searched = searched && r->articles[i].searched;
	for (i = 0; i < r->ngroups; i++)
		by_article = by_article || strcmp(r->group_fields[i], "article") == 0 ||
		             strcmp(r->group_fields[i], "part") == 0;
	/* about 700 bytes a row: one allocation for most documents */
	if (awol_buf_grow(&b, 4096 + r->nrows * 768, err) < 0)
		return -AWOL_ENOMEM;
	awol_jsonw_init(&w, &b, STATS_INDENT, STATS_PRECISION);
	awol_jsonw_object(&w, NULL);
	awol_jsonw_string(&w, "awol_version", AWOL_VERSION);
	awol_jsonw_bool(&w, "simulated", r->simulated);
	query_json(&w, q);
	awol_jsonw_string(&w, "coverage", r->coverage);
	awol_jsonw_bool(&w, "coverage_complete", r->coverage_complete);
	coverage_json(&w, r);
	bool_or_null(&w, "searched", r->coverage_known == 1 ? searched : -1);
	bool_or_null(&w, "lower_bound", r->coverage_known == 1 ? r->lower_bound : -1);
	awol_jsonw_string(&w, "unit", q->unit ? q->unit : "cases");
	awol_jsonw_string(&w, "by", q->by ? q->by : "month");
	awol_jsonw_string(&w, "group", q->group);
	awol_jsonw_array(&w, "group_fields");
	for (i = 0; i < r->ngroups; i++)
		awol_jsonw_string(&w, NULL, r->group_fields[i]);
	awol_jsonw_end(&w);
	count_or_null(&w, "total", r->total);
	awol_jsonw_array(&w, "rows");
	for (i = 0; i < r->nrows; i++)
		row_json(&w, q, r, &r->rows[i], by_article);
	awol_jsonw_end(&w);
	awol_jsonw_array(&w, "unrecognised_outcomes");
	for (i = 0; i < r->nunrecognised; i++)
		awol_jsonw_string(&w, NULL, r->unrecognised[i]);
	awol_jsonw_end(&w);
	if (compare)
		rc = compare_json(&w, compare, err);
	awol_jsonw_end(&w);
	if (rc == 0)
		rc = awol_jsonw_finish(&w, err);
	if (rc == 0)
		rc = awol_buf_putc(&b, '\n', err);
	if (rc < 0) {
		awol_buf_dispose(&b);
		return rc;
	}
	*n = b.len;
	*out = awol_buf_detach(&b);
	return 0;
}

json_t *awol_stats_to_json(const awol_stats_query *q, const awol_stats_result *r,
                           const awol_figure_comparison *compare)
{
	char *s;
	size_t n;
	json_t *o;

	/* the tree of the text, so that the tree and the text cannot differ */
	if (awol_stats_json_text(q, r, compare, &s, &n, NULL) < 0)
		return NULL;
	o = json_loadb(s, n, 0, NULL);
	free(s);
	return o;
}
