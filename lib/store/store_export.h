/*
 * The statements behind the exports (lib/stats/export.c, docs/exports.md): the rows of
 * an entity under a filter, and the lookups that check a filter.
 */
#ifndef AWOL_STORE_EXPORT_H
#define AWOL_STORE_EXPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "awol/error.h"
#include "awol/export.h"
#include "awol/store.h"
#include "awol/store_rows.h"

/*
 * The rows of entity `what` (cases, persons, charges, events, coverage, court_coverage,
 * outcomes)
 * under `f` (may be NULL), one column per entry of `cols` (ncols of them, named as
 * there, in that order: the store holds the SQL of each and refuses a table that does
 * not match its own).  The cursor is the caller's.
 */
int awol_store_export_rows(awol_store *st, const char *what, const awol_export_column *cols,
                           size_t ncols, const awol_export_filter *f, awol_store_rows **out,
                           awol_error *err);
/* Is there a court with this code (`len` bytes of it)?  In this region? */
int awol_store_court_exists(awol_store *st, const char *code, size_t len, bool *found,
                            awol_error *err);
int awol_store_region_exists(awol_store *st, const char *region, bool *found, awol_error *err);
/*
 * Does entity `what`'s table hold a row?  *yes false for a table the database does not
 * have (a read-only database older than it is not migrated).
 */
int awol_store_export_has_rows(awol_store *st, const char *what, bool *yes, awol_error *err);

#endif
