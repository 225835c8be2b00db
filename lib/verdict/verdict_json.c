/* The JSON object of one act (`awol verdict --json`, docs/verdicts.md). */
#include "util/common.h"
#include "awol/verdict.h"

#include <jansson.h>

static json_t *str(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

static json_t *intn(long long v)
{
	return v >= 0 ? json_integer(v) : json_null();
}

static json_t *defendant(const awol_verdict_defendant *d)
{
	json_t *o = json_object(), *arts = json_array(), *p, *ev, *add;
	size_t i;

	json_object_set_new(o, "label", str(d->label));
	json_object_set_new(o, "outcome", json_string(d->outcome));
	json_object_set_new(o, "ground", str(d->ground));
	json_object_set_new(o, "reason", str(d->reason));
	for (i = 0; i < d->narticles; i++)
		json_array_append_new(
		    arts, json_pack("{s:o,s:o,s:o,s:o}", "law", str(d->articles[i].law), "article",
		                    str(d->articles[i].article), "part", str(d->articles[i].part),
		                    "point", str(d->articles[i].point)));
	json_object_set_new(o, "convicted_of", arts);
	if (d->has_punishment) {
		const awol_verdict_punishment *q = &d->punishment;
		add = json_array();
		for (i = 0; i < q->nadditional; i++)
			json_array_append_new(add, json_string(q->additional[i]));
		p = json_object();
		json_object_set_new(p, "type", str(q->type));
		json_object_set_new(p, "suspended",
		                    q->suspended_known ? json_boolean(q->suspended) : json_null());
		json_object_set_new(p, "months", intn(q->months));
		json_object_set_new(p, "redacted", json_boolean(q->redacted));
		json_object_set_new(p, "regime", str(q->regime));
		json_object_set_new(p, "probation_months", intn(q->probation_months));
		json_object_set_new(p, "fine_rub", intn(q->fine_rub));
		json_object_set_new(p, "below_minimum", json_boolean(q->below_minimum));
		json_object_set_new(p, "additional", add);
		json_object_set_new(o, "punishment", p);
	} else
		json_object_set_new(o, "punishment", json_null());
	json_object_set_new(o, "service", str(d->service));
	if (d->has_absence)
		json_object_set_new(o, "absence",
		                    json_pack("{s:o,s:o,s:o,s:o}", "from", str(d->absence.from),
		                              "to", str(d->absence.to), "days",
		                              intn(d->absence.days), "ended",
		                              str(d->absence.ended)));
	else
		json_object_set_new(o, "absence", json_null());
	ev = json_pack("{s:o,s:o,s:o,s:o}", "outcome", str(d->ev_outcome), "punishment",
	               str(d->ev_punishment), "service", str(d->ev_service), "absence",
	               str(d->ev_absence));
	json_object_set_new(o, "evidence", ev);
	return o;
}

int awol_verdict_to_json(const awol_verdict *v, const char *file, const char *error, char **out,
                         awol_error *err)
{
	json_t *o = json_object(), *a = json_array();
	size_t i;

	*out = NULL;
	if (!o || !a) {
		json_decref(o);
		json_decref(a);
		return awol_error_set(err, AWOL_ENOMEM, "out of memory");
	}
	json_object_set_new(o, "file", str(file));
	json_object_set_new(o, "act", str(v ? v->act : NULL));
	json_object_set_new(o, "appeal", json_boolean(v && v->appeal));
	json_object_set_new(o, "reason", str(v ? v->reason : NULL));
	for (i = 0; v && i < v->ndefendants; i++)
		json_array_append_new(a, defendant(&v->defendants[i]));
	json_object_set_new(o, "defendants", a);
	json_object_set_new(o, "error", str(error));
	*out = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII * 0);
	json_decref(o);
	if (!*out)
		return awol_error_set(err, AWOL_ENOMEM, "out of memory");
	return 0;
}
