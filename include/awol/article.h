/*
 * The charge-list parser: turns the text of a «Перечень статей» cell (or a
 * listing cell, or an act's wording) into structured charges.
 *
 * Forms understood include «ст.337 ч.5 УК РФ», «ст. 337 ч. 5», «ст.337 ч.3.1»,
 * «ст.183 ч.4; ст.290 ч.3 УК РФ», «ст.173.1 ч.2 п.б УК РФ», «ст.30 ч.3, ст.338 ч.1»,
 * «ст.12.15 ч.4 КоАП РФ», «УК РФ: ст. 337 ч.5», «КАРПОВ К.В. - ст.12.27 ч.2 КоАП РФ»,
 * any case, stray and non-breaking spaces.  Items that do not parse are kept
 * with article == NULL and their text: nothing is ever dropped.
 *
 * Ownership: arrays and strings are malloc'd; free with the matching *_free.
 */
#ifndef AWOL_ARTICLE_H
#define AWOL_ARTICLE_H

#include <stddef.h>

#include "awol/error.h"
#include "awol/page.h"

/* Parse `text` (UTF-8) and APPEND the charges to *charges / *n (realloc'd). */
int awol_article_parse(const char *text, awol_charge **charges, size_t *n, awol_error *err);
void awol_charges_free(awol_charge *charges, size_t n); /* frees strings and the array */

/* A cell naming several persons, each with charges («ИВАНОВ И.И. - ст.337 ч.5 УК РФ\nПЕТРОВ П.П. -
 * ст.338 ч.1 УК РФ»). */
typedef struct awol_article_group {
	char *name; /* NULL when the cell names nobody */
	awol_charge *charges;
	size_t ncharges;
} awol_article_group;

int awol_article_parse_groups(const char *text, awol_article_group **groups, size_t *ngroups,
                              awol_error *err);
void awol_article_groups_free(awol_article_group *groups, size_t n);

#endif
