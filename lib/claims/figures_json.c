/* Published figures as the listing of `awol figures list` (columns: awol_figures_cols). */
#include "util/common.h"
#include "awol/listings.h"

#include <jansson.h>

static const char *const FIGURES_COLS[] = {"id",           "value",      "unit",   "articles",
                                           "period_start", "period_end", "source", "published",
                                           "metric",       "url"};
const awol_listing_cols awol_figures_cols = {FIGURES_COLS, NULL, 10};

json_t *awol_figures_json(const awol_figure_list *l, const char *article)
{
	json_t *a = json_array();
	size_t i, k;

	for (i = 0; a && i < l->n; i++) {
		const awol_figure *f = &l->items[i];
		char v[32];
		const char *row[10];
		json_t *o;
		if (article && !strstr(f->articles, article))
			continue;
		snprintf(v, sizeof(v), "%g", f->value);
		row[0] = f->id, row[1] = v, row[2] = f->unit, row[3] = f->articles;
		row[4] = f->period_start, row[5] = f->period_end, row[6] = f->source;
		row[7] = f->published, row[8] = f->metric, row[9] = f->url;
		o = json_object();
		if (!o || json_array_append_new(a, o) < 0) {
			json_decref(a);
			return NULL;
		}
		for (k = 0; k < awol_figures_cols.n; k++)
			json_object_set_new(o, FIGURES_COLS[k],
			                    row[k] ? json_string(row[k]) : json_null());
	}
	return a;
}
