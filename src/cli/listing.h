/*
 * Printing a library listing (include/awol/listings.h): --format json prints
 * the array as the library built it (what `awol serve` answers); table and CSV
 * are made from the same rows.
 */
#ifndef AWOL_CLI_LISTING_H
#define AWOL_CLI_LISTING_H

#include <stdio.h>

#include "awol/listings.h"
#include "table.h"

struct json_t;

/* Print rows (an array of objects with the listing's columns); returns the row count. */
size_t cli_listing_print(FILE *out, const struct json_t *rows, const awol_listing_cols *c,
                         cli_format fmt);

#endif
