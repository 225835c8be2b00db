/*
 * The listings the CLI prints and `awol serve` answers: `awol coverage`, `awol courts`,
 * `awol cases`, `awol figures list` and `awol check`.  Each is built here once, as rows of
 * text cells with what they rest on (`meta`), so that `--format json` and the server's
 * /api/... are one document (awol_table_doc) and can never differ; the CLI's table
 * and CSV print the same cells.
 *
 * Ownership: a listing owns its cells and meta (awol_table_dispose frees them); the
 * column names and flags are static.  Functions returning json_t * return a new
 * reference (json_decref it), NULL when out of memory.
 */
#ifndef AWOL_LISTINGS_H
#define AWOL_LISTINGS_H

#include <stdbool.h>
#include <stddef.h>

#include "awol/claims.h"
#include "awol/error.h"
#include "awol/export.h"
#include "awol/figures.h"
#include "awol/store.h"

struct json_t;

typedef struct awol_table {
	size_t ncols;
	const char *const *cols; /* the JSON keys and CSV header, in order */
	const bool *numeric;     /* per column: a JSON number (right-aligned); may be NULL */
	char **cells;            /* nrows * ncols, malloc'd strings or NULL */
	size_t nrows, cap;
	struct json_t *meta; /* what the rows rest on (awol_version, source or database,
	                        simulated, query, coverage...); NULL for none */
} awol_table;

void awol_table_init(awol_table *l, const char *const *cols, size_t ncols, const bool *numeric);
/* Append a row of ncols values (copied; NULL allowed).  Returns 0 or -AWOL_ENOMEM. */
int awol_table_add(awol_table *l, const char *const *values);
void awol_table_dispose(awol_table *l); /* accepts NULL */

/* The rows as an array of objects: numeric columns as numbers, empty cells as null. */
struct json_t *awol_table_rows_json(const awol_table *l);
/* The JSON document: meta's members, "rows" and "count" (what --format json prints). */
struct json_t *awol_table_doc(const awol_table *l);

/* {"awol_version": ..., "source": source (when not NULL), key: value (when key is not NULL;
 * null for a NULL value)}: the start of a listing's meta. */
struct json_t *awol_table_meta(const char *source, const char *key, const char *value);

/*
 * `awol coverage`: one row per court with a crawl record (the columns of `awol export
 * --what court_coverage`); meta is awol_export_meta's with articles_searched and
 * articles_not_searched (awol's articles no crawl searched: their counts are lower bounds).
 */
int awol_coverage_listing(awol_store *st, awol_table *out, awol_error *err);

/* `awol courts`: the registry stored in st, or the embedded one when st is NULL; level
 * NULL for every court.  source names the database in meta (NULL: the embedded registry). */
int awol_courts_listing(awol_store *st, const char *source, const char *level, awol_table *out,
                        awol_error *err);

/*
 * `awol cases`: the cases f selects (awol_export_filter_check it first), court by court in
 * order of receipt, in a choice of the columns of `awol export --what cases`; meta is
 * awol_export_meta's.  With fn, each row goes to fn (values in the listing's columns)
 * instead of into the listing, which only counts it (JSON Lines streams).
 */
int awol_cases_listing(awol_store *st, const awol_export_filter *f, awol_export_row_fn fn,
                       void *ctx, awol_table *out, awol_error *err);

/* `awol figures list`: the figures of l (about `article` when not NULL); source names
 * where they were read (NULL: the figures shipped with awol). */
int awol_figures_listing(const awol_figure_list *l, const char *source, const char *article,
                         awol_table *out, awol_error *err);

/*
 * `awol check --format json`: the checked claims as `rows` (numbers as numbers, flags as
 * booleans, null when none) with what they rest on: awol_version, source (the claims
 * file), database (db, may be NULL), title, simulated, any_lower_bound, count.
 */
struct json_t *awol_claims_doc(const awol_claims *cs, const char *source, const char *db);

/*
 * What a database holds, for the dashboard's and the report's header:
 * {"simulated", "cases", "pages", "first_seen", "last_seen"} (ISO times of the first and
 * last page stored; null when none).
 */
int awol_collection_json(awol_store *st, struct json_t **out, awol_error *err);

/* The courts of the registry stored in st (level NULL: all) in code order: fn gets code,
 * level, name, host, region, city, district_code, parent_code, status. */
int awol_store_courts_each(awol_store *st, const char *level, awol_export_row_fn fn, void *ctx,
                           awol_error *err);

#endif
