/*
 * awol_verdict: what the resolutive part of one judicial act says about each
 * defendant (outcome, articles, punishment) and what its other parts say
 * about him (service status, the absence).  docs/verdicts.md describes the
 * classes and the rules; `awol verdict --json` prints this struct one to one.
 *
 * The reader works on the plain UTF-8 text of an act (HTML already stripped
 * by lib/sudrf) in a single pass of folding plus a handful of fixed-string
 * searches; it never guesses: a value it cannot read for sure is left absent
 * (NULL, -1, "unknown"), and a redacted term is `redacted`, not zero.
 *
 * Ownership: awol_verdict_read returns a verdict the caller frees with
 * awol_verdict_free.  The enum-like strings (act, outcome, ground, type,
 * regime, service, ended, reason, additional[]) are static and must not be
 * freed; label and evidence strings are owned by the verdict.
 */
#ifndef AWOL_VERDICT_H
#define AWOL_VERDICT_H

#include <stdbool.h>
#include <stddef.h>

#include "awol/error.h"

#define AWOL_VERDICT_MAX_ARTICLES 8
#define AWOL_VERDICT_MAX_ADDITIONAL 4

typedef struct awol_verdict_article {
	char law[16];    /* "УК РФ" (the only law read) */
	char article[8]; /* "337" */
	char part[8];    /* "5", "3.1" or "" (JSON null) */
	char point[8];   /* "а" or "" (JSON null) */
} awol_verdict_article;

typedef struct awol_verdict_punishment {
	const char *type;     /* "imprisonment", ... or NULL (not stated, redacted, or unsure) */
	bool suspended;       /* ст. 73 in this defendant's block */
	bool suspended_known; /* false: not sure whether suspended (JSON null) */
	int months;           /* the term in months, -1 when none, unknown or redacted */
	bool redacted;        /* the court redacted the type, term or regime */
	const char *regime;   /* "settlement"|"general"|"strict"|"special"|"prison" or NULL */
	int probation_months; /* -1 when none or unknown */
	long long fine_rub;   /* -1 when none or unknown */
	bool below_minimum;   /* «с применением ст. 64 УК РФ» */
	const char *additional[AWOL_VERDICT_MAX_ADDITIONAL]; /* "deprivation_of_rank", ... */
	size_t nadditional;
} awol_verdict_punishment;

typedef struct awol_verdict_absence {
	char from[11], to[11]; /* ISO dates, "" when not read */
	int days;              /* -1 when not read */
	const char *ended;     /* "returned"|"detained" or NULL */
} awol_verdict_absence;

/*
 * A stored act text has the case's names replaced by «[32 hex digits]», the person's
 * pseudonym (lib/store/redact.c); the reader takes that for a label like «ФИО1».
 */
#define AWOL_VERDICT_PSEUDONYM_LEN 32

typedef struct awol_verdict_defendant {
	char *label; /* as written («ФИО1», «Петров П.П.», «[3f0c…]»), NULL when the text gives none
	              */
	bool label_is_name;  /* the label holds a surname (not «ФИО1», not initials alone) */
	const char *outcome; /* "convicted"|"acquitted"|"terminated"|"paused"|"returned"|
	                        "medical"|"unknown" */
	const char *ground;  /* terminated/paused: "judicial_fine", ... or NULL */
	const char *reason;  /* outcome "unknown": why ("not_published", ...); else NULL */
	awol_verdict_article articles[AWOL_VERDICT_MAX_ARTICLES]; /* convicted of */
	size_t narticles;
	bool has_punishment; /* JSON null otherwise */
	awol_verdict_punishment punishment;
	const char *service; /* "mobilised"|"contract"|"conscript"|"volunteer" or NULL */
	bool has_absence;
	awol_verdict_absence absence;
	/* the words each value was read from (whitespace collapsed), NULL when not read */
	char *ev_outcome, *ev_punishment, *ev_service, *ev_absence;
} awol_verdict_defendant;

typedef struct awol_verdict {
	const char *act; /* "приговор"|"постановление"|"определение"|"решение" or NULL */
	bool appeal;     /* «апелляционное ...» */
	const char *reason; /* why nothing could be read ("not_published", ...) or NULL */
	awol_verdict_defendant *defendants;
	size_t ndefendants;
} awol_verdict;

/*
 * Read one act text (UTF-8; invalid bytes are tolerated).  On success *out is
 * a new verdict (possibly with every defendant "unknown" and a reason).
 * Returns < 0 only when memory runs out.
 */
int awol_verdict_read(const char *text, size_t len, awol_verdict **out, awol_error *err);

void awol_verdict_free(awol_verdict *v); /* accepts NULL */

/*
 * Is `label` («Петрова С.И.», «С.И. Петров», «Петрова Сергея Ивановича») a form of the full
 * `name` («Петров Сергей Иванович»)?  The same first letters of the surname and the same
 * initials; false for placeholders («ФИО1», «Ю.Г.Р.») and when either is not a name.
 */
bool awol_verdict_same_person(const char *label, const char *name);

/*
 * A copy of `text` with every name label the reader would see («Иванов И.И.»,
 * «Иванова И.И.», «И.И. Иванов»; not «ФИО1», not initials alone) replaced by
 * repl(ctx, label) (malloc'd by repl, freed here; NULL leaves the label).
 * For stores that must not keep names.  NULL on memory failure.
 */
char *awol_verdict_mask_names(const char *text, char *(*repl)(void *ctx, const char *label),
                              void *ctx);

/*
 * The JSON object of the `awol verdict --json` contract (docs/verdicts.md):
 * {"file", "act", "reason", "defendants": [...], "error"}.  v may be NULL
 * when `error` says why the input could not be read.  *out is malloc'd,
 * one line, no newline.
 */
int awol_verdict_to_json(const awol_verdict *v, const char *file, const char *error, char **out,
                         awol_error *err);

#endif
