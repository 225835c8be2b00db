/*
 * The listings the CLI prints and `awol serve` answers, as JSON arrays of
 * objects (one object a row, keys in column order): `awol coverage`,
 * `awol courts`, `awol cases`, `awol figures list`.  Built here once so that
 * `--format json` and the server's /api/... can never differ; the CLI's table
 * and CSV are made from the same arrays.
 *
 * Ownership: *out / the returned array is a new reference (json_decref it).
 */
#ifndef AWOL_LISTINGS_H
#define AWOL_LISTINGS_H

#include <stdbool.h>
#include <stddef.h>

#include "awol/courts.h"
#include "awol/error.h"
#include "awol/figures.h"
#include "awol/store.h"

struct json_t;

/* A listing's columns: names (the JSON keys) and which are integers. */
typedef struct awol_listing_cols {
	const char *const *names;
	const bool *numeric;
	size_t n;
} awol_listing_cols;

extern const awol_listing_cols awol_coverage_cols, awol_courts_cols, awol_cases_cols,
    awol_figures_cols;

/* One row per court with a crawl record: status, windows, expected, collected, last error. */
int awol_coverage_json(awol_store *st, struct json_t **out, awol_error *err);

/* The registry as stored in the database; level NULL for every court. */
int awol_courts_json(awol_store *st, const char *level, struct json_t **out, awol_error *err);
/* The same columns from a registry list (the embedded one when there is no database). */
struct json_t *awol_court_list_json(const awol_court_list *l, const char *level);

typedef struct awol_cases_filter {
	const char *article;   /* only cases with a charge under it ("337"), or NULL */
	const char *court;     /* court code, or NULL */
	const char *from, *to; /* received from/to (ISO days, inclusive), or NULL */
	long limit, offset;    /* limit 0 = all */
} awol_cases_filter;

/* Cases with their defendants, charges and the card's URL (the page the case was read
 * from), ordered by court, received, number. */
int awol_cases_json(awol_store *st, const awol_cases_filter *f, struct json_t **out,
                    awol_error *err);

/* Published figures; article NULL for all, else the figures whose articles mention it. */
struct json_t *awol_figures_json(const awol_figure_list *l, const char *article);

/*
 * What a database holds, for the dashboard's and the report's header:
 * {"simulated", "cases", "pages", "first_seen", "last_seen"} (ISO times of the first and
 * last page stored; null when none).
 */
int awol_collection_json(awol_store *st, struct json_t **out, awol_error *err);

#endif
