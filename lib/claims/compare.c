/*
 * Published figures set beside our own counts (`awol stats --compare`): which figures can
 * be recounted from the store, and our count for each.  Kept apart from the CLI so that
 * `awol stats --compare` and the coming `awol serve` match figures the same way.
 */
#include "util/common.h"
#include "util/buf.h"
#include "awol/figures.h"
#include "awol/stats.h"
#include "awol/store_count.h"

#include <jansson.h>

/*
 * Our count for a published figure: same article(s), unit, period and place, with what it
 * rests on.  National counts come from lib/stats (the counts `awol stats` prints, with their
 * basis: days collected, articles searched), counts of a region or of named courts from
 * lib/store; the coverage of the figure's own courts from lib/store.  ours is -1 when the
 * figure's geography is no set of courts, or no day of the period was collected.
 */
/* A figure's range, and its place as awol_store_count takes it (place: a buffer for it). */
static awol_stats_range figure_range(const awol_figure *f, char *place, size_t n)
{
	awol_stats_range r = {f->articles, f->period_start, f->period_end, NULL, NULL};
	char *p;

	snprintf(place, n, "%s", strchr(f->geography, ':') ? strchr(f->geography, ':') + 1 : "");
	for (p = place; *p; p++)
		if (*p == '+')
			*p = ',';
	if (strncmp(f->geography, "region:", 7) == 0)
		r.regions = place;
	else if (strncmp(f->geography, "court:", 6) == 0)
		r.courts = place;
	return r;
}

static int our_count(awol_store *st, const awol_stats_memo *memo, const awol_figure *f,
                     awol_figure_match *m, awol_error *err)
{
	awol_count_query q = {0};
	awol_count_result r;
	awol_stats_range range;
	char place[256];
	awol_buf note = AWOL_BUF_INIT;
	long national = -1, local = -1;
	bool placed, held = false;
	int rc;

	m->ours = -1;
	if (!awol_figures_geography_valid(f->geography) || strcmp(f->geography, "other") == 0) {
		awol_buf_printf(&note, NULL,
		                "cannot compare: geography '%s' is not a set of courts we count",
		                f->geography);
		m->note = awol_buf_detach(&note);
		return m->note ? 0 : awol_error_set(err, AWOL_ENOMEM, "out of memory");
	}
	rc = awol_stats_count_received_memo(st, memo, f->articles, f->period_start, f->period_end,
	                                    &national, &m->basis, err);
	if (rc < 0)
		return rc;
	range = figure_range(f, place, sizeof(place));
	placed = range.regions || range.courts;
	/* a region's or courts' count from the memo when it holds it, else counted here */
	held = placed && awol_stats_memo_count(memo, &range, &local) == 1;
	q.unit = "cases_received";
	q.articles = f->articles;
	q.from = f->period_start;
	q.to = f->period_end;
	q.regions = range.regions;
	q.courts = range.courts;
	q.coverage_only = !placed || held; /* national: the count above */
	rc = awol_store_count(st, &q, &r, err);
	if (rc < 0)
		return rc;
	/* a period with no day collected is "not collected" for a region too, never 0 */
	m->ours = !placed || national < 0 ? national : held ? local : r.count;
	m->lower_bound = !r.complete || m->basis.lower_bound || m->basis.known != 1;
	awol_buf_printf(&note, NULL, "%s courts: %s", f->geography, r.coverage);
	if (m->lower_bound)
		awol_buf_puts(&note, "; cannot compare with the published figure", NULL);
	awol_store_count_dispose(&r);
	m->note = awol_buf_detach(&note);
	return m->note ? 0 : awol_error_set(err, AWOL_ENOMEM, "out of memory");
}

/*
 * Many figures are of the same articles, period and place (one count reprinted by several
 * sources): counted once.  0 when m got an earlier figure's count, 1 when there is none.
 */
static int same_count(const awol_figure_comparison *c, const awol_figure *f, awol_figure_match *m,
                      awol_error *err)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		const awol_figure *g = c->items[i].figure;
		if (strcmp(g->articles, f->articles) != 0 ||
		    strcmp(g->period_start, f->period_start) != 0 ||
		    strcmp(g->period_end, f->period_end) != 0 ||
		    strcmp(g->geography, f->geography) != 0)
			continue;
		m->ours = c->items[i].ours;
		m->basis = c->items[i].basis;
		m->lower_bound = c->items[i].lower_bound;
		m->note = strdup(c->items[i].note);
		return m->note ? 0 : awol_error_set(err, AWOL_ENOMEM, "out of memory");
	}
	return 1;
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
	awol_stats_range *ranges = NULL; /* of the figures counted: the country's, the place's */
	char(*places)[256] = NULL;
	awol_stats_memo *memo = NULL;
	size_t i, n = 0;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	if (figs->n == 0)
		return 0;
	out->items = calloc(figs->n, sizeof(*out->items));
	ranges = calloc(2 * figs->n, sizeof(*ranges));
	places = calloc(figs->n, sizeof(*places));
	if (!out->items || !ranges || !places) {
		rc = awol_error_set(err, AWOL_ENOMEM, "out of memory");
		goto done;
	}
	/* every figure's count in one read of the summary and of the days at its ends */
	for (i = 0; i < figs->n; i++) {
		const awol_figure *f = &figs->items[i];
		awol_stats_range r;
		if (!figure_matches(f, articles, from, to))
			continue;
		r = figure_range(f, places[i], sizeof(places[i]));
		ranges[n++] =
		    (awol_stats_range){f->articles, f->period_start, f->period_end, NULL, NULL};
		if (r.regions || r.courts)
			ranges[n++] = r;
	}
	rc = awol_stats_memo_new(st, ranges, n, &memo, err);
	for (i = 0; rc == 0 && i < figs->n; i++) {
		const awol_figure *f = &figs->items[i];
		if (!figure_matches(f, articles, from, to))
			continue;
		out->items[out->n].figure = f;
		rc = same_count(out, f, &out->items[out->n], err);
		if (rc > 0) /* no earlier figure of the same articles, period and place */
			rc = our_count(st, memo, f, &out->items[out->n], err);
		out->n++;
	}
done:
	awol_stats_memo_free(memo);
	free(ranges);
	free(places);
	if (rc < 0)
		awol_figures_comparison_dispose(out);
	return rc < 0 ? rc : 0;
}

void awol_figures_comparison_dispose(awol_figure_comparison *c)
{
	size_t i;

	if (!c)
		return;
	for (i = 0; i < c->n; i++)
		free(c->items[i].note);
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
		json_object_set_new(o, "geography", json_string(f->geography));
		json_object_set_new(o, "ours", n >= 0 ? json_integer(n) : json_null());
		json_object_set_new(o, "collected",
		                    c->items[i].basis.known == 1 ? json_boolean(n >= 0)
		                                                 : json_null());
		json_object_set_new(o, "collected_days", json_integer(c->items[i].basis.days));
		json_object_set_new(o, "period_days", json_integer(c->items[i].basis.range_days));
		json_object_set_new(o, "searched",
		                    c->items[i].basis.known == 1
		                        ? json_boolean(c->items[i].basis.searched)
		                        : json_null());
		json_object_set_new(o, "lower_bound", json_boolean(c->items[i].lower_bound));
		/* a lower bound is not set against a figure: no difference */
		json_object_set_new(o, "difference",
		                    n >= 0 && !c->items[i].lower_bound
		                        ? json_real((double)n - f->value)
		                        : json_null());
		json_object_set_new(o, "note", json_string(c->items[i].note));
		json_array_append_new(a, o);
	}
	return a;
}
