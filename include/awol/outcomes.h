/*
 * Outcomes per defendant, read from the stored act texts by lib/verdict and
 * kept in the store (tables outcomes, outcome_articles: docs/schema.md).
 * Importing an act text reads it; these functions list what was read and
 * read the texts of databases filled before the reader existed.
 */
#ifndef AWOL_OUTCOMES_H
#define AWOL_OUTCOMES_H

#include <stdbool.h>
#include <stddef.h>

#include "awol/error.h"
#include "awol/store.h"

/* The columns of a listed row, in order, and which are numbers (JSON). */
extern const char *const awol_outcome_columns[];
extern const bool awol_outcome_numeric[];
extern const size_t awol_outcome_ncolumns;

/*
 * Call fn once per stored defendant outcome (awol_outcome_ncolumns strings,
 * NULL for absent values), by court, case and act; `court` (may be NULL)
 * keeps one court's; without `all`, only the current reading of each case
 * (the newest act that states an outcome: docs/verdicts.md).  A non-zero
 * return from fn stops the walk and is returned.
 */
int awol_store_outcomes_list(awol_store *st, const char *court, bool all,
                             int (*fn)(void *ctx, const char *const *values), void *ctx,
                             awol_error *err);

/*
 * Read the stored act texts that have no outcomes yet (every text with
 * `all`), in one transaction; *nacts (may be NULL) gets how many were read.
 */
int awol_store_outcomes_read_acts(awol_store *st, bool all, size_t *nacts, awol_error *err);

/*
 * The shares of what was read, each with its base (docs/verdicts.md, "Bases of shares"), from
 * the current readings (one court's with `court`): fn is called once per row with the measure
 * ("cases", "outcome", "sentence", "regime", "service", "ground"), the value, how many, the
 * base count and what the base is.  The first rows give the bases themselves: decided cases,
 * cases with a published text read, defendants read to a clear outcome.
 */
int awol_store_outcomes_shares(awol_store *st, const char *court,
                               int (*fn)(void *ctx, const char *measure, const char *value,
                                         long count, long base, const char *base_is),
                               void *ctx, awol_error *err);

/*
 * The distribution of terms (months) of the current readings of convicted defendants, by
 * `group` ("sentence": type and real/suspended; "article": the first article and part
 * convicted of; "year": the year decided; NULL: all): fn gets, per group, how many terms
 * were read, how many convictions of the group have no term read (none, redacted, unsure),
 * and the minimum, lower quartile, median, upper quartile and maximum (nearest rank).
 */
typedef struct awol_term_stats {
	const char *group; /* the group's value ("imprisonment, real", "337 ч. 5", "2023") */
	long n, unread;
	double min, q1, median, q3, max;
} awol_term_stats;

int awol_store_outcomes_terms(awol_store *st, const char *court, const char *group,
                              int (*fn)(void *ctx, const awol_term_stats *s), void *ctx,
                              awol_error *err);

#endif
