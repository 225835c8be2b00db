/*
 * The articles a defendant is convicted of: «ч. 5 ст. 337 УК РФ», «части 3.1
 * статьи 337», «п. «а» ч. 2 ст. 158», «ст. 337 ч. 5», lists of them, and the
 * article the court requalified to («переквалифицировать с ч. 5 на ч. 4 ст. 337»).
 */
#include "util/common.h"
#include "verdict_priv.h"

#include <ctype.h>

typedef struct ref {
	char article[8], part[8], point[8];
	size_t a, b;
} ref;

static bool word(const vtext *t, size_t i, size_t to, const char *w, size_t *end)
{
	size_t l = strlen(w);

	if (i + l > to || memcmp(t->f + i, w, l) != 0 || vt_letter_before(t, i))
		return false;
	if (w[l - 1] != '.' && vt_letter_at(t, i + l))
		return false;
	*end = i + l;
	return true;
}

/* The token [s, j) into out (n bytes): j, or i with "" when it is empty or too long. */
static size_t take(const vtext *t, size_t i, size_t s, size_t j, char *out, size_t n)
{
	if (j == s || j - s >= n) {
		out[0] = '\0';
		return i;
	}
	memcpy(out, t->f + s, j - s);
	out[j - s] = '\0';
	return j;
}

/* «337», «3.1», «264.1» at i (after blanks); "" when none. */
static size_t number(const vtext *t, size_t i, size_t to, char *out, size_t n)
{
	size_t j = vt_skip_spaces(t, i, to), s = j;

	while (j < to && isdigit((unsigned char)t->f[j]))
		j++;
	if (j < to - 1 && t->f[j] == '.' && isdigit((unsigned char)t->f[j + 1])) {
		j++;
		while (j < to && isdigit((unsigned char)t->f[j]))
			j++;
	}
	return take(t, i, s, j, out, n);
}

/* «а» (in quotes or not) or «1» at i. */
static size_t point(const vtext *t, size_t i, size_t to, char *out, size_t n)
{
	size_t j = vt_skip_spaces(t, i, to), s;

	if (j < to && t->f[j] == '"')
		j++;
	s = j;
	if (j < to && vt_letter_at(t, j) &&
	    !vt_letter_at(t, j + ((unsigned char)t->f[j] < 0x80 ? 1 : 2)))
		j += (unsigned char)t->f[j] < 0x80 ? 1 : 2;
	else
		while (j < to && isdigit((unsigned char)t->f[j]))
			j++;
	if (take(t, i, s, j, out, n) == i)
		return i;
	if (j < to && t->f[j] == '"')
		j++;
	return j;
}

