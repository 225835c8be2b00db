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
	const char *group;     /* NULL, or one or more of article, part, court, region,
	                          district, level, outcome, comma-separated ("outcome,region":
	                          a cross-tab, one row per combination) */
	const char *articles;  /* "337,338" or NULL for all */
	const char *part;      /* "5", "3.1,5" or NULL */
	const char *courts;    /* "77GV0005,50GV0001": only these courts' cases, and the
	                          coverage of their windows alone; NULL for all */
	const char *from, *to; /* ISO dates or NULL */
	const char *date;      /* received (default) or decided */
	bool general;          /* never use the case-count summary (tests compare the two) */
	bool share;            /* give each row its share of the period's total */
	const char *sort;      /* period (default), count (largest first) or group */
	long limit;            /* keep the first N rows after sorting; 0: all */
} awol_stats_query;

#define AWOL_STATS_MAX_GROUPS 4

/* Against another period of the same group. */
typedef struct awol_stats_change {
	long count;        /* that period's count; -1 when it has no row or was not collected */
	long days;         /* the days it counted */
	bool comparable;   /* both counted the same kind of span: whole calendar periods, or
	                      the same number of days; otherwise compare rate_per_day */
	double change_pct; /* NAN when not comparable or the base is 0 */
} awol_stats_change;

typedef struct awol_stats_row {
	char *period;      /* "2023-06", "2023-W25", "2023-Q2", "2023-H1", "2023" */
	char *group;       /* group value, "" when not grouped, "(total)" for the period total;
	                      several fields joined with " / " */
	char **groups;     /* one value per group field (result ngroups); NULL on a total row */
	bool period_total; /* the "(total)" row: distinct units of the period */
	char start[11], end[11]; /* first and last day counted (the calendar period cut by
	                            --from/--to and by the collected coverage) */
	long days;               /* days counted; 0 when not collected */
	long period_days;        /* days of the calendar period */
	bool partial;            /* 0 < days < period_days */
	int collected;           /* 1 collected, 0 not collected, -1 unknown (no crawl recorded) */
	long count;   /* -1 when not collected and nothing found (shown "not collected") */
	double share; /* of the period's total (ungrouped: of the query's); NAN unless asked */
	double rate_per_day; /* count / days; NAN when not collected */
	int searched;  /* grouped by article or part: 1 a crawl searched the row's article, 0 not
	                  (its count is co-charges only, a lower bound); -1 not grouped so, or
	                  coverage unknown */
	long prev;     /* = previous.count, kept for older callers */
	long year_ago; /* = year_ago_change.count */
	awol_stats_change previous, year_ago_change;
} awol_stats_row;

/* An article asked (or, with no --article, every article a crawl searched). */
typedef struct awol_stats_article {
	char *article;
	bool searched; /* a crawl searched it; false: its counts are co-charges, a lower bound */
} awol_stats_article;

typedef struct awol_stats_result {
	awol_stats_row *rows;
	size_t nrows;
	long total;     /* distinct units over the whole query; -1 when no day of the range was
	                   collected and nothing was found (not collected, not 0) */
	bool simulated; /* the database was filled from awol-sim */
	char *coverage; /* one sentence on what was and was not collected, for the articles asked */
	bool coverage_complete;
	int coverage_known; /* 1: crawl coverage recorded; 0: none (pages imported from files) */
	long windows[7];    /* coverage windows of the articles asked that touch --from..--to:
	                       complete, partial, pending, captcha, dead, all, listings_only
	                       (walked with --no-cards: no case stored) */
	long courts;        /* courts in those windows */
	char coverage_first[11], coverage_last[11]; /* collected span ("" when none) */
	bool lower_bound; /* some count rests on incomplete coverage or unsearched articles */
	awol_stats_article *articles;
	size_t narticles;
	char *group_fields[AWOL_STATS_MAX_GROUPS]; /* the group fields asked */
	size_t ngroups;
	char **unrecognised; /* outcome texts not understood (group=outcome) */
	size_t nunrecognised;
	bool from_summary; /* counted from the case-count summary (same answer, faster) */
} awol_stats_result;

int awol_stats_run(awol_store *st, const awol_stats_query *q, awol_stats_result *out,
                   awol_error *err);
void awol_stats_dispose(awol_stats_result *r); /* accepts NULL */

