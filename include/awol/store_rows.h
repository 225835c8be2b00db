/*
 * A cursor over the rows of one listing the store answers (awol_store_*_list and the like):
 * the caller reads rows one at a time without knowing how they are stored.
 *
 *	awol_store_rows *r;
 *	if (awol_store_court_status_list(st, &r, err) < 0) ...
 *	while ((rc = awol_store_rows_next(r, err)) > 0)
 *		use(awol_store_rows_text(r, 0));
 *	awol_store_rows_close(r);
 *	if (rc < 0) ...   (a damaged file ends the rows early: never a shorter result)
 *
 * Ownership: the cursor is the caller's (awol_store_rows_close); texts are borrowed and
 * valid until the next awol_store_rows_next or close.  The store must outlive it.
 */
#ifndef AWOL_STORE_ROWS_H
#define AWOL_STORE_ROWS_H

#include <stddef.h>

#include "awol/error.h"

typedef struct awol_store_rows awol_store_rows;

/* 1: a row is there; 0: no more rows; < 0: the read failed (err names the database). */
int awol_store_rows_next(awol_store_rows *r, awol_error *err);
size_t awol_store_rows_ncols(awol_store_rows *r);
/* The column's value as text, NULL for SQL NULL. */
const char *awol_store_rows_text(awol_store_rows *r, size_t col);
/* The column's value as a number (NULL reads as 0). */
long awol_store_rows_long(awol_store_rows *r, size_t col);
void awol_store_rows_close(awol_store_rows *r); /* accepts NULL */

#endif
