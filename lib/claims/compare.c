/*
 * Published figures beside our own count of the same unit (cases received),
 * articles and period: the rows of `awol stats --compare` and /api/compare.
 */
#include "util/common.h"
#include "awol/listings.h"
#include "awol/stats.h"

#include <jansson.h>

static const char *const COMPARE_COLS[] = {"figure",    "source", "articles",   "period",
                                           "published", "ours",   "difference", "metric"};
static const bool COMPARE_NUM[] = {false, false, false, false, true, true, true, false};
const awol_listing_cols awol_compare_cols = {COMPARE_COLS, COMPARE_NUM, 8};

/* Whether we can recount f within the selection (articles "337,338", from, to). */
static bool comparable(const awol_figure *f, const char *articles, const char *from, const char *to)
{
	char a[64], *tok, *save = NULL;

	if (strcmp(f->unit, "cases_received") != 0)
		return false;
	if (strspn(f->articles, "0123456789+") != strlen(f->articles))
		return false; /* free-text article sets cannot be recounted */
	snprintf(a, sizeof(a), "%s", f->articles);
	for (tok = strtok_r(a, "+", &save); tok; tok = strtok_r(NULL, "+", &save))
		if (articles && !strstr(articles, tok))
			return false; /* every article of the figure must be among ours */
	if ((from && strcmp(f->period_start, from) < 0) || (to && strcmp(f->period_end, to) > 0))
		return false;
	return true;
}

int awol_compare_json(awol_store *st, const awol_figure_list *l, const char *articles,
                      const char *from, const char *to, json_t **out, awol_error *err)
{
	json_t *a = json_array();
	size_t i;
	int rc = 0;

	*out = NULL;
	if (!a)
		return awol_error_set(err, AWOL_ENOMEM, "out of memory");
	for (i = 0; i < l->n; i++) {
		const awol_figure *f = &l->items[i];
		char per[32];
		long n = -1;
		json_t *o;
		if (!comparable(f, articles, from, to))
			continue;
		if (awol_stats_count_received(st, f->articles, f->period_start, f->period_end, &n,
		                              NULL) < 0)
			n = -1;
		snprintf(per, sizeof(per), "%s..%s", f->period_start, f->period_end);
		o = json_pack("{s:s,s:s,s:s,s:s,s:I,s:I,s:I,s:s}", "figure", f->id, "source",
		              f->source, "articles", f->articles, "period", per, "published",
		              (json_int_t)f->value, "ours", (json_int_t)n, "difference",
		              (json_int_t)(n - (long)f->value), "metric", f->metric);
		if (!o || json_array_append_new(a, o) < 0) {
			rc = awol_error_set(err, AWOL_ENOMEM, "out of memory");
			break;
		}
	}
	if (rc < 0)
		json_decref(a);
	else
		*out = a;
	return rc;
}
