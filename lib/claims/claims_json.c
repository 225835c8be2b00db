/* The verdicts of a checked claims file as JSON, for `awol check` and `awol serve`. */
#include "util/common.h"
#include "awol/claims.h"

#include <jansson.h>
#include <math.h>

json_t *awol_claims_to_json(const awol_claims *cs)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; a && i < cs->n; i++) {
		const awol_claim *c = &cs->items[i];
		json_t *o = json_pack("{s:s,s:s,s:s,s:f,s:s,s:s}", "id", c->id, "text",
		                      c->text ? c->text : "", "kind", c->kind, "claimed", c->value,
		                      "verdict", c->verdict, "why", c->why);
		if (!o || json_array_append_new(a, o) < 0) {
			json_decref(a);
			return NULL;
		}
		json_object_set_new(o, "found",
		                    isnan(c->found) ? json_null() : json_real(c->found));
	}
	return a;
}
