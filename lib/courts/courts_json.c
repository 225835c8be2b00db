/* The registry as the listing of `awol courts` (columns: awol_courts_cols). */
#include "util/common.h"
#include "awol/listings.h"

#include <jansson.h>

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

json_t *awol_court_list_json(const awol_court_list *l, const char *level)
{
	json_t *a = json_array();
	size_t i, k;

	for (i = 0; a && i < l->n; i++) {
		const awol_court *c = &l->items[i];
		const char *v[9] = {c->code, c->level,         c->name,        c->host,  c->region,
		                    c->city, c->district_code, c->parent_code, c->status};
		json_t *o;
		if (level && strcmp(c->level, level) != 0)
			continue;
		o = json_object();
		if (!o || json_array_append_new(a, o) < 0) {
			json_decref(a);
			return NULL;
		}
		for (k = 0; k < awol_courts_cols.n; k++)
			json_object_set_new(o, awol_courts_cols.names[k], str_or_null(v[k]));
	}
	return a;
}
