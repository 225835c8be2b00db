/*
 * Streaming exports of the store for spreadsheets, R and pandas: one row per
 * entity, RFC 4180 CSV (UTF-8, header row) or JSON Lines, written row by row
 * so memory stays flat.  Columns: docs/export.md.
 */
#ifndef AWOL_EXPORT_H
#define AWOL_EXPORT_H

#include <stdio.h>

#include "awol/error.h"
#include "awol/store.h"

/* what: cases, persons, charges, events, outcomes; format: csv, jsonl. *rows gets the row count. */
int awol_export(awol_store *st, const char *what, const char *format, FILE *out, long *rows,
                awol_error *err);

#endif
