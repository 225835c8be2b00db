/*
 * Exports of the store for spreadsheets, R and pandas: one row per entity,
 * RFC 4180 CSV (UTF-8, one header row of snake_case names), JSON Lines or one
 * JSON document, written row by row so memory stays flat; and a Frictionless
 * data package (a directory of CSV files with datapackage.json).
 * Columns and filters: docs/export.md.
 *
 * Every entity is described by one column table (name, type, description):
 * the CSV header, the JSON keys and the data package's schema all come from
 * it, so they cannot disagree.
 */
#ifndef AWOL_EXPORT_H
#define AWOL_EXPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "awol/error.h"
#include "awol/store.h"

/* Frictionless Table Schema field types. */
typedef enum awol_export_type {
	AWOL_EXPORT_STRING,
	AWOL_EXPORT_INTEGER,
	AWOL_EXPORT_NUMBER,
	AWOL_EXPORT_BOOLEAN, /* stored 0/1: JSON true/false, CSV 0/1 */
	AWOL_EXPORT_DATE,    /* ISO 8601 day */
	AWOL_EXPORT_DATETIME /* ISO 8601 UTC time, 2024-01-31T12:00:00Z */
} awol_export_type;

typedef struct awol_export_column {
	const char *name; /* snake_case: CSV header, JSON key, data package field */
	awol_export_type type;
	const char *description; /* one sentence, for datapackage.json and the docs */
} awol_export_column;

/*
 * The entities, NULL-terminated: cases, persons, charges, events, coverage, court_coverage,
 * outcomes (what the act texts say of each defendant, docs/verdicts.md).
 */
extern const char *const awol_export_entities[];

/* The columns of `what` (static storage) and their number; NULL when `what` is unknown. */
const awol_export_column *awol_export_columns(const char *what, size_t *n);

/* "integer", "date", ...: the Table Schema name of a type. */
const char *awol_export_type_name(awol_export_type t);

/*
 * Which rows to export.  Every field may be NULL (no filter).  The case entities
 * (cases, persons, charges, events) give the rows of the cases selected, so that
 * the files of one export join; coverage and court_coverage take court, region,
 * articles and the period (windows that overlap it), never outcome.
 */
typedef struct awol_export_filter {
	const char *articles;  /* "337,338": cases with a charge under one of them */
	const char *courts;    /* "code,code" (registry codes) */
	const char *region;    /* the courts' region, as `awol courts` prints it */
	const char *date;      /* the day --from/--to apply to: received (default) or decided */
	const char *from, *to; /* ISO days, inclusive */
	const char *outcome;   /* normalised outcome; "terminated" takes every terminated:... */
	bool by_court;         /* rows in court, received day and number order (else by id) */
} awol_export_filter;

/*
 * Check a filter against the store: dates, known court codes and regions, known
 * outcomes, articles made of digits.  AWOL_EINVAL with a message naming the value.
 */
int awol_export_filter_check(awol_store *st, const awol_export_filter *f, awol_error *err);

/*
 * Call fn for every row of `what` selected by `f` (may be NULL), with values[i] the
 * text of column i (NULL for SQL NULL), in a stable order.  fn returns 0 to go on,
 * negative to stop (its value is returned).
 */
typedef int (*awol_export_row_fn)(void *ctx, const char *const *values);
int awol_export_each(awol_store *st, const char *what, const awol_export_filter *f,
                     awol_export_row_fn fn, void *ctx, awol_error *err);

/*
 * Stream `what` to `out`: format csv (header row, CRLF), jsonl (one object a line;
 * each has "simulated": true when the store was filled from awol-sim) or json (one
 * object: awol_export_meta's fields and "rows").  *rows gets the row count.
 */
int awol_export_write(awol_store *st, const char *what, const awol_export_filter *f,
                      const char *format, FILE *out, long *rows, awol_error *err);

/* awol_export_write with no filter (kept for existing callers). */
int awol_export(awol_store *st, const char *what, const char *format, FILE *out, long *rows,
                awol_error *err);

/* The JSON value of a cell of a column of type t (NULL cell -> null). New reference. */
struct json_t;
struct json_t *awol_export_cell_json(awol_export_type t, const char *v);

/* One RFC 4180 field (quoted when it holds a comma, quote or line end); NULL = empty. */
void awol_export_csv_field(FILE *out, const char *s);

/* Whether the store was filled from awol-sim (meta simulated = 1). */
bool awol_export_simulated(awol_store *st);

/*
 * What an export rests on, as a JSON object: awol_version, database, simulated,
 * query (the filter; `what` when not NULL) and coverage (courts, windows, articles
 * searched, period and whether all of it is complete).  New reference; NULL when out
 * of memory.
 */
struct json_t *awol_export_meta(awol_store *st, const char *what, const awol_export_filter *f);

/*
 * Write a Frictionless tabular data package into `dir`: one CSV file per entity
 * (cases, persons, charges, events, coverage, court_coverage, and outcomes when the
 * database holds readings of act texts) and datapackage.json (schema of every
 * field, sources, created, and awol_export_meta's fields).  A new `dir` is built
 * under a temporary name and renamed into place; in an existing directory each file
 * is written to a temporary name and renamed, datapackage.json last.
 * *rows (may be NULL) gets the number of case rows.
 */
int awol_export_datapackage(awol_store *st, const awol_export_filter *f, const char *dir,
                            long *rows, awol_error *err);

#endif