/*
 * Whether the case-count summary (awol_store_counts_refresh) can answer q: unit cases,
 * no --part, no group or a group other than part (with or without --court: the summary
 * holds the court of every row).  awol_stats_run uses it only when it
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

/* What a count over a range rests on (for published figures and claims set against it). */
typedef struct awol_stats_basis {
	int known;        /* 1: crawl coverage recorded; 0: none (pages imported from files) */
	long days;        /* days of from..to a crawl collected for these articles */
	long range_days;  /* days of from..to */
	bool searched;    /* every article was searched by a crawl */
	bool lower_bound; /* incomplete coverage, days not collected or articles not searched */
} awol_stats_basis;

/*
 * awol_stats_count_received, and what the count rests on.  When coverage is known and no
 * day of the range was collected, *out is -1: not collected, not 0.
 */
int awol_stats_count_received_basis(awol_store *st, const char *articles, const char *from,
                                    const char *to, long *out, awol_stats_basis *basis,
                                    awol_error *err);

/*
 * Many counts at once (published figures set beside ours).  The summary's rows are read
 * once and added up in memory for every range (by segment, for its articles and place),
 * and the days at either end of the ranges, which the summary holds only as parts of a
 * segment, are read for all of them in one statement; the counts hold one snapshot of
 * the database until awol_stats_memo_free.  Without a fresh summary the memo holds
 * nothing and every count is made whole, the slow way: the answers are the same.  The
 * memo borrows st (free it before closing st).
 */
typedef struct awol_stats_range {
	const char *articles;         /* "337+338" or "337,338" */
	const char *from, *to;        /* ISO days, inclusive */
	const char *regions, *courts; /* the place as awol_store_count takes it (registry
	                                 region codes "50,77", court codes), NULL: the country */
} awol_stats_range;
typedef struct awol_stats_memo awol_stats_memo;
int awol_stats_memo_new(awol_store *st, const awol_stats_range *ranges, size_t n,
                        awol_stats_memo **out, awol_error *err);
void awol_stats_memo_free(awol_stats_memo *m); /* accepts NULL */
/*
 * The cases received in a range given to awol_stats_memo_new with its place, counted as
 * awol_store_count counts cases_received: 1 and *out when the memo holds the count, 0
 * when it does not (count with awol_store_count then).
 */
int awol_stats_memo_count(const awol_stats_memo *m, const awol_stats_range *r, long *out);
/* awol_stats_count_received_basis with the counts of `memo` (NULL: none): the same answer. */
int awol_stats_count_received_memo(awol_store *st, const awol_stats_memo *memo,
                                   const char *articles, const char *from, const char *to,
                                   long *out, awol_stats_basis *basis, awol_error *err);

/*
 * The articles a crawl searched (distinct articles of the coverage record), sorted; *out
 * is a malloc'd array of malloc'd strings (free each, then the array).
 */
int awol_stats_searched_articles(awol_store *st, char ***out, size_t *n, awol_error *err);
/* The articles awol is about (337, 338, 332, 334, 339), NULL-terminated. */
extern const char *const awol_stats_articles_of_interest[];

/* The normalised outcome of a result text ("convicted", "terminated:judicial-fine", ...);
 * "pending" for NULL/empty, NULL when not recognised. */
const char *awol_stats_outcome(const char *result);

/*
 * The JSON document of a result as text, a newline at the end: what `awol stats --format
 * json` prints and `awol serve` answers on /api/stats, byte for byte, with the published
 * figures set beside it (`compare`, NULL: none).  Written without a jansson tree (a
 * whole-country table by month and court is 10 MB).  *out is malloc'd (the caller frees
 * it), *n its length.
 */
struct json_t;
struct awol_figure_comparison;
int awol_stats_json_text(const awol_stats_query *q, const awol_stats_result *r,
                         const struct awol_figure_comparison *compare, char **out, size_t *n,
                         awol_error *err);
/*
 * The same document as a jansson tree (the text parsed: the two cannot differ), for
 * callers that read or embed it (`awol report`).  Returns a new reference (json_decref
 * it), NULL when out of memory.
 */
struct json_t *awol_stats_to_json(const awol_stats_query *q, const awol_stats_result *r,
                                  const struct awol_figure_comparison *compare);

/* Period key of an ISO date for a granularity; false on a bad date or granularity. */
bool awol_stats_period(const char *iso_date, const char *by, char *out, size_t n);
/* The period before `period` (shift 1) or a year before (shift = periods per year). */
bool awol_stats_period_shift(const char *period, const char *by, int back, char *out, size_t n);
/* First and last day (days since 1970-01-01) of a period key; false when not one. */
bool awol_stats_period_bounds(const char *period, const char *by, long *first, long *last);

#endif
