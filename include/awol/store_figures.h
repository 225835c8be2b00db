/*
 * The `figures` table (docs/figures.md): published figures kept in a database, with where
 * they were imported from and when.  lib/claims (awol_figures_import, awol_figures_from_db)
 * is the interface callers use; these are its SQL.
 */
#ifndef AWOL_STORE_FIGURES_H
#define AWOL_STORE_FIGURES_H

#include "awol/error.h"
#include "awol/figures.h"
#include "awol/store.h"

/*
 * *n: rows; *stale: rows imported from `from` (the embedded set's name) whose geography is
 * in none of the forms of awol_figure.geography (written by an older awol).
 */
int awol_store_figures_count(awol_store *st, const char *from, long *n, long *stale,
                             awol_error *err);
/* Insert or replace by id, in one transaction, recording `from` and the time. */
int awol_store_figures_write(awol_store *st, const awol_figure_list *l, const char *from,
                             awol_error *err);
/* Every row, ordered by id (out owns them: awol_figures_dispose). */
int awol_store_figures_read(awol_store *st, awol_figure_list *out, awol_error *err);

#endif
