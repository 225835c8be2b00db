/*
 * The JSON document of a stats result: what `awol stats --format json` prints and what
 * `awol serve` answers on /api/stats, built in one place so the two can never differ.
 */
#include "util/common.h"
#include "awol/stats.h"

#include <jansson.h>

static json_t *row_json(const awol_stats_row *x)
{
	json_t *jr = json_pack("{s:s,s:s,s:I}", "period", x->period, "group", x->group, "count",
	                       (json_int_t)x->count);

	if (!jr)
		return NULL;
	json_object_set_new(jr, "previous", x->prev >= 0 ? json_integer(x->prev) : json_null());
	json_object_set_new(jr, "year_ago",
	                    x->year_ago >= 0 ? json_integer(x->year_ago) : json_null());
	return jr;
}

json_t *awol_stats_to_json(const awol_stats_query *q, const awol_stats_result *r)
{
	json_t *o = json_object(), *rows = json_array(), *u = json_array();
	size_t i;

	if (!o || !rows || !u)
		goto fail;
	for (i = 0; i < r->nrows; i++)
		json_array_append_new(rows, row_json(&r->rows[i]));
	for (i = 0; i < r->nunrecognised; i++)
		json_array_append_new(u, json_string(r->unrecognised[i]));
	json_object_set_new(o, "simulated", json_boolean(r->simulated));
	json_object_set_new(o, "coverage", json_string(r->coverage));
	json_object_set_new(o, "coverage_complete", json_boolean(r->coverage_complete));
	json_object_set_new(o, "unit", json_string(q->unit ? q->unit : "cases"));
	json_object_set_new(o, "by", json_string(q->by ? q->by : "month"));
	json_object_set_new(o, "group", q->group ? json_string(q->group) : json_null());
	json_object_set_new(o, "total", json_integer(r->total));
	json_object_set_new(o, "rows", rows);
	json_object_set_new(o, "unrecognised_outcomes", u);
	return o;
fail:
	json_decref(o);
	json_decref(rows);
	json_decref(u);
	return NULL;
}
