/*
 * Claims files (YAML; docs/claims.md) and their verdicts against published
 * figures and, optionally, our own counts.
 *
 * Ownership: a claim set owns everything; free with awol_claims_dispose.
 */
#ifndef AWOL_CLAIMS_H
#define AWOL_CLAIMS_H

#include <stdbool.h>
#include <stddef.h>

#include "awol/error.h"
#include "awol/figures.h"
#include "awol/store.h"

/* What a number is said to be: unit, articles, period, place. */
typedef struct awol_label {
	char *unit;              /* cases_received, cases_opened, requests, ... */
	char *articles;          /* "337", "338", "337+338", "n/a" */
	char *period;            /* as written ("2023-H1") */
	char *geography;         /* as in published figures; NULL means national */
	char start[11], end[11]; /* resolved ISO dates */
} awol_label;

typedef struct awol_side {
	awol_label says;
	char *figure; /* a published figure id, or NULL */
} awol_side;

typedef struct awol_claim {
	char *id, *text, *kind; /* kind: count, ratio, percent_change, share */
	double value, tolerance;
	int decimals;       /* digits after the point in the value as written: its precision */
	char *source;       /* figures (default) or db */
	awol_side single;   /* count, share, percent_change given as one figure */
	awol_side num, den; /* ratio, percent_change, share between two numbers */
	int line;
	/* results */
	char *verdict;    /* holds, holds-approximately, contradicted, mislabelled, unverifiable */
	double found;     /* the number on our side (NAN when none) */
	char *why;        /* one sentence, with the arithmetic done */
	char *caveat;     /* NULL, or what a reader must know though the verdict stands */
	bool lower_bound; /* our count rests on incomplete coverage (from: db) */
	bool simulated;   /* our count comes from a simulated database (from: db) */
} awol_claim;

typedef struct awol_claims {
	char *title;
	awol_claim *items;
	size_t n;
} awol_claims;

/* Parse; errors name the file, the line and the claim (both lines for a repeated id). */
int awol_claims_load(const char *path, awol_claims *out, awol_error *err);
/* The same from memory; `name` names the input in errors. */
int awol_claims_parse(const char *name, const char *data, size_t len, awol_claims *out,
                      awol_error *err);
/*
 * The one rule for figure periods (docs/claims.md): a figure's period is the claim's when
 * its first and last days are each within this many days of the claim's ("to date"
 * figures published a few days before the period ends).
 */
#define AWOL_CLAIMS_PERIOD_SLACK_DAYS 7
/* Give every claim a verdict.  st may be NULL (figures only). */
int awol_claims_check(awol_claims *c, const awol_figure_list *figs, awol_store *st,
                      awol_error *err);
void awol_claims_dispose(awol_claims *c);

#endif
