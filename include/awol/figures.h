/*
 * Published figures (data/published-figures.csv, embedded): what the press,
 * Mediazona, the Judicial Department and NGOs published, with provenance.
 * Ownership: a list owns its strings; free with awol_figures_dispose.
 */
#ifndef AWOL_FIGURES_H
#define AWOL_FIGURES_H

#include <stddef.h>

#include "awol/error.h"
#include "awol/store.h"

typedef struct awol_figure {
	char *id, *metric, *unit, *articles, *period_start, *period_end, *geography, *source,
	    *published, *url;
	double value;
} awol_figure;

typedef struct awol_figure_list {
	awol_figure *items;
	size_t n;
} awol_figure_list;

int awol_figures_load_default(awol_figure_list *out, awol_error *err);
/* A CSV with the columns of data/published-figures.csv; errors name the file and line. */
int awol_figures_load_csv(const char *path, awol_figure_list *out, awol_error *err);
/* Store into the `figures` table (replacing rows with the same id), with provenance. */
int awol_figures_import(awol_store *st, const awol_figure_list *l, const char *from,
                        awol_error *err);
/* Read the `figures` table (loading the embedded set first if it is empty; a read-only
 * store gets the embedded set without storing it). */
int awol_figures_from_db(awol_store *st, awol_figure_list *out, awol_error *err);
const awol_figure *awol_figures_find(const awol_figure_list *l, const char *id);
void awol_figures_dispose(awol_figure_list *l); /* accepts NULL */

#endif
