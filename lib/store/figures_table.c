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
	sqlite3_stmt *s = NULL;
	int rc;

	*n = *stale = 0;
	rc =
	    awol_store_prepare(st, &s,
	                       "SELECT count(*), coalesce(sum(imported_from = ?1 AND geography NOT "
	                       "IN ('national', 'other') AND geography NOT LIKE 'region:%' AND "
	                       "geography NOT LIKE 'court:%'), 0) FROM figures",
	                       err);
	if (rc < 0)
		return rc;
	sqlite3_bind_text(s, 1, from, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW) {
		*n = sqlite3_column_int64(s, 0);
		*stale = sqlite3_column_int64(s, 1);
	} else
		rc = awol_error_set(err, AWOL_EDB, "%s: %s", st->path, sqlite3_errmsg(st->db));
	sqlite3_finalize(s);
	return rc;
}

int awol_store_figures_write(awol_store *st, const awol_figure_list *l, const char *from,
                             awol_error *err)
{
	sqlite3_stmt *s = NULL;
	size_t i;
	int rc;
	char now[32];

	awol_store_now(now);
	rc = awol_store_begin(st, err);
	if (rc < 0)
		return rc;
	rc =
	    awol_store_prepare(st, &s,
	                       "INSERT OR REPLACE INTO figures (id, metric, value, unit, articles, "
	                       "period_start, period_end, geography, source, published, url, "
	                       "imported_from, imported_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
	                       err);
	for (i = 0; rc == 0 && i < l->n; i++) {
		const awol_figure *f = &l->items[i];
		sqlite3_bind_text(s, 1, f->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, f->metric, -1, SQLITE_STATIC);
		sqlite3_bind_double(s, 3, f->value);
		sqlite3_bind_text(s, 4, f->unit, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 5, f->articles, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 6, f->period_start, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 7, f->period_end, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 8, f->geography, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 9, f->source, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 10, f->published, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 11, f->url, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 12, from, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 13, now, -1, SQLITE_STATIC);
		if (sqlite3_step(s) != SQLITE_DONE)
			rc = awol_error_set(err, AWOL_EDB, "%s: %s", st->path,
			                    sqlite3_errmsg(st->db));
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
	if (rc < 0) {
		awol_store_rollback(st);
		return rc;
	}
	return awol_store_commit(st, err);
}

int awol_store_figures_read(awol_store *st, awol_figure_list *out, awol_error *err)
{
	sqlite3_stmt *s = NULL;
	size_t cap = 0;
	int rc, step;

	memset(out, 0, sizeof(*out));
	rc = awol_store_prepare(
	    st, &s,
	    "SELECT id, metric, value, unit, articles, period_start, period_end, "
	    "geography, source, published, url FROM figures ORDER BY id",
	    err);
	if (rc < 0)
		return rc;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
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
#define COL(i) awol_strdup0((const char *)sqlite3_column_text(s, i))
		f->id = COL(0), f->metric = COL(1), f->unit = COL(3), f->articles = COL(4);
		f->period_start = COL(5), f->period_end = COL(6), f->geography = COL(7);
		f->source = COL(8), f->published = COL(9), f->url = COL(10);
#undef COL
		f->value = sqlite3_column_double(s, 2);
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = awol_error_set(err, AWOL_EDB, "%s: %s", st->path, sqlite3_errmsg(st->db));
	sqlite3_finalize(s);
	if (rc < 0)
		awol_figures_dispose(out);
	return rc;
}
