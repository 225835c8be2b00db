/*
 * The JSON document of a stats result: what `awol stats --format json` prints and what
 * `awol serve` answers on /api/stats, built in one place so the two can never differ.
 * Fields: docs/counting.md ("JSON").
 */
#include "util/common.h"
#include "awol/figures.h"
#include "awol/stats.h"

#include <jansson.h>
#include <math.h>

static json_t *num_or_null(double v, int digits)
{
	double k = pow(10, digits);

	return isnan(v) ? json_null() : json_real(round(v * k) / k);
}

static json_t *count_or_null(long v)
{
	return v >= 0 ? json_integer(v) : json_null();
}

static json_t *collected_json(int c)
{
	return c < 0 ? json_null() : json_boolean(c);
}

/* previous / year_ago and their days, comparability and change (prefix_days, ...). */
static void change_json(json_t *jr, const char *name, const awol_stats_change *c)
{
	char k[48];

	json_object_set_new(jr, name, count_or_null(c->count));
	snprintf(k, sizeof(k), "%s_days", name);
	json_object_set_new(jr, k, json_integer(c->days));
	snprintf(k, sizeof(k), "%s_comparable", name);
	json_object_set_new(jr, k, json_boolean(c->comparable));
	snprintf(k, sizeof(k), "%s_change_pct", name);
	json_object_set_new(jr, k, num_or_null(c->change_pct, 1));
}

static json_t *row_json(const awol_stats_query *q, const awol_stats_result *r,
                        const awol_stats_row *x)
{
	json_t *jr = json_pack("{s:s,s:s,s:b}", "period", x->period, "group", x->group,
	                       "period_total", x->period_total);
	size_t i;

	if (!jr)
		return NULL;
	if (r->ngroups) {
		json_t *g = json_object();
		for (i = 0; i < r->ngroups; i++)
			json_object_set_new(g, r->group_fields[i],
			                    x->groups ? json_string(x->groups[i]) : json_null());
		json_object_set_new(jr, "groups", g);
	}
	for (i = 0; i < r->ngroups; i++)
		if (strcmp(r->group_fields[i], "article") == 0 ||
		    strcmp(r->group_fields[i], "part") == 0) {
			json_object_set_new(jr, "searched",
			                    x->searched < 0 ? json_null()
			                                    : json_boolean(x->searched));
			break;
		}
	json_object_set_new(jr, "start", json_string(x->start));
	json_object_set_new(jr, "end", json_string(x->end));
	json_object_set_new(jr, "days", json_integer(x->days));
	json_object_set_new(jr, "period_days", json_integer(x->period_days));
	json_object_set_new(jr, "partial", json_boolean(x->partial));
	json_object_set_new(jr, "collected", collected_json(x->collected));
	json_object_set_new(jr, "count", count_or_null(x->count));
	if (q->share)
		json_object_set_new(jr, "share", num_or_null(x->share, 4));
	json_object_set_new(jr, "rate_per_day", num_or_null(x->rate_per_day, 3));
	change_json(jr, "previous", &x->previous);
	/* by year, the year before is the previous period: no second column of it */
	if (!q->by || strcmp(q->by, "year") != 0)
		change_json(jr, "year_ago", &x->year_ago_change);
	return jr;
}

static json_t *query_json(const awol_stats_query *q)
{
	json_t *o = json_object();

	json_object_set_new(o, "unit", json_string(q->unit ? q->unit : "cases"));
	json_object_set_new(o, "by", json_string(q->by ? q->by : "month"));
	json_object_set_new(o, "group", q->group ? json_string(q->group) : json_null());
	json_object_set_new(o, "articles", q->articles ? json_string(q->articles) : json_null());
	json_object_set_new(o, "courts", q->courts ? json_string(q->courts) : json_null());
	json_object_set_new(o, "part", q->part ? json_string(q->part) : json_null());
	json_object_set_new(o, "from", q->from ? json_string(q->from) : json_null());
	json_object_set_new(o, "to", q->to ? json_string(q->to) : json_null());
	json_object_set_new(o, "date", json_string(q->date ? q->date : "received"));
	json_object_set_new(o, "share", json_boolean(q->share));
	json_object_set_new(o, "sort", json_string(q->sort ? q->sort : "period"));
	json_object_set_new(o, "limit", q->limit > 0 ? json_integer(q->limit) : json_null());
	return o;
}

