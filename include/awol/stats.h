/*
 * Counting: cases, defendants or charges by period and group, with the
 * change against the previous period and the same period a year earlier,
 * and the coverage behind the numbers.  Counting rules: docs/counting.md.
 *
 * Ownership: a result owns its rows and strings; free with awol_stats_dispose.
 */
#ifndef AWOL_STATS_H
#define AWOL_STATS_H

#include <stdbool.h>
#include <stddef.h>

#include "awol/error.h"
#include "awol/store.h"

typedef struct awol_stats_query {
	const char *unit;      /* cases (default), defendants, charges */
	const char *by;        /* week, month (default), quarter, half, year */
	const char *group;     /* NULL, article, part, court, region, district, level, outcome */
	const char *articles;  /* "337,338" or NULL for all */
	const char *part;      /* "5" or NULL */
	const char *from, *to; /* ISO dates or NULL */
	const char *date;      /* received (default) or decided */
	bool general;          /* never use the case-count summary (tests compare the two) */
} awol_stats_query;

typedef struct awol_stats_row {
	char *period; /* "2023-06", "2023-W25", "2023-Q2", "2023-H1", "2023" */
	char *group;  /* group value, "" when not grouped, "(total)" for the period total */
	long count;
	long prev;     /* same group, previous period; -1 when that period has no data */
	long year_ago; /* same group, same period a year earlier; -1 when none */
} awol_stats_row;

typedef struct awol_stats_result {
	awol_stats_row *rows;
	size_t nrows;
	long total;     /* distinct units over the whole query */
	bool simulated; /* the database was filled from awol-sim */
	char *coverage; /* one sentence on what was and was not collected */
	bool coverage_complete;
	char **unrecognised; /* outcome texts not understood (group=outcome) */
	size_t nunrecognised;
	bool from_summary; /* counted from the case-count summary (same answer, faster) */
} awol_stats_result;

int awol_stats_run(awol_store *st, const awol_stats_query *q, awol_stats_result *out,
                   awol_error *err);
void awol_stats_dispose(awol_stats_result *r); /* accepts NULL */

/*
 * Whether the case-count summary (awol_store_counts_refresh) can answer q: unit cases,
 * no --part, no group or a group other than part.  awol_stats_run uses it only when it
 * is fresh, and otherwise runs the general query, which gives the same answer.
 */
bool awol_stats_summary_serves(const awol_stats_query *q);

/*
 * Cases received from `from` to `to` (ISO days, inclusive) with a defendant charged under
 * one of `articles` ("337,338"; '+' separates too, as in published figures): the count that
 * published figures and claims are set against.  The same rules and the same summary as
 * awol_stats_run.
 */
int awol_stats_count_received(awol_store *st, const char *articles, const char *from,
                              const char *to, long *out, awol_error *err);

/* The normalised outcome of a result text ("convicted", "terminated:judicial-fine", ...);
 * "pending" for NULL/empty, NULL when not recognised. */
const char *awol_stats_outcome(const char *result);

/*
 * The JSON document of a result (what `awol stats --format json` prints; `awol serve`
 * answers the same).  Returns a new reference (json_decref it), NULL when out of memory.
 */
struct json_t;
struct json_t *awol_stats_to_json(const awol_stats_query *q, const awol_stats_result *r);

/* Period key of an ISO date for a granularity; false on a bad date or granularity. */
bool awol_stats_period(const char *iso_date, const char *by, char *out, size_t n);
/* The period before `period` (shift 1) or a year before (shift = periods per year). */
bool awol_stats_period_shift(const char *period, const char *by, int back, char *out, size_t n);

#endif
