/*
 * The shares and terms of the readings of act texts as listings (include/awol/listings.h):
 * one builder for `awol stats --unit defendants --group sentence...`, `awol stats --what
 * terms`, `awol outcomes --shares/--terms` and the server's /api/outcomes, so that their
 * documents cannot differ.
 */
#include "util/common.h"
#include "awol/listings.h"
#include "awol/outcomes.h"

#include <jansson.h>

/* The period columns come first when the query has periods; the rest follow. */
#define PERIOD_COLS "period", "start", "end", "days", "period_days", "partial"
#define PERIOD_NUM false, false, false, true, true, true
#define NPERIOD 6

/* every share row also says the bases below its own: the decided cases of its period and,
 * of those, the cases with a published text read ("of 330 published verdicts read") */
static const char *const SHARE_COLS[] = {PERIOD_COLS, "measure", "value",   "count",     "base",
                                         "share",     "of",      "decided", "texts_read"};
static const bool SHARE_NUM[] = {PERIOD_NUM, false, false, true, true, true, false, true, true};
/* without the share: the count and its bases */
static const char *const COUNT_COLS[] = {PERIOD_COLS, "measure", "value",   "count",
                                         "base",      "of",      "decided", "texts_read"};
static const bool COUNT_NUM[] = {PERIOD_NUM, false, false, true, true, false, true, true};
static const char *const TERM_COLS[] = {PERIOD_COLS, "group",  "terms", "unread", "min",
                                        "q1",        "median", "q3",    "max"};
static const bool TERM_NUM[] = {PERIOD_NUM, false, true, true, true, true, true, true, true};

static const char *const MEASURES[] = {"sentence", "service", "regime", "ground"};
static const char *const TERM_GROUPS[] = {"sentence", "article", "year"};

static bool in(const char *v, const char *const *list, size_t n)
{
	size_t i;

	for (i = 0; v && i < n; i++)
		if (strcmp(v, list[i]) == 0)
			return true;
	return false;
}

int awol_outcome_stats_check(const char *what, const char *unit, const char *group, bool share,
                             const char **param, awol_error *err)
{
	bool terms = what && strcmp(what, "terms") == 0;

	*param = NULL;
	if (what && !terms && strcmp(what, "counts") != 0)
		return *param = "what", awol_error_set(err, AWOL_EINVAL, "what: counts or terms");
	if (terms && share)
		return *param = "share",
		       awol_error_set(err, AWOL_EINVAL, "share does not apply to terms");
	if (terms && group && !in(group, TERM_GROUPS, AWOL_ARRAY_SIZE(TERM_GROUPS)))
		return *param = "group", awol_error_set(err, AWOL_EINVAL,
		                                        "terms are grouped by sentence, article or "
		                                        "year, not '%s'",
		                                        group);
	if (!terms && !in(group, MEASURES, AWOL_ARRAY_SIZE(MEASURES)))
		return *param = "group",
		       awol_error_set(err, AWOL_EINVAL,
		                      "the readings are grouped by sentence, service, regime or "
		                      "ground");
	if (!terms && (!unit || strcmp(unit, "defendants") != 0))
		return *param = "unit",
		       awol_error_set(err, AWOL_EINVAL,
		                      "group %s counts defendants by what their act "
		                      "texts say: unit defendants",
		                      group);
	return 0;
}

/* The period's cells (NPERIOD of them) into v, its numbers into buf. */
static void period_cells(const awol_outcome_period *p, const char **v, char buf[2][24])
{
	snprintf(buf[0], sizeof(buf[0]), "%ld", p->days);
	snprintf(buf[1], sizeof(buf[1]), "%ld", p->period_days);
	v[0] = p->period;
	v[1] = p->start;
	v[2] = p->end;
	v[3] = buf[0];
	v[4] = buf[1];
	v[5] = p->partial ? "true" : "false";
}

typedef struct share_run {
	awol_table *t;
	bool share, by;
	const char *measure; /* only this measure's rows; NULL: all */
	long decided, texts; /* the period's bases, from its first two rows */
} share_run;

static int add_share(void *ctx, const awol_outcome_period *p, const char *measure,
                     const char *value, long count, long base, const char *base_is)
{
	share_run *r = ctx;
	char c[24], b[24], sh[24], pb[2][24], dc[24], tr[24];
	const char *v[NPERIOD + 8], **w = v + (r->by ? NPERIOD : 0);

	/* awol_store_outcomes_shares gives each period's bases first */
	if (strcmp(measure, "cases") == 0 && strcmp(value, "decided") == 0)
		r->decided = count;
	else if (strcmp(measure, "cases") == 0)
		r->texts = count;
	if (r->measure && strcmp(r->measure, measure) != 0)
		return 0;
	snprintf(dc, sizeof(dc), "%ld", r->decided);
	snprintf(tr, sizeof(tr), "%ld", r->texts);
	if (r->by)
		period_cells(p, v, pb);
	snprintf(c, sizeof(c), "%ld", count);
	snprintf(b, sizeof(b), "%ld", base);
	/* a share of no base is not 0: null */
	if (base > 0)
		snprintf(sh, sizeof(sh), "%.4f", (double)count / (double)base);
	w[0] = measure;
	w[1] = value;
	w[2] = c;
	w[3] = b;
	w[4] = base > 0 ? sh : NULL;
	w[5] = base_is;
	/* the rows of the bases themselves do not repeat them */
	w[6] = strcmp(measure, "cases") ? dc : NULL;
	w[7] = strcmp(measure, "cases") ? tr : NULL;
	if (!r->share)
		memmove(&w[4], &w[5], 3 * sizeof(*w));
	return awol_table_add(r->t, v) < 0 ? -AWOL_ENOMEM : 0;
}

