/*
 * Russian personal names in free text: the candidate stems of a word (so that
 * «Иванов», «Иванова», «Иванову», «Ивановым», «Иванове» meet), a name split
 * into its parts, and a scanner that replaces every form of known names by a
 * label.  It knows no key and no database: lib/store supplies the lookup
 * (keyed hashes of the stems) and the labels (pseudonyms).
 */
#ifndef AWOL_UTIL_NAMES_H
#define AWOL_UTIL_NAMES_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"

#define AWOL_NAME_STEM_MAX 64 /* bytes of one stem, NUL included */
#define AWOL_NAME_STEMS 8     /* stems of one word at most */

/*
 * The word (UTF-8, `len` bytes) upper-cased (Ё as Е), and the word less each
 * declension ending it carries (-а, -у, -ым, -ой, -ого, -ому, -ий, -ая...),
 * keeping at least 3 letters.  Two forms of one name share at least one stem.
 * Returns how many stems were written (0 for a word of under 3 letters).
 */
size_t awol_name_stems(const char *word, size_t len, char stems[][AWOL_NAME_STEM_MAX], size_t max);

/* A person's name split into its words; initials are not parts. */
typedef struct awol_name_parts {
	char part[4][AWOL_NAME_STEM_MAX]; /* the words as written */
	size_t nparts;
	unsigned surname; /* bit i set: part[i] is (a word of) the surname */
} awol_name_parts;

/*
 * Split "Иванов Иван Иванович", "Иванов И.И.", "И.И. Иванов" or "Иванова-Петрова
 * А.Б.".  False when the name is not a person's (an organisation: a word not
 * capitalised, quotes, digits, more than four words) or is hidden.
 */
bool awol_name_split(const char *name, awol_name_parts *out);

/* What the scanner knows of the names it replaces. */
typedef struct awol_name_matcher {
	/*
	 * The person (>= 0) one of whose name words has this upper-case stem, or -1.
	 * *anchor: the stem is of a surname of 4 letters or more, which is replaced
	 * even alone; other words are replaced only next to initials or another word
	 * of the same person's name.
	 */
	int (*lookup)(void *ctx, const char *stem, bool *anchor);
	/* the text put in place of a person's name */
	const char *(*label)(void *ctx, int person);
	void *ctx;
} awol_name_matcher;

/*
 * Append `text` to `out` with every known name replaced: a capitalised word the
 * matcher knows, together with the initials ("И.И.", "И. И.") and the other words
 * of the same person's name around it.  *replaced (may be NULL) counts the names
 * replaced.
 */
int awol_name_redact(const char *text, const awol_name_matcher *m, awol_buf *out, size_t *replaced,
                     awol_error *err);

#endif
