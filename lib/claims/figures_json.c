/* Published figures as the listing of `awol figures list` (include/awol/listings.h). */
#include "util/common.h"
#include "awol/listings.h"

#include <jansson.h>

static const char *const COLS[] = {"id",           "value",      "unit",      "articles",
                                   "period_start", "period_end", "geography", "source",
                                   "published",    "metric",     "url"};
static const bool NUMERIC[] = {false, true,  false, false, false, false,
                               false, false, false, false, false};

int awol_figures_listing(const awol_figure_list *l, const char *source, const char *article,
                         awol_table *out, awol_error *err)
{
	size_t i;
	int rc = 0;

	awol_table_init(out, COLS, AWOL_ARRAY_SIZE(COLS), NUMERIC);
	for (i = 0; rc == 0 && i < l->n; i++) {
		const awol_figure *f = &l->items[i];
		char v[32];
		const char *row[11];
		if (article && !strstr(f->articles, article))
			continue;
		snprintf(v, sizeof(v), "%.15g", f->value);
		row[0] = f->id, row[1] = v, row[2] = f->unit, row[3] = f->articles;
		row[4] = f->period_start, row[5] = f->period_end, row[6] = f->geography;
		row[7] = f->source, row[8] = f->published, row[9] = f->metric, row[10] = f->url;
		rc = awol_table_add(out, row);
	}
	if (rc == 0) {
		out->meta = awol_table_meta(
		    source ? source : "the figures shipped with awol (data/published-figures.csv)",
		    "article", article);
		if (!out->meta)
			rc = -AWOL_ENOMEM;
	}
	return rc < 0 ? awol_error_set(err, AWOL_ENOMEM, "out of memory") : 0;
}
