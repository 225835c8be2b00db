/*
 * The folded form of an act text the verdict reader searches, private to
 * lib/verdict: lower case, «ё» as «е», every run of white space one ' ' (or
 * one '\n' when it held a line break), with a map back to the original bytes
 * so that evidence quotes the words as the court wrote them.  Folding is one
 * pass; everything after is fixed-string search (memmem) on short ranges.
 */
#ifndef AWOL_VERDICT_VTEXT_H
#define AWOL_VERDICT_VTEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define VT_NPOS ((size_t)-1)

typedef struct vtext {
	const char *orig; /* borrowed */
	size_t olen;
	char *f;       /* folded, NUL-terminated */
	size_t n;      /* bytes in f */
	uint32_t *pos; /* pos[i]: offset in orig of f[i]; pos[n] == olen */
	bool *upper;   /* upper[i]: f[i] starts a letter written in upper case */
} vtext;

int vt_init(vtext *t, const char *text, size_t len);
void vt_dispose(vtext *t);

/* First occurrence of pat in f[from, to), VT_NPOS when none. */
size_t vt_find(const vtext *t, size_t from, size_t to, const char *pat);
/* Last occurrence of pat starting in f[from, to). */
size_t vt_rfind(const vtext *t, size_t from, size_t to, const char *pat);
/* First occurrence of any of the NULL-terminated pats; *which (may be NULL) gets its index. */
size_t vt_find_any(const vtext *t, size_t from, size_t to, const char *const *pats, int *which);
static inline bool vt_has(const vtext *t, size_t from, size_t to, const char *pat)
{
	return vt_find(t, from, to, pat) != VT_NPOS;
}
/*
 * A reference to article `num` of a code: the number after «ст.», «статьи»,
 * «статьей» ... (within a few bytes), not part of a longer number («73» is
 * not in «173» nor «73.1»).  Returns its position or VT_NPOS.
 */
size_t vt_find_article(const vtext *t, size_t from, size_t to, const char *num);

bool vt_letter_at(const vtext *t, size_t i);     /* f[i] starts a letter (Cyrillic or Latin) */
bool vt_letter_before(const vtext *t, size_t i); /* the character ending at i-1 is a letter */
size_t vt_char_start(const vtext *t, size_t i);  /* back to the first byte of a character */
size_t vt_skip_spaces(const vtext *t, size_t i, size_t to);

/*
 * A redaction at i (after blanks): «<данные изъяты>», «[данные изъяты]»,
 * «данные изъяты», «...», «…», «*»; *end gets the position after it.
 */
bool vt_redaction_at(const vtext *t, size_t i, size_t to, size_t *end);

/*
 * A count at i: digits («5», «100 000»), digits with words in brackets
 * («5 (пять)»), or words («шесть», «двадцать два», «полтора» = 1.5 as 15
 * tenths when tenths is not NULL).  Returns the value (>= 0) and sets *end, or -1.
 */
long long vt_number(const vtext *t, size_t i, size_t to, size_t *end);

/*
 * A term at i: «5 (пять) лет», «4 года 6 месяцев», «шесть месяцев», «1 год и
 * 6 месяцев», «полтора года».  Returns months (>= 0) and sets *end; -1 when no
 * term; -2 when the term is redacted (*end past the redaction).
 */
int vt_term(const vtext *t, size_t i, size_t to, size_t *end);

/*
 * A date at i: «03.03.2023», «3 марта 2023 г.», «3 марта 2023 года»; a
 * redacted date («ДД.ММ.ГГГГ», «<дата>», «<данные изъяты>») returns 2 with
 * iso "", a date 1 with iso filled, none 0.  *end after it.
 */
int vt_date(const vtext *t, size_t i, size_t to, char iso[11], size_t *end);

/* The original words of f[a, b), white space collapsed, at most max bytes (cut at a
 * character, "…" added).  malloc'd; NULL on failure. */
char *vt_quote(const vtext *t, size_t a, size_t b, size_t max);

#endif
