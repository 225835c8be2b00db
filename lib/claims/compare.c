/*
 * Published figures set beside our own counts (`awol stats --compare`): which figures can
 * be recounted from the store, and our count for each.  Kept apart from the CLI so that
 * `awol stats --compare` and the coming `awol serve` match figures the same way.
 */
#include "util/common.h"
#include "awol/figures.h"
#include "awol/stats.h"

#include <jansson.h>

/*
 * Our count for a published figure: same article(s), unit and period; -1 when none or
 * when no day of the period was collected.
 */
static long our_count(awol_store *st, const awol_figure *f, awol_stats_basis *b)
{
	long n = -1;

	if (awol_stats_count_received_basis(st, f->articles, f->period_start, f->period_end, &n, b,
	                                    NULL) < 0)
		return -1;
	return n;
}

/* Whether a published figure is one we can set against our counts for this selection. */
static bool figure_matches(const awol_figure *f, const char *articles, const char *from,
                           const char *to)
{
	if (strcmp(f->unit, "cases_received") != 0)
		return false;
	if (strspn(f->articles, "0123456789+") != strlen(f->articles))
		return false; /* free-text article sets cannot be recounted */
	{
		/* every article of the figure must be among ours */
		char a[64], *tok, *save = NULL;
		bool all = true;
		snprintf(a, sizeof(a), "%s", f->articles);
		for (tok = strtok_r(a, "+", &save); tok; tok = strtok_r(NULL, "+", &save))
			if (articles && !strstr(articles, tok))
				all = false;
		if (!all)
			return false;
	}
	if ((from && strcmp(f->period_start, from) < 0) || (to && strcmp(f->period_end, to) > 0))
		return false;
	return true;
}

int awol_figures_compare(awol_store *st, const awol_figure_list *figs, const char *articles,
                         const char *from, const char *to, awol_figure_comparison *out,
                         awol_error *err)
{
	size_t i;

	memset(out, 0, sizeof(*out));
	if (figs->n == 0)
		return 0;
	out->items = calloc(figs->n, sizeof(*out->items));
	if (!out->items)
		return awol_error_set(err, AWOL_ENOMEM, "out of memory");
	for (i = 0; i < figs->n; i++) {
		const awol_figure *f = &figs->items[i];
		if (!figure_matches(f, articles, from, to))
			continue;
		out->items[out->n].figure = f;
		out->items[out->n].ours = our_count(st, f, &out->items[out->n].basis);
		out->n++;
	}
	return 0;
}

void awol_figures_comparison_dispose(awol_figure_comparison *c)
{
	if (!c)
		return;
	free(c->items);
	c->items = NULL;
	c->n = 0;
}

json_t *awol_figures_comparison_to_json(const awol_figure_comparison *c)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; a && i < c->n; i++) {
		const awol_figure *f = c->items[i].figure;
		long n = c->items[i].ours;
		json_t *o = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:f}", "figure", f->id, "source",
		                      f->source, "articles", f->articles, "period_start",
		                      f->period_start, "period_end", f->period_end, "metric",
		                      f->metric, "published", f->value);
		if (!o)
			continue;
		json_object_set_new(o, "ours", n >= 0 ? json_integer(n) : json_null());
		json_object_set_new(o, "collected",
		                    c->items[i].basis.known == 1 ? json_boolean(n >= 0) : json_null());
		json_object_set_new(o, "collected_days", json_integer(c->items[i].basis.days));
		json_object_set_new(o, "period_days", json_integer(c->items[i].basis.range_days));
		json_object_set_new(o, "searched", c->items[i].basis.known == 1
		                                       ? json_boolean(c->items[i].basis.searched)
		                                       : json_null());
		json_object_set_new(o, "lower_bound", c->items[i].basis.known == 1
		                                          ? json_boolean(c->items[i].basis.lower_bound)
		                                          : json_null());
		json_object_set_new(o, "difference",
		                    n >= 0 ? json_real((double)n - f->value) : json_null());
		json_array_append_new(a, o);
	}
	return a;
}
