/*
 * The listings of `awol coverage`, `awol courts` and `awol cases` (include/awol/listings.h):
 * rows from the export's column tables or the registry, with what they rest on.
 */
#include "util/common.h"
#include "awol/courts.h"
#include "awol/listings.h"
#include "awol/stats.h"

#include <jansson.h>
#include <pthread.h>

static int add(void *ctx, const char *const *v)
{
	return awol_table_add(ctx, v);
}

/* The columns shown, a choice among the columns of `awol export --what cases`. */
static const char *const CASE_COLS[] = {"court_code", "number",  "uid",
                                        "received",   "decided", "outcome",
                                        "defendants", "charges", "result"};

/*
 * The listings' column flags, from the export's column tables (docs/export.md): made once,
 * whichever thread asks first (the server answers from several).
 */
static pthread_once_t cols_once = PTHREAD_ONCE_INIT;
static const char *cov_names[16];
static bool cov_num[16];
static size_t cov_n;
static bool case_num[AWOL_ARRAY_SIZE(CASE_COLS)];
static size_t case_idx[AWOL_ARRAY_SIZE(CASE_COLS)]; /* export column of each shown column */

static void cols_init(void)
{
	const awol_export_column *cols = awol_export_columns("court_coverage", &cov_n);
	size_t i, j, n;

	if (cov_n > AWOL_ARRAY_SIZE(cov_names))
		cov_n = AWOL_ARRAY_SIZE(cov_names);
	for (i = 0; i < cov_n; i++) {
		cov_names[i] = cols[i].name;
		cov_num[i] = cols[i].type == AWOL_EXPORT_INTEGER;
	}
	cols = awol_export_columns("cases", &n);
	for (i = 0; i < AWOL_ARRAY_SIZE(CASE_COLS); i++) {
		for (j = 0; j < n && strcmp(cols[j].name, CASE_COLS[i]) != 0; j++)
			;
		case_idx[i] = j; /* every shown column is an export column */
		case_num[i] = j < n && cols[j].type == AWOL_EXPORT_INTEGER;
	}
}

/*
 * Which articles a crawl searched, and which of awol's articles were not (found only as
 * co-charges, so their counts are lower bounds); left out when they cannot be read.
 */
static void articles_searched(awol_store *st, json_t *meta)
{
	char **a = NULL;
	size_t n = 0, i, k;
	json_t *yes = json_array(), *no = json_array();

	if (awol_stats_searched_articles(st, &a, &n, NULL) < 0)
		goto done;
	for (i = 0; i < n; i++)
		json_array_append_new(yes, json_string(a[i]));
	for (k = 0; awol_stats_articles_of_interest[k]; k++) {
		bool found = false;
		for (i = 0; i < n && !found; i++)
			found = strcmp(a[i], awol_stats_articles_of_interest[k]) == 0;
		if (!found)
			json_array_append_new(no, json_string(awol_stats_articles_of_interest[k]));
	}
	json_object_set(meta, "articles_searched", yes);
	json_object_set(meta, "articles_not_searched", no);
done:
	for (i = 0; i < n; i++)
		free(a[i]);
	free(a);
	json_decref(yes);
	json_decref(no);
}

int awol_coverage_listing(awol_store *st, awol_table *out, awol_error *err)
{
	int rc;

	pthread_once(&cols_once, cols_init);
	awol_table_init(out, cov_names, cov_n, cov_num);
	rc = awol_export_each(st, "court_coverage", NULL, add, out, err);
	if (rc == 0 && !(out->meta = awol_export_meta(st, NULL, NULL)))
		rc = -AWOL_ENOMEM;
	if (rc == 0)
		articles_searched(st, out->meta);
	if (rc == -AWOL_ENOMEM && !err->msg[0])
		awol_error_set(err, AWOL_ENOMEM, "out of memory");
	return rc;
}

static const char *const COURT_COLS[] = {"code", "level",    "name",   "host",  "region",
                                         "city", "district", "parent", "status"};

int awol_courts_listing(awol_store *st, const char *source, const char *level, awol_table *out,
                        awol_error *err)
{
	int rc = 0;
	size_t i;

	awol_table_init(out, COURT_COLS, AWOL_ARRAY_SIZE(COURT_COLS), NULL);
	if (st)
		rc = awol_store_courts_each(st, level, add, out, err);
	else {
		awol_court_list l;
		rc = awol_courts_load_default(&l, err);
		if (rc < 0)
			return rc;
		for (i = 0; rc == 0 && i < l.n; i++) {
			const awol_court *c = &l.items[i];
			const char *v[9] = {c->code,          c->level,       c->name,
			                    c->host,          c->region,      c->city,
			                    c->district_code, c->parent_code, c->status};
			if (!level || strcmp(c->level, level) == 0)
				rc = awol_table_add(out, v);
		}
		awol_courts_dispose(&l);
	}
	if (rc == 0) {
		out->meta = awol_table_meta(
		    source ? source : "the registry shipped with awol (data/military-courts.csv)",
		    "level", level);
		if (!out->meta)
			rc = -AWOL_ENOMEM;
	}
	if (rc == -AWOL_ENOMEM && !err->msg[0])
		awol_error_set(err, AWOL_ENOMEM, "out of memory");
	return rc;
}

typedef struct cases_ctx {
	awol_table *l;
	awol_export_row_fn fn;
	void *ctx;
} cases_ctx;

static int case_row(void *ctx, const char *const *v)
{
	cases_ctx *c = ctx;
	const char *shown[AWOL_ARRAY_SIZE(CASE_COLS)];
	size_t i;

	for (i = 0; i < AWOL_ARRAY_SIZE(CASE_COLS); i++)
		shown[i] = v[case_idx[i]];
	if (!c->fn)
		return awol_table_add(c->l, shown);
	c->l->nrows++; /* counted, not kept */
	return c->fn(c->ctx, shown);
}

int awol_cases_listing(awol_store *st, const awol_export_filter *f, awol_export_row_fn fn,
                       void *ctx, awol_table *out, awol_error *err)
{
	awol_export_filter by = {0};
	cases_ctx c = {0};
	int rc;

	pthread_once(&cols_once, cols_init);
	awol_table_init(out, CASE_COLS, AWOL_ARRAY_SIZE(CASE_COLS), case_num);
	if (f)
		by = *f;
	by.by_court = true; /* a listing for people: court by court, in order of receipt */
	c.l = out;
	c.fn = fn;
	c.ctx = ctx;
	rc = awol_export_each(st, "cases", &by, case_row, &c, err);
	if (rc == 0 && !(out->meta = awol_export_meta(st, "cases", &by)))
		rc = -AWOL_ENOMEM;
	if (rc == -AWOL_ENOMEM && !err->msg[0])
		awol_error_set(err, AWOL_ENOMEM, "out of memory");
	return rc;
}
