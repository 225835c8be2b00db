/*
 * What the files of lib/stats share: counting (stats.c) yields rows; coverage.c reads what
 * the crawl collected; periods.c fills, compares and orders the rows.
 */
#ifndef AWOL_STATS_PRIV_H
#define AWOL_STATS_PRIV_H

#include "awol/stats.h"

/* Collected days, as merged inclusive spans of days since 1970-01-01, in order. */
typedef struct stats_spans {
	long (*d)[2];
	size_t n;
} stats_spans;

/* Append a row; a group of several fields comes joined by '\x1f'.  0 or -AWOL_ENOMEM. */
int awol_stats_add_row(awol_stats_result *r, size_t *cap, const char *period, const char *group,
                       long count);
void awol_stats_row_free(awol_stats_row *row);
/* Sort rows by period and group (totals first in a period); the order lookups rely on. */
int awol_stats_cmp_rows(const void *a, const void *b);

/*
 * What the crawl recorded for the articles asked: coverage sentence and figures of r,
 * r->articles, and the days collected (sp; dispose with free(sp->d)).
 */
int awol_stats_coverage_read(awol_store *st, const awol_stats_query *q, awol_stats_result *r,
                             stats_spans *sp, awol_error *err);

/* Rows grouped by article or part: whether a crawl searched their article (row->searched). */
void awol_stats_mark_searched(awol_stats_result *r);

/*
 * Every period of the range gets its rows (0, or "not collected"), with the days it
 * counts; then the changes, shares, order and limit.  0 or -AWOL_ENOMEM.
 */
int awol_stats_finish(awol_stats_result *r, const awol_stats_query *q, const char *by,
                      const stats_spans *sp, size_t *cap);

#endif
