/*
 * Published figures (data/published-figures.csv, embedded): what the press,
 * Mediazona, the Judicial Department and NGOs published, with provenance.
 * Ownership: a list owns its strings; free with awol_figures_dispose.
 */
#ifndef AWOL_FIGURES_H
#define AWOL_FIGURES_H

#include <stdbool.h>
#include <stddef.h>

#include "awol/error.h"
#include "awol/stats.h"
#include "awol/store.h"

typedef struct awol_figure {
	char *id, *metric, *unit, *articles, *period_start, *period_end, *source, *published, *url;
	/*
	 * Whose courts the figure counts (docs/figures.md): "national", "region:50" (region
	 * codes of the registry, '+' between several), "court:63GV0002" (court codes), or
	 * "other" (not a count of court cases by place: NGO requests, leaked lists).
	 */
	char *geography;
	double value; /* finite */
} awol_figure;

typedef struct awol_figure_list {
	awol_figure *items;
	size_t n;
} awol_figure_list;

int awol_figures_load_default(awol_figure_list *out, awol_error *err);
/*
 * A CSV with exactly the columns of data/published-figures.csv (in any order; an unknown
 * column is an error), ids unique, values finite decimal numbers, geography in one of
 * the forms above.  Errors name the file, the line and the column.
 */
int awol_figures_load_csv(const char *path, awol_figure_list *out, awol_error *err);
/* The same from memory; `name` names the input in errors. */
int awol_figures_parse(const char *name, const char *data, size_t len, awol_figure_list *out,
                       awol_error *err);
/* Whether a geography value has one of the forms above. */
bool awol_figures_geography_valid(const char *geography);
/* Store into the `figures` table (replacing rows with the same id), with provenance. */
int awol_figures_import(awol_store *st, const awol_figure_list *l, const char *from,
                        awol_error *err);
/* Read the `figures` table (loading the embedded set first if it is empty; a read-only
 * store gets the embedded set without storing it). */
int awol_figures_from_db(awol_store *st, awol_figure_list *out, awol_error *err);
const awol_figure *awol_figures_find(const awol_figure_list *l, const char *id);
void awol_figures_dispose(awol_figure_list *l); /* accepts NULL */

/*
 * Published figures beside our counts (`awol stats --compare`): the figures of `figs` we
 * can recount for a selection (articles "337,338" or NULL for all, ISO days from/to or
 * NULL), each with our count over the same courts: a national figure against our national
 * coverage, a regional one against the courts the registry places in its region, a
 * court's against that court.  The items borrow the figures: keep `figs` alive until the
 * comparison is disposed.
 */
typedef struct awol_figure_match {
	const awol_figure *figure; /* borrowed from figs */
	long ours; /* our count of the same unit, articles, period and place; -1 when none or
	              not collected */
	awol_stats_basis basis; /* what a national count of ours rests on (days, searched) */
	/* our coverage of the figure's courts and period is incomplete (or unknown): `ours` is
	 * a lower bound and the figure cannot be compared with it */
	bool lower_bound;
	char *note; /* owned: what our count rests on, or why there is none; never NULL */
} awol_figure_match;

typedef struct awol_figure_comparison {
	awol_figure_match *items;
	size_t n;
} awol_figure_comparison;

int awol_figures_compare(awol_store *st, const awol_figure_list *figs, const char *articles,
                         const char *from, const char *to, awol_figure_comparison *out,
                         awol_error *err);
void awol_figures_comparison_dispose(awol_figure_comparison *c); /* accepts NULL */
/* The `compare` array of `awol stats --format json` (a new reference; NULL: no memory). */
struct json_t;
struct json_t *awol_figures_comparison_to_json(const awol_figure_comparison *c);

#endif
