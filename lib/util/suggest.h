/*
 * "Did you mean ...?": the nearest of a list of names to a mistyped one, by
 * Damerau-Levenshtein distance (optimal string alignment: insertions,
 * deletions, substitutions and transpositions of neighbours each cost 1).
 * Used by the CLI for options, commands, court codes, levels and names.
 *
 * Strings are UTF-8 and compared by code point, ignoring the case of Latin
 * and Cyrillic letters (ё as е), so «Гарнизонный» and «гарнизоный» are 1 apart.
 * Pure functions: nothing is kept, nothing printed.
 */
#ifndef AWOL_UTIL_SUGGEST_H
#define AWOL_UTIL_SUGGEST_H

#include <stddef.h>

/* The distance between a and b; SIZE_MAX when out of memory or a string is NULL. */
size_t awol_edit_distance(const char *a, const char *b);

/*
 * The candidate nearest to `word` (the first of equally near ones), or NULL
 * when none is within `max_dist`.  max_dist 0 means the default: a third of
 * the word's length in code points, at least 1 (so "stast" finds "stats" and
 * "artcle" finds "article", while "x" finds nothing two letters away).
 * An exact match (ignoring case) is returned too.  candidates may hold NULLs.
 */
const char *awol_suggest(const char *word, const char *const *candidates, size_t n,
                         size_t max_dist);

#endif
