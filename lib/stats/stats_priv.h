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

/*
 * The summary holds whole segments (days of one month and one ISO week), which every
 * period is made of.  Split [from, to] into the whole segments inside it, for the
 * summary, and the days at either end that fill only part of a segment, for the
 * general query.  A case has one date on an axis, so the counts of the pieces add up.
 * False when the bounds are not ISO days, or the range lies inside one segment and is
 * not all of it (the general query then takes it all).
 */
typedef struct stats_split {
	char head[2][11], tail[2][11], seg[2][11]; /* first and last days */
	bool has_head, has_tail, has_seg, seg_from, seg_to;
} stats_split;
bool awol_stats_split_range(const char *from, const char *to, stats_split *sp);

/* An article list of a published figure ("337+338") as the queries take it ("337,338"). */
bool awol_stats_article_list(const char *articles, char *a, size_t n);

/*
 * What the memo (memo.c) holds for the counts of the whole country (articles as the
 * queries take them, "337,338"): the count of a piece at an end of a range (true and *n
 * when held); the rows (period, "", count) of the summary's segments from seg_from to
 * seg_to (either NULL: open) added to out, with their sum added to out->total, as
 * awol_store_tally_rows gives them from the summary: 1 when added, 0 when not held,
 * -AWOL_ENOMEM.
 */
bool awol_stats_memo_piece(const awol_stats_memo *m, const char *articles, const char *from,
                           const char *to, long *n);
int awol_stats_memo_rows(const awol_stats_memo *m, const char *articles, const char *seg_from,
                         const char *seg_to, const char *by, awol_stats_result *out, size_t *cap);

#endif
