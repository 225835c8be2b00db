/* Shared by the export files of lib/stats (not installed). */
#ifndef AWOL_STATS_EXPORT_PRIV_H
#define AWOL_STATS_EXPORT_PRIV_H

#include "awol/export.h"
#include "awol/store_rows.h"

/* The rows of `what` under `f` (may be NULL), ready to read; *ncols its columns. */
int awol_export_rows(awol_store *st, const char *what, const awol_export_filter *f,
                     awol_store_rows **out, size_t *ncols, awol_error *err);

#endif