static json_t *coverage_json(const awol_stats_result *r)
{
	json_t *o = json_object(), *a = json_array();
	size_t i;
	static const char *const names[] = {"complete", "partial", "pending",      "captcha",
	                                    "dead",     "all",     "listings_only"};

	json_object_set_new(o, "known", json_boolean(r->coverage_known == 1));
	for (i = 0; i < r->narticles; i++)
		json_array_append_new(
		    a, json_pack("{s:s,s:o}", "article", r->articles[i].article, "searched",
		                 r->coverage_known == 1 ? json_boolean(r->articles[i].searched)
		                                        : json_null()));
	json_object_set_new(o, "articles", a);
	if (r->coverage_known == 1) {
		json_t *w = json_object();
		for (i = 0; i < AWOL_ARRAY_SIZE(names); i++)
			json_object_set_new(w, names[i], json_integer(r->windows[i]));
		json_object_set_new(o, "windows", w);
		json_object_set_new(o, "courts", json_integer(r->courts));
		json_object_set_new(o, "first_day",
		                    r->coverage_first[0] ? json_string(r->coverage_first)
		                                         : json_null());
		json_object_set_new(o, "last_day",
		                    r->coverage_last[0] ? json_string(r->coverage_last)
		                                        : json_null());
	}
	return o;
}

json_t *awol_stats_to_json(const awol_stats_query *q, const awol_stats_result *r,
                           const awol_figure_comparison *compare)
{
	json_t *o = json_object(), *rows = json_array(), *u = json_array(), *gf = json_array();
	size_t i;
	bool searched = true;

	if (!o || !rows || !u || !gf)
		goto fail;
	for (i = 0; i < r->nrows; i++)
		json_array_append_new(rows, row_json(q, r, &r->rows[i]));
	for (i = 0; i < r->nunrecognised; i++)
		json_array_append_new(u, json_string(r->unrecognised[i]));
	for (i = 0; i < r->ngroups; i++)
		json_array_append_new(gf, json_string(r->group_fields[i]));
	for (i = 0; i < r->narticles; i++)
		searched = searched && r->articles[i].searched;
	json_object_set_new(o, "awol_version", json_string(AWOL_VERSION));
	json_object_set_new(o, "simulated", json_boolean(r->simulated));
	json_object_set_new(o, "query", query_json(q));
	json_object_set_new(o, "coverage", json_string(r->coverage));
	json_object_set_new(o, "coverage_complete", json_boolean(r->coverage_complete));
	json_object_set_new(o, "coverage_detail", coverage_json(r));
	json_object_set_new(o, "searched",
	                    r->coverage_known == 1 ? json_boolean(searched) : json_null());
	json_object_set_new(o, "lower_bound",
	                    r->coverage_known == 1 ? json_boolean(r->lower_bound) : json_null());
	json_object_set_new(o, "unit", json_string(q->unit ? q->unit : "cases"));
	json_object_set_new(o, "by", json_string(q->by ? q->by : "month"));
	json_object_set_new(o, "group", q->group ? json_string(q->group) : json_null());
	json_object_set_new(o, "group_fields", gf);
	json_object_set_new(o, "total", count_or_null(r->total));
	json_object_set_new(o, "rows", rows);
	json_object_set_new(o, "unrecognised_outcomes", u);
	if (compare)
		json_object_set_new(o, "compare", awol_figures_comparison_to_json(compare));
	return o;
fail:
	json_decref(o);
	json_decref(rows);
	json_decref(u);
	json_decref(gf);
	return NULL;
}
