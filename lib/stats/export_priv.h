/* Shared by the export files of lib/stats (not installed). */
#ifndef AWOL_STATS_EXPORT_PRIV_H
#define AWOL_STATS_EXPORT_PRIV_H

#include <sqlite3.h>

#include "awol/export.h"

/* The statement of `what` under `f` (may be NULL), ready to step; *ncols its columns. */
int awol_export_prepare(awol_store *st, const char *what, const awol_export_filter *f,
                        sqlite3_stmt **out, size_t *ncols, awol_error *err);

/* *yes: `table` exists and has a row (optional entities of the data package). */
int awol_export_has_rows(awol_store *st, const char *table, bool *yes, awol_error *err);

#endif
