/*
 * A small RFC 4180 CSV reader (quoted fields with commas, quotes and line
 * breaks).  Used for the court registry and published figures.
 */
#ifndef AWOL_COURTS_CSV_H
#define AWOL_COURTS_CSV_H

#include <stddef.h>

#include "awol/error.h"

typedef struct awol_csv {
	const char *p, *end;
	size_t line; /* line number where the current record starts (1-based) */
} awol_csv;

void awol_csv_init(awol_csv *c, const char *data, size_t len);
/*
 * Read one record: *fields (malloc'd array of malloc'd strings), *n fields.
 * Returns 1 for a record, 0 at the end, <0 on a malformed record (err names
 * the line; `name` is the input's name for the message).
 */
int awol_csv_next(awol_csv *c, const char *name, char ***fields, size_t *n, awol_error *err);
void awol_csv_free_fields(char **fields, size_t n);

#endif
