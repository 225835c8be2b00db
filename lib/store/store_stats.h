/*
 * The statements behind lib/stats (docs/counting.md): the counting query over the cases
 * or the case-count summary, result texts not understood, and the crawl's coverage read
 * for the articles asked.  lib/stats keeps the rules around them (ranges split into
 * summary segments, periods filled, coverage sentences); only these functions know SQL.
 */
#ifndef AWOL_STORE_STATS_H
#define AWOL_STORE_STATS_H

#include <stdbool.h>

#include "awol/error.h"
#include "awol/store.h"
#include "awol/store_rows.h"

/* Is `name` a group the counts know (article, part, court, ...); *summary (may be NULL):
 * can the case-count summary serve it? */
bool awol_store_stats_group(const char *name, bool *summary);

/* One counting run over one date range. */
typedef struct awol_store_tally {
	const char *unit;          /* cases, defendants or charges (the summary: cases only) */
	const char *by;            /* period: week, month, quarter, half, year */
	const char *axis;          /* received or decided */
	const char *articles;      /* "337,338" or NULL */
	const char *part;          /* "1,5" or NULL (not with the summary) */
	const char *from, *to;     /* ISO days or NULL */
	const char *courts;        /* court codes "77GV0005,50GV0001" or NULL for all */
	const char *const *groups; /* group fields (awol_store_stats_group), ngroups of them */
	size_t ngroups;
	bool summary; /* add up the summary's rows instead of reading every charge */
} awol_store_tally;

/*
 * Called for each row: (period, group, count) by period and group, then (period,
 * "(total)", count) per period, then (NULL, "(all)", count).  Several group fields come
 * joined by '\x1f' (an SQL NULL field as "\x1e").  A non-zero return stops the run and
 * is returned.
 */
typedef int (*awol_store_tally_fn)(void *ctx, const char *period, const char *group, long count);
/*
 * Count: a case counts once per period and group however many defendants and charges it
 * has (the query de-duplicates unit, period and group), a charge under another code than
 * the Criminal Code never, a date that is not an ISO day on no period.
 */
int awol_store_tally_rows(awol_store *st, const awol_store_tally *t, awol_store_tally_fn fn,
                          void *ctx, awol_error *err);
/*
 * The cases of several ranges (bounds: from0, to0, from1, to1, ..., ISO days, npieces
 * pairs) on the date axis `axis`, with a defendant charged under one of `articles`
 * ("337,338", NULL: any): fn(ctx, day, case id, article, court) once for each article a
 * case's defendants are charged under (a charge under another code never), in no order
 * (an order by case would make SQLite read every case); one statement for all the
 * ranges.  The day is the stored text: the caller drops what is no ISO day.  court is
 * the case's court code when with_court, else NULL (the cases need not be read then).
 */
typedef int (*awol_store_day_fn)(void *ctx, const char *day, long long case_id, const char *article,
                                 const char *court);
int awol_store_tally_days(awol_store *st, const char *articles, const char *axis,
                          const char *const *bounds, size_t npieces, bool with_court,
                          awol_store_day_fn fn, void *ctx, awol_error *err);
/*
 * Rows read whole for counts kept in memory (lib/stats memo.c), each as fn(ctx, a, b, x,
 * y), text that may be NULL; a non-zero return stops and is returned:
 * - awol_store_summary_cells: every row of the case-count summary on the date axis `axis`
 *   as (segment, court code, set id, cases);
 * - awol_store_summary_sets: the members of the summary's article sets as (article, NULL,
 *   set id, 0);
 * - awol_store_court_regions: the registry's courts as (code, region code, 0, 0).
 */
typedef int (*awol_store_cell_fn)(void *ctx, const char *a, const char *b, long long x,
                                  long long y);
int awol_store_summary_cells(awol_store *st, const char *axis, awol_store_cell_fn fn, void *ctx,
                             awol_error *err);
int awol_store_summary_sets(awol_store *st, awol_store_cell_fn fn, void *ctx, awol_error *err);
int awol_store_court_regions(awol_store *st, awol_store_cell_fn fn, void *ctx, awol_error *err);
/* Result texts the outcome rules do not understand, at most 100, from the summary's
 * texts or the cases.  Column: result. */
int awol_store_stats_unrecognised(awol_store *st, bool summary, awol_store_rows **out,
                                  awol_error *err);

/*
 * One snapshot for several reads (the summary's freshness and the counts read together):
 * *own says whether a transaction was opened here, for awol_store_read_end.
 */
int awol_store_read_begin(awol_store *st, bool *own, awol_error *err);
void awol_store_read_end(awol_store *st, bool own);

/* Did any crawl search `article` (NULL: any article at all)? */
int awol_store_coverage_searched(awol_store *st, const char *article, bool *yes, awol_error *err);
/* The articles crawls searched, in order.  Column: article. */
int awol_store_coverage_articles(awol_store *st, awol_store_rows **out, awol_error *err);
/*
 * Windows of the articles `searched` ("337,338", NULL: every article) at the courts
 * `only` ("77GV0005,50GV0001", NULL: every court) that overlap [from, to] (either may
 * be NULL): n[0] complete, n[1] partial, n[2] pending, n[3] captcha, n[4] dead, n[5]
 * all, n[6] listings_only; *courts the courts they belong to.
 */
int awol_store_coverage_windows(awol_store *st, const char *searched, const char *only,
                                const char *from, const char *to, long n[7], long *courts,
                                awol_error *err);
/* Windows complete or partial of the articles `searched` at the courts `only` (NULL:
 * every court), in date order.  Columns: date_from, date_to. */
int awol_store_coverage_spans(awol_store *st, const char *searched, const char *only,
                              awol_store_rows **out, awol_error *err);

#endif
