/*
 * One count of our own, with what it rests on: the number `awol check` sets against a
 * claim (`from: db`) and `awol stats --compare` against a regional published figure.
 * Counting rules (docs/counting.md, docs/claims.md): a case counts once however many
 * defendants and charges it has, a defendant once per case; the article filter is on
 * the defendants' charges, under the Criminal Code only; a date that is not a valid ISO
 * day counts on no period.
 *
 * Ownership: a result owns its strings; free with awol_store_count_dispose.
 */
#ifndef AWOL_STORE_COUNT_H
#define AWOL_STORE_COUNT_H

#include <stdbool.h>

#include "awol/error.h"
#include "awol/store.h"

typedef struct awol_count_query {
	/*
	 * cases_received (by receipt date), cases_decided (by decision date), verdicts (cases
	 * whose result is a sentence, by decision date), defendants (of cases received),
	 * defendants_convicted (defendants whose own result, else the case's, is a sentence,
	 * by their own decision date, else the case's), sentences_read, sentences_suspended,
	 * sentences_real (the current readings of act texts, lib/store/outcomes.c: convicted
	 * with a punishment read; of those, imprisonment suspended or real; by the case's
	 * decision date).
	 */
	const char *unit;
	const char *articles;  /* "337,338" ('+' separates too) */
	const char *from, *to; /* ISO days, inclusive */
	const char *regions;   /* NULL for every court, else registry region codes "50,77" */
	const char *courts;    /* NULL for every court, else court codes "63GV0002,..." */
	bool coverage_only;    /* leave count at -1 (the caller counts another way) */
} awol_count_query;

typedef struct awol_count_result {
	long count;
	bool simulated; /* the database was filled from awol-sim */
	/*
	 * Coverage: the count is complete only when every garrison court of the area (every
	 * named court) was searched under every article, on every server, by windows marked
	 * complete that cover the period — for counts by decision date from a year before it,
	 * since a case decided in the period may have been received earlier.
	 */
	bool complete;
	bool crawled;       /* any crawl recorded at all ("coverage unknown" when not) */
	long units;         /* court × server × article units the period needs */
	long units_covered; /* of which covered by complete windows */
	char *not_searched; /* articles no crawl searched ("332"), NULL when none */
	char *coverage;     /* one sentence saying all of the above */
} awol_count_result;

/* Units awol_store_count counts; false for anything else (cases_opened, requests, ...). */
bool awol_store_count_unit_known(const char *unit);
int awol_store_count(awol_store *st, const awol_count_query *q, awol_count_result *out,
                     awol_error *err);
void awol_store_count_dispose(awol_count_result *r); /* accepts NULL */

#endif
