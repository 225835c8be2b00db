/* Published figures: the embedded dataset, CSV files, the figures table. */
#include "util/common.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/file.h"
#include "awol/figures.h"
#include "courts/csv.h"

#include <sqlite3.h>
#include <time.h>

extern const char awol_figures_csv[];
extern const size_t awol_figures_csv_len;

static const char *const COLS[] = {"id",       "metric",       "value",      "unit",
                                   "articles", "period_start", "period_end", "geography",
                                   "source",   "published",    "url"};

void awol_figures_dispose(awol_figure_list *l)
{
	size_t i;

	if (!l)
		return;
	for (i = 0; i < l->n; i++) {
		awol_figure *f = &l->items[i];
		free(f->id), free(f->metric), free(f->unit), free(f->articles);
		free(f->period_start), free(f->period_end), free(f->geography), free(f->source);
		free(f->published), free(f->url);
	}
	free(l->items);
	l->items = NULL;
	l->n = 0;
}

/*
 * Periods are written as YYYY-MM-DD or, for month precision, YYYY-MM: the
 * first day when it starts a period, the last when it ends one.
 */
static bool period_date(const char *s, bool end, char out[11])
{
	awol_date d;
	int y, m;
	char tmp[16];

	if (awol_date_parse_iso(s, &d)) {
		awol_date_iso(d, out);
		return true;
	}
	if (strlen(s) != 7 || sscanf(s, "%4d-%2d", &y, &m) != 2 || m < 1 || m > 12)
		return false;
	d = (awol_date){y, m, 1};
	if (end) {
		d = m == 12 ? (awol_date){y + 1, 1, 1} : (awol_date){y, m + 1, 1};
		d = awol_date_from_days(awol_date_to_days(d) - 1);
	}
	snprintf(tmp, sizeof(tmp), "%04d-%02d-%02d", d.y, d.m, d.d);
	memcpy(out, tmp, 11);
	return true;
}

static int parse(const char *name, const char *data, size_t len, awol_figure_list *out,
                 awol_error *err)
{
	awol_csv csv;
	char **f = NULL;
	size_t nf = 0, i, j, cap = 0;
	int idx[AWOL_ARRAY_SIZE(COLS)], rc;

	memset(out, 0, sizeof(*out));
	awol_csv_init(&csv, data, len);
	rc = awol_csv_next(&csv, name, &f, &nf, err);
	if (rc <= 0)
		return rc == 0 ? awol_error_set(err, AWOL_EPARSE, "%s: empty file", name) : rc;
	for (j = 0; j < AWOL_ARRAY_SIZE(COLS); j++) {
		idx[j] = -1;
		for (i = 0; i < nf; i++)
			if (strcmp(f[i], COLS[j]) == 0)
				idx[j] = (int)i;
		if (idx[j] < 0) {
			awol_csv_free_fields(f, nf);
			return awol_error_set(err, AWOL_EPARSE, "%s:1: missing column '%s'", name,
			                      COLS[j]);
		}
	}
	awol_csv_free_fields(f, nf);
	while ((rc = awol_csv_next(&csv, name, &f, &nf, err)) > 0) {
		awol_figure *x;
		char *end;
		char d0[11], d1[11];
		size_t line = csv.line - 1;
		const char *v;

		if (nf < AWOL_ARRAY_SIZE(COLS)) {
			rc = awol_error_set(err, AWOL_EPARSE, "%s:%zu: %zu fields, expected %zu",
			                    name, line, nf, AWOL_ARRAY_SIZE(COLS));
			awol_csv_free_fields(f, nf);
			break;
		}
		if (out->n == cap) {
			size_t nc = cap ? cap * 2 : 256;
			awol_figure *ni = realloc(out->items, nc * sizeof(*ni));
			if (!ni) {
				awol_csv_free_fields(f, nf);
				rc = awol_error_set(err, AWOL_ENOMEM, "out of memory");
				break;
			}
			out->items = ni;
			cap = nc;
		}
		x = &out->items[out->n];
		memset(x, 0, sizeof(*x));
		v = f[idx[2]];
		x->value = strtod(v, &end);
		if (!*v || *end) {
			rc = awol_error_set(err, AWOL_EPARSE, "%s:%zu: value '%s' is not a number",
			                    name, line, v);
			awol_csv_free_fields(f, nf);
			break;
		}
		if (!period_date(f[idx[5]], false, d0) ||
		    !period_date(*f[idx[6]] ? f[idx[6]] : f[idx[5]], true, d1)) {
			rc = awol_error_set(err, AWOL_EPARSE, "%s:%zu: bad period '%s'..'%s'", name,
			                    line, f[idx[5]], f[idx[6]]);
			awol_csv_free_fields(f, nf);
			break;
		}
		x->id = strdup(f[idx[0]]);
		x->metric = strdup(f[idx[1]]);
		x->unit = strdup(f[idx[3]]);
		x->articles = strdup(f[idx[4]]);
		x->period_start = strdup(d0);
		x->period_end = strdup(d1);
		x->geography = strdup(f[idx[7]]);
		x->source = strdup(f[idx[8]]);
		x->published = strdup(f[idx[9]]);
		x->url = strdup(f[idx[10]]);
		out->n++;
		awol_csv_free_fields(f, nf);
	}
	if (rc < 0) {
		awol_figures_dispose(out);
		return rc;
	}
	return 0;
}

