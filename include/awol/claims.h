/*
 * Claims files (YAML; docs/claims.md) and their verdicts against published
 * figures and, optionally, our own counts.
 *
 * Ownership: a claim set owns everything; free with awol_claims_dispose.
 */
#ifndef AWOL_CLAIMS_H
#define AWOL_CLAIMS_H

#include <stddef.h>

#include "awol/error.h"
#include "awol/figures.h"
#include "awol/store.h"

/* What a number is said to be: unit, articles, period. */
typedef struct awol_label {
	char *unit;              /* cases_received, cases_opened, requests, ... */
	char *articles;          /* "337", "338", "337+338", "n/a" */
	char *period;            /* as written ("2023-H1") */
	char start[11], end[11]; /* resolved ISO dates */
} awol_label;

typedef struct awol_side {
	awol_label says;
	char *figure; /* a published figure id, or NULL */
} awol_side;

typedef struct awol_claim {
	char *id, *text, *kind; /* kind: count, ratio, percent_change, share */
	double value, tolerance;
	char *source;       /* figures (default) or db */
	awol_side single;   /* count, share, percent_change given as one figure */
	awol_side num, den; /* ratio, percent_change between two periods */
	int line;
	/* results */
	char *verdict; /* holds, holds-approximately, contradicted, mislabelled, unverifiable */
	double found;  /* the number on our side (NAN when none) */
	char *why;
} awol_claim;

typedef struct awol_claims {
	char *title;
	awol_claim *items;
	size_t n;
} awol_claims;

/* Parse; errors name the file, the line and the claim. */
int awol_claims_load(const char *path, awol_claims *out, awol_error *err);
/* The same from memory (a claims file pasted or uploaded; nothing is written); name
 * stands for the file in errors. */
int awol_claims_load_mem(const char *name, const char *buf, size_t len, awol_claims *out,
                         awol_error *err);
/* Give every claim a verdict.  st may be NULL (figures only). */
int awol_claims_check(awol_claims *c, const awol_figure_list *figs, awol_store *st,
                      awol_error *err);
void awol_claims_dispose(awol_claims *c);

/* The verdicts as `awol check --format json` prints them (and `awol serve` answers on
 * /api/check): an array of {id, text, kind, claimed, verdict, why, found}.  New reference. */
struct json_t;
struct json_t *awol_claims_to_json(const awol_claims *c);

#endif