static size_t read_refs(const vtext *t, size_t a, size_t b, ref *refs, size_t max)
{
	static const char *const P[] = {"пункта", "пунктом", "пункт", "пп.", "п.", NULL};
	static const char *const C[] = {"частью", "части", "часть", "ч.", NULL};
	static const char *const S[] = {"статьей", "статьи", "статья", "статье", "ст.", NULL};
	char pend_part[8] = "", pend_point[8] = "";
	size_t n = 0, i = a, e;
	int k;

	while (i < b && n < max) {
		bool hit = false;
		for (k = 0; P[k] && !hit; k++)
			if (word(t, i, b, P[k], &e)) {
				i = point(t, e, b, pend_point, sizeof(pend_point));
				hit = true;
			}
		for (k = 0; C[k] && !hit; k++)
			if (word(t, i, b, C[k], &e)) {
				char part[8];
				i = number(t, e, b, part, sizeof(part));
				/* «ст. 337 ч. 5»: the part after its article */
				if (n && !refs[n - 1].part[0] &&
				    refs[n - 1].b + 3 >= e - strlen(C[k]) && !pend_point[0])
					snprintf(refs[n - 1].part, sizeof(refs[n - 1].part), "%s",
					         part);
				else
					snprintf(pend_part, sizeof(pend_part), "%s", part);
				hit = true;
			}
		for (k = 0; S[k] && !hit; k++)
			if (word(t, i, b, S[k], &e)) {
				ref *r = &refs[n];
				size_t s = i;
				memset(r, 0, sizeof(*r));
				if (strcmp(S[k], "ст.") == 0 && vt_find(t, e, e + 4, "ст.") == e)
					e += strlen("ст."); /* «ст.ст.» */
				i = number(t, e, b, r->article, sizeof(r->article));
				hit = true;
				if (!r->article[0])
					break;
				snprintf(r->part, sizeof(r->part), "%s", pend_part);
				snprintf(r->point, sizeof(r->point), "%s", pend_point);
				pend_part[0] = pend_point[0] = '\0';
				r->a = s;
				r->b = i;
				n++;
			}
		if (!hit)
			i++;
		/* «с ч. 5 на ч. 4 ст. 337»: a part whose article comes later or came before */
		if (pend_part[0] && n && i < b && t->f[i] == ' ' &&
		    vt_find(t, i, i + 5, " на ") == i && n < max) {
			ref *r = &refs[n];
			memset(r, 0, sizeof(*r));
			memcpy(r->article, refs[n - 1].article, sizeof(r->article));
			snprintf(r->part, sizeof(r->part), "%s", pend_part);
			r->a = r->b = i;
			pend_part[0] = '\0';
			n++;
		}
	}
	if (pend_part[0] && n && n < max) {
		/* «переквалифицировать с ч. 5 ст. 337 на ч. 4»: the article of the one before */
		ref *r = &refs[n];
		memset(r, 0, sizeof(*r));
		memcpy(r->article, refs[n - 1].article, sizeof(r->article));
		snprintf(r->part, sizeof(r->part), "%s", pend_part);
		r->a = r->b = b;
		n++;
	}
	return n;
}

void vd_articles(const vtext *t, size_t a, size_t b, vd_acc *x)
{
	static const char *const stop[] = {"назначить", "наказани", "в виде", NULL};
	ref refs[AWOL_VERDICT_MAX_ARTICLES * 2];
	size_t n, i, j, e = vt_find_any(t, a, b, stop, NULL), rq;

	if (e != VT_NPOS)
		b = e;
	/* requalified: only what comes after «на» counts */
	rq = vt_find(t, a, b, "переквалифицир");
	if (rq != VT_NPOS) {
		size_t na = vt_find(t, rq, b, " на ");
		if (na == VT_NPOS)
			return;
		/* «с ч. 5 на ч. 4 ст. 337»: read from «с» to keep the article, use the «на» side */
		{
			ref all[AWOL_VERDICT_MAX_ARTICLES * 2];
			size_t m = read_refs(t, rq, b, all, AWOL_ARRAY_SIZE(all)), k = 0;
			for (i = 0; i < m; i++)
				if (all[i].a >= na)
					refs[k++] = all[i];
			n = k;
		}
	} else
		n = read_refs(t, a, b, refs, AWOL_ARRAY_SIZE(refs));
	for (i = 0; i < n; i++) {
		/* the law: after the reference, before the next one */
		size_t lb = i + 1 < n ? refs[i + 1].a : b;
		bool dup = false;
		if (lb > refs[i].b + 40)
			lb = refs[i].b + 40;
		if (vt_has(t, refs[i].b, lb, "упк") || vt_has(t, refs[i].b, lb, "процессуальн") ||
		    vt_has(t, refs[i].b, lb, "коап"))
			continue;
		for (j = 0; j < x->narts; j++)
			dup |= strcmp(x->arts[j].article, refs[i].article) == 0 &&
			       strcmp(x->arts[j].part, refs[i].part) == 0 &&
			       strcmp(x->arts[j].point, refs[i].point) == 0;
		if (dup || x->narts == AWOL_VERDICT_MAX_ARTICLES)
			continue;
		snprintf(x->arts[x->narts].law, sizeof(x->arts[0].law), "УК РФ");
		snprintf(x->arts[x->narts].article, sizeof(x->arts[0].article), "%s",
		         refs[i].article);
		snprintf(x->arts[x->narts].part, sizeof(x->arts[0].part), "%s", refs[i].part);
		snprintf(x->arts[x->narts].point, sizeof(x->arts[0].point), "%s", refs[i].point);
		x->narts++;
	}
}