int awol_figures_load_default(awol_figure_list *out, awol_error *err)
{
	return parse("published-figures.csv (embedded)", awol_figures_csv, awol_figures_csv_len,
	             out, err);
}

int awol_figures_load_csv(const char *path, awol_figure_list *out, awol_error *err)
{
	awol_buf b;
	int rc;

	awol_buf_init(&b, 64 * 1024 * 1024);
	rc = awol_file_read(path, &b, err);
	if (rc == 0)
		rc = parse(path, b.ptr, b.len, out, err);
	awol_buf_dispose(&b);
	return rc;
}

const awol_figure *awol_figures_find(const awol_figure_list *l, const char *id)
{
	size_t i;

	for (i = 0; l && id && i < l->n; i++)
		if (strcmp(l->items[i].id, id) == 0)
			return &l->items[i];
	return NULL;
}

int awol_figures_import(awol_store *st, const awol_figure_list *l, const char *from,
                        awol_error *err)
{
	sqlite3 *db = awol_store_db(st);
	sqlite3_stmt *s = NULL;
	size_t i;
	int rc;
	char now[32];
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(now, sizeof(now), "%Y-%m-%dT%H:%M:%SZ", &tm);
	rc = awol_store_begin(st, err);
	if (rc < 0)
		return rc;
	if (sqlite3_prepare_v2(db,
	                       "INSERT OR REPLACE INTO figures (id, metric, value, unit, articles, "
	                       "period_start, period_end, geography, source, published, url, "
	                       "imported_from, imported_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
	                       -1, &s, NULL) != SQLITE_OK) {
		awol_store_rollback(st);
		return awol_error_set(err, AWOL_EDB, "%s: %s", awol_store_path(st),
		                      sqlite3_errmsg(db));
	}
	for (i = 0; i < l->n && rc == 0; i++) {
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
			rc = awol_error_set(err, AWOL_EDB, "%s: %s", awol_store_path(st),
			                    sqlite3_errmsg(db));
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
	if (rc < 0) {
		awol_store_rollback(st);
		return rc;
	}
	return awol_store_commit(st, err);
}

int awol_figures_from_db(awol_store *st, awol_figure_list *out, awol_error *err)
{
	sqlite3 *db = awol_store_db(st);
	sqlite3_stmt *s = NULL;
	size_t cap = 0;
	int rc = 0, n = 0;

	memset(out, 0, sizeof(*out));
	if (sqlite3_prepare_v2(db, "SELECT count(*) FROM figures", -1, &s, NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	s = NULL;
	if (n == 0 && awol_store_read_only(st))
		return awol_figures_load_default(out, err); /* a reader never writes */
	if (n == 0) {
		awol_figure_list def;
		rc = awol_figures_load_default(&def, err);
		if (rc == 0)
			rc = awol_figures_import(st, &def, "data/published-figures.csv (embedded)",
			                         err);
		awol_figures_dispose(&def);
		if (rc < 0)
			return rc;
	}
	if (sqlite3_prepare_v2(
	        db,
	        "SELECT id, metric, value, unit, articles, period_start, period_end, "
	        "geography, source, published, url FROM figures ORDER BY id",
	        -1, &s, NULL) != SQLITE_OK)
		return awol_error_set(err, AWOL_EDB, "%s: %s", awol_store_path(st),
		                      sqlite3_errmsg(db));
	while (sqlite3_step(s) == SQLITE_ROW) {
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
	sqlite3_finalize(s);
	return rc;
}
