/*
 * The `figures` table (include/awol/store_figures.h): the SQL behind awol_figures_import
 * and awol_figures_from_db.
 */
#include "util/common.h"
#include "awol/store_figures.h"
#include "store_priv.h"

int awol_store_figures_count(awol_store *st, const char *from, long *n, long *stale,
                             awol_error *err)
{
	awol_db_stmt *s = NULL;
	int rc;

	*n = *stale = 0;
	rc = awol_store_stmt(st,
	                     "SELECT count(*), coalesce(sum(CASE WHEN imported_from = ?1 AND "
	                     "geography NOT IN ('national', 'other') AND geography NOT LIKE "
	                     "'region:%' AND geography NOT LIKE 'court:%' THEN 1 ELSE 0 END), 0) "
	                     "FROM figures",
	                     &s, err);
	if (rc < 0)
		return rc;
	awol_db_bind_text(s, 1, from);
	rc = awol_db_step(s, err);
	if (rc == 1) {
		*n = awol_db_column_int64(s, 0);
		*stale = awol_db_column_int64(s, 1);
	}
	awol_db_finalize(s);
	return rc < 0 ? rc : 0;
}

int awol_store_figures_write(awol_store *st, const awol_figure_list *l, const char *from,
                             awol_error *err)
{
	awol_db_stmt *s = NULL;
	size_t i;
	int rc;
	char now[32];

	awol_store_now(now);
	rc = awol_store_begin(st, err);
	if (rc < 0)
		return rc;
	rc = awol_store_stmt(
	    st,
	    "INSERT INTO figures (id, metric, value, unit, articles, period_start, period_end, "
	    "geography, source, published, url, imported_from, imported_at) VALUES "
	    "(?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (id) DO UPDATE SET metric = excluded.metric, "
	    "value = excluded.value, unit = excluded.unit, articles = excluded.articles, "
	    "period_start = excluded.period_start, period_end = excluded.period_end, geography = "
	    "excluded.geography, source = excluded.source, published = excluded.published, "
	    "url = excluded.url, imported_from = excluded.imported_from, imported_at = "
	    "excluded.imported_at",
	    &s, err);
	for (i = 0; rc == 0 && i < l->n; i++) {
		const awol_figure *f = &l->items[i];
		awol_db_bind_text(s, 1, f->id);
		awol_db_bind_text(s, 2, f->metric);
		awol_db_bind_double(s, 3, f->value);
		awol_db_bind_text(s, 4, f->unit);
		awol_db_bind_text(s, 5, f->articles);
		awol_db_bind_text(s, 6, f->period_start);
		awol_db_bind_text(s, 7, f->period_end);
		awol_db_bind_text(s, 8, f->geography);
		awol_db_bind_text(s, 9, f->source);
		awol_db_bind_text(s, 10, f->published);
		awol_db_bind_text(s, 11, f->url);
		awol_db_bind_text(s, 12, from);
		awol_db_bind_text(s, 13, now);
		rc = awol_db_step(s, err);
		if (rc > 0)
			rc = 0;
		awol_db_reset(s);
	}
	awol_db_finalize(s);
	if (rc < 0) {
		awol_store_rollback(st);
		return rc;
	}
	return awol_store_commit(st, err);
}

int awol_store_figures_read(awol_store *st, awol_figure_list *out, awol_error *err)
{
	awol_db_stmt *s = NULL;
	size_t cap = 0;
	int rc, step;

	memset(out, 0, sizeof(*out));
	rc = awol_store_stmt(st,
	                     "SELECT id, metric, value, unit, articles, period_start, period_end, "
	                     "geography, source, published, url FROM figures ORDER BY id",
	                     &s, err);
	if (rc < 0)
		return rc;
	while ((step = awol_db_step(s, err)) == 1) {
		awol_figure *f;
		if (out->n == cap) {
			size_t nc = cap ? cap * 2 : 256;
			awol_figure *ni = realloc(out->items, nc * sizeof(*ni));
			if (!ni) {
				rc = awol_error_set(err, AWOL_ENOMEM, "out of memory");
				break;
			}
			out->items = ni;
			cap = nc;
		}
		f = &out->items[out->n++];
		memset(f, 0, sizeof(*f));
#define COL(i) awol_strdup0(awol_db_column_text(s, i))
		f->id = COL(0), f->metric = COL(1), f->unit = COL(3), f->articles = COL(4);
		f->period_start = COL(5), f->period_end = COL(6), f->geography = COL(7);
		f->source = COL(8), f->published = COL(9), f->url = COL(10);
#undef COL
		f->value = awol_db_column_double(s, 2);
	}
	if (rc == 0 && step < 0)
		rc = step;
	awol_db_finalize(s);
	if (rc < 0)
		awol_figures_dispose(out);
	return rc;
}
