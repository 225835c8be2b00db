/*
 * The act texts held by one input, as plain UTF-8 text: an act page
 * (name_op=doc), a card embedding its acts' texts, any other HTML file, or a
 * plain text file; windows-1251 or UTF-8.  Only lib/sudrf knows the pages;
 * this is what `awol verdict` reads through.
 *
 * Ownership: *out is an array of n texts the caller frees with
 * awol_act_texts_free.
 */
#ifndef AWOL_ACT_TEXT_H
#define AWOL_ACT_TEXT_H

#include <stddef.h>

#include "awol/error.h"

typedef struct awol_act_text {
	char *where; /* NULL for the whole input; "act 2" for a card's second act */
	char *title; /* the act's title on a card («Приговор»), or NULL */
	char *text;  /* UTF-8, white space cleaned, never NULL */
} awol_act_text;

/*
 * Split raw bytes into act texts.  A card with no embedded text gives n = 0
 * and an error naming why; a page the site serves for a missing act
 * («ПУСТОЙ ДОКУМЕНТ») gives one text saying so.  Returns < 0 on a failure
 * to decode or on memory; err names `source`.
 */
int awol_act_texts(const char *data, size_t len, const char *source, const char *content_type,
                   awol_act_text **out, size_t *n, awol_error *err);
void awol_act_texts_free(awol_act_text *a, size_t n); /* accepts NULL */

#endif