static int add_terms(void *ctx, const awol_term_stats *s)
{
	awol_table *t = ((void **)ctx)[0];
	bool by = ((void **)ctx)[1] != NULL;
	char c[7][24], pb[2][24];
	const char *v[NPERIOD + 8], **w = v + (by ? NPERIOD : 0);
	int i;

	if (by)
		period_cells(s->period, v, pb);
	w[0] = s->group;
	snprintf(c[0], sizeof(c[0]), "%ld", s->n);
	snprintf(c[1], sizeof(c[1]), "%ld", s->unread);
	snprintf(c[2], sizeof(c[2]), "%.0f", s->min);
	snprintf(c[3], sizeof(c[3]), "%.0f", s->q1);
	snprintf(c[4], sizeof(c[4]), "%.0f", s->median);
	snprintf(c[5], sizeof(c[5]), "%.0f", s->q3);
	snprintf(c[6], sizeof(c[6]), "%.0f", s->max);
	for (i = 0; i < 7; i++)
		w[i + 1] = i >= 2 && s->n == 0 ? NULL : c[i];
	return awol_table_add(t, v) < 0 ? -AWOL_ENOMEM : 0;
}

/* What the rows rest on: the database, simulated, the query, the coverage, and the rules. */
/* The filter of `awol cases` that selects the same cases by the day decided. */
static awol_export_filter filter_of(const awol_outcome_query *q)
{
	awol_export_filter f = {0};

	f.courts = q->courts;
	f.region = q->region;
	f.articles = q->articles;
	f.from = q->from;
	f.to = q->to;
	f.date = "decided";
	return f;
}

static json_t *meta_of(awol_store *st, const awol_outcome_query *q, bool terms, const char *group)
{
	awol_export_filter f = filter_of(q);
	json_t *m;

	m = awol_export_meta(st, "outcomes", &f);
	if (!m)
		return NULL;
	json_object_set_new(m, "unit", json_string(terms ? "convicted defendants" : "defendants"));
	json_object_set_new(m, "what", json_string(terms ? "terms" : "counts"));
	json_object_set_new(m, "group", group ? json_string(group) : json_null());
	json_object_set_new(m, "by", q->by ? json_string(q->by) : json_null());
	json_object_set_new(m, "part", q->parts ? json_string(q->parts) : json_null());
	json_object_set_new(m, "date", json_string("decided"));
	json_object_set_new(
	    m, "note",
	    json_string(terms ? "terms in months of convicted defendants (current readings); "
	                        "quartiles by nearest rank; unread: convicted with no term read; "
	                        "periods and from/to by the day decided (docs/verdicts.md)"
	                      : "each share is count / base, of the base named in \"of\"; only "
	                        "the current reading of each case counts; periods and from/to "
	                        "by the day decided (docs/verdicts.md)"));
	return m;
}

int awol_outcome_shares_listing(awol_store *st, const awol_outcome_query *q, const char *measure,
                                bool share, awol_table *out, awol_error *err)
{
	static const awol_outcome_query none = {0};
	share_run r = {out, share, false, measure, 0, 0};
	size_t skip;
	int rc;

	if (!q)
		q = &none;
	r.by = q->by != NULL;
	skip = r.by ? 0 : NPERIOD;
	if (share)
		awol_table_init(out, SHARE_COLS + skip, AWOL_ARRAY_SIZE(SHARE_COLS) - skip,
		                SHARE_NUM + skip);
	else
		awol_table_init(out, COUNT_COLS + skip, AWOL_ARRAY_SIZE(COUNT_COLS) - skip,
		                COUNT_NUM + skip);
	rc = awol_store_outcomes_shares(st, q, add_share, &r, err);
	if (rc == 0 && !(out->meta = meta_of(st, q, false, measure)))
		rc = awol_error_set(err, AWOL_ENOMEM, "out of memory");
	return rc;
}

int awol_outcome_terms_listing(awol_store *st, const awol_outcome_query *q, const char *group,
                               awol_table *out, awol_error *err)
{
	static const awol_outcome_query none = {0};
	void *ctx[2];
	size_t skip;
	int rc;

	if (!q)
		q = &none;
	skip = q->by ? 0 : NPERIOD;
	awol_table_init(out, TERM_COLS + skip, AWOL_ARRAY_SIZE(TERM_COLS) - skip, TERM_NUM + skip);
	ctx[0] = out;
	ctx[1] = q->by ? out : NULL;
	rc = awol_store_outcomes_terms(st, q, group, add_terms, ctx, err);
	if (rc == 0 && !(out->meta = meta_of(st, q, true, group)))
		rc = awol_error_set(err, AWOL_ENOMEM, "out of memory");
	return rc;
}

int awol_outcome_stats_listing(awol_store *st, const awol_outcome_query *q, const char *what,
                               const char *unit, const char *group, bool share, awol_table *out,
                               awol_error *err)
{
	awol_export_filter f = {0};
	const char *param;

	awol_table_init(out, NULL, 0, NULL);
	if (awol_outcome_stats_check(what, unit, group, share, &param, err) < 0)
		return -AWOL_EINVAL;
	/* known courts and region, real days: as `awol cases` checks them */
	if (q) {
		f = filter_of(q);
		if (awol_export_filter_check(st, &f, err) < 0)
			return err && err->code ? -err->code : -AWOL_EINVAL;
	}
	return what && strcmp(what, "terms") == 0
	           ? awol_outcome_terms_listing(st, q, group, out, err)
	           : awol_outcome_shares_listing(st, q, group, share, out, err);
}
