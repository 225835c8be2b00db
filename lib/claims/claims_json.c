/* The verdicts of a checked claims file as one JSON document, for `awol check` and
 * `awol serve` (include/awol/listings.h). */
#include "util/common.h"
#include "awol/listings.h"

#include <jansson.h>
#include <math.h>

json_t *awol_claims_doc(const awol_claims *cs, const char *source, const char *db)
{
	json_t *doc = awol_table_meta(source, NULL, NULL), *a = json_array();
	size_t i;
	bool sim = false, lower = false;

	if (!doc || !a)
		goto fail;
	for (i = 0; i < cs->n; i++) {
		const awol_claim *c = &cs->items[i];
		json_t *o = json_pack("{s:s,s:s,s:s,s:f,s:s,s:s,s:b,s:b}", "id", c->id, "text",
		                      c->text ? c->text : "", "kind", c->kind, "claimed", c->value,
		                      "verdict", c->verdict, "why", c->why, "lower_bound",
		                      c->lower_bound, "simulated", c->simulated);
		if (!o || json_array_append_new(a, o) < 0)
			goto fail;
		json_object_set_new(o, "found",
		                    isnan(c->found) ? json_null() : json_real(c->found));
		json_object_set_new(o, "caveat", c->caveat ? json_string(c->caveat) : json_null());
		sim = sim || c->simulated;
		lower = lower || c->lower_bound;
	}
	json_object_set_new(doc, "title", cs->title ? json_string(cs->title) : json_null());
	json_object_set_new(doc, "database", db ? json_string(db) : json_null());
	json_object_set_new(doc, "simulated", json_boolean(sim));
	json_object_set_new(doc, "any_lower_bound", json_boolean(lower));
	json_object_set_new(doc, "count", json_integer((json_int_t)cs->n));
	json_object_set_new(doc, "rows", a);
	return doc;
fail:
	json_decref(doc);
	json_decref(a);
	return NULL;
}
